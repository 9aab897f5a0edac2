// SPDX-License-Identifier: GPL-3.0-or-later
// The demo generator's random draws, calendar days and history rows, shared by every part.

#define G_LOG_DOMAIN "ca-demo"

#include "config.h"

#include <math.h>

#include "ca-demo-private.h"

/* Random draws, all from the one seeded generator */

gboolean
ca_demo_chance (Generator *g,
                double     p)
{
  return g_rand_double (g->rand) < p;
}

/* Inclusive at both ends. */
int
ca_demo_between (Generator *g,
                 int        low,
                 int        high)
{
  return g_rand_int_range (g->rand, low, high + 1);
}

guint
ca_demo_pick_weighted (Generator    *g,
                       const double *weights,
                       guint         n)
{
  double total = 0, x;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  x = g_rand_double (g->rand) * total;
  for (guint i = 0; i < n; i++)
    {
      if (x < weights[i])
        return i;
      x -= weights[i];
    }
  return n - 1;
}

double
ca_demo_exponential (Generator *g,
                     double     mean)
{
  return -mean * log (1.0 - g_rand_double (g->rand));
}

guint
ca_demo_pick_index (Generator *g,
                    GArray    *array)
{
  return g_array_index (array, guint, g_rand_int_range (g->rand, 0, (gint32) array->len));
}

/* Calendar days as GDate Julian day numbers: plain integers to add and compare */

guint32
ca_demo_make_day (int year,
                  int month,
                  int day_of_month)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day_of_month, month, year);
  return g_date_get_julian (&date);
}

void
ca_demo_split_day (guint32  day,
                   int     *year,
                   int     *month,
                   int     *day_of_month)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  *year = g_date_get_year (&date);
  *month = g_date_get_month (&date);
  if (day_of_month != NULL)
    *day_of_month = g_date_get_day (&date);
}

void
ca_demo_format_day (guint32  day,
                    DayText  text)
{
  int year, month, day_of_month;

  ca_demo_split_day (day, &year, &month, &day_of_month);
  g_snprintf (text, sizeof (DayText), "%04d-%02d-%02d", year, month, day_of_month);
}

void
ca_demo_format_stamp (guint32    day,
                      int        secs,
                      StampText  text)
{
  int year, month, day_of_month;

  ca_demo_split_day (day, &year, &month, &day_of_month);
  g_snprintf (text, sizeof (StampText), "%04d-%02d-%02dT%02d:%02d:%02dZ",
              year, month, day_of_month, secs / 3600, secs / 60 % 60, secs % 60);
}

void
ca_demo_month_of_index (Generator *g,
                        int        index,
                        int       *year,
                        int       *month)
{
  int months = g->first_month - 1 + index;

  *year = g->first_year + months / 12;
  *month = months % 12 + 1;
}

guint32
ca_demo_month_start (Generator *g,
                     int        index)
{
  int year, month;

  ca_demo_month_of_index (g, index, &year, &month);
  return ca_demo_make_day (year, month, 1);
}

/* Negative before the data starts; beyond the last month after it. */
int
ca_demo_month_index_of_day (Generator *g,
                            guint32    day)
{
  int year, month;

  ca_demo_split_day (day, &year, &month, NULL);
  return (year - g->first_year) * 12 + (month - g->first_month);
}

/* Working days come from the same England and Wales calendar as every deadline: the
 * rules, and the official table where it covers the year. Days here are GDate Julian
 * day numbers. */

gboolean
ca_demo_is_working_day (Generator *g,
                        guint32    day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  return ca_holiday_calendar_is_working_day (g->calendar, &date);
}

guint32
ca_demo_next_working_day (Generator *g,
                          guint32    day)
{
  while (!ca_demo_is_working_day (g, day))
    day++;
  return day;
}

guint32
ca_demo_add_working_days (Generator *g,
                          guint32    day,
                          int        n)
{
  GDate from, result;

  g_date_clear (&from, 1);
  g_date_clear (&result, 1);
  g_date_set_julian (&from, day);
  ca_working_days_add (g->calendar, &from, (guint) n, &result);
  return g_date_get_julian (&result);
}

/* Office hours, as seconds into the day (UTC, close enough to UK time for demo data). */
int
ca_demo_office_time (Generator *g)
{
  return ca_demo_between (g, 8 * 3600 + 30 * 60, 17 * 3600 + 30 * 60);
}

/* A day as the stores take it: ISO text in TEXT, or NULL for none (0). */
const char *
ca_demo_day_text (guint32  day,
                  DayText  text)
{
  if (day == 0)
    return NULL;
  ca_demo_format_day (day, text);
  return text;
}

/* A moment as the stores take it: a UTC timestamp in TEXT, or NULL for none (day 0). */
const char *
ca_demo_stamp_text (guint32    day,
                    int        secs,
                    StampText  text)
{
  if (day == 0)
    return NULL;
  ca_demo_format_stamp (day, secs, text);
  return text;
}

/* Only what happened before the data's "today" is recorded as done. */
gboolean
ca_demo_has_happened (Generator *g,
                      guint32    day)
{
  return day != 0 && day < g->as_of_day;
}

/* Binding helpers */

/* History rows are dated by the generated calendar, never by the clock, so the same
 * options give the same database. */
gboolean
ca_demo_record_change (Generator   *g,
                       guint32      day,
                       int          secs,
                       const char  *entity,
                       gint64       entity_id,
                       const char  *field,
                       const char  *old_value,
                       const char  *new_value,
                       GError     **error)
{
  StampText stamp;

  ca_demo_format_stamp (day, secs, stamp);
  return ca_database_record_change (g->database, stamp, entity, entity_id, field,
                                    old_value, new_value, error);
}

/* Progress and cancellation, checked between months: never in the middle of one */

gboolean
ca_demo_report_progress (Generator  *g,
                         double      fraction,
                         GError    **error)
{
  if (g->progress != NULL)
    g->progress (fraction, g->user_data);
  return !g_cancellable_set_error_if_cancelled (g->cancellable, error);
}
