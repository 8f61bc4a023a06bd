/* test-deploy.c: deploying real Flink clusters, and killing them
 *
 * Needs no harness cluster: it deploys its own, one at a time, from the
 * Flink distribution in FLINK_HOME (the harness's ~/.cache/flinkjob/flink-V
 * is one: the lib/-only layout of PyPI's apache-flink-libraries), and runs
 * the test jobs of FLINKJOB_TEST_JOBS_JAR (flink-harness.py build-jobs).
 * FLINK_VERSION, when set, is the version the clusters must report. Without
 * FLINK_HOME every test skips, unless FLINKJOB_REQUIRE_DEPLOY=1.
 *
 * Every cluster is checked gone at the end of its test: no process left
 * whose command line names its work directory, its REST port free. The
 * work directories live in one temporary directory, removed when all
 * passed.
 *
 * The binary is also its own helper process: `test-deploy --child MODE
 * WORK_DIR` deploys a cluster, prints its id on stdout and then exits
 * (detached) or waits to be killed (attached).
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "flinkjob.h"
#include "flink-config-private.h"
#include "flink-connection-private.h"
#include "flink-decoders-private.h"
#include "flink-ids-private.h"
#include "flink-json-private.h"
#include "flink-task-private.h"
#include "flink-process-private.h"
#include "flink-zip-private.h"
#include "flink-test-utils.h"

#define COUNTER_CLASS "org.flinkjob.testjobs.CounterStream"
#define BOUNDED_CLASS "org.flinkjob.testjobs.BoundedCount"

/* Bounds that only stop a broken run from hanging; they assert no speed. */
#define STATUS_WAIT_S 180
#define GONE_WAIT_S 90
#define CHILD_WAIT_S 300

/* Small JVMs: this machine's two cores are shared. */
#define JOBMANAGER_MB 1024
#define TASKMANAGER_MB 1024
#define MANAGED_MEMORY "64m"

static struct {
  const char *flink_home;
  const char *jar;
  const char *version;
  char *tmp;                     /* every work directory is in here */
  const char *argv0;
} deploy;

/* ---- Helpers ------------------------------------------------------------ */

static gboolean
need_flink (void)
{
  if (deploy.flink_home != NULL && deploy.jar != NULL)
    return TRUE;
  if (g_strcmp0 (g_getenv ("FLINKJOB_REQUIRE_DEPLOY"), "1") == 0)
    g_error ("FLINKJOB_REQUIRE_DEPLOY=1 but FLINK_HOME or FLINKJOB_TEST_JOBS_JAR is not set");
  g_test_skip ("no Flink: set FLINK_HOME and FLINKJOB_TEST_JOBS_JAR");
  return FALSE;
}

static char *
work_dir (const char *name)
{
  return g_build_filename (deploy.tmp, name, NULL);
}

static FlinkClusterDescriptor *
new_descriptor (void)
{
  g_autoptr(GError) error = NULL;
  FlinkClusterDescriptor *descriptor;

  descriptor = flink_cluster_descriptor_new_for_distribution (deploy.flink_home, &error);
  g_assert_no_error (error);
  g_assert_nonnull (flink_cluster_descriptor_get_flink_home (descriptor));
  g_assert_null (flink_cluster_descriptor_get_cluster_id (descriptor));
  return descriptor;
}

static FlinkClusterSpecification *
new_spec (const char *name,
          guint       taskmanagers,
          guint       slots)
{
  FlinkClusterSpecification *spec = flink_cluster_specification_new ();
  g_autofree char *dir = work_dir (name);

  flink_cluster_specification_set_taskmanager_count (spec, taskmanagers);
  flink_cluster_specification_set_slots_per_taskmanager (spec, slots);
  flink_cluster_specification_set_jobmanager_memory_mb (spec, JOBMANAGER_MB);
  flink_cluster_specification_set_taskmanager_memory_mb (spec, TASKMANAGER_MB);
  flink_cluster_specification_set_config (spec, "taskmanager.memory.managed.size", MANAGED_MEMORY);
  flink_cluster_specification_set_work_directory (spec, dir);
  flink_cluster_specification_set_startup_timeout (spec, STATUS_WAIT_S);
  return spec;
}

static FlinkClusterClient *
deploy_session (FlinkClusterDescriptor    *descriptor,
                FlinkClusterSpecification *spec,
                FlinkDeployFlags           flags,
                GError                   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  flink_cluster_descriptor_deploy_session_cluster_async (descriptor, spec, flags, NULL,
                                                         flink_test_store_result_cb, &result);
  return flink_cluster_descriptor_deploy_session_cluster_finish (descriptor, flink_test_wait (&result), error);
}

static FlinkJobClient *
deploy_application (FlinkClusterDescriptor    *descriptor,
                    FlinkClusterSpecification *spec,
                    const char                *jar_path,
                    FlinkRunOptions           *options,
                    GError                   **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GFile) jar = g_file_new_for_path (jar_path);

  flink_cluster_descriptor_deploy_application_cluster_async (descriptor, spec, jar, options,
                                                             FLINK_DEPLOY_FLAGS_NONE, NULL,
                                                             flink_test_store_result_cb, &result);
  return flink_cluster_descriptor_deploy_application_cluster_finish (descriptor, flink_test_wait (&result),
                                                                     error);
}

static void
kill_cluster (FlinkClusterDescriptor *descriptor,
              const char             *cluster_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  flink_cluster_descriptor_kill_cluster_async (descriptor, cluster_id, NULL,
                                               flink_test_store_result_cb, &result);
  g_assert_true (flink_cluster_descriptor_kill_cluster_finish (descriptor, flink_test_wait (&result), &error));
  g_assert_no_error (error);
}

