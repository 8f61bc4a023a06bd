/* flink-operation-handle.c: a durable handle on a savepoint, stop or checkpoint
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include <string.h>

#include "flink-decoders-private.h"
#include "flink-i18n-private.h"

/**
 * FlinkOperationHandle:
 *
 * A handle on one of Flink's asynchronous operations — a savepoint, a stop
 * with savepoint, a checkpoint — that was triggered and may still be under
 * way: the job id, the trigger id, the kind and when it was triggered.
 *
 * Get one from [method@Flink.JobClient.start_savepoint_async],
 * [method@Flink.JobClient.start_stop_with_savepoint_async] or
 * [method@Flink.JobClient.start_checkpoint_async], which return as soon as
 * the cluster accepted the trigger. Wait for the outcome with
 * [method@Flink.ClusterClient.await_savepoint_async] or
 * [method@Flink.ClusterClient.await_checkpoint_async], now or later.
 *
 * The handle outlives the process that made it:
 * [method@Flink.OperationHandle.to_string] gives a line of text to store
 * (in a file, a deployment's status, a CI log) and
 * [ctor@Flink.OperationHandle.new_from_string] reads it back, in another
 * process too. The cluster keeps an operation's outcome for
 * `rest.async.store-duration` (5 minutes) and loses it in a JobManager
 * failover; after that, waiting recovers the savepoint's location from the
 * job's checkpoint statistics.
 *
 * Since: 1.0
 */

/* "flinkjob-operation/1 KIND JOB_ID TRIGGER_ID START_MS [DIRECTORY]", the
 * directory URI-escaped. */
#define HANDLE_PREFIX "flinkjob-operation/1"

/* The latest start time a handle may hold: 9999-12-31T23:59:59.999Z.
 * Whoever reads the handle adds windows to it without overflowing. */
#define MAX_START_TIME G_GINT64_CONSTANT (253402300799999)

/* The longest text an error quotes, in bytes. */
#define MAX_QUOTED 200

struct _FlinkOperationHandle
{
  GObject parent_instance;

  FlinkOperationKind kind;
  char              *job_id;
  char              *trigger_id;
  gint64             start_time;
  char              *directory;
};

