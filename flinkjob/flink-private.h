/* flink-private.h: what libflinkjob's files share and the tests reach
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "flinkjob.h"

G_BEGIN_DECLS

/* Identifiers: Flink's job and trigger ids are 32 hex characters. */
char     *_flink_id_new_random        (void);

/* Errors (flink-error.c). @context says what was being done, naming the job
 * and the cluster ("Cannot cancel job 3f2a... on http://host:8081"). */
GError   *_flink_error_new_for_http      (guint        status,
                                          GBytes      *body,
                                          const char  *context);
GError   *_flink_error_new_for_transport (const GError *error,
                                          const char   *url,
                                          const char   *context);
char     *_flink_describe_failure_cause  (JsonObject  *cause);
void      _flink_split_exception_line    (const char  *line,
                                          char       **out_class,
                                          char       **out_message);
gboolean  _flink_find_root_cause         (const char  *stack_trace,
                                          char       **out_class,
                                          char       **out_message);

/* Safe readers of what a server sent (flink-json.c): nothing here trusts the
 * type of a member. _flink_json_parse() refuses answers nesting deeper than
 * 512 or holding more than 2,000,000 elements or 250,000 objects and
 * arrays, and every string and member name of what it returns is valid
 * UTF-8 (what was not is made valid), so the readers hand out UTF-8. */
JsonNode   *_flink_json_parse             (GBytes      *bytes,
                                           GError     **error);
JsonObject *_flink_json_node_get_object   (JsonNode    *node,
                                           GError     **error);
const char *_flink_json_get_string        (JsonObject  *object,
                                           const char  *member);
gboolean    _flink_json_get_int           (JsonObject  *object,
                                           const char  *member,
                                           gint64      *out_value);
gint64      _flink_json_get_int_or        (JsonObject  *object,
                                           const char  *member,
                                           gint64       fallback);
guint       _flink_json_get_uint_or       (JsonObject  *object,
                                           const char  *member,
                                           guint        fallback);
gboolean    _flink_json_get_bool_or       (JsonObject  *object,
                                           const char  *member,
                                           gboolean     fallback);
JsonObject *_flink_json_get_object        (JsonObject  *object,
                                           const char  *member);
JsonArray  *_flink_json_get_array         (JsonObject  *object,
                                           const char  *member);
const char *_flink_json_require_string    (JsonObject  *object,
                                           const char  *member,
                                           GError     **error);
void        _flink_json_read_task_counts  (JsonObject  *tasks,
                                           guint       *counts,
                                           guint        n_counts);

/* Decoders: each builds an immutable record from one JSON object as a real
 * cluster sends it, or fails with FLINK_ERROR_PROTOCOL_ERROR. */
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
gboolean              _flink_job_resource_requirements_check (FlinkJobResourceRequirements  *self,
                                                              GError                       **error);
JsonNode             *_flink_job_resource_requirements_to_json (FlinkJobResourceRequirements *self);
JsonNode             *_flink_run_options_to_json            (FlinkRunOptions *options,
                                                             guint            flink_major,
                                                             guint            flink_minor);

/* Configuration files (flink-config.c): Flink's config.yaml (nested or flat
 * keys) and legacy flink-conf.yaml, flattened to "a.b.c" -> scalar text. */
GHashTable *_flink_config_load             (const char  *path,
                                            char       **out_file,
                                            GError     **error);
GHashTable *_flink_config_parse            (const char  *text,
                                            gssize       length,
                                            const char  *file_name,
                                            GError     **error);
char       *_flink_config_to_url           (GHashTable  *config,
                                            const char  *file_name,
                                            GError     **error);

/* How to talk to a cluster (flink-connection.c): what a descriptor holds and
 * a cluster client copies when it is retrieved. */
#define FLINK_RETRY_MAX_DELAY_MS 5000

typedef struct {
  GPtrArray *endpoints;          /* GUri, at least one; userinfo kept */
  guint timeout;                 /* seconds per request, 0 for none */
  char *user_agent;
  guint retry_max_attempts;      /* attempts per request; 1: no retries */
  guint retry_delay;             /* ms before the first retry; doubles */
  char *bearer_token;
  SoupMessageHeaders *headers;   /* extra request headers */
  char *tls_ca_file;
  GTlsDatabase *tls_database;    /* NULL: the system's */
  GTlsCertificate *tls_certificate;
} FlinkConnectionSettings;

FlinkConnectionSettings *_flink_connection_settings_new  (void);
FlinkConnectionSettings *_flink_connection_settings_copy (const FlinkConnectionSettings *settings);
void                     _flink_connection_settings_free (FlinkConnectionSettings       *settings);
char                    *_flink_endpoint_to_display      (GUri                          *endpoint);
GUri                    *_flink_endpoint_parse           (const char                    *url,
                                                          GError                       **error);
gboolean                 _flink_connection_settings_add_environment_headers (FlinkConnectionSettings  *settings,
                                                                             GError                  **error);
gboolean                 _flink_connection_settings_apply_config (FlinkConnectionSettings  *settings,
                                                                  GHashTable               *config,
                                                                  const char               *file_name,
                                                                  GError                  **error);
gboolean                 _flink_parse_duration_ms        (const char                    *text,
                                                          guint64                       *out_ms);

