/* flink-transport.c: talking HTTP to one Flink cluster
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include <string.h>

#include "flink-error-private.h"
#include "flink-json-private.h"
#include "flink-leader-private.h"
#include "flink-task-private.h"
#include "flink-transport-private.h"
#include "flink-upload-stream-private.h"
#include "flink-url-private.h"
#include "flink-i18n-private.h"

/* Attempts at a cluster that has never answered: it is most likely not
 * there, and a person (or a GTK window) is waiting to be told. */
#define FLINK_FIRST_CONTACT_ATTEMPTS 2
/* Redirects followed within the cluster's origin. */
#define FLINK_MAX_REDIRECTS 5

/* The retry policy, in one place:
 *
 * - A request that cannot have reached the cluster is sent again: a
 *   connection that could not be made, an HTTP 502 (a proxy with nothing
 *   behind it) or 503 (Flink during a leader election), or Flink's HTTP 500
 *   for a job whose JobManager is initializing (after a failover).
 * - One that may have reached it (a dropped connection, an HTTP 504) is sent
 *   again only if sending it twice does nothing twice (FLINK_RETRY_IDEMPOTENT).
 * - A timeout, a TLS failure, any other answer: never.
 * - With several endpoints, a refusing one gives way to the next at once,
 *   until all have refused; then the attempt counts, and the next one waits.
 * - Waits grow exponentially from the descriptor's retry-delay, at most
 *   FLINK_RETRY_MAX_DELAY_MS, with "equal jitter" (half fixed, half random),
 *   so that many clients that failed together do not come back together.
 * - With ZooKeeper HA, each attempt goes to the REST leader that ZooKeeper
 *   names at that moment. One that the leader refused marks that leader
 *   stale: the next attempt (of every request) waits for ZooKeeper to name
 *   another, at most the session timeout and FLINK_HA_ELECTION_MS, before
 *   going there; for as long, a request that cannot have reached the
 *   cluster (a 503 while the new leader takes over) is retried whatever
 *   retry-max-attempts says. A watcher's poll does not wait: it fails at
 *   once.
 */

/* After a dead leader's ZooKeeper session expired: the election, and the
 * new leader's REST endpoint publishing itself. */
#define FLINK_HA_ELECTION_MS 30000

struct _FlinkTransport
{
  GObject parent_instance;

  FlinkConnectionSettings *settings;
  guint                    endpoint; /* index of the endpoint in use */
  char                    *url;      /* that endpoint, for people */
  SoupSession             *session;
  gboolean                 answered; /* the cluster has answered once */

  /* ZooKeeper HA */
  FlinkLeaderRetrieval *leader;
  GError               *leader_error;     /* why there is no retrieval */
  char                 *stale_session_id; /* a leader that refused a request */
};

