/* flinkjob-builtins-jobs.c: the commands that read jobs: list, status,
 * info, wait
 *
 * Each command parses its options (fj_parse), connects (fj_connect,
 * fj_connect_job), calls the library and waits with fj_await (), builds
 * its result as JSON (schema: docs/cli-json.md) and prints it with
 * fj_print_result () and a text function that shows it to people. Errors
 * go through fj_fail (), which returns the exit code.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "flinkjob"

#include "config.h"
#include <glib/gi18n.h>

#include <string.h>

#include "flinkjob-builtins.h"

/* ---- list ----------------------------------------------------------------- */

static gint
compare_start_time (gconstpointer a,
                    gconstpointer b)
{
  FlinkJobOverview *x = *(FlinkJobOverview **) a;
  FlinkJobOverview *y = *(FlinkJobOverview **) b;
  gint64            tx = flink_job_overview_get_start_time (x);
  gint64            ty = flink_job_overview_get_start_time (y);

  /* Newest first, then by id for a stable order. */
  if (tx != ty)
    return tx > ty ? -1 : 1;
  return g_strcmp0 (flink_job_overview_get_job_id (x), flink_job_overview_get_job_id (y));
}

static void
list_text (JsonObject *result)
{
  JsonArray          *jobs = fj_get_array (result, "jobs");
  g_autoptr (FjTable) table = NULL;

  if (json_array_get_length (jobs) == 0)
    {
      fj_print_line ("No jobs on %s.", flink_cluster_client_get_url (fj.client));
      return;
    }

  table = fj_table_new ("JOB ID", "STATUS", "STARTED", "DURATION", "TASKS", "NAME", NULL);
  for (guint i = 0; i < json_array_get_length (jobs); i++)
    {
      JsonObject      *job = json_array_get_object_element (jobs, i);
      g_autofree char *started = fj_format_time (fj_get_int (job, "start_time"));
      g_autofree char *duration = fj_format_duration (fj_get_int (job, "duration"));
      g_autofree char *tasks = g_strdup_printf ("%" G_GINT64_FORMAT, fj_get_int (job, "tasks_total"));

      fj_table_add (table, fj_get_string (job, "job_id"), fj_get_string (job, "status"), started,
                    duration, tasks, fj_get_string (job, "name"));
    }
  fj_table_print (table, "");
}

