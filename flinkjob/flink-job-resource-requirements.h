/* flink-job-resource-requirements.h: the parallelism bounds of a job's vertices
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

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

#define FLINK_TYPE_JOB_RESOURCE_REQUIREMENTS (flink_job_resource_requirements_get_type ())

FLINK_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FlinkJobResourceRequirements, flink_job_resource_requirements,
                      FLINK, JOB_RESOURCE_REQUIREMENTS, GObject)

FLINK_AVAILABLE_IN_1_0
FlinkJobResourceRequirements *flink_job_resource_requirements_new             (void);
FLINK_AVAILABLE_IN_1_0
char                        **flink_job_resource_requirements_get_vertex_ids  (FlinkJobResourceRequirements *self);
FLINK_AVAILABLE_IN_1_0
gboolean                      flink_job_resource_requirements_get_parallelism (FlinkJobResourceRequirements *self,
                                                                               const char                   *vertex_id,
                                                                               guint                        *lower_bound,
                                                                               guint                        *upper_bound);
FLINK_AVAILABLE_IN_1_0
void                          flink_job_resource_requirements_set_parallelism (FlinkJobResourceRequirements *self,
                                                                               const char                   *vertex_id,
                                                                               guint                         lower_bound,
                                                                               guint                         upper_bound);

/* clang-format on */

G_END_DECLS
