/* flink-job-client-savepoints.c: savepoints, stop with savepoint and
 * checkpoints of one job
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include "flink-cluster-client-private.h"
#include "flink-ids-private.h"
#include "flink-job-client-private.h"
#include "flink-json-private.h"
#include "flink-operation-private.h"
#include "flink-task-private.h"
#include "flink-i18n-private.h"

/* ---- Savepoints and checkpoints ----------------------------------------- */

/* Every trigger carries a trigger id of ours (Flink >= 1.15 takes one): the
 * cluster registers (job, trigger id) once, so a retried trigger cannot
 * start a second operation, and the operation is never lost from sight:
 * the handle names it, and so does every error after the trigger. */

typedef struct
{
  FlinkOperationKind kind;
  char              *context;
  char              *trigger_id;
  gint64             start_time;
  char              *directory;
  gboolean           wait; /* trigger_*: wait for the outcome too */
} Trigger;

static void
trigger_free (Trigger *trigger)
{
  g_free (trigger->context);
  g_free (trigger->trigger_id);
  g_free (trigger->directory);
  g_free (trigger);
}

/* A savepoint, stop or checkpoint of a job that has ended fails saying so,
 * naming the trigger. Takes @error. */
static void
trigger_return_error (GTask  *task,
                      GError *error)
{
  Trigger         *trigger = g_task_get_task_data (task);
  g_autofree char *context = g_strdup_printf ("%s (trigger id %s)", trigger->context,
                                              trigger->trigger_id);

  _flink_job_client_return_error (g_task_get_source_object (task), task, context, error);
}

static void
savepoint_awaited_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError           *error = NULL;
  char             *location = _flink_operation_await_savepoint_finish (FLINK_TRANSPORT (source), result, &error);

  if (location == NULL)
    trigger_return_error (task, error);
  else
    g_task_return_pointer (task, location, g_free);
}

static void checkpoint_awaited_cb (GObject      *source,
                                   GAsyncResult *result,
                                   gpointer      user_data);

static void
triggered_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask)                task = user_data;
  FlinkJobClient                  *self = g_task_get_source_object (task);
  Trigger                         *trigger = g_task_get_task_data (task);
  GCancellable                    *cancellable = g_task_get_cancellable (task);
  g_autoptr (FlinkResponse)        response = NULL;
  g_autoptr (FlinkOperationHandle) handle = NULL;
  GError                          *error = NULL;
  g_autofree char                 *trigger_id = NULL;
  JsonObject                      *object;

  response = _flink_transport_send_finish (FLINK_TRANSPORT (source), result, &error);
  object = response ? _flink_response_get_object (response, &error) : NULL;
  if (object == NULL)
    {
      trigger_return_error (task, error);
      return;
    }

  trigger_id = _flink_trigger_id_from_json (object, &error);
  if (trigger_id == NULL)
    {
      g_task_return_new_error (task, FLINK_ERROR, error->code, _ ("%s: %s (we sent %s)"),
                               trigger->context, error->message, trigger->trigger_id);
      g_error_free (error);
      return;
    }
  if (g_ascii_strcasecmp (trigger_id, trigger->trigger_id) != 0)
    g_debug ("The cluster chose trigger id %s instead of %s", trigger_id, trigger->trigger_id);

  handle = _flink_operation_handle_new (trigger->kind, self->job_id, trigger_id,
                                        trigger->start_time, trigger->directory);
  g_debug ("Triggered the %s of job %s, trigger id %s",
           flink_operation_kind_to_string (trigger->kind), self->job_id, trigger_id);

  _flink_cluster_client_poll_soon (self->cluster_client, self->job_id);

  if (!trigger->wait)
    g_task_return_pointer (task, g_steal_pointer (&handle), g_object_unref);
  else if (trigger->kind == FLINK_OPERATION_KIND_CHECKPOINT)
    _flink_operation_await_checkpoint_async (FLINK_TRANSPORT (source), handle, trigger->context,
                                             cancellable, checkpoint_awaited_cb,
                                             g_steal_pointer (&task));
  else
    _flink_operation_await_savepoint_async (FLINK_TRANSPORT (source), handle, trigger->context,
                                            cancellable, savepoint_awaited_cb,
                                            g_steal_pointer (&task));
}

/* Sends the trigger whose body @builder holds (an open object), for @task
 * made by trigger_task_new(). */
static void
trigger_send (FlinkJobClient *self,
              GTask          *task,
              const char     *suffix,
              JsonBuilder    *builder)
{
  Trigger             *trigger = g_task_get_task_data (task);
  g_autoptr (JsonNode) body = NULL;

  json_builder_set_member_name (builder, "triggerId");
  json_builder_add_string_value (builder, trigger->trigger_id);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  {
    /* Our trigger id makes the trigger safe to send again. */
    FlinkRequest request = {
      .method = "POST",
      .path = suffix,
      .body = body,
      .retry = FLINK_RETRY_IDEMPOTENT,
      .context = trigger->context,
    };

    _flink_job_client_send (self, &request, task, triggered_cb);
  }
}

