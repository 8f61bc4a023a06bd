// flinkjob-example.js: submit a job, take a savepoint, stop it with another
//
//   gjs -m flinkjob-example.js JAR ENTRY_CLASS [SAVEPOINT_DIR]
//
// The cluster is $FLINK_REST_URL (default http://localhost:8081); without
// SAVEPOINT_DIR savepoints go to the cluster's state.savepoints.dir.
//
// SPDX-FileCopyrightText: 2026 The flinkjob authors
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Flink from 'gi://Flink?version=1.0';
import System from 'system';

// With Gio._promisify, calling an _async method without a callback returns
// a promise of what its _finish returns.
Gio._promisify(Flink.ClusterDescriptor.prototype, 'retrieve_async', 'retrieve_finish');
Gio._promisify(Flink.ClusterClient.prototype, 'submit_jar_async', 'submit_jar_finish');
for (const verb of ['wait_for_status', 'get_job_details', 'trigger_savepoint', 'stop_with_savepoint',
    'get_job_execution_result'])
    Gio._promisify(Flink.JobClient.prototype, `${verb}_async`, `${verb}_finish`);

function sleep(milliseconds) {
    return new Promise(resolve => GLib.timeout_add(GLib.PRIORITY_DEFAULT, milliseconds, () => {
        resolve();
        return GLib.SOURCE_REMOVE;
    }));
}

async function main([jar, entryClass, directory = null]) {
    const url = GLib.getenv('FLINK_REST_URL') ?? 'http://localhost:8081';
    const descriptor = Flink.ClusterDescriptor.new_for_url(url);
    const client = await descriptor.retrieve_async(null);
    print(`Connected to Flink ${client.get_flink_version()} at ${url}`);

    const options = new Flink.RunOptions({entry_class: entryClass});
    const job = await client.submit_jar_async(Gio.File.new_for_commandline_arg(jar), options, null);
    print(`Submitted job ${job.get_job_id()}`);

    // Wait until the job is RUNNING (120 s at most), then until all its tasks
    // are: a savepoint needs them, and a job is RUNNING as soon as its first
    // task is scheduled.
    await job.wait_for_status_async([Flink.JobStatus.RUNNING], 120, null);
    while (!(await job.get_job_details_async(null)).get_all_tasks_running())
        await sleep(200);
    print('Job is RUNNING');

    const savepoint = await job.trigger_savepoint_async(directory, Flink.SavepointFormat.CANONICAL, null);
    print(`Savepoint: ${savepoint}`);
    const finalSavepoint = await job.stop_with_savepoint_async(false, directory, Flink.SavepointFormat.CANONICAL, null);
    print(`Stopped with savepoint: ${finalSavepoint}`);

    const result = await job.get_job_execution_result_async(null);
    print(`Result: ${Flink.ApplicationStatus.to_string(result.applicationStatus)} after ${result.netRuntime} ms`);
}

if (ARGV.length < 2) {
    printerr('usage: gjs -m flinkjob-example.js JAR ENTRY_CLASS [SAVEPOINT_DIR]');
    System.exit(2);
}
const loop = new GLib.MainLoop(null, false);
let status = 0;
main(ARGV).catch(error => {
    printerr(error.message);   // a GLib.Error in Flink.Error, or the Error above
    status = 1;
}).finally(() => loop.quit());
loop.run();
System.exit(status);
