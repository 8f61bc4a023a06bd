/* flink-cluster-descriptor.c: how to reach a Flink cluster
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include <string.h>

#include "flink-cluster-descriptor-private.h"
#include "flink-config-private.h"
#include "flink-error-private.h"
#include "flink-keystore-private.h"
#include "flink-deploy-private.h"
#include "flink-file-private.h"
#include "flink-headers-private.h"
#include "flink-i18n-private.h"

/**
 * FlinkClusterDescriptor:
 *
 * How to reach a Flink cluster: its REST URL and the settings of the HTTP
 * connection. The first of FLIP-74's three layers: it retrieves a
 * [class@Flink.ClusterClient], which hands out [class@Flink.JobClient]s.
 *
 * Make one from a URL ([ctor@Flink.ClusterDescriptor.new_for_url]) or from
 * the Flink configuration users already have
 * ([ctor@Flink.ClusterDescriptor.new_from_config]), then call
 * [method@Flink.ClusterDescriptor.retrieve_async].
 *
 * ```c
 * g_autoptr(FlinkClusterDescriptor) descriptor =
 *   flink_cluster_descriptor_new_for_url ("http://localhost:8081", &error);
 * flink_cluster_descriptor_retrieve_async (descriptor, NULL, retrieved_cb, NULL);
 * ```
 *
 * Since: 1.0
 */

struct _FlinkClusterDescriptor
{
  GObject parent_instance;

  FlinkConnectionSettings *settings;
  GStrv                    urls;          /* the endpoints, for people */
  FlinkDeploySource       *deploy_source; /* made for a distribution: deploys */
  char                    *cluster_id;    /* made for a cluster flinkjob deployed */
};

