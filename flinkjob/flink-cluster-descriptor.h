/* flink-cluster-descriptor.h: how to reach a Flink cluster
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
#include <flinkjob/flink-cluster-client.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

#define FLINK_TYPE_CLUSTER_DESCRIPTOR (flink_cluster_descriptor_get_type ())

FLINK_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FlinkClusterDescriptor, flink_cluster_descriptor, FLINK, CLUSTER_DESCRIPTOR, GObject)

FLINK_AVAILABLE_IN_1_0
FlinkClusterDescriptor *flink_cluster_descriptor_new_for_url     (const char  *url,
                                                                  GError     **error);
FLINK_AVAILABLE_IN_1_0
FlinkClusterDescriptor *flink_cluster_descriptor_new_for_urls    (const char * const  *urls,
                                                                  GError             **error);
FLINK_AVAILABLE_IN_1_0
FlinkClusterDescriptor *flink_cluster_descriptor_new_from_config (const char  *path,
                                                                  GError     **error);

FLINK_AVAILABLE_IN_1_0
const char  *flink_cluster_descriptor_get_url        (FlinkClusterDescriptor *self);
FLINK_AVAILABLE_IN_1_0
guint        flink_cluster_descriptor_get_timeout    (FlinkClusterDescriptor *self);
FLINK_AVAILABLE_IN_1_0
void         flink_cluster_descriptor_set_timeout    (FlinkClusterDescriptor *self,
                                                      guint                   timeout);
FLINK_AVAILABLE_IN_1_0
guint64      flink_cluster_descriptor_get_max_response_size (FlinkClusterDescriptor *self);
FLINK_AVAILABLE_IN_1_0
void         flink_cluster_descriptor_set_max_response_size (FlinkClusterDescriptor *self,
                                                             guint64                 max_response_size);
FLINK_AVAILABLE_IN_1_0
const char  *flink_cluster_descriptor_get_user_agent (FlinkClusterDescriptor *self);
FLINK_AVAILABLE_IN_1_0
void         flink_cluster_descriptor_set_user_agent (FlinkClusterDescriptor *self,
                                                      const char             *user_agent);

FLINK_AVAILABLE_IN_1_0
const char * const *flink_cluster_descriptor_get_urls        (FlinkClusterDescriptor *self);
FLINK_AVAILABLE_IN_1_0
guint        flink_cluster_descriptor_get_retry_max_attempts (FlinkClusterDescriptor *self);
FLINK_AVAILABLE_IN_1_0
void         flink_cluster_descriptor_set_retry_max_attempts (FlinkClusterDescriptor *self,
                                                              guint                   attempts);
FLINK_AVAILABLE_IN_1_0
guint        flink_cluster_descriptor_get_retry_delay        (FlinkClusterDescriptor *self);
FLINK_AVAILABLE_IN_1_0
void         flink_cluster_descriptor_set_retry_delay        (FlinkClusterDescriptor *self,
                                                              guint                   milliseconds);
FLINK_AVAILABLE_IN_1_0
void         flink_cluster_descriptor_set_bearer_token       (FlinkClusterDescriptor *self,
                                                              const char             *token);
FLINK_AVAILABLE_IN_1_0
gboolean     flink_cluster_descriptor_add_header             (FlinkClusterDescriptor  *self,
                                                              const char              *name,
                                                              const char              *value,
                                                              GError                 **error);
FLINK_AVAILABLE_IN_1_0
const char  *flink_cluster_descriptor_get_tls_ca_file        (FlinkClusterDescriptor *self);
FLINK_AVAILABLE_IN_1_0
gboolean     flink_cluster_descriptor_set_tls_ca_file        (FlinkClusterDescriptor  *self,
                                                              const char              *path,
                                                              GError                 **error);
FLINK_AVAILABLE_IN_1_0
gboolean     flink_cluster_descriptor_set_tls_truststore     (FlinkClusterDescriptor  *self,
                                                              const char              *path,
                                                              const char              *password,
                                                              GError                 **error);
FLINK_AVAILABLE_IN_1_0
gboolean     flink_cluster_descriptor_set_tls_keystore       (FlinkClusterDescriptor  *self,
                                                              const char              *path,
                                                              const char              *password,
                                                              const char              *key_password,
                                                              GError                 **error);

FLINK_AVAILABLE_IN_1_0
GTlsCertificate *flink_cluster_descriptor_get_tls_client_certificate (FlinkClusterDescriptor *self);
FLINK_AVAILABLE_IN_1_0
void         flink_cluster_descriptor_set_tls_client_certificate (FlinkClusterDescriptor *self,
                                                                  GTlsCertificate        *certificate);

FLINK_AVAILABLE_IN_1_0
void                flink_cluster_descriptor_retrieve_async  (FlinkClusterDescriptor  *self,
                                                              GCancellable            *cancellable,
                                                              GAsyncReadyCallback      callback,
                                                              gpointer                 user_data);
FLINK_AVAILABLE_IN_1_0
FlinkClusterClient *flink_cluster_descriptor_retrieve_finish (FlinkClusterDescriptor  *self,
                                                              GAsyncResult            *result,
                                                              GError                 **error);

/* clang-format on */

G_END_DECLS
