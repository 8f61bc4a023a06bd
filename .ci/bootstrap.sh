#!/usr/bin/env bash
# Everything flinkjob needs on a fresh Debian 12 machine, then a build.
#
#   - Debian packages (only those missing; needs root or sudo the first time)
#   - Apache Flink from PyPI (apache-flink-libraries, pinned), into a cache
#     outside the work tree: ~/.cache/flinkjob/flink-VERSION
#   - the library, its tests and tools, built in ./_build
#
# Idempotent and quick when everything is already there. Used by the README's
# demo command (examples/demo.sh) and test command (tests/run-tests.sh).
#
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail

cd "$(dirname "$0")/.."

# Flink versions the tests run against: the latest, and the LTS line.
FLINK_VERSIONS=${FLINKJOB_FLINK_VERSIONS:-"2.3.0 1.20.5"}
BUILD_DIR=${FLINKJOB_BUILD_DIR:-_build}

PACKAGES=(
  meson ninja-build pkg-config gcc
  clang libclang-rt-14-dev
  libglib2.0-dev libsoup-3.0-dev libjson-glib-dev libyaml-dev libgnutls28-dev
  gobject-introspection libgirepository1.0-dev gir1.2-soup-3.0 gir1.2-json-1.0
  python3 python3-gi python3-pytest python3-pip
  gjs valac gi-docgen
  gir1.2-gtk-4.0 xvfb
  openjdk-17-jdk-headless
  curl procps
  # Release checks: gettext's xgettext for po/; clang-format 19 for
  # build-aux/check-format.sh (pinned: each version formats differently);
  # a virtualenv that builds PyGObject < 3.50 (with pycairo) against
  # gobject-introspection 1.74
  # (tests/installed/run-installed-tests.sh).
  gettext clang-format-19 python3-venv python3-dev libcairo2-dev
  # The Debian packages (.ci/deb.sh): dpkg-buildpackage and debhelper.
  dpkg-dev debhelper bash-completion
  # The ABI check of the installed library (build-aux/check-abi.sh).
  abigail-tools
  # ZooKeeper HA: the C client the library uses, and the server (and its
  # Java client) that flink-harness.py run --ha starts. Debian 12's
  # zookeeper package installs no service (zookeeperd would).
  libzookeeper-mt-dev zookeeper
)

say () { printf '==> %s\n' "$*" >&2; }

install_packages () {
  local missing=() pkg
  for pkg in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' \
      || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  say "Installing Debian packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then
      sudo=(sudo)
    else
      echo "bootstrap: these packages are missing and I am not root: ${missing[*]}" >&2
      exit 1
    fi
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

install_flink () {
  local version
  for version in $FLINK_VERSIONS; do
    python3 tests/flink/flink-harness.py install --version "$version" >/dev/null
    python3 tests/flink/flink-harness.py build-jobs --version "$version" >/dev/null
  done
}

build () {
  local werror=false
  # Warnings are errors in CI.
  [ "${CI:-}" = "true" ] && werror=true
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    say "Configuring $BUILD_DIR"
    meson setup "$BUILD_DIR" -Dwerror="$werror" -Ddocumentation=true >/dev/null
  fi
  say "Building in $BUILD_DIR"
  ninja -C "$BUILD_DIR" >/dev/null
}

start=$(date +%s)
install_packages
install_flink
build
say "Ready in $(( $(date +%s) - start )) s"
