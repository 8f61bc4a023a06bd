#!/usr/bin/env bash
# Runs flinkjob's libFuzzer targets (fuzz/fuzz-*.c).
#
#   fuzz/run-fuzz.sh [--minutes N | --runs N] [--build-dir DIR] [--merge] [TARGET...]
#
# TARGET is decoders, config, operation-handle, url, headers or job-list (all when
# none is named). Each runs from its checked-in corpus (fuzz/corpus/TARGET)
# for N minutes (--minutes) or N executions (--runs; 100,000 by default),
# one after the other, writing new inputs to a scratch directory, never to
# the source tree. A failing input is kept in DIR/fuzz-artifacts/TARGET/;
# reproduce it with DIR/fuzz/fuzz-TARGET FILE. --merge adds what the run
# found to the checked-in corpus, minimised (libFuzzer's -merge=1).
#
# The build directory (default _build-fuzz) is set up with clang when it
# does not exist: -Dfuzzing=true -Db_lundef=false, without introspection.
# Run it niced on a shared machine: nice -n 19 fuzz/run-fuzz.sh ...
#
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(dirname "$here")
build_dir=$source_dir/_build-fuzz
runs=100000
seconds=
merge=false
targets=()

while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) seconds=$(( $2 * 60 )); shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --build-dir) build_dir=$2; shift 2 ;;
    --merge) merge=true; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run-fuzz: unknown option $1" >&2; exit 2 ;;
    *) targets+=("${1#fuzz-}"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(decoders config operation-handle url headers job-list)

if [ ! -f "$build_dir/build.ninja" ]; then
  CC=${CC:-clang} meson setup "$build_dir" "$source_dir" -Dfuzzing=true -Db_lundef=false \
    -Dintrospection=disabled -Dvapi=disabled -Ddocumentation=false -Dtests=false >/dev/null
fi
for target in "${targets[@]}"; do
  ninja -C "$build_dir" "fuzz/fuzz-$target" >/dev/null
done

# A smaller quarantine and shorter allocation stacks: faster, and within
# libFuzzer's RSS limit.
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:quarantine_size_mb=64:malloc_context_size=8}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$source_dir/tests/lsan.supp:print_suppressions=0}

status=0
for target in "${targets[@]}"; do
  binary=$build_dir/fuzz/fuzz-$target
  corpus=$here/corpus/$target
  artifacts=$build_dir/fuzz-artifacts/$target
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/flinkjob-fuzz-$target.XXXXXX")
  log=$scratch.log
  mkdir -p "$artifacts"
  limit=(-runs="$runs")
  [ -n "$seconds" ] && limit=(-max_total_time="$seconds")
  dict=()
  [ -f "$here/dict/$target.dict" ] && dict=(-dict="$here/dict/$target.dict")

  start=$(date +%s)
  if "$binary" "${limit[@]}" "${dict[@]}" -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$artifacts/" -print_final_stats=1 \
       "$scratch" "$corpus" >"$log" 2>&1; then
    result=passed
  else
    result=FAILED
    status=1
    tail -n 60 "$log" >&2
  fi
  # The last status line: #RUNS ... cov: EDGES ft: FEATURES corp: ...
  stats=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  executions=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' || true)
  echo "run-fuzz: $target $result in $(( $(date +%s) - start )) s: ${executions:-?} executions; $stats"

  if $merge && [ "$result" = passed ]; then
    merged=$(mktemp -d "${TMPDIR:-/tmp}/flinkjob-fuzz-merge.XXXXXX")
    "$binary" -merge=1 "${dict[@]}" "$merged" "$corpus" "$scratch" >/dev/null 2>&1
    rm -rf "$corpus"
    mkdir -p "$corpus"
    cp "$merged"/* "$corpus"/
    rm -rf "$merged"
    echo "run-fuzz: $target corpus now $(ls "$corpus" | wc -l) inputs"
  fi
  rm -rf "$scratch" "$log"
done
exit $status
