/* flink-config.c: reading Flink's own configuration files
 *
 * Flink 1.19 and later read config.yaml, standard YAML with nested or flat
 * keys; older clusters (and 1.19/1.20 when it exists) read flink-conf.yaml,
 * flat "key: value" lines. Both are read here with libyaml and flattened to
 * "rest.address" -> "host".
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include <string.h>
#include <yaml.h>

#include "flink-config-private.h"
#include "flink-file-private.h"
#include "flink-i18n-private.h"

/* Limits on a configuration file, which Flink writes in a few kilobytes.
 * Without them a 57-byte file whose alias holds itself, or a 900-byte
 * "billion laughs" (aliases of aliases), expands without end; libyaml
 * takes quadratic time on deep nesting. Flink's own reader (snakeyaml
 * engine) refuses recursive aliases too. */
#define MAX_CONFIG_SIZE (1024 * 1024)
#define MAX_CONFIG_DEPTH 64
#define MAX_CONFIG_NODES 100000
/* The keys and values that the flattened configuration may hold, aliases
 * expanded: 100,000 aliases of a long value would be gigabytes. */
#define MAX_CONFIG_TEXT (16 * 1024 * 1024)

typedef struct
{
  yaml_document_t *document;
  GHashTable      *config;
  const char      *file_name;
  gsize            n_nodes;
  gsize            n_bytes;
} Flattener;

static const char *
scalar_text (yaml_node_t *node)
{
  return (const char *) node->data.scalar.value;
}

static gboolean flatten_node (Flattener   *flattener,
                              yaml_node_t *node,
                              const char  *prefix,
                              guint        depth,
                              GError     **error);

/* Counts one more node expanded and @n_bytes more text, or fails at a
 * limit. Aliases make a node count once for each place it appears. */
static gboolean
count_node (Flattener   *flattener,
            yaml_node_t *node,
            gsize        n_bytes,
            GError     **error)
{
  gsize line = node->start_mark.line + 1;

  if (++flattener->n_nodes > MAX_CONFIG_NODES)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("%s expands to more than %u values (at line %zu): its aliases "
                      "repeat too much for a Flink configuration"),
                   flattener->file_name, MAX_CONFIG_NODES, line);
      return FALSE;
    }
  flattener->n_bytes += n_bytes;
  if (flattener->n_bytes > MAX_CONFIG_TEXT)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("%s expands to more than %u MiB of keys and values (at line %zu): "
                      "its aliases repeat too much for a Flink configuration"),
                   flattener->file_name, MAX_CONFIG_TEXT / (1024 * 1024), line);
      return FALSE;
    }
  return TRUE;
}

static gboolean
flatten_mapping (Flattener   *flattener,
                 yaml_node_t *node,
                 const char  *prefix,
                 guint        depth,
                 GError     **error)
{
  for (yaml_node_pair_t *pair = node->data.mapping.pairs.start;
       pair < node->data.mapping.pairs.top; pair++)
    {
      yaml_node_t     *key = yaml_document_get_node (flattener->document, pair->key);
      yaml_node_t     *value = yaml_document_get_node (flattener->document, pair->value);
      g_autofree char *name = NULL;

      if (key == NULL || value == NULL || key->type != YAML_SCALAR_NODE)
        continue;
      name = prefix ? g_strconcat (prefix, ".", scalar_text (key), NULL)
                    : g_strdup (scalar_text (key));
      if (!count_node (flattener, key, strlen (name), error) ||
          !flatten_node (flattener, value, name, depth + 1, error))
        return FALSE;
    }
  return TRUE;
}

/* A list of scalars becomes Flink's flat form, items joined by ';'. */
static gboolean
flatten_sequence (Flattener   *flattener,
                  yaml_node_t *node,
                  const char  *prefix,
                  GError     **error)
{
  g_autoptr (GString) joined = g_string_new (NULL);

  for (yaml_node_item_t *item = node->data.sequence.items.start;
       item < node->data.sequence.items.top; item++)
    {
      yaml_node_t *element = yaml_document_get_node (flattener->document, *item);

      if (element == NULL || element->type != YAML_SCALAR_NODE)
        return TRUE;
      if (!count_node (flattener, element, element->data.scalar.length + 1, error))
        return FALSE;
      if (joined->len > 0)
        g_string_append_c (joined, ';');
      g_string_append (joined, scalar_text (element));
    }
  g_hash_table_replace (flattener->config, g_strdup (prefix),
                        g_string_free (g_steal_pointer (&joined), FALSE));
  return TRUE;
}

