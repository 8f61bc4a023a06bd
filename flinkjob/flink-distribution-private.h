/* flink-distribution-private.h: finding Flink and Java on this machine
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

/* A local Flink distribution: a full one (bin/, conf/, lib/) or the
 * lib/-only layout of PyPI's apache-flink-libraries. */
typedef struct {
  char *home;                  /* absolute */
  char *lib_dir;
  char *dist_jar;              /* lib/flink-dist-VERSION.jar */
  char *conf_dir;              /* NULL when there is none */
  char *plugins_dir;           /* NULL when there is none */
  char *opt_dir;               /* NULL when there is none */
  char *version;               /* "2.3.0", from the flink-dist jar's name */
  guint major;
  guint minor;
  GHashTable *config;          /* its default configuration, flattened */
  char *config_origin;         /* where that came from, for messages */
  GStrv classpath;             /* lib's jars, flink-dist last */
} FlinkDistribution;

/* The Java that runs it. */
typedef struct {
  char *java;                  /* the java launcher */
  char *home;                  /* the JDK or JRE it belongs to */
  char *version;               /* "17.0.15" */
  guint feature;               /* 17; 8 for "1.8.0_392" */
} FlinkJava;

/* Cheap checks that @home is a Flink distribution (no file is read):
 * what the descriptor's constructor does at once. */
gboolean           _flink_distribution_check_layout (const char    *home,
                                                     GError       **error);
/* @python by name or path, "python3" if NULL; FLINK_ERROR_NOT_FOUND if
 * there is none. */
char              *_flink_python_find              (const char    *python,
                                                     GError       **error);
/* Everything below blocks: call it from a worker thread. */
char              *_flink_distribution_find_pyflink (const char    *python,
                                                     GCancellable  *cancellable,
                                                     GError       **error);
FlinkDistribution *_flink_distribution_load         (const char    *home,
                                                     GCancellable  *cancellable,
                                                     GError       **error);
void               _flink_distribution_free         (FlinkDistribution *dist);

/* @java_home: NULL for $JAVA_HOME, then java on the PATH. */
FlinkJava         *_flink_java_find                 (const char    *java_home,
                                                     GCancellable  *cancellable,
                                                     GError       **error);
void               _flink_java_free                 (FlinkJava     *java);
/* The oldest Java that @dist runs on. */
guint              _flink_distribution_min_java     (FlinkDistribution *dist);
gboolean           _flink_java_check                (FlinkJava         *java,
                                                     FlinkDistribution *dist,
                                                     GError           **error);
/* "2.3.0" in "flink-dist-2.3.0.jar" (or "flink-dist_2.12-1.14.6.jar"). */
char              *_flink_distribution_version_from_jar_name (const char *name);
/* The JVM options of the JobManager or TaskManager (@role "jobmanager" or
 * "taskmanager") that @config asks for (env.java.default-opts.all,
 * env.java.opts.all, env.java.opts.ROLE), or when it asks for none, those
 * the distribution's Flink version ships with. */
GStrv              _flink_distribution_jvm_options  (FlinkDistribution *dist,
                                                     FlinkJava         *java,
                                                     GHashTable        *config,
                                                     const char        *role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlinkDistribution, _flink_distribution_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FlinkJava, _flink_java_free)

/* clang-format on */

G_END_DECLS
