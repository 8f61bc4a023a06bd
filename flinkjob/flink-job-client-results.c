/* flink-job-client-results.c: what a job leaves: its accumulators, its
 * result, its exception history
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flink-cluster-client-private.h"
#include "flink-job-client-private.h"
#include "flink-json-private.h"
#include "flink-operation-private.h"
#include "flink-task-private.h"

/* ---- Exception history ------------------------------------------------- */

static void
get_exception_history_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;

  _flink_task_return_decoded (task, result, (FlinkDecoder) _flink_exception_history_new_from_json);
}

/**
 * flink_job_client_get_exception_history_async:
 * @self: a job client
 * @max_exceptions: how many entries to get at most; 0 for the cluster's
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the history is read
 * @user_data: data for @callback
 *
 * Reads the job's exception history (`GET /jobs/:jobid/exceptions`): the
 * failures that made it fail or restart, newest first, with the task
 * failures of each moment. The cluster keeps `web.exception-history-size`
 * entries.
 *
 * Since: 1.0
 */
void
flink_job_client_get_exception_history_async (FlinkJobClient     *self,
                                              guint               max_exceptions,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data)
{
  g_autofree char *query = NULL;
  GTask           *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_job_client_task_new (self, flink_job_client_get_exception_history_async,
                                     "[flinkjob] get_exception_history", "read the exception history of",
                                     cancellable, callback, user_data);
  if (max_exceptions > 0)
    query = g_strdup_printf ("maxExceptions=%u", max_exceptions);
  _flink_job_client_get (self, task, "/exceptions", query, get_exception_history_cb);
}

/**
 * flink_job_client_get_exception_history_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.get_exception_history_async].
 *
 * Returns: (transfer full): a list model of [class@Flink.ExceptionInfo],
 *   newest first, or %NULL on error
 *
 * Since: 1.0
 */
GListModel *
flink_job_client_get_exception_history_finish (FlinkJobClient *self,
                                               GAsyncResult   *result,
                                               GError        **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_get_exception_history_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Accumulators ------------------------------------------------------- */

static void
get_accumulators_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;

  _flink_task_return_decoded (task, result, (FlinkDecoder) _flink_accumulators_new_from_json);
}

/**
 * flink_job_client_get_accumulators_async:
 * @self: a job client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the accumulators are read
 * @user_data: data for @callback
 *
 * Reads the job's user accumulators (`GET /jobs/:jobid/accumulators`): their
 * names, Java types and values as text. This works while the job runs and
 * after it ended, as long as the cluster remembers it.
 *
 * Since: 1.0
 */
void
flink_job_client_get_accumulators_async (FlinkJobClient     *self,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_job_client_task_new (self, flink_job_client_get_accumulators_async,
                                     "[flinkjob] get_accumulators", "read the accumulators of",
                                     cancellable, callback, user_data);
  _flink_job_client_get (self, task, "/accumulators", NULL, get_accumulators_cb);
}

/**
 * flink_job_client_get_accumulators_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.get_accumulators_async].
 *
 * Returns: (transfer full): a list model of the job's
 *   [class@Flink.Accumulator]s, or %NULL on error
 *
 * Since: 1.0
 */
GListModel *
flink_job_client_get_accumulators_finish (FlinkJobClient *self,
                                          GAsyncResult   *result,
                                          GError        **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_get_accumulators_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Job result --------------------------------------------------------- */

/* Reading the accumulators' text after the job ended takes care: the REST
 * endpoint serves the job's execution graph from a cache that lives for
 * web.refresh-interval (3 s by default), so right after the end it may
 * still show the running job and its accumulators of then. The job details
 * come from the same cache: once they show the final status, the
 * accumulators are final too. */
#define RESULT_CACHE_POLL_MS 250
#define RESULT_CACHE_MAX_POLLS 60

typedef struct
{
  char       *context;
  JsonObject *completed;
  guint       polls;
} ResultOp;

static void
result_op_free (ResultOp *op)
{
  g_free (op->context);
  g_clear_pointer (&op->completed, json_object_unref);
  g_free (op);
}

static void
result_accumulators_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr (GTask)      task = user_data;
  ResultOp              *op = g_task_get_task_data (task);
  g_autoptr (GListModel) readable = NULL;
  g_autoptr (GError)     error = NULL;
  FlinkJobResult        *job_result;

  readable = flink_job_client_get_accumulators_finish (FLINK_JOB_CLIENT (source), result, &error);
  if (readable == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* The result stands without readable values. */
      g_debug ("The accumulators' values could not be read: %s", error->message);
      g_clear_error (&error);
    }

  job_result = _flink_job_result_new_from_json (op->completed, readable, &error);
  if (job_result == NULL)
    _flink_task_return_error_in_context (task, g_steal_pointer (&error), op->context);
  else
    g_task_return_pointer (task, job_result, g_object_unref);
}