G_DEFINE_FINAL_TYPE (FlinkTransport, _flink_transport, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
_flink_transport_finalize (GObject *object)
{
  FlinkTransport *self = FLINK_TRANSPORT (object);

  if (self->leader != NULL)
    g_signal_handlers_disconnect_by_data (self->leader, self);
  g_clear_object (&self->leader);
  g_clear_error (&self->leader_error);
  g_clear_pointer (&self->stale_session_id, g_free);
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

static const char *
proxy_env (const char *name,
           const char *upper)
{
  const char *value = g_getenv (name);

  if (value == NULL || value[0] == '\0')
    value = g_getenv (upper);
  return value != NULL && value[0] != '\0' ? value : NULL;
}

/* The proxies that http_proxy, https_proxy, all_proxy and no_proxy name, or
 * NULL for none: GLib's default resolver asks the desktop's proxy settings
 * (a D-Bus round trip or libproxy) before every connection, which costs a
 * command more than its one request. */
static GProxyResolver *
proxy_resolver_from_env (void)
{
  const char              *http = proxy_env ("http_proxy", "HTTP_PROXY");
  const char              *https = proxy_env ("https_proxy", "HTTPS_PROXY");
  const char              *all = proxy_env ("all_proxy", "ALL_PROXY");
  const char              *no = proxy_env ("no_proxy", "NO_PROXY");
  g_autoptr (GStrvBuilder) ignore = g_strv_builder_new ();
  g_auto (GStrv)           hosts = NULL;
  g_auto (GStrv)           ignored = NULL;
  GProxyResolver          *resolver;

  if (http == NULL && https == NULL && all == NULL)
    return NULL;
  hosts = g_strsplit (no != NULL ? no : "", ",", -1);
  for (guint i = 0; hosts[i] != NULL; i++)
    if (g_strstrip (hosts[i])[0] != '\0')
      g_strv_builder_add (ignore, hosts[i]);
  ignored = g_strv_builder_end (ignore);
  resolver = g_simple_proxy_resolver_new (all, ignored);
  if (http != NULL)
    g_simple_proxy_resolver_set_uri_proxy (G_SIMPLE_PROXY_RESOLVER (resolver), "http", http);
  if (https != NULL)
    g_simple_proxy_resolver_set_uri_proxy (G_SIMPLE_PROXY_RESOLVER (resolver), "https", https);
  return resolver;
}

/* ZooKeeper named another leader (or none, @url NULL): the URL people see
 * follows it. */
static void
leader_changed_cb (FlinkLeaderRetrieval *leader,
                   const char           *url,
                   FlinkTransport       *self)
{
  const char *session_id = _flink_leader_retrieval_get_leader_session_id (leader);

  if (url == NULL || g_strcmp0 (url, self->url) == 0)
    return;
  if (g_strcmp0 (session_id, self->stale_session_id) != 0)
    g_clear_pointer (&self->stale_session_id, g_free);
  g_free (self->url);
  self->url = g_strdup (url);
  g_debug ("Following the REST leader to %s", self->url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
}

/* Takes @settings. */
FlinkTransport *
_flink_transport_new (FlinkConnectionSettings *settings)
{
  FlinkTransport            *self = g_object_new (FLINK_TYPE_TRANSPORT, NULL);
  g_autoptr (GProxyResolver) proxies = proxy_resolver_from_env ();

  g_assert (settings->endpoints->len > 0);
  self->settings = settings;
  self->url = _flink_endpoint_to_display (g_ptr_array_index (settings->endpoints, 0));
  /* Sixteen connections per host rather than libsoup's two (and 32 in
   * all rather than ten): watchers' polls and what a person asks for do
   * not wait on each other, and a program with many requests in flight is
   * not held to two. */
  self->session = soup_session_new_with_options ("timeout", settings->timeout,
                                                 "user-agent", settings->user_agent,
                                                 "max-conns", 32,
                                                 "max-conns-per-host", 16,
                                                 "proxy-resolver", proxies,
                                                 NULL);
  if (settings->tls_database != NULL)
    soup_session_set_tls_database (self->session, settings->tls_database);
  if (settings->ha_config != NULL)
    {
      self->leader = _flink_leader_retrieval_new_from_config (settings->ha_config,
                                                              settings->ha_config_file,
                                                              &self->leader_error);
      if (self->leader != NULL)
        g_signal_connect (self->leader, "leader-changed", G_CALLBACK (leader_changed_cb), self);
    }
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

/* ---- One request ------------------------------------------------------- */

typedef struct
{
  char             *method;
  char             *path;
  char             *query;
  GBytes           *body;
  char             *content_type;
  FlinkRetry        retry;
  FlinkRequestFlags flags;
  gboolean          maybe_delivered; /* an earlier attempt may have reached the cluster */
  char             *context;
  guint             attempt;          /* attempts made so far */
  guint             endpoints_failed; /* consecutive endpoints that refused */
  gint64            started;
  SoupMessage      *message;
  char             *leader_session_id; /* ZooKeeper HA: the leader of the attempt */

  /* The attempt in flight */
  GCancellable *cancellable; /* cancelled by the caller's, or by the deadline */
  GCancellable *caller_cancellable;
  gulong        cancelled_id;
  GSource      *deadline;
  gboolean      timed_out;
  GInputStream *stream; /* the answer's body, read as it comes */
  GByteArray   *answer;
  GUri         *redirect; /* where a same-origin redirect sent it */
  guint         redirects;

  /* A file to send, read afresh for each attempt */
  GFile  *upload;
  GBytes *upload_head;
  GBytes *upload_tail;
  goffset upload_length;
} Request;

static void
attempt_end (Request *request)
{
  if (request->deadline != NULL)
    {
      g_source_destroy (request->deadline);
      g_clear_pointer (&request->deadline, g_source_unref);
    }
  g_clear_object (&request->stream);
  g_clear_pointer (&request->answer, g_byte_array_unref);
}

static void
request_free (Request *request)
{
  attempt_end (request);
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->content_type);
  g_free (request->context);
  g_free (request->leader_session_id);
  g_clear_object (&request->message);
  g_clear_pointer (&request->redirect, g_uri_unref);
  g_clear_object (&request->upload);
  g_clear_pointer (&request->upload_head, g_bytes_unref);
  g_clear_pointer (&request->upload_tail, g_bytes_unref);
  if (request->cancelled_id != 0)
    g_cancellable_disconnect (request->caller_cancellable, request->cancelled_id);
  g_clear_object (&request->caller_cancellable);
  g_clear_object (&request->cancellable);
  g_free (request);
}

typedef enum
{
  FAILURE_FINAL,      /* do not send again */
  FAILURE_NOT_SENT,   /* nothing reached the cluster */
  FAILURE_MAYBE_SENT, /* the cluster may have acted on it */
} FailureKind;

/* libsoup's "Header too big", in the locale's words. */
static gboolean
is_header_too_big (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) &&
         g_strcmp0 (error->message, g_dgettext ("libsoup-3.0", "Header too big")) == 0;
}

static FailureKind
classify_transport_error (const GError *error)
{
  if (is_header_too_big (error))
    return FAILURE_FINAL; /* it would be as big again */
  if (error->domain == G_RESOLVER_ERROR)
    return FAILURE_NOT_SENT;
  if (error->domain == G_TLS_ERROR)
    return FAILURE_FINAL; /* a certificate will not change */
  if (error->domain == SOUP_SESSION_ERROR)
    return FAILURE_FINAL; /* an answer that is not HTTP, or too big a header */
  if (error->domain == FLINK_ERROR)
    return FAILURE_FINAL; /* refused here: too big, a redirect elsewhere */
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

/* Flink's answers (HTTP 500) to what did not reach the job, to be asked
 * again: a job that its JobManager is still recovering, after a failover
 * or a submission (UnavailableDispatcherOperationException); a REST
 * endpoint whose dispatcher moved away while leadership changes hands
 * (RecipientUnreachableException, seen on Flink 1.20 after ZooKeeper came
 * back). */
static const char *const FLINK_NOT_DONE_TEXTS[] = {
  "not available while the JobManager is initializing",
  "because the recipient is unreachable",
};

static FailureKind
classify_answer (guint   status,
                 GBytes *body)
{
  gsize       size;
  const char *data = g_bytes_get_data (body, &size);

  if (status == SOUP_STATUS_INTERNAL_SERVER_ERROR && data != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (FLINK_NOT_DONE_TEXTS); i++)
      if (g_strstr_len (data, size, FLINK_NOT_DONE_TEXTS[i]) != NULL)
        return FAILURE_NOT_SENT;
  return classify_http_status (status);
}

static void request_send (GTask *task);

/* ZooKeeper HA: how long a request waits for a leader that answers. */
static guint
ha_wait_ms (FlinkTransport *self)
{
  return _flink_leader_retrieval_get_settings (self->leader)->session_timeout_ms + FLINK_HA_ELECTION_MS;
}

/* Sends @request again if its failure and its attempts allow. Takes @task
 * when it does. */
static gboolean
request_retry (GTask      *task,
               FailureKind kind,
               const char *why)
{
  FlinkTransport          *self = g_task_get_source_object (task);
  Request                 *request = g_task_get_task_data (task);
  FlinkConnectionSettings *settings = self->settings;
  guint                    delay;

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

  /* A cluster that never answered is most likely not there: a few quick
   * attempts, not the many a leader election needs. With ZooKeeper HA, a
   * failover is known to be under way, and is waited for as long as a
   * leader is (ha_wait_ms()), whatever the attempts. */
  if (request->attempt >= (self->answered ? settings->retry_max_attempts
                                          : MIN (settings->retry_max_attempts, FLINK_FIRST_CONTACT_ATTEMPTS)) &&
      !(self->leader != NULL && kind == FAILURE_NOT_SENT &&
        (g_get_monotonic_time () - request->started) / 1000 < ha_wait_ms (self)))
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

/* A TLS failure, told as what to do about it. */
static GError *
describe_tls_failure (FlinkTransport *self,
                      Request        *request,
                      const GError   *error)
{
  return _flink_error_new_for_tls (error, soup_message_get_tls_peer_certificate_errors (request->message),
                                   self->settings->tls_ca_file,
                                   self->settings->tls_certificate != NULL,
                                   self->url, request->context);
}

/* Answers @task with @error, noting the attempts made; takes both. */
static void
request_fail (GTask  *task,
              GError *error)
{
  Request *request = g_task_get_task_data (task);

  if (request->attempt > 1)
    g_task_return_new_error (task, error->domain, error->code,
                             _ ("%s (after %u attempts in %.1f s)"), error->message, request->attempt,
                             (g_get_monotonic_time () - request->started) / (double) G_USEC_PER_SEC);
  else
    g_task_return_error (task, g_steal_pointer (&error));
  g_clear_error (&error);
  g_object_unref (task);
}

static void
request_answer (GTask            *task,
                FlinkResponseKind kind,
                guint             status,
                JsonNode         *root)
{
  Request       *request = g_task_get_task_data (task);
  FlinkResponse *response = g_new0 (FlinkResponse, 1);

  response->kind = kind;
  response->status = status;
  response->root = root;
  response->context = g_strdup (request->context);
  g_task_return_pointer (task, response, (GDestroyNotify) _flink_response_free);
  g_object_unref (task);
}

/* The whole answer is in: an HTTP status and a bounded body. */
static void
request_answered (GTask *task)
{
  FlinkTransport    *self = g_task_get_source_object (task);
  Request           *request = g_task_get_task_data (task);
  guint              status = soup_message_get_status (request->message);
  g_autoptr (GBytes) body = g_byte_array_free_to_bytes (g_steal_pointer (&request->answer));
  g_autoptr (GError) error = NULL;
  JsonNode          *root;

  attempt_end (request);
  self->answered = TRUE;
  g_debug ("%s %s -> %u (%" G_GSIZE_FORMAT " bytes)", request->method, request->path,
           status, g_bytes_get_size (body));

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autoptr (GError) http_error = NULL;

      if (request_retry (task, classify_answer (status, body), soup_status_get_phrase (status)))
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
                                           _ ("%s: %s answered with something that is not Flink's: %s"),
                                           request->context, self->url, error->message));
          return;
        }
    }
  request_answer (task, FLINK_RESPONSE_ANSWERED, status, root);
}

