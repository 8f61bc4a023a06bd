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

  FlinkConnectionSettings *settings;
  guint endpoint;                /* index of the endpoint in use */
  char *url;                     /* that endpoint, for people */
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

  g_clear_pointer (&self->settings, _flink_connection_settings_free);
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

/* Takes @settings. */
FlinkClusterClient *
_flink_cluster_client_new (FlinkConnectionSettings *settings)
{
  FlinkClusterClient *self = g_object_new (FLINK_TYPE_CLUSTER_CLIENT, NULL);

  g_assert (settings->endpoints->len > 0);
  self->settings = settings;
  self->url = _flink_endpoint_to_display (g_ptr_array_index (settings->endpoints, 0));
  /* Six connections rather than libsoup's two: watchers' polls and what a
   * person asks for do not wait on each other as much. */
  self->session = soup_session_new_with_options ("timeout", settings->timeout,
                                                 "user-agent", settings->user_agent,
                                                 "max-conns-per-host", 6,
                                                 NULL);
  if (settings->tls_database != NULL)
    soup_session_set_tls_database (self->session, settings->tls_database);
  return self;
}

/* After a connection failure: the next of several endpoints (with high
 * availability every JobManager answers, and forwards to the leader). */
static void
move_to_next_endpoint (FlinkClusterClient *self)
{
  GPtrArray *endpoints = self->settings->endpoints;

  if (endpoints->len < 2)
    return;
  self->endpoint = (self->endpoint + 1) % endpoints->len;
  g_free (self->url);
  self->url = _flink_endpoint_to_display (g_ptr_array_index (endpoints, self->endpoint));
  g_debug ("Moving on to the next endpoint, %s", self->url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
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

/* One request, sent again on a failure that allows it: a connection that
 * could not be made (nothing reached the cluster), an HTTP 502 or 503 (a
 * proxy with no cluster behind it, a leader election), and, for idempotent
 * requests only, a dropped connection or a 504. A timeout is not retried.
 * Waits grow exponentially with jitter; every endpoint is tried in turn. */

typedef struct {
  char *method;
  char *path;                    /* below the endpoint's own path */
  char *query;
  GBytes *body;
  char *content_type;
  gboolean idempotent;
  gboolean once;
  gboolean background;
  gboolean duplicate_is_done;
  gboolean maybe_delivered;      /* an earlier attempt may have reached the cluster */
  char *context;
  guint attempt;                 /* attempts made so far */
  guint endpoints_failed;        /* consecutive endpoints that refused */
  gint64 started;
  SoupMessage *message;
} Request;

static void
request_free (Request *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->content_type);
  g_free (request->context);
  g_clear_object (&request->message);
  g_free (request);
}

typedef enum {
  FAILURE_FINAL,                 /* do not send again */
  FAILURE_NOT_SENT,              /* nothing reached the cluster */
  FAILURE_MAYBE_SENT,            /* the cluster may have acted on it */
} FailureKind;

static FailureKind
classify_transport_error (const GError *error)
{
  if (error->domain == G_RESOLVER_ERROR)
    return FAILURE_NOT_SENT;
  if (error->domain == G_TLS_ERROR)
    return FAILURE_FINAL;        /* a certificate will not change */
  if (error->domain != G_IO_ERROR)
    return FAILURE_MAYBE_SENT;
  switch (error->code)
    {
    case G_IO_ERROR_CANCELLED:
    /* A cluster that does not answer within the request timeout is
     * reported at once: retrying would multiply the wait. */
    case G_IO_ERROR_TIMED_OUT:
      return FAILURE_FINAL;
    case G_IO_ERROR_CONNECTION_REFUSED:
    case G_IO_ERROR_HOST_UNREACHABLE:
    case G_IO_ERROR_NETWORK_UNREACHABLE:
    case G_IO_ERROR_HOST_NOT_FOUND:
      return FAILURE_NOT_SENT;
    default:
      return FAILURE_MAYBE_SENT;
    }
}

static FailureKind
classify_http_status (guint status)
{
  switch (status)
    {
    case SOUP_STATUS_BAD_GATEWAY:
    case SOUP_STATUS_SERVICE_UNAVAILABLE:
      return FAILURE_NOT_SENT;
    case SOUP_STATUS_GATEWAY_TIMEOUT:
      return FAILURE_MAYBE_SENT;
    default:
      return FAILURE_FINAL;
    }
}

static void request_send (GTask *task);

/* Sends @request again if its failure and its attempts allow. Takes @task
 * when it does. */
static gboolean
request_retry (GTask       *task,
               FailureKind  kind,
               const char  *why)
{
  FlinkClusterClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  FlinkConnectionSettings *settings = self->settings;
  guint delay;

  if (request->once || kind == FAILURE_FINAL ||
      (kind == FAILURE_MAYBE_SENT && !request->idempotent))
    return FALSE;

  /* A refusing endpoint: the next one at once, until all refused. */
  if (kind == FAILURE_NOT_SENT && settings->endpoints->len > 1 &&
      ++request->endpoints_failed < settings->endpoints->len)
    {
      g_debug ("%s %s failed on %s: %s", request->method, request->path, self->url, why);
      move_to_next_endpoint (self);
      request_send (task);
      return TRUE;
    }

  if (request->attempt >= settings->retry_max_attempts)
    return FALSE;

  request->endpoints_failed = 0;
  delay = settings->retry_delay;
  for (guint i = 1; i < request->attempt && delay < FLINK_RETRY_MAX_DELAY_MS; i++)
    delay *= 2;
  delay = MIN (delay, FLINK_RETRY_MAX_DELAY_MS);
  /* "Equal jitter": half fixed, half random, so that many clients that
   * failed together do not come back together. */
  delay = delay / 2 + g_random_int_range (0, delay / 2 + 1);

  if (kind == FAILURE_MAYBE_SENT)
    request->maybe_delivered = TRUE;
  g_debug ("%s %s failed on %s (attempt %u of %u): %s; again in %u ms",
           request->method, request->path, self->url,
           request->attempt, settings->retry_max_attempts, why, delay);
  move_to_next_endpoint (self);
  _flink_task_sleep_then (task, delay, request_send);
  return TRUE;
}

/* A TLS failure, told as what to do about it: why the cluster's certificate
 * was not trusted, or that the cluster refused ours (mutual TLS). */
static GError *
describe_tls_failure (FlinkClusterClient *self,
                      Request            *request,
                      const GError       *error)
{
  GTlsCertificateFlags flags = soup_message_get_tls_peer_certificate_errors (request->message);
  const char *ca = self->settings->tls_ca_file;

  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE) && flags != 0)
    {
      g_autoptr(GString) why = g_string_new (NULL);

      if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
        g_string_append_printf (why, "%sno CA in %s signed it", why->len ? "; " : "",
                                ca ? ca : "the system's trust store");
      if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
        g_string_append_printf (why, "%sit is not for this host name", why->len ? "; " : "");
      if (flags & G_TLS_CERTIFICATE_EXPIRED)
        g_string_append_printf (why, "%sit has expired", why->len ? "; " : "");
      if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
        g_string_append_printf (why, "%sit is not valid yet", why->len ? "; " : "");
      if (flags & G_TLS_CERTIFICATE_REVOKED)
        g_string_append_printf (why, "%sit was revoked", why->len ? "; " : "");
      if (flags & G_TLS_CERTIFICATE_INSECURE)
        g_string_append_printf (why, "%sit uses an insecure algorithm", why->len ? "; " : "");
      if (why->len == 0)
        g_string_append (why, error->message);
      return g_error_new (FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED,
                          "%s: the TLS certificate of %s is not trusted: %s%s",
                          request->context, self->url, why->str,
                          (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
                          ? " (a cluster whose certificate a private CA signed needs that CA's "
                            "certificate as the descriptor's tls-ca-file)" : "");
    }

  /* Our side accepted the cluster's certificate: the cluster refused us. */
  if (self->settings->tls_certificate == NULL)
    return g_error_new (FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED,
                        "%s: the TLS handshake with %s failed: %s (a cluster with "
                        "security.ssl.rest.authentication-enabled asks for a client "
                        "certificate, and none is set)", request->context, self->url,
                        error->message);
  return g_error_new (FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED,
                      "%s: %s did not accept the TLS client certificate: %s",
                      request->context, self->url, error->message);
}

