/* flinkjob-output.c: results as text or JSON, and server text made safe
 *
 * Every command ends the same way: it builds its result as a JSON object
 * (schema: docs/cli-json.md) and hands it to fj_print_result () with a
 * function that prints that object for people. With --json the object goes
 * to stdout as it is; otherwise the text function reads it. So both forms
 * show the same facts, and the choice between them is made here only.
 *
 * Text from the cluster (job and vertex names, error messages, accumulator
 * values, exception text, paths) is not trusted to be valid UTF-8 or free of
 * terminal control sequences: fj_safe_text () makes it valid and escapes
 * control characters, and every human output below goes through it. JSON
 * output gets valid UTF-8 (fj_json_string ()) and escapes for every control
 * character (emit_json ()).
 *
 * The progress line of long operations goes to stderr, and only when it is
 * a terminal: fj_progress_start ().
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "flinkjob-builtins.h"

/* ---- Safe text ------------------------------------------------------------ */

/* Is @c a control character that a terminal may act on: C0 (but those
 * @kind keeps), DEL, or C1 (U+0080..U+009F, such as U+009B, CSI)? */
static gboolean
is_control (gunichar   c,
            FjTextKind kind)
{
  if (kind == FJ_TEXT_LINES && (c == '\n' || c == '\t'))
    return FALSE;
  return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f);
}

/**
 * fj_safe_text:
 * @text: (nullable): text as the cluster sent it
 * @kind: one line, or several
 *
 * @text made safe to print on a terminal: valid UTF-8 (an invalid sequence,
 * such as a lone surrogate that JSON allowed, becomes U+FFFD), and control
 * characters written as C escapes (`\r`, `\t`, `\e`, `\x07`, `\u009b`), so
 * that an escape sequence in a job name cannot move the cursor, recolour
 * the terminal or hide what follows. %FJ_TEXT_LINES keeps newlines and tabs.
 *
 * Returns: (transfer full): the safe text ("" for %NULL)
 */
char *
fj_safe_text (const char *text,
              FjTextKind  kind)
{
  g_autofree char *valid = NULL;
  GString         *safe;

  if (text == NULL)
    return g_strdup ("");
  valid = g_utf8_make_valid (text, -1);
  safe = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_control (c, kind))
        g_string_append_unichar (safe, c);
      else if (c == '\n')
        g_string_append (safe, "\\n");
      else if (c == '\r')
        g_string_append (safe, "\\r");
      else if (c == '\t')
        g_string_append (safe, "\\t");
      else if (c == 0x1b)
        g_string_append (safe, "\\e");
      else if (c < 0x80)
        g_string_append_printf (safe, "\\x%02x", c);
      else
        g_string_append_printf (safe, "\\u%04x", c);
    }
  return g_string_free (safe, FALSE);
}

/* Prints one line on stdout, made safe: the format's own text is ours, the
 * values may come from the cluster. */
void
fj_print_line (const char *format,
               ...)
{
  g_autofree char *line = NULL;
  g_autofree char *safe = NULL;
  va_list          args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  safe = fj_safe_text (line, FJ_TEXT_LINE);
  printf ("%s\n", safe);
}

/* Prints text of several lines (a stack trace), made safe. */
void
fj_print_lines (const char *text)
{
  g_autofree char *safe = fj_safe_text (text, FJ_TEXT_LINES);

  printf ("%s\n", safe);
}

/* "Key:        value" */
void
fj_print_field (const char *key,
                const char *format,
                ...)
{
  g_autofree char *label = g_strconcat (key, ":", NULL);
  g_autofree char *value = NULL;
  va_list          args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  fj_print_line ("%-17s %s", label, value);
}

/* ---- Progress ------------------------------------------------------------- */

static void
progress_draw (void)
{
  double elapsed = (g_get_monotonic_time () - fj.progress_started) / (double) G_USEC_PER_SEC;

  fprintf (stderr, "\r\033[K%s... %.1f s", fj.progress_what, elapsed);
  fflush (stderr);
  fj.progress_shown = TRUE;
}

static gboolean
progress_tick_cb (gpointer user_data)
{
  progress_draw ();
  return G_SOURCE_CONTINUE;
}

/* Shows (or updates the text of) the progress line "\r<what>... 12.3 s" on
 * stderr, redrawn every 100 ms, when stderr is a terminal and the output is
 * not JSON. The elapsed time counts from the first call. */
void
fj_progress_start (const char *format,
                   ...)
{
  g_autofree char *what = NULL;
  va_list          args;

  if (!fj.progress_enabled)
    return;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_free (fj.progress_what);
  fj.progress_what = fj_safe_text (what, FJ_TEXT_LINE);

  if (fj.progress_source == 0)
    {
      fj.progress_started = g_get_monotonic_time ();
      fj.progress_source = g_timeout_add (100, progress_tick_cb, NULL);
    }
}

/* Removes the progress line, before any other output. */
void
fj_progress_stop (void)
{
  if (fj.progress_source != 0)
    {
      g_source_remove (fj.progress_source);
      fj.progress_source = 0;
    }
  if (fj.progress_shown)
    {
      fputs ("\r\033[K", stderr);
      fflush (stderr);
      fj.progress_shown = FALSE;
    }
}

/* ---- JSON ----------------------------------------------------------------- */

/* A builder with an object begun: add the result's members, then hand it
 * to fj_print_result (). */
JsonBuilder *
fj_json_begin (void)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  return builder;
}

/* json-glib escapes C0 and DEL in strings, but writes C1 controls (U+0080
 * to U+009F, two bytes C2 80..C2 9F in UTF-8) as they are: escape those
 * too. Outside strings, JSON text has no byte above 0x7f. */
