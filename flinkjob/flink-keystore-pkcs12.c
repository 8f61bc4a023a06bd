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

/* ------------------------------------------------------------------------
 * PKCS #12: the bags
 * ------------------------------------------------------------------------ */

typedef struct
{
  GBytes  *der; /* a certificate, or a (shrouded) key */
  gboolean key;
  gboolean encrypted; /* a shrouded key bag */
  char    *name;      /* friendlyName: the alias */
  GBytes  *key_id;    /* localKeyId: links a key and its certificate */
  gboolean trusted;   /* Java's trusted certificate entry */
  GBytes  *subject;   /* certificates: raw DNs, to build chains */
  GBytes  *issuer;
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
  g_autofree char      *utf8 = NULL;
  gsize                 n_units = bmp->length / 2;

  if (bmp->length % 2 != 0)
    return NULL;
  units = g_new (gunichar2, n_units + 1);
  for (gsize i = 0; i < n_units; i++)
    units[i] = (bmp->data[2 * i] << 8) | bmp->data[2 * i + 1];
  utf8 = g_utf16_to_utf8 (units, n_units, NULL, NULL, NULL);
  /* A name is only ever shown, in messages: made safe to show once. */
  return utf8 != NULL ? _flink_text_shown (utf8, FLINK_KEYSTORE_MAX_NAME_SHOWN) : NULL;
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

static gboolean pkcs12_read_safe_contents (FlinkDer    contents,
                                           const char *password,
                                           const char *password_name,
                                           GPtrArray  *bags,
                                           guint       depth,
                                           GError    **error);

static gboolean
pkcs12_read_bag (FlinkDer    safe_bag,
                 const char *password,
                 const char *password_name,
                 GPtrArray  *bags,
                 guint       depth,
                 GError    **error)
{
  FlinkDer              oid, value, attributes = { NULL, 0 };
  g_autoptr (GPtrArray) one = NULL;
  Bag                  *bag;

  if (!_flink_der_take (&safe_bag, FLINK_DER_OID, &oid) ||
      !_flink_der_take (&safe_bag, FLINK_DER_EXPLICIT_0, &value) ||
      (safe_bag.length > 0 && !_flink_der_take (&safe_bag, FLINK_DER_SET, &attributes)))
    {
      _flink_keystore_set_damaged (error, _ ("a bag of its contents cannot be read"));
      return FALSE;
    }

  if (FLINK_DER_OID_IS (&oid, OID_SAFE_CONTENTS_BAG))
    return pkcs12_read_safe_contents (value, password, password_name, bags, depth + 1, error);

  bag = g_new0 (Bag, 1);
  one = g_ptr_array_new_with_free_func (bag_free);
  g_ptr_array_add (one, bag);
  if (!pkcs12_read_attributes (attributes, bag))
    {
      _flink_keystore_set_damaged (error, _ ("the attributes of a bag cannot be read"));
      return FALSE;
    }

  if (FLINK_DER_OID_IS (&oid, OID_CERT_BAG))
    {
      FlinkDer cert_bag, cert_type, wrapper, der;

      if (!_flink_der_take (&value, FLINK_DER_SEQUENCE, &cert_bag) ||
          !_flink_der_take (&cert_bag, FLINK_DER_OID, &cert_type) ||
          !_flink_der_take (&cert_bag, FLINK_DER_EXPLICIT_0, &wrapper))
        {
          _flink_keystore_set_damaged (error, _ ("a certificate bag cannot be read"));
          return FALSE;
        }
      /* Only X.509 certificates serve TLS; Java ignores the others too. */
      if (!FLINK_DER_OID_IS (&cert_type, OID_X509_CERTIFICATE))
        return TRUE;
      if (!_flink_der_take (&wrapper, FLINK_DER_OCTET_STRING, &der))
        {
          _flink_keystore_set_damaged (error, _ ("a certificate bag cannot be read"));
          return FALSE;
        }
      bag->der = g_bytes_new (der.data, der.length);
    }
  else if (FLINK_DER_OID_IS (&oid, OID_KEY_BAG) || FLINK_DER_OID_IS (&oid, OID_SHROUDED_KEY_BAG))
    {
      FlinkDer element;

      if (!_flink_der_take_element (&value, &element))
        {
          _flink_keystore_set_damaged (error, _ ("a private key bag cannot be read"));
          return FALSE;
        }
      bag->key = TRUE;
      bag->encrypted = FLINK_DER_OID_IS (&oid, OID_SHROUDED_KEY_BAG);
      bag->der = g_bytes_new (element.data, element.length);
    }
  else
    return TRUE; /* CRLs and secrets: nothing TLS needs */

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
      _flink_keystore_set_damaged (error, _ ("its bags nest more than %d deep"), MAX_NESTING);
      return FALSE;
    }
  if (!_flink_der_take (&contents, FLINK_DER_SEQUENCE, &sequence) || contents.length != 0)
    {
      _flink_keystore_set_damaged (error, _ ("its contents cannot be read"));
      return FALSE;
    }
  while (sequence.length > 0)
    {
      FlinkDer safe_bag;

      if (!_flink_der_take (&sequence, FLINK_DER_SEQUENCE, &safe_bag))
        {
          _flink_keystore_set_damaged (error, _ ("a bag of its contents cannot be read"));
          return FALSE;
        }
      if (!pkcs12_read_bag (safe_bag, password, password_name, bags, depth, error))
        return FALSE;
    }
  return TRUE;
}

