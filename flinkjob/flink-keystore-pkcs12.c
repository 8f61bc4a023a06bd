/* flink-keystore-pkcs12.c: PKCS #12 keystores, as keytool writes them
 *
 * RFC 7292: the MAC is checked with the store password before anything else
 * is believed; certificates are decrypted with the store password, private
 * keys (later, when asked for) with the key password. The algorithms are
 * those keytool uses now (PBES2: PBKDF2 and AES) and used until Java 8u301
 * and 11.0.12 (PKCS #12 PBE: 3DES and 40-bit RC2), with GnuTLS's ciphers.
 * Java's entries are rebuilt as Java does: a key with its certificate (same
 * localKeyId) and the chain above it by issuer, and each certificate with
 * Oracle's trusted-key-usage attribute as a trusted certificate entry.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include <gnutls/x509.h>

#include "flink-keystore-private.h"

#define MAX_NESTING 4

static const guint8 OID_PKCS7_DATA[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01 };
static const guint8 OID_PKCS7_ENCRYPTED_DATA[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x06 };
static const guint8 OID_KEY_BAG[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x01 };
static const guint8 OID_SHROUDED_KEY_BAG[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x02 };
static const guint8 OID_CERT_BAG[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x03 };
static const guint8 OID_SAFE_CONTENTS_BAG[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x06 };
static const guint8 OID_X509_CERTIFICATE[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x16, 0x01 };
static const guint8 OID_FRIENDLY_NAME[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x14 };
static const guint8 OID_LOCAL_KEY_ID[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x15 };
/* 2.16.840.1.113894.746875.1.1: how Java marks a trusted certificate entry */
static const guint8 OID_ORACLE_TRUSTED_KEY_USAGE[] = { 0x60, 0x86, 0x48, 0x01, 0x86, 0xf9, 0x66, 0xad, 0xca, 0x7b, 0x01, 0x01 };
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
  gsize u = g_checksum_type_get_length (hash);
  gsize v = (hash == G_CHECKSUM_SHA384 || hash == G_CHECKSUM_SHA512) ? 128 : 64;
  gsize s_length = v * ((salt_length + v - 1) / v);
  gsize p_length = v * ((password_length + v - 1) / v);
  gsize i_length = s_length + p_length;
  g_autofree guint8 *d_i = g_malloc (v + MAX (i_length, 1));
  guint8 *i_block = d_i + v;
  g_autofree guint8 *a = g_malloc (u);
  g_autofree guint8 *b = g_malloc (v);
  gsize done = 0;

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
static gboolean
pkcs12_check_mac (FlinkDer        mac_data,
                  const FlinkDer *content,
                  const char     *password,
                  const char     *password_name,
                  GError        **error)
{
  FlinkDer digest_info, algorithm, oid, stored, salt;
  g_autofree guint8 *bmp = NULL;
  g_autofree guint8 *key = NULL;
  g_autoptr(GHmac) hmac = NULL;
  guint8 computed[64];
  gsize bmp_length = 0, computed_length = sizeof computed;
  guint64 iterations = 1;
  GChecksumType hash;
  gsize u;

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
      _flink_keystore_set_damaged (error, "its integrity check (MAC) cannot be read");
      return FALSE;
    }
  if (!digest_for_oid (&oid, &hash))
    {
      g_autofree char *name = _flink_der_oid_to_string (&oid);

      g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED,
                   "its integrity check (MAC) uses algorithm %s, which flinkjob does not "
                   "know: convert it with keytool -importkeystore -deststoretype PKCS12",
                   name);
      return FALSE;
    }
  u = g_checksum_type_get_length (hash);
  if (stored.length != u)
    {
      _flink_keystore_set_damaged (error, "its integrity check (MAC) has %" G_GSIZE_FORMAT
                                   " bytes", stored.length);
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
                   "its integrity check (MAC) fails: %s is not its password, or the file "
                   "was changed after it was written", password_name);
      return FALSE;
    }
  return TRUE;
}

typedef enum {
  DECRYPT_OK,
  DECRYPT_DAMAGED,
  DECRYPT_UNSUPPORTED,
  DECRYPT_WRONG_PASSWORD,
} DecryptResult;

