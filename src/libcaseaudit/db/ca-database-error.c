// SPDX-License-Identifier: GPL-3.0-or-later
// What the database engine's failures mean to a CPP lead: its result codes as CaDatabaseError.

#define G_LOG_DOMAIN "ca-database"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include "ca-database-private.h"

G_DEFINE_QUARK (ca-database-error-quark, ca_database_error)

/* The most a write that failed can have wanted to add: SQLite's largest page, plus the
 * frame header of the write-ahead log. */
#define LARGEST_WRITE (65536 + 24)

static gboolean
is_space_errno (int value)
{
  return value == ENOSPC || value == EFBIG
#ifdef EDQUOT
         || value == EDQUOT
#endif
         ;
}

/* Whether the file or a file beside it is as large as this process may make a file
 * (ulimit -f), so that its next write fails with EFBIG. */
static gboolean
at_file_size_limit (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  struct rlimit limit;

  if (path == NULL || getrlimit (RLIMIT_FSIZE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (name, &st) == 0 && (guint64) st.st_size + LARGEST_WRITE > limit.rlim_cur)
        return TRUE;
    }
  return FALSE;
}

static gboolean
folder_is_full (const char *path)
{
  g_autofree char *folder = path != NULL ? g_path_get_dirname (path) : NULL;
  struct statvfs st;

  return folder != NULL && statvfs (folder, &st) == 0 &&
         (guint64) st.f_bavail * st.f_frsize < 2 * LARGEST_WRITE;
}

/* SQLite says SQLITE_FULL when a write stops short for want of room, but a write refused
 * outright — by a file-size limit (EFBIG), a quota (EDQUOT), or a full disk at some
 * points — comes back as a bare I/O error, and the errno behind it is often gone by the
 * time the call returns. The user needs the same words for all of them, so an I/O error
 * is taken for a full disk when the disk or the file-size limit says it is one. */
static gboolean
is_out_of_space (CaDatabase *self,
                 int         rc)
{
  sqlite3 *handle = ca_database_get_handle (self);
  const char *path = ca_database_get_path (self);
  int last_errno = 0;

  if ((rc & 0xff) == SQLITE_FULL)
    return TRUE;
  if ((rc & 0xff) != SQLITE_IOERR || handle == NULL)
    return FALSE;

  if (is_space_errno (sqlite3_system_errno (handle)))
    return TRUE;
  if (sqlite3_file_control (handle, "main", SQLITE_FCNTL_LAST_ERRNO,
                            &last_errno) == SQLITE_OK && is_space_errno (last_errno))
    return TRUE;
  return at_file_size_limit (path) || folder_is_full (path);
}

static int
error_code_for_sqlite (CaDatabase *self,
                       int         rc)
{
  if (is_out_of_space (self, rc))
    return CA_DATABASE_ERROR_FULL;

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return CA_DATABASE_ERROR_LOCKED;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return CA_DATABASE_ERROR_READ_ONLY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return CA_DATABASE_ERROR_CORRUPT;
    case SQLITE_CONSTRAINT:
      return CA_DATABASE_ERROR_CONSTRAINT;
    case SQLITE_CANTOPEN:
      return CA_DATABASE_ERROR_NOT_FOUND;
    case SQLITE_IOERR:
      return CA_DATABASE_ERROR_IO;
    default:
      return CA_DATABASE_ERROR_FAILED;
    }
}

/**
 * ca_database_error_is_about_storage:
 * @error: an error from any call
 *
 * Whether @error is about where the data is kept — a full disk, a lock held by another
 * program, a read-only, damaged or unreadable file — rather than about the values being
 * written. A caller that reports a failed write as the fault of a line of an input file
 * (an import) must not do so for these: the file is not to blame, and the message already
 * says what to do.
 */
gboolean
ca_database_error_is_about_storage (const GError *error)
{
  if (error == NULL || error->domain != CA_DATABASE_ERROR)
    return FALSE;
  return error->code != CA_DATABASE_ERROR_CONSTRAINT && error->code != CA_DATABASE_ERROR_FAILED;
}

/* Words a CPP lead can act on, with the engine's own message kept for support. */
void
ca_database_set_sqlite_error (CaDatabase *self,
                              int         rc,
                              GError    **error)
{
  sqlite3 *handle = ca_database_get_handle (self);
  const char *path = ca_database_get_path (self);
  const char *detail = handle ? sqlite3_errmsg (handle) : sqlite3_errstr (rc);
  int code = error_code_for_sqlite (self, rc);
  const char *display = path ? path : "";

  g_debug ("%s: SQLite result %d, system error %d: %s", display, rc,
           handle ? sqlite3_system_errno (handle) : 0, detail);

  switch (code)
    {
    case CA_DATABASE_ERROR_FULL:
      /* SQLite has rolled the transaction back by the time this is seen (see
       * ca_database_rollback()), so nothing was changed. */
      g_set_error (error, CA_DATABASE_ERROR, code,
                   _("The disk is full where “%s” is kept, or the file has reached the "
                     "largest size this computer allows: free some space and try again; "
                     "nothing was changed."), display);
      break;
    case CA_DATABASE_ERROR_IO:
      {
        int system_errno = handle ? sqlite3_system_errno (handle) : 0;

        g_set_error (error, CA_DATABASE_ERROR, code,
                     _("The computer could not read or write “%s” (%s). Check that the disk "
                       "or network drive is still there and try again; nothing was changed."),
                     display, system_errno != 0 ? g_strerror (system_errno) : detail);
      }
      break;
    case CA_DATABASE_ERROR_LOCKED:
      g_set_error (error, CA_DATABASE_ERROR, code,
                   _("The database “%s” is busy: another program or another copy of Case Audit "
                     "is writing to it. Wait a moment and try again."), display);
      break;
    case CA_DATABASE_ERROR_READ_ONLY:
      g_set_error (error, CA_DATABASE_ERROR, code,
                   _("The database “%s” cannot be changed: it is read-only. Nothing was saved. "
                     "Ask for permission to change it, or open a copy you can write to."),
                   display);
      break;
    case CA_DATABASE_ERROR_CORRUPT:
      g_set_error (error, CA_DATABASE_ERROR, code,
                   _("“%s” is damaged or is not a database. Restore it from a backup."),
                   display);
      break;
    case CA_DATABASE_ERROR_NOT_FOUND:
      g_set_error (error, CA_DATABASE_ERROR, code,
                   _("The database “%s” could not be opened (%s)."), display, detail);
      break;
    default:
      g_set_error (error, CA_DATABASE_ERROR, code,
                   _("The database “%s” reported a problem: %s."), display, detail);
      break;
    }
}
