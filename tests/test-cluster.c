/* test-cluster.c: every FLIP-74 operation against a real Flink cluster
 *
 * Run through tests/flink/flink-harness.py, which starts a JobManager and a
 * TaskManager and sets FLINK_REST_URL, FLINKJOB_TEST_JOBS_JAR and
 * FLINKJOB_SAVEPOINT_DIR. The tests share one cluster and run in order:
 * a job started by one is used by the next.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <glib/gstdio.h>

#include "flink-test-utils.h"

#define COUNTER_CLASS "org.flinkjob.testjobs.CounterStream"
#define BOUNDED_CLASS "org.flinkjob.testjobs.BoundedCount"
#define FAILING_CLASS "org.flinkjob.testjobs.FailingJob"
#define EXPECTED_FAILURE "org.flinkjob.testjobs.FailingJob$ExpectedFailure"

/* Generous bounds that only stop a broken run from hanging; they assert no
 * speed. */
#define STATUS_WAIT_S 120

static struct {
  const char *url;
  FlinkClusterClient *client;
  FlinkJobClient *stream;          /* CounterStream, running */
  FlinkJobClient *stopped;         /* CounterStream, stopped with a savepoint */
  char *stop_savepoint;
  gint64 records_at_stop;
  char *first_savepoint;
} cluster;

static gboolean
need_cluster (void)
{
  if (cluster.client == NULL)
    {
      g_test_skip ("no cluster");
      return FALSE;
    }
  return TRUE;
}

static FlinkJobClient *
submit (const char         *entry_class,
        const char * const *args,
        const char         *savepoint_path)
{
  return flink_test_submit (cluster.client, entry_class, args, savepoint_path);
}

static void
assert_savepoint_on_disk (const char *location)
{
  g_autofree char *path = flink_test_local_path (location);
  g_autofree char *metadata = NULL;

  g_assert_nonnull (path);
  metadata = g_build_filename (path, "_metadata", NULL);
  g_test_message ("savepoint at %s", path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (metadata, G_FILE_TEST_IS_REGULAR));
}

static void
assert_error_names (const GError *error,
                    const char   *job_id)
{
  g_test_message ("error: %s", error->message);
  g_assert_nonnull (strstr (error->message, cluster.url));
  if (job_id != NULL)
    g_assert_nonnull (strstr (error->message, job_id));
}

static FlinkJobResult *
await_result (FlinkJobClient *job)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FlinkJobResult *job_result;

  flink_job_client_get_job_execution_result_async (job, NULL, flink_test_store_result_cb, &result);
  job_result = flink_job_client_get_job_execution_result_finish (job, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (job_result);
  g_assert_cmpstr (flink_job_result_get_job_id (job_result), ==, flink_job_client_get_job_id (job));
  return job_result;
}

/* ---- The cluster -------------------------------------------------------- */

static void
test_retrieve (void)
{
  const char *version = g_getenv ("FLINK_VERSION");

  cluster.url = flink_test_cluster_url ();
  if (cluster.url == NULL)
    return;
  cluster.client = flink_test_retrieve (cluster.url);
  g_assert_cmpstr (flink_cluster_client_get_url (cluster.client), ==, cluster.url);
  g_assert_nonnull (flink_cluster_client_get_flink_version (cluster.client));
  if (version != NULL)
    g_assert_cmpstr (flink_cluster_client_get_flink_version (cluster.client), ==, version);
}

static void
test_overview (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterOverview) overview = NULL;

  if (!need_cluster ())
    return;
  flink_cluster_client_get_overview_async (cluster.client, NULL, flink_test_store_result_cb, &result);
  overview = flink_cluster_client_get_overview_finish (cluster.client, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (flink_cluster_overview_get_taskmanagers (overview), >=, 1);
  g_assert_cmpuint (flink_cluster_overview_get_slots_total (overview), >=, 1);
  g_assert_cmpstr (flink_cluster_overview_get_flink_version (overview), ==,
                   flink_cluster_client_get_flink_version (cluster.client));
}

/* ---- The streaming job: submit, status, details, list ------------------- */

