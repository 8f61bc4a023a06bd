/* flink-deploy-plan.c: everything a deployment checks and writes before a
 * JVM starts
 *
 * A cluster lives in its work directory, whose absolute path is its id:
 *
 *   conf/config.yaml        the distribution's configuration, flinkjob's
 *                           keys (addresses, ports, directories), then the
 *                           caller's
 *   conf/log4j.properties   everything to log/ROLE.log
 *   log/                    ROLE.log and ROLE.out (stdout and stderr)
 *   checkpoints/ savepoints/ tmp/
 *   usrlib/ lib -> FLINK_HOME/lib   application mode: the job's jar, found
 *                           by Flink as in its Docker images
 *   cluster.ini             what another process needs to retrieve or kill
 *                           the cluster: its URL, its JVMs' pids and start
 *                           times
 *
 * The record (cluster.ini) is written by flink-deploy-record.c, the
 * configuration by flink-deploy-config.c.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
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
#include "flink-zip-private.h"
#include "flink-i18n-private.h"

#define MiB G_GUINT64_CONSTANT (1048576)
#define DEFAULT_JOBMANAGER_MEMORY (1600 * MiB)
#define DEFAULT_TASKMANAGER_MEMORY (1728 * MiB)
#define LOCALHOST "127.0.0.1"
#define LOG_TAIL_LINES 25
#define OUT_TAIL_LINES 10
#define CONFLICT_SCAN_LINES 200

#define SESSION_ENTRYPOINT "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint"
#define APPLICATION_ENTRYPOINT "org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint"
#define TASKMANAGER_RUNNER "org.apache.flink.runtime.taskexecutor.TaskManagerRunner"

static const char log4j_properties[] =
  "# Written by flinkjob: each process logs to ${sys:log.file}.\n"
  "monitorInterval = 0\n"
  "rootLogger.level = INFO\n"
  "rootLogger.appenderRef.file.ref = MainAppender\n"
  "logger.pekko.name = org.apache.pekko\n"
  "logger.pekko.level = INFO\n"
  "logger.zookeeper.name = org.apache.zookeeper\n"
  "logger.zookeeper.level = WARN\n"
  "logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline\n"
  "logger.netty.level = OFF\n"
  "appender.main.name = MainAppender\n"
  "appender.main.type = File\n"
  "appender.main.append = true\n"
  "appender.main.fileName = ${sys:log.file}\n"
  "appender.main.layout.type = PatternLayout\n"
  "appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n\n";

/* ---- Plans -------------------------------------------------------------- */

static void
process_plan_free (FlinkProcessPlan *plan)
{
  g_free (plan->role);
  g_strfreev (plan->argv);
  g_free (plan->out_file);
  g_free (plan->log_file);
  g_free (plan);
}

FlinkApplicationPlan *
_flink_application_plan_new (GFile           *jar,
                             FlinkRunOptions *options)
{
  FlinkApplicationPlan *plan = g_new0 (FlinkApplicationPlan, 1);

  plan->jar_path = g_file_get_path (jar);
  if (options != NULL)
    {
      plan->entry_class = g_strdup (flink_run_options_get_entry_class (options));
      plan->program_args = g_strdupv ((GStrv) flink_run_options_get_program_args (options));
      plan->parallelism = flink_run_options_get_parallelism (options);
      plan->job_id = g_strdup (flink_run_options_get_job_id (options));
      plan->savepoint_path = g_strdup (flink_run_options_get_savepoint_path (options));
      plan->allow_non_restored_state = flink_run_options_get_allow_non_restored_state (options);
      plan->claim_mode = flink_run_options_get_claim_mode (options);
    }
  return plan;
}

void
_flink_application_plan_free (FlinkApplicationPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->entry_class);
  g_strfreev (plan->program_args);
  g_free (plan->job_id);
  g_free (plan->savepoint_path);
  g_free (plan->jar_path);
  g_free (plan);
}

