/* flink-process.c: starting and stopping the JVMs of a cluster
 *
 * A good supervisor of JVMs it does not own the code of: each JVM runs in
 * its own session (a Ctrl-C in the terminal reaches the application, which
 * decides), with default signal dispositions and an empty signal mask
 * whatever the application set, no inherited file descriptors, its output
 * in a file of the cluster's work directory. An attached cluster's JVMs get
 * PR_SET_PDEATHSIG: the kernel kills them when this process ends, SIGKILL
 * included. Stopping only ever signals a pid whose /proc entry still shows
 * the start time recorded and the cluster's work directory on its command
 * line: pids get reused.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "flinkjob.h"
#include "flink-config-private.h"
#include "flink-connection-private.h"
#include "flink-decoders-private.h"
#include "flink-ids-private.h"
#include "flink-json-private.h"
#include "flink-task-private.h"
#include "flink-process-private.h"
#include "flink-i18n-private.h"

#define POLL_INTERVAL_US (50 * 1000)
#define KILL_WAIT_MS 5000

void
_flink_process_free (FlinkProcess *process)
{
  if (process == NULL)
    return;
  g_free (process->role);
  g_clear_object (&process->subprocess);
  g_free (process);
}

FlinkRecordedProcess *
_flink_recorded_process_new (const char *role,
                             GPid        pid,
                             guint64     start_time)
{
  FlinkRecordedProcess *process = g_new0 (FlinkRecordedProcess, 1);

  process->role = g_strdup (role);
  process->pid = pid;
  process->start_time = start_time;
  return process;
}

void
_flink_recorded_process_free (FlinkRecordedProcess *process)
{
  if (process == NULL)
    return;
  g_free (process->role);
  g_free (process);
}

GPtrArray *
_flink_processes_to_recorded (GPtrArray *processes)
{
  GPtrArray *recorded = g_ptr_array_new_with_free_func ((GDestroyNotify) _flink_recorded_process_free);

  for (guint i = 0; i < processes->len; i++)
    {
      FlinkProcess *process = g_ptr_array_index (processes, i);

      g_ptr_array_add (recorded, _flink_recorded_process_new (process->role, process->pid,
                                                              process->start_time));
    }
  return recorded;
}

/* ---- /proc -------------------------------------------------------------- */

/* The state letter and start time of /proc/PID/stat: fields 3 and 22,
 * counted after the command name, which may hold spaces and parentheses. */
static gboolean
read_stat (GPid     pid,
           char    *out_state,
           guint64 *out_start_time)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *text = NULL;
  g_auto (GStrv)   fields = NULL;
  const char      *rest;

  if (pid <= 0 || !g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  rest = strrchr (text, ')');
  if (rest == NULL)
    return FALSE;
  fields = g_strsplit (g_strstrip ((char *) rest + 1), " ", 0);
  if (g_strv_length (fields) < 20)
    return FALSE;
  *out_state = fields[0][0];
  *out_start_time = g_ascii_strtoull (fields[19], NULL, 10);
  return TRUE;
}

/* Whether @marker occurs in @data, whose arguments NULs separate. */
static gboolean
contains (const char *data,
          gsize       length,
          const char *marker)
{
  gsize size = strlen (marker);

  for (gsize at = 0; at + size <= length; at++)
    if (data[at] == marker[0] && memcmp (data + at, marker, size) == 0)
      return TRUE;
  return FALSE;
}

guint64
_flink_process_read_start_time (GPid pid)
{
  char    state;
  guint64 start_time;

  if (!read_stat (pid, &state, &start_time) || state == 'Z' || state == 'X')
    return 0;
  return start_time;
}

gboolean
_flink_process_is_alive (GPid        pid,
                         guint64     start_time,
                         const char *marker)
{
  g_autofree char *path = NULL;
  g_autofree char *cmdline = NULL;
  gsize            length;
  char             state;
  guint64          started;

  if (!read_stat (pid, &state, &started) || state == 'Z' || state == 'X')
    return FALSE;
  if (start_time != 0 && started != start_time)
    return FALSE;
  path = g_strdup_printf ("/proc/%d/cmdline", (int) pid);
  if (!g_file_get_contents (path, &cmdline, &length, NULL))
    return FALSE;
  return marker != NULL && marker[0] != '\0' && contains (cmdline, length, marker);
}

/* ---- Starting ----------------------------------------------------------- */

/* Runs in the child between fork and exec: async-signal-safe calls only. */
static void
child_setup (gpointer user_data)
{
  pid_t            parent = GPOINTER_TO_INT (user_data);
  struct sigaction default_action;
  sigset_t         none;
  const int        signals[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT };

  memset (&default_action, 0, sizeof default_action);
  default_action.sa_handler = SIG_DFL;
  for (gsize i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], &default_action, NULL);
  sigemptyset (&none);
  sigprocmask (SIG_SETMASK, &none, NULL);
  setsid ();
