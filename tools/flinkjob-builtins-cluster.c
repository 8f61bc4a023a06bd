/* flinkjob-builtins-cluster.c: the commands about the cluster and its
 * jars: cluster, jars, submit (cluster start and stop are in
 * flinkjob-builtins-deploy.c)
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "flinkjob"

#include "config.h"
#include <glib/gi18n.h>

#include <string.h>

#include "flinkjob-builtins.h"

/* A file that exists and starts like a zip archive, as a jar does. */
static gboolean
check_jar_file (const char *path,
                GError    **error)
{
  g_autoptr (GFile)            file = g_file_new_for_commandline_arg (path);
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GError)           local_error = NULL;
  guchar                       magic[4] = { 0 };
  gsize                        n = 0;

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), magic, sizeof magic, &n, NULL, &local_error))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT, _ ("Cannot read the jar %s: %s"),
                   path, local_error->message);
      return FALSE;
    }
  if (n < 4 || memcmp (magic, "PK\003\004", 4) != 0)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("%s is not a jar (a jar is a zip archive)"), path);
      return FALSE;
    }
  return TRUE;
}

/* ---- cluster -------------------------------------------------------------- */

static void
cluster_text (JsonObject *result)
{
  const char *version = fj_get_string (result, "flink_version");
  const char *revision = fj_get_string (result, "flink_revision");

  fj_print_field ("URL", "%s", fj_get_string (result, "url"));
  fj_print_field ("Flink version", "%s", version ? version : "-");
  fj_print_field ("Flink revision", "%s", revision ? revision : "-");
  fj_print_field ("TaskManagers", "%" G_GINT64_FORMAT, fj_get_int (result, "taskmanagers"));
  fj_print_field ("Task slots", "%" G_GINT64_FORMAT " available of %" G_GINT64_FORMAT,
                  fj_get_int (result, "slots_available"), fj_get_int (result, "slots_total"));
  fj_print_field ("Jobs",
                  "%" G_GINT64_FORMAT " running, %" G_GINT64_FORMAT " finished, "
                  "%" G_GINT64_FORMAT " cancelled, %" G_GINT64_FORMAT " failed",
                  fj_get_int (result, "jobs_running"), fj_get_int (result, "jobs_finished"),
                  fj_get_int (result, "jobs_cancelled"), fj_get_int (result, "jobs_failed"));
}

int
fj_builtin_cluster (const FjCommand *command,
                    int              argc,
                    char           **argv)
{
  g_autoptr (FlinkClusterClient)   client = NULL;
  g_autoptr (GAsyncResult)         result = NULL;
  g_autoptr (GError)               error = NULL;
  g_autoptr (FlinkClusterOverview) overview = NULL;
  g_autoptr (JsonBuilder)          builder = NULL;
  g_auto (GStrv)                   args = NULL;
  const char                      *version, *revision;
  int                              code;

  if (argc > 1 && (strcmp (argv[1], "start") == 0 || strcmp (argv[1], "stop") == 0))
    return fj_builtin_cluster_deploy (argc - 1, argv + 1);
  if (!fj_parse (command, NULL, NULL, NULL, argc, argv, &args))
    return FJ_EXIT_USAGE;
  if ((code = fj_connect (&client)) != FJ_EXIT_OK)
    return code;

  flink_cluster_client_get_overview_async (client, fj.cancellable, fj_store_result_cb, &result);
  overview = flink_cluster_client_get_overview_finish (client, fj_await (&result), &error);
  if (overview == NULL)
    return fj_fail (error);

  version = flink_cluster_client_get_flink_version (client);
  if (version == NULL)
    version = flink_cluster_overview_get_flink_version (overview);
  revision = flink_cluster_client_get_flink_revision (client);
  if (revision == NULL)
    revision = flink_cluster_overview_get_flink_commit (overview);

  builder = fj_json_begin ();
  fj_json_string (builder, "url", flink_cluster_client_get_url (client));
  fj_json_string (builder, "flink_version", version);
  fj_json_string (builder, "flink_revision", revision);
  fj_json_int (builder, "taskmanagers", flink_cluster_overview_get_taskmanagers (overview));
  fj_json_int (builder, "slots_total", flink_cluster_overview_get_slots_total (overview));
  fj_json_int (builder, "slots_available", flink_cluster_overview_get_slots_available (overview));
  fj_json_int (builder, "jobs_running", flink_cluster_overview_get_jobs_running (overview));
  fj_json_int (builder, "jobs_finished", flink_cluster_overview_get_jobs_finished (overview));
  fj_json_int (builder, "jobs_cancelled", flink_cluster_overview_get_jobs_cancelled (overview));
  fj_json_int (builder, "jobs_failed", flink_cluster_overview_get_jobs_failed (overview));
  return fj_print_result (builder, cluster_text);
}

