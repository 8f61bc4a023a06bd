/* flink-memory.c: Flink's memory model, as its scripts apply it
 *
 * Flink's start scripts do not pass a process size to the JVMs they start:
 * they run BashJavaUtils, which divides the process memory among Flink's
 * components (JVM heap, managed memory, network buffers, metaspace, JVM
 * overhead) and prints the JVM limits and -D properties to start with. A
 * TaskManager started without them refuses to start. This file does the same
 * division for the "total process memory" case, with the same defaults and
 * the same arithmetic (fractions are Java floats, products truncated), so
 * that the sizes match BashJavaUtils' to the byte; tests/test-deploy.c
 * checks them against what Flink 1.20 and 2.3 print.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "flinkjob.h"
#include "flink-config-private.h"
#include "flink-connection-private.h"
#include "flink-decoders-private.h"
#include "flink-ids-private.h"
#include "flink-json-private.h"
#include "flink-task-private.h"
#include "flink-deploy-private.h"
#include "flink-i18n-private.h"

#define KiB G_GUINT64_CONSTANT (1024)
#define MiB (1024 * KiB)
#define GiB (1024 * MiB)
#define TiB (1024 * GiB)
/* Sizes here stay below this, so that size × 24-bit mantissa fits 64 bits. */
#define MAX_SIZE TiB

gboolean
_flink_memory_size_parse (const char *text,
                          guint64    *out_bytes)
{
  static const struct
  {
    const char *names[3];
    guint64     factor;
  } units[] = {
    { { "b", "bytes", NULL }, 1 },
    { { "k", "kb", "kibibytes" }, KiB },
    { { "m", "mb", "mebibytes" }, MiB },
    { { "g", "gb", "gibibytes" }, GiB },
    { { "t", "tb", "tebibytes" }, TiB },
  };
  g_autofree char *copy = NULL;
  char            *unit;
  char            *end = NULL;
  guint64          number;

  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  if (!g_ascii_isdigit (copy[0]))
    return FALSE;
  number = g_ascii_strtoull (copy, &end, 10);
  unit = g_strstrip (end);
  if (unit[0] == '\0')
    {
      *out_bytes = number;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    for (guint j = 0; j < G_N_ELEMENTS (units[i].names) && units[i].names[j] != NULL; j++)
      if (g_ascii_strcasecmp (unit, units[i].names[j]) == 0)
        {
          if (number > G_MAXUINT64 / units[i].factor)
            return FALSE;
          *out_bytes = number * units[i].factor;
          return TRUE;
        }
  return FALSE;
}

static char *
describe_size (guint64 bytes)
{
  return g_strdup_printf ("%.3f MiB (%" G_GUINT64_FORMAT " bytes)", (double) bytes / MiB, bytes);
}

static gboolean
read_size (GHashTable *config,
           const char *key,
           guint64     fallback,
           guint64    *out,
           GError    **error)
{
  const char *text = g_hash_table_lookup (config, key);

  *out = fallback;
  if (text == NULL)
    return TRUE;
  if (!_flink_memory_size_parse (text, out) || *out >= MAX_SIZE)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("%s is “%s”, not a memory size below 1 TiB (such as 256m or 1 gb)"),
                   key, text);
      return FALSE;
    }
  return TRUE;
}

/* Flink's fractions are Java floats. */
static gboolean
read_fraction (GHashTable *config,
               const char *key,
               float       fallback,
               float      *out,
               GError    **error)
{
  const char *text = g_hash_table_lookup (config, key);
  char       *end = NULL;
  double      value;

  *out = fallback;
  if (text == NULL)
    return TRUE;
  value = g_ascii_strtod (text, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  if (end == text || end == NULL || *end != '\0' || !(value >= 0.0 && value < 1.0))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("%s is “%s”, not a fraction from 0 to 1 (such as 0.4)"), key, text);
      return FALSE;
    }
  *out = (float) value;
  if (*out >= 1.0f)
    *out = 0.99999994f; /* the largest float below 1 */
  return TRUE;
}

/* What Java's MemorySize.multiply(float) gives: the exact product of the
 * size and the float's binary value, truncated. */
