/* flink-keystore.c: Java keystores, as Flink's configuration names them
 *
 * Flink's security.ssl.rest.truststore and .keystore are Java keystores:
 * PKCS12, keytool's default since Java 9, or JKS, the format of older setups
 * and of most guides. Java reads either whatever the -type says (its
 * keystore.type.compat), and so does this file, from the file's first bytes:
 *
 * - JKS (magic 0xFEEDFEED): its integrity is a SHA-1 over the store password
 *   (UTF-16BE), the bytes "Mighty Aphrodite" and the file; private keys are
 *   under Sun's key protection, a SHA-1 keystream XORed over the PKCS #8 key
 *   with a SHA-1 of the password and the key to check it.
 * - PKCS12 (RFC 7292): its MAC is checked with the store password, the
 *   certificates decrypted with it and keys with the key password, by the
 *   algorithms keytool uses now (PBES2: PBKDF2 and AES) and used until Java
 *   8u301 and 11.0.12 (PKCS #12 PBE: 3DES and 40-bit RC2), with GnuTLS's
 *   ciphers. GLib's g_tls_certificate_new_from_pkcs12() reads keystores but
 *   not truststores (no key), and neither it nor GnuTLS's PKCS #12 API shows
 *   the attribute by which Java tells a trusted certificate from one that
 *   only completes a chain: so the structure is read here.
 * - PEM, which Java does not read, as flinkjob always has.
 *
 * This file reads files, tells the formats apart and hands the result to
 * GLib; flink-keystore-jks.c and flink-keystore-pkcs12.c read the formats,
 * flink-keystore-der.c the DER both use, and flink-keystore-config.c maps
 * Flink's configuration keys.
 *
 * Nothing a file says is trusted: every length is checked against what is
 * left, a file is at most 1 MiB, nesting and chains are bounded, iteration
 * counts as Java bounds them. Passwords never appear in messages, and
 * decrypted keys are wiped when freed.
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
#include "flink-i18n-private.h"

struct _FlinkKeystore
{
  FlinkKeystoreFormat format;
  GPtrArray          *entries;           /* FlinkKeystoreEntry */
  char               *key_password;      /* wiped when freed */
  char               *key_password_name; /* for messages */
};

/* ------------------------------------------------------------------------
 * Secrets
 * ------------------------------------------------------------------------ */

/* memset through a volatile pointer, which the compiler cannot drop. */
static void *(*volatile wipe_memset) (void *, int, size_t) = memset;

void
_flink_wipe (gpointer data,
             gsize    length)
{
  if (data != NULL)
    wipe_memset (data, 0, length);
}

static void
wipe_string (char *text)
{
  if (text != NULL)
    _flink_wipe (text, strlen (text));
  g_free (text);
}

typedef struct
{
  gsize  length;
  guint8 data[];
} Secret;

static void
secret_free (gpointer data)
{
  Secret *secret = data;

  _flink_wipe (secret->data, secret->length);
  g_free (secret);
}

/* A copy of @data in a GBytes that wipes it when freed. */
GBytes *
_flink_secret_bytes_new (const guint8 *data,
                         gsize         length)
{
  Secret *secret = g_malloc (sizeof (Secret) + length);

  secret->length = length;
  if (length > 0)
    memcpy (secret->data, data, length);
  return g_bytes_new_with_free_func (secret->data, length, secret_free, secret);
}

/* The password as Java hands it to its ciphers: UTF-16BE code units, with
 * two zero bytes at the end for PKCS #12 (a BMPString). */
guint8 *
_flink_password_utf16be (const char *password,
                         gboolean    terminated,
                         gsize      *out_length)
{
  glong      n_units = 0;
  gunichar2 *units = NULL;
  gsize      length;
  guint8    *bytes;

  /* Checked as UTF-8 when the keystore was opened. */
  units = g_utf8_to_utf16 (password, -1, NULL, &n_units, NULL);
  g_assert (units != NULL);
  length = (gsize) n_units * 2 + (terminated ? 2 : 0);
  bytes = g_malloc0 (MAX (length, 1));
  for (glong i = 0; i < n_units; i++)
    {
      bytes[2 * i] = units[i] >> 8;
      bytes[2 * i + 1] = units[i] & 0xff;
    }
  _flink_wipe (units, (gsize) n_units * sizeof (gunichar2));
  g_free (units);
  *out_length = length;
  return bytes;
}

/* ------------------------------------------------------------------------
 * Errors: what is wrong, said in the caller's terms
 * ------------------------------------------------------------------------ */

