# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later

"""Tests of flinkjob cluster start, cluster stop and run-application: the
commands that deploy Flink on this machine.

Suite "deploy": no harness cluster; each test deploys its own from the Flink
distribution in FLINK_HOME, one at a time. Needs:

  FLINKJOB_CLI            the built tool (set by tests/cli/meson.build)
  FLINK_HOME              a Flink distribution (flink-harness.py install)
  FLINKJOB_TEST_JOBS_JAR  the jar of data/jobs (flink-harness.py build-jobs)

Without them the tests that deploy are skipped (failed when
FLINKJOB_REQUIRE_DEPLOY=1); the usage errors still run. Every cluster is
stopped at the end, whatever happens.
"""

import configparser
import json
import os
import signal
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_NOT_FOUND = 0, 1, 2, 3
EXIT_DEPLOY_FAILED = 6

FLINK_ERROR = "flink-error-quark"
OPTION_ERROR = "g-option-context-error-quark"
BOUNDED = "org.flinkjob.testjobs.BoundedCount"
FAILING = "org.flinkjob.testjobs.FailingJob"

CLI = os.environ.get("FLINKJOB_CLI")
if not CLI:
    candidate = Path(__file__).resolve().parents[2] / "_build" / "tools" / "flinkjob"
    CLI = str(candidate) if candidate.exists() else None
if CLI is None:
    pytest.skip("the flinkjob tool is not built: set FLINKJOB_CLI",
                allow_module_level=True)

FLINK_HOME = os.environ.get("FLINK_HOME")
JAR = os.environ.get("FLINKJOB_TEST_JOBS_JAR")
if (not FLINK_HOME or not JAR) and os.environ.get("FLINKJOB_REQUIRE_DEPLOY") == "1":
    pytest.fail("FLINKJOB_REQUIRE_DEPLOY=1 but FLINK_HOME or FLINKJOB_TEST_JOBS_JAR "
                "is not set", pytrace=False)
needs_flink = pytest.mark.skipif(not FLINK_HOME or not JAR,
                                 reason="no FLINK_HOME and FLINKJOB_TEST_JOBS_JAR")

# How long a deployment may take on a loaded machine.
DEPLOY_TIMEOUT = 300

# Work directories of the clusters started here, stopped at the end.
CLUSTERS = []


@pytest.fixture(scope="module", autouse=True)
def stop_every_cluster():
    yield
    for cluster_id in CLUSTERS:
        subprocess.run([CLI, "cluster", "stop", cluster_id], capture_output=True,
                       timeout=120, check=False)


def flinkjob(*args, json_out=True, expect=EXIT_OK, timeout=DEPLOY_TIMEOUT):
    argv = [CLI] + (["--json"] if json_out else []) + [str(a) for a in args]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)
    if expect is not None:
        assert proc.returncode == expect, (argv, proc.stdout, proc.stderr)
    return proc


def error_of(proc, domain, exit_code):
    document = json.loads(proc.stdout)
    error = document["error"]
    assert error["domain"] == domain, proc
    assert error["exit_code"] == exit_code == proc.returncode
    assert proc.stderr.startswith("flinkjob: ")
    return error


def new_work_dir(name):
    """A work directory for a cluster, which is also its id."""
    path = tempfile.mkdtemp(prefix=f"flinkjob-cli-{name}-")
    CLUSTERS.append(path)
    return path


def jvms_of(cluster_id):
    """The pids of processes whose command line names the work directory."""
    marker = (cluster_id.rstrip("/") + "/").encode()
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker in (entry / "cmdline").read_bytes():
                pids.append(int(entry.name))
        except OSError:
            pass
    return pids


def port_free(url):
    port = urlparse(url).port
    with socket.socket() as sock:
        # Connections of the stopped cluster may linger in TIME_WAIT.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def assert_gone(cluster_id, url, timeout=120):
    """No JVM of the cluster runs and its port is free, within the deadline."""
    deadline = time.monotonic() + timeout
    while jvms_of(cluster_id) or not port_free(url):
        assert time.monotonic() < deadline, \
            f"cluster {cluster_id} still runs: {jvms_of(cluster_id)}"
        time.sleep(0.5)


# ---- Errors that need no Flink ----------------------------------------------

@pytest.mark.parametrize("action", ["start", "stop"])
def test_help(action):
    proc = flinkjob("cluster", action, "--help", json_out=False)
    assert proc.stdout.startswith(f"Usage:\n  flinkjob cluster {action}"), proc.stdout
    assert "6 cluster not deployed" in proc.stdout
    assert "[start | stop CLUSTER_ID]" in flinkjob("help", "cluster", json_out=False).stdout


def test_usage_errors():
    proc = flinkjob("cluster", "start", "--taskmanagers", "0", expect=EXIT_USAGE)
    assert "--taskmanagers" in error_of(proc, OPTION_ERROR, EXIT_USAGE)["message"]
    proc = flinkjob("cluster", "start", "-D", "no-equals-sign", expect=EXIT_USAGE)
    assert "KEY=VALUE" in error_of(proc, OPTION_ERROR, EXIT_USAGE)["message"]
    flinkjob("cluster", "stop", expect=EXIT_USAGE)
    flinkjob("run-application", expect=EXIT_USAGE)


def test_not_flink(tmp_path):
    proc = flinkjob("cluster", "start", "--flink-home", tmp_path, expect=EXIT_DEPLOY_FAILED)
    error = error_of(proc, FLINK_ERROR, EXIT_DEPLOY_FAILED)
    assert "not a Flink distribution" in error["message"]
    proc = flinkjob("run-application", "/nonexistent.jar", "--flink-home", tmp_path,
                    expect=EXIT_DEPLOY_FAILED)
    error_of(proc, FLINK_ERROR, EXIT_DEPLOY_FAILED)


