/* test-cluster-faults.c: what goes wrong with a real Flink cluster
 *
 * Faults that only a real cluster shows, each ending in the right result or
 * a clear FLINK_ERROR within a deadline, with no savepoint lost or taken
 * twice:
 *
 *   /cluster-faults/tls/...           REST over https: a private CA, the
 *                                     system trust store, a wrong CA
 *   /cluster-faults/mutual-tls/...    the cluster asks for a client
 *                                     certificate: right, missing, wrong
 *   /cluster-faults/keystore/...      the client configured only by a
 *                                     configuration directory written as
 *                                     Flink's SSL guide says: its keystores
 *                                     made by keytool, JKS and PKCS12,
 *                                     mutual TLS; the CLI with --config-dir
 *   /cluster-faults/savepoint/...     a trigger whose answer is lost on the
 *                                     way back (a loopback proxy drops it); a
 *                                     trigger id the cluster never knew
 *   /cluster-faults/run/...           a jar run given a job id whose answer
 *                                     is lost the same way
 *   /cluster-faults/taskmanager/...   the TaskManager is killed during a
 *                                     savepoint
 *   /cluster-faults/jobmanager/...    a trigger id that really expired
 *                                     (rest.async.store-duration); the
 *                                     JobManager killed (SIGKILL) and
 *                                     restarted while clients wait
 *
 * Run through tests/cluster-faults/run-cluster-faults.sh under
 * tests/flink/flink-harness.py run: the savepoint tests use that cluster
 * (FLINK_REST_URL); the others start clusters of their own with
 * `flink-harness.py start` (TLS, mutual TLS, kill and restart), of the same
 * Flink version, in the driver's scratch directory, and stop them in their
 * fixture's teardown. The driver's trap stops them if this program aborts.
 * The keystore scenarios need no cluster of the harness's, only the Flink
 * version (FLINK_VERSION): without FLINK_REST_URL they alone run, and one
 * of their clusters at a time.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <signal.h>
#include <sys/prctl.h>
#include <sys/types.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "flink-fault-server.h"
#include "flink-test-utils.h"

#define COUNTER_CLASS "org.flinkjob.testjobs.CounterStream"

/* Each wait has a deadline: a wait that outlives it is a hang, and fails
 * the test. They are generous; none asserts a speed. */
#define STATUS_WAIT_S 120
#define SAVEPOINT_DEADLINE_S 90
#define KILL_DEADLINE_S 120
/* flink-harness.py start gives a cluster 120 s (FLINKJOB_START_TIMEOUT)
 * once its Flink is installed; restart-jobmanager as much. */
#define HARNESS_DEADLINE_S 300
#define TLS_DEADLINE_S 60
/* flinkjob --config-dir DIR list gives up after its --timeout, 60 s. */
#define CLI_DEADLINE_S 90

/* The savepoint of a job started with --snapshot-delay-ms stays
 * IN_PROGRESS that long. */
#define SNAPSHOT_DELAY_MS "3000"
/* Periodic checkpoints would compete with the savepoints under test. */
#define NO_CHECKPOINTS_MS "3600000"
/* rest.async.store-duration of the cluster where trigger ids expire. */
#define STORE_DURATION_S 2

/* ---- Clusters of our own ------------------------------------------------ */

/* A cluster is started in the background ahead of its tests (the driver
 * sets FLINKJOB_CLUSTER_FAULTS_PARALLEL_STARTS, at most that many at once,
 * in the order the tests need them), or else when its first test needs it;
 * it is stopped when its last test is done. */
typedef struct {
  const char *name;
  const char *options[8];        /* flink-harness.py start options */
  guint users;                   /* tests still to run on it */
  char *workdir;
  JsonObject *info;              /* its cluster.json, once it runs */
  GSubprocess *starting;         /* flink-harness.py start, while it runs */
  GError *start_error;
  gint64 start_began;
  double start_seconds;
  gboolean started;              /* `start` was run: `stop` is due */
} Cluster;

/* In the order the tests use them. */
enum {
  CLUSTER_TLS,
  CLUSTER_MUTUAL_TLS,
  CLUSTER_JKS_MUTUAL_TLS,
  CLUSTER_TASKMANAGER,
  CLUSTER_JOBMANAGER,
  N_CLUSTERS
};

/* The checkpoint statistics that show a savepoint IN_PROGRESS are cached
 * for web.refresh-interval (3 s by default, as long as the savepoint takes
 * here): refreshed every half second, they show it. */
#define FRESH_STATISTICS "--conf", "web.refresh-interval=500"

static Cluster clusters[N_CLUSTERS] = {
  [CLUSTER_TLS] = { "tls", { "--tls", NULL } },
  [CLUSTER_MUTUAL_TLS] = { "mutual-tls", { "--tls-mutual", NULL } },
  [CLUSTER_JKS_MUTUAL_TLS] = { "jks-mutual-tls", { "--tls-mutual", "--tls-store-type", "JKS", NULL } },
  [CLUSTER_TASKMANAGER] = { "taskmanager", { FRESH_STATISTICS, NULL } },
  [CLUSTER_JOBMANAGER] = { "jobmanager", { "--async-store-duration", G_STRINGIFY (STORE_DURATION_S) " s",
                                           FRESH_STATISTICS, NULL } },
};

static const char *
harness_path (void)
{
  static char *path = NULL;

  if (path == NULL)
    {
      const char *explicit = g_getenv ("FLINKJOB_HARNESS");
      path = g_strdup (explicit ? explicit : FLINKJOB_HARNESS_PATH);
    }
  return path;
}

static const char *
python (void)
{
  const char *explicit = g_getenv ("FLINKJOB_PYTHON");

  return explicit ? explicit : "python3";
}

/* Where our clusters' work directories go: the driver's scratch directory
 * (which its trap cleans up), else the harness's work directory. */
static const char *
scratch_dir (void)
{
  static char *dir = NULL;

  if (dir == NULL)
    {
      const char *explicit = g_getenv ("FLINKJOB_CLUSTER_FAULTS_SCRATCH");
      const char *workdir = g_getenv ("FLINKJOB_TEST_WORKDIR");

      if (explicit != NULL && explicit[0] != '\0')
        dir = g_strdup (explicit);
      else
        dir = g_build_filename (workdir ? workdir : g_get_tmp_dir (), "cluster-faults", NULL);
      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
    }
  return dir;
}

/* flink-harness.py SUBCOMMAND --workdir WORKDIR EXTRA... */
static GPtrArray *
harness_argv (const char         *subcommand,
              const char         *workdir,
              const char * const *extra)
{
  GPtrArray *argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) python ());
  g_ptr_array_add (argv, (char *) harness_path ());
  g_ptr_array_add (argv, (char *) subcommand);
  if (g_str_equal (subcommand, "start"))
    {
      const char *version = g_getenv ("FLINK_VERSION");

      g_ptr_array_add (argv, "--version");
      g_ptr_array_add (argv, (char *) (version ? version : "2.3.0"));
    }
  g_ptr_array_add (argv, "--workdir");
  g_ptr_array_add (argv, (char *) workdir);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra[i]);
  g_ptr_array_add (argv, NULL);
  return argv;
}

/* In the child: if this program dies (a failed assertion aborts it), the
 * harness gets SIGTERM, and stops the JVMs it started before it exits. */
