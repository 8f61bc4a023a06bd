/* test-leader.c: the HA part of a configuration and the REST leader record
 * that Flink writes into ZooKeeper (tests/responses/<version>/
 * zookeeper-rest-leader.bin, recorded from real clusters; the .txt next to
 * it is how Java's ObjectInputStream decodes it)
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "flink-leader-private.h"
#include "flinkjob.h"
#include "flink-config-private.h"
#include "flink-connection-private.h"
#include "flink-test-utils.h"

/* ---- The record --------------------------------------------------------- */

static GBytes *
load_response (const char *version,
               const char *name)
{
  g_autofree char *path = g_build_filename (flink_test_srcdir (), "responses", version, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("Cannot read the recorded %s: %s", path, error->message);
  return g_bytes_new_take (contents, length);
}

static void
test_record_recorded (gconstpointer data)
{
  const char *version = data;
  g_autoptr(GBytes) record = load_response (version, "zookeeper-rest-leader.bin");
  g_autoptr(GBytes) expected = load_response (version, "zookeeper-rest-leader.txt");
  g_autofree char *java = g_strndup (g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
  g_auto(GStrv) fields = g_strsplit (g_strstrip (java), " ", -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *session_id = NULL;
  g_autofree char *url = NULL;
  gsize length;
  const guint8 *bytes = g_bytes_get_data (record, &length);

  g_assert_cmpuint (g_strv_length (fields), ==, 2);
  g_assert_true (_flink_leader_record_decode (bytes, length, &address, &session_id, &error));
  g_assert_no_error (error);
  /* Exactly what Java's ObjectInputStream read from the same bytes. */
  g_assert_cmpstr (address, ==, fields[0]);
  g_assert_cmpstr (session_id, ==, fields[1]);

  url = _flink_leader_address_to_url (address, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, fields[0]);
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
}

static void
assert_protocol_error (const guint8 *bytes,
                       gsize         length,
                       const char   *expected_text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *session_id = NULL;

  g_assert_false (_flink_leader_record_decode (bytes, length, &address, &session_id, &error));
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR);
  g_assert_null (address);
  g_assert_null (session_id);
  if (expected_text != NULL && strstr (error->message, expected_text) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected_text);
}

static void
test_record_empty (void)
{
  g_autoptr(GError) error = NULL;
  char *address = (char *) "unset";
  char *session_id = (char *) "unset";

  /* LeaderInformation.empty(): no data, no leader, no error. */
  g_assert_true (_flink_leader_record_decode ((const guint8 *) "", 0, &address, &session_id, &error));
  g_assert_no_error (error);
  g_assert_null (address);
  g_assert_null (session_id);
}

static void
test_record_garbage (void)
{
  g_autoptr(GBytes) record = load_response ("2.3", "zookeeper-rest-leader.bin");
  gsize length;
  const guint8 *real = g_bytes_get_data (record, &length);
  g_autofree guint8 *copy = g_memdup2 (real, length);
  g_autofree guint8 *longer = g_malloc (length + 1);
  const char *text = "http://127.0.0.1:8081";
  gsize name;

  assert_protocol_error ((const guint8 *) text, strlen (text), "Java serialization");
  assert_protocol_error ((const guint8 *) "\xac\xed\x00\x04", 4, "version 5");
  assert_protocol_error ((const guint8 *) "\xac\xed\x00\x05", 4, "the record ends");
  assert_protocol_error ((const guint8 *) "\xac\xed\x00\x05\x73", 5, "leader's address");

  /* Every cut of the real record. */
  for (gsize cut = 1; cut < length; cut++)
    assert_protocol_error (real, cut, NULL);

  /* A byte more. */
  memcpy (longer, real, length);
  longer[length] = 0x70;
  assert_protocol_error (longer, length + 1, "the end of the record");

  /* Another class than java.util.UUID ("java.util.UUIE"): the name
   * follows the block of data (77 <length>), 73 72 and its length. */
  g_assert_cmpuint (real[4], ==, 0x77);
  name = 4 + 2 + real[5] + 2 + 2;
  g_assert_cmpmem (real + name, 14, "java.util.UUID", 14);
  copy[name + 13] = 'E';
  assert_protocol_error (copy, length, "not a java.util.UUID");
  memcpy (copy, real, length);

  /* A different serialVersionUID, right after the name. */
  copy[name + 14] ^= 0x01;
  assert_protocol_error (copy, length, "serialVersionUID");
  memcpy (copy, real, length);

  /* Not modified UTF-8 in the address (a lone continuation byte). */
  copy[8] = 0x80;
  assert_protocol_error (copy, length, "modified UTF-8");
}

/* ObjectOutputStream cuts block data at 1024 bytes: a long address comes in
 * several TC_BLOCKDATALONG segments. The record is rebuilt around a long
 * address from the real one's UUID part. */
static void
test_record_long_address (void)
{
  g_autoptr(GBytes) record = load_response ("1.20", "zookeeper-rest-leader.bin");
  gsize length;
  const guint8 *real = g_bytes_get_data (record, &length);
  gsize utf_length = (real[6] << 8) | real[7];
  const guint8 *uuid_part = real + 8 + utf_length;
  gsize uuid_length = length - 8 - utf_length;
  g_autoptr(GByteArray) built = g_byte_array_new ();
  g_autoptr(GString) address = g_string_new ("http://");
  g_autoptr(GByteArray) block = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *session_id = NULL;

  g_assert_cmpuint (real[4], ==, 0x77);
  g_assert_cmpuint (real[5], ==, utf_length + 2);
  while (address->len < 1500)
    g_string_append (address, "a-very-long-host-name.");
  g_string_append (address, "example:8081");

  g_byte_array_append (built, real, 4);
  g_byte_array_append (block, (const guint8[]) { address->len >> 8, address->len & 0xff }, 2);
  g_byte_array_append (block, (const guint8 *) address->str, address->len);
  for (gsize offset = 0; offset < block->len; offset += 1024)
    {
      gsize n = MIN (1024, block->len - offset);
      guint8 header[5] = { 0x7a, 0, 0, n >> 8, n & 0xff };

      g_byte_array_append (built, header, 5);
      g_byte_array_append (built, block->data + offset, n);
    }
  g_byte_array_append (built, uuid_part, uuid_length);

  g_assert_true (_flink_leader_record_decode (built->data, built->len, &decoded, &session_id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (decoded, ==, address->str);
  g_assert_nonnull (session_id);
}

static void
test_address_to_url (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = _flink_leader_address_to_url ("http://10.0.0.7:8081", TRUE, &error);
  g_autofree char *bare = NULL;
  g_autofree char *bare_tls = NULL;
  g_autofree char *pekko = NULL;

  /* The published scheme wins: the server knows whether it speaks TLS. */
  g_assert_no_error (error);
  g_assert_cmpstr (plain, ==, "http://10.0.0.7:8081");
  bare = _flink_leader_address_to_url ("jm-1.example.com:8081", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bare, ==, "http://jm-1.example.com:8081");
  bare_tls = _flink_leader_address_to_url ("jm-1.example.com:8081", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bare_tls, ==, "https://jm-1.example.com:8081");

  /* The dispatcher's RPC address, not a REST endpoint's. */
  pekko = _flink_leader_address_to_url ("pekko.tcp://flink@10.0.0.7:6123/user/rpc/dispatcher_1",
                                        FALSE, &error);
  g_assert_null (pekko);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR);
  g_assert_nonnull (strstr (error->message, "not a REST URL"));
}

/* ---- The configuration -------------------------------------------------- */

static GHashTable *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  GHashTable *config = _flink_config_parse (text, -1, "/etc/flink/config.yaml", &error);

  g_assert_no_error (error);
  return config;
}

static FlinkLeaderSettings *
settings_for (const char  *text,
              GError     **error)
{
  g_autoptr(GHashTable) config = parse (text);

  return _flink_leader_settings_new_from_config (config, "/etc/flink/config.yaml", error);
}

static void
assert_settings (const FlinkLeaderSettings *settings,
                 const FlinkLeaderSettings *expected,
                 guint64                    give_up_ms)
{
  g_assert_cmpstr (settings->quorum, ==, expected->quorum);
  g_assert_cmpstr (settings->root, ==, expected->root);
  g_assert_cmpstr (settings->cluster_id, ==, expected->cluster_id);
  g_assert_cmpstr (settings->leader_path, ==, expected->leader_path);
  g_assert_cmpuint (settings->session_timeout_ms, ==, expected->session_timeout_ms);
  g_assert_cmpuint (settings->connection_timeout_ms, ==, expected->connection_timeout_ms);
  g_assert_cmpuint (settings->retry_wait_ms, ==, expected->retry_wait_ms);
  g_assert_cmpuint (settings->max_retry_wait_ms, ==, expected->max_retry_wait_ms);
  g_assert_cmpuint (settings->max_retry_attempts, ==, expected->max_retry_attempts);
  g_assert_cmpint (settings->tolerate_suspended, ==, expected->tolerate_suspended);
  g_assert_cmpint (settings->ssl, ==, expected->ssl);
  g_assert_cmpstr (settings->file_name, ==, "/etc/flink/config.yaml");
  g_assert_cmpuint (_flink_leader_settings_get_give_up_ms (settings), ==, give_up_ms);
}

static void
test_config_defaults (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkLeaderSettings) settings = settings_for (
    "high-availability:\n"
    "  type: zookeeper\n"
    "  zookeeper:\n"
    "    quorum: ' zk-1:2181, zk-2:2181 ,zk-3:2181'\n", &error);
  /* Flink's defaults; it removes all whitespace from the quorum. */
  FlinkLeaderSettings expected = {
    .quorum = (char *) "zk-1:2181,zk-2:2181,zk-3:2181",
    .root = (char *) "/flink",
    .cluster_id = (char *) "/default",
    .leader_path = (char *) "/flink/default/leader/rest_server/connection_info",
    .session_timeout_ms = 60000,
    .connection_timeout_ms = 15000,
    .retry_wait_ms = 5000,
    .max_retry_wait_ms = 60000,
    .max_retry_attempts = 3,
  };

  g_assert_no_error (error);
  /* 4 connection timeouts and 5 + 10 + 20 s between them. */
  assert_settings (settings, &expected, 4 * 15000 + 35000);
}

static void
test_config_everything (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkLeaderSettings) settings = settings_for (
    "high-availability.type: ZOOKEEPER\n"
    "high-availability.zookeeper.quorum: 127.0.0.1:2181/chroot\n"
    "high-availability.zookeeper.path.root: /flinkjob/\n"
    "high-availability.cluster-id: flinkjob-ha\n"
    "high-availability.zookeeper.client.session-timeout: 10 s\n"
    "high-availability.zookeeper.client.connection-timeout: 1500\n"
    "high-availability.zookeeper.client.retry-wait: 1 s\n"
    "high-availability.zookeeper.client.max-retry-wait: 3 s\n"
    "high-availability.zookeeper.client.max-retry-attempts: 4\n"
    "high-availability.zookeeper.client.tolerate-suspended-connections: true\n"
    "security.ssl.rest.enabled: true\n", &error);
  FlinkLeaderSettings expected = {
    .quorum = (char *) "127.0.0.1:2181/chroot",
    .root = (char *) "/flinkjob/",
    .cluster_id = (char *) "flinkjob-ha",
    .leader_path = (char *) "/flinkjob/flinkjob-ha/leader/rest_server/connection_info",
    .session_timeout_ms = 10000,
    .connection_timeout_ms = 1500,
    .retry_wait_ms = 1000,
    .max_retry_wait_ms = 3000,
    .max_retry_attempts = 4,
    .tolerate_suspended = TRUE,
    .ssl = TRUE,
  };

  g_assert_no_error (error);
  /* 5 × 1.5 s, and 1 + 2 + 3 + 3 s. */
  assert_settings (settings, &expected, 5 * 1500 + 9000);
}

