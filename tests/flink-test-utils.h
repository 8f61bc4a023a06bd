/* flink-test-utils.h: running flinkjob's asynchronous calls in tests
 *
 * Every wait here has a deadline. A wait that outlives it fails the test at
 * once with g_error(), naming the test, what it awaited and where, so that
 * no test hangs until meson's timeout. The deadline of a wait that names
 * none is flink_test_get_default_deadline(): 120 s, or the seconds in
 * FLINKJOB_TEST_DEADLINE_S (a slow machine, valgrind), or what the program
 * set with flink_test_set_default_deadline().
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <flinkjob/flinkjob.h>

G_BEGIN_DECLS

/* ---- Deadlines ----------------------------------------------------------- */

#define FLINK_TEST_DEFAULT_DEADLINE_S 120

guint         flink_test_get_default_deadline (void);
/* A program whose meson timeout is short sets a shorter one (the
 * environment still wins). */
void          flink_test_set_default_deadline (guint seconds);

/* A wait's deadline, from its creation on: @seconds (0: the default), and
 * what is awaited, in words that finish "waited N s for ...". */
typedef struct _FlinkTestDeadline FlinkTestDeadline;

FlinkTestDeadline *flink_test_deadline_new     (guint              seconds,
                                                const char        *format,
                                                ...) G_GNUC_PRINTF (2, 3);
void          flink_test_deadline_free         (FlinkTestDeadline *deadline);
/* One iteration of the thread-default main context, which wakes up at the
 * deadline at the latest; fails the test once the deadline has passed. */
void          flink_test_deadline_iterate      (FlinkTestDeadline *deadline);
/* Iterates the main context for @milliseconds, failing the test if the
 * deadline passes meanwhile. */
void          flink_test_deadline_sleep        (FlinkTestDeadline *deadline,
                                                guint              milliseconds);
/* Iterates until *slot is set (flink_test_store_result_cb) and returns it. */
GAsyncResult *flink_test_deadline_wait         (FlinkTestDeadline *deadline,
                                                GAsyncResult     **slot);
/* Seconds since the deadline was made. */
double        flink_test_deadline_elapsed      (FlinkTestDeadline *deadline);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlinkTestDeadline, flink_test_deadline_free)

/* Iterates the thread-default main context until @condition holds, at most
 * @seconds (0: the default); past that the test fails, saying it waited
 * for what the printf-style arguments say. */
#define flink_test_iterate_until(condition, seconds, ...) \
  G_STMT_START { \
    g_autoptr(FlinkTestDeadline) flink_test_deadline_ = flink_test_deadline_new ((seconds), __VA_ARGS__); \
    while (!(condition)) \
      flink_test_deadline_iterate (flink_test_deadline_); \
  } G_STMT_END

/* ---- Asynchronous calls -------------------------------------------------- */

/* Stores the GAsyncResult in *(GAsyncResult **) user_data. */
void          flink_test_store_result_cb (GObject      *source,
                                          GAsyncResult *result,
                                          gpointer      user_data);

/* Iterates the thread-default main context until *slot is set, at most the
 * default deadline (flink_test_wait) or @seconds (flink_test_wait_within);
 * past it the test fails, naming the place of the wait. */
#define flink_test_wait(slot) flink_test_wait_at ((slot), 0, G_STRLOC, G_STRFUNC)
#define flink_test_wait_within(slot, seconds) flink_test_wait_at ((slot), (seconds), G_STRLOC, G_STRFUNC)
GAsyncResult *flink_test_wait_at         (GAsyncResult **slot,
                                          guint          seconds,
                                          const char    *location,
                                          const char    *function);

/* Iterates the main context for @milliseconds. */
void          flink_test_sleep           (guint          milliseconds);
/* Cancels @cancellable after @milliseconds of the main context. */
void          flink_test_cancel_after    (GCancellable  *cancellable,
                                          guint          milliseconds);

/* ---- The cluster --------------------------------------------------------- */

/* The real cluster the harness started (FLINK_REST_URL), or NULL after
 * marking the test skipped when there is none and none is required. */
const char   *flink_test_cluster_url     (void);
/* Retrieves a client of that cluster, asserting success. */
FlinkClusterClient *flink_test_retrieve  (const char   *url);
/* Retrieves a client through @descriptor: the cluster client or NULL and
 * @error. */
FlinkClusterClient *flink_test_retrieve_from (FlinkClusterDescriptor  *descriptor,
                                              GError                 **error);

/* The test jobs' jar that the harness built (FLINKJOB_TEST_JOBS_JAR). */
GFile        *flink_test_jobs_jar        (void);
/* Submits the test jobs' jar with @entry_class, @args (NULL: none) and
 * @savepoint_path (NULL: none), asserting success. */
FlinkJobClient *flink_test_submit        (FlinkClusterClient *client,
                                          const char         *entry_class,
                                          const char * const *args,
                                          const char         *savepoint_path);

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

/* ---- Lists and files ----------------------------------------------------- */

/* The first item of @model whose string property @property is @value (a
 * job id, an accumulator name, a jar id), or NULL. */
gpointer      flink_test_find_item       (GListModel     *model,
                                          const char     *property,
                                          const char     *value);

/* A file:// URI or path to a local path; NULL if not local. */
char         *flink_test_local_path      (const char *location);
/* @name in the harness's work directory (FLINKJOB_TEST_WORKDIR), or in the
 * temporary directory. */
char         *flink_test_work_path       (const char *name);

/* The source directory of the tests. */
const char   *flink_test_srcdir          (void);

G_END_DECLS