static const char *
name_or (const char *name,
         const char *fallback)
{
  return name != NULL ? name : fallback;
}

void
_flink_keystore_set_damaged (GError    **error,
                             const char *format,
                             ...) G_GNUC_PRINTF (2, 3);

void
_flink_keystore_set_damaged (GError    **error,
                             const char *format,
                             ...)
{
  g_autofree char *what = NULL;
  va_list          args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
               _ ("it is damaged or truncated (%s)"), what);
}

/* "Cannot read the truststore /etc/flink/t.jks (security.ssl.rest.truststore
 * in /etc/flink/config.yaml): " */
static void
prefix_error (GError                 **error,
              const FlinkKeystoreSpec *spec,
              const char              *path)
{
  if (spec->config_file != NULL)
    g_prefix_error (error, _ ("Cannot read the %s %s (%s in %s): "),
                    spec->role, path, name_or (spec->path_key, "the path"),
                    spec->config_file);
  else
    g_prefix_error (error, _ ("Cannot read the %s %s: "), spec->role, path);
}

/* ------------------------------------------------------------------------
 * Entries
 * ------------------------------------------------------------------------ */

static void
entry_free (gpointer data)
{
  FlinkKeystoreEntry *entry = data;

  g_free (entry->alias);
  g_clear_pointer (&entry->chain, g_ptr_array_unref);
  g_clear_pointer (&entry->protected_key, g_bytes_unref);
  g_free (entry);
}

FlinkKeystoreEntry *
_flink_keystore_entry_new (const char *alias,
                           gboolean    private_key)
{
  FlinkKeystoreEntry *entry = g_new0 (FlinkKeystoreEntry, 1);

  entry->alias = g_strdup (alias != NULL ? alias : "(no alias)");
  entry->private_key = private_key;
  entry->chain = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  return entry;
}

/* ------------------------------------------------------------------------
 * Reading a keystore
 * ------------------------------------------------------------------------ */

static GBytes *
read_file (const char *path,
           GError    **error)
{
  char *contents = NULL;
  gsize length = 0;

  /* Not a FIFO or a device, which could block or never end. */
  if (!_flink_file_read_regular (path, FLINK_KEYSTORE_MAX_SIZE, &contents, &length, error))
    return NULL;
  return g_bytes_new_take (contents, length);
}

static guint32
magic_of (GBytes *data)
{
  gsize         length;
  const guint8 *bytes = g_bytes_get_data (data, &length);

  if (length < 4)
    return 0;
  return ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16) |
         ((guint32) bytes[2] << 8) | bytes[3];
}

/* A PEM file (text with a BEGIN line), not a keystore. */
static gboolean
is_pem (GBytes *data)
{
  gsize       length;
  const char *text = g_bytes_get_data (data, &length);
  const char  marker[] = "-----BEGIN ";

  if (magic_of (data) == FLINK_KEYSTORE_JKS_MAGIC || magic_of (data) == FLINK_KEYSTORE_JCEKS_MAGIC)
    return FALSE;
  for (gsize i = 0; i + sizeof marker - 1 <= length; i++)
    if (memcmp (text + i, marker, sizeof marker - 1) == 0)
      return TRUE;
  return FALSE;
}

/* Java reads both formats whether told JKS or PKCS12 (and JCEKS reads JKS);
 * other types need providers Flink does not ship. */
static gboolean
check_type (const FlinkKeystoreSpec *spec,
            const char              *path,
            GError                 **error)
{
  const char *known[] = { "pkcs12", "jks", "jceks" };

  if (spec->type == NULL || spec->type[0] == '\0')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_ascii_strcasecmp (spec->type, known[i]) == 0)
      return TRUE;
  g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED,
               _ ("%s is “%s”, a keystore type flinkjob cannot read: it reads JKS and PKCS12 "
                  "keystores (and PEM files); convert it with keytool -importkeystore "
                  "-srckeystore %s -srcstoretype %s -destkeystore %s.p12 -deststoretype PKCS12"),
               name_or (spec->type_key, "its type"), spec->type, path, spec->type, path);
  return FALSE;
}

