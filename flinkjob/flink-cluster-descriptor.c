/* flink-cluster-descriptor.c: how to reach a Flink cluster
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "flink-private.h"

/* Seconds a request may take by default; Flink's own rest.idleness-timeout
 * is five minutes, far longer than anyone waits for a status. */
#define DEFAULT_TIMEOUT 60

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
 */

struct _FlinkClusterDescriptor
{
  GObject parent_instance;

  GUri *uri;
  char *url;
  guint timeout;
  char *user_agent;
};

G_DEFINE_FINAL_TYPE (FlinkClusterDescriptor, flink_cluster_descriptor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  PROP_TIMEOUT,
  PROP_USER_AGENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
flink_cluster_descriptor_finalize (GObject *object)
{
  FlinkClusterDescriptor *self = FLINK_CLUSTER_DESCRIPTOR (object);

  g_clear_pointer (&self->uri, g_uri_unref);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->user_agent, g_free);

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
      g_value_set_string (value, self->url);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_USER_AGENT:
      g_value_set_string (value, self->user_agent);
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
    case PROP_USER_AGENT:
      flink_cluster_descriptor_set_user_agent (self, g_value_get_string (value));
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
   * `https://flink.example.com/my-cluster`.
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkClusterDescriptor:timeout:
   *
   * How many seconds one HTTP request may take before it fails with
   * %FLINK_ERROR_TIMED_OUT; 0 for no limit. This bounds each request, not
   * the wait for a savepoint or a job result, which may take many requests:
   * bound those with a #GCancellable. Read when the cluster client is
   * retrieved.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, G_MAXUINT, DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FlinkClusterDescriptor:user-agent:
   *
   * The User-Agent header sent to the cluster, `flinkjob/VERSION` by
   * default. Read when the cluster client is retrieved.
   */
  properties[PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL, FLINKJOB_USER_AGENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
flink_cluster_descriptor_init (FlinkClusterDescriptor *self)
{
  self->timeout = DEFAULT_TIMEOUT;
  self->user_agent = g_strdup (FLINKJOB_USER_AGENT);
}

/**
 * flink_cluster_descriptor_new_for_url:
 * @url: the cluster's REST URL, such as `http://localhost:8081`; `https` is
 *   accepted, and a path prefix for a cluster behind a proxy
 * @error: return location for a #GError
 *
 * Makes a descriptor of the cluster whose REST API answers at @url. Nothing
 * is sent yet.
 *
 * Returns: (transfer full): a new descriptor, or %NULL with
 *   %FLINK_ERROR_INVALID_ARGUMENT if @url is not an http or https URL
 */
FlinkClusterDescriptor *
flink_cluster_descriptor_new_for_url (const char  *url,
                                      GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  FlinkClusterDescriptor *self;
  const char *scheme;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (url == NULL || url[0] == '\0')
    {
      g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                           "No cluster URL was given; Flink's default is http://localhost:8081");
      return NULL;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_SCHEME_NORMALIZE, &local_error);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || !(g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a cluster URL: it needs the scheme http:// or https://, "
                   "as in http://%s", url, url);
      return NULL;
    }
  if (g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a cluster URL: it names no host", url);
      return NULL;
    }
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a cluster URL: it may hold a path prefix but no query "
                   "or fragment", url);
      return NULL;
    }

  self = g_object_new (FLINK_TYPE_CLUSTER_DESCRIPTOR, NULL);
  self->uri = g_steal_pointer (&uri);
  self->url = g_uri_to_string_partial (self->uri, G_URI_HIDE_PASSWORD);
  /* As people write it: http://host:8081, not http://host:8081/ */
  if (g_str_has_suffix (self->url, "/"))
    self->url[strlen (self->url) - 1] = '\0';
  return self;
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
 * Both standard YAML with nested keys (`rest: {port: 8081}`) and Flink's
 * flat keys (`rest.port: 8081`) are read, with libyaml. When a directory
 * holds both files, `config.yaml` is read.
 *
 * Returns: (transfer full): a new descriptor, or %NULL with
 *   %FLINK_ERROR_INVALID_ARGUMENT if the configuration cannot be read, is
 *   not YAML, or holds an invalid value
 */
FlinkClusterDescriptor *
flink_cluster_descriptor_new_from_config (const char  *path,
                                          GError     **error)
{
  g_autoptr(GHashTable) config = NULL;
  g_autofree char *file = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  config = _flink_config_load (path, &file, error);
  if (config == NULL)
    return NULL;
  url = _flink_config_to_url (config, file, error);
  if (url == NULL)
    return NULL;
  g_debug ("%s names the cluster %s", file, url);
  return flink_cluster_descriptor_new_for_url (url, error);
}

/**
 * flink_cluster_descriptor_get_url:
 * @self: a cluster descriptor
 *
 * The cluster's REST URL, without any password it held.
 *
 * Returns: (transfer none): the URL
 */
