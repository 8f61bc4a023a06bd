/* flink-zookeeper.c: ZooKeeper's C client through GLib's main loop
 *
 * libzookeeper_mt (Debian's libzookeeper-mt-dev) runs an I/O thread and a
 * completion thread per handle and calls watchers and completions on them.
 * Its library does export zookeeper_interest() and zookeeper_process(), the
 * single-threaded API that a GSource could drive, but its header hides them
 * (#ifndef THREADED) and its own I/O thread calls them: driving them from a
 * second thread would race with it. So the threaded API it is, and
 * everything it reports is queued here and delivered in order, from an idle
 * source, in the thread-default main context of the thread that made the
 * client. zookeeper_init() (it resolves host names) and zookeeper_close() (it
 * waits up to 4.5 s for the server) run in GTask worker threads.
 *
 * Lifetime: libzookeeper's threads get a raw pointer to the client as their
 * context. The client stays alive while they can use it: the owner's
 * reference is handed to the worker that closes the handle and dropped only
 * when zookeeper_close() has returned (it joins those threads).
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <gio/gio.h>
#include <zookeeper/zookeeper.h>

#include "flink-zookeeper-private.h"

struct _FlinkZkClient
{
  gatomicrefcount refs;
  GMainContext   *context;
  char           *quorum;
  guint           session_timeout_ms;

  /* The main context's thread only. */
  FlinkZkEventFunc func;
  gpointer         user_data;
  gboolean         closed;
  guint            next_read_id;

  GMutex      lock; /* guards what follows */
  zhandle_t  *zh;   /* set when zookeeper_init() returned */
  gboolean    init_done;
  gboolean    close_requested;
  GQueue      events; /* QueuedEvent, not delivered yet */
  gboolean    delivery_scheduled;
  GHashTable *reads; /* Read in flight (owned) */
};

typedef struct
{
  FlinkZkClient *client; /* not a reference: reads end before the client */
  guint          id;
  char          *path;
} Read;

typedef struct
{
  FlinkZkEvent event;
  char        *path;
  char        *message;
} QueuedEvent;

static FlinkZkClient *
client_ref (FlinkZkClient *client)
{
  g_atomic_ref_count_inc (&client->refs);
  return client;
}

static void
queued_event_free (QueuedEvent *queued)
{
  g_clear_pointer (&queued->event.data, g_bytes_unref);
  g_free (queued->path);
  g_free (queued->message);
  g_free (queued);
}

static void
read_free (Read *read)
{
  g_free (read->path);
  g_free (read);
}

/* Any thread: the last reference goes with the last thread that could use
 * the client. */
static void
client_unref (FlinkZkClient *client)
{
  if (!g_atomic_ref_count_dec (&client->refs))
    return;
  g_queue_clear_full (&client->events, (GDestroyNotify) queued_event_free);
  g_hash_table_destroy (client->reads);
  g_mutex_clear (&client->lock);
  g_main_context_unref (client->context);
  g_free (client->quorum);
  g_free (client);
}

/* ---- Delivery in the owner's main context ------------------------------- */

static gboolean
deliver_cb (gpointer user_data)
{
  FlinkZkClient *client = user_data;
  GQueue         events = G_QUEUE_INIT;
  QueuedEvent   *queued;

  g_mutex_lock (&client->lock);
  events = client->events;
  g_queue_init (&client->events);
  client->delivery_scheduled = FALSE;
  g_mutex_unlock (&client->lock);

  /* @func may close the client: what is left is dropped then. */
  while ((queued = g_queue_pop_head (&events)) != NULL)
    {
      if (!client->closed)
        client->func (&queued->event, client->user_data);
      queued_event_free (queued);
    }
  return G_SOURCE_REMOVE;
}

/* With the lock held: delivers what is queued, once zookeeper_init() has
 * returned (so that the owner may read as soon as it hears of a
 * connection). */
static void
schedule_delivery_locked (FlinkZkClient *client)
{
  GSource *source;

  if (client->delivery_scheduled || !client->init_done || client->events.length == 0)
    return;
  client->delivery_scheduled = TRUE;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_name (source, "[flinkjob] ZooKeeper events");
  g_source_set_callback (source, deliver_cb, client_ref (client), (GDestroyNotify) client_unref);
  g_source_attach (source, client->context);
  g_source_unref (source);
}

