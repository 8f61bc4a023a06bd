/* flinkjob.c: a command-line client of Apache Flink's REST API
 *
 * flinkjob [GLOBAL OPTION…] COMMAND [OPTION…] [ARGUMENT…]
 *
 * This file holds what every command shares: the global options, finding
 * the cluster, driving the library's asynchronous calls with the main
 * context, the deadline (--timeout), Ctrl-C, the progress line and the
 * mapping of errors to exit codes, and the table of commands. The commands
 * are in flinkjob-builtins-*.c, one file per group, as flatpak's are; the
 * output in flinkjob-output.c.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define G_LOG_DOMAIN "flinkjob"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flinkjob-builtins.h"

FjApp fj;

/* How long the status request after an interruption may take. */
#define NOTE_STATUS_SECONDS 5

static gboolean print_version;

/* Whole numbers given to options (--retries, --parallelism) and in
 * arguments: @text as a number from @min to @max, or a usage error naming
 * @option. */
gboolean
fj_parse_whole_number (const char *option,
                       const char *text,
                       guint       min,
                       guint       max,
                       guint      *out_value,
                       GError    **error)
{
  guint64 value;

  if (g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    {
      *out_value = (guint) value;
      return TRUE;
    }
  if (max < G_MAXINT32)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _ ("%s must be a whole number from %u to %u, not “%s”"), option, min, max, text);
  else if (g_ascii_string_to_unsigned (text, 10, min, G_MAXUINT64, &value, NULL))
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _ ("%s must be a whole number of at least %u and at most %u, not “%s”"), option,
                 min, max, text);
  else
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 _ ("%s must be a whole number of at least %u, not “%s”"), option, min, text);
  return FALSE;
}

/* --timeout SECONDS: a finite number greater than 0 (0, a negative number,
 * nan or inf would switch the deadline off or make it meaningless). */
static gboolean
parse_timeout_cb (const char *option_name,
                  const char *value,
                  gpointer    data,
                  GError    **error)
{
  char  *end = NULL;
  double seconds = g_ascii_strtod (value, &end);

  if (end == value || *end != '\0' || !isfinite (seconds) || seconds <= 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("--timeout must be a number of seconds greater than 0, not “%s”"), value);
      return FALSE;
    }
  fj.timeout = seconds;
  return TRUE;
}

static gboolean
parse_retries_cb (const char *option_name,
                  const char *value,
                  gpointer    data,
                  GError    **error)
{
  guint retries;

  if (!fj_parse_whole_number ("--retries", value, 0, 999, &retries, error))
    return FALSE;
  fj.retries = (int) retries;
  return TRUE;
}

static const GOptionEntry global_entries[] = {
  { "url", 0, 0, G_OPTION_ARG_STRING, &fj.url,
    "The cluster's REST URL (default: from --config-dir, else from FLINK_CONF_DIR, "
    "else " FJ_DEFAULT_URL ")",
    "URL" },
  { "config-dir", 0, 0, G_OPTION_ARG_FILENAME, &fj.config_dir,
    "A Flink configuration directory (config.yaml or flink-conf.yaml) that names the "
    "cluster: rest.address, rest.port, ...",
    "DIR" },
  { "json", 0, 0, G_OPTION_ARG_NONE, &fj.json,
    "Print the result as JSON on stdout (schema: docs/cli-json.md)", NULL },
  { "timeout", 0, 0, G_OPTION_ARG_CALLBACK, parse_timeout_cb,
    "Give up after SECONDS in all, a number greater than 0 (exit status 5)", "SECONDS" },
  { "retries", 0, 0, G_OPTION_ARG_CALLBACK, parse_retries_cb,
    "Send a request that failed to connect (or got HTTP 503) up to N more times "
    "(0 to 999, default 2)",
    "N" },
  { "verbose", 'v', 0, G_OPTION_ARG_NONE, &fj.verbose,
    "Log the library's requests on stderr (G_MESSAGES_DEBUG=Flink)", NULL },
  { NULL }
};