static void
test_submit_stream (void)
{
  if (!need_cluster ())
    return;
  cluster.stream = submit (COUNTER_CLASS, NULL, NULL);
  g_assert_true (flink_test_wait_for_status (cluster.stream, FLINK_JOB_STATUS_RUNNING, STATUS_WAIT_S));
  g_assert_true (flink_test_wait_for_all_running (cluster.stream, STATUS_WAIT_S));
}

static void
test_details (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkJobDetails) details = NULL;
  g_autoptr(FlinkJobVertex) vertex = NULL;
  GListModel *vertices;

  if (!need_cluster ())
    return;
  flink_job_client_get_job_details_async (cluster.stream, NULL, flink_test_store_result_cb, &result);
  details = flink_job_client_get_job_details_finish (cluster.stream, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (flink_job_details_get_job_id (details), ==, flink_job_client_get_job_id (cluster.stream));
  g_assert_cmpstr (flink_job_details_get_name (details), ==, "flinkjob-counter-stream");
  g_assert_cmpint (flink_job_details_get_status (details), ==, FLINK_JOB_STATUS_RUNNING);
  g_assert_cmpint (flink_job_details_get_start_time (details), >, 0);
  g_assert_cmpint (flink_job_details_get_end_time (details), ==, -1);
  g_assert_cmpint (flink_job_details_get_status_timestamp (details, FLINK_JOB_STATUS_RUNNING), >=,
                   flink_job_details_get_start_time (details));
  g_assert_cmpstr (flink_job_details_get_job_type (details), ==, "STREAMING");

  vertices = flink_job_details_get_vertices (details);
  g_assert_cmpuint (g_list_model_get_n_items (vertices), >=, 1);
  vertex = g_list_model_get_item (vertices, 0);
  g_assert_cmpuint (strlen (flink_job_vertex_get_id (vertex)), ==, 32);
  g_assert_cmpuint (flink_job_vertex_get_parallelism (vertex), >=, 1);
  g_assert_cmpint (flink_job_vertex_get_status (vertex), ==, FLINK_EXECUTION_STATE_RUNNING);
  g_assert_cmpuint (flink_job_vertex_get_task_count (vertex, FLINK_EXECUTION_STATE_RUNNING), ==,
                    flink_job_vertex_get_parallelism (vertex));
}

static FlinkJobOverview *
find_in_job_list (FlinkJobClient *job)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) jobs = NULL;

  flink_cluster_client_list_jobs_async (cluster.client, NULL, flink_test_store_result_cb, &result);
  jobs = flink_cluster_client_list_jobs_finish (cluster.client, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (jobs) == FLINK_TYPE_JOB_OVERVIEW);
  return flink_test_find_item (jobs, "job-id", flink_job_client_get_job_id (job));
}

static void
test_list_jobs (void)
{
  g_autoptr(FlinkJobOverview) overview = NULL;

  if (!need_cluster ())
    return;
  overview = find_in_job_list (cluster.stream);
  g_assert_nonnull (overview);
  g_assert_cmpstr (flink_job_overview_get_name (overview), ==, "flinkjob-counter-stream");
  g_assert_cmpint (flink_job_overview_get_status (overview), ==, FLINK_JOB_STATUS_RUNNING);
  g_assert_cmpuint (flink_job_overview_get_tasks_total (overview), >=, 1);
  g_assert_cmpint (flink_job_overview_get_end_time (overview), ==, -1);
}

static void
test_accumulators (void)
{
  gint64 records = -1;

  if (!need_cluster ())
    return;
  /* The counter job counts every record; it is running, so the count grows. */
  for (guint i = 0; i < 300 && records <= 0; i++)
    {
      records = flink_test_get_accumulator (cluster.stream, "records");
      if (records <= 0)
        flink_test_sleep (200);
    }
  g_assert_cmpint (records, >, 0);
}

/* ---- Savepoints ------------------------------------------------------- */

static char *
trigger_savepoint (FlinkJobClient       *job,
                   const char           *directory,
                   FlinkSavepointFormat  format,
                   GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  flink_job_client_trigger_savepoint_async (job, directory, format, NULL,
                                            flink_test_store_result_cb, &result);
  return flink_job_client_trigger_savepoint_finish (job, flink_test_wait (&result), error);
}

