# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later

"""Tests of the flinkjob command-line tool against a real Flink cluster.

Run by meson (suite "cli") through tests/flink/flink-harness.py, which starts
a session cluster and exports:

  FLINKJOB_CLI            the built tool (set by tests/cli/meson.build)
  FLINK_REST_URL          the cluster's REST URL
  FLINKJOB_TEST_JOBS_JAR  the jar of data/jobs (CounterStream, BoundedCount,
                          FailingJob)
  FLINKJOB_SAVEPOINT_DIR  the cluster's state.savepoints.dir (a local path)
  FLINKJOB_TEST_WORKDIR   the cluster's work directory

Without FLINK_REST_URL the tests that need a cluster are skipped (failed when
FLINKJOB_REQUIRE_CLUSTER=1); the others (help, usage errors, unreachable and
silent clusters) still run.

Every command runs in human and --json form; the JSON is parsed and checked
field by field (schema: docs/cli-json.md), and so is every exit code. The
tests run in file order and share the jobs they start (the cluster's one
TaskManager has two slots: never more than two jobs run at once); every job
started is cancelled at the end.
"""

import json
import os
import pty
import re
import select
import shutil
import signal
import socket
import subprocess
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse, unquote

import pytest

# ---------------------------------------------------------------------------
# Set-up
# ---------------------------------------------------------------------------

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_NOT_FOUND = 0, 1, 2, 3
EXIT_UNREACHABLE, EXIT_TIMED_OUT, EXIT_INTERRUPTED = 4, 5, 130

COUNTER = "org.flinkjob.testjobs.CounterStream"
BOUNDED = "org.flinkjob.testjobs.BoundedCount"
FAILING = "org.flinkjob.testjobs.FailingJob"

JOB_ID = re.compile(r"^[0-9a-f]{32}$")
UNKNOWN_JOB = "f" * 32
JOB_STATUSES = {"INITIALIZING", "CREATED", "RUNNING", "FAILING", "FAILED",
                "CANCELLING", "CANCELED", "FINISHED", "RESTARTING",
                "SUSPENDED", "RECONCILING"}
EXECUTION_STATES = {"CREATED", "SCHEDULED", "DEPLOYING", "RUNNING", "FINISHED",
                    "CANCELING", "CANCELED", "FAILED", "RECONCILING",
                    "INITIALIZING"}
COMMANDS = ["list", "status", "info", "cancel", "savepoint", "stop",
            "accumulators", "result", "wait", "submit", "dispose-savepoint",
            "cluster", "jars", "rescale", "run-application"]

REPO = Path(__file__).resolve().parents[2]


def find_cli():
    """The tool: $FLINKJOB_CLI, else a build directory's tools/flinkjob."""
    explicit = os.environ.get("FLINKJOB_CLI")
    if explicit:
        return explicit
    for build in ("_build", "build", "builddir"):
        candidate = REPO / build / "tools" / "flinkjob"
        if candidate.exists():
            return str(candidate)
    return None


CLI = find_cli()
if CLI is None:
    pytest.skip("the flinkjob tool is not built: set FLINKJOB_CLI",
                allow_module_level=True)

URL = os.environ.get("FLINK_REST_URL") or None
REQUIRE = os.environ.get("FLINKJOB_REQUIRE_CLUSTER") == "1"
if URL is None and REQUIRE:
    pytest.fail("FLINKJOB_REQUIRE_CLUSTER=1 but FLINK_REST_URL is not set: "
                "run through tests/flink/flink-harness.py run", pytrace=False)
JAR = os.environ.get("FLINKJOB_TEST_JOBS_JAR")
SAVEPOINT_DIR = os.environ.get("FLINKJOB_SAVEPOINT_DIR")
WORKDIR = os.environ.get("FLINKJOB_TEST_WORKDIR")

needs_cluster = pytest.mark.skipif(
    URL is None,
    reason="no Flink cluster: run through "
           "tests/flink/flink-harness.py run -- meson test --suite cli")

# Jobs this suite started, cancelled at the end.
STARTED = []
# What the tests in order hand on to each other.
STATE = {}


class Result:
    """What a run of the tool gave."""

    def __init__(self, args, proc, elapsed):
        self.args = args
        self.rc = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr
        self.elapsed = elapsed

    @property
    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return (f"flinkjob {' '.join(self.args)} -> {self.rc}\n"
                f"stdout: {self.out!r}\nstderr: {self.err!r}")


def flinkjob(*args, url=None, json_out=False, env=None, timeout=180,
             expect=EXIT_OK):
    """Run the tool with --url (the cluster's by default) and check its exit
    code is `expect` (None: any)."""
    argv = [CLI]
    if url is not False:
        argv += ["--url", url or URL]
    if json_out:
        argv.append("--json")
    argv += [str(a) for a in args]
    full_env = dict(os.environ)
    full_env.pop("FLINK_CONF_DIR", None)
    full_env.update(env or {})
    started = time.monotonic()
    proc = subprocess.run(argv, capture_output=True, text=True, env=full_env,
                          timeout=timeout, stdin=subprocess.DEVNULL)
    result = Result(argv[1:], proc, time.monotonic() - started)
    if expect is not None:
        assert result.rc == expect, result
    return result


def check_error_json(result, domain, code, exit_code):
    """--json errors: {"error": {"domain", "code", "message", "exit_code"}},
    and the same message on stderr."""
    document = result.json
    assert set(document) == {"error"}
    error = document["error"]
    assert error["domain"] == domain, result
    assert error["code"] == code, result
    assert error["exit_code"] == exit_code == result.rc
    assert isinstance(error["message"], str) and error["message"]
    assert result.err.startswith("flinkjob: "), result
    assert error["message"] in result.err
    return error


