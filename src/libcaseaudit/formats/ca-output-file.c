// SPDX-License-Identifier: GPL-3.0-or-later
// Writes an output file whole or not at all, private to its owner, never over something that
// is not an ordinary file, and over an existing file only when asked to.
//
// Every file Case Audit writes for a person to keep (a PDF, an e-mail draft, a calendar, a
// tool) comes through here. The data goes into a temporary file in the same folder, which is
// flushed to disk and then renamed onto the name asked for: a reader, a full disk or a crash
// sees the old file or the whole new one, never half of one. Nothing is ever opened at the
// name itself, so a device (/dev/sda), a FIFO or a folder there is refused instead of being
// written into or replaced, and an existing file is replaced only with
// CA_OUTPUT_FILE_REPLACE, which the command line gives for --force and the window after its
// file chooser has asked the person.

#define _GNU_SOURCE
#define G_LOG_DOMAIN "ca-output-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ca-output-file.h"

struct _CaOutputFile
{
  char              *path;
  char              *temp;         /* NULL once renamed onto PATH or removed */
  int                fd;           /* -1 once closed */
  int                saved_errno;  /* the first write error, 0 when none */
  CaOutputFileFlags  flags;
};

G_DEFINE_QUARK (ca-output-file-error-quark, ca_output_file_error)

static void
set_write_error (const char  *path,
                 int          saved_errno,
                 GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Could not write “%s”: %s."), name, g_strerror (saved_errno));
}

static void
set_not_regular (const char  *path,
                 mode_t       mode,
                 GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);
  GQuark domain = CA_OUTPUT_FILE_ERROR;
  int code = CA_OUTPUT_FILE_ERROR_NOT_REGULAR;

  if (S_ISDIR (mode))
    g_set_error (error, domain, code, _("“%s” is a folder, not a file, so nothing was "
                                        "written. Give a file name inside it."), name);
  else if (S_ISCHR (mode) || S_ISBLK (mode))
    g_set_error (error, domain, code, _("“%s” is a device, not an ordinary file, so nothing "
                                        "was written to it. Give the name of a file."), name);
  else if (S_ISFIFO (mode))
    g_set_error (error, domain, code, _("“%s” is a named pipe, not an ordinary file, so "
                                        "nothing was written to it. Give the name of a "
                                        "file."), name);
  else if (S_ISLNK (mode))
    g_set_error (error, domain, code, _("“%s” is a symbolic link, so nothing was written. "
                                        "Give the name of the file itself."), name);
  else
    g_set_error (error, domain, code, _("“%s” is not an ordinary file, so nothing was written "
                                        "to it. Give the name of a file."), name);
}

static void
set_exists (const char  *path,
            GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, CA_OUTPUT_FILE_ERROR, CA_OUTPUT_FILE_ERROR_EXISTS,
               _("“%s” already exists and was left as it is."), name);
}

gboolean
ca_output_file_check (const char         *path,
                      CaOutputFileFlags   flags,
                      GError            **error)
{
  GStatBuf info;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* lstat, not stat: a link is judged as itself, so a dangling link to a device cannot
   * lead the rename anywhere odd, and a link is never silently replaced by a file. */
  if (path[0] == '\0')
    {
      set_write_error (path, ENOENT, error);
      return FALSE;
    }
  if (g_lstat (path, &info) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return TRUE;
      set_write_error (path, saved_errno, error);
      return FALSE;
    }
  if (!S_ISREG (info.st_mode))
    {
      set_not_regular (path, info.st_mode, error);
      return FALSE;
    }
  if (!(flags & CA_OUTPUT_FILE_REPLACE))
    {
      set_exists (path, error);
      return FALSE;
    }
  return TRUE;
}

CaOutputFile *
ca_output_file_begin (const char         *path,
                      CaOutputFileFlags   flags,
                      int                 mode,
                      GError            **error)
{
  g_autofree char *folder = NULL;
  CaOutputFile *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ca_output_file_check (path, flags, error))
    return NULL;

  /* A short name of our own, not PATH's with a suffix: PATH's name may already be as long
   * as the file system allows. The leading dot keeps it out of a folder's usual view. */
  folder = g_path_get_dirname (path);
  self = g_new0 (CaOutputFile, 1);
  self->path = g_strdup (path);
  self->flags = flags;
  self->temp = g_build_filename (folder, ".case-audit-XXXXXX", NULL);
  self->fd = g_mkstemp_full (self->temp, O_RDWR | O_CLOEXEC, mode);
  if (self->fd < 0)
    {
      set_write_error (path, errno, error);
      g_clear_pointer (&self->temp, g_free);
      ca_output_file_free (self);
      return NULL;
    }
  return self;
}

