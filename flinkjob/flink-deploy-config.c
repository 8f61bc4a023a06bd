/* flink-deploy-config.c: the config.yaml of a cluster flinkjob deploys
 *
 * The distribution's configuration, then flinkjob's keys (addresses,
 * directories), then the caller's; written as YAML that Flink 1.x's
 * legacy parser and 2.x's YAML parser both read.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include "flinkjob.h"
#include "flink-config-private.h"
#include "flink-connection-private.h"
#include "flink-decoders-private.h"
#include "flink-ids-private.h"
#include "flink-json-private.h"
#include "flink-task-private.h"
#include "flink-deploy-private.h"
#include "flink-process-private.h"
#include "flink-zip-private.h"
#include "flink-i18n-private.h"

#define MiB G_GUINT64_CONSTANT (1048576)
#define LOCALHOST "127.0.0.1"

/* ---- Configuration ------------------------------------------------------ */

static void
set (GHashTable *config,
     const char *key,
     const char *value)
{
  g_hash_table_replace (config, g_strdup (key), g_strdup (value));
}

static void
set_take (GHashTable *config,
          const char *key,
          char       *value)
{
  g_hash_table_replace (config, g_strdup (key), value);
}

/* Sets @key to @value, which it takes. */
void
_flink_deploy_config_set_take (GHashTable *config,
                               const char *key,
                               char       *value)
{
  set_take (config, key, value);
}

static char *
file_uri (const char *dir,
          const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_filename_to_uri (path, NULL, NULL);
}

gboolean
_flink_deploy_config_read_size (GHashTable *config,
                                const char *key,
                                guint       megabytes,
                                guint64     fallback,
                                guint64    *out,
                                GError    **error)
{
  const char *text = g_hash_table_lookup (config, key);

  if (megabytes > 0)
    *out = (guint64) megabytes * MiB;
  else if (text == NULL)
    *out = fallback;
  else if (!_flink_memory_size_parse (text, out))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("%s is “%s”, not a memory size (such as 1600m or 2 gb)"), key, text);
      return FALSE;
    }
  return TRUE;
}

/* The distribution's configuration, then flinkjob's keys, then the
 * caller's. */
gboolean
_flink_cluster_plan_build_config (FlinkClusterPlan *plan,
                                  GError          **error)
{
  GHashTable    *user = _flink_cluster_specification_get_config_table (plan->spec);
  GHashTableIter iter;
  gpointer       key, value;
  const char    *slots_text;
  guint64        slots = flink_cluster_specification_get_slots_per_taskmanager (plan->spec);

  g_clear_pointer (&plan->config, g_hash_table_unref);
  plan->config = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, plan->dist->config);
  while (g_hash_table_iter_next (&iter, &key, &value))
    set (plan->config, key, value);

  set (plan->config, "rest.address", LOCALHOST);
  set (plan->config, "rest.bind-address", LOCALHOST);
  set (plan->config, "jobmanager.rpc.address", LOCALHOST);
  set (plan->config, "jobmanager.bind-host", LOCALHOST);
  set (plan->config, "taskmanager.bind-host", LOCALHOST);
  set (plan->config, "taskmanager.host", LOCALHOST);
  set_take (plan->config, "state.checkpoints.dir", file_uri (plan->work_dir, "checkpoints"));
  set_take (plan->config, "state.savepoints.dir", file_uri (plan->work_dir, "savepoints"));
  set_take (plan->config, "io.tmp.dirs", g_build_filename (plan->work_dir, "tmp", NULL));
  set_take (plan->config, "web.tmpdir", g_build_filename (plan->work_dir, "tmp", "web", NULL));
  set_take (plan->config, "blob.storage.directory", g_build_filename (plan->work_dir, "tmp", "blob", NULL));
  set (plan->config, "web.cancel.enable", "true");
  if (plan->application == NULL)
    set (plan->config, "web.submit.enable", "true");
  else
    {
      /* Attached, flinkjob stops the cluster once the job ended and its
       * result can no longer be asked for; detached, Flink does when the
       * job ends, and the TaskManagers follow when they find no
       * JobManager to register with. */
      set (plan->config, "execution.shutdown-on-application-finish", plan->detached ? "true" : "false");
      if (plan->detached)
        set (plan->config, "taskmanager.registration.timeout", "2 min");
      if (plan->application->parallelism > 0)
        set_take (plan->config, "parallelism.default",
                  g_strdup_printf ("%u", plan->application->parallelism));
    }

  g_hash_table_iter_init (&iter, user);
  while (g_hash_table_iter_next (&iter, &key, &value))
    set (plan->config, key, value);

  if (slots == 0)
    {
      slots_text = g_hash_table_lookup (plan->config, "taskmanager.numberOfTaskSlots");
      slots = 1;
      if (slots_text != NULL && !g_ascii_string_to_unsigned (slots_text, 10, 1, 1024, &slots, NULL))
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                       _ ("taskmanager.numberOfTaskSlots is “%s”, not a number of slots"),
                       slots_text);
          return FALSE;
        }
    }
  plan->slots = (guint) slots;
  set_take (plan->config, "taskmanager.numberOfTaskSlots", g_strdup_printf ("%u", plan->slots));
  return TRUE;
}

static void
append_yaml_string (GString    *out,
                    const char *value)
{
  g_string_append_c (out, '"');
  for (const char *c = value; *c != '\0'; c++)
    {
      switch (*c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if ((guchar) *c < 0x20)
            g_string_append_printf (out, "\\x%02x", (guchar) *c);
          else
            g_string_append_c (out, *c);
        }
    }
  g_string_append_c (out, '"');
}

char *
_flink_deploy_config_to_yaml (GHashTable *config)
{
  g_autoptr (GString)     out = g_string_new ("# Written by flinkjob for this cluster: the distribution's\n"
                                                  "# configuration, flinkjob's keys, then the caller's.\n");
  g_autofree const char **keys = NULL;
  guint                   n;

  keys = (const char **) g_hash_table_get_keys_as_array (config, &n);
  g_qsort_with_data (keys, n, sizeof (char *), (GCompareDataFunc) _flink_compare_strings, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_string_append (out, keys[i]);
      g_string_append (out, ": ");
      append_yaml_string (out, g_hash_table_lookup (config, keys[i]));
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