/* "/a/b", or a URI with a scheme ("file:/a", "s3://bucket/a"). */
static gboolean
directory_is_absolute (const char *directory)
{
  const char *p = directory;

  if (directory[0] == '/')
    return TRUE;
  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.')
    p++;
  return *p == ':' && p[1] != '\0';
}

/* Returns NULL, the task answered, when @directory is invalid. */
static GTask *
trigger_task_new (FlinkJobClient     *self,
                  FlinkOperationKind  kind,
                  gboolean            wait,
                  gpointer            source_tag,
                  const char         *name,
                  const char         *directory,
                  GCancellable       *cancellable,
                  GAsyncReadyCallback callback,
                  gpointer            user_data)
{
  GTask   *task = _flink_task_new (self, source_tag, name, cancellable, callback, user_data);
  Trigger *trigger = g_new0 (Trigger, 1);

  trigger->kind = kind;
  trigger->wait = wait;
  trigger->trigger_id = _flink_id_new_random ();
  trigger->start_time = g_get_real_time () / 1000;
  trigger->directory = g_strdup (directory);
  switch (kind)
    {
    case FLINK_OPERATION_KIND_STOP_WITH_SAVEPOINT:
      trigger->context = _flink_job_client_context (self, "stop", " with a savepoint");
      break;
    case FLINK_OPERATION_KIND_CHECKPOINT:
      trigger->context = _flink_job_client_context (self, "take a checkpoint of", NULL);
      break;
    case FLINK_OPERATION_KIND_SAVEPOINT:
    default:
      trigger->context = _flink_job_client_context (self, "take a savepoint of", NULL);
      break;
    }
  g_task_set_task_data (task, trigger, (GDestroyNotify) trigger_free);

  if (directory != NULL && directory[0] == '\0')
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               _ ("%s: the savepoint directory is empty; pass NULL for the "
                                  "cluster's default (state.savepoints.dir)"),
                               trigger->context);
      g_object_unref (task);
      return NULL;
    }
  if (directory != NULL && !directory_is_absolute (directory))
    {
      /* The JobManager would resolve it in its own working directory. */
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               _ ("%s: the savepoint directory “%s” is relative, and the cluster "
                                  "would put it in the JobManager's working directory; give an "
                                  "absolute path or a URI (file:///savepoints, s3://bucket/savepoints)"),
                               trigger->context, directory);
      g_object_unref (task);
      return NULL;
    }
  return task;
}

static void
savepoint_trigger (FlinkJobClient      *self,
                   GTask               *task,
                   const char          *directory,
                   FlinkSavepointFormat format)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  if (directory != NULL)
    {
      json_builder_set_member_name (builder, "target-directory");
      json_builder_add_string_value (builder, directory);
    }
  json_builder_set_member_name (builder, "cancel-job");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "formatType");
  json_builder_add_string_value (builder, flink_savepoint_format_to_string (format));
  trigger_send (self, task, "/savepoints", builder);
}

static void
stop_trigger (FlinkJobClient      *self,
              GTask               *task,
              gboolean             drain,
              const char          *directory,
              FlinkSavepointFormat format)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  /* camelCase here, unlike the savepoint trigger */
  json_builder_begin_object (builder);
  if (directory != NULL)
    {
      json_builder_set_member_name (builder, "targetDirectory");
      json_builder_add_string_value (builder, directory);
    }
  json_builder_set_member_name (builder, "drain");
  json_builder_add_boolean_value (builder, drain);
  json_builder_set_member_name (builder, "formatType");
  json_builder_add_string_value (builder, flink_savepoint_format_to_string (format));
  trigger_send (self, task, "/stop", builder);
}

/**
 * flink_job_client_trigger_savepoint_async:
 * @self: a job client
 * @directory: (nullable): where to write the savepoint, such as
 *   `file:///flink/savepoints` or `s3://bucket/savepoints`; %NULL for the
 *   cluster's default (`state.savepoints.dir`)
 * @format: the savepoint's format
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the savepoint is complete
 * @user_data: data for @callback
 *
 * Triggers a savepoint of the running job (`POST /jobs/:jobid/savepoints`)
 * and waits until the cluster reports it complete. The job keeps running.
 * To trigger now and wait later, or from another process, use
 * [method@Flink.JobClient.start_savepoint_async].
 *
 * With no @directory on a cluster that has no `state.savepoints.dir`, the
 * cluster refuses: %FLINK_ERROR_INVALID_ARGUMENT. A savepoint the cluster
 * tried and failed is %FLINK_ERROR_OPERATION_FAILED with Flink's cause.
 *
 * Since: 1.0
 */
