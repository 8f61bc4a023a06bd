/* flink-poller-private.h: the one poller behind every watcher
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "flink-transport-private.h"

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

/* ---- The policy: how often to poll -------------------------------------- */

#define FLINK_POLL_FAST_MS 250              /* after a change, or an action */
#define FLINK_POLL_FAST_COUNT 4             /* ... that many polls */
#define FLINK_POLL_TRANSITION_MAX_MS 2000   /* in transition: fast, slowing to this */
#define FLINK_POLL_STEADY_FIRST_MS 1000     /* steady: from this ... */
#define FLINK_POLL_STEADY_MAX_MS 1500       /* ... slowing to this: one shared poll per cluster, so a change is seen within 1.5 s */
#define FLINK_POLL_UNREACHABLE_FIRST_MS 1000
#define FLINK_POLL_UNREACHABLE_MAX_MS 30000

/* What the last poll found, for the policy. */
typedef enum {
  FLINK_POLL_STEADY,          /* nothing changed, nothing in transition */
  FLINK_POLL_IN_TRANSITION,   /* nothing changed; something is in transition */
  FLINK_POLL_CHANGED,         /* something changed, or was just acted on */
  FLINK_POLL_UNREACHABLE,     /* the cluster could not be asked */
} FlinkPollSituation;

typedef struct {
  guint interval;             /* the last wait, ms; 0 before the first */
  guint fast_left;            /* fast polls still owed after a change */
} FlinkPollPolicy;

/* The wait before the next poll, without jitter. */
guint    _flink_poll_policy_next (FlinkPollPolicy    *policy,
                                  FlinkPollSituation  situation);

/* Whether a job in @status may change soon by itself (CREATED, CANCELLING,
 * RESTARTING, ...): neither running steadily nor globally terminal. */
gboolean _flink_job_status_in_transition (FlinkJobStatus status);

/* ---- The poller ------------------------------------------------------- */

#define FLINK_TYPE_POLLER (_flink_poller_get_type ())
G_DECLARE_FINAL_TYPE (FlinkPoller, _flink_poller, FLINK, POLLER, GObject)

/* What a poll found out. */
typedef enum {
  FLINK_POLL_SEEN,            /* the cluster answered */
  FLINK_POLL_NOT_FOUND,       /* the cluster does not know the job */
  FLINK_POLL_COULD_NOT_ASK,   /* unreachable, too slow, or not answering as Flink */
} FlinkPollOutcome;

/* A job watch is told after the first poll, then whenever the outcome or
 * the status changes. @error is set unless @outcome is FLINK_POLL_SEEN. */
typedef void (*FlinkJobPollFunc)  (FlinkPollOutcome  outcome,
                                   FlinkJobStatus    status,
                                   const GError     *error,
                                   gpointer          user_data);
/* A jobs watch is told after every poll: @overviews is the cluster's
 * fresh list of FlinkJobOverview, or NULL when nothing changed since the
 * last one it was given (or on error). */
typedef void (*FlinkJobsPollFunc) (FlinkPollOutcome  outcome,
                                   GListModel       *overviews,
                                   const GError     *error,
                                   gpointer          user_data);

FlinkPoller *_flink_poller_new         (FlinkTransport    *transport);
guint        _flink_poller_watch_job   (FlinkPoller       *self,
                                        const char        *job_id,
                                        FlinkJobPollFunc   func,
                                        gpointer           user_data);
guint        _flink_poller_watch_jobs  (FlinkPoller       *self,
                                        FlinkJobsPollFunc  func,
                                        gpointer           user_data);
void         _flink_poller_unwatch     (FlinkPoller       *self,
                                        guint              watch_id);
/* Someone just acted on @job_id (or on the cluster, for NULL): poll fast
 * for a while, starting now. */
void         _flink_poller_poll_soon   (FlinkPoller       *self,
                                        const char        *job_id);
/* For tests: every wait divided by @factor (1: as documented). */
void         _flink_poller_set_speed   (FlinkPoller       *self,
                                        guint              factor);
/* Requests sent so far: the load on the cluster. */
guint64      _flink_poller_get_n_requests (FlinkPoller    *self);

/* flink-job-overview.c: a copy of @self in @status, for a list that
 * learned of a new status from GET /jobs. */
FlinkJobOverview *_flink_job_overview_copy_with_status (FlinkJobOverview *self,
                                                        FlinkJobStatus    status);

/* flink-job-list.c: brings a list to @fresh, emitting the smallest changes
 * (for the fuzzing suite, which feeds it what a server could send). */
void         _flink_job_list_apply     (FlinkJobList      *self,
                                        GListModel        *fresh);

/* clang-format on */

G_END_DECLS
