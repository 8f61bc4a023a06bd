# consumer.py: the installed Flink-1.0 typelib from Python, found through the
# prefix's standard paths only (run-installed-tests.sh sets GI_TYPELIB_PATH
# and LD_LIBRARY_PATH to the prefix's libdir, nothing from the source tree).
#
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later
import sys

import gi
gi.require_version("Flink", "1.0")
from gi.repository import Flink  # noqa: E402

prefix = sys.argv[1]
typelib = gi.Repository.get_default().get_typelib_path("Flink")
assert typelib.startswith(prefix), (typelib, prefix)
assert Flink.library_check_version(1, 0, 0)
assert Flink.JobStatus.RUNNING.value_nick == "running"
print("python: Flink %d.%d.%d from %s" % (Flink.library_get_major_version(),
      Flink.library_get_minor_version(), Flink.library_get_micro_version(), typelib))
