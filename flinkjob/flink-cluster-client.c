/* flink-cluster-client.c: a connection to one Flink cluster
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include "flink-cluster-client-private.h"
#include "flink-cluster-descriptor-private.h"
#include "flink-json-private.h"
#include "flink-task-private.h"
#include "flink-i18n-private.h"

/**
 * FlinkClusterClient:
 *
 * A connection to one Flink cluster, the middle of FLIP-74's three layers:
 * what a [class@Flink.ClusterDescriptor] retrieves, and what hands out
 * [class@Flink.JobClient]s.
 *
 * It does what concerns the whole cluster: read its version and overview,
 * list its jobs, upload, list, run and delete jars, submit a job in one
 * call, and dispose of savepoints. [method@Flink.ClusterClient.get_job_client]
 * gives a handle on a job that is already running, from its id alone.
 *
 * Every operation that talks to the cluster is asynchronous and takes a
 * [class@Gio.Cancellable]; callbacks run in the thread-default main context
 * of the thread that started the operation. One client holds one HTTP
 * session: use it from one thread.
 *
 * A cluster client keeps the settings of its
 * [property@Flink.ClusterClient:cluster-descriptor] as they were when it was
 * made, the cluster's Flink version once it has learned it, and the
 * poller that feeds its watchers; nothing else about the cluster.
 *
 * Since: 1.0
 */

struct _FlinkClusterClient
{
  GObject parent_instance;

  FlinkClusterDescriptor *descriptor;
  FlinkTransport         *transport;
  FlinkPoller            *poller; /* made by the first watcher */

  gboolean version_known; /* GET /config answered */
  char    *flink_version;
  char    *flink_revision;
  guint    flink_major;
  guint    flink_minor;
};

