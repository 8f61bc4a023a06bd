/* flink-job-result.h: the result of a job that reached a globally terminal status
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

#define FLINK_TYPE_JOB_RESULT (flink_job_result_get_type ())

FLINK_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FlinkJobResult, flink_job_result, FLINK, JOB_RESULT, GObject)

FLINK_AVAILABLE_IN_1_0
const char * flink_job_result_get_job_id (FlinkJobResult *self);
FLINK_AVAILABLE_IN_1_0
FlinkApplicationStatus flink_job_result_get_application_status (FlinkJobResult *self);
FLINK_AVAILABLE_IN_1_0
gint64 flink_job_result_get_net_runtime (FlinkJobResult *self);
FLINK_AVAILABLE_IN_1_0
const char * flink_job_result_get_failure_class (FlinkJobResult *self);
FLINK_AVAILABLE_IN_1_0
const char * flink_job_result_get_failure_message (FlinkJobResult *self);
FLINK_AVAILABLE_IN_1_0
const char * flink_job_result_get_failure_stack_trace (FlinkJobResult *self);
FLINK_AVAILABLE_IN_1_0
const char * flink_job_result_get_root_cause_class (FlinkJobResult *self);
FLINK_AVAILABLE_IN_1_0
const char * flink_job_result_get_root_cause_message (FlinkJobResult *self);
FLINK_AVAILABLE_IN_1_0
GListModel * flink_job_result_get_accumulators (FlinkJobResult *self);

/* clang-format on */

G_END_DECLS
