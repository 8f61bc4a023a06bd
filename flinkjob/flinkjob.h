/* flinkjob.h: the only header users include
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#define __FLINKJOB_INSIDE__

#include <flinkjob/flink-version-macros.h>
#include <flinkjob/flink-version.h>
#include <flinkjob/flink-enums.h>
#include <flinkjob/flink-enum-types.h>
#include <flinkjob/flink-error.h>
#include <flinkjob/flink-ids.h>
#include <flinkjob/flink-accumulator.h>
#include <flinkjob/flink-cluster-overview.h>
#include <flinkjob/flink-exception-info.h>
#include <flinkjob/flink-jar.h>
#include <flinkjob/flink-job-overview.h>
#include <flinkjob/flink-job-vertex.h>
#include <flinkjob/flink-job-details.h>
#include <flinkjob/flink-job-result.h>
#include <flinkjob/flink-job-resource-requirements.h>
#include <flinkjob/flink-run-options.h>
#include <flinkjob/flink-operation-handle.h>
#include <flinkjob/flink-cluster-client.h>
#include <flinkjob/flink-job-client.h>
#include <flinkjob/flink-job-list.h>
#include <flinkjob/flink-cluster-descriptor.h>
#include <flinkjob/flink-cluster-specification.h>
#include <flinkjob/flink-cluster-descriptor-deploy.h>

#undef __FLINKJOB_INSIDE__
