/* flink-distribution.c: finding Flink and Java on this machine
 *
 * A Flink distribution is a directory whose lib/ holds flink-dist-VERSION.jar
 * and the jars it needs: Flink's own download (bin/, conf/, lib/, opt/,
 * plugins/), or the lib/-only layout of PyPI's apache-flink-libraries, which
 * PyFlink installs inside the pyflink package. Its default configuration is
 * conf/config.yaml when there is one, else the config.yaml that flink-dist
 * carries (the one Flink's download ships in conf/).
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "flinkjob.h"
#include "flink-config-private.h"
#include "flink-connection-private.h"
#include "flink-decoders-private.h"
#include "flink-ids-private.h"
#include "flink-json-private.h"
#include "flink-task-private.h"
#include "flink-distribution-private.h"
#include "flink-zip-private.h"
#include "flink-i18n-private.h"

/* Deploying writes config.yaml, which Flink reads since 1.19. */
#define MIN_MAJOR 1
#define MIN_MINOR 19

/* What Flink's shipped config.yaml puts in env.java.opts.all, for a
 * distribution that carries none: Java 17 needs these opened to Flink's
 * serializers. 1.x also exports sun.net.util. */
static const char *const java_opens[] = {
  "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
  "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
  "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
  "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
  "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
  "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
  "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
  "--add-opens=java.base/java.lang=ALL-UNNAMED",
  "--add-opens=java.base/java.net=ALL-UNNAMED",
  "--add-opens=java.base/java.io=ALL-UNNAMED",
  "--add-opens=java.base/java.nio=ALL-UNNAMED",
  "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
  "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
  "--add-opens=java.base/java.text=ALL-UNNAMED",
  "--add-opens=java.base/java.time=ALL-UNNAMED",
  "--add-opens=java.base/java.util=ALL-UNNAMED",
  "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
  "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
  "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED",
};
#define JAVA_OPENS_1X "--add-exports=java.base/sun.net.util=ALL-UNNAMED"

static gboolean
is_dist_jar (const char *name)
{
  return g_str_has_prefix (name, "flink-dist") && g_str_has_suffix (name, ".jar");
}

char *
_flink_distribution_version_from_jar_name (const char *name)
{
  const char *at;
  const char *end;

  if (!is_dist_jar (name))
    return NULL;
  at = name + strlen ("flink-dist");
  if (*at == '_') /* flink-dist_2.12-1.14.6.jar */
    at = strchr (at, '-');
  if (at == NULL || *at != '-' || !g_ascii_isdigit (at[1]))
    return NULL;
  at++;
  end = name + strlen (name) - strlen (".jar");
  for (const char *c = at; c < end; c++)
    if (!g_ascii_isalnum (*c) && *c != '.' && *c != '-')
      return NULL;
  return g_strndup (at, end - at);
}

static gboolean
not_flink (const char *home,
           const char *why,
           GError    **error)
{
  g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
               _ ("%s is not a Flink distribution: %s. Point FLINK_HOME (or "
                  "new_for_distribution()) at the directory that holds Flink's lib/, "
                  "or use new_for_pyflink() for PyFlink's"),
               home, why);
  return FALSE;
}

gboolean
_flink_distribution_check_layout (const char *home,
                                  GError    **error)
{
  g_autofree char *lib = NULL;
  g_autoptr (GDir) dir = NULL;
  const char      *name;

  if (!g_file_test (home, G_FILE_TEST_IS_DIR))
    return not_flink (home,
                      g_file_test (home, G_FILE_TEST_EXISTS) ? "it is not a directory"
                                                             : "there is no such directory",
                      error);
  lib = g_build_filename (home, "lib", NULL);
  dir = g_dir_open (lib, 0, NULL);
  if (dir == NULL)
    return not_flink (home, "it has no lib/ directory", error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (is_dist_jar (name))
      return TRUE;
  return not_flink (home, "its lib/ holds no flink-dist jar", error);
}

char *
_flink_python_find (const char *python,
                    GError    **error)
{
  char *program;

  if (python == NULL || python[0] == '\0')
    python = "python3";
  program = g_find_program_in_path (python);
  if (program == NULL)
    g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND,
                 _ ("No Python interpreter “%s” found to find PyFlink in: install "
                    "Python and PyFlink (pip install apache-flink), or name the "
                    "python that has it"),
                 python);
  return program;
}

