/* flink-cluster-client-savepoints.c: savepoints and checkpoints the
 * cluster keeps: waiting on their handles, disposing of savepoints
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include <string.h>

#include "flink-cluster-client-private.h"
#include "flink-error-private.h"
#include "flink-json-private.h"
#include "flink-operation-private.h"
#include "flink-task-private.h"
#include "flink-i18n-private.h"

/* ---- Savepoint disposal ------------------------------------------------- */

static void
dispose_completed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (GTask)      task = user_data;
  const char            *context = g_task_get_task_data (task);
  g_autoptr (JsonObject) completed = NULL;
  GError                *error = NULL;

  completed = _flink_operation_await_completion_finish (FLINK_TRANSPORT (source), result, &error);
  if (completed == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!_flink_disposal_from_json (completed, &error))
    {
      _flink_task_return_error_in_context (task, error, context);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
dispose_triggered_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (GTask)         task = user_data;
  const char               *context = g_task_get_task_data (task);
  g_autoptr (FlinkResponse) response = NULL;
  g_autofree char          *status_path = NULL;
  g_autofree char          *trigger_id = NULL;
  GError                   *error = NULL;
  JsonObject               *object;

  object = _flink_task_take_response_object (task, result, &response);
  if (object == NULL)
    return;
  trigger_id = _flink_trigger_id_from_json (object, &error);
  if (trigger_id == NULL)
    {
      _flink_task_return_error_in_context (task, error, context);
      return;
    }
  status_path = g_strconcat ("/savepoint-disposal/", trigger_id, NULL);
  _flink_operation_await_completion_async (FLINK_TRANSPORT (source), status_path, context,
                                           g_task_get_cancellable (task),
                                           dispose_completed_cb, g_object_ref (task));
}

/**
 * flink_cluster_client_dispose_savepoint_async:
 * @self: a cluster client
 * @savepoint_path: the savepoint's location, as a savepoint operation
 *   returned it (such as `file:/flink/savepoints/savepoint-3f2a1b-0123456789ab`)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the savepoint is disposed of
 * @user_data: data for @callback
 *
 * Disposes of a savepoint: the cluster deletes its files
 * (`POST /savepoint-disposal`), and this waits until it has.
 *
 * Since: 1.0
 */
void
flink_cluster_client_dispose_savepoint_async (FlinkClusterClient *self,
                                              const char         *savepoint_path,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data)
{
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonNode)    body = NULL;
  GTask                  *task;

  g_return_if_fail (FLINK_IS_CLUSTER_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_task_new (self, flink_cluster_client_dispose_savepoint_async,
                          "[flinkjob] dispose_savepoint", cancellable, callback, user_data);
  g_task_set_task_data (task,
                        _flink_context_printf ("Cannot dispose of savepoint %s on cluster %s",
                                               savepoint_path ? savepoint_path : "(null)",
                                               flink_cluster_client_get_url (self)),
                        g_free);

  if (savepoint_path == NULL || savepoint_path[0] == '\0')
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               _ ("%s: no savepoint path was given"),
                               (const char *) g_task_get_task_data (task));
      g_object_unref (task);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "savepoint-path");
  json_builder_add_string_value (builder, savepoint_path);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  {
    FlinkRequest request = {
      .method = "POST",
      .path = "/savepoint-disposal",
      .body = body,
      .context = g_task_get_task_data (task),
    };

    _flink_transport_send_async (_flink_cluster_client_get_transport (self), &request,
                                 cancellable, dispose_triggered_cb, task);
  }
}

/**
 * flink_cluster_client_dispose_savepoint_finish:
 * @self: a cluster client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.ClusterClient.dispose_savepoint_async]. A disposal
 * that the cluster tried and failed is %FLINK_ERROR_OPERATION_FAILED, with
 * Flink's failure cause.
 *
 * Returns: %TRUE if the savepoint was disposed of
 *
 * Since: 1.0
 */
gboolean
flink_cluster_client_dispose_savepoint_finish (FlinkClusterClient *self,
                                               GAsyncResult       *result,
                                               GError            **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_client_dispose_savepoint_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Waiting on operation handles --------------------------------------- */

/**
 * flink_cluster_client_await_savepoint_async:
 * @self: a cluster client
 * @handle: a handle on a savepoint or a stop with savepoint, from
 *   [method@Flink.JobClient.start_savepoint_async],
 *   [method@Flink.JobClient.start_stop_with_savepoint_async] or
 *   [ctor@Flink.OperationHandle.new_from_string]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the savepoint is complete
 * @user_data: data for @callback
 *
 * Waits until the savepoint @handle names is complete, and gets its
 * location. Cancelling the wait leaves the savepoint to the cluster.
 *
 * When the cluster no longer knows the trigger — it keeps results for
 * `rest.async.store-duration` (5 minutes) and loses them in a JobManager
 * failover — the location is recovered from the job's checkpoint
 * statistics (`GET /jobs/:jobid/checkpoints`): the savepoint triggered
 * closest to the handle's start time, within a minute. Only if those do not
 * show it either is the result %FLINK_ERROR_OPERATION_FAILED: no savepoint
 * was made for the trigger, and a new one must be triggered.
 *
 * Since: 1.0
 */
static void
savepoint_awaited_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError           *error = NULL;
  char             *location = _flink_operation_await_savepoint_finish (FLINK_TRANSPORT (source), result, &error);

  if (location == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, location, g_free);
}

