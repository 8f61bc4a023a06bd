/* flink-job-list.c: a live list of a cluster's jobs
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include "flink-cluster-client-private.h"

/**
 * FlinkJobList:
 *
 * A live [iface@Gio.ListModel] of a cluster's jobs, as
 * [class@Flink.JobOverview] records: it emits
 * [signal@Gio.ListModel::items-changed] as jobs appear, change status and
 * disappear (when the cluster forgets them, `jobstore.expiration-time` after
 * they ended). A GTK list view binds it directly.
 *
 * However many jobs there are, one small request per poll (`GET /jobs`,
 * ids and statuses) tells what changed: a new status shows in the list at
 * once, and the whole `GET /jobs/overview` is read when a job came or
 * went, and now and then for times and task counts. The poll is the one
 * the cluster client's watchers share (see `docs/watching.md`). Polling is quick while a job is in transition,
 * slower while all are steady, and backs off while the cluster cannot be
 * asked, which [property@Flink.JobList:reachable] reports (the list then
 * keeps the jobs as last seen). Jobs keep their position; new ones are
 * appended. A job whose record changed is replaced in place, once per
 * change: its run time growing is not a change, and a steady list is not
 * read again for it. To show a running job's run time, compute it from
 * [property@Flink.JobOverview:start-time] and the clock, as a GTK list
 * does with a timer (`docs/watching.md` shows how).
 *
 * The list polls while it exists and a main loop runs, in the thread-default
 * main context of the thread that made it.
 *
 * Since: 1.0
 */

struct _FlinkJobList
{
  GObject parent_instance;

  FlinkClusterClient *cluster_client;
  GPtrArray          *jobs; /* FlinkJobOverview */
  gboolean            reachable;
  gboolean            loaded;
  guint64             n_polls;
  guint               watch_id;
};

static void flink_job_list_list_model_init (GListModelInterface *iface);

/* clang-format off */
G_DEFINE_FINAL_TYPE_WITH_CODE (FlinkJobList, flink_job_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, flink_job_list_list_model_init))
/* clang-format on */

enum
{
  PROP_0,
  PROP_CLUSTER_CLIENT,
  PROP_REACHABLE,
  PROP_LOADED,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void poll_cb (FlinkPollOutcome outcome,
                     GListModel      *overviews,
                     const GError    *error,
                     gpointer         user_data);

static GType
flink_job_list_get_item_type (GListModel *model)
{
  return FLINK_TYPE_JOB_OVERVIEW;
}

static guint
flink_job_list_get_n_items (GListModel *model)
{
  return FLINK_JOB_LIST (model)->jobs->len;
}

static gpointer
flink_job_list_get_item (GListModel *model,
                         guint       position)
{
  FlinkJobList *self = FLINK_JOB_LIST (model);

  if (position >= self->jobs->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->jobs, position));
}

static void
flink_job_list_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = flink_job_list_get_item_type;
  iface->get_n_items = flink_job_list_get_n_items;
  iface->get_item = flink_job_list_get_item;
}

static void
flink_job_list_dispose (GObject *object)
{
  FlinkJobList *self = FLINK_JOB_LIST (object);

  if (self->watch_id != 0)
    _flink_poller_unwatch (_flink_cluster_client_get_poller (self->cluster_client), self->watch_id);
  self->watch_id = 0;

  G_OBJECT_CLASS (flink_job_list_parent_class)->dispose (object);
}

static void
flink_job_list_finalize (GObject *object)
{
  FlinkJobList *self = FLINK_JOB_LIST (object);

  g_clear_object (&self->cluster_client);
  g_clear_pointer (&self->jobs, g_ptr_array_unref);

  G_OBJECT_CLASS (flink_job_list_parent_class)->finalize (object);
}

