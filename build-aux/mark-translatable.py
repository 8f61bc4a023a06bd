#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Mark the user-visible messages of the library and the CLI with _() and
rewrite po/POTFILES. Idempotent: run it again after any merge.

  build-aux/mark-translatable.py            mark, include the i18n header,
                                            rewrite po/POTFILES
  build-aux/mark-translatable.py --check    change nothing; fail if po/POTFILES
                                            is not what this script would write,
                                            or xgettext cannot read a listed file

A message is marked when it is a string literal (or adjacent literals) passed
as the message of a GError-making GLib call (g_set_error, g_task_return_new_error,
g_prefix_error, ...), or as the format of a function of flinkjob/ or tools/
declared G_GNUC_PRINTF whose name says error, fail or damaged (found anew on
each run, so new helpers are covered). Log messages (g_debug, g_warning) stay
English. What it will not mark is listed on stderr ("left: ..."): a message
built with a macro inside (G_GINT64_FORMAT), one in a static initializer, one
printed with g_print/fputs; a person decides those.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIRS = ['flinkjob', 'tools']
POTFILES = os.path.join(ROOT, 'po', 'POTFILES')

# GLib calls that make an error: the 0-based index of the message argument.
GLIB_CALLS = {
    'g_set_error': 3,
    'g_set_error_literal': 3,
    'g_error_new': 2,
    'g_error_new_literal': 2,
    'g_task_return_new_error': 3,
    'g_task_report_new_error': 6,
    'g_prefix_error': 1,
    'g_prefix_error_literal': 1,
    'g_propagate_prefixed_error': 2,
}
HELPER_NAME = re.compile(r'error|fail|damaged', re.I)
MARK = re.compile(r'\b(?:_|N_|C_|NC_)\s*\(\s*"')
# Files that are not messages: generated or test-only.
SKIP = re.compile(r'(flink-enum-types|flink-version|flink-i18n)')


def sources():
    for d in DIRS:
        for name in sorted(os.listdir(os.path.join(ROOT, d))):
            if name.endswith(('.c', '.h')) and not SKIP.search(name):
                yield os.path.join(d, name)


def strip_comments_and_strings(text):
    """Same length as text, comments and literals blanked: for finding calls."""
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            for k in range(i, j):
                if out[k] != '\n':
                    out[k] = ' '
            i = j
        elif text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            for k in range(i, j):
                out[k] = ' '
            i = j
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            for k in range(i + 1, min(j, n)):
                out[k] = ' ' if text[k] != '\n' else '\n'
            i = j + 1
        else:
            i += 1
    return ''.join(out)


def printf_helpers(files):
    """Functions declared G_GNUC_PRINTF (n, m) whose name says error: name -> n-1."""
    found = {}
    decl = re.compile(r'\b([A-Za-z_]\w*)\s*\(([^;{}]*?)\)\s*G_GNUC_PRINTF\s*\(\s*(\d+)\s*,', re.S)
    for path in files:
        text = open(os.path.join(ROOT, path), encoding='utf-8').read()
        for m in decl.finditer(text):
            if HELPER_NAME.search(m.group(1)):
                found[m.group(1)] = int(m.group(3)) - 1
    return found


def split_args(text, blank, start):
    """Arguments of the call whose '(' is at start: [(begin, end)], end of call."""
    depth, args, begin = 0, [], start + 1
    i = start
    while i < len(blank):
        c = blank[i]
        if c in '([{':
            depth += 1
        elif c in ')]}':
            depth -= 1
            if depth == 0:
                args.append((begin, i))
                return args, i
        elif c == ',' and depth == 1:
            args.append((begin, i))
            begin = i + 1
        i += 1
    return None, None


LITERALS = re.compile(r'\s*(?:"(?:[^"\\\n]|\\.)*"\s*)+\Z', re.S)


