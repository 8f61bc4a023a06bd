/* flink-job-client-private.h: what the job client's files share
 *
 * The job client is split by feature, as libportal splits its portal:
 * flink-job-client.c (the type, status, details, cancel),
 * flink-job-client-results.c (accumulators, result, exception history),
 * flink-job-client-savepoints.c (savepoints,
 * stop with savepoint, checkpoints), flink-job-client-rescaling.c
 * (resource requirements) and flink-job-client-watch.c (watching and
 * waiting for a status). Only those files include this header.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "flinkjob.h"
#include "flink-transport-private.h"

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

struct _FlinkJobClient
{
  GObject parent_instance;

  FlinkClusterClient *cluster_client;
  char *job_id;

  /* Watching (flink-job-client-watch.c) */
  gboolean watched;
  guint watch_id;
  FlinkJobStatus last_seen_status;
  gboolean reachable;
};

enum {
  FLINK_JOB_CLIENT_PROP_0,
  FLINK_JOB_CLIENT_PROP_JOB_ID,
  FLINK_JOB_CLIENT_PROP_CLUSTER_CLIENT,
  FLINK_JOB_CLIENT_PROP_WATCHED,
  FLINK_JOB_CLIENT_PROP_LAST_SEEN_STATUS,
  FLINK_JOB_CLIENT_PROP_REACHABLE,
  FLINK_JOB_CLIENT_N_PROPS
};

extern GParamSpec *_flink_job_client_properties[FLINK_JOB_CLIENT_N_PROPS];
extern guint _flink_job_client_status_changed_signal;

/* "Cannot <what> job <id><after> on cluster <url>" */
char  *_flink_job_client_context      (FlinkJobClient      *self,
                                       const char          *what,
                                       const char          *after);
/* A task whose data is its context: "Cannot <what> job ...". */
GTask *_flink_job_client_task_new     (FlinkJobClient      *self,
                                       gpointer             source_tag,
                                       const char          *name,
                                       const char          *what,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* GET /jobs/:jobid<suffix>?<query> for @task, whose data is its context. */
void   _flink_job_client_get          (FlinkJobClient      *self,
                                       GTask               *task,
                                       const char          *suffix,
                                       const char          *query,
                                       GAsyncReadyCallback  callback);
/* Sends @request for @task, its path taken below /jobs/:jobid. */
void   _flink_job_client_send         (FlinkJobClient      *self,
                                       const FlinkRequest  *request,
                                       GTask               *task,
                                       GAsyncReadyCallback  callback);
/* What the cluster's Flink cannot do fails before the operation is sent:
 * @what needs Flink @major.@minor or later. Learns the version if it is
 * not known yet, then goes on with @then (@data, freed with @destroy), or
 * answers @task with the error. Takes @task. */
typedef void (*FlinkJobClientStep) (FlinkJobClient *self,
                                    GTask          *task,
                                    gpointer        data);
void   _flink_job_client_require_flink (FlinkJobClient     *self,
                                        GTask              *task,
                                        const char         *context,
                                        guint               major,
                                        guint               minor,
                                        const char         *what,
                                        FlinkJobClientStep  then,
                                        gpointer            data,
                                        GDestroyNotify      destroy);

/* Answers @task with @error (taken), unless the job has ended: then with
 * FLINK_ERROR_CONFLICT saying its status, whatever the cluster said. */
void   _flink_job_client_return_error (FlinkJobClient      *self,
                                       GTask               *task,
                                       const char          *context,
                                       GError              *error);

/* flink-job-client-watch.c */
void   _flink_job_client_stop_watching (FlinkJobClient     *self);

/* clang-format on */

G_END_DECLS
