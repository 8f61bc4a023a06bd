/* flinkjob-builtins-deploy.c: the commands that deploy Flink on this
 * machine: cluster start, cluster stop, run-application
 *
 * They use FlinkClusterDescriptor's deploy half: a descriptor made for a
 * Flink distribution (--flink-home, else FLINK_HOME) deploys a session or
 * an application cluster; one made for a cluster id stops it. A deployment
 * that fails (no Flink, no Java, a port in use, a JVM that died) is exit
 * status 6.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "flinkjob"

#include "config.h"
#include <glib/gi18n.h>

#include <stdio.h>
#include <string.h>

#include "flinkjob-builtins.h"

/* ---- What a deployment needs: options shared by both commands ------------- */

static char    *flink_home;
static char    *java_home;
static char    *work_dir;
static char   **config_pairs;
static gboolean detach;
static guint    taskmanagers;
static guint    slots;
static guint    jobmanager_memory;
static guint    taskmanager_memory;

static gboolean
parse_taskmanagers_cb (const char *option_name,
                       const char *value,
                       gpointer    data,
                       GError    **error)
{
  return fj_parse_whole_number ("--taskmanagers", value, 1, 256, &taskmanagers, error);
}

static gboolean
parse_slots_cb (const char *option_name,
                const char *value,
                gpointer    data,
                GError    **error)
{
  return fj_parse_whole_number ("--slots", value, 1, 1024, &slots, error);
}

static gboolean
parse_jobmanager_memory_cb (const char *option_name,
                            const char *value,
                            gpointer    data,
                            GError    **error)
{
  return fj_parse_whole_number ("--jobmanager-memory", value, 1, 1024 * 1024,
                                &jobmanager_memory, error);
}

static gboolean
parse_taskmanager_memory_cb (const char *option_name,
                             const char *value,
                             gpointer    data,
                             GError    **error)
{
  return fj_parse_whole_number ("--taskmanager-memory", value, 1, 1024 * 1024,
                                &taskmanager_memory, error);
}

#define DEPLOY_ENTRIES                                                                       \
  { "flink-home", 0, 0, G_OPTION_ARG_FILENAME, &flink_home,                                  \
    "The Flink distribution to run (default: FLINK_HOME)", "DIR" },                          \
    { "java-home", 0, 0, G_OPTION_ARG_FILENAME, &java_home,                                  \
      "The Java to run it with (default: JAVA_HOME, else java on the PATH)", "DIR" },        \
    { "taskmanagers", 'n', 0, G_OPTION_ARG_CALLBACK, parse_taskmanagers_cb,                  \
      "How many TaskManagers to start (default 1)", "N" },                                   \
    { "slots", 0, 0, G_OPTION_ARG_CALLBACK, parse_slots_cb,                                  \
      "Task slots per TaskManager (default 1)", "M" },                                       \
    { "jobmanager-memory", 0, 0, G_OPTION_ARG_CALLBACK, parse_jobmanager_memory_cb,          \
      "The JobManager's process size in MiB", "MB" },                                        \
    { "taskmanager-memory", 0, 0, G_OPTION_ARG_CALLBACK, parse_taskmanager_memory_cb,        \
      "Each TaskManager's process size in MiB", "MB" },                                      \
    { "work-dir", 0, 0, G_OPTION_ARG_FILENAME, &work_dir,                                    \
      "The cluster's work directory: its configuration, logs and id (default: a new "        \
      "directory under TMPDIR)",                                                             \
      "DIR" },                                                                               \
    { "detach", 'd', 0, G_OPTION_ARG_NONE, &detach,                                          \
      "Leave the cluster running when flinkjob exits; stop it with “flinkjob cluster stop”", \
      NULL },                                                                                \
    { "config", 'D', 0, G_OPTION_ARG_STRING_ARRAY, &config_pairs,                            \
      "Set a key of the cluster's config.yaml (repeatable), e.g. -D "                        \
      "parallelism.default=2",                                                               \
      "KEY=VALUE" }

