/* flink-fault-server.c: an in-process HTTP server that misbehaves on purpose
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "flink-fault-server.h"

/* How long a server thread may take to listen. */
#define THREAD_START_S 30

struct _FlinkFaultServer {
  /* Set up once, before the server listens. */
  gboolean raw;
  FlinkFaultRawHandler raw_handler;
  gpointer raw_user_data;
  char *url;

  /* Shared with the thread the handler runs on. */
  GMutex lock;
  FlinkFaultHandler handler;
  gpointer user_data;
  char *config_body;
  guint requests;
  SoupMessageHeaders *last_headers;

  /* Only on the server's own main context. */
  SoupServer *soup;
  GSocketService *service;
  GPtrArray *connections;        /* a raw server's, closed when it stops */
  GSList *held;
  gboolean disconnected;

  /* A server of its own thread. */
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  GCond ready;
  gboolean listening;
};

/* ---- Requests ------------------------------------------------------------ */

static void
copy_header_cb (const char *name,
                const char *value,
                gpointer    user_data)
{
  soup_message_headers_append (user_data, name, value);
}

static void
request_cb (SoupServer        *soup,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  FlinkFaultServer *self = user_data;
  FlinkFaultHandler handler;
  gpointer handler_data;
  g_autofree char *config = NULL;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->last_headers, soup_message_headers_unref);
  self->last_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_foreach (soup_server_message_get_request_headers (msg), copy_header_cb,
                                self->last_headers);
  if (self->config_body != NULL && g_str_equal (path, "/config"))
    config = g_strdup (self->config_body);
  else
    self->requests++;
  handler = self->handler;
  handler_data = self->user_data;
  g_mutex_unlock (&self->lock);

  if (config != NULL)
    flink_fault_respond (msg, 200, config);
  else
    handler (self, msg, path, handler_data);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  FlinkFaultServer *self = user_data;

  g_mutex_lock (&self->lock);
  self->requests++;
  g_mutex_unlock (&self->lock);
  g_ptr_array_add (self->connections, g_object_ref (connection));
  self->raw_handler (self, connection, self->raw_user_data);
  return TRUE;
}

/* ---- Starting and stopping, on the server's main context ----------------- */