int
ca_output_file_get_fd (CaOutputFile *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->fd;
}

void
ca_output_file_set_errno (CaOutputFile *self,
                          int           saved_errno)
{
  g_return_if_fail (self != NULL);

  if (self->saved_errno == 0)
    self->saved_errno = saved_errno;
}

gboolean
ca_output_file_write (CaOutputFile  *self,
                      const void    *data,
                      gsize          size,
                      GError       **error)
{
  const char *bytes = data;

  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  while (size > 0 && self->saved_errno == 0)
    {
      ssize_t written = write (self->fd, bytes, size);

      if (written < 0)
        {
          if (errno != EINTR)
            self->saved_errno = errno;
          continue;
        }
      bytes += written;
      size -= (gsize) written;
    }
  if (self->saved_errno != 0)
    {
      set_write_error (self->path, self->saved_errno, error);
      return FALSE;
    }
  return TRUE;
}

/* Renames TEMP onto PATH, without replacing anything; 0 or an errno. */
static int
rename_no_replace (const char *temp,
                   const char *path)
{
  GStatBuf info;

  if (renameat2 (AT_FDCWD, temp, AT_FDCWD, path, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS)
    return errno;

  /* A file system without RENAME_NOREPLACE: a hard link fails the same way when PATH
   * exists (a folder cannot be linked, and goes on to the last resort). */
  if (link (temp, path) == 0)
    {
      g_unlink (temp);
      return 0;
    }
  if (errno == EEXIST || (errno != EPERM && errno != ENOTSUP && errno != ENOSYS))
    return errno;

  /* Nor links (FAT on a memory stick): look, then rename. */
  if (g_lstat (path, &info) == 0)
    return EEXIST;
  return g_rename (temp, path) == 0 ? 0 : errno;
}

gboolean
ca_output_file_commit (CaOutputFile  *self,
                       GError       **error)
{
  g_autofree char *folder = NULL;
  int saved_errno;

  g_return_val_if_fail (self != NULL && self->fd >= 0 && self->temp != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->saved_errno == 0 && fsync (self->fd) != 0)
    self->saved_errno = errno;
  if (close (self->fd) != 0 && self->saved_errno == 0)
    self->saved_errno = errno;
  self->fd = -1;
  if (self->saved_errno != 0)
    {
      set_write_error (self->path, self->saved_errno, error);
      return FALSE;
    }

  if (self->flags & CA_OUTPUT_FILE_REPLACE)
    {
      /* Looked at again just before: what the person agreed to replace was a file. */
      if (!ca_output_file_check (self->path, self->flags, error))
        return FALSE;
      saved_errno = g_rename (self->temp, self->path) == 0 ? 0 : errno;
    }
  else
    saved_errno = rename_no_replace (self->temp, self->path);

  if (saved_errno == EEXIST)
    {
      set_exists (self->path, error);
      return FALSE;
    }
  if (saved_errno != 0)
    {
      set_write_error (self->path, saved_errno, error);
      return FALSE;
    }
  g_clear_pointer (&self->temp, g_free);

  folder = g_path_get_dirname (self->path);
  ca_output_file_sync_folder (folder);
  return TRUE;
}

void
ca_output_file_free (CaOutputFile *self)
{
  if (self == NULL)
    return;
  if (self->fd >= 0)
    close (self->fd);
  if (self->temp != NULL)
    g_unlink (self->temp);
  g_free (self->temp);
  g_free (self->path);
  g_free (self);
}

gboolean
ca_output_file_set_contents (const char         *path,
                             const void         *data,
                             gssize              size,
                             CaOutputFileFlags   flags,
                             int                 mode,
                             GError            **error)
{
  g_autoptr(CaOutputFile) file = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);

  if (size < 0)
    size = (gssize) strlen (data);
  file = ca_output_file_begin (path, flags, mode, error);
  return file != NULL &&
         ca_output_file_write (file, data, (gsize) size, error) &&
         ca_output_file_commit (file, error);
}

gboolean
ca_output_file_move (const char  *from,
                     const char  *to,
                     GError     **error)
{
  int saved_errno;

  g_return_val_if_fail (from != NULL && to != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  saved_errno = rename_no_replace (from, to);
  if (saved_errno == EEXIST || saved_errno == ENOTEMPTY)
    set_exists (to, error);
  else if (saved_errno != 0)
    set_write_error (to, saved_errno, error);
  return saved_errno == 0;
}

void
ca_output_file_sync_folder (const char *folder)
{
  int fd;

  g_return_if_fail (folder != NULL);

  fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return;
  fsync (fd);
  close (fd);
}
