/* flink-cluster-overview.h: the overview of a Flink cluster
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

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

#define FLINK_TYPE_CLUSTER_OVERVIEW (flink_cluster_overview_get_type ())

FLINK_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FlinkClusterOverview, flink_cluster_overview, FLINK, CLUSTER_OVERVIEW, GObject)

FLINK_AVAILABLE_IN_1_0
const char * flink_cluster_overview_get_flink_version (FlinkClusterOverview *self);
FLINK_AVAILABLE_IN_1_0
const char * flink_cluster_overview_get_flink_commit (FlinkClusterOverview *self);
FLINK_AVAILABLE_IN_1_0
guint flink_cluster_overview_get_taskmanagers (FlinkClusterOverview *self);
FLINK_AVAILABLE_IN_1_0
guint flink_cluster_overview_get_slots_total (FlinkClusterOverview *self);
FLINK_AVAILABLE_IN_1_0
guint flink_cluster_overview_get_slots_available (FlinkClusterOverview *self);
FLINK_AVAILABLE_IN_1_0
guint flink_cluster_overview_get_jobs_running (FlinkClusterOverview *self);
FLINK_AVAILABLE_IN_1_0
guint flink_cluster_overview_get_jobs_finished (FlinkClusterOverview *self);
FLINK_AVAILABLE_IN_1_0
guint flink_cluster_overview_get_jobs_cancelled (FlinkClusterOverview *self);
FLINK_AVAILABLE_IN_1_0
guint flink_cluster_overview_get_jobs_failed (FlinkClusterOverview *self);

/* clang-format on */

G_END_DECLS