static void
die_with_us (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* Starts the harness in the background, tied to us (die_with_us). */
static GSubprocess *
spawn_harness (const char         *subcommand,
               const char         *workdir,
               const char * const *extra,
               GSubprocessFlags    flags,
               GError            **error)
{
  g_autoptr(GPtrArray) argv = harness_argv (subcommand, workdir, extra);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_child_setup (launcher, die_with_us, NULL, NULL);
  return g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
}

/* Runs the harness, its progress going to our stderr, and waits for it at
 * most HARNESS_DEADLINE_S. */
static gboolean
run_harness (const char         *subcommand,
             const char         *workdir,
             const char * const *extra,
             GError            **error)
{
  g_autoptr(GSubprocess) harness = spawn_harness (subcommand, workdir, extra,
                                                  G_SUBPROCESS_FLAGS_STDOUT_SILENCE, error);
  g_autoptr(FlinkTestDeadline) deadline = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  if (harness == NULL)
    return FALSE;
  deadline = flink_test_deadline_new (HARNESS_DEADLINE_S, "flink-harness.py %s --workdir %s",
                                      subcommand, workdir);
  g_subprocess_wait_check_async (harness, NULL, flink_test_store_result_cb, &result);
  return g_subprocess_wait_check_finish (harness, flink_test_deadline_wait (deadline, &result), error);
}

static JsonObject *
read_cluster_json (const char *workdir)
{
  g_autofree char *path = g_build_filename (workdir, "cluster.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static guint parallel_starts;    /* 0: each cluster when needed */
static guint starts_running;

static void start_more_clusters (void);

static void
cluster_started_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Cluster *cluster = user_data;
  g_autofree char *url = NULL;

  cluster->start_seconds = (g_get_monotonic_time () - cluster->start_began) / (double) G_USEC_PER_SEC;
  if (g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &url, NULL, &cluster->start_error))
    g_subprocess_wait_check (G_SUBPROCESS (source), NULL, &cluster->start_error);
  g_clear_object (&cluster->starting);
  starts_running--;
  start_more_clusters ();
}

static void
cluster_begin_start (Cluster *cluster)
{
  g_assert_false (cluster->started);
  cluster->workdir = g_strdup_printf ("%s/%s-XXXXXX", scratch_dir (), cluster->name);
  g_assert_nonnull (g_mkdtemp (cluster->workdir));
  g_test_message ("starting the %s cluster in %s", cluster->name, cluster->workdir);
  cluster->started = TRUE;       /* even if it fails: stop what it left */
  cluster->start_began = g_get_monotonic_time ();
  cluster->starting = spawn_harness ("start", cluster->workdir, cluster->options,
                                     G_SUBPROCESS_FLAGS_STDOUT_PIPE, &cluster->start_error);
  if (cluster->starting == NULL)
    return;
  starts_running++;
  g_subprocess_communicate_utf8_async (cluster->starting, NULL, NULL, cluster_started_cb, cluster);
}

/* Starts the next clusters in the background, up to parallel_starts at
 * once. */
static void
start_more_clusters (void)
{
  for (guint i = 0; i < N_CLUSTERS && starts_running < parallel_starts; i++)
    if (!clusters[i].started && clusters[i].users > 0)
      cluster_begin_start (&clusters[i]);
}

/* Waits until the cluster runs, starting it first if nobody did. */
static void
cluster_ensure (Cluster *cluster)
{
  gint64 waited = g_get_monotonic_time ();

  if (cluster->info != NULL)
    return;
  if (!cluster->started)
    cluster_begin_start (cluster);
  flink_test_iterate_until (cluster->starting == NULL, HARNESS_DEADLINE_S, "the %s cluster to start in %s",
                            cluster->name, cluster->workdir);
  if (cluster->start_error != NULL)
    g_error ("could not start the %s cluster in %s: %s", cluster->name, cluster->workdir,
             cluster->start_error->message);
  cluster->info = read_cluster_json (cluster->workdir);
  g_test_message ("the %s cluster runs at %s (started in %.1f s, %.1f s of which waited for here)",
                  cluster->name, json_object_get_string_member (cluster->info, "url"),
                  cluster->start_seconds, (g_get_monotonic_time () - waited) / (double) G_USEC_PER_SEC);
}

static void
cluster_stop (Cluster *cluster)
{
  g_autoptr(GError) error = NULL;

  if (!cluster->started)
    return;
  flink_test_iterate_until (cluster->starting == NULL, HARNESS_DEADLINE_S,
                            "the %s cluster to start in %s, to stop it", cluster->name, cluster->workdir);
  cluster->started = FALSE;
  if (!run_harness ("stop", cluster->workdir, NULL, &error))
    g_test_message ("stopping the %s cluster: %s", cluster->name, error->message);
  g_clear_pointer (&cluster->info, json_object_unref);
  g_clear_error (&cluster->start_error);
}

static const char *
cluster_string (Cluster    *cluster,
                const char *key)
{
  const char *value = json_object_get_string_member_with_default (cluster->info, key, NULL);

  g_assert_nonnull (value);
  return value;
}

/* The pid of the cluster's JobManager or TaskManager as cluster.json says
 * now (a restart changes it). */
static GPid
cluster_pid (Cluster    *cluster,
             const char *role)
{
  g_autofree char *key = g_strconcat (role, "_pid", NULL);
  g_autoptr(JsonObject) info = read_cluster_json (cluster->workdir);
  gint64 pid = json_object_get_int_member_with_default (info, key, 0);

  g_assert_cmpint (pid, >, 1);
  return (GPid) pid;
}

static gboolean
process_gone (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  const char *state;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return TRUE;
  /* pid (comm) S ...: a zombie is gone too. */
  state = strrchr (stat, ')');
  return state == NULL || state[1] == '\0' || state[2] == 'Z';
}

/* SIGKILL, as the kernel's OOM killer or a lost machine would. */
static void
kill_role (Cluster    *cluster,
           const char *role)
{
  GPid pid = cluster_pid (cluster, role);
  g_autoptr(FlinkTestDeadline) deadline = flink_test_deadline_new (10, "the killed %s (pid %d) to be gone",
                                                                   role, (int) pid);

  g_test_message ("SIGKILL to the %s (pid %d)", role, (int) pid);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  while (!process_gone (pid))
    flink_test_deadline_sleep (deadline, 20);
}

/* ---- Fixture ------------------------------------------------------------ */

/* What a test needs to run: the harness's cluster (FLINK_REST_URL), or
 * only the Flink version of the clusters it starts (FLINK_VERSION). */
typedef enum {
  NEEDS_HARNESS_CLUSTER,
  NEEDS_FLINK_VERSION,
} Needs;

/* What a test is registered with. */
typedef struct {
  const char *name;              /* under /cluster-faults/ */
  Cluster *cluster;              /* NULL: the harness's cluster */
  Needs needs;
  gconstpointer params;          /* the test's own: a TlsCase, a KeystoreCase */
} TestSpec;

typedef struct {
  Cluster *cluster;              /* NULL: the harness's cluster */
  gconstpointer params;
  const char *url;
  FlinkClusterClient *client;    /* http clusters only */
  GPtrArray *jobs;               /* cancelled at teardown */
  char *dir;                     /* this test's own directory */
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const TestSpec *spec = data;
  Cluster *cluster = spec->cluster;
  g_autofree char *name = NULL;

  fixture->params = spec->params;
  fixture->jobs = g_ptr_array_new_with_free_func (g_object_unref);
  /* Without the harness's cluster, only the tests that need none of its
   * run, given the Flink version of the clusters they start; the others
   * are skipped. Without either, everything is skipped: the clusters
   * started here would not know which Flink to run. */
  if (spec->needs == NEEDS_FLINK_VERSION)
    {
      if (g_getenv ("FLINK_VERSION") == NULL)
        {
          g_test_skip ("no FLINK_VERSION: run under tests/flink/flink-harness.py run");
          return;
        }
    }
  else if (flink_test_cluster_url () == NULL)
    return;
  /* From the first test on, the clusters of the later ones start. */
  start_more_clusters ();

  if (cluster == NULL)
    fixture->url = flink_test_cluster_url ();
  else
    {
      cluster_ensure (cluster);
      fixture->cluster = cluster;
      fixture->url = cluster_string (cluster, "url");
    }
  if (g_str_has_prefix (fixture->url, "http:"))
    fixture->client = flink_test_retrieve (fixture->url);

  name = g_strdelimit (g_strdup (spec->name), "/", '-');
  fixture->dir = g_strdup_printf ("%s/%s-XXXXXX", scratch_dir (), name);
  g_assert_nonnull (g_mkdtemp (fixture->dir));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
    }
  g_remove (path);
}

static void
cancel_job_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  flink_job_client_cancel_finish (FLINK_JOB_CLIENT (source), result, NULL);
  (*(guint *) user_data)--;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  const TestSpec *spec = data;
  Cluster *cluster = spec->cluster;
  guint pending = 0;

  /* Free the slots of the harness's cluster for the suites after us. */
  for (guint i = 0; i < fixture->jobs->len; i++)
    {
      pending++;
      flink_job_client_cancel_async (g_ptr_array_index (fixture->jobs, i), NULL, cancel_job_cb, &pending);
    }
  flink_test_iterate_until (pending == 0, 0, "%u jobs of the test to be cancelled", pending);
  g_ptr_array_unref (fixture->jobs);
  g_clear_object (&fixture->client);

  if (cluster != NULL && --cluster->users == 0)
    cluster_stop (cluster);
  /* Kept on failure, for the savepoints in it. */
  if (fixture->dir != NULL && !g_test_failed ())
    remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
need_cluster (Fixture *fixture)
{
  return fixture->url != NULL;
}

/* ---- Helpers ------------------------------------------------------------ */

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static FlinkJobClient *
submit_counter (Fixture            *fixture,
                FlinkClusterClient *client,
                const char * const *args)
{
  FlinkJobClient *job = flink_test_submit (client, COUNTER_CLASS, args, NULL);

  g_ptr_array_add (fixture->jobs, g_object_ref (job));
  g_assert_true (flink_test_wait_for_status (job, FLINK_JOB_STATUS_RUNNING, STATUS_WAIT_S));
  g_assert_true (flink_test_wait_for_all_running (job, STATUS_WAIT_S));
  return job;
}

