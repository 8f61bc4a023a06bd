/* flink-connection.c: how to talk to a cluster
 *
 * The settings a FlinkClusterDescriptor gathers (endpoints, timeouts,
 * retries, credentials, TLS) and a FlinkClusterClient copies.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include <string.h>

#include "flink-connection-private.h"
#include "flink-keystore-private.h"
#include "flink-file-private.h"
#include "flink-headers-private.h"
#include "flink-url-private.h"
#include "flink-i18n-private.h"

/* Flink's own client tries 20 times, 3 s apart; flinkjob backs off
 * exponentially from 250 ms to 5 s, which covers a leader election (some
 * 18 s over 8 attempts) while answering a person quickly. */
#define DEFAULT_TIMEOUT 60
#define DEFAULT_RETRY_MAX_ATTEMPTS 8
#define DEFAULT_RETRY_DELAY_MS 250
/* No Flink answer comes near it (an overview of 10,000 jobs is some 4 MB);
 * Flink's own client allows 100 MiB (rest.client.max-content-length). */
#define DEFAULT_MAX_RESPONSE_SIZE (32 * 1024 * 1024)

FlinkConnectionSettings *
_flink_connection_settings_new (void)
{
  FlinkConnectionSettings *settings = g_new0 (FlinkConnectionSettings, 1);

  settings->endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) g_uri_unref);
  settings->timeout = DEFAULT_TIMEOUT;
  settings->max_response_size = DEFAULT_MAX_RESPONSE_SIZE;
  settings->user_agent = g_strdup (FLINKJOB_USER_AGENT);
  settings->retry_max_attempts = DEFAULT_RETRY_MAX_ATTEMPTS;
  settings->retry_delay = DEFAULT_RETRY_DELAY_MS;
  settings->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  return settings;
}

static void
copy_header_cb (const char *name,
                const char *value,
                gpointer    user_data)
{
  soup_message_headers_append (user_data, name, value);
}

FlinkConnectionSettings *
_flink_connection_settings_copy (const FlinkConnectionSettings *settings)
{
  FlinkConnectionSettings *copy = _flink_connection_settings_new ();

  for (guint i = 0; i < settings->endpoints->len; i++)
    g_ptr_array_add (copy->endpoints, g_uri_ref (g_ptr_array_index (settings->endpoints, i)));
  copy->timeout = settings->timeout;
  copy->max_response_size = settings->max_response_size;
  g_free (copy->user_agent);
  copy->user_agent = g_strdup (settings->user_agent);
  copy->retry_max_attempts = settings->retry_max_attempts;
  copy->retry_delay = settings->retry_delay;
  copy->bearer_token = g_strdup (settings->bearer_token);
  soup_message_headers_foreach (settings->headers, copy_header_cb, copy->headers);
  copy->tls_ca_file = g_strdup (settings->tls_ca_file);
  g_set_object (&copy->tls_database, settings->tls_database);
  g_set_object (&copy->tls_certificate, settings->tls_certificate);
  if (settings->ha_config != NULL)
    copy->ha_config = g_hash_table_ref (settings->ha_config);
  copy->ha_config_file = g_strdup (settings->ha_config_file);
  return copy;
}

void
_flink_connection_settings_free (FlinkConnectionSettings *settings)
{
  if (settings == NULL)
    return;
  g_ptr_array_unref (settings->endpoints);
  g_free (settings->user_agent);
  if (settings->bearer_token != NULL)
    memset (settings->bearer_token, 0, strlen (settings->bearer_token));
  g_free (settings->bearer_token);
  soup_message_headers_unref (settings->headers);
  g_free (settings->tls_ca_file);
  g_clear_object (&settings->tls_database);
  g_clear_object (&settings->tls_certificate);
  g_clear_pointer (&settings->ha_config, g_hash_table_unref);
  g_free (settings->ha_config_file);
  g_free (settings);
}

/* http://host:8081/prefix as people write it: no user name or password
 * (a token may be the user name), no trailing slash. */
char *
_flink_endpoint_to_display (GUri *endpoint)
{
  char *url = g_uri_to_string_partial (endpoint, G_URI_HIDE_USERINFO | G_URI_HIDE_AUTH_PARAMS);
  gsize len = strlen (url);

  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';
  return url;
}

