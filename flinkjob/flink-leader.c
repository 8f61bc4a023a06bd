/* flink-leader.c: the HA part of a Flink configuration, and the leader
 * record Flink's REST endpoint writes into ZooKeeper
 *
 * Built with or without the zookeeper feature: reading a configuration and
 * decoding a record need no ZooKeeper client.
 *
 * Keys, deprecated names and defaults are those of Flink's
 * HighAvailabilityOptions (identical in 1.20 and 2.x but for
 * max-retry-wait, new in 2.x); the record is what
 * ZooKeeperUtils.writeLeaderInformationToZooKeeper writes (docs/ha.md).
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "flink-leader-private.h"
#include "flinkjob.h"
#include "flink-config-private.h"
#include "flink-connection-private.h"
#include "flink-i18n-private.h"

/* Each option's key, then its deprecated names, in the order Flink tries
 * them. */
static const char *const KEYS_MODE[] = {
  "high-availability.type", "recovery.mode", "high-availability", NULL
};
static const char *const KEYS_QUORUM[] = {
  "high-availability.zookeeper.quorum", "recovery.zookeeper.quorum", NULL
};
static const char *const KEYS_ROOT[] = {
  "high-availability.zookeeper.path.root", "recovery.zookeeper.path.root", NULL
};
static const char *const KEYS_CLUSTER_ID[] = {
  "high-availability.cluster-id", "high-availability.zookeeper.path.namespace",
  "recovery.zookeeper.path.namespace", NULL
};
static const char *const KEYS_SESSION_TIMEOUT[] = {
  "high-availability.zookeeper.client.session-timeout",
  "recovery.zookeeper.client.session-timeout", NULL
};
static const char *const KEYS_CONNECTION_TIMEOUT[] = {
  "high-availability.zookeeper.client.connection-timeout",
  "recovery.zookeeper.client.connection-timeout", NULL
};
static const char *const KEYS_RETRY_WAIT[] = {
  "high-availability.zookeeper.client.retry-wait",
  "recovery.zookeeper.client.retry-wait", NULL
};
static const char *const KEYS_MAX_RETRY_WAIT[] = {
  "high-availability.zookeeper.client.max-retry-wait", NULL
};
static const char *const KEYS_MAX_RETRY_ATTEMPTS[] = {
  "high-availability.zookeeper.client.max-retry-attempts",
  "recovery.zookeeper.client.max-retry-attempts", NULL
};
static const char *const KEYS_TOLERATE_SUSPENDED[] = {
  "high-availability.zookeeper.client.tolerate-suspended-connections", NULL
};
static const char *const KEYS_REST_SSL[] = {
  "security.ssl.rest.enabled", NULL
};

/* Where Flink's REST endpoint publishes its leader, below
 * <root>/<cluster-id> (ZooKeeperUtils: LEADER_NODE, REST_SERVER_NODE,
 * CONNECTION_INFO_NODE). */
#define LEADER_NODE "leader"
#define REST_SERVER_NODE "rest_server"
#define CONNECTION_INFO_NODE "connection_info"

/* java.util.UUID's serialVersionUID. */
#define UUID_SERIAL_VERSION_UID G_GUINT64_CONSTANT (0xbc9903f7986d852f)

/* ---- Configuration ------------------------------------------------------ */

static const char *
lookup (GHashTable        *config,
        const char *const *keys,
        const char       **out_key)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *value = g_hash_table_lookup (config, keys[i]);

      if (value != NULL)
        {
          if (out_key != NULL)
            *out_key = keys[i];
          return value;
        }
    }
  if (out_key != NULL)
    *out_key = keys[0];
  return NULL;
}

FlinkHaMode
_flink_config_get_ha_mode (GHashTable  *config,
                           const char **out_value)
{
  const char      *value = lookup (config, KEYS_MODE, NULL);
  g_autofree char *mode = value != NULL ? g_strstrip (g_strdup (value)) : NULL;

  if (out_value != NULL)
    *out_value = value;
  /* HighAvailabilityMode.fromConfig(): none by default, "standalone" is
   * the old name of none, an unknown value names a factory class. */
  if (mode == NULL || mode[0] == '\0' ||
      g_ascii_strcasecmp (mode, "none") == 0 || g_ascii_strcasecmp (mode, "standalone") == 0)
    return FLINK_HA_MODE_NONE;
  if (g_ascii_strcasecmp (mode, "zookeeper") == 0)
    return FLINK_HA_MODE_ZOOKEEPER;
  return FLINK_HA_MODE_OTHER;
}

