/* flink-zip.c: reading entries of a jar (a zip file)
 *
 * Enough of the zip format (PKWARE APPNOTE 6.3) to find an entry by name
 * and inflate it: the end of central directory record (and its zip64
 * form, which flink-dist needs), the central directory, local headers,
 * stored and deflated entries. The deploy code uses it to check that a job
 * jar holds its entry class before starting a JVM, and to read the default
 * config.yaml that flink-dist carries.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "flinkjob.h"
#include "flink-config-private.h"
#include "flink-connection-private.h"
#include "flink-decoders-private.h"
#include "flink-ids-private.h"
#include "flink-json-private.h"
#include "flink-task-private.h"
#include "flink-zip-private.h"
#include "flink-i18n-private.h"

#define EOCD_SIGNATURE 0x06054b50
#define EOCD_SIZE 22
#define ZIP64_LOCATOR_SIGNATURE 0x07064b50
#define ZIP64_LOCATOR_SIZE 20
#define ZIP64_EOCD_SIGNATURE 0x06064b50
#define CENTRAL_SIGNATURE 0x02014b50
#define CENTRAL_SIZE 46
#define LOCAL_SIGNATURE 0x04034b50
#define LOCAL_SIZE 30
#define MAX_COMMENT 0xffff
#define MAX_CENTRAL_DIRECTORY (256 * 1024 * 1024)

typedef struct
{
  guint16 method;
  guint64 compressed_size;
  guint64 size;
  guint64 local_offset;
} ZipEntry;

struct _FlinkZip
{
  GFile            *file;
  GFileInputStream *stream;
  guint64           file_size;
  GHashTable       *entries; /* name -> ZipEntry */
};

static guint16
le16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static guint32
le32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static guint64
le64 (const guint8 *p)
{
  return (guint64) le32 (p) | ((guint64) le32 (p + 4) << 32);
}

static gboolean
not_a_zip (FlinkZip   *zip,
           const char *what,
           GError    **error)
{
  g_autofree char *path = g_file_get_parse_name (zip->file);

  g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
               _ ("%s is not a jar (a zip file): %s"), path, what);
  return FALSE;
}

/* Reads @size bytes at @offset; fails unless all of them are there. */
static guint8 *
read_at (FlinkZip     *zip,
         guint64       offset,
         gsize         size,
         GCancellable *cancellable,
         GError      **error)
{
  g_autofree guint8 *buffer = NULL;
  gsize              got = 0;

  if (offset > zip->file_size || size > zip->file_size - offset)
    {
      not_a_zip (zip, "a record points past its end", error);
      return NULL;
    }
  if (!g_seekable_seek (G_SEEKABLE (zip->stream), (goffset) offset, G_SEEK_SET,
                        cancellable, error))
    return NULL;
  buffer = g_malloc (MAX (size, 1));
  if (!g_input_stream_read_all (G_INPUT_STREAM (zip->stream), buffer, size, &got,
                                cancellable, error))
    return NULL;
  if (got != size)
    {
      not_a_zip (zip, "it ends early", error);
      return NULL;
    }
  return g_steal_pointer (&buffer);
}

/* Finds the central directory: its offset, size and number of entries. */
static gboolean
read_end_records (FlinkZip     *zip,
                  guint64      *out_offset,
                  guint64      *out_size,
                  guint64      *out_count,
                  GCancellable *cancellable,
                  GError      **error)
{
  g_autofree guint8 *tail = NULL;
  gsize              tail_size;
  guint64            tail_start;
  gssize             eocd = -1;

  if (zip->file_size < EOCD_SIZE)
    return not_a_zip (zip, "it is too short", error);

  tail_size = (gsize) MIN (zip->file_size, (guint64) EOCD_SIZE + MAX_COMMENT);
  tail_start = zip->file_size - tail_size;
  tail = read_at (zip, tail_start, tail_size, cancellable, error);
  if (tail == NULL)
    return FALSE;

  for (gssize i = (gssize) tail_size - EOCD_SIZE; i >= 0; i--)
    if (le32 (tail + i) == EOCD_SIGNATURE)
      {
        eocd = i;
        break;
      }
  if (eocd < 0)
    return not_a_zip (zip, "no end of central directory record", error);

  *out_count = le16 (tail + eocd + 10);
  *out_size = le32 (tail + eocd + 12);
  *out_offset = le32 (tail + eocd + 16);

  /* Zip64: the real values are in a record that a locator, just before
   * the end record, points to. */
  if (*out_count == 0xffff || *out_size == 0xffffffff || *out_offset == 0xffffffff)
    {
      guint64            locator = tail_start + (guint64) eocd;
      g_autofree guint8 *loc = NULL;
      g_autofree guint8 *record = NULL;

      if (locator < ZIP64_LOCATOR_SIZE)
        return not_a_zip (zip, "no zip64 locator", error);
      loc = read_at (zip, locator - ZIP64_LOCATOR_SIZE, ZIP64_LOCATOR_SIZE, cancellable, error);
      if (loc == NULL)
        return FALSE;
      if (le32 (loc) != ZIP64_LOCATOR_SIGNATURE)
        return not_a_zip (zip, "no zip64 locator", error);
      record = read_at (zip, le64 (loc + 8), 56, cancellable, error);
      if (record == NULL)
        return FALSE;
      if (le32 (record) != ZIP64_EOCD_SIGNATURE)
        return not_a_zip (zip, "no zip64 end of central directory record", error);
      *out_count = le64 (record + 32);
      *out_size = le64 (record + 40);
      *out_offset = le64 (record + 48);
    }
  return TRUE;
}