G_DEFINE_FINAL_TYPE (FlinkClusterDescriptor, flink_cluster_descriptor, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_URL,
  PROP_URLS,
  PROP_TIMEOUT,
  PROP_MAX_RESPONSE_SIZE,
  PROP_USER_AGENT,
  PROP_RETRY_MAX_ATTEMPTS,
  PROP_RETRY_DELAY,
  PROP_BEARER_TOKEN,
  PROP_TLS_CA_FILE,
  PROP_TLS_CLIENT_CERTIFICATE,
  PROP_FLINK_HOME,
  PROP_JAVA_HOME,
  PROP_CLUSTER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
flink_cluster_descriptor_finalize (GObject *object)
{
  FlinkClusterDescriptor *self = FLINK_CLUSTER_DESCRIPTOR (object);

  g_clear_pointer (&self->settings, _flink_connection_settings_free);
  g_clear_pointer (&self->urls, g_strfreev);
  g_clear_pointer (&self->deploy_source, _flink_deploy_source_free);
  g_clear_pointer (&self->cluster_id, g_free);

  G_OBJECT_CLASS (flink_cluster_descriptor_parent_class)->finalize (object);
}

static void
flink_cluster_descriptor_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  FlinkClusterDescriptor *self = FLINK_CLUSTER_DESCRIPTOR (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, flink_cluster_descriptor_get_url (self));
      break;
    case PROP_URLS:
      g_value_set_boxed (value, self->urls);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->settings->timeout);
      break;
    case PROP_MAX_RESPONSE_SIZE:
      g_value_set_uint64 (value, self->settings->max_response_size);
      break;
    case PROP_USER_AGENT:
      g_value_set_string (value, self->settings->user_agent);
      break;
    case PROP_RETRY_MAX_ATTEMPTS:
      g_value_set_uint (value, self->settings->retry_max_attempts);
      break;
    case PROP_RETRY_DELAY:
      g_value_set_uint (value, self->settings->retry_delay);
      break;
    case PROP_TLS_CA_FILE:
      g_value_set_string (value, self->settings->tls_ca_file);
      break;
    case PROP_TLS_CLIENT_CERTIFICATE:
      g_value_set_object (value, self->settings->tls_certificate);
      break;
    case PROP_FLINK_HOME:
      g_value_set_string (value, flink_cluster_descriptor_get_flink_home (self));
      break;
    case PROP_JAVA_HOME:
      g_value_set_string (value, flink_cluster_descriptor_get_java_home (self));
      break;
    case PROP_CLUSTER_ID:
      g_value_set_string (value, self->cluster_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flink_cluster_descriptor_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  FlinkClusterDescriptor *self = FLINK_CLUSTER_DESCRIPTOR (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      flink_cluster_descriptor_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_RESPONSE_SIZE:
      flink_cluster_descriptor_set_max_response_size (self, g_value_get_uint64 (value));
      break;
    case PROP_USER_AGENT:
      flink_cluster_descriptor_set_user_agent (self, g_value_get_string (value));
      break;
    case PROP_RETRY_MAX_ATTEMPTS:
      flink_cluster_descriptor_set_retry_max_attempts (self, g_value_get_uint (value));
      break;
    case PROP_RETRY_DELAY:
      flink_cluster_descriptor_set_retry_delay (self, g_value_get_uint (value));
      break;
    case PROP_BEARER_TOKEN:
      flink_cluster_descriptor_set_bearer_token (self, g_value_get_string (value));
      break;
    case PROP_TLS_CLIENT_CERTIFICATE:
      flink_cluster_descriptor_set_tls_client_certificate (self, g_value_get_object (value));
      break;
    case PROP_JAVA_HOME:
      flink_cluster_descriptor_set_java_home (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
flink_cluster_descriptor_class_init (FlinkClusterDescriptorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = flink_cluster_descriptor_finalize;
  object_class->get_property = flink_cluster_descriptor_get_property;
  object_class->set_property = flink_cluster_descriptor_set_property;

  /**
   * FlinkClusterDescriptor:url:
   *
   * The cluster's REST URL, such as `http://localhost:8081` or
   * `https://flink.example.com/my-cluster`: the first of
   * [property@Flink.ClusterDescriptor:urls].
   *
   * Since: 1.0
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkClusterDescriptor:urls:
   *
   * The cluster's REST endpoints, without user names and passwords. With high
   * availability every JobManager answers; when one cannot be reached, the
   * next is tried.
   *
   * Since: 1.0
   */
  properties[PROP_URLS] =
    g_param_spec_boxed ("urls", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkClusterDescriptor:timeout:
   *
   * How many seconds one HTTP request may take, from connecting to the
   * last byte of the answer, before it fails with %FLINK_ERROR_TIMED_OUT; 0
   * for no limit. A server that answers one byte at a time cannot hold a
   * request longer. This bounds each request, not the wait for a savepoint
   * or a job result, which may take many requests: bound those with a
   * #GCancellable. Read when the cluster client is made.
   *
   * Since: 1.0
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, G_MAXUINT, 60,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkClusterDescriptor:max-response-size:
   *
   * The largest answer, in bytes, that a cluster client takes from the
   * cluster: a larger one fails with %FLINK_ERROR_PROTOCOL_ERROR as soon as
   * it passes the limit, so that a misbehaving server cannot make the
   * process grow. 32 MiB by default, ample for Flink's answers (an overview
   * of 10,000 jobs is some 4 MB); Flink's `rest.client.max-content-length`
   * sets it from a configuration. Read when the cluster client is made.
   *
   * Since: 1.0
   */
  properties[PROP_MAX_RESPONSE_SIZE] =
    g_param_spec_uint64 ("max-response-size", NULL, NULL, 1, G_MAXINT64, 32 * 1024 * 1024,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkClusterDescriptor:user-agent:
   *
   * The User-Agent header sent to the cluster, `flinkjob/VERSION` by
   * default. Read when the cluster client is retrieved.
   *
   * Since: 1.0
   */
  properties[PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL, FLINKJOB_USER_AGENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkClusterDescriptor:retry-max-attempts:
   *
   * How many times one request is sent at most: 1 for no retries. A
   * request is sent again only when that is safe: after a connection that
   * could not be made, or an HTTP 502 or 503 (a leader election); after a
   * dropped connection or an HTTP 504 only if sending it twice
   * does nothing twice (reads, cancel, savepoint triggers, which carry a
   * trigger id of ours, and jar runs given a job id). A request that times
   * out is not sent again. Flink's `rest.retry.max-attempts` sets it (plus
   * one) in a configuration file.
   *
   * Since: 1.0
   */
  properties[PROP_RETRY_MAX_ATTEMPTS] =
    g_param_spec_uint ("retry-max-attempts", NULL, NULL, 1, 1000, 8,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkClusterDescriptor:retry-delay:
   *
   * Milliseconds to wait before the first retry; each further wait doubles,
   * up to 5 s, with random jitter. Flink's `rest.retry.delay` sets it in a
   * configuration file.
   *
   * Since: 1.0
   */
  properties[PROP_RETRY_DELAY] =
    g_param_spec_uint ("retry-delay", NULL, NULL, 0, 60000, 250,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkClusterDescriptor:bearer-token:
   *
   * A token sent as `Authorization: Bearer TOKEN`, for a cluster behind an
   * authenticating proxy. Write-only: it never appears in messages or logs.
   * For basic authentication put the user and password in the URL.
   *
   * Since: 1.0
   */
  properties[PROP_BEARER_TOKEN] =
    g_param_spec_string ("bearer-token", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkClusterDescriptor:tls-ca-file:
   *
   * The file of the certificates that https endpoints must be signed by,
   * instead of the system's: a PEM file of CA certificates set with
   * [method@Flink.ClusterDescriptor.set_tls_ca_file], or a Java truststore
   * set with [method@Flink.ClusterDescriptor.set_tls_truststore] or read
   * from Flink's configuration (`security.ssl.rest.truststore`).
   * Certificates are always verified, host names included.
   *
   * Since: 1.0
   */
  properties[PROP_TLS_CA_FILE] =
    g_param_spec_string ("tls-ca-file", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkClusterDescriptor:tls-client-certificate:
   *
   * The certificate, with its private key, to present to a cluster that
   * asks for one (Flink's `security.ssl.rest.authentication-enabled`, mutual
   * TLS). Make one from PEM files with
   * [ctor@Gio.TlsCertificate.new_from_files], or read it from a Java
   * keystore with [method@Flink.ClusterDescriptor.set_tls_keystore]; a
   * configuration with `security.ssl.rest.authentication-enabled` sets it
   * from `security.ssl.rest.keystore`.
   *
   * Since: 1.0
   */
  properties[PROP_TLS_CLIENT_CERTIFICATE] =
    g_param_spec_object ("tls-client-certificate", NULL, NULL, G_TYPE_TLS_CERTIFICATE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkClusterDescriptor:flink-home:
   *
   * The Flink distribution that a descriptor made with
   * [ctor@Flink.ClusterDescriptor.new_for_distribution] deploys; %NULL for
   * other descriptors, and for one made with
   * [ctor@Flink.ClusterDescriptor.new_for_pyflink], which finds it when it
   * deploys.
   *
   * Since: 1.0
   */
  properties[PROP_FLINK_HOME] =
    g_param_spec_string ("flink-home", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkClusterDescriptor:java-home:
   *
   * The JDK or JRE whose `bin/java` runs the clusters this descriptor
   * deploys, or %NULL for `JAVA_HOME`, then the `java` on the `PATH`. Its
   * version is checked against what the distribution's Flink needs.
   *
   * Since: 1.0
   */
  properties[PROP_JAVA_HOME] =
    g_param_spec_string ("java-home", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkClusterDescriptor:cluster-id:
   *
   * The id of the cluster flinkjob deployed that a descriptor made with
   * [ctor@Flink.ClusterDescriptor.new_for_cluster_id] names: the absolute
   * path of its work directory. %NULL for other descriptors.
   *
   * Since: 1.0
   */
  properties[PROP_CLUSTER_ID] =
    g_param_spec_string ("cluster-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
flink_cluster_descriptor_init (FlinkClusterDescriptor *self)
{
  self->settings = _flink_connection_settings_new ();
  self->urls = g_new0 (char *, 1);
}

/* Takes @settings, with the endpoints' GUris; fails if
 * FLINK_REST_CLIENT_HEADERS holds a header that cannot be sent. */
static FlinkClusterDescriptor *
descriptor_new (FlinkConnectionSettings *settings,
                GError                 **error)
{
  FlinkClusterDescriptor *self;

  if (!_flink_connection_settings_add_environment_headers (settings, error))
    {
      _flink_connection_settings_free (settings);
      return NULL;
    }
  self = g_object_new (FLINK_TYPE_CLUSTER_DESCRIPTOR, NULL);
  _flink_connection_settings_free (self->settings);
  self->settings = settings;
  g_strfreev (self->urls);
  self->urls = g_new0 (char *, settings->endpoints->len + 1);
  for (guint i = 0; i < settings->endpoints->len; i++)
    self->urls[i] = _flink_endpoint_to_display (g_ptr_array_index (settings->endpoints, i));
  return self;
}

FlinkDeploySource *
_flink_cluster_descriptor_get_deploy_source (FlinkClusterDescriptor *self)
{
  return self->deploy_source;
}

void
_flink_cluster_descriptor_set_deploy_source (FlinkClusterDescriptor *self,
                                             FlinkDeploySource      *source)
{
  g_clear_pointer (&self->deploy_source, _flink_deploy_source_free);
  self->deploy_source = source;
}

const char *
_flink_cluster_descriptor_peek_cluster_id (FlinkClusterDescriptor *self)
{
  return self->cluster_id;
}

void
_flink_cluster_descriptor_set_cluster_id (FlinkClusterDescriptor *self,
                                          const char             *cluster_id)
{
  g_free (self->cluster_id);
  self->cluster_id = g_strdup (cluster_id);
}

void
_flink_cluster_descriptor_notify_java_home (FlinkClusterDescriptor *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JAVA_HOME]);
}

/**
 * flink_cluster_descriptor_new_for_url:
 * @url: the cluster's REST URL, such as `http://localhost:8081`; `https` is
 *   accepted, a path prefix for a cluster behind a proxy, and a user and
 *   password for basic authentication (`https://user:secret@host/flink`)
 * @error: return location for a #GError
 *
 * Makes a descriptor of the cluster whose REST API answers at @url. Nothing
 * is sent yet.
 *
 * Like Flink's own REST client, it adds the HTTP headers listed in the
 * environment variable `FLINK_REST_CLIENT_HEADERS` (`Name:value` lines) to
 * every request. Lines without a colon are skipped, as Flink skips them;
 * a header that cannot be sent (a space in its name, a line break in its
 * value) is an error.
 *
 * Messages never quote the password or user name of @url.
 *
 * Returns: (transfer full): a new descriptor, or %NULL with
 *   %FLINK_ERROR_INVALID_ARGUMENT if @url is not an http or https URL, or
 *   `FLINK_REST_CLIENT_HEADERS` holds a header that cannot be sent
 *
 * Since: 1.0
 */
FlinkClusterDescriptor *
flink_cluster_descriptor_new_for_url (const char *url,
                                      GError    **error)
{
  const char *urls[] = { url, NULL };

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (url == NULL)
    return flink_cluster_descriptor_new_for_urls (NULL, error);
  return flink_cluster_descriptor_new_for_urls (urls, error);
}

/**
 * flink_cluster_descriptor_new_for_urls:
 * @urls: (array zero-terminated=1): the REST URLs of the cluster's
 *   JobManagers, as for [ctor@Flink.ClusterDescriptor.new_for_url]
 * @error: return location for a #GError
 *
 * Makes a descriptor of a cluster with several REST endpoints: with high
 * availability every JobManager answers and forwards to the leader. A
 * request that cannot connect to one endpoint goes to the next.
 *
 * Returns: (transfer full): a new descriptor, or %NULL with
 *   %FLINK_ERROR_INVALID_ARGUMENT if @urls is empty, one is not an http
 *   or https URL, or `FLINK_REST_CLIENT_HEADERS` holds a header that
 *   cannot be sent
 *
 * Since: 1.0
 */
FlinkClusterDescriptor *
flink_cluster_descriptor_new_for_urls (const char *const *urls,
                                       GError           **error)
{
  FlinkConnectionSettings *settings;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (urls == NULL || urls[0] == NULL)
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                           _ ("No cluster URL was given; Flink's default is http://localhost:8081"));
      return NULL;
    }

  settings = _flink_connection_settings_new ();
  for (guint i = 0; urls[i] != NULL; i++)
    {
      GUri *endpoint = _flink_endpoint_parse (urls[i], error);

      if (endpoint == NULL)
        {
          _flink_connection_settings_free (settings);
          return NULL;
        }
      g_ptr_array_add (settings->endpoints, endpoint);
    }
  return descriptor_new (settings, error);
}

/**
 * flink_cluster_descriptor_new_from_config:
 * @path: (nullable) (type filename): a Flink configuration directory (holding
 *   `config.yaml` or, for older clusters, `flink-conf.yaml`) or file; %NULL
 *   for the directory named by `FLINK_CONF_DIR`
 * @error: return location for a #GError
 *
 * Makes a descriptor from the Flink configuration that users already have,
 * the way Flink's own client finds its cluster: `rest.address` (else
 * `jobmanager.rpc.address`, else localhost), `rest.port` (8081 by default),
 * `rest.path` or `rest.url-prefix` for a path prefix, and https when
 * `security.ssl.rest.enabled` is true.
 *
 * With https it reads the TLS settings as Flink's own REST client does: the
 * truststore `security.ssl.rest.truststore` (else `security.ssl.truststore`)
 * with its `-password`, and, when `security.ssl.rest.authentication-enabled`
 * asks for mutual TLS, the client's key and certificate from the keystore
 * `security.ssl.rest.keystore` with its `-password` and
 * `security.ssl.rest.key-password` (else the `security.ssl.` keys). Both
 * are JKS or PKCS12 keystores, as made by `keytool`, whatever
 * `security.ssl.rest.truststore-type` / `keystore-type` say (as Java reads
 * them), or PEM files; see [method@Flink.ClusterDescriptor.set_tls_truststore]
 * and [method@Flink.ClusterDescriptor.set_tls_keystore]. Without a
 * truststore the system's CAs are trusted.
 *
 * With ZooKeeper high availability (`high-availability.type: zookeeper`,
 * `high-availability.zookeeper.quorum`, `.path.root`,
 * `high-availability.cluster-id`), the clients of the descriptor find the
 * REST leader in ZooKeeper, as Flink's own client does, and follow it when
 * leadership moves: `rest.address` is not needed. A request that the
 * leader refuses waits for the next leader and goes there. With Kubernetes
 * HA, `rest.address` names the JobManagers' Service.
 *
 * Both standard YAML with nested keys (`rest: {port: 8081}`) and Flink's
 * flat keys (`rest.port: 8081`) are read, with libyaml. When a directory
 * holds both files, `config.yaml` is read.
 *
 * Only regular files are read, of at most 1 MiB, nesting at most 64
 * deep; aliases may not hold themselves nor expand to more than 100,000
 * values.
 *
 * Returns: (transfer full): a new descriptor, or %NULL with
 *   %FLINK_ERROR_INVALID_ARGUMENT if the configuration cannot be read, is
 *   not YAML, is past one of these limits, or holds an invalid value (a
 *   truststore or keystore that cannot be read, or a wrong password), or
 *   %FLINK_ERROR_NOT_SUPPORTED for
 *   a keystore type flinkjob cannot read (JCEKS)
 *
 * Since: 1.0
 */
FlinkClusterDescriptor *
flink_cluster_descriptor_new_from_config (const char *path,
                                          GError    **error)
{
  g_autoptr (GHashTable)   config = NULL;
  g_autofree char         *file = NULL;
  g_autofree char         *url = NULL;
  FlinkConnectionSettings *settings;
  GUri                    *endpoint;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  config = _flink_config_load (path, &file, error);
  if (config == NULL)
    return NULL;
  url = _flink_config_to_url (config, file, error);
  if (url == NULL)
    return NULL;

  settings = _flink_connection_settings_new ();
  endpoint = _flink_endpoint_parse (url, error);
  if (endpoint == NULL ||
      (g_ptr_array_add (settings->endpoints, endpoint),
       !_flink_connection_settings_apply_config (settings, config, file, error)) ||
      !_flink_connection_settings_apply_ha_config (settings, config, file, error))
    {
      _flink_connection_settings_free (settings);
      return NULL;
    }
  if (settings->ha_config != NULL)
    g_debug ("%s names a cluster with ZooKeeper HA: its REST leader is found there", file);
  else
    g_debug ("%s names the cluster %s", file, url);
  return descriptor_new (settings, error);
}

/**
 * flink_cluster_descriptor_get_url:
 * @self: a cluster descriptor
 *
 * The cluster's REST URL, without the user name and password it held.
 *
 * Returns: (nullable) (transfer none): the URL, or %NULL for a descriptor
 *   made without one of its constructors
 *
 * Since: 1.0
 */
const char *
flink_cluster_descriptor_get_url (FlinkClusterDescriptor *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), NULL);
  return self->urls[0];
}

/**
 * flink_cluster_descriptor_get_urls:
 * @self: a cluster descriptor
 *
 * The cluster's REST endpoints, in the order they are tried, without any
 * password they held.
 *
 * Returns: (transfer none) (array zero-terminated=1): the URLs
 *
 * Since: 1.0
 */
const char *const *
flink_cluster_descriptor_get_urls (FlinkClusterDescriptor *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), NULL);
  return (const char *const *) self->urls;
}

/**
 * flink_cluster_descriptor_get_timeout:
 * @self: a cluster descriptor
 *
 * Gets [property@Flink.ClusterDescriptor:timeout].
 *
 * Returns: the request timeout in seconds, 0 for none
 *
 * Since: 1.0
 */
guint
flink_cluster_descriptor_get_timeout (FlinkClusterDescriptor *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), 0);
  return self->settings->timeout;
}

/**
 * flink_cluster_descriptor_set_timeout:
 * @self: a cluster descriptor
 * @timeout: the request timeout in seconds, 0 for none
 *
 * Sets [property@Flink.ClusterDescriptor:timeout]: how long one HTTP request
 * may take. It applies to cluster clients retrieved afterwards.
 *
 * Since: 1.0
 */
void
flink_cluster_descriptor_set_timeout (FlinkClusterDescriptor *self,
                                      guint                   timeout)
{
  g_return_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self));

  if (self->settings->timeout == timeout)
    return;
  self->settings->timeout = timeout;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * flink_cluster_descriptor_get_max_response_size:
 * @self: a cluster descriptor
 *
 * Gets [property@Flink.ClusterDescriptor:max-response-size].
 *
 * Returns: the largest answer taken, in bytes
 *
 * Since: 1.0
 */
guint64
flink_cluster_descriptor_get_max_response_size (FlinkClusterDescriptor *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), 0);
  return self->settings->max_response_size;
}

