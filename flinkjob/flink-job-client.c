/* flink-job-client.c: a handle on one Flink job (FLIP-74's JobClient)
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include "flink-cluster-client-private.h"
#include "flink-enum-types.h"
#include "flink-job-client-private.h"
#include "flink-json-private.h"
#include "flink-operation-private.h"
#include "flink-task-private.h"
#include "flink-i18n-private.h"

/**
 * FlinkJobClient:
 *
 * A handle on one Flink job, as FLIP-74's `JobClient`: read its status and
 * details, cancel it, trigger a savepoint, stop it with a savepoint, read
 * its accumulators and wait for its result.
 *
 * Get one from a submission ([method@Flink.ClusterClient.submit_jar_async],
 * [method@Flink.ClusterClient.run_jar_async]) or from a job id
 * ([method@Flink.ClusterClient.get_job_client]). A job client keeps its
 * job id and cluster client, and, only while
 * [property@Flink.JobClient:watched], what the watch saw
 * ([property@Flink.JobClient:last-seen-status],
 * [property@Flink.JobClient:reachable]). Every operation asks the cluster
 * afresh.
 *
 * Savepoints are asynchronous on the cluster: the savepoint and stop calls
 * trigger the operation, then wait until the cluster reports it complete
 * and return the savepoint's location. Should the wait be cancelled or fail
 * after the trigger, the error message carries the trigger id, and the
 * cluster still completes the savepoint.
 *
 * Since: 1.0
 */

G_DEFINE_FINAL_TYPE (FlinkJobClient, flink_job_client, G_TYPE_OBJECT)

#define properties _flink_job_client_properties
GParamSpec *_flink_job_client_properties[FLINK_JOB_CLIENT_N_PROPS];
guint       _flink_job_client_status_changed_signal;

static void
flink_job_client_dispose (GObject *object)
{
  _flink_job_client_stop_watching (FLINK_JOB_CLIENT (object));

  G_OBJECT_CLASS (flink_job_client_parent_class)->dispose (object);
}

static void
flink_job_client_finalize (GObject *object)
{
  FlinkJobClient *self = FLINK_JOB_CLIENT (object);

  g_clear_object (&self->cluster_client);
  g_clear_pointer (&self->job_id, g_free);

  G_OBJECT_CLASS (flink_job_client_parent_class)->finalize (object);
}

