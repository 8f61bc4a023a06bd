/* bench-watch.c: what watching 1,000 jobs costs
 *
 *   meson compile -C BUILD bench-watch
 *   BUILD/bench/bench-watch --jobs 1000 --seconds 60 [--storm]
 *
 * Two ways to follow N jobs, each for --seconds against a simulated Flink
 * on 127.0.0.1 whose jobs change status now and then:
 *
 *   list     one FlinkJobList: the cluster client's one poll, GET /jobs,
 *            and GET /jobs/overview when that shows a change (or now
 *            and then, for durations and task counts)
 *   clients  N FlinkJobClients with watched=TRUE of one FlinkClusterClient:
 *            the same one poll, GET /jobs, feeds them all
 *
 * Each phase runs in a process of its own (this program again, with
 * --phase), so that its CPU time (getrusage) and resident memory (VmRSS,
 * VmHWM from /proc/self/status) are its own; the simulated Flink is another
 * process (this program again, with --serve), which counts the requests.
 *
 * The status timeline of every job is drawn from --seed, the same in the
 * server and the client: every status lasts at least 7 s (longer than the
 * slowest poll, 5 s), all start RUNNING, and the last change comes 8 s
 * before the end, so a watcher that keeps up sees every change, once, in
 * order. Some jobs restart (RESTARTING, RUNNING again), some end (FINISHED;
 * CANCELLING then CANCELED; FAILING then FAILED). With --storm, every job
 * restarts at once instead, for a quarter of the run.
 *
 * Besides CPU, memory and requests, a phase measures how late each change
 * is noticed, and what a person's click would wait: once a second, an
 * unwatched get_job_status_async on the same cluster client.
 *
 * It exits 0, or 2 when a watcher missed, repeated or invented a change.
 *
 * Everything is bounded: the server listens on 127.0.0.1 only, exits with
 * its parent (PR_SET_PDEATHSIG), after --seconds + 60 s in any case, and
 * answers 503 after a fixed number of requests; a phase runs --seconds and
 * stops.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <flinkjob/flinkjob.h>

#define MAX_JOBS 100000
#define MAX_SECONDS 3600
#define SERVER_GRACE_S 60        /* the server outlives a phase by at most this */
#define MIN_STATUS_MS 7000       /* every status lasts at least this */
#define QUIET_END_MS 8000        /* no change in the last 8 s */
#define TASKS 4
/* A job outside the timeline that the probe asks about: not counted. */
#define PROBE_JOB_ID "00000000000000000000000000000001"

/* ---- The jobs' timeline, drawn from the seed ------------------------------ */

typedef struct {
  gint64 at_ms;                  /* from the start of the phase */
  FlinkJobStatus status;
} Segment;

typedef struct {
  char id[33];
  GArray *segments;              /* Segment, the first at 0 */

  /* Client side */
  GArray *seen;                  /* FlinkJobStatus, in the order seen */
  GArray *seen_at;               /* gint64 monotonic µs when seen */
  guint duplicates;              /* a notification that repeated a status */
  gboolean ever_unreachable;
  FlinkJobClient *job_client;
} Job;

static Job *jobs;
static guint n_jobs = 1000;
static guint seconds = 60;
static guint seed = 1;
static gboolean storm = FALSE;

static void
add_segment (Job            *job,
             gint64          at_ms,
             FlinkJobStatus  status)
{
  Segment segment = { at_ms, status };
  g_array_append_val (job->segments, segment);
}

static void
build_timeline (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  gint64 last_change_ms = (gint64) seconds * 1000 - QUIET_END_MS;

  jobs = g_new0 (Job, n_jobs);
  for (guint i = 0; i < n_jobs; i++)
    {
      Job *job = &jobs[i];
      gint64 t = 0;

      for (guint c = 0; c < 32; c += 8)
        g_snprintf (job->id + c, 9, "%08x", g_rand_int (rand));
      job->segments = g_array_new (FALSE, FALSE, sizeof (Segment));
      job->seen = g_array_new (FALSE, FALSE, sizeof (FlinkJobStatus));
      job->seen_at = g_array_new (FALSE, FALSE, sizeof (gint64));
      add_segment (job, 0, FLINK_JOB_STATUS_RUNNING);

      if (storm)
        {
          /* A restart storm: every job restarts within the same 100 ms (a
           * lost TaskManager), for a quarter of the run, then runs again. */
          gint64 at = (gint64) seconds * 250 + g_rand_int_range (rand, 0, 100);

          add_segment (job, at, FLINK_JOB_STATUS_RESTARTING);
          add_segment (job, at + (gint64) seconds * 250, FLINK_JOB_STATUS_RUNNING);
          continue;
        }

      for (;;)
        {
          gint64 running_ms = g_rand_int_range (rand, 8000, 40001);
          gint64 transient_ms = g_rand_int_range (rand, MIN_STATUS_MS, 10001);
          double event = g_rand_double (rand);

          t += running_ms;
          if (event < 0.7)
            {
              if (t + transient_ms > last_change_ms)
                break;
              add_segment (job, t, FLINK_JOB_STATUS_RESTARTING);
              add_segment (job, t + transient_ms, FLINK_JOB_STATUS_RUNNING);
              t += transient_ms;
            }
          else if (event < 0.8)
            {
              if (t > last_change_ms)
                break;
              add_segment (job, t, FLINK_JOB_STATUS_FINISHED);
              break;
            }
          else
            {
              gboolean cancel = event < 0.9;

              if (t + transient_ms > last_change_ms)
                break;
              add_segment (job, t, cancel ? FLINK_JOB_STATUS_CANCELLING : FLINK_JOB_STATUS_FAILING);
              add_segment (job, t + transient_ms, cancel ? FLINK_JOB_STATUS_CANCELED : FLINK_JOB_STATUS_FAILED);
              break;
            }
        }
    }
}

