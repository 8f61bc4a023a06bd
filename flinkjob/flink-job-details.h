/* flink-job-details.h: the details of one job
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

#define FLINK_TYPE_JOB_DETAILS (flink_job_details_get_type ())

FLINK_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FlinkJobDetails, flink_job_details, FLINK, JOB_DETAILS, GObject)

FLINK_AVAILABLE_IN_1_0
const char * flink_job_details_get_job_id (FlinkJobDetails *self);
FLINK_AVAILABLE_IN_1_0
const char * flink_job_details_get_name (FlinkJobDetails *self);
FLINK_AVAILABLE_IN_1_0
FlinkJobStatus flink_job_details_get_status (FlinkJobDetails *self);
FLINK_AVAILABLE_IN_1_0
gboolean flink_job_details_get_is_stoppable (FlinkJobDetails *self);
FLINK_AVAILABLE_IN_1_0
const char * flink_job_details_get_job_type (FlinkJobDetails *self);
FLINK_AVAILABLE_IN_1_0
gint64 flink_job_details_get_start_time (FlinkJobDetails *self);
FLINK_AVAILABLE_IN_1_0
gint64 flink_job_details_get_end_time (FlinkJobDetails *self);
FLINK_AVAILABLE_IN_1_0
gint64 flink_job_details_get_duration (FlinkJobDetails *self);
FLINK_AVAILABLE_IN_1_0
gint flink_job_details_get_max_parallelism (FlinkJobDetails *self);
FLINK_AVAILABLE_IN_1_0
gint64 flink_job_details_get_status_timestamp (FlinkJobDetails *self,
    FlinkJobStatus status);
FLINK_AVAILABLE_IN_1_0
GListModel * flink_job_details_get_vertices (FlinkJobDetails *self);

FLINK_AVAILABLE_IN_1_0
gboolean flink_job_details_get_all_tasks_running (FlinkJobDetails *self);

/* clang-format on */

G_END_DECLS
