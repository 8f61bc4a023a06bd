/* flink-connection-private.h: how to talk to a cluster, as a descriptor
 * holds it and a transport copies it
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

#define FLINK_RETRY_MAX_DELAY_MS 5000

typedef struct {
  GPtrArray *endpoints;          /* GUri, at least one; userinfo kept */
  guint timeout;                 /* seconds per request, 0 for none */
  guint64 max_response_size;     /* bytes of an answer's body, at most */
  char *user_agent;
  guint retry_max_attempts;      /* attempts per request; 1: no retries */
  guint retry_delay;             /* ms before the first retry; doubles */
  char *bearer_token;
  SoupMessageHeaders *headers;   /* extra request headers */
  char *tls_ca_file;
  GTlsDatabase *tls_database;    /* NULL: the system's */
  GTlsCertificate *tls_certificate;
  /* ZooKeeper HA: the configuration the REST leader is found with (then
   * the endpoint only carries credentials), and its file. */
  GHashTable *ha_config;
  char *ha_config_file;
} FlinkConnectionSettings;

FlinkConnectionSettings *_flink_connection_settings_new  (void);
FlinkConnectionSettings *_flink_connection_settings_copy (const FlinkConnectionSettings *settings);
void                     _flink_connection_settings_free (FlinkConnectionSettings       *settings);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlinkConnectionSettings, _flink_connection_settings_free)

/* http://host:8081/prefix as people write it: no credentials, no trailing
 * slash. */
char                    *_flink_endpoint_to_display      (GUri                          *endpoint);
GUri                    *_flink_endpoint_parse           (const char                    *url,
                                                          GError                       **error);
gboolean                 _flink_connection_settings_add_environment_headers (FlinkConnectionSettings  *settings,
                                                                             GError                  **error);
gboolean                 _flink_connection_settings_apply_config (FlinkConnectionSettings  *settings,
                                                                  GHashTable               *config,
                                                                  const char               *file_name,
                                                                  GError                  **error);
/* ZooKeeper HA in @config: keeps it in @settings for the transport to find
 * the leader with; fails with INVALID_ARGUMENT for a bad HA value, and with
 * NOT_SUPPORTED when flinkjob has no ZooKeeper and no rest.address is
 * given (with one, that address is used: every JobManager forwards). */
gboolean                 _flink_connection_settings_apply_ha_config (FlinkConnectionSettings  *settings,
                                                                     GHashTable               *config,
                                                                     const char               *file_name,
                                                                     GError                  **error);
gboolean                 _flink_parse_duration_ms        (const char                    *text,
                                                          guint64                       *out_ms);

/* clang-format on */

G_END_DECLS
