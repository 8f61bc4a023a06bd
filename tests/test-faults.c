/* test-faults.c: what a real cluster cannot be made to do
 *
 * An in-process SoupServer that misbehaves on purpose: garbage bodies,
 * requests it never answers, dropped connections, 503s. Every test ends in
 * a clear FLINK_ERROR (or G_IO_ERROR_CANCELLED), never a crash or a hang.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "flink-private.h"
#include "flink-test-utils.h"

#define JOB_ID "0123456789abcdef0123456789abcdef"

typedef enum {
  MODE_GARBAGE,
  MODE_HANG,
  MODE_UNAVAILABLE,
  MODE_WRONG_TYPES,
  MODE_SAVEPOINT_GARBAGE,
  MODE_NOT_FLINK,
  MODE_UNAVAILABLE_THEN_OK,
  MODE_DROP_FIRST_TRIGGER,
  MODE_AUTH,
  MODE_OLD_FLINK,
  MODE_JOBS,
} Mode;

#define SECRET_TOKEN "s3cr3t-token-1d5f"
#define SECRET_PASSWORD "pa55-w0rd-77e2"

typedef struct {
  SoupServer *server;
  char *url;
  Mode mode;
  GSList *paused;
  guint requests;                /* not counting /config */
  GPtrArray *trigger_ids;        /* triggerId of every savepoint POST */
  GHashTable *savepoints;        /* distinct trigger ids: savepoints taken */
  char *authorization;           /* the last Authorization header seen */
  char *cookie;                  /* the last Cookie header seen */
} Fixture;

static char *
body_trigger_id (SoupServerMessage *msg)
{
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request_body);
  g_autoptr(JsonNode) root = _flink_json_parse (bytes, NULL);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (_flink_json_get_string (json_node_get_object (root), "triggerId"));
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

/* A Flink that takes each savepoint once per trigger id, and whose first
 * answer to a trigger is lost: the connection drops after the request
 * arrived. */