G_DEFINE_FINAL_TYPE (FlinkClusterClient, flink_cluster_client, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_CLUSTER_DESCRIPTOR,
  PROP_URL,
  PROP_FLINK_VERSION,
  PROP_FLINK_REVISION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
flink_cluster_client_dispose (GObject *object)
{
  FlinkClusterClient *self = FLINK_CLUSTER_CLIENT (object);

  if (self->transport != NULL)
    g_signal_handlers_disconnect_by_data (self->transport, self);
  g_clear_object (&self->poller);

  G_OBJECT_CLASS (flink_cluster_client_parent_class)->dispose (object);
}

static void
flink_cluster_client_finalize (GObject *object)
{
  FlinkClusterClient *self = FLINK_CLUSTER_CLIENT (object);

  g_clear_object (&self->descriptor);
  g_clear_object (&self->transport);
  g_clear_pointer (&self->flink_version, g_free);
  g_clear_pointer (&self->flink_revision, g_free);

  G_OBJECT_CLASS (flink_cluster_client_parent_class)->finalize (object);
}

static void
flink_cluster_client_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FlinkClusterClient *self = FLINK_CLUSTER_CLIENT (object);

  switch (prop_id)
    {
    case PROP_CLUSTER_DESCRIPTOR:
      g_value_set_object (value, self->descriptor);
      break;
    case PROP_URL:
      g_value_set_string (value, flink_cluster_client_get_url (self));
      break;
    case PROP_FLINK_VERSION:
      g_value_set_string (value, self->flink_version);
      break;
    case PROP_FLINK_REVISION:
      g_value_set_string (value, self->flink_revision);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flink_cluster_client_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FlinkClusterClient *self = FLINK_CLUSTER_CLIENT (object);

  switch (prop_id)
    {
    case PROP_CLUSTER_DESCRIPTOR:
      self->descriptor = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
url_changed_cb (GObject    *transport,
                GParamSpec *pspec,
                gpointer    user_data)
{
  g_object_notify_by_pspec (G_OBJECT (user_data), properties[PROP_URL]);
}

static void
flink_cluster_client_constructed (GObject *object)
{
  FlinkClusterClient            *self = FLINK_CLUSTER_CLIENT (object);
  const FlinkConnectionSettings *settings;

  G_OBJECT_CLASS (flink_cluster_client_parent_class)->constructed (object);

  settings = self->descriptor ? _flink_cluster_descriptor_get_settings (self->descriptor) : NULL;
  if (settings == NULL || settings->endpoints->len == 0)
    {
      g_critical ("A FlinkClusterClient needs a cluster-descriptor that names a cluster: make "
                  "one with flink_cluster_client_new() or "
                  "flink_cluster_descriptor_retrieve_async()");
      return;
    }
  self->transport = _flink_transport_new (_flink_connection_settings_copy (settings));
  g_signal_connect (self->transport, "notify::url", G_CALLBACK (url_changed_cb), self);
}

static void
flink_cluster_client_class_init (FlinkClusterClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = flink_cluster_client_dispose;
  object_class->finalize = flink_cluster_client_finalize;
  object_class->get_property = flink_cluster_client_get_property;
  object_class->set_property = flink_cluster_client_set_property;
  object_class->constructed = flink_cluster_client_constructed;

  /**
   * FlinkClusterClient:cluster-descriptor:
   *
   * The descriptor the client was made from. The client copies its
   * settings when it is made: later changes to the descriptor do not
   * affect it.
   *
   * Since: 1.0
   */
  properties[PROP_CLUSTER_DESCRIPTOR] =
    g_param_spec_object ("cluster-descriptor", NULL, NULL, FLINK_TYPE_CLUSTER_DESCRIPTOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkClusterClient:url:
   *
   * The REST URL of the cluster, such as `http://127.0.0.1:8081`: of several
   * endpoints, the one in use.
   *
   * Since: 1.0
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkClusterClient:flink-version:
   *
   * The cluster's Flink version, such as "2.3.0", as `GET /config` reports
   * it: known once the client was retrieved
   * ([method@Flink.ClusterDescriptor.retrieve_async]) or an operation that
   * depends on the version (running a jar, triggering a checkpoint, resource
   * requirements) needed it; %NULL until then. Other operations do not ask
   * for it: each is one request.
   *
   * Since: 1.0
   */
  properties[PROP_FLINK_VERSION] =
    g_param_spec_string ("flink-version", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkClusterClient:flink-revision:
   *
   * The revision (commit and date) the cluster's Flink was built from, known
   * with [property@Flink.ClusterClient:flink-version].
   *
   * Since: 1.0
   */
  properties[PROP_FLINK_REVISION] =
    g_param_spec_string ("flink-revision", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
flink_cluster_client_init (FlinkClusterClient *self)
{
}

/**
 * flink_cluster_client_new:
 * @descriptor: how to reach the cluster
 *
 * Makes a client of the cluster @descriptor names, without contacting it:
 * whether the cluster is there shows at the first operation
 * (%FLINK_ERROR_CONNECTION_FAILED, or %FLINK_ERROR_PROTOCOL_ERROR when what
 * answers is not Flink). [method@Flink.ClusterDescriptor.retrieve_async]
 * contacts it first and learns its Flink version.
 *
 * Returns: (transfer full): a new cluster client
 *
 * Since: 1.0
 */
FlinkClusterClient *
flink_cluster_client_new (FlinkClusterDescriptor *descriptor)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (descriptor), NULL);

  return g_object_new (FLINK_TYPE_CLUSTER_CLIENT, "cluster-descriptor", descriptor, NULL);
}

FlinkTransport *
_flink_cluster_client_get_transport (FlinkClusterClient *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), NULL);
  return self->transport;
}

FlinkPoller *
_flink_cluster_client_get_poller (FlinkClusterClient *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), NULL);

  if (self->poller == NULL && self->transport != NULL)
    self->poller = _flink_poller_new (self->transport);
  return self->poller;
}

void
_flink_cluster_client_poll_soon (FlinkClusterClient *self,
                                 const char         *job_id)
{
  if (self->poller != NULL)
    _flink_poller_poll_soon (self->poller, job_id);
}

static void
parse_version (const char *version,
               guint      *major,
               guint      *minor)
{
  g_auto (GStrv) parts = NULL;
  guint64        value;

  *major = 0;
  *minor = 0;
  if (version == NULL)
    return;
  parts = g_strsplit_set (version, ".-", 3);
  if (parts[0] && g_ascii_string_to_unsigned (parts[0], 10, 0, 1000, &value, NULL))
    *major = value;
  if (parts[0] && parts[1] && g_ascii_string_to_unsigned (parts[1], 10, 0, 1000, &value, NULL))
    *minor = value;
}

gboolean
_flink_cluster_client_set_config (FlinkClusterClient *self,
                                  JsonObject         *config,
                                  GError            **error)
{
  g_autofree char *version = NULL;
  g_autofree char *revision = NULL;

  if (!_flink_version_from_json (config, &version, &revision, error))
    return FALSE;
  g_free (self->flink_version);
  self->flink_version = g_steal_pointer (&version);
  g_free (self->flink_revision);
  self->flink_revision = g_steal_pointer (&revision);
  parse_version (self->flink_version, &self->flink_major, &self->flink_minor);
  self->version_known = TRUE;
  g_debug ("Cluster %s runs Flink %s", flink_cluster_client_get_url (self), self->flink_version);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLINK_VERSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLINK_REVISION]);
  return TRUE;
}

