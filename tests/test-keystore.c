/* test-keystore.c: Java keystores, read as Java reads them
 *
 * The keystores of tests/keystores/ were made by keytool
 * (make-keystores.sh), and STORE.list is what keytool lists in each: the
 * entries flinkjob reads must be those, with the same certificates. Damaged
 * files are made here from those, byte by byte.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "flink-keystore-private.h"
#include "flink-test-utils.h"

#define TRUST_PASSWORD "trust-secret"
#define STORE_PASSWORD "store-secret"
#define KEY_PASSWORD "key-secret"

static char *
fixture (const char *name)
{
  return g_build_filename (flink_test_srcdir (), "keystores", name, NULL);
}

static GBytes *
fixture_bytes (const char *name)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* Every message must leave out the passwords. */
static void
assert_no_secret (const GError *error)
{
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, TRUST_PASSWORD));
  g_assert_null (strstr (error->message, STORE_PASSWORD));
  g_assert_null (strstr (error->message, KEY_PASSWORD));
  g_assert_null (strstr (error->message, "wrong-secret"));
}

static void
assert_message (const GError *error,
                const char   *text)
{
  assert_no_secret (error);
  if (strstr (error->message, text) == NULL)
    g_error ("“%s” not in “%s”", text, error->message);
}

static const char *
password_for (const char *name)
{
  return g_str_has_prefix (name, "truststore") ? TRUST_PASSWORD : STORE_PASSWORD;
}

/* ------------------------------------------------------------------------
 * What keytool lists
 * ------------------------------------------------------------------------ */

typedef struct {
  char *alias;
  gboolean private_key;
  char *fingerprint;             /* SHA-256, AA:BB:... */
} Listed;

static void
listed_free (gpointer data)
{
  Listed *listed = data;

  g_free (listed->alias);
  g_free (listed->fingerprint);
  g_free (listed);
}

/* STORE.list: "alias, date, PrivateKeyEntry," then its fingerprint line. */
static GPtrArray *
read_listing (const char *name,
              char      **out_type)
{
  g_autofree char *list_name = g_strconcat (name, ".list", NULL);
  g_autoptr(GBytes) bytes = fixture_bytes (list_name);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *entries = g_ptr_array_new_with_free_func (listed_free);
  Listed *current = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "Keystore type: "))
        *out_type = g_strdup (line + strlen ("Keystore type: "));
      else if (g_str_has_prefix (line, "Certificate fingerprint (SHA-256): "))
        {
          g_assert_nonnull (current);
          current->fingerprint = g_strdup (line + strlen ("Certificate fingerprint (SHA-256): "));
          current = NULL;
        }
      else if (strstr (line, ", PrivateKeyEntry,") || strstr (line, ", trustedCertEntry,"))
        {
          current = g_new0 (Listed, 1);
          current->alias = g_strndup (line, strchr (line, ',') - line);
          current->private_key = strstr (line, ", PrivateKeyEntry,") != NULL;
          g_ptr_array_add (entries, current);
        }
    }
  return entries;
}

static char *
fingerprint (GBytes *der)
{
  g_autoptr(GChecksum) sha256 = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *hex = NULL;
  GString *text = g_string_new (NULL);

  g_checksum_update (sha256, g_bytes_get_data (der, NULL), g_bytes_get_size (der));
  hex = g_ascii_strup (g_checksum_get_string (sha256), -1);
  for (guint i = 0; hex[i] != '\0'; i += 2)
    g_string_append_printf (text, "%s%.2s", i > 0 ? ":" : "", hex + i);
  return g_string_free (text, FALSE);
}

static FlinkKeystore *
read_fixture (const char *name,
              const char *password,
              const char *key_password,
              GError    **error)
{
  g_autofree char *path = fixture (name);
  FlinkKeystoreSpec spec = {
    .role = "keystore",
    .path = path,
    .password = password,
    .key_password = key_password,
  };

  return _flink_keystore_read (&spec, error);
}

/* The entries are keytool's, each with its certificate. */
static void
test_entries (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkKeystore) keystore = read_fixture (name, password_for (name), NULL, &error);
  g_autofree char *type = NULL;
  g_autoptr(GPtrArray) listed = read_listing (name, &type);
  GPtrArray *entries;

  g_assert_no_error (error);
  g_assert_cmpint (_flink_keystore_get_format (keystore), ==,
                   g_str_equal (type, "JKS") ? FLINK_KEYSTORE_FORMAT_JKS : FLINK_KEYSTORE_FORMAT_PKCS12);
  entries = _flink_keystore_get_entries (keystore);
  g_assert_cmpuint (entries->len, ==, listed->len);
  for (guint i = 0; i < listed->len; i++)
    {
      Listed *expected = g_ptr_array_index (listed, i);
      FlinkKeystoreEntry *found = NULL;
      g_autofree char *print = NULL;

      for (guint j = 0; j < entries->len; j++)
        {
          FlinkKeystoreEntry *entry = g_ptr_array_index (entries, j);

          if (g_ascii_strcasecmp (entry->alias, expected->alias) == 0)
            found = entry;
        }
      g_assert_nonnull (found);
      g_assert_cmpint (found->private_key, ==, expected->private_key);
      g_assert_cmpuint (found->chain->len, >=, 1);
      print = fingerprint (g_ptr_array_index (found->chain, 0));
      g_assert_cmpstr (print, ==, expected->fingerprint);
      if (found->private_key)
        g_assert_nonnull (found->protected_key);
    }
}

