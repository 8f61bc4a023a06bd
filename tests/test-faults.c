/* test-faults.c: what a real cluster cannot be made to do
 *
 * An in-process server (flink-fault-server.h) that misbehaves on purpose:
 * garbage bodies, requests it never answers, dropped connections, 503s.
 * Every test ends in a clear FLINK_ERROR (or G_IO_ERROR_CANCELLED), never a
 * crash or a hang.
 *
 * Each scenario is a handler: a function that answers one request the way
 * that scenario misbehaves. A test starts a server with its handler, points
 * flinkjob at the server's URL and checks what the caller gets. To add one:
 * write the handler (or a FlinkFaultAnswer for a fixed answer), write
 * the test, register it in main().
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "flinkjob.h"
#include "flink-fault-server.h"
#include "flink-test-utils.h"

#define JOB_ID "0123456789abcdef0123456789abcdef"

#define SECRET_TOKEN "s3cr3t-token-1d5f"
#define SECRET_PASSWORD "pa55-w0rd-77e2"

/* Every call here answers within a few seconds; the program's meson
 * timeout is 120 s. */
#define WAIT_S 30

#define LEADER_ELECTION \
  "{\"errors\": [\"Service temporarily unavailable due to an ongoing leader election. Please refresh.\"]}"

/* ---- Scenarios ----------------------------------------------------------- */

/* A healthy Flink, for the tests of what the client sends. */
static const FlinkFaultAnswer running = { 200, "{\"status\": \"RUNNING\"}" };

static const FlinkFaultAnswer garbage = { 200, "\x01\x02 this is not JSON {{{" };

static const FlinkFaultAnswer wrong_types = { 200, "{\"status\": 42, \"jid\": [], \"jobs\": {\"no\": \"array\"}}" };

static const FlinkFaultAnswer unavailable = { 503, LEADER_ELECTION };

/* Asked nothing: whatever the cluster's version cannot do fails first. */
static const FlinkFaultAnswer should_not_ask = { 500, "{\"errors\": [\"flinkjob should not have asked\"]}" };

/* Something else than Flink: its /config has no flink-version. */
static const FlinkFaultAnswer not_flink = { 200, "{}" };

/* A savepoint is triggered, then its status is garbage. */
static void
savepoint_garbage_handler (FlinkFaultServer  *server,
                           SoupServerMessage *msg,
                           const char        *path,
                           gpointer           user_data)
{
  if (g_str_has_suffix (path, "/savepoints"))
    flink_fault_respond (msg, 202, "{\"request-id\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}");
  else
    flink_fault_respond (msg, 200, "[1, 2, 3");
}

/* A leader election: three 503s, then an answer. */
static void
unavailable_then_ok_handler (FlinkFaultServer  *server,
                             SoupServerMessage *msg,
                             const char        *path,
                             gpointer           user_data)
{
  if (flink_fault_server_get_requests (server) <= 3)
    flink_fault_respond (msg, 503, LEADER_ELECTION);
  else
    flink_fault_respond (msg, running.status, running.body);
}

/* One running job, for the watchers. */
static void
one_job_handler (FlinkFaultServer  *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 gpointer           user_data)
{
  if (g_str_equal (path, "/jobs/overview"))
    flink_fault_respond (msg, 200,
                         "{\"jobs\": [{\"jid\": \"" JOB_ID "\", \"name\": \"a\", \"state\": \"RUNNING\", "
                         "\"start-time\": 1, \"end-time\": -1, \"duration\": 5, \"last-modification\": 2, "
                         "\"tasks\": {\"total\": 1, \"running\": 1}}]}");
  else
    flink_fault_respond (msg, running.status, running.body);
}

/* A Flink that takes each savepoint once per trigger id, and whose first
 * answer to a trigger is lost: the connection drops after the request
 * arrived. */
typedef struct {
  GPtrArray *trigger_ids;        /* triggerId of every savepoint POST */
  GHashTable *savepoints;        /* distinct trigger ids: savepoints taken */
} Savepoints;

static char *
body_trigger_id (SoupServerMessage *msg)
{
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request_body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root), "triggerId", NULL));
}