static FlinkKeystore *
keystore_parse (GBytes                  *data,
                const FlinkKeystoreSpec *spec,
                const char              *path,
                GError                 **error)
{
  g_autoptr (FlinkKeystore) self = NULL;
  g_autofree char          *password_name = NULL;
  gsize                     length;
  const guint8             *bytes = g_bytes_get_data (data, &length);
  guint32                   magic = magic_of (data);
  gboolean                  parsed;

  if (!check_type (spec, path, error))
    return NULL;
  if (magic == FLINK_KEYSTORE_JCEKS_MAGIC)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED,
                   _ ("it is a JCEKS keystore, which flinkjob cannot read: convert it to "
                      "PKCS12 with keytool -importkeystore -srckeystore %s -srcstoretype JCEKS "
                      "-destkeystore %s.p12 -deststoretype PKCS12, and name the new file "
                      "instead"),
                   path, path);
      return NULL;
    }
  if (magic != FLINK_KEYSTORE_JKS_MAGIC && (length == 0 || bytes[0] != FLINK_DER_SEQUENCE))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("it is not a keystore: neither JKS nor PKCS12 nor PEM"));
      return NULL;
    }
  if (spec->password == NULL)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("a %s keystore is read with its password, and none is given%s%s"),
                   magic == FLINK_KEYSTORE_JKS_MAGIC ? "JKS" : "PKCS12",
                   spec->password_key ? " as " : "",
                   spec->password_key ? spec->password_key : "");
      return NULL;
    }

  self = g_new0 (FlinkKeystore, 1);
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  password_name = g_strdup (name_or (spec->password_key, "the password"));
  if (!g_utf8_validate (spec->password, -1, NULL) ||
      (spec->key_password != NULL && !g_utf8_validate (spec->key_password, -1, NULL)))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("a password is not UTF-8 text, as Flink's configuration is"));
      return NULL;
    }
  self->key_password = g_strdup (spec->key_password ? spec->key_password : spec->password);
  if (spec->key_password != NULL)
    self->key_password_name = g_strdup (name_or (spec->key_password_key, "the key password"));
  else if (spec->key_password_key != NULL)
    self->key_password_name = g_strdup_printf ("%s (with no %s set)", password_name,
                                               spec->key_password_key);
  else
    self->key_password_name = g_strdup (password_name);

  if (magic == FLINK_KEYSTORE_JKS_MAGIC)
    {
      self->format = FLINK_KEYSTORE_FORMAT_JKS;
      parsed = _flink_keystore_jks_parse (self->entries, bytes, length, spec->password,
                                          password_name, error);
    }
  else
    {
      self->format = FLINK_KEYSTORE_FORMAT_PKCS12;
      parsed = _flink_keystore_pkcs12_parse (self->entries, bytes, length, spec->password,
                                             password_name, error);
    }
  return parsed ? g_steal_pointer (&self) : NULL;
}

FlinkKeystore *
_flink_keystore_parse (GBytes                  *data,
                       const FlinkKeystoreSpec *spec,
                       GError                 **error)
{
  FlinkKeystore *self = keystore_parse (data, spec, spec->path, error);

  if (self == NULL)
    prefix_error (error, spec, spec->path);
  return self;
}

static char *
absolute_path (const char *path)
{
  /* As the JVM opens it: relative to the working directory. */
  return g_canonicalize_filename (path, NULL);
}

FlinkKeystore *
_flink_keystore_read (const FlinkKeystoreSpec *spec,
                      GError                 **error)
{
  g_autofree char   *path = absolute_path (spec->path);
  g_autoptr (GBytes) data = read_file (path, error);
  FlinkKeystore     *self;

  if (data == NULL)
    {
      prefix_error (error, spec, spec->path);
      return NULL;
    }
  self = keystore_parse (data, spec, spec->path, error);
  if (self == NULL)
    prefix_error (error, spec, spec->path);
  return self;
}

void
_flink_keystore_free (FlinkKeystore *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->entries);
  wipe_string (self->key_password);
  g_free (self->key_password_name);
  g_free (self);
}

FlinkKeystoreFormat
_flink_keystore_get_format (FlinkKeystore *self)
{
  return self->format;
}

GPtrArray *
_flink_keystore_get_entries (FlinkKeystore *self)
{
  return self->entries;
}

/* Java writes an EC private key without its public point, which GnuTLS
 * 3.7 (and so GLib) cannot do without: it comes from the certificate. */
