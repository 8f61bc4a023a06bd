/* flink-enums.h: Flink's status values and options
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__FLINKJOB_INSIDE__) && !defined(FLINKJOB_COMPILATION)
#error "Only <flinkjob/flinkjob.h> can be included directly."
#endif

#include <flinkjob/flink-version-macros.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

/**
 * FlinkJobStatus:
 * @FLINK_JOB_STATUS_UNKNOWN: a status this version of flinkjob does not know
 *   (a newer Flink), or none could be read
 * @FLINK_JOB_STATUS_INITIALIZING: the job has been received by the Dispatcher
 *   and is waiting for the job manager to be created
 * @FLINK_JOB_STATUS_CREATED: the job is newly created, no task has started
 * @FLINK_JOB_STATUS_RUNNING: some tasks are scheduled or running; not all of
 *   them may be running yet (a savepoint triggered now may fail)
 * @FLINK_JOB_STATUS_FAILING: the job has failed and is waiting for its tasks
 *   to stop
 * @FLINK_JOB_STATUS_FAILED: the job failed with a non-recoverable failure
 *   (globally terminal)
 * @FLINK_JOB_STATUS_CANCELLING: the job is being cancelled
 * @FLINK_JOB_STATUS_CANCELED: the job has been cancelled (globally terminal)
 * @FLINK_JOB_STATUS_FINISHED: all of the job's tasks finished successfully,
 *   or it was stopped with a savepoint (globally terminal)
 * @FLINK_JOB_STATUS_RESTARTING: the job is being restarted
 * @FLINK_JOB_STATUS_SUSPENDED: the job was suspended, for instance by a job
 *   manager failover with high availability; only locally terminal: another
 *   job manager may take it over
 * @FLINK_JOB_STATUS_RECONCILING: the job is being reconciled after a job
 *   manager failover
 *
 * The status of a Flink job, as Flink's `JobStatus` names it. The same values
 * are used by Flink 1.20 and 2.x.
 *
 * Since: 1.0
 */
typedef enum {
  FLINK_JOB_STATUS_UNKNOWN,
  FLINK_JOB_STATUS_INITIALIZING,
  FLINK_JOB_STATUS_CREATED,
  FLINK_JOB_STATUS_RUNNING,
  FLINK_JOB_STATUS_FAILING,
  FLINK_JOB_STATUS_FAILED,
  FLINK_JOB_STATUS_CANCELLING,
  FLINK_JOB_STATUS_CANCELED,
  FLINK_JOB_STATUS_FINISHED,
  FLINK_JOB_STATUS_RESTARTING,
  FLINK_JOB_STATUS_SUSPENDED,
  FLINK_JOB_STATUS_RECONCILING,
} FlinkJobStatus;

/**
 * FlinkExecutionState:
 * @FLINK_EXECUTION_STATE_UNKNOWN: a state this version of flinkjob does not know
 * @FLINK_EXECUTION_STATE_CREATED: created, not yet scheduled
 * @FLINK_EXECUTION_STATE_SCHEDULED: waiting for a slot
 * @FLINK_EXECUTION_STATE_DEPLOYING: being deployed to a task manager
 * @FLINK_EXECUTION_STATE_RUNNING: running
 * @FLINK_EXECUTION_STATE_FINISHED: finished
 * @FLINK_EXECUTION_STATE_CANCELING: being cancelled
 * @FLINK_EXECUTION_STATE_CANCELED: cancelled
 * @FLINK_EXECUTION_STATE_FAILED: failed
 * @FLINK_EXECUTION_STATE_RECONCILING: being reconciled after a failover
 * @FLINK_EXECUTION_STATE_INITIALIZING: restoring its state
 *
 * The state of a job vertex or task, as Flink's `ExecutionState` names it.
 *
 * Since: 1.0
 */
typedef enum {
  FLINK_EXECUTION_STATE_UNKNOWN,
  FLINK_EXECUTION_STATE_CREATED,
  FLINK_EXECUTION_STATE_SCHEDULED,
  FLINK_EXECUTION_STATE_DEPLOYING,
  FLINK_EXECUTION_STATE_RUNNING,
  FLINK_EXECUTION_STATE_FINISHED,
  FLINK_EXECUTION_STATE_CANCELING,
  FLINK_EXECUTION_STATE_CANCELED,
  FLINK_EXECUTION_STATE_FAILED,
  FLINK_EXECUTION_STATE_RECONCILING,
  FLINK_EXECUTION_STATE_INITIALIZING,
} FlinkExecutionState;

/**
 * FlinkApplicationStatus:
 * @FLINK_APPLICATION_STATUS_UNKNOWN: the outcome is not known (for instance
 *   the job was suspended)
 * @FLINK_APPLICATION_STATUS_SUCCEEDED: the job finished (status FINISHED)
 * @FLINK_APPLICATION_STATUS_FAILED: the job failed
 * @FLINK_APPLICATION_STATUS_CANCELED: the job was cancelled
 *
 * The outcome of a job in its [class@Flink.JobResult], as Flink's
 * `ApplicationStatus` names it.
 *
 * Since: 1.0
 */
typedef enum {
  FLINK_APPLICATION_STATUS_UNKNOWN,
  FLINK_APPLICATION_STATUS_SUCCEEDED,
  FLINK_APPLICATION_STATUS_FAILED,
  FLINK_APPLICATION_STATUS_CANCELED,
} FlinkApplicationStatus;