static void
set_decrypt_error (GError           **error,
                   FlinkDecryptResult result,
                   const char        *what,
                   const char        *algorithm,
                   const char        *password_name)
{
  switch (result)
    {
    case FLINK_DECRYPT_UNSUPPORTED:
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED,
                   _ ("%s is encrypted with algorithm %s, which flinkjob cannot decrypt: "
                      "convert it with keytool -importkeystore -deststoretype PKCS12 "
                      "(keytool of Java 17 uses PBES2 with AES)"),
                   what, algorithm);
      break;
    case FLINK_DECRYPT_WRONG_PASSWORD:
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("%s does not decrypt %s"), password_name, what);
      break;
    case FLINK_DECRYPT_DAMAGED:
    case FLINK_DECRYPT_OK:
    default:
      _flink_keystore_set_damaged (error, _ ("%s cannot be decrypted"), what);
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
      _flink_keystore_set_damaged (error, _ ("its contents cannot be read"));
      return FALSE;
    }

  if (FLINK_DER_OID_IS (&type, OID_PKCS7_DATA))
    {
      FlinkDer octets;

      if (!_flink_der_take (&wrapper, FLINK_DER_OCTET_STRING, &octets))
        {
          _flink_keystore_set_damaged (error, _ ("its contents cannot be read"));
          return FALSE;
        }
      return pkcs12_read_safe_contents (octets, password, password_name, bags, 0, error);
    }
  else if (FLINK_DER_OID_IS (&type, OID_PKCS7_ENCRYPTED_DATA))
    {
      FlinkDer           encrypted_data, encrypted_content_info, content_type, algorithm, encrypted;
      g_autoptr (GBytes) plain = NULL;
      g_autofree char   *algorithm_name = NULL;
      FlinkDecryptResult result;
      guint64            version;
      FlinkDer           contents;

      if (!_flink_der_take (&wrapper, FLINK_DER_SEQUENCE, &encrypted_data) ||
          !_flink_der_take_uint (&encrypted_data, 16, &version) ||
          !_flink_der_take (&encrypted_data, FLINK_DER_SEQUENCE, &encrypted_content_info) ||
          !_flink_der_take (&encrypted_content_info, FLINK_DER_OID, &content_type) ||
          !_flink_der_take (&encrypted_content_info, FLINK_DER_SEQUENCE, &algorithm) ||
          !_flink_der_take (&encrypted_content_info, FLINK_DER_IMPLICIT_0, &encrypted))
        {
          _flink_keystore_set_damaged (error, _ ("its encrypted contents cannot be read"));
          return FALSE;
        }
      result = _flink_pkcs12_decrypt (algorithm, encrypted.data, encrypted.length, password,
                                      &plain, &algorithm_name);
      if (result != FLINK_DECRYPT_OK)
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
                   _ ("its contents are of type %s (public-key encrypted?), which flinkjob "
                      "cannot read: convert it with keytool -importkeystore "
                      "-deststoretype PKCS12"),
                   name);
      return FALSE;
    }
}

