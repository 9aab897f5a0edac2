// SPDX-License-Identifier: GPL-3.0-or-later
// Reads a whole input file once, with a size limit checked while reading.
//
// Every file Case Audit takes in (CSV lists, tools, programmes, bank holidays) comes through
// here, so that each is read exactly once (a pipe or /dev/stdin cannot be read twice), its
// size is bounded by what was read rather than by what stat() claimed (a file can grow, and a
// device has no size), and a FIFO that nobody writes to is given up on rather than waited on
// for ever. Devices, folders and sockets are refused: /dev/zero is not a list of cases.

#define G_LOG_DOMAIN "ca-input-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ca-input-file.h"

#define CHUNK_SIZE 65536

G_DEFINE_QUARK (ca-input-file-error-quark, ca_input_file_error)

static char *
display_name (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return g_filename_display_name (base != NULL ? base : "?");
}

static void
set_too_large (GFile   *file,
               gsize    max_size,
               GError **error)
{
  g_autofree char *name = display_name (file);
  g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_DEFAULT);

  g_set_error (error, CA_INPUT_FILE_ERROR, CA_INPUT_FILE_ERROR_TOO_LARGE,
               _("“%s” is larger than %s, which is as much as Case Audit reads from one file. "
                 "Split it into smaller files and import each."), name, limit);
}

static void
set_errno_error (GFile   *file,
                 int      saved_errno,
                 GError **error)
{
  g_autofree char *name = display_name (file);

  switch (saved_errno)
    {
    case ENOENT:
    case ENOTDIR:
      g_set_error (error, CA_INPUT_FILE_ERROR, CA_INPUT_FILE_ERROR_NOT_FOUND,
                   _("There is no file “%s”. Check its name and folder."), name);
      break;
    case EACCES:
    case EPERM:
      g_set_error (error, CA_INPUT_FILE_ERROR, CA_INPUT_FILE_ERROR_READ,
                   _("You do not have permission to read “%s”."), name);
      break;
    case EISDIR:
      g_set_error (error, CA_INPUT_FILE_ERROR, CA_INPUT_FILE_ERROR_NOT_A_FILE,
                   _("“%s” is a folder, not a file."), name);
      break;
    default:
      g_set_error (error, CA_INPUT_FILE_ERROR, CA_INPUT_FILE_ERROR_READ,
                   _("“%s” could not be read: %s."), name, g_strerror (saved_errno));
      break;
    }
}

/* A file with no local path (none today; kept so that any GFile works): read as a stream,
 * bounded the same way, without the pipe's wait. */
static GBytes *
read_stream (GFile         *file,
             gsize          max_size,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 chunk[CHUNK_SIZE];

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), chunk, sizeof chunk,
                                      cancellable, error);
      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (data->len + (gsize) n > max_size)
        {
          set_too_large (file, max_size, error);
          return NULL;
        }
      g_byte_array_append (data, chunk, (guint) n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* Waits until FD has something to read or has been closed by its writer. A FIFO opened
 * without blocking reports nothing at all until a writer comes, so silence is what a
 * missing writer looks like. */
static gboolean
wait_readable (int            fd,
               GFile         *file,
               guint          wait_seconds,
               GCancellable  *cancellable,
               GError       **error)
{
  GPollFD fds[2] = { { fd, G_IO_IN | G_IO_HUP | G_IO_ERR, 0 }, { -1, G_IO_IN, 0 } };
  guint n_fds = 1;
  int result;

  if (g_cancellable_make_pollfd (cancellable, &fds[1]))
    n_fds = 2;
  do
    result = g_poll (fds, n_fds, (int) MIN (wait_seconds, G_MAXINT / 1000) * 1000);
  while (result < 0 && errno == EINTR);
  if (n_fds == 2)
    g_cancellable_release_fd (cancellable);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (result < 0)
    {
      set_errno_error (file, errno, error);
      return FALSE;
    }
  if (result == 0)
    {
      g_autofree char *name = display_name (file);

      g_set_error (error, CA_INPUT_FILE_ERROR, CA_INPUT_FILE_ERROR_NO_WRITER,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Nothing arrived from “%s” for %u second. Is the program that "
                                "writes to it running?",
                                "Nothing arrived from “%s” for %u seconds. Is the program that "
                                "writes to it running?", wait_seconds),
                   name, wait_seconds);
      return FALSE;
    }
  return TRUE;
}

