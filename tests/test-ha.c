/* test-ha.c: following the REST leader of a real Flink HA cluster
 *
 *   python3 tests/flink/flink-harness.py run --ha --version 2.3.0 -- \
 *     meson test -C _build --suite ha
 *
 * The harness starts ZooKeeper, two JobManagers and a TaskManager and
 * exports FLINKJOB_HA_* (see flink-harness.py's ha_env); the tests kill the
 * leader JobManager and stop ZooKeeper through the harness's subcommands.
 * Without FLINKJOB_HA every test is skipped.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "flink-leader-private.h"
#include "flinkjob.h"
#include "flink-config-private.h"
#include "flink-connection-private.h"
#include "flink-test-utils.h"

/* Deadlines of the waits (not assertions on speed). */
#define LEADER_TIMEOUT_S 120
#define REST_TIMEOUT_S 120

typedef struct {
  char *url;                   /* NULL: no leader */
  gint64 at;                   /* monotonic µs */
} LeaderChange;

static void
leader_change_free (LeaderChange *change)
{
  g_free (change->url);
  g_free (change);
}

typedef struct {
  FlinkLeaderRetrieval *retrieval;
  GPtrArray *changes;          /* LeaderChange */
  GPtrArray *states;           /* GINT_TO_POINTER (FlinkLeaderState) */
} Fixture;

static const char *
need_env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL || value[0] == '\0')
    g_error ("%s is not set: run through flink-harness.py run --ha", name);
  return value;
}

static gboolean
have_ha_cluster (void)
{
  if (g_strcmp0 (g_getenv ("FLINKJOB_HA"), "1") == 0)
    return TRUE;
  g_test_skip ("no Flink HA cluster: run through tests/flink/flink-harness.py run --ha");
  return FALSE;
}

/* The harness's subcommand @args (NULL-terminated, without --workdir);
 * returns its stdout, stripped. */
static char *
harness (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;
  va_list args;

  g_ptr_array_add (argv, (char *) need_env ("FLINKJOB_PYTHON"));
  g_ptr_array_add (argv, (char *) need_env ("FLINKJOB_HARNESS"));
  g_ptr_array_add (argv, (char *) first);
  g_ptr_array_add (argv, (char *) "--workdir");
  g_ptr_array_add (argv, (char *) need_env ("FLINKJOB_TEST_WORKDIR"));
  va_start (args, first);
  for (const char *arg = va_arg (args, const char *); arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("flink-harness.py %s failed: %s", first, error->message);
  return g_strstrip (g_steal_pointer (&out));
}

static void
leader_changed_cb (FlinkLeaderRetrieval *retrieval,
                   const char           *url,
                   Fixture              *fixture)
{
  LeaderChange *change = g_new0 (LeaderChange, 1);

  change->url = g_strdup (url);
  change->at = g_get_monotonic_time ();
  g_ptr_array_add (fixture->changes, change);
  g_test_message ("leader-changed: %s", url ? url : "(none)");
}

static void
state_cb (FlinkLeaderRetrieval *retrieval,
          GParamSpec           *pspec,
          Fixture              *fixture)
{
  FlinkLeaderState state = _flink_leader_retrieval_get_state (retrieval);

  g_autofree char *name = g_enum_to_string (FLINK_TYPE_LEADER_STATE, state);

  g_ptr_array_add (fixture->states, GINT_TO_POINTER (state));
  g_test_message ("state: %s", name);
}

/* The client configuration the harness wrote, with @extra keys. */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const char * const *extra = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) config = NULL;
  g_autofree char *file = NULL;

  if (!have_ha_cluster ())
    return;
  config = _flink_config_load (need_env ("FLINKJOB_HA_CONF_DIR"), &file, &error);
  g_assert_no_error (error);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i += 2)
    g_hash_table_replace (config, g_strdup (extra[i]), g_strdup (extra[i + 1]));

  fixture->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) leader_change_free);
  fixture->states = g_ptr_array_new ();
  fixture->retrieval = _flink_leader_retrieval_new_from_config (config, file, &error);
  g_assert_no_error (error);
  g_signal_connect (fixture->retrieval, "leader-changed", G_CALLBACK (leader_changed_cb), fixture);
  g_signal_connect (fixture->retrieval, "notify::state", G_CALLBACK (state_cb), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->retrieval);
  g_clear_pointer (&fixture->changes, g_ptr_array_unref);
  g_clear_pointer (&fixture->states, g_ptr_array_unref);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Iterates the main context until @done (polled) or the deadline. */