#ifdef __linux__
  if (parent != 0)
    {
      prctl (PR_SET_PDEATHSIG, SIGKILL);
      /* The parent may have died before prctl(): then nobody is left to
       * stop this JVM, so it must not start. */
      if (getppid () != parent)
        _exit (1);
    }
#endif
}

static gpointer
spawner_main (gpointer user_data)
{
  GMainContext *context = user_data;

  g_main_context_push_thread_default (context);
  for (;;)
    g_main_context_iteration (context, TRUE);
  return NULL;
}

/* The context of the thread that forks the JVMs: one for the process's
 * whole life, so that PR_SET_PDEATHSIG fires only when the process ends,
 * not when the thread that asked for a deployment does. */
static GMainContext *
spawner_context (void)
{
  static GMainContext *context;

  if (g_once_init_enter (&context))
    {
      GMainContext *created = g_main_context_new ();

      g_thread_unref (g_thread_new ("flinkjob-spawn", spawner_main, g_main_context_ref (created)));
      g_once_init_leave (&context, created);
    }
  return context;
}

typedef struct
{
  GPtrArray          *plans;
  GStrv               env;
  char               *cwd;
  gboolean            attached;
  FlinkClusterRecord *record;
} SpawnData;

static void
spawn_data_free (SpawnData *data)
{
  g_ptr_array_unref (data->plans);
  g_strfreev (data->env);
  g_free (data->cwd);
  g_free (data);
}

static FlinkProcess *
spawn_one (FlinkProcessPlan *plan,
           SpawnData        *data,
           GError          **error)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess)         subprocess = NULL;
  g_autoptr (GError)              local_error = NULL;
  FlinkProcess                   *process;
  const char                     *identifier;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_environ (launcher, data->env);
  g_subprocess_launcher_set_cwd (launcher, data->cwd);
  g_subprocess_launcher_set_stdout_file_path (launcher, plan->out_file);
  g_subprocess_launcher_set_child_setup (launcher, child_setup,
                                         GINT_TO_POINTER (data->attached ? getpid () : 0), NULL);
  subprocess = g_subprocess_launcher_spawnv (launcher, (const char *const *) plan->argv, &local_error);
  if (subprocess == NULL)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_DEPLOYMENT_FAILED,
                   _ ("Cannot start the %s (%s): %s"), plan->role, plan->argv[0], local_error->message);
      return NULL;
    }

  process = g_new0 (FlinkProcess, 1);
  process->role = g_strdup (plan->role);
  process->subprocess = g_steal_pointer (&subprocess);
  identifier = g_subprocess_get_identifier (process->subprocess);
  process->pid = identifier ? (GPid) atoi (identifier) : 0;
  process->start_time = _flink_process_read_start_time (process->pid);
  g_debug ("Started the %s of %s: pid %d", process->role, data->record->work_dir, (int) process->pid);
  return process;
}

static gboolean
spawn_all_cb (gpointer user_data)
{
  g_autoptr (GTask)     task = user_data;
  SpawnData            *data = g_task_get_task_data (task);
  g_autoptr (GPtrArray) started = g_ptr_array_new_with_free_func ((GDestroyNotify) _flink_process_free);
  g_autofree char      *marker = g_strconcat (data->record->work_dir, G_DIR_SEPARATOR_S, NULL);
  GError               *error = NULL;

  for (guint i = 0; i < data->plans->len && error == NULL; i++)
    {
      FlinkProcess *process;

      if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
        break;
      process = spawn_one (g_ptr_array_index (data->plans, i), data, &error);
      if (process == NULL)
        break;
      g_ptr_array_add (started, process);
      _flink_cluster_record_add_process (data->record, process->role, process->pid, process->start_time);
      _flink_cluster_record_save (data->record, &error);
    }

  if (error != NULL)
    {
      g_autoptr (GPtrArray) recorded = _flink_processes_to_recorded (started);
      g_autoptr (GError)    stop_error = NULL;

      if (!_flink_processes_terminate (recorded, marker, 0, NULL, &stop_error))
        g_warning ("%s", stop_error->message);
      g_task_return_error (task, error);
      return G_SOURCE_REMOVE;
    }
  g_task_return_pointer (task, g_steal_pointer (&started), (GDestroyNotify) g_ptr_array_unref);
  return G_SOURCE_REMOVE;
}

void
_flink_processes_spawn_async (GPtrArray          *plans,
                              const char *const  *env,
                              const char         *cwd,
                              gboolean            attached,
                              FlinkClusterRecord *record,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  GTask     *task = g_task_new (NULL, cancellable, callback, user_data);
  SpawnData *data = g_new0 (SpawnData, 1);

  g_task_set_source_tag (task, _flink_processes_spawn_async);
  g_task_set_name (task, "[flinkjob] start JVMs");
  data->plans = g_ptr_array_ref (plans);
  data->env = g_strdupv ((GStrv) env);
  data->cwd = g_strdup (cwd);
  data->attached = attached;
  data->record = record;
  g_task_set_task_data (task, data, (GDestroyNotify) spawn_data_free);
  g_main_context_invoke (spawner_context (), spawn_all_cb, task);
}