static void
flink_job_client_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FlinkJobClient *self = FLINK_JOB_CLIENT (object);

  switch (prop_id)
    {
    case FLINK_JOB_CLIENT_PROP_JOB_ID:
      g_value_set_string (value, self->job_id);
      break;
    case FLINK_JOB_CLIENT_PROP_CLUSTER_CLIENT:
      g_value_set_object (value, self->cluster_client);
      break;
    case FLINK_JOB_CLIENT_PROP_WATCHED:
      g_value_set_boolean (value, self->watched);
      break;
    case FLINK_JOB_CLIENT_PROP_LAST_SEEN_STATUS:
      g_value_set_enum (value, self->last_seen_status);
      break;
    case FLINK_JOB_CLIENT_PROP_REACHABLE:
      g_value_set_boolean (value, self->reachable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flink_job_client_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FlinkJobClient *self = FLINK_JOB_CLIENT (object);

  switch (prop_id)
    {
    case FLINK_JOB_CLIENT_PROP_JOB_ID:
      self->job_id = g_value_get_string (value) ? g_ascii_strdown (g_value_get_string (value), -1) : NULL;
      break;
    case FLINK_JOB_CLIENT_PROP_CLUSTER_CLIENT:
      self->cluster_client = g_value_dup_object (value);
      break;
    case FLINK_JOB_CLIENT_PROP_WATCHED:
      flink_job_client_set_watched (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flink_job_client_constructed (GObject *object)
{
  FlinkJobClient *self = FLINK_JOB_CLIENT (object);

  G_OBJECT_CLASS (flink_job_client_parent_class)->constructed (object);

  if (self->cluster_client == NULL || !flink_job_id_is_valid (self->job_id))
    g_critical ("A FlinkJobClient needs a cluster-client and a job-id (32 hexadecimal "
                "characters): get one with flink_cluster_client_get_job_client() or from "
                "a submission");
}

static void
flink_job_client_class_init (FlinkJobClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = flink_job_client_dispose;
  object_class->finalize = flink_job_client_finalize;
  object_class->get_property = flink_job_client_get_property;
  object_class->set_property = flink_job_client_set_property;
  object_class->constructed = flink_job_client_constructed;

  /**
   * FlinkJobClient:job-id:
   *
   * The job's id: 32 hexadecimal characters, kept in lower case. Set when
   * the client is made, as [method@Flink.ClusterClient.get_job_client]
   * does.
   *
   * Since: 1.0
   */
  properties[FLINK_JOB_CLIENT_PROP_JOB_ID] =
    g_param_spec_string ("job-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobClient:cluster-client:
   *
   * The client of the cluster that runs the job. Set when the client is
   * made.
   *
   * Since: 1.0
   */
  properties[FLINK_JOB_CLIENT_PROP_CLUSTER_CLIENT] =
    g_param_spec_object ("cluster-client", NULL, NULL, FLINK_TYPE_CLUSTER_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * FlinkJobClient:watched:
   *
   * Whether the client watches the job: it then polls the job's status,
   * keeps [property@Flink.JobClient:last-seen-status] and
   * [property@Flink.JobClient:reachable] up to date and emits
   * [signal@Flink.JobClient::status-changed]. Polling is quick just after
   * a change and while the job is in transition (CREATED, CANCELLING,
   * RESTARTING, ...), backing off to every 2 s if it stays there, slower
   * while it runs steadily, backs off while the cluster cannot be reached,
   * and stops once the job is globally terminal. Polls go behind other
   * requests. Watching needs a running main loop, and stops when the
   * client is finalized.
   *
   * All the watchers of one cluster client share one poll (see
   * `docs/watching.md`): watching many jobs costs about what watching
   * one does.
   *
   * Since: 1.0
   */
  properties[FLINK_JOB_CLIENT_PROP_WATCHED] =
    g_param_spec_boolean ("watched", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobClient:last-seen-status:
   *
   * The job's status as the watch last saw it, kept only while
   * [property@Flink.JobClient:watched]: %FLINK_JOB_STATUS_UNKNOWN before
   * the first poll, or when the cluster does not know the job. It may be
   * a poll behind the cluster; to ask the cluster now, use
   * [method@Flink.JobClient.get_job_status_async].
   *
   * Since: 1.0
   */
  properties[FLINK_JOB_CLIENT_PROP_LAST_SEEN_STATUS] =
    g_param_spec_enum ("last-seen-status", NULL, NULL, FLINK_TYPE_JOB_STATUS, FLINK_JOB_STATUS_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobClient:reachable:
   *
   * Whether the last poll reached the cluster. An unreachable cluster says
   * nothing about the job: its status stays as last seen.
   *
   * Since: 1.0
   */
  properties[FLINK_JOB_CLIENT_PROP_REACHABLE] =
    g_param_spec_boolean ("reachable", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, FLINK_JOB_CLIENT_N_PROPS, properties);

  /**
   * FlinkJobClient::status-changed:
   * @self: the job client
   * @old_status: the status seen before
   * @new_status: the status seen now
   *
   * Emitted while [property@Flink.JobClient:watched] when a poll sees a
   * status other than the last one, once per change, in the order seen.
   * A change quicker than a poll may be missed; the first poll reports the
   * change from %FLINK_JOB_STATUS_UNKNOWN.
   *
   * Since: 1.0
   */
  _flink_job_client_status_changed_signal =
    g_signal_new ("status-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  FLINK_TYPE_JOB_STATUS,
                  FLINK_TYPE_JOB_STATUS);
}

static void
flink_job_client_init (FlinkJobClient *self)
{
  self->reachable = TRUE;
}

/**
 * flink_job_client_get_job_id:
 * @self: a job client
 *
 * The id of the job this client manages.
 *
 * Returns: (transfer none): the job id, 32 lower-case hexadecimal characters
 *
 * Since: 1.0
 */
const char *
flink_job_client_get_job_id (FlinkJobClient *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), NULL);
  return self->job_id;
}

/**
 * flink_job_client_get_cluster_client:
 * @self: a job client
 *
 * The client of the cluster that runs the job.
 *
 * Returns: (transfer none): the cluster client
 *
 * Since: 1.0
 */
FlinkClusterClient *
flink_job_client_get_cluster_client (FlinkJobClient *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), NULL);
  return self->cluster_client;
}

char *
_flink_job_client_context (FlinkJobClient *self,
                           const char     *what,
                           const char     *after)
{
  return g_strdup_printf ("Cannot %s job %s%s on cluster %s", what, self->job_id,
                          after ? after : "", flink_cluster_client_get_url (self->cluster_client));
}

void
_flink_job_client_send (FlinkJobClient     *self,
                        const FlinkRequest *request,
                        GTask              *task,
                        GAsyncReadyCallback callback)
{
  g_autofree char *path = g_strconcat ("/jobs/", self->job_id, request->path, NULL);
  FlinkRequest     below_job = *request;

  below_job.path = path;
  _flink_transport_send_async (_flink_cluster_client_get_transport (self->cluster_client),
                               &below_job, g_task_get_cancellable (task), callback, task);
}

typedef struct
{
  GTask             *task;
  char              *context;
  guint              major;
  guint              minor;
  char              *what;
  FlinkJobClientStep then;
  gpointer           data;
  GDestroyNotify     destroy;
} Requirement;

static void
requirement_version_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  Requirement        *req = user_data;
  FlinkClusterClient *cluster = FLINK_CLUSTER_CLIENT (source);
  FlinkJobClient     *self = g_task_get_source_object (req->task);
  GError             *error = NULL;

  if (!_flink_cluster_client_ensure_version_finish (cluster, result, &error))
    {
      g_task_return_error (req->task, error);
      g_object_unref (req->task);
    }
  else if (!_flink_cluster_client_version_at_least (cluster, req->major, req->minor))
    {
      g_task_return_new_error (req->task, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED,
                               _ ("%s: the cluster runs Flink %s; %s needs %u.%u or later"),
                               req->context, flink_cluster_client_get_flink_version (cluster),
                               req->what, req->major, req->minor);
      g_object_unref (req->task);
    }
  else
    req->then (self, req->task, req->data);

  if (req->destroy != NULL)
    req->destroy (req->data);
  g_free (req->context);
  g_free (req->what);
  g_free (req);
}

void
_flink_job_client_require_flink (FlinkJobClient    *self,
                                 GTask             *task,
                                 const char        *context,
                                 guint              major,
                                 guint              minor,
                                 const char        *what,
                                 FlinkJobClientStep then,
                                 gpointer           data,
                                 GDestroyNotify     destroy)
{
  Requirement *req = g_new0 (Requirement, 1);

  req->task = task;
  req->context = g_strdup (context);
  req->major = major;
  req->minor = minor;
  req->what = g_strdup (what);
  req->then = then;
  req->data = data;
  req->destroy = destroy;
  _flink_cluster_client_ensure_version_async (self->cluster_client, context,
                                              g_task_get_cancellable (task),
                                              requirement_version_cb, req);
}

/* Operations on a job that has ended fail in one way, saying its status:
 * the cluster refuses a cancel (409) but accepts a savepoint or a stop and
 * then fails it as if the job did not exist, and a cluster without
 * state.savepoints.dir refuses a savepoint to its default directory (400)
 * before it looks at the job. */

typedef struct
{
  GTask  *task;
  char   *context;
  GError *error;
} Ended;

static void
ended_status_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Ended                    *ended = user_data;
  g_autoptr (FlinkResponse) response = NULL;
  JsonObject               *object = NULL;
  FlinkJobStatus            status = FLINK_JOB_STATUS_UNKNOWN;

  response = _flink_transport_send_finish (FLINK_TRANSPORT (source), result, NULL);
  if (response != NULL)
    object = _flink_response_get_object (response, NULL);
  if (object != NULL && !_flink_job_status_from_json (object, &status, NULL))
    status = FLINK_JOB_STATUS_UNKNOWN;

  if (flink_job_status_is_globally_terminal (status))
    g_task_return_new_error (ended->task, FLINK_ERROR, FLINK_ERROR_CONFLICT,
                             _ ("%s: the job has ended: it is %s"), ended->context,
                             flink_job_status_to_string (status));
  else
    g_task_return_error (ended->task, g_steal_pointer (&ended->error));
  g_object_unref (ended->task);
  g_free (ended->context);
  g_clear_error (&ended->error);
  g_free (ended);
}

void
_flink_job_client_return_error (FlinkJobClient *self,
                                GTask          *task,
                                const char     *context,
                                GError         *error)
{
  g_autofree char *path = NULL;
  FlinkRequest     request = { .method = "GET", .context = context };
  Ended           *ended;

  if (!g_error_matches (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND) &&
      !g_error_matches (error, FLINK_ERROR, FLINK_ERROR_CONFLICT) &&
      !g_error_matches (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Has the job ended, or is it unknown? Its status tells. */
  ended = g_new0 (Ended, 1);
  ended->task = g_object_ref (task);
  ended->context = g_strdup (context);
  ended->error = error;
  path = g_strconcat ("/jobs/", self->job_id, "/status", NULL);
  request.path = path;
  _flink_transport_send_async (_flink_cluster_client_get_transport (self->cluster_client),
                               &request, g_task_get_cancellable (task), ended_status_cb, ended);
}

GTask *
_flink_job_client_task_new (FlinkJobClient     *self,
                            gpointer            source_tag,
                            const char         *name,
                            const char         *what,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  GTask *task = _flink_task_new (self, source_tag, name, cancellable, callback, user_data);

  g_task_set_task_data (task, _flink_job_client_context (self, what, NULL), g_free);
  return task;
}

void
_flink_job_client_get (FlinkJobClient     *self,
                       GTask              *task,
                       const char         *suffix,
                       const char         *query,
                       GAsyncReadyCallback callback)
{
  FlinkRequest request = {
    .method = "GET",
    .path = suffix,
    .query = query,
    .context = g_task_get_task_data (task),
  };

  _flink_job_client_send (self, &request, task, callback);
}

/* ---- Status ------------------------------------------------------------- */

static void
get_job_status_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GTask)         task = user_data;
  g_autoptr (FlinkResponse) response = NULL;
  GError                   *error = NULL;
  FlinkJobStatus            status;
  JsonObject               *object;

  object = _flink_task_take_response_object (task, result, &response);
  if (object == NULL)
    return;
  if (!_flink_job_status_from_json (object, &status, &error))
    _flink_task_return_error_in_context (task, error, response->context);
  else
    g_task_return_int (task, status);
}

/**
 * flink_job_client_get_job_status_async:
 * @self: a job client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the status is read
 * @user_data: data for @callback
 *
 * Reads the job's status (`GET /jobs/:jobid/status`). A status that a newer
 * Flink introduced is %FLINK_JOB_STATUS_UNKNOWN.
 *
 * Since: 1.0
 */
void
flink_job_client_get_job_status_async (FlinkJobClient     *self,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_job_client_task_new (self, flink_job_client_get_job_status_async,
                                     "[flinkjob] get_job_status", "get the status of",
                                     cancellable, callback, user_data);
  _flink_job_client_get (self, task, "/status", NULL, get_job_status_cb);
}

/**
 * flink_job_client_get_job_status_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.get_job_status_async].
 *
 * Returns: the job's status, or %FLINK_JOB_STATUS_UNKNOWN with @error set
 *
 * Since: 1.0
 */
FlinkJobStatus
flink_job_client_get_job_status_finish (FlinkJobClient *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  gssize status;

  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), FLINK_JOB_STATUS_UNKNOWN);
  g_return_val_if_fail (g_task_is_valid (result, self), FLINK_JOB_STATUS_UNKNOWN);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_get_job_status_async,
                        FLINK_JOB_STATUS_UNKNOWN);

  status = g_task_propagate_int (G_TASK (result), error);
  return status < 0 ? FLINK_JOB_STATUS_UNKNOWN : (FlinkJobStatus) status;
}

