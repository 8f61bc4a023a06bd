/* flink-transport-private.h: talking HTTP to one Flink cluster
 *
 * The transport is the one part of flinkjob that sends HTTP: it builds each
 * request from a FlinkRequest, adds credentials and headers, sends it to
 * the endpoint in use, retries what is safe to retry, fails over between
 * endpoints, and turns whatever happened into a FlinkResponse or a
 * FLINK_ERROR. Operations (cluster client, job client, watchers) only
 * describe requests and decode responses.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "flink-connection-private.h"
#include "flink-decoders-private.h"

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

#define FLINK_TYPE_TRANSPORT (_flink_transport_get_type ())
G_DECLARE_FINAL_TYPE (FlinkTransport, _flink_transport, FLINK, TRANSPORT, GObject)

/* When a request may be sent again after a failure. Whatever the class, a
 * request that cannot have reached the cluster (the connection could not
 * be made, HTTP 502 or 503) is sent again, except FLINK_RETRY_NEVER. */
typedef enum {
  /* By method: GET, PUT and PATCH are idempotent, POST and DELETE not. */
  FLINK_RETRY_BY_METHOD = 0,
  /* May be sent again even when the cluster may have acted on it (a
   * dropped connection, HTTP 504): a read, a cancel, a trigger carrying
   * our trigger id, a run carrying our job id. */
  FLINK_RETRY_IDEMPOTENT,
  /* Sent again only when it cannot have reached the cluster. */
  FLINK_RETRY_IF_NOT_SENT,
  /* One attempt: a watcher's poll, which reports an unreachable cluster
   * at once and polls again anyway. */
  FLINK_RETRY_NEVER,
} FlinkRetry;

typedef enum {
  FLINK_REQUEST_DEFAULT = 0,
  /* Queued behind what a person asked for: a watcher's poll. */
  FLINK_REQUEST_BACKGROUND = 1 << 0,
  /* HTTP 409 to a retry after an attempt that may have reached the
   * cluster means that attempt did the work (a run with our job id): the
   * response is FLINK_RESPONSE_DONE_EARLIER. */
  FLINK_REQUEST_DUPLICATE_IS_DONE = 1 << 1,
} FlinkRequestFlags;

/* A file sent as multipart/form-data, read as it is sent. */
typedef struct {
  GFile *file;
  goffset size;                  /* as the file's info said */
  const char *field;             /* the form field, such as "jarfile" */
  const char *filename;          /* the name the cluster sees */
  const char *content_type;
} FlinkUpload;

/* What to send; the transport copies what it needs. */
typedef struct {
  const char *method;
  const char *path;              /* below the endpoint, escaped, starting with '/' */
  const char *query;             /* escaped, without '?'; NULL for none */
  JsonNode *body;                /* NULL for none */
  const FlinkUpload *upload;     /* instead of @body */
  FlinkRetry retry;
  FlinkRequestFlags flags;
  const char *context;           /* what is being done, for messages */
} FlinkRequest;

typedef enum {
  /* The cluster answered with success. */
  FLINK_RESPONSE_ANSWERED,
  /* The cluster refused a retry as a duplicate of an earlier attempt whose
   * answer was lost: that attempt did the work, and its answer is gone. */
  FLINK_RESPONSE_DONE_EARLIER,
} FlinkResponseKind;

/* How a request ended, when it did not fail. */
typedef struct {
  FlinkResponseKind kind;
  guint status;                  /* HTTP status of the last answer */
  JsonNode *root;                /* ANSWERED: the JSON; an empty object for no body */
  char *context;                 /* the request's, for messages */
} FlinkResponse;

void _flink_response_free (FlinkResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlinkResponse, _flink_response_free)

/* The response's JSON object, or NULL with PROTOCOL_ERROR in context. */
JsonObject     *_flink_response_get_object (FlinkResponse  *response,
                                            GError        **error);

FlinkTransport *_flink_transport_new       (FlinkConnectionSettings *settings);
/* The endpoint in use, for people (no credentials); notify::url when a
 * failover moves to another. */
const char     *_flink_transport_get_url   (FlinkTransport          *self);

void            _flink_transport_send_async  (FlinkTransport       *self,
                                              const FlinkRequest   *request,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
FlinkResponse  *_flink_transport_send_finish (FlinkTransport       *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* flink-probe.c: whether what answers at @uri's host and port speaks plain
 * HTTP, after a TLS handshake with it failed. */
void            _flink_probe_plain_http_async  (GUri                *uri,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean        _flink_probe_plain_http_finish (GAsyncResult        *result);

/* For operations' callbacks, @result being a finished send: */

/* The response's object, or NULL with @task answered with the error;
 * @out_response keeps the object alive. */
JsonObject     *_flink_task_take_response_object (GTask          *task,
                                                  GAsyncResult   *result,
                                                  FlinkResponse **out_response);
/* Answers @task with the response decoded by @decode (a GObject), or with
 * the error. */
void            _flink_task_return_decoded       (GTask          *task,
                                                  GAsyncResult   *result,
                                                  FlinkDecoder    decode);
/* Answers @task with TRUE once the request succeeded, or with the error. */
void            _flink_task_return_sent          (GTask          *task,
                                                  GAsyncResult   *result);

/* clang-format on */

G_END_DECLS