/* The pids of every process whose command line holds @cluster_id + "/". */
static GArray *
cluster_pids (const char *cluster_id)
{
  g_autofree char *marker = g_strconcat (cluster_id, "/", NULL);
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (GPid));
  const char *name;

  g_assert_nonnull (proc);
  while ((name = g_dir_read_name (proc)) != NULL)
    {
      guint64 pid;

      if (g_ascii_string_to_unsigned (name, 10, 1, G_MAXINT, &pid, NULL) &&
          _flink_process_is_alive ((GPid) pid, 0, marker))
        {
          GPid value = (GPid) pid;
          g_array_append_val (pids, value);
        }
    }
  return pids;
}

static guint
url_port (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (uri);
  return (guint) g_uri_get_port (uri);
}

static gboolean
port_free (guint port)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string ("127.0.0.1");
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (inet, port);

  return g_socket_bind (socket, address, TRUE, NULL);
}

/* Waits until no JVM of the cluster runs and its REST port is free. */
static void
assert_cluster_gone (const char *cluster_id,
                     const char *url)
{
  gint64 deadline = g_get_monotonic_time () + GONE_WAIT_S * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(GArray) pids = cluster_pids (cluster_id);

      if (pids->len == 0 && port_free (url_port (url)))
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("cluster %s is not gone after %d s: %u processes left (pid %d), port %u %s",
                 cluster_id, GONE_WAIT_S, pids->len, pids->len ? g_array_index (pids, GPid, 0) : 0,
                 url_port (url), port_free (url_port (url)) ? "free" : "taken");
      flink_test_sleep (200);
    }
}

static void
assert_cluster_runs (const char *cluster_id,
                     guint       jvms)
{
  g_autoptr(GArray) pids = cluster_pids (cluster_id);

  g_assert_cmpuint (pids->len, ==, jvms);
}

static FlinkClusterOverview *
get_overview (FlinkClusterClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FlinkClusterOverview *overview;

  flink_cluster_client_get_overview_async (client, NULL, flink_test_store_result_cb, &result);
  overview = flink_cluster_client_get_overview_finish (client, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  return overview;
}

static void
assert_error_mentions (const GError *error,
                       const char   *text)
{
  g_test_message ("error: %s", error->message);
  if (strstr (error->message, text) == NULL)
    g_error ("“%s” not in “%s”", text, error->message);
}

/* Deploys a session cluster that must fail with @code, saying @text. */
static void
assert_session_fails (FlinkClusterDescriptor    *descriptor,
                      FlinkClusterSpecification *spec,
                      int                        code,
                      const char                *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterClient) client = deploy_session (descriptor, spec, FLINK_DEPLOY_FLAGS_NONE, &error);

  g_assert_null (client);
  g_assert_error (error, FLINK_ERROR, code);
  assert_error_mentions (error, text);
}

static void
assert_application_fails (FlinkClusterDescriptor    *descriptor,
                          FlinkClusterSpecification *spec,
                          const char                *jar,
                          FlinkRunOptions           *options,
                          int                        code,
                          const char                *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkJobClient) job = deploy_application (descriptor, spec, jar, options, &error);

  g_assert_null (job);
  g_assert_error (error, FLINK_ERROR, code);
  assert_error_mentions (error, text);
}

/* ---- Bad input: each a clear error, and no JVM --------------------------- */

static void
test_not_flink (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autofree char *empty = work_dir ("not-flink");

  g_assert_no_errno (g_mkdir_with_parents (empty, 0700));
  descriptor = flink_cluster_descriptor_new_for_distribution (empty, &error);
  g_assert_null (descriptor);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  assert_error_mentions (error, empty);
  assert_error_mentions (error, "is not a Flink distribution");
  g_clear_error (&error);

  descriptor = flink_cluster_descriptor_new_for_distribution ("/nonexistent/flink", &error);
  g_assert_null (descriptor);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  assert_error_mentions (error, "/nonexistent/flink");
}

static void
test_no_flink_home (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;

      g_unsetenv ("FLINK_HOME");
      g_assert_null (flink_cluster_descriptor_new_for_distribution (NULL, &error));
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
      assert_error_mentions (error, "FLINK_HOME is not set");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_url_descriptor_cannot_deploy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;

  descriptor = flink_cluster_descriptor_new_for_url ("http://127.0.0.1:1", &error);
  g_assert_no_error (error);
  assert_session_fails (descriptor, NULL, FLINK_ERROR_INVALID_ARGUMENT, "new_for_distribution()");
}

static void
test_no_java (void)
{
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterSpecification) spec = NULL;
  g_autofree char *dir = NULL;

  if (!need_flink ())
    return;
  descriptor = new_descriptor ();
  flink_cluster_descriptor_set_java_home (descriptor, "/nonexistent/jdk");
  g_assert_cmpstr (flink_cluster_descriptor_get_java_home (descriptor), ==, "/nonexistent/jdk");
  spec = new_spec ("no-java", 1, 1);
  assert_session_fails (descriptor, spec, FLINK_ERROR_NOT_FOUND, "/nonexistent/jdk/bin/java");
  /* Found before anything was written. */
  dir = work_dir ("no-java");
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