static void
test_savepoint_default_directory (void)
{
  const char *default_dir = g_getenv ("FLINKJOB_SAVEPOINT_DIR");
  g_autoptr(GError) error = NULL;
  char *location;

  if (!need_cluster ())
    return;

  location = trigger_savepoint (cluster.stream, NULL, FLINK_SAVEPOINT_FORMAT_CANONICAL, &error);
  if (default_dir == NULL || default_dir[0] == '\0')
    {
      /* This cluster has no state.savepoints.dir: the cluster refuses, and
       * the error says which job and cluster. */
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
      assert_error_names (error, flink_job_client_get_job_id (cluster.stream));
      g_assert_null (location);
      return;
    }
  g_assert_no_error (error);
  assert_savepoint_on_disk (location);
  {
    g_autofree char *path = flink_test_local_path (location);
    g_assert_true (g_str_has_prefix (path, default_dir));
  }
  cluster.first_savepoint = location;
}

static void
test_savepoint_directory_native (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *location = NULL;
  g_autofree char *path = NULL;

  if (!need_cluster ())
    return;
  dir = flink_test_work_path ("explicit-savepoints");
  location = trigger_savepoint (cluster.stream, dir, FLINK_SAVEPOINT_FORMAT_NATIVE, &error);
  g_assert_no_error (error);
  assert_savepoint_on_disk (location);
  path = flink_test_local_path (location);
  g_assert_true (g_str_has_prefix (path, dir));
  if (cluster.first_savepoint == NULL)
    cluster.first_savepoint = g_steal_pointer (&location);
}

/* ---- Durable handles and checkpoints ------------------------------------ */

static char *
await_savepoint (FlinkOperationHandle  *handle,
                 GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  flink_cluster_client_await_savepoint_async (cluster.client, handle, NULL,
                                              flink_test_store_result_cb, &result);
  return flink_cluster_client_await_savepoint_finish (cluster.client, flink_test_wait (&result), error);
}

/* Trigger now, write the handle down, read it back, wait later. */
static void
test_durable_savepoint_handle (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkOperationHandle) handle = NULL;
  g_autoptr(FlinkOperationHandle) parsed = NULL;
  g_autofree char *dir = flink_test_work_path ("handle-savepoints");
  g_autofree char *text = NULL;
  g_autofree char *location = NULL;
  g_autofree char *path = NULL;

  if (!need_cluster ())
    return;
  flink_job_client_start_savepoint_async (cluster.stream, dir, FLINK_SAVEPOINT_FORMAT_CANONICAL, NULL,
                                          flink_test_store_result_cb, &result);
  handle = flink_job_client_start_savepoint_finish (cluster.stream, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (flink_operation_handle_get_kind (handle), ==, FLINK_OPERATION_KIND_SAVEPOINT);
  g_assert_cmpstr (flink_operation_handle_get_job_id (handle), ==, flink_job_client_get_job_id (cluster.stream));

  text = flink_operation_handle_to_string (handle);
  g_test_message ("handle: %s", text);
  parsed = flink_operation_handle_new_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (flink_operation_handle_get_trigger_id (parsed), ==, flink_operation_handle_get_trigger_id (handle));
  g_assert_cmpint (flink_operation_handle_get_start_time (parsed), ==, flink_operation_handle_get_start_time (handle));
  g_assert_cmpstr (flink_operation_handle_get_directory (parsed), ==, dir);

  location = await_savepoint (parsed, &error);
  g_assert_no_error (error);
  assert_savepoint_on_disk (location);
  path = flink_test_local_path (location);
  g_assert_true (g_str_has_prefix (path, dir));
}

/* The cluster forgets a trigger id after rest.async.store-duration or a
 * failover: the wait recovers the location from the checkpoint statistics.
 * An id the cluster never knew stands for one it forgot. */
