/* flink-cluster-client.h: a connection to one Flink cluster
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__FLINKJOB_INSIDE__) && !defined(FLINKJOB_COMPILATION)
#error "Only <flinkjob/flinkjob.h> can be included directly."
#endif

#include <gio/gio.h>

#include <flinkjob/flink-version-macros.h>
#include <flinkjob/flink-cluster-overview.h>
#include <flinkjob/flink-run-options.h>
#include <flinkjob/flink-operation-handle.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

#define FLINK_TYPE_CLUSTER_CLIENT (flink_cluster_client_get_type ())

FLINK_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FlinkClusterClient, flink_cluster_client, FLINK, CLUSTER_CLIENT, GObject)

/* Declared in flink-job-client.h, which needs this header. */
typedef struct _FlinkJobClient FlinkJobClient;
/* Declared in flink-cluster-descriptor.h, which needs this header. */
typedef struct _FlinkClusterDescriptor FlinkClusterDescriptor;

FLINK_AVAILABLE_IN_1_0
FlinkClusterClient *flink_cluster_client_new (FlinkClusterDescriptor *descriptor);

FLINK_AVAILABLE_IN_1_0
const char  *flink_cluster_client_get_url            (FlinkClusterClient *self);
FLINK_AVAILABLE_IN_1_0
const char  *flink_cluster_client_get_flink_version  (FlinkClusterClient *self);
FLINK_AVAILABLE_IN_1_0
const char  *flink_cluster_client_get_flink_revision (FlinkClusterClient *self);

FLINK_AVAILABLE_IN_1_0
FlinkJobClient *flink_cluster_client_get_job_client (FlinkClusterClient  *self,
                                                     const char          *job_id,
                                                     GError             **error);

FLINK_AVAILABLE_IN_1_0
void                  flink_cluster_client_get_overview_async  (FlinkClusterClient   *self,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
FLINK_AVAILABLE_IN_1_0
FlinkClusterOverview *flink_cluster_client_get_overview_finish (FlinkClusterClient   *self,
                                                                GAsyncResult         *result,
                                                                GError              **error);

FLINK_AVAILABLE_IN_1_0
void        flink_cluster_client_list_jobs_async  (FlinkClusterClient   *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
FLINK_AVAILABLE_IN_1_0
GListModel *flink_cluster_client_list_jobs_finish (FlinkClusterClient   *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

FLINK_AVAILABLE_IN_1_0
void        flink_cluster_client_upload_jar_async  (FlinkClusterClient   *self,
                                                    GFile                *jar,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
FLINK_AVAILABLE_IN_1_0
char       *flink_cluster_client_upload_jar_finish (FlinkClusterClient   *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

FLINK_AVAILABLE_IN_1_0
void        flink_cluster_client_list_jars_async  (FlinkClusterClient   *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
FLINK_AVAILABLE_IN_1_0
GListModel *flink_cluster_client_list_jars_finish (FlinkClusterClient   *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

FLINK_AVAILABLE_IN_1_0
void        flink_cluster_client_delete_jar_async  (FlinkClusterClient   *self,
                                                    const char           *jar_id,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
FLINK_AVAILABLE_IN_1_0
gboolean    flink_cluster_client_delete_jar_finish (FlinkClusterClient   *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

FLINK_AVAILABLE_IN_1_0
void            flink_cluster_client_run_jar_async  (FlinkClusterClient   *self,
                                                     const char           *jar_id,
                                                     FlinkRunOptions      *options,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
FLINK_AVAILABLE_IN_1_0
FlinkJobClient *flink_cluster_client_run_jar_finish (FlinkClusterClient   *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

FLINK_AVAILABLE_IN_1_0
void            flink_cluster_client_submit_jar_async  (FlinkClusterClient   *self,
                                                        GFile                *jar,
                                                        FlinkRunOptions      *options,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
FLINK_AVAILABLE_IN_1_0
FlinkJobClient *flink_cluster_client_submit_jar_finish (FlinkClusterClient   *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

FLINK_AVAILABLE_IN_1_0
void        flink_cluster_client_dispose_savepoint_async  (FlinkClusterClient   *self,
                                                           const char           *savepoint_path,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
FLINK_AVAILABLE_IN_1_0
gboolean    flink_cluster_client_dispose_savepoint_finish (FlinkClusterClient   *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

FLINK_AVAILABLE_IN_1_0
void        flink_cluster_client_await_savepoint_async   (FlinkClusterClient   *self,
                                                          FlinkOperationHandle *handle,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
FLINK_AVAILABLE_IN_1_0
char       *flink_cluster_client_await_savepoint_finish  (FlinkClusterClient   *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

FLINK_AVAILABLE_IN_1_0
void        flink_cluster_client_await_checkpoint_async  (FlinkClusterClient   *self,
                                                          FlinkOperationHandle *handle,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
FLINK_AVAILABLE_IN_1_0
guint64     flink_cluster_client_await_checkpoint_finish (FlinkClusterClient   *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

/* clang-format on */

G_END_DECLS
