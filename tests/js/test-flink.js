// test-flink.js: the whole Flink-1.0 API from GJS, against a real cluster
//
// Run by meson (suite "javascript") as `gjs -m test-flink.js`, with
// GI_TYPELIB_PATH and LD_LIBRARY_PATH pointing at the build directory; it
// prints TAP. The cluster comes from tests/flink/flink-harness.py run, which
// sets FLINK_REST_URL, FLINKJOB_TEST_JOBS_JAR, FLINKJOB_SAVEPOINT_DIR and
// FLINKJOB_TEST_WORKDIR. Without FLINK_REST_URL the cluster tests skip,
// unless FLINKJOB_REQUIRE_CLUSTER=1 says a cluster must be there.
//
// Every _async/_finish pair is wrapped with Gio._promisify, so that
// `await job.get_job_status_async(null)` returns what the _finish gives, or
// throws its GLib.Error.
//
// Every wait has a deadline: an awaited call that outlives it (CALL_WAIT_S,
// or the seconds in FLINKJOB_TEST_DEADLINE_S) and a polling loop that
// outlives its own throw DeadlineExceeded naming what they awaited, so that
// the test fails instead of hanging until meson's timeout.
//
// The tests run in order and share one cluster. The TaskManager has two
// slots: no more than two jobs run at once, and every job started here is
// cancelled at the end if it still runs.
//
// SPDX-FileCopyrightText: 2026 The flinkjob authors
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib?version=2.0';
import Gio from 'gi://Gio?version=2.0';
import Flink from 'gi://Flink?version=1.0';
import System from 'system';

const ASYNC_METHODS = {
    ClusterDescriptor: ['retrieve', 'deploy_session_cluster', 'deploy_application_cluster', 'kill_cluster'],
    ClusterClient: ['get_overview', 'list_jobs', 'upload_jar', 'list_jars', 'delete_jar',
        'run_jar', 'submit_jar', 'dispose_savepoint', 'await_savepoint', 'await_checkpoint'],
    JobClient: ['get_job_status', 'get_job_details', 'cancel', 'trigger_savepoint',
        'stop_with_savepoint', 'get_accumulators', 'get_job_execution_result',
        'start_savepoint', 'start_stop_with_savepoint', 'trigger_checkpoint', 'start_checkpoint',
        'get_exception_history', 'wait_for_status', 'get_resource_requirements',
        'set_resource_requirements'],
};
for (const [klass, verbs] of Object.entries(ASYNC_METHODS)) {
    for (const verb of verbs) {
        const proto = Flink[klass].prototype;
        Gio._promisify(proto, `${verb}_async`, `${verb}_finish`);
        const promisified = proto[`${verb}_async`];
        proto[`${verb}_async`] = function (...args) {
            const result = promisified.apply(this, args);
            // Given a callback, it is the plain C call: nothing to await.
            return result instanceof Promise ? withDeadline(result, `${klass}.${verb}_async`) : result;
        };
    }
}

const COUNTER_CLASS = 'org.flinkjob.testjobs.CounterStream';
const BOUNDED_CLASS = 'org.flinkjob.testjobs.BoundedCount';
const FAILING_CLASS = 'org.flinkjob.testjobs.FailingJob';
const EXPECTED_FAILURE = 'org.flinkjob.testjobs.FailingJob$ExpectedFailure';
const STREAM_NAME = 'flinkjob-gjs-stream';
const STATUS_WAIT_S = 120;
const CALL_WAIT_S = Number.parseInt(GLib.getenv('FLINKJOB_TEST_DEADLINE_S') ?? '', 10) || 300;

const URL = GLib.getenv('FLINK_REST_URL') || null;
const REQUIRE_CLUSTER = GLib.getenv('FLINKJOB_REQUIRE_CLUSTER') === '1';

// ---- A small TAP runner ---------------------------------------------------

// Tests that deploy a cluster of their own run only in meson's suite
// "deploy" (FLINKJOB_DEPLOY_TESTS=1), which runs no harness cluster and sets
// FLINKJOB_TEST_ONLY=deploy to run nothing else.
const DEPLOY_TESTS = GLib.getenv('FLINKJOB_DEPLOY_TESTS') === '1';
const ONLY_DEPLOY = GLib.getenv('FLINKJOB_TEST_ONLY') === 'deploy';

const tests = [];
function test(name, fn, {cluster = true, deploy = false} = {}) {
    tests.push({name, fn, cluster: cluster && !deploy, deploy});
}

class AssertionError extends Error {}

function assert(condition, message = 'assertion failed') {
    if (!condition)
        throw new AssertionError(message);
}

