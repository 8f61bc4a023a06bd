/* flink-answers.c: Flink's answers that are not records
 *
 * The statuses, ids and operation results that Flink's answers carry,
 * read here and nowhere else in the operations: the cluster and job
 * clients, the operations and the poller get plain values or an error.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "flinkjob.h"
#include "flink-decoders-private.h"
#include "flink-error-private.h"
#include "flink-json-private.h"
#include "flink-i18n-private.h"

/* {"status": "RUNNING"}: GET /jobs/:jobid/status */
gboolean
_flink_job_status_from_json (JsonObject     *object,
                             FlinkJobStatus *out_status,
                             GError        **error)
{
  const char *status = _flink_json_get_string (object, "status");

  if (status == NULL)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                           _ ("the cluster's answer holds no status"));
      return FALSE;
    }
  *out_status = flink_job_status_from_string (status);
  if (*out_status == FLINK_JOB_STATUS_UNKNOWN)
    g_debug ("Job status “%s” is not known to this version of flinkjob", status);
  return TRUE;
}

/* {"jobs": [{"id", "status"}, ...]}: GET /jobs, as job id (lower case) ->
 * FlinkJobStatus. */
GHashTable *
_flink_job_statuses_from_json (JsonObject *object,
                               GError    **error)
{
  JsonArray  *jobs = _flink_json_get_array (object, "jobs");
  GHashTable *statuses;

  if (jobs == NULL)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                           _ ("the cluster's answer holds no list of jobs"));
      return NULL;
    }
  statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (jobs); i++)
    {
      JsonNode   *node = json_array_get_element (jobs, i);
      JsonObject *job = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = _flink_json_get_string (job, "id");
      const char *status = _flink_json_get_string (job, "status");

      if (id != NULL && status != NULL)
        g_hash_table_insert (statuses, g_ascii_strdown (id, -1),
                             GINT_TO_POINTER (flink_job_status_from_string (status)));
    }
  return statuses;
}

/* {"request-id": "..."}: the answer to a trigger */
char *
_flink_trigger_id_from_json (JsonObject *object,
                             GError    **error)
{
  const char *trigger_id = _flink_json_get_string (object, "request-id");

  if (!flink_job_id_is_valid (trigger_id))
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                           _ ("the cluster's answer holds no trigger id"));
      return NULL;
    }
  return g_ascii_strdown (trigger_id, -1);
}

/* {"jobid": "..."}: the answer to a jar run */
char *
_flink_run_job_id_from_json (JsonObject *object,
                             GError    **error)
{
  const char *job_id = _flink_json_get_string (object, "jobid");

  if (!flink_job_id_is_valid (job_id))
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                           _ ("the cluster's answer holds no job id"));
      return NULL;
    }
  return g_ascii_strdown (job_id, -1);
}

/* {"filename": "<dir>/<jar id>", "status": "success"}: the answer to an
 * upload; the jar id is the stored file's name. */
char *
_flink_jar_id_from_json (JsonObject *object,
                         GError    **error)
{
  const char      *status = _flink_json_get_string (object, "status");
  const char      *filename = _flink_json_get_string (object, "filename");
  g_autofree char *jar_id = filename ? g_path_get_basename (filename) : NULL;

  if (jar_id == NULL || (status != NULL && g_strcmp0 (status, "success") != 0) ||
      !flink_jar_id_is_valid (jar_id))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                   _ ("the cluster did not say where it stored the jar (status “%s”)"),
                   status ? status : "none");
      return NULL;
    }
  return g_steal_pointer (&jar_id);
}

/* GET /config: {"flink-version", "flink-revision", ...} */
gboolean
_flink_version_from_json (JsonObject *config,
                          char      **out_version,
                          char      **out_revision,
                          GError    **error)
{
  const char *version = _flink_json_get_string (config, "flink-version");

  if (version == NULL)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                           _ ("what answers does not say which Flink version it runs; is it a "
                              "Flink REST endpoint?"));
      return FALSE;
    }
  *out_version = g_strdup (version);
  *out_revision = g_strdup (_flink_json_get_string (config, "flink-revision"));
  return TRUE;
}

/* {"status": {"id": "IN_PROGRESS" | "COMPLETED"}, ...}: an asynchronous
 * operation's status */
