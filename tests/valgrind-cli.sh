#!/usr/bin/env bash
# Every flinkjob command that talks to a cluster, under valgrind, against
# a real Flink cluster: memory errors and definitely lost bytes fail it.
#
#   python3 tests/flink/flink-harness.py run --version 2.3.0 -- tests/valgrind-cli.sh [BUILD_DIR]
#
# With FLINK_HOME set (a Flink distribution), also the deploy commands.
#
# GLib's own lasting allocations are suppressed (tests/valgrind.supp);
# nothing of flinkjob's is.
#
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
cd "$(dirname "$0")/.."
build=${1:-_build}
fj=$build/tools/flinkjob
: "${FLINK_REST_URL:?run me through tests/flink/flink-harness.py run}"
vg=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
    --show-leak-kinds=definite --suppressions=tests/valgrind.supp)
export G_SLICE=always-malloc G_DEBUG=gc-friendly
failures=0

# flinkjob ARGS under valgrind; a memory error or leak counts as a failure.
local_run () {
  echo "== flinkjob $*"
  "${vg[@]}" "$fj" "$@" >/dev/null 2>"$log"
  if [ $? -eq 99 ]; then
    cat "$log"
    failures=$((failures + 1))
  fi
}
# The same, against the harness's cluster.
run () {
  local_run --url "$FLINK_REST_URL" "$@"
}

log=$(mktemp)
trap 'rm -f "$log"' EXIT
run cluster
run list
run --json list
run jars
job=$("$fj" --url "$FLINK_REST_URL" submit "$FLINKJOB_TEST_JOBS_JAR" --class org.flinkjob.testjobs.CounterStream)
"$fj" --url "$FLINK_REST_URL" wait "$job" --status RUNNING --tasks-running --timeout 120 >/dev/null
run status "$job"
run info "$job"
run accumulators "$job"
run savepoint "$job" --timeout 120
run rescale "$job"
run wait "$job" --status RUNNING --timeout 60
run stop "$job" --timeout 120
run result "$job" --timeout 60
run cancel "$job"
run submit "$FLINKJOB_TEST_JOBS_JAR" --class org.flinkjob.testjobs.BoundedCount
run status 0123456789abcdef0123456789abcdef
run --url http://127.0.0.1:1 status 0123456789abcdef0123456789abcdef

# The commands that deploy on this machine, from the harness's Flink
# (FLINK_HOME): a detached session cluster started and stopped, and an
# application cluster run to its result. The JVMs are not under valgrind.
if [ -n "${FLINK_HOME:-}" ]; then
  deployed=$(mktemp -d)
  local_run --timeout 300 cluster start --detach --flink-home "$FLINK_HOME" --work-dir "$deployed/session"
  local_run cluster stop "$deployed/session"
  local_run --timeout 300 run-application "$FLINKJOB_TEST_JOBS_JAR" \
    --class org.flinkjob.testjobs.BoundedCount --flink-home "$FLINK_HOME" --work-dir "$deployed/application"
  rm -rf "$deployed"
fi
echo "valgrind-cli: $failures command(s) with memory errors or leaks"
[ "$failures" -eq 0 ]