/* The cluster client's transport (flink-cluster-client.c). */
FlinkClusterClient *_flink_cluster_client_new (FlinkConnectionSettings *settings);
void      _flink_cluster_client_set_config    (FlinkClusterClient *self,
                                               JsonObject         *config);
gboolean  _flink_cluster_client_version_at_least (FlinkClusterClient *self,
                                                  guint               major,
                                                  guint               minor);

/* Like _flink_cluster_client_request_async(), saying whether the request
 * may be sent again when it is unknown whether the cluster received it
 * (IDEMPOTENT: GET, PUT and PATCH requests are; POST and DELETE only when
 * asked), or must not be retried at all (ONCE: a watcher's poll, which
 * reports an unreachable cluster at once and polls again anyway). */
typedef enum {
  FLINK_REQUEST_DEFAULT = 0,
  FLINK_REQUEST_IDEMPOTENT = 1 << 0,
  FLINK_REQUEST_ONCE = 1 << 1,
  /* A watcher's poll: queued behind what a person asked for */
  FLINK_REQUEST_BACKGROUND = 1 << 2,
  /* A CONFLICT answer to a retry after an attempt that may have reached
   * the cluster means that attempt did the work (a run with our job id):
   * the request finishes with an empty object. */
  FLINK_REQUEST_DUPLICATE_IS_DONE = 1 << 3,
} FlinkRequestFlags;

/* A poll interval with ±10% jitter, so that watchers that changed together
 * do not stay in step. */
guint     _flink_jitter (guint milliseconds);

void      _flink_cluster_client_request_full_async (FlinkClusterClient   *self,
                                                    const char           *method,
                                                    const char           *path,
                                                    const char           *query,
                                                    JsonNode             *body,
                                                    SoupMultipart        *multipart,
                                                    FlinkRequestFlags     flags,
                                                    const char           *context,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
void      _flink_cluster_client_request_async  (FlinkClusterClient   *self,
                                                const char           *method,
                                                const char           *path,
                                                const char           *query,
                                                JsonNode             *body,
                                                SoupMultipart        *multipart,
                                                const char           *context,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
JsonNode *_flink_cluster_client_request_finish (FlinkClusterClient   *self,
                                                GAsyncResult         *result,
                                                GError              **error);

/* Shared GTask plumbing (flink-cluster-client.c). */
char       *_flink_context_printf              (const char *format,
                                                ...) G_GNUC_PRINTF (1, 2);
GTask      *_flink_task_new                    (gpointer             source_object,
                                                gpointer             source_tag,
                                                const char          *name,
                                                char                *context,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
JsonObject *_flink_task_take_response_object   (GTask               *task,
                                                GAsyncResult        *result,
                                                JsonNode           **out_root,
                                                const char          *context);
void        _flink_task_return_decoding_error  (GTask               *task,
                                                GError              *error,
                                                const char          *context);
/* One of the decoders above, as a request callback uses it. */
typedef gpointer (*FlinkDecoder) (JsonObject *object,
                                  GError    **error);
/* Answers @task, whose data is its context, with the finished request's
 * response decoded by @decode, or with the error. */
void        _flink_task_return_decoded         (GTask               *task,
                                                GAsyncResult        *result,
                                                FlinkDecoder         decode);

/* Asynchronous operations on the cluster (flink-operation.c): polls
 * @status_path until {"status": {"id": "COMPLETED"}} and returns the whole
 * completed response. */
void      _flink_cluster_client_await_completion_async  (FlinkClusterClient   *self,
                                                         const char           *status_path,
                                                         const char           *context,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
JsonObject *_flink_cluster_client_await_completion_finish (FlinkClusterClient   *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
char     *_flink_operation_get_savepoint_location (JsonObject  *completed,
                                                   const char  *context,
                                                   GError     **error);
/* Waits for a savepoint or stop through its handle; when the cluster no
 * longer knows the trigger, recovers the location from the job's
 * checkpoint statistics. Finish with g_task_propagate_pointer(). */
void      _flink_cluster_client_await_savepoint_async (FlinkClusterClient   *self,
                                                       FlinkOperationHandle *handle,
                                                       const char           *context,
                                                       gpointer              source_tag,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
/* Takes @task: after @milliseconds, @then continues with it; if the task's
 * cancellable fires first, the task returns G_IO_ERROR_CANCELLED instead. */
typedef void (*FlinkTaskStep) (GTask *task);
void      _flink_task_sleep_then (GTask         *task,
                                  guint          milliseconds,
                                  FlinkTaskStep  then);
void      _flink_sleep_async  (guint                milliseconds,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
gboolean  _flink_sleep_finish (GAsyncResult        *result,
                               GError             **error);

/* Operation handles (flink-operation-handle.c). */
FlinkOperationHandle *_flink_operation_handle_new (FlinkOperationKind  kind,
                                                   const char         *job_id,
                                                   const char         *trigger_id,
                                                   gint64              start_time,
                                                   const char         *directory);

/* Job clients (flink-job-client.c). */
FlinkJobClient *_flink_job_client_new (FlinkClusterClient *cluster_client,
                                       const char         *job_id);

G_END_DECLS
