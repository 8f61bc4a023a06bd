/* flink-cluster-client.c: a connection to one Flink cluster
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "flink-private.h"

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
 */

struct _FlinkClusterClient
{
  GObject parent_instance;

  GUri *base_uri;
  char *url;
  SoupSession *session;

  char *flink_version;
  char *flink_revision;
  guint flink_major;
  guint flink_minor;
};

G_DEFINE_FINAL_TYPE (FlinkClusterClient, flink_cluster_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  PROP_FLINK_VERSION,
  PROP_FLINK_REVISION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
flink_cluster_client_finalize (GObject *object)
{
  FlinkClusterClient *self = FLINK_CLUSTER_CLIENT (object);

  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_clear_pointer (&self->url, g_free);
  g_clear_object (&self->session);
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
    case PROP_URL:
      g_value_set_string (value, self->url);
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
flink_cluster_client_class_init (FlinkClusterClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flink_cluster_client_finalize;
  object_class->get_property = flink_cluster_client_get_property;

  /**
   * FlinkClusterClient:url:
   *
   * The REST URL of the cluster, such as `http://127.0.0.1:8081`.
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkClusterClient:flink-version:
   *
   * The cluster's Flink version, such as "2.3.0", as read from `GET /config`
   * when the client was retrieved.
   */
  properties[PROP_FLINK_VERSION] =
    g_param_spec_string ("flink-version", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkClusterClient:flink-revision:
   *
   * The revision (commit and date) the cluster's Flink was built from.
   */
  properties[PROP_FLINK_REVISION] =
    g_param_spec_string ("flink-revision", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
flink_cluster_client_init (FlinkClusterClient *self)
{
}

FlinkClusterClient *
_flink_cluster_client_new (GUri       *base_uri,
                           guint       timeout,
                           const char *user_agent)
{
  FlinkClusterClient *self = g_object_new (FLINK_TYPE_CLUSTER_CLIENT, NULL);
  g_autofree char *url = g_uri_to_string_partial (base_uri, G_URI_HIDE_PASSWORD);
  gsize len = strlen (url);

  /* No trailing slash: paths are appended to it. */
  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';

  self->base_uri = g_uri_ref (base_uri);
  self->url = g_steal_pointer (&url);
  self->session = soup_session_new_with_options ("timeout", timeout,
                                                 "user-agent", user_agent,
                                                 NULL);
  return self;
}

static void
parse_version (const char *version,
               guint      *major,
               guint      *minor)
{
  g_auto(GStrv) parts = NULL;
  guint64 value;

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

void
_flink_cluster_client_set_config (FlinkClusterClient *self,
                                  JsonObject         *config)
{
  g_free (self->flink_version);
  self->flink_version = g_strdup (_flink_json_get_string (config, "flink-version"));
  g_free (self->flink_revision);
  self->flink_revision = g_strdup (_flink_json_get_string (config, "flink-revision"));
  parse_version (self->flink_version, &self->flink_major, &self->flink_minor);
  g_debug ("Cluster %s runs Flink %s", self->url,
           self->flink_version ? self->flink_version : "(unknown version)");
}

/* A cluster whose version could not be read is taken to be recent. */
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

/* ---- Transport ---------------------------------------------------------- */

typedef struct {
  SoupMessage *message;
  char *context;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->message);
  g_free (request->context);
  g_free (request);
}

static void
request_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FlinkClusterClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      g_debug ("%s %s failed: %s", soup_message_get_method (request->message),
               g_uri_get_path (soup_message_get_uri (request->message)), error->message);
      g_task_return_error (task, _flink_error_new_for_transport (error, self->url, request->context));
      return;
    }

  status = soup_message_get_status (request->message);
  g_debug ("%s %s -> %u (%" G_GSIZE_FORMAT " bytes)",
           soup_message_get_method (request->message),
           g_uri_get_path (soup_message_get_uri (request->message)),
           status, g_bytes_get_size (body));

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_error (task, _flink_error_new_for_http (status, body, request->context));
      return;
    }

  if (g_bytes_get_size (body) == 0)
    {
      /* Some handlers answer 202 or 200 with no body at all. */
      root = json_node_init_object (json_node_alloc (), json_object_new ());
    }
  else
    {
      root = _flink_json_parse (body, &error);
      if (root == NULL)
        {
          g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                                   "%s: %s answered with something that is not Flink's: %s",
                                   request->context, self->url, error->message);
          return;
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&root), (GDestroyNotify) json_node_unref);
}

/*
 * @path: the path below the cluster's URL, escaped, starting with '/'
 * @query: (nullable): the escaped query, without '?'
 * @body: (nullable): a JSON body
 * @multipart: (nullable): a multipart body, instead of @body
 * @context: what is being done, for error messages
 */
void
_flink_cluster_client_request_async (FlinkClusterClient  *self,
                                     const char          *method,
                                     const char          *path,
                                     const char          *query,
                                     JsonNode            *body,
                                     SoupMultipart       *multipart,
                                     const char          *context,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *full_path = NULL;
  const char *base_path;
  Request *request;

  g_return_if_fail (FLINK_IS_CLUSTER_CLIENT (self));
  g_return_if_fail (path != NULL && path[0] == '/');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _flink_cluster_client_request_async);
  g_task_set_name (task, "[flinkjob] request");

  base_path = g_uri_get_path (self->base_uri);
  if (g_str_has_suffix (base_path, "/"))
    full_path = g_strconcat (base_path, path + 1, NULL);
  else
    full_path = g_strconcat (base_path, path, NULL);

  uri = g_uri_build (G_URI_FLAGS_ENCODED,
                     g_uri_get_scheme (self->base_uri),
                     NULL,
                     g_uri_get_host (self->base_uri),
                     g_uri_get_port (self->base_uri),
                     full_path, query, NULL);

  request = g_new0 (Request, 1);
  request->message = soup_message_new_from_uri (method, uri);
  request->context = g_strdup (context);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                "Accept", "application/json");

  if (multipart != NULL)
    {
      g_autoptr(GBytes) bytes = NULL;

      soup_multipart_to_message (multipart,
                                 soup_message_get_request_headers (request->message),
                                 &bytes);
      soup_message_set_request_body_from_bytes (request->message, NULL, bytes);
    }
  else if (body != NULL)
    {
      g_autofree char *text = json_to_string (body, FALSE);
      gsize len = strlen (text);
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), len);

      soup_message_set_request_body_from_bytes (request->message, "application/json", bytes);
    }

  g_debug ("%s %s%s%s", method, full_path, query ? "?" : "", query ? query : "");

  soup_session_send_and_read_async (self->session, request->message,
                                    G_PRIORITY_DEFAULT, cancellable,
                                    request_cb, g_steal_pointer (&task));
}

