#!/usr/bin/env bash
# The test command: sets everything up on a fresh Debian 12 machine
# (.ci/bootstrap.sh), then runs every suite:
#
#   formatting            every C file of flinkjob/ and tools/ as
#                         .clang-format says (clang-format 19), blocking
#   unit, faults          no cluster (recorded responses, a misbehaving
#                         in-process server)
#   everything else       against a real Flink 2.3.0 session cluster, then a
#                         real Flink 1.20.5 one (without a default savepoint
#                         directory, to exercise that path), one cluster per
#                         version for the whole run
#   adaptive              rescaling through resource requirements, against
#                         one more cluster per version that runs the
#                         adaptive scheduler
#   ha                    the REST leader through ZooKeeper, against one more
#                         cluster per version with ZooKeeper HA (a ZooKeeper
#                         server and two JobManagers); the Python and CLI
#                         HA tests on 2.x only, and on 2.x once more with
#                         mutual TLS and JKS keystores (the CLI through its
#                         config directory)
#   deploy                no harness cluster: the library deploys its own,
#                         one at a time, from that version's Flink
#                         (FLINK_HOME=~/.cache/flinkjob/flink-VERSION); the
#                         CLI's and the bindings' deploy tests on 2.x only
#   unit, faults again    built with AddressSanitizer and UBSan
#   fuzz                  every libFuzzer target for a fixed number of runs
#   release, installed    Since: tags, copyright lines; meson dist, a build
#                         and the unit suite from the tarball, meson install
#                         into a fresh prefix (its ABI checked against
#                         1.0's), an outside C program, GJS, the
#                         system Python and a venv's PyGObject against it,
#                         the Python suite from the venv against a Flink 2.3.0
#                         cluster, an outside meson project with flinkjob as
#                         a subproject through a wrap
#                         (tests/installed/run-installed-tests.sh); the
#                         Debian packages built, installed, used and purged
#                         (.ci/deb.sh --remove)
#
# Each cluster is stopped by the harness whatever happens; a trap here makes
# sure no JVM of ours outlives this script.
#
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail

cd "$(dirname "$0")/.."

BUILD_DIR=${FLINKJOB_BUILD_DIR:-_build}
ASAN_DIR=${BUILD_DIR}-asan
FLINK_VERSIONS=${FLINKJOB_FLINK_VERSIONS:-"2.3.0 1.20.5"}
export FLINKJOB_FLINK_VERSIONS="$FLINK_VERSIONS" FLINKJOB_BUILD_DIR="$BUILD_DIR"

say () { printf '\n==> %s\n' "$*" >&2; }

# The harness makes its clusters' work directories under TMPDIR, and their
# JVMs carry that path in their command lines: a TMPDIR of this run's own
# names exactly the JVMs this run started, and no one else's.
RUN_TMP=$(mktemp -d "${TMPDIR:-/tmp}/flinkjob-run.XXXXXX")
export TMPDIR="$RUN_TMP"
# Every JVM of the run (clusters, ZooKeeper, keytool) compiles with C1 only:
# the test clusters live minutes, and start some 35% faster without C2
# (a 2.3.0 HA cluster: 15-17 s instead of 24-28 s, a fifth less CPU).
export JAVA_TOOL_OPTIONS="-XX:TieredStopAtLevel=1${JAVA_TOOL_OPTIONS:+ $JAVA_TOOL_OPTIONS}"

stop_stray_jvms () {
  local status=$? pids
  pids=$(pgrep -f -- "$RUN_TMP/" 2>/dev/null | tr '\n' ' ' || true)
  if [ -n "$pids" ]; then
    echo "run-tests: stopping JVMs left behind: $pids" >&2
    kill $pids 2>/dev/null || true
    sleep 2
    kill -9 $pids 2>/dev/null || true
  fi
  # Kept when something failed: the clusters' logs are there.
  if [ "$status" -eq 0 ]; then
    rm -rf "$RUN_TMP"
  else
    echo "run-tests: logs and work directories kept in $RUN_TMP" >&2
  fi
}
trap stop_stray_jvms EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

t0=$(date +%s)
bash .ci/bootstrap.sh
t_setup=$(( $(date +%s) - t0 ))

say "Formatting: every C file of flinkjob/ and tools/ as .clang-format says"
bash build-aux/check-format.sh

say "Unit, fault and documentation tests"
meson test -C "$BUILD_DIR" --no-rebuild --print-errorlogs --suite unit --suite faults --suite hostile --suite docs

