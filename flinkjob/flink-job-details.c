/* flink-job-details.c: the details of one job
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include "flink-decoders-private.h"
#include "flink-json-private.h"
#include "flink-i18n-private.h"

/* One timestamp per FlinkJobStatus, UNKNOWN included. */
#define N_JOB_STATUSES (FLINK_JOB_STATUS_RECONCILING + 1)

/**
 * FlinkJobDetails:
 *
 * What the cluster reports about one job at `GET /jobs/:jobid`, the page the
 * Flink web UI shows for a job: its name and status, whether it can be
 * stopped with a savepoint, when it reached each status, and the vertices of
 * its execution graph with their parallelism and task states.
 *
 * The job's plan (JSON graph) and, on Flink 2.x, its stream graph are left
 * out. Get the details with [method@Flink.JobClient.get_job_details_async].
 * They are immutable: ask again for fresh ones.
 *
 * Since: 1.0
 */

struct _FlinkJobDetails
{
  GObject parent_instance;

  char          *job_id;
  char          *name;
  FlinkJobStatus status;
  gboolean       is_stoppable;
  char          *job_type;
  gint64         start_time;
  gint64         end_time;
  gint64         duration;
  gint           max_parallelism;
  gint64         status_timestamps[N_JOB_STATUSES];
  GListStore    *vertices;
};

