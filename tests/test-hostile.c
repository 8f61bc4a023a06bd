/* test-hostile.c: a server that means harm
 *
 * A server on 127.0.0.1 that sends huge, endless, trickled, redirected and
 * malformed answers, as a misbehaving proxy or an attacker would. Each case
 * runs in a subprocess of its own and asserts three things: the error a
 * person gets, that the call ended within its deadline plus a second, and
 * that the process's peak memory (VmHWM, read from /proc) stayed under
 * 64 MiB. These are bounds the library promises, not speeds.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "flink-test-utils.h"

/* The descriptor's timeout in these cases, and what every call must end
 * within. */
#define TIMEOUT_S 3
#define MAX_PEAK_KIB (64 * 1024)

typedef enum {
  HUGE_LENGTH,                   /* announces 1 GiB, sends it */
  ENDLESS_CLOSE,                 /* no length: sends until the connection closes */
  ENDLESS_CHUNKED,               /* chunks for ever */
  TRICKLE_STATUS,                /* the status line, one byte a second */
  TRICKLE_BODY,                  /* headers at once, then one byte a second */
  REDIRECT_ELSEWHERE,            /* 302 to another port */
  REDIRECT_SCHEME,               /* 302 to https on the same host */
  REDIRECT_FILE,                 /* 302 to file:///etc/passwd */
  REDIRECT_LOOP,                 /* 302 to itself */
  REDIRECT_SAME_ORIGIN,          /* 307 to another path of its own, which answers */
  HUGE_HEADER,                   /* a header of a megabyte */
  NOT_HTTP,                      /* plain bytes, not HTTP */
  UPLOAD_SINK,                   /* takes an upload whole, answers as Flink */
  UPLOAD_FIFO,                   /* no server needed: the jar is a FIFO */
} Behaviour;

typedef struct {
  GSocketService *service;
  guint16 port;
  Behaviour behaviour;
  gint requests;                 /* atomic */
  gint stop;                     /* atomic: the handlers stop writing */
  gint64 uploaded;               /* bytes of the last upload's body */
} Server;

/* Reads the request's head; FALSE if the client went away. */
static gint64 last_content_length;

static gboolean
read_head (GInputStream *in,
           char         *path,
           gsize         path_size)
{
  GString *head = g_string_new (NULL);
  const char *length;
  char c;
  gboolean ok = FALSE;

  while (g_input_stream_read (in, &c, 1, NULL, NULL) == 1)
    {
      g_string_append_c (head, c);
      if (g_str_has_suffix (head->str, "\r\n\r\n"))
        {
          ok = TRUE;
          break;
        }
      if (head->len > 64 * 1024)
        break;
    }
  length = strstr (head->str, "Content-Length: ");
  if (length == NULL)
    length = strstr (head->str, "content-length: ");
  last_content_length = length ? g_ascii_strtoll (length + 16, NULL, 10) : 0;
  if (ok && path != NULL)
    {
      const char *start = strchr (head->str, ' ');
      const char *end = start ? strchr (start + 1, ' ') : NULL;

      if (start && end && (gsize) (end - start - 1) < path_size)
        {
          memcpy (path, start + 1, end - start - 1);
          path[end - start - 1] = '\0';
        }
    }
  g_string_free (head, TRUE);
  return ok;
}

static gboolean
write_all (GOutputStream *out,
           const char    *data,
           gsize          size)
{
  return g_output_stream_write_all (out, data, size, NULL, NULL, NULL);
}

static gboolean
write_text (GOutputStream *out,
            const char    *text)
{
  return write_all (out, text, strlen (text));
}