static GBytes *
read_descriptor (int            fd,
                 gboolean       is_pipe,
                 GFile         *file,
                 gsize          max_size,
                 guint          wait_seconds,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 chunk[CHUNK_SIZE];

  for (;;)
    {
      gssize n;

      if (is_pipe && !wait_readable (fd, file, wait_seconds, cancellable, error))
        return NULL;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      n = read (fd, chunk, sizeof chunk);
      if (n < 0)
        {
          if (errno == EINTR || errno == EAGAIN)
            continue;
          set_errno_error (file, errno, error);
          return NULL;
        }
      if (n == 0)
        break;
      if (data->len + (gsize) n > max_size)
        {
          set_too_large (file, max_size, error);
          return NULL;
        }
      g_byte_array_append (data, chunk, (guint) n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/**
 * ca_input_file_read:
 * @file: a regular file, a pipe or a FIFO (/dev/stdin is either)
 * @max_size: the most bytes accepted; more is refused with %CA_INPUT_FILE_ERROR_TOO_LARGE
 * @wait_seconds: how long a pipe or FIFO may stay silent (%CA_INPUT_FILE_WAIT_SECONDS)
 *
 * Reads all of @file, once. Refuses folders, devices and sockets with
 * %CA_INPUT_FILE_ERROR_NOT_A_FILE, and a pipe that nothing writes to for @wait_seconds with
 * %CA_INPUT_FILE_ERROR_NO_WRITER. Every message names the file and says what to do.
 *
 * Returns: (transfer full): the file's bytes, or %NULL with @error set
 */
GBytes *
ca_input_file_read (GFile         *file,
                    gsize          max_size,
                    guint          wait_seconds,
                    GCancellable  *cancellable,
                    GError       **error)
{
  const char *path;
  GStatBuf st;
  GBytes *bytes;
  gboolean is_pipe;
  int fd;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = g_file_peek_path (file);
  if (path == NULL)
    return read_stream (file, max_size, cancellable, error);

  /* Without blocking, so that opening a FIFO with no writer returns at once; and no
   * controlling terminal, should the path be one. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      set_errno_error (file, errno, error);
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      set_errno_error (file, errno, error);
      close (fd);
      return NULL;
    }

  is_pipe = S_ISFIFO (st.st_mode);
  if (!S_ISREG (st.st_mode) && !is_pipe)
    {
      g_autofree char *name = display_name (file);

      g_set_error (error, CA_INPUT_FILE_ERROR, CA_INPUT_FILE_ERROR_NOT_A_FILE,
                   S_ISDIR (st.st_mode) ? _("“%s” is a folder, not a file.")
                                        : _("“%s” is not a file that can be read (it is a "
                                            "device or a socket). Choose a saved file."),
                   name);
      close (fd);
      return NULL;
    }
  /* A regular file that says it is too large is refused before it is read; the count while
   * reading still decides, as the file may grow. */
  if (S_ISREG (st.st_mode) && (guint64) st.st_size > max_size)
    {
      set_too_large (file, max_size, error);
      close (fd);
      return NULL;
    }

  bytes = read_descriptor (fd, is_pipe, file, max_size, wait_seconds, cancellable, error);
  close (fd);
  return bytes;
}

typedef struct
{
  gsize max_size;
  guint wait_seconds;
} ReadData;

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadData *data = task_data;
  GError *error = NULL;
  GBytes *bytes;

  bytes = ca_input_file_read (G_FILE (source_object), data->max_size, data->wait_seconds,
                              cancellable, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

/**
 * ca_input_file_read_async:
 *
 * ca_input_file_read() on a worker thread, for the window: a pipe that stays silent for
 * @wait_seconds never holds up the main loop. Finish with ca_input_file_read_finish().
 */
void
ca_input_file_read_async (GFile               *file,
                          gsize                max_size,
                          guint                wait_seconds,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadData *data;

  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ReadData, 1);
  data->max_size = max_size;
  data->wait_seconds = wait_seconds;
  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_input_file_read_async);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, read_thread);
}

/**
 * ca_input_file_read_finish:
 *
 * Returns: (transfer full): the file's bytes, or %NULL with @error set as
 *   ca_input_file_read() sets it
 */
GBytes *
ca_input_file_read_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ca_input_file_read_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
