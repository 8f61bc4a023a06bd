#!/usr/bin/env bash
# The bash completion (data/completion/flinkjob) completes flinkjob's
# commands and options, as read from the flinkjob it is given.
#
#   test-completion.sh COMPLETION_FILE FLINKJOB
#
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail
shopt -s extglob
# shellcheck disable=SC1090
source "$1"
flinkjob_bin=$2

complete_line () {
  COMP_WORDS=("$@")
  COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
  COMPREPLY=()
  _flinkjob "$flinkjob_bin" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
  printf '%s\n' "${COMPREPLY[@]}"
}

n=0
check () {
  local what=$1 want=$2; shift 2
  local got
  n=$((n + 1))
  got=$(complete_line "$@")
  if printf '%s\n' "$got" | grep -x -- "$want" >/dev/null; then
    echo "ok $n - $what"
  else
    echo "not ok $n - $what: “$want” not among: $(printf '%s ' $got)"
    failed=1
  fi
}
failed=0
echo "1..5"
check "commands" status flinkjob ""
check "a command from its start" dispose-savepoint flinkjob dis
check "global options" --json flinkjob --j
check "a command's own options" --drain flinkjob stop --dr
check "global options after a command" --timeout= flinkjob status --ti
exit $failed
