/* flinkjob-commands.c: the commands of the flinkjob tool
 *
 * Each command parses its options (fj_parse), connects (fj_connect,
 * fj_connect_job), calls the library and waits with fj_await (), then
 * prints either readable text or JSON (schema: docs/cli-json.md). Errors go
 * through fj_fail (), which returns the exit code.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "flinkjob"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "flinkjob-tool.h"

/* How often `wait` reads the job's status. */
#define WAIT_POLL_MS 500

static int
fail_cancelled (void)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                 "Operation was cancelled");
  return fj_fail (error);
}

static gboolean
parse_format (const FjCommand      *command,
              const char           *text,
              FlinkSavepointFormat *format)
{
  if (text == NULL || g_ascii_strcasecmp (text, "canonical") == 0)
    *format = FLINK_SAVEPOINT_FORMAT_CANONICAL;
  else if (g_ascii_strcasecmp (text, "native") == 0)
    *format = FLINK_SAVEPOINT_FORMAT_NATIVE;
  else
    {
      fj_usage_error (command, "--format is canonical or native, not “%s”", text);
      return FALSE;
    }
  return TRUE;
}

/* ---- list ----------------------------------------------------------------- */

static gint
compare_start_time (gconstpointer a,
                    gconstpointer b)
{
  FlinkJobOverview *x = *(FlinkJobOverview **) a;
  FlinkJobOverview *y = *(FlinkJobOverview **) b;
  gint64 tx = flink_job_overview_get_start_time (x);
  gint64 ty = flink_job_overview_get_start_time (y);

  /* Newest first, then by id for a stable order. */
  if (tx != ty)
    return tx > ty ? -1 : 1;
  return g_strcmp0 (flink_job_overview_get_job_id (x), flink_job_overview_get_job_id (y));
}

static int
cmd_list (const FjCommand *command,
          int              argc,
          char           **argv)
{
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);
  int code;

  if (!fj_parse (command, NULL, &argc, &argv, 0, 0))
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

  if (fj.json)
    {
      g_autoptr(JsonBuilder) builder = fj_json_begin ();

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
      fj_json_end (builder);
    }
  else if (jobs->len == 0)
    {
      printf ("No jobs on %s.\n", flink_cluster_client_get_url (client));
    }
  else
    {
      g_autoptr(FjTable) table = fj_table_new ("JOB ID", "STATUS", "STARTED", "DURATION",
                                               "TASKS", "NAME", NULL);

      for (guint i = 0; i < jobs->len; i++)
        {
          FlinkJobOverview *job = g_ptr_array_index (jobs, i);
          g_autofree char *started = fj_format_time (flink_job_overview_get_start_time (job));
          g_autofree char *duration = fj_format_duration (flink_job_overview_get_duration (job));
          g_autofree char *tasks = g_strdup_printf ("%u", flink_job_overview_get_tasks_total (job));
          const char *name = flink_job_overview_get_name (job);

          fj_table_add (table, flink_job_overview_get_job_id (job),
                        flink_job_status_to_string (flink_job_overview_get_status (job)),
                        started, duration, tasks, name ? name : "-", NULL);
        }
      fj_table_print (table, "");
    }
  return FJ_EXIT_OK;
}

/* ---- status --------------------------------------------------------------- */

static int
print_status (FlinkJobClient *job,
              FlinkJobStatus  status)
{
  if (fj.json)
    {
      g_autoptr(JsonBuilder) builder = fj_json_begin ();

      fj_json_string (builder, "job_id", flink_job_client_get_job_id (job));
      fj_json_string (builder, "status", flink_job_status_to_string (status));
      fj_json_end (builder);
    }
  else
    {
      fj_progress_stop ();
      printf ("%s\n", flink_job_status_to_string (status));
    }
  return FJ_EXIT_OK;
}

static int
cmd_status (const FjCommand *command,
            int              argc,
            char           **argv)
{
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FlinkJobStatus status;
  int code;

  if (!fj_parse (command, NULL, &argc, &argv, 1, 1))
    return FJ_EXIT_USAGE;
  if ((code = fj_connect_job (argv[1], &job)) != FJ_EXIT_OK)
    return code;

  flink_job_client_get_job_status_async (job, fj.cancellable, fj_store_result_cb, &result);
  status = flink_job_client_get_job_status_finish (job, fj_await (&result), &error);
  if (error != NULL)
    return fj_fail (error);
  return print_status (job, status);
}

/* ---- info ----------------------------------------------------------------- */

