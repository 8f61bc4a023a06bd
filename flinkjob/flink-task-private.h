/* flink-task-private.h: the GTask plumbing every asynchronous operation
 * shares: tasks, a cancellable sleep, jitter, error contexts
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

/* "Cannot cancel job 3f2a... on cluster http://host:8081": what an
 * operation was doing, the start of each of its error messages. */
char     *_flink_context_printf  (const char          *format,
                                  ...) G_GNUC_PRINTF (1, 2);

/* A task in the libportal shape: source tag and name set. */
GTask    *_flink_task_new        (gpointer             source_object,
                                  gpointer             source_tag,
                                  const char          *name,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);

/* Answers @task with an error made of @context and @error's message, in
 * @error's domain and code; takes @error. */
void      _flink_task_return_error_in_context (GTask      *task,
                                               GError     *error,
                                               const char *context);

/* A cancellable sleep: G_IO_ERROR_CANCELLED if the cancellable fires
 * first. */
void      _flink_sleep_async     (guint                milliseconds,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
gboolean  _flink_sleep_finish    (GAsyncResult        *result,
                                  GError             **error);

/* Takes @task: after @milliseconds, @then continues with it; if the task's
 * cancellable fires first, the task returns G_IO_ERROR_CANCELLED instead. */
typedef void (*FlinkTaskStep) (GTask *task);
void      _flink_task_sleep_then (GTask               *task,
                                  guint                milliseconds,
                                  FlinkTaskStep        then);

/* @milliseconds with ±10% jitter, so that clients that changed or failed
 * together do not stay in step. */
guint     _flink_jitter          (guint                milliseconds);

/* clang-format on */

G_END_DECLS