/**
 * flink_cluster_descriptor_set_max_response_size:
 * @self: a cluster descriptor
 * @max_response_size: the largest answer to take, in bytes, at least 1
 *
 * Sets [property@Flink.ClusterDescriptor:max-response-size]. It applies to
 * cluster clients made afterwards.
 *
 * Since: 1.0
 */
void
flink_cluster_descriptor_set_max_response_size (FlinkClusterDescriptor *self,
                                                guint64                 max_response_size)
{
  g_return_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self));
  g_return_if_fail (max_response_size > 0);

  if (self->settings->max_response_size == max_response_size)
    return;
  self->settings->max_response_size = max_response_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_RESPONSE_SIZE]);
}

/**
 * flink_cluster_descriptor_get_user_agent:
 * @self: a cluster descriptor
 *
 * Gets [property@Flink.ClusterDescriptor:user-agent].
 *
 * Returns: (transfer none): the User-Agent header
 *
 * Since: 1.0
 */
const char *
flink_cluster_descriptor_get_user_agent (FlinkClusterDescriptor *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), NULL);
  return self->settings->user_agent;
}

/**
 * flink_cluster_descriptor_set_user_agent:
 * @self: a cluster descriptor
 * @user_agent: (nullable): the User-Agent header; %NULL for the default
 *
 * Sets [property@Flink.ClusterDescriptor:user-agent], for instance to tell
 * your application's requests apart in the cluster's logs.
 *
 * Since: 1.0
 */