FLINK_ERROR = "flink-error-quark"
# FlinkError codes (flinkjob/flink-error.h)
FLINK_ERROR_FAILED, FLINK_ERROR_INVALID_ARGUMENT, FLINK_ERROR_NOT_FOUND = 0, 1, 2
FLINK_ERROR_CONFLICT, FLINK_ERROR_CONNECTION_FAILED = 3, 4
FLINK_ERROR_TIMED_OUT, FLINK_ERROR_OPERATION_FAILED = 5, 9
FLINK_ERROR_NOT_SUPPORTED = 10
OPTION_ERROR = "g-option-context-error-quark"
IO_ERROR, IO_ERROR_CANCELLED = "g-io-error-quark", 19


def submit(entry_class, *extra, json_out=False):
    """Submit a job of the test jar, remember it, return its id."""
    result = flinkjob("submit", JAR, "--class", entry_class, *extra,
                      json_out=json_out)
    job_id = result.json["job_id"] if json_out else result.out.strip()
    assert JOB_ID.match(job_id), result
    STARTED.append(job_id)
    return job_id


def status_of(job_id):
    return flinkjob("status", job_id, json_out=True).json["status"]


def wait_for(job_id, *statuses, timeout=120):
    args = ["wait", job_id]
    for status in statuses:
        args += ["--status", status]
    return flinkjob("--timeout", timeout, *args, json_out=True).json["status"]


def records_of(job_id):
    """The value of the job's "records" accumulator, or -1."""
    document = flinkjob("accumulators", job_id, json_out=True).json
    for accumulator in document["accumulators"]:
        if accumulator["name"] == "records":
            return int(accumulator["value"])
    return -1


