/* flink-cluster-descriptor-deploy.c: deploying Flink clusters on this machine
 *
 * The other half of FLIP-74's ClusterDescriptor: deploy a session or an
 * application cluster and hand back its client; retrieve and kill a cluster
 * deployed earlier, from any process, by its id. Flink's standalone mode,
 * without its shell scripts: a JobManager JVM and N TaskManager JVMs on this
 * machine, bound to 127.0.0.1.
 *
 * A deployment runs in three steps, none of which blocks the caller's
 * thread: a worker thread finds Flink and Java, checks every input and
 * writes the work directory (flink-deploy-plan.c); flinkjob's spawning
 * thread starts the JVMs (flink-process.c); then the caller's main context
 * polls the REST API through the public cluster client until the cluster
 * is up, while watching the JVMs: one that exits during start-up ends the
 * deployment with the last lines of its log, after the others are stopped.
 * A port that was taken between picking it and the JVM binding it makes
 * a new attempt with other ports.
 *
 * After that a supervisor, in the same main context, stops the
 * TaskManagers when the JobManager exits, and stops an attached
 * application cluster once its job has ended and the job client the
 * deployment returned is gone.
 *
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

#define FIRST_POLL_MS 1000
#define POLL_MS 500
#define POLL_REQUEST_TIMEOUT_S 10
#define FAILED_START_GRACE_MS 5000
#define STOP_GRACE_MS 10000
#define SUPERVISOR_POLL_MS 2000
#define PORT_ATTEMPTS 3
/* ApplicationStatus.FAILED's exit code: the job ran and failed. */
#define APPLICATION_FAILED_EXIT 1443

/* ---- Where a descriptor finds Flink and Java ------------------------------ */

FlinkDeploySource *
_flink_deploy_source_new (void)
{
  return g_new0 (FlinkDeploySource, 1);
}

FlinkDeploySource *
_flink_deploy_source_copy (const FlinkDeploySource *source)
{
  FlinkDeploySource *copy = _flink_deploy_source_new ();

  copy->flink_home = g_strdup (source->flink_home);
  copy->python = g_strdup (source->python);
  copy->java_home = g_strdup (source->java_home);
  return copy;
}

void
_flink_deploy_source_free (FlinkDeploySource *source)
{
  if (source == NULL)
    return;
  g_free (source->flink_home);
  g_free (source->python);
  g_free (source->java_home);
  g_free (source);
}

/* ---- Cluster ids ------------------------------------------------------------ */

static GQuark
cluster_id_quark (void)
{
  return g_quark_from_static_string ("flinkjob-cluster-id");
}

void
_flink_cluster_client_set_cluster_id (FlinkClusterClient *client,
                                      const char         *cluster_id)
{
  g_object_set_qdata_full (G_OBJECT (client), cluster_id_quark (), g_strdup (cluster_id), g_free);
}

/**
 * flink_cluster_client_get_cluster_id:
 * @self: a cluster client
 *
 * The id of the cluster, when flinkjob deployed it: the absolute path of its
 * work directory, which holds its configuration and logs. Another process
 * retrieves or kills the cluster with it
 * ([ctor@Flink.ClusterDescriptor.new_for_cluster_id],
 * [method@Flink.ClusterDescriptor.kill_cluster_async]).
 *
 * Returns: (nullable) (type filename): the cluster id, or %NULL for a
 *   cluster flinkjob did not deploy
 */
const char *
flink_cluster_client_get_cluster_id (FlinkClusterClient *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), NULL);
  return g_object_get_qdata (G_OBJECT (self), cluster_id_quark ());
}

/* ---- Constructors ----------------------------------------------------------- */

static FlinkClusterDescriptor *
descriptor_for_source (FlinkDeploySource *source)
{
  FlinkClusterDescriptor *self = g_object_new (FLINK_TYPE_CLUSTER_DESCRIPTOR, NULL);

  _flink_cluster_descriptor_set_deploy_source (self, source);
  return self;
}