static const GOptionEntry main_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, &print_version,
    "Print flinkjob's version and exit", NULL },
  { NULL }
};

#define EXIT_CODES_LONG                                                       \
  "Exit status:\n"                                                            \
  "  0    success (for wait and result: the job reached the state, whatever " \
  "its outcome)\n"                                                            \
  "  1    the operation failed on the cluster (refused, failed savepoint, "   \
  "server error)\n"                                                           \
  "  2    usage error: bad option or argument (such as a malformed job id)\n" \
  "  3    the job, jar or savepoint was not found on the cluster\n"           \
  "  4    the cluster could not be reached\n"                                 \
  "  5    timed out (--timeout expired, or the cluster did not answer)\n"     \
  "  6    a cluster could not be deployed on this machine (cluster start, "   \
  "run-application)\n"                                                        \
  "  130  interrupted (Ctrl-C or SIGTERM); the job's state is printed\n"

/* ---- Errors --------------------------------------------------------------- */

static int
exit_code_for (const GError *error)
{
  if (error->domain == FLINK_ERROR)
    {
      switch (error->code)
        {
        case FLINK_ERROR_NOT_FOUND:
          return FJ_EXIT_NOT_FOUND;
        case FLINK_ERROR_CONNECTION_FAILED:
        case FLINK_ERROR_UNAVAILABLE:
          return FJ_EXIT_UNREACHABLE;
        case FLINK_ERROR_TIMED_OUT:
          return FJ_EXIT_TIMED_OUT;
        case FLINK_ERROR_DEPLOYMENT_FAILED:
          return FJ_EXIT_DEPLOY_FAILED;
        default:
          /* INVALID_ARGUMENT here came from the cluster (HTTP 400): the
           * local checks go through fj_fail_local (). */
          return FJ_EXIT_FAILED;
        }
    }
  if (error->domain == G_OPTION_ERROR)
    return FJ_EXIT_USAGE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return fj.timed_out && !fj.interrupted ? FJ_EXIT_TIMED_OUT : FJ_EXIT_INTERRUPTED;
  return FJ_EXIT_FAILED;
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_REMOVE;
}

/* After an interruption or a timeout: what state is the job in now? One
 * quick request, with its own cancellable, at most NOTE_STATUS_SECONDS. */
static char *
query_job_status (void)
{
  g_autoptr (FlinkJobClient) job = NULL;
  g_autoptr (GAsyncResult)   result = NULL;
  g_autoptr (GError)         error = NULL;
  FlinkJobStatus             status;
  guint                      source;

  if (fj.job != NULL)
    job = g_object_ref (fj.job);
  else if (fj.client != NULL && fj.job_id != NULL)
    job = flink_cluster_client_get_job_client (fj.client, fj.job_id, NULL);
  if (job == NULL)
    return NULL;

  fj.note_cancellable = g_cancellable_new ();
  source = g_timeout_add_seconds (NOTE_STATUS_SECONDS, cancel_cb, fj.note_cancellable);
  flink_job_client_get_job_status_async (job, fj.note_cancellable, fj_store_result_cb, &result);
  status = flink_job_client_get_job_status_finish (job, fj_await (&result), &error);
  if (!g_cancellable_is_cancelled (fj.note_cancellable))
    g_source_remove (source);
  g_clear_object (&fj.note_cancellable);

  if (error != NULL)
    {
      g_debug ("Cannot read the job's status: %s", error->message);
      return NULL;
    }
  return g_strdup (flink_job_status_to_string (status));
}

