/* flink-poller.c: the one poller behind every watcher
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include "flink-decoders-private.h"
#include "flink-poller-private.h"
#include "flink-task-private.h"
#include "flink-i18n-private.h"

/* Every watcher of a cluster — watched job clients, wait_for_status(), job
 * lists — is fed by one poller per cluster client, with one set of rules:
 *
 * What is asked, per poll:
 * - one watched job and no list: GET /jobs/:jobid/status;
 * - several watched jobs: GET /jobs (ids and statuses of all the cluster's
 *   jobs, one small request however many are watched);
 * - a list: the cheap GET /jobs, and GET /jobs/overview only when there
 *   is no list yet, after an action, when GET /jobs shows a job that came
 *   or went, when the last one is older than FLINK_POLL_OVERVIEW_MAX_AGE_MS
 *   (durations), or older than FLINK_POLL_TRANSITION_MAX_MS while a job
 *   is in transition (task counts). A status that GET /jobs shows changed
 *   goes into the list at once, in a copy of the job's last record.
 *
 * How often: _flink_poll_policy_next(), from what the poll found: fast
 * (FLINK_POLL_FAST_MS) for a few polls after a change or an action,
 * quick while something is in transition (slowing to
 * FLINK_POLL_TRANSITION_MAX_MS if it stays there), slower while everything
 * is steady, backing off while the cluster cannot be asked; ±10% jitter.
 *
 * What a failure means:
 * - the cluster does not know a job (FLINK_ERROR_NOT_FOUND, or a job
 *   missing from GET /jobs): FLINK_POLL_NOT_FOUND for that job, which is
 *   not polled any more;
 * - anything else (no connection, a timeout, a server error, an answer that
 *   is not Flink's): FLINK_POLL_COULD_NOT_ASK — the cluster is unreachable,
 *   which says nothing about the jobs; polling goes on.
 * A job in a globally terminal status is not polled any more either. A
 * poll is never retried by the transport (it polls again anyway), and goes
 * behind what a person asked for.
 *
 * The poller polls while it has watches, in the thread-default main
 * context of the thread that made it.
 */

#define FLINK_POLL_OVERVIEW_MAX_AGE_MS 5000

guint
_flink_poll_policy_next (FlinkPollPolicy   *policy,
                         FlinkPollSituation situation)
{
  switch (situation)
    {
    case FLINK_POLL_UNREACHABLE:
      policy->fast_left = 0;
      policy->interval = policy->interval < FLINK_POLL_UNREACHABLE_FIRST_MS
                           ? FLINK_POLL_UNREACHABLE_FIRST_MS
                           : MIN (policy->interval * 2, FLINK_POLL_UNREACHABLE_MAX_MS);
      break;
    case FLINK_POLL_CHANGED:
      policy->fast_left = FLINK_POLL_FAST_COUNT;
      policy->interval = FLINK_POLL_FAST_MS;
      break;
    case FLINK_POLL_IN_TRANSITION:
    case FLINK_POLL_STEADY:
    default:
      if (policy->fast_left > 0)
        {
          policy->fast_left--;
          policy->interval = FLINK_POLL_FAST_MS;
        }
      else if (situation == FLINK_POLL_IN_TRANSITION)
        /* Quick, but backing off if it stays there: a job stuck RESTARTING
         * is not polled four times a second for ever. */
        policy->interval = CLAMP (policy->interval + policy->interval / 2,
                                  FLINK_POLL_FAST_MS, FLINK_POLL_TRANSITION_MAX_MS);
      else if (policy->interval < FLINK_POLL_STEADY_FIRST_MS)
        policy->interval = FLINK_POLL_STEADY_FIRST_MS;
      else
        policy->interval = MIN (policy->interval + policy->interval / 2, FLINK_POLL_STEADY_MAX_MS);
      break;
    }
  return policy->interval;
}

gboolean
_flink_job_status_in_transition (FlinkJobStatus status)
{
  return status != FLINK_JOB_STATUS_RUNNING && !flink_job_status_is_globally_terminal (status);
}