typedef struct {
  gnutls_cipher_algorithm_t cipher;
  gsize key_length;
  gsize block;
} Cipher;

/* PBES2's parameters: PBKDF2 and the cipher, with its IV. */
static DecryptResult
pbes2_derive (FlinkDer    params,
              const char *password,
              Cipher     *cipher,
              guint8     *key,
              guint8     *iv,
              char      **out_algorithm)
{
  FlinkDer sequence, kdf, kdf_oid, kdf_params, salt, scheme, scheme_oid, iv_der;
  gnutls_mac_algorithm_t prf = GNUTLS_MAC_SHA1;
  gnutls_datum_t password_datum, salt_datum;
  guint64 iterations, key_length = 0;

  if (!_flink_der_take (&params, FLINK_DER_SEQUENCE, &sequence) ||
      !_flink_der_take (&sequence, FLINK_DER_SEQUENCE, &kdf) ||
      !_flink_der_take (&kdf, FLINK_DER_OID, &kdf_oid))
    return DECRYPT_DAMAGED;
  if (!FLINK_DER_OID_IS (&kdf_oid, OID_PBKDF2))
    {
      *out_algorithm = _flink_der_oid_to_string (&kdf_oid);
      return DECRYPT_UNSUPPORTED;
    }
  if (!_flink_der_take (&kdf, FLINK_DER_SEQUENCE, &kdf_params) ||
      !_flink_der_take (&kdf_params, FLINK_DER_OCTET_STRING, &salt) ||
      !_flink_der_take_uint (&kdf_params, FLINK_KEYSTORE_MAX_ITERATIONS, &iterations) ||
      iterations == 0)
    return DECRYPT_DAMAGED;
  if (kdf_params.length > 0 && kdf_params.data[0] == FLINK_DER_INTEGER &&
      !_flink_der_take_uint (&kdf_params, 64, &key_length))
    return DECRYPT_DAMAGED;
  if (kdf_params.length > 0)
    {
      FlinkDer prf_algorithm, prf_oid;

      if (!_flink_der_take (&kdf_params, FLINK_DER_SEQUENCE, &prf_algorithm) ||
          !_flink_der_take (&prf_algorithm, FLINK_DER_OID, &prf_oid))
        return DECRYPT_DAMAGED;
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
          return DECRYPT_UNSUPPORTED;
        }
    }

  if (!_flink_der_take (&sequence, FLINK_DER_SEQUENCE, &scheme) ||
      !_flink_der_take (&scheme, FLINK_DER_OID, &scheme_oid))
    return DECRYPT_DAMAGED;
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
      return DECRYPT_UNSUPPORTED;
    }
  if (!_flink_der_take (&scheme, FLINK_DER_OCTET_STRING, &iv_der) ||
      iv_der.length != cipher->block ||
      (key_length != 0 && key_length != cipher->key_length))
    return DECRYPT_DAMAGED;
  memcpy (iv, iv_der.data, cipher->block);

  /* PBKDF2 takes the password as UTF-8, as Java gives it. */
  password_datum.data = (unsigned char *) password;
  password_datum.size = strlen (password);
  salt_datum.data = (unsigned char *) salt.data;
  salt_datum.size = salt.length;
  if (gnutls_pbkdf2 (prf, &password_datum, &salt_datum, (unsigned) iterations,
                     key, cipher->key_length) < 0)
    return DECRYPT_DAMAGED;
  return DECRYPT_OK;
}

