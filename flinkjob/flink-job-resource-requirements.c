/* flink-job-resource-requirements.c: the parallelism bounds of a job's vertices
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
 * FlinkJobResourceRequirements:
 *
 * The resource requirements of a job, as Flink's adaptive scheduler keeps
 * them: for each vertex of the job graph, the lowest and the highest
 * parallelism the job may run that vertex at.
 *
 * Read them with [method@Flink.JobClient.get_resource_requirements_async];
 * change them with [method@Flink.JobClient.set_resource_requirements_async]
 * to rescale a running job without a savepoint: the adaptive scheduler
 * restarts the job from its latest checkpoint at the highest parallelism
 * its slots allow within the bounds. In Python:
 *
 * ```python
 * requirements = job.get_resource_requirements_finish(result)
 * for vertex_id in requirements.get_vertex_ids():
 *     requirements.set_parallelism(vertex_id, 1, 4)
 * job.set_resource_requirements_async(requirements, None, on_set)
 * ```
 *
 * Flink keeps these requirements only under the adaptive scheduler
 * (`jobmanager.scheduler: adaptive`, Flink 1.18 and later).
 *
 * Since: 1.0
 */

typedef struct
{
  char *vertex_id;
  guint lower_bound;
  guint upper_bound;
} Entry;

struct _FlinkJobResourceRequirements
{
  GObject parent_instance;

  GPtrArray *entries; /* Entry, in the order they were read or set */
};

G_DEFINE_FINAL_TYPE (FlinkJobResourceRequirements, flink_job_resource_requirements, G_TYPE_OBJECT)

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->vertex_id);
  g_free (entry);
}

static void
flink_job_resource_requirements_finalize (GObject *object)
{
  FlinkJobResourceRequirements *self = FLINK_JOB_RESOURCE_REQUIREMENTS (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (flink_job_resource_requirements_parent_class)->finalize (object);
}

static void
flink_job_resource_requirements_class_init (FlinkJobResourceRequirementsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = flink_job_resource_requirements_finalize;
}

static void
flink_job_resource_requirements_init (FlinkJobResourceRequirements *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
}

/**
 * flink_job_resource_requirements_new:
 *
 * Creates empty resource requirements, to fill with
 * [method@Flink.JobResourceRequirements.set_parallelism] for every vertex
 * of the job. Reading the job's current ones with
 * [method@Flink.JobClient.get_resource_requirements_async] and changing
 * them is usually simpler.
 *
 * Returns: (transfer full): new resource requirements
 *
 * Since: 1.0
 */
FlinkJobResourceRequirements *
flink_job_resource_requirements_new (void)
{
  return g_object_new (FLINK_TYPE_JOB_RESOURCE_REQUIREMENTS, NULL);
}

static Entry *
find_entry (FlinkJobResourceRequirements *self,
            const char                   *vertex_id)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (g_ascii_strcasecmp (entry->vertex_id, vertex_id) == 0)
        return entry;
    }
  return NULL;
}

/**
 * flink_job_resource_requirements_get_vertex_ids:
 * @self: resource requirements
 *
 * Gets the ids of the vertices these requirements name, in the order the
 * cluster sent them or they were set.
 *
 * Returns: (transfer full) (array zero-terminated=1): the vertex ids
 *
 * Since: 1.0
 */
char **
flink_job_resource_requirements_get_vertex_ids (FlinkJobResourceRequirements *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (FLINK_IS_JOB_RESOURCE_REQUIREMENTS (self), NULL);

  for (guint i = 0; i < self->entries->len; i++)
    g_strv_builder_add (builder, ((Entry *) g_ptr_array_index (self->entries, i))->vertex_id);
  return g_strv_builder_end (builder);
}

/**
 * flink_job_resource_requirements_get_parallelism:
 * @self: resource requirements
 * @vertex_id: the id of a vertex of the job, as
 *   [method@Flink.JobVertex.get_id] gives it
 * @lower_bound: (out) (optional): where to store the lowest parallelism
 * @upper_bound: (out) (optional): where to store the highest parallelism
 *
 * Gets the parallelism bounds of one vertex.
 *
 * Returns: %TRUE if the requirements name @vertex_id; %FALSE (and the
 *   bounds 0) if not
 *
 * Since: 1.0
 */
gboolean
flink_job_resource_requirements_get_parallelism (FlinkJobResourceRequirements *self,
                                                 const char                   *vertex_id,
                                                 guint                        *lower_bound,
                                                 guint                        *upper_bound)
{
  Entry *entry;

  g_return_val_if_fail (FLINK_IS_JOB_RESOURCE_REQUIREMENTS (self), FALSE);
  g_return_val_if_fail (vertex_id != NULL, FALSE);

  entry = find_entry (self, vertex_id);
  if (lower_bound != NULL)
    *lower_bound = entry ? entry->lower_bound : 0;
  if (upper_bound != NULL)
    *upper_bound = entry ? entry->upper_bound : 0;
  return entry != NULL;
}

