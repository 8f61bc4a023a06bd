/* flink-operation.c: waiting for Flink's asynchronous operations
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include <string.h>

#include "flink-error-private.h"
#include "flink-json-private.h"
#include "flink-operation-private.h"
#include "flink-task-private.h"
#include "flink-i18n-private.h"

/* Waits between polls: 50 ms, doubling, at most one second. Flink's own
 * client starts at 10 ms and stops at 2 s; a second keeps a person's wait
 * short without loading the cluster. */
#define POLL_FIRST_MS 50
#define POLL_MAX_MS 1000

/* ---- Polling until COMPLETED -------------------------------------------- */

typedef struct
{
  char *status_path;
  char *context;
  guint wait_ms;
} Poll;

static void
poll_free (Poll *poll)
{
  g_free (poll->status_path);
  g_free (poll->context);
  g_free (poll);
}

static void poll_once (GTask *task);

static void
poll_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask)         task = user_data;
  Poll                     *poll = g_task_get_task_data (task);
  g_autoptr (FlinkResponse) response = NULL;
  GError                   *error = NULL;
  JsonObject               *object;
  gboolean                  completed;

  object = _flink_task_take_response_object (task, result, &response);
  if (object == NULL)
    return;

  if (!_flink_operation_status_from_json (object, &completed, &error))
    {
      _flink_task_return_error_in_context (task, error, poll->context);
      return;
    }
  if (completed)
    {
      g_task_return_pointer (task, json_object_ref (object), (GDestroyNotify) json_object_unref);
      return;
    }

  _flink_task_sleep_then (g_steal_pointer (&task), poll->wait_ms, poll_once);
  poll->wait_ms = MIN (poll->wait_ms * 2, POLL_MAX_MS);
}

static void
poll_once (GTask *task)
{
  Poll        *poll = g_task_get_task_data (task);
  FlinkRequest request = {
    .method = "GET",
    .path = poll->status_path,
    .context = poll->context,
  };

  _flink_transport_send_async (g_task_get_source_object (task), &request,
                               g_task_get_cancellable (task), poll_cb, task);
}

void
_flink_operation_await_completion_async (FlinkTransport     *transport,
                                         const char         *status_path,
                                         const char         *context,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data)
{
  GTask *task = _flink_task_new (transport, _flink_operation_await_completion_async,
                                 "[flinkjob] await completion", cancellable, callback, user_data);
  Poll  *poll = g_new0 (Poll, 1);

  poll->status_path = g_strdup (status_path);
  poll->context = g_strdup (context);
  poll->wait_ms = POLL_FIRST_MS;
  g_task_set_task_data (task, poll, (GDestroyNotify) poll_free);

  poll_once (task);
}

/* Returns: (transfer full): the whole completed response */
JsonObject *
_flink_operation_await_completion_finish (FlinkTransport *transport,
                                          GAsyncResult   *result,
                                          GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, transport), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _flink_operation_await_completion_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Waiting for a savepoint through its handle ------------------------ */

#define RECOVERY_POLL_MS 1000

typedef struct
{
  FlinkOperationHandle *handle;
  char                 *context;
} AwaitSavepoint;

static void
await_savepoint_free (AwaitSavepoint *await)
{
  g_clear_object (&await->handle);
  g_free (await->context);
  g_free (await);
}

static void await_savepoint_recover (GTask *task);

/* Where a savepoint that a JobManager completed just before it died is:
 * its statistics died with it, and the REST API cannot tell. */
static char *
describe_where_to_look (FlinkOperationHandle *handle)
{
  g_autoptr (GDateTime) started = g_date_time_new_from_unix_utc (flink_operation_handle_get_start_time (handle) / 1000);
  g_autofree char      *when = started ? g_date_time_format_iso8601 (started) : g_strdup ("the trigger");
  const char           *directory = flink_operation_handle_get_directory (handle);

  return g_strdup_printf ("A JobManager that died may have completed it first: look for a "
                          "directory savepoint-%.6s-* written after %s in %s; if there is none, "
                          "trigger a new one",
                          flink_operation_handle_get_job_id (handle), when,
                          directory ? directory : "the cluster's savepoint directory "
                                                  "(execution.checkpointing.savepoint-dir, formerly state.savepoints.dir)");
}

