/* flink-job-client-watch.c: watching one job, and waiting for a status
 *
 * Both are users of the cluster client's one poller (flink-poller.c), which
 * decides what to ask and how often, and what a failure means.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include "flink-cluster-client-private.h"
#include "flink-job-client-private.h"
#include "flink-task-private.h"
#include "flink-i18n-private.h"

#define properties _flink_job_client_properties

/* ---- Watching ------------------------------------------------------------ */

void
_flink_job_client_stop_watching (FlinkJobClient *self)
{
  FlinkPoller *poller;

  if (self->watch_id == 0)
    return;
  poller = _flink_cluster_client_get_poller (self->cluster_client);
  _flink_poller_unwatch (poller, self->watch_id);
  self->watch_id = 0;
}

static void
set_reachable (FlinkJobClient *self,
               gboolean        reachable)
{
  if (self->reachable == reachable)
    return;
  self->reachable = reachable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[FLINK_JOB_CLIENT_PROP_REACHABLE]);
}

static void
set_last_seen_status (FlinkJobClient *self,
                      FlinkJobStatus  status)
{
  FlinkJobStatus old = self->last_seen_status;

  if (old == status)
    return;
  self->last_seen_status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[FLINK_JOB_CLIENT_PROP_LAST_SEEN_STATUS]);
  g_signal_emit (self, _flink_job_client_status_changed_signal, 0, old, status);
}

static void
watch_cb (FlinkPollOutcome outcome,
          FlinkJobStatus   status,
          const GError    *error,
          gpointer         user_data)
{
  g_autoptr (FlinkJobClient) self = g_object_ref (user_data);

  switch (outcome)
    {
    case FLINK_POLL_SEEN:
      set_reachable (self, TRUE);
      set_last_seen_status (self, status);
      break;
    case FLINK_POLL_NOT_FOUND:
      /* The cluster does not know the job (any more): nothing to watch. */
      g_debug ("Watching job %s: %s", self->job_id, error->message);
      set_reachable (self, TRUE);
      set_last_seen_status (self, FLINK_JOB_STATUS_UNKNOWN);
      break;
    case FLINK_POLL_COULD_NOT_ASK:
    default:
      /* Not news about the job: its status stays as last seen. */
      g_debug ("Watching job %s: %s", self->job_id, error->message);
      set_reachable (self, FALSE);
      break;
    }
}

/**
 * flink_job_client_get_watched:
 * @self: a job client
 *
 * Gets [property@Flink.JobClient:watched].
 *
 * Returns: whether the client watches the job
 *
 * Since: 1.0
 */
gboolean
flink_job_client_get_watched (FlinkJobClient *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), FALSE);
  return self->watched;
}

/**
 * flink_job_client_set_watched:
 * @self: a job client
 * @watched: whether to watch the job
 *
 * Starts or stops watching the job: see [property@Flink.JobClient:watched].
 * The first poll happens at once.
 *
 * Since: 1.0
 */
void
flink_job_client_set_watched (FlinkJobClient *self,
                              gboolean        watched)
{
  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));

  watched = !!watched;
  if (self->watched == watched)
    return;
  self->watched = watched;
  if (watched)
    self->watch_id = _flink_poller_watch_job (_flink_cluster_client_get_poller (self->cluster_client),
                                              self->job_id, watch_cb, self);
  else
    _flink_job_client_stop_watching (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[FLINK_JOB_CLIENT_PROP_WATCHED]);
}

/**
 * flink_job_client_get_last_seen_status:
 * @self: a job client
 *
 * Gets [property@Flink.JobClient:last-seen-status], the status the watch
 * last saw; use [method@Flink.JobClient.get_job_status_async] to ask the
 * cluster now.
 *
 * Returns: the status last seen while watched
 *
 * Since: 1.0
 */
FlinkJobStatus
flink_job_client_get_last_seen_status (FlinkJobClient *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), FLINK_JOB_STATUS_UNKNOWN);
  return self->last_seen_status;
}

/**
 * flink_job_client_get_reachable:
 * @self: a job client
 *
 * Gets [property@Flink.JobClient:reachable].
 *
 * Returns: whether the last poll reached the cluster
 *
 * Since: 1.0
 */
