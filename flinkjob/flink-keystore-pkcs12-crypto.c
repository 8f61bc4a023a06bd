/* flink-keystore-pkcs12-crypto.c: PKCS #12's key derivation, MAC and
 * decryption, through GnuTLS's ciphers and PBKDF2
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include <gnutls/x509.h>

#include "flink-keystore-private.h"
#include "flink-i18n-private.h"

static const guint8 OID_PBES2[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d };
static const guint8 OID_PBKDF2[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c };
static const guint8 OID_HMAC_SHA1[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x07 };
static const guint8 OID_HMAC_SHA224[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x08 };
static const guint8 OID_HMAC_SHA256[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x09 };
static const guint8 OID_HMAC_SHA384[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x0a };
static const guint8 OID_HMAC_SHA512[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x0b };
static const guint8 OID_AES128_CBC[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x02 };
static const guint8 OID_AES192_CBC[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x16 };
static const guint8 OID_AES256_CBC[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2a };
static const guint8 OID_DES_EDE3_CBC[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x03, 0x07 };
static const guint8 OID_PBE_SHA1_3DES[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01, 0x03 };
static const guint8 OID_PBE_SHA1_2DES[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01, 0x04 };
static const guint8 OID_PBE_SHA1_RC2_40[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01, 0x06 };
static const guint8 OID_SHA1[] = { 0x2b, 0x0e, 0x03, 0x02, 0x1a };
static const guint8 OID_SHA256[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 };
static const guint8 OID_SHA384[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02 };
static const guint8 OID_SHA512[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03 };

/* ------------------------------------------------------------------------
 * PKCS #12: key derivation, MAC, decryption
 * ------------------------------------------------------------------------ */

static gnutls_digest_algorithm_t
gnutls_digest_for (GChecksumType hash)
{
  switch (hash)
    {
    case G_CHECKSUM_SHA1:
      return GNUTLS_DIG_SHA1;
    case G_CHECKSUM_SHA256:
      return GNUTLS_DIG_SHA256;
    case G_CHECKSUM_SHA384:
      return GNUTLS_DIG_SHA384;
    case G_CHECKSUM_SHA512:
      return GNUTLS_DIG_SHA512;
    case G_CHECKSUM_MD5:
    default:
      g_assert_not_reached ();
    }
}

/* RFC 7292, appendix B.2: @id 1 derives keys, 2 IVs, 3 MAC keys. The
 * rounds go through gnutls_hash_fast(), five times as fast as GChecksum:
 * 10,000 of them are keytool's default. */
static void
pkcs12_kdf (GChecksumType hash,
            const guint8 *password,
            gsize         password_length,
            const guint8 *salt,
            gsize         salt_length,
            guint8        id,
            guint64       iterations,
            guint8       *out,
            gsize         out_length)
{
  gnutls_digest_algorithm_t algorithm = gnutls_digest_for (hash);
  gsize                     u = g_checksum_type_get_length (hash);
  gsize                     v = (hash == G_CHECKSUM_SHA384 || hash == G_CHECKSUM_SHA512) ? 128 : 64;
  gsize                     s_length = v * ((salt_length + v - 1) / v);
  gsize                     p_length = v * ((password_length + v - 1) / v);
  gsize                     i_length = s_length + p_length;
  g_autofree guint8        *d_i = g_malloc (v + MAX (i_length, 1));
  guint8                   *i_block = d_i + v;
  g_autofree guint8        *a = g_malloc (u);
  g_autofree guint8        *b = g_malloc (v);
  gsize                     done = 0;

  /* D || I, hashed together: D is @id repeated, I the salt and password
   * each repeated to whole blocks. */
  memset (d_i, id, v);
  for (gsize i = 0; i < s_length; i++)
    i_block[i] = salt[i % salt_length];
  for (gsize i = 0; i < p_length; i++)
    i_block[s_length + i] = password[i % password_length];

  while (done < out_length)
    {
      gnutls_hash_fast (algorithm, d_i, v + i_length, a);
      for (guint64 r = 1; r < iterations; r++)
        gnutls_hash_fast (algorithm, a, u, a);
      memcpy (out + done, a, MIN (u, out_length - done));
      done += MIN (u, out_length - done);
      if (done >= out_length)
        break;

      /* I_j = (I_j + B + 1) mod 2^(8v), for each v-byte block of I. */
      for (gsize i = 0; i < v; i++)
        b[i] = a[i % u];
      for (gsize j = 0; j < i_length; j += v)
        {
          guint carry = 1;

          for (gsize k = v; k-- > 0;)
            {
              carry += i_block[j + k] + b[k];
              i_block[j + k] = carry & 0xff;
              carry >>= 8;
            }
        }
    }
  _flink_wipe (d_i, v + i_length);
  _flink_wipe (a, u);
  _flink_wipe (b, v);
}