/**
 * flink_cluster_descriptor_new_for_distribution:
 * @flink_home: (nullable) (type filename): a Flink distribution's
 *   directory, or %NULL for `FLINK_HOME`
 * @error: return location for a #GError
 *
 * Makes a descriptor that deploys clusters of a Flink distribution on this
 * machine: Flink's own download (`bin/`, `conf/`, `lib/`), or the
 * `lib/`-only layout of PyPI's `apache-flink-libraries`. Its `conf/config.yaml`,
 * or else the `config.yaml` inside `lib/flink-dist-*.jar`, is the base of
 * every cluster's configuration, JVM options (`env.java.opts.all`) included.
 *
 * Java comes from [property@Flink.ClusterDescriptor:java-home], else
 * `JAVA_HOME`, else the `PATH`; it is looked for when a cluster is
 * deployed. This checks only that @flink_home looks like Flink.
 *
 * Returns: (transfer full): a new descriptor, or %NULL with
 *   %FLINK_ERROR_INVALID_ARGUMENT if @flink_home is not a Flink distribution
 *   (or it is %NULL and `FLINK_HOME` is not set)
 */
FlinkClusterDescriptor *
flink_cluster_descriptor_new_for_distribution (const char  *flink_home,
                                               GError     **error)
{
  g_autoptr(FlinkDeploySource) source = NULL;
  g_autofree char *home = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (flink_home == NULL || flink_home[0] == '\0')
    {
      flink_home = g_getenv ("FLINK_HOME");
      if (flink_home == NULL || flink_home[0] == '\0')
        {
          g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               "No Flink distribution was given and FLINK_HOME is not set: "
                               "pass the directory that holds Flink's lib/, or use "
                               "new_for_pyflink() for PyFlink's");
          return NULL;
        }
    }
  home = g_canonicalize_filename (flink_home, NULL);
  if (!_flink_distribution_check_layout (home, error))
    return NULL;

  source = _flink_deploy_source_new ();
  source->flink_home = g_steal_pointer (&home);
  return descriptor_for_source (g_steal_pointer (&source));
}

/**
 * flink_cluster_descriptor_new_for_pyflink:
 * @python: (nullable): the Python interpreter whose `pyflink` package holds
 *   Flink, by name or path, or %NULL for `python3`
 * @error: return location for a #GError
 *
 * Makes a descriptor that deploys the Flink that PyFlink installed for the
 * interpreter @python: `pip install apache-flink` (or
 * `apache-flink-libraries`) puts a Flink distribution inside the `pyflink`
 * package. The package is looked for, by running @python, when a cluster
 * is deployed.
 *
 * Returns: (transfer full): a new descriptor, or %NULL with
 *   %FLINK_ERROR_NOT_FOUND if there is no such interpreter
 */
FlinkClusterDescriptor *
flink_cluster_descriptor_new_for_pyflink (const char  *python,
                                          GError     **error)
{
  g_autoptr(FlinkDeploySource) source = NULL;
  g_autofree char *program = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  program = _flink_python_find (python, error);
  if (program == NULL)
    return NULL;
  source = _flink_deploy_source_new ();
  source->python = g_steal_pointer (&program);
  return descriptor_for_source (g_steal_pointer (&source));
}

/**
 * flink_cluster_descriptor_new_for_cluster_id:
 * @cluster_id: (type filename): the id of a cluster flinkjob deployed, from
 *   [method@Flink.ClusterClient.get_cluster_id]: the absolute path of its
 *   work directory
 * @error: return location for a #GError
 *
 * Makes a descriptor of a cluster flinkjob deployed, in this process or
 * another (a detached one outlives the process that deployed it): retrieve
 * its client with [method@Flink.ClusterDescriptor.retrieve_async], or stop
 * it with [method@Flink.ClusterDescriptor.kill_cluster_async]. Reads the
 * `cluster.ini` of its work directory.
 *
 * Returns: (transfer full): a new descriptor, or %NULL with
 *   %FLINK_ERROR_NOT_FOUND if no cluster flinkjob deployed has that id
 */
FlinkClusterDescriptor *
flink_cluster_descriptor_new_for_cluster_id (const char  *cluster_id,
                                             GError     **error)
{
  g_autoptr(FlinkClusterRecord) record = NULL;
  FlinkClusterDescriptor *self;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  record = _flink_cluster_record_load (cluster_id, error);
  if (record == NULL)
    return NULL;
  self = flink_cluster_descriptor_new_for_url (record->url, error);
  if (self != NULL)
    _flink_cluster_descriptor_set_cluster_id (self, record->work_dir);
  return self;
}

