/* flink-cluster-client-jars.c: jars and submission
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include <string.h>

#include "flink-cluster-client-private.h"
#include "flink-json-private.h"
#include "flink-task-private.h"
#include "flink-i18n-private.h"

static const char jar_magic[] = { 'P', 'K', 0x03, 0x04 };

static void
upload_jar_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask)         task = user_data;
  g_autoptr (FlinkResponse) response = NULL;
  GError                   *error = NULL;
  JsonObject               *object;
  char                     *jar_id;

  object = _flink_task_take_response_object (task, result, &response);
  if (object == NULL)
    return;

  jar_id = _flink_jar_id_from_json (object, &error);
  if (jar_id == NULL)
    _flink_task_return_error_in_context (task, error, response->context);
  else
    g_task_return_pointer (task, jar_id, g_free);
}

/* Uploading: the file's type and size, its first bytes (a jar is a zip
 * archive), then the file itself, streamed as it is sent. Nothing blocks:
 * a FIFO or a device is refused before it is opened. */

typedef struct
{
  char         *context;
  GFile        *jar;
  goffset       size;
  GInputStream *stream;
  char          magic[4];
} Upload;

static void
upload_free (Upload *upload)
{
  g_free (upload->context);
  g_clear_object (&upload->jar);
  g_clear_object (&upload->stream);
  g_free (upload);
}

/* Takes @error: a file that cannot be read is the caller's to fix. */
static void
upload_return_file_error (GTask  *task,
                          GError *error)
{
  Upload *upload = g_task_get_task_data (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, error);
  else
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               "%s: %s", upload->context, error->message);
      g_error_free (error);
    }
}

static void
upload_magic_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask)   task = user_data;
  FlinkClusterClient *self = g_task_get_source_object (task);
  Upload             *upload = g_task_get_task_data (task);
  g_autofree char    *basename = NULL;
  g_autofree char    *part_name = NULL;
  GError             *error = NULL;
  gsize               n = 0;

  if (!g_input_stream_read_all_finish (G_INPUT_STREAM (source), result, &n, &error))
    {
      upload_return_file_error (task, error);
      return;
    }
  g_input_stream_close_async (upload->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  if (n < sizeof jar_magic || memcmp (upload->magic, jar_magic, sizeof jar_magic) != 0)
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               _ ("%s: the file is not a jar (a jar is a zip archive, and this one "
                                  "does not start like one)"),
                               upload->context);
      return;
    }

  /* Flink accepts only names ending in .jar. */
  basename = g_file_get_basename (upload->jar);
  if (basename == NULL || basename[0] == '\0')
    basename = g_strdup ("job");
  part_name = g_str_has_suffix (basename, ".jar")
                ? g_strdup (basename)
                : g_strconcat (basename, ".jar", NULL);

  {
    FlinkUpload file = {
      .file = upload->jar,
      .size = upload->size,
      .field = "jarfile",
      .filename = part_name,
      .content_type = "application/x-java-archive",
    };
    FlinkRequest request = {
      .method = "POST",
      .path = "/jars/upload",
      .upload = &file,
      .context = upload->context,
    };
    GCancellable *cancellable = g_task_get_cancellable (task);

    _flink_transport_send_async (_flink_cluster_client_get_transport (self), &request,
                                 cancellable, upload_jar_cb, g_steal_pointer (&task));
  }
}

static void
upload_opened_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask  *task = user_data;
  Upload *upload = g_task_get_task_data (task);
  GError *error = NULL;

  upload->stream = G_INPUT_STREAM (g_file_read_finish (G_FILE (source), result, &error));
  if (upload->stream == NULL)
    {
      upload_return_file_error (task, error);
      g_object_unref (task);
      return;
    }
  g_input_stream_read_all_async (upload->stream, upload->magic, sizeof upload->magic,
                                 G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                 upload_magic_cb, task);
}