/* A TLS handshake that failed for another reason than the cluster's
 * certificate: if what answers speaks plain HTTP (an https:// URL for a
 * cluster without security.ssl.rest.enabled), say so. */

typedef struct
{
  GTask  *task;
  GError *tls_error;
} Probe;

static void
probed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Probe          *probe = user_data;
  FlinkTransport *self = g_task_get_source_object (probe->task);
  Request        *request = g_task_get_task_data (probe->task);

  if (_flink_probe_plain_http_finish (result))
    request_fail (probe->task, g_error_new (FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED,
                                            _ ("%s: %s answers plain HTTP, not TLS: use an http:// "
                                               "URL (a Flink cluster serves https only with "
                                               "security.ssl.rest.enabled)"),
                                            request->context, self->url));
  else
    request_fail (probe->task, describe_tls_failure (self, request, probe->tls_error));
  g_error_free (probe->tls_error);
  g_free (probe);
}

static void
probe_plain_http (GTask  *task,
                  GError *tls_error)
{
  Request *request = g_task_get_task_data (task);
  Probe   *probe = g_new0 (Probe, 1);

  probe->task = task;
  probe->tls_error = tls_error;
  _flink_probe_plain_http_async (soup_message_get_uri (request->message),
                                 g_task_get_cancellable (task), probed_cb, probe);
}

