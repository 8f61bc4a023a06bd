/* fuzz-operation-handle.c: an operation handle's text form
 *
 * flink_operation_handle_new_from_string() reads what another process
 * stored (a file, a CI log). Invariants: a handle or a
 * FLINK_ERROR_INVALID_ARGUMENT with a short UTF-8 message; a handle's
 * strings are UTF-8, its start time between 0 and the year 9999, and its
 * text reads back as the same handle.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fuzz-common.h"

#define MAX_START_TIME G_GINT64_CONSTANT (253402300799999)

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_strndup (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkOperationHandle) handle = NULL;
  g_autoptr(FlinkOperationHandle) again = NULL;
  g_autofree char *written = NULL;

  fuzz_init ();
  handle = flink_operation_handle_new_from_string (text, &error);
  fuzz_check_outcome (handle, error, FLINK_ERROR_INVALID_ARGUMENT, "handle");
  if (handle == NULL)
    {
      FUZZ_CHECK (strlen (error->message) < 1024, "a message of %zu bytes", strlen (error->message));
      return 0;
    }

  fuzz_check_object (G_OBJECT (handle));
  FUZZ_CHECK (flink_job_id_is_valid (flink_operation_handle_get_job_id (handle)), "job id");
  FUZZ_CHECK (flink_job_id_is_valid (flink_operation_handle_get_trigger_id (handle)), "trigger id");
  FUZZ_CHECK (flink_operation_handle_get_start_time (handle) >= 0 &&
              flink_operation_handle_get_start_time (handle) <= MAX_START_TIME,
              "start time %" G_GINT64_FORMAT, flink_operation_handle_get_start_time (handle));

  written = flink_operation_handle_to_string (handle);
  fuzz_check_utf8 (written, "handle text");
  again = flink_operation_handle_new_from_string (written, &error);
  FUZZ_CHECK (again != NULL, "“%s” does not read back: %s", written, error->message);
  FUZZ_CHECK (flink_operation_handle_get_kind (again) == flink_operation_handle_get_kind (handle), "kind");
  FUZZ_CHECK (g_strcmp0 (flink_operation_handle_get_job_id (again),
                         flink_operation_handle_get_job_id (handle)) == 0, "job id");
  FUZZ_CHECK (g_strcmp0 (flink_operation_handle_get_trigger_id (again),
                         flink_operation_handle_get_trigger_id (handle)) == 0, "trigger id");
  FUZZ_CHECK (flink_operation_handle_get_start_time (again) ==
              flink_operation_handle_get_start_time (handle), "start time");
  FUZZ_CHECK (g_strcmp0 (flink_operation_handle_get_directory (again),
                         flink_operation_handle_get_directory (handle)) == 0,
              "directory “%s” became “%s”", flink_operation_handle_get_directory (handle),
              flink_operation_handle_get_directory (again));
  return 0;
}
