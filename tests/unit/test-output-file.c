// SPDX-License-Identifier: GPL-3.0-or-later
// Writing an output file: whole and private, an existing file replaced only when asked,
// never a device, FIFO, folder or link, and no temporary file left on any failure, including
// something appearing at the name while the file was being written.

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ca-output-file.h"

static char *
temp_folder (void)
{
  g_autoptr(GError) error = NULL;
  char *folder = g_dir_make_tmp ("case-audit-output-XXXXXX", &error);

  g_assert_no_error (error);
  return folder;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in FOLDER, sorted and joined with spaces: a temporary file left shows here. */
static char *
list_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
remove_tree (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        g_rmdir (path);
      else
        g_unlink (path);
    }
  g_rmdir (folder);
}

static void
test_new_and_replace (void)
{
  g_autofree char *folder = temp_folder ();
  g_autofree char *path = g_build_filename (folder, "report.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf info;

  g_assert_true (ca_output_file_set_contents (path, "first", -1, CA_OUTPUT_FILE_NEW_ONLY,
                                              CA_OUTPUT_FILE_PRIVATE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  /* Without REPLACE an existing file stays byte for byte. */
  g_assert_false (ca_output_file_set_contents (path, "second", -1, CA_OUTPUT_FILE_NEW_ONLY,
                                               CA_OUTPUT_FILE_PRIVATE, &error));
  g_assert_error (error, CA_OUTPUT_FILE_ERROR, CA_OUTPUT_FILE_ERROR_EXISTS);
  g_clear_error (&error);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "first");
  g_clear_pointer (&text, g_free);

  /* With it, replaced whole, and private even over a file others could read. */
  g_chmod (path, 0644);
  g_assert_true (ca_output_file_set_contents (path, "second", -1, CA_OUTPUT_FILE_REPLACE,
                                              CA_OUTPUT_FILE_PRIVATE, &error));
  g_assert_no_error (error);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "second");
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  names = list_folder (folder);
  g_assert_cmpstr (names, ==, "report.pdf");
  remove_tree (folder);
}

static void
test_not_regular (void)
{
  g_autofree char *folder = temp_folder ();
  g_autofree char *fifo = g_build_filename (folder, "pipe", NULL);
  g_autofree char *sub = g_build_filename (folder, "folder", NULL);
  g_autofree char *link = g_build_filename (folder, "link", NULL);
  g_autofree char *names = NULL;
  const char *paths[4];
  GStatBuf info;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_cmpint (symlink ("/dev/nonexistent-case-audit", link), ==, 0);
  paths[0] = "/dev/null";
  paths[1] = fifo;
  paths[2] = sub;
  paths[3] = link;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    for (int replace = 0; replace <= 1; replace++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(CaOutputFile) file = NULL;

        /* A FIFO opened for writing would block this test: it must not be opened. */
        file = ca_output_file_begin (paths[i],
                                     replace ? CA_OUTPUT_FILE_REPLACE : CA_OUTPUT_FILE_NEW_ONLY,
                                     CA_OUTPUT_FILE_PRIVATE, &error);
        g_assert_null (file);
        g_assert_error (error, CA_OUTPUT_FILE_ERROR, CA_OUTPUT_FILE_ERROR_NOT_REGULAR);
      }

  g_assert_cmpint (g_lstat ("/dev/null", &info), ==, 0);
  g_assert_true (S_ISCHR (info.st_mode));
  g_assert_cmpint (g_lstat (fifo, &info), ==, 0);
  g_assert_true (S_ISFIFO (info.st_mode));
  g_assert_cmpint (g_lstat (link, &info), ==, 0);
  g_assert_true (S_ISLNK (info.st_mode));
  names = list_folder (folder);
  g_assert_cmpstr (names, ==, "folder link pipe");
  remove_tree (folder);
}

static void
test_failures_leave_nothing (void)
{
  g_autofree char *folder = temp_folder ();
  g_autofree char *path = g_build_filename (folder, "out.ics", NULL);
  g_autofree char *missing = g_build_filename (folder, "no", "such.ics", NULL);
  g_autofree char *under_file = g_build_filename (path, "x.ics", NULL);
  g_autofree char *names = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  CaOutputFile *file;

  /* A folder that is not there, and a "folder" that is a file. */
  g_assert_false (ca_output_file_set_contents (missing, "x", -1, CA_OUTPUT_FILE_REPLACE,
                                               CA_OUTPUT_FILE_PRIVATE, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (path, "mine", -1, NULL));
  g_assert_false (ca_output_file_set_contents (under_file, "x", -1, CA_OUTPUT_FILE_REPLACE,
                                               CA_OUTPUT_FILE_PRIVATE, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_clear_error (&error);

  /* Something appears at the name while the file is written: it is kept, and the new
   * file goes away. */
  g_unlink (path);
  file = ca_output_file_begin (path, CA_OUTPUT_FILE_NEW_ONLY, CA_OUTPUT_FILE_PRIVATE, &error);
  g_assert_no_error (error);
  g_assert_true (ca_output_file_write (file, "new", 3, &error));
  g_assert_true (g_file_set_contents (path, "someone else's", -1, NULL));
  g_assert_false (ca_output_file_commit (file, &error));
  g_assert_error (error, CA_OUTPUT_FILE_ERROR, CA_OUTPUT_FILE_ERROR_EXISTS);
  g_clear_error (&error);
  ca_output_file_free (file);
  text = read_text (path);
  g_assert_cmpstr (text, ==, "someone else's");

  /* With REPLACE, a FIFO put there meanwhile is still refused. */
  g_unlink (path);
  file = ca_output_file_begin (path, CA_OUTPUT_FILE_REPLACE, CA_OUTPUT_FILE_PRIVATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  g_assert_false (ca_output_file_commit (file, &error));
  g_assert_error (error, CA_OUTPUT_FILE_ERROR, CA_OUTPUT_FILE_ERROR_NOT_REGULAR);
  g_clear_error (&error);
  ca_output_file_free (file);

  /* Abandoned without a commit: nothing appears. */
  g_unlink (path);
  file = ca_output_file_begin (path, CA_OUTPUT_FILE_NEW_ONLY, CA_OUTPUT_FILE_PRIVATE, &error);
  g_assert_no_error (error);
  g_assert_true (ca_output_file_write (file, "half", 4, &error));
  ca_output_file_free (file);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* A write error met by a streaming writer fails the commit. */
  file = ca_output_file_begin (path, CA_OUTPUT_FILE_NEW_ONLY, CA_OUTPUT_FILE_PRIVATE, &error);
  g_assert_no_error (error);
  ca_output_file_set_errno (file, ENOSPC);
  g_assert_false (ca_output_file_commit (file, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC);
  g_clear_error (&error);
  ca_output_file_free (file);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  names = list_folder (folder);
  g_assert_cmpstr (names, ==, "");
  remove_tree (folder);
}

/* A name as long as the file system allows still gets its temporary file. */
static void
test_long_name (void)
{
  g_autofree char *folder = temp_folder ();
  g_autofree char *name = g_strnfill (250, 'a');
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (ca_output_file_set_contents (path, "x", 1, CA_OUTPUT_FILE_NEW_ONLY,
                                              CA_OUTPUT_FILE_PRIVATE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/output-file/new-and-replace", test_new_and_replace);
  g_test_add_func ("/output-file/not-regular", test_not_regular);
  g_test_add_func ("/output-file/failures-leave-nothing", test_failures_leave_nothing);
  g_test_add_func ("/output-file/long-name", test_long_name);

  return g_test_run ();
}