static char *
describe_tasks (FlinkJobVertex *vertex)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (int s = FLINK_EXECUTION_STATE_CREATED; s <= FLINK_EXECUTION_STATE_INITIALIZING; s++)
    {
      guint n = flink_job_vertex_get_task_count (vertex, s);

      if (n > 0)
        g_string_append_printf (text, "%s%u %s", text->len ? ", " : "", n,
                                flink_execution_state_to_string (s));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
info_json (FlinkJobDetails *details)
{
  g_autoptr(JsonBuilder) builder = fj_json_begin ();
  GListModel *vertices = flink_job_details_get_vertices (details);

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
      g_autoptr(FlinkJobVertex) vertex = g_list_model_get_item (vertices, i);

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
  fj_json_end (builder);
}

static void
info_human (FlinkJobDetails *details)
{
  GListModel *vertices = flink_job_details_get_vertices (details);
  FlinkJobStatus status = flink_job_details_get_status (details);
  g_autofree char *started = fj_format_time (flink_job_details_get_start_time (details));
  g_autofree char *ended = fj_format_time (flink_job_details_get_end_time (details));
  g_autofree char *duration = fj_format_duration (flink_job_details_get_duration (details));
  g_autofree char *since = fj_format_time (flink_job_details_get_status_timestamp (details, status));
  g_autoptr(GString) history = g_string_new (NULL);
  const char *name = flink_job_details_get_name (details);
  const char *type = flink_job_details_get_job_type (details);
  gint max_parallelism = flink_job_details_get_max_parallelism (details);

  for (int s = FLINK_JOB_STATUS_INITIALIZING; s <= FLINK_JOB_STATUS_RECONCILING; s++)
    {
      gint64 ms = flink_job_details_get_status_timestamp (details, s);
      g_autofree char *when = NULL;

      if (ms <= 0)
        continue;
      when = fj_format_time (ms);
      g_string_append_printf (history, "%s%s %s", history->len ? ", " : "",
                              flink_job_status_to_string (s), when);
    }

  fj_print_field ("Job ID", "%s", flink_job_details_get_job_id (details));
  fj_print_field ("Name", "%s", name ? name : "-");
  if (strcmp (since, "-") != 0)
    fj_print_field ("Status", "%s (since %s)", flink_job_status_to_string (status), since);
  else
    fj_print_field ("Status", "%s", flink_job_status_to_string (status));
  fj_print_field ("Type", "%s", type ? type : "-");
  fj_print_field ("Started", "%s", started);
  fj_print_field ("Ended", "%s", ended);
  fj_print_field ("Duration", "%s", duration);
  if (max_parallelism > 0)
    fj_print_field ("Max parallelism", "%d", max_parallelism);
  else
    fj_print_field ("Max parallelism", "per vertex");
  fj_print_field ("Stoppable", "%s", flink_job_details_get_is_stoppable (details) ? "yes" : "no");
  fj_print_field ("Status history", "%s", history->len ? history->str : "-");

  if (vertices != NULL && g_list_model_get_n_items (vertices) > 0)
    {
      g_autoptr(FjTable) table = fj_table_new ("VERTEX ID", "PARALLELISM", "STATUS", "TASKS",
                                               "NAME", NULL);

      for (guint i = 0; i < g_list_model_get_n_items (vertices); i++)
        {
          g_autoptr(FlinkJobVertex) vertex = g_list_model_get_item (vertices, i);
          g_autofree char *parallelism = g_strdup_printf ("%u", flink_job_vertex_get_parallelism (vertex));
          g_autofree char *tasks = describe_tasks (vertex);
          const char *vertex_name = flink_job_vertex_get_name (vertex);

          fj_table_add (table, flink_job_vertex_get_id (vertex), parallelism,
                        flink_execution_state_to_string (flink_job_vertex_get_status (vertex)),
                        tasks[0] ? tasks : "-", vertex_name ? vertex_name : "-", NULL);
        }
      printf ("Vertices:\n");
      fj_table_print (table, "  ");
    }
}

/* Reads the job's details into @out_details; an exit code. */
static int
get_details (FlinkJobClient   *job,
             FlinkJobDetails **out_details)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  flink_job_client_get_job_details_async (job, fj.cancellable, fj_store_result_cb, &result);
  *out_details = flink_job_client_get_job_details_finish (job, fj_await (&result), &error);
  return *out_details != NULL ? FJ_EXIT_OK : fj_fail (error);
}

/* The vertex RUNNING, each of its @parallelism tasks running or done. */
static gboolean
vertex_runs (FlinkJobVertex *vertex)
{
  guint parallelism = flink_job_vertex_get_parallelism (vertex);

  return parallelism > 0 &&
         flink_job_vertex_get_task_count (vertex, FLINK_EXECUTION_STATE_RUNNING) +
         flink_job_vertex_get_task_count (vertex, FLINK_EXECUTION_STATE_FINISHED) >= parallelism;
}

static int
cmd_info (const FjCommand *command,
          int              argc,
          char           **argv)
{
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(FlinkJobDetails) details = NULL;
  int code;

  if (!fj_parse (command, NULL, &argc, &argv, 1, 1))
    return FJ_EXIT_USAGE;
  if ((code = fj_connect_job (argv[1], &job)) != FJ_EXIT_OK)
    return code;
  if ((code = get_details (job, &details)) != FJ_EXIT_OK)
    return code;

  if (fj.json)
    info_json (details);
  else
    info_human (details);
  return FJ_EXIT_OK;
}

/* ---- cancel --------------------------------------------------------------- */

static int
cmd_cancel (const FjCommand *command,
            int              argc,
            char           **argv)
{
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) status_result = NULL;
  g_autoptr(GError) error = NULL;
  FlinkJobStatus status;
  int code;

  if (!fj_parse (command, NULL, &argc, &argv, 1, 1))
    return FJ_EXIT_USAGE;
  if ((code = fj_connect_job (argv[1], &job)) != FJ_EXIT_OK)
    return code;

  fj.interrupt_note = "the cancellation (if requested) goes on on the cluster.";
  flink_job_client_cancel_async (job, fj.cancellable, fj_store_result_cb, &result);
  if (!flink_job_client_cancel_finish (job, fj_await (&result), &error))
    return fj_fail (error);

  /* The cluster accepted: say where the job is now (CANCELLING or CANCELED). */
  flink_job_client_get_job_status_async (job, fj.cancellable, fj_store_result_cb, &status_result);
  status = flink_job_client_get_job_status_finish (job, fj_await (&status_result), &error);
  if (error != NULL)
    return fj_fail (error);

  if (fj.json)
    {
      g_autoptr(JsonBuilder) builder = fj_json_begin ();

      fj_json_string (builder, "job_id", flink_job_client_get_job_id (job));
      fj_json_bool (builder, "ok", TRUE);
      fj_json_string (builder, "status", flink_job_status_to_string (status));
      fj_json_end (builder);
    }
  else
    {
      printf ("Cancelled job %s: it is %s.\n", flink_job_client_get_job_id (job),
              flink_job_status_to_string (status));
    }
  return FJ_EXIT_OK;
}

/* ---- savepoint, stop ------------------------------------------------------ */

static int
print_savepoint (FlinkJobClient *job,
                 const char     *path)
{
  if (fj.json)
    {
      g_autoptr(JsonBuilder) builder = fj_json_begin ();

      fj_json_string (builder, "job_id", flink_job_client_get_job_id (job));
      fj_json_string (builder, "savepoint_path", path);
      fj_json_end (builder);
    }
  else
    {
      fj_progress_stop ();
      /* The path alone, so that sp=$(flinkjob savepoint JOB) works. */
      printf ("%s\n", path);
    }
  return FJ_EXIT_OK;
}

static int
cmd_savepoint (const FjCommand *command,
               int              argc,
               char           **argv)
{
  static char *directory;
  static char *format_name;
  static const GOptionEntry entries[] = {
    { "savepoint-dir", 'p', 0, G_OPTION_ARG_STRING, &directory,
      "Where to write the savepoint (default: the cluster's state.savepoints.dir)", "DIR" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      "The savepoint's format: canonical (default) or native", "FORMAT" },
    { NULL }
  };
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  FlinkSavepointFormat format;
  int code;

  if (!fj_parse (command, entries, &argc, &argv, 1, 2))
    return FJ_EXIT_USAGE;
  if (!parse_format (command, format_name, &format))
    return FJ_EXIT_USAGE;
  if (argc == 3)
    {
      if (directory != NULL)
        return fj_usage_error (command, "give the directory either as DIR or with --savepoint-dir");
      directory = g_strdup (argv[2]);
    }
  if ((code = fj_connect_job (argv[1], &job)) != FJ_EXIT_OK)
    return code;

  fj.interrupt_note = "the savepoint (if triggered) may still complete on the cluster.";
  fj_progress_start ("Taking a savepoint of job %s", fj.job_id);
  flink_job_client_trigger_savepoint_async (job, directory, format, fj.cancellable,
                                            fj_store_result_cb, &result);
  path = flink_job_client_trigger_savepoint_finish (job, fj_await (&result), &error);
  if (path == NULL)
    return fj_fail (error);
  return print_savepoint (job, path);
}

