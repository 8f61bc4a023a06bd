/* flinkjob-builtins-results.c: the commands that read what a job computed:
 * accumulators, result
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "flinkjob"

#include "config.h"

#include "flinkjob-builtins.h"

/* "accumulators": [{"name", "type", "value"}, ...] */
static void
json_accumulators (JsonBuilder *builder,
                   GListModel  *accumulators)
{
  json_builder_set_member_name (builder, "accumulators");
  json_builder_begin_array (builder);
  for (guint i = 0; accumulators && i < g_list_model_get_n_items (accumulators); i++)
    {
      g_autoptr (FlinkAccumulator) accumulator = g_list_model_get_item (accumulators, i);

      json_builder_begin_object (builder);
      fj_json_string (builder, "name", flink_accumulator_get_name (accumulator));
      fj_json_string (builder, "type", flink_accumulator_get_accumulator_type (accumulator));
      fj_json_string (builder, "value", flink_accumulator_get_value (accumulator));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_accumulator_table (JsonArray  *accumulators,
                         const char *indent)
{
  g_autoptr (FjTable) table = fj_table_new ("NAME", "TYPE", "VALUE", NULL);

  for (guint i = 0; i < json_array_get_length (accumulators); i++)
    {
      JsonObject *accumulator = json_array_get_object_element (accumulators, i);
      const char *value = fj_get_string (accumulator, "value");

      fj_table_add (table, fj_get_string (accumulator, "name"),
                    fj_short_class (fj_get_string (accumulator, "type")),
                    value ? value : "(not readable: the cluster sent it Java-serialized)");
    }
  fj_table_print (table, indent);
}

/* ---- accumulators --------------------------------------------------------- */

static void
accumulators_text (JsonObject *result)
{
  JsonArray *accumulators = fj_get_array (result, "accumulators");

  if (json_array_get_length (accumulators) == 0)
    fj_print_line ("Job %s has no accumulators.", fj_get_string (result, "job_id"));
  else
    print_accumulator_table (accumulators, "");
}

int
fj_builtin_accumulators (const FjCommand *command,
                         int              argc,
                         char           **argv)
{
  g_autoptr (FlinkJobClient) job = NULL;
  g_autoptr (GAsyncResult)   result = NULL;
  g_autoptr (GError)         error = NULL;
  g_autoptr (GListModel)     accumulators = NULL;
  g_autoptr (JsonBuilder)    builder = NULL;
  g_auto (GStrv)             args = NULL;
  int                        code;

  if (!fj_parse (command, NULL, NULL, NULL, argc, argv, &args))
    return FJ_EXIT_USAGE;
  if ((code = fj_connect_job (args[0], &job)) != FJ_EXIT_OK)
    return code;

  flink_job_client_get_accumulators_async (job, fj.cancellable, fj_store_result_cb, &result);
  accumulators = flink_job_client_get_accumulators_finish (job, fj_await (&result), &error);
  if (accumulators == NULL)
    return fj_fail (error);

  builder = fj_json_begin ();
  fj_json_string (builder, "job_id", flink_job_client_get_job_id (job));
  json_accumulators (builder, accumulators);
  return fj_print_result (builder, accumulators_text);
}

/* ---- result --------------------------------------------------------------- */

/* "Class: message", or either alone */
static void
print_exception_field (const char *key,
                       const char *java_class,
                       const char *message)
{
  if (java_class == NULL && message == NULL)
    return;
  fj_print_field (key, "%s%s%s", java_class ? java_class : "",
                  java_class && message ? ": " : "", message ? message : "");
}

/* A job's result as `result` prints it (run-application too). */
void
fj_job_result_text (JsonObject *result)
{
  JsonObject      *failure = fj_get_object (result, "failure");
  JsonArray       *accumulators = fj_get_array (result, "accumulators");
  const char      *stack_trace = fj_get_string (failure, "stack_trace");
  g_autofree char *runtime = fj_format_duration (fj_get_int (result, "net_runtime"));

  fj_print_field ("Job ID", "%s", fj_get_string (result, "job_id"));
  fj_print_field ("Result", "%s", fj_get_string (result, "application_status"));
  fj_print_field ("Net runtime", "%s", runtime);
  print_exception_field ("Failure", fj_get_string (failure, "class"),
                         fj_get_string (failure, "message"));
  print_exception_field ("Root cause", fj_get_string (failure, "root_cause_class"),
                         fj_get_string (failure, "root_cause_message"));
  if (json_array_get_length (accumulators) > 0)
    {
      fj_print_line ("Accumulators:");
      print_accumulator_table (accumulators, "  ");
    }
  if (stack_trace != NULL && fj.verbose)
    {
      fj_print_line ("Stack trace:");
      fj_print_lines (stack_trace);
    }
}

/* The members of a job's result: job_id, application_status, net_runtime,
 * failure, accumulators. */
void
fj_json_job_result (JsonBuilder    *builder,
                    FlinkJobResult *job_result)
{
  const char *failure_class, *failure_message, *stack_trace;

  failure_class = flink_job_result_get_failure_class (job_result);
  failure_message = flink_job_result_get_failure_message (job_result);
  stack_trace = flink_job_result_get_failure_stack_trace (job_result);

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
      fj_json_string (builder, "root_cause_class",
                      flink_job_result_get_root_cause_class (job_result));
      fj_json_string (builder, "root_cause_message",
                      flink_job_result_get_root_cause_message (job_result));
      fj_json_string (builder, "stack_trace", stack_trace);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_accumulators (builder, flink_job_result_get_accumulators (job_result));
}

int
fj_builtin_result (const FjCommand *command,
                   int              argc,
                   char           **argv)
{
  g_autoptr (FlinkJobClient) job = NULL;
  g_autoptr (GAsyncResult)   result = NULL;
  g_autoptr (GError)         error = NULL;
  g_autoptr (FlinkJobResult) job_result = NULL;
  g_autoptr (JsonBuilder)    builder = NULL;
  g_auto (GStrv)             args = NULL;
  int                        code;

  if (!fj_parse (command, NULL, NULL, NULL, argc, argv, &args))
    return FJ_EXIT_USAGE;
  if ((code = fj_connect_job (args[0], &job)) != FJ_EXIT_OK)
    return code;

  fj.interrupt_note = "the job itself is not affected.";
  fj_progress_start ("Waiting for job %s to end", fj.job_id);
  flink_job_client_get_job_execution_result_async (job, fj.cancellable, fj_store_result_cb, &result);
  job_result = flink_job_client_get_job_execution_result_finish (job, fj_await (&result), &error);
  if (job_result == NULL)
    return fj_fail (error);

  builder = fj_json_begin ();
  fj_json_job_result (builder, job_result);
  return fj_print_result (builder, fj_job_result_text);
}
