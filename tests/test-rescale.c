/* test-rescale.c: resource requirements and rescaling against a real Flink
 * cluster that runs the adaptive scheduler
 *
 * Run through tests/flink/flink-harness.py run --adaptive-scheduler (suite
 * "adaptive"), which sets jobmanager.scheduler: adaptive without a cooldown
 * between rescales. The tests share one CounterStream job and run in order;
 * the cluster's TaskManager has two slots, so the job can grow to 2.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "flink-test-utils.h"

#define COUNTER_CLASS "org.flinkjob.testjobs.CounterStream"

/* Generous bounds that only stop a broken run from hanging. */
#define WAIT_S 120

/* Records a second, and the count to reach before scaling up: restarted
 * without its state, the job could not count that many before its restarted
 * tasks first report their accumulators (with the TaskManager's heartbeat,
 * every 2 s in the harness, then the REST cache's 3 s). */
#define RATE 20
#define STATE_COUNT 300

static struct {
  const char *url;
  FlinkClusterClient *client;
  FlinkJobClient *job;
  char **vertex_ids;
} rescale;

static gboolean
need_job (void)
{
  if (rescale.job == NULL)
    {
      g_test_skip ("no job");
      return FALSE;
    }
  return TRUE;
}

static FlinkJobResourceRequirements *
get_requirements (GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  flink_job_client_get_resource_requirements_async (rescale.job, NULL, flink_test_store_result_cb, &result);
  return flink_job_client_get_resource_requirements_finish (rescale.job, flink_test_wait (&result), error);
}

static gboolean
set_requirements (FlinkJobResourceRequirements  *requirements,
                  GCancellable                  *cancellable,
                  GError                       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  flink_job_client_set_resource_requirements_async (rescale.job, requirements, cancellable,
                                                    flink_test_store_result_cb, &result);
  return flink_job_client_set_resource_requirements_finish (rescale.job, flink_test_wait (&result), error);
}

/* Every vertex RUNNING at @parallelism, each of its tasks running or done. */
static gboolean
runs_at (guint parallelism)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkJobDetails) details = NULL;
  GListModel *vertices;

  flink_job_client_get_job_details_async (rescale.job, NULL, flink_test_store_result_cb, &result);
  details = flink_job_client_get_job_details_finish (rescale.job, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  if (flink_job_details_get_status (details) != FLINK_JOB_STATUS_RUNNING)
    return FALSE;
  vertices = flink_job_details_get_vertices (details);
  for (guint i = 0; i < g_list_model_get_n_items (vertices); i++)
    {
      g_autoptr(FlinkJobVertex) vertex = g_list_model_get_item (vertices, i);

      /* CounterStream's source has one split: after a restore at a higher
       * parallelism, the subtasks without it finish at once. */
      if (flink_job_vertex_get_parallelism (vertex) != parallelism ||
          flink_job_vertex_get_status (vertex) != FLINK_EXECUTION_STATE_RUNNING ||
          flink_job_vertex_get_task_count (vertex, FLINK_EXECUTION_STATE_RUNNING) +
          flink_job_vertex_get_task_count (vertex, FLINK_EXECUTION_STATE_FINISHED) != parallelism)
        return FALSE;
    }
  return g_list_model_get_n_items (vertices) > 0;
}

static void
wait_until_runs_at (guint parallelism)
{
  g_autoptr(FlinkTestDeadline) deadline =
    flink_test_deadline_new (WAIT_S, "job %s to run every vertex at parallelism %u",
                             flink_job_client_get_job_id (rescale.job), parallelism);

  while (!runs_at (parallelism))
    flink_test_deadline_sleep (deadline, 250);
}

static void
assert_error_names_job (const GError *error)
{
  g_test_message ("error: %s", error->message);
  g_assert_nonnull (strstr (error->message, rescale.url));
  g_assert_nonnull (strstr (error->message, flink_job_client_get_job_id (rescale.job)));
}

/* This suite has the cluster to itself: a job an aborted earlier run left
 * would hold the slots the rescale needs. */
