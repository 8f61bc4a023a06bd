/* flink-run-options.c: how to run an uploaded jar
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include "flink-decoders-private.h"

/**
 * FlinkRunOptions:
 *
 * How to run a jar uploaded to the cluster, what `flink run` takes on its
 * command line: the entry class (`-c`), the program arguments, the
 * parallelism (`-p`), the job id, and the savepoint to restore from (`-s`)
 * with `--allowNonRestoredState` and `--claimMode`.
 *
 * Pass it to [method@Flink.ClusterClient.run_jar_async]. Unlike the records
 * the cluster sends back, run options are mutable; every property left
 * unset lets the cluster decide.
 *
 * Setting [property@Flink.RunOptions:job-id] makes a retried run safe: the
 * cluster refuses a second job with the same id.
 *
 * Since: 1.0
 */

struct _FlinkRunOptions
{
  GObject parent_instance;

  char          *entry_class;
  GStrv          program_args;
  guint          parallelism;
  char          *job_id;
  char          *savepoint_path;
  gboolean       allow_non_restored_state;
  FlinkClaimMode claim_mode;
};

G_DEFINE_FINAL_TYPE (FlinkRunOptions, flink_run_options, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ENTRY_CLASS,
  PROP_PROGRAM_ARGS,
  PROP_PARALLELISM,
  PROP_JOB_ID,
  PROP_SAVEPOINT_PATH,
  PROP_ALLOW_NON_RESTORED_STATE,
  PROP_CLAIM_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
flink_run_options_finalize (GObject *object)
{
  FlinkRunOptions *self = FLINK_RUN_OPTIONS (object);

  g_clear_pointer (&self->entry_class, g_free);
  g_clear_pointer (&self->program_args, g_strfreev);
  g_clear_pointer (&self->job_id, g_free);
  g_clear_pointer (&self->savepoint_path, g_free);

  G_OBJECT_CLASS (flink_run_options_parent_class)->finalize (object);
}

static void
flink_run_options_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FlinkRunOptions *self = FLINK_RUN_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_ENTRY_CLASS:
      g_value_set_string (value, self->entry_class);
      break;
    case PROP_PROGRAM_ARGS:
      g_value_set_boxed (value, self->program_args);
      break;
    case PROP_PARALLELISM:
      g_value_set_uint (value, self->parallelism);
      break;
    case PROP_JOB_ID:
      g_value_set_string (value, self->job_id);
      break;
    case PROP_SAVEPOINT_PATH:
      g_value_set_string (value, self->savepoint_path);
      break;
    case PROP_ALLOW_NON_RESTORED_STATE:
      g_value_set_boolean (value, self->allow_non_restored_state);
      break;
    case PROP_CLAIM_MODE:
      g_value_set_enum (value, self->claim_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flink_run_options_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FlinkRunOptions *self = FLINK_RUN_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_ENTRY_CLASS:
      flink_run_options_set_entry_class (self, g_value_get_string (value));
      break;
    case PROP_PROGRAM_ARGS:
      flink_run_options_set_program_args (self, g_value_get_boxed (value));
      break;
    case PROP_PARALLELISM:
      flink_run_options_set_parallelism (self, g_value_get_uint (value));
      break;
    case PROP_JOB_ID:
      flink_run_options_set_job_id (self, g_value_get_string (value));
      break;
    case PROP_SAVEPOINT_PATH:
      flink_run_options_set_savepoint_path (self, g_value_get_string (value));
      break;
    case PROP_ALLOW_NON_RESTORED_STATE:
      flink_run_options_set_allow_non_restored_state (self, g_value_get_boolean (value));
      break;
    case PROP_CLAIM_MODE:
      flink_run_options_set_claim_mode (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
text_param (const char *name,
            const char *nick,
            const char *blurb)
{
  return g_param_spec_string (name, nick, blurb, NULL,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                G_PARAM_STATIC_STRINGS);
}

static void
flink_run_options_class_init (FlinkRunOptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flink_run_options_finalize;
  object_class->get_property = flink_run_options_get_property;
  object_class->set_property = flink_run_options_set_property;

  /**
   * FlinkRunOptions:entry-class:
   *
   * The fully qualified class whose `main` method builds the job (`flink
   * run -c`), or %NULL for the one the jar's manifest names.
   *
   * Since: 1.0
   */
  properties[PROP_ENTRY_CLASS] = text_param ("entry-class", NULL, NULL);
  /**
   * FlinkRunOptions:program-args:
   *
   * The arguments passed to the entry class's `main` method, one string
   * each, or %NULL for none.
   *
   * Since: 1.0
   */
  properties[PROP_PROGRAM_ARGS] =
    g_param_spec_boxed ("program-args", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);
  /**
   * FlinkRunOptions:parallelism:
   *
   * The job's default parallelism (`flink run -p`), or 0 for the cluster's
   * `parallelism.default`.
   *
   * Since: 1.0
   */
  properties[PROP_PARALLELISM] =
    g_param_spec_uint ("parallelism", NULL, NULL, 0, G_MAXINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  /**
   * FlinkRunOptions:job-id:
   *
   * The id to give the job, 32 hexadecimal characters, or %NULL to let the
   * cluster pick one.
   *
   * Since: 1.0
   */
  properties[PROP_JOB_ID] = text_param ("job-id", NULL, NULL);
  /**
   * FlinkRunOptions:savepoint-path:
   *
   * The savepoint or retained checkpoint to restore the job's state from
   * (`flink run -s`), or %NULL to start without state.
   *
   * Since: 1.0
   */
  properties[PROP_SAVEPOINT_PATH] = text_param ("savepoint-path", NULL, NULL);
  /**
   * FlinkRunOptions:allow-non-restored-state:
   *
   * Whether the job may start when the savepoint holds state for an operator
   * that the job no longer has (`--allowNonRestoredState`).
   *
   * Since: 1.0
   */
  properties[PROP_ALLOW_NON_RESTORED_STATE] =
    g_param_spec_boolean ("allow-non-restored-state", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                            G_PARAM_STATIC_STRINGS);
  /**
   * FlinkRunOptions:claim-mode:
   *
   * Whether Flink takes ownership of the savepoint it restores from
   * (`--claimMode`).
   *
   * Since: 1.0
   */
  properties[PROP_CLAIM_MODE] =
    g_param_spec_enum ("claim-mode", NULL, NULL,
                       FLINK_TYPE_CLAIM_MODE, FLINK_CLAIM_MODE_NO_CLAIM,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
flink_run_options_init (FlinkRunOptions *self)
{
  self->claim_mode = FLINK_CLAIM_MODE_NO_CLAIM;
}

/**
 * flink_run_options_new:
 *
 * Creates run options that leave every choice to the jar and the cluster:
 * the manifest's entry class, no arguments, the default parallelism, no
 * savepoint.
 *
 * Returns: (transfer full): new run options
 *
 * Since: 1.0
 */
FlinkRunOptions *
flink_run_options_new (void)
{
  return g_object_new (FLINK_TYPE_RUN_OPTIONS, NULL);
}

/* Sets *field to a copy of value; TRUE if that changed it. */
static gboolean
set_text (char      **field,
          const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* The text is sent only when it holds something. */
static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

/**
 * flink_run_options_get_entry_class:
 * @self: run options
 *
 * The class whose `main` method builds the job.
 *
 * Returns: (nullable): the fully qualified class name, or %NULL for the one
 *   the jar's manifest names
 *
 * Since: 1.0
 */
const char *
flink_run_options_get_entry_class (FlinkRunOptions *self)
{
  g_return_val_if_fail (FLINK_IS_RUN_OPTIONS (self), NULL);
  return self->entry_class;
}

/**
 * flink_run_options_set_entry_class:
 * @self: run options
 * @entry_class: (nullable): a fully qualified class name, such as
 *   "org.example.WordCount", or %NULL for the one the jar's manifest names
 *
 * Sets the class whose `main` method builds the job, as `flink run -c` does.
 *
 * Since: 1.0
 */
void
flink_run_options_set_entry_class (FlinkRunOptions *self,
                                   const char      *entry_class)
{
  g_return_if_fail (FLINK_IS_RUN_OPTIONS (self));

  if (set_text (&self->entry_class, entry_class))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRY_CLASS]);
}

/**
 * flink_run_options_get_program_args:
 * @self: run options
 *
 * The arguments passed to the entry class's `main` method.
 *
 * Returns: (nullable) (transfer none) (array zero-terminated=1): the
 *   arguments, or %NULL if none were set
 *
 * Since: 1.0
 */
const char *const *
flink_run_options_get_program_args (FlinkRunOptions *self)
{
  g_return_val_if_fail (FLINK_IS_RUN_OPTIONS (self), NULL);
  return (const char *const *) self->program_args;
}

/**
 * flink_run_options_set_program_args:
 * @self: run options
 * @program_args: (nullable) (array zero-terminated=1): the arguments, one
 *   string each, or %NULL for none
 *
 * Sets the arguments passed to the entry class's `main` method. Each string
 * is one argument, passed as it is: no shell quoting applies.
 *
 * Since: 1.0
 */
void
flink_run_options_set_program_args (FlinkRunOptions   *self,
                                    const char *const *program_args)
{
  g_return_if_fail (FLINK_IS_RUN_OPTIONS (self));

  if (program_args == NULL && self->program_args == NULL)
    return;
  if (program_args != NULL && self->program_args != NULL &&
      g_strv_equal (program_args, (const char *const *) self->program_args))
    return;

  g_strfreev (self->program_args);
  self->program_args = g_strdupv ((char **) program_args);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRAM_ARGS]);
}

/**
 * flink_run_options_get_parallelism:
 * @self: run options
 *
 * The job's default parallelism.
 *
 * Returns: the parallelism, or 0 for the cluster's `parallelism.default`
 *
 * Since: 1.0
 */
guint
flink_run_options_get_parallelism (FlinkRunOptions *self)
{
  g_return_val_if_fail (FLINK_IS_RUN_OPTIONS (self), 0);
  return self->parallelism;
}

/**
 * flink_run_options_set_parallelism:
 * @self: run options
 * @parallelism: the parallelism, or 0 for the cluster's
 *   `parallelism.default`
 *
 * Sets the job's default parallelism, as `flink run -p` does. Operators for
 * which the program sets its own parallelism keep it.
 *
 * Since: 1.0
 */
void
flink_run_options_set_parallelism (FlinkRunOptions *self,
                                   guint            parallelism)
{
  g_return_if_fail (FLINK_IS_RUN_OPTIONS (self));
  g_return_if_fail (parallelism <= G_MAXINT);

  if (self->parallelism == parallelism)
    return;
  self->parallelism = parallelism;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARALLELISM]);
}

/**
 * flink_run_options_get_job_id:
 * @self: run options
 *
 * The id to give the job.
 *
 * Returns: (nullable): the job id, or %NULL to let the cluster pick one
 *
 * Since: 1.0
 */
const char *
flink_run_options_get_job_id (FlinkRunOptions *self)
{
  g_return_val_if_fail (FLINK_IS_RUN_OPTIONS (self), NULL);
  return self->job_id;
}

/**
 * flink_run_options_set_job_id:
 * @self: run options
 * @job_id: (nullable): a job id, 32 hexadecimal characters, or %NULL to let
 *   the cluster pick one
 *
 * Sets the id to give the job. A run that carries its own job id is safe to
 * retry: the cluster refuses to start a second job with the same id, so
 * when the answer to a run is lost the library sends it again, and a
 * refusal then means the lost attempt started the job, which the run
 * returns. Without a job id a run that may have reached the cluster is not
 * sent again, and fails. The id is checked when the jar is run.
 *
 * Since: 1.0
 */
void
flink_run_options_set_job_id (FlinkRunOptions *self,
                              const char      *job_id)
{
  g_return_if_fail (FLINK_IS_RUN_OPTIONS (self));

  if (set_text (&self->job_id, job_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB_ID]);
}

/**
 * flink_run_options_get_savepoint_path:
 * @self: run options
 *
 * The savepoint or retained checkpoint the job restores its state from.
 *
 * Returns: (nullable): the path, or %NULL to start without state
 *
 * Since: 1.0
 */
const char *
flink_run_options_get_savepoint_path (FlinkRunOptions *self)
{
  g_return_val_if_fail (FLINK_IS_RUN_OPTIONS (self), NULL);
  return self->savepoint_path;
}

/**
 * flink_run_options_set_savepoint_path:
 * @self: run options
 * @savepoint_path: (nullable): the savepoint's or checkpoint's path as the
 *   cluster sees it, such as "s3://bucket/savepoints/savepoint-3f2a1b-0c9d",
 *   or %NULL to start without state
 *
 * Sets the savepoint or retained checkpoint to restore the job's state
 * from, as `flink run -s` does.
 *
 * Since: 1.0
 */
void
flink_run_options_set_savepoint_path (FlinkRunOptions *self,
                                      const char      *savepoint_path)
{
  g_return_if_fail (FLINK_IS_RUN_OPTIONS (self));

  if (set_text (&self->savepoint_path, savepoint_path))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVEPOINT_PATH]);
}

