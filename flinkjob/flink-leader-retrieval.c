/* flink-leader-retrieval.c: following the REST leader of a Flink HA cluster
 *
 * What Flink's ZooKeeperLeaderRetrievalDriver does for Flink's own clients:
 * watch <root>/<cluster-id>/leader/rest_server/connection_info, decode the
 * leader's URL from it, and tell when it changes. Without the zookeeper
 * feature the type still exists (so that callers need no #if), but
 * _flink_leader_retrieval_new_from_config() answers NOT_SUPPORTED.
 *
 * Connection policy, as Flink's (ZooKeeperUtils.
 * createLeaderRetrievalDriverFactory): the leader is forgotten as soon as
 * the connection to ZooKeeper is lost, or, with
 * high-availability.zookeeper.client.tolerate-suspended-connections, only
 * once the session is lost. libzookeeper reconnects by itself; a session
 * that expired is replaced after retry-wait (doubling, at most
 * max-retry-wait).
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flink-leader-private.h"
#include "flinkjob.h"
#include "flink-config-private.h"
#include "flink-connection-private.h"

#if FLINKJOB_HAVE_ZOOKEEPER
#include <zookeeper/zookeeper.h>
#include "flink-zookeeper-private.h"
#include "flink-i18n-private.h"
#endif

struct _FlinkLeaderRetrieval
{
  GObject parent_instance;

  GHashTable          *config;
  char                *file_name;
  FlinkLeaderSettings *settings;
  GMainContext        *context;

  FlinkLeaderState state;
  char            *leader_url;
  char            *leader_session_id;
  GError          *error;              /* why no leader can be found now */
  gboolean         node_exists;        /* the last read found the node */
  gint64           disconnected_since; /* monotonic µs, 0 while connected */

#if FLINKJOB_HAVE_ZOOKEEPER
  FlinkZkClient *zk;
#endif
  guint    read_id;
  guint    sessions_lost;
  GSource *give_up_source;
  GSource *lost_source;
  GSource *reconnect_source;
  GQueue   waiters; /* GTask */
};

static void flink_leader_retrieval_initable_iface_init (GInitableIface *iface);

/* clang-format off */
G_DEFINE_FINAL_TYPE_WITH_CODE (FlinkLeaderRetrieval, _flink_leader_retrieval, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      flink_leader_retrieval_initable_iface_init))

G_DEFINE_ENUM_TYPE (FlinkLeaderState, _flink_leader_state,
                    G_DEFINE_ENUM_VALUE (FLINK_LEADER_STATE_CONNECTING, "connecting"),
                    G_DEFINE_ENUM_VALUE (FLINK_LEADER_STATE_CONNECTED, "connected"),
                    G_DEFINE_ENUM_VALUE (FLINK_LEADER_STATE_SUSPENDED, "suspended"),
                    G_DEFINE_ENUM_VALUE (FLINK_LEADER_STATE_UNREACHABLE, "unreachable"),
                    G_DEFINE_ENUM_VALUE (FLINK_LEADER_STATE_FAILED, "failed"))
/* clang-format on */

enum
{
  PROP_0,
  PROP_CONFIG,
  PROP_FILE_NAME,
  PROP_LEADER_URL,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_LEADER_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- State -------------------------------------------------------------- */

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static const char *
cluster_name (FlinkLeaderRetrieval *self)
{
  return self->settings->cluster_id;
}

/* A caller of wait_for_leader_async() waiting in self->waiters. */
typedef struct
{
  FlinkLeaderRetrieval *self; /* the task holds a reference */
  GTask                *task; /* not a reference */
  guint                 timeout_ms;
  char                 *stale_session_id; /* a leader that does not answer any more */
  GSource              *timeout_source;
  GSource              *cancel_source;
} Waiter;

static void
waiter_free (Waiter *waiter)
{
  g_free (waiter->stale_session_id);
  clear_source (&waiter->timeout_source);
  clear_source (&waiter->cancel_source);
  g_free (waiter);
}

/* Answers a waiter taken out of self->waiters with @url or (taken)
 * @error. */
static void
waiter_return (GTask      *task,
               const char *url,
               GError     *error)
{
  Waiter *waiter = g_task_get_task_data (task);

  clear_source (&waiter->timeout_source);
  clear_source (&waiter->cancel_source);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_strdup (url), g_free);
  g_object_unref (task);
}

