#!/usr/bin/python3
"""Submit a job, take a savepoint, stop it with another.

    flinkjob-example.py JAR ENTRY_CLASS [SAVEPOINT_DIR]

The cluster is $FLINK_REST_URL (default http://localhost:8081); without
SAVEPOINT_DIR savepoints go to the cluster's state.savepoints.dir.
Runs under Debian's /usr/bin/python3, whose gi module is PyGObject.
"""
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import sys
import time

import gi

gi.require_version("Flink", "1.0")
from gi.repository import Flink, Gio, GLib  # noqa: E402


def run(obj, verb, *args):
    """Call obj.verb_async(*args, None, callback), run a main loop until the
    callback, and return obj.verb_finish(result): PyGObject 3.42 cannot
    await a GTask, so this turns each _async/_finish pair into one call."""
    loop, results = GLib.MainLoop(), []
    getattr(obj, verb + "_async")(*args, None, lambda _obj, result: (results.append(result), loop.quit()))
    loop.run()
    return getattr(obj, verb + "_finish")(results[0])


def main(jar, entry_class, directory=None):
    url = os.environ.get("FLINK_REST_URL", "http://localhost:8081")
    descriptor = Flink.ClusterDescriptor.new_for_url(url)
    client = run(descriptor, "retrieve")
    print(f"Connected to Flink {client.get_flink_version()} at {url}")

    options = Flink.RunOptions(entry_class=entry_class)
    job = run(client, "submit_jar", Gio.File.new_for_commandline_arg(jar), options)
    print(f"Submitted job {job.get_job_id()}")

    # Wait until the job is RUNNING (120 s at most), then until all its tasks
    # are: a savepoint needs them, and a job is RUNNING as soon as its first
    # task is scheduled.
    run(job, "wait_for_status", [Flink.JobStatus.RUNNING], 120)
    while not run(job, "get_job_details").get_all_tasks_running():
        time.sleep(0.2)
    print("Job is RUNNING")

    savepoint = run(job, "trigger_savepoint", directory, Flink.SavepointFormat.CANONICAL)
    print(f"Savepoint: {savepoint}")
    final_savepoint = run(job, "stop_with_savepoint", False, directory, Flink.SavepointFormat.CANONICAL)
    print(f"Stopped with savepoint: {final_savepoint}")

    result = run(job, "get_job_execution_result")
    status = Flink.ApplicationStatus.to_string(result.props.application_status)
    print(f"Result: {status} after {result.props.net_runtime} ms")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(f"usage: {sys.argv[0]} JAR ENTRY_CLASS [SAVEPOINT_DIR]")
    try:
        main(*sys.argv[1:4])
    except GLib.Error as error:            # every failure is a GLib.Error in Flink.Error
        sys.exit(error.message)
