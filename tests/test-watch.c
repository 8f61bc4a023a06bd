/* test-watch.c: watching jobs on a real Flink cluster
 *
 * status-changed signals (one job, and several watched clients of several
 * jobs at once, fed by one shared poll), wait_for_status with its deadline
 * and cancellable, and the live job list, against the cluster the harness
 * starts (FLINK_REST_URL).
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "flink-test-utils.h"

#define COUNTER_CLASS "org.flinkjob.testjobs.CounterStream"
#define FAILING_CLASS "org.flinkjob.testjobs.FailingJob"

/* Bounds that stop a broken run from hanging; no speed is asserted. */
#define WAIT_S 120

static FlinkClusterClient *client;

static FlinkJobClient *
submit (const char *entry_class)
{
  return flink_test_submit (client, entry_class, NULL, NULL);
}

static void
status_changed_cb (FlinkJobClient *job,
                   FlinkJobStatus  old_status,
                   FlinkJobStatus  new_status,
                   GArray         *seen)
{
  /* Each emission is a change from the previous one. */
  if (seen->len > 0)
    g_assert_cmpint (g_array_index (seen, FlinkJobStatus, seen->len - 1), ==, old_status);
  g_assert_cmpint (old_status, !=, new_status);
  g_assert_cmpint (flink_job_client_get_last_seen_status (job), ==, new_status);
  g_array_append_val (seen, new_status);
}

static gboolean
seen_contains (GArray         *seen,
               FlinkJobStatus  status)
{
  for (guint i = 0; i < seen->len; i++)
    if (g_array_index (seen, FlinkJobStatus, i) == status)
      return TRUE;
  return FALSE;
}

static gint
seen_index (GArray         *seen,
            FlinkJobStatus  status)
{
  for (guint i = 0; i < seen->len; i++)
    if (g_array_index (seen, FlinkJobStatus, i) == status)
      return (gint) i;
  return -1;
}

static void
iterate_until_seen (FlinkJobClient *job,
                    GArray         *seen,
                    FlinkJobStatus  status)
{
  flink_test_iterate_until (seen_contains (seen, status), WAIT_S, "status-changed to %s from job %s",
                            flink_job_status_to_string (status), flink_job_client_get_job_id (job));
  g_assert_true (seen_contains (seen, status));
}

static void
test_setup (void)
{
  const char *url = flink_test_cluster_url ();

  if (url != NULL)
    client = flink_test_retrieve (url);
}

/* submit -> RUNNING -> stop with savepoint -> FINISHED, in that order. */
static void
test_signals_stop (void)
{
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (FlinkJobStatus));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  g_autofree char *dir = NULL;

  if (client == NULL)
    return (void) g_test_skip ("no cluster");

  job = submit (COUNTER_CLASS);
  g_signal_connect (job, "status-changed", G_CALLBACK (status_changed_cb), seen);
  g_assert_false (flink_job_client_get_watched (job));
  flink_job_client_set_watched (job, TRUE);
  g_assert_true (flink_job_client_get_watched (job));
  iterate_until_seen (job, seen, FLINK_JOB_STATUS_RUNNING);
  g_assert_true (flink_job_client_get_reachable (job));
  g_assert_true (flink_test_wait_for_all_running (job, WAIT_S));

  dir = flink_test_work_path ("watch-savepoints");
  flink_job_client_stop_with_savepoint_async (job, FALSE, dir, FLINK_SAVEPOINT_FORMAT_CANONICAL, NULL,
                                              flink_test_store_result_cb, &result);
  location = flink_job_client_stop_with_savepoint_finish (job, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  iterate_until_seen (job, seen, FLINK_JOB_STATUS_FINISHED);

  for (guint i = 0; i < seen->len; i++)
    g_test_message ("seen %s", flink_job_status_to_string (g_array_index (seen, FlinkJobStatus, i)));
  g_assert_cmpint (seen_index (seen, FLINK_JOB_STATUS_RUNNING), <, seen_index (seen, FLINK_JOB_STATUS_FINISHED));
  /* FINISHED is final: the last signal, and polling has stopped. */
  g_assert_cmpint (g_array_index (seen, FlinkJobStatus, seen->len - 1), ==, FLINK_JOB_STATUS_FINISHED);
  flink_test_sleep (1500);
  g_assert_cmpint (g_array_index (seen, FlinkJobStatus, seen->len - 1), ==, FLINK_JOB_STATUS_FINISHED);
  flink_job_client_set_watched (job, FALSE);
}

