/* flink-job-client.c: a handle on one Flink job (FLIP-74's JobClient)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flink-private.h"
#include "flink-enum-types.h"

/**
 * FlinkJobClient:
 *
 * A handle on one Flink job, as FLIP-74's `JobClient`: read its status and
 * details, cancel it, trigger a savepoint, stop it with a savepoint, read
 * its accumulators and wait for its result.
 *
 * Get one from a submission ([method@Flink.ClusterClient.submit_jar_async],
 * [method@Flink.ClusterClient.run_jar_async]) or from a job id
 * ([method@Flink.ClusterClient.get_job_client]). A job client holds no state
 * of the job: every call asks the cluster.
 *
 * Savepoints are asynchronous on the cluster: the savepoint and stop calls
 * trigger the operation, then wait until the cluster reports it complete
 * and return the savepoint's location. Should the wait be cancelled or fail
 * after the trigger, the error message carries the trigger id, and the
 * cluster still completes the savepoint.
 */

struct _FlinkJobClient
{
  GObject parent_instance;

  FlinkClusterClient *cluster_client;
  char *job_id;

  /* Watching (see "Watching" below) */
  gboolean watched;
  FlinkJobStatus status;
  gboolean reachable;
  guint poll_source;
  GCancellable *poll_cancellable;
  guint interval;
  guint fast_polls_left;
};