static void
test_config_deprecated_keys (void)
{
  g_autoptr(GError) error = NULL;
  /* Flink 1.x names, as many configurations still have them. */
  g_autoptr(FlinkLeaderSettings) settings = settings_for (
    "high-availability: zookeeper\n"
    "recovery.zookeeper.quorum: zk:2181\n"
    "recovery.zookeeper.path.root: /old-root\n"
    "high-availability.zookeeper.path.namespace: /old-namespace\n"
    "recovery.zookeeper.client.session-timeout: 30000\n", &error);
  g_autoptr(FlinkLeaderSettings) current = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (settings->quorum, ==, "zk:2181");
  g_assert_cmpstr (settings->leader_path, ==, "/old-root/old-namespace/leader/rest_server/connection_info");
  g_assert_cmpuint (settings->session_timeout_ms, ==, 30000);

  /* The current name wins over a deprecated one. */
  current = settings_for ("recovery.mode: none\n"
                          "high-availability.type: zookeeper\n"
                          "high-availability.zookeeper.quorum: zk:2181\n"
                          "high-availability.cluster-id: new\n"
                          "high-availability.zookeeper.path.namespace: old\n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (current->cluster_id, ==, "new");
}

static void
test_config_ha_modes (void)
{
  struct {
    const char *text;
    FlinkHaMode mode;
  } cases[] = {
    { "rest.port: 8081\n", FLINK_HA_MODE_NONE },
    { "high-availability.type: NONE\n", FLINK_HA_MODE_NONE },
    { "recovery.mode: standalone\n", FLINK_HA_MODE_NONE },
    { "high-availability.type: zookeeper\n", FLINK_HA_MODE_ZOOKEEPER },
    { "high-availability: ZooKeeper\n", FLINK_HA_MODE_ZOOKEEPER },
    { "high-availability.type: kubernetes\n", FLINK_HA_MODE_OTHER },
    { "high-availability.type: org.example.MyHaServicesFactory\n", FLINK_HA_MODE_OTHER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GHashTable) config = parse (cases[i].text);

      g_assert_cmpint (_flink_config_get_ha_mode (config, NULL), ==, cases[i].mode);
    }
}

static void
assert_config_error (const char *text,
                     const char *expected_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkLeaderSettings) settings = settings_for (text, &error);

  g_assert_null (settings);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT);
  if (strstr (error->message, expected_text) == NULL ||
      strstr (error->message, "/etc/flink/config.yaml") == NULL)
    g_error ("“%s” does not say “%s” in /etc/flink/config.yaml", error->message, expected_text);
}

