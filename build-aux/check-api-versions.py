#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The version check of the public API, as a TAP test: every symbol of the
GIR carries a version (a `Since:` tag), and every declaration in a public
header has a versioned export macro (FLINK_AVAILABLE_IN_X_Y or
FLINK_DEPRECATED_IN_X_Y), never FLINK_AVAILABLE_IN_ALL.

  check-api-versions.py --gir Flink-1.0.gir --headers DIR

build-aux/version-public-api.py fixes what this finds.
"""
import argparse
import os
import re
import sys
import xml.etree.ElementTree as ET

CORE = '{http://www.gtk.org/introspection/core/1.0}'
GLIB = '{http://www.gtk.org/introspection/glib/1.0}'
VERSIONED = ['class', 'interface', 'record', 'enumeration', 'bitfield', 'function',
             'method', 'constructor', 'property', GLIB + 'signal', 'constant', 'callback',
             'function-macro']
MACRO = re.compile(r'\bFLINK_(?:AVAILABLE|DEPRECATED)_IN_\d+_\d+(?:_FOR)?\b')


def gir_missing(path):
    missing = []
    root = ET.parse(path).getroot()
    ns = root.find(CORE + 'namespace')

    def walk(elem, owner):
        for child in elem:
            tag = child.tag.replace(CORE, '')
            name = child.get('name') or ''
            full = owner + '.' + name if owner else name
            if tag in VERSIONED or child.tag in VERSIONED:
                if child.get(GLIB + 'is-gtype-struct-for') or child.get('introspectable') == '0':
                    continue
                if name.startswith('_'):
                    continue
                if not child.get('version'):
                    missing.append('%s %s' % (tag.replace(GLIB, 'glib:'), full))
                if tag in ('class', 'interface', 'record', 'enumeration', 'bitfield'):
                    walk(child, full)
    walk(ns, '')
    return missing


def headers_missing(directory):
    missing = []
    for name in sorted(os.listdir(directory)):
        if not name.endswith(('.h', '.h.in')) or name.endswith('-private.h') or name == 'flinkjob.h':
            continue
        path = os.path.join(directory, name)
        lines = open(path, encoding='utf-8').read().split('\n')
        for i, line in enumerate(lines):
            if re.search(r'\bFLINK_AVAILABLE_IN_ALL\b', line) and not line.lstrip().startswith(('#', '*', '/*')):
                missing.append('%s:%d: FLINK_AVAILABLE_IN_ALL, not a version' % (name, i + 1))
            elif re.match(r'^(?:const\s+)?[A-Za-z_]\w*[\s\*]+\**(flink_\w+)\s*\(', line) or \
                    re.match(r'^G_DECLARE_\w+\s*\(', line):
                prev = next((l for l in reversed(lines[:i]) if l.strip()), '')
                if not MACRO.search(prev) and not MACRO.search(line):
                    missing.append('%s:%d: no versioned export macro' % (name, i + 1))
    return missing


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--gir', required=True)
    parser.add_argument('--headers', required=True)
    args = parser.parse_args()
    checks = [('every GIR symbol has a Since: tag', gir_missing(args.gir)),
              ('every public declaration has a versioned export macro',
               headers_missing(args.headers))]
    print('1..%d' % len(checks))
    failed = 0
    for n, (what, missing) in enumerate(checks, 1):
        if missing:
            failed += 1
            print('not ok %d - %s: %d missing' % (n, what, len(missing)))
            for m in missing[:200]:
                print('# ' + m)
            print('# fix: build-aux/version-public-api.py')
        else:
            print('ok %d - %s' % (n, what))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
