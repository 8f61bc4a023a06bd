#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Give every public symbol a version: FLINK_AVAILABLE_IN_ALL becomes
FLINK_AVAILABLE_IN_X_Y in the public headers, and every gi-docgen comment
block of the library that has no `Since:` line gets `Since: X.Y`. Idempotent:
run it again after a merge, and it versions what the merge brought.

  build-aux/version-public-api.py [--since X.Y]

X.Y defaults to the current stable version of meson.build's project version
(1.0 for 1.0.0, 1.2 for 1.1.x): what a symbol added now first ships in.
Public headers are flinkjob/*.h and *.h.in but *-private.h and the umbrella flinkjob.h.
Declarations in a public header with no export macro at all are listed on
stderr ("left: ..."), not guessed at.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIB = os.path.join(ROOT, 'flinkjob')


def project_since():
    text = open(os.path.join(ROOT, 'meson.build'), encoding='utf-8').read()
    m = re.search(r"project\([^)]*?version:\s*'(\d+)\.(\d+)", text, re.S)
    major, minor = int(m.group(1)), int(m.group(2))
    if minor % 2:
        minor += 1
    return '%d.%d' % (major, minor)


def public_headers():
    for name in sorted(os.listdir(LIB)):
        if name.endswith(('.h', '.h.in')) and not name.endswith(('-private.h', '-private.h.in')) \
                and name != 'flinkjob.h':
            yield os.path.join(LIB, name)


def library_sources():
    for name in sorted(os.listdir(LIB)):
        if name.endswith('.c') or name in [os.path.basename(h) for h in public_headers()]:
            yield os.path.join(LIB, name)


# A gi-docgen block: "/**", then " * symbol:" (a function, Type, Type:prop,
# Type::signal, MACRO), ..., " */".
BLOCK = re.compile(r'/\*\*[ \t]*\n([ \t]*\*[ \t]*([A-Za-z_][\w]*(?::{1,2}[\w-]+)?):.*?)\*/', re.S)


def public_names():
    """Every flink_*, Flink* and FLINK_* name that a public header mentions."""
    names = set()
    for path in public_headers():
        text = open(path, encoding='utf-8').read()
        names.update(re.findall(r'\b(?:flink_|Flink|FLINK_)\w+', text))
    return names


def add_since(text, since, names):
    out, pos, count = [], 0, 0
    for m in BLOCK.finditer(text):
        body = m.group(1)
        if m.group(2).split(':')[0] not in names:
            continue                  # a private helper's comment
        if re.search(r'^\s*\*\s*Since:', body, re.M):
            continue
        # Insert before the closing "*/", keeping its indentation.
        end = m.end() - 2
        line_start = text.rfind('\n', 0, end) + 1
        indent = text[line_start:end]
        if indent.strip():            # "text */" on one line: leave it
            continue
        star = indent + '*'
        out.append(text[pos:line_start])
        prev = text[:line_start].rstrip('\n').rsplit('\n', 1)[-1]
        if prev.strip() != '*':
            out.append(star + '\n')
        out.append('%s Since: %s\n' % (star, since))
        pos = line_start
        count += 1
    out.append(text[pos:])
    return ''.join(out), count


def main():
    since = project_since()
    if '--since' in sys.argv:
        since = sys.argv[sys.argv.index('--since') + 1]
    macro = 'FLINK_AVAILABLE_IN_' + since.replace('.', '_')
    left = []
    for path in public_headers():
        text = open(path, encoding='utf-8').read()
        new = re.sub(r'\bFLINK_AVAILABLE_IN_ALL\b', macro, text)
        # Prototypes with no export macro before them.
        lines = new.split('\n')
        for i, line in enumerate(lines):
            if re.match(r'^(?:const\s+)?[A-Za-z_]\w*[\s\*]+\**(flink_\w+)\s*\(', line) or \
               re.match(r'^G_DECLARE_\w+\s*\(', line):
                prev = next((l for l in reversed(lines[:i]) if l.strip()), '')
                if not re.search(r'\bFLINK_(AVAILABLE|DEPRECATED)_IN_\w+', prev) and \
                   not re.search(r'\bFLINK_(AVAILABLE|DEPRECATED)_IN_\w+', line):
                    left.append('%s:%d: no export macro before this declaration'
                                % (os.path.relpath(path, ROOT), i + 1))
        if new != text:
            open(path, 'w', encoding='utf-8').write(new)
            print('versioned: ' + os.path.relpath(path, ROOT))
    total = 0
    names = public_names()
    for path in library_sources():
        text = open(path, encoding='utf-8').read()
        new, count = add_since(text, since, names)
        if count:
            open(path, 'w', encoding='utf-8').write(new)
            print('Since: %s on %d blocks: %s' % (since, count, os.path.relpath(path, ROOT)))
            total += count
    for entry in left:
        print('left: ' + entry, file=sys.stderr)
    print('%d Since: tags added, %d declarations left' % (total, len(left)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