gboolean
_flink_operation_status_from_json (JsonObject *object,
                                   gboolean   *out_completed,
                                   GError    **error)
{
  const char *id = _flink_json_get_string (_flink_json_get_object (object, "status"), "id");

  *out_completed = g_strcmp0 (id, "COMPLETED") == 0;
  if (!*out_completed && g_strcmp0 (id, "IN_PROGRESS") != 0)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                   _ ("the operation's status is “%s”, neither IN_PROGRESS nor COMPLETED"),
                   id ? id : "missing");
      return FALSE;
    }
  return TRUE;
}

/* A completed checkpoint: {"operation": {"checkpointId"}} or its
 * {"failureCause"} */
gboolean
_flink_checkpoint_id_from_json (JsonObject *completed,
                                guint64    *out_id,
                                GError    **error)
{
  JsonObject *operation = _flink_json_get_object (completed, "operation");
  JsonObject *cause = _flink_json_get_object (operation, "failureCause");
  gint64      id;

  if (cause == NULL)
    cause = _flink_json_get_object (operation, "failure-cause");
  if (cause != NULL)
    {
      g_autofree char *why = _flink_describe_failure_cause (cause);

      g_set_error (error, FLINK_ERROR, FLINK_ERROR_OPERATION_FAILED,
                   _ ("the cluster reports that it failed: %s"), why);
      return FALSE;
    }
  if (!_flink_json_get_int (operation, "checkpointId", &id) || id < 0)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                           _ ("the cluster reports the checkpoint complete but gives no id"));
      return FALSE;
    }
  *out_id = (guint64) id;
  return TRUE;
}

/* A completed savepoint disposal: {"operation": {}} or its
 * {"failure-cause"} */
gboolean
_flink_disposal_from_json (JsonObject *completed,
                           GError    **error)
{
  JsonObject      *cause = _flink_json_get_object (_flink_json_get_object (completed, "operation"),
                                                   "failure-cause");
  g_autofree char *why = NULL;

  if (cause == NULL)
    return TRUE;
  why = _flink_describe_failure_cause (cause);
  /* A path that is not there is not found, not a failed disposal. */
  g_set_error (error, FLINK_ERROR,
               strstr (why, "FileNotFoundException") != NULL
                 ? FLINK_ERROR_NOT_FOUND
                 : FLINK_ERROR_OPERATION_FAILED,
               _ ("the disposal failed: %s"), why);
  return FALSE;
}

/* A completed savepoint or stop: {"operation": {"location": ...}} or
 * {"operation": {"failure-cause": {...}}}. */
char *
_flink_savepoint_location_from_json (JsonObject *completed,
                                     const char *context,
                                     GError    **error)
{
  JsonObject *operation = _flink_json_get_object (completed, "operation");
  JsonObject *cause = _flink_json_get_object (operation, "failure-cause");
  const char *location = _flink_json_get_string (operation, "location");

  if (cause != NULL)
    {
      g_autofree char *why = _flink_describe_failure_cause (cause);

      /* A trigger for a job that is not running is accepted, then fails
       * with FlinkJobNotFoundException (1.20 and 2.3 alike). */
      if (strstr (why, "FlinkJobNotFoundException") != NULL)
        g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND,
                     _ ("%s: the job is not running on the cluster (it has ended, or never "
                        "existed): %s"),
                     context, why);
      else
        g_set_error (error, FLINK_ERROR, FLINK_ERROR_OPERATION_FAILED,
                     _ ("%s: the cluster reports that it failed: %s"), context, why);
      return NULL;
    }
  if (location == NULL || location[0] == '\0')
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                   _ ("%s: the cluster reports the operation complete but gives no savepoint location"),
                   context);
      return NULL;
    }
  return g_strdup (location);
}

/* ---- A savepoint in the checkpoint statistics ----------------------- */

/* The savepoint is looked up in the checkpoint statistics by when it was
 * triggered: at the earliest the handle's start time, less what the
 * client's and the JobManager's clocks may differ by, and within a few
 * minutes after. */
#define RECOVERY_CLOCK_SKEW_MS (5 * 1000)
#define RECOVERY_WINDOW_MS (5 * 60 * 1000)

/* "file:/a/b", "file:///a/b/" and "/a/b" name the same directory. */
static char *
normalize_location (const char *location)
{
  const char *path = location;
  gsize       len;

  if (g_str_has_prefix (path, "file:"))
    {
      path += strlen ("file:");
      while (path[0] == '/' && path[1] == '/')
        path++;
    }
  len = strlen (path);
  while (len > 1 && path[len - 1] == '/')
    len--;
  return g_strndup (path, len);
}