static gboolean
read_duration (GHashTable        *config,
               const char *const *keys,
               guint              fallback_ms,
               const char        *file_name,
               guint             *out_ms,
               GError           **error)
{
  const char *key;
  const char *value = lookup (config, keys, &key);
  guint64     ms;

  if (value == NULL)
    {
      *out_ms = fallback_ms;
      return TRUE;
    }
  /* A bare number is milliseconds, as for Flink's durations. */
  if (!_flink_parse_duration_ms (value, &ms) || ms == 0 || ms > G_MAXINT)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("%s in %s is “%s”, not a duration such as 15 s"), key, file_name, value);
      return FALSE;
    }
  *out_ms = (guint) ms;
  return TRUE;
}

static gboolean
read_bool (GHashTable        *config,
           const char *const *keys,
           const char        *file_name,
           gboolean          *out_value,
           GError           **error)
{
  const char      *key;
  const char      *value = lookup (config, keys, &key);
  g_autofree char *text = value != NULL ? g_strstrip (g_strdup (value)) : NULL;

  if (text == NULL || g_ascii_strcasecmp (text, "false") == 0)
    *out_value = FALSE;
  else if (g_ascii_strcasecmp (text, "true") == 0)
    *out_value = TRUE;
  else
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("%s in %s is “%s”, not true or false"), key, file_name, value);
      return FALSE;
    }
  return TRUE;
}

static char *
strip_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

char *
_flink_zookeeper_path (const char *const *parts)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *start = parts[i];
      const char *end = start + strlen (start);

      while (start < end && *start == '/')
        start++;
      while (end > start && end[-1] == '/')
        end--;
      if (start == end)
        continue;
      g_string_append_c (path, '/');
      g_string_append_len (path, start, end - start);
    }
  if (path->len == 0)
    g_string_append_c (path, '/');
  return g_string_free (path, FALSE);
}

void
_flink_leader_settings_free (FlinkLeaderSettings *settings)
{
  if (settings == NULL)
    return;
  g_free (settings->quorum);
  g_free (settings->root);
  g_free (settings->cluster_id);
  g_free (settings->leader_path);
  g_free (settings->file_name);
  g_free (settings);
}

FlinkLeaderSettings *
_flink_leader_settings_new_from_config (GHashTable *config,
                                        const char *file_name,
                                        GError    **error)
{
  g_autoptr (FlinkLeaderSettings) settings = g_new0 (FlinkLeaderSettings, 1);
  const char                     *mode_value;
  const char                     *key;
  const char                     *value;
  guint64                         attempts;

  if (file_name == NULL)
    file_name = "the Flink configuration";
  settings->file_name = g_strdup (file_name);

  if (_flink_config_get_ha_mode (config, &mode_value) != FLINK_HA_MODE_ZOOKEEPER)
    {
      if (mode_value != NULL)
        g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                     _ ("%s sets high-availability.type to “%s”, not zookeeper"),
                     file_name, mode_value);
      else
        g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                     _ ("%s does not set high-availability.type: zookeeper"), file_name);
      return NULL;
    }

  value = lookup (config, KEYS_QUORUM, NULL);
  settings->quorum = value != NULL ? strip_spaces (value) : NULL;
  if (settings->quorum == NULL || settings->quorum[0] == '\0')
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("%s sets high-availability.type: zookeeper but no ZooKeeper quorum: "
                      "set high-availability.zookeeper.quorum, as in host1:2181,host2:2181"),
                   file_name);
      return NULL;
    }

  value = lookup (config, KEYS_ROOT, NULL);
  settings->root = g_strdup (value != NULL ? value : "/flink");
  value = lookup (config, KEYS_CLUSTER_ID, NULL);
  settings->cluster_id = g_strdup (value != NULL ? value : "/default");
  {
    const char *parts[] = {
      settings->root, settings->cluster_id, LEADER_NODE, REST_SERVER_NODE,
      CONNECTION_INFO_NODE, NULL
    };

    settings->leader_path = _flink_zookeeper_path (parts);
  }

  if (!read_duration (config, KEYS_SESSION_TIMEOUT, 60000, file_name,
                      &settings->session_timeout_ms, error) ||
      !read_duration (config, KEYS_CONNECTION_TIMEOUT, 15000, file_name,
                      &settings->connection_timeout_ms, error) ||
      !read_duration (config, KEYS_RETRY_WAIT, 5000, file_name,
                      &settings->retry_wait_ms, error) ||
      !read_duration (config, KEYS_MAX_RETRY_WAIT, 60000, file_name,
                      &settings->max_retry_wait_ms, error) ||
      !read_bool (config, KEYS_TOLERATE_SUSPENDED, file_name,
                  &settings->tolerate_suspended, error) ||
      !read_bool (config, KEYS_REST_SSL, file_name, &settings->ssl, error))
    return NULL;

  value = lookup (config, KEYS_MAX_RETRY_ATTEMPTS, &key);
  settings->max_retry_attempts = 3;
  if (value != NULL)
    {
      if (!g_ascii_string_to_unsigned (value, 10, 0, 1000, &attempts, NULL))
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                       _ ("%s in %s is “%s”, not a number of attempts"), key, file_name, value);
          return NULL;
        }
      settings->max_retry_attempts = (guint) attempts;
    }
  return g_steal_pointer (&settings);
}

