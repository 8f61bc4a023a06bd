/* flink-upload-stream-private.h: a file sent as multipart/form-data without
 * holding it in memory
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "flink-transport-private.h"

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

#define FLINK_TYPE_UPLOAD_STREAM (_flink_upload_stream_get_type ())
G_DECLARE_FINAL_TYPE (FlinkUploadStream, _flink_upload_stream, FLINK, UPLOAD_STREAM, GInputStream)

/* @head, then what @file holds, then @tail; takes none of them. */
GInputStream *_flink_upload_stream_new (GBytes       *head,
                                        GInputStream *file,
                                        GBytes       *tail);

void          _flink_upload_parts      (const FlinkUpload  *upload,
                                        GBytes            **out_head,
                                        GBytes            **out_tail,
                                        char              **out_content_type,
                                        goffset            *out_length);

/* clang-format on */

G_END_DECLS
