/* flink-transport.c: talking HTTP to one Flink cluster
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include <string.h>

#include "flink-error-private.h"
#include "flink-json-private.h"
#include "flink-task-private.h"
#include "flink-transport-private.h"

/* The retry policy, in one place:
 *
 * - A request that cannot have reached the cluster is sent again: a
 *   connection that could not be made, an HTTP 502 (a proxy with nothing
 *   behind it) or 503 (Flink during a leader election).
 * - One that may have reached it (a dropped connection, an HTTP 504) is sent
 *   again only if sending it twice does nothing twice (FLINK_RETRY_IDEMPOTENT).
 * - A timeout, a TLS failure, any other answer: never.
 * - With several endpoints, a refusing one gives way to the next at once,
 *   until all have refused; then the attempt counts, and the next one waits.
 * - Waits grow exponentially from the descriptor's retry-delay, at most
 *   FLINK_RETRY_MAX_DELAY_MS, with "equal jitter" (half fixed, half random),
 *   so that many clients that failed together do not come back together.
 */

struct _FlinkTransport
{
  GObject parent_instance;

  FlinkConnectionSettings *settings;
  guint endpoint;                /* index of the endpoint in use */
  char *url;                     /* that endpoint, for people */
  SoupSession *session;
};

G_DEFINE_FINAL_TYPE (FlinkTransport, _flink_transport, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
_flink_transport_finalize (GObject *object)
{
  FlinkTransport *self = FLINK_TRANSPORT (object);

  g_clear_pointer (&self->settings, _flink_connection_settings_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (_flink_transport_parent_class)->finalize (object);
}

static void
_flink_transport_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FlinkTransport *self = FLINK_TRANSPORT (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
_flink_transport_class_init (FlinkTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = _flink_transport_finalize;
  object_class->get_property = _flink_transport_get_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
_flink_transport_init (FlinkTransport *self)
{
}

/* Takes @settings. */
FlinkTransport *
_flink_transport_new (FlinkConnectionSettings *settings)
{
  FlinkTransport *self = g_object_new (FLINK_TYPE_TRANSPORT, NULL);

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

const char *
_flink_transport_get_url (FlinkTransport *self)
{
  g_return_val_if_fail (FLINK_IS_TRANSPORT (self), NULL);
  return self->url;
}

/* After a connection failure: the next of several endpoints (with high
 * availability every JobManager answers, and forwards to the leader). */
static void
move_to_next_endpoint (FlinkTransport *self)
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

/* ---- Responses ---------------------------------------------------------- */

void
_flink_response_free (FlinkResponse *response)
{
  g_clear_pointer (&response->root, json_node_unref);
  g_free (response->context);
  g_free (response);
}

JsonObject *
_flink_response_get_object (FlinkResponse  *response,
                            GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;

  if (response->kind == FLINK_RESPONSE_DONE_EARLIER)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                   "%s: the cluster's answer was lost", response->context);
      return NULL;
    }
  object = _flink_json_node_get_object (response->root, &local_error);
  if (object == NULL)
    g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                 "%s: %s", response->context, local_error->message);
  return object;
}

/* ---- One request ------------------------------------------------------- */

typedef struct {
  char *method;
  char *path;
  char *query;
  GBytes *body;
  char *content_type;
  FlinkRetry retry;
  FlinkRequestFlags flags;
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
  FlinkTransport *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  FlinkConnectionSettings *settings = self->settings;
  guint delay;

  if (request->retry == FLINK_RETRY_NEVER || kind == FAILURE_FINAL ||
      (kind == FAILURE_MAYBE_SENT && request->retry != FLINK_RETRY_IDEMPOTENT))
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
describe_tls_failure (FlinkTransport *self,
                      Request        *request,
                      const GError   *error)
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

/* Answers @task with @error, noting the attempts made; takes both. */
static void
request_fail (GTask  *task,
              GError *error)
{
  Request *request = g_task_get_task_data (task);

  if (request->attempt > 1)
    g_task_return_new_error (task, error->domain, error->code,
                             "%s (after %u attempts in %.1f s)", error->message, request->attempt,
                             (g_get_monotonic_time () - request->started) / (double) G_USEC_PER_SEC);
  else
    g_task_return_error (task, g_steal_pointer (&error));
  g_clear_error (&error);
  g_object_unref (task);
}

static void
request_answer (GTask             *task,
                FlinkResponseKind  kind,
                guint              status,
                JsonNode          *root)
{
  Request *request = g_task_get_task_data (task);
  FlinkResponse *response = g_new0 (FlinkResponse, 1);

  response->kind = kind;
  response->status = status;
  response->root = root;
  response->context = g_strdup (request->context);
  g_task_return_pointer (task, response, (GDestroyNotify) _flink_response_free);
  g_object_unref (task);
}

static void
request_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  FlinkTransport *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  JsonNode *root = NULL;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      if (request_retry (task, classify_transport_error (error), error->message))
        return;
      request_fail (task, error->domain == G_TLS_ERROR
                          ? describe_tls_failure (self, request, error)
                          : _flink_error_new_for_transport (error, self->url, request->context));
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
      if ((request->flags & FLINK_REQUEST_DUPLICATE_IS_DONE) && request->maybe_delivered &&
          g_error_matches (http_error, FLINK_ERROR, FLINK_ERROR_CONFLICT))
        {
          /* The attempt whose answer was lost did it. */
          g_debug ("%s %s: %s, taken as the work of an earlier attempt", request->method,
                   request->path, http_error->message);
          request_answer (task, FLINK_RESPONSE_DONE_EARLIER, status, NULL);
          return;
        }
      request_fail (task, g_steal_pointer (&http_error));
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
          request_fail (task, g_error_new (FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                                           "%s: %s answered with something that is not Flink's: %s",
                                           request->context, self->url, error->message));
          return;
        }
    }
  request_answer (task, FLINK_RESPONSE_ANSWERED, status, root);
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
add_credentials (FlinkTransport     *self,
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
  FlinkTransport *self = g_task_get_source_object (task);
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
  if (request->flags & FLINK_REQUEST_BACKGROUND)
    soup_message_set_priority (request->message, SOUP_MESSAGE_PRIORITY_LOW);
  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (request->message, request->content_type, request->body);

  g_debug ("%s %s%s%s", request->method, full_path,
           request->query ? "?" : "", request->query ? request->query : "");

  soup_session_send_and_read_async (self->session, request->message,
                                    G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                    request_cb, task);
}

static FlinkRetry
retry_by_method (const char *method)
{
  if (g_str_equal (method, "GET") || g_str_equal (method, "PUT") || g_str_equal (method, "PATCH"))
    return FLINK_RETRY_IDEMPOTENT;
  return FLINK_RETRY_IF_NOT_SENT;
}

void
_flink_transport_send_async (FlinkTransport      *self,
                             const FlinkRequest  *description,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Request *request;

  g_return_if_fail (FLINK_IS_TRANSPORT (self));
  g_return_if_fail (description->path != NULL && description->path[0] == '/');
  g_return_if_fail (description->context != NULL);

  task = _flink_task_new (self, _flink_transport_send_async, "[flinkjob] request",
                          cancellable, callback, user_data);

  request = g_new0 (Request, 1);
  request->method = g_strdup (description->method);
  request->path = g_strdup (description->path);
  request->query = g_strdup (description->query);
  request->retry = description->retry != FLINK_RETRY_BY_METHOD
                   ? description->retry : retry_by_method (description->method);
  request->flags = description->flags;
  request->context = g_strdup (description->context);
  request->started = g_get_monotonic_time ();
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  if (description->multipart != NULL)
    {
      SoupMessageHeaders *headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);

      soup_multipart_to_message (description->multipart, headers, &request->body);
      request->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
      soup_message_headers_unref (headers);
    }
  else if (description->body != NULL)
    {
      char *text = json_to_string (description->body, FALSE);

      request->body = g_bytes_new_take (text, strlen (text));
      request->content_type = g_strdup ("application/json");
    }

  request_send (task);
}

