/* flink-enums.c: Flink's wire names for flinkjob's enumerations
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "flink-enums.h"

/* Indexed by the enum value; NULL for the UNKNOWN members. */
static const char *const job_status_names[] = {
  [FLINK_JOB_STATUS_UNKNOWN] = NULL,
  [FLINK_JOB_STATUS_INITIALIZING] = "INITIALIZING",
  [FLINK_JOB_STATUS_CREATED] = "CREATED",
  [FLINK_JOB_STATUS_RUNNING] = "RUNNING",
  [FLINK_JOB_STATUS_FAILING] = "FAILING",
  [FLINK_JOB_STATUS_FAILED] = "FAILED",
  [FLINK_JOB_STATUS_CANCELLING] = "CANCELLING",
  [FLINK_JOB_STATUS_CANCELED] = "CANCELED",
  [FLINK_JOB_STATUS_FINISHED] = "FINISHED",
  [FLINK_JOB_STATUS_RESTARTING] = "RESTARTING",
  [FLINK_JOB_STATUS_SUSPENDED] = "SUSPENDED",
  [FLINK_JOB_STATUS_RECONCILING] = "RECONCILING",
};

static const char *const execution_state_names[] = {
  [FLINK_EXECUTION_STATE_UNKNOWN] = NULL,
  [FLINK_EXECUTION_STATE_CREATED] = "CREATED",
  [FLINK_EXECUTION_STATE_SCHEDULED] = "SCHEDULED",
  [FLINK_EXECUTION_STATE_DEPLOYING] = "DEPLOYING",
  [FLINK_EXECUTION_STATE_RUNNING] = "RUNNING",
  [FLINK_EXECUTION_STATE_FINISHED] = "FINISHED",
  [FLINK_EXECUTION_STATE_CANCELING] = "CANCELING",
  [FLINK_EXECUTION_STATE_CANCELED] = "CANCELED",
  [FLINK_EXECUTION_STATE_FAILED] = "FAILED",
  [FLINK_EXECUTION_STATE_RECONCILING] = "RECONCILING",
  [FLINK_EXECUTION_STATE_INITIALIZING] = "INITIALIZING",
};

static const char *const application_status_names[] = {
  [FLINK_APPLICATION_STATUS_UNKNOWN] = "UNKNOWN",
  [FLINK_APPLICATION_STATUS_SUCCEEDED] = "SUCCEEDED",
  [FLINK_APPLICATION_STATUS_FAILED] = "FAILED",
  [FLINK_APPLICATION_STATUS_CANCELED] = "CANCELED",
};

static const char *
name_for (const char *const *names,
          gsize              n_names,
          int                value,
          const char        *fallback)
{
  if (value < 0 || (gsize) value >= n_names || names[value] == NULL)
    return fallback;
  return names[value];
}

static int
value_for (const char *const *names,
           gsize              n_names,
           const char        *text)
{
  if (text == NULL)
    return 0;
  for (gsize i = 0; i < n_names; i++)
    if (names[i] != NULL && strcmp (names[i], text) == 0)
      return (int) i;
  return 0;
}

/**
 * flink_job_status_to_string:
 * @status: a job status
 *
 * The name Flink uses for @status on the wire and in its web UI, such as
 * `"RUNNING"`.
 *
 * Returns: (transfer none): the status's name, `"UNKNOWN"` for
 *   %FLINK_JOB_STATUS_UNKNOWN or a value out of range
 *
 * Since: 1.0
 */
const char *
flink_job_status_to_string (FlinkJobStatus status)
{
  return name_for (job_status_names, G_N_ELEMENTS (job_status_names), status, "UNKNOWN");
}

/**
 * flink_job_status_from_string:
 * @text: (nullable): a status name as Flink sends it, such as `"RUNNING"`
 *
 * Parses a job status sent by Flink. Matching is exact (Flink sends upper
 * case).
 *
 * Returns: the status, or %FLINK_JOB_STATUS_UNKNOWN for %NULL or a name this
 *   version of flinkjob does not know
 *
 * Since: 1.0
 */
FlinkJobStatus
flink_job_status_from_string (const char *text)
{
  return value_for (job_status_names, G_N_ELEMENTS (job_status_names), text);
}

/**
 * flink_job_status_is_globally_terminal:
 * @status: a job status
 *
 * Whether @status is final for the whole cluster: FINISHED, CANCELED or
 * FAILED. A job in such a status will not change any more; its
 * [class@Flink.JobResult] can be read.
 *
 * Returns: %TRUE for a globally terminal status
 *
 * Since: 1.0
 */
gboolean
flink_job_status_is_globally_terminal (FlinkJobStatus status)
{
  return status == FLINK_JOB_STATUS_FINISHED ||
         status == FLINK_JOB_STATUS_CANCELED ||
         status == FLINK_JOB_STATUS_FAILED;
}