/* Returns: (transfer full): the response's JSON, an empty object when the
 * cluster sent no body */
JsonNode *
_flink_cluster_client_request_finish (FlinkClusterClient  *self,
                                      GAsyncResult        *result,
                                      GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _flink_cluster_client_request_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Takes the response object of a finished request, or returns NULL with the
 * task already answered. */
JsonObject *
_flink_task_take_response_object (GTask        *task,
                      GAsyncResult *result,
                      JsonNode    **out_root,
                      const char   *context)
{
  FlinkClusterClient *client = g_task_get_source_object (G_TASK (result));
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  *out_root = _flink_cluster_client_request_finish (client, result, &error);
  if (*out_root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return NULL;
    }
  object = _flink_json_node_get_object (*out_root, &error);
  if (object == NULL)
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                               "%s: %s", context, error->message);
      return NULL;
    }
  return object;
}

/* Answers @task with a decoding error, saying what was being done. */
void
_flink_task_return_decoding_error (GTask      *task,
                       GError     *error,
                       const char *context)
{
  g_task_return_new_error (task, FLINK_ERROR, error->code, "%s: %s", context, error->message);
  g_error_free (error);
}

/* ---- Properties --------------------------------------------------------- */

/**
 * flink_cluster_client_get_url:
 * @self: a cluster client
 *
 * The REST URL of the cluster, such as `http://127.0.0.1:8081`, without a
 * trailing slash and without any password.
 *
 * Returns: (transfer none): the cluster's URL
 */
const char *
flink_cluster_client_get_url (FlinkClusterClient *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), NULL);
  return self->url;
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
 */
FlinkJobClient *
flink_cluster_client_get_job_client (FlinkClusterClient  *self,
                                     const char          *job_id,
                                     GError             **error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_flink_id_is_valid (job_id))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a Flink job id (32 hexadecimal characters, such as "
                   "a1b2c3d4e5f60718293a4b5c6d7e8f90); cluster %s",
                   job_id ? job_id : "(null)", self->url);
      return NULL;
    }
  lower = g_ascii_strdown (job_id, -1);
  return _flink_job_client_new (self, lower);
}

/* ---- Overview ----------------------------------------------------------- */