static void
test_config_errors (void)
{
  assert_config_error ("rest.address: jm\n", "does not set high-availability.type: zookeeper");
  assert_config_error ("high-availability.type: kubernetes\n", "“kubernetes”, not zookeeper");
  assert_config_error ("high-availability.type: zookeeper\n",
                       "set high-availability.zookeeper.quorum");
  assert_config_error ("high-availability.type: zookeeper\n"
                       "high-availability.zookeeper.quorum: '  '\n",
                       "no ZooKeeper quorum");
  assert_config_error ("high-availability.type: zookeeper\n"
                       "high-availability.zookeeper.quorum: zk:2181\n"
                       "high-availability.zookeeper.client.session-timeout: a minute\n",
                       "high-availability.zookeeper.client.session-timeout in");
  assert_config_error ("high-availability.type: zookeeper\n"
                       "high-availability.zookeeper.quorum: zk:2181\n"
                       "high-availability.zookeeper.client.max-retry-attempts: -1\n",
                       "not a number of attempts");
  assert_config_error ("high-availability.type: zookeeper\n"
                       "high-availability.zookeeper.quorum: zk:2181\n"
                       "high-availability.zookeeper.client.tolerate-suspended-connections: yes\n",
                       "not true or false");
}

static void
test_zookeeper_path (void)
{
  const char *a[] = { "/flink", "/default", "leader", NULL };
  const char *b[] = { "flink/", "//x//", "", "/", "y", NULL };
  const char *c[] = { "/", "", NULL };
  g_autofree char *pa = _flink_zookeeper_path (a);
  g_autofree char *pb = _flink_zookeeper_path (b);
  g_autofree char *pc = _flink_zookeeper_path (c);

  g_assert_cmpstr (pa, ==, "/flink/default/leader");
  g_assert_cmpstr (pb, ==, "/flink/x/y");
  g_assert_cmpstr (pc, ==, "/");
}