static void
version_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask)         task = user_data;
  FlinkClusterClient       *self = g_task_get_source_object (task);
  g_autoptr (FlinkResponse) response = NULL;
  GError                   *error = NULL;
  JsonObject               *config;

  config = _flink_task_take_response_object (task, result, &response);
  if (config == NULL)
    return;
  if (!self->version_known && !_flink_cluster_client_set_config (self, config, &error))
    _flink_task_return_error_in_context (task, error, response->context);
  else
    g_task_return_boolean (task, TRUE);
}

/* The cluster's version is read once, by the first operation that needs
 * it (GET /config), not before every command: a status or a list is one
 * request. */
void
_flink_cluster_client_ensure_version_async (FlinkClusterClient *self,
                                            const char         *context,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data)
{
  GTask       *task = _flink_task_new (self, _flink_cluster_client_ensure_version_async,
                                       "[flinkjob] ensure_version", cancellable, callback, user_data);
  FlinkRequest request = { .method = "GET", .path = "/config", .context = context };

  if (self->version_known)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  _flink_transport_send_async (self->transport, &request, cancellable, version_read_cb, task);
}

gboolean
_flink_cluster_client_ensure_version_finish (FlinkClusterClient *self,
                                             GAsyncResult       *result,
                                             GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _flink_cluster_client_ensure_version_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
_flink_cluster_client_version_at_least (FlinkClusterClient *self,
                                        guint               major,
                                        guint               minor)
{
  if (self->flink_major == 0)
    return TRUE;
  return self->flink_major > major ||
         (self->flink_major == major && self->flink_minor >= minor);
}

JsonNode *
_flink_cluster_client_run_body (FlinkClusterClient *self,
                                FlinkRunOptions    *options)
{
  if (self->flink_major == 0)
    return _flink_run_options_to_json (options, G_MAXUINT16, 0);
  return _flink_run_options_to_json (options, self->flink_major, self->flink_minor);
}

/* ---- Properties --------------------------------------------------------- */

/**
 * flink_cluster_client_get_url:
 * @self: a cluster client
 *
 * The REST URL of the cluster, such as `http://127.0.0.1:8081`, without a
 * trailing slash and without user name or password.
 *
 * Returns: (transfer none): the cluster's URL
 *
 * Since: 1.0
 */
const char *
flink_cluster_client_get_url (FlinkClusterClient *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), NULL);
  return self->transport ? _flink_transport_get_url (self->transport) : NULL;
}

/**
 * flink_cluster_client_get_flink_version:
 * @self: a cluster client
 *
 * The Flink version the cluster reported when the client was retrieved,
 * such as "1.20.5" or "2.3.0". The client uses it to send each request in
 * the form that version expects.
 *
 * Returns: (nullable) (transfer none): the version, or %NULL if the cluster
 *   did not report one
 *
 * Since: 1.0
 */
const char *
flink_cluster_client_get_flink_version (FlinkClusterClient *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), NULL);
  return self->flink_version;
}

/**
 * flink_cluster_client_get_flink_revision:
 * @self: a cluster client
 *
 * The revision the cluster's Flink was built from, as `GET /config`
 * reports it.
 *
 * Returns: (nullable) (transfer none): the revision, or %NULL
 *
 * Since: 1.0
 */
const char *
flink_cluster_client_get_flink_revision (FlinkClusterClient *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), NULL);
  return self->flink_revision;
}