static gboolean
iterate_until (gboolean (*done) (gpointer),
               gpointer   data,
               guint      seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return TRUE;
}

static gboolean
result_set (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* wait_for_leader_async, answered within @timeout_ms (and a margin). */
static char *
wait_for_leader (Fixture  *fixture,
                 guint     timeout_ms,
                 GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  _flink_leader_retrieval_wait_for_leader_async (fixture->retrieval, timeout_ms, NULL,
                                                 store_result_cb, &result);
  if (!iterate_until (result_set, &result, timeout_ms / 1000 + 30))
    g_error ("wait_for_leader_async did not answer within %u s", timeout_ms / 1000 + 30);
  return _flink_leader_retrieval_wait_for_leader_finish (fixture->retrieval, result, error);
}

/* GET @url/overview until it answers 200, at most REST_TIMEOUT_S. */
static void
assert_overview_answers (const char *url)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 10, NULL);
  g_autofree char *overview = g_strconcat (url, "/overview", NULL);
  gint64 deadline = g_get_monotonic_time () + REST_TIMEOUT_S * G_USEC_PER_SEC;
  g_autofree char *last = NULL;

  for (;;)
    {
      g_autoptr(SoupMessage) message = soup_message_new ("GET", overview);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = soup_session_send_and_read (session, message, NULL, &error);

      if (body != NULL && soup_message_get_status (message) == SOUP_STATUS_OK &&
          g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "\"taskmanagers\""))
        return;
      g_free (last);
      last = error ? g_strdup (error->message)
                   : g_strdup_printf ("HTTP %u", soup_message_get_status (message));
      if (g_get_monotonic_time () > deadline)
        g_error ("GET %s does not answer 200 after %d s (last: %s)", overview, REST_TIMEOUT_S, last);
      g_usleep (500000);
    }
}

static char *
other_jobmanager (const char *url)
{
  g_auto(GStrv) urls = g_strsplit (need_env ("FLINKJOB_HA_JOBMANAGER_URLS"), " ", -1);

  g_assert_cmpuint (g_strv_length (urls), ==, 2);
  if (g_strcmp0 (urls[0], url) == 0)
    return g_strdup (urls[1]);
  g_assert_cmpstr (urls[1], ==, url);
  return g_strdup (urls[0]);
}

/* 1 or 2, as the harness's --index. */
static const char *
jobmanager_index (const char *url)
{
  g_auto(GStrv) urls = g_strsplit (need_env ("FLINKJOB_HA_JOBMANAGER_URLS"), " ", -1);

  return g_strcmp0 (urls[0], url) == 0 ? "1" : "2";
}

static FlinkClusterClient *ha_client  (void);
static void                cancel_job (FlinkJobClient *job);

#define COUNTER_CLASS "org.flinkjob.testjobs.CounterStream"
/* A job's recovery on the new leader: the dead one's session expiring
 * (10 s), the election, the job restored and its tasks deployed. */
#define RECOVERY_TIMEOUT_S 180

/* ---- Tests -------------------------------------------------------------- */

