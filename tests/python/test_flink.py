# test_flink.py: the whole Flink-1.0 API from Python, against a real cluster
#
# Run by meson (suite "python") under /usr/bin/python3 -m pytest, whose gi
# module is Debian's PyGObject 3.42, with GI_TYPELIB_PATH and LD_LIBRARY_PATH
# pointing at the build directory. The cluster comes from
# tests/flink/flink-harness.py run, which sets FLINK_REST_URL,
# FLINKJOB_TEST_JOBS_JAR, FLINKJOB_SAVEPOINT_DIR and FLINKJOB_TEST_WORKDIR.
# Without FLINK_REST_URL the cluster tests skip, unless
# FLINKJOB_REQUIRE_CLUSTER=1 says a cluster must be there.
#
# PyGObject 3.42 cannot await a GTask, so every _async/_finish pair runs
# through sync() of flink_test_utils.py: a callback and a GLib.MainLoop.
# Every wait has a deadline, and one that outlives it fails the test naming
# what it awaited.
#
# The tests share one cluster and run in file order: the streaming job
# started by one is used by the next. The TaskManager has two slots, so no
# more than two jobs ever run at once, and every job started is cancelled
# at the end if it still runs.
#
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("Flink", "1.0")
from gi.repository import Flink, Gio, GLib  # noqa: E402

import pytest  # noqa: E402

import flink_test_utils  # noqa: E402
from flink_test_utils import poll_until, spin_until, sync  # noqa: E402

COUNTER_CLASS = "org.flinkjob.testjobs.CounterStream"
BOUNDED_CLASS = "org.flinkjob.testjobs.BoundedCount"
FAILING_CLASS = "org.flinkjob.testjobs.FailingJob"
EXPECTED_FAILURE = "org.flinkjob.testjobs.FailingJob$ExpectedFailure"
STREAM_NAME = "flinkjob-python-stream"

# Generous bounds that only stop a broken run from hanging.
STATUS_WAIT_S = 120
CALL_WAIT_S = 300
flink_test_utils.set_default_deadline(CALL_WAIT_S)

URL = os.environ.get("FLINK_REST_URL") or None
REQUIRE_CLUSTER = os.environ.get("FLINKJOB_REQUIRE_CLUSTER") == "1"


def assert_flink_error(excinfo, code, *mentions):
    """The GLib.Error is in FLINK_ERROR with @code and names each mention."""
    error = excinfo.value
    assert error.matches(Flink.error_quark(), code), \
        f"expected {code.value_name}, got {error.domain} {error.code}: {error.message}"
    for text in mentions:
        assert text in error.message, f"{text!r} not in {error.message!r}"


def jobs_jar():
    path = os.environ.get("FLINKJOB_TEST_JOBS_JAR")
    assert path, "FLINKJOB_TEST_JOBS_JAR is not set (run through flink-harness.py)"
    return Gio.File.new_for_path(path)


def work_dir(name):
    base = os.environ.get("FLINKJOB_TEST_WORKDIR") or tempfile.gettempdir()
    return os.path.join(base, "python-" + name)


def local_path(location):
    """A savepoint location (file:/x, file:///x or /x) as a local path."""
    if location.startswith("file:"):
        return urllib.parse.urlparse(location).path
    assert location.startswith("/"), location
    return location


def assert_savepoint_on_disk(location):
    path = local_path(location)
    assert os.path.isdir(path), path
    assert os.path.isfile(os.path.join(path, "_metadata")), path


def free_port():
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---- Shared cluster state ------------------------------------------------

class Cluster:
    client = None
    started = []              # every JobClient this module started
    stream = None             # CounterStream, running, then stopped
    first_savepoint = None
    stop_savepoint = None
    records_at_stop = -1


@pytest.fixture(scope="module")
def client():
    if URL is None:
        if REQUIRE_CLUSTER:
            pytest.fail("FLINKJOB_REQUIRE_CLUSTER=1 but FLINK_REST_URL is not set")
        pytest.skip("no Flink cluster: set FLINK_REST_URL, or run through "
                    "tests/flink/flink-harness.py run")
    if Cluster.client is None:
        descriptor = Flink.ClusterDescriptor.new_for_url(URL)
        Cluster.client = sync(descriptor).retrieve()
    return Cluster.client


@pytest.fixture(autouse=True)
def no_cluster_after_a_passed_deadline(request):
    """Once a wait outlived its deadline, the cluster tests after it fail at
    once, so that the suite ends within meson's timeout."""
    passed = flink_test_utils.passed_deadline()
    if passed and "client" in request.fixturenames:
        pytest.fail(f"not run: an earlier wait outlived its deadline ({passed})")


@pytest.fixture(scope="module", autouse=True)
def cancel_leftover_jobs():
    yield
    if flink_test_utils.passed_deadline():
        return
    for job in Cluster.started:
        try:
            status = sync(job).get_job_status()
            if not Flink.JobStatus.is_globally_terminal(status):
                sync(job).cancel()
                wait_for_status(job, Flink.JobStatus.CANCELED)
        except (GLib.Error, AssertionError) as error:
            print(f"could not cancel job {job.get_job_id()}: {error}")


def submit(client, entry_class, args=None, savepoint_path=None, **props):
    options = Flink.RunOptions.new()
    options.set_entry_class(entry_class)
    if args is not None:
        options.set_program_args(args)
    if savepoint_path is not None:
        options.set_savepoint_path(savepoint_path)
    for name, value in props.items():
        options.set_property(name, value)
    job = sync(client).submit_jar(jobs_jar(), options)
    Cluster.started.append(job)
    assert isinstance(job, Flink.JobClient)
    assert len(job.get_job_id()) == 32
    return job


def status_name(status):
    return Flink.JobStatus.to_string(status)


def wait_for_status(job, wanted, seconds=STATUS_WAIT_S):
    """Polls until the job is @wanted; fails if it ends otherwise or the
    deadline passes."""
    last = []

    def probe():
        status = sync(job).get_job_status()
        last[:] = [status]
        if status == wanted:
            return True
        assert not Flink.JobStatus.is_globally_terminal(status), \
            f"job {job.get_job_id()} ended {status_name(status)}, never {status_name(wanted)}"
        return None

    return poll_until(probe, lambda: f"job {job.get_job_id()} to be {status_name(wanted)} "
                      f"(it is {status_name(last[0])})", seconds)


def wait_for_all_running(job, seconds=STATUS_WAIT_S):
    def probe():
        details = sync(job).get_job_details()
        vertices = details.get_vertices()
        every_vertex = (details.get_status() == Flink.JobStatus.RUNNING and len(vertices) > 0
                        and all(v.get_status() == Flink.ExecutionState.RUNNING for v in vertices))
        assert details.get_all_tasks_running() == every_vertex
        return True if every_vertex else None

    return poll_until(probe, f"every task of job {job.get_job_id()} to run", seconds)


def wait_for_details(job, wanted, seconds=30):
    """The cluster caches job details for web.refresh-interval (3 s): they
    catch up with the status a little later."""
    def probe():
        details = sync(job).get_job_details()
        return details if details.get_status() == wanted else None

    return poll_until(probe, f"the details of job {job.get_job_id()} to say {status_name(wanted)}", seconds)


def accumulator_value(job, name):
    for accumulator in sync(job).get_accumulators():
        if accumulator.get_name() == name:
            return accumulator.get_int64()
    return -1


def wait_for_records(job, more_than, seconds=60):
    def probe():
        records = accumulator_value(job, "records")
        return records if records > more_than else None

    return poll_until(probe, f"job {job.get_job_id()} to count more than {more_than} records", seconds)


def find_in_job_list(client, job):
    jobs = sync(client).list_jobs()
    assert jobs.get_item_type() == Flink.JobOverview.__gtype__
    matches = [o for o in jobs if o.get_job_id() == job.get_job_id()]
    assert len(matches) <= 1
    return matches[0] if matches else None


# ---- Without a cluster: versions, enums, run options, descriptors --------

def test_library_version():
    major = Flink.library_get_major_version()
    minor = Flink.library_get_minor_version()
    micro = Flink.library_get_micro_version()
    assert (major, minor, micro) >= (0, 1, 0)
    assert Flink.library_check_version(major, minor, micro)
    assert Flink.library_check_version(0, 0, 0)
    assert not Flink.library_check_version(major + 1, 0, 0)
    assert not Flink.library_check_version(major, minor, micro + 1)