/**
 * flink_cluster_descriptor_get_flink_home:
 * @self: a cluster descriptor
 *
 * Gets [property@Flink.ClusterDescriptor:flink-home].
 *
 * Returns: (nullable) (type filename): the Flink distribution it deploys
 */
const char *
flink_cluster_descriptor_get_flink_home (FlinkClusterDescriptor *self)
{
  FlinkDeploySource *source;

  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), NULL);
  source = _flink_cluster_descriptor_get_deploy_source (self);
  return source ? source->flink_home : NULL;
}

/**
 * flink_cluster_descriptor_get_java_home:
 * @self: a cluster descriptor
 *
 * Gets [property@Flink.ClusterDescriptor:java-home].
 *
 * Returns: (nullable) (type filename): the Java home it was given, or %NULL
 *   for `JAVA_HOME` and the `PATH`
 */
const char *
flink_cluster_descriptor_get_java_home (FlinkClusterDescriptor *self)
{
  FlinkDeploySource *source;

  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), NULL);
  source = _flink_cluster_descriptor_get_deploy_source (self);
  return source ? source->java_home : NULL;
}

/**
 * flink_cluster_descriptor_set_java_home:
 * @self: a cluster descriptor made for a Flink distribution
 * @java_home: (nullable) (type filename): a JDK or JRE directory (with
 *   `bin/java`), or %NULL for `JAVA_HOME`, then the `PATH`
 *
 * Sets [property@Flink.ClusterDescriptor:java-home], for clusters deployed
 * afterwards.
 */
void
flink_cluster_descriptor_set_java_home (FlinkClusterDescriptor *self,
                                        const char             *java_home)
{
  FlinkDeploySource *source;

  g_return_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self));
  source = _flink_cluster_descriptor_get_deploy_source (self);
  g_return_if_fail (source != NULL);

  if (java_home != NULL && java_home[0] == '\0')
    java_home = NULL;
  if (g_strcmp0 (source->java_home, java_home) == 0)
    return;
  g_free (source->java_home);
  source->java_home = g_strdup (java_home);
  _flink_cluster_descriptor_notify_java_home (self);
}

/**
 * flink_cluster_descriptor_get_cluster_id:
 * @self: a cluster descriptor
 *
 * Gets [property@Flink.ClusterDescriptor:cluster-id].
 *
 * Returns: (nullable) (type filename): the id of the cluster it names
 */
const char *
flink_cluster_descriptor_get_cluster_id (FlinkClusterDescriptor *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), NULL);
  return _flink_cluster_descriptor_peek_cluster_id (self);
}

/* ---- The supervisor of a deployed cluster ------------------------------------ */

