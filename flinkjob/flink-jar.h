/* flink-jar.h: a jar uploaded to the cluster
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__FLINKJOB_INSIDE__) && !defined(FLINKJOB_COMPILATION)
#error "Only <flinkjob/flinkjob.h> can be included directly."
#endif

#include <gio/gio.h>

#include <flinkjob/flink-version-macros.h>
#include <flinkjob/flink-enums.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

#define FLINK_TYPE_JAR (flink_jar_get_type ())

FLINK_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FlinkJar, flink_jar, FLINK, JAR, GObject)

FLINK_AVAILABLE_IN_1_0
const char * flink_jar_get_id (FlinkJar *self);
FLINK_AVAILABLE_IN_1_0
const char * flink_jar_get_name (FlinkJar *self);
FLINK_AVAILABLE_IN_1_0
gint64 flink_jar_get_uploaded (FlinkJar *self);
FLINK_AVAILABLE_IN_1_0
const char * const * flink_jar_get_entry_classes (FlinkJar *self);

/* clang-format on */

G_END_DECLS