def wait_for_records(job_id, minimum, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        value = records_of(job_id)
        if value >= minimum or time.monotonic() > deadline:
            return value
        time.sleep(0.5)


def local_path(location):
    """file:/x, file:///x or /x as a local path."""
    if location.startswith("file:"):
        return Path(unquote(urlparse(location).path))
    return Path(location)


def closed_port():
    """A local TCP port that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module", autouse=True)
def cancel_started_jobs():
    """Cancel every job the suite started, whatever happened."""
    yield
    if URL is None:
        return
    for job_id in STARTED:
        flinkjob("cancel", job_id, expect=None, timeout=60)
    for job_id in STARTED:
        flinkjob("--timeout", 60, "wait", job_id, expect=None, timeout=90)


@pytest.fixture
def silent_server():
    """A TCP server that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted = []
    stop = threading.Event()

    def serve():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                accepted.append(conn)
            except OSError:
                pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    server.close()


# ---------------------------------------------------------------------------
# Without a cluster: help, usage errors, unreachable and silent clusters
# ---------------------------------------------------------------------------

def test_main_help_lists_commands_and_exit_codes():
    result = flinkjob("--help", url=False)
    for command in COMMANDS:
        assert re.search(rf"^  {re.escape(command)}\s", result.out, re.M), command
    for code in ("0", "1", "2", "3", "4", "5", "6", "130"):
        assert re.search(rf"^  {code}\s+\S", result.out, re.M), code
    for option in ("--url", "--config-dir", "--json", "--timeout", "--retries",
                   "--verbose"):
        assert option in result.out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = flinkjob(command, "--help", url=False)
    assert result.out.startswith("Usage:\n  flinkjob " + command), result
    assert "Exit status:" in result.out
    assert flinkjob("help", command, url=False).out == result.out


def test_version():
    result = flinkjob("--version", url=False)
    assert re.match(r"^flinkjob \d+\.\d+\.\d+\n$", result.out)


def test_no_command_is_a_usage_error():
    result = flinkjob(url=False, expect=EXIT_USAGE)
    assert result.out == ""
    assert "Usage:" in result.err


@pytest.mark.parametrize("args", [
    ["frobnicate"],
    ["status"],
    ["status", "--bogus", UNKNOWN_JOB],
    ["status", UNKNOWN_JOB, "extra"],
    ["--timeout", "-1", "status", UNKNOWN_JOB],
    ["--timeout", "soon", "status", UNKNOWN_JOB],
    ["--timeout", "0", "status", UNKNOWN_JOB],
    ["--timeout", "nan", "status", UNKNOWN_JOB],
    ["status", UNKNOWN_JOB, "--timeout", "inf"],
    ["--retries", "-1", "status", UNKNOWN_JOB],
    ["--retries", "1000", "status", UNKNOWN_JOB],
    ["status", UNKNOWN_JOB, "--retries", "two"],
    ["wait", UNKNOWN_JOB, "--status", "SLEEPING"],
    ["wait", UNKNOWN_JOB, "--tasks-running", "--status", "FINISHED"],
    ["stop", UNKNOWN_JOB, "--format", "zip"],
    ["savepoint", UNKNOWN_JOB, "--format", "zip"],
    ["stop", UNKNOWN_JOB, "/a", "/b"],
    ["stop", UNKNOWN_JOB, "/a", "--savepoint-dir", "/b"],
    ["jars", "explode"],
    ["jars", "delete", "../etc"],
    ["submit"],
    ["submit", "/nonexistent/job.jar"],
    ["submit", __file__],
    ["submit", "JAR", "--job-id", "not-an-id"],
    ["submit", "JAR", "--claim-mode", "steal", "--from-savepoint", "/x"],
    ["submit", "JAR", "--parallelism", "-2"],
    ["submit", "JAR", "--parallelism", "0"],
    ["submit", "JAR", "-p", "99999999999"],
    ["rescale", UNKNOWN_JOB, "0"],
    ["rescale", UNKNOWN_JOB, "two"],
    ["rescale", UNKNOWN_JOB, "3..4"],
    ["rescale", UNKNOWN_JOB, "source=2"],
    ["rescale", UNKNOWN_JOB, UNKNOWN_JOB + "=3..2"],
    ["rescale", UNKNOWN_JOB, "--wait"],
], ids=lambda args: " ".join(args))
def test_usage_errors(args, tmp_path):
    if "JAR" in args:
        # A real jar, so that the option is what is wrong.
        jar = tmp_path / "empty.jar"
        jar.write_bytes(b"PK\x03\x04" + bytes(26))
        args = [str(jar) if a == "JAR" else a for a in args]
    # The cluster is never reached: the error comes first.
    url = f"http://127.0.0.1:{closed_port()}"
    result = flinkjob(*args, url=url, expect=EXIT_USAGE)
    assert result.out == ""
    assert result.err.startswith("flinkjob: ")
    result = flinkjob(*args, url=url, json_out=True, expect=EXIT_USAGE)
    error = result.json["error"]
    assert error["exit_code"] == EXIT_USAGE
    assert error["domain"] in (OPTION_ERROR, FLINK_ERROR)
    if error["domain"] == FLINK_ERROR:
        assert error["code"] == FLINK_ERROR_INVALID_ARGUMENT


@pytest.mark.parametrize("args, message", [
    (["--timeout", "0"], "--timeout must be a number of seconds greater than 0"),
    (["--timeout", "-2.5"], "--timeout must be a number of seconds greater than 0"),
    (["--timeout", "nan"], "--timeout must be a number of seconds greater than 0"),
    (["--timeout", "inf"], "--timeout must be a number of seconds greater than 0"),
    (["--timeout", "-inf"], "--timeout must be a number of seconds greater than 0"),
    (["--timeout", "1e999"], "--timeout must be a number of seconds greater than 0"),
    (["--retries", "1000"], "--retries must be a whole number from 0 to 999"),
    (["submit", "JAR", "--parallelism", "0"],
     "--parallelism must be a whole number of at least 1"),
    (["submit", "JAR", "--parallelism=-1"],
     "--parallelism must be a whole number of at least 1"),
], ids=lambda x: " ".join(x) if isinstance(x, list) else None)
def test_numbers_are_checked_as_the_messages_say(args, message, tmp_path):
    """Issue 14, item 10: a number that would switch the deadline off or
    that the message refuses is a usage error, before anything is sent."""
    jar = tmp_path / "empty.jar"
    jar.write_bytes(b"PK\x03\x04" + bytes(26))
    args = [str(jar) if a == "JAR" else a for a in args]
    if args[0] != "submit":
        args += ["status", UNKNOWN_JOB]
    url = f"http://127.0.0.1:{closed_port()}"
    result = flinkjob(*args, url=url, expect=EXIT_USAGE)
    assert result.err.startswith(f"flinkjob: {message}, not “"), result
    result = flinkjob(*args, url=url, json_out=True, expect=EXIT_USAGE)
    error = check_error_json(result, OPTION_ERROR, 1, EXIT_USAGE)
    assert error["message"].startswith(message)


def test_a_small_timeout_is_still_a_deadline(silent_server):
    """A timeout below a millisecond is rounded up, not switched off."""
    result = flinkjob("--timeout", "0.0001", "cluster", url=silent_server,
                      expect=EXIT_TIMED_OUT)
    assert "Timed out after 0.0001 s" in result.err


@pytest.mark.parametrize("command", ["status", "info", "cancel", "savepoint",
                                     "stop", "accumulators", "result", "wait",
                                     "rescale"])
def test_malformed_job_id_is_a_usage_error(command):
    url = f"http://127.0.0.1:{closed_port()}"
    result = flinkjob(command, "3f2a-not-a-job", url=url, expect=EXIT_USAGE)
    assert "is not a Flink job id" in result.err
    result = flinkjob(command, "3f2a-not-a-job", url=url, json_out=True,
                      expect=EXIT_USAGE)
    check_error_json(result, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                     EXIT_USAGE)


@pytest.mark.parametrize("args", [
    ["cluster"], ["list"], ["status", UNKNOWN_JOB], ["info", UNKNOWN_JOB],
    ["cancel", UNKNOWN_JOB], ["savepoint", UNKNOWN_JOB], ["stop", UNKNOWN_JOB],
    ["accumulators", UNKNOWN_JOB], ["result", UNKNOWN_JOB],
    ["wait", UNKNOWN_JOB], ["jars"], ["jars", "delete", "x.jar"],
    ["dispose-savepoint", "/tmp/savepoint-x"],
], ids=lambda args: " ".join(args))
def test_unreachable_cluster(args):
    url = f"http://127.0.0.1:{closed_port()}"
    result = flinkjob(*args, url=url, expect=EXIT_UNREACHABLE)
    assert result.out == ""
    assert url in result.err
    # --retries 0: one attempt, no waiting between retries.
    result = flinkjob("--retries", "0", *args, url=url, json_out=True,
                      expect=EXIT_UNREACHABLE)
    assert result.elapsed < 5
    check_error_json(result, FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED,
                     EXIT_UNREACHABLE)


def test_unreachable_submit(tmp_path):
    jar = tmp_path / "job.jar"
    jar.write_bytes(b"PK\x03\x04" + bytes(26))
    url = f"http://127.0.0.1:{closed_port()}"
    result = flinkjob("submit", jar, url=url, json_out=True,
                      expect=EXIT_UNREACHABLE)
    check_error_json(result, FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED,
                     EXIT_UNREACHABLE)


def test_timeout_on_a_silent_cluster(silent_server):
    result = flinkjob("--timeout", "1", "cluster", url=silent_server,
                      expect=EXIT_TIMED_OUT)
    assert result.elapsed < 10
    assert "Timed out after 1 s" in result.err
    result = flinkjob("--timeout", "0.5", "list", url=silent_server,
                      json_out=True, expect=EXIT_TIMED_OUT)
    check_error_json(result, FLINK_ERROR, FLINK_ERROR_TIMED_OUT,
                     EXIT_TIMED_OUT)


def write_config(directory, port, name="config.yaml"):
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(
        f"rest.address: 127.0.0.1\nrest.port: {port}\n")
    return directory


def test_cluster_selection_without_cluster(tmp_path):
    """--url > --config-dir > FLINK_CONF_DIR > http://localhost:8081."""
    a, b = closed_port(), closed_port()
    conf_a = write_config(tmp_path / "a", a)
    conf_b = write_config(tmp_path / "b", b, name="flink-conf.yaml")
    env = {"FLINK_CONF_DIR": str(conf_b)}

    result = flinkjob("cluster", url=False, env=env, expect=EXIT_UNREACHABLE)
    assert f"127.0.0.1:{b}" in result.err
    result = flinkjob("--config-dir", conf_a, "cluster", url=False, env=env,
                      expect=EXIT_UNREACHABLE)
    assert f"127.0.0.1:{a}" in result.err
    other = f"http://127.0.0.1:{closed_port()}"
    result = flinkjob("--config-dir", conf_a, "cluster", url=other, env=env,
                      expect=EXIT_UNREACHABLE)
    assert other in result.err
    # A configuration that cannot be read is a usage error.
    flinkjob("--config-dir", tmp_path / "missing", "cluster", url=False,
             expect=EXIT_USAGE)
    # Nothing given: Flink's default.
    result = flinkjob("cluster", url=False, json_out=True, expect=None)
    if result.rc != EXIT_OK:
        assert result.rc == EXIT_UNREACHABLE
        assert "http://localhost:8081" in result.err
    else:
        assert result.json["url"] == "http://localhost:8081"


# ---------------------------------------------------------------------------
# Against the cluster
# ---------------------------------------------------------------------------

@needs_cluster
def test_cluster():
    result = flinkjob("cluster")
    assert re.search(rf"^URL:\s+{re.escape(URL)}$", result.out, re.M)
    assert re.search(r"^Flink version:\s+\d+\.\d+", result.out, re.M)
    assert re.search(r"^TaskManagers:\s+1$", result.out, re.M)
    assert re.search(r"^Task slots:\s+\d+ available of \d+$", result.out, re.M)
    assert re.search(r"^Jobs:\s+\d+ running, \d+ finished, \d+ cancelled, "
                     r"\d+ failed$", result.out, re.M)

    document = flinkjob("cluster", json_out=True).json
    assert set(document) == {"url", "flink_version", "flink_revision",
                             "taskmanagers", "slots_total", "slots_available",
                             "jobs_running", "jobs_finished", "jobs_cancelled",
                             "jobs_failed"}
    assert document["url"] == URL
    if os.environ.get("FLINK_VERSION"):
        assert document["flink_version"] == os.environ["FLINK_VERSION"]
    assert isinstance(document["flink_revision"], str)
    assert document["taskmanagers"] == 1
    assert document["slots_total"] >= 2
    assert 0 <= document["slots_available"] <= document["slots_total"]
    for key in ("jobs_running", "jobs_finished", "jobs_cancelled",
                "jobs_failed"):
        assert isinstance(document[key], int) and document[key] >= 0


@needs_cluster
def test_cluster_selection_with_config(tmp_path):
    port = urlparse(URL).port
    conf = write_config(tmp_path / "conf", port)
    document = flinkjob("--config-dir", conf, "cluster", url=False,
                        json_out=True).json
    assert document["url"] == URL
    document = flinkjob("cluster", url=False, json_out=True,
                        env={"FLINK_CONF_DIR": str(conf)}).json
    assert document["url"] == URL
    # --url wins over the configuration.
    wrong = write_config(tmp_path / "wrong", closed_port())
    document = flinkjob("--config-dir", wrong, "cluster", json_out=True).json
    assert document["url"] == URL


@needs_cluster
def test_submit_and_wait_running():
    job_id = submit(COUNTER)
    STATE["job"] = job_id
    result = flinkjob("wait", job_id, "--status", "running", "--timeout", 120)
    assert result.out == "RUNNING\n"
    document = flinkjob("wait", job_id, "--status", "CREATED,RUNNING",
                        json_out=True).json
    assert document == {"job_id": job_id, "status": "RUNNING"}
    # ... and every task of it, so that savepoints can be taken.
    document = flinkjob("wait", job_id, "--tasks-running", "--timeout", 120,
                        json_out=True).json
    assert document == {"job_id": job_id, "status": "RUNNING"}
    vertices = flinkjob("info", job_id, json_out=True).json["vertices"]
    assert all(v["tasks"]["RUNNING"] == v["parallelism"] for v in vertices)


@needs_cluster
def test_list():
    job_id = STATE["job"]
    result = flinkjob("list")
    lines = result.out.splitlines()
    assert re.match(r"^JOB ID\s+STATUS\s+STARTED\s+DURATION\s+TASKS\s+NAME$",
                    lines[0])
    row = [line for line in lines if line.startswith(job_id)]
    assert len(row) == 1
    assert re.match(rf"^{job_id}\s+RUNNING\s+\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d\s+"
                    r"\S.*\s+1\s+flinkjob-counter-stream$", row[0]), row[0]

    document = flinkjob("list", json_out=True).json
    assert set(document) == {"jobs"}
    jobs = {job["job_id"]: job for job in document["jobs"]}
    job = jobs[job_id]
    assert set(job) == {"job_id", "name", "status", "start_time", "end_time",
                        "duration", "tasks_total"}
    assert job["name"] == "flinkjob-counter-stream"
    assert job["status"] == "RUNNING"
    assert job["start_time"] > 1_500_000_000_000
    assert job["end_time"] == -1
    assert job["duration"] >= 0
    assert job["tasks_total"] == 1
    for other in document["jobs"]:
        assert other["status"] in JOB_STATUSES
    starts = [j["start_time"] for j in document["jobs"]]
    assert starts == sorted(starts, reverse=True)


@needs_cluster
def test_status():
    job_id = STATE["job"]
    assert flinkjob("status", job_id).out == "RUNNING\n"
    document = flinkjob("status", job_id.upper(), json_out=True).json
    assert document == {"job_id": job_id, "status": "RUNNING"}
    # Global options may follow the command too.
    proc = subprocess.run([CLI, "status", job_id, "--json", "--url", URL],
                          capture_output=True, text=True, check=True)
    assert json.loads(proc.stdout) == {"job_id": job_id, "status": "RUNNING"}


@needs_cluster
def test_info():
    job_id = STATE["job"]
    result = flinkjob("info", job_id)
    fields = dict(re.findall(r"^([A-Z][A-Za-z ]+):\s+(.*)$", result.out, re.M))
    assert fields["Job ID"] == job_id
    assert fields["Name"] == "flinkjob-counter-stream"
    assert fields["Status"].startswith("RUNNING")
    assert fields["Type"] == "STREAMING"
    assert fields["Ended"] == "-"
    assert "RUNNING" in fields["Status history"]
    assert re.search(r"^Vertices:\n  VERTEX ID\s+PARALLELISM\s+STATUS\s+TASKS\s+NAME\n"
                     r"  [0-9a-f]{32}\s+1\s+", result.out, re.M)

    document = flinkjob("info", job_id, json_out=True).json
    assert set(document) == {"job_id", "name", "status", "job_type",
                             "start_time", "end_time", "duration",
                             "max_parallelism", "is_stoppable", "timestamps",
                             "vertices"}
    assert document["job_id"] == job_id
    assert document["name"] == "flinkjob-counter-stream"
    assert document["status"] == "RUNNING"
    assert document["job_type"] == "STREAMING"
    assert document["start_time"] > 1_500_000_000_000
    assert document["end_time"] == -1
    assert document["duration"] >= 0
    assert isinstance(document["max_parallelism"], int)
    assert isinstance(document["is_stoppable"], bool)
    assert set(document["timestamps"]) <= JOB_STATUSES
    assert document["timestamps"]["RUNNING"] >= document["start_time"]
    assert len(document["vertices"]) >= 1
    for vertex in document["vertices"]:
        assert set(vertex) == {"id", "name", "parallelism", "max_parallelism",
                               "status", "start_time", "end_time", "duration",
                               "tasks"}
        assert JOB_ID.match(vertex["id"])
        assert vertex["name"]
        assert vertex["parallelism"] == 1
        assert vertex["max_parallelism"] >= 1
        assert vertex["status"] in EXECUTION_STATES
        assert set(vertex["tasks"]) == EXECUTION_STATES
        assert sum(vertex["tasks"].values()) == vertex["parallelism"]


@needs_cluster
def test_accumulators():
    job_id = STATE["job"]
    assert wait_for_records(job_id, 1) >= 1
    result = flinkjob("accumulators", job_id)
    lines = result.out.splitlines()
    assert re.match(r"^NAME\s+TYPE\s+VALUE$", lines[0])
    assert any(re.match(r"^records\s+LongCounter\s+\d+$", line) for line in lines)

    document = flinkjob("accumulators", job_id, json_out=True).json
    assert set(document) == {"job_id", "accumulators"}
    assert document["job_id"] == job_id
    records = [a for a in document["accumulators"] if a["name"] == "records"]
    assert len(records) == 1
    assert set(records[0]) == {"name", "type", "value"}
    assert records[0]["type"].endswith("LongCounter")
    assert int(records[0]["value"]) >= 1


@needs_cluster
def test_rescale_needs_the_adaptive_scheduler():
    # This cluster runs Flink's default scheduler; tests/cli/test_cli_rescale.py
    # rescales for real on one that runs the adaptive scheduler.
    job_id = STATE["job"]
    result = flinkjob("rescale", job_id, expect=EXIT_FAILED)
    assert result.out == ""
    for text in (job_id, URL, "jobmanager.scheduler: adaptive"):
        assert text in result.err, result
    result = flinkjob("rescale", job_id, "2", json_out=True, expect=EXIT_FAILED)
    check_error_json(result, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED, EXIT_FAILED)
    assert status_of(job_id) == "RUNNING"


def check_savepoint(path, job_id):
    assert path.startswith("file:") or path.startswith("/"), path
    directory = local_path(path)
    assert directory.name.startswith("savepoint-" + job_id[:6]), path
    assert (directory / "_metadata").is_file(), path
    return directory


@needs_cluster
def test_savepoint():
    job_id = STATE["job"]
    target = Path(WORKDIR or "/tmp") / "cli-savepoints"
    if SAVEPOINT_DIR:
        result = flinkjob("savepoint", job_id)
        path = result.out.strip()
        assert result.out == path + "\n"       # the path alone
        directory = check_savepoint(path, job_id)
        assert directory.parent == Path(SAVEPOINT_DIR).resolve()
        STATE["savepoint"] = path
    else:
        # No state.savepoints.dir on this cluster: it refuses, and says why.
        result = flinkjob("savepoint", job_id, expect=EXIT_FAILED)
        assert result.out == ""
        assert "target-directory" in result.err and job_id in result.err

    document = flinkjob("savepoint", job_id, "--savepoint-dir", target.as_uri(),
                        "--format", "native", json_out=True).json
    assert set(document) == {"job_id", "savepoint_path"}
    assert document["job_id"] == job_id
    directory = check_savepoint(document["savepoint_path"], job_id)
    assert directory.parent == target
    STATE["native_savepoint"] = document["savepoint_path"]

    # The directory as a positional argument, as in Flink's CLI.
    result = flinkjob("savepoint", job_id, target.as_uri())
    assert check_savepoint(result.out.strip(), job_id).parent == target
    STATE["third_savepoint"] = result.out.strip()
    STATE.setdefault("savepoint", result.out.strip())
    assert status_of(job_id) == "RUNNING"


@needs_cluster
def test_progress_goes_to_a_terminal_stderr_only():
    """With stderr a terminal, `wait` shows "\\r<what>... 1.2 s" there; stdout
    gets nothing of it."""
    job_id = STATE["job"]
    master, slave = pty.openpty()
    try:
        proc = subprocess.run(
            [CLI, "--url", URL, "--timeout", "1.5", "wait", job_id,
             "--status", "FINISHED"],
            stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL,
            timeout=60)
        os.close(slave)
        slave = None
        seen = b""
        while select.select([master], [], [], 0.5)[0]:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if slave is not None:
            os.close(slave)
        os.close(master)
    assert proc.returncode == EXIT_TIMED_OUT
    assert proc.stdout == b""
    text = seen.decode()
    assert re.search(rf"\r\x1b\[KWaiting for job {job_id} to be FINISHED.*\.\.\. \d+\.\d s",
                     text), text
    assert "Timed out after 1.5 s" in text
    # Without a terminal (or with --json) there is no progress line.
    result = flinkjob("--timeout", "1", "wait", job_id, "--status", "FINISHED",
                      expect=EXIT_TIMED_OUT)
    assert "\r" not in result.err and "Waiting" not in result.err


@needs_cluster
def test_wait_times_out():
    job_id = STATE["job"]
    result = flinkjob("--timeout", "1", "wait", job_id, "--status", "FINISHED",
                      expect=EXIT_TIMED_OUT)
    assert 0.9 < result.elapsed < 10
    assert result.out == ""
    assert f"Job {job_id} is RUNNING" in result.err
    result = flinkjob("--timeout", "1", "wait", job_id, "--status", "FINISHED",
                      json_out=True, expect=EXIT_TIMED_OUT)
    error = check_error_json(result, FLINK_ERROR, FLINK_ERROR_TIMED_OUT,
                             EXIT_TIMED_OUT)
    assert error["job_id"] == job_id
    assert error["job_status"] == "RUNNING"
    assert status_of(job_id) == "RUNNING"


@needs_cluster
@pytest.mark.parametrize("json_out", [False, True], ids=["human", "json"])
def test_ctrl_c_leaves_the_job_running(json_out):
    job_id = STATE["job"]
    argv = [CLI, "--url", URL] + (["--json"] if json_out else []) + \
        ["result", job_id]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, text=True)
    time.sleep(1)
    assert proc.poll() is None, "result returned for a running job"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == EXIT_INTERRUPTED, (out, err)
    assert err.startswith("flinkjob: Interrupted.")
    assert f"Job {job_id} is RUNNING" in err
    if json_out:
        error = json.loads(out)["error"]
        assert error["domain"] == IO_ERROR
        assert error["code"] == IO_ERROR_CANCELLED
        assert error["exit_code"] == EXIT_INTERRUPTED
        assert error["job_id"] == job_id
        assert error["job_status"] == "RUNNING"
    else:
        assert out == ""
    assert status_of(job_id) == "RUNNING"


