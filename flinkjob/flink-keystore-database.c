/* flink-keystore-database.c: a truststore's certificates as a GTlsDatabase
 *
 * GLib 2.74 makes a database of anchors only from a file, and
 * glib-networking reads that file again for each connection: a truststore
 * read from a Java keystore has no such file. This database holds the
 * anchors in memory and verifies a peer's chain with GnuTLS, as
 * glib-networking's own does: the chain up to an anchor, the dates, the
 * purpose (a server certificate for a client) and the host name. With
 * pinned fingerprints (Flink's security.ssl.rest.cert.fingerprint) it
 * trusts the peers that have them and no other, as Netty's
 * FingerprintTrustManagerFactory does for Flink's client.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "flink-keystore-private.h"
#include "flink-i18n-private.h"

struct _FlinkKeystoreDatabase
{
  GTlsDatabase parent_instance;

  GMutex                   mutex; /* the trust list, from any thread */
  gnutls_x509_trust_list_t trust_list;
  GPtrArray               *anchors; /* GBytes, DER */
  GPtrArray               *pins;    /* GBytes, SHA-1 of the only peers to trust */
};

G_DEFINE_FINAL_TYPE (FlinkKeystoreDatabase, _flink_keystore_database, G_TYPE_TLS_DATABASE)

static gnutls_x509_crt_t
certificate_from_der (const guint8 *data,
                      gsize         length)
{
  gnutls_datum_t    datum = { (unsigned char *) data, length };
  gnutls_x509_crt_t certificate;

  if (gnutls_x509_crt_init (&certificate) < 0)
    g_error ("Out of memory");
  if (gnutls_x509_crt_import (certificate, &datum, GNUTLS_X509_FMT_DER) < 0)
    {
      gnutls_x509_crt_deinit (certificate);
      return NULL;
    }
  return certificate;
}