static void
test_forgotten_trigger_recovered (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkOperationHandle) handle = NULL;
  g_autofree char *dir = flink_test_work_path ("recovered-savepoints");
  g_autofree char *location = NULL;
  g_autofree char *recovered = NULL;
  g_autofree char *text = NULL;
  gint64 start;

  if (!need_cluster ())
    return;
  start = g_get_real_time () / 1000;
  location = trigger_savepoint (cluster.stream, dir, FLINK_SAVEPOINT_FORMAT_CANONICAL, &error);
  g_assert_no_error (error);

  {
    g_autofree char *escaped = g_uri_escape_string (dir, NULL, FALSE);
    text = g_strdup_printf ("flinkjob-operation/1 savepoint %s fedcba98765432100123456789abcdef %"
                            G_GINT64_FORMAT " %s", flink_job_client_get_job_id (cluster.stream), start, escaped);
  }
  handle = flink_operation_handle_new_from_string (text, &error);
  g_assert_no_error (error);
  recovered = await_savepoint (handle, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (recovered, ==, location);
}

static void
test_checkpoints (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkOperationHandle) handle = NULL;
  guint64 first, second;

  if (!need_cluster ())
    return;
  flink_job_client_trigger_checkpoint_async (cluster.stream, FLINK_CHECKPOINT_TYPE_FULL, NULL,
                                             flink_test_store_result_cb, &result);
  first = flink_job_client_trigger_checkpoint_finish (cluster.stream, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first, >, 0);

  g_clear_object (&result);
  flink_job_client_start_checkpoint_async (cluster.stream, FLINK_CHECKPOINT_TYPE_CONFIGURED, NULL,
                                           flink_test_store_result_cb, &result);
  handle = flink_job_client_start_checkpoint_finish (cluster.stream, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (flink_operation_handle_get_kind (handle), ==, FLINK_OPERATION_KIND_CHECKPOINT);
  g_clear_object (&result);
  flink_cluster_client_await_checkpoint_async (cluster.client, handle, NULL, flink_test_store_result_cb, &result);
  second = flink_cluster_client_await_checkpoint_finish (cluster.client, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second, >, first);

  /* A savepoint handle is no checkpoint handle. */
  g_clear_object (&result);
  flink_cluster_client_await_savepoint_async (cluster.client, handle, NULL, flink_test_store_result_cb, &result);
  g_assert_null (flink_cluster_client_await_savepoint_finish (cluster.client, flink_test_wait (&result), &error));
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
}

static void
test_stop_with_savepoint (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(FlinkJobResult) job_result = NULL;
  g_autoptr(FlinkJobOverview) overview = NULL;

  if (!need_cluster ())
    return;
  dir = flink_test_work_path ("stop-savepoints");
  flink_job_client_stop_with_savepoint_async (cluster.stream, FALSE, dir, FLINK_SAVEPOINT_FORMAT_CANONICAL,
                                              NULL, flink_test_store_result_cb, &result);
  cluster.stop_savepoint = flink_job_client_stop_with_savepoint_finish (cluster.stream, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  assert_savepoint_on_disk (cluster.stop_savepoint);

  /* A stopped job ends FINISHED, and its result says it succeeded. */
  g_assert_true (flink_test_wait_for_status (cluster.stream, FLINK_JOB_STATUS_FINISHED, STATUS_WAIT_S));
  job_result = await_result (cluster.stream);
  g_assert_cmpint (flink_job_result_get_application_status (job_result), ==, FLINK_APPLICATION_STATUS_SUCCEEDED);
  g_assert_null (flink_job_result_get_failure_class (job_result));

  /* The final count, as the job result gives it (the accumulators endpoint
   * may lag by the cluster's web.refresh-interval). */
  {
    g_autoptr(FlinkAccumulator) records = flink_test_find_item (flink_job_result_get_accumulators (job_result),
                                                                "name", "records");
    g_assert_nonnull (records);
    cluster.records_at_stop = flink_accumulator_get_int64 (records, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (cluster.records_at_stop, >, 0);

  /* The job list shows its final state. */
  overview = find_in_job_list (cluster.stream);
  g_assert_nonnull (overview);
  g_assert_cmpint (flink_job_overview_get_status (overview), ==, FLINK_JOB_STATUS_FINISHED);
  g_assert_cmpint (flink_job_overview_get_end_time (overview), >, 0);

  cluster.stopped = g_steal_pointer (&cluster.stream);
}

static void
test_stop_finished_job (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;

  if (!need_cluster ())
    return;
  flink_job_client_stop_with_savepoint_async (cluster.stopped, FALSE, "/tmp/never", FLINK_SAVEPOINT_FORMAT_CANONICAL,
                                              NULL, flink_test_store_result_cb, &result);
  location = flink_job_client_stop_with_savepoint_finish (cluster.stopped, flink_test_wait (&result), &error);
  g_assert_null (location);
  /* An operation on a job that has ended: one code, and its status. */
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_CONFLICT);
  assert_error_names (error, flink_job_client_get_job_id (cluster.stopped));
  assert_error_names (error, "the job has ended: it is FINISHED");
  assert_error_names (error, "trigger id");
  g_clear_error (&error);
  g_clear_object (&result);

  flink_job_client_trigger_savepoint_async (cluster.stopped, NULL, FLINK_SAVEPOINT_FORMAT_CANONICAL,
                                            NULL, flink_test_store_result_cb, &result);
  location = flink_job_client_trigger_savepoint_finish (cluster.stopped, flink_test_wait (&result), &error);
  g_assert_null (location);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_CONFLICT);
  assert_error_names (error, "the job has ended: it is FINISHED");
}

static void
test_cancel_finished_job (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_cluster ())
    return;
  flink_job_client_cancel_async (cluster.stopped, NULL, flink_test_store_result_cb, &result);
  g_assert_false (flink_job_client_cancel_finish (cluster.stopped, flink_test_wait (&result), &error));
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_CONFLICT);
  assert_error_names (error, flink_job_client_get_job_id (cluster.stopped));
  assert_error_names (error, "the job has ended: it is FINISHED");
}