void
flink_job_client_trigger_savepoint_async (FlinkJobClient      *self,
                                          const char          *directory,
                                          FlinkSavepointFormat format,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = trigger_task_new (self, FLINK_OPERATION_KIND_SAVEPOINT, TRUE,
                           flink_job_client_trigger_savepoint_async,
                           "[flinkjob] trigger_savepoint", directory,
                           cancellable, callback, user_data);
  if (task != NULL)
    savepoint_trigger (self, task, directory, format);
}

/**
 * flink_job_client_trigger_savepoint_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.trigger_savepoint_async].
 *
 * Returns: (transfer full): the savepoint's location, such as
 *   `file:/flink/savepoints/savepoint-3f2a1b-0123456789ab`, or %NULL on error
 *
 * Since: 1.0
 */
char *
flink_job_client_trigger_savepoint_finish (FlinkJobClient *self,
                                           GAsyncResult   *result,
                                           GError        **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_trigger_savepoint_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * flink_job_client_stop_with_savepoint_async:
 * @self: a job client
 * @drain: whether to advance to the end of event time first (Flink's
 *   `--drain`, FLIP-74's `advanceToEndOfEventTime`): sources emit
 *   MAX_WATERMARK, so every event-time timer and window fires
 * @directory: (nullable): where to write the savepoint; %NULL for the
 *   cluster's default (`state.savepoints.dir`)
 * @format: the savepoint's format
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the savepoint is complete
 * @user_data: data for @callback
 *
 * Stops the job gracefully with a final savepoint (`POST /jobs/:jobid/stop`)
 * and waits until the cluster reports the savepoint complete. The job then
 * ends FINISHED, and can be started again from the savepoint with
 * [method@Flink.RunOptions.set_savepoint_path]. To trigger now and wait
 * later, use [method@Flink.JobClient.start_stop_with_savepoint_async].
 *
 * A job that has ended (FINISHED, CANCELED or FAILED) is
 * %FLINK_ERROR_CONFLICT, and the message says its status; one the cluster
 * does not know is %FLINK_ERROR_NOT_FOUND. A relative @directory is
 * %FLINK_ERROR_INVALID_ARGUMENT: the JobManager would resolve it in its own
 * working directory.
 *
 * Since: 1.0
 */
void
flink_job_client_stop_with_savepoint_async (FlinkJobClient      *self,
                                            gboolean             drain,
                                            const char          *directory,
                                            FlinkSavepointFormat format,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = trigger_task_new (self, FLINK_OPERATION_KIND_STOP_WITH_SAVEPOINT, TRUE,
                           flink_job_client_stop_with_savepoint_async,
                           "[flinkjob] stop_with_savepoint", directory,
                           cancellable, callback, user_data);
  if (task != NULL)
    stop_trigger (self, task, drain, directory, format);
}

/**
 * flink_job_client_stop_with_savepoint_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.stop_with_savepoint_async].
 *
 * Returns: (transfer full): the savepoint's location, or %NULL on error
 *
 * Since: 1.0
 */
char *
flink_job_client_stop_with_savepoint_finish (FlinkJobClient *self,
                                             GAsyncResult   *result,
                                             GError        **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_stop_with_savepoint_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * flink_job_client_start_savepoint_async:
 * @self: a job client
 * @directory: (nullable): where to write the savepoint; %NULL for the
 *   cluster's default (`state.savepoints.dir`)
 * @format: the savepoint's format
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the cluster accepted the trigger
 * @user_data: data for @callback
 *
 * Triggers a savepoint without waiting for it: the callback runs as soon as
 * the cluster accepted the trigger, with a handle to wait on now or later,
 * in this process or another ([method@Flink.ClusterClient.await_savepoint_async]).
 *
 * Since: 1.0
 */
void
flink_job_client_start_savepoint_async (FlinkJobClient      *self,
                                        const char          *directory,
                                        FlinkSavepointFormat format,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = trigger_task_new (self, FLINK_OPERATION_KIND_SAVEPOINT, FALSE,
                           flink_job_client_start_savepoint_async,
                           "[flinkjob] start_savepoint", directory,
                           cancellable, callback, user_data);
  if (task != NULL)
    savepoint_trigger (self, task, directory, format);
}

/**
 * flink_job_client_start_savepoint_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.start_savepoint_async].
 *
 * Returns: (transfer full): a handle on the savepoint, or %NULL on error
 *
 * Since: 1.0
 */
FlinkOperationHandle *
flink_job_client_start_savepoint_finish (FlinkJobClient *self,
                                         GAsyncResult   *result,
                                         GError        **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_start_savepoint_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * flink_job_client_start_stop_with_savepoint_async:
 * @self: a job client
 * @drain: whether to advance to the end of event time first
 * @directory: (nullable): where to write the savepoint; %NULL for the
 *   cluster's default (`state.savepoints.dir`)
 * @format: the savepoint's format
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the cluster accepted the trigger
 * @user_data: data for @callback
 *
 * Stops the job with a savepoint without waiting for it, as
 * [method@Flink.JobClient.start_savepoint_async] does for a savepoint.
 *
 * Since: 1.0
 */
void
flink_job_client_start_stop_with_savepoint_async (FlinkJobClient      *self,
                                                  gboolean             drain,
                                                  const char          *directory,
                                                  FlinkSavepointFormat format,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = trigger_task_new (self, FLINK_OPERATION_KIND_STOP_WITH_SAVEPOINT, FALSE,
                           flink_job_client_start_stop_with_savepoint_async,
                           "[flinkjob] start_stop_with_savepoint", directory,
                           cancellable, callback, user_data);
  if (task != NULL)
    stop_trigger (self, task, drain, directory, format);
}

/**
 * flink_job_client_start_stop_with_savepoint_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.start_stop_with_savepoint_async].
 *
 * Returns: (transfer full): a handle on the final savepoint, or %NULL on
 *   error
 *
 * Since: 1.0
 */
FlinkOperationHandle *
flink_job_client_start_stop_with_savepoint_finish (FlinkJobClient *self,
                                                   GAsyncResult   *result,
                                                   GError        **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_start_stop_with_savepoint_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
checkpoint_send (FlinkJobClient *self,
                 GTask          *task,
                 gpointer        type)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "checkpointType");
  json_builder_add_string_value (builder, flink_checkpoint_type_to_string (GPOINTER_TO_INT (type)));
  trigger_send (self, task, "/checkpoints", builder);
}

static void
checkpoint_trigger (FlinkJobClient     *self,
                    GTask              *task,
                    FlinkCheckpointType type)
{
  _flink_job_client_require_flink (self, task, ((Trigger *) g_task_get_task_data (task))->context,
                                   1, 17, "triggering checkpoints",
                                   checkpoint_send, GINT_TO_POINTER (type), NULL);
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
    trigger_return_error (task, error);
  else
    g_task_return_int (task, id);
}

/**
 * flink_job_client_trigger_checkpoint_async:
 * @self: a job client
 * @type: the kind of checkpoint
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the checkpoint is complete
 * @user_data: data for @callback
 *
 * Triggers a checkpoint of the running job (`POST /jobs/:jobid/checkpoints`,
 * Flink 1.17 and later) and waits until it is complete. On older clusters
 * the call fails at once with %FLINK_ERROR_NOT_SUPPORTED.
 *
 * Since: 1.0
 */
void
flink_job_client_trigger_checkpoint_async (FlinkJobClient     *self,
                                           FlinkCheckpointType type,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = trigger_task_new (self, FLINK_OPERATION_KIND_CHECKPOINT, TRUE,
                           flink_job_client_trigger_checkpoint_async,
                           "[flinkjob] trigger_checkpoint", NULL,
                           cancellable, callback, user_data);
  checkpoint_trigger (self, task, type);
}

/**
 * flink_job_client_trigger_checkpoint_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.trigger_checkpoint_async].
 *
 * Returns: the checkpoint's id, or 0 with @error set
 *
 * Since: 1.0
 */
guint64
flink_job_client_trigger_checkpoint_finish (FlinkJobClient *self,
                                            GAsyncResult   *result,
                                            GError        **error)
{
  gssize id;

  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_trigger_checkpoint_async, 0);

  id = g_task_propagate_int (G_TASK (result), error);
  return id < 0 ? 0 : (guint64) id;
}

/**
 * flink_job_client_start_checkpoint_async:
 * @self: a job client
 * @type: the kind of checkpoint
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the cluster accepted the trigger
 * @user_data: data for @callback
 *
 * Triggers a checkpoint without waiting for it (Flink 1.17 and later); wait
 * with [method@Flink.ClusterClient.await_checkpoint_async].
 *
 * Since: 1.0
 */
void
flink_job_client_start_checkpoint_async (FlinkJobClient     *self,
                                         FlinkCheckpointType type,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = trigger_task_new (self, FLINK_OPERATION_KIND_CHECKPOINT, FALSE,
                           flink_job_client_start_checkpoint_async,
                           "[flinkjob] start_checkpoint", NULL,
                           cancellable, callback, user_data);
  checkpoint_trigger (self, task, type);
}

/**
 * flink_job_client_start_checkpoint_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.start_checkpoint_async].
 *
 * Returns: (transfer full): a handle on the checkpoint, or %NULL on error
 *
 * Since: 1.0
 */
FlinkOperationHandle *
flink_job_client_start_checkpoint_finish (FlinkJobClient *self,
                                          GAsyncResult   *result,
                                          GError        **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_start_checkpoint_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
