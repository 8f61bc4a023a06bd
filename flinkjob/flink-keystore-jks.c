/* flink-keystore-jks.c: Sun's JKS keystores
 *
 * The layout of sun.security.provider.JavaKeyStore: magic 0xFEEDFEED,
 * version 1 or 2, a count of entries, each a private key (Sun's own key
 * protection, then its certificate chain) or a trusted certificate, and a
 * SHA-1 over the store password (UTF-16BE), the bytes "Mighty Aphrodite"
 * and everything before it. No length in it is trusted.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "flink-keystore-private.h"
#include "flink-i18n-private.h"

#define SHA1_LENGTH 20

static const guint8 OID_JKS_KEY_PROTECTOR[] = { 0x2b, 0x06, 0x01, 0x04, 0x01, 0x2a, 0x02, 0x11, 0x01, 0x01 };

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         offset;
} Reader;

static gboolean
read_bytes (Reader        *reader,
            gsize          length,
            const guint8 **out_bytes)
{
  if (length > reader->length - reader->offset)
    return FALSE;
  *out_bytes = reader->data + reader->offset;
  reader->offset += length;
  return TRUE;
}

static gboolean
read_u32 (Reader  *reader,
          guint32 *out_value)
{
  const guint8 *bytes;

  if (!read_bytes (reader, 4, &bytes))
    return FALSE;
  *out_value = ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16) |
               ((guint32) bytes[2] << 8) | bytes[3];
  return TRUE;
}

/* Java's DataOutput.writeUTF(): a 16-bit length, modified UTF-8. */
static gboolean
read_java_utf (Reader *reader,
               char  **out_text)
{
  const guint8 *header, *bytes;
  gsize         length;

  if (!read_bytes (reader, 2, &header))
    return FALSE;
  length = ((gsize) header[0] << 8) | header[1];
  if (!read_bytes (reader, length, &bytes))
    return FALSE;
  /* Aliases and types are only compared with ASCII constants and shown in
   * messages: made safe to show once, here. */
  {
    g_autofree char *valid = g_utf8_make_valid ((const char *) bytes, (gssize) length);
    *out_text = _flink_text_shown (valid, FLINK_KEYSTORE_MAX_NAME_SHOWN);
  }
  return TRUE;
}

static gboolean
jks_read_certificate (Reader    *reader,
                      guint32    version,
                      guint      index,
                      GPtrArray *chain,
                      GError   **error)
{
  const guint8 *der;
  guint32       length;

  if (version == 2)
    {
      g_autofree char *type = NULL;

      if (!read_java_utf (reader, &type))
        goto truncated;
      if (strcmp (type, "X.509") != 0)
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED,
                       _ ("its entry %u holds a certificate of type “%s”; flinkjob reads "
                          "X.509 certificates"),
                       index + 1, type);
          return FALSE;
        }
    }
  if (!read_u32 (reader, &length) || !read_bytes (reader, length, &der))
    goto truncated;
  g_ptr_array_add (chain, g_bytes_new (der, length));
  return TRUE;

truncated:
  _flink_keystore_set_damaged (error, _ ("it ends inside its entry %u"), index + 1);
  return FALSE;
}

gboolean
_flink_keystore_jks_parse (GPtrArray    *entries,
                           const guint8 *data,
                           gsize         length,
                           const char   *password,
                           const char   *password_name,
                           GError      **error)
{
  Reader                reader = { data, length, 0 };
  g_autoptr (GChecksum) sha1 = NULL;
  const guint8         *stored;
  guint8                computed[SHA1_LENGTH];
  gsize                 computed_length = sizeof computed;
  g_autofree guint8    *key = NULL;
  gsize                 key_length = 0;
  guint32               magic, version, count;

  if (!read_u32 (&reader, &magic) || !read_u32 (&reader, &version) ||
      !read_u32 (&reader, &count))
    {
      _flink_keystore_set_damaged (error, _ ("it ends inside its header"));
      return FALSE;
    }
  if (magic != FLINK_KEYSTORE_JKS_MAGIC || (version != 1 && version != 2))
    {
      _flink_keystore_set_damaged (error, _ ("a JKS keystore of version %u"), version);
      return FALSE;
    }

  /* Each entry takes at least 18 bytes: a count beyond that is a lie. */
  if (count > (length - reader.offset) / 18)
    {
      _flink_keystore_set_damaged (error, "it claims %u entries in %" G_GSIZE_FORMAT " bytes",
                                   count, length);
      return FALSE;
    }

  for (guint32 i = 0; i < count; i++)
    {
      g_autoptr (GPtrArray) chain = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      g_autofree char      *alias = NULL;
      FlinkKeystoreEntry   *entry;
      const guint8         *bytes;
      guint32               tag;

      if (!read_u32 (&reader, &tag) || !read_java_utf (&reader, &alias) ||
          !read_bytes (&reader, 8, &bytes)) /* the date it was added */
        {
          _flink_keystore_set_damaged (error, _ ("it ends inside its entry %u"), i + 1);
          return FALSE;
        }

      if (tag == 1)
        {
          g_autoptr (GBytes) protected_key = NULL;
          guint32            key_size, n_certificates;

          if (!read_u32 (&reader, &key_size) || !read_bytes (&reader, key_size, &bytes) ||
              !read_u32 (&reader, &n_certificates))
            {
              _flink_keystore_set_damaged (error, _ ("it ends inside its entry %u"), i + 1);
              return FALSE;
            }
          protected_key = g_bytes_new (bytes, key_size);
          if (n_certificates == 0 || n_certificates > FLINK_KEYSTORE_MAX_CHAIN)
            {
              _flink_keystore_set_damaged (error,
                                           _ ("its private key “%s” comes with %u certificates"),
                                           alias, n_certificates);
              return FALSE;
            }
          for (guint32 j = 0; j < n_certificates; j++)
            if (!jks_read_certificate (&reader, version, i, chain, error))
              return FALSE;
          entry = _flink_keystore_entry_new (alias, TRUE);
          entry->protected_key = g_steal_pointer (&protected_key);
        }
      else if (tag == 2)
        {
          if (!jks_read_certificate (&reader, version, i, chain, error))
            return FALSE;
          entry = _flink_keystore_entry_new (alias, FALSE);
        }
      else
        {
          _flink_keystore_set_damaged (error, _ ("its entry %u is of an unknown kind, %u"), i + 1, tag);
          return FALSE;
        }
      g_ptr_array_extend_and_steal (entry->chain, g_steal_pointer (&chain));
      g_ptr_array_add (entries, entry);
    }

  /* The keystore's integrity: what Java checks before it believes any of
   * the above. Bytes after the digest Java ignores, and so do we. */
  if (!read_bytes (&reader, SHA1_LENGTH, &stored))
    {
      _flink_keystore_set_damaged (error, _ ("it ends before its integrity check"));
      return FALSE;
    }
  key = _flink_password_utf16be (password, FALSE, &key_length);
  sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_checksum_update (sha1, key, key_length);
  g_checksum_update (sha1, (const guchar *) "Mighty Aphrodite", 16);
  g_checksum_update (sha1, data, reader.offset - SHA1_LENGTH);
  g_checksum_get_digest (sha1, computed, &computed_length);
  _flink_wipe (key, key_length);
  if (memcmp (computed, stored, SHA1_LENGTH) != 0)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("its integrity check fails: %s is not its password, or the file was "
                      "changed after keytool wrote it"),
                   password_name);
      return FALSE;
    }
  return TRUE;
}