guint64
_flink_leader_settings_get_give_up_ms (const FlinkLeaderSettings *settings)
{
  guint64 total = (guint64) settings->connection_timeout_ms * (settings->max_retry_attempts + 1);
  guint64 wait = settings->retry_wait_ms;

  for (guint i = 0; i < settings->max_retry_attempts; i++)
    {
      total += MIN (wait, (guint64) settings->max_retry_wait_ms);
      if (wait < G_MAXUINT32)
        wait *= 2;
    }
  return total;
}

/* Declared in flink-connection-private.h: the descriptor's side of HA. */
gboolean
_flink_connection_settings_apply_ha_config (FlinkConnectionSettings *settings,
                                            GHashTable              *config,
                                            const char              *file_name,
                                            GError                 **error)
{
  g_autoptr (FlinkLeaderSettings) leader = NULL;

  if (_flink_config_get_ha_mode (config, NULL) != FLINK_HA_MODE_ZOOKEEPER)
    return TRUE;
  leader = _flink_leader_settings_new_from_config (config, file_name, error);
  if (leader == NULL)
    return FALSE;
#if FLINKJOB_HAVE_ZOOKEEPER
  settings->ha_config = g_hash_table_ref (config);
  g_free (settings->ha_config_file);
  settings->ha_config_file = g_strdup (file_name);
#else
  {
    const char *address = g_hash_table_lookup (config, "rest.address");

    if (address == NULL || address[0] == '\0')
      {
        g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED,
                     _ ("%s asks for ZooKeeper high availability (quorum %s), but this flinkjob "
                        "was built without ZooKeeper (-Dzookeeper=disabled): set rest.address to "
                        "a JobManager (every one forwards to the leader), or use a flinkjob "
                        "built with libzookeeper-mt"),
                     file_name, leader->quorum);
        return FALSE;
      }
    g_debug ("%s: no ZooKeeper in this build; using rest.address %s", file_name, address);
  }
#endif
  return TRUE;
}

/* ---- The record --------------------------------------------------------- */

/* Java serialization's tags (java.io.ObjectStreamConstants). */
enum
{
  TC_NULL = 0x70,
  TC_CLASSDESC = 0x72,
  TC_OBJECT = 0x73,
  TC_BLOCKDATA = 0x77,
  TC_ENDBLOCKDATA = 0x78,
  TC_BLOCKDATALONG = 0x7a,
  SC_SERIALIZABLE = 0x02,
};

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         pos;
} Reader;

static gboolean G_GNUC_PRINTF (3, 4)
  reader_fail (Reader     *reader,
               GError    **error,
               const char *format,
               ...)
{
  g_autofree char *what = NULL;
  va_list          args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  if (reader->pos >= reader->length)
    g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                 "the record ends after %" G_GSIZE_FORMAT " bytes where %s should follow",
                 reader->length, what);
  else
    g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                 "byte %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " is 0x%02x where %s should be",
                 reader->pos, reader->length, reader->data[reader->pos], what);
  return FALSE;
}

static gboolean
reader_has (Reader *reader,
            gsize   count)
{
  return reader->length - reader->pos >= count;
}

static gboolean
reader_expect (Reader     *reader,
               guint8      tag,
               const char *what,
               GError    **error)
{
  if (!reader_has (reader, 1) || reader->data[reader->pos] != tag)
    return reader_fail (reader, error, "%s (0x%02x)", what, tag);
  reader->pos++;
  return TRUE;
}

static guint64
reader_take_be (Reader *reader,
                guint   count)
{
  guint64 value = 0;

  for (guint i = 0; i < count; i++)
    value = (value << 8) | reader->data[reader->pos++];
  return value;
}

/* Java's modified UTF-8 (DataOutput.writeUTF: U+0000 as two bytes,
 * characters outside the BMP as two 3-byte surrogates) to UTF-8. */
