/* flink-url.c: cluster URLs as messages show them
 *
 * A URL that a person gives may hold a password
 * (http://user:secret@host), a token as the user name
 * (http://TOKEN@host), or a credential in its query (?token=...).
 * Messages quote it without any of these, valid or not.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "flink-error-private.h"
#include "flink-url-private.h"

/* Where the authority of @text starts: after "scheme://" when @text starts
 * with a scheme as RFC 3986 defines it, else at 0. */
static gsize
authority_start (const char *text)
{
  gsize i = 0;

  if (!g_ascii_isalpha (text[0]))
    return 0;
  while (g_ascii_isalnum (text[i]) || text[i] == '+' || text[i] == '-' || text[i] == '.')
    i++;
  return g_str_has_prefix (text + i, "://") ? i + 3 : 0;
}

char *
_flink_url_redact (const char *text)
{
  g_autoptr (GUri) uri = NULL;
  g_autofree char *partial = NULL;
  GString         *shown = g_string_new (NULL);
  const char      *rest;
  const char      *at;
  gsize            start;
  gsize            end;

  if (text == NULL)
    return g_string_free (shown, FALSE);

  /* A URL that parses: its own view of what is user information, unless
   * what would be shown still holds an '@' (http://user:/secret@host
   * parses with the host "user" and the path "/secret@host";
   * http://user:se@cret@host with the host "cret@host"). */
  uri = g_uri_parse (text, G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD, NULL);
  if (uri != NULL && g_uri_get_host (uri) != NULL)
    partial = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO | G_URI_HIDE_AUTH_PARAMS |
                                              G_URI_HIDE_QUERY | G_URI_HIDE_FRAGMENT);
  if (partial != NULL && strchr (partial, '@') == NULL)
    {
      _flink_string_append_shown (shown, FLINK_URL_MAX_SHOWN, partial, strlen (partial));
      if (g_uri_get_query (uri) != NULL)
        g_string_append (shown, "?…");
      if (g_uri_get_fragment (uri) != NULL)
        g_string_append (shown, "#…");
      return g_string_free (shown, FALSE);
    }

  /* Anything else: everything up to its last '@' may be a credential
   * (a password may hold '/', '?', '#' and '@' where it should have been
   * escaped), and so may a query. */
  start = authority_start (text);
  _flink_string_append_shown (shown, FLINK_URL_MAX_SHOWN, text, start);
  rest = text + start;
  at = strrchr (rest, '@');
  if (at != NULL)
    rest = at + 1;
  end = strcspn (rest, "?#");
  _flink_string_append_shown (shown, FLINK_URL_MAX_SHOWN, rest, end);
  if (rest[end] == '?')
    g_string_append (shown, "?…");
  else if (rest[end] == '#')
    g_string_append (shown, "#…");
  return g_string_free (shown, FALSE);
}
