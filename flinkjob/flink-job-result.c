/* flink-job-result.c: the result of a job that reached a globally terminal status
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include <string.h>

#include "flink-decoders-private.h"
#include "flink-error-private.h"
#include "flink-json-private.h"
#include "flink-i18n-private.h"

/**
 * FlinkJobResult:
 *
 * The outcome of a job that reached a globally terminal status (FINISHED,
 * CANCELED or FAILED), as the cluster reports it at
 * `GET /jobs/:jobid/execution-result`: whether it succeeded, how long it ran,
 * why it failed, and its accumulators.
 *
 * A failure is told by the exception Flink reported (its Java class, message
 * and stack trace) and by the root cause, the last "Caused by:" of that
 * stack trace, which is usually the one to show a person.
 *
 * Flink sends the final accumulator values only in Java serialization, which
 * cannot be decoded without a JVM. The accumulators of a job result carry
 * their readable value only when it was read from the accumulators endpoint
 * ([method@Flink.JobClient.get_accumulators_async]), and a %NULL value
 * otherwise: see [method@Flink.JobResult.get_accumulators].
 *
 * Get one with [method@Flink.JobClient.get_job_execution_result_async]. It is
 * immutable.
 *
 * Since: 1.0
 */

struct _FlinkJobResult
{
  GObject parent_instance;

  char                  *job_id;
  FlinkApplicationStatus application_status;
  gint64                 net_runtime;
  char                  *failure_class;
  char                  *failure_message;
  char                  *failure_stack_trace;
  char                  *root_cause_class;
  char                  *root_cause_message;
  GListStore            *accumulators;
};