static guint64
multiply (guint64 bytes,
          float   fraction)
{
  guint32 bits;
  guint32 exponent;
  guint64 mantissa;
  guint   shift;

  memcpy (&bits, &fraction, sizeof bits);
  exponent = (bits >> 23) & 0xff;
  mantissa = bits & 0x7fffff;
  if (exponent == 0)
    shift = 149; /* subnormal: mantissa × 2^-149 */
  else
    {
      mantissa |= 0x800000;
      shift = 150 - exponent; /* (2^23 + m) × 2^(e - 150) */
    }
  g_assert (bytes < MAX_SIZE && exponent < 127);
  return shift >= 64 ? 0 : (bytes * mantissa) >> shift;
}

/* Flink's deriveWithFraction: a fraction of @base within [min, max]. */
static gboolean
derive_with_fraction (GHashTable *config,
                      const char *what,
                      const char *prefix,
                      guint64     base,
                      guint64     default_min,
                      guint64     default_max,
                      float       default_fraction,
                      guint64    *out,
                      GError    **error)
{
  g_autofree char *min_key = g_strconcat (prefix, ".min", NULL);
  g_autofree char *max_key = g_strconcat (prefix, ".max", NULL);
  g_autofree char *fraction_key = g_strconcat (prefix, ".fraction", NULL);
  guint64          min, max;
  float            fraction;

  if (!read_size (config, min_key, default_min, &min, error) ||
      !read_size (config, max_key, default_max, &max, error) ||
      !read_fraction (config, fraction_key, default_fraction, &fraction, error))
    return FALSE;
  if (min > max)
    {
      g_autofree char *min_text = describe_size (min);
      g_autofree char *max_text = describe_size (max);
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("The configured minimum of the %s (%s, %s) is above its maximum "
                      "(%s, %s)"),
                   what, min_key, min_text, max_key, max_text);
      return FALSE;
    }
  *out = CLAMP (multiply (base, fraction), min, max);
  return TRUE;
}

static gboolean
refuse_key (GHashTable *config,
            const char *key,
            const char *instead,
            GError    **error)
{
  if (g_hash_table_lookup (config, key) == NULL)
    return TRUE;
  g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED,
               _ ("flinkjob derives the memory of what it deploys from the total process "
                  "size (%s): unset %s"),
               instead, key);
  return FALSE;
}

static gboolean
too_small (const char *process,
           guint64     process_size,
           const char *parts,
           guint64     needed,
           const char *hint,
           GError    **error)
{
  g_autofree char *size_text = describe_size (process_size);
  g_autofree char *needed_text = describe_size (needed);

  g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
               _ ("%s memory of %s is too small: %s need more than %s; give it more "
                  "(%s)"),
               process, size_text, parts, needed_text, hint);
  return FALSE;
}