FlinkClusterPlan *
_flink_cluster_plan_new (FlinkDeploySource         *source,
                         FlinkClusterSpecification *spec,
                         gboolean                   detached,
                         FlinkApplicationPlan      *application)
{
  FlinkClusterPlan *plan = g_new0 (FlinkClusterPlan, 1);

  plan->source = source;
  plan->spec = spec;
  plan->detached = detached;
  plan->application = application;
  plan->startup_timeout = flink_cluster_specification_get_startup_timeout (spec);
  plan->taskmanagers = flink_cluster_specification_get_taskmanager_count (spec);
  plan->processes = g_ptr_array_new_with_free_func ((GDestroyNotify) process_plan_free);
  return plan;
}

void
_flink_cluster_plan_free (FlinkClusterPlan *plan)
{
  if (plan == NULL)
    return;
  _flink_deploy_source_free (plan->source);
  g_clear_object (&plan->spec);
  _flink_application_plan_free (plan->application);
  _flink_distribution_free (plan->dist);
  _flink_java_free (plan->java);
  g_free (plan->work_dir);
  g_free (plan->conf_dir);
  g_free (plan->log_dir);
  g_clear_pointer (&plan->config, g_hash_table_unref);
  g_free (plan->url);
  g_strfreev (plan->env);
  g_ptr_array_unref (plan->processes);
  _flink_cluster_record_free (plan->record);
  g_free (plan);
}

/* ---- Checks ------------------------------------------------------------- */

static char *
local_path_of (const char *location)
{
  if (g_str_has_prefix (location, "file://"))
    return g_filename_from_uri (location, NULL, NULL);
  if (g_str_has_prefix (location, "file:"))
    return g_strdup (location + strlen ("file:"));
  if (g_path_is_absolute (location))
    return g_strdup (location);
  return NULL;
}

static gboolean
check_application (FlinkClusterPlan *plan,
                   GCancellable     *cancellable,
                   GError          **error)
{
  FlinkApplicationPlan *app = plan->application;
  g_autoptr (GFile)     jar = g_file_new_for_path (app->jar_path);
  g_autoptr (FlinkZip)  zip = NULL;
  g_autoptr (GError)    local_error = NULL;
  g_autofree char      *entry = NULL;

  if (app->claim_mode == FLINK_CLAIM_MODE_CLAIM && app->savepoint_path != NULL)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED,
                           _ ("Flink's application mode (StandaloneApplicationClusterEntryPoint) "
                              "restores savepoints in NO_CLAIM mode only: unset the run options' "
                              "claim-mode, or deploy a session cluster and run the jar there"));
      return FALSE;
    }
  if (app->job_id != NULL && !flink_job_id_is_valid (app->job_id))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("“%s” is not a Flink job id (32 hexadecimal characters): fix the run "
                      "options' job-id"),
                   app->job_id);
      return FALSE;
    }
  if (app->savepoint_path != NULL)
    {
      g_autofree char *local = local_path_of (app->savepoint_path);

      if (local != NULL && !g_file_test (local, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND,
                       _ ("The savepoint to start from, %s, does not exist"), app->savepoint_path);
          return FALSE;
        }
    }

  if (!g_file_query_exists (jar, cancellable))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND,
                   _ ("The job jar %s does not exist"), app->jar_path);
      return FALSE;
    }
  zip = _flink_zip_open (jar, cancellable, &local_error);
  if (zip == NULL)
    {
      if (local_error->domain == FLINK_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                     _ ("Cannot read the job jar %s: %s"), app->jar_path, local_error->message);
      return FALSE;
    }
  if (app->entry_class == NULL)
    {
      app->entry_class = _flink_zip_get_main_class (zip, cancellable, error);
      if (app->entry_class == NULL)
        {
          if (error == NULL || *error == NULL)
            g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                         _ ("The job jar %s names no entry class in its manifest (Main-Class "
                            "or program-class): set the run options' entry-class"),
                         app->jar_path);
          return FALSE;
        }
    }
  {
    g_autofree char *path = g_strdelimit (g_strdup (app->entry_class), ".", '/');
    entry = g_strconcat (path, ".class", NULL);
  }
  if (!_flink_zip_has_entry (zip, entry))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("The job jar %s has no class %s (no entry %s): fix the run options' "
                      "entry-class"),
                   app->jar_path, app->entry_class, entry);
      return FALSE;
    }
  if (app->job_id == NULL)
    app->job_id = _flink_id_new_random ();
  return TRUE;
}

