#!/usr/bin/env bash
# Installed, then used: what a distribution, a GNOME app and a Python
# virtualenv do with flinkjob, each step failing loudly.
#
#   run-installed-tests.sh [STEP...]   (default: dist install consumers venv subproject)
#
#   dist          `meson dist` of HEAD (no uncommitted change is in it), then
#                 the tarball is unpacked, configured for a fresh prefix, built,
#                 and its unit and fault suites run from itself
#   install       `meson install` of that build into the fresh prefix; checks
#                 that pkg-config --print-requires says gio-2.0 only and that
#                 the installed GIR includes only GLib, GObject and Gio, and
#                 that the CLI, its man page and bash completion are there,
#                 and that the library keeps the ABI recorded at the last
#                 release (build-aux/check-abi.sh, libabigail)
#   consumers     an outside C program (consumer.c) built with nothing but
#                 `pkg-config --cflags --libs flinkjob-1.0`, run; GJS and the
#                 system Python load the installed typelib with only the
#                 prefix's standard paths (GI_TYPELIB_PATH, LD_LIBRARY_PATH)
#   venv          a virtualenv with `pip install "PyGObject<3.50" pytest`, built
#                 against Debian 12's gobject-introspection 1.74; consumer.py
#                 from it
#   subproject    an outside meson project (tests/installed/subproject) whose
#                 dependency('flinkjob-1.0') falls back to a
#                 subprojects/flinkjob.wrap ([wrap-git] of this repository's
#                 HEAD, [provide] flinkjob-1.0), as the README's Install
#                 section describes: built, and consumer.c run
#   python-suite  tests/python/test_flink.py from the venv against the
#                 installed typelib: needs a cluster, so run it through the
#                 harness: flink-harness.py run --version 2.3.0 -- \
#                   tests/installed/run-installed-tests.sh python-suite
#
# Everything lives in ${FLINKJOB_BUILD_DIR:-_build}-installed/ (src, build,
# prefix, venv); each step reuses what the one before left there.
#
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail

