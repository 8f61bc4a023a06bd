#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later

"""Check that the binding tests call every public method of the GIR.

Reads every <constructor>, <method> and <function> of the Flink namespace in
Flink-1.0.gir and looks for a call to each in the Python and GJS test
sources. An _async/_finish pair is one operation, reached by a call to
`.verb_async(`, `.verb_finish(` or, through tests/python's sync() helper,
`.verb(`. A function of an enumeration (Flink.JobStatus.to_string) is reached
by `Owner.name(` or by its flat alias (Flink.job_status_to_string), which is
the same C function; a method is matched as `.name(`, not counting such
static calls (so Flink.JobStatus.to_string does not reach
OperationHandle.to_string). Methods that several classes share a name with
(get_job_id) are reached by a call on any of them.

Exits 1, listing what is missing for each language, when some public
method is not called by both suites.

    gir_coverage.py --gir Flink-1.0.gir --python test_flink.py --js test-flink.js
"""

import argparse
import re
import sys
import xml.etree.ElementTree as ET

CORE = "{http://www.gtk.org/introspection/core/1.0}"
C = "{http://www.gtk.org/introspection/c/1.0}"


def gir_operations(path):
    """({key: (display name, [patterns], is_method)}, [owner names])."""
    namespace = ET.parse(path).getroot().find(CORE + "namespace")
    if namespace is None or namespace.get("name") != "Flink":
        sys.exit(f"{path}: no Flink namespace")
    operations = {}
    owners = []

    def add(symbol, display, patterns, is_method=False):
        entry = operations.setdefault(symbol, (display, [], is_method))
        entry[1].extend(patterns)

    for owner in namespace:
        owner_name = owner.get("name")
        if owner.tag == CORE + "function":
            # A flat function; those moved to an enumeration are aliases.
            symbol = owner.get(C + "identifier")
            moved_to = owner.get("moved-to")
            display = moved_to if moved_to else owner_name
            add(symbol, display, [r"\b" + re.escape(owner_name) + r"\("])
            continue
        if owner_name:
            owners.append(owner_name)
        for member in owner:
            kind = member.tag[len(CORE):]
            if kind not in ("constructor", "method", "function"):
                continue
            if member.get("introspectable") == "0":
                continue
            name = member.get("name")
            symbol = member.get(C + "identifier")
            if kind == "method" and (name.endswith("_async") or name.endswith("_finish")):
                verb = name.rsplit("_", 1)[0]
                symbol = f"{owner_name}.{verb}()"
                display = f"{owner_name}.{verb}_async/_finish"
                patterns = [rf"\.{verb}_async\(", rf"\.{verb}_finish\(", rf"\.{verb}\("]
            elif kind == "method":
                display = f"{owner_name}.{name}"
                patterns = [rf"\.{name}\("]
            else:
                display = f"{owner_name}.{name}"
                patterns = [rf"\b{owner_name}\.{name}\("]
            add(symbol, display, patterns, kind == "method")
    return operations, owners


def read_sources(paths):
    text = []
    for path in paths:
        with open(path, encoding="utf-8") as source:
            text.append(source.read())
    return "\n".join(text)


def missing_in(operations, owners, text):
    # Static calls (Flink.JobStatus.to_string) do not count as calls of a
    # method of the same name (OperationHandle.to_string).
    static = re.compile(r"\b(?:" + "|".join(map(re.escape, owners)) + r")\.\w+\(")
    method_text = static.sub("(", text)
    missing = []
    for display, patterns, is_method in operations.values():
        haystack = method_text if is_method else text
        if not any(re.search(pattern, haystack) for pattern in patterns):
            missing.append(display)
    return sorted(missing)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gir", required=True)
    parser.add_argument("--python", nargs="+", required=True)
    parser.add_argument("--js", nargs="+", required=True)
    args = parser.parse_args(argv)

    operations, owners = gir_operations(args.gir)
    suites = {"Python": read_sources(args.python), "GJS": read_sources(args.js)}
    print(f"1..{len(suites)}")
    failed = False
    for number, (language, text) in enumerate(suites.items(), 1):
        missing = missing_in(operations, owners, text)
        reached = len(operations) - len(missing)
        if missing:
            failed = True
            print(f"not ok {number} - {language} tests reach {reached} of "
                  f"{len(operations)} public operations")
            for display in missing:
                print(f"# not called: {display}")
        else:
            print(f"ok {number} - {language} tests reach all {len(operations)} "
                  "public operations")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
