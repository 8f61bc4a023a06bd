# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later

"""flinkjob --config-dir DIR across a failover of an HA cluster's leader.

Run by meson (suite "ha") through `tests/flink/flink-harness.py run --ha`:
the configuration directory is the client one the harness writes, as
Flink's HA documentation has it (ZooKeeper quorum, cluster id, no
rest.address). The leader JobManager is killed with SIGKILL and started
again (as a standby) at the end. Helpers are test_cli.py's.
"""

import os
import subprocess

import pytest

from test_cli import COUNTER, JAR, JOB_ID, flinkjob

CONF = os.environ.get("FLINKJOB_HA_CONF_DIR")
needs_ha = pytest.mark.skipif(os.environ.get("FLINKJOB_HA") != "1",
                              reason="no HA cluster: flink-harness.py run --ha")


def harness(*args):
    """The harness's subcommand on this run's cluster; its output."""
    argv = [os.environ["FLINKJOB_PYTHON"], os.environ["FLINKJOB_HARNESS"],
            args[0], "--workdir", os.environ["FLINKJOB_TEST_WORKDIR"], *args[1:]]
    return subprocess.run(argv, check=True, capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL).stdout.strip()


def ha(*args, **kwargs):
    """flinkjob --config-dir CONF ..., with no --url."""
    return flinkjob("--config-dir", CONF, *args, url=False, **kwargs)


@needs_ha
def test_status_across_failover():
    job_id = ha("submit", JAR, "--class", COUNTER, "--", "--rate", "20").out.strip()
    assert JOB_ID.match(job_id)
    try:
        ha("--timeout", 120, "wait", job_id, "--tasks-running")
        assert any(job["job_id"] == job_id
                   for job in ha("list", json_out=True).json["jobs"])

        leader = harness("leader").split()[0]
        assert harness("kill-jobmanager", "--url", leader) == leader
        try:
            # The same command, unchanged: it finds the new leader.
            result = ha("--timeout", 240, "status", job_id, json_out=True, timeout=300)
            assert result.json["job_id"] == job_id
            assert result.json["status"] in ("RUNNING", "RESTARTING", "CREATED",
                                              "INITIALIZING", "RECONCILING"), result
            print(f"status {result.json['status']} {result.elapsed:.1f} s after the kill")
            assert ha("--timeout", 240, "wait", job_id, "--status", "RUNNING",
                      json_out=True, timeout=300).json["status"] == "RUNNING"
            new_leader = harness("leader").split()[0]
            assert new_leader != leader
        finally:
            index = "1" if os.environ["FLINKJOB_HA_JOBMANAGER_URLS"].split()[0] == leader else "2"
            harness("start-jobmanager", "--index", index)
    finally:
        ha("--timeout", 120, "cancel", job_id, expect=None, timeout=180)
