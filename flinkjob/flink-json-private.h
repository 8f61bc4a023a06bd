/* flink-json-private.h: reading what a server sent without trusting it
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

/* Nothing here trusts the type of a member: a member of another type reads
 * as missing. _flink_json_parse() refuses answers nesting deeper than 512
 * or holding more than 2,000,000 elements or 250,000 objects and arrays,
 * and every string and member name of what it returns is valid UTF-8 (what
 * was not is made valid), so the readers hand out UTF-8. */
JsonNode   *_flink_json_parse             (GBytes      *bytes,
                                           GError     **error);
JsonObject *_flink_json_node_get_object   (JsonNode    *node,
                                           GError     **error);
const char *_flink_json_get_string        (JsonObject  *object,
                                           const char  *member);
gboolean    _flink_json_get_int           (JsonObject  *object,
                                           const char  *member,
                                           gint64      *out_value);
gint64      _flink_json_get_int_or        (JsonObject  *object,
                                           const char  *member,
                                           gint64       fallback);
guint       _flink_json_get_uint_or       (JsonObject  *object,
                                           const char  *member,
                                           guint        fallback);
gboolean    _flink_json_get_bool_or       (JsonObject  *object,
                                           const char  *member,
                                           gboolean     fallback);
JsonObject *_flink_json_get_object        (JsonObject  *object,
                                           const char  *member);
JsonArray  *_flink_json_get_array         (JsonObject  *object,
                                           const char  *member);
const char *_flink_json_require_string    (JsonObject  *object,
                                           const char  *member,
                                           GError     **error);
void        _flink_json_read_task_counts  (JsonObject  *tasks,
                                           guint       *counts,
                                           guint        n_counts);

/* clang-format on */

G_END_DECLS