/* ---- jars ----------------------------------------------------------------- */

static void
jars_text (JsonObject *result)
{
  JsonArray          *jars = fj_get_array (result, "jars");
  g_autoptr (FjTable) table = NULL;

  if (json_array_get_length (jars) == 0)
    {
      fj_print_line ("No jars on %s.", flink_cluster_client_get_url (fj.client));
      return;
    }

  table = fj_table_new ("JAR ID", "UPLOADED", "ENTRY CLASSES", NULL);
  for (guint i = 0; i < json_array_get_length (jars); i++)
    {
      JsonObject         *jar = json_array_get_object_element (jars, i);
      JsonArray          *classes = fj_get_array (jar, "entry_classes");
      g_autofree char    *uploaded = fj_format_time (fj_get_int (jar, "uploaded"));
      g_autoptr (GString) entry = g_string_new (NULL);

      for (guint c = 0; c < json_array_get_length (classes); c++)
        g_string_append_printf (entry, "%s%s", c > 0 ? ", " : "",
                                json_array_get_string_element (classes, c));
      fj_table_add (table, fj_get_string (jar, "id"), uploaded, entry->len ? entry->str : NULL);
    }
  fj_table_print (table, "");
}

static int
jars_list (FlinkClusterClient *client)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError)       error = NULL;
  g_autoptr (GListModel)   jars = NULL;
  g_autoptr (JsonBuilder)  builder = NULL;

  flink_cluster_client_list_jars_async (client, fj.cancellable, fj_store_result_cb, &result);
  jars = flink_cluster_client_list_jars_finish (client, fj_await (&result), &error);
  if (jars == NULL)
    return fj_fail (error);

  builder = fj_json_begin ();
  json_builder_set_member_name (builder, "jars");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (jars); i++)
    {
      g_autoptr (FlinkJar) jar = g_list_model_get_item (jars, i);

      json_builder_begin_object (builder);
      fj_json_string (builder, "id", flink_jar_get_id (jar));
      fj_json_string (builder, "name", flink_jar_get_name (jar));
      fj_json_int (builder, "uploaded", flink_jar_get_uploaded (jar));
      fj_json_strv (builder, "entry_classes", flink_jar_get_entry_classes (jar));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return fj_print_result (builder, jars_text);
}

static void
jar_id_text (JsonObject *result)
{
  fj_print_line ("%s", fj_get_string (result, "jar_id"));
}

static int
jars_upload (FlinkClusterClient *client,
             const char         *path)
{
  g_autoptr (GFile)        file = g_file_new_for_commandline_arg (path);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError)       error = NULL;
  g_autoptr (JsonBuilder)  builder = NULL;
  g_autofree char         *jar_id = NULL;

  fj.interrupt_note = "the upload may still complete on the cluster.";
  fj_progress_start ("Uploading %s", path);
  flink_cluster_client_upload_jar_async (client, file, fj.cancellable, fj_store_result_cb, &result);
  jar_id = flink_cluster_client_upload_jar_finish (client, fj_await (&result), &error);
  if (jar_id == NULL)
    return fj_fail (error);

  builder = fj_json_begin ();
  fj_json_string (builder, "jar_id", jar_id);
  return fj_print_result (builder, jar_id_text);
}