static gboolean
flatten_node (Flattener   *flattener,
              yaml_node_t *node,
              const char  *prefix,
              guint        depth,
              GError     **error)
{
  if (node == NULL)
    return TRUE;
  /* The document itself nests no deeper (parse_events() saw to it), but
   * aliases can: one that holds a deep mapping, inside another. */
  if (depth > MAX_CONFIG_DEPTH)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("%s nests values more than %u deep through its aliases (at line %zu)"),
                   flattener->file_name, MAX_CONFIG_DEPTH, node->start_mark.line + 1);
      return FALSE;
    }

  switch (node->type)
    {
    case YAML_SCALAR_NODE:
      if (prefix == NULL)
        return TRUE;
      if (!count_node (flattener, node, node->data.scalar.length, error))
        return FALSE;
      g_hash_table_replace (flattener->config, g_strdup (prefix), g_strdup (scalar_text (node)));
      return TRUE;
    case YAML_MAPPING_NODE:
      return count_node (flattener, node, 0, error) &&
             flatten_mapping (flattener, node, prefix, depth, error);
    case YAML_SEQUENCE_NODE:
      if (prefix == NULL)
        return TRUE;
      return count_node (flattener, node, 0, error) &&
             flatten_sequence (flattener, node, prefix, error);
    case YAML_NO_NODE:
    default:
      return TRUE;
    }
}

static void
set_syntax_error (yaml_parser_t *parser,
                  const char    *file_name,
                  GError       **error)
{
  g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
               _ ("%s is not valid YAML: %s%s%s at line %zu, column %zu"),
               file_name,
               parser->problem ? parser->problem : "syntax error",
               parser->context ? " " : "",
               parser->context ? parser->context : "",
               parser->problem_mark.line + 1, parser->problem_mark.column + 1);
}

/* A first pass over the document's events, which libyaml produces as it
 * reads: refuses what nests too deep before libyaml spends quadratic time
 * on it, and an alias inside the node it names (a recursive alias, which
 * would expand without end). */
static gboolean
check_events (const char *text,
              gsize       length,
              const char *file_name,
              GError    **error)
{
  yaml_parser_t parser;
  /* The anchors of the open collections, NULL for those without one. */
  g_autoptr (GPtrArray) open = g_ptr_array_new_with_free_func (g_free);
  gboolean              done = FALSE;
  gboolean              ok = TRUE;

  if (!yaml_parser_initialize (&parser))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_FAILED, _ ("Cannot read %s: out of memory"), file_name);
      return FALSE;
    }
  yaml_parser_set_input_string (&parser, (const unsigned char *) text, length);

  while (ok && !done)
    {
      yaml_event_t event;
      gsize        line;

      if (!yaml_parser_parse (&parser, &event))
        {
          set_syntax_error (&parser, file_name, error);
          ok = FALSE;
          break;
        }
      line = event.start_mark.line + 1;

      switch (event.type)
        {
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT:
          if (open->len >= MAX_CONFIG_DEPTH)
            {
              g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                           _ ("%s nests values more than %u deep (at line %zu)"),
                           file_name, MAX_CONFIG_DEPTH, line);
              ok = FALSE;
              break;
            }
          g_ptr_array_add (open, g_strdup (event.type == YAML_MAPPING_START_EVENT
                                             ? (const char *) event.data.mapping_start.anchor
                                             : (const char *) event.data.sequence_start.anchor));
          break;
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
          if (open->len > 0)
            g_ptr_array_set_size (open, open->len - 1);
          break;
        case YAML_ALIAS_EVENT:
          for (guint i = 0; i < open->len; i++)
            if (g_strcmp0 (open->pdata[i], (const char *) event.data.alias.anchor) == 0)
              {
                g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                             _ ("%s has a recursive alias at line %zu: it names a value "
                                "that holds the alias itself"),
                             file_name, line);
                ok = FALSE;
                break;
              }
          break;
        case YAML_STREAM_END_EVENT:
          done = TRUE;
          break;
        case YAML_NO_EVENT:
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_START_EVENT:
        case YAML_DOCUMENT_END_EVENT:
        case YAML_SCALAR_EVENT:
        default:
          break;
        }
      yaml_event_delete (&event);
    }
  yaml_parser_delete (&parser);
  return ok;
}