G_DEFINE_FINAL_TYPE (FlinkJobClient, flink_job_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_JOB_ID,
  PROP_CLUSTER_CLIENT,
  PROP_WATCHED,
  PROP_STATUS,
  PROP_REACHABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_STATUS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void stop_polling (FlinkJobClient *self);

static void
flink_job_client_dispose (GObject *object)
{
  FlinkJobClient *self = FLINK_JOB_CLIENT (object);

  stop_polling (self);

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
    case PROP_JOB_ID:
      g_value_set_string (value, self->job_id);
      break;
    case PROP_CLUSTER_CLIENT:
      g_value_set_object (value, self->cluster_client);
      break;
    case PROP_WATCHED:
      g_value_set_boolean (value, self->watched);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_REACHABLE:
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
    case PROP_WATCHED:
      flink_job_client_set_watched (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flink_job_client_class_init (FlinkJobClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = flink_job_client_dispose;
  object_class->finalize = flink_job_client_finalize;
  object_class->get_property = flink_job_client_get_property;
  object_class->set_property = flink_job_client_set_property;

  /**
   * FlinkJobClient:job-id:
   *
   * The job's id: 32 lower-case hexadecimal characters.
   */
  properties[PROP_JOB_ID] =
    g_param_spec_string ("job-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobClient:cluster-client:
   *
   * The client of the cluster that runs the job.
   */
  properties[PROP_CLUSTER_CLIENT] =
    g_param_spec_object ("cluster-client", NULL, NULL, FLINK_TYPE_CLUSTER_CLIENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * FlinkJobClient:watched:
   *
   * Whether the client watches the job: it then polls the job's status,
   * keeps [property@Flink.JobClient:status] and
   * [property@Flink.JobClient:reachable] up to date and emits
   * [signal@Flink.JobClient::status-changed]. Polling is quick just after
   * a change and while the job is in transition (CREATED, CANCELLING,
   * RESTARTING, ...), backing off to every 2 s if it stays there, slower
   * while it runs steadily, backs off while the cluster cannot be reached,
   * and stops once the job is globally terminal. Polls go behind other
   * requests. Watching needs a running main loop, and stops when the
   * client is finalized.
   *
   * Each watched job client polls on its own: to follow many jobs, use one
   * [class@Flink.JobList], which polls once for all of them.
   */
  properties[PROP_WATCHED] =
    g_param_spec_boolean ("watched", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobClient:status:
   *
   * The job's status as last seen while watched;
   * %FLINK_JOB_STATUS_UNKNOWN before the first poll, or when the cluster
   * does not know the job.
   */
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, FLINK_TYPE_JOB_STATUS, FLINK_JOB_STATUS_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobClient:reachable:
   *
   * Whether the last poll reached the cluster. An unreachable cluster says
   * nothing about the job: its status stays as last seen.
   */
  properties[PROP_REACHABLE] =
    g_param_spec_boolean ("reachable", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

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
   */
  signals[SIGNAL_STATUS_CHANGED] =
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

FlinkJobClient *
_flink_job_client_new (FlinkClusterClient *cluster_client,
                       const char         *job_id)
{
  FlinkJobClient *self = g_object_new (FLINK_TYPE_JOB_CLIENT, NULL);

  self->cluster_client = g_object_ref (cluster_client);
  self->job_id = g_strdup (job_id);
  return self;
}

/**
 * flink_job_client_get_job_id:
 * @self: a job client
 *
 * The id of the job this client manages.
 *
 * Returns: (transfer none): the job id, 32 lower-case hexadecimal characters
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
 */
FlinkClusterClient *
flink_job_client_get_cluster_client (FlinkJobClient *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), NULL);
  return self->cluster_client;
}

/* "Cannot <what> job <id><after> on cluster <url>" */
static char *
job_context (FlinkJobClient *self,
             const char     *what,
             const char     *after)
{
  const char *url = self->cluster_client ? flink_cluster_client_get_url (self->cluster_client) : NULL;

  return g_strdup_printf ("Cannot %s job %s%s on cluster %s", what,
                          self->job_id ? self->job_id : "(none)", after ? after : "",
                          url ? url : "(none)");
}

/* A job client made without get_job_client() or a submission knows no job
 * or no cluster: its operations fail, clearly. Takes @task then. */
static gboolean
job_client_unusable (FlinkJobClient *self,
                     GTask          *task,
                     const char     *context)
{
  if (self->cluster_client != NULL && self->job_id != NULL)
    return FALSE;
  g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                           "%s: this job client knows no job or no cluster; get one with "
                           "flink_cluster_client_get_job_client() or a submission", context);
  g_object_unref (task);
  return TRUE;
}

static GTask *
job_task_new (FlinkJobClient      *self,
              gpointer             source_tag,
              const char          *name,
              const char          *what,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  return _flink_task_new (self, source_tag, name, job_context (self, what, NULL),
                          cancellable, callback, user_data);
}

/* GET /jobs/:jobid<suffix> for @task, answered through @callback. */
static void
job_get (FlinkJobClient      *self,
         GTask               *task,
         const char          *suffix,
         GAsyncReadyCallback  callback)
{
  g_autofree char *path = NULL;

  if (job_client_unusable (self, task, g_task_get_task_data (task)))
    return;
  path = g_strconcat ("/jobs/", self->job_id, suffix, NULL);

  _flink_cluster_client_request_async (self->cluster_client, "GET", path, NULL, NULL, NULL,
                                       g_task_get_task_data (task),
                                       g_task_get_cancellable (task),
                                       callback, task);
}

/* ---- Status ------------------------------------------------------------- */

static void
get_job_status_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *context = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  const char *status;

  object = _flink_task_take_response_object (task, result, &root, context);
  if (object == NULL)
    return;
  status = _flink_json_get_string (object, "status");
  if (status == NULL)
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                               "%s: the cluster's answer holds no status", context);
      return;
    }
  if (flink_job_status_from_string (status) == FLINK_JOB_STATUS_UNKNOWN)
    g_debug ("Job status “%s” is not known to this version of flinkjob", status);
  g_task_return_int (task, flink_job_status_from_string (status));
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
 */
void
flink_job_client_get_job_status_async (FlinkJobClient      *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = job_task_new (self, flink_job_client_get_job_status_async,
                       "[flinkjob] get_job_status", "get the status of",
                       cancellable, callback, user_data);
  job_get (self, task, "/status", get_job_status_cb);
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
 */
FlinkJobStatus
flink_job_client_get_job_status_finish (FlinkJobClient  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
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
  g_autoptr(GTask) task = user_data;

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
 */
void
flink_job_client_get_job_details_async (FlinkJobClient      *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = job_task_new (self, flink_job_client_get_job_details_async,
                       "[flinkjob] get_job_details", "get the details of",
                       cancellable, callback, user_data);
  job_get (self, task, "", get_job_details_cb);
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
 */
FlinkJobDetails *
flink_job_client_get_job_details_finish (FlinkJobClient  *self,
                                         GAsyncResult    *result,
                                         GError         **error)
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
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = _flink_cluster_client_request_finish (FLINK_CLUSTER_CLIENT (source), result, &error);
  if (root == NULL)
    g_task_return_error (task, error);
  else
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
 * FINISHED or FAILED is %FLINK_ERROR_CONFLICT.
 */
void
flink_job_client_cancel_async (FlinkJobClient      *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = job_task_new (self, flink_job_client_cancel_async,
                       "[flinkjob] cancel", "cancel",
                       cancellable, callback, user_data);
  if (job_client_unusable (self, task, g_task_get_task_data (task)))
    return;
  path = g_strconcat ("/jobs/", self->job_id, NULL);
  _flink_cluster_client_request_async (self->cluster_client, "PATCH", path, "mode=cancel",
                                       NULL, NULL, g_task_get_task_data (task),
                                       cancellable, cancel_cb, task);
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
 */
gboolean
flink_job_client_cancel_finish (FlinkJobClient  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_cancel_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Savepoints and checkpoints ----------------------------------------- */

/* Every trigger carries a trigger id of ours (Flink >= 1.15 takes one): the
 * cluster registers (job, trigger id) once, so a retried trigger cannot
 * start a second operation, and the operation is never lost from sight:
 * the handle names it, and so does every error after the trigger. */

typedef struct {
  FlinkOperationKind kind;
  char *context;
  char *trigger_id;
  gint64 start_time;
  char *directory;
  gboolean wait;                 /* trigger_*: wait for the outcome too */
} Trigger;

static void
trigger_free (Trigger *trigger)
{
  g_free (trigger->context);
  g_free (trigger->trigger_id);
  g_free (trigger->directory);
  g_free (trigger);
}

static void
savepoint_awaited_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *location = g_task_propagate_pointer (G_TASK (result), &error);

  if (location == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, location, g_free);
}

static void checkpoint_awaited_cb (GObject      *source,
                                   GAsyncResult *result,
                                   gpointer      user_data);

static void
triggered_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FlinkJobClient *self = g_task_get_source_object (task);
  Trigger *trigger = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(FlinkOperationHandle) handle = NULL;
  JsonObject *object;
  const char *trigger_id;

  object = _flink_task_take_response_object (task, result, &root, trigger->context);
  if (object == NULL)
    return;

  trigger_id = _flink_json_get_string (object, "request-id");
  if (!flink_job_id_is_valid (trigger_id))
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                               "%s: the cluster's answer holds no trigger id (we sent %s)",
                               trigger->context, trigger->trigger_id);
      return;
    }
  if (g_ascii_strcasecmp (trigger_id, trigger->trigger_id) != 0)
    g_debug ("The cluster chose trigger id %s instead of %s", trigger_id, trigger->trigger_id);

  handle = _flink_operation_handle_new (trigger->kind, self->job_id, trigger_id,
                                        trigger->start_time, trigger->directory);
  g_debug ("Triggered the %s of job %s, trigger id %s",
           flink_operation_kind_to_string (trigger->kind), self->job_id, trigger_id);

  if (!trigger->wait)
    g_task_return_pointer (task, g_steal_pointer (&handle), g_object_unref);
  else if (trigger->kind == FLINK_OPERATION_KIND_CHECKPOINT)
    flink_cluster_client_await_checkpoint_async (self->cluster_client, handle, cancellable,
                                                 checkpoint_awaited_cb, g_steal_pointer (&task));
  else
    _flink_cluster_client_await_savepoint_async (self->cluster_client, handle, trigger->context,
                                                 triggered_cb, cancellable,
                                                 savepoint_awaited_cb, g_steal_pointer (&task));
}

/* Sends the trigger whose body @builder holds (an open object), for @task
 * made by trigger_task_new(). */
static void
trigger_send (FlinkJobClient *self,
              GTask          *task,
              const char     *suffix,
              JsonBuilder    *builder)
{
  Trigger *trigger = g_task_get_task_data (task);
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  if (job_client_unusable (self, task, trigger->context))
    return;
  path = g_strconcat ("/jobs/", self->job_id, suffix, NULL);

  json_builder_set_member_name (builder, "triggerId");
  json_builder_add_string_value (builder, trigger->trigger_id);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  _flink_cluster_client_request_full_async (self->cluster_client, "POST", path, NULL, body, NULL,
                                            FLINK_REQUEST_IDEMPOTENT, trigger->context, g_task_get_cancellable (task),
                                            triggered_cb, task);
}

/* Returns NULL, the task answered, when @directory is invalid. */
static GTask *
trigger_task_new (FlinkJobClient      *self,
                  FlinkOperationKind   kind,
                  gboolean             wait,
                  gpointer             source_tag,
                  const char          *name,
                  const char          *directory,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Trigger *trigger = g_new0 (Trigger, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, name);
  trigger->kind = kind;
  trigger->wait = wait;
  trigger->trigger_id = _flink_id_new_random ();
  trigger->start_time = g_get_real_time () / 1000;
  trigger->directory = g_strdup (directory);
  switch (kind)
    {
    case FLINK_OPERATION_KIND_STOP_WITH_SAVEPOINT:
      trigger->context = job_context (self, "stop", " with a savepoint");
      break;
    case FLINK_OPERATION_KIND_CHECKPOINT:
      trigger->context = job_context (self, "take a checkpoint of", NULL);
      break;
    case FLINK_OPERATION_KIND_SAVEPOINT:
    default:
      trigger->context = job_context (self, "take a savepoint of", NULL);
      break;
    }
  g_task_set_task_data (task, trigger, (GDestroyNotify) trigger_free);

  if (directory != NULL && directory[0] == '\0')
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               "%s: the savepoint directory is empty; pass NULL for the "
                               "cluster's default (state.savepoints.dir)", trigger->context);
      g_object_unref (task);
      return NULL;
    }
  return task;
}

static void
savepoint_trigger (FlinkJobClient       *self,
                   GTask                *task,
                   const char           *directory,
                   FlinkSavepointFormat  format)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  if (directory != NULL)
    {
      json_builder_set_member_name (builder, "target-directory");
      json_builder_add_string_value (builder, directory);
    }
  json_builder_set_member_name (builder, "cancel-job");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "formatType");
  json_builder_add_string_value (builder, flink_savepoint_format_to_string (format));
  trigger_send (self, task, "/savepoints", builder);
}

