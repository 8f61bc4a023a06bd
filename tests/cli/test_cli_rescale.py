# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later

"""The flinkjob rescale command against a real cluster that runs the adaptive
scheduler.

Run by meson (suite "adaptive") through
`tests/flink/flink-harness.py run --adaptive-scheduler`; the helpers and the
environment are test_cli.py's. The tests run in file order on one
CounterStream job, cancelled at the end.
"""

import pytest

from test_cli import (EXIT_FAILED, EXIT_OK, EXIT_USAGE, FLINK_ERROR,
                      FLINK_ERROR_INVALID_ARGUMENT, JOB_ID, COUNTER, JAR, URL,
                      check_error_json, flinkjob, needs_cluster, status_of,
                      wait_for)

STATE = {}


@pytest.fixture(scope="module", autouse=True)
def cancel_the_job():
    # The suite has the cluster to itself: a job an aborted earlier run left
    # would hold the slots the rescale needs.
    if URL is not None:
        for job in flinkjob("list", json_out=True).json["jobs"]:
            if job["status"] not in ("FINISHED", "CANCELED", "FAILED"):
                flinkjob("cancel", job["job_id"], expect=None, timeout=60)
                flinkjob("--timeout", 60, "wait", job["job_id"], expect=None, timeout=90)
    yield
    if "job" in STATE:
        flinkjob("cancel", STATE["job"], expect=None, timeout=60)
        flinkjob("--timeout", 60, "wait", STATE["job"], expect=None, timeout=90)


def vertices(job_id):
    document = flinkjob("rescale", job_id, json_out=True).json
    assert set(document) == {"job_id", "vertices"}
    assert document["job_id"] == job_id
    for vertex in document["vertices"]:
        assert set(vertex) == {"id", "name", "parallelism", "lower_bound",
                               "upper_bound"}
        assert JOB_ID.match(vertex["id"])
    return document["vertices"]


@needs_cluster
def test_show():
    result = flinkjob("submit", JAR, "--class", COUNTER, "--", "--rate", "20")
    STATE["job"] = job_id = result.out.strip()
    assert JOB_ID.match(job_id), result
    flinkjob("--timeout", 120, "wait", job_id, "--tasks-running")

    result = flinkjob("rescale", job_id)
    lines = result.out.splitlines()
    assert lines[0].split() == ["VERTEX", "PARALLELISM", "LOWER", "UPPER", "NAME"]
    [vertex] = vertices(job_id)
    assert (vertex["parallelism"], vertex["lower_bound"], vertex["upper_bound"]) == (1, 1, 1)
    assert "count-records" in vertex["name"]
    assert lines[1].split()[:4] == [vertex["id"], "1", "1", "1"]
    STATE["vertex"] = vertex["id"]


@needs_cluster
def test_scale_up_and_wait():
    job_id = STATE["job"]
    result = flinkjob("--timeout", 120, "rescale", "--wait", job_id, "2", json_out=True)
    [vertex] = result.json["vertices"]
    assert (vertex["parallelism"], vertex["lower_bound"], vertex["upper_bound"]) == (2, 1, 2)
    assert status_of(job_id) == "RUNNING"


@needs_cluster
def test_scale_one_vertex_down():
    job_id, vertex_id = STATE["job"], STATE["vertex"]
    result = flinkjob("--timeout", 120, "rescale", "--wait", job_id, f"{vertex_id}=1..1")
    assert result.out.splitlines()[1].split()[:4] == [vertex_id, "1", "1", "1"]
    [vertex] = vertices(job_id)
    assert vertex["parallelism"] == 1


@needs_cluster
def test_refused_bounds():
    job_id = STATE["job"]
    # Above the vertex's maximum parallelism (128): the cluster refuses.
    result = flinkjob("rescale", job_id, "1000", json_out=True, expect=EXIT_FAILED)
    error = check_error_json(result, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT, EXIT_FAILED)
    assert "maximum parallelism" in error["message"]
    assert job_id in error["message"] and URL in error["message"]
    # A vertex the job does not have: named, with the ones it has.
    result = flinkjob("rescale", job_id, "0" * 32 + "=2", expect=EXIT_USAGE)
    assert STATE["vertex"] in result.err
    [vertex] = vertices(job_id)
    assert vertex["upper_bound"] == 1


@needs_cluster
def test_wait_times_out_when_slots_are_missing():
    # Two slots in all: parallelism 3 never comes, and --timeout says so.
    job_id = STATE["job"]
    result = flinkjob("--timeout", 3, "rescale", "--wait", job_id, "3", expect=5)
    assert "timed out" in result.err.lower() or "timeout" in result.err.lower(), result
    [vertex] = vertices(job_id)
    assert vertex["upper_bound"] == 3
    flinkjob("--timeout", 120, "rescale", "--wait", job_id, "1")
    assert wait_for(job_id, "RUNNING") == "RUNNING"
