/* flink-job-overview.h: one job in the cluster's job list
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

#define FLINK_TYPE_JOB_OVERVIEW (flink_job_overview_get_type ())

FLINK_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FlinkJobOverview, flink_job_overview, FLINK, JOB_OVERVIEW, GObject)

FLINK_AVAILABLE_IN_1_0
const char * flink_job_overview_get_job_id (FlinkJobOverview *self);
FLINK_AVAILABLE_IN_1_0
const char * flink_job_overview_get_name (FlinkJobOverview *self);
FLINK_AVAILABLE_IN_1_0
FlinkJobStatus flink_job_overview_get_status (FlinkJobOverview *self);
FLINK_AVAILABLE_IN_1_0
gint64 flink_job_overview_get_start_time (FlinkJobOverview *self);
FLINK_AVAILABLE_IN_1_0
gint64 flink_job_overview_get_end_time (FlinkJobOverview *self);
FLINK_AVAILABLE_IN_1_0
gint64 flink_job_overview_get_duration (FlinkJobOverview *self);
FLINK_AVAILABLE_IN_1_0
gint64 flink_job_overview_get_last_modification (FlinkJobOverview *self);
FLINK_AVAILABLE_IN_1_0
guint flink_job_overview_get_tasks_total (FlinkJobOverview *self);
FLINK_AVAILABLE_IN_1_0
guint flink_job_overview_get_task_count (FlinkJobOverview *self,
    FlinkExecutionState state);

/* clang-format on */

G_END_DECLS
