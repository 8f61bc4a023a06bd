/* test-config.c: finding the cluster from Flink's own configuration files
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <glib/gstdio.h>

#include "flinkjob.h"
#include "flink-config-private.h"

static char *
write_config (const char *dir,
              const char *name,
              const char *text)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static char *
url_for_config_text (const char  *name,
                     const char  *text,
                     GError     **error)
{
  g_autofree char *dir = g_dir_make_tmp ("flinkjob-config-XXXXXX", NULL);
  g_autofree char *path = write_config (dir, name, text);
  g_autoptr(FlinkClusterDescriptor) descriptor = flink_cluster_descriptor_new_from_config (dir, error);
  char *url = descriptor ? g_strdup (flink_cluster_descriptor_get_url (descriptor)) : NULL;

  g_unlink (path);
  g_rmdir (dir);
  return url;
}

static void
test_nested_yaml (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = url_for_config_text ("config.yaml",
    "# Flink 2.x style\n"
    "jobmanager:\n"
    "  rpc:\n"
    "    address: jm.example.com\n"
    "rest:\n"
    "  address: flink.example.com\n"
    "  port: 18081\n"
    "env:\n"
    "  java:\n"
    "    opts:\n"
    "      all: --add-opens=java.base/java.lang=ALL-UNNAMED\n", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, "http://flink.example.com:18081");
}

static void
test_flat_yaml (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = url_for_config_text ("config.yaml",
    "rest.address: 10.0.0.5\n"
    "rest.port: 8082\n"
    "rest.path: /flink/\n"
    "security.ssl.rest.enabled: true\n", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, "https://10.0.0.5:8082/flink");
}

static void
test_legacy_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = url_for_config_text ("flink-conf.yaml",
    "jobmanager.rpc.address: legacy-host\n"
    "taskmanager.numberOfTaskSlots: 4\n", &error);

  /* rest.address falls back to jobmanager.rpc.address, port to 8081. */
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, "http://legacy-host:8081");
}

static void
test_defaults (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = url_for_config_text ("config.yaml", "parallelism.default: 2\n", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, "http://localhost:8081");
}

static void
test_lists_flattened (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) config = _flink_config_parse (
    "pipeline:\n  jars:\n    - a.jar\n    - b.jar\n", -1, "test.yaml", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (config, "pipeline.jars"), ==, "a.jar;b.jar");
}

static void
test_not_yaml (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = url_for_config_text ("config.yaml",
    "rest:\n  port: [8081\n  address: {oops\n", &error);

  g_assert_null (url);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "config.yaml is not valid YAML"));
  g_assert_nonnull (strstr (error->message, "line"));
}

static void
test_not_a_mapping (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = url_for_config_text ("config.yaml", "- just\n- a list\n", &error);

  g_assert_null (url);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "not a Flink configuration"));
}

static void
test_bad_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = url_for_config_text ("config.yaml", "rest.port: eighty\n", &error);

  g_assert_null (url);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "rest.port"));
  g_assert_nonnull (strstr (error->message, "eighty"));
}

static void
test_missing_directory (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("flinkjob-config-XXXXXX", NULL);
  g_autoptr(FlinkClusterDescriptor) descriptor = flink_cluster_descriptor_new_from_config (dir, &error);

  g_assert_null (descriptor);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, dir));
  g_rmdir (dir);
}

static void
test_flink_conf_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("flinkjob-config-XXXXXX", NULL);
  g_autofree char *path = write_config (dir, "config.yaml", "rest:\n  port: 9091\n");
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;

  g_setenv ("FLINK_CONF_DIR", dir, TRUE);
  descriptor = flink_cluster_descriptor_new_from_config (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (flink_cluster_descriptor_get_url (descriptor), ==, "http://localhost:9091");

  g_unsetenv ("FLINK_CONF_DIR");
  g_clear_object (&descriptor);
  descriptor = flink_cluster_descriptor_new_from_config (NULL, &error);
  g_assert_null (descriptor);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "FLINK_CONF_DIR"));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/config/nested-yaml", test_nested_yaml);
  g_test_add_func ("/config/flat-yaml", test_flat_yaml);
  g_test_add_func ("/config/legacy-flink-conf", test_legacy_file);
  g_test_add_func ("/config/defaults", test_defaults);
  g_test_add_func ("/config/lists", test_lists_flattened);
  g_test_add_func ("/config/not-yaml", test_not_yaml);
  g_test_add_func ("/config/not-a-mapping", test_not_a_mapping);
  g_test_add_func ("/config/bad-port", test_bad_port);
  g_test_add_func ("/config/missing", test_missing_directory);
  g_test_add_func ("/config/flink-conf-dir", test_flink_conf_dir);

  return g_test_run ();
}