static int
cmd_stop (const FjCommand *command,
          int              argc,
          char           **argv)
{
  static char *directory;
  static char *format_name;
  static gboolean drain;
  static const GOptionEntry entries[] = {
    { "savepoint-dir", 'p', 0, G_OPTION_ARG_STRING, &directory,
      "Where to write the savepoint (default: the cluster's state.savepoints.dir)", "DIR" },
    { "drain", 'd', 0, G_OPTION_ARG_NONE, &drain,
      "Advance to the end of event time first (emit MAX_WATERMARK): every timer and "
      "window fires", NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      "The savepoint's format: canonical (default) or native", "FORMAT" },
    { NULL }
  };
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  FlinkSavepointFormat format;
  int code;

  if (!fj_parse (command, entries, &argc, &argv, 1, 1))
    return FJ_EXIT_USAGE;
  if (!parse_format (command, format_name, &format))
    return FJ_EXIT_USAGE;
  if ((code = fj_connect_job (argv[1], &job)) != FJ_EXIT_OK)
    return code;

  fj.interrupt_note = "the stop with savepoint (if triggered) may still complete on the "
                      "cluster, and the job then ends FINISHED.";
  fj_progress_start ("Stopping job %s with a savepoint", fj.job_id);
  flink_job_client_stop_with_savepoint_async (job, drain, directory, format, fj.cancellable,
                                              fj_store_result_cb, &result);
  path = flink_job_client_stop_with_savepoint_finish (job, fj_await (&result), &error);
  if (path == NULL)
    return fj_fail (error);
  return print_savepoint (job, path);
}

/* ---- accumulators --------------------------------------------------------- */

static void
print_accumulator_table (GListModel *accumulators,
                         const char *indent)
{
  g_autoptr(FjTable) table = fj_table_new ("NAME", "TYPE", "VALUE", NULL);

  for (guint i = 0; i < g_list_model_get_n_items (accumulators); i++)
    {
      g_autoptr(FlinkAccumulator) accumulator = g_list_model_get_item (accumulators, i);
      const char *value = flink_accumulator_get_value (accumulator);

      fj_table_add (table, flink_accumulator_get_name (accumulator),
                    fj_short_class (flink_accumulator_get_accumulator_type (accumulator)),
                    value ? value : "(not readable: the cluster sent it Java-serialized)", NULL);
    }
  fj_table_print (table, indent);
}

static int
cmd_accumulators (const FjCommand *command,
                  int              argc,
                  char           **argv)
{
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) accumulators = NULL;
  int code;

  if (!fj_parse (command, NULL, &argc, &argv, 1, 1))
    return FJ_EXIT_USAGE;
  if ((code = fj_connect_job (argv[1], &job)) != FJ_EXIT_OK)
    return code;

  flink_job_client_get_accumulators_async (job, fj.cancellable, fj_store_result_cb, &result);
  accumulators = flink_job_client_get_accumulators_finish (job, fj_await (&result), &error);
  if (accumulators == NULL)
    return fj_fail (error);

  if (fj.json)
    {
      g_autoptr(JsonBuilder) builder = fj_json_begin ();

      fj_json_string (builder, "job_id", flink_job_client_get_job_id (job));
      fj_json_accumulators (builder, accumulators);
      fj_json_end (builder);
    }
  else if (g_list_model_get_n_items (accumulators) == 0)
    printf ("Job %s has no accumulators.\n", flink_job_client_get_job_id (job));
  else
    print_accumulator_table (accumulators, "");
  return FJ_EXIT_OK;
}

/* ---- result --------------------------------------------------------------- */

