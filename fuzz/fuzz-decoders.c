/* fuzz-decoders.c: every response decoder, fed what a server could send
 *
 * One input is parsed as the library parses a response, then given to
 * every decoder (each refuses what is not its answer quickly), and to the
 * HTTP error path as an error body. Seeded from tests/responses/.
 *
 * Invariants: each decoder gives a record or a FLINK_ERROR, never both;
 * every string of every record (properties, nested records and lists,
 * and the getters that are not properties) is UTF-8; error messages are
 * UTF-8 and bounded; resource requirements survive their own round trip.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fuzz-common.h"

#define CONTEXT "Cannot do X on http://127.0.0.1:8081"
/* What a person reads stays short, whatever the body. */
#define MAX_MESSAGE 4096

typedef gpointer (*Decoder) (JsonObject *object, GError **error);

static const struct {
  const char *name;
  Decoder decode;
} decoders[] = {
  { "cluster overview", (Decoder) _flink_cluster_overview_new_from_json },
  { "job overview", (Decoder) _flink_job_overview_new_from_json },
  { "job overviews", (Decoder) _flink_job_overviews_new_from_json },
  { "job vertex", (Decoder) _flink_job_vertex_new_from_json },
  { "job details", (Decoder) _flink_job_details_new_from_json },
  { "accumulators", (Decoder) _flink_accumulators_new_from_json },
  { "exception history", (Decoder) _flink_exception_history_new_from_json },
  { "jar", (Decoder) _flink_jar_new_from_json },
  { "jars", (Decoder) _flink_jars_new_from_json },
};

static void check_exception (FlinkExceptionInfo *info,
                             guint               depth);

static void
check_exception_list (GListModel *list,
                      guint       depth)
{
  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(FlinkExceptionInfo) info = g_list_model_get_item (list, i);

      check_exception (info, depth + 1);
    }
}

/* What FlinkExceptionInfo hands out beyond its properties. */
static void
check_exception (FlinkExceptionInfo *info,
                 guint               depth)
{
  GHashTable *labels;
  GHashTableIter iter;
  gpointer key, value;

  FUZZ_CHECK (depth < 4, "exceptions nest %u deep", depth);
  fuzz_check_object (G_OBJECT (info));
  fuzz_check_utf8 (flink_exception_info_get_exception_name (info), "exception name");
  fuzz_check_utf8 (flink_exception_info_get_message (info), "exception message");
  fuzz_check_utf8 (flink_exception_info_get_stack_trace (info), "stack trace");
  fuzz_check_utf8 (flink_exception_info_get_root_cause_class (info), "root cause class");
  fuzz_check_utf8 (flink_exception_info_get_root_cause_message (info), "root cause message");
  fuzz_check_utf8 (flink_exception_info_get_task_name (info), "task name");
  fuzz_check_utf8 (flink_exception_info_get_endpoint (info), "endpoint");
  fuzz_check_utf8 (flink_exception_info_get_task_manager_id (info), "task manager id");
  labels = flink_exception_info_get_failure_labels (info);
  if (labels != NULL)
    {
      g_hash_table_iter_init (&iter, labels);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          fuzz_check_utf8 (key, "failure label key");
          fuzz_check_utf8 (value, "failure label value");
        }
    }
  check_exception_list (flink_exception_info_get_concurrent_exceptions (info), depth);
}

static void
check_accumulators (GListModel *list)
{
  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(FlinkAccumulator) accumulator = g_list_model_get_item (list, i);

      fuzz_check_utf8 (flink_accumulator_get_name (accumulator), "accumulator name");
      fuzz_check_utf8 (flink_accumulator_get_accumulator_type (accumulator), "accumulator type");
      fuzz_check_utf8 (flink_accumulator_get_value (accumulator), "accumulator value");
    }
}

