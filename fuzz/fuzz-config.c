/* fuzz-config.c: Flink's configuration files, as flinkjob reads them
 *
 * The YAML parser and flattener (_flink_config_parse), then what a
 * descriptor does with the result: the cluster's URL
 * (_flink_config_to_url, _flink_endpoint_parse) and the client-side keys
 * (_flink_connection_settings_apply_config). Seeded from the
 * configurations the tests write and Flink's own config.yaml.
 *
 * Invariants: a table or a FLINK_ERROR_INVALID_ARGUMENT naming the file;
 * keys and values UTF-8 and within the limits; a URL made from any table
 * is one that flinkjob accepts, or refused with an error.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "fuzz-common.h"

#define FILE_NAME "fuzz/config.yaml"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) config = NULL;
  g_autofree char *url = NULL;
  GHashTableIter iter;
  gpointer key, value;

  fuzz_init ();
  config = _flink_config_parse ((const char *) data, size, FILE_NAME, &error);
  fuzz_check_outcome (config, error, -1, "config parse");
  if (config == NULL)
    {
      FUZZ_CHECK (strstr (error->message, FILE_NAME) != NULL, "the file is not named: %s",
                  error->message);
      FUZZ_CHECK (error->code == FLINK_ERROR_INVALID_ARGUMENT || error->code == FLINK_ERROR_FAILED,
                  "code %d: %s", error->code, error->message);
      return 0;
    }

  g_hash_table_iter_init (&iter, config);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      fuzz_check_utf8 (key, "key");
      fuzz_check_utf8 (value, "value");
    }
  /* A truststore is a file to read: not one that the input names. */
  if (g_hash_table_contains (config, "security.ssl.rest.truststore"))
    g_hash_table_replace (config, g_strdup ("security.ssl.rest.truststore"),
                          g_strdup ("/nonexistent/flinkjob-fuzz/truststore.pem"));

  url = _flink_config_to_url (config, FILE_NAME, &error);
  fuzz_check_outcome (url, error, FLINK_ERROR_INVALID_ARGUMENT, "config URL");
  g_clear_error (&error);
  if (url != NULL)
    {
      g_autoptr(GUri) endpoint = NULL;

      fuzz_check_utf8 (url, "config URL");
      endpoint = _flink_endpoint_parse (url, &error);
      fuzz_check_outcome (endpoint, error, FLINK_ERROR_INVALID_ARGUMENT, "config endpoint");
      g_clear_error (&error);
      if (endpoint != NULL)
        {
          g_autofree char *shown = _flink_endpoint_to_display (endpoint);

          fuzz_check_utf8 (shown, "endpoint display");
        }
    }

  {
    FlinkConnectionSettings *settings = _flink_connection_settings_new ();
    gboolean applied = _flink_connection_settings_apply_config (settings, config, FILE_NAME, &error);

    fuzz_check_outcome (applied ? settings : NULL, error, -1, "apply config");
    FUZZ_CHECK (settings->retry_max_attempts >= 1, "%u attempts", settings->retry_max_attempts);
    _flink_connection_settings_free (settings);
  }
  return 0;
}
