/* flink-headers-private.h: extra HTTP headers that a person sets
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

/* Whether @name (RFC 9110: a token) and @value (no CR, LF, NUL or other
 * control character but tab) can be sent as a header; else
 * FLINK_ERROR_INVALID_ARGUMENT naming the header, never quoting its
 * value. */
gboolean _flink_header_check (const char  *name,
                              const char  *value,
                              GError     **error);

/* Appends to @headers the headers of @text, written as Flink's own client
 * reads FLINK_REST_CLIENT_HEADERS: "Name:value" lines separated by '\n'.
 * Space around names and values and the '\r' of CRLF line ends are
 * dropped; lines without a colon are skipped, as Flink skips them; a line
 * whose name or value cannot be sent fails, naming its line and header,
 * and then nothing is appended. */
gboolean _flink_headers_append_from_text (SoupMessageHeaders  *headers,
                                          const char          *text,
                                          const char          *source,
                                          GError             **error);

/* clang-format on */

G_END_DECLS
