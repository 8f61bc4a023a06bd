# flink_test_utils.py: running Flink-1.0's asynchronous calls from Python
# tests, every wait with a deadline
#
# PyGObject 3.42 cannot await a GTask: call() starts verb_async with a
# callback, runs a GLib.MainLoop until the callback comes, and returns what
# verb_finish gives (or raises its GLib.Error); sync(obj).verb(...) is the
# same, written as a method call.
#
# Every wait here has a deadline. A wait that outlives it raises
# DeadlineExceeded (an AssertionError, so pytest reports a failed test)
# naming what it awaited, so that no test hangs until meson's timeout. The
# default deadline is DEFAULT_DEADLINE_S, or the seconds in
# FLINKJOB_TEST_DEADLINE_S (a slow machine); a suite sets its own with
# set_default_deadline().
#
# Used by tests/python/test_flink.py and tests/gtk/test-monitor.py; not a
# test file itself (pytest collects test_*.py).
#
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import time

import gi

gi.require_version("GLib", "2.0")
from gi.repository import GLib  # noqa: E402

DEFAULT_DEADLINE_S = 120
_default_deadline_s = DEFAULT_DEADLINE_S
_passed = None                 # what the first wait that outlived its deadline said


class DeadlineExceeded(AssertionError):
    """A wait outlived its deadline."""


def default_deadline():
    explicit = os.environ.get("FLINKJOB_TEST_DEADLINE_S")
    if explicit:
        try:
            seconds = int(explicit)
        except ValueError:
            seconds = 0
        if seconds < 1:
            raise ValueError(f"FLINKJOB_TEST_DEADLINE_S={explicit}: give a whole number of seconds, 1 or more")
        return seconds
    return _default_deadline_s


def set_default_deadline(seconds):
    global _default_deadline_s
    assert seconds > 0
    _default_deadline_s = seconds


def _exceeded(seconds, what):
    global _passed
    error = DeadlineExceeded(f"waited {seconds} s for {what}: the deadline passed "
                             "(FLINKJOB_TEST_DEADLINE_S sets the default deadline)")
    _passed = _passed or str(error)
    return error


def passed_deadline():
    """What the first wait that outlived its deadline said, or None. After
    that the cluster cannot be trusted to answer: a suite fails its later
    cluster tests at once rather than waiting out each deadline again."""
    return _passed


def run_loop(loop, what, seconds=None):
    """Runs @loop until something quits it, at most @seconds (None: the
    default deadline); past that raises DeadlineExceeded naming @what."""
    seconds = seconds or default_deadline()
    passed = []

    def deadline_cb():
        passed.append(True)
        loop.quit()
        return GLib.SOURCE_REMOVE

    source = GLib.timeout_add_seconds(seconds, deadline_cb)
    try:
        loop.run()
    finally:
        if not passed:
            GLib.source_remove(source)
    if passed:
        raise _exceeded(seconds, what)


def call(obj, verb, *args, cancellable=None, seconds=None):
    """obj.verb_async(*args, cancellable, callback), then
    obj.verb_finish(result): the _async/_finish pair as one blocking call,
    at most @seconds. A GLib.Error from verb_finish propagates."""
    start = getattr(obj, verb + "_async")
    finish = getattr(obj, verb + "_finish")
    loop = GLib.MainLoop()
    results = []

    def done_cb(_source, result):
        results.append(result)
        loop.quit()

    start(*args, cancellable, done_cb)
    if not results:
        run_loop(loop, f"{type(obj).__name__}.{verb}_async to call back", seconds)
    return finish(results[0])


class sync:
    """sync(obj).verb(*args) is call(obj, "verb", *args): obj.verb_async
    followed by obj.verb_finish, run to completion."""

    def __init__(self, obj, cancellable=None, seconds=None):
        self._obj = obj
        self._cancellable = cancellable
        self._seconds = seconds

    def __getattr__(self, verb):
        def call_verb(*args):
            return call(self._obj, verb, *args, cancellable=self._cancellable, seconds=self._seconds)
        return call_verb


def spin_until(predicate, what, seconds=None):
    """Runs the default main context until predicate() is true, at most
    @seconds; past that raises DeadlineExceeded naming @what."""
    seconds = seconds or default_deadline()
    context = GLib.MainContext.default()
    deadline = time.monotonic() + seconds
    timer = GLib.timeout_add(100, lambda: GLib.SOURCE_CONTINUE)   # wake up now and then
    try:
        while not predicate():
            if time.monotonic() > deadline:
                raise _exceeded(seconds, what)
            context.iteration(True)
    finally:
        GLib.source_remove(timer)
    return True


def poll_until(probe, what, seconds=None, interval=0.2):
    """Calls probe() every @interval seconds until it returns something
    other than None, and returns that; past @seconds raises
    DeadlineExceeded naming @what (a string, or a callable that makes one
    then, to tell where things stand)."""
    seconds = seconds or default_deadline()
    deadline = time.monotonic() + seconds
    while True:
        value = probe()
        if value is not None:
            return value
        if time.monotonic() > deadline:
            raise _exceeded(seconds, what() if callable(what) else what)
        time.sleep(interval)