static void
flink_job_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FlinkJobList *self = FLINK_JOB_LIST (object);

  switch (prop_id)
    {
    case PROP_CLUSTER_CLIENT:
      g_value_set_object (value, self->cluster_client);
      break;
    case PROP_REACHABLE:
      g_value_set_boolean (value, self->reachable);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->jobs->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flink_job_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FlinkJobList *self = FLINK_JOB_LIST (object);

  switch (prop_id)
    {
    case PROP_CLUSTER_CLIENT:
      self->cluster_client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flink_job_list_constructed (GObject *object)
{
  FlinkJobList *self = FLINK_JOB_LIST (object);

  G_OBJECT_CLASS (flink_job_list_parent_class)->constructed (object);

  if (self->cluster_client == NULL)
    {
      g_critical ("A FlinkJobList needs a cluster-client: make one with flink_job_list_new()");
      return;
    }
  self->watch_id = _flink_poller_watch_jobs (_flink_cluster_client_get_poller (self->cluster_client),
                                             poll_cb, self);
}

static void
flink_job_list_class_init (FlinkJobListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = flink_job_list_dispose;
  object_class->finalize = flink_job_list_finalize;
  object_class->get_property = flink_job_list_get_property;
  object_class->set_property = flink_job_list_set_property;
  object_class->constructed = flink_job_list_constructed;

  /**
   * FlinkJobList:cluster-client:
   *
   * The client of the cluster whose jobs the list shows.
   *
   * Since: 1.0
   */
  properties[PROP_CLUSTER_CLIENT] =
    g_param_spec_object ("cluster-client", NULL, NULL, FLINK_TYPE_CLUSTER_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobList:reachable:
   *
   * Whether the last poll reached the cluster. While it is %FALSE the list
   * shows the jobs as last seen: an unreachable cluster is not a failed
   * job.
   *
   * Since: 1.0
   */
  properties[PROP_REACHABLE] =
    g_param_spec_boolean ("reachable", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobList:loaded:
   *
   * Whether the list has been read from the cluster at least once.
   *
   * Since: 1.0
   */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJobList:n-items:
   *
   * How many jobs the list holds.
   *
   * Since: 1.0
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
flink_job_list_init (FlinkJobList *self)
{
  self->jobs = g_ptr_array_new_with_free_func (g_object_unref);
  self->reachable = TRUE;
}

/**
 * flink_job_list_new:
 * @cluster_client: the client of a cluster
 *
 * Makes a live list of the cluster's jobs, and starts polling.
 *
 * Returns: (transfer full): a new job list, empty until the first poll
 *   answers
 *
 * Since: 1.0
 */
FlinkJobList *
flink_job_list_new (FlinkClusterClient *cluster_client)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_CLIENT (cluster_client), NULL);

  return g_object_new (FLINK_TYPE_JOB_LIST, "cluster-client", cluster_client, NULL);
}

/* A change a person would see; duration grows by itself and is not one. */
static gboolean
job_changed (FlinkJobOverview *old,
             FlinkJobOverview *new)
{
  if (flink_job_overview_get_status (old) != flink_job_overview_get_status (new) ||
      flink_job_overview_get_end_time (old) != flink_job_overview_get_end_time (new) ||
      flink_job_overview_get_last_modification (old) != flink_job_overview_get_last_modification (new) ||
      flink_job_overview_get_tasks_total (old) != flink_job_overview_get_tasks_total (new) ||
      g_strcmp0 (flink_job_overview_get_name (old), flink_job_overview_get_name (new)) != 0)
    return TRUE;
  for (int state = FLINK_EXECUTION_STATE_CREATED; state <= FLINK_EXECUTION_STATE_INITIALIZING; state++)
    if (flink_job_overview_get_task_count (old, state) != flink_job_overview_get_task_count (new, state))
      return TRUE;
  return FALSE;
}

/* Brings the list to @fresh, emitting the smallest changes. */
void
_flink_job_list_apply (FlinkJobList *self,
                       GListModel   *fresh)
{
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint                  n_fresh = g_list_model_get_n_items (fresh);
  guint                  old_len = self->jobs->len;

  for (guint i = 0; i < n_fresh; i++)
    {
      g_autoptr (FlinkJobOverview) job = g_list_model_get_item (fresh, i);
      g_hash_table_insert (by_id, (gpointer) flink_job_overview_get_job_id (job), job);
    }

  /* Gone, from the end so positions stay right; changed, in place. */
  for (guint i = self->jobs->len; i-- > 0;)
    {
      FlinkJobOverview *old = g_ptr_array_index (self->jobs, i);
      FlinkJobOverview *new = g_hash_table_lookup (by_id, flink_job_overview_get_job_id (old));

      if (new == NULL)
        {
          g_ptr_array_remove_index (self->jobs, i);
          g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);
        }
      else
        {
          g_hash_table_add (seen, (gpointer) flink_job_overview_get_job_id (new));
          if (job_changed (old, new))
            {
              g_ptr_array_index (self->jobs, i) = g_object_ref (new);
              g_object_unref (old);
              g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
            }
        }
    }

  /* New, appended in the cluster's order. */
  {
    guint position = self->jobs->len;
    guint added = 0;

    for (guint i = 0; i < n_fresh; i++)
      {
        g_autoptr (FlinkJobOverview) job = g_list_model_get_item (fresh, i);

        if (g_hash_table_contains (seen, flink_job_overview_get_job_id (job)))
          continue;
        g_hash_table_add (seen, (gpointer) flink_job_overview_get_job_id (job));
        g_ptr_array_add (self->jobs, g_object_ref (job));
        added++;
      }
    if (added > 0)
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
  }

  if (self->jobs->len != old_len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
set_reachable (FlinkJobList *self,
               gboolean      reachable)
{
  if (self->reachable == reachable)
    return;
  self->reachable = reachable;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REACHABLE]);
}

static void
poll_cb (FlinkPollOutcome outcome,
         GListModel      *overviews,
         const GError    *error,
         gpointer         user_data)
{
  g_autoptr (FlinkJobList) self = g_object_ref (user_data);

  self->n_polls++;
  if (outcome != FLINK_POLL_SEEN)
    {
      g_debug ("Job list of %s: %s", flink_cluster_client_get_url (self->cluster_client),
               error->message);
      set_reachable (self, FALSE);
      return;
    }
  set_reachable (self, TRUE);
  if (overviews == NULL)
    return; /* nothing changed */
  _flink_job_list_apply (self, overviews);
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
}

/**
 * flink_job_list_get_cluster_client:
 * @self: a job list
 *
 * Gets [property@Flink.JobList:cluster-client].
 *
 * Returns: (transfer none): the cluster client
 *
 * Since: 1.0
 */
FlinkClusterClient *
flink_job_list_get_cluster_client (FlinkJobList *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_LIST (self), NULL);
  return self->cluster_client;
}

/**
 * flink_job_list_get_reachable:
 * @self: a job list
 *
 * Gets [property@Flink.JobList:reachable].
 *
 * Returns: whether the last poll reached the cluster
 *
 * Since: 1.0
 */
gboolean
flink_job_list_get_reachable (FlinkJobList *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_LIST (self), FALSE);
  return self->reachable;
}

/**
 * flink_job_list_get_loaded:
 * @self: a job list
 *
 * Gets [property@Flink.JobList:loaded].
 *
 * Returns: whether the list has been read at least once
 *
 * Since: 1.0
 */
gboolean
flink_job_list_get_loaded (FlinkJobList *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_LIST (self), FALSE);
  return self->loaded;
}

/**
 * flink_job_list_get_n_polls:
 * @self: a job list
 *
 * How many polls have told the list what the cluster has, answered or not:
 * a measure of the load it puts on the cluster.
 *
 * Returns: the number of polls
 *
 * Since: 1.0
 */
guint64
flink_job_list_get_n_polls (FlinkJobList *self)
{
  g_return_val_if_fail (FLINK_IS_JOB_LIST (self), 0);
  return self->n_polls;
}
