# test_ha.py: a watched job across a failover of an HA cluster's leader, from
# Python
#
# Run by meson (suite "ha") under /usr/bin/python3 -m pytest through
# tests/flink/flink-harness.py run --ha. The descriptor comes from the client
# configuration the harness writes (ZooKeeper quorum and cluster id, no
# rest.address); the leader JobManager is killed with SIGKILL, and started
# again (as a standby) at the end.
#
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import subprocess

import gi

gi.require_version("GLib", "2.0")
gi.require_version("Gio", "2.0")
gi.require_version("Flink", "1.0")
from gi.repository import Flink, Gio, GLib  # noqa: E402

import pytest  # noqa: E402

from flink_test_utils import spin_until, sync  # noqa: E402

COUNTER_CLASS = "org.flinkjob.testjobs.CounterStream"
RECOVERY_S = 180

pytestmark = pytest.mark.skipif(os.environ.get("FLINKJOB_HA") != "1",
                                reason="no HA cluster: flink-harness.py run --ha")


def harness(*args):
    argv = [os.environ["FLINKJOB_PYTHON"], os.environ["FLINKJOB_HARNESS"],
            args[0], "--workdir", os.environ["FLINKJOB_TEST_WORKDIR"], *args[1:]]
    return subprocess.run(argv, check=True, capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL).stdout.strip()


def test_watched_job_across_failover():
    descriptor = Flink.ClusterDescriptor.new_from_config(os.environ["FLINKJOB_HA_CONF_DIR"])
    client = sync(descriptor).retrieve()
    leader = harness("leader").split()[0]
    assert client.get_url() == leader

    options = Flink.RunOptions(entry_class=COUNTER_CLASS)
    options.set_program_args(["--rate", "20"])
    jar = Gio.File.new_for_path(os.environ["FLINKJOB_TEST_JOBS_JAR"])
    job = sync(client).submit_jar(jar, options)
    try:
        changes = []
        job.connect("status-changed", lambda _job, old, new: changes.append(new))
        job.set_watched(True)
        assert spin_until(lambda: job.get_last_seen_status() == Flink.JobStatus.RUNNING,
                          "the watched job to be RUNNING", 120)

        assert harness("kill-jobmanager", "--url", leader) == leader
        try:
            assert spin_until(lambda: not job.get_reachable(),
                              "the watch to find the leader gone", 60)
            # The same client, no change: the new leader answers.
            assert sync(job, seconds=RECOVERY_S).get_job_status() in (
                Flink.JobStatus.RUNNING, Flink.JobStatus.RESTARTING, Flink.JobStatus.CREATED,
                Flink.JobStatus.INITIALIZING, Flink.JobStatus.RECONCILING)
            assert client.get_url() != leader
            assert spin_until(lambda: job.get_reachable() and
                              job.get_last_seen_status() == Flink.JobStatus.RUNNING,
                              "the watched job to be RUNNING under the new leader", RECOVERY_S)
            assert Flink.JobStatus.FAILED not in changes
        finally:
            index = "1" if os.environ["FLINKJOB_HA_JOBMANAGER_URLS"].split()[0] == leader else "2"
            harness("start-jobmanager", "--index", index)
    finally:
        job.set_watched(False)
        try:
            sync(job, seconds=RECOVERY_S).cancel()
        except GLib.Error as error:
            print(f"could not cancel job {job.get_job_id()}: {error}")

