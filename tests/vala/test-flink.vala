/* test-flink.vala: the Flink-1.0 VAPI against a real cluster
 *
 * Compiled with the VAPI that the build generates from the GIR, and run by
 * meson (suite "vala") against the cluster of tests/flink/flink-harness.py
 * run (FLINK_REST_URL, FLINKJOB_TEST_JOBS_JAR, FLINKJOB_SAVEPOINT_DIR,
 * FLINKJOB_TEST_WORKDIR). Without FLINK_REST_URL it skips (TAP "1..0 # SKIP"),
 * unless FLINKJOB_REQUIRE_CLUSTER=1 says a cluster must be there. Prints
 * TAP, the plan last.
 *
 * The async methods of the VAPI are called with `yield`; errors are caught
 * by code of the Flink.Error domain.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

const string COUNTER_CLASS = "org.flinkjob.testjobs.CounterStream";
const string BOUNDED_CLASS = "org.flinkjob.testjobs.BoundedCount";
const string FAILING_CLASS = "org.flinkjob.testjobs.FailingJob";
const string EXPECTED_FAILURE = "org.flinkjob.testjobs.FailingJob$ExpectedFailure";
const int STATUS_WAIT_S = 120;
/* What one step (one TAP line) may take at most: a submission and two
 * status waits. */
const int STEP_WAIT_S = 300;

class TestFlink : Object {
    string url;
    Flink.ClusterClient client;
    GenericArray<Flink.JobClient> started = new GenericArray<Flink.JobClient> ();
    int number = 0;
    int failed = 0;

    public TestFlink (string url) {
        this.url = url;
    }

    /* ---- TAP ---- */

    void ok (bool condition, string name, string? diagnostic = null) {
        number++;
        if (condition) {
            print ("ok %d - %s\n", number, name);
        } else {
            failed++;
            print ("not ok %d - %s\n", number, name);
            if (diagnostic != null)
                print ("# %s\n", diagnostic);
        }
    }

    void error_out (string name, Error e) {
        if (deadline_passed != null && e.matches (IOError.quark (), IOError.CANCELLED))
            ok (false, name, deadline_step == name ? deadline_passed
                                                   : "not run: an earlier step outlived its deadline (%s)".printf (deadline_passed));
        else
            ok (false, name, "%s %d: %s".printf (e.domain.to_string (), e.code, e.message));
    }

    /* ---- Deadlines ---- */

    /* Every wait has a deadline. Each step (one TAP line) passes its own
     * cancellable to every call it makes, and a timer cancels it when the
     * step outlives STEP_WAIT_S (or FLINKJOB_TEST_DEADLINE_S): the call
     * fails, and the step is reported not ok, naming what it awaited. After
     * that the cluster cannot be trusted to answer: the later steps start
     * with their cancellable cancelled and fail at once, so that the run
     * ends well within meson's timeout. */
    Cancellable cancellable = new Cancellable ();
    string awaiting = "nothing";
    string? deadline_step = null;
    string? deadline_passed = null;
    uint deadline_source = 0;

    static int step_deadline () {
        var explicit = Environment.get_variable ("FLINKJOB_TEST_DEADLINE_S");
        int seconds = explicit != null ? int.parse (explicit) : 0;
        return seconds > 0 ? seconds : STEP_WAIT_S;
    }

    /* Begins a step, ending the one before: its deadline covers every wait
     * until the next step begins. */
    void step (string what) {
        end_step ();
        awaiting = what;
        cancellable = new Cancellable ();
        if (deadline_passed != null) {
            cancellable.cancel ();
            return;
        }
        var seconds = step_deadline ();
        deadline_source = Timeout.add_seconds (seconds, () => {
            deadline_source = 0;
            deadline_step = awaiting;
            deadline_passed = "waited %d s for %s: the deadline passed".printf (seconds, awaiting);
            cancellable.cancel ();
            return Source.REMOVE;
        });
    }

    void end_step () {
        if (deadline_source != 0)
            Source.remove (deadline_source);
        deadline_source = 0;
    }

    /* ---- Helpers ---- */

    async void sleep_ms (uint milliseconds) {
        Timeout.add (milliseconds, sleep_ms.callback);
        yield;
    }

    static File jobs_jar () {
        return File.new_for_path (Environment.get_variable ("FLINKJOB_TEST_JOBS_JAR") ?? "missing.jar");
    }

