#!/usr/bin/python3
"""The GTK 4 monitor example, on a virtual display, lists a running job.

    test-monitor.py MONITOR_SCRIPT

Against the real cluster that tests/flink/flink-harness.py run started
(FLINK_REST_URL, FLINKJOB_TEST_JOBS_JAR): starts Xvfb on a free display
(-displayfd), submits the test jobs' CounterStream through Flink-1.0, runs
MONITOR_SCRIPT with FLINKJOB_MONITOR_SELFTEST=JOB_ID and checks that it
printed "listed JOB_ID RUNNING" and exited 0. Then cancels the job; Xvfb
and the monitor are always stopped.

Skips (exit 77) without a cluster, and, loudly when FLINKJOB_REQUIRE_CLUSTER=1,
without the GTK 4 typelib (gir1.2-gtk-4.0) or Xvfb (xvfb).

FLINKJOB_GTK_SCREENSHOT=PATH also saves a PNG of the display while the job is
listed (ImageMagick's import), as docs/images/monitor.png was made.
"""
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import select
import shutil
import signal
import subprocess
import sys
import time

import gi

# The Python suite's helpers: each call with a deadline.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from flink_test_utils import call  # noqa: E402

SKIP = 77
ENTRY_CLASS = "org.flinkjob.testjobs.CounterStream"
XVFB_START_S = 20
MONITOR_TIMEOUT_S = 90         # the monitor gives up by itself after 60 s
SCREEN = "1024x480x24"


def log(message):
    print(f"# {message}", flush=True)


def skip(reason):
    if os.environ.get("FLINKJOB_REQUIRE_CLUSTER") == "1":
        # CI installs these (.ci/bootstrap.sh): their absence is a broken
        # machine, said loudly, but not a failure of flinkjob.
        banner = "!" * 72
        for stream in (sys.stdout, sys.stderr):
            print(f"{banner}\nSKIPPING THE GTK TEST WITH A CLUSTER AT HAND: {reason}\n{banner}",
                  file=stream, flush=True)
    else:
        print(f"skip: {reason}", flush=True)
    sys.exit(SKIP)


def start_xvfb():
    """Xvfb on the first free display number, which it writes to a pipe."""
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", SCREEN,
                             "-nolisten", "tcp", "-noreset"],
                            pass_fds=[write_end], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    os.close(write_end)
    number = b""
    deadline = time.monotonic() + XVFB_START_S
    while not number.endswith(b"\n") and time.monotonic() < deadline:
        ready, _, _ = select.select([read_end], [], [], 0.5)
        if ready:
            chunk = os.read(read_end, 16)
            if not chunk:
                break
            number += chunk
    os.close(read_end)
    if not number.strip().isdigit():
        stop(xvfb, "Xvfb")
        raise RuntimeError(f"Xvfb did not start: {xvfb.stderr.read().decode(errors='replace')[-2000:]}")
    return xvfb, f":{number.strip().decode()}"


def stop(process, name):
    if process is None or process.poll() is not None:
        return
    log(f"stopping {name} (pid {process.pid})")
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


def screenshot(display, monitor, path):
    """Freezes the monitor (it would exit a second after the line) while
    ImageMagick grabs the display."""
    os.kill(monitor.pid, signal.SIGSTOP)
    try:
        env = dict(os.environ, DISPLAY=display)
        subprocess.run(["import", "-window", "root", "-trim", "+repage", path], env=env, check=True, timeout=30)
        log(f"screenshot saved as {path}")
    finally:
        os.kill(monitor.pid, signal.SIGCONT)


def watch_monitor(monitor, job_id, display):
    """Reads the monitor's output until it exits; returns (listed, code)."""
    expected = f"listed {job_id} RUNNING"
    listed = False
    deadline = time.monotonic() + MONITOR_TIMEOUT_S
    buffered = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([monitor.stdout], [], [], 0.5)
        if ready:
            chunk = os.read(monitor.stdout.fileno(), 4096)
            if not chunk:
                break
            buffered += chunk
            *lines, buffered = buffered.split(b"\n")
            for line in lines:
                text = line.decode(errors="replace")
                log(f"monitor: {text}")
                if text == expected and not listed:
                    listed = True
                    if os.environ.get("FLINKJOB_GTK_SCREENSHOT"):
                        screenshot(display, monitor, os.environ["FLINKJOB_GTK_SCREENSHOT"])
        elif monitor.poll() is not None:
            break
    try:
        code = monitor.wait(timeout=max(1, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        code = "timeout"
    return listed, code


def main(monitor_script):
    url = os.environ.get("FLINK_REST_URL")
    if not url:
        if os.environ.get("FLINKJOB_REQUIRE_CLUSTER") == "1":
            print("FLINKJOB_REQUIRE_CLUSTER=1 but FLINK_REST_URL is not set")
            return 1
        skip("no Flink cluster: set FLINK_REST_URL, or run through tests/flink/flink-harness.py run")
    jar = os.environ.get("FLINKJOB_TEST_JOBS_JAR")
    if not jar:
        print("FLINKJOB_TEST_JOBS_JAR is not set")
        return 1
    try:
        gi.require_version("Gtk", "4.0")
    except ValueError:
        skip("no GTK 4 typelib (Debian: apt-get install gir1.2-gtk-4.0)")
    if shutil.which("Xvfb") is None:
        skip("no Xvfb (Debian: apt-get install xvfb)")
    gi.require_version("Flink", "1.0")
    from gi.repository import Flink, Gio

    client = call(Flink.ClusterDescriptor.new_for_url(url), "retrieve")
    xvfb = monitor = job = None
    try:
        xvfb, display = start_xvfb()
        log(f"Xvfb on display {display}")

        options = Flink.RunOptions(entry_class=ENTRY_CLASS)
        job = call(client, "submit_jar", Gio.File.new_for_path(jar), options)
        log(f"submitted job {job.get_job_id()}")

        env = dict(os.environ,
                   DISPLAY=display,
                   GDK_BACKEND="x11",
                   GSK_RENDERER="cairo",           # no GL on Xvfb
                   GTK_A11Y="none",                # no accessibility bus
                   NO_AT_BRIDGE="1",
                   DBUS_SESSION_BUS_ADDRESS="disabled:",   # no session bus: a plain non-unique app
                   FLINKJOB_MONITOR_SELFTEST=job.get_job_id())
        monitor = subprocess.Popen([sys.executable, monitor_script, url], env=env,
                                   stdout=subprocess.PIPE, start_new_session=True)
        listed, code = watch_monitor(monitor, job.get_job_id(), display)
        log(f"monitor exit status: {code}")
        if not listed:
            print(f"not ok: the monitor never printed 'listed {job.get_job_id()} RUNNING'")
            return 1
        if code != 0:
            print(f"not ok: the monitor listed the job but exited with {code}")
            return 1
        print("ok: the monitor listed the running job")
        return 0
    finally:
        stop(monitor, "the monitor")
        if job is not None:
            try:
                call(job, "cancel")
                log(f"cancelled job {job.get_job_id()}")
            except Exception as error:        # GLib.Error: already ended, cluster gone
                log(f"could not cancel job {job.get_job_id()}: {error}")
        stop(xvfb, "Xvfb")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} MONITOR_SCRIPT")
    # meson's timeout sends SIGTERM: clean up as on any other exit.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    sys.exit(main(sys.argv[1]))
