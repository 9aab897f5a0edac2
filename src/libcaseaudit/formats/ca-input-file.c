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
#include <gio/gunixinputstream.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
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

/* Adds the N bytes just read to DATA, or says the file is too large: the limit is what has
 * arrived, whatever the file claimed, so that pipes and growing files are held to it too. */
static gboolean
append_within (GByteArray    *data,
               GFile         *file,
               gsize          max_size,
               const guint8  *chunk,
               gsize          n,
               GError       **error)
{
  if (data->len + n > max_size)
    {
      set_too_large (file, max_size, error);
      return FALSE;
    }
  g_byte_array_append (data, chunk, (guint) n);
  return TRUE;
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

static void
set_no_writer (GFile   *file,
               guint    wait_seconds,
               GError **error)
{
  g_autofree char *name = display_name (file);

  g_set_error (error, CA_INPUT_FILE_ERROR, CA_INPUT_FILE_ERROR_NO_WRITER,
               g_dngettext (GETTEXT_PACKAGE,
                            "Nothing arrived from “%s” for %u second. Is the program that "
                            "writes to it running?",
                            "Nothing arrived from “%s” for %u seconds. Is the program that "
                            "writes to it running?", wait_seconds),
               name, wait_seconds);
}

/* Reads the next chunk of SOURCE into CHUNK: the bytes read, 0 at the end, or -1 with ERROR
 * set. */
typedef gssize (*ReadChunkFunc) (gpointer   source,
                                 guint8    *chunk,
                                 gsize      size,
                                 GError   **error);

/* All of FILE, chunk by chunk from READ_CHUNK, refused once it is more than MAX_SIZE. */
static GBytes *
read_all (GFile          *file,
          gsize           max_size,
          ReadChunkFunc   read_chunk,
          gpointer        source,
          GError        **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 chunk[CHUNK_SIZE];

  for (;;)
    {
      gssize n = read_chunk (source, chunk, sizeof chunk, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (!append_within (data, file, max_size, chunk, (gsize) n, error))
        return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

typedef struct
{
  GInputStream *stream;
  GCancellable *cancellable;
} StreamSource;

static gssize
read_stream_chunk (gpointer   source,
                   guint8    *chunk,
                   gsize      size,
                   GError   **error)
{
  StreamSource *stream = source;

  return g_input_stream_read (stream->stream, chunk, size, stream->cancellable, error);
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
  StreamSource source = { NULL, cancellable };

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  source.stream = G_INPUT_STREAM (stream);
  return read_all (file, max_size, read_stream_chunk, &source, error);
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
      set_no_writer (file, wait_seconds, error);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  int           fd;
  gboolean      is_pipe;
  GFile        *file;
  guint         wait_seconds;
  GCancellable *cancellable;
} DescriptorSource;

/* A pipe is waited on before each read, so that a missing writer is noticed. */
static gssize
read_descriptor_chunk (gpointer   source,
                       guint8    *chunk,
                       gsize      size,
                       GError   **error)
{
  DescriptorSource *fd = source;

  for (;;)
    {
      gssize n;

      if (fd->is_pipe && !wait_readable (fd->fd, fd->file, fd->wait_seconds, fd->cancellable,
                                         error))
        return -1;
      if (g_cancellable_set_error_if_cancelled (fd->cancellable, error))
        return -1;

      n = read (fd->fd, chunk, size);
      if (n >= 0)
        return n;
      if (errno != EINTR && errno != EAGAIN)
        {
          set_errno_error (fd->file, errno, error);
          return -1;
        }
    }
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
  DescriptorSource source = { fd, is_pipe, file, wait_seconds, cancellable };

  return read_all (file, max_size, read_descriptor_chunk, &source, error);
}

/* Opens PATH and refuses what is not a regular file or a pipe, or a regular file that says
 * it is too large. Returns the descriptor, or -1 with ERROR set. */
static int
open_checked (GFile       *file,
              const char  *path,
              gsize        max_size,
              gboolean    *is_pipe,
              GError     **error)
{
  GStatBuf st;
  int fd;

  /* Without blocking, so that opening a FIFO with no writer returns at once; and no
   * controlling terminal, should the path be one. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      set_errno_error (file, errno, error);
      return -1;
    }
  if (fstat (fd, &st) != 0)
    {
      set_errno_error (file, errno, error);
      close (fd);
      return -1;
    }

  *is_pipe = S_ISFIFO (st.st_mode);
  if (!S_ISREG (st.st_mode) && !*is_pipe)
    {
      g_autofree char *name = display_name (file);

      g_set_error (error, CA_INPUT_FILE_ERROR, CA_INPUT_FILE_ERROR_NOT_A_FILE,
                   S_ISDIR (st.st_mode) ? _("“%s” is a folder, not a file.")
                                        : _("“%s” is not a file that can be read (it is a "
                                            "device or a socket). Choose a saved file."),
                   name);
      close (fd);
      return -1;
    }
  /* A regular file that says it is too large is refused before it is read; the count while
   * reading still decides, as the file may grow. */
  if (S_ISREG (st.st_mode) && (guint64) st.st_size > max_size)
    {
      set_too_large (file, max_size, error);
      close (fd);
      return -1;
    }
  return fd;
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
  GBytes *bytes;
  gboolean is_pipe;
  int fd;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = g_file_peek_path (file);
  if (path == NULL)
    return read_stream (file, max_size, cancellable, error);

  if ((fd = open_checked (file, path, max_size, &is_pipe, error)) < 0)
    return NULL;
  bytes = read_descriptor (fd, is_pipe, file, max_size, wait_seconds, cancellable, error);
  close (fd);
  return bytes;
}

/* Reading without a thread: a pipe is read as its descriptor becomes readable, with the same
 * silence limit as ca_input_file_read(); a regular file (or a file with no local path) with
 * GIO's asynchronous stream reads. Either way the count is checked as each chunk arrives. */

typedef struct
{
  gsize         max_size;
  guint         wait_seconds;
  gboolean      has_path;
  int           fd;          /* a pipe's, read when readable; -1 otherwise */
  GInputStream *stream;      /* a regular file's, or one with no local path */
  GByteArray   *data;
  GSource      *readable;    /* while a pipe is waited on: its descriptor, */
  GSource      *silence;     /* the time it may stay silent, */
  GSource      *cancelled;   /* and the caller's cancellable */
} ReadState;

static void
stop_waiting (ReadState *state)
{
  GSource **sources[] = { &state->readable, &state->silence, &state->cancelled };

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if (*sources[i] != NULL)
      {
        g_source_destroy (*sources[i]);
        g_clear_pointer (sources[i], g_source_unref);
      }
}

static void
read_state_free (ReadState *state)
{
  stop_waiting (state);
  if (state->fd >= 0)
    close (state->fd);
  g_clear_object (&state->stream);
  g_clear_pointer (&state->data, g_byte_array_unref);
  g_free (state);
}

static void
return_bytes (GTask *task)
{
  ReadState *state = g_task_get_task_data (task);

  g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&state->data)),
                         (GDestroyNotify) g_bytes_unref);
}

/* Adds N bytes, or ends TASK with the error that the file is too large. */
static gboolean
take_chunk (GTask        *task,
            const guint8 *chunk,
            gsize         n)
{
  ReadState *state = g_task_get_task_data (task);
  GError *error = NULL;

  if (!append_within (state->data, g_task_get_source_object (task), state->max_size, chunk, n,
                      &error))
    {
      g_task_return_error (task, error);
      return FALSE;
    }
  return TRUE;
}

static void wait_for_pipe (GTask *task);

/* The pipe has something to read, or its writer has closed it: one read, as
 * read_descriptor() does after each wait. */
static gboolean
pipe_readable_cb (int          fd,
                  GIOCondition condition,
                  gpointer     user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);
  ReadState *state = g_task_get_task_data (task);
  guint8 chunk[CHUNK_SIZE];
  gssize n;

  stop_waiting (state);
  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;

  n = read (state->fd, chunk, sizeof chunk);
  if (n < 0)
    {
      GError *error = NULL;

      if (errno == EINTR || errno == EAGAIN)
        {
          wait_for_pipe (task);
          return G_SOURCE_REMOVE;
        }
      set_errno_error (g_task_get_source_object (task), errno, &error);
      g_task_return_error (task, error);
      return G_SOURCE_REMOVE;
    }
  if (n == 0)
    return_bytes (task);
  else if (take_chunk (task, chunk, (gsize) n))
    wait_for_pipe (task);
  return G_SOURCE_REMOVE;
}

