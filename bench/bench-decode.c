/* bench-decode.c: decoding a 10,000-job GET /jobs/overview, against
 * json-glib parsing the same bytes alone
 *
 *   meson compile -C BUILD bench-decode
 *   BUILD/bench/bench-decode [--jobs 10000] [--rounds 30]
 *
 * The answer is made here, in the form Flink 2.3 sends (one job as the
 * recorded tests/responses hold it, 10,000 times with other ids, names and
 * times). Each round times, on the same bytes:
 *
 *   parse    json_parser_load_from_data() alone: the anchor
 *   checked  _flink_json_parse(): the limits, UTF-8 checks and the parse
 *   decode   _flink_json_parse() and _flink_job_overviews_new_from_json():
 *            what list_jobs_async() and a FlinkJobList do with an answer
 *
 * and prints the median of each (CPU time of the thread, so that other
 * processes on the machine do not count), and the decode's speed as a
 * share of the parse's (1.0: decoding costs nothing beyond parsing).
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <json-glib/json-glib.h>

#include "flinkjob.h"
#include "flink-decoders-private.h"
#include "flink-json-private.h"

#define MAX_JOBS 1000000
#define MAX_ROUNDS 1000

static GBytes *
overview_bytes (guint n_jobs)
{
  GString *body = g_string_sized_new (400 * (gsize) n_jobs + 16);
  gint64 start = 1760000000000;

  g_string_append (body, "{\"jobs\":[");
  for (guint i = 0; i < n_jobs; i++)
    g_string_append_printf (body,
                            "%s{\"jid\":\"%08x%024x\",\"name\":\"bench job %05u: a windowed word count\","
                            "\"jobType\":\"STREAMING\",\"schedulerType\":\"Default\",\"start-time\":%" G_GINT64_FORMAT ",\"end-time\":-1,\"duration\":%u,"
                            "\"state\":\"%s\",\"last-modification\":%" G_GINT64_FORMAT ","
                            "\"tasks\":{\"running\":%u,\"canceling\":0,\"canceled\":0,\"total\":4,"
                            "\"created\":0,\"scheduled\":0,\"deploying\":0,\"reconciling\":0,"
                            "\"finished\":%u,\"initializing\":0,\"failed\":0},\"pending-operators\":0}",
                            i ? "," : "", i, i, i, start + i, 3600000 + i,
                            i % 10 == 0 ? "FINISHED" : "RUNNING", start + i + 1000,
                            i % 10 == 0 ? 0 : 4, i % 10 == 0 ? 4 : 0);
  g_string_append (body, "]}");
  return g_string_free_to_bytes (body);
}

/* The thread's CPU time, µs: other processes on the machine do not count. */
static gint64
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_double);
  return g_array_index (times, double, times->len / 2);
}

int
main (int    argc,
      char **argv)
{
  gint jobs_opt = 10000, rounds_opt = 30;
  GOptionEntry entries[] = {
    { "jobs", 0, 0, G_OPTION_ARG_INT, &jobs_opt, "Jobs in the overview (10000)", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds_opt, "Rounds, of which the median is kept (30)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- decode vs. parse of a jobs overview");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) parse_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) checked_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) decode_times = g_array_new (FALSE, FALSE, sizeof (double));
  double parse, checked, decode;
  gsize size;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-decode: %s\n", error->message);
      return 1;
    }
  if (jobs_opt < 1 || jobs_opt > MAX_JOBS || rounds_opt < 1 || rounds_opt > MAX_ROUNDS)
    {
      g_printerr ("bench-decode: --jobs must be 1..%d, --rounds 1..%d\n", MAX_JOBS, MAX_ROUNDS);
      return 1;
    }

  bytes = overview_bytes (jobs_opt);
  g_bytes_get_data (bytes, &size);

  for (int r = 0; r < rounds_opt; r++)
    {
      gint64 t0, t1, t2, t3, t4;
      double seconds;

      /* The anchor: json-glib's parse alone, as the library sets it up. */
      {
        g_autoptr(JsonParser) parser = json_parser_new_immutable ();
        gsize n;
        const char *data = g_bytes_get_data (bytes, &n);

        t0 = cpu_now ();
        if (!json_parser_load_from_data (parser, data, n, &error))
          g_error ("parse: %s", error->message);
        t1 = cpu_now ();
      }
      seconds = (t1 - t0) / 1e6;
      g_array_append_val (parse_times, seconds);

      {
        g_autoptr(JsonNode) root = NULL;

        t2 = cpu_now ();
        root = _flink_json_parse (bytes, &error);
        t3 = cpu_now ();
        if (root == NULL)
          g_error ("checked parse: %s", error->message);
      }
      seconds = (t3 - t2) / 1e6;
      g_array_append_val (checked_times, seconds);

      {
        g_autoptr(JsonNode) root = NULL;
        g_autoptr(GListModel) overviews = NULL;
        JsonObject *object;

        t3 = cpu_now ();
        root = _flink_json_parse (bytes, &error);
        object = root ? _flink_json_node_get_object (root, &error) : NULL;
        overviews = object ? _flink_job_overviews_new_from_json (object, &error) : NULL;
        t4 = cpu_now ();
        if (overviews == NULL)
          g_error ("decode: %s", error->message);
        if (g_list_model_get_n_items (overviews) != (guint) jobs_opt)
          g_error ("decode: %u jobs, not %d", g_list_model_get_n_items (overviews), jobs_opt);
      }
      seconds = (t4 - t3) / 1e6;
      g_array_append_val (decode_times, seconds);
    }

  parse = median (parse_times);
  checked = median (checked_times);
  decode = median (decode_times);
  printf ("bench-decode: GET /jobs/overview of %d jobs, %.1f KiB, median of %d rounds\n",
          jobs_opt, size / 1024.0, rounds_opt);
  printf ("parse alone (json-glib):             %7.2f ms  %6.1f MiB/s\n",
          parse * 1e3, size / parse / 1048576);
  printf ("checked parse (_flink_json_parse):   %7.2f ms  %6.1f MiB/s\n",
          checked * 1e3, size / checked / 1048576);
  printf ("decode (parse + FlinkJobOverview):   %7.2f ms  %6.1f MiB/s\n",
          decode * 1e3, size / decode / 1048576);
  printf ("RESULT jobs=%d bytes=%" G_GSIZE_FORMAT " parse_ms=%.2f checked_ms=%.2f decode_ms=%.2f "
          "decode_speed_vs_parse=%.2f\n",
          jobs_opt, size, parse * 1e3, checked * 1e3, decode * 1e3, parse / decode);
  return 0;
}
