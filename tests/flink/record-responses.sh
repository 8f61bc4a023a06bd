#!/usr/bin/env bash
# Record real Flink REST responses for flinkjob's decoder tests.
#
# Usage (normally through the harness, which sets the environment):
#   tests/flink/flink-harness.py run --version 2.3.0 -- \
#       tests/flink/record-responses.sh tests/responses/2.3
#   tests/flink/flink-harness.py run --version 2.3.0 --no-savepoint-dir -- \
#       tests/flink/record-responses.sh --no-savepoint-dir tests/responses/2.3
#   tests/flink/flink-harness.py run --version 2.3.0 \
#       --conf jobmanager.scheduler=adaptive -- \
#       tests/flink/record-responses.sh --resource-requirements tests/responses/2.3
#
# Needs FLINK_REST_URL and FLINKJOB_TEST_JOBS_JAR; uses curl, and python3 only
# to pick fields out of the saved JSON.  Every response body is saved verbatim
# as OUTDIR/<name>.json and its HTTP status code as OUTDIR/<name>.status.
#
# With --no-savepoint-dir (a cluster started without state.savepoints.dir) only
# savepoint-no-dir is recorded (plus the jar upload/run/cancel/delete it needs,
# under names prefixed "nodir-").
#
# With --resource-requirements only the resource-requirements endpoints are
# recorded (plus the jar upload/run/cancel/delete they need, prefixed "rr-"):
# on a cluster with the adaptive scheduler a read, a change and refused
# changes; on one with the default scheduler the refused read.
#
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u -o pipefail

usage() { echo "usage: $0 [--no-savepoint-dir | --resource-requirements] OUTDIR" >&2; exit 2; }