static void
upload_info_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask                *task = user_data;
  Upload               *upload = g_task_get_task_data (task);
  g_autoptr (GFileInfo) info = NULL;
  GError               *error = NULL;

  info = g_file_query_info_finish (G_FILE (source), result, &error);
  if (info == NULL)
    {
      upload_return_file_error (task, error);
      g_object_unref (task);
      return;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               _ ("%s: not a regular file (a jar is a file; this is %s)"),
                               upload->context,
                               g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY
                                 ? "a directory"
                                 : "a pipe, a device or a socket");
      g_object_unref (task);
      return;
    }
  upload->size = g_file_info_get_size (info);
  g_file_read_async (upload->jar, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                     upload_opened_cb, task);
}

/**
 * flink_cluster_client_upload_jar_async:
 * @self: a cluster client
 * @jar: the jar to upload
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the jar is stored on the cluster
 * @user_data: data for @callback
 *
 * Uploads a jar to the cluster (`POST /jars/upload`), where
 * [method@Flink.ClusterClient.run_jar_async] can run it. The file is checked
 * to be a regular file and a zip archive first, then read as it is sent,
 * so that a large jar is never held in memory; a name that does not end in
 * `.jar` gets that ending on the cluster, as Flink requires.
 *
 * Since: 1.0
 */
void
flink_cluster_client_upload_jar_async (FlinkClusterClient *self,
                                       GFile              *jar,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  g_autofree char *name = NULL;
  Upload          *upload;
  GTask           *task;

  g_return_if_fail (FLINK_IS_CLUSTER_CLIENT (self));
  g_return_if_fail (G_IS_FILE (jar));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  name = g_file_get_parse_name (jar);
  task = _flink_task_new (self, flink_cluster_client_upload_jar_async,
                          "[flinkjob] upload_jar", cancellable, callback, user_data);
  upload = g_new0 (Upload, 1);
  upload->context = _flink_context_printf ("Cannot upload %s to cluster %s", name,
                                           flink_cluster_client_get_url (self));
  upload->jar = g_object_ref (jar);
  g_task_set_task_data (task, upload, (GDestroyNotify) upload_free);
  g_file_query_info_async (jar, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, cancellable,
                           upload_info_cb, task);
}

/**
 * flink_cluster_client_upload_jar_finish:
 * @self: a cluster client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.ClusterClient.upload_jar_async].
 *
 * Returns: (transfer full): the jar id the cluster gave the jar, such as
 *   `5f0c..._job.jar`, or %NULL on error
 *
 * Since: 1.0
 */
char *
flink_cluster_client_upload_jar_finish (FlinkClusterClient *self,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_client_upload_jar_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
list_jars_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;

  _flink_task_return_decoded (task, result, (FlinkDecoder) _flink_jars_new_from_json);
}

/**
 * flink_cluster_client_list_jars_async:
 * @self: a cluster client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the list is read
 * @user_data: data for @callback
 *
 * Lists the jars uploaded to the cluster (`GET /jars`).
 *
 * Since: 1.0
 */
void
flink_cluster_client_list_jars_async (FlinkClusterClient *self,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  g_autofree char *context = NULL;
  GTask           *task;

  g_return_if_fail (FLINK_IS_CLUSTER_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_task_new (self, flink_cluster_client_list_jars_async,
                          "[flinkjob] list_jars", cancellable, callback, user_data);
  context = _flink_context_printf ("Cannot list the jars of cluster %s",
                                   flink_cluster_client_get_url (self));
  {
    FlinkRequest request = { .method = "GET", .path = "/jars", .context = context };

    _flink_transport_send_async (_flink_cluster_client_get_transport (self), &request,
                                 cancellable, list_jars_cb, task);
  }
}

/**
 * flink_cluster_client_list_jars_finish:
 * @self: a cluster client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.ClusterClient.list_jars_async].
 *
 * Returns: (transfer full): a list model of [class@Flink.Jar], or %NULL
 *   on error
 *
 * Since: 1.0
 */
GListModel *
flink_cluster_client_list_jars_finish (FlinkClusterClient *self,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_client_list_jars_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Takes @task when @jar_id is not a jar id. */
static gboolean
check_jar_id (FlinkClusterClient *self,
              const char         *jar_id,
              GTask              *task)
{
  if (flink_jar_id_is_valid (jar_id))
    return TRUE;
  g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                           _ ("“%s” is not a jar id of cluster %s (jar ids are the names "
                              "upload_jar returns, such as 5f0c..._job.jar)"),
                           jar_id ? jar_id : "(null)", flink_cluster_client_get_url (self));
  g_object_unref (task);
  return FALSE;
}

static char *
jar_path (const char *jar_id,
          const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (jar_id, NULL, FALSE);

  return g_strconcat ("/jars/", escaped, suffix, NULL);
}

static void
delete_jar_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;

  _flink_task_return_sent (task, result);
}

