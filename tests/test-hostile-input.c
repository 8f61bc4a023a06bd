/* test-hostile-input.c: files, URLs, headers and answers made to hurt
 *
 * What a crafted configuration file, a malformed URL holding a password,
 * a header with a line break or a server's broken JSON did before (spun
 * forever, took gigabytes, blocked in open(), echoed the password, made
 * libsoup warn and drop the header, handed out text that is not UTF-8),
 * each checked here against what it must do now: a FLINK_ERROR that says
 * which limit or what is wrong, quickly, without the secret.
 *
 * Cases that used to hang or take gigabytes run in a subprocess, with a
 * deadline (a generous one: it only turns a hang into a failure) and,
 * outside AddressSanitizer, a 2 GiB address-space limit, so that a
 * regression fails the test instead of taking the machine's memory.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <glib/gstdio.h>

#include "flinkjob.h"
#include "flink-config-private.h"
#include "flink-connection-private.h"
#include "flink-decoders-private.h"
#include "flink-error-private.h"
#include "flink-json-private.h"
#include "flink-headers-private.h"
#include "flink-test-utils.h"
#include "flink-url-private.h"

#define SUBPROCESS_DEADLINE (120 * G_USEC_PER_SEC)

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* In the subprocess: a regression must fail, not swap. */
static void
limit_memory (void)
{
#ifndef UNDER_ASAN
  struct rlimit limit = { 2UL << 30, 2UL << 30 };

  g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);
#endif
}

/* Runs the current test again in a subprocess; it must pass before the
 * deadline. */
static void
run_in_subprocess (void)
{
  g_test_trap_subprocess (NULL, SUBPROCESS_DEADLINE, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
assert_error_mentions (const GError *error,
                       const char   *first,
                       ...) G_GNUC_NULL_TERMINATED;

static void
assert_error_mentions (const GError *error,
                       const char   *first,
                       ...)
{
  va_list args;

  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  va_start (args, first);
  for (const char *part = first; part != NULL; part = va_arg (args, const char *))
    if (strstr (error->message, part) == NULL)
      g_error ("“%s” is not in the message “%s”", part, error->message);
  va_end (args);
}

/* ---- Configuration files ------------------------------------------------ */

static GHashTable *
parse_config (const char  *text,
              GError     **error)
{
  return _flink_config_parse (text, -1, "config.yaml", error);
}

static void
test_config_recursive_alias (void)
{
  const char *texts[] = {
    /* 57 bytes: before, this spun forever. */
    "rest: &r\n  address: localhost\n  port: 8081\n  again: *r\n",
    "a: &x [1, *x]\n",
    "a: &x {b: {c: {d: *x}}}\n",
  };

  if (g_test_subprocess ())
    {
      limit_memory ();
      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GHashTable) config = parse_config (texts[i], &error);

          g_assert_null (config);
          g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
          assert_error_mentions (error, "config.yaml", "recursive alias", "line ", NULL);
        }
      return;
    }
  run_in_subprocess ();
}

/* Nine levels of ten aliases each: a billion values once expanded. */
static char *
billion_laughs (void)
{
  GString *text = g_string_new ("l0: &l0 {a: lol, b: lol, c: lol, d: lol, e: lol, "
                                "f: lol, g: lol, h: lol, i: lol, j: lol}\n");

  for (guint level = 1; level < 9; level++)
    {
      g_string_append_printf (text, "l%u: &l%u {", level, level);
      for (char key = 'a'; key <= 'j'; key++)
        g_string_append_printf (text, "%s%c: *l%u", key > 'a' ? ", " : "", key, level - 1);
      g_string_append (text, "}\n");
    }
  return g_string_free (text, FALSE);
}

static void
test_config_billion_laughs (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *text = billion_laughs ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GHashTable) config = NULL;

      limit_memory ();
      g_test_message ("%zu bytes", strlen (text));
      config = parse_config (text, &error);
      g_assert_null (config);
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
      assert_error_mentions (error, "config.yaml", "100000", "line ", NULL);
      return;
    }
  run_in_subprocess ();
}

