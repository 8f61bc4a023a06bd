/* flink-error-private.h: turning what a cluster answered into an error a
 * person can act on
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "flink-error.h"

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

/* @context says what was being done, naming the job and the cluster
 * ("Cannot cancel job 3f2a... on http://host:8081"). */
GError   *_flink_error_new_for_http      (guint         status,
                                          GBytes       *body,
                                          const char   *context);
GError   *_flink_error_new_for_transport (const GError *error,
                                          const char   *url,
                                          const char   *context);

/* A TLS failure, told as what to do about it: why the cluster's
 * certificate was not trusted (@flags, checked against @ca or the system's
 * store), or that the cluster refused ours (mutual TLS). */
GError   *_flink_error_new_for_tls       (const GError        *error,
                                          GTlsCertificateFlags flags,
                                          const char          *ca,
                                          gboolean             has_client_certificate,
                                          const char          *url,
                                          const char          *context);

/* Text from a server or a file as a message may show it: valid UTF-8,
 * control characters (C0, DEL, C1) as '?'; appending stops with "…" once
 * @shown holds @max_bytes bytes. */
void      _flink_string_append_shown     (GString      *shown,
                                          gsize         max_bytes,
                                          const char   *text,
                                          gssize        length);
char     *_flink_text_shown              (const char   *text,
                                          gsize         max_bytes);

/* Flink's failure causes and Java exception text. */
char     *_flink_describe_failure_cause  (JsonObject   *cause);
void      _flink_split_exception_line    (const char   *line,
                                          char        **out_class,
                                          char        **out_message);
gboolean  _flink_find_root_cause         (const char   *stack_trace,
                                          char        **out_class,
                                          char        **out_message);

/* clang-format on */

G_END_DECLS