char *
_flink_distribution_find_pyflink (const char   *python,
                                  GCancellable *cancellable,
                                  GError      **error)
{
  static const char code[] =
    "import os, pyflink; print(os.path.abspath(list(pyflink.__path__)[0]))";
  g_autofree char        *program = NULL;
  g_autoptr (GSubprocess) subprocess = NULL;
  g_autofree char        *out = NULL;
  g_autofree char        *err = NULL;
  g_autoptr (GError)      local_error = NULL;

  program = _flink_python_find (python, error);
  if (program == NULL)
    return NULL;
  subprocess = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                 &local_error, program, "-c", code, NULL);
  if (subprocess == NULL ||
      !g_subprocess_communicate_utf8 (subprocess, NULL, cancellable, &out, &err, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND,
                     _ ("Cannot run %s to find PyFlink: %s"), program, local_error->message);
      return NULL;
    }
  if (!g_subprocess_get_if_exited (subprocess) || g_subprocess_get_exit_status (subprocess) != 0)
    {
      g_auto (GStrv) lines = g_strsplit (g_strstrip (err ? err : ""), "\n", -1);
      guint          n = g_strv_length (lines);

      g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND,
                   _ ("The Python at %s has no pyflink package (pip install apache-flink, "
                      "or apache-flink-libraries for Flink's jars alone)%s%s"),
                   program, n > 0 ? ": " : "", n > 0 ? lines[n - 1] : "");
      return NULL;
    }
  g_strstrip (out);
  if (!g_path_is_absolute (out))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND,
                   _ ("The Python at %s did not say where its pyflink package is"), program);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* g_ptr_array_sort() passes pointers to the elements. */
static gint
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* lib/'s jars in the order Flink's config.sh puts them on the classpath:
 * sorted, flink-dist last. */
static GStrv
list_classpath (const char   *lib_dir,
                char        **out_dist_jar,
                GCancellable *cancellable,
                GError      **error)
{
  g_autoptr (GFile)           lib = g_file_new_for_path (lib_dir);
  g_autoptr (GFileEnumerator) enumerator = NULL;
  g_autoptr (GPtrArray)       jars = g_ptr_array_new_with_free_func (g_free);
  g_autofree char            *dist = NULL;
  GFileInfo                  *info;

  enumerator = g_file_enumerate_children (lib, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NONE,
                                          cancellable, error);
  if (enumerator == NULL)
    return NULL;
  while ((info = g_file_enumerator_next_file (enumerator, cancellable, error)) != NULL)
    {
      const char *name = g_file_info_get_name (info);

      if (is_dist_jar (name) && dist == NULL)
        dist = g_build_filename (lib_dir, name, NULL);
      else if (g_str_has_suffix (name, ".jar"))
        g_ptr_array_add (jars, g_build_filename (lib_dir, name, NULL));
      g_object_unref (info);
    }
  if (error != NULL && *error != NULL)
    return NULL;
  if (dist == NULL)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("%s holds no flink-dist jar"), lib_dir);
      return NULL;
    }
  g_ptr_array_sort (jars, compare_paths);
  g_ptr_array_add (jars, g_strdup (dist));
  g_ptr_array_add (jars, NULL);
  *out_dist_jar = g_steal_pointer (&dist);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&jars), FALSE);
}

/* conf/ of a full distribution; Flink 1.19 and 1.20 prefer a
 * flink-conf.yaml there, 2.x reads config.yaml only. */
