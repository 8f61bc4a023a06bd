/* flink-cluster-descriptor-deploy.c: deploying Flink clusters on this machine
 *
 * The other half of FLIP-74's ClusterDescriptor: deploy a session or an
 * application cluster and hand back its client; retrieve and kill a cluster
 * deployed earlier, from any process, by its id. Flink's standalone mode,
 * without its shell scripts: a JobManager JVM and N TaskManager JVMs on this
 * machine, bound to 127.0.0.1.
 *
 * This file holds the public API: the descriptors made for a distribution,
 * PyFlink or a cluster id, the session and application deployments, and
 * killing. The deployment itself is in flink-deploy-start.c (plan, spawn,
 * poll until up), the plan in flink-deploy-plan.c and
 * flink-deploy-config.c, and what watches a cluster once it is up in
 * flink-deploy-supervisor.c.
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
 *
 * Since: 1.0
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
 *
 * Since: 1.0
 */
FlinkClusterDescriptor *
flink_cluster_descriptor_new_for_distribution (const char *flink_home,
                                               GError    **error)
{
  g_autoptr (FlinkDeploySource) source = NULL;
  g_autofree char              *home = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (flink_home == NULL || flink_home[0] == '\0')
    {
      flink_home = g_getenv ("FLINK_HOME");
      if (flink_home == NULL || flink_home[0] == '\0')
        {
          g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               _ ("No Flink distribution was given and FLINK_HOME is not set: "
                                  "pass the directory that holds Flink's lib/, or use "
                                  "new_for_pyflink() for PyFlink's"));
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
 *
 * Since: 1.0
 */
FlinkClusterDescriptor *
flink_cluster_descriptor_new_for_pyflink (const char *python,
                                          GError    **error)
{
  g_autoptr (FlinkDeploySource) source = NULL;
  g_autofree char              *program = NULL;

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
 *
 * Since: 1.0
 */
FlinkClusterDescriptor *
flink_cluster_descriptor_new_for_cluster_id (const char *cluster_id,
                                             GError    **error)
{
  g_autoptr (FlinkClusterRecord) record = NULL;
  FlinkClusterDescriptor        *self;

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
 *
 * Since: 1.0
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
 *
 * Since: 1.0
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
 *
 * Since: 1.0
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
 *
 * Since: 1.0
 */
const char *
flink_cluster_descriptor_get_cluster_id (FlinkClusterDescriptor *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), NULL);
  return _flink_cluster_descriptor_peek_cluster_id (self);
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
 *
 * Since: 1.0
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

  _flink_deploy_start (self, specification, NULL, flags, flink_cluster_descriptor_deploy_session_cluster_async,
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
 *
 * Since: 1.0
 */
FlinkClusterClient *
flink_cluster_descriptor_deploy_session_cluster_finish (FlinkClusterDescriptor *self,
                                                        GAsyncResult           *result,
                                                        GError                **error)
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
 *
 * Since: 1.0
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
      g_autofree char  *uri = g_file_get_uri (jar);
      g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, flink_cluster_descriptor_deploy_application_cluster_async);
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               _ ("The job jar %s is not a local file: copy it to this machine first"),
                               uri);
      return;
    }
  _flink_deploy_start (self, specification, _flink_application_plan_new (jar, options), flags,
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
 *
 * Since: 1.0
 */
FlinkJobClient *
flink_cluster_descriptor_deploy_application_cluster_finish (FlinkClusterDescriptor *self,
                                                            GAsyncResult           *result,
                                                            GError                **error)
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
  g_autoptr (FlinkClusterRecord) record = NULL;
  g_autofree char               *marker = NULL;
  GError                        *error = NULL;

  record = _flink_cluster_record_load (task_data, &error);
  if (record == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  marker = g_strconcat (record->work_dir, G_DIR_SEPARATOR_S, NULL);
  if (!_flink_processes_terminate (record->processes, marker, FLINK_DEPLOY_STOP_GRACE_MS, cancellable, &error))
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
 *
 * Since: 1.0
 */
void
flink_cluster_descriptor_kill_cluster_async (FlinkClusterDescriptor *self,
                                             const char             *cluster_id,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data)
{
  g_autoptr (GTask) task = NULL;

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
                               _ ("No cluster id was given, and this descriptor names no cluster "
                                  "that flinkjob deployed (make it with new_for_cluster_id())"));
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
 *
 * Since: 1.0
 */
gboolean
flink_cluster_descriptor_kill_cluster_finish (FlinkClusterDescriptor *self,
                                              GAsyncResult           *result,
                                              GError                **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_descriptor_kill_cluster_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