static void
drop_first_trigger_handler (FlinkFaultServer  *server,
                            SoupServerMessage *msg,
                            const char        *path,
                            gpointer           user_data)
{
  Savepoints *savepoints = user_data;

  if (g_str_has_suffix (path, "/savepoints") &&
      g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      g_autofree char *trigger_id = body_trigger_id (msg);
      g_autofree char *body = NULL;

      g_assert_nonnull (trigger_id);
      g_ptr_array_add (savepoints->trigger_ids, g_strdup (trigger_id));
      g_hash_table_add (savepoints->savepoints, g_strdup (trigger_id));
      if (savepoints->trigger_ids->len == 1)
        {
          flink_fault_drop (msg);
          return;
        }
      body = g_strdup_printf ("{\"request-id\": \"%s\"}", trigger_id);
      flink_fault_respond (msg, 202, body);
      return;
    }
  if (strstr (path, "/savepoints/") != NULL)
    {
      flink_fault_respond (msg, 200, "{\"status\": {\"id\": \"COMPLETED\"}, "
                                     "\"operation\": {\"location\": \"file:/tmp/sp/savepoint-1\"}}");
      return;
    }
  flink_fault_respond (msg, 404, "{\"errors\": [\"Not found\"]}");
}

/* ---- Helpers ------------------------------------------------------------- */

/* One attempt per request: these tests are about what one failure gives. */
static FlinkClusterClient *
retrieve (const char *url,
          guint       timeout,
          GError    **error)
{
  g_autoptr(FlinkClusterDescriptor) descriptor = flink_cluster_descriptor_new_for_url (url, error);

  g_assert_nonnull (descriptor);
  flink_cluster_descriptor_set_retry_max_attempts (descriptor, 1);
  flink_cluster_descriptor_set_timeout (descriptor, timeout);
  return flink_test_retrieve_from (descriptor, error);
}

static FlinkJobClient *
job_client (FlinkFaultServer *server,
            guint             timeout)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterClient) client = retrieve (flink_fault_server_get_url (server), timeout, &error);
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
assert_names_job_and_cluster (const GError     *error,
                              FlinkFaultServer *server)
{
  g_assert_nonnull (strstr (error->message, JOB_ID));
  g_assert_nonnull (strstr (error->message, flink_fault_server_get_url (server)));
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

static FlinkClusterDescriptor *
fast_retrying_descriptor_for (FlinkFaultServer *server,
                              guint             attempts)
{
  const char *urls[] = { flink_fault_server_get_url (server), NULL };

  return fast_retrying_descriptor (urls, attempts);
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

/* ---- What one failure gives ---------------------------------------------- */

static void
test_garbage (void)
{
  g_autoptr(FlinkFaultServer) server = flink_fault_server_new_answering (&garbage);
  g_autoptr(FlinkJobClient) job = job_client (server, 5);
  g_autoptr(GError) error = get_status_error (job, NULL);

  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR);
  assert_names_job_and_cluster (error, server);
}

static void
test_wrong_types (void)
{
  g_autoptr(FlinkFaultServer) server = flink_fault_server_new_answering (&wrong_types);
  g_autoptr(FlinkJobClient) job = job_client (server, 5);
  g_autoptr(GError) error = get_status_error (job, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FlinkJobDetails) details = NULL;
  g_autoptr(GError) details_error = NULL;

  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR);
  assert_names_job_and_cluster (error, server);

  flink_job_client_get_job_details_async (job, NULL, flink_test_store_result_cb, &result);
  details = flink_job_client_get_job_details_finish (job, flink_test_wait (&result), &details_error);
  g_assert_null (details);
  g_assert_error (details_error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR);
  assert_names_job_and_cluster (details_error, server);
}

static void
test_unavailable (void)
{
  g_autoptr(FlinkFaultServer) server = flink_fault_server_new_answering (&unavailable);
  g_autoptr(FlinkJobClient) job = job_client (server, 5);
  g_autoptr(GError) error = get_status_error (job, NULL);

  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_UNAVAILABLE);
  assert_names_job_and_cluster (error, server);
  g_assert_nonnull (strstr (error->message, "leader election"));
}

