/* fuzz-common.c: what every flinkjob fuzz target checks
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"

void
fuzz_fail (const char *where,
           const char *condition,
           const char *format,
           ...)
{
  va_list args;

  fprintf (stderr, "\n*** flinkjob fuzz invariant broken at %s: %s\n    ", where, condition);
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fprintf (stderr, "\n");
  abort ();
}

static GLogWriterOutput
log_writer_cb (GLogLevelFlags   log_level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  const char *message = "";

  if ((log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) == 0)
    return G_LOG_WRITER_HANDLED;
  for (gsize i = 0; i < n_fields; i++)
    if (strcmp (fields[i].key, "MESSAGE") == 0)
      message = fields[i].value;
  fuzz_fail (G_STRLOC, "no warning", "GLib logged a warning or critical: %s", message);
}

void
fuzz_init (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  /* libsoup's g_return_if_fail() on a bad header is such a critical. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_log_set_writer_func (log_writer_cb, NULL, NULL);
}

char *
fuzz_strndup (const uint8_t *data,
              size_t         size)
{
  return g_strndup ((const char *) data, size);
}

void
fuzz_check_utf8 (const char *text,
                 const char *what)
{
  const char *end = NULL;

  if (text != NULL && !g_utf8_validate (text, -1, &end))
    fuzz_fail (G_STRLOC, "g_utf8_validate", "%s is not UTF-8 (byte 0x%02x at offset %td)",
               what, (guchar) *end, end - text);
}

void
fuzz_check_outcome (gconstpointer  result,
                    const GError  *error,
                    int            code,
                    const char    *what)
{
  FUZZ_CHECK ((result == NULL) != (error == NULL), "%s: result %p, error %s", what, result,
              error ? error->message : "(none)");
  if (error == NULL)
    return;
  FUZZ_CHECK (error->domain == FLINK_ERROR, "%s: error in %s: %s", what,
              g_quark_to_string (error->domain), error->message);
  FUZZ_CHECK (code < 0 || error->code == code, "%s: code %d, not %d: %s", what,
              error->code, code, error->message);
  FUZZ_CHECK (error->message != NULL && error->message[0] != '\0', "%s: empty message", what);
  fuzz_check_utf8 (error->message, what);
}

static void check_object_depth (GObject *object,
                                guint    depth);

static void
check_list_depth (GListModel *list,
                  guint       depth)
{
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      FUZZ_CHECK (item != NULL, "item %u of %u is NULL", i, n);
      check_object_depth (item, depth + 1);
    }
}

static void
check_object_depth (GObject *object,
                    guint    depth)
{
  g_autofree GParamSpec **specs = NULL;
  guint n_specs;

  FUZZ_CHECK (depth < 16, "records nest %u deep", depth);
  specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_specs);
  for (guint i = 0; i < n_specs; i++)
    {
      GParamSpec *spec = specs[i];
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *what = NULL;

      if ((spec->flags & G_PARAM_READABLE) == 0)
        continue;
      what = g_strdup_printf ("%s:%s", G_OBJECT_TYPE_NAME (object), spec->name);
      g_value_init (&value, spec->value_type);
      g_object_get_property (object, spec->name, &value);

      if (G_VALUE_HOLDS_STRING (&value))
        fuzz_check_utf8 (g_value_get_string (&value), what);
      else if (G_VALUE_HOLDS (&value, G_TYPE_STRV))
        {
          const char * const *strv = g_value_get_boxed (&value);

          for (guint j = 0; strv != NULL && strv[j] != NULL; j++)
            fuzz_check_utf8 (strv[j], what);
        }
      else if (G_VALUE_HOLDS_OBJECT (&value) && g_value_get_object (&value) != NULL)
        {
          GObject *child = g_value_get_object (&value);

          if (G_IS_LIST_MODEL (child))
            check_list_depth (G_LIST_MODEL (child), depth);
          else if (g_str_has_prefix (G_OBJECT_TYPE_NAME (child), "Flink"))
            check_object_depth (child, depth + 1);
        }
    }
}

void
fuzz_check_object (GObject *object)
{
  if (object != NULL)
    check_object_depth (object, 0);
}

void
fuzz_check_list (GListModel *list)
{
  if (list != NULL)
    check_list_depth (list, 0);
}
