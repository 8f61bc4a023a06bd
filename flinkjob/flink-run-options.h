/* flink-run-options.h: how to run an uploaded jar
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__FLINKJOB_INSIDE__) && !defined(FLINKJOB_COMPILATION)
#error "Only <flinkjob/flinkjob.h> can be included directly."
#endif

#include <glib-object.h>

#include <flinkjob/flink-version-macros.h>
#include <flinkjob/flink-enums.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

#define FLINK_TYPE_RUN_OPTIONS (flink_run_options_get_type ())

FLINK_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FlinkRunOptions, flink_run_options, FLINK, RUN_OPTIONS, GObject)

FLINK_AVAILABLE_IN_1_0
FlinkRunOptions    *flink_run_options_new                         (void);

FLINK_AVAILABLE_IN_1_0
const char         *flink_run_options_get_entry_class             (FlinkRunOptions    *self);
FLINK_AVAILABLE_IN_1_0
void                flink_run_options_set_entry_class             (FlinkRunOptions    *self,
                                                                   const char         *entry_class);
FLINK_AVAILABLE_IN_1_0
const char * const *flink_run_options_get_program_args            (FlinkRunOptions    *self);
FLINK_AVAILABLE_IN_1_0
void                flink_run_options_set_program_args            (FlinkRunOptions    *self,
                                                                   const char * const *program_args);
FLINK_AVAILABLE_IN_1_0
guint               flink_run_options_get_parallelism             (FlinkRunOptions    *self);
FLINK_AVAILABLE_IN_1_0
void                flink_run_options_set_parallelism             (FlinkRunOptions    *self,
                                                                   guint               parallelism);
FLINK_AVAILABLE_IN_1_0
const char         *flink_run_options_get_job_id                  (FlinkRunOptions    *self);
FLINK_AVAILABLE_IN_1_0
void                flink_run_options_set_job_id                  (FlinkRunOptions    *self,
                                                                   const char         *job_id);
FLINK_AVAILABLE_IN_1_0
const char         *flink_run_options_get_savepoint_path          (FlinkRunOptions    *self);
FLINK_AVAILABLE_IN_1_0
void                flink_run_options_set_savepoint_path          (FlinkRunOptions    *self,
                                                                   const char         *savepoint_path);
FLINK_AVAILABLE_IN_1_0
gboolean            flink_run_options_get_allow_non_restored_state (FlinkRunOptions   *self);
FLINK_AVAILABLE_IN_1_0
void                flink_run_options_set_allow_non_restored_state (FlinkRunOptions   *self,
                                                                    gboolean           allow);
FLINK_AVAILABLE_IN_1_0
FlinkClaimMode      flink_run_options_get_claim_mode              (FlinkRunOptions    *self);
FLINK_AVAILABLE_IN_1_0
void                flink_run_options_set_claim_mode              (FlinkRunOptions    *self,
                                                                   FlinkClaimMode      claim_mode);

/* clang-format on */

G_END_DECLS
