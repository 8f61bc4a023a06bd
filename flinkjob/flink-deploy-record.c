/* flink-deploy-record.c: what flinkjob records of a cluster it deployed
 *
 * WORK_DIR/cluster.ini: the cluster's URL, mode and Flink version, and its
 * JVMs' pids with their start times (pids get reused), so that another
 * process can retrieve or kill the cluster.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include "flinkjob.h"
#include "flink-config-private.h"
#include "flink-connection-private.h"
#include "flink-decoders-private.h"
#include "flink-ids-private.h"
#include "flink-json-private.h"
#include "flink-task-private.h"
#include "flink-deploy-private.h"
#include "flink-process-private.h"
#include "flink-zip-private.h"
#include "flink-i18n-private.h"

/* ---- The record of a deployed cluster ----------------------------------- */

#define GROUP_CLUSTER "cluster"
#define GROUP_PROCESS_PREFIX "process "

FlinkClusterRecord *
_flink_cluster_record_new (const char *work_dir)
{
  FlinkClusterRecord *record = g_new0 (FlinkClusterRecord, 1);

  record->work_dir = g_strdup (work_dir);
  record->processes = g_ptr_array_new_with_free_func ((GDestroyNotify) _flink_recorded_process_free);
  return record;
}

void
_flink_cluster_record_free (FlinkClusterRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->work_dir);
  g_free (record->url);
  g_free (record->mode);
  g_free (record->flink_version);
  g_free (record->job_id);
  g_ptr_array_unref (record->processes);
  g_free (record);
}

void
_flink_cluster_record_add_process (FlinkClusterRecord *record,
                                   const char         *role,
                                   GPid                pid,
                                   guint64             start_time)
{
  g_ptr_array_add (record->processes, _flink_recorded_process_new (role, pid, start_time));
}

static char *
record_path (const char *work_dir)
{
  return g_build_filename (work_dir, FLINK_CLUSTER_RECORD_NAME, NULL);
}

gboolean
_flink_cluster_record_save (FlinkClusterRecord *record,
                            GError            **error)
{
  g_autoptr (GKeyFile) keys = g_key_file_new ();
  g_autofree char     *path = record_path (record->work_dir);
  g_autoptr (GFile)    file = g_file_new_for_path (path);
  g_autofree char     *text = NULL;
  gsize                length;

  g_key_file_set_string (keys, GROUP_CLUSTER, "url", record->url ? record->url : "");
  g_key_file_set_string (keys, GROUP_CLUSTER, "mode", record->mode ? record->mode : "session");
  g_key_file_set_string (keys, GROUP_CLUSTER, "flink-version",
                         record->flink_version ? record->flink_version : "");
  if (record->job_id != NULL)
    g_key_file_set_string (keys, GROUP_CLUSTER, "job-id", record->job_id);
  g_key_file_set_boolean (keys, GROUP_CLUSTER, "detached", record->detached);
  for (guint i = 0; i < record->processes->len; i++)
    {
      FlinkRecordedProcess *process = g_ptr_array_index (record->processes, i);
      g_autofree char      *group = g_strconcat (GROUP_PROCESS_PREFIX, process->role, NULL);

      g_key_file_set_int64 (keys, group, "pid", process->pid);
      g_key_file_set_uint64 (keys, group, "start-time", process->start_time);
    }
  text = g_key_file_to_data (keys, &length, NULL);
  return g_file_replace_contents (file, text, length, NULL, FALSE, G_FILE_CREATE_NONE,
                                  NULL, NULL, error);
}

FlinkClusterRecord *
_flink_cluster_record_load (const char *cluster_id,
                            GError    **error)
{
  g_autoptr (FlinkClusterRecord) record = NULL;
  g_autoptr (GKeyFile)           keys = g_key_file_new ();
  g_autoptr (GError)             local_error = NULL;
  g_autofree char               *path = NULL;
  g_autofree char               *work_dir = NULL;
  g_auto (GStrv)                 groups = NULL;

  if (cluster_id == NULL || !g_path_is_absolute (cluster_id))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("“%s” is not a cluster id of flinkjob's: it is the absolute path of the "
                      "cluster's work directory"),
                   cluster_id ? cluster_id : "(null)");
      return NULL;
    }
  work_dir = g_canonicalize_filename (cluster_id, NULL);
  path = record_path (work_dir);
  if (!g_key_file_load_from_file (keys, path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND,
                     _ ("No cluster that flinkjob deployed is known as %s: there is no %s"),
                     work_dir, path);
      else
        g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                     _ ("Cannot read %s: %s"), path, local_error->message);
      return NULL;
    }

  record = _flink_cluster_record_new (work_dir);
  record->url = g_key_file_get_string (keys, GROUP_CLUSTER, "url", NULL);
  record->mode = g_key_file_get_string (keys, GROUP_CLUSTER, "mode", NULL);
  record->flink_version = g_key_file_get_string (keys, GROUP_CLUSTER, "flink-version", NULL);
  record->job_id = g_key_file_get_string (keys, GROUP_CLUSTER, "job-id", NULL);
  record->detached = g_key_file_get_boolean (keys, GROUP_CLUSTER, "detached", NULL);
  if (record->url == NULL || record->url[0] == '\0')
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("%s names no cluster URL"), path);
      return NULL;
    }
  groups = g_key_file_get_groups (keys, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      gint64 pid;

      if (!g_str_has_prefix (groups[i], GROUP_PROCESS_PREFIX))
        continue;
      pid = g_key_file_get_int64 (keys, groups[i], "pid", NULL);
      if (pid <= 0 || pid > G_MAXINT)
        continue;
      _flink_cluster_record_add_process (record, groups[i] + strlen (GROUP_PROCESS_PREFIX), (GPid) pid,
                                         g_key_file_get_uint64 (keys, groups[i], "start-time", NULL));
    }
  return g_steal_pointer (&record);
}

GPtrArray *
_flink_cluster_record_alive (FlinkClusterRecord *record)
{
  GPtrArray       *alive = g_ptr_array_new_with_free_func ((GDestroyNotify) _flink_recorded_process_free);
  g_autofree char *marker = g_strconcat (record->work_dir, G_DIR_SEPARATOR_S, NULL);

  for (guint i = 0; i < record->processes->len; i++)
    {
      FlinkRecordedProcess *process = g_ptr_array_index (record->processes, i);

      if (_flink_process_is_alive (process->pid, process->start_time, marker))
        g_ptr_array_add (alive, _flink_recorded_process_new (process->role, process->pid,
                                                             process->start_time));
    }
  return alive;
}