static char *
java_utf_to_utf8 (const guint8 *bytes,
                  gsize         length,
                  const char   *what,
                  GError      **error)
{
  g_autofree gunichar2 *units = g_new (gunichar2, length + 1);
  g_autoptr (GError)    local_error = NULL;
  gsize                 n = 0;
  char                 *text;

  for (gsize i = 0; i < length;)
    {
      guint8 b = bytes[i];

      if (b != 0 && b < 0x80)
        {
          units[n++] = b;
          i++;
        }
      else if ((b & 0xe0) == 0xc0 && i + 1 < length && (bytes[i + 1] & 0xc0) == 0x80)
        {
          units[n++] = ((b & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
          i += 2;
        }
      else if ((b & 0xf0) == 0xe0 && i + 2 < length &&
               (bytes[i + 1] & 0xc0) == 0x80 && (bytes[i + 2] & 0xc0) == 0x80)
        {
          units[n++] = ((b & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
          i += 3;
        }
      else
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                       "%s is not Java's modified UTF-8 (byte 0x%02x at offset %" G_GSIZE_FORMAT ")",
                       what, b, i);
          return NULL;
        }
      if (units[n - 1] == 0)
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                       _ ("%s holds a NUL character"), what);
          return NULL;
        }
    }
  units[n] = 0;
  text = g_utf16_to_utf8 (units, (glong) n, NULL, NULL, &local_error);
  if (text == NULL)
    g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                 _ ("%s is not valid text: %s"), what, local_error->message);
  return text;
}

/* A string as ObjectOutputStream writes class and field names: a 16-bit
 * length, then modified UTF-8. */
static char *
reader_take_utf (Reader     *reader,
                 const char *what,
                 GError    **error)
{
  guint16 length;
  char   *text;

  if (!reader_has (reader, 2))
    {
      reader_fail (reader, error, "%s", what);
      return NULL;
    }
  length = (guint16) reader_take_be (reader, 2);
  if (!reader_has (reader, length))
    {
      reader_fail (reader, error, "the %u bytes of %s", length, what);
      return NULL;
    }
  text = java_utf_to_utf8 (reader->data + reader->pos, length, what, error);
  reader->pos += length;
  return text;
}

/* The block data that writeUTF() leaves: one or more TC_BLOCKDATA (or
 * TC_BLOCKDATALONG) segments, which ObjectOutputStream cuts at 1024
 * bytes. */
static GByteArray *
reader_take_block_data (Reader  *reader,
                        GError **error)
{
  g_autoptr (GByteArray) block = g_byte_array_new ();

  while (reader_has (reader, 1) &&
         (reader->data[reader->pos] == TC_BLOCKDATA ||
          reader->data[reader->pos] == TC_BLOCKDATALONG))
    {
      gboolean is_long = reader->data[reader->pos] == TC_BLOCKDATALONG;
      guint64  length;

      reader->pos++;
      if (!reader_has (reader, is_long ? 4 : 1))
        {
          reader_fail (reader, error, "the length of a block of data");
          return NULL;
        }
      length = reader_take_be (reader, is_long ? 4 : 1);
      if (!reader_has (reader, length))
        {
          reader_fail (reader, error, "%" G_GUINT64_FORMAT " bytes of block data", length);
          return NULL;
        }
      g_byte_array_append (block, reader->data + reader->pos, (guint) length);
      reader->pos += length;
    }
  if (block->len == 0)
    {
      reader_fail (reader, error, "the leader's address (block data, 0x%02x)", TC_BLOCKDATA);
      return NULL;
    }
  return g_steal_pointer (&block);
}