for version in $FLINK_VERSIONS; do
  extra=()
  case "$version" in 1.*) extra=(--no-savepoint-dir) ;; esac
  say "Against a real Flink $version cluster"
  t=$(date +%s)
  python3 tests/flink/flink-harness.py run --version "$version" "${extra[@]}" -- \
    meson test -C "$BUILD_DIR" --no-rebuild --print-errorlogs \
      --no-suite unit --no-suite faults --no-suite hostile --no-suite docs --no-suite adaptive \
      --no-suite ha --no-suite deploy --no-suite release
  # Rescaling needs the adaptive scheduler, which the cluster above does not
  # run (so that the other suites see Flink's default one).
  python3 tests/flink/flink-harness.py run --version "$version" --adaptive-scheduler -- \
    meson test -C "$BUILD_DIR" --no-rebuild --print-errorlogs --suite adaptive
  # Leader retrieval kills a JobManager and stops ZooKeeper: a cluster of
  # its own, with ZooKeeper HA. The library follows the leader the same way
  # whoever calls it: the Python and CLI HA tests on the newest Flink only.
  ha_tests=(--suite ha)
  case "$version" in 1.*) ha_tests=(test-ha) ;; esac
  python3 tests/flink/flink-harness.py run --version "$version" --ha -- \
    meson test -C "$BUILD_DIR" --no-rebuild --print-errorlogs "${ha_tests[@]}"
  # A client configuration as Flink's TLS and HA pages have it (JKS
  # keystores, mutual TLS, the ZooKeeper quorum, no rest.address): the CLI
  # through --config-dir across a failover, on the newest Flink.
  case "$version" in
    2.*) python3 tests/flink/flink-harness.py run --version "$version" --ha \
           --tls-mutual --tls-store-type JKS -- \
           meson test -C "$BUILD_DIR" --no-rebuild --print-errorlogs cli-ha ;;
  esac
  # The deploy suite starts clusters of its own: none of the harness's runs.
  # The CLI's and the bindings' deploy tests add nothing per version to what
  # test-deploy checks of the library: the newest Flink only.
  deploy_tests=(--suite deploy)
  case "$version" in 1.*) deploy_tests=(test-deploy) ;; esac
  flink_home=$(python3 tests/flink/flink-harness.py install --version "$version")
  jobs_jar=$(python3 tests/flink/flink-harness.py build-jobs --version "$version")
  FLINK_HOME="$flink_home" FLINKJOB_TEST_JOBS_JAR="$jobs_jar" FLINK_VERSION="$version" \
  FLINKJOB_REQUIRE_DEPLOY=1 \
    meson test -C "$BUILD_DIR" --no-rebuild --print-errorlogs "${deploy_tests[@]}"
  echo "run-tests: Flink $version suites took $(( $(date +%s) - t )) s" >&2
done

say "Unit and fault tests with AddressSanitizer and UndefinedBehaviorSanitizer"
if [ ! -f "$ASAN_DIR/build.ninja" ]; then
  meson setup "$ASAN_DIR" -Db_sanitize=address,undefined -Db_lundef=false \
    -Dintrospection=disabled -Dexamples=false -Dbenchmarks=false -Dwerror=true >/dev/null
fi
ninja -C "$ASAN_DIR" >/dev/null
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp":print_suppressions=0 \
  meson test -C "$ASAN_DIR" --no-rebuild --print-errorlogs --suite unit --suite faults

say "Fuzz suite: every libFuzzer target, 100,000 executions each, with ASan and UBSan"
FUZZ_DIR=${BUILD_DIR}-fuzz
if [ ! -f "$FUZZ_DIR/build.ninja" ]; then
  CC=clang meson setup "$FUZZ_DIR" -Dfuzzing=true -Db_lundef=false \
    -Dintrospection=disabled -Dvapi=disabled -Ddocumentation=false -Dtests=false >/dev/null
fi
ninja -C "$FUZZ_DIR" >/dev/null
meson test -C "$FUZZ_DIR" --no-rebuild --print-errorlogs --suite fuzz

say "Release checks, and flinkjob installed, then used"
t=$(date +%s)
meson test -C "$BUILD_DIR" --no-rebuild --print-errorlogs --suite release
bash tests/installed/run-installed-tests.sh dist install consumers venv subproject
python3 tests/flink/flink-harness.py run --version 2.3.0 -- \
  bash tests/installed/run-installed-tests.sh python-suite
# The Debian packages: built, installed with apt, used, then purged.
bash .ci/deb.sh --remove
echo "run-tests: release and installed checks took $(( $(date +%s) - t )) s" >&2

say "All suites passed in $(( $(date +%s) - t0 )) s (set-up $t_setup s)"