/* What is wrong with a URL that g_uri_parse() refused, from its error code
 * (GLib's message may quote the URL, password included). */
static const char *
describe_uri_error (const GError *error)
{
  if (error->domain != G_URI_ERROR)
    return "it is not a valid URL";
  switch ((GUriError) error->code)
    {
    case G_URI_ERROR_BAD_SCHEME:
      return "its scheme is not valid; it should be http:// or https://";
    case G_URI_ERROR_BAD_USER:
    case G_URI_ERROR_BAD_PASSWORD:
    case G_URI_ERROR_BAD_AUTH_PARAMS:
      return "its user name or password holds a character that must be "
             "percent-encoded (such as %40 for @, %2F for /)";
    case G_URI_ERROR_BAD_HOST:
      return "its host is not a valid host name or IP address";
    case G_URI_ERROR_BAD_PORT:
      return "its port is not a number from 1 to 65535";
    case G_URI_ERROR_BAD_PATH:
      return "its path holds a character that must be percent-encoded";
    case G_URI_ERROR_BAD_QUERY:
    case G_URI_ERROR_BAD_FRAGMENT:
      return "it may hold a path prefix but no query (?) or fragment (#)";
    case G_URI_ERROR_FAILED:
    default:
      return "it is not a valid URL";
    }
}

/* RFC 3986's reg-name, or an IP address (GUri takes IPv6 literals'
 * brackets off). */
static gboolean
host_is_valid (const char *host)
{
  if (g_hostname_is_ip_address (host))
    return TRUE;
  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("-._~%!$&'()*+,;=", *p) == NULL)
      return FALSE;
  return TRUE;
}

/* Fails with a message that quotes @url without its credentials. */
static void
set_url_error (GError    **error,
               const char *url,
               const char *problem)
{
  g_autofree char *shown = _flink_url_redact (url);

  g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
               _ ("“%s” is not a cluster URL: %s"), shown, problem);
}

GUri *
_flink_endpoint_parse (const char *url,
                       GError    **error)
{
  g_autoptr (GUri)   uri = NULL;
  g_autoptr (GError) local_error = NULL;
  const char        *scheme;
  const char        *host;

  if (url == NULL || url[0] == '\0')
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                           _ ("No cluster URL was given; Flink's default is http://localhost:8081"));
      return NULL;
    }

  /* g_uri_parse() takes these as they are with G_URI_FLAGS_ENCODED. */
  if (!g_utf8_validate (url, -1, NULL))
    {
      set_url_error (error, url, "it is not UTF-8 text");
      return NULL;
    }
  for (const char *p = url; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || *p == 0x7f)
      {
        set_url_error (error, url, "it holds a space or a control character, which a "
                                   "URL must percent-encode (a space as %20)");
        return NULL;
      }

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_SCHEME_NORMALIZE,
                     &local_error);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (strstr (url, "://") == NULL &&
      !(g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0))
    {
      /* host:port, or user:password@host: what was meant is clear. */
      g_autofree char *shown = _flink_url_redact (url);

      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("“%s” is not a cluster URL: it needs the scheme http:// or https://, "
                      "as in http://%s"),
                   shown, shown);
      return NULL;
    }
  if (uri == NULL)
    {
      set_url_error (error, url, describe_uri_error (local_error));
      return NULL;
    }
  if (!(g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0))
    {
      set_url_error (error, url, "the scheme must be http:// or https://, "
                                 "as in http://localhost:8081");
      return NULL;
    }
  host = g_uri_get_host (uri);
  if (host == NULL || host[0] == '\0')
    {
      set_url_error (error, url, "it names no host");
      return NULL;
    }
  /* G_URI_FLAGS_ENCODED leaves the host unchecked: http://a@b@host has
   * the host "b@host", and every message would show "b". */
  if (strchr (host, '@') != NULL)
    {
      set_url_error (error, url, "its user name or password holds an “@”, which must be "
                                 "percent-encoded as %40");
      return NULL;
    }
  if (!host_is_valid (host))
    {
      set_url_error (error, url, "its host is not a valid host name or IP address");
      return NULL;
    }
  if (g_uri_get_port (uri) == 0)
    {
      set_url_error (error, url, "its port is not a number from 1 to 65535");
      return NULL;
    }
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      set_url_error (error, url, "it may hold a path prefix but no query (?) or fragment (#)");
      return NULL;
    }
  return g_steal_pointer (&uri);
}