static const Segment *
segment_at (const Job *job,
            gint64     ms)
{
  const Segment *segment = &g_array_index (job->segments, Segment, 0);

  for (guint k = 1; k < job->segments->len; k++)
    {
      const Segment *next = &g_array_index (job->segments, Segment, k);
      if (next->at_ms > ms)
        break;
      segment = next;
    }
  return segment;
}

static guint
expected_changes (void)
{
  guint changes = 0;

  for (guint i = 0; i < n_jobs; i++)
    changes += jobs[i].segments->len - 1;
  return changes;
}

/* ---- The simulated Flink (--serve) --------------------------------------- */

typedef struct {
  GMainLoop *loop;
  GHashTable *by_id;             /* id -> Job */
  gint64 t0;                     /* monotonic µs of the first /jobs request */
  gint64 t0_epoch_ms;
  guint64 requests, overview_requests, jobs_requests, status_requests, refused;
  guint64 bytes;                 /* response bodies to the watchers */
  guint64 probe_requests;
  guint64 max_requests;
  guint *per_second;             /* requests in each second after t0 */
  guint n_seconds;
} Server;

static void
respond (Server            *server,
         SoupServerMessage *msg,
         guint              status,
         GString           *body)
{
  gsize length = body->len;

  if (server != NULL)
    server->bytes += length;

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_string_free (body, FALSE), length);
}

static void
task_counts (FlinkJobStatus  status,
             GString        *out)
{
  guint running = 0, finished = 0, canceling = 0, canceled = 0, failed = 0;

  switch (status)
    {
    case FLINK_JOB_STATUS_RUNNING: running = TASKS; break;
    case FLINK_JOB_STATUS_RESTARTING: canceled = TASKS; break;
    case FLINK_JOB_STATUS_FINISHED: finished = TASKS; break;
    case FLINK_JOB_STATUS_CANCELLING: canceling = TASKS; break;
    case FLINK_JOB_STATUS_CANCELED: canceled = TASKS; break;
    case FLINK_JOB_STATUS_FAILING: failed = 1; canceling = TASKS - 1; break;
    case FLINK_JOB_STATUS_FAILED: failed = 1; canceled = TASKS - 1; break;
    default: break;
    }
  g_string_append_printf (out, "{\"total\": %u, \"created\": 0, \"scheduled\": 0, \"deploying\": 0, "
                          "\"running\": %u, \"finished\": %u, \"canceling\": %u, \"canceled\": %u, "
                          "\"failed\": %u, \"reconciling\": 0, \"initializing\": 0}",
                          TASKS, running, finished, canceling, canceled, failed);
}

static GString *
overview_json (Server *server,
               gint64  ms)
{
  GString *body = g_string_sized_new (400 * n_jobs + 16);
  gint64 now_epoch_ms = server->t0_epoch_ms + ms;

  g_string_append (body, "{\"jobs\": [");
  for (guint i = 0; i < n_jobs; i++)
    {
      const Segment *segment = segment_at (&jobs[i], ms);
      gboolean ended = flink_job_status_is_globally_terminal (segment->status);
      gint64 start = server->t0_epoch_ms - 3600 * 1000 + i;
      gint64 end = ended ? server->t0_epoch_ms + segment->at_ms : -1;

      g_string_append_printf (body,
                              "%s{\"jid\": \"%s\", \"name\": \"bench-job-%05u\", \"state\": \"%s\", "
                              "\"start-time\": %" G_GINT64_FORMAT ", \"end-time\": %" G_GINT64_FORMAT ", "
                              "\"duration\": %" G_GINT64_FORMAT ", \"last-modification\": %" G_GINT64_FORMAT ", "
                              "\"tasks\": ",
                              i ? ", " : "", jobs[i].id, i, flink_job_status_to_string (segment->status),
                              start, end, (ended ? end : now_epoch_ms) - start,
                              segment->at_ms ? server->t0_epoch_ms + segment->at_ms : start);
      task_counts (segment->status, body);
      g_string_append_c (body, '}');
    }
  g_string_append (body, "]}");
  return body;
}