/* Takes @error. */
static void
waiter_fail (Waiter *waiter,
             GError *error)
{
  if (!g_queue_remove (&waiter->self->waiters, waiter->task))
    {
      g_error_free (error);
      return;
    }
  waiter_return (waiter->task, NULL, error);
}

/* Takes @error; answers every waiter with a copy. */
static void
fail_waiters (FlinkLeaderRetrieval *self,
              GError               *error)
{
  GTask *task;

  while ((task = g_queue_pop_head (&self->waiters)) != NULL)
    waiter_return (task, NULL, g_error_copy (error));
  g_error_free (error);
}

static GError *
new_unreachable_error (FlinkLeaderRetrieval *self)
{
  gint64 since = self->disconnected_since;
  double seconds = since > 0 ? (g_get_monotonic_time () - since) / (double) G_USEC_PER_SEC : 0;

  return g_error_new (FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED,
                      _ ("Cannot reach ZooKeeper at %s (high-availability.zookeeper.quorum in %s) "
                         "to find the REST leader of Flink cluster “%s”: no connection for %.1f s"),
                      self->settings->quorum, self->settings->file_name, cluster_name (self),
                      seconds);
}

static GError *
new_no_leader_error (FlinkLeaderRetrieval *self,
                     guint                 timeout_ms)
{
  if (self->error != NULL)
    return g_error_copy (self->error);
  if (self->state != FLINK_LEADER_STATE_CONNECTED)
    return new_unreachable_error (self);
  if (self->leader_url != NULL)
    /* The one that is there was found not to answer. */
    return g_error_new (FLINK_ERROR, FLINK_ERROR_UNAVAILABLE,
                        _ ("The REST leader of Flink cluster “%s”, %s, does not answer, and "
                           "ZooKeeper %s names no other after %.1f s (a JobManager that died "
                           "leaves its record until its ZooKeeper session expires, "
                           "high-availability.zookeeper.client.session-timeout)"),
                        cluster_name (self), self->leader_url, self->settings->quorum,
                        timeout_ms / 1000.0);
  if (self->node_exists)
    return g_error_new (FLINK_ERROR, FLINK_ERROR_UNAVAILABLE,
                        _ ("Flink cluster “%s” has no REST leader in ZooKeeper %s after %.1f s: "
                           "%s is empty while its JobManagers elect one"),
                        cluster_name (self), self->settings->quorum, timeout_ms / 1000.0,
                        self->settings->leader_path);
  return g_error_new (FLINK_ERROR, FLINK_ERROR_UNAVAILABLE,
                      _ ("Flink cluster “%s” has no REST leader in ZooKeeper %s after %.1f s: "
                         "nothing at %s. Do high-availability.cluster-id and "
                         "high-availability.zookeeper.path.root in %s name a running cluster?"),
                      cluster_name (self), self->settings->quorum, timeout_ms / 1000.0,
                      self->settings->leader_path, self->settings->file_name);
}

/* ---- Connection --------------------------------------------------------- */

#if FLINKJOB_HAVE_ZOOKEEPER

static GSource *
add_timeout (FlinkLeaderRetrieval *self,
             guint64               milliseconds,
             const char           *name,
             GSourceFunc           func)
{
  GSource *source = g_timeout_source_new ((guint) MIN (milliseconds, (guint64) G_MAXUINT));

  g_source_set_name (source, name);
  g_source_set_callback (source, func, self, NULL);
  g_source_attach (source, self->context);
  return source;
}