static gboolean
find_flink_and_java (FlinkClusterPlan *plan,
                     GCancellable     *cancellable,
                     GError          **error)
{
  g_autofree char *home = NULL;

  if (plan->source->flink_home != NULL)
    home = g_strdup (plan->source->flink_home);
  else
    home = _flink_distribution_find_pyflink (plan->source->python, cancellable, error);
  if (home == NULL)
    return FALSE;
  plan->dist = _flink_distribution_load (home, cancellable, error);
  if (plan->dist == NULL)
    return FALSE;
  plan->java = _flink_java_find (plan->source->java_home, cancellable, error);
  return plan->java != NULL && _flink_java_check (plan->java, plan->dist, error);
}

/* ---- Ports -------------------------------------------------------------- */

static GSocket *
bind_port (const char *address,
           guint       port,
           GError    **error)
{
  g_autoptr (GInetAddress)   inet = g_inet_address_new_from_string (address);
  g_autoptr (GSocketAddress) socket_address = NULL;
  g_autoptr (GSocket)        socket = NULL;

  if (inet == NULL)
    inet = g_inet_address_new_from_string (LOCALHOST);
  socket = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return NULL;
  socket_address = g_inet_socket_address_new (inet, port);
  /* Java's server sockets set SO_REUSEADDR too. */
  if (!g_socket_bind (socket, socket_address, TRUE, error))
    return NULL;
  return g_steal_pointer (&socket);
}

static guint
socket_port (GSocket *socket)
{
  g_autoptr (GSocketAddress) address = g_socket_get_local_address (socket, NULL);

  return address ? g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)) : 0;
}

/* A port the caller fixed must be free now; one of ours is picked free. */
static gboolean
choose_port (FlinkClusterPlan *plan,
             GHashTable       *user_config,
             const char       *key,
             const char       *bind_key,
             GPtrArray        *held,
             guint            *out_port,
             gboolean         *out_fixed,
             GError          **error)
{
  const char         *text = g_hash_table_lookup (user_config, key);
  const char         *address = g_hash_table_lookup (plan->config, bind_key);
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GError)  local_error = NULL;
  guint64             port = 0;

  if (address == NULL || g_hostname_is_ip_address (address) == FALSE)
    address = LOCALHOST;
  if (text != NULL)
    {
      if (!g_ascii_string_to_unsigned (text, 10, 1, 65535, &port, NULL))
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                       _ ("%s is “%s”, not a port number"), key, text);
          return FALSE;
        }
      socket = bind_port (address, (guint) port, &local_error);
      if (socket == NULL)
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_CONFLICT,
                       _ ("%s %u is taken on %s (%s): choose another port, or leave %s unset "
                          "for a free one"),
                       key, (guint) port, address, local_error->message, key);
          return FALSE;
        }
      *out_fixed = TRUE;
    }
  else
    {
      socket = bind_port (address, 0, error);
      if (socket == NULL)
        return FALSE;
      port = socket_port (socket);
      *out_fixed = FALSE;
    }
  /* Held until every port is chosen, so that two picks differ. */
  g_ptr_array_add (held, g_steal_pointer (&socket));
  *out_port = (guint) port;
  return TRUE;
}

/* ---- Files -------------------------------------------------------------- */

