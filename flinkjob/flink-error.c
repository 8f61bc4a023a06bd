/* flink-error.c: the FLINK_ERROR domain, and turning what a cluster answered
 * into an error a person can act on
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include <string.h>

#include <libsoup/soup.h>

#include "flink-error-private.h"
#include "flink-json-private.h"
#include "flink-i18n-private.h"

/* Longest piece of Flink's own text kept in a message. */
#define MAX_DETAIL 600

/**
 * flink_error_quark:
 *
 * The error domain of flinkjob, `FLINK_ERROR`: every failure the library
 * reports is a [error@Flink.Error] in it, except a cancelled call, which is
 * %G_IO_ERROR_CANCELLED.
 *
 * Returns: the quark of the `FLINK_ERROR` domain
 *
 * Since: 1.0
 */
G_DEFINE_QUARK (flink-error-quark, flink_error)

/* "org.apache.flink.Foo$Bar: message" -> class and message; a line that does
 * not start with a Java class name is all message. */
void
_flink_split_exception_line (const char *line,
                             char      **out_class,
                             char      **out_message)
{
  const char *colon;
  gboolean    looks_like_class = TRUE;

  *out_class = NULL;
  *out_message = NULL;
  if (line == NULL)
    return;

  colon = strstr (line, ": ");
  if (colon == NULL)
    colon = line + strlen (line);

  if (colon == line || strchr (line, '.') == NULL || strchr (line, '.') > colon)
    looks_like_class = FALSE;
  for (const char *p = line; looks_like_class && p < colon; p++)
    if (!(g_ascii_isalnum (*p) || *p == '.' || *p == '$' || *p == '_'))
      looks_like_class = FALSE;

  if (!looks_like_class)
    {
      *out_message = g_strdup (line);
      return;
    }

  *out_class = g_strndup (line, colon - line);
  if (*colon != '\0')
    *out_message = g_strdup (colon + 2);
}

static char *
first_line (const char *text)
{
  const char *end;

  if (text == NULL)
    return NULL;
  while (*text == '\n' || *text == '\r' || *text == ' ')
    text++;
  end = strpbrk (text, "\r\n");
  return end ? g_strndup (text, end - text) : g_strdup (text);
}

/* The last "Caused by: X: message" of a Java stack trace, or its first line
 * when there is no cause. */
gboolean
_flink_find_root_cause (const char *stack_trace,
                        char      **out_class,
                        char      **out_message)
{
  const char      *last = NULL;
  g_autofree char *line = NULL;

  *out_class = NULL;
  *out_message = NULL;
  if (stack_trace == NULL || *stack_trace == '\0')
    return FALSE;

  for (const char *p = strstr (stack_trace, "Caused by: "); p != NULL;
       p = strstr (p + 1, "Caused by: "))
    last = p + strlen ("Caused by: ");

  line = first_line (last ? last : stack_trace);
  _flink_split_exception_line (line, out_class, out_message);
  return *out_class != NULL || *out_message != NULL;
}

/* A failure cause as Flink sends it, {"class", "stack-trace",
 * "serialized-throwable"}, told as "RootCauseClass: message". */
char *
_flink_describe_failure_cause (JsonObject *cause)
{
  const char      *stack_trace;
  const char      *klass;
  g_autofree char *root_class = NULL;
  g_autofree char *root_message = NULL;

  if (cause == NULL)
    return g_strdup ("no failure cause was given");

  stack_trace = _flink_json_get_string (cause, "stack-trace");
  klass = _flink_json_get_string (cause, "class");

  if (_flink_find_root_cause (stack_trace, &root_class, &root_message))
    {
      if (root_class && root_message)
        return g_strdup_printf ("%s: %s", root_class, root_message);
      return g_strdup (root_class ? root_class : root_message);
    }
  if (klass != NULL)
    return g_strdup (klass);
  return g_strdup ("no failure cause was given");
}

/* At most MAX_DETAIL bytes of @text, cut between characters. */
static char *
bound_detail (char *text)
{
  gsize length = strlen (text);
  gsize cut = MAX_DETAIL;
  char *bounded;

  if (length <= MAX_DETAIL)
    return text;
  while (cut > 0 && ((guchar) text[cut] & 0xC0) == 0x80)
    cut--;
  text[cut] = '\0';
  bounded = g_strconcat (text, "…", NULL);
  g_free (text);
  return bounded;
}

static FlinkError
code_for_status (guint status)
{
  switch (status)
    {
    case SOUP_STATUS_BAD_REQUEST:
      return FLINK_ERROR_INVALID_ARGUMENT;
    case SOUP_STATUS_NOT_FOUND:
      return FLINK_ERROR_NOT_FOUND;
    case SOUP_STATUS_REQUEST_TIMEOUT:
      return FLINK_ERROR_TIMED_OUT;
    case SOUP_STATUS_CONFLICT:
      return FLINK_ERROR_CONFLICT;
    case SOUP_STATUS_SERVICE_UNAVAILABLE:
      return FLINK_ERROR_UNAVAILABLE;
    default:
      if (status >= 500)
        return FLINK_ERROR_SERVER_ERROR;
      return FLINK_ERROR_FAILED;
    }
}