/**
 * FlinkSavepointFormat:
 * @FLINK_SAVEPOINT_FORMAT_CANONICAL: the canonical format, portable across
 *   state backends (Flink's default)
 * @FLINK_SAVEPOINT_FORMAT_NATIVE: the state backend's native format, faster
 *   to take and restore
 *
 * The binary format of a savepoint, as Flink's `SavepointFormatType` names it.
 *
 * Since: 1.0
 */
typedef enum {
  FLINK_SAVEPOINT_FORMAT_CANONICAL,
  FLINK_SAVEPOINT_FORMAT_NATIVE,
} FlinkSavepointFormat;

/**
 * FlinkClaimMode:
 * @FLINK_CLAIM_MODE_NO_CLAIM: Flink does not take ownership of the restored
 *   snapshot: it takes a full checkpoint first (Flink's default)
 * @FLINK_CLAIM_MODE_CLAIM: Flink takes ownership of the restored snapshot and
 *   may delete it once it is subsumed
 *
 * How a job restored from a savepoint treats that savepoint, as Flink's
 * `RecoveryClaimMode` names it (sent as `claimMode` to Flink 1.20 and later,
 * as `restoreMode` to older clusters).
 *
 * Since: 1.0
 */
typedef enum {
  FLINK_CLAIM_MODE_NO_CLAIM,
  FLINK_CLAIM_MODE_CLAIM,
} FlinkClaimMode;

/**
 * FlinkOperationKind:
 * @FLINK_OPERATION_KIND_SAVEPOINT: a savepoint; the job keeps running
 * @FLINK_OPERATION_KIND_STOP_WITH_SAVEPOINT: a final savepoint, after which
 *   the job stops
 * @FLINK_OPERATION_KIND_CHECKPOINT: a checkpoint triggered by hand
 *
 * What a [class@Flink.OperationHandle] waits for: one of Flink's
 * asynchronous operations, which a trigger starts and a trigger id names.
 *
 * Since: 1.0
 */
typedef enum {
  FLINK_OPERATION_KIND_SAVEPOINT,
  FLINK_OPERATION_KIND_STOP_WITH_SAVEPOINT,
  FLINK_OPERATION_KIND_CHECKPOINT,
} FlinkOperationKind;

/**
 * FlinkCheckpointType:
 * @FLINK_CHECKPOINT_TYPE_CONFIGURED: the kind the job is configured to take
 *   (incremental or not, as its state backend says)
 * @FLINK_CHECKPOINT_TYPE_FULL: a full checkpoint
 *
 * The type of a checkpoint triggered by hand, as Flink's REST API names it
 * (`checkpointType`). Flink 1.19 and later refuse INCREMENTAL, which is
 * therefore not offered.
 *
 * Since: 1.0
 */
typedef enum {
  FLINK_CHECKPOINT_TYPE_CONFIGURED,
  FLINK_CHECKPOINT_TYPE_FULL,
} FlinkCheckpointType;

/**
 * FlinkDeployFlags:
 * @FLINK_DEPLOY_FLAGS_NONE: an attached cluster: it goes away with the
 *   process that deployed it, however that process ends (SIGKILL included)
 * @FLINK_DEPLOY_FLAGS_DETACHED: a detached cluster: it outlives the process
 *   that deployed it, until [method@Flink.ClusterDescriptor.kill_cluster_async]
 *   stops it (or, in application mode, its job ends)
 *
 * How [method@Flink.ClusterDescriptor.deploy_session_cluster_async] and
 * [method@Flink.ClusterDescriptor.deploy_application_cluster_async] tie the
 * cluster to the process that deploys it, as Flink's `--detached` does.
 *
 * Since: 1.0
 */
typedef enum /*< flags >*/ {
  FLINK_DEPLOY_FLAGS_NONE = 0,
  FLINK_DEPLOY_FLAGS_DETACHED = 1 << 0,
} FlinkDeployFlags;

FLINK_AVAILABLE_IN_1_0
const char     *flink_job_status_to_string           (FlinkJobStatus status);
FLINK_AVAILABLE_IN_1_0
FlinkJobStatus  flink_job_status_from_string         (const char *text);
FLINK_AVAILABLE_IN_1_0
gboolean        flink_job_status_is_globally_terminal (FlinkJobStatus status);
FLINK_AVAILABLE_IN_1_0
gboolean        flink_job_status_is_terminal         (FlinkJobStatus status);

FLINK_AVAILABLE_IN_1_0
const char          *flink_execution_state_to_string   (FlinkExecutionState state);
FLINK_AVAILABLE_IN_1_0
FlinkExecutionState  flink_execution_state_from_string (const char *text);

FLINK_AVAILABLE_IN_1_0
const char             *flink_application_status_to_string   (FlinkApplicationStatus status);
FLINK_AVAILABLE_IN_1_0
FlinkApplicationStatus  flink_application_status_from_string (const char *text);

FLINK_AVAILABLE_IN_1_0
const char *flink_savepoint_format_to_string (FlinkSavepointFormat format);
FLINK_AVAILABLE_IN_1_0
const char *flink_claim_mode_to_string       (FlinkClaimMode mode);
FLINK_AVAILABLE_IN_1_0
const char *flink_operation_kind_to_string   (FlinkOperationKind kind);
FLINK_AVAILABLE_IN_1_0
const char *flink_checkpoint_type_to_string  (FlinkCheckpointType type);

/* clang-format on */

G_END_DECLS