static gboolean
digest_for_oid (const FlinkDer *oid,
                GChecksumType  *out_type)
{
  if (FLINK_DER_OID_IS (oid, OID_SHA1))
    *out_type = G_CHECKSUM_SHA1;
  else if (FLINK_DER_OID_IS (oid, OID_SHA256))
    *out_type = G_CHECKSUM_SHA256;
  else if (FLINK_DER_OID_IS (oid, OID_SHA384))
    *out_type = G_CHECKSUM_SHA384;
  else if (FLINK_DER_OID_IS (oid, OID_SHA512))
    *out_type = G_CHECKSUM_SHA512;
  else
    return FALSE;
  return TRUE;
}

/* The PFX's MAC over @content: what proves the store password right. */
gboolean
_flink_pkcs12_check_mac (FlinkDer        mac_data,
                         const FlinkDer *content,
                         const char     *password,
                         const char     *password_name,
                         GError        **error)
{
  FlinkDer           digest_info, algorithm, oid, stored, salt;
  g_autofree guint8 *bmp = NULL;
  g_autofree guint8 *key = NULL;
  g_autoptr (GHmac)  hmac = NULL;
  guint8             computed[64];
  gsize              bmp_length = 0, computed_length = sizeof computed;
  guint64            iterations = 1;
  GChecksumType      hash;
  gsize              u;

  if (!_flink_der_take (&mac_data, FLINK_DER_SEQUENCE, &digest_info) ||
      !_flink_der_take (&digest_info, FLINK_DER_SEQUENCE, &algorithm) ||
      !_flink_der_take (&algorithm, FLINK_DER_OID, &oid) ||
      !_flink_der_take_null_parameters (&algorithm) ||
      !_flink_der_take (&digest_info, FLINK_DER_OCTET_STRING, &stored) || digest_info.length != 0 ||
      !_flink_der_take (&mac_data, FLINK_DER_OCTET_STRING, &salt) ||
      (mac_data.length > 0 &&
       !_flink_der_take_uint (&mac_data, FLINK_KEYSTORE_MAX_ITERATIONS, &iterations)) ||
      iterations == 0 || mac_data.length != 0)
    {
      _flink_keystore_set_damaged (error, _ ("its integrity check (MAC) cannot be read"));
      return FALSE;
    }
  if (!digest_for_oid (&oid, &hash))
    {
      g_autofree char *name = _flink_der_oid_to_string (&oid);

      g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED,
                   _ ("its integrity check (MAC) uses algorithm %s, which flinkjob does not "
                      "know: convert it with keytool -importkeystore -deststoretype PKCS12"),
                   name);
      return FALSE;
    }
  u = g_checksum_type_get_length (hash);
  if (stored.length != u)
    {
      _flink_keystore_set_damaged (error,
                                   "its integrity check (MAC) has %" G_GSIZE_FORMAT " bytes",
                                   stored.length);
      return FALSE;
    }

  bmp = _flink_password_utf16be (password, TRUE, &bmp_length);
  key = g_malloc (u);
  pkcs12_kdf (hash, bmp, bmp_length, salt.data, salt.length, 3, iterations, key, u);
  _flink_wipe (bmp, bmp_length);
  hmac = g_hmac_new (hash, key, u);
  _flink_wipe (key, u);
  g_hmac_update (hmac, content->data, content->length);
  g_hmac_get_digest (hmac, computed, &computed_length);
  if (computed_length != u || memcmp (computed, stored.data, u) != 0)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("its integrity check (MAC) fails: %s is not its password, or the file "
                      "was changed after it was written"),
                   password_name);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gnutls_cipher_algorithm_t cipher;
  gsize                     key_length;
  gsize                     block;
} Cipher;