static int
cmd_result (const FjCommand *command,
            int              argc,
            char           **argv)
{
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkJobResult) job_result = NULL;
  GListModel *accumulators;
  const char *failure_class, *failure_message, *root_class, *root_message, *stack_trace;
  int code;

  if (!fj_parse (command, NULL, &argc, &argv, 1, 1))
    return FJ_EXIT_USAGE;
  if ((code = fj_connect_job (argv[1], &job)) != FJ_EXIT_OK)
    return code;

  fj.interrupt_note = "the job itself is not affected.";
  fj_progress_start ("Waiting for job %s to end", fj.job_id);
  flink_job_client_get_job_execution_result_async (job, fj.cancellable, fj_store_result_cb, &result);
  job_result = flink_job_client_get_job_execution_result_finish (job, fj_await (&result), &error);
  if (job_result == NULL)
    return fj_fail (error);

  accumulators = flink_job_result_get_accumulators (job_result);
  failure_class = flink_job_result_get_failure_class (job_result);
  failure_message = flink_job_result_get_failure_message (job_result);
  root_class = flink_job_result_get_root_cause_class (job_result);
  root_message = flink_job_result_get_root_cause_message (job_result);
  stack_trace = flink_job_result_get_failure_stack_trace (job_result);

  if (fj.json)
    {
      g_autoptr(JsonBuilder) builder = fj_json_begin ();

      fj_json_string (builder, "job_id", flink_job_result_get_job_id (job_result));
      fj_json_string (builder, "application_status",
                      flink_application_status_to_string (
                        flink_job_result_get_application_status (job_result)));
      fj_json_int (builder, "net_runtime", flink_job_result_get_net_runtime (job_result));
      json_builder_set_member_name (builder, "failure");
      if (failure_class != NULL || failure_message != NULL || stack_trace != NULL)
        {
          json_builder_begin_object (builder);
          fj_json_string (builder, "class", failure_class);
          fj_json_string (builder, "message", failure_message);
          fj_json_string (builder, "root_cause_class", root_class);
          fj_json_string (builder, "root_cause_message", root_message);
          fj_json_string (builder, "stack_trace", stack_trace);
          json_builder_end_object (builder);
        }
      else
        json_builder_add_null_value (builder);
      fj_json_accumulators (builder, accumulators);
      fj_json_end (builder);
    }
  else
    {
      g_autofree char *runtime = fj_format_duration (flink_job_result_get_net_runtime (job_result));

      fj_progress_stop ();
      fj_print_field ("Job ID", "%s", flink_job_result_get_job_id (job_result));
      fj_print_field ("Result", "%s", flink_application_status_to_string (
                                        flink_job_result_get_application_status (job_result)));
      fj_print_field ("Net runtime", "%s", runtime);
      if (failure_class != NULL || failure_message != NULL)
        fj_print_field ("Failure", "%s%s%s", failure_class ? failure_class : "",
                        failure_class && failure_message ? ": " : "",
                        failure_message ? failure_message : "");
      if (root_class != NULL || root_message != NULL)
        fj_print_field ("Root cause", "%s%s%s", root_class ? root_class : "",
                        root_class && root_message ? ": " : "", root_message ? root_message : "");
      if (accumulators != NULL && g_list_model_get_n_items (accumulators) > 0)
        {
          printf ("Accumulators:\n");
          print_accumulator_table (accumulators, "  ");
        }
      if (stack_trace != NULL && fj.verbose)
        printf ("Stack trace:\n%s\n", stack_trace);
    }
  return FJ_EXIT_OK;
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
      g_auto(GStrv) parts = g_strsplit (names[i], ",", -1);

      for (guint j = 0; parts[j]; j++)
        {
          g_autofree char *upper = g_ascii_strup (g_strstrip (parts[j]), -1);
          FlinkJobStatus status;

          if (upper[0] == '\0')
            continue;
          status = flink_job_status_from_string (upper);
          if (status == FLINK_JOB_STATUS_UNKNOWN)
            {
              fj_usage_error (command,
                              "“%s” is not a job status: INITIALIZING, CREATED, RUNNING, FAILING, "
                              "FAILED, CANCELLING, CANCELED, FINISHED, RESTARTING, SUSPENDED or "
                              "RECONCILING",
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

/* Are all the job's tasks running (or, for bounded parts, finished)? */
static int
all_tasks_running (FlinkJobClient *job,
                   gboolean       *running)
{
  g_autoptr(FlinkJobDetails) details = NULL;
  GListModel *vertices;
  guint n;
  int code;

  if ((code = get_details (job, &details)) != FJ_EXIT_OK)
    return code;
  vertices = flink_job_details_get_vertices (details);
  n = vertices ? g_list_model_get_n_items (vertices) : 0;
  *running = n > 0 && flink_job_details_get_status (details) == FLINK_JOB_STATUS_RUNNING;
  for (guint i = 0; *running && i < n; i++)
    {
      g_autoptr(FlinkJobVertex) vertex = g_list_model_get_item (vertices, i);

      *running = vertex_runs (vertex);
    }
  return FJ_EXIT_OK;
}

static int
cmd_wait (const FjCommand *command,
          int              argc,
          char           **argv)
{
  static char **status_names;
  static gboolean tasks_running;
  static const GOptionEntry entries[] = {
    { "status", 's', 0, G_OPTION_ARG_STRING_ARRAY, &status_names,
      "Wait until the job is in STATUS (repeatable, or comma-separated; default: any of "
      "FINISHED, CANCELED, FAILED)", "STATUS" },
    { "tasks-running", 0, 0, G_OPTION_ARG_NONE, &tasks_running,
      "Wait until the job is RUNNING and so is every one of its tasks (Flink says RUNNING "
      "before its tasks are deployed: a savepoint triggered then may fail)", NULL },
    { NULL }
  };
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(GArray) statuses = g_array_new (FALSE, FALSE, sizeof (FlinkJobStatus));
  g_autoptr(GString) wanted = g_string_new (NULL);
  int code;

  if (!fj_parse (command, entries, &argc, &argv, 1, 1))
    return FJ_EXIT_USAGE;
  if (!parse_statuses (command, status_names, statuses, wanted))
    return FJ_EXIT_USAGE;
  if (tasks_running)
    {
      FlinkJobStatus running = FLINK_JOB_STATUS_RUNNING;

      if (statuses->len > 1 || (statuses->len == 1 && !status_in (statuses, running)))
        return fj_usage_error (command, "--tasks-running goes only with --status RUNNING");
      if (statuses->len == 0)
        g_array_append_val (statuses, running);
      g_string_assign (wanted, "RUNNING with all its tasks");
    }
  if (statuses->len == 0)
    g_string_assign (wanted, "FINISHED, CANCELED or FAILED");
  if ((code = fj_connect_job (argv[1], &job)) != FJ_EXIT_OK)
    return code;

  fj.interrupt_note = "the job itself is not affected.";
  fj_progress_start ("Waiting for job %s to be %s", fj.job_id, wanted->str);
  for (;;)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      FlinkJobStatus status;

      flink_job_client_get_job_status_async (job, fj.cancellable, fj_store_result_cb, &result);
      status = flink_job_client_get_job_status_finish (job, fj_await (&result), &error);
      if (error != NULL)
        return fj_fail (error);

      if (statuses->len == 0 ? flink_job_status_is_globally_terminal (status)
                             : status_in (statuses, status))
        {
          gboolean all = TRUE;

          if (tasks_running && (code = all_tasks_running (job, &all)) != FJ_EXIT_OK)
            return code;
          if (all)
            return print_status (job, status);
        }

      if (flink_job_status_is_globally_terminal (status))
        {
          g_autoptr(GError) never = NULL;

          never = g_error_new (FLINK_ERROR, FLINK_ERROR_FAILED,
                               "Job %s ended %s: it will never be %s", fj.job_id,
                               flink_job_status_to_string (status), wanted->str);
          return fj_fail (never);
        }

      fj_progress_start ("Waiting for job %s to be %s (now %s)", fj.job_id, wanted->str,
                         flink_job_status_to_string (status));
      if (!fj_sleep (WAIT_POLL_MS))
        return fail_cancelled ();
    }
}

/* ---- rescale -------------------------------------------------------------- */

/* One argument of rescale: "N" for every vertex, or "VERTEX=N" or
 * "VERTEX=LOWER..UPPER" for one. */
typedef struct {
  char *vertex_id;   /* NULL: every vertex */
  guint lower;       /* 0: keep the vertex's lower bound, or bring it down to upper */
  guint upper;
} RescaleSpec;

static void
rescale_spec_clear (RescaleSpec *spec)
{
  g_clear_pointer (&spec->vertex_id, g_free);
}

static gboolean
parse_parallelism (const char *text,
                   guint      *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT32, &value, NULL))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

static gboolean
parse_rescale_spec (const char  *text,
                    RescaleSpec *spec)
{
  const char *equals = strchr (text, '=');
  const char *bounds = equals ? equals + 1 : text;
  const char *dots = strstr (bounds, "..");

  if (equals != NULL)
    {
      spec->vertex_id = g_strndup (text, equals - text);
      if (!fj_is_job_id (spec->vertex_id))   /* vertex ids look like job ids */
        return FALSE;
    }
  if (dots == NULL)
    return parse_parallelism (bounds, &spec->upper);
  {
    g_autofree char *lower = g_strndup (bounds, dots - bounds);

    return equals != NULL && parse_parallelism (lower, &spec->lower) &&
           parse_parallelism (dots + 2, &spec->upper) && spec->lower <= spec->upper;
  }
}

/* Every vertex RUNNING at its upper bound, its tasks running or done. */
static int
runs_at_upper_bounds (FlinkJobClient               *job,
                      FlinkJobResourceRequirements *requirements,
                      gboolean                     *done)
{
  g_autoptr(FlinkJobDetails) details = NULL;
  FlinkJobStatus status;
  GListModel *vertices;
  int code;

  if ((code = get_details (job, &details)) != FJ_EXIT_OK)
    return code;
  status = flink_job_details_get_status (details);
  if (flink_job_status_is_globally_terminal (status))
    {
      g_autoptr(GError) never = NULL;

      never = g_error_new (FLINK_ERROR, FLINK_ERROR_FAILED, "Job %s ended %s while rescaling",
                           fj.job_id, flink_job_status_to_string (status));
      return fj_fail (never);
    }
  vertices = flink_job_details_get_vertices (details);
  *done = status == FLINK_JOB_STATUS_RUNNING;
  for (guint i = 0; *done && i < g_list_model_get_n_items (vertices); i++)
    {
      g_autoptr(FlinkJobVertex) vertex = g_list_model_get_item (vertices, i);
      guint upper = 0;

      flink_job_resource_requirements_get_parallelism (requirements, flink_job_vertex_get_id (vertex),
                                                       NULL, &upper);
      *done = flink_job_vertex_get_parallelism (vertex) == upper &&
              flink_job_vertex_get_status (vertex) == FLINK_EXECUTION_STATE_RUNNING &&
              vertex_runs (vertex);
    }
  return FJ_EXIT_OK;
}

static int
print_resource_requirements (FlinkJobClient               *job,
                             FlinkJobResourceRequirements *requirements)
{
  g_autoptr(FlinkJobDetails) details = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(FjTable) table = NULL;
  g_auto(GStrv) ids = flink_job_resource_requirements_get_vertex_ids (requirements);
  GListModel *vertices;
  int code;

  /* The vertices' names and current parallelism. */
  if ((code = get_details (job, &details)) != FJ_EXIT_OK)
    return code;
  vertices = flink_job_details_get_vertices (details);

  if (fj.json)
    {
      builder = fj_json_begin ();
      fj_json_string (builder, "job_id", flink_job_client_get_job_id (job));
      json_builder_set_member_name (builder, "vertices");
      json_builder_begin_array (builder);
    }
  else
    table = fj_table_new ("VERTEX", "PARALLELISM", "LOWER", "UPPER", "NAME", NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(FlinkJobVertex) found = NULL;
      g_autofree char *parallelism = NULL;
      g_autofree char *lower_text = NULL;
      g_autofree char *upper_text = NULL;
      guint lower = 0, upper = 0;

      for (guint j = 0; found == NULL && j < g_list_model_get_n_items (vertices); j++)
        {
          g_autoptr(FlinkJobVertex) vertex = g_list_model_get_item (vertices, j);

          if (g_ascii_strcasecmp (flink_job_vertex_get_id (vertex), ids[i]) == 0)
            found = g_steal_pointer (&vertex);
        }
      flink_job_resource_requirements_get_parallelism (requirements, ids[i], &lower, &upper);
      if (fj.json)
        {
          json_builder_begin_object (builder);
          fj_json_string (builder, "id", ids[i]);
          fj_json_string (builder, "name", found ? flink_job_vertex_get_name (found) : NULL);
          if (found != NULL)
            fj_json_int (builder, "parallelism", flink_job_vertex_get_parallelism (found));
          else
            fj_json_string (builder, "parallelism", NULL);
          fj_json_int (builder, "lower_bound", lower);
          fj_json_int (builder, "upper_bound", upper);
          json_builder_end_object (builder);
          continue;
        }
      parallelism = found ? g_strdup_printf ("%u", flink_job_vertex_get_parallelism (found)) : g_strdup ("-");
      lower_text = g_strdup_printf ("%u", lower);
      upper_text = g_strdup_printf ("%u", upper);
      fj_table_add (table, ids[i], parallelism, lower_text, upper_text,
                    found ? flink_job_vertex_get_name (found) : "", NULL);
    }

  if (fj.json)
    {
      json_builder_end_array (builder);
      fj_json_end (builder);
    }
  else
    fj_table_print (table, "");
  return FJ_EXIT_OK;
}

static int
cmd_rescale (const FjCommand *command,
             int              argc,
             char           **argv)
{
  static gboolean wait;
  static const GOptionEntry entries[] = {
    { "wait", 'w', 0, G_OPTION_ARG_NONE, &wait,
      "Wait until every vertex runs at its upper bound (bound the wait with --timeout)", NULL },
    { NULL }
  };
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(FlinkJobResourceRequirements) requirements = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) specs = g_array_new (FALSE, TRUE, sizeof (RescaleSpec));
  int code;

  g_array_set_clear_func (specs, (GDestroyNotify) rescale_spec_clear);
  if (!fj_parse (command, entries, &argc, &argv, 1, -1))
    return FJ_EXIT_USAGE;
  for (int i = 2; i < argc; i++)
    {
      RescaleSpec spec = { NULL, 0, 0 };

      g_array_append_val (specs, spec);
      if (!parse_rescale_spec (argv[i], &g_array_index (specs, RescaleSpec, specs->len - 1)))
        return fj_usage_error (command, "“%s” is not PARALLELISM, VERTEX_ID=UPPER or "
                               "VERTEX_ID=LOWER..UPPER (whole numbers from 1, LOWER ≤ UPPER; "
                               "vertex ids from “flinkjob rescale JOB_ID”)", argv[i]);
    }
  if (wait && specs->len == 0)
    return fj_usage_error (command, "--wait goes with new bounds to wait for");
  if ((code = fj_connect_job (argv[1], &job)) != FJ_EXIT_OK)
    return code;

  flink_job_client_get_resource_requirements_async (job, fj.cancellable, fj_store_result_cb, &result);
  requirements = flink_job_client_get_resource_requirements_finish (job, fj_await (&result), &error);
  if (requirements == NULL)
    return fj_fail (error);
  if (specs->len == 0)
    return print_resource_requirements (job, requirements);

  for (guint i = 0; i < specs->len; i++)
    {
      RescaleSpec *spec = &g_array_index (specs, RescaleSpec, i);
      g_auto(GStrv) ids = flink_job_resource_requirements_get_vertex_ids (requirements);

      if (spec->vertex_id != NULL &&
          !flink_job_resource_requirements_get_parallelism (requirements, spec->vertex_id, NULL, NULL))
        {
          g_autofree char *known = g_strjoinv (", ", ids);

          return fj_usage_error (command, "job %s has no vertex %s; its vertices are %s",
                                 fj.job_id, spec->vertex_id, known);
        }
      for (guint j = 0; ids[j] != NULL; j++)
        {
          guint lower = 0;

          if (spec->vertex_id != NULL && g_ascii_strcasecmp (ids[j], spec->vertex_id) != 0)
            continue;
          flink_job_resource_requirements_get_parallelism (requirements, ids[j], &lower, NULL);
          if (spec->lower != 0)
            lower = spec->lower;
          flink_job_resource_requirements_set_parallelism (requirements, ids[j],
                                                           MIN (lower, spec->upper), spec->upper);
        }
    }

  g_clear_object (&result);
  flink_job_client_set_resource_requirements_async (job, requirements, fj.cancellable,
                                                    fj_store_result_cb, &result);
  if (!flink_job_client_set_resource_requirements_finish (job, fj_await (&result), &error))
    return fj_fail (error);

  if (wait)
    {
      fj.interrupt_note = "the new resource requirements stay; the job rescales when it can.";
      fj_progress_start ("Waiting for job %s to run at its new parallelism", fj.job_id);
      for (;;)
        {
          gboolean done = FALSE;

          if ((code = runs_at_upper_bounds (job, requirements, &done)) != FJ_EXIT_OK)
            return code;
          if (done)
            break;
          if (!fj_sleep (WAIT_POLL_MS))
            return fail_cancelled ();
        }
      fj_progress_stop ();
    }
  return print_resource_requirements (job, requirements);
}