void
flink_cluster_descriptor_set_user_agent (FlinkClusterDescriptor *self,
                                         const char             *user_agent)
{
  g_return_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self));

  if (user_agent == NULL)
    user_agent = FLINKJOB_USER_AGENT;
  if (g_strcmp0 (self->settings->user_agent, user_agent) == 0)
    return;
  g_free (self->settings->user_agent);
  self->settings->user_agent = g_strdup (user_agent);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_AGENT]);
}

/**
 * flink_cluster_descriptor_get_retry_max_attempts:
 * @self: a cluster descriptor
 *
 * Gets [property@Flink.ClusterDescriptor:retry-max-attempts].
 *
 * Returns: how many times one request is sent at most
 *
 * Since: 1.0
 */
guint
flink_cluster_descriptor_get_retry_max_attempts (FlinkClusterDescriptor *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), 1);
  return self->settings->retry_max_attempts;
}

/**
 * flink_cluster_descriptor_set_retry_max_attempts:
 * @self: a cluster descriptor
 * @attempts: how many times one request is sent at most; 1 for no retries
 *
 * Sets [property@Flink.ClusterDescriptor:retry-max-attempts], for cluster
 * clients retrieved afterwards.
 *
 * Since: 1.0
 */
void
flink_cluster_descriptor_set_retry_max_attempts (FlinkClusterDescriptor *self,
                                                 guint                   attempts)
{
  g_return_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self));

  attempts = CLAMP (attempts, 1, 1000);
  if (self->settings->retry_max_attempts == attempts)
    return;
  self->settings->retry_max_attempts = attempts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_MAX_ATTEMPTS]);
}

