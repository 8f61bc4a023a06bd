/* flink-cluster-descriptor-tls.c: how a descriptor's clusters are trusted,
 * and how they trust us: CA files, Java truststores and keystores, client
 * certificates
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"
#include "flink-cluster-descriptor-private.h"
#include "flink-file-private.h"
#include "flink-keystore-private.h"
#include "flink-i18n-private.h"

/**
 * flink_cluster_descriptor_get_tls_ca_file:
 * @self: a cluster descriptor
 *
 * Gets [property@Flink.ClusterDescriptor:tls-ca-file].
 *
 * Returns: (nullable) (type filename): the CA file, or %NULL for the
 *   system's trust store
 *
 * Since: 1.0
 */
const char *
flink_cluster_descriptor_get_tls_ca_file (FlinkClusterDescriptor *self)
{
  FlinkConnectionSettings *settings = _flink_cluster_descriptor_edit_settings (self);
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), NULL);
  return settings->tls_ca_file;
}

/**
 * flink_cluster_descriptor_set_tls_ca_file:
 * @self: a cluster descriptor
 * @path: (nullable) (type filename): a PEM file of CA certificates, or
 *   %NULL for the system's trust store
 * @error: return location for a #GError
 *
 * Trusts the CAs in @path, instead of the system's, for https endpoints:
 * for a cluster whose REST certificate a private CA signed. The file is
 * read now.
 *
 * Returns: %TRUE on success, %FALSE with %FLINK_ERROR_INVALID_ARGUMENT if
 *   the file cannot be read as PEM certificates
 *
 * Since: 1.0
 */
gboolean
flink_cluster_descriptor_set_tls_ca_file (FlinkClusterDescriptor *self,
                                          const char             *path,
                                          GError                **error)
{
  FlinkConnectionSettings *settings = _flink_cluster_descriptor_edit_settings (self);
  g_autoptr (GTlsDatabase) database = NULL;
  g_autoptr (GError)       local_error = NULL;

  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (path != NULL)
    {
      /* GnuTLS would block on a FIFO, and read a device without end. */
      if (_flink_file_check_regular (path, FLINK_KEYSTORE_MAX_SIZE, &local_error))
        database = g_tls_file_database_new (path, &local_error);
      if (database == NULL)
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                       _ ("Cannot use %s as the CA file for %s: %s"),
                       path, flink_cluster_descriptor_get_url (self) ? flink_cluster_descriptor_get_url (self) : "the cluster", local_error->message);
          return FALSE;
        }
    }
  g_set_object (&settings->tls_database, database);
  g_free (settings->tls_ca_file);
  settings->tls_ca_file = g_strdup (path);
  _flink_cluster_descriptor_notify (self, "tls-ca-file");
  return TRUE;
}

/**
 * flink_cluster_descriptor_get_tls_client_certificate:
 * @self: a cluster descriptor
 *
 * Gets [property@Flink.ClusterDescriptor:tls-client-certificate].
 *
 * Returns: (nullable) (transfer none): the client certificate, or %NULL
 *
 * Since: 1.0
 */
GTlsCertificate *
flink_cluster_descriptor_get_tls_client_certificate (FlinkClusterDescriptor *self)
{
  FlinkConnectionSettings *settings = _flink_cluster_descriptor_edit_settings (self);
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), NULL);
  return settings->tls_certificate;
}

/**
 * flink_cluster_descriptor_set_tls_client_certificate:
 * @self: a cluster descriptor
 * @certificate: (nullable): a certificate with its private key, or %NULL
 *
 * Sets [property@Flink.ClusterDescriptor:tls-client-certificate], for
 * clusters that authenticate their REST clients (mutual TLS).
 *
 * Since: 1.0
 */
void
flink_cluster_descriptor_set_tls_client_certificate (FlinkClusterDescriptor *self,
                                                     GTlsCertificate        *certificate)
{
  FlinkConnectionSettings *settings = _flink_cluster_descriptor_edit_settings (self);
  g_return_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));

  if (g_set_object (&settings->tls_certificate, certificate))
    _flink_cluster_descriptor_notify (self, "tls-client-certificate");
}