/* A job of a list is in transition also while it runs with tasks still
 * deploying. */
static gboolean
overview_in_transition (FlinkJobOverview *job)
{
  FlinkJobStatus status = flink_job_overview_get_status (job);

  if (status == FLINK_JOB_STATUS_RUNNING)
    return flink_job_overview_get_task_count (job, FLINK_EXECUTION_STATE_RUNNING) +
             flink_job_overview_get_task_count (job, FLINK_EXECUTION_STATE_FINISHED) <
           flink_job_overview_get_tasks_total (job);
  return _flink_job_status_in_transition (status);
}

/* ---- The poller ------------------------------------------------------- */

typedef struct
{
  guint             id;
  char             *job_id; /* NULL for a jobs watch */
  FlinkJobPollFunc  job_func;
  FlinkJobsPollFunc jobs_func;
  gpointer          user_data;
  gboolean          told;
  FlinkPollOutcome  told_outcome;
  FlinkJobStatus    told_status;
} Watch;

static void
watch_free (Watch *watch)
{
  g_free (watch->job_id);
  g_free (watch);
}

struct _FlinkPoller
{
  GObject parent_instance;

  FlinkTransport *transport;
  GHashTable     *watches; /* id -> Watch */
  guint           last_watch_id;

  FlinkPollPolicy policy;
  guint           timer;
  gint64          timer_due;   /* monotonic µs */
  GCancellable   *cancellable; /* of the poll in flight; NULL when none */
  gboolean        soon;        /* an action since the last poll */
  gboolean        reachable;
  guint64         n_requests;
  guint           speed; /* tests only: waits divided by it */

  /* What the last poll saw. */
  GHashTable *statuses;          /* job id -> FlinkJobStatus, as the last poll saw them */
  gboolean    statuses_complete; /* it saw every job of the cluster */
  char       *statuses_unknown;  /* the one job it asked about and found unknown */
  GListModel *overviews;         /* the last GET /jobs/overview */
  GHashTable *overview_statuses; /* job id -> status, of that overview */
  gint64      overviews_time;    /* monotonic µs */
};

G_DEFINE_FINAL_TYPE (FlinkPoller, _flink_poller, G_TYPE_OBJECT)

static void
_flink_poller_dispose (GObject *object)
{
  FlinkPoller *self = FLINK_POLLER (object);

  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (_flink_poller_parent_class)->dispose (object);
}

static void
_flink_poller_finalize (GObject *object)
{
  FlinkPoller *self = FLINK_POLLER (object);

  g_clear_object (&self->transport);
  g_clear_pointer (&self->watches, g_hash_table_unref);
  g_clear_pointer (&self->statuses, g_hash_table_unref);
  g_free (self->statuses_unknown);
  g_clear_object (&self->overviews);
  g_clear_pointer (&self->overview_statuses, g_hash_table_unref);

  G_OBJECT_CLASS (_flink_poller_parent_class)->finalize (object);
}

static void
_flink_poller_class_init (FlinkPollerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = _flink_poller_dispose;
  object_class->finalize = _flink_poller_finalize;
}

static void
_flink_poller_init (FlinkPoller *self)
{
  self->watches = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) watch_free);
  self->reachable = TRUE;
  self->speed = 1;
}

FlinkPoller *
_flink_poller_new (FlinkTransport *transport)
{
  FlinkPoller *self = g_object_new (FLINK_TYPE_POLLER, NULL);

  self->transport = g_object_ref (transport);
  return self;
}

void
_flink_poller_set_speed (FlinkPoller *self,
                         guint        factor)
{
  self->speed = MAX (factor, 1);
}

guint64
_flink_poller_get_n_requests (FlinkPoller *self)
{
  return self->n_requests;
}

/* ---- Scheduling -------------------------------------------------------- */

static void poll_now (FlinkPoller *self);