/* Reads the zip64 extended information of a central directory entry: the
 * values whose 32-bit fields are saturated, in the order APPNOTE gives. */
static void
read_zip64_extra (const guint8 *extra,
                  gsize         length,
                  ZipEntry     *entry,
                  gboolean      size_saturated,
                  gboolean      compressed_saturated,
                  gboolean      offset_saturated)
{
  gsize at = 0;

  while (at + 4 <= length)
    {
      guint16       id = le16 (extra + at);
      guint16       size = le16 (extra + at + 2);
      const guint8 *data = extra + at + 4;
      gsize         used = 0;

      if (at + 4 + size > length)
        return;
      if (id == 0x0001)
        {
          if (size_saturated && used + 8 <= size)
            entry->size = le64 (data + used), used += 8;
          if (compressed_saturated && used + 8 <= size)
            entry->compressed_size = le64 (data + used), used += 8;
          if (offset_saturated && used + 8 <= size)
            entry->local_offset = le64 (data + used);
          return;
        }
      at += 4 + size;
    }
}

static gboolean
read_central_directory (FlinkZip     *zip,
                        GCancellable *cancellable,
                        GError      **error)
{
  g_autofree guint8 *directory = NULL;
  guint64            offset, size, count, at = 0;

  if (!read_end_records (zip, &offset, &size, &count, cancellable, error))
    return FALSE;
  if (size > MAX_CENTRAL_DIRECTORY)
    return not_a_zip (zip, "its central directory is too large", error);
  directory = read_at (zip, offset, (gsize) size, cancellable, error);
  if (directory == NULL)
    return FALSE;

  for (guint64 i = 0; i < count; i++)
    {
      const guint8 *record = directory + at;
      guint16       name_length, extra_length, comment_length;
      ZipEntry     *entry;

      if (at + CENTRAL_SIZE > size || le32 (record) != CENTRAL_SIGNATURE)
        return not_a_zip (zip, "a damaged central directory", error);
      name_length = le16 (record + 28);
      extra_length = le16 (record + 30);
      comment_length = le16 (record + 32);
      if (at + CENTRAL_SIZE + name_length + extra_length + comment_length > size)
        return not_a_zip (zip, "a damaged central directory", error);

      entry = g_new0 (ZipEntry, 1);
      entry->method = le16 (record + 10);
      entry->compressed_size = le32 (record + 20);
      entry->size = le32 (record + 24);
      entry->local_offset = le32 (record + 42);
      read_zip64_extra (record + CENTRAL_SIZE + name_length, extra_length, entry,
                        entry->size == 0xffffffff, entry->compressed_size == 0xffffffff,
                        entry->local_offset == 0xffffffff);
      g_hash_table_replace (zip->entries,
                            g_strndup ((const char *) record + CENTRAL_SIZE, name_length),
                            entry);
      at += CENTRAL_SIZE + name_length + extra_length + comment_length;
    }
  return TRUE;
}

FlinkZip *
_flink_zip_open (GFile        *file,
                 GCancellable *cancellable,
                 GError      **error)
{
  g_autoptr (FlinkZip)  zip = g_new0 (FlinkZip, 1);
  g_autoptr (GFileInfo) info = NULL;

  zip->file = g_object_ref (file);
  zip->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  zip->stream = g_file_read (file, cancellable, error);
  if (zip->stream == NULL)
    return NULL;
  info = g_file_input_stream_query_info (zip->stream, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                         cancellable, error);
  if (info == NULL)
    return NULL;
  zip->file_size = (guint64) g_file_info_get_size (info);
  if (!read_central_directory (zip, cancellable, error))
    return NULL;
  return g_steal_pointer (&zip);
}

void
_flink_zip_free (FlinkZip *zip)
{
  if (zip == NULL)
    return;
  g_clear_object (&zip->stream);
  g_clear_object (&zip->file);
  g_clear_pointer (&zip->entries, g_hash_table_unref);
  g_free (zip);
}

