/* flink-deploy-start.c: bringing a deployed cluster up
 *
 * A deployment runs in three steps, none of which blocks the caller's
 * thread: a worker thread finds Flink and Java, checks every input and
 * writes the work directory (flink-deploy-plan.c); flinkjob's spawning
 * thread starts the JVMs (flink-process.c); then the caller's main context
 * polls the REST API through the public cluster client until the cluster
 * is up, while watching the JVMs: one that exits during start-up ends the
 * deployment with the last lines of its log, after the others are stopped.
 * A port that was taken between picking it and the JVM binding it makes
 * a new attempt with other ports. Once up, the cluster is handed to its
 * supervisor (flink-deploy-supervisor.c).
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
#include "flink-i18n-private.h"
#define FIRST_POLL_MS 1000
#define POLL_MS 500
#define POLL_REQUEST_TIMEOUT_S 10
#define FAILED_START_GRACE_MS 5000
#define PORT_ATTEMPTS 3
/* ApplicationStatus.FAILED's exit code: the job ran and failed. */
#define APPLICATION_FAILED_EXIT 1443

/* ---- Deploying ------------------------------------------------------------------ */

typedef struct
{
  FlinkClusterPlan       *plan;
  GCancellable           *cancellable; /* the caller's */
  GPtrArray              *processes;   /* FlinkProcess, once started */
  GCancellable           *watch;       /* this attempt's watches of the JVMs */
  GCancellable           *poll;        /* polls: the caller's cancellable or an exit cancels them */
  gulong                  cancelled_id;
  FlinkClusterDescriptor *poller;
  FlinkClusterClient     *client;
  FlinkJobClient         *job;
  gint64                  deadline;
  char                   *exited_role;
  char                   *exit_text;
  int                     exit_status; /* -1: killed by a signal */
  char                   *last_seen;
  GError                 *failure;
  gboolean                done;
} DeployOp;

static void
deploy_op_free (DeployOp *op)
{
  if (op->cancelled_id != 0)
    g_cancellable_disconnect (op->cancellable, op->cancelled_id);
  if (op->watch != NULL)
    g_cancellable_cancel (op->watch);
  _flink_cluster_plan_free (op->plan);
  g_clear_object (&op->cancellable);
  g_clear_pointer (&op->processes, g_ptr_array_unref);
  g_clear_object (&op->watch);
  g_clear_object (&op->poll);
  g_clear_object (&op->poller);
  g_clear_object (&op->client);
  g_clear_object (&op->job);
  g_free (op->exited_role);
  g_free (op->exit_text);
  g_free (op->last_seen);
  g_clear_error (&op->failure);
  g_free (op);
}

static void
set_last_seen (DeployOp   *op,
               const char *text)
{
  g_free (op->last_seen);
  op->last_seen = g_strdup (text);
}

static const char *
process_name (const char *role)
{
  return g_str_has_prefix (role, "taskmanager") ? "TaskManager" : "JobManager";
}

/* ---- Failing: stop what runs, then answer ---- */

typedef struct
{
  GPtrArray        *recorded;
  char             *marker;
  FlinkClusterPlan *plan;          /* borrowed: the op outlives the thread */
  char             *describe_role; /* describe this process's log; "" for all */
  gboolean          conflict;
  char             *logs;
} Cleanup;

static void
cleanup_free (Cleanup *cleanup)
{
  g_clear_pointer (&cleanup->recorded, g_ptr_array_unref);
  g_free (cleanup->marker);
  g_free (cleanup->describe_role);
  g_free (cleanup->logs);
  g_free (cleanup);
}

static void
cleanup_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Cleanup           *cleanup = task_data;
  g_autoptr (GError) error = NULL;

  if (cleanup->recorded != NULL &&
      !_flink_processes_terminate (cleanup->recorded, cleanup->marker, FAILED_START_GRACE_MS, NULL, &error))
    g_warning ("%s", error->message);
  if (cleanup->describe_role != NULL)
    {
      cleanup->conflict = _flink_cluster_plan_port_conflict (cleanup->plan);
      cleanup->logs = _flink_cluster_plan_describe_logs (cleanup->plan,
                                                         cleanup->describe_role[0] ? cleanup->describe_role : NULL);
    }
  g_task_return_boolean (task, TRUE);
}

static void start_attempt (GTask *task);

static void
retried_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError           *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  start_attempt (g_steal_pointer (&task));
}

