#!/usr/bin/env bash
# run-cluster-faults.sh: the driver of the real-cluster fault tests
#
#   python3 tests/flink/flink-harness.py run --version 2.3.0 -- \
#     tests/cluster-faults/run-cluster-faults.sh [TEST-PROGRAM] [GTEST OPTIONS...]
#
# TEST-PROGRAM is the built test-cluster-faults (default: $FLINKJOB_CLUSTER_FAULTS_BIN,
# else $FLINKJOB_BUILD_DIR, _build or /tmp/bcf under tests/cluster-faults/).
# The program uses the harness's cluster (FLINK_REST_URL) and starts its own
# (TLS, mutual TLS, kill and restart) with `flink-harness.py start` in a
# scratch directory made here. Whatever happens to the program (a failed
# assertion aborts it, a signal stops it), this script's trap stops every
# cluster started in that directory; the directory is kept when a test
# failed, for the clusters' logs.
#
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
harness="$root/tests/flink/flink-harness.py"
python=${FLINKJOB_PYTHON:-python3}

program=
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  program=$1
  shift
fi
if [ -z "$program" ]; then
  for candidate in "${FLINKJOB_CLUSTER_FAULTS_BIN:-}" \
                   "${FLINKJOB_BUILD_DIR:-_build}/tests/cluster-faults/test-cluster-faults" \
                   "$root/_build/tests/cluster-faults/test-cluster-faults" \
                   /tmp/bcf/tests/cluster-faults/test-cluster-faults; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
      program=$candidate
      break
    fi
  done
fi
if [ -z "$program" ] || [ ! -x "$program" ]; then
  echo "run-cluster-faults: no test program (give its path, or set FLINKJOB_CLUSTER_FAULTS_BIN)" >&2
  exit 2
fi

parent=${FLINKJOB_TEST_WORKDIR:-${TMPDIR:-/tmp}}
scratch=$(mktemp -d "$parent/cluster-faults.XXXXXX") || exit 2
export FLINKJOB_CLUSTER_FAULTS_SCRATCH="$scratch" FLINKJOB_HARNESS="$harness" FLINKJOB_PYTHON="$python"
# The program starts the clusters of later tests in the background, this
# many at once (0: each when its first test needs it).
export FLINKJOB_CLUSTER_FAULTS_PARALLEL_STARTS=${FLINKJOB_CLUSTER_FAULTS_PARALLEL_STARTS:-4}

child=
running=
signalled=
status=1

# Stops every cluster of the scratch directory, all at once (the harness's
# stop is idempotent: a cluster the program stopped already is skipped).
# After a signal there is little time (flink-harness.py run kills its
# command 10 s after forwarding one): no grace for the JVMs then.
stop_clusters () {
  local info pids=() how=()
  [ -z "$signalled" ] || how=(--kill)
  for info in "$scratch"/*/cluster.json; do
    [ -e "$info" ] || continue
    "$python" "$harness" stop --workdir "$(dirname "$info")" "${how[@]}" &
    pids+=($!)
  done
  [ ${#pids[@]} -eq 0 ] || wait "${pids[@]}"
}

# The program runs in a process group of its own, with the harness runs it
# started (clusters starting in the background, a JobManager restarting).
# Those get SIGTERM when the program dies, and stop what they started on
# their own; a moment lets them record the pids of JVMs they were launching.
group_alive () {
  [ -n "$child" ] && kill -0 -- "-$child" 2>/dev/null
}

cleanup () {
  trap - EXIT INT TERM HUP
  if [ -n "$child" ]; then
    [ -z "$running" ] || kill -TERM "$child" 2>/dev/null
    for _ in $(seq 1 10); do
      group_alive || break
      sleep 0.2
    done
  fi
  stop_clusters
  if [ "$status" -eq 0 ]; then
    rm -rf "$scratch"
  else
    echo "run-cluster-faults: kept $scratch (the clusters' logs are in */log/)" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'status=130; signalled=1; cleanup' INT
trap 'status=143; signalled=1; cleanup' TERM
trap 'status=129; signalled=1; cleanup' HUP

started=$(date +%s)
# In the background, so that a signal reaches the trap at once; setsid
# (which does not fork here: a background job leads no group) makes its pid
# its process group.
setsid -w "$program" "$@" &
child=$!
running=1
wait "$child"
status=$?
running=
echo "run-cluster-faults: $(basename "$program") exited with $status after $(( $(date +%s) - started )) s" >&2