/* Aliases of a long value, which few nodes would not stop. */
static void
test_config_long_aliases (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *long_value = g_strnfill (512 * 1024, 'x');
      GString *text = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GHashTable) config = NULL;

      limit_memory ();
      g_string_append_printf (text, "v: &v %s\nlist: [", long_value);
      for (guint i = 0; i < 1000; i++)
        g_string_append (text, i ? ", *v" : "*v");
      g_string_append (text, "]\n");
      config = parse_config (text->str, &error);
      g_string_free (text, TRUE);
      g_assert_null (config);
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
      assert_error_mentions (error, "config.yaml", "MiB", "line ", NULL);
      return;
    }
  run_in_subprocess ();
}

static void
test_config_deep_nesting (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *open = g_strnfill (100000, '[');
      g_autofree char *close = g_strnfill (100000, ']');
      g_autofree char *flow = g_strconcat ("rest.port: 8081\ndeep: ", open, close, "\n", NULL);
      GString *aliased = g_string_new ("a: &a ");
      g_autoptr(GError) error = NULL;
      g_autoptr(GHashTable) config = NULL;

      limit_memory ();
      /* 200 KB took 22 s before, and was then accepted. */
      config = parse_config (flow, &error);
      g_assert_null (config);
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
      assert_error_mentions (error, "config.yaml", "64 deep", "line 2", NULL);
      g_clear_error (&error);

      /* 40 levels, then 40 more around an alias of the first 40. */
      for (guint i = 0; i < 40; i++)
        g_string_append (aliased, "{k: ");
      g_string_append (aliased, "v");
      for (guint i = 0; i < 40; i++)
        g_string_append (aliased, "}");
      g_string_append (aliased, "\nb: ");
      for (guint i = 0; i < 40; i++)
        g_string_append (aliased, "{k: ");
      g_string_append (aliased, "*a");
      for (guint i = 0; i < 40; i++)
        g_string_append (aliased, "}");
      g_string_append (aliased, "\n");
      config = parse_config (aliased->str, &error);
      g_string_free (aliased, TRUE);
      g_assert_null (config);
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
      assert_error_mentions (error, "config.yaml", "64 deep through its aliases", NULL);
      return;
    }
  run_in_subprocess ();
}

/* Deep enough for any Flink configuration is still read. */
static void
test_config_within_limits (void)
{
  GString *text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) config = NULL;
  g_autofree char *key = NULL;

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (text, "%*sk%u:\n", 2 * i, "", i);
  g_string_append_printf (text, "%*sleaf: yes\n", 120, "");
  g_string_append (text, "base: &base {port: 8081}\nrest: *base\n");
  config = parse_config (text->str, &error);
  g_string_free (text, TRUE);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (config, "rest.port"), ==, "8081");
  text = g_string_new ("k0");
  for (guint i = 1; i < 60; i++)
    g_string_append_printf (text, ".k%u", i);
  g_string_append (text, ".leaf");
  key = g_string_free (text, FALSE);
  g_assert_cmpstr (g_hash_table_lookup (config, key), ==, "yes");
}