static int
report (GError *error,
        int     code)
{
  g_autofree char    *status = NULL;
  g_autofree char    *message = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GError)  shown = NULL;
  g_autofree char    *safe = NULL;

  fj_progress_stop ();

  if (code == FJ_EXIT_INTERRUPTED || (code == FJ_EXIT_TIMED_OUT && fj.timed_out))
    {
      /* Say what the operation left behind. */
      status = query_job_status ();
      if (code == FJ_EXIT_INTERRUPTED)
        g_string_append (text, "Interrupted");
      else
        g_string_append_printf (text, "Timed out after %g s", fj.timeout);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          strstr (error->message, "trigger") != NULL)
        g_string_append_printf (text, " (%s)", error->message);
      else if (fj.client == NULL && fj.cluster_url != NULL)
        g_string_append_printf (text, " while connecting to the cluster at %s", fj.cluster_url);
      g_string_append (text, ".");
      if (fj.job_id != NULL && status != NULL)
        g_string_append_printf (text, " Job %s is %s", fj.job_id, status);
      else if (fj.job_id != NULL)
        g_string_append_printf (text, " The state of job %s is unknown", fj.job_id);
      if (fj.interrupt_note != NULL && fj.job_id != NULL)
        g_string_append_printf (text, "; %s", fj.interrupt_note);
      else if (fj.interrupt_note != NULL)
        g_string_append_printf (text, " %c%s", g_ascii_toupper (fj.interrupt_note[0]),
                                fj.interrupt_note + 1);
      else if (fj.job_id != NULL)
        g_string_append (text, ".");
      message = g_string_free (g_steal_pointer (&text), FALSE);
      if (code == FJ_EXIT_TIMED_OUT)
        shown = g_error_new_literal (FLINK_ERROR, FLINK_ERROR_TIMED_OUT, message);
      else
        shown = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, message);
    }
  else
    {
      shown = g_error_copy (error);
    }

  /* The message may hold the cluster's text: one safe line. */
  safe = fj_safe_text (shown->message, FJ_TEXT_LINE);
  fprintf (stderr, "flinkjob: %s\n", safe);
  if (fj.json)
    fj_print_json_error (shown, code, status);
  return code;
}

/* Reports @error (on stderr, and as JSON on stdout with --json) and returns
 * the exit code it maps to. Takes no ownership. */
int
fj_fail (GError *error)
{
  return report (error, exit_code_for (error));
}

/* Same for an error of a local check (a malformed job id, an unreadable
 * configuration): a usage error whatever its code. */
int
fj_fail_local (GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return fj_fail (error);
  return report (error, FJ_EXIT_USAGE);
}

/* For a wait that ends because the operation was cancelled (Ctrl-C, the
 * deadline) between two requests. */
int
fj_fail_cancelled (void)
{
  g_autoptr (GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                  _ ("Operation was cancelled"));
  return fj_fail (error);
}

/* For an error of deploying a cluster on this machine (no Flink, no Java,
 * a port in use, a JVM that died): exit status 6 whatever its code, but
 * for an interruption or the deadline. */
int
fj_fail_deploy (GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, FLINK_ERROR, FLINK_ERROR_TIMED_OUT))
    return fj_fail (error);
  return report (error, FJ_EXIT_DEPLOY_FAILED);
}

int
fj_usage_error (const FjCommand *command,
                const char      *format,
                ...)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *message = NULL;
  va_list            args;
  int                code;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  error = g_error_new_literal (G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, message);
  code = report (error, FJ_EXIT_USAGE);
  if (command != NULL)
    fprintf (stderr, "Try “flinkjob %s --help”.\n", command->name);
  else
    fprintf (stderr, "Try “flinkjob --help”.\n");
  return code;
}

/* ---- Waiting -------------------------------------------------------------- */

void
fj_store_result_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert (*slot == NULL);
  *slot = g_object_ref (result);
}

/* Iterates the main context (where the signal handlers, the deadline and
 * the library's callbacks run) until *slot is set. */