static void
retry_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (_flink_cluster_plan_retry (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
cleaned_up_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  DeployOp         *op = g_task_get_task_data (task);
  Cleanup          *cleanup = g_task_get_task_data (G_TASK (result));
  FlinkClusterPlan *plan = op->plan;
  GError           *error;

  if (op->failure != NULL)
    {
      g_autoptr (GError) failure = g_steal_pointer (&op->failure);

      g_task_return_new_error (task, failure->domain, failure->code, "%s%s", failure->message,
                               cleanup->logs ? cleanup->logs : "");
      return;
    }

  /* A JVM exited during start-up. */
  if (cleanup->conflict && plan->attempt + 1 < PORT_ATTEMPTS &&
      !g_cancellable_is_cancelled (op->cancellable))
    {
      g_autoptr (GTask) retry = g_task_new (NULL, op->cancellable, retried_cb, g_steal_pointer (&task));

      g_debug ("A port of cluster %s was taken meanwhile: trying other ports", plan->work_dir);
      g_task_set_name (retry, "[flinkjob] pick other ports");
      g_task_set_task_data (retry, plan, NULL);
      g_task_run_in_thread (retry, retry_thread);
      return;
    }
  if (cleanup->conflict)
    error = g_error_new (FLINK_ERROR, FLINK_ERROR_CONFLICT,
                         _ ("The %s of cluster %s could not bind its port (%s): another program "
                            "took it; choose other ports (rest.port, jobmanager.rpc.port) or leave "
                            "them unset. Its logs are in %s%s"),
                         process_name (op->exited_role), plan->work_dir, op->exit_text,
                         plan->log_dir, cleanup->logs ? cleanup->logs : "");
  else
    error = g_error_new (FLINK_ERROR, FLINK_ERROR_DEPLOYMENT_FAILED,
                         _ ("The %s of cluster %s exited during start-up (%s); its logs are in %s%s"),
                         process_name (op->exited_role), plan->work_dir, op->exit_text,
                         plan->log_dir, cleanup->logs ? cleanup->logs : "");
  g_task_return_error (task, error);
}

/* Ends the deployment: stops the JVMs started, reads what their logs say
 * when asked to (@describe_role, "" for all), then answers with
 * op->failure, or after a JVM's exit with an error of its own or a retry. */
static void
end_with_cleanup (GTask      *task,
                  const char *describe_role)
{
  DeployOp         *op = g_task_get_task_data (task);
  g_autoptr (GTask) cleanup_task = NULL;
  Cleanup          *cleanup = g_new0 (Cleanup, 1);

  op->done = TRUE;
  if (op->watch != NULL)
    g_cancellable_cancel (op->watch);
  g_cancellable_cancel (op->poll);

  cleanup->plan = op->plan;
  cleanup->marker = g_strconcat (op->plan->work_dir, G_DIR_SEPARATOR_S, NULL);
  if (op->processes != NULL)
    cleanup->recorded = _flink_processes_to_recorded (op->processes);
  cleanup->describe_role = g_strdup (describe_role);
  cleanup_task = g_task_new (NULL, NULL, cleaned_up_cb, task);
  g_task_set_name (cleanup_task, "[flinkjob] stop a failed deployment");
  g_task_set_task_data (cleanup_task, cleanup, (GDestroyNotify) cleanup_free);
  g_task_run_in_thread (cleanup_task, cleanup_thread);
}

static void
fail (GTask  *task,
      GError *error)
{
  DeployOp *op = g_task_get_task_data (task);

  g_clear_error (&op->failure);
  op->failure = error;
  end_with_cleanup (task, NULL);
}

static void
fail_timed_out (GTask *task)
{
  DeployOp *op = g_task_get_task_data (task);

  g_clear_error (&op->failure);
  op->failure = g_error_new (FLINK_ERROR, FLINK_ERROR_TIMED_OUT,
                             _ ("The cluster in %s did not come up within %u s (%s); raise the "
                                "specification's startup-timeout if this machine is slow. Its logs "
                                "are in %s"),
                             op->plan->work_dir, op->plan->startup_timeout,
                             op->last_seen ? op->last_seen : "its REST API never answered",
                             op->plan->log_dir);
  end_with_cleanup (task, "jobmanager");
}

/* ---- Succeeding ---- */

static void
final_client_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask)              task = user_data;
  DeployOp                      *op = g_task_get_task_data (task);
  g_autoptr (FlinkClusterClient) client = NULL;
  GError                        *error = NULL;

  client = flink_cluster_descriptor_retrieve_finish (FLINK_CLUSTER_DESCRIPTOR (source), result, &error);
  if (client == NULL)
    {
      fail (g_steal_pointer (&task), error);
      return;
    }
  _flink_cluster_client_set_cluster_id (client, op->plan->work_dir);
  if (op->plan->application != NULL)
    {
      g_autoptr (FlinkJobClient) job = NULL;

      job = flink_cluster_client_get_job_client (client, op->plan->application->job_id, &error);
      g_assert_no_error (error);
      _flink_deploy_supervise (op->plan, op->processes, job);
      g_task_return_pointer (task, g_steal_pointer (&job), g_object_unref);
    }
  else
    {
      _flink_deploy_supervise (op->plan, op->processes, NULL);
      g_task_return_pointer (task, g_steal_pointer (&client), g_object_unref);
    }
}