static void
stop_trigger (FlinkJobClient       *self,
              GTask                *task,
              gboolean              drain,
              const char           *directory,
              FlinkSavepointFormat  format)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  /* camelCase here, unlike the savepoint trigger */
  json_builder_begin_object (builder);
  if (directory != NULL)
    {
      json_builder_set_member_name (builder, "targetDirectory");
      json_builder_add_string_value (builder, directory);
    }
  json_builder_set_member_name (builder, "drain");
  json_builder_add_boolean_value (builder, drain);
  json_builder_set_member_name (builder, "formatType");
  json_builder_add_string_value (builder, flink_savepoint_format_to_string (format));
  trigger_send (self, task, "/stop", builder);
}

/**
 * flink_job_client_trigger_savepoint_async:
 * @self: a job client
 * @directory: (nullable): where to write the savepoint, such as
 *   `file:///flink/savepoints` or `s3://bucket/savepoints`; %NULL for the
 *   cluster's default (`state.savepoints.dir`)
 * @format: the savepoint's format
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the savepoint is complete
 * @user_data: data for @callback
 *
 * Triggers a savepoint of the running job (`POST /jobs/:jobid/savepoints`)
 * and waits until the cluster reports it complete. The job keeps running.
 * To trigger now and wait later, or from another process, use
 * [method@Flink.JobClient.start_savepoint_async].
 *
 * With no @directory on a cluster that has no `state.savepoints.dir`, the
 * cluster refuses: %FLINK_ERROR_INVALID_ARGUMENT. A savepoint the cluster
 * tried and failed is %FLINK_ERROR_OPERATION_FAILED with Flink's cause.
 */
void
flink_job_client_trigger_savepoint_async (FlinkJobClient       *self,
                                          const char           *directory,
                                          FlinkSavepointFormat  format,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = trigger_task_new (self, FLINK_OPERATION_KIND_SAVEPOINT, TRUE,
                           flink_job_client_trigger_savepoint_async,
                           "[flinkjob] trigger_savepoint", directory,
                           cancellable, callback, user_data);
  if (task != NULL)
    savepoint_trigger (self, task, directory, format);
}

/**
 * flink_job_client_trigger_savepoint_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.trigger_savepoint_async].
 *
 * Returns: (transfer full): the savepoint's location, such as
 *   `file:/flink/savepoints/savepoint-3f2a1b-0123456789ab`, or %NULL on error
 */