GAsyncResult *
fj_await (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static gboolean
sleep_done_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits @milliseconds; FALSE if the operation was cancelled meanwhile. */
gboolean
fj_sleep (guint milliseconds)
{
  gboolean done = FALSE;
  guint    source;

  if (g_cancellable_is_cancelled (fj.cancellable))
    return FALSE;
  source = g_timeout_add (milliseconds, sleep_done_cb, &done);
  while (!done && !g_cancellable_is_cancelled (fj.cancellable))
    g_main_context_iteration (NULL, TRUE);
  if (!done)
    g_source_remove (source);
  return done;
}

/* ---- Signals and deadline ------------------------------------------------- */

static gboolean
signal_cb (gpointer user_data)
{
  if (fj.interrupted)
    {
      /* A second Ctrl-C: do not wait for anything more. */
      fj_progress_stop ();
      fputs ("flinkjob: interrupted again; exiting at once\n", stderr);
      exit (FJ_EXIT_INTERRUPTED);
    }
  g_debug ("Signal %d: cancelling", GPOINTER_TO_INT (user_data));
  fj.interrupted = TRUE;
  g_cancellable_cancel (fj.cancellable);
  return G_SOURCE_CONTINUE;
}

static gboolean
deadline_cb (gpointer user_data)
{
  fj.timeout_source = 0;
  g_debug ("--timeout %g s expired: cancelling", fj.timeout);
  fj.timed_out = TRUE;
  g_cancellable_cancel (fj.cancellable);
  return G_SOURCE_REMOVE;
}

/* Once the whole command line is parsed: the global options take effect. */
static void
start (void)
{
  if (fj.started)
    return;
  fj.started = TRUE;

  if (fj.verbose)
    {
      const char      *debug = g_getenv ("G_MESSAGES_DEBUG");
      g_autofree char *domains = NULL;

      domains = debug && *debug ? g_strconcat (debug, " Flink flinkjob", NULL)
                                : g_strdup ("Flink flinkjob");
      g_setenv ("G_MESSAGES_DEBUG", domains, TRUE);
    }

  fj.progress_enabled = !fj.json && isatty (STDERR_FILENO);

  if (fj.timeout > 0)
    {
      /* At least 1 ms; at most what a GSource can wait (49 days). */
      double ms = fj.timeout * 1000.0;
      fj.timeout_source = g_timeout_add (ms < 1.0 ? 1 : ms > G_MAXUINT ? G_MAXUINT
                                                                       : (guint) ms,
                                         deadline_cb, NULL);
    }
}

/* ---- Options -------------------------------------------------------------- */

/* Usage errors are reported as JSON too when --json was asked for, even
 * when the parsing failed (GOption then undoes what it had parsed). */
static gboolean
json_in_argv (int    argc,
              char **argv)
{
  for (int i = 1; i < argc && strcmp (argv[i], "--") != 0; i++)
    if (strcmp (argv[i], "--json") == 0)
      return TRUE;
  return FALSE;
}

static GOptionGroup *
global_group (void)
{
  GOptionGroup *group;

  group = g_option_group_new ("global", "Global options (also accepted before the command):",
                              "Show the global options", NULL, NULL);
  g_option_group_add_entries (group, global_entries);
  return group;
}

/* The positional arguments, as GOption's G_OPTION_REMAINING hands them
 * over (those after "--" too, untouched). */
typedef struct
{
  FjArgumentFunc argument_func;
  gpointer       user_data;
  GPtrArray     *args;
} Positionals;

static gboolean
collect_argument_cb (const char *option_name,
                     const char *value,
                     gpointer    data,
                     GError    **error)
{
  Positionals *positionals = data;

  if (positionals->argument_func != NULL &&
      !positionals->argument_func (positionals->args->len, value, positionals->user_data, error))
    return FALSE;
  g_ptr_array_add (positionals->args, g_strdup (value));
  return TRUE;
}

/* Parses the options of @command (and the global ones again, so that they
 * may follow the command) with GOption; @argument_func, if any, reads each
 * positional argument as it comes, with @user_data. On success, @out_args holds the
 * positional arguments, as many as the command takes. On failure, the
 * usage error is reported: return FJ_EXIT_USAGE. */
gboolean
fj_parse (const FjCommand    *command,
          const GOptionEntry *entries,
          FjArgumentFunc      argument_func,
          gpointer            user_data,
          int                 argc,
          char              **argv,
          GStrv              *out_args)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GPtrArray)      args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError)         error = NULL;
  g_autofree char           *prgname = NULL;
  g_autofree char           *description = NULL;
  Positionals                positionals = { argument_func, user_data, args };
  const GOptionEntry         remaining[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_CALLBACK, collect_argument_cb, NULL, NULL },
    { NULL }
  };
  GOptionGroup *main_group;

  prgname = g_strdup_printf ("flinkjob %s", command->name);
  g_set_prgname (prgname);

  context = g_option_context_new (command->parameters);
  g_option_context_set_summary (context, command->summary);
  description = g_strdup_printf ("%s%s" FJ_EXIT_CODES_SHORT "\n"
                                 "Global options (--url, --config-dir, --json, --timeout, --retries, -v) may "
                                 "come before or after the command: see flinkjob --help.",
                                 command->description ? command->description : "",
                                 command->description ? "\n\n" : "");
  g_option_context_set_description (context, description);
  main_group = g_option_group_new (NULL, NULL, NULL, &positionals, NULL);
  if (entries != NULL)
    g_option_group_add_entries (main_group, entries);
  g_option_group_add_entries (main_group, remaining);
  g_option_context_set_main_group (context, main_group);
  g_option_context_add_group (context, global_group ());

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fj.json = fj.json || json_in_argv (argc, argv);
      fj_usage_error (command, "%s", error->message);
      return FALSE;
    }
  start ();

  if ((int) args->len < command->min_args)
    {
      fj_usage_error (command, _ ("%s needs %s"), command->name, command->parameters);
      return FALSE;
    }
  if (command->max_args >= 0 && (int) args->len > command->max_args)
    {
      fj_usage_error (command, _ ("unexpected argument “%s”"),
                      (char *) g_ptr_array_index (args, command->max_args));
      return FALSE;
    }
  g_ptr_array_add (args, NULL);
  *out_args = (GStrv) g_ptr_array_steal (args, NULL);
  return TRUE;
}

