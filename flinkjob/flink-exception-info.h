/* flink-exception-info.h: one entry of a job's exception history
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

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

#define FLINK_TYPE_EXCEPTION_INFO (flink_exception_info_get_type ())

FLINK_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FlinkExceptionInfo, flink_exception_info, FLINK, EXCEPTION_INFO, GObject)

FLINK_AVAILABLE_IN_1_0
const char *flink_exception_info_get_exception_name      (FlinkExceptionInfo *self);
FLINK_AVAILABLE_IN_1_0
const char *flink_exception_info_get_message             (FlinkExceptionInfo *self);
FLINK_AVAILABLE_IN_1_0
const char *flink_exception_info_get_stack_trace         (FlinkExceptionInfo *self);
FLINK_AVAILABLE_IN_1_0
const char *flink_exception_info_get_root_cause_class    (FlinkExceptionInfo *self);
FLINK_AVAILABLE_IN_1_0
const char *flink_exception_info_get_root_cause_message  (FlinkExceptionInfo *self);
FLINK_AVAILABLE_IN_1_0
gint64      flink_exception_info_get_timestamp           (FlinkExceptionInfo *self);
FLINK_AVAILABLE_IN_1_0
const char *flink_exception_info_get_task_name           (FlinkExceptionInfo *self);
FLINK_AVAILABLE_IN_1_0
const char *flink_exception_info_get_endpoint            (FlinkExceptionInfo *self);
FLINK_AVAILABLE_IN_1_0
const char *flink_exception_info_get_task_manager_id     (FlinkExceptionInfo *self);
FLINK_AVAILABLE_IN_1_0
GHashTable *flink_exception_info_get_failure_labels      (FlinkExceptionInfo *self);
FLINK_AVAILABLE_IN_1_0
GListModel *flink_exception_info_get_concurrent_exceptions (FlinkExceptionInfo *self);

/* clang-format on */

G_END_DECLS