static void
test_config_too_large (void)
{
  g_autofree char *dir = g_dir_make_tmp ("flinkjob-hostile-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "config.yaml", NULL);
  GString *text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;

  while (text->len <= 1024 * 1024)
    g_string_append (text, "# a comment line that Flink would ignore, again and again\n");
  g_string_append (text, "rest.port: 8081\n");
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  g_string_free (text, TRUE);

  descriptor = flink_cluster_descriptor_new_from_config (dir, &error);
  g_assert_null (descriptor);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  assert_error_mentions (error, path, "1024 KiB", NULL);
  g_clear_error (&error);

  g_assert_null (_flink_config_parse ("{}", 2 * 1024 * 1024, "big.yaml", &error));
  assert_error_mentions (error, "big.yaml", "1024 KiB", NULL);

  g_unlink (path);
  g_rmdir (dir);
}

/* A FIFO, a device, a directory: each refused at once with a message that
 * says what it is, never opened for a blocking read. */
static void
test_config_not_a_file (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_dir_make_tmp ("flinkjob-hostile-XXXXXX", NULL);
      g_autofree char *fifo_dir = g_build_filename (dir, "fifo", NULL);
      g_autofree char *fifo = g_build_filename (fifo_dir, "config.yaml", NULL);
      g_autofree char *dir_dir = g_build_filename (dir, "dir", NULL);
      g_autofree char *dir_file = g_build_filename (dir_dir, "config.yaml", NULL);
      struct {
        const char *path;
        const char *says;
      } cases[] = {
        { fifo_dir, "FIFO" },
        { fifo, "FIFO" },
        { "/dev/zero", "character device" },
        { dir_dir, "a directory" },
      };

      limit_memory ();
      g_assert_cmpint (g_mkdir (fifo_dir, 0700), ==, 0);
      g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
      g_assert_cmpint (g_mkdir (dir_dir, 0700), ==, 0);
      g_assert_cmpint (g_mkdir (dir_file, 0700), ==, 0);

      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(FlinkClusterDescriptor) descriptor =
            flink_cluster_descriptor_new_from_config (cases[i].path, &error);

          g_assert_null (descriptor);
          g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
          assert_error_mentions (error, cases[i].says, NULL);
        }

      /* A truststore that GnuTLS would open for a blocking read. */
      {
        g_autofree char *conf_dir = g_build_filename (dir, "tls", NULL);
        g_autofree char *text = g_strdup_printf ("security.ssl.rest.enabled: true\n"
                                                 "security.ssl.rest.truststore: %s\n", fifo);
        g_autofree char *conf = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(FlinkClusterDescriptor) descriptor = NULL;

        g_assert_cmpint (g_mkdir (conf_dir, 0700), ==, 0);
        conf = g_build_filename (conf_dir, "config.yaml", NULL);
        g_assert_true (g_file_set_contents (conf, text, -1, NULL));
        descriptor = flink_cluster_descriptor_new_from_config (conf_dir, &error);
        g_assert_null (descriptor);
        assert_error_mentions (error, "security.ssl.rest.truststore", "FIFO", NULL);
        g_unlink (conf);
        g_rmdir (conf_dir);
      }
      g_unlink (fifo);
      g_rmdir (fifo_dir);
      g_rmdir (dir_file);
      g_rmdir (dir_dir);
      g_rmdir (dir);
      return;
    }
  run_in_subprocess ();
}

/* ---- JSON answers --------------------------------------------------------- */

static char *
recorded_text (const char *name)
{
  g_autofree char *path = g_build_filename (flink_test_srcdir (), "responses", "2.3", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* @text with its only @placeholder replaced. */
static char *
replace_once (const char *text,
              const char *placeholder,
              const char *replacement)
{
  g_auto(GStrv) halves = g_strsplit (text, placeholder, -1);

  g_assert_cmpuint (g_strv_length (halves), ==, 2);
  return g_strconcat (halves[0], replacement, halves[1], NULL);
}

static JsonNode *
parse_text (const char  *text,
            gsize        length,
            GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);

  return _flink_json_parse (bytes, error);
}

static void
test_json_too_many_values (void)
{
  if (g_test_subprocess ())
    {
      /* 250,001 empty objects: some 75 MB in json-glib, which the limit
       * refuses before parsing (10 million took 3 GB). */
      guint n = 250001;
      GString *text = g_string_sized_new (3 * n + 16);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;

      limit_memory ();
      g_string_append (text, "{\"jobs\": [");
      for (guint i = 0; i < n; i++)
        g_string_append (text, i ? ",{}" : "{}");
      g_string_append (text, "]}");
      root = parse_text (text->str, text->len, &error);
      g_string_free (text, TRUE);
      g_assert_null (root);
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR);
      assert_error_mentions (error, "250000 JSON objects and arrays", NULL);
      g_clear_error (&error);

      /* 2,000,001 numbers: some 200 MB. */
      text = g_string_sized_new (2 * 2000001 + 16);
      g_string_append (text, "{\"jobs\": [");
      for (guint i = 0; i < 2000001; i++)
        g_string_append (text, i ? ",1" : "1");
      g_string_append (text, "]}");
      root = parse_text (text->str, text->len, &error);
      g_string_free (text, TRUE);
      g_assert_null (root);
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR);
      assert_error_mentions (error, "2000000 JSON elements", NULL);
      return;
    }
  run_in_subprocess ();
}

/* The jobs overview that a real cluster sent, with @name (JSON text,
 * escapes and all) as its job's name. */
static FlinkJobOverview *
overview_named (const char  *name,
                gsize        length,
                GError     **error)
{
  g_autofree char *recorded = recorded_text ("jobs-overview.json");
  g_autofree char *quoted = g_strdup_printf ("\"%.*s\"", (int) length, name);
  g_autofree char *text = replace_once (recorded, "\"flinkjob-counter-stream\"", quoted);
  g_autoptr(JsonNode) root = parse_text (text, strlen (text), error);
  g_autoptr(GListModel) jobs = NULL;
  JsonObject *object;

  if (root == NULL)
    return NULL;
  object = _flink_json_node_get_object (root, error);
  jobs = object ? _flink_job_overviews_new_from_json (object, error) : NULL;
  if (jobs == NULL)
    return NULL;
  g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, 1);
  return g_list_model_get_item (jobs, 0);
}

