/* flink-process-private.h: starting and stopping the JVMs of a cluster
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "flink-deploy-private.h"

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

/* A JVM this process started. */
typedef struct {
  char *role;                    /* "jobmanager", "taskmanager-1" */
  GSubprocess *subprocess;
  GPid pid;
  guint64 start_time;
} FlinkProcess;

void       _flink_process_free (FlinkProcess *process);

/* Starts the processes of @plans (FlinkProcessPlan) in order, each in a
 * session of its own, its output in its out_file, and records each in
 * @record (saved to disk) as soon as it runs. With @attached, each is
 * killed by the kernel when this process ends, however it ends: the
 * children are forked from a thread of flinkjob's that lives as long as the
 * process, since PR_SET_PDEATHSIG fires when the forking *thread* ends.
 * Finishes with a GPtrArray of FlinkProcess; on failure, those already
 * started are stopped first. */
void       _flink_processes_spawn_async  (GPtrArray           *plans,
                                          const char * const  *env,
                                          const char          *cwd,
                                          gboolean             attached,
                                          FlinkClusterRecord  *record,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GPtrArray *_flink_processes_spawn_finish (GAsyncResult        *result,
                                          GError             **error);

/* /proc/PID/stat's start time (clock ticks after boot), 0 if @pid is gone. */
guint64    _flink_process_read_start_time (GPid        pid);
/* Is @pid still the process started at @start_time (0: any) whose command
 * line holds @marker? A zombie is not alive; a reused pid is not it. */
gboolean   _flink_process_is_alive        (GPid        pid,
                                           guint64     start_time,
                                           const char *marker);

/* Stops @processes (FlinkRecordedProcess) whose command lines hold
 * @marker: SIGTERM, then SIGKILL to those still running after @grace_ms.
 * Never signals a process that is not one of them. Blocking. */
gboolean   _flink_processes_terminate        (GPtrArray     *processes,
                                              const char    *marker,
                                              guint          grace_ms,
                                              GCancellable  *cancellable,
                                              GError       **error);
void       _flink_processes_terminate_async  (GPtrArray            *processes,
                                              const char           *marker,
                                              guint                 grace_ms,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean   _flink_processes_terminate_finish (GAsyncResult         *result,
                                              GError              **error);
/* FlinkRecordedProcess copies of @processes (FlinkProcess). */
GPtrArray *_flink_processes_to_recorded      (GPtrArray            *processes);
FlinkRecordedProcess *_flink_recorded_process_new (const char *role,
                                                   GPid        pid,
                                                   guint64     start_time);
void       _flink_recorded_process_free      (FlinkRecordedProcess *process);

/* The last @lines lines of a text file, or NULL. Blocking. */
char      *_flink_read_tail                  (const char           *path,
                                              guint                 lines);

/* clang-format on */

G_END_DECLS
