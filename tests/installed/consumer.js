// consumer.js: the installed Flink-1.0 typelib from GJS, found through the
// prefix's standard paths only (see run-installed-tests.sh).
//
// SPDX-FileCopyrightText: 2026 The flinkjob authors
// SPDX-License-Identifier: LGPL-2.1-or-later
import Flink from 'gi://Flink?version=1.0';
import System from 'system';

if (!Flink.library_check_version(1, 0, 0))
    System.exit(1);
if (Flink.JobStatus.RUNNING !== Flink.JobStatus.RUNNING || Flink.Error.NOT_FOUND === undefined)
    System.exit(1);
print(`gjs: Flink ${Flink.library_get_major_version()}.${Flink.library_get_minor_version()}.${Flink.library_get_micro_version()}`);