/* Nothing arrived for the whole wait. */
static gboolean
pipe_silent_cb (gpointer user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);
  ReadState *state = g_task_get_task_data (task);
  GError *error = NULL;

  stop_waiting (state);
  set_no_writer (g_task_get_source_object (task), state->wait_seconds, &error);
  g_task_return_error (task, error);
  return G_SOURCE_REMOVE;
}

static gboolean
pipe_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);

  stop_waiting (g_task_get_task_data (task));
  g_task_return_error_if_cancelled (task);
  return G_SOURCE_REMOVE;
}

static GSource *
attach_wait (GTask       *task,
             GSource     *source,
             GSourceFunc  func,
             const char  *name)
{
  g_source_set_priority (source, g_task_get_priority (task));
  g_source_set_callback (source, func, g_object_ref (task), g_object_unref);
  g_source_set_static_name (source, name);
  g_source_attach (source, g_task_get_context (task));
  return source;
}

/* Waits, afresh before each read, until the pipe is readable or closed by its writer, for
 * at most wait_seconds: a FIFO opened without blocking reports nothing at all until a writer
 * comes, so silence is what a missing writer looks like. */
static void
wait_for_pipe (GTask *task)
{
  ReadState *state = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  state->readable = attach_wait (task,
                                 g_unix_fd_source_new (state->fd,
                                                       G_IO_IN | G_IO_HUP | G_IO_ERR),
                                 G_SOURCE_FUNC (pipe_readable_cb),
                                 "[ca-input-file] readable");
  state->silence = attach_wait (task,
                                g_timeout_source_new ((guint) MIN (state->wait_seconds,
                                                                   G_MAXINT / 1000) * 1000),
                                pipe_silent_cb, "[ca-input-file] silence");
  if (cancellable != NULL)
    state->cancelled = attach_wait (task, g_cancellable_source_new (cancellable),
                                    G_SOURCE_FUNC (pipe_cancelled_cb),
                                    "[ca-input-file] cancelled");
}

