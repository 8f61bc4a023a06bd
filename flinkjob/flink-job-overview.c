/* flink-job-overview.c: one job in the cluster's job list
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include <string.h>

#include "flink-decoders-private.h"
#include "flink-json-private.h"
#include "flink-poller-private.h"
#include "flink-i18n-private.h"

/* One counter per FlinkExecutionState, UNKNOWN included. */
#define N_EXECUTION_STATES (FLINK_EXECUTION_STATE_INITIALIZING + 1)

/**
 * FlinkJobOverview:
 *
 * One job as the cluster lists it at `GET /jobs/overview`, the list the Flink
 * web UI shows under "Running Jobs" and "Completed Jobs": the job's id, name
 * and status, when it started and ended, and how many of its tasks are in
 * each execution state.
 *
 * Finished jobs stay in the list for `jobstore.expiration-time` (an hour by
 * default). Get the list with [method@Flink.ClusterClient.list_jobs_async].
 * It is immutable: ask again for fresh numbers.
 *
 * Since: 1.0
 */

struct _FlinkJobOverview
{
  GObject parent_instance;

  char          *job_id;
  char          *name;
  FlinkJobStatus status;
  gint64         start_time;
  gint64         end_time;
  gint64         duration;
  gint64         last_modification;
  guint          tasks_total;
  guint          task_counts[N_EXECUTION_STATES];
};

G_DEFINE_FINAL_TYPE (FlinkJobOverview, flink_job_overview, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_JOB_ID,
  PROP_NAME,
  PROP_STATUS,
  PROP_START_TIME,
  PROP_END_TIME,
  PROP_DURATION,
  PROP_LAST_MODIFICATION,
  PROP_TASKS_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
flink_job_overview_finalize (GObject *object)
{
  FlinkJobOverview *self = FLINK_JOB_OVERVIEW (object);

  g_clear_pointer (&self->job_id, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (flink_job_overview_parent_class)->finalize (object);
}

static void
flink_job_overview_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FlinkJobOverview *self = FLINK_JOB_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_JOB_ID:
      g_value_set_string (value, self->job_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
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
    case PROP_LAST_MODIFICATION:
      g_value_set_int64 (value, self->last_modification);
      break;
    case PROP_TASKS_TOTAL:
      g_value_set_uint (value, self->tasks_total);
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
flink_job_overview_class_init (FlinkJobOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flink_job_overview_finalize;
  object_class->get_property = flink_job_overview_get_property;

  /**
   * FlinkJobOverview:job-id:
   *
   * The job's id, 32 hexadecimal characters.
   *
   * Since: 1.0
   */
  properties[PROP_JOB_ID] =
    g_param_spec_string ("job-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobOverview:name:
   *
   * The job's name, as the program set it (`env.execute ("name")`).
   *
   * Since: 1.0
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobOverview:status:
   *
   * The job's status when the list was taken.
   *
   * Since: 1.0
   */
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       FLINK_TYPE_JOB_STATUS, FLINK_JOB_STATUS_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobOverview:start-time:
   *
   * When the job was submitted, in milliseconds since the Unix epoch, or -1
   * if the cluster did not say.
   *
   * Since: 1.0
   */
  properties[PROP_START_TIME] = time_param ("start-time", NULL, NULL);
  /**
   * FlinkJobOverview:end-time:
   *
   * When the job reached a terminal status, in milliseconds since the Unix
   * epoch, or -1 while it is still running.
   *
   * Since: 1.0
   */
  properties[PROP_END_TIME] = time_param ("end-time", NULL, NULL);
  /**
   * FlinkJobOverview:duration:
   *
   * How long the job has been running, or ran, in milliseconds, or -1 if the
   * cluster did not say.
   *
   * Since: 1.0
   */
  properties[PROP_DURATION] = time_param ("duration", NULL, NULL);
  /**
   * FlinkJobOverview:last-modification:
   *
   * When the job's status or one of its tasks' states last changed, in
   * milliseconds since the Unix epoch, or -1 if the cluster did not say.
   *
   * Since: 1.0
   */
  properties[PROP_LAST_MODIFICATION] = time_param ("last-modification", NULL, NULL);
  /**
   * FlinkJobOverview:tasks-total:
   *
   * How many parallel tasks (subtasks) the job has in all.
   *
   * Since: 1.0
   */
  properties[PROP_TASKS_TOTAL] =
    g_param_spec_uint ("tasks-total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
flink_job_overview_init (FlinkJobOverview *self)
{
  self->start_time = -1;
  self->end_time = -1;
  self->duration = -1;
  self->last_modification = -1;
}

FlinkJobOverview *
_flink_job_overview_new_from_json (JsonObject *object,
                                   GError    **error)
{
  g_autoptr (FlinkJobOverview) self = NULL;
  JsonObject                  *tasks;
  const char                  *job_id;

  if (object == NULL)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                           _ ("the job overview is not a JSON object"));
      return NULL;
    }

  job_id = _flink_json_require_string (object, "jid", error);
  if (job_id == NULL)
    return NULL;

  self = g_object_new (FLINK_TYPE_JOB_OVERVIEW, NULL);
  self->job_id = g_strdup (job_id);
  self->name = g_strdup (_flink_json_get_string (object, "name"));
  self->status = flink_job_status_from_string (_flink_json_get_string (object, "state"));
  self->start_time = _flink_json_get_int_or (object, "start-time", -1);
  self->end_time = _flink_json_get_int_or (object, "end-time", -1);
  self->duration = _flink_json_get_int_or (object, "duration", -1);
  self->last_modification = _flink_json_get_int_or (object, "last-modification", -1);

  tasks = _flink_json_get_object (object, "tasks");
  self->tasks_total = _flink_json_get_uint_or (tasks, "total", 0);
  _flink_json_read_task_counts (tasks, self->task_counts, N_EXECUTION_STATES);

  return g_steal_pointer (&self);
}

/* @self as a poll of GET /jobs saw it in @status, before the next
 * overview brings its times and task counts. */
FlinkJobOverview *
_flink_job_overview_copy_with_status (FlinkJobOverview *self,
                                      FlinkJobStatus    status)
{
  FlinkJobOverview *copy = g_object_new (FLINK_TYPE_JOB_OVERVIEW, NULL);

  copy->job_id = g_strdup (self->job_id);
  copy->name = g_strdup (self->name);
  copy->status = status;
  copy->start_time = self->start_time;
  copy->end_time = self->end_time;
  copy->duration = self->duration;
  copy->last_modification = self->last_modification;
  copy->tasks_total = self->tasks_total;
  memcpy (copy->task_counts, self->task_counts, sizeof copy->task_counts);
  return copy;
}

/* The whole answer of GET /jobs/overview: {"jobs": [...]}. */
GListModel *
_flink_job_overviews_new_from_json (JsonObject *root,
                                    GError    **error)
{
  g_autoptr (GListStore) store = NULL;
  JsonArray             *jobs;

  jobs = _flink_json_get_array (root, "jobs");
  if (jobs == NULL)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                           _ ("the job list has no array “jobs”"));
      return NULL;
    }

  store = g_list_store_new (FLINK_TYPE_JOB_OVERVIEW);
  if (!_flink_json_array_decode_into (jobs, store, (FlinkDecoder) _flink_job_overview_new_from_json,
                                      "job", "in the job list", error))
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * flink_job_overview_get_job_id:
 * @self: a job overview
 *
 * The job's id, 32 hexadecimal characters, as Flink's CLI and web UI show
 * it. Pass it to [method@Flink.ClusterClient.get_job_client] to manage the
 * job.
 *
 * Returns: (transfer none): the job id
 *
 * Since: 1.0
 */
const char *
flink_job_overview_get_job_id (FlinkJobOverview *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_OVERVIEW (self), NULL);
  return self->job_id;
}

/**
 * flink_job_overview_get_name:
 * @self: a job overview
 *
 * The job's name, as the program set it (`env.execute ("name")`).
 *
 * Returns: (nullable): the name, or %NULL if the cluster did not say
 *
 * Since: 1.0
 */
const char *
flink_job_overview_get_name (FlinkJobOverview *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_OVERVIEW (self), NULL);
  return self->name;
}

/**
 * flink_job_overview_get_status:
 * @self: a job overview
 *
 * The job's status when the list was taken.
 *
 * Returns: the status, %FLINK_JOB_STATUS_UNKNOWN for one this version of
 *   flinkjob does not know
 *
 * Since: 1.0
 */
FlinkJobStatus
flink_job_overview_get_status (FlinkJobOverview *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_OVERVIEW (self), FLINK_JOB_STATUS_UNKNOWN);
  return self->status;
}

