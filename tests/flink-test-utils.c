/* flink-test-utils.c: running flinkjob's asynchronous calls in tests
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <gio/gio.h>

#include "flink-test-utils.h"

/* ---- Deadlines ----------------------------------------------------------- */

static guint default_deadline = FLINK_TEST_DEFAULT_DEADLINE_S;

guint
flink_test_get_default_deadline (void)
{
  const char *explicit = g_getenv ("FLINKJOB_TEST_DEADLINE_S");
  guint64 seconds;

  if (explicit != NULL && explicit[0] != '\0')
    {
      if (!g_ascii_string_to_unsigned (explicit, 10, 1, G_MAXUINT / 1000, &seconds, NULL))
        g_error ("FLINKJOB_TEST_DEADLINE_S=%s: give a whole number of seconds, 1 or more", explicit);
      return (guint) seconds;
    }
  return default_deadline;
}

void
flink_test_set_default_deadline (guint seconds)
{
  g_assert_cmpuint (seconds, >, 0);
  default_deadline = seconds;
}

struct _FlinkTestDeadline {
  char *what;
  guint seconds;
  gint64 start;
  GMainContext *context;
  GSource *alarm;              /* wakes a blocking iteration at the deadline */
  gboolean passed;
};

static gboolean
deadline_passed_cb (gpointer user_data)
{
  FlinkTestDeadline *self = user_data;

  self->passed = TRUE;
  return G_SOURCE_REMOVE;
}

FlinkTestDeadline *
flink_test_deadline_new (guint       seconds,
                         const char *format,
                         ...)
{
  FlinkTestDeadline *self = g_new0 (FlinkTestDeadline, 1);
  va_list args;

  va_start (args, format);
  self->what = g_strdup_vprintf (format, args);
  va_end (args);
  self->seconds = seconds > 0 ? seconds : flink_test_get_default_deadline ();
  self->start = g_get_monotonic_time ();
  self->context = g_main_context_ref_thread_default ();
  self->alarm = g_timeout_source_new (self->seconds * 1000);
  g_source_set_callback (self->alarm, deadline_passed_cb, self, NULL);
  g_source_set_static_name (self->alarm, "flink-test-deadline");
  g_source_attach (self->alarm, self->context);
  return self;
}

void
flink_test_deadline_free (FlinkTestDeadline *self)
{
  g_source_destroy (self->alarm);
  g_source_unref (self->alarm);
  g_main_context_unref (self->context);
  g_free (self->what);
  g_free (self);
}

double
flink_test_deadline_elapsed (FlinkTestDeadline *self)
{
  return (g_get_monotonic_time () - self->start) / (double) G_USEC_PER_SEC;
}

static void
deadline_check (FlinkTestDeadline *self)
{
  if (self->passed || flink_test_deadline_elapsed (self) >= self->seconds)
    g_error ("%s: waited %u s for %s: the deadline passed (FLINKJOB_TEST_DEADLINE_S sets the "
             "default deadline)", g_test_get_path (), self->seconds, self->what);
}

void
flink_test_deadline_iterate (FlinkTestDeadline *self)
{
  deadline_check (self);
  g_main_context_iteration (self->context, TRUE);
  deadline_check (self);
}

static gboolean
set_true_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
flink_test_deadline_sleep (FlinkTestDeadline *self,
                           guint              milliseconds)
{
  gboolean done = FALSE;
  GSource *timer = g_timeout_source_new (milliseconds);

  g_source_set_callback (timer, set_true_cb, &done, NULL);
  g_source_attach (timer, self->context);
  while (!done)
    flink_test_deadline_iterate (self);
  g_source_unref (timer);
}

GAsyncResult *
flink_test_deadline_wait (FlinkTestDeadline  *self,
                          GAsyncResult      **slot)
{
  while (*slot == NULL)
    flink_test_deadline_iterate (self);
  return *slot;
}

/* ---- Asynchronous calls -------------------------------------------------- */

void
flink_test_store_result_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

GAsyncResult *
flink_test_wait_at (GAsyncResult **slot,
                    guint          seconds,
                    const char    *location,
                    const char    *function)
{
  g_autoptr(FlinkTestDeadline) deadline = NULL;

  if (*slot != NULL)
    return *slot;
  deadline = flink_test_deadline_new (seconds, "the asynchronous call that %s() awaits at %s",
                                      function, location);
  return flink_test_deadline_wait (deadline, slot);
}