char *
flink_job_client_trigger_savepoint_finish (FlinkJobClient  *self,
                                           GAsyncResult    *result,
                                           GError         **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_trigger_savepoint_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * flink_job_client_stop_with_savepoint_async:
 * @self: a job client
 * @drain: whether to advance to the end of event time first (Flink's
 *   `--drain`, FLIP-74's `advanceToEndOfEventTime`): sources emit
 *   MAX_WATERMARK, so every event-time timer and window fires
 * @directory: (nullable): where to write the savepoint; %NULL for the
 *   cluster's default (`state.savepoints.dir`)
 * @format: the savepoint's format
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the savepoint is complete
 * @user_data: data for @callback
 *
 * Stops the job gracefully with a final savepoint (`POST /jobs/:jobid/stop`)
 * and waits until the cluster reports the savepoint complete. The job then
 * ends FINISHED, and can be started again from the savepoint with
 * [method@Flink.RunOptions.set_savepoint_path]. To trigger now and wait
 * later, use [method@Flink.JobClient.start_stop_with_savepoint_async].
 *
 * A job that is not running any more is %FLINK_ERROR_NOT_FOUND.
 */
void
flink_job_client_stop_with_savepoint_async (FlinkJobClient       *self,
                                            gboolean              drain,
                                            const char           *directory,
                                            FlinkSavepointFormat  format,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = trigger_task_new (self, FLINK_OPERATION_KIND_STOP_WITH_SAVEPOINT, TRUE,
                           flink_job_client_stop_with_savepoint_async,
                           "[flinkjob] stop_with_savepoint", directory,
                           cancellable, callback, user_data);
  if (task != NULL)
    stop_trigger (self, task, drain, directory, format);
}

/**
 * flink_job_client_stop_with_savepoint_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.stop_with_savepoint_async].
 *
 * Returns: (transfer full): the savepoint's location, or %NULL on error
 */
char *
flink_job_client_stop_with_savepoint_finish (FlinkJobClient  *self,
                                             GAsyncResult    *result,
                                             GError         **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_stop_with_savepoint_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * flink_job_client_start_savepoint_async:
 * @self: a job client
 * @directory: (nullable): where to write the savepoint; %NULL for the
 *   cluster's default (`state.savepoints.dir`)
 * @format: the savepoint's format
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the cluster accepted the trigger
 * @user_data: data for @callback
 *
 * Triggers a savepoint without waiting for it: the callback runs as soon as
 * the cluster accepted the trigger, with a handle to wait on now or later,
 * in this process or another ([method@Flink.ClusterClient.await_savepoint_async]).
 */
void
flink_job_client_start_savepoint_async (FlinkJobClient       *self,
                                        const char           *directory,
                                        FlinkSavepointFormat  format,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = trigger_task_new (self, FLINK_OPERATION_KIND_SAVEPOINT, FALSE,
                           flink_job_client_start_savepoint_async,
                           "[flinkjob] start_savepoint", directory,
                           cancellable, callback, user_data);
  if (task != NULL)
    savepoint_trigger (self, task, directory, format);
}

/**
 * flink_job_client_start_savepoint_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.start_savepoint_async].
 *
 * Returns: (transfer full): a handle on the savepoint, or %NULL on error
 */
FlinkOperationHandle *
flink_job_client_start_savepoint_finish (FlinkJobClient  *self,
                                         GAsyncResult    *result,
                                         GError         **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_start_savepoint_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * flink_job_client_start_stop_with_savepoint_async:
 * @self: a job client
 * @drain: whether to advance to the end of event time first
 * @directory: (nullable): where to write the savepoint; %NULL for the
 *   cluster's default (`state.savepoints.dir`)
 * @format: the savepoint's format
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the cluster accepted the trigger
 * @user_data: data for @callback
 *
 * Stops the job with a savepoint without waiting for it, as
 * [method@Flink.JobClient.start_savepoint_async] does for a savepoint.
 */
void
flink_job_client_start_stop_with_savepoint_async (FlinkJobClient       *self,
                                                  gboolean              drain,
                                                  const char           *directory,
                                                  FlinkSavepointFormat  format,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = trigger_task_new (self, FLINK_OPERATION_KIND_STOP_WITH_SAVEPOINT, FALSE,
                           flink_job_client_start_stop_with_savepoint_async,
                           "[flinkjob] start_stop_with_savepoint", directory,
                           cancellable, callback, user_data);
  if (task != NULL)
    stop_trigger (self, task, drain, directory, format);
}

/**
 * flink_job_client_start_stop_with_savepoint_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.start_stop_with_savepoint_async].
 *
 * Returns: (transfer full): a handle on the final savepoint, or %NULL on
 *   error
 */
FlinkOperationHandle *
flink_job_client_start_stop_with_savepoint_finish (FlinkJobClient  *self,
                                                   GAsyncResult    *result,
                                                   GError         **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_start_stop_with_savepoint_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* What the cluster's version cannot do fails before anything is sent:
 * @what needs Flink @major.@minor or later. Takes @task if not; a client
 * that knows no cluster is left to fail on its own. */
static gboolean
require_flink (FlinkJobClient *self,
               GTask          *task,
               const char     *context,
               guint           major,
               guint           minor,
               const char     *what)
{
  if (self->cluster_client == NULL ||
      _flink_cluster_client_version_at_least (self->cluster_client, major, minor))
    return TRUE;
  g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED,
                           "%s: the cluster runs Flink %s; %s needs %u.%u or later",
                           context, flink_cluster_client_get_flink_version (self->cluster_client),
                           what, major, minor);
  g_object_unref (task);
  return FALSE;
}

static void
checkpoint_trigger (FlinkJobClient      *self,
                    GTask               *task,
                    FlinkCheckpointType  type)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!require_flink (self, task, ((Trigger *) g_task_get_task_data (task))->context,
                      1, 17, "triggering checkpoints"))
    return;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "checkpointType");
  json_builder_add_string_value (builder, flink_checkpoint_type_to_string (type));
  trigger_send (self, task, "/checkpoints", builder);
}

static void
checkpoint_awaited_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  guint64 id = flink_cluster_client_await_checkpoint_finish (FLINK_CLUSTER_CLIENT (source), result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    {
      guint64 *boxed = g_new (guint64, 1);
      *boxed = id;
      g_task_return_pointer (task, boxed, g_free);
    }
}

/**
 * flink_job_client_trigger_checkpoint_async:
 * @self: a job client
 * @type: the kind of checkpoint
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the checkpoint is complete
 * @user_data: data for @callback
 *
 * Triggers a checkpoint of the running job (`POST /jobs/:jobid/checkpoints`,
 * Flink 1.17 and later) and waits until it is complete. On older clusters
 * the call fails at once with %FLINK_ERROR_NOT_SUPPORTED.
 */
void
flink_job_client_trigger_checkpoint_async (FlinkJobClient      *self,
                                           FlinkCheckpointType  type,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = trigger_task_new (self, FLINK_OPERATION_KIND_CHECKPOINT, TRUE,
                           flink_job_client_trigger_checkpoint_async,
                           "[flinkjob] trigger_checkpoint", NULL,
                           cancellable, callback, user_data);
  checkpoint_trigger (self, task, type);
}

/**
 * flink_job_client_trigger_checkpoint_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.trigger_checkpoint_async].
 *
 * Returns: the checkpoint's id, or 0 with @error set
 */
guint64
flink_job_client_trigger_checkpoint_finish (FlinkJobClient  *self,
                                            GAsyncResult    *result,
                                            GError         **error)
{
  g_autofree guint64 *id = NULL;

  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_trigger_checkpoint_async, 0);

  id = g_task_propagate_pointer (G_TASK (result), error);
  return id ? *id : 0;
}

/**
 * flink_job_client_start_checkpoint_async:
 * @self: a job client
 * @type: the kind of checkpoint
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the cluster accepted the trigger
 * @user_data: data for @callback
 *
 * Triggers a checkpoint without waiting for it (Flink 1.17 and later); wait
 * with [method@Flink.ClusterClient.await_checkpoint_async].
 */
void
flink_job_client_start_checkpoint_async (FlinkJobClient      *self,
                                         FlinkCheckpointType  type,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = trigger_task_new (self, FLINK_OPERATION_KIND_CHECKPOINT, FALSE,
                           flink_job_client_start_checkpoint_async,
                           "[flinkjob] start_checkpoint", NULL,
                           cancellable, callback, user_data);
  checkpoint_trigger (self, task, type);
}

/**
 * flink_job_client_start_checkpoint_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.start_checkpoint_async].
 *
 * Returns: (transfer full): a handle on the checkpoint, or %NULL on error
 */
FlinkOperationHandle *
flink_job_client_start_checkpoint_finish (FlinkJobClient  *self,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_start_checkpoint_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Exception history ------------------------------------------------- */

static void
get_exception_history_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  _flink_task_return_decoded (task, result, (FlinkDecoder) _flink_exception_history_new_from_json);
}