gboolean
_flink_taskmanager_memory_derive (GHashTable             *config,
                                  guint64                 process_size,
                                  FlinkTaskManagerMemory *out,
                                  GError                **error)
{
  const char            *hint = "taskmanager-memory-mb, or smaller taskmanager.memory.* components";
  FlinkTaskManagerMemory m = { 0 };
  guint64                flink, fixed, task_heap_configured = 0;
  gboolean               has_task_heap, has_managed;

  if (process_size >= MAX_SIZE)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                           _ ("The TaskManager memory must be below 1 TiB"));
      return FALSE;
    }
  if (!refuse_key (config, "taskmanager.memory.flink.size", "taskmanager-memory-mb", error))
    return FALSE;

  if (!read_size (config, "taskmanager.memory.framework.heap.size", 128 * MiB, &m.framework_heap, error) ||
      !read_size (config, "taskmanager.memory.framework.off-heap.size", 128 * MiB, &m.framework_off_heap, error) ||
      !read_size (config, "taskmanager.memory.task.off-heap.size", 0, &m.task_off_heap, error) ||
      !read_size (config, "taskmanager.memory.jvm-metaspace.size", 256 * MiB, &m.metaspace, error) ||
      !derive_with_fraction (config, "JVM overhead", "taskmanager.memory.jvm-overhead", process_size,
                             192 * MiB, GiB, 0.1f, &m.overhead, error))
    return FALSE;

  if (m.metaspace + m.overhead >= process_size)
    return too_small ("The TaskManager", process_size, "its JVM metaspace and overhead",
                      m.metaspace + m.overhead, hint, error);
  flink = process_size - m.metaspace - m.overhead;

  has_task_heap = g_hash_table_lookup (config, "taskmanager.memory.task.heap.size") != NULL;
  has_managed = g_hash_table_lookup (config, "taskmanager.memory.managed.size") != NULL;
  if (has_managed)
    {
      if (!read_size (config, "taskmanager.memory.managed.size", 0, &m.managed, error))
        return FALSE;
    }
  else
    {
      float fraction;

      if (!read_fraction (config, "taskmanager.memory.managed.fraction", 0.4f, &fraction, error))
        return FALSE;
      m.managed = multiply (flink, fraction);
    }

  fixed = m.framework_heap + m.framework_off_heap + m.task_off_heap + m.managed;
  if (has_task_heap)
    {
      /* Flink's branch for an explicit task heap: the network buffers get
       * what is left, which must lie in their range. */
      guint64 min, max;

      if (!read_size (config, "taskmanager.memory.task.heap.size", 0, &task_heap_configured, error) ||
          !read_size (config, "taskmanager.memory.network.min", 64 * MiB, &min, error) ||
          !read_size (config, "taskmanager.memory.network.max", G_MAXUINT64, &max, error))
        return FALSE;
      if (fixed + task_heap_configured >= flink)
        return too_small ("The TaskManager", process_size,
                          "its framework, task heap, task off-heap and managed memory",
                          fixed + task_heap_configured, hint, error);
      m.task_heap = task_heap_configured;
      m.network = flink - fixed - task_heap_configured;
      if (m.network < min || m.network > max)
        {
          g_autofree char *network_text = describe_size (m.network);
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                       _ ("With taskmanager.memory.task.heap.size set, the TaskManager's "
                          "network memory would be %s, outside taskmanager.memory.network.min "
                          "and .max: change the task heap or the TaskManager memory"),
                       network_text);
          return FALSE;
        }
    }
  else
    {
      if (!derive_with_fraction (config, "network memory", "taskmanager.memory.network", flink,
                                 64 * MiB, G_MAXUINT64, 0.1f, &m.network, error))
        return FALSE;
      if (fixed + m.network >= flink)
        return too_small ("The TaskManager", process_size,
                          "its framework, task off-heap, managed and network memory, JVM "
                          "metaspace and overhead",
                          fixed + m.network + m.metaspace + m.overhead, hint, error);
      m.task_heap = flink - fixed - m.network;
    }

  *out = m;
  return TRUE;
}

gboolean
_flink_jobmanager_memory_derive (GHashTable            *config,
                                 guint64                process_size,
                                 FlinkJobManagerMemory *out,
                                 GError               **error)
{
  const char           *hint = "jobmanager-memory-mb";
  FlinkJobManagerMemory m = { 0 };
  const char           *limit;
  guint64               flink;

  if (process_size >= MAX_SIZE)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                           _ ("The JobManager memory must be below 1 TiB"));
      return FALSE;
    }
  if (!refuse_key (config, "jobmanager.memory.flink.size", "jobmanager-memory-mb", error) ||
      !refuse_key (config, "jobmanager.memory.heap.size", "jobmanager-memory-mb", error))
    return FALSE;

  if (!read_size (config, "jobmanager.memory.jvm-metaspace.size", 256 * MiB, &m.metaspace, error) ||
      !read_size (config, "jobmanager.memory.off-heap.size", 128 * MiB, &m.off_heap, error) ||
      !derive_with_fraction (config, "JVM overhead", "jobmanager.memory.jvm-overhead", process_size,
                             192 * MiB, GiB, 0.1f, &m.overhead, error))
    return FALSE;
  if (m.metaspace + m.overhead + m.off_heap >= process_size)
    return too_small ("The JobManager", process_size,
                      "its JVM metaspace, overhead and off-heap memory",
                      m.metaspace + m.overhead + m.off_heap, hint, error);
  flink = process_size - m.metaspace - m.overhead;
  m.heap = flink - m.off_heap;

  limit = g_hash_table_lookup (config, "jobmanager.memory.enable-jvm-direct-memory-limit");
  m.direct_memory_limit = limit != NULL && g_ascii_strcasecmp (limit, "true") == 0;
  *out = m;
  return TRUE;
}

