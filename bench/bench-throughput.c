/* bench-throughput.c: job statuses per second through one cluster client
 * with 16 requests in flight, against wrk with 16 connections on the same
 * URL of the same real cluster, in one run:
 *
 *   python3 tests/flink/flink-harness.py run -- BUILD/bench/bench-throughput [--seconds 10]
 *
 * It submits one endless job of the test jar (FLINKJOB_TEST_JOBS_JAR, on
 * the cluster at FLINK_REST_URL; the harness sets both), then:
 *
 *   flinkjob  for --seconds, 16 get_job_status_async() always in flight on
 *             one FlinkClusterClient; counts the answers
 *   wrk       wrk -t2 -c16 -d SECONDS URL/jobs/JOB/status
 *
 * --rounds times (3), alternating, and prints the median rates and their
 * ratio; then cancels its job. The
 * process's own CPU time in the first phase is printed too: on a 2-core
 * machine the cluster and the client share the cores.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <flinkjob/flinkjob.h>

#define IN_FLIGHT 16
#define MAX_SECONDS 600
#define SETUP_TIMEOUT_S 120
#define COUNTER "org.flinkjob.testjobs.CounterStream"

typedef struct {
  GMainLoop *loop;
  FlinkJobClient *job;
  gint64 end;                    /* monotonic µs */
  guint64 answers;
  guint64 errors;
  guint in_flight;
  GAsyncResult *result;          /* of a set-up step */
} Bench;

static gboolean
setup_timeout_cb (gpointer user_data)
{
  g_error ("bench-throughput: the set-up took more than %d s", SETUP_TIMEOUT_S);
  return G_SOURCE_REMOVE;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Bench *bench = user_data;

  bench->result = g_object_ref (result);
  g_main_loop_quit (bench->loop);
}

/* Runs the loop until a set-up step answered; its result. */
static GAsyncResult *
await (Bench *bench)
{
  guint timeout = g_timeout_add_seconds (SETUP_TIMEOUT_S, setup_timeout_cb, NULL);

  g_main_loop_run (bench->loop);
  g_source_remove (timeout);
  return g_steal_pointer (&bench->result);
}

static void send_one (Bench *bench);

static void
status_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Bench *bench = user_data;
  g_autoptr(GError) error = NULL;

  bench->in_flight--;
  if (flink_job_client_get_job_status_finish (FLINK_JOB_CLIENT (source), result, &error) ==
      FLINK_JOB_STATUS_UNKNOWN && error != NULL)
    bench->errors++;
  else
    bench->answers++;
  if (g_get_monotonic_time () < bench->end)
    send_one (bench);
  else if (bench->in_flight == 0)
    g_main_loop_quit (bench->loop);
}

static void
send_one (Bench *bench)
{
  bench->in_flight++;
  flink_job_client_get_job_status_async (bench->job, NULL, status_cb, bench);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_double);
  return g_array_index (values, double, values->len / 2);
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* wrk's "Requests/sec:" line. */
static double
run_wrk (const char *url,
         guint       seconds)
{
  g_autofree char *duration = g_strdup_printf ("%us", seconds);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "wrk", "-t2", "-c" G_STRINGIFY (IN_FLIGHT), "-d", duration, url, NULL };
  const char *line;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                     &status, &error) || !g_spawn_check_wait_status (status, &error))
    g_error ("bench-throughput: wrk: %s", error->message);
  fputs (out, stderr);
  line = strstr (out, "Requests/sec:");
  if (line == NULL)
    g_error ("bench-throughput: wrk printed no Requests/sec");
  return g_ascii_strtod (line + strlen ("Requests/sec:"), NULL);
}