/* The savepoint directories Flink made in @dir, and how many of them hold a
 * _metadata file (a savepoint that completed). */
static GPtrArray *
list_savepoints (const char *dir,
                 guint      *with_metadata)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  *with_metadata = 0;
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *metadata = g_build_filename (path, "_metadata", NULL);

      if (!g_str_has_prefix (name, "savepoint-"))
        continue;
      if (g_file_test (metadata, G_FILE_TEST_IS_REGULAR))
        (*with_metadata)++;
      g_test_message ("on disk: %s%s", path,
                      g_file_test (metadata, G_FILE_TEST_IS_REGULAR) ? " (with _metadata)" : " (no _metadata)");
      g_ptr_array_add (found, g_steal_pointer (&path));
    }
  return found;
}

static void
assert_mentions (const GError *error,
                 const char   *what)
{
  if (strstr (error->message, what) == NULL)
    g_error ("'%s' not in the error message: %s", what, error->message);
}

/* A GET of the cluster's REST API, outside the library: what the cluster
 * itself says. Returns the HTTP status. */
static guint
raw_get (const char  *url,
         JsonNode   **out_root)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                    flink_test_store_result_cb, &result);
  body = soup_session_send_and_read_finish (session, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  if (out_root != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      *out_root = NULL;
      if (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL))
        *out_root = json_node_copy (json_parser_get_root (parser));
    }
  return soup_message_get_status (message);
}

/* How many checkpoints or savepoints of the job the cluster reports
 * IN_PROGRESS. */
static gint64
in_progress_count (const char     *url,
                   FlinkJobClient *job)
{
  g_autofree char *stats_url = g_strdup_printf ("%s/jobs/%s/checkpoints", url, flink_job_client_get_job_id (job));
  g_autoptr(JsonNode) root = NULL;
  JsonObject *counts;

  if (raw_get (stats_url, &root) != 200 || root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return 0;
  counts = json_object_get_object_member (json_node_get_object (root), "counts");
  return counts ? json_object_get_int_member_with_default (counts, "in_progress", 0) : 0;
}

static void
wait_for_in_progress (const char     *url,
                      FlinkJobClient *job)
{
  g_autoptr(FlinkTestDeadline) deadline =
    flink_test_deadline_new (30, "a checkpoint or savepoint of job %s IN_PROGRESS",
                             flink_job_client_get_job_id (job));

  while (in_progress_count (url, job) < 1)
    flink_test_deadline_sleep (deadline, 100);
}

static char *
random_trigger_id (void)
{
  GString *id = g_string_new (NULL);

  for (guint i = 0; i < 4; i++)
    g_string_append_printf (id, "%08x", g_random_int ());
  return g_string_free (id, FALSE);
}

static FlinkOperationHandle *
savepoint_handle (const char *job_id,
                  const char *trigger_id,
                  gint64      start_time)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup_printf ("flinkjob-operation/1 savepoint %s %s %" G_GINT64_FORMAT,
                                           job_id, trigger_id, start_time);
  FlinkOperationHandle *handle = flink_operation_handle_new_from_string (text, &error);

  g_assert_no_error (error);
  return handle;
}

static char *
await_savepoint (FlinkClusterClient    *client,
                 FlinkOperationHandle  *handle,
                 guint                  seconds,
                 GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  flink_cluster_client_await_savepoint_async (client, handle, NULL, flink_test_store_result_cb, &result);
  return flink_cluster_client_await_savepoint_finish (client, flink_test_wait_within (&result, seconds), error);
}

static FlinkClusterClient *
retrieve_with (const char               *url,
               guint                     attempts,
               guint                     retry_delay,
               GError                  **error)
{
  g_autoptr(FlinkClusterDescriptor) descriptor = flink_cluster_descriptor_new_for_url (url, error);

  g_assert_nonnull (descriptor);
  flink_cluster_descriptor_set_retry_max_attempts (descriptor, attempts);
  flink_cluster_descriptor_set_retry_delay (descriptor, retry_delay);
  return flink_test_retrieve_from (descriptor, error);
}

/* ---- TLS ---------------------------------------------------------------- */

/* A TLS case: the cluster it runs on (which says how that cluster's REST
 * endpoint does TLS), what the client trusts and presents, and what it gets.
 * The files are named by their keys in the cluster's cluster.json, where
 * flink-harness.py start --tls / --tls-mutual writes the certificates it
 * made with keytool. */
typedef struct {
  const char *name;              /* under /cluster-faults/ */
  guint cluster;                 /* CLUSTER_TLS or CLUSTER_MUTUAL_TLS */
  const char *ca_file;           /* NULL: the system's trust store */
  const char *client_cert;       /* NULL: no client certificate */
  const char *client_key;
  gint code;                     /* a FLINK_ERROR code, or SUCCEEDS */
  const char *mentions;          /* in the message, besides the URL and "TLS" */
} TlsCase;

#define SUCCEEDS -1

static const TlsCase tls_cases[] = {
  { "tls/ca-file", CLUSTER_TLS, "tls_ca_pem", NULL, NULL, SUCCEEDS, NULL },
  /* A private CA signed the cluster's certificate: the system's CAs do not
   * vouch for it. */
  { "tls/system-trust-store", CLUSTER_TLS, NULL, NULL, NULL,
    FLINK_ERROR_CONNECTION_FAILED, "is not trusted: no CA in" },
  /* Another CA than the one that signed the cluster's certificate. */
  { "tls/wrong-ca", CLUSTER_TLS, "tls_other_ca_pem", NULL, NULL,
    FLINK_ERROR_CONNECTION_FAILED, "is not trusted: no CA in" },
  { "mutual-tls/client-certificate", CLUSTER_MUTUAL_TLS, "tls_ca_pem",
    "tls_client_cert_pem", "tls_client_key_pem", SUCCEEDS, NULL },
  { "mutual-tls/no-client-certificate", CLUSTER_MUTUAL_TLS, "tls_ca_pem", NULL, NULL,
    FLINK_ERROR_CONNECTION_FAILED, "client certificate" },
  /* A certificate that another CA signed: the cluster does not accept it. */
  { "mutual-tls/wrong-client-certificate", CLUSTER_MUTUAL_TLS, "tls_ca_pem",
    "tls_other_cert_pem", "tls_other_key_pem", FLINK_ERROR_CONNECTION_FAILED, "client certificate" },
};

/* A cluster file the case names, or NULL. */
static const char *
tls_file (Fixture    *fixture,
          const char *key)
{
  return key != NULL ? cluster_string (fixture->cluster, key) : NULL;
}

/* Retrieves a client through @descriptor and reads the cluster's overview,
 * within TLS_DEADLINE_S; @what names the test. */
static FlinkClusterOverview *
descriptor_overview (FlinkClusterDescriptor  *descriptor,
                     const char              *what,
                     double                  *elapsed,
                     GError                 **error)
{
  const char *url = flink_cluster_descriptor_get_url (descriptor);
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FlinkTestDeadline) deadline = flink_test_deadline_new (TLS_DEADLINE_S, "the overview of %s (%s)",
                                                                   url, what);
  FlinkClusterOverview *overview = NULL;

  flink_cluster_descriptor_retrieve_async (descriptor, NULL, flink_test_store_result_cb, &result);
  client = flink_cluster_descriptor_retrieve_finish (descriptor, flink_test_deadline_wait (deadline, &result),
                                                     error);
  if (client != NULL)
    {
      g_clear_object (&result);
      flink_cluster_client_get_overview_async (client, NULL, flink_test_store_result_cb, &result);
      overview = flink_cluster_client_get_overview_finish (client, flink_test_deadline_wait (deadline, &result),
                                                           error);
    }
  *elapsed = flink_test_deadline_elapsed (deadline);
  if (*error != NULL)
    g_test_message ("after %.1f s: %s", *elapsed, (*error)->message);
  return overview;
}

/* Retrieves a client of the https cluster as the case says, then reads the
 * overview. */
