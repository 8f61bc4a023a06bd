#!/usr/bin/env bash
# Every C file of the library and the CLI (flinkjob/, tools/) formatted as
# .clang-format says, by clang-format 19 (Debian 12's clang-format-19): each
# clang-format version formats a little differently, so the check runs that
# one and no other.
#
#   build-aux/check-format.sh          exit 1 with clang-format's diff when a
#                                      file is not formatted
#   build-aux/check-format.sh --fix    format them in place
#
# Exit 77 (a skip, for meson test) when clang-format 19 is missing; the
# README's test command installs it and runs this as a blocking step.
#
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail
cd "$(dirname "$0")/.."

clang_format=${CLANG_FORMAT:-clang-format-19}
if ! command -v "$clang_format" >/dev/null; then
  echo "check-format: $clang_format missing (apt-get install clang-format-19)" >&2
  exit 77
fi
case "$("$clang_format" --version)" in
  *" version 19."*) ;;
  *)
    echo "check-format: $clang_format is not clang-format 19: $("$clang_format" --version)" >&2
    exit 77
    ;;
esac

files=(flinkjob/*.c flinkjob/*.h tools/*.c tools/*.h)

if [ "${1:-}" = "--fix" ]; then
  "$clang_format" -i "${files[@]}"
  exit 0
fi

formatted=$(mktemp)
trap 'rm -f "$formatted"' EXIT
unformatted=0
for file in "${files[@]}"; do
  "$clang_format" "$file" >"$formatted"
  if ! cmp -s "$file" "$formatted"; then
    diff -u --label "$file" --label "$file (formatted)" "$file" "$formatted" | head -n 40 || true
    unformatted=$((unformatted + 1))
  fi
done

if [ "$unformatted" -gt 0 ]; then
  echo "check-format: $unformatted of ${#files[@]} files are not as .clang-format says" \
       "(diffs above, 40 lines each); build-aux/check-format.sh --fix formats them" >&2
  exit 1
fi
echo "check-format: all ${#files[@]} files of flinkjob/ and tools/ are formatted"