/* ---- The retrieval without a cluster ------------------------------------ */

static GHashTable *
config_for_quorum (const char *quorum)
{
  g_autofree char *text = g_strdup_printf (
    "high-availability.type: zookeeper\n"
    "high-availability.zookeeper.quorum: %s\n"
    "high-availability.cluster-id: nowhere\n"
    "high-availability.zookeeper.client.connection-timeout: 300 ms\n"
    "high-availability.zookeeper.client.max-retry-attempts: 1\n"
    "high-availability.zookeeper.client.retry-wait: 100 ms\n", quorum);

  return parse (text);
}

#if FLINKJOB_HAVE_ZOOKEEPER

static GAsyncResult *
wait_result (GAsyncResult **slot,
             guint          seconds,
             const char    *what)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (*slot == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("%s: no answer after %u s", what, seconds);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return *slot;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* A port on 127.0.0.1 that nothing listens on. */
static guint
closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_retrieval_unreachable (void)
{
  g_autofree char *quorum = g_strdup_printf ("127.0.0.1:%u", closed_port ());
  g_autoptr(GHashTable) config = config_for_quorum (quorum);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkLeaderRetrieval) retrieval = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *url = NULL;

  retrieval = _flink_leader_retrieval_new_from_config (config, "/etc/flink/config.yaml", &error);
  g_assert_no_error (error);
  g_assert_cmpint (_flink_leader_retrieval_get_state (retrieval), ==, FLINK_LEADER_STATE_CONNECTING);
  g_assert_null (_flink_leader_retrieval_get_leader_url (retrieval));

  /* Gives up after 2 × 300 ms and 100 ms between, long before the 60 s. */
  _flink_leader_retrieval_wait_for_leader_async (retrieval, 60000, NULL, store_result_cb, &result);
  url = _flink_leader_retrieval_wait_for_leader_finish (
    retrieval, wait_result (&result, 30, "waiting for an unreachable quorum"), &error);
  g_assert_null (url);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED);
  g_assert_nonnull (strstr (error->message, quorum));
  g_assert_nonnull (strstr (error->message, "“nowhere”"));
  g_assert_cmpint (_flink_leader_retrieval_get_state (retrieval), ==, FLINK_LEADER_STATE_UNREACHABLE);
  g_assert_nonnull (_flink_leader_retrieval_get_error (retrieval));

  /* Later callers hear it at once. */
  g_clear_error (&error);
  g_clear_object (&result);
  _flink_leader_retrieval_wait_for_leader_async (retrieval, 60000, NULL, store_result_cb, &result);
  url = _flink_leader_retrieval_wait_for_leader_finish (
    retrieval, wait_result (&result, 5, "waiting again"), &error);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_CONNECTION_FAILED);
}

