/* flink-cluster-overview.c: the overview of a Flink cluster
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include "flink-decoders-private.h"
#include "flink-json-private.h"
#include "flink-i18n-private.h"

/**
 * FlinkClusterOverview:
 *
 * What a Flink cluster reports about itself at `GET /overview`: its version,
 * its task managers and slots, and how many jobs it holds in each state.
 *
 * Get one with [method@Flink.ClusterClient.get_overview_async]. It is
 * immutable: ask again for fresh numbers.
 *
 * Since: 1.0
 */

struct _FlinkClusterOverview
{
  GObject parent_instance;

  char *flink_version;
  char *flink_commit;
  guint taskmanagers;
  guint slots_total;
  guint slots_available;
  guint jobs_running;
  guint jobs_finished;
  guint jobs_cancelled;
  guint jobs_failed;
};

G_DEFINE_FINAL_TYPE (FlinkClusterOverview, flink_cluster_overview, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_FLINK_VERSION,
  PROP_FLINK_COMMIT,
  PROP_TASKMANAGERS,
  PROP_SLOTS_TOTAL,
  PROP_SLOTS_AVAILABLE,
  PROP_JOBS_RUNNING,
  PROP_JOBS_FINISHED,
  PROP_JOBS_CANCELLED,
  PROP_JOBS_FAILED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
flink_cluster_overview_finalize (GObject *object)
{
  FlinkClusterOverview *self = FLINK_CLUSTER_OVERVIEW (object);

  g_clear_pointer (&self->flink_version, g_free);
  g_clear_pointer (&self->flink_commit, g_free);

  G_OBJECT_CLASS (flink_cluster_overview_parent_class)->finalize (object);
}

static void
flink_cluster_overview_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  FlinkClusterOverview *self = FLINK_CLUSTER_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_FLINK_VERSION:
      g_value_set_string (value, self->flink_version);
      break;
    case PROP_FLINK_COMMIT:
      g_value_set_string (value, self->flink_commit);
      break;
    case PROP_TASKMANAGERS:
      g_value_set_uint (value, self->taskmanagers);
      break;
    case PROP_SLOTS_TOTAL:
      g_value_set_uint (value, self->slots_total);
      break;
    case PROP_SLOTS_AVAILABLE:
      g_value_set_uint (value, self->slots_available);
      break;
    case PROP_JOBS_RUNNING:
      g_value_set_uint (value, self->jobs_running);
      break;
    case PROP_JOBS_FINISHED:
      g_value_set_uint (value, self->jobs_finished);
      break;
    case PROP_JOBS_CANCELLED:
      g_value_set_uint (value, self->jobs_cancelled);
      break;
    case PROP_JOBS_FAILED:
      g_value_set_uint (value, self->jobs_failed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
count_param (const char *name,
             const char *nick,
             const char *blurb)
{
  return g_param_spec_uint (name, nick, blurb, 0, G_MAXUINT, 0,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
flink_cluster_overview_class_init (FlinkClusterOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flink_cluster_overview_finalize;
  object_class->get_property = flink_cluster_overview_get_property;

  /**
   * FlinkClusterOverview:flink-version:
   *
   * The cluster's Flink version, such as "2.3.0".
   *
   * Since: 1.0
   */
  properties[PROP_FLINK_VERSION] =
    g_param_spec_string ("flink-version", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkClusterOverview:flink-commit:
   *
   * The commit Flink was built from.
   *
   * Since: 1.0
   */
  properties[PROP_FLINK_COMMIT] =
    g_param_spec_string ("flink-commit", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkClusterOverview:taskmanagers:
   *
   * How many task managers are registered.
   *
   * Since: 1.0
   */
  properties[PROP_TASKMANAGERS] = count_param ("taskmanagers", NULL, NULL);
  /**
   * FlinkClusterOverview:slots-total:
   *
   * How many task slots the task managers offer in all.
   *
   * Since: 1.0
   */
  properties[PROP_SLOTS_TOTAL] = count_param ("slots-total", NULL, NULL);
  /**
   * FlinkClusterOverview:slots-available:
   *
   * How many task slots are free.
   *
   * Since: 1.0
   */
  properties[PROP_SLOTS_AVAILABLE] = count_param ("slots-available", NULL, NULL);
  /**
   * FlinkClusterOverview:jobs-running:
   *
   * How many jobs are running (any status that is not terminal).
   *
   * Since: 1.0
   */
  properties[PROP_JOBS_RUNNING] = count_param ("jobs-running", NULL, NULL);
  /**
   * FlinkClusterOverview:jobs-finished:
   *
   * How many jobs finished, among those the cluster still remembers.
   *
   * Since: 1.0
   */
  properties[PROP_JOBS_FINISHED] = count_param ("jobs-finished", NULL, NULL);
  /**
   * FlinkClusterOverview:jobs-cancelled:
   *
   * How many jobs were cancelled, among those the cluster still remembers.
   *
   * Since: 1.0
   */
  properties[PROP_JOBS_CANCELLED] = count_param ("jobs-cancelled", NULL, NULL);
  /**
   * FlinkClusterOverview:jobs-failed:
   *
   * How many jobs failed, among those the cluster still remembers.
   *
   * Since: 1.0
   */
  properties[PROP_JOBS_FAILED] = count_param ("jobs-failed", NULL, NULL);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
flink_cluster_overview_init (FlinkClusterOverview *self)
{
}

FlinkClusterOverview *
_flink_cluster_overview_new_from_json (JsonObject *object,
                                       GError    **error)
{
  FlinkClusterOverview *self;

  if (object == NULL)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                           _ ("the cluster overview is not a JSON object"));
      return NULL;
    }

  self = g_object_new (FLINK_TYPE_CLUSTER_OVERVIEW, NULL);
  self->flink_version = g_strdup (_flink_json_get_string (object, "flink-version"));
  self->flink_commit = g_strdup (_flink_json_get_string (object, "flink-commit"));
  self->taskmanagers = _flink_json_get_uint_or (object, "taskmanagers", 0);
  self->slots_total = _flink_json_get_uint_or (object, "slots-total", 0);
  self->slots_available = _flink_json_get_uint_or (object, "slots-available", 0);
  self->jobs_running = _flink_json_get_uint_or (object, "jobs-running", 0);
  self->jobs_finished = _flink_json_get_uint_or (object, "jobs-finished", 0);
  self->jobs_cancelled = _flink_json_get_uint_or (object, "jobs-cancelled", 0);
  self->jobs_failed = _flink_json_get_uint_or (object, "jobs-failed", 0);
  return self;
}

/**
 * flink_cluster_overview_get_flink_version:
 * @self: a cluster overview
 *
 * The cluster's Flink version, such as "2.3.0".
 *
 * Returns: (nullable): the version, or %NULL if the cluster did not say
 *
 * Since: 1.0
 */
const char *
flink_cluster_overview_get_flink_version (FlinkClusterOverview *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_OVERVIEW (self), NULL);
  return self->flink_version;
}

/**
 * flink_cluster_overview_get_flink_commit:
 * @self: a cluster overview
 *
 * The commit the cluster's Flink was built from.
 *
 * Returns: (nullable): the commit id, or %NULL if the cluster did not say
 *
 * Since: 1.0
 */
const char *
flink_cluster_overview_get_flink_commit (FlinkClusterOverview *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_OVERVIEW (self), NULL);
  return self->flink_commit;
}

/**
 * flink_cluster_overview_get_taskmanagers:
 * @self: a cluster overview
 *
 * How many task managers are registered with the cluster.
 *
 * Returns: the number of task managers
 *
 * Since: 1.0
 */
guint
flink_cluster_overview_get_taskmanagers (FlinkClusterOverview *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_OVERVIEW (self), 0);
  return self->taskmanagers;
}

/**
 * flink_cluster_overview_get_slots_total:
 * @self: a cluster overview
 *
 * How many task slots the cluster's task managers offer in all.
 *
 * Returns: the number of slots
 *
 * Since: 1.0
 */
guint
flink_cluster_overview_get_slots_total (FlinkClusterOverview *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_OVERVIEW (self), 0);
  return self->slots_total;
}

/**
 * flink_cluster_overview_get_slots_available:
 * @self: a cluster overview
 *
 * How many task slots are free for new jobs.
 *
 * Returns: the number of free slots
 *
 * Since: 1.0
 */
guint
flink_cluster_overview_get_slots_available (FlinkClusterOverview *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_OVERVIEW (self), 0);
  return self->slots_available;
}