static void
succeed (GTask *task)
{
  DeployOp               *op = g_task_get_task_data (task);
  FlinkClusterDescriptor *self = g_task_get_source_object (task);

  if (op->done)
    {
      g_object_unref (task);
      return;
    }
  op->done = TRUE;
  g_cancellable_cancel (op->watch);
  g_debug ("Cluster %s is up at %s", op->plan->work_dir, op->plan->url);

  /* The client handed out makes requests as the caller set them up. */
  flink_cluster_descriptor_set_timeout (op->poller, flink_cluster_descriptor_get_timeout (self));
  flink_cluster_descriptor_set_retry_max_attempts (op->poller,
                                                   flink_cluster_descriptor_get_retry_max_attempts (self));
  flink_cluster_descriptor_retrieve_async (op->poller, op->cancellable, final_client_cb, task);
}

/* ---- Polling ---- */

static void poll_cluster (GTask *task);

/* An error of a poll: TRUE if it ended the deployment. */
static gboolean
poll_failed (GTask  *task,
             GError *error)
{
  DeployOp *op = g_task_get_task_data (task);

  if (op->done)
    {
      /* Answered meanwhile: a detached application that already ended. */
      g_error_free (error);
      g_object_unref (task);
      return TRUE;
    }
  if (op->exited_role != NULL)
    {
      g_error_free (error);
      end_with_cleanup (task, op->exited_role);
      return TRUE;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      fail (task, error);
      return TRUE;
    }
  set_last_seen (op, error->message);
  g_error_free (error);
  return FALSE;
}

static void
poll_sleep_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask  *task = user_data;
  GError *error = NULL;

  if (!_flink_sleep_finish (result, &error) && poll_failed (task, error))
    return;
  poll_cluster (task);
}

static void
poll_later (GTask *task,
            guint  milliseconds)
{
  DeployOp *op = g_task_get_task_data (task);

  if (op->deadline != 0 && g_get_monotonic_time () >= op->deadline)
    {
      fail_timed_out (task);
      return;
    }
  _flink_sleep_async (milliseconds, op->poll, poll_sleep_cb, task);
}

static void
job_status_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask    *task = user_data;
  DeployOp *op = g_task_get_task_data (task);
  GError   *error = NULL;

  flink_job_client_get_job_status_finish (FLINK_JOB_CLIENT (source), result, &error);
  if (error == NULL)
    {
      succeed (task);
      return;
    }
  if (g_error_matches (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND))
    {
      g_autofree char *seen = g_strdup_printf ("the REST API answers, but job %s is not submitted yet",
                                               op->plan->application->job_id);
      g_error_free (error);
      set_last_seen (op, seen);
    }
  else if (poll_failed (task, error))
    return;
  poll_later (task, POLL_MS);
}

static void
overview_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask                           *task = user_data;
  DeployOp                        *op = g_task_get_task_data (task);
  g_autoptr (FlinkClusterOverview) overview = NULL;
  g_autofree char                 *seen = NULL;
  GError                          *error = NULL;
  guint                            taskmanagers, slots;

  overview = flink_cluster_client_get_overview_finish (FLINK_CLUSTER_CLIENT (source), result, &error);
  if (overview == NULL)
    {
      if (!poll_failed (task, error))
        poll_later (task, POLL_MS);
      return;
    }
  taskmanagers = flink_cluster_overview_get_taskmanagers (overview);
  slots = flink_cluster_overview_get_slots_total (overview);
  if (taskmanagers >= op->plan->taskmanagers && slots >= op->plan->taskmanagers * op->plan->slots)
    {
      succeed (task);
      return;
    }
  seen = g_strdup_printf ("%u of %u TaskManagers registered, %u of %u slots", taskmanagers,
                          op->plan->taskmanagers, slots, op->plan->taskmanagers * op->plan->slots);
  set_last_seen (op, seen);
  poll_later (task, POLL_MS);
}

