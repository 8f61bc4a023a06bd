/* flink-deploy-private.h: deploying Flink clusters on this machine
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "flinkjob.h"
#include "flink-distribution-private.h"

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

#define FLINK_DEPLOY_MAX_TASKMANAGERS 256

/* Cluster specifications (flink-cluster-specification.c). */
FlinkClusterSpecification *_flink_cluster_specification_copy (FlinkClusterSpecification *self);
GHashTable *_flink_cluster_specification_get_config_table (FlinkClusterSpecification *self);
int         _flink_compare_strings (gconstpointer a,
                                    gconstpointer b,
                                    gpointer      user_data);

/* Flink's memory model (flink-memory.c): the sizes Flink's own scripts
 * compute with BashJavaUtils from a process size and the configuration's
 * taskmanager.memory.* and jobmanager.memory.* keys. */
typedef struct {
  guint64 framework_heap;
  guint64 task_heap;
  guint64 framework_off_heap;
  guint64 task_off_heap;
  guint64 managed;
  guint64 network;
  guint64 metaspace;
  guint64 overhead;
} FlinkTaskManagerMemory;

typedef struct {
  guint64 heap;
  guint64 off_heap;
  guint64 metaspace;
  guint64 overhead;
  gboolean direct_memory_limit;
} FlinkJobManagerMemory;

gboolean _flink_memory_size_parse        (const char             *text,
                                          guint64                *out_bytes);
gboolean _flink_taskmanager_memory_derive (GHashTable            *config,
                                           guint64                process_size,
                                           FlinkTaskManagerMemory *out,
                                           GError               **error);
gboolean _flink_jobmanager_memory_derive (GHashTable             *config,
                                          guint64                 process_size,
                                          FlinkJobManagerMemory  *out,
                                          GError                **error);
/* The JVM's limits (-Xmx ...) and the -D key=value pairs that tell the
 * process how its memory was divided, as BashJavaUtils prints them. */
void     _flink_taskmanager_memory_to_args (const FlinkTaskManagerMemory *memory,
                                            guint                         slots,
                                            const char                   *cpu_cores,
                                            GPtrArray                    *jvm_args,
                                            GPtrArray                    *properties);
void     _flink_jobmanager_memory_to_args  (const FlinkJobManagerMemory  *memory,
                                            GPtrArray                    *jvm_args,
                                            GPtrArray                    *properties);

/* Where a descriptor made for a distribution finds Flink and Java
 * (flink-cluster-descriptor-deploy.c); the descriptor owns it. */
typedef struct {
  char *flink_home;              /* NULL: the pyflink package of python */
  char *python;
  char *java_home;               /* NULL: $JAVA_HOME, then the PATH */
} FlinkDeploySource;

FlinkDeploySource *_flink_deploy_source_new  (void);
FlinkDeploySource *_flink_deploy_source_copy (const FlinkDeploySource *source);
void               _flink_deploy_source_free (FlinkDeploySource       *source);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlinkDeploySource, _flink_deploy_source_free)

/* flink-cluster-descriptor.c keeps these for flink-cluster-descriptor-deploy.c. */
FlinkDeploySource *_flink_cluster_descriptor_get_deploy_source (FlinkClusterDescriptor *self);
void               _flink_cluster_descriptor_set_deploy_source (FlinkClusterDescriptor *self,
                                                                FlinkDeploySource      *source);
const char        *_flink_cluster_descriptor_peek_cluster_id   (FlinkClusterDescriptor *self);
void               _flink_cluster_descriptor_set_cluster_id    (FlinkClusterDescriptor *self,
                                                                const char             *cluster_id);
void               _flink_cluster_descriptor_notify_java_home  (FlinkClusterDescriptor *self);
/* The cluster id that flink_cluster_client_get_cluster_id() returns
 * (flink-cluster-descriptor-deploy.c). */
void               _flink_cluster_client_set_cluster_id        (FlinkClusterClient     *client,
                                                                const char             *cluster_id);

/* What flinkjob records of a cluster it deployed, in WORK_DIR/cluster.ini,
 * so that another process can retrieve or kill it (flink-deploy-record.c). */
#define FLINK_CLUSTER_RECORD_NAME "cluster.ini"

typedef struct {
  char *role;                    /* "jobmanager", "taskmanager-1" */
  GPid pid;
  guint64 start_time;            /* /proc/PID/stat's starttime */
} FlinkRecordedProcess;

typedef struct {
  char *work_dir;                /* the cluster id */
  char *url;
  char *mode;                    /* "session" or "application" */
  char *flink_version;
  char *job_id;                  /* application mode */
  gboolean detached;
  GPtrArray *processes;          /* FlinkRecordedProcess */
} FlinkClusterRecord;

FlinkClusterRecord *_flink_cluster_record_new    (const char          *work_dir);
void                _flink_cluster_record_free   (FlinkClusterRecord  *record);
/* Blocking: from a worker thread (or a constructor, as config files). */
FlinkClusterRecord *_flink_cluster_record_load   (const char          *cluster_id,
                                                  GError             **error);
gboolean            _flink_cluster_record_save   (FlinkClusterRecord  *record,
                                                  GError             **error);