GPtrArray *
_flink_processes_spawn_finish (GAsyncResult *result,
                               GError      **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _flink_processes_spawn_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Stopping ----------------------------------------------------------- */

static guint
signal_alive (GPtrArray  *processes,
              const char *marker,
              int         signal_number)
{
  guint alive = 0;

  for (guint i = 0; i < processes->len; i++)
    {
      FlinkRecordedProcess *process = g_ptr_array_index (processes, i);

      if (!_flink_process_is_alive (process->pid, process->start_time, marker))
        continue;
      alive++;
      if (signal_number != 0 && kill (process->pid, signal_number) != 0 && errno != ESRCH)
        g_debug ("Cannot signal the %s (pid %d): %s", process->role, (int) process->pid,
                 g_strerror (errno));
    }
  return alive;
}

/* Waits until none of @processes runs, for at most @milliseconds. */
static gboolean
wait_gone (GPtrArray    *processes,
           const char   *marker,
           guint         milliseconds,
           GCancellable *cancellable)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) milliseconds * 1000;

  while (signal_alive (processes, marker, 0) > 0)
    {
      if (g_get_monotonic_time () >= deadline || g_cancellable_is_cancelled (cancellable))
        return FALSE;
      g_usleep (POLL_INTERVAL_US);
    }
  return TRUE;
}

gboolean
_flink_processes_terminate (GPtrArray    *processes,
                            const char   *marker,
                            guint         grace_ms,
                            GCancellable *cancellable,
                            GError      **error)
{
  if (signal_alive (processes, marker, grace_ms > 0 ? SIGTERM : SIGKILL) == 0)
    return TRUE;
  if (grace_ms > 0 && wait_gone (processes, marker, grace_ms, cancellable))
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (signal_alive (processes, marker, SIGKILL) > 0 &&
      !wait_gone (processes, marker, KILL_WAIT_MS, cancellable))
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      for (guint i = 0; i < processes->len; i++)
        {
          FlinkRecordedProcess *process = g_ptr_array_index (processes, i);

          if (_flink_process_is_alive (process->pid, process->start_time, marker))
            {
              g_set_error (error, FLINK_ERROR, FLINK_ERROR_FAILED,
                           _ ("The %s (pid %d) of cluster %s still runs after SIGKILL"),
                           process->role, (int) process->pid, marker);
              return FALSE;
            }
        }
    }
  return TRUE;
}

typedef struct
{
  GPtrArray *processes;
  char      *marker;
  guint      grace_ms;
} TerminateData;

static void
terminate_data_free (TerminateData *data)
{
  g_ptr_array_unref (data->processes);
  g_free (data->marker);
  g_free (data);
}

static void
terminate_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TerminateData *data = task_data;
  GError        *error = NULL;

  if (_flink_processes_terminate (data->processes, data->marker, data->grace_ms, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
_flink_processes_terminate_async (GPtrArray          *processes,
                                  const char         *marker,
                                  guint               grace_ms,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  TerminateData    *data = g_new0 (TerminateData, 1);

  g_task_set_source_tag (task, _flink_processes_terminate_async);
  g_task_set_name (task, "[flinkjob] stop JVMs");
  data->processes = g_ptr_array_ref (processes);
  data->marker = g_strdup (marker);
  data->grace_ms = grace_ms;
  g_task_set_task_data (task, data, (GDestroyNotify) terminate_data_free);
  g_task_run_in_thread (task, terminate_thread);
}

gboolean
_flink_processes_terminate_finish (GAsyncResult *result,
                                   GError      **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _flink_processes_terminate_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Logs --------------------------------------------------------------- */

#define TAIL_BYTES (64 * 1024)

char *
_flink_read_tail (const char *path,
                  guint       lines)
{
  g_autoptr (GFile)            file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GFileInfo)        info = NULL;
  g_autofree char             *buffer = NULL;
  g_auto (GStrv)               all = NULL;
  gsize                        got = 0;
  goffset                      size;
  guint                        n, first;

  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL)
    return NULL;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  size = info ? g_file_info_get_size (info) : 0;
  if (size > TAIL_BYTES &&
      !g_seekable_seek (G_SEEKABLE (stream), size - TAIL_BYTES, G_SEEK_SET, NULL, NULL))
    return NULL;
  buffer = g_malloc0 (TAIL_BYTES + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, TAIL_BYTES, &got, NULL, NULL) ||
      got == 0)
    return NULL;
  buffer[got] = '\0';
  all = g_strsplit (g_strchomp (buffer), "\n", -1);
  n = g_strv_length (all);
  first = n > lines ? n - lines : 0;
  /* The first line of a partial read is cut: skip it. */
  if (size > TAIL_BYTES && first == 0 && n > 1)
    first = 1;
  return g_strjoinv ("\n", all + first);
}