static void
add_property (GPtrArray  *properties,
              const char *key,
              guint64     bytes)
{
  g_ptr_array_add (properties, g_strdup_printf ("%s=%" G_GUINT64_FORMAT "b", key, bytes));
}

void
_flink_taskmanager_memory_to_args (const FlinkTaskManagerMemory *m,
                                   guint                         slots,
                                   const char                   *cpu_cores,
                                   GPtrArray                    *jvm_args,
                                   GPtrArray                    *properties)
{
  guint64 heap = m->framework_heap + m->task_heap;
  guint64 direct = m->framework_off_heap + m->task_off_heap + m->network;

  g_ptr_array_add (jvm_args, g_strdup_printf ("-Xmx%" G_GUINT64_FORMAT, heap));
  g_ptr_array_add (jvm_args, g_strdup_printf ("-Xms%" G_GUINT64_FORMAT, heap));
  g_ptr_array_add (jvm_args, g_strdup_printf ("-XX:MaxDirectMemorySize=%" G_GUINT64_FORMAT, direct));
  g_ptr_array_add (jvm_args, g_strdup_printf ("-XX:MaxMetaspaceSize=%" G_GUINT64_FORMAT, m->metaspace));

  /* In BashJavaUtils' order. */
  add_property (properties, "taskmanager.memory.network.min", m->network);
  g_ptr_array_add (properties, g_strdup_printf ("taskmanager.cpu.cores=%s", cpu_cores));
  add_property (properties, "taskmanager.memory.task.off-heap.size", m->task_off_heap);
  add_property (properties, "taskmanager.memory.jvm-metaspace.size", m->metaspace);
  g_ptr_array_add (properties, g_strdup ("external-resources=none"));
  add_property (properties, "taskmanager.memory.jvm-overhead.min", m->overhead);
  add_property (properties, "taskmanager.memory.framework.off-heap.size", m->framework_off_heap);
  add_property (properties, "taskmanager.memory.network.max", m->network);
  add_property (properties, "taskmanager.memory.framework.heap.size", m->framework_heap);
  add_property (properties, "taskmanager.memory.managed.size", m->managed);
  add_property (properties, "taskmanager.memory.task.heap.size", m->task_heap);
  g_ptr_array_add (properties, g_strdup_printf ("taskmanager.numberOfTaskSlots=%u", slots));
  add_property (properties, "taskmanager.memory.jvm-overhead.max", m->overhead);
}

void
_flink_jobmanager_memory_to_args (const FlinkJobManagerMemory *m,
                                  GPtrArray                   *jvm_args,
                                  GPtrArray                   *properties)
{
  g_ptr_array_add (jvm_args, g_strdup_printf ("-Xmx%" G_GUINT64_FORMAT, m->heap));
  g_ptr_array_add (jvm_args, g_strdup_printf ("-Xms%" G_GUINT64_FORMAT, m->heap));
  if (m->direct_memory_limit)
    g_ptr_array_add (jvm_args, g_strdup_printf ("-XX:MaxDirectMemorySize=%" G_GUINT64_FORMAT, m->off_heap));
  g_ptr_array_add (jvm_args, g_strdup_printf ("-XX:MaxMetaspaceSize=%" G_GUINT64_FORMAT, m->metaspace));

  add_property (properties, "jobmanager.memory.off-heap.size", m->off_heap);
  add_property (properties, "jobmanager.memory.jvm-overhead.min", m->overhead);
  add_property (properties, "jobmanager.memory.jvm-metaspace.size", m->metaspace);
  add_property (properties, "jobmanager.memory.heap.size", m->heap);
  add_property (properties, "jobmanager.memory.jvm-overhead.max", m->overhead);
}