    static string work_dir (string name) {
        return Path.build_filename (Environment.get_variable ("FLINKJOB_TEST_WORKDIR") ?? Environment.get_tmp_dir (),
                                    "vala-" + name);
    }

    static string local_path (string location) {
        if (location.has_prefix ("file://")) {
            try {
                return Filename.from_uri (location);
            } catch (ConvertError e) {
                return location;
            }
        }
        if (location.has_prefix ("file:"))
            return location.substring ("file:".length);
        return location;
    }

    static bool savepoint_on_disk (string location) {
        var path = local_path (location);
        return FileUtils.test (path, FileTest.IS_DIR) &&
               FileUtils.test (Path.build_filename (path, "_metadata"), FileTest.IS_REGULAR);
    }

    async Flink.JobClient submit (string entry_class, string[]? args = null,
                                  string? savepoint_path = null) throws Error {
        var options = new Flink.RunOptions ();
        options.set_entry_class (entry_class);
        options.set_program_args (args);
        options.set_savepoint_path (savepoint_path);
        var job = yield client.submit_jar_async (jobs_jar (), options, cancellable);
        started.add (job);
        return job;
    }

    async bool wait_for_status (Flink.JobClient job, Flink.JobStatus wanted,
                                int seconds = STATUS_WAIT_S) throws Error {
        var deadline = get_monotonic_time () + seconds * TimeSpan.SECOND;
        while (true) {
            var status = yield job.get_job_status_async (cancellable);
            if (status == wanted)
                return true;
            if (status.is_globally_terminal () || get_monotonic_time () > deadline) {
                print ("# job %s is %s, not %s\n", job.get_job_id (), status.to_string (), wanted.to_string ());
                return false;
            }
            yield sleep_ms (200);
        }
    }

    async int64 accumulator (Flink.JobClient job, string name) throws Error {
        var accumulators = yield job.get_accumulators_async (cancellable);
        for (uint i = 0; i < accumulators.get_n_items (); i++) {
            var item = (Flink.Accumulator) accumulators.get_item (i);
            if (item.get_name () == name)
                return item.get_int64 ();
        }
        return -1;
    }

    async int64 wait_for_records (Flink.JobClient job, int64 more_than) throws Error {
        var deadline = get_monotonic_time () + 60 * TimeSpan.SECOND;
        var records = yield accumulator (job, "records");
        while (records <= more_than && get_monotonic_time () < deadline) {
            yield sleep_ms (200);
            records = yield accumulator (job, "records");
        }
        return records;
    }

    /* ---- The tests ---- */