/**
 * flink_job_client_get_exception_history_async:
 * @self: a job client
 * @max_exceptions: how many entries to get at most; 0 for the cluster's
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the history is read
 * @user_data: data for @callback
 *
 * Reads the job's exception history (`GET /jobs/:jobid/exceptions`): the
 * failures that made it fail or restart, newest first, with the task
 * failures of each moment. The cluster keeps `web.exception-history-size`
 * entries.
 */
void
flink_job_client_get_exception_history_async (FlinkJobClient      *self,
                                              guint                max_exceptions,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autofree char *query = NULL;
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = job_task_new (self, flink_job_client_get_exception_history_async,
                       "[flinkjob] get_exception_history", "read the exception history of",
                       cancellable, callback, user_data);
  if (job_client_unusable (self, task, g_task_get_task_data (task)))
    return;
  path = g_strconcat ("/jobs/", self->job_id, "/exceptions", NULL);
  if (max_exceptions > 0)
    query = g_strdup_printf ("maxExceptions=%u", max_exceptions);
  _flink_cluster_client_request_async (self->cluster_client, "GET", path, query, NULL, NULL,
                                       g_task_get_task_data (task), cancellable,
                                       get_exception_history_cb, task);
}

/**
 * flink_job_client_get_exception_history_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.get_exception_history_async].
 *
 * Returns: (transfer full): a list model of [class@Flink.ExceptionInfo],
 *   newest first, or %NULL on error
 */
GListModel *
flink_job_client_get_exception_history_finish (FlinkJobClient  *self,
                                               GAsyncResult    *result,
                                               GError         **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_get_exception_history_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Resource requirements ---------------------------------------------- */

/* Resource requirements exist since Flink 1.18. Takes @task if not. */
static gboolean
check_resource_requirements_support (FlinkJobClient *self,
                                     GTask          *task)
{
  return !job_client_unusable (self, task, g_task_get_task_data (task)) &&
         require_flink (self, task, g_task_get_task_data (task), 1, 18,
                        "reading or setting resource requirements");
}

static void
get_resource_requirements_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  _flink_task_return_decoded (task, result, (FlinkDecoder) _flink_job_resource_requirements_new_from_json);
}

/**
 * flink_job_client_get_resource_requirements_async:
 * @self: a job client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the requirements are read
 * @user_data: data for @callback
 *
 * Reads the job's resource requirements
 * (`GET /jobs/:jobid/resource-requirements`): the parallelism bounds of
 * each vertex. Flink keeps them only under the adaptive scheduler
 * (`jobmanager.scheduler: adaptive`, Flink 1.18 and later); other clusters
 * answer %FLINK_ERROR_NOT_SUPPORTED.
 */
void
flink_job_client_get_resource_requirements_async (FlinkJobClient      *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = job_task_new (self, flink_job_client_get_resource_requirements_async,
                       "[flinkjob] get_resource_requirements", "read the resource requirements of",
                       cancellable, callback, user_data);
  if (check_resource_requirements_support (self, task))
    job_get (self, task, "/resource-requirements", get_resource_requirements_cb);
}

/**
 * flink_job_client_get_resource_requirements_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.get_resource_requirements_async].
 *
 * Returns: (transfer full): the job's resource requirements, or %NULL on
 *   error
 */