@needs_cluster
def test_not_found():
    # A directory, so that a cluster without a default one answers about
    # the job rather than the directory.
    target = (Path(WORKDIR or "/tmp") / "cli-savepoints").as_uri()
    for args, after in ((["status"], []), (["info"], []), (["cancel"], []),
                        (["accumulators"], []), (["result"], []), (["wait"], []),
                        (["savepoint"], [target]),
                        (["stop"], [target]),
                        (["stop"], ["--savepoint-dir", target])):
        result = flinkjob(*args, UNKNOWN_JOB, *after, expect=EXIT_NOT_FOUND)
        assert result.out == ""
        assert UNKNOWN_JOB in result.err
        result = flinkjob(*args, UNKNOWN_JOB, *after, json_out=True,
                          expect=EXIT_NOT_FOUND)
        check_error_json(result, FLINK_ERROR, FLINK_ERROR_NOT_FOUND,
                         EXIT_NOT_FOUND)
    result = flinkjob("jars", "delete", "no-such-jar.jar", json_out=True,
                      expect=EXIT_NOT_FOUND)
    assert "no-such-jar.jar" in result.json["error"]["message"]
    missing = Path(WORKDIR or "/tmp") / "no-such-savepoint"
    result = flinkjob("dispose-savepoint", missing, expect=EXIT_NOT_FOUND)
    assert str(missing) in result.err


