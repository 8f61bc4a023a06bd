/* flinkjob-example.vala: submit a job, take a savepoint, stop it with another
 *
 *   flinkjob-example-vala JAR ENTRY_CLASS [SAVEPOINT_DIR]
 *
 * The cluster is $FLINK_REST_URL (default http://localhost:8081); without
 * SAVEPOINT_DIR savepoints go to the cluster's state.savepoints.dir.
 * Build: valac --pkg flinkjob-1.0 flinkjob-example.vala
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

async void run (string jar, string entry_class, string? directory) throws Error {
    var url = Environment.get_variable ("FLINK_REST_URL") ?? "http://localhost:8081";
    var descriptor = new Flink.ClusterDescriptor.for_url (url);
    var client = yield descriptor.retrieve_async (null);
    print ("Connected to Flink %s at %s\n", client.get_flink_version (), url);

    var options = new Flink.RunOptions ();
    options.entry_class = entry_class;
    var job = yield client.submit_jar_async (File.new_for_commandline_arg (jar), options, null);
    print ("Submitted job %s\n", job.job_id);

    /* Wait until the job is RUNNING (120 s at most), then until all its tasks
     * are: a savepoint needs them, and a job is RUNNING as soon as its first
     * task is scheduled. */
    yield job.wait_for_status_async ({ Flink.JobStatus.RUNNING }, 120, null);
    while (!(yield job.get_job_details_async (null)).get_all_tasks_running ()) {
        Timeout.add (200, run.callback);
        yield;
    }
    print ("Job is RUNNING\n");

    var savepoint = yield job.trigger_savepoint_async (directory, Flink.SavepointFormat.CANONICAL, null);
    print ("Savepoint: %s\n", savepoint);
    var final_savepoint = yield job.stop_with_savepoint_async (false, directory, Flink.SavepointFormat.CANONICAL, null);
    print ("Stopped with savepoint: %s\n", final_savepoint);

    var result = yield job.get_job_execution_result_async (null);
    print ("Result: %s after %" + int64.FORMAT + " ms\n", result.application_status.to_string (), result.net_runtime);
}

int main (string[] args) {
    if (args.length < 3) {
        printerr ("usage: %s JAR ENTRY_CLASS [SAVEPOINT_DIR]\n", args[0]);
        return 2;
    }
    var loop = new MainLoop ();
    int status = 0;
    run.begin (args[1], args[2], args.length > 3 ? args[3] : null, (obj, res) => {
        try {
            run.end (res);
        } catch (Error e) {
            printerr ("%s\n", e.message);   /* Flink.Error, IOError.CANCELLED, ... */
            status = 1;
        }
        loop.quit ();
    });
    loop.run ();
    return status;
}