static void
test_leader_found (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *java = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *other = NULL;

  if (fixture->retrieval == NULL)
    return;
  url = wait_for_leader (fixture, LEADER_TIMEOUT_S * 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (_flink_leader_retrieval_get_state (fixture->retrieval), ==,
                   FLINK_LEADER_STATE_CONNECTED);
  g_assert_cmpstr (_flink_leader_retrieval_get_leader_url (fixture->retrieval), ==, url);
  other = other_jobmanager (url);   /* asserts it is one of the two */

  /* What ZooKeeper's Java client and Java's ObjectInputStream read. */
  java = harness ("leader", NULL);
  expected = g_strdup_printf ("%s %s", url,
                              _flink_leader_retrieval_get_leader_session_id (fixture->retrieval));
  g_assert_cmpstr (java, ==, expected);
  g_assert_cmpuint (fixture->changes->len, ==, 1);

  assert_overview_answers (url);
}

/* The harness's ZooKeeper, another cluster id: connected, but no leader
 * within the deadline. */
static void
test_unknown_cluster_id (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (fixture->retrieval == NULL)
    return;
  url = wait_for_leader (fixture, 3000, &error);
  g_assert_null (url);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_UNAVAILABLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "“no-such-cluster”"));
  g_assert_nonnull (strstr (error->message, need_env ("FLINKJOB_HA_QUORUM")));
  g_assert_nonnull (strstr (error->message, "/no-such-cluster/leader/rest_server/connection_info"));
  g_assert_cmpint (_flink_leader_retrieval_get_state (fixture->retrieval), ==,
                   FLINK_LEADER_STATE_CONNECTED);
  g_assert_cmpuint (fixture->changes->len, ==, 0);
}

typedef struct {
  Fixture *fixture;
  const char *url;
} ChangeWait;

static gboolean
changed_to (gpointer data)
{
  ChangeWait *wait = data;
  GPtrArray *changes = wait->fixture->changes;

  for (guint i = 0; i < changes->len; i++)
    if (g_strcmp0 (((LeaderChange *) changes->pdata[i])->url, wait->url) == 0)
      return TRUE;
  return FALSE;
}

static void
test_leader_killed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;
  g_autofree char *other = NULL;
  g_autofree char *killed = NULL;
  g_autofree char *restarted = NULL;
  ChangeWait wait = { fixture, NULL };
  gint64 killed_at;
  gint64 none_at = 0;
  gint64 new_at = 0;
  guint before;

  if (fixture->retrieval == NULL)
    return;
  old = wait_for_leader (fixture, LEADER_TIMEOUT_S * 1000, &error);
  g_assert_no_error (error);
  other = other_jobmanager (old);
  before = fixture->changes->len;

  killed = harness ("kill-jobmanager", "--url", old, NULL);
  killed_at = g_get_monotonic_time ();
  g_assert_cmpstr (killed, ==, old);

  wait.url = other;
  if (!iterate_until (changed_to, &wait, LEADER_TIMEOUT_S))
    g_error ("no leader-changed to %s within %d s of killing %s", other, LEADER_TIMEOUT_S, old);
  for (guint i = before; i < fixture->changes->len; i++)
    {
      LeaderChange *change = fixture->changes->pdata[i];

      if (change->url == NULL && none_at == 0)
        none_at = change->at;
      if (g_strcmp0 (change->url, other) == 0)
        new_at = change->at;
      /* Never back to the dead one. */
      g_assert_cmpstr (change->url, !=, old);
    }
  g_test_message ("MEASURE leader change seen %.2f s after SIGKILL (no leader from %.2f s), "
                  "%s -> %s", (new_at - killed_at) / (double) G_USEC_PER_SEC,
                  none_at ? (none_at - killed_at) / (double) G_USEC_PER_SEC : -1.0, old, other);
  g_printerr ("# MEASURE Flink %s: leader change seen %.2f s after SIGKILL\n",
              g_getenv ("FLINK_VERSION"), (new_at - killed_at) / (double) G_USEC_PER_SEC);
  g_assert_cmpstr (_flink_leader_retrieval_get_leader_url (fixture->retrieval), ==, other);

  assert_overview_answers (other);

  /* The dead one comes back as a standby; the leader stays. */
  restarted = harness ("start-jobmanager", "--index", jobmanager_index (old), NULL);
  g_assert_cmpstr (restarted, ==, old);
}

static gboolean
has_leader (gpointer data)
{
  return _flink_leader_retrieval_get_leader_url (data) != NULL;
}

