/* flink-error.h: the FLINK_ERROR domain
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
 * FLINK_ERROR:
 *
 * The error domain of flinkjob. Errors in it carry a [enum@Flink.Error]
 * code. Cancellation is reported as %G_IO_ERROR_CANCELLED instead.
 *
 * Since: 1.0
 */
#define FLINK_ERROR (flink_error_quark ())

/**
 * FlinkError:
 * @FLINK_ERROR_FAILED: any other failure
 * @FLINK_ERROR_INVALID_ARGUMENT: the caller, or the cluster (HTTP 400), found
 *   an argument invalid: a malformed job id, a URL without scheme, a file
 *   that is not a jar, a savepoint without a directory on a cluster that has
 *   no default one, ...
 * @FLINK_ERROR_NOT_FOUND: the job, jar, trigger or route is not known to the
 *   cluster (HTTP 404); finished jobs are forgotten after
 *   `jobstore.expiration-time`. For deployments: a local file or program
 *   is missing (Java, PyFlink, the job jar, a savepoint), or a cluster id
 *   names no cluster that flinkjob deployed
 * @FLINK_ERROR_CONFLICT: the job is in a state that forbids the operation:
 *   cancelling, stopping or taking a savepoint of a job that has ended
 *   (the message says its status); or what
 *   a deployment needs is taken: a port, a work directory where a cluster
 *   still runs
 * @FLINK_ERROR_CONNECTION_FAILED: the cluster could not be reached (refused,
 *   unresolvable, TLS failure, connection dropped); the original message is
 *   kept
 * @FLINK_ERROR_TIMED_OUT: the cluster did not answer within the request
 *   timeout, or answered HTTP 408
 * @FLINK_ERROR_UNAVAILABLE: the cluster answered HTTP 503, for instance
 *   during a leader election; trying again later may succeed
 * @FLINK_ERROR_SERVER_ERROR: the cluster answered with an internal error
 *   (HTTP 5xx); the message carries Flink's own
 * @FLINK_ERROR_PROTOCOL_ERROR: the cluster's response could not be
 *   understood: not JSON, or a required field missing or of the wrong type
 * @FLINK_ERROR_OPERATION_FAILED: an asynchronous operation on the cluster
 *   (savepoint, stop with savepoint, savepoint disposal) completed with a
 *   failure; the message carries Flink's failure cause
 * @FLINK_ERROR_NOT_SUPPORTED: the cluster's Flink version, or its
 *   configuration (resource requirements need the adaptive scheduler), does
 *   not support the operation; or a keystore is of a kind flinkjob cannot
 *   read (JCEKS): the message gives the `keytool` command that converts it;
 *   or a local Java is too old for the Flink to deploy
 * @FLINK_ERROR_DEPLOYMENT_FAILED: a cluster could not be deployed on this
 *   machine: a JobManager or TaskManager could not start or exited during
 *   start-up; the message carries the last lines of its log
 *
 * The codes of the [error@Flink.Error] domain. Callers branch on them; the
 * messages are for people, and always name the cluster's URL and, for job
 * operations, the job id.
 *
 * Since: 1.0
 */
typedef enum {
  FLINK_ERROR_FAILED,
  FLINK_ERROR_INVALID_ARGUMENT,
  FLINK_ERROR_NOT_FOUND,
  FLINK_ERROR_CONFLICT,
  FLINK_ERROR_CONNECTION_FAILED,
  FLINK_ERROR_TIMED_OUT,
  FLINK_ERROR_UNAVAILABLE,
  FLINK_ERROR_SERVER_ERROR,
  FLINK_ERROR_PROTOCOL_ERROR,
  FLINK_ERROR_OPERATION_FAILED,
  FLINK_ERROR_NOT_SUPPORTED,
  FLINK_ERROR_DEPLOYMENT_FAILED,
} FlinkError;

FLINK_AVAILABLE_IN_1_0
GQuark flink_error_quark (void);

/* clang-format on */

G_END_DECLS