typedef struct {
  gatomicrefcount ref_count;
  char *work_dir;
  char *marker;
  GPtrArray *recorded;           /* FlinkRecordedProcess: every JVM */
  GMainContext *context;
  FlinkJobClient *job;           /* attached application: our own client */
  gboolean stopping;
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
  Supervisor *supervisor = user_data;
  g_autoptr(GError) error = NULL;

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
  _flink_processes_terminate_async (supervisor->recorded, supervisor->marker, STOP_GRACE_MS,
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
  Supervisor *supervisor = user_data;
  g_autoptr(GError) error = NULL;
  FlinkJobStatus status;

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
supervisor_job_client_gone (gpointer  user_data,
                            GObject  *where_the_object_was)
{
  Supervisor *supervisor = user_data;

  g_main_context_invoke_full (supervisor->context, G_PRIORITY_DEFAULT,
                              supervisor_job_client_gone_idle, supervisor,
                              (GDestroyNotify) supervisor_unref);
}

static void
supervise (FlinkClusterPlan *plan,
           GPtrArray        *processes,
           FlinkJobClient   *returned_job)
{
  Supervisor *supervisor = g_new0 (Supervisor, 1);
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
      g_autoptr(GError) error = NULL;

      supervisor->job = flink_cluster_client_get_job_client (flink_job_client_get_cluster_client (returned_job),
                                                             flink_job_client_get_job_id (returned_job),
                                                             &error);
      g_assert_no_error (error);
      g_object_weak_ref (G_OBJECT (returned_job), supervisor_job_client_gone, supervisor_ref (supervisor));
    }
  supervisor_unref (supervisor);
}

/* ---- Deploying ------------------------------------------------------------------ */

typedef struct {
  FlinkClusterPlan *plan;
  GCancellable *cancellable;     /* the caller's */
  GPtrArray *processes;          /* FlinkProcess, once started */
  GCancellable *watch;           /* this attempt's watches of the JVMs */
  GCancellable *poll;            /* polls: the caller's cancellable or an exit cancels them */
  gulong cancelled_id;
  FlinkClusterDescriptor *poller;
  FlinkClusterClient *client;
  FlinkJobClient *job;
  gint64 deadline;
  char *exited_role;
  char *exit_text;
  int exit_status;               /* -1: killed by a signal */
  char *last_seen;
  GError *failure;
  gboolean done;
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

typedef struct {
  GPtrArray *recorded;
  char *marker;
  FlinkClusterPlan *plan;        /* borrowed: the op outlives the thread */
  char *describe_role;           /* describe this process's log; "" for all */
  gboolean conflict;
  char *logs;
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
  Cleanup *cleanup = task_data;
  g_autoptr(GError) error = NULL;

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
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

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
  g_autoptr(GTask) task = user_data;
  DeployOp *op = g_task_get_task_data (task);
  Cleanup *cleanup = g_task_get_task_data (G_TASK (result));
  FlinkClusterPlan *plan = op->plan;
  GError *error;

  if (op->failure != NULL)
    {
      g_autoptr(GError) failure = g_steal_pointer (&op->failure);

      g_task_return_new_error (task, failure->domain, failure->code, "%s%s", failure->message,
                               cleanup->logs ? cleanup->logs : "");
      return;
    }

  /* A JVM exited during start-up. */
  if (cleanup->conflict && plan->attempt + 1 < PORT_ATTEMPTS &&
      !g_cancellable_is_cancelled (op->cancellable))
    {
      g_autoptr(GTask) retry = g_task_new (NULL, op->cancellable, retried_cb, g_steal_pointer (&task));

      g_debug ("A port of cluster %s was taken meanwhile: trying other ports", plan->work_dir);
      g_task_set_name (retry, "[flinkjob] pick other ports");
      g_task_set_task_data (retry, plan, NULL);
      g_task_run_in_thread (retry, retry_thread);
      return;
    }
  if (cleanup->conflict)
    error = g_error_new (FLINK_ERROR, FLINK_ERROR_CONFLICT,
                         "The %s of cluster %s could not bind its port (%s): another program "
                         "took it; choose other ports (rest.port, jobmanager.rpc.port) or leave "
                         "them unset. Its logs are in %s%s",
                         process_name (op->exited_role), plan->work_dir, op->exit_text,
                         plan->log_dir, cleanup->logs ? cleanup->logs : "");
  else
    error = g_error_new (FLINK_ERROR, FLINK_ERROR_DEPLOYMENT_FAILED,
                         "The %s of cluster %s exited during start-up (%s); its logs are in %s%s",
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
  DeployOp *op = g_task_get_task_data (task);
  g_autoptr(GTask) cleanup_task = NULL;
  Cleanup *cleanup = g_new0 (Cleanup, 1);

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
                             "The cluster in %s did not come up within %u s (%s); raise the "
                             "specification's startup-timeout if this machine is slow. Its logs "
                             "are in %s",
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
  g_autoptr(GTask) task = user_data;
  DeployOp *op = g_task_get_task_data (task);
  g_autoptr(FlinkClusterClient) client = NULL;
  GError *error = NULL;

  client = flink_cluster_descriptor_retrieve_finish (FLINK_CLUSTER_DESCRIPTOR (source), result, &error);
  if (client == NULL)
    {
      fail (g_steal_pointer (&task), error);
      return;
    }
  _flink_cluster_client_set_cluster_id (client, op->plan->work_dir);
  if (op->plan->application != NULL)
    {
      g_autoptr(FlinkJobClient) job = NULL;

      job = flink_cluster_client_get_job_client (client, op->plan->application->job_id, &error);
      g_assert_no_error (error);
      supervise (op->plan, op->processes, job);
      g_task_return_pointer (task, g_steal_pointer (&job), g_object_unref);
    }
  else
    {
      supervise (op->plan, op->processes, NULL);
      g_task_return_pointer (task, g_steal_pointer (&client), g_object_unref);
    }
}

static void
succeed (GTask *task)
{
  DeployOp *op = g_task_get_task_data (task);
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
  GTask *task = user_data;
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
  GTask *task = user_data;
  DeployOp *op = g_task_get_task_data (task);
  GError *error = NULL;

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
  GTask *task = user_data;
  DeployOp *op = g_task_get_task_data (task);
  g_autoptr(FlinkClusterOverview) overview = NULL;
  g_autofree char *seen = NULL;
  GError *error = NULL;
  guint taskmanagers, slots;

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
  GTask *task = user_data;
  DeployOp *op = g_task_get_task_data (task);
  GError *error = NULL;

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

typedef struct {
  GTask *task;
  char *role;
} Watch;

static void
process_exited_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Watch *watch = user_data;
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
          supervise (op->plan, op->processes, NULL);
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
  GTask *task = user_data;
  DeployOp *op = g_task_get_task_data (task);
  GError *error = NULL;

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
      Watch *watch = g_new0 (Watch, 1);

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
  DeployOp *op = g_task_get_task_data (task);
  FlinkClusterPlan *plan = op->plan;
  g_autoptr(GError) error = NULL;

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

  _flink_processes_spawn_async (plan->processes, (const char * const *) plan->env, plan->work_dir,
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
  GTask *task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  start_attempt (task);
}

static void
deploy (FlinkClusterDescriptor    *self,
        FlinkClusterSpecification *specification,
        FlinkApplicationPlan      *application,
        FlinkDeployFlags           flags,
        gpointer                   source_tag,
        const char                *name,
        GCancellable              *cancellable,
        GAsyncReadyCallback        callback,
        gpointer                   user_data)
{
  FlinkDeploySource *source = _flink_cluster_descriptor_get_deploy_source (self);
  g_autoptr(FlinkClusterSpecification) spec = NULL;
  g_autoptr(GTask) prepare = NULL;
  DeployOp *op;
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, name);

  if (source == NULL)
    {
      _flink_application_plan_free (application);
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               "This cluster descriptor names a running cluster; deploying "
                               "needs one made for a Flink distribution: new_for_distribution() "
                               "or new_for_pyflink()");
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

/**
 * flink_cluster_descriptor_deploy_session_cluster_async:
 * @self: a cluster descriptor made for a Flink distribution
 * @specification: (nullable): the cluster to deploy, or %NULL for one
 *   TaskManager and the distribution's configuration
 * @flags: attached (%FLINK_DEPLOY_FLAGS_NONE) or detached
 * @cancellable: (nullable): a #GCancellable; cancelling stops what was
 *   started
 * @callback: (scope async): called when the cluster is up, or could not
 *   come up
 * @user_data: data for @callback
 *
 * Deploys a Flink session cluster on this machine, as Flink's
 * `start-cluster.sh` does: a JobManager
 * (`StandaloneSessionClusterEntrypoint`) and
 * [property@Flink.ClusterSpecification:taskmanager-count] TaskManagers,
 * each its own JVM, bound to 127.0.0.1 on free ports, in the
 * specification's work directory (whose path is the cluster's id). The
 * callback comes once the REST API answers and every TaskManager has
 * registered its slots.
 *
 * Attached, the cluster goes away with this process, however it ends
 * (SIGKILL included); detached, it runs on until
 * [method@Flink.ClusterDescriptor.kill_cluster_async] stops it, from this
 * process or another. If the JobManager exits, the TaskManagers are
 * stopped.
 *
 * Before anything starts, the distribution, Java, the specification and
 * the ports are checked: each problem fails with its own error naming what
 * to fix.
 */
void
flink_cluster_descriptor_deploy_session_cluster_async (FlinkClusterDescriptor    *self,
                                                       FlinkClusterSpecification *specification,
                                                       FlinkDeployFlags           flags,
                                                       GCancellable              *cancellable,
                                                       GAsyncReadyCallback        callback,
                                                       gpointer                   user_data)
{
  g_return_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self));
  g_return_if_fail (specification == NULL || FLINK_IS_CLUSTER_SPECIFICATION (specification));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  deploy (self, specification, NULL, flags, flink_cluster_descriptor_deploy_session_cluster_async,
          "[flinkjob] deploy_session_cluster", cancellable, callback, user_data);
}

/**
 * flink_cluster_descriptor_deploy_session_cluster_finish:
 * @self: a cluster descriptor
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.ClusterDescriptor.deploy_session_cluster_async].
 *
 * Returns: (transfer full): a client of the new cluster, whose
 *   [method@Flink.ClusterClient.get_cluster_id] names it; or %NULL with
 *   %FLINK_ERROR_INVALID_ARGUMENT (not a Flink distribution, a bad
 *   specification), %FLINK_ERROR_NOT_FOUND (no Java), %FLINK_ERROR_NOT_SUPPORTED
 *   (a Java too old for that Flink), %FLINK_ERROR_CONFLICT (a port or the
 *   work directory taken), %FLINK_ERROR_DEPLOYMENT_FAILED (a JVM exited
 *   during start-up: the message ends with its log's last lines),
 *   %FLINK_ERROR_TIMED_OUT, or %G_IO_ERROR_CANCELLED
 */
FlinkClusterClient *
flink_cluster_descriptor_deploy_session_cluster_finish (FlinkClusterDescriptor  *self,
                                                        GAsyncResult            *result,
                                                        GError                 **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_descriptor_deploy_session_cluster_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * flink_cluster_descriptor_deploy_application_cluster_async:
 * @self: a cluster descriptor made for a Flink distribution
 * @specification: (nullable): the cluster to deploy, or %NULL for one
 *   TaskManager and the distribution's configuration
 * @jar: the job's jar
 * @options: (nullable): how to run it, as for
 *   [method@Flink.ClusterClient.run_jar_async]: entry class (else the
 *   jar's manifest's), program arguments, parallelism, job id (else a new
 *   one), and a savepoint to start from
 * @flags: attached (%FLINK_DEPLOY_FLAGS_NONE) or detached
 * @cancellable: (nullable): a #GCancellable; cancelling stops what was
 *   started
 * @callback: (scope async): called when the job is submitted, or the
 *   cluster could not come up
 * @user_data: data for @callback
 *
 * Deploys a Flink application cluster on this machine, as Flink's
 * `standalone-job.sh` does: a cluster of its own for one job, whose `main`
 * runs on the JobManager (`StandaloneApplicationClusterEntryPoint`, the jar
 * in the work directory's `usrlib/`). The callback comes once the job is
 * submitted, with its client.
 *
 * The cluster goes away when the job ends. Attached, it waits for that
 * until the job client this returns is finalized (a result being read keeps
 * it), so that [method@Flink.JobClient.get_job_execution_result_async] can
 * read the job's result and accumulators; and it goes away with this
 * process in any case. Detached, Flink shuts it down as soon as the job
 * ends (`execution.shutdown-on-application-finish`).
 *
 * Flink's application mode restores a savepoint in NO_CLAIM mode only:
 * CLAIM fails with %FLINK_ERROR_NOT_SUPPORTED.
 */
void
flink_cluster_descriptor_deploy_application_cluster_async (FlinkClusterDescriptor    *self,
                                                           FlinkClusterSpecification *specification,
                                                           GFile                     *jar,
                                                           FlinkRunOptions           *options,
                                                           FlinkDeployFlags           flags,
                                                           GCancellable              *cancellable,
                                                           GAsyncReadyCallback        callback,
                                                           gpointer                   user_data)
{
  g_return_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self));
  g_return_if_fail (specification == NULL || FLINK_IS_CLUSTER_SPECIFICATION (specification));
  g_return_if_fail (G_IS_FILE (jar));
  g_return_if_fail (options == NULL || FLINK_IS_RUN_OPTIONS (options));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (!g_file_is_native (jar))
    {
      g_autofree char *uri = g_file_get_uri (jar);
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, flink_cluster_descriptor_deploy_application_cluster_async);
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               "The job jar %s is not a local file: copy it to this machine first",
                               uri);
      return;
    }
  deploy (self, specification, _flink_application_plan_new (jar, options), flags,
          flink_cluster_descriptor_deploy_application_cluster_async,
          "[flinkjob] deploy_application_cluster", cancellable, callback, user_data);
}