static gnutls_x509_crt_t
certificate_from_tls (GTlsCertificate *tls_certificate)
{
  g_autoptr (GByteArray) der = NULL;

  g_object_get (tls_certificate, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;
  return certificate_from_der (der->data, der->len);
}

/* The name the peer's certificate must bear. */
static char *
identity_to_name (GSocketConnectable *identity)
{
  if (G_IS_NETWORK_ADDRESS (identity))
    return g_strdup (g_network_address_get_hostname (G_NETWORK_ADDRESS (identity)));
  if (G_IS_NETWORK_SERVICE (identity))
    return g_strdup (g_network_service_get_domain (G_NETWORK_SERVICE (identity)));
  if (G_IS_INET_SOCKET_ADDRESS (identity))
    {
      GInetSocketAddress *address = G_INET_SOCKET_ADDRESS (identity);

      return g_inet_address_to_string (g_inet_socket_address_get_address (address));
    }
  return NULL;
}

static GTlsCertificateFlags
convert_status (unsigned status)
{
  GTlsCertificateFlags flags = 0;

  if (status & (GNUTLS_CERT_SIGNER_NOT_FOUND | GNUTLS_CERT_SIGNER_NOT_CA))
    flags |= G_TLS_CERTIFICATE_UNKNOWN_CA;
  if (status & GNUTLS_CERT_NOT_ACTIVATED)
    flags |= G_TLS_CERTIFICATE_NOT_ACTIVATED;
  if (status & GNUTLS_CERT_EXPIRED)
    flags |= G_TLS_CERTIFICATE_EXPIRED;
  if (status & GNUTLS_CERT_REVOKED)
    flags |= G_TLS_CERTIFICATE_REVOKED;
  if (status & GNUTLS_CERT_INSECURE_ALGORITHM)
    flags |= G_TLS_CERTIFICATE_INSECURE;
  if (status & GNUTLS_CERT_UNEXPECTED_OWNER)
    flags |= G_TLS_CERTIFICATE_BAD_IDENTITY;
  status &= ~(GNUTLS_CERT_INVALID | GNUTLS_CERT_SIGNER_NOT_FOUND | GNUTLS_CERT_SIGNER_NOT_CA |
              GNUTLS_CERT_NOT_ACTIVATED | GNUTLS_CERT_EXPIRED | GNUTLS_CERT_REVOKED |
              GNUTLS_CERT_INSECURE_ALGORITHM | GNUTLS_CERT_UNEXPECTED_OWNER);
  if (status != 0 || flags == 0)
    flags |= G_TLS_CERTIFICATE_GENERIC_ERROR;
  return flags;
}

static GTlsCertificateFlags
flink_keystore_database_verify_chain (GTlsDatabase           *database,
                                      GTlsCertificate        *chain,
                                      const char             *purpose,
                                      GSocketConnectable     *identity,
                                      GTlsInteraction        *interaction,
                                      GTlsDatabaseVerifyFlags flags,
                                      GCancellable           *cancellable,
                                      GError                **error)
{
  FlinkKeystoreDatabase *self = FLINK_KEYSTORE_DATABASE (database);
  gnutls_x509_crt_t      certificates[FLINK_KEYSTORE_MAX_CHAIN];
  gnutls_typed_vdata_st  data[2];
  g_autofree char       *name = NULL;
  GTlsCertificateFlags   result;
  guint                  n_certificates = 0, n_data = 0;
  unsigned               status = 0;
  int                    gnutls_error;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return G_TLS_CERTIFICATE_GENERIC_ERROR;

  for (GTlsCertificate *link = chain;
       link != NULL && n_certificates < G_N_ELEMENTS (certificates);
       link = g_tls_certificate_get_issuer (link))
    {
      gnutls_x509_crt_t certificate = certificate_from_tls (link);

      if (certificate == NULL)
        break;
      certificates[n_certificates++] = certificate;
    }
  if (n_certificates == 0)
    return G_TLS_CERTIFICATE_GENERIC_ERROR;

  if (self->pins->len > 0)
    {
      gboolean pinned = FALSE;
      guint8   digest[20];
      size_t   digest_size = sizeof digest;

      if (gnutls_x509_crt_get_fingerprint (certificates[0], GNUTLS_DIG_SHA1,
                                           digest, &digest_size) == 0)
        for (guint i = 0; i < self->pins->len && !pinned; i++)
          pinned = memcmp (g_bytes_get_data (g_ptr_array_index (self->pins, i), NULL),
                           digest, sizeof digest) == 0;
      for (guint i = 0; i < n_certificates; i++)
        gnutls_x509_crt_deinit (certificates[i]);
      return pinned ? 0 : G_TLS_CERTIFICATE_UNKNOWN_CA;
    }

  /* What the certificate is for: serving TLS, for a client. */
  if (purpose != NULL)
    data[n_data++] = (gnutls_typed_vdata_st) {
      GNUTLS_DT_KEY_PURPOSE_OID, (unsigned char *) purpose, 0
    };
  name = identity != NULL ? identity_to_name (identity) : NULL;

  g_mutex_lock (&self->mutex);
  gnutls_error = gnutls_x509_trust_list_verify_crt2 (self->trust_list, certificates, n_certificates,
                                                     data, n_data, 0, &status, NULL);
  g_mutex_unlock (&self->mutex);

  result = gnutls_error < 0 ? G_TLS_CERTIFICATE_GENERIC_ERROR
                            : (status == 0 ? 0 : convert_status (status));
  if (identity != NULL && (name == NULL ||
                           !gnutls_x509_crt_check_hostname2 (certificates[0], name, 0)))
    result |= G_TLS_CERTIFICATE_BAD_IDENTITY;

  for (guint i = 0; i < n_certificates; i++)
    gnutls_x509_crt_deinit (certificates[i]);
  return result;
}

static GTlsCertificate *
flink_keystore_database_lookup_certificate_issuer (GTlsDatabase           *database,
                                                   GTlsCertificate        *certificate,
                                                   GTlsInteraction        *interaction,
                                                   GTlsDatabaseLookupFlags flags,
                                                   GCancellable           *cancellable,
                                                   GError                **error)
{
  FlinkKeystoreDatabase *self = FLINK_KEYSTORE_DATABASE (database);
  gnutls_x509_crt_t      child;
  GTlsCertificate       *issuer = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      (flags & G_TLS_DATABASE_LOOKUP_KEYPAIR) != 0)
    return NULL;
  child = certificate_from_tls (certificate);
  if (child == NULL)
    return NULL;
  for (guint i = 0; i < self->anchors->len && issuer == NULL; i++)
    {
      GBytes           *der = g_ptr_array_index (self->anchors, i);
      gnutls_x509_crt_t anchor = certificate_from_der (g_bytes_get_data (der, NULL),
                                                       g_bytes_get_size (der));

      if (anchor != NULL && gnutls_x509_crt_check_issuer (child, anchor))
        {
          GType                  type = g_tls_backend_get_certificate_type (g_tls_backend_get_default ());
          g_autoptr (GByteArray) bytes = g_byte_array_new ();

          g_byte_array_append (bytes, g_bytes_get_data (der, NULL), g_bytes_get_size (der));
          issuer = g_initable_new (type, NULL, NULL, "certificate", bytes, NULL);
        }
      if (anchor != NULL)
        gnutls_x509_crt_deinit (anchor);
    }
  gnutls_x509_crt_deinit (child);
  return issuer;
}