static gboolean
run_cb (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source,
        gpointer                user_data)
{
  Server *server = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  static char block[64 * 1024];
  char path[256] = "";
  g_autofree char *text = NULL;

  if (server->behaviour != NOT_HTTP && !read_head (in, path, sizeof path))
    return TRUE;
  g_atomic_int_inc (&server->requests);

  switch (server->behaviour)
    {
    case HUGE_LENGTH:
      if (!write_text (out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                            "Content-Length: 1073741824\r\n\r\n"))
        break;
      for (guint64 sent = 0; sent < 1073741824 && !g_atomic_int_get (&server->stop);
           sent += sizeof block)
        if (!write_all (out, block, sizeof block))
          break;
      break;
    case ENDLESS_CLOSE:
      if (!write_text (out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                            "Connection: close\r\n\r\n[1"))
        break;
      memset (block, ',', sizeof block);
      while (!g_atomic_int_get (&server->stop) && write_all (out, block, sizeof block))
        ;
      break;
    case ENDLESS_CHUNKED:
      if (!write_text (out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                            "Transfer-Encoding: chunked\r\n\r\n"))
        break;
      text = g_strdup_printf ("%zx\r\n", sizeof block);
      memset (block, ' ', sizeof block);
      while (!g_atomic_int_get (&server->stop) && write_text (out, text) &&
             write_all (out, block, sizeof block) && write_text (out, "\r\n"))
        ;
      break;
    case TRICKLE_STATUS:
    case TRICKLE_BODY:
      {
        const char *all = server->behaviour == TRICKLE_STATUS
          ? "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
          : "{\"taskmanagers\": 1, \"slots-total\": 2, \"slots-available\": 2}";

        if (server->behaviour == TRICKLE_BODY)
          {
            text = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                    "Content-Length: %zu\r\n\r\n", strlen (all));
            if (!write_text (out, text))
              break;
          }
        for (const char *p = all; *p && !g_atomic_int_get (&server->stop); p++)
          {
            if (!write_all (out, p, 1))
              break;
            g_usleep (G_USEC_PER_SEC);
          }
      }
      break;
    case REDIRECT_ELSEWHERE:
      text = g_strdup_printf ("HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:%u/overview\r\n"
                              "Content-Length: 0\r\n\r\n", server->port == 65535 ? 1 : server->port + 1);
      write_text (out, text);
      break;
    case REDIRECT_SCHEME:
      text = g_strdup_printf ("HTTP/1.1 302 Found\r\nLocation: https://127.0.0.1:%u/overview\r\n"
                              "Content-Length: 0\r\n\r\n", server->port);
      write_text (out, text);
      break;
    case REDIRECT_FILE:
      write_text (out, "HTTP/1.1 302 Found\r\nLocation: file:///etc/passwd\r\n"
                       "Content-Length: 0\r\n\r\n");
      break;
    case REDIRECT_LOOP:
      write_text (out, "HTTP/1.1 302 Found\r\nLocation: /overview\r\nContent-Length: 0\r\n\r\n");
      break;
    case REDIRECT_SAME_ORIGIN:
      if (g_str_equal (path, "/overview"))
        write_text (out, "HTTP/1.1 307 Temporary Redirect\r\nLocation: /moved/overview\r\n"
                         "Content-Length: 0\r\n\r\n");
      else
        {
          const char *body = "{\"taskmanagers\": 1, \"slots-total\": 2, \"slots-available\": 2, "
                             "\"jobs-running\": 0, \"jobs-finished\": 0, \"jobs-cancelled\": 0, "
                             "\"jobs-failed\": 0, \"flink-version\": \"2.3.0\"}";

          text = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                  "Content-Length: %zu\r\n\r\n%s", strlen (body), body);
          write_text (out, text);
        }
      break;
    case HUGE_HEADER:
      if (!write_text (out, "HTTP/1.1 200 OK\r\nX-Huge: "))
        break;
      memset (block, 'x', sizeof block);
      for (guint i = 0; i < 16 && !g_atomic_int_get (&server->stop); i++)
        if (!write_all (out, block, sizeof block))
          break;
      write_text (out, "\r\nContent-Length: 2\r\n\r\n{}");
      break;
    case UPLOAD_SINK:
      {
        /* An answer the cluster gave (tests/responses/2.3/jar-upload.json). */
        const char *body = "{\"filename\":\"/tmp/flink-web-upload/5f0c2d1e_big.jar\","
                           "\"status\":\"success\"}";
        gint64 left = last_content_length;

        while (left > 0)
          {
            gssize n = g_input_stream_read (in, block, MIN ((gint64) sizeof block, left), NULL, NULL);

            if (n <= 0)
              break;
            left -= n;
          }
        server->uploaded = last_content_length - left;
        text = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                "Content-Length: %zu\r\n\r\n%s", strlen (body), body);
        write_text (out, text);
      }
      break;
    case UPLOAD_FIFO:
      break;
    case NOT_HTTP:
      /* A TLS ClientHello, answered as a plain HTTP server (Flink's, without
       * security.ssl.rest.enabled) does. */
      g_input_stream_read (in, block, sizeof block, NULL, NULL);
      write_text (out, "HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n");
      break;
    }
  return TRUE;
}

static void
server_start (Server    *server,
              Behaviour  behaviour)
{
  g_autoptr(GError) error = NULL;

  server->behaviour = behaviour;
  server->service = g_threaded_socket_service_new (8);
  server->port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (server->service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (server->service, "run", G_CALLBACK (run_cb), server);
  g_socket_service_start (server->service);
}

static void
server_stop (Server *server)
{
  g_atomic_int_set (&server->stop, 1);
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_clear_object (&server->service);
}

static guint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;
  guint64 kib = 0;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmHWM:");
  g_assert_nonnull (line);
  kib = g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10);
  g_assert_cmpuint (kib, >, 0);
  return kib;
}

