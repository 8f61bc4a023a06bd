/* flink-accumulator.c: one accumulator of a job
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include <math.h>

#include "flink-decoders-private.h"
#include "flink-json-private.h"
#include "flink-i18n-private.h"

/* Longest part of a value quoted in an error message. */
#define MAX_QUOTED 200

/**
 * FlinkAccumulator:
 *
 * One of a job's user accumulators: a counter or other aggregate that the
 * job's functions add to through `getRuntimeContext ().addAccumulator ()`
 * (a `LongCounter`, `IntCounter`, `DoubleCounter`, `Histogram`, ...) and
 * that Flink merges over all parallel subtasks.
 *
 * Flink reports accumulators at `GET /jobs/:jobid/accumulators` as text: the
 * accumulator's Java `toString ()`, which is the number itself for the
 * counters. [method@Flink.Accumulator.get_int64] and
 * [method@Flink.Accumulator.get_double] read such numbers.
 *
 * Get them with [method@Flink.JobClient.get_accumulators_async] while the
 * job runs, or from a [class@Flink.JobResult] once it ended. An accumulator is
 * immutable: ask again for fresh values.
 *
 * Since: 1.0
 */

struct _FlinkAccumulator
{
  GObject parent_instance;

  char *name;
  char *accumulator_type;
  char *value;
};

G_DEFINE_FINAL_TYPE (FlinkAccumulator, flink_accumulator, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_ACCUMULATOR_TYPE,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
flink_accumulator_finalize (GObject *object)
{
  FlinkAccumulator *self = FLINK_ACCUMULATOR (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->accumulator_type, g_free);
  g_clear_pointer (&self->value, g_free);

  G_OBJECT_CLASS (flink_accumulator_parent_class)->finalize (object);
}

static void
flink_accumulator_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FlinkAccumulator *self = FLINK_ACCUMULATOR (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ACCUMULATOR_TYPE:
      g_value_set_string (value, self->accumulator_type);
      break;
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flink_accumulator_class_init (FlinkAccumulatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flink_accumulator_finalize;
  object_class->get_property = flink_accumulator_get_property;

  /**
   * FlinkAccumulator:name:
   *
   * The name the job registered the accumulator under.
   *
   * Since: 1.0
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkAccumulator:accumulator-type:
   *
   * The accumulator's Java class name, such as
   * "org.apache.flink.api.common.accumulators.LongCounter", or %NULL if it is
   * not known.
   *
   * Since: 1.0
   */
  properties[PROP_ACCUMULATOR_TYPE] =
    g_param_spec_string ("accumulator-type", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkAccumulator:value:
   *
   * The accumulator's value as text: its Java `toString ()`, such as "42"
   * for a `LongCounter`; %NULL if no readable value is known.
   *
   * Since: 1.0
   */
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
flink_accumulator_init (FlinkAccumulator *self)
{
}

FlinkAccumulator *
_flink_accumulator_new (const char *name,
                        const char *type,
                        const char *value)
{
  FlinkAccumulator *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (FLINK_TYPE_ACCUMULATOR, NULL);
  self->name = g_strdup (name);
  self->accumulator_type = g_strdup (type);
  self->value = g_strdup (value);
  return self;
}

/* Flink sends the value as text; a number or a boolean is taken as its text
 * too, in case a server sends one. Anything else gives NULL. */
static char *
dup_value_text (JsonObject *object,
                const char *member)
{
  const char *text = _flink_json_get_string (object, member);
  JsonNode   *node;
  GType       type;

  if (text != NULL)
    return g_strdup (text);

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
    }
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  return NULL;
}

/* The whole answer of GET /jobs/:jobid/accumulators: the readable
 * "user-task-accumulators" [{name, type, value}]. */
GListModel *
_flink_accumulators_new_from_json (JsonObject *root,
                                   GError    **error)
{
  g_autoptr (GListStore) store = NULL;
  JsonArray             *accumulators;

  if (root == NULL)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                           _ ("the accumulators are not a JSON object"));
      return NULL;
    }

  store = g_list_store_new (FLINK_TYPE_ACCUMULATOR);
  accumulators = _flink_json_get_array (root, "user-task-accumulators");
  if (accumulators != NULL)
    {
      guint n_accumulators = json_array_get_length (accumulators);

      for (guint i = 0; i < n_accumulators; i++)
        {
          JsonNode                    *node = json_array_get_element (accumulators, i);
          g_autoptr (FlinkAccumulator) accumulator = NULL;
          g_autofree char             *value = NULL;
          JsonObject                  *object;
          const char                  *name;

          if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
            continue;
          object = json_node_get_object (node);
          name = _flink_json_get_string (object, "name");
          if (name == NULL)
            continue;
          value = dup_value_text (object, "value");
          accumulator = _flink_accumulator_new (name,
                                                _flink_json_get_string (object, "type"),
                                                value);
          g_list_store_append (store, accumulator);
        }
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * flink_accumulator_get_name:
 * @self: an accumulator
 *
 * The name the job registered the accumulator under
 * (`getRuntimeContext ().addAccumulator (name, ...)`).
 *
 * Returns: (transfer none): the name
 *
 * Since: 1.0
 */
const char *
flink_accumulator_get_name (FlinkAccumulator *self)
{
  g_return_val_if_fail (FLINK_IS_ACCUMULATOR (self), NULL);
  return self->name;
}

/**
 * flink_accumulator_get_accumulator_type:
 * @self: an accumulator
 *
 * The accumulator's Java class name, such as
 * "org.apache.flink.api.common.accumulators.LongCounter".
 *
 * Returns: (nullable): the class name, or %NULL if it is not known
 *
 * Since: 1.0
 */
const char *
flink_accumulator_get_accumulator_type (FlinkAccumulator *self)
{
  g_return_val_if_fail (FLINK_IS_ACCUMULATOR (self), NULL);
  return self->accumulator_type;
}

/**
 * flink_accumulator_get_value:
 * @self: an accumulator
 *
 * The accumulator's value as Flink shows it: the accumulator's Java
 * `toString ()`, such as "42" for a `LongCounter` or "{1=3, 2=5}" for a
 * `Histogram`.
 *
 * Returns: (nullable): the value as text, or %NULL if no readable value is
 *   known (see [method@Flink.JobResult.get_accumulators])
 *
 * Since: 1.0
 */
const char *
flink_accumulator_get_value (FlinkAccumulator *self)
{
  g_return_val_if_fail (FLINK_IS_ACCUMULATOR (self), NULL);
  return self->value;
}

static void
set_not_a_number_error (FlinkAccumulator *self,
                        const char       *what,
                        GError          **error)
{
  if (self->value == NULL)
    g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                 _ ("accumulator “%s” has no readable value"), self->name);
  else if (g_utf8_strlen (self->value, -1) > MAX_QUOTED)
    {
      g_autofree char *start = g_utf8_substring (self->value, 0, MAX_QUOTED);

      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("accumulator “%s” does not hold %s: its value is “%s…”"),
                   self->name, what, start);
    }
  else
    g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                 _ ("accumulator “%s” does not hold %s: its value is “%s”"),
                 self->name, what, self->value);
}