/* A JDK that says it is Java 7, older than any Flink that deploys. */
static char *
make_old_java (void)
{
  g_autofree char *home = work_dir ("java-7");
  g_autofree char *bin = g_build_filename (home, "bin", NULL);
  g_autofree char *java = g_build_filename (bin, "java", NULL);
  g_autofree char *release = g_build_filename (home, "release", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_no_errno (g_mkdir_with_parents (bin, 0700));
  g_file_set_contents (java, "#!/bin/sh\necho 'java version \"1.7.0_80\"' >&2\nexit 1\n", -1, &error);
  g_assert_no_error (error);
  g_assert_no_errno (g_chmod (java, 0700));
  g_file_set_contents (release, "JAVA_VERSION=\"1.7.0_80\"\n", -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&home);
}

static void
test_old_java (void)
{
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autofree char *java_home = NULL;

  if (!need_flink ())
    return;
  java_home = make_old_java ();
  descriptor = new_descriptor ();
  g_object_set (descriptor, "java-home", java_home, NULL);
  assert_session_fails (descriptor, NULL, FLINK_ERROR_NOT_SUPPORTED, "is Java 7 (1.7.0_80): set JAVA_HOME");
}

static void
test_port_in_use (void)
{
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterSpecification) spec = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;
  g_autofree char *expected = NULL;

  if (!need_flink ())
    return;
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  inet = g_inet_address_new_from_string ("127.0.0.1");
  address = g_inet_socket_address_new (inet, 0);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_assert_true (g_socket_listen (socket, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_strdup_printf ("%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  descriptor = new_descriptor ();
  spec = new_spec ("port-in-use", 1, 1);
  flink_cluster_specification_set_config (spec, "rest.port", port);
  g_assert_cmpstr (flink_cluster_specification_get_config (spec, "rest.port"), ==, port);
  expected = g_strdup_printf ("rest.port %s is taken on 127.0.0.1", port);
  assert_session_fails (descriptor, spec, FLINK_ERROR_CONFLICT, expected);
}

static void
test_memory_too_small (void)
{
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterSpecification) spec = NULL;

  if (!need_flink ())
    return;
  descriptor = new_descriptor ();
  spec = new_spec ("memory-too-small", 1, 1);
  flink_cluster_specification_set_taskmanager_memory_mb (spec, 600);
  flink_cluster_specification_set_config (spec, "taskmanager.memory.managed.size", NULL);
  assert_session_fails (descriptor, spec, FLINK_ERROR_INVALID_ARGUMENT, "TaskManager memory of 600.000 MiB");
}

static void
test_bad_jars (void)
{
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterSpecification) spec = NULL;
  g_autoptr(FlinkRunOptions) options = flink_run_options_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *not_jar = work_dir ("not-a.jar");
  g_autofree char *no_class = NULL;

  if (!need_flink ())
    return;
  descriptor = new_descriptor ();
  spec = new_spec ("bad-jars", 1, 1);

  /* A jar without the entry class. */
  flink_run_options_set_entry_class (options, "org.flinkjob.testjobs.NoSuchJob");
  no_class = g_strdup_printf ("The job jar %s has no class org.flinkjob.testjobs.NoSuchJob", deploy.jar);
  assert_application_fails (descriptor, spec, deploy.jar, options, FLINK_ERROR_INVALID_ARGUMENT, no_class);

  /* No jar. */
  assert_application_fails (descriptor, spec, "/nonexistent/job.jar", options, FLINK_ERROR_NOT_FOUND,
                            "/nonexistent/job.jar");

  /* Not a jar. */
  g_file_set_contents (not_jar, "not a zip file, but long enough to look for one\n", -1, &error);
  g_assert_no_error (error);
  flink_run_options_set_entry_class (options, BOUNDED_CLASS);
  assert_application_fails (descriptor, spec, not_jar, options, FLINK_ERROR_INVALID_ARGUMENT, "is not a jar");

  /* A savepoint that is not there. */
  flink_run_options_set_savepoint_path (options, "file:///nonexistent/savepoint-1");
  assert_application_fails (descriptor, spec, deploy.jar, options, FLINK_ERROR_NOT_FOUND,
                            "/nonexistent/savepoint-1");

  /* Application mode restores in NO_CLAIM mode only. */
  flink_run_options_set_savepoint_path (options, deploy.jar);
  flink_run_options_set_claim_mode (options, FLINK_CLAIM_MODE_CLAIM);
  assert_application_fails (descriptor, spec, deploy.jar, options, FLINK_ERROR_NOT_SUPPORTED, "NO_CLAIM");
}

static void
test_no_pyflink (void)
{
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_flink ())
    return;
  g_assert_null (flink_cluster_descriptor_new_for_pyflink ("no-such-python3", &error));
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND);
  assert_error_mentions (error, "no-such-python3");
  g_clear_error (&error);

  /* This test's own environment has no pyflink package. */
  descriptor = flink_cluster_descriptor_new_for_pyflink (NULL, &error);
  g_assert_no_error (error);
  g_assert_null (flink_cluster_descriptor_get_flink_home (descriptor));
  assert_session_fails (descriptor, NULL, FLINK_ERROR_NOT_FOUND, "no pyflink package");
}

static void
test_unknown_cluster_id (void)
{
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = work_dir ("no-cluster-here");

  g_assert_null (flink_cluster_descriptor_new_for_cluster_id (dir, &error));
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND);
  assert_error_mentions (error, dir);
  g_clear_error (&error);

  g_assert_null (flink_cluster_descriptor_new_for_cluster_id ("relative/path", &error));
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  descriptor = flink_cluster_descriptor_new_for_url ("http://127.0.0.1:1", &error);
  g_assert_no_error (error);
  flink_cluster_descriptor_kill_cluster_async (descriptor, dir, NULL, flink_test_store_result_cb, &result);
  g_assert_false (flink_cluster_descriptor_kill_cluster_finish (descriptor, flink_test_wait (&result), &error));
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND);
}

