#!/usr/bin/env bash
# The flinkjob demo: a local Apache Flink cluster driven by the flinkjob CLI.
#
#   bash examples/demo.sh
#
# On a fresh Debian 12 machine it installs what it needs (.ci/bootstrap.sh:
# Debian packages, Flink from PyPI, a build in _build), starts a Flink session
# cluster (FLINK_VERSION, default 2.3.0), submits a streaming job, looks at
# it, takes a savepoint, stops it with a savepoint, starts it again from there
# with its state, then cancels it and shows its result. The cluster is
# stopped at the end, also when a step fails or the demo is interrupted.
#
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail

cd "$(dirname "$0")/.."

FLINK_VERSION=${FLINK_VERSION:-2.3.0}
BUILD_DIR=${FLINKJOB_BUILD_DIR:-_build}
FLINKJOB=$BUILD_DIR/tools/flinkjob
HARNESS=tests/flink/flink-harness.py
COUNTER=org.flinkjob.testjobs.CounterStream

step () { printf '\n==> %s\n' "$*"; }
# Show a flinkjob command, then run it.
fj () {
  printf '$ flinkjob %s\n' "$*"
  "$FLINKJOB" --url "$URL" "$@"
}
# The same, quietly, for values the demo needs.
fj_quiet () { "$FLINKJOB" --url "$URL" "$@"; }
# The "records" accumulator of a job, read from flinkjob's JSON: of the
# accumulators of a running job, or ("result") of the final job result.
records () {
  fj_quiet --json "${2:-accumulators}" "$1" | python3 -c '
import json, sys
values = [a["value"] for a in json.load(sys.stdin)["accumulators"] if a["name"] == "records"]
print(values[0] if values and values[0] is not None else -1)'
}

step "Setting up: Debian packages, Flink $FLINK_VERSION and the build (quick when done before)"
if [ -f .ci/bootstrap.sh ]; then
  FLINKJOB_FLINK_VERSIONS=${FLINKJOB_FLINK_VERSIONS:-$FLINK_VERSION} \
    FLINKJOB_BUILD_DIR=$BUILD_DIR bash .ci/bootstrap.sh
else
  [ -f "$BUILD_DIR/build.ninja" ] || meson setup "$BUILD_DIR" >/dev/null
  ninja -C "$BUILD_DIR" >/dev/null
fi
JAR=$(python3 "$HARNESS" build-jobs --version "$FLINK_VERSION" 2>/dev/null)

WORKDIR=$(mktemp -d "${TMPDIR:-/tmp}/flinkjob-demo.XXXXXX")
stop_cluster () {
  local code=$?
  trap - EXIT INT TERM
  printf '\n==> Stopping the Flink cluster\n'
  "$FLINKJOB" cluster stop "$WORKDIR" >/dev/null 2>&1 && echo "Cluster stopped; no JVM is left." || true
  if [ "$code" -eq 0 ]; then
    rm -rf "$WORKDIR"
  else
    echo "The demo failed (exit $code); the cluster's logs are in $WORKDIR/log" >&2
  fi
  exit "$code"
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM

step "Starting a local Flink $FLINK_VERSION session cluster (a JobManager and a TaskManager)"
FLINK_HOME=$(python3 "$HARNESS" install --version "$FLINK_VERSION" 2>/dev/null)
printf '$ flinkjob cluster start --detach --flink-home %s --slots 2\n' "$FLINK_HOME"
URL=$("$FLINKJOB" cluster start --detach --flink-home "$FLINK_HOME" --work-dir "$WORKDIR" \
        --slots 2 --timeout 300 2>/dev/null)
echo "Flink's REST API answers at $URL"

step "What runs there: its version, TaskManagers and task slots"
fj cluster

step "Submitting a streaming job: it counts records in a 'records' accumulator kept in its state"
printf '$ flinkjob submit %s --class %s\n' "$(basename "$JAR")" "$COUNTER"
JOB=$(fj_quiet submit "$JAR" --class "$COUNTER")
echo "$JOB"

step "Waiting until the job and all its tasks run (a savepoint needs them)"
fj wait "$JOB" --status RUNNING --tasks-running --timeout 120
sleep 3

step "Its status, as Flink names it: the line a script reads"
fj status "$JOB"

step "Its details: times, status history, vertices and their tasks"
fj info "$JOB"

step "Its accumulators, while it runs"
fj accumulators "$JOB"

step "A savepoint, taken while the job keeps running; the path alone goes to stdout"
fj savepoint "$JOB" --timeout 120

step "Stopping the job with a final savepoint, to restart it from there"
printf '$ flinkjob stop %s\n' "$JOB"
SAVEPOINT=$(fj_quiet stop "$JOB" --timeout 120)
echo "$SAVEPOINT"
fj wait "$JOB" --timeout 60
# The final count, from the job's result (Flink's REST cache may show an
# older one for a few seconds after the end).
AT_STOP=$(records "$JOB" result)
echo "records at the stop: $AT_STOP"

step "Starting the job again from that savepoint, at one record a second: its state comes back"
printf '$ flinkjob submit %s --class %s --from-savepoint %s -- --rate 1\n' "$(basename "$JAR")" "$COUNTER" "$SAVEPOINT"
RESTARTED=$(fj_quiet submit "$JAR" --class "$COUNTER" --from-savepoint "$SAVEPOINT" -- --rate 1)
echo "$RESTARTED"
fj wait "$RESTARTED" --tasks-running --timeout 120
AFTER=-1
for _ in $(seq 60); do
  AFTER=$(records "$RESTARTED")
  [ "$AFTER" -ge 0 ] && break
  sleep 1
done
fj accumulators "$RESTARTED"
# At one record a second, a job that started from nothing would need
# minutes to count that far: the count resumed where it stopped.
if [ "$AFTER" -lt "$AT_STOP" ] || [ "$AFTER" -gt $((AT_STOP + 60)) ]; then
  echo "The state was not carried over: records $AFTER after the restart, $AT_STOP at the stop" >&2
  exit 1
fi
echo "records after the restart: $AFTER, from $AT_STOP at the stop: the count resumed where it stopped"

step "Cancelling the restarted job"
fj cancel "$RESTARTED"

step "Its final result: how it ended, its runtime and its accumulators"
fj result "$RESTARTED" --timeout 60

step "The cluster's jobs now"
fj list
