/* flink-url-private.h: cluster URLs as messages show them
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

/* The longest URL a message quotes, in bytes, before "…". */
#define FLINK_URL_MAX_SHOWN 256

/* @text (a URL, or what a person meant as one) as a message may quote it:
 * without user name, password, query or fragment, however malformed it
 * is; valid UTF-8 without control characters, at most
 * FLINK_URL_MAX_SHOWN bytes and "…". Never NULL. */
char *_flink_url_redact (const char *text);

/* clang-format on */

G_END_DECLS