static void
test_hang_times_out (void)
{
  g_autoptr(FlinkFaultServer) server = flink_fault_server_new (flink_fault_hang_handler, NULL);
  g_autoptr(FlinkJobClient) job = job_client (server, 1);
  g_autoptr(GError) error = get_status_error (job, NULL);

  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_TIMED_OUT);
  assert_names_job_and_cluster (error, server);
}

static void
test_hang_cancelled (void)
{
  g_autoptr(FlinkFaultServer) server = flink_fault_server_new (flink_fault_hang_handler, NULL);
  g_autoptr(FlinkJobClient) job = job_client (server, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  flink_test_cancel_after (cancellable, 100);
  error = get_status_error (job, cancellable);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_savepoint_garbage_keeps_trigger (void)
{
  g_autoptr(FlinkFaultServer) server = flink_fault_server_new (savepoint_garbage_handler, NULL);
  g_autoptr(FlinkJobClient) job = job_client (server, 5);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;

  flink_job_client_trigger_savepoint_async (job, "file:///tmp/sp", FLINK_SAVEPOINT_FORMAT_CANONICAL,
                                            NULL, flink_test_store_result_cb, &result);
  location = flink_job_client_trigger_savepoint_finish (job, flink_test_wait (&result), &error);
  g_assert_null (location);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR);
  g_test_message ("%s", error->message);
  assert_names_job_and_cluster (error, server);
  /* The savepoint may still complete on the cluster: its trigger id is
   * given so that it can be found. */
  g_assert_nonnull (strstr (error->message, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
}

static void
test_not_flink (void)
{
  g_autoptr(FlinkFaultServer) server = flink_fault_server_new_answering (&not_flink);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterClient) client = NULL;

  flink_fault_server_set_config (server, "{\"hello\": \"world\"}");
  client = retrieve (flink_fault_server_get_url (server), 5, &error);
  g_assert_null (client);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR);
  g_assert_nonnull (strstr (error->message, flink_fault_server_get_url (server)));
}

/* A server that accepts connections and closes them at once. */
static void
test_dropped_connection (void)
{
  g_autoptr(FlinkFaultServer) server = flink_fault_server_new_raw (flink_fault_close_handler, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterClient) client = retrieve (flink_fault_server_get_url (server), 5, &error);

  g_assert_null (client);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, flink_fault_server_get_url (server)));
}

/* ---- Retries and failover ------------------------------------------------ */

/* A 503 storm during a leader election: retried until it answers. */
static void
test_unavailable_storm_retried (void)
{
  g_autoptr(FlinkFaultServer) server = flink_fault_server_new (unavailable_then_ok_handler, NULL);
  g_autoptr(FlinkClusterDescriptor) descriptor = fast_retrying_descriptor_for (server, 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterClient) client = flink_test_retrieve_from (descriptor, &error);

  g_assert_no_error (error);
  g_assert_cmpint (status_of (client, &error), ==, FLINK_JOB_STATUS_RUNNING);
  g_assert_no_error (error);
  g_assert_cmpuint (flink_fault_server_get_requests (server), ==, 4);
}

/* ... and given up on, clearly, when it outlasts the attempts allowed. */
static void
test_unavailable_storm_exhausted (void)
{
  g_autoptr(FlinkFaultServer) server = flink_fault_server_new (unavailable_then_ok_handler, NULL);
  g_autoptr(FlinkClusterDescriptor) descriptor = fast_retrying_descriptor_for (server, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterClient) client = flink_test_retrieve_from (descriptor, &error);

  g_assert_no_error (error);
  g_assert_cmpint (status_of (client, &error), ==, FLINK_JOB_STATUS_UNKNOWN);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_UNAVAILABLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "after 2 attempts"));
  g_assert_cmpuint (flink_fault_server_get_requests (server), ==, 2);
}

