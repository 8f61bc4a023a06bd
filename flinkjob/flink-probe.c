/* flink-probe.c: is what answers at a URL plain HTTP?
 *
 * When a TLS handshake fails for another reason than the server's
 * certificate, a ClientHello of our own on a connection of its own tells
 * whether the endpoint speaks TLS at all. A plain HTTP server answers it
 * with an HTTP error (Flink's REST endpoint without
 * security.ssl.rest.enabled: "HTTP/1.1 400"): then the person gave https://
 * for a cluster without TLS, and is told so. A TLS server answers with a
 * TLS record (a ServerHello, or an alert): then the handshake failed for a
 * TLS reason, such as a client certificate that mutual TLS asks for, and
 * the probe says "not plain HTTP". (A plain request would not tell: the
 * SSL port of a Flink cluster with mutual TLS answers one in plain HTTP.)
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "flink-task-private.h"
#include "flink-transport-private.h"

#define PROBE_TIMEOUT_S 5

/* A TLS 1.2 ClientHello (RFC 5246, 7.4.1.2) that a TLS server answers with
 * a ServerHello or an alert: a fixed random, no session, ECDHE-RSA and
 * RSA AES-GCM suites, no compression; extensions: supported groups
 * (x25519, P-256), EC point formats (uncompressed), signature algorithms
 * (RSA-PSS, RSA PKCS#1, ECDSA with SHA-256). */
static const guint8 CLIENT_HELLO[] = {
  0x16, 0x03, 0x01, 0x00, 0x5e,                   /* handshake record, 94 bytes */
  0x01, 0x00, 0x00, 0x5a,                         /* ClientHello, 90 bytes */
  0x03, 0x03,                                     /* TLS 1.2 */
  0x66, 0x6c, 0x69, 0x6e, 0x6b, 0x6a, 0x6f, 0x62, /* random: "flinkjob" ... */
  0x2d, 0x70, 0x72, 0x6f, 0x62, 0x65, 0x2d, 0x30,
  0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38,
  0x39, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67,
  0x00,       /* no session id */
  0x00, 0x0a, /* 5 cipher suites */
  0xc0, 0x2f, 0xc0, 0x30, 0xc0, 0x2b, 0x00, 0x9c, 0x00, 0x9d,
  0x01, 0x00,                                                 /* compression: null */
  0x00, 0x27,                                                 /* extensions, 39 bytes */
  0x00, 0x0a, 0x00, 0x06, 0x00, 0x04, 0x00, 0x1d, 0x00, 0x17, /* supported_groups */
  0x00, 0x0b, 0x00, 0x02, 0x01, 0x00,                         /* ec_point_formats */
  0x00, 0x0d, 0x00, 0x0a, 0x00, 0x08,                         /* signature_algorithms */
  0x08, 0x04, 0x04, 0x01, 0x04, 0x03, 0x02, 0x01,
  0xff, 0x01, 0x00, 0x01, 0x00, /* renegotiation_info */
  0x00, 0x17, 0x00, 0x00,       /* extended_master_secret */
};

typedef struct
{
  GSocketConnection *connection;
  char               reply[5];
} Probe;

static void
probe_free (Probe *probe)
{
  g_clear_object (&probe->connection);
  g_free (probe);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  Probe            *probe = g_task_get_task_data (task);
  gsize             size = 0;

  g_input_stream_read_all_finish (G_INPUT_STREAM (source), result, &size, NULL);
  /* Only an HTTP status line means plain HTTP; a TLS record (its content
   * type, 0x15 or 0x16, then 0x03), nothing, or anything else does not. */
  g_task_return_boolean (task, size == sizeof probe->reply &&
                                 memcmp (probe->reply, "HTTP/", sizeof probe->reply) == 0);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Probe *probe = g_task_get_task_data (task);

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    {
      g_task_return_boolean (task, FALSE);
      g_object_unref (task);
      return;
    }
  g_input_stream_read_all_async (g_io_stream_get_input_stream (G_IO_STREAM (probe->connection)),
                                 probe->reply, sizeof probe->reply, G_PRIORITY_DEFAULT,
                                 g_task_get_cancellable (task), read_cb, task);
}

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  Probe *probe = g_task_get_task_data (task);

  probe->connection = g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (source), result, NULL);
  if (probe->connection == NULL)
    {
      g_task_return_boolean (task, FALSE);
      g_object_unref (task);
      return;
    }
  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (probe->connection)),
                                   CLIENT_HELLO, sizeof CLIENT_HELLO, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), written_cb, task);
}

void
_flink_probe_plain_http_async (GUri               *uri,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  GTask                    *task = _flink_task_new (NULL, _flink_probe_plain_http_async, "[flinkjob] probe",
                                                    cancellable, callback, user_data);
  g_autoptr (GSocketClient) client = g_socket_client_new ();

  g_task_set_task_data (task, g_new0 (Probe, 1), (GDestroyNotify) probe_free);
  g_socket_client_set_timeout (client, PROBE_TIMEOUT_S);
  g_socket_client_connect_to_host_async (client, g_uri_get_host (uri),
                                         g_uri_get_port (uri) > 0 ? g_uri_get_port (uri) : 443,
                                         cancellable, connected_cb, task);
}

/* Whether what answers speaks plain HTTP; FALSE when it could not be told. */
gboolean
_flink_probe_plain_http_finish (GAsyncResult *result)
{
  return g_task_propagate_boolean (G_TASK (result), NULL);
}
