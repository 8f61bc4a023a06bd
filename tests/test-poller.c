/* test-poller.c: the one poller, and its three users
 *
 * The interval policy is a pure function, tested step by step. Then an
 * in-process server plays a Flink cluster whose job the test scripts —
 * steady, in transition, unreachable and back, answering garbage, ended,
 * unknown — and a watched job client, wait_for_status() and a job list,
 * all fed by one poller, are shown to follow the same rules. Its answers
 * are responses recorded from a real cluster (tests/responses/2.3), with
 * the job's id and status put in.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <libsoup/soup.h>

#include "flinkjob.h"
#include "flink-cluster-client-private.h"
#include "flink-json-private.h"
#include "flink-poller-private.h"
#include "flink-test-utils.h"

/* The poller runs this many times faster than documented, so that the
 * scripted timeline takes seconds; the waits are bounded, never timed. */
#define SPEED 10
#define WAIT_S 60

/* ---- The policy --------------------------------------------------------- */

static void
assert_next (FlinkPollPolicy    *policy,
             FlinkPollSituation  situation,
             guint               expected)
{
  g_assert_cmpuint (_flink_poll_policy_next (policy, situation), ==, expected);
}

static void
test_policy (void)
{
  FlinkPollPolicy policy = { 0 };

  /* Steady: from a second, slowing by half each poll, at most five. */
  assert_next (&policy, FLINK_POLL_STEADY, 1000);
  assert_next (&policy, FLINK_POLL_STEADY, 1500);
  assert_next (&policy, FLINK_POLL_STEADY, 1500);

  /* A change: fast, then as many fast polls again, then steady. */
  assert_next (&policy, FLINK_POLL_CHANGED, FLINK_POLL_FAST_MS);
  for (guint i = 0; i < FLINK_POLL_FAST_COUNT; i++)
    assert_next (&policy, FLINK_POLL_STEADY, FLINK_POLL_FAST_MS);
  assert_next (&policy, FLINK_POLL_STEADY, 1000);

  /* In transition: fast, slowing to two seconds if it stays there. */
  assert_next (&policy, FLINK_POLL_CHANGED, FLINK_POLL_FAST_MS);
  for (guint i = 0; i < FLINK_POLL_FAST_COUNT; i++)
    assert_next (&policy, FLINK_POLL_IN_TRANSITION, FLINK_POLL_FAST_MS);
  assert_next (&policy, FLINK_POLL_IN_TRANSITION, 375);
  assert_next (&policy, FLINK_POLL_IN_TRANSITION, 562);
  assert_next (&policy, FLINK_POLL_IN_TRANSITION, 843);
  assert_next (&policy, FLINK_POLL_IN_TRANSITION, 1264);
  assert_next (&policy, FLINK_POLL_IN_TRANSITION, 1896);
  assert_next (&policy, FLINK_POLL_IN_TRANSITION, FLINK_POLL_TRANSITION_MAX_MS);
  assert_next (&policy, FLINK_POLL_IN_TRANSITION, FLINK_POLL_TRANSITION_MAX_MS);

  /* Unreachable: backing off from a second to thirty, fast polls forgotten. */
  assert_next (&policy, FLINK_POLL_CHANGED, FLINK_POLL_FAST_MS);
  assert_next (&policy, FLINK_POLL_UNREACHABLE, 1000);
  assert_next (&policy, FLINK_POLL_UNREACHABLE, 2000);
  assert_next (&policy, FLINK_POLL_UNREACHABLE, 4000);
  assert_next (&policy, FLINK_POLL_UNREACHABLE, 8000);
  assert_next (&policy, FLINK_POLL_UNREACHABLE, 16000);
  assert_next (&policy, FLINK_POLL_UNREACHABLE, 30000);
  assert_next (&policy, FLINK_POLL_UNREACHABLE, 30000);
  /* Back: the poller counts that as a change. */
  assert_next (&policy, FLINK_POLL_CHANGED, FLINK_POLL_FAST_MS);

  /* The one definition of "in transition". */
  g_assert_false (_flink_job_status_in_transition (FLINK_JOB_STATUS_RUNNING));
  g_assert_false (_flink_job_status_in_transition (FLINK_JOB_STATUS_FINISHED));
  g_assert_false (_flink_job_status_in_transition (FLINK_JOB_STATUS_CANCELED));
  g_assert_false (_flink_job_status_in_transition (FLINK_JOB_STATUS_FAILED));
  g_assert_true (_flink_job_status_in_transition (FLINK_JOB_STATUS_CREATED));
  g_assert_true (_flink_job_status_in_transition (FLINK_JOB_STATUS_RESTARTING));
  g_assert_true (_flink_job_status_in_transition (FLINK_JOB_STATUS_CANCELLING));
  g_assert_true (_flink_job_status_in_transition (FLINK_JOB_STATUS_SUSPENDED));
}