static gboolean
timer_cb (gpointer user_data)
{
  FlinkPoller *self = user_data;

  self->timer = 0;
  poll_now (self);
  return G_SOURCE_REMOVE;
}

/* The next poll in @milliseconds, unless one is due sooner. */
static void
schedule (FlinkPoller *self,
          guint        milliseconds)
{
  gint64 due;

  milliseconds /= self->speed;
  due = g_get_monotonic_time () + (gint64) milliseconds * 1000;

  if (self->cancellable != NULL)
    return; /* the poll in flight schedules the next */
  if (self->timer != 0)
    {
      if (self->timer_due <= due)
        return;
      g_clear_handle_id (&self->timer, g_source_remove);
    }
  self->timer_due = due;
  /* No reference: dispose removes the source. */
  self->timer = g_timeout_add (milliseconds, timer_cb, self);
  g_source_set_name_by_id (self->timer, "[flinkjob] poll");
}

/* Jobs worth polling: watched, and neither ended nor unknown. */
static GPtrArray *
active_job_ids (FlinkPoller *self,
                guint       *out_n_lists)
{
  GPtrArray             *ids = g_ptr_array_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter         iter;
  Watch                 *watch;

  *out_n_lists = 0;
  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &watch))
    {
      if (watch->job_id == NULL)
        (*out_n_lists)++;
      else if (!(watch->told && (watch->told_outcome == FLINK_POLL_NOT_FOUND ||
                                 (watch->told_outcome == FLINK_POLL_SEEN &&
                                  flink_job_status_is_globally_terminal (watch->told_status)))) &&
               g_hash_table_add (seen, watch->job_id))
        g_ptr_array_add (ids, watch->job_id);
    }
  return ids;
}

/* ---- Telling the watches ----------------------------------------------- */

static GError *
not_found_error (FlinkPoller *self,
                 const char  *job_id)
{
  return g_error_new (FLINK_ERROR, FLINK_ERROR_NOT_FOUND,
                      _ ("Cluster %s does not know job %s; finished jobs are forgotten after "
                         "jobstore.expiration-time, and a JobManager that restarts without high "
                         "availability forgets all its jobs"),
                      _flink_transport_get_url (self->transport), job_id);
}

static GArray *
watch_ids (FlinkPoller *self)
{
  GArray        *ids = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer       key;

  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint id = GPOINTER_TO_UINT (key);
      g_array_append_val (ids, id);
    }
  return ids;
}

/* Tells each job watch what the poll says of its job: @could_not_ask, or
 * the statuses seen; returns whether any was told a change of status. A
 * watch may remove any watch, or drop the poller's owner: each is looked
 * up again before it is told. */
static gboolean
tell_jobs (FlinkPoller  *self,
           const GError *could_not_ask)
{
  g_autoptr (GArray) ids = watch_ids (self);
  gboolean           changed = FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      Watch             *watch = g_hash_table_lookup (self->watches,
                                                      GUINT_TO_POINTER (g_array_index (ids, guint, i)));
      g_autoptr (GError) not_found = NULL;
      FlinkPollOutcome   outcome;
      FlinkJobStatus     status = FLINK_JOB_STATUS_UNKNOWN;
      const GError      *error = NULL;
      gpointer           value;

      if (watch == NULL || watch->job_id == NULL)
        continue;
      if (could_not_ask != NULL)
        {
          outcome = FLINK_POLL_COULD_NOT_ASK;
          error = could_not_ask;
          if (watch->told)
            status = watch->told_status; /* as last seen */
        }
      else if (self->statuses != NULL &&
               g_hash_table_lookup_extended (self->statuses, watch->job_id, NULL, &value))
        {
          outcome = FLINK_POLL_SEEN;
          status = GPOINTER_TO_INT (value);
        }
      else if (self->statuses != NULL &&
               (self->statuses_complete || g_strcmp0 (self->statuses_unknown, watch->job_id) == 0))
        {
          outcome = FLINK_POLL_NOT_FOUND;
          error = not_found = not_found_error (self, watch->job_id);
        }
      else
        continue; /* its job was not asked about */

      if (watch->told && watch->told_outcome == outcome && watch->told_status == status)
        continue;
      if (watch->told && watch->told_outcome == FLINK_POLL_SEEN && outcome == FLINK_POLL_SEEN)
        changed = TRUE;
      watch->told = TRUE;
      watch->told_outcome = outcome;
      watch->told_status = status;
      watch->job_func (outcome, status, error, watch->user_data);
    }
  return changed;
}