/* ------------------------------------------------------------------------
 * Private keys
 * ------------------------------------------------------------------------ */

static void
assert_key_matches (GBytes *key,
                    GBytes *certificate_der)
{
  gnutls_x509_privkey_t private_key;
  gnutls_x509_crt_t certificate;
  gnutls_datum_t key_datum = { (unsigned char *) g_bytes_get_data (key, NULL), g_bytes_get_size (key) };
  gnutls_datum_t cert_datum = {
    (unsigned char *) g_bytes_get_data (certificate_der, NULL), g_bytes_get_size (certificate_der)
  };
  guint8 key_id[64], cert_id[64];
  size_t key_id_size = sizeof key_id, cert_id_size = sizeof cert_id;

  g_assert_cmpint (gnutls_x509_privkey_init (&private_key), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_init (&certificate), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_import_pkcs8 (private_key, &key_datum, GNUTLS_X509_FMT_DER,
                                                     NULL, GNUTLS_PKCS_PLAIN), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_import (certificate, &cert_datum, GNUTLS_X509_FMT_DER), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_get_key_id (private_key, 0, key_id, &key_id_size), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_get_key_id (certificate, 0, cert_id, &cert_id_size), ==, 0);
  g_assert_cmpmem (key_id, key_id_size, cert_id, cert_id_size);
  gnutls_x509_privkey_deinit (private_key);
  gnutls_x509_crt_deinit (certificate);
}

typedef struct {
  const char *name;
  const char *key_password;
  guint chain_length;
} KeyCase;

static const KeyCase key_cases[] = {
  { "keystore.jks", KEY_PASSWORD, 2 },
  { "keystore.p12", NULL, 2 },
  { "keystore-legacy.p12", NULL, 2 },
  { "keystore-nomac.p12", NULL, 2 },
  { "selfsigned.jks", KEY_PASSWORD, 1 },
  { "selfsigned.p12", NULL, 1 },
  { "ec.jks", KEY_PASSWORD, 1 },
  { "ec.p12", NULL, 1 },
};

/* The key decrypts, is the certificate's, and GLib takes it with its
 * chain. */
static void
test_private_key (gconstpointer data)
{
  const KeyCase *key_case = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkKeystore) keystore = read_fixture (key_case->name, STORE_PASSWORD,
                                                    key_case->key_password, &error);
  g_autofree char *path = fixture (key_case->name);
  FlinkKeystoreSpec spec = {
    .role = "keystore",
    .path = path,
    .password = STORE_PASSWORD,
    .key_password = key_case->key_password,
  };
  g_autoptr(GTlsCertificate) certificate = NULL;
  FlinkKeystoreEntry *entry = NULL;
  g_autoptr(GBytes) key = NULL;
  GTlsCertificate *link;
  guint chain_length = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < _flink_keystore_get_entries (keystore)->len; i++)
    {
      FlinkKeystoreEntry *candidate = g_ptr_array_index (_flink_keystore_get_entries (keystore), i);

      if (candidate->private_key)
        entry = candidate;
    }
  g_assert_nonnull (entry);
  g_assert_cmpuint (entry->chain->len, ==, key_case->chain_length);
  key = _flink_keystore_decrypt_key (keystore, entry, &error);
  g_assert_no_error (error);
  assert_key_matches (key, g_ptr_array_index (entry->chain, 0));

  certificate = _flink_keystore_load_keystore (&spec, &error);
  g_assert_no_error (error);
  g_assert_true (G_IS_TLS_CERTIFICATE (certificate));
  for (link = certificate; link != NULL; link = g_tls_certificate_get_issuer (link))
    chain_length++;
  g_assert_cmpuint (chain_length, ==, key_case->chain_length);
}

/* ------------------------------------------------------------------------
 * Truststores
 * ------------------------------------------------------------------------ */

static GTlsCertificate *
certificate_of (const char *keystore,
                const char *key_password)
{
  g_autofree char *path = fixture (keystore);
  FlinkKeystoreSpec spec = {
    .role = "keystore", .path = path, .password = STORE_PASSWORD, .key_password = key_password,
  };
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate = _flink_keystore_load_keystore (&spec, &error);

  g_assert_no_error (error);
  return certificate;
}

static GTlsDatabase *
truststore (const char *name,
            const char *password,
            GError    **error)
{
  g_autofree char *path = fixture (name);
  FlinkKeystoreSpec spec = { .role = "truststore", .path = path, .password = password };

  return _flink_keystore_load_truststore (&spec, error);
}

static GTlsCertificateFlags
verify (GTlsDatabase    *database,
        GTlsCertificate *certificate,
        const char      *host)
{
  g_autoptr(GSocketConnectable) identity = g_network_address_new (host, 8081);
  g_autoptr(GError) error = NULL;
  GTlsCertificateFlags flags;

  flags = g_tls_database_verify_chain (database, certificate, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                       identity, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, &error);
  g_assert_no_error (error);
  return flags;
}

typedef struct {
  const char *truststore;
  const char *password;
  const char *server_keystore;
  const char *server_key_password;
  gboolean trusted;
} TrustCase;