static void
test_signals_failure (void)
{
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (FlinkJobStatus));

  if (client == NULL)
    return (void) g_test_skip ("no cluster");

  job = submit (FAILING_CLASS);
  g_signal_connect (job, "status-changed", G_CALLBACK (status_changed_cb), seen);
  g_object_set (job, "watched", TRUE, NULL);
  iterate_until_seen (job, seen, FLINK_JOB_STATUS_FAILED);
  for (guint i = 0; i < seen->len; i++)
    g_test_message ("seen %s", flink_job_status_to_string (g_array_index (seen, FlinkJobStatus, i)));
  g_assert_cmpint (g_array_index (seen, FlinkJobStatus, seen->len - 1), ==, FLINK_JOB_STATUS_FAILED);
  g_assert_false (seen_contains (seen, FLINK_JOB_STATUS_FINISHED));
}

typedef struct {
  FlinkJobClient *job;
  GArray *seen;
} Watcher;

static Watcher *
watcher_new (FlinkJobClient *job)
{
  Watcher *watcher = g_new0 (Watcher, 1);

  watcher->job = g_object_ref (job);
  watcher->seen = g_array_new (FALSE, FALSE, sizeof (FlinkJobStatus));
  g_signal_connect (job, "status-changed", G_CALLBACK (status_changed_cb), watcher->seen);
  flink_job_client_set_watched (job, TRUE);
  return watcher;
}

static void
watcher_free (Watcher *watcher)
{
  g_signal_handlers_disconnect_by_data (watcher->job, watcher->seen);
  flink_job_client_set_watched (watcher->job, FALSE);
  g_object_unref (watcher->job);
  g_array_unref (watcher->seen);
  g_free (watcher);
}

/* A second client of the job that @job watches, watched too. */
static Watcher *
watch_again (FlinkJobClient *job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkJobClient) other = flink_cluster_client_get_job_client (client, flink_job_client_get_job_id (job),
                                                                         &error);

  g_assert_no_error (error);
  return watcher_new (other);
}

/* Each watcher saw @status last, and @before (if any) before it: every
 * change once, in order (status_changed_cb checks each step). */
static void
assert_ended_as (Watcher        *watcher,
                 FlinkJobStatus  before,
                 FlinkJobStatus  status)
{
  for (guint i = 0; i < watcher->seen->len; i++)
    g_test_message ("job %s: seen %s", flink_job_client_get_job_id (watcher->job),
                    flink_job_status_to_string (g_array_index (watcher->seen, FlinkJobStatus, i)));
  g_assert_cmpint (g_array_index (watcher->seen, FlinkJobStatus, watcher->seen->len - 1), ==, status);
  g_assert_cmpint (seen_index (watcher->seen, status), ==, (gint) watcher->seen->len - 1);
  if (before != FLINK_JOB_STATUS_UNKNOWN)
    g_assert_cmpint (seen_index (watcher->seen, before), <, seen_index (watcher->seen, status));
}

/* Several watched clients of one cluster client, of several jobs at once,
 * are fed by the cluster client's one poll (GET /jobs while more than one
 * job is watched): each sees its job's changes once, in order, whatever
 * else is watched. Two slots: one endless job runs throughout, a failing
 * job then a second endless one take the other. */