/* The specification the options describe, or a usage error. */
static FlinkClusterSpecification *
make_specification (const FjCommand *command)
{
  g_autoptr (FlinkClusterSpecification) spec = flink_cluster_specification_new ();

  if (taskmanagers > 0)
    flink_cluster_specification_set_taskmanager_count (spec, taskmanagers);
  if (slots > 0)
    flink_cluster_specification_set_slots_per_taskmanager (spec, slots);
  if (jobmanager_memory > 0)
    flink_cluster_specification_set_jobmanager_memory_mb (spec, jobmanager_memory);
  if (taskmanager_memory > 0)
    flink_cluster_specification_set_taskmanager_memory_mb (spec, taskmanager_memory);
  if (work_dir != NULL)
    flink_cluster_specification_set_work_directory (spec, work_dir);
  for (guint i = 0; config_pairs != NULL && config_pairs[i] != NULL; i++)
    {
      const char      *pair = config_pairs[i];
      const char      *equals = strchr (pair, '=');
      g_autofree char *key = NULL;

      if (equals == NULL || equals == pair)
        {
          fj_usage_error (command, _ ("-D takes KEY=VALUE, not “%s”"), pair);
          return NULL;
        }
      key = g_strstrip (g_strndup (pair, equals - pair));
      flink_cluster_specification_set_config (spec, key, equals + 1);
    }
  return g_steal_pointer (&spec);
}

