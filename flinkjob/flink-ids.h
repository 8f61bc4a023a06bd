/* flink-ids.h: the forms of Flink's ids
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__FLINKJOB_INSIDE__) && !defined(FLINKJOB_COMPILATION)
#error "Only <flinkjob/flinkjob.h> can be included directly."
#endif

#include <glib.h>

#include <flinkjob/flink-version-macros.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

FLINK_AVAILABLE_IN_1_0
gboolean flink_job_id_is_valid (const char *job_id);
FLINK_AVAILABLE_IN_1_0
gboolean flink_jar_id_is_valid (const char *jar_id);

/* clang-format on */

G_END_DECLS
