/* flink-upload-stream.c: a file sent as multipart/form-data without holding
 * it in memory
 *
 * A jar of a gigabyte is read as libsoup sends it, a block at a time,
 * between the multipart headers and the closing boundary.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "flink-transport-private.h"
#include "flink-upload-stream-private.h"

struct _FlinkUploadStream
{
  GInputStream parent_instance;

  GBytes       *head;
  GInputStream *file;
  GBytes       *tail;
  guint         part;   /* 0 head, 1 file, 2 tail, 3 done */
  gsize         offset; /* within head or tail */
};

G_DEFINE_FINAL_TYPE (FlinkUploadStream, _flink_upload_stream, G_TYPE_INPUT_STREAM)

static gssize
read_bytes (FlinkUploadStream *self,
            GBytes            *bytes,
            void              *buffer,
            gsize              count)
{
  gsize       size;
  const char *data = g_bytes_get_data (bytes, &size);
  gsize       n = MIN (count, size - self->offset);

  memcpy (buffer, data + self->offset, n);
  self->offset += n;
  if (self->offset == size)
    {
      self->part++;
      self->offset = 0;
    }
  return n;
}

static gssize
_flink_upload_stream_read (GInputStream *stream,
                           void         *buffer,
                           gsize         count,
                           GCancellable *cancellable,
                           GError      **error)
{
  FlinkUploadStream *self = FLINK_UPLOAD_STREAM (stream);
  gssize             n;

  while (self->part < 3)
    {
      if (self->part == 0 && g_bytes_get_size (self->head) > 0)
        return read_bytes (self, self->head, buffer, count);
      if (self->part == 1)
        {
          n = g_input_stream_read (self->file, buffer, count, cancellable, error);
          if (n != 0)
            return n; /* data, or an error */
        }
      if (self->part == 2 && g_bytes_get_size (self->tail) > 0)
        return read_bytes (self, self->tail, buffer, count);
      self->part++;
      self->offset = 0;
    }
  return 0;
}

static gboolean
_flink_upload_stream_close (GInputStream *stream,
                            GCancellable *cancellable,
                            GError      **error)
{
  return g_input_stream_close (FLINK_UPLOAD_STREAM (stream)->file, cancellable, error);
}

static void
_flink_upload_stream_finalize (GObject *object)
{
  FlinkUploadStream *self = FLINK_UPLOAD_STREAM (object);

  g_clear_pointer (&self->head, g_bytes_unref);
  g_clear_object (&self->file);
  g_clear_pointer (&self->tail, g_bytes_unref);

  G_OBJECT_CLASS (_flink_upload_stream_parent_class)->finalize (object);
}

static void
_flink_upload_stream_class_init (FlinkUploadStreamClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = _flink_upload_stream_finalize;
  stream_class->read_fn = _flink_upload_stream_read;
  stream_class->close_fn = _flink_upload_stream_close;
}

static void
_flink_upload_stream_init (FlinkUploadStream *self)
{
}

GInputStream *
_flink_upload_stream_new (GBytes       *head,
                          GInputStream *file,
                          GBytes       *tail)
{
  FlinkUploadStream *self = g_object_new (FLINK_TYPE_UPLOAD_STREAM, NULL);

  self->head = g_bytes_ref (head);
  self->file = g_object_ref (file);
  self->tail = g_bytes_ref (tail);
  return G_INPUT_STREAM (self);
}

/* Multipart/form-data around @upload's file, as SoupMultipart would write
 * it: what comes before the file, what after, the Content-Type with its
 * boundary, and the body's whole length. */
void
_flink_upload_parts (const FlinkUpload *upload,
                     GBytes           **out_head,
                     GBytes           **out_tail,
                     char             **out_content_type,
                     goffset           *out_length)
{
  g_autofree char *boundary = g_strdup_printf ("flinkjob-%08x%08x%08x", g_random_int (),
                                               g_random_int (), g_random_int ());
  g_autofree char *filename = g_strdup (upload->filename);
  char            *head, *tail;

  /* A quote, a backslash or a line break would end the header. */
  g_strdelimit (filename, "\"\\\r\n", '_');
  head = g_strdup_printf ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                          "Content-Type: %s\r\n\r\n",
                          boundary, upload->field, filename,
                          upload->content_type);
  tail = g_strdup_printf ("\r\n--%s--\r\n", boundary);
  *out_length = strlen (head) + upload->size + strlen (tail);
  *out_head = g_bytes_new_take (head, strlen (head));
  *out_tail = g_bytes_new_take (tail, strlen (tail));
  *out_content_type = g_strdup_printf ("multipart/form-data; boundary=%s", boundary);
}