/* Any thread. Takes @data. */
static void
post_event (FlinkZkClient   *client,
            FlinkZkEventType type,
            const char      *path,
            guint            read_id,
            int              rc,
            GBytes          *data,
            const char      *message)
{
  QueuedEvent *queued = g_new0 (QueuedEvent, 1);

  queued->path = g_strdup (path);
  queued->message = g_strdup (message);
  queued->event.type = type;
  queued->event.path = queued->path;
  queued->event.read_id = read_id;
  queued->event.rc = rc;
  queued->event.data = data;
  queued->event.message = queued->message;

  g_mutex_lock (&client->lock);
  g_queue_push_tail (&client->events, queued);
  schedule_delivery_locked (client);
  g_mutex_unlock (&client->lock);
}

/* ---- libzookeeper's threads --------------------------------------------- */

static void
log_cb (const char *message)
{
  g_autofree char *line = g_strdup (message);

  g_debug ("ZooKeeper: %s", g_strchomp (line));
}

static void
watcher_cb (zhandle_t  *zh,
            int         type,
            int         state,
            const char *path,
            void       *context)
{
  FlinkZkClient *client = context;

  if (type == ZOO_SESSION_EVENT)
    {
      if (state == ZOO_CONNECTED_STATE || state == ZOO_READONLY_STATE)
        post_event (client, FLINK_ZK_EVENT_CONNECTED, NULL, 0, ZOK, NULL, NULL);
      else if (state == ZOO_CONNECTING_STATE || state == ZOO_ASSOCIATING_STATE)
        post_event (client, FLINK_ZK_EVENT_CONNECTING, NULL, 0, ZOK, NULL, NULL);
      else if (state == ZOO_EXPIRED_SESSION_STATE)
        post_event (client, FLINK_ZK_EVENT_EXPIRED, NULL, 0, ZOK, NULL, NULL);
      else if (state == ZOO_AUTH_FAILED_STATE)
        post_event (client, FLINK_ZK_EVENT_AUTH_FAILED, NULL, 0, ZOK, NULL, NULL);
    }
  else if (type == ZOO_CREATED_EVENT || type == ZOO_DELETED_EVENT ||
           type == ZOO_CHANGED_EVENT || type == ZOO_NOTWATCHING_EVENT)
    {
      post_event (client, FLINK_ZK_EVENT_WATCH, path, 0, ZOK, NULL, NULL);
    }
}

/* Takes @data. */
static void
finish_read (Read   *read,
             int     rc,
             GBytes *data)
{
  FlinkZkClient *client = read->client;
  gboolean       pending;

  g_mutex_lock (&client->lock);
  pending = g_hash_table_steal (client->reads, read);
  g_mutex_unlock (&client->lock);
  if (!pending)
    {
      g_clear_pointer (&data, g_bytes_unref);
      return;
    }
  post_event (client, FLINK_ZK_EVENT_READ, read->path, read->id, rc, data, NULL);
  read_free (read);
}

static void
get_done_cb (int                rc,
             const char        *value,
             int                value_len,
             const struct Stat *stat,
             const void        *data)
{
  GBytes *bytes = NULL;

  if (rc == ZOK)
    bytes = g_bytes_new (value, value != NULL && value_len > 0 ? (gsize) value_len : 0);
  finish_read ((Read *) data, rc, bytes);
}

static void
exists_done_cb (int                rc,
                const struct Stat *stat,
                const void        *data)
{
  Read      *read = (Read *) data;
  zhandle_t *zh;

  if (rc == ZOK)
    {
      /* Inside a completion the handle cannot go away: closing joins this
       * thread first. */
      g_mutex_lock (&read->client->lock);
      zh = read->client->zh;
      g_mutex_unlock (&read->client->lock);
      rc = zh != NULL ? zoo_aget (zh, read->path, 0, get_done_cb, read) : ZCLOSING;
      if (rc == ZOK)
        return;
    }
  finish_read (read, rc, NULL);
}

/* ---- Worker threads ----------------------------------------------------- */

