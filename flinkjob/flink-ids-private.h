/* flink-ids-private.h: ids of flinkjob's own making
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

/* A random id in Flink's form (32 hexadecimal characters): the trigger ids
 * flinkjob sends with savepoints and checkpoints. */
char *_flink_id_new_random (void);

/* clang-format on */

G_END_DECLS