static char *
attempts_note (Request *request)
{
  if (request->attempt <= 1)
    return g_strdup ("");
  return g_strdup_printf (" (after %u attempts in %.1f s)", request->attempt,
                          (g_get_monotonic_time () - request->started) / (double) G_USEC_PER_SEC);
}

static void
request_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  FlinkClusterClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *note = NULL;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      if (request_retry (task, classify_transport_error (error), error->message))
        return;
      note = attempts_note (request);
      {
        g_autoptr(GError) flink_error = error->domain == G_TLS_ERROR
          ? describe_tls_failure (self, request, error)
          : _flink_error_new_for_transport (error, self->url, request->context);
        g_task_return_new_error (task, flink_error->domain, flink_error->code,
                                 "%s%s", flink_error->message, note);
      }
      g_object_unref (task);
      return;
    }

  status = soup_message_get_status (request->message);
  g_debug ("%s %s -> %u (%" G_GSIZE_FORMAT " bytes)", request->method, request->path,
           status, g_bytes_get_size (body));

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autoptr(GError) http_error = NULL;

      if (request_retry (task, classify_http_status (status), soup_status_get_phrase (status)))
        return;
      http_error = _flink_error_new_for_http (status, body, request->context);
      if (!(request->duplicate_is_done && request->maybe_delivered &&
            g_error_matches (http_error, FLINK_ERROR, FLINK_ERROR_CONFLICT)))
        {
          note = attempts_note (request);
          g_task_return_new_error (task, http_error->domain, http_error->code,
                                   "%s%s", http_error->message, note);
          g_object_unref (task);
          return;
        }
      /* The attempt whose answer was lost did it: done, with no answer. */
      g_debug ("%s %s: %s, taken as the work of an earlier attempt", request->method,
               request->path, http_error->message);
      g_clear_pointer (&body, g_bytes_unref);
    }

  if (body == NULL || g_bytes_get_size (body) == 0)
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
          g_object_unref (task);
          return;
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&root), (GDestroyNotify) json_node_unref);
  g_object_unref (task);
}