/**
 * flink_accumulator_get_int64:
 * @self: an accumulator
 * @error: return location for a #GError
 *
 * Reads the value of a counter such as a `LongCounter` or an `IntCounter`:
 * a decimal integer, surrounding blanks allowed.
 *
 * Returns: the value, or 0 with @error set to %FLINK_ERROR_INVALID_ARGUMENT
 *   if the value is unknown, is not an integer or does not fit in 64 bits
 *
 * Since: 1.0
 */
gint64
flink_accumulator_get_int64 (FlinkAccumulator *self,
                             GError          **error)
{
  g_autofree char *text = NULL;
  gint64           number = 0;

  g_return_val_if_fail (FLINK_IS_ACCUMULATOR (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (self->value != NULL)
    text = g_strstrip (g_strdup (self->value));
  if (text == NULL ||
      !g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64,
                                 &number, NULL))
    {
      set_not_a_number_error (self, "an integer", error);
      return 0;
    }
  return number;
}

/**
 * flink_accumulator_get_double:
 * @self: an accumulator
 * @error: return location for a #GError
 *
 * Reads the value of a numeric accumulator such as a `DoubleCounter`: a
 * finite number, with a "." as decimal separator whatever the locale,
 * surrounding blanks allowed. Integer values are read too.
 *
 * Returns: the value, or 0 with @error set to %FLINK_ERROR_INVALID_ARGUMENT
 *   if the value is unknown, is not a number or is not finite ("NaN",
 *   "Infinity")
 *
 * Since: 1.0
 */
double
flink_accumulator_get_double (FlinkAccumulator *self,
                              GError          **error)
{
  g_autofree char *text = NULL;
  char            *end = NULL;
  double           number = 0.0;

  g_return_val_if_fail (FLINK_IS_ACCUMULATOR (self), 0.0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0.0);

  if (self->value != NULL)
    text = g_strstrip (g_strdup (self->value));
  if (text != NULL && *text != '\0')
    number = g_ascii_strtod (text, &end);
  if (text == NULL || *text == '\0' || end == NULL || *end != '\0' ||
      !isfinite (number))
    {
      set_not_a_number_error (self, "a number", error);
      return 0.0;
    }
  return number;
}
