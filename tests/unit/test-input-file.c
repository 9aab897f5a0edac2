// SPDX-License-Identifier: GPL-3.0-or-later
// Reading an input file once: regular files, pipes and FIFOs, the size limit counted while
// reading, devices and folders refused, a FIFO with no writer given up on, and cancelling;
// each both through ca_input_file_read() and through ca_input_file_read_async().

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ca-input-file.h"

static char *
temp_folder (void)
{
  g_autoptr(GError) error = NULL;
  char *folder = g_dir_make_tmp ("case-audit-input-XXXXXX", &error);

  g_assert_no_error (error);
  return folder;
}

/* Set while a test runs through ca_input_file_read_async(), which must answer as
 * ca_input_file_read() does. */
static gboolean read_async;

typedef struct
{
  GBytes  *bytes;
  GError  *error;
  gboolean done;
} AsyncRead;

static void
read_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncRead *read = user_data;

  read->bytes = ca_input_file_read_finish (result, &read->error);
  read->done = TRUE;
}

static GBytes *
read_file (GFile         *file,
           gsize          max_size,
           guint          wait_seconds,
           GCancellable  *cancellable,
           GError       **error)
{
  AsyncRead read = { 0 };

  if (!read_async)
    return ca_input_file_read (file, max_size, wait_seconds, cancellable, error);

  ca_input_file_read_async (file, max_size, wait_seconds, cancellable, read_done_cb, &read);
  while (!read.done)
    g_main_context_iteration (NULL, TRUE);
  if (read.error != NULL)
    g_propagate_error (error, read.error);
  return read.bytes;
}

static GBytes *
read_path (const char  *path,
           gsize        max_size,
           guint        wait_seconds,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return read_file (file, max_size, wait_seconds, NULL, error);
}

static void
test_regular (void)
{
  g_autofree char *folder = temp_folder ();
  g_autofree char *path = g_build_filename (folder, "teams.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) refused = NULL;

  g_assert_true (g_file_set_contents (path, "team\nA\n", -1, NULL));
  bytes = read_path (path, 7, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "team\nA\n", 7);

  /* One byte over the limit is refused, and the message names the file. */
  refused = read_path (path, 6, 1, &error);
  g_assert_null (refused);
  g_assert_error (error, CA_INPUT_FILE_ERROR, CA_INPUT_FILE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "“teams.csv”"));
  g_clear_error (&error);

  g_assert_null (read_path (folder, 100, 1, &error));
  g_assert_error (error, CA_INPUT_FILE_ERROR, CA_INPUT_FILE_ERROR_NOT_A_FILE);
  g_clear_error (&error);

  g_unlink (path);
  g_assert_null (read_path (path, 100, 1, &error));
  g_assert_error (error, CA_INPUT_FILE_ERROR, CA_INPUT_FILE_ERROR_NOT_FOUND);
  g_rmdir (folder);
}

/* A file of many chunks comes back whole. */
static void
test_regular_large (void)
{
  g_autofree char *folder = temp_folder ();
  g_autofree char *path = g_build_filename (folder, "cases.csv", NULL);
  g_autofree char *text = g_malloc (300000);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  for (guint i = 0; i < 300000; i++)
    text[i] = 'a' + i % 26;
  g_assert_true (g_file_set_contents (path, text, 300000, NULL));
  bytes = read_path (path, 300000, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), text, 300000);

  g_unlink (path);
  g_rmdir (folder);
}

/* /dev/zero never ends and has no size: it is refused as a device, not read until memory
 * runs out. */
static void
test_device (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (read_path ("/dev/zero", 1000, 1, &error));
  g_assert_error (error, CA_INPUT_FILE_ERROR, CA_INPUT_FILE_ERROR_NOT_A_FILE);
}

typedef struct
{
  char  *path;
  gsize  size;
} Writer;

static gpointer
write_fifo (gpointer data)
{
  Writer *writer = data;
  g_autofree char *text = g_malloc (writer->size);
  FILE *out;

  memset (text, 'x', writer->size);
  g_usleep (G_USEC_PER_SEC / 5);
  out = fopen (writer->path, "w");
  g_assert_nonnull (out);
  /* A reader that gave up early closes its end: the writer then gets EPIPE, not a signal. */
  fwrite (text, 1, writer->size, out);
  fclose (out);
  return NULL;
}