static void
tell_lists (FlinkPoller  *self,
            GListModel   *overviews,
            const GError *could_not_ask)
{
  g_autoptr (GArray) ids = watch_ids (self);

  for (guint i = 0; i < ids->len; i++)
    {
      Watch *watch = g_hash_table_lookup (self->watches,
                                          GUINT_TO_POINTER (g_array_index (ids, guint, i)));

      if (watch == NULL || watch->job_id != NULL)
        continue;
      /* A list told nothing yet gets the whole last list. */
      if (!watch->told && overviews == NULL && could_not_ask == NULL)
        overviews = self->overviews;
      watch->told = TRUE;
      watch->jobs_func (could_not_ask ? FLINK_POLL_COULD_NOT_ASK : FLINK_POLL_SEEN,
                        could_not_ask ? NULL : overviews, could_not_ask, watch->user_data);
    }
}

/* ---- One poll ----------------------------------------------------------- */

typedef enum
{
  ASK_STATUS,   /* GET /jobs/:jobid/status */
  ASK_JOBS,     /* GET /jobs */
  ASK_OVERVIEW, /* GET /jobs/overview */
} Ask;

static void ask (FlinkPoller *self, Ask what, const char *job_id);

/* Whether any watch still waits for its first news. */
static gboolean
watch_untold (FlinkPoller *self)
{
  GHashTableIter iter;
  Watch         *watch;

  g_hash_table_iter_init (&iter, self->watches);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &watch))
    if (!watch->told)
      return TRUE;
  return FALSE;
}

/* Whether a watched job, or a job of the list, is in transition. */
static gboolean
in_transition (FlinkPoller *self,
               GPtrArray   *active,
               guint        n_lists)
{
  gpointer value;

  for (guint i = 0; self->statuses != NULL && i < active->len; i++)
    if (g_hash_table_lookup_extended (self->statuses, g_ptr_array_index (active, i), NULL, &value) &&
        _flink_job_status_in_transition (GPOINTER_TO_INT (value)))
      return TRUE;
  for (guint i = 0; n_lists > 0 && self->overviews != NULL &&
                    i < g_list_model_get_n_items (self->overviews);
       i++)
    {
      g_autoptr (FlinkJobOverview) job = g_list_model_get_item (self->overviews, i);

      if (overview_in_transition (job))
        return TRUE;
    }
  return FALSE;
}

/* The end of a poll: the watches told, the next one scheduled. */
static void
poll_done (FlinkPoller  *self,
           gboolean      changed,
           const GError *could_not_ask)
{
  g_autoptr (GPtrArray) active = NULL;
  FlinkPollSituation    situation;
  guint                 n_lists;
  guint                 wait;

  g_clear_object (&self->cancellable);
  active = active_job_ids (self, &n_lists);
  if (could_not_ask != NULL)
    situation = FLINK_POLL_UNREACHABLE;
  else if (changed || !self->reachable || self->soon) /* changed, back, or acted on */
    situation = FLINK_POLL_CHANGED;
  else if (in_transition (self, active, n_lists))
    situation = FLINK_POLL_IN_TRANSITION;
  else
    situation = FLINK_POLL_STEADY;
  self->reachable = could_not_ask == NULL;
  self->soon = FALSE;

  if (active->len == 0 && n_lists == 0)
    return; /* nothing to watch: idle until a watch comes */
  wait = _flink_jitter (_flink_poll_policy_next (&self->policy, situation));
  /* A watch that came while the poll was in flight is not kept waiting. */
  schedule (self, watch_untold (self) ? 0 : wait);
}

