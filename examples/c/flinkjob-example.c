/* flinkjob-example.c: submit a job, take a savepoint, stop it with another
 *
 *   flinkjob-example JAR ENTRY_CLASS [SAVEPOINT_DIR]
 *
 * The cluster is $FLINK_REST_URL (default http://localhost:8081); without
 * SAVEPOINT_DIR savepoints go to the cluster's state.savepoints.dir.
 * Build: cc flinkjob-example.c $(pkg-config --cflags --libs flinkjob-1.0)
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later */

#include <flinkjob/flinkjob.h>

/* Every call is an _async/_finish pair. To read top to bottom, this program
 * stores each result and iterates the main context until it is there. */
static GAsyncResult *res;

static void
store_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  res = g_object_ref (result);
}

static GAsyncResult *
await_result (void)
{
  g_clear_object (&res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  return res;
}

#define CHECK(expr) if (!(expr)) goto out

int
main (int argc, char *argv[])
{
  const char *url = g_getenv ("FLINK_REST_URL") ? g_getenv ("FLINK_REST_URL") : "http://localhost:8081";
  const char *dir = argc > 3 ? argv[3] : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autoptr(FlinkRunOptions) options = flink_run_options_new ();
  g_autoptr(GFile) jar = g_file_new_for_commandline_arg (argc > 1 ? argv[1] : "");
  g_autoptr(FlinkJobClient) job = NULL;
  g_autoptr(FlinkJobResult) result = NULL;
  g_autofree char *savepoint = NULL, *final_savepoint = NULL;
  gboolean all_running = FALSE;

  if (argc < 3)
    return g_printerr ("usage: %s JAR ENTRY_CLASS [SAVEPOINT_DIR]\n", argv[0]), 2;

  /* Connect: retrieving the cluster client checks that the cluster answers. */
  CHECK (descriptor = flink_cluster_descriptor_new_for_url (url, &error));
  flink_cluster_descriptor_retrieve_async (descriptor, NULL, store_cb, NULL);
  CHECK (client = flink_cluster_descriptor_retrieve_finish (descriptor, await_result (), &error));
  g_print ("Connected to Flink %s at %s\n", flink_cluster_client_get_flink_version (client), url);

  /* Submit: upload the jar and run its entry class. */
  flink_run_options_set_entry_class (options, argv[2]);
  flink_cluster_client_submit_jar_async (client, jar, options, NULL, store_cb, NULL);
  CHECK (job = flink_cluster_client_submit_jar_finish (client, await_result (), &error));
  g_print ("Submitted job %s\n", flink_job_client_get_job_id (job));

  /* Wait until the job is RUNNING, then until all its tasks are: a savepoint
   * needs them, and a job is RUNNING as soon as its first task is scheduled. */
  flink_job_client_wait_for_status_async (job, (FlinkJobStatus[]) { FLINK_JOB_STATUS_RUNNING }, 1,
                                          120, NULL, store_cb, NULL);
  CHECK (flink_job_client_wait_for_status_finish (job, await_result (), &error) == FLINK_JOB_STATUS_RUNNING);
  while (!all_running)
    {
      g_autoptr(FlinkJobDetails) details = NULL;

      flink_job_client_get_job_details_async (job, NULL, store_cb, NULL);
      CHECK (details = flink_job_client_get_job_details_finish (job, await_result (), &error));
      if (!(all_running = flink_job_details_get_all_tasks_running (details)))
        g_usleep (G_USEC_PER_SEC / 5);
    }
  g_print ("Job is RUNNING\n");

  /* A savepoint, then stop with a final one: the job ends FINISHED. */
  flink_job_client_trigger_savepoint_async (job, dir, FLINK_SAVEPOINT_FORMAT_CANONICAL, NULL, store_cb, NULL);
  CHECK (savepoint = flink_job_client_trigger_savepoint_finish (job, await_result (), &error));
  g_print ("Savepoint: %s\n", savepoint);
  flink_job_client_stop_with_savepoint_async (job, FALSE, dir, FLINK_SAVEPOINT_FORMAT_CANONICAL,
                                              NULL, store_cb, NULL);
  CHECK (final_savepoint = flink_job_client_stop_with_savepoint_finish (job, await_result (), &error));
  g_print ("Stopped with savepoint: %s\n", final_savepoint);

  flink_job_client_get_job_execution_result_async (job, NULL, store_cb, NULL);
  CHECK (result = flink_job_client_get_job_execution_result_finish (job, await_result (), &error));
  g_print ("Result: %s after %" G_GINT64_FORMAT " ms\n",
           flink_application_status_to_string (flink_job_result_get_application_status (result)),
           flink_job_result_get_net_runtime (result));
out:
  if (error != NULL)
    g_printerr ("%s\n", error->message);
  g_clear_object (&res);
  return error != NULL ? 1 : 0;
}