/**
 * flink_cluster_descriptor_set_tls_truststore:
 * @self: a cluster descriptor
 * @path: (nullable) (type filename): a truststore: a Java keystore, JKS or
 *   PKCS12, as Flink's `security.ssl.rest.truststore` names one, or a PEM
 *   file of CA certificates; %NULL for the system's trust store
 * @password: (nullable): the truststore's password (Flink's
 *   `security.ssl.rest.truststore-password`); a PEM file needs none
 * @error: return location for a #GError
 *
 * Trusts what Flink's own REST client trusts with this truststore, instead
 * of the system's CAs, for https endpoints: its trusted certificate entries
 * and the certificate of each private key entry (so that a REST keystore
 * with a self-signed certificate is its own truststore, as in Flink's SSL
 * setup guide).
 *
 * The format is read from the file, as Java reads JKS and PKCS12 whatever
 * the store type says; a JCEKS keystore is refused with the `keytool`
 * command that converts it. The file is read now and its integrity checked
 * with @password, which is not kept. Sets
 * [property@Flink.ClusterDescriptor:tls-ca-file] to @path.
 *
 * Returns: %TRUE on success; %FALSE with %FLINK_ERROR_INVALID_ARGUMENT if
 *   the file cannot be read, is damaged, holds no certificate or @password
 *   is not its password, or with %FLINK_ERROR_NOT_SUPPORTED for a keystore
 *   flinkjob cannot read (JCEKS)
 *
 * Since: 1.0
 */
gboolean
flink_cluster_descriptor_set_tls_truststore (FlinkClusterDescriptor *self,
                                             const char             *path,
                                             const char             *password,
                                             GError                **error)
{
  FlinkConnectionSettings *settings = _flink_cluster_descriptor_edit_settings (self);
  g_autoptr (GTlsDatabase) database = NULL;

  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (path != NULL)
    {
      FlinkKeystoreSpec spec = { .role = "truststore", .path = path, .password = password };

      database = _flink_keystore_load_truststore (&spec, error);
      if (database == NULL)
        return FALSE;
    }
  g_set_object (&settings->tls_database, database);
  g_free (settings->tls_ca_file);
  settings->tls_ca_file = g_strdup (path);
  _flink_cluster_descriptor_notify (self, "tls-ca-file");
  return TRUE;
}

/**
 * flink_cluster_descriptor_set_tls_keystore:
 * @self: a cluster descriptor
 * @path: (nullable) (type filename): a Java keystore, JKS or PKCS12, as
 *   Flink's `security.ssl.rest.keystore` names one, or a PEM file holding a
 *   private key and its certificates; %NULL for no client certificate
 * @password: (nullable): the keystore's password (Flink's
 *   `security.ssl.rest.keystore-password`); a PEM file needs none
 * @key_password: (nullable): the password of its private key (Flink's
 *   `security.ssl.rest.key-password`), or %NULL if it is @password, as
 *   `keytool` makes it unless told otherwise (and always for PKCS12)
 * @error: return location for a #GError
 *
 * Presents the keystore's private key entry, with its certificate chain, to
 * clusters that authenticate their REST clients
 * (`security.ssl.rest.authentication-enabled`, mutual TLS), as Flink's own
 * REST client does; the first such entry, if the keystore holds several.
 * The key is decrypted now; neither password is kept. Sets
 * [property@Flink.ClusterDescriptor:tls-client-certificate].
 *
 * Returns: %TRUE on success; %FALSE with %FLINK_ERROR_INVALID_ARGUMENT if
 *   the file cannot be read, is damaged, holds no private key entry, or a
 *   password is wrong, or with %FLINK_ERROR_NOT_SUPPORTED for a keystore
 *   flinkjob cannot read (JCEKS)
 *
 * Since: 1.0
 */
gboolean
flink_cluster_descriptor_set_tls_keystore (FlinkClusterDescriptor *self,
                                           const char             *path,
                                           const char             *password,
                                           const char             *key_password,
                                           GError                **error)
{
  g_autoptr (GTlsCertificate) certificate = NULL;

  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (path != NULL)
    {
      FlinkKeystoreSpec spec = {
        .role = "keystore",
        .path = path,
        .password = password,
        .key_password = key_password,
      };

      certificate = _flink_keystore_load_keystore (&spec, error);
      if (certificate == NULL)
        return FALSE;
    }
  flink_cluster_descriptor_set_tls_client_certificate (self, certificate);
  return TRUE;
}
