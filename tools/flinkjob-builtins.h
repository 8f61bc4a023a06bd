/* flinkjob-builtins.h: what the parts of the flinkjob command share
 *
 * As in flatpak's app/: flinkjob.c holds main, the table of commands and
 * what every command needs (options, connection, waiting, errors); each
 * flinkjob-builtins-*.c holds one group of commands; flinkjob-output.c
 * prints results as text or JSON.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <flinkjob/flinkjob.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

/* The exit codes, documented in --help and in docs/flinkjob.1. */
typedef enum {
  FJ_EXIT_OK = 0,
  FJ_EXIT_FAILED = 1,       /* the operation failed on the cluster */
  FJ_EXIT_USAGE = 2,        /* bad options or arguments */
  FJ_EXIT_NOT_FOUND = 3,    /* job, jar or savepoint not found */
  FJ_EXIT_UNREACHABLE = 4,  /* cluster unreachable */
  FJ_EXIT_TIMED_OUT = 5,    /* --timeout expired, or a request timed out */
  FJ_EXIT_DEPLOY_FAILED = 6, /* a cluster could not be deployed on this machine */
  FJ_EXIT_INTERRUPTED = 130 /* SIGINT or SIGTERM */
} FjExit;

#define FJ_DEFAULT_URL "http://localhost:8081"
#define FJ_DEFAULT_RETRIES 2

/* How often `wait` and `rescale --wait` read the job's state. */
#define FJ_POLL_MS 500

#define FJ_EXIT_CODES_SHORT                                                      \
  "Exit status: 0 success, 1 operation failed on the cluster, 2 usage error, "  \
  "3 job/jar/savepoint not found, 4 cluster unreachable, 5 timed out, "         \
  "6 cluster not deployed, 130 interrupted."

