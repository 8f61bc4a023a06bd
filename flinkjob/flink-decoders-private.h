/* flink-decoders-private.h: JSON as a real cluster sends it -> immutable
 * records, and the few records flinkjob sends back as JSON
 *
 * Nothing but these decoders reads the members of Flink's answers. Each
 * builds a record from one JSON object, or fails with
 * FLINK_ERROR_PROTOCOL_ERROR saying what is missing; none trusts the type
 * of a member.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "flinkjob.h"

G_BEGIN_DECLS

/* One decoder, as an operation hands it to _flink_task_return_decoded(). */
typedef gpointer (*FlinkDecoder) (JsonObject *object,
                                  GError    **error);

/* Each object of @array decoded into @store; fails naming the element as
 * "<item> <index> <where>". */
gboolean              _flink_json_array_decode_into        (JsonArray     *array,
                                                             GListStore    *store,
                                                             FlinkDecoder   decode,
                                                             const char    *item,
                                                             const char    *where,
                                                             GError       **error);

FlinkClusterOverview *_flink_cluster_overview_new_from_json (JsonObject  *object,
                                                             GError     **error);
FlinkJobOverview     *_flink_job_overview_new_from_json     (JsonObject  *object,
                                                             GError     **error);
GListModel           *_flink_job_overviews_new_from_json    (JsonObject  *root,
                                                             GError     **error);
FlinkJobVertex       *_flink_job_vertex_new_from_json       (JsonObject  *object,
                                                             GError     **error);
FlinkJobDetails      *_flink_job_details_new_from_json      (JsonObject  *object,
                                                             GError     **error);
FlinkAccumulator     *_flink_accumulator_new                (const char  *name,
                                                             const char  *type,
                                                             const char  *value);
GListModel           *_flink_accumulators_new_from_json     (JsonObject  *root,
                                                             GError     **error);
FlinkJobResult       *_flink_job_result_new_from_json       (JsonObject  *root,
                                                             GListModel  *readable_accumulators,
                                                             GError     **error);
GListModel           *_flink_exception_history_new_from_json (JsonObject  *root,
                                                               GError     **error);
FlinkJar             *_flink_jar_new_from_json              (JsonObject  *object,
                                                             GError     **error);
GListModel           *_flink_jars_new_from_json             (JsonObject  *root,
                                                             GError     **error);
FlinkJobResourceRequirements *_flink_job_resource_requirements_new_from_json (JsonObject  *root,
                                                                              GError     **error);
FlinkOperationHandle *_flink_operation_handle_new           (FlinkOperationKind  kind,
                                                             const char         *job_id,
                                                             const char         *trigger_id,
                                                             gint64              start_time,
                                                             const char         *directory);

/* Records sent to the cluster. */
gboolean              _flink_job_resource_requirements_check (FlinkJobResourceRequirements  *self,
                                                              GError                       **error);
JsonNode             *_flink_job_resource_requirements_to_json (FlinkJobResourceRequirements *self);
JsonNode             *_flink_run_options_to_json            (FlinkRunOptions *options,
                                                             guint            flink_major,
                                                             guint            flink_minor);

G_END_DECLS
