/* test-memory.c: Flink's memory model, against what Flink itself computes
 *
 * The expected values were printed by Flink's own BashJavaUtils
 * (GET_TM_RESOURCE_PARAMS and GET_JM_RESOURCE_PARAMS, which its start
 * scripts run) for Flink 1.20.5 and 2.3.0, which agree to the byte:
 *
 *   java -cp "bin/bash-java-utils.jar:lib/(all jars)" \
 *     org.apache.flink.runtime.util.bash.BashJavaUtils GET_TM_RESOURCE_PARAMS \
 *     --configDir EMPTY_DIR -D taskmanager.memory.process.size=1024m
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "flinkjob.h"
#include "flink-config-private.h"
#include "flink-connection-private.h"
#include "flink-decoders-private.h"
#include "flink-ids-private.h"
#include "flink-json-private.h"
#include "flink-task-private.h"
#include "flink-deploy-private.h"

#define MiB G_GUINT64_CONSTANT (1048576)

typedef struct {
  const char *process_size;
  const char *managed_size;      /* taskmanager.memory.managed.size, or NULL */
  guint slots;
  const char *jvm_args;
  const char *properties;
} TaskManagerCase;

static const TaskManagerCase taskmanager_cases[] = {
  { "1024m", NULL, 1,
    "-Xmx161061270 -Xms161061270 -XX:MaxDirectMemorySize=201326592 -XX:MaxMetaspaceSize=268435456",
    "taskmanager.memory.network.min=67108864b taskmanager.cpu.cores=1.0 "
    "taskmanager.memory.task.off-heap.size=0b taskmanager.memory.jvm-metaspace.size=268435456b "
    "external-resources=none taskmanager.memory.jvm-overhead.min=201326592b "
    "taskmanager.memory.framework.off-heap.size=134217728b taskmanager.memory.network.max=67108864b "
    "taskmanager.memory.framework.heap.size=134217728b taskmanager.memory.managed.size=241591914b "
    "taskmanager.memory.task.heap.size=26843542b taskmanager.numberOfTaskSlots=1 "
    "taskmanager.memory.jvm-overhead.max=201326592b" },
  { "1728m", NULL, 1,
    "-Xmx536870902 -Xms536870902 -XX:MaxDirectMemorySize=268435458 -XX:MaxMetaspaceSize=268435456",
    "taskmanager.memory.network.min=134217730b taskmanager.cpu.cores=1.0 "
    "taskmanager.memory.task.off-heap.size=0b taskmanager.memory.jvm-metaspace.size=268435456b "
    "external-resources=none taskmanager.memory.jvm-overhead.min=201326592b "
    "taskmanager.memory.framework.off-heap.size=134217728b taskmanager.memory.network.max=134217730b "
    "taskmanager.memory.framework.heap.size=134217728b taskmanager.memory.managed.size=536870920b "
    "taskmanager.memory.task.heap.size=402653174b taskmanager.numberOfTaskSlots=1 "
    "taskmanager.memory.jvm-overhead.max=201326592b" },
  { "4096m", NULL, 1,
    "-Xmx1664299798 -Xms1664299798 -XX:MaxDirectMemorySize=493921243 -XX:MaxMetaspaceSize=268435456",
    "taskmanager.memory.network.min=359703515b taskmanager.cpu.cores=1.0 "
    "taskmanager.memory.task.off-heap.size=0b taskmanager.memory.jvm-metaspace.size=268435456b "
    "external-resources=none taskmanager.memory.jvm-overhead.min=429496736b "
    "taskmanager.memory.framework.off-heap.size=134217728b taskmanager.memory.network.max=359703515b "
    "taskmanager.memory.framework.heap.size=134217728b taskmanager.memory.managed.size=1438814063b "
    "taskmanager.memory.task.heap.size=1530082070b taskmanager.numberOfTaskSlots=1 "
    "taskmanager.memory.jvm-overhead.max=429496736b" },
  { "16g", NULL, 1,
    "-Xmx7784628106 -Xms7784628106 -XX:MaxDirectMemorySize=1717986942 -XX:MaxMetaspaceSize=268435456",
    "taskmanager.memory.network.min=1583769214b taskmanager.cpu.cores=1.0 "
    "taskmanager.memory.task.off-heap.size=0b taskmanager.memory.jvm-metaspace.size=268435456b "
    "external-resources=none taskmanager.memory.jvm-overhead.min=1073741824b "
    "taskmanager.memory.framework.off-heap.size=134217728b taskmanager.memory.network.max=1583769214b "
    "taskmanager.memory.framework.heap.size=134217728b taskmanager.memory.managed.size=6335076856b "
    "taskmanager.memory.task.heap.size=7650410378b taskmanager.numberOfTaskSlots=1 "
    "taskmanager.memory.jvm-overhead.max=1073741824b" },
  { "1024m", "64m", 2,
    "-Xmx335544320 -Xms335544320 -XX:MaxDirectMemorySize=201326592 -XX:MaxMetaspaceSize=268435456",
    "taskmanager.memory.network.min=67108864b taskmanager.cpu.cores=2.0 "
    "taskmanager.memory.task.off-heap.size=0b taskmanager.memory.jvm-metaspace.size=268435456b "
    "external-resources=none taskmanager.memory.jvm-overhead.min=201326592b "
    "taskmanager.memory.framework.off-heap.size=134217728b taskmanager.memory.network.max=67108864b "
    "taskmanager.memory.framework.heap.size=134217728b taskmanager.memory.managed.size=67108864b "
    "taskmanager.memory.task.heap.size=201326592b taskmanager.numberOfTaskSlots=2 "
    "taskmanager.memory.jvm-overhead.max=201326592b" },
};