static void
test_zookeeper_restarted (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *again = NULL;
  g_autofree char *quorum_out = NULL;
  g_autofree char *none = NULL;
  ChangeWait wait = { fixture, NULL };
  gint64 started_at;

  static const char * const args[] = { "--rate", "20", NULL };
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autoptr(FlinkJobClient) job = NULL;

  if (fixture->retrieval == NULL)
    return;
  url = wait_for_leader (fixture, LEADER_TIMEOUT_S * 1000, &error);
  g_assert_no_error (error);
  /* A job runs meanwhile, through a descriptor of its own. */
  client = ha_client ();
  job = flink_test_submit (client, COUNTER_CLASS, args, NULL);
  g_assert_true (flink_test_wait_for_all_running (job, 120));

  g_free (harness ("stop-zookeeper", "--kill", NULL));

  /* Flink's client forgets the leader when ZooKeeper goes away ... */
  if (!iterate_until (changed_to, &wait, 60))
    g_error ("no leader-changed to none within 60 s of stopping ZooKeeper");
  g_assert_null (_flink_leader_retrieval_get_leader_url (fixture->retrieval));
  /* ... and, after the connection timeout (2 s here), says why. */
  none = wait_for_leader (fixture, 30000, &error);
  g_assert_null (none);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED);
  g_test_message ("ZooKeeper stopped: %s", error->message);
  g_assert_nonnull (strstr (error->message, need_env ("FLINKJOB_HA_QUORUM")));
  g_assert_nonnull (strstr (error->message, need_env ("FLINKJOB_HA_CLUSTER_ID")));
  g_assert_cmpint (_flink_leader_retrieval_get_state (fixture->retrieval), ==,
                   FLINK_LEADER_STATE_UNREACHABLE);
  g_clear_error (&error);

  quorum_out = harness ("start-zookeeper", NULL);
  started_at = g_get_monotonic_time ();
  g_assert_cmpstr (quorum_out, ==, need_env ("FLINKJOB_HA_QUORUM"));

  /* libzookeeper reconnects by itself; the JobManagers elect a leader
   * again; it is found and answers. (Until then, waiters hear at once
   * that ZooKeeper is unreachable.) */
  if (!iterate_until (has_leader, fixture->retrieval, LEADER_TIMEOUT_S))
    g_error ("no leader within %d s of restarting ZooKeeper", LEADER_TIMEOUT_S);
  g_printerr ("# MEASURE Flink %s: leader found again %.2f s after ZooKeeper serves again\n",
              g_getenv ("FLINK_VERSION"), (g_get_monotonic_time () - started_at) / (double) G_USEC_PER_SEC);
  again = wait_for_leader (fixture, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (_flink_leader_retrieval_get_state (fixture->retrieval), ==,
                   FLINK_LEADER_STATE_CONNECTED);
  g_test_message ("leader after ZooKeeper came back: %s (before: %s)", again, url);
  assert_overview_answers (again);

  /* The JobManagers lost their leadership with ZooKeeper: the job is
   * recovered, and runs again, found through the same client. */
  g_assert_true (flink_test_wait_for_status (job, FLINK_JOB_STATUS_RUNNING, RECOVERY_TIMEOUT_S));
  g_printerr ("# MEASURE Flink %s: job RUNNING again %.2f s after ZooKeeper serves again\n",
              g_getenv ("FLINK_VERSION"), (g_get_monotonic_time () - started_at) / (double) G_USEC_PER_SEC);
  cancel_job (job);
}

/* ---- Failover through a descriptor (public API) ------------------------- */

/* A client through the descriptor that the harness's client configuration
 * makes: ZooKeeper quorum and cluster id, no rest.address. */
static FlinkClusterClient *
ha_client (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  FlinkClusterClient *client;

  descriptor = flink_cluster_descriptor_new_from_config (need_env ("FLINKJOB_HA_CONF_DIR"), &error);
  g_assert_no_error (error);
  client = flink_test_retrieve_from (descriptor, &error);
  g_assert_no_error (error);
  g_test_message ("retrieved the HA cluster at %s", flink_cluster_client_get_url (client));
  return client;
}