/**
 * flink_cluster_descriptor_deploy_application_cluster_finish:
 * @self: a cluster descriptor
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.ClusterDescriptor.deploy_application_cluster_async].
 *
 * Returns: (transfer full): the client of the application's job, whose
 *   cluster client's [method@Flink.ClusterClient.get_cluster_id] names the
 *   cluster; or %NULL with the errors of
 *   [method@Flink.ClusterDescriptor.deploy_session_cluster_finish], and
 *   %FLINK_ERROR_NOT_FOUND for a jar or local savepoint that does not
 *   exist, %FLINK_ERROR_INVALID_ARGUMENT for a file that is not a jar or a
 *   jar without the entry class
 */
FlinkJobClient *
flink_cluster_descriptor_deploy_application_cluster_finish (FlinkClusterDescriptor  *self,
                                                            GAsyncResult            *result,
                                                            GError                 **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_descriptor_deploy_application_cluster_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Killing ------------------------------------------------------------------- */

static void
kill_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(FlinkClusterRecord) record = NULL;
  g_autofree char *marker = NULL;
  GError *error = NULL;

  record = _flink_cluster_record_load (task_data, &error);
  if (record == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  marker = g_strconcat (record->work_dir, G_DIR_SEPARATOR_S, NULL);
  if (!_flink_processes_terminate (record->processes, marker, STOP_GRACE_MS, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * flink_cluster_descriptor_kill_cluster_async:
 * @self: a cluster descriptor
 * @cluster_id: (nullable) (type filename): the id of a cluster flinkjob
 *   deployed ([method@Flink.ClusterClient.get_cluster_id]), or %NULL for
 *   the one this descriptor names
 *   ([ctor@Flink.ClusterDescriptor.new_for_cluster_id])
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the cluster's JVMs are gone
 * @user_data: data for @callback
 *
 * Stops a cluster flinkjob deployed, from this process or another, as
 * Flink's `killCluster` does: SIGTERM to each of its JVMs, which shut down
 * cleanly, then SIGKILL to those still running 10 s later. Only processes
 * that are the cluster's are signalled: each one's start time and command
 * line are checked, since pids get reused. A cluster that no longer runs
 * is no error. Its work directory, with its logs, checkpoints and
 * savepoints, is kept.
 */
void
flink_cluster_descriptor_kill_cluster_async (FlinkClusterDescriptor *self,
                                             const char             *cluster_id,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, flink_cluster_descriptor_kill_cluster_async);
  g_task_set_name (task, "[flinkjob] kill_cluster");
  if (cluster_id == NULL)
    cluster_id = _flink_cluster_descriptor_peek_cluster_id (self);
  if (cluster_id == NULL)
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               "No cluster id was given, and this descriptor names no cluster "
                               "that flinkjob deployed (make it with new_for_cluster_id())");
      return;
    }
  g_task_set_task_data (task, g_strdup (cluster_id), g_free);
  g_task_run_in_thread (task, kill_thread);
}

/**
 * flink_cluster_descriptor_kill_cluster_finish:
 * @self: a cluster descriptor
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.ClusterDescriptor.kill_cluster_async].
 *
 * Returns: %TRUE once none of the cluster's JVMs runs; %FALSE with
 *   %FLINK_ERROR_NOT_FOUND if no cluster flinkjob deployed has that id
 */
gboolean
flink_cluster_descriptor_kill_cluster_finish (FlinkClusterDescriptor  *self,
                                              GAsyncResult            *result,
                                              GError                 **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_descriptor_kill_cluster_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