/**
 * flink_job_status_is_terminal:
 * @status: a job status
 *
 * Whether @status is terminal for the job manager that reports it: the
 * globally terminal ones and SUSPENDED. A SUSPENDED job may be taken over by
 * another job manager when high availability is on.
 *
 * Returns: %TRUE for a locally or globally terminal status
 *
 * Since: 1.0
 */
gboolean
flink_job_status_is_terminal (FlinkJobStatus status)
{
  return flink_job_status_is_globally_terminal (status) ||
         status == FLINK_JOB_STATUS_SUSPENDED;
}

/**
 * flink_execution_state_to_string:
 * @state: an execution state
 *
 * The name Flink uses for @state, such as `"DEPLOYING"`.
 *
 * Returns: (transfer none): the state's name, `"UNKNOWN"` for
 *   %FLINK_EXECUTION_STATE_UNKNOWN
 *
 * Since: 1.0
 */
const char *
flink_execution_state_to_string (FlinkExecutionState state)
{
  return name_for (execution_state_names, G_N_ELEMENTS (execution_state_names), state, "UNKNOWN");
}

/**
 * flink_execution_state_from_string:
 * @text: (nullable): a state name as Flink sends it
 *
 * Parses an execution state sent by Flink.
 *
 * Returns: the state, or %FLINK_EXECUTION_STATE_UNKNOWN if unknown
 *
 * Since: 1.0
 */
FlinkExecutionState
flink_execution_state_from_string (const char *text)
{
  return value_for (execution_state_names, G_N_ELEMENTS (execution_state_names), text);
}

/**
 * flink_application_status_to_string:
 * @status: an application status
 *
 * The name Flink uses for @status, such as `"SUCCEEDED"`.
 *
 * Returns: (transfer none): the status's name
 *
 * Since: 1.0
 */
const char *
flink_application_status_to_string (FlinkApplicationStatus status)
{
  return name_for (application_status_names, G_N_ELEMENTS (application_status_names), status, "UNKNOWN");
}

/**
 * flink_application_status_from_string:
 * @text: (nullable): a status name as Flink sends it
 *
 * Parses an application status sent by Flink.
 *
 * Returns: the status, or %FLINK_APPLICATION_STATUS_UNKNOWN if unknown
 *
 * Since: 1.0
 */
FlinkApplicationStatus
flink_application_status_from_string (const char *text)
{
  return value_for (application_status_names, G_N_ELEMENTS (application_status_names), text);
}

/**
 * flink_savepoint_format_to_string:
 * @format: a savepoint format
 *
 * The name Flink uses for @format in requests: `"CANONICAL"` or `"NATIVE"`.
 *
 * Returns: (transfer none): the format's name
 *
 * Since: 1.0
 */
const char *
flink_savepoint_format_to_string (FlinkSavepointFormat format)
{
  return format == FLINK_SAVEPOINT_FORMAT_NATIVE ? "NATIVE" : "CANONICAL";
}

/**
 * flink_claim_mode_to_string:
 * @mode: a claim mode
 *
 * The name Flink uses for @mode in requests: `"NO_CLAIM"` or `"CLAIM"`.
 *
 * Returns: (transfer none): the mode's name
 *
 * Since: 1.0
 */
const char *
flink_claim_mode_to_string (FlinkClaimMode mode)
{
  return mode == FLINK_CLAIM_MODE_CLAIM ? "CLAIM" : "NO_CLAIM";
}

/**
 * flink_operation_kind_to_string:
 * @kind: an operation kind
 *
 * A short name for @kind, as [method@Flink.OperationHandle.to_string] writes
 * it: `"savepoint"`, `"stop-with-savepoint"` or `"checkpoint"`.
 *
 * Returns: (transfer none): the kind's name
 *
 * Since: 1.0
 */
const char *
flink_operation_kind_to_string (FlinkOperationKind kind)
{
  switch (kind)
    {
    case FLINK_OPERATION_KIND_STOP_WITH_SAVEPOINT:
      return "stop-with-savepoint";
    case FLINK_OPERATION_KIND_CHECKPOINT:
      return "checkpoint";
    case FLINK_OPERATION_KIND_SAVEPOINT:
    default:
      return "savepoint";
    }
}

/**
 * flink_checkpoint_type_to_string:
 * @type: a checkpoint type
 *
 * The name Flink uses for @type in requests: `"CONFIGURED"` or `"FULL"`.
 *
 * Returns: (transfer none): the type's name
 *
 * Since: 1.0
 */
const char *
flink_checkpoint_type_to_string (FlinkCheckpointType type)
{
  return type == FLINK_CHECKPOINT_TYPE_FULL ? "FULL" : "CONFIGURED";
}