static FlinkClusterOverview *
tls_overview (Fixture        *fixture,
              const TlsCase  *tls,
              double         *elapsed,
              GError        **error)
{
  const char *ca_file = tls_file (fixture, tls->ca_file);
  const char *cert_file = tls_file (fixture, tls->client_cert);
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(GError) local_error = NULL;

  descriptor = flink_cluster_descriptor_new_for_url (fixture->url, &local_error);
  g_assert_no_error (local_error);
  g_assert_true (g_str_has_prefix (fixture->url, "https://"));
  if (ca_file != NULL)
    {
      g_assert_true (flink_cluster_descriptor_set_tls_ca_file (descriptor, ca_file, &local_error));
      g_assert_no_error (local_error);
      g_assert_cmpstr (flink_cluster_descriptor_get_tls_ca_file (descriptor), ==, ca_file);
    }
  if (cert_file != NULL)
    {
      const char *key_file = tls_file (fixture, tls->client_key);
      g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_files (cert_file, key_file, &local_error);

      g_assert_no_error (local_error);
      flink_cluster_descriptor_set_tls_client_certificate (descriptor, certificate);
      g_assert_true (flink_cluster_descriptor_get_tls_client_certificate (descriptor) == certificate);
    }

  return descriptor_overview (descriptor, tls->name, elapsed, error);
}

/* The cluster's overview, of the cluster's Flink version. */
static void
assert_overview (FlinkClusterOverview *overview,
                 const GError         *error)
{
  const char *version = g_getenv ("FLINK_VERSION");

  g_assert_no_error (error);
  g_assert_nonnull (overview);
  g_assert_cmpuint (flink_cluster_overview_get_taskmanagers (overview), >=, 1);
  g_assert_cmpuint (flink_cluster_overview_get_slots_total (overview), >=, 1);
  if (version != NULL)
    g_assert_cmpstr (flink_cluster_overview_get_flink_version (overview), ==, version);
}

/* A TLS failure is final: the certificate will not change on a retry, so
 * the first attempt's answer is the caller's (no "after N attempts"), and
 * it says what to do. */
static void
assert_tls_refused (const GError *error,
                    gint          code,
                    const char   *url,
                    const char   *mentions)
{
  g_assert_error (error, FLINK_ERROR, code);
  assert_mentions (error, url);
  assert_mentions (error, "TLS");
  assert_mentions (error, mentions);
  if (strstr (error->message, " attempts in ") != NULL)
    g_error ("a TLS failure was retried: %s", error->message);
}

static void
test_tls (Fixture       *fixture,
          gconstpointer  data)
{
  const TlsCase *tls = fixture->params;
  g_autoptr(FlinkClusterOverview) overview = NULL;
  g_autoptr(GError) error = NULL;
  double elapsed;

  if (!need_cluster (fixture))
    return;
  overview = tls_overview (fixture, tls, &elapsed, &error);
  if (tls->code == SUCCEEDS)
    {
      assert_overview (overview, error);
      return;
    }

  g_assert_null (overview);
  /* Refused at once: never retried (assert_tls_refused checks). */
  assert_tls_refused (error, tls->code, fixture->url, tls->mentions);
}

/* ---- Keystores as Flink names them -------------------------------------- */

/* Each case configures the client only through a configuration directory,
 * as Flink's SSL guide writes one ("Setting up SSL", REST endpoints: the
 * truststore, and with mutual authentication the keystore as well), and
 * reads the overview through flink_cluster_descriptor_new_from_config(), or
 * runs `flinkjob --config-dir DIR list`. The keystores are the cluster's
 * own, made by keytool (flink-harness.py --tls-store-type); the foreign ones
 * are those of tests/keystores/, which another CA signed. The cases need no
 * cluster of the harness's: they are registered NEEDS_FLINK_VERSION. */
typedef enum {
  EXPECT_OVERVIEW,
  EXPECT_REFUSED,                /* the TLS handshake fails */
  EXPECT_CONFIG_ERROR,           /* the configuration is refused at once */
} Expect;

typedef enum {
  CONFIG_TRUSTSTORE,             /* security.ssl.rest.truststore only */
  CONFIG_MUTUAL,                 /* and the keystore, authentication-enabled */
  CONFIG_CLUSTERS_OWN,           /* the cluster's own configuration directory */
} ConfigKind;

/* security.ssl.rest.cert.fingerprint */
typedef enum {
  PIN_NONE,
  PIN_REST_CERTIFICATE,          /* the SHA-1 of the cluster's certificate */
  PIN_OTHER,                     /* of another one */
} Pin;

typedef struct {
  const char *name;              /* under /cluster-faults/ */
  guint cluster;                 /* CLUSTER_TLS, CLUSTER_MUTUAL_TLS (PKCS12) or
                                  * CLUSTER_JKS_MUTUAL_TLS */
  ConfigKind config;
  const char *key_password;      /* NULL: the right one */
  const char *truststore;        /* NULL: the cluster's; else tests/keystores/ */
  gboolean cli;                  /* flinkjob --config-dir DIR list */
  Expect expect;
  const char *mentions;          /* in the message of a refusal */
  Pin pin;
} KeystoreCase;

static const KeystoreCase keystore_cases[] = {
  { "keystore/pkcs12/truststore", CLUSTER_TLS, CONFIG_TRUSTSTORE,
    NULL, NULL, FALSE, EXPECT_OVERVIEW, NULL, PIN_NONE },
  { "keystore/pkcs12/foreign-truststore", CLUSTER_TLS, CONFIG_TRUSTSTORE,
    NULL, "truststore.p12", FALSE, EXPECT_REFUSED, "is not trusted: no CA in", PIN_NONE },
  /* Pinned: the certificate's fingerprint, whoever signed it. */
  { "keystore/pkcs12/fingerprint", CLUSTER_TLS, CONFIG_TRUSTSTORE,
    NULL, "truststore.p12", FALSE, EXPECT_OVERVIEW, NULL, PIN_REST_CERTIFICATE },
  { "keystore/pkcs12/wrong-fingerprint", CLUSTER_TLS, CONFIG_TRUSTSTORE,
    NULL, NULL, FALSE, EXPECT_REFUSED, "is not trusted", PIN_OTHER },
  { "keystore/pkcs12/mutual", CLUSTER_MUTUAL_TLS, CONFIG_MUTUAL,
    NULL, NULL, FALSE, EXPECT_OVERVIEW, NULL, PIN_NONE },
  { "keystore/pkcs12/clusters-own-config", CLUSTER_MUTUAL_TLS, CONFIG_CLUSTERS_OWN,
    NULL, NULL, FALSE, EXPECT_OVERVIEW, NULL, PIN_NONE },
  { "keystore/pkcs12/no-keystore", CLUSTER_MUTUAL_TLS, CONFIG_TRUSTSTORE,
    NULL, NULL, FALSE, EXPECT_REFUSED, "asks for a client certificate", PIN_NONE },
  { "keystore/pkcs12/cli", CLUSTER_MUTUAL_TLS, CONFIG_MUTUAL,
    NULL, NULL, TRUE, EXPECT_OVERVIEW, NULL, PIN_NONE },
  { "keystore/jks/mutual", CLUSTER_JKS_MUTUAL_TLS, CONFIG_MUTUAL,
    NULL, NULL, FALSE, EXPECT_OVERVIEW, NULL, PIN_NONE },
  { "keystore/jks/clusters-own-config", CLUSTER_JKS_MUTUAL_TLS, CONFIG_CLUSTERS_OWN,
    NULL, NULL, FALSE, EXPECT_OVERVIEW, NULL, PIN_NONE },
  { "keystore/jks/no-keystore", CLUSTER_JKS_MUTUAL_TLS, CONFIG_TRUSTSTORE,
    NULL, NULL, FALSE, EXPECT_REFUSED, "asks for a client certificate", PIN_NONE },
  { "keystore/jks/foreign-truststore", CLUSTER_JKS_MUTUAL_TLS, CONFIG_MUTUAL,
    NULL, "truststore.jks", FALSE, EXPECT_REFUSED, "is not trusted: no CA in", PIN_NONE },
  { "keystore/jks/wrong-key-password", CLUSTER_JKS_MUTUAL_TLS, CONFIG_MUTUAL,
    "not-the-key-password", NULL, FALSE, EXPECT_CONFIG_ERROR,
    "security.ssl.rest.key-password does not decrypt its private key", PIN_NONE },
  { "keystore/jks/cli", CLUSTER_JKS_MUTUAL_TLS, CONFIG_MUTUAL,
    NULL, NULL, TRUE, EXPECT_OVERVIEW, NULL, PIN_NONE },
};

/* Flink 1.19+ reads config.yaml; 1.x clients also flink-conf.yaml, which
 * the 1.20 cases write, so that both names are tried. */
static const char *
config_file_name (void)
{
  const char *version = g_getenv ("FLINK_VERSION");

  return version != NULL && g_str_has_prefix (version, "1.") ? "flink-conf.yaml" : "config.yaml";
}

/* The configuration directory of @keystore_case, written as Flink's SSL
 * guide does, with the cluster's keystores and passwords. */
