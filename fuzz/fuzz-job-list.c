/* fuzz-job-list.c: the live job list's update, fed what a server could send
 *
 * The input is up to four /jobs/overview answers, separated by a form feed
 * line ("\n\f\n"). Each is parsed and decoded as the poller does, then
 * applied to one FlinkJobList, as successive polls would.
 *
 * Invariants: after each update the list holds exactly the jobs of the last
 * answer, each once, as the records of that answer (or equal ones); the
 * items-changed signals, replayed on a shadow copy, give the list's
 * contents; n-items is notified when the count changes.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "flink-cluster-client-private.h"
#include "flink-poller-private.h"

#define MAX_DOCUMENTS 4

static void
items_changed_cb (GListModel *list,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GPtrArray  *shadow)
{
  FUZZ_CHECK (position + removed <= shadow->len, "items-changed past the end");
  g_ptr_array_remove_range (shadow, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (shadow, position + i, g_list_model_get_item (list, position + i));
}

static void
check_list (FlinkJobList *list,
            GListModel   *fresh,
            GPtrArray    *shadow)
{
  g_autoptr(GHashTable) fresh_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < g_list_model_get_n_items (fresh); i++)
    {
      g_autoptr(FlinkJobOverview) job = g_list_model_get_item (fresh, i);

      g_hash_table_add (fresh_ids, (gpointer) flink_job_overview_get_job_id (job));
    }
  FUZZ_CHECK (n == g_hash_table_size (fresh_ids), "%u jobs listed, %u in the answer",
              n, g_hash_table_size (fresh_ids));
  FUZZ_CHECK (shadow->len == n, "the signals say %u jobs, the list has %u", shadow->len, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FlinkJobOverview) job = g_list_model_get_item (G_LIST_MODEL (list), i);
      const char *id = flink_job_overview_get_job_id (job);

      FUZZ_CHECK (g_ptr_array_index (shadow, i) == job, "item %u differs from the signals'", i);
      FUZZ_CHECK (g_hash_table_contains (fresh_ids, id), "a job the answer does not hold");
      FUZZ_CHECK (!g_hash_table_contains (seen, id), "a job listed twice");
      g_hash_table_add (seen, (gpointer) id);
      fuzz_check_object (G_OBJECT (job));
    }
}

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static FlinkClusterClient *client;
  g_autofree char *text = fuzz_strndup (data, size);
  g_auto(GStrv) documents = NULL;
  g_autoptr(FlinkJobList) list = NULL;
  g_autoptr(GPtrArray) shadow = g_ptr_array_new_with_free_func (g_object_unref);

  fuzz_init ();
  if (client == NULL)
    {
      g_autoptr(FlinkClusterDescriptor) descriptor =
        flink_cluster_descriptor_new_for_url ("http://127.0.0.1:1", NULL);

      /* Never polled: no main loop runs here. */
      client = flink_cluster_client_new (descriptor);
    }
  list = flink_job_list_new (client);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), shadow);

  documents = g_strsplit (text, "\n\f\n", MAX_DOCUMENTS);
  for (guint i = 0; documents[i] != NULL; i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (documents[i], strlen (documents[i]));
      g_autoptr(JsonNode) root = _flink_json_parse (bytes, NULL);
      JsonObject *object = root ? _flink_json_node_get_object (root, NULL) : NULL;
      g_autoptr(GListModel) fresh = object ? _flink_job_overviews_new_from_json (object, NULL) : NULL;

      if (fresh == NULL)
        continue;
      _flink_job_list_apply (list, fresh);
      check_list (list, fresh, shadow);
    }
  g_signal_handlers_disconnect_by_data (list, shadow);
  return 0;
}
