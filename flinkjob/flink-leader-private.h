/* flink-leader-private.h: finding the REST leader of a Flink HA cluster
 *
 * With high-availability.type: zookeeper, Flink's JobManagers elect a leader
 * in ZooKeeper and the leader's REST endpoint publishes its URL there; Flink's
 * own clients read it from there and follow it when leadership moves. This
 * is flinkjob's side of that: the HA part of a configuration, the record the
 * leader writes, and FlinkLeaderRetrieval, which follows the record.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

/* ---- The HA part of a configuration (flink-leader.c) -------------------- */

typedef enum {
  FLINK_HA_MODE_NONE,       /* no HA: rest.address names the JobManager */
  FLINK_HA_MODE_ZOOKEEPER,  /* ZooKeeper HA: the leader is in ZooKeeper */
  FLINK_HA_MODE_OTHER,      /* Kubernetes HA, or a factory class name */
} FlinkHaMode;

/* high-availability.type, or its deprecated names recovery.mode and
 * high-availability, as Flink's HighAvailabilityMode.fromConfig() reads
 * them. @out_value: the value as written, NULL for none. */
FlinkHaMode _flink_config_get_ha_mode (GHashTable  *config,
                                       const char **out_value);

/* What FlinkLeaderRetrieval needs from a configuration with ZooKeeper HA,
 * with Flink's defaults for what it does not set. */
typedef struct {
  char *quorum;                  /* high-availability.zookeeper.quorum, no spaces */
  char *root;                    /* .zookeeper.path.root, as written (default /flink) */
  char *cluster_id;              /* high-availability.cluster-id, as written (default /default) */
  char *leader_path;             /* <root>/<cluster-id>/leader/rest_server/connection_info */
  guint session_timeout_ms;      /* .zookeeper.client.session-timeout (60 s) */
  guint connection_timeout_ms;   /* .zookeeper.client.connection-timeout (15 s) */
  guint retry_wait_ms;           /* .zookeeper.client.retry-wait (5 s) */
  guint max_retry_wait_ms;       /* .zookeeper.client.max-retry-wait (60 s, Flink 2.x) */
  guint max_retry_attempts;      /* .zookeeper.client.max-retry-attempts (3) */
  gboolean tolerate_suspended;   /* .zookeeper.client.tolerate-suspended-connections */
  gboolean ssl;                  /* security.ssl.rest.enabled */
  char *file_name;               /* the configuration file, for messages */
} FlinkLeaderSettings;

/* Reads the settings of a configuration with ZooKeeper HA (and fails with
 * FLINK_ERROR_INVALID_ARGUMENT naming the key and @file_name when it has no
 * quorum, a malformed duration, or another HA mode). */
FlinkLeaderSettings *_flink_leader_settings_new_from_config (GHashTable   *config,
                                                             const char   *file_name,
                                                             GError      **error);
void                 _flink_leader_settings_free            (FlinkLeaderSettings *settings);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlinkLeaderSettings, _flink_leader_settings_free)

/* How long a caller waits for a quorum that cannot be reached before the
 * retrieval gives up, as Curator would for one operation: max-retry-attempts
 * + 1 connection timeouts with retry-wait (doubling, at most max-retry-wait)
 * between them. */
guint64 _flink_leader_settings_get_give_up_ms (const FlinkLeaderSettings *settings);

/* A ZooKeeper path "/a/b/c" from @parts, each trimmed of slashes, empty ones
 * left out (Flink's ZooKeeperUtils.generateZookeeperPath). */
char *_flink_zookeeper_path (const char * const *parts);

/* ---- The leader record (flink-leader.c) --------------------------------- */

/* Decodes the bytes of the leader's connection_info node as Flink writes
 * them (ZooKeeperUtils.writeLeaderInformationToZooKeeper: a Java
 * ObjectOutputStream with writeUTF(address), then writeObject(UUID leader
 * session id)). Empty data is Flink's "no leader": TRUE with NULL out
 * values. Anything else fails with FLINK_ERROR_PROTOCOL_ERROR saying what
 * was found where. @out_session_id: the UUID as Java prints it. */
gboolean _flink_leader_record_decode (const guint8  *data,
                                      gsize          length,
                                      char         **out_address,
                                      char         **out_session_id,
                                      GError       **error);

/* The REST URL of a leader address: the address itself when it is a URL
 * (Flink's RestServerEndpoint publishes http://host:port or https://...),
 * else http:// or https:// (per @ssl) before host:port. */