static char *
write_client_config (Fixture            *fixture,
                     const KeystoreCase *keystore_case)
{
  Cluster *cluster = fixture->cluster;
  g_autofree char *truststore = NULL;
  g_autofree char *file = NULL;
  g_autoptr(GString) text = g_string_new ("# As Flink's SSL guide writes it\n");
  g_autoptr(GError) error = NULL;

  if (keystore_case->config == CONFIG_CLUSTERS_OWN)
    return g_strdup (cluster_string (cluster, "conf_dir"));

  truststore = keystore_case->truststore != NULL
    ? g_build_filename (SRCDIR, "..", "keystores", keystore_case->truststore, NULL)
    : g_strdup (cluster_string (cluster, "tls_truststore"));
  g_string_append_printf (text,
                          "rest.address: 127.0.0.1\n"
                          "rest.port: %" G_GINT64_FORMAT "\n"
                          "security.ssl.rest.enabled: true\n"
                          "security.ssl.rest.truststore: %s\n"
                          "security.ssl.rest.truststore-password: %s\n",
                          json_object_get_int_member (cluster->info, "rest_port"), truststore,
                          keystore_case->truststore != NULL ? "trust-secret"
                                                            : cluster_string (cluster, "tls_store_password"));
  if (keystore_case->pin != PIN_NONE)
    {
      g_autofree char *directory = g_path_get_dirname (cluster_string (cluster, "tls_keystore"));
      g_autofree char *pem = g_build_filename (directory, keystore_case->pin == PIN_OTHER
                                                          ? "client-cert.pem" : "rest-cert.pem", NULL);
      g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_file (pem, &error);
      g_autoptr(GByteArray) der = NULL;
      g_autofree char *sha1 = NULL;

      g_assert_no_error (error);
      g_object_get (certificate, "certificate", &der, NULL);
      sha1 = g_compute_checksum_for_data (G_CHECKSUM_SHA1, der->data, der->len);
      g_string_append_printf (text, "security.ssl.rest.cert.fingerprint: %s\n", sha1);
    }
  if (keystore_case->config == CONFIG_MUTUAL)
    g_string_append_printf (text,
                            "security.ssl.rest.authentication-enabled: true\n"
                            "security.ssl.rest.keystore: %s\n"
                            "security.ssl.rest.keystore-password: %s\n"
                            "security.ssl.rest.key-password: %s\n",
                            cluster_string (cluster, "tls_keystore"),
                            cluster_string (cluster, "tls_store_password"),
                            keystore_case->key_password ? keystore_case->key_password
                                                        : cluster_string (cluster, "tls_key_password"));
  file = g_build_filename (fixture->dir, config_file_name (), NULL);
  g_file_set_contents (file, text->str, text->len, &error);
  g_assert_no_error (error);
  g_test_message ("%s:\n%s", file, text->str);
  return g_strdup (fixture->dir);
}

/* flinkjob --config-dir DIR list, within CLI_DEADLINE_S, tied to us
 * (die_with_us) should a failed assertion abort us meanwhile. */
static void
run_cli_list (const char *config_dir)
{
  const char *argv[] = { FLINKJOB_CLI_PATH, "--config-dir", config_dir, "--timeout", "60", "list", NULL };
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(FlinkTestDeadline) deadline = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_subprocess_launcher_set_child_setup (launcher, die_with_us, NULL, NULL);
  cli = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  deadline = flink_test_deadline_new (CLI_DEADLINE_S, "flinkjob --config-dir %s list to exit", config_dir);
  g_subprocess_communicate_utf8_async (cli, NULL, NULL, flink_test_store_result_cb, &result);
  g_subprocess_communicate_utf8_finish (cli, flink_test_deadline_wait (deadline, &result), &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("flinkjob --config-dir %s list: exit %d\n%s%s", config_dir,
                  g_subprocess_get_exit_status (cli), out, err);
  g_assert_cmpint (g_subprocess_get_exit_status (cli), ==, 0);
  g_assert_true (strstr (out, "No jobs on https://127.0.0.1:") != NULL ||
                 strstr (out, "JOB ID") != NULL);
}

static void
test_keystore (Fixture       *fixture,
               gconstpointer  data)
{
  const KeystoreCase *keystore_case = fixture->params;
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterOverview) overview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *config_dir = NULL;
  double elapsed;

  if (!need_cluster (fixture))
    return;
  g_assert_cmpstr (cluster_string (fixture->cluster, "tls_store_type"), ==,
                   keystore_case->cluster == CLUSTER_JKS_MUTUAL_TLS ? "JKS" : "PKCS12");
  config_dir = write_client_config (fixture, keystore_case);

  if (keystore_case->cli)
    {
      run_cli_list (config_dir);
      return;
    }

  descriptor = flink_cluster_descriptor_new_from_config (config_dir, &error);
  if (keystore_case->expect == EXPECT_CONFIG_ERROR)
    {
      /* It names what to fix, and never a password. */
      g_assert_null (descriptor);
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
      g_test_message ("%s", error->message);
      assert_mentions (error, cluster_string (fixture->cluster, "tls_keystore"));
      assert_mentions (error, config_file_name ());
      assert_mentions (error, keystore_case->mentions);
      g_assert_null (strstr (error->message, keystore_case->key_password));
      g_assert_null (strstr (error->message, cluster_string (fixture->cluster, "tls_store_password")));
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpstr (flink_cluster_descriptor_get_url (descriptor), ==, fixture->url);

  overview = descriptor_overview (descriptor, keystore_case->name, &elapsed, &error);
  if (keystore_case->expect == EXPECT_OVERVIEW)
    {
      assert_overview (overview, error);
      return;
    }
  g_assert_null (overview);
  assert_tls_refused (error, FLINK_ERROR_CONNECTION_FAILED, fixture->url, keystore_case->mentions);
}

/* ---- A proxy that loses the answer to the first trigger ----------------- */

/* It relays bytes between each client connection and a connection of its
 * own to the cluster, and reads the start of each request: the first POST
 * whose request line holds its marker (a savepoint trigger's "/savepoints ",
 * a jar run's "/run ") is relayed, and when the cluster's answer comes back
 * (so the cluster took the trigger) both connections are closed instead. */
typedef struct {
  FlinkFaultServer *server;      /* where clients connect: a raw one */
  char *upstream_host;
  guint16 upstream_port;
  GPtrArray *links;              /* open ones, not owned */
  const char *marker;            /* in the request line of a trigger */
  guint triggers;                /* triggers seen */
  guint dropped;                 /* answers lost on purpose */
  GString *sent;                 /* every byte clients sent */
} Proxy;

typedef struct {
  Proxy *proxy;                  /* NULL once the proxy is gone */
  GIOStream *client;
  GIOStream *upstream;
  GCancellable *cancellable;
  gboolean drop_answer;          /* the request on the way is a trigger to lose */
  gboolean closed;
  guint refs;
} Link;

static void
link_unref (Link *link)
{
  if (--link->refs > 0)
    return;
  if (link->proxy != NULL)
    g_ptr_array_remove_fast (link->proxy->links, link);
  g_clear_object (&link->client);
  g_clear_object (&link->upstream);
  g_clear_object (&link->cancellable);
  g_free (link);
}

/* Pending reads and writes end (cancelled) at the next iteration. */
static void
link_close (Link *link)
{
  if (link->closed)
    return;
  link->closed = TRUE;
  g_cancellable_cancel (link->cancellable);
  g_io_stream_close (link->client, NULL, NULL);
  if (link->upstream != NULL)
    g_io_stream_close (link->upstream, NULL, NULL);
}

typedef struct {
  Link *link;
  gboolean to_upstream;
  GBytes *bytes;                 /* being written */
} Pump;

static void
pump_end (Pump *pump)
{
  link_close (pump->link);
  link_unref (pump->link);
  g_clear_pointer (&pump->bytes, g_bytes_unref);
  g_free (pump);
}

static void pump_read (Pump *pump);

static void
pump_written_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Pump *pump = user_data;

  g_clear_pointer (&pump->bytes, g_bytes_unref);
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL) || pump->link->closed)
    pump_end (pump);
  else
    pump_read (pump);
}

/* The request line of an HTTP request at the start of @bytes: is it a
 * POST that holds @marker? */
static gboolean
is_trigger (GBytes     *bytes,
            const char *marker)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autofree char *line = NULL;
  const char *end;

  if (size < 5 || memcmp (data, "POST ", 5) != 0)
    return FALSE;
  end = memchr (data, '\r', size);
  line = g_strndup (data, end ? (gsize) (end - data) : size);
  return strstr (line, marker) != NULL;
}