def test_job_status_helpers():
    assert Flink.JobStatus.to_string(Flink.JobStatus.RUNNING) == "RUNNING"
    assert Flink.job_status_to_string(Flink.JobStatus.CANCELED) == "CANCELED"
    assert Flink.JobStatus.from_string("FINISHED") == Flink.JobStatus.FINISHED
    assert Flink.job_status_from_string("RESTARTING") == Flink.JobStatus.RESTARTING
    assert Flink.JobStatus.from_string("running") == Flink.JobStatus.UNKNOWN
    assert Flink.JobStatus.from_string(None) == Flink.JobStatus.UNKNOWN
    assert Flink.JobStatus.from_string("NOT_A_STATUS") == Flink.JobStatus.UNKNOWN
    assert Flink.JobStatus.to_string(Flink.JobStatus.UNKNOWN) == "UNKNOWN"
    # Every status round-trips through its name.
    for status in Flink.JobStatus.__enum_values__.values():
        assert Flink.JobStatus.from_string(Flink.JobStatus.to_string(status)) == status
    globally = {Flink.JobStatus.FINISHED, Flink.JobStatus.CANCELED, Flink.JobStatus.FAILED}
    for status in Flink.JobStatus.__enum_values__.values():
        assert Flink.JobStatus.is_globally_terminal(status) == (status in globally)
        assert Flink.job_status_is_globally_terminal(status) == (status in globally)
        assert Flink.JobStatus.is_terminal(status) == \
            (status in globally or status == Flink.JobStatus.SUSPENDED)
        assert Flink.job_status_is_terminal(status) == Flink.JobStatus.is_terminal(status)


def test_ids():
    assert Flink.job_id_is_valid("0123456789abcdef0123456789ABCDEF")
    assert not Flink.job_id_is_valid("0123456789abcdef")
    assert not Flink.job_id_is_valid(None)
    assert Flink.Jar.id_is_valid("5f0c2d1e_job.jar")
    assert not Flink.Jar.id_is_valid("../job.jar")
    assert not Flink.Jar.id_is_valid("")


def test_other_enum_helpers():
    assert Flink.ExecutionState.to_string(Flink.ExecutionState.DEPLOYING) == "DEPLOYING"
    assert Flink.execution_state_to_string(Flink.ExecutionState.RUNNING) == "RUNNING"
    assert Flink.ExecutionState.from_string("SCHEDULED") == Flink.ExecutionState.SCHEDULED
    assert Flink.execution_state_from_string("INITIALIZING") == Flink.ExecutionState.INITIALIZING
    assert Flink.ExecutionState.from_string(None) == Flink.ExecutionState.UNKNOWN
    for state in Flink.ExecutionState.__enum_values__.values():
        assert Flink.ExecutionState.from_string(Flink.ExecutionState.to_string(state)) == state

    assert Flink.ApplicationStatus.to_string(Flink.ApplicationStatus.SUCCEEDED) == "SUCCEEDED"
    assert Flink.application_status_to_string(Flink.ApplicationStatus.CANCELED) == "CANCELED"
    assert Flink.ApplicationStatus.from_string("FAILED") == Flink.ApplicationStatus.FAILED
    assert Flink.application_status_from_string("bogus") == Flink.ApplicationStatus.UNKNOWN
    assert Flink.ApplicationStatus.from_string(None) == Flink.ApplicationStatus.UNKNOWN

    assert Flink.SavepointFormat.to_string(Flink.SavepointFormat.CANONICAL) == "CANONICAL"
    assert Flink.savepoint_format_to_string(Flink.SavepointFormat.NATIVE) == "NATIVE"
    assert Flink.ClaimMode.to_string(Flink.ClaimMode.NO_CLAIM) == "NO_CLAIM"
    assert Flink.claim_mode_to_string(Flink.ClaimMode.CLAIM) == "CLAIM"

    assert Flink.OperationKind.to_string(Flink.OperationKind.SAVEPOINT) == "savepoint"
    assert Flink.operation_kind_to_string(Flink.OperationKind.STOP_WITH_SAVEPOINT) == \
        "stop-with-savepoint"
    assert Flink.OperationKind.to_string(Flink.OperationKind.CHECKPOINT) == "checkpoint"
    assert Flink.CheckpointType.to_string(Flink.CheckpointType.CONFIGURED) == "CONFIGURED"
    assert Flink.checkpoint_type_to_string(Flink.CheckpointType.FULL) == "FULL"


def test_error_domain():
    assert Flink.error_quark() == Flink.Error.quark()
    assert GLib.quark_to_string(Flink.error_quark()) == "flink-error-quark"
    assert Flink.Error.NOT_FOUND.value_nick == "not-found"
    # Flink.Error is a GError domain: a GLib.Error built from it matches.
    error = GLib.Error.new_literal(Flink.error_quark(), "gone", Flink.Error.NOT_FOUND)
    assert error.matches(Flink.error_quark(), Flink.Error.NOT_FOUND)
    assert not error.matches(Flink.error_quark(), Flink.Error.CONFLICT)


def test_run_options_properties():
    options = Flink.RunOptions.new()
    assert isinstance(Flink.RunOptions(), Flink.RunOptions)
    # Defaults leave every choice to the jar and the cluster.
    assert options.get_entry_class() is None
    assert not options.get_program_args()
    assert options.get_parallelism() == 0
    assert options.get_job_id() is None
    assert options.get_savepoint_path() is None
    assert options.get_allow_non_restored_state() is False
    assert options.get_claim_mode() == Flink.ClaimMode.NO_CLAIM

    options.set_entry_class(COUNTER_CLASS)
    options.set_program_args(["--name", "a b", "--rate", "10"])
    options.set_parallelism(3)
    options.set_job_id("0123456789abcdef0123456789abcdef")
    options.set_savepoint_path("file:/tmp/savepoint-x")
    options.set_allow_non_restored_state(True)
    options.set_claim_mode(Flink.ClaimMode.CLAIM)
    assert options.get_entry_class() == COUNTER_CLASS
    assert list(options.get_program_args()) == ["--name", "a b", "--rate", "10"]
    assert options.get_parallelism() == 3
    assert options.get_job_id() == "0123456789abcdef0123456789abcdef"
    assert options.get_savepoint_path() == "file:/tmp/savepoint-x"
    assert options.get_allow_non_restored_state() is True
    assert options.get_claim_mode() == Flink.ClaimMode.CLAIM

    # The same through GObject properties, both ways.
    props = options.props
    assert props.entry_class == COUNTER_CLASS
    assert list(props.program_args) == ["--name", "a b", "--rate", "10"]
    assert props.parallelism == 3
    assert props.job_id == "0123456789abcdef0123456789abcdef"
    assert props.savepoint_path == "file:/tmp/savepoint-x"
    assert props.allow_non_restored_state is True
    assert props.claim_mode == Flink.ClaimMode.CLAIM
    props.entry_class = BOUNDED_CLASS
    props.program_args = ["--count", "5"]
    props.parallelism = 1
    props.job_id = None
    props.savepoint_path = None
    props.allow_non_restored_state = False
    props.claim_mode = Flink.ClaimMode.NO_CLAIM
    assert options.get_entry_class() == BOUNDED_CLASS
    assert list(options.get_program_args()) == ["--count", "5"]
    assert options.get_parallelism() == 1
    assert options.get_job_id() is None
    assert options.get_savepoint_path() is None
    assert options.get_allow_non_restored_state() is False
    assert options.get_claim_mode() == Flink.ClaimMode.NO_CLAIM
    options.set_program_args(None)
    assert not options.get_program_args()

    # Construct-time properties, as Python keyword arguments.
    options = Flink.RunOptions(entry_class=FAILING_CLASS, parallelism=2)
    assert options.get_entry_class() == FAILING_CLASS
    assert options.props.parallelism == 2


def test_descriptor_for_url():
    descriptor = Flink.ClusterDescriptor.new_for_url("http://flink.example:8081")
    assert descriptor.get_url() == "http://flink.example:8081"
    assert descriptor.props.url == descriptor.get_url()
    assert descriptor.get_timeout() > 0
    assert descriptor.get_user_agent().startswith("flinkjob/")

    descriptor.set_timeout(7)
    assert descriptor.get_timeout() == 7
    assert descriptor.props.timeout == 7
    descriptor.props.timeout = 0
    assert descriptor.get_timeout() == 0

    descriptor.set_user_agent("python-tests/1.0")
    assert descriptor.get_user_agent() == "python-tests/1.0"
    assert descriptor.props.user_agent == "python-tests/1.0"
    descriptor.set_user_agent(None)
    assert descriptor.get_user_agent().startswith("flinkjob/")

    # A password in the URL is not shown.
    descriptor = Flink.ClusterDescriptor.new_for_url("https://user:secret@flink.example/prefix")
    assert "secret" not in descriptor.get_url()
    assert descriptor.get_url().startswith("https://")