int
main (int    argc,
      char **argv)
{
  gint seconds_opt = 10, rounds_opt = 3;
  GOptionEntry entries[] = {
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds_opt, "Seconds per phase (10)", "S" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds_opt, "Rounds of both phases (3)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- status throughput vs. wrk");
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autoptr(FlinkRunOptions) options = NULL;
  g_autoptr(GFile) jar = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *status_url = NULL;
  g_autoptr(GArray) our_rates = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) wrk_rates = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  guint64 errors = 0;
  double cpu_pct;
  const char *url = g_getenv ("FLINK_REST_URL");
  const char *jar_path = g_getenv ("FLINKJOB_TEST_JOBS_JAR");
  Bench bench = { 0 };
  double ours, theirs, elapsed;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-throughput: %s\n", error->message);
      return 1;
    }
  if (seconds_opt < 1 || seconds_opt > MAX_SECONDS || rounds_opt < 1 || rounds_opt > 20)
    {
      g_printerr ("bench-throughput: --seconds must be 1..%d, --rounds 1..20\n", MAX_SECONDS);
      return 1;
    }
  if (url == NULL || jar_path == NULL)
    {
      g_printerr ("bench-throughput: run me under tests/flink/flink-harness.py run -- ..."
                  " (FLINK_REST_URL and FLINKJOB_TEST_JOBS_JAR)\n");
      return 1;
    }

  bench.loop = g_main_loop_new (NULL, FALSE);
  descriptor = flink_cluster_descriptor_new_for_url (url, &error);
  g_assert_no_error (error);
  client = flink_cluster_client_new (descriptor);
  options = flink_run_options_new ();
  flink_run_options_set_entry_class (options, COUNTER);
  jar = g_file_new_for_path (jar_path);
  flink_cluster_client_submit_jar_async (client, jar, options, NULL, store_result_cb, &bench);
  result = await (&bench);
  bench.job = flink_cluster_client_submit_jar_finish (client, result, &error);
  if (bench.job == NULL)
    g_error ("bench-throughput: cannot submit the test job: %s", error->message);
  g_clear_object (&result);

  /* One round first, so that connections are open in both phases. */
  bench.end = 0;
  for (guint i = 0; i < IN_FLIGHT; i++)
    send_one (&bench);
  g_main_loop_run (bench.loop);
  bench.answers = bench.errors = 0;

  status_url = g_strdup_printf ("%s/jobs/%s/status", flink_cluster_client_get_url (client),
                                flink_job_client_get_job_id (bench.job));
  /* Alternating rounds, so that what else runs on the machine weighs on
   * both sides alike; the medians are compared. */
  for (gint round = 0; round < rounds_opt; round++)
    {
      double rate, wrk_rate, cpu;
      gint64 start;

      bench.answers = bench.errors = 0;
      cpu = cpu_seconds ();
      start = g_get_monotonic_time ();
      bench.end = start + (gint64) seconds_opt * G_USEC_PER_SEC;
      for (guint i = 0; i < IN_FLIGHT; i++)
        send_one (&bench);
      g_main_loop_run (bench.loop);
      elapsed = (g_get_monotonic_time () - start) / 1e6;
      cpu = 100 * (cpu_seconds () - cpu) / elapsed;
      rate = bench.answers / elapsed;
      errors += bench.errors;
      g_array_append_val (our_rates, rate);
      g_array_append_val (cpus, cpu);
      wrk_rate = run_wrk (status_url, seconds_opt);
      g_array_append_val (wrk_rates, wrk_rate);
      printf ("round %d: flinkjob %.0f/s, wrk %.0f/s\n", round + 1, rate, wrk_rate);
    }
  ours = median (our_rates);
  theirs = median (wrk_rates);
  cpu_pct = median (cpus);

  flink_job_client_cancel_async (bench.job, NULL, store_result_cb, &bench);
  result = await (&bench);
  if (!flink_job_client_cancel_finish (bench.job, result, &error))
    g_printerr ("bench-throughput: the job could not be cancelled: %s\n", error->message);

  printf ("bench-throughput: GET %s, %d in flight, %d rounds of %d s each, medians\n",
          status_url, IN_FLIGHT, rounds_opt, seconds_opt);
  printf ("flinkjob (one FlinkClusterClient): %8.0f statuses/s, %" G_GUINT64_FORMAT " errors, "
          "client CPU %.0f%% of one core\n", ours, errors, cpu_pct);
  printf ("wrk -t2 -c%d:                     %8.0f requests/s\n", IN_FLIGHT, theirs);
  printf ("RESULT in_flight=%d seconds=%d rounds=%d flinkjob_per_s=%.0f wrk_per_s=%.0f ratio=%.2f "
          "client_cpu_pct=%.0f errors=%" G_GUINT64_FORMAT "\n",
          IN_FLIGHT, seconds_opt, rounds_opt, ours, theirs, ours / theirs, cpu_pct, errors);
  g_object_unref (bench.job);
  g_main_loop_unref (bench.loop);
  return 0;
}
