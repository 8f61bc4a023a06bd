/* flink-operation.c: waiting for Flink's asynchronous operations
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include <string.h>

#include "flink-error-private.h"
#include "flink-json-private.h"
#include "flink-operation-private.h"
#include "flink-task-private.h"

/* Waits between polls: 50 ms, doubling, at most one second. Flink's own
 * client starts at 10 ms and stops at 2 s; a second keeps a person's wait
 * short without loading the cluster. */
#define POLL_FIRST_MS 50
#define POLL_MAX_MS 1000

/* ---- Polling until COMPLETED -------------------------------------------- */

typedef struct {
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
  g_autoptr(GTask) task = user_data;
  Poll *poll = g_task_get_task_data (task);
  g_autoptr(FlinkResponse) response = NULL;
  JsonObject *object;
  JsonObject *status;
  const char *id;

  object = _flink_task_take_response_object (task, result, &response);
  if (object == NULL)
    return;

  status = _flink_json_get_object (object, "status");
  id = _flink_json_get_string (status, "id");
  if (g_strcmp0 (id, "COMPLETED") == 0)
    {
      g_task_return_pointer (task, json_object_ref (object), (GDestroyNotify) json_object_unref);
      return;
    }
  if (g_strcmp0 (id, "IN_PROGRESS") != 0)
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                               "%s: the operation's status is “%s”, neither IN_PROGRESS nor COMPLETED",
                               poll->context, id ? id : "missing");
      return;
    }

  _flink_task_sleep_then (g_steal_pointer (&task), poll->wait_ms, poll_once);
  poll->wait_ms = MIN (poll->wait_ms * 2, POLL_MAX_MS);
}

static void
poll_once (GTask *task)
{
  Poll *poll = g_task_get_task_data (task);
  FlinkRequest request = {
    .method = "GET", .path = poll->status_path, .context = poll->context,
  };

  _flink_transport_send_async (g_task_get_source_object (task), &request,
                               g_task_get_cancellable (task), poll_cb, task);
}

void
_flink_operation_await_completion_async (FlinkTransport      *transport,
                                         const char          *status_path,
                                         const char          *context,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task = _flink_task_new (transport, _flink_operation_await_completion_async,
                                 "[flinkjob] await completion", cancellable, callback, user_data);
  Poll *poll = g_new0 (Poll, 1);

  poll->status_path = g_strdup (status_path);
  poll->context = g_strdup (context);
  poll->wait_ms = POLL_FIRST_MS;
  g_task_set_task_data (task, poll, (GDestroyNotify) poll_free);

  poll_once (task);
}

/* Returns: (transfer full): the whole completed response */
JsonObject *
_flink_operation_await_completion_finish (FlinkTransport  *transport,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, transport), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _flink_operation_await_completion_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A completed savepoint or stop: {"operation": {"location": ...}} or
 * {"operation": {"failure-cause": {...}}}. */
char *
_flink_operation_get_savepoint_location (JsonObject  *completed,
                                         const char  *context,
                                         GError     **error)
{
  JsonObject *operation = _flink_json_get_object (completed, "operation");
  JsonObject *cause = _flink_json_get_object (operation, "failure-cause");
  const char *location = _flink_json_get_string (operation, "location");

  if (cause != NULL)
    {
      g_autofree char *why = _flink_describe_failure_cause (cause);

      /* A trigger for a job that is not running is accepted, then fails
       * with FlinkJobNotFoundException (1.20 and 2.3 alike). */
      if (strstr (why, "FlinkJobNotFoundException") != NULL)
        g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND,
                     "%s: the job is not running on the cluster (it has ended, or never "
                     "existed): %s", context, why);
      else
        g_set_error (error, FLINK_ERROR, FLINK_ERROR_OPERATION_FAILED,
                     "%s: the cluster reports that it failed: %s", context, why);
      return NULL;
    }
  if (location == NULL || location[0] == '\0')
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                   "%s: the cluster reports the operation complete but gives no savepoint location",
                   context);
      return NULL;
    }
  return g_strdup (location);
}

/* ---- Waiting for a savepoint through its handle ------------------------ */

/* The savepoint is looked up in the checkpoint statistics by when it was
 * triggered: at the earliest the handle's start time, less what the
 * client's and the JobManager's clocks may differ by, and within a few
 * minutes after. */
#define RECOVERY_CLOCK_SKEW_MS (5 * 1000)
#define RECOVERY_WINDOW_MS (5 * 60 * 1000)
#define RECOVERY_POLL_MS 1000

typedef struct {
  FlinkOperationHandle *handle;
  char *context;
} AwaitSavepoint;

static void
await_savepoint_free (AwaitSavepoint *await)
{
  g_clear_object (&await->handle);
  g_free (await->context);
  g_free (await);
}