/* FLINK_REST_CLIENT_HEADERS, as Flink's own REST client reads it:
 * newline-separated "Name:value" lines. A line that has a colon but
 * cannot be sent (a space in the name, a line break in the value) fails:
 * Flink's own client fails on it too, when it builds a request, and a
 * credential header dropped without a word would be worse. */
gboolean
_flink_connection_settings_add_environment_headers (FlinkConnectionSettings *settings,
                                                    GError                 **error)
{
  return _flink_headers_append_from_text (settings->headers,
                                          g_getenv ("FLINK_REST_CLIENT_HEADERS"),
                                          "FLINK_REST_CLIENT_HEADERS", error);
}

/* Flink's durations: "3 s", "3s", "3000 ms", "1 min", "2 h", or a bare
 * number of milliseconds. */
gboolean
_flink_parse_duration_ms (const char *text,
                          guint64    *out_ms)
{
  static const struct
  {
    const char *unit;
    guint64     ms;
  } units[] = {
    { "ms", 1 },
    { "milli", 1 },
    { "millis", 1 },
    { "millisecond", 1 },
    { "milliseconds", 1 },
    { "s", 1000 },
    { "sec", 1000 },
    { "secs", 1000 },
    { "second", 1000 },
    { "seconds", 1000 },
    { "min", 60000 },
    { "m", 60000 },
    { "mins", 60000 },
    { "minute", 60000 },
    { "minutes", 60000 },
    { "h", 3600000 },
    { "hour", 3600000 },
    { "hours", 3600000 },
  };
  g_autofree char *copy = NULL;
  char            *end = NULL;
  guint64          value;

  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  if (!g_ascii_isdigit (copy[0]))
    return FALSE;
  value = g_ascii_strtoull (copy, &end, 10);
  while (*end == ' ')
    end++;
  if (*end == '\0')
    {
      *out_ms = value;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_ascii_strcasecmp (end, units[i].unit) == 0)
      {
        if (value > G_MAXUINT64 / units[i].ms)
          return FALSE;
        *out_ms = value * units[i].ms;
        return TRUE;
      }
  return FALSE;
}

/* A PEM bundle of every CA a system trusts is some 200 KiB. */

/* The client-side keys of Flink's configuration that map onto flinkjob's. */
gboolean
_flink_connection_settings_apply_config (FlinkConnectionSettings *settings,
                                         GHashTable              *config,
                                         const char              *file_name,
                                         GError                 **error)
{
  const char *attempts = g_hash_table_lookup (config, "rest.retry.max-attempts");
  const char *delay = g_hash_table_lookup (config, "rest.retry.delay");
  const char *max_length = g_hash_table_lookup (config, "rest.client.max-content-length");
  guint64     value;

  if (attempts != NULL)
    {
      if (!g_ascii_string_to_unsigned (attempts, 10, 0, 1000, &value, NULL))
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                       _ ("rest.retry.max-attempts in %s is “%s”, not a number of attempts"),
                       file_name, attempts);
          return FALSE;
        }
      /* Flink counts retries after the first attempt. */
      settings->retry_max_attempts = (guint) value + 1;
    }
  if (delay != NULL)
    {
      if (!_flink_parse_duration_ms (delay, &value) || value > G_MAXUINT)
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                       _ ("rest.retry.delay in %s is “%s”, not a duration such as 3 s"),
                       file_name, delay);
          return FALSE;
        }
      settings->retry_delay = (guint) value;
    }
  if (max_length != NULL)
    {
      /* Flink's key is a number of bytes. */
      if (!g_ascii_string_to_unsigned (max_length, 10, 1, G_MAXINT64, &value, NULL))
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                       _ ("rest.client.max-content-length in %s is “%s”, not a number of bytes"),
                       file_name, max_length);
          return FALSE;
        }
      settings->max_response_size = value;
    }

  return _flink_connection_settings_apply_tls_config (settings, config, file_name, error);
}