/* ---- Connections ---------------------------------------------------------- */

/* Finds the cluster (--url > --config-dir > FLINK_CONF_DIR > the default)
 * and connects. Returns 0, or the exit code after reporting the error. */
int
fj_connect (FlinkClusterClient **client)
{
  g_autoptr (FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr (GError)                 error = NULL;
  const char                        *env_dir = g_getenv ("FLINK_CONF_DIR");

  if (fj.client != NULL)
    {
      *client = g_object_ref (fj.client);
      return FJ_EXIT_OK;
    }

  if (fj.url != NULL)
    descriptor = flink_cluster_descriptor_new_for_url (fj.url, &error);
  else if (fj.config_dir != NULL)
    descriptor = flink_cluster_descriptor_new_from_config (fj.config_dir, &error);
  else if (env_dir != NULL && env_dir[0] != '\0')
    descriptor = flink_cluster_descriptor_new_from_config (env_dir, &error);
  else
    descriptor = flink_cluster_descriptor_new_for_url (FJ_DEFAULT_URL, &error);
  if (descriptor == NULL)
    return fj_fail_local (error);

  g_free (fj.cluster_url);
  fj.cluster_url = g_strdup (flink_cluster_descriptor_get_url (descriptor));
  g_debug ("Connecting to %s", fj.cluster_url);
  flink_cluster_descriptor_set_user_agent (descriptor, "flinkjob-cli/" FLINKJOB_VERSION_STRING);
  /* A person waits for the answer: fail fast on a cluster that is down. */
  flink_cluster_descriptor_set_retry_max_attempts (descriptor, (guint) fj.retries + 1);
  /* No round trip to check the cluster first: a command is one request,
   * and its own error says if the cluster is not there or not Flink. */
  fj.client = flink_cluster_client_new (descriptor);

  *client = g_object_ref (fj.client);
  return FJ_EXIT_OK;
}

/* The job that the command works on: named in the notes after an
 * interruption. */
void
fj_set_job (FlinkJobClient *job)
{
  g_set_object (&fj.job, job);
  g_free (fj.job_id);
  fj.job_id = g_strdup (flink_job_client_get_job_id (job));
}

/* Checks @job_id (before connecting: a malformed id is a usage error even
 * when the cluster is down), connects, and returns the job's client. */
int
fj_connect_job (const char      *job_id,
                FlinkJobClient **job)
{
  g_autoptr (FlinkClusterClient) client = NULL;
  g_autoptr (GError)             error = NULL;
  int                            code;

  if (!flink_job_id_is_valid (job_id))
    {
      error = g_error_new (FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                           _ ("“%s” is not a Flink job id (32 hexadecimal characters, such as "
                              "a1b2c3d4e5f60718293a4b5c6d7e8f90)"),
                           job_id);
      return fj_fail_local (error);
    }

  code = fj_connect (&client);
  if (code != FJ_EXIT_OK)
    return code;

  *job = flink_cluster_client_get_job_client (client, job_id, &error);
  if (*job == NULL)
    return fj_fail_local (error);
  fj_set_job (*job);
  return FJ_EXIT_OK;
}

/* Reads the job's status into @out_status; an exit code. */
int
fj_get_job_status (FlinkJobClient *job,
                   FlinkJobStatus *out_status)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError)       error = NULL;

  flink_job_client_get_job_status_async (job, fj.cancellable, fj_store_result_cb, &result);
  *out_status = flink_job_client_get_job_status_finish (job, fj_await (&result), &error);
  return error == NULL ? FJ_EXIT_OK : fj_fail (error);
}

