/* flink-config-private.h: Flink's configuration files
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

/* config.yaml (nested or flat keys) and legacy flink-conf.yaml, flattened
 * to "a.b.c" -> scalar text. */
GHashTable *_flink_config_load    (const char  *path,
                                   char       **out_file,
                                   GError     **error);
GHashTable *_flink_config_parse   (const char  *text,
                                   gssize       length,
                                   const char  *file_name,
                                   GError     **error);
char       *_flink_config_to_url  (GHashTable  *config,
                                   const char  *file_name,
                                   GError     **error);

/* clang-format on */

G_END_DECLS