static void
test_shared_poll (void)
{
  g_autoptr(FlinkJobClient) first = NULL;
  g_autoptr(FlinkJobClient) failing = NULL;
  g_autoptr(FlinkJobClient) second = NULL;
  g_autoptr(GPtrArray) watchers = g_ptr_array_new_with_free_func ((GDestroyNotify) watcher_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  g_autofree char *dir = NULL;
  Watcher *first_a, *first_b, *failing_a, *failing_b, *second_a, *second_b;

  if (client == NULL)
    return (void) g_test_skip ("no cluster");

  first = submit (COUNTER_CLASS);
  failing = submit (FAILING_CLASS);
  g_ptr_array_add (watchers, first_a = watcher_new (first));
  g_ptr_array_add (watchers, first_b = watch_again (first));
  g_ptr_array_add (watchers, failing_a = watcher_new (failing));
  g_ptr_array_add (watchers, failing_b = watch_again (failing));

  iterate_until_seen (first_a->job, first_a->seen, FLINK_JOB_STATUS_RUNNING);
  iterate_until_seen (first_b->job, first_b->seen, FLINK_JOB_STATUS_RUNNING);
  iterate_until_seen (failing_a->job, failing_a->seen, FLINK_JOB_STATUS_FAILED);
  iterate_until_seen (failing_b->job, failing_b->seen, FLINK_JOB_STATUS_FAILED);
  assert_ended_as (failing_a, FLINK_JOB_STATUS_UNKNOWN, FLINK_JOB_STATUS_FAILED);
  assert_ended_as (failing_b, FLINK_JOB_STATUS_UNKNOWN, FLINK_JOB_STATUS_FAILED);

  /* The failing job's slot is free again: a second endless job. */
  second = submit (COUNTER_CLASS);
  g_ptr_array_add (watchers, second_a = watcher_new (second));
  g_ptr_array_add (watchers, second_b = watch_again (second));
  iterate_until_seen (second_a->job, second_a->seen, FLINK_JOB_STATUS_RUNNING);
  iterate_until_seen (second_b->job, second_b->seen, FLINK_JOB_STATUS_RUNNING);
  g_assert_true (flink_test_wait_for_all_running (first, WAIT_S));

  /* Stop the first with a savepoint while the second is watched too. */
  dir = flink_test_work_path ("watch-savepoints");
  flink_job_client_stop_with_savepoint_async (first, FALSE, dir, FLINK_SAVEPOINT_FORMAT_CANONICAL, NULL,
                                              flink_test_store_result_cb, &result);
  location = flink_job_client_stop_with_savepoint_finish (first, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  iterate_until_seen (first_a->job, first_a->seen, FLINK_JOB_STATUS_FINISHED);
  iterate_until_seen (first_b->job, first_b->seen, FLINK_JOB_STATUS_FINISHED);

  g_clear_object (&result);
  flink_job_client_cancel_async (second, NULL, flink_test_store_result_cb, &result);
  g_assert_true (flink_job_client_cancel_finish (second, flink_test_wait (&result), &error));
  g_assert_no_error (error);
  iterate_until_seen (second_a->job, second_a->seen, FLINK_JOB_STATUS_CANCELED);
  iterate_until_seen (second_b->job, second_b->seen, FLINK_JOB_STATUS_CANCELED);

  /* Ended jobs are not polled: nothing more is told. */
  flink_test_sleep (1500);
  assert_ended_as (first_a, FLINK_JOB_STATUS_RUNNING, FLINK_JOB_STATUS_FINISHED);
  assert_ended_as (first_b, FLINK_JOB_STATUS_RUNNING, FLINK_JOB_STATUS_FINISHED);
  assert_ended_as (second_a, FLINK_JOB_STATUS_RUNNING, FLINK_JOB_STATUS_CANCELED);
  assert_ended_as (second_b, FLINK_JOB_STATUS_RUNNING, FLINK_JOB_STATUS_CANCELED);
  assert_ended_as (failing_a, FLINK_JOB_STATUS_UNKNOWN, FLINK_JOB_STATUS_FAILED);
  for (guint i = 0; i < watchers->len; i++)
    g_assert_true (flink_job_client_get_reachable (((Watcher *) g_ptr_array_index (watchers, i))->job));
}

static void
test_wait_for_status (void)
{
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  FlinkJobStatus running[] = { FLINK_JOB_STATUS_RUNNING };
  FlinkJobStatus finished[] = { FLINK_JOB_STATUS_FINISHED };
  FlinkJobStatus reached;
  gint64 start, elapsed;

  if (client == NULL)
    return (void) g_test_skip ("no cluster");

  job = submit (COUNTER_CLASS);
  flink_job_client_wait_for_status_async (job, running, 1, WAIT_S, NULL, flink_test_store_result_cb, &result);
  reached = flink_job_client_wait_for_status_finish (job, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (reached, ==, FLINK_JOB_STATUS_RUNNING);

  /* The deadline: 2 s, then TIMED_OUT saying where the job is. */
  g_clear_object (&result);
  start = g_get_monotonic_time ();
  flink_job_client_wait_for_status_async (job, finished, 1, 2, NULL, flink_test_store_result_cb, &result);
  reached = flink_job_client_wait_for_status_finish (job, flink_test_wait (&result), &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_cmpint (reached, ==, FLINK_JOB_STATUS_UNKNOWN);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_TIMED_OUT);
  g_test_message ("%s (after %.2f s)", error->message, elapsed / 1e6);
  g_assert_nonnull (strstr (error->message, "still RUNNING"));
  g_assert_cmpint (elapsed, >=, 2 * G_USEC_PER_SEC);

  /* The cancellable: the wait stops, the job runs on. */
  g_clear_error (&error);
  g_clear_object (&result);
  flink_test_cancel_after (cancellable, 300);
  flink_job_client_wait_for_status_async (job, NULL, 0, 0, cancellable, flink_test_store_result_cb, &result);
  reached = flink_job_client_wait_for_status_finish (job, flink_test_wait (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (flink_test_wait_for_status (job, FLINK_JOB_STATUS_RUNNING, 1));

  /* Cancel the job: waiting for any terminal status gives CANCELED. */
  g_clear_error (&error);
  g_clear_object (&result);
  flink_job_client_cancel_async (job, NULL, flink_test_store_result_cb, &result);
  g_assert_true (flink_job_client_cancel_finish (job, flink_test_wait (&result), &error));
  g_clear_object (&result);
  flink_job_client_wait_for_status_async (job, NULL, 0, WAIT_S, NULL, flink_test_store_result_cb, &result);
  reached = flink_job_client_wait_for_status_finish (job, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (reached, ==, FLINK_JOB_STATUS_CANCELED);

  /* A job that ended otherwise will not reach the status: CONFLICT. */
  g_clear_object (&result);
  flink_job_client_wait_for_status_async (job, running, 1, WAIT_S, NULL, flink_test_store_result_cb, &result);
  flink_job_client_wait_for_status_finish (job, flink_test_wait (&result), &error);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_CONFLICT);
}

typedef struct {
  guint added, removed;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->added += added;
  changes->removed += removed;
}

static gboolean
listed_as (GListModel     *list,
           const char     *job_id,
           FlinkJobStatus  status)
{
  g_autoptr(FlinkJobOverview) job = flink_test_find_item (list, "job-id", job_id);

  return job != NULL && flink_job_overview_get_status (job) == status;
}

/* Iterates until @job_id is listed with @status; a poll interval is at
 * most 5 s while steady, so two of them plus a request is the bound. */
static void
iterate_until_listed (GListModel     *list,
                      const char     *job_id,
                      FlinkJobStatus  status)
{
  flink_test_iterate_until (listed_as (list, job_id, status), 12, "job %s to be listed as %s",
                            job_id, flink_job_status_to_string (status));
}

static void
test_job_list (void)
{
  g_autoptr(FlinkJobList) list = NULL;
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Changes changes = { 0, 0 };
  guint64 polls;

  if (client == NULL)
    return (void) g_test_skip ("no cluster");

  list = flink_job_list_new (client);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == FLINK_TYPE_JOB_OVERVIEW);
  g_assert_true (flink_job_list_get_cluster_client (list) == client);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  flink_test_iterate_until (flink_job_list_get_loaded (list), WAIT_S, "the job list to load");
  g_assert_true (flink_job_list_get_reachable (list));

  job = submit (COUNTER_CLASS);
  iterate_until_listed (G_LIST_MODEL (list), flink_job_client_get_job_id (job), FLINK_JOB_STATUS_RUNNING);
  g_assert_cmpuint (changes.added, >=, 1);

  flink_job_client_cancel_async (job, NULL, flink_test_store_result_cb, &result);
  g_assert_true (flink_job_client_cancel_finish (job, flink_test_wait (&result), &error));
  iterate_until_listed (G_LIST_MODEL (list), flink_job_client_get_job_id (job), FLINK_JOB_STATUS_CANCELED);

  /* Once all is steady, no notification without a change. */
  flink_test_sleep (2000);
  changes.added = changes.removed = 0;
  polls = flink_job_list_get_n_polls (list);
  flink_test_sleep (6000);
  g_test_message ("%" G_GUINT64_FORMAT " polls while steady", flink_job_list_get_n_polls (list) - polls);
  g_assert_cmpuint (flink_job_list_get_n_polls (list), >, polls);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/watch/setup", test_setup);
  g_test_add_func ("/watch/signals-stop", test_signals_stop);
  g_test_add_func ("/watch/signals-failure", test_signals_failure);
  g_test_add_func ("/watch/shared-poll", test_shared_poll);
  g_test_add_func ("/watch/wait-for-status", test_wait_for_status);
  g_test_add_func ("/watch/job-list", test_job_list);

  status = g_test_run ();
  g_clear_object (&client);
  return status;
}