/* ---- A JVM that dies during start-up ------------------------------------- */

static void
test_jvm_dies (void)
{
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterSpecification) spec = NULL;
  g_autofree char *dir = NULL;

  if (!need_flink ())
    return;
  descriptor = new_descriptor ();
  spec = new_spec ("jvm-dies", 1, 1);
  flink_cluster_specification_set_config (spec, "env.java.opts.taskmanager", "-XX:+NoSuchFlinkjobOption");
  /* The end of its output says why: "exited during start-up (exit status
   * 1) ... Unrecognized VM option 'NoSuchFlinkjobOption'". */
  assert_session_fails (descriptor, spec, FLINK_ERROR_DEPLOYMENT_FAILED,
                        "Unrecognized VM option 'NoSuchFlinkjobOption'");
  dir = work_dir ("jvm-dies");
  {
    g_autoptr(GArray) pids = cluster_pids (dir);
    g_assert_cmpuint (pids->len, ==, 0);
  }
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterSpecification) spec = NULL;
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  if (!need_flink ())
    return;
  descriptor = new_descriptor ();
  spec = new_spec ("cancel", 1, 1);
  flink_cluster_descriptor_deploy_session_cluster_async (descriptor, spec, FLINK_DEPLOY_FLAGS_NONE,
                                                         cancellable, flink_test_store_result_cb, &result);
  /* While the JVMs start. */
  g_timeout_add (3000, cancel_cb, cancellable);
  client = flink_cluster_descriptor_deploy_session_cluster_finish (descriptor, flink_test_wait (&result), &error);
  g_assert_null (client);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  dir = work_dir ("cancel");
  {
    g_autoptr(GArray) pids = cluster_pids (dir);
    g_assert_cmpuint (pids->len, ==, 0);
  }
}

static void
test_timeout (void)
{
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterSpecification) spec = NULL;
  g_autofree char *dir = NULL;

  if (!need_flink ())
    return;
  descriptor = new_descriptor ();
  spec = new_spec ("timeout", 1, 1);
  /* No JVM answers this soon. */
  flink_cluster_specification_set_startup_timeout (spec, 1);
  assert_session_fails (descriptor, spec, FLINK_ERROR_TIMED_OUT, "did not come up within 1 s");
  dir = work_dir ("timeout");
  {
    g_autoptr(GArray) pids = cluster_pids (dir);
    g_assert_cmpuint (pids->len, ==, 0);
  }
}

/* ---- A session cluster: 2 TaskManagers × 2 slots, a job at parallelism 4 -- */

#define CONF_MARKER "-Dflinkjob.test.from-conf=yes"

static char *
find_dist_jar (void)
{
  g_autofree char *lib = g_build_filename (deploy.flink_home, "lib", NULL);
  g_autoptr(GDir) dir = g_dir_open (lib, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "flink-dist"))
      return g_build_filename (lib, name, NULL);
  g_assert_not_reached ();
}

/* A distribution laid out as Flink's download is (lib/ and conf/), whose
 * conf/config.yaml is the one Flink ships with one JVM option more. */
static char *
make_full_distribution (void)
{
  g_autofree char *home = work_dir ("full-flink");
  g_autofree char *conf = g_build_filename (home, "conf", NULL);
  g_autofree char *config = g_build_filename (conf, "config.yaml", NULL);
  g_autofree char *lib = g_build_filename (home, "lib", NULL);
  g_autofree char *target = g_build_filename (deploy.flink_home, "lib", NULL);
  g_autofree char *dist_path = find_dist_jar ();
  g_autoptr(GFile) dist = g_file_new_for_path (dist_path);
  g_autoptr(FlinkZip) zip = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  char *at;

  zip = _flink_zip_open (dist, NULL, &error);
  g_assert_no_error (error);
  bytes = _flink_zip_read_entry (zip, "config.yaml", 1024 * 1024, NULL, &error);
  g_assert_no_error (error);
  text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  at = strstr (text->str, "all: --add-");
  g_assert_nonnull (at);
  g_string_insert (text, strchr (at, '\n') - text->str, " " CONF_MARKER);

  g_assert_no_errno (g_mkdir_with_parents (conf, 0700));
  g_assert_no_errno (symlink (target, lib));
  g_file_set_contents (config, text->str, text->len, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&home);
}

static char *
read_cmdline (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/cmdline", (int) pid);
  char *text = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  for (gsize i = 0; i < length; i++)
    if (text[i] == '\0')
      text[i] = ' ';
  return text;
}

