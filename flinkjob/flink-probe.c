/* flink-probe.c: is what answers at a URL plain HTTP?
 *
 * When a TLS handshake fails for another reason than the server's
 * certificate, one plain request on a connection of its own tells whether
 * the endpoint speaks plain HTTP: then the person gave https:// for a
 * cluster without security.ssl.rest.enabled, and is told so.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "flink-task-private.h"
#include "flink-transport-private.h"

#define PROBE_TIMEOUT_S 5

typedef struct {
  GSocketConnection *connection;
  char reply[5];
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
  g_autoptr(GTask) task = user_data;
  Probe *probe = g_task_get_task_data (task);
  gsize size = 0;

  g_input_stream_read_all_finish (G_INPUT_STREAM (source), result, &size, NULL);
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
  static const char head[] = "HEAD / HTTP/1.0\r\n\r\n";
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
                                   head, sizeof head - 1, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), written_cb, task);
}

void
_flink_probe_plain_http_async (GUri                *uri,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = _flink_task_new (NULL, _flink_probe_plain_http_async, "[flinkjob] probe",
                                 cancellable, callback, user_data);
  g_autoptr(GSocketClient) client = g_socket_client_new ();

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