static void await_savepoint_recover (GTask *task);

/* "file:/a/b", "file:///a/b/" and "/a/b" name the same directory. */
static char *
normalize_location (const char *location)
{
  const char *path = location;
  gsize len;

  if (g_str_has_prefix (path, "file:"))
    {
      path += strlen ("file:");
      while (path[0] == '/' && path[1] == '/')
        path++;
    }
  len = strlen (path);
  while (len > 1 && path[len - 1] == '/')
    len--;
  return g_strndup (path, len);
}

static gboolean
location_in_directory (const char *location,
                       const char *directory)
{
  g_autofree char *where = normalize_location (location);
  g_autofree char *dir = normalize_location (directory);

  return g_str_has_prefix (where, dir) && where[strlen (dir)] == '/';
}

/* Whether a savepoint triggered at @triggered (ms) may be the one a handle
 * started at @start (ms) names; no arithmetic overflows, whatever the
 * values a handle or a cluster gave. */
static gboolean
within_recovery_window (gint64 triggered,
                        gint64 start)
{
  /* The difference of two gint64 always fits a guint64. */
  if (triggered < start)
    return (guint64) start - (guint64) triggered <= RECOVERY_CLOCK_SKEW_MS;
  return (guint64) triggered - (guint64) start <= RECOVERY_WINDOW_MS;
}

/* The savepoint of the job's checkpoint statistics that is the handle's:
 * the earliest triggered at or after its start time (less the clock skew
 * allowed), within the window, and in its directory when it named one.
 * Savepoints still in progress come first: the one sought may be among
 * them. */
static JsonObject *
find_savepoint_entry (JsonObject           *statistics,
                      FlinkOperationHandle *handle)
{
  JsonArray *history = _flink_json_get_array (statistics, "history");
  JsonObject *latest = _flink_json_get_object (statistics, "latest");
  const char *directory = flink_operation_handle_get_directory (handle);
  gint64 start = flink_operation_handle_get_start_time (handle);
  JsonObject *best = NULL;
  gint64 best_triggered = G_MAXINT64;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();

  for (guint i = 0; history != NULL && i < json_array_get_length (history); i++)
    {
      JsonNode *node = json_array_get_element (history, i);
      if (JSON_NODE_HOLDS_OBJECT (node))
        g_ptr_array_add (candidates, json_node_get_object (node));
    }
  /* The history is bounded (web.checkpoints.history); the latest ones stay. */
  if (_flink_json_get_object (latest, "savepoint") != NULL)
    g_ptr_array_add (candidates, _flink_json_get_object (latest, "savepoint"));
  if (_flink_json_get_object (latest, "failed") != NULL)
    g_ptr_array_add (candidates, _flink_json_get_object (latest, "failed"));

  for (guint i = 0; i < candidates->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (candidates, i);
      const char *status = _flink_json_get_string (entry, "status");
      const char *path = _flink_json_get_string (entry, "external_path");
      gint64 triggered;

      if (!_flink_json_get_bool_or (entry, "is_savepoint", FALSE) ||
          !_flink_json_get_int (entry, "trigger_timestamp", &triggered) ||
          !within_recovery_window (triggered, start))
        continue;
      if (directory != NULL && g_strcmp0 (status, "COMPLETED") == 0 &&
          (path == NULL || !location_in_directory (path, directory)))
        continue;
      if (g_strcmp0 (status, "IN_PROGRESS") == 0)
        return entry;
      if (triggered < best_triggered)
        {
          best = entry;
          best_triggered = triggered;
        }
    }
  return best;
}

static void
recover_statistics_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AwaitSavepoint *await = g_task_get_task_data (task);
  FlinkOperationHandle *handle = await->handle;
  g_autoptr(FlinkResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *statistics;
  JsonObject *entry;
  const char *status;

  response = _flink_transport_send_finish (FLINK_TRANSPORT (source), result, &error);
  statistics = response ? _flink_response_get_object (response, &error) : NULL;
  if (statistics == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, FLINK_ERROR, error->code,
                                 "%s: the cluster no longer knows trigger %s, and %s",
                                 await->context, flink_operation_handle_get_trigger_id (handle),
                                 error->message);
      return;
    }

  entry = find_savepoint_entry (statistics, handle);
  status = _flink_json_get_string (entry, "status");

  if (g_strcmp0 (status, "COMPLETED") == 0 && _flink_json_get_string (entry, "external_path") != NULL)
    {
      const char *location = _flink_json_get_string (entry, "external_path");

      g_info ("The cluster no longer knows trigger %s of job %s; its checkpoint statistics "
              "show savepoint %" G_GINT64_FORMAT " at %s",
              flink_operation_handle_get_trigger_id (handle), flink_operation_handle_get_job_id (handle),
              _flink_json_get_int_or (entry, "id", -1), location);
      g_task_return_pointer (task, g_strdup (location), g_free);
      return;
    }
  if (g_strcmp0 (status, "FAILED") == 0)
    {
      const char *why = _flink_json_get_string (entry, "failure_message");

      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_OPERATION_FAILED,
                               "%s: the savepoint failed, as the job's checkpoint statistics show: %s",
                               await->context, why ? why : "no reason given");
      return;
    }
  if (g_strcmp0 (status, "IN_PROGRESS") == 0)
    {
      _flink_task_sleep_then (g_steal_pointer (&task), RECOVERY_POLL_MS, await_savepoint_recover);
      return;
    }

  g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_NOT_FOUND,
                           "%s: the cluster no longer knows trigger %s (results are kept for "
                           "rest.async.store-duration, and lost in a JobManager failover), and the "
                           "job's checkpoint statistics show no savepoint triggered around then",
                           await->context, flink_operation_handle_get_trigger_id (handle));
}