typedef struct {
  const char *process_size;
  const char *jvm_args;
  const char *properties;
} JobManagerCase;

static const JobManagerCase jobmanager_cases[] = {
  { "768m",
    "-Xmx201326592 -Xms201326592 -XX:MaxMetaspaceSize=268435456",
    "jobmanager.memory.off-heap.size=134217728b jobmanager.memory.jvm-overhead.min=201326592b "
    "jobmanager.memory.jvm-metaspace.size=268435456b jobmanager.memory.heap.size=201326592b "
    "jobmanager.memory.jvm-overhead.max=201326592b" },
  { "1600m",
    "-Xmx1073741824 -Xms1073741824 -XX:MaxMetaspaceSize=268435456",
    "jobmanager.memory.off-heap.size=134217728b jobmanager.memory.jvm-overhead.min=201326592b "
    "jobmanager.memory.jvm-metaspace.size=268435456b jobmanager.memory.heap.size=1073741824b "
    "jobmanager.memory.jvm-overhead.max=201326592b" },
};

static GHashTable *
new_config (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static char *
join (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return g_strjoinv (" ", (GStrv) array->pdata);
}

static void
test_memory_size_parse (void)
{
  const struct { const char *text; guint64 bytes; } good[] = {
    { "0", 0 }, { "1024", 1024 }, { "268435456b", 268435456 }, { "64m", 64 * MiB },
    { "64 mb", 64 * MiB }, { "1g", 1024 * MiB }, { "1 GB", 1024 * MiB },
    { "2 gibibytes", 2048 * MiB }, { "512 kb", 512 * 1024 }, { " 1t ", 1024 * 1024 * MiB },
  };
  const char *bad[] = { "", "m", "1.5g", "-1m", "12 parsecs", "1 g b" };
  guint64 bytes;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (_flink_memory_size_parse (good[i].text, &bytes));
      g_assert_cmpuint (bytes, ==, good[i].bytes);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (_flink_memory_size_parse (bad[i], &bytes));
}

static void
test_taskmanager_memory (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (taskmanager_cases); i++)
    {
      const TaskManagerCase *c = &taskmanager_cases[i];
      g_autoptr(GHashTable) config = new_config ();
      g_autoptr(GPtrArray) jvm_args = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) properties = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autofree char *cores = g_strdup_printf ("%u.0", c->slots);
      g_autofree char *jvm_text = NULL;
      g_autofree char *properties_text = NULL;
      FlinkTaskManagerMemory memory;
      guint64 size;

      g_test_message ("TaskManager of %s, managed %s", c->process_size, c->managed_size);
      if (c->managed_size != NULL)
        g_hash_table_insert (config, g_strdup ("taskmanager.memory.managed.size"),
                             g_strdup (c->managed_size));
      g_assert_true (_flink_memory_size_parse (c->process_size, &size));
      g_assert_true (_flink_taskmanager_memory_derive (config, size, &memory, &error));
      g_assert_no_error (error);
      _flink_taskmanager_memory_to_args (&memory, c->slots, cores, jvm_args, properties);
      jvm_text = join (jvm_args);
      properties_text = join (properties);
      g_assert_cmpstr (jvm_text, ==, c->jvm_args);
      g_assert_cmpstr (properties_text, ==, c->properties);
    }
}

