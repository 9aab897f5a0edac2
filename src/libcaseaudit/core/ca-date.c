// SPDX-License-Identifier: GPL-3.0-or-later
// Calendar dates and timestamps as the store keeps them: ISO-8601 text.

#define G_LOG_DOMAIN "ca-date"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <time.h>

#include "ca-date.h"
#include "ca-import-rules.h"

/* "October 2026" for "2026-10", in the reader's language; anything else as it is. */
char *
ca_date_format_month (const char *month)
{
  GDate first;

  if (!ca_date_parse_month (month, &first))
    return g_strdup (month);
  /* Translators: a month and its year, as strftime() writes them: “October 2026”. */
  return ca_date_strftime (&first, _("%B %Y"));
}

/* Accepts exactly "YYYY-MM" naming a real month from 1900 on; FIRST_DAY (nullable) is set
 * to its first day. */
gboolean
ca_date_parse_month (const char *text,
                     GDate      *first_day)
{
  guint year, month;

  if (text == NULL || strlen (text) != 7 || text[4] != '-')
    return FALSE;
  for (int i = 0; i < 7; i++)
    if (i != 4 && !g_ascii_isdigit (text[i]))
      return FALSE;

  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  if (year < 1900 || month < 1 || month > 12)
    return FALSE;
  if (first_day != NULL)
    {
      g_date_clear (first_day, 1);
      g_date_set_dmy (first_day, 1, (GDateMonth) month, (GDateYear) year);
    }
  return TRUE;
}

/* Accepts exactly YYYY-MM-DD naming a real day: 2023-02-30 is refused, not rolled over. */
gboolean
ca_date_parse (const char *text,
               GDate      *date)
{
  unsigned year, month, day;
  char tail;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3)
    return FALSE;
  if (year < 1 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/**
 * ca_date_parse_typed:
 * @text: a date as a person types it
 * @date: (out): the day, cleared when @text is none
 *
 * Reads a date the ways a UK reader writes one, as an import reads a spreadsheet's dates
 * (ca_import_read_date(): one reader for both): 1/12/2026 or 01/12/2026 (day first), 2026-12-01,
 * and "1 Dec 2026" or "1 December 2026" as the lists show dates. The day must exist.
 *
 * Returns: whether @text is a real date in one of those forms
 */
gboolean
ca_date_parse_typed (const char *text,
                     GDate      *date)
{
  g_autofree char *iso = NULL;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (text == NULL)
    return FALSE;
  iso = ca_import_parse_date (text);
  return iso != NULL && ca_date_parse (iso, date);
}

char *
ca_date_format (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date));
}

/* "2021-03-22" → "22 Mar 2021", the way a UK reader writes a date. */
char *
ca_date_format_display (const char *iso_date)
{
  GDate date;
  char buffer[64];

  if (!ca_date_parse (iso_date, &date))
    return g_strdup (iso_date ? iso_date : "");
  if (g_date_strftime (buffer, sizeof buffer, "%-d %b %Y", &date) == 0)
    return g_strdup (iso_date);
  return g_strdup (buffer);
}

/* DATE written with FORMAT (g_date_strftime()'s, already translated where it is words):
 * "" when it cannot be. */
char *
ca_date_strftime (const GDate *date,
                  const char  *format)
{
  char buffer[128];

  g_return_val_if_fail (date != NULL && g_date_valid (date), g_strdup (""));

  if (g_date_strftime (buffer, sizeof buffer, format, date) == 0)
    return g_strdup ("");
  return g_strdup (buffer);
}

/* Today in the local time zone: the day a person at the desk would say it is. */
void
ca_date_set_today (GDate *date)
{
  g_return_if_fail (date != NULL);

  g_date_clear (date, 1);
  g_date_set_time_t (date, time (NULL));
}

/* The week @day is in, Monday to Sunday, as an English diary has it. */
void
ca_date_get_week (const GDate *day,
                  GDate       *monday,
                  GDate       *sunday)
{
  g_return_if_fail (day != NULL && g_date_valid (day));
  g_return_if_fail (monday != NULL && sunday != NULL);

  *monday = *day;
  g_date_subtract_days (monday, g_date_get_weekday (day) - G_DATE_MONDAY);
  *sunday = *monday;
  g_date_add_days (sunday, 6);
}

char *
ca_timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return ca_timestamp_from_date_time (now);
}

/* MOMENT, in any time zone, as the store keeps a timestamp: in UTC, to the second. NULL gives
 * NULL (a time not known). */
char *
ca_timestamp_from_date_time (GDateTime *moment)
{
  g_autoptr(GDateTime) utc = NULL;

  if (moment == NULL)
    return NULL;
  utc = g_date_time_to_utc (moment);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

char *
ca_timestamp_from_date (const GDate *date,
                        int          hour,
                        int          minute)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02uT%02d:%02d:00Z",
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date),
                          hour, minute);
}

/**
 * ca_date_seconds_until_hour:
 * @now: a moment in the zone the hour is meant in (the local one, for a person's morning)
 * @hour: 0–23
 *
 * Returns: the seconds from @now to the next time the clock shows @hour o'clock in @now's
 *   zone: today if that is still to come, else tomorrow; across a clock change the day is
 *   23 or 25 hours long, and the hour is still the hour on the clock
 */
guint
ca_date_seconds_until_hour (GDateTime *now,
                            int        hour)
{
  g_autoptr(GDateTime) next = NULL;

  g_return_val_if_fail (now != NULL, 0);
  g_return_val_if_fail (hour >= 0 && hour < 24, 0);

  next = g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (now),
                          g_date_time_get_month (now), g_date_time_get_day_of_month (now),
                          hour, 0, 0);
  if (g_date_time_compare (next, now) <= 0)
    {
      GDateTime *tomorrow = g_date_time_add_days (next, 1);

      g_date_time_unref (next);
      /* A day on, then set to the hour again: adding a day keeps the wall-clock time. */
      next = tomorrow;
    }
  return (guint) (g_date_time_difference (next, now) / G_TIME_SPAN_SECOND);
}
