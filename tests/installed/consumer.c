/* consumer.c: a program outside the source tree that builds against an
 * installed flinkjob with nothing but `pkg-config --cflags --libs flinkjob-1.0`
 * (tests/installed/run-installed-tests.sh), then runs without a cluster:
 * the version, an enum through GType, and a connection refused on a port
 * where nothing listens, reported as FLINK_ERROR_CONNECTION_FAILED.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define FLINK_VERSION_MIN_REQUIRED FLINK_VERSION_1_0
#include <flinkjob/flinkjob.h>

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

int
main (int    argc,
      char **argv)
{
  const char *url = argc > 1 ? argv[1] : "http://127.0.0.1:9";
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GEnumClass) statuses = NULL;
  GEnumValue *running;

  if (!FLINKJOB_CHECK_VERSION (1, 0, 0) || !flink_library_check_version (1, 0, 0))
    {
      g_printerr ("consumer: flinkjob is older than 1.0.0\n");
      return 1;
    }
  g_print ("flinkjob %u.%u.%u (built against %s)\n", flink_library_get_major_version (),
           flink_library_get_minor_version (), flink_library_get_micro_version (),
           FLINKJOB_VERSION_S);

  statuses = g_type_class_ref (FLINK_TYPE_JOB_STATUS);
  running = g_enum_get_value (statuses, FLINK_JOB_STATUS_RUNNING);
  if (running == NULL)
    return 1;
  g_print ("FLINK_JOB_STATUS_RUNNING is “%s”\n", running->value_nick);

  descriptor = flink_cluster_descriptor_new_for_url (url, &error);
  if (descriptor == NULL)
    {
      g_printerr ("consumer: %s\n", error->message);
      return 1;
    }
  flink_cluster_descriptor_retrieve_async (descriptor, NULL, store_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  client = flink_cluster_descriptor_retrieve_finish (descriptor, result, &error);
  if (client != NULL || !g_error_matches (error, FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED))
    {
      g_printerr ("consumer: expected a refused connection on %s, got %s\n", url,
                  error ? error->message : "a cluster");
      return 1;
    }
  g_print ("nothing on %s, as expected: %s\n", url, error->message);
  return 0;
}