@needs_cluster
def test_stop_with_savepoint():
    job_id = STATE["job"]
    if SAVEPOINT_DIR:
        result = flinkjob("stop", job_id)
    else:
        # The directory as a positional argument, as for savepoint.
        target = Path(WORKDIR or "/tmp") / "cli-stop-savepoints"
        result = flinkjob("stop", job_id, target.as_uri())
        assert local_path(result.out.strip()).parent == target
    path = result.out.strip()
    assert result.out == path + "\n"
    check_savepoint(path, job_id)
    assert wait_for(job_id, "FINISHED", timeout=60) == "FINISHED"
    assert flinkjob("status", job_id).out == "FINISHED\n"
    STATE["stop_savepoint"] = path
    STATE["records_at_stop"] = records_of(job_id)
    assert STATE["records_at_stop"] > 0
    # A job that ended has no savepoint to take, nor a stop or a cancel:
    # one exit code, and a message that says its status.
    for command in ("savepoint", "stop", "cancel"):
        result = flinkjob(command, job_id, json_out=True, expect=EXIT_FAILED)
        assert result.json["error"]["code"] == FLINK_ERROR_CONFLICT, result
        assert "the job has ended: it is FINISHED" in result.json["error"]["message"]


@needs_cluster
def test_restart_from_savepoint_keeps_state():
    restarted = submit(COUNTER, "--from-savepoint", STATE["stop_savepoint"],
                       "--allow-non-restored", "--claim-mode", "no-claim",
                       json_out=True)
    assert restarted != STATE["job"]
    STATE["restarted"] = restarted
    assert wait_for(restarted, "RUNNING") == "RUNNING"
    records = wait_for_records(restarted, STATE["records_at_stop"])
    assert records >= STATE["records_at_stop"]


