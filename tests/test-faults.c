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
} Mode;

typedef struct {
  SoupServer *server;
  char *url;
  Mode mode;
  GSList *paused;
} Fixture;

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

  if (g_str_equal (path, "/config"))
    body = fixture->mode == MODE_NOT_FLINK ? "{\"hello\": \"world\"}" : "{\"flink-version\": \"2.3.0\"}";
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
}

static FlinkClusterClient *
retrieve (const char *url,
          guint       timeout,
          GError    **error)
{
  g_autoptr(FlinkClusterDescriptor) descriptor = flink_cluster_descriptor_new_for_url (url, error);
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_nonnull (descriptor);
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

  return g_test_run ();
}