static Bag *
find_certificate (GPtrArray *bags,
                  gboolean (*matches) (Bag *certificate, gpointer data),
                  gpointer data)
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
      Bag              *bag = g_ptr_array_index (bags, i);
      gnutls_x509_crt_t certificate;
      gnutls_datum_t    der, dn;

      if (bag->key)
        continue;
      der.data = (unsigned char *) g_bytes_get_data (bag->der, NULL);
      der.size = g_bytes_get_size (bag->der);
      if (gnutls_x509_crt_init (&certificate) < 0)
        g_error ("Out of memory");
      if (gnutls_x509_crt_import (certificate, &der, GNUTLS_X509_FMT_DER) < 0)
        {
          gnutls_x509_crt_deinit (certificate);
          _flink_keystore_set_damaged (error, _ ("its certificate “%s” cannot be parsed"),
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
      Bag                *bag = g_ptr_array_index (bags, i);
      FlinkKeystoreEntry *entry;
      Bag                *certificate;

      if (!bag->key)
        continue;
      certificate = NULL;
      if (bag->key_id != NULL)
        certificate = find_certificate (bags, has_key_id, bag);
      if (certificate == NULL && bag->name != NULL)
        certificate = find_certificate (bags, has_name, bag);
      if (certificate == NULL)
        {
          _flink_keystore_set_damaged (error, _ ("its private key “%s” has no certificate"),
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
      Bag                *bag = g_ptr_array_index (bags, i);
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
  FlinkDer              file = { data, length };
  FlinkDer              pfx, auth_safe, type, wrapper, content, safes, mac_data;
  g_autoptr (GPtrArray) bags = g_ptr_array_new_with_free_func (bag_free);
  guint64               version;

  if (!_flink_der_take (&file, FLINK_DER_SEQUENCE, &pfx) ||
      !_flink_der_take_uint (&pfx, 255, &version))
    {
      _flink_keystore_set_damaged (error, _ ("it does not start as a PKCS12 keystore does"));
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
      _flink_keystore_set_damaged (error, _ ("its contents cannot be read"));
      return FALSE;
    }
  if (!FLINK_DER_OID_IS (&type, OID_PKCS7_DATA))
    {
      g_autofree char *name = _flink_der_oid_to_string (&type);

      g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED,
                   _ ("its integrity is protected by a signature (content type %s), which "
                      "flinkjob cannot check: keytool writes it with a password"),
                   name);
      return FALSE;
    }
  if (!_flink_der_take (&wrapper, FLINK_DER_OCTET_STRING, &content))
    {
      _flink_keystore_set_damaged (error, _ ("its contents cannot be read"));
      return FALSE;
    }

  /* Without a MAC (Java writes none for a store without a password) its
   * certificates are plain; with one, the password must prove right before
   * anything in it is believed. */
  if (pfx.length > 0)
    {
      if (!_flink_der_take (&pfx, FLINK_DER_SEQUENCE, &mac_data))
        {
          _flink_keystore_set_damaged (error, _ ("its integrity check (MAC) cannot be read"));
          return FALSE;
        }
      if (!_flink_pkcs12_check_mac (mac_data, &content, password, password_name, error))
        return FALSE;
    }

  if (!_flink_der_take (&content, FLINK_DER_SEQUENCE, &safes) || content.length != 0)
    {
      _flink_keystore_set_damaged (error, _ ("its contents cannot be read"));
      return FALSE;
    }
  while (safes.length > 0)
    {
      FlinkDer content_info;

      if (!_flink_der_take (&safes, FLINK_DER_SEQUENCE, &content_info))
        {
          _flink_keystore_set_damaged (error, _ ("its contents cannot be read"));
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
  g_autofree char   *what = NULL;
  g_autofree char   *algorithm = NULL;
  FlinkDer           in, info, algorithm_der, encrypted;
  GBytes            *plain = NULL;
  FlinkDecryptResult result;

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
      _flink_keystore_set_damaged (error, _ ("%s cannot be read"), what);
      return NULL;
    }
  result = _flink_pkcs12_decrypt (algorithm_der, encrypted.data, encrypted.length, password,
                                  &plain, &algorithm);
  if (result != FLINK_DECRYPT_OK)
    {
      set_decrypt_error (error, result, what, algorithm, password_name);
      return NULL;
    }
  return plain;
}
