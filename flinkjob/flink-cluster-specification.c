/* flink-cluster-specification.c: what cluster to deploy
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "flinkjob.h"
#include "flink-config-private.h"
#include "flink-connection-private.h"
#include "flink-decoders-private.h"
#include "flink-ids-private.h"
#include "flink-json-private.h"
#include "flink-task-private.h"
#include "flink-deploy-private.h"

/**
 * FlinkClusterSpecification:
 *
 * What cluster [method@Flink.ClusterDescriptor.deploy_session_cluster_async]
 * and [method@Flink.ClusterDescriptor.deploy_application_cluster_async]
 * start, as Flink's `ClusterSpecification` says it: how many TaskManagers,
 * how many task slots each offers, the process memory of the JobManager and
 * of each TaskManager, and any further `config.yaml` keys
 * ([method@Flink.ClusterSpecification.set_config]).
 *
 * Like [class@Flink.RunOptions] it is mutable; a deployment reads it when
 * it starts, so changing it afterwards changes nothing deployed. Every
 * property left at 0 or %NULL takes the distribution's `config.yaml`
 * value, then Flink's default.
 *
 * ```c
 * g_autoptr(FlinkClusterSpecification) spec = flink_cluster_specification_new ();
 * flink_cluster_specification_set_taskmanager_count (spec, 2);
 * flink_cluster_specification_set_slots_per_taskmanager (spec, 2);
 * flink_cluster_specification_set_config (spec, "state.backend.type", "rocksdb");
 * ```
 *
 * Since: 1.0
 */

#define DEFAULT_STARTUP_TIMEOUT 300

struct _FlinkClusterSpecification
{
  GObject parent_instance;

  guint       taskmanager_count;
  guint       slots_per_taskmanager;
  guint       jobmanager_memory_mb;
  guint       taskmanager_memory_mb;
  char       *work_directory;
  guint       startup_timeout;
  GHashTable *config; /* key -> value */
};