/* Some handlers report an unknown job as a 500 whose server-side stack
 * trace holds FlinkJobNotFoundException (GET /jobs/:id/status in 1.20 and
 * 2.3). Returns that exception's message, if any. */
static char *
find_job_not_found (JsonArray *errors)
{
  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonNode   *node = json_array_get_element (errors, i);
      const char *text, *found;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      text = json_node_get_string (node);
      found = strstr (text, "FlinkJobNotFoundException: ");
      if (found != NULL)
        return first_line (found + strlen ("FlinkJobNotFoundException: "));
    }
  return NULL;
}

/* Flink's {"errors": ["message\n\tat stack...", ...]}: the first line of each
 * message, without the exception class Flink's REST handlers put in front.
 * @out_job_not_found is set when the cluster says the job does not exist,
 * whatever the HTTP status. */
/* What Flink's error text says, whatever the HTTP status: some handlers
 * answer 500 or 400 where 404 or 409 is meant. -1 when nothing is known. */
static int
code_for_flink_text (JsonArray *errors)
{
  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonNode   *node = json_array_get_element (errors, i);
      const char *text;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      text = json_node_get_string (node);
      /* 1.20: DuplicateJobSubmissionException; 2.3: ...Application... */
      if (strstr (text, "DuplicateJobSubmissionException") != NULL ||
          strstr (text, "DuplicateApplicationSubmissionException") != NULL)
        return FLINK_ERROR_CONFLICT;
      if (strstr (text, "entry point class") != NULL && strstr (text, "was not found") != NULL)
        return FLINK_ERROR_INVALID_ARGUMENT;
      /* resource requirements under the default scheduler: "The
       * DefaultScheduler does not support changing the parallelism ..." */
      if (strstr (text, "UnsupportedOperationException") != NULL &&
          strstr (text, "AdaptiveScheduler") != NULL)
        return FLINK_ERROR_NOT_SUPPORTED;
      /* run: "Jar file ... does not exist"; delete: "File ... does not exist in" */
      if ((strstr (text, "Jar file") != NULL || strstr (text, "File ") != NULL) &&
          strstr (text, "does not exist") != NULL)
        return FLINK_ERROR_NOT_FOUND;
    }
  return -1;
}

static char *
describe_flink_errors (GBytes   *body,
                       gboolean *out_job_not_found,
                       int      *out_code)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GString)  text = g_string_new (NULL);
  JsonObject          *object;
  JsonArray           *errors;

  if (body == NULL || g_bytes_get_size (body) == 0)
    return NULL;
  root = _flink_json_parse (body, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  errors = _flink_json_get_array (object, "errors");
  if (errors == NULL)
    return NULL;
  *out_code = code_for_flink_text (errors);

  {
    char *not_found = find_job_not_found (errors);
    if (not_found != NULL)
      {
        *out_job_not_found = TRUE;
        return bound_detail (not_found);
      }
  }

  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonNode        *node = json_array_get_element (errors, i);
      g_autofree char *line = NULL;
      g_autofree char *klass = NULL;
      g_autofree char *message = NULL;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      line = first_line (json_node_get_string (node));
      if (line == NULL || *line == '\0')
        continue;
      /* "<Exception on server side:" introduces a stack trace whose first
       * line says what went wrong, behind wrappers such as
       * CompletionException: keep the innermost message. */
      if (g_str_has_prefix (line, "<Exception on server side"))
        {
          const char *trace = strchr (json_node_get_string (node), '\n');

          g_free (line);
          line = trace ? first_line (trace + 1) : NULL;
          if (line == NULL || *line == '\0')
            continue;
          for (;;)
            {
              g_autofree char *inner_class = NULL;
              g_autofree char *inner_message = NULL;

              _flink_split_exception_line (line, &inner_class, &inner_message);
              if (inner_class == NULL || inner_message == NULL)
                break;
              g_free (line);
              line = g_steal_pointer (&inner_message);
            }
        }
      _flink_split_exception_line (line, &klass, &message);
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, message ? message : klass);
    }

  if (text->len == 0)
    return NULL;
  return bound_detail (g_string_free (g_steal_pointer (&text), FALSE));
}