/* Reads the overview of the server's "cluster" through the public API:
 * returns the error, asserting the time and memory bounds. */
static GError *
overview_error (Server     *server,
                const char *scheme)
{
  g_autofree char *url = g_strdup_printf ("%s://127.0.0.1:%u", scheme, server->port);
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autoptr(FlinkClusterOverview) overview = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;
  gint64 start;
  double elapsed;

  descriptor = flink_cluster_descriptor_new_for_url (url, &error);
  g_assert_no_error (error);
  flink_cluster_descriptor_set_timeout (descriptor, TIMEOUT_S);
  flink_cluster_descriptor_set_retry_max_attempts (descriptor, 4);
  flink_cluster_descriptor_set_retry_delay (descriptor, 10);
  g_assert_true (flink_cluster_descriptor_add_header (descriptor, "X-Flinkjob-Credential", "s3cr3t", NULL));
  client = flink_cluster_client_new (descriptor);

  start = g_get_monotonic_time ();
  flink_cluster_client_get_overview_async (client, NULL, flink_test_store_result_cb, &result);
  overview = flink_cluster_client_get_overview_finish (client, flink_test_wait (&result), &error);
  elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("after %.1f s, peak %" G_GUINT64_FORMAT " KiB: %s", elapsed, peak_rss_kib (),
                  error ? error->message : "an overview");

  /* Every call ends within its deadline plus a second... */
  g_assert_cmpfloat (elapsed, <=, TIMEOUT_S + 1);
  /* ...and the process stays small, whatever the server sends. */
  g_assert_cmpuint (peak_rss_kib (), <, MAX_PEAK_KIB);
  if (error == NULL)
    g_assert_nonnull (overview);
  /* Never the credential, in any message. */
  if (error != NULL)
    g_assert_null (strstr (error->message, "s3cr3t"));
  return error;
}

static void
assert_mentions (const GError *error,
                 const char   *text)
{
  if (strstr (error->message, text) == NULL)
    g_error ("“%s” is not in “%s”", text, error->message);
}

/* Uploads @jar to the server's "cluster", asserting the time and memory
 * bounds; returns the jar id, or NULL with @error set. */
static char *
upload (Server    *server,
        GFile     *jar,
        guint      timeout,
        GError   **error)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", server->port);
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autoptr(FlinkClusterClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  char *jar_id;
  gint64 start;
  double elapsed;

  descriptor = flink_cluster_descriptor_new_for_url (url, NULL);
  flink_cluster_descriptor_set_timeout (descriptor, timeout);
  client = flink_cluster_client_new (descriptor);
  start = g_get_monotonic_time ();
  flink_cluster_client_upload_jar_async (client, jar, NULL, flink_test_store_result_cb, &result);
  jar_id = flink_cluster_client_upload_jar_finish (client, flink_test_wait (&result), error);
  elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_assert_cmpfloat (elapsed, <=, timeout + 1);
  g_assert_cmpuint (peak_rss_kib (), <, MAX_PEAK_KIB);
  return jar_id;
}

static void
test_upload (gconstpointer data)
{
  Behaviour behaviour = GPOINTER_TO_INT (data);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) jar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *jar_id = NULL;
  Server server = { 0 };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  dir = g_dir_make_tmp ("flinkjob-hostile-XXXXXX", &error);
  g_assert_no_error (error);
  server_start (&server, UPLOAD_SINK);

  if (behaviour == UPLOAD_FIFO)
    {
      /* Opening a FIFO blocks until a writer comes: refused before. */
      path = g_build_filename (dir, "job.jar", NULL);
      g_assert_cmpint (mkfifo (path, 0600), ==, 0);
      jar = g_file_new_for_path (path);
      jar_id = upload (&server, jar, TIMEOUT_S, &error);
      g_assert_null (jar_id);
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
      assert_mentions (error, "not a regular file");
      g_assert_cmpint (g_atomic_int_get (&server.requests), ==, 0);
    }
  else
    {
      /* A jar of 512 MiB (sparse, but read whole) is sent as it is read:
       * the process does not hold it. */
      const goffset size = (goffset) 512 * 1024 * 1024;
      FILE *file;

      path = g_build_filename (dir, "big.jar", NULL);
      file = fopen (path, "w");
      g_assert_nonnull (file);
      g_assert_cmpint (fwrite ("PK\003\004", 1, 4, file), ==, 4);
      g_assert_cmpint (ftruncate (fileno (file), size), ==, 0);
      fclose (file);
      jar = g_file_new_for_path (path);
      jar_id = upload (&server, jar, 60, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (jar_id, ==, "5f0c2d1e_big.jar");
      g_assert_cmpint (server.uploaded, >, size);
    }
  server_stop (&server);
  g_unlink (path);
  g_rmdir (dir);
}