static GBytes *
complete_ec_key (GBytes  *key,
                 GBytes  *certificate_der,
                 GError **error)
{
  gnutls_x509_privkey_t private_key;
  gnutls_x509_crt_t     certificate;
  gnutls_datum_t        key_datum = {
    (unsigned char *) g_bytes_get_data (key, NULL), g_bytes_get_size (key)
  };
  gnutls_datum_t cert_datum = {
    (unsigned char *) g_bytes_get_data (certificate_der, NULL), g_bytes_get_size (certificate_der)
  };
  gnutls_datum_t     x = { NULL, 0 }, y = { NULL, 0 }, k, out = { NULL, 0 };
  gnutls_ecc_curve_t curve;
  FlinkDer           in = { key_datum.data, key_datum.size };
  FlinkDer           info, algorithm, octets, ec_key, scalar;
  guint64            version;
  GBytes            *completed = NULL;

  if (gnutls_x509_privkey_init (&private_key) < 0 || gnutls_x509_crt_init (&certificate) < 0)
    g_error ("Out of memory");
  if (gnutls_x509_privkey_import_pkcs8 (private_key, &key_datum, GNUTLS_X509_FMT_DER, NULL,
                                        GNUTLS_PKCS_PLAIN) == 0 ||
      gnutls_x509_crt_import (certificate, &cert_datum, GNUTLS_X509_FMT_DER) < 0 ||
      gnutls_x509_crt_get_pk_algorithm (certificate, NULL) != GNUTLS_PK_ECDSA)
    {
      /* Usable as it is, or not an EC key: GLib says what it thinks. */
      completed = g_bytes_ref (key);
      goto out;
    }

  /* PrivateKeyInfo { version, algorithm, OCTET STRING ECPrivateKey
   * { version, OCTET STRING k, ... } } */
  if (!_flink_der_take (&in, FLINK_DER_SEQUENCE, &info) ||
      !_flink_der_take_uint (&info, 1, &version) ||
      !_flink_der_take (&info, FLINK_DER_SEQUENCE, &algorithm) ||
      !_flink_der_take (&info, FLINK_DER_OCTET_STRING, &octets) ||
      !_flink_der_take (&octets, FLINK_DER_SEQUENCE, &ec_key) ||
      !_flink_der_take_uint (&ec_key, 1, &version) ||
      !_flink_der_take (&ec_key, FLINK_DER_OCTET_STRING, &scalar) ||
      gnutls_x509_crt_get_pk_ecc_raw (certificate, &curve, &x, &y) < 0)
    {
      _flink_keystore_set_damaged (error, _ ("its EC private key cannot be read"));
      goto out;
    }
  k.data = (unsigned char *) scalar.data;
  k.size = scalar.length;
  if (gnutls_x509_privkey_import_ecc_raw (private_key, curve, &x, &y, &k) < 0 ||
      gnutls_x509_privkey_export2_pkcs8 (private_key, GNUTLS_X509_FMT_DER, NULL,
                                         GNUTLS_PKCS_PLAIN, &out) < 0)
    {
      _flink_keystore_set_damaged (error, _ ("its EC private key does not fit its certificate"));
      goto out;
    }
  completed = _flink_secret_bytes_new (out.data, out.size);
  _flink_wipe (out.data, out.size);
  gnutls_free (out.data);

out:
  gnutls_free (x.data);
  gnutls_free (y.data);
  gnutls_x509_crt_deinit (certificate);
  gnutls_x509_privkey_deinit (private_key);
  return completed;
}

static GBytes *
decrypt_key (FlinkKeystore      *self,
             FlinkKeystoreEntry *entry,
             GError            **error)
{
  if (self->format == FLINK_KEYSTORE_FORMAT_JKS)
    return _flink_keystore_jks_recover_key (entry, self->key_password, self->key_password_name,
                                            error);
  return _flink_keystore_pkcs12_decrypt_key (entry, self->key_password, self->key_password_name,
                                             error);
}

GBytes *
_flink_keystore_decrypt_key (FlinkKeystore      *self,
                             FlinkKeystoreEntry *entry,
                             GError            **error)
{
  g_autoptr (GBytes) key = NULL;

  g_return_val_if_fail (entry->private_key && entry->protected_key != NULL, NULL);

  key = decrypt_key (self, entry, error);
  if (key == NULL)
    return NULL;
  return complete_ec_key (key, g_ptr_array_index (entry->chain, 0), error);
}

/* ------------------------------------------------------------------------
 * What GLib takes: PEM
 * ------------------------------------------------------------------------ */

