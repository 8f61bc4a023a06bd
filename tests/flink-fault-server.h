/* flink-fault-server.h: an in-process HTTP server that misbehaves on purpose
 *
 * For what a real cluster cannot be made to do. A test starts a server with
 * the handler of its scenario, points flinkjob at its URL, and frees it:
 *
 *   static void
 *   garbage_handler (FlinkFaultServer  *server,
 *                    SoupServerMessage *msg,
 *                    const char        *path,
 *                    gpointer           user_data)
 *   {
 *     flink_fault_respond (msg, 200, "\x01 not JSON {{{");
 *   }
 *
 *   g_autoptr(FlinkFaultServer) server = flink_fault_server_new (garbage_handler, NULL);
 *   ... flink_cluster_descriptor_new_for_url (flink_fault_server_get_url (server), ...)
 *
 * The server answers GET /config itself, as a Flink of
 * FLINK_FAULT_FLINK_VERSION (flink_fault_server_set_config() changes the
 * answer; NULL hands /config to the handler too), so that a cluster client
 * can be retrieved; every other request goes to the handler, which answers
 * it (flink_fault_respond), holds it unanswered (flink_fault_hold), drops
 * its connection (flink_fault_drop) or drives the SoupServerMessage itself
 * (pause, chunks, redirects: the hostile scenarios).
 *
 * A raw server (flink_fault_server_new_raw) hands each accepted TCP
 * connection to its handler instead, for what is not HTTP at all: a
 * connection closed at once, a status line that never ends.
 *
 * A server runs on the thread-default main context of its creator, or, made
 * with flink_fault_server_new_in_thread(), on a thread of its own, for a
 * test whose main thread blocks (a subprocess); its handler then runs on
 * that thread.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define FLINK_FAULT_FLINK_VERSION "2.3.0"

typedef struct _FlinkFaultServer FlinkFaultServer;

/* A fixed answer: an HTTP status and a JSON body. */
typedef struct {
  guint status;
  const char *body;
} FlinkFaultAnswer;

/* Handles one request (a request for /config only when the server does not
 * answer it itself). @path is the request's path. */
typedef void (*FlinkFaultHandler)    (FlinkFaultServer  *server,
                                      SoupServerMessage *msg,
                                      const char        *path,
                                      gpointer           user_data);
/* Handles one accepted connection of a raw server; the server closes it
 * when it stops, if the handler did not. */
typedef void (*FlinkFaultRawHandler) (FlinkFaultServer  *server,
                                      GSocketConnection *connection,
                                      gpointer           user_data);

FlinkFaultServer *flink_fault_server_new           (FlinkFaultHandler     handler,
                                                    gpointer              user_data);
/* Answers every request with @answer, which must outlive the server. */
FlinkFaultServer *flink_fault_server_new_answering (const FlinkFaultAnswer *answer);
FlinkFaultServer *flink_fault_server_new_in_thread (FlinkFaultHandler     handler,
                                                    gpointer              user_data);
FlinkFaultServer *flink_fault_server_new_raw       (FlinkFaultRawHandler  handler,
                                                    gpointer              user_data);
/* Answers what is held, stops listening, closes every connection and frees
 * the server (joining its thread). */
void        flink_fault_server_free                (FlinkFaultServer     *server);

/* http://127.0.0.1:PORT, without a trailing slash. */
const char *flink_fault_server_get_url             (FlinkFaultServer     *server);
/* The same URL with user:password@ in it. */
char       *flink_fault_server_get_url_with_userinfo (FlinkFaultServer   *server,
                                                      const char         *userinfo);
/* Requests the handler was given (connections, for a raw server). */
guint       flink_fault_server_get_requests        (FlinkFaultServer     *server);
/* A header of the last request the server got (/config included), or NULL. */
char       *flink_fault_server_dup_last_header     (FlinkFaultServer     *server,
                                                    const char           *name);

/* The body of the answer to GET /config (NULL: the handler answers it). */
void        flink_fault_server_set_config          (FlinkFaultServer     *server,
                                                    const char           *body);
/* Another handler from the next request on: a cluster that goes away and
 * comes back. */
void        flink_fault_server_set_handler         (FlinkFaultServer     *server,
                                                    FlinkFaultHandler     handler,
                                                    gpointer              user_data);
/* Stops listening and closes every connection: the cluster is gone. */
void        flink_fault_server_disconnect          (FlinkFaultServer     *server);

/* Answers with @status and a JSON @body. */
void        flink_fault_respond                    (SoupServerMessage    *msg,
                                                    guint                 status,
                                                    const char           *body);
/* Never answers: the request waits until the server stops. */
void        flink_fault_hold                       (FlinkFaultServer     *server,
                                                    SoupServerMessage    *msg);
/* Closes the connection instead of answering: the request arrived, its
 * answer is lost. */
void        flink_fault_drop                       (SoupServerMessage    *msg);

/* Common scenarios. */
/* Answers every request with the FlinkFaultAnswer @user_data points to. */
void        flink_fault_answer_handler             (FlinkFaultServer     *server,
                                                    SoupServerMessage    *msg,
                                                    const char           *path,
                                                    gpointer              user_data);
/* Holds every request unanswered. */
void        flink_fault_hang_handler               (FlinkFaultServer     *server,
                                                    SoupServerMessage    *msg,
                                                    const char           *path,
                                                    gpointer              user_data);
/* Drops the connection of every request. */
void        flink_fault_drop_handler               (FlinkFaultServer     *server,
                                                    SoupServerMessage    *msg,
                                                    const char           *path,
                                                    gpointer              user_data);
/* Raw: closes every connection as soon as it is accepted. */
void        flink_fault_close_handler              (FlinkFaultServer     *server,
                                                    GSocketConnection    *connection,
                                                    gpointer              user_data);

/* An http:// URL where nothing listens (a port that was free a moment
 * ago). */
char       *flink_fault_unused_url                 (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlinkFaultServer, flink_fault_server_free)

G_END_DECLS