gboolean
flink_job_client_get_reachable (FlinkJobClient *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), FALSE);
  return self->reachable;
}

/* ---- Waiting for a status ---------------------------------------------- */

typedef struct
{
  char          *context;
  GArray        *statuses; /* FlinkJobStatus; empty: any globally terminal */
  FlinkJobStatus last;
  GError        *last_error; /* why the cluster could not be asked */
  FlinkPoller   *poller;
  guint          watch_id;
  guint          deadline; /* timeout source */
  GCancellable  *cancellable;
  gulong         cancelled_id;
} WaitForStatus;

static void
wait_for_status_free (WaitForStatus *wait)
{
  g_free (wait->context);
  g_array_unref (wait->statuses);
  g_clear_error (&wait->last_error);
  g_clear_object (&wait->poller);
  g_free (wait);
}

static gboolean
wait_satisfied (WaitForStatus *wait,
                FlinkJobStatus status)
{
  if (wait->statuses->len == 0)
    return flink_job_status_is_globally_terminal (status);
  for (guint i = 0; i < wait->statuses->len; i++)
    if (g_array_index (wait->statuses, FlinkJobStatus, i) == status)
      return TRUE;
  return FALSE;
}

/* Ends the wait: no more watch, deadline or cancellation; takes @error,
 * or returns @status. */
static void
wait_end (GTask         *task,
          FlinkJobStatus status,
          GError        *error)
{
  WaitForStatus *wait = g_task_get_task_data (task);

  if (wait->watch_id == 0)
    return; /* ended already */
  _flink_poller_unwatch (wait->poller, wait->watch_id);
  wait->watch_id = 0;
  g_clear_handle_id (&wait->deadline, g_source_remove);
  g_cancellable_disconnect (wait->cancellable, wait->cancelled_id);
  wait->cancelled_id = 0;
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, status);
  g_object_unref (task); /* the watch's */
}

static void
wait_cb (FlinkPollOutcome outcome,
         FlinkJobStatus   status,
         const GError    *error,
         gpointer         user_data)
{
  GTask         *task = user_data;
  WaitForStatus *wait = g_task_get_task_data (task);

  switch (outcome)
    {
    case FLINK_POLL_SEEN:
      wait->last = status;
      g_clear_error (&wait->last_error);
      if (wait_satisfied (wait, status))
        wait_end (task, status, NULL);
      else if (flink_job_status_is_globally_terminal (status))
        wait_end (task, status,
                  g_error_new (FLINK_ERROR, FLINK_ERROR_CONFLICT,
                               _ ("%s: the job ended %s and will not change any more"),
                               wait->context, flink_job_status_to_string (status)));
      break;
    case FLINK_POLL_NOT_FOUND:
      wait_end (task, status, g_error_copy (error));
      break;
    case FLINK_POLL_COULD_NOT_ASK:
    default:
      /* Asked again until the deadline, which then says why. */
      g_clear_error (&wait->last_error);
      wait->last_error = g_error_copy (error);
      break;
    }
}

static gboolean
wait_deadline_cb (gpointer user_data)
{
  GTask         *task = user_data;
  WaitForStatus *wait = g_task_get_task_data (task);
  GError        *error;

  wait->deadline = 0;
  if (wait->last_error != NULL)
    error = g_error_new (FLINK_ERROR, FLINK_ERROR_TIMED_OUT,
                         _ ("%s: timed out; the cluster could not be asked: %s"),
                         wait->context, wait->last_error->message);
  else
    error = g_error_new (FLINK_ERROR, FLINK_ERROR_TIMED_OUT,
                         _ ("%s: timed out; the job is still %s"),
                         wait->context, flink_job_status_to_string (wait->last));
  wait_end (task, wait->last, error);
  return G_SOURCE_REMOVE;
}

static gboolean
wait_cancelled_idle_cb (gpointer user_data)
{
  GTask             *task = user_data;
  g_autoptr (GError) error = NULL;

  g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error);
  wait_end (task, FLINK_JOB_STATUS_UNKNOWN, g_steal_pointer (&error));
  return G_SOURCE_REMOVE;
}

