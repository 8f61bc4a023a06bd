/* flink-operation-private.h: waiting for Flink's asynchronous operations
 *
 * Savepoints, stop with savepoint, checkpoints, savepoint disposal and the
 * job result are asynchronous on the cluster: a trigger answers with a
 * trigger id, and a status URL answers {"status": {"id": "IN_PROGRESS"}}
 * until {"status": {"id": "COMPLETED"}, "operation": {...}}.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "flink-transport-private.h"

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

/* Polls @status_path until the operation is COMPLETED; finishes with the
 * whole completed response. */
void        _flink_operation_await_completion_async  (FlinkTransport       *transport,
                                                      const char           *status_path,
                                                      const char           *context,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
JsonObject *_flink_operation_await_completion_finish (FlinkTransport       *transport,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/* Waits for a savepoint or stop through its handle; when the cluster no
 * longer knows the trigger, recovers the location from the job's
 * checkpoint statistics. Finishes with the savepoint's location. */
void        _flink_operation_await_savepoint_async   (FlinkTransport       *transport,
                                                      FlinkOperationHandle *handle,
                                                      const char           *context,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
char       *_flink_operation_await_savepoint_finish  (FlinkTransport       *transport,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/* Waits for a checkpoint through its handle; finishes with its id, 0 on
 * error. */
void        _flink_operation_await_checkpoint_async  (FlinkTransport       *transport,
                                                      FlinkOperationHandle *handle,
                                                      const char           *context,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
guint64     _flink_operation_await_checkpoint_finish (FlinkTransport       *transport,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/* clang-format on */

G_END_DECLS
