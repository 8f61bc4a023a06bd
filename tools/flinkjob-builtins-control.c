/* flinkjob-builtins-control.c: the commands that change a running job:
 * cancel, rescale
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "flinkjob"

#include "config.h"
#include <glib/gi18n.h>

#include <string.h>

#include "flinkjob-builtins.h"

/* ---- cancel --------------------------------------------------------------- */

static void
cancel_text (JsonObject *result)
{
  fj_print_line ("Cancelled job %s: it is %s.", fj_get_string (result, "job_id"),
                 fj_get_string (result, "status"));
}

int
fj_builtin_cancel (const FjCommand *command,
                   int              argc,
                   char           **argv)
{
  g_autoptr (FlinkJobClient) job = NULL;
  g_autoptr (GAsyncResult)   result = NULL;
  g_autoptr (GError)         error = NULL;
  g_autoptr (JsonBuilder)    builder = NULL;
  g_auto (GStrv)             args = NULL;
  FlinkJobStatus             status;
  int                        code;

  if (!fj_parse (command, NULL, NULL, NULL, argc, argv, &args))
    return FJ_EXIT_USAGE;
  if ((code = fj_connect_job (args[0], &job)) != FJ_EXIT_OK)
    return code;

  fj.interrupt_note = "the cancellation (if requested) goes on on the cluster.";
  flink_job_client_cancel_async (job, fj.cancellable, fj_store_result_cb, &result);
  if (!flink_job_client_cancel_finish (job, fj_await (&result), &error))
    return fj_fail (error);

  /* The cluster accepted: say where the job is now (CANCELLING or CANCELED). */
  if ((code = fj_get_job_status (job, &status)) != FJ_EXIT_OK)
    return code;

  builder = fj_json_begin ();
  fj_json_string (builder, "job_id", flink_job_client_get_job_id (job));
  fj_json_bool (builder, "ok", TRUE);
  fj_json_string (builder, "status", flink_job_status_to_string (status));
  return fj_print_result (builder, cancel_text);
}

/* ---- rescale -------------------------------------------------------------- */

/* One argument of rescale: "N" for every vertex, or "VERTEX=N" or
 * "VERTEX=LOWER..UPPER" for one. */
typedef struct
{
  char *vertex_id; /* NULL: every vertex */
  guint lower;     /* 0: keep the vertex's lower bound, or bring it down to upper */
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
  return fj_parse_whole_number ("parallelism", text, 1, G_MAXINT32, out, NULL);
}

static gboolean
parse_rescale_spec (const char  *text,
                    RescaleSpec *spec)
{
  const char      *equals = strchr (text, '=');
  const char      *bounds = equals ? equals + 1 : text;
  const char      *dots = strstr (bounds, "..");
  g_autofree char *lower = NULL;

  if (equals != NULL)
    {
      spec->vertex_id = g_strndup (text, equals - text);
      if (!flink_job_id_is_valid (spec->vertex_id)) /* vertex ids look like job ids */
        return FALSE;
    }
  if (dots == NULL)
    return parse_parallelism (bounds, &spec->upper);
  lower = g_strndup (bounds, dots - bounds);
  return equals != NULL && parse_parallelism (lower, &spec->lower) &&
         parse_parallelism (dots + 2, &spec->upper) && spec->lower <= spec->upper;
}

/* GOption's G_OPTION_REMAINING, through fj_parse (): JOB_ID, then the
 * bounds. */
static gboolean
rescale_argument (guint       position,
                  const char *argument,
                  gpointer    user_data,
                  GError    **error)
{
  GArray     *specs = user_data;
  RescaleSpec spec = { NULL, 0, 0 };

  if (position == 0)
    return TRUE;
  if (!parse_rescale_spec (argument, &spec))
    {
      rescale_spec_clear (&spec);
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("“%s” is not PARALLELISM, VERTEX_ID=UPPER or VERTEX_ID=LOWER..UPPER (whole "
                      "numbers from 1, LOWER ≤ UPPER; vertex ids from “flinkjob rescale JOB_ID”)"),
                   argument);
      return FALSE;
    }
  g_array_append_val (specs, spec);
  return TRUE;
}

/* Every vertex RUNNING at its upper bound, its tasks running or done. */
static int
runs_at_upper_bounds (FlinkJobClient               *job,
                      FlinkJobResourceRequirements *requirements,
                      gboolean                     *done)
{
  g_autoptr (FlinkJobDetails) details = NULL;
  FlinkJobStatus              status;
  GListModel                 *vertices;
  int                         code;

  if ((code = fj_get_job_details (job, &details)) != FJ_EXIT_OK)
    return code;
  status = flink_job_details_get_status (details);
  if (flink_job_status_is_globally_terminal (status))
    {
      g_autoptr (GError) never = NULL;

      never = g_error_new (FLINK_ERROR, FLINK_ERROR_FAILED, _ ("Job %s ended %s while rescaling"),
                           fj.job_id, flink_job_status_to_string (status));
      return fj_fail (never);
    }
  vertices = flink_job_details_get_vertices (details);
  *done = flink_job_details_get_all_tasks_running (details);
  for (guint i = 0; *done && i < g_list_model_get_n_items (vertices); i++)
    {
      g_autoptr (FlinkJobVertex) vertex = g_list_model_get_item (vertices, i);
      guint                      upper = 0;

      flink_job_resource_requirements_get_parallelism (requirements, flink_job_vertex_get_id (vertex),
                                                       NULL, &upper);
      *done = flink_job_vertex_get_parallelism (vertex) == upper &&
              flink_job_vertex_get_status (vertex) == FLINK_EXECUTION_STATE_RUNNING;
    }
  return FJ_EXIT_OK;
}