/* One subcommand. */
typedef struct _FjCommand FjCommand;
struct _FjCommand
{
  const char *name;
  const char *parameters;  /* e.g. "JOB_ID" */
  int min_args;            /* how many positional arguments it takes */
  int max_args;            /* -1: any number */
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
  double timeout; /* seconds; 0: none */
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

/* ---- flinkjob.c: options, connections, waiting, errors -------------------- */

/* Reads the positional arguments after the fixed ones (GOption's
 * G_OPTION_REMAINING, one at a time): @position counts from 0. */
typedef gboolean (*FjArgumentFunc) (guint             position,
                                    const char       *argument,
                                    gpointer          user_data,
                                    GError          **error);

gboolean            fj_parse            (const FjCommand     *command,
                                         const GOptionEntry  *entries,
                                         FjArgumentFunc       argument_func,
                                         gpointer             user_data,
                                         int                  argc,
                                         char               **argv,
                                         GStrv               *out_args);
gboolean            fj_parse_whole_number (const char        *option,
                                           const char        *text,
                                           guint              min,
                                           guint              max,
                                           guint             *out_value,
                                           GError           **error);
int                 fj_usage_error      (const FjCommand     *command,
                                         const char          *format,
                                         ...) G_GNUC_PRINTF (2, 3);
int                 fj_fail             (GError              *error);
int                 fj_fail_local       (GError              *error);
int                 fj_fail_cancelled   (void);
int                 fj_fail_deploy      (GError              *error);
int                 fj_connect          (FlinkClusterClient **client);
int                 fj_connect_job      (const char          *job_id,
                                         FlinkJobClient     **job);
void                fj_set_job          (FlinkJobClient      *job);
int                 fj_get_job_status   (FlinkJobClient      *job,
                                         FlinkJobStatus      *out_status);
int                 fj_get_job_details  (FlinkJobClient      *job,
                                         FlinkJobDetails    **out_details);

void                fj_store_result_cb  (GObject             *source,
                                         GAsyncResult        *result,
                                         gpointer             user_data);
GAsyncResult       *fj_await            (GAsyncResult       **slot);
gboolean            fj_sleep            (guint                milliseconds);

/* ---- flinkjob-output.c: results as text or JSON, progress ----------------- */

void                fj_progress_start   (const char          *format,
                                         ...) G_GNUC_PRINTF (1, 2);
void                fj_progress_stop    (void);

/* Prints a command's result for people, from its JSON form. */
typedef void (*FjTextFunc) (JsonObject *result);

JsonBuilder        *fj_json_begin       (void);
int                 fj_print_result     (JsonBuilder         *builder,
                                         FjTextFunc           text_func);
void                fj_print_json_error (GError              *error,
                                         int                  exit_code,
                                         const char          *job_status);

void                fj_json_string      (JsonBuilder         *builder,
                                         const char          *name,
                                         const char          *value);
void                fj_json_int         (JsonBuilder         *builder,
                                         const char          *name,
                                         gint64               value);
void                fj_json_bool        (JsonBuilder         *builder,
                                         const char          *name,
                                         gboolean             value);
void                fj_json_strv        (JsonBuilder         *builder,
                                         const char          *name,
                                         const char * const  *values);
const char         *fj_get_string       (JsonObject          *object,
                                         const char          *name);
gint64              fj_get_int          (JsonObject          *object,
                                         const char          *name);
JsonArray          *fj_get_array        (JsonObject          *object,
                                         const char          *name);
JsonObject         *fj_get_object       (JsonObject          *object,
                                         const char          *name);

/* How server text is made safe to show (fj_safe_text). */
typedef enum {
  FJ_TEXT_LINE,  /* one line: every control character escaped */
  FJ_TEXT_LINES, /* several lines (a stack trace): newlines and tabs kept */
} FjTextKind;

char               *fj_safe_text        (const char          *text,
                                         FjTextKind           kind);
void                fj_print_line       (const char          *format,
                                         ...) G_GNUC_PRINTF (1, 2);
void                fj_print_lines      (const char          *text);
void                fj_print_field      (const char          *key,
                                         const char          *format,
                                         ...) G_GNUC_PRINTF (2, 3);

char               *fj_format_time      (gint64               ms);
char               *fj_format_duration  (gint64               ms);
const char         *fj_short_class      (const char          *java_class);

typedef struct _FjTable FjTable;
FjTable            *fj_table_new        (const char          *first_heading,
                                         ...) G_GNUC_NULL_TERMINATED;
void                fj_table_add        (FjTable             *table,
                                         ...);
void                fj_table_print      (FjTable             *table,
                                         const char          *indent);
void                fj_table_free       (FjTable             *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FjTable, fj_table_free)

/* ---- The commands --------------------------------------------------------- */

#define FJ_BUILTIN(name) \
  int fj_builtin_ ## name (const FjCommand *command, int argc, char **argv);

/* flinkjob-builtins-jobs.c */
FJ_BUILTIN (list)
FJ_BUILTIN (status)
FJ_BUILTIN (info)
FJ_BUILTIN (wait)
/* flinkjob-builtins-control.c */
FJ_BUILTIN (cancel)
FJ_BUILTIN (rescale)
/* flinkjob-builtins-savepoints.c */
FJ_BUILTIN (savepoint)
FJ_BUILTIN (stop)
FJ_BUILTIN (dispose_savepoint)
/* flinkjob-builtins-results.c */
FJ_BUILTIN (accumulators)
FJ_BUILTIN (result)
void fj_json_job_result (JsonBuilder    *builder,
                         FlinkJobResult *job_result);
void fj_job_result_text (JsonObject     *result);
/* flinkjob-builtins-cluster.c */
FJ_BUILTIN (cluster)
FJ_BUILTIN (jars)
FJ_BUILTIN (submit)
/* flinkjob-builtins-deploy.c */
FJ_BUILTIN (run_application)
int fj_builtin_cluster_deploy (int    argc,
                               char **argv);

#undef FJ_BUILTIN

/* clang-format on */

G_END_DECLS