static void
test_json_lone_surrogates (void)
{
  const struct {
    const char *json;
    const char *name;
  } cases[] = {
    { "x\\ud800y", "x\xef\xbf\xbdy" },
    { "x\\udc00y", "x\xef\xbf\xbdy" },
    { "\\ud800", "\xef\xbf\xbd" },
    { "\\ud800\\ud800\\udc00", "\xef\xbf\xbd\xf0\x90\x80\x80" },
    { "\\udbff\\n", "\xef\xbf\xbd\n" },
    { "ok \\ud83d\\ude00", "ok \xf0\x9f\x98\x80" },
    { "\\\\ud800", "\\ud800" },
    /* json-glib's own escapes: octal bytes, a \\u with three digits that
     * eats the next character. */
    { "a\\377b", NULL },
    { "x\\udc0-y", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FlinkJobOverview) job = overview_named (cases[i].json, strlen (cases[i].json), &error);

      g_test_message ("%s", cases[i].json);
      g_assert_no_error (error);
      g_assert_true (g_utf8_validate (flink_job_overview_get_name (job), -1, NULL));
      if (cases[i].name != NULL)
        g_assert_cmpstr (flink_job_overview_get_name (job), ==, cases[i].name);
    }
}

/* Bytes that are not UTF-8 spoil one string, not the whole answer. */
static void
test_json_invalid_utf8 (void)
{
  const char name[] = "bad \xff\xfe byte, \xed\xa0\x80 and a NUL \0 here";
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkJobOverview) job = overview_named (name, sizeof name - 1, &error);

  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (flink_job_overview_get_name (job), -1, NULL));
  g_assert_true (g_str_has_prefix (flink_job_overview_get_name (job), "bad \xef\xbf\xbd"));
}

/* Member names, which decoders read as accumulator names or vertex ids,
 * are made valid too. */
static void
test_json_member_names (void)
{
  g_autoptr(GError) error = NULL;
  const char *text = "{\"\\ud800\": 1, \"a\xff\": 2}";
  g_autoptr(JsonNode) root = parse_text (text, strlen (text), &error);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  guint n = 0;

  g_assert_no_error (error);
  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &name, &node))
    {
      g_assert_true (g_utf8_validate (name, -1, NULL));
      n++;
    }
  g_assert_cmpuint (n, ==, 2);
}

/* ---- URLs in messages ------------------------------------------------------ */

#define PASSWORD "Pa55w0rdSecret"
#define TOKEN "t0kenSecretValue"

static void
test_url_secrets_not_echoed (void)
{
  const struct {
    const char *url;
    const char *says;
  } cases[] = {
    { "http://user:" PASSWORD "@host/?x=1", "no query" },
    { "http://user:" PASSWORD "@host#fragment", "no query" },
    { "ftp://user:" PASSWORD "@host", "scheme must be http" },
    { "http://user:" PASSWORD "@host:99999", "port is not a number from 1 to 65535" },
    { "http://" TOKEN "@host:99999", "port" },
    { "http://" TOKEN "@host:0", "port" },
    { "http://user:" PASSWORD "@", "host" },
    { "user:" PASSWORD "@host:8081", "as in http://host:8081" },
    { "http://user:pass/" PASSWORD "@host", "http://host" },
    { "http://user:/" PASSWORD "@host?x", "http://host" },
    { "http://user:" PASSWORD "#x@host", "http://host" },
    { "http://user:" PASSWORD "@[::1", "host is not a valid host name" },
    { "http://host/?token=" PASSWORD, "http://host/?…" },
    { "http://user:" PASSWORD "\x1b[31m@host\x1b[0m:1/", "http://host?[0m:1/" },
    { "http://user:" PASSWORD "@host/\xff", "not UTF-8" },
    { "http://user " PASSWORD "@host", "holds a space" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FlinkClusterDescriptor) descriptor =
        flink_cluster_descriptor_new_for_url (cases[i].url, &error);

      g_assert_null (descriptor);
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
      assert_error_mentions (error, cases[i].says, NULL);
      g_assert_null (strstr (error->message, PASSWORD));
      g_assert_null (strstr (error->message, TOKEN));
      /* A port out of range is not a scheme problem. */
      if (strstr (cases[i].url, ":99999") != NULL)
        g_assert_null (strstr (error->message, "scheme"));
    }
}