static void
jar_deleted_text (JsonObject *result)
{
  fj_print_line ("Deleted jar %s.", fj_get_string (result, "jar_id"));
}

static int
jars_delete (FlinkClusterClient *client,
             const char         *jar_id)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError)       error = NULL;
  g_autoptr (JsonBuilder)  builder = NULL;

  flink_cluster_client_delete_jar_async (client, jar_id, fj.cancellable, fj_store_result_cb, &result);
  if (!flink_cluster_client_delete_jar_finish (client, fj_await (&result), &error))
    return fj_fail (error);

  builder = fj_json_begin ();
  fj_json_string (builder, "jar_id", jar_id);
  fj_json_bool (builder, "ok", TRUE);
  return fj_print_result (builder, jar_deleted_text);
}

int
fj_builtin_jars (const FjCommand *command,
                 int              argc,
                 char           **argv)
{
  g_autoptr (FlinkClusterClient) client = NULL;
  g_autoptr (GError)             error = NULL;
  g_auto (GStrv)                 args = NULL;
  const char                    *action;
  int                            code;

  if (!fj_parse (command, NULL, NULL, NULL, argc, argv, &args))
    return FJ_EXIT_USAGE;
  action = args[0] != NULL ? args[0] : "list";

  if (strcmp (action, "list") == 0)
    {
      if (args[0] != NULL && args[1] != NULL)
        return fj_usage_error (command, _ ("jars list takes no argument"));
    }
  else if (strcmp (action, "upload") == 0 || strcmp (action, "delete") == 0)
    {
      if (args[1] == NULL)
        return fj_usage_error (command, _ ("jars %s needs %s"), action,
                               action[0] == 'u' ? "JAR" : "JAR_ID");
      if (action[0] == 'u' && !check_jar_file (args[1], &error))
        return fj_fail_local (error);
      if (action[0] == 'd' && !flink_jar_id_is_valid (args[1]))
        return fj_usage_error (command, _ ("“%s” is not a jar id (jar ids are what “flinkjob jars” "
                                           "lists, such as 5f0c…_job.jar)"),
                               args[1]);
    }
  else
    return fj_usage_error (command, _ ("unknown jars action “%s”: list, upload or delete"), action);

  if ((code = fj_connect (&client)) != FJ_EXIT_OK)
    return code;
  if (strcmp (action, "upload") == 0)
    return jars_upload (client, args[1]);
  if (strcmp (action, "delete") == 0)
    return jars_delete (client, args[1]);
  return jars_list (client);
}

/* ---- submit --------------------------------------------------------------- */

/* --parallelism; 0: not given, the cluster's parallelism.default */
static guint submit_parallelism;

static gboolean
parse_parallelism_cb (const char *option_name,
                      const char *value,
                      gpointer    data,
                      GError    **error)
{
  return fj_parse_whole_number ("--parallelism", value, 1, G_MAXINT32, &submit_parallelism, error);
}

static void
submitted_text (JsonObject *result)
{
  fj_print_line ("%s", fj_get_string (result, "job_id"));
}