def test_descriptor_for_bad_url():
    for url in ("ftp://flink.example", "", "not a url"):
        with pytest.raises(GLib.Error) as excinfo:
            Flink.ClusterDescriptor.new_for_url(url)
        assert_flink_error(excinfo, Flink.Error.INVALID_ARGUMENT)


def test_descriptor_for_urls():
    urls = ["http://jm-1.example:8081", "http://jm-2.example:8081"]
    descriptor = Flink.ClusterDescriptor.new_for_urls(urls)
    assert list(descriptor.get_urls()) == urls
    assert list(descriptor.props.urls) == urls
    assert descriptor.get_url() == urls[0]
    for bad in ([], ["http://jm-1.example", "ftp://jm-2.example"]):
        with pytest.raises(GLib.Error) as excinfo:
            Flink.ClusterDescriptor.new_for_urls(bad)
        assert_flink_error(excinfo, Flink.Error.INVALID_ARGUMENT)


def make_client_certificate(directory):
    """A self-signed certificate with its key, made by openssl; None without it."""
    if shutil.which("openssl") is None:
        return None
    key = os.path.join(directory, "client.key")
    cert = os.path.join(directory, "client.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                    "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=flinkjob-tests"],
                   check=True, capture_output=True)
    return Gio.TlsCertificate.new_from_files(cert, key)


def test_descriptor_connection_settings(tmp_path):
    descriptor = Flink.ClusterDescriptor.new_for_url("https://flink.example")
    assert descriptor.get_retry_max_attempts() >= 1
    descriptor.set_retry_max_attempts(3)
    assert descriptor.get_retry_max_attempts() == 3 == descriptor.props.retry_max_attempts
    descriptor.set_retry_delay(40)
    assert descriptor.get_retry_delay() == 40 == descriptor.props.retry_delay
    descriptor.props.retry_delay = 0
    assert descriptor.get_retry_delay() == 0
    assert descriptor.get_max_response_size() == 32 * 1024 * 1024
    descriptor.set_max_response_size(1024)
    assert descriptor.get_max_response_size() == 1024 == descriptor.props.max_response_size

    # Secrets are write-only and never part of the URL.
    descriptor.set_bearer_token("s3cr3t-token")
    descriptor.props.bearer_token = "s3cr3t-token"
    assert descriptor.add_header("X-Flinkjob-Test", "s3cr3t-header") is True
    assert "s3cr3t" not in descriptor.get_url()
    # A header that cannot be sent is refused, naming it, never its value.
    with pytest.raises(GLib.Error) as excinfo:
        descriptor.add_header("X Flinkjob", "s3cr3t-header")
    assert_flink_error(excinfo, Flink.Error.INVALID_ARGUMENT, "holds a space")
    with pytest.raises(GLib.Error) as excinfo:
        descriptor.add_header("X-Flinkjob", "s3cr3t\r\nInjected: yes")
    assert_flink_error(excinfo, Flink.Error.INVALID_ARGUMENT, "X-Flinkjob")
    assert "s3cr3t" not in excinfo.value.message
    descriptor.set_bearer_token(None)

    assert descriptor.get_tls_ca_file() is None
    with pytest.raises(GLib.Error) as excinfo:
        descriptor.set_tls_ca_file(str(tmp_path / "missing.pem"))
    assert_flink_error(excinfo, Flink.Error.INVALID_ARGUMENT, "missing.pem")
    (tmp_path / "not-pem.pem").write_text("not a certificate\n")
    with pytest.raises(GLib.Error) as excinfo:
        descriptor.set_tls_ca_file(str(tmp_path / "not-pem.pem"))
    assert_flink_error(excinfo, Flink.Error.INVALID_ARGUMENT)

    assert descriptor.get_tls_client_certificate() is None
    certificate = make_client_certificate(str(tmp_path))
    if certificate is not None:
        ca_file = str(tmp_path / "client.pem")      # any PEM certificate will do
        assert descriptor.set_tls_ca_file(ca_file) is True
        assert descriptor.get_tls_ca_file() == ca_file == descriptor.props.tls_ca_file
        assert descriptor.set_tls_ca_file(None) is True
        assert descriptor.get_tls_ca_file() is None
        descriptor.set_tls_client_certificate(certificate)
        assert descriptor.get_tls_client_certificate() is certificate
        assert descriptor.props.tls_client_certificate is certificate
        descriptor.set_tls_client_certificate(None)
        assert descriptor.get_tls_client_certificate() is None


KEYSTORES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "keystores")


def test_descriptor_keystores():
    """Flink's keystores, made by keytool (tests/keystores): a JKS truststore
    and a PKCS12 keystore, and what a wrong password says."""
    descriptor = Flink.ClusterDescriptor.new_for_url("https://127.0.0.1:8081")
    truststore = os.path.join(KEYSTORES, "truststore.jks")
    assert descriptor.set_tls_truststore(truststore, "trust-secret") is True
    assert descriptor.get_tls_ca_file() == truststore
    assert descriptor.set_tls_keystore(os.path.join(KEYSTORES, "keystore.p12"),
                                       "store-secret", None) is True
    assert descriptor.get_tls_client_certificate() is not None
    with pytest.raises(GLib.Error) as excinfo:
        descriptor.set_tls_keystore(os.path.join(KEYSTORES, "keystore.jks"),
                                    "store-secret", "not-the-key-secret")
    assert_flink_error(excinfo, Flink.Error.INVALID_ARGUMENT, "keystore.jks")
    assert "not-the-key-secret" not in excinfo.value.message
    with pytest.raises(GLib.Error) as excinfo:
        descriptor.set_tls_truststore(os.path.join(KEYSTORES, "truststore.jceks"), "trust-secret")
    assert_flink_error(excinfo, Flink.Error.NOT_SUPPORTED, "JCEKS")
    assert descriptor.set_tls_truststore(None, None) is True
    assert descriptor.get_tls_ca_file() is None
    assert descriptor.set_tls_keystore(None, None, None) is True
    assert descriptor.get_tls_client_certificate() is None


def test_operation_handle_from_string():
    job_id, trigger_id = "3f2a" * 8, "9c1b" * 8
    text = f"flinkjob-operation/1 savepoint {job_id} {trigger_id} 1795463204348"
    handle = Flink.OperationHandle.new_from_string(text)
    assert handle.get_kind() == Flink.OperationKind.SAVEPOINT
    assert handle.get_job_id() == job_id
    assert handle.get_trigger_id() == trigger_id
    assert handle.get_start_time() == 1795463204348
    assert handle.get_directory() is None
    assert handle.to_string() == text
    with_dir = Flink.OperationHandle.new_from_string(text + " file%3A%2F%2F%2Fsave%20points")
    assert with_dir.get_directory() == "file:///save points"
    assert with_dir.props.directory == "file:///save points"
    assert with_dir.to_string() == text + " file%3A%2F%2F%2Fsave%20points"
    props = handle.props
    assert (props.kind, props.job_id, props.trigger_id, props.start_time) == \
        (handle.get_kind(), job_id, trigger_id, 1795463204348)
    for kind in ("stop-with-savepoint", "checkpoint"):
        other = Flink.OperationHandle.new_from_string(text.replace("savepoint", kind, 1))
        assert Flink.OperationKind.to_string(other.get_kind()) == kind
    for bad in ("", "garbage", text.replace(job_id, "not-a-job-id"),
                text.replace("flinkjob-operation/1", "flinkjob-operation/99")):
        with pytest.raises(GLib.Error) as excinfo:
            Flink.OperationHandle.new_from_string(bad)
        assert_flink_error(excinfo, Flink.Error.INVALID_ARGUMENT)


def test_descriptor_from_config(tmp_path, monkeypatch):
    (tmp_path / "config.yaml").write_text(
        "rest:\n  address: flink.example\n  port: 18081\n")
    descriptor = Flink.ClusterDescriptor.new_from_config(str(tmp_path))
    assert descriptor.get_url() == "http://flink.example:18081"

    # Flat keys in a file named explicitly.
    flat = tmp_path / "flink-conf.yaml"
    flat.write_text("rest.address: other.example\nrest.port: 9000\n")
    descriptor = Flink.ClusterDescriptor.new_from_config(str(flat))
    assert descriptor.get_url() == "http://other.example:9000"

    # NULL: the directory FLINK_CONF_DIR names.
    monkeypatch.setenv("FLINK_CONF_DIR", str(tmp_path))
    descriptor = Flink.ClusterDescriptor.new_from_config(None)
    assert descriptor.get_url() == "http://flink.example:18081"

    with pytest.raises(GLib.Error) as excinfo:
        Flink.ClusterDescriptor.new_from_config(str(tmp_path / "missing"))
    assert_flink_error(excinfo, Flink.Error.INVALID_ARGUMENT)

    bad = tmp_path / "bad.yaml"
    bad.write_text("rest: [unclosed\n")
    with pytest.raises(GLib.Error) as excinfo:
        Flink.ClusterDescriptor.new_from_config(str(bad))
    assert_flink_error(excinfo, Flink.Error.INVALID_ARGUMENT)