/* ---- A scripted cluster ------------------------------------------------ */

typedef enum {
  ANSWER,                        /* as Flink */
  UNAVAILABLE,                   /* HTTP 503, as during a leader election */
  GARBAGE,                       /* 200 with something that is not JSON */
} Mode;

typedef struct {
  SoupServer *server;
  char *url;
  Mode mode;
  char *job_id;
  GPtrArray *more_jobs;          /* ids of other jobs, with the same status */
  const char *status;            /* the job's; NULL: the cluster does not know it */
  guint requests;
  guint status_requests;         /* GET /jobs/:id/status */
  JsonNode *jobs;                /* recorded GET /jobs */
  JsonNode *overview;            /* recorded GET /jobs/overview */
  GBytes *not_found;             /* recorded GET /jobs/:id/status of an unknown job */
} Cluster;

static JsonNode *
load_recorded (const char *name)
{
  g_autofree char *path = g_build_filename (flink_test_srcdir (), "responses", "2.3", name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  node = json_from_string (text, &error);
  g_assert_no_error (error);
  return node;
}

/* The recorded list's first job, made the scripted one; no job when the
 * cluster does not know it. */
static char *
scripted_list (Cluster    *cluster,
               JsonNode   *recorded,
               const char *id_member,
               const char *status_member)
{
  g_autoptr(JsonNode) copy = json_node_copy (recorded);
  JsonArray *jobs = json_object_get_array_member (json_node_get_object (copy), "jobs");
  /* json_node_copy() shares objects: each job is made from text. */
  g_autofree char *first = json_to_string (json_array_get_element (jobs, 0), FALSE);
  guint n_more = cluster->more_jobs ? cluster->more_jobs->len : 0;

  while (json_array_get_length (jobs) > 0)
    json_array_remove_element (jobs, 0);
  for (guint i = 0; cluster->status != NULL && i <= n_more; i++)
    {
      JsonNode *node = json_from_string (first, NULL);
      JsonObject *job = json_node_get_object (node);

      json_object_set_string_member (job, id_member,
                                     i == 0 ? cluster->job_id : g_ptr_array_index (cluster->more_jobs, i - 1));
      json_object_set_string_member (job, status_member, cluster->status);
      json_array_add_element (jobs, node);
    }
  return json_to_string (copy, FALSE);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *message,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Cluster *cluster = user_data;
  g_autofree char *status_path = g_strconcat ("/jobs/", cluster->job_id, "/status", NULL);
  g_autofree char *body = NULL;

  cluster->requests++;
  if (cluster->mode == UNAVAILABLE)
    {
      soup_server_message_set_status (message, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      return;
    }
  if (cluster->mode == GARBAGE)
    body = g_strdup ("<html>not Flink</html>");
  else if (g_str_equal (path, "/jobs"))
    body = scripted_list (cluster, cluster->jobs, "id", "status");
  else if (g_str_equal (path, "/jobs/overview"))
    body = scripted_list (cluster, cluster->overview, "jid", "state");
  else if (g_str_has_suffix (path, "/status") && (cluster->status_requests++, FALSE))
    g_assert_not_reached ();
  else if (g_str_equal (path, status_path) && cluster->status != NULL)
    body = g_strdup_printf ("{\"status\":\"%s\"}", cluster->status);
  else if (g_str_equal (path, status_path))
    {
      gsize size;
      const char *data = g_bytes_get_data (cluster->not_found, &size);

      soup_server_message_set_status (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, data, size);
      return;
    }
  else
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&body), strlen (body));
}