static char *
find_config_file (FlinkDistribution *dist)
{
  g_autofree char *yaml = NULL;
  g_autofree char *legacy = NULL;

  if (dist->conf_dir == NULL)
    return NULL;
  yaml = g_build_filename (dist->conf_dir, "config.yaml", NULL);
  legacy = g_build_filename (dist->conf_dir, "flink-conf.yaml", NULL);
  if (dist->major < 2 && g_file_test (legacy, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&legacy);
  if (g_file_test (yaml, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&yaml);
  return NULL;
}

static gboolean
load_config (FlinkDistribution *dist,
             GCancellable      *cancellable,
             GError           **error)
{
  g_autofree char   *file = find_config_file (dist);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;

  if (file != NULL)
    {
      g_autoptr (GFile) gfile = g_file_new_for_path (file);

      bytes = g_file_load_bytes (gfile, cancellable, NULL, error);
      if (bytes == NULL)
        return FALSE;
      dist->config_origin = g_steal_pointer (&file);
    }
  else
    {
      g_autoptr (GFile)    jar = g_file_new_for_path (dist->dist_jar);
      g_autoptr (FlinkZip) zip = _flink_zip_open (jar, cancellable, error);

      if (zip == NULL)
        return FALSE;
      bytes = _flink_zip_read_entry (zip, "config.yaml", 1024 * 1024, cancellable, &local_error);
      if (bytes == NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      dist->config_origin = g_strconcat (dist->dist_jar, "!/config.yaml", NULL);
    }

  if (bytes == NULL)
    {
      dist->config = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      return TRUE;
    }
  dist->config = _flink_config_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                      dist->config_origin, error);
  return dist->config != NULL;
}

static char *
optional_dir (const char *home,
              const char *name)
{
  g_autofree char *path = g_build_filename (home, name, NULL);

  return g_file_test (path, G_FILE_TEST_IS_DIR) ? g_steal_pointer (&path) : NULL;
}

FlinkDistribution *
_flink_distribution_load (const char   *home,
                          GCancellable *cancellable,
                          GError      **error)
{
  g_autoptr (FlinkDistribution) dist = g_new0 (FlinkDistribution, 1);
  g_autofree char              *name = NULL;
  g_auto (GStrv)                parts = NULL;
  guint64                       major = 0, minor = 0;

  if (!_flink_distribution_check_layout (home, error))
    return NULL;
  dist->home = g_canonicalize_filename (home, NULL);
  dist->lib_dir = g_build_filename (dist->home, "lib", NULL);
  dist->conf_dir = optional_dir (dist->home, "conf");
  dist->plugins_dir = optional_dir (dist->home, "plugins");
  dist->opt_dir = optional_dir (dist->home, "opt");
  dist->classpath = list_classpath (dist->lib_dir, &dist->dist_jar, cancellable, error);
  if (dist->classpath == NULL)
    return NULL;

  name = g_path_get_basename (dist->dist_jar);
  dist->version = _flink_distribution_version_from_jar_name (name);
  if (dist->version != NULL)
    parts = g_strsplit (dist->version, ".", 3);
  if (parts == NULL || g_strv_length (parts) < 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, 99, &major, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, 999, &minor, NULL))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("Cannot tell the Flink version of %s from the name of %s"),
                   dist->home, dist->dist_jar);
      return NULL;
    }
  dist->major = major;
  dist->minor = minor;
  if (major < MIN_MAJOR || (major == MIN_MAJOR && minor < MIN_MINOR))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED,
                   _ ("%s holds Flink %s; flinkjob deploys Flink %d.%d or later"),
                   dist->home, dist->version, MIN_MAJOR, MIN_MINOR);
      return NULL;
    }

  if (!load_config (dist, cancellable, error))
    return NULL;
  return g_steal_pointer (&dist);
}

