/* flink-cluster-descriptor-private.h: the descriptor's settings, as the
 * clients it makes copy them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "flinkjob.h"
#include "flink-connection-private.h"

G_BEGIN_DECLS

const FlinkConnectionSettings *_flink_cluster_descriptor_get_settings (FlinkClusterDescriptor *self);

G_END_DECLS
