/* flink-test-utils.h: running flinkjob's asynchronous calls in tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <flinkjob/flinkjob.h>

G_BEGIN_DECLS

/* Stores the GAsyncResult in *(GAsyncResult **) user_data. */
void          flink_test_store_result_cb (GObject      *source,
                                          GAsyncResult *result,
                                          gpointer      user_data);
/* Iterates the thread-default main context until *slot is set. */
GAsyncResult *flink_test_wait            (GAsyncResult **slot);
/* Iterates the main context for @milliseconds. */
void          flink_test_sleep           (guint          milliseconds);

/* The real cluster the harness started (FLINK_REST_URL), or NULL after
 * marking the test skipped when there is none and none is required. */
const char   *flink_test_cluster_url     (void);
/* Retrieves a client of that cluster, asserting success. */
FlinkClusterClient *flink_test_retrieve  (const char   *url);

/* Polls the job's status until it is @status, at most @seconds. */
gboolean      flink_test_wait_for_status (FlinkJobClient *job,
                                          FlinkJobStatus  status,
                                          guint           seconds);
/* Polls until every vertex of the job is RUNNING, at most @seconds. */
gboolean      flink_test_wait_for_all_running (FlinkJobClient *job,
                                               guint           seconds);
/* Reads an accumulator's integer value, or -1 when it is not there. */
gint64        flink_test_get_accumulator (FlinkJobClient *job,
                                          const char     *name);

/* A file:// URI or path to a local path; NULL if not local. */
char         *flink_test_local_path      (const char *location);

/* The source directory of the tests. */
const char   *flink_test_srcdir          (void);

G_END_DECLS