static void
add_header_cb (const char *name,
               const char *value,
               gpointer    user_data)
{
  soup_message_headers_replace (user_data, name, value);
}

/* Credentials go in headers, never in anything logged. */
static void
add_credentials (FlinkClusterClient *self,
                 GUri               *endpoint,
                 SoupMessageHeaders *headers)
{
  const char *user = g_uri_get_user (endpoint);

  if (self->settings->bearer_token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", self->settings->bearer_token, NULL);
      soup_message_headers_replace (headers, "Authorization", value);
    }
  else if (user != NULL)
    {
      const char *password = g_uri_get_password (endpoint);
      g_autofree char *plain = g_strconcat (user, ":", password ? password : "", NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) plain, strlen (plain));
      g_autofree char *value = g_strconcat ("Basic ", encoded, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
      memset (plain, 0, strlen (plain));
    }
}

static void
request_send (GTask *task)
{
  FlinkClusterClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  GUri *endpoint = g_ptr_array_index (self->settings->endpoints, self->endpoint);
  g_autoptr(GUri) uri = NULL;
  g_autofree char *full_path = NULL;
  const char *base_path = g_uri_get_path (endpoint);
  SoupMessageHeaders *headers;

  if (g_str_has_suffix (base_path, "/"))
    full_path = g_strconcat (base_path, request->path + 1, NULL);
  else
    full_path = g_strconcat (base_path, request->path, NULL);

  uri = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (endpoint), NULL,
                     g_uri_get_host (endpoint), g_uri_get_port (endpoint),
                     full_path, request->query, NULL);

  g_clear_object (&request->message);
  request->message = soup_message_new_from_uri (request->method, uri);
  request->attempt++;
  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_foreach (self->settings->headers, add_header_cb, headers);
  soup_message_headers_replace (headers, "Accept", "application/json");
  add_credentials (self, endpoint, headers);
  if (self->settings->tls_certificate != NULL)
    soup_message_set_tls_client_certificate (request->message, self->settings->tls_certificate);
  if (request->background)
    soup_message_set_priority (request->message, SOUP_MESSAGE_PRIORITY_LOW);
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (request->message, request->content_type, request->body);

  g_debug ("%s %s%s%s", request->method, full_path,
           request->query ? "?" : "", request->query ? request->query : "");

  soup_session_send_and_read_async (self->session, request->message,
                                    G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                    request_cb, task);
}