static const TrustCase trust_cases[] = {
  /* The CA of the REST certificate, as a trusted certificate entry. */
  { "truststore.jks", TRUST_PASSWORD, "keystore.jks", KEY_PASSWORD, TRUE },
  { "truststore.p12", TRUST_PASSWORD, "keystore.p12", NULL, TRUE },
  { "truststore-legacy.p12", TRUST_PASSWORD, "keystore.jks", KEY_PASSWORD, TRUE },
  { "truststore.jks", TRUST_PASSWORD, "selfsigned.p12", NULL, FALSE },
  /* A self-signed REST keystore is its own truststore. */
  { "selfsigned.jks", STORE_PASSWORD, "selfsigned.jks", KEY_PASSWORD, TRUE },
  { "selfsigned.p12", STORE_PASSWORD, "selfsigned.p12", NULL, TRUE },
  { "selfsigned.p12", STORE_PASSWORD, "selfsigned.jks", KEY_PASSWORD, FALSE },
  { "keystore.p12", STORE_PASSWORD, "keystore.jks", KEY_PASSWORD, TRUE },
  /* PEM, as always. */
  { "ca.pem", NULL, "keystore.p12", NULL, TRUE },
  { "other-ca.pem", NULL, "keystore.p12", NULL, FALSE },
};

/* The database trusts what Java would, and nothing else. */
static void
test_truststore (gconstpointer data)
{
  const TrustCase *trust_case = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = truststore (trust_case->truststore, trust_case->password, &error);
  g_autoptr(GTlsCertificate) server = certificate_of (trust_case->server_keystore,
                                                      trust_case->server_key_password);
  GTlsCertificateFlags flags;

  g_assert_no_error (error);
  flags = verify (database, server, "localhost");
  if (trust_case->trusted)
    g_assert_cmpint (flags, ==, 0);
  else
    g_assert_cmpint (flags, !=, 0);   /* UNKNOWN_CA, or GENERIC_ERROR for a bad signature */
  /* The host name is checked as well. */
  g_assert_cmpint (verify (database, server, "flink.example.com") & G_TLS_CERTIFICATE_BAD_IDENTITY, !=, 0);
}

static char *
sha1_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_autofree char *hex = NULL;
  GString *text = g_string_new (NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  g_checksum_update (sha1, der->data, der->len);
  hex = g_ascii_strup (g_checksum_get_string (sha1), -1);
  for (guint i = 0; hex[i] != '\0'; i += 2)
    g_string_append_printf (text, "%s%.2s", i > 0 ? ":" : "", hex + i);
  return g_string_free (text, FALSE);
}

/* security.ssl.rest.cert.fingerprint: the pinned certificate and no other,
 * whoever signed it, whatever host it names (as Netty's fingerprint trust
 * does for Flink's client). */
static void
test_fingerprints (void)
{
  g_autoptr(GTlsCertificate) pinned = certificate_of ("keystore.jks", KEY_PASSWORD);
  g_autoptr(GTlsCertificate) other = certificate_of ("selfsigned.p12", NULL);
  g_autofree char *fingerprint = sha1_fingerprint (pinned);
  g_autofree char *pins = g_strdup_printf ("00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33, %s",
                                           fingerprint);
  const char *files[] = { "truststore.p12", "ca.pem" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = fixture (files[i]);
      FlinkKeystoreSpec spec = {
        .role = "truststore", .path = path, .password = TRUST_PASSWORD, .fingerprints = pins,
      };
      g_autoptr(GError) error = NULL;
      g_autoptr(GTlsDatabase) database = _flink_keystore_load_truststore (&spec, &error);

      g_assert_no_error (error);
      g_assert_cmpint (verify (database, pinned, "localhost"), ==, 0);
      g_assert_cmpint (verify (database, pinned, "flink.example.com"), ==, 0);
      g_assert_cmpint (verify (database, other, "localhost"), ==, G_TLS_CERTIFICATE_UNKNOWN_CA);

      /* Lower case, without colons, as Netty takes them too. */
      g_clear_object (&database);
      {
        g_autofree char *lower = g_ascii_strdown (fingerprint, -1);
        g_auto(GStrv) parts = g_strsplit (lower, ":", -1);
        g_autofree char *bare = g_strjoinv ("", parts);

        spec.fingerprints = bare;
        database = _flink_keystore_load_truststore (&spec, &error);
        g_assert_no_error (error);
        g_assert_cmpint (verify (database, pinned, "localhost"), ==, 0);
      }
    }

  {
    g_autofree char *path = fixture ("truststore.jks");
    FlinkKeystoreSpec spec = {
      .role = "truststore", .path = path, .password = TRUST_PASSWORD, .fingerprints = "AB:CD",
      .fingerprints_key = "security.ssl.rest.cert.fingerprint",
    };
    g_autoptr(GError) error = NULL;
    g_autoptr(GTlsDatabase) database = _flink_keystore_load_truststore (&spec, &error);

    g_assert_null (database);
    g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
    assert_message (error, "security.ssl.rest.cert.fingerprint holds “AB:CD”, not the SHA-1 fingerprint");
  }
}

/* The database's lookups: the anchor that issued a certificate, nothing
 * else. */