GError *
_flink_error_new_for_http (guint       status,
                           GBytes     *body,
                           const char *context)
{
  gboolean         job_not_found = FALSE;
  int              code = -1;
  g_autofree char *detail = describe_flink_errors (body, &job_not_found, &code);
  const char      *reason = soup_status_get_phrase (status);

  if (job_not_found)
    return g_error_new (FLINK_ERROR, FLINK_ERROR_NOT_FOUND,
                        _ ("%s: the cluster does not know the job (%s); finished jobs are "
                           "forgotten after jobstore.expiration-time, and a JobManager that "
                           "restarts without high availability forgets all its jobs"),
                        context, detail);

  if (detail == NULL && body != NULL && g_bytes_get_size (body) > 0)
    {
      /* Not Flink's error format: a proxy, or not a Flink cluster at all.
       * Show the start of what came back if it is text. */
      gsize       size;
      const char *data = g_bytes_get_data (body, &size);
      gsize       cut = MIN (size, 200);

      /* Not inside a character. */
      while (cut > 0 && cut < size && ((guchar) data[cut] & 0xC0) == 0x80)
        cut--;
      if (g_utf8_validate_len (data, cut, NULL))
        detail = g_strndup (data, cut);
    }

  if (code < 0)
    code = code_for_status (status);
  return g_error_new (FLINK_ERROR, code,
                      _ ("%s: HTTP %u %s%s%s%s"),
                      context, status, reason ? reason : "",
                      detail ? ": " : "", detail ? detail : "",
                      code == FLINK_ERROR_NOT_SUPPORTED
                        ? " (the cluster needs jobmanager.scheduler: adaptive for this)"
                        : "");
}

GError *
_flink_error_new_for_transport (const GError *error,
                                const char   *url,
                                const char   *context)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (FLINK_ERROR, FLINK_ERROR_TIMED_OUT,
                        _ ("%s: %s did not answer in time (%s)"),
                        context, url, error->message);

  if (error->domain == FLINK_ERROR)
    return g_error_new (FLINK_ERROR, error->code, "%s: %s", context, error->message);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED,
                        _ ("%s: the TLS connection to %s failed: %s (a cluster whose certificate "
                           "a private CA signed needs that CA's certificate; one that asks for "
                           "a client certificate needs one)"),
                        context, url, error->message);

  /* Connected, then the cluster (or what stands in front of it) hung up. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    return g_error_new (FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED,
                        _ ("%s: the connection to %s ended before a whole answer: %s"),
                        context, url, error->message);

  return g_error_new (FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED,
                      _ ("%s: could not connect to %s: %s"),
                      context, url, error->message);
}

/* A TLS failure, told as what to do about it: why the cluster's certificate
 * was not trusted, or that the cluster refused ours (mutual TLS). */
GError *
_flink_error_new_for_tls (const GError        *error,
                          GTlsCertificateFlags flags,
                          const char          *ca,
                          gboolean             has_client_certificate,
                          const char          *url,
                          const char          *context)
{
  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS))
    return g_error_new (FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED,
                        _ ("%s: %s does not speak TLS (is it a plain http:// endpoint? A Flink "
                           "cluster serves https only with security.ssl.rest.enabled): %s"),
                        context, url, error->message);

  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE) && flags != 0)
    {
      g_autoptr (GString) why = g_string_new (NULL);

      if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
        g_string_append_printf (why, "%sno CA in %s signed it", why->len ? "; " : "",
                                ca ? ca : "the system's trust store");
      if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
        g_string_append_printf (why, "%sit is not for this host name", why->len ? "; " : "");
      if (flags & G_TLS_CERTIFICATE_EXPIRED)
        g_string_append_printf (why, "%sit has expired", why->len ? "; " : "");
      if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
        g_string_append_printf (why, "%sit is not valid yet", why->len ? "; " : "");
      if (flags & G_TLS_CERTIFICATE_REVOKED)
        g_string_append_printf (why, "%sit was revoked", why->len ? "; " : "");
      if (flags & G_TLS_CERTIFICATE_INSECURE)
        g_string_append_printf (why, "%sit uses an insecure algorithm", why->len ? "; " : "");
      if (why->len == 0)
        g_string_append (why, error->message);
      return g_error_new (FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED,
                          _ ("%s: the TLS certificate of %s is not trusted: %s%s"),
                          context, url, why->str,
                          (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
                            ? " (a cluster whose certificate a private CA signed needs that CA's "
                              "certificate as the descriptor's tls-ca-file)"
                            : "");
    }

  /* Our side accepted the cluster's certificate: the cluster refused us. */
  if (!has_client_certificate)
    return g_error_new (FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED,
                        _ ("%s: the TLS handshake with %s failed: %s (a cluster with "
                           "security.ssl.rest.authentication-enabled asks for a client "
                           "certificate, and none is set)"),
                        context, url,
                        error->message);
  return g_error_new (FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED,
                      _ ("%s: %s did not accept the TLS client certificate: %s"),
                      context, url, error->message);
}

void
_flink_string_append_shown (GString    *shown,
                            gsize       max_bytes,
                            const char *text,
                            gssize      length)
{
  g_autofree char *valid = g_utf8_make_valid (text, length);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (shown->len >= max_bytes)
        {
          g_string_append (shown, "…");
          return;
        }
      if (c < 0x20 || (c >= 0x7f && c < 0xa0))
        g_string_append_c (shown, '?');
      else
        g_string_append_unichar (shown, c);
    }
}

char *
_flink_text_shown (const char *text,
                   gsize       max_bytes)
{
  GString *shown = g_string_new (NULL);

  _flink_string_append_shown (shown, max_bytes, text != NULL ? text : "", -1);
  return g_string_free (shown, FALSE);
}