/**
 * flink_cluster_client_delete_jar_async:
 * @self: a cluster client
 * @jar_id: the id of an uploaded jar
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the jar is deleted
 * @user_data: data for @callback
 *
 * Deletes an uploaded jar from the cluster (`DELETE /jars/:jarid`). Jobs
 * already running from it are not affected.
 *
 * Since: 1.0
 */
void
flink_cluster_client_delete_jar_async (FlinkClusterClient *self,
                                       const char         *jar_id,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  g_autofree char *path = NULL;
  g_autofree char *context = NULL;
  GTask           *task;

  g_return_if_fail (FLINK_IS_CLUSTER_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_task_new (self, flink_cluster_client_delete_jar_async,
                          "[flinkjob] delete_jar", cancellable, callback, user_data);
  if (!check_jar_id (self, jar_id, task))
    return;
  path = jar_path (jar_id, NULL);
  context = _flink_context_printf ("Cannot delete jar %s on cluster %s", jar_id,
                                   flink_cluster_client_get_url (self));
  {
    FlinkRequest request = { .method = "DELETE", .path = path, .context = context };

    _flink_transport_send_async (_flink_cluster_client_get_transport (self), &request,
                                 cancellable, delete_jar_cb, task);
  }
}

/**
 * flink_cluster_client_delete_jar_finish:
 * @self: a cluster client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.ClusterClient.delete_jar_async].
 *
 * Returns: %TRUE if the jar was deleted
 *
 * Since: 1.0
 */
gboolean
flink_cluster_client_delete_jar_finish (FlinkClusterClient *self,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_client_delete_jar_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Running jobs -------------------------------------------------------- */

/* A run given a job id may be sent again: the cluster refuses a second job
 * of that id, and that refusal after a lost answer means the lost attempt
 * started it. */

typedef struct
{
  char            *context;
  FlinkRunOptions *options;
  char            *jar_id; /* run_jar: the jar; submit_jar: the uploaded copy */
  FlinkJobClient  *job_client;
  GError          *error;
} Run;

static void
run_free (Run *run)
{
  g_free (run->context);
  g_clear_object (&run->options);
  g_free (run->jar_id);
  g_clear_object (&run->job_client);
  g_clear_error (&run->error);
  g_free (run);
}

static const char *
run_job_id (Run *run)
{
  return run->options ? flink_run_options_get_job_id (run->options) : NULL;
}

/* A task whose data is a Run; NULL, the task answered, when the options'
 * job id is not a job id. */
static GTask *
run_task_new (FlinkClusterClient *self,
              gpointer            source_tag,
              const char         *name,
              char               *context,
              FlinkRunOptions    *options,
              GCancellable       *cancellable,
              GAsyncReadyCallback callback,
              gpointer            user_data)
{
  GTask *task = _flink_task_new (self, source_tag, name, cancellable, callback, user_data);
  Run   *run = g_new0 (Run, 1);

  run->context = context;
  run->options = options ? g_object_ref (options) : NULL;
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  if (run_job_id (run) != NULL && !flink_job_id_is_valid (run_job_id (run)))
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               _ ("%s: the requested job id “%s” is not a Flink job id "
                                  "(32 hexadecimal characters)"),
                               run->context, run_job_id (run));
      g_object_unref (task);
      return NULL;
    }
  return task;
}

static void
run_send (FlinkClusterClient *self,
          GTask              *task,
          const char         *jar_id,
          GAsyncReadyCallback callback)
{
  Run                 *run = g_task_get_task_data (task);
  g_autoptr (JsonNode) body = _flink_cluster_client_run_body (self, run->options);
  g_autofree char     *path = jar_path (jar_id, "/run");
  FlinkRequest         request = {
            .method = "POST",
            .path = path,
            .body = body,
            .context = run->context,
  };

  /* With our job id a repeated run is refused, never a second job. */
  if (run_job_id (run) != NULL)
    {
      request.retry = FLINK_RETRY_IDEMPOTENT;
      request.flags = FLINK_REQUEST_DUPLICATE_IS_DONE;
    }
  _flink_transport_send_async (_flink_cluster_client_get_transport (self), &request,
                               g_task_get_cancellable (task), callback, task);
}