function assertEqual(actual, expected, what = 'value') {
    if (actual !== expected)
        throw new AssertionError(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

class DeadlineExceeded extends AssertionError {}

function deadlineExceeded(seconds, what) {
    return new DeadlineExceeded(`waited ${seconds} s for ${what}: the deadline passed ` +
        '(FLINKJOB_TEST_DEADLINE_S sets the deadline of a call)');
}

// @promise, or a rejection with DeadlineExceeded naming @what once @seconds
// have passed.
function withDeadline(promise, what, seconds = CALL_WAIT_S) {
    let source = 0;
    const deadline = new Promise((_resolve, reject) => {
        source = GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, seconds, () => {
            source = 0;
            reject(deadlineExceeded(seconds, what));
            return GLib.SOURCE_REMOVE;
        });
    });
    return Promise.race([promise, deadline]).finally(() => {
        if (source !== 0)
            GLib.source_remove(source);
    });
}

// Runs fn, which must throw a GLib.Error in @domain with @code; returns it.
async function assertThrows(fn, domain, code, ...mentions) {
    let error = null;
    try {
        await fn();
    } catch (e) {
        error = e;
    }
    assert(error !== null, 'expected an error, got none');
    assert(error instanceof GLib.Error, `expected a GLib.Error, got ${error}`);
    assert(error.matches(domain, code),
        `expected error ${GLib.quark_to_string(domain)} ${code}, got ${GLib.quark_to_string(error.domain)} ${error.code}: ${error.message}`);
    for (const text of mentions)
        assert(error.message.includes(text), `"${text}" not in "${error.message}"`);
    return error;
}

function sleep(milliseconds) {
    return new Promise(resolve => {
        GLib.timeout_add(GLib.PRIORITY_DEFAULT, milliseconds, () => {
            resolve();
            return GLib.SOURCE_REMOVE;
        });
    });
}

// A GListModel as an array (GJS 1.74 does not iterate list models).
function items(model) {
    const array = [];
    for (let i = 0; i < model.get_n_items(); i++)
        array.push(model.get_item(i));
    return array;
}

// ---- Helpers ----------------------------------------------------------------

const cluster = {
    client: null,
    started: [],
    stream: null,
    firstSavepoint: null,
    stopSavepoint: null,
    recordsAtStop: -1,
};

function jobsJar() {
    const path = GLib.getenv('FLINKJOB_TEST_JOBS_JAR');
    assert(path, 'FLINKJOB_TEST_JOBS_JAR is not set (run through flink-harness.py)');
    return Gio.File.new_for_path(path);
}

function workDir(name) {
    const base = GLib.getenv('FLINKJOB_TEST_WORKDIR') || GLib.get_tmp_dir();
    return GLib.build_filenamev([base, `gjs-${name}`]);
}

function localPath(location) {
    if (location.startsWith('file://'))
        return GLib.filename_from_uri(location)[0];
    if (location.startsWith('file:'))
        return location.substring('file:'.length);
    return location;
}

function assertSavepointOnDisk(location) {
    const path = localPath(location);
    assert(GLib.file_test(path, GLib.FileTest.IS_DIR), `${path} is not a directory`);
    assert(GLib.file_test(GLib.build_filenamev([path, '_metadata']), GLib.FileTest.IS_REGULAR),
        `${path} has no _metadata`);
}

async function submit(entryClass, props = {}) {
    const options = Flink.RunOptions.new();
    options.set_entry_class(entryClass);
    for (const [name, value] of Object.entries(props))
        options[name] = value;
    const job = await cluster.client.submit_jar_async(jobsJar(), options, null);
    cluster.started.push(job);
    assert(job instanceof Flink.JobClient);
    assertEqual(job.get_job_id().length, 32, 'job id length');
    return job;
}

// Calls the async @probe every @interval ms until it gives something other
// than undefined, and returns that; past @seconds throws DeadlineExceeded
// naming @what (a string, or a function that makes one then).
async function pollUntil(probe, what, seconds, interval = 200) {
    const deadline = GLib.get_monotonic_time() + seconds * 1000000;
    for (;;) {
        // eslint-disable-next-line no-await-in-loop
        const value = await probe();
        if (value !== undefined)
            return value;
        if (GLib.get_monotonic_time() > deadline)
            throw deadlineExceeded(seconds, typeof what === 'function' ? what() : what);
        // eslint-disable-next-line no-await-in-loop
        await sleep(interval);
    }
}

const statusName = status => Flink.JobStatus.to_string(status);

// Polls until the job is @wanted; throws if it ends otherwise or the
// deadline passes.
function waitForStatus(job, wanted, seconds = STATUS_WAIT_S) {
    let last = Flink.JobStatus.UNKNOWN;
    return pollUntil(async () => {
        last = await job.get_job_status_async(null);
        if (last === wanted)
            return true;
        assert(!Flink.JobStatus.is_globally_terminal(last),
            `job ${job.get_job_id()} ended ${statusName(last)}, never ${statusName(wanted)}`);
        return undefined;
    }, () => `job ${job.get_job_id()} to be ${statusName(wanted)} (it is ${statusName(last)})`, seconds);
}

function waitForAllRunning(job, seconds = STATUS_WAIT_S) {
    return pollUntil(async () => {
        const details = await job.get_job_details_async(null);
        const vertices = items(details.get_vertices());
        const everyVertex = details.get_status() === Flink.JobStatus.RUNNING && vertices.length > 0 &&
            vertices.every(v => v.get_status() === Flink.ExecutionState.RUNNING);
        assertEqual(details.get_all_tasks_running(), everyVertex, 'all tasks running');
        return everyVertex ? true : undefined;
    }, `every task of job ${job.get_job_id()} to run`, seconds);
}

// The cluster caches job details for web.refresh-interval (3 s).
function waitForDetails(job, wanted, seconds = 30) {
    return pollUntil(async () => {
        const details = await job.get_job_details_async(null);
        return details.get_status() === wanted ? details : undefined;
    }, `the details of job ${job.get_job_id()} to say ${statusName(wanted)}`, seconds);
}

async function accumulatorValue(job, name) {
    const accumulators = await job.get_accumulators_async(null);
    const found = items(accumulators).find(a => a.get_name() === name);
    return found ? found.get_int64() : -1;
}

function waitForRecords(job, moreThan, seconds = 60) {
    return pollUntil(async () => {
        const records = await accumulatorValue(job, 'records');
        return records > moreThan ? records : undefined;
    }, `job ${job.get_job_id()} to count more than ${moreThan} records`, seconds);
}

// Iterates the main context (awaiting short sleeps) until predicate() holds.
function spinUntil(predicate, what, seconds = 60) {
    return pollUntil(() => predicate() ? true : undefined, what, seconds, 100);
}

async function findInJobList(job) {
    const jobs = await cluster.client.list_jobs_async(null);
    assertEqual(jobs.get_item_type(), Flink.JobOverview.$gtype, 'item type');
    return items(jobs).find(o => o.get_job_id() === job.get_job_id()) ?? null;
}

async function findJar(jarId) {
    const jars = await cluster.client.list_jars_async(null);
    assertEqual(jars.get_item_type(), Flink.Jar.$gtype, 'item type');
    return items(jars).find(j => j.get_id() === jarId) ?? null;
}

function freePort() {
    const socket = new Gio.Socket({
        family: Gio.SocketFamily.IPV4,
        type: Gio.SocketType.STREAM,
        protocol: Gio.SocketProtocol.TCP,
    });
    socket.init(null);
    socket.bind(new Gio.InetSocketAddress({
        address: Gio.InetAddress.new_loopback(Gio.SocketFamily.IPV4),
        port: 0,
    }), true);
    const port = socket.get_local_address().get_port();
    socket.close();
    return port;
}

const FLINK = Flink.error_quark();

// ---- Without a cluster ------------------------------------------------------

test('library version', () => {
    const major = Flink.library_get_major_version();
    const minor = Flink.library_get_minor_version();
    const micro = Flink.library_get_micro_version();
    assert(major > 0 || minor > 0 || micro > 0);
    assert(Flink.library_check_version(major, minor, micro));
    assert(Flink.library_check_version(0, 0, 0));
    assert(!Flink.library_check_version(major + 1, 0, 0));
    assert(!Flink.library_check_version(major, minor, micro + 1));
}, {cluster: false});

test('job status helpers', () => {
    assertEqual(Flink.JobStatus.to_string(Flink.JobStatus.RUNNING), 'RUNNING');
    assertEqual(Flink.job_status_to_string(Flink.JobStatus.CANCELED), 'CANCELED');
    assertEqual(Flink.JobStatus.from_string('FINISHED'), Flink.JobStatus.FINISHED);
    assertEqual(Flink.job_status_from_string('RESTARTING'), Flink.JobStatus.RESTARTING);
    assertEqual(Flink.JobStatus.from_string('running'), Flink.JobStatus.UNKNOWN);
    assertEqual(Flink.JobStatus.from_string(null), Flink.JobStatus.UNKNOWN);
    const globally = [Flink.JobStatus.FINISHED, Flink.JobStatus.CANCELED, Flink.JobStatus.FAILED];
    for (const status of Object.values(Flink.JobStatus).filter(v => typeof v === 'number')) {
        assertEqual(Flink.JobStatus.from_string(Flink.JobStatus.to_string(status)), status, 'round trip');
        assertEqual(Flink.JobStatus.is_globally_terminal(status), globally.includes(status), 'globally terminal');
        assertEqual(Flink.job_status_is_globally_terminal(status), globally.includes(status), 'globally terminal');
        assertEqual(Flink.JobStatus.is_terminal(status),
            globally.includes(status) || status === Flink.JobStatus.SUSPENDED, 'terminal');
        assertEqual(Flink.job_status_is_terminal(status), Flink.JobStatus.is_terminal(status), 'terminal');
    }
}, {cluster: false});

test('ids', () => {
    assertEqual(Flink.job_id_is_valid('0123456789abcdef0123456789ABCDEF'), true);
    assertEqual(Flink.job_id_is_valid('0123456789abcdef'), false);
    assertEqual(Flink.job_id_is_valid(null), false);
    assertEqual(Flink.Jar.id_is_valid('5f0c2d1e_job.jar'), true);
    assertEqual(Flink.Jar.id_is_valid('../job.jar'), false);
    assertEqual(Flink.Jar.id_is_valid(''), false);
}, {cluster: false});

test('other enum helpers', () => {
    assertEqual(Flink.ExecutionState.to_string(Flink.ExecutionState.DEPLOYING), 'DEPLOYING');
    assertEqual(Flink.execution_state_to_string(Flink.ExecutionState.RUNNING), 'RUNNING');
    assertEqual(Flink.ExecutionState.from_string('SCHEDULED'), Flink.ExecutionState.SCHEDULED);
    assertEqual(Flink.execution_state_from_string('INITIALIZING'), Flink.ExecutionState.INITIALIZING);
    assertEqual(Flink.ExecutionState.from_string(null), Flink.ExecutionState.UNKNOWN);
    assertEqual(Flink.ApplicationStatus.to_string(Flink.ApplicationStatus.SUCCEEDED), 'SUCCEEDED');
    assertEqual(Flink.application_status_to_string(Flink.ApplicationStatus.CANCELED), 'CANCELED');
    assertEqual(Flink.ApplicationStatus.from_string('FAILED'), Flink.ApplicationStatus.FAILED);
    assertEqual(Flink.application_status_from_string('bogus'), Flink.ApplicationStatus.UNKNOWN);
    assertEqual(Flink.SavepointFormat.to_string(Flink.SavepointFormat.CANONICAL), 'CANONICAL');
    assertEqual(Flink.savepoint_format_to_string(Flink.SavepointFormat.NATIVE), 'NATIVE');
    assertEqual(Flink.ClaimMode.to_string(Flink.ClaimMode.NO_CLAIM), 'NO_CLAIM');
    assertEqual(Flink.claim_mode_to_string(Flink.ClaimMode.CLAIM), 'CLAIM');
    assertEqual(Flink.OperationKind.to_string(Flink.OperationKind.SAVEPOINT), 'savepoint');
    assertEqual(Flink.operation_kind_to_string(Flink.OperationKind.STOP_WITH_SAVEPOINT), 'stop-with-savepoint');
    assertEqual(Flink.CheckpointType.to_string(Flink.CheckpointType.CONFIGURED), 'CONFIGURED');
    assertEqual(Flink.checkpoint_type_to_string(Flink.CheckpointType.FULL), 'FULL');
}, {cluster: false});

test('error domain', () => {
    assertEqual(Flink.error_quark(), Flink.Error.quark());
    assertEqual(GLib.quark_to_string(FLINK), 'flink-error-quark');
    const error = new GLib.Error(FLINK, Flink.Error.NOT_FOUND, 'gone');
    assert(error.matches(FLINK, Flink.Error.NOT_FOUND));
    assert(error.matches(Flink.Error, Flink.Error.NOT_FOUND));
    assert(!error.matches(FLINK, Flink.Error.CONFLICT));
}, {cluster: false});

test('run options properties', () => {
    const options = Flink.RunOptions.new();
    assertEqual(options.get_entry_class(), null, 'entry class');
    assert(!options.get_program_args() || options.get_program_args().length === 0, 'program args');
    assertEqual(options.get_parallelism(), 0, 'parallelism');
    assertEqual(options.get_job_id(), null, 'job id');
    assertEqual(options.get_savepoint_path(), null, 'savepoint path');
    assertEqual(options.get_allow_non_restored_state(), false, 'allow non restored');
    assertEqual(options.get_claim_mode(), Flink.ClaimMode.NO_CLAIM, 'claim mode');

    options.set_entry_class(COUNTER_CLASS);
    options.set_program_args(['--name', 'a b']);
    options.set_parallelism(3);
    options.set_job_id('0123456789abcdef0123456789abcdef');
    options.set_savepoint_path('file:/tmp/savepoint-x');
    options.set_allow_non_restored_state(true);
    options.set_claim_mode(Flink.ClaimMode.CLAIM);
    assertEqual(options.get_entry_class(), COUNTER_CLASS);
    assertEqual(options.get_program_args().join('|'), '--name|a b');
    assertEqual(options.get_parallelism(), 3);
    assertEqual(options.get_job_id(), '0123456789abcdef0123456789abcdef');
    assertEqual(options.get_savepoint_path(), 'file:/tmp/savepoint-x');
    assertEqual(options.get_allow_non_restored_state(), true);
    assertEqual(options.get_claim_mode(), Flink.ClaimMode.CLAIM);

    // Properties, in both spellings GJS offers.
    assertEqual(options.entry_class, COUNTER_CLASS);
    assertEqual(options.entryClass, COUNTER_CLASS);
    assertEqual(options.program_args.join('|'), '--name|a b');
    assertEqual(options.parallelism, 3);
    assertEqual(options.jobId, '0123456789abcdef0123456789abcdef');
    assertEqual(options.savepointPath, 'file:/tmp/savepoint-x');
    assertEqual(options.allowNonRestoredState, true);
    assertEqual(options.claimMode, Flink.ClaimMode.CLAIM);
    options.entryClass = BOUNDED_CLASS;
    options.programArgs = ['--count', '5'];
    options.parallelism = 1;
    options.jobId = null;
    options.savepointPath = null;
    options.allowNonRestoredState = false;
    options.claimMode = Flink.ClaimMode.NO_CLAIM;
    assertEqual(options.get_entry_class(), BOUNDED_CLASS);
    assertEqual(options.get_program_args().join('|'), '--count|5');
    assertEqual(options.get_parallelism(), 1);
    assertEqual(options.get_job_id(), null);
    assertEqual(options.get_savepoint_path(), null);
    assertEqual(options.get_allow_non_restored_state(), false);
    assertEqual(options.get_claim_mode(), Flink.ClaimMode.NO_CLAIM);

    const built = new Flink.RunOptions({entry_class: FAILING_CLASS, parallelism: 2});
    assertEqual(built.get_entry_class(), FAILING_CLASS);
    assertEqual(built.parallelism, 2);
}, {cluster: false});

test('cluster descriptor for a URL', () => {
    const descriptor = Flink.ClusterDescriptor.new_for_url('http://flink.example:8081');
    assertEqual(descriptor.get_url(), 'http://flink.example:8081');
    assertEqual(descriptor.url, descriptor.get_url());
    assert(descriptor.get_timeout() > 0, 'default timeout');
    assert(descriptor.get_user_agent().startsWith('flinkjob/'), 'default user agent');
    descriptor.set_timeout(7);
    assertEqual(descriptor.get_timeout(), 7);
    assertEqual(descriptor.timeout, 7);
    descriptor.set_user_agent('gjs-tests/1.0');
    assertEqual(descriptor.get_user_agent(), 'gjs-tests/1.0');
    assertEqual(descriptor.userAgent, 'gjs-tests/1.0');
    descriptor.set_user_agent(null);
    assert(descriptor.get_user_agent().startsWith('flinkjob/'));
}, {cluster: false});

test('cluster descriptor for a bad URL', async () => {
    for (const url of ['ftp://flink.example', '', 'not a url'])
        // eslint-disable-next-line no-await-in-loop
        await assertThrows(() => Flink.ClusterDescriptor.new_for_url(url), FLINK, Flink.Error.INVALID_ARGUMENT);
}, {cluster: false});

test('cluster descriptor for several URLs', async () => {
    const urls = ['http://jm-1.example:8081', 'http://jm-2.example:8081'];
    const descriptor = Flink.ClusterDescriptor.new_for_urls(urls);
    assertEqual(descriptor.get_urls().join(' '), urls.join(' '));
    assertEqual(descriptor.urls.join(' '), urls.join(' '));
    assertEqual(descriptor.get_url(), urls[0]);
    await assertThrows(() => Flink.ClusterDescriptor.new_for_urls([]), FLINK, Flink.Error.INVALID_ARGUMENT);
    await assertThrows(() => Flink.ClusterDescriptor.new_for_urls(['http://a.example', 'ftp://b.example']),
        FLINK, Flink.Error.INVALID_ARGUMENT);
}, {cluster: false});

test('connection settings', async () => {
    const descriptor = Flink.ClusterDescriptor.new_for_url('https://flink.example');
    assert(descriptor.get_retry_max_attempts() >= 1);
    descriptor.set_retry_max_attempts(3);
    assertEqual(descriptor.get_retry_max_attempts(), 3);
    assertEqual(descriptor.retryMaxAttempts, 3);
    descriptor.set_retry_delay(40);
    assertEqual(descriptor.get_retry_delay(), 40);
    assertEqual(descriptor.retry_delay, 40);
    assertEqual(descriptor.get_max_response_size(), 32 * 1024 * 1024);
    descriptor.set_max_response_size(1024);
    assertEqual(descriptor.get_max_response_size(), 1024);
    assertEqual(descriptor.maxResponseSize, 1024);
    descriptor.set_bearer_token('s3cr3t-token');
    descriptor.bearerToken = 's3cr3t-token';
    assertEqual(descriptor.add_header('X-Flinkjob-Test', 's3cr3t-header'), true);
    assert(!descriptor.get_url().includes('s3cr3t'));
    // A header that cannot be sent is refused, naming it, never its value.
    await assertThrows(() => descriptor.add_header('X Flinkjob', 's3cr3t-header'),
        FLINK, Flink.Error.INVALID_ARGUMENT, 'holds a space');
    const headerError = await assertThrows(
        () => descriptor.add_header('X-Flinkjob', 's3cr3t\r\nInjected: yes'),
        FLINK, Flink.Error.INVALID_ARGUMENT, 'X-Flinkjob');
    assert(!headerError.message.includes('s3cr3t'));
    descriptor.set_bearer_token(null);

    assertEqual(descriptor.get_tls_ca_file(), null);
    const dir = GLib.dir_make_tmp('flinkjob-gjs-XXXXXX');
    await assertThrows(() => descriptor.set_tls_ca_file(`${dir}/missing.pem`),
        FLINK, Flink.Error.INVALID_ARGUMENT, 'missing.pem');
    assertEqual(descriptor.get_tls_client_certificate(), null);
    if (GLib.find_program_in_path('openssl')) {
        // A self-signed certificate with its key: a client certificate, and
        // a PEM file to trust.
        const [ok, , , status] = GLib.spawn_sync(dir, ['openssl', 'req', '-x509', '-newkey', 'rsa:2048',
            '-nodes', '-keyout', 'client.key', '-out', 'client.pem', '-days', '1',
            '-subj', '/CN=flinkjob-tests'], null, GLib.SpawnFlags.SEARCH_PATH, null);
        assert(ok && status === 0, 'openssl failed');
        assertEqual(descriptor.set_tls_ca_file(`${dir}/client.pem`), true);
        assertEqual(descriptor.get_tls_ca_file(), `${dir}/client.pem`);
        assertEqual(descriptor.tlsCaFile, `${dir}/client.pem`);
        assertEqual(descriptor.set_tls_ca_file(null), true);
        assertEqual(descriptor.get_tls_ca_file(), null);
        const certificate = Gio.TlsCertificate.new_from_files(`${dir}/client.pem`, `${dir}/client.key`);
        descriptor.set_tls_client_certificate(certificate);
        assert(descriptor.get_tls_client_certificate() === certificate);
        assert(descriptor.tlsClientCertificate === certificate);
        descriptor.set_tls_client_certificate(null);
        assertEqual(descriptor.get_tls_client_certificate(), null);
        for (const name of ['client.pem', 'client.key'])
            GLib.unlink(`${dir}/${name}`);
    }
    GLib.rmdir(dir);
}, {cluster: false});

test('descriptor keystores', async () => {
    // Flink's keystores, made by keytool (tests/keystores).
    const [here] = GLib.filename_from_uri(import.meta.url);
    const keystores = GLib.build_filenamev([GLib.path_get_dirname(here), '..', 'keystores']);
    const descriptor = Flink.ClusterDescriptor.new_for_url('https://127.0.0.1:8081');
    const truststore = `${keystores}/truststore.p12`;
    assertEqual(descriptor.set_tls_truststore(truststore, 'trust-secret'), true);
    assertEqual(descriptor.get_tls_ca_file(), truststore);
    assertEqual(descriptor.set_tls_keystore(`${keystores}/keystore.jks`, 'store-secret', 'key-secret'), true);
    assert(descriptor.get_tls_client_certificate() !== null);
    await assertThrows(() => descriptor.set_tls_truststore(truststore, 'not-the-trust-secret'),
        FLINK, Flink.Error.INVALID_ARGUMENT, 'truststore.p12');
    assertEqual(descriptor.set_tls_truststore(null, null), true);
    assertEqual(descriptor.get_tls_ca_file(), null);
    assertEqual(descriptor.set_tls_keystore(null, null, null), true);
    assertEqual(descriptor.get_tls_client_certificate(), null);
}, {cluster: false});

test('operation handle from a string', async () => {
    const jobId = '3f2a'.repeat(8), triggerId = '9c1b'.repeat(8);
    const text = `flinkjob-operation/1 savepoint ${jobId} ${triggerId} 1795463204348`;
    const handle = Flink.OperationHandle.new_from_string(text);
    assertEqual(handle.get_kind(), Flink.OperationKind.SAVEPOINT);
    assertEqual(handle.get_job_id(), jobId);
    assertEqual(handle.get_trigger_id(), triggerId);
    assertEqual(handle.get_start_time(), 1795463204348);
    assertEqual(handle.get_directory(), null);
    assertEqual(handle.to_string(), text);
    const withDir = Flink.OperationHandle.new_from_string(`${text} file%3A%2F%2F%2Fsave%20points`);
    assertEqual(withDir.get_directory(), 'file:///save points');
    assertEqual(withDir.directory, 'file:///save points');
    assertEqual(handle.kind, Flink.OperationKind.SAVEPOINT);
    assertEqual(handle.jobId, jobId);
    assertEqual(handle.triggerId, triggerId);
    assertEqual(handle.startTime, 1795463204348);
    for (const bad of ['', 'garbage', text.replace(jobId, 'not-a-job-id')])
        // eslint-disable-next-line no-await-in-loop
        await assertThrows(() => Flink.OperationHandle.new_from_string(bad), FLINK, Flink.Error.INVALID_ARGUMENT);
}, {cluster: false});

test('cluster descriptor from a configuration', async () => {
    const dir = GLib.dir_make_tmp('flinkjob-gjs-XXXXXX');
    GLib.file_set_contents(`${dir}/config.yaml`, 'rest:\n  address: flink.example\n  port: 18081\n');
    assertEqual(Flink.ClusterDescriptor.new_from_config(dir).get_url(), 'http://flink.example:18081');
    GLib.file_set_contents(`${dir}/flat.yaml`, 'rest.address: other.example\nrest.port: 9000\n');
    assertEqual(Flink.ClusterDescriptor.new_from_config(`${dir}/flat.yaml`).get_url(), 'http://other.example:9000');
    GLib.setenv('FLINK_CONF_DIR', dir, true);
    assertEqual(Flink.ClusterDescriptor.new_from_config(null).get_url(), 'http://flink.example:18081');
    GLib.unsetenv('FLINK_CONF_DIR');
    await assertThrows(() => Flink.ClusterDescriptor.new_from_config(`${dir}/missing`),
        FLINK, Flink.Error.INVALID_ARGUMENT);
    for (const name of ['config.yaml', 'flat.yaml'])
        GLib.unlink(`${dir}/${name}`);
    GLib.rmdir(dir);
}, {cluster: false});

test('cluster client without contact', async () => {
    const url = `http://127.0.0.1:${freePort()}`;
    const descriptor = Flink.ClusterDescriptor.new_for_url(url);
    descriptor.set_retry_max_attempts(1);
    const client = Flink.ClusterClient.new(descriptor);
    assertEqual(client.get_url(), url);
    assertEqual(client.clusterDescriptor, descriptor);
    assertEqual(client.get_flink_version(), null);
    await assertThrows(() => client.list_jobs_async(null), FLINK, Flink.Error.CONNECTION_FAILED, url);
}, {cluster: false});

test('objects cannot be half made', () => {
    // What an object cannot live without is a construct-only property:
    // made without it, it fails at construction, with a message.
    const cases = [
        ['new Flink.JobClient()', 'needs a cluster-client and a job-id'],
        ['new Flink.ClusterClient()', 'needs a cluster-descriptor'],
        ['new Flink.JobList()', 'needs a cluster-client'],
    ];
    for (const [code, message] of cases) {
        const launcher = new Gio.SubprocessLauncher({flags: Gio.SubprocessFlags.STDERR_PIPE});
        launcher.setenv('G_DEBUG', 'fatal-criticals', true);
        const proc = launcher.spawnv(['gjs', '-c',
            `imports.gi.versions.Flink = '1.0'; const Flink = imports.gi.Flink; ${code};`]);
        const [, , stderr] = proc.communicate_utf8(null, null);
        assert(!proc.get_successful(), `${code} succeeded`);
        assert(stderr.includes(message), `${code}: ${stderr}`);
    }
}, {cluster: false});

test('retrieve when nothing listens', async () => {
    const url = `http://127.0.0.1:${freePort()}`;
    const descriptor = Flink.ClusterDescriptor.new_for_url(url);
    descriptor.set_retry_max_attempts(2);
    descriptor.set_retry_delay(10);
    await assertThrows(() => descriptor.retrieve_async(null), FLINK, Flink.Error.CONNECTION_FAILED, url);
}, {cluster: false});

// ---- The cluster --------------------------------------------------------------

test('retrieve', async () => {
    const descriptor = Flink.ClusterDescriptor.new_for_url(URL);
    cluster.client = await descriptor.retrieve_async(null);
    const client = cluster.client;
    assert(client instanceof Flink.ClusterClient);
    assertEqual(client.get_url(), URL.replace(/\/$/, ''), 'url');
    assertEqual(client.url, client.get_url());
    assert(client.get_flink_version(), 'no Flink version');
    if (GLib.getenv('FLINK_VERSION'))
        assertEqual(client.get_flink_version(), GLib.getenv('FLINK_VERSION'), 'Flink version');
    assertEqual(client.flinkVersion, client.get_flink_version());
    assert(client.get_flink_revision(), 'no revision');
    assertEqual(client.flink_revision, client.get_flink_revision());
});

test('retrieve with settings', async () => {
    // A first endpoint that refuses is passed over.
    const dead = `http://127.0.0.1:${freePort()}`;
    const descriptor = Flink.ClusterDescriptor.new_for_urls([dead, URL]);
    descriptor.timeout = 30;
    descriptor.user_agent = 'flinkjob-gjs-tests';
    descriptor.retryMaxAttempts = 2;
    descriptor.retryDelay = 10;
    descriptor.set_bearer_token('not-checked-by-flink');
    descriptor.add_header('X-Flinkjob-Test', 'gjs');
    assertEqual(descriptor.get_timeout(), 30);
    assertEqual(descriptor.get_user_agent(), 'flinkjob-gjs-tests');
    const other = await descriptor.retrieve_async(null);
    assert(other !== cluster.client);
    assertEqual(other.get_flink_version(), cluster.client.get_flink_version());
    assert((await other.get_overview_async(null)).get_taskmanagers() >= 1);
});

test('cluster overview', async () => {
    const overview = await cluster.client.get_overview_async(null);
    assert(overview instanceof Flink.ClusterOverview);
    assertEqual(overview.get_flink_version(), cluster.client.get_flink_version());
    assert(overview.get_flink_commit());
    assert(overview.get_taskmanagers() >= 1);
    assert(overview.get_slots_total() >= 1);
    assert(overview.get_slots_available() <= overview.get_slots_total());
    assert(overview.get_jobs_running() >= 0 && overview.get_jobs_finished() >= 0);
    assert(overview.get_jobs_cancelled() >= 0 && overview.get_jobs_failed() >= 0);
    assertEqual(overview.flinkVersion, overview.get_flink_version());
    assertEqual(overview.flinkCommit, overview.get_flink_commit());
    assertEqual(overview.taskmanagers, overview.get_taskmanagers());
    assertEqual(overview.slotsTotal, overview.get_slots_total());
    assertEqual(overview.slotsAvailable, overview.get_slots_available());
    assertEqual(overview.jobsRunning, overview.get_jobs_running());
    assertEqual(overview.jobsFinished, overview.get_jobs_finished());
    assertEqual(overview.jobsCancelled, overview.get_jobs_cancelled());
    assertEqual(overview.jobsFailed, overview.get_jobs_failed());
});

// ---- The streaming job ----------------------------------------------------------

test('submit a streaming job', async () => {
    cluster.stream = await submit(COUNTER_CLASS, {program_args: ['--name', STREAM_NAME], parallelism: 1});
    assertEqual(await cluster.stream.wait_for_status_async([Flink.JobStatus.RUNNING], STATUS_WAIT_S, null),
        Flink.JobStatus.RUNNING, 'status');
    assert(await waitForAllRunning(cluster.stream), 'not all vertices RUNNING');
});

test('job client', async () => {
    const job = cluster.stream;
    assert(job.get_cluster_client() === cluster.client);
    assert(job.clusterClient === cluster.client);
    assertEqual(job.jobId, job.get_job_id());
    const same = cluster.client.get_job_client(job.get_job_id());
    assertEqual(same.get_job_id(), job.get_job_id());
    assertEqual(await same.get_job_status_async(null), Flink.JobStatus.RUNNING);
});

test('job details', async () => {
    const details = await cluster.stream.get_job_details_async(null);
    assert(details instanceof Flink.JobDetails);
    assertEqual(details.get_job_id(), cluster.stream.get_job_id());
    assertEqual(details.get_name(), STREAM_NAME);
    assertEqual(details.get_status(), Flink.JobStatus.RUNNING);
    assertEqual(details.get_job_type(), 'STREAMING');
    assertEqual(typeof details.get_is_stoppable(), 'boolean');
    assert(details.get_start_time() > 0);
    assertEqual(details.get_end_time(), -1);
    assert(details.get_duration() >= 0);
    assert(details.get_max_parallelism() === -1 || details.get_max_parallelism() > 0);
    assert(details.get_status_timestamp(Flink.JobStatus.RUNNING) >= details.get_start_time());
    assertEqual(details.get_status_timestamp(Flink.JobStatus.FAILED), 0);
    assertEqual(details.get_all_tasks_running(), true);
    assertEqual(details.jobId, details.get_job_id());
    assertEqual(details.name, details.get_name());
    assertEqual(details.status, details.get_status());
    assertEqual(details.jobType, details.get_job_type());
    assertEqual(details.isStoppable, details.get_is_stoppable());
    assertEqual(details.startTime, details.get_start_time());
    assertEqual(details.endTime, details.get_end_time());
    assertEqual(details.maxParallelism, details.get_max_parallelism());
    assert(details.duration >= 0);

    const vertices = details.get_vertices();
    assert(vertices instanceof Gio.ListModel);
    assertEqual(vertices.get_item_type(), Flink.JobVertex.$gtype);
    assert(vertices.get_n_items() >= 1);
    assertEqual(details.vertices.get_n_items(), vertices.get_n_items());
    assertEqual(vertices.get_item(vertices.get_n_items()), null, 'past the end');
    for (const vertex of items(vertices)) {
        assertEqual(vertex.get_id().length, 32);
        assert(vertex.get_name());
        assert(vertex.get_parallelism() >= 1);
        assert(vertex.get_max_parallelism() >= vertex.get_parallelism());
        assertEqual(vertex.get_all_tasks_running(), true);
        assertEqual(vertex.get_status(), Flink.ExecutionState.RUNNING);
        assert(vertex.get_start_time() > 0);
        assertEqual(vertex.get_end_time(), -1);
        assert(vertex.get_duration() >= 0);
        assertEqual(vertex.get_task_count(Flink.ExecutionState.RUNNING), vertex.get_parallelism());
        assertEqual(vertex.get_task_count(Flink.ExecutionState.FAILED), 0);
        assertEqual(vertex.id, vertex.get_id());
        assertEqual(vertex.name, vertex.get_name());
        assertEqual(vertex.parallelism, vertex.get_parallelism());
        assertEqual(vertex.maxParallelism, vertex.get_max_parallelism());
        assertEqual(vertex.status, vertex.get_status());
        assertEqual(vertex.startTime, vertex.get_start_time());
        assertEqual(vertex.endTime, vertex.get_end_time());
    }
});

test('job list', async () => {
    const jobs = await cluster.client.list_jobs_async(null);
    assert(jobs instanceof Gio.ListModel);
    assert(jobs.get_n_items() >= 1);
    const overview = await findInJobList(cluster.stream);
    assert(overview !== null, 'job not listed');
    assertEqual(overview.get_job_id(), cluster.stream.get_job_id());
    assertEqual(overview.get_name(), STREAM_NAME);
    assertEqual(overview.get_status(), Flink.JobStatus.RUNNING);
    assert(overview.get_start_time() > 0);
    assertEqual(overview.get_end_time(), -1);
    assert(overview.get_duration() >= 0);
    assert(overview.get_last_modification() >= overview.get_start_time());
    assert(overview.get_tasks_total() >= 1);
    assertEqual(overview.get_task_count(Flink.ExecutionState.RUNNING), overview.get_tasks_total());
    assertEqual(overview.jobId, overview.get_job_id());
    assertEqual(overview.name, overview.get_name());
    assertEqual(overview.status, overview.get_status());
    assertEqual(overview.tasksTotal, overview.get_tasks_total());
    assertEqual(overview.startTime, overview.get_start_time());
    assertEqual(overview.endTime, overview.get_end_time());
    assert(overview.lastModification >= overview.startTime);
});

test('live job list', async () => {
    const jobs = Flink.JobList.new(cluster.client);
    assert(jobs instanceof Gio.ListModel);
    assertEqual(jobs.get_item_type(), Flink.JobOverview.$gtype);
    assert(jobs.get_cluster_client() === cluster.client);
    assert(jobs.clusterClient === cluster.client);
    let net = 0;
    jobs.connect('items-changed', (_model, _position, removed, added) => {
        net += added - removed;
    });
    assert(await spinUntil(() => jobs.get_loaded(), 'the job list to load'), 'never loaded');
    assertEqual(jobs.loaded, true);
    assertEqual(jobs.get_reachable(), true);
    assertEqual(jobs.reachable, true);
    assert(jobs.get_n_polls() >= 1);
    assertEqual(net, jobs.get_n_items(), 'items-changed adds up');
    assert(items(jobs).some(o => o.get_job_id() === cluster.stream.get_job_id()), 'stream not listed');
    const polls = jobs.get_n_polls();
    assert(await spinUntil(() => jobs.get_n_polls() > polls, 'the job list to poll again'), 'no further poll');
});

test('watch a job', async () => {
    const job = cluster.client.get_job_client(cluster.stream.get_job_id());
    assertEqual(job.get_watched(), false);
    assertEqual(job.get_last_seen_status(), Flink.JobStatus.UNKNOWN);
    const changes = [];
    job.connect('status-changed', (_job, oldStatus, newStatus) => changes.push([oldStatus, newStatus]));
    job.set_watched(true);
    assertEqual(job.get_watched(), true);
    assertEqual(job.watched, true);
    assert(await spinUntil(() => job.get_last_seen_status() === Flink.JobStatus.RUNNING,
        "the watched job's status to be RUNNING"), 'never RUNNING');
    assertEqual(job.lastSeenStatus, Flink.JobStatus.RUNNING);
    assertEqual(changes[0].join(), [Flink.JobStatus.UNKNOWN, Flink.JobStatus.RUNNING].join());
    assertEqual(job.get_reachable(), true);
    assertEqual(job.reachable, true);
    job.watched = false;
    assertEqual(job.get_watched(), false);
});

test('wait for a status', async () => {
    const job = cluster.stream;
    assertEqual(await job.wait_for_status_async([Flink.JobStatus.RUNNING, Flink.JobStatus.FINISHED], 10, null),
        Flink.JobStatus.RUNNING);
    await assertThrows(() => job.wait_for_status_async([Flink.JobStatus.FINISHED], 1, null),
        FLINK, Flink.Error.TIMED_OUT, job.get_job_id());
});

test('accumulators', async () => {
    assert(await waitForRecords(cluster.stream, 0) > 0, 'no records counted');
    const accumulators = await cluster.stream.get_accumulators_async(null);
    const records = items(accumulators).find(a => a.name === 'records');
    assert(records, 'no accumulator "records"');
    assertEqual(records.get_name(), 'records');
    assert(records.get_accumulator_type().includes('LongCounter'), records.get_accumulator_type());
    assertEqual(records.accumulatorType, records.get_accumulator_type());
    assertEqual(Number(records.get_value()), records.get_int64());
    assertEqual(records.value, records.get_value());
    assertEqual(records.get_double(), records.get_int64());
});

test('savepoint to the default directory', async () => {
    const job = cluster.stream;
    const defaultDir = GLib.getenv('FLINKJOB_SAVEPOINT_DIR');
    if (!defaultDir) {
        await assertThrows(() => job.trigger_savepoint_async(null, Flink.SavepointFormat.CANONICAL, null),
            FLINK, Flink.Error.INVALID_ARGUMENT, job.get_job_id(), URL);
        return;
    }
    const location = await job.trigger_savepoint_async(null, Flink.SavepointFormat.CANONICAL, null);
    assertSavepointOnDisk(location);
    assert(localPath(location).startsWith(defaultDir), location);
    cluster.firstSavepoint = location;
});

test('savepoint to a directory, native format', async () => {
    const dir = workDir('savepoints');
    const location = await cluster.stream.trigger_savepoint_async(dir, Flink.SavepointFormat.NATIVE, null);
    assertSavepointOnDisk(location);
    assert(localPath(location).startsWith(dir), location);
    cluster.firstSavepoint ??= location;
    assertEqual(await cluster.stream.get_job_status_async(null), Flink.JobStatus.RUNNING);
});

test('start a savepoint, await it through its handle', async () => {
    const job = cluster.stream;
    const dir = workDir('handle-savepoints');
    const handle = await job.start_savepoint_async(dir, Flink.SavepointFormat.CANONICAL, null);
    assert(handle instanceof Flink.OperationHandle);
    assertEqual(handle.get_kind(), Flink.OperationKind.SAVEPOINT);
    assertEqual(handle.get_job_id(), job.get_job_id());
    assertEqual(handle.get_trigger_id().length, 32);
    assert(handle.get_start_time() > 0);
    const again = Flink.OperationHandle.new_from_string(handle.to_string());
    assertEqual(again.get_trigger_id(), handle.get_trigger_id());
    const location = await cluster.client.await_savepoint_async(again, null);
    assertSavepointOnDisk(location);
    assert(localPath(location).startsWith(dir), location);
    assertEqual(await cluster.client.await_savepoint_async(handle, null), location);
    await assertThrows(() => cluster.client.await_checkpoint_async(handle, null), FLINK, Flink.Error.INVALID_ARGUMENT);
});

test('checkpoints', async () => {
    const job = cluster.stream;
    const first = await job.trigger_checkpoint_async(Flink.CheckpointType.CONFIGURED, null);
    assert(first > 0, `checkpoint id ${first}`);
    const handle = await job.start_checkpoint_async(Flink.CheckpointType.FULL, null);
    assertEqual(handle.get_kind(), Flink.OperationKind.CHECKPOINT);
    const second = await cluster.client.await_checkpoint_async(handle, null);
    assert(second > first, `checkpoint ids ${first}, ${second}`);
    await assertThrows(() => cluster.client.await_savepoint_async(handle, null), FLINK, Flink.Error.INVALID_ARGUMENT);
});

test('resource requirements need the adaptive scheduler', async () => {
    // The main cluster runs the default scheduler: both calls fail clearly.
    const job = cluster.stream;
    await assertThrows(() => job.get_resource_requirements_async(null), FLINK,
        Flink.Error.NOT_SUPPORTED, job.get_job_id(), URL, 'jobmanager.scheduler: adaptive');

    const details = await job.get_job_details_async(null);
    const vertexIds = items(details.get_vertices()).map(vertex => vertex.get_id());
    const requirements = Flink.JobResourceRequirements.new();
    for (const id of vertexIds)
        requirements.set_parallelism(id, 1, 2);
    assertEqual(JSON.stringify(requirements.get_vertex_ids()), JSON.stringify(vertexIds));
    assertEqual(JSON.stringify(requirements.get_parallelism(vertexIds[0])), JSON.stringify([true, 1, 2]));
    await assertThrows(() => job.set_resource_requirements_async(requirements, null), FLINK,
        Flink.Error.NOT_SUPPORTED, job.get_job_id(), 'jobmanager.scheduler: adaptive');
    requirements.set_parallelism(vertexIds[0], 0, 2);
    await assertThrows(() => job.set_resource_requirements_async(requirements, null), FLINK,
        Flink.Error.INVALID_ARGUMENT, job.get_job_id(), 'must be 1 or more');
});

test('stop with savepoint', async () => {
    const job = cluster.stream;
    const dir = workDir('stop-savepoints');
    cluster.stopSavepoint = await job.stop_with_savepoint_async(false, dir, Flink.SavepointFormat.CANONICAL, null);
    assertSavepointOnDisk(cluster.stopSavepoint);
    assert(await waitForStatus(job, Flink.JobStatus.FINISHED), 'not FINISHED');
    const result = await job.get_job_execution_result_async(null);
    assert(result instanceof Flink.JobResult);
    assertEqual(result.get_job_id(), job.get_job_id());
    assertEqual(result.get_application_status(), Flink.ApplicationStatus.SUCCEEDED);
    assertEqual(result.get_failure_class(), null);
    assertEqual(result.get_failure_message(), null);
    assertEqual(result.get_failure_stack_trace(), null);
    assertEqual(result.get_root_cause_class(), null);
    assertEqual(result.get_root_cause_message(), null);
    cluster.recordsAtStop = await accumulatorValue(job, 'records');
    assert(cluster.recordsAtStop > 0);
    const overview = await findInJobList(job);
    assertEqual(overview.get_status(), Flink.JobStatus.FINISHED);
    assert(overview.get_end_time() > 0);
    assertEqual(await job.wait_for_status_async([], 0, null), Flink.JobStatus.FINISHED);
    await assertThrows(() => job.wait_for_status_async([Flink.JobStatus.RUNNING], 10, null),
        FLINK, Flink.Error.CONFLICT, job.get_job_id());
});

test('stop a finished job', async () => {
    const job = cluster.stream;
    let error = null;
    try {
        await job.stop_with_savepoint_async(true, workDir('never'), Flink.SavepointFormat.CANONICAL, null);
    } catch (e) {
        error = e;
    }
    assert(error instanceof GLib.Error && error.matches(FLINK, Flink.Error.CONFLICT), `${error}`);
    assert(error.message.includes(job.get_job_id()) && error.message.includes(URL), error.message);
    assert(error.message.includes('the job has ended: it is FINISHED'), error.message);
});

test('cancel a finished job', async () => {
    const job = cluster.stream;
    await assertThrows(() => job.cancel_async(null), FLINK, Flink.Error.CONFLICT, job.get_job_id(), URL);
});

test('restore from the savepoint, stop through a handle', async () => {
    const restored = await submit(COUNTER_CLASS, {
        program_args: ['--name', STREAM_NAME],
        savepoint_path: cluster.stopSavepoint,
        allow_non_restored_state: true,
        claim_mode: Flink.ClaimMode.NO_CLAIM,
    });
    assert(restored.get_job_id() !== cluster.stream.get_job_id());
    assert(await waitForStatus(restored, Flink.JobStatus.RUNNING), 'not RUNNING');
    assert(await waitForAllRunning(restored), 'not all RUNNING');
    const records = await waitForRecords(restored, cluster.recordsAtStop);
    assert(records > cluster.recordsAtStop, `records ${records} <= ${cluster.recordsAtStop}`);


    const dir = workDir('drain-savepoints');
    const handle = await restored.start_stop_with_savepoint_async(true, dir, Flink.SavepointFormat.NATIVE, null);
    assertEqual(handle.get_kind(), Flink.OperationKind.STOP_WITH_SAVEPOINT);
    assertEqual(handle.get_job_id(), restored.get_job_id());
    const location = await cluster.client.await_savepoint_async(handle, null);
    assertSavepointOnDisk(location);
    assert(localPath(location).startsWith(dir), location);
    assert(await waitForStatus(restored, Flink.JobStatus.FINISHED), 'not FINISHED');
    const result = await restored.get_job_execution_result_async(null);
    assertEqual(result.applicationStatus, Flink.ApplicationStatus.SUCCEEDED);
});

// ---- Bounded and failing jobs -------------------------------------------------

test('bounded job result', async () => {
    const job = await submit(BOUNDED_CLASS);
    const result = await job.get_job_execution_result_async(null);
    assertEqual(result.get_job_id(), job.get_job_id());
    assertEqual(result.get_application_status(), Flink.ApplicationStatus.SUCCEEDED);
    assert(result.get_net_runtime() > 0);
    assertEqual(result.netRuntime, result.get_net_runtime());
    assertEqual(result.failureClass, null);
    assertEqual(result.rootCauseClass, null);
    const accumulators = items(result.get_accumulators());
    assertEqual(accumulators.length, result.accumulators.get_n_items());
    const names = accumulators.map(a => a.get_name());
    assertEqual(names.join(','), [...names].sort().join(','), 'sorted by name');
    const byName = Object.fromEntries(accumulators.map(a => [a.get_name(), a]));
    assertEqual(byName.records.get_int64(), 1000);
    assertEqual(byName.sum.get_int64(), 500500);
    assert(Math.abs(byName.average.get_double() - 500.5) < 1e-9, 'average');
    assertEqual(byName.sum.value, '500500');
    await assertThrows(() => byName.average.get_int64(), FLINK, Flink.Error.INVALID_ARGUMENT);
    await waitForDetails(job, Flink.JobStatus.FINISHED);
});

test('failing job result', async () => {
    const job = await submit(FAILING_CLASS);
    const result = await job.get_job_execution_result_async(null);
    assertEqual(result.get_application_status(), Flink.ApplicationStatus.FAILED);
    assert(result.get_failure_class(), 'no failure class');
    const message = result.get_failure_message();
    assert(message === null || typeof message === 'string');
    assert(result.get_failure_stack_trace().includes('ExpectedFailure'));
    assertEqual(result.get_root_cause_class(), EXPECTED_FAILURE);
    assertEqual(result.get_root_cause_message(), 'flinkjob test failure');
    assertEqual(result.rootCauseMessage, 'flinkjob test failure');
    assertEqual(result.failureStackTrace, result.get_failure_stack_trace());
    assert(await waitForStatus(job, Flink.JobStatus.FAILED, 5), 'not FAILED');

    const history = await job.get_exception_history_async(0, null);
    assertEqual(history.get_item_type(), Flink.ExceptionInfo.$gtype);
    assert(history.get_n_items() >= 1, 'empty exception history');
    const entry = history.get_item(0);
    assert(entry.get_exception_name());
    assertEqual(entry.exceptionName, entry.get_exception_name());
    assertEqual(entry.message, entry.get_message());
    assert(entry.get_stack_trace().includes('ExpectedFailure'));
    assertEqual(entry.stackTrace, entry.get_stack_trace());
    assertEqual(entry.get_root_cause_class(), EXPECTED_FAILURE);
    assertEqual(entry.get_root_cause_message(), 'flinkjob test failure');
    assertEqual(entry.rootCauseClass, EXPECTED_FAILURE);
    assertEqual(entry.rootCauseMessage, 'flinkjob test failure');
    assert(entry.get_timestamp() > 0);
    assertEqual(entry.timestamp, entry.get_timestamp());
    assertEqual(Object.keys(entry.get_failure_labels()).length, 0, 'failure labels');
    assertEqual(entry.taskName, entry.get_task_name());
    assertEqual(entry.endpoint, entry.get_endpoint());
    assertEqual(entry.taskManagerId, entry.get_task_manager_id());
    const concurrent = entry.get_concurrent_exceptions();
    assert(concurrent.get_n_items() >= 1, 'no concurrent exceptions');
    const taskFailure = concurrent.get_item(0);
    assertEqual(taskFailure.get_exception_name(), EXPECTED_FAILURE);
    assert(taskFailure.get_task_name().includes('fail-after'), taskFailure.get_task_name());
    assertEqual((await job.get_exception_history_async(1, null)).get_n_items(), 1);
    assertEqual((await job.get_job_details_async(null)).get_all_tasks_running(), false);
});

// ---- Jars ---------------------------------------------------------------------------

test('upload, list, run and delete a jar', async () => {
    const client = cluster.client;
    const jarId = await client.upload_jar_async(jobsJar(), null);
    assert(jarId.endsWith('.jar'), jarId);
    const jar = await findJar(jarId);
    assert(jar !== null, 'jar not listed');
    assert(jar.get_name().endsWith('.jar'));
    assert(jar.get_uploaded() > 0);
    assert(jar.get_entry_classes().includes(COUNTER_CLASS));
    assertEqual(jar.id, jar.get_id());
    assertEqual(jar.name, jar.get_name());
    assertEqual(jar.uploaded, jar.get_uploaded());
    assertEqual(jar.entryClasses.join(','), jar.get_entry_classes().join(','));

    const jobId = GLib.uuid_string_random().replace(/-/g, '');
    const options = new Flink.RunOptions({entry_class: BOUNDED_CLASS, job_id: jobId, parallelism: 1});
    const job = await client.run_jar_async(jarId, options, null);
    cluster.started.push(job);
    assertEqual(job.get_job_id(), jobId);
    const result = await job.get_job_execution_result_async(null);
    assertEqual(result.get_application_status(), Flink.ApplicationStatus.SUCCEEDED);

    assertEqual(await client.delete_jar_async(jarId, null), true, 'delete');
    assertEqual(await findJar(jarId), null, 'still listed');
    let error = null;
    try {
        cluster.started.push(await client.run_jar_async(jarId, null, null));
    } catch (e) {
        error = e;
    }
    assert(error instanceof GLib.Error && error.domain === FLINK && error.message.includes(jarId), `${error}`);
});

test('submit with a missing entry class', async () => {
    const options = new Flink.RunOptions({entry_class: 'org.flinkjob.testjobs.NoSuchJob'});
    let error = null;
    try {
        cluster.started.push(await cluster.client.submit_jar_async(jobsJar(), options, null));
    } catch (e) {
        error = e;
    }
    assert(error instanceof GLib.Error && error.domain === FLINK, `${error}`);
    assert(error.message.includes('org.flinkjob.testjobs.NoSuchJob'), error.message);
    const jars = items(await cluster.client.list_jars_async(null));
    assert(jars.every(jar => !jar.get_entry_classes().includes(COUNTER_CLASS)), 'uploaded copy left behind');
});

test('upload a file that is not a jar', async () => {
    const dir = GLib.dir_make_tmp('flinkjob-gjs-XXXXXX');
    const path = `${dir}/not-a-jar.jar`;
    GLib.file_set_contents(path, 'this is text, not a zip archive\n');
    await assertThrows(() => cluster.client.upload_jar_async(Gio.File.new_for_path(path), null),
        FLINK, Flink.Error.INVALID_ARGUMENT, path, URL);
    GLib.unlink(path);
    GLib.rmdir(dir);
});

// ---- Savepoint disposal and bad input ---------------------------------------------

test('dispose of a savepoint', async () => {
    assert(cluster.firstSavepoint, 'no savepoint was taken');
    const path = localPath(cluster.firstSavepoint);
    assert(GLib.file_test(path, GLib.FileTest.IS_DIR));
    assertEqual(await cluster.client.dispose_savepoint_async(cluster.firstSavepoint, null), true);
    assert(!GLib.file_test(path, GLib.FileTest.EXISTS), 'savepoint still on disk');
    await assertThrows(() => cluster.client.dispose_savepoint_async(cluster.firstSavepoint, null),
        FLINK, Flink.Error.NOT_FOUND, URL);
});

test('unknown job', async () => {
    const unknown = 'f'.repeat(32);
    const job = cluster.client.get_job_client(unknown);
    await assertThrows(() => job.get_job_status_async(null), FLINK, Flink.Error.NOT_FOUND, unknown, URL);
    await assertThrows(() => job.get_job_details_async(null), FLINK, Flink.Error.NOT_FOUND, unknown);
    await assertThrows(() => job.get_accumulators_async(null), FLINK, Flink.Error.NOT_FOUND, unknown);
    await assertThrows(() => job.get_job_execution_result_async(null), FLINK, Flink.Error.NOT_FOUND, unknown);
    await assertThrows(() => job.cancel_async(null), FLINK, Flink.Error.NOT_FOUND, unknown);
    await assertThrows(() => job.get_exception_history_async(0, null), FLINK, Flink.Error.NOT_FOUND, unknown);
    await assertThrows(() => job.wait_for_status_async([], 10, null), FLINK, Flink.Error.NOT_FOUND, unknown);
    const now = Date.now();
    for (const kind of ['savepoint', 'checkpoint']) {
        const handle = Flink.OperationHandle.new_from_string(`flinkjob-operation/1 ${kind} ${unknown} ${'a'.repeat(32)} ${now}`);
        const wait = kind === 'savepoint'
            ? () => cluster.client.await_savepoint_async(handle, null)
            : () => cluster.client.await_checkpoint_async(handle, null);
        // eslint-disable-next-line no-await-in-loop
        await assertThrows(wait, FLINK, Flink.Error.NOT_FOUND, unknown);
    }
});

test('malformed job id', async () => {
    await assertThrows(() => cluster.client.get_job_client('not-a-job-id'),
        FLINK, Flink.Error.INVALID_ARGUMENT, 'not-a-job-id', URL);
});

test('cancelled wait', async () => {
    const job = await submit(COUNTER_CLASS);
    assert(await waitForStatus(job, Flink.JobStatus.RUNNING), 'not RUNNING');
    const cancellable = new Gio.Cancellable();
    GLib.timeout_add(GLib.PRIORITY_DEFAULT, 300, () => {
        cancellable.cancel();
        return GLib.SOURCE_REMOVE;
    });
    await assertThrows(() => job.get_job_execution_result_async(cancellable),
        Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED);
    assertEqual(await job.get_job_status_async(null), Flink.JobStatus.RUNNING);
    await assertThrows(() => job.get_job_status_async(cancellable), Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED);
    assertEqual(await job.cancel_async(null), true, 'cancel');
    assert(await waitForStatus(job, Flink.JobStatus.CANCELED), 'not CANCELED');
    const result = await job.get_job_execution_result_async(null);
    assertEqual(result.get_application_status(), Flink.ApplicationStatus.CANCELED);
    assertEqual(result.applicationStatus, Flink.ApplicationStatus.CANCELED);
    const details = await waitForDetails(job, Flink.JobStatus.CANCELED);
    assert(details.get_end_time() >= details.get_start_time());
    assert(details.get_status_timestamp(Flink.JobStatus.CANCELED) > 0);
    assertEqual(await job.cancel_async(null), true, 'cancel again');
});

// ---- Deploying clusters on this machine ------------------------------------------------

const FLINK_HOME = GLib.getenv('FLINK_HOME') || null;

// Small JVMs: this machine's cores are shared.
function smallSpec(workDirectory) {
    const spec = Flink.ClusterSpecification.new();
    spec.set_taskmanager_count(1);
    spec.set_slots_per_taskmanager(1);
    spec.set_jobmanager_memory_mb(1024);
    spec.set_taskmanager_memory_mb(1024);
    spec.set_config('taskmanager.memory.managed.size', '64m');
    spec.set_work_directory(workDirectory);
    spec.set_startup_timeout(STATUS_WAIT_S);
    return spec;
}

// Processes whose command line names the cluster's work directory.
function clusterPids(clusterId) {
    const marker = `${clusterId}/`;
    const pids = [];
    const proc = Gio.File.new_for_path('/proc');
    const children = proc.enumerate_children('standard::name', Gio.FileQueryInfoFlags.NONE, null);
    let info;
    while ((info = children.next_file(null)) !== null) {
        const name = info.get_name();
        if (!/^[0-9]+$/.test(name))
            continue;
        try {
            const [, cmdline] = GLib.file_get_contents(`/proc/${name}/cmdline`);
            const text = new TextDecoder().decode(cmdline).replaceAll('\0', ' ');
            const [, stat] = GLib.file_get_contents(`/proc/${name}/stat`);
            const state = new TextDecoder().decode(stat).split(')').pop().trim()[0];
            if (text.includes(marker) && state !== 'Z')
                pids.push(Number(name));
        } catch (e) {
            // gone meanwhile
        }
    }
    return pids;
}

// Removes a directory and what it holds (not following links).
function removeTree(path) {
    const dir = Gio.File.new_for_path(path);
    const children = dir.enumerate_children('standard::name,standard::type',
        Gio.FileQueryInfoFlags.NOFOLLOW_SYMLINKS, null);
    let info;
    while ((info = children.next_file(null)) !== null) {
        const child = GLib.build_filenamev([path, info.get_name()]);
        if (info.get_file_type() === Gio.FileType.DIRECTORY)
            removeTree(child);
        else
            Gio.File.new_for_path(child).delete(null);
    }
    dir.delete(null);
}

test('cluster specification properties', () => {
    const spec = Flink.ClusterSpecification.new();
    assertEqual(spec.get_taskmanager_count(), 1);
    assertEqual(spec.get_slots_per_taskmanager(), 0);
    assertEqual(spec.get_jobmanager_memory_mb(), 0);
    assertEqual(spec.get_taskmanager_memory_mb(), 0);
    assertEqual(spec.get_work_directory(), null);
    assert(spec.get_startup_timeout() > 0);
    spec.set_taskmanager_count(2);
    spec.set_slots_per_taskmanager(3);
    spec.set_jobmanager_memory_mb(1024);
    spec.set_taskmanager_memory_mb(1500);
    spec.set_work_directory('/tmp/flinkjob-gjs-spec');
    spec.set_startup_timeout(60);
    assertEqual(spec.taskmanagerCount, 2);
    assertEqual(spec.slotsPerTaskmanager, 3);
    assertEqual(spec.jobmanagerMemoryMb, 1024);
    assertEqual(spec.taskmanagerMemoryMb, 1500);
    assertEqual(spec.workDirectory, '/tmp/flinkjob-gjs-spec');
    assertEqual(spec.startupTimeout, 60);
    spec.set_config('state.backend.type', 'hashmap');
    spec.set_config('parallelism.default', '2');
    spec.set_config('rest.port', '8081');
    spec.set_config('rest.port', null);
    assertEqual(JSON.stringify(spec.get_config_keys()), '["parallelism.default","state.backend.type"]');
    assertEqual(spec.get_config('state.backend.type'), 'hashmap');
    assertEqual(spec.get_config('rest.port'), null);
    assertEqual(Flink.DeployFlags.DETACHED, 1);
}, {cluster: false});

test('deploy errors', async () => {
    const tmp = GLib.dir_make_tmp('flinkjob-gjs-deploy-XXXXXX');
    await assertThrows(() => Flink.ClusterDescriptor.new_for_distribution(tmp),
        FLINK, Flink.Error.INVALID_ARGUMENT, tmp, 'not a Flink distribution');
    await assertThrows(() => Flink.ClusterDescriptor.new_for_pyflink('no-such-python3'),
        FLINK, Flink.Error.NOT_FOUND, 'no-such-python3');
    await assertThrows(() => Flink.ClusterDescriptor.new_for_cluster_id(`${tmp}/no-cluster`),
        FLINK, Flink.Error.NOT_FOUND, `${tmp}/no-cluster`);
    if (FLINK_HOME === null || !GLib.getenv('FLINKJOB_TEST_JOBS_JAR')) {
        removeTree(tmp);
        return;
    }

    const descriptor = Flink.ClusterDescriptor.new_for_distribution(FLINK_HOME);
    assert(descriptor.get_flink_home() !== null, 'flink-home');
    assertEqual(descriptor.get_cluster_id(), null);
    descriptor.set_java_home(`${tmp}/no-jdk`);
    assertEqual(descriptor.get_java_home(), `${tmp}/no-jdk`);
    await assertThrows(() => descriptor.deploy_session_cluster_async(null, Flink.DeployFlags.NONE, null),
        FLINK, Flink.Error.NOT_FOUND, `${tmp}/no-jdk`);
    descriptor.javaHome = null;

    const options = Flink.RunOptions.new();
    options.set_entry_class('org.flinkjob.testjobs.NoSuchJob');
    await assertThrows(() => descriptor.deploy_application_cluster_async(smallSpec(`${tmp}/app`), jobsJar(),
        options, Flink.DeployFlags.NONE, null),
    FLINK, Flink.Error.INVALID_ARGUMENT, 'org.flinkjob.testjobs.NoSuchJob');
    removeTree(tmp);
}, {cluster: false});

test('deploy an application cluster, kill it from another descriptor', async () => {
    assert(FLINK_HOME !== null, 'FLINKJOB_DEPLOY_TESTS=1 needs FLINK_HOME');
    const tmp = GLib.dir_make_tmp('flinkjob-gjs-deploy-XXXXXX');
    const descriptor = Flink.ClusterDescriptor.new_for_distribution(null);
    const options = Flink.RunOptions.new();
    options.set_entry_class(BOUNDED_CLASS);
    options.set_program_args(['--name', 'flinkjob-gjs-application']);
    const job = await descriptor.deploy_application_cluster_async(smallSpec(`${tmp}/cluster`), jobsJar(),
        options, Flink.DeployFlags.NONE, null);
    const clusterId = job.get_cluster_client().get_cluster_id();
    assertEqual(clusterId, `${tmp}/cluster`, 'cluster id');
    assertEqual(clusterPids(clusterId).length, 2, 'JVMs');

    const result = await job.get_job_execution_result_async(null);
    assertEqual(result.get_application_status(), Flink.ApplicationStatus.SUCCEEDED);
    const values = Object.fromEntries(items(result.get_accumulators()).map(a => [a.get_name(), a.get_value()]));
    assertEqual(values.records, '1000', 'records');
    assertEqual(values.sum, '500500', 'sum');

    // Another descriptor retrieves it by its id, and kills it.
    const byId = Flink.ClusterDescriptor.new_for_cluster_id(clusterId);
    assertEqual(byId.get_cluster_id(), clusterId);
    const client = await byId.retrieve_async(null);
    assertEqual(client.get_cluster_id(), clusterId);
    assertEqual(await byId.kill_cluster_async(null, null), true, 'kill');
    assertEqual(clusterPids(clusterId).length, 0, 'JVMs after the kill');
    removeTree(tmp);
}, {deploy: true});

// ---- Running them -------------------------------------------------------------------

async function cancelLeftoverJobs() {
    for (const job of cluster.started) {
        try {
            // eslint-disable-next-line no-await-in-loop
            const status = await job.get_job_status_async(null);
            if (!Flink.JobStatus.is_globally_terminal(status)) {
                print(`# cancelling leftover job ${job.get_job_id()}`);
                // eslint-disable-next-line no-await-in-loop
                await job.cancel_async(null);
                // eslint-disable-next-line no-await-in-loop
                await waitForStatus(job, Flink.JobStatus.CANCELED);
            }
        } catch (e) {
            print(`# ${e.message}`);
        }
    }
}

async function main() {
    print(`1..${tests.length}`);
    let failed = 0;
    let clusterBroken = null;
    for (const [index, {name, fn, cluster: needsCluster, deploy}] of tests.entries()) {
        const number = index + 1;
        if (ONLY_DEPLOY && !deploy) {
            print(`ok ${number} - ${name} # SKIP not a deploy test`);
            continue;
        }
        if (deploy && !DEPLOY_TESTS) {
            print(`ok ${number} - ${name} # SKIP deploys a cluster: run in meson's suite deploy (FLINKJOB_DEPLOY_TESTS=1)`);
            continue;
        }
        if (needsCluster && URL === null && !REQUIRE_CLUSTER) {
            print(`ok ${number} - ${name} # SKIP no Flink cluster: set FLINK_REST_URL, or run through tests/flink/flink-harness.py run`);
            continue;
        }
        if (needsCluster && URL === null) {
            print(`not ok ${number} - ${name}\n# FLINKJOB_REQUIRE_CLUSTER=1 but FLINK_REST_URL is not set`);
            failed++;
            continue;
        }
        if (needsCluster && clusterBroken !== null) {
            print(`not ok ${number} - ${name}\n# ${clusterBroken}`);
            failed++;
            continue;
        }
        try {
            // eslint-disable-next-line no-await-in-loop
            await fn();
            print(`ok ${number} - ${name}`);
        } catch (e) {
            failed++;
            print(`not ok ${number} - ${name}`);
            for (const line of `${e.message ?? e}\n${e.stack ?? ''}`.trim().split('\n'))
                print(`# ${line}`);
            if (needsCluster && cluster.client === null)
                clusterBroken = 'no cluster client: "retrieve" failed';
            // The cluster cannot be trusted to answer: the tests after it
            // fail at once, so that the suite ends within meson's timeout.
            if (e instanceof DeadlineExceeded)
                clusterBroken = `not run: an earlier wait outlived its deadline (${e.message})`;
        }
    }
    if (cluster.client !== null && clusterBroken === null)
        await cancelLeftoverJobs();
    return failed === 0 ? 0 : 1;
}

const loop = new GLib.MainLoop(null, false);
let exitCode = 1;
main().then(code => {
    exitCode = code;
}).catch(e => {
    print(`Bail out! ${e}`);
}).finally(() => loop.quit());
loop.run();
System.exit(exitCode);