static gboolean
location_in_directory (const char *location,
                       const char *directory)
{
  g_autofree char *where = normalize_location (location);
  g_autofree char *dir = normalize_location (directory);

  return g_str_has_prefix (where, dir) && where[strlen (dir)] == '/';
}

/* Whether a savepoint triggered at @triggered (ms) may be the one a handle
 * started at @start (ms) names; no arithmetic overflows, whatever the
 * values a handle or a cluster gave. */
static gboolean
within_recovery_window (gint64 triggered,
                        gint64 start)
{
  /* The difference of two gint64 always fits a guint64. */
  if (triggered < start)
    return (guint64) start - (guint64) triggered <= RECOVERY_CLOCK_SKEW_MS;
  return (guint64) triggered - (guint64) start <= RECOVERY_WINDOW_MS;
}

/* The savepoint of the job's checkpoint statistics that is the handle's:
 * the earliest triggered at or after its start time (less the clock skew
 * allowed), within the window, and in its directory when it named one.
 * Savepoints still in progress come first: the one sought may be among
 * them. */
static JsonObject *
find_savepoint_entry (JsonObject *statistics,
                      gint64      start,
                      const char *directory)
{
  JsonArray            *history = _flink_json_get_array (statistics, "history");
  JsonObject           *latest = _flink_json_get_object (statistics, "latest");
  JsonObject           *best = NULL;
  gint64                best_triggered = G_MAXINT64;
  g_autoptr (GPtrArray) candidates = g_ptr_array_new ();

  for (guint i = 0; history != NULL && i < json_array_get_length (history); i++)
    {
      JsonNode *node = json_array_get_element (history, i);
      if (JSON_NODE_HOLDS_OBJECT (node))
        g_ptr_array_add (candidates, json_node_get_object (node));
    }
  /* The history is bounded (web.checkpoints.history); the latest ones stay. */
  if (_flink_json_get_object (latest, "savepoint") != NULL)
    g_ptr_array_add (candidates, _flink_json_get_object (latest, "savepoint"));
  if (_flink_json_get_object (latest, "failed") != NULL)
    g_ptr_array_add (candidates, _flink_json_get_object (latest, "failed"));

  for (guint i = 0; i < candidates->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (candidates, i);
      const char *status = _flink_json_get_string (entry, "status");
      const char *path = _flink_json_get_string (entry, "external_path");
      gint64      triggered;

      if (!_flink_json_get_bool_or (entry, "is_savepoint", FALSE) ||
          !_flink_json_get_int (entry, "trigger_timestamp", &triggered) ||
          !within_recovery_window (triggered, start))
        continue;
      if (directory != NULL && g_strcmp0 (status, "COMPLETED") == 0 &&
          (path == NULL || !location_in_directory (path, directory)))
        continue;
      if (g_strcmp0 (status, "IN_PROGRESS") == 0)
        return entry;
      if (triggered < best_triggered)
        {
          best = entry;
          best_triggered = triggered;
        }
    }
  return best;
}

void
_flink_savepoint_from_statistics (JsonObject          *statistics,
                                  gint64               start_time,
                                  const char          *directory,
                                  FlinkSavepointEntry *out_entry)
{
  JsonObject *entry = find_savepoint_entry (statistics, start_time, directory);
  const char *status = _flink_json_get_string (entry, "status");

  memset (out_entry, 0, sizeof *out_entry);
  out_entry->id = _flink_json_get_int_or (entry, "id", -1);
  out_entry->location = _flink_json_get_string (entry, "external_path");
  out_entry->failure = _flink_json_get_string (entry, "failure_message");
  if (g_strcmp0 (status, "COMPLETED") == 0 && out_entry->location != NULL)
    out_entry->state = FLINK_SAVEPOINT_COMPLETED;
  else if (g_strcmp0 (status, "FAILED") == 0)
    out_entry->state = FLINK_SAVEPOINT_FAILED;
  else if (g_strcmp0 (status, "IN_PROGRESS") == 0)
    out_entry->state = FLINK_SAVEPOINT_IN_PROGRESS;
  else
    out_entry->state = FLINK_SAVEPOINT_NONE;
}