/* PKCS #12's own PBE: SHA-1 derivation with 3DES or 40-bit RC2. */
static DecryptResult
pkcs12_pbe_derive (const FlinkDer *oid,
                   FlinkDer        params,
                   const char     *password,
                   Cipher         *cipher,
                   guint8         *key,
                   guint8         *iv)
{
  FlinkDer sequence, salt;
  g_autofree guint8 *bmp = NULL;
  gsize bmp_length = 0;
  guint64 iterations;

  if (FLINK_DER_OID_IS (oid, OID_PBE_SHA1_3DES))
    *cipher = (Cipher) { GNUTLS_CIPHER_3DES_CBC, 24, 8 };
  else if (FLINK_DER_OID_IS (oid, OID_PBE_SHA1_2DES))
    *cipher = (Cipher) { GNUTLS_CIPHER_3DES_CBC, 16, 8 };
  else if (FLINK_DER_OID_IS (oid, OID_PBE_SHA1_RC2_40))
    *cipher = (Cipher) { GNUTLS_CIPHER_RC2_40_CBC, 5, 8 };
  else
    return DECRYPT_UNSUPPORTED;

  if (!_flink_der_take (&params, FLINK_DER_SEQUENCE, &sequence) ||
      !_flink_der_take (&sequence, FLINK_DER_OCTET_STRING, &salt) ||
      !_flink_der_take_uint (&sequence, FLINK_KEYSTORE_MAX_ITERATIONS, &iterations) ||
      iterations == 0)
    return DECRYPT_DAMAGED;
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
  return DECRYPT_OK;
}

/* Decrypts @data under @algorithm (an AlgorithmIdentifier's contents) with
 * @password. A wrong password shows as bad padding, or as a plaintext that
 * is not a single DER element. */
static DecryptResult
pkcs12_decrypt (FlinkDer      algorithm,
                const guint8 *data,
                gsize         length,
                const char   *password,
                GBytes      **out_plain,
                char        **out_algorithm)
{
  FlinkDer oid;
  Cipher cipher = { 0 };
  guint8 key[32], iv[16];
  gnutls_datum_t key_datum, iv_datum;
  gnutls_cipher_hd_t handle;
  g_autofree guint8 *plain = NULL;
  DecryptResult result;
  guint pad;
  FlinkDer check, element;

  if (!_flink_der_take (&algorithm, FLINK_DER_OID, &oid))
    return DECRYPT_DAMAGED;
  if (FLINK_DER_OID_IS (&oid, OID_PBES2))
    result = pbes2_derive (algorithm, password, &cipher, key, iv, out_algorithm);
  else
    {
      result = pkcs12_pbe_derive (&oid, algorithm, password, &cipher, key, iv);
      if (result == DECRYPT_UNSUPPORTED)
        *out_algorithm = _flink_der_oid_to_string (&oid);
    }
  if (result != DECRYPT_OK)
    {
      _flink_wipe (key, sizeof key);
      return result;
    }
  if (length == 0 || length % cipher.block != 0)
    {
      _flink_wipe (key, sizeof key);
      return DECRYPT_DAMAGED;
    }

  key_datum.data = key;
  key_datum.size = cipher.key_length;
  iv_datum.data = iv;
  iv_datum.size = cipher.block;
  if (gnutls_cipher_init (&handle, cipher.cipher, &key_datum, &iv_datum) < 0)
    {
      _flink_wipe (key, sizeof key);
      *out_algorithm = g_strdup (gnutls_cipher_get_name (cipher.cipher));
      return DECRYPT_UNSUPPORTED;
    }
  _flink_wipe (key, sizeof key);
  plain = g_malloc (length);
  if (gnutls_cipher_decrypt2 (handle, data, length, plain, length) < 0)
    {
      gnutls_cipher_deinit (handle);
      return DECRYPT_DAMAGED;
    }
  gnutls_cipher_deinit (handle);

  pad = plain[length - 1];
  result = DECRYPT_OK;
  if (pad == 0 || pad > cipher.block)
    result = DECRYPT_WRONG_PASSWORD;
  for (guint i = 0; result == DECRYPT_OK && i < pad; i++)
    if (plain[length - 1 - i] != pad)
      result = DECRYPT_WRONG_PASSWORD;
  check = (FlinkDer) { plain, length - pad };
  if (result == DECRYPT_OK && (!_flink_der_take_element (&check, &element) || check.length != 0))
    result = DECRYPT_WRONG_PASSWORD;
  if (result == DECRYPT_OK)
    *out_plain = _flink_secret_bytes_new (plain, length - pad);
  _flink_wipe (plain, length);
  return result;
}