/* ---- Details ------------------------------------------------------------ */

static void
get_job_details_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;

  _flink_task_return_decoded (task, result, (FlinkDecoder) _flink_job_details_new_from_json);
}

/**
 * flink_job_client_get_job_details_async:
 * @self: a job client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the details are read
 * @user_data: data for @callback
 *
 * Reads the job's details (`GET /jobs/:jobid`): name, status, times, and
 * its vertices with their parallelism and status.
 *
 * Since: 1.0
 */
void
flink_job_client_get_job_details_async (FlinkJobClient     *self,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_job_client_task_new (self, flink_job_client_get_job_details_async,
                                     "[flinkjob] get_job_details", "get the details of",
                                     cancellable, callback, user_data);
  _flink_job_client_get (self, task, "", NULL, get_job_details_cb);
}

/**
 * flink_job_client_get_job_details_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.get_job_details_async].
 *
 * Returns: (transfer full): the job's details, or %NULL on error
 *
 * Since: 1.0
 */
FlinkJobDetails *
flink_job_client_get_job_details_finish (FlinkJobClient *self,
                                         GAsyncResult   *result,
                                         GError        **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_get_job_details_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Cancel ------------------------------------------------------------- */

static void
cancel_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask)         task = user_data;
  FlinkJobClient           *self = g_task_get_source_object (task);
  g_autoptr (FlinkResponse) response = NULL;
  GError                   *error = NULL;

  response = _flink_transport_send_finish (FLINK_TRANSPORT (source), result, &error);
  if (response == NULL)
    {
      _flink_job_client_return_error (self, task, g_task_get_task_data (task), error);
      return;
    }
  _flink_cluster_client_poll_soon (self->cluster_client, self->job_id);
  g_task_return_boolean (task, TRUE);
}

