/* flink-cluster-descriptor-retrieve.c: from a descriptor to a client of a
 * cluster that answers
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include "flink-cluster-client-private.h"
#include "flink-cluster-descriptor-private.h"
#include "flink-deploy-private.h"
#include "flink-json-private.h"
#include "flink-task-private.h"
#include "flink-i18n-private.h"

static void
retrieve_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask)   task = user_data;
  FlinkClusterClient *client = FLINK_CLUSTER_CLIENT (source);
  const char         *cluster_id = _flink_cluster_descriptor_peek_cluster_id (g_task_get_source_object (task));
  GError             *error = NULL;

  if (!_flink_cluster_client_ensure_version_finish (client, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (cluster_id != NULL)
    _flink_cluster_client_set_cluster_id (client, cluster_id);
  g_task_return_pointer (task, g_object_ref (client), g_object_unref);
}

/**
 * flink_cluster_descriptor_retrieve_async:
 * @self: a cluster descriptor
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the cluster answered, or did not
 * @user_data: data for @callback
 *
 * Retrieves a client of the cluster: connects and reads its configuration
 * (`GET /config`) to learn its Flink version, so that a cluster that does
 * not answer fails here, clearly, rather than at the first job operation.
 *
 * Since: 1.0
 */
void
flink_cluster_descriptor_retrieve_async (FlinkClusterDescriptor *self,
                                         GCancellable           *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data)
{
  const FlinkConnectionSettings *settings;
  FlinkClusterClient            *client;
  g_autofree char               *urls = NULL;
  g_autofree char               *context = NULL;
  GTask                         *task;

  g_return_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_task_new (self, flink_cluster_descriptor_retrieve_async,
                          "[flinkjob] retrieve", cancellable, callback, user_data);

  settings = _flink_cluster_descriptor_get_settings (self);
  if (settings->endpoints->len == 0)
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               _ ("This cluster descriptor names no cluster: make it with "
                                  "new_for_url(), new_for_urls(), new_from_config() or "
                                  "new_for_cluster_id(); one made for a Flink distribution "
                                  "deploys clusters (deploy_session_cluster_async())"));
      g_object_unref (task);
      return;
    }

  client = flink_cluster_client_new (self);
  g_task_set_task_data (task, client, g_object_unref);
  urls = g_strjoinv (", ", (GStrv) flink_cluster_descriptor_get_urls (self));
  if (settings->ha_config != NULL)
    context = g_strdup_printf ("Cannot reach the Flink cluster of %s (its REST leader, "
                               "through ZooKeeper)",
                               settings->ha_config_file);
  else
    context = g_strdup_printf ("Cannot reach a Flink cluster at %s", urls);
  _flink_cluster_client_ensure_version_async (client, context, cancellable, retrieve_cb, task);
}

/**
 * flink_cluster_descriptor_retrieve_finish:
 * @self: a cluster descriptor
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.ClusterDescriptor.retrieve_async].
 *
 * Returns: (transfer full): a client of the cluster, or %NULL with
 *   %FLINK_ERROR_CONNECTION_FAILED if nothing answers at the URL,
 *   %FLINK_ERROR_TIMED_OUT if it does not answer in time, or
 *   %FLINK_ERROR_PROTOCOL_ERROR if what answers is not Flink
 *
 * Since: 1.0
 */
FlinkClusterClient *
flink_cluster_descriptor_retrieve_finish (FlinkClusterDescriptor *self,
                                          GAsyncResult           *result,
                                          GError                **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_descriptor_retrieve_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