@needs_cluster
def test_stop_drain_json():
    job_id = STATE["restarted"]
    wait_for_records(job_id, STATE["records_at_stop"] + 1)
    target = (Path(WORKDIR or "/tmp") / "cli-stop-savepoints").as_uri()
    document = flinkjob("stop", job_id, "--drain", "--format", "canonical",
                        "--savepoint-dir", target, json_out=True).json
    assert set(document) == {"job_id", "savepoint_path"}
    assert document["job_id"] == job_id
    check_savepoint(document["savepoint_path"], job_id)
    assert wait_for(job_id, timeout=60) == "FINISHED"


@needs_cluster
def test_result_of_stopped_job():
    job_id = STATE["restarted"]
    result = flinkjob("result", job_id)
    fields = dict(re.findall(r"^([A-Z][A-Za-z ]+):\s+(.*)$", result.out, re.M))
    assert fields["Job ID"] == job_id
    assert fields["Result"] == "SUCCEEDED"
    assert re.search(r"^  records\s+LongCounter\s+\d+$", result.out, re.M)
    document = flinkjob("result", job_id, json_out=True).json
    assert set(document) == {"job_id", "application_status", "net_runtime",
                             "failure", "accumulators"}
    assert document["job_id"] == job_id
    assert document["application_status"] == "SUCCEEDED"
    assert document["net_runtime"] > 0
    assert document["failure"] is None
    records = [a for a in document["accumulators"] if a["name"] == "records"]
    assert int(records[0]["value"]) >= STATE["records_at_stop"]