static void
test_url_redact (void)
{
  const char *cases[][2] = {
    { "http://host:8081/flink", "http://host:8081/flink" },
    { "https://user:secret@host:8443", "https://host:8443" },
    { "http://TOKEN@host", "http://host" },
    { "http://user:secret@host/?a=b#c", "http://host/?…#…" },
    { "host:8081", "host:8081" },
    { "user:secret@host", "host" },
    { "http://a@b@host/p", "http://host/p" },
    { "http://host/a@b", "http://b" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = _flink_url_redact (cases[i][0]);

      g_assert_cmpstr (shown, ==, cases[i][1]);
    }
}

static void
test_url_redact_length (void)
{
  g_autofree char *long_host = g_strnfill (10000, 'h');
  g_autofree char *url = g_strconcat ("http://", long_host, NULL);
  g_autofree char *shown = _flink_url_redact (url);

  g_assert_cmpuint (strlen (shown), <=, FLINK_URL_MAX_SHOWN + strlen ("…"));
  g_assert_true (g_str_has_suffix (shown, "…"));
}

/* ---- Headers --------------------------------------------------------------- */

#define HEADER_SECRET "hdrSecretValue"

static void
test_add_header_checked (void)
{
  const struct {
    const char *name;
    const char *value;
    const char *says;
  } bad[] = {
    { "X Auth", HEADER_SECRET, "“X…” holds a space" },
    { "", HEADER_SECRET, "empty" },
    { "X-Auth:", HEADER_SECRET, "“X-Auth…” holds “:”" },
    { "\xc3\x84rger", HEADER_SECRET, "start with the byte 0xC3" },
    { "X-Auth", HEADER_SECRET "\r\nInjected: yes", "X-Auth holds a line break" },
    { "X-Auth", HEADER_SECRET "\n", "line break" },
    { "X-Auth", HEADER_SECRET "\x01", "U+0001" },
  };
  g_autoptr(FlinkClusterDescriptor) descriptor =
    flink_cluster_descriptor_new_for_url ("http://localhost:8081", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (flink_cluster_descriptor_add_header (descriptor, bad[i].name,
                                                           bad[i].value, &error));
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
      assert_error_mentions (error, bad[i].says, NULL);
      g_assert_null (strstr (error->message, HEADER_SECRET));
    }

  g_assert_true (flink_cluster_descriptor_add_header (descriptor, "X-Good_1.~", "a\tb é", NULL));
  g_assert_true (flink_cluster_descriptor_add_header (descriptor, "Cookie", "", NULL));
}

static void
test_environment_headers (void)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GError) error = NULL;

  /* CRLF line ends, spaces around, a line without a colon (skipped, as
   * Flink skips it) and a last empty line. */
  g_assert_true (_flink_headers_append_from_text (headers,
    "Cookie:auth=12:345\r\n X-Two : a,b \r\nMalformed\r\n\r\n", "TEST", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Cookie"), ==, "auth=12:345");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Two"), ==, "a,b");
  g_assert_null (soup_message_headers_get_one (headers, "Malformed"));
}

/* Through the public API, under G_DEBUG=fatal-warnings as meson runs it:
 * before, a CRLF line made libsoup warn (critically) and drop the header. */
static void
test_environment_headers_descriptor (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkClusterDescriptor) descriptor = NULL;

  g_setenv ("FLINK_REST_CLIENT_HEADERS", "Cookie:auth=1\r\nX-Two:b\r\n", TRUE);
  descriptor = flink_cluster_descriptor_new_for_url ("http://localhost:8081", &error);
  g_assert_no_error (error);
  g_clear_object (&descriptor);

  g_setenv ("FLINK_REST_CLIENT_HEADERS", "Cookie:auth=1\nX Auth Token:" HEADER_SECRET "\n", TRUE);
  descriptor = flink_cluster_descriptor_new_for_url ("http://localhost:8081", &error);
  g_assert_null (descriptor);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  assert_error_mentions (error, "Line 2 of FLINK_REST_CLIENT_HEADERS", "“X…” holds a space", NULL);
  g_assert_null (strstr (error->message, HEADER_SECRET));
  g_clear_error (&error);

  g_setenv ("FLINK_REST_CLIENT_HEADERS", "X-Auth:" HEADER_SECRET "\x1b[2J\n", TRUE);
  descriptor = flink_cluster_descriptor_new_for_url ("http://localhost:8081", &error);
  g_assert_null (descriptor);
  assert_error_mentions (error, "Line 1 of FLINK_REST_CLIENT_HEADERS", "X-Auth", "U+001B", NULL);
  g_assert_null (strstr (error->message, HEADER_SECRET));
  g_unsetenv ("FLINK_REST_CLIENT_HEADERS");
}