static void
check_resource_requirements (JsonObject *object)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkJobResourceRequirements) requirements =
    _flink_job_resource_requirements_new_from_json (object, &error);
  g_autoptr(FlinkJobResourceRequirements) again = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(JsonNode) reread = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) ids = NULL;
  g_autofree char *text = NULL;

  fuzz_check_outcome (requirements, error, FLINK_ERROR_PROTOCOL_ERROR, "resource requirements");
  if (requirements == NULL)
    return;
  g_clear_error (&error);
  if (!_flink_job_resource_requirements_check (requirements, &error))
    fuzz_check_outcome (NULL, error, -1, "resource requirements check");
  g_clear_error (&error);

  /* What is sent back to the cluster reads back the same. */
  ids = flink_job_resource_requirements_get_vertex_ids (requirements);
  written = _flink_job_resource_requirements_to_json (requirements);
  text = json_to_string (written, FALSE);
  bytes = g_bytes_new (text, strlen (text));
  reread = _flink_json_parse (bytes, &error);
  FUZZ_CHECK (reread != NULL, "written requirements do not parse: %s", error->message);
  again = _flink_job_resource_requirements_new_from_json (json_node_get_object (reread), &error);
  FUZZ_CHECK (again != NULL, "written requirements do not decode: %s", error->message);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      guint lower, upper, lower2, upper2;

      fuzz_check_utf8 (ids[i], "vertex id");
      FUZZ_CHECK (flink_job_resource_requirements_get_parallelism (requirements, ids[i], &lower, &upper),
                  "vertex %s listed but unknown", ids[i]);
      FUZZ_CHECK (flink_job_resource_requirements_get_parallelism (again, ids[i], &lower2, &upper2),
                  "vertex %s lost in the round trip", ids[i]);
      FUZZ_CHECK (lower == lower2 && upper == upper2, "vertex %s: %u..%u became %u..%u",
                  ids[i], lower, upper, lower2, upper2);
    }
}

static void
check_http_error (guint   status,
                  GBytes *body)
{
  g_autoptr(GError) error = _flink_error_new_for_http (status, body, CONTEXT);

  fuzz_check_outcome (NULL, error, -1, "HTTP error");
  FUZZ_CHECK (g_str_has_prefix (error->message, CONTEXT), "message does not start with its context: %s",
              error->message);
  FUZZ_CHECK (strlen (error->message) <= MAX_MESSAGE, "a message of %zu bytes",
              strlen (error->message));
}

/* The answers that are not records: a value or a FLINK_ERROR, never both;
 * ids in Flink's form; statuses a known member. */
