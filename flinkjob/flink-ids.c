/* flink-ids.c: the forms of Flink's ids
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include <string.h>

#include "flink-ids-private.h"

/**
 * flink_job_id_is_valid:
 * @job_id: (nullable): text that may be a job id
 *
 * Whether @job_id has the form of a Flink job id (Flink's `JobID`): 32
 * hexadecimal characters, such as `a1b2c3d4e5f60718293a4b5c6d7e8f90`, in
 * either case. Vertex ids and savepoint trigger ids have the same form.
 * Whether a cluster knows the job is another matter.
 *
 * Returns: %TRUE if @job_id has the form of a job id
 *
 * Since: 1.0
 */
gboolean
flink_job_id_is_valid (const char *job_id)
{
  if (job_id == NULL || strlen (job_id) != 32)
    return FALSE;
  for (const char *p = job_id; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return TRUE;
}

/**
 * flink_jar_id_is_valid:
 * @jar_id: (nullable): text that may be a jar id
 *
 * Whether @jar_id has the form of a jar id: the name the cluster gave an
 * uploaded jar, such as `5f0c2d1e-..._job.jar`, as
 * [method@Flink.ClusterClient.upload_jar_async] returns it and
 * [method@Flink.ClusterClient.list_jars_async] lists it. A jar id is a
 * file name on the cluster: not empty, no `/`, not `.` or `..`.
 *
 * Returns: %TRUE if @jar_id has the form of a jar id
 *
 * Since: 1.0
 */
gboolean
flink_jar_id_is_valid (const char *jar_id)
{
  return jar_id != NULL && jar_id[0] != '\0' && strchr (jar_id, '/') == NULL &&
         strcmp (jar_id, ".") != 0 && strcmp (jar_id, "..") != 0;
}

char *
_flink_id_new_random (void)
{
  GString *id = g_string_sized_new (32);

  for (guint i = 0; i < 4; i++)
    g_string_append_printf (id, "%08x", g_random_int ());
  return g_string_free (id, FALSE);
}
