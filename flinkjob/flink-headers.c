/* flink-headers.c: extra HTTP headers that a person sets
 *
 * libsoup refuses a header whose name holds a space or whose value holds
 * a line break with a critical warning, and drops it: a credential header
 * would then be missing without a word. Here such a header is refused
 * with an error that names it. Values may be credentials: no message
 * quotes them.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "flinkjob.h"
#include "flink-headers-private.h"
#include "flink-i18n-private.h"

/* RFC 9110, 5.6.2: tchar. */
static gboolean
is_token_char (guchar c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+-.^_`|~", c) != NULL);
}

/* @c as a message shows it: “=”, or U+000D for what cannot be seen. */
static char *
describe_char (guchar c)
{
  if (c > 0x20 && c < 0x7f)
    return g_strdup_printf ("“%c”", c);
  if (c == ' ')
    return g_strdup ("a space");
  if (c < 0x80)
    return g_strdup_printf ("U+%04X", c);
  return g_strdup_printf ("the byte 0x%02X", c);
}

gboolean
_flink_header_check (const char *name,
                     const char *value,
                     GError    **error)
{
  gsize valid;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (name[0] == '\0')
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                           _ ("A header name cannot be empty"));
      return FALSE;
    }
  for (valid = 0; name[valid] != '\0' && is_token_char (name[valid]); valid++)
    ;
  if (name[valid] != '\0')
    {
      /* The name up to what is wrong with it: what follows might be a
       * value given without its colon. */
      g_autofree char *what = describe_char (name[valid]);

      if (valid == 0)
        g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                     _ ("A header name cannot start with %s: it may hold only letters, "
                        "digits and !#$%%&'*+-.^_`|~"),
                     what);
      else
        g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                     _ ("The header name “%.*s…” holds %s, which a header name cannot "
                        "hold: it may hold only letters, digits and !#$%%&'*+-.^_`|~"),
                     (int) valid, name, what);
      return FALSE;
    }

  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '\r' || c == '\n')
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                       _ ("The value of the header %s holds a line break, which HTTP "
                          "does not allow in a header"),
                       name);
          return FALSE;
        }
      if ((c < 0x20 && c != '\t') || c == 0x7f)
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                       _ ("The value of the header %s holds the control character U+%04X, "
                          "which HTTP does not allow in a header"),
                       name, c);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
_flink_headers_append_from_text (SoupMessageHeaders *headers,
                                 const char         *text,
                                 const char         *source,
                                 GError            **error)
{
  g_auto (GStrv)        lines = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GPtrArray) values = g_ptr_array_new ();

  if (text == NULL || text[0] == '\0')
    return TRUE;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char              *line = lines[i];
      char              *colon = strchr (line, ':');
      g_autoptr (GError) local_error = NULL;

      if (colon == NULL)
        {
          /* Flink's client skips such lines too. The line may be a value
           * whose name was forgotten: not shown. */
          if (g_strstrip (line)[0] != '\0')
            g_debug ("Skipped line %u of %s, which has no colon "
                     "(expected Name:value)",
                     i + 1, source);
          continue;
        }
      *colon = '\0';
      /* g_strstrip() takes the '\r' of CRLF line ends too. */
      g_strstrip (line);
      g_strstrip (colon + 1);
      if (!_flink_header_check (line, colon + 1, &local_error))
        {
          /* "Line 2 of FLINK_REST_CLIENT_HEADERS: the header name ..." */
          local_error->message[0] = g_ascii_tolower (local_error->message[0]);
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                       _ ("Line %u of %s: %s"), i + 1, source, local_error->message);
          return FALSE;
        }
      g_ptr_array_add (names, line);
      g_ptr_array_add (values, colon + 1);
    }

  for (guint i = 0; i < names->len; i++)
    {
      soup_message_headers_append (headers, names->pdata[i], values->pdata[i]);
      /* Names only: values may be credentials. */
      g_debug ("Header %s taken from %s", (const char *) names->pdata[i], source);
    }
  return TRUE;
}