/**
 * flink_run_options_get_allow_non_restored_state:
 * @self: run options
 *
 * Whether the job may start from a savepoint that holds state for an
 * operator the job no longer has.
 *
 * Returns: %TRUE if such state may be dropped
 *
 * Since: 1.0
 */
gboolean
flink_run_options_get_allow_non_restored_state (FlinkRunOptions *self)
{
  g_return_val_if_fail (FLINK_IS_RUN_OPTIONS (self), FALSE);
  return self->allow_non_restored_state;
}

/**
 * flink_run_options_set_allow_non_restored_state:
 * @self: run options
 * @allow: %TRUE to drop state that no operator of the job claims
 *
 * Sets whether the job may start from a savepoint that holds state for an
 * operator the job no longer has, as `flink run --allowNonRestoredState`
 * does. Without it such a run fails. It matters only with
 * [property@Flink.RunOptions:savepoint-path].
 *
 * Since: 1.0
 */
void
flink_run_options_set_allow_non_restored_state (FlinkRunOptions *self,
                                                gboolean         allow)
{
  g_return_if_fail (FLINK_IS_RUN_OPTIONS (self));

  allow = !!allow;
  if (self->allow_non_restored_state == allow)
    return;
  self->allow_non_restored_state = allow;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOW_NON_RESTORED_STATE]);
}