FlinkJobResourceRequirements *
flink_job_client_get_resource_requirements_finish (FlinkJobClient  *self,
                                                   GAsyncResult    *result,
                                                   GError         **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_get_resource_requirements_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
set_resource_requirements_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = _flink_cluster_client_request_finish (FLINK_CLUSTER_CLIENT (source), result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * flink_job_client_set_resource_requirements_async:
 * @self: a job client
 * @requirements: the parallelism bounds of every vertex of the job
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the cluster took the requirements
 * @user_data: data for @callback
 *
 * Changes the job's resource requirements
 * (`PUT /jobs/:jobid/resource-requirements`, adaptive scheduler, Flink 1.18
 * and later): this is how a running job is rescaled. @requirements must
 * name every vertex of the job, with bounds from 1 to the vertex's maximum
 * parallelism; bad bounds fail with %FLINK_ERROR_INVALID_ARGUMENT before
 * anything is sent.
 *
 * The call returns once the cluster stored the requirements. The adaptive
 * scheduler then restarts the job from its latest checkpoint at the new
 * parallelism when it has the slots, and not before its cooldown after the
 * last rescale (`jobmanager.adaptive-scheduler.executing.cooldown-after-rescaling`,
 * `jobmanager.adaptive-scheduler.scaling-interval.min` in 1.x, 30 s by
 * default); watch the vertices' parallelism in
 * [method@Flink.JobClient.get_job_details_async]. Sending the same
 * requirements again changes nothing, so the request is retried like a
 * read.
 */
void
flink_job_client_set_resource_requirements_async (FlinkJobClient               *self,
                                                  FlinkJobResourceRequirements *requirements,
                                                  GCancellable                 *cancellable,
                                                  GAsyncReadyCallback           callback,
                                                  gpointer                      user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) body = NULL;
  GError *error = NULL;
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (FLINK_IS_JOB_RESOURCE_REQUIREMENTS (requirements));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = job_task_new (self, flink_job_client_set_resource_requirements_async,
                       "[flinkjob] set_resource_requirements", "set the resource requirements of",
                       cancellable, callback, user_data);
  if (!check_resource_requirements_support (self, task))
    return;
  if (!_flink_job_resource_requirements_check (requirements, &error))
    {
      g_task_return_new_error (task, FLINK_ERROR, error->code, "%s: %s",
                               (const char *) g_task_get_task_data (task), error->message);
      g_error_free (error);
      g_object_unref (task);
      return;
    }
  path = g_strconcat ("/jobs/", self->job_id, "/resource-requirements", NULL);
  body = _flink_job_resource_requirements_to_json (requirements);
  _flink_cluster_client_request_async (self->cluster_client, "PUT", path, NULL, body, NULL,
                                       g_task_get_task_data (task), cancellable,
                                       set_resource_requirements_cb, task);
}

/**
 * flink_job_client_set_resource_requirements_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.set_resource_requirements_async].
 *
 * Returns: %TRUE if the cluster took the requirements, %FALSE with @error
 *   set
 */
gboolean
flink_job_client_set_resource_requirements_finish (FlinkJobClient  *self,
                                                   GAsyncResult    *result,
                                                   GError         **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_set_resource_requirements_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Accumulators ------------------------------------------------------- */

static void
get_accumulators_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  _flink_task_return_decoded (task, result, (FlinkDecoder) _flink_accumulators_new_from_json);
}

/**
 * flink_job_client_get_accumulators_async:
 * @self: a job client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the accumulators are read
 * @user_data: data for @callback
 *
 * Reads the job's user accumulators (`GET /jobs/:jobid/accumulators`): their
 * names, Java types and values as text. This works while the job runs and
 * after it ended, as long as the cluster remembers it.
 */
void
flink_job_client_get_accumulators_async (FlinkJobClient      *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = job_task_new (self, flink_job_client_get_accumulators_async,
                       "[flinkjob] get_accumulators", "read the accumulators of",
                       cancellable, callback, user_data);
  job_get (self, task, "/accumulators", get_accumulators_cb);
}

/**
 * flink_job_client_get_accumulators_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.get_accumulators_async].
 *
 * Returns: (transfer full): a list model of the job's
 *   [class@Flink.Accumulator]s, or %NULL on error
 */
GListModel *
flink_job_client_get_accumulators_finish (FlinkJobClient  *self,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_get_accumulators_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Job result --------------------------------------------------------- */

/* Reading the accumulators' text after the job ended takes care: the REST
 * endpoint serves the job's execution graph from a cache that lives for
 * web.refresh-interval (3 s by default), so right after the end it may
 * still show the running job and its accumulators of then. The job details
 * come from the same cache: once they show the final status, the
 * accumulators are final too. */
#define RESULT_CACHE_POLL_MS 250
#define RESULT_CACHE_MAX_POLLS 60

typedef struct {
  char *context;
  JsonObject *completed;
  guint polls;
} ResultOp;

static void
result_op_free (ResultOp *op)
{
  g_free (op->context);
  g_clear_pointer (&op->completed, json_object_unref);
  g_free (op);
}

static void
result_accumulators_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ResultOp *op = g_task_get_task_data (task);
  g_autoptr(GListModel) readable = NULL;
  g_autoptr(GError) error = NULL;
  FlinkJobResult *job_result;

  readable = flink_job_client_get_accumulators_finish (FLINK_JOB_CLIENT (source), result, &error);
  if (readable == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* The result stands without readable values. */
      g_debug ("The accumulators' values could not be read: %s", error->message);
      g_clear_error (&error);
    }

  job_result = _flink_job_result_new_from_json (op->completed, readable, &error);
  if (job_result == NULL)
    _flink_task_return_decoding_error (task, g_steal_pointer (&error), op->context);
  else
    g_task_return_pointer (task, job_result, g_object_unref);
}

static void result_check_details (GTask *task);

static void
result_details_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FlinkJobClient *self = g_task_get_source_object (task);
  ResultOp *op = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(FlinkJobDetails) details = NULL;
  g_autoptr(GError) error = NULL;

  details = flink_job_client_get_job_details_finish (self, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (details != NULL &&
      !flink_job_status_is_globally_terminal (flink_job_details_get_status (details)) &&
      ++op->polls < RESULT_CACHE_MAX_POLLS)
    {
      _flink_task_sleep_then (g_steal_pointer (&task), RESULT_CACHE_POLL_MS, result_check_details);
      return;
    }
  if (details == NULL)
    g_debug ("The job's details could not be read: %s", error->message);

  /* The result's accumulators are Java-serialized; the accumulators
   * endpoint has their text while the cluster remembers the job. */
  flink_job_client_get_accumulators_async (self, cancellable,
                                           result_accumulators_cb, g_steal_pointer (&task));
}

static void
result_check_details (GTask *task)
{
  flink_job_client_get_job_details_async (g_task_get_source_object (task),
                                          g_task_get_cancellable (task),
                                          result_details_cb, task);
}

static void
result_completed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ResultOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->completed = _flink_cluster_client_await_completion_finish (FLINK_CLUSTER_CLIENT (source), result, &error);
  if (op->completed == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  result_check_details (g_steal_pointer (&task));
}

/**
 * flink_job_client_get_job_execution_result_async:
 * @self: a job client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the job has ended
 * @user_data: data for @callback
 *
 * Waits until the job is globally terminal (FINISHED, CANCELED or FAILED)
 * and gets its result (`GET /jobs/:jobid/execution-result`): how it ended,
 * its net runtime, the failure's exception when it failed, and its
 * accumulators. There is no deadline: cancel @cancellable to stop waiting
 * (the job is not affected).
 *
 * The accumulators' readable values come from the accumulators endpoint,
 * read once the cluster's REST cache (`web.refresh-interval`) shows the job
 * ended, so they are the final ones.
 *
 * A job the cluster no longer remembers (`jobstore.expiration-time` after
 * it ended) is %FLINK_ERROR_NOT_FOUND.
 */
void
flink_job_client_get_job_execution_result_async (FlinkJobClient      *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data)
{
  g_autofree char *path = NULL;
  ResultOp *op;
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, flink_job_client_get_job_execution_result_async);
  g_task_set_name (task, "[flinkjob] get_job_execution_result");
  op = g_new0 (ResultOp, 1);
  op->context = job_context (self, "get the result of", NULL);
  g_task_set_task_data (task, op, (GDestroyNotify) result_op_free);
  if (job_client_unusable (self, task, op->context))
    return;

  path = g_strconcat ("/jobs/", self->job_id, "/execution-result", NULL);
  _flink_cluster_client_await_completion_async (self->cluster_client, path, op->context,
                                                cancellable, result_completed_cb, task);
}

/**
 * flink_job_client_get_job_execution_result_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.get_job_execution_result_async].
 *
 * Returns: (transfer full): the job's result, or %NULL on error
 */
FlinkJobResult *
flink_job_client_get_job_execution_result_finish (FlinkJobClient  *self,
                                                  GAsyncResult    *result,
                                                  GError         **error)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_get_job_execution_result_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Watching ------------------------------------------------------------ */

#define POLL_FAST_MS 250           /* just after a change, or entering a transition */
#define POLL_TRANSITION_MAX_MS 2000
#define POLL_STEADY_FIRST_MS 1000  /* steady: grows by half each poll */
#define POLL_STEADY_MAX_MS 5000
#define POLL_UNREACHABLE_FIRST_MS 1000
#define POLL_UNREACHABLE_MAX_MS 30000
#define FAST_POLLS_AFTER_CHANGE 4

static gboolean
status_in_transition (FlinkJobStatus status)
{
  switch (status)
    {
    case FLINK_JOB_STATUS_RUNNING:
    case FLINK_JOB_STATUS_FINISHED:
    case FLINK_JOB_STATUS_CANCELED:
    case FLINK_JOB_STATUS_FAILED:
      return FALSE;
    default:
      return TRUE;
    }
}