G_DEFINE_FINAL_TYPE (FlinkClusterSpecification, flink_cluster_specification, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TASKMANAGER_COUNT,
  PROP_SLOTS_PER_TASKMANAGER,
  PROP_JOBMANAGER_MEMORY_MB,
  PROP_TASKMANAGER_MEMORY_MB,
  PROP_WORK_DIRECTORY,
  PROP_STARTUP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
flink_cluster_specification_finalize (GObject *object)
{
  FlinkClusterSpecification *self = FLINK_CLUSTER_SPECIFICATION (object);

  g_clear_pointer (&self->work_directory, g_free);
  g_clear_pointer (&self->config, g_hash_table_unref);

  G_OBJECT_CLASS (flink_cluster_specification_parent_class)->finalize (object);
}

static void
flink_cluster_specification_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  FlinkClusterSpecification *self = FLINK_CLUSTER_SPECIFICATION (object);

  switch (prop_id)
    {
    case PROP_TASKMANAGER_COUNT:
      g_value_set_uint (value, self->taskmanager_count);
      break;
    case PROP_SLOTS_PER_TASKMANAGER:
      g_value_set_uint (value, self->slots_per_taskmanager);
      break;
    case PROP_JOBMANAGER_MEMORY_MB:
      g_value_set_uint (value, self->jobmanager_memory_mb);
      break;
    case PROP_TASKMANAGER_MEMORY_MB:
      g_value_set_uint (value, self->taskmanager_memory_mb);
      break;
    case PROP_WORK_DIRECTORY:
      g_value_set_string (value, self->work_directory);
      break;
    case PROP_STARTUP_TIMEOUT:
      g_value_set_uint (value, self->startup_timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flink_cluster_specification_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  FlinkClusterSpecification *self = FLINK_CLUSTER_SPECIFICATION (object);

  switch (prop_id)
    {
    case PROP_TASKMANAGER_COUNT:
      flink_cluster_specification_set_taskmanager_count (self, g_value_get_uint (value));
      break;
    case PROP_SLOTS_PER_TASKMANAGER:
      flink_cluster_specification_set_slots_per_taskmanager (self, g_value_get_uint (value));
      break;
    case PROP_JOBMANAGER_MEMORY_MB:
      flink_cluster_specification_set_jobmanager_memory_mb (self, g_value_get_uint (value));
      break;
    case PROP_TASKMANAGER_MEMORY_MB:
      flink_cluster_specification_set_taskmanager_memory_mb (self, g_value_get_uint (value));
      break;
    case PROP_WORK_DIRECTORY:
      flink_cluster_specification_set_work_directory (self, g_value_get_string (value));
      break;
    case PROP_STARTUP_TIMEOUT:
      flink_cluster_specification_set_startup_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flink_cluster_specification_class_init (FlinkClusterSpecificationClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = flink_cluster_specification_finalize;
  object_class->get_property = flink_cluster_specification_get_property;
  object_class->set_property = flink_cluster_specification_set_property;

  /**
   * FlinkClusterSpecification:taskmanager-count:
   *
   * How many TaskManager processes to start, each with
   * [property@Flink.ClusterSpecification:slots-per-taskmanager] task slots.
   *
   * Since: 1.0
   */
  properties[PROP_TASKMANAGER_COUNT] =
    g_param_spec_uint ("taskmanager-count", NULL, NULL,
                       1, FLINK_DEPLOY_MAX_TASKMANAGERS, 1, flags);
  /**
   * FlinkClusterSpecification:slots-per-taskmanager:
   *
   * How many task slots each TaskManager offers
   * (`taskmanager.numberOfTaskSlots`), or 0 for the distribution's
   * configuration (Flink's default: 1). A job of parallelism N needs N
   * slots in all.
   *
   * Since: 1.0
   */
  properties[PROP_SLOTS_PER_TASKMANAGER] =
    g_param_spec_uint ("slots-per-taskmanager", NULL, NULL, 0, 1024, 0, flags);
  /**
   * FlinkClusterSpecification:jobmanager-memory-mb:
   *
   * The JobManager's total process memory in MiB
   * (`jobmanager.memory.process.size`), or 0 for the distribution's
   * configuration (Flink's default: 1600). Its JVM heap is what is left
   * after the JVM metaspace (256 MiB), overhead (at least 192 MiB) and
   * off-heap memory (128 MiB): at least 640 MiB leaves it a usable heap.
   *
   * Since: 1.0
   */
  properties[PROP_JOBMANAGER_MEMORY_MB] =
    g_param_spec_uint ("jobmanager-memory-mb", NULL, NULL, 0, 1024 * 1024, 0, flags);
  /**
   * FlinkClusterSpecification:taskmanager-memory-mb:
   *
   * Each TaskManager's total process memory in MiB
   * (`taskmanager.memory.process.size`), or 0 for the distribution's
   * configuration (Flink's default: 1728). It is divided among Flink's
   * memory components as Flink's own scripts divide it; other
   * `taskmanager.memory.*` keys set with
   * [method@Flink.ClusterSpecification.set_config] (such as
   * `taskmanager.memory.managed.size`) are honoured.
   *
   * Since: 1.0
   */
  properties[PROP_TASKMANAGER_MEMORY_MB] =
    g_param_spec_uint ("taskmanager-memory-mb", NULL, NULL, 0, 1024 * 1024, 0, flags);
  /**
   * FlinkClusterSpecification:work-directory:
   *
   * The directory that holds the cluster's configuration, logs,
   * checkpoints and savepoints, and whose absolute path is the cluster's
   * id; %NULL for a new directory under the temporary directory
   * (`flinkjob-cluster-XXXXXX`). It is made if it does not exist; it must
   * not hold a cluster that still runs. It is kept when the cluster goes
   * away.
   *
   * Since: 1.0
   */
  properties[PROP_WORK_DIRECTORY] =
    g_param_spec_string ("work-directory", NULL, NULL, NULL, flags);
  /**
   * FlinkClusterSpecification:startup-timeout:
   *
   * How many seconds a deployment waits for the cluster to come up (its
   * REST API answering and every TaskManager registered) before it fails
   * with %FLINK_ERROR_TIMED_OUT and stops what it started; 0 for no limit.
   *
   * Since: 1.0
   */
  properties[PROP_STARTUP_TIMEOUT] =
    g_param_spec_uint ("startup-timeout", NULL, NULL, 0, G_MAXUINT, DEFAULT_STARTUP_TIMEOUT, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
flink_cluster_specification_init (FlinkClusterSpecification *self)
{
  self->taskmanager_count = 1;
  self->startup_timeout = DEFAULT_STARTUP_TIMEOUT;
  self->config = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * flink_cluster_specification_new:
 *
 * Makes a specification of one TaskManager, with the rest taken from the
 * distribution's configuration.
 *
 * Returns: (transfer full): a new cluster specification
 *
 * Since: 1.0
 */
FlinkClusterSpecification *
flink_cluster_specification_new (void)
{
  return g_object_new (FLINK_TYPE_CLUSTER_SPECIFICATION, NULL);
}

/* The unsigned properties share one setter. */
static void
set_uint (FlinkClusterSpecification *self,
          guint                     *field,
          guint                      value,
          guint                      prop_id)
{
  GParamSpecUInt *pspec = G_PARAM_SPEC_UINT (properties[prop_id]);

  value = CLAMP (value, pspec->minimum, pspec->maximum);
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/**
 * flink_cluster_specification_get_taskmanager_count:
 * @self: a cluster specification
 *
 * Gets [property@Flink.ClusterSpecification:taskmanager-count].
 *
 * Returns: how many TaskManagers to start
 *
 * Since: 1.0
 */
guint
flink_cluster_specification_get_taskmanager_count (FlinkClusterSpecification *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_SPECIFICATION (self), 0);
  return self->taskmanager_count;
}

/**
 * flink_cluster_specification_set_taskmanager_count:
 * @self: a cluster specification
 * @count: how many TaskManagers to start, at least 1
 *
 * Sets [property@Flink.ClusterSpecification:taskmanager-count].
 *
 * Since: 1.0
 */
void
flink_cluster_specification_set_taskmanager_count (FlinkClusterSpecification *self,
                                                   guint                      count)
{
  g_return_if_fail (FLINK_IS_CLUSTER_SPECIFICATION (self));
  set_uint (self, &self->taskmanager_count, count, PROP_TASKMANAGER_COUNT);
}

/**
 * flink_cluster_specification_get_slots_per_taskmanager:
 * @self: a cluster specification
 *
 * Gets [property@Flink.ClusterSpecification:slots-per-taskmanager].
 *
 * Returns: the task slots of each TaskManager, or 0 for the configuration's
 *
 * Since: 1.0
 */
guint
flink_cluster_specification_get_slots_per_taskmanager (FlinkClusterSpecification *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_SPECIFICATION (self), 0);
  return self->slots_per_taskmanager;
}

/**
 * flink_cluster_specification_set_slots_per_taskmanager:
 * @self: a cluster specification
 * @slots: the task slots of each TaskManager, or 0 for the configuration's
 *
 * Sets [property@Flink.ClusterSpecification:slots-per-taskmanager].
 *
 * Since: 1.0
 */
void
flink_cluster_specification_set_slots_per_taskmanager (FlinkClusterSpecification *self,
                                                       guint                      slots)
{
  g_return_if_fail (FLINK_IS_CLUSTER_SPECIFICATION (self));
  set_uint (self, &self->slots_per_taskmanager, slots, PROP_SLOTS_PER_TASKMANAGER);
}

/**
 * flink_cluster_specification_get_jobmanager_memory_mb:
 * @self: a cluster specification
 *
 * Gets [property@Flink.ClusterSpecification:jobmanager-memory-mb].
 *
 * Returns: the JobManager's process memory in MiB, or 0 for the
 *   configuration's
 *
 * Since: 1.0
 */
guint
flink_cluster_specification_get_jobmanager_memory_mb (FlinkClusterSpecification *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_SPECIFICATION (self), 0);
  return self->jobmanager_memory_mb;
}

/**
 * flink_cluster_specification_set_jobmanager_memory_mb:
 * @self: a cluster specification
 * @megabytes: the JobManager's process memory in MiB, or 0 for the
 *   configuration's
 *
 * Sets [property@Flink.ClusterSpecification:jobmanager-memory-mb].
 *
 * Since: 1.0
 */
void
flink_cluster_specification_set_jobmanager_memory_mb (FlinkClusterSpecification *self,
                                                      guint                      megabytes)
{
  g_return_if_fail (FLINK_IS_CLUSTER_SPECIFICATION (self));
  set_uint (self, &self->jobmanager_memory_mb, megabytes, PROP_JOBMANAGER_MEMORY_MB);
}

/**
 * flink_cluster_specification_get_taskmanager_memory_mb:
 * @self: a cluster specification
 *
 * Gets [property@Flink.ClusterSpecification:taskmanager-memory-mb].
 *
 * Returns: each TaskManager's process memory in MiB, or 0 for the
 *   configuration's
 *
 * Since: 1.0
 */
guint
flink_cluster_specification_get_taskmanager_memory_mb (FlinkClusterSpecification *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_SPECIFICATION (self), 0);
  return self->taskmanager_memory_mb;
}

/**
 * flink_cluster_specification_set_taskmanager_memory_mb:
 * @self: a cluster specification
 * @megabytes: each TaskManager's process memory in MiB, or 0 for the
 *   configuration's
 *
 * Sets [property@Flink.ClusterSpecification:taskmanager-memory-mb].
 *
 * Since: 1.0
 */
void
flink_cluster_specification_set_taskmanager_memory_mb (FlinkClusterSpecification *self,
                                                       guint                      megabytes)
{
  g_return_if_fail (FLINK_IS_CLUSTER_SPECIFICATION (self));
  set_uint (self, &self->taskmanager_memory_mb, megabytes, PROP_TASKMANAGER_MEMORY_MB);
}

/**
 * flink_cluster_specification_get_work_directory:
 * @self: a cluster specification
 *
 * Gets [property@Flink.ClusterSpecification:work-directory].
 *
 * Returns: (nullable) (type filename): the work directory, or %NULL for a
 *   new temporary one
 *
 * Since: 1.0
 */
const char *
flink_cluster_specification_get_work_directory (FlinkClusterSpecification *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_SPECIFICATION (self), NULL);
  return self->work_directory;
}

/**
 * flink_cluster_specification_set_work_directory:
 * @self: a cluster specification
 * @path: (nullable) (type filename): the work directory, or %NULL for a
 *   new temporary one
 *
 * Sets [property@Flink.ClusterSpecification:work-directory].
 *
 * Since: 1.0
 */
void
flink_cluster_specification_set_work_directory (FlinkClusterSpecification *self,
                                                const char                *path)
{
  g_return_if_fail (FLINK_IS_CLUSTER_SPECIFICATION (self));

  if (path != NULL && path[0] == '\0')
    path = NULL;
  if (g_strcmp0 (self->work_directory, path) == 0)
    return;
  g_free (self->work_directory);
  self->work_directory = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORK_DIRECTORY]);
}

/**
 * flink_cluster_specification_get_startup_timeout:
 * @self: a cluster specification
 *
 * Gets [property@Flink.ClusterSpecification:startup-timeout].
 *
 * Returns: the seconds a deployment waits for the cluster, 0 for no limit
 *
 * Since: 1.0
 */
guint
flink_cluster_specification_get_startup_timeout (FlinkClusterSpecification *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_SPECIFICATION (self), 0);
  return self->startup_timeout;
}

