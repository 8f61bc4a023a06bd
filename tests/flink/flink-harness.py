#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later

"""Run a real Apache Flink session cluster for flinkjob's integration tests.

Flink comes from the PyPI package ``apache-flink-libraries`` (a Flink
distribution's ``lib/`` in a wheel or an sdist).  It is unpacked once into a
cache outside the work tree and started without Flink's bash scripts: one
JobManager JVM and one TaskManager JVM, both bound to 127.0.0.1.

Subcommands (see ``--help`` of each):

  install     download and unpack Flink, print its home directory
  build-jobs  compile data/jobs/src into flinkjob-test-jobs.jar, print its path
  start       start a cluster in --workdir, print its REST URL
  stop        stop the cluster of --workdir (idempotent)
  run         start a cluster in a temporary workdir, run a command against
              it, always stop the cluster, exit with the command's exit code
  restart-jobmanager
              SIGKILL the JobManager of --workdir (if it still runs) and start
              a new one with the same configuration and ports

start and run also take --tls / --tls-mutual (REST over https, keystores made
with keytool in the workdir, PKCS12 or with --tls-store-type JKS; mutual TLS asks clients for a certificate),
--async-store-duration (rest.async.store-duration), --conf KEY=VALUE, and
--ha: ZooKeeper high availability, with Debian's ZooKeeper server started in
the workdir and two JobManagers. For those clusters:

  kill-jobmanager   SIGKILL one JobManager (--index N, --url URL or --leader)
  start-jobmanager  start JobManager --index N again on its REST port
  stop-zookeeper, start-zookeeper
                    stop / start the ZooKeeper server (same port and data)
  leader            print the REST leader's URL and session id as ZooKeeper
                    holds them (--record FILE: the node's bytes as they are)

The plain and --adaptive-scheduler clusters are deployed by flinkjob itself:
``flinkjob cluster start --detach`` (the CLI of FLINKJOB_CLI, else
FLINKJOB_BUILD_DIR/tools/flinkjob, else _build/tools/flinkjob), and
stopped with ``flinkjob cluster stop``. Python keeps what the library has
no business with: TLS keystores (keytool), the --ha cluster with ZooKeeper,
a cluster without state.savepoints.dir, and restarting a JobManager.

Only the Python 3 standard library is used.  Progress goes to stderr, prefixed
with ``flink-harness:``; stdout carries only the result (a path or a URL).
"""

import argparse
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import traceback
import urllib.request
import zipfile
from contextlib import contextmanager
from pathlib import Path

DEFAULT_VERSION = "2.3.0"
PACKAGE = "apache-flink-libraries"
# Where a previously downloaded copy of the package may already sit (optional).
LOCAL_DIST_DIR = os.environ.get("FLINKJOB_FLINK_DIST_DIR", "/tmp/flinkdl")

REPO_ROOT = Path(__file__).resolve().parents[2]
JOBS_SRC = REPO_ROOT / "data" / "jobs" / "src"
JOBS_JAR_NAME = "flinkjob-test-jobs.jar"
JOBS_MAIN_CLASS = "org.flinkjob.testjobs.CounterStream"
JAVAC_FLAGS = ["--release", "11", "-encoding", "UTF-8", "-nowarn"]

START_TIMEOUT = float(os.environ.get("FLINKJOB_START_TIMEOUT", "120"))
STOP_GRACE = 10.0   # seconds between SIGTERM and SIGKILL of the cluster
CMD_GRACE = 10.0    # seconds a signalled command gets before SIGKILL
LOG_TAIL_LINES = 80

JM_CLASS = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint"
TM_CLASS = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner"
JM_JVM_OPTS = ["-Xms512m", "-Xmx512m", "-XX:MaxMetaspaceSize=256m"]
# JVM limits matching TM_RESOURCES (what BashJavaUtils GET_TM_RESOURCE_PARAMS
# computes for them): heap = framework + task heap, direct = framework
# off-heap + task off-heap + network.
TM_JVM_OPTS = ["-Xms384m", "-Xmx384m", "-XX:MaxDirectMemorySize=192m",
               "-XX:MaxMetaspaceSize=256m"]
# Started without the bash scripts, the TaskManager needs every memory
# component explicitly (it fails with a bare IllegalArgumentException in
# TaskExecutorResourceUtils.calculateTotalFlinkMemoryFromComponents otherwise).
TM_RESOURCES = {
    "taskmanager.cpu.cores": "1.0",
    "taskmanager.memory.task.heap.size": "256mb",
    "taskmanager.memory.managed.size": "128mb",
    "taskmanager.memory.network.min": "64mb",
    "taskmanager.memory.network.max": "64mb",
    "taskmanager.memory.framework.heap.size": "128mb",
    "taskmanager.memory.framework.off-heap.size": "128mb",
    "taskmanager.memory.task.off-heap.size": "0b",
    "taskmanager.memory.jvm-metaspace.size": "256mb",
    "taskmanager.memory.jvm-overhead.min": "192mb",
    "taskmanager.memory.jvm-overhead.max": "192mb",
}
# Fallback for env.java.opts.all of Flink's shipped config.yaml (1.20 list; the
# harness reads the real one from flink-dist's config.yaml when it can).
JAVA17_OPTS_FALLBACK = (
    "--add-exports=java.base/sun.net.util=ALL-UNNAMED "
    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED "
    "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED "
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED "
    "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED "
    "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED "
    "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED "
    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED "
    "--add-opens=java.base/java.lang=ALL-UNNAMED "
    "--add-opens=java.base/java.net=ALL-UNNAMED "
    "--add-opens=java.base/java.io=ALL-UNNAMED "
    "--add-opens=java.base/java.nio=ALL-UNNAMED "
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED "
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED "
    "--add-opens=java.base/java.text=ALL-UNNAMED "
    "--add-opens=java.base/java.time=ALL-UNNAMED "
    "--add-opens=java.base/java.util=ALL-UNNAMED "
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED "
    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED "
    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"
).split()

LOG4J_PROPERTIES = """\
# Written by flink-harness.py: everything goes to ${sys:log.file}.
monitorInterval = 0
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = MainAppender
logger.pekko.name = org.apache.pekko
logger.pekko.level = INFO
logger.zookeeper.name = org.apache.zookeeper
logger.zookeeper.level = WARN
logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline
logger.netty.level = OFF
appender.main.name = MainAppender
appender.main.type = File
appender.main.append = true
appender.main.fileName = ${sys:log.file}
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
"""


# --tls / --tls-mutual: test-only keystores, all with this password; the key
# of a JKS keystore has a password of its own, as JKS allows (PKCS12 not).
TLS_PASSWORD = "flinkjob-test-only"
TLS_JKS_KEY_PASSWORD = "flinkjob-test-only-key"
TLS_STORE_TYPES = {"PKCS12": "p12", "JKS": "jks"}
TLS_VALIDITY_DAYS = "7"
# Flink's default (TLS_RSA_WITH_AES_128_CBC_SHA) is disabled in recent JDKs
# and GnuTLS: ask for forward-secret suites that both ends have.
TLS_ALGORITHMS = ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,"
                  "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")
# The keys of cluster.json (and the environment of `run`) naming the PEM files.
TLS_ENV = {
    "tls_ca_pem": "FLINKJOB_TLS_CA_PEM",
    "tls_client_cert_pem": "FLINKJOB_TLS_CLIENT_CERT_PEM",
    "tls_client_key_pem": "FLINKJOB_TLS_CLIENT_KEY_PEM",
    "tls_other_ca_pem": "FLINKJOB_TLS_OTHER_CA_PEM",
    "tls_other_cert_pem": "FLINKJOB_TLS_OTHER_CERT_PEM",
    "tls_other_key_pem": "FLINKJOB_TLS_OTHER_KEY_PEM",
}


class HarnessError(Exception):
    """A failure the harness reports with a message and exit code 1."""


