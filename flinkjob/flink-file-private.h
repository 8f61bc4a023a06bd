/* flink-file-private.h: reading small files that a person names
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

/* Reads @path whole if it is a regular file of at most @max_size bytes.
 * Never blocks in open() (a FIFO) nor reads without end (a device such as
 * /dev/zero): anything but a regular file is refused. Errors are
 * FLINK_ERROR_INVALID_ARGUMENT, their messages start with @path. The
 * contents are NUL-terminated. */
gboolean _flink_file_read_regular (const char  *path,
                                   gsize        max_size,
                                   char       **out_contents,
                                   gsize       *out_length,
                                   GError     **error);

/* Whether @path is a regular file of at most @max_size bytes, for a file
 * that another library opens (a CA file for GTlsFileDatabase): checked
 * with stat(), so a FIFO or a device is refused before anything opens it.
 * Errors as for _flink_file_read_regular(). */
gboolean _flink_file_check_regular (const char  *path,
                                    gsize        max_size,
                                    GError     **error);

/* clang-format on */

G_END_DECLS
