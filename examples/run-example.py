#!/usr/bin/python3
"""Run one of the examples against the test cluster and check what it did.

    run-example.py NAME COMMAND...

Appends the test jobs' jar, org.flinkjob.testjobs.CounterStream and a
savepoint directory to COMMAND, runs it, and checks that it printed a job id,
two savepoints that exist on disk and a SUCCEEDED result. The cluster is the
one tests/flink/flink-harness.py run started (FLINK_REST_URL,
FLINKJOB_TEST_JOBS_JAR, FLINKJOB_TEST_WORKDIR). Without FLINK_REST_URL it
skips (exit 77) unless FLINKJOB_REQUIRE_CLUSTER=1. A job the example leaves
running is cancelled.
"""
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

ENTRY_CLASS = "org.flinkjob.testjobs.CounterStream"
SKIP = 77


def local_path(location):
    return urllib.parse.urlparse(location).path if location.startswith("file:") else location


def cancel_if_running(url, job_id):
    try:
        with urllib.request.urlopen(f"{url}/jobs/{job_id}/status", timeout=10) as answer:
            status = json.load(answer).get("status")
        if status not in ("FINISHED", "CANCELED", "FAILED"):
            print(f"cancelling job {job_id}, left {status}")
            request = urllib.request.Request(f"{url}/jobs/{job_id}?mode=cancel", method="PATCH")
            urllib.request.urlopen(request, timeout=10).close()
    except OSError as error:
        print(f"could not check job {job_id}: {error}")


def main(name, command):
    url = os.environ.get("FLINK_REST_URL")
    if not url:
        if os.environ.get("FLINKJOB_REQUIRE_CLUSTER") == "1":
            print("FLINKJOB_REQUIRE_CLUSTER=1 but FLINK_REST_URL is not set")
            return 1
        print("no Flink cluster: set FLINK_REST_URL, or run through tests/flink/flink-harness.py run")
        return SKIP
    jar = os.environ.get("FLINKJOB_TEST_JOBS_JAR")
    if not jar:
        print("FLINKJOB_TEST_JOBS_JAR is not set")
        return 1
    base = os.environ.get("FLINKJOB_TEST_WORKDIR") or tempfile.mkdtemp()
    directory = os.path.join(base, f"example-{name}-savepoints")

    argv = command + [jar, ENTRY_CLASS, directory]
    print("running:", " ".join(argv))
    try:
        run = subprocess.run(argv, capture_output=True, text=True, timeout=600)
        out, err, code = run.stdout, run.stderr, run.returncode
    except subprocess.TimeoutExpired as timeout:
        out, err, code = timeout.stdout or "", timeout.stderr or "", "timeout"
        out = out.decode() if isinstance(out, bytes) else out
        err = err.decode() if isinstance(err, bytes) else err
    print(out, end="")
    print(err, end="", file=sys.stderr)

    job = re.search(r"^Submitted job ([0-9a-f]{32})$", out, re.M)
    if job:
        cancel_if_running(url.rstrip("/"), job.group(1))

    problems = []
    if code != 0:
        problems.append(f"exit status {code}")
    if not job:
        problems.append("no 'Submitted job ID' line")
    for label in ("Savepoint", "Stopped with savepoint"):
        found = re.search(rf"^{label}: (\S+)$", out, re.M)
        if not found:
            problems.append(f"no '{label}: LOCATION' line")
        elif not os.path.isfile(os.path.join(local_path(found.group(1)), "_metadata")):
            problems.append(f"{label}: {found.group(1)} is not a savepoint on disk")
        elif not local_path(found.group(1)).startswith(directory):
            problems.append(f"{label}: {found.group(1)} is not in {directory}")
    if not re.search(r"^Result: SUCCEEDED after \d+ ms$", out, re.M):
        problems.append("no 'Result: SUCCEEDED after N ms' line")
    for problem in problems:
        print(f"FAILED: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(f"usage: {sys.argv[0]} NAME COMMAND...")
    sys.exit(main(sys.argv[1], sys.argv[2:]))