static void
drop_first_trigger_handler (Fixture           *fixture,
                            SoupServerMessage *msg,
                            const char        *path)
{
  if (g_str_has_suffix (path, "/savepoints") &&
      g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      g_autofree char *trigger_id = body_trigger_id (msg);
      g_autofree char *body = NULL;

      g_assert_nonnull (trigger_id);
      g_ptr_array_add (fixture->trigger_ids, g_strdup (trigger_id));
      g_hash_table_add (fixture->savepoints, g_strdup (trigger_id));
      if (fixture->trigger_ids->len == 1)
        {
          GIOStream *stream = soup_server_message_steal_connection (msg);
          g_io_stream_close (stream, NULL, NULL);
          g_object_unref (stream);
          return;
        }
      body = g_strdup_printf ("{\"request-id\": \"%s\"}", trigger_id);
      respond (msg, 202, body);
      return;
    }
  if (strstr (path, "/savepoints/") != NULL)
    {
      respond (msg, 200, "{\"status\": {\"id\": \"COMPLETED\"}, "
                         "\"operation\": {\"location\": \"file:/tmp/sp/savepoint-1\"}}");
      return;
    }
  respond (msg, 404, "{\"errors\": [\"Not found\"]}");
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *fixture = user_data;
  const char *body = NULL;
  guint status = 200;

  g_free (fixture->authorization);
  fixture->authorization = g_strdup (soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Authorization"));
  g_free (fixture->cookie);
  fixture->cookie = g_strdup (soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Cookie"));

  if (g_str_equal (path, "/config"))
    body = fixture->mode == MODE_NOT_FLINK ? "{\"hello\": \"world\"}" :
           fixture->mode == MODE_OLD_FLINK ? "{\"flink-version\": \"1.16.3\"}" :
           "{\"flink-version\": \"2.3.0\"}";
  else if (fixture->requests++, fixture->mode == MODE_DROP_FIRST_TRIGGER)
    {
      drop_first_trigger_handler (fixture, msg, path);
      return;
    }
  else
    switch (fixture->mode)
      {
      case MODE_GARBAGE:
        body = "\x01\x02 this is not JSON {{{";
        break;
      case MODE_HANG:
        soup_server_message_pause (msg);
        fixture->paused = g_slist_prepend (fixture->paused, g_object_ref (msg));
        return;
      case MODE_UNAVAILABLE:
        status = 503;
        body = "{\"errors\": [\"Service temporarily unavailable due to an ongoing leader election. Please refresh.\"]}";
        break;
      case MODE_WRONG_TYPES:
        body = "{\"status\": 42, \"jid\": [], \"jobs\": {\"no\": \"array\"}}";
        break;
      case MODE_SAVEPOINT_GARBAGE:
        if (g_str_has_suffix (path, "/savepoints"))
          {
            status = 202;
            body = "{\"request-id\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}";
          }
        else
          body = "[1, 2, 3";
        break;
      case MODE_NOT_FLINK:
        body = "{}";
        break;
      case MODE_UNAVAILABLE_THEN_OK:
        /* A leader election: three 503s, then an answer. */
        if (fixture->requests <= 3)
          {
            status = 503;
            body = "{\"errors\": [\"Service temporarily unavailable due to an ongoing leader election. Please refresh.\"]}";
          }
        else
          body = "{\"status\": \"RUNNING\"}";
        break;
      case MODE_AUTH:
        body = "{\"status\": \"RUNNING\"}";
        break;
      case MODE_JOBS:
        body = g_str_equal (path, "/jobs/overview")
          ? "{\"jobs\": [{\"jid\": \"" JOB_ID "\", \"name\": \"a\", \"state\": \"RUNNING\", "
            "\"start-time\": 1, \"end-time\": -1, \"duration\": 5, \"last-modification\": 2, "
            "\"tasks\": {\"total\": 1, \"running\": 1}}]}"
          : "{\"status\": \"RUNNING\"}";
        break;
      case MODE_OLD_FLINK:
        status = 500;
        body = "{\"errors\": [\"flinkjob should not have asked\"]}";
        break;
      case MODE_DROP_FIRST_TRIGGER:
      default:
        g_assert_not_reached ();
      }

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fixture->mode = GPOINTER_TO_INT (data);
  fixture->trigger_ids = g_ptr_array_new_with_free_func (g_free);
  fixture->savepoints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, handler, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (g_str_has_suffix (fixture->url, "/"))
    fixture->url[strlen (fixture->url) - 1] = '\0';
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  for (GSList *l = fixture->paused; l != NULL; l = l->next)
    {
      soup_server_message_set_status (l->data, 500, NULL);
      soup_server_message_unpause (l->data);
    }
  g_slist_free_full (fixture->paused, g_object_unref);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_free (fixture->url);
  g_ptr_array_unref (fixture->trigger_ids);
  g_hash_table_unref (fixture->savepoints);
  g_free (fixture->authorization);
  g_free (fixture->cookie);
}

static FlinkClusterClient *
retrieve_from (FlinkClusterDescriptor  *descriptor,
               GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  flink_cluster_descriptor_retrieve_async (descriptor, NULL, flink_test_store_result_cb, &result);
  return flink_cluster_descriptor_retrieve_finish (descriptor, flink_test_wait (&result), error);
}

/* One attempt per request: these tests are about what one failure gives. */
static FlinkClusterClient *
retrieve (const char *url,
          guint       timeout,
          GError    **error)
{
  g_autoptr(FlinkClusterDescriptor) descriptor = flink_cluster_descriptor_new_for_url (url, error);
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_nonnull (descriptor);
  flink_cluster_descriptor_set_retry_max_attempts (descriptor, 1);
  flink_cluster_descriptor_set_timeout (descriptor, timeout);
  flink_cluster_descriptor_retrieve_async (descriptor, NULL, flink_test_store_result_cb, &result);
  return flink_cluster_descriptor_retrieve_finish (descriptor, flink_test_wait (&result), error);
}

static FlinkJobClient *
job_client (Fixture *fixture,
            guint    timeout)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterClient) client = retrieve (fixture->url, timeout, &error);
  FlinkJobClient *job;

  g_assert_no_error (error);
  job = flink_cluster_client_get_job_client (client, JOB_ID, &error);
  g_assert_no_error (error);
  return job;
}

static GError *
get_status_error (FlinkJobClient *job,
                  GCancellable   *cancellable)
{
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;

  flink_job_client_get_job_status_async (job, cancellable, flink_test_store_result_cb, &result);
  g_assert_cmpint (flink_job_client_get_job_status_finish (job, flink_test_wait (&result), &error), ==,
                   FLINK_JOB_STATUS_UNKNOWN);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  return error;
}