@needs_cluster
def test_bounded_job_result():
    fixed = uuid.uuid4().hex
    job_id = submit(BOUNDED, "--parallelism", "1", "--job-id", fixed.upper())
    assert job_id == fixed
    assert flinkjob("wait", job_id, "--timeout", 120).out == "FINISHED\n"
    document = flinkjob("wait", job_id, json_out=True).json
    assert document == {"job_id": job_id, "status": "FINISHED"}

    document = flinkjob("result", job_id, json_out=True).json
    assert document["job_id"] == job_id
    assert document["application_status"] == "SUCCEEDED"
    assert document["net_runtime"] >= 0
    assert document["failure"] is None
    values = {a["name"]: a for a in document["accumulators"]}
    assert set(values) == {"records", "sum", "average"}
    assert values["records"]["value"] == "1000"
    assert values["sum"]["value"] == "500500"
    assert float(values["average"]["value"]) == 500.5
    for accumulator in values.values():
        assert set(accumulator) == {"name", "type", "value"}
    assert values["average"]["type"].endswith("AverageAccumulator")

    result = flinkjob("result", job_id)
    assert re.search(r"^Result:\s+SUCCEEDED$", result.out, re.M)
    assert re.search(r"^  sum\s+LongCounter\s+500500$", result.out, re.M)
    # A second job with the same id is refused.
    result = flinkjob("submit", JAR, "--class", BOUNDED, "--job-id", fixed,
                      json_out=True, expect=None)
    assert result.rc != EXIT_OK
    assert "error" in result.json
    # Cancelling a FINISHED job: the cluster refuses (HTTP 409).
    result = flinkjob("cancel", job_id, json_out=True, expect=EXIT_FAILED)
    check_error_json(result, FLINK_ERROR, FLINK_ERROR_CONFLICT, EXIT_FAILED)


@needs_cluster
def test_job_name_with_control_characters():
    """Issue 14, item 8, on a real cluster: a job's name is the program's to
    choose, escape sequences included. Human output shows them escaped;
    --json gives the name as it is (JSON escapes every control character)."""
    name = "cli-\x1b[31mred\x1b[0m\r\x07\x9bname"
    job_id = submit(BOUNDED, "--parallelism", "1", "--", "--name", name)
    assert flinkjob("wait", job_id, "--timeout", 120).out == "FINISHED\n"
    assert flinkjob("info", job_id, json_out=True).json["name"] == name
    listed = {j["job_id"]: j for j in flinkjob("list", json_out=True).json["jobs"]}
    assert listed[job_id]["name"] == name
    for args in (["info", job_id], ["list"], ["--json", "list"]):
        out = flinkjob(*args).out
        assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f]", out), out
    assert "cli-\\e[31mred\\e[0m\\r\\x07\\u009bname" in flinkjob("list").out