static void
init_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FlinkZkClient *client = task_data;
  zhandle_t     *zh;
  int            saved_errno;
  gboolean       close_now;

  errno = 0;
  zh = zookeeper_init2 (client->quorum, watcher_cb, (int) client->session_timeout_ms,
                        NULL, client, 0, log_cb);
  saved_errno = errno;
  if (zh == NULL)
    {
      g_autofree char *message = g_strdup (saved_errno != 0 ? g_strerror (saved_errno)
                                                            : "zookeeper_init failed");

      g_mutex_lock (&client->lock);
      client->init_done = TRUE;
      g_mutex_unlock (&client->lock);
      post_event (client, FLINK_ZK_EVENT_INIT_FAILED, NULL, 0, ZSYSTEMERROR, NULL, message);
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_mutex_lock (&client->lock);
  close_now = client->close_requested;
  if (!close_now)
    client->zh = zh;
  client->init_done = TRUE;
  schedule_delivery_locked (client);
  g_mutex_unlock (&client->lock);

  if (close_now)
    zookeeper_close (zh);
  g_task_return_boolean (task, TRUE);
}

static void
close_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  zhandle_t *zh = task_data;
  int        rc = zookeeper_close (zh);

  if (rc != ZOK)
    g_debug ("Closing a ZooKeeper session: %s", zerror (rc));
  g_task_return_boolean (task, TRUE);
}

static void
run_in_thread (FlinkZkClient  *client,
               const char     *name,
               GTaskThreadFunc func,
               gpointer        data)
{
  GTask *task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_source_tag (task, run_in_thread);
  g_task_set_name (task, name);
  /* The client outlives the thread; the task's data is what it works on. */
  g_object_set_data_full (G_OBJECT (task), "flinkjob-zk-client", client_ref (client),
                          (GDestroyNotify) client_unref);
  g_task_set_task_data (task, data, NULL);
  g_task_run_in_thread (task, func);
  g_object_unref (task);
}

/* ---- API ---------------------------------------------------------------- */

FlinkZkClient *
_flink_zk_client_new (const char      *quorum,
                      guint            session_timeout_ms,
                      FlinkZkEventFunc func,
                      gpointer         user_data)
{
  FlinkZkClient *client = g_new0 (FlinkZkClient, 1);

  g_atomic_ref_count_init (&client->refs);
  client->context = g_main_context_ref_thread_default ();
  client->quorum = g_strdup (quorum);
  client->session_timeout_ms = MIN (session_timeout_ms, (guint) G_MAXINT);
  client->func = func;
  client->user_data = user_data;
  g_mutex_init (&client->lock);
  g_queue_init (&client->events);
  client->reads = g_hash_table_new_full (NULL, NULL, (GDestroyNotify) read_free, NULL);

  run_in_thread (client, "[flinkjob] zookeeper_init", init_thread, client);
  return client;
}

void
_flink_zk_client_close (FlinkZkClient *client)
{
  zhandle_t *zh;

  if (client == NULL)
    return;
  g_return_if_fail (!client->closed);
  client->closed = TRUE;

  g_mutex_lock (&client->lock);
  client->close_requested = TRUE;
  zh = client->zh;
  client->zh = NULL;
  g_mutex_unlock (&client->lock);

  /* Without a handle yet, the init thread closes it when it comes. */
  if (zh != NULL)
    run_in_thread (client, "[flinkjob] zookeeper_close", close_thread, zh);
  client_unref (client);
}

guint
_flink_zk_client_read (FlinkZkClient *client,
                       const char    *path)
{
  Read      *read;
  zhandle_t *zh;
  guint      id;
  int        rc = ZCLOSING;

  g_return_val_if_fail (!client->closed, 0);

  id = ++client->next_read_id;
  read = g_new0 (Read, 1);
  read->client = client;
  read->id = id;
  read->path = g_strdup (path);

  g_mutex_lock (&client->lock);
  zh = client->zh;
  g_hash_table_add (client->reads, read);
  g_mutex_unlock (&client->lock);

  /* An exists watch fires on creation, data change and deletion. */
  if (zh != NULL)
    rc = zoo_awexists (zh, path, watcher_cb, client, exists_done_cb, read);
  /* On success the completion may have run already: @read is gone. */
  if (rc != ZOK)
    finish_read (read, rc, NULL); /* the completion will not come */
  return id;
}

const char *
_flink_zk_strerror (int rc)
{
  return zerror (rc);
}
