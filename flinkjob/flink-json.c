/* flink-json.c: reading what a server sent without trusting it
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include <math.h>
#include <string.h>

#include "flink-decoders-private.h"
#include "flink-json-private.h"
#include "flink-i18n-private.h"

/* What json-glib 1.6 is not given.
 *
 * It parses recursively, and overflows the stack on arrays nested some
 * 100,000 deep; it builds a node for every value, some 300 bytes for an
 * empty object (a 30 MB array of 10 million empty objects took 3 GB); it
 * has no hook to stop at a limit. So one pass over the bytes measures the
 * nesting and counts the elements before json-glib sees them: objects,
 * arrays, strings (member names too), numbers and literals. Real answers
 * stay far below the limits: the largest recorded nests 7 deep and holds
 * some 2,000 elements; 20,000 jobs in a jobs overview are some 900,000
 * elements in 40,000 objects.
 *
 * The same pass finds lone surrogates: json-glib 1.6 turns "\ud800" into
 * the bytes ED A0 80, which are not UTF-8 (and eats the character after
 * it), so their escapes are rewritten as "\ufffd", the replacement
 * character, in a copy. Bytes that are not UTF-8 are replaced the same way
 * (json-glib would refuse the whole document). What json-glib still makes
 * of other escapes is checked after parsing (node_is_utf8()): every string
 * and member name a decoder reads is valid UTF-8, and the common answer,
 * valid already, is neither copied nor rebuilt. */
#define MAX_JSON_DEPTH 512
#define MAX_JSON_ELEMENTS 2000000
/* Objects and arrays cost json-glib some 300 bytes each, a scalar some
 * 100: together the limits bound a parsed answer to some 300 MB, which the
 * limit on a response's size bounds further. */
#define MAX_JSON_CONTAINERS 250000

typedef struct
{
  gboolean too_deep;
  gsize    n_elements; /* counted up to the limits */
  gsize    n_containers;
  gboolean lone_surrogates;
} JsonScan;

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The UTF-16 code unit of the escape "\uXXXX" at @data[@i] (@i at the
 * backslash), or -1 if there is none. */
static int
unicode_escape_at (const char *data,
                   gsize       size,
                   gsize       i)
{
  int unit = 0;

  if (i + 6 > size || data[i] != '\\' || data[i + 1] != 'u')
    return -1;
  for (guint k = 2; k < 6; k++)
    {
      int digit = hex_value (data[i + k]);

      if (digit < 0)
        return -1;
      unit = unit * 16 + digit;
    }
  return unit;
}

#define IS_HIGH_SURROGATE(u) ((u) >= 0xd800 && (u) <= 0xdbff)
#define IS_LOW_SURROGATE(u) ((u) >= 0xdc00 && (u) <= 0xdfff)

/* One pass over @data. With @fix (a writable copy of @data), rewrites the
 * escapes of lone surrogates there. Stops early at a limit. */
static void
scan_json (const char *data,
           gsize       size,
           char       *fix,
           JsonScan   *scan)
{
  gboolean in_string = FALSE;
  gboolean in_token = FALSE; /* a number or a literal */
  guint    depth = 0;

  memset (scan, 0, sizeof *scan);
  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (in_string)
        {
          int unit;

          if (c == '"')
            {
              in_string = FALSE;
              continue;
            }
          if (c != '\\')
            continue;
          unit = unicode_escape_at (data, size, i);
          if (unit < 0)
            {
              i++; /* \" and the other short escapes */
              continue;
            }
          if (IS_HIGH_SURROGATE (unit) &&
              IS_LOW_SURROGATE (unicode_escape_at (data, size, i + 6)))
            {
              i += 11; /* a pair: one character */
              continue;
            }
          if (IS_HIGH_SURROGATE (unit) || IS_LOW_SURROGATE (unit))
            {
              scan->lone_surrogates = TRUE;
              if (fix != NULL)
                memcpy (fix + i + 2, "fffd", 4);
            }
          i += 5;
        }
      else if (c == '"')
        {
          in_string = TRUE;
          in_token = FALSE;
          scan->n_elements++;
        }
      else if (c == '[' || c == '{')
        {
          in_token = FALSE;
          scan->n_elements++;
          scan->n_containers++;
          if (++depth > MAX_JSON_DEPTH)
            {
              scan->too_deep = TRUE;
              return;
            }
        }
      else if (c == ']' || c == '}')
        {
          in_token = FALSE;
          if (depth > 0)
            depth--;
        }
      else if (c == ',' || c == ':' || c == ' ' || c == '\t' || c == '\n' || c == '\r')
        in_token = FALSE;
      else if (!in_token)
        {
          in_token = TRUE;
          scan->n_elements++;
        }

      if (scan->n_elements > MAX_JSON_ELEMENTS || scan->n_containers > MAX_JSON_CONTAINERS)
        return;
    }
}

/* json-glib 1.6's scanner is GScanner's: beyond JSON it reads octal
 * escapes ("\377", any byte), partial \u escapes ("\udc0-", a
 * surrogate, eating the '-'), single-quoted strings and comments, so no
 * scan of the bytes can promise what its strings hold. After parsing, one
 * walk checks every string and member name; only a tree that holds text
 * that is not UTF-8 is copied, with that text made valid. */
static gboolean
node_is_utf8 (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char    *name;
        JsonNode      *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          if (!g_utf8_validate (name, -1, NULL) || !node_is_utf8 (member))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint      n = json_array_get_length (array);

        for (guint i = 0; i < n; i++)
          if (!node_is_utf8 (json_array_get_element (array, i)))
            return FALSE;
        return TRUE;
      }
    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) != G_TYPE_STRING ||
             g_utf8_validate (json_node_get_string (node), -1, NULL);
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