def test_cluster_client_new():
    url = f"http://127.0.0.1:{free_port()}"
    descriptor = Flink.ClusterDescriptor.new_for_url(url)
    descriptor.set_retry_max_attempts(1)
    client = Flink.ClusterClient.new(descriptor)
    assert client.get_url() == url
    assert client.props.cluster_descriptor is descriptor
    # Nothing was asked yet: the version is not known.
    assert client.get_flink_version() is None
    # Later changes to the descriptor do not reach the client.
    descriptor.set_retry_max_attempts(9)
    with pytest.raises(GLib.Error) as excinfo:
        sync(client).list_jobs()
    assert_flink_error(excinfo, Flink.Error.CONNECTION_FAILED, url)
    assert "attempts" not in excinfo.value.message


HALF_MADE = [
    ("Flink.JobClient()", "needs a cluster-client and a job-id"),
    ("Flink.JobClient(job_id='0123456789abcdef0123456789abcdef')", "needs a cluster-client"),
    ("Flink.JobClient(cluster_client=Flink.ClusterClient.new("
     "Flink.ClusterDescriptor.new_for_url('http://127.0.0.1:1')), job_id='x')", "a job-id"),
    ("Flink.ClusterClient()", "needs a cluster-descriptor"),
    ("Flink.JobList()", "needs a cluster-client"),
]


def test_objects_cannot_be_half_made():
    """What an object cannot live without is a construct-only property:
    made without it, it fails at construction, with a message."""
    prelude = ("import gi; gi.require_version('Flink', '1.0'); "
               "from gi.repository import Flink; ")
    for code, message in HALF_MADE:
        result = subprocess.run([sys.executable, "-c", prelude + code], capture_output=True,
                                text=True, timeout=60,
                                env=dict(os.environ, G_DEBUG="fatal-criticals"))
        assert result.returncode != 0, code
        assert message in result.stderr, (code, result.stderr)


def test_retrieve_nothing_listening():
    url = f"http://127.0.0.1:{free_port()}"
    descriptor = Flink.ClusterDescriptor.new_for_url(url)
    descriptor.set_retry_max_attempts(2)
    descriptor.set_retry_delay(10)
    with pytest.raises(GLib.Error) as excinfo:
        sync(descriptor).retrieve()
    assert_flink_error(excinfo, Flink.Error.CONNECTION_FAILED, url)


# ---- The cluster ---------------------------------------------------------

def test_retrieve(client):
    assert isinstance(client, Flink.ClusterClient)
    assert client.get_url() == URL.rstrip("/")
    assert client.props.url == client.get_url()
    version = client.get_flink_version()
    assert version
    if os.environ.get("FLINK_VERSION"):
        assert version == os.environ["FLINK_VERSION"]
    assert client.props.flink_version == version
    assert client.get_flink_revision()
    assert client.props.flink_revision == client.get_flink_revision()


def test_retrieve_with_settings(client):
    # A first endpoint that refuses is passed over; headers and a token
    # that Flink ignores do no harm.
    dead = f"http://127.0.0.1:{free_port()}"
    descriptor = Flink.ClusterDescriptor.new_for_urls([dead, URL])
    descriptor.set_timeout(30)
    descriptor.set_user_agent("flinkjob-python-tests")
    descriptor.set_retry_max_attempts(2)
    descriptor.set_retry_delay(10)
    descriptor.set_bearer_token("not-checked-by-flink")
    descriptor.add_header("X-Flinkjob-Test", "python")
    other = sync(descriptor).retrieve()
    assert other is not client
    assert other.get_url() in (dead, URL.rstrip("/"))
    assert other.get_flink_version() == client.get_flink_version()
    assert sync(other).get_overview().get_taskmanagers() >= 1


def test_retrieve_from_config(client, tmp_path):
    parsed = urllib.parse.urlparse(URL)
    (tmp_path / "config.yaml").write_text(
        f"rest:\n  address: {parsed.hostname}\n  port: {parsed.port}\n")
    descriptor = Flink.ClusterDescriptor.new_from_config(str(tmp_path))
    other = sync(descriptor).retrieve()
    assert other.get_flink_version() == client.get_flink_version()


def test_overview(client):
    overview = sync(client).get_overview()
    assert isinstance(overview, Flink.ClusterOverview)
    assert overview.get_flink_version() == client.get_flink_version()
    assert overview.get_flink_commit()
    assert overview.get_taskmanagers() >= 1
    assert overview.get_slots_total() >= 1
    assert overview.get_slots_available() <= overview.get_slots_total()
    for getter in ("get_jobs_running", "get_jobs_finished",
                   "get_jobs_cancelled", "get_jobs_failed"):
        assert getattr(overview, getter)() >= 0
    assert overview.get_jobs_running() == overview.props.jobs_running
    assert overview.get_jobs_finished() == overview.props.jobs_finished
    assert overview.get_jobs_cancelled() == overview.props.jobs_cancelled
    assert overview.get_jobs_failed() == overview.props.jobs_failed
    assert overview.props.flink_version == overview.get_flink_version()
    assert overview.props.flink_commit == overview.get_flink_commit()
    assert overview.props.taskmanagers == overview.get_taskmanagers()
    assert overview.props.slots_total == overview.get_slots_total()
    assert overview.props.slots_available == overview.get_slots_available()


# ---- The streaming job: submit, status, details, list, accumulators ------

def test_submit_stream(client):
    Cluster.stream = submit(client, COUNTER_CLASS, ["--name", STREAM_NAME], parallelism=1)
    status = sync(Cluster.stream).wait_for_status([Flink.JobStatus.RUNNING], STATUS_WAIT_S)
    assert status == Flink.JobStatus.RUNNING
    assert wait_for_all_running(Cluster.stream)


def test_job_client(client):
    job = Cluster.stream
    assert job.get_cluster_client() is client
    assert job.props.cluster_client is client
    assert job.props.job_id == job.get_job_id()
    # A job client from the id alone reaches the same job.
    same = client.get_job_client(job.get_job_id())
    assert same.get_job_id() == job.get_job_id()
    assert sync(same).get_job_status() == Flink.JobStatus.RUNNING


def test_details(client):
    details = sync(Cluster.stream).get_job_details()
    assert isinstance(details, Flink.JobDetails)
    assert details.get_job_id() == Cluster.stream.get_job_id()
    assert details.get_name() == STREAM_NAME
    assert details.get_status() == Flink.JobStatus.RUNNING
    assert details.get_job_type() == "STREAMING"
    assert isinstance(details.get_is_stoppable(), bool)
    assert details.get_start_time() > 0
    assert details.get_end_time() == -1
    assert details.get_duration() >= 0
    assert details.get_max_parallelism() == -1 or details.get_max_parallelism() > 0
    assert details.get_status_timestamp(Flink.JobStatus.RUNNING) >= details.get_start_time()
    assert details.get_status_timestamp(Flink.JobStatus.FAILED) == 0
    assert details.get_all_tasks_running() is True

    props = details.props
    assert (props.job_id, props.name, props.status, props.job_type) == \
        (details.get_job_id(), details.get_name(), details.get_status(), details.get_job_type())
    assert (props.start_time, props.end_time, props.is_stoppable, props.max_parallelism) == \
        (details.get_start_time(), details.get_end_time(), details.get_is_stoppable(),
         details.get_max_parallelism())
    assert props.duration >= 0

    # The vertices are a GListModel that behaves as a Python sequence.
    vertices = details.get_vertices()
    assert isinstance(vertices, Gio.ListModel)
    assert vertices.get_item_type() == Flink.JobVertex.__gtype__
    assert len(vertices) >= 1
    assert len(vertices) == vertices.get_n_items()
    assert vertices[0].get_id() == vertices.get_item(0).get_id()
    assert vertices[-1].get_id() == vertices.get_item(len(vertices) - 1).get_id()
    assert [v.get_id() for v in vertices] == [v.props.id for v in details.props.vertices]
    with pytest.raises(IndexError):
        vertices[len(vertices)]

    for vertex in vertices:
        assert isinstance(vertex, Flink.JobVertex)
        assert len(vertex.get_id()) == 32
        assert vertex.get_name()
        assert vertex.get_parallelism() >= 1
        assert vertex.get_max_parallelism() >= vertex.get_parallelism()
        assert vertex.get_all_tasks_running() is True
        assert vertex.get_status() == Flink.ExecutionState.RUNNING
        assert vertex.get_start_time() > 0
        assert vertex.get_end_time() == -1
        assert vertex.get_duration() >= 0
        assert vertex.get_task_count(Flink.ExecutionState.RUNNING) == vertex.get_parallelism()
        assert vertex.get_task_count(Flink.ExecutionState.FAILED) == 0
        assert (vertex.props.id, vertex.props.name, vertex.props.parallelism,
                vertex.props.max_parallelism, vertex.props.status) == \
            (vertex.get_id(), vertex.get_name(), vertex.get_parallelism(),
             vertex.get_max_parallelism(), vertex.get_status())
        assert vertex.props.start_time == vertex.get_start_time()
        assert vertex.props.end_time == vertex.get_end_time()
        assert vertex.props.duration >= 0