/* ------------------------------------------------------------------------
 * PKCS #12: the bags
 * ------------------------------------------------------------------------ */

typedef struct {
  GBytes *der;                   /* a certificate, or a (shrouded) key */
  gboolean key;
  gboolean encrypted;            /* a shrouded key bag */
  char *name;                    /* friendlyName: the alias */
  GBytes *key_id;                /* localKeyId: links a key and its certificate */
  gboolean trusted;              /* Java's trusted certificate entry */
  GBytes *subject;               /* certificates: raw DNs, to build chains */
  GBytes *issuer;
} Bag;

static void
bag_free (gpointer data)
{
  Bag *bag = data;

  g_clear_pointer (&bag->der, g_bytes_unref);
  g_free (bag->name);
  g_clear_pointer (&bag->key_id, g_bytes_unref);
  g_clear_pointer (&bag->subject, g_bytes_unref);
  g_clear_pointer (&bag->issuer, g_bytes_unref);
  g_free (bag);
}

static char *
bmp_string_to_utf8 (const FlinkDer *bmp)
{
  g_autofree gunichar2 *units = NULL;
  gsize n_units = bmp->length / 2;

  if (bmp->length % 2 != 0)
    return NULL;
  units = g_new (gunichar2, n_units + 1);
  for (gsize i = 0; i < n_units; i++)
    units[i] = (bmp->data[2 * i] << 8) | bmp->data[2 * i + 1];
  return g_utf16_to_utf8 (units, n_units, NULL, NULL, NULL);
}

static gboolean
pkcs12_read_attributes (FlinkDer attributes,
                        Bag     *bag)
{
  while (attributes.length > 0)
    {
      FlinkDer attribute, oid, values, value;

      if (!_flink_der_take (&attributes, FLINK_DER_SEQUENCE, &attribute) ||
          !_flink_der_take (&attribute, FLINK_DER_OID, &oid) ||
          !_flink_der_take (&attribute, FLINK_DER_SET, &values))
        return FALSE;
      if (FLINK_DER_OID_IS (&oid, OID_FRIENDLY_NAME) && _flink_der_take (&values, FLINK_DER_BMP_STRING, &value))
        {
          g_free (bag->name);
          bag->name = bmp_string_to_utf8 (&value);
        }
      else if (FLINK_DER_OID_IS (&oid, OID_LOCAL_KEY_ID) && _flink_der_take (&values, FLINK_DER_OCTET_STRING, &value))
        {
          g_clear_pointer (&bag->key_id, g_bytes_unref);
          bag->key_id = g_bytes_new (value.data, value.length);
        }
      else if (FLINK_DER_OID_IS (&oid, OID_ORACLE_TRUSTED_KEY_USAGE))
        bag->trusted = TRUE;
    }
  return TRUE;
}

static gboolean pkcs12_read_safe_contents (FlinkDer          contents,
                                           const char  *password,
                                           const char  *password_name,
                                           GPtrArray   *bags,
                                           guint        depth,
                                           GError     **error);

