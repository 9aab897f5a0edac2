// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (reports figures, asserts nothing about time): opening a database — with the
// checks of every open (file modes, the history's triggers, head and newest rows) and, for
// comparison, as a worker's second connection, which skips them — and verifying it whole.
// Usage: bench-open DATABASE

#include "config.h"

#include <stdlib.h>

#include "ca-database.h"
#include "ca-stores.h"

#define RUNS 20

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *name,
        double     *ms)
{
  qsort (ms, RUNS, sizeof *ms, (int (*) (const void *, const void *)) compare_doubles);
  g_print ("%s\t%.2f ms median, %.2f ms best of %d\n", name, ms[RUNS / 2], ms[0], RUNS);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) first = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  double open_ms[RUNS], another_ms[RUNS];
  gint64 start;

  if (argc != 2)
    {
      g_printerr ("usage: bench-open DATABASE\n");
      return 2;
    }

  for (int i = 0; i < RUNS; i++)
    {
      g_autoptr(CaDatabase) database = NULL;
      g_autoptr(CaDatabase) another = NULL;

      start = g_get_monotonic_time ();
      database = ca_stores_open (argv[1], CA_DATABASE_OPEN_DEFAULT, &error);
      open_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      if (database == NULL)
        {
          g_printerr ("bench-open: %s\n", error->message);
          return 1;
        }

      start = g_get_monotonic_time ();
      another = ca_database_open_another (database, &error);
      another_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      if (another == NULL)
        {
          g_printerr ("bench-open: %s\n", error->message);
          return 1;
        }
    }
  report ("open", open_ms);
  report ("open-another-connection (no checks)", another_ms);

  first = ca_stores_open (argv[1], CA_DATABASE_OPEN_DEFAULT, &error);
  start = g_get_monotonic_time ();
  problems = first != NULL ? ca_database_verify (first, &error) : NULL;
  if (problems == NULL)
    {
      g_printerr ("bench-open: %s\n", error->message);
      return 1;
    }
  g_print ("verify\t%.0f ms\t%u problems\n", (g_get_monotonic_time () - start) / 1000.0,
           problems->len);
  return 0;
}
