/* flink-operation.c: waiting for Flink's asynchronous operations
 *
 * Savepoints, stop with savepoint, savepoint disposal and the job result are
 * all asynchronous on the cluster: a trigger answers with a trigger id, and a
 * status URL answers {"status": {"id": "IN_PROGRESS"}} until
 * {"status": {"id": "COMPLETED"}, "operation": {...}}.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "flink-private.h"

/* Waits between polls: 50 ms, doubling, at most one second. Flink's own
 * client starts at 10 ms and stops at 2 s; a second keeps a person's wait
 * short without loading the cluster. */
#define POLL_FIRST_MS 50
#define POLL_MAX_MS 1000

/* ---- A cancellable sleep ------------------------------------------------ */

typedef struct {
  GSource *source;
} Sleep;

static void
sleep_free (Sleep *sleep)
{
  if (sleep->source != NULL)
    {
      g_source_destroy (sleep->source);
      g_source_unref (sleep->source);
    }
  g_free (sleep);
}

static gboolean
sleep_done_cb (gpointer user_data)
{
  GTask *task = user_data;

  /* Either the time is up or the cancellable fired (a child source). */
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

void
_flink_sleep_async (guint                milliseconds,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Sleep *sleep = g_new0 (Sleep, 1);

  g_task_set_source_tag (task, _flink_sleep_async);
  g_task_set_name (task, "[flinkjob] sleep");
  g_task_set_task_data (task, sleep, (GDestroyNotify) sleep_free);

  sleep->source = g_timeout_source_new (milliseconds);
  if (cancellable != NULL)
    {
      GSource *cancelled = g_cancellable_source_new (cancellable);

      g_source_set_dummy_callback (cancelled);
      g_source_add_child_source (sleep->source, cancelled);
      g_source_unref (cancelled);
    }
  g_source_set_name (sleep->source, "[flinkjob] poll wait");
  g_source_set_callback (sleep->source, sleep_done_cb, task, g_object_unref);
  g_source_attach (sleep->source, g_task_get_context (task));
}

gboolean
_flink_sleep_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

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
poll_slept_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!_flink_sleep_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  poll_once (g_steal_pointer (&task));
}

static void
poll_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Poll *poll = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonObject *status;
  const char *id;

  object = _flink_task_take_response_object (task, result, &root, poll->context);
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

  _flink_sleep_async (poll->wait_ms, cancellable,
                      poll_slept_cb, g_steal_pointer (&task));
  poll->wait_ms = MIN (poll->wait_ms * 2, POLL_MAX_MS);
}

static void
poll_once (GTask *task)
{
  Poll *poll = g_task_get_task_data (task);

  _flink_cluster_client_request_async (g_task_get_source_object (task),
                                       "GET", poll->status_path, NULL, NULL, NULL,
                                       poll->context, g_task_get_cancellable (task),
                                       poll_cb, task);
}

void
_flink_cluster_client_await_completion_async (FlinkClusterClient  *self,
                                              const char          *status_path,
                                              const char          *context,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Poll *poll = g_new0 (Poll, 1);

  g_task_set_source_tag (task, _flink_cluster_client_await_completion_async);
  g_task_set_name (task, "[flinkjob] await completion");
  poll->status_path = g_strdup (status_path);
  poll->context = g_strdup (context);
  poll->wait_ms = POLL_FIRST_MS;
  g_task_set_task_data (task, poll, (GDestroyNotify) poll_free);

  poll_once (task);
}

/* Returns: (transfer full): the whole completed response */
JsonObject *
_flink_cluster_client_await_completion_finish (FlinkClusterClient  *self,
                                               GAsyncResult        *result,
                                               GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _flink_cluster_client_await_completion_async, NULL);

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