/**
 * flink_cluster_specification_set_startup_timeout:
 * @self: a cluster specification
 * @seconds: the seconds a deployment waits for the cluster, 0 for no limit
 *
 * Sets [property@Flink.ClusterSpecification:startup-timeout].
 *
 * Since: 1.0
 */
void
flink_cluster_specification_set_startup_timeout (FlinkClusterSpecification *self,
                                                 guint                      seconds)
{
  g_return_if_fail (FLINK_IS_CLUSTER_SPECIFICATION (self));
  set_uint (self, &self->startup_timeout, seconds, PROP_STARTUP_TIMEOUT);
}

/**
 * flink_cluster_specification_get_config:
 * @self: a cluster specification
 * @key: a Flink configuration key, such as `state.backend.type`
 *
 * Gets a configuration key set with
 * [method@Flink.ClusterSpecification.set_config].
 *
 * Returns: (nullable): its value, or %NULL when it was not set here
 *
 * Since: 1.0
 */
const char *
flink_cluster_specification_get_config (FlinkClusterSpecification *self,
                                        const char                *key)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_SPECIFICATION (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  return g_hash_table_lookup (self->config, key);
}

/**
 * flink_cluster_specification_set_config:
 * @self: a cluster specification
 * @key: a Flink configuration key, such as `state.backend.type` or
 *   `rest.port`
 * @value: (nullable): its value as `config.yaml` would hold it (`rocksdb`,
 *   `8081`, `30 s`), or %NULL to unset it
 *
 * Sets a key of the cluster's `config.yaml`, over the distribution's
 * configuration and what flinkjob sets itself: any of Flink's keys (state
 * backend, checkpointing, scheduler, security, ...). Setting `rest.port`
 * asks for that port instead of a free one (the deployment fails with
 * %FLINK_ERROR_CONFLICT if it is taken). flinkjob sets each TaskManager's
 * `taskmanager.resource-id` and memory components on its command line, so
 * those cannot be set here; `taskmanager.memory.*` sizes and fractions
 * can, and shape how the process memory is divided.
 *
 * Since: 1.0
 */