void
_flink_cluster_client_request_full_async (FlinkClusterClient  *self,
                                          const char          *method,
                                          const char          *path,
                                          const char          *query,
                                          JsonNode            *body,
                                          SoupMultipart       *multipart,
                                          FlinkRequestFlags    flags,
                                          const char          *context,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  GTask *task;
  Request *request;

  g_return_if_fail (FLINK_IS_CLUSTER_CLIENT (self));
  g_return_if_fail (path != NULL && path[0] == '/');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _flink_cluster_client_request_async);
  g_task_set_name (task, "[flinkjob] request");

  if (self->settings == NULL)
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               "%s: this cluster client was not retrieved from a cluster "
                               "descriptor (flink_cluster_descriptor_retrieve_async)", context);
      g_object_unref (task);
      return;
    }

  request = g_new0 (Request, 1);
  request->method = g_strdup (method);
  request->path = g_strdup (path);
  request->query = g_strdup (query);
  request->idempotent = (flags & FLINK_REQUEST_IDEMPOTENT) != 0;
  request->once = (flags & FLINK_REQUEST_ONCE) != 0;
  request->background = (flags & FLINK_REQUEST_BACKGROUND) != 0;
  request->duplicate_is_done = (flags & FLINK_REQUEST_DUPLICATE_IS_DONE) != 0;
  request->context = g_strdup (context);
  request->started = g_get_monotonic_time ();
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  if (multipart != NULL)
    {
      SoupMessageHeaders *headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);

      soup_multipart_to_message (multipart, headers, &request->body);
      request->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
      soup_message_headers_unref (headers);
    }
  else if (body != NULL)
    {
      char *text = json_to_string (body, FALSE);

      request->body = g_bytes_new_take (text, strlen (text));
      request->content_type = g_strdup ("application/json");
    }

  request_send (task);
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
  gboolean idempotent = g_str_equal (method, "GET") || g_str_equal (method, "PUT") ||
                        g_str_equal (method, "PATCH");

  _flink_cluster_client_request_full_async (self, method, path, query, body, multipart,
                                            idempotent ? FLINK_REQUEST_IDEMPOTENT : FLINK_REQUEST_DEFAULT,
                                            context, cancellable, callback, user_data);
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

void
_flink_task_return_decoded (GTask        *task,
                            GAsyncResult *result,
                            FlinkDecoder  decode)
{
  const char *context = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  gpointer value;

  object = _flink_task_take_response_object (task, result, &root, context);
  if (object == NULL)
    return;
  value = decode (object, &error);
  if (value == NULL)
    _flink_task_return_decoding_error (task, g_steal_pointer (&error), context);
  else
    g_task_return_pointer (task, value, g_object_unref);
}

/* ---- Properties --------------------------------------------------------- */

/**
 * flink_cluster_client_get_url:
 * @self: a cluster client
 *
 * The REST URL of the cluster, such as `http://127.0.0.1:8081`, without a
 * trailing slash and without any password.
 *
 * Returns: (nullable) (transfer none): the cluster's URL, or %NULL for a
 *   client that was not retrieved from a descriptor
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

  if (!flink_job_id_is_valid (job_id))
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

  _flink_task_return_decoded (task, result, (FlinkDecoder) _flink_cluster_overview_new_from_json);
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
  if (!flink_jar_id_is_valid (jar_id))
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
  if (json_object_get_size (object) == 0)   /* a retried run that an earlier attempt did */
    job_id = g_object_get_data (G_OBJECT (task), "flinkjob-job-id");
  if (!flink_job_id_is_valid (job_id))
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                               "%s: the cluster's answer holds no job id", context);
      return;
    }
  g_task_return_pointer (task, _flink_job_client_new (self, job_id), g_object_unref);
}