G_DEFINE_FINAL_TYPE (FlinkJobDetails, flink_job_details, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_JOB_ID,
  PROP_NAME,
  PROP_STATUS,
  PROP_IS_STOPPABLE,
  PROP_JOB_TYPE,
  PROP_START_TIME,
  PROP_END_TIME,
  PROP_DURATION,
  PROP_MAX_PARALLELISM,
  PROP_VERTICES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
flink_job_details_finalize (GObject *object)
{
  FlinkJobDetails *self = FLINK_JOB_DETAILS (object);

  g_clear_pointer (&self->job_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->job_type, g_free);
  g_clear_object (&self->vertices);

  G_OBJECT_CLASS (flink_job_details_parent_class)->finalize (object);
}

static void
flink_job_details_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FlinkJobDetails *self = FLINK_JOB_DETAILS (object);

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
    case PROP_IS_STOPPABLE:
      g_value_set_boolean (value, self->is_stoppable);
      break;
    case PROP_JOB_TYPE:
      g_value_set_string (value, self->job_type);
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
    case PROP_MAX_PARALLELISM:
      g_value_set_int (value, self->max_parallelism);
      break;
    case PROP_VERTICES:
      g_value_set_object (value, self->vertices);
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
flink_job_details_class_init (FlinkJobDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flink_job_details_finalize;
  object_class->get_property = flink_job_details_get_property;

  /**
   * FlinkJobDetails:job-id:
   *
   * The job's id, 32 hexadecimal characters.
   *
   * Since: 1.0
   */
  properties[PROP_JOB_ID] =
    g_param_spec_string ("job-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobDetails:name:
   *
   * The job's name, as the program set it (`env.execute ("name")`).
   *
   * Since: 1.0
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobDetails:status:
   *
   * The job's status when the details were taken.
   *
   * Since: 1.0
   */
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       FLINK_TYPE_JOB_STATUS, FLINK_JOB_STATUS_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobDetails:is-stoppable:
   *
   * Whether all of the job's sources can be stopped gracefully (Flink's
   * `isStoppable`).
   *
   * Since: 1.0
   */
  properties[PROP_IS_STOPPABLE] =
    g_param_spec_boolean ("is-stoppable", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobDetails:job-type:
   *
   * The kind of job, as Flink names it: "STREAMING" or "BATCH".
   *
   * Since: 1.0
   */
  properties[PROP_JOB_TYPE] =
    g_param_spec_string ("job-type", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobDetails:start-time:
   *
   * When the job was submitted, in milliseconds since the Unix epoch, or -1
   * if the cluster did not say.
   *
   * Since: 1.0
   */
  properties[PROP_START_TIME] = time_param ("start-time", NULL, NULL);
  /**
   * FlinkJobDetails:end-time:
   *
   * When the job reached a terminal status, in milliseconds since the Unix
   * epoch, or -1 while it is still running.
   *
   * Since: 1.0
   */
  properties[PROP_END_TIME] = time_param ("end-time", NULL, NULL);
  /**
   * FlinkJobDetails:duration:
   *
   * How long the job has been running, or ran, in milliseconds, or -1 if the
   * cluster did not say.
   *
   * Since: 1.0
   */
  properties[PROP_DURATION] = time_param ("duration", NULL, NULL);
  /**
   * FlinkJobDetails:max-parallelism:
   *
   * The job's default maximum parallelism (`pipeline.max-parallelism`), or -1
   * when it was not set and Flink derives it for each vertex.
   *
   * Since: 1.0
   */
  properties[PROP_MAX_PARALLELISM] =
    g_param_spec_int ("max-parallelism", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobDetails:vertices:
   *
   * The vertices of the job's execution graph, a list of
   * [class@Flink.JobVertex].
   *
   * Since: 1.0
   */
  properties[PROP_VERTICES] =
    g_param_spec_object ("vertices", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
flink_job_details_init (FlinkJobDetails *self)
{
  self->start_time = -1;
  self->end_time = -1;
  self->duration = -1;
  self->max_parallelism = -1;
  self->vertices = g_list_store_new (FLINK_TYPE_JOB_VERTEX);
}

/* {"RUNNING": ms, ...}: unknown statuses and bad values are skipped. */
static void
read_status_timestamps (FlinkJobDetails *self,
                        JsonObject      *timestamps)
{
  JsonObjectIter iter;
  const char    *name;
  JsonNode      *node;

  if (timestamps == NULL)
    return;
  json_object_iter_init (&iter, timestamps);
  while (json_object_iter_next (&iter, &name, &node))
    {
      FlinkJobStatus status = flink_job_status_from_string (name);
      gint64         value;

      if (status == FLINK_JOB_STATUS_UNKNOWN || (guint) status >= N_JOB_STATUSES)
        continue;
      if (_flink_json_get_int (timestamps, name, &value) && value >= 0)
        self->status_timestamps[status] = value;
    }
}

FlinkJobDetails *
_flink_job_details_new_from_json (JsonObject *object,
                                  GError    **error)
{
  g_autoptr (FlinkJobDetails) self = NULL;
  const char                 *job_id;
  JsonArray                  *vertices;
  gint64                      max_parallelism;

  if (object == NULL)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                           _ ("the job details are not a JSON object"));
      return NULL;
    }

  job_id = _flink_json_require_string (object, "jid", error);
  if (job_id == NULL)
    return NULL;

  self = g_object_new (FLINK_TYPE_JOB_DETAILS, NULL);
  self->job_id = g_strdup (job_id);
  self->name = g_strdup (_flink_json_get_string (object, "name"));
  self->status = flink_job_status_from_string (_flink_json_get_string (object, "state"));
  self->is_stoppable = _flink_json_get_bool_or (object, "isStoppable", FALSE);
  self->job_type = g_strdup (_flink_json_get_string (object, "job-type"));
  self->start_time = _flink_json_get_int_or (object, "start-time", -1);
  self->end_time = _flink_json_get_int_or (object, "end-time", -1);
  self->duration = _flink_json_get_int_or (object, "duration", -1);
  if (_flink_json_get_int (object, "maxParallelism", &max_parallelism) &&
      max_parallelism >= 0 && max_parallelism <= G_MAXINT)
    self->max_parallelism = (gint) max_parallelism;
  read_status_timestamps (self, _flink_json_get_object (object, "timestamps"));

  vertices = _flink_json_get_array (object, "vertices");
  {
    g_autofree char *where = g_strdup_printf ("of job %s", job_id);

    if (!_flink_json_array_decode_into (vertices, self->vertices,
                                        (FlinkDecoder) _flink_job_vertex_new_from_json,
                                        "vertex", where, error))
      return NULL;
  }

  return g_steal_pointer (&self);
}

/**
 * flink_job_details_get_job_id:
 * @self: job details
 *
 * The job's id, 32 hexadecimal characters.
 *
 * Returns: (transfer none): the job id
 *
 * Since: 1.0
 */
const char *
flink_job_details_get_job_id (FlinkJobDetails *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_DETAILS (self), NULL);
  return self->job_id;
}

/**
 * flink_job_details_get_name:
 * @self: job details
 *
 * The job's name, as the program set it (`env.execute ("name")`).
 *
 * Returns: (nullable): the name, or %NULL if the cluster did not say
 *
 * Since: 1.0
 */
const char *
flink_job_details_get_name (FlinkJobDetails *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_DETAILS (self), NULL);
  return self->name;
}

/**
 * flink_job_details_get_status:
 * @self: job details
 *
 * The job's status when the details were taken.
 *
 * Returns: the status, %FLINK_JOB_STATUS_UNKNOWN for one this version of
 *   flinkjob does not know
 *
 * Since: 1.0
 */
FlinkJobStatus
flink_job_details_get_status (FlinkJobDetails *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_DETAILS (self), FLINK_JOB_STATUS_UNKNOWN);
  return self->status;
}

/**
 * flink_job_details_get_is_stoppable:
 * @self: job details
 *
 * Whether all of the job's sources can be stopped gracefully, as Flink's
 * `isStoppable` flag says. Stop with savepoint
 * ([method@Flink.JobClient.stop_with_savepoint_async]) does not depend on
 * it: it needs checkpointing sources instead.
 *
 * Returns: %TRUE if the job is stoppable
 *
 * Since: 1.0
 */
gboolean
flink_job_details_get_is_stoppable (FlinkJobDetails *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_DETAILS (self), FALSE);
  return self->is_stoppable;
}