/* Kills the leader JobManager, asserting it is the one @client talks to;
 * returns its URL. */
static char *
kill_leader (FlinkClusterClient *client,
             gint64             *killed_at)
{
  g_autofree char *leader = harness ("leader", NULL);
  char *killed;

  /* "URL session-id" */
  *strchr (leader, ' ') = '\0';
  g_assert_cmpstr (flink_cluster_client_get_url (client), ==, leader);
  killed = harness ("kill-jobmanager", "--url", leader, NULL);
  *killed_at = g_get_monotonic_time ();
  g_assert_cmpstr (killed, ==, leader);
  return killed;
}

static void
restart_jobmanager (const char *url)
{
  g_autofree char *restarted = harness ("start-jobmanager", "--index", jobmanager_index (url), NULL);

  g_assert_cmpstr (restarted, ==, url);
}

static GListModel *
list_jobs (FlinkClusterClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *jobs;

  flink_cluster_client_list_jobs_async (client, NULL, flink_test_store_result_cb, &result);
  jobs = flink_cluster_client_list_jobs_finish (client, flink_test_wait_within (&result, RECOVERY_TIMEOUT_S),
                                                &error);
  g_assert_no_error (error);
  return jobs;
}

/* Cancels @job and waits until it is CANCELED, or gone: right after a
 * change of leader, the new one may never have known the cancelled job. */
static void
cancel_job (FlinkJobClient *job)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkTestDeadline) deadline = flink_test_deadline_new (120, "job %s to be cancelled",
                                                                   flink_job_client_get_job_id (job));

  flink_job_client_cancel_async (job, NULL, flink_test_store_result_cb, &result);
  flink_job_client_cancel_finish (job, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  for (;;)
    {
      g_autoptr(GAsyncResult) status_result = NULL;
      FlinkJobStatus status;

      flink_job_client_get_job_status_async (job, NULL, flink_test_store_result_cb, &status_result);
      status = flink_job_client_get_job_status_finish (job, flink_test_deadline_wait (deadline, &status_result),
                                                       &error);
      if (g_error_matches (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND) || status == FLINK_JOB_STATUS_CANCELED)
        return;
      g_assert_no_error (error);
      flink_test_deadline_sleep (deadline, 500);
    }
}

/* Whether @dir holds a savepoint: its _metadata. */
static gboolean
is_savepoint (const char *dir)
{
  g_autofree char *metadata = g_build_filename (dir, "_metadata", NULL);

  return g_file_test (metadata, G_FILE_TEST_IS_REGULAR);
}

/* Savepoints on disk in the savepoint directory. */
static guint
count_savepoints (void)
{
  const char *root = need_env ("FLINKJOB_SAVEPOINT_DIR");
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  const char *name;
  guint count = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (root, name, NULL);

      count += is_savepoint (path);
    }
  return count;
}

typedef struct {
  GArray *statuses;            /* FlinkJobStatus, as the watch reported them */
  guint unreachable;           /* times it became unreachable */
} Watched;

static void
status_changed_cb (FlinkJobClient *job,
                   FlinkJobStatus  old_status,
                   FlinkJobStatus  new_status,
                   Watched        *watched)
{
  g_array_append_val (watched->statuses, new_status);
  g_test_message ("watched job: %s -> %s", flink_job_status_to_string (old_status),
                  flink_job_status_to_string (new_status));
}

static void
reachable_cb (FlinkJobClient *job,
              GParamSpec     *pspec,
              Watched        *watched)
{
  if (!flink_job_client_get_reachable (job))
    watched->unreachable++;
  g_test_message ("watched job: %s", flink_job_client_get_reachable (job) ? "reachable" : "unreachable");
}

static void
wait_for_records (FlinkJobClient *job,
                  gint64          records)
{
  flink_test_iterate_until (flink_test_get_accumulator (job, "records") >= records, 120,
                            "job %s to count %" G_GINT64_FORMAT " records",
                            flink_job_client_get_job_id (job), records);
}

