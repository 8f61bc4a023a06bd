/* test-errors.c: bad input and the errors people read
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "flinkjob.h"
#include "flink-error-private.h"
#include "flink-ids-private.h"
#include "flink-fault-server.h"
#include "flink-test-utils.h"

/* The domain's name is API too: the CLI's --json output and every binding's
 * GLib.Error carry it. */
static void
test_domain_name (void)
{
  g_assert_cmpstr (g_quark_to_string (FLINK_ERROR), ==, "flink-error-quark");
}

static void
test_url_without_scheme (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterDescriptor) descriptor = flink_cluster_descriptor_new_for_url ("localhost:8081", &error);

  g_assert_null (descriptor);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "localhost:8081"));
  g_assert_nonnull (strstr (error->message, "http://localhost:8081"));
}

static void
test_bad_urls (void)
{
  const char *bad[] = { "", "ftp://host:21", "http://", "http://host:8081/?x=1", "http://host#frag", "not a url" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FlinkClusterDescriptor) descriptor = flink_cluster_descriptor_new_for_url (bad[i], &error);

      g_assert_null (descriptor);
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
    }
}

static void
test_good_urls (void)
{
  const char *good[][2] = {
    { "http://localhost:8081", "http://localhost:8081" },
    { "http://localhost:8081/", "http://localhost:8081" },
    { "HTTPS://flink.example.com/prefix", "https://flink.example.com/prefix" },
    { "http://[::1]:8081", "http://[::1]:8081" },
    { "http://user:secret@host:8081", "http://host:8081" },
    /* A user name alone may be a token. */
    { "http://TOKEN@host:8081/flink", "http://host:8081/flink" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FlinkClusterDescriptor) descriptor = flink_cluster_descriptor_new_for_url (good[i][0], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (flink_cluster_descriptor_get_url (descriptor), ==, good[i][1]);
    }
}

static void
test_job_ids (void)
{
  g_assert_true (flink_job_id_is_valid ("0123456789abcdef0123456789abcdef"));
  g_assert_true (flink_job_id_is_valid ("0123456789ABCDEF0123456789ABCDEF"));
  g_assert_false (flink_job_id_is_valid ("0123456789abcdef0123456789abcde"));
  g_assert_false (flink_job_id_is_valid ("0123456789abcdef0123456789abcdefa"));
  g_assert_false (flink_job_id_is_valid ("0123456789abcdef0123456789abcdeg"));
  g_assert_false (flink_job_id_is_valid (""));
  g_assert_false (flink_job_id_is_valid (NULL));
  g_assert_true (flink_jar_id_is_valid ("5f0c2d1e-1b2a-4c3d-8e9f-0a1b2c3d4e5f_job.jar"));
  g_assert_false (flink_jar_id_is_valid (""));
  g_assert_false (flink_jar_id_is_valid (NULL));
  g_assert_false (flink_jar_id_is_valid ("."));
  g_assert_false (flink_jar_id_is_valid (".."));
  g_assert_false (flink_jar_id_is_valid ("../x.jar"));
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *id = _flink_id_new_random ();
      g_assert_true (flink_job_id_is_valid (id));
    }
}

/* A relative savepoint directory would land in the JobManager's working
 * directory: refused before anything is sent. */
static void
test_relative_savepoint_directory (void)
{
  g_autofree char *url = flink_fault_unused_url ();
  const char *directories[] = { "savepoints", "./savepoints", "../x", "c:" };
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autoptr(FlinkJobClient) job = NULL;

  descriptor = flink_cluster_descriptor_new_for_url (url, &error);
  g_assert_no_error (error);
  client = flink_cluster_client_new (descriptor);
  job = flink_cluster_client_get_job_client (client, "0123456789abcdef0123456789abcdef", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (directories); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autofree char *location = NULL;

      flink_job_client_stop_with_savepoint_async (job, FALSE, directories[i], FLINK_SAVEPOINT_FORMAT_CANONICAL,
                                                  NULL, flink_test_store_result_cb, &result);
      location = flink_job_client_stop_with_savepoint_finish (job, flink_test_wait (&result), &error);
      g_assert_null (location);
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, "is relative"));
      g_assert_nonnull (strstr (error->message, directories[i]));
      g_clear_error (&error);
    }
}

static void
test_unreachable (void)
{
  g_autofree char *url = flink_fault_unused_url ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterClient) client = NULL;

  descriptor = flink_cluster_descriptor_new_for_url (url, &error);
  g_assert_no_error (error);
  /* Refused connections are retried, but a cluster that never answered
   * gets two attempts, however many the descriptor allows: it is most
   * likely not there, and someone waits to be told. */
  flink_cluster_descriptor_set_retry_max_attempts (descriptor, 8);
  flink_cluster_descriptor_set_retry_delay (descriptor, 10);
  client = flink_test_retrieve_from (descriptor, &error);
  g_assert_null (client);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, url));
  g_assert_nonnull (strstr (error->message, "after 2 attempts"));
}