/* ---- submit --------------------------------------------------------------- */

/* A file that exists and starts like a zip archive, as a jar does. */
static gboolean
check_jar_file (const char  *path,
                GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  guchar magic[4] = { 0 };
  gsize n = 0;

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), magic, sizeof magic, &n, NULL, &local_error))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT, "Cannot read the jar %s: %s",
                   path, local_error->message);
      return FALSE;
    }
  if (n < 4 || memcmp (magic, "PK\003\004", 4) != 0)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   "%s is not a jar (a jar is a zip archive)", path);
      return FALSE;
    }
  return TRUE;
}

static int
cmd_submit (const FjCommand *command,
            int              argc,
            char           **argv)
{
  static char *entry_class;
  static int parallelism;
  static char *savepoint;
  static gboolean allow_non_restored;
  static char *claim_mode_name;
  static char *job_id;
  static const GOptionEntry entries[] = {
    { "class", 'c', 0, G_OPTION_ARG_STRING, &entry_class,
      "The job's entry class (default: the jar manifest's Main-Class)", "CLASS" },
    { "parallelism", 'p', 0, G_OPTION_ARG_INT, &parallelism,
      "The job's default parallelism (default: the cluster's parallelism.default)", "N" },
    { "from-savepoint", 's', 0, G_OPTION_ARG_STRING, &savepoint,
      "Restore the job's state from this savepoint or retained checkpoint", "PATH" },
    { "allow-non-restored", 'n', 0, G_OPTION_ARG_NONE, &allow_non_restored,
      "Allow state in the savepoint that maps to no operator of the job", NULL },
    { "claim-mode", 0, 0, G_OPTION_ARG_STRING, &claim_mode_name,
      "Who owns the savepoint's files: no-claim (default) or claim", "MODE" },
    { "job-id", 0, 0, G_OPTION_ARG_STRING, &job_id,
      "Give the job this id (32 hexadecimal characters); the cluster refuses a second job "
      "with the same id, which makes a retried submission safe", "ID" },
    { NULL }
  };
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autoptr(FlinkRunOptions) options = flink_run_options_new ();
  g_autoptr(GStrvBuilder) program_args = g_strv_builder_new ();
  g_autoptr(GFile) jar = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkJobClient) job = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *jar_name = NULL;
  int code;

  /* Everything after "--" goes to the program, untouched. */
  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "--") == 0)
      {
        for (int j = i + 1; j < argc; j++)
          g_strv_builder_add (program_args, argv[j]);
        argc = i;
        break;
      }
  {
    /* g_option_context_parse () wants a NULL-terminated argv. */
    char **copy = g_new0 (char *, argc + 1);

    memcpy (copy, argv, sizeof (char *) * argc);
    argv = copy;
  }
  code = fj_parse (command, entries, &argc, &argv, 1, -1) ? FJ_EXIT_OK : FJ_EXIT_USAGE;
  args = g_strv_builder_end (program_args);
  if (code != FJ_EXIT_OK)
    {
      g_free (argv);
      return code;
    }
  /* Further arguments after the jar are program arguments too. */
  {
    g_autoptr(GStrvBuilder) all = g_strv_builder_new ();

    for (int i = 2; i < argc; i++)
      g_strv_builder_add (all, argv[i]);
    g_strv_builder_addv (all, (const char **) args);
    g_strfreev (args);
    args = g_strv_builder_end (all);
  }
  jar = g_file_new_for_commandline_arg (argv[1]);
  jar_name = g_file_get_basename (jar);
  if (!check_jar_file (argv[1], &error))
    {
      g_free (argv);
      return fj_fail_local (error);
    }
  g_free (argv);

  if (parallelism < 0)
    return fj_usage_error (command, "--parallelism needs a number of at least 1, not %d", parallelism);
  if (job_id != NULL && !fj_is_job_id (job_id))
    return fj_usage_error (command, "--job-id “%s” is not a Flink job id (32 hexadecimal characters)",
                           job_id);
  if (claim_mode_name == NULL || g_ascii_strcasecmp (claim_mode_name, "no-claim") == 0 ||
      g_ascii_strcasecmp (claim_mode_name, "no_claim") == 0)
    flink_run_options_set_claim_mode (options, FLINK_CLAIM_MODE_NO_CLAIM);
  else if (g_ascii_strcasecmp (claim_mode_name, "claim") == 0)
    flink_run_options_set_claim_mode (options, FLINK_CLAIM_MODE_CLAIM);
  else
    return fj_usage_error (command, "--claim-mode is claim or no-claim, not “%s”", claim_mode_name);
  if (claim_mode_name != NULL && savepoint == NULL)
    return fj_usage_error (command, "--claim-mode needs --from-savepoint");
  if (allow_non_restored && savepoint == NULL)
    return fj_usage_error (command, "--allow-non-restored needs --from-savepoint");

  flink_run_options_set_entry_class (options, entry_class);
  flink_run_options_set_parallelism (options, (guint) parallelism);
  flink_run_options_set_savepoint_path (options, savepoint);
  flink_run_options_set_allow_non_restored_state (options, allow_non_restored);
  flink_run_options_set_program_args (options, (const char * const *) args);
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

  if (fj.json)
    {
      g_autoptr(JsonBuilder) builder = fj_json_begin ();

      fj_json_string (builder, "job_id", flink_job_client_get_job_id (job));
      fj_json_end (builder);
    }
  else
    {
      fj_progress_stop ();
      printf ("%s\n", flink_job_client_get_job_id (job));
    }
  return FJ_EXIT_OK;
}