cd "$(dirname "$0")/../.."
SRC_ROOT=$PWD
BUILD_DIR=${FLINKJOB_BUILD_DIR:-_build}
WORK=$SRC_ROOT/${BUILD_DIR}-installed
PREFIX=$WORK/prefix
VENV=$WORK/venv
STEPS=("$@")
[ ${#STEPS[@]} -eq 0 ] && STEPS=(dist install consumers venv subproject)

say () { printf '\n==> installed: %s\n' "$*" >&2; }
fail () { printf 'run-installed-tests: %s\n' "$*" >&2; exit 1; }

prefix_env () {
  LIBDIR=$(PKG_CONFIG_PATH="$(prefix_pkgconfig)" pkg-config --variable=libdir flinkjob-1.0)
  export PKG_CONFIG_PATH
  PKG_CONFIG_PATH=$(prefix_pkgconfig)
  export GI_TYPELIB_PATH=$LIBDIR/girepository-1.0
  export LD_LIBRARY_PATH=$LIBDIR
}

prefix_pkgconfig () {
  dirname "$(find "$PREFIX" -name flinkjob-1.0.pc -print -quit)"
}

step_dist () {
  say "meson dist, then a build and the unit suite from the tarball"
  [ -f "$BUILD_DIR/build.ninja" ] || fail "no build in $BUILD_DIR: run .ci/bootstrap.sh first"
  rm -rf "$WORK" && mkdir -p "$WORK"
  meson dist -C "$BUILD_DIR" --no-tests --allow-dirty --formats xztar >/dev/null
  local tarball
  tarball=$(ls "$BUILD_DIR"/meson-dist/flinkjob-*.tar.xz | tail -n 1)
  mkdir -p "$WORK/src"
  tar -xJf "$tarball" -C "$WORK/src" --strip-components=1
  [ -f "$WORK/src/COPYING" ] && [ -f "$WORK/src/NEWS" ] || fail "the tarball lacks COPYING or NEWS"
  meson setup "$WORK/build" "$WORK/src" --prefix="$PREFIX" -Dwerror=true \
    -Dexamples=false -Dbenchmarks=false -Ddocumentation=false >/dev/null
  ninja -C "$WORK/build" >/dev/null
  meson test -C "$WORK/build" --no-rebuild --print-errorlogs --suite unit --suite faults \
    --timeout-multiplier 3
}

step_install () {
  say "meson install into $PREFIX"
  meson install -C "$WORK/build" --no-rebuild --quiet
  prefix_env
  local requires gir
  requires=$(pkg-config --print-requires flinkjob-1.0 | tr -d ' ')
  [ "$requires" = "gio-2.0" ] || fail "pkg-config --print-requires flinkjob-1.0 says “$requires”, not gio-2.0"
  gir=$(find "$PREFIX" -name Flink-1.0.gir -print -quit)
  [ -n "$gir" ] || fail "no Flink-1.0.gir installed"
  if grep '<include name=' "$gir" | grep -vE 'name="(GLib|GObject|Gio)"'; then
    fail "the installed GIR includes more than GLib, GObject and Gio"
  fi
  [ -f "$GI_TYPELIB_PATH/Flink-1.0.typelib" ] || fail "no typelib in $GI_TYPELIB_PATH"
  [ -x "$PREFIX/bin/flinkjob" ] || fail "no flinkjob CLI in $PREFIX/bin"
  "$PREFIX/bin/flinkjob" --version
  [ -f "$PREFIX/share/bash-completion/completions/flinkjob" ] || fail "no bash completion installed"
  [ -f "$PREFIX/share/man/man1/flinkjob.1" ] || fail "no man page installed"
  bash "$SRC_ROOT/tests/installed/test-completion.sh" \
    "$PREFIX/share/bash-completion/completions/flinkjob" "$PREFIX/bin/flinkjob" >/dev/null
  # The installed library keeps the ABI recorded at the last release.
  bash "$SRC_ROOT/build-aux/check-abi.sh" "$LIBDIR/libflinkjob-1.0.so.0" \
    "$PREFIX/include/flinkjob-1.0/flinkjob"
  echo "pkg-config requires: $requires; GIR includes: $(grep -o '<include name="[A-Za-z]*"' "$gir" | cut -d'"' -f2 | tr '\n' ' ')"
}

step_consumers () {
  say "an outside program, GJS and the system Python against the prefix"
  prefix_env
  local out=$WORK/consumer
  # shellcheck disable=SC2046
  cc -Wall -Werror -o "$out" "$SRC_ROOT/tests/installed/consumer.c" \
    $(pkg-config --cflags --libs flinkjob-1.0)
  "$out"
  gjs -m "$SRC_ROOT/tests/installed/consumer.js"
  /usr/bin/python3 "$SRC_ROOT/tests/installed/consumer.py" "$PREFIX"
}

step_venv () {
  say "Python in a virtualenv: pip install PyGObject<3.50"
  prefix_env
  if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "PyGObject<3.50" pytest
  fi
  "$VENV/bin/python" -c 'import gi; print("venv: PyGObject", gi.__version__)'
  "$VENV/bin/python" "$SRC_ROOT/tests/installed/consumer.py" "$PREFIX"
}

step_subproject () {
  say "an outside meson project with flinkjob as a subproject (a wrap)"
  local project=$WORK/subproject
  rm -rf "$project" && mkdir -p "$project/subprojects"
  cp "$SRC_ROOT/tests/installed/subproject/meson.build" "$SRC_ROOT/tests/installed/consumer.c" \
    "$project/"
  cat >"$project/subprojects/flinkjob.wrap" <<WRAP
[wrap-git]
url = file://$SRC_ROOT
revision = HEAD
depth = 1

[provide]
dependency_names = flinkjob-1.0
WRAP
  # Whatever the machine has installed, the wrap is what is tested.
  meson setup "$project/build" "$project" --force-fallback-for=flinkjob-1.0 >/dev/null
  ninja -C "$project/build" >/dev/null
  meson test -C "$project/build" --no-rebuild --print-errorlogs
}

step_python_suite () {
  say "the Python suite from the virtualenv against the installed typelib"
  prefix_env
  [ -n "${FLINK_REST_URL:-}" ] || fail "python-suite needs a cluster: run it through tests/flink/flink-harness.py run"
  FLINKJOB_REQUIRE_CLUSTER=1 PYTHONDONTWRITEBYTECODE=1 \
    "$VENV/bin/python" -m pytest -q -rs -p no:cacheprovider \
      --rootdir "$SRC_ROOT/tests/python" "$SRC_ROOT/tests/python/test_flink.py"
}

for step in "${STEPS[@]}"; do
  case "$step" in
    dist) step_dist ;;
    install) step_install ;;
    consumers) step_consumers ;;
    venv) step_venv ;;
    subproject) step_subproject ;;
    python-suite) step_python_suite ;;
    *) fail "unknown step “$step”" ;;
  esac
done