static void
cancel_running_jobs (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) jobs = NULL;

  flink_cluster_client_list_jobs_async (rescale.client, NULL, flink_test_store_result_cb, &result);
  jobs = flink_cluster_client_list_jobs_finish (rescale.client, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr(FlinkJobOverview) overview = g_list_model_get_item (jobs, i);
      g_autoptr(FlinkJobClient) job = NULL;

      if (flink_job_status_is_globally_terminal (flink_job_overview_get_status (overview)))
        continue;
      job = flink_cluster_client_get_job_client (rescale.client, flink_job_overview_get_job_id (overview), &error);
      g_assert_no_error (error);
      g_clear_object (&result);
      flink_job_client_cancel_async (job, NULL, flink_test_store_result_cb, &result);
      flink_job_client_cancel_finish (job, flink_test_wait (&result), NULL);
      g_assert_true (flink_test_wait_for_status (job, FLINK_JOB_STATUS_CANCELED, WAIT_S));
    }
}

static void
test_submit (void)
{
  rescale.url = flink_test_cluster_url ();
  if (rescale.url == NULL)
    return;
  rescale.client = flink_test_retrieve (rescale.url);
  cancel_running_jobs ();
  rescale.job = flink_test_submit (rescale.client, COUNTER_CLASS,
                                   (const char * const[]) { "--rate", G_STRINGIFY (RATE), NULL }, NULL);
  g_assert_true (flink_test_wait_for_all_running (rescale.job, WAIT_S));
}

static void
test_read (void)
{
  g_autoptr(FlinkJobResourceRequirements) requirements = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkJobDetails) details = NULL;
  GListModel *vertices;

  if (!need_job ())
    return;
  requirements = get_requirements (&error);
  if (g_error_matches (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED))
    g_error ("the cluster at %s does not run the adaptive scheduler: run this suite through "
             "flink-harness.py run --adaptive-scheduler (%s)", rescale.url, error->message);
  g_assert_no_error (error);

  /* One entry per vertex of the job graph, at the parallelism it was
   * submitted with. */
  flink_job_client_get_job_details_async (rescale.job, NULL, flink_test_store_result_cb, &result);
  details = flink_job_client_get_job_details_finish (rescale.job, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  vertices = flink_job_details_get_vertices (details);
  rescale.vertex_ids = flink_job_resource_requirements_get_vertex_ids (requirements);
  g_assert_cmpuint (g_strv_length (rescale.vertex_ids), ==, g_list_model_get_n_items (vertices));
  for (guint i = 0; i < g_list_model_get_n_items (vertices); i++)
    {
      g_autoptr(FlinkJobVertex) vertex = g_list_model_get_item (vertices, i);
      guint lower = 0, upper = 0;

      g_assert_true (flink_job_resource_requirements_get_parallelism (requirements,
                                                                      flink_job_vertex_get_id (vertex),
                                                                      &lower, &upper));
      g_assert_cmpuint (lower, ==, 1);
      g_assert_cmpuint (upper, ==, flink_job_vertex_get_parallelism (vertex));
      g_assert_cmpuint (upper, ==, 1);
    }
}

static void
test_refused (void)
{
  g_autoptr(FlinkJobResourceRequirements) requirements = NULL;
  g_autoptr(FlinkJobResourceRequirements) unchanged = NULL;
  g_autoptr(GError) error = NULL;
  guint lower = 0, upper = 0;

  if (!need_job ())
    return;

  /* Checked before sending: nothing reaches the cluster. */
  requirements = flink_job_resource_requirements_new ();
  g_assert_false (set_requirements (requirements, NULL, &error));
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  assert_error_names_job (error);
  g_clear_error (&error);

  flink_job_resource_requirements_set_parallelism (requirements, rescale.vertex_ids[0], 2, 1);
  g_assert_false (set_requirements (requirements, NULL, &error));
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "lower bound 2 is above the upper bound 1"));
  assert_error_names_job (error);
  g_clear_error (&error);

  flink_job_resource_requirements_set_parallelism (requirements, rescale.vertex_ids[0], 0, 0);
  g_assert_false (set_requirements (requirements, NULL, &error));
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "1 or more"));
  g_clear_error (&error);

  /* Refused by the cluster: above the vertex's maximum parallelism (128),
   * and requirements that miss a vertex of the job. */
  flink_job_resource_requirements_set_parallelism (requirements, rescale.vertex_ids[0], 1, 100000);
  g_assert_false (set_requirements (requirements, NULL, &error));
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "maximum parallelism"));
  assert_error_names_job (error);
  g_clear_error (&error);

  g_clear_object (&requirements);
  requirements = flink_job_resource_requirements_new ();
  flink_job_resource_requirements_set_parallelism (requirements, "0123456789abcdef0123456789abcdef", 1, 1);
  g_assert_false (set_requirements (requirements, NULL, &error));
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  assert_error_names_job (error);
  g_clear_error (&error);

  /* None of it changed the job's requirements. */
  unchanged = get_requirements (&error);
  g_assert_no_error (error);
  g_assert_true (flink_job_resource_requirements_get_parallelism (unchanged, rescale.vertex_ids[0],
                                                                  &lower, &upper));
  g_assert_cmpuint (lower, ==, 1);
  g_assert_cmpuint (upper, ==, 1);
  g_assert_true (runs_at (1));
}