static void
test_database_lookups (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = truststore ("truststore.jks", TRUST_PASSWORD, &error);
  g_autoptr(GTlsCertificate) server = certificate_of ("keystore.p12", NULL);
  g_autoptr(GTlsCertificate) issuer = NULL;
  g_autoptr(GTlsCertificate) none = NULL;
  g_autoptr(GByteArray) dn = g_byte_array_new ();
  GList *issued;

  g_assert_no_error (error);
  issuer = g_tls_database_lookup_certificate_issuer (database, server, NULL,
                                                     G_TLS_DATABASE_LOOKUP_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (issuer);
  g_assert_true (g_tls_certificate_is_same (issuer, g_tls_certificate_get_issuer (server)));
  none = g_tls_database_lookup_certificate_issuer (database, issuer, NULL,
                                                   G_TLS_DATABASE_LOOKUP_KEYPAIR, NULL, &error);
  g_assert_null (none);
  issued = g_tls_database_lookup_certificates_issued_by (database, dn, NULL,
                                                         G_TLS_DATABASE_LOOKUP_NONE, NULL, &error);
  g_assert_null (issued);
  g_assert_null (g_tls_database_create_certificate_handle (database, server));
  g_assert_null (g_tls_database_lookup_certificate_for_handle (database, "none", NULL,
                                                               G_TLS_DATABASE_LOOKUP_NONE,
                                                               NULL, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------------
 * What goes wrong
 * ------------------------------------------------------------------------ */

static void
test_wrong_store_password (void)
{
  const char *names[] = { "truststore.jks", "truststore.p12", "truststore-legacy.p12" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GTlsDatabase) database = truststore (names[i], "wrong-secret", &error);

      g_assert_null (database);
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
      assert_message (error, names[i]);
      assert_message (error, "integrity check");
      assert_message (error, "is not its password");
    }
}

static void
test_wrong_key_password (void)
{
  const char *names[] = { "keystore.jks", "keystore.p12", "keystore-legacy.p12" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = fixture (names[i]);
      FlinkKeystoreSpec spec = {
        .role = "keystore", .path = path, .password = STORE_PASSWORD, .key_password = "wrong-secret",
        .key_password_key = "security.ssl.rest.key-password",
      };
      g_autoptr(GError) error = NULL;
      g_autoptr(GTlsCertificate) certificate = _flink_keystore_load_keystore (&spec, &error);

      g_assert_null (certificate);
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
      assert_message (error, names[i]);
      assert_message (error, "security.ssl.rest.key-password does not decrypt its private key “flink.rest”");
    }

  /* JKS keys have their own password: the store's does not open them. */
  {
    g_autofree char *path = fixture ("keystore.jks");
    FlinkKeystoreSpec spec = { .role = "keystore", .path = path, .password = STORE_PASSWORD };
    g_autoptr(GError) error = NULL;
    g_autoptr(GTlsCertificate) certificate = _flink_keystore_load_keystore (&spec, &error);

    g_assert_null (certificate);
    assert_message (error, "the password does not decrypt its private key");
  }
}

static FlinkKeystore *
parse_bytes (const guint8 *data,
             gsize         length,
             const char   *password,
             GError      **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  FlinkKeystoreSpec spec = { .role = "truststore", .path = "damaged", .password = password };

  return _flink_keystore_parse (bytes, &spec, error);
}

/* Every prefix of a keystore is refused, clearly, and none crashes. */
static void
test_truncated (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GBytes) bytes = fixture_bytes (name);
  gsize length;
  const guint8 *contents = g_bytes_get_data (bytes, &length);

  for (gsize cut = 0; cut < length; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FlinkKeystore) keystore = parse_bytes (contents, cut, password_for (name), &error);

      if (keystore != NULL)
        g_error ("%s cut to %" G_GSIZE_FORMAT " bytes was read", name, cut);
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
      if (cut == length - 1)
        assert_message (error, "damaged or truncated");
    }
}

/* Which bytes to change: all of a JKS file; of a PKCS12 file, whose MAC
 * takes 10,000 rounds of SHA-256 a try, all of its head (the structure) and
 * tail (the MAC), and some of the middle (encrypted, under the MAC). */
static gboolean
next_position (const char *name,
               gsize       length,
               gsize      *position)
{
  gsize i = *position + 1;

  if (!g_str_has_suffix (name, ".jks") && i >= 128 && i + 64 < length)
    i = MIN (i + 250, length - 64);
  *position = i;
  return i < length;
}

/* No single changed byte goes unnoticed: the integrity check (JKS) or the
 * MAC (PKCS12) catches what the structure does not. */
static void
test_corrupted (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GBytes) bytes = fixture_bytes (name);
  gsize length;
  const guint8 *contents = g_bytes_get_data (bytes, &length);
  g_autofree guint8 *copy = g_memdup2 (contents, length);

  for (gsize i = 0; i < length; next_position (name, length, &i))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FlinkKeystore) keystore = NULL;

      copy[i] ^= 0x5a;
      keystore = parse_bytes (copy, length, password_for (name), &error);
      copy[i] = contents[i];
      if (keystore != NULL)
        g_error ("%s with byte %" G_GSIZE_FORMAT " changed was read", name, i);
      g_assert_true (error->domain == FLINK_ERROR);
      assert_no_secret (error);
    }
}

/* Without a MAC, a changed byte reaches the ciphers and what they give the
 * parser: it may go unnoticed (a letter of an alias), but it never crashes,
 * and whatever is read still goes through the key's own checks. */