/* GET /jobs: ids and statuses only, what a shared poll reads */
static GString *
jobs_json (gint64 ms)
{
  GString *body = g_string_sized_new (64 * n_jobs + 16);

  g_string_append (body, "{\"jobs\": [");
  for (guint i = 0; i < n_jobs; i++)
    g_string_append_printf (body, "%s{\"id\": \"%s\", \"status\": \"%s\"}", i ? ", " : "",
                            jobs[i].id, flink_job_status_to_string (segment_at (&jobs[i], ms)->status));
  g_string_append (body, "]}");
  return body;
}

static GString *
stats_json (Server *server)
{
  GString *body = g_string_new (NULL);
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  g_string_append_printf (body, "{\"t0\": %" G_GINT64_FORMAT ", \"requests\": %" G_GUINT64_FORMAT
                          ", \"overview\": %" G_GUINT64_FORMAT ", \"jobs\": %" G_GUINT64_FORMAT
                          ", \"status\": %" G_GUINT64_FORMAT
                          ", \"refused\": %" G_GUINT64_FORMAT ", \"bytes\": %" G_GUINT64_FORMAT
                          ", \"cpu_ms\": %ld, \"per_second\": [",
                          server->t0, server->requests, server->overview_requests,
                          server->jobs_requests, server->status_requests, server->refused, server->bytes,
                          (long) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 +
                          (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000);
  for (guint s = 0; s < server->n_seconds; s++)
    g_string_append_printf (body, "%s%u", s ? ", " : "", server->per_second[s]);
  g_string_append (body, "]}");
  return body;
}

static void
server_handler (SoupServer        *soup_server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Server *server = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 ms;
  Job *job;

  if (g_str_equal (path, "/config"))
    {
      respond (NULL, msg, 200, g_string_new ("{\"flink-version\": \"2.3.0\", \"flink-revision\": \"bench\"}"));
      return;
    }
  if (g_str_equal (path, "/bench/stats"))
    {
      respond (NULL, msg, 200, stats_json (server));
      return;
    }

  /* The probe's requests are not the watchers': answered, not counted. */
  if (g_str_equal (path, "/jobs/" PROBE_JOB_ID "/status"))
    {
      server->probe_requests++;
      respond (NULL, msg, 200, g_string_new ("{\"status\": \"RUNNING\"}"));
      return;
    }

  /* The timeline starts at the first request for jobs. */
  if (server->t0 == 0)
    {
      server->t0 = now;
      server->t0_epoch_ms = g_get_real_time () / 1000;
    }
  ms = (now - server->t0) / 1000;
  server->requests++;
  if ((guint64) (ms / 1000) < server->n_seconds)
    server->per_second[ms / 1000]++;
  if (server->requests > server->max_requests)
    {
      server->refused++;
      respond (server, msg, 503, g_string_new ("{\"errors\": [\"bench: request budget spent\"]}"));
      return;
    }

  if (g_str_equal (path, "/jobs"))
    {
      server->jobs_requests++;
      respond (server, msg, 200, jobs_json (ms));
      return;
    }
  if (g_str_equal (path, "/jobs/overview"))
    {
      server->overview_requests++;
      respond (server, msg, 200, overview_json (server, ms));
      return;
    }
  if (g_str_has_prefix (path, "/jobs/") && g_str_has_suffix (path, "/status") && strlen (path) == 6 + 32 + 7)
    {
      g_autofree char *id = g_strndup (path + 6, 32);

      server->status_requests++;
      job = g_hash_table_lookup (server->by_id, id);
      if (job != NULL)
        {
          GString *body = g_string_new (NULL);
          g_string_printf (body, "{\"status\": \"%s\"}", flink_job_status_to_string (segment_at (job, ms)->status));
          respond (server, msg, 200, body);
          return;
        }
    }
  respond (server, msg, 404, g_string_new ("{\"errors\": [\"Not found: /jobs/...\"]}"));
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static int
serve (void)
{
  g_autoptr(SoupServer) soup_server = NULL;
  g_autoptr(GError) error = NULL;
  Server server = { 0 };
  GSList *uris;

  /* Never outlive the phase that started us. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  if (getppid () == 1)
    return 1;

  server.loop = g_main_loop_new (NULL, FALSE);
  server.by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n_jobs; i++)
    g_hash_table_insert (server.by_id, jobs[i].id, &jobs[i]);
  server.n_seconds = seconds + SERVER_GRACE_S;
  server.per_second = g_new0 (guint, server.n_seconds);
  /* Far more than any watcher should send: 20 requests per job per second. */
  server.max_requests = (guint64) n_jobs * (seconds + SERVER_GRACE_S) * 20 + 100000;

  soup_server = soup_server_new ("server-header", "bench-watch-fake-flink ", NULL);
  soup_server_add_handler (soup_server, NULL, server_handler, &server, NULL);
  if (!soup_server_listen_local (soup_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      g_printerr ("bench-watch: cannot listen on 127.0.0.1: %s\n", error->message);
      return 1;
    }
  uris = soup_server_get_uris (soup_server);
  printf ("%d\n", g_uri_get_port (uris->data));
  fflush (stdout);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_timeout_add_seconds (seconds + SERVER_GRACE_S, quit_cb, server.loop);
  g_unix_signal_add (SIGTERM, quit_cb, server.loop);
  g_unix_signal_add (SIGINT, quit_cb, server.loop);
  g_main_loop_run (server.loop);

  g_main_loop_unref (server.loop);
  g_hash_table_unref (server.by_id);
  g_free (server.per_second);
  return 0;
}

/* ---- Measuring ------------------------------------------------------------ */

typedef struct {
  const char *phase;
  GSubprocess *server;
  char *url;
  SoupSession *stats_session;
  GMainLoop *loop;
  gint64 started;                /* monotonic µs */
  struct rusage usage_start;
  guint64 rss_start_kb;
  GArray *rss_samples;           /* guint64 kB, one a second */
  double last_cpu;               /* CPU seconds at the last sample */
  double busiest_cpu;            /* the most CPU seconds in one sample */
  gint64 all_seen_at;            /* when every job had a first status */
  guint n_first_seen;
  guint unexpected_removals;
  guint list_refreshes;          /* rows replaced without a status change */
  guint unreachable_episodes;    /* the list's */
  FlinkJobClient *probe;         /* not watched: one call a second */
  guint probes_started;
  GArray *probe_latencies;       /* gint64 µs */
  GHashTable *index_of;          /* id -> Job */
} Bench;

static guint64
proc_status_kb (const char *field)
{
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL))
    return 0;
  line = strstr (contents, field);
  if (line == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen (field), NULL, 10);
}

static double
cpu_seconds (const struct timeval *tv)
{
  return tv->tv_sec + tv->tv_usec / 1e6;
}

static char *
executable_path (void)
{
  return g_file_read_link ("/proc/self/exe", NULL);
}

static gboolean
start_server (Bench   *bench,
              GError **error)
{
  g_autofree char *self_path = executable_path ();
  g_autofree char *jobs_arg = g_strdup_printf ("%u", n_jobs);
  g_autofree char *seconds_arg = g_strdup_printf ("%u", seconds);
  g_autofree char *seed_arg = g_strdup_printf ("%u", seed);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;

  bench->server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, error,
                                    self_path, "--serve", "--jobs", jobs_arg,
                                    "--seconds", seconds_arg, "--seed", seed_arg,
                                    storm ? "--storm" : NULL, NULL);
  if (bench->server == NULL)
    return FALSE;
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bench->server));
  line = g_data_input_stream_read_line (out, NULL, NULL, error);
  if (line == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the simulated Flink did not start");
      return FALSE;
    }
  bench->url = g_strdup_printf ("http://127.0.0.1:%s", line);
  return TRUE;
}