static gboolean
make_dirs (FlinkClusterPlan *plan,
           GError          **error)
{
  const char *names[] = { "conf", "log", "checkpoints", "savepoints", "tmp", "usrlib" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (plan->work_dir, names[i], NULL);

      if (g_mkdir_with_parents (path, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                       _ ("Cannot make %s: %s"), path, g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_file (const char   *path,
            const char   *text,
            GCancellable *cancellable,
            GError      **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE,
                                  NULL, cancellable, error);
}

/* Application mode finds the job's jar in usrlib/ next to the lib/ that
 * $FLINK_LIB_DIR names, as in Flink's Docker images: usrlib/ gets a copy
 * (the caller may change the jar afterwards) and lib/ is a link. */
static gboolean
install_jar (FlinkClusterPlan *plan,
             GCancellable     *cancellable,
             GError          **error)
{
  g_autofree char            *usrlib_path = g_build_filename (plan->work_dir, "usrlib", NULL);
  g_autofree char            *lib_path = g_build_filename (plan->work_dir, "lib", NULL);
  g_autofree char            *name = g_path_get_basename (plan->application->jar_path);
  g_autoptr (GFile)           usrlib = g_file_new_for_path (usrlib_path);
  g_autoptr (GFile)           lib = g_file_new_for_path (lib_path);
  g_autoptr (GFile)           source = g_file_new_for_path (plan->application->jar_path);
  g_autoptr (GFile)           target = g_file_get_child (usrlib, name);
  g_autoptr (GFileEnumerator) enumerator = NULL;
  GFileInfo                  *info;

  /* Jars of an earlier deployment in this directory would join the job's
   * classpath. */
  enumerator = g_file_enumerate_children (usrlib, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, error);
  if (enumerator == NULL)
    return FALSE;
  while ((info = g_file_enumerator_next_file (enumerator, cancellable, NULL)) != NULL)
    {
      g_autoptr (GFile) old = g_file_get_child (usrlib, g_file_info_get_name (info));

      g_file_delete (old, cancellable, NULL);
      g_object_unref (info);
    }
  if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, error))
    return FALSE;

  g_file_delete (lib, cancellable, NULL);
  return g_file_make_symbolic_link (lib, plan->dist->lib_dir, cancellable, error);
}

/* ---- Command lines ------------------------------------------------------ */

static void
add (GPtrArray  *argv,
     const char *arg)
{
  g_ptr_array_add (argv, g_strdup (arg));
}

static void
add_all (GPtrArray *argv,
         GPtrArray *args)
{
  for (guint i = 0; i < args->len; i++)
    add (argv, g_ptr_array_index (args, i));
}

static void
add_properties (GPtrArray *argv,
                GPtrArray *properties)
{
  for (guint i = 0; i < properties->len; i++)
    {
      add (argv, "-D");
      add (argv, g_ptr_array_index (properties, i));
    }
}

static FlinkProcessPlan *
start_process (FlinkClusterPlan *plan,
               const char       *role,
               const char       *java_role,
               GPtrArray        *memory_args,
               GPtrArray        *argv)
{
  FlinkProcessPlan *process = g_new0 (FlinkProcessPlan, 1);
  g_auto (GStrv)    options = _flink_distribution_jvm_options (plan->dist, plan->java, plan->config, java_role);
  g_autofree char  *classpath = g_strjoinv (G_SEARCHPATH_SEPARATOR_S, plan->dist->classpath);
  g_autofree char  *log4j = g_build_filename (plan->conf_dir, "log4j.properties", NULL);
  g_autofree char  *log_name = g_strconcat (role, ".log", NULL);
  g_autofree char  *out_name = g_strconcat (role, ".out", NULL);

  process->role = g_strdup (role);
  process->log_file = g_build_filename (plan->log_dir, log_name, NULL);
  process->out_file = g_build_filename (plan->log_dir, out_name, NULL);

  add (argv, plan->java->java);
  add_all (argv, memory_args);
  for (guint i = 0; options[i] != NULL; i++)
    add (argv, options[i]);
  g_ptr_array_add (argv, g_strconcat ("-Dlog.file=", process->log_file, NULL));
  g_ptr_array_add (argv, g_strconcat ("-Dlog4j.configuration=file:", log4j, NULL));
  g_ptr_array_add (argv, g_strconcat ("-Dlog4j.configurationFile=file:", log4j, NULL));
  add (argv, "-classpath");
  add (argv, classpath);
  return process;
}

static void
finish_process (FlinkClusterPlan *plan,
                FlinkProcessPlan *process,
                GPtrArray        *argv)
{
  g_ptr_array_add (argv, NULL);
  process->argv = (GStrv) g_ptr_array_free (argv, FALSE);
  g_ptr_array_add (plan->processes, process);
}

static gboolean
plan_processes (FlinkClusterPlan *plan,
                GError          **error)
{
  FlinkJobManagerMemory  jm;
  FlinkTaskManagerMemory tm;
  guint64                jm_size, tm_size;
  g_autoptr (GPtrArray)  jm_args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray)  jm_properties = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray)  tm_args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray)  tm_properties = g_ptr_array_new_with_free_func (g_free);
  const char            *cores = g_hash_table_lookup (plan->config, "taskmanager.cpu.cores");
  g_autofree char       *default_cores = g_strdup_printf ("%u.0", plan->slots);
  FlinkProcessPlan      *process;
  GPtrArray             *argv;

  if (!_flink_deploy_config_read_size (plan->config, "jobmanager.memory.process.size",
                                       flink_cluster_specification_get_jobmanager_memory_mb (plan->spec),
                                       DEFAULT_JOBMANAGER_MEMORY, &jm_size, error) ||
      !_flink_deploy_config_read_size (plan->config, "taskmanager.memory.process.size",
                                       flink_cluster_specification_get_taskmanager_memory_mb (plan->spec),
                                       DEFAULT_TASKMANAGER_MEMORY, &tm_size, error) ||
      !_flink_jobmanager_memory_derive (plan->config, jm_size, &jm, error) ||
      !_flink_taskmanager_memory_derive (plan->config, tm_size, &tm, error))
    return FALSE;
  _flink_deploy_config_set_take (plan->config, "jobmanager.memory.process.size",
                                 g_strdup_printf ("%" G_GUINT64_FORMAT "b", jm_size));
  _flink_deploy_config_set_take (plan->config, "taskmanager.memory.process.size",
                                 g_strdup_printf ("%" G_GUINT64_FORMAT "b", tm_size));
  _flink_jobmanager_memory_to_args (&jm, jm_args, jm_properties);
  _flink_taskmanager_memory_to_args (&tm, plan->slots, cores ? cores : default_cores,
                                     tm_args, tm_properties);

  g_ptr_array_set_size (plan->processes, 0);

  argv = g_ptr_array_new_with_free_func (g_free);
  process = start_process (plan, "jobmanager", "jobmanager", jm_args, argv);
  add (argv, plan->application ? APPLICATION_ENTRYPOINT : SESSION_ENTRYPOINT);
  add (argv, "--configDir");
  add (argv, plan->conf_dir);
  add_properties (argv, jm_properties);
  if (plan->application != NULL)
    {
      FlinkApplicationPlan *app = plan->application;

      add (argv, "--job-classname");
      add (argv, app->entry_class);
      add (argv, "--job-id");
      add (argv, app->job_id);
      if (app->savepoint_path != NULL)
        {
          add (argv, "--fromSavepoint");
          add (argv, app->savepoint_path);
          if (app->allow_non_restored_state)
            add (argv, "--allowNonRestoredState");
        }
      /* The entry point's parser stops at "--": the program's arguments
       * follow, whatever they look like. */
      add (argv, "--");
      for (guint i = 0; app->program_args != NULL && app->program_args[i] != NULL; i++)
        add (argv, app->program_args[i]);
    }
  finish_process (plan, process, argv);

  for (guint i = 1; i <= plan->taskmanagers; i++)
    {
      g_autofree char *role = g_strdup_printf ("taskmanager-%u", i);

      argv = g_ptr_array_new_with_free_func (g_free);
      process = start_process (plan, role, "taskmanager", tm_args, argv);
      add (argv, TASKMANAGER_RUNNER);
      add (argv, "--configDir");
      add (argv, plan->conf_dir);
      add (argv, "-D");
      /* Named so that a host name that does not resolve is no obstacle. */
      g_ptr_array_add (argv, g_strconcat ("taskmanager.resource-id=", role, NULL));
      add_properties (argv, tm_properties);
      finish_process (plan, process, argv);
    }
  return TRUE;
}