static gboolean
pkcs12_read_bag (FlinkDer    safe_bag,
                 const char *password,
                 const char *password_name,
                 GPtrArray  *bags,
                 guint       depth,
                 GError    **error)
{
  FlinkDer oid, value, attributes = { NULL, 0 };
  g_autoptr(GPtrArray) one = NULL;
  Bag *bag;

  if (!_flink_der_take (&safe_bag, FLINK_DER_OID, &oid) ||
      !_flink_der_take (&safe_bag, FLINK_DER_EXPLICIT_0, &value) ||
      (safe_bag.length > 0 && !_flink_der_take (&safe_bag, FLINK_DER_SET, &attributes)))
    {
      _flink_keystore_set_damaged (error, "a bag of its contents cannot be read");
      return FALSE;
    }

  if (FLINK_DER_OID_IS (&oid, OID_SAFE_CONTENTS_BAG))
    return pkcs12_read_safe_contents (value, password, password_name, bags, depth + 1, error);

  bag = g_new0 (Bag, 1);
  one = g_ptr_array_new_with_free_func (bag_free);
  g_ptr_array_add (one, bag);
  if (!pkcs12_read_attributes (attributes, bag))
    {
      _flink_keystore_set_damaged (error, "the attributes of a bag cannot be read");
      return FALSE;
    }

  if (FLINK_DER_OID_IS (&oid, OID_CERT_BAG))
    {
      FlinkDer cert_bag, cert_type, wrapper, der;

      if (!_flink_der_take (&value, FLINK_DER_SEQUENCE, &cert_bag) ||
          !_flink_der_take (&cert_bag, FLINK_DER_OID, &cert_type) ||
          !_flink_der_take (&cert_bag, FLINK_DER_EXPLICIT_0, &wrapper))
        {
          _flink_keystore_set_damaged (error, "a certificate bag cannot be read");
          return FALSE;
        }
      /* Only X.509 certificates serve TLS; Java ignores the others too. */
      if (!FLINK_DER_OID_IS (&cert_type, OID_X509_CERTIFICATE))
        return TRUE;
      if (!_flink_der_take (&wrapper, FLINK_DER_OCTET_STRING, &der))
        {
          _flink_keystore_set_damaged (error, "a certificate bag cannot be read");
          return FALSE;
        }
      bag->der = g_bytes_new (der.data, der.length);
    }
  else if (FLINK_DER_OID_IS (&oid, OID_KEY_BAG) || FLINK_DER_OID_IS (&oid, OID_SHROUDED_KEY_BAG))
    {
      FlinkDer element;

      if (!_flink_der_take_element (&value, &element))
        {
          _flink_keystore_set_damaged (error, "a private key bag cannot be read");
          return FALSE;
        }
      bag->key = TRUE;
      bag->encrypted = FLINK_DER_OID_IS (&oid, OID_SHROUDED_KEY_BAG);
      bag->der = g_bytes_new (element.data, element.length);
    }
  else
    return TRUE;    /* CRLs and secrets: nothing TLS needs */

  g_ptr_array_extend_and_steal (bags, g_steal_pointer (&one));
  return TRUE;
}

static gboolean
pkcs12_read_safe_contents (FlinkDer    contents,
                           const char *password,
                           const char *password_name,
                           GPtrArray  *bags,
                           guint       depth,
                           GError    **error)
{
  FlinkDer sequence;

  if (depth > MAX_NESTING)
    {
      _flink_keystore_set_damaged (error, "its bags nest more than %d deep", MAX_NESTING);
      return FALSE;
    }
  if (!_flink_der_take (&contents, FLINK_DER_SEQUENCE, &sequence) || contents.length != 0)
    {
      _flink_keystore_set_damaged (error, "its contents cannot be read");
      return FALSE;
    }
  while (sequence.length > 0)
    {
      FlinkDer safe_bag;

      if (!_flink_der_take (&sequence, FLINK_DER_SEQUENCE, &safe_bag))
        {
          _flink_keystore_set_damaged (error, "a bag of its contents cannot be read");
          return FALSE;
        }
      if (!pkcs12_read_bag (safe_bag, password, password_name, bags, depth, error))
        return FALSE;
    }
  return TRUE;
}

static void
set_decrypt_error (GError      **error,
                   DecryptResult result,
                   const char   *what,
                   const char   *algorithm,
                   const char   *password_name)
{
  switch (result)
    {
    case DECRYPT_UNSUPPORTED:
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED,
                   "%s is encrypted with algorithm %s, which flinkjob cannot decrypt: "
                   "convert it with keytool -importkeystore -deststoretype PKCS12 "
                   "(keytool of Java 17 uses PBES2 with AES)", what, algorithm);
      break;
    case DECRYPT_WRONG_PASSWORD:
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   "%s does not decrypt %s", password_name, what);
      break;
    case DECRYPT_DAMAGED:
    case DECRYPT_OK:
    default:
      _flink_keystore_set_damaged (error, "%s cannot be decrypted", what);
      break;
    }
}

/* One ContentInfo of the AuthenticatedSafe: plain or password-encrypted
 * SafeContents. */
