/* flinkjob-output.c: JSON and human output of the flinkjob command
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "flinkjob-tool.h"

/* ---- JSON ----------------------------------------------------------------- */

/* A builder with an object begun: add members, then fj_json_end (). */
JsonBuilder *
fj_json_begin (void)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  return builder;
}

/* Ends the object and prints it on stdout, pretty when stdout is a
 * terminal, one line otherwise. */
void
fj_json_end (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, isatty (STDOUT_FILENO));
  text = json_generator_to_data (generator, NULL);
  fj_progress_stop ();
  printf ("%s\n", text);
  fflush (stdout);
}

void
fj_json_string (JsonBuilder *builder,
                const char  *name,
                const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
fj_json_int (JsonBuilder *builder,
             const char  *name,
             gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
fj_json_bool (JsonBuilder *builder,
              const char  *name,
              gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

/* "accumulators": [{"name", "type", "value"}, ...] */
void
fj_json_accumulators (JsonBuilder *builder,
                      GListModel  *accumulators)
{
  json_builder_set_member_name (builder, "accumulators");
  json_builder_begin_array (builder);
  for (guint i = 0; accumulators && i < g_list_model_get_n_items (accumulators); i++)
    {
      g_autoptr(FlinkAccumulator) accumulator = g_list_model_get_item (accumulators, i);

      json_builder_begin_object (builder);
      fj_json_string (builder, "name", flink_accumulator_get_name (accumulator));
      fj_json_string (builder, "type", flink_accumulator_get_accumulator_type (accumulator));
      fj_json_string (builder, "value", flink_accumulator_get_value (accumulator));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* {"error": {"domain", "code", "message", "exit_code"[, "job_id", "job_status"]}} */
void
fj_print_json_error (GError     *error,
                     int         exit_code,
                     const char *job_status)
{
  g_autoptr(JsonBuilder) builder = fj_json_begin ();

  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  fj_json_string (builder, "domain", g_quark_to_string (error->domain));
  fj_json_int (builder, "code", error->code);
  fj_json_string (builder, "message", error->message);
  fj_json_int (builder, "exit_code", exit_code);
  if (fj.job_id != NULL && (exit_code == FJ_EXIT_INTERRUPTED || exit_code == FJ_EXIT_TIMED_OUT))
    {
      fj_json_string (builder, "job_id", fj.job_id);
      fj_json_string (builder, "job_status", job_status);
    }
  json_builder_end_object (builder);
  fj_json_end (builder);
}

/* ---- Human output --------------------------------------------------------- */

/* Milliseconds since the epoch as local time; "-" when absent (<= 0). */
char *
fj_format_time (gint64 ms)
{
  g_autoptr(GDateTime) time = NULL;

  if (ms <= 0)
    return g_strdup ("-");
  time = g_date_time_new_from_unix_local (ms / 1000);
  if (time == NULL)
    return g_strdup ("-");
  return g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
}

/* A duration in milliseconds as people read it; "-" when absent (< 0). */
char *
fj_format_duration (gint64 ms)
{
  gint64 s = ms / 1000;

  if (ms < 0)
    return g_strdup ("-");
  if (ms < 1000)
    return g_strdup_printf ("%" G_GINT64_FORMAT " ms", ms);
  if (ms < 60 * 1000)
    return g_strdup_printf ("%.1f s", ms / 1000.0);
  if (s < 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT "m %02" G_GINT64_FORMAT "s", s / 60, s % 60);
  if (s < 86400)
    return g_strdup_printf ("%" G_GINT64_FORMAT "h %02" G_GINT64_FORMAT "m %02" G_GINT64_FORMAT "s",
                            s / 3600, (s / 60) % 60, s % 60);
  return g_strdup_printf ("%" G_GINT64_FORMAT "d %02" G_GINT64_FORMAT "h %02" G_GINT64_FORMAT "m",
                          s / 86400, (s / 3600) % 24, (s / 60) % 60);
}

/* "org.apache.flink.api.common.accumulators.LongCounter" -> "LongCounter" */
const char *
fj_short_class (const char *java_class)
{
  const char *dot;

  if (java_class == NULL)
    return "-";
  dot = strrchr (java_class, '.');
  return dot ? dot + 1 : java_class;
}

/* "Key:        value" */
void
fj_print_field (const char *key,
                const char *format,
                ...)
{
  g_autofree char *label = g_strconcat (key, ":", NULL);
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  printf ("%-17s %s\n", label, value);
}

struct _FjTable
{
  guint n_columns;
  GPtrArray *rows; /* of GStrv */
};

static GStrv
collect_cells (const char *first,
               va_list     args)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (const char *cell = first; cell != NULL; cell = va_arg (args, const char *))
    g_strv_builder_add (builder, cell);
  return g_strv_builder_end (builder);
}

/* A table with aligned columns: headings, then rows of as many cells. */
FjTable *
fj_table_new (const char *first_heading,
              ...)
{
  FjTable *table = g_new0 (FjTable, 1);
  GStrv headings;
  va_list args;

  va_start (args, first_heading);
  headings = collect_cells (first_heading, args);
  va_end (args);

  table->n_columns = g_strv_length (headings);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (table->rows, headings);
  return table;
}

void
fj_table_add (FjTable    *table,
              const char *first_cell,
              ...)
{
  GStrv cells;
  va_list args;

  va_start (args, first_cell);
  cells = collect_cells (first_cell, args);
  va_end (args);

  g_assert (g_strv_length (cells) == table->n_columns);
  g_ptr_array_add (table->rows, cells);
}

static glong
text_width (const char *text)
{
  return g_utf8_validate (text, -1, NULL) ? g_utf8_strlen (text, -1) : (glong) strlen (text);
}

void
fj_table_print (FjTable    *table,
                const char *indent)
{
  g_autofree glong *widths = g_new0 (glong, table->n_columns);

  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], text_width (cells[c]));
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv cells = g_ptr_array_index (table->rows, r);
      g_autoptr(GString) line = g_string_new (indent);

      for (guint c = 0; c < table->n_columns; c++)
        {
          g_string_append (line, cells[c]);
          if (c + 1 < table->n_columns)
            {
              for (glong pad = text_width (cells[c]); pad < widths[c] + 2; pad++)
                g_string_append_c (line, ' ');
            }
        }
      printf ("%s\n", line->str);
    }
}

void
fj_table_free (FjTable *table)
{
  g_ptr_array_unref (table->rows);
  g_free (table);
}
