/* flink-job-client-rescaling.c: a job's resource requirements, through
 * which the adaptive scheduler rescales it
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include "flink-cluster-client-private.h"
#include "flink-job-client-private.h"
#include "flink-task-private.h"

/* ---- Resource requirements ---------------------------------------------- */

/* Resource requirements exist since Flink 1.18: @then sends the request
 * (with @body, taken) on clusters that have them. Takes @task. */
static void
require_resource_requirements (FlinkJobClient    *self,
                               GTask             *task,
                               FlinkJobClientStep then,
                               JsonNode          *body)
{
  _flink_job_client_require_flink (self, task, g_task_get_task_data (task), 1, 18,
                                   "reading or setting resource requirements",
                                   then, body, body ? (GDestroyNotify) json_node_unref : NULL);
}

static void
get_resource_requirements_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;

  _flink_task_return_decoded (task, result, (FlinkDecoder) _flink_job_resource_requirements_new_from_json);
}

static void
get_resource_requirements_send (FlinkJobClient *self,
                                GTask          *task,
                                gpointer        data)
{
  FlinkRequest request = {
    .method = "GET",
    .path = "/resource-requirements",
    .context = g_task_get_task_data (task),
  };

  _flink_job_client_send (self, &request, task, get_resource_requirements_cb);
}

/**
 * flink_job_client_get_resource_requirements_async:
 * @self: a job client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the requirements are read
 * @user_data: data for @callback
 *
 * Reads the job's resource requirements
 * (`GET /jobs/:jobid/resource-requirements`): the parallelism bounds of
 * each vertex. Flink keeps them only under the adaptive scheduler
 * (`jobmanager.scheduler: adaptive`, Flink 1.18 and later); other clusters
 * answer %FLINK_ERROR_NOT_SUPPORTED.
 *
 * Since: 1.0
 */
void
flink_job_client_get_resource_requirements_async (FlinkJobClient     *self,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_job_client_task_new (self, flink_job_client_get_resource_requirements_async,
                                     "[flinkjob] get_resource_requirements",
                                     "read the resource requirements of",
                                     cancellable, callback, user_data);
  require_resource_requirements (self, task, get_resource_requirements_send, NULL);
}

/**
 * flink_job_client_get_resource_requirements_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.get_resource_requirements_async].
 *
 * Returns: (transfer full): the job's resource requirements, or %NULL on
 *   error
 *
 * Since: 1.0
 */
FlinkJobResourceRequirements *
flink_job_client_get_resource_requirements_finish (FlinkJobClient *self,
                                                   GAsyncResult   *result,
                                                   GError        **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_get_resource_requirements_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
set_resource_requirements_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  FlinkJobClient   *self = g_task_get_source_object (task);

  _flink_cluster_client_poll_soon (self->cluster_client, self->job_id);
  _flink_task_return_sent (task, result);
}

static void
set_resource_requirements_send (FlinkJobClient *self,
                                GTask          *task,
                                gpointer        body)
{
  FlinkRequest request = {
    .method = "PUT",
    .path = "/resource-requirements",
    .body = body,
    .context = g_task_get_task_data (task),
  };

  _flink_job_client_send (self, &request, task, set_resource_requirements_cb);
}

/**
 * flink_job_client_set_resource_requirements_async:
 * @self: a job client
 * @requirements: the parallelism bounds of every vertex of the job
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the cluster took the requirements
 * @user_data: data for @callback
 *
 * Changes the job's resource requirements
 * (`PUT /jobs/:jobid/resource-requirements`, adaptive scheduler, Flink 1.18
 * and later): this is how a running job is rescaled. @requirements must
 * name every vertex of the job, with bounds from 1 to the vertex's maximum
 * parallelism; bad bounds fail with %FLINK_ERROR_INVALID_ARGUMENT before
 * anything is sent.
 *
 * The call returns once the cluster stored the requirements. The adaptive
 * scheduler then restarts the job from its latest checkpoint at the new
 * parallelism when it has the slots, and not before its cooldown after the
 * last rescale (`jobmanager.adaptive-scheduler.executing.cooldown-after-rescaling`,
 * `jobmanager.adaptive-scheduler.scaling-interval.min` in 1.x, 30 s by
 * default); watch the vertices' parallelism in
 * [method@Flink.JobClient.get_job_details_async]. Sending the same
 * requirements again changes nothing, so the request is retried like a
 * read.
 *
 * Since: 1.0
 */
void
flink_job_client_set_resource_requirements_async (FlinkJobClient               *self,
                                                  FlinkJobResourceRequirements *requirements,
                                                  GCancellable                 *cancellable,
                                                  GAsyncReadyCallback           callback,
                                                  gpointer                      user_data)
{
  GError *error = NULL;
  GTask  *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (FLINK_IS_JOB_RESOURCE_REQUIREMENTS (requirements));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_job_client_task_new (self, flink_job_client_set_resource_requirements_async,
                                     "[flinkjob] set_resource_requirements",
                                     "set the resource requirements of",
                                     cancellable, callback, user_data);
  if (!_flink_job_resource_requirements_check (requirements, &error))
    {
      _flink_task_return_error_in_context (task, error, g_task_get_task_data (task));
      g_object_unref (task);
      return;
    }
  require_resource_requirements (self, task, set_resource_requirements_send,
                                 _flink_job_resource_requirements_to_json (requirements));
}

/**
 * flink_job_client_set_resource_requirements_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.set_resource_requirements_async].
 *
 * Returns: %TRUE if the cluster took the requirements, %FALSE with @error
 *   set
 *
 * Since: 1.0
 */
gboolean
flink_job_client_set_resource_requirements_finish (FlinkJobClient *self,
                                                   GAsyncResult   *result,
                                                   GError        **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_set_resource_requirements_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