static void
test_http_errors (void)
{
  struct {
    guint status;
    const char *body;
    FlinkError code;
    const char *expected;
  } cases[] = {
    { 404, "{\"errors\":[\"org.apache.flink.runtime.rest.NotFoundException: Job 00 not found\\n\\tat x.y.Z(Z.java:1)\"]}",
      FLINK_ERROR_NOT_FOUND, "HTTP 404 Not Found: Job 00 not found" },
    { 409, "{\"errors\":[\"Job has already reached a terminal state.\"]}",
      FLINK_ERROR_CONFLICT, "Job has already reached a terminal state." },
    { 500, "{\"errors\":[\"Internal server error.\",\"<Exception on server side:\\njava.lang.Exception: boom\\n>\"]}",
      FLINK_ERROR_SERVER_ERROR, "Internal server error." },
    { 503, "{\"errors\":[\"Service temporarily unavailable due to an ongoing leader election. Please refresh.\"]}",
      FLINK_ERROR_UNAVAILABLE, "leader election" },
    { 400, "{\"errors\":[\"Bad request\"]}", FLINK_ERROR_INVALID_ARGUMENT, "Bad request" },
    { 408, "", FLINK_ERROR_TIMED_OUT, "HTTP 408" },
    { 502, "<html>Bad gateway</html>", FLINK_ERROR_SERVER_ERROR, "<html>Bad gateway</html>" },
    { 418, "{\"errors\": 42}", FLINK_ERROR_FAILED, "HTTP 418" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = g_bytes_new_static (cases[i].body, strlen (cases[i].body));
      g_autoptr(GError) error = _flink_error_new_for_http (cases[i].status, body, "Cannot do X on http://h:1");

      g_assert_error (error, FLINK_ERROR, (gint) cases[i].code);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, "Cannot do X on http://h:1: "));
      g_assert_nonnull (strstr (error->message, cases[i].expected));
      g_assert_null (strstr (error->message, "\tat "));
    }
}

static void
test_root_cause (void)
{
  const char *trace =
    "org.apache.flink.runtime.JobException: Recovery is suppressed by NoRestartBackoffTimeStrategy\n"
    "\tat org.apache.flink.Foo.bar(Foo.java:1)\n"
    "Caused by: java.lang.IllegalStateException: middle\n"
    "\tat x.Y.z(Y.java:2)\n"
    "Caused by: org.example.Job$Boom: the real reason: with a colon\n"
    "\tat x.Y.z(Y.java:3)\n";
  g_autofree char *klass = NULL;
  g_autofree char *message = NULL;

  g_assert_true (_flink_find_root_cause (trace, &klass, &message));
  g_assert_cmpstr (klass, ==, "org.example.Job$Boom");
  g_assert_cmpstr (message, ==, "the real reason: with a colon");
  g_clear_pointer (&klass, g_free);
  g_clear_pointer (&message, g_free);

  g_assert_false (_flink_find_root_cause ("", &klass, &message));
  g_assert_true (_flink_find_root_cause ("just words here", &klass, &message));
  g_assert_null (klass);
  g_assert_cmpstr (message, ==, "just words here");
}

static void
test_enum_names (void)
{
  for (int s = FLINK_JOB_STATUS_INITIALIZING; s <= FLINK_JOB_STATUS_RECONCILING; s++)
    g_assert_cmpint (flink_job_status_from_string (flink_job_status_to_string (s)), ==, s);
  g_assert_cmpint (flink_job_status_from_string ("SOMETHING_NEW"), ==, FLINK_JOB_STATUS_UNKNOWN);
  g_assert_cmpint (flink_job_status_from_string (NULL), ==, FLINK_JOB_STATUS_UNKNOWN);
  g_assert_cmpstr (flink_job_status_to_string (999), ==, "UNKNOWN");
  g_assert_true (flink_job_status_is_globally_terminal (FLINK_JOB_STATUS_FINISHED));
  g_assert_false (flink_job_status_is_globally_terminal (FLINK_JOB_STATUS_SUSPENDED));
  g_assert_true (flink_job_status_is_terminal (FLINK_JOB_STATUS_SUSPENDED));
  for (int s = FLINK_EXECUTION_STATE_CREATED; s <= FLINK_EXECUTION_STATE_INITIALIZING; s++)
    g_assert_cmpint (flink_execution_state_from_string (flink_execution_state_to_string (s)), ==, s);
  g_assert_cmpstr (flink_savepoint_format_to_string (FLINK_SAVEPOINT_FORMAT_NATIVE), ==, "NATIVE");
  g_assert_cmpstr (flink_claim_mode_to_string (FLINK_CLAIM_MODE_NO_CLAIM), ==, "NO_CLAIM");
  g_assert_true (flink_library_check_version (0, 0, 0));
  g_assert_false (flink_library_check_version (G_MAXUINT, 0, 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/errors/domain-name", test_domain_name);
  g_test_add_func ("/errors/url-without-scheme", test_url_without_scheme);
  g_test_add_func ("/errors/bad-urls", test_bad_urls);
  g_test_add_func ("/errors/good-urls", test_good_urls);
  g_test_add_func ("/errors/job-ids", test_job_ids);
  g_test_add_func ("/errors/unreachable", test_unreachable);
  g_test_add_func ("/errors/relative-savepoint-directory", test_relative_savepoint_directory);
  g_test_add_func ("/errors/http", test_http_errors);
  g_test_add_func ("/errors/root-cause", test_root_cause);
  g_test_add_func ("/errors/enum-names", test_enum_names);

  return g_test_run ();
}