char *
_flink_context_printf (const char *format,
                       ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return text;
}

static void
get_overview_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *context = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  FlinkClusterOverview *overview;

  object = _flink_task_take_response_object (task, result, &root, context);
  if (object == NULL)
    return;
  overview = _flink_cluster_overview_new_from_json (object, &error);
  if (overview == NULL)
    _flink_task_return_decoding_error (task, g_steal_pointer (&error), context);
  else
    g_task_return_pointer (task, overview, g_object_unref);
}

GTask *
_flink_task_new (gpointer             self,
                 gpointer             source_tag,
                 const char          *name,
                 char                *context,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, name);
  g_task_set_task_data (task, context, g_free);
  return task;
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
 */
void
flink_cluster_client_get_overview_async (FlinkClusterClient  *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_CLUSTER_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_task_new (self, flink_cluster_client_get_overview_async,
                   "[flinkjob] get_overview",
                   _flink_context_printf ("Cannot read the overview of cluster %s", self->url),
                   cancellable, callback, user_data);
  _flink_cluster_client_request_async (self, "GET", "/overview", NULL, NULL, NULL,
                                       g_task_get_task_data (task), cancellable,
                                       get_overview_cb, task);
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
 */
FlinkClusterOverview *
flink_cluster_client_get_overview_finish (FlinkClusterClient  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
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
  g_autoptr(GTask) task = user_data;
  const char *context = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  GListModel *jobs;

  object = _flink_task_take_response_object (task, result, &root, context);
  if (object == NULL)
    return;
  jobs = _flink_job_overviews_new_from_json (object, &error);
  if (jobs == NULL)
    _flink_task_return_decoding_error (task, g_steal_pointer (&error), context);
  else
    g_task_return_pointer (task, jobs, g_object_unref);
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
 */
void
flink_cluster_client_list_jobs_async (FlinkClusterClient  *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_CLUSTER_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_task_new (self, flink_cluster_client_list_jobs_async,
                   "[flinkjob] list_jobs",
                   _flink_context_printf ("Cannot list the jobs of cluster %s", self->url),
                   cancellable, callback, user_data);
  _flink_cluster_client_request_async (self, "GET", "/jobs/overview", NULL, NULL, NULL,
                                       g_task_get_task_data (task), cancellable,
                                       list_jobs_cb, task);
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
 */
GListModel *
flink_cluster_client_list_jobs_finish (FlinkClusterClient  *self,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_client_list_jobs_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Jars --------------------------------------------------------------- */

static const char jar_magic[] = { 'P', 'K', 0x03, 0x04 };

static void
upload_jar_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *context = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  const char *filename;
  const char *status;

  object = _flink_task_take_response_object (task, result, &root, context);
  if (object == NULL)
    return;

  status = _flink_json_get_string (object, "status");
  filename = _flink_json_get_string (object, "filename");
  if (filename == NULL || (status != NULL && g_strcmp0 (status, "success") != 0))
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                               "%s: the cluster did not say where it stored the jar (status “%s”)",
                               context, status ? status : "none");
      return;
    }

  /* The jar id is the basename of the stored file. */
  g_task_return_pointer (task, g_path_get_basename (filename), g_free);
}

static void
upload_jar_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FlinkClusterClient *self = g_task_get_source_object (task);
  const char *context = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *part_name = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                                 "%s: %s", context, error->message);
      return;
    }

  if (length < sizeof jar_magic || memcmp (contents, jar_magic, sizeof jar_magic) != 0)
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               "%s: the file is not a jar (a jar is a zip archive, and this one "
                               "does not start like one)", context);
      return;
    }

  /* Flink accepts only names ending in .jar. */
  basename = g_file_get_basename (G_FILE (source));
  if (basename == NULL || basename[0] == '\0')
    basename = g_strdup ("job");
  part_name = g_str_has_suffix (basename, ".jar")
    ? g_strdup (basename) : g_strconcat (basename, ".jar", NULL);

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  soup_multipart_append_form_file (multipart, "jarfile", part_name,
                                   "application/x-java-archive", bytes);

  _flink_cluster_client_request_async (self, "POST", "/jars/upload", NULL, NULL, multipart,
                                       context, cancellable,
                                       upload_jar_cb, g_steal_pointer (&task));
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
 * to be a zip archive first; a name that does not end in `.jar` gets that
 * ending on the cluster, as Flink requires.
 */