/* Sun's JKS key protection (sun.security.provider.KeyProtector). */
GBytes *
_flink_keystore_jks_recover_key (FlinkKeystoreEntry *entry,
                                 const char         *password,
                                 const char         *password_name,
                                 GError            **error)
{
  FlinkDer in = {
    g_bytes_get_data (entry->protected_key, NULL), g_bytes_get_size (entry->protected_key)
  };
  FlinkDer              info, algorithm, oid, sealed;
  g_autoptr (GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_autofree guint8    *key = NULL;
  g_autofree guint8    *plain = NULL;
  guint8                digest[SHA1_LENGTH];
  gsize                 key_length = 0, digest_length;
  const guint8         *salt, *encrypted, *check;
  gsize                 encrypted_length;
  gboolean              matches;
  GBytes               *result;

  if (!_flink_der_take (&in, FLINK_DER_SEQUENCE, &info) ||
      !_flink_der_take (&info, FLINK_DER_SEQUENCE, &algorithm) ||
      !_flink_der_take (&algorithm, FLINK_DER_OID, &oid) ||
      !_flink_der_take (&info, FLINK_DER_OCTET_STRING, &sealed))
    {
      _flink_keystore_set_damaged (error, _ ("its private key “%s” cannot be read"), entry->alias);
      return NULL;
    }
  if (!FLINK_DER_OID_IS (&oid, OID_JKS_KEY_PROTECTOR))
    {
      g_autofree char *name = _flink_der_oid_to_string (&oid);

      g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED,
                   _ ("its private key “%s” is protected by algorithm %s, which flinkjob "
                      "cannot decrypt: convert the keystore to PKCS12 with keytool "
                      "-importkeystore -deststoretype PKCS12"),
                   entry->alias, name);
      return NULL;
    }
  if (sealed.length < 2 * SHA1_LENGTH + 1)
    {
      _flink_keystore_set_damaged (error, _ ("its private key “%s” is too short"), entry->alias);
      return NULL;
    }
  salt = sealed.data;
  encrypted = sealed.data + SHA1_LENGTH;
  encrypted_length = sealed.length - 2 * SHA1_LENGTH;
  check = encrypted + encrypted_length;

  key = _flink_password_utf16be (password, FALSE, &key_length);

  /* The keystream: SHA-1 (password, salt), then SHA-1 (password, the
   * previous digest), ... */
  plain = g_malloc (encrypted_length);
  memcpy (digest, salt, SHA1_LENGTH);
  for (gsize offset = 0; offset < encrypted_length; offset += SHA1_LENGTH)
    {
      g_checksum_reset (sha1);
      g_checksum_update (sha1, key, key_length);
      g_checksum_update (sha1, digest, SHA1_LENGTH);
      digest_length = SHA1_LENGTH;
      g_checksum_get_digest (sha1, digest, &digest_length);
      for (gsize i = 0; i < SHA1_LENGTH && offset + i < encrypted_length; i++)
        plain[offset + i] = encrypted[offset + i] ^ digest[i];
    }

  g_checksum_reset (sha1);
  g_checksum_update (sha1, key, key_length);
  g_checksum_update (sha1, plain, encrypted_length);
  digest_length = SHA1_LENGTH;
  g_checksum_get_digest (sha1, digest, &digest_length);
  matches = memcmp (digest, check, SHA1_LENGTH) == 0;
  _flink_wipe (key, key_length);
  _flink_wipe (digest, sizeof digest);

  if (!matches)
    {
      _flink_wipe (plain, encrypted_length);
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("%s does not decrypt its private key “%s”"), password_name, entry->alias);
      return NULL;
    }
  result = _flink_secret_bytes_new (plain, encrypted_length);
  _flink_wipe (plain, encrypted_length);
  return result;
}