static void
pump_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Pump *pump = user_data;
  Link *link = pump->link;
  Proxy *proxy = link->proxy;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, NULL);
  GIOStream *to;

  if (bytes == NULL || g_bytes_get_size (bytes) == 0 || link->closed || proxy == NULL)
    {
      pump_end (pump);
      return;
    }

  if (pump->to_upstream)
    {
      g_string_append_len (proxy->sent, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      if (is_trigger (bytes, proxy->marker) && ++proxy->triggers == 1)
        link->drop_answer = TRUE;
    }
  else if (link->drop_answer)
    {
      /* The cluster answered, so it took the trigger: lose the answer. */
      g_test_message ("proxy: dropping the connection instead of relaying the trigger's answer");
      proxy->dropped++;
      pump_end (pump);
      return;
    }

  to = pump->to_upstream ? link->upstream : link->client;
  pump->bytes = g_steal_pointer (&bytes);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (to),
                                   g_bytes_get_data (pump->bytes, NULL), g_bytes_get_size (pump->bytes),
                                   G_PRIORITY_DEFAULT, link->cancellable, pump_written_cb, pump);
}

static void
pump_read (Pump *pump)
{
  GIOStream *from = pump->to_upstream ? pump->link->client : pump->link->upstream;

  g_input_stream_read_bytes_async (g_io_stream_get_input_stream (from), 65536, G_PRIORITY_DEFAULT,
                                   pump->link->cancellable, pump_read_cb, pump);
}

static void
pump_start (Link     *link,
            gboolean  to_upstream)
{
  Pump *pump = g_new0 (Pump, 1);

  pump->link = link;
  pump->to_upstream = to_upstream;
  link->refs++;
  pump_read (pump);
}

static void
upstream_connected_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Link *link = user_data;
  GSocketConnection *upstream = g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (source), result, NULL);

  if (upstream == NULL || link->closed)
    {
      g_clear_object (&upstream);
      link_close (link);
    }
  else
    {
      link->upstream = G_IO_STREAM (upstream);
      pump_start (link, TRUE);
      pump_start (link, FALSE);
    }
  link_unref (link);
}

static void
proxy_incoming_cb (FlinkFaultServer  *server,
                   GSocketConnection *connection,
                   gpointer           user_data)
{
  Proxy *proxy = user_data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  Link *link = g_new0 (Link, 1);

  link->proxy = proxy;
  link->client = G_IO_STREAM (g_object_ref (connection));
  link->cancellable = g_cancellable_new ();
  link->refs = 1;
  g_ptr_array_add (proxy->links, link);
  g_socket_client_connect_to_host_async (client, proxy->upstream_host, proxy->upstream_port,
                                         link->cancellable, upstream_connected_cb, link);
}

static Proxy *
proxy_new (const char *upstream_url,
           const char *marker)
{
  g_autoptr(GUri) uri = g_uri_parse (upstream_url, G_URI_FLAGS_NONE, NULL);
  Proxy *proxy = g_new0 (Proxy, 1);

  g_assert_nonnull (uri);
  g_assert_cmpstr (g_uri_get_scheme (uri), ==, "http");
  proxy->upstream_host = g_strdup (g_uri_get_host (uri));
  proxy->upstream_port = g_uri_get_port (uri);
  proxy->links = g_ptr_array_new ();
  proxy->marker = marker;
  proxy->sent = g_string_new (NULL);
  proxy->server = flink_fault_server_new_raw (proxy_incoming_cb, proxy);
  return proxy;
}

/* Closes every connection: their pumps end at the next iterations, and
 * find the proxy gone. */
static void
proxy_free (Proxy *proxy)
{
  g_clear_pointer (&proxy->server, flink_fault_server_free);
  for (guint i = 0; i < proxy->links->len; i++)
    {
      Link *link = g_ptr_array_index (proxy->links, i);

      link->proxy = NULL;
      link_close (link);
    }
  g_ptr_array_unref (proxy->links);
  g_free (proxy->upstream_host);
  g_string_free (proxy->sent, TRUE);
  g_free (proxy);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Proxy, proxy_free)

/* The triggerId of every savepoint trigger body that went through. */
static GPtrArray *
proxy_trigger_ids (Proxy *proxy)
{
  g_autoptr(GRegex) regex = g_regex_new ("\"triggerId\"\\s*:\\s*\"([0-9a-fA-F]{32})\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_regex_match (regex, proxy->sent->str, 0, &match);
  while (g_match_info_matches (match))
    {
      g_ptr_array_add (ids, g_match_info_fetch (match, 1));
      g_match_info_next (match, NULL);
    }
  return ids;
}

/* The trigger reached the cluster and the cluster took it, but its answer
 * was lost: the library sends it again with the same trigger id, and the
 * cluster, which registers (job, trigger id) once, takes one savepoint. */
static void
test_savepoint_lost_trigger_answer (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(Proxy) proxy = NULL;
  g_autoptr(FlinkClusterClient) proxied = NULL;
  g_autoptr(FlinkJobClient) proxied_job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) on_disk = NULL;
  g_autofree char *target = NULL;
  g_autofree char *location = NULL;
  g_autofree char *path = NULL;
  guint complete;
  gint64 start;

  if (!need_cluster (fixture))
    return;
  job = submit_counter (fixture, fixture->client, NULL);
  target = g_build_filename (fixture->dir, "savepoints", NULL);

  proxy = proxy_new (fixture->url, "/savepoints ");
  proxied = retrieve_with (flink_fault_server_get_url (proxy->server), 3, 100, &error);
  g_assert_no_error (error);
  proxied_job = flink_cluster_client_get_job_client (proxied, flink_job_client_get_job_id (job), &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  flink_job_client_trigger_savepoint_async (proxied_job, target, FLINK_SAVEPOINT_FORMAT_CANONICAL,
                                            NULL, flink_test_store_result_cb, &result);
  location = flink_job_client_trigger_savepoint_finish (proxied_job,
                                                        flink_test_wait_within (&result, SAVEPOINT_DEADLINE_S),
                                                        &error);
  g_assert_no_error (error);
  g_test_message ("savepoint at %s after %.1f s", location, seconds_since (start));

  /* The first answer was lost, the trigger sent twice, with one id. */
  g_assert_cmpuint (proxy->dropped, ==, 1);
  g_assert_cmpuint (proxy->triggers, ==, 2);
  ids = proxy_trigger_ids (proxy);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, g_ptr_array_index (ids, 1));

  /* One savepoint on disk, the one the call returned; and no second one
   * turns up later. */
  flink_test_sleep (1500);
  on_disk = list_savepoints (target, &complete);
  g_assert_cmpuint (on_disk->len, ==, 1);
  g_assert_cmpuint (complete, ==, 1);
  path = flink_test_local_path (location);
  g_assert_cmpstr (path, ==, g_ptr_array_index (on_disk, 0));
}

/* A jar run given a job id reached the cluster, which started the job, but
 * its answer was lost: the library sends it again, the cluster refuses a
 * second job of that id, and the call returns the job the first attempt
 * started. One job runs. */
static void
test_run_lost_answer (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GFile) jar = NULL;
  g_autoptr(FlinkRunOptions) options = flink_run_options_new ();
  g_autoptr(Proxy) proxy = NULL;
  g_autoptr(FlinkClusterClient) proxied = NULL;
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) jobs = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autoptr(GString) job_id = g_string_new (NULL);
  guint same_id = 0;

  if (!need_cluster (fixture))
    return;
  for (const char *c = uuid; *c != '\0'; c++)
    if (*c != '-')
      g_string_append_c (job_id, *c);

  jar = flink_test_jobs_jar ();
  proxy = proxy_new (fixture->url, "/run ");
  proxied = retrieve_with (flink_fault_server_get_url (proxy->server), 3, 100, &error);
  g_assert_no_error (error);
  flink_run_options_set_entry_class (options, COUNTER_CLASS);
  flink_run_options_set_job_id (options, job_id->str);
  flink_cluster_client_submit_jar_async (proxied, jar, options, NULL, flink_test_store_result_cb, &result);
  job = flink_cluster_client_submit_jar_finish (proxied, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  g_ptr_array_add (fixture->jobs, g_object_ref (job));
  g_assert_cmpstr (flink_job_client_get_job_id (job), ==, job_id->str);
  g_assert_cmpuint (proxy->dropped, ==, 1);
  g_assert_cmpuint (proxy->triggers, ==, 2);

  /* That job runs, once. */
  g_assert_true (flink_test_wait_for_status (job, FLINK_JOB_STATUS_RUNNING, STATUS_WAIT_S));
  g_clear_object (&result);
  flink_cluster_client_list_jobs_async (fixture->client, NULL, flink_test_store_result_cb, &result);
  jobs = flink_cluster_client_list_jobs_finish (fixture->client, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr(FlinkJobOverview) overview = g_list_model_get_item (jobs, i);

      if (g_strcmp0 (flink_job_overview_get_job_id (overview), job_id->str) == 0)
        same_id++;
    }
  g_assert_cmpuint (same_id, ==, 1);
}