static void
assert_names_job_and_cluster (const GError *error,
                              Fixture      *fixture)
{
  g_assert_nonnull (strstr (error->message, JOB_ID));
  g_assert_nonnull (strstr (error->message, fixture->url));
}

static void
test_garbage (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(FlinkJobClient) job = job_client (fixture, 5);
  g_autoptr(GError) error = get_status_error (job, NULL);

  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR);
  assert_names_job_and_cluster (error, fixture);
}

static void
test_wrong_types (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(FlinkJobClient) job = job_client (fixture, 5);
  g_autoptr(GError) error = get_status_error (job, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FlinkJobDetails) details = NULL;
  g_autoptr(GError) details_error = NULL;

  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR);
  assert_names_job_and_cluster (error, fixture);

  flink_job_client_get_job_details_async (job, NULL, flink_test_store_result_cb, &result);
  details = flink_job_client_get_job_details_finish (job, flink_test_wait (&result), &details_error);
  g_assert_null (details);
  g_assert_error (details_error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR);
  assert_names_job_and_cluster (details_error, fixture);
}

static void
test_unavailable (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(FlinkJobClient) job = job_client (fixture, 5);
  g_autoptr(GError) error = get_status_error (job, NULL);

  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_UNAVAILABLE);
  assert_names_job_and_cluster (error, fixture);
  g_assert_nonnull (strstr (error->message, "leader election"));
}

static void
test_hang_times_out (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(FlinkJobClient) job = job_client (fixture, 1);
  g_autoptr(GError) error = get_status_error (job, NULL);

  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_TIMED_OUT);
  assert_names_job_and_cluster (error, fixture);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_hang_cancelled (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(FlinkJobClient) job = job_client (fixture, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_timeout_add (100, cancel_cb, cancellable);
  error = get_status_error (job, cancellable);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_savepoint_garbage_keeps_trigger (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(FlinkJobClient) job = job_client (fixture, 5);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;

  flink_job_client_trigger_savepoint_async (job, "file:///tmp/sp", FLINK_SAVEPOINT_FORMAT_CANONICAL,
                                            NULL, flink_test_store_result_cb, &result);
  location = flink_job_client_trigger_savepoint_finish (job, flink_test_wait (&result), &error);
  g_assert_null (location);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR);
  g_test_message ("%s", error->message);
  assert_names_job_and_cluster (error, fixture);
  /* The savepoint may still complete on the cluster: its trigger id is
   * given so that it can be found. */
  g_assert_nonnull (strstr (error->message, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
}

static void
test_not_flink (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterClient) client = retrieve (fixture->url, 5, &error);

  g_assert_null (client);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR);
  g_assert_nonnull (strstr (error->message, fixture->url));
}

/* A server that accepts connections and closes them at once. */
static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
test_dropped_connection (void)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (incoming_cb), NULL);
  g_socket_service_start (service);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);

  client = retrieve (url, 5, &error);
  g_assert_null (client);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, url));
  g_socket_service_stop (service);
}

static FlinkClusterDescriptor *
fast_retrying_descriptor (const char * const *urls,
                          guint               attempts)
{
  g_autoptr(GError) error = NULL;
  FlinkClusterDescriptor *descriptor = flink_cluster_descriptor_new_for_urls (urls, &error);

  g_assert_no_error (error);
  flink_cluster_descriptor_set_retry_max_attempts (descriptor, attempts);
  flink_cluster_descriptor_set_retry_delay (descriptor, 20);
  flink_cluster_descriptor_set_timeout (descriptor, 5);
  return descriptor;
}

static FlinkJobStatus
status_of (FlinkClusterClient *client,
           GError            **error)
{
  g_autoptr(FlinkJobClient) job = flink_cluster_client_get_job_client (client, JOB_ID, NULL);
  g_autoptr(GAsyncResult) result = NULL;

  flink_job_client_get_job_status_async (job, NULL, flink_test_store_result_cb, &result);
  return flink_job_client_get_job_status_finish (job, flink_test_wait (&result), error);
}

/* A 503 storm during a leader election: retried until it answers. */
static void
test_unavailable_storm_retried (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *urls[] = { fixture->url, NULL };
  g_autoptr(FlinkClusterDescriptor) descriptor = fast_retrying_descriptor (urls, 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterClient) client = retrieve_from (descriptor, &error);

  g_assert_no_error (error);
  g_assert_cmpint (status_of (client, &error), ==, FLINK_JOB_STATUS_RUNNING);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->requests, ==, 4);
}