static void
wait_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  /* Later, not from within the cancellable's handler, where
   * g_cancellable_disconnect() would deadlock. */
  GSource *idle = g_idle_source_new ();

  g_source_set_priority (idle, G_PRIORITY_DEFAULT);
  g_source_set_callback (idle, wait_cancelled_idle_cb, g_object_ref (user_data), g_object_unref);
  g_source_set_name (idle, "[flinkjob] wait_for_status cancelled");
  g_source_attach (idle, g_task_get_context (user_data));
  g_source_unref (idle);
}

/**
 * flink_job_client_wait_for_status_async:
 * @self: a job client
 * @statuses: (array length=n_statuses) (nullable): the statuses to wait for
 * @n_statuses: how many; 0 to wait for any globally terminal status
 *   (FINISHED, CANCELED, FAILED)
 * @timeout: the deadline in seconds; 0 for none
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the job has one of @statuses
 * @user_data: data for @callback
 *
 * Waits until the job has one of @statuses, polling as every watcher does
 * (quickly while the job is in transition; see `docs/watching.md`), in the
 * poll the cluster client's watchers share. A cluster that cannot be asked
 * for a while (unreachable, or not answering as Flink) is polled again until
 * the deadline. Fails with %FLINK_ERROR_TIMED_OUT at the deadline, with
 * %FLINK_ERROR_CONFLICT if the job ends in another status, and with
 * %FLINK_ERROR_NOT_FOUND if the cluster does not know the job.
 *
 * Since: 1.0
 */
void
flink_job_client_wait_for_status_async (FlinkJobClient       *self,
                                        const FlinkJobStatus *statuses,
                                        gsize                 n_statuses,
                                        guint                 timeout,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  g_autoptr (GString) names = g_string_new (NULL);
  WaitForStatus      *wait;
  GTask              *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (statuses != NULL || n_statuses == 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_task_new (self, flink_job_client_wait_for_status_async,
                          "[flinkjob] wait_for_status", cancellable, callback, user_data);
  wait = g_new0 (WaitForStatus, 1);
  wait->statuses = g_array_new (FALSE, FALSE, sizeof (FlinkJobStatus));
  if (n_statuses > 0)
    g_array_append_vals (wait->statuses, statuses, n_statuses);
  for (gsize i = 0; i < n_statuses; i++)
    g_string_append_printf (names, "%s%s", i ? " or " : "", flink_job_status_to_string (statuses[i]));
  wait->context = g_strdup_printf ("Job %s on cluster %s did not become %s", self->job_id,
                                   flink_cluster_client_get_url (self->cluster_client),
                                   n_statuses ? names->str : "FINISHED, CANCELED or FAILED");
  wait->last = FLINK_JOB_STATUS_UNKNOWN;
  wait->poller = g_object_ref (_flink_cluster_client_get_poller (self->cluster_client));
  g_task_set_task_data (task, wait, (GDestroyNotify) wait_for_status_free);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  /* The watch, the deadline and the cancellation each end the wait; the
   * task's reference is the watch's until then. */
  wait->watch_id = _flink_poller_watch_job (wait->poller, self->job_id, wait_cb, task);
  if (timeout > 0)
    {
      wait->deadline = g_timeout_add (MIN (timeout, G_MAXUINT / 1000) * 1000, wait_deadline_cb, task);
      g_source_set_name_by_id (wait->deadline, "[flinkjob] wait_for_status deadline");
    }
  if (cancellable != NULL)
    {
      wait->cancellable = cancellable;
      wait->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (wait_cancelled_cb),
                                                  task, NULL);
    }
}

/**
 * flink_job_client_wait_for_status_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.wait_for_status_async].
 *
 * Returns: the status reached, or %FLINK_JOB_STATUS_UNKNOWN with @error set
 *
 * Since: 1.0
 */
FlinkJobStatus
flink_job_client_wait_for_status_finish (FlinkJobClient *self,
                                         GAsyncResult   *result,
                                         GError        **error)
{
  gssize status;

  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), FLINK_JOB_STATUS_UNKNOWN);
  g_return_val_if_fail (g_task_is_valid (result, self), FLINK_JOB_STATUS_UNKNOWN);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_wait_for_status_async,
                        FLINK_JOB_STATUS_UNKNOWN);

  status = g_task_propagate_int (G_TASK (result), error);
  return status < 0 ? FLINK_JOB_STATUS_UNKNOWN : (FlinkJobStatus) status;
}