gboolean
_flink_zip_has_entry (FlinkZip   *zip,
                      const char *name)
{
  return g_hash_table_contains (zip->entries, name);
}

static GBytes *
inflate_raw (FlinkZip     *zip,
             const guint8 *data,
             gsize         length,
             gsize         size,
             GError      **error)
{
  g_autoptr (GZlibDecompressor) inflater = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW);
  g_autofree guint8            *out = g_malloc (MAX (size, 1));
  gsize                         in_at = 0, out_at = 0;

  while (out_at < size)
    {
      gsize            read = 0, written = 0;
      GConverterResult result;

      result = g_converter_convert (G_CONVERTER (inflater), data + in_at, length - in_at,
                                    out + out_at, size - out_at, G_CONVERTER_INPUT_AT_END,
                                    &read, &written, error);
      if (result == G_CONVERTER_ERROR)
        return NULL;
      in_at += read;
      out_at += written;
      if (result == G_CONVERTER_FINISHED || (read == 0 && written == 0))
        break;
    }
  if (out_at != size)
    {
      not_a_zip (zip, "an entry does not inflate to its size", error);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&out), size);
}

GBytes *
_flink_zip_read_entry (FlinkZip     *zip,
                       const char   *name,
                       gsize         max_size,
                       GCancellable *cancellable,
                       GError      **error)
{
  ZipEntry          *entry = g_hash_table_lookup (zip->entries, name);
  g_autofree guint8 *local = NULL;
  g_autofree guint8 *data = NULL;
  guint64            data_offset;

  if (entry == NULL)
    {
      g_autofree char *path = g_file_get_parse_name (zip->file);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _ ("%s has no entry %s"), path, name);
      return NULL;
    }
  if (entry->size > max_size || entry->compressed_size > (guint64) max_size + 65536)
    {
      not_a_zip (zip, "an entry is larger than expected", error);
      return NULL;
    }
  if (entry->method != 0 && entry->method != 8)
    {
      not_a_zip (zip, "an entry is compressed with a method other than deflate", error);
      return NULL;
    }

  local = read_at (zip, entry->local_offset, LOCAL_SIZE, cancellable, error);
  if (local == NULL)
    return NULL;
  if (le32 (local) != LOCAL_SIGNATURE)
    {
      not_a_zip (zip, "a damaged local header", error);
      return NULL;
    }
  data_offset = entry->local_offset + LOCAL_SIZE + le16 (local + 26) + le16 (local + 28);
  data = read_at (zip, data_offset, (gsize) entry->compressed_size, cancellable, error);
  if (data == NULL)
    return NULL;

  if (entry->method == 0)
    {
      if (entry->compressed_size != entry->size)
        {
          not_a_zip (zip, "a stored entry of two sizes", error);
          return NULL;
        }
      return g_bytes_new_take (g_steal_pointer (&data), (gsize) entry->size);
    }
  return inflate_raw (zip, data, (gsize) entry->compressed_size, (gsize) entry->size, error);
}

/* The value of @attribute in a manifest's main section, whose long lines
 * are continued on lines that start with a space. */
static char *
manifest_attribute (const char *manifest,
                    const char *attribute)
{
  g_auto (GStrv)      lines = g_regex_split_simple ("\r\n|\r|\n", manifest, 0, 0);
  g_autoptr (GString) value = NULL;
  gsize               prefix = strlen (attribute);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (value != NULL)
        {
          if (line[0] != ' ')
            break;
          g_string_append (value, line + 1);
          continue;
        }
      if (line[0] == '\0')
        break; /* the main section ends */
      if (g_ascii_strncasecmp (line, attribute, prefix) == 0 && line[prefix] == ':')
        value = g_string_new (line + prefix + 1);
    }
  if (value == NULL)
    return NULL;
  return g_strstrip (g_string_free (g_steal_pointer (&value), FALSE));
}

char *
_flink_zip_get_main_class (FlinkZip     *zip,
                           GCancellable *cancellable,
                           GError      **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char   *text = NULL;
  g_autofree char   *main_class = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize              size;
  const char        *data;

  bytes = _flink_zip_read_entry (zip, "META-INF/MANIFEST.MF", 1024 * 1024, cancellable, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return NULL;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  data = g_bytes_get_data (bytes, &size);
  text = g_strndup (data, size);
  main_class = manifest_attribute (text, "program-class");
  if (main_class == NULL || main_class[0] == '\0')
    {
      g_free (main_class);
      main_class = manifest_attribute (text, "Main-Class");
    }
  if (main_class != NULL && main_class[0] == '\0')
    g_clear_pointer (&main_class, g_free);
  return g_steal_pointer (&main_class);
}
