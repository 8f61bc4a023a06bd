#!/usr/bin/env bash
# The Debian packages, built and used in one command (about a minute on
# this 2-core machine; tests/run-tests.sh runs it with --remove):
#
#   bash .ci/deb.sh [--no-install | --remove]
#
# builds libflinkjob-1.0-0, libflinkjob-1.0-dev, gir1.2-flink-1.0 and flinkjob
# with dpkg-buildpackage from a copy of the work tree, in
# ${FLINKJOB_BUILD_DIR:-_build}-deb/; then (as root, unless --no-install)
# installs them with apt, and checks that `flinkjob --version` runs and that
# tests/installed/consumer.c builds with pkg-config flinkjob-1.0 and runs.
# --remove purges the packages again afterwards, whatever happened, leaving
# the machine as it was (the test command's way: a libflinkjob in /usr
# would sit under every later build's tests).
#
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=$PWD/${FLINKJOB_BUILD_DIR:-_build}-deb
install=true
remove=false
case "${1:-}" in
  --no-install) install=false ;;
  --remove) remove=true ;;
  "") ;;
  *) echo "usage: bash .ci/deb.sh [--no-install | --remove]" >&2; exit 2 ;;
esac

need=(dpkg-dev debhelper gobject-introspection libgirepository1.0-dev bash-completion)
missing=()
for pkg in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

rm -rf "$OUT" && mkdir -p "$OUT/flinkjob-1.0.0"
git ls-files -z --cached --others --exclude-standard | grep -zv '^_build' |
  xargs -0 tar -cf - | tar -xf - -C "$OUT/flinkjob-1.0.0"
(cd "$OUT/flinkjob-1.0.0" && DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -b >"$OUT/build.log" 2>&1) ||
  { tail -n 40 "$OUT/build.log"; echo "deb: dpkg-buildpackage failed: $OUT/build.log" >&2; exit 1; }
ls "$OUT"/*.deb

$install || exit 0
if $remove; then
  # The packages just built, by name (debian/control's, dbgsym included).
  packages=()
  for deb in "$OUT"/*.deb; do packages+=("$(dpkg-deb -f "$deb" Package)"); done
  trap 'DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "${packages[@]}" >/dev/null 2>&1 || true' EXIT
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$OUT"/*.deb >/dev/null
flinkjob --version
[ "$(pkg-config --print-requires flinkjob-1.0 | tr -d ' ')" = gio-2.0 ]
cc -Wall -Werror -o "$OUT/consumer" tests/installed/consumer.c $(pkg-config --cflags --libs flinkjob-1.0)
"$OUT/consumer"
/usr/bin/python3 -c 'import gi; gi.require_version("Flink", "1.0"); from gi.repository import Flink; print("python3-gi: Flink", Flink.library_get_major_version())'
echo "deb: the packages build, install and work: $(cd "$OUT" && ls *.deb | tr '\n' ' ')"