def test_list_jobs(client):
    jobs = sync(client).list_jobs()
    assert isinstance(jobs, Gio.ListModel)
    assert len(jobs) >= 1
    assert all(isinstance(job, Flink.JobOverview) for job in jobs)
    overview = find_in_job_list(client, Cluster.stream)
    assert overview is not None
    assert overview.get_job_id() == Cluster.stream.get_job_id()
    assert overview.get_name() == STREAM_NAME
    assert overview.get_status() == Flink.JobStatus.RUNNING
    assert overview.get_start_time() > 0
    assert overview.get_end_time() == -1
    assert overview.get_duration() >= 0
    assert overview.get_last_modification() >= overview.get_start_time()
    assert overview.get_tasks_total() >= 1
    assert overview.get_task_count(Flink.ExecutionState.RUNNING) == overview.get_tasks_total()
    assert overview.get_task_count(Flink.ExecutionState.FAILED) == 0
    props = overview.props
    assert (props.job_id, props.name, props.status, props.start_time, props.end_time,
            props.tasks_total) == \
        (overview.get_job_id(), overview.get_name(), overview.get_status(),
         overview.get_start_time(), overview.get_end_time(), overview.get_tasks_total())
    assert props.last_modification >= props.start_time
    assert props.duration >= 0


def test_job_list(client):
    """A live list model of the cluster's jobs, polled."""
    jobs = Flink.JobList.new(client)
    assert isinstance(jobs, Gio.ListModel)
    assert jobs.get_item_type() == Flink.JobOverview.__gtype__
    assert jobs.get_cluster_client() is client
    assert jobs.props.cluster_client is client
    changes = []
    jobs.connect("items-changed",
                 lambda _model, position, removed, added: changes.append((position, removed, added)))
    assert spin_until(lambda: jobs.get_loaded(), "the job list to load", 60)
    assert jobs.props.loaded is True
    assert jobs.get_reachable() is True and jobs.props.reachable is True
    assert jobs.get_n_polls() >= 1
    assert sum(added - removed for _position, removed, added in changes) == len(jobs)
    assert all(isinstance(overview, Flink.JobOverview) for overview in jobs)
    assert Cluster.stream.get_job_id() in [overview.get_job_id() for overview in jobs]
    polls = jobs.get_n_polls()
    assert spin_until(lambda: jobs.get_n_polls() > polls, "the job list to poll again", 60)
    del jobs


def test_watch_job(client):
    job = client.get_job_client(Cluster.stream.get_job_id())
    assert job.get_watched() is False
    assert job.get_last_seen_status() == Flink.JobStatus.UNKNOWN
    changes = []
    job.connect("status-changed", lambda _job, old, new: changes.append((old, new)))
    job.set_watched(True)
    assert job.get_watched() is True and job.props.watched is True
    assert spin_until(lambda: job.get_last_seen_status() == Flink.JobStatus.RUNNING,
                      "the watched job's status to be RUNNING", 60)
    assert job.props.last_seen_status == Flink.JobStatus.RUNNING
    assert changes[0] == (Flink.JobStatus.UNKNOWN, Flink.JobStatus.RUNNING)
    assert job.get_reachable() is True and job.props.reachable is True
    job.props.watched = False
    assert job.get_watched() is False


def test_wait_for_status(client):
    job = Cluster.stream
    assert sync(job).wait_for_status([Flink.JobStatus.RUNNING, Flink.JobStatus.FINISHED], 10) == \
        Flink.JobStatus.RUNNING
    with pytest.raises(GLib.Error) as excinfo:
        sync(job).wait_for_status([Flink.JobStatus.FINISHED], 1)
    assert_flink_error(excinfo, Flink.Error.TIMED_OUT, job.get_job_id())


def test_accumulators(client):
    assert wait_for_records(Cluster.stream, 0) > 0
    accumulators = sync(Cluster.stream).get_accumulators()
    assert isinstance(accumulators, Gio.ListModel)
    by_name = {a.props.name: a for a in accumulators}
    assert "records" in by_name
    records = by_name["records"]
    assert records.get_name() == "records"
    assert "LongCounter" in records.get_accumulator_type()
    assert records.props.accumulator_type == records.get_accumulator_type()
    assert int(records.get_value()) == records.get_int64() > 0
    assert records.props.value == records.get_value()
    assert records.get_double() == float(records.get_int64())


def test_savepoint_default_directory(client):
    default_dir = os.environ.get("FLINKJOB_SAVEPOINT_DIR")
    job = Cluster.stream
    if not default_dir:
        # No state.savepoints.dir: the cluster refuses, naming job and cluster.
        with pytest.raises(GLib.Error) as excinfo:
            sync(job).trigger_savepoint(None, Flink.SavepointFormat.CANONICAL)
        assert_flink_error(excinfo, Flink.Error.INVALID_ARGUMENT, job.get_job_id(), URL)
        return
    location = sync(job).trigger_savepoint(None, Flink.SavepointFormat.CANONICAL)
    assert_savepoint_on_disk(location)
    assert local_path(location).startswith(default_dir)
    Cluster.first_savepoint = location


def test_savepoint_directory_native(client):
    directory = work_dir("savepoints")
    location = sync(Cluster.stream).trigger_savepoint(directory, Flink.SavepointFormat.NATIVE)
    assert_savepoint_on_disk(location)
    assert local_path(location).startswith(directory)
    if Cluster.first_savepoint is None:
        Cluster.first_savepoint = location
    assert sync(Cluster.stream).get_job_status() == Flink.JobStatus.RUNNING


def test_start_savepoint_and_await(client):
    job = Cluster.stream
    directory = work_dir("handle-savepoints")
    handle = sync(job).start_savepoint(directory, Flink.SavepointFormat.CANONICAL)
    assert isinstance(handle, Flink.OperationHandle)
    assert handle.get_kind() == Flink.OperationKind.SAVEPOINT
    assert handle.get_job_id() == job.get_job_id()
    assert len(handle.get_trigger_id()) == 32
    assert handle.get_start_time() > 0
    assert handle.props.trigger_id == handle.get_trigger_id()

    # The handle as text, read back, as another process would.
    text = handle.to_string()
    again = Flink.OperationHandle.new_from_string(text)
    assert (again.get_kind(), again.get_job_id(), again.get_trigger_id(), again.get_start_time()) == \
        (handle.get_kind(), handle.get_job_id(), handle.get_trigger_id(), handle.get_start_time())
    location = sync(client).await_savepoint(again)
    assert_savepoint_on_disk(location)
    assert local_path(location).startswith(directory)
    assert sync(client).await_savepoint(handle) == location

    with pytest.raises(GLib.Error) as excinfo:
        sync(client).await_checkpoint(handle)
    assert_flink_error(excinfo, Flink.Error.INVALID_ARGUMENT)


def test_checkpoints(client):
    job = Cluster.stream
    first = sync(job).trigger_checkpoint(Flink.CheckpointType.CONFIGURED)
    assert first > 0
    handle = sync(job).start_checkpoint(Flink.CheckpointType.FULL)
    assert handle.get_kind() == Flink.OperationKind.CHECKPOINT
    assert handle.get_job_id() == job.get_job_id()
    second = sync(client).await_checkpoint(handle)
    assert second > first
    with pytest.raises(GLib.Error) as excinfo:
        sync(client).await_savepoint(handle)
    assert_flink_error(excinfo, Flink.Error.INVALID_ARGUMENT)
    assert sync(job).get_job_status() == Flink.JobStatus.RUNNING