static void result_check_details (GTask *task);

static void
result_details_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GTask)           task = user_data;
  FlinkJobClient             *self = g_task_get_source_object (task);
  ResultOp                   *op = g_task_get_task_data (task);
  GCancellable               *cancellable = g_task_get_cancellable (task);
  g_autoptr (FlinkJobDetails) details = NULL;
  g_autoptr (GError)          error = NULL;

  details = flink_job_client_get_job_details_finish (self, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (details != NULL &&
      !flink_job_status_is_globally_terminal (flink_job_details_get_status (details)) &&
      ++op->polls < RESULT_CACHE_MAX_POLLS)
    {
      _flink_task_sleep_then (g_steal_pointer (&task), RESULT_CACHE_POLL_MS, result_check_details);
      return;
    }
  if (details == NULL)
    g_debug ("The job's details could not be read: %s", error->message);

  /* The result's accumulators are Java-serialized; the accumulators
   * endpoint has their text while the cluster remembers the job. */
  flink_job_client_get_accumulators_async (self, cancellable,
                                           result_accumulators_cb, g_steal_pointer (&task));
}

static void
result_check_details (GTask *task)
{
  flink_job_client_get_job_details_async (g_task_get_source_object (task),
                                          g_task_get_cancellable (task),
                                          result_details_cb, task);
}

static void
result_completed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  ResultOp         *op = g_task_get_task_data (task);
  GError           *error = NULL;

  op->completed = _flink_operation_await_completion_finish (FLINK_TRANSPORT (source), result, &error);
  if (op->completed == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  result_check_details (g_steal_pointer (&task));
}

/**
 * flink_job_client_get_job_execution_result_async:
 * @self: a job client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the job has ended
 * @user_data: data for @callback
 *
 * Waits until the job is globally terminal (FINISHED, CANCELED or FAILED)
 * and gets its result (`GET /jobs/:jobid/execution-result`): how it ended,
 * its net runtime, the failure's exception when it failed, and its
 * accumulators. There is no deadline: cancel @cancellable to stop waiting
 * (the job is not affected).
 *
 * The accumulators' readable values come from the accumulators endpoint,
 * read once the cluster's REST cache (`web.refresh-interval`) shows the job
 * ended, so they are the final ones.
 *
 * A job the cluster no longer remembers (`jobstore.expiration-time` after
 * it ended) is %FLINK_ERROR_NOT_FOUND.
 *
 * Since: 1.0
 */
void
flink_job_client_get_job_execution_result_async (FlinkJobClient     *self,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data)
{
  g_autofree char *path = NULL;
  ResultOp        *op;
  GTask           *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_task_new (self, flink_job_client_get_job_execution_result_async,
                          "[flinkjob] get_job_execution_result", cancellable, callback, user_data);
  op = g_new0 (ResultOp, 1);
  op->context = _flink_job_client_context (self, "get the result of", NULL);
  g_task_set_task_data (task, op, (GDestroyNotify) result_op_free);

  path = g_strconcat ("/jobs/", self->job_id, "/execution-result", NULL);
  _flink_operation_await_completion_async (_flink_cluster_client_get_transport (self->cluster_client),
                                           path, op->context, cancellable, result_completed_cb, task);
}

/**
 * flink_job_client_get_job_execution_result_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.get_job_execution_result_async].
 *
 * Returns: (transfer full): the job's result, or %NULL on error
 *
 * Since: 1.0
 */
FlinkJobResult *
flink_job_client_get_job_execution_result_finish (FlinkJobClient *self,
                                                  GAsyncResult   *result,
                                                  GError        **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_get_job_execution_result_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