static JsonNode *
node_copy_utf8 (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject    *object = json_object_new ();
        JsonObjectIter iter;
        const char    *name;
        JsonNode      *member;
        JsonNode      *result;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            g_autofree char *valid = g_utf8_make_valid (name, -1);

            json_object_set_member (object, valid, node_copy_utf8 (member));
          }
        result = json_node_init_object (json_node_alloc (), object);
        json_object_unref (object);
        return result;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint      n = json_array_get_length (array);
        JsonArray *elements = json_array_sized_new (n);
        JsonNode  *result;

        for (guint i = 0; i < n; i++)
          json_array_add_element (elements, node_copy_utf8 (json_array_get_element (array, i)));
        result = json_node_init_array (json_node_alloc (), elements);
        json_array_unref (elements);
        return result;
      }
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          g_autofree char *valid = g_utf8_make_valid (json_node_get_string (node), -1);

          return json_node_init_string (json_node_alloc (), valid);
        }
      return json_node_copy (node);
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

JsonNode *
_flink_json_parse (GBytes  *bytes,
                   GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError)     local_error = NULL;
  g_autofree char       *copy = NULL;
  gsize                  size = 0;
  const char            *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;
  JsonScan               scan;
  JsonNode              *root;

  if (size == 0)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                           _ ("the response was empty, JSON was expected"));
      return NULL;
    }
  if (!g_utf8_validate_len (data, size, NULL))
    {
      /* Includes NUL bytes, which JSON text cannot hold either. */
      copy = g_utf8_make_valid (data, size);
      data = copy;
      size = strlen (copy);
    }
  scan_json (data, size, NULL, &scan);
  if (scan.too_deep)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                   _ ("the response nests JSON values more than %u deep"), MAX_JSON_DEPTH);
      return NULL;
    }
  if (scan.n_containers > MAX_JSON_CONTAINERS)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                   _ ("the response holds more than %u JSON objects and arrays, more than "
                      "any Flink answer; it was not read"),
                   MAX_JSON_CONTAINERS);
      return NULL;
    }
  if (scan.n_elements > MAX_JSON_ELEMENTS)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                   _ ("the response holds more than %u JSON elements (objects, arrays, "
                      "strings, numbers), more than any Flink answer; it was not read"),
                   MAX_JSON_ELEMENTS);
      return NULL;
    }
  if (scan.lone_surrogates)
    {
      char *fixed = g_memdup2 (data, size);

      scan_json (data, size, fixed, &scan);
      g_free (copy);
      data = copy = fixed;
    }
  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      /* json-glib quotes one byte of an unexpected character: “\xc3”. */
      g_autofree char *why = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                   _ ("the response is not valid JSON (%s)"), why);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                           _ ("the response holds no JSON value"));
      return NULL;
    }
  /* Without a backslash json-glib copies strings as they are, from bytes
   * that are valid UTF-8 by now: the walk is needed only with escapes. */
  if (memchr (data, '\\', size) != NULL && !node_is_utf8 (root))
    {
      JsonNode *valid = node_copy_utf8 (root);

      json_node_seal (valid);
      return valid;
    }
  return json_node_ref (root);
}

JsonObject *
_flink_json_node_get_object (JsonNode *node,
                             GError  **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                           _ ("the response is not a JSON object"));
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

/* An integral number held by @node, a value node or NULL. */
static gboolean
node_get_int (JsonNode *node,
              gint64   *out_value)
{
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

gboolean
_flink_json_get_int (JsonObject *object,
                     const char *member,
                     gint64     *out_value)
{
  return node_get_int (get_value_node (object, member), out_value);
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
_flink_json_require_string (JsonObject *object,
                            const char *member,
                            GError    **error)
{
  const char *value = _flink_json_get_string (object, member);

  if (value == NULL)
    g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                 _ ("the response has no text field “%s”"), member);
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
  const char    *name;
  JsonNode      *node;

  if (tasks == NULL)
    return;
  /* Without a copy per name: a jobs overview holds some ten per job. */
  json_object_iter_init (&iter, tasks);
  while (json_object_iter_next (&iter, &name, &node))
    {
      gint64 value;

      if (!JSON_NODE_HOLDS_VALUE (node) || !node_get_int (node, &value) ||
          value < 0 || value > G_MAXUINT)
        continue;
      for (guint state = FLINK_EXECUTION_STATE_UNKNOWN + 1; state < n_counts; state++)
        if (g_ascii_strcasecmp (name, flink_execution_state_to_string (state)) == 0)
          {
            counts[state] = (guint) value;
            break;
          }
    }
}

/* Decodes each object of @array with @decode and appends it to @store; an
 * element that is not an object, or that @decode refuses, fails it all
 * with PROTOCOL_ERROR naming it: "<item> <index> <where>: ...". */
gboolean
_flink_json_array_decode_into (JsonArray   *array,
                               GListStore  *store,
                               FlinkDecoder decode,
                               const char  *item,
                               const char  *where,
                               GError     **error)
{
  guint                 n = array ? json_array_get_length (array) : 0;
  g_autoptr (GPtrArray) values = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      JsonNode          *node = json_array_get_element (array, i);
      GObject           *value;
      g_autoptr (GError) local_error = NULL;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                       _ ("%s %u %s is not a JSON object"), item, i, where);
          return FALSE;
        }
      value = decode (json_node_get_object (node), &local_error);
      if (value == NULL)
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                       "%s %u %s: %s", item, i, where, local_error->message);
          return FALSE;
        }
      g_ptr_array_add (values, value);
    }
  /* One splice, not an items-changed per record. */
  g_list_store_splice (store, g_list_model_get_n_items (G_LIST_MODEL (store)), 0,
                       values->pdata, values->len);
  return TRUE;
}