static GStrv
make_env (FlinkClusterPlan *plan)
{
  GStrv env = g_get_environ ();

  env = g_environ_setenv (env, "FLINK_HOME", plan->dist->home, TRUE);
  env = g_environ_setenv (env, "FLINK_CONF_DIR", plan->conf_dir, TRUE);
  env = g_environ_setenv (env, "FLINK_LOG_DIR", plan->log_dir, TRUE);
  env = g_environ_setenv (env, "JAVA_HOME", plan->java->home, TRUE);
  if (plan->application != NULL)
    {
      g_autofree char *lib = g_build_filename (plan->work_dir, "lib", NULL);
      env = g_environ_setenv (env, "FLINK_LIB_DIR", lib, TRUE);
    }
  else
    env = g_environ_setenv (env, "FLINK_LIB_DIR", plan->dist->lib_dir, TRUE);
  if (plan->dist->plugins_dir != NULL)
    env = g_environ_setenv (env, "FLINK_PLUGINS_DIR", plan->dist->plugins_dir, TRUE);
  if (plan->dist->opt_dir != NULL)
    env = g_environ_setenv (env, "FLINK_OPT_DIR", plan->dist->opt_dir, TRUE);
  return env;
}

/* Ports, configuration, files and command lines: what a retry redoes. */
static gboolean
configure (FlinkClusterPlan *plan,
           GCancellable     *cancellable,
           GError          **error)
{
  GHashTable           *user = _flink_cluster_specification_get_config_table (plan->spec);
  g_autoptr (GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char      *yaml = NULL;
  g_autofree char      *config_path = NULL;
  g_autofree char      *log4j_path = NULL;
  guint                 rpc_port;
  gboolean              rpc_fixed;

  if (!_flink_cluster_plan_build_config (plan, error) ||
      !choose_port (plan, user, "rest.port", "rest.bind-address", held,
                    &plan->rest_port, &plan->rest_port_fixed, error) ||
      !choose_port (plan, user, "jobmanager.rpc.port", "jobmanager.bind-host", held,
                    &rpc_port, &rpc_fixed, error))
    return FALSE;
  _flink_deploy_config_set_take (plan->config, "rest.port", g_strdup_printf ("%u", plan->rest_port));
  _flink_deploy_config_set_take (plan->config, "jobmanager.rpc.port", g_strdup_printf ("%u", rpc_port));

  g_free (plan->url);
  plan->url = _flink_config_to_url (plan->config, "the cluster's configuration", error);
  if (plan->url == NULL || !plan_processes (plan, error))
    return FALSE;

  yaml = _flink_deploy_config_to_yaml (plan->config);
  config_path = g_build_filename (plan->conf_dir, "config.yaml", NULL);
  log4j_path = g_build_filename (plan->conf_dir, "log4j.properties", NULL);
  if (!write_file (config_path, yaml, cancellable, error) ||
      !write_file (log4j_path, log4j_properties, cancellable, error))
    return FALSE;

  g_strfreev (plan->env);
  plan->env = make_env (plan);

  _flink_cluster_record_free (plan->record);
  plan->record = _flink_cluster_record_new (plan->work_dir);
  plan->record->url = g_strdup (plan->url);
  plan->record->mode = g_strdup (plan->application ? "application" : "session");
  plan->record->flink_version = g_strdup (plan->dist->version);
  plan->record->job_id = g_strdup (plan->application ? plan->application->job_id : NULL);
  plan->record->detached = plan->detached;
  return _flink_cluster_record_save (plan->record, error);
}

static gboolean
choose_work_dir (FlinkClusterPlan *plan,
                 GError          **error)
{
  const char        *wanted = flink_cluster_specification_get_work_directory (plan->spec);
  g_autoptr (GError) local_error = NULL;

  if (wanted == NULL)
    {
      g_autofree char *made = g_dir_make_tmp ("flinkjob-cluster-XXXXXX", &local_error);

      if (made == NULL)
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_FAILED,
                       _ ("Cannot make a work directory for the cluster: %s"), local_error->message);
          return FALSE;
        }
      plan->work_dir = g_canonicalize_filename (made, NULL);
    }
  else
    {
      g_autoptr (FlinkClusterRecord) previous = NULL;
      g_autoptr (GPtrArray)          alive = NULL;

      plan->work_dir = g_canonicalize_filename (wanted, NULL);
      previous = _flink_cluster_record_load (plan->work_dir, NULL);
      if (previous != NULL && (alive = _flink_cluster_record_alive (previous))->len > 0)
        {
          FlinkRecordedProcess *process = g_ptr_array_index (alive, 0);

          g_set_error (error, FLINK_ERROR, FLINK_ERROR_CONFLICT,
                       _ ("A cluster still runs in %s (its %s, pid %d): kill it first, or "
                          "choose another work directory"),
                       plan->work_dir, process->role,
                       (int) process->pid);
          return FALSE;
        }
    }
  plan->conf_dir = g_build_filename (plan->work_dir, "conf", NULL);
  plan->log_dir = g_build_filename (plan->work_dir, "log", NULL);
  return make_dirs (plan, error);
}