static void
set_state (FlinkLeaderRetrieval *self,
           FlinkLeaderState      state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* A problem that stays until something changes in ZooKeeper: fails every
 * waiter at once. Takes @error. */
static void
set_error (FlinkLeaderRetrieval *self,
           GError               *error)
{
  g_clear_error (&self->error);
  self->error = error;
  g_debug ("%s", error->message);
  fail_waiters (self, g_error_copy (error));
}

static void
set_leader (FlinkLeaderRetrieval *self,
            const char           *url,
            const char           *session_id)
{
  GTask *task;

  if (g_strcmp0 (self->leader_url, url) == 0 &&
      g_strcmp0 (self->leader_session_id, session_id) == 0)
    return;

  g_free (self->leader_url);
  self->leader_url = g_strdup (url);
  g_free (self->leader_session_id);
  self->leader_session_id = g_strdup (session_id);
  if (url != NULL)
    g_debug ("The REST leader of Flink cluster “%s” is %s (session %s)",
             cluster_name (self), url, session_id);
  else
    g_debug ("Flink cluster “%s” has no known REST leader", cluster_name (self));

  g_object_ref (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEADER_URL]);
  g_signal_emit (self, signals[SIGNAL_LEADER_CHANGED], 0, url);
  if (self->leader_url != NULL)
    {
      GQueue waiting = self->waiters;

      /* Those waiting for another leader than a stale one stay. */
      g_queue_init (&self->waiters);
      while ((task = g_queue_pop_head (&waiting)) != NULL)
        {
          Waiter *waiter = g_task_get_task_data (task);

          if (g_strcmp0 (waiter->stale_session_id, self->leader_session_id) == 0)
            g_queue_push_tail (&self->waiters, task);
          else
            waiter_return (task, self->leader_url, NULL);
        }
    }
  g_object_unref (self);
}

static void zk_event_cb (const FlinkZkEvent *event,
                         gpointer            user_data);

static void
start_client (FlinkLeaderRetrieval *self)
{
  g_debug ("Connecting to ZooKeeper at %s for Flink cluster “%s”",
           self->settings->quorum, cluster_name (self));
  self->zk = _flink_zk_client_new (self->settings->quorum, self->settings->session_timeout_ms,
                                   zk_event_cb, self);
}

static void
stop_client (FlinkLeaderRetrieval *self)
{
  g_clear_pointer (&self->zk, _flink_zk_client_close);
}

static gboolean
give_up_cb (gpointer user_data)
{
  FlinkLeaderRetrieval *self = user_data;

  g_clear_pointer (&self->give_up_source, g_source_unref);
  set_state (self, FLINK_LEADER_STATE_UNREACHABLE);
  set_leader (self, NULL, NULL);
  set_error (self, new_unreachable_error (self));
  return G_SOURCE_REMOVE;
}

static gboolean
lost_cb (gpointer user_data)
{
  FlinkLeaderRetrieval *self = user_data;

  /* tolerate-suspended-connections: the session is as good as lost. */
  g_clear_pointer (&self->lost_source, g_source_unref);
  set_leader (self, NULL, NULL);
  return G_SOURCE_REMOVE;
}

/* The connection to ZooKeeper is gone (or was never made): start the
 * clocks of Flink's client. */
static void
disconnected (FlinkLeaderRetrieval *self)
{
  if (self->disconnected_since == 0)
    self->disconnected_since = g_get_monotonic_time ();
  if (self->state != FLINK_LEADER_STATE_UNREACHABLE && self->give_up_source == NULL)
    {
      gint64  elapsed_ms = (g_get_monotonic_time () - self->disconnected_since) / 1000;
      guint64 give_up_ms = _flink_leader_settings_get_give_up_ms (self->settings);
      guint64 left_ms = give_up_ms > (guint64) elapsed_ms ? give_up_ms - elapsed_ms : 0;

      self->give_up_source = add_timeout (self, left_ms, "[flinkjob] ZooKeeper unreachable",
                                          give_up_cb);
    }
  if (!self->settings->tolerate_suspended)
    set_leader (self, NULL, NULL);
  else if (self->lost_source == NULL && self->leader_url != NULL)
    self->lost_source = add_timeout (self, self->settings->session_timeout_ms,
                                     "[flinkjob] ZooKeeper session lost", lost_cb);
}