static void poll_status (FlinkJobClient *self);

static gboolean
poll_timeout_cb (gpointer user_data)
{
  FlinkJobClient *self = user_data;

  self->poll_source = 0;
  poll_status (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_poll (FlinkJobClient *self,
               guint           milliseconds)
{
  g_clear_handle_id (&self->poll_source, g_source_remove);
  /* No reference: dispose removes the source. */
  self->poll_source = g_timeout_add (_flink_jitter (milliseconds), poll_timeout_cb, self);
  g_source_set_name_by_id (self->poll_source, "[flinkjob] job status poll");
}

static void
stop_polling (FlinkJobClient *self)
{
  g_clear_handle_id (&self->poll_source, g_source_remove);
  if (self->poll_cancellable != NULL)
    {
      g_cancellable_cancel (self->poll_cancellable);
      g_clear_object (&self->poll_cancellable);
    }
}

static void
set_reachable (FlinkJobClient *self,
               gboolean        reachable)
{
  if (self->reachable == reachable)
    return;
  self->reachable = reachable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REACHABLE]);
}

static void
set_status (FlinkJobClient *self,
            FlinkJobStatus  status)
{
  FlinkJobStatus old = self->status;

  if (old == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  g_signal_emit (self, signals[SIGNAL_STATUS_CHANGED], 0, old, status);
}

static void
poll_status_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FlinkJobClient) self = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  FlinkJobStatus status;
  JsonObject *object;
  const char *text;

  root = _flink_cluster_client_request_finish (FLINK_CLUSTER_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->poll_cancellable);
  if (!self->watched)
    return;

  if (root == NULL)
    {
      if (g_error_matches (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND))
        {
          /* The cluster does not know the job (any more): nothing to watch. */
          g_debug ("Stopped watching job %s: %s", self->job_id, error->message);
          set_reachable (self, TRUE);
          set_status (self, FLINK_JOB_STATUS_UNKNOWN);
          return;
        }
      /* Unreachable, or answering nonsense: that is not news about the job. */
      g_debug ("Watching job %s: %s", self->job_id, error->message);
      set_reachable (self, FALSE);
      self->interval = self->interval < POLL_UNREACHABLE_FIRST_MS
        ? POLL_UNREACHABLE_FIRST_MS : MIN (self->interval * 2, POLL_UNREACHABLE_MAX_MS);
      schedule_poll (self, self->interval);
      return;
    }

  object = _flink_json_node_get_object (root, NULL);
  text = _flink_json_get_string (object, "status");
  status = flink_job_status_from_string (text);
  set_reachable (self, TRUE);
  if (status != self->status)
    self->fast_polls_left = FAST_POLLS_AFTER_CHANGE;
  set_status (self, status);

  /* A handler may have stopped the watch, or finalized nothing: check. */
  if (!self->watched || flink_job_status_is_globally_terminal (status))
    return;

  if (self->fast_polls_left > 0)
    {
      /* Just changed: look again soon. */
      self->fast_polls_left--;
      self->interval = POLL_FAST_MS;
    }
  else if (status_in_transition (status))
    /* In transition: quick, but backing off if it stays there (a job
     * stuck RESTARTING is not watched four times a second for ever). */
    self->interval = CLAMP (self->interval + self->interval / 2, POLL_FAST_MS, POLL_TRANSITION_MAX_MS);
  else if (self->interval < POLL_STEADY_FIRST_MS)
    self->interval = POLL_STEADY_FIRST_MS;
  else
    self->interval = MIN (self->interval + self->interval / 2, POLL_STEADY_MAX_MS);
  schedule_poll (self, self->interval);
}

static void
poll_status (FlinkJobClient *self)
{
  g_autofree char *path = g_strconcat ("/jobs/", self->job_id, "/status", NULL);
  g_autofree char *context = job_context (self, "watch", NULL);

  g_clear_object (&self->poll_cancellable);
  self->poll_cancellable = g_cancellable_new ();
  /* One attempt: a failure is reported as unreachable, and polled again. */
  _flink_cluster_client_request_full_async (self->cluster_client, "GET", path, NULL, NULL, NULL,
                                            FLINK_REQUEST_ONCE | FLINK_REQUEST_BACKGROUND, context,
                                            self->poll_cancellable, poll_status_cb, g_object_ref (self));
}

/**
 * flink_job_client_get_watched:
 * @self: a job client
 *
 * Gets [property@Flink.JobClient:watched].
 *
 * Returns: whether the client watches the job
 */
gboolean
flink_job_client_get_watched (FlinkJobClient *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), FALSE);
  return self->watched;
}

/**
 * flink_job_client_set_watched:
 * @self: a job client
 * @watched: whether to watch the job
 *
 * Starts or stops watching the job: see [property@Flink.JobClient:watched].
 * The first poll happens at once.
 */
void
flink_job_client_set_watched (FlinkJobClient *self,
                              gboolean        watched)
{
  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));

  watched = !!watched;
  if (self->watched == watched || self->cluster_client == NULL || self->job_id == NULL)
    return;
  self->watched = watched;
  stop_polling (self);
  if (watched)
    {
      self->interval = 0;
      self->fast_polls_left = 0;
      poll_status (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WATCHED]);
}

/**
 * flink_job_client_get_status:
 * @self: a job client
 *
 * Gets [property@Flink.JobClient:status], the status last seen while
 * watching; use [method@Flink.JobClient.get_job_status_async] to ask the
 * cluster now.
 *
 * Returns: the last status seen
 */
FlinkJobStatus
flink_job_client_get_status (FlinkJobClient *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), FLINK_JOB_STATUS_UNKNOWN);
  return self->status;
}

/**
 * flink_job_client_get_reachable:
 * @self: a job client
 *
 * Gets [property@Flink.JobClient:reachable].
 *
 * Returns: whether the last poll reached the cluster
 */
gboolean
flink_job_client_get_reachable (FlinkJobClient *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), FALSE);
  return self->reachable;
}

/* ---- Waiting for a status ---------------------------------------------- */

typedef struct {
  char *context;
  GArray *statuses;              /* FlinkJobStatus; empty: any globally terminal */
  gint64 deadline;               /* monotonic µs; 0 for none */
  FlinkJobStatus last;
  gboolean reached_cluster;
  guint interval;
  GError *last_error;
} WaitForStatus;