G_DEFINE_FINAL_TYPE (FlinkJobResult, flink_job_result, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_JOB_ID,
  PROP_APPLICATION_STATUS,
  PROP_NET_RUNTIME,
  PROP_FAILURE_CLASS,
  PROP_FAILURE_MESSAGE,
  PROP_FAILURE_STACK_TRACE,
  PROP_ROOT_CAUSE_CLASS,
  PROP_ROOT_CAUSE_MESSAGE,
  PROP_ACCUMULATORS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
flink_job_result_finalize (GObject *object)
{
  FlinkJobResult *self = FLINK_JOB_RESULT (object);

  g_clear_pointer (&self->job_id, g_free);
  g_clear_pointer (&self->failure_class, g_free);
  g_clear_pointer (&self->failure_message, g_free);
  g_clear_pointer (&self->failure_stack_trace, g_free);
  g_clear_pointer (&self->root_cause_class, g_free);
  g_clear_pointer (&self->root_cause_message, g_free);
  g_clear_object (&self->accumulators);

  G_OBJECT_CLASS (flink_job_result_parent_class)->finalize (object);
}

static void
flink_job_result_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FlinkJobResult *self = FLINK_JOB_RESULT (object);

  switch (prop_id)
    {
    case PROP_JOB_ID:
      g_value_set_string (value, self->job_id);
      break;
    case PROP_APPLICATION_STATUS:
      g_value_set_enum (value, self->application_status);
      break;
    case PROP_NET_RUNTIME:
      g_value_set_int64 (value, self->net_runtime);
      break;
    case PROP_FAILURE_CLASS:
      g_value_set_string (value, self->failure_class);
      break;
    case PROP_FAILURE_MESSAGE:
      g_value_set_string (value, self->failure_message);
      break;
    case PROP_FAILURE_STACK_TRACE:
      g_value_set_string (value, self->failure_stack_trace);
      break;
    case PROP_ROOT_CAUSE_CLASS:
      g_value_set_string (value, self->root_cause_class);
      break;
    case PROP_ROOT_CAUSE_MESSAGE:
      g_value_set_string (value, self->root_cause_message);
      break;
    case PROP_ACCUMULATORS:
      g_value_set_object (value, self->accumulators);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
text_param (const char *name,
            const char *nick,
            const char *blurb)
{
  return g_param_spec_string (name, nick, blurb, NULL,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
flink_job_result_class_init (FlinkJobResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flink_job_result_finalize;
  object_class->get_property = flink_job_result_get_property;

  /**
   * FlinkJobResult:job-id:
   *
   * The job's id, 32 hexadecimal characters.
   *
   * Since: 1.0
   */
  properties[PROP_JOB_ID] = text_param ("job-id", NULL, NULL);
  /**
   * FlinkJobResult:application-status:
   *
   * The job's outcome: SUCCEEDED for a FINISHED job, FAILED, CANCELED, or
   * UNKNOWN.
   *
   * Since: 1.0
   */
  properties[PROP_APPLICATION_STATUS] =
    g_param_spec_enum ("application-status", NULL, NULL,
                       FLINK_TYPE_APPLICATION_STATUS, FLINK_APPLICATION_STATUS_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobResult:net-runtime:
   *
   * How long the job ran, in milliseconds, or -1 if the cluster did not say.
   *
   * Since: 1.0
   */
  properties[PROP_NET_RUNTIME] =
    g_param_spec_int64 ("net-runtime", NULL, NULL, G_MININT64, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobResult:failure-class:
   *
   * The Java class of the exception the job failed with, or %NULL if it did
   * not fail.
   *
   * Since: 1.0
   */
  properties[PROP_FAILURE_CLASS] = text_param ("failure-class", NULL, NULL);
  /**
   * FlinkJobResult:failure-message:
   *
   * The message of the exception the job failed with, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_FAILURE_MESSAGE] = text_param ("failure-message", NULL, NULL);
  /**
   * FlinkJobResult:failure-stack-trace:
   *
   * The Java stack trace of the failure, "Caused by:" sections included, or
   * %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_FAILURE_STACK_TRACE] = text_param ("failure-stack-trace", NULL, NULL);
  /**
   * FlinkJobResult:root-cause-class:
   *
   * The Java class of the failure's root cause (its last "Caused by:"), or
   * %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_ROOT_CAUSE_CLASS] = text_param ("root-cause-class", NULL, NULL);
  /**
   * FlinkJobResult:root-cause-message:
   *
   * The message of the failure's root cause, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_ROOT_CAUSE_MESSAGE] = text_param ("root-cause-message", NULL, NULL);
  /**
   * FlinkJobResult:accumulators:
   *
   * The job's accumulators, a list of [class@Flink.Accumulator] sorted by
   * name; see [method@Flink.JobResult.get_accumulators] for which values
   * are known.
   *
   * Since: 1.0
   */
  properties[PROP_ACCUMULATORS] =
    g_param_spec_object ("accumulators", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
flink_job_result_init (FlinkJobResult *self)
{
  self->net_runtime = -1;
  self->accumulators = g_list_store_new (FLINK_TYPE_ACCUMULATOR);
}

static char *
dup_first_line (const char *text)
{
  const char *end;

  while (*text == '\n' || *text == '\r' || *text == ' ' || *text == '\t')
    text++;
  end = strpbrk (text, "\r\n");
  return end ? g_strndup (text, end - text) : g_strdup (text);
}

static void
clear_if_empty (char **text)
{
  if (*text != NULL && **text == '\0')
    g_clear_pointer (text, g_free);
}

/* {"class", "stack-trace", "serialized-throwable"}: the last is Java
 * serialization and is left alone. */
static void
read_failure_cause (FlinkJobResult *self,
                    JsonObject     *cause)
{
  const char      *klass = _flink_json_get_string (cause, "class");
  const char      *stack_trace = _flink_json_get_string (cause, "stack-trace");
  g_autofree char *line = NULL;
  g_autofree char *line_class = NULL;

  self->failure_class = g_strdup (klass);
  if (stack_trace == NULL)
    return;
  line = dup_first_line (stack_trace);
  if (*line == '\0')
    return;

  self->failure_stack_trace = g_strdup (stack_trace);
  _flink_split_exception_line (line, &line_class, &self->failure_message);
  if (self->failure_class == NULL)
    self->failure_class = g_steal_pointer (&line_class);
  _flink_find_root_cause (stack_trace, &self->root_cause_class, &self->root_cause_message);
  clear_if_empty (&self->failure_message);
  clear_if_empty (&self->root_cause_class);
  clear_if_empty (&self->root_cause_message);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Names sorted, each once: those of accumulator-results (values only in Java
 * serialization) and those of the readable accumulators. */
static void
read_accumulators (FlinkJobResult *self,
                   JsonObject     *results,
                   GListModel     *readable)
{
  g_autoptr (GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                          NULL, g_object_unref);
  g_autoptr (GPtrArray)  names = g_ptr_array_new_with_free_func (g_free);
  guint                  n_readable = readable ? g_list_model_get_n_items (readable) : 0;

  for (guint i = 0; i < n_readable; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (readable, i);
      FlinkAccumulator   *accumulator;
      const char         *name;

      if (!FLINK_IS_ACCUMULATOR (item))
        continue;
      accumulator = FLINK_ACCUMULATOR (item);
      name = flink_accumulator_get_name (accumulator);
      if (name == NULL || g_hash_table_contains (by_name, name))
        continue;
      g_hash_table_insert (by_name, (gpointer) name, g_object_ref (accumulator));
      g_ptr_array_add (names, g_strdup (name));
    }

  if (results != NULL)
    {
      JsonObjectIter iter;
      const char    *name;
      JsonNode      *node;

      json_object_iter_init (&iter, results);
      while (json_object_iter_next (&iter, &name, &node))
        {
          if (g_hash_table_contains (by_name, name))
            continue;
          g_hash_table_insert (by_name, (gpointer) name,
                               _flink_accumulator_new (name, NULL, NULL));
          g_ptr_array_add (names, g_strdup (name));
        }
    }

  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_list_store_append (self->accumulators,
                         g_hash_table_lookup (by_name, g_ptr_array_index (names, i)));
}

/* The whole completed answer of GET /jobs/:jobid/execution-result. */
FlinkJobResult *
_flink_job_result_new_from_json (JsonObject *root,
                                 GListModel *readable_accumulators,
                                 GError    **error)
{
  g_autoptr (FlinkJobResult) self = NULL;
  JsonObject                *result;
  const char                *job_id;

  g_return_val_if_fail (readable_accumulators == NULL ||
                          G_IS_LIST_MODEL (readable_accumulators),
                        NULL);

  result = _flink_json_get_object (root, "job-execution-result");
  if (result == NULL)
    {
      const char *status = _flink_json_get_string (_flink_json_get_object (root, "status"), "id");

      if (g_strcmp0 (status, "IN_PROGRESS") == 0)
        g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                             _ ("the job result is not ready: the job has not reached "
                                "a globally terminal status"));
      else
        g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                             _ ("the job result has no object “job-execution-result”"));
      return NULL;
    }

  job_id = _flink_json_require_string (result, "id", error);
  if (job_id == NULL)
    return NULL;

  self = g_object_new (FLINK_TYPE_JOB_RESULT, NULL);
  self->job_id = g_strdup (job_id);
  self->application_status =
    flink_application_status_from_string (_flink_json_get_string (result, "application-status"));
  self->net_runtime = _flink_json_get_int_or (result, "net-runtime", -1);
  read_failure_cause (self, _flink_json_get_object (result, "failure-cause"));
  read_accumulators (self, _flink_json_get_object (result, "accumulator-results"),
                     readable_accumulators);

  return g_steal_pointer (&self);
}

/**
 * flink_job_result_get_job_id:
 * @self: a job result
 *
 * The job's id, 32 hexadecimal characters.
 *
 * Returns: (transfer none): the job id
 *
 * Since: 1.0
 */
const char *
flink_job_result_get_job_id (FlinkJobResult *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_RESULT (self), NULL);
  return self->job_id;
}

/**
 * flink_job_result_get_application_status:
 * @self: a job result
 *
 * The job's outcome: %FLINK_APPLICATION_STATUS_SUCCEEDED for a job that
 * FINISHED (stopped with a savepoint included), FAILED or CANCELED.
 *
 * Returns: the outcome, %FLINK_APPLICATION_STATUS_UNKNOWN if Flink does not
 *   know it (a SUSPENDED job) or it could not be read
 *
 * Since: 1.0
 */
FlinkApplicationStatus
flink_job_result_get_application_status (FlinkJobResult *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_RESULT (self), FLINK_APPLICATION_STATUS_UNKNOWN);
  return self->application_status;
}

/**
 * flink_job_result_get_net_runtime:
 * @self: a job result
 *
 * How long the job ran, from its submission to its terminal status.
 *
 * Returns: milliseconds, or -1 if the cluster did not say
 *
 * Since: 1.0
 */
gint64
flink_job_result_get_net_runtime (FlinkJobResult *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_RESULT (self), -1);
  return self->net_runtime;
}

/**
 * flink_job_result_get_failure_class:
 * @self: a job result
 *
 * The Java class of the exception the job failed with, such as
 * "org.apache.flink.runtime.JobException". It is often a wrapper: see
 * [method@Flink.JobResult.get_root_cause_class] for what went wrong.
 *
 * Returns: (nullable): the class name, or %NULL if the job did not fail
 *
 * Since: 1.0
 */
const char *
flink_job_result_get_failure_class (FlinkJobResult *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_RESULT (self), NULL);
  return self->failure_class;
}

/**
 * flink_job_result_get_failure_message:
 * @self: a job result
 *
 * The message of the exception the job failed with, such as "Recovery is
 * suppressed by NoRestartBackoffTimeStrategy".
 *
 * Returns: (nullable): the message, or %NULL if the job did not fail or the
 *   exception had no message
 *
 * Since: 1.0
 */
const char *
flink_job_result_get_failure_message (FlinkJobResult *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_RESULT (self), NULL);
  return self->failure_message;
}

/**
 * flink_job_result_get_failure_stack_trace:
 * @self: a job result
 *
 * The whole Java stack trace of the failure, "Caused by:" sections
 * included, as Flink's web UI shows it under "Exceptions".
 *
 * Returns: (nullable): the stack trace, or %NULL if the job did not fail
 *
 * Since: 1.0
 */
const char *
flink_job_result_get_failure_stack_trace (FlinkJobResult *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_RESULT (self), NULL);
  return self->failure_stack_trace;
}

/**
 * flink_job_result_get_root_cause_class:
 * @self: a job result
 *
 * The Java class of the failure's root cause: the exception of the last
 * "Caused by:" of the stack trace, or the failure itself when it has no
 * cause.
 *
 * Returns: (nullable): the class name, or %NULL if the job did not fail
 *
 * Since: 1.0
 */
const char *
flink_job_result_get_root_cause_class (FlinkJobResult *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_RESULT (self), NULL);
  return self->root_cause_class;
}

/**
 * flink_job_result_get_root_cause_message:
 * @self: a job result
 *
 * The message of the failure's root cause: usually what to tell a person
 * about why the job failed.
 *
 * Returns: (nullable): the message, or %NULL if the job did not fail or the
 *   root cause had no message
 *
 * Since: 1.0
 */
const char *
flink_job_result_get_root_cause_message (FlinkJobResult *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_RESULT (self), NULL);
  return self->root_cause_message;
}

/**
 * flink_job_result_get_accumulators:
 * @self: a job result
 *
 * The job's accumulators, sorted by name.
 *
 * Flink sends the final accumulator values of a job result only in Java
 * serialization, which cannot be decoded without a JVM. An accumulator here
 * has a type and a value only when they were read from the job's
 * accumulators endpoint (as [method@Flink.JobClient.get_accumulators_async]
 * does, which works only while the cluster still remembers the job); the
 * others are listed by name with a %NULL type and value.
 *
 * Returns: (transfer none): a list of [class@Flink.Accumulator], empty if the
 *   job has none
 *
 * Since: 1.0
 */
GListModel *
flink_job_result_get_accumulators (FlinkJobResult *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_RESULT (self), NULL);
  return G_LIST_MODEL (self->accumulators);
}