gboolean
_flink_cluster_plan_prepare (FlinkClusterPlan *plan,
                             GCancellable     *cancellable,
                             GError          **error)
{
  /* Whatever can be wrong with the input is found before anything is
   * written. */
  if (!find_flink_and_java (plan, cancellable, error) ||
      (plan->application != NULL && !check_application (plan, cancellable, error)))
    return FALSE;
  if (!choose_work_dir (plan, error) || !configure (plan, cancellable, error))
    return FALSE;
  return plan->application == NULL || install_jar (plan, cancellable, error);
}

gboolean
_flink_cluster_plan_retry (FlinkClusterPlan *plan,
                           GCancellable     *cancellable,
                           GError          **error)
{
  g_autofree char  *name = g_strdup_printf ("log.failed-%u", plan->attempt);
  g_autofree char  *aside = g_build_filename (plan->work_dir, name, NULL);
  g_autoptr (GFile) log = g_file_new_for_path (plan->log_dir);
  g_autoptr (GFile) target = g_file_new_for_path (aside);

  if (!g_file_move (log, target, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, error) ||
      !make_dirs (plan, error))
    return FALSE;
  plan->attempt++;
  return configure (plan, cancellable, error);
}

gboolean
_flink_cluster_plan_port_conflict (FlinkClusterPlan *plan)
{
  static const char *const markers[] = {
    "BindException",
    "Address already in use",
    "Failed to bind",
  };

  for (guint i = 0; i < plan->processes->len; i++)
    {
      FlinkProcessPlan *process = g_ptr_array_index (plan->processes, i);
      const char       *files[] = { process->log_file, process->out_file };

      for (guint f = 0; f < G_N_ELEMENTS (files); f++)
        {
          g_autofree char *tail = _flink_read_tail (files[f], CONFLICT_SCAN_LINES);

          for (guint m = 0; tail != NULL && m < G_N_ELEMENTS (markers); m++)
            if (strstr (tail, markers[m]) != NULL)
              return TRUE;
        }
    }
  return FALSE;
}

char *
_flink_cluster_plan_describe_logs (FlinkClusterPlan *plan,
                                   const char       *role)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < plan->processes->len; i++)
    {
      FlinkProcessPlan *process = g_ptr_array_index (plan->processes, i);
      g_autofree char  *out = NULL;
      g_autofree char  *log = NULL;

      if (role != NULL && g_strcmp0 (process->role, role) != 0)
        continue;
      out = _flink_read_tail (process->out_file, OUT_TAIL_LINES);
      log = _flink_read_tail (process->log_file, LOG_TAIL_LINES);
      if (out != NULL && out[0] != '\0')
        g_string_append_printf (text, "\n--- last lines of %s ---\n%s", process->out_file, out);
      if (log != NULL && log[0] != '\0')
        g_string_append_printf (text, "\n--- last lines of %s ---\n%s", process->log_file, log);
      if ((out == NULL || out[0] == '\0') && (log == NULL || log[0] == '\0'))
        g_string_append_printf (text, "\n(%s and %s are empty)", process->out_file, process->log_file);
    }
  return g_utf8_make_valid (text->str, text->len);
}