/* PBES2's parameters: PBKDF2 and the cipher, with its IV. */
static FlinkDecryptResult
pbes2_derive (FlinkDer    params,
              const char *password,
              Cipher     *cipher,
              guint8     *key,
              guint8     *iv,
              char      **out_algorithm)
{
  FlinkDer               sequence, kdf, kdf_oid, kdf_params, salt, scheme, scheme_oid, iv_der;
  gnutls_mac_algorithm_t prf = GNUTLS_MAC_SHA1;
  gnutls_datum_t         password_datum, salt_datum;
  guint64                iterations, key_length = 0;

  if (!_flink_der_take (&params, FLINK_DER_SEQUENCE, &sequence) ||
      !_flink_der_take (&sequence, FLINK_DER_SEQUENCE, &kdf) ||
      !_flink_der_take (&kdf, FLINK_DER_OID, &kdf_oid))
    return FLINK_DECRYPT_DAMAGED;
  if (!FLINK_DER_OID_IS (&kdf_oid, OID_PBKDF2))
    {
      *out_algorithm = _flink_der_oid_to_string (&kdf_oid);
      return FLINK_DECRYPT_UNSUPPORTED;
    }
  if (!_flink_der_take (&kdf, FLINK_DER_SEQUENCE, &kdf_params) ||
      !_flink_der_take (&kdf_params, FLINK_DER_OCTET_STRING, &salt) ||
      !_flink_der_take_uint (&kdf_params, FLINK_KEYSTORE_MAX_ITERATIONS, &iterations) ||
      iterations == 0)
    return FLINK_DECRYPT_DAMAGED;
  if (kdf_params.length > 0 && kdf_params.data[0] == FLINK_DER_INTEGER &&
      !_flink_der_take_uint (&kdf_params, 64, &key_length))
    return FLINK_DECRYPT_DAMAGED;
  if (kdf_params.length > 0)
    {
      FlinkDer prf_algorithm, prf_oid;

      if (!_flink_der_take (&kdf_params, FLINK_DER_SEQUENCE, &prf_algorithm) ||
          !_flink_der_take (&prf_algorithm, FLINK_DER_OID, &prf_oid))
        return FLINK_DECRYPT_DAMAGED;
      if (FLINK_DER_OID_IS (&prf_oid, OID_HMAC_SHA1))
        prf = GNUTLS_MAC_SHA1;
      else if (FLINK_DER_OID_IS (&prf_oid, OID_HMAC_SHA224))
        prf = GNUTLS_MAC_SHA224;
      else if (FLINK_DER_OID_IS (&prf_oid, OID_HMAC_SHA256))
        prf = GNUTLS_MAC_SHA256;
      else if (FLINK_DER_OID_IS (&prf_oid, OID_HMAC_SHA384))
        prf = GNUTLS_MAC_SHA384;
      else if (FLINK_DER_OID_IS (&prf_oid, OID_HMAC_SHA512))
        prf = GNUTLS_MAC_SHA512;
      else
        {
          *out_algorithm = _flink_der_oid_to_string (&prf_oid);
          return FLINK_DECRYPT_UNSUPPORTED;
        }
    }

  if (!_flink_der_take (&sequence, FLINK_DER_SEQUENCE, &scheme) ||
      !_flink_der_take (&scheme, FLINK_DER_OID, &scheme_oid))
    return FLINK_DECRYPT_DAMAGED;
  if (FLINK_DER_OID_IS (&scheme_oid, OID_AES128_CBC))
    *cipher = (Cipher) { GNUTLS_CIPHER_AES_128_CBC, 16, 16 };
  else if (FLINK_DER_OID_IS (&scheme_oid, OID_AES192_CBC))
    *cipher = (Cipher) { GNUTLS_CIPHER_AES_192_CBC, 24, 16 };
  else if (FLINK_DER_OID_IS (&scheme_oid, OID_AES256_CBC))
    *cipher = (Cipher) { GNUTLS_CIPHER_AES_256_CBC, 32, 16 };
  else if (FLINK_DER_OID_IS (&scheme_oid, OID_DES_EDE3_CBC))
    *cipher = (Cipher) { GNUTLS_CIPHER_3DES_CBC, 24, 8 };
  else
    {
      *out_algorithm = _flink_der_oid_to_string (&scheme_oid);
      return FLINK_DECRYPT_UNSUPPORTED;
    }
  if (!_flink_der_take (&scheme, FLINK_DER_OCTET_STRING, &iv_der) ||
      iv_der.length != cipher->block ||
      (key_length != 0 && key_length != cipher->key_length))
    return FLINK_DECRYPT_DAMAGED;
  memcpy (iv, iv_der.data, cipher->block);

  /* PBKDF2 takes the password as UTF-8, as Java gives it. */
  password_datum.data = (unsigned char *) password;
  password_datum.size = strlen (password);
  salt_datum.data = (unsigned char *) salt.data;
  salt_datum.size = salt.length;
  if (gnutls_pbkdf2 (prf, &password_datum, &salt_datum, (unsigned) iterations,
                     key, cipher->key_length) < 0)
    return FLINK_DECRYPT_DAMAGED;
  return FLINK_DECRYPT_OK;
}