/* A run given a job id may be sent again: the cluster refuses a second job
 * of that id, and that refusal after a lost answer means it is running. */
#define RUN_WITH_JOB_ID_FLAGS (FLINK_REQUEST_IDEMPOTENT | FLINK_REQUEST_DUPLICATE_IS_DONE)

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
  if (job_id != NULL && !flink_job_id_is_valid (job_id))
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
  /* With our job id a repeated run is refused, never a second job; the
   * refusal of a retry means the lost attempt started it. */
  g_object_set_data_full (G_OBJECT (task), "flinkjob-job-id", g_strdup (job_id), g_free);
  _flink_cluster_client_request_full_async (self, "POST", path, NULL, body, NULL,
                                            job_id != NULL ? RUN_WITH_JOB_ID_FLAGS : FLINK_REQUEST_DEFAULT,
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
      if (json_object_get_size (object) == 0 && submission->options != NULL)   /* done by a lost attempt */
        job_id = flink_run_options_get_job_id (submission->options);
      if (flink_job_id_is_valid (job_id))
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
  _flink_cluster_client_request_full_async (self, "POST", path, NULL, body, NULL,
                                            (submission->options != NULL &&
                                             flink_run_options_get_job_id (submission->options) != NULL)
                                            ? RUN_WITH_JOB_ID_FLAGS : FLINK_REQUEST_DEFAULT,
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
  if (job_id != NULL && !flink_job_id_is_valid (job_id))
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

      /* A path that is not there is not found, not a failed disposal. */
      g_task_return_new_error (task, FLINK_ERROR,
                               strstr (why, "FileNotFoundException") != NULL
                               ? FLINK_ERROR_NOT_FOUND : FLINK_ERROR_OPERATION_FAILED,
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
  if (!flink_job_id_is_valid (trigger_id))
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

/* ---- Waiting on operation handles --------------------------------------- */

/**
 * flink_cluster_client_await_savepoint_async:
 * @self: a cluster client
 * @handle: a handle on a savepoint or a stop with savepoint, from
 *   [method@Flink.JobClient.start_savepoint_async],
 *   [method@Flink.JobClient.start_stop_with_savepoint_async] or
 *   [ctor@Flink.OperationHandle.new_from_string]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the savepoint is complete
 * @user_data: data for @callback
 *
 * Waits until the savepoint @handle names is complete, and gets its
 * location. Cancelling the wait leaves the savepoint to the cluster.
 *
 * When the cluster no longer knows the trigger — it keeps results for
 * `rest.async.store-duration` (5 minutes) and loses them in a JobManager
 * failover — the location is recovered from the job's checkpoint
 * statistics (`GET /jobs/:jobid/checkpoints`): the savepoint triggered
 * closest to the handle's start time, within a minute. Only if those do not
 * show it either is the result %FLINK_ERROR_NOT_FOUND.
 */
void
flink_cluster_client_await_savepoint_async (FlinkClusterClient   *self,
                                            FlinkOperationHandle *handle,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data)
{
  g_autofree char *context = NULL;

  g_return_if_fail (FLINK_IS_CLUSTER_CLIENT (self));
  g_return_if_fail (FLINK_IS_OPERATION_HANDLE (handle));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  context = g_strdup_printf ("Cannot get the savepoint of job %s (trigger id %s) on cluster %s",
                             flink_operation_handle_get_job_id (handle),
                             flink_operation_handle_get_trigger_id (handle), self->url);

  if (flink_operation_handle_get_kind (handle) == FLINK_OPERATION_KIND_CHECKPOINT)
    {
      GTask *task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, flink_cluster_client_await_savepoint_async);
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               "%s: the handle names a checkpoint; wait for it with "
                               "await_checkpoint", context);
      g_object_unref (task);
      return;
    }

  _flink_cluster_client_await_savepoint_async (self, handle, context,
                                               flink_cluster_client_await_savepoint_async,
                                               cancellable, callback, user_data);
}

/**
 * flink_cluster_client_await_savepoint_finish:
 * @self: a cluster client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.ClusterClient.await_savepoint_async].
 *
 * Returns: (transfer full): the savepoint's location, or %NULL on error
 */
char *
flink_cluster_client_await_savepoint_finish (FlinkClusterClient  *self,
                                             GAsyncResult        *result,
                                             GError             **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_client_await_savepoint_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
checkpoint_completed_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *context = g_task_get_task_data (task);
  g_autoptr(JsonObject) completed = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *operation;
  JsonObject *cause;
  gint64 id;

  completed = _flink_cluster_client_await_completion_finish (FLINK_CLUSTER_CLIENT (source), result, &error);
  if (completed == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  operation = _flink_json_get_object (completed, "operation");
  cause = _flink_json_get_object (operation, "failureCause");
  if (cause == NULL)
    cause = _flink_json_get_object (operation, "failure-cause");
  if (cause != NULL)
    {
      g_autofree char *why = _flink_describe_failure_cause (cause);
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_OPERATION_FAILED,
                               "%s: the cluster reports that it failed: %s", context, why);
      return;
    }
  if (!_flink_json_get_int (operation, "checkpointId", &id) || id < 0)
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                               "%s: the cluster reports the checkpoint complete but gives no id",
                               context);
      return;
    }
  {
    guint64 *boxed = g_new (guint64, 1);
    *boxed = (guint64) id;
    g_task_return_pointer (task, boxed, g_free);
  }
}