static gboolean
reconnect_cb (gpointer user_data)
{
  FlinkLeaderRetrieval *self = user_data;

  g_clear_pointer (&self->reconnect_source, g_source_unref);
  start_client (self);
  return G_SOURCE_REMOVE;
}

static void
read_leader (FlinkLeaderRetrieval *self)
{
  self->read_id = _flink_zk_client_read (self->zk, self->settings->leader_path);
}

static void
on_connected (FlinkLeaderRetrieval *self)
{
  g_debug ("Connected to ZooKeeper at %s", self->settings->quorum);
  self->disconnected_since = 0;
  self->sessions_lost = 0;
  clear_source (&self->give_up_source);
  clear_source (&self->lost_source);
  if (self->error != NULL && g_error_matches (self->error, FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED))
    g_clear_error (&self->error);
  set_state (self, FLINK_LEADER_STATE_CONNECTED);
  read_leader (self);
}

static void
on_session_expired (FlinkLeaderRetrieval *self)
{
  guint64 wait = self->settings->retry_wait_ms;

  g_debug ("The ZooKeeper session for Flink cluster “%s” expired; starting a new one",
           cluster_name (self));
  stop_client (self);
  if (self->state != FLINK_LEADER_STATE_UNREACHABLE)
    set_state (self, FLINK_LEADER_STATE_SUSPENDED);
  disconnected (self);
  set_leader (self, NULL, NULL);
  for (guint i = 0; i < self->sessions_lost && wait < self->settings->max_retry_wait_ms; i++)
    wait *= 2;
  self->sessions_lost++;
  self->reconnect_source = add_timeout (self, MIN (wait, self->settings->max_retry_wait_ms),
                                        "[flinkjob] ZooKeeper reconnect", reconnect_cb);
}

/* What cannot get better by waiting. Takes @error. */
static void
give_up (FlinkLeaderRetrieval *self,
         GError               *error)
{
  stop_client (self);
  clear_source (&self->give_up_source);
  clear_source (&self->lost_source);
  set_state (self, FLINK_LEADER_STATE_FAILED);
  set_leader (self, NULL, NULL);
  set_error (self, error);
}

static void
on_read (FlinkLeaderRetrieval *self,
         const FlinkZkEvent   *event)
{
  g_autofree char   *address = NULL;
  g_autofree char   *session_id = NULL;
  g_autofree char   *url = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize              length;
  const guint8      *data;

  if (event->read_id != self->read_id)
    return;
  if (event->rc == ZNONODE)
    {
      self->node_exists = FALSE;
      set_leader (self, NULL, NULL);
      return;
    }
  if (event->rc == ZNOAUTH)
    {
      give_up (self, g_error_new (FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED,
                                  _ ("ZooKeeper %s does not let flinkjob read %s, the REST leader of "
                                     "Flink cluster “%s”: with high-availability.zookeeper.client.acl: "
                                     "creator only a client with Flink's SASL (Kerberos) login may, "
                                     "and flinkjob does not log in"),
                                  self->settings->quorum, self->settings->leader_path,
                                  cluster_name (self)));
      return;
    }
  if (event->rc == ZBADARGUMENTS)
    {
      give_up (self, g_error_new (FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                                  _ ("%s is not a valid ZooKeeper path: check "
                                     "high-availability.zookeeper.path.root and "
                                     "high-availability.cluster-id in %s"),
                                  self->settings->leader_path, self->settings->file_name));
      return;
    }
  if (event->rc != ZOK)
    {
      /* Connection loss and the like: a session event follows, and the
       * node is read again on reconnection. */
      g_debug ("Reading %s from ZooKeeper %s: %s", self->settings->leader_path,
               self->settings->quorum, _flink_zk_strerror (event->rc));
      return;
    }

  self->node_exists = TRUE;
  data = g_bytes_get_data (event->data, &length);
  if (!_flink_leader_record_decode (data, length, &address, &session_id, &local_error) ||
      (address != NULL &&
       (url = _flink_leader_address_to_url (address, self->settings->ssl, &local_error)) == NULL))
    {
      set_leader (self, NULL, NULL);
      set_error (self, g_error_new (FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                                    _ ("Cannot decode the REST leader of Flink cluster “%s” that "
                                       "ZooKeeper %s holds at %s: %s"),
                                    cluster_name (self), self->settings->quorum,
                                    self->settings->leader_path, local_error->message));
      return;
    }
  if (self->error != NULL && g_error_matches (self->error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR))
    g_clear_error (&self->error);
  set_leader (self, url, session_id);
}

