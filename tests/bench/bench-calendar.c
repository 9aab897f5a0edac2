// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (reports figures, asserts nothing about time): listing one month of the Calendar
// view's items on a database, for everybody, one auditor and one team, cold and warm.
// Usage: bench-calendar DATABASE YYYY-MM

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ca-calendar-store.h"
#include "ca-date.h"
#include "ca-stores.h"

static double
list_ms (CaDatabase             *database,
         const GDate            *from,
         const GDate            *to,
         const CaCalendarFilter *filter,
         guint                  *n_items)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gint64 start = g_get_monotonic_time ();

  items = ca_calendar_store_list (database, from, to, filter, &error);
  if (items == NULL)
    {
      g_printerr ("bench-calendar: %s\n", error->message);
      exit (1);
    }
  *n_items = items->len;
  return (double) (g_get_monotonic_time () - start) / 1000.0;
}

static void
report (const char             *name,
        CaDatabase             *database,
        const GDate            *from,
        const GDate            *to,
        const CaCalendarFilter *filter)
{
  double first, best = G_MAXDOUBLE;
  guint n = 0;

  first = list_ms (database, from, to, filter, &n);
  for (int i = 0; i < 20; i++)
    best = MIN (best, list_ms (database, from, to, filter, &n));
  g_print ("calendar-month-%s\t%.2f ms first, %.2f ms best of 20\t%u items\n", name, first, best,
           n);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autofree char *first_day = NULL;
  CaCalendarFilter filter = CA_CALENDAR_FILTER_INIT;
  GDate from, to;

  if (argc != 3)
    {
      g_printerr ("Usage: bench-calendar DATABASE YYYY-MM\n");
      return 2;
    }
  first_day = g_strdup_printf ("%s-01", argv[2]);
  if (!ca_date_parse (first_day, &from))
    {
      g_printerr ("bench-calendar: %s is not a month\n", argv[2]);
      return 2;
    }
  to = from;
  g_date_add_months (&to, 1);
  g_date_subtract_days (&to, 1);

  database = ca_stores_open (argv[1], CA_DATABASE_OPEN_DEFAULT, &error);
  if (database == NULL)
    {
      g_printerr ("bench-calendar: %s\n", error->message);
      return 1;
    }

  report ("all", database, &from, &to, &filter);

  /* The busiest auditor and team of the month make the "mine" and "team" figures. */
  filter.scope = CA_CALENDAR_SCOPE_MINE;
  {
    g_autoptr(GPtrArray) items = ca_calendar_store_list (database, &from, &to, NULL, NULL);
    GHashTable *staff = g_hash_table_new (g_int64_hash, g_int64_equal);
    GHashTable *teams = g_hash_table_new (g_int64_hash, g_int64_equal);
    guint best_staff = 0, best_team = 0;

    for (guint i = 0; items != NULL && i < items->len; i++)
      {
        CaCalendarItem *item = items->pdata[i];
        gint64 *s = g_new (gint64, 1), *t = g_new (gint64, 1);
        guint ns, nt;

        *s = ca_calendar_item_get_staff_id (item);
        *t = ca_calendar_item_get_team_id (item);
        ns = GPOINTER_TO_UINT (g_hash_table_lookup (staff, s)) + 1;
        nt = GPOINTER_TO_UINT (g_hash_table_lookup (teams, t)) + 1;
        g_hash_table_insert (staff, s, GUINT_TO_POINTER (ns));
        g_hash_table_insert (teams, t, GUINT_TO_POINTER (nt));
        if (*s > 0 && ns > best_staff)
          best_staff = ns, filter.staff_id = *s;
        if (*t > 0 && nt > best_team)
          best_team = nt, filter.team_id = *t;
      }
    g_hash_table_unref (staff);
    g_hash_table_unref (teams);
  }
  report ("mine", database, &from, &to, &filter);
  filter.scope = CA_CALENDAR_SCOPE_TEAM;
  report ("team", database, &from, &to, &filter);

  to = from;
  g_date_add_years (&to, 1);
  filter.scope = CA_CALENDAR_SCOPE_ALL;
  report ("year-all", database, &from, &to, &filter);
  return 0;
}