def test_resource_requirements_need_the_adaptive_scheduler(client):
    # The harness's main cluster runs Flink's default scheduler, which keeps
    # no resource requirements: both calls fail clearly (the suite "adaptive"
    # rescales for real, tests/test-rescale.c).
    job = Cluster.stream
    with pytest.raises(GLib.Error) as excinfo:
        sync(job).get_resource_requirements()
    assert_flink_error(excinfo, Flink.Error.NOT_SUPPORTED, job.get_job_id(),
                       client.get_url(), "jobmanager.scheduler: adaptive")

    details = sync(job).get_job_details()
    vertex_ids = [vertex.get_id() for vertex in details.get_vertices()]
    requirements = Flink.JobResourceRequirements.new()
    for vertex_id in vertex_ids:
        requirements.set_parallelism(vertex_id, 1, 2)
    assert requirements.get_vertex_ids() == vertex_ids
    assert requirements.get_parallelism(vertex_ids[0]) == (True, 1, 2)
    assert requirements.get_parallelism("0" * 32) == (False, 0, 0)
    with pytest.raises(GLib.Error) as excinfo:
        sync(job).set_resource_requirements(requirements)
    assert_flink_error(excinfo, Flink.Error.NOT_SUPPORTED, job.get_job_id(),
                       "jobmanager.scheduler: adaptive")

    # Bounds that cannot work fail before anything is sent.
    requirements.set_parallelism(vertex_ids[0], 3, 2)
    with pytest.raises(GLib.Error) as excinfo:
        sync(job).set_resource_requirements(requirements)
    assert_flink_error(excinfo, Flink.Error.INVALID_ARGUMENT, job.get_job_id(),
                       "lower bound 3 is above the upper bound 2")
    assert sync(job).get_job_status() == Flink.JobStatus.RUNNING


def test_stop_with_savepoint(client):
    job = Cluster.stream
    directory = work_dir("stop-savepoints")
    Cluster.stop_savepoint = sync(job).stop_with_savepoint(
        False, directory, Flink.SavepointFormat.CANONICAL)
    assert_savepoint_on_disk(Cluster.stop_savepoint)
    assert local_path(Cluster.stop_savepoint).startswith(directory)

    # A stopped job ends FINISHED and its result says it succeeded.
    assert wait_for_status(job, Flink.JobStatus.FINISHED)
    result = sync(job).get_job_execution_result()
    assert isinstance(result, Flink.JobResult)
    assert result.get_job_id() == job.get_job_id()
    assert result.get_application_status() == Flink.ApplicationStatus.SUCCEEDED
    assert result.get_failure_class() is None
    assert result.get_failure_message() is None
    assert result.get_failure_stack_trace() is None
    assert result.get_root_cause_class() is None
    assert result.get_root_cause_message() is None
    names = [a.get_name() for a in result.get_accumulators()]
    assert "records" in names

    Cluster.records_at_stop = accumulator_value(job, "records")
    assert Cluster.records_at_stop > 0

    overview = find_in_job_list(client, job)
    assert overview.get_status() == Flink.JobStatus.FINISHED
    assert overview.get_end_time() > 0

    # Waiting on an ended job: any globally terminal status is there; any
    # other never will be.
    assert sync(job).wait_for_status([], 0) == Flink.JobStatus.FINISHED
    with pytest.raises(GLib.Error) as excinfo:
        sync(job).wait_for_status([Flink.JobStatus.RUNNING], 10)
    assert_flink_error(excinfo, Flink.Error.CONFLICT, job.get_job_id())


def test_stop_finished_job(client):
    job = Cluster.stream
    with pytest.raises(GLib.Error) as excinfo:
        sync(job).stop_with_savepoint(True, work_dir("never"), Flink.SavepointFormat.CANONICAL)
    assert_flink_error(excinfo, Flink.Error.CONFLICT, job.get_job_id(), URL,
                       "the job has ended: it is FINISHED")


def test_cancel_finished_job(client):
    job = Cluster.stream
    with pytest.raises(GLib.Error) as excinfo:
        sync(job).cancel()
    assert_flink_error(excinfo, Flink.Error.CONFLICT, job.get_job_id(), URL)


def test_restore_from_savepoint_and_stop(client):
    restored = submit(client, COUNTER_CLASS, ["--name", STREAM_NAME],
                      savepoint_path=Cluster.stop_savepoint,
                      allow_non_restored_state=True,
                      claim_mode=Flink.ClaimMode.NO_CLAIM)
    assert restored.get_job_id() != Cluster.stream.get_job_id()
    assert wait_for_status(restored, Flink.JobStatus.RUNNING)
    assert wait_for_all_running(restored)

    # The count lives in the job's state: it resumes where it stopped.
    records = wait_for_records(restored, Cluster.records_at_stop)
    assert records > Cluster.records_at_stop

    # Stop it again, this time through a handle, draining.
    directory = work_dir("drain-savepoints")
    handle = sync(restored).start_stop_with_savepoint(True, directory, Flink.SavepointFormat.NATIVE)
    assert handle.get_kind() == Flink.OperationKind.STOP_WITH_SAVEPOINT
    assert handle.get_job_id() == restored.get_job_id()
    location = sync(client).await_savepoint(handle)
    assert_savepoint_on_disk(location)
    assert local_path(location).startswith(directory)
    assert wait_for_status(restored, Flink.JobStatus.FINISHED)
    result = sync(restored).get_job_execution_result()
    assert result.props.application_status == Flink.ApplicationStatus.SUCCEEDED


# ---- Bounded and failing jobs --------------------------------------------

def test_bounded_job_result(client):
    job = submit(client, BOUNDED_CLASS)
    result = sync(job).get_job_execution_result()
    assert result.get_job_id() == job.get_job_id()
    assert result.get_application_status() == Flink.ApplicationStatus.SUCCEEDED
    assert result.get_net_runtime() > 0
    assert result.get_failure_class() is None

    props = result.props
    assert props.job_id == job.get_job_id()
    assert props.application_status == Flink.ApplicationStatus.SUCCEEDED
    assert props.net_runtime == result.get_net_runtime()
    assert props.failure_class is None and props.failure_message is None
    assert props.failure_stack_trace is None
    assert props.root_cause_class is None and props.root_cause_message is None

    accumulators = result.get_accumulators()
    assert len(accumulators) == len(props.accumulators) >= 3
    names = [a.get_name() for a in accumulators]
    assert names == sorted(names)                     # sorted by name
    assert {"average", "records", "sum"} <= set(names)
    by_name = {a.get_name(): a for a in accumulators}
    assert by_name["records"].get_int64() == 1000
    assert by_name["sum"].get_int64() == 500500
    assert by_name["average"].get_double() == pytest.approx(500.5)
    assert accumulators[names.index("sum")].props.value == "500500"
    # An average is no integer.
    with pytest.raises(GLib.Error) as excinfo:
        by_name["average"].get_int64()
    assert_flink_error(excinfo, Flink.Error.INVALID_ARGUMENT)

    assert sync(job).get_job_status() == Flink.JobStatus.FINISHED
    details = wait_for_details(job, Flink.JobStatus.FINISHED)
    assert details.get_job_type() in ("STREAMING", "BATCH")
    assert details.get_name() == "flinkjob-bounded-count"
    assert all(v.get_status() == Flink.ExecutionState.FINISHED for v in details.get_vertices())
    assert all(v.get_end_time() >= v.get_start_time() for v in details.get_vertices())