static JsonObject *
fetch_stats (Bench *bench)
{
  g_autofree char *uri = g_strconcat (bench->url, "/bench/stats", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  body = soup_session_send_and_read (bench->stats_session, msg, NULL, &error);
  if (body == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_printerr ("bench-watch: cannot read the server's counts: %s\n", error ? error->message : "not JSON");
      return NULL;
    }
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gboolean
sample_cb (gpointer user_data)
{
  Bench *bench = user_data;
  guint64 rss = proc_status_kb ("VmRSS:");
  struct rusage usage;
  double cpu;

  g_array_append_val (bench->rss_samples, rss);
  getrusage (RUSAGE_SELF, &usage);
  cpu = cpu_seconds (&usage.ru_utime) + cpu_seconds (&usage.ru_stime);
  bench->busiest_cpu = MAX (bench->busiest_cpu, cpu - bench->last_cpu);
  bench->last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static void
record_status (Bench          *bench,
               Job            *job,
               FlinkJobStatus  status)
{
  gint64 now = g_get_monotonic_time ();

  if (job->seen->len > 0 && g_array_index (job->seen, FlinkJobStatus, job->seen->len - 1) == status)
    {
      job->duplicates++;
      return;
    }
  if (job->seen->len == 0 && ++bench->n_first_seen == n_jobs)
    bench->all_seen_at = now;
  g_array_append_val (job->seen, status);
  g_array_append_val (job->seen_at, now);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

static int
compare_guint64 (gconstpointer a,
                 gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return (x > y) - (x < y);
}

static int
report (Bench *bench)
{
  g_autoptr(JsonObject) stats = fetch_stats (bench);
  g_autoptr(GArray) delays = g_array_new (FALSE, FALSE, sizeof (gint64));
  struct rusage usage;
  double elapsed = (g_get_monotonic_time () - bench->started) / 1e6;
  double user, sys;
  guint64 hwm = proc_status_kb ("VmHWM:"), steady = 0;
  guint expected = expected_changes ();
  guint seen_once = 0, missed = 0, duplicates = 0, unexpected = 0;
  guint unreachable = bench->unreachable_episodes;
  guint jobs_exact = 0;
  gint64 t0;
  guint64 requests, peak_rate = 0;
  JsonArray *per_second;

  getrusage (RUSAGE_SELF, &usage);
  user = cpu_seconds (&usage.ru_utime) - cpu_seconds (&bench->usage_start.ru_utime);
  sys = cpu_seconds (&usage.ru_stime) - cpu_seconds (&bench->usage_start.ru_stime);
  if (stats == NULL)
    return 1;
  t0 = json_object_get_int_member (stats, "t0");
  requests = json_object_get_int_member (stats, "requests");
  per_second = json_object_get_array_member (stats, "per_second");
  for (guint s = 0; s < MIN (seconds, json_array_get_length (per_second)); s++)
    peak_rate = MAX (peak_rate, (guint64) json_array_get_int_element (per_second, s));

  /* Steady memory: the median of the second half of the samples. */
  if (bench->rss_samples->len > 0)
    {
      guint half = bench->rss_samples->len / 2;
      g_autoptr(GArray) tail = g_array_new (FALSE, FALSE, sizeof (guint64));

      g_array_append_vals (tail, &g_array_index (bench->rss_samples, guint64, half), bench->rss_samples->len - half);
      g_array_sort (tail, compare_guint64);
      steady = g_array_index (tail, guint64, tail->len / 2);
    }

  /* Every change seen once, in order: match what was seen against the
   * timeline, as a subsequence. */
  for (guint i = 0; i < n_jobs; i++)
    {
      Job *job = &jobs[i];
      guint k = 0;               /* the next segment to find */
      gboolean exact = job->seen->len == job->segments->len && job->duplicates == 0;

      duplicates += job->duplicates;
      unreachable += job->ever_unreachable ? 1 : 0;
      for (guint s = 0; s < job->seen->len; s++)
        {
          FlinkJobStatus status = g_array_index (job->seen, FlinkJobStatus, s);
          guint found = k;

          while (found < job->segments->len && g_array_index (job->segments, Segment, found).status != status)
            found++;
          if (found == job->segments->len)
            {
              unexpected++;
              exact = FALSE;
              continue;
            }
          /* Segments 1.. are the changes; 0 is the status at the start. */
          if (found > MAX (k, 1))
            missed += found - MAX (k, 1);
          if (found > 0)
            {
              gint64 delay = g_array_index (job->seen_at, gint64, s) -
                             (t0 + g_array_index (job->segments, Segment, found).at_ms * 1000);
              seen_once++;
              g_array_append_val (delays, delay);
            }
          if (found != k)
            exact = FALSE;
          k = found + 1;
        }
      if (job->segments->len > MAX (k, 1))
        missed += job->segments->len - MAX (k, 1);
      jobs_exact += exact;
    }
  g_array_sort (delays, compare_gint64);

  printf ("\n== %s: %u jobs, %u s, %s, against %s ==\n", bench->phase, n_jobs, seconds,
          storm ? "restart storm" : "random timeline", bench->url);
  printf ("CPU time:       %.2f s user + %.2f s system = %.2f s in %.1f s (%.1f%% of one core; "
          "busiest second %.0f%%)\n",
          user, sys, user + sys, elapsed, 100 * (user + sys) / elapsed, 100 * bench->busiest_cpu);
  printf ("Resident:       %.1f MiB before, %.1f MiB steady (median VmRSS, 2nd half), %.1f MiB peak (VmHWM)\n",
          bench->rss_start_kb / 1024.0, steady / 1024.0, hwm / 1024.0);
  printf ("Requests:       %" G_GUINT64_FORMAT " in %.1f s = %.1f/s (busiest second: %" G_GUINT64_FORMAT "); "
          "/jobs/overview %" G_GINT64_FORMAT ", /jobs %" G_GINT64_FORMAT ", /jobs/:id/status %" G_GINT64_FORMAT
          ", refused %" G_GINT64_FORMAT "\n",
          requests, elapsed, requests / elapsed, peak_rate,
          json_object_get_int_member (stats, "overview"), json_object_get_int_member (stats, "jobs"),
          json_object_get_int_member (stats, "status"),
          json_object_get_int_member (stats, "refused"));
  printf ("Rate by 5 s:   ");
  for (guint s = 0; s + 5 <= MIN (seconds, json_array_get_length (per_second)); s += 5)
    {
      guint64 sum = 0;
      for (guint d = 0; d < 5; d++)
        sum += json_array_get_int_element (per_second, s + d);
      printf (" %" G_GUINT64_FORMAT, sum / 5);
    }
  printf (" requests/s\n");
  printf ("Sent:           %.1f MiB of response bodies (%.1f KiB/s)\n",
          json_object_get_int_member (stats, "bytes") / 1048576.0,
          json_object_get_int_member (stats, "bytes") / 1024.0 / elapsed);
  printf ("Server CPU:     %.2f s\n", json_object_get_int_member (stats, "cpu_ms") / 1000.0);
  if (bench->all_seen_at)
    printf ("First status:   every job seen %.2f s after the start\n", (bench->all_seen_at - bench->started) / 1e6);
  else
    printf ("First status:   %u of %u jobs seen\n", bench->n_first_seen, n_jobs);
  printf ("Changes:        %u in the timeline; %u seen once, %u missed, %u duplicated, %u unexpected; "
          "%u of %u jobs exactly right\n",
          expected, seen_once, missed, duplicates, unexpected, jobs_exact, n_jobs);
  if (delays->len > 0)
    printf ("Staleness:      change to notification: 25th percentile %.2f s, median %.2f s, "
            "95th percentile %.2f s, max %.2f s\n",
            g_array_index (delays, gint64, delays->len / 4) / 1e6,
            g_array_index (delays, gint64, delays->len / 2) / 1e6,
            g_array_index (delays, gint64, delays->len * 95 / 100) / 1e6,
            g_array_index (delays, gint64, delays->len - 1) / 1e6);
  if (bench->probe_latencies->len > 0)
    {
      g_array_sort (bench->probe_latencies, compare_gint64);
      printf ("A click waits:  get_job_status_async once a second: median %.0f ms, max %.0f ms "
              "(%u calls answered of %u)\n",
              g_array_index (bench->probe_latencies, gint64, bench->probe_latencies->len / 2) / 1e3,
              g_array_index (bench->probe_latencies, gint64, bench->probe_latencies->len - 1) / 1e3,
              bench->probe_latencies->len, bench->probes_started);
    }
  printf ("Unreachable:    %u %s\n", unreachable,
          g_str_equal (bench->phase, "list") ? "times the list was reported unreachable"
                                             : "jobs were reported unreachable at least once");
  if (g_str_equal (bench->phase, "list"))
    printf ("Row updates:    %u rows refreshed without a status change (times, task counts)\n",
            bench->list_refreshes);
  if (bench->unexpected_removals)
    printf ("Removals:       %u rows removed (none expected)\n", bench->unexpected_removals);
  printf ("RESULT phase=%s storm=%d jobs=%u seconds=%u cpu_s=%.2f rss_before_mib=%.1f rss_steady_mib=%.1f "
          "rss_peak_mib=%.1f requests_per_s=%.1f peak_requests_per_s=%" G_GUINT64_FORMAT
          " busiest_cpu_pct=%.0f changes=%u seen_once=%u missed=%u duplicated=%u unexpected=%u unreachable=%u\n",
          bench->phase, storm, n_jobs, seconds, user + sys, bench->rss_start_kb / 1024.0, steady / 1024.0,
          hwm / 1024.0, requests / elapsed, peak_rate, 100 * bench->busiest_cpu, expected, seen_once, missed, duplicates,
          unexpected, unreachable);
  fflush (stdout);

  return missed == 0 && duplicates == 0 && unexpected == 0 ? 0 : 2;
}

/* ---- Phase list: one FlinkJobList ----------------------------------------- */

static void
list_items_changed_cb (GListModel *model,
                       guint       position,
                       guint       removed,
                       guint       added,
                       Bench      *bench)
{
  if (removed > added)
    bench->unexpected_removals += removed - added;
  for (guint p = position; p < position + added; p++)
    {
      g_autoptr(FlinkJobOverview) overview = g_list_model_get_item (model, p);
      Job *job = g_hash_table_lookup (bench->index_of, flink_job_overview_get_job_id (overview));

      FlinkJobStatus status = flink_job_overview_get_status (overview);

      /* A row whose status did not change was refreshed for its times or
       * task counts (the next overview after a status from GET /jobs):
       * an update, not a repeated notification. */
      if (job != NULL && job->seen->len > 0 &&
          g_array_index (job->seen, FlinkJobStatus, job->seen->len - 1) == status)
        bench->list_refreshes++;
      else if (job != NULL)
        record_status (bench, job, status);
    }
}

static void
list_reachable_cb (FlinkJobList *list,
                   GParamSpec   *pspec,
                   Bench        *bench)
{
  if (!flink_job_list_get_reachable (list))
    bench->unreachable_episodes++;
}

/* ---- Phase clients: N watched FlinkJobClients ----------------------------- */

typedef struct {
  Bench *bench;
  Job *job;
} Watch;

static void
status_changed_cb (FlinkJobClient *job_client,
                   FlinkJobStatus  old_status,
                   FlinkJobStatus  new_status,
                   Watch          *watch)
{
  if (old_status == new_status)
    {
      watch->job->duplicates++;
      return;
    }
  record_status (watch->bench, watch->job, new_status);
}

static void
client_reachable_cb (FlinkJobClient *job_client,
                     GParamSpec     *pspec,
                     Watch          *watch)
{
  if (!flink_job_client_get_reachable (job_client))
    watch->job->ever_unreachable = TRUE;
}

/* ---- The probe: what a person's click waits for ---------------------------- */

typedef struct {
  Bench *bench;
  gint64 started;
} Probe;

static void
probe_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autofree Probe *probe = user_data;
  g_autoptr(GError) error = NULL;
  gint64 latency = g_get_monotonic_time () - probe->started;

  flink_job_client_get_job_status_finish (FLINK_JOB_CLIENT (source), result, &error);
  if (error == NULL && probe->bench->probe_latencies != NULL)
    g_array_append_val (probe->bench->probe_latencies, latency);
}

/* One call a second, whether the last one answered or not, as a person
 * clicking would. */
static gboolean
probe_cb (gpointer user_data)
{
  Bench *bench = user_data;
  Probe *probe = g_new0 (Probe, 1);

  probe->bench = bench;
  probe->started = g_get_monotonic_time ();
  bench->probes_started++;
  flink_job_client_get_job_status_async (bench->probe, NULL, probe_done_cb, probe);
  return G_SOURCE_CONTINUE;
}

static void
retrieved_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **slot = user_data;
  *slot = g_object_ref (result);
}

static int
run_phase (const char *phase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FlinkJobList) list = NULL;
  g_autofree Watch *watches = NULL;
  Bench bench = { 0 };
  int status;

  bench.phase = phase;
  bench.rss_samples = g_array_new (FALSE, FALSE, sizeof (guint64));
  bench.probe_latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench.loop = g_main_loop_new (NULL, FALSE);
  bench.index_of = g_hash_table_new (g_str_hash, g_str_equal);
  bench.stats_session = soup_session_new ();
  for (guint i = 0; i < n_jobs; i++)
    g_hash_table_insert (bench.index_of, jobs[i].id, &jobs[i]);

  if (!start_server (&bench, &error))
    {
      g_printerr ("bench-watch: %s\n", error->message);
      return 1;
    }

  descriptor = flink_cluster_descriptor_new_for_url (bench.url, &error);
  g_assert_no_error (error);
  flink_cluster_descriptor_retrieve_async (descriptor, NULL, retrieved_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  client = flink_cluster_descriptor_retrieve_finish (descriptor, result, &error);
  if (client == NULL)
    {
      g_printerr ("bench-watch: %s\n", error->message);
      return 1;
    }

  bench.rss_start_kb = proc_status_kb ("VmRSS:");
  getrusage (RUSAGE_SELF, &bench.usage_start);
  bench.last_cpu = cpu_seconds (&bench.usage_start.ru_utime) + cpu_seconds (&bench.usage_start.ru_stime);
  bench.started = g_get_monotonic_time ();

  if (g_str_equal (phase, "list"))
    {
      list = flink_job_list_new (client);
      g_signal_connect (list, "items-changed", G_CALLBACK (list_items_changed_cb), &bench);
      g_signal_connect (list, "notify::reachable", G_CALLBACK (list_reachable_cb), &bench);
    }
  else
    {
      watches = g_new0 (Watch, n_jobs);
      for (guint i = 0; i < n_jobs; i++)
        {
          Job *job = &jobs[i];

          watches[i].bench = &bench;
          watches[i].job = job;
          job->job_client = flink_cluster_client_get_job_client (client, job->id, &error);
          g_assert_no_error (error);
          g_signal_connect (job->job_client, "status-changed", G_CALLBACK (status_changed_cb), &watches[i]);
          g_signal_connect (job->job_client, "notify::reachable", G_CALLBACK (client_reachable_cb), &watches[i]);
          flink_job_client_set_watched (job->job_client, TRUE);
        }
    }

  bench.probe = flink_cluster_client_get_job_client (client, PROBE_JOB_ID, &error);
  g_assert_no_error (error);
  g_timeout_add_seconds (1, sample_cb, &bench);
  g_timeout_add (1000, probe_cb, &bench);
  g_timeout_add_seconds (seconds, quit_cb, bench.loop);
  g_main_loop_run (bench.loop);

  status = report (&bench);

  if (list != NULL)
    printf ("FlinkJobList:   %" G_GUINT64_FORMAT " polls (flink_job_list_get_n_polls)\n",
            flink_job_list_get_n_polls (list));
  for (guint i = 0; i < n_jobs; i++)
    if (jobs[i].job_client != NULL)
      {
        flink_job_client_set_watched (jobs[i].job_client, FALSE);
        g_clear_object (&jobs[i].job_client);
      }
  g_clear_object (&list);

  g_subprocess_send_signal (bench.server, SIGTERM);
  g_subprocess_wait (bench.server, NULL, NULL);
  g_object_unref (bench.server);
  g_object_unref (bench.stats_session);
  g_main_loop_unref (bench.loop);
  g_hash_table_unref (bench.index_of);
  g_array_unref (bench.rss_samples);
  g_array_unref (bench.probe_latencies);
  g_clear_object (&bench.probe);
  g_free (bench.url);
  return status;
}

/* ---- main ----------------------------------------------------------------- */

static int
run_all (void)
{
  g_autofree char *self_path = executable_path ();
  g_autofree char *jobs_arg = g_strdup_printf ("%u", n_jobs);
  g_autofree char *seconds_arg = g_strdup_printf ("%u", seconds);
  g_autofree char *seed_arg = g_strdup_printf ("%u", seed);
  const char *phases[] = { "list", "clients" };
  int worst = 0;

  printf ("bench-watch: %u jobs, %u s per phase, %s (seed %u): %u status changes; "
          "%ld CPU cores online\n",
          n_jobs, seconds, storm ? "restart storm" : "random timeline", seed, expected_changes (),
          sysconf (_SC_NPROCESSORS_ONLN));
  fflush (stdout);
  for (guint p = 0; p < G_N_ELEMENTS (phases); p++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) child = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                                                       self_path, "--phase", phases[p], "--jobs", jobs_arg,
                                                       "--seconds", seconds_arg, "--seed", seed_arg,
                                    storm ? "--storm" : NULL, NULL);

      if (child == NULL || !g_subprocess_wait (child, NULL, &error))
        {
          g_printerr ("bench-watch: phase %s: %s\n", phases[p], error->message);
          return 1;
        }
      if (!g_subprocess_get_if_exited (child))
        worst = MAX (worst, 1);
      else
        worst = MAX (worst, g_subprocess_get_exit_status (child));
    }
  return worst;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *phase = NULL;
  gboolean serving = FALSE;
  int jobs_opt = 1000, seconds_opt = 60, seed_opt = 1;
  GOptionEntry entries[] = {
    { "jobs", 0, 0, G_OPTION_ARG_INT, &jobs_opt, "How many jobs (default 1000)", "N" },
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds_opt, "How long each phase watches (default 60)", "S" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed_opt, "Seed of the jobs' status timeline (default 1)", "SEED" },
    { "storm", 0, 0, G_OPTION_ARG_NONE, &storm, "Every job restarts at once, for a quarter of the run", NULL },
    { "phase", 0, 0, G_OPTION_ARG_STRING, &phase, "Run one phase only: list or clients", "PHASE" },
    { "serve", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &serving, "Be the simulated Flink", NULL },
    { NULL }
  };

  context = g_option_context_new ("- what watching many Flink jobs costs");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-watch: %s\n", error->message);
      return 1;
    }
  if (jobs_opt < 1 || jobs_opt > MAX_JOBS || seconds_opt < (storm ? 40 : 10) || seconds_opt > MAX_SECONDS || seed_opt < 0)
    {
      g_printerr ("bench-watch: --jobs must be 1..%d, --seconds 10..%d (40.. with --storm)\n", MAX_JOBS, MAX_SECONDS);
      return 1;
    }
  n_jobs = jobs_opt;
  seconds = seconds_opt;
  seed = seed_opt;
  build_timeline ();

  if (serving)
    return serve ();
  if (phase == NULL)
    return run_all ();
  if (!g_str_equal (phase, "list") && !g_str_equal (phase, "clients"))
    {
      g_printerr ("bench-watch: --phase is list or clients\n");
      return 1;
    }
  return run_phase (phase);
}