void
flink_cluster_client_await_savepoint_async (FlinkClusterClient   *self,
                                            FlinkOperationHandle *handle,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data)
{
  g_autofree char *context = NULL;
  GTask           *task;

  g_return_if_fail (FLINK_IS_CLUSTER_CLIENT (self));
  g_return_if_fail (FLINK_IS_OPERATION_HANDLE (handle));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_task_new (self, flink_cluster_client_await_savepoint_async,
                          "[flinkjob] await_savepoint", cancellable, callback, user_data);
  context = g_strdup_printf ("Cannot get the savepoint of job %s (trigger id %s) on cluster %s",
                             flink_operation_handle_get_job_id (handle),
                             flink_operation_handle_get_trigger_id (handle),
                             flink_cluster_client_get_url (self));

  if (flink_operation_handle_get_kind (handle) == FLINK_OPERATION_KIND_CHECKPOINT)
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               _ ("%s: the handle names a checkpoint; wait for it with "
                                  "await_checkpoint"),
                               context);
      g_object_unref (task);
      return;
    }

  _flink_operation_await_savepoint_async (_flink_cluster_client_get_transport (self), handle,
                                          context, cancellable, savepoint_awaited_cb, task);
}

/**
 * flink_cluster_client_await_savepoint_finish:
 * @self: a cluster client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.ClusterClient.await_savepoint_async].
 *
 * Returns: (transfer full): the savepoint's location, or %NULL on error
 *
 * Since: 1.0
 */
char *
flink_cluster_client_await_savepoint_finish (FlinkClusterClient *self,
                                             GAsyncResult       *result,
                                             GError            **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_client_await_savepoint_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
checkpoint_awaited_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError           *error = NULL;
  guint64           id = _flink_operation_await_checkpoint_finish (FLINK_TRANSPORT (source), result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, id);
}

/**
 * flink_cluster_client_await_checkpoint_async:
 * @self: a cluster client
 * @handle: a handle on a checkpoint, from
 *   [method@Flink.JobClient.start_checkpoint_async]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the checkpoint is complete
 * @user_data: data for @callback
 *
 * Waits until the checkpoint @handle names is complete, and gets its id.
 * A checkpoint whose trigger the cluster no longer knows is
 * %FLINK_ERROR_NOT_FOUND: unlike savepoints, periodic checkpoints cannot be
 * told apart from it in the statistics.
 *
 * Since: 1.0
 */
void
flink_cluster_client_await_checkpoint_async (FlinkClusterClient   *self,
                                             FlinkOperationHandle *handle,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data)
{
  g_autofree char *context = NULL;
  GTask           *task;

  g_return_if_fail (FLINK_IS_CLUSTER_CLIENT (self));
  g_return_if_fail (FLINK_IS_OPERATION_HANDLE (handle));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_task_new (self, flink_cluster_client_await_checkpoint_async,
                          "[flinkjob] await_checkpoint", cancellable, callback, user_data);
  context = g_strdup_printf ("Cannot get the checkpoint of job %s (trigger id %s) on cluster %s",
                             flink_operation_handle_get_job_id (handle),
                             flink_operation_handle_get_trigger_id (handle),
                             flink_cluster_client_get_url (self));
  if (flink_operation_handle_get_kind (handle) != FLINK_OPERATION_KIND_CHECKPOINT)
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               _ ("%s: the handle names a savepoint; wait for it with await_savepoint"),
                               context);
      g_object_unref (task);
      return;
    }
  _flink_operation_await_checkpoint_async (_flink_cluster_client_get_transport (self), handle,
                                           context, cancellable, checkpoint_awaited_cb, task);
}

/**
 * flink_cluster_client_await_checkpoint_finish:
 * @self: a cluster client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.ClusterClient.await_checkpoint_async].
 *
 * Returns: the checkpoint's id, or 0 with @error set
 *
 * Since: 1.0
 */
guint64
flink_cluster_client_await_checkpoint_finish (FlinkClusterClient *self,
                                              GAsyncResult       *result,
                                              GError            **error)
{
  gssize id;

  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_client_await_checkpoint_async, 0);

  id = g_task_propagate_int (G_TASK (result), error);
  return id < 0 ? 0 : (guint64) id;
}
