/* flink-response.c: what a request gave, as operations take it
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"
#include "flink-json-private.h"
#include "flink-task-private.h"
#include "flink-transport-private.h"
#include "flink-i18n-private.h"

/* ---- Responses ---------------------------------------------------------- */

void
_flink_response_free (FlinkResponse *response)
{
  g_clear_pointer (&response->root, json_node_unref);
  g_free (response->context);
  g_free (response);
}

JsonObject *
_flink_response_get_object (FlinkResponse *response,
                            GError       **error)
{
  g_autoptr (GError) local_error = NULL;
  JsonObject        *object;

  if (response->kind == FLINK_RESPONSE_DONE_EARLIER)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                   _ ("%s: the cluster's answer was lost"), response->context);
      return NULL;
    }
  object = _flink_json_node_get_object (response->root, &local_error);
  if (object == NULL)
    g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                 "%s: %s", response->context, local_error->message);
  return object;
}

/* ---- For operations' callbacks ------------------------------------------ */

JsonObject *
_flink_task_take_response_object (GTask          *task,
                                  GAsyncResult   *result,
                                  FlinkResponse **out_response)
{
  FlinkTransport *transport = g_task_get_source_object (G_TASK (result));
  GError         *error = NULL;
  JsonObject     *object;

  *out_response = _flink_transport_send_finish (transport, result, &error);
  if (*out_response == NULL)
    {
      g_task_return_error (task, error);
      return NULL;
    }
  object = _flink_response_get_object (*out_response, &error);
  if (object == NULL)
    g_task_return_error (task, error);
  return object;
}

void
_flink_task_return_decoded (GTask        *task,
                            GAsyncResult *result,
                            FlinkDecoder  decode)
{
  g_autoptr (FlinkResponse) response = NULL;
  GError                   *error = NULL;
  JsonObject               *object;
  gpointer                  value;

  object = _flink_task_take_response_object (task, result, &response);
  if (object == NULL)
    return;
  value = decode (object, &error);
  if (value == NULL)
    _flink_task_return_error_in_context (task, error, response->context);
  else
    g_task_return_pointer (task, value, g_object_unref);
}

void
_flink_task_return_sent (GTask        *task,
                         GAsyncResult *result)
{
  FlinkTransport           *transport = g_task_get_source_object (G_TASK (result));
  g_autoptr (FlinkResponse) response = NULL;
  GError                   *error = NULL;

  response = _flink_transport_send_finish (transport, result, &error);
  if (response == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}