static void
test_corrupted_without_mac (void)
{
  g_autoptr(GBytes) bytes = fixture_bytes ("keystore-nomac.p12");
  gsize length;
  const guint8 *contents = g_bytes_get_data (bytes, &length);
  g_autofree guint8 *copy = g_memdup2 (contents, length);
  guint n_read = 0;

  for (gsize i = 0; i < length; i += (i < 128 ? 1 : 23))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FlinkKeystore) keystore = NULL;

      copy[i] ^= 0x5a;
      keystore = parse_bytes (copy, length, STORE_PASSWORD, &error);
      copy[i] = contents[i];
      if (keystore == NULL)
        {
          g_assert_true (error->domain == FLINK_ERROR);
          assert_no_secret (error);
          continue;
        }
      n_read++;
      for (guint j = 0; j < _flink_keystore_get_entries (keystore)->len; j++)
        {
          FlinkKeystoreEntry *entry = g_ptr_array_index (_flink_keystore_get_entries (keystore), j);
          g_autoptr(GBytes) key = NULL;

          if (!entry->private_key)
            continue;
          key = _flink_keystore_decrypt_key (keystore, entry, &error);
          g_assert_true (key != NULL || error->domain == FLINK_ERROR);
          g_clear_error (&error);
        }
    }
  g_test_message ("%u changed files were read", n_read);
}

static void
test_jceks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = truststore ("truststore.jceks", TRUST_PASSWORD, &error);

  g_assert_null (database);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED);
  assert_message (error, "truststore.jceks");
  assert_message (error, "JCEKS");
  assert_message (error, "keytool -importkeystore");
  assert_message (error, "-deststoretype PKCS12");
}

static void
test_empty (void)
{
  const char *names[] = { "empty.jks", "empty.p12" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = fixture (names[i]);
      FlinkKeystoreSpec spec = { .role = "keystore", .path = path, .password = STORE_PASSWORD };
      g_autoptr(GError) error = NULL;
      g_autoptr(GTlsDatabase) database = truststore (names[i], STORE_PASSWORD, &error);
      g_autoptr(GTlsCertificate) certificate = NULL;

      g_assert_null (database);
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
      assert_message (error, "holds no certificates to trust");
      g_clear_error (&error);

      certificate = _flink_keystore_load_keystore (&spec, &error);
      g_assert_null (certificate);
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
      assert_message (error, "holds no private key entry");
    }

  /* A truststore has no private key either. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = fixture ("truststore.p12");
    FlinkKeystoreSpec spec = { .role = "keystore", .path = path, .password = TRUST_PASSWORD };
    g_autoptr(GTlsCertificate) certificate = _flink_keystore_load_keystore (&spec, &error);

    g_assert_null (certificate);
    assert_message (error, "holds no private key entry");
  }
}

static void
test_not_a_keystore (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = truststore ("make-keystores.sh", TRUST_PASSWORD, &error);
  g_autofree char *directory = g_dir_make_tmp ("flinkjob-keystore-XXXXXX", NULL);
  g_autofree char *big = g_build_filename (directory, "big.p12", NULL);
  g_autofree char *zeros = g_malloc0 (FLINK_KEYSTORE_MAX_SIZE + 1);
  FlinkKeystoreSpec spec = { .role = "truststore", .path = big, .password = TRUST_PASSWORD };

  g_assert_null (database);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  assert_message (error, "not a keystore");
  g_clear_error (&error);

  database = truststore ("missing.jks", TRUST_PASSWORD, &error);
  g_assert_null (database);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  assert_message (error, "missing.jks");
  g_clear_error (&error);

  /* Larger than any keystore: not read to its end. */
  g_assert_true (g_file_set_contents (big, zeros, FLINK_KEYSTORE_MAX_SIZE + 1, NULL));
  database = _flink_keystore_load_truststore (&spec, &error);
  g_assert_null (database);
  assert_message (error, "more than the 1024 KiB");
  g_unlink (big);
  g_rmdir (directory);
}

/* What a keystore names (a certificate type, an alias) is shown in a
 * message with its control bytes made harmless. */
static void
test_hostile_names (void)
{
  g_autoptr(GBytes) original = fixture_bytes ("truststore.jks");
  gsize size = g_bytes_get_size (original);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (original, NULL), size);
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_autofree char *directory = g_dir_make_tmp ("flinkjob-keystore-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (directory, "hostile.jks", NULL);
  FlinkKeystoreSpec spec = { .role = "truststore", .path = path, .password = TRUST_PASSWORD };
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  guint8 *type = NULL;
  gsize digest_length = 20;

  for (gsize i = 0; type == NULL && i + 5 <= size; i++)
    if (memcmp (data + i, "X.509", 5) == 0)
      type = data + i;

  /* The type becomes ESC ] 0 ; X (a terminal title change), and the
   * integrity check is made again over the changed bytes. */
  g_assert_nonnull (type);
  memcpy (type, "\033]0;X", 5);
  for (const char *p = TRUST_PASSWORD; *p != '\0'; p++)
    {
      guint8 unit[2] = { 0, (guint8) *p };
      g_checksum_update (sha1, unit, 2);
    }
  g_checksum_update (sha1, (const guchar *) "Mighty Aphrodite", 16);
  g_checksum_update (sha1, data, size - 20);
  g_checksum_get_digest (sha1, data + size - 20, &digest_length);
  g_assert_true (g_file_set_contents (path, (const char *) data, size, NULL));

  database = _flink_keystore_load_truststore (&spec, &error);
  g_assert_null (database);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED);
  assert_message (error, "“?]0;X”");
  g_assert_null (strchr (error->message, '\033'));
  g_unlink (path);
  g_rmdir (directory);
}