static void
server_listen (FlinkFaultServer *self)
{
  g_autoptr(GError) error = NULL;

  if (self->raw)
    {
      g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
      g_autoptr(GSocketAddress) bound = NULL;

      self->connections = g_ptr_array_new_with_free_func (g_object_unref);
      self->service = g_socket_service_new ();
      g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address, G_SOCKET_TYPE_STREAM,
                                     G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
      g_assert_no_error (error);
      self->url = g_strdup_printf ("http://127.0.0.1:%u",
                                   g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
      g_signal_connect (self->service, "incoming", G_CALLBACK (incoming_cb), self);
      g_socket_service_start (self->service);
    }
  else
    {
      GSList *uris;

      self->soup = soup_server_new (NULL, NULL);
      soup_server_add_handler (self->soup, NULL, request_cb, self, NULL);
      soup_server_listen_local (self->soup, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
      g_assert_no_error (error);
      uris = soup_server_get_uris (self->soup);
      g_assert_nonnull (uris);
      self->url = g_uri_to_string (uris->data);
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
      if (g_str_has_suffix (self->url, "/"))
        self->url[strlen (self->url) - 1] = '\0';
    }
}

/* What is held gets an answer (so that no client waits for nothing), then
 * every connection closes. */
static void
server_disconnect (FlinkFaultServer *self)
{
  if (self->disconnected)
    return;
  self->disconnected = TRUE;
  for (GSList *l = self->held; l != NULL; l = l->next)
    {
      soup_server_message_set_status (l->data, 500, NULL);
      soup_server_message_unpause (l->data);
    }
  g_slist_free_full (g_steal_pointer (&self->held), g_object_unref);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  if (self->service != NULL)
    {
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
      for (guint i = 0; i < self->connections->len; i++)
        g_io_stream_close (g_ptr_array_index (self->connections, i), NULL, NULL);
    }
}

static void
server_stop (FlinkFaultServer *self)
{
  server_disconnect (self);
  g_clear_object (&self->soup);
  g_clear_object (&self->service);
  g_clear_pointer (&self->connections, g_ptr_array_unref);
}

/* ---- A server of its own thread ------------------------------------------ */

static gpointer
server_thread (gpointer data)
{
  FlinkFaultServer *self = data;

  g_main_context_push_thread_default (self->context);
  server_listen (self);
  g_mutex_lock (&self->lock);
  self->listening = TRUE;
  g_cond_signal (&self->ready);
  g_mutex_unlock (&self->lock);
  g_main_loop_run (self->loop);
  server_stop (self);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

typedef struct {
  FlinkFaultServer *server;
  gboolean done;
} Call;

static gboolean
disconnect_in_thread_cb (gpointer data)
{
  Call *call = data;

  server_disconnect (call->server);
  g_mutex_lock (&call->server->lock);
  call->done = TRUE;
  g_cond_signal (&call->server->ready);
  g_mutex_unlock (&call->server->lock);
  return G_SOURCE_REMOVE;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* ---- The API ------------------------------------------------------------- */

static FlinkFaultServer *
server_new (FlinkFaultHandler handler,
            gpointer          user_data)
{
  FlinkFaultServer *self = g_new0 (FlinkFaultServer, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->ready);
  self->handler = handler;
  self->user_data = user_data;
  self->config_body = g_strdup ("{\"flink-version\": \"" FLINK_FAULT_FLINK_VERSION "\"}");
  return self;
}

FlinkFaultServer *
flink_fault_server_new (FlinkFaultHandler handler,
                        gpointer          user_data)
{
  FlinkFaultServer *self = server_new (handler, user_data);

  server_listen (self);
  return self;
}

FlinkFaultServer *
flink_fault_server_new_answering (const FlinkFaultAnswer *answer)
{
  return flink_fault_server_new (flink_fault_answer_handler, (gpointer) answer);
}

FlinkFaultServer *
flink_fault_server_new_in_thread (FlinkFaultHandler handler,
                                  gpointer          user_data)
{
  FlinkFaultServer *self = server_new (handler, user_data);
  gint64 deadline = g_get_monotonic_time () + THREAD_START_S * G_USEC_PER_SEC;

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  g_mutex_lock (&self->lock);
  self->thread = g_thread_new ("fault-server", server_thread, self);
  while (!self->listening)
    if (!g_cond_wait_until (&self->ready, &self->lock, deadline))
      g_error ("the fault server's thread did not listen within %d s", THREAD_START_S);
  g_mutex_unlock (&self->lock);
  return self;
}

FlinkFaultServer *
flink_fault_server_new_raw (FlinkFaultRawHandler handler,
                            gpointer             user_data)
{
  FlinkFaultServer *self = server_new (NULL, NULL);

  self->raw = TRUE;
  self->raw_handler = handler;
  self->raw_user_data = user_data;
  server_listen (self);
  return self;
}

void
flink_fault_server_free (FlinkFaultServer *self)
{
  if (self->thread != NULL)
    {
      g_main_context_invoke (self->context, quit_cb, self->loop);
      g_thread_join (self->thread);
      g_main_loop_unref (self->loop);
      g_main_context_unref (self->context);
    }
  else
    server_stop (self);
  g_clear_pointer (&self->last_headers, soup_message_headers_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->ready);
  g_free (self->config_body);
  g_free (self->url);
  g_free (self);
}

const char *
flink_fault_server_get_url (FlinkFaultServer *self)
{
  return self->url;
}

char *
flink_fault_server_get_url_with_userinfo (FlinkFaultServer *self,
                                          const char       *userinfo)
{
  g_assert_true (g_str_has_prefix (self->url, "http://"));
  return g_strdup_printf ("http://%s@%s", userinfo, self->url + strlen ("http://"));
}

guint
flink_fault_server_get_requests (FlinkFaultServer *self)
{
  guint requests;

  g_mutex_lock (&self->lock);
  requests = self->requests;
  g_mutex_unlock (&self->lock);
  return requests;
}

char *
flink_fault_server_dup_last_header (FlinkFaultServer *self,
                                    const char       *name)
{
  char *value = NULL;

  g_mutex_lock (&self->lock);
  if (self->last_headers != NULL)
    value = g_strdup (soup_message_headers_get_one (self->last_headers, name));
  g_mutex_unlock (&self->lock);
  return value;
}

void
flink_fault_server_set_config (FlinkFaultServer *self,
                               const char       *body)
{
  g_mutex_lock (&self->lock);
  g_free (self->config_body);
  self->config_body = g_strdup (body);
  g_mutex_unlock (&self->lock);
}

void
flink_fault_server_set_handler (FlinkFaultServer  *self,
                                FlinkFaultHandler  handler,
                                gpointer           user_data)
{
  g_assert_false (self->raw);
  g_mutex_lock (&self->lock);
  self->handler = handler;
  self->user_data = user_data;
  g_mutex_unlock (&self->lock);
}

void
flink_fault_server_disconnect (FlinkFaultServer *self)
{
  Call call = { self, FALSE };
  gint64 deadline;

  if (self->thread == NULL)
    {
      server_disconnect (self);
      return;
    }
  deadline = g_get_monotonic_time () + THREAD_START_S * G_USEC_PER_SEC;
  g_main_context_invoke (self->context, disconnect_in_thread_cb, &call);
  g_mutex_lock (&self->lock);
  while (!call.done)
    if (!g_cond_wait_until (&self->ready, &self->lock, deadline))
      g_error ("the fault server's thread did not disconnect within %d s", THREAD_START_S);
  g_mutex_unlock (&self->lock);
}

/* ---- Answers ------------------------------------------------------------- */

void
flink_fault_respond (SoupServerMessage *msg,
                     guint              status,
                     const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

void
flink_fault_hold (FlinkFaultServer  *self,
                  SoupServerMessage *msg)
{
  soup_server_message_pause (msg);
  self->held = g_slist_prepend (self->held, g_object_ref (msg));
}

void
flink_fault_drop (SoupServerMessage *msg)
{
  GIOStream *stream = soup_server_message_steal_connection (msg);

  g_io_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
}

void
flink_fault_answer_handler (FlinkFaultServer  *server,
                            SoupServerMessage *msg,
                            const char        *path,
                            gpointer           user_data)
{
  const FlinkFaultAnswer *answer = user_data;

  flink_fault_respond (msg, answer->status, answer->body);
}

void
flink_fault_hang_handler (FlinkFaultServer  *server,
                          SoupServerMessage *msg,
                          const char        *path,
                          gpointer           user_data)
{
  flink_fault_hold (server, msg);
}

void
flink_fault_drop_handler (FlinkFaultServer  *server,
                          SoupServerMessage *msg,
                          const char        *path,
                          gpointer           user_data)
{
  flink_fault_drop (msg);
}

void
flink_fault_close_handler (FlinkFaultServer  *server,
                           GSocketConnection *connection,
                           gpointer           user_data)
{
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
}

char *
flink_fault_unused_url (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return g_strdup_printf ("http://127.0.0.1:%u", port);
}