static int
make_descriptor (FlinkClusterDescriptor **out_descriptor)
{
  g_autoptr (FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr (GError)                 error = NULL;

  descriptor = flink_cluster_descriptor_new_for_distribution (flink_home, &error);
  if (descriptor == NULL)
    return fj_fail_deploy (error);
  if (java_home != NULL)
    flink_cluster_descriptor_set_java_home (descriptor, java_home);
  flink_cluster_descriptor_set_user_agent (descriptor, "flinkjob-cli/" FLINKJOB_VERSION_STRING);
  *out_descriptor = g_steal_pointer (&descriptor);
  return FJ_EXIT_OK;
}

/* Stops the cluster that this run deployed attached, with a cancellable of
 * its own: the command's may be cancelled already (Ctrl-C). */
static gboolean
kill_cluster (const char *cluster_id,
              GError    **error)
{
  g_autoptr (FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr (GAsyncResult)           result = NULL;

  descriptor = flink_cluster_descriptor_new_for_cluster_id (cluster_id, error);
  if (descriptor == NULL)
    return FALSE;
  flink_cluster_descriptor_kill_cluster_async (descriptor, NULL, NULL, fj_store_result_cb, &result);
  return flink_cluster_descriptor_kill_cluster_finish (descriptor, fj_await (&result), error);
}

/* The deadline (--timeout) bounds the start; an attached cluster then runs
 * until Ctrl-C. */
static void
end_deadline (void)
{
  if (fj.timeout_source != 0)
    g_source_remove (fj.timeout_source);
  fj.timeout_source = 0;
}

/* ---- cluster start -------------------------------------------------------- */

/* How often an attached cluster start checks that the JobManager is there. */
#define ATTACHED_CHECK_MS 5000

/* FALSE only when nothing listens on the cluster's REST port any more: a
 * slow or busy JobManager still counts as there. */
static gboolean
jobmanager_answers (FlinkClusterClient *client)
{
  g_autoptr (FlinkClusterOverview) overview = NULL;
  g_autoptr (GAsyncResult)         result = NULL;
  g_autoptr (GError)               error = NULL;

  flink_cluster_client_get_overview_async (client, fj.cancellable, fj_store_result_cb, &result);
  overview = flink_cluster_client_get_overview_finish (client, fj_await (&result), &error);
  return !g_error_matches (error, FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED);
}

static void
started_text (JsonObject *result)
{
  const char *cluster_id = fj_get_string (result, "cluster_id");

  /* The URL alone on stdout: url=$(flinkjob cluster start --detach). */
  fj_print_line ("%s", fj_get_string (result, "url"));
  if (fj_get_int (result, "detached"))
    fprintf (stderr, "Cluster %s runs until “flinkjob cluster stop %s”.\n", cluster_id, cluster_id);
  else
    fprintf (stderr, "Cluster %s runs until Ctrl-C.\n", cluster_id);
}

static int
cluster_start (const FjCommand *command,
               int              argc,
               char           **argv)
{
  static const GOptionEntry             entries[] = { DEPLOY_ENTRIES, { NULL } };
  g_autoptr (FlinkClusterDescriptor)    descriptor = NULL;
  g_autoptr (FlinkClusterSpecification) spec = NULL;
  g_autoptr (FlinkClusterClient)        client = NULL;
  g_autoptr (GAsyncResult)              result = NULL;
  g_autoptr (GError)                    error = NULL;
  g_autoptr (JsonBuilder)               builder = NULL;
  g_auto (GStrv)                        args = NULL;
  g_autofree char                      *cluster_id = NULL;
  g_autofree char                      *url = NULL;
  gboolean                              gone;
  int                                   code;

  if (!fj_parse (command, entries, NULL, NULL, argc, argv, &args))
    return FJ_EXIT_USAGE;
  if ((spec = make_specification (command)) == NULL)
    return FJ_EXIT_USAGE;
  if ((code = make_descriptor (&descriptor)) != FJ_EXIT_OK)
    return code;

  fj.interrupt_note = "no cluster was left running.";
  fj_progress_start ("Starting a session cluster of %s",
                     flink_cluster_descriptor_get_flink_home (descriptor));
  flink_cluster_descriptor_deploy_session_cluster_async (descriptor, spec,
                                                         detach ? FLINK_DEPLOY_FLAGS_DETACHED
                                                                : FLINK_DEPLOY_FLAGS_NONE,
                                                         fj.cancellable, fj_store_result_cb, &result);
  client = flink_cluster_descriptor_deploy_session_cluster_finish (descriptor, fj_await (&result), &error);
  if (client == NULL)
    return fj_fail_deploy (error);
  fj_progress_stop ();
  end_deadline ();
  cluster_id = g_strdup (flink_cluster_client_get_cluster_id (client));
  url = g_strdup (flink_cluster_client_get_url (client));

  builder = fj_json_begin ();
  fj_json_string (builder, "url", url);
  fj_json_string (builder, "cluster_id", cluster_id);
  fj_json_string (builder, "flink_version", flink_cluster_client_get_flink_version (client));
  fj_json_bool (builder, "detached", detach);
  code = fj_print_result (builder, started_text);
  fflush (stdout);
  if (detach || code != FJ_EXIT_OK)
    return code;

  /* Attached: the cluster lives as long as this process, or until its
   * JobManager is gone. */
  gone = FALSE;
  while (!gone && fj_sleep (ATTACHED_CHECK_MS))
    gone = !jobmanager_answers (client);
  g_clear_object (&client);
  if (!kill_cluster (cluster_id, &error))
    return fj_fail_deploy (error);
  if (gone)
    {
      g_autoptr (GError) exited = NULL;

      exited = g_error_new (FLINK_ERROR, FLINK_ERROR_FAILED,
                            _ ("Cluster %s stopped: its JobManager no longer listens on %s "
                               "(its log: %s/log/jobmanager.log)"),
                            cluster_id, url, cluster_id);
      return fj_fail (exited);
    }
  fprintf (stderr, "Stopped cluster %s.\n", cluster_id);
  return FJ_EXIT_OK;
}

/* ---- cluster stop --------------------------------------------------------- */

static void
stopped_text (JsonObject *result)
{
  fj_print_line ("Stopped cluster %s.", fj_get_string (result, "cluster_id"));
}

static int
cluster_stop (const FjCommand *command,
              int              argc,
              char           **argv)
{
  g_autoptr (FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr (GAsyncResult)           result = NULL;
  g_autoptr (GError)                 error = NULL;
  g_autoptr (JsonBuilder)            builder = NULL;
  g_auto (GStrv)                     args = NULL;
  const char                        *cluster_id;

  if (!fj_parse (command, NULL, NULL, NULL, argc, argv, &args))
    return FJ_EXIT_USAGE;

  descriptor = flink_cluster_descriptor_new_for_cluster_id (args[0], &error);
  if (descriptor == NULL)
    return fj_fail (error);
  cluster_id = flink_cluster_descriptor_get_cluster_id (descriptor);
  fj.interrupt_note = "some of the cluster's JVMs may still run.";
  fj_progress_start ("Stopping cluster %s", cluster_id);
  flink_cluster_descriptor_kill_cluster_async (descriptor, NULL, fj.cancellable, fj_store_result_cb,
                                               &result);
  if (!flink_cluster_descriptor_kill_cluster_finish (descriptor, fj_await (&result), &error))
    return fj_fail (error);

  builder = fj_json_begin ();
  fj_json_string (builder, "cluster_id", cluster_id);
  fj_json_string (builder, "url", flink_cluster_descriptor_get_url (descriptor));
  fj_json_bool (builder, "ok", TRUE);
  return fj_print_result (builder, stopped_text);
}

static const FjCommand cluster_commands[] = {
  { "cluster start", "", 0, 0, "Start a Flink session cluster on this machine",
    "Starts a JobManager and --taskmanagers TaskManagers of the Flink in --flink-home (else "
    "FLINK_HOME), waits until their slots are registered, and prints the cluster's REST URL. "
    "Without --detach the cluster runs until Ctrl-C; with it, flinkjob exits and the cluster "
    "keeps running until “flinkjob cluster stop CLUSTER_ID” (the id is in --json's output, "
    "and it is the work directory's path). A cluster that cannot be deployed is exit "
    "status 6.",
    NULL },
  { "cluster stop", "CLUSTER_ID", 1, 1, "Stop a cluster that flinkjob started",
    "Stops every JVM of the cluster (SIGTERM, then SIGKILL 10 s later). CLUSTER_ID is what "
    "“cluster start --json” printed: the path of the cluster's work directory. A cluster "
    "that no longer runs is no error; an unknown id is exit status 3.",
    NULL },
  { NULL }
};

/* "cluster start ..." and "cluster stop ...": @argv[0] is "start" or "stop". */
int
fj_builtin_cluster_deploy (int    argc,
                           char **argv)
{
  const FjCommand *command = &cluster_commands[strcmp (argv[0], "start") == 0 ? 0 : 1];

  return strcmp (argv[0], "start") == 0 ? cluster_start (command, argc, argv)
                                        : cluster_stop (command, argc, argv);
}

/* ---- run-application ------------------------------------------------------ */

static guint application_parallelism;

static gboolean
parse_application_parallelism_cb (const char *option_name,
                                  const char *value,
                                  gpointer    data,
                                  GError    **error)
{
  return fj_parse_whole_number ("--parallelism", value, 1, G_MAXINT32, &application_parallelism,
                                error);
}

static void
application_detached_text (JsonObject *result)
{
  const char *cluster_id = fj_get_string (result, "cluster_id");

  fj_print_line ("%s", fj_get_string (result, "job_id"));
  fprintf (stderr, "Job runs in cluster %s at %s, which goes away when the job ends "
                   "(“flinkjob cluster stop %s” stops it earlier).\n",
           cluster_id, fj_get_string (result, "url"), cluster_id);
}

int
fj_builtin_run_application (const FjCommand *command,
                            int              argc,
                            char           **argv)
{
  static char              *entry_class;
  static char              *savepoint;
  static gboolean           allow_non_restored;
  static const GOptionEntry entries[] = {
    { "class", 'c', 0, G_OPTION_ARG_STRING, &entry_class,
      "The job's entry class (default: the jar manifest's Main-Class)", "CLASS" },
    { "parallelism", 'p', 0, G_OPTION_ARG_CALLBACK, parse_application_parallelism_cb,
      "The job's default parallelism, at least 1", "N" },
    { "from-savepoint", 's', 0, G_OPTION_ARG_STRING, &savepoint,
      "Restore the job's state from this savepoint or retained checkpoint", "PATH" },
    { "allow-non-restored", 0, 0, G_OPTION_ARG_NONE, &allow_non_restored,
      "Allow state in the savepoint that maps to no operator of the job", NULL },
    DEPLOY_ENTRIES,
    { NULL }
  };
  g_autoptr (FlinkClusterDescriptor)    descriptor = NULL;
  g_autoptr (FlinkClusterSpecification) spec = NULL;
  g_autoptr (FlinkRunOptions)           options = flink_run_options_new ();
  g_autoptr (FlinkJobClient)            job = NULL;
  g_autoptr (FlinkJobResult)            job_result = NULL;
  g_autoptr (GFile)                     jar = NULL;
  g_autoptr (GAsyncResult)              result = NULL;
  g_autoptr (GError)                    error = NULL;
  g_autoptr (JsonBuilder)               builder = NULL;
  g_auto (GStrv)                        args = NULL;
  g_autofree char                      *cluster_id = NULL;
  g_autofree char                      *url = NULL;
  FlinkApplicationStatus                status;
  int                                   code;

  if (!fj_parse (command, entries, NULL, NULL, argc, argv, &args))
    return FJ_EXIT_USAGE;
  if (allow_non_restored && savepoint == NULL)
    return fj_usage_error (command, _ ("--allow-non-restored needs --from-savepoint"));
  if ((spec = make_specification (command)) == NULL)
    return FJ_EXIT_USAGE;
  if ((code = make_descriptor (&descriptor)) != FJ_EXIT_OK)
    return code;

  jar = g_file_new_for_commandline_arg (args[0]);
  flink_run_options_set_entry_class (options, entry_class);
  flink_run_options_set_parallelism (options, application_parallelism);
  flink_run_options_set_savepoint_path (options, savepoint);
  flink_run_options_set_allow_non_restored_state (options, allow_non_restored);
  flink_run_options_set_program_args (options, (const char *const *) args + 1);

  fj.interrupt_note = "no cluster was left running.";
  fj_progress_start ("Starting an application cluster for %s", args[0]);
  flink_cluster_descriptor_deploy_application_cluster_async (descriptor, spec, jar, options,
                                                             detach ? FLINK_DEPLOY_FLAGS_DETACHED
                                                                    : FLINK_DEPLOY_FLAGS_NONE,
                                                             fj.cancellable, fj_store_result_cb,
                                                             &result);
  job = flink_cluster_descriptor_deploy_application_cluster_finish (descriptor, fj_await (&result),
                                                                    &error);
  if (job == NULL)
    return fj_fail_deploy (error);
  g_clear_object (&result);
  fj_progress_stop ();
  fj_set_job (job);
  cluster_id = g_strdup (flink_cluster_client_get_cluster_id (flink_job_client_get_cluster_client (job)));
  url = g_strdup (flink_cluster_client_get_url (flink_job_client_get_cluster_client (job)));

  builder = fj_json_begin ();
  fj_json_string (builder, "cluster_id", cluster_id);
  fj_json_string (builder, "url", url);
  if (detach)
    {
      fj_json_string (builder, "job_id", flink_job_client_get_job_id (job));
      return fj_print_result (builder, application_detached_text);
    }

  /* Attached: wait for the job's result, then the cluster goes. */
  fj.interrupt_note = "its cluster is stopped.";
  fj_progress_start ("Waiting for job %s to end", fj.job_id);
  flink_job_client_get_job_execution_result_async (job, fj.cancellable, fj_store_result_cb, &result);
  job_result = flink_job_client_get_job_execution_result_finish (job, fj_await (&result), &error);
  g_clear_object (&result);
  g_clear_object (&fj.job);
  g_clear_object (&job);
  if (job_result == NULL)
    {
      g_autoptr (GError) kill_error = NULL;

      code = fj_fail (error);
      if (!kill_cluster (cluster_id, &kill_error))
        g_printerr ("flinkjob: %s\n", kill_error->message);
      return code;
    }
  if (!kill_cluster (cluster_id, &error))
    return fj_fail_deploy (error);

  status = flink_job_result_get_application_status (job_result);
  fj_json_job_result (builder, job_result);
  code = fj_print_result (builder, fj_job_result_text);
  if (code == FJ_EXIT_OK && status != FLINK_APPLICATION_STATUS_SUCCEEDED)
    code = FJ_EXIT_FAILED;
  return code;
}