const char *
flink_cluster_descriptor_get_url (FlinkClusterDescriptor *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), NULL);
  return self->url;
}

/**
 * flink_cluster_descriptor_get_timeout:
 * @self: a cluster descriptor
 *
 * Gets [property@Flink.ClusterDescriptor:timeout].
 *
 * Returns: the request timeout in seconds, 0 for none
 */
guint
flink_cluster_descriptor_get_timeout (FlinkClusterDescriptor *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), 0);
  return self->timeout;
}

/**
 * flink_cluster_descriptor_set_timeout:
 * @self: a cluster descriptor
 * @timeout: the request timeout in seconds, 0 for none
 *
 * Sets [property@Flink.ClusterDescriptor:timeout]: how long one HTTP request
 * may take. It applies to cluster clients retrieved afterwards.
 */
void
flink_cluster_descriptor_set_timeout (FlinkClusterDescriptor *self,
                                      guint                   timeout)
{
  g_return_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self));

  if (self->timeout == timeout)
    return;
  self->timeout = timeout;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * flink_cluster_descriptor_get_user_agent:
 * @self: a cluster descriptor
 *
 * Gets [property@Flink.ClusterDescriptor:user-agent].
 *
 * Returns: (transfer none): the User-Agent header
 */
const char *
flink_cluster_descriptor_get_user_agent (FlinkClusterDescriptor *self)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), NULL);
  return self->user_agent;
}

/**
 * flink_cluster_descriptor_set_user_agent:
 * @self: a cluster descriptor
 * @user_agent: (nullable): the User-Agent header; %NULL for the default
 *
 * Sets [property@Flink.ClusterDescriptor:user-agent], for instance to tell
 * your application's requests apart in the cluster's logs.
 */
void
flink_cluster_descriptor_set_user_agent (FlinkClusterDescriptor *self,
                                         const char             *user_agent)
{
  g_return_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self));

  if (user_agent == NULL)
    user_agent = FLINKJOB_USER_AGENT;
  if (g_strcmp0 (self->user_agent, user_agent) == 0)
    return;
  g_free (self->user_agent);
  self->user_agent = g_strdup (user_agent);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_AGENT]);
}

static void
retrieve_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FlinkClusterClient *client = FLINK_CLUSTER_CLIENT (source);
  const char *context = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *config;

  config = _flink_task_take_response_object (task, result, &root, context);
  if (config == NULL)
    return;
  if (_flink_json_get_string (config, "flink-version") == NULL)
    {
      g_task_return_new_error (task, FLINK_ERROR, FLINK_ERROR_PROTOCOL_ERROR,
                               "%s: what answers there does not say which Flink version it "
                               "runs; is it a Flink REST endpoint?", context);
      return;
    }
  _flink_cluster_client_set_config (client, config);
  g_task_return_pointer (task, g_object_ref (client), g_object_unref);
}

/**
 * flink_cluster_descriptor_retrieve_async:
 * @self: a cluster descriptor
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the cluster answered, or did not
 * @user_data: data for @callback
 *
 * Retrieves a client of the cluster: connects and reads its configuration
 * (`GET /config`) to learn its Flink version, so that a cluster that does
 * not answer fails here, clearly, rather than at the first job operation.
 */
void
flink_cluster_descriptor_retrieve_async (FlinkClusterDescriptor *self,
                                         GCancellable           *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data)
{
  g_autoptr(FlinkClusterClient) client = NULL;
  GTask *task;

  g_return_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _flink_task_new (self, flink_cluster_descriptor_retrieve_async,
                          "[flinkjob] retrieve",
                          g_strdup_printf ("Cannot reach a Flink cluster at %s", self->url),
                          cancellable, callback, user_data);

  client = _flink_cluster_client_new (self->uri, self->timeout, self->user_agent);
  _flink_cluster_client_request_async (client, "GET", "/config", NULL, NULL, NULL,
                                       g_task_get_task_data (task), cancellable,
                                       retrieve_cb, task);
}

/**
 * flink_cluster_descriptor_retrieve_finish:
 * @self: a cluster descriptor
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Flink.ClusterDescriptor.retrieve_async].
 *
 * Returns: (transfer full): a client of the cluster, or %NULL with
 *   %FLINK_ERROR_CONNECTION_FAILED if nothing answers at the URL,
 *   %FLINK_ERROR_TIMED_OUT if it does not answer in time, or
 *   %FLINK_ERROR_PROTOCOL_ERROR if what answers is not Flink
 */
FlinkClusterClient *
flink_cluster_descriptor_retrieve_finish (FlinkClusterDescriptor  *self,
                                          GAsyncResult            *result,
                                          GError                 **error)
{
  g_return_val_if_fail (FLINK_IS_CLUSTER_DESCRIPTOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == flink_cluster_descriptor_retrieve_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
