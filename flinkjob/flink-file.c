/* flink-file.c: reading small files that a person names
 *
 * A configuration file is opened with O_NONBLOCK, so that a FIFO put in its
 * place cannot block the process in open(), and checked with fstat() on
 * the open descriptor, so that nothing can swap it between the check and
 * the read.
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "flinkjob.h"
#include "flink-file-private.h"
#include "flink-i18n-private.h"

static const char *
describe_file_type (mode_t mode)
{
  if (S_ISDIR (mode))
    return "a directory";
  if (S_ISFIFO (mode))
    return "a FIFO (named pipe)";
  if (S_ISCHR (mode))
    return "a character device";
  if (S_ISBLK (mode))
    return "a block device";
  if (S_ISSOCK (mode))
    return "a socket";
  return "not a regular file";
}

static gboolean
check_info (const char        *path,
            const struct stat *info,
            gsize              max_size,
            GError           **error)
{
  if (!S_ISREG (info->st_mode))
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("%s is %s, not a file that can be read"), path,
                   describe_file_type (info->st_mode));
      return FALSE;
    }
  if (info->st_size < 0 || (guint64) info->st_size > max_size)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   "%s holds %" G_GUINT64_FORMAT " bytes, more than the %" G_GSIZE_FORMAT
                   " KiB that flinkjob reads from such a file",
                   path, (guint64) info->st_size, max_size / 1024);
      return FALSE;
    }
  return TRUE;
}

gboolean
_flink_file_check_regular (const char *path,
                           gsize       max_size,
                           GError    **error)
{
  GStatBuf info;

  if (g_stat (path, &info) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("%s cannot be read: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return check_info (path, &info, max_size, error);
}

gboolean
_flink_file_read_regular (const char *path,
                          gsize       max_size,
                          char      **out_contents,
                          gsize      *out_length,
                          GError    **error)
{
  g_autofree char *contents = NULL;
  struct stat      info;
  gsize            length = 0;
  int              fd;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("%s cannot be opened: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  if (fstat (fd, &info) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   _ ("%s cannot be read: %s"), path, g_strerror (saved_errno));
      g_close (fd, NULL);
      return FALSE;
    }
  if (!check_info (path, &info, max_size, error))
    {
      g_close (fd, NULL);
      return FALSE;
    }

  /* One byte more than allowed, to see a file that grew since fstat(). */
  contents = g_malloc (max_size + 2);
  while (length <= max_size)
    {
      gssize n = read (fd, contents + length, max_size + 1 - length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                       _ ("%s cannot be read: %s"), path, g_strerror (saved_errno));
          g_close (fd, NULL);
          return FALSE;
        }
      if (n == 0)
        break;
      length += n;
    }
  g_close (fd, NULL);
  if (length > max_size)
    {
      g_set_error (error, FLINK_ERROR, FLINK_ERROR_INVALID_ARGUMENT,
                   "%s holds more than the %" G_GSIZE_FORMAT " KiB that flinkjob reads "
                   "from such a file",
                   path, max_size / 1024);
      return FALSE;
    }
  contents[length] = '\0';
  *out_contents = g_realloc (g_steal_pointer (&contents), length + 1);
  *out_length = length;
  return TRUE;
}