/* PKCS #12's own PBE: SHA-1 derivation with 3DES or 40-bit RC2. */
static FlinkDecryptResult
pkcs12_pbe_derive (const FlinkDer *oid,
                   FlinkDer        params,
                   const char     *password,
                   Cipher         *cipher,
                   guint8         *key,
                   guint8         *iv)
{
  FlinkDer           sequence, salt;
  g_autofree guint8 *bmp = NULL;
  gsize              bmp_length = 0;
  guint64            iterations;

  if (FLINK_DER_OID_IS (oid, OID_PBE_SHA1_3DES))
    *cipher = (Cipher) { GNUTLS_CIPHER_3DES_CBC, 24, 8 };
  else if (FLINK_DER_OID_IS (oid, OID_PBE_SHA1_2DES))
    *cipher = (Cipher) { GNUTLS_CIPHER_3DES_CBC, 16, 8 };
  else if (FLINK_DER_OID_IS (oid, OID_PBE_SHA1_RC2_40))
    *cipher = (Cipher) { GNUTLS_CIPHER_RC2_40_CBC, 5, 8 };
  else
    return FLINK_DECRYPT_UNSUPPORTED;

  if (!_flink_der_take (&params, FLINK_DER_SEQUENCE, &sequence) ||
      !_flink_der_take (&sequence, FLINK_DER_OCTET_STRING, &salt) ||
      !_flink_der_take_uint (&sequence, FLINK_KEYSTORE_MAX_ITERATIONS, &iterations) ||
      iterations == 0)
    return FLINK_DECRYPT_DAMAGED;
  bmp = _flink_password_utf16be (password, TRUE, &bmp_length);
  pkcs12_kdf (G_CHECKSUM_SHA1, bmp, bmp_length, salt.data, salt.length, 1, iterations,
              key, cipher->key_length);
  pkcs12_kdf (G_CHECKSUM_SHA1, bmp, bmp_length, salt.data, salt.length, 2, iterations,
              iv, cipher->block);
  _flink_wipe (bmp, bmp_length);
  if (cipher->key_length == 16)
    {
      /* Two-key 3DES: K1 K2 K1. */
      memcpy (key + 16, key, 8);
      cipher->key_length = 24;
    }
  return FLINK_DECRYPT_OK;
}

/* Decrypts @data under @algorithm (an AlgorithmIdentifier's contents) with
 * @password. A wrong password shows as bad padding, or as a plaintext that
 * is not a single DER element. */
FlinkDecryptResult
_flink_pkcs12_decrypt (FlinkDer      algorithm,
                       const guint8 *data,
                       gsize         length,
                       const char   *password,
                       GBytes      **out_plain,
                       char        **out_algorithm)
{
  FlinkDer           oid;
  Cipher             cipher = { 0 };
  guint8             key[32], iv[16];
  gnutls_datum_t     key_datum, iv_datum;
  gnutls_cipher_hd_t handle;
  g_autofree guint8 *plain = NULL;
  FlinkDecryptResult result;
  guint              pad;
  FlinkDer           check, element;

  if (!_flink_der_take (&algorithm, FLINK_DER_OID, &oid))
    return FLINK_DECRYPT_DAMAGED;
  if (FLINK_DER_OID_IS (&oid, OID_PBES2))
    result = pbes2_derive (algorithm, password, &cipher, key, iv, out_algorithm);
  else
    {
      result = pkcs12_pbe_derive (&oid, algorithm, password, &cipher, key, iv);
      if (result == FLINK_DECRYPT_UNSUPPORTED)
        *out_algorithm = _flink_der_oid_to_string (&oid);
    }
  if (result != FLINK_DECRYPT_OK)
    {
      _flink_wipe (key, sizeof key);
      return result;
    }
  if (length == 0 || length % cipher.block != 0)
    {
      _flink_wipe (key, sizeof key);
      return FLINK_DECRYPT_DAMAGED;
    }

  key_datum.data = key;
  key_datum.size = cipher.key_length;
  iv_datum.data = iv;
  iv_datum.size = cipher.block;
  if (gnutls_cipher_init (&handle, cipher.cipher, &key_datum, &iv_datum) < 0)
    {
      _flink_wipe (key, sizeof key);
      *out_algorithm = g_strdup (gnutls_cipher_get_name (cipher.cipher));
      return FLINK_DECRYPT_UNSUPPORTED;
    }
  _flink_wipe (key, sizeof key);
  plain = g_malloc (length);
  if (gnutls_cipher_decrypt2 (handle, data, length, plain, length) < 0)
    {
      gnutls_cipher_deinit (handle);
      return FLINK_DECRYPT_DAMAGED;
    }
  gnutls_cipher_deinit (handle);

  pad = plain[length - 1];
  result = FLINK_DECRYPT_OK;
  if (pad == 0 || pad > cipher.block)
    result = FLINK_DECRYPT_WRONG_PASSWORD;
  for (guint i = 0; result == FLINK_DECRYPT_OK && i < pad; i++)
    if (plain[length - 1 - i] != pad)
      result = FLINK_DECRYPT_WRONG_PASSWORD;
  check = (FlinkDer) { plain, length - pad };
  if (result == FLINK_DECRYPT_OK && (!_flink_der_take_element (&check, &element) || check.length != 0))
    result = FLINK_DECRYPT_WRONG_PASSWORD;
  if (result == FLINK_DECRYPT_OK)
    *out_plain = _flink_secret_bytes_new (plain, length - pad);
  _flink_wipe (plain, length);
  return result;
}
