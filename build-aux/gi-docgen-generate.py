#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later
"""gi-docgen generate, then the content images where the pages look for them.

  gi-docgen-generate.py GI_DOCGEN CONTENT_DIR OUTPUT_DIR IMAGE... -- ARGS...

gi-docgen copies each of content_images to the top of the output directory,
while docs/*.md link them as images/NAME.png (so that they show on a forge
too): this copies each IMAGE (relative to CONTENT_DIR) to OUTPUT_DIR/IMAGE.
"""
import os
import shutil
import subprocess
import sys

gidocgen, content_dir, output_dir = sys.argv[1:4]
split = sys.argv.index('--')
images, args = sys.argv[4:split], sys.argv[split + 1:]
r = subprocess.run([gidocgen, 'generate'] + args)
if r.returncode != 0:
    sys.exit(r.returncode)
for image in images:
    target = os.path.join(output_dir, image)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copyfile(os.path.join(content_dir, image), target)
