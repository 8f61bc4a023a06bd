/* flink-decoders-private.h: JSON as a real cluster sends it -> immutable
 * records, and the few records flinkjob sends back as JSON
 *
 * Nothing but these decoders reads the members of Flink's answers. Each
 * builds a record from one JSON object, or fails with
 * FLINK_ERROR_PROTOCOL_ERROR saying what is missing; none trusts the type
 * of a member.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "flinkjob.h"

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

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

/* Answers that are not records (flink-answers.c); errors without context,
 * which the caller puts in front. */
gboolean    _flink_job_status_from_json       (JsonObject      *object,
                                               FlinkJobStatus  *out_status,
                                               GError         **error);
GHashTable *_flink_job_statuses_from_json     (JsonObject      *object,
                                               GError         **error);
char       *_flink_trigger_id_from_json       (JsonObject      *object,
                                               GError         **error);
char       *_flink_run_job_id_from_json       (JsonObject      *object,
                                               GError         **error);
char       *_flink_jar_id_from_json           (JsonObject      *object,
                                               GError         **error);
gboolean    _flink_version_from_json          (JsonObject      *config,
                                               char           **out_version,
                                               char           **out_revision,
                                               GError         **error);
gboolean    _flink_operation_status_from_json (JsonObject      *object,
                                               gboolean        *out_completed,
                                               GError         **error);
gboolean    _flink_checkpoint_id_from_json    (JsonObject      *completed,
                                               guint64         *out_id,
                                               GError         **error);
gboolean    _flink_disposal_from_json         (JsonObject      *completed,
                                               GError         **error);
/* The location a completed savepoint or stop names, or its failure, with
 * @context in front of the error. */
char       *_flink_savepoint_location_from_json (JsonObject    *completed,
                                                 const char    *context,
                                                 GError       **error);

typedef enum {
  FLINK_SAVEPOINT_NONE,          /* no savepoint of the handle's is shown */
  FLINK_SAVEPOINT_IN_PROGRESS,
  FLINK_SAVEPOINT_COMPLETED,
  FLINK_SAVEPOINT_FAILED,
} FlinkSavepointState;

/* A savepoint as the job's checkpoint statistics show it; the strings
 * point into the statistics. */
typedef struct {
  FlinkSavepointState state;
  gint64 id;
  const char *location;
  const char *failure;
} FlinkSavepointEntry;

/* The savepoint of the checkpoint statistics triggered closest after
 * @start_time (ms), in @directory if not %NULL: the one a handle names. */
void        _flink_savepoint_from_statistics  (JsonObject          *statistics,
                                               gint64               start_time,
                                               const char          *directory,
                                               FlinkSavepointEntry *out_entry);

/* Records sent to the cluster. */
gboolean              _flink_job_resource_requirements_check (FlinkJobResourceRequirements  *self,
                                                              GError                       **error);
JsonNode             *_flink_job_resource_requirements_to_json (FlinkJobResourceRequirements *self);
JsonNode             *_flink_run_options_to_json            (FlinkRunOptions *options,
                                                             guint            flink_major,
                                                             guint            flink_minor);

/* clang-format on */

G_END_DECLS