    public async int run () {
        ok (Flink.library_check_version (Flink.library_get_major_version (),
                                         Flink.library_get_minor_version (),
                                         Flink.library_get_micro_version ()),
            "library version");
        ok (Flink.JobStatus.from_string ("RUNNING") == Flink.JobStatus.RUNNING &&
            Flink.JobStatus.RUNNING.to_string () == "RUNNING" &&
            Flink.JobStatus.CANCELED.is_globally_terminal () &&
            !Flink.JobStatus.RUNNING.is_terminal () &&
            Flink.SavepointFormat.NATIVE.to_string () == "NATIVE" &&
            Flink.ClaimMode.CLAIM.to_string () == "CLAIM" &&
            Flink.ExecutionState.from_string ("DEPLOYING") == Flink.ExecutionState.DEPLOYING &&
            Flink.ApplicationStatus.from_string ("FAILED").to_string () == "FAILED",
            "enum helpers");

        try {
            new Flink.ClusterDescriptor.for_url ("ftp://nowhere");
            ok (false, "bad URL", "no error");
        } catch (Flink.Error.INVALID_ARGUMENT e) {
            ok (true, "bad URL");
        } catch (Error e) {
            error_out ("bad URL", e);
        }

        /* Retrieve the cluster client; without it nothing else can run. */
        step ("retrieve");
        try {
            var descriptor = new Flink.ClusterDescriptor.for_url (url);
            descriptor.timeout = 30;
            descriptor.user_agent = "flinkjob-vala-tests";
            client = yield descriptor.retrieve_async (cancellable);
            var version = Environment.get_variable ("FLINK_VERSION");
            ok (client.get_url () == url && client.get_flink_version () != null &&
                (version == null || client.get_flink_version () == version),
                "retrieve", "version %s".printf (client.get_flink_version ()));
        } catch (Error e) {
            error_out ("retrieve", e);
            print ("1..%d\n", number);
            return 1;
        }

        step ("cluster overview");
        try {
            var overview = yield client.get_overview_async (cancellable);
            ok (overview.taskmanagers >= 1 && overview.get_slots_total () >= 1 &&
                overview.flink_version == client.get_flink_version (), "cluster overview");
        } catch (Error e) {
            error_out ("cluster overview", e);
        }

        /* A streaming job: submit, status, details, accumulators, savepoints. */
        Flink.JobClient? stream = null;
        step ("submit a streaming job");
        try {
            stream = yield submit (COUNTER_CLASS, { "--name", "flinkjob-vala-stream" });
            var status = yield stream.wait_for_status_async ({ Flink.JobStatus.RUNNING }, STATUS_WAIT_S, cancellable);
            var details = yield stream.get_job_details_async (cancellable);
            while (!details.get_all_tasks_running ()) {
                yield sleep_ms (200);
                details = yield stream.get_job_details_async (cancellable);
            }
            ok (status == Flink.JobStatus.RUNNING, "submit a streaming job");
        } catch (Error e) {
            error_out ("submit a streaming job", e);
        }

        string? first_savepoint = null;
        string? stop_savepoint = null;
        if (stream != null) {
            step ("job details");
            try {
                var details = yield stream.get_job_details_async (cancellable);
                var vertices = details.get_vertices ();
                var vertex = (Flink.JobVertex) vertices.get_item (0);
                ok (details.get_name () == "flinkjob-vala-stream" &&
                    details.job_id == stream.job_id &&
                    vertices.get_n_items () >= 1 && vertex.get_parallelism () >= 1,
                    "job details");
            } catch (Error e) {
                error_out ("job details", e);
            }

            step ("job list");
            try {
                var jobs = yield client.list_jobs_async (cancellable);
                bool listed = false;
                for (uint i = 0; i < jobs.get_n_items (); i++)
                    listed |= ((Flink.JobOverview) jobs.get_item (i)).get_job_id () == stream.get_job_id ();
                ok (listed, "job list");
            } catch (Error e) {
                error_out ("job list", e);
            }

            step ("accumulators");
            try {
                ok ((yield wait_for_records (stream, 0)) > 0, "accumulators");
            } catch (Error e) {
                error_out ("accumulators", e);
            }

            step ("trigger a savepoint");
            try {
                var dir = work_dir ("savepoints");
                first_savepoint = yield stream.trigger_savepoint_async (dir, Flink.SavepointFormat.NATIVE, cancellable);
                ok (savepoint_on_disk (first_savepoint) && local_path (first_savepoint).has_prefix (dir),
                    "trigger a savepoint", first_savepoint);
            } catch (Error e) {
                error_out ("trigger a savepoint", e);
            }

            step ("start a savepoint, await it through its handle");
            try {
                var handle = yield stream.start_savepoint_async (work_dir ("handle-savepoints"),
                                                                 Flink.SavepointFormat.CANONICAL, cancellable);
                var again = new Flink.OperationHandle.from_string (handle.to_string ());
                var location = yield client.await_savepoint_async (again, cancellable);
                ok (handle.kind == Flink.OperationKind.SAVEPOINT && again.job_id == stream.job_id &&
                    savepoint_on_disk (location), "start a savepoint, await it through its handle", location);
            } catch (Error e) {
                error_out ("start a savepoint, await it through its handle", e);
            }

            step ("checkpoints");
            try {
                var first = yield stream.trigger_checkpoint_async (Flink.CheckpointType.CONFIGURED, cancellable);
                var handle = yield stream.start_checkpoint_async (Flink.CheckpointType.FULL, cancellable);
                var second = yield client.await_checkpoint_async (handle, cancellable);
                ok (first > 0 && second > first, "checkpoints", "%llu, %llu".printf (first, second));
            } catch (Error e) {
                error_out ("checkpoints", e);
            }

            /* The main cluster runs the default scheduler: no resource
             * requirements there, clearly (tests/test-rescale.c rescales). */
            step ("resource requirements need the adaptive scheduler");
            try {
                var details = yield stream.get_job_details_async (cancellable);
                var vertex = (Flink.JobVertex) details.get_vertices ().get_item (0);
                var requirements = new Flink.JobResourceRequirements ();
                requirements.set_parallelism (vertex.get_id (), 1, 2);
                uint lower, upper;
                bool named = requirements.get_parallelism (vertex.get_id (), out lower, out upper);
                try {
                    yield stream.get_resource_requirements_async (cancellable);
                    ok (false, "resource requirements need the adaptive scheduler", "read them");
                } catch (Flink.Error.NOT_SUPPORTED e) {
                    try {
                        yield stream.set_resource_requirements_async (requirements, cancellable);
                        ok (false, "resource requirements need the adaptive scheduler", "set them");
                    } catch (Flink.Error.NOT_SUPPORTED e2) {
                        ok (named && lower == 1 && upper == 2 &&
                            requirements.get_vertex_ids ().length == 1 &&
                            e.message.contains (stream.job_id) && e2.message.contains ("adaptive"),
                            "resource requirements need the adaptive scheduler", e2.message);
                    }
                }
            } catch (Error e) {
                error_out ("resource requirements need the adaptive scheduler", e);
            }

            step ("stop with savepoint");
            try {
                stop_savepoint = yield stream.stop_with_savepoint_async (false, work_dir ("stop-savepoints"),
                                                                        Flink.SavepointFormat.CANONICAL, cancellable);
                var finished = yield wait_for_status (stream, Flink.JobStatus.FINISHED);
                var result = yield stream.get_job_execution_result_async (cancellable);
                ok (savepoint_on_disk (stop_savepoint) && finished &&
                    result.application_status == Flink.ApplicationStatus.SUCCEEDED,
                    "stop with savepoint", stop_savepoint);
            } catch (Error e) {
                error_out ("stop with savepoint", e);
            }

            step ("cancel a finished job");
            try {
                yield stream.cancel_async (cancellable);
                ok (false, "cancel a finished job", "no error");
            } catch (Flink.Error.CONFLICT e) {
                ok (e.message.contains (stream.get_job_id ()), "cancel a finished job", e.message);
            } catch (Error e) {
                error_out ("cancel a finished job", e);
            }
        }

        /* Restore from the savepoint, then cancel. */
        if (stop_savepoint != null) {
            step ("restore from the savepoint and cancel");
            try {
                var restored = yield submit (COUNTER_CLASS, null, stop_savepoint);
                var running = yield wait_for_status (restored, Flink.JobStatus.RUNNING);
                var cancelled = yield restored.cancel_async (cancellable);
                var canceled = yield wait_for_status (restored, Flink.JobStatus.CANCELED);
                ok (running && cancelled && canceled, "restore from the savepoint and cancel");
            } catch (Error e) {
                error_out ("restore from the savepoint and cancel", e);
            }
        }

        /* A bounded job's result and accumulators. */
        step ("bounded job result");
        try {
            var job = yield submit (BOUNDED_CLASS);
            var result = yield job.get_job_execution_result_async (cancellable);
            int64 records = -1, sum = -1;
            double average = 0;
            var accumulators = result.get_accumulators ();
            for (uint i = 0; i < accumulators.get_n_items (); i++) {
                var item = (Flink.Accumulator) accumulators.get_item (i);
                if (item.name == "records")
                    records = item.get_int64 ();
                else if (item.name == "sum")
                    sum = item.get_int64 ();
                else if (item.name == "average")
                    average = item.get_double ();
            }
            ok (result.get_application_status () == Flink.ApplicationStatus.SUCCEEDED &&
                records == 1000 && sum == 500500 && (average - 500.5).abs () < 1e-9,
                "bounded job result");
        } catch (Error e) {
            error_out ("bounded job result", e);
        }

        /* A failing job's root cause. */
        step ("failing job result");
        try {
            var job = yield submit (FAILING_CLASS);
            var result = yield job.get_job_execution_result_async (cancellable);
            var history = yield job.get_exception_history_async (0, cancellable);
            var entry = (Flink.ExceptionInfo) history.get_item (0);
            ok (result.get_application_status () == Flink.ApplicationStatus.FAILED &&
                result.get_root_cause_class () == EXPECTED_FAILURE &&
                result.get_root_cause_message () == "flinkjob test failure" &&
                entry.root_cause_class == EXPECTED_FAILURE &&
                entry.get_concurrent_exceptions ().get_n_items () >= 1,
                "failing job result", result.get_root_cause_class ());
        } catch (Error e) {
            error_out ("failing job result", e);
        }

        /* Jars: upload, list, run with a job id, delete. */
        step ("upload, list, run and delete a jar");
        try {
            var jar_id = yield client.upload_jar_async (jobs_jar (), cancellable);
            var jars = yield client.list_jars_async (cancellable);
            Flink.Jar? jar = null;
            for (uint i = 0; i < jars.get_n_items (); i++) {
                var item = (Flink.Jar) jars.get_item (i);
                if (item.get_id () == jar_id)
                    jar = item;
            }
            var job_id = Uuid.string_random ().replace ("-", "");
            var options = new Flink.RunOptions ();
            options.entry_class = BOUNDED_CLASS;
            options.job_id = job_id;
            options.parallelism = 1;
            var job = yield client.run_jar_async (jar_id, options, cancellable);
            started.add (job);
            var result = yield job.get_job_execution_result_async (cancellable);
            var deleted = yield client.delete_jar_async (jar_id, cancellable);
            ok (jar != null && COUNTER_CLASS in jar.get_entry_classes () &&
                job.get_job_id () == job_id &&
                result.get_application_status () == Flink.ApplicationStatus.SUCCEEDED && deleted,
                "upload, list, run and delete a jar");
        } catch (Error e) {
            error_out ("upload, list, run and delete a jar", e);
        }

        /* Dispose of the first savepoint. */
        if (first_savepoint != null) {
            step ("dispose of a savepoint");
            try {
                var disposed = yield client.dispose_savepoint_async (first_savepoint, cancellable);
                ok (disposed && !FileUtils.test (local_path (first_savepoint), FileTest.EXISTS),
                    "dispose of a savepoint");
            } catch (Error e) {
                error_out ("dispose of a savepoint", e);
            }
        }

        /* Errors. */
        var unknown = string.nfill (32, 'f');
        step ("unknown job");
        try {
            var job = client.get_job_client (unknown);
            yield job.get_job_status_async (cancellable);
            ok (false, "unknown job", "no error");
        } catch (Flink.Error.NOT_FOUND e) {
            ok (e.message.contains (unknown) && e.message.contains (url), "unknown job", e.message);
        } catch (Error e) {
            error_out ("unknown job", e);
        }

        try {
            client.get_job_client ("not-a-job-id");
            ok (false, "malformed job id", "no error");
        } catch (Flink.Error.INVALID_ARGUMENT e) {
            ok (true, "malformed job id");
        } catch (Error e) {
            error_out ("malformed job id", e);
        }

        /* A cancelled wait: IOError.CANCELLED, the job keeps running. */
        step ("cancelled wait");
        try {
            var job = yield submit (COUNTER_CLASS);
            yield wait_for_status (job, Flink.JobStatus.RUNNING);
            var cancel_soon = new Cancellable ();
            Timeout.add (300, () => {
                cancel_soon.cancel ();
                return Source.REMOVE;
            });
            try {
                yield job.get_job_execution_result_async (cancel_soon);
                ok (false, "cancelled wait", "no error");
            } catch (IOError.CANCELLED e) {
                ok ((yield job.get_job_status_async (cancellable)) == Flink.JobStatus.RUNNING, "cancelled wait");
            }
            yield job.cancel_async (cancellable);
            yield wait_for_status (job, Flink.JobStatus.CANCELED);
        } catch (Error e) {
            error_out ("cancelled wait", e);
        }

        /* Cancel whatever still runs. */
        step ("the leftover jobs to be cancelled");
        foreach (var job in started.data) {
            try {
                var status = yield job.get_job_status_async (cancellable);
                if (!status.is_globally_terminal ()) {
                    print ("# cancelling leftover job %s\n", job.get_job_id ());
                    yield job.cancel_async (cancellable);
                    yield wait_for_status (job, Flink.JobStatus.CANCELED);
                }
            } catch (Error e) {
                print ("# %s\n", e.message);
            }
        }

        end_step ();
        print ("1..%d\n", number);
        return failed == 0 ? 0 : 1;
    }
}

int main (string[] args) {
    var url = Environment.get_variable ("FLINK_REST_URL");
    if (url == null || url == "") {
        if (Environment.get_variable ("FLINKJOB_REQUIRE_CLUSTER") == "1") {
            print ("1..1\nnot ok 1 - FLINKJOB_REQUIRE_CLUSTER=1 but FLINK_REST_URL is not set\n");
            return 1;
        }
        print ("1..0 # SKIP no Flink cluster: set FLINK_REST_URL, or run through tests/flink/flink-harness.py run\n");
        return 0;
    }
    if (url.has_suffix ("/"))
        url = url.substring (0, url.length - 1);

    var loop = new MainLoop ();
    var test = new TestFlink (url);
    int status = 1;
    test.run.begin ((obj, res) => {
        status = test.run.end (res);
        loop.quit ();
    });
    loop.run ();
    return status;
}
