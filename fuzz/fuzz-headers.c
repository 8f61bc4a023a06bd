/* fuzz-headers.c: extra HTTP headers, from the API and from
 * FLINK_REST_CLIENT_HEADERS
 *
 * The first byte chooses: _flink_header_check() on a name and a value
 * (split at the first NUL), as flink_cluster_descriptor_add_header() uses
 * it, or _flink_headers_append_from_text() on the environment variable's
 * text. A secret ("<SECRET>") is appended to the value, or put after each
 * colon of the text, so that it is in every value.
 *
 * Invariants: what is accepted, libsoup takes without a warning (the
 * target aborts on any) and sends as given; what is refused is a
 * FLINK_ERROR_INVALID_ARGUMENT whose message never shows a value.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fuzz-common.h"
#include "flink-headers-private.h"

#define SECRET "<SECRET>"

static void
check_refusal (const GError *error)
{
  fuzz_check_outcome (NULL, error, FLINK_ERROR_INVALID_ARGUMENT, "header refusal");
  FUZZ_CHECK (strstr (error->message, SECRET) == NULL, "a value is shown: %s", error->message);
}

static void
check_one (const char *name,
           const char *given_value)
{
  g_autofree char *value = g_strconcat (given_value, SECRET, NULL);
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GError) error = NULL;

  if (!_flink_header_check (name, value, &error))
    {
      check_refusal (error);
      return;
    }
  soup_message_headers_append (headers, name, value);
  FUZZ_CHECK (g_strcmp0 (soup_message_headers_get_one (headers, name), value) == 0,
              "libsoup did not keep the header");
}

static void
check_header_cb (const char *name,
                 const char *value,
                 gpointer    user_data)
{
  g_autoptr(GError) error = NULL;

  FUZZ_CHECK (_flink_header_check (name, value, &error), "an accepted header fails the check: %s",
              error->message);
  FUZZ_CHECK (!g_ascii_isspace (value[0]) && (value[0] == '\0' || !g_ascii_isspace (value[strlen (value) - 1])),
              "space around a value");
  (*(guint *) user_data)++;
}

static void
check_text (const char *given)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pieces = g_strsplit (given, ":", -1);
  g_autofree char *text = g_strjoinv (":" SECRET, pieces);
  guint n = 0;

  if (!_flink_headers_append_from_text (headers, text, "FLINK_REST_CLIENT_HEADERS", &error))
    {
      check_refusal (error);
      FUZZ_CHECK (g_str_has_prefix (error->message, "Line "), "no line: %s", error->message);
      soup_message_headers_foreach (headers, check_header_cb, &n);
      FUZZ_CHECK (n == 0, "%u headers kept from a refused text", n);
      return;
    }
  soup_message_headers_foreach (headers, check_header_cb, &n);
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_init ();
  if (size < 1)
    return 0;
  if (data[0] & 1)
    {
      g_autofree char *text = fuzz_strndup (data + 1, size - 1);

      check_text (text);
    }
  else
    {
      const char *name = (const char *) data + 1;
      size_t name_length = strnlen (name, size - 1);
      g_autofree char *name_copy = g_strndup (name, name_length);
      g_autofree char *value = name_length + 1 < size - 1
        ? fuzz_strndup (data + 2 + name_length, size - 2 - name_length) : g_strdup ("");

      check_one (name_copy, value);
    }
  return 0;
}