static gboolean
pkcs12_read_content_info (FlinkDer    content_info,
                          const char *password,
                          const char *password_name,
                          GPtrArray  *bags,
                          GError    **error)
{
  FlinkDer type, wrapper;

  if (!_flink_der_take (&content_info, FLINK_DER_OID, &type) ||
      !_flink_der_take (&content_info, FLINK_DER_EXPLICIT_0, &wrapper))
    {
      _flink_keystore_set_damaged (error, "its contents cannot be read");
      return FALSE;
    }

  if (FLINK_DER_OID_IS (&type, OID_PKCS7_DATA))
    {
      FlinkDer octets;

      if (!_flink_der_take (&wrapper, FLINK_DER_OCTET_STRING, &octets))
        {
          _flink_keystore_set_damaged (error, "its contents cannot be read");
          return FALSE;
        }
      return pkcs12_read_safe_contents (octets, password, password_name, bags, 0, error);
    }
  else if (FLINK_DER_OID_IS (&type, OID_PKCS7_ENCRYPTED_DATA))
    {
      FlinkDer encrypted_data, encrypted_content_info, content_type, algorithm, encrypted;
      g_autoptr(GBytes) plain = NULL;
      g_autofree char *algorithm_name = NULL;
      DecryptResult result;
      guint64 version;
      FlinkDer contents;

      if (!_flink_der_take (&wrapper, FLINK_DER_SEQUENCE, &encrypted_data) ||
          !_flink_der_take_uint (&encrypted_data, 16, &version) ||
          !_flink_der_take (&encrypted_data, FLINK_DER_SEQUENCE, &encrypted_content_info) ||
          !_flink_der_take (&encrypted_content_info, FLINK_DER_OID, &content_type) ||
          !_flink_der_take (&encrypted_content_info, FLINK_DER_SEQUENCE, &algorithm) ||
          !_flink_der_take (&encrypted_content_info, FLINK_DER_IMPLICIT_0, &encrypted))
        {
          _flink_keystore_set_damaged (error, "its encrypted contents cannot be read");
          return FALSE;
        }
      result = pkcs12_decrypt (algorithm, encrypted.data, encrypted.length, password,
                               &plain, &algorithm_name);
      if (result != DECRYPT_OK)
        {
          set_decrypt_error (error, result, "its certificates", algorithm_name, password_name);
          return FALSE;
        }
      contents = (FlinkDer) { g_bytes_get_data (plain, NULL), g_bytes_get_size (plain) };
      return pkcs12_read_safe_contents (contents, password, password_name, bags, 0, error);
    }
  else
    {
      g_autofree char *name = _flink_der_oid_to_string (&type);

      g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED,
                   "its contents are of type %s (public-key encrypted?), which flinkjob "
                   "cannot read: convert it with keytool -importkeystore "
                   "-deststoretype PKCS12", name);
      return FALSE;
    }
}

static Bag *
find_certificate (GPtrArray *bags,
                  gboolean (*matches) (Bag *certificate, gpointer data),
                  gpointer   data)
{
  for (guint i = 0; i < bags->len; i++)
    {
      Bag *bag = g_ptr_array_index (bags, i);

      if (!bag->key && matches (bag, data))
        return bag;
    }
  return NULL;
}

static gboolean
has_key_id (Bag     *certificate,
            gpointer key)
{
  return certificate->key_id != NULL && g_bytes_equal (certificate->key_id, ((Bag *) key)->key_id);
}

static gboolean
has_name (Bag     *certificate,
          gpointer key)
{
  return certificate->name != NULL && g_strcmp0 (certificate->name, ((Bag *) key)->name) == 0;
}

static gboolean
issued (Bag     *certificate,
        gpointer child)
{
  return certificate->subject != NULL &&
         g_bytes_equal (certificate->subject, ((Bag *) child)->issuer);
}

