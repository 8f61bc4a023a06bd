/* flink-job-list.h: a live list of a cluster's jobs
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
#include <flinkjob/flink-cluster-client.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

#define FLINK_TYPE_JOB_LIST (flink_job_list_get_type ())

FLINK_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (FlinkJobList, flink_job_list, FLINK, JOB_LIST, GObject)

FLINK_AVAILABLE_IN_1_0
FlinkJobList       *flink_job_list_new                (FlinkClusterClient *cluster_client);
FLINK_AVAILABLE_IN_1_0
FlinkClusterClient *flink_job_list_get_cluster_client (FlinkJobList       *self);
FLINK_AVAILABLE_IN_1_0
gboolean            flink_job_list_get_reachable      (FlinkJobList       *self);
FLINK_AVAILABLE_IN_1_0
gboolean            flink_job_list_get_loaded         (FlinkJobList       *self);
FLINK_AVAILABLE_IN_1_0
guint64             flink_job_list_get_n_polls        (FlinkJobList       *self);

/* clang-format on */

G_END_DECLS