class Interrupted(Exception):
    """Raised by the signal handler while no command is running."""

    def __init__(self, signum):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def log(message):
    """Print a progress line to stderr (never fails: stderr may be gone)."""
    try:
        print(f"flink-harness: {message}", file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


# --------------------------------------------------------------------------
# Cache and install
# --------------------------------------------------------------------------

def cache_root():
    """The cache directory: $FLINKJOB_CACHE_DIR or $XDG_CACHE_HOME/flinkjob."""
    explicit = os.environ.get("FLINKJOB_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(
        os.path.expanduser("~"), ".cache")
    return Path(xdg) / "flinkjob"


def flink_home(version):
    """Where Flink `version` is (or will be) unpacked."""
    return cache_root() / f"flink-{version}"


@contextmanager
def cache_lock(version):
    """Serialise installs and builds of one version across processes."""
    root = cache_root()
    root.mkdir(parents=True, exist_ok=True)
    with open(root / f".flink-{version}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def find_local_archive(version):
    """A readable copy of the package in LOCAL_DIST_DIR, or None."""
    if not LOCAL_DIST_DIR or not os.path.isdir(LOCAL_DIST_DIR):
        return None
    stem = PACKAGE.replace("-", "_") + "-" + version
    for name in sorted(os.listdir(LOCAL_DIST_DIR)):
        path = Path(LOCAL_DIST_DIR) / name
        if name.startswith(stem + "-") and name.endswith(".whl"):
            if zipfile.is_zipfile(path):
                return path
        elif name == stem + ".tar.gz":
            if tarfile.is_tarfile(path):
                return path
    return None


def pip_commands():
    """pip invocations to try, in order."""
    commands = []
    for python in (sys.executable, "/usr/bin/python3"):
        if python and os.path.exists(python):
            cmd = [python, "-m", "pip"]
            if cmd not in commands:
                commands.append(cmd)
    if shutil.which("pip3"):
        commands.append(["pip3"])
    return commands


def pip_download(version, dest):
    """Download the package with pip into `dest`; return the archive path."""
    requirement = f"{PACKAGE}=={version}"
    for pip in pip_commands():
        cmd = pip + ["download", "--no-deps", "--no-cache-dir",
                     "--progress-bar", "off", "--dest", str(dest), requirement]
        log("running: " + " ".join(cmd))
        result = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                                stdout=sys.stderr, stderr=sys.stderr)
        archives = [p for p in Path(dest).iterdir()
                    if p.name.endswith((".whl", ".tar.gz", ".zip"))]
        if result.returncode == 0 and archives:
            return archives[0]
        log(f"pip download failed (exit {result.returncode}) with {pip[0]}")
    raise HarnessError(f"could not download {requirement} with pip")


# The jars sit under pyflink/ in the wheel and under <sdist>/deps/ in the sdist.
_LIB_JAR = re.compile(r"(^|/)(pyflink|deps)/lib/([^/]+\.jar)$")
_BIN_JAR = re.compile(r"(^|/)(pyflink|deps)/bin/(bash-java-utils\.jar)$")


def jar_target(member_name, home):
    """Where an archive member belongs in `home`, or None to skip it."""
    match = _LIB_JAR.search(member_name)
    if match:
        return home / "lib" / match.group(3)
    match = _BIN_JAR.search(member_name)
    if match:
        return home / "bin" / match.group(3)
    return None


def extract_jars(archive, home):
    """Copy lib/*.jar and bin/bash-java-utils.jar from a wheel or sdist."""
    (home / "lib").mkdir(parents=True)
    (home / "bin").mkdir(parents=True)
    if zipfile.is_zipfile(archive):
        with zipfile.ZipFile(archive) as whl:
            for info in whl.infolist():
                target = jar_target(info.filename, home)
                if target:
                    with whl.open(info) as src, open(target, "wb") as dst:
                        shutil.copyfileobj(src, dst, 1 << 20)
    else:
        with tarfile.open(archive) as sdist:
            for member in sdist:
                target = member.isfile() and jar_target(member.name, home)
                if target:
                    with sdist.extractfile(member) as src, \
                            open(target, "wb") as dst:
                        shutil.copyfileobj(src, dst, 1 << 20)
    if not list((home / "lib").glob("flink-dist*.jar")):
        raise HarnessError(f"no lib/flink-dist*.jar found in {archive}")


def install(version):
    """Make sure Flink `version` is unpacked in the cache; return its home."""
    home = flink_home(version)
    stamp = home / ".installed"
    if stamp.exists():
        log(f"Flink {version} already installed in {home}")
        return home
    with cache_lock(version):
        if stamp.exists():
            return home
        started = time.monotonic()
        log(f"installing Flink {version} into {home}")
        if home.exists():
            shutil.rmtree(home)   # a half-finished install: redo it
        with tempfile.TemporaryDirectory(prefix=f".download-{version}-",
                                         dir=cache_root()) as tmp:
            archive = find_local_archive(version)
            if archive:
                log(f"using local copy {archive}")
            else:
                archive = pip_download(version, tmp)
            extract_jars(archive, home)
        stamp.write_text(json.dumps({"version": version,
                                     "source": Path(archive).name,
                                     "installed": time.time()}) + "\n")
        log(f"installed Flink {version} in {time.monotonic() - started:.1f} s")
    return home


# --------------------------------------------------------------------------
# Test jobs
# --------------------------------------------------------------------------

def job_sources():
    """The Java sources of the test jobs, sorted."""
    sources = sorted(JOBS_SRC.rglob("*.java"))
    if not sources:
        raise HarnessError(f"no Java sources under {JOBS_SRC}")
    return sources


def sources_hash(sources):
    """A short hash of the job sources and the compiler flags."""
    digest = hashlib.sha256(" ".join(JAVAC_FLAGS).encode())
    for path in sources:
        digest.update(str(path.relative_to(JOBS_SRC)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def write_jar(classes_dir, jar_path):
    """Pack `classes_dir` into a jar with a manifest (Main-Class set)."""
    manifest = ("Manifest-Version: 1.0\r\n"
                f"Main-Class: {JOBS_MAIN_CLASS}\r\n"
                "Created-By: flink-harness.py\r\n\r\n")
    with zipfile.ZipFile(jar_path, "w", zipfile.ZIP_DEFLATED) as jar:
        jar.writestr("META-INF/MANIFEST.MF", manifest)
        for path in sorted(classes_dir.rglob("*.class")):
            jar.write(path, path.relative_to(classes_dir).as_posix())


def build_jobs(version):
    """Compile the test jobs against Flink `version`; return the jar path."""
    home = install(version)
    sources = job_sources()
    out_dir = home / f"jobs-{sources_hash(sources)}"
    jar_path = out_dir / JOBS_JAR_NAME
    if jar_path.exists():
        log(f"test jobs already built: {jar_path}")
        return jar_path
    with cache_lock(version):
        if jar_path.exists():
            return jar_path
        started = time.monotonic()
        with tempfile.TemporaryDirectory(prefix=".jobs-build-",
                                         dir=home) as tmp:
            classes = Path(tmp) / "classes"
            staging = Path(tmp) / "out"
            classes.mkdir()
            staging.mkdir()
            cmd = [java_tool("javac"), *JAVAC_FLAGS, "-d", str(classes),
                   "-cp", str(home / "lib" / "*"), *map(str, sources)]
            result = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                                    stdout=sys.stderr, stderr=sys.stderr)
            if result.returncode != 0:
                raise HarnessError(f"javac failed (exit {result.returncode})")
            write_jar(classes, staging / JOBS_JAR_NAME)
            if out_dir.exists():
                shutil.rmtree(out_dir)
            os.rename(staging, out_dir)
        log(f"built test jobs in {time.monotonic() - started:.1f} s: {jar_path}")
    return jar_path


# --------------------------------------------------------------------------
# Cluster start and stop
# --------------------------------------------------------------------------

def java_tool(name):
    """Path of a JDK tool (java, javac), preferring $JAVA_HOME."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home and os.path.exists(os.path.join(java_home, "bin", name)):
        return os.path.join(java_home, "bin", name)
    found = shutil.which(name)
    if not found:
        raise HarnessError(f"{name} not found (install a JDK >= 11)")
    return found


def java17_opts(home):
    """The --add-opens/--add-exports list of Flink's own config.yaml."""
    for dist in (home / "lib").glob("flink-dist*.jar"):
        try:
            with zipfile.ZipFile(dist) as jar:
                text = jar.read("config.yaml").decode("utf-8", "replace")
        except (KeyError, zipfile.BadZipFile):
            continue
        match = re.search(r"^\s*all:\s*(--add-.*)$", text, re.MULTILINE)
        if match:
            return match.group(1).split()
    return list(JAVA17_OPTS_FALLBACK)


def free_ports(count):
    """`count` distinct TCP ports free on 127.0.0.1 right now."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def yaml_str(value):
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(str(value))


# --------------------------------------------------------------------------
# TLS material (--tls, --tls-mutual)
# --------------------------------------------------------------------------

def run_steps(steps):
    """Run the (description, command) steps in parallel; raise if one fails."""
    procs = []
    for what, cmd in steps:
        procs.append((what, subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE)))
    failures = []
    for what, proc in procs:
        out, err = proc.communicate()
        if proc.returncode != 0:
            text = (err or out).decode("utf-8", "replace").strip()
            failures.append(f"{what} (exit {proc.returncode}): {text[-500:]}")
    if failures:
        raise HarnessError("making the TLS material failed: " +
                           "; ".join(failures))


OPENSSL_CNF = """\
# Written by flink-harness.py: the test CAs and the certificates they sign.
[req]
distinguished_name = dn
prompt = no
[dn]
O = flinkjob
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
# clientAuth too: with mutual TLS, Flink's SSL guide has clients present the
# REST keystore as well.
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
authorityKeyIdentifier = keyid
[client]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
"""


def make_tls_material(workdir, store_type="PKCS12"):
    """Make the REST keystore and truststore with keytool, as Flink reads
    them (`store_type` PKCS12 or JKS), and the PEM files a client needs: a
    test CA (the one that signs the REST certificate), a client certificate
    and key it signed, and a client certificate and key another CA signed.
    Return their paths and the stores' type and passwords (the tls_* keys of
    cluster.json).

    The CAs and the client keys are made with openssl (milliseconds each);
    the four keytool JVMs run in three stages, two of them at once."""
    openssl = shutil.which("openssl")
    if not openssl:
        raise HarnessError("--tls needs openssl for the PEM files "
                           "(apt-get install -y openssl)")
    if store_type not in TLS_STORE_TYPES:
        raise HarnessError(f"--tls-store-type {store_type}: expected one of "
                           f"{', '.join(TLS_STORE_TYPES)}")
    ext = TLS_STORE_TYPES[store_type]
    key_password = TLS_JKS_KEY_PASSWORD if store_type == "JKS" else TLS_PASSWORD
    tls = Path(workdir).resolve() / "tls"
    tls.mkdir(parents=True, exist_ok=True)
    for old in tls.iterdir():   # keytool refuses to overwrite an alias
        old.unlink()
    started = time.monotonic()
    f = {name: str(tls / name) for name in (
        "openssl.cnf", "ca.pem", "ca-key.pem", "ca.srl", "other-ca.pem",
        "other-ca-key.pem", "other-ca.srl", "rest.csr",
        "rest-cert.pem", "rest-chain.pem",
        "client.csr", "client-cert.pem", "client-key.pem", "other-client.csr",
        "other-client-cert.pem", "other-client-key.pem")}
    f["rest-keystore"] = str(tls / f"rest-keystore.{ext}")
    f["rest-truststore"] = str(tls / f"rest-truststore.{ext}")
    Path(f["openssl.cnf"]).write_text(OPENSSL_CNF)
    kt = [java_tool("keytool"), "-J-XX:TieredStopAtLevel=1",
          "-J-XX:+UseSerialGC"]
    store = ["-storetype", store_type, "-storepass", TLS_PASSWORD]
    days = TLS_VALIDITY_DAYS

    def ssl(*args):
        return [openssl, *args]

    def make_ca(name, cn):
        return ssl("req", "-x509", "-config", f["openssl.cnf"],
                   "-extensions", "ca", "-newkey", "rsa:2048", "-nodes",
                   "-days", days, "-subj", f"/O=flinkjob/CN={cn}",
                   "-keyout", f[f"{name}-key.pem"], "-out", f[f"{name}.pem"])

    def make_client_csr(name, cn):
        return ssl("req", "-new", "-config", f["openssl.cnf"],
                   "-newkey", "rsa:2048", "-nodes",
                   "-subj", f"/O=flinkjob/CN={cn}",
                   "-keyout", f[f"{name}-key.pem"], "-out", f[f"{name}.csr"])

    def sign(ca, csr, cert, section):
        return ssl("x509", "-req", "-in", f[csr], "-CA", f[f"{ca}.pem"],
                   "-CAkey", f[f"{ca}-key.pem"], "-CAcreateserial",
                   "-CAserial", f[f"{ca}.srl"], "-days", days, "-sha256",
                   "-extfile", f["openssl.cnf"], "-extensions", section,
                   "-out", f[cert])

    # Stage 1: the REST key pair (keytool), while openssl makes the CAs and
    # the client certificates.
    genkey = subprocess.Popen(
        kt + ["-genkeypair", "-alias", "flink-rest",
              "-keystore", f["rest-keystore"], *store,
              "-keypass", key_password, "-keyalg", "RSA", "-keysize", "2048",
              "-validity", days, "-dname", "O=flinkjob,CN=127.0.0.1",
              "-ext", "SAN=ip:127.0.0.1,dns:localhost"],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT)
    try:
        run_steps([("openssl req (CA)", make_ca("ca", "flinkjob test CA")),
                   ("openssl req (other CA)",
                    make_ca("other-ca", "flinkjob other CA")),
                   ("openssl req (client)",
                    make_client_csr("client", "flinkjob test client")),
                   ("openssl req (other client)",
                    make_client_csr("other-client", "flinkjob other client"))])
        run_steps([("openssl x509 (client)",
                    sign("ca", "client.csr", "client-cert.pem", "client")),
                   ("openssl x509 (other client)",
                    sign("other-ca", "other-client.csr",
                         "other-client-cert.pem", "client"))])
    finally:
        out, _ = genkey.communicate()
    if genkey.returncode != 0:
        raise HarnessError("making the TLS material failed: keytool "
                           f"-genkeypair (exit {genkey.returncode}): "
                           f"{out.decode('utf-8', 'replace')[-500:]}")
    # Stage 2: the REST certificate request, and the truststore.
    run_steps([
        ("keytool -certreq (REST)",
         kt + ["-certreq", "-alias", "flink-rest",
               "-keystore", f["rest-keystore"], *store,
               "-keypass", key_password, "-file", f["rest.csr"]]),
        ("keytool -importcert (truststore)",
         kt + ["-importcert", "-noprompt", "-alias", "flinkjob-test-ca",
               "-file", f["ca.pem"], "-keystore", f["rest-truststore"],
               *store]),
    ])
    # Stage 3: the CA signs it; the chain goes into the keystore.
    run_steps([("openssl x509 (REST)",
                sign("ca", "rest.csr", "rest-cert.pem", "server"))])
    Path(f["rest-chain.pem"]).write_text(
        Path(f["rest-cert.pem"]).read_text() + Path(f["ca.pem"]).read_text())
    run_steps([
        ("keytool -importcert (REST certificate chain)",
         kt + ["-importcert", "-noprompt", "-trustcacerts",
               "-alias", "flink-rest", "-file", f["rest-chain.pem"],
               "-keystore", f["rest-keystore"], *store,
               "-keypass", key_password]),
    ])
    log(f"made TLS keystores in {tls} in {time.monotonic() - started:.1f} s")
    return {
        "tls_keystore": f["rest-keystore"],
        "tls_truststore": f["rest-truststore"],
        "tls_store_type": store_type,
        "tls_store_password": TLS_PASSWORD,
        "tls_key_password": key_password,
        "tls_ca_pem": f["ca.pem"],
        "tls_client_cert_pem": f["client-cert.pem"],
        "tls_client_key_pem": f["client-key.pem"],
        "tls_other_ca_pem": f["other-ca.pem"],
        "tls_other_cert_pem": f["other-client-cert.pem"],
        "tls_other_key_pem": f["other-client-key.pem"],
    }


def tls_config(material, mutual):
    """The config.yaml keys of REST over TLS with `material`."""
    return {
        "security.ssl.rest.enabled": "true",
        "security.ssl.rest.keystore": yaml_str(material["tls_keystore"]),
        "security.ssl.rest.keystore-password": yaml_str(TLS_PASSWORD),
        "security.ssl.rest.key-password": yaml_str(material["tls_key_password"]),
        "security.ssl.rest.truststore": yaml_str(material["tls_truststore"]),
        "security.ssl.rest.truststore-password": yaml_str(TLS_PASSWORD),
        "security.ssl.rest.authentication-enabled":
            "true" if mutual else "false",
        "security.ssl.protocol": "TLSv1.2",
        "security.ssl.algorithms": yaml_str(TLS_ALGORITHMS),
    }


def ssl_context(info):
    """An ssl.SSLContext for the cluster of `info`, or None without TLS."""
    if not info or not info.get("tls"):
        return None
    import ssl
    context = ssl.create_default_context(cafile=info["tls_ca_pem"])
    if info.get("tls_mutual"):
        context.load_cert_chain(info["tls_client_cert_pem"],
                                info["tls_client_key_pem"])
    return context


def write_config(workdir, rest_port, rpc_port, savepoints, extra=None):
    """Write workdir/conf/config.yaml and log4j.properties; return dirs.

    `extra` holds more config.yaml keys (their values already YAML)."""
    dirs = {name: workdir / name for name in
            ("conf", "log", "checkpoints", "savepoints", "tmp", "web", "blob")}
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    settings = {
        "rest.address": "127.0.0.1",
        "rest.bind-address": "127.0.0.1",
        "rest.port": rest_port,
        "jobmanager.rpc.address": "127.0.0.1",
        "jobmanager.rpc.port": rpc_port,
        "jobmanager.bind-host": "127.0.0.1",
        "taskmanager.bind-host": "127.0.0.1",
        "taskmanager.host": "127.0.0.1",
        # Flink names a TaskManager after the machine's host name, which
        # must then resolve: in containers and chroots it often does not.
        "taskmanager.resource-id": f"flinkjob-taskmanager-{rpc_port}",
        "taskmanager.numberOfTaskSlots": 2,
        "parallelism.default": 1,
        "jobmanager.memory.process.size": "1024m",
        "jobmanager.execution.failover-strategy": "region",
        "state.checkpoints.dir": yaml_str(dirs["checkpoints"].as_uri()),
        "web.submit.enable": "true",
        "web.cancel.enable": "true",
        "web.tmpdir": yaml_str(dirs["web"]),
        "io.tmp.dirs": yaml_str(dirs["tmp"]),
        "blob.storage.directory": yaml_str(dirs["blob"]),
        # Finished jobs stay queryable for 10 minutes (default 1 hour).
        "jobstore.expiration-time": 600,
        "heartbeat.interval": 2000,
        "heartbeat.timeout": 20000,
    }
    if savepoints:
        settings["state.savepoints.dir"] = yaml_str(dirs["savepoints"].as_uri())
    settings.update(extra or {})
    text = "# Written by flink-harness.py\n" + "".join(
        f"{key}: {value}\n" for key, value in settings.items())
    (dirs["conf"] / "config.yaml").write_text(text)
    (dirs["conf"] / "log4j.properties").write_text(LOG4J_PROPERTIES)
    return dirs


def die_with_parent():
    """preexec_fn: have the kernel SIGKILL the child if the harness dies."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
    except Exception:   # best effort only
        pass


# The signals the harness handles (see SignalState), held back while a JVM
# is launched and its pid recorded: an interrupt that struck in between
# would leave a JVM that no cluster.json names, which `stop` cannot find.
DEFERRED_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@contextmanager
def deferred_signals():
    """Deliver DEFERRED_SIGNALS only when the block ends."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, DEFERRED_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def child_preexec(tie_to_parent):
    """preexec_fn of a JVM: no signal held back; maybe tied to the parent."""
    def preexec():
        signal.pthread_sigmask(signal.SIG_UNBLOCK, DEFERRED_SIGNALS)
        if tie_to_parent:
            die_with_parent()
    return preexec


def launch(role, cmd, log_dir, tie_to_parent):
    """Start one JVM in its own process group, output to log_dir/role.out.

    Call it within deferred_signals() with the recording of its pid."""
    with open(log_dir / f"{role}.out", "ab") as out:
        proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=child_preexec(tie_to_parent))
    log(f"started {role} (pid {proc.pid})")
    return proc


def jvm_command(home, dirs, role, main_class, jvm_opts, dynamic=None):
    """The java command line of the JobManager or the TaskManager."""
    conf = dirs["conf"]
    cmd = [java_tool("java"), *jvm_opts, *java17_opts(home),
           f"-Dlog.file={dirs['log'] / (role + '.log')}",
           f"-Dlog4j.configuration=file:{conf / 'log4j.properties'}",
           f"-Dlog4j.configurationFile=file:{conf / 'log4j.properties'}",
           "-classpath", str(home / "lib" / "*"),
           main_class, "--configDir", str(conf)]
    for key, value in (dynamic or {}).items():
        cmd += ["-D", f"{key}={value}"]
    return cmd


def http_json(url, timeout=3.0, context=None):
    """GET `url` and decode its JSON body (`context`: an SSLContext)."""
    with urllib.request.urlopen(url, timeout=timeout,
                                context=context) as response:
        return json.loads(response.read().decode("utf-8"))


def wait_ready(url, procs, timeout, context=None, need_taskmanager=True):
    """Wait until /overview shows a TaskManager with a free slot (or, with
    need_taskmanager false, until it answers at all)."""
    deadline = time.monotonic() + timeout
    last = "no answer yet"
    while time.monotonic() < deadline:
        for role, proc in procs.items():
            if proc.poll() is not None:
                raise HarnessError(f"{role} exited early (exit {proc.returncode})")
        try:
            overview = http_json(url + "/overview", context=context)
            last = json.dumps(overview)
            if not need_taskmanager:
                return overview
            if overview.get("taskmanagers", 0) >= 1 and \
                    overview.get("slots-available", 0) >= 1:
                return overview
        except (OSError, ValueError) as error:
            last = str(error)
        time.sleep(0.5)
    raise HarnessError(f"cluster not ready after {timeout:.0f} s ({last})")


def write_info(workdir, info):
    """Write workdir/cluster.json."""
    path = workdir / "cluster.json"
    path.write_text(json.dumps(info, indent=2) + "\n")


def read_info(workdir):
    """Read workdir/cluster.json, or None."""
    try:
        return json.loads((workdir / "cluster.json").read_text())
    except (OSError, ValueError):
        return None


START_ATTEMPTS = 3   # a picked port may be taken before the JVM binds it


def port_conflict(workdir):
    """Did the last start fail because a port was taken meanwhile?"""
    markers = ("BindException", "Address already in use", "Failed to bind")
    for path in role_logs(workdir):
        text = tail(path, 200)
        if any(marker in text for marker in markers):
            return True
    return False


# --adaptive-scheduler: the scheduler that keeps resource requirements and
# rescales running jobs, with no cooldown before a rescale (Flink's default
# waits 30 s after the job started or last rescaled). The 1.x key and its
# 2.x successor are both set; each version ignores the other's.
ADAPTIVE_SCHEDULER_CONF = {
    "jobmanager.scheduler": "adaptive",
    "jobmanager.adaptive-scheduler.scaling-interval.min": "0 s",
    "jobmanager.adaptive-scheduler.executing.cooldown-after-rescaling": "0 s",
    "jobmanager.adaptive-scheduler.rescale-trigger.max-delay": "0 s",
}


def cluster_options(args):
    """The additive start/run options of `args` as a dict (see
    launch_cluster): TLS, mutual TLS and extra config.yaml keys."""
    conf = {}
    if getattr(args, "adaptive_scheduler", False):
        conf.update(ADAPTIVE_SCHEDULER_CONF)
    if getattr(args, "async_store_duration", None):
        conf["rest.async.store-duration"] = args.async_store_duration
    for item in getattr(args, "conf", None) or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise HarnessError(f"--conf {item!r}: expected KEY=VALUE")
        conf[key.strip()] = value.strip()
    mutual = bool(getattr(args, "tls_mutual", False))
    tls = mutual or bool(getattr(args, "tls", False))
    store_type = getattr(args, "tls_store_type", None)
    if store_type and not tls:
        raise HarnessError("--tls-store-type needs --tls or --tls-mutual")
    return {"tls": tls, "tls_mutual": mutual, "conf": conf,
            "tls_store_type": store_type or "PKCS12",
            "ha": bool(getattr(args, "ha", False))}


# --------------------------------------------------------------------------
# High availability (--ha): a ZooKeeper server and two JobManagers
# --------------------------------------------------------------------------

# Debian's zookeeper package: the server jar (its manifest's Class-Path names
# the jars it needs), an SLF4J binding for the server's log, and a silent one
# for the leader tool.
ZK_JAR = "/usr/share/java/zookeeper.jar"
ZK_LOG_JAR = "/usr/share/java/slf4j-simple.jar"
ZK_QUIET_JAR = "/usr/share/java/slf4j-nop.jar"
ZK_SERVER_CLASS = "org.apache.zookeeper.server.ZooKeeperServerMain"
ZK_JVM_OPTS = ["-Xms32m", "-Xmx128m", "-XX:+UseSerialGC",
               "-XX:TieredStopAtLevel=1"]
# Reads the REST leader's record with ZooKeeper's Java client and decodes it
# with Java's ObjectInputStream, as Flink does (`leader`, `kill-jobmanager
# --leader`).
ZK_LEADER_TOOL = REPO_ROOT / "tests" / "flink" / "ZkLeader.java"
# Sessions may last 2 to 20 ticks.
ZK_TICK_MS = 1000
ZK_START_TIMEOUT = 60.0

HA_JOBMANAGERS = 2
# Not Flink's defaults (/flink, /default), so that a client must read them.
HA_ROOT = "/flinkjob"
HA_CLUSTER_ID = "flinkjob-ha"
# How long a killed JobManager's ZooKeeper session, and so its leadership,
# outlives it. Flink's default (60 s) would make every failover a minute.
HA_SESSION_TIMEOUT = "10 s"
HA_CHECKPOINT_INTERVAL = "2 s"
# Where Flink's REST endpoint publishes its leader (ZooKeeperUtils:
# <root>/<cluster-id>/leader/rest_server/connection_info).
HA_REST_LEADER_NODES = ("leader", "rest_server", "connection_info")

ZOO_CFG = """\
# Written by flink-harness.py: a standalone server for one test cluster.
tickTime={tick}
initLimit=10
syncLimit=5
dataDir={data}
clientPort={port}
clientPortAddress=127.0.0.1
maxClientCnxns=0
admin.enableServer=false
4lw.commands.whitelist=srvr,ruok
"""


def zookeeper_path(*parts):
    """A ZooKeeper path "/a/b/c" from parts, each trimmed of slashes (as
    Flink's ZooKeeperUtils.generateZookeeperPath joins them)."""
    trimmed = [part.strip("/") for part in parts]
    return "/" + "/".join(part for part in trimmed if part)


def ha_leader_path(info):
    """The node holding the REST leader of the cluster of `info`."""
    return zookeeper_path(info["ha_root"], info["ha_cluster_id"],
                          *HA_REST_LEADER_NODES)


def ha_config(version, quorum, storage_dir):
    """The config.yaml keys of ZooKeeper HA (values already YAML).

    Both 1.20 and 2.x read high-availability.type and take
    high-availability (and recovery.mode) as deprecated names of it: 1.20
    gets the name most 1.x configurations still use, 2.x the current one."""
    mode_key = ("high-availability" if version.startswith("1.")
                else "high-availability.type")
    return {
        mode_key: "zookeeper",
        "high-availability.zookeeper.quorum": yaml_str(quorum),
        "high-availability.zookeeper.path.root": yaml_str(HA_ROOT),
        "high-availability.cluster-id": yaml_str(HA_CLUSTER_ID),
        "high-availability.storageDir": yaml_str(storage_dir.as_uri()),
        "high-availability.zookeeper.client.session-timeout":
            yaml_str(HA_SESSION_TIMEOUT),
        # No SASL login to try (there is no JAAS configuration): without
        # this, every reconnection logs "Authentication failed".
        "zookeeper.sasl.disable": "true",
        "execution.checkpointing.interval": yaml_str(HA_CHECKPOINT_INTERVAL),
    }


def write_client_config(workdir, settings):
    """workdir/client-conf/config.yaml: what a client of the HA cluster
    needs, as Flink's HA documentation has it: the high-availability keys
    (and TLS), no rest.address or rest.port of a fixed JobManager."""
    conf = Path(workdir) / "client-conf"
    conf.mkdir(parents=True, exist_ok=True)
    keep = {key: value for key, value in settings.items()
            if key.startswith(("high-availability", "security.ssl."))
            and key != "high-availability.storageDir"}
    (conf / "config.yaml").write_text(
        "# Written by flink-harness.py: a client of the HA cluster\n" +
        "".join(f"{key}: {value}\n" for key, value in keep.items()))
    return conf


def require_zookeeper():
    """Fail with the package to install when ZooKeeper's jar is missing."""
    if not os.path.exists(ZK_JAR):
        raise HarnessError(f"--ha needs Debian's ZooKeeper ({ZK_JAR}): "
                           "apt-get install -y zookeeper")


def zookeeper_command(cfg):
    """The java command line of the ZooKeeper server reading `cfg`."""
    classpath = [ZK_JAR] + ([ZK_LOG_JAR] if os.path.exists(ZK_LOG_JAR)
                            else [])
    return [java_tool("java"), *ZK_JVM_OPTS,
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-cp", ":".join(classpath), ZK_SERVER_CLASS, str(cfg)]


def zookeeper_mode(port):
    """The Mode: line of ZooKeeper's answer to srvr (standalone once it
    serves), or None while it does not answer."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
            sock.sendall(b"srvr")
            data = b""
            while len(data) < 65536:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                data += chunk
    except OSError:
        return None
    match = re.search(rb"^Mode: (\w+)", data, re.MULTILINE)
    return match.group(1).decode() if match else None


def launch_zookeeper(workdir, info, tie_to_parent, timeout=ZK_START_TIMEOUT):
    """Start the ZooKeeper server of `info` (its zoo.cfg, port and data stay
    those of the first start), record its pid, wait until it serves."""
    require_zookeeper()
    log_dir = Path(info["log_dir"])
    with deferred_signals():
        proc = launch("zookeeper", zookeeper_command(info["zookeeper_cfg"]),
                      log_dir, tie_to_parent)
        info["zookeeper_pid"] = proc.pid
        write_info(workdir, info)
    deadline = time.monotonic() + timeout
    while zookeeper_mode(info["zookeeper_port"]) is None:
        if proc.poll() is not None:
            raise HarnessError(f"zookeeper exited early (exit {proc.returncode})")
        if time.monotonic() > deadline:
            raise HarnessError(f"ZooKeeper does not serve at "
                               f"{info['zookeeper_quorum']} after {timeout:.0f} s")
        time.sleep(0.2)
    log(f"ZooKeeper serves at {info['zookeeper_quorum']}")
    return proc


def launch_taskmanager(home, dirs, workdir, info, tie_to_parent):
    """Start the TaskManager and record its pid in cluster.json."""
    cmd = jvm_command(home, dirs, "taskmanager", TM_CLASS, TM_JVM_OPTS,
                      TM_RESOURCES)
    with deferred_signals():
        proc = launch("taskmanager", cmd, dirs["log"], tie_to_parent)
        info["taskmanager_pid"] = proc.pid
        write_info(workdir, info)
    return proc


def launch_ha_jobmanager(home, workdir, info, index, tie_to_parent):
    """Start JobManager `index` of `info` on its own REST port."""
    jm = info["jobmanagers"][index]
    dirs = {"conf": Path(info["conf_dir"]), "log": Path(info["log_dir"])}
    cmd = jvm_command(home, dirs, jm["role"], JM_CLASS, JM_JVM_OPTS,
                      {"rest.port": jm["rest_port"]})
    with deferred_signals():
        proc = launch(jm["role"], cmd, dirs["log"], tie_to_parent)
        jm["pid"] = proc.pid
        write_info(workdir, info)
    return proc


def launch_ha_cluster(version, home, jobs_jar, workdir, savepoints,
                      tie_to_parent, options, material):
    """One attempt of --ha: ZooKeeper, JobManager 1 (which becomes the
    leader), the TaskManager, then JobManager 2 (a standby)."""
    require_zookeeper()
    zk_port, rpc_port, *rest_ports = free_ports(2 + HA_JOBMANAGERS)
    quorum = f"127.0.0.1:{zk_port}"
    ha_dir = workdir / "ha"
    zk_dir = workdir / "zookeeper"
    (zk_dir / "data").mkdir(parents=True, exist_ok=True)
    ha_dir.mkdir(parents=True, exist_ok=True)
    extra = ha_config(version, quorum, ha_dir)
    extra.update({key: yaml_str(value)
                  for key, value in options.get("conf", {}).items()})
    if options.get("tls"):
        extra.update(tls_config(material, options.get("tls_mutual")))
    dirs = write_config(workdir, rest_ports[0], rpc_port, savepoints, extra)
    client_conf = write_client_config(workdir, extra)
    cfg = zk_dir / "zoo.cfg"
    cfg.write_text(ZOO_CFG.format(tick=ZK_TICK_MS, data=zk_dir / "data",
                                  port=zk_port))
    scheme = "https" if options.get("tls") else "http"
    jobmanagers = [{"role": f"jobmanager-{i + 1}", "rest_port": port,
                    "url": f"{scheme}://127.0.0.1:{port}", "pid": None}
                   for i, port in enumerate(rest_ports)]
    info = {
        "version": version, "url": jobmanagers[0]["url"],
        "rest_port": rest_ports[0],
        "flink_home": str(home), "jobs_jar": str(jobs_jar),
        "workdir": str(workdir), "conf_dir": str(dirs["conf"]),
        "log_dir": str(dirs["log"]),
        "savepoint_dir": str(dirs["savepoints"]) if savepoints else "",
        "checkpoint_dir": str(dirs["checkpoints"]),
        "rpc_port": rpc_port,
        "tls": bool(options.get("tls")),
        "tls_mutual": bool(options.get("tls_mutual")),
        "conf": dict(options.get("conf", {})),
        "ha": True,
        "ha_root": HA_ROOT, "ha_cluster_id": HA_CLUSTER_ID,
        "ha_storage_dir": str(ha_dir),
        "client_conf_dir": str(client_conf),
        "zookeeper_port": zk_port, "zookeeper_quorum": quorum,
        "zookeeper_cfg": str(cfg), "zookeeper_pid": None,
        "jobmanagers": jobmanagers,
    }
    info["ha_leader_path"] = ha_leader_path(info)
    if options.get("tls"):
        info.update(material)
    context = ssl_context(info)
    procs = {}
    try:
        procs["zookeeper"] = launch_zookeeper(workdir, info, tie_to_parent)
        procs["jobmanager-1"] = launch_ha_jobmanager(home, workdir, info, 0,
                                                     tie_to_parent)
        procs["taskmanager"] = launch_taskmanager(home, dirs, workdir, info,
                                                  tie_to_parent)
        wait_ready(info["url"], procs, START_TIMEOUT, context=context)
        for index in range(1, HA_JOBMANAGERS):
            role = jobmanagers[index]["role"]
            procs[role] = launch_ha_jobmanager(home, workdir, info, index,
                                               tie_to_parent)
            wait_ready(jobmanagers[index]["url"], procs, START_TIMEOUT,
                       context=context, need_taskmanager=False)
    except BaseException:
        stop_cluster(workdir)
        raise
    return info


def require_ha(workdir):
    """The cluster.json of the --ha cluster in `workdir`."""
    info = read_info(Path(workdir).resolve())
    if not info:
        raise HarnessError(f"no cluster was started in {workdir}")
    if not info.get("ha"):
        raise HarnessError(f"the cluster in {workdir} was not started with --ha")
    return info


def zookeeper_leader(info, record=None, timeout=60):
    """(URL, session id) of the REST leader as ZooKeeper holds it, read and
    decoded by Java (ZK_LEADER_TOOL), or None when no leader is published;
    with `record`, the node's bytes are written there as they are."""
    cmd = [java_tool("java"), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
           "-cp", f"{ZK_JAR}:{ZK_QUIET_JAR}", str(ZK_LEADER_TOOL),
           info["zookeeper_quorum"], info["ha_leader_path"]]
    if record:
        cmd.append(str(record))
    try:
        result = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                                capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise HarnessError(f"reading {info['ha_leader_path']} took more "
                           f"than {timeout} s") from None
    if result.returncode == 3:
        return None
    if result.returncode != 0:
        raise HarnessError("reading the leader from ZooKeeper failed: " +
                           result.stderr.decode("utf-8", "replace").strip())
    url, session = result.stdout.decode("utf-8").split()
    return url, session


def find_jobmanager(info, index=None, url=None):
    """The jobmanagers entry of `info` with this index (1-based) or URL."""
    jobmanagers = info["jobmanagers"]
    if url is not None:
        for jm in jobmanagers:
            if jm["url"].rstrip("/") == url.rstrip("/"):
                return jm
        raise HarnessError(f"no JobManager of this cluster has the URL {url}")
    if index is None or not 1 <= index <= len(jobmanagers):
        raise HarnessError(f"--index must be 1 to {len(jobmanagers)}")
    return jobmanagers[index - 1]


def kill_jobmanager(workdir, index=None, url=None, leader=False):
    """SIGKILL one JobManager of the --ha cluster in `workdir` (the leader
    ZooKeeper names, with `leader`); return its jobmanagers entry."""
    workdir = Path(workdir).resolve()
    info = require_ha(workdir)
    if leader:
        found = zookeeper_leader(info)
        if found is None:
            raise HarnessError("ZooKeeper names no REST leader right now")
        url = found[0]
    jm = find_jobmanager(info, index, url)
    pid = jm.get("pid")
    if not pid or not pid_alive(pid, info["conf_dir"]):
        raise HarnessError(f"{jm['role']} ({jm['url']}) does not run")
    signal_groups([pid], signal.SIGKILL)
    deadline = time.monotonic() + 10
    while pid_alive(pid, info["conf_dir"]):
        if time.monotonic() > deadline:
            raise HarnessError(f"{jm['role']} pid {pid} survived SIGKILL")
        time.sleep(0.02)
    log(f"killed {jm['role']} (pid {pid}, {jm['url']}) with SIGKILL")
    return jm


def start_jobmanager(workdir, index, timeout=START_TIMEOUT):
    """Start JobManager `index` (1-based) of the --ha cluster in `workdir`
    again, on its REST port; it joins as a standby if another leads."""
    workdir = Path(workdir).resolve()
    info = require_ha(workdir)
    jm = find_jobmanager(info, index)
    if jm.get("pid") and pid_alive(jm["pid"], info["conf_dir"]):
        raise HarnessError(f"{jm['role']} runs already (pid {jm['pid']})")
    proc = launch_ha_jobmanager(Path(info["flink_home"]), workdir, info,
                                index - 1, tie_to_parent=False)
    wait_ready(jm["url"], {jm["role"]: proc}, timeout,
               context=ssl_context(info), need_taskmanager=False)
    log(f"{jm['role']} started again (pid {proc.pid}) at {jm['url']}")
    return jm


def start_zookeeper(workdir):
    """Start the ZooKeeper server of the --ha cluster in `workdir` again
    (same port, same data)."""
    workdir = Path(workdir).resolve()
    info = require_ha(workdir)
    if cluster_pids_alive(workdir, zookeeper=True):
        raise HarnessError(f"ZooKeeper runs already at {info['zookeeper_quorum']}")
    launch_zookeeper(workdir, info, tie_to_parent=False)
    return info


def stop_zookeeper(workdir, kill=False):
    """Stop the ZooKeeper server of the --ha cluster in `workdir`, leaving
    Flink running."""
    workdir = Path(workdir).resolve()
    info = require_ha(workdir)
    if not stop_pids(workdir, "ZooKeeper", 0 if kill else STOP_GRACE,
                     zookeeper=True):
        log(f"ZooKeeper of {workdir} does not run")
    return info



def launch_cluster(version, home, jobs_jar, workdir, savepoints,
                   tie_to_parent, options=None, material=None):
    """One attempt: write the config, start both JVMs, wait until ready.

    `options` (cluster_options) may ask for TLS, with `material`
    (make_tls_material), and extra config.yaml keys."""
    options = options or {}
    if options.get("ha"):
        return launch_ha_cluster(version, home, jobs_jar, workdir, savepoints,
                                 tie_to_parent, options, material)
    if savepoints and not options.get("tls"):
        return deploy_cluster(version, home, jobs_jar, workdir, tie_to_parent,
                              options)
    rest_port, rpc_port = free_ports(2)
    extra = {key: yaml_str(value)
             for key, value in options.get("conf", {}).items()}
    if options.get("tls"):
        extra.update(tls_config(material, options.get("tls_mutual")))
    dirs = write_config(workdir, rest_port, rpc_port, savepoints, extra)
    scheme = "https" if options.get("tls") else "http"
    url = f"{scheme}://127.0.0.1:{rest_port}"
    info = {
        "version": version, "url": url, "rest_port": rest_port,
        "flink_home": str(home), "jobs_jar": str(jobs_jar),
        "workdir": str(workdir), "conf_dir": str(dirs["conf"]),
        "log_dir": str(dirs["log"]),
        "savepoint_dir": str(dirs["savepoints"]) if savepoints else "",
        "checkpoint_dir": str(dirs["checkpoints"]),
    }
    if options.get("tls") or options.get("conf"):
        info.update({"rpc_port": rpc_port,
                     "tls": bool(options.get("tls")),
                     "tls_mutual": bool(options.get("tls_mutual")),
                     "conf": dict(options.get("conf", {}))})
    if options.get("tls"):
        info.update(material)
    procs = {}
    try:
        jm_cmd = jvm_command(home, dirs, "jobmanager", JM_CLASS, JM_JVM_OPTS)
        with deferred_signals():
            procs["jobmanager"] = launch("jobmanager", jm_cmd, dirs["log"],
                                         tie_to_parent)
            info["jobmanager_pid"] = procs["jobmanager"].pid
            write_info(workdir, info)
        procs["taskmanager"] = launch_taskmanager(home, dirs, workdir, info,
                                                  tie_to_parent)
        wait_ready(url, procs, START_TIMEOUT, context=ssl_context(info))
    except BaseException:
        stop_cluster(workdir)
        raise
    return info


def flinkjob_cli():
    """The built flinkjob tool: $FLINKJOB_CLI, else
    $FLINKJOB_BUILD_DIR/tools/flinkjob, else _build/tools/flinkjob (a
    relative directory is taken from the top of the project)."""
    explicit = os.environ.get("FLINKJOB_CLI")
    if explicit:
        return explicit
    # A relative build directory is the project's (run-tests.sh exports
    # _build), wherever the harness runs from.
    build = REPO_ROOT / (os.environ.get("FLINKJOB_BUILD_DIR") or "_build")
    return str(build / "tools" / "flinkjob")


# What the harness's clusters have beyond the library's own choices
# (addresses, ports, directories): the same as write_config's.
DEPLOY_SETTINGS = {
    "parallelism.default": "1",
    "jobmanager.execution.failover-strategy": "region",
    "jobstore.expiration-time": "600",
    "heartbeat.interval": "2000",
    "heartbeat.timeout": "20000",
}


def read_cluster_record(workdir):
    """The pids flinkjob recorded in workdir/cluster.ini, by role."""
    import configparser
    record = configparser.ConfigParser(interpolation=None)
    record.read(workdir / "cluster.ini")
    return {section.split(" ", 1)[1]: int(record[section]["pid"])
            for section in record.sections()
            if section.startswith("process ") and "pid" in record[section]}


def deploy_cluster(version, home, jobs_jar, workdir, tie_to_parent, options):
    """Deploy a session cluster (1 TaskManager, 2 slots) with
    `flinkjob cluster start --detach`, and record it in cluster.json."""
    cli = flinkjob_cli()
    if not os.access(cli, os.X_OK):
        raise HarnessError(f"the flinkjob tool is not built: {cli} (build it "
                           "with meson, or set FLINKJOB_CLI or "
                           "FLINKJOB_BUILD_DIR)")
    settings = dict(DEPLOY_SETTINGS)
    settings.update(options.get("conf", {}))
    argv = [cli, "--json", "--timeout", f"{START_TIMEOUT:g}", "cluster",
            "start", "--detach", "--flink-home", str(home),
            "--work-dir", str(workdir), "--taskmanagers", "1", "--slots", "2",
            "--jobmanager-memory", "1024"]
    for key, value in settings.items():
        argv += ["-D", f"{key}={value}"]
    if tie_to_parent:
        start_watchdog(workdir)
    log("deploying: " + " ".join(argv[:12]) + " ...")
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    try:
        out, err = proc.communicate()
    except BaseException:
        # Interrupted: the tool cancels the deployment and stops what it
        # started.
        proc.terminate()
        proc.wait()
        raise
    if proc.returncode != 0:
        raise HarnessError(f"flinkjob cluster start failed (exit "
                           f"{proc.returncode}): {err.strip()}")
    started = json.loads(out)
    pids = read_cluster_record(workdir)
    url = started["url"]
    info = {
        "version": version, "url": url,
        "rest_port": int(url.rsplit(":", 1)[1]),
        "flink_home": str(home), "jobs_jar": str(jobs_jar),
        "workdir": str(workdir), "conf_dir": str(workdir / "conf"),
        "log_dir": str(workdir / "log"),
        "savepoint_dir": str(workdir / "savepoints"),
        "checkpoint_dir": str(workdir / "checkpoints"),
        "cluster_id": started["cluster_id"], "flinkjob": cli,
        "jobmanager_pid": pids.get("jobmanager"),
        "taskmanager_pid": pids.get("taskmanager-1"),
    }
    if options.get("conf"):
        info["conf"] = dict(options["conf"])
    write_info(workdir, info)
    return info


def start_watchdog(workdir):
    """A process that stops the cluster of `workdir` when the harness is
    gone, however it went (SIGKILL included): it waits for the end of a
    pipe whose other end only the harness holds."""
    read_end, write_end = os.pipe()
    subprocess.Popen([sys.executable or "python3", str(Path(__file__).resolve()),
                      "watch", "--workdir", str(workdir)],
                     stdin=read_end, stdout=subprocess.DEVNULL,
                     start_new_session=True)
    os.close(read_end)
    os.set_inheritable(write_end, False)
    WATCHDOG_PIPES.append(write_end)


WATCHDOG_PIPES = []


def processes_under(workdir):
    """Pids of the processes whose command line names a path in `workdir`."""
    marker = (str(Path(workdir).resolve()) + "/").encode()
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if marker in (entry / "cmdline").read_bytes():
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


def cmd_watch(args):
    """watch: once stdin ends (the harness is gone), stop every process of
    the cluster of --workdir, those a deployment still starting adds."""
    for signum in HANDLED_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
    sys.stdin.buffer.read()
    workdir = Path(args.workdir)
    deadline = time.monotonic() + START_TIMEOUT + 30
    quiet_since = time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - quiet_since < 5:
        pids = processes_under(workdir)
        if pids:
            quiet_since = time.monotonic()
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            time.sleep(STOP_GRACE)
            for pid in processes_under(workdir):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        time.sleep(0.5)
    return 0


def start_cluster(version, workdir, savepoints=True, tie_to_parent=False,
                  options=None):
    """Start JobManager + TaskManager in `workdir`; return the cluster info.

    On failure both JVMs are stopped and HarnessError is raised; the caller
    prints the logs (print_log_tails). `options`: see cluster_options."""
    jobs_jar = build_jobs(version)   # installs Flink first if needed
    home = flink_home(version)
    workdir = Path(workdir).resolve()
    if cluster_pids_alive(workdir):
        raise HarnessError(f"a cluster is already running in {workdir}")
    started = time.monotonic()
    material = None
    if options and options.get("tls"):
        material = make_tls_material(workdir, options.get("tls_store_type", "PKCS12"))
    for attempt in range(1, START_ATTEMPTS + 1):
        try:
            info = launch_cluster(version, home, jobs_jar, workdir,
                                  savepoints, tie_to_parent, options,
                                  material)
            break
        except HarnessError as error:
            if attempt == START_ATTEMPTS or not port_conflict(workdir):
                raise
            log(f"{error}: a port was taken, retrying with other ports")
            shutil.move(str(workdir / "log"),
                        str(workdir / f"log.failed-{attempt}"))
    log(f"Flink {version} cluster started in "
        f"{time.monotonic() - started:.1f} s at {info['url']}")
    return info


def pid_alive(pid, marker):
    """Is `pid` a live (non-zombie) process whose command line has `marker`?"""
    try:
        os.waitpid(pid, os.WNOHANG)   # reap it if it is our dead child
    except ChildProcessError:
        pass
    try:
        with open(f"/proc/{pid}/stat") as handle:
            if handle.read().rsplit(")", 1)[1].split()[0] == "Z":
                try:   # died since the waitpid above: reap it now
                    os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    pass
                return False
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return marker.encode() in handle.read()
    except (OSError, IndexError):
        return False


def cluster_pids(workdir, zookeeper=False):
    """(pid, marker) of the cluster's Flink JVMs recorded in cluster.json
    (with `zookeeper`, of its ZooKeeper server instead)."""
    info = read_info(workdir) or {}
    if zookeeper:
        if info.get("zookeeper_pid"):
            return [(info["zookeeper_pid"], info["zookeeper_cfg"])]
        return []
    pids = [info[key] for key in ("jobmanager_pid", "taskmanager_pid")
            if info.get(key)]
    pids += [jm["pid"] for jm in info.get("jobmanagers", []) if jm.get("pid")]
    return [(pid, info["conf_dir"]) for pid in pids]


def cluster_pids_alive(workdir, zookeeper=False):
    """The recorded cluster pids that are still running."""
    return [pid for pid, marker in cluster_pids(workdir, zookeeper)
            if pid_alive(pid, marker)]


def signal_groups(pids, sig):
    """Send `sig` to the process group of each pid (each is a group leader)."""
    for pid in pids:
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            # Not a group leader: a JVM that flinkjob deployed.
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass


def stop_pids(workdir, what, grace, zookeeper=False):
    """SIGTERM the process groups of cluster_pids(workdir, zookeeper),
    SIGKILL them if they linger (at once with `grace` 0). Returns whether
    any ran."""
    alive = cluster_pids_alive(workdir, zookeeper)
    if not alive:
        return False
    log(f"stopping {what} in {workdir} (pids {' '.join(map(str, alive))})")
    signal_groups(alive, signal.SIGTERM if grace > 0 else signal.SIGKILL)
    deadline = time.monotonic() + grace
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = cluster_pids_alive(workdir, zookeeper)
    if alive:
        if grace > 0:
            log(f"still running after {grace:.0f} s, sending SIGKILL")
        signal_groups(alive, signal.SIGKILL)
        deadline = time.monotonic() + 5
        while alive and time.monotonic() < deadline:
            time.sleep(0.1)
            alive = cluster_pids_alive(workdir, zookeeper)
    if alive:
        raise HarnessError(f"could not stop pids {alive}")
    log(f"{what} stopped")
    return True


def stop_cluster(workdir, grace=STOP_GRACE):
    """SIGTERM the cluster's process groups, SIGKILL them if they linger
    (at once with `grace` 0). ZooKeeper (--ha) goes last, so that the
    JobManagers can leave it cleanly."""
    workdir = Path(workdir).resolve()
    stopped = False
    info = read_info(workdir) or {}
    if (workdir / "cluster.ini").exists() and grace > 0:
        # Deployed by flinkjob: stopped by it (the JobManager that
        # restart-jobmanager started, if any, by stop_pids below).
        cli = info.get("flinkjob") or flinkjob_cli()
        log(f"flinkjob cluster stop {workdir}")
        proc = subprocess.run([cli, "cluster", "stop", str(workdir)],
                              capture_output=True, text=True, check=False,
                              timeout=STOP_GRACE + 30)
        if proc.returncode != 0:
            log(f"flinkjob cluster stop failed: {proc.stderr.strip()}")
        stopped = proc.returncode == 0
    try:
        stopped = stop_pids(workdir, "cluster", grace) or stopped
    finally:
        if stop_pids(workdir, "ZooKeeper", grace, zookeeper=True):
            stopped = True
    return stopped


def restart_jobmanager(workdir, wait_taskmanager=False,
                       timeout=START_TIMEOUT):
    """SIGKILL the JobManager of `workdir` if it still runs, start a new one
    with the same configuration (so the same ports), record its pid in
    cluster.json, and wait until its REST API answers (and, with
    `wait_taskmanager`, until a TaskManager registered again).

    Without high availability the new JobManager knows no job and no
    trigger id of the old one. Returns the cluster info."""
    workdir = Path(workdir).resolve()
    info = read_info(workdir)
    if info and info.get("ha"):
        raise HarnessError("the cluster was started with --ha: use "
                           "kill-jobmanager and start-jobmanager")
    if not info or not info.get("jobmanager_pid"):
        raise HarnessError(f"no cluster was started in {workdir}")
    started = time.monotonic()
    pid = info["jobmanager_pid"]
    if pid_alive(pid, info["conf_dir"]):
        log(f"killing the JobManager (pid {pid}) with SIGKILL")
        signal_groups([pid], signal.SIGKILL)
        deadline = time.monotonic() + 10
        while pid_alive(pid, info["conf_dir"]):
            if time.monotonic() > deadline:
                raise HarnessError(f"JobManager pid {pid} survived SIGKILL")
            time.sleep(0.05)
    home = Path(info["flink_home"])
    dirs = {name: workdir / name for name in ("conf", "log")}
    cmd = jvm_command(home, dirs, "jobmanager", JM_CLASS, JM_JVM_OPTS)
    for attempt in range(1, START_ATTEMPTS + 1):
        with deferred_signals():
            proc = launch("jobmanager", cmd, dirs["log"], tie_to_parent=False)
            info["jobmanager_pid"] = proc.pid
            info["jobmanager_restarts"] = \
                info.get("jobmanager_restarts", 0) + 1
            write_info(workdir, info)
        try:
            wait_ready(info["url"], {"jobmanager": proc}, timeout,
                       context=ssl_context(info),
                       need_taskmanager=wait_taskmanager)
            break
        except HarnessError as error:
            # The old JobManager's ports may linger a moment after SIGKILL.
            if attempt == START_ATTEMPTS or proc.poll() is None:
                raise
            log(f"{error}; trying again in 2 s")
            time.sleep(2)
    log(f"JobManager restarted (pid {info['jobmanager_pid']}) in "
        f"{time.monotonic() - started:.1f} s at {info['url']}")
    return info


def role_logs(workdir):
    """The log and output files of every role that ran in `workdir`: the
    JobManager(s), the TaskManager, ZooKeeper (--ha)."""
    log_dir = Path(workdir) / "log"
    paths = []
    for role in ("jobmanager", "taskmanager", "zookeeper"):
        for suffix in (".log", ".out"):
            paths += sorted(log_dir.glob(f"{role}*{suffix}"))
    return paths


def tail(path, lines):
    """The last `lines` lines of a text file ('' if missing)."""
    try:
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            handle.seek(max(0, handle.tell() - 400 * lines))
            text = handle.read().decode("utf-8", "replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


def print_log_tails(workdir):
    """Print the end of the JobManager and TaskManager logs to stderr."""
    for path in role_logs(workdir):
        text = tail(path, LOG_TAIL_LINES if path.name.endswith(".log")
                    else 20)
        if text.strip():
            log(f"----- last lines of {path} -----")
            try:
                print(text, file=sys.stderr, flush=True)
            except (OSError, ValueError):
                pass


# --------------------------------------------------------------------------
# run: cluster around a command
# --------------------------------------------------------------------------

class SignalState:
    """What the run signal handler knows: the command, signals seen."""

    def __init__(self):
        self.child = None
        self.signum = None
        self.signalled_at = None
        self.cleaning = False

    def handler(self, signum, _frame):
        """Forward to the running command; otherwise abort the harness."""
        if self.signum is None:
            self.signum = signum
            self.signalled_at = time.monotonic()
        name = signal.Signals(signum).name
        if self.cleaning:
            log(f"got {name} while cleaning up; finishing the clean-up first")
            return
        if self.child is not None and self.child.poll() is None:
            log(f"got {name}, forwarding it to the command")
            try:
                self.child.send_signal(signum)
            except ProcessLookupError:
                pass
            return
        raise Interrupted(signum)


HANDLED_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def install_handlers(state):
    """Route SIGINT/SIGTERM/SIGHUP to `state`."""
    for signum in HANDLED_SIGNALS:
        signal.signal(signum, state.handler)


def wait_command(state):
    """Wait for the command; SIGKILL it if it outlives a forwarded signal."""
    child = state.child
    while True:
        try:
            code = child.wait(timeout=0.5)
            break
        except subprocess.TimeoutExpired:
            if state.signalled_at and \
                    time.monotonic() - state.signalled_at > CMD_GRACE:
                log(f"command still running {CMD_GRACE:.0f} s after the "
                    "signal, killing it")
                child.kill()
    return 128 - code if code < 0 else code


def command_env(info):
    """The environment the command runs with."""
    env = dict(os.environ)
    env.update({
        "FLINK_REST_URL": info["url"],
        "FLINK_VERSION": info["version"],
        "FLINK_HOME": info["flink_home"],
        "FLINKJOB_TEST_JOBS_JAR": info["jobs_jar"],
        "FLINKJOB_TEST_WORKDIR": info["workdir"],
        "FLINKJOB_SAVEPOINT_DIR": info["savepoint_dir"],
        "FLINKJOB_REQUIRE_CLUSTER": "1",
    })
    if info.get("tls"):
        env.update({name: info[key] for key, name in TLS_ENV.items()})
    if info.get("ha"):
        env.update(ha_env(info))
    return env


def ha_env(info):
    """What tests of the --ha cluster need: ZooKeeper, the cluster id, the
    JobManagers, a client configuration, and the harness for its
    kill-jobmanager, start-jobmanager, stop-zookeeper and start-zookeeper."""
    jobmanagers = info["jobmanagers"]
    return {
        "FLINKJOB_HA": "1",
        "FLINKJOB_HA_QUORUM": info["zookeeper_quorum"],
        "FLINKJOB_HA_ROOT": info["ha_root"],
        "FLINKJOB_HA_CLUSTER_ID": info["ha_cluster_id"],
        "FLINKJOB_HA_LEADER_PATH": info["ha_leader_path"],
        "FLINKJOB_HA_CONF_DIR": info["client_conf_dir"],
        "FLINKJOB_HA_JOBMANAGER_URLS": " ".join(jm["url"] for jm in jobmanagers),
        "FLINKJOB_HA_JOBMANAGER_PIDS": " ".join(str(jm["pid"])
                                                for jm in jobmanagers),
        "FLINKJOB_ZOOKEEPER_PID": str(info["zookeeper_pid"]),
        "FLINKJOB_HARNESS": str(Path(__file__).resolve()),
        "FLINKJOB_PYTHON": sys.executable or "python3",
    }


def run_with_cluster(args):
    """Start a cluster, run the command, clean up; return the exit code."""
    command = list(args.command)
    if command and command[0] == "--":
        command = command[1:]
    if not command:
        raise HarnessError("run: no command given (use: run -- CMD ARGS...)")
    workdir = Path(tempfile.mkdtemp(prefix=f"flinkjob-flink-{args.version}-"))
    state = SignalState()
    install_handlers(state)
    code = 1
    try:
        info = start_cluster(args.version, workdir,
                             savepoints=not args.no_savepoint_dir,
                             tie_to_parent=True,
                             options=cluster_options(args))
        log("running: " + " ".join(command))
        try:
            state.child = subprocess.Popen(command, env=command_env(info))
        except OSError as error:
            log(f"cannot run {command[0]}: {error}")
            code = 127
        else:
            code = wait_command(state)
            log(f"command exited with {code}")
        if state.signum is not None:
            code = 128 + state.signum
    except Interrupted as interrupt:
        log(f"interrupted by {interrupt}")
        code = 128 + interrupt.signum
    except HarnessError as error:
        log(f"error: {error}")
        code = 1
    except Exception:
        traceback.print_exc()
        code = 1
    finally:
        state.cleaning = True
        try:
            stop_cluster(workdir)
        except Exception as error:   # keep going: report, keep the workdir
            log(f"error while stopping the cluster: {error}")
            code = code or 1
    if code != 0:
        print_log_tails(workdir)
        log(f"kept the work directory {workdir}")
    elif args.keep_workdir:
        log(f"kept the work directory {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return code


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------

def cmd_install(args):
    """install: print the Flink home."""
    print(install(args.version))
    return 0


def cmd_build_jobs(args):
    """build-jobs: print the jar path."""
    print(build_jobs(args.version))
    return 0


def cmd_start(args):
    """start: start a cluster in --workdir and print its REST URL."""
    state = SignalState()
    install_handlers(state)
    workdir = Path(args.workdir)
    try:
        info = start_cluster(args.version, workdir,
                             savepoints=not args.no_savepoint_dir,
                             options=cluster_options(args))
    except HarnessError:
        print_log_tails(workdir)
        raise
    except Interrupted as interrupt:
        log(f"interrupted by {interrupt}")
        return 128 + interrupt.signum
    print(info["url"])
    return 0


def cmd_stop(args):
    """stop: stop the cluster in --workdir (no-op if none runs)."""
    if not stop_cluster(args.workdir, grace=0 if args.kill else STOP_GRACE):
        log(f"no running cluster in {args.workdir}")
    return 0


@contextmanager
def log_tails_on_error(workdir):
    """Print the clusters' log tails when the block fails."""
    try:
        yield
    except HarnessError:
        print_log_tails(workdir)
        raise


def cmd_restart_jobmanager(args):
    """restart-jobmanager: see restart_jobmanager; print the REST URL."""
    with log_tails_on_error(args.workdir):
        info = restart_jobmanager(args.workdir,
                                  wait_taskmanager=args.wait_taskmanager)
    print(info["url"])
    return 0


def cmd_run(args):
    """run: see run_with_cluster."""
    return run_with_cluster(args)


def cmd_kill_jobmanager(args):
    """kill-jobmanager: see kill_jobmanager; print the killed one's URL."""
    if sum(x is not None and x is not False
           for x in (args.index, args.url, args.leader)) != 1:
        raise HarnessError("kill-jobmanager: give one of --index, --url, "
                           "--leader")
    jm = kill_jobmanager(args.workdir, index=args.index, url=args.url,
                         leader=args.leader)
    print(jm["url"], flush=True)
    return 0


def cmd_start_jobmanager(args):
    """start-jobmanager: see start_jobmanager; print its URL."""
    with log_tails_on_error(args.workdir):
        jm = start_jobmanager(args.workdir, args.index)
    print(jm["url"])
    return 0


def cmd_stop_zookeeper(args):
    """stop-zookeeper: see stop_zookeeper."""
    stop_zookeeper(args.workdir, kill=args.kill)
    return 0


def cmd_start_zookeeper(args):
    """start-zookeeper: see start_zookeeper; print the quorum."""
    info = start_zookeeper(args.workdir)
    print(info["zookeeper_quorum"])
    return 0


def cmd_leader(args):
    """leader: print the REST leader's URL and session id from ZooKeeper."""
    info = require_ha(args.workdir)
    found = zookeeper_leader(info, record=args.record)
    if found is None:
        log(f"no leader published at {info['ha_leader_path']}")
        return 3
    print(*found)
    return 0


def parse_args(argv):
    """The argparse command line."""
    parser = argparse.ArgumentParser(
        prog="flink-harness.py",
        description="Run a real Flink session cluster for flinkjob's tests.")
    sub = parser.add_subparsers(dest="subcommand", required=True)

    def add_version(p):
        p.add_argument("--version", default=DEFAULT_VERSION,
                       help=f"Flink version (default {DEFAULT_VERSION}; "
                            "1.20.5 is the supported 1.20.x)")

    p = sub.add_parser("install", help="download and unpack Flink")
    add_version(p)
    p.set_defaults(func=cmd_install)

    p = sub.add_parser("build-jobs", help="compile the Java test jobs")
    add_version(p)
    p.set_defaults(func=cmd_build_jobs)

    def add_cluster_options(p):
        p.add_argument("--tls", action="store_true",
                       help="REST over https (security.ssl.rest.enabled) "
                            "with keystores made by keytool in the workdir; "
                            "run exports FLINKJOB_TLS_CA_PEM, "
                            "FLINKJOB_TLS_CLIENT_CERT_PEM/KEY_PEM and a "
                            "certificate of another CA, "
                            "FLINKJOB_TLS_OTHER_CERT_PEM/KEY_PEM")
        p.add_argument("--tls-mutual", action="store_true",
                       help="like --tls, and the cluster asks clients for a "
                            "certificate its CA signed "
                            "(security.ssl.rest.authentication-enabled)")
        p.add_argument("--tls-store-type", choices=sorted(TLS_STORE_TYPES),
                       help="with --tls or --tls-mutual: the type of the "
                            "REST keystore and truststore (default PKCS12, "
                            "keytool's; JKS as older setups have them)")
        p.add_argument("--async-store-duration", metavar="DURATION",
                       help="rest.async.store-duration: how long the "
                            "cluster keeps savepoint results (default 5 min)")
        p.add_argument("--adaptive-scheduler", action="store_true",
                       help="jobmanager.scheduler: adaptive, rescaling "
                            "without cooldown (resource requirements)")
        p.add_argument("--conf", action="append", metavar="KEY=VALUE",
                       help="one more config.yaml key (repeatable)")
        p.add_argument("--ha", action="store_true",
                       help="ZooKeeper high availability: a ZooKeeper "
                            "server (Debian's) and two JobManagers, each on "
                            "its own REST port, checkpointing every "
                            f"{HA_CHECKPOINT_INTERVAL}; run exports "
                            "FLINKJOB_HA_* (quorum, cluster id, JobManager "
                            "URLs and pids, a client config dir)")

    p = sub.add_parser("start", help="start a session cluster in --workdir")
    add_version(p)
    p.add_argument("--workdir", required=True)
    p.add_argument("--no-savepoint-dir", action="store_true",
                   help="leave state.savepoints.dir unset")
    add_cluster_options(p)
    p.set_defaults(func=cmd_start)

    p = sub.add_parser("stop", help="stop the cluster of --workdir")
    p.add_argument("--workdir", required=True)
    p.add_argument("--kill", action="store_true",
                   help="SIGKILL the JVMs at once, without the "
                        f"{STOP_GRACE:.0f} s of grace after SIGTERM")
    p.set_defaults(func=cmd_stop)

    p = sub.add_parser("watch", help=argparse.SUPPRESS)
    p.add_argument("--workdir", required=True)
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser(
        "restart-jobmanager",
        help="SIGKILL the JobManager of --workdir and start a new one on "
             "the same ports")
    p.add_argument("--workdir", required=True)
    p.add_argument("--wait-taskmanager", action="store_true",
                   help="also wait until a TaskManager registered again")
    p.set_defaults(func=cmd_restart_jobmanager)

    # The subcommands of an --ha cluster, all on the cluster of --workdir.
    for name, func, text in (
            ("kill-jobmanager", cmd_kill_jobmanager,
             "SIGKILL one JobManager and print its URL"),
            ("start-jobmanager", cmd_start_jobmanager,
             "start a (killed) JobManager again on its REST port"),
            ("stop-zookeeper", cmd_stop_zookeeper,
             "stop the ZooKeeper server, not Flink"),
            ("start-zookeeper", cmd_start_zookeeper,
             "start the ZooKeeper server again (same port and data)"),
            ("leader", cmd_leader,
             "print the REST leader's URL and session id as ZooKeeper holds "
             "them (exit 3 when none is published)")):
        p = sub.add_parser(name, help=f"--ha: {text}")
        p.add_argument("--workdir", required=True)
        p.set_defaults(func=func)
        if name == "kill-jobmanager":
            p.add_argument("--index", type=int, help="1 or 2")
            p.add_argument("--url", help="the JobManager's REST URL")
            p.add_argument("--leader", action="store_true",
                           help="the REST leader that ZooKeeper names")
        elif name == "start-jobmanager":
            p.add_argument("--index", type=int, required=True, help="1 or 2")
        elif name == "stop-zookeeper":
            p.add_argument("--kill", action="store_true",
                           help="SIGKILL it at once")
        elif name == "leader":
            p.add_argument("--record", metavar="FILE",
                           help="also write the leader node's bytes to FILE")

    p = sub.add_parser("run", help="run a command against a fresh cluster")
    add_version(p)
    p.add_argument("--keep-workdir", action="store_true")
    p.add_argument("--no-savepoint-dir", action="store_true")
    add_cluster_options(p)
    p.add_argument("command", nargs=argparse.REMAINDER,
                   help="-- CMD ARGS...")
    p.set_defaults(func=cmd_run)
    return parser.parse_args(argv)


def main(argv=None):
    """Entry point: dispatch to the subcommand, map errors to exit 1."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return args.func(args)
    except HarnessError as error:
        log(f"error: {error}")
        return 1
    except KeyboardInterrupt:
        return 128 + signal.SIGINT


if __name__ == "__main__":
    sys.exit(main())