/* Reads the raw DNs of each certificate, to build chains as Java does. */
static gboolean
pkcs12_read_names (GPtrArray *bags,
                   GError   **error)
{
  for (guint i = 0; i < bags->len; i++)
    {
      Bag *bag = g_ptr_array_index (bags, i);
      gnutls_x509_crt_t certificate;
      gnutls_datum_t der, dn;

      if (bag->key)
        continue;
      der.data = (unsigned char *) g_bytes_get_data (bag->der, NULL);
      der.size = g_bytes_get_size (bag->der);
      if (gnutls_x509_crt_init (&certificate) < 0)
        g_error ("Out of memory");
      if (gnutls_x509_crt_import (certificate, &der, GNUTLS_X509_FMT_DER) < 0)
        {
          gnutls_x509_crt_deinit (certificate);
          _flink_keystore_set_damaged (error, "its certificate “%s” cannot be parsed",
                                       bag->name ? bag->name : "(no alias)");
          return FALSE;
        }
      if (gnutls_x509_crt_get_raw_dn (certificate, &dn) == 0)
        {
          bag->subject = g_bytes_new (dn.data, dn.size);
          gnutls_free (dn.data);
        }
      if (gnutls_x509_crt_get_raw_issuer_dn (certificate, &dn) == 0)
        {
          bag->issuer = g_bytes_new (dn.data, dn.size);
          gnutls_free (dn.data);
        }
      gnutls_x509_crt_deinit (certificate);
    }
  return TRUE;
}

/* Java's entries: each key with its certificate (same localKeyId, else same
 * name) and the chain up from it by issuer; each certificate it marked as
 * trusted. A certificate that is neither is not an entry. */
static gboolean
pkcs12_make_entries (GPtrArray *entries,
                     GPtrArray *bags,
                     GError   **error)
{
  if (!pkcs12_read_names (bags, error))
    return FALSE;

  for (guint i = 0; i < bags->len; i++)
    {
      Bag *bag = g_ptr_array_index (bags, i);
      FlinkKeystoreEntry *entry;
      Bag *certificate;

      if (!bag->key)
        continue;
      certificate = NULL;
      if (bag->key_id != NULL)
        certificate = find_certificate (bags, has_key_id, bag);
      if (certificate == NULL && bag->name != NULL)
        certificate = find_certificate (bags, has_name, bag);
      if (certificate == NULL)
        {
          _flink_keystore_set_damaged (error, "its private key “%s” has no certificate",
                                       bag->name ? bag->name : "(no alias)");
          return FALSE;
        }

      entry = _flink_keystore_entry_new (bag->name ? bag->name : certificate->name, TRUE);
      entry->protected_key = g_bytes_ref (bag->der);
      entry->key_encrypted = bag->encrypted;
      g_ptr_array_add (entries, entry);
      while (certificate != NULL && entry->chain->len < FLINK_KEYSTORE_MAX_CHAIN)
        {
          gboolean seen = FALSE;

          for (guint j = 0; j < entry->chain->len; j++)
            seen = seen || g_bytes_equal (g_ptr_array_index (entry->chain, j), certificate->der);
          if (seen)
            break;
          g_ptr_array_add (entry->chain, g_bytes_ref (certificate->der));
          if (certificate->subject == NULL ||
              (certificate->issuer != NULL &&
               g_bytes_equal (certificate->subject, certificate->issuer)))
            break;
          certificate = find_certificate (bags, issued, certificate);
        }
    }

  for (guint i = 0; i < bags->len; i++)
    {
      Bag *bag = g_ptr_array_index (bags, i);
      FlinkKeystoreEntry *entry;

      if (bag->key || !bag->trusted)
        continue;
      entry = _flink_keystore_entry_new (bag->name, FALSE);
      g_ptr_array_add (entry->chain, g_bytes_ref (bag->der));
      g_ptr_array_add (entries, entry);
    }
  return TRUE;
}