static void read_next_chunk (GTask *task);

static void
chunk_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReadState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result,
                                                              &error);
  gsize n = 0;
  const guint8 *bytes;

  if (chunk == NULL)
    {
      /* As ca_input_file_read(): a local file's failure in its own words, a stream's as
       * GIO says it, cancelling as GIO's "cancelled". */
      if (state->has_path && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *name = display_name (g_task_get_source_object (task));

          g_task_return_new_error (task, CA_INPUT_FILE_ERROR, CA_INPUT_FILE_ERROR_READ,
                                   _("“%s” could not be read: %s."), name, error->message);
        }
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  bytes = g_bytes_get_data (chunk, &n);
  if (n == 0)
    return_bytes (task);
  else if (take_chunk (task, bytes, n))
    read_next_chunk (task);
}

static void
read_next_chunk (GTask *task)
{
  ReadState *state = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (state->stream, CHUNK_SIZE, g_task_get_priority (task),
                                   g_task_get_cancellable (task), chunk_read_cb,
                                   g_object_ref (task));
}

static void
stream_opened_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReadState *state = g_task_get_task_data (task);
  GError *error = NULL;
  GFileInputStream *stream = g_file_read_finish (G_FILE (source), result, &error);

  if (stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  state->stream = G_INPUT_STREAM (stream);
  read_next_chunk (task);
}

/**
 * ca_input_file_read_async:
 *
 * ca_input_file_read() for the window, without a thread: the checks and limits are the same,
 * and a pipe that stays silent for @wait_seconds never holds up the main loop. Finish with
 * ca_input_file_read_finish().
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
  GError *error = NULL;
  ReadState *state;
  gboolean is_pipe;
  const char *path;

  g_return_if_fail (G_IS_FILE (file));

  state = g_new0 (ReadState, 1);
  state->max_size = max_size;
  state->wait_seconds = wait_seconds;
  state->fd = -1;
  state->data = g_byte_array_new ();
  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_input_file_read_async);
  g_task_set_task_data (task, state, (GDestroyNotify) read_state_free);

  path = g_file_peek_path (file);
  if (path == NULL)
    {
      g_file_read_async (file, g_task_get_priority (task), cancellable, stream_opened_cb,
                         g_steal_pointer (&task));
      return;
    }

  state->has_path = TRUE;
  if ((state->fd = open_checked (file, path, max_size, &is_pipe, &error)) < 0)
    {
      g_task_return_error (task, error);
      return;
    }
  if (is_pipe)
    {
      wait_for_pipe (task);
      return;
    }
  /* GIO reads a regular file's descriptor off the main loop by itself. */
  state->stream = g_unix_input_stream_new (state->fd, TRUE);
  state->fd = -1;
  read_next_chunk (task);
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