/**
 * flink_cluster_descriptor_get_retry_delay:
 * @self: a cluster descriptor
 *
 * Gets [property@Flink.ClusterDescriptor:retry-delay].
 *
 * Returns: the wait before the first retry, in milliseconds
 *
 * Since: 1.0
 */
guint
flink_cluster_descriptor_get_retry_delay (FlinkClusterDescriptor *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), 0);
  return self->settings->retry_delay;
}

/**
 * flink_cluster_descriptor_set_retry_delay:
 * @self: a cluster descriptor
 * @milliseconds: the wait before the first retry
 *
 * Sets [property@Flink.ClusterDescriptor:retry-delay], for cluster clients
 * retrieved afterwards.
 *
 * Since: 1.0
 */
void
flink_cluster_descriptor_set_retry_delay (FlinkClusterDescriptor *self,
                                          guint                   milliseconds)
{
  g_return_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self));

  milliseconds = MIN (milliseconds, 60000);
  if (self->settings->retry_delay == milliseconds)
    return;
  self->settings->retry_delay = milliseconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_DELAY]);
}

/**
 * flink_cluster_descriptor_set_bearer_token:
 * @self: a cluster descriptor
 * @token: (nullable): the token, or %NULL for none
 *
 * Sets [property@Flink.ClusterDescriptor:bearer-token]: every request
 * carries `Authorization: Bearer TOKEN`. The token never appears in
 * messages or logs.
 *
 * Since: 1.0
 */