/**
 * flink_run_options_get_claim_mode:
 * @self: run options
 *
 * Whether Flink takes ownership of the savepoint it restores from.
 *
 * Returns: the claim mode
 *
 * Since: 1.0
 */
FlinkClaimMode
flink_run_options_get_claim_mode (FlinkRunOptions *self)
{
  g_return_val_if_fail (FLINK_IS_RUN_OPTIONS (self), FLINK_CLAIM_MODE_NO_CLAIM);
  return self->claim_mode;
}

/**
 * flink_run_options_set_claim_mode:
 * @self: run options
 * @claim_mode: a claim mode
 *
 * Sets whether Flink takes ownership of the savepoint it restores from, as
 * `flink run --claimMode` does. With %FLINK_CLAIM_MODE_CLAIM Flink may
 * delete the savepoint once later checkpoints subsume it. It matters only
 * with [property@Flink.RunOptions:savepoint-path]; it is sent as
 * `claimMode` to Flink 1.20 and later, as `restoreMode` to older clusters.
 *
 * Since: 1.0
 */
void
flink_run_options_set_claim_mode (FlinkRunOptions *self,
                                  FlinkClaimMode   claim_mode)
{
  g_return_if_fail (FLINK_IS_RUN_OPTIONS (self));
  g_return_if_fail (claim_mode == FLINK_CLAIM_MODE_NO_CLAIM ||
                    claim_mode == FLINK_CLAIM_MODE_CLAIM);

  if (self->claim_mode == claim_mode)
    return;
  self->claim_mode = claim_mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLAIM_MODE]);
}