/* The job a finished run started, or NULL with run->error set. */
static FlinkJobClient *
run_finish (FlinkClusterClient *self,
            Run                *run,
            GAsyncResult       *result)
{
  g_autoptr (FlinkResponse) response = NULL;
  g_autofree char          *job_id = NULL;
  JsonObject               *object;

  response = _flink_transport_send_finish (_flink_cluster_client_get_transport (self), result,
                                           &run->error);
  if (response == NULL)
    return NULL;
  if (response->kind == FLINK_RESPONSE_DONE_EARLIER)
    job_id = g_strdup (run_job_id (run)); /* the lost attempt started it */
  else if ((object = _flink_response_get_object (response, &run->error)) == NULL)
    return NULL;
  else if ((job_id = _flink_run_job_id_from_json (object, &run->error)) == NULL)
    {
      g_prefix_error (&run->error, "%s: ", run->context);
      return NULL;
    }
  _flink_cluster_client_poll_soon (self, job_id);
  return flink_cluster_client_get_job_client (self, job_id, &run->error);
}

static void
run_jar_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Run              *run = g_task_get_task_data (task);
  FlinkJobClient   *job = run_finish (g_task_get_source_object (task), run, result);

  if (job == NULL)
    g_task_return_error (task, g_steal_pointer (&run->error));
  else
    g_task_return_pointer (task, job, g_object_unref);
}

/* The run request's form depends on the cluster's version: learn it
 * first (once per cluster client), then go on with @start. */
static void
run_version_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask  *task = user_data;
  GError *error = NULL;

  if (!_flink_cluster_client_ensure_version_finish (FLINK_CLUSTER_CLIENT (source), result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  ((FlinkTaskStep) g_object_get_data (G_OBJECT (task), "flinkjob-run-start")) (task);
}

static void
run_when_version_known (FlinkClusterClient *self,
                        GTask              *task,
                        FlinkTaskStep       start)
{
  g_object_set_data (G_OBJECT (task), "flinkjob-run-start", start);
  _flink_cluster_client_ensure_version_async (self, ((Run *) g_task_get_task_data (task))->context,
                                              g_task_get_cancellable (task), run_version_cb, task);
}

static void
run_jar_start (GTask *task)
{
  run_send (g_task_get_source_object (task), task,
            ((Run *) g_task_get_task_data (task))->jar_id, run_jar_cb);
}

/**
 * flink_cluster_client_run_jar_async:
 * @self: a cluster client
 * @jar_id: the id of an uploaded jar, as
 *   [method@Flink.ClusterClient.upload_jar_finish] returns it
 * @options: (nullable): the entry class, arguments, parallelism, savepoint
 *   to restore from, ...; %NULL for the jar's defaults
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the job is submitted
 * @user_data: data for @callback
 *
 * Runs an uploaded jar (`POST /jars/:jarid/run`): the cluster runs its main
 * method, which submits the job. The request is written in the form the
 * cluster's Flink version expects (`claimMode` from Flink 1.20 on,
 * `restoreMode` before).
 *
 * Setting a job id in @options makes a repeated run safe: the cluster
 * refuses a second job with the same id.
 *
 * Since: 1.0
 */
void
flink_cluster_client_run_jar_async (FlinkClusterClient *self,
                                    const char         *jar_id,
                                    FlinkRunOptions    *options,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_CLUSTER_CLIENT (self));
  g_return_if_fail (options == NULL || FLINK_IS_RUN_OPTIONS (options));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = run_task_new (self, flink_cluster_client_run_jar_async, "[flinkjob] run_jar",
                       _flink_context_printf ("Cannot run jar %s on cluster %s",
                                              jar_id ? jar_id : "(null)",
                                              flink_cluster_client_get_url (self)),
                       options, cancellable, callback, user_data);
  if (task != NULL && check_jar_id (self, jar_id, task))
    {
      ((Run *) g_task_get_task_data (task))->jar_id = g_strdup (jar_id);
      run_when_version_known (self, task, run_jar_start);
    }
}