/* The leader JobManager killed while a job runs: it comes back RUNNING on
 * the new leader from its last checkpoint; a watched job client says so and
 * never FAILED; list and status work through the same client. */
static void
test_failover_running_job (void)
{
  static const char * const args[] = { "--rate", "50", "--checkpoint-interval", "1000", NULL };
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(GListModel) jobs = NULL;
  g_autofree char *killed = NULL;
  g_autofree char *other = NULL;
  Watched watched = { g_array_new (FALSE, FALSE, sizeof (FlinkJobStatus)), 0 };
  gint64 killed_at, listed_at, running_at;
  gint64 before, after;

  if (!have_ha_cluster ())
    return;
  client = ha_client ();
  job = flink_test_submit (client, COUNTER_CLASS, args, NULL);
  g_assert_true (flink_test_wait_for_all_running (job, 120));
  g_signal_connect (job, "status-changed", G_CALLBACK (status_changed_cb), &watched);
  g_signal_connect (job, "notify::reachable", G_CALLBACK (reachable_cb), &watched);
  flink_job_client_set_watched (job, TRUE);
  flink_test_iterate_until (flink_job_client_get_last_seen_status (job) == FLINK_JOB_STATUS_RUNNING,
                            60, "the watch to see job %s RUNNING", flink_job_client_get_job_id (job));

  /* Some 300 records in, and checkpoints (every second) after that. */
  wait_for_records (job, 300);
  flink_test_sleep (3000);
  before = flink_test_get_accumulator (job, "records");

  killed = kill_leader (client, &killed_at);
  other = other_jobmanager (killed);

  /* The same client, no change by the user: waits for the new leader. */
  jobs = list_jobs (client);
  listed_at = g_get_monotonic_time ();
  g_assert_nonnull (flink_test_find_item (jobs, "job-id", flink_job_client_get_job_id (job)));
  g_assert_cmpstr (flink_cluster_client_get_url (client), ==, other);

  g_assert_true (flink_test_wait_for_status (job, FLINK_JOB_STATUS_RUNNING, RECOVERY_TIMEOUT_S));
  g_assert_true (flink_test_wait_for_all_running (job, RECOVERY_TIMEOUT_S));
  running_at = g_get_monotonic_time ();
  flink_test_iterate_until (flink_test_get_accumulator (job, "records") >= 0, 60,
                            "the records of job %s on the new leader", flink_job_client_get_job_id (job));
  after = flink_test_get_accumulator (job, "records");
  g_test_message ("records: %" G_GINT64_FORMAT " before the kill, %" G_GINT64_FORMAT
                  " on the new leader", before, after);
  /* Restored from a checkpoint of at least 300 records, not from zero. */
  g_assert_cmpint (after, >=, 300);

  flink_test_iterate_until (flink_job_client_get_last_seen_status (job) == FLINK_JOB_STATUS_RUNNING &&
                            flink_job_client_get_reachable (job), 60,
                            "the watch to see job %s RUNNING again", flink_job_client_get_job_id (job));
  for (guint i = 0; i < watched.statuses->len; i++)
    g_assert_cmpint (g_array_index (watched.statuses, FlinkJobStatus, i), !=, FLINK_JOB_STATUS_FAILED);
  g_assert_cmpuint (watched.unreachable, >=, 1);

  g_printerr ("# MEASURE Flink %s: running job: list answered by the new leader %.1f s after "
              "SIGKILL, job RUNNING with all tasks %.1f s after; records %" G_GINT64_FORMAT
              " before, %" G_GINT64_FORMAT " after\n", g_getenv ("FLINK_VERSION"),
              (listed_at - killed_at) / (double) G_USEC_PER_SEC,
              (running_at - killed_at) / (double) G_USEC_PER_SEC, before, after);

  flink_job_client_set_watched (job, FALSE);
  g_signal_handlers_disconnect_by_data (job, &watched);
  cancel_job (job);
  restart_jobmanager (killed);
  g_array_unref (watched.statuses);
}