static void
test_session (void)
{
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterSpecification) spec = NULL;
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autoptr(FlinkClusterOverview) overview = NULL;
  g_autoptr(FlinkClusterDescriptor) by_id = NULL;
  g_autoptr(FlinkClusterClient) retrieved = NULL;
  g_autoptr(FlinkRunOptions) options = flink_run_options_new ();
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(FlinkJobDetails) details = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GFile) jar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_id = NULL;
  g_autofree char *url = NULL;
  const char * const args[] = { "--parallelism", "4", "--name", "flinkjob-deploy-p4", NULL };
  GListModel *vertices;
  const char *cluster_id;

  g_autofree char *full_home = NULL;

  if (!need_flink ())
    return;
  full_home = make_full_distribution ();
  descriptor = flink_cluster_descriptor_new_for_distribution (full_home, &error);
  g_assert_no_error (error);
  spec = new_spec ("session", 2, 2);
  client = deploy_session (descriptor, spec, FLINK_DEPLOY_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (client);

  cluster_id = flink_cluster_client_get_cluster_id (client);
  expected_id = work_dir ("session");
  g_assert_cmpstr (cluster_id, ==, expected_id);
  url = g_strdup (flink_cluster_client_get_url (client));
  g_test_message ("session cluster %s at %s", cluster_id, url);
  if (deploy.version != NULL)
    g_assert_cmpstr (flink_cluster_client_get_flink_version (client), ==, deploy.version);
  assert_cluster_runs (cluster_id, 3);
  /* Every JVM got the options of the distribution's conf/config.yaml. */
  {
    g_autoptr(GArray) pids = cluster_pids (cluster_id);

    for (guint i = 0; i < pids->len; i++)
      {
        g_autofree char *cmdline = read_cmdline (g_array_index (pids, GPid, i));
        g_assert_nonnull (strstr (cmdline, CONF_MARKER));
        g_assert_nonnull (strstr (cmdline, "--add-opens=java.base/java.util=ALL-UNNAMED"));
      }
  }

  overview = get_overview (client);
  g_assert_cmpuint (flink_cluster_overview_get_taskmanagers (overview), ==, 2);
  g_assert_cmpuint (flink_cluster_overview_get_slots_total (overview), ==, 4);

  /* A job at parallelism 4 takes every slot. */
  jar = g_file_new_for_path (deploy.jar);
  flink_run_options_set_entry_class (options, COUNTER_CLASS);
  flink_run_options_set_program_args (options, args);
  flink_run_options_set_parallelism (options, 4);
  flink_cluster_client_submit_jar_async (client, jar, options, NULL, flink_test_store_result_cb, &result);
  job = flink_cluster_client_submit_jar_finish (client, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_true (flink_test_wait_for_all_running (job, STATUS_WAIT_S));
  g_clear_object (&result);
  flink_job_client_get_job_details_async (job, NULL, flink_test_store_result_cb, &result);
  details = flink_job_client_get_job_details_finish (job, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  vertices = flink_job_details_get_vertices (details);
  g_assert_cmpuint (g_list_model_get_n_items (vertices), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (vertices); i++)
    {
      g_autoptr(FlinkJobVertex) vertex = g_list_model_get_item (vertices, i);
      g_assert_cmpuint (flink_job_vertex_get_parallelism (vertex), ==, 4);
    }
  g_clear_object (&overview);
  overview = get_overview (client);
  g_assert_cmpuint (flink_cluster_overview_get_slots_available (overview), ==, 0);

  /* Retrieved again by its id, as another process would. */
  by_id = flink_cluster_descriptor_new_for_cluster_id (cluster_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (flink_cluster_descriptor_get_cluster_id (by_id), ==, cluster_id);
  g_assert_cmpstr (flink_cluster_descriptor_get_url (by_id), ==, url);
  g_clear_object (&result);
  flink_cluster_descriptor_retrieve_async (by_id, NULL, flink_test_store_result_cb, &result);
  retrieved = flink_cluster_descriptor_retrieve_finish (by_id, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (flink_cluster_client_get_cluster_id (retrieved), ==, cluster_id);

  /* Killed, job and all. */
  kill_cluster (by_id, NULL);
  assert_cluster_gone (cluster_id, url);
  /* Killing what is gone is no error. */
  kill_cluster (descriptor, cluster_id);
}

/* ---- Application clusters --------------------------------------------------- */

static void
test_application (void)
{
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterSpecification) spec = NULL;
  g_autoptr(FlinkRunOptions) options = flink_run_options_new ();
  g_autoptr(FlinkJobResult) job_result = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cluster_id = NULL;
  g_autofree char *url = NULL;
  GListModel *accumulators;
  FlinkJobClient *job;
  const char * const args[] = { "--name", "flinkjob-deploy-application", NULL };
  gboolean found_records = FALSE, found_sum = FALSE;

  if (!need_flink ())
    return;
  descriptor = new_descriptor ();
  spec = new_spec ("application", 1, 1);
  flink_run_options_set_entry_class (options, BOUNDED_CLASS);
  flink_run_options_set_program_args (options, args);
  job = deploy_application (descriptor, spec, deploy.jar, options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (job);
  cluster_id = g_strdup (flink_cluster_client_get_cluster_id (flink_job_client_get_cluster_client (job)));
  url = g_strdup (flink_cluster_client_get_url (flink_job_client_get_cluster_client (job)));
  g_assert_cmpstr (cluster_id, ==, flink_cluster_specification_get_work_directory (spec));
  g_test_message ("application cluster %s at %s, job %s", cluster_id, url, flink_job_client_get_job_id (job));

  flink_job_client_get_job_execution_result_async (job, NULL, flink_test_store_result_cb, &result);
  job_result = flink_job_client_get_job_execution_result_finish (job, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (flink_job_result_get_application_status (job_result), ==, FLINK_APPLICATION_STATUS_SUCCEEDED);
  accumulators = flink_job_result_get_accumulators (job_result);
  for (guint i = 0; i < g_list_model_get_n_items (accumulators); i++)
    {
      g_autoptr(FlinkAccumulator) accumulator = g_list_model_get_item (accumulators, i);
      const char *name = flink_accumulator_get_name (accumulator);

      if (g_strcmp0 (name, "records") == 0)
        found_records = g_strcmp0 (flink_accumulator_get_value (accumulator), "1000") == 0;
      else if (g_strcmp0 (name, "sum") == 0)
        found_sum = g_strcmp0 (flink_accumulator_get_value (accumulator), "500500") == 0;
    }
  g_assert_true (found_records);
  g_assert_true (found_sum);

  /* The result was read: dropping the job client (and the GAsyncResult
   * of its call, which holds it) lets the cluster go. */
  assert_cluster_runs (cluster_id, 2);
  g_clear_object (&result);
  g_object_unref (job);
  assert_cluster_gone (cluster_id, url);
}

static void
test_application_from_savepoint (void)
{
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterSpecification) spec = NULL;
  g_autoptr(FlinkClusterSpecification) spec2 = NULL;
  g_autoptr(FlinkRunOptions) options = flink_run_options_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cluster_id = NULL;
  g_autofree char *url = NULL;
  g_autofree char *savepoint = NULL;
  FlinkJobClient *job;
  gint64 records_at_stop, records;
  gint64 deadline;
  const char * const args[] = { "--name", "flinkjob-deploy-counter", NULL };
  const char * const slow_args[] = { "--name", "flinkjob-deploy-counter", "--rate", "1", NULL };

  if (!need_flink ())
    return;
  descriptor = new_descriptor ();
  spec = new_spec ("application-counter", 1, 1);
  flink_run_options_set_entry_class (options, COUNTER_CLASS);
  flink_run_options_set_program_args (options, args);
  job = deploy_application (descriptor, spec, deploy.jar, options, &error);
  g_assert_no_error (error);
  cluster_id = g_strdup (flink_cluster_client_get_cluster_id (flink_job_client_get_cluster_client (job)));
  url = g_strdup (flink_cluster_client_get_url (flink_job_client_get_cluster_client (job)));
  g_assert_true (flink_test_wait_for_all_running (job, STATUS_WAIT_S));
  deadline = g_get_monotonic_time () + STATUS_WAIT_S * G_USEC_PER_SEC;
  while (flink_test_get_accumulator (job, "records") < 100 && g_get_monotonic_time () < deadline)
    flink_test_sleep (500);

  /* Stopped with a savepoint into the work directory's savepoints/. */
  flink_job_client_stop_with_savepoint_async (job, FALSE, NULL, FLINK_SAVEPOINT_FORMAT_CANONICAL, NULL,
                                              flink_test_store_result_cb, &result);
  savepoint = flink_job_client_stop_with_savepoint_finish (job, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  g_test_message ("savepoint %s", savepoint);
  g_assert_nonnull (strstr (savepoint, cluster_id));
  g_assert_true (flink_test_wait_for_status (job, FLINK_JOB_STATUS_FINISHED, STATUS_WAIT_S));
  records_at_stop = flink_test_get_accumulator (job, "records");
  g_assert_cmpint (records_at_stop, >, 0);
  g_clear_object (&result);
  g_object_unref (job);
  assert_cluster_gone (cluster_id, url);

  /* A new application cluster resumes the count from the savepoint; at
   * one record a second, only the restored state can reach that count. */
  spec2 = new_spec ("application-counter-resumed", 1, 1);
  flink_run_options_set_savepoint_path (options, savepoint);
  flink_run_options_set_program_args (options, slow_args);
  job = deploy_application (descriptor, spec2, deploy.jar, options, &error);
  g_assert_no_error (error);
  g_free (cluster_id);
  g_free (url);
  cluster_id = g_strdup (flink_cluster_client_get_cluster_id (flink_job_client_get_cluster_client (job)));
  url = g_strdup (flink_cluster_client_get_url (flink_job_client_get_cluster_client (job)));
  g_assert_true (flink_test_wait_for_all_running (job, STATUS_WAIT_S));
  deadline = g_get_monotonic_time () + STATUS_WAIT_S * G_USEC_PER_SEC;
  do
    {
      records = flink_test_get_accumulator (job, "records");
      if (records >= records_at_stop)
        break;
      flink_test_sleep (500);
    }
  while (g_get_monotonic_time () < deadline);
  g_test_message ("records at the stop: %" G_GINT64_FORMAT ", after the restore: %" G_GINT64_FORMAT,
                  records_at_stop, records);
  g_assert_cmpint (records, >=, records_at_stop);

  g_clear_object (&result);
  flink_job_client_cancel_async (job, NULL, flink_test_store_result_cb, &result);
  g_assert_true (flink_job_client_cancel_finish (job, flink_test_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_true (flink_test_wait_for_status (job, FLINK_JOB_STATUS_CANCELED, STATUS_WAIT_S));
  g_clear_object (&result);
  g_object_unref (job);
  assert_cluster_gone (cluster_id, url);
}

/* Detached, Flink shuts the cluster down when the job ends, and the
 * deploying process, while it runs, stops the TaskManagers. */
static void
test_application_detached (void)
{
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterSpecification) spec = NULL;
  g_autoptr(FlinkRunOptions) options = flink_run_options_new ();
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GFile) jar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cluster_id = NULL;
  g_autofree char *url = NULL;

  if (!need_flink ())
    return;
  descriptor = new_descriptor ();
  spec = new_spec ("application-detached", 1, 1);
  jar = g_file_new_for_path (deploy.jar);
  flink_run_options_set_entry_class (options, BOUNDED_CLASS);
  flink_run_options_set_job_id (options, "0123456789abcdef0123456789abcdef");
  flink_cluster_descriptor_deploy_application_cluster_async (descriptor, spec, jar, options,
                                                             FLINK_DEPLOY_FLAGS_DETACHED, NULL,
                                                             flink_test_store_result_cb, &result);
  job = flink_cluster_descriptor_deploy_application_cluster_finish (descriptor, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (flink_job_client_get_job_id (job), ==, "0123456789abcdef0123456789abcdef");
  cluster_id = g_strdup (flink_cluster_client_get_cluster_id (flink_job_client_get_cluster_client (job)));
  url = g_strdup (flink_cluster_client_get_url (flink_job_client_get_cluster_client (job)));
  /* The job client is still held: detached, that keeps nothing alive. */
  assert_cluster_gone (cluster_id, url);
}

/* ---- Other processes ------------------------------------------------------ */

/* Runs `test-deploy --child MODE WORK_DIR` and reads the cluster id it prints. */
static GSubprocess *
start_child (const char  *mode,
             const char  *name,
             const char  *variable,
             const char  *value,
             char       **out_cluster_id)
{
  g_autofree char *dir = work_dir (name);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  char *line;

  g_subprocess_launcher_setenv (launcher, variable, value, TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, deploy.argv0, "--child", mode, dir, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, flink_test_store_result_cb, &result);
  line = g_data_input_stream_read_line_finish_utf8 (lines, flink_test_wait (&result), NULL, &error);
  g_assert_no_error (error);
  if (line == NULL)
    g_error ("the child (%s) printed no cluster id", mode);
  *out_cluster_id = line;
  return g_steal_pointer (&child);
}

static int
child_main (const char *mode,
            const char *dir)
{
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterSpecification) spec = flink_cluster_specification_new ();
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autoptr(GError) error = NULL;
  gboolean detached = g_str_equal (mode, "detached");

  /* The detached one finds Flink through a pyflink package. */
  if (detached)
    descriptor = flink_cluster_descriptor_new_for_pyflink ("python3", &error);
  else
    descriptor = flink_cluster_descriptor_new_for_distribution (NULL, &error);
  g_assert_no_error (error);
  flink_cluster_specification_set_jobmanager_memory_mb (spec, JOBMANAGER_MB);
  flink_cluster_specification_set_taskmanager_memory_mb (spec, TASKMANAGER_MB);
  flink_cluster_specification_set_config (spec, "taskmanager.memory.managed.size", MANAGED_MEMORY);
  flink_cluster_specification_set_work_directory (spec, dir);
  flink_cluster_specification_set_startup_timeout (spec, STATUS_WAIT_S);
  client = deploy_session (descriptor, spec, detached ? FLINK_DEPLOY_FLAGS_DETACHED : FLINK_DEPLOY_FLAGS_NONE,
                           &error);
  if (client == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }
  g_print ("%s\n", flink_cluster_client_get_cluster_id (client));
  if (detached)
    return 0;
  /* Attached: wait to be killed. */
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

/* A package that makes `import pyflink` find the distribution. */
static char *
make_pyflink_path (void)
{
  g_autofree char *root = work_dir ("python");
  g_autofree char *package = g_build_filename (root, "pyflink", NULL);
  g_autofree char *init = g_build_filename (package, "__init__.py", NULL);
  g_autofree char *lib = g_build_filename (package, "lib", NULL);
  g_autofree char *target = g_build_filename (deploy.flink_home, "lib", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_no_errno (g_mkdir_with_parents (package, 0700));
  g_file_set_contents (init, "", 0, &error);
  g_assert_no_error (error);
  if (!g_file_test (lib, G_FILE_TEST_EXISTS))
    g_assert_no_errno (symlink (target, lib));
  return g_steal_pointer (&root);
}

static void
test_detached_other_process (void)
{
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autoptr(FlinkClusterOverview) overview = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cluster_id = NULL;
  g_autofree char *python_path = NULL;
  g_autofree char *url = NULL;

  if (!need_flink ())
    return;
  python_path = make_pyflink_path ();
  child = start_child ("detached", "detached", "PYTHONPATH", python_path, &cluster_id);
  g_subprocess_wait_async (child, NULL, flink_test_store_result_cb, &result);
  g_assert_true (g_subprocess_wait_check_finish (child, flink_test_wait (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* The child is gone, its cluster runs on. */
  descriptor = flink_cluster_descriptor_new_for_cluster_id (cluster_id, &error);
  g_assert_no_error (error);
  url = g_strdup (flink_cluster_descriptor_get_url (descriptor));
  flink_cluster_descriptor_retrieve_async (descriptor, NULL, flink_test_store_result_cb, &result);
  client = flink_cluster_descriptor_retrieve_finish (descriptor, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  overview = get_overview (client);
  g_assert_cmpuint (flink_cluster_overview_get_taskmanagers (overview), ==, 1);
  assert_cluster_runs (cluster_id, 2);

  kill_cluster (descriptor, NULL);
  assert_cluster_gone (cluster_id, url);
}

static void
test_attached_parent_killed (void)
{
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cluster_id = NULL;

  if (!need_flink ())
    return;
  child = start_child ("attached", "attached", "FLINK_HOME", deploy.flink_home, &cluster_id);
  descriptor = flink_cluster_descriptor_new_for_cluster_id (cluster_id, &error);
  g_assert_no_error (error);
  assert_cluster_runs (cluster_id, 2);

  g_subprocess_force_exit (child);
  g_subprocess_wait_async (child, NULL, flink_test_store_result_cb, &result);
  g_assert_true (g_subprocess_wait_finish (child, flink_test_wait (&result), &error));
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  assert_cluster_gone (cluster_id, flink_cluster_descriptor_get_url (descriptor));
}

/* ---- The jar reader ----------------------------------------------------------- */

static void
test_zip (void)
{
  g_autoptr(GFile) dist = NULL;
  g_autoptr(GFile) jobs = NULL;
  g_autoptr(FlinkZip) zip = NULL;
  g_autoptr(GBytes) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *main_class = NULL;
  g_autofree char *dist_path = NULL;

  if (!need_flink ())
    return;
  dist_path = find_dist_jar ();

  /* flink-dist is a zip64 archive of some 100 MB; its config.yaml is the
   * one Flink's download ships in conf/. */
  dist = g_file_new_for_path (dist_path);
  zip = _flink_zip_open (dist, NULL, &error);
  g_assert_no_error (error);
  config = _flink_zip_read_entry (zip, "config.yaml", 1024 * 1024, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (config, NULL), g_bytes_get_size (config), "add-opens"));
  g_assert_true (_flink_zip_has_entry (zip, "org/apache/flink/runtime/taskexecutor/TaskManagerRunner.class"));
  g_clear_pointer (&zip, _flink_zip_free);

  jobs = g_file_new_for_path (deploy.jar);
  zip = _flink_zip_open (jobs, NULL, &error);
  g_assert_no_error (error);
  main_class = _flink_zip_get_main_class (zip, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (main_class, ==, COUNTER_CLASS);
  g_assert_true (_flink_zip_has_entry (zip, "org/flinkjob/testjobs/BoundedCount.class"));
  g_assert_null (_flink_zip_read_entry (zip, "no/such/Entry.class", 1024, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_specification (void)
{
  g_autoptr(FlinkClusterSpecification) spec = flink_cluster_specification_new ();
  g_auto(GStrv) keys = NULL;
  guint count;

  g_assert_cmpuint (flink_cluster_specification_get_taskmanager_count (spec), ==, 1);
  g_assert_cmpuint (flink_cluster_specification_get_slots_per_taskmanager (spec), ==, 0);
  g_assert_cmpuint (flink_cluster_specification_get_jobmanager_memory_mb (spec), ==, 0);
  g_assert_cmpuint (flink_cluster_specification_get_taskmanager_memory_mb (spec), ==, 0);
  g_assert_null (flink_cluster_specification_get_work_directory (spec));
  g_assert_cmpuint (flink_cluster_specification_get_startup_timeout (spec), >, 0);

  g_object_set (spec, "taskmanager-count", 3, "slots-per-taskmanager", 4, NULL);
  g_object_get (spec, "taskmanager-count", &count, NULL);
  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpuint (flink_cluster_specification_get_slots_per_taskmanager (spec), ==, 4);

  flink_cluster_specification_set_config (spec, "state.backend.type", "hashmap");
  flink_cluster_specification_set_config (spec, "parallelism.default", "2");
  flink_cluster_specification_set_config (spec, "rest.port", "8081");
  flink_cluster_specification_set_config (spec, "rest.port", NULL);
  keys = flink_cluster_specification_get_config_keys (spec);
  g_assert_cmpuint (g_strv_length (keys), ==, 2);
  g_assert_cmpstr (keys[0], ==, "parallelism.default");
  g_assert_cmpstr (keys[1], ==, "state.backend.type");
  g_assert_null (flink_cluster_specification_get_config (spec, "rest.port"));
}

static gboolean
remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child);
      else
        g_unlink (child);
      g_object_unref (info);
    }
  return g_rmdir (path) == 0;
}

int
main (int    argc,
      char **argv)
{
  int status;

  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2], argv[3]);

  g_test_init (&argc, &argv, NULL);
  deploy.argv0 = argv[0];
  deploy.flink_home = g_getenv ("FLINK_HOME");
  deploy.jar = g_getenv ("FLINKJOB_TEST_JOBS_JAR");
  deploy.version = g_getenv ("FLINK_VERSION");
  if (deploy.flink_home != NULL && deploy.flink_home[0] == '\0')
    deploy.flink_home = NULL;
  deploy.tmp = g_dir_make_tmp ("flinkjob-test-deploy-XXXXXX", NULL);
  g_assert_nonnull (deploy.tmp);

  g_test_add_func ("/deploy/specification", test_specification);
  g_test_add_func ("/deploy/zip", test_zip);
  g_test_add_func ("/deploy/bad-input/not-flink", test_not_flink);
  g_test_add_func ("/deploy/bad-input/no-flink-home", test_no_flink_home);
  g_test_add_func ("/deploy/bad-input/url-descriptor", test_url_descriptor_cannot_deploy);
  g_test_add_func ("/deploy/bad-input/no-java", test_no_java);
  g_test_add_func ("/deploy/bad-input/old-java", test_old_java);
  g_test_add_func ("/deploy/bad-input/port-in-use", test_port_in_use);
  g_test_add_func ("/deploy/bad-input/memory-too-small", test_memory_too_small);
  g_test_add_func ("/deploy/bad-input/jars", test_bad_jars);
  g_test_add_func ("/deploy/bad-input/no-pyflink", test_no_pyflink);
  g_test_add_func ("/deploy/bad-input/unknown-cluster-id", test_unknown_cluster_id);
  g_test_add_func ("/deploy/jvm-dies", test_jvm_dies);
  g_test_add_func ("/deploy/cancel", test_cancel);
  g_test_add_func ("/deploy/timeout", test_timeout);
  g_test_add_func ("/deploy/session", test_session);
  g_test_add_func ("/deploy/application", test_application);
  g_test_add_func ("/deploy/application-from-savepoint", test_application_from_savepoint);
  g_test_add_func ("/deploy/application-detached", test_application_detached);
  g_test_add_func ("/deploy/detached-other-process", test_detached_other_process);
  g_test_add_func ("/deploy/attached-parent-killed", test_attached_parent_killed);

  status = g_test_run ();
  if (status == 0)
    remove_tree (deploy.tmp);
  else
    g_printerr ("test-deploy: work directories kept in %s\n", deploy.tmp);
  g_free (deploy.tmp);
  return status;
}