gboolean
_flink_leader_record_decode (const guint8 *data,
                             gsize         length,
                             char        **out_address,
                             char        **out_session_id,
                             GError      **error)
{
  Reader                 reader = { data, length, 0 };
  g_autoptr (GByteArray) block = NULL;
  g_autofree char       *address = NULL;
  g_autofree char       *class_name = NULL;
  gboolean               seen[2] = { FALSE, FALSE }; /* mostSigBits, leastSigBits */
  int                    order[2] = { 0, 1 };        /* which of them each field is */
  guint64                bits[2];
  guint16                n_fields;
  guint16                utf_length;

  *out_address = NULL;
  *out_session_id = NULL;
  /* LeaderInformation.empty(): Flink writes no data. */
  if (length == 0)
    return TRUE;

  if (!reader_has (&reader, 4) || reader_take_be (&reader, 2) != 0xaced)
    {
      reader.pos = 0;
      return reader_fail (&reader, error,
                          "a Java serialization stream (0xaced, ObjectOutputStream's magic)");
    }
  if (reader_take_be (&reader, 2) != 5)
    {
      reader.pos = 2;
      return reader_fail (&reader, error, "version 5 of Java serialization");
    }

  /* writeUTF(leader address). */
  block = reader_take_block_data (&reader, error);
  if (block == NULL)
    return FALSE;
  utf_length = block->len >= 2 ? (guint16) ((block->data[0] << 8) | block->data[1]) : 0;
  if (block->len < 2 || (gsize) utf_length + 2 != block->len)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                   "the block of data before byte %" G_GSIZE_FORMAT " holds %u bytes, not one "
                   "string (writeUTF) of the leader's address",
                   reader.pos, block->len);
      return FALSE;
    }
  address = java_utf_to_utf8 (block->data + 2, utf_length, "the leader's address", error);
  if (address == NULL)
    return FALSE;

  /* writeObject(UUID leader session id): a new object of a new class
   * description, java.util.UUID with two long fields, no superclass. */
  if (!reader_expect (&reader, TC_OBJECT, "the leader session id (an object)", error) ||
      !reader_expect (&reader, TC_CLASSDESC, "its class description", error))
    return FALSE;
  class_name = reader_take_utf (&reader, "the class name", error);
  if (class_name == NULL)
    return FALSE;
  if (g_strcmp0 (class_name, "java.util.UUID") != 0)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                   _ ("the leader session id is a %s, not a java.util.UUID"), class_name);
      return FALSE;
    }
  if (!reader_has (&reader, 8 + 1 + 2))
    return reader_fail (&reader, error, "java.util.UUID's class description");
  if (reader_take_be (&reader, 8) != UUID_SERIAL_VERSION_UID)
    {
      reader.pos -= 8;
      return reader_fail (&reader, error, "java.util.UUID's serialVersionUID 0x%016" G_GINT64_MODIFIER "x",
                          UUID_SERIAL_VERSION_UID);
    }
  if (reader.data[reader.pos] != SC_SERIALIZABLE)
    return reader_fail (&reader, error, "the flags of a Serializable class (0x%02x)", SC_SERIALIZABLE);
  reader.pos++;
  n_fields = (guint16) reader_take_be (&reader, 2);
  if (n_fields != 2)
    {
      reader.pos -= 2;
      return reader_fail (&reader, error, "java.util.UUID's 2 fields");
    }
  /* The values come in the order of the fields (ObjectStreamClass sorts
   * them by name: leastSigBits, mostSigBits). */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = NULL;
      int              which;

      if (!reader_expect (&reader, 'J', "a field of type long ('J')", error))
        return FALSE;
      name = reader_take_utf (&reader, "a field name", error);
      if (name == NULL)
        return FALSE;
      which = g_strcmp0 (name, "mostSigBits") == 0 ? 0 : g_strcmp0 (name, "leastSigBits") == 0 ? 1
                                                                                               : -1;
      if (which < 0 || seen[which])
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                       _ ("java.util.UUID has a field “%s”, not mostSigBits and leastSigBits"), name);
          return FALSE;
        }
      seen[which] = TRUE;
      order[i] = which;
    }
  if (!reader_expect (&reader, TC_ENDBLOCKDATA, "the end of the class description", error) ||
      !reader_expect (&reader, TC_NULL, "no superclass", error))
    return FALSE;
  if (!reader_has (&reader, 16))
    return reader_fail (&reader, error, "the 16 bytes of the leader session id");
  for (guint i = 0; i < 2; i++)
    bits[order[i]] = reader_take_be (&reader, 8);
  if (reader.pos != reader.length)
    return reader_fail (&reader, error, "the end of the record");
  /* As UUID.toString() prints it. */
  *out_session_id = g_strdup_printf ("%08x-%04x-%04x-%04x-%012" G_GINT64_MODIFIER "x",
                                     (guint) (bits[0] >> 32), (guint) ((bits[0] >> 16) & 0xffff),
                                     (guint) (bits[0] & 0xffff), (guint) (bits[1] >> 48),
                                     bits[1] & G_GUINT64_CONSTANT (0xffffffffffff));
  *out_address = g_steal_pointer (&address);
  return TRUE;
}

char *
_flink_leader_address_to_url (const char *address,
                              gboolean    ssl,
                              GError    **error)
{
  g_autofree char   *url = NULL;
  g_autoptr (GUri)   uri = NULL;
  g_autoptr (GError) local_error = NULL;

  if (strstr (address, "://") != NULL)
    url = g_strdup (address);
  else
    url = g_strconcat (ssl ? "https://" : "http://", address, NULL);
  uri = _flink_endpoint_parse (url, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                   _ ("the leader's address “%s” is not a REST URL: %s"), address,
                   local_error->message);
      return NULL;
    }
  return _flink_endpoint_to_display (uri);
}
