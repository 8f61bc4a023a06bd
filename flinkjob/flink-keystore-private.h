/* flink-keystore-private.h: Java keystores, as Flink's configuration names them
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "flinkjob.h"
#include "flink-connection-private.h"
#include "flink-error-private.h"

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

/* Aliases and friendly names from a keystore file, as messages show them. */
#define FLINK_KEYSTORE_MAX_NAME_SHOWN 64

/* No keystore that Flink uses comes near this; a larger file is not one. */
#define FLINK_KEYSTORE_MAX_SIZE (1024 * 1024)

/* A keystore to read, and how the caller named its parts, for messages
 * (NULLs: the names of the public API's parameters). */
typedef struct {
  const char *role;              /* "truststore" or "keystore" */
  const char *path;
  const char *type;              /* NULL or "": JKS or PKCS12, as the file says */
  const char *password;          /* the store password; never in a message */
  const char *key_password;      /* NULL: the store password */
  const char *config_file;       /* the configuration that named the store */
  const char *path_key;          /* "security.ssl.rest.truststore" */
  const char *password_key;      /* "security.ssl.rest.truststore-password" */
  const char *key_password_key;  /* "security.ssl.rest.key-password" */
  const char *type_key;          /* "security.ssl.rest.truststore-type" */
  /* Truststores: Flink's security.ssl.rest.cert.fingerprint, SHA-1s of the
   * only server certificates to accept, comma-separated; NULL for none. */
  const char *fingerprints;
  const char *fingerprints_key;
} FlinkKeystoreSpec;

typedef enum {
  FLINK_KEYSTORE_FORMAT_JKS,
  FLINK_KEYSTORE_FORMAT_PKCS12,
  FLINK_KEYSTORE_FORMAT_PEM,
} FlinkKeystoreFormat;

/* One entry, as `keytool -list` shows it. */
typedef struct {
  char *alias;
  gboolean private_key;          /* a PrivateKeyEntry, else a trustedCertEntry */
  GPtrArray *chain;              /* GBytes, DER certificates, the entry's own first */
  GBytes *protected_key;         /* private keys: as stored (encrypted) */
  gboolean key_encrypted;        /* PKCS12: a shrouded key bag */
} FlinkKeystoreEntry;

/* A JKS or PKCS12 file read with its store password: its integrity checked,
 * its certificates decrypted; private keys stay encrypted until asked for. */
typedef struct _FlinkKeystore FlinkKeystore;

FlinkKeystore      *_flink_keystore_read            (const FlinkKeystoreSpec *spec,
                                                     GError                 **error);
FlinkKeystore      *_flink_keystore_parse           (GBytes                  *data,
                                                     const FlinkKeystoreSpec *spec,
                                                     GError                 **error);
void                _flink_keystore_free            (FlinkKeystore           *self);
FlinkKeystoreFormat _flink_keystore_get_format      (FlinkKeystore           *self);
/* FlinkKeystoreEntry, in the file's order. */
GPtrArray          *_flink_keystore_get_entries     (FlinkKeystore           *self);
/* The entry's private key as PKCS #8 DER (wiped when freed). */
GBytes             *_flink_keystore_decrypt_key     (FlinkKeystore           *self,
                                                     FlinkKeystoreEntry      *entry,
                                                     GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlinkKeystore, _flink_keystore_free)

/* What Java trusts in a truststore (its trusted certificate entries and the
 * first certificate of each private key entry), as a GTlsDatabase; a PEM
 * file of CA certificates is read as it is. */
GTlsDatabase    *_flink_keystore_load_truststore (const FlinkKeystoreSpec *spec,
                                                  GError                 **error);
/* The first private key entry, with its certificate chain, as a client
 * certificate for mutual TLS; a PEM file holds the key and the chain. */
GTlsCertificate *_flink_keystore_load_keystore   (const FlinkKeystoreSpec *spec,
                                                  GError                 **error);

/* ------------------------------------------------------------------------
 * Inside the readers (flink-keystore.c, -jks.c, -pkcs12.c)
 * ------------------------------------------------------------------------ */

#define FLINK_KEYSTORE_JKS_MAGIC 0xfeedfeedu
#define FLINK_KEYSTORE_JCEKS_MAGIC 0xcecececeu
/* Java's own bound (PKCS12KeyStore.MAX_ITERATION_COUNT). */
#define FLINK_KEYSTORE_MAX_ITERATIONS 5000000
#define FLINK_KEYSTORE_MAX_CHAIN 16

/* Zeroes what held a secret, in a way the compiler keeps. */
void      _flink_wipe             (gpointer      data,
                                   gsize         length);
/* A copy of @data that is wiped when freed. */
GBytes   *_flink_secret_bytes_new (const guint8 *data,
                                   gsize         length);
/* The password (valid UTF-8) as Java hands it to ciphers: UTF-16BE code
 * units, with two zero bytes after them for PKCS #12 (a BMPString). */
guint8   *_flink_password_utf16be (const char   *password,
                                   gboolean      terminated,
                                   gsize        *out_length);