static void
cluster_start (Cluster *cluster)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *not_found_path = g_build_filename (flink_test_srcdir (), "responses", "2.3",
                                                      "job-status-not-found.json", NULL);
  g_autofree char *not_found = NULL;
  gsize size;
  GSList *uris;

  cluster->job_id = g_strdup ("0123456789abcdef0123456789abcdef");
  cluster->jobs = load_recorded ("jobs.json");
  cluster->overview = load_recorded ("jobs-overview.json");
  g_file_get_contents (not_found_path, &not_found, &size, &error);
  g_assert_no_error (error);
  cluster->not_found = g_bytes_new_take (g_steal_pointer (&not_found), size);

  cluster->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (cluster->server, NULL, handler, cluster, NULL);
  soup_server_listen_local (cluster->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (cluster->server);
  cluster->url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (g_str_has_suffix (cluster->url, "/"))
    cluster->url[strlen (cluster->url) - 1] = '\0';
}

static void
cluster_stop (Cluster *cluster)
{
  soup_server_disconnect (cluster->server);
  g_clear_object (&cluster->server);
  g_free (cluster->url);
  g_free (cluster->job_id);
  json_node_unref (cluster->jobs);
  json_node_unref (cluster->overview);
  g_bytes_unref (cluster->not_found);
}

/* ---- The three users --------------------------------------------------- */

typedef struct {
  GArray *changes;               /* FlinkJobStatus seen by status-changed */
} Watcher;

static void
status_changed_cb (FlinkJobClient *job,
                   FlinkJobStatus  old_status,
                   FlinkJobStatus  new_status,
                   Watcher        *watcher)
{
  /* Once per change, in order. */
  if (watcher->changes->len > 0)
    g_assert_cmpint (g_array_index (watcher->changes, FlinkJobStatus, watcher->changes->len - 1),
                     ==, old_status);
  g_assert_cmpint (old_status, !=, new_status);
  g_array_append_val (watcher->changes, new_status);
}

static FlinkJobStatus
list_status (FlinkJobList *list)
{
  g_autoptr(FlinkJobOverview) job = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (list)) == 0)
    return FLINK_JOB_STATUS_UNKNOWN;
  job = g_list_model_get_item (G_LIST_MODEL (list), 0);
  return flink_job_overview_get_status (job);
}

/* Iterates the main context until @cond holds; fails, naming @what, after
 * WAIT_S seconds. */
#define SPIN_UNTIL(cond, what)                                                 \
  G_STMT_START {                                                               \
    gint64 deadline_ = g_get_monotonic_time () + WAIT_S * G_USEC_PER_SEC;      \
    while (!(cond))                                                            \
      {                                                                        \
        if (g_get_monotonic_time () > deadline_)                               \
          g_error ("waited %d s for %s", WAIT_S, what);                        \
        g_main_context_iteration (NULL, FALSE);                                \
        g_usleep (1000);                                                       \
      }                                                                        \
  } G_STMT_END

static void
start_wait (FlinkJobClient       *job,
            FlinkJobStatus        status,
            GAsyncResult        **result)
{
  flink_job_client_wait_for_status_async (job, &status, 1, WAIT_S, NULL,
                                          flink_test_store_result_cb, result);
}