void
_flink_distribution_free (FlinkDistribution *dist)
{
  if (dist == NULL)
    return;
  g_free (dist->home);
  g_free (dist->lib_dir);
  g_free (dist->dist_jar);
  g_free (dist->conf_dir);
  g_free (dist->plugins_dir);
  g_free (dist->opt_dir);
  g_free (dist->version);
  g_clear_pointer (&dist->config, g_hash_table_unref);
  g_free (dist->config_origin);
  g_strfreev (dist->classpath);
  g_free (dist);
}

/* ---- Java --------------------------------------------------------------- */

/* 17 for "17.0.15", "17" or "17-ea"; 8 for "1.8.0_392". */
static guint
java_feature (const char *version)
{
  guint64     first = 0, second = 0;
  const char *dot;
  char       *end = NULL;

  first = g_ascii_strtoull (version, &end, 10);
  if (end == version)
    return 0;
  if (first == 1 && *end == '.')
    {
      dot = end + 1;
      second = g_ascii_strtoull (dot, &end, 10);
      return end == dot ? 0 : (guint) second;
    }
  return first > 1000 ? 0 : (guint) first;
}

/* JAVA_VERSION="17.0.15" in the JDK's release file. */
static char *
version_from_release (const char   *home,
                      GCancellable *cancellable)
{
  g_autofree char  *path = g_build_filename (home, "release", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char  *text = NULL;
  g_auto (GStrv)    lines = NULL;
  gsize             length;

  if (!g_file_load_contents (file, cancellable, &text, &length, NULL, NULL))
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "JAVA_VERSION="))
      {
        char *value = g_strstrip (lines[i] + strlen ("JAVA_VERSION="));
        gsize n = strlen (value);

        if (n >= 2 && value[0] == '"' && value[n - 1] == '"')
          return g_strndup (value + 1, n - 2);
        return g_strdup (value);
      }
  return NULL;
}

/* The quoted version in `java -version`'s first line:
 * openjdk version "17.0.15" 2025-04-15 */
static char *
version_from_launcher (const char   *java,
                       GCancellable *cancellable,
                       GError      **error)
{
  g_autoptr (GSubprocess) subprocess = NULL;
  g_autofree char        *out = NULL;
  const char             *open_quote;
  const char             *close_quote;

  subprocess = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE,
                                 error, java, "-version", NULL);
  if (subprocess == NULL || !g_subprocess_communicate_utf8 (subprocess, NULL, cancellable, &out, NULL, error))
    return NULL;
  open_quote = out ? strchr (out, '"') : NULL;
  close_quote = open_quote ? strchr (open_quote + 1, '"') : NULL;
  if (close_quote == NULL)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("%s -version does not say which Java it is"), java);
      return NULL;
    }
  return g_strndup (open_quote + 1, close_quote - open_quote - 1);
}

FlinkJava *
_flink_java_find (const char   *java_home,
                  GCancellable *cancellable,
                  GError      **error)
{
  g_autoptr (FlinkJava) java = g_new0 (FlinkJava, 1);
  g_autofree char      *real = NULL;
  g_autofree char      *bin = NULL;
  g_autoptr (GError)    local_error = NULL;
  const char           *origin = "java-home";

  if (java_home == NULL || java_home[0] == '\0')
    {
      java_home = g_getenv ("JAVA_HOME");
      origin = "JAVA_HOME";
    }
  if (java_home != NULL && java_home[0] != '\0')
    {
      java->java = g_build_filename (java_home, "bin", "java", NULL);
      if (!g_file_test (java->java, G_FILE_TEST_IS_EXECUTABLE) ||
          g_file_test (java->java, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND,
                       _ ("%s is %s, but there is no Java at %s: set it to a JDK or JRE "
                          "that Flink runs on (Java 11 or 17)"),
                       origin, java_home, java->java);
          return NULL;
        }
    }
  else
    {
      java->java = g_find_program_in_path ("java");
      if (java->java == NULL)
        {
          g_set_error_literal (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND,
                               _ ("No Java found: JAVA_HOME is not set and there is no java on "
                                  "the PATH; install one that Flink runs on (apt-get install "
                                  "openjdk-17-jre-headless) or set JAVA_HOME"));
          return NULL;
        }
    }

  /* The JDK home: bin/java's parent, following /usr/bin/java and the
   * alternatives links to it. */
  real = realpath (java->java, NULL);
  bin = g_path_get_dirname (real ? real : java->java);
  java->home = g_path_get_dirname (bin);
  java->version = version_from_release (java->home, cancellable);
  if (java->version == NULL)
    java->version = version_from_launcher (java->java, cancellable, &local_error);
  if (java->version == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_FOUND,
                     _ ("Cannot tell which Java %s is: %s"), java->java, local_error->message);
      return NULL;
    }
  java->feature = java_feature (java->version);
  return g_steal_pointer (&java);
}

