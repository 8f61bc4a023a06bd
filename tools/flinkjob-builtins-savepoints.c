/* flinkjob-builtins-savepoints.c: the commands about savepoints:
 * savepoint, stop (with a savepoint), dispose-savepoint
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "flinkjob"

#include "config.h"
#include <glib/gi18n.h>

#include "flinkjob-builtins.h"

/* What savepoint and stop share: where, and in what format. */
typedef struct
{
  char                *directory;
  char                *format_name;
  FlinkSavepointFormat format;
} SavepointTarget;

#define SAVEPOINT_DIR_ENTRY(target)                                          \
  { "savepoint-dir", 'p', 0, G_OPTION_ARG_STRING, &(target).directory,       \
    "Where to write the savepoint (the same as DIR; default: the cluster's " \
    "state.savepoints.dir)",                                                 \
    "DIR" }
#define SAVEPOINT_FORMAT_ENTRY(target)                          \
  { "format", 0, 0, G_OPTION_ARG_STRING, &(target).format_name, \
    "The savepoint's format: canonical (default) or native", "FORMAT" }

/* Reads the format, and the directory given as DIR (args[1]) or with
 * --savepoint-dir; FALSE after a usage error. */
static gboolean
check_target (const FjCommand *command,
              char           **args,
              SavepointTarget *target)
{
  if (target->format_name == NULL || g_ascii_strcasecmp (target->format_name, "canonical") == 0)
    target->format = FLINK_SAVEPOINT_FORMAT_CANONICAL;
  else if (g_ascii_strcasecmp (target->format_name, "native") == 0)
    target->format = FLINK_SAVEPOINT_FORMAT_NATIVE;
  else
    {
      fj_usage_error (command, _ ("--format is canonical or native, not “%s”"), target->format_name);
      return FALSE;
    }
  if (args[1] != NULL)
    {
      if (target->directory != NULL)
        {
          fj_usage_error (command, _ ("give the directory either as DIR or with --savepoint-dir"));
          return FALSE;
        }
      target->directory = g_strdup (args[1]);
    }
  return TRUE;
}

/* Parses the command line of savepoint or stop, and connects to the job;
 * an exit code. */
static int
connect_job (const FjCommand    *command,
             const GOptionEntry *entries,
             SavepointTarget    *target,
             int                 argc,
             char              **argv,
             FlinkJobClient    **job)
{
  g_auto (GStrv) args = NULL;

  if (!fj_parse (command, entries, NULL, NULL, argc, argv, &args) ||
      !check_target (command, args, target))
    return FJ_EXIT_USAGE;
  return fj_connect_job (args[0], job);
}

static void
savepoint_text (JsonObject *result)
{
  /* The path alone, so that sp=$(flinkjob savepoint JOB) works. */
  fj_print_line ("%s", fj_get_string (result, "savepoint_path"));
}

static int
print_savepoint (FlinkJobClient *job,
                 const char     *path)
{
  g_autoptr (JsonBuilder) builder = fj_json_begin ();

  fj_json_string (builder, "job_id", flink_job_client_get_job_id (job));
  fj_json_string (builder, "savepoint_path", path);
  return fj_print_result (builder, savepoint_text);
}

/* ---- savepoint ------------------------------------------------------------ */

int
fj_builtin_savepoint (const FjCommand *command,
                      int              argc,
                      char           **argv)
{
  static SavepointTarget    target;
  static const GOptionEntry entries[] = {
    SAVEPOINT_DIR_ENTRY (target),
    SAVEPOINT_FORMAT_ENTRY (target),
    { NULL }
  };
  g_autoptr (FlinkJobClient) job = NULL;
  g_autoptr (GAsyncResult)   result = NULL;
  g_autoptr (GError)         error = NULL;
  g_autofree char           *path = NULL;
  int                        code;

  if ((code = connect_job (command, entries, &target, argc, argv, &job)) != FJ_EXIT_OK)
    return code;

  fj.interrupt_note = "the savepoint (if triggered) may still complete on the cluster.";
  fj_progress_start ("Taking a savepoint of job %s", fj.job_id);
  flink_job_client_trigger_savepoint_async (job, target.directory, target.format, fj.cancellable,
                                            fj_store_result_cb, &result);
  path = flink_job_client_trigger_savepoint_finish (job, fj_await (&result), &error);
  if (path == NULL)
    return fj_fail (error);
  return print_savepoint (job, path);
}

/* ---- stop ----------------------------------------------------------------- */

int
fj_builtin_stop (const FjCommand *command,
                 int              argc,
                 char           **argv)
{
  static SavepointTarget    target;
  static gboolean           drain;
  static const GOptionEntry entries[] = {
    SAVEPOINT_DIR_ENTRY (target),
    { "drain", 'd', 0, G_OPTION_ARG_NONE, &drain,
      "Advance to the end of event time first (emit MAX_WATERMARK): every timer and "
      "window fires",
      NULL },
    SAVEPOINT_FORMAT_ENTRY (target),
    { NULL }
  };
  g_autoptr (FlinkJobClient) job = NULL;
  g_autoptr (GAsyncResult)   result = NULL;
  g_autoptr (GError)         error = NULL;
  g_autofree char           *path = NULL;
  int                        code;

  if ((code = connect_job (command, entries, &target, argc, argv, &job)) != FJ_EXIT_OK)
    return code;

  fj.interrupt_note = "the stop with savepoint (if triggered) may still complete on the "
                      "cluster, and the job then ends FINISHED.";
  fj_progress_start ("Stopping job %s with a savepoint", fj.job_id);
  flink_job_client_stop_with_savepoint_async (job, drain, target.directory, target.format,
                                              fj.cancellable, fj_store_result_cb, &result);
  path = flink_job_client_stop_with_savepoint_finish (job, fj_await (&result), &error);
  if (path == NULL)
    return fj_fail (error);
  return print_savepoint (job, path);
}

/* ---- dispose-savepoint ---------------------------------------------------- */

static void
dispose_text (JsonObject *result)
{
  fj_print_line ("Disposed of savepoint %s.", fj_get_string (result, "savepoint_path"));
}

int
fj_builtin_dispose_savepoint (const FjCommand *command,
                              int              argc,
                              char           **argv)
{
  g_autoptr (FlinkClusterClient) client = NULL;
  g_autoptr (GAsyncResult)       result = NULL;
  g_autoptr (GError)             error = NULL;
  g_autoptr (JsonBuilder)        builder = NULL;
  g_auto (GStrv)                 args = NULL;
  const char                    *path;
  int                            code;

  if (!fj_parse (command, NULL, NULL, NULL, argc, argv, &args))
    return FJ_EXIT_USAGE;
  path = args[0];
  if (path[0] == '\0')
    return fj_usage_error (command, _ ("the savepoint path is empty"));
  if ((code = fj_connect (&client)) != FJ_EXIT_OK)
    return code;

  fj.interrupt_note = "the disposal (if triggered) may still complete on the cluster.";
  fj_progress_start ("Disposing of savepoint %s", path);
  flink_cluster_client_dispose_savepoint_async (client, path, fj.cancellable, fj_store_result_cb,
                                                &result);
  if (!flink_cluster_client_dispose_savepoint_finish (client, fj_await (&result), &error))
    return fj_fail (error);

  builder = fj_json_begin ();
  fj_json_string (builder, "savepoint_path", path);
  fj_json_bool (builder, "ok", TRUE);
  return fj_print_result (builder, dispose_text);
}
