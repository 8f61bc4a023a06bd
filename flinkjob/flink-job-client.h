/* flink-job-client.h: a handle on one Flink job (FLIP-74's JobClient)
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
#include <flinkjob/flink-enums.h>
#include <flinkjob/flink-cluster-client.h>
#include <flinkjob/flink-job-details.h>
#include <flinkjob/flink-job-result.h>
#include <flinkjob/flink-job-resource-requirements.h>
#include <flinkjob/flink-operation-handle.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

#define FLINK_TYPE_JOB_CLIENT (flink_job_client_get_type ())

FLINK_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FlinkJobClient, flink_job_client, FLINK, JOB_CLIENT, GObject)

FLINK_AVAILABLE_IN_1_0
const char         *flink_job_client_get_job_id         (FlinkJobClient *self);
FLINK_AVAILABLE_IN_1_0
FlinkClusterClient *flink_job_client_get_cluster_client (FlinkJobClient *self);

FLINK_AVAILABLE_IN_1_0
gboolean            flink_job_client_get_watched        (FlinkJobClient *self);
FLINK_AVAILABLE_IN_1_0
void                flink_job_client_set_watched        (FlinkJobClient *self,
                                                         gboolean        watched);
FLINK_AVAILABLE_IN_1_0
FlinkJobStatus      flink_job_client_get_last_seen_status (FlinkJobClient *self);
FLINK_AVAILABLE_IN_1_0
gboolean            flink_job_client_get_reachable      (FlinkJobClient *self);

FLINK_AVAILABLE_IN_1_0
void            flink_job_client_wait_for_status_async  (FlinkJobClient        *self,
                                                         const FlinkJobStatus  *statuses,
                                                         gsize                  n_statuses,
                                                         guint                  timeout,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
FLINK_AVAILABLE_IN_1_0
FlinkJobStatus  flink_job_client_wait_for_status_finish (FlinkJobClient        *self,
                                                         GAsyncResult          *result,
                                                         GError               **error);

FLINK_AVAILABLE_IN_1_0
void            flink_job_client_get_job_status_async  (FlinkJobClient       *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
FLINK_AVAILABLE_IN_1_0
FlinkJobStatus  flink_job_client_get_job_status_finish (FlinkJobClient       *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

FLINK_AVAILABLE_IN_1_0
void             flink_job_client_get_job_details_async  (FlinkJobClient       *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
FLINK_AVAILABLE_IN_1_0
FlinkJobDetails *flink_job_client_get_job_details_finish (FlinkJobClient       *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

FLINK_AVAILABLE_IN_1_0
void      flink_job_client_cancel_async  (FlinkJobClient       *self,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
FLINK_AVAILABLE_IN_1_0
gboolean  flink_job_client_cancel_finish (FlinkJobClient       *self,
                                          GAsyncResult         *result,
                                          GError              **error);

FLINK_AVAILABLE_IN_1_0
void      flink_job_client_trigger_savepoint_async  (FlinkJobClient        *self,
                                                     const char            *directory,
                                                     FlinkSavepointFormat   format,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
FLINK_AVAILABLE_IN_1_0
char     *flink_job_client_trigger_savepoint_finish (FlinkJobClient        *self,
                                                     GAsyncResult          *result,
                                                     GError               **error);

FLINK_AVAILABLE_IN_1_0
void      flink_job_client_stop_with_savepoint_async  (FlinkJobClient        *self,
                                                       gboolean               drain,
                                                       const char            *directory,
                                                       FlinkSavepointFormat   format,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
FLINK_AVAILABLE_IN_1_0
char     *flink_job_client_stop_with_savepoint_finish (FlinkJobClient        *self,
                                                       GAsyncResult          *result,
                                                       GError               **error);

FLINK_AVAILABLE_IN_1_0
void                  flink_job_client_start_savepoint_async  (FlinkJobClient        *self,
                                                               const char            *directory,
                                                               FlinkSavepointFormat   format,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
FLINK_AVAILABLE_IN_1_0
FlinkOperationHandle *flink_job_client_start_savepoint_finish (FlinkJobClient        *self,
                                                               GAsyncResult          *result,
                                                               GError               **error);

FLINK_AVAILABLE_IN_1_0
void                  flink_job_client_start_stop_with_savepoint_async  (FlinkJobClient        *self,
                                                                         gboolean               drain,
                                                                         const char            *directory,
                                                                         FlinkSavepointFormat   format,
                                                                         GCancellable          *cancellable,
                                                                         GAsyncReadyCallback    callback,
                                                                         gpointer               user_data);
FLINK_AVAILABLE_IN_1_0
FlinkOperationHandle *flink_job_client_start_stop_with_savepoint_finish (FlinkJobClient        *self,
                                                                         GAsyncResult          *result,
                                                                         GError               **error);

FLINK_AVAILABLE_IN_1_0
void      flink_job_client_trigger_checkpoint_async  (FlinkJobClient       *self,
                                                      FlinkCheckpointType   type,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
FLINK_AVAILABLE_IN_1_0
guint64   flink_job_client_trigger_checkpoint_finish (FlinkJobClient       *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

FLINK_AVAILABLE_IN_1_0
void                  flink_job_client_start_checkpoint_async  (FlinkJobClient       *self,
                                                                FlinkCheckpointType   type,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
FLINK_AVAILABLE_IN_1_0
FlinkOperationHandle *flink_job_client_start_checkpoint_finish (FlinkJobClient       *self,
                                                                GAsyncResult         *result,
                                                                GError              **error);

FLINK_AVAILABLE_IN_1_0
void        flink_job_client_get_exception_history_async  (FlinkJobClient       *self,
                                                           guint                 max_exceptions,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
FLINK_AVAILABLE_IN_1_0
GListModel *flink_job_client_get_exception_history_finish (FlinkJobClient       *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

FLINK_AVAILABLE_IN_1_0
void                          flink_job_client_get_resource_requirements_async  (FlinkJobClient               *self,
                                                                                 GCancellable                 *cancellable,
                                                                                 GAsyncReadyCallback           callback,
                                                                                 gpointer                      user_data);
FLINK_AVAILABLE_IN_1_0
FlinkJobResourceRequirements *flink_job_client_get_resource_requirements_finish (FlinkJobClient               *self,
                                                                                 GAsyncResult                 *result,
                                                                                 GError                      **error);
FLINK_AVAILABLE_IN_1_0
void                          flink_job_client_set_resource_requirements_async  (FlinkJobClient               *self,
                                                                                 FlinkJobResourceRequirements *requirements,
                                                                                 GCancellable                 *cancellable,
                                                                                 GAsyncReadyCallback           callback,
                                                                                 gpointer                      user_data);
FLINK_AVAILABLE_IN_1_0
gboolean                      flink_job_client_set_resource_requirements_finish (FlinkJobClient               *self,
                                                                                 GAsyncResult                 *result,
                                                                                 GError                      **error);

FLINK_AVAILABLE_IN_1_0
void        flink_job_client_get_accumulators_async  (FlinkJobClient       *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
FLINK_AVAILABLE_IN_1_0
GListModel *flink_job_client_get_accumulators_finish (FlinkJobClient       *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

FLINK_AVAILABLE_IN_1_0
void            flink_job_client_get_job_execution_result_async  (FlinkJobClient       *self,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
FLINK_AVAILABLE_IN_1_0
FlinkJobResult *flink_job_client_get_job_execution_result_finish (FlinkJobClient       *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);

/* clang-format on */

G_END_DECLS