/**
 * flink_cluster_client_run_jar_finish:
 * @self: a cluster client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.ClusterClient.run_jar_async].
 *
 * Returns: (transfer full): a job client for the submitted job, or %NULL on
 *   error
 *
 * Since: 1.0
 */
FlinkJobClient *
flink_cluster_client_run_jar_finish (FlinkClusterClient *self,
                                     GAsyncResult       *result,
                                     GError            **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_client_run_jar_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* submit_jar: upload, run, then delete the uploaded copy, which the running
 * job no longer needs (its classes went to the cluster's blob server). */

static void
submit_deleted_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GTask)  task = user_data;
  Run               *run = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (!flink_cluster_client_delete_jar_finish (FLINK_CLUSTER_CLIENT (source), result, &error))
    g_info ("The uploaded copy %s was left on the cluster: %s", run->jar_id, error->message);

  if (run->error != NULL)
    g_task_return_error (task, g_steal_pointer (&run->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&run->job_client), g_object_unref);
}

static void
submit_ran_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask              *task = user_data;
  FlinkClusterClient *self = g_task_get_source_object (task);
  Run                *run = g_task_get_task_data (task);

  run->job_client = run_finish (self, run, result);
  /* Clean up even when cancelled: the upload is ours. */
  flink_cluster_client_delete_jar_async (self, run->jar_id, NULL, submit_deleted_cb, task);
}

static void
submit_uploaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask              *task = user_data;
  FlinkClusterClient *self = FLINK_CLUSTER_CLIENT (source);
  Run                *run = g_task_get_task_data (task);
  GError             *error = NULL;

  run->jar_id = flink_cluster_client_upload_jar_finish (self, result, &error);
  if (run->jar_id == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  run_send (self, task, run->jar_id, submit_ran_cb);
}

static void
submit_start (GTask *task)
{
  flink_cluster_client_upload_jar_async (g_task_get_source_object (task),
                                         g_object_get_data (G_OBJECT (task), "flinkjob-jar"),
                                         g_task_get_cancellable (task), submit_uploaded_cb, task);
}

/**
 * flink_cluster_client_submit_jar_async:
 * @self: a cluster client
 * @jar: the jar holding the job
 * @options: (nullable): the entry class, arguments, parallelism, savepoint
 *   to restore from, ...; %NULL for the jar's defaults
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the job is submitted
 * @user_data: data for @callback
 *
 * Submits a job in one call: uploads @jar, runs it, then deletes the
 * uploaded copy from the cluster (the running job does not need it). Use
 * [method@Flink.ClusterClient.upload_jar_async] and
 * [method@Flink.ClusterClient.run_jar_async] to run one jar several times.
 *
 * Since: 1.0
 */
void
flink_cluster_client_submit_jar_async (FlinkClusterClient *self,
                                       GFile              *jar,
                                       FlinkRunOptions    *options,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  g_autofree char *name = NULL;
  GTask           *task;

  g_return_if_fail (FLINK_IS_CLUSTER_CLIENT (self));
  g_return_if_fail (G_IS_FILE (jar));
  g_return_if_fail (options == NULL || FLINK_IS_RUN_OPTIONS (options));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  name = g_file_get_parse_name (jar);
  task = run_task_new (self, flink_cluster_client_submit_jar_async, "[flinkjob] submit_jar",
                       _flink_context_printf ("Cannot submit %s to cluster %s", name,
                                              flink_cluster_client_get_url (self)),
                       options, cancellable, callback, user_data);
  if (task != NULL)
    {
      g_object_set_data_full (G_OBJECT (task), "flinkjob-jar", g_object_ref (jar), g_object_unref);
      run_when_version_known (self, task, submit_start);
    }
}

/**
 * flink_cluster_client_submit_jar_finish:
 * @self: a cluster client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.ClusterClient.submit_jar_async].
 *
 * Returns: (transfer full): a job client for the submitted job, or %NULL on
 *   error
 *
 * Since: 1.0
 */
FlinkJobClient *
flink_cluster_client_submit_jar_finish (FlinkClusterClient *self,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_client_submit_jar_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
