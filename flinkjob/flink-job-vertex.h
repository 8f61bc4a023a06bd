/* flink-job-vertex.h: one vertex of a job's graph
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

#define FLINK_TYPE_JOB_VERTEX (flink_job_vertex_get_type ())

FLINK_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FlinkJobVertex, flink_job_vertex, FLINK, JOB_VERTEX, GObject)

FLINK_AVAILABLE_IN_1_0
const char * flink_job_vertex_get_id (FlinkJobVertex *self);
FLINK_AVAILABLE_IN_1_0
const char * flink_job_vertex_get_name (FlinkJobVertex *self);
FLINK_AVAILABLE_IN_1_0
guint flink_job_vertex_get_parallelism (FlinkJobVertex *self);
FLINK_AVAILABLE_IN_1_0
guint flink_job_vertex_get_max_parallelism (FlinkJobVertex *self);
FLINK_AVAILABLE_IN_1_0
FlinkExecutionState flink_job_vertex_get_status (FlinkJobVertex *self);
FLINK_AVAILABLE_IN_1_0
gint64 flink_job_vertex_get_start_time (FlinkJobVertex *self);
FLINK_AVAILABLE_IN_1_0
gint64 flink_job_vertex_get_end_time (FlinkJobVertex *self);
FLINK_AVAILABLE_IN_1_0
gint64 flink_job_vertex_get_duration (FlinkJobVertex *self);
FLINK_AVAILABLE_IN_1_0
guint flink_job_vertex_get_task_count (FlinkJobVertex *self,
    FlinkExecutionState state);
FLINK_AVAILABLE_IN_1_0
gboolean flink_job_vertex_get_all_tasks_running (FlinkJobVertex *self);

/* clang-format on */

G_END_DECLS
