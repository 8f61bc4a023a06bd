# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later

"""Fault tests of the flinkjob command-line tool: what a real cluster cannot
be made to send.

A small HTTP server in this file answers as a Flink 2.3 cluster would, with
the responses recorded from a real one (tests/responses/2.3), changed in the
one way each test is about: a vertex without a name, text with terminal
escape sequences, a lone UTF-16 surrogate. Each test then checks that the
tool neither crashes nor lets the server's text reach the terminal raw, and
that its --json output stays valid JSON in valid UTF-8.

Needs no cluster (suite "cli"; issue 14, items 5 and 8).
"""

import json
import os
import re
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from test_cli import (CLI, EXIT_FAILED, EXIT_OK, FLINK_ERROR,
                      FLINK_ERROR_INVALID_ARGUMENT)

RESPONSES = Path(__file__).resolve().parents[1] / "responses" / "2.3"

# Text a hostile server puts where a name or a message belongs: a lone
# surrogate (valid JSON, no valid UTF-8), an OSC title change ended by BEL, a
# screen clear, a carriage return that would hide what came before, and the
# C1 control CSI (U+009B). json-glib 1.6 would turn the lone surrogate into
# bytes that are not UTF-8 and drop the character after it; flinkjob reads
# such an escape itself (flink-json.c) and keeps the rest.
HOSTILE = "\ud800 evil\x1b]0;owned\x07\x1b[2J\rhidden\x9b31m\x7f"
# What is left of it once made valid: the surrogate as one U+FFFD.
SAFE_JSON = re.compile("^\ufffd" + re.escape(HOSTILE[1:]) + "$")
# What a terminal may act on, in the tool's human output.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def recorded(name):
    return json.loads((RESPONSES / f"{name}.json").read_text())


class FaultServer:
    """Answers (method, path) from a table; remembers each request."""

    def __init__(self):
        self.routes = {}
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                server.requests.append((self.command, self.path, body))
                status, document = server.routes.get(
                    (self.command, self.path),
                    (404, recorded("unknown-route")))
                data = json.dumps(document).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_PUT = do_POST = do_PATCH = do_DELETE = answer

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.route("GET", "/config", recorded("config"))
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       daemon=True)
        self.thread.start()

    def route(self, method, path, document, status=200):
        self.routes[(method, path)] = (status, document)

    def sent(self, method, path):
        return [body for m, p, body in self.requests if (m, p) == (method, path)]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


@pytest.fixture
def server():
    fault = FaultServer()
    yield fault
    fault.close()


class Run:
    """A run of the tool; stdout and stderr kept as bytes, so that invalid
    UTF-8 is seen rather than decoded away."""

    def __init__(self, server, *args, json_out=False, expect=EXIT_OK):
        argv = [CLI, "--url", server.url, "--retries", "0", "--timeout", "60"]
        argv += ["--json"] if json_out else []
        argv += [str(a) for a in args]
        env = dict(os.environ)
        env.pop("FLINK_CONF_DIR", None)
        proc = subprocess.run(argv, capture_output=True, env=env, timeout=90,
                              stdin=subprocess.DEVNULL)
        self.rc, self.raw_out, self.raw_err = proc.returncode, proc.stdout, proc.stderr
        assert self.rc == expect, self
        # Valid UTF-8, whatever the server sent.
        self.out = self.raw_out.decode("utf-8")
        self.err = self.raw_err.decode("utf-8")

    @property
    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return f"exit {self.rc}\nstdout: {self.raw_out!r}\nstderr: {self.raw_err!r}"


def strings(document):
    """Every string in a JSON document."""
    if isinstance(document, str):
        yield document
    elif isinstance(document, dict):
        for value in document.values():
            yield from strings(value)
    elif isinstance(document, list):
        for value in document:
            yield from strings(value)


def assert_safe(text):
    """Nothing a terminal would act on but the newlines ending lines."""
    assert not RAW_CONTROL.search(text), repr(text)


def nameless_job(server):
    """A job whose one vertex has no name (a real cluster always names its
    vertices): its details, resource requirements and their change."""
    details = recorded("job-details")
    for vertex in details["vertices"]:
        del vertex["name"]
    job_id = details["jid"]
    server.route("GET", f"/jobs/{job_id}", details)
    server.route("GET", f"/jobs/{job_id}/resource-requirements",
                 recorded("resource-requirements"))
    server.route("PUT", f"/jobs/{job_id}/resource-requirements",
                 recorded("resource-requirements-set"))
    return job_id, details["vertices"][0]["id"]


# ---------------------------------------------------------------------------
# Issue 14, item 5: rescale on a vertex without a name
# ---------------------------------------------------------------------------

def test_rescale_shows_a_vertex_without_a_name(server):
    job_id, vertex_id = nameless_job(server)
    result = Run(server, "rescale", job_id)
    lines = result.out.splitlines()
    assert lines[0].split() == ["VERTEX", "PARALLELISM", "LOWER", "UPPER", "NAME"]
    assert lines[1].split() == [vertex_id, "1", "1", "1", "-"]
    [vertex] = Run(server, "rescale", job_id, json_out=True).json["vertices"]
    assert vertex == {"id": vertex_id, "name": None, "parallelism": 1,
                      "lower_bound": 1, "upper_bound": 1}


