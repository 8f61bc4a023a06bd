#!/usr/bin/env bash
# The ABI of libflinkjob-1.0.so.0 against the one recorded at the last
# release (data/abi/libflinkjob-1.0.abi.xz, written by libabigail's abidw
# over the public headers only): every 1.x must keep 1.0's ABI.
#
#   build-aux/check-abi.sh LIBRARY HEADERS_DIR            compare
#   build-aux/check-abi.sh --update LIBRARY HEADERS_DIR   record LIBRARY's ABI
#
# LIBRARY is an installed libflinkjob-1.0.so.0 (with its debug information),
# HEADERS_DIR its installed include/flinkjob-1.0/flinkjob. Fails (exit 1) on
# an incompatible change: a function or variable removed, a changed
# signature, a changed enum value or struct layout. Added functions are a
# compatible change: printed, and recorded at the next release with
# --update (RELEASING.md). Exit 77 when abidiff (abigail-tools) is missing.
#
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
baseline=$root/data/abi/libflinkjob-1.0.abi.xz

update=false
if [ "${1:-}" = "--update" ]; then update=true; shift; fi
[ $# -eq 2 ] || { echo "usage: build-aux/check-abi.sh [--update] LIBRARY HEADERS_DIR" >&2; exit 2; }
library=$1
headers=$2

if ! command -v abidiff >/dev/null || ! command -v abidw >/dev/null; then
  echo "check-abi: abidiff missing (apt-get install abigail-tools)" >&2
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if $update; then
  mkdir -p "$(dirname "$baseline")"
  abidw --headers-dir "$headers" --drop-private-types --no-corpus-path \
    --out-file "$work/abi.xml" "$library"
  xz -9 -c "$work/abi.xml" >"$baseline"
  echo "check-abi: recorded the ABI of $library in ${baseline#"$root"/}"
  exit 0
fi

xz -d -c "$baseline" >"$work/baseline.xml"
status=0
abidiff --headers-dir2 "$headers" --drop-private-types --no-added-syms \
  "$work/baseline.xml" "$library" >"$work/report" || status=$?
added=0
abidiff --headers-dir2 "$headers" --drop-private-types \
  "$work/baseline.xml" "$library" >"$work/added" || added=$?

# abidiff's exit status is a bit mask: 1 error, 2 usage, 4 an ABI change,
# 8 an incompatible one.
if [ $((status & 3)) -ne 0 ]; then
  cat "$work/report" >&2
  echo "check-abi: abidiff could not compare $library with ${baseline#"$root"/}" >&2
  exit 1
fi
if [ $((status & 12)) -ne 0 ]; then
  cat "$work/report" >&2
  echo "check-abi: $library breaks the ABI recorded in ${baseline#"$root"/} (above)" >&2
  exit 1
fi
if [ $((added & 4)) -ne 0 ]; then
  grep -E 'Added|added' "$work/added" | head -n 20 || true
  echo "check-abi: compatible: new symbols since the recorded ABI (record them at the release: RELEASING.md)"
else
  echo "check-abi: the ABI is the recorded one"
fi
