/* fuzz-url.c: cluster URLs, and how messages quote them
 *
 * _flink_endpoint_parse() takes what a person or a configuration file
 * gives as a cluster URL; _flink_url_redact() quotes any text, however
 * malformed, without its credentials. A byte 0x01 in the input stands for
 * a secret ("QSECRETQ") so that the fuzzer can put one anywhere.
 *
 * Invariants: an endpoint (http or https, a host, a port from 1 to 65535,
 * no query or fragment) or a FLINK_ERROR_INVALID_ARGUMENT; what is quoted
 * is UTF-8 without control characters, bounded, holds no '@', and holds
 * the secret only where it is not user information, query or fragment.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "flink-url-private.h"

#define SECRET "QSECRETQ"
#define URI_FLAGS (G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD)

static char *
expand_secrets (const uint8_t *data,
                size_t         size)
{
  GString *text = g_string_sized_new (size);

  for (size_t i = 0; i < size && data[i] != '\0'; i++)
    {
      if (data[i] == 0x01)
        g_string_append (text, SECRET);
      else
        g_string_append_c (text, data[i]);
    }
  return g_string_free (text, FALSE);
}

static gboolean
holds_secret (const char *text)
{
  return text != NULL && strstr (text, SECRET) != NULL;
}

/* Whether @text's secrets may be shown: those of a URL that GUri parses
 * are its host's, path's or scheme's; anything else shows only what
 * follows its last '@'. */
static gboolean
secret_may_show (const char *text)
{
  g_autoptr(GUri) uri = g_uri_parse (text, URI_FLAGS, NULL);
  g_autofree char *partial = NULL;
  const char *at;

  if (uri != NULL && g_uri_get_host (uri) != NULL)
    partial = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO | G_URI_HIDE_AUTH_PARAMS |
                                            G_URI_HIDE_QUERY | G_URI_HIDE_FRAGMENT);
  if (partial != NULL && strchr (partial, '@') == NULL)
    return holds_secret (g_uri_get_scheme (uri)) || holds_secret (g_uri_get_host (uri)) ||
           holds_secret (g_uri_get_path (uri));
  at = strrchr (text, '@');
  if (at == NULL)
    at = text;
  /* After the last '@' and before a query or fragment. */
  {
    g_autofree char *visible = g_strndup (at, strcspn (at, "?#"));
    const char *scheme_end = strstr (text, "://");
    g_autofree char *scheme = scheme_end ? g_strndup (text, scheme_end - text) : NULL;

    return holds_secret (visible) || holds_secret (scheme);
  }
}

static void
check_quoted (const char *quoted,
              const char *text,
              const char *what)
{
  fuzz_check_utf8 (quoted, what);
  FUZZ_CHECK (strchr (quoted, '@') == NULL, "%s holds an '@': %s", what, quoted);
  for (const char *p = quoted; *p != '\0'; p++)
    FUZZ_CHECK ((guchar) *p >= 0x20 && *p != 0x7f, "%s holds a control character", what);
  FUZZ_CHECK (!holds_secret (quoted) || secret_may_show (text), "%s shows a secret of “%s”: %s",
              what, text, quoted);
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = expand_secrets (data, size);
  g_autofree char *redacted = _flink_url_redact (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) endpoint = NULL;

  fuzz_init ();
  check_quoted (redacted, text, "redacted text");
  FUZZ_CHECK (strlen (redacted) <= FLINK_URL_MAX_SHOWN + 2 * strlen ("?…") + strlen ("…") + 3,
              "%zu bytes shown", strlen (redacted));

  endpoint = _flink_endpoint_parse (text, &error);
  fuzz_check_outcome (endpoint, error, FLINK_ERROR_INVALID_ARGUMENT, "endpoint");
  if (endpoint == NULL)
    {
      /* “QUOTED” is not a cluster URL: ... */
      const char *open = strstr (error->message, "“");
      const char *close = open ? strstr (open, "”") : NULL;

      if (open != NULL && close != NULL)
        {
          g_autofree char *quoted = g_strndup (open + strlen ("“"), close - open - strlen ("“"));

          check_quoted (quoted, text, "quoted URL");
        }
      FUZZ_CHECK (!holds_secret (error->message) || secret_may_show (text),
                  "the error shows a secret of “%s”: %s", text, error->message);
      return 0;
    }

  {
    g_autofree char *shown = _flink_endpoint_to_display (endpoint);
    g_autoptr(GUri) reparsed = NULL;
    const char *scheme = g_uri_get_scheme (endpoint);

    FUZZ_CHECK (g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0, "scheme %s", scheme);
    FUZZ_CHECK (g_uri_get_host (endpoint) != NULL && g_uri_get_host (endpoint)[0] != '\0', "no host");
    FUZZ_CHECK (g_uri_get_port (endpoint) == -1 ||
                (g_uri_get_port (endpoint) >= 1 && g_uri_get_port (endpoint) <= 65535),
                "port %d", g_uri_get_port (endpoint));
    FUZZ_CHECK (g_uri_get_query (endpoint) == NULL && g_uri_get_fragment (endpoint) == NULL,
                "a query or fragment");
    fuzz_check_utf8 (shown, "endpoint display");
    reparsed = g_uri_parse (shown, URI_FLAGS, NULL);
    FUZZ_CHECK (reparsed == NULL || g_uri_get_userinfo (reparsed) == NULL,
                "the display of “%s” holds user information: %s", text, shown);
    FUZZ_CHECK (!holds_secret (shown) || !holds_secret (g_uri_get_userinfo (endpoint)) ||
                holds_secret (g_uri_get_host (endpoint)) || holds_secret (g_uri_get_path (endpoint)),
                "the display of “%s” shows its user information: %s", text, shown);
  }
  return 0;
}
