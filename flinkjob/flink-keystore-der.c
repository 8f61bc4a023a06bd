/* flink-keystore-der.c: DER, as much as keystores need
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "flink-file-private.h"
#include "flink-keystore-private.h"

struct _FlinkKeystore
{
  FlinkKeystoreFormat format;
  GPtrArray          *entries;           /* FlinkKeystoreEntry */
  char               *key_password;      /* wiped when freed */
  char               *key_password_name; /* for messages */
};

/* ------------------------------------------------------------------------
 * DER, as much as keystores need: definite lengths, low tag numbers
 * ------------------------------------------------------------------------ */

/* Takes the element at the start of @in: its tag and its contents. */
gboolean
_flink_der_next (FlinkDer *in,
                 guint8   *out_tag,
                 FlinkDer *out_contents)
{
  gsize header = 2;
  gsize length;

  if (in->length < 2 || (in->data[0] & 0x1f) == 0x1f)
    return FALSE;
  length = in->data[1];
  if (length & 0x80)
    {
      guint n_bytes = length & 0x7f;

      /* 0: BER's indefinite length, which DER (and Java) never writes. */
      if (n_bytes == 0 || n_bytes > 4 || in->length < 2 + n_bytes)
        return FALSE;
      length = 0;
      for (guint i = 0; i < n_bytes; i++)
        length = (length << 8) | in->data[2 + i];
      header += n_bytes;
    }
  if (length > in->length - header)
    return FALSE;
  *out_tag = in->data[0];
  out_contents->data = in->data + header;
  out_contents->length = length;
  in->data += header + length;
  in->length -= header + length;
  return TRUE;
}

/* Takes the element at the start of @in if it has @tag. */
gboolean
_flink_der_take (FlinkDer *in,
                 guint8    tag,
                 FlinkDer *out_contents)
{
  FlinkDer rest = *in;
  guint8   found;

  if (!_flink_der_next (&rest, &found, out_contents) || found != tag)
    return FALSE;
  *in = rest;
  return TRUE;
}

/* The whole element (header included) at the start of @in. */
gboolean
_flink_der_take_element (FlinkDer *in,
                         FlinkDer *out_element)
{
  const guint8 *start = in->data;
  guint8        tag;
  FlinkDer      contents;

  if (!_flink_der_next (in, &tag, &contents))
    return FALSE;
  out_element->data = start;
  out_element->length = in->data - start;
  return TRUE;
}

/* A non-negative INTEGER no larger than @max. */
gboolean
_flink_der_take_uint (FlinkDer *in,
                      guint64   max,
                      guint64  *out_value)
{
  FlinkDer integer;
  guint64  value = 0;

  if (!_flink_der_take (in, FLINK_DER_INTEGER, &integer) || integer.length == 0 ||
      (integer.data[0] & 0x80) != 0)
    return FALSE;
  for (gsize i = 0; i < integer.length; i++)
    {
      if (value > (max >> 8))
        return FALSE;
      value = (value << 8) | integer.data[i];
    }
  if (value > max)
    return FALSE;
  *out_value = value;
  return TRUE;
}

/* What follows a digest's OID: nothing, or NULL. */
gboolean
_flink_der_take_null_parameters (FlinkDer *in)
{
  FlinkDer null;

  if (in->length == 0)
    return TRUE;
  return _flink_der_take (in, FLINK_DER_NULL, &null) && null.length == 0 && in->length == 0;
}

gboolean
_flink_der_oid_is (const FlinkDer *oid,
                   const guint8   *expected,
                   gsize           length)
{
  return oid->length == length && memcmp (oid->data, expected, length) == 0;
}

/* Dotted, as keytool and openssl print them. */
char *
_flink_der_oid_to_string (const FlinkDer *oid)
{
  GString *text = g_string_new (NULL);
  guint64  value = 0;

  for (gsize i = 0; i < oid->length && i < 64; i++)
    {
      value = (value << 7) | (oid->data[i] & 0x7f);
      if (oid->data[i] & 0x80)
        continue;
      if (text->len == 0)
        g_string_append_printf (text, "%u.%" G_GUINT64_FORMAT,
                                value < 80 ? (guint) (value / 40) : 2,
                                value < 80 ? value % 40 : value - 80);
      else
        g_string_append_printf (text, ".%" G_GUINT64_FORMAT, value);
      value = 0;
    }
  return g_string_free (text, FALSE);
}
