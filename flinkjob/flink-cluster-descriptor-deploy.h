/* flink-cluster-descriptor-deploy.h: deploying Flink clusters on this machine
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
#include <flinkjob/flink-cluster-descriptor.h>
#include <flinkjob/flink-cluster-specification.h>
#include <flinkjob/flink-job-client.h>
#include <flinkjob/flink-run-options.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

FLINK_AVAILABLE_IN_1_0
FlinkClusterDescriptor *flink_cluster_descriptor_new_for_distribution (const char  *flink_home,
                                                                       GError     **error);
FLINK_AVAILABLE_IN_1_0
FlinkClusterDescriptor *flink_cluster_descriptor_new_for_pyflink      (const char  *python,
                                                                       GError     **error);
FLINK_AVAILABLE_IN_1_0
FlinkClusterDescriptor *flink_cluster_descriptor_new_for_cluster_id   (const char  *cluster_id,
                                                                       GError     **error);

FLINK_AVAILABLE_IN_1_0
const char *flink_cluster_descriptor_get_flink_home (FlinkClusterDescriptor *self);
FLINK_AVAILABLE_IN_1_0
const char *flink_cluster_descriptor_get_java_home  (FlinkClusterDescriptor *self);
FLINK_AVAILABLE_IN_1_0
void        flink_cluster_descriptor_set_java_home  (FlinkClusterDescriptor *self,
                                                     const char             *java_home);
FLINK_AVAILABLE_IN_1_0
const char *flink_cluster_descriptor_get_cluster_id (FlinkClusterDescriptor *self);

FLINK_AVAILABLE_IN_1_0
void                flink_cluster_descriptor_deploy_session_cluster_async      (FlinkClusterDescriptor     *self,
                                                                                FlinkClusterSpecification  *specification,
                                                                                FlinkDeployFlags            flags,
                                                                                GCancellable               *cancellable,
                                                                                GAsyncReadyCallback         callback,
                                                                                gpointer                    user_data);
FLINK_AVAILABLE_IN_1_0
FlinkClusterClient *flink_cluster_descriptor_deploy_session_cluster_finish     (FlinkClusterDescriptor     *self,
                                                                                GAsyncResult               *result,
                                                                                GError                    **error);
FLINK_AVAILABLE_IN_1_0
void                flink_cluster_descriptor_deploy_application_cluster_async  (FlinkClusterDescriptor     *self,
                                                                                FlinkClusterSpecification  *specification,
                                                                                GFile                      *jar,
                                                                                FlinkRunOptions            *options,
                                                                                FlinkDeployFlags            flags,
                                                                                GCancellable               *cancellable,
                                                                                GAsyncReadyCallback         callback,
                                                                                gpointer                    user_data);
FLINK_AVAILABLE_IN_1_0
FlinkJobClient     *flink_cluster_descriptor_deploy_application_cluster_finish (FlinkClusterDescriptor     *self,
                                                                                GAsyncResult               *result,
                                                                                GError                    **error);
FLINK_AVAILABLE_IN_1_0
void                flink_cluster_descriptor_kill_cluster_async                (FlinkClusterDescriptor     *self,
                                                                                const char                 *cluster_id,
                                                                                GCancellable               *cancellable,
                                                                                GAsyncReadyCallback         callback,
                                                                                gpointer                    user_data);
FLINK_AVAILABLE_IN_1_0
gboolean            flink_cluster_descriptor_kill_cluster_finish               (FlinkClusterDescriptor     *self,
                                                                                GAsyncResult               *result,
                                                                                GError                    **error);

FLINK_AVAILABLE_IN_1_0
const char *flink_cluster_client_get_cluster_id (FlinkClusterClient *self);

/* clang-format on */

G_END_DECLS