static GHashTable *
statuses_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static gboolean
statuses_equal (GHashTable *a,
                GHashTable *b)
{
  GHashTableIter iter;
  gpointer       key, value, other;

  if (a == NULL || b == NULL || g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_lookup_extended (b, key, NULL, &other) || other != value)
      return FALSE;
  return TRUE;
}

/* @statuses: what the poll saw; @complete: whether it covers every job of
 * the cluster, so that a job missing from it is unknown. */
static void
set_statuses (FlinkPoller *self,
              GHashTable  *statuses,
              gboolean     complete)
{
  g_clear_pointer (&self->statuses, g_hash_table_unref);
  g_clear_pointer (&self->statuses_unknown, g_free);
  self->statuses = statuses;
  self->statuses_complete = complete;
}

static GHashTable *
statuses_from_overviews (GListModel *overviews)
{
  GHashTable *statuses = statuses_new ();

  for (guint i = 0; i < g_list_model_get_n_items (overviews); i++)
    {
      g_autoptr (FlinkJobOverview) job = g_list_model_get_item (overviews, i);

      g_hash_table_insert (statuses, g_strdup (flink_job_overview_get_job_id (job)),
                           GINT_TO_POINTER (flink_job_overview_get_status (job)));
    }
  return statuses;
}

/* The last overview with the statuses the last GET /jobs saw, if that
 * saw the same jobs; else NULL. */
static GListModel *
overviews_patched (FlinkPoller *self)
{
  g_autoptr (GListStore) store = NULL;
  g_autoptr (GPtrArray)  jobs = NULL;
  GHashTableIter         iter;
  gpointer               key;
  guint                  n;

  if (self->overviews == NULL || self->overview_statuses == NULL ||
      g_hash_table_size (self->statuses) != g_hash_table_size (self->overview_statuses))
    return NULL;
  g_hash_table_iter_init (&iter, self->statuses);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (self->overview_statuses, key))
      return NULL;

  n = g_list_model_get_n_items (self->overviews);
  jobs = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (FlinkJobOverview) job = g_list_model_get_item (self->overviews, i);
      FlinkJobStatus               status = GPOINTER_TO_INT (g_hash_table_lookup (self->statuses,
                                                                                  flink_job_overview_get_job_id (job)));

      g_ptr_array_add (jobs, status == flink_job_overview_get_status (job)
                               ? g_steal_pointer (&job)
                               : _flink_job_overview_copy_with_status (job, status));
    }
  store = g_list_store_new (FLINK_TYPE_JOB_OVERVIEW);
  g_list_store_splice (store, 0, 0, jobs->pdata, jobs->len);
  return G_LIST_MODEL (g_steal_pointer (&store));
}