static void
test_retrieval_cancel (void)
{
  g_autofree char *quorum = g_strdup_printf ("127.0.0.1:%u", closed_port ());
  g_autoptr(GHashTable) config = config_for_quorum (quorum);
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkLeaderRetrieval) retrieval = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = NULL;

  retrieval = _flink_leader_retrieval_new_from_config (config, "/etc/flink/config.yaml", &error);
  g_assert_no_error (error);
  _flink_leader_retrieval_wait_for_leader_async (retrieval, 60000, cancellable, store_result_cb, &result);
  g_cancellable_cancel (cancellable);
  url = _flink_leader_retrieval_wait_for_leader_finish (
    retrieval, wait_result (&result, 5, "waiting after a cancel"), &error);
  g_assert_null (url);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_retrieval_bad_quorum (void)
{
  g_autoptr(GHashTable) config = config_for_quorum ("127.0.0.1:notaport");
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkLeaderRetrieval) retrieval = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *url = NULL;

  retrieval = _flink_leader_retrieval_new_from_config (config, "/etc/flink/config.yaml", &error);
  g_assert_no_error (error);
  _flink_leader_retrieval_wait_for_leader_async (retrieval, 60000, NULL, store_result_cb, &result);
  url = _flink_leader_retrieval_wait_for_leader_finish (
    retrieval, wait_result (&result, 30, "waiting with a bad quorum"), &error);
  g_assert_null (url);
  g_assert_nonnull (error);
  g_assert_true (error->domain == FLINK_ERROR);
  g_assert_nonnull (strstr (error->message, "127.0.0.1:notaport"));
}