G_DEFINE_FINAL_TYPE (FlinkOperationHandle, flink_operation_handle, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_JOB_ID,
  PROP_TRIGGER_ID,
  PROP_START_TIME,
  PROP_DIRECTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
flink_operation_handle_finalize (GObject *object)
{
  FlinkOperationHandle *self = FLINK_OPERATION_HANDLE (object);

  g_clear_pointer (&self->job_id, g_free);
  g_clear_pointer (&self->trigger_id, g_free);
  g_clear_pointer (&self->directory, g_free);

  G_OBJECT_CLASS (flink_operation_handle_parent_class)->finalize (object);
}

static void
flink_operation_handle_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  FlinkOperationHandle *self = FLINK_OPERATION_HANDLE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_JOB_ID:
      g_value_set_string (value, self->job_id);
      break;
    case PROP_TRIGGER_ID:
      g_value_set_string (value, self->trigger_id);
      break;
    case PROP_START_TIME:
      g_value_set_int64 (value, self->start_time);
      break;
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flink_operation_handle_class_init (FlinkOperationHandleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flink_operation_handle_finalize;
  object_class->get_property = flink_operation_handle_get_property;

  /**
   * FlinkOperationHandle:kind:
   *
   * What was triggered: a savepoint, a stop with savepoint or a checkpoint.
   *
   * Since: 1.0
   */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, FLINK_TYPE_OPERATION_KIND, FLINK_OPERATION_KIND_SAVEPOINT,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkOperationHandle:job-id:
   *
   * The id of the job the operation is for.
   *
   * Since: 1.0
   */
  properties[PROP_JOB_ID] =
    g_param_spec_string ("job-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkOperationHandle:trigger-id:
   *
   * The operation's trigger id, which the cluster knows it by.
   *
   * Since: 1.0
   */
  properties[PROP_TRIGGER_ID] =
    g_param_spec_string ("trigger-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkOperationHandle:start-time:
   *
   * When the operation was triggered, in milliseconds since the epoch, by
   * the clock of the machine that triggered it.
   *
   * Since: 1.0
   */
  properties[PROP_START_TIME] =
    g_param_spec_int64 ("start-time", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * FlinkOperationHandle:directory:
   *
   * The directory the savepoint was asked to go to, or %NULL for the
   * cluster's default; it helps find the savepoint again when the cluster
   * forgot the trigger.
   *
   * Since: 1.0
   */
  properties[PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
flink_operation_handle_init (FlinkOperationHandle *self)
{
}

FlinkOperationHandle *
_flink_operation_handle_new (FlinkOperationKind kind,
                             const char        *job_id,
                             const char        *trigger_id,
                             gint64             start_time,
                             const char        *directory)
{
  FlinkOperationHandle *self = g_object_new (FLINK_TYPE_OPERATION_HANDLE, NULL);

  self->kind = kind;
  self->job_id = g_ascii_strdown (job_id, -1);
  self->trigger_id = g_ascii_strdown (trigger_id, -1);
  self->start_time = start_time;
  self->directory = (directory && directory[0]) ? g_strdup (directory) : NULL;
  return self;
}

/**
 * flink_operation_handle_new_from_string:
 * @text: what [method@Flink.OperationHandle.to_string] returned
 * @error: return location for a #GError
 *
 * Reads a handle back from its text, in this process or another.
 *
 * Returns: (transfer full): the handle, or %NULL with
 *   %FLINK_ERROR_INVALID_ARGUMENT if @text is not one, or names a start
 *   time past the year 9999 or a directory that is not UTF-8
 *
 * Since: 1.0
 */
FlinkOperationHandle *
flink_operation_handle_new_from_string (const char *text,
                                        GError    **error)
{
  g_auto (GStrv)     fields = NULL;
  g_autofree char   *directory = NULL;
  g_autofree char   *quoted = NULL;
  const char        *problem = NULL;
  FlinkOperationKind kind;
  gint64             start_time;
  guint              n_fields;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));
      fields = g_strsplit (stripped, " ", -1);
    }
  n_fields = fields ? g_strv_length (fields) : 0;
  if ((n_fields != 5 && n_fields != 6) || strcmp (fields[0], HANDLE_PREFIX) != 0)
    goto invalid;
  if (n_fields == 6)
    {
      directory = g_uri_unescape_string (fields[5], NULL);
      if (directory == NULL || directory[0] == '\0')
        goto invalid;
      if (!g_utf8_validate (directory, -1, NULL))
        {
          problem = "its savepoint directory is not UTF-8 text";
          goto invalid;
        }
    }

  if (strcmp (fields[1], "savepoint") == 0)
    kind = FLINK_OPERATION_KIND_SAVEPOINT;
  else if (strcmp (fields[1], "stop-with-savepoint") == 0)
    kind = FLINK_OPERATION_KIND_STOP_WITH_SAVEPOINT;
  else if (strcmp (fields[1], "checkpoint") == 0)
    kind = FLINK_OPERATION_KIND_CHECKPOINT;
  else
    goto invalid;

  if (!flink_job_id_is_valid (fields[2]) || !flink_job_id_is_valid (fields[3]) ||
      !g_ascii_string_to_signed (fields[4], 10, 0, G_MAXINT64, &start_time, NULL))
    goto invalid;
  if (start_time > MAX_START_TIME)
    {
      problem = "its start time is past the year 9999";
      goto invalid;
    }

  return _flink_operation_handle_new (kind, fields[2], fields[3], start_time, directory);

invalid:
  /* Quoted as valid UTF-8, and not at any length. */
  if (text != NULL)
    {
      gsize            length = strlen (text);
      g_autofree char *valid = g_utf8_make_valid (text, MIN (length, MAX_QUOTED));

      quoted = length > MAX_QUOTED ? g_strconcat (valid, "…", NULL) : g_steal_pointer (&valid);
    }
  if (problem != NULL)
    g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                 _ ("“%s” is not a valid flinkjob operation handle: %s"),
                 quoted, problem);
  else
    g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                 "“%s” is not a flinkjob operation handle (such as “" HANDLE_PREFIX
                 " savepoint JOB_ID TRIGGER_ID START_MS”)",
                 quoted ? quoted : "(null)");
  return NULL;
}

/**
 * flink_operation_handle_to_string:
 * @self: an operation handle
 *
 * The handle as one line of text, such as
 * `flinkjob-operation/1 savepoint 3f2a... 9c1b... 1795463204348`, followed
 * by the savepoint directory (URI-escaped) when one was given, for
 * [ctor@Flink.OperationHandle.new_from_string].
 *
 * Returns: (transfer full): the handle's text
 *
 * Since: 1.0
 */
char *
flink_operation_handle_to_string (FlinkOperationHandle *self)
{
  g_autofree char *directory = NULL;

  g_return_val_if_fail (FLINK_IS_OPERATION_HANDLE (self), NULL);

  if (self->directory != NULL)
    directory = g_uri_escape_string (self->directory, NULL, FALSE);
  return g_strdup_printf (HANDLE_PREFIX " %s %s %s %" G_GINT64_FORMAT "%s%s",
                          flink_operation_kind_to_string (self->kind),
                          self->job_id, self->trigger_id, self->start_time,
                          directory ? " " : "", directory ? directory : "");
}

/**
 * flink_operation_handle_get_kind:
 * @self: an operation handle
 *
 * Gets [property@Flink.OperationHandle:kind].
 *
 * Returns: what was triggered
 *
 * Since: 1.0
 */
FlinkOperationKind
flink_operation_handle_get_kind (FlinkOperationHandle *self)
{
  g_return_val_if_fail (FLINK_IS_OPERATION_HANDLE (self), FLINK_OPERATION_KIND_SAVEPOINT);
  return self->kind;
}

/**
 * flink_operation_handle_get_job_id:
 * @self: an operation handle
 *
 * Gets [property@Flink.OperationHandle:job-id].
 *
 * Returns: (transfer none): the job id
 *
 * Since: 1.0
 */
const char *
flink_operation_handle_get_job_id (FlinkOperationHandle *self)
{
  g_return_val_if_fail (FLINK_IS_OPERATION_HANDLE (self), NULL);
  return self->job_id;
}

/**
 * flink_operation_handle_get_trigger_id:
 * @self: an operation handle
 *
 * Gets [property@Flink.OperationHandle:trigger-id].
 *
 * Returns: (transfer none): the trigger id
 *
 * Since: 1.0
 */
const char *
flink_operation_handle_get_trigger_id (FlinkOperationHandle *self)
{
  g_return_val_if_fail (FLINK_IS_OPERATION_HANDLE (self), NULL);
  return self->trigger_id;
}

/**
 * flink_operation_handle_get_start_time:
 * @self: an operation handle
 *
 * Gets [property@Flink.OperationHandle:start-time].
 *
 * Returns: when the operation was triggered, in milliseconds since the
 *   epoch
 *
 * Since: 1.0
 */
gint64
flink_operation_handle_get_start_time (FlinkOperationHandle *self)
{
  g_return_val_if_fail (FLINK_IS_OPERATION_HANDLE (self), 0);
  return self->start_time;
}

/**
 * flink_operation_handle_get_directory:
 * @self: an operation handle
 *
 * Gets [property@Flink.OperationHandle:directory].
 *
 * Returns: (nullable) (transfer none): the savepoint directory asked for, or
 *   %NULL for the cluster's default
 *
 * Since: 1.0
 */
const char *
flink_operation_handle_get_directory (FlinkOperationHandle *self)
{
  g_return_val_if_fail (FLINK_IS_OPERATION_HANDLE (self), NULL);
  return self->directory;
}