def mark_file(path, calls, left):
    full = os.path.join(ROOT, path)
    text = open(full, encoding='utf-8').read()
    blank = strip_comments_and_strings(text)
    edits = []
    call = re.compile(r'\b(' + '|'.join(map(re.escape, calls)) + r')\s*\(')
    for m in call.finditer(blank):
        name = m.group(1)
        # A declaration or definition, not a call.
        before = blank[max(0, m.start() - 40):m.start()]
        if re.search(r'(^|\n)\s*$', before) and re.match(r'\w+\s*\(\s*(const\s+)?\w+\s*\*', text[m.start():]) \
                and not re.search(r'[=;{}(,]\s*$', before):
            continue
        args, _end = split_args(text, blank, m.end() - 1)
        index = calls[name]
        if not args or index >= len(args):
            continue
        b, e = args[index]
        arg = text[b:e]
        if MARK.match(arg.strip() + '"') or re.match(r'\s*(?:_|N_|C_|NC_)\s*\(', arg):
            continue
        if '"' not in arg:
            continue          # a variable: marked where it is made, if at all
        line = text.count('\n', 0, b) + 1
        if not LITERALS.match(arg):
            left.append('%s:%d: %s: a message with a macro or expression inside' % (path, line, name))
            continue
        if not re.search(r'[A-Za-z]{2}', arg):
            continue
        lead = len(arg) - len(arg.lstrip())
        trail = len(arg) - len(arg.rstrip())
        edits.append((b + lead, e - trail))
    if not edits:
        return False
    for b, e in sorted(edits, reverse=True):
        text = text[:b] + '_(' + text[b:e] + ')' + text[e:]
    text = ensure_include(path, text)
    open(full, 'w', encoding='utf-8').write(text)
    return True


def ensure_include(path, text):
    if path.startswith('flinkjob/'):
        line = '#include "flink-i18n-private.h"\n'
        if line in text:
            return text
        # After the last local include of the file's own area.
        incs = list(re.finditer(r'^#include "[^"]+"\n', text, re.M))
        if incs:
            at = incs[-1].end()
            return text[:at] + line + text[at:]
        return line + text
    line = '#include <glib/gi18n.h>\n'
    if line in text:
        return text
    m = re.search(r'^#include "config.h"\n', text, re.M)
    at = m.end() if m else 0
    return text[:at] + line + text[at:]


def uses_gettext(path):
    text = strip_comments_keep_strings(open(os.path.join(ROOT, path), encoding='utf-8').read())
    return bool(MARK.search(text))


def strip_comments_keep_strings(text):
    return re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)


def potfiles_text():
    listed = [p for p in sources() if uses_gettext(p)]
    return ('# Files with translatable messages: written by build-aux/mark-translatable.py\n'
            + ''.join(p + '\n' for p in listed)), listed


def main():
    check = '--check' in sys.argv[1:]
    files = list(sources())
    left = []
    if not check:
        calls = dict(GLIB_CALLS)
        calls.update(printf_helpers(files))
        changed = [p for p in files if mark_file(p, calls, left)]
        for p in changed:
            print('marked: ' + p)
        for entry in left:
            print('left: ' + entry, file=sys.stderr)
        print('left: not handled by this script: the CLI\'s text printed with g_print, '
              'printf or fputs, its GOptionEntry descriptions (N_() plus '
              'g_option_context_set_translation_domain), and messages passed through '
              'variables; %d calls above need a person' % len(left), file=sys.stderr)
    text, listed = potfiles_text()
    current = open(POTFILES, encoding='utf-8').read() if os.path.exists(POTFILES) else ''
    if check:
        if current != text:
            print('po/POTFILES is out of date: run build-aux/mark-translatable.py', file=sys.stderr)
            have = {l for l in current.splitlines() if l and not l.startswith('#')}
            for p in sorted(set(listed) - have):
                print('  missing: ' + p, file=sys.stderr)
            for p in sorted(have - set(listed)):
                print('  stale: ' + p, file=sys.stderr)
            return 1
        if listed:
            r = subprocess.run(['xgettext', '--from-code=UTF-8', '--keyword=_', '--keyword=N_',
                                '--keyword=C_:1c,2', '--keyword=NC_:1c,2', '-o', '-', '--language=C']
                               + listed, cwd=ROOT, capture_output=True, text=True)
            if r.returncode != 0 or r.stderr.strip():
                print('xgettext: ' + r.stderr, file=sys.stderr)
                return 1
            print('po/POTFILES up to date: %d files, %d messages'
                  % (len(listed), r.stdout.count('\nmsgid ') - 1))
        else:
            print('po/POTFILES up to date: no file has a translatable message yet')
        return 0
    if current != text:
        open(POTFILES, 'w', encoding='utf-8').write(text)
        print('rewrote po/POTFILES (%d files)' % len(listed))
    return 0


if __name__ == '__main__':
    sys.exit(main())