static void
recover_statistics_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (GTask)         task = user_data;
  AwaitSavepoint           *await = g_task_get_task_data (task);
  FlinkOperationHandle     *handle = await->handle;
  g_autoptr (FlinkResponse) response = NULL;
  g_autoptr (GError)        error = NULL;
  JsonObject               *statistics;
  FlinkSavepointEntry       entry;

  response = _flink_transport_send_finish (FLINK_TRANSPORT (source), result, &error);
  statistics = response ? _flink_response_get_object (response, &error) : NULL;
  if (statistics == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else if (g_error_matches (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND))
        {
          /* After a failover: a job the new leader did not recover had
           * finished, such as one a stop with savepoint stopped. */
          g_autofree char *look = describe_where_to_look (handle);

          g_task_return_new_error (task, FLINK_ERROR, error->code,
                                   _ ("%s: the cluster no longer knows trigger %s, and %s. %s"),
                                   await->context, flink_operation_handle_get_trigger_id (handle),
                                   error->message, look);
        }
      else
        g_task_return_new_error (task, FLINK_ERROR, error->code,
                                 _ ("%s: the cluster no longer knows trigger %s, and %s"),
                                 await->context, flink_operation_handle_get_trigger_id (handle),
                                 error->message);
      return;
    }

  _flink_savepoint_from_statistics (statistics, flink_operation_handle_get_start_time (handle),
                                    flink_operation_handle_get_directory (handle), &entry);

  if (entry.state == FLINK_SAVEPOINT_COMPLETED)
    {
      g_info ("The cluster no longer knows trigger %s of job %s; its checkpoint statistics "
              "show savepoint %" G_GINT64_FORMAT " at %s",
              flink_operation_handle_get_trigger_id (handle), flink_operation_handle_get_job_id (handle),
              entry.id, entry.location);
      g_task_return_pointer (task, g_strdup (entry.location), g_free);
      return;
    }
  if (entry.state == FLINK_SAVEPOINT_FAILED)
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_OPERATION_FAILED,
                               _ ("%s: the savepoint failed, as the job's checkpoint statistics show: %s"),
                               await->context, entry.failure ? entry.failure : "no reason given");
      return;
    }
  if (entry.state == FLINK_SAVEPOINT_IN_PROGRESS)
    {
      _flink_task_sleep_then (g_steal_pointer (&task), RECOVERY_POLL_MS, await_savepoint_recover);
      return;
    }

  {
    g_autofree char *look = describe_where_to_look (handle);

    g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_OPERATION_FAILED,
                             _ ("%s: the cluster no longer knows trigger %s (results are kept for "
                                "rest.async.store-duration, and lost in a JobManager failover), and the "
                                "job's checkpoint statistics show no savepoint triggered around then. %s"),
                             await->context, flink_operation_handle_get_trigger_id (handle), look);
  }
}

static void
await_savepoint_recover (GTask *task)
{
  AwaitSavepoint  *await = g_task_get_task_data (task);
  g_autofree char *path = g_strconcat ("/jobs/", flink_operation_handle_get_job_id (await->handle),
                                       "/checkpoints", NULL);

  FlinkRequest request = {
    .method = "GET",
    .path = path,
    .context = "the job's checkpoint statistics cannot be read either",
  };

  _flink_transport_send_async (g_task_get_source_object (task), &request,
                               g_task_get_cancellable (task), recover_statistics_cb, task);
}

