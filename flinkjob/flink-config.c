/* flink-config.c: reading Flink's own configuration files
 *
 * Flink 1.19 and later read config.yaml, standard YAML with nested or flat
 * keys; older clusters (and 1.19/1.20 when it exists) read flink-conf.yaml,
 * flat "key: value" lines. Both are read here with libyaml and flattened to
 * "rest.address" -> "host".
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include <string.h>
#include <yaml.h>

#include "flink-config-private.h"

#define MAX_DEPTH 32

static void flatten_node (yaml_document_t *document,
                          yaml_node_t     *node,
                          const char      *prefix,
                          GHashTable      *config,
                          guint            depth);

static const char *
scalar_text (yaml_node_t *node)
{
  return (const char *) node->data.scalar.value;
}

static void
flatten_mapping (yaml_document_t *document,
                 yaml_node_t     *node,
                 const char      *prefix,
                 GHashTable      *config,
                 guint            depth)
{
  for (yaml_node_pair_t *pair = node->data.mapping.pairs.start;
       pair < node->data.mapping.pairs.top; pair++)
    {
      yaml_node_t *key = yaml_document_get_node (document, pair->key);
      yaml_node_t *value = yaml_document_get_node (document, pair->value);
      g_autofree char *name = NULL;

      if (key == NULL || value == NULL || key->type != YAML_SCALAR_NODE)
        continue;
      name = prefix ? g_strconcat (prefix, ".", scalar_text (key), NULL)
                    : g_strdup (scalar_text (key));
      flatten_node (document, value, name, config, depth + 1);
    }
}

/* A list of scalars becomes Flink's flat form, items joined by ';'. */
static void
flatten_sequence (yaml_document_t *document,
                  yaml_node_t     *node,
                  const char      *prefix,
                  GHashTable      *config)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (yaml_node_item_t *item = node->data.sequence.items.start;
       item < node->data.sequence.items.top; item++)
    {
      yaml_node_t *element = yaml_document_get_node (document, *item);

      if (element == NULL || element->type != YAML_SCALAR_NODE)
        return;
      if (joined->len > 0)
        g_string_append_c (joined, ';');
      g_string_append (joined, scalar_text (element));
    }
  g_hash_table_replace (config, g_strdup (prefix), g_string_free (g_steal_pointer (&joined), FALSE));
}

static void
flatten_node (yaml_document_t *document,
              yaml_node_t     *node,
              const char      *prefix,
              GHashTable      *config,
              guint            depth)
{
  if (node == NULL || depth > MAX_DEPTH)
    return;

  switch (node->type)
    {
    case YAML_SCALAR_NODE:
      if (prefix != NULL)
        g_hash_table_replace (config, g_strdup (prefix), g_strdup (scalar_text (node)));
      break;
    case YAML_MAPPING_NODE:
      flatten_mapping (document, node, prefix, config, depth);
      break;
    case YAML_SEQUENCE_NODE:
      if (prefix != NULL)
        flatten_sequence (document, node, prefix, config);
      break;
    case YAML_NO_NODE:
    default:
      break;
    }
}

GHashTable *
_flink_config_parse (const char  *text,
                     gssize       length,
                     const char  *file_name,
                     GError     **error)
{
  g_autoptr(GHashTable) config = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  yaml_parser_t parser;
  yaml_document_t document;
  yaml_node_t *root;

  if (length < 0)
    length = strlen (text);

  if (!yaml_parser_initialize (&parser))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_FAILED, "Cannot read %s: out of memory", file_name);
      return NULL;
    }
  yaml_parser_set_input_string (&parser, (const unsigned char *) text, length);

  if (!yaml_parser_load (&parser, &document))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   "%s is not valid YAML: %s%s%s at line %zu, column %zu",
                   file_name,
                   parser.problem ? parser.problem : "syntax error",
                   parser.context ? " " : "",
                   parser.context ? parser.context : "",
                   parser.problem_mark.line + 1, parser.problem_mark.column + 1);
      yaml_parser_delete (&parser);
      return NULL;
    }

  root = yaml_document_get_root_node (&document);
  if (root != NULL && root->type != YAML_MAPPING_NODE)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   "%s is not a Flink configuration: it should map keys such as "
                   "rest.address to values", file_name);
      yaml_document_delete (&document);
      yaml_parser_delete (&parser);
      return NULL;
    }

  flatten_node (&document, root, NULL, config, 0);
  yaml_document_delete (&document);
  yaml_parser_delete (&parser);
  return g_steal_pointer (&config);
}

/* @path: a configuration file, or a directory holding config.yaml or
 * flink-conf.yaml, or NULL for $FLINK_CONF_DIR. */
GHashTable *
_flink_config_load (const char  *path,
                    char       **out_file,
                    GError     **error)
{
  g_autofree char *file = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  GHashTable *config;

  if (path == NULL)
    {
      path = g_getenv ("FLINK_CONF_DIR");
      if (path == NULL || path[0] == '\0')
        {
          g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                               "No Flink configuration was given and FLINK_CONF_DIR is not set");
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
                       "%s holds neither config.yaml nor flink-conf.yaml", path);
          return NULL;
        }
    }
  else
    file = g_strdup (path);

  if (!g_file_get_contents (file, &contents, &length, &local_error))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   "Cannot read the Flink configuration: %s", local_error->message);
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
_flink_config_to_url (GHashTable  *config,
                      const char  *file_name,
                      GError     **error)
{
  const char *address = g_hash_table_lookup (config, "rest.address");
  const char *port_text = g_hash_table_lookup (config, "rest.port");
  const char *prefix = g_hash_table_lookup (config, "rest.path");
  gboolean tls = is_true (g_hash_table_lookup (config, "security.ssl.rest.enabled"));
  g_autofree char *path = NULL;
  guint64 port = 8081;

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
                   "rest.port in %s is “%s”, not a port number", file_name, port_text);
      return NULL;
    }

  if (prefix != NULL && prefix[0] != '\0')
    path = prefix[0] == '/' ? g_strdup (prefix) : g_strconcat ("/", prefix, NULL);

  return g_uri_join (G_URI_FLAGS_NONE, tls ? "https" : "http", NULL,
                     address, (int) port, path ? path : "", NULL, NULL);
}