static void
await_savepoint_recover (GTask *task)
{
  AwaitSavepoint *await = g_task_get_task_data (task);
  g_autofree char *path = g_strconcat ("/jobs/", flink_operation_handle_get_job_id (await->handle),
                                       "/checkpoints", NULL);

  FlinkRequest request = {
    .method = "GET", .path = path,
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
  g_autoptr(GTask) task = user_data;
  FlinkTransport *transport = FLINK_TRANSPORT (source);
  AwaitSavepoint *await = g_task_get_task_data (task);
  FlinkOperationHandle *handle = await->handle;
  g_autoptr(JsonObject) completed = NULL;
  g_autoptr(GError) error = NULL;
  char *location;

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
                                 "Stopped waiting for the savepoint of job %s (trigger id %s) on "
                                 "cluster %s; the cluster goes on with it",
                                 flink_operation_handle_get_job_id (handle),
                                 flink_operation_handle_get_trigger_id (handle),
                                 _flink_transport_get_url (transport));
      else if (strstr (error->message, flink_operation_handle_get_trigger_id (handle)) != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, error->domain, error->code,
                                 "%s (savepoint trigger id %s)", error->message,
                                 flink_operation_handle_get_trigger_id (handle));
      return;
    }

  location = _flink_operation_get_savepoint_location (completed, await->context, &error);
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
  GTask *task = _flink_task_new (transport, _flink_operation_await_savepoint_async,
                                 "[flinkjob] await_savepoint", cancellable, callback, user_data);
  AwaitSavepoint *await = g_new0 (AwaitSavepoint, 1);
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
_flink_operation_await_savepoint_finish (FlinkTransport  *transport,
                                         GAsyncResult    *result,
                                         GError         **error)
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
  g_autoptr(GTask) task = user_data;
  const char *context = g_task_get_task_data (task);
  g_autoptr(JsonObject) completed = NULL;
  GError *error = NULL;
  JsonObject *operation;
  JsonObject *cause;
  gint64 id;

  completed = _flink_operation_await_completion_finish (FLINK_TRANSPORT (source), result, &error);
  if (completed == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  operation = _flink_json_get_object (completed, "operation");
  cause = _flink_json_get_object (operation, "failureCause");
  if (cause == NULL)
    cause = _flink_json_get_object (operation, "failure-cause");
  if (cause != NULL)
    {
      g_autofree char *why = _flink_describe_failure_cause (cause);
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_OPERATION_FAILED,
                               "%s: the cluster reports that it failed: %s", context, why);
      return;
    }
  if (!_flink_json_get_int (operation, "checkpointId", &id) || id < 0)
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                               "%s: the cluster reports the checkpoint complete but gives no id",
                               context);
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
  GTask *task = _flink_task_new (transport, _flink_operation_await_checkpoint_async,
                                 "[flinkjob] await_checkpoint", cancellable, callback, user_data);
  g_autofree char *path = NULL;

  g_task_set_task_data (task, g_strdup (context), g_free);
  path = g_strconcat ("/jobs/", flink_operation_handle_get_job_id (handle),
                      "/checkpoints/", flink_operation_handle_get_trigger_id (handle), NULL);
  _flink_operation_await_completion_async (transport, path, context, cancellable,
                                           checkpoint_completed_cb, task);
}

guint64
_flink_operation_await_checkpoint_finish (FlinkTransport  *transport,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  gssize id;

  g_return_val_if_fail (g_task_is_valid (result, transport), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _flink_operation_await_checkpoint_async, 0);

  id = g_task_propagate_int (G_TASK (result), error);
  return id < 0 ? 0 : (guint64) id;
}