static void
test_restore_from_savepoint (void)
{
  g_autoptr(FlinkJobClient) restored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkJobResult) job_result = NULL;
  gint64 records;

  if (!need_cluster ())
    return;
  /* One record a second: a job that did not restore its state would take
   * minutes to count as far as the stopped one had. */
  restored = submit (COUNTER_CLASS, (const char *[]) { "--rate", "1", NULL }, cluster.stop_savepoint);
  g_assert_cmpstr (flink_job_client_get_job_id (restored), !=, flink_job_client_get_job_id (cluster.stopped));
  g_assert_true (flink_test_wait_for_status (restored, FLINK_JOB_STATUS_RUNNING, STATUS_WAIT_S));
  g_assert_true (flink_test_wait_for_all_running (restored, STATUS_WAIT_S));

  /* The counter is kept in the job's state: it resumes where it stopped,
   * from the first value the restored job reports. */
  records = -1;
  for (guint i = 0; i < 600 && records < 0; i++)
    {
      records = flink_test_get_accumulator (restored, "records");
      if (records < 0)
        flink_test_sleep (200);
    }
  g_test_message ("records at stop %" G_GINT64_FORMAT ", after restore %" G_GINT64_FORMAT,
                  cluster.records_at_stop, records);
  g_assert_cmpint (records, >=, cluster.records_at_stop);
  g_assert_cmpint (records, <, cluster.records_at_stop + 120);

  /* Cancel: accepted, then CANCELED, and the result says so. */
  flink_job_client_cancel_async (restored, NULL, flink_test_store_result_cb, &result);
  g_assert_true (flink_job_client_cancel_finish (restored, flink_test_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_true (flink_test_wait_for_status (restored, FLINK_JOB_STATUS_CANCELED, STATUS_WAIT_S));
  job_result = await_result (restored);
  g_assert_cmpint (flink_job_result_get_application_status (job_result), ==, FLINK_APPLICATION_STATUS_CANCELED);

  /* Cancelling a cancelled job again is accepted. */
  g_clear_object (&result);
  flink_job_client_cancel_async (restored, NULL, flink_test_store_result_cb, &result);
  g_assert_true (flink_job_client_cancel_finish (restored, flink_test_wait (&result), &error));
  g_assert_no_error (error);
}

/* ---- Bounded and failing jobs ------------------------------------------ */

static void
test_bounded_job_result (void)
{
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(FlinkJobResult) job_result = NULL;
  g_autoptr(FlinkAccumulator) records = NULL;
  g_autoptr(FlinkAccumulator) sum = NULL;
  g_autoptr(FlinkAccumulator) average = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *accumulators;

  if (!need_cluster ())
    return;
  job = submit (BOUNDED_CLASS, NULL, NULL);
  job_result = await_result (job);
  g_assert_cmpint (flink_job_result_get_application_status (job_result), ==, FLINK_APPLICATION_STATUS_SUCCEEDED);
  g_assert_cmpint (flink_job_result_get_net_runtime (job_result), >, 0);
  g_assert_null (flink_job_result_get_failure_class (job_result));

  accumulators = flink_job_result_get_accumulators (job_result);
  records = flink_test_find_item (accumulators, "name", "records");
  sum = flink_test_find_item (accumulators, "name", "sum");
  average = flink_test_find_item (accumulators, "name", "average");
  g_assert_nonnull (records);
  g_assert_nonnull (sum);
  g_assert_nonnull (average);
  g_assert_cmpint (flink_accumulator_get_int64 (records, &error), ==, 1000);
  g_assert_no_error (error);
  g_assert_cmpint (flink_accumulator_get_int64 (sum, &error), ==, 500500);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (flink_accumulator_get_double (average, &error), 500.5, 1e-9);
  g_assert_no_error (error);
}

static void
test_failing_job_result (void)
{
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(FlinkJobResult) job_result = NULL;

  if (!need_cluster ())
    return;
  job = submit (FAILING_CLASS, NULL, NULL);
  job_result = await_result (job);
  g_assert_cmpint (flink_job_result_get_application_status (job_result), ==, FLINK_APPLICATION_STATUS_FAILED);
  g_assert_nonnull (flink_job_result_get_failure_class (job_result));
  g_assert_nonnull (flink_job_result_get_failure_stack_trace (job_result));
  g_test_message ("failure %s, root cause %s: %s",
                  flink_job_result_get_failure_class (job_result),
                  flink_job_result_get_root_cause_class (job_result),
                  flink_job_result_get_root_cause_message (job_result));
  g_assert_cmpstr (flink_job_result_get_root_cause_class (job_result), ==, EXPECTED_FAILURE);
  g_assert_cmpstr (flink_job_result_get_root_cause_message (job_result), ==, "flinkjob test failure");
  g_assert_true (flink_test_wait_for_status (job, FLINK_JOB_STATUS_FAILED, 5));

  /* The exception history says the same, with the task that failed. */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GListModel) history = NULL;
    g_autoptr(FlinkExceptionInfo) entry = NULL;
    g_autoptr(FlinkExceptionInfo) task_failure = NULL;

    flink_job_client_get_exception_history_async (job, 5, NULL, flink_test_store_result_cb, &result);
    history = flink_job_client_get_exception_history_finish (job, flink_test_wait (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (history), >=, 1);
    entry = g_list_model_get_item (history, 0);
    g_assert_cmpstr (flink_exception_info_get_root_cause_class (entry), ==, EXPECTED_FAILURE);
    g_assert_cmpint (flink_exception_info_get_timestamp (entry), >, 0);
    g_assert_cmpuint (g_list_model_get_n_items (flink_exception_info_get_concurrent_exceptions (entry)), >=, 1);
    task_failure = g_list_model_get_item (flink_exception_info_get_concurrent_exceptions (entry), 0);
    g_assert_cmpstr (flink_exception_info_get_exception_name (task_failure), ==, EXPECTED_FAILURE);
    g_assert_cmpstr (flink_exception_info_get_message (task_failure), ==, "flinkjob test failure");
    g_assert_nonnull (flink_exception_info_get_task_name (task_failure));
    g_assert_nonnull (flink_exception_info_get_endpoint (task_failure));
  }
}