void
flink_test_sleep (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, set_true_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

void
flink_test_cancel_after (GCancellable *cancellable,
                         guint         milliseconds)
{
  g_timeout_add_full (G_PRIORITY_DEFAULT, milliseconds, cancel_cb, g_object_ref (cancellable), g_object_unref);
}

/* ---- The cluster --------------------------------------------------------- */

const char *
flink_test_cluster_url (void)
{
  const char *url = g_getenv ("FLINK_REST_URL");

  if (url != NULL && url[0] != '\0')
    return url;
  if (g_strcmp0 (g_getenv ("FLINKJOB_REQUIRE_CLUSTER"), "1") == 0)
    g_error ("FLINKJOB_REQUIRE_CLUSTER is set but FLINK_REST_URL is not");
  g_test_skip ("no Flink cluster: run through tests/flink/flink-harness.py run");
  return NULL;
}

FlinkClusterClient *
flink_test_retrieve_from (FlinkClusterDescriptor  *descriptor,
                          GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  flink_cluster_descriptor_retrieve_async (descriptor, NULL, flink_test_store_result_cb, &result);
  return flink_cluster_descriptor_retrieve_finish (descriptor, flink_test_wait (&result), error);
}

FlinkClusterClient *
flink_test_retrieve (const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  FlinkClusterClient *client;

  descriptor = flink_cluster_descriptor_new_for_url (url, &error);
  g_assert_no_error (error);
  client = flink_test_retrieve_from (descriptor, &error);
  g_assert_no_error (error);
  g_assert_nonnull (client);
  return client;
}

GFile *
flink_test_jobs_jar (void)
{
  const char *path = g_getenv ("FLINKJOB_TEST_JOBS_JAR");

  if (path == NULL || path[0] == '\0')
    g_error ("FLINKJOB_TEST_JOBS_JAR is not set: run through tests/flink/flink-harness.py run");
  return g_file_new_for_path (path);
}

FlinkJobClient *
flink_test_submit (FlinkClusterClient *client,
                   const char         *entry_class,
                   const char * const *args,
                   const char         *savepoint_path)
{
  g_autoptr(GFile) jar = flink_test_jobs_jar ();
  g_autoptr(FlinkRunOptions) options = flink_run_options_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FlinkJobClient *job;

  flink_run_options_set_entry_class (options, entry_class);
  flink_run_options_set_program_args (options, args);
  flink_run_options_set_savepoint_path (options, savepoint_path);
  flink_cluster_client_submit_jar_async (client, jar, options, NULL, flink_test_store_result_cb, &result);
  job = flink_cluster_client_submit_jar_finish (client, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_true (FLINK_IS_JOB_CLIENT (job));
  g_assert_cmpuint (strlen (flink_job_client_get_job_id (job)), ==, 32);
  return job;
}

static FlinkJobStatus
get_status (FlinkJobClient *job)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FlinkJobStatus status;

  flink_job_client_get_job_status_async (job, NULL, flink_test_store_result_cb, &result);
  status = flink_job_client_get_job_status_finish (job, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  return status;
}

gboolean
flink_test_wait_for_status (FlinkJobClient *job,
                            FlinkJobStatus  status,
                            guint           seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  FlinkJobStatus current;

  do
    {
      current = get_status (job);
      if (current == status)
        return TRUE;
      if (flink_job_status_is_globally_terminal (current))
        break;
      flink_test_sleep (200);
    }
  while (g_get_monotonic_time () < deadline);

  g_test_message ("job %s is %s, not %s (waited at most %u s)", flink_job_client_get_job_id (job),
                  flink_job_status_to_string (current), flink_job_status_to_string (status), seconds);
  return FALSE;
}

gboolean
flink_test_wait_for_all_running (FlinkJobClient *job,
                                 guint           seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  do
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(FlinkJobDetails) details = NULL;

      flink_job_client_get_job_details_async (job, NULL, flink_test_store_result_cb, &result);
      details = flink_job_client_get_job_details_finish (job, flink_test_wait (&result), &error);
      g_assert_no_error (error);
      /* The library's own definition, so that the tests exercise it. */
      if (flink_job_details_get_all_tasks_running (details))
        return TRUE;
      flink_test_sleep (200);
    }
  while (g_get_monotonic_time () < deadline);

  g_test_message ("not every task of job %s runs after %u s", flink_job_client_get_job_id (job), seconds);
  return FALSE;
}

gint64
flink_test_get_accumulator (FlinkJobClient *job,
                            const char     *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) accumulators = NULL;
  g_autoptr(FlinkAccumulator) accumulator = NULL;
  gint64 value;

  flink_job_client_get_accumulators_async (job, NULL, flink_test_store_result_cb, &result);
  accumulators = flink_job_client_get_accumulators_finish (job, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  accumulator = flink_test_find_item (accumulators, "name", name);
  if (accumulator == NULL)
    return -1;
  value = flink_accumulator_get_int64 (accumulator, &error);
  g_assert_no_error (error);
  return value;
}

/* ---- Lists and files ----------------------------------------------------- */

gpointer
flink_test_find_item (GListModel *model,
                      const char *property,
                      const char *value)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *text = NULL;

      g_object_get (item, property, &text, NULL);
      if (g_strcmp0 (text, value) == 0)
        return g_steal_pointer (&item);
    }
  return NULL;
}

char *
flink_test_local_path (const char *location)
{
  if (location == NULL)
    return NULL;
  if (g_str_has_prefix (location, "file://"))
    return g_filename_from_uri (location, NULL, NULL);
  if (g_str_has_prefix (location, "file:"))
    return g_strdup (location + strlen ("file:"));
  if (location[0] == '/')
    return g_strdup (location);
  return NULL;
}

char *
flink_test_work_path (const char *name)
{
  const char *workdir = g_getenv ("FLINKJOB_TEST_WORKDIR");

  return g_build_filename (workdir != NULL && workdir[0] != '\0' ? workdir : g_get_tmp_dir (), name, NULL);
}

const char *
flink_test_srcdir (void)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");

  return srcdir ? srcdir : SRCDIR;
}