def test_failing_job_result(client):
    job = submit(client, FAILING_CLASS)
    result = sync(job).get_job_execution_result()
    assert result.get_application_status() == Flink.ApplicationStatus.FAILED
    assert result.get_failure_class()
    assert result.get_failure_message() is None or isinstance(result.get_failure_message(), str)
    assert "ExpectedFailure" in result.get_failure_stack_trace()
    assert result.get_root_cause_class() == EXPECTED_FAILURE
    assert result.get_root_cause_message() == "flinkjob test failure"
    assert result.props.root_cause_class == EXPECTED_FAILURE
    assert result.props.failure_class == result.get_failure_class()
    assert result.props.failure_stack_trace == result.get_failure_stack_trace()
    assert wait_for_status(job, Flink.JobStatus.FAILED, 5)

    # The exception history: what made the job fail, and the task failures
    # of that moment.
    history = sync(job).get_exception_history(0)
    assert isinstance(history, Gio.ListModel)
    assert history.get_item_type() == Flink.ExceptionInfo.__gtype__
    assert len(history) >= 1
    entry = history[0]
    assert entry.get_exception_name()
    assert entry.props.exception_name == entry.get_exception_name()
    assert entry.get_message() == entry.props.message
    assert "ExpectedFailure" in entry.get_stack_trace()
    assert entry.props.stack_trace == entry.get_stack_trace()
    assert entry.get_root_cause_class() == EXPECTED_FAILURE
    assert entry.get_root_cause_message() == "flinkjob test failure"
    assert entry.props.root_cause_class == EXPECTED_FAILURE
    assert entry.props.root_cause_message == "flinkjob test failure"
    assert entry.get_timestamp() > 0 and entry.props.timestamp == entry.get_timestamp()
    assert entry.get_failure_labels() == {}
    assert entry.get_task_name() == entry.props.task_name
    assert entry.get_endpoint() == entry.props.endpoint
    assert entry.get_task_manager_id() == entry.props.task_manager_id
    concurrent = entry.get_concurrent_exceptions()
    assert len(concurrent) >= 1
    task_failure = concurrent[0]
    assert task_failure.get_exception_name() == EXPECTED_FAILURE
    assert task_failure.get_message() == "flinkjob test failure"
    assert "fail-after" in task_failure.get_task_name()
    assert len(task_failure.get_concurrent_exceptions()) == 0
    assert len(sync(job).get_exception_history(1)) == 1
    assert sync(job).get_job_details().get_all_tasks_running() is False


# ---- Jars ----------------------------------------------------------------

def find_jar(client, jar_id):
    jars = sync(client).list_jars()
    assert jars.get_item_type() == Flink.Jar.__gtype__
    for jar in jars:
        if jar.get_id() == jar_id:
            return jar
    return None


def test_jars(client):
    jar_id = sync(client).upload_jar(jobs_jar())
    assert jar_id.endswith(".jar")
    jar = find_jar(client, jar_id)
    assert jar is not None
    assert jar.get_name().endswith(".jar")
    assert jar.get_uploaded() > 0
    assert COUNTER_CLASS in jar.get_entry_classes()
    assert (jar.props.id, jar.props.name, jar.props.uploaded, list(jar.props.entry_classes)) == \
        (jar.get_id(), jar.get_name(), jar.get_uploaded(), list(jar.get_entry_classes()))

    # Run it with a job id of our choosing.
    job_id = os.urandom(16).hex()
    options = Flink.RunOptions(entry_class=BOUNDED_CLASS, job_id=job_id, parallelism=1)
    job = sync(client).run_jar(jar_id, options)
    Cluster.started.append(job)
    assert job.get_job_id() == job_id
    result = sync(job).get_job_execution_result()
    assert result.get_application_status() == Flink.ApplicationStatus.SUCCEEDED

    # The same job id again: the cluster refuses a second job.
    with pytest.raises(GLib.Error) as excinfo:
        job = sync(client).run_jar(jar_id, options)
        Cluster.started.append(job)
    assert excinfo.value.matches(Flink.error_quark(), excinfo.value.code)
    assert jar_id in excinfo.value.message

    assert sync(client).delete_jar(jar_id) is True
    assert find_jar(client, jar_id) is None

    with pytest.raises(GLib.Error) as excinfo:
        sync(client).run_jar(jar_id, None)
    assert excinfo.value.domain == GLib.quark_to_string(Flink.error_quark())
    assert jar_id in excinfo.value.message and URL in excinfo.value.message


def test_upload_not_a_jar(client, tmp_path):
    path = tmp_path / "not-a-jar.jar"
    path.write_text("this is text, not a zip archive\n")
    with pytest.raises(GLib.Error) as excinfo:
        sync(client).upload_jar(Gio.File.new_for_path(str(path)))
    assert_flink_error(excinfo, Flink.Error.INVALID_ARGUMENT, str(path), URL)


def test_submit_missing_entry_class(client):
    options = Flink.RunOptions(entry_class="org.flinkjob.testjobs.NoSuchJob")
    with pytest.raises(GLib.Error) as excinfo:
        job = sync(client).submit_jar(jobs_jar(), options)
        Cluster.started.append(job)
    assert excinfo.value.domain == GLib.quark_to_string(Flink.error_quark())
    assert "org.flinkjob.testjobs.NoSuchJob" in excinfo.value.message
    # The uploaded copy is deleted all the same.
    assert all(COUNTER_CLASS not in jar.get_entry_classes() for jar in sync(client).list_jars())


def test_submit_bad_job_id(client):
    options = Flink.RunOptions(entry_class=BOUNDED_CLASS, job_id="not-a-job-id")
    with pytest.raises(GLib.Error) as excinfo:
        job = sync(client).submit_jar(jobs_jar(), options)
        Cluster.started.append(job)
    assert_flink_error(excinfo, Flink.Error.INVALID_ARGUMENT, "not-a-job-id")


# ---- Savepoint disposal --------------------------------------------------

def test_dispose_savepoint(client):
    assert Cluster.first_savepoint is not None
    path = local_path(Cluster.first_savepoint)
    assert os.path.isdir(path)
    assert sync(client).dispose_savepoint(Cluster.first_savepoint) is True
    assert not os.path.exists(path)

    # Disposing of it again: it is not there any more.
    with pytest.raises(GLib.Error) as excinfo:
        sync(client).dispose_savepoint(Cluster.first_savepoint)
    assert_flink_error(excinfo, Flink.Error.NOT_FOUND, URL)


# ---- Bad input -----------------------------------------------------------

def test_unknown_job(client):
    unknown = "f" * 32
    job = client.get_job_client(unknown)
    assert job.get_job_id() == unknown
    for verb in ("get_job_status", "get_job_details", "get_accumulators",
                 "get_job_execution_result", "cancel"):
        with pytest.raises(GLib.Error) as excinfo:
            getattr(sync(job), verb)()
        assert_flink_error(excinfo, Flink.Error.NOT_FOUND, unknown, URL)
    with pytest.raises(GLib.Error) as excinfo:
        sync(job).get_exception_history(0)
    assert_flink_error(excinfo, Flink.Error.NOT_FOUND, unknown)
    with pytest.raises(GLib.Error) as excinfo:
        sync(job).wait_for_status([], 10)
    assert_flink_error(excinfo, Flink.Error.NOT_FOUND, unknown)
    with pytest.raises(GLib.Error) as excinfo:
        sync(job).trigger_savepoint(work_dir("never"), Flink.SavepointFormat.CANONICAL)
    assert_flink_error(excinfo, Flink.Error.NOT_FOUND, unknown)

    # Handles on operations of a job the cluster does not know.
    now = int(time.time() * 1000)
    for kind, verb in (("savepoint", "await_savepoint"), ("checkpoint", "await_checkpoint")):
        handle = Flink.OperationHandle.new_from_string(
            f"flinkjob-operation/1 {kind} {unknown} {'a' * 32} {now}")
        with pytest.raises(GLib.Error) as excinfo:
            getattr(sync(client), verb)(handle)
        assert_flink_error(excinfo, Flink.Error.NOT_FOUND, unknown)


def test_malformed_job_id(client):
    with pytest.raises(GLib.Error) as excinfo:
        client.get_job_client("not-a-job-id")
    assert_flink_error(excinfo, Flink.Error.INVALID_ARGUMENT, "not-a-job-id", URL)


def test_cancelled_wait(client):
    """A cancelled wait ends promptly with G_IO_ERROR_CANCELLED and leaves
    the job running. This one uses the callback API without helpers."""
    job = submit(client, COUNTER_CLASS)
    assert wait_for_status(job, Flink.JobStatus.RUNNING)

    cancellable = Gio.Cancellable()
    loop = GLib.MainLoop()
    outcome = {}

    def result_cb(source, result):
        assert source is job
        try:
            outcome["result"] = job.get_job_execution_result_finish(result)
        except GLib.Error as error:
            outcome["error"] = error
        loop.quit()

    def cancel_cb():
        cancellable.cancel()
        return GLib.SOURCE_REMOVE

    job.get_job_execution_result_async(cancellable, result_cb)
    GLib.timeout_add(300, cancel_cb)
    flink_test_utils.run_loop(loop, "the cancelled get_job_execution_result_async to call back", 60)
    assert "result" not in outcome
    assert outcome["error"].matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED)
    assert sync(job).get_job_status() == Flink.JobStatus.RUNNING

    # An already cancelled cancellable stops a call before it starts.
    with pytest.raises(GLib.Error) as excinfo:
        sync(job, cancellable).get_job_status()
    assert excinfo.value.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED)

    # Cancel: accepted, then CANCELED, and the result says so.
    assert sync(job).cancel() is True
    assert wait_for_status(job, Flink.JobStatus.CANCELED)
    result = sync(job).get_job_execution_result()
    assert result.get_application_status() == Flink.ApplicationStatus.CANCELED
    assert result.props.application_status == Flink.ApplicationStatus.CANCELED
    # The cluster caches job details for web.refresh-interval (3 s): they
    # catch up with the status a little later.
    details = wait_for_details(job, Flink.JobStatus.CANCELED)
    assert details.get_end_time() >= details.get_start_time() > 0
    assert details.get_status_timestamp(Flink.JobStatus.CANCELED) > 0

    # Cancelling a cancelled job again is accepted.
    assert sync(job).cancel() is True