@needs_cluster
def test_failing_job_result():
    job_id = submit(FAILING, "--", "--after", "5")
    result = flinkjob("--timeout", 120, "result", job_id)
    fields = dict(re.findall(r"^([A-Z][A-Za-z ]+):\s+(.*)$", result.out, re.M))
    assert fields["Result"] == "FAILED"
    assert fields["Root cause"] == \
        "org.flinkjob.testjobs.FailingJob$ExpectedFailure: flinkjob test failure"
    assert "Stack trace" not in result.out

    document = flinkjob("result", job_id, json_out=True).json
    assert document["application_status"] == "FAILED"
    failure = document["failure"]
    assert set(failure) == {"class", "message", "root_cause_class",
                            "root_cause_message", "stack_trace"}
    assert failure["class"]
    assert failure["root_cause_class"] == \
        "org.flinkjob.testjobs.FailingJob$ExpectedFailure"
    assert failure["root_cause_message"] == "flinkjob test failure"
    assert "ExpectedFailure" in failure["stack_trace"]

    assert flinkjob("wait", job_id).out == "FAILED\n"
    # Cancelling a FAILED job: the cluster refuses (HTTP 409).
    result = flinkjob("cancel", job_id, json_out=True, expect=EXIT_FAILED)
    check_error_json(result, FLINK_ERROR, FLINK_ERROR_CONFLICT, EXIT_FAILED)
    # It will never be RUNNING again: the operation failed.
    result = flinkjob("wait", job_id, "--status", "RUNNING", json_out=True,
                      expect=EXIT_FAILED)
    error = check_error_json(result, FLINK_ERROR, FLINK_ERROR_FAILED,
                             EXIT_FAILED)
    assert "ended FAILED" in error["message"]


@needs_cluster
@pytest.mark.parametrize("json_out", [False, True], ids=["human", "json"])
def test_cancel(json_out):
    job_id = submit(COUNTER, "--parallelism", "1", "--", "--name", "cli-cancel")
    assert wait_for(job_id, "RUNNING") == "RUNNING"
    result = flinkjob("cancel", job_id, json_out=json_out)
    if json_out:
        document = result.json
        assert set(document) == {"job_id", "ok", "status"}
        assert document["job_id"] == job_id
        assert document["ok"] is True
        assert document["status"] in ("CANCELLING", "CANCELED")
    else:
        assert re.match(rf"^Cancelled job {job_id}: it is (CANCELLING|CANCELED)\.\n$",
                        result.out), result
    assert wait_for(job_id, timeout=60) == "CANCELED"
    # Cancelling a CANCELED job succeeds (HTTP 202): CONFLICT is only for a
    # job that ended FINISHED or FAILED (test_bounded_job_result).
    result = flinkjob("cancel", job_id, json_out=json_out)
    if json_out:
        assert result.json == {"job_id": job_id, "ok": True, "status": "CANCELED"}
    else:
        assert result.out == f"Cancelled job {job_id}: it is CANCELED.\n"
    document = flinkjob("result", job_id, json_out=True).json
    assert document["application_status"] == "CANCELED"
    assert document["failure"] is None
    listed = {j["job_id"]: j for j in flinkjob("list", json_out=True).json["jobs"]}
    assert listed[job_id]["name"] == "cli-cancel"
    assert listed[job_id]["status"] == "CANCELED"
    assert listed[job_id]["end_time"] >= listed[job_id]["start_time"]


@needs_cluster
def test_jars():
    result = flinkjob("jars", "upload", JAR)
    jar_id = result.out.strip()
    assert jar_id.endswith(".jar") and "/" not in jar_id
    document = flinkjob("jars", "upload", JAR, json_out=True).json
    assert set(document) == {"jar_id"}
    second = document["jar_id"]
    assert second != jar_id

    result = flinkjob("jars")
    assert re.match(r"^JAR ID\s+UPLOADED\s+ENTRY CLASSES$", result.out.splitlines()[0])
    assert re.search(rf"^{re.escape(jar_id)}\s+\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d\s+.*"
                     rf"{re.escape(COUNTER)}", result.out, re.M), result
    assert flinkjob("jars", "list").out == result.out

    document = flinkjob("jars", json_out=True).json
    assert set(document) == {"jars"}
    jars = {jar["id"]: jar for jar in document["jars"]}
    for jid in (jar_id, second):
        jar = jars[jid]
        assert set(jar) == {"id", "name", "uploaded", "entry_classes"}
        assert jar["name"] == os.path.basename(JAR)
        assert jar["uploaded"] > 1_500_000_000_000
        assert COUNTER in jar["entry_classes"]

    result = flinkjob("jars", "delete", jar_id)
    assert result.out == f"Deleted jar {jar_id}.\n"
    document = flinkjob("jars", "delete", second, json_out=True).json
    assert document == {"jar_id": second, "ok": True}
    ids = {jar["id"] for jar in flinkjob("jars", json_out=True).json["jars"]}
    assert jar_id not in ids and second not in ids
    flinkjob("jars", "delete", jar_id, expect=EXIT_NOT_FOUND)


@needs_cluster
def test_dispose_savepoint():
    path = STATE["savepoint"]
    directory = local_path(path)
    assert (directory / "_metadata").is_file()
    result = flinkjob("dispose-savepoint", path)
    assert result.out == f"Disposed of savepoint {path}.\n"
    assert not (directory / "_metadata").exists()

    path = STATE["native_savepoint"]
    document = flinkjob("dispose-savepoint", path, json_out=True).json
    assert document == {"savepoint_path": path, "ok": True}
    assert not (local_path(path) / "_metadata").exists()
    # Gone now.
    result = flinkjob("dispose-savepoint", path, json_out=True,
                      expect=EXIT_NOT_FOUND)
    assert result.json["error"]["exit_code"] == EXIT_NOT_FOUND


@needs_cluster
def test_verbose_logs_to_stderr_only():
    result = flinkjob("-v", "cluster", json_out=True)
    assert "GET /overview" in result.err
    assert "GET /config" not in result.err      # one request: the overview has the version
    assert json.loads(result.out)["url"] == URL


@needs_cluster
def test_all_started_jobs_end():
    """The suite's own jobs: none is left running (the fixture cancels any
    that a failed test left behind)."""
    for job_id in STARTED:
        status = status_of(job_id)
        if status not in ("FINISHED", "CANCELED", "FAILED"):
            flinkjob("cancel", job_id)
            assert wait_for(job_id, timeout=60) == "CANCELED"