void
flink_cluster_client_upload_jar_async (FlinkClusterClient  *self,
                                       GFile               *jar,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *name = NULL;
  GTask *task;

  g_return_if_fail (FLINK_IS_CLUSTER_CLIENT (self));
  g_return_if_fail (G_IS_FILE (jar));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  name = g_file_get_parse_name (jar);
  task = _flink_task_new (self, flink_cluster_client_upload_jar_async,
                   "[flinkjob] upload_jar",
                   _flink_context_printf ("Cannot upload %s to cluster %s", name, self->url),
                   cancellable, callback, user_data);
  g_file_load_contents_async (jar, cancellable, upload_jar_loaded_cb, task);
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
 */
char *
flink_cluster_client_upload_jar_finish (FlinkClusterClient  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
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
  g_autoptr(GTask) task = user_data;
  const char *context = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  GListModel *jars;

  object = _flink_task_take_response_object (task, result, &root, context);
  if (object == NULL)
    return;
  jars = _flink_jars_new_from_json (object, &error);
  if (jars == NULL)
    _flink_task_return_decoding_error (task, g_steal_pointer (&error), context);
  else
    g_task_return_pointer (task, jars, g_object_unref);
}

/**
 * flink_cluster_client_list_jars_async:
 * @self: a cluster client
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the list is read
 * @user_data: data for @callback
 *
 * Lists the jars uploaded to the cluster (`GET /jars`).
 */
void
flink_cluster_client_list_jars_async (FlinkClusterClient  *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_CLUSTER_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_task_new (self, flink_cluster_client_list_jars_async,
                   "[flinkjob] list_jars",
                   _flink_context_printf ("Cannot list the jars of cluster %s", self->url),
                   cancellable, callback, user_data);
  _flink_cluster_client_request_async (self, "GET", "/jars", NULL, NULL, NULL,
                                       g_task_get_task_data (task), cancellable,
                                       list_jars_cb, task);
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
 */
GListModel *
flink_cluster_client_list_jars_finish (FlinkClusterClient  *self,
                                       GAsyncResult        *result,
                                       GError             **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_client_list_jars_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
check_jar_id (FlinkClusterClient  *self,
              const char          *jar_id,
              GError             **error)
{
  if (jar_id == NULL || jar_id[0] == '\0' || strchr (jar_id, '/') != NULL ||
      strcmp (jar_id, ".") == 0 || strcmp (jar_id, "..") == 0)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a jar id of cluster %s (jar ids are the names "
                   "upload_jar returns, such as 5f0c..._job.jar)",
                   jar_id ? jar_id : "(null)", self->url);
      return FALSE;
    }
  return TRUE;
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
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = _flink_cluster_client_request_finish (FLINK_CLUSTER_CLIENT (source), result, &error);
  if (root == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
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
 */
void
flink_cluster_client_delete_jar_async (FlinkClusterClient  *self,
                                       const char          *jar_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *path = NULL;
  GError *error = NULL;
  GTask *task;

  g_return_if_fail (FLINK_IS_CLUSTER_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_task_new (self, flink_cluster_client_delete_jar_async,
                   "[flinkjob] delete_jar",
                   _flink_context_printf ("Cannot delete jar %s on cluster %s", jar_id ? jar_id : "(null)", self->url),
                   cancellable, callback, user_data);
  if (!check_jar_id (self, jar_id, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  path = jar_path (jar_id, NULL);
  _flink_cluster_client_request_async (self, "DELETE", path, NULL, NULL, NULL,
                                       g_task_get_task_data (task), cancellable,
                                       delete_jar_cb, task);
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
 */
gboolean
flink_cluster_client_delete_jar_finish (FlinkClusterClient  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_client_delete_jar_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Running jobs -------------------------------------------------------- */

static void
run_jar_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FlinkClusterClient *self = g_task_get_source_object (task);
  const char *context = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  const char *job_id;

  object = _flink_task_take_response_object (task, result, &root, context);
  if (object == NULL)
    return;

  job_id = _flink_json_get_string (object, "jobid");
  if (!_flink_id_is_valid (job_id))
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                               "%s: the cluster's answer holds no job id", context);
      return;
    }
  g_task_return_pointer (task, _flink_job_client_new (self, job_id), g_object_unref);
}

/* The run request in the form the cluster's version expects; a cluster
 * whose version is unknown is taken to be recent. */
static JsonNode *
run_body (FlinkClusterClient *self,
          FlinkRunOptions    *options)
{
  if (self->flink_major == 0)
    return _flink_run_options_to_json (options, G_MAXUINT16, 0);
  return _flink_run_options_to_json (options, self->flink_major, self->flink_minor);
}

static void
start_run_jar (FlinkClusterClient  *self,
               GTask               *task,
               const char          *jar_id,
               FlinkRunOptions     *options,
               GAsyncReadyCallback  callback)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  const char *job_id = options ? flink_run_options_get_job_id (options) : NULL;
  GError *error = NULL;

  if (!check_jar_id (self, jar_id, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (job_id != NULL && !_flink_id_is_valid (job_id))
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               "%s: the requested job id “%s” is not a Flink job id "
                               "(32 hexadecimal characters)",
                               (const char *) g_task_get_task_data (task), job_id);
      g_object_unref (task);
      return;
    }

  body = run_body (self, options);
  path = jar_path (jar_id, "/run");
  _flink_cluster_client_request_async (self, "POST", path, NULL, body, NULL,
                                       g_task_get_task_data (task),
                                       g_task_get_cancellable (task),
                                       callback, task);
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
 */
void
flink_cluster_client_run_jar_async (FlinkClusterClient  *self,
                                    const char          *jar_id,
                                    FlinkRunOptions     *options,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FLINK_IS_CLUSTER_CLIENT (self));
  g_return_if_fail (options == NULL || FLINK_IS_RUN_OPTIONS (options));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_task_new (self, flink_cluster_client_run_jar_async,
                   "[flinkjob] run_jar",
                   _flink_context_printf ("Cannot run jar %s on cluster %s", jar_id ? jar_id : "(null)", self->url),
                   cancellable, callback, user_data);
  start_run_jar (self, task, jar_id, options, run_jar_cb);
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
 */
FlinkJobClient *
flink_cluster_client_run_jar_finish (FlinkClusterClient  *self,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_client_run_jar_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* submit_jar: upload, run, then delete the uploaded copy, which the running
 * job no longer needs (its classes went to the cluster's blob server). */

typedef struct {
  char *context;
  FlinkRunOptions *options;
  char *jar_id;
  FlinkJobClient *job_client;
  GError *error;
} Submission;

static void
submission_free (Submission *submission)
{
  g_free (submission->context);
  g_clear_object (&submission->options);
  g_free (submission->jar_id);
  g_clear_object (&submission->job_client);
  g_clear_error (&submission->error);
  g_free (submission);
}

static void
submit_deleted_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Submission *submission = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!flink_cluster_client_delete_jar_finish (FLINK_CLUSTER_CLIENT (source), result, &error))
    g_info ("The uploaded copy %s was left on the cluster: %s", submission->jar_id, error->message);

  if (submission->error != NULL)
    g_task_return_error (task, g_steal_pointer (&submission->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&submission->job_client), g_object_unref);
}

static void
submit_ran_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  FlinkClusterClient *self = FLINK_CLUSTER_CLIENT (source);
  Submission *submission = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  const char *job_id;

  root = _flink_cluster_client_request_finish (self, result, &submission->error);
  object = root ? _flink_json_node_get_object (root, &submission->error) : NULL;
  if (object != NULL)
    {
      job_id = _flink_json_get_string (object, "jobid");
      if (_flink_id_is_valid (job_id))
        submission->job_client = _flink_job_client_new (self, job_id);
      else
        g_set_error (&submission->error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                     "%s: the cluster's answer holds no job id", submission->context);
    }

  /* Clean up even when cancelled: the upload is ours. */
  flink_cluster_client_delete_jar_async (self, submission->jar_id, NULL,
                                         submit_deleted_cb, task);
}

static void
submit_uploaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  FlinkClusterClient *self = FLINK_CLUSTER_CLIENT (source);
  Submission *submission = g_task_get_task_data (task);
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;

  submission->jar_id = flink_cluster_client_upload_jar_finish (self, result, &error);
  if (submission->jar_id == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  body = run_body (self, submission->options);
  path = jar_path (submission->jar_id, "/run");
  _flink_cluster_client_request_async (self, "POST", path, NULL, body, NULL,
                                       submission->context,
                                       g_task_get_cancellable (task),
                                       submit_ran_cb, task);
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
 */
void
flink_cluster_client_submit_jar_async (FlinkClusterClient  *self,
                                       GFile               *jar,
                                       FlinkRunOptions     *options,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *name = NULL;
  Submission *submission;
  GTask *task;
  const char *job_id;

  g_return_if_fail (FLINK_IS_CLUSTER_CLIENT (self));
  g_return_if_fail (G_IS_FILE (jar));
  g_return_if_fail (options == NULL || FLINK_IS_RUN_OPTIONS (options));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  name = g_file_get_parse_name (jar);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, flink_cluster_client_submit_jar_async);
  g_task_set_name (task, "[flinkjob] submit_jar");

  submission = g_new0 (Submission, 1);
  submission->context = g_strdup_printf ("Cannot submit %s to cluster %s", name, self->url);
  submission->options = options ? g_object_ref (options) : NULL;
  g_task_set_task_data (task, submission, (GDestroyNotify) submission_free);

  job_id = options ? flink_run_options_get_job_id (options) : NULL;
  if (job_id != NULL && !_flink_id_is_valid (job_id))
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               "%s: the requested job id “%s” is not a Flink job id "
                               "(32 hexadecimal characters)", submission->context, job_id);
      g_object_unref (task);
      return;
    }

  flink_cluster_client_upload_jar_async (self, jar, cancellable, submit_uploaded_cb, task);
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
 */
FlinkJobClient *
flink_cluster_client_submit_jar_finish (FlinkClusterClient  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_client_submit_jar_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Savepoint disposal ------------------------------------------------- */

static void
dispose_completed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *context = g_task_get_task_data (task);
  g_autoptr(JsonObject) completed = NULL;
  GError *error = NULL;
  JsonObject *operation;
  JsonObject *cause;

  completed = _flink_cluster_client_await_completion_finish (FLINK_CLUSTER_CLIENT (source), result, &error);
  if (completed == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  operation = _flink_json_get_object (completed, "operation");
  cause = _flink_json_get_object (operation, "failure-cause");
  if (cause != NULL)
    {
      g_autofree char *why = _flink_describe_failure_cause (cause);
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_OPERATION_FAILED,
                               "%s: the disposal failed: %s", context, why);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
dispose_triggered_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FlinkClusterClient *self = g_task_get_source_object (task);
  const char *context = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *status_path = NULL;
  JsonObject *object;
  const char *trigger_id;

  object = _flink_task_take_response_object (task, result, &root, context);
  if (object == NULL)
    return;
  trigger_id = _flink_json_get_string (object, "request-id");
  if (!_flink_id_is_valid (trigger_id))
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                               "%s: the cluster's answer holds no trigger id", context);
      return;
    }
  status_path = g_strconcat ("/savepoint-disposal/", trigger_id, NULL);
  _flink_cluster_client_await_completion_async (self, status_path, context,
                                                g_task_get_cancellable (task),
                                                dispose_completed_cb,
                                                g_object_ref (task));
}

/**
 * flink_cluster_client_dispose_savepoint_async:
 * @self: a cluster client
 * @savepoint_path: the savepoint's location, as a savepoint operation
 *   returned it (such as `file:/flink/savepoints/savepoint-3f2a1b-0123456789ab`)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the savepoint is disposed of
 * @user_data: data for @callback
 *
 * Disposes of a savepoint: the cluster deletes its files
 * (`POST /savepoint-disposal`), and this waits until it has.
 */
void
flink_cluster_client_dispose_savepoint_async (FlinkClusterClient  *self,
                                              const char          *savepoint_path,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;
  GTask *task;

  g_return_if_fail (FLINK_IS_CLUSTER_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_task_new (self, flink_cluster_client_dispose_savepoint_async,
                   "[flinkjob] dispose_savepoint",
                   _flink_context_printf ("Cannot dispose of savepoint %s on cluster %s",
                                   savepoint_path ? savepoint_path : "(null)", self->url),
                   cancellable, callback, user_data);

  if (savepoint_path == NULL || savepoint_path[0] == '\0')
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               "%s: no savepoint path was given",
                               (const char *) g_task_get_task_data (task));
      g_object_unref (task);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "savepoint-path");
  json_builder_add_string_value (builder, savepoint_path);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  _flink_cluster_client_request_async (self, "POST", "/savepoint-disposal", NULL, body, NULL,
                                       g_task_get_task_data (task), cancellable,
                                       dispose_triggered_cb, task);
}

/**
 * flink_cluster_client_dispose_savepoint_finish:
 * @self: a cluster client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.ClusterClient.dispose_savepoint_async]. A disposal
 * that the cluster tried and failed is %FLINK_ERROR_OPERATION_FAILED, with
 * Flink's failure cause.
 *
 * Returns: %TRUE if the savepoint was disposed of
 */
gboolean
flink_cluster_client_dispose_savepoint_finish (FlinkClusterClient  *self,
                                               GAsyncResult        *result,
                                               GError             **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_client_dispose_savepoint_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
