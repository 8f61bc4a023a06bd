/* flink-json.c: reading what a server sent without trusting it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include <math.h>

#include "flink-decoders-private.h"
#include "flink-json-private.h"

/* json-glib 1.6 parses recursively, and overflows the stack on arrays
 * nested some 100,000 deep: refuse what nests deeper than any Flink answer
 * before parsing it. */
#define MAX_JSON_DEPTH 512

static gboolean
nests_deeper_than (const char *data,
                   gsize       size,
                   guint       max_depth)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return TRUE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return FALSE;
}

JsonNode *
_flink_json_parse (GBytes  *bytes,
                   GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  gsize size = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;
  JsonNode *root;

  if (size == 0)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                           "the response was empty, JSON was expected");
      return NULL;
    }
  if (nests_deeper_than (data, size, MAX_JSON_DEPTH))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                   "the response nests JSON values more than %u deep", MAX_JSON_DEPTH);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                   "the response is not valid JSON (%s)", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                           "the response holds no JSON value");
      return NULL;
    }
  return json_node_ref (root);
}

JsonObject *
_flink_json_node_get_object (JsonNode  *node,
                             GError   **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                           "the response is not a JSON object");
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonNode *
get_value_node (JsonObject *object,
                const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  return node;
}

const char *
_flink_json_get_string (JsonObject *object,
                        const char *member)
{
  JsonNode *node = get_value_node (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
_flink_json_get_int (JsonObject *object,
                     const char *member,
                     gint64     *out_value)
{
  JsonNode *node = get_value_node (object, member);
  GType type;

  if (node == NULL)
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *out_value = json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);
      /* Only integral values that fit. */
      if (!isfinite (d) || d != floor (d) || d < (double) G_MININT64 || d >= (double) G_MAXINT64)
        return FALSE;
      *out_value = (gint64) d;
      return TRUE;
    }
  return FALSE;
}

gint64
_flink_json_get_int_or (JsonObject *object,
                        const char *member,
                        gint64      fallback)
{
  gint64 value;

  return _flink_json_get_int (object, member, &value) ? value : fallback;
}

guint
_flink_json_get_uint_or (JsonObject *object,
                         const char *member,
                         guint       fallback)
{
  gint64 value;

  if (!_flink_json_get_int (object, member, &value) || value < 0 || value > G_MAXUINT)
    return fallback;
  return (guint) value;
}

gboolean
_flink_json_get_bool_or (JsonObject *object,
                         const char *member,
                         gboolean    fallback)
{
  JsonNode *node = get_value_node (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

JsonObject *
_flink_json_get_object (JsonObject *object,
                        const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

JsonArray *
_flink_json_get_array (JsonObject *object,
                       const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

const char *
_flink_json_require_string (JsonObject  *object,
                            const char  *member,
                            GError     **error)
{
  const char *value = _flink_json_get_string (object, member);

  if (value == NULL)
    g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                 "the response has no text field “%s”", member);
  return value;
}

/* {"RUNNING": 2, "FINISHED": 1, ...} into counts indexed by
 * FlinkExecutionState; unknown states and bad values are skipped. */
void
_flink_json_read_task_counts (JsonObject *tasks,
                              guint      *counts,
                              guint       n_counts)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (tasks == NULL)
    return;
  json_object_iter_init (&iter, tasks);
  while (json_object_iter_next (&iter, &name, &node))
    {
      g_autofree char *upper = g_ascii_strup (name, -1);
      FlinkExecutionState state = flink_execution_state_from_string (upper);
      gint64 value;

      if (state == FLINK_EXECUTION_STATE_UNKNOWN || (guint) state >= n_counts)
        continue;
      if (_flink_json_get_int (tasks, name, &value) && value >= 0 && value <= G_MAXUINT)
        counts[state] = (guint) value;
    }
}

/* Decodes each object of @array with @decode and appends it to @store; an
 * element that is not an object, or that @decode refuses, fails it all
 * with PROTOCOL_ERROR naming it: "<item> <index> <where>: ...". */
gboolean
_flink_json_array_decode_into (JsonArray     *array,
                               GListStore    *store,
                               FlinkDecoder   decode,
                               const char    *item,
                               const char    *where,
                               GError       **error)
{
  guint n = array ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(GObject) value = NULL;
      g_autoptr(GError) local_error = NULL;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                       "%s %u %s is not a JSON object", item, i, where);
          return FALSE;
        }
      value = decode (json_node_get_object (node), &local_error);
      if (value == NULL)
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                       "%s %u %s: %s", item, i, where, local_error->message);
          return FALSE;
        }
      g_list_store_append (store, value);
    }
  return TRUE;
}