static void
retrieved_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask    *task = user_data;
  DeployOp *op = g_task_get_task_data (task);
  GError   *error = NULL;

  op->client = flink_cluster_descriptor_retrieve_finish (FLINK_CLUSTER_DESCRIPTOR (source), result, &error);
  if (op->client == NULL)
    {
      if (!poll_failed (task, error))
        poll_later (task, POLL_MS);
      return;
    }
  if (op->plan->application != NULL)
    {
      op->job = flink_cluster_client_get_job_client (op->client, op->plan->application->job_id, &error);
      g_assert_no_error (error);
    }
  poll_cluster (task);
}

static void
poll_cluster (GTask *task)
{
  DeployOp *op = g_task_get_task_data (task);

  if (op->done)
    g_object_unref (task);
  else if (op->exited_role != NULL)
    end_with_cleanup (task, op->exited_role);
  else if (op->client == NULL)
    flink_cluster_descriptor_retrieve_async (op->poller, op->poll, retrieved_cb, task);
  else if (op->job != NULL)
    flink_job_client_get_job_status_async (op->job, op->poll, job_status_cb, task);
  else
    flink_cluster_client_get_overview_async (op->client, op->poll, overview_cb, task);
}

/* ---- Watching the JVMs start ---- */

static char *
describe_exit (GSubprocess *subprocess,
               int         *out_status)
{
  if (g_subprocess_get_if_signaled (subprocess))
    {
      int signal_number = g_subprocess_get_term_sig (subprocess);

      *out_status = -1;
      return g_strdup_printf ("killed by signal %d, %s", signal_number, g_strsignal (signal_number));
    }
  *out_status = g_subprocess_get_exit_status (subprocess);
  return g_strdup_printf ("exit status %d", *out_status);
}

typedef struct
{
  GTask *task;
  char  *role;
} Watch;

static void
process_exited_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Watch    *watch = user_data;
  DeployOp *op = g_task_get_task_data (watch->task);

  if (g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL) &&
      !op->done && op->exited_role == NULL)
    {
      op->exit_text = describe_exit (G_SUBPROCESS (source), &op->exit_status);
      g_debug ("The %s of %s exited during start-up: %s", watch->role, op->plan->work_dir, op->exit_text);

      /* A detached application cluster shuts down when its job ends:
       * a quick job may end before the poll saw it. */
      if (op->plan->application != NULL && op->plan->detached && op->client != NULL &&
          g_strcmp0 (watch->role, "jobmanager") == 0 &&
          (op->exit_status == 0 || op->exit_status == APPLICATION_FAILED_EXIT))
        {
          op->done = TRUE;
          g_cancellable_cancel (op->poll);
          _flink_cluster_client_set_cluster_id (op->client, op->plan->work_dir);
          _flink_deploy_supervise (op->plan, op->processes, NULL);
          g_task_return_pointer (watch->task, g_object_ref (op->job), g_object_unref);
        }
      else
        {
          op->exited_role = g_strdup (watch->role);
          g_cancellable_cancel (op->poll);
        }
    }
  g_object_unref (watch->task);
  g_free (watch->role);
  g_free (watch);
}

static void
spawned_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask    *task = user_data;
  DeployOp *op = g_task_get_task_data (task);
  GError   *error = NULL;

  op->processes = _flink_processes_spawn_finish (result, &error);
  if (op->processes == NULL)
    {
      op->done = TRUE;
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  for (guint i = 0; i < op->processes->len; i++)
    {
      FlinkProcess *process = g_ptr_array_index (op->processes, i);
      Watch        *watch = g_new0 (Watch, 1);

      watch->task = g_object_ref (task);
      watch->role = g_strdup (process->role);
      g_subprocess_wait_async (process->subprocess, op->watch, process_exited_cb, watch);
    }
  if (op->plan->startup_timeout > 0)
    op->deadline = g_get_monotonic_time () + (gint64) op->plan->startup_timeout * G_USEC_PER_SEC;
  _flink_sleep_async (FIRST_POLL_MS, op->poll, poll_sleep_cb, task);
}