/* Made and dropped at once, while zookeeper_init may still run: nothing
 * may be left (the sanitizer build checks). */
static void
test_retrieval_dispose_at_once (void)
{
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *quorum = g_strdup_printf ("127.0.0.1:%u", closed_port ());
      g_autoptr(GHashTable) config = config_for_quorum (quorum);
      g_autoptr(GError) error = NULL;
      FlinkLeaderRetrieval *retrieval;

      retrieval = _flink_leader_retrieval_new_from_config (config, "/etc/flink/config.yaml", &error);
      g_assert_no_error (error);
      if (i % 2 == 1)
        g_main_context_iteration (NULL, FALSE);
      g_object_unref (retrieval);
    }
  /* Let the close threads finish. */
  for (guint i = 0; i < 50; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
}

#else

static void
test_retrieval_not_supported (void)
{
  g_autoptr(GHashTable) config = config_for_quorum ("zk:2181");
  g_autoptr(GError) error = NULL;
  g_autoptr(FlinkLeaderRetrieval) retrieval = NULL;

  retrieval = _flink_leader_retrieval_new_from_config (config, "/etc/flink/config.yaml", &error);
  g_assert_null (retrieval);
  g_assert_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "without ZooKeeper"));
  g_assert_nonnull (strstr (error->message, "/etc/flink/config.yaml"));
}

#endif

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/leader/record/2.3", "2.3", test_record_recorded);
  g_test_add_data_func ("/leader/record/1.20", "1.20", test_record_recorded);
  g_test_add_func ("/leader/record/empty", test_record_empty);
  g_test_add_func ("/leader/record/garbage", test_record_garbage);
  g_test_add_func ("/leader/record/long-address", test_record_long_address);
  g_test_add_func ("/leader/address-to-url", test_address_to_url);
  g_test_add_func ("/leader/config/defaults", test_config_defaults);
  g_test_add_func ("/leader/config/everything", test_config_everything);
  g_test_add_func ("/leader/config/deprecated-keys", test_config_deprecated_keys);
  g_test_add_func ("/leader/config/ha-modes", test_config_ha_modes);
  g_test_add_func ("/leader/config/errors", test_config_errors);
  g_test_add_func ("/leader/zookeeper-path", test_zookeeper_path);
#if FLINKJOB_HAVE_ZOOKEEPER
  g_test_add_func ("/leader/retrieval/unreachable", test_retrieval_unreachable);
  g_test_add_func ("/leader/retrieval/cancel", test_retrieval_cancel);
  g_test_add_func ("/leader/retrieval/bad-quorum", test_retrieval_bad_quorum);
  g_test_add_func ("/leader/retrieval/dispose-at-once", test_retrieval_dispose_at_once);
#else
  g_test_add_func ("/leader/retrieval/not-supported", test_retrieval_not_supported);
#endif

  return g_test_run ();
}