static void
test_unknown_type (void)
{
  g_autofree char *path = fixture ("truststore.p12");
  FlinkKeystoreSpec spec = {
    .role = "truststore", .path = path, .password = TRUST_PASSWORD, .type = "BKS",
    .type_key = "security.ssl.rest.truststore-type",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = _flink_keystore_load_truststore (&spec, &error);
  const char *readable[] = { "JKS", "pkcs12", "PKCS12", "jceks", "" };

  g_assert_null (database);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED);
  assert_message (error, "security.ssl.rest.truststore-type is “BKS”");
  assert_message (error, "keytool -importkeystore");

  /* As Java, the types that name JKS or PKCS12 read either. */
  for (guint i = 0; i < G_N_ELEMENTS (readable); i++)
    {
      g_autoptr(GTlsDatabase) read = NULL;

      spec.type = readable[i];
      g_clear_error (&error);
      read = _flink_keystore_load_truststore (&spec, &error);
      g_assert_no_error (error);
    }
}

static void
test_no_password (void)
{
  g_autofree char *path = fixture ("truststore.jks");
  FlinkKeystoreSpec spec = {
    .role = "truststore", .path = path, .config_file = "/etc/flink/config.yaml",
    .path_key = "security.ssl.rest.truststore", .password_key = "security.ssl.rest.truststore-password",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = _flink_keystore_load_truststore (&spec, &error);

  g_assert_null (database);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  assert_message (error, "(security.ssl.rest.truststore in /etc/flink/config.yaml)");
  assert_message (error, "none is given as security.ssl.rest.truststore-password");
  g_clear_error (&error);

  /* Java's passwords are text. */
  spec.password = "trust-\xff";
  database = _flink_keystore_load_truststore (&spec, &error);
  g_assert_null (database);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  assert_message (error, "a password is not UTF-8 text");
}

static void
test_pem_keystore (void)
{
  g_autofree char *path = fixture ("keystore.pem");
  FlinkKeystoreSpec spec = { .role = "keystore", .path = path };
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = _flink_keystore_load_keystore (&spec, &error);
  g_autoptr(GTlsDatabase) database = truststore ("ca.pem", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (certificate);
  g_assert_cmpint (verify (database, certificate, "127.0.0.1"), ==, 0);
}

/* ------------------------------------------------------------------------
 * The descriptor: Flink's configuration, and the public setters
 * ------------------------------------------------------------------------ */

static char *
write_config (const char *directory,
              const char *text)
{
  g_autofree char *file = g_build_filename (directory, "config.yaml", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (file, text, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&file);
}

static FlinkClusterDescriptor *
descriptor_for_config (const char  *format,
                       GError     **error,
                       ...)
{
  g_autofree char *directory = g_dir_make_tmp ("flinkjob-keystore-XXXXXX", NULL);
  g_autofree char *keystores = g_build_filename (flink_test_srcdir (), "keystores", NULL);
  g_autofree char *text = NULL;
  g_autofree char *file = NULL;
  g_autofree char *body = NULL;
  FlinkClusterDescriptor *descriptor;
  va_list args;

  va_start (args, error);
  body = g_strdup_vprintf (format, args);
  va_end (args);
  /* @@ stands for the fixtures' directory. */
  {
    g_auto(GStrv) parts = g_strsplit (body, "@@", -1);

    text = g_strjoinv (keystores, parts);
  }
  file = write_config (directory, text);
  descriptor = flink_cluster_descriptor_new_from_config (directory, error);
  g_unlink (file);
  g_rmdir (directory);
  return descriptor;
}

#define HTTPS "rest.address: 127.0.0.1\nsecurity.ssl.rest.enabled: true\n"

static void
test_config_truststore (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;
  g_autofree char *expected = fixture ("truststore.jks");

  /* As Flink's SSL guide writes it. */
  descriptor = descriptor_for_config (HTTPS
                                      "security.ssl.rest.truststore: @@/truststore.jks\n"
                                      "security.ssl.rest.truststore-password: " TRUST_PASSWORD "\n",
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpstr (flink_cluster_descriptor_get_url (descriptor), ==, "https://127.0.0.1:8081");
  g_assert_cmpstr (flink_cluster_descriptor_get_tls_ca_file (descriptor), ==, expected);
  g_assert_null (flink_cluster_descriptor_get_tls_client_certificate (descriptor));
  g_clear_object (&descriptor);

  /* Nested keys, a type, and Flink's fallback keys for both connectivities. */
  descriptor = descriptor_for_config ("rest:\n  address: 127.0.0.1\n"
                                      "security:\n  ssl:\n    rest:\n      enabled: true\n"
                                      "      truststore-type: PKCS12\n"
                                      "    truststore: @@/truststore.p12\n"
                                      "    truststore-password: " TRUST_PASSWORD "\n", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (flink_cluster_descriptor_get_tls_ca_file (descriptor),
                                   "truststore.p12"));
  g_clear_object (&descriptor);

  /* Without REST SSL, Flink reads no TLS key: neither does flinkjob. */
  descriptor = descriptor_for_config ("security.ssl.rest.truststore: @@/missing.jks\n", &error);
  g_assert_no_error (error);
  g_assert_null (flink_cluster_descriptor_get_tls_ca_file (descriptor));
  g_clear_object (&descriptor);

  /* A PEM file, as before. */
  descriptor = descriptor_for_config (HTTPS "security.ssl.rest.truststore: @@/ca.pem\n", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (flink_cluster_descriptor_get_tls_ca_file (descriptor), "ca.pem"));
}

static void
test_config_mutual (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;

  descriptor = descriptor_for_config (HTTPS
                                      "security.ssl.rest.authentication-enabled: true\n"
                                      "security.ssl.rest.keystore: @@/keystore.jks\n"
                                      "security.ssl.rest.keystore-password: " STORE_PASSWORD "\n"
                                      "security.ssl.rest.key-password: " KEY_PASSWORD "\n"
                                      "security.ssl.rest.truststore: @@/truststore.jks\n"
                                      "security.ssl.rest.truststore-password: " TRUST_PASSWORD "\n",
                                      &error);
  g_assert_no_error (error);
  g_assert_nonnull (flink_cluster_descriptor_get_tls_client_certificate (descriptor));
  g_clear_object (&descriptor);

  /* Flink's simple self-signed setup: one file, keystore and truststore. */
  descriptor = descriptor_for_config (HTTPS
                                      "security.ssl.rest.authentication-enabled: true\n"
                                      "security.ssl.keystore: @@/selfsigned.p12\n"
                                      "security.ssl.keystore-password: " STORE_PASSWORD "\n"
                                      "security.ssl.key-password: " STORE_PASSWORD "\n"
                                      "security.ssl.truststore: @@/selfsigned.p12\n"
                                      "security.ssl.truststore-password: " STORE_PASSWORD "\n",
                                      &error);
  g_assert_no_error (error);
  g_assert_nonnull (flink_cluster_descriptor_get_tls_client_certificate (descriptor));
  g_clear_object (&descriptor);

  /* Without mutual TLS the keystore is the server's business only. */
  descriptor = descriptor_for_config (HTTPS "security.ssl.rest.keystore: @@/missing.jks\n", &error);
  g_assert_no_error (error);
  g_assert_null (flink_cluster_descriptor_get_tls_client_certificate (descriptor));
}

typedef struct {
  const char *config;
  FlinkError code;
  const char *message[3];
} ConfigErrorCase;

static const ConfigErrorCase config_errors[] = {
  { HTTPS "security.ssl.rest.truststore: @@/truststore.jks\n"
          "security.ssl.rest.truststore-password: wrong-secret\n",
    FLINK_ERROR_INVALID_ARGUMENT,
    { "Cannot read the truststore ", "(security.ssl.rest.truststore in ",
      "security.ssl.rest.truststore-password is not its password" } },
  { HTTPS "security.ssl.truststore: @@/truststore.p12\n"
          "security.ssl.truststore-password: wrong-secret\n",
    FLINK_ERROR_INVALID_ARGUMENT,
    { "(security.ssl.truststore in ", "security.ssl.truststore-password is not its password" } },
  { HTTPS "security.ssl.rest.truststore: @@/truststore.jks\n",
    FLINK_ERROR_INVALID_ARGUMENT,
    { "none is given as security.ssl.rest.truststore-password" } },
  { HTTPS "security.ssl.rest.truststore-password: " TRUST_PASSWORD "\n",
    FLINK_ERROR_INVALID_ARGUMENT,
    { "sets security.ssl.rest.truststore-password but no truststore" } },
  { HTTPS "security.ssl.rest.truststore: @@/truststore.jceks\n"
          "security.ssl.rest.truststore-password: " TRUST_PASSWORD "\n",
    FLINK_ERROR_NOT_SUPPORTED, { "JCEKS", "keytool -importkeystore" } },
  { HTTPS "security.ssl.rest.truststore: @@/truststore.jks\n"
          "security.ssl.rest.truststore-password: " TRUST_PASSWORD "\n"
          "security.ssl.rest.truststore-type: Windows-ROOT\n",
    FLINK_ERROR_NOT_SUPPORTED, { "security.ssl.rest.truststore-type is “Windows-ROOT”" } },
  { HTTPS "security.ssl.rest.truststore: @@/truststore.jks\n"
          "security.ssl.rest.truststore-password: " TRUST_PASSWORD "\n"
          "security.ssl.rest.cert.fingerprint: 9A:CB:not-hex\n",
    FLINK_ERROR_INVALID_ARGUMENT,
    { "(security.ssl.rest.truststore in ",
      "security.ssl.rest.cert.fingerprint holds “9A:CB:not-hex”, not the SHA-1 fingerprint" } },
  { HTTPS "security.ssl.rest.authentication-enabled: true\n",
    FLINK_ERROR_INVALID_ARGUMENT,
    { "sets security.ssl.rest.authentication-enabled (mutual TLS) but no keystore" } },
  { HTTPS "security.ssl.rest.authentication-enabled: true\n"
          "security.ssl.rest.keystore: @@/keystore.jks\n"
          "security.ssl.rest.keystore-password: " STORE_PASSWORD "\n"
          "security.ssl.rest.key-password: wrong-secret\n",
    FLINK_ERROR_INVALID_ARGUMENT,
    { "Cannot read the keystore ", "(security.ssl.rest.keystore in ",
      "security.ssl.rest.key-password does not decrypt its private key “flink.rest”" } },
  { HTTPS "security.ssl.rest.authentication-enabled: true\n"
          "security.ssl.rest.keystore: @@/truststore.p12\n"
          "security.ssl.rest.keystore-password: " TRUST_PASSWORD "\n",
    FLINK_ERROR_INVALID_ARGUMENT, { "holds no private key entry" } },
};

static void
test_config_errors (gconstpointer data)
{
  const ConfigErrorCase *error_case = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterDescriptor) descriptor = descriptor_for_config (error_case->config, &error);

  g_assert_null (descriptor);
  g_assert_error (error, FLINK_ERROR, (gint) error_case->code);
  assert_message (error, "config.yaml");
  for (guint i = 0; i < G_N_ELEMENTS (error_case->message) && error_case->message[i]; i++)
    assert_message (error, error_case->message[i]);
}

static void
test_setters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterDescriptor) descriptor =
    flink_cluster_descriptor_new_for_url ("https://127.0.0.1:8081", &error);
  g_autofree char *truststore_path = fixture ("truststore.jks");
  g_autofree char *keystore_path = fixture ("keystore.p12");
  g_autofree char *jks_path = fixture ("keystore.jks");
  GTlsCertificate *certificate;

  g_assert_no_error (error);
  g_assert_true (flink_cluster_descriptor_set_tls_truststore (descriptor, truststore_path,
                                                              TRUST_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (flink_cluster_descriptor_get_tls_ca_file (descriptor), ==, truststore_path);
  g_assert_true (flink_cluster_descriptor_set_tls_truststore (descriptor, NULL, NULL, &error));
  g_assert_null (flink_cluster_descriptor_get_tls_ca_file (descriptor));

  g_assert_true (flink_cluster_descriptor_set_tls_keystore (descriptor, keystore_path,
                                                            STORE_PASSWORD, NULL, &error));
  g_assert_no_error (error);
  certificate = flink_cluster_descriptor_get_tls_client_certificate (descriptor);
  g_assert_nonnull (certificate);
  g_assert_nonnull (g_tls_certificate_get_issuer (certificate));
  g_assert_true (flink_cluster_descriptor_set_tls_keystore (descriptor, NULL, NULL, NULL, &error));
  g_assert_null (flink_cluster_descriptor_get_tls_client_certificate (descriptor));

  /* A failure leaves the settings as they were. */
  g_assert_true (flink_cluster_descriptor_set_tls_keystore (descriptor, jks_path, STORE_PASSWORD,
                                                            KEY_PASSWORD, &error));
  g_assert_false (flink_cluster_descriptor_set_tls_keystore (descriptor, jks_path, STORE_PASSWORD,
                                                             "wrong-secret", &error));
  assert_message (error, "Cannot read the keystore ");
  assert_message (error, "the key password does not decrypt its private key “flink.rest”");
  g_assert_nonnull (flink_cluster_descriptor_get_tls_client_certificate (descriptor));
  g_clear_error (&error);
  g_assert_false (flink_cluster_descriptor_set_tls_truststore (descriptor, truststore_path,
                                                               "wrong-secret", &error));
  assert_message (error, "the password is not its password");
}

int
main (int   argc,
      char *argv[])
{
  const char *listed[] = {
    "truststore.jks", "truststore.p12", "truststore-legacy.p12", "keystore.jks", "keystore.p12",
    "keystore-legacy.p12", "keystore-nomac.p12", "selfsigned.jks", "selfsigned.p12", "ec.jks",
    "ec.p12", "empty.jks", "empty.p12",
  };
  const char *damageable[] = {
    "truststore.jks", "keystore.jks", "keystore.p12", "keystore-legacy.p12",
  };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (listed); i++)
    {
      g_autofree char *path = g_strdup_printf ("/keystore/entries/%s", listed[i]);

      g_test_add_data_func (path, listed[i], test_entries);
    }
  for (guint i = 0; i < G_N_ELEMENTS (key_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/keystore/private-key/%s", key_cases[i].name);

      g_test_add_data_func (path, &key_cases[i], test_private_key);
    }
  for (guint i = 0; i < G_N_ELEMENTS (trust_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/keystore/truststore/%s-%s-%s",
                                               trust_cases[i].truststore,
                                               trust_cases[i].trusted ? "trusts" : "refuses",
                                               trust_cases[i].server_keystore);

      g_test_add_data_func (path, &trust_cases[i], test_truststore);
    }
  g_test_add_func ("/keystore/fingerprints", test_fingerprints);
  g_test_add_func ("/keystore/database-lookups", test_database_lookups);
  g_test_add_func ("/keystore/wrong-store-password", test_wrong_store_password);
  g_test_add_func ("/keystore/wrong-key-password", test_wrong_key_password);
  for (guint i = 0; i < G_N_ELEMENTS (damageable); i++)
    {
      g_autofree char *truncated = g_strdup_printf ("/keystore/truncated/%s", damageable[i]);
      g_autofree char *corrupted = g_strdup_printf ("/keystore/corrupted/%s", damageable[i]);

      g_test_add_data_func (truncated, damageable[i], test_truncated);
      g_test_add_data_func (corrupted, damageable[i], test_corrupted);
    }
  g_test_add_func ("/keystore/corrupted/without-mac", test_corrupted_without_mac);
  g_test_add_func ("/keystore/jceks", test_jceks);
  g_test_add_func ("/keystore/empty", test_empty);
  g_test_add_func ("/keystore/not-a-keystore", test_not_a_keystore);
  g_test_add_func ("/keystore/unknown-type", test_unknown_type);
  g_test_add_func ("/keystore/hostile-names", test_hostile_names);
  g_test_add_func ("/keystore/no-password", test_no_password);
  g_test_add_func ("/keystore/pem", test_pem_keystore);
  g_test_add_func ("/keystore/config/truststore", test_config_truststore);
  g_test_add_func ("/keystore/config/mutual", test_config_mutual);
  for (guint i = 0; i < G_N_ELEMENTS (config_errors); i++)
    {
      g_autofree char *path = g_strdup_printf ("/keystore/config/error/%u", i);

      g_test_add_data_func (path, &config_errors[i], test_config_errors);
    }
  g_test_add_func ("/keystore/setters", test_setters);

  return g_test_run ();
}