/* ---- Jars -------------------------------------------------------------- */

static gboolean
jar_listed (const char *jar_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) jars = NULL;
  g_autoptr(FlinkJar) jar = NULL;

  flink_cluster_client_list_jars_async (cluster.client, NULL, flink_test_store_result_cb, &result);
  jars = flink_cluster_client_list_jars_finish (cluster.client, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  jar = flink_test_find_item (jars, "id", jar_id);
  if (jar == NULL)
    return FALSE;
  g_assert_true (g_str_has_suffix (flink_jar_get_name (jar), ".jar"));
  g_assert_cmpint (flink_jar_get_uploaded (jar), >, 0);
  return TRUE;
}

static void
test_jars (void)
{
  g_autoptr(GFile) file = flink_test_jobs_jar ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkRunOptions) options = flink_run_options_new ();
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(FlinkJobResult) job_result = NULL;
  g_autofree char *jar_id = NULL;
  g_autofree char *job_id = NULL;

  if (!need_cluster ())
    return;
  flink_cluster_client_upload_jar_async (cluster.client, file, NULL, flink_test_store_result_cb, &result);
  jar_id = flink_cluster_client_upload_jar_finish (cluster.client, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (jar_id, ".jar"));
  g_assert_true (jar_listed (jar_id));

  /* Run it with a job id of our choosing. */
  job_id = g_strdup ("0123456789abcdef0123456789abcdef");
  flink_run_options_set_entry_class (options, BOUNDED_CLASS);
  flink_run_options_set_job_id (options, job_id);
  flink_run_options_set_parallelism (options, 1);
  g_clear_object (&result);
  flink_cluster_client_run_jar_async (cluster.client, jar_id, options, NULL, flink_test_store_result_cb, &result);
  job = flink_cluster_client_run_jar_finish (cluster.client, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (flink_job_client_get_job_id (job), ==, job_id);
  job_result = await_result (job);
  g_assert_cmpint (flink_job_result_get_application_status (job_result), ==, FLINK_APPLICATION_STATUS_SUCCEEDED);

  g_clear_object (&result);
  flink_cluster_client_delete_jar_async (cluster.client, jar_id, NULL, flink_test_store_result_cb, &result);
  g_assert_true (flink_cluster_client_delete_jar_finish (cluster.client, flink_test_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_false (jar_listed (jar_id));
}

static void
test_upload_not_a_jar (void)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *jar_id = NULL;
  g_autofree char *path = NULL;
  int fd;

  if (!need_cluster ())
    return;
  fd = g_file_open_tmp ("not-a-jar-XXXXXX.jar", &path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "this is text, not a zip archive\n", -1, NULL));
  close (fd);
  file = g_file_new_for_path (path);
  flink_cluster_client_upload_jar_async (cluster.client, file, NULL, flink_test_store_result_cb, &result);
  jar_id = flink_cluster_client_upload_jar_finish (cluster.client, flink_test_wait (&result), &error);
  g_assert_null (jar_id);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  assert_error_names (error, NULL);
  g_assert_nonnull (strstr (error->message, path));
  g_unlink (path);
}