/* The attempt failed before the whole answer was in; takes @error. */
static void
request_failed (GTask  *task,
                GError *error)
{
  FlinkTransport *self = g_task_get_source_object (task);
  Request        *request = g_task_get_task_data (task);

  attempt_end (request);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && request->timed_out)
    {
      /* The deadline, not the caller, cancelled it. */
      g_clear_error (&error);
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                           _ ("no whole answer within %u s (the descriptor's timeout)"),
                           self->settings->timeout);
    }
  if (self->leader != NULL && request->leader_session_id != NULL &&
      classify_transport_error (error) == FAILURE_NOT_SENT)
    {
      /* A leader that refuses connections is gone, whatever ZooKeeper
       * says until its session expires. */
      g_debug ("The REST leader %s refused %s %s: waiting for another", self->url,
               request->method, request->path);
      g_free (self->stale_session_id);
      self->stale_session_id = g_strdup (request->leader_session_id);
    }
  if (request_retry (task, classify_transport_error (error), error->message))
    {
      g_error_free (error);
      return;
    }
  if (error->domain == G_TLS_ERROR && !g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    probe_plain_http (task, g_error_copy (error));
  else if (error->domain == G_TLS_ERROR)
    request_fail (task, describe_tls_failure (self, request, error));
  else if (error->domain == SOUP_SESSION_ERROR || is_header_too_big (error))
    request_fail (task, g_error_new (FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                                     _ ("%s: %s answered with something that is not an HTTP answer "
                                        "flinkjob takes: %s"),
                                     request->context, self->url,
                                     error->message));
  else
    request_fail (task, _flink_error_new_for_transport (error, self->url, request->context));
  g_error_free (error);
}