/* The savepoint of @handle awaited across the failover: a path on disk, or
 * a clear error naming the trigger; returns the path or NULL. */
static char *
await_across_failover (FlinkClusterClient   *client,
                       FlinkOperationHandle *handle,
                       gboolean              stop,
                       gint64                killed_at,
                       const char           *what)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *location;

  flink_cluster_client_await_savepoint_async (client, handle, NULL, flink_test_store_result_cb, &result);
  location = flink_cluster_client_await_savepoint_finish (client, flink_test_wait_within (&result, RECOVERY_TIMEOUT_S),
                                                          &error);
  g_printerr ("# MEASURE Flink %s: %s in flight: answered %.1f s after SIGKILL: %s\n",
              g_getenv ("FLINK_VERSION"), what, (g_get_monotonic_time () - killed_at) / (double) G_USEC_PER_SEC,
              location ? location : error->message);
  if (location != NULL)
    {
      g_autofree char *path = flink_test_local_path (location);

      g_assert_true (path != NULL && is_savepoint (path));
      return location;
    }
  g_test_message ("%s: %s", what, error->message);
  /* OPERATION_FAILED; or, for a stop that the dead JobManager completed,
   * NOT_FOUND: the new leader never ran the finished job. */
  if (!g_error_matches (error, FLINK_ERROR, FLINK_ERROR_OPERATION_FAILED) &&
      !(stop && g_error_matches (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND)))
    g_error ("%s across a failover: unexpected error %s %d: %s", what,
             g_quark_to_string (error->domain), error->code, error->message);
  /* Which trigger, where to look for a savepoint that the dead JobManager
   * may have completed, and what to do if there is none. */
  g_assert_nonnull (strstr (error->message, flink_operation_handle_get_trigger_id (handle)));
  g_assert_nonnull (strstr (error->message, "look for a directory savepoint-"));
  g_assert_nonnull (strstr (error->message, "trigger a new one"));
  return NULL;
}

static FlinkOperationHandle *
start_operation (FlinkJobClient *job,
                 gboolean        stop)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FlinkOperationHandle *handle;

  if (stop)
    {
      flink_job_client_start_stop_with_savepoint_async (job, FALSE, NULL, FLINK_SAVEPOINT_FORMAT_CANONICAL,
                                                        NULL, flink_test_store_result_cb, &result);
      handle = flink_job_client_start_stop_with_savepoint_finish (job, flink_test_wait (&result), &error);
    }
  else
    {
      flink_job_client_start_savepoint_async (job, NULL, FLINK_SAVEPOINT_FORMAT_CANONICAL,
                                              NULL, flink_test_store_result_cb, &result);
      handle = flink_job_client_start_savepoint_finish (job, flink_test_wait (&result), &error);
    }
  g_assert_no_error (error);
  return handle;
}

/* The leader killed while a savepoint (@stop: a stop with savepoint) is in
 * flight: it ends with a savepoint on disk or a clear error, never two
 * savepoints for one trigger; a savepoint triggered again gives exactly one
 * more. A stop either finished the job with its savepoint, or the job runs
 * on. */