gboolean
_flink_keystore_pkcs12_parse (GPtrArray    *entries,
                              const guint8 *data,
                              gsize         length,
                              const char   *password,
                              const char   *password_name,
                              GError      **error)
{
  FlinkDer file = { data, length };
  FlinkDer pfx, auth_safe, type, wrapper, content, safes, mac_data;
  g_autoptr(GPtrArray) bags = g_ptr_array_new_with_free_func (bag_free);
  guint64 version;

  if (!_flink_der_take (&file, FLINK_DER_SEQUENCE, &pfx) ||
      !_flink_der_take_uint (&pfx, 255, &version))
    {
      _flink_keystore_set_damaged (error, "it does not start as a PKCS12 keystore does");
      return FALSE;
    }
  if (version != 3)
    {
      _flink_keystore_set_damaged (error, "a PKCS12 keystore of version %" G_GUINT64_FORMAT,
                                   version);
      return FALSE;
    }
  if (!_flink_der_take (&pfx, FLINK_DER_SEQUENCE, &auth_safe) ||
      !_flink_der_take (&auth_safe, FLINK_DER_OID, &type) ||
      !_flink_der_take (&auth_safe, FLINK_DER_EXPLICIT_0, &wrapper))
    {
      _flink_keystore_set_damaged (error, "its contents cannot be read");
      return FALSE;
    }
  if (!FLINK_DER_OID_IS (&type, OID_PKCS7_DATA))
    {
      g_autofree char *name = _flink_der_oid_to_string (&type);

      g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED,
                   "its integrity is protected by a signature (content type %s), which "
                   "flinkjob cannot check: keytool writes it with a password", name);
      return FALSE;
    }
  if (!_flink_der_take (&wrapper, FLINK_DER_OCTET_STRING, &content))
    {
      _flink_keystore_set_damaged (error, "its contents cannot be read");
      return FALSE;
    }

  /* Without a MAC (Java writes none for a store without a password) its
   * certificates are plain; with one, the password must prove right before
   * anything in it is believed. */
  if (pfx.length > 0)
    {
      if (!_flink_der_take (&pfx, FLINK_DER_SEQUENCE, &mac_data))
        {
          _flink_keystore_set_damaged (error, "its integrity check (MAC) cannot be read");
          return FALSE;
        }
      if (!pkcs12_check_mac (mac_data, &content, password, password_name, error))
        return FALSE;
    }

  if (!_flink_der_take (&content, FLINK_DER_SEQUENCE, &safes) || content.length != 0)
    {
      _flink_keystore_set_damaged (error, "its contents cannot be read");
      return FALSE;
    }
  while (safes.length > 0)
    {
      FlinkDer content_info;

      if (!_flink_der_take (&safes, FLINK_DER_SEQUENCE, &content_info))
        {
          _flink_keystore_set_damaged (error, "its contents cannot be read");
          return FALSE;
        }
      if (!pkcs12_read_content_info (content_info, password, password_name, bags, error))
        return FALSE;
    }
  return pkcs12_make_entries (entries, bags, error);
}

GBytes *
_flink_keystore_pkcs12_decrypt_key (FlinkKeystoreEntry *entry,
                                    const char         *password,
                                    const char         *password_name,
                                    GError            **error)
{
  g_autofree char *what = NULL;
  g_autofree char *algorithm = NULL;
  FlinkDer in, info, algorithm_der, encrypted;
  GBytes *plain = NULL;
  DecryptResult result;

  if (!entry->key_encrypted)
    return _flink_secret_bytes_new (g_bytes_get_data (entry->protected_key, NULL),
                                    g_bytes_get_size (entry->protected_key));

  /* EncryptedPrivateKeyInfo, under the key password. */
  what = g_strdup_printf ("its private key “%s”", entry->alias);
  in = (FlinkDer) {
    g_bytes_get_data (entry->protected_key, NULL), g_bytes_get_size (entry->protected_key)
  };
  if (!_flink_der_take (&in, FLINK_DER_SEQUENCE, &info) ||
      !_flink_der_take (&info, FLINK_DER_SEQUENCE, &algorithm_der) ||
      !_flink_der_take (&info, FLINK_DER_OCTET_STRING, &encrypted))
    {
      _flink_keystore_set_damaged (error, "%s cannot be read", what);
      return NULL;
    }
  result = pkcs12_decrypt (algorithm_der, encrypted.data, encrypted.length, password,
                           &plain, &algorithm);
  if (result != DECRYPT_OK)
    {
      set_decrypt_error (error, result, what, algorithm, password_name);
      return NULL;
    }
  return plain;
}