/* With high availability, an endpoint that refuses is passed over. */
static void
test_first_endpoint_refused (void)
{
  g_autoptr(FlinkFaultServer) server = flink_fault_server_new_answering (&running);
  g_autofree char *dead = flink_fault_unused_url ();
  const char *urls[] = { dead, flink_fault_server_get_url (server), NULL };
  /* One attempt: moving to the next endpoint is not a retry. */
  g_autoptr(FlinkClusterDescriptor) descriptor = fast_retrying_descriptor (urls, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterClient) client = NULL;

  g_assert_cmpstrv (flink_cluster_descriptor_get_urls (descriptor), urls);
  client = flink_test_retrieve_from (descriptor, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (flink_cluster_client_get_url (client), ==, flink_fault_server_get_url (server));
  g_assert_cmpint (status_of (client, &error), ==, FLINK_JOB_STATUS_RUNNING);
  g_assert_no_error (error);
}

/* The trigger reached the cluster but its answer was lost: sent again with
 * the same trigger id, it takes one savepoint, not two. */
static void
test_lost_trigger_answer (void)
{
  g_autoptr(GPtrArray) trigger_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Savepoints savepoints = { trigger_ids, taken };
  g_autoptr(FlinkFaultServer) server = flink_fault_server_new (drop_first_trigger_handler, &savepoints);
  g_autoptr(FlinkClusterDescriptor) descriptor = fast_retrying_descriptor_for (server, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterClient) client = flink_test_retrieve_from (descriptor, &error);
  g_autoptr(FlinkJobClient) job = flink_cluster_client_get_job_client (client, JOB_ID, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *location = NULL;

  flink_job_client_trigger_savepoint_async (job, "file:///tmp/sp", FLINK_SAVEPOINT_FORMAT_CANONICAL,
                                            NULL, flink_test_store_result_cb, &result);
  location = flink_job_client_trigger_savepoint_finish (job, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (location, ==, "file:/tmp/sp/savepoint-1");
  g_assert_cmpuint (savepoints.trigger_ids->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (savepoints.trigger_ids, 0), ==,
                   g_ptr_array_index (savepoints.trigger_ids, 1));
  g_assert_cmpuint (g_hash_table_size (savepoints.savepoints), ==, 1);
}

/* ---- Credentials --------------------------------------------------------- */

/* Credentials reach the server and nothing else: run in a subprocess with
 * every debug message on, then search all it printed. The server runs on a
 * thread of its own while this one waits for the subprocess. */
static void
test_secrets_not_printed (void)
{
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      const char *url = g_getenv ("FLINKJOB_TEST_SECRET_URL");
      g_autoptr(FlinkClusterDescriptor) descriptor = flink_cluster_descriptor_new_for_url (url, &error);
      g_autoptr(FlinkClusterClient) client = NULL;
      g_autoptr(FlinkJobClient) job = NULL;

      g_assert_no_error (error);
      /* Every debug message of every domain, as G_MESSAGES_DEBUG=all. */
      g_log_set_debug_enabled (TRUE);
      g_print ("descriptor url %s\n", flink_cluster_descriptor_get_url (descriptor));
      flink_cluster_descriptor_set_bearer_token (descriptor, SECRET_TOKEN);
      flink_cluster_descriptor_set_retry_max_attempts (descriptor, 1);
      client = flink_test_retrieve_from (descriptor, &error);
      g_assert_no_error (error);
      g_print ("client url %s\n", flink_cluster_client_get_url (client));
      /* An error message too, naming the cluster. */
      job = flink_cluster_client_get_job_client (client, "nope", &error);
      g_print ("%s\n", error->message);
      return;
    }

  {
    g_autoptr(FlinkFaultServer) server = flink_fault_server_new_in_thread (flink_fault_answer_handler,
                                                                           (gpointer) &running);
    g_autofree char *with_password = flink_fault_server_get_url_with_userinfo (server, "operator:" SECRET_PASSWORD);

    g_setenv ("FLINKJOB_TEST_SECRET_URL", with_password, TRUE);
    g_test_trap_subprocess (NULL, flink_test_get_default_deadline () * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  }
  if (g_test_trap_reached_timeout ())
    g_error ("%s: the subprocess did not end within %u s", g_test_get_path (), flink_test_get_default_deadline ());
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
test_bearer_token_sent (void)
{
  g_autoptr(FlinkFaultServer) server = flink_fault_server_new_answering (&running);
  g_autoptr(FlinkClusterDescriptor) descriptor = fast_retrying_descriptor_for (server, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autofree char *authorization = NULL;

  flink_cluster_descriptor_set_bearer_token (descriptor, SECRET_TOKEN);
  g_assert_true (flink_cluster_descriptor_add_header (descriptor, "X-Flinkjob-Test", "yes", &error));
  g_assert_no_error (error);
  client = flink_test_retrieve_from (descriptor, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status_of (client, &error), ==, FLINK_JOB_STATUS_RUNNING);
  authorization = flink_fault_server_dup_last_header (server, "Authorization");
  g_assert_cmpstr (authorization, ==, "Bearer " SECRET_TOKEN);
}

static void
test_basic_auth_sent (void)
{
  g_autoptr(FlinkFaultServer) server = flink_fault_server_new_answering (&running);
  g_autofree char *url = flink_fault_server_get_url_with_userinfo (server, "operator:" SECRET_PASSWORD);
  const char *urls[] = { url, NULL };
  g_autoptr(FlinkClusterDescriptor) descriptor = fast_retrying_descriptor (urls, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterClient) client = flink_test_retrieve_from (descriptor, &error);
  g_autofree char *authorization = flink_fault_server_dup_last_header (server, "Authorization");
  g_autofree char *expected = NULL;
  g_autofree char *encoded = g_base64_encode ((const guchar *) "operator:" SECRET_PASSWORD,
                                              strlen ("operator:" SECRET_PASSWORD));

  g_assert_no_error (error);
  expected = g_strconcat ("Basic ", encoded, NULL);
  g_assert_cmpstr (authorization, ==, expected);
  g_assert_null (strstr (flink_cluster_client_get_url (client), SECRET_PASSWORD));
  g_assert_null (strstr (flink_cluster_descriptor_get_url (descriptor), SECRET_PASSWORD));
}

static void
test_environment_headers (void)
{
  g_autoptr(FlinkFaultServer) server = flink_fault_server_new_answering (&running);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autofree char *cookie = NULL;

  /* Flink's format: newline-separated Name:value; values keep colons. */
  g_setenv ("FLINK_REST_CLIENT_HEADERS", "Cookie:auth=12:345\nMalformed\nX-Two:a,b", TRUE);
  descriptor = flink_cluster_descriptor_new_for_url (flink_fault_server_get_url (server), &error);
  g_unsetenv ("FLINK_REST_CLIENT_HEADERS");
  g_assert_no_error (error);
  client = flink_test_retrieve_from (descriptor, &error);
  g_assert_no_error (error);
  cookie = flink_fault_server_dup_last_header (server, "Cookie");
  g_assert_cmpstr (cookie, ==, "auth=12:345");
}

/* ---- Versions ------------------------------------------------------------ */

/* What the cluster's version cannot do fails before anything is sent. */
static void
test_old_flink_not_supported (void)
{
  g_autoptr(FlinkFaultServer) server = flink_fault_server_new_answering (&should_not_ask);
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(FlinkJobResourceRequirements) requirements = flink_job_resource_requirements_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  flink_fault_server_set_config (server, "{\"flink-version\": \"1.16.3\"}");
  job = job_client (server, 5);
  flink_job_client_trigger_checkpoint_async (job, FLINK_CHECKPOINT_TYPE_FULL, NULL,
                                             flink_test_store_result_cb, &result);
  g_assert_cmpuint (flink_job_client_trigger_checkpoint_finish (job, flink_test_wait (&result), &error), ==, 0);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "1.16.3"));
  assert_names_job_and_cluster (error, server);
  g_assert_cmpuint (flink_fault_server_get_requests (server), ==, 0);

  /* Resource requirements exist since 1.18. */
  g_clear_error (&error);
  g_clear_object (&result);
  flink_job_client_get_resource_requirements_async (job, NULL, flink_test_store_result_cb, &result);
  g_assert_null (flink_job_client_get_resource_requirements_finish (job, flink_test_wait (&result), &error));
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "1.18"));
  assert_names_job_and_cluster (error, server);

  g_clear_error (&error);
  g_clear_object (&result);
  flink_job_resource_requirements_set_parallelism (requirements, "0123456789abcdef0123456789abcdef", 1, 2);
  flink_job_client_set_resource_requirements_async (job, requirements, NULL, flink_test_store_result_cb, &result);
  g_assert_false (flink_job_client_set_resource_requirements_finish (job, flink_test_wait (&result), &error));
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED);
  g_assert_cmpuint (flink_fault_server_get_requests (server), ==, 0);
}