void                _flink_cluster_record_add_process (FlinkClusterRecord *record,
                                                       const char         *role,
                                                       GPid                pid,
                                                       guint64             start_time);
/* The recorded processes that still run (checked against /proc). */
GPtrArray          *_flink_cluster_record_alive  (FlinkClusterRecord  *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlinkClusterRecord, _flink_cluster_record_free)

/* A cluster's config.yaml (flink-deploy-config.c). */
typedef struct _FlinkClusterPlan FlinkClusterPlan;
void      _flink_deploy_config_set_take    (GHashTable        *config,
                                            const char        *key,
                                            char              *value);
/* @key's memory size, else @megabytes MiB if not 0, else @fallback. */
gboolean  _flink_deploy_config_read_size   (GHashTable        *config,
                                            const char        *key,
                                            guint              megabytes,
                                            guint64            fallback,
                                            guint64           *out,
                                            GError           **error);
/* The distribution's configuration, flinkjob's keys, then the caller's. */
gboolean  _flink_cluster_plan_build_config (FlinkClusterPlan  *plan,
                                            GError           **error);
char     *_flink_deploy_config_to_yaml     (GHashTable        *config);

/* A deployment's plan (flink-deploy-plan.c): everything checked and
 * written before a JVM starts. */
typedef struct {
  char *role;
  GStrv argv;
  char *out_file;                /* stdout and stderr */
  char *log_file;                /* the log4j log */
} FlinkProcessPlan;

typedef struct {
  char *entry_class;
  GStrv program_args;
  guint parallelism;
  char *job_id;
  char *savepoint_path;
  gboolean allow_non_restored_state;
  FlinkClaimMode claim_mode;
  char *jar_path;
} FlinkApplicationPlan;

struct _FlinkClusterPlan {
  /* inputs */
  FlinkDeploySource *source;
  FlinkClusterSpecification *spec;
  gboolean detached;
  FlinkApplicationPlan *application;   /* NULL: a session cluster */

  /* what was found and decided */
  FlinkDistribution *dist;
  FlinkJava *java;
  char *work_dir;                /* absolute: the cluster id */
  char *conf_dir;
  char *log_dir;
  GHashTable *config;            /* the cluster's config.yaml */
  gboolean rest_port_fixed;      /* the caller asked for rest.port */
  guint rest_port;
  char *url;
  guint taskmanagers;
  guint slots;
  guint startup_timeout;
  GStrv env;
  GPtrArray *processes;          /* FlinkProcessPlan: the JobManager first */
  FlinkClusterRecord *record;
  guint attempt;
};

FlinkApplicationPlan *_flink_application_plan_new  (GFile           *jar,
                                                    FlinkRunOptions *options);
void                  _flink_application_plan_free (FlinkApplicationPlan *plan);

FlinkClusterPlan *_flink_cluster_plan_new  (FlinkDeploySource         *source,
                                            FlinkClusterSpecification *spec,
                                            gboolean                   detached,
                                            FlinkApplicationPlan      *application);
void              _flink_cluster_plan_free (FlinkClusterPlan          *plan);
/* Blocking: finds Flink and Java, checks everything, makes the work
 * directory and writes the configuration. */
gboolean          _flink_cluster_plan_prepare (FlinkClusterPlan  *plan,
                                               GCancellable      *cancellable,
                                               GError           **error);
/* Blocking: after a JVM lost a race for a port it picked, moves the logs
 * aside and picks other ports. */
gboolean          _flink_cluster_plan_retry   (FlinkClusterPlan  *plan,
                                               GCancellable      *cancellable,
                                               GError           **error);
/* Blocking: did the last attempt fail because a port was taken? */
gboolean          _flink_cluster_plan_port_conflict (FlinkClusterPlan *plan);
/* Blocking: the last lines of each process's log, for an error message. */
char             *_flink_cluster_plan_describe_logs (FlinkClusterPlan *plan,
                                                     const char       *role);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlinkClusterPlan, _flink_cluster_plan_free)

/* How long the JVMs of a cluster being stopped get between SIGTERM and
 * SIGKILL. */
#define FLINK_DEPLOY_STOP_GRACE_MS 10000

/* Deploys what @application (owned; NULL: a session cluster) and
 * @specification describe with the descriptor's source, as the public
 * deploy_*_async () do; the task's result is a FlinkClusterClient or a
 * FlinkJobClient (flink-deploy-start.c). */
void _flink_deploy_start     (FlinkClusterDescriptor    *self,
                              FlinkClusterSpecification *specification,
                              FlinkApplicationPlan      *application,
                              FlinkDeployFlags           flags,
                              gpointer                   source_tag,
                              const char                *name,
                              GCancellable              *cancellable,
                              GAsyncReadyCallback        callback,
                              gpointer                   user_data);

/* Watches a cluster that came up: the JVMs of @processes (FlinkProcess,
 * the JobManager first) and, for an attached application, the job client
 * @returned_job (flink-deploy-supervisor.c). */
void _flink_deploy_supervise (FlinkClusterPlan          *plan,
                              GPtrArray                 *processes,
                              FlinkJobClient            *returned_job);

/* clang-format on */

G_END_DECLS