/* ---- dispose-savepoint ---------------------------------------------------- */

static int
cmd_dispose_savepoint (const FjCommand *command,
                       int              argc,
                       char           **argv)
{
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *path;
  int code;

  if (!fj_parse (command, NULL, &argc, &argv, 1, 1))
    return FJ_EXIT_USAGE;
  path = argv[1];
  if (path[0] == '\0')
    return fj_usage_error (command, "the savepoint path is empty");
  if ((code = fj_connect (&client)) != FJ_EXIT_OK)
    return code;

  fj.interrupt_note = "the disposal (if triggered) may still complete on the cluster.";
  fj_progress_start ("Disposing of savepoint %s", path);
  flink_cluster_client_dispose_savepoint_async (client, path, fj.cancellable, fj_store_result_cb,
                                                &result);
  if (!flink_cluster_client_dispose_savepoint_finish (client, fj_await (&result), &error))
    return fj_fail (error);

  if (fj.json)
    {
      g_autoptr(JsonBuilder) builder = fj_json_begin ();

      fj_json_string (builder, "savepoint_path", path);
      fj_json_bool (builder, "ok", TRUE);
      fj_json_end (builder);
    }
  else
    {
      fj_progress_stop ();
      printf ("Disposed of savepoint %s.\n", path);
    }
  return FJ_EXIT_OK;
}

