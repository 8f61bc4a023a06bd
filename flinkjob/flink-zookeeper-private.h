/* flink-zookeeper-private.h: ZooKeeper's C client through GLib's main loop
 *
 * Built only with the zookeeper feature (FLINKJOB_HAVE_ZOOKEEPER).
 *
 * libzookeeper_mt runs its own I/O and completion threads and calls its
 * watchers and completions there. A FlinkZkClient turns all of that into
 * events delivered, one by one, in the thread-default main context of the
 * thread that made it; the calls that block (zookeeper_init resolves host
 * names, zookeeper_close waits up to 4.5 s for the server) run in worker
 * threads. After _flink_zk_client_close() no event is delivered any more.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

typedef struct _FlinkZkClient FlinkZkClient;

typedef enum {
  FLINK_ZK_EVENT_CONNECTED,    /* connected to a server (again) */
  FLINK_ZK_EVENT_CONNECTING,   /* lost the server; libzookeeper reconnects */
  FLINK_ZK_EVENT_EXPIRED,      /* the session expired: this client is done */
  FLINK_ZK_EVENT_AUTH_FAILED,  /* the server refused the client's credentials */
  FLINK_ZK_EVENT_INIT_FAILED,  /* zookeeper_init failed (see the message) */
  FLINK_ZK_EVENT_WATCH,        /* a watched node was created, changed or deleted */
  FLINK_ZK_EVENT_READ,         /* a read finished (see the rc, the data) */
} FlinkZkEventType;

typedef struct {
  FlinkZkEventType type;
  const char *path;            /* WATCH, READ: the node */
  guint read_id;               /* READ: what _flink_zk_client_read() returned */
  int rc;                      /* READ: ZOK, ZNONODE (no node) or an error */
  GBytes *data;                /* READ with ZOK: the node's bytes */
  const char *message;         /* INIT_FAILED: why */
} FlinkZkEvent;

typedef void (*FlinkZkEventFunc) (const FlinkZkEvent *event,
                                  gpointer            user_data);

/* Starts connecting to @quorum (a ZooKeeper connect string: host:port,...
 * with an optional /chroot). @func gets every event in the caller's
 * thread-default main context until _flink_zk_client_close(). */
FlinkZkClient *_flink_zk_client_new   (const char       *quorum,
                                       guint             session_timeout_ms,
                                       FlinkZkEventFunc  func,
                                       gpointer          user_data);
/* Stops delivering events and closes the session (in a worker thread). */
void           _flink_zk_client_close (FlinkZkClient    *client);
/* Reads @path and leaves a watch on it that also fires when a node that
 * does not exist yet is created; returns the id of the READ event that
 * carries the result. */
guint          _flink_zk_client_read  (FlinkZkClient    *client,
                                       const char       *path);
/* A ZooKeeper return code as words ("connection loss"). */
const char    *_flink_zk_strerror     (int               rc);

/* clang-format on */

G_END_DECLS