# ---- Deploying clusters on this machine ------------------------------------
#
# FLINK_HOME names a Flink distribution (the harness's ~/.cache/flinkjob/
# flink-VERSION is one). The test that starts a cluster of its own runs only
# with FLINKJOB_DEPLOY_TESTS=1, which meson's suite "deploy" sets, without a
# harness cluster: one cluster of ours at a time.

FLINK_HOME = os.environ.get("FLINK_HOME") or None
DEPLOY_TESTS = os.environ.get("FLINKJOB_DEPLOY_TESTS") == "1"


def small_spec(work_directory, taskmanagers=1, slots=1):
    """A specification of small JVMs: this machine's cores are shared."""
    spec = Flink.ClusterSpecification.new()
    spec.set_taskmanager_count(taskmanagers)
    spec.set_slots_per_taskmanager(slots)
    spec.set_jobmanager_memory_mb(1024)
    spec.set_taskmanager_memory_mb(1024)
    spec.set_config("taskmanager.memory.managed.size", "64m")
    spec.set_work_directory(str(work_directory))
    spec.set_startup_timeout(STATUS_WAIT_S)
    return spec


def cluster_pids(cluster_id):
    """The pids of the processes whose command line names the cluster's
    work directory."""
    marker = (cluster_id + "/").encode()
    pids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/cmdline", "rb") as handle:
                if marker in handle.read():
                    with open(f"/proc/{name}/stat") as stat:
                        if stat.read().rsplit(")", 1)[1].split()[0] != "Z":
                            pids.append(int(name))
        except OSError:
            pass
    return pids


def port_is_free(port):
    import socket
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def test_cluster_specification_properties():
    spec = Flink.ClusterSpecification.new()
    assert isinstance(Flink.ClusterSpecification(), Flink.ClusterSpecification)
    assert spec.get_taskmanager_count() == 1
    assert spec.get_slots_per_taskmanager() == 0
    assert spec.get_jobmanager_memory_mb() == 0
    assert spec.get_taskmanager_memory_mb() == 0
    assert spec.get_work_directory() is None
    assert spec.get_startup_timeout() > 0
    spec.set_taskmanager_count(2)
    spec.set_slots_per_taskmanager(3)
    spec.set_jobmanager_memory_mb(1024)
    spec.set_taskmanager_memory_mb(1500)
    spec.set_work_directory("/tmp/flinkjob-python-spec")
    spec.set_startup_timeout(60)
    assert spec.props.taskmanager_count == 2
    assert spec.props.slots_per_taskmanager == 3
    assert spec.props.jobmanager_memory_mb == 1024
    assert spec.props.taskmanager_memory_mb == 1500
    assert spec.props.work_directory == "/tmp/flinkjob-python-spec"
    assert spec.props.startup_timeout == 60
    spec.set_config("state.backend.type", "hashmap")
    spec.set_config("parallelism.default", "2")
    spec.set_config("rest.port", "8081")
    spec.set_config("rest.port", None)
    assert spec.get_config_keys() == ["parallelism.default", "state.backend.type"]
    assert spec.get_config("state.backend.type") == "hashmap"
    assert spec.get_config("rest.port") is None
    assert int(Flink.DeployFlags.DETACHED) == 1 and int(Flink.DeployFlags.NONE) == 0


def test_deploy_errors(tmp_path):
    """Each bad input is a clear error, before any JVM starts."""
    with pytest.raises(GLib.Error) as excinfo:
        Flink.ClusterDescriptor.new_for_distribution(str(tmp_path))
    assert_flink_error(excinfo, Flink.Error.INVALID_ARGUMENT, str(tmp_path),
                       "not a Flink distribution")
    with pytest.raises(GLib.Error) as excinfo:
        Flink.ClusterDescriptor.new_for_pyflink("no-such-python3")
    assert_flink_error(excinfo, Flink.Error.NOT_FOUND, "no-such-python3")
    with pytest.raises(GLib.Error) as excinfo:
        Flink.ClusterDescriptor.new_for_cluster_id(str(tmp_path / "no-cluster"))
    assert_flink_error(excinfo, Flink.Error.NOT_FOUND, str(tmp_path / "no-cluster"))
    if FLINK_HOME is None or not os.environ.get("FLINKJOB_TEST_JOBS_JAR"):
        pytest.skip("no Flink distribution: set FLINK_HOME and FLINKJOB_TEST_JOBS_JAR")

    descriptor = Flink.ClusterDescriptor.new_for_distribution(FLINK_HOME)
    assert descriptor.get_flink_home() == os.path.normpath(os.path.abspath(FLINK_HOME))
    assert descriptor.get_cluster_id() is None

    # No Java there.
    descriptor.set_java_home(str(tmp_path / "no-jdk"))
    assert descriptor.get_java_home() == str(tmp_path / "no-jdk")
    with pytest.raises(GLib.Error) as excinfo:
        sync(descriptor).deploy_session_cluster(None, Flink.DeployFlags.NONE)
    assert_flink_error(excinfo, Flink.Error.NOT_FOUND, str(tmp_path / "no-jdk"))
    descriptor.props.java_home = None

    # rest.port taken.
    import socket
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        spec = small_spec(tmp_path / "port-in-use")
        spec.set_config("rest.port", port)
        with pytest.raises(GLib.Error) as excinfo:
            sync(descriptor).deploy_session_cluster(spec, Flink.DeployFlags.DETACHED)
        assert_flink_error(excinfo, Flink.Error.CONFLICT, "rest.port", port)

    # A jar without the entry class.
    options = Flink.RunOptions.new()
    options.set_entry_class("org.flinkjob.testjobs.NoSuchJob")
    with pytest.raises(GLib.Error) as excinfo:
        sync(descriptor).deploy_application_cluster(small_spec(tmp_path / "app"), jobs_jar(),
                                                   options, Flink.DeployFlags.NONE)
    assert_flink_error(excinfo, Flink.Error.INVALID_ARGUMENT,
                       "org.flinkjob.testjobs.NoSuchJob", jobs_jar().get_path())


def test_deploy_application_cluster(tmp_path):
    """An application cluster runs the bounded job to its result, can be
    retrieved by its id, and goes away once the job client is dropped."""
    if not DEPLOY_TESTS:
        pytest.skip("deploys a cluster: run in meson's suite deploy (FLINKJOB_DEPLOY_TESTS=1)")
    assert FLINK_HOME, "FLINKJOB_DEPLOY_TESTS=1 needs FLINK_HOME"
    descriptor = Flink.ClusterDescriptor.new_for_distribution(None)
    options = Flink.RunOptions.new()
    options.set_entry_class(BOUNDED_CLASS)
    options.set_program_args(["--name", "flinkjob-python-application"])
    job = sync(descriptor).deploy_application_cluster(small_spec(tmp_path / "cluster"), jobs_jar(),
                                                      options, Flink.DeployFlags.NONE)
    client = job.get_cluster_client()
    cluster_id = client.get_cluster_id()
    url = client.get_url()
    assert cluster_id == str(tmp_path / "cluster")
    assert len(cluster_pids(cluster_id)) == 2

    # Another descriptor finds it by its id.
    by_id = Flink.ClusterDescriptor.new_for_cluster_id(cluster_id)
    assert by_id.get_cluster_id() == cluster_id
    assert sync(by_id).retrieve().get_cluster_id() == cluster_id

    result = sync(job).get_job_execution_result()
    assert result.get_application_status() == Flink.ApplicationStatus.SUCCEEDED
    values = {a.get_name(): a.get_value() for a in result.get_accumulators()}
    assert values["records"] == "1000"
    assert values["sum"] == "500500"

    # The result was read: without its job client the cluster goes.
    del job, client
    port = int(url.rsplit(":", 1)[1])
    assert spin_until(lambda: not cluster_pids(cluster_id) and port_is_free(port),
                      f"cluster {cluster_id} to go away", STATUS_WAIT_S)
    # Killing a cluster that is gone is no error.
    assert sync(by_id).kill_cluster(None) is True
