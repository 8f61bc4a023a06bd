/* flink-zip-private.h: reading entries of a jar (a zip file)
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

/* A jar's central directory, read once. Blocking: call it from a worker
 * thread (g_task_run_in_thread), never from the caller's. */
typedef struct _FlinkZip FlinkZip;

FlinkZip *_flink_zip_open         (GFile         *file,
                                   GCancellable  *cancellable,
                                   GError       **error);
void      _flink_zip_free         (FlinkZip      *zip);
gboolean  _flink_zip_has_entry    (FlinkZip      *zip,
                                   const char    *name);
/* The uncompressed bytes of entry @name (stored or deflated), at most
 * @max_size of them; G_IO_ERROR_NOT_FOUND when there is no such entry. */
GBytes   *_flink_zip_read_entry   (FlinkZip      *zip,
                                   const char    *name,
                                   gsize          max_size,
                                   GCancellable  *cancellable,
                                   GError       **error);
/* The class a jar's manifest names as its program: Flink's own
 * `program-class` attribute first, then `Main-Class`; NULL if none. */
char     *_flink_zip_get_main_class (FlinkZip     *zip,
                                     GCancellable *cancellable,
                                     GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlinkZip, _flink_zip_free)

/* clang-format on */

G_END_DECLS