/* ... and given up on, clearly, when it outlasts the attempts allowed. */
static void
test_unavailable_storm_exhausted (Fixture       *fixture,
                                  gconstpointer  data)
{
  const char *urls[] = { fixture->url, NULL };
  g_autoptr(FlinkClusterDescriptor) descriptor = fast_retrying_descriptor (urls, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterClient) client = retrieve_from (descriptor, &error);

  g_assert_no_error (error);
  g_assert_cmpint (status_of (client, &error), ==, FLINK_JOB_STATUS_UNKNOWN);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_UNAVAILABLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "after 2 attempts"));
  g_assert_cmpuint (fixture->requests, ==, 2);
}

/* With high availability, an endpoint that refuses is passed over. */
static void
test_first_endpoint_refused (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dead = NULL;
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterClient) client = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  dead = g_strdup_printf ("http://127.0.0.1:%u", port);

  {
    const char *urls[] = { dead, fixture->url, NULL };
    /* One attempt: moving to the next endpoint is not a retry. */
    descriptor = fast_retrying_descriptor (urls, 1);
  }
  g_assert_cmpstrv (flink_cluster_descriptor_get_urls (descriptor),
                    ((const char *[]) { dead, fixture->url, NULL }));
  client = retrieve_from (descriptor, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (flink_cluster_client_get_url (client), ==, fixture->url);
  g_assert_cmpint (status_of (client, &error), ==, FLINK_JOB_STATUS_RUNNING);
  g_assert_no_error (error);
}

/* The trigger reached the cluster but its answer was lost: sent again with
 * the same trigger id, it takes one savepoint, not two. */