void
flink_cluster_descriptor_set_bearer_token (FlinkClusterDescriptor *self,
                                           const char             *token)
{
  g_return_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self));

  if (self->settings->bearer_token != NULL)
    memset (self->settings->bearer_token, 0, strlen (self->settings->bearer_token));
  g_free (self->settings->bearer_token);
  self->settings->bearer_token = (token && token[0]) ? g_strdup (token) : NULL;
}

/**
 * flink_cluster_descriptor_add_header:
 * @self: a cluster descriptor
 * @name: a header name, such as `Cookie`
 * @value: its value
 * @error: return location for a #GError
 *
 * Adds an HTTP header to every request, for a cluster behind a proxy that
 * wants one. Values are never logged, nor quoted in messages.
 *
 * The name must be an HTTP token (letters, digits and
 * ``!#$%&'*+-.^_`|~``), the value must hold no line break nor other
 * control character but a tab: otherwise nothing is added.
 *
 * Returns: %TRUE if the header was added, %FALSE with
 *   %FLINK_ERROR_INVALID_ARGUMENT naming the header if it cannot be sent
 *
 * Since: 1.0
 */
gboolean
flink_cluster_descriptor_add_header (FlinkClusterDescriptor *self,
                                     const char             *name,
                                     const char             *value,
                                     GError                **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_flink_header_check (name, value, error))
    return FALSE;
  soup_message_headers_append (self->settings->headers, name, value);
  return TRUE;
}

const FlinkConnectionSettings *
_flink_cluster_descriptor_get_settings (FlinkClusterDescriptor *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), NULL);
  return self->settings;
}

FlinkConnectionSettings *
_flink_cluster_descriptor_edit_settings (FlinkClusterDescriptor *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), NULL);
  return self->settings;
}

void
_flink_cluster_descriptor_notify (FlinkClusterDescriptor *self,
                                  const char             *property)
{
  g_object_notify (G_OBJECT (self), property);
}
