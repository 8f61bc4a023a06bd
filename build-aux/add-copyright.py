#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Give every source file of the project a copyright line and an SPDX license
line (REUSE style). Idempotent: a file that has an SPDX-FileCopyrightText line
is left alone; one with only SPDX-License-Identifier gets the copyright line
just before it; one with neither gets both, in its first comment if that
comment starts the file (after a #! line), else in a new comment on top.

  build-aux/add-copyright.py [--check]

Files: those git tracks (so it works on whatever a merge brought), C, headers,
Python, JavaScript, Vala, shell and meson.build; recorded data (tests/responses,
corpora) and generated files are skipped. --check lists what lacks a line and
fails, changing nothing.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COPYRIGHT = 'SPDX-FileCopyrightText: 2026 The flinkjob authors'
LICENSE = 'SPDX-License-Identifier: LGPL-2.1-or-later'
STYLES = {'.c': '/*', '.h': '/*', '.vala': '/*', '.js': '//',
          '.py': '#', '.sh': '#', 'meson.build': '#', '.in': None}
SKIP = re.compile(r'^(tests/responses/|fuzz/corpus|fuzz/corpora/|debian/|po/|subprojects/)')


def style_of(path):
    name = os.path.basename(path)
    if name == 'meson.build':
        return '#'
    return STYLES.get(os.path.splitext(name)[1])


def tracked():
    """What git tracks; outside a git tree (a dist tarball), every file."""
    try:
        out = subprocess.run(['git', 'ls-files'], cwd=ROOT, capture_output=True, text=True,
                             check=True)
        return out.stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        paths = []
        for top, dirs, names in os.walk(ROOT):
            dirs[:] = [d for d in dirs if not d.startswith(('.', '_build'))]
            paths += [os.path.relpath(os.path.join(top, n), ROOT) for n in names]
        return sorted(paths)


def files():
    for path in tracked():
        if SKIP.search(path) or not style_of(path):
            continue
        yield path


def fix(text, style):
    if COPYRIGHT.split(':')[0] in text[:3000]:
        return text
    lines = text.split('\n')
    head = 1 if lines and lines[0].startswith('#!') else 0
    lic = next((i for i, l in enumerate(lines[:60]) if 'SPDX-License-Identifier' in l), None)
    if lic is not None:
        prefix = re.match(r'^(\s*(?:\*|//|#)?\s*)', lines[lic]).group(1)
        lines.insert(lic, prefix + COPYRIGHT)
        return '\n'.join(lines)
    if style == '/*':
        if lines[head:head + 1] and lines[head].startswith('/*'):
            end = next((i for i in range(head, min(len(lines), 80)) if '*/' in lines[i]), None)
            if end is not None and lines[end].strip() == '*/':
                lines[end:end] = [' *', ' * ' + COPYRIGHT, ' * ' + LICENSE]
                return '\n'.join(lines)
        block = ['/* ' + COPYRIGHT, ' * ' + LICENSE, ' */', '']
    else:
        mark = style
        if lines[head:head + 1] and lines[head].startswith(mark):
            end = head
            while end < len(lines) and lines[end].startswith(mark):
                end += 1
            lines[end:end] = [mark, mark + ' ' + COPYRIGHT, mark + ' ' + LICENSE]
            return '\n'.join(lines)
        block = [mark + ' ' + COPYRIGHT, mark + ' ' + LICENSE, '']
    lines[head:head] = block
    return '\n'.join(lines)


def main():
    check = '--check' in sys.argv[1:]
    missing = 0
    for path in files():
        full = os.path.join(ROOT, path)
        try:
            text = open(full, encoding='utf-8').read()
        except (UnicodeDecodeError, FileNotFoundError):
            print('left: %s: not UTF-8 text' % path, file=sys.stderr)
            continue
        new = fix(text, style_of(path))
        if new == text:
            continue
        missing += 1
        if check:
            print('no copyright line: ' + path)
        else:
            open(full, 'w', encoding='utf-8').write(new)
            print('copyright: ' + path)
    if check and missing:
        return 1
    print('%d files %s' % (missing, 'lack a copyright line' if check else 'given a copyright line'))
    return 0


if __name__ == '__main__':
    sys.exit(main())