/* ---- Operation handles --------------------------------------------------- */

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

/* ---- Watching ------------------------------------------------------------ */

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
test_watch_unreachable (void)
{
  g_autoptr(FlinkFaultServer) server = flink_fault_server_new (one_job_handler, NULL);
  g_autoptr(FlinkJobClient) job = job_client (server, 2);
  g_autoptr(FlinkJobList) list = flink_job_list_new (flink_job_client_get_cluster_client (job));
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (FlinkJobStatus));
  g_autoptr(FlinkJobOverview) item = NULL;
  guint list_unreachable = 0, job_unreachable = 0;

  g_signal_connect (job, "status-changed", G_CALLBACK (count_status_changes_cb), seen);
  flink_job_client_set_watched (job, TRUE);
  flink_test_iterate_until (flink_job_list_get_loaded (list) && seen->len > 0, WAIT_S,
                            "the job list to load and the watched job's first status");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (flink_job_client_get_last_seen_status (job), ==, FLINK_JOB_STATUS_RUNNING);
  g_assert_cmpuint (seen->len, ==, 1);

  g_signal_connect (list, "notify::reachable", G_CALLBACK (notify_cb), &list_unreachable);
  g_signal_connect (job, "notify::reachable", G_CALLBACK (notify_cb), &job_unreachable);
  flink_fault_server_disconnect (server);

  flink_test_iterate_until (!flink_job_list_get_reachable (list) && !flink_job_client_get_reachable (job),
                            WAIT_S, "the job list and the watched job to find the cluster unreachable");
  g_assert_false (flink_job_list_get_reachable (list));
  g_assert_false (flink_job_client_get_reachable (job));
  g_assert_cmpuint (list_unreachable, ==, 1);
  g_assert_cmpuint (job_unreachable, ==, 1);

  /* What they last saw stands. */
  g_assert_cmpint (flink_job_client_get_last_seen_status (job), ==, FLINK_JOB_STATUS_RUNNING);
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
  flink_test_set_default_deadline (WAIT_S);

  g_test_add_func ("/faults/garbage", test_garbage);
  g_test_add_func ("/faults/wrong-types", test_wrong_types);
  g_test_add_func ("/faults/unavailable", test_unavailable);
  g_test_add_func ("/faults/hang/times-out", test_hang_times_out);
  g_test_add_func ("/faults/hang/cancelled", test_hang_cancelled);
  g_test_add_func ("/faults/savepoint/garbage-keeps-trigger", test_savepoint_garbage_keeps_trigger);
  g_test_add_func ("/faults/not-flink", test_not_flink);
  g_test_add_func ("/faults/dropped-connection", test_dropped_connection);
  g_test_add_func ("/faults/retry/unavailable-storm", test_unavailable_storm_retried);
  g_test_add_func ("/faults/retry/unavailable-exhausted", test_unavailable_storm_exhausted);
  g_test_add_func ("/faults/retry/first-endpoint-refused", test_first_endpoint_refused);
  g_test_add_func ("/faults/retry/lost-trigger-answer", test_lost_trigger_answer);
  g_test_add_func ("/faults/auth/bearer-token", test_bearer_token_sent);
  g_test_add_func ("/faults/auth/basic", test_basic_auth_sent);
  g_test_add_func ("/faults/auth/secrets-not-printed", test_secrets_not_printed);
  g_test_add_func ("/faults/auth/environment-headers", test_environment_headers);
  g_test_add_func ("/faults/version/old-flink-not-supported", test_old_flink_not_supported);
  g_test_add_func ("/faults/operation-handle/text", test_operation_handle_text);
  g_test_add_func ("/faults/watch/unreachable", test_watch_unreachable);

  return g_test_run ();
}