int
fj_builtin_submit (const FjCommand *command,
                   int              argc,
                   char           **argv)
{
  static char              *entry_class;
  static char              *savepoint;
  static gboolean           allow_non_restored;
  static char              *claim_mode_name;
  static char              *job_id;
  static const GOptionEntry entries[] = {
    { "class", 'c', 0, G_OPTION_ARG_STRING, &entry_class,
      "The job's entry class (default: the jar manifest's Main-Class)", "CLASS" },
    { "parallelism", 'p', 0, G_OPTION_ARG_CALLBACK, parse_parallelism_cb,
      "The job's default parallelism, at least 1 (default: the cluster's "
      "parallelism.default)",
      "N" },
    { "from-savepoint", 's', 0, G_OPTION_ARG_STRING, &savepoint,
      "Restore the job's state from this savepoint or retained checkpoint", "PATH" },
    { "allow-non-restored", 'n', 0, G_OPTION_ARG_NONE, &allow_non_restored,
      "Allow state in the savepoint that maps to no operator of the job", NULL },
    { "claim-mode", 0, 0, G_OPTION_ARG_STRING, &claim_mode_name,
      "Who owns the savepoint's files: no-claim (default) or claim", "MODE" },
    { "job-id", 0, 0, G_OPTION_ARG_STRING, &job_id,
      "Give the job this id (32 hexadecimal characters); the cluster refuses a second job "
      "with the same id, which makes a retried submission safe",
      "ID" },
    { NULL }
  };
  g_autoptr (FlinkClusterClient) client = NULL;
  g_autoptr (FlinkRunOptions)    options = flink_run_options_new ();
  g_autoptr (GFile)              jar = NULL;
  g_autoptr (GAsyncResult)       result = NULL;
  g_autoptr (GError)             error = NULL;
  g_autoptr (FlinkJobClient)     job = NULL;
  g_autoptr (JsonBuilder)        builder = NULL;
  g_auto (GStrv)                 args = NULL;
  g_autofree char               *jar_name = NULL;
  int                            code;

  /* GOption gives the jar and then the program's arguments, those after
   * "--" included, untouched. */
  if (!fj_parse (command, entries, NULL, NULL, argc, argv, &args))
    return FJ_EXIT_USAGE;
  if (!check_jar_file (args[0], &error))
    return fj_fail_local (error);
  jar = g_file_new_for_commandline_arg (args[0]);
  jar_name = g_file_get_basename (jar);

  if (job_id != NULL && !flink_job_id_is_valid (job_id))
    return fj_usage_error (command, _ ("--job-id “%s” is not a Flink job id (32 hexadecimal characters)"),
                           job_id);
  if (claim_mode_name == NULL || g_ascii_strcasecmp (claim_mode_name, "no-claim") == 0 ||
      g_ascii_strcasecmp (claim_mode_name, "no_claim") == 0)
    flink_run_options_set_claim_mode (options, FLINK_CLAIM_MODE_NO_CLAIM);
  else if (g_ascii_strcasecmp (claim_mode_name, "claim") == 0)
    flink_run_options_set_claim_mode (options, FLINK_CLAIM_MODE_CLAIM);
  else
    return fj_usage_error (command, _ ("--claim-mode is claim or no-claim, not “%s”"), claim_mode_name);
  if (claim_mode_name != NULL && savepoint == NULL)
    return fj_usage_error (command, _ ("--claim-mode needs --from-savepoint"));
  if (allow_non_restored && savepoint == NULL)
    return fj_usage_error (command, _ ("--allow-non-restored needs --from-savepoint"));

  flink_run_options_set_entry_class (options, entry_class);
  flink_run_options_set_parallelism (options, submit_parallelism);
  flink_run_options_set_savepoint_path (options, savepoint);
  flink_run_options_set_allow_non_restored_state (options, allow_non_restored);
  flink_run_options_set_program_args (options, (const char *const *) args + 1);
  if (job_id != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (job_id, -1);

      flink_run_options_set_job_id (options, lower);
      fj.job_id = g_steal_pointer (&lower);
    }

  if ((code = fj_connect (&client)) != FJ_EXIT_OK)
    return code;

  fj.interrupt_note = job_id ? "the submission may still complete on the cluster."
                             : "the submission may still complete on the cluster: see flinkjob list.";
  fj_progress_start ("Submitting %s", jar_name);
  flink_cluster_client_submit_jar_async (client, jar, options, fj.cancellable, fj_store_result_cb,
                                         &result);
  job = flink_cluster_client_submit_jar_finish (client, fj_await (&result), &error);
  if (job == NULL)
    return fj_fail (error);
  fj_set_job (job);

  builder = fj_json_begin ();
  fj_json_string (builder, "job_id", flink_job_client_get_job_id (job));
  return fj_print_result (builder, submitted_text);
}