static void
append_pem (GString      *pem,
            const char   *label,
            const guint8 *der,
            gsize         length)
{
  g_autofree char *base64 = g_base64_encode (der, length);
  gsize            base64_length = strlen (base64);

  g_string_append_printf (pem, "-----BEGIN %s-----\n", label);
  for (gsize i = 0; i < base64_length; i += 64)
    {
      g_string_append_len (pem, base64 + i, MIN (64, base64_length - i));
      g_string_append_c (pem, '\n');
    }
  g_string_append_printf (pem, "-----END %s-----\n", label);
  _flink_wipe (base64, base64_length);
}

static gboolean
append_certificate (GString            *pem,
                    GBytes             *der,
                    FlinkKeystoreEntry *entry,
                    GError            **error)
{
  gnutls_x509_crt_t certificate;
  gnutls_datum_t    datum = { (unsigned char *) g_bytes_get_data (der, NULL), g_bytes_get_size (der) };
  int               status;

  if (gnutls_x509_crt_init (&certificate) < 0)
    g_error ("Out of memory");
  status = gnutls_x509_crt_import (certificate, &datum, GNUTLS_X509_FMT_DER);
  gnutls_x509_crt_deinit (certificate);
  if (status < 0)
    {
      _flink_keystore_set_damaged (error,
                                   _ ("the certificate of its entry “%s” cannot be parsed: %s"),
                                   entry->alias, gnutls_strerror (status));
      return FALSE;
    }
  append_pem (pem, "CERTIFICATE", datum.data, datum.size);
  return TRUE;
}

/* Flink's security.ssl.rest.cert.fingerprint, as Netty reads it: SHA-1s,
 * comma-separated, colons optional. */
static GPtrArray *
parse_fingerprints (const FlinkKeystoreSpec *spec,
                    GError                 **error)
{
  g_auto (GStrv)        parts = g_strsplit (spec->fingerprints, ",", -1);
  g_autoptr (GPtrArray) pins = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autoptr (GString) hex = g_string_new (NULL);
      guint8              digest[20];

      for (const char *c = g_strstrip (parts[i]); *c != '\0'; c++)
        if (*c != ':')
          g_string_append_c (hex, *c);
      if (hex->len == 0 && parts[i + 1] == NULL && i > 0)
        continue; /* a trailing comma */
      if (hex->len != 2 * sizeof digest)
        goto malformed;
      for (guint j = 0; j < sizeof digest; j++)
        {
          int high = g_ascii_xdigit_value (hex->str[2 * j]);
          int low = g_ascii_xdigit_value (hex->str[2 * j + 1]);

          if (high < 0 || low < 0)
            goto malformed;
          digest[j] = (high << 4) | low;
        }
      g_ptr_array_add (pins, g_bytes_new (digest, sizeof digest));
      continue;

    malformed:
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("%s holds “%s”, not the SHA-1 fingerprint of a certificate (40 hex "
                      "digits, as keytool -list -v shows it)"),
                   name_or (spec->fingerprints_key, "the fingerprints"), parts[i]);
      return NULL;
    }
  return g_steal_pointer (&pins);
}

/* The DER certificates of a PEM file, for pinned fingerprints. */
static GPtrArray *
pem_anchors (const char *path,
             GError    **error)
{
  GPtrArray         *anchors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr (GError) local_error = NULL;
  GList             *certificates = g_tls_certificate_list_new_from_file (path, &local_error);

  if (local_error != NULL)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT, "%s", local_error->message);
      g_ptr_array_unref (anchors);
      return NULL;
    }
  for (GList *l = certificates; l != NULL; l = l->next)
    {
      g_autoptr (GByteArray) der = NULL;

      g_object_get (l->data, "certificate", &der, NULL);
      g_ptr_array_add (anchors, g_bytes_new (der->data, der->len));
    }
  g_list_free_full (certificates, g_object_unref);
  return anchors;
}