static void
zk_event_cb (const FlinkZkEvent *event,
             gpointer            user_data)
{
  FlinkLeaderRetrieval *self = user_data;

  switch (event->type)
    {
    case FLINK_ZK_EVENT_CONNECTED:
      on_connected (self);
      break;

    case FLINK_ZK_EVENT_CONNECTING:
      if (self->state == FLINK_LEADER_STATE_CONNECTED)
        {
          g_debug ("Lost the connection to ZooKeeper at %s", self->settings->quorum);
          set_state (self, FLINK_LEADER_STATE_SUSPENDED);
          disconnected (self);
        }
      break;

    case FLINK_ZK_EVENT_EXPIRED:
      on_session_expired (self);
      break;

    case FLINK_ZK_EVENT_AUTH_FAILED:
      give_up (self, g_error_new (FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED,
                                  _ ("ZooKeeper %s refused flinkjob's session for Flink cluster "
                                     "“%s” (authentication failed)"),
                                  self->settings->quorum, cluster_name (self)));
      break;

    case FLINK_ZK_EVENT_INIT_FAILED:
      give_up (self, g_error_new (FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                                  _ ("Cannot use the ZooKeeper quorum “%s” "
                                     "(high-availability.zookeeper.quorum in %s) for Flink "
                                     "cluster “%s”: %s"),
                                  self->settings->quorum, self->settings->file_name,
                                  cluster_name (self), event->message));
      break;

    case FLINK_ZK_EVENT_WATCH:
      if (self->state == FLINK_LEADER_STATE_CONNECTED &&
          g_strcmp0 (event->path, self->settings->leader_path) == 0)
        read_leader (self);
      break;

    case FLINK_ZK_EVENT_READ:
      on_read (self, event);
      break;

    default:
      g_assert_not_reached ();
    }
}

#else /* !FLINKJOB_HAVE_ZOOKEEPER */

static void
stop_client (FlinkLeaderRetrieval *self)
{
}

#endif

/* ---- GObject ------------------------------------------------------------ */

static gboolean
flink_leader_retrieval_initable_init (GInitable    *initable,
                                      GCancellable *cancellable,
                                      GError      **error)
{
  FlinkLeaderRetrieval *self = FLINK_LEADER_RETRIEVAL (initable);

  if (self->settings != NULL)
    return TRUE;
  if (self->config == NULL)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                           _ ("No Flink configuration was given"));
      return FALSE;
    }
  self->settings = _flink_leader_settings_new_from_config (self->config, self->file_name, error);
  if (self->settings == NULL)
    return FALSE;

#if FLINKJOB_HAVE_ZOOKEEPER
  self->context = g_main_context_ref_thread_default ();
  disconnected (self);
  start_client (self);
  return TRUE;
#else
  g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED,
               _ ("%s sets high-availability.type: zookeeper, but this flinkjob was built "
                  "without ZooKeeper (meson setup -Dzookeeper=enabled, with libzookeeper-mt-dev): "
                  "give the REST URL of a JobManager instead"),
               self->settings->file_name);
  g_clear_pointer (&self->settings, _flink_leader_settings_free);
  return FALSE;
