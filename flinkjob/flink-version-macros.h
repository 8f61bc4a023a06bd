/* flink-version-macros.h: symbol visibility for libflinkjob
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__FLINKJOB_INSIDE__) && !defined(FLINKJOB_COMPILATION)
# error "Only <flinkjob/flinkjob.h> can be included directly."
#endif

#include <glib.h>

#if defined(_WIN32) && !defined(__GNUC__)
# define _FLINK_EXTERN __declspec(dllexport) extern
#else
# define _FLINK_EXTERN __attribute__((visibility ("default"))) extern
#endif

/**
 * FLINK_AVAILABLE_IN_ALL:
 *
 * Marks a symbol as part of the public API since the first release.
 */
#define FLINK_AVAILABLE_IN_ALL _FLINK_EXTERN