/* Reads the job's details into @out_details; an exit code. */
int
fj_get_job_details (FlinkJobClient   *job,
                    FlinkJobDetails **out_details)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError)       error = NULL;

  flink_job_client_get_job_details_async (job, fj.cancellable, fj_store_result_cb, &result);
  *out_details = flink_job_client_get_job_details_finish (job, fj_await (&result), &error);
  return *out_details != NULL ? FJ_EXIT_OK : fj_fail (error);
}

/* ---- The commands --------------------------------------------------------- */

static const FjCommand commands[] = {
  { "list", "", 0, 0, "List the cluster's jobs, newest first",
    "Lists every job the cluster knows: running ones, and ended ones for "
    "jobstore.expiration-time (one hour by default).",
    fj_builtin_list },
  { "status", "JOB_ID", 1, 1, "Print a job's status (RUNNING, FINISHED, ...)",
    "Prints the job's status alone on stdout, as Flink names it.",
    fj_builtin_status },
  { "info", "JOB_ID", 1, 1, "Show a job's details: times, status history, vertices",
    NULL, fj_builtin_info },
  { "cancel", "JOB_ID", 1, 1, "Cancel a job",
    "Asks the cluster to cancel the job, then prints the status it has right after "
    "(CANCELLING or CANCELED). Cancelling a job that is already CANCELED succeeds; one "
    "that already FINISHED or FAILED cannot be cancelled (exit status 1). Wait for the "
    "end with “flinkjob wait JOB_ID”.",
    fj_builtin_cancel },
  { "savepoint", "JOB_ID [DIR]", 1, 2, "Take a savepoint of a running job, print its path",
    "Triggers a savepoint and waits until it is complete; the job keeps running. The "
    "savepoint's path alone goes to stdout: sp=$(flinkjob savepoint JOB_ID). DIR is the "
    "same as --savepoint-dir.",
    fj_builtin_savepoint },
  { "stop", "JOB_ID [DIR]", 1, 2, "Stop a job with a savepoint, print its path",
    "Stops the job gracefully with a final savepoint, and waits until the savepoint is "
    "complete; the job then ends FINISHED. The savepoint's path alone goes to stdout. "
    "DIR is the same as --savepoint-dir. Start the job again with "
    "“flinkjob submit JAR --from-savepoint PATH”.",
    fj_builtin_stop },
  { "accumulators", "JOB_ID", 1, 1, "Show a job's accumulators",
    "Prints the job's user accumulators with their Java types and values as Flink shows "
    "them; works while the job runs and after it ended.",
    fj_builtin_accumulators },
  { "result", "JOB_ID", 1, 1, "Wait for a job to end, print its result",
    "Waits until the job is FINISHED, CANCELED or FAILED, then prints its result: the "
    "outcome (SUCCEEDED, FAILED, CANCELED), net runtime, failure cause and accumulators. "
    "Whatever the outcome, the exit status is 0: read the outcome from the output. With "
    "-v the failure's stack trace is printed too. Ctrl-C stops waiting and does not affect "
    "the job.",
    fj_builtin_result },
  { "wait", "JOB_ID", 1, 1, "Wait until a job has a given status, or ended",
    "Reads the job's status every 0.5 s until it is one of the --status given or, "
    "without --status, until it is FINISHED, CANCELED or FAILED, and prints that status. "
    "With --tasks-running it waits until the job is RUNNING and all its tasks too. "
    "A job that ends in another status than those wanted is exit status 1. Bound the "
    "wait with --timeout (exit status 5).",
    fj_builtin_wait },
  { "rescale", "JOB_ID [PARALLELISM | VERTEX_ID=[LOWER..]UPPER …]", 1, -1,
    "Show or change a job's resource requirements",
    "Without bounds, shows each vertex's parallelism and the bounds the adaptive scheduler "
    "keeps it within. “flinkjob rescale JOB_ID 4” sets every vertex's upper bound to 4 "
    "(lower bounds above 4 come down to 4); VERTEX_ID=UPPER or VERTEX_ID=LOWER..UPPER sets "
    "one vertex. The adaptive scheduler then restarts the job from its latest checkpoint at "
    "the new parallelism when it has the slots; --wait waits until every vertex runs at its "
    "upper bound. Needs a cluster with jobmanager.scheduler: adaptive (Flink 1.18 or "
    "later); others answer exit status 1.",
    fj_builtin_rescale },
  { "submit", "JAR [ARGUMENT…] [-- ARGUMENT…]", 1, -1, "Submit a job from a jar, print its id",
    "Uploads the jar, runs it, deletes the uploaded copy, and prints the new job's id. "
    "Program arguments follow the jar; put them after “--” when they start with a dash: "
    "flinkjob submit job.jar --class org.example.Job -- --input /data.",
    fj_builtin_submit },
  { "dispose-savepoint", "PATH", 1, 1, "Delete a savepoint's files on the cluster",
    "Asks the cluster to dispose of the savepoint and waits until it has.",
    fj_builtin_dispose_savepoint },
  { "cluster", "[start | stop CLUSTER_ID]", 0, 0,
    "Show the cluster's overview; start or stop one on this machine",
    "Without an action, shows the cluster's Flink version, TaskManagers, slots and jobs. "
    "“cluster start” deploys a session cluster of a local Flink distribution and prints "
    "its URL; “cluster stop CLUSTER_ID” stops one that flinkjob started: see "
    "“flinkjob cluster start --help”.",
    fj_builtin_cluster },
  { "run-application", "JAR [ARGUMENT…] [-- ARGUMENT…]", 1, -1,
    "Run a job in a cluster of its own on this machine",
    "Deploys an application cluster (Flink's application mode) of a local Flink "
    "distribution that runs the jar's job, waits for the job to end, stops the cluster "
    "and prints the job's result; the exit status is 0 only if the job SUCCEEDED (1 "
    "otherwise). With --detach it prints the job's id and leaves the cluster, which goes "
    "away when the job ends. A cluster that cannot be deployed is exit status 6.",
    fj_builtin_run_application },
  { "jars", "[list | upload JAR | delete JAR_ID]", 0, 2,
    "List, upload or delete the cluster's jars",
    "“jars” or “jars list” lists the jars uploaded to the cluster; “jars upload JAR” "
    "uploads one and prints its id; “jars delete JAR_ID” deletes one.",
    fj_builtin_jars },
  { NULL }
};