static void
test_jobmanager_memory (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (jobmanager_cases); i++)
    {
      const JobManagerCase *c = &jobmanager_cases[i];
      g_autoptr(GHashTable) config = new_config ();
      g_autoptr(GPtrArray) jvm_args = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) properties = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autofree char *jvm_text = NULL;
      g_autofree char *properties_text = NULL;
      FlinkJobManagerMemory memory;
      guint64 size;

      g_assert_true (_flink_memory_size_parse (c->process_size, &size));
      g_assert_true (_flink_jobmanager_memory_derive (config, size, &memory, &error));
      g_assert_no_error (error);
      _flink_jobmanager_memory_to_args (&memory, jvm_args, properties);
      jvm_text = join (jvm_args);
      properties_text = join (properties);
      g_assert_cmpstr (jvm_text, ==, c->jvm_args);
      g_assert_cmpstr (properties_text, ==, c->properties);
    }
}

/* What Flink says of 600m: "Sum of configured Framework Heap Memory
 * (128.000mb), Framework Off-Heap Memory (128.000mb), Task Off-Heap Memory
 * (0 bytes), Managed Memory (60.800mb) and Network Memory (64.000mb)
 * exceed configured Total Flink Memory (152.000mb)". */
static void
test_too_small (void)
{
  g_autoptr(GHashTable) config = new_config ();
  g_autoptr(GError) error = NULL;
  FlinkTaskManagerMemory tm;
  FlinkJobManagerMemory jm;

  g_assert_false (_flink_taskmanager_memory_derive (config, 600 * MiB, &tm, &error));
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "TaskManager memory of 600.000 MiB"));
  g_assert_nonnull (strstr (error->message, "taskmanager-memory-mb"));
  g_clear_error (&error);

  g_assert_false (_flink_jobmanager_memory_derive (config, 512 * MiB, &jm, &error));
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "jobmanager-memory-mb"));
}

static void
test_bad_keys (void)
{
  g_autoptr(GHashTable) config = new_config ();
  g_autoptr(GError) error = NULL;
  FlinkTaskManagerMemory tm;

  g_hash_table_insert (config, g_strdup ("taskmanager.memory.managed.fraction"), g_strdup ("1.5"));
  g_assert_false (_flink_taskmanager_memory_derive (config, 1024 * MiB, &tm, &error));
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "taskmanager.memory.managed.fraction"));
  g_clear_error (&error);

  g_hash_table_remove_all (config);
  g_hash_table_insert (config, g_strdup ("taskmanager.memory.managed.size"), g_strdup ("lots"));
  g_assert_false (_flink_taskmanager_memory_derive (config, 1024 * MiB, &tm, &error));
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "“lots”"));
  g_clear_error (&error);

  g_hash_table_remove_all (config);
  g_hash_table_insert (config, g_strdup ("taskmanager.memory.flink.size"), g_strdup ("1g"));
  g_assert_false (_flink_taskmanager_memory_derive (config, 1024 * MiB, &tm, &error));
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "taskmanager.memory.flink.size"));
}

static void
test_version_from_jar_name (void)
{
  const struct { const char *name; const char *version; } cases[] = {
    { "flink-dist-2.3.0.jar", "2.3.0" },
    { "flink-dist-1.20.5.jar", "1.20.5" },
    { "flink-dist_2.12-1.14.6.jar", "1.14.6" },
    { "flink-dist-2.1-SNAPSHOT.jar", "2.1-SNAPSHOT" },
    { "flink-dist.jar", NULL },
    { "flink-table-2.3.0.jar", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *version = _flink_distribution_version_from_jar_name (cases[i].name);
      g_assert_cmpstr (version, ==, cases[i].version);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memory/size-parse", test_memory_size_parse);
  g_test_add_func ("/memory/taskmanager", test_taskmanager_memory);
  g_test_add_func ("/memory/jobmanager", test_jobmanager_memory);
  g_test_add_func ("/memory/too-small", test_too_small);
  g_test_add_func ("/memory/bad-keys", test_bad_keys);
  g_test_add_func ("/distribution/version-from-jar-name", test_version_from_jar_name);

  return g_test_run ();
}
