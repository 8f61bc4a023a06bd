/* flink-cluster-client-private.h: what the cluster client gives the
 * layers above it (job clients, job lists, the descriptor's retrieval)
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "flinkjob.h"
#include "flink-poller-private.h"
#include "flink-transport-private.h"

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

FlinkTransport *_flink_cluster_client_get_transport    (FlinkClusterClient *self);
/* The poller of the cluster's watchers, made by the first one. */
FlinkPoller    *_flink_cluster_client_get_poller       (FlinkClusterClient *self);
/* Polls soon if something watches the cluster; after an action. */
void            _flink_cluster_client_poll_soon        (FlinkClusterClient *self,
                                                        const char         *job_id);

/* What GET /config says: the version, with which requests are written. */
gboolean        _flink_cluster_client_set_config       (FlinkClusterClient  *self,
                                                        JsonObject          *config,
                                                        GError             **error);
/* Reads the version (GET /config) unless it is known already; @context
 * (the operation that needs it) heads its errors. */
void            _flink_cluster_client_ensure_version_async  (FlinkClusterClient  *self,
                                                             const char          *context,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean        _flink_cluster_client_ensure_version_finish (FlinkClusterClient  *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);
/* A cluster whose version is not known is taken to be recent. */
gboolean        _flink_cluster_client_version_at_least (FlinkClusterClient *self,
                                                        guint               major,
                                                        guint               minor);
/* The run request in the form the cluster's version expects. */
JsonNode       *_flink_cluster_client_run_body         (FlinkClusterClient *self,
                                                        FlinkRunOptions    *options);

/* clang-format on */

G_END_DECLS