/* A FIFO is read to its end in one pass, however its writer chunks it; more than the limit
 * is refused while reading, since a FIFO has no size to stat. */
static void
test_fifo (void)
{
  g_autofree char *folder = temp_folder ();
  g_autofree char *path = g_build_filename (folder, "audits.fifo", NULL);
  Writer writer = { path, 300000 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GThread *thread;

  signal (SIGPIPE, SIG_IGN);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  thread = g_thread_new ("writer", write_fifo, &writer);
  bytes = read_path (path, 300000, 5, &error);
  g_thread_join (thread);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 300000);

  thread = g_thread_new ("writer", write_fifo, &writer);
  g_assert_null (read_path (path, 1000, 5, &error));
  g_assert_error (error, CA_INPUT_FILE_ERROR, CA_INPUT_FILE_ERROR_TOO_LARGE);
  g_thread_join (thread);

  g_unlink (path);
  g_rmdir (folder);
}

/* Nobody opens the FIFO to write: the read gives up after the wait, with words that say
 * what to check, instead of hanging for ever. */
static void
test_fifo_without_writer (void)
{
  g_autofree char *folder = temp_folder ();
  g_autofree char *path = g_build_filename (folder, "nobody.fifo", NULL);
  g_autoptr(GError) error = NULL;
  gint64 start;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  start = g_get_monotonic_time ();
  g_assert_null (read_path (path, 1000, 1, &error));
  g_assert_error (error, CA_INPUT_FILE_ERROR, CA_INPUT_FILE_ERROR_NO_WRITER);
  g_assert_nonnull (strstr (error->message, "“nobody.fifo”"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

  g_unlink (path);
  g_rmdir (folder);
}

static gpointer
cancel_later (gpointer data)
{
  g_usleep (G_USEC_PER_SEC / 10);
  g_cancellable_cancel (data);
  return NULL;
}

/* Cancelling gives up on a silent FIFO at once, with GIO's "cancelled", not after the wait.
 * The cancel comes from another thread, as the synchronous read holds this one. */
static void
test_fifo_cancelled (void)
{
  g_autofree char *folder = temp_folder ();
  g_autofree char *path = g_build_filename (folder, "waiting.fifo", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gint64 start;
  GThread *thread;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  start = g_get_monotonic_time ();
  thread = g_thread_new ("canceller", cancel_later, cancellable);
  g_assert_null (read_file (file, 1000, 30, cancellable, &error));
  g_thread_join (thread);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);

  g_unlink (path);
  g_rmdir (folder);
}

/* A regular file read with a cancellable already cancelled is not read. */
static void
test_regular_cancelled (void)
{
  g_autofree char *folder = temp_folder ();
  g_autofree char *path = g_build_filename (folder, "teams.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "team\nA\n", -1, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_null (read_file (file, 100, 1, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_unlink (path);
  g_rmdir (folder);
}

typedef struct
{
  GTestFunc func;
  gboolean  async;
} Variant;

static void
run_variant (gconstpointer data)
{
  const Variant *variant = data;

  read_async = variant->async;
  variant->func ();
}

/* Each test twice: through ca_input_file_read(), and through the asynchronous call the
 * window uses. */
static void
add_test (const char *name,
          GTestFunc   func)
{
  for (guint async = 0; async <= 1; async++)
    {
      Variant *variant = g_new0 (Variant, 1);
      g_autofree char *path = g_strdup_printf ("/input-file/%s%s", async ? "async/" : "", name);

      variant->func = func;
      variant->async = async;
      g_test_add_data_func_full (path, variant, run_variant, g_free);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_test ("regular", test_regular);
  add_test ("regular-large", test_regular_large);
  add_test ("device", test_device);
  add_test ("fifo", test_fifo);
  add_test ("fifo-without-writer", test_fifo_without_writer);
  add_test ("fifo-cancelled", test_fifo_cancelled);
  add_test ("regular-cancelled", test_regular_cancelled);

  return g_test_run ();
}