void
_flink_java_free (FlinkJava *java)
{
  if (java == NULL)
    return;
  g_free (java->java);
  g_free (java->home);
  g_free (java->version);
  g_free (java);
}

guint
_flink_distribution_min_java (FlinkDistribution *dist)
{
  /* Flink 2.0 dropped Java 8; 1.x still runs on it. */
  return dist->major >= 2 ? 11 : 8;
}

gboolean
_flink_java_check (FlinkJava         *java,
                   FlinkDistribution *dist,
                   GError           **error)
{
  guint needed = _flink_distribution_min_java (dist);

  if (java->feature == 0)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED,
                   _ ("Cannot tell which Java %s is (version “%s”); Flink %s needs Java %u "
                      "or later: set JAVA_HOME to one"),
                   java->java, java->version, dist->version, needed);
      return FALSE;
    }
  if (java->feature < needed)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_NOT_SUPPORTED,
                   _ ("Flink %s needs Java %u or later, but %s is Java %u (%s): set "
                      "JAVA_HOME (or the descriptor's java-home) to a newer JDK or JRE"),
                   dist->version, needed, java->java, java->feature, java->version);
      return FALSE;
    }
  return TRUE;
}

static void
add_options (GPtrArray  *options,
             GHashTable *config,
             const char *key)
{
  const char    *value = g_hash_table_lookup (config, key);
  g_auto (GStrv) words = NULL;

  if (value == NULL || value[0] == '\0')
    return;
  if (!g_shell_parse_argv (value, NULL, &words, NULL))
    {
      /* Unbalanced quotes: split on spaces as the shell would not. */
      words = g_strsplit_set (value, " \t\n", -1);
    }
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_ptr_array_add (options, g_strdup (words[i]));
}

GStrv
_flink_distribution_jvm_options (FlinkDistribution *dist,
                                 FlinkJava         *java,
                                 GHashTable        *config,
                                 const char        *role)
{
  g_autoptr (GPtrArray) options = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  g_autofree char      *role_default = g_strconcat ("env.java.default-opts.", role, NULL);
  g_autofree char      *role_opts = g_strconcat ("env.java.opts.", role, NULL);

  add_options (options, config, "env.java.default-opts.all");
  add_options (options, config, role_default);
  add_options (options, config, "env.java.opts.all");
  add_options (options, config, "env.java.opts");
  if (options->len == 0)
    {
      if (dist->major < 2)
        g_ptr_array_add (options, g_strdup (JAVA_OPENS_1X));
      for (guint i = 0; i < G_N_ELEMENTS (java_opens); i++)
        g_ptr_array_add (options, g_strdup (java_opens[i]));
    }
  add_options (options, config, role_opts);

  /* Java 8 knows no modules and refuses these flags. */
  for (guint i = 0; i < options->len; i++)
    {
      const char *option = g_ptr_array_index (options, i);

      if (java->feature < 9 && (g_str_has_prefix (option, "--add-opens") ||
                                g_str_has_prefix (option, "--add-exports")))
        continue;
      g_ptr_array_add (kept, g_strdup (option));
    }
  g_ptr_array_add (kept, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&kept), FALSE);
}