GTlsDatabase *
_flink_keystore_load_truststore (const FlinkKeystoreSpec *spec,
                                 GError                 **error)
{
  g_autofree char          *path = absolute_path (spec->path);
  g_autoptr (GBytes)        data = NULL;
  g_autoptr (FlinkKeystore) self = NULL;
  g_autoptr (GPtrArray)     anchors = NULL;
  g_autoptr (GPtrArray)     pins = NULL;
  GTlsDatabase             *database;

  if (spec->fingerprints != NULL && spec->fingerprints[0] != '\0')
    {
      pins = parse_fingerprints (spec, error);
      if (pins == NULL)
        goto failed;
    }

  data = read_file (path, error);
  if (data == NULL)
    goto failed;

  /* A PEM file of CA certificates, read as flinkjob always has. */
  if (is_pem (data))
    {
      g_autoptr (GError) local_error = NULL;

      if (pins != NULL)
        {
          anchors = pem_anchors (path, error);
          if (anchors == NULL)
            goto failed;
          database = _flink_keystore_database_new (anchors, pins, error);
          if (database == NULL)
            goto failed;
          return database;
        }
      database = g_tls_file_database_new (path, &local_error);
      if (database == NULL)
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                       "%s", local_error->message);
          goto failed;
        }
      return database;
    }

  self = keystore_parse (data, spec, spec->path, error);
  if (self == NULL)
    goto failed;

  /* What Java's TrustManagerFactory trusts: every trusted certificate
   * entry, and the certificate of every private key entry. */
  anchors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (guint i = 0; i < self->entries->len; i++)
    {
      FlinkKeystoreEntry *entry = g_ptr_array_index (self->entries, i);

      g_ptr_array_add (anchors, g_bytes_ref (g_ptr_array_index (entry->chain, 0)));
    }
  if (anchors->len == 0)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("it holds no certificates to trust: add the CA that signed the "
                      "cluster's certificate with keytool -importcert -keystore %s"),
                   spec->path);
      goto failed;
    }
  database = _flink_keystore_database_new (anchors, pins, error);
  if (database == NULL)
    goto failed;
  g_debug ("Trusting the %u certificates of the %s %s%s", anchors->len, spec->role, spec->path,
           pins != NULL ? ", or rather those of the pinned fingerprints" : "");
  return database;

failed:
  prefix_error (error, spec, spec->path);
  return NULL;
}

GTlsCertificate *
_flink_keystore_load_keystore (const FlinkKeystoreSpec *spec,
                               GError                 **error)
{
  g_autofree char          *path = absolute_path (spec->path);
  g_autoptr (GBytes)        data = read_file (path, error);
  g_autoptr (FlinkKeystore) self = NULL;
  g_autoptr (GBytes)        key = NULL;
  g_autoptr (GError)        local_error = NULL;
  FlinkKeystoreEntry       *entry = NULL;
  GTlsCertificate          *certificate;
  GString                  *pem;
  gsize                     capacity;

  if (data == NULL)
    goto failed;

  /* A PEM file with the key and the certificate chain. */
  if (is_pem (data))
    {
      certificate = g_tls_certificate_new_from_file (path, &local_error);
      if (certificate == NULL)
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                       _ ("%s (a PEM keystore holds the private key and its certificates)"),
                       local_error->message);
          goto failed;
        }
      return certificate;
    }

  self = keystore_parse (data, spec, spec->path, error);
  if (self == NULL)
    goto failed;
  for (guint i = 0; i < self->entries->len && entry == NULL; i++)
    {
      FlinkKeystoreEntry *candidate = g_ptr_array_index (self->entries, i);

      if (candidate->private_key)
        entry = candidate;
    }
  if (entry == NULL)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("it holds no private key entry, which mutual TLS needs (keytool -list "
                      "-keystore %s shows what it holds)"),
                   spec->path);
      goto failed;
    }

  key = _flink_keystore_decrypt_key (self, entry, error);
  if (key == NULL)
    goto failed;

  /* Room enough that the key is never left behind by a reallocation. */
  capacity = 2 * g_bytes_get_size (key) + 128;
  for (guint i = 0; i < entry->chain->len; i++)
    capacity += 2 * g_bytes_get_size (g_ptr_array_index (entry->chain, i)) + 128;
  pem = g_string_sized_new (capacity);
  append_pem (pem, "PRIVATE KEY", g_bytes_get_data (key, NULL), g_bytes_get_size (key));
  for (guint i = 0; i < entry->chain->len; i++)
    if (!append_certificate (pem, g_ptr_array_index (entry->chain, i), entry, error))
      {
        _flink_wipe (pem->str, pem->len);
        g_string_free (pem, TRUE);
        goto failed;
      }
  certificate = g_tls_certificate_new_from_pem (pem->str, pem->len, &local_error);
  _flink_wipe (pem->str, pem->len);
  g_string_free (pem, TRUE);
  if (certificate == NULL)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("its private key entry “%s” is not a key GLib can use: %s"),
                   entry->alias, local_error->message);
      goto failed;
    }
  g_debug ("Client certificate: the private key entry “%s” of %s, with %u certificates",
           entry->alias, spec->path, entry->chain->len);
  return certificate;

failed:
  prefix_error (error, spec, spec->path);
  return NULL;
}
