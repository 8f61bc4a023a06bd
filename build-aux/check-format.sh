#!/usr/bin/env bash
# The checked-in .clang-format, enforced on the lines a branch changes in the
# library and the CLI (not on whole files: GNU style as the code has it is
# not exactly what clang-format 14 writes, and a mass reformat would collide
# with every branch in flight).
#
#   build-aux/check-format.sh [BASE]     BASE: default the merge base with main
#   build-aux/check-format.sh --fix [BASE]   rewrite those lines instead
#
# Exit 1 with the diff clang-format wants when a changed line is unformatted.
#
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail
cd "$(dirname "$0")/.."

fix=false
if [ "${1:-}" = "--fix" ]; then fix=true; shift; fi
base=${1:-$(git merge-base HEAD main 2>/dev/null || git rev-parse HEAD~1)}

command -v git-clang-format >/dev/null || {
  echo "check-format: git-clang-format missing (apt-get install clang-format)" >&2
  exit 2
}

if $fix; then
  git clang-format --quiet "$base" -- flinkjob tools || true
  exit 0
fi
out=$(git clang-format --diff "$base" -- flinkjob tools 2>&1 || true)
case "$out" in
  ""|"no modified files to format"*|"clang-format did not modify any files"*)
    echo "check-format: the lines changed since $(git rev-parse --short "$base") are formatted"
    ;;
  *)
    printf '%s\n' "$out"
    echo "check-format: lines changed since $(git rev-parse --short "$base") are not as .clang-format says; build-aux/check-format.sh --fix" >&2
    exit 1
    ;;
esac