/**
 * flink_job_overview_get_start_time:
 * @self: a job overview
 *
 * When the job was submitted.
 *
 * Returns: milliseconds since the Unix epoch, or -1 if the cluster did not say
 *
 * Since: 1.0
 */
gint64
flink_job_overview_get_start_time (FlinkJobOverview *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_OVERVIEW (self), -1);
  return self->start_time;
}

/**
 * flink_job_overview_get_end_time:
 * @self: a job overview
 *
 * When the job reached a terminal status (FINISHED, CANCELED, FAILED or
 * SUSPENDED).
 *
 * Returns: milliseconds since the Unix epoch, or -1 while the job is running
 *
 * Since: 1.0
 */
gint64
flink_job_overview_get_end_time (FlinkJobOverview *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_OVERVIEW (self), -1);
  return self->end_time;
}

/**
 * flink_job_overview_get_duration:
 * @self: a job overview
 *
 * How long the job has been running, or ran until it ended.
 *
 * Returns: milliseconds, or -1 if the cluster did not say
 *
 * Since: 1.0
 */
gint64
flink_job_overview_get_duration (FlinkJobOverview *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_OVERVIEW (self), -1);
  return self->duration;
}

/**
 * flink_job_overview_get_last_modification:
 * @self: a job overview
 *
 * When the job's status or the state of one of its tasks last changed.
 *
 * Returns: milliseconds since the Unix epoch, or -1 if the cluster did not say
 *
 * Since: 1.0
 */
gint64
flink_job_overview_get_last_modification (FlinkJobOverview *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_OVERVIEW (self), -1);
  return self->last_modification;
}

/**
 * flink_job_overview_get_tasks_total:
 * @self: a job overview
 *
 * How many parallel tasks (subtasks, summed over all of the job's vertices)
 * the job has.
 *
 * Returns: the number of tasks
 *
 * Since: 1.0
 */
guint
flink_job_overview_get_tasks_total (FlinkJobOverview *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_OVERVIEW (self), 0);
  return self->tasks_total;
}

/**
 * flink_job_overview_get_task_count:
 * @self: a job overview
 * @state: an execution state
 *
 * How many of the job's tasks were in @state when the list was taken, as the
 * coloured boxes of Flink's web UI show them.
 *
 * Returns: the number of tasks in @state; 0 for
 *   %FLINK_EXECUTION_STATE_UNKNOWN
 *
 * Since: 1.0
 */
guint
flink_job_overview_get_task_count (FlinkJobOverview   *self,
                                   FlinkExecutionState state)
{
  g_return_val_if_fail (FLINK_IS_JOB_OVERVIEW (self), 0);

  if ((guint) state >= N_EXECUTION_STATES)
    return 0;
  return self->task_counts[state];
}