/**
 * flink_job_client_cancel_async:
 * @self: a job client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the cluster accepted the cancellation
 * @user_data: data for @callback
 *
 * Cancels the job (`PATCH /jobs/:jobid?mode=cancel`). The call returns when
 * the cluster has accepted the request, before the job is CANCELED: wait
 * for that with [method@Flink.JobClient.get_job_execution_result_async] or
 * by reading its status.
 *
 * Cancelling a job that is already CANCELED succeeds; one that already
 * FINISHED or FAILED is %FLINK_ERROR_CONFLICT, and the message says its
 * status, as for every operation on a job that has ended.
 *
 * Since: 1.0
 */
void
flink_job_client_cancel_async (FlinkJobClient     *self,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_job_client_task_new (self, flink_job_client_cancel_async,
                                     "[flinkjob] cancel", "cancel",
                                     cancellable, callback, user_data);
  {
    FlinkRequest request = {
      .method = "PATCH",
      .path = "",
      .query = "mode=cancel",
      .context = g_task_get_task_data (task),
    };

    _flink_job_client_send (self, &request, task, cancel_cb);
  }
}

/**
 * flink_job_client_cancel_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.cancel_async].
 *
 * Returns: %TRUE if the cluster accepted the cancellation
 *
 * Since: 1.0
 */
gboolean
flink_job_client_cancel_finish (FlinkJobClient *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_cancel_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