static void
test_failover_savepoint (gconstpointer data)
{
  gboolean stop = GPOINTER_TO_INT (data);
  /* Each snapshot takes 3 s: the kill, right after the trigger, comes
   * while it is being taken (or, on a slow machine, after: then the dead
   * JobManager completed it). */
  static const char * const args[] = { "--rate", "50", "--checkpoint-interval", "5000",
                                       "--snapshot-delay-ms", "3000", NULL };
  const char *what = stop ? "stop with savepoint" : "savepoint";
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(FlinkOperationHandle) handle = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *killed = NULL;
  g_autofree char *location = NULL;
  g_autofree char *again = NULL;
  g_autofree char *again_path = NULL;
  gint64 killed_at;
  guint before, after;

  if (!have_ha_cluster ())
    return;
  client = ha_client ();
  job = flink_test_submit (client, COUNTER_CLASS, args, NULL);
  g_assert_true (flink_test_wait_for_all_running (job, 120));
  wait_for_records (job, 100);
  before = count_savepoints ();

  handle = start_operation (job, stop);
  g_test_message ("%s triggered: %s", what, flink_operation_handle_get_trigger_id (handle));
  killed = kill_leader (client, &killed_at);

  location = await_across_failover (client, handle, stop, killed_at, what);
  after = count_savepoints ();
  g_printerr ("# MEASURE Flink %s: %s in flight: %u savepoint(s) on disk before, %u after\n",
              g_getenv ("FLINK_VERSION"), what, before, after);
  /* Never two for one trigger; one only if it was reported, or the error
   * said where to look for it (the dead JobManager completed it). */
  if (location != NULL)
    g_assert_cmpuint (after, ==, before + 1);
  else
    g_assert_cmpuint (after, <=, before + 1);

  if (stop && location != NULL)
    {
      /* Stopped with its savepoint. */
      g_assert_true (flink_test_wait_for_status (job, FLINK_JOB_STATUS_FINISHED, RECOVERY_TIMEOUT_S));
    }
  else if (stop && after == before + 1)
    {
      /* The dead JobManager stopped the job with its savepoint before it
       * died (the error said where to look): a finished job that the new
       * leader never ran. */
      g_test_message ("the stop completed before the failover");
    }
  else
    {
      /* The job runs on under the new leader; the savepoint, asked for
       * again, gives exactly one more. */
      g_assert_true (flink_test_wait_for_status (job, FLINK_JOB_STATUS_RUNNING, RECOVERY_TIMEOUT_S));
      g_assert_true (flink_test_wait_for_all_running (job, RECOVERY_TIMEOUT_S));
      flink_job_client_trigger_savepoint_async (job, NULL, FLINK_SAVEPOINT_FORMAT_CANONICAL, NULL,
                                                flink_test_store_result_cb, &result);
      again = flink_job_client_trigger_savepoint_finish (job, flink_test_wait_within (&result, RECOVERY_TIMEOUT_S),
                                                         &error);
      g_assert_no_error (error);
      again_path = flink_test_local_path (again);
      g_assert_true (again_path != NULL && is_savepoint (again_path));
      g_assert_cmpuint (count_savepoints (), ==, after + 1);
      cancel_job (job);
    }
  restart_jobmanager (killed);
}

/* Keys on top of the harness's client configuration: give up on ZooKeeper
 * after 2 s (one attempt), so that the test sees the unreachable state
 * quickly. */
static const char *zookeeper_restart_keys[] = {
  "high-availability.zookeeper.client.connection-timeout", "2 s",
  "high-availability.zookeeper.client.max-retry-attempts", "0",
  NULL
};

static const char *unknown_cluster_keys[] = {
  "high-availability.cluster-id", "no-such-cluster",
  NULL
};

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/ha/leader-found", Fixture, NULL,
              fixture_setup, test_leader_found, fixture_teardown);
  g_test_add ("/ha/unknown-cluster-id", Fixture, unknown_cluster_keys,
              fixture_setup, test_unknown_cluster_id, fixture_teardown);
  /* The kills last: each restarts the JobManager it killed. */
  g_test_add_func ("/ha/failover/running-job", test_failover_running_job);
  g_test_add_data_func ("/ha/failover/savepoint-in-flight", GINT_TO_POINTER (FALSE),
                        test_failover_savepoint);
  g_test_add_data_func ("/ha/failover/stop-with-savepoint-in-flight", GINT_TO_POINTER (TRUE),
                        test_failover_savepoint);
  g_test_add ("/ha/leader-killed", Fixture, NULL,
              fixture_setup, test_leader_killed, fixture_teardown);
  g_test_add ("/ha/zookeeper-restarted", Fixture, zookeeper_restart_keys,
              fixture_setup, test_zookeeper_restarted, fixture_teardown);

  return g_test_run ();
}