/* ---- Main ----------------------------------------------------------------- */

static const FjCommand *
find_command (const char *name)
{
  for (const FjCommand *c = commands; c->name != NULL; c++)
    if (strcmp (c->name, name) == 0)
      return c;
  return NULL;
}

static char *
commands_summary (void)
{
  g_autoptr (GString) text = g_string_new ("Manage Apache Flink jobs through a cluster's REST API.\n\n"
                                           "Commands:");

  for (const FjCommand *c = commands; c->name != NULL; c++)
    g_string_append_printf (text, "\n  %-19s %s", c->name, c->summary);
  g_string_append (text, "\n\nRun “flinkjob COMMAND --help” for a command's options.");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GOptionContext *
main_context (void)
{
  GOptionContext  *context;
  g_autofree char *summary = commands_summary ();

  context = g_option_context_new ("COMMAND [OPTION…] [ARGUMENT…]");
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (
    context,
    "The cluster: --url, else rest.address and rest.port of the Flink configuration in "
    "--config-dir, else in FLINK_CONF_DIR, else " FJ_DEFAULT_URL ".\n"
    "Output: readable text on stdout, or JSON with --json (docs/cli-json.md); errors go to "
    "stderr as “flinkjob: MESSAGE”, and with --json also to stdout as {\"error\": {...}}. "
    "Long operations show their progress on stderr when it is a terminal.\n\n" EXIT_CODES_LONG
    "\nSee flinkjob(1).");
  g_option_context_add_main_entries (context, global_entries, NULL);
  g_option_context_add_main_entries (context, main_entries, NULL);
  /* Stop at the command: its options are its own. */
  g_option_context_set_strict_posix (context, TRUE);
  return context;
}

static int
print_main_help (FILE *stream)
{
  g_autoptr (GOptionContext) context = main_context ();
  g_autofree char           *help = g_option_context_get_help (context, TRUE, NULL);

  fputs (help, stream);
  return stream == stdout ? FJ_EXIT_OK : FJ_EXIT_USAGE;
}

static void
cleanup (void)
{
  fj_progress_stop ();
  if (fj.timeout_source != 0)
    g_source_remove (fj.timeout_source);
  g_clear_object (&fj.job);
  g_clear_object (&fj.client);
  g_clear_object (&fj.cancellable);
  g_clear_pointer (&fj.job_id, g_free);
  g_clear_pointer (&fj.cluster_url, g_free);
  g_clear_pointer (&fj.progress_what, g_free);
  g_clear_pointer (&fj.url, g_free);
  g_clear_pointer (&fj.config_dir, g_free);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError)         error = NULL;
  const FjCommand           *command;
  int                        code;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, FLINKJOB_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("flinkjob");
  /* Debug messages on stderr: stdout carries only results. */
  g_log_writer_default_set_use_stderr (TRUE);

  fj.retries = FJ_DEFAULT_RETRIES;
  fj.cancellable = g_cancellable_new ();
  g_unix_signal_add (SIGINT, signal_cb, GINT_TO_POINTER (SIGINT));
  g_unix_signal_add (SIGTERM, signal_cb, GINT_TO_POINTER (SIGTERM));

  context = main_context ();
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fj.json = fj.json || json_in_argv (argc, argv);
      return fj_usage_error (NULL, "%s", error->message);
    }
  if (print_version)
    {
      printf ("flinkjob %s\n", FLINKJOB_VERSION_STRING);
      return FJ_EXIT_OK;
    }
  if (argc < 2)
    {
      fputs ("flinkjob: no command given\n\n", stderr);
      return print_main_help (stderr);
    }

  if (strcmp (argv[1], "help") == 0)
    {
      char *help_argv[] = { argv[1], (char *) "--help", NULL };

      if (argc < 3)
        return print_main_help (stdout);
      command = find_command (argv[2]);
      if (command == NULL)
        return fj_usage_error (NULL, _ ("unknown command “%s”"), argv[2]);
      help_argv[0] = argv[2];
      return command->run (command, 2, help_argv);
    }

  command = find_command (argv[1]);
  if (command == NULL)
    return fj_usage_error (NULL, _ ("unknown command “%s”"), argv[1]);

  code = command->run (command, argc - 1, argv + 1);
  fflush (stdout);
  cleanup ();
  return code;
}