static void
await_savepoint_completed_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr (GTask)      task = user_data;
  FlinkTransport        *transport = FLINK_TRANSPORT (source);
  AwaitSavepoint        *await = g_task_get_task_data (task);
  FlinkOperationHandle  *handle = await->handle;
  g_autoptr (JsonObject) completed = NULL;
  g_autoptr (GError)     error = NULL;
  char                  *location;

  completed = _flink_operation_await_completion_finish (transport, result, &error);
  if (completed == NULL)
    {
      if (g_error_matches (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND))
        {
          /* Expired or lost in a failover: the statistics remember. */
          g_debug ("Trigger %s is unknown to the cluster; looking in the checkpoint statistics",
                   flink_operation_handle_get_trigger_id (handle));
          await_savepoint_recover (g_steal_pointer (&task));
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 _ ("Stopped waiting for the savepoint of job %s (trigger id %s) on "
                                    "cluster %s; the cluster goes on with it"),
                                 flink_operation_handle_get_job_id (handle),
                                 flink_operation_handle_get_trigger_id (handle),
                                 _flink_transport_get_url (transport));
      else if (strstr (error->message, flink_operation_handle_get_trigger_id (handle)) != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, error->domain, error->code,
                                 _ ("%s (savepoint trigger id %s)"), error->message,
                                 flink_operation_handle_get_trigger_id (handle));
      return;
    }

  location = _flink_savepoint_location_from_json (completed, await->context, &error);
  if (location == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_debug ("Savepoint of job %s (trigger id %s) completed at %s",
           flink_operation_handle_get_job_id (handle),
           flink_operation_handle_get_trigger_id (handle), location);
  g_task_return_pointer (task, location, g_free);
}

void
_flink_operation_await_savepoint_async (FlinkTransport       *transport,
                                        FlinkOperationHandle *handle,
                                        const char           *context,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  GTask           *task = _flink_task_new (transport, _flink_operation_await_savepoint_async,
                                           "[flinkjob] await_savepoint", cancellable, callback, user_data);
  AwaitSavepoint  *await = g_new0 (AwaitSavepoint, 1);
  g_autofree char *status_path = NULL;

  await->handle = g_object_ref (handle);
  await->context = g_strdup (context);
  g_task_set_task_data (task, await, (GDestroyNotify) await_savepoint_free);

  status_path = g_strconcat ("/jobs/", flink_operation_handle_get_job_id (handle),
                             "/savepoints/", flink_operation_handle_get_trigger_id (handle), NULL);
  _flink_operation_await_completion_async (transport, status_path, context, cancellable,
                                           await_savepoint_completed_cb, task);
}

/* Returns: (transfer full): the savepoint's location */
char *
_flink_operation_await_savepoint_finish (FlinkTransport *transport,
                                         GAsyncResult   *result,
                                         GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, transport), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _flink_operation_await_savepoint_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Waiting for a checkpoint through its handle ----------------------- */

static void
checkpoint_completed_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr (GTask)      task = user_data;
  const char            *context = g_task_get_task_data (task);
  g_autoptr (JsonObject) completed = NULL;
  GError                *error = NULL;
  guint64                id;

  completed = _flink_operation_await_completion_finish (FLINK_TRANSPORT (source), result, &error);
  if (completed == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!_flink_checkpoint_id_from_json (completed, &id, &error))
    {
      _flink_task_return_error_in_context (task, error, context);
      return;
    }
  g_task_return_int (task, id);
}

void
_flink_operation_await_checkpoint_async (FlinkTransport       *transport,
                                         FlinkOperationHandle *handle,
                                         const char           *context,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data)
{
  GTask           *task = _flink_task_new (transport, _flink_operation_await_checkpoint_async,
                                           "[flinkjob] await_checkpoint", cancellable, callback, user_data);
  g_autofree char *path = NULL;

  g_task_set_task_data (task, g_strdup (context), g_free);
  path = g_strconcat ("/jobs/", flink_operation_handle_get_job_id (handle),
                      "/checkpoints/", flink_operation_handle_get_trigger_id (handle), NULL);
  _flink_operation_await_completion_async (transport, path, context, cancellable,
                                           checkpoint_completed_cb, task);
}

guint64
_flink_operation_await_checkpoint_finish (FlinkTransport *transport,
                                          GAsyncResult   *result,
                                          GError        **error)
{
  gssize id;

  g_return_val_if_fail (g_task_is_valid (result, transport), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _flink_operation_await_checkpoint_async, 0);

  id = g_task_propagate_int (G_TASK (result), error);
  return id < 0 ? 0 : (guint64) id;
}