/* The cluster does not know the trigger id (it expired, or a failover lost
 * it; here it never knew it): the wait finds the savepoint in the job's
 * checkpoint statistics from the handle's start time. */
static void
test_savepoint_forgotten_trigger (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(FlinkOperationHandle) handle = NULL;
  g_autoptr(FlinkOperationHandle) too_early = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  g_autofree char *location = NULL;
  g_autofree char *recovered = NULL;
  g_autofree char *unknown = random_trigger_id ();
  g_autofree char *not_found = NULL;
  gint64 start;

  if (!need_cluster (fixture))
    return;
  job = submit_counter (fixture, fixture->client, NULL);
  target = g_build_filename (fixture->dir, "savepoints", NULL);

  start = g_get_real_time () / 1000;
  flink_job_client_trigger_savepoint_async (job, target, FLINK_SAVEPOINT_FORMAT_CANONICAL, NULL,
                                            flink_test_store_result_cb, &result);
  location = flink_job_client_trigger_savepoint_finish (job, flink_test_wait (&result), &error);
  g_assert_no_error (error);

  handle = savepoint_handle (flink_job_client_get_job_id (job), unknown, start);
  recovered = await_savepoint (fixture->client, handle, SAVEPOINT_DEADLINE_S, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (recovered, ==, location);

  /* From a start time far from any savepoint of the job, nothing is
   * recovered, and the error says which trigger is unknown. */
  too_early = savepoint_handle (flink_job_client_get_job_id (job), unknown, start - 3600 * 1000);
  not_found = await_savepoint (fixture->client, too_early, SAVEPOINT_DEADLINE_S, &error);
  g_assert_null (not_found);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_OPERATION_FAILED);
  g_test_message ("%s", error->message);
  assert_mentions (error, unknown);
  assert_mentions (error, flink_job_client_get_job_id (job));
}

/* A real expiry: rest.async.store-duration is STORE_DURATION_S on this
 * cluster. Once the cluster forgot the trigger id, the same handle still
 * gives the savepoint's location. */