/**
 * flink_cluster_client_await_checkpoint_async:
 * @self: a cluster client
 * @handle: a handle on a checkpoint, from
 *   [method@Flink.JobClient.start_checkpoint_async]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the checkpoint is complete
 * @user_data: data for @callback
 *
 * Waits until the checkpoint @handle names is complete, and gets its id.
 * A checkpoint whose trigger the cluster no longer knows is
 * %FLINK_ERROR_NOT_FOUND: unlike savepoints, periodic checkpoints cannot be
 * told apart from it in the statistics.
 */
void
flink_cluster_client_await_checkpoint_async (FlinkClusterClient   *self,
                                             FlinkOperationHandle *handle,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data)
{
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (FLINK_IS_CLUSTER_CLIENT (self));
  g_return_if_fail (FLINK_IS_OPERATION_HANDLE (handle));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_task_new (self, flink_cluster_client_await_checkpoint_async,
                          "[flinkjob] await_checkpoint",
                          g_strdup_printf ("Cannot get the checkpoint of job %s (trigger id %s) on cluster %s",
                                           flink_operation_handle_get_job_id (handle),
                                           flink_operation_handle_get_trigger_id (handle), self->url),
                          cancellable, callback, user_data);
  if (flink_operation_handle_get_kind (handle) != FLINK_OPERATION_KIND_CHECKPOINT)
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               "%s: the handle names a savepoint; wait for it with await_savepoint",
                               (const char *) g_task_get_task_data (task));
      g_object_unref (task);
      return;
    }
  path = g_strconcat ("/jobs/", flink_operation_handle_get_job_id (handle),
                      "/checkpoints/", flink_operation_handle_get_trigger_id (handle), NULL);
  _flink_cluster_client_await_completion_async (self, path, g_task_get_task_data (task),
                                                cancellable, checkpoint_completed_cb, task);
}

/**
 * flink_cluster_client_await_checkpoint_finish:
 * @self: a cluster client
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.ClusterClient.await_checkpoint_async].
 *
 * Returns: the checkpoint's id, or 0 with @error set
 */
guint64
flink_cluster_client_await_checkpoint_finish (FlinkClusterClient  *self,
                                              GAsyncResult        *result,
                                              GError             **error)
{
  g_autofree guint64 *id = NULL;

  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_client_await_checkpoint_async, 0);

  id = g_task_propagate_pointer (G_TASK (result), error);
  return id ? *id : 0;
}