static void
answered_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask)         step = user_data;
  g_autoptr (FlinkPoller)   self = g_object_ref (g_task_get_source_object (step));
  Ask                       what = GPOINTER_TO_INT (g_task_get_task_data (step));
  g_autoptr (FlinkResponse) response = NULL;
  g_autoptr (GError)        error = NULL;
  g_autoptr (GListModel)    overviews = NULL;
  g_autoptr (GPtrArray)     active = NULL;
  JsonObject               *object = NULL;
  gboolean                  changed = FALSE;
  guint                     n_lists;

  response = _flink_transport_send_finish (FLINK_TRANSPORT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* nothing left to watch */
  if (response != NULL)
    object = _flink_response_get_object (response, &error);

  if (what == ASK_STATUS)
    {
      const char    *job_id = g_object_get_data (G_OBJECT (step), "job-id");
      FlinkJobStatus status = FLINK_JOB_STATUS_UNKNOWN;
      gboolean       seen = object != NULL && _flink_job_status_from_json (object, &status, &error);

      if (seen || g_error_matches (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND))
        {
          /* Seen, or known to be unknown. */
          GHashTable *statuses = statuses_new ();

          if (seen)
            g_hash_table_insert (statuses, g_strdup (job_id), GINT_TO_POINTER (status));
          set_statuses (self, statuses, FALSE);
          self->statuses_unknown = g_strdup (seen ? NULL : job_id);
          g_clear_error (&error);
        }
      else if (object != NULL)
        g_prefix_error (&error, "%s: ", response->context);
    }
  else if (what == ASK_JOBS && object != NULL)
    {
      GHashTable *statuses = _flink_job_statuses_from_json (object, &error);

      if (statuses == NULL)
        g_prefix_error (&error, "%s: ", response->context);
      else
        set_statuses (self, statuses, TRUE);
    }
  else if (what == ASK_OVERVIEW && object != NULL)
    {
      overviews = _flink_job_overviews_new_from_json (object, &error);
      if (overviews == NULL)
        g_prefix_error (&error, "%s: ", response->context);
      else
        set_statuses (self, statuses_from_overviews (overviews), TRUE);
    }

  if (error != NULL)
    {
      tell_jobs (self, error);
      tell_lists (self, NULL, error);
      poll_done (self, FALSE, error);
      return;
    }

  changed = tell_jobs (self, NULL);
  active = active_job_ids (self, &n_lists);
  if (what == ASK_JOBS && n_lists > 0 &&
      !statuses_equal (self->statuses, self->overview_statuses))
    {
      g_autoptr (GListModel) patched = overviews_patched (self);

      if (patched == NULL)
        {
          /* A job came or went: the list reads the whole overview; the
           * change counts when that poll ends. */
          self->soon = TRUE;
          ask (self, ASK_OVERVIEW, NULL);
          return;
        }
      /* Only statuses changed: the list shows them now, and its times and
       * task counts with the next overview. */
      g_set_object (&self->overviews, patched);
      g_clear_pointer (&self->overview_statuses, g_hash_table_unref);
      self->overview_statuses = g_hash_table_ref (self->statuses);
      tell_lists (self, patched, NULL);
      poll_done (self, TRUE, NULL);
      return;
    }
  if (what == ASK_OVERVIEW)
    {
      if (n_lists > 0 && self->overview_statuses != NULL &&
          !statuses_equal (self->statuses, self->overview_statuses))
        changed = TRUE;
      g_clear_pointer (&self->overview_statuses, g_hash_table_unref);
      self->overview_statuses = g_hash_table_ref (self->statuses);
      g_set_object (&self->overviews, overviews);
      self->overviews_time = g_get_monotonic_time ();
    }
  if (n_lists > 0)
    tell_lists (self, overviews, NULL);
  poll_done (self, changed, NULL);
}

static void
ask (FlinkPoller *self,
     Ask          what,
     const char  *job_id)
{
  g_autofree char *path = NULL;
  g_autofree char *context = NULL;
  const char      *url = _flink_transport_get_url (self->transport);
  FlinkRequest     request = {
        .method = "GET",
        .retry = FLINK_RETRY_NEVER,
        .flags = FLINK_REQUEST_BACKGROUND,
  };
  GTask *step;

  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  step = _flink_task_new (self, ask, "[flinkjob] poll", self->cancellable, NULL, NULL);
  g_task_set_task_data (step, GINT_TO_POINTER (what), NULL);

  switch (what)
    {
    case ASK_STATUS:
      path = g_strconcat ("/jobs/", job_id, "/status", NULL);
      context = g_strdup_printf ("Cannot watch job %s on cluster %s", job_id, url);
      g_object_set_data_full (G_OBJECT (step), "job-id", g_strdup (job_id), g_free);
      break;
    case ASK_JOBS:
      path = g_strdup ("/jobs");
      context = g_strdup_printf ("Cannot watch the jobs of cluster %s", url);
      break;
    case ASK_OVERVIEW:
    default:
      path = g_strdup ("/jobs/overview");
      context = g_strdup_printf ("Cannot list the jobs of cluster %s", url);
      break;
    }
  request.path = path;
  request.context = context;
  self->n_requests++;
  _flink_transport_send_async (self->transport, &request, self->cancellable, answered_cb, step);
}