/* Rescales to @parallelism by changing the requirements as a user would:
 * read them, change every vertex, send them back. */
static void
rescale_to (guint parallelism)
{
  g_autoptr(FlinkJobResourceRequirements) requirements = NULL;
  g_autoptr(FlinkJobResourceRequirements) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;

  requirements = get_requirements (&error);
  g_assert_no_error (error);
  ids = flink_job_resource_requirements_get_vertex_ids (requirements);
  for (guint i = 0; ids[i] != NULL; i++)
    flink_job_resource_requirements_set_parallelism (requirements, ids[i], 1, parallelism);
  g_assert_true (set_requirements (requirements, NULL, &error));
  g_assert_no_error (error);

  /* The cluster keeps them... */
  changed = get_requirements (&error);
  g_assert_no_error (error);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      guint lower = 0, upper = 0;

      g_assert_true (flink_job_resource_requirements_get_parallelism (changed, ids[i], &lower, &upper));
      g_assert_cmpuint (lower, ==, 1);
      g_assert_cmpuint (upper, ==, parallelism);
    }
  /* ...and the adaptive scheduler restarts the job at the new parallelism:
   * every vertex runs that many tasks. */
  wait_until_runs_at (parallelism);
}

static void
test_scale_up (void)
{
  g_autoptr(FlinkTestDeadline) deadline = NULL;
  gint64 before, after;

  if (!need_job ())
    return;
  deadline = flink_test_deadline_new (WAIT_S, "the job's records to reach %d, then to be counted again "
                                      "after the rescale", STATE_COUNT);
  while ((before = flink_test_get_accumulator (rescale.job, "records")) < STATE_COUNT)
    flink_test_deadline_sleep (deadline, 500);
  /* A checkpoint (every second) holds at least that count. */
  flink_test_sleep (1500);
  rescale_to (2);
  /* Restarted from that checkpoint: the count kept in state carries over.
   * The restarted tasks report 0 until their first heartbeat. */
  while ((after = flink_test_get_accumulator (rescale.job, "records")) <= 0)
    flink_test_deadline_sleep (deadline, 250);
  g_test_message ("records: %" G_GINT64_FORMAT " before, %" G_GINT64_FORMAT " after", before, after);
  g_assert_cmpint (after, >=, before);
}

static void
test_scale_down (void)
{
  if (!need_job ())
    return;
  rescale_to (1);
}

static void
test_cancelled (void)
{
  g_autoptr(FlinkJobResourceRequirements) requirements = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  guint lower = 0, upper = 0;

  if (!need_job ())
    return;
  requirements = get_requirements (&error);
  g_assert_no_error (error);
  flink_job_resource_requirements_set_parallelism (requirements, rescale.vertex_ids[0], 1, 2);
  g_cancellable_cancel (cancellable);
  g_assert_false (set_requirements (requirements, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&requirements);
  g_clear_error (&error);

  requirements = get_requirements (&error);
  g_assert_no_error (error);
  g_assert_true (flink_job_resource_requirements_get_parallelism (requirements, rescale.vertex_ids[0],
                                                                  &lower, &upper));
  g_assert_cmpuint (upper, ==, 1);
}

static void
test_cancel_job (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_job ())
    return;
  flink_job_client_cancel_async (rescale.job, NULL, flink_test_store_result_cb, &result);
  g_assert_true (flink_job_client_cancel_finish (rescale.job, flink_test_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_true (flink_test_wait_for_status (rescale.job, FLINK_JOB_STATUS_CANCELED, WAIT_S));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rescale/submit", test_submit);
  g_test_add_func ("/rescale/read", test_read);
  g_test_add_func ("/rescale/refused", test_refused);
  g_test_add_func ("/rescale/scale-up", test_scale_up);
  g_test_add_func ("/rescale/scale-down", test_scale_down);
  g_test_add_func ("/rescale/cancelled", test_cancelled);
  g_test_add_func ("/rescale/cancel-job", test_cancel_job);

  status = g_test_run ();

  g_clear_object (&rescale.job);
  g_clear_object (&rescale.client);
  g_strfreev (rescale.vertex_ids);
  return status;
}