/* The body of POST /jars/:jarid/run for a cluster running Flink
 * flink_major.flink_minor. The job id is not checked here. */
JsonNode *
_flink_run_options_to_json (FlinkRunOptions *options,
                            guint            flink_major,
                            guint            flink_minor)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  gboolean                claim_mode_key = flink_major > 1 || (flink_major == 1 && flink_minor >= 20);

  g_return_val_if_fail (options == NULL || FLINK_IS_RUN_OPTIONS (options), NULL);

  json_builder_begin_object (builder);
  if (options != NULL)
    {
      if (is_set (options->entry_class))
        {
          json_builder_set_member_name (builder, "entryClass");
          json_builder_add_string_value (builder, options->entry_class);
        }
      if (options->program_args != NULL && options->program_args[0] != NULL)
        {
          json_builder_set_member_name (builder, "programArgsList");
          json_builder_begin_array (builder);
          for (guint i = 0; options->program_args[i] != NULL; i++)
            json_builder_add_string_value (builder, options->program_args[i]);
          json_builder_end_array (builder);
        }
      if (options->parallelism > 0)
        {
          json_builder_set_member_name (builder, "parallelism");
          json_builder_add_int_value (builder, options->parallelism);
        }
      if (is_set (options->job_id))
        {
          json_builder_set_member_name (builder, "jobId");
          json_builder_add_string_value (builder, options->job_id);
        }
      if (is_set (options->savepoint_path))
        {
          json_builder_set_member_name (builder, "savepointPath");
          json_builder_add_string_value (builder, options->savepoint_path);
          json_builder_set_member_name (builder, "allowNonRestoredState");
          json_builder_add_boolean_value (builder, options->allow_non_restored_state);
          json_builder_set_member_name (builder, claim_mode_key ? "claimMode" : "restoreMode");
          json_builder_add_string_value (builder, flink_claim_mode_to_string (options->claim_mode));
        }
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
