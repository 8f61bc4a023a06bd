/* flink-deploy-supervisor.c: watching a cluster flinkjob deployed
 *
 * Once a cluster is up, a supervisor in the caller's main context stops
 * the TaskManagers when the JobManager exits, and stops an attached
 * application cluster once its job has ended and the job client the
 * deployment returned is gone.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "flinkjob.h"
#include "flink-config-private.h"
#include "flink-connection-private.h"
#include "flink-decoders-private.h"
#include "flink-ids-private.h"
#include "flink-json-private.h"
#include "flink-task-private.h"
#include "flink-deploy-private.h"
#include "flink-process-private.h"
#define SUPERVISOR_POLL_MS 2000

/* ---- The supervisor of a deployed cluster ------------------------------------ */

typedef struct
{
  gatomicrefcount ref_count;
  char           *work_dir;
  char           *marker;
  GPtrArray      *recorded; /* FlinkRecordedProcess: every JVM */
  GMainContext   *context;
  FlinkJobClient *job; /* attached application: our own client */
  gboolean        stopping;
} Supervisor;

static Supervisor *
supervisor_ref (Supervisor *supervisor)
{
  g_atomic_ref_count_inc (&supervisor->ref_count);
  return supervisor;
}

static void
supervisor_unref (Supervisor *supervisor)
{
  if (!g_atomic_ref_count_dec (&supervisor->ref_count))
    return;
  g_free (supervisor->work_dir);
  g_free (supervisor->marker);
  g_ptr_array_unref (supervisor->recorded);
  g_main_context_unref (supervisor->context);
  g_clear_object (&supervisor->job);
  g_free (supervisor);
}

static void
supervisor_stopped_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Supervisor        *supervisor = user_data;
  g_autoptr (GError) error = NULL;

  if (!_flink_processes_terminate_finish (result, &error))
    g_warning ("Cannot stop cluster %s: %s", supervisor->work_dir, error->message);
  else
    g_debug ("Cluster %s stopped", supervisor->work_dir);
  supervisor_unref (supervisor);
}

/* Stops every JVM of the cluster that still runs (once). */
static void
supervisor_stop (Supervisor *supervisor,
                 const char *why)
{
  if (supervisor->stopping)
    return;
  supervisor->stopping = TRUE;
  g_debug ("Stopping cluster %s: %s", supervisor->work_dir, why);
  _flink_processes_terminate_async (supervisor->recorded, supervisor->marker, FLINK_DEPLOY_STOP_GRACE_MS,
                                    NULL, supervisor_stopped_cb, supervisor_ref (supervisor));
}

static void
supervisor_jobmanager_exited_cb (GObject      *source,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  Supervisor *supervisor = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  /* TaskManagers would wait for a JobManager until their registration
   * timeout; nothing is left for them to do. */
  supervisor_stop (supervisor, "its JobManager exited");
  supervisor_unref (supervisor);
}

static void supervisor_poll_job (Supervisor *supervisor);

static void
supervisor_poll_sleep_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  Supervisor *supervisor = user_data;

  _flink_sleep_finish (result, NULL);
  supervisor_poll_job (supervisor);
  supervisor_unref (supervisor);
}

static void
supervisor_job_status_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  Supervisor        *supervisor = user_data;
  g_autoptr (GError) error = NULL;
  FlinkJobStatus     status;

  status = flink_job_client_get_job_status_finish (FLINK_JOB_CLIENT (source), result, &error);
  if (supervisor->stopping)
    ;
  else if (error == NULL && flink_job_status_is_globally_terminal (status))
    supervisor_stop (supervisor, "its job ended and its job client is gone");
  else if (g_error_matches (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND))
    supervisor_stop (supervisor, "its job is gone");
  else
    _flink_sleep_async (SUPERVISOR_POLL_MS, NULL, supervisor_poll_sleep_cb, supervisor_ref (supervisor));
  supervisor_unref (supervisor);
}

static void
supervisor_poll_job (Supervisor *supervisor)
{
  if (supervisor->stopping)
    return;
  flink_job_client_get_job_status_async (supervisor->job, NULL, supervisor_job_status_cb,
                                         supervisor_ref (supervisor));
}

static gboolean
supervisor_job_client_gone_idle (gpointer user_data)
{
  supervisor_poll_job (user_data);
  return G_SOURCE_REMOVE;
}

/* The job client the deployment returned is finalized: once the job has
 * ended, nobody can ask for its result any more. */
static void
supervisor_job_client_gone (gpointer user_data,
                            GObject *where_the_object_was)
{
  Supervisor *supervisor = user_data;

  g_main_context_invoke_full (supervisor->context, G_PRIORITY_DEFAULT,
                              supervisor_job_client_gone_idle, supervisor,
                              (GDestroyNotify) supervisor_unref);
}

void
_flink_deploy_supervise (FlinkClusterPlan *plan,
                         GPtrArray        *processes,
                         FlinkJobClient   *returned_job)
{
  Supervisor   *supervisor = g_new0 (Supervisor, 1);
  FlinkProcess *jobmanager = g_ptr_array_index (processes, 0);

  g_atomic_ref_count_init (&supervisor->ref_count);
  supervisor->work_dir = g_strdup (plan->work_dir);
  supervisor->marker = g_strconcat (plan->work_dir, G_DIR_SEPARATOR_S, NULL);
  supervisor->recorded = _flink_processes_to_recorded (processes);
  supervisor->context = g_main_context_ref_thread_default ();

  g_subprocess_wait_async (jobmanager->subprocess, NULL, supervisor_jobmanager_exited_cb,
                           supervisor_ref (supervisor));
  if (returned_job != NULL && !plan->detached)
    {
      g_autoptr (GError) error = NULL;

      supervisor->job = flink_cluster_client_get_job_client (flink_job_client_get_cluster_client (returned_job),
                                                             flink_job_client_get_job_id (returned_job),
                                                             &error);
      g_assert_no_error (error);
      g_object_weak_ref (G_OBJECT (returned_job), supervisor_job_client_gone, supervisor_ref (supervisor));
    }
  supervisor_unref (supervisor);
}