GHashTable *
_flink_config_parse (const char *text,
                     gssize      length,
                     const char *file_name,
                     GError    **error)
{
  g_autoptr (GHashTable) config = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Flattener              flattener = { NULL, config, file_name, 0, 0 };
  yaml_parser_t          parser;
  yaml_document_t        document;
  yaml_node_t           *root;
  gboolean               ok;

  if (length < 0)
    length = strlen (text);
  if ((gsize) length > MAX_CONFIG_SIZE)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   "%s holds %" G_GSSIZE_FORMAT " bytes, more than the %u KiB that "
                   "flinkjob reads from a Flink configuration",
                   file_name, length,
                   MAX_CONFIG_SIZE / 1024);
      return NULL;
    }
  if (!check_events (text, length, file_name, error))
    return NULL;

  if (!yaml_parser_initialize (&parser))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_FAILED, _ ("Cannot read %s: out of memory"), file_name);
      return NULL;
    }
  yaml_parser_set_input_string (&parser, (const unsigned char *) text, length);

  if (!yaml_parser_load (&parser, &document))
    {
      set_syntax_error (&parser, file_name, error);
      yaml_parser_delete (&parser);
      return NULL;
    }

  root = yaml_document_get_root_node (&document);
  if (root != NULL && root->type != YAML_MAPPING_NODE)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("%s is not a Flink configuration: it should map keys such as "
                      "rest.address to values"),
                   file_name);
      yaml_document_delete (&document);
      yaml_parser_delete (&parser);
      return NULL;
    }

  flattener.document = &document;
  ok = flatten_node (&flattener, root, NULL, 0, error);
  yaml_document_delete (&document);
  yaml_parser_delete (&parser);
  return ok ? g_steal_pointer (&config) : NULL;
}

/* @path: a configuration file, or a directory holding config.yaml or
 * flink-conf.yaml, or NULL for $FLINK_CONF_DIR. */
GHashTable *
_flink_config_load (const char *path,
                    char      **out_file,
                    GError    **error)
{
  g_autofree char   *file = NULL;
  g_autofree char   *contents = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize              length;
  GHashTable        *config;

  if (path == NULL)
    {
      path = g_getenv ("FLINK_CONF_DIR");
      if (path == NULL || path[0] == '\0')
        {
          g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               _ ("No Flink configuration was given and FLINK_CONF_DIR is not set"));
          return NULL;
        }
    }

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      /* config.yaml is what Flink 1.19+ writes and 2.x reads; flink-conf.yaml
       * is the legacy name. */
      g_autofree char *yaml = g_build_filename (path, "config.yaml", NULL);
      g_autofree char *legacy = g_build_filename (path, "flink-conf.yaml", NULL);

      if (g_file_test (yaml, G_FILE_TEST_EXISTS))
        file = g_steal_pointer (&yaml);
      else if (g_file_test (legacy, G_FILE_TEST_EXISTS))
        file = g_steal_pointer (&legacy);
      else
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                       _ ("%s holds neither config.yaml nor flink-conf.yaml"), path);
          return NULL;
        }
    }
  else
    file = g_strdup (path);

  /* Never g_file_get_contents(): a FIFO would block it in open(), and
   * --config-dir /dev/zero would read gigabytes. */
  if (!_flink_file_read_regular (file, MAX_CONFIG_SIZE, &contents, &length, &local_error))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot read the Flink configuration: %s"), local_error->message);
      return NULL;
    }

  config = _flink_config_parse (contents, length, file, error);
  if (config != NULL && out_file != NULL)
    *out_file = g_steal_pointer (&file);
  return config;
}

static gboolean
is_true (const char *value)
{
  return value != NULL && g_ascii_strcasecmp (value, "true") == 0;
}

/* The REST URL that Flink's own client would use with @config. */
char *
_flink_config_to_url (GHashTable *config,
                      const char *file_name,
                      GError    **error)
{
  const char      *address = g_hash_table_lookup (config, "rest.address");
  const char      *port_text = g_hash_table_lookup (config, "rest.port");
  const char      *prefix = g_hash_table_lookup (config, "rest.path");
  gboolean         tls = is_true (g_hash_table_lookup (config, "security.ssl.rest.enabled"));
  g_autofree char *path = NULL;
  guint64          port = 8081;

  if (prefix == NULL)
    prefix = g_hash_table_lookup (config, "rest.url-prefix");
  if (address == NULL || address[0] == '\0')
    address = g_hash_table_lookup (config, "jobmanager.rpc.address");
  if (address == NULL || address[0] == '\0')
    address = "localhost";

  if (port_text != NULL &&
      !g_ascii_string_to_unsigned (port_text, 10, 1, 65535, &port, NULL))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("rest.port in %s is “%s”, not a port number"), file_name, port_text);
      return NULL;
    }

  if (prefix != NULL && prefix[0] != '\0')
    path = prefix[0] == '/' ? g_strdup (prefix) : g_strconcat ("/", prefix, NULL);

  return g_uri_join (G_URI_FLAGS_NONE, tls ? "https" : "http", NULL,
                     address, (int) port, path ? path : "", NULL, NULL);
}