static void
resource_requirements_text (JsonObject *result)
{
  JsonArray          *vertices = fj_get_array (result, "vertices");
  g_autoptr (FjTable) table = fj_table_new ("VERTEX", "PARALLELISM", "LOWER", "UPPER", "NAME", NULL);

  for (guint i = 0; i < json_array_get_length (vertices); i++)
    {
      JsonObject      *vertex = json_array_get_object_element (vertices, i);
      JsonNode        *parallelism = json_object_get_member (vertex, "parallelism");
      g_autofree char *parallelism_text = NULL;
      g_autofree char *lower = g_strdup_printf ("%" G_GINT64_FORMAT, fj_get_int (vertex, "lower_bound"));
      g_autofree char *upper = g_strdup_printf ("%" G_GINT64_FORMAT, fj_get_int (vertex, "upper_bound"));

      if (parallelism != NULL && !JSON_NODE_HOLDS_NULL (parallelism))
        parallelism_text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (parallelism));
      fj_table_add (table, fj_get_string (vertex, "id"), parallelism_text, lower, upper,
                    fj_get_string (vertex, "name"));
    }
  fj_table_print (table, "");
}

/* The vertex of @details with id @vertex_id (Flink writes ids in lower
 * case; a user may not), or NULL. */
static FlinkJobVertex *
find_vertex (FlinkJobDetails *details,
             const char      *vertex_id)
{
  GListModel *vertices = flink_job_details_get_vertices (details);

  for (guint i = 0; i < g_list_model_get_n_items (vertices); i++)
    {
      g_autoptr (FlinkJobVertex) vertex = g_list_model_get_item (vertices, i);
      const char                *id = flink_job_vertex_get_id (vertex);

      if (id != NULL && g_ascii_strcasecmp (id, vertex_id) == 0)
        return g_steal_pointer (&vertex);
    }
  return NULL;
}

static int
print_resource_requirements (FlinkJobClient               *job,
                             FlinkJobResourceRequirements *requirements)
{
  g_autoptr (FlinkJobDetails) details = NULL;
  g_autoptr (JsonBuilder)     builder = NULL;
  g_auto (GStrv)              ids = flink_job_resource_requirements_get_vertex_ids (requirements);
  int                         code;

  /* The vertices' names and current parallelism. */
  if ((code = fj_get_job_details (job, &details)) != FJ_EXIT_OK)
    return code;

  builder = fj_json_begin ();
  fj_json_string (builder, "job_id", flink_job_client_get_job_id (job));
  json_builder_set_member_name (builder, "vertices");
  json_builder_begin_array (builder);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr (FlinkJobVertex) found = find_vertex (details, ids[i]);
      guint                      lower = 0, upper = 0;

      flink_job_resource_requirements_get_parallelism (requirements, ids[i], &lower, &upper);
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
    }
  json_builder_end_array (builder);
  return fj_print_result (builder, resource_requirements_text);
}

/* Applies the bounds given to @requirements; an exit code. */
static int
apply_specs (const FjCommand              *command,
             GArray                       *specs,
             FlinkJobResourceRequirements *requirements)
{
  for (guint i = 0; i < specs->len; i++)
    {
      RescaleSpec   *spec = &g_array_index (specs, RescaleSpec, i);
      g_auto (GStrv) ids = flink_job_resource_requirements_get_vertex_ids (requirements);

      if (spec->vertex_id != NULL &&
          !flink_job_resource_requirements_get_parallelism (requirements, spec->vertex_id, NULL, NULL))
        {
          g_autofree char *known = g_strjoinv (", ", ids);

          return fj_usage_error (command, _ ("job %s has no vertex %s; its vertices are %s"),
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
  return FJ_EXIT_OK;
}

int
fj_builtin_rescale (const FjCommand *command,
                    int              argc,
                    char           **argv)
{
  static gboolean           wait;
  static const GOptionEntry entries[] = {
    { "wait", 'w', 0, G_OPTION_ARG_NONE, &wait,
      "Wait until every vertex runs at its upper bound (bound the wait with --timeout)", NULL },
    { NULL }
  };
  g_autoptr (FlinkJobClient)               job = NULL;
  g_autoptr (FlinkJobResourceRequirements) requirements = NULL;
  g_autoptr (GAsyncResult)                 result = NULL;
  g_autoptr (GError)                       error = NULL;
  g_autoptr (GArray)                       specs = g_array_new (FALSE, TRUE, sizeof (RescaleSpec));
  g_auto (GStrv)                           args = NULL;
  int                                      code;

  g_array_set_clear_func (specs, (GDestroyNotify) rescale_spec_clear);
  if (!fj_parse (command, entries, rescale_argument, specs, argc, argv, &args))
    return FJ_EXIT_USAGE;
  if (wait && specs->len == 0)
    return fj_usage_error (command, _ ("--wait goes with new bounds to wait for"));
  if ((code = fj_connect_job (args[0], &job)) != FJ_EXIT_OK)
    return code;

  flink_job_client_get_resource_requirements_async (job, fj.cancellable, fj_store_result_cb, &result);
  requirements = flink_job_client_get_resource_requirements_finish (job, fj_await (&result), &error);
  if (requirements == NULL)
    return fj_fail (error);
  if (specs->len == 0)
    return print_resource_requirements (job, requirements);
  if ((code = apply_specs (command, specs, requirements)) != FJ_EXIT_OK)
    return code;

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
          if (!fj_sleep (FJ_POLL_MS))
            return fj_fail_cancelled ();
        }
      fj_progress_stop ();
    }
  return print_resource_requirements (job, requirements);
}