/* ---- Savepoint disposal ------------------------------------------------- */

static void
test_dispose_savepoint (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (!need_cluster ())
    return;
  g_assert_nonnull (cluster.first_savepoint);
  path = flink_test_local_path (cluster.first_savepoint);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  flink_cluster_client_dispose_savepoint_async (cluster.client, cluster.first_savepoint, NULL,
                                                flink_test_store_result_cb, &result);
  g_assert_true (flink_cluster_client_dispose_savepoint_finish (cluster.client, flink_test_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* ---- Bad input ---------------------------------------------------------- */

static void
test_unknown_job (void)
{
  const char *unknown = "ffffffffffffffffffffffffffffffff";
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_cluster ())
    return;
  job = flink_cluster_client_get_job_client (cluster.client, unknown, &error);
  g_assert_no_error (error);
  flink_job_client_get_job_status_async (job, NULL, flink_test_store_result_cb, &result);
  g_assert_cmpint (flink_job_client_get_job_status_finish (job, flink_test_wait (&result), &error), ==,
                   FLINK_JOB_STATUS_UNKNOWN);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND);
  assert_error_names (error, unknown);

  g_clear_error (&error);
  g_clear_object (&result);
  flink_job_client_cancel_async (job, NULL, flink_test_store_result_cb, &result);
  g_assert_false (flink_job_client_cancel_finish (job, flink_test_wait (&result), &error));
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND);
  assert_error_names (error, unknown);
}

