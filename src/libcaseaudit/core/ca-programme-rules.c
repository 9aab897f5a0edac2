// SPDX-License-Identifier: GPL-3.0-or-later
// The programme's rules (R-C1): which dates an entry may have, and how a year's dates become
// the next year's when a programme is made from last year's.

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ca-programme-rules.h"

/**
 * ca_programme_parse_month:
 * @text: a month as 'YYYY-MM'
 *
 * Returns: whether @text is a real month, with @year and @month set
 */
gboolean
ca_programme_parse_month (const char *text,
                          int        *year,
                          int        *month)
{
  if (text == NULL || strlen (text) != 7 || text[4] != '-')
    return FALSE;
  for (int i = 0; i < 7; i++)
    if (i != 4 && !g_ascii_isdigit (text[i]))
      return FALSE;
  *year = atoi (text);
  *month = atoi (text + 5);
  return *year >= 1900 && *year <= 9999 && *month >= 1 && *month <= 12;
}

/**
 * ca_programme_check_dates:
 * @year: the entry's year
 * @month: the entry's month, 1–12
 * @dates: the allocation, return and briefing dates; a cleared date is one not given
 * @which: (out): the date that is wrong, when one is
 *
 * A date the programme gives for a month lies in that month or next to it, so that a year
 * typed wrong ("2012-01-04" for a 2021 month) is caught before it reaches the calendar; and
 * audits are allocated before they come back and before the month's briefing on them.
 *
 * Returns: what is wrong, or %CA_PROGRAMME_DATES_OK
 */
CaProgrammeDatesProblem
ca_programme_check_dates (int              year,
                          int              month,
                          const GDate      dates[CA_PROGRAMME_N_DATES],
                          CaProgrammeDate *which)
{
  int index = year * 12 + (month - 1);

  for (guint i = 0; i < CA_PROGRAMME_N_DATES; i++)
    {
      int date_index;

      if (!g_date_valid (&dates[i]))
        continue;
      date_index = (int) g_date_get_year (&dates[i]) * 12 + (int) g_date_get_month (&dates[i]) - 1;
      if (ABS (date_index - index) > 1)
        {
          *which = i;
          return CA_PROGRAMME_DATES_NOT_NEAR_MONTH;
        }
    }
  for (guint i = CA_PROGRAMME_DATE_RETURN; i < CA_PROGRAMME_N_DATES; i++)
    if (g_date_valid (&dates[CA_PROGRAMME_DATE_ALLOCATION]) && g_date_valid (&dates[i]) &&
        g_date_compare (&dates[i], &dates[CA_PROGRAMME_DATE_ALLOCATION]) < 0)
      {
        *which = i;
        return CA_PROGRAMME_DATES_BEFORE_ALLOCATION;
      }
  return CA_PROGRAMME_DATES_OK;
}

/**
 * ca_programme_move_date:
 * @date: a programme date
 * @years: how many years later (or, negative, earlier)
 * @calendar: (nullable): the bank holidays and weekends; %NULL moves no day off them
 * @moved: (out caller-allocates): the date in the other year
 *
 * A programme's dates follow the working week, not the calendar: "the first Monday", "the
 * fourth Tuesday", "the last Friday" of the month (seed 04's 2021 programme allocates on the
 * first Monday and briefs on the last Friday). So @date becomes the same weekday of the same
 * week of its month, @years later: the fifth such weekday becomes the last one, since not
 * every month has five. A day that falls on a bank holiday moves to the next working day,
 * as the team would move it.
 */
void
ca_programme_move_date (const GDate             *date,
                        int                      years,
                        const CaHolidayCalendar *calendar,
                        GDate                   *moved)
{
  GDateWeekday weekday = g_date_get_weekday (date);
  GDateMonth month = g_date_get_month (date);
  GDateYear year = (GDateYear) ((int) g_date_get_year (date) + years);
  guint week = (g_date_get_day (date) - 1) / 7;  /* 0: the first such weekday */
  guint8 last_day = g_date_get_days_in_month (month, year);
  GDateDay day;

  g_date_clear (moved, 1);
  g_date_set_dmy (moved, 1, month, year);
  /* The first such weekday of the month, then the week. */
  day = 1 + (7 + weekday - g_date_get_weekday (moved)) % 7 + 7 * week;
  while (day > last_day)
    day -= 7;
  g_date_set_day (moved, day);

  if (calendar != NULL)
    while (!ca_holiday_calendar_is_working_day (calendar, moved))
      g_date_add_days (moved, 1);
}