static void
test_three_users (void)
{
  Cluster cluster = { 0 };
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(FlinkJobClient) unknown = NULL;
  g_autoptr(FlinkJobList) list = NULL;
  g_autoptr(GError) error = NULL;
  Watcher watcher = { g_array_new (FALSE, FALSE, sizeof (FlinkJobStatus)) };
  FlinkJobStatus status;
  guint requests;

  cluster_start (&cluster);
  cluster.status = "RUNNING";
  descriptor = flink_cluster_descriptor_new_for_url (cluster.url, &error);
  g_assert_no_error (error);
  client = flink_cluster_client_new (descriptor);
  _flink_poller_set_speed (_flink_cluster_client_get_poller (client), SPEED);
  job = flink_cluster_client_get_job_client (client, cluster.job_id, &error);
  g_assert_no_error (error);

  /* Steady: the three see RUNNING, through one poller. */
  g_signal_connect (job, "status-changed", G_CALLBACK (status_changed_cb), &watcher);
  flink_job_client_set_watched (job, TRUE);
  list = flink_job_list_new (client);
  {
    g_autoptr(GAsyncResult) result = NULL;

    start_wait (job, FLINK_JOB_STATUS_RUNNING, &result);
    status = flink_job_client_wait_for_status_finish (job, flink_test_wait (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, FLINK_JOB_STATUS_RUNNING);
  }
  SPIN_UNTIL (flink_job_client_get_last_seen_status (job) == FLINK_JOB_STATUS_RUNNING &&
              flink_job_list_get_loaded (list), "the watcher and the list to see RUNNING");
  g_assert_cmpint (list_status (list), ==, FLINK_JOB_STATUS_RUNNING);
  g_assert_true (flink_job_client_get_reachable (job));
  g_assert_true (flink_job_list_get_reachable (list));
  g_assert_cmpuint (cluster.status_requests, ==, 0);   /* the list's poll serves the watcher */

  /* In transition: both see RESTARTING; a wait for RUNNING waits. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    cluster.status = "RESTARTING";
    SPIN_UNTIL (flink_job_client_get_last_seen_status (job) == FLINK_JOB_STATUS_RESTARTING &&
                list_status (list) == FLINK_JOB_STATUS_RESTARTING, "RESTARTING");
    start_wait (job, FLINK_JOB_STATUS_RUNNING, &result);

    /* Unreachable (503): not news about the job, for any of them. */
    cluster.mode = UNAVAILABLE;
    SPIN_UNTIL (!flink_job_client_get_reachable (job) && !flink_job_list_get_reachable (list),
                "the watcher and the list to see the cluster unreachable");
    g_assert_cmpint (flink_job_client_get_last_seen_status (job), ==, FLINK_JOB_STATUS_RESTARTING);
    g_assert_cmpint (list_status (list), ==, FLINK_JOB_STATUS_RESTARTING);
    g_assert_null (result);

    /* Answering garbage: a protocol error is the same condition. */
    cluster.mode = GARBAGE;
    requests = cluster.requests;
    SPIN_UNTIL (cluster.requests > requests + 1, "two polls answered with garbage");
    g_assert_false (flink_job_client_get_reachable (job));
    g_assert_false (flink_job_list_get_reachable (list));
    g_assert_null (result);

    /* Back, and running again: all three see it. */
    cluster.mode = ANSWER;
    cluster.status = "RUNNING";
    status = flink_job_client_wait_for_status_finish (job, flink_test_wait (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, FLINK_JOB_STATUS_RUNNING);
    SPIN_UNTIL (flink_job_client_get_reachable (job) && flink_job_list_get_reachable (list) &&
                flink_job_client_get_last_seen_status (job) == FLINK_JOB_STATUS_RUNNING &&
                list_status (list) == FLINK_JOB_STATUS_RUNNING, "the cluster back, RUNNING");
  }

  /* Ended: the watcher sees FINISHED; a wait for another status ends with
   * CONFLICT; the list shows it. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    cluster.status = "FINISHED";
    SPIN_UNTIL (flink_job_client_get_last_seen_status (job) == FLINK_JOB_STATUS_FINISHED &&
                list_status (list) == FLINK_JOB_STATUS_FINISHED, "FINISHED");
    start_wait (job, FLINK_JOB_STATUS_CANCELED, &result);
    status = flink_job_client_wait_for_status_finish (job, flink_test_wait (&result), &error);
    g_assert_error (error, FLINK_ERROR, FLINK_ERROR_CONFLICT);
    g_assert_nonnull (strstr (error->message, "FINISHED"));
    g_assert_nonnull (strstr (error->message, cluster.job_id));
    g_clear_error (&error);
  }

  /* Every change was told once, in order. */
  g_assert_cmpuint (watcher.changes->len, ==, 4);
  g_assert_cmpint (g_array_index (watcher.changes, FlinkJobStatus, 0), ==, FLINK_JOB_STATUS_RUNNING);
  g_assert_cmpint (g_array_index (watcher.changes, FlinkJobStatus, 1), ==, FLINK_JOB_STATUS_RESTARTING);
  g_assert_cmpint (g_array_index (watcher.changes, FlinkJobStatus, 2), ==, FLINK_JOB_STATUS_RUNNING);
  g_assert_cmpint (g_array_index (watcher.changes, FlinkJobStatus, 3), ==, FLINK_JOB_STATUS_FINISHED);

  /* Unknown: the watcher sees UNKNOWN, reachable; a wait ends NOT_FOUND; the
   * list drops the job. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    unknown = flink_cluster_client_get_job_client (client, "fedcba9876543210fedcba9876543210", &error);
    g_assert_no_error (error);
    start_wait (unknown, FLINK_JOB_STATUS_RUNNING, &result);
    cluster.status = NULL;
    status = flink_job_client_wait_for_status_finish (unknown, flink_test_wait (&result), &error);
    g_assert_error (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "fedcba9876543210fedcba9876543210"));
    g_clear_error (&error);
    SPIN_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (list)) == 0, "the list to drop the job");
  }

  /* Nothing left to watch: the poller rests. */
  flink_job_client_set_watched (job, FALSE);
  g_clear_object (&list);
  requests = cluster.requests;
  flink_test_sleep (FLINK_POLL_STEADY_MAX_MS * 2 / SPEED);
  g_assert_cmpuint (cluster.requests, ==, requests);

  g_array_unref (watcher.changes);
  g_clear_object (&job);
  g_clear_object (&client);
  cluster_stop (&cluster);
}

/* Many watched jobs share one request per poll; one watched job asks for
 * its own status only. */
static void
test_shared_poll (void)
{
  Cluster cluster = { 0 };
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  FlinkPoller *poller;
  guint64 before;
  guint requests, status_requests;

  cluster_start (&cluster);
  cluster.status = "RUNNING";
  descriptor = flink_cluster_descriptor_new_for_url (cluster.url, &error);
  g_assert_no_error (error);
  client = flink_cluster_client_new (descriptor);
  poller = _flink_cluster_client_get_poller (client);
  _flink_poller_set_speed (poller, SPEED);

  /* Fifty clients of twenty-five running jobs, all watched. */
  cluster.more_jobs = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 1; i < 25; i++)
    g_ptr_array_add (cluster.more_jobs, g_strdup_printf ("%032x", i));
  for (guint i = 0; i < 50; i++)
    {
      const char *id = i % 25 == 0 ? cluster.job_id : g_ptr_array_index (cluster.more_jobs, i % 25 - 1);
      FlinkJobClient *job = flink_cluster_client_get_job_client (client, id, &error);

      g_assert_no_error (error);
      flink_job_client_set_watched (job, TRUE);
      g_ptr_array_add (jobs, job);
    }
  SPIN_UNTIL (flink_job_client_get_last_seen_status (g_ptr_array_index (jobs, 49)) == FLINK_JOB_STATUS_RUNNING,
              "the watched jobs to be seen");
  before = _flink_poller_get_n_requests (poller);
  requests = cluster.requests;
  status_requests = cluster.status_requests;
  flink_test_sleep (2 * FLINK_POLL_STEADY_MAX_MS / SPEED);
  /* One GET /jobs per poll, whatever the number of jobs: no job asks for
   * its own status, and a poll costs one request. */
  g_assert_cmpuint (cluster.status_requests, ==, status_requests);
  g_assert_cmpuint (cluster.requests - requests, ==, _flink_poller_get_n_requests (poller) - before);
  g_assert_cmpuint (cluster.requests - requests, >=, 1);
  g_assert_cmpuint (cluster.requests - requests, <, jobs->len);
  for (guint i = 0; i < jobs->len; i++)
    g_assert_cmpint (flink_job_client_get_last_seen_status (g_ptr_array_index (jobs, i)), ==,
                     FLINK_JOB_STATUS_RUNNING);

  g_ptr_array_set_size (jobs, 0);
  g_ptr_array_unref (cluster.more_jobs);
  g_clear_object (&client);
  cluster_stop (&cluster);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/poller/policy", test_policy);
  g_test_add_func ("/poller/three-users", test_three_users);
  g_test_add_func ("/poller/shared-poll", test_shared_poll);
  return g_test_run ();
}