static void
check_answers (JsonObject *object)
{
  g_autoptr(GHashTable) statuses = NULL;
  FlinkSavepointEntry entry;
  FlinkJobStatus status;
  gboolean completed;
  guint64 checkpoint;
  char *text;

  {
    g_autoptr(GError) error = NULL;
    gboolean ok = _flink_job_status_from_json (object, &status, &error);

    fuzz_check_outcome (ok ? GINT_TO_POINTER (1) : NULL, error, FLINK_ERROR_PROTOCOL_ERROR, "job status");
    FUZZ_CHECK (!ok || (status >= FLINK_JOB_STATUS_UNKNOWN && status <= FLINK_JOB_STATUS_RECONCILING),
                "job status %d", status);
  }
  {
    g_autoptr(GError) error = NULL;

    statuses = _flink_job_statuses_from_json (object, &error);
    fuzz_check_outcome (statuses, error, FLINK_ERROR_PROTOCOL_ERROR, "job statuses");
  }
  {
    g_autoptr(GError) error = NULL;

    text = _flink_trigger_id_from_json (object, &error);
    fuzz_check_outcome (text, error, FLINK_ERROR_PROTOCOL_ERROR, "trigger id");
    FUZZ_CHECK (text == NULL || flink_job_id_is_valid (text), "a trigger id of another form");
    g_free (text);
  }
  {
    g_autoptr(GError) error = NULL;

    text = _flink_run_job_id_from_json (object, &error);
    fuzz_check_outcome (text, error, FLINK_ERROR_PROTOCOL_ERROR, "run job id");
    FUZZ_CHECK (text == NULL || flink_job_id_is_valid (text), "a job id of another form");
    g_free (text);
  }
  {
    g_autoptr(GError) error = NULL;

    text = _flink_jar_id_from_json (object, &error);
    fuzz_check_outcome (text, error, FLINK_ERROR_PROTOCOL_ERROR, "jar id");
    FUZZ_CHECK (text == NULL || flink_jar_id_is_valid (text), "a jar id of another form");
    fuzz_check_utf8 (text, "jar id");
    g_free (text);
  }
  {
    g_autoptr(GError) error = NULL;
    gboolean ok = _flink_operation_status_from_json (object, &completed, &error);

    fuzz_check_outcome (ok ? GINT_TO_POINTER (1) : NULL, error, FLINK_ERROR_PROTOCOL_ERROR, "operation status");
  }
  {
    g_autoptr(GError) error = NULL;
    gboolean ok = _flink_checkpoint_id_from_json (object, &checkpoint, &error);

    fuzz_check_outcome (ok ? GINT_TO_POINTER (1) : NULL, error, -1, "checkpoint id");
  }
  {
    g_autoptr(GError) error = NULL;
    gboolean ok = _flink_disposal_from_json (object, &error);

    fuzz_check_outcome (ok ? GINT_TO_POINTER (1) : NULL, error, -1, "disposal");
  }
  _flink_savepoint_from_statistics (object, 0, NULL, &entry);
  fuzz_check_utf8 (entry.location, "savepoint location in the statistics");
  fuzz_check_utf8 (entry.failure, "savepoint failure in the statistics");
  _flink_savepoint_from_statistics (object, G_MAXINT64, "/tmp", &entry);
  _flink_savepoint_from_statistics (object, G_MININT64, "file:///", &entry);
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GListModel) accumulators = NULL;
  JsonObject *object;

  fuzz_init ();
  /* Statuses only choose the code: one is enough. */
  check_http_error (500, bytes);

  root = _flink_json_parse (bytes, &error);
  fuzz_check_outcome (root, error, FLINK_ERROR_PROTOCOL_ERROR, "JSON parse");
  if (root == NULL)
    return 0;
  object = _flink_json_node_get_object (root, &error);
  fuzz_check_outcome (object, error, FLINK_ERROR_PROTOCOL_ERROR, "JSON object");
  if (object == NULL)
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (decoders); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GObject) record = decoders[i].decode (object, &local_error);

      fuzz_check_outcome (record, local_error, FLINK_ERROR_PROTOCOL_ERROR, decoders[i].name);
      if (record == NULL)
        continue;
      if (G_IS_LIST_MODEL (record))
        fuzz_check_list (G_LIST_MODEL (record));
      else
        fuzz_check_object (record);
      if (G_IS_LIST_MODEL (record) &&
          g_list_model_get_item_type (G_LIST_MODEL (record)) == FLINK_TYPE_EXCEPTION_INFO)
        check_exception_list (G_LIST_MODEL (record), 0);
    }

  check_answers (object);
  accumulators = _flink_accumulators_new_from_json (object, NULL);
  check_accumulators (accumulators);
  {
    g_autoptr(GError) local_error = NULL;
    g_autoptr(FlinkJobResult) result = _flink_job_result_new_from_json (object, accumulators, &local_error);

    fuzz_check_outcome (result, local_error, -1, "job result");
    if (result != NULL)
      {
        fuzz_check_object (G_OBJECT (result));
        fuzz_check_utf8 (flink_job_result_get_failure_stack_trace (result), "failure stack trace");
        fuzz_check_utf8 (flink_job_result_get_root_cause_class (result), "root cause class");
        fuzz_check_utf8 (flink_job_result_get_root_cause_message (result), "root cause message");
        check_accumulators (flink_job_result_get_accumulators (result));
      }
  }
  {
    g_autoptr(GError) local_error = NULL;
    g_autofree char *location = _flink_savepoint_location_from_json (object, CONTEXT, &local_error);

    fuzz_check_outcome (location, local_error, -1, "savepoint location");
    fuzz_check_utf8 (location, "savepoint location");
  }
  {
    g_autofree char *cause = _flink_describe_failure_cause (object);

    fuzz_check_utf8 (cause, "failure cause");
  }
  {
    guint counts[32] = { 0 };

    _flink_json_read_task_counts (object, counts, G_N_ELEMENTS (counts));
  }
  check_resource_requirements (object);
  return 0;
}