def test_rescale_changes_a_vertex_without_a_name(server):
    """The change is sent once, and the command then reports it (before the
    fix it aborted after the PUT)."""
    job_id, vertex_id = nameless_job(server)
    result = Run(server, "rescale", job_id, "2", json_out=True)
    [vertex] = result.json["vertices"]
    assert (vertex["id"], vertex["name"], vertex["upper_bound"]) == (vertex_id, None, 2)
    [body] = server.sent("PUT", f"/jobs/{job_id}/resource-requirements")
    assert json.loads(body)[vertex_id]["parallelism"]["upperBound"] == 2
    result = Run(server, "rescale", job_id, f"{vertex_id}=1..2")
    assert result.out.splitlines()[1].split() == [vertex_id, "1", "1", "2", "-"]


def test_info_shows_a_vertex_without_a_name(server):
    job_id, vertex_id = nameless_job(server)
    result = Run(server, "info", job_id)
    assert re.search(rf"^  {vertex_id}\s+1\s+RUNNING\s+1 RUNNING\s+-$", result.out, re.M), result
    [vertex] = Run(server, "info", job_id, json_out=True).json["vertices"]
    assert vertex["name"] is None


def test_a_command_is_one_request(server):
    """status, list and cluster send one request each: no GET /config to
    learn the cluster's version first."""
    job_id = recorded("jobs-overview")["jobs"][0]["jid"]
    server.route("GET", f"/jobs/{job_id}/status", recorded("job-status"))
    server.route("GET", "/jobs/overview", recorded("jobs-overview"))
    server.route("GET", "/overview", recorded("overview"))
    for args, path in (
            (("status", job_id), f"/jobs/{job_id}/status"),
            (("list",), "/jobs/overview"),
            (("cluster",), "/overview")):
        server.requests.clear()
        Run(server, *args)
        assert [(m, p) for m, p, _ in server.requests] == [("GET", path)], args


# ---------------------------------------------------------------------------
# Issue 14, item 8: the server's text made safe
# ---------------------------------------------------------------------------

def test_job_names_are_made_safe(server):
    overview = recorded("jobs-overview")
    overview["jobs"][0]["name"] = HOSTILE
    server.route("GET", "/jobs/overview", overview)

    result = Run(server, "list")
    assert_safe(result.out)
    assert "\ufffd evil\\e]0;owned\\x07\\e[2J\\rhidden\\u009b31m\\x7f" in result.out, result

    result = Run(server, "list", json_out=True)
    # Valid JSON in valid UTF-8; the name as sent, but the lone surrogate.
    assert SAFE_JSON.match(result.json["jobs"][0]["name"]), result
    assert_safe(result.out.rstrip("\n"))


def test_vertex_names_and_accumulators_are_made_safe(server):
    details = recorded("job-details")
    details["name"] = HOSTILE
    details["vertices"][0]["name"] = HOSTILE
    job_id = details["jid"]
    accumulators = recorded("accumulators")
    accumulators["user-task-accumulators"][0]["name"] = HOSTILE
    accumulators["user-task-accumulators"][0]["value"] = HOSTILE
    server.route("GET", f"/jobs/{job_id}", details)
    server.route("GET", f"/jobs/{job_id}/accumulators", accumulators)

    for command in ("info", "accumulators"):
        result = Run(server, command, job_id)
        assert_safe(result.out)
        assert "\\e[2J" in result.out
        result = Run(server, command, job_id, json_out=True)
        assert_safe(result.out.rstrip("\n"))
        assert any(SAFE_JSON.match(text) for text in strings(result.json)), result


def test_exception_text_is_made_safe(server):
    """A failure's stack trace keeps its lines (-v), but not the escapes."""
    answer = recorded("execution-result-failed")
    failure = answer["job-execution-result"]["failure-cause"]
    failure["stack-trace"] = failure["stack-trace"].replace(
        "Recovery is suppressed", "Recovery \x1b[8mis\x1b[0m suppressed", 1)
    job_id = answer["job-execution-result"]["id"]
    server.route("GET", f"/jobs/{job_id}/execution-result", answer)

    result = Run(server, "-v", "result", job_id)
    trace = result.out[result.out.index("Stack trace:"):]
    assert "\n\tat " in trace
    assert_safe(trace.replace("\n", "").replace("\t", ""))
    assert "Recovery \\e[8mis\\e[0m suppressed" in trace
    assert_safe(result.out.replace("\n", "").replace("\t", ""))
    result = Run(server, "result", job_id, json_out=True)
    assert "\x1b[8mis" in result.json["failure"]["stack_trace"]
    assert_safe(result.out.rstrip("\n"))


def test_error_messages_are_made_safe(server):
    job_id = "0123456789abcdef0123456789abcdef"
    server.route("GET", f"/jobs/{job_id}/status",
                 {"errors": [HOSTILE + "\n\tat org.example.Hostile"]}, status=400)
    result = Run(server, "status", job_id, expect=EXIT_FAILED)
    assert result.err.startswith("flinkjob: ")
    assert_safe(result.err.replace("\n", ""))
    # (The library keeps the first line of Flink's message: up to the \\r.)
    assert "evil\\e]0;owned\\x07\\e[2J" in result.err
    result = Run(server, "status", job_id, json_out=True, expect=EXIT_FAILED)
    error = result.json["error"]
    assert (error["domain"], error["code"]) == (FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT)
    assert "evil\x1b]0;owned" in error["message"]
    assert_safe(result.out.rstrip("\n"))