static void
poll_now (FlinkPoller *self)
{
  g_autoptr (GPtrArray) active = NULL;
  guint                 n_lists;
  gboolean              overview_due;
  gint64                age;

  if (self->cancellable != NULL)
    return; /* in flight: it schedules the next */
  active = active_job_ids (self, &n_lists);
  if (n_lists == 0 && active->len == 0)
    return;

  if (n_lists == 0 && active->len == 1)
    {
      ask (self, ASK_STATUS, g_ptr_array_index (active, 0));
      return;
    }

  age = g_get_monotonic_time () - self->overviews_time;
  overview_due = self->overviews == NULL || self->soon ||
                 age >= FLINK_POLL_OVERVIEW_MAX_AGE_MS * 1000 / self->speed;
  /* Task counts move while a job deploys or restarts: not faster than
   * this, since statuses come from GET /jobs anyway. */
  for (guint i = 0; self->overviews != NULL && !overview_due &&
                    age >= FLINK_POLL_TRANSITION_MAX_MS * 1000 / self->speed &&
                    i < g_list_model_get_n_items (self->overviews);
       i++)
    {
      g_autoptr (FlinkJobOverview) job = g_list_model_get_item (self->overviews, i);
      overview_due = overview_in_transition (job);
    }
  ask (self, n_lists > 0 && overview_due ? ASK_OVERVIEW : ASK_JOBS, NULL);
}

/* ---- Watches ------------------------------------------------------------ */

static guint
add_watch (FlinkPoller *self,
           Watch       *watch)
{
  watch->id = ++self->last_watch_id;
  g_hash_table_insert (self->watches, GUINT_TO_POINTER (watch->id), watch);
  /* A new watch is told soon; it polls at once unless one is in flight. */
  self->policy.interval = 0;
  schedule (self, 0);
  return watch->id;
}

guint
_flink_poller_watch_job (FlinkPoller     *self,
                         const char      *job_id,
                         FlinkJobPollFunc func,
                         gpointer         user_data)
{
  Watch *watch = g_new0 (Watch, 1);

  g_return_val_if_fail (FLINK_IS_POLLER (self), 0);
  g_return_val_if_fail (job_id != NULL, 0);

  watch->job_id = g_ascii_strdown (job_id, -1);
  watch->job_func = func;
  watch->user_data = user_data;
  return add_watch (self, watch);
}

guint
_flink_poller_watch_jobs (FlinkPoller      *self,
                          FlinkJobsPollFunc func,
                          gpointer          user_data)
{
  Watch *watch = g_new0 (Watch, 1);

  g_return_val_if_fail (FLINK_IS_POLLER (self), 0);

  watch->jobs_func = func;
  watch->user_data = user_data;
  return add_watch (self, watch);
}

void
_flink_poller_unwatch (FlinkPoller *self,
                       guint        watch_id)
{
  g_return_if_fail (FLINK_IS_POLLER (self));

  g_hash_table_remove (self->watches, GUINT_TO_POINTER (watch_id));
  if (g_hash_table_size (self->watches) == 0)
    {
      /* Nothing to watch: no timer, no poll in flight. */
      g_clear_handle_id (&self->timer, g_source_remove);
      if (self->cancellable != NULL)
        g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      self->policy.interval = 0;
      self->policy.fast_left = 0;
    }
}

void
_flink_poller_poll_soon (FlinkPoller *self,
                         const char  *job_id)
{
  g_return_if_fail (FLINK_IS_POLLER (self));

  self->soon = TRUE;
  self->policy.fast_left = FLINK_POLL_FAST_COUNT;
  schedule (self, FLINK_POLL_FAST_MS);
}
