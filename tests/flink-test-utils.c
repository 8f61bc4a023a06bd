/* flink-test-utils.c: running flinkjob's asynchronous calls in tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <gio/gio.h>

#include "flink-test-utils.h"

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
flink_test_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gboolean
set_true_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
flink_test_sleep (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, set_true_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

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
flink_test_retrieve (const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  FlinkClusterClient *client;

  descriptor = flink_cluster_descriptor_new_for_url (url, &error);
  g_assert_no_error (error);
  flink_cluster_descriptor_retrieve_async (descriptor, NULL, flink_test_store_result_cb, &result);
  client = flink_cluster_descriptor_retrieve_finish (descriptor, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (client);
  return client;
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

  g_test_message ("job %s is %s, not %s", flink_job_client_get_job_id (job),
                  flink_job_status_to_string (current), flink_job_status_to_string (status));
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
  return FALSE;
}

gint64
flink_test_get_accumulator (FlinkJobClient *job,
                            const char     *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) accumulators = NULL;

  flink_job_client_get_accumulators_async (job, NULL, flink_test_store_result_cb, &result);
  accumulators = flink_job_client_get_accumulators_finish (job, flink_test_wait (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (accumulators); i++)
    {
      g_autoptr(FlinkAccumulator) accumulator = g_list_model_get_item (accumulators, i);
      if (g_strcmp0 (flink_accumulator_get_name (accumulator), name) == 0)
        {
          gint64 value = flink_accumulator_get_int64 (accumulator, &error);
          g_assert_no_error (error);
          return value;
        }
    }
  return -1;
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

const char *
flink_test_srcdir (void)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");

  return srcdir ? srcdir : SRCDIR;
}
