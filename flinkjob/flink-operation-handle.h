/* flink-operation-handle.h: a durable handle on a savepoint, stop or checkpoint
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
#include <flinkjob/flink-enums.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

#define FLINK_TYPE_OPERATION_HANDLE (flink_operation_handle_get_type ())

FLINK_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FlinkOperationHandle, flink_operation_handle, FLINK, OPERATION_HANDLE, GObject)

FLINK_AVAILABLE_IN_1_0
FlinkOperationHandle *flink_operation_handle_new_from_string (const char            *text,
                                                              GError               **error);
FLINK_AVAILABLE_IN_1_0
char                 *flink_operation_handle_to_string       (FlinkOperationHandle  *self);
FLINK_AVAILABLE_IN_1_0
FlinkOperationKind    flink_operation_handle_get_kind        (FlinkOperationHandle  *self);
FLINK_AVAILABLE_IN_1_0
const char           *flink_operation_handle_get_job_id      (FlinkOperationHandle  *self);
FLINK_AVAILABLE_IN_1_0
const char           *flink_operation_handle_get_trigger_id  (FlinkOperationHandle  *self);
FLINK_AVAILABLE_IN_1_0
gint64                flink_operation_handle_get_start_time  (FlinkOperationHandle  *self);

FLINK_AVAILABLE_IN_1_0
const char           *flink_operation_handle_get_directory   (FlinkOperationHandle  *self);

/* clang-format on */

G_END_DECLS