static void
test_lost_trigger_answer (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *urls[] = { fixture->url, NULL };
  g_autoptr(FlinkClusterDescriptor) descriptor = fast_retrying_descriptor (urls, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterClient) client = retrieve_from (descriptor, &error);
  g_autoptr(FlinkJobClient) job = flink_cluster_client_get_job_client (client, JOB_ID, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *location = NULL;

  flink_job_client_trigger_savepoint_async (job, "file:///tmp/sp", FLINK_SAVEPOINT_FORMAT_CANONICAL,
                                            NULL, flink_test_store_result_cb, &result);
  location = flink_job_client_trigger_savepoint_finish (job, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (location, ==, "file:/tmp/sp/savepoint-1");
  g_assert_cmpuint (fixture->trigger_ids->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->trigger_ids, 0), ==, g_ptr_array_index (fixture->trigger_ids, 1));
  g_assert_cmpuint (g_hash_table_size (fixture->savepoints), ==, 1);
}

/* A server of its own thread and main context, for a test whose main
 * thread blocks (waiting for a subprocess). */
typedef struct {
  Fixture fixture;
  GMainContext *context;
  GMainLoop *loop;
  GThread *thread;
  GMutex lock;
  GCond ready;
} ServerThread;

static gpointer
server_thread_run (gpointer data)
{
  ServerThread *st = data;

  g_main_context_push_thread_default (st->context);
  fixture_setup (&st->fixture, GINT_TO_POINTER (MODE_AUTH));
  g_mutex_lock (&st->lock);
  g_cond_signal (&st->ready);
  g_mutex_unlock (&st->lock);
  g_main_loop_run (st->loop);
  fixture_teardown (&st->fixture, NULL);
  g_main_context_pop_thread_default (st->context);
  return NULL;
}

static ServerThread *
server_thread_start (void)
{
  ServerThread *st = g_new0 (ServerThread, 1);

  st->context = g_main_context_new ();
  st->loop = g_main_loop_new (st->context, FALSE);
  g_mutex_init (&st->lock);
  g_cond_init (&st->ready);
  g_mutex_lock (&st->lock);
  st->thread = g_thread_new ("server", server_thread_run, st);
  while (st->fixture.url == NULL)
    g_cond_wait (&st->ready, &st->lock);
  g_mutex_unlock (&st->lock);
  return st;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
server_thread_stop (ServerThread *st)
{
  g_main_context_invoke (st->context, quit_cb, st->loop);
  g_thread_join (st->thread);
  g_main_loop_unref (st->loop);
  g_main_context_unref (st->context);
  g_mutex_clear (&st->lock);
  g_cond_clear (&st->ready);
  g_free (st);
}

/* Credentials reach the server and nothing else: run in a subprocess with
 * every debug message on, then search all it printed. */
static void
test_secrets_not_printed (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *with_password = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      const char *url = g_getenv ("FLINKJOB_TEST_SECRET_URL");
      g_autoptr(FlinkClusterDescriptor) descriptor = flink_cluster_descriptor_new_for_url (url, &error);
      g_autoptr(FlinkClusterClient) client = NULL;
      g_autoptr(FlinkJobClient) job = NULL;
      g_autoptr(GAsyncResult) result = NULL;

      g_assert_no_error (error);
      /* Every debug message of every domain, as G_MESSAGES_DEBUG=all. */
      g_log_set_debug_enabled (TRUE);
      g_print ("descriptor url %s\n", flink_cluster_descriptor_get_url (descriptor));
      flink_cluster_descriptor_set_bearer_token (descriptor, SECRET_TOKEN);
      flink_cluster_descriptor_set_retry_max_attempts (descriptor, 1);
      client = retrieve_from (descriptor, &error);
      g_assert_no_error (error);
      g_print ("client url %s\n", flink_cluster_client_get_url (client));
      /* An error message too, naming the cluster. */
      job = flink_cluster_client_get_job_client (client, "nope", &error);
      g_print ("%s\n", error->message);
      return;
    }

  {
    ServerThread *st = server_thread_start ();

    with_password = g_strdup_printf ("http://operator:" SECRET_PASSWORD "@%s",
                                     st->fixture.url + strlen ("http://"));
    g_setenv ("FLINKJOB_TEST_SECRET_URL", with_password, TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    server_thread_stop (st);
  }
  g_test_trap_assert_passed ();
  /* The requests were made, with the token, */
  g_test_trap_assert_stdout ("*client url http://127.0.0.1*");
  /* A user name may be a token too (http://TOKEN@host). */
  g_test_trap_assert_stdout_unmatched ("*operator*");
  g_test_trap_assert_stderr_unmatched ("*operator*");
  g_test_trap_assert_stdout ("*GET /config*");
  /* and no byte printed holds a secret. */
  g_test_trap_assert_stdout_unmatched ("*" SECRET_TOKEN "*");
  g_test_trap_assert_stderr_unmatched ("*" SECRET_TOKEN "*");
  g_test_trap_assert_stdout_unmatched ("*" SECRET_PASSWORD "*");
  g_test_trap_assert_stderr_unmatched ("*" SECRET_PASSWORD "*");
}

static void
test_bearer_token_sent (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *urls[] = { fixture->url, NULL };
  g_autoptr(FlinkClusterDescriptor) descriptor = fast_retrying_descriptor (urls, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterClient) client = NULL;

  flink_cluster_descriptor_set_bearer_token (descriptor, SECRET_TOKEN);
  g_assert_true (flink_cluster_descriptor_add_header (descriptor, "X-Flinkjob-Test", "yes", &error));
  g_assert_no_error (error);
  client = retrieve_from (descriptor, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status_of (client, &error), ==, FLINK_JOB_STATUS_RUNNING);
  g_assert_cmpstr (fixture->authorization, ==, "Bearer " SECRET_TOKEN);
}

static void
test_basic_auth_sent (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("http://operator:" SECRET_PASSWORD "@%s",
                                          fixture->url + strlen ("http://"));
  const char *urls[] = { url, NULL };
  g_autoptr(FlinkClusterDescriptor) descriptor = fast_retrying_descriptor (urls, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterClient) client = retrieve_from (descriptor, &error);
  g_autofree char *expected = NULL;
  g_autofree char *encoded = g_base64_encode ((const guchar *) "operator:" SECRET_PASSWORD,
                                              strlen ("operator:" SECRET_PASSWORD));

  g_assert_no_error (error);
  expected = g_strconcat ("Basic ", encoded, NULL);
  g_assert_cmpstr (fixture->authorization, ==, expected);
  g_assert_null (strstr (flink_cluster_client_get_url (client), SECRET_PASSWORD));
  g_assert_null (strstr (flink_cluster_descriptor_get_url (descriptor), SECRET_PASSWORD));
}

static void
test_environment_headers (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterClient) client = NULL;

  /* Flink's format: newline-separated Name:value; values keep colons. */
  g_setenv ("FLINK_REST_CLIENT_HEADERS", "Cookie:auth=12:345\nMalformed\nX-Two:a,b", TRUE);
  descriptor = flink_cluster_descriptor_new_for_url (fixture->url, &error);
  g_unsetenv ("FLINK_REST_CLIENT_HEADERS");
  g_assert_no_error (error);
  client = retrieve_from (descriptor, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->cookie, ==, "auth=12:345");
}

/* What the cluster's version cannot do fails before anything is sent. */
static void
test_old_flink_not_supported (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(FlinkJobClient) job = job_client (fixture, 5);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  flink_job_client_trigger_checkpoint_async (job, FLINK_CHECKPOINT_TYPE_FULL, NULL,
                                             flink_test_store_result_cb, &result);
  g_assert_cmpuint (flink_job_client_trigger_checkpoint_finish (job, flink_test_wait (&result), &error), ==, 0);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "1.16.3"));
  assert_names_job_and_cluster (error, fixture);
  g_assert_cmpuint (fixture->requests, ==, 0);

  /* Resource requirements exist since 1.18. */
  {
    g_autoptr(FlinkJobResourceRequirements) requirements = flink_job_resource_requirements_new ();

    g_clear_error (&error);
    g_clear_object (&result);
    flink_job_client_get_resource_requirements_async (job, NULL, flink_test_store_result_cb, &result);
    g_assert_null (flink_job_client_get_resource_requirements_finish (job, flink_test_wait (&result), &error));
    g_assert_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED);
    g_assert_nonnull (strstr (error->message, "1.18"));
    assert_names_job_and_cluster (error, fixture);

    g_clear_error (&error);
    g_clear_object (&result);
    flink_job_resource_requirements_set_parallelism (requirements, "0123456789abcdef0123456789abcdef", 1, 2);
    flink_job_client_set_resource_requirements_async (job, requirements, NULL, flink_test_store_result_cb, &result);
    g_assert_false (flink_job_client_set_resource_requirements_finish (job, flink_test_wait (&result), &error));
    g_assert_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED);
    g_assert_cmpuint (fixture->requests, ==, 0);
  }
}

