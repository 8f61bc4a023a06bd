/* flink-cluster-specification.h: what cluster to deploy
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__FLINKJOB_INSIDE__) && !defined(FLINKJOB_COMPILATION)
#error "Only <flinkjob/flinkjob.h> can be included directly."
#endif

#include <glib-object.h>

#include <flinkjob/flink-version-macros.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

#define FLINK_TYPE_CLUSTER_SPECIFICATION (flink_cluster_specification_get_type ())

FLINK_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FlinkClusterSpecification, flink_cluster_specification, FLINK, CLUSTER_SPECIFICATION, GObject)

FLINK_AVAILABLE_IN_1_0
FlinkClusterSpecification *flink_cluster_specification_new (void);

FLINK_AVAILABLE_IN_1_0
guint        flink_cluster_specification_get_taskmanager_count     (FlinkClusterSpecification *self);
FLINK_AVAILABLE_IN_1_0
void         flink_cluster_specification_set_taskmanager_count     (FlinkClusterSpecification *self,
                                                                    guint                      count);
FLINK_AVAILABLE_IN_1_0
guint        flink_cluster_specification_get_slots_per_taskmanager (FlinkClusterSpecification *self);
FLINK_AVAILABLE_IN_1_0
void         flink_cluster_specification_set_slots_per_taskmanager (FlinkClusterSpecification *self,
                                                                    guint                      slots);
FLINK_AVAILABLE_IN_1_0
guint        flink_cluster_specification_get_jobmanager_memory_mb  (FlinkClusterSpecification *self);
FLINK_AVAILABLE_IN_1_0
void         flink_cluster_specification_set_jobmanager_memory_mb  (FlinkClusterSpecification *self,
                                                                    guint                      megabytes);
FLINK_AVAILABLE_IN_1_0
guint        flink_cluster_specification_get_taskmanager_memory_mb (FlinkClusterSpecification *self);
FLINK_AVAILABLE_IN_1_0
void         flink_cluster_specification_set_taskmanager_memory_mb (FlinkClusterSpecification *self,
                                                                    guint                      megabytes);
FLINK_AVAILABLE_IN_1_0
const char  *flink_cluster_specification_get_work_directory        (FlinkClusterSpecification *self);
FLINK_AVAILABLE_IN_1_0
void         flink_cluster_specification_set_work_directory        (FlinkClusterSpecification *self,
                                                                    const char                *path);
FLINK_AVAILABLE_IN_1_0
guint        flink_cluster_specification_get_startup_timeout       (FlinkClusterSpecification *self);
FLINK_AVAILABLE_IN_1_0
void         flink_cluster_specification_set_startup_timeout       (FlinkClusterSpecification *self,
                                                                    guint                      seconds);

FLINK_AVAILABLE_IN_1_0
const char  *flink_cluster_specification_get_config                (FlinkClusterSpecification *self,
                                                                    const char                *key);
FLINK_AVAILABLE_IN_1_0
void         flink_cluster_specification_set_config                (FlinkClusterSpecification *self,
                                                                    const char                *key,
                                                                    const char                *value);
FLINK_AVAILABLE_IN_1_0
GStrv        flink_cluster_specification_get_config_keys           (FlinkClusterSpecification *self);

/* clang-format on */

G_END_DECLS