static char *
escape_c1 (const char *json)
{
  GString *text = g_string_sized_new (strlen (json));

  for (const char *p = json; *p != '\0'; p++)
    {
      if ((guchar) p[0] == 0xc2 && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9f)
        {
          g_string_append_printf (text, "\\u%04x", (guchar) p[1]);
          p++;
        }
      else
        g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

/* Prints @root on stdout, pretty when stdout is a terminal, one line
 * otherwise. */
static void
emit_json (JsonNode *root)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char          *text = NULL;
  g_autofree char          *escaped = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, isatty (STDOUT_FILENO));
  text = json_generator_to_data (generator, NULL);
  escaped = escape_c1 (text);
  fj_progress_stop ();
  printf ("%s\n", escaped);
  fflush (stdout);
}

/**
 * fj_print_result:
 * @builder: the command's result, from fj_json_begin ()
 * @text_func: prints that result for people
 *
 * Ends the object in @builder and prints it: as JSON with --json, else
 * through @text_func. The one place where a command's output takes one
 * form or the other.
 *
 * Returns: %FJ_EXIT_OK
 */
int
fj_print_result (JsonBuilder *builder,
                 FjTextFunc   text_func)
{
  g_autoptr (JsonNode) root = NULL;

  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  if (fj.json)
    {
      emit_json (root);
      return FJ_EXIT_OK;
    }
  fj_progress_stop ();
  text_func (json_node_get_object (root));
  fflush (stdout);
  return FJ_EXIT_OK;
}

/* {"error": {"domain", "code", "message", "exit_code"[, "job_id", "job_status"]}} */
void
fj_print_json_error (GError     *error,
                     int         exit_code,
                     const char *job_status)
{
  g_autoptr (JsonBuilder) builder = fj_json_begin ();
  g_autoptr (JsonNode)    root = NULL;

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
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  emit_json (root);
}

/* A string member, null for %NULL; made valid UTF-8, so that the output is
 * valid JSON whatever the cluster sent. */
void
fj_json_string (JsonBuilder *builder,
                const char  *name,
                const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    {
      g_autofree char *valid = g_utf8_make_valid (value, -1);

      json_builder_add_string_value (builder, valid);
    }
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

/* An array of strings ([] for %NULL), each made valid UTF-8. */
void
fj_json_strv (JsonBuilder       *builder,
              const char        *name,
              const char *const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *valid = g_utf8_make_valid (values[i], -1);

      json_builder_add_string_value (builder, valid);
    }
  json_builder_end_array (builder);
}

/* What the text functions read from a result: a member, or NULL, 0, an
 * empty array or object when it is null or absent. */
const char *
fj_get_string (JsonObject *object,
               const char *name)
{
  return json_object_get_string_member_with_default (object, name, NULL);
}

gint64
fj_get_int (JsonObject *object,
            const char *name)
{
  return json_object_get_int_member_with_default (object, name, 0);
}

JsonArray *
fj_get_array (JsonObject *object,
              const char *name)
{
  JsonNode         *node = json_object_get_member (object, name);
  static JsonArray *empty;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    return json_node_get_array (node);
  if (empty == NULL)
    empty = json_array_new ();
  return empty;
}

JsonObject *
fj_get_object (JsonObject *object,
               const char *name)
{
  JsonNode          *node = json_object_get_member (object, name);
  static JsonObject *empty;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);
  if (empty == NULL)
    empty = json_object_new ();
  return empty;
}

/* ---- Human output --------------------------------------------------------- */

/* Milliseconds since the epoch as local time; "-" when absent (<= 0). */
char *
fj_format_time (gint64 ms)
{
  g_autoptr (GDateTime) time = NULL;

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

struct _FjTable
{
  guint      n_columns;
  GPtrArray *rows; /* of GStrv, made safe */
};

/* A table with aligned columns: the headings, NULL-terminated. */
FjTable *
fj_table_new (const char *first_heading,
              ...)
{
  FjTable                 *table = g_new0 (FjTable, 1);
  g_autoptr (GStrvBuilder) headings = g_strv_builder_new ();
  va_list                  args;

  va_start (args, first_heading);
  for (const char *heading = first_heading; heading != NULL; heading = va_arg (args, const char *))
    {
      g_strv_builder_add (headings, heading);
      table->n_columns++;
    }
  va_end (args);

  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (table->rows, g_strv_builder_end (headings));
  return table;
}

/* A row: as many cells as the table has columns, each a string or NULL
 * (shown as "-"). */
void
fj_table_add (FjTable *table,
              ...)
{
  GStrv   cells = g_new0 (char *, table->n_columns + 1);
  va_list args;

  va_start (args, table);
  for (guint c = 0; c < table->n_columns; c++)
    {
      const char *cell = va_arg (args, const char *);

      cells[c] = cell != NULL ? fj_safe_text (cell, FJ_TEXT_LINE) : g_strdup ("-");
    }
  va_end (args);
  g_ptr_array_add (table->rows, cells);
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
        widths[c] = MAX (widths[c], g_utf8_strlen (cells[c], -1));
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      GStrv               cells = g_ptr_array_index (table->rows, r);
      g_autoptr (GString) line = g_string_new (indent);

      for (guint c = 0; c < table->n_columns; c++)
        {
          g_string_append (line, cells[c]);
          if (c + 1 < table->n_columns)
            {
              for (glong pad = g_utf8_strlen (cells[c], -1); pad < widths[c] + 2; pad++)
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