int
fj_builtin_list (const FjCommand *command,
                 int              argc,
                 char           **argv)
{
  g_autoptr (FlinkClusterClient) client = NULL;
  g_autoptr (GAsyncResult)       result = NULL;
  g_autoptr (GError)             error = NULL;
  g_autoptr (GListModel)         model = NULL;
  g_autoptr (GPtrArray)          jobs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (JsonBuilder)        builder = NULL;
  g_auto (GStrv)                 args = NULL;
  int                            code;

  if (!fj_parse (command, NULL, NULL, NULL, argc, argv, &args))
    return FJ_EXIT_USAGE;
  if ((code = fj_connect (&client)) != FJ_EXIT_OK)
    return code;

  flink_cluster_client_list_jobs_async (client, fj.cancellable, fj_store_result_cb, &result);
  model = flink_cluster_client_list_jobs_finish (client, fj_await (&result), &error);
  if (model == NULL)
    return fj_fail (error);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (jobs, g_list_model_get_item (model, i));
  g_ptr_array_sort (jobs, compare_start_time);

  builder = fj_json_begin ();
  json_builder_set_member_name (builder, "jobs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < jobs->len; i++)
    {
      FlinkJobOverview *job = g_ptr_array_index (jobs, i);

      json_builder_begin_object (builder);
      fj_json_string (builder, "job_id", flink_job_overview_get_job_id (job));
      fj_json_string (builder, "name", flink_job_overview_get_name (job));
      fj_json_string (builder, "status",
                      flink_job_status_to_string (flink_job_overview_get_status (job)));
      fj_json_int (builder, "start_time", flink_job_overview_get_start_time (job));
      fj_json_int (builder, "end_time", flink_job_overview_get_end_time (job));
      fj_json_int (builder, "duration", flink_job_overview_get_duration (job));
      fj_json_int (builder, "tasks_total", flink_job_overview_get_tasks_total (job));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return fj_print_result (builder, list_text);
}

/* ---- status --------------------------------------------------------------- */

static void
job_status_text (JsonObject *result)
{
  fj_print_line ("%s", fj_get_string (result, "status"));
}

/* {"job_id", "status"}: what status and wait print. */
static int
print_job_status (FlinkJobClient *job,
                  FlinkJobStatus  status)
{
  g_autoptr (JsonBuilder) builder = fj_json_begin ();

  fj_json_string (builder, "job_id", flink_job_client_get_job_id (job));
  fj_json_string (builder, "status", flink_job_status_to_string (status));
  return fj_print_result (builder, job_status_text);
}

int
fj_builtin_status (const FjCommand *command,
                   int              argc,
                   char           **argv)
{
  g_autoptr (FlinkJobClient) job = NULL;
  g_auto (GStrv)             args = NULL;
  FlinkJobStatus             status;
  int                        code;

  if (!fj_parse (command, NULL, NULL, NULL, argc, argv, &args))
    return FJ_EXIT_USAGE;
  if ((code = fj_connect_job (args[0], &job)) != FJ_EXIT_OK)
    return code;
  if ((code = fj_get_job_status (job, &status)) != FJ_EXIT_OK)
    return code;
  return print_job_status (job, status);
}

/* ---- info ----------------------------------------------------------------- */

/* "2 RUNNING, 1 FINISHED" from {"CREATED": 0, "RUNNING": 2, ...} */
static char *
describe_counts (JsonObject *counts)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GList)   states = json_object_get_members (counts);

  for (GList *l = states; l != NULL; l = l->next)
    {
      gint64 n = fj_get_int (counts, l->data);

      if (n > 0)
        g_string_append_printf (text, "%s%" G_GINT64_FORMAT " %s", text->len ? ", " : "", n,
                                (const char *) l->data);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
info_text (JsonObject *result)
{
  JsonObject         *timestamps = fj_get_object (result, "timestamps");
  JsonArray          *vertices = fj_get_array (result, "vertices");
  const char         *status = fj_get_string (result, "status");
  g_autoptr (GList)   entered = json_object_get_members (timestamps);
  g_autofree char    *started = fj_format_time (fj_get_int (result, "start_time"));
  g_autofree char    *ended = fj_format_time (fj_get_int (result, "end_time"));
  g_autofree char    *duration = fj_format_duration (fj_get_int (result, "duration"));
  g_autofree char    *since = fj_format_time (fj_get_int (timestamps, status));
  g_autoptr (GString) history = g_string_new (NULL);
  gint64              max_parallelism = fj_get_int (result, "max_parallelism");
  const char         *type = fj_get_string (result, "job_type");
  const char         *name = fj_get_string (result, "name");

  for (GList *l = entered; l != NULL; l = l->next)
    {
      g_autofree char *when = fj_format_time (fj_get_int (timestamps, l->data));

      g_string_append_printf (history, "%s%s %s", history->len ? ", " : "",
                              (const char *) l->data, when);
    }

  fj_print_field ("Job ID", "%s", fj_get_string (result, "job_id"));
  fj_print_field ("Name", "%s", name ? name : "-");
  if (strcmp (since, "-") != 0)
    fj_print_field ("Status", "%s (since %s)", status, since);
  else
    fj_print_field ("Status", "%s", status);
  fj_print_field ("Type", "%s", type ? type : "-");
  fj_print_field ("Started", "%s", started);
  fj_print_field ("Ended", "%s", ended);
  fj_print_field ("Duration", "%s", duration);
  if (max_parallelism > 0)
    fj_print_field ("Max parallelism", "%" G_GINT64_FORMAT, max_parallelism);
  else
    fj_print_field ("Max parallelism", "per vertex");
  fj_print_field ("Stoppable", "%s",
                  json_object_get_boolean_member_with_default (result, "is_stoppable", FALSE)
                    ? "yes"
                    : "no");
  fj_print_field ("Status history", "%s", history->len ? history->str : "-");

  if (json_array_get_length (vertices) > 0)
    {
      g_autoptr (FjTable) table = fj_table_new ("VERTEX ID", "PARALLELISM", "STATUS", "TASKS",
                                                "NAME", NULL);

      for (guint i = 0; i < json_array_get_length (vertices); i++)
        {
          JsonObject      *vertex = json_array_get_object_element (vertices, i);
          g_autofree char *parallelism = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                          fj_get_int (vertex, "parallelism"));
          g_autofree char *tasks = describe_counts (fj_get_object (vertex, "tasks"));

          fj_table_add (table, fj_get_string (vertex, "id"), parallelism,
                        fj_get_string (vertex, "status"), tasks[0] ? tasks : NULL,
                        fj_get_string (vertex, "name"));
        }
      fj_print_line ("Vertices:");
      fj_table_print (table, "  ");
    }
}

int
fj_builtin_info (const FjCommand *command,
                 int              argc,
                 char           **argv)
{
  g_autoptr (FlinkJobClient)  job = NULL;
  g_autoptr (FlinkJobDetails) details = NULL;
  g_autoptr (JsonBuilder)     builder = NULL;
  g_auto (GStrv)              args = NULL;
  GListModel                 *vertices;
  int                         code;

  if (!fj_parse (command, NULL, NULL, NULL, argc, argv, &args))
    return FJ_EXIT_USAGE;
  if ((code = fj_connect_job (args[0], &job)) != FJ_EXIT_OK)
    return code;
  if ((code = fj_get_job_details (job, &details)) != FJ_EXIT_OK)
    return code;

  vertices = flink_job_details_get_vertices (details);
  builder = fj_json_begin ();
  fj_json_string (builder, "job_id", flink_job_details_get_job_id (details));
  fj_json_string (builder, "name", flink_job_details_get_name (details));
  fj_json_string (builder, "status", flink_job_status_to_string (flink_job_details_get_status (details)));
  fj_json_string (builder, "job_type", flink_job_details_get_job_type (details));
  fj_json_int (builder, "start_time", flink_job_details_get_start_time (details));
  fj_json_int (builder, "end_time", flink_job_details_get_end_time (details));
  fj_json_int (builder, "duration", flink_job_details_get_duration (details));
  fj_json_int (builder, "max_parallelism", flink_job_details_get_max_parallelism (details));
  fj_json_bool (builder, "is_stoppable", flink_job_details_get_is_stoppable (details));

  json_builder_set_member_name (builder, "timestamps");
  json_builder_begin_object (builder);
  for (int s = FLINK_JOB_STATUS_INITIALIZING; s <= FLINK_JOB_STATUS_RECONCILING; s++)
    {
      gint64 ms = flink_job_details_get_status_timestamp (details, s);

      if (ms > 0)
        fj_json_int (builder, flink_job_status_to_string (s), ms);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "vertices");
  json_builder_begin_array (builder);
  for (guint i = 0; vertices && i < g_list_model_get_n_items (vertices); i++)
    {
      g_autoptr (FlinkJobVertex) vertex = g_list_model_get_item (vertices, i);

      json_builder_begin_object (builder);
      fj_json_string (builder, "id", flink_job_vertex_get_id (vertex));
      fj_json_string (builder, "name", flink_job_vertex_get_name (vertex));
      fj_json_int (builder, "parallelism", flink_job_vertex_get_parallelism (vertex));
      fj_json_int (builder, "max_parallelism", flink_job_vertex_get_max_parallelism (vertex));
      fj_json_string (builder, "status",
                      flink_execution_state_to_string (flink_job_vertex_get_status (vertex)));
      fj_json_int (builder, "start_time", flink_job_vertex_get_start_time (vertex));
      fj_json_int (builder, "end_time", flink_job_vertex_get_end_time (vertex));
      fj_json_int (builder, "duration", flink_job_vertex_get_duration (vertex));
      json_builder_set_member_name (builder, "tasks");
      json_builder_begin_object (builder);
      for (int s = FLINK_EXECUTION_STATE_CREATED; s <= FLINK_EXECUTION_STATE_INITIALIZING; s++)
        fj_json_int (builder, flink_execution_state_to_string (s),
                     flink_job_vertex_get_task_count (vertex, s));
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return fj_print_result (builder, info_text);
}

/* ---- wait ----------------------------------------------------------------- */

static gboolean
parse_statuses (const FjCommand *command,
                char           **names,
                GArray          *statuses,
                GString         *description)
{
  for (guint i = 0; names && names[i]; i++)
    {
      g_auto (GStrv) parts = g_strsplit (names[i], ",", -1);

      for (guint j = 0; parts[j]; j++)
        {
          g_autofree char *upper = g_ascii_strup (g_strstrip (parts[j]), -1);
          FlinkJobStatus   status;

          if (upper[0] == '\0')
            continue;
          status = flink_job_status_from_string (upper);
          if (status == FLINK_JOB_STATUS_UNKNOWN)
            {
              fj_usage_error (command,
                              _ ("“%s” is not a job status: INITIALIZING, CREATED, RUNNING, FAILING, "
                                 "FAILED, CANCELLING, CANCELED, FINISHED, RESTARTING, SUSPENDED or "
                                 "RECONCILING"),
                              parts[j]);
              return FALSE;
            }
          g_array_append_val (statuses, status);
          g_string_append_printf (description, "%s%s", description->len ? " or " : "", upper);
        }
    }
  return TRUE;
}

static gboolean
status_in (GArray        *statuses,
           FlinkJobStatus status)
{
  for (guint i = 0; i < statuses->len; i++)
    if (g_array_index (statuses, FlinkJobStatus, i) == status)
      return TRUE;
  return FALSE;
}

int
fj_builtin_wait (const FjCommand *command,
                 int              argc,
                 char           **argv)
{
  static char             **status_names;
  static gboolean           tasks_running;
  static const GOptionEntry entries[] = {
    { "status", 's', 0, G_OPTION_ARG_STRING_ARRAY, &status_names,
      "Wait until the job is in STATUS (repeatable, or comma-separated; default: any of "
      "FINISHED, CANCELED, FAILED)",
      "STATUS" },
    { "tasks-running", 0, 0, G_OPTION_ARG_NONE, &tasks_running,
      "Wait until the job is RUNNING and so is every one of its tasks (Flink says RUNNING "
      "before its tasks are deployed: a savepoint triggered then may fail)",
      NULL },
    { NULL }
  };
  g_autoptr (FlinkJobClient) job = NULL;
  g_autoptr (GArray)         statuses = g_array_new (FALSE, FALSE, sizeof (FlinkJobStatus));
  g_autoptr (GString)        wanted = g_string_new (NULL);
  g_auto (GStrv)             args = NULL;
  int                        code;

  if (!fj_parse (command, entries, NULL, NULL, argc, argv, &args))
    return FJ_EXIT_USAGE;
  if (!parse_statuses (command, status_names, statuses, wanted))
    return FJ_EXIT_USAGE;
  if (tasks_running)
    {
      FlinkJobStatus running = FLINK_JOB_STATUS_RUNNING;

      if (statuses->len > 1 || (statuses->len == 1 && !status_in (statuses, running)))
        return fj_usage_error (command, _ ("--tasks-running goes only with --status RUNNING"));
      if (statuses->len == 0)
        g_array_append_val (statuses, running);
      g_string_assign (wanted, "RUNNING with all its tasks");
    }
  if (statuses->len == 0)
    g_string_assign (wanted, "FINISHED, CANCELED or FAILED");
  if ((code = fj_connect_job (args[0], &job)) != FJ_EXIT_OK)
    return code;

  fj.interrupt_note = "the job itself is not affected.";
  fj_progress_start ("Waiting for job %s to be %s", fj.job_id, wanted->str);
  for (;;)
    {
      FlinkJobStatus status;

      if ((code = fj_get_job_status (job, &status)) != FJ_EXIT_OK)
        return code;

      if (statuses->len == 0 ? flink_job_status_is_globally_terminal (status)
                             : status_in (statuses, status))
        {
          g_autoptr (FlinkJobDetails) details = NULL;

          if (!tasks_running)
            return print_job_status (job, status);
          if ((code = fj_get_job_details (job, &details)) != FJ_EXIT_OK)
            return code;
          if (flink_job_details_get_all_tasks_running (details))
            return print_job_status (job, status);
        }

      if (flink_job_status_is_globally_terminal (status))
        {
          g_autoptr (GError) never = NULL;

          never = g_error_new (FLINK_ERROR, FLINK_ERROR_FAILED,
                               _ ("Job %s ended %s: it will never be %s"), fj.job_id,
                               flink_job_status_to_string (status), wanted->str);
          return fj_fail (never);
        }

      fj_progress_start ("Waiting for job %s to be %s (now %s)", fj.job_id, wanted->str,
                         flink_job_status_to_string (status));
      if (!fj_sleep (FJ_POLL_MS))
        return fj_fail_cancelled ();
    }
}
