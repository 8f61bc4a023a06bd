/* flink-cluster-descriptor-private.h: the descriptor's settings, as the
 * clients it makes copy them
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "flinkjob.h"
#include "flink-connection-private.h"

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

const FlinkConnectionSettings *_flink_cluster_descriptor_get_settings (FlinkClusterDescriptor *self);

/* For the descriptor's own files (flink-cluster-descriptor-tls.c): its
 * settings to change, and the notification of a property they changed. */
FlinkConnectionSettings       *_flink_cluster_descriptor_edit_settings (FlinkClusterDescriptor *self);
void                           _flink_cluster_descriptor_notify (FlinkClusterDescriptor *self,
                                                                 const char             *property);

/* clang-format on */

G_END_DECLS