static void
test_malformed_job_id (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkJobClient) job = NULL;

  if (!need_cluster ())
    return;
  job = flink_cluster_client_get_job_client (cluster.client, "not-a-job-id", &error);
  g_assert_null (job);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  assert_error_names (error, "not-a-job-id");
}

/* A cancelled wait returns G_IO_ERROR_CANCELLED promptly and leaves the job
 * running. */
static void
test_cancelled_wait (void)
{
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkJobResult) job_result = NULL;

  if (!need_cluster ())
    return;
  job = submit (COUNTER_CLASS, NULL, NULL);
  g_assert_true (flink_test_wait_for_status (job, FLINK_JOB_STATUS_RUNNING, STATUS_WAIT_S));

  flink_test_cancel_after (cancellable, 300);
  flink_job_client_get_job_execution_result_async (job, cancellable, flink_test_store_result_cb, &result);
  job_result = flink_job_client_get_job_execution_result_finish (job, flink_test_wait (&result), &error);
  g_assert_null (job_result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (flink_test_wait_for_status (job, FLINK_JOB_STATUS_RUNNING, 1));

  /* An already cancelled cancellable stops a call before it starts. */
  g_clear_error (&error);
  g_clear_object (&result);
  flink_job_client_get_job_status_async (job, cancellable, flink_test_store_result_cb, &result);
  flink_job_client_get_job_status_finish (job, flink_test_wait (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_clear_error (&error);
  g_clear_object (&result);
  flink_job_client_cancel_async (job, NULL, flink_test_store_result_cb, &result);
  g_assert_true (flink_job_client_cancel_finish (job, flink_test_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_true (flink_test_wait_for_status (job, FLINK_JOB_STATUS_CANCELED, STATUS_WAIT_S));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cluster/retrieve", test_retrieve);
  g_test_add_func ("/cluster/overview", test_overview);
  g_test_add_func ("/cluster/job-submit", test_submit_stream);
  g_test_add_func ("/cluster/job-details", test_details);
  g_test_add_func ("/cluster/job-list", test_list_jobs);
  g_test_add_func ("/cluster/job-accumulators", test_accumulators);
  g_test_add_func ("/cluster/job-savepoint-default-directory", test_savepoint_default_directory);
  g_test_add_func ("/cluster/job-savepoint-directory-native", test_savepoint_directory_native);
  g_test_add_func ("/cluster/job-savepoint-durable-handle", test_durable_savepoint_handle);
  g_test_add_func ("/cluster/job-savepoint-forgotten-trigger", test_forgotten_trigger_recovered);
  g_test_add_func ("/cluster/job-checkpoints", test_checkpoints);
  g_test_add_func ("/cluster/job-stop-with-savepoint", test_stop_with_savepoint);
  g_test_add_func ("/cluster/job-stop-finished", test_stop_finished_job);
  g_test_add_func ("/cluster/job-cancel-finished", test_cancel_finished_job);
  g_test_add_func ("/cluster/job-restore-and-cancel", test_restore_from_savepoint);
  g_test_add_func ("/cluster/job-bounded-result", test_bounded_job_result);
  g_test_add_func ("/cluster/job-failing-result", test_failing_job_result);
  g_test_add_func ("/cluster/jars", test_jars);
  g_test_add_func ("/cluster/jars-not-a-jar", test_upload_not_a_jar);
  g_test_add_func ("/cluster/savepoint-dispose", test_dispose_savepoint);
  g_test_add_func ("/cluster/errors-unknown-job", test_unknown_job);
  g_test_add_func ("/cluster/errors-malformed-job-id", test_malformed_job_id);
  g_test_add_func ("/cluster/job-cancelled-wait", test_cancelled_wait);

  status = g_test_run ();

  g_clear_object (&cluster.stream);
  g_clear_object (&cluster.stopped);
  g_clear_object (&cluster.client);
  g_free (cluster.stop_savepoint);
  g_free (cluster.first_savepoint);
  return status;
}
