/* flink-exception-info.c: one entry of a job's exception history
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
 * FlinkExceptionInfo:
 *
 * One failure in a job's exception history, as Flink's web UI shows it
 * under "Exceptions": the exception, where and when it happened, and the
 * failures that happened at the same time.
 *
 * A root entry is what made the job fail or restart (often a
 * `JobException` whose cause is the user's exception);
 * [method@Flink.ExceptionInfo.get_concurrent_exceptions] gives the task
 * failures of the same moment, and
 * [method@Flink.ExceptionInfo.get_root_cause_class] the innermost cause.
 * Get the history with [method@Flink.JobClient.get_exception_history_async].
 *
 * Since: 1.0
 */

struct _FlinkExceptionInfo
{
  GObject parent_instance;

  char       *exception_name;
  char       *message;
  char       *stack_trace;
  char       *root_cause_class;
  char       *root_cause_message;
  gint64      timestamp;
  char       *task_name;
  char       *endpoint;
  char       *task_manager_id;
  GHashTable *failure_labels;
  GListStore *concurrent;
};

G_DEFINE_FINAL_TYPE (FlinkExceptionInfo, flink_exception_info, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_EXCEPTION_NAME,
  PROP_MESSAGE,
  PROP_STACK_TRACE,
  PROP_ROOT_CAUSE_CLASS,
  PROP_ROOT_CAUSE_MESSAGE,
  PROP_TIMESTAMP,
  PROP_TASK_NAME,
  PROP_ENDPOINT,
  PROP_TASK_MANAGER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
flink_exception_info_finalize (GObject *object)
{
  FlinkExceptionInfo *self = FLINK_EXCEPTION_INFO (object);

  g_free (self->exception_name);
  g_free (self->message);
  g_free (self->stack_trace);
  g_free (self->root_cause_class);
  g_free (self->root_cause_message);
  g_free (self->task_name);
  g_free (self->endpoint);
  g_free (self->task_manager_id);
  g_clear_pointer (&self->failure_labels, g_hash_table_unref);
  g_clear_object (&self->concurrent);

  G_OBJECT_CLASS (flink_exception_info_parent_class)->finalize (object);
}

static void
flink_exception_info_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FlinkExceptionInfo *self = FLINK_EXCEPTION_INFO (object);

  switch (prop_id)
    {
    case PROP_EXCEPTION_NAME:
      g_value_set_string (value, self->exception_name);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_STACK_TRACE:
      g_value_set_string (value, self->stack_trace);
      break;
    case PROP_ROOT_CAUSE_CLASS:
      g_value_set_string (value, self->root_cause_class);
      break;
    case PROP_ROOT_CAUSE_MESSAGE:
      g_value_set_string (value, self->root_cause_message);
      break;
    case PROP_TIMESTAMP:
      g_value_set_int64 (value, self->timestamp);
      break;
    case PROP_TASK_NAME:
      g_value_set_string (value, self->task_name);
      break;
    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;
    case PROP_TASK_MANAGER_ID:
      g_value_set_string (value, self->task_manager_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_param (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
flink_exception_info_class_init (FlinkExceptionInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flink_exception_info_finalize;
  object_class->get_property = flink_exception_info_get_property;

  /**
   * FlinkExceptionInfo:exception-name:
   *
   * The exception's Java class, such as `org.apache.flink.runtime.JobException`.
   *
   * Since: 1.0
   */
  properties[PROP_EXCEPTION_NAME] = string_param ("exception-name");
  /**
   * FlinkExceptionInfo:message:
   *
   * The exception's message: the first line of its stack trace, after the
   * class name.
   *
   * Since: 1.0
   */
  properties[PROP_MESSAGE] = string_param ("message");
  /**
   * FlinkExceptionInfo:stack-trace:
   *
   * The whole Java stack trace, causes included.
   *
   * Since: 1.0
   */
  properties[PROP_STACK_TRACE] = string_param ("stack-trace");
  /**
   * FlinkExceptionInfo:root-cause-class:
   *
   * The class of the innermost cause (the last "Caused by:" of the stack
   * trace), usually the user's exception.
   *
   * Since: 1.0
   */
  properties[PROP_ROOT_CAUSE_CLASS] = string_param ("root-cause-class");
  /**
   * FlinkExceptionInfo:root-cause-message:
   *
   * The message of the innermost cause.
   *
   * Since: 1.0
   */
  properties[PROP_ROOT_CAUSE_MESSAGE] = string_param ("root-cause-message");
  /**
   * FlinkExceptionInfo:timestamp:
   *
   * When the failure happened, in milliseconds since the epoch; -1 if not
   * known.
   *
   * Since: 1.0
   */
  properties[PROP_TIMESTAMP] =
    g_param_spec_int64 ("timestamp", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkExceptionInfo:task-name:
   *
   * The task that failed, such as "Source: sequence -> map (1/1)", or
   * %NULL for a failure of the whole job.
   *
   * Since: 1.0
   */
  properties[PROP_TASK_NAME] = string_param ("task-name");
  /**
   * FlinkExceptionInfo:endpoint:
   *
   * The host:port of the task manager the task ran on, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_ENDPOINT] = string_param ("endpoint");
  /**
   * FlinkExceptionInfo:task-manager-id:
   *
   * The id of that task manager, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_TASK_MANAGER_ID] = string_param ("task-manager-id");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
flink_exception_info_init (FlinkExceptionInfo *self)
{
  self->failure_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->concurrent = g_list_store_new (FLINK_TYPE_EXCEPTION_INFO);
}

static FlinkExceptionInfo *
exception_info_new_from_json (JsonObject *object,
                              guint       depth,
                              GError    **error)
{
  g_autoptr (FlinkExceptionInfo) self = NULL;
  g_autofree char               *first = NULL;
  g_autofree char               *klass = NULL;
  JsonObject                    *labels;
  JsonArray                     *concurrent;
  const char                    *name;

  name = _flink_json_require_string (object, "exceptionName", error);
  if (name == NULL)
    return NULL;

  self = g_object_new (FLINK_TYPE_EXCEPTION_INFO, NULL);
  self->exception_name = g_strdup (name);
  self->stack_trace = g_strdup (_flink_json_get_string (object, "stacktrace"));
  if (self->stack_trace != NULL)
    {
      const char *end = strpbrk (self->stack_trace, "\r\n");
      first = end ? g_strndup (self->stack_trace, end - self->stack_trace) : g_strdup (self->stack_trace);
      _flink_split_exception_line (first, &klass, &self->message);
      _flink_find_root_cause (self->stack_trace, &self->root_cause_class, &self->root_cause_message);
    }
  self->timestamp = _flink_json_get_int_or (object, "timestamp", -1);
  self->task_name = g_strdup (_flink_json_get_string (object, "taskName"));
  self->endpoint = g_strdup (_flink_json_get_string (object, "endpoint"));
  if (self->endpoint == NULL)
    self->endpoint = g_strdup (_flink_json_get_string (object, "location"));
  self->task_manager_id = g_strdup (_flink_json_get_string (object, "taskManagerId"));

  labels = _flink_json_get_object (object, "failureLabels");
  if (labels != NULL)
    {
      JsonObjectIter iter;
      const char    *key;
      JsonNode      *node;

      json_object_iter_init (&iter, labels);
      while (json_object_iter_next (&iter, &key, &node))
        if (_flink_json_get_string (labels, key) != NULL)
          g_hash_table_replace (self->failure_labels, g_strdup (key),
                                g_strdup (_flink_json_get_string (labels, key)));
    }

  concurrent = _flink_json_get_array (object, "concurrentExceptions");
  for (guint i = 0; depth == 0 && concurrent != NULL && i < json_array_get_length (concurrent); i++)
    {
      JsonNode                      *node = json_array_get_element (concurrent, i);
      g_autoptr (FlinkExceptionInfo) other = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      other = exception_info_new_from_json (json_node_get_object (node), depth + 1, NULL);
      if (other != NULL)
        g_list_store_append (self->concurrent, other);
    }
  return g_steal_pointer (&self);
}

static FlinkExceptionInfo *
exception_info_new_top_level (JsonObject *object,
                              GError    **error)
{
  return exception_info_new_from_json (object, 0, error);
}

/* GET /jobs/:jobid/exceptions: {"exceptionHistory": {"entries": [...]}};
 * Flink 1.20 also sends the legacy root-exception and all-exceptions. */
GListModel *
_flink_exception_history_new_from_json (JsonObject *root,
                                        GError    **error)
{
  g_autoptr (GListStore) store = g_list_store_new (FLINK_TYPE_EXCEPTION_INFO);
  JsonObject            *history = _flink_json_get_object (root, "exceptionHistory");
  JsonArray             *entries = _flink_json_get_array (history, "entries");

  if (history == NULL)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                           _ ("the response has no exception history"));
      return NULL;
    }
  if (!_flink_json_array_decode_into (entries, store, (FlinkDecoder) exception_info_new_top_level,
                                      "entry", "of the exception history", error))
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * flink_exception_info_get_exception_name:
 * @self: an exception info
 *
 * Gets [property@Flink.ExceptionInfo:exception-name].
 *
 * Returns: (transfer none): the exception's Java class
 *
 * Since: 1.0
 */
const char *
flink_exception_info_get_exception_name (FlinkExceptionInfo *self)
{
  g_return_val_if_fail (FLINK_IS_EXCEPTION_INFO (self), NULL);
  return self->exception_name;
}

/**
 * flink_exception_info_get_message:
 * @self: an exception info
 *
 * Gets [property@Flink.ExceptionInfo:message].
 *
 * Returns: (nullable) (transfer none): the exception's message
 *
 * Since: 1.0
 */
const char *
flink_exception_info_get_message (FlinkExceptionInfo *self)
{
  g_return_val_if_fail (FLINK_IS_EXCEPTION_INFO (self), NULL);
  return self->message;
}

/**
 * flink_exception_info_get_stack_trace:
 * @self: an exception info
 *
 * Gets [property@Flink.ExceptionInfo:stack-trace].
 *
 * Returns: (nullable) (transfer none): the Java stack trace
 *
 * Since: 1.0
 */
const char *
flink_exception_info_get_stack_trace (FlinkExceptionInfo *self)
{
  g_return_val_if_fail (FLINK_IS_EXCEPTION_INFO (self), NULL);
  return self->stack_trace;
}

/**
 * flink_exception_info_get_root_cause_class:
 * @self: an exception info
 *
 * Gets [property@Flink.ExceptionInfo:root-cause-class].
 *
 * Returns: (nullable) (transfer none): the innermost cause's class
 *
 * Since: 1.0
 */
const char *
flink_exception_info_get_root_cause_class (FlinkExceptionInfo *self)
{
  g_return_val_if_fail (FLINK_IS_EXCEPTION_INFO (self), NULL);
  return self->root_cause_class;
}

/**
 * flink_exception_info_get_root_cause_message:
 * @self: an exception info
 *
 * Gets [property@Flink.ExceptionInfo:root-cause-message].
 *
 * Returns: (nullable) (transfer none): the innermost cause's message
 *
 * Since: 1.0
 */
const char *
flink_exception_info_get_root_cause_message (FlinkExceptionInfo *self)
{
  g_return_val_if_fail (FLINK_IS_EXCEPTION_INFO (self), NULL);
  return self->root_cause_message;
}

/**
 * flink_exception_info_get_timestamp:
 * @self: an exception info
 *
 * Gets [property@Flink.ExceptionInfo:timestamp].
 *
 * Returns: when the failure happened, in milliseconds since the epoch, or -1
 *
 * Since: 1.0
 */
gint64
flink_exception_info_get_timestamp (FlinkExceptionInfo *self)
{
  g_return_val_if_fail (FLINK_IS_EXCEPTION_INFO (self), -1);
  return self->timestamp;
}

/**
 * flink_exception_info_get_task_name:
 * @self: an exception info
 *
 * Gets [property@Flink.ExceptionInfo:task-name].
 *
 * Returns: (nullable) (transfer none): the failed task, or %NULL
 *
 * Since: 1.0
 */
const char *
flink_exception_info_get_task_name (FlinkExceptionInfo *self)
{
  g_return_val_if_fail (FLINK_IS_EXCEPTION_INFO (self), NULL);
  return self->task_name;
}

/**
 * flink_exception_info_get_endpoint:
 * @self: an exception info
 *
 * Gets [property@Flink.ExceptionInfo:endpoint].
 *
 * Returns: (nullable) (transfer none): the task manager's host:port, or %NULL
 *
 * Since: 1.0
 */
const char *
flink_exception_info_get_endpoint (FlinkExceptionInfo *self)
{
  g_return_val_if_fail (FLINK_IS_EXCEPTION_INFO (self), NULL);
  return self->endpoint;
}

/**
 * flink_exception_info_get_task_manager_id:
 * @self: an exception info
 *
 * Gets [property@Flink.ExceptionInfo:task-manager-id].
 *
 * Returns: (nullable) (transfer none): the task manager's id, or %NULL
 *
 * Since: 1.0
 */
const char *
flink_exception_info_get_task_manager_id (FlinkExceptionInfo *self)
{
  g_return_val_if_fail (FLINK_IS_EXCEPTION_INFO (self), NULL);
  return self->task_manager_id;
}

/**
 * flink_exception_info_get_failure_labels:
 * @self: an exception info
 *
 * The labels Flink's failure enrichers attached to the failure
 * (`jobmanager.failure-enrichers`); empty when none are configured.
 *
 * Returns: (transfer none) (element-type utf8 utf8): the labels
 *
 * Since: 1.0
 */
GHashTable *
flink_exception_info_get_failure_labels (FlinkExceptionInfo *self)
{
  g_return_val_if_fail (FLINK_IS_EXCEPTION_INFO (self), NULL);
  return self->failure_labels;
}

/**
 * flink_exception_info_get_concurrent_exceptions:
 * @self: an exception info
 *
 * The failures that happened together with this one, such as the failed
 * tasks behind a job's failure; empty for those entries themselves.
 *
 * Returns: (transfer none): a list model of [class@Flink.ExceptionInfo]
 *
 * Since: 1.0
 */
GListModel *
flink_exception_info_get_concurrent_exceptions (FlinkExceptionInfo *self)
{
  g_return_val_if_fail (FLINK_IS_EXCEPTION_INFO (self), NULL);
  return G_LIST_MODEL (self->concurrent);
}