static void read_answer (GTask *task);
static void upload_opened_cb (GObject      *source,
                              GAsyncResult *result,
                              gpointer      user_data);

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask             *task = user_data;
  FlinkTransport    *self = g_task_get_source_object (task);
  Request           *request = g_task_get_task_data (task);
  g_autoptr (GBytes) chunk = NULL;
  GError            *error = NULL;
  gsize              size;
  const guint8      *data;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      request_failed (task, error);
      return;
    }
  data = g_bytes_get_data (chunk, &size);
  if (size == 0)
    {
      request_answered (task);
      return;
    }
  if (request->answer->len + size > self->settings->max_response_size)
    {
      request_failed (task, g_error_new (FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                                         "%s: the answer of %s is larger than %" G_GUINT64_FORMAT
                                         " bytes (the descriptor's max-response-size, Flink's "
                                         "rest.client.max-content-length)",
                                         request->context,
                                         self->url, self->settings->max_response_size));
      return;
    }
  g_byte_array_append (request->answer, data, size);
  read_answer (task);
}

#define READ_CHUNK_SIZE (64 * 1024)

static void
read_answer (GTask *task)
{
  Request *request = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (request->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   request->cancellable, read_cb, task);
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  int port_a = g_uri_get_port (a), port_b = g_uri_get_port (b);

  if (port_a < 0)
    port_a = g_str_equal (g_uri_get_scheme (a), "https") ? 443 : 80;
  if (port_b < 0)
    port_b = g_str_equal (g_uri_get_scheme (b), "https") ? 443 : 80;
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         port_a == port_b;
}

/* A redirect is followed only within the cluster's own origin, at most
 * FLINK_MAX_REDIRECTS times: never to another host, port or scheme (http
 * after https would send credentials in clear). Returns FALSE, the task
 * answered, when it is refused. */