static void
test_operation_handle_text (void)
{
  const char *bad[] = {
    "", "flinkjob-operation/1", "flinkjob-operation/2 savepoint 0123456789abcdef0123456789abcdef 0123456789abcdef0123456789abcdef 1",
    "flinkjob-operation/1 restore 0123456789abcdef0123456789abcdef 0123456789abcdef0123456789abcdef 1",
    "flinkjob-operation/1 savepoint nothex 0123456789abcdef0123456789abcdef 1",
    "flinkjob-operation/1 savepoint 0123456789abcdef0123456789abcdef 0123456789abcdef0123456789abcdef -5",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkOperationHandle) handle = flink_operation_handle_new_from_string (
    "  flinkjob-operation/1 stop-with-savepoint 0123456789ABCDEF0123456789abcdef "
    "fedcba98765432100123456789abcdef 1795463204348\n", &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (flink_operation_handle_get_kind (handle), ==, FLINK_OPERATION_KIND_STOP_WITH_SAVEPOINT);
  g_assert_cmpstr (flink_operation_handle_get_job_id (handle), ==, "0123456789abcdef0123456789abcdef");
  g_assert_cmpint (flink_operation_handle_get_start_time (handle), ==, 1795463204348);
  text = flink_operation_handle_to_string (handle);
  g_assert_cmpstr (text, ==, "flinkjob-operation/1 stop-with-savepoint 0123456789abcdef0123456789abcdef "
                             "fedcba98765432100123456789abcdef 1795463204348");
  g_assert_null (flink_operation_handle_get_directory (handle));

  /* A directory travels URI-escaped: spaces and all. */
  {
    g_autoptr(FlinkOperationHandle) with_dir = flink_operation_handle_new_from_string (
      "flinkjob-operation/1 savepoint 0123456789abcdef0123456789abcdef "
      "fedcba98765432100123456789abcdef 1 s3%3A%2F%2Fbucket%2Fsave%20points", &error);
    g_autofree char *again = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (flink_operation_handle_get_directory (with_dir), ==, "s3://bucket/save points");
    again = flink_operation_handle_to_string (with_dir);
    g_assert_true (g_str_has_suffix (again, " s3%3A%2F%2Fbucket%2Fsave%20points"));
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) bad_error = NULL;
      g_autoptr(FlinkOperationHandle) bad_handle = flink_operation_handle_new_from_string (bad[i], &bad_error);

      g_assert_null (bad_handle);
      g_assert_error (bad_error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
    }
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
count_status_changes_cb (FlinkJobClient *job,
                         FlinkJobStatus  old_status,
                         FlinkJobStatus  new_status,
                         GArray         *seen)
{
  g_array_append_val (seen, new_status);
}

/* The cluster goes away: the list and the watched job say "unreachable",
 * keep what they last saw, and report no job as failed. */
static void
test_watch_unreachable (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(FlinkJobClient) job = job_client (fixture, 2);
  g_autoptr(FlinkJobList) list = flink_job_list_new (flink_job_client_get_cluster_client (job));
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (FlinkJobStatus));
  g_autoptr(FlinkJobOverview) item = NULL;
  guint list_unreachable = 0, job_unreachable = 0;
  gint64 deadline;

  g_signal_connect (job, "status-changed", G_CALLBACK (count_status_changes_cb), seen);
  flink_job_client_set_watched (job, TRUE);
  while (!flink_job_list_get_loaded (list) || seen->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (flink_job_client_get_status (job), ==, FLINK_JOB_STATUS_RUNNING);
  g_assert_cmpuint (seen->len, ==, 1);

  g_signal_connect (list, "notify::reachable", G_CALLBACK (notify_cb), &list_unreachable);
  g_signal_connect (job, "notify::reachable", G_CALLBACK (notify_cb), &job_unreachable);
  soup_server_disconnect (fixture->server);

  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while ((flink_job_list_get_reachable (list) || flink_job_client_get_reachable (job)) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (flink_job_list_get_reachable (list));
  g_assert_false (flink_job_client_get_reachable (job));
  g_assert_cmpuint (list_unreachable, ==, 1);
  g_assert_cmpuint (job_unreachable, ==, 1);

  /* What they last saw stands. */
  g_assert_cmpint (flink_job_client_get_status (job), ==, FLINK_JOB_STATUS_RUNNING);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpint (flink_job_overview_get_status (item), ==, FLINK_JOB_STATUS_RUNNING);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, mode, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (mode), fixture_setup, func, fixture_teardown)

  ADD ("/faults/garbage", MODE_GARBAGE, test_garbage);
  ADD ("/faults/wrong-types", MODE_WRONG_TYPES, test_wrong_types);
  ADD ("/faults/unavailable", MODE_UNAVAILABLE, test_unavailable);
  ADD ("/faults/hang/times-out", MODE_HANG, test_hang_times_out);
  ADD ("/faults/hang/cancelled", MODE_HANG, test_hang_cancelled);
  ADD ("/faults/savepoint/garbage-keeps-trigger", MODE_SAVEPOINT_GARBAGE, test_savepoint_garbage_keeps_trigger);
  ADD ("/faults/not-flink", MODE_NOT_FLINK, test_not_flink);
  g_test_add_func ("/faults/dropped-connection", test_dropped_connection);
  ADD ("/faults/retry/unavailable-storm", MODE_UNAVAILABLE_THEN_OK, test_unavailable_storm_retried);
  ADD ("/faults/retry/unavailable-exhausted", MODE_UNAVAILABLE_THEN_OK, test_unavailable_storm_exhausted);
  ADD ("/faults/retry/first-endpoint-refused", MODE_AUTH, test_first_endpoint_refused);
  ADD ("/faults/retry/lost-trigger-answer", MODE_DROP_FIRST_TRIGGER, test_lost_trigger_answer);
  ADD ("/faults/auth/bearer-token", MODE_AUTH, test_bearer_token_sent);
  ADD ("/faults/auth/basic", MODE_AUTH, test_basic_auth_sent);
  ADD ("/faults/auth/secrets-not-printed", MODE_AUTH, test_secrets_not_printed);
  ADD ("/faults/auth/environment-headers", MODE_AUTH, test_environment_headers);
  ADD ("/faults/version/old-flink-not-supported", MODE_OLD_FLINK, test_old_flink_not_supported);
  g_test_add_func ("/faults/operation-handle/text", test_operation_handle_text);
  ADD ("/faults/watch/unreachable", MODE_JOBS, test_watch_unreachable);

  return g_test_run ();
}
