/* flink-accumulator.h: one accumulator of a job
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

#define FLINK_TYPE_ACCUMULATOR (flink_accumulator_get_type ())

FLINK_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FlinkAccumulator, flink_accumulator, FLINK, ACCUMULATOR, GObject)

FLINK_AVAILABLE_IN_1_0
const char * flink_accumulator_get_name (FlinkAccumulator *self);
FLINK_AVAILABLE_IN_1_0
const char * flink_accumulator_get_accumulator_type (FlinkAccumulator *self);
FLINK_AVAILABLE_IN_1_0
const char * flink_accumulator_get_value (FlinkAccumulator *self);
FLINK_AVAILABLE_IN_1_0
gint64 flink_accumulator_get_int64 (FlinkAccumulator *self,
    GError **error);
FLINK_AVAILABLE_IN_1_0
double flink_accumulator_get_double (FlinkAccumulator *self,
    GError **error);

/* clang-format on */

G_END_DECLS