static void
test_savepoint_expired_trigger (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(FlinkOperationHandle) handle = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  g_autofree char *location = NULL;
  g_autofree char *recovered = NULL;
  g_autofree char *status_url = NULL;
  g_autoptr(FlinkTestDeadline) deadline = NULL;
  guint status;

  if (!need_cluster (fixture))
    return;
  job = submit_counter (fixture, fixture->client, NULL);
  target = g_build_filename (fixture->dir, "savepoints", NULL);

  flink_job_client_start_savepoint_async (job, target, FLINK_SAVEPOINT_FORMAT_CANONICAL, NULL,
                                          flink_test_store_result_cb, &result);
  handle = flink_job_client_start_savepoint_finish (job, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  location = await_savepoint (fixture->client, handle, SAVEPOINT_DEADLINE_S, &error);
  g_assert_no_error (error);

  /* Wait until the cluster itself answers 404 for the trigger. */
  status_url = g_strdup_printf ("%s/jobs/%s/savepoints/%s", fixture->url,
                                flink_operation_handle_get_job_id (handle),
                                flink_operation_handle_get_trigger_id (handle));
  deadline = flink_test_deadline_new (STORE_DURATION_S + 60, "the cluster to forget trigger %s (%s)",
                                      flink_operation_handle_get_trigger_id (handle), status_url);
  while ((status = raw_get (status_url, NULL)) == 200)
    flink_test_deadline_sleep (deadline, 500);
  g_test_message ("the cluster answers HTTP %u for trigger %s now", status,
                  flink_operation_handle_get_trigger_id (handle));
  g_assert_cmpuint (status, ==, 404);

  recovered = await_savepoint (fixture->client, handle, SAVEPOINT_DEADLINE_S, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (recovered, ==, location);
}

/* ---- The JobManager killed and restarted -------------------------------- */

typedef struct {
  const char *what;
  GAsyncResult *result;
  GError *error;
  char *location;                /* a savepoint wait's */
  FlinkJobResult *job_result;    /* a job result wait's */
  double ended;                  /* seconds after the kill */
  FlinkTestDeadline *deadline;   /* from the start of the wait */
} Waiter;

static void
waiter_clear (Waiter *waiter)
{
  g_clear_object (&waiter->result);
  g_clear_error (&waiter->error);
  g_clear_pointer (&waiter->location, g_free);
  g_clear_object (&waiter->job_result);
  g_clear_pointer (&waiter->deadline, flink_test_deadline_free);
}

static void
waiter_await_savepoint (Waiter               *waiter,
                        const char           *what,
                        FlinkClusterClient   *client,
                        FlinkOperationHandle *handle)
{
  waiter->what = what;
  waiter->deadline = flink_test_deadline_new (KILL_DEADLINE_S, "%s to end", what);
  flink_cluster_client_await_savepoint_async (client, handle, NULL, flink_test_store_result_cb, &waiter->result);
}

static void
waiter_await_result (Waiter         *waiter,
                     const char     *what,
                     FlinkJobClient *job)
{
  waiter->what = what;
  waiter->deadline = flink_test_deadline_new (KILL_DEADLINE_S, "%s to end", what);
  flink_job_client_get_job_execution_result_async (job, NULL, flink_test_store_result_cb, &waiter->result);
}

/* Waits until the waiter is done, and takes its outcome. */
static void
waiter_finish (Waiter *waiter,
               gint64  killed)
{
  GObject *source;

  flink_test_deadline_wait (waiter->deadline, &waiter->result);
  waiter->ended = seconds_since (killed);
  source = g_async_result_get_source_object (waiter->result);
  if (FLINK_IS_JOB_CLIENT (source))
    waiter->job_result = flink_job_client_get_job_execution_result_finish (FLINK_JOB_CLIENT (source),
                                                                           waiter->result, &waiter->error);
  else
    waiter->location = flink_cluster_client_await_savepoint_finish (FLINK_CLUSTER_CLIENT (source),
                                                                    waiter->result, &waiter->error);
  g_object_unref (source);
  g_test_message ("%s ended %.1f s after the kill: %s", waiter->what, waiter->ended,
                  waiter->error ? waiter->error->message : "success");
}

/* A clear error: the job is unknown, or the cluster unreachable; it names
 * the job, and for a savepoint its trigger id. */
static void
assert_lost_to_failover (Waiter     *waiter,
                         const char *job_id,
                         const char *trigger_id)
{
  g_assert_nonnull (waiter->error);
  if (!g_error_matches (waiter->error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND) &&
      !g_error_matches (waiter->error, FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED))
    g_error ("%s: expected NOT_FOUND or CONNECTION_FAILED, got %s %d: %s", waiter->what,
             g_quark_to_string (waiter->error->domain), waiter->error->code, waiter->error->message);
  assert_mentions (waiter->error, job_id);
  if (trigger_id != NULL)
    assert_mentions (waiter->error, trigger_id);
}

static void
test_jobmanager_killed (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *args[] = { "--snapshot-delay-ms", SNAPSHOT_DELAY_MS,
                         "--checkpoint-interval", NO_CHECKPOINTS_MS, NULL };
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(FlinkClusterClient) patient = NULL;
  g_autoptr(FlinkClusterClient) impatient = NULL;
  g_autoptr(FlinkJobClient) patient_job = NULL;
  g_autoptr(FlinkOperationHandle) handle = NULL;
  g_autoptr(GSubprocess) restart = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) on_disk = NULL;
  g_autofree char *target = NULL;
  const char *job_id;
  const char *trigger_id;
  Waiter savepoint_waiter = { 0 }, result_waiter = { 0 }, impatient_waiter = { 0 };
  Waiter after_savepoint = { 0 }, after_result = { 0 };
  guint complete;
  gint64 killed;

  if (!need_cluster (fixture))
    return;
  job = submit_counter (fixture, fixture->client, args);
  job_id = flink_job_client_get_job_id (job);
  target = g_build_filename (fixture->dir, "savepoints", NULL);

  /* A client that retries for some 20 s outlives the restart; one that
   * gives up after two quick attempts sees the JobManager down. */
  patient = retrieve_with (fixture->url, 12, 250, &error);
  g_assert_no_error (error);
  impatient = retrieve_with (fixture->url, 2, 100, &error);
  g_assert_no_error (error);
  patient_job = flink_cluster_client_get_job_client (patient, job_id, &error);
  g_assert_no_error (error);

  flink_job_client_start_savepoint_async (job, target, FLINK_SAVEPOINT_FORMAT_CANONICAL, NULL,
                                          flink_test_store_result_cb, &result);
  handle = flink_job_client_start_savepoint_finish (job, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  trigger_id = flink_operation_handle_get_trigger_id (handle);
  wait_for_in_progress (fixture->url, job);

  waiter_await_savepoint (&savepoint_waiter, "the savepoint wait", patient, handle);
  waiter_await_result (&result_waiter, "the job result wait", patient_job);
  waiter_await_savepoint (&impatient_waiter, "the impatient savepoint wait", impatient, handle);
  flink_test_sleep (300);        /* each has polled at least once */

  kill_role (fixture->cluster, "jobmanager");
  killed = g_get_monotonic_time ();

  /* With the JobManager down, the impatient wait gives up, clearly. */
  waiter_finish (&impatient_waiter, killed);
  g_assert_error (impatient_waiter.error, FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED);
  assert_lost_to_failover (&impatient_waiter, job_id, trigger_id);
  assert_mentions (impatient_waiter.error, fixture->url);

  /* The same configuration, the same ports: the other waits reach the new
   * JobManager, which never heard of the job (no high availability). */
  restart = spawn_harness ("restart-jobmanager", fixture->cluster->workdir, NULL,
                           G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_subprocess_wait_check_async (restart, NULL, flink_test_store_result_cb, &result);
  waiter_finish (&savepoint_waiter, killed);
  waiter_finish (&result_waiter, killed);
  g_assert_true (g_subprocess_wait_check_finish (restart, flink_test_wait_within (&result, HARNESS_DEADLINE_S),
                                                 &error));
  g_assert_no_error (error);
  g_test_message ("the JobManager answered again %.1f s after the kill", seconds_since (killed));

  assert_lost_to_failover (&savepoint_waiter, job_id, trigger_id);
  assert_lost_to_failover (&result_waiter, job_id, NULL);

  /* Waits begun after the restart say the job is gone. */
  waiter_await_savepoint (&after_savepoint, "a savepoint wait after the restart", patient, handle);
  waiter_finish (&after_savepoint, killed);
  g_assert_error (after_savepoint.error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND);
  assert_lost_to_failover (&after_savepoint, job_id, trigger_id);
  waiter_await_result (&after_result, "a job result wait after the restart", patient_job);
  waiter_finish (&after_result, killed);
  g_assert_error (after_result.error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND);
  assert_lost_to_failover (&after_result, job_id, NULL);

  /* The savepoint never completed, and nothing on disk claims it did. */
  on_disk = list_savepoints (target, &complete);
  g_assert_cmpuint (complete, ==, 0);

  /* The job went with the JobManager: nothing to cancel. */
  g_ptr_array_set_size (fixture->jobs, 0);

  waiter_clear (&savepoint_waiter);
  waiter_clear (&result_waiter);
  waiter_clear (&impatient_waiter);
  waiter_clear (&after_savepoint);
  waiter_clear (&after_result);
}

/* ---- The TaskManager killed during a savepoint ------------------------- */

static void
test_taskmanager_killed (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *args[] = { "--snapshot-delay-ms", SNAPSHOT_DELAY_MS,
                         "--checkpoint-interval", NO_CHECKPOINTS_MS, NULL };
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) on_disk = NULL;
  g_autofree char *target = NULL;
  g_autofree char *location = NULL;
  g_autoptr(FlinkTestDeadline) deadline = NULL;
  guint complete;
  gint64 killed;

  if (!need_cluster (fixture))
    return;
  job = submit_counter (fixture, fixture->client, args);
  target = g_build_filename (fixture->dir, "savepoints", NULL);

  deadline = flink_test_deadline_new (SAVEPOINT_DEADLINE_S, "the savepoint of job %s to end",
                                      flink_job_client_get_job_id (job));
  flink_job_client_trigger_savepoint_async (job, target, FLINK_SAVEPOINT_FORMAT_CANONICAL,
                                            NULL, flink_test_store_result_cb, &result);
  /* The snapshot sleeps: the savepoint is IN_PROGRESS for a while. */
  wait_for_in_progress (fixture->url, job);
  kill_role (fixture->cluster, "taskmanager");
  killed = g_get_monotonic_time ();

  location = flink_job_client_trigger_savepoint_finish (job, flink_test_deadline_wait (deadline, &result), &error);
  g_test_message ("the savepoint call ended %.1f s after the kill: %s", seconds_since (killed),
                  error ? error->message : location);
  g_assert_null (location);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_OPERATION_FAILED);
  assert_mentions (error, flink_job_client_get_job_id (job));
  assert_mentions (error, fixture->url);
  /* Flink's cause, not just "it failed". */
  assert_mentions (error, "Exception");

  /* No savepoint claims success. */
  on_disk = list_savepoints (target, &complete);
  g_assert_cmpuint (complete, ==, 0);
}

static void
ignore_log_cb (const char     *domain,
               GLogLevelFlags  level,
               const char     *message,
               gpointer        user_data)
{
}

/* The harness's cluster, in add_test(). */
#define MAIN_CLUSTER N_CLUSTERS

static GPtrArray *specs;

/* Registers /cluster-faults/@path, run on @cluster's cluster when what it
 * @needs is there, given @params. */
static void
add_test (const char  *path,
          guint        cluster,
          Needs        needs,
          void       (*func) (Fixture *, gconstpointer),
          gconstpointer params)
{
  g_autofree char *full_path = g_strconcat ("/cluster-faults/", path, NULL);
  TestSpec *spec = g_new0 (TestSpec, 1);

  if (specs == NULL)
    specs = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (specs, spec);
  spec->name = path;
  spec->cluster = cluster < N_CLUSTERS ? &clusters[cluster] : NULL;
  spec->needs = needs;
  spec->params = params;
  if (spec->cluster != NULL)
    spec->cluster->users++;
  g_test_add (full_path, Fixture, spec, fixture_setup, func, fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  const char *parallel = g_getenv ("FLINKJOB_CLUSTER_FAULTS_PARALLEL_STARTS");
  int status;

  /* Background starts only when every test runs: -p and -s pick some. */
  parallel_starts = parallel ? (guint) g_ascii_strtoull (parallel, NULL, 10) : 0;
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "-p") || g_str_equal (argv[i], "-s") || g_str_equal (argv[i], "-l") ||
        g_str_has_prefix (argv[i], "--skip"))
      parallel_starts = 0;
  /* Nor without the harness's cluster: then only the keystore cases run,
   * and one cluster of theirs at a time. */
  if (g_getenv ("FLINK_REST_URL") == NULL)
    parallel_starts = 0;

  g_test_init (&argc, &argv, NULL);
  /* GIO's own debug messages (every socket connection) would drown ours. */
  g_log_set_handler ("GLib-GIO", G_LOG_LEVEL_DEBUG, ignore_log_cb, NULL);

  add_test ("savepoint/lost-trigger-answer", MAIN_CLUSTER, NEEDS_HARNESS_CLUSTER,
            test_savepoint_lost_trigger_answer, NULL);
  add_test ("savepoint/forgotten-trigger", MAIN_CLUSTER, NEEDS_HARNESS_CLUSTER,
            test_savepoint_forgotten_trigger, NULL);
  add_test ("run/lost-answer", MAIN_CLUSTER, NEEDS_HARNESS_CLUSTER, test_run_lost_answer, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (tls_cases); i++)
    add_test (tls_cases[i].name, tls_cases[i].cluster, NEEDS_HARNESS_CLUSTER, test_tls, &tls_cases[i]);
  for (guint i = 0; i < G_N_ELEMENTS (keystore_cases); i++)
    add_test (keystore_cases[i].name, keystore_cases[i].cluster, NEEDS_FLINK_VERSION, test_keystore,
              &keystore_cases[i]);
  add_test ("taskmanager/killed-during-savepoint", CLUSTER_TASKMANAGER, NEEDS_HARNESS_CLUSTER,
            test_taskmanager_killed, NULL);
  add_test ("jobmanager/expired-trigger", CLUSTER_JOBMANAGER, NEEDS_HARNESS_CLUSTER,
            test_savepoint_expired_trigger, NULL);
  add_test ("jobmanager/killed-during-waits", CLUSTER_JOBMANAGER, NEEDS_HARNESS_CLUSTER,
            test_jobmanager_killed, NULL);

  status = g_test_run ();
  g_ptr_array_unref (specs);

  /* Clusters whose tests were not all run (-p, -s). */
  for (guint i = 0; i < N_CLUSTERS; i++)
    cluster_stop (&clusters[i]);
  return status;
}