static gboolean
request_redirect (GTask *task)
{
  FlinkTransport  *self = g_task_get_source_object (task);
  Request         *request = g_task_get_task_data (task);
  guint            status = soup_message_get_status (request->message);
  const char      *location = soup_message_headers_get_one (soup_message_get_response_headers (request->message),
                                                            "Location");
  GUri            *from = soup_message_get_uri (request->message);
  g_autoptr (GUri) to = location ? g_uri_parse_relative (from, location, G_URI_FLAGS_ENCODED, NULL) : NULL;

  attempt_end (request);
  if (to == NULL || g_uri_get_host (to) == NULL)
    {
      request_fail (task, g_error_new (FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                                       _ ("%s: %s answered with a redirect (HTTP %u) to no usable "
                                          "place"),
                                       request->context, self->url, status));
      return FALSE;
    }
  if (!same_origin (from, to))
    {
      /* The other origin only: a path or a query may carry a token. */
      g_autofree char *origin = g_uri_get_port (to) > 0
                                  ? g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (to), g_uri_get_host (to), g_uri_get_port (to))
                                  : g_strdup_printf ("%s://%s", g_uri_get_scheme (to), g_uri_get_host (to));
      g_autofree char *shown = _flink_url_redact (origin);

      request_fail (task, g_error_new (FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                                       _ ("%s: %s redirected the request (HTTP %u) to %s; flinkjob "
                                          "follows redirects only within the cluster's own scheme, "
                                          "host and port"),
                                       request->context, self->url, status, shown));
      return FALSE;
    }
  if (++request->redirects > FLINK_MAX_REDIRECTS)
    {
      request_fail (task, g_error_new (FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                                       _ ("%s: %s redirected the request more than %u times (a "
                                          "redirect loop?)"),
                                       request->context, self->url,
                                       FLINK_MAX_REDIRECTS));
      return FALSE;
    }
  /* As browsers do: 303, and 301/302 after a POST, become a GET. */
  if (status == SOUP_STATUS_SEE_OTHER ||
      ((status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND) &&
       g_str_equal (request->method, "POST")))
    {
      g_free (request->method);
      request->method = g_strdup ("GET");
      g_clear_pointer (&request->body, g_bytes_unref);
    }
  g_clear_pointer (&request->redirect, g_uri_unref);
  request->redirect = g_steal_pointer (&to);
  g_debug ("%s %s: redirected (HTTP %u) within the cluster", request->method, request->path, status);
  request->attempt--; /* the same attempt, elsewhere */
  request_send (task);
  return TRUE;
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask              *task = user_data;
  FlinkTransport     *self = g_task_get_source_object (task);
  Request            *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  GError             *error = NULL;
  goffset             length;
  guint               status;

  request->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (request->stream == NULL)
    {
      request_failed (task, error);
      return;
    }
  status = soup_message_get_status (request->message);
  if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED)
    {
      request_redirect (task);
      return;
    }
  headers = soup_message_get_response_headers (request->message);
  length = soup_message_headers_get_content_length (headers);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      length > 0 && (guint64) length > self->settings->max_response_size)
    {
      request_failed (task, g_error_new (FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                                         "%s: the answer of %s would be %" G_GINT64_FORMAT
                                         " bytes, larger than %" G_GUINT64_FORMAT " (the "
                                         "descriptor's max-response-size, Flink's "
                                         "rest.client.max-content-length)",
                                         request->context,
                                         self->url, (gint64) length,
                                         self->settings->max_response_size));
      return;
    }
  request->answer = g_byte_array_sized_new (length > 0 ? MIN ((guint64) length, READ_CHUNK_SIZE)
                                                       : 1024);
  read_answer (task);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Request *request = user_data;

  request->timed_out = TRUE;
  g_cancellable_cancel (request->cancellable);
  return G_SOURCE_REMOVE;
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
      const char      *password = g_uri_get_password (endpoint);
      g_autofree char *plain = g_strconcat (user, ":", password ? password : "", NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) plain, strlen (plain));
      g_autofree char *value = g_strconcat ("Basic ", encoded, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
      memset (plain, 0, strlen (plain));
    }
}

static void
leader_found_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask           *task = user_data;
  Request         *request = g_task_get_task_data (task);
  g_autofree char *url = NULL;
  GError          *error = NULL;

  url = _flink_leader_retrieval_wait_for_leader_finish (FLINK_LEADER_RETRIEVAL (source), result, &error);
  if (url == NULL)
    {
      if (error->domain == FLINK_ERROR)
        g_prefix_error (&error, "%s: ", request->context);
      request_fail (task, error);
      return;
    }
  request_send (task);
}

/* ZooKeeper HA: the current leader's URL, or NULL when the request waits
 * for one (or failed). */
static GUri *
request_find_leader (GTask *task)
{
  FlinkTransport            *self = g_task_get_source_object (task);
  Request                   *request = g_task_get_task_data (task);
  const char                *url = _flink_leader_retrieval_get_leader_url (self->leader);
  const char                *session_id = _flink_leader_retrieval_get_leader_session_id (self->leader);
  const FlinkLeaderSettings *leader = _flink_leader_retrieval_get_settings (self->leader);
  GUri                      *uri;

  if (url == NULL || g_strcmp0 (session_id, self->stale_session_id) == 0)
    {
      guint wait_ms = request->retry == FLINK_RETRY_NEVER ? 0 : ha_wait_ms (self);

      _flink_leader_retrieval_wait_for_new_leader_async (self->leader, self->stale_session_id,
                                                         wait_ms, request->cancellable,
                                                         leader_found_cb, task);
      return NULL;
    }
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    {
      request_fail (task, g_error_new (FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                                       _ ("%s: ZooKeeper %s names “%s” as the REST leader of Flink "
                                          "cluster “%s”, which is not a URL"),
                                       request->context,
                                       leader->quorum, url, leader->cluster_id));
      return NULL;
    }
  g_free (request->leader_session_id);
  request->leader_session_id = g_strdup (session_id);
  return uri;
}