def test_stop_unknown(tmp_path):
    proc = flinkjob("cluster", "stop", tmp_path / "nothing", expect=EXIT_NOT_FOUND)
    assert "nothing" in error_of(proc, FLINK_ERROR, EXIT_NOT_FOUND)["message"]


@needs_flink
def test_missing_jar():
    proc = flinkjob("run-application", "/nonexistent/job.jar", "--class", BOUNDED,
                    expect=EXIT_DEPLOY_FAILED)
    assert "/nonexistent/job.jar" in error_of(proc, FLINK_ERROR, EXIT_DEPLOY_FAILED)["message"]


# ---- Session clusters -------------------------------------------------------

@needs_flink
def test_start_detached_and_stop():
    work_dir = new_work_dir("session")
    started = flinkjob("cluster", "start", "--detach", "--taskmanagers", 2, "--slots", 2,
                       "--work-dir", work_dir, "-D", "parallelism.default=4").stdout
    document = json.loads(started)
    assert set(document) == {"url", "cluster_id", "flink_version", "detached"}
    assert document["cluster_id"] == work_dir
    assert document["detached"] is True
    url = document["url"]

    # Another process (this one) retrieves it: 2 TaskManagers x 2 slots.
    overview = json.loads(flinkjob("--url", url, "cluster").stdout)
    assert overview["taskmanagers"] == 2
    assert overview["slots_total"] == 4
    assert overview["flink_version"] == document["flink_version"]
    assert len(jvms_of(work_dir)) == 3

    stopped = json.loads(flinkjob("cluster", "stop", work_dir).stdout)
    assert stopped == {"cluster_id": work_dir, "url": url, "ok": True}
    assert_gone(work_dir, url)
    # Stopping it again is no error.
    text = flinkjob("cluster", "stop", work_dir, json_out=False).stdout
    assert text == f"Stopped cluster {work_dir}.\n"


@contextmanager
def attached_cluster(name):
    """`flinkjob cluster start` without --detach, running: (the tool's
    process, the cluster's id, its URL). The tool is killed at the end."""
    work_dir = new_work_dir(name)
    proc = subprocess.Popen([CLI, "cluster", "start", "--work-dir", work_dir],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL)
    try:
        # The URL alone on stdout, once the cluster is up.
        url = proc.stdout.readline().strip()
        assert url.startswith("http://"), proc.stderr.read() if proc.poll() is not None else url
        assert jvms_of(work_dir)
        yield proc, work_dir, url
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@needs_flink
def test_start_attached_until_interrupted():
    with attached_cluster("attached") as (proc, work_dir, url):
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=120) == EXIT_OK
        assert f"Stopped cluster {work_dir}." in proc.stderr.read()
        assert_gone(work_dir, url)


@needs_flink
def test_start_attached_tool_killed():
    """SIGKILL gives the tool no chance to stop anything: the cluster goes
    with it all the same."""
    with attached_cluster("killed") as (proc, work_dir, url):
        proc.kill()
        proc.wait(timeout=30)
        assert_gone(work_dir, url)


@needs_flink
def test_start_attached_jobmanager_dies():
    """A JobManager that dies ends an attached cluster start: the
    TaskManagers are stopped, the error names the JobManager's log."""
    with attached_cluster("jm-dies") as (proc, work_dir, url):
        record = configparser.ConfigParser(interpolation=None)
        record.read(Path(work_dir) / "cluster.ini")
        os.kill(int(record["process jobmanager"]["pid"]), signal.SIGKILL)
        assert proc.wait(timeout=120) == EXIT_FAILED
        assert f"{work_dir}/log/jobmanager.log" in proc.stderr.read()
        assert_gone(work_dir, url)


# ---- Application clusters ---------------------------------------------------

@needs_flink
def test_run_application():
    work_dir = new_work_dir("application")
    proc = flinkjob("run-application", JAR, "--class", BOUNDED, "--work-dir", work_dir,
                    "--", "--name", "flinkjob-cli-run-application")
    document = json.loads(proc.stdout)
    assert document["cluster_id"] == work_dir
    assert document["application_status"] == "SUCCEEDED"
    assert document["failure"] is None
    accumulators = {a["name"]: a["value"] for a in document["accumulators"]}
    assert accumulators["records"] == "1000"
    assert accumulators["sum"] == "500500"
    # The cluster went with its job.
    assert_gone(work_dir, document["url"])


@needs_flink
def test_run_application_failing():
    work_dir = new_work_dir("failing")
    proc = flinkjob("run-application", JAR, "--class", FAILING, "--work-dir", work_dir,
                    expect=EXIT_FAILED)
    document = json.loads(proc.stdout)
    assert document["application_status"] == "FAILED"
    assert document["failure"] is not None
    assert_gone(work_dir, document["url"])


@needs_flink
def test_run_application_detached():
    work_dir = new_work_dir("detached")
    # The TaskManager outlives the JobManager by its registration timeout
    # (flinkjob sets 2 minutes): shorter here, for the test's sake.
    proc = flinkjob("run-application", "--detach", JAR, "--class", BOUNDED,
                    "--work-dir", work_dir, "-D", "taskmanager.registration.timeout=45 s")
    document = json.loads(proc.stdout)
    assert set(document) == {"cluster_id", "url", "job_id"}
    assert len(document["job_id"]) == 32
    # Detached, Flink stops the cluster itself when the job has ended.
    assert_gone(work_dir, document["url"], timeout=180)