/**
 * flink_cluster_client_get_job_client:
 * @self: a cluster client
 * @job_id: a job id: 32 hexadecimal characters
 * @error: return location for a #GError
 *
 * Gets a [class@Flink.JobClient] for a job of this cluster from its id
 * alone, as FLIP-74's retrieval from configuration does. Nothing is sent to
 * the cluster: the id's form is checked here, and whether the cluster knows
 * the job shows at the first operation (%FLINK_ERROR_NOT_FOUND).
 *
 * Returns: (transfer full): a job client, or %NULL with
 *   %FLINK_ERROR_INVALID_ARGUMENT if @job_id is not a Flink job id
 *
 * Since: 1.0
 */
FlinkJobClient *
flink_cluster_client_get_job_client (FlinkClusterClient *self,
                                     const char         *job_id,
                                     GError            **error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!flink_job_id_is_valid (job_id))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("“%s” is not a Flink job id (32 hexadecimal characters, such as "
                      "a1b2c3d4e5f60718293a4b5c6d7e8f90); cluster %s"),
                   job_id ? job_id : "(null)", flink_cluster_client_get_url (self));
      return NULL;
    }
  lower = g_ascii_strdown (job_id, -1);
  return g_object_new (FLINK_TYPE_JOB_CLIENT, "cluster-client", self, "job-id", lower, NULL);
}

/* ---- Overview and jobs ---------------------------------------------- */

/* GET @path for @task; "<what> of cluster <url>" heads every error. */
static void
cluster_get (FlinkClusterClient *self,
             const char         *path,
             const char         *what,
             GTask              *task,
             GAsyncReadyCallback callback)
{
  g_autofree char *context = g_strconcat (what, " of cluster ", flink_cluster_client_get_url (self), NULL);
  FlinkRequest     request = { .method = "GET", .path = path, .context = context };

  _flink_transport_send_async (self->transport, &request, g_task_get_cancellable (task),
                               callback, task);
}

static void
get_overview_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;

  _flink_task_return_decoded (task, result, (FlinkDecoder) _flink_cluster_overview_new_from_json);
}

/**
 * flink_cluster_client_get_overview_async:
 * @self: a cluster client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the overview is read
 * @user_data: data for @callback
 *
 * Reads the cluster's overview (`GET /overview`): its version, task
 * managers, slots and job counts.
 *
 * Since: 1.0
 */
void
flink_cluster_client_get_overview_async (FlinkClusterClient *self,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_CLUSTER_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_task_new (self, flink_cluster_client_get_overview_async,
                          "[flinkjob] get_overview", cancellable, callback, user_data);
  cluster_get (self, "/overview", "Cannot read the overview", task, get_overview_cb);
}

/**
 * flink_cluster_client_get_overview_finish:
 * @self: a cluster client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.ClusterClient.get_overview_async].
 *
 * Returns: (transfer full): the cluster's overview, or %NULL on error
 *
 * Since: 1.0
 */
FlinkClusterOverview *
flink_cluster_client_get_overview_finish (FlinkClusterClient *self,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_client_get_overview_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Jobs --------------------------------------------------------------- */

static void
list_jobs_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;

  _flink_task_return_decoded (task, result, (FlinkDecoder) _flink_job_overviews_new_from_json);
}

/**
 * flink_cluster_client_list_jobs_async:
 * @self: a cluster client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the list is read
 * @user_data: data for @callback
 *
 * Lists the jobs the cluster knows (`GET /jobs/overview`): those running and
 * those that ended less than `jobstore.expiration-time` ago.
 *
 * Since: 1.0
 */
void
flink_cluster_client_list_jobs_async (FlinkClusterClient *self,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_CLUSTER_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_task_new (self, flink_cluster_client_list_jobs_async,
                          "[flinkjob] list_jobs", cancellable, callback, user_data);
  cluster_get (self, "/jobs/overview", "Cannot list the jobs", task, list_jobs_cb);
}

/**
 * flink_cluster_client_list_jobs_finish:
 * @self: a cluster client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.ClusterClient.list_jobs_async].
 *
 * Returns: (transfer full): a list model of [class@Flink.JobOverview], or
 *   %NULL on error
 *
 * Since: 1.0
 */
GListModel *
flink_cluster_client_list_jobs_finish (FlinkClusterClient *self,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_client_list_jobs_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
