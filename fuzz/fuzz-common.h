/* fuzz-common.h: what every flinkjob fuzz target checks
 *
 * A target fails (abort(), which libFuzzer reports with the input) not
 * only on a crash or a sanitizer's report, but when an invariant breaks:
 * text handed out that is not UTF-8, an error outside FLINK_ERROR, a
 * result and an error at once, a GLib warning or critical.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include "flinkjob.h"
#include "flink-config-private.h"
#include "flink-connection-private.h"
#include "flink-decoders-private.h"
#include "flink-error-private.h"
#include "flink-json-private.h"

G_BEGIN_DECLS

#define FUZZ_CHECK(condition, ...)                                    \
  G_STMT_START {                                                      \
    if (G_UNLIKELY (!(condition)))                                    \
      fuzz_fail (G_STRLOC, #condition, __VA_ARGS__);                   \
  } G_STMT_END

void  fuzz_fail                 (const char    *where,
                                 const char    *condition,
                                 const char    *format,
                                 ...) G_GNUC_PRINTF (3, 4) G_GNUC_NORETURN;

/* Once per process: warnings and criticals abort; debug output off. */
void  fuzz_init                 (void);

/* @data as a NUL-terminated string, cut at its first NUL. */
char *fuzz_strndup              (const uint8_t *data,
                                 size_t         size);

/* @text is NULL or valid UTF-8; @what names it in a failure. */
void  fuzz_check_utf8           (const char    *text,
                                 const char    *what);

/* Exactly one of @result and @error is set; @error is in FLINK_ERROR
 * (with @code unless it is -1) and its message is non-empty UTF-8. */
void  fuzz_check_outcome        (gconstpointer  result,
                                 const GError  *error,
                                 int            code,
                                 const char    *what);

/* Every string, string array and record (or list of records) that
 * @object's readable properties hold is checked, recursively. */
void  fuzz_check_object         (GObject       *object);
void  fuzz_check_list           (GListModel    *list);

G_END_DECLS