/* FLINK_ERROR_INVALID_ARGUMENT: "it is damaged or truncated (@format)". */
void      _flink_keystore_set_damaged (GError     **error,
                                       const char  *format,
                                       ...) G_GNUC_PRINTF (2, 3);
FlinkKeystoreEntry *_flink_keystore_entry_new (const char *alias,
                                               gboolean    private_key);

/* DER, as much as keystores need: definite lengths, low tag numbers. */
enum {
  FLINK_DER_INTEGER = 0x02,
  FLINK_DER_OCTET_STRING = 0x04,
  FLINK_DER_NULL = 0x05,
  FLINK_DER_OID = 0x06,
  FLINK_DER_BMP_STRING = 0x1e,
  FLINK_DER_SEQUENCE = 0x30,
  FLINK_DER_SET = 0x31,
  FLINK_DER_IMPLICIT_0 = 0x80,
  FLINK_DER_EXPLICIT_0 = 0xa0,
};

typedef struct {
  const guint8 *data;
  gsize length;
} FlinkDer;

gboolean  _flink_der_next                 (FlinkDer     *in,
                                           guint8       *out_tag,
                                           FlinkDer     *out_contents);
gboolean  _flink_der_take                 (FlinkDer     *in,
                                           guint8        tag,
                                           FlinkDer     *out_contents);
gboolean  _flink_der_take_element         (FlinkDer     *in,
                                           FlinkDer     *out_element);
gboolean  _flink_der_take_uint            (FlinkDer     *in,
                                           guint64       max,
                                           guint64      *out_value);
gboolean  _flink_der_take_null_parameters (FlinkDer     *in);
gboolean  _flink_der_oid_is               (const FlinkDer *oid,
                                           const guint8   *expected,
                                           gsize           length);
char     *_flink_der_oid_to_string        (const FlinkDer *oid);

#define FLINK_DER_OID_IS(der, oid) _flink_der_oid_is ((der), (oid), sizeof (oid))

/* The formats: each reads a file's entries, checking its integrity with the
 * store password, and decrypts a private key with the key password
 * (@password_name says what to call it). */
gboolean  _flink_keystore_jks_parse          (GPtrArray           *entries,
                                              const guint8        *data,
                                              gsize                length,
                                              const char          *password,
                                              const char          *password_name,
                                              GError             **error);
GBytes   *_flink_keystore_jks_recover_key    (FlinkKeystoreEntry  *entry,
                                              const char          *password,
                                              const char          *password_name,
                                              GError             **error);
gboolean  _flink_keystore_pkcs12_parse       (GPtrArray           *entries,
                                              const guint8        *data,
                                              gsize                length,
                                              const char          *password,
                                              const char          *password_name,
                                              GError             **error);
GBytes   *_flink_keystore_pkcs12_decrypt_key (FlinkKeystoreEntry  *entry,
                                              const char          *password,
                                              const char          *password_name,
                                              GError             **error);

/* The anchors (GBytes, DER certificates) in a GTlsDatabase of their own
 * (flink-keystore-database.c): GLib 2.74 reads anchors only from files. */
#define FLINK_TYPE_KEYSTORE_DATABASE (_flink_keystore_database_get_type ())
G_DECLARE_FINAL_TYPE (FlinkKeystoreDatabase, _flink_keystore_database, FLINK, KEYSTORE_DATABASE, GTlsDatabase)

/* With @pins (GBytes, SHA-1s), only a peer whose certificate has one of
 * them is trusted, whoever signed it, as Flink's fingerprint trust does. */
GTlsDatabase *_flink_keystore_database_new (GPtrArray  *anchors,
                                            GPtrArray  *pins,
                                            GError    **error);

/* Flink's security.ssl.rest.* TLS keys of @config (read from @file_name),
 * when its REST endpoint is https, as Flink's own REST client reads them. */
gboolean _flink_connection_settings_apply_tls_config (FlinkConnectionSettings  *settings,
                                                      GHashTable               *config,
                                                      const char               *file_name,
                                                      GError                  **error);

/* flink-keystore-pkcs12-crypto.c */
typedef enum {
  FLINK_DECRYPT_OK,
  FLINK_DECRYPT_DAMAGED,
  FLINK_DECRYPT_UNSUPPORTED,
  FLINK_DECRYPT_WRONG_PASSWORD,
} FlinkDecryptResult;

/* The PFX's MAC over @content: what proves the store password right. */
gboolean           _flink_pkcs12_check_mac (FlinkDer        mac_data,
                                            const FlinkDer *content,
                                            const char     *password,
                                            const char     *password_name,
                                            GError        **error);
/* Decrypts @data under @algorithm (an AlgorithmIdentifier's contents) with
 * @password; a wrong password shows as bad padding, or as a plaintext that
 * is not a single DER element. */
FlinkDecryptResult _flink_pkcs12_decrypt   (FlinkDer      algorithm,
                                            const guint8 *data,
                                            gsize         length,
                                            const char   *password,
                                            GBytes      **out_plain,
                                            char        **out_algorithm);

/* clang-format on */

G_END_DECLS