/* ---- cluster -------------------------------------------------------------- */

static int
cmd_cluster (const FjCommand *command,
             int              argc,
             char           **argv)
{
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterOverview) overview = NULL;
  const char *version, *revision;
  int code;

  if (!fj_parse (command, NULL, &argc, &argv, 0, 0))
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

  if (fj.json)
    {
      g_autoptr(JsonBuilder) builder = fj_json_begin ();

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
      fj_json_end (builder);
    }
  else
    {
      fj_print_field ("URL", "%s", flink_cluster_client_get_url (client));
      fj_print_field ("Flink version", "%s", version ? version : "-");
      fj_print_field ("Flink revision", "%s", revision ? revision : "-");
      fj_print_field ("TaskManagers", "%u", flink_cluster_overview_get_taskmanagers (overview));
      fj_print_field ("Task slots", "%u available of %u",
                      flink_cluster_overview_get_slots_available (overview),
                      flink_cluster_overview_get_slots_total (overview));
      fj_print_field ("Jobs", "%u running, %u finished, %u cancelled, %u failed",
                      flink_cluster_overview_get_jobs_running (overview),
                      flink_cluster_overview_get_jobs_finished (overview),
                      flink_cluster_overview_get_jobs_cancelled (overview),
                      flink_cluster_overview_get_jobs_failed (overview));
    }
  return FJ_EXIT_OK;
}

/* ---- jars ----------------------------------------------------------------- */

static int
jars_list (FlinkClusterClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) jars = NULL;
  guint n;

  flink_cluster_client_list_jars_async (client, fj.cancellable, fj_store_result_cb, &result);
  jars = flink_cluster_client_list_jars_finish (client, fj_await (&result), &error);
  if (jars == NULL)
    return fj_fail (error);
  n = g_list_model_get_n_items (jars);

  if (fj.json)
    {
      g_autoptr(JsonBuilder) builder = fj_json_begin ();

      json_builder_set_member_name (builder, "jars");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(FlinkJar) jar = g_list_model_get_item (jars, i);
          const char * const *classes = flink_jar_get_entry_classes (jar);

          json_builder_begin_object (builder);
          fj_json_string (builder, "id", flink_jar_get_id (jar));
          fj_json_string (builder, "name", flink_jar_get_name (jar));
          fj_json_int (builder, "uploaded", flink_jar_get_uploaded (jar));
          json_builder_set_member_name (builder, "entry_classes");
          json_builder_begin_array (builder);
          for (guint c = 0; classes && classes[c]; c++)
            json_builder_add_string_value (builder, classes[c]);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      fj_json_end (builder);
    }
  else if (n == 0)
    {
      printf ("No jars on %s.\n", flink_cluster_client_get_url (client));
    }
  else
    {
      g_autoptr(FjTable) table = fj_table_new ("JAR ID", "UPLOADED", "ENTRY CLASSES", NULL);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(FlinkJar) jar = g_list_model_get_item (jars, i);
          const char * const *classes = flink_jar_get_entry_classes (jar);
          g_autofree char *uploaded = fj_format_time (flink_jar_get_uploaded (jar));
          g_autofree char *entry = classes && classes[0] ? g_strjoinv (", ", (char **) classes)
                                                         : g_strdup ("-");

          fj_table_add (table, flink_jar_get_id (jar), uploaded, entry, NULL);
        }
      fj_table_print (table, "");
    }
  return FJ_EXIT_OK;
}

static int
jars_upload (FlinkClusterClient *client,
             const char         *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *jar_id = NULL;

  fj.interrupt_note = "the upload may still complete on the cluster.";
  fj_progress_start ("Uploading %s", path);
  flink_cluster_client_upload_jar_async (client, file, fj.cancellable, fj_store_result_cb, &result);
  jar_id = flink_cluster_client_upload_jar_finish (client, fj_await (&result), &error);
  if (jar_id == NULL)
    return fj_fail (error);

  if (fj.json)
    {
      g_autoptr(JsonBuilder) builder = fj_json_begin ();

      fj_json_string (builder, "jar_id", jar_id);
      fj_json_end (builder);
    }
  else
    {
      fj_progress_stop ();
      printf ("%s\n", jar_id);
    }
  return FJ_EXIT_OK;
}