/**
 * flink_job_resource_requirements_set_parallelism:
 * @self: resource requirements
 * @vertex_id: the id of a vertex of the job, as
 *   [method@Flink.JobVertex.get_id] gives it
 * @lower_bound: the lowest parallelism to run the vertex at, 1 or more: the
 *   job waits for slots until it can run every vertex at its lower bound
 * @upper_bound: the highest parallelism to run the vertex at, from
 *   @lower_bound up to the vertex's maximum parallelism
 *
 * Sets the parallelism bounds of one vertex, replacing those it had. The
 * bounds are checked when the requirements are sent.
 *
 * Since: 1.0
 */
void
flink_job_resource_requirements_set_parallelism (FlinkJobResourceRequirements *self,
                                                 const char                   *vertex_id,
                                                 guint                         lower_bound,
                                                 guint                         upper_bound)
{
  Entry *entry;

  g_return_if_fail (FLINK_IS_JOB_RESOURCE_REQUIREMENTS (self));
  g_return_if_fail (vertex_id != NULL);

  entry = find_entry (self, vertex_id);
  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->vertex_id = g_strdup (vertex_id);
      g_ptr_array_add (self->entries, entry);
    }
  entry->lower_bound = lower_bound;
  entry->upper_bound = upper_bound;
}

/* Reads one bound; Flink sends positive ints. */
static gboolean
read_bound (JsonObject *parallelism,
            const char *member,
            const char *vertex_id,
            guint      *out_bound,
            GError    **error)
{
  gint64 value;

  if (!_flink_json_get_int (parallelism, member, &value))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                   _ ("the resource requirements of vertex %s hold no %s"), vertex_id, member);
      return FALSE;
    }
  if (value < 1 || value > G_MAXINT32)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                   "the resource requirements of vertex %s have the %s %" G_GINT64_FORMAT
                   "; set the vertex's bounds again to repair them",
                   vertex_id, member, value);
      return FALSE;
    }
  *out_bound = (guint) value;
  return TRUE;
}

/* The whole answer of GET /jobs/:jobid/resource-requirements:
 * {"<vertex id>": {"parallelism": {"lowerBound": L, "upperBound": U}}}. */
FlinkJobResourceRequirements *
_flink_job_resource_requirements_new_from_json (JsonObject *root,
                                                GError    **error)
{
  g_autoptr (FlinkJobResourceRequirements) self = NULL;
  JsonObjectIter                           iter;
  const char                              *vertex_id;
  JsonNode                                *node;

  if (root == NULL)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                           _ ("the resource requirements are not a JSON object"));
      return NULL;
    }

  self = flink_job_resource_requirements_new ();
  json_object_iter_init (&iter, root);
  while (json_object_iter_next (&iter, &vertex_id, &node))
    {
      JsonObject *parallelism = NULL;
      guint       lower, upper;

      if (JSON_NODE_HOLDS_OBJECT (node))
        parallelism = _flink_json_get_object (json_node_get_object (node), "parallelism");
      if (parallelism == NULL)
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                       _ ("the resource requirements of vertex %s hold no parallelism"), vertex_id);
          return NULL;
        }
      if (!read_bound (parallelism, "lowerBound", vertex_id, &lower, error) ||
          !read_bound (parallelism, "upperBound", vertex_id, &upper, error))
        return NULL;
      flink_job_resource_requirements_set_parallelism (self, vertex_id, lower, upper);
    }
  return g_steal_pointer (&self);
}

/* Checks what Flink would refuse, or worse accept: a bound of 0 or below is
 * stored by Flink 2.3 even though the request fails. */
gboolean
_flink_job_resource_requirements_check (FlinkJobResourceRequirements *self,
                                        GError                      **error)
{
  if (self->entries->len == 0)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                           _ ("the resource requirements name no vertex; read the job's "
                              "with get_resource_requirements() and change those"));
      return FALSE;
    }
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (!flink_job_id_is_valid (entry->vertex_id))
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                       _ ("“%s” is not a vertex id (32 hexadecimal digits)"), entry->vertex_id);
          return FALSE;
        }
      if (entry->lower_bound < 1)
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                       _ ("vertex %s: the parallelism bounds must be 1 or more (%u to %u asked)"),
                       entry->vertex_id, entry->lower_bound, entry->upper_bound);
          return FALSE;
        }
      if (entry->upper_bound > G_MAXINT32)
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                       _ ("vertex %s: the upper bound %u is above what Flink can take (%d)"),
                       entry->vertex_id, entry->upper_bound, G_MAXINT32);
          return FALSE;
        }
      if (entry->lower_bound > entry->upper_bound)
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                       _ ("vertex %s: the lower bound %u is above the upper bound %u"),
                       entry->vertex_id, entry->lower_bound, entry->upper_bound);
          return FALSE;
        }
    }
  return TRUE;
}

JsonNode *
_flink_job_resource_requirements_to_json (FlinkJobResourceRequirements *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      json_builder_set_member_name (builder, entry->vertex_id);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "parallelism");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "lowerBound");
      json_builder_add_int_value (builder, entry->lower_bound);
      json_builder_set_member_name (builder, "upperBound");
      json_builder_add_int_value (builder, entry->upper_bound);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
