/* flink-job-vertex.c: one vertex of a job's graph
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include "flink-decoders-private.h"
#include "flink-json-private.h"
#include "flink-i18n-private.h"

/* One counter per FlinkExecutionState, UNKNOWN included. */
#define N_EXECUTION_STATES (FLINK_EXECUTION_STATE_INITIALIZING + 1)

/**
 * FlinkJobVertex:
 *
 * One vertex of a job's execution graph: an operator, or a chain of operators
 * that Flink fused into one task, such as "Source: Kafka -> Map". It runs as
 * [property@Flink.JobVertex:parallelism] parallel subtasks, whose execution
 * states the vertex counts, as the boxes of Flink's web UI show them.
 *
 * Vertices come with a job's details: see
 * [method@Flink.JobDetails.get_vertices]. They are immutable.
 *
 * Since: 1.0
 */

struct _FlinkJobVertex
{
  GObject parent_instance;

  char               *id;
  char               *name;
  guint               parallelism;
  guint               max_parallelism;
  FlinkExecutionState status;
  gint64              start_time;
  gint64              end_time;
  gint64              duration;
  guint               task_counts[N_EXECUTION_STATES];
};

G_DEFINE_FINAL_TYPE (FlinkJobVertex, flink_job_vertex, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PARALLELISM,
  PROP_MAX_PARALLELISM,
  PROP_STATUS,
  PROP_START_TIME,
  PROP_END_TIME,
  PROP_DURATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
flink_job_vertex_finalize (GObject *object)
{
  FlinkJobVertex *self = FLINK_JOB_VERTEX (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (flink_job_vertex_parent_class)->finalize (object);
}

static void
flink_job_vertex_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FlinkJobVertex *self = FLINK_JOB_VERTEX (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_PARALLELISM:
      g_value_set_uint (value, self->parallelism);
      break;
    case PROP_MAX_PARALLELISM:
      g_value_set_uint (value, self->max_parallelism);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_START_TIME:
      g_value_set_int64 (value, self->start_time);
      break;
    case PROP_END_TIME:
      g_value_set_int64 (value, self->end_time);
      break;
    case PROP_DURATION:
      g_value_set_int64 (value, self->duration);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
time_param (const char *name,
            const char *nick,
            const char *blurb)
{
  return g_param_spec_int64 (name, nick, blurb, G_MININT64, G_MAXINT64, -1,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
flink_job_vertex_class_init (FlinkJobVertexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flink_job_vertex_finalize;
  object_class->get_property = flink_job_vertex_get_property;

  /**
   * FlinkJobVertex:id:
   *
   * The vertex's id, 32 hexadecimal characters, as used in the vertex's REST
   * routes and in `resource-requirements`.
   *
   * Since: 1.0
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobVertex:name:
   *
   * The vertex's name: its operators' names, chained operators joined by
   * " -> ".
   *
   * Since: 1.0
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobVertex:parallelism:
   *
   * How many parallel subtasks run the vertex.
   *
   * Since: 1.0
   */
  properties[PROP_PARALLELISM] =
    g_param_spec_uint ("parallelism", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobVertex:max-parallelism:
   *
   * The vertex's maximum parallelism: the number of key groups its keyed
   * state is split into, and so the highest parallelism it can be rescaled
   * to; 0 if the cluster did not say.
   *
   * Since: 1.0
   */
  properties[PROP_MAX_PARALLELISM] =
    g_param_spec_uint ("max-parallelism", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobVertex:status:
   *
   * The vertex's execution state, aggregated over its subtasks.
   *
   * Since: 1.0
   */
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       FLINK_TYPE_EXECUTION_STATE, FLINK_EXECUTION_STATE_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobVertex:start-time:
   *
   * When the vertex's first subtask started, in milliseconds since the Unix
   * epoch, or -1 if none has yet.
   *
   * Since: 1.0
   */
  properties[PROP_START_TIME] = time_param ("start-time", NULL, NULL);
  /**
   * FlinkJobVertex:end-time:
   *
   * When the vertex's last subtask ended, in milliseconds since the Unix
   * epoch, or -1 while some still run.
   *
   * Since: 1.0
   */
  properties[PROP_END_TIME] = time_param ("end-time", NULL, NULL);
  /**
   * FlinkJobVertex:duration:
   *
   * How long the vertex has been running, or ran, in milliseconds, or -1 if
   * it has not started.
   *
   * Since: 1.0
   */
  properties[PROP_DURATION] = time_param ("duration", NULL, NULL);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
flink_job_vertex_init (FlinkJobVertex *self)
{
  self->start_time = -1;
  self->end_time = -1;
  self->duration = -1;
}

FlinkJobVertex *
_flink_job_vertex_new_from_json (JsonObject *object,
                                 GError    **error)
{
  g_autoptr (FlinkJobVertex) self = NULL;
  const char                *id;

  if (object == NULL)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                           _ ("the job vertex is not a JSON object"));
      return NULL;
    }

  id = _flink_json_require_string (object, "id", error);
  if (id == NULL)
    return NULL;

  self = g_object_new (FLINK_TYPE_JOB_VERTEX, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (_flink_json_get_string (object, "name"));
  self->parallelism = _flink_json_get_uint_or (object, "parallelism", 0);
  self->max_parallelism = _flink_json_get_uint_or (object, "maxParallelism", 0);
  self->status = flink_execution_state_from_string (_flink_json_get_string (object, "status"));
  self->start_time = _flink_json_get_int_or (object, "start-time", -1);
  self->end_time = _flink_json_get_int_or (object, "end-time", -1);
  self->duration = _flink_json_get_int_or (object, "duration", -1);
  _flink_json_read_task_counts (_flink_json_get_object (object, "tasks"),
                                self->task_counts, N_EXECUTION_STATES);

  return g_steal_pointer (&self);
}

/**
 * flink_job_vertex_get_id:
 * @self: a job vertex
 *
 * The vertex's id, 32 hexadecimal characters.
 *
 * Returns: (transfer none): the vertex id
 *
 * Since: 1.0
 */
const char *
flink_job_vertex_get_id (FlinkJobVertex *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_VERTEX (self), NULL);
  return self->id;
}

/**
 * flink_job_vertex_get_name:
 * @self: a job vertex
 *
 * The vertex's name: its operators' names, chained operators joined by
 * " -> ", such as "Source: Kafka -> Map".
 *
 * Returns: (nullable): the name, or %NULL if the cluster did not say
 *
 * Since: 1.0
 */
const char *
flink_job_vertex_get_name (FlinkJobVertex *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_VERTEX (self), NULL);
  return self->name;
}

/**
 * flink_job_vertex_get_parallelism:
 * @self: a job vertex
 *
 * How many parallel subtasks run the vertex.
 *
 * Returns: the parallelism, or 0 if the cluster did not say
 *
 * Since: 1.0
 */
guint
flink_job_vertex_get_parallelism (FlinkJobVertex *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_VERTEX (self), 0);
  return self->parallelism;
}

/**
 * flink_job_vertex_get_max_parallelism:
 * @self: a job vertex
 *
 * The vertex's maximum parallelism: the number of key groups of its keyed
 * state, the highest parallelism it can be rescaled to.
 *
 * Returns: the maximum parallelism, or 0 if the cluster did not say
 *
 * Since: 1.0
 */
guint
flink_job_vertex_get_max_parallelism (FlinkJobVertex *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_VERTEX (self), 0);
  return self->max_parallelism;
}

/**
 * flink_job_vertex_get_status:
 * @self: a job vertex
 *
 * The vertex's execution state, aggregated over its subtasks.
 *
 * Returns: the state, %FLINK_EXECUTION_STATE_UNKNOWN for one this version of
 *   flinkjob does not know
 *
 * Since: 1.0
 */
FlinkExecutionState
flink_job_vertex_get_status (FlinkJobVertex *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_VERTEX (self), FLINK_EXECUTION_STATE_UNKNOWN);
  return self->status;
}

/**
 * flink_job_vertex_get_start_time:
 * @self: a job vertex
 *
 * When the vertex's first subtask started.
 *
 * Returns: milliseconds since the Unix epoch, or -1 if none has started
 *
 * Since: 1.0
 */
gint64
flink_job_vertex_get_start_time (FlinkJobVertex *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_VERTEX (self), -1);
  return self->start_time;
}

/**
 * flink_job_vertex_get_end_time:
 * @self: a job vertex
 *
 * When the vertex's last subtask ended.
 *
 * Returns: milliseconds since the Unix epoch, or -1 while some subtask runs
 *
 * Since: 1.0
 */
gint64
flink_job_vertex_get_end_time (FlinkJobVertex *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_VERTEX (self), -1);
  return self->end_time;
}