static GList *
flink_keystore_database_lookup_certificates_issued_by (GTlsDatabase           *database,
                                                       GByteArray             *issuer_raw_dn,
                                                       GTlsInteraction        *interaction,
                                                       GTlsDatabaseLookupFlags flags,
                                                       GCancellable           *cancellable,
                                                       GError                **error)
{
  /* Anchors only: no certificates issued by anyone to look up. */
  g_cancellable_set_error_if_cancelled (cancellable, error);
  return NULL;
}

static char *
flink_keystore_database_create_certificate_handle (GTlsDatabase    *database,
                                                   GTlsCertificate *certificate)
{
  return NULL;
}

static GTlsCertificate *
flink_keystore_database_lookup_certificate_for_handle (GTlsDatabase           *database,
                                                       const char             *handle,
                                                       GTlsInteraction        *interaction,
                                                       GTlsDatabaseLookupFlags flags,
                                                       GCancellable           *cancellable,
                                                       GError                **error)
{
  g_cancellable_set_error_if_cancelled (cancellable, error);
  return NULL;
}

static void
flink_keystore_database_finalize (GObject *object)
{
  FlinkKeystoreDatabase *self = FLINK_KEYSTORE_DATABASE (object);

  if (self->trust_list != NULL)
    gnutls_x509_trust_list_deinit (self->trust_list, 1);
  g_clear_pointer (&self->anchors, g_ptr_array_unref);
  g_clear_pointer (&self->pins, g_ptr_array_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (_flink_keystore_database_parent_class)->finalize (object);
}

static void
_flink_keystore_database_class_init (FlinkKeystoreDatabaseClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GTlsDatabaseClass *database_class = G_TLS_DATABASE_CLASS (klass);

  object_class->finalize = flink_keystore_database_finalize;
  database_class->verify_chain = flink_keystore_database_verify_chain;
  database_class->lookup_certificate_issuer = flink_keystore_database_lookup_certificate_issuer;
  database_class->lookup_certificates_issued_by =
    flink_keystore_database_lookup_certificates_issued_by;
  database_class->create_certificate_handle = flink_keystore_database_create_certificate_handle;
  database_class->lookup_certificate_for_handle =
    flink_keystore_database_lookup_certificate_for_handle;
}

static void
_flink_keystore_database_init (FlinkKeystoreDatabase *self)
{
  g_mutex_init (&self->mutex);
  self->anchors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  self->pins = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
}

GTlsDatabase *
_flink_keystore_database_new (GPtrArray *anchors,
                              GPtrArray *pins,
                              GError   **error)
{
  g_autoptr (FlinkKeystoreDatabase) self = g_object_new (FLINK_TYPE_KEYSTORE_DATABASE, NULL);
  g_autofree gnutls_x509_crt_t     *certificates = g_new0 (gnutls_x509_crt_t, MAX (anchors->len, 1));
  int                               status;

  if (gnutls_x509_trust_list_init (&self->trust_list, 0) < 0)
    g_error ("Out of memory");
  for (guint i = 0; i < anchors->len; i++)
    {
      GBytes *der = g_ptr_array_index (anchors, i);

      certificates[i] = certificate_from_der (g_bytes_get_data (der, NULL), g_bytes_get_size (der));
      if (certificates[i] == NULL)
        {
          for (guint j = 0; j < i; j++)
            gnutls_x509_crt_deinit (certificates[j]);
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                       _ ("one of its certificates cannot be parsed"));
          return NULL;
        }
      g_ptr_array_add (self->anchors, g_bytes_ref (der));
    }
  for (guint i = 0; pins != NULL && i < pins->len; i++)
    g_ptr_array_add (self->pins, g_bytes_ref (g_ptr_array_index (pins, i)));
  /* The list takes the certificates. */
  status = gnutls_x509_trust_list_add_cas (self->trust_list, certificates, anchors->len, 0);
  if (status < 0)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("its certificates cannot be trusted: %s"), gnutls_strerror (status));
      return NULL;
    }
  return G_TLS_DATABASE (g_steal_pointer (&self));
}