char *_flink_leader_address_to_url (const char  *address,
                                    gboolean     ssl,
                                    GError     **error);

/* ---- FlinkLeaderRetrieval (flink-leader-retrieval.c) -------------------- */

typedef enum {
  FLINK_LEADER_STATE_CONNECTING,   /* no connection to ZooKeeper made yet */
  FLINK_LEADER_STATE_CONNECTED,    /* following the leader's node */
  FLINK_LEADER_STATE_SUSPENDED,    /* lost ZooKeeper; reconnecting */
  FLINK_LEADER_STATE_UNREACHABLE,  /* no ZooKeeper for longer than Flink's client tries */
  FLINK_LEADER_STATE_FAILED,       /* cannot go on (see get_error) */
} FlinkLeaderState;

GType _flink_leader_state_get_type (void) G_GNUC_CONST;
#define FLINK_TYPE_LEADER_STATE (_flink_leader_state_get_type ())

#define FLINK_TYPE_LEADER_RETRIEVAL (_flink_leader_retrieval_get_type ())
G_DECLARE_FINAL_TYPE (FlinkLeaderRetrieval, _flink_leader_retrieval, FLINK, LEADER_RETRIEVAL, GObject)

/* Starts following the REST leader of the Flink cluster that @config
 * (flattened, as _flink_config_load() returns it) describes with ZooKeeper
 * HA; never blocks. Fails with FLINK_ERROR_INVALID_ARGUMENT for a
 * configuration without ZooKeeper HA or with a bad value, and with
 * FLINK_ERROR_NOT_SUPPORTED when flinkjob was built without ZooKeeper. The
 * object reports in the thread-default main context of the caller. */
FlinkLeaderRetrieval *_flink_leader_retrieval_new_from_config (GHashTable   *config,
                                                               const char   *file_name,
                                                               GError      **error);

/* The REST URL of the current leader (http://host:port or https://...), or
 * NULL while none is known: before the first read, during an election, after
 * the connection to ZooKeeper was lost (unless
 * tolerate-suspended-connections, then after the session is lost). */
const char       *_flink_leader_retrieval_get_leader_url        (FlinkLeaderRetrieval *self);
/* The leader session id (a UUID) that goes with it. */
const char       *_flink_leader_retrieval_get_leader_session_id (FlinkLeaderRetrieval *self);
FlinkLeaderState  _flink_leader_retrieval_get_state             (FlinkLeaderRetrieval *self);
/* Why no leader can be found right now (quorum unreachable, record that
 * cannot be decoded, refused by ZooKeeper), or NULL. */
const GError     *_flink_leader_retrieval_get_error             (FlinkLeaderRetrieval *self);
const FlinkLeaderSettings *_flink_leader_retrieval_get_settings (FlinkLeaderRetrieval *self);

/* Finishes with the leader's URL as soon as one is known (at once when one
 * is), or fails: FLINK_ERROR_CONNECTION_FAILED when ZooKeeper cannot be
 * reached (within @timeout_ms, or for longer than
 * _flink_leader_settings_get_give_up_ms()), FLINK_ERROR_UNAVAILABLE when no
 * leader is published within @timeout_ms, FLINK_ERROR_PROTOCOL_ERROR for a
 * record that cannot be decoded; each message names the quorum and the
 * cluster id. */
void  _flink_leader_retrieval_wait_for_leader_async  (FlinkLeaderRetrieval  *self,
                                                      guint                  timeout_ms,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
/* The same, but a leader whose session id is @stale_session_id (one found
 * not to answer) does not count: it finishes once another is published.
 * Finish with _flink_leader_retrieval_wait_for_leader_finish(). */
void  _flink_leader_retrieval_wait_for_new_leader_async (FlinkLeaderRetrieval  *self,
                                                         const char            *stale_session_id,
                                                         guint                  timeout_ms,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
char *_flink_leader_retrieval_wait_for_leader_finish (FlinkLeaderRetrieval  *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);

/* Signals:
 *   "leader-changed" (FlinkLeaderRetrieval *self, const char *url,
 *                     gpointer user_data)
 *     the leader's URL or its session id changed; @url is NULL when no
 *     leader is known any more (then a new one is being elected, or
 *     ZooKeeper was lost).
 * Properties (read-only, with notify): "leader-url", "state". */

/* clang-format on */

G_END_DECLS
