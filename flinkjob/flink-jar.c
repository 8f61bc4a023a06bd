/* flink-jar.c: a jar uploaded to the cluster
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include "flink-decoders-private.h"
#include "flink-json-private.h"
#include "flink-i18n-private.h"

/**
 * FlinkJar:
 *
 * A job jar uploaded to the cluster's JobManager, as `GET /jars` lists it
 * and the "Submit New Job" page of Flink's web UI shows it: its jar id, the
 * file name it was uploaded under, when, and the entry classes its manifest
 * names.
 *
 * Upload one with [method@Flink.ClusterClient.upload_jar_async], list them
 * with [method@Flink.ClusterClient.list_jars_async] and run one with
 * [method@Flink.ClusterClient.run_jar_async]. Uploaded jars are kept in the
 * JobManager's `web.upload.dir`. A jar is immutable.
 *
 * Since: 1.0
 */

struct _FlinkJar
{
  GObject parent_instance;

  char  *id;
  char  *name;
  gint64 uploaded;
  GStrv  entry_classes;
};

G_DEFINE_FINAL_TYPE (FlinkJar, flink_jar, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_UPLOADED,
  PROP_ENTRY_CLASSES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
flink_jar_finalize (GObject *object)
{
  FlinkJar *self = FLINK_JAR (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->entry_classes, g_strfreev);

  G_OBJECT_CLASS (flink_jar_parent_class)->finalize (object);
}

static void
flink_jar_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  FlinkJar *self = FLINK_JAR (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_UPLOADED:
      g_value_set_int64 (value, self->uploaded);
      break;
    case PROP_ENTRY_CLASSES:
      g_value_set_boxed (value, self->entry_classes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flink_jar_class_init (FlinkJarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flink_jar_finalize;
  object_class->get_property = flink_jar_get_property;

  /**
   * FlinkJar:id:
   *
   * The jar id the cluster gave the upload, such as
   * "0f3c1a52-...-4e5b_wordcount.jar", to use in `/jars/:jarid` routes.
   *
   * Since: 1.0
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJar:name:
   *
   * The file name the jar was uploaded under, such as "wordcount.jar".
   *
   * Since: 1.0
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJar:uploaded:
   *
   * When the jar was uploaded, in milliseconds since the Unix epoch, or -1
   * if the cluster did not say.
   *
   * Since: 1.0
   */
  properties[PROP_UPLOADED] =
    g_param_spec_int64 ("uploaded", NULL, NULL, G_MININT64, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkJar:entry-classes:
   *
   * The entry classes the jar's manifest names, fully qualified.
   *
   * Since: 1.0
   */
  properties[PROP_ENTRY_CLASSES] =
    g_param_spec_boxed ("entry-classes", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
flink_jar_init (FlinkJar *self)
{
  self->uploaded = -1;
}

/* "entry": [{"name", "description"}]; entries without a name are skipped. */
static GStrv
read_entry_classes (JsonArray *entries)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint                    n_entries = entries ? json_array_get_length (entries) : 0;

  for (guint i = 0; i < n_entries; i++)
    {
      JsonNode   *node = json_array_get_element (entries, i);
      const char *name;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      name = _flink_json_get_string (json_node_get_object (node), "name");
      if (name != NULL && *name != '\0')
        g_strv_builder_add (builder, name);
    }
  return g_strv_builder_end (builder);
}

FlinkJar *
_flink_jar_new_from_json (JsonObject *object,
                          GError    **error)
{
  g_autoptr (FlinkJar) self = NULL;
  const char          *id;

  if (object == NULL)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                           _ ("the jar is not a JSON object"));
      return NULL;
    }

  id = _flink_json_require_string (object, "id", error);
  if (id == NULL)
    return NULL;

  self = g_object_new (FLINK_TYPE_JAR, NULL);
  self->id = g_strdup (id);
  self->name = g_strdup (_flink_json_get_string (object, "name"));
  self->uploaded = _flink_json_get_int_or (object, "uploaded", -1);
  self->entry_classes = read_entry_classes (_flink_json_get_array (object, "entry"));

  return g_steal_pointer (&self);
}

/* The whole answer of GET /jars: {"address", "files": [...]}. */
GListModel *
_flink_jars_new_from_json (JsonObject *root,
                           GError    **error)
{
  g_autoptr (GListStore) store = NULL;
  JsonArray             *files;

  if (root == NULL)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                           _ ("the jar list is not a JSON object"));
      return NULL;
    }

  store = g_list_store_new (FLINK_TYPE_JAR);
  files = _flink_json_get_array (root, "files");
  if (!_flink_json_array_decode_into (files, store, (FlinkDecoder) _flink_jar_new_from_json,
                                      "jar", "in the jar list", error))
    return NULL;

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * flink_jar_get_id:
 * @self: a jar
 *
 * The jar id the cluster gave the upload: the uploaded file's name on the
 * JobManager, such as "0f3c1a52-...-4e5b_wordcount.jar". Pass it to
 * [method@Flink.ClusterClient.run_jar_async] or
 * [method@Flink.ClusterClient.delete_jar_async].
 *
 * Returns: (transfer none): the jar id
 *
 * Since: 1.0
 */
const char *
flink_jar_get_id (FlinkJar *self)
{
  g_return_val_if_fail (FLINK_IS_JAR (self), NULL);
  return self->id;
}

/**
 * flink_jar_get_name:
 * @self: a jar
 *
 * The file name the jar was uploaded under, such as "wordcount.jar".
 *
 * Returns: (nullable): the file name, or %NULL if the cluster did not say
 *
 * Since: 1.0
 */
const char *
flink_jar_get_name (FlinkJar *self)
{
  g_return_val_if_fail (FLINK_IS_JAR (self), NULL);
  return self->name;
}

/**
 * flink_jar_get_uploaded:
 * @self: a jar
 *
 * When the jar was uploaded.
 *
 * Returns: milliseconds since the Unix epoch, or -1 if the cluster did not say
 *
 * Since: 1.0
 */
gint64
flink_jar_get_uploaded (FlinkJar *self)
{
  g_return_val_if_fail (FLINK_IS_JAR (self), -1);
  return self->uploaded;
}

/**
 * flink_jar_get_entry_classes:
 * @self: a jar
 *
 * The entry classes the jar's manifest names (its `program-class`
 * attribute, else its `Main-Class`), fully qualified. To run another class,
 * or a jar whose manifest names none, set
 * [property@Flink.RunOptions:entry-class].
 *
 * Returns: (transfer none) (array zero-terminated=1): the class names,
 *   empty if the manifest names none
 *
 * Since: 1.0
 */
const char *const *
flink_jar_get_entry_classes (FlinkJar *self)
{
  g_return_val_if_fail (FLINK_IS_JAR (self), NULL);
  return (const char *const *) self->entry_classes;
}
