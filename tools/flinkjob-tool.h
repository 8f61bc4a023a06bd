/* flinkjob-tool.h: what the parts of the flinkjob command share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <flinkjob/flinkjob.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The exit codes, documented in --help and in docs/flinkjob.1. */
typedef enum {
  FJ_EXIT_OK = 0,
  FJ_EXIT_FAILED = 1,       /* the operation failed on the cluster */
  FJ_EXIT_USAGE = 2,        /* bad options or arguments */
  FJ_EXIT_NOT_FOUND = 3,    /* job, jar or savepoint not found */
  FJ_EXIT_UNREACHABLE = 4,  /* cluster unreachable */
  FJ_EXIT_TIMED_OUT = 5,    /* --timeout expired, or a request timed out */
  FJ_EXIT_INTERRUPTED = 130 /* SIGINT or SIGTERM */
} FjExit;

#define FJ_DEFAULT_URL "http://localhost:8081"
#define FJ_DEFAULT_RETRIES 2

#define FJ_EXIT_CODES_SHORT                                                      \
  "Exit status: 0 success, 1 operation failed on the cluster, 2 usage error, "  \
  "3 job/jar/savepoint not found, 4 cluster unreachable, 5 timed out, "         \
  "130 interrupted."

/* One subcommand. */
typedef struct _FjCommand FjCommand;
struct _FjCommand
{
  const char *name;
  const char *parameters;  /* e.g. "JOB_ID" */
  const char *summary;     /* one line, for flinkjob --help */
  const char *description; /* more text for flinkjob COMMAND --help */
  int (*run) (const FjCommand *command, int argc, char **argv);
};

/* The state of the one run of the program. */
typedef struct
{
  /* Global options */
  char *url;
  char *config_dir;
  gboolean json;
  double timeout;
  int retries;
  gboolean verbose;

  /* Set when the command line has been parsed */
  gboolean started;
  GCancellable *cancellable;
  gboolean interrupted;
  gboolean timed_out;
  guint timeout_source;

  /* What the command works on, for the notes after an interruption */
  char *cluster_url; /* while connecting */
  FlinkClusterClient *client;
  FlinkJobClient *job;
  char *job_id;
  const char *interrupt_note;

  /* The progress line on stderr */
  gboolean progress_enabled;
  char *progress_what;
  gint64 progress_started;
  guint progress_source;
  gboolean progress_shown;

  /* A status request after an interruption */
  GCancellable *note_cancellable;
} FjApp;

extern FjApp fj;
extern const FjCommand fj_commands[];

/* flinkjob.c: options, connections, waiting, errors */
gboolean            fj_parse            (const FjCommand     *command,
                                         const GOptionEntry  *entries,
                                         int                 *argc,
                                         char              ***argv,
                                         int                  min_args,
                                         int                  max_args);
int                 fj_usage_error      (const FjCommand     *command,
                                         const char          *format,
                                         ...) G_GNUC_PRINTF (2, 3);
int                 fj_fail             (GError              *error);
int                 fj_fail_local       (GError              *error);
int                 fj_connect          (FlinkClusterClient **client);
int                 fj_connect_job      (const char          *job_id,
                                         FlinkJobClient     **job);
void                fj_set_job          (FlinkJobClient      *job);
gboolean            fj_is_job_id        (const char          *text);

void                fj_store_result_cb  (GObject             *source,
                                         GAsyncResult        *result,
                                         gpointer             user_data);
GAsyncResult       *fj_await            (GAsyncResult       **slot);
gboolean            fj_sleep            (guint                milliseconds);

void                fj_progress_start   (const char          *format,
                                         ...) G_GNUC_PRINTF (1, 2);
void                fj_progress_stop    (void);

/* flinkjob-output.c: JSON and human output */
JsonBuilder        *fj_json_begin       (void);
void                fj_json_end         (JsonBuilder         *builder);
void                fj_json_string      (JsonBuilder         *builder,
                                         const char          *name,
                                         const char          *value);
void                fj_json_int         (JsonBuilder         *builder,
                                         const char          *name,
                                         gint64               value);
void                fj_json_bool        (JsonBuilder         *builder,
                                         const char          *name,
                                         gboolean             value);
void                fj_json_accumulators (JsonBuilder        *builder,
                                          GListModel         *accumulators);
void                fj_print_json_error (GError              *error,
                                         int                  exit_code,
                                         const char          *job_status);

char               *fj_format_time      (gint64               ms);
char               *fj_format_duration  (gint64               ms);
const char         *fj_short_class      (const char          *java_class);

typedef struct _FjTable FjTable;
FjTable            *fj_table_new        (const char          *first_heading,
                                         ...) G_GNUC_NULL_TERMINATED;
void                fj_table_add        (FjTable             *table,
                                         const char          *first_cell,
                                         ...) G_GNUC_NULL_TERMINATED;
void                fj_table_print      (FjTable             *table,
                                         const char          *indent);
void                fj_table_free       (FjTable             *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FjTable, fj_table_free)

void                fj_print_field      (const char          *key,
                                         const char          *format,
                                         ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS
