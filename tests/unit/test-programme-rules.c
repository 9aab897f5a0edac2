// SPDX-License-Identifier: GPL-3.0-or-later
// The programme's rules: the dates an entry may have, and a year's dates moved to another
// year as "the same weekday of the same week of the month", off bank holidays.

#include "config.h"

#include "core/ca-date.h"
#include "core/ca-programme-rules.h"
#include "core/ca-working-days.h"

static char *
moved (const char              *from,
       int                      years,
       const CaHolidayCalendar *calendar)
{
  GDate date, result;

  g_assert_true (ca_date_parse (from, &date));
  ca_programme_move_date (&date, years, calendar, &result);
  return ca_date_format (&result);
}

static void
assert_moved (const char              *from,
              int                      years,
              const CaHolidayCalendar *calendar,
              const char              *expected)
{
  g_autofree char *result = moved (from, years, calendar);

  g_assert_cmpstr (result, ==, expected);
}

static void
test_move_date (void)
{
  g_autoptr(CaHolidayCalendar) calendar = ca_holiday_calendar_new ();

  /* Seed 04's January 2021: allocated on the first Monday, returned on the fourth Tuesday,
   * briefed on the last (fifth) Friday. */
  assert_moved ("2021-01-26", 1, calendar, "2022-01-25");
  assert_moved ("2021-01-29", 1, calendar, "2022-01-28");  /* the fifth becomes the last */
  assert_moved ("2021-02-01", 1, calendar, "2022-02-07");
  /* The first Monday of January 2022 is the New Year bank holiday (1 January is a
   * Saturday): the next working day. Without the holidays, the Monday itself. */
  assert_moved ("2021-01-04", 1, calendar, "2022-01-04");
  assert_moved ("2021-01-04", 1, NULL, "2022-01-03");
  /* The first Monday in May is always a bank holiday: the Tuesday. */
  assert_moved ("2021-05-03", 1, calendar, "2022-05-03");
  /* Back a year, and several. */
  assert_moved ("2022-01-25", -1, calendar, "2021-01-26");
  assert_moved ("2026-12-01", 1, calendar, "2027-12-07");
  assert_moved ("2021-03-31", 6, calendar, "2027-03-31");
  /* 29 February, the fifth Monday of 2016's February, is the last Monday of 2017's. */
  assert_moved ("2016-02-29", 1, calendar, "2017-02-27");
}

static void
set_dates (GDate       dates[CA_PROGRAMME_N_DATES],
           const char *allocation,
           const char *returned,
           const char *briefing)
{
  const char *texts[] = { allocation, returned, briefing };

  for (guint i = 0; i < CA_PROGRAMME_N_DATES; i++)
    {
      g_date_clear (&dates[i], 1);
      if (texts[i] != NULL)
        g_assert_true (ca_date_parse (texts[i], &dates[i]));
    }
}

static void
test_check_dates (void)
{
  GDate dates[CA_PROGRAMME_N_DATES];
  CaProgrammeDate which = CA_PROGRAMME_N_DATES;
  int year = 0, month = 0;

  g_assert_true (ca_programme_parse_month ("2027-01", &year, &month));
  g_assert_cmpint (year, ==, 2027);
  g_assert_cmpint (month, ==, 1);
  g_assert_false (ca_programme_parse_month ("2027-13", &year, &month));
  g_assert_false (ca_programme_parse_month ("27-01", &year, &month));
  g_assert_false (ca_programme_parse_month (NULL, &year, &month));

  set_dates (dates, "2027-01-04", "2027-01-26", "2027-01-29");
  g_assert_cmpint (ca_programme_check_dates (2027, 1, dates, &which), ==, CA_PROGRAMME_DATES_OK);
  /* Dates not given are not checked; a briefing early in the next month is fine. */
  set_dates (dates, NULL, NULL, "2027-02-02");
  g_assert_cmpint (ca_programme_check_dates (2027, 1, dates, &which), ==, CA_PROGRAMME_DATES_OK);
  /* A year typed wrong. */
  set_dates (dates, "2027-01-04", "2017-01-26", NULL);
  g_assert_cmpint (ca_programme_check_dates (2027, 1, dates, &which), ==,
                   CA_PROGRAMME_DATES_NOT_NEAR_MONTH);
  g_assert_cmpint (which, ==, CA_PROGRAMME_DATE_RETURN);
  /* Two months on is too far; December's briefing in January is not. */
  set_dates (dates, NULL, NULL, "2027-03-01");
  g_assert_cmpint (ca_programme_check_dates (2027, 1, dates, &which), ==,
                   CA_PROGRAMME_DATES_NOT_NEAR_MONTH);
  g_assert_cmpint (which, ==, CA_PROGRAMME_DATE_BRIEFING);
  set_dates (dates, "2027-12-01", NULL, "2028-01-07");
  g_assert_cmpint (ca_programme_check_dates (2027, 12, dates, &which), ==, CA_PROGRAMME_DATES_OK);
  /* Back before it was allocated. */
  set_dates (dates, "2027-01-11", "2027-01-26", "2027-01-08");
  g_assert_cmpint (ca_programme_check_dates (2027, 1, dates, &which), ==,
                   CA_PROGRAMME_DATES_BEFORE_ALLOCATION);
  g_assert_cmpint (which, ==, CA_PROGRAMME_DATE_BRIEFING);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/programme-rules/move-date", test_move_date);
  g_test_add_func ("/programme-rules/check-dates", test_check_dates);

  return g_test_run ();
}
