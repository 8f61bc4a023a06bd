/* flink-keystore-config.c: Flink's TLS configuration keys, read as Flink's
 * own REST client reads them
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
 * Flink's configuration
 * ------------------------------------------------------------------------ */

/* @key, else @fallback (Flink's security.ssl.* keys, which serve internal
 * and REST connectivity alike); an empty value is no value. *out_key says
 * which key held it, or @key when neither did. */
static const char *
lookup (GHashTable  *config,
        const char  *key,
        const char  *fallback,
        const char **out_key)
{
  const char *value = g_hash_table_lookup (config, key);

  *out_key = key;
  if ((value == NULL || value[0] == '\0') && fallback != NULL)
    {
      value = g_hash_table_lookup (config, fallback);
      if (value != NULL && value[0] != '\0')
        *out_key = fallback;
    }
  return (value != NULL && value[0] != '\0') ? value : NULL;
}

gboolean
_flink_connection_settings_apply_tls_config (FlinkConnectionSettings *settings,
                                             GHashTable              *config,
                                             const char              *file_name,
                                             GError                 **error)
{
  GUri       *endpoint = settings->endpoints->len > 0 ? g_ptr_array_index (settings->endpoints, 0) : NULL;
  const char *mutual = g_hash_table_lookup (config, "security.ssl.rest.authentication-enabled");
  const char *path_key, *password_key, *key_password_key, *type_key, *fingerprints_key;
  const char *truststore, *password;

  /* Flink's REST client reads none of them without REST SSL (https). */
  if (endpoint == NULL || g_strcmp0 (g_uri_get_scheme (endpoint), "https") != 0)
    return TRUE;

  /* No truststore: the system's, as Flink's client then takes the JVM's. */
  truststore = lookup (config, "security.ssl.rest.truststore", "security.ssl.truststore",
                       &path_key);
  password = lookup (config, "security.ssl.rest.truststore-password",
                     "security.ssl.truststore-password", &password_key);
  if (truststore == NULL && password != NULL)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("%s sets %s but no truststore: name it as security.ssl.rest.truststore"),
                   file_name, password_key);
      return FALSE;
    }
  if (truststore != NULL)
    {
      FlinkKeystoreSpec spec = {
        .role = "truststore",
        .path = truststore,
        .type = lookup (config, "security.ssl.rest.truststore-type", NULL, &type_key),
        .password = password,
        .config_file = file_name,
        .path_key = path_key,
        .password_key = password_key,
        .type_key = type_key,
        .fingerprints = lookup (config, "security.ssl.rest.cert.fingerprint", NULL,
                                &fingerprints_key),
        .fingerprints_key = fingerprints_key,
      };
      GTlsDatabase *database = _flink_keystore_load_truststore (&spec, error);

      if (database == NULL)
        return FALSE;
      g_free (settings->tls_ca_file);
      settings->tls_ca_file = g_strdup (truststore);
      g_set_object (&settings->tls_database, database);
      g_object_unref (database);
    }

  /* Mutual TLS: the client shows the keystore's key and certificate, as
   * Flink's own client does with the same keys. */
  if (mutual != NULL && g_ascii_strcasecmp (mutual, "true") == 0)
    {
      FlinkKeystoreSpec spec = {
        .role = "keystore",
        .path = lookup (config, "security.ssl.rest.keystore", "security.ssl.keystore", &path_key),
        .type = lookup (config, "security.ssl.rest.keystore-type", NULL, &type_key),
        .password = lookup (config, "security.ssl.rest.keystore-password",
                            "security.ssl.keystore-password", &password_key),
        .key_password = lookup (config, "security.ssl.rest.key-password",
                                "security.ssl.key-password", &key_password_key),
        .config_file = file_name,
        .path_key = path_key,
        .password_key = password_key,
        .key_password_key = key_password_key,
        .type_key = type_key,
      };
      GTlsCertificate *certificate;

      if (spec.path == NULL)
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                       _ ("%s sets security.ssl.rest.authentication-enabled (mutual TLS) but "
                          "no keystore: name the one holding the client's key and certificate "
                          "as security.ssl.rest.keystore"),
                       file_name);
          return FALSE;
        }
      certificate = _flink_keystore_load_keystore (&spec, error);
      if (certificate == NULL)
        return FALSE;
      g_set_object (&settings->tls_certificate, certificate);
      g_object_unref (certificate);
    }
  return TRUE;
}