/**
 * flink_job_vertex_get_duration:
 * @self: a job vertex
 *
 * How long the vertex has been running, or ran until it ended.
 *
 * Returns: milliseconds, or -1 if the vertex has not started
 *
 * Since: 1.0
 */
gint64
flink_job_vertex_get_duration (FlinkJobVertex *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_VERTEX (self), -1);
  return self->duration;
}

/**
 * flink_job_vertex_get_task_count:
 * @self: a job vertex
 * @state: an execution state
 *
 * How many of the vertex's subtasks are in @state.
 *
 * Returns: the number of subtasks in @state; 0 for
 *   %FLINK_EXECUTION_STATE_UNKNOWN
 *
 * Since: 1.0
 */
guint
flink_job_vertex_get_task_count (FlinkJobVertex     *self,
                                 FlinkExecutionState state)
{
  g_return_val_if_fail (FLINK_IS_JOB_VERTEX (self), 0);

  if ((guint) state >= N_EXECUTION_STATES)
    return 0;
  return self->task_counts[state];
}

/**
 * flink_job_vertex_get_all_tasks_running:
 * @self: a job vertex
 *
 * Whether every subtask of the vertex is running, or, for a bounded part
 * of the job (a source whose split is read), already finished: as many
 * subtasks RUNNING or FINISHED as the vertex's parallelism. This is the
 * one definition of "all tasks running" in flinkjob; see
 * [method@Flink.JobDetails.get_all_tasks_running] for the whole job.
 *
 * Returns: %TRUE if all the vertex's subtasks run (or finished)
 *
 * Since: 1.0
 */
gboolean
flink_job_vertex_get_all_tasks_running (FlinkJobVertex *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_VERTEX (self), FALSE);

  return self->parallelism > 0 &&
         self->task_counts[FLINK_EXECUTION_STATE_RUNNING] +
             self->task_counts[FLINK_EXECUTION_STATE_FINISHED] >=
           self->parallelism;
}