static void
wait_for_status_free (WaitForStatus *wait)
{
  g_free (wait->context);
  g_array_unref (wait->statuses);
  g_clear_error (&wait->last_error);
  g_free (wait);
}

static gboolean
wait_satisfied (WaitForStatus  *wait,
                FlinkJobStatus  status)
{
  if (wait->statuses->len == 0)
    return flink_job_status_is_globally_terminal (status);
  for (guint i = 0; i < wait->statuses->len; i++)
    if (g_array_index (wait->statuses, FlinkJobStatus, i) == status)
      return TRUE;
  return FALSE;
}

static void wait_poll (GTask *task);

static void
wait_poll_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WaitForStatus *wait = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_monotonic_time ();
  guint sleep_ms;

  root = _flink_cluster_client_request_finish (FLINK_CLUSTER_CLIENT (source), result, &error);
  if (root == NULL)
    {
      /* Not found, cancelled: final. Unreachable: keep trying until the
       * deadline, which then reports why. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND) ||
          g_error_matches (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_clear_error (&wait->last_error);
      wait->last_error = g_steal_pointer (&error);
      wait->interval = MIN (MAX (wait->interval * 2, POLL_UNREACHABLE_FIRST_MS), POLL_STEADY_MAX_MS);
    }
  else
    {
      FlinkJobStatus status = flink_job_status_from_string (
        _flink_json_get_string (_flink_json_node_get_object (root, NULL), "status"));

      wait->reached_cluster = TRUE;
      wait->last = status;
      g_clear_error (&wait->last_error);
      if (wait_satisfied (wait, status))
        {
          g_task_return_int (task, status);
          return;
        }
      if (flink_job_status_is_globally_terminal (status))
        {
          g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_CONFLICT,
                                   "%s: the job ended %s and will not change any more",
                                   wait->context, flink_job_status_to_string (status));
          return;
        }
      wait->interval = status_in_transition (status) ? POLL_FAST_MS : POLL_STEADY_FIRST_MS / 2;
    }

  sleep_ms = wait->interval;
  if (wait->deadline != 0)
    {
      if (now >= wait->deadline)
        {
          if (wait->last_error != NULL)
            g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_TIMED_OUT,
                                     "%s: timed out; the cluster could not be reached: %s",
                                     wait->context, wait->last_error->message);
          else
            g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_TIMED_OUT,
                                     "%s: timed out; the job is still %s",
                                     wait->context, flink_job_status_to_string (wait->last));
          return;
        }
      sleep_ms = MIN (sleep_ms, (guint) ((wait->deadline - now) / 1000) + 1);
    }
  _flink_task_sleep_then (g_steal_pointer (&task), sleep_ms, wait_poll);
}

static void
wait_poll (GTask *task)
{
  FlinkJobClient *self = g_task_get_source_object (task);
  WaitForStatus *wait = g_task_get_task_data (task);
  g_autofree char *path = g_strconcat ("/jobs/", self->job_id, "/status", NULL);

  _flink_cluster_client_request_full_async (self->cluster_client, "GET", path, NULL, NULL, NULL,
                                            FLINK_REQUEST_ONCE, wait->context,
                                            g_task_get_cancellable (task), wait_poll_cb, task);
}

/**
 * flink_job_client_wait_for_status_async:
 * @self: a job client
 * @statuses: (array length=n_statuses) (nullable): the statuses to wait for
 * @n_statuses: how many; 0 to wait for any globally terminal status
 *   (FINISHED, CANCELED, FAILED)
 * @timeout: the deadline in seconds; 0 for none
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the job has one of @statuses
 * @user_data: data for @callback
 *
 * Waits until the job has one of @statuses, polling quickly while it is in
 * transition. A cluster that cannot be reached for a while is polled again
 * until the deadline. Fails with %FLINK_ERROR_TIMED_OUT at the deadline, with
 * %FLINK_ERROR_CONFLICT if the job ends in another status, and with
 * %FLINK_ERROR_NOT_FOUND if the cluster does not know the job.
 */
void
flink_job_client_wait_for_status_async (FlinkJobClient       *self,
                                        const FlinkJobStatus *statuses,
                                        gsize                 n_statuses,
                                        guint                 timeout,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  g_autoptr(GString) names = g_string_new (NULL);
  WaitForStatus *wait;
  GTask *task;

  g_return_if_fail (FLINK_IS_JOB_CLIENT (self));
  g_return_if_fail (statuses != NULL || n_statuses == 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, flink_job_client_wait_for_status_async);
  g_task_set_name (task, "[flinkjob] wait_for_status");

  wait = g_new0 (WaitForStatus, 1);
  wait->statuses = g_array_new (FALSE, FALSE, sizeof (FlinkJobStatus));
  if (n_statuses > 0)
    g_array_append_vals (wait->statuses, statuses, n_statuses);
  for (gsize i = 0; i < n_statuses; i++)
    g_string_append_printf (names, "%s%s", i ? " or " : "", flink_job_status_to_string (statuses[i]));
  wait->context = g_strdup_printf ("Job %s on cluster %s did not become %s",
                                   self->job_id ? self->job_id : "(none)",
                                   self->cluster_client ? flink_cluster_client_get_url (self->cluster_client) : "(none)",
                                   n_statuses ? names->str : "FINISHED, CANCELED or FAILED");
  wait->deadline = timeout ? g_get_monotonic_time () + (gint64) timeout * G_USEC_PER_SEC : 0;
  wait->last = FLINK_JOB_STATUS_UNKNOWN;
  g_task_set_task_data (task, wait, (GDestroyNotify) wait_for_status_free);
  if (job_client_unusable (self, task, wait->context))
    return;

  wait_poll (task);
}

/**
 * flink_job_client_wait_for_status_finish:
 * @self: a job client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.JobClient.wait_for_status_async].
 *
 * Returns: the status reached, or %FLINK_JOB_STATUS_UNKNOWN with @error set
 */
FlinkJobStatus
flink_job_client_wait_for_status_finish (FlinkJobClient  *self,
                                         GAsyncResult    *result,
                                         GError         **error)
{
  gssize status;

  g_return_val_if_fail (FLINK_IS_JOB_CLIENT (self), FLINK_JOB_STATUS_UNKNOWN);
  g_return_val_if_fail (g_task_is_valid (result, self), FLINK_JOB_STATUS_UNKNOWN);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_job_client_wait_for_status_async,
                        FLINK_JOB_STATUS_UNKNOWN);

  status = g_task_propagate_int (G_TASK (result), error);
  return status < 0 ? FLINK_JOB_STATUS_UNKNOWN : (FlinkJobStatus) status;
}