/**
 * flink_cluster_overview_get_jobs_running:
 * @self: a cluster overview
 *
 * How many jobs are not in a terminal status.
 *
 * Returns: the number of running jobs
 *
 * Since: 1.0
 */
guint
flink_cluster_overview_get_jobs_running (FlinkClusterOverview *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_OVERVIEW (self), 0);
  return self->jobs_running;
}

/**
 * flink_cluster_overview_get_jobs_finished:
 * @self: a cluster overview
 *
 * How many finished jobs the cluster still remembers.
 *
 * Returns: the number of finished jobs
 *
 * Since: 1.0
 */
guint
flink_cluster_overview_get_jobs_finished (FlinkClusterOverview *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_OVERVIEW (self), 0);
  return self->jobs_finished;
}

/**
 * flink_cluster_overview_get_jobs_cancelled:
 * @self: a cluster overview
 *
 * How many cancelled jobs the cluster still remembers.
 *
 * Returns: the number of cancelled jobs
 *
 * Since: 1.0
 */
guint
flink_cluster_overview_get_jobs_cancelled (FlinkClusterOverview *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_OVERVIEW (self), 0);
  return self->jobs_cancelled;
}

/**
 * flink_cluster_overview_get_jobs_failed:
 * @self: a cluster overview
 *
 * How many failed jobs the cluster still remembers.
 *
 * Returns: the number of failed jobs
 *
 * Since: 1.0
 */
guint
flink_cluster_overview_get_jobs_failed (FlinkClusterOverview *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_OVERVIEW (self), 0);
  return self->jobs_failed;
}