static void
request_send (GTask *task)
{
  FlinkTransport     *self = g_task_get_source_object (task);
  Request            *request = g_task_get_task_data (task);
  GUri               *endpoint = g_ptr_array_index (self->settings->endpoints, self->endpoint);
  g_autoptr (GUri)    leader = NULL;
  g_autoptr (GUri)    uri = NULL;
  g_autofree char    *full_path = NULL;
  const char         *base_path;
  SoupMessageHeaders *headers;

  if (self->leader_error != NULL)
    {
      request_fail (task, g_error_new (self->leader_error->domain, self->leader_error->code, "%s: %s",
                                       request->context, self->leader_error->message));
      return;
    }
  if (self->leader != NULL && request->redirect == NULL)
    {
      leader = request_find_leader (task);
      if (leader == NULL)
        return;
    }
  base_path = g_uri_get_path (leader ? leader : endpoint);

  if (g_str_has_suffix (base_path, "/"))
    full_path = g_strconcat (base_path, request->path + 1, NULL);
  else
    full_path = g_strconcat (base_path, request->path, NULL);

  if (request->redirect != NULL)
    uri = g_uri_ref (request->redirect);
  else
    uri = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (leader ? leader : endpoint), NULL,
                       g_uri_get_host (leader ? leader : endpoint),
                       g_uri_get_port (leader ? leader : endpoint),
                       full_path, request->query, NULL);

  g_clear_object (&request->message);
  request->message = soup_message_new_from_uri (request->method, uri);
  soup_message_add_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);
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

  /* The descriptor's timeout bounds the whole attempt, from connecting to
   * the last byte: a server that trickles its answer cannot hold it. */
  if (self->settings->timeout > 0)
    {
      request->deadline = g_timeout_source_new (MIN (self->settings->timeout, G_MAXUINT / 1000) * 1000);
      g_source_set_callback (request->deadline, deadline_cb, request, NULL);
      g_source_set_name (request->deadline, "[flinkjob] request deadline");
      g_source_attach (request->deadline, g_task_get_context (task));
    }
  if (request->upload != NULL)
    g_file_read_async (request->upload, G_PRIORITY_DEFAULT, request->cancellable,
                       upload_opened_cb, task);
  else
    soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT,
                             request->cancellable, sent_cb, task);
}

static void
upload_opened_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask                       *task = user_data;
  FlinkTransport              *self = g_task_get_source_object (task);
  Request                     *request = g_task_get_task_data (task);
  g_autoptr (GFileInputStream) file = NULL;
  g_autoptr (GInputStream)     body = NULL;
  GError                      *error = NULL;

  file = g_file_read_finish (G_FILE (source), result, &error);
  if (file == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      request_failed (task, error); /* the caller, or the deadline */
      return;
    }
  if (file == NULL)
    {
      attempt_end (request);
      request_fail (task, g_error_new (FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT, "%s: %s",
                                       request->context, error->message));
      g_error_free (error);
      return;
    }
  body = _flink_upload_stream_new (request->upload_head, G_INPUT_STREAM (file), request->upload_tail);
  soup_message_set_request_body (request->message, request->content_type, body,
                                 request->upload_length);
  soup_session_send_async (self->session, request->message, G_PRIORITY_DEFAULT,
                           request->cancellable, sent_cb, task);
}

static void
upload_prepare (Request           *request,
                const FlinkUpload *upload)
{
  request->upload = g_object_ref (upload->file);
  _flink_upload_parts (upload, &request->upload_head, &request->upload_tail,
                       &request->content_type, &request->upload_length);
}

static void
caller_cancelled_cb (GCancellable *cancellable,
                     Request      *request)
{
  g_cancellable_cancel (request->cancellable);
}

static FlinkRetry
retry_by_method (const char *method)
{
  if (g_str_equal (method, "GET") || g_str_equal (method, "PUT") || g_str_equal (method, "PATCH"))
    return FLINK_RETRY_IDEMPOTENT;
  return FLINK_RETRY_IF_NOT_SENT;
}

void
_flink_transport_send_async (FlinkTransport     *self,
                             const FlinkRequest *description,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  GTask   *task;
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
                     ? description->retry
                     : retry_by_method (description->method);
  request->flags = description->flags;
  request->context = g_strdup (description->context);
  request->started = g_get_monotonic_time ();
  request->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  if (cancellable != NULL)
    request->caller_cancellable = g_object_ref (cancellable);
  if (cancellable != NULL)
    request->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                   request, NULL);

  if (description->upload != NULL)
    upload_prepare (request, description->upload);
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
_flink_transport_send_finish (FlinkTransport *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _flink_transport_send_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