/* ---- Operation handles ------------------------------------------------------- */

#define JOB_ID "0123456789abcdef0123456789abcdef"

static void
test_handle_start_time (void)
{
  const char *bad[] = {
    "flinkjob-operation/1 savepoint " JOB_ID " " JOB_ID " 9223372036854775807",
    "flinkjob-operation/1 savepoint " JOB_ID " " JOB_ID " 253402300800000",
  };
  g_autoptr(FlinkOperationHandle) handle = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      handle = flink_operation_handle_new_from_string (bad[i], &error);
      g_assert_null (handle);
      g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
      assert_error_mentions (error, "year 9999", NULL);
      g_clear_error (&error);
    }

  handle = flink_operation_handle_new_from_string (
    "flinkjob-operation/1 savepoint " JOB_ID " " JOB_ID " 253402300799999", &error);
  g_assert_no_error (error);
  g_assert_cmpint (flink_operation_handle_get_start_time (handle), ==, G_GINT64_CONSTANT (253402300799999));
}

static void
test_handle_text (void)
{
  g_autofree char *long_text = g_strnfill (100000, 'x');
  g_autoptr(FlinkOperationHandle) handle = NULL;
  g_autoptr(GError) error = NULL;

  /* A directory that is not UTF-8 once unescaped. */
  handle = flink_operation_handle_new_from_string (
    "flinkjob-operation/1 savepoint " JOB_ID " " JOB_ID " 1 /tmp/%FF", &error);
  g_assert_null (handle);
  assert_error_mentions (error, "not UTF-8", NULL);
  g_clear_error (&error);

  /* What is quoted stays short and valid. */
  handle = flink_operation_handle_new_from_string (long_text, &error);
  g_assert_null (handle);
  g_assert_cmpuint (strlen (error->message), <, 1000);
  g_clear_error (&error);
  handle = flink_operation_handle_new_from_string ("\xff\xfe", &error);
  g_assert_null (handle);
  assert_error_mentions (error, "\xef\xbf\xbd", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/config/recursive-alias", test_config_recursive_alias);
  g_test_add_func ("/hostile/config/billion-laughs", test_config_billion_laughs);
  g_test_add_func ("/hostile/config/long-aliases", test_config_long_aliases);
  g_test_add_func ("/hostile/config/deep-nesting", test_config_deep_nesting);
  g_test_add_func ("/hostile/config/within-limits", test_config_within_limits);
  g_test_add_func ("/hostile/config/too-large", test_config_too_large);
  g_test_add_func ("/hostile/config/not-a-file", test_config_not_a_file);
  g_test_add_func ("/hostile/json/too-many-values", test_json_too_many_values);
  g_test_add_func ("/hostile/json/lone-surrogates", test_json_lone_surrogates);
  g_test_add_func ("/hostile/json/invalid-utf8", test_json_invalid_utf8);
  g_test_add_func ("/hostile/json/member-names", test_json_member_names);
  g_test_add_func ("/hostile/url/secrets-not-echoed", test_url_secrets_not_echoed);
  g_test_add_func ("/hostile/url/redact", test_url_redact);
  g_test_add_func ("/hostile/url/redact-length", test_url_redact_length);
  g_test_add_func ("/hostile/headers/add-header", test_add_header_checked);
  g_test_add_func ("/hostile/headers/environment", test_environment_headers);
  g_test_add_func ("/hostile/headers/environment-descriptor", test_environment_headers_descriptor);
  g_test_add_func ("/hostile/handle/start-time", test_handle_start_time);
  g_test_add_func ("/hostile/handle/text", test_handle_text);

  return g_test_run ();
}