static int
jars_delete (FlinkClusterClient *client,
             const char         *jar_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  flink_cluster_client_delete_jar_async (client, jar_id, fj.cancellable, fj_store_result_cb, &result);
  if (!flink_cluster_client_delete_jar_finish (client, fj_await (&result), &error))
    return fj_fail (error);

  if (fj.json)
    {
      g_autoptr(JsonBuilder) builder = fj_json_begin ();

      fj_json_string (builder, "jar_id", jar_id);
      fj_json_bool (builder, "ok", TRUE);
      fj_json_end (builder);
    }
  else
    {
      printf ("Deleted jar %s.\n", jar_id);
    }
  return FJ_EXIT_OK;
}

static int
cmd_jars (const FjCommand *command,
          int              argc,
          char           **argv)
{
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autoptr(GError) error = NULL;
  const char *action;
  int code;

  if (!fj_parse (command, NULL, &argc, &argv, 0, 2))
    return FJ_EXIT_USAGE;
  action = argc > 1 ? argv[1] : "list";

  if (strcmp (action, "list") == 0)
    {
      if (argc > 2)
        return fj_usage_error (command, "jars list takes no argument");
    }
  else if (strcmp (action, "upload") == 0 || strcmp (action, "delete") == 0)
    {
      if (argc != 3)
        return fj_usage_error (command, "jars %s needs %s", action,
                               action[0] == 'u' ? "JAR" : "JAR_ID");
      if (action[0] == 'u' && !check_jar_file (argv[2], &error))
        return fj_fail_local (error);
      if (action[0] == 'd' && (argv[2][0] == '\0' || strchr (argv[2], '/') != NULL ||
                               strcmp (argv[2], ".") == 0 || strcmp (argv[2], "..") == 0))
        return fj_usage_error (command, "“%s” is not a jar id (jar ids are what “flinkjob jars” "
                               "lists, such as 5f0c…_job.jar)", argv[2]);
    }
  else
    return fj_usage_error (command, "unknown jars action “%s”: list, upload or delete", action);

  if ((code = fj_connect (&client)) != FJ_EXIT_OK)
    return code;
  if (strcmp (action, "upload") == 0)
    return jars_upload (client, argv[2]);
  if (strcmp (action, "delete") == 0)
    return jars_delete (client, argv[2]);
  return jars_list (client);
}

/* ---- The table of commands ------------------------------------------------ */

const FjCommand fj_commands[] = {
  { "list", "", "List the cluster's jobs, newest first",
    "Lists every job the cluster knows: running ones, and ended ones for "
    "jobstore.expiration-time (one hour by default).",
    cmd_list },
  { "status", "JOB_ID", "Print a job's status (RUNNING, FINISHED, ...)",
    "Prints the job's status alone on stdout, as Flink names it.",
    cmd_status },
  { "info", "JOB_ID", "Show a job's details: times, status history, vertices",
    NULL, cmd_info },
  { "cancel", "JOB_ID", "Cancel a job",
    "Asks the cluster to cancel the job, then prints the status it has right after "
    "(CANCELLING or CANCELED). A job that already FINISHED or FAILED cannot be "
    "cancelled (exit status 1). Wait for the end with “flinkjob wait JOB_ID”.",
    cmd_cancel },
  { "savepoint", "JOB_ID [DIR]", "Take a savepoint of a running job, print its path",
    "Triggers a savepoint and waits until it is complete; the job keeps running. The "
    "savepoint's path alone goes to stdout: sp=$(flinkjob savepoint JOB_ID). DIR is the "
    "same as --savepoint-dir.",
    cmd_savepoint },
  { "stop", "JOB_ID", "Stop a job with a savepoint, print its path",
    "Stops the job gracefully with a final savepoint, and waits until the savepoint is "
    "complete; the job then ends FINISHED. The savepoint's path alone goes to stdout. "
    "Start the job again with “flinkjob submit JAR --from-savepoint PATH”.",
    cmd_stop },
  { "accumulators", "JOB_ID", "Show a job's accumulators",
    "Prints the job's user accumulators with their Java types and values as Flink shows "
    "them; works while the job runs and after it ended.",
    cmd_accumulators },
  { "result", "JOB_ID", "Wait for a job to end, print its result",
    "Waits until the job is FINISHED, CANCELED or FAILED, then prints its result: the "
    "outcome (SUCCEEDED, FAILED, CANCELED), net runtime, failure cause and accumulators. "
    "Whatever the outcome, the exit status is 0: read the outcome from the output. With "
    "-v the failure's stack trace is printed too. Ctrl-C stops waiting and does not affect "
    "the job.",
    cmd_result },
  { "wait", "JOB_ID", "Wait until a job has a given status, or ended",
    "Reads the job's status every 0.5 s until it is one of the --status given or, "
    "without --status, until it is FINISHED, CANCELED or FAILED, and prints that status. "
    "With --tasks-running it waits until the job is RUNNING and all its tasks too. "
    "A job that ends in another status than those wanted is exit status 1. Bound the "
    "wait with --timeout (exit status 5).",
    cmd_wait },
  { "rescale", "JOB_ID [PARALLELISM | VERTEX_ID=[LOWER..]UPPER …]",
    "Show or change a job's resource requirements",
    "Without bounds, shows each vertex's parallelism and the bounds the adaptive scheduler "
    "keeps it within. “flinkjob rescale JOB_ID 4” sets every vertex's upper bound to 4 "
    "(lower bounds above 4 come down to 4); VERTEX_ID=UPPER or VERTEX_ID=LOWER..UPPER sets "
    "one vertex. The adaptive scheduler then restarts the job from its latest checkpoint at "
    "the new parallelism when it has the slots; --wait waits until every vertex runs at its "
    "upper bound. Needs a cluster with jobmanager.scheduler: adaptive (Flink 1.18 or "
    "later); others answer exit status 1.",
    cmd_rescale },
  { "submit", "JAR [ARGUMENT…] [-- ARGUMENT…]", "Submit a job from a jar, print its id",
    "Uploads the jar, runs it, deletes the uploaded copy, and prints the new job's id. "
    "Program arguments follow the jar; put them after “--” when they start with a dash: "
    "flinkjob submit job.jar --class org.example.Job -- --input /data.",
    cmd_submit },
  { "dispose-savepoint", "PATH", "Delete a savepoint's files on the cluster",
    "Asks the cluster to dispose of the savepoint and waits until it has.",
    cmd_dispose_savepoint },
  { "cluster", "", "Show the cluster's Flink version and overview",
    NULL, cmd_cluster },
  { "jars", "[list | upload JAR | delete JAR_ID]", "List, upload or delete the cluster's jars",
    "“jars” or “jars list” lists the jars uploaded to the cluster; “jars upload JAR” "
    "uploads one and prints its id; “jars delete JAR_ID” deletes one.",
    cmd_jars },
  { NULL }
};
