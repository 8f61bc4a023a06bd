/* flink-version.c: the version of libflinkjob at run time
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flink-version.h"

/**
 * flink_library_get_major_version:
 *
 * The major version of the flinkjob library in use at run time. This is the
 * client library's version, not the Flink cluster's: see
 * [method@Flink.ClusterClient.get_flink_version] for the latter.
 *
 * Returns: the major version, e.g. 1 for flinkjob 1.2.3
 *
 * Since: 1.0
 */
guint
flink_library_get_major_version (void)
{
  return FLINKJOB_MAJOR_VERSION;
}

/**
 * flink_library_get_minor_version:
 *
 * The minor version of the flinkjob library in use at run time.
 *
 * Returns: the minor version, e.g. 2 for flinkjob 1.2.3
 *
 * Since: 1.0
 */
guint
flink_library_get_minor_version (void)
{
  return FLINKJOB_MINOR_VERSION;
}

/**
 * flink_library_get_micro_version:
 *
 * The micro version of the flinkjob library in use at run time.
 *
 * Returns: the micro version, e.g. 3 for flinkjob 1.2.3
 *
 * Since: 1.0
 */
guint
flink_library_get_micro_version (void)
{
  return FLINKJOB_MICRO_VERSION;
}

/**
 * flink_library_check_version:
 * @major: the required major version
 * @minor: the required minor version
 * @micro: the required micro version
 *
 * Whether the flinkjob library in use at run time is at least the given
 * version.
 *
 * Returns: %TRUE if the library is @major.@minor.@micro or newer
 *
 * Since: 1.0
 */
gboolean
flink_library_check_version (guint major,
                             guint minor,
                             guint micro)
{
  guint64 have = (guint64) FLINKJOB_MAJOR_VERSION << 40 |
                 (guint64) FLINKJOB_MINOR_VERSION << 20 |
                 (guint64) FLINKJOB_MICRO_VERSION;
  guint64 want = (guint64) MIN (major, 0xfffff) << 40 |
                 (guint64) MIN (minor, 0xfffff) << 20 |
                 (guint64) MIN (micro, 0xfffff);

  return have >= want;
}