void
flink_cluster_specification_set_config (FlinkClusterSpecification *self,
                                        const char                *key,
                                        const char                *value)
{
  g_return_if_fail (FLINK_IS_CLUSTER_SPECIFICATION (self));
  g_return_if_fail (key != NULL && key[0] != '\0');

  if (value == NULL)
    g_hash_table_remove (self->config, key);
  else
    g_hash_table_replace (self->config, g_strdup (key), g_strdup (value));
}

/**
 * flink_cluster_specification_get_config_keys:
 * @self: a cluster specification
 *
 * The keys set with [method@Flink.ClusterSpecification.set_config], sorted.
 *
 * Returns: (transfer full): the keys
 *
 * Since: 1.0
 */
GStrv
flink_cluster_specification_get_config_keys (FlinkClusterSpecification *self)
{
  g_autofree const char **keys = NULL;
  guint                   n;
  GStrv                   copy;

  g_return_val_if_fail (FLINK_IS_CLUSTER_SPECIFICATION (self), NULL);

  keys = (const char **) g_hash_table_get_keys_as_array (self->config, &n);
  copy = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    copy[i] = g_strdup (keys[i]);
  g_qsort_with_data (copy, n, sizeof (char *), (GCompareDataFunc) _flink_compare_strings, NULL);
  return copy;
}

FlinkClusterSpecification *
_flink_cluster_specification_copy (FlinkClusterSpecification *self)
{
  FlinkClusterSpecification *copy = flink_cluster_specification_new ();
  GHashTableIter             iter;
  gpointer                   key, value;

  copy->taskmanager_count = self->taskmanager_count;
  copy->slots_per_taskmanager = self->slots_per_taskmanager;
  copy->jobmanager_memory_mb = self->jobmanager_memory_mb;
  copy->taskmanager_memory_mb = self->taskmanager_memory_mb;
  copy->work_directory = g_strdup (self->work_directory);
  copy->startup_timeout = self->startup_timeout;
  g_hash_table_iter_init (&iter, self->config);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_replace (copy->config, g_strdup (key), g_strdup (value));
  return copy;
}

GHashTable *
_flink_cluster_specification_get_config_table (FlinkClusterSpecification *self)
{
  return self->config;
}

int
_flink_compare_strings (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}