static void
poll_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* Starts the JVMs of the plan prepared last. Takes @task. */
static void
start_attempt (GTask *task)
{
  FlinkClusterDescriptor *self = g_task_get_source_object (task);
  DeployOp               *op = g_task_get_task_data (task);
  FlinkClusterPlan       *plan = op->plan;
  g_autoptr (GError)      error = NULL;

  if (op->cancelled_id != 0)
    g_cancellable_disconnect (op->cancellable, op->cancelled_id);
  op->cancelled_id = 0;
  g_clear_pointer (&op->processes, g_ptr_array_unref);
  g_clear_object (&op->watch);
  g_clear_object (&op->poll);
  g_clear_object (&op->poller);
  g_clear_object (&op->client);
  g_clear_object (&op->job);
  g_clear_pointer (&op->exited_role, g_free);
  g_clear_pointer (&op->exit_text, g_free);
  g_clear_pointer (&op->last_seen, g_free);
  op->done = FALSE;

  op->watch = g_cancellable_new ();
  op->poll = g_cancellable_new ();
  if (op->cancellable != NULL)
    op->cancelled_id = g_cancellable_connect (op->cancellable, G_CALLBACK (poll_cancelled_cb),
                                              g_object_ref (op->poll), g_object_unref);

  /* Polls fail fast and are simply repeated. */
  op->poller = flink_cluster_descriptor_new_for_url (plan->url, &error);
  g_assert_no_error (error);
  flink_cluster_descriptor_set_timeout (op->poller, POLL_REQUEST_TIMEOUT_S);
  flink_cluster_descriptor_set_retry_max_attempts (op->poller, 1);
  flink_cluster_descriptor_set_user_agent (op->poller, flink_cluster_descriptor_get_user_agent (self));
  flink_cluster_descriptor_set_tls_client_certificate (op->poller,
                                                       flink_cluster_descriptor_get_tls_client_certificate (self));
  if (flink_cluster_descriptor_get_tls_ca_file (self) != NULL &&
      !flink_cluster_descriptor_set_tls_ca_file (op->poller, flink_cluster_descriptor_get_tls_ca_file (self),
                                                 &error))
    {
      op->done = TRUE;
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  _flink_processes_spawn_async (plan->processes, (const char *const *) plan->env, plan->work_dir,
                                !plan->detached, plan->record, op->cancellable, spawned_cb, task);
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (_flink_cluster_plan_prepare (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
prepared_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask  *task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  start_attempt (task);
}

void
_flink_deploy_start (FlinkClusterDescriptor    *self,
                     FlinkClusterSpecification *specification,
                     FlinkApplicationPlan      *application,
                     FlinkDeployFlags           flags,
                     gpointer                   source_tag,
                     const char                *name,
                     GCancellable              *cancellable,
                     GAsyncReadyCallback        callback,
                     gpointer                   user_data)
{
  FlinkDeploySource                    *source = _flink_cluster_descriptor_get_deploy_source (self);
  g_autoptr (FlinkClusterSpecification) spec = NULL;
  g_autoptr (GTask)                     prepare = NULL;
  DeployOp                             *op;
  GTask                                *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, name);

  if (source == NULL)
    {
      _flink_application_plan_free (application);
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               _ ("This cluster descriptor names a running cluster; deploying "
                                  "needs one made for a Flink distribution: new_for_distribution() "
                                  "or new_for_pyflink()"));
      g_object_unref (task);
      return;
    }

  /* A deployment reads its inputs now: the caller may change them. */
  spec = specification ? _flink_cluster_specification_copy (specification)
                       : flink_cluster_specification_new ();
  op = g_new0 (DeployOp, 1);
  op->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  op->plan = _flink_cluster_plan_new (_flink_deploy_source_copy (source), g_steal_pointer (&spec),
                                      (flags & FLINK_DEPLOY_FLAGS_DETACHED) != 0, application);
  g_task_set_task_data (task, op, (GDestroyNotify) deploy_op_free);

  prepare = g_task_new (NULL, cancellable, prepared_cb, task);
  g_task_set_name (prepare, "[flinkjob] prepare a deployment");
  g_task_set_task_data (prepare, op->plan, NULL);
  g_task_run_in_thread (prepare, prepare_thread);
}