/* Returns: (transfer full): how the request ended, or NULL with @error
 * set: a FLINK_ERROR whose message starts with the request's context, or
 * G_IO_ERROR_CANCELLED */
FlinkResponse *
_flink_transport_send_finish (FlinkTransport  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _flink_transport_send_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- For operations' callbacks ------------------------------------------ */

JsonObject *
_flink_task_take_response_object (GTask          *task,
                                  GAsyncResult   *result,
                                  FlinkResponse **out_response)
{
  FlinkTransport *transport = g_task_get_source_object (G_TASK (result));
  GError *error = NULL;
  JsonObject *object;

  *out_response = _flink_transport_send_finish (transport, result, &error);
  if (*out_response == NULL)
    {
      g_task_return_error (task, error);
      return NULL;
    }
  object = _flink_response_get_object (*out_response, &error);
  if (object == NULL)
    g_task_return_error (task, error);
  return object;
}

void
_flink_task_return_decoded (GTask        *task,
                            GAsyncResult *result,
                            FlinkDecoder  decode)
{
  g_autoptr(FlinkResponse) response = NULL;
  GError *error = NULL;
  JsonObject *object;
  gpointer value;

  object = _flink_task_take_response_object (task, result, &response);
  if (object == NULL)
    return;
  value = decode (object, &error);
  if (value == NULL)
    _flink_task_return_error_in_context (task, error, response->context);
  else
    g_task_return_pointer (task, value, g_object_unref);
}

void
_flink_task_return_sent (GTask        *task,
                         GAsyncResult *result)
{
  FlinkTransport *transport = g_task_get_source_object (G_TASK (result));
  g_autoptr(FlinkResponse) response = NULL;
  GError *error = NULL;

  response = _flink_transport_send_finish (transport, result, &error);
  if (response == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}