#endif
}

static void
flink_leader_retrieval_initable_iface_init (GInitableIface *iface)
{
  iface->init = flink_leader_retrieval_initable_init;
}

static void
flink_leader_retrieval_dispose (GObject *object)
{
  FlinkLeaderRetrieval *self = FLINK_LEADER_RETRIEVAL (object);

  stop_client (self);
  clear_source (&self->give_up_source);
  clear_source (&self->lost_source);
  clear_source (&self->reconnect_source);
  if (self->waiters.length > 0)
    fail_waiters (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                             _ ("The leader retrieval was disposed")));

  G_OBJECT_CLASS (_flink_leader_retrieval_parent_class)->dispose (object);
}

static void
flink_leader_retrieval_finalize (GObject *object)
{
  FlinkLeaderRetrieval *self = FLINK_LEADER_RETRIEVAL (object);

  g_clear_pointer (&self->config, g_hash_table_unref);
  g_free (self->file_name);
  g_clear_pointer (&self->settings, _flink_leader_settings_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->leader_url);
  g_free (self->leader_session_id);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (_flink_leader_retrieval_parent_class)->finalize (object);
}

static void
flink_leader_retrieval_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  FlinkLeaderRetrieval *self = FLINK_LEADER_RETRIEVAL (object);

  switch (prop_id)
    {
    case PROP_CONFIG:
      g_value_set_boxed (value, self->config);
      break;
    case PROP_FILE_NAME:
      g_value_set_string (value, self->file_name);
      break;
    case PROP_LEADER_URL:
      g_value_set_string (value, self->leader_url);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flink_leader_retrieval_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  FlinkLeaderRetrieval *self = FLINK_LEADER_RETRIEVAL (object);

  switch (prop_id)
    {
    case PROP_CONFIG:
      self->config = g_value_dup_boxed (value);
      break;
    case PROP_FILE_NAME:
      self->file_name = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
_flink_leader_retrieval_class_init (FlinkLeaderRetrievalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = flink_leader_retrieval_dispose;
  object_class->finalize = flink_leader_retrieval_finalize;
  object_class->get_property = flink_leader_retrieval_get_property;
  object_class->set_property = flink_leader_retrieval_set_property;

  /* The flattened configuration ("a.b.c" -> text) with ZooKeeper HA. */
  properties[PROP_CONFIG] =
    g_param_spec_boxed ("config", NULL, NULL, G_TYPE_HASH_TABLE,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The configuration file, for messages. */
  properties[PROP_FILE_NAME] =
    g_param_spec_string ("file-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The REST URL of the current leader, or NULL. */
  properties[PROP_LEADER_URL] =
    g_param_spec_string ("leader-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The connection to ZooKeeper. */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, FLINK_TYPE_LEADER_STATE,
                       FLINK_LEADER_STATE_CONNECTING,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The leader's URL or session id changed; the URL is NULL when no
   * leader is known. */
  signals[SIGNAL_LEADER_CHANGED] =
    g_signal_new ("leader-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
_flink_leader_retrieval_init (FlinkLeaderRetrieval *self)
{
  self->state = FLINK_LEADER_STATE_CONNECTING;
  g_queue_init (&self->waiters);
}

/* ---- API ---------------------------------------------------------------- */

FlinkLeaderRetrieval *
_flink_leader_retrieval_new_from_config (GHashTable *config,
                                         const char *file_name,
                                         GError    **error)
{
  return g_initable_new (FLINK_TYPE_LEADER_RETRIEVAL, NULL, error,
                         "config", config, "file-name", file_name, NULL);
}

const char *
_flink_leader_retrieval_get_leader_url (FlinkLeaderRetrieval *self)
{
  g_return_val_if_fail (FLINK_IS_LEADER_RETRIEVAL (self), NULL);
  return self->leader_url;
}

const char *
_flink_leader_retrieval_get_leader_session_id (FlinkLeaderRetrieval *self)
{
  g_return_val_if_fail (FLINK_IS_LEADER_RETRIEVAL (self), NULL);
  return self->leader_session_id;
}

FlinkLeaderState
_flink_leader_retrieval_get_state (FlinkLeaderRetrieval *self)
{
  g_return_val_if_fail (FLINK_IS_LEADER_RETRIEVAL (self), FLINK_LEADER_STATE_FAILED);
  return self->state;
}

const GError *
_flink_leader_retrieval_get_error (FlinkLeaderRetrieval *self)
{
  g_return_val_if_fail (FLINK_IS_LEADER_RETRIEVAL (self), NULL);
  return self->error;
}

const FlinkLeaderSettings *
_flink_leader_retrieval_get_settings (FlinkLeaderRetrieval *self)
{
  g_return_val_if_fail (FLINK_IS_LEADER_RETRIEVAL (self), NULL);
  return self->settings;
}

static gboolean
waiter_timeout_cb (gpointer user_data)
{
  Waiter *waiter = user_data;

  waiter_fail (waiter, new_no_leader_error (waiter->self, waiter->timeout_ms));
  return G_SOURCE_REMOVE;
}

static gboolean
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  Waiter *waiter = user_data;
  GError *error = NULL;

  g_cancellable_set_error_if_cancelled (cancellable, &error);
  waiter_fail (waiter, error);
  return G_SOURCE_REMOVE;
}

void
_flink_leader_retrieval_wait_for_leader_async (FlinkLeaderRetrieval *self,
                                               guint                 timeout_ms,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data)
{
  _flink_leader_retrieval_wait_for_new_leader_async (self, NULL, timeout_ms, cancellable,
                                                     callback, user_data);
}

void
_flink_leader_retrieval_wait_for_new_leader_async (FlinkLeaderRetrieval *self,
                                                   const char           *stale_session_id,
                                                   guint                 timeout_ms,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data)
{
  g_autoptr (GTask) task = NULL;
  Waiter           *waiter;

  g_return_if_fail (FLINK_IS_LEADER_RETRIEVAL (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _flink_leader_retrieval_wait_for_leader_async);
  g_task_set_name (task, "[flinkjob] wait_for_leader");

  if (g_task_return_error_if_cancelled (task))
    return;
  if (self->leader_url != NULL &&
      g_strcmp0 (self->leader_session_id, stale_session_id) != 0)
    {
      g_task_return_pointer (task, g_strdup (self->leader_url), g_free);
      return;
    }
  if (self->error != NULL || timeout_ms == 0)
    {
      g_task_return_error (task, new_no_leader_error (self, timeout_ms));
      return;
    }

  waiter = g_new0 (Waiter, 1);
  waiter->self = self;
  waiter->task = task;
  waiter->timeout_ms = timeout_ms;
  waiter->stale_session_id = g_strdup (stale_session_id);
  g_task_set_task_data (task, waiter, (GDestroyNotify) waiter_free);

  waiter->timeout_source = g_timeout_source_new (timeout_ms);
  g_source_set_name (waiter->timeout_source, "[flinkjob] wait for the leader");
  g_source_set_callback (waiter->timeout_source, waiter_timeout_cb, waiter, NULL);
  g_source_attach (waiter->timeout_source, g_task_get_context (task));
  if (cancellable != NULL)
    {
      waiter->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (waiter->cancel_source, G_SOURCE_FUNC (waiter_cancelled_cb),
                             waiter, NULL);
      g_source_attach (waiter->cancel_source, g_task_get_context (task));
    }
  g_queue_push_tail (&self->waiters, g_steal_pointer (&task));
}

char *
_flink_leader_retrieval_wait_for_leader_finish (FlinkLeaderRetrieval *self,
                                                GAsyncResult         *result,
                                                GError              **error)
{
  g_return_val_if_fail (FLINK_IS_LEADER_RETRIEVAL (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                          _flink_leader_retrieval_wait_for_leader_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