/**
 * flink_job_details_get_job_type:
 * @self: job details
 *
 * The kind of job, as Flink names it: "STREAMING" or "BATCH".
 *
 * Returns: (nullable): the job type, or %NULL if the cluster did not say
 *
 * Since: 1.0
 */
const char *
flink_job_details_get_job_type (FlinkJobDetails *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_DETAILS (self), NULL);
  return self->job_type;
}

/**
 * flink_job_details_get_start_time:
 * @self: job details
 *
 * When the job was submitted.
 *
 * Returns: milliseconds since the Unix epoch, or -1 if the cluster did not say
 *
 * Since: 1.0
 */
gint64
flink_job_details_get_start_time (FlinkJobDetails *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_DETAILS (self), -1);
  return self->start_time;
}

/**
 * flink_job_details_get_end_time:
 * @self: job details
 *
 * When the job reached a terminal status (FINISHED, CANCELED, FAILED or
 * SUSPENDED).
 *
 * Returns: milliseconds since the Unix epoch, or -1 while the job is running
 *
 * Since: 1.0
 */
gint64
flink_job_details_get_end_time (FlinkJobDetails *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_DETAILS (self), -1);
  return self->end_time;
}

/**
 * flink_job_details_get_duration:
 * @self: job details
 *
 * How long the job has been running, or ran until it ended.
 *
 * Returns: milliseconds, or -1 if the cluster did not say
 *
 * Since: 1.0
 */
gint64
flink_job_details_get_duration (FlinkJobDetails *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_DETAILS (self), -1);
  return self->duration;
}

/**
 * flink_job_details_get_max_parallelism:
 * @self: job details
 *
 * The job's default maximum parallelism (`pipeline.max-parallelism`): the
 * number of key groups, and so the highest parallelism the job can be
 * rescaled to without losing its keyed state. Each vertex has its own: see
 * [method@Flink.JobVertex.get_max_parallelism].
 *
 * Returns: the maximum parallelism, or -1 when it was not set and Flink
 *   derives it for each vertex
 *
 * Since: 1.0
 */
gint
flink_job_details_get_max_parallelism (FlinkJobDetails *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_DETAILS (self), -1);
  return self->max_parallelism;
}

/**
 * flink_job_details_get_status_timestamp:
 * @self: job details
 * @status: a job status
 *
 * When the job last entered @status, as Flink's `timestamps` record it: for
 * instance when it was last switched to RUNNING after a restart.
 *
 * Returns: milliseconds since the Unix epoch, or 0 if the job never had
 *   @status
 *
 * Since: 1.0
 */
gint64
flink_job_details_get_status_timestamp (FlinkJobDetails *self,
                                        FlinkJobStatus   status)
{
  g_return_val_if_fail (FLINK_IS_JOB_DETAILS (self), 0);

  if ((guint) status >= N_JOB_STATUSES)
    return 0;
  return self->status_timestamps[status];
}

/**
 * flink_job_details_get_vertices:
 * @self: job details
 *
 * The vertices of the job's execution graph, in the order Flink lists them
 * (sources first). Each is an operator or a chain of operators run as one
 * task.
 *
 * Returns: (transfer none): a list of [class@Flink.JobVertex], empty if the
 *   cluster listed none
 *
 * Since: 1.0
 */
GListModel *
flink_job_details_get_vertices (FlinkJobDetails *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_DETAILS (self), NULL);
  return G_LIST_MODEL (self->vertices);
}

/**
 * flink_job_details_get_all_tasks_running:
 * @self: job details
 *
 * Whether the job is RUNNING with every task running (or, for a bounded
 * part of the job, already finished). Flink reports a job RUNNING as soon as
 * its first task is scheduled; a savepoint triggered while some tasks are
 * still deploying may fail, so wait for this before triggering one.
 *
 * Returns: %TRUE if all the job's tasks are running
 *
 * Since: 1.0
 */
gboolean
flink_job_details_get_all_tasks_running (FlinkJobDetails *self)
{
  GListModel *vertices;
  guint       n;

  g_return_val_if_fail (FLINK_IS_JOB_DETAILS (self), FALSE);

  if (flink_job_details_get_status (self) != FLINK_JOB_STATUS_RUNNING)
    return FALSE;
  vertices = flink_job_details_get_vertices (self);
  n = g_list_model_get_n_items (vertices);
  if (n == 0)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (FlinkJobVertex) vertex = g_list_model_get_item (vertices, i);

      if (!flink_job_vertex_get_all_tasks_running (vertex))
        return FALSE;
    }
  return TRUE;
}