static void
run_case (gconstpointer data)
{
  Behaviour behaviour = GPOINTER_TO_INT (data);
  Server server = { 0 };
  g_autoptr(GError) error = NULL;

  if (!g_test_subprocess ())
    {
      /* Each case in a process of its own: its own peak memory. */
      g_test_trap_subprocess (NULL, (TIMEOUT_S + 30) * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  server_start (&server, behaviour);
  error = overview_error (&server, behaviour == NOT_HTTP ? "https" : "http");
  switch (behaviour)
    {
    case HUGE_LENGTH:
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR);
      assert_mentions (error, "would be 1073741824 bytes");
      assert_mentions (error, "max-response-size");
      break;
    case ENDLESS_CLOSE:
    case ENDLESS_CHUNKED:
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR);
      assert_mentions (error, "larger than 33554432 bytes");
      break;
    case TRICKLE_STATUS:
    case TRICKLE_BODY:
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_TIMED_OUT);
      assert_mentions (error, "within 3 s");
      break;
    case REDIRECT_ELSEWHERE:
    case REDIRECT_SCHEME:
    case REDIRECT_FILE:
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR);
      assert_mentions (error, "follows redirects only within the cluster's own scheme, host and port");
      g_assert_null (strstr (error->message, "passwd"));
      /* Refused, not retried. */
      g_assert_cmpint (g_atomic_int_get (&server.requests), ==, 1);
      break;
    case REDIRECT_LOOP:
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR);
      assert_mentions (error, "redirected the request more than 5 times");
      g_assert_cmpint (g_atomic_int_get (&server.requests), ==, 6);
      break;
    case REDIRECT_SAME_ORIGIN:
      g_assert_no_error (error);
      g_assert_cmpint (g_atomic_int_get (&server.requests), ==, 2);
      break;
    case UPLOAD_SINK:
    case UPLOAD_FIFO:
      g_assert_not_reached ();
    case HUGE_HEADER:
    case NOT_HTTP:
      /* What answers is not a Flink REST endpoint: said so, not retried as
       * "could not connect". */
      g_assert_nonnull (error);
      g_assert_false (g_error_matches (error, FLINK_ERROR, FLINK_ERROR_TIMED_OUT));
      g_assert_null (strstr (error->message, "could not connect"));
      if (behaviour == NOT_HTTP)
        {
          /* The TLS attempt, and one plain request that tells why. */
          assert_mentions (error, "answers plain HTTP, not TLS");
          g_assert_null (strstr (error->message, "client certificate"));
          g_assert_cmpint (g_atomic_int_get (&server.requests), ==, 2);
        }
      else
        {
          g_assert_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR);
          g_assert_cmpint (g_atomic_int_get (&server.requests), ==, 1);
        }
      break;
    }
  server_stop (&server);
}

int
main (int    argc,
      char **argv)
{
  static const struct {
    const char *path;
    Behaviour behaviour;
  } cases[] = {
    { "/hostile/body/huge-length", HUGE_LENGTH },
    { "/hostile/body/endless", ENDLESS_CLOSE },
    { "/hostile/body/endless-chunks", ENDLESS_CHUNKED },
    { "/hostile/slow/status-line", TRICKLE_STATUS },
    { "/hostile/slow/body", TRICKLE_BODY },
    { "/hostile/redirect/another-port", REDIRECT_ELSEWHERE },
    { "/hostile/redirect/another-scheme", REDIRECT_SCHEME },
    { "/hostile/redirect/file", REDIRECT_FILE },
    { "/hostile/redirect/loop", REDIRECT_LOOP },
    { "/hostile/redirect/same-origin", REDIRECT_SAME_ORIGIN },
    { "/hostile/not-http/huge-header", HUGE_HEADER },
    { "/hostile/not-http/https-to-plain", NOT_HTTP },
  };

  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/hostile/files/fifo-as-jar", GINT_TO_POINTER (UPLOAD_FIFO), test_upload);
  g_test_add_data_func ("/hostile/files/large-jar", GINT_TO_POINTER (UPLOAD_SINK), test_upload);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, GINT_TO_POINTER (cases[i].behaviour), run_case);
  return g_test_run ();
}
