// SPDX-License-Identifier: GPL-3.0-or-later
// Runs a fuzz harness over files, without libFuzzer: every build replays the seeds and the
// inputs that once crashed a reader (tests/fuzz/regressions), as a TAP test.

#include "config.h"

#include <stdlib.h>

#include "fuzz-common.h"

static guint n_tests;

static void
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (1);
    }
  /* An exact copy, so that a read past its end is a read past an allocation. */
  {
    g_autofree guint8 *exact = g_memdup2 (contents, length);

    LLVMFuzzerTestOneInput (exact, length);
  }
  g_print ("ok %u - %s\n", ++n_tests, path);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
replay (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      replay_file (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    replay (names->pdata[i]);
}

int
main (int   argc,
      char *argv[])
{
  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    if (g_file_test (argv[i], G_FILE_TEST_EXISTS))
      replay (argv[i]);
  g_print ("1..%u\n", n_tests);
  return 0;
}