NO_SAVEPOINT_DIR=0
RESOURCE_REQUIREMENTS=0
if [ "${1:-}" = "--no-savepoint-dir" ]; then NO_SAVEPOINT_DIR=1; shift; fi
if [ "${1:-}" = "--resource-requirements" ]; then RESOURCE_REQUIREMENTS=1; shift; fi
[ $# -eq 1 ] || usage
OUT=$1
: "${FLINK_REST_URL:?FLINK_REST_URL is not set}"
: "${FLINKJOB_TEST_JOBS_JAR:?FLINKJOB_TEST_JOBS_JAR is not set}"
URL=${FLINK_REST_URL%/}
mkdir -p "$OUT"
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

PKG=org.flinkjob.testjobs
UNKNOWN_ID=0123456789abcdef0123456789abcdef
WARNINGS=0

log() { echo "record-responses: $*" >&2; }
die() { log "FATAL: $*"; exit 1; }
warn() { log "WARNING: $*"; WARNINGS=$((WARNINGS + 1)); }

# rec NAME METHOD PATH [curl args...]: save body and status, print the status.
rec() {
    local name=$1 method=$2 path=$3 code
    shift 3
    code=$(curl -sS -X "$method" -o "$OUT/$name.json" -w '%{http_code}' \
        "$@" "$URL$path") || code=000
    printf '%s\n' "$code" >"$OUT/$name.status"
    log "$name: $method $path -> $code"
    printf '%s' "$code"
}

# rec_json NAME METHOD PATH JSON: like rec, with a JSON request body.
rec_json() {
    rec "$1" "$2" "$3" -H 'Content-Type: application/json' -d "$4"
}

# expect NAME CODE: warn when NAME.status is not CODE.
expect() {
    local got
    got=$(cat "$OUT/$1.status")
    [ "$got" = "$2" ] || warn "$1: expected HTTP $2, got $got: $(head -c 300 "$OUT/$1.json")"
}

# get PATH: print the body of a GET (not saved).
get() { local path=$1; shift; curl -sS "$@" "$URL$path"; }

# jq_py FILE-OR-- EXPR: evaluate a Python expression on the JSON as `d`.
jq_py() {
    local src=$1
    [ "$src" = "-" ] && src=/dev/stdin
    python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
v = eval(sys.argv[2])
print(v if not isinstance(v, (dict, list)) else json.dumps(v))' "$src" "$2"
}

# wait_for DESCRIPTION TIMEOUT COMMAND...: retry COMMAND every 0.2 s.
wait_for() {
    local what=$1 timeout=$2 deadline
    shift 2
    deadline=$((SECONDS + timeout))
    until "$@"; do
        [ $SECONDS -lt $deadline ] || { warn "timed out waiting for $what"; return 1; }
        sleep 0.2
    done
}

job_state_is() { [ "$(get "/jobs/$1/status" | jq_py - "d.get('status')")" = "$2" ]; }

# all_tasks_running JOB: every vertex RUNNING (tasks deployed, not just the job).
all_tasks_running() {
    get "/jobs/$1" | jq_py - "all(v['status'] == 'RUNNING' for v in d['vertices']) and len(d['vertices']) > 0" \
        | grep -qx True
}

# records JOB: the "records" accumulator (0 if absent).
records() {
    get "/jobs/$1/accumulators" | jq_py - \
        "next((int(a['value']) for a in d['user-task-accumulators'] if a['name'] == 'records'), 0)"
}
records_positive() { [ "$(records "$1")" -gt 0 ]; }

# poll_async PATH OUTFILE: GET PATH into OUTFILE until status.id is COMPLETED.
poll_async() {
    local path=$1 file=$2 deadline=$((SECONDS + 60))
    while :; do
        get "$path" >"$file"
        [ "$(jq_py "$file" "d.get('status', {}).get('id')")" = COMPLETED ] && return 0
        [ $SECONDS -lt $deadline ] || { warn "timed out polling $path"; return 1; }
        sleep 0.2
    done
}

# run_job NAME ENTRY_CLASS [ARGS-JSON] [EXTRA-JSON-FIELDS]: POST /jars/:id/run.
run_job() {
    local name=$1 entry=$2 args=${3:-[]} extra=${4:-}
    rec_json "$name" POST "/jars/$JAR_ID/run" \
        "{\"entryClass\": \"$PKG.$entry\", \"programArgsList\": $args$extra}" >/dev/null
    expect "$name" 200
    jq_py "$OUT/$name.json" "d['jobid']"
}

upload_jar() {   # upload_jar NAME: upload the test jobs jar, set JAR_ID
    rec "$1" POST /jars/upload \
        -F "jarfile=@$FLINKJOB_TEST_JOBS_JAR;type=application/x-java-archive" >/dev/null
    expect "$1" 200
    JAR_ID=$(basename "$(jq_py "$OUT/$1.json" "d['filename']")") || die "jar upload failed"
}

start_counter() {   # start_counter NAME [ARGS-JSON] [EXTRA]: run CounterStream, wait until it counts
    local job
    job=$(run_job "$@") || die "could not run CounterStream"
    wait_for "job $job tasks RUNNING" 60 all_tasks_running "$job" || die "job $job not running"
    wait_for "job $job records > 0" 60 records_positive "$job" || die "job $job does not count"
    printf '%s' "$job"
}

# -------------------------------------------------------------------------
if [ "$NO_SAVEPOINT_DIR" = 1 ]; then
    upload_jar nodir-jar-upload
    job=$(start_counter nodir-jar-run CounterStream) || die "no streaming job"
    rec_json savepoint-no-dir POST "/jobs/$job/savepoints" '{"cancel-job": false}' >/dev/null
    expect savepoint-no-dir 400
    rec nodir-cancel PATCH "/jobs/$job?mode=cancel" >/dev/null
    wait_for "job $job CANCELED" 60 job_state_is "$job" CANCELED
    rec nodir-jar-delete DELETE "/jars/$JAR_ID" >/dev/null
    log "done (no-savepoint-dir mode), $WARNINGS warning(s)"
    exit 0
fi

if [ "$RESOURCE_REQUIREMENTS" = 1 ]; then
    upload_jar rr-jar-upload
    job=$(start_counter rr-jar-run CounterStream) || die "no streaming job"
    if [ "$(get "/jobs/$job/resource-requirements" -o /dev/null -w '%{http_code}')" = 200 ]; then
        rec resource-requirements GET "/jobs/$job/resource-requirements" >/dev/null
        VERTEX=$(jq_py "$OUT/resource-requirements.json" "list(d)[0]")
        bounds() { printf '{"%s": {"parallelism": {"lowerBound": %s, "upperBound": %s}}}' "$VERTEX" "$1" "$2"; }
        rec_json resource-requirements-set PUT "/jobs/$job/resource-requirements" "$(bounds 1 2)" >/dev/null
        expect resource-requirements-set 200
        rec resource-requirements-changed GET "/jobs/$job/resource-requirements" >/dev/null
        rec_json resource-requirements-set-above-max PUT "/jobs/$job/resource-requirements" "$(bounds 1 100000)" >/dev/null
        expect resource-requirements-set-above-max 400
        rec_json resource-requirements-set-incomplete PUT "/jobs/$job/resource-requirements" \
            '{"0123456789abcdef0123456789abcdef": {"parallelism": {"lowerBound": 1, "upperBound": 1}}}' >/dev/null
        expect resource-requirements-set-incomplete 400
    else
        rec resource-requirements-default-scheduler GET "/jobs/$job/resource-requirements" >/dev/null
        VERTEX=$(get "/jobs/$job" | jq_py - "d['vertices'][0]['id']")
        rec_json resource-requirements-set-default-scheduler PUT "/jobs/$job/resource-requirements" \
            "{\"$VERTEX\": {\"parallelism\": {\"lowerBound\": 1, \"upperBound\": 2}}}" >/dev/null
    fi
    rec rr-cancel PATCH "/jobs/$job?mode=cancel" >/dev/null
    wait_for "job $job CANCELED" 60 job_state_is "$job" CANCELED
    rec rr-jar-delete DELETE "/jars/$JAR_ID" >/dev/null
    log "done (resource-requirements mode), $WARNINGS warning(s)"
    exit 0
fi

# Cluster
rec config GET /config >/dev/null; expect config 200
rec overview GET /overview >/dev/null; expect overview 200
rec jobs-empty GET /jobs >/dev/null; expect jobs-empty 200

# Jars
upload_jar jar-upload
printf 'this is not a jar\n' >"$SCRATCH/not-a-jar.txt"
rec jar-upload-not-jar POST /jars/upload \
    -F "jarfile=@$SCRATCH/not-a-jar.txt;type=text/plain" >/dev/null
expect jar-upload-not-jar 400
rec jars GET /jars >/dev/null; expect jars 200
rec_json jar-run-bad-entry-class POST "/jars/$JAR_ID/run" \
    "{\"entryClass\": \"$PKG.NoSuchJob\"}" >/dev/null

# Streaming job; its snapshots sleep 1.5 s so that a savepoint stays
# IN_PROGRESS long enough to be seen.
STREAM=$(start_counter jar-run CounterStream \
    '["--checkpoint-interval", "5000", "--snapshot-delay-ms", "1500"]') || die "no streaming job"
log "streaming job $STREAM"
rec job-details GET "/jobs/$STREAM" >/dev/null; expect job-details 200
rec job-status GET "/jobs/$STREAM/status" >/dev/null; expect job-status 200
rec jobs GET /jobs >/dev/null; expect jobs 200
rec jobs-overview GET /jobs/overview >/dev/null; expect jobs-overview 200
rec accumulators GET "/jobs/$STREAM/accumulators" >/dev/null; expect accumulators 200
rec execution-result-in-progress GET "/jobs/$STREAM/execution-result" >/dev/null
expect execution-result-in-progress 200

# Savepoint into the cluster's state.savepoints.dir; try to catch IN_PROGRESS
# right after the trigger (up to 3 savepoints).
caught=0
for _ in 1 2 3; do
    rec_json savepoint-trigger POST "/jobs/$STREAM/savepoints" '{"cancel-job": false}' >/dev/null
    expect savepoint-trigger 202
    SP_TRIGGER=$(jq_py "$OUT/savepoint-trigger.json" "d['request-id']")
    rec savepoint-status-in-progress GET "/jobs/$STREAM/savepoints/$SP_TRIGGER" >/dev/null
    if [ "$(jq_py "$OUT/savepoint-status-in-progress.json" "d['status']['id']")" = IN_PROGRESS ]; then
        caught=1
        break
    fi
    poll_async "/jobs/$STREAM/savepoints/$SP_TRIGGER" "$SCRATCH/sp.json"
done
if [ $caught = 0 ]; then
    rm -f "$OUT/savepoint-status-in-progress.json" "$OUT/savepoint-status-in-progress.status"
    warn "could not catch a savepoint IN_PROGRESS"
fi
poll_async "/jobs/$STREAM/savepoints/$SP_TRIGGER" "$SCRATCH/sp.json"
rec savepoint-status-completed GET "/jobs/$STREAM/savepoints/$SP_TRIGGER" >/dev/null
expect savepoint-status-completed 200
SP1=$(jq_py "$OUT/savepoint-status-completed.json" "d['operation']['location']")
log "savepoint 1 at $SP1"
rec savepoint-status-unknown-trigger GET "/jobs/$STREAM/savepoints/$UNKNOWN_ID" >/dev/null

# Savepoint with a client-supplied trigger id, posted twice (idempotency).
rec_json savepoint-trigger-with-id POST "/jobs/$STREAM/savepoints" \
    '{"cancel-job": false, "triggerId": "00000000000000000000000000000abc"}' >/dev/null
rec_json savepoint-trigger-with-id-repeated POST "/jobs/$STREAM/savepoints" \
    '{"cancel-job": false, "triggerId": "00000000000000000000000000000abc"}' >/dev/null
poll_async "/jobs/$STREAM/savepoints/00000000000000000000000000000abc" "$SCRATCH/sp2.json"

# A savepoint that fails: the target directory lies below a regular file.
printf 'x\n' >"$SCRATCH/a-file"
rec_json savepoint-trigger-bad-dir POST "/jobs/$STREAM/savepoints" \
    "{\"cancel-job\": false, \"target-directory\": \"file://$SCRATCH/a-file/savepoints\"}" >/dev/null
if [ "$(cat "$OUT/savepoint-trigger-bad-dir.status")" = 202 ]; then
    BAD_TRIGGER=$(jq_py "$OUT/savepoint-trigger-bad-dir.json" "d['request-id']")
    poll_async "/jobs/$STREAM/savepoints/$BAD_TRIGGER" "$SCRATCH/sp3.json"
    rec savepoint-status-failed GET "/jobs/$STREAM/savepoints/$BAD_TRIGGER" >/dev/null
    grep -q failure-cause "$OUT/savepoint-status-failed.json" ||
        warn "savepoint into a bad directory did not fail"
fi

# Checkpoint trigger (1.17+) and checkpoint statistics after the savepoints.
rec_json checkpoint-trigger POST "/jobs/$STREAM/checkpoints" '{"checkpointType": "FULL"}' >/dev/null
if [ "$(cat "$OUT/checkpoint-trigger.status")" = 202 ]; then
    CP_TRIGGER=$(jq_py "$OUT/checkpoint-trigger.json" "d['request-id']")
    poll_async "/jobs/$STREAM/checkpoints/$CP_TRIGGER" "$SCRATCH/cp.json"
    rec checkpoint-status-completed GET "/jobs/$STREAM/checkpoints/$CP_TRIGGER" >/dev/null
fi
rec checkpoints GET "/jobs/$STREAM/checkpoints" >/dev/null; expect checkpoints 200

# Dispose of the first savepoint.
rec_json savepoint-disposal-trigger POST /savepoint-disposal "{\"savepoint-path\": \"$SP1\"}" >/dev/null
expect savepoint-disposal-trigger 200
DISPOSE=$(jq_py "$OUT/savepoint-disposal-trigger.json" "d['request-id']")
poll_async "/savepoint-disposal/$DISPOSE" "$SCRATCH/dispose.json"
rec savepoint-disposal-status GET "/savepoint-disposal/$DISPOSE" >/dev/null
[ ! -e "${SP1#file:}" ] || warn "savepoint $SP1 still exists after disposal"
rec savepoint-disposal-status-unknown GET "/savepoint-disposal/$UNKNOWN_ID" >/dev/null

# Stop with a savepoint.
BEFORE_STOP=$(records "$STREAM")
rec_json stop-trigger POST "/jobs/$STREAM/stop" '{"drain": false}' >/dev/null
expect stop-trigger 202
STOP_TRIGGER=$(jq_py "$OUT/stop-trigger.json" "d['request-id']")
poll_async "/jobs/$STREAM/savepoints/$STOP_TRIGGER" "$SCRATCH/stop.json"
rec stop-status-completed GET "/jobs/$STREAM/savepoints/$STOP_TRIGGER" >/dev/null
STOP_SP=$(jq_py "$OUT/stop-status-completed.json" "d['operation']['location']")
[ -f "${STOP_SP#file:}/_metadata" ] || warn "no _metadata in $STOP_SP"
wait_for "job $STREAM FINISHED" 60 job_state_is "$STREAM" FINISHED
rec job-details-finished GET "/jobs/$STREAM" >/dev/null
rec accumulators-stopped GET "/jobs/$STREAM/accumulators" >/dev/null
rec execution-result-stopped GET "/jobs/$STREAM/execution-result" >/dev/null
AT_STOP=$(records "$STREAM")
log "records: $BEFORE_STOP before stop, $AT_STOP at stop"

# Restore from the stop savepoint: the counter carries over.
RESTORED=$(start_counter jar-run-from-savepoint CounterStream \
    '["--name", "flinkjob-counter-stream-restored"]' \
    ", \"savepointPath\": \"$STOP_SP\", \"allowNonRestoredState\": false") ||
    die "could not restore from $STOP_SP"
rec accumulators-restored GET "/jobs/$RESTORED/accumulators" >/dev/null
rec checkpoints-restored GET "/jobs/$RESTORED/checkpoints" >/dev/null
AFTER_RESTORE=$(jq_py "$OUT/accumulators-restored.json" \
    "next(int(a['value']) for a in d['user-task-accumulators'] if a['name'] == 'records')")
[ "$AFTER_RESTORE" -ge "$AT_STOP" ] ||
    warn "restored counter $AFTER_RESTORE < $AT_STOP at the savepoint"
log "records after restore: $AFTER_RESTORE (>= $AT_STOP)"

# Cancel it; cancel again once CANCELED.
rec cancel PATCH "/jobs/$RESTORED?mode=cancel" >/dev/null; expect cancel 202
wait_for "job $RESTORED CANCELED" 60 job_state_is "$RESTORED" CANCELED
rec cancel-canceled PATCH "/jobs/$RESTORED?mode=cancel" >/dev/null
rec execution-result-canceled GET "/jobs/$RESTORED/execution-result" >/dev/null

# Bounded job: FINISHED with accumulators.
BOUNDED=$(run_job jar-run-bounded BoundedCount)
wait_for "job $BOUNDED FINISHED" 60 job_state_is "$BOUNDED" FINISHED
rec execution-result-finished GET "/jobs/$BOUNDED/execution-result" >/dev/null
rec accumulators-finished GET "/jobs/$BOUNDED/accumulators" >/dev/null
rec job-details-bounded-finished GET "/jobs/$BOUNDED" >/dev/null
rec cancel-finished PATCH "/jobs/$BOUNDED?mode=cancel" >/dev/null; expect cancel-finished 409
rec_json savepoint-trigger-finished-job POST "/jobs/$BOUNDED/savepoints" '{"cancel-job": false}' >/dev/null
if [ "$(cat "$OUT/savepoint-trigger-finished-job.status")" = 202 ]; then
    FIN_TRIGGER=$(jq_py "$OUT/savepoint-trigger-finished-job.json" "d['request-id']")
    poll_async "/jobs/$BOUNDED/savepoints/$FIN_TRIGGER" "$SCRATCH/fin.json"
    rec savepoint-status-finished-job GET "/jobs/$BOUNDED/savepoints/$FIN_TRIGGER" >/dev/null
fi

# Failing job: FAILED with a failure cause and an exception history.
FAILING=$(run_job jar-run-failing FailingJob)
wait_for "job $FAILING FAILED" 60 job_state_is "$FAILING" FAILED
rec execution-result-failed GET "/jobs/$FAILING/execution-result" >/dev/null
rec exceptions GET "/jobs/$FAILING/exceptions?maxExceptions=10" >/dev/null
rec job-details-failed GET "/jobs/$FAILING" >/dev/null
rec cancel-failed PATCH "/jobs/$FAILING?mode=cancel" >/dev/null

# Unknown ids and routes.
rec job-not-found GET "/jobs/$UNKNOWN_ID" >/dev/null; expect job-not-found 404
rec job-status-not-found GET "/jobs/$UNKNOWN_ID/status" >/dev/null
rec cancel-not-found PATCH "/jobs/$UNKNOWN_ID?mode=cancel" >/dev/null
rec execution-result-not-found GET "/jobs/$UNKNOWN_ID/execution-result" >/dev/null
rec job-malformed-id GET /jobs/not-a-job-id >/dev/null
rec unknown-route GET /no-such-route >/dev/null

rec jobs-overview-final GET /jobs/overview >/dev/null
rec jar-delete DELETE "/jars/$JAR_ID" >/dev/null; expect jar-delete 200
rec jar-delete-not-found DELETE "/jars/$JAR_ID" >/dev/null
log "done, $WARNINGS warning(s)"
