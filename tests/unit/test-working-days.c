// SPDX-License-Identifier: GPL-3.0-or-later
// Bank holidays by rule and by the shipped table, working-day sums and the R-F8 deadlines.

#include "config.h"

#include <string.h>

#include "ca-bank-holidays.h"
#include "core/ca-date.h"
#include "core/ca-deadlines.h"
#include "core/ca-working-days.h"

static CaHolidayCalendar *
load_shipped (void)
{
  g_autoptr(GError) error = NULL;
  CaHolidayCalendar *calendar = ca_bank_holidays_load_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (calendar);
  return calendar;
}

static void
date_from (const char *text,
           GDate      *date)
{
  if (!ca_date_parse (text, date))
    g_error ("bad date in the test itself: %s", text);
}

static char *
year_to_string (const CaHolidayCalendar *calendar,
                GDateYear                year)
{
  g_autoptr(GArray) holidays = ca_holiday_calendar_list_year (calendar, year);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < holidays->len; i++)
    {
      g_autofree char *day = ca_date_format (&g_array_index (holidays, CaHoliday, i).date);

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", day);
    }
  return g_string_free (text, FALSE);
}

static char *
rule_year_to_string (GDateYear year)
{
  g_autoptr(CaHolidayCalendar) rules = ca_holiday_calendar_new ();

  return year_to_string (rules, year);
}

/* Easter Sunday by Knuth's Algorithm E (TAOCP 1.3.2, exercise 14): a second, independent
 * reckoning of the Gregorian computus to check ca_easter_sunday against. */
static void
easter_by_knuth (int   year,
                 int  *month,
                 int  *day)
{
  int golden = year % 19 + 1;
  int century = year / 100 + 1;
  int x = 3 * century / 4 - 12;
  int z = (8 * century + 5) / 25 - 5;
  int sunday = 5 * year / 4 - x - 10;
  int epact = (11 * golden + 20 + z - x) % 30;
  int n;

  if (epact < 0)
    epact += 30;
  if ((epact == 25 && golden > 11) || epact == 24)
    epact++;
  n = 44 - epact;
  if (n < 21)
    n += 30;
  n = n + 7 - ((sunday + n) % 7);
  if (n > 31)
    {
      *month = 4;
      *day = n - 31;
    }
  else
    {
      *month = 3;
      *day = n;
    }
}

static void
test_easter (void)
{
  static const char * const known[] = {
    "2000-04-23", "2001-04-15", "2002-03-31", "2003-04-20", "2004-04-11", "2005-03-27",
    "2006-04-16", "2007-04-08", "2008-03-23", "2009-04-12", "2010-04-04", "2011-04-24",
    "2012-04-08", "2013-03-31", "2014-04-20", "2015-04-05", "2016-03-27", "2017-04-16",
    "2018-04-01", "2019-04-21", "2020-04-12", "2021-04-04", "2022-04-17", "2023-04-09",
    "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2029-04-01",
    "2030-04-21", "2031-04-13", "2032-03-28", "2033-04-17", "2034-04-09", "2035-03-25",
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      GDate easter;
      g_autofree char *text = NULL;

      ca_easter_sunday (2000 + i, &easter);
      text = ca_date_format (&easter);
      g_assert_cmpstr (text, ==, known[i]);
      g_assert_cmpint (g_date_get_weekday (&easter), ==, G_DATE_SUNDAY);
    }

  /* The whole span Knuth's algorithm is stated for. */
  for (int year = 1583; year <= 4099; year++)
    {
      GDate easter;
      int month, day;

      ca_easter_sunday ((GDateYear) year, &easter);
      easter_by_knuth (year, &month, &day);
      g_assert_cmpint (g_date_get_month (&easter), ==, month);
      g_assert_cmpint (g_date_get_day (&easter), ==, day);
      g_assert_cmpint (g_date_get_weekday (&easter), ==, G_DATE_SUNDAY);
    }
}

/* Every regular year by rule, written out from the published lists (2028–2030 from the
 * rules as announced: no special days are known for them). */
static void
test_rule_years (void)
{
  static const struct { GDateYear year; const char *days; } years[] = {
    { 2017, "2017-01-02 2017-04-14 2017-04-17 2017-05-01 "
            "2017-05-29 2017-08-28 2017-12-25 2017-12-26" },
    { 2018, "2018-01-01 2018-03-30 2018-04-02 2018-05-07 "
            "2018-05-28 2018-08-27 2018-12-25 2018-12-26" },
    { 2019, "2019-01-01 2019-04-19 2019-04-22 2019-05-06 "
            "2019-05-27 2019-08-26 2019-12-25 2019-12-26" },
    { 2020, "2020-01-01 2020-04-10 2020-04-13 2020-05-04 "
            "2020-05-25 2020-08-31 2020-12-25 2020-12-28" },
    { 2021, "2021-01-01 2021-04-02 2021-04-05 2021-05-03 "
            "2021-05-31 2021-08-30 2021-12-27 2021-12-28" },
    { 2022, "2022-01-03 2022-04-15 2022-04-18 2022-05-02 "
            "2022-05-30 2022-08-29 2022-12-26 2022-12-27" },
    { 2023, "2023-01-02 2023-04-07 2023-04-10 2023-05-01 "
            "2023-05-29 2023-08-28 2023-12-25 2023-12-26" },
    { 2024, "2024-01-01 2024-03-29 2024-04-01 2024-05-06 "
            "2024-05-27 2024-08-26 2024-12-25 2024-12-26" },
    { 2025, "2025-01-01 2025-04-18 2025-04-21 2025-05-05 "
            "2025-05-26 2025-08-25 2025-12-25 2025-12-26" },
    { 2026, "2026-01-01 2026-04-03 2026-04-06 2026-05-04 "
            "2026-05-25 2026-08-31 2026-12-25 2026-12-28" },
    { 2027, "2027-01-01 2027-03-26 2027-03-29 2027-05-03 "
            "2027-05-31 2027-08-30 2027-12-27 2027-12-28" },
    { 2028, "2028-01-03 2028-04-14 2028-04-17 2028-05-01 "
            "2028-05-29 2028-08-28 2028-12-25 2028-12-26" },
    { 2029, "2029-01-01 2029-03-30 2029-04-02 2029-05-07 "
            "2029-05-28 2029-08-27 2029-12-25 2029-12-26" },
    { 2030, "2030-01-01 2030-04-19 2030-04-22 2030-05-06 "
            "2030-05-27 2030-08-26 2030-12-25 2030-12-26" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_autofree char *days = rule_year_to_string (years[i].year);
      g_autoptr(GArray) by_rule = ca_holidays_by_rule (years[i].year);

      g_assert_cmpstr (days, ==, years[i].days);
      g_assert_cmpuint (by_rule->len, ==, 8);
    }
}

/* Whatever the year, the rules give eight weekdays: New Year's Day (or its substitute) in
 * 1–3 January, two days from 25 to 28 December, and never the same day twice. */
static void
test_rule_invariants (void)
{
  for (guint year = 1800; year <= 2400; year++)
    {
      g_autoptr(GArray) holidays = ca_holidays_by_rule ((GDateYear) year);
      guint in_new_year = 0, at_christmas = 0;

      g_assert_cmpuint (holidays->len, ==, 8);
      for (guint i = 0; i < holidays->len; i++)
        {
          const GDate *day = &g_array_index (holidays, CaHoliday, i).date;

          g_assert_cmpint (g_date_get_weekday (day), <=, G_DATE_FRIDAY);
          g_assert_cmpint (g_date_get_year (day), ==, year);
          if (i > 0)
            g_assert_cmpint (g_date_compare (&g_array_index (holidays, CaHoliday, i - 1).date,
                                             day), <, 0);
          if (g_date_get_month (day) == G_DATE_JANUARY)
            {
              g_assert_cmpint (g_date_get_day (day), <=, 3);
              in_new_year++;
            }
          if (g_date_get_month (day) == G_DATE_DECEMBER)
            {
              g_assert_cmpint (g_date_get_day (day), >=, 25);
              g_assert_cmpint (g_date_get_day (day), <=, 28);
              at_christmas++;
            }
        }
      g_assert_cmpuint (in_new_year, ==, 1);
      g_assert_cmpuint (at_christmas, ==, 2);
    }
}

static void
test_substitutions (void)
{
  g_autoptr(CaHolidayCalendar) rules = ca_holiday_calendar_new ();
  g_autoptr(CaHolidayCalendar) shipped = load_shipped ();
  static const struct { const char *day; const char *title; } cases[] = {
    /* New Year's Day on a Sunday, then a Saturday, then a Sunday. */
    { "2017-01-01", NULL }, { "2017-01-02", "New Year’s Day" },
    { "2022-01-01", NULL }, { "2022-01-03", "New Year’s Day" },
    { "2023-01-01", NULL }, { "2023-01-02", "New Year’s Day" },
    /* Christmas on a Friday: Boxing Day (Saturday) moves to Monday 28. */
    { "2020-12-25", "Christmas Day" }, { "2020-12-26", NULL }, { "2020-12-28", "Boxing Day" },
    /* Christmas on a Saturday: Monday 27 and Tuesday 28. */
    { "2021-12-25", NULL }, { "2021-12-26", NULL },
    { "2021-12-27", "Christmas Day" }, { "2021-12-28", "Boxing Day" },
    /* Christmas on a Sunday: Boxing Day on Monday 26, Christmas's substitute on Tuesday 27. */
    { "2022-12-25", NULL }, { "2022-12-26", "Boxing Day" }, { "2022-12-27", "Christmas Day" },
    { "2022-12-28", NULL },
    { "2026-12-26", NULL }, { "2026-12-28", "Boxing Day" },
    { "2027-12-25", NULL }, { "2027-12-27", "Christmas Day" }, { "2027-12-28", "Boxing Day" },
    /* Past the table, by rule. */
    { "2028-01-01", NULL }, { "2028-01-03", "New Year’s Day" },
    { "2032-12-25", NULL }, { "2032-12-27", "Christmas Day" }, { "2032-12-28", "Boxing Day" },
    { "2033-12-25", NULL }, { "2033-12-26", "Boxing Day" }, { "2033-12-27", "Christmas Day" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate day;

      date_from (cases[i].day, &day);
      g_assert_cmpstr (ca_holiday_calendar_lookup (rules, &day), ==, cases[i].title);
      g_assert_cmpstr (ca_holiday_calendar_lookup (shipped, &day), ==, cases[i].title);
      g_assert_cmpint (ca_holiday_calendar_is_working_day (shipped, &day), ==,
                       cases[i].title == NULL && g_date_get_weekday (&day) <= G_DATE_FRIDAY);
    }
}

/* Where the official table and the rules differ, and where they must not. */
static void
test_table_against_rules (void)
{
  g_autoptr(CaHolidayCalendar) shipped = load_shipped ();
  static const struct {
    GDateYear year;
    const char *only_table;
    const char *only_rules;
  } special[] = {
    { 2020, "2020-05-08", "2020-05-04" },
    { 2022, "2022-06-02 2022-06-03 2022-09-19", "2022-05-30" },
    { 2023, "2023-05-08", "" },
  };

  for (guint year = 2017; year <= 2027; year++)
    {
      g_autoptr(GArray) table = ca_holiday_calendar_list_year (shipped, (GDateYear) year);
      g_autoptr(GArray) rules = ca_holidays_by_rule ((GDateYear) year);
      g_autoptr(GString) only_table = g_string_new (NULL);
      g_autoptr(GString) only_rules = g_string_new (NULL);
      const char *expect_table = "", *expect_rules = "";

      g_assert_true (ca_holiday_calendar_has_table_year (shipped, (GDateYear) year));
      for (guint i = 0; i < G_N_ELEMENTS (special); i++)
        if (special[i].year == year)
          {
            expect_table = special[i].only_table;
            expect_rules = special[i].only_rules;
          }

      for (guint t = 0; t < table->len; t++)
        {
          const CaHoliday *holiday = &g_array_index (table, CaHoliday, t);
          gboolean found = FALSE;

          for (guint r = 0; r < rules->len; r++)
            {
              const CaHoliday *rule = &g_array_index (rules, CaHoliday, r);

              if (g_date_compare (&holiday->date, &rule->date) == 0)
                {
                  found = TRUE;
                  /* Same day, same name (the moved spring holiday of 2022 is a new day). */
                  g_assert_cmpstr (holiday->title, ==, rule->title);
                }
            }
          if (!found)
            {
              g_autofree char *text = ca_date_format (&holiday->date);
              g_string_append_printf (only_table, "%s%s", only_table->len ? " " : "", text);
            }
        }
      for (guint r = 0; r < rules->len; r++)
        {
          const CaHoliday *rule = &g_array_index (rules, CaHoliday, r);

          if (!ca_holiday_calendar_is_holiday (shipped, &rule->date))
            {
              g_autofree char *text = ca_date_format (&rule->date);
              g_string_append_printf (only_rules, "%s%s", only_rules->len ? " " : "", text);
            }
        }

      g_assert_cmpstr (only_table->str, ==, expect_table);
      g_assert_cmpstr (only_rules->str, ==, expect_rules);
    }

  /* Outside 2017–2027 the shipped calendar is the rules. */
  for (guint year = 1990; year <= 2060; year++)
    {
      g_autofree char *shipped_days = NULL;
      g_autofree char *rule_days = NULL;

      if (year >= 2017 && year <= 2027)
        continue;
      g_assert_false (ca_holiday_calendar_has_table_year (shipped, (GDateYear) year));
      shipped_days = year_to_string (shipped, (GDateYear) year);
      rule_days = rule_year_to_string ((GDateYear) year);
      g_assert_cmpstr (shipped_days, ==, rule_days);
    }
}

static void
test_counts (void)
{
  g_autoptr(CaHolidayCalendar) shipped = load_shipped ();

  for (guint year = 2017; year <= 2030; year++)
    {
      g_autoptr(GArray) holidays = ca_holiday_calendar_list_year (shipped, (GDateYear) year);
      guint expected = year == 2022 ? 10 : year == 2023 ? 9 : 8;

      g_assert_cmpuint (holidays->len, ==, expected);
      for (guint i = 0; i < holidays->len; i++)
        g_assert_cmpint (g_date_get_weekday (&g_array_index (holidays, CaHoliday, i).date),
                         <=, G_DATE_FRIDAY);
    }
}

static void
test_one_off_days (void)
{
  g_autoptr(CaHolidayCalendar) shipped = load_shipped ();
  g_autoptr(CaHolidayCalendar) rules = ca_holiday_calendar_new ();
  static const struct {
    const char *day;
    gboolean shipped_holiday;
    gboolean rule_holiday;
  } cases[] = {
    { "2020-05-04", FALSE, TRUE },   /* early May moved to Friday 8 May for VE Day */
    { "2020-05-08", TRUE, FALSE },
    { "2022-05-30", FALSE, TRUE },   /* spring moved to Thursday 2 June */
    { "2022-06-02", TRUE, FALSE },
    { "2022-06-03", TRUE, FALSE },   /* Platinum Jubilee */
    { "2022-09-19", TRUE, FALSE },   /* State Funeral of Queen Elizabeth II */
    { "2023-05-01", TRUE, TRUE },
    { "2023-05-08", TRUE, FALSE },   /* Coronation of King Charles III */
    { "2023-05-29", TRUE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate day;

      date_from (cases[i].day, &day);
      g_assert_cmpint (ca_holiday_calendar_is_holiday (shipped, &day), ==,
                       cases[i].shipped_holiday);
      g_assert_cmpint (ca_holiday_calendar_is_working_day (shipped, &day), ==,
                       !cases[i].shipped_holiday);
      g_assert_cmpint (ca_holiday_calendar_is_holiday (rules, &day), ==, cases[i].rule_holiday);
    }

  {
    GDate day;

    date_from ("2022-09-19", &day);
    g_assert_cmpstr (ca_holiday_calendar_lookup (shipped, &day), ==,
                     "Bank Holiday for the State Funeral of Queen Elizabeth II");
  }
}

/* Every day of 2017–2030: Saturdays and Sundays never work, weekdays work unless listed. */
static void
test_weekends (void)
{
  g_autoptr(CaHolidayCalendar) shipped = load_shipped ();
  GDate day, end;

  date_from ("2017-01-01", &day);
  date_from ("2030-12-31", &end);
  for (; g_date_compare (&day, &end) <= 0; g_date_add_days (&day, 1))
    {
      GDateWeekday weekday = g_date_get_weekday (&day);
      gboolean holiday = ca_holiday_calendar_is_holiday (shipped, &day);

      if (weekday >= G_DATE_SATURDAY)
        {
          g_assert_false (ca_holiday_calendar_is_working_day (shipped, &day));
          g_assert_false (holiday);
        }
      else
        {
          g_assert_cmpint (ca_holiday_calendar_is_working_day (shipped, &day), ==, !holiday);
        }
    }
}

static void
test_add (void)
{
  g_autoptr(CaHolidayCalendar) shipped = load_shipped ();
  static const struct { const char *from; guint n; const char *expected; } cases[] = {
    /* Across Christmas 2021 and the new year: 27 and 28 Dec and 3 Jan are holidays. */
    { "2021-12-23", 0, "2021-12-23" },
    { "2021-12-23", 1, "2021-12-24" },
    { "2021-12-23", 2, "2021-12-29" },
    { "2021-12-23", 3, "2021-12-30" },
    { "2021-12-23", 4, "2021-12-31" },
    { "2021-12-23", 5, "2022-01-04" },
    { "2021-12-31", 1, "2022-01-04" },
    /* From a weekend or a holiday: n = 0 is the day itself, working or not. */
    { "2021-01-02", 0, "2021-01-02" },
    { "2021-01-02", 1, "2021-01-04" },
    { "2022-12-26", 1, "2022-12-28" },
    { "2022-12-23", 1, "2022-12-28" },
    /* Easter 2024 straddles March and April. */
    { "2024-03-28", 1, "2024-04-02" },
    /* Leap years. */
    { "2024-02-28", 1, "2024-02-29" },
    { "2024-02-28", 2, "2024-03-01" },
    { "2024-02-29", 1, "2024-03-01" },
    { "2023-02-28", 1, "2023-03-01" },
    { "2020-02-28", 1, "2020-03-02" },
    { "2100-02-26", 1, "2100-03-01" },  /* 2100 is not a leap year */
    /* The one-off and moved days. */
    { "2020-05-01", 1, "2020-05-04" },
    { "2020-05-07", 1, "2020-05-11" },
    { "2022-05-27", 1, "2022-05-30" },
    { "2022-06-01", 1, "2022-06-06" },
    { "2022-09-16", 1, "2022-09-20" },
    { "2023-05-05", 1, "2023-05-09" },
    { "2023-05-05", 5, "2023-05-15" },
    /* A whole year: 2021 has 261 weekdays and 8 weekday holidays. */
    { "2020-12-31", 253, "2021-12-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate from, result;
      g_autofree char *text = NULL;

      date_from (cases[i].from, &from);
      ca_working_days_add (shipped, &from, cases[i].n, &result);
      text = ca_date_format (&result);
      g_assert_cmpstr (text, ==, cases[i].expected);

      /* RESULT may be FROM. */
      ca_working_days_add (shipped, &from, cases[i].n, &from);
      g_assert_cmpint (g_date_compare (&from, &result), ==, 0);
    }
}

static void
test_between (void)
{
  g_autoptr(CaHolidayCalendar) shipped = load_shipped ();
  static const struct { const char *from; const char *to; int expected; } cases[] = {
    { "2021-12-23", "2021-12-23", 0 },
    { "2021-12-23", "2021-12-24", 1 },
    { "2021-12-23", "2021-12-28", 1 },
    { "2021-12-23", "2021-12-30", 3 },
    { "2021-12-30", "2021-12-23", -3 },
    { "2021-12-24", "2021-12-28", 0 },
    { "2021-12-24", "2021-12-25", 0 },
    { "2021-12-23", "2022-01-04", 5 },
    { "2020-12-31", "2021-12-31", 253 },
    { "2021-12-31", "2022-12-31", 250 },   /* 260 weekdays, 10 holidays */
    { "2022-12-31", "2023-12-31", 251 },   /* 260 weekdays, 9 holidays */
    { "2024-02-28", "2024-03-01", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate from, to;

      date_from (cases[i].from, &from);
      date_from (cases[i].to, &to);
      g_assert_cmpint (ca_working_days_between (shipped, &from, &to), ==, cases[i].expected);
    }
}

/* Counts one day at a time, the slow way, to check the arithmetic. */
static int
count_slowly (const CaHolidayCalendar *calendar,
              const GDate             *from,
              const GDate             *to)
{
  GDate day = *from;
  int count = 0;

  if (g_date_compare (to, from) < 0)
    return -count_slowly (calendar, to, from);
  while (g_date_compare (&day, to) < 0)
    {
      g_date_add_days (&day, 1);
      if (ca_holiday_calendar_is_working_day (calendar, &day))
        count++;
    }
  return count;
}

static void
random_date (GRand *rand,
             GDate *date)
{
  GDate first;

  date_from ("2017-01-01", &first);
  *date = first;
  /* 2017-01-01 to 2030-12-31 is 5113 days. */
  g_date_add_days (date, (guint) g_rand_int_range (rand, 0, 5113));
}

static void
test_round_trip (void)
{
  g_autoptr(CaHolidayCalendar) shipped = load_shipped ();
  g_autoptr(CaHolidayCalendar) rules = ca_holiday_calendar_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20220919);

  for (guint i = 0; i < 5000; i++)
    {
      const CaHolidayCalendar *calendar = i % 2 ? shipped : rules;
      GDate a, b, sum, before;
      guint n = (guint) g_rand_int_range (rand, 0, 400);
      int between;

      random_date (rand, &a);
      ca_working_days_add (calendar, &a, n, &sum);
      g_assert_cmpint (ca_working_days_between (calendar, &a, &sum), ==, (int) n);
      g_assert_cmpint (ca_working_days_between (calendar, &sum, &a), ==, -(int) n);
      if (n > 0)
        {
          /* SUM is a working day and the first day that makes N. */
          g_assert_true (ca_holiday_calendar_is_working_day (calendar, &sum));
          before = sum;
          g_date_subtract_days (&before, 1);
          g_assert_cmpint (ca_working_days_between (calendar, &a, &before), ==, (int) n - 1);
        }

      random_date (rand, &b);
      between = ca_working_days_between (calendar, &a, &b);
      g_assert_cmpint (between, ==, -ca_working_days_between (calendar, &b, &a));
      if (i % 10 == 0)
        g_assert_cmpint (between, ==, count_slowly (calendar, &a, &b));
      if (g_date_compare (&a, &b) <= 0)
        {
          g_assert_cmpint (between, >=, 0);
          /* The between-th working day after A is on or before B; the next one is after it. */
          ca_working_days_add (calendar, &a, (guint) between, &sum);
          g_assert_cmpint (g_date_compare (&sum, &b), <=, 0);
          ca_working_days_add (calendar, &a, (guint) between + 1, &sum);
          g_assert_cmpint (g_date_compare (&sum, &b), >, 0);
        }
    }
}

static void
test_table_edits (void)
{
  g_autoptr(CaHolidayCalendar) calendar = ca_holiday_calendar_new ();
  g_autoptr(CaHolidayCalendar) copy = NULL;
  g_autoptr(GArray) years = NULL;
  g_autoptr(GArray) listed = NULL;
  GDate good_friday, extra, saturday, monday, friday;
  CaHoliday only[2];

  date_from ("2021-04-02", &good_friday);
  date_from ("2021-06-15", &extra);
  date_from ("2021-06-12", &saturday);
  date_from ("2021-06-14", &monday);
  date_from ("2021-06-11", &friday);

  g_assert_true (ca_holiday_calendar_is_holiday (calendar, &good_friday));
  g_assert_false (ca_holiday_calendar_has_table_year (calendar, 2021));

  /* Adding one day makes the table cover the year: the rules' dates stop counting. */
  ca_holiday_calendar_add_table_entry (calendar, &extra, "Test day");
  g_assert_true (ca_holiday_calendar_has_table_year (calendar, 2021));
  g_assert_false (ca_holiday_calendar_is_holiday (calendar, &good_friday));
  g_assert_cmpstr (ca_holiday_calendar_lookup (calendar, &extra), ==, "Test day");
  ca_holiday_calendar_add_table_entry (calendar, &extra, NULL);
  g_assert_cmpstr (ca_holiday_calendar_lookup (calendar, &extra), ==, "Bank holiday");

  /* A copy is independent. */
  copy = ca_holiday_calendar_copy (calendar);
  ca_holiday_calendar_clear_year (calendar, 2021);
  g_assert_true (ca_holiday_calendar_is_holiday (calendar, &good_friday));
  g_assert_false (ca_holiday_calendar_is_holiday (calendar, &extra));
  g_assert_true (ca_holiday_calendar_is_holiday (copy, &extra));
  g_assert_false (ca_holiday_calendar_is_holiday (copy, &good_friday));

  /* A table may list a Saturday: it changes no sum, as it never was a working day. */
  only[0] = (CaHoliday) { saturday, "Saturday" };
  only[1] = (CaHoliday) { extra, "Tuesday" };
  ca_holiday_calendar_set_year (calendar, 2021, only, G_N_ELEMENTS (only));
  g_assert_cmpint (ca_working_days_between (calendar, &friday, &monday), ==, 1);
  g_assert_cmpint (ca_working_days_between (calendar, &friday, &extra), ==, 1);
  listed = ca_holiday_calendar_list_year (calendar, 2021);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpstr (g_array_index (listed, CaHoliday, 0).title, ==, "Saturday");

  /* An empty year: no bank holidays at all that year. */
  ca_holiday_calendar_set_year (calendar, 2019, NULL, 0);
  {
    GDate christmas;

    date_from ("2019-12-25", &christmas);
    g_assert_true (ca_holiday_calendar_is_working_day (calendar, &christmas));
  }

  years = ca_holiday_calendar_get_table_years (calendar);
  g_assert_cmpuint (years->len, ==, 2);
  g_assert_cmpuint (g_array_index (years, GDateYear, 0), ==, 2019);
  g_assert_cmpuint (g_array_index (years, GDateYear, 1), ==, 2021);

  g_assert_true (ca_holiday_calendar_ref (calendar) == calendar);
  ca_holiday_calendar_unref (calendar);
}

static GDateTime *
london (int    year,
        int    month,
        int    day,
        int    hour,
        int    minute)
{
  return g_date_time_new (ca_deadline_get_time_zone (), year, month, day, hour, minute, 0);
}

static void
assert_moment (GDateTime  *moment,
               const char *expected)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (moment);
  text = g_date_time_format (moment, "%Y-%m-%d %H:%M:%S %z");
  g_assert_cmpstr (text, ==, expected);
}

static void
test_deadline_time_zone (void)
{
  GDate winter, summer, local;
  g_autoptr(GDateTime) winter_end = NULL;
  g_autoptr(GDateTime) summer_end = NULL;
  g_autoptr(GDateTime) late_utc = g_date_time_new_utc (2021, 6, 30, 23, 30, 0);

  date_from ("2021-01-15", &winter);
  date_from ("2021-07-15", &summer);
  winter_end = ca_deadline_end_of_day (&winter);
  summer_end = ca_deadline_end_of_day (&summer);
  assert_moment (winter_end, "2021-01-15 23:59:59 +0000");
  assert_moment (summer_end, "2021-07-15 23:59:59 +0100");

  /* Half past eleven at night in UTC is already the next day in a British summer. */
  ca_deadline_get_local_date (late_utc, &local);
  g_assert_cmpint (g_date_get_day (&local), ==, 1);
  g_assert_cmpint (g_date_get_month (&local), ==, G_DATE_JULY);
}

static void
test_deadlines_by_category (void)
{
  g_autoptr(CaHolidayCalendar) shipped = load_shipped ();
  CaDeadlineRules rules;
  static const struct {
    int category;
    int y, m, d, hour, minute;  /* submitted, London time */
    const char *expected;       /* NULL: no deadline */
  } cases[] = {
    /* Category 1: 48 clock hours, straight through the weekend. */
    { 1, 2021, 6, 4, 15, 30, "2021-06-06 15:30:00 +0100" },
    /* …and through the change to summer time: 48 real hours, so 13:00 by the clock. */
    { 1, 2021, 3, 27, 12, 0, "2021-03-29 13:00:00 +0100" },
    /* …and over a bank holiday weekend, which clock hours ignore. */
    { 1, 2021, 8, 27, 16, 0, "2021-08-29 16:00:00 +0100" },
    /* Category 2: the end of the 10th working day; Friday before the summer bank holiday. */
    { 2, 2021, 8, 27, 16, 0, "2021-09-13 23:59:59 +0100" },
    /* Category 3: the 20th. */
    { 3, 2021, 8, 27, 16, 0, "2021-09-27 23:59:59 +0100" },
    /* Over Christmas 2022 and the New Year's substitute day. */
    { 2, 2022, 12, 23, 9, 0, "2023-01-11 23:59:59 +0000" },
    /* Before the State Funeral. */
    { 2, 2022, 9, 16, 17, 0, "2022-10-03 23:59:59 +0100" },
    /* Submitted at a weekend: counting starts on the Monday. */
    { 2, 2021, 6, 5, 10, 0, "2021-06-18 23:59:59 +0100" },
    /* Category 4 and no category have no deadline. */
    { 4, 2021, 8, 27, 16, 0, NULL },
    { 0, 2021, 8, 27, 16, 0, NULL },
  };

  ca_deadline_rules_init_defaults (&rules);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) submitted = london (cases[i].y, cases[i].m, cases[i].d,
                                               cases[i].hour, cases[i].minute);
      g_autoptr(GDateTime) due = ca_deadline_for_category (shipped, cases[i].category,
                                                           submitted, &rules);

      if (cases[i].expected == NULL)
        g_assert_null (due);
      else
        assert_moment (due, cases[i].expected);
    }

  /* The day of submission is England's, whatever zone the time comes in. */
  {
    g_autoptr(GDateTime) submitted = g_date_time_new_utc (2021, 6, 30, 23, 30, 0);
    g_autoptr(GDateTime) due = ca_deadline_for_category (shipped, 2, submitted, &rules);

    assert_moment (due, "2021-07-15 23:59:59 +0100");
  }

  /* The numbers are the preferences'. */
  {
    g_autoptr(GDateTime) submitted = london (2021, 8, 27, 16, 0);
    g_autoptr(GDateTime) first = NULL;
    g_autoptr(GDateTime) second = NULL;

    rules.category1_hours = 24;
    rules.category2_working_days = 1;
    first = ca_deadline_for_category (shipped, 1, submitted, &rules);
    second = ca_deadline_for_category (shipped, 2, submitted, &rules);
    assert_moment (first, "2021-08-28 16:00:00 +0100");
    assert_moment (second, "2021-08-31 23:59:59 +0100");
  }
}

static void
test_deadline_manager_response (void)
{
  g_autoptr(CaHolidayCalendar) shipped = load_shipped ();
  g_autoptr(GDateTime) submitted = london (2022, 9, 16, 11, 0);
  g_autoptr(GDateTime) none = NULL;
  g_autoptr(GDateTime) due = NULL;
  CaDeadlineRules rules;

  ca_deadline_rules_init_defaults (&rules);
  g_assert_cmpuint (rules.category1_hours, ==, 48);
  g_assert_cmpuint (rules.category2_working_days, ==, 10);
  g_assert_cmpuint (rules.category3_working_days, ==, 20);
  g_assert_cmpuint (rules.manager_response_working_days, ==, 5);
  g_assert_cmpuint (rules.urgent_action_working_days, ==, 5);
  g_assert_cmpuint (rules.action_days, ==, 28);

  none = ca_deadline_manager_response (shipped, submitted, FALSE, &rules);
  g_assert_null (none);
  /* Friday 16 September 2022; Monday 19 was the State Funeral. */
  due = ca_deadline_manager_response (shipped, submitted, TRUE, &rules);
  assert_moment (due, "2022-09-26 23:59:59 +0100");
}

static void
test_deadline_actions (void)
{
  g_autoptr(CaHolidayCalendar) shipped = load_shipped ();
  CaDeadlineRules rules;
  GDate from, due;
  g_autofree char *urgent_text = NULL;
  g_autofree char *usual_text = NULL;
  static const struct { const char *due; gboolean urgent; gboolean allowed; } cases[] = {
    { "2023-05-05", TRUE, TRUE },    /* the same day */
    { "2023-05-15", TRUE, TRUE },    /* the 5th working day (8 May was the Coronation) */
    { "2023-05-16", TRUE, FALSE },
    { "2023-05-04", TRUE, FALSE },   /* before the day it was set */
    { "2023-06-02", FALSE, TRUE },
    { "2023-12-31", FALSE, TRUE },   /* longer than the default, by agreement */
    { "2023-05-04", FALSE, FALSE },
  };

  ca_deadline_rules_init_defaults (&rules);
  g_assert_true (ca_deadline_action_is_urgent (CA_GRADE_INADEQUATE, TRUE));
  g_assert_false (ca_deadline_action_is_urgent (CA_GRADE_INADEQUATE, FALSE));
  g_assert_false (ca_deadline_action_is_urgent (CA_GRADE_REQUIRES_IMPROVEMENT, TRUE));
  g_assert_false (ca_deadline_action_is_urgent (CA_GRADE_NONE, TRUE));

  date_from ("2023-05-05", &from);
  ca_deadline_action_default_due (shipped, &from, TRUE, &rules, &due);
  urgent_text = ca_date_format (&due);
  g_assert_cmpstr (urgent_text, ==, "2023-05-15");
  ca_deadline_action_default_due (shipped, &from, FALSE, &rules, &due);
  usual_text = ca_date_format (&due);
  g_assert_cmpstr (usual_text, ==, "2023-06-02");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      date_from (cases[i].due, &due);
      g_assert_cmpint (ca_deadline_action_due_allowed (shipped, &from, cases[i].urgent, &rules,
                                                       &due), ==, cases[i].allowed);
    }
}

/* What an audit waits on next: its return until submitted, then the check of its
 * recommendations, then the manager's response; nothing once closed or all done. */
static void
test_audit_next_due (void)
{
  static const struct
  {
    CaAuditStatus  status;
    const char    *return_due, *review_due, *response_due;
    CaAuditDueKind kind;
    const char    *next;
  } cases[] = {
    { CA_AUDIT_STATUS_ALLOCATED, "2026-12-22", NULL, NULL, CA_AUDIT_DUE_RETURN, "2026-12-22" },
    { CA_AUDIT_STATUS_IN_PROGRESS, "2026-12-22", NULL, NULL, CA_AUDIT_DUE_RETURN, "2026-12-22" },
    { CA_AUDIT_STATUS_IN_PROGRESS, NULL, NULL, NULL, CA_AUDIT_DUE_NONE, NULL },
    /* Issue 12: a submitted Category 2 audit is due its check, not its return. */
    { CA_AUDIT_STATUS_SUBMITTED, "2026-12-22", "2026-12-15", "2026-12-08",
      CA_AUDIT_DUE_REVIEW, "2026-12-15" },
    { CA_AUDIT_STATUS_SUBMITTED, "2026-12-22", NULL, "2026-12-08",
      CA_AUDIT_DUE_MANAGER_RESPONSE, "2026-12-08" },
    { CA_AUDIT_STATUS_SUBMITTED, "2026-12-22", NULL, NULL, CA_AUDIT_DUE_NONE, NULL },
    { CA_AUDIT_STATUS_CLOSED, "2026-12-22", "2026-12-15", "2026-12-08", CA_AUDIT_DUE_NONE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate return_due, review_due, response_due, next;
      g_autofree char *next_text = NULL;

      ca_date_parse (cases[i].return_due, &return_due);
      ca_date_parse (cases[i].review_due, &review_due);
      ca_date_parse (cases[i].response_due, &response_due);
      g_assert_cmpint (ca_audit_next_due (cases[i].status, &return_due, &review_due,
                                          &response_due, &next), ==, cases[i].kind);
      next_text = g_date_valid (&next) ? ca_date_format (&next) : NULL;
      g_assert_cmpstr (next_text, ==, cases[i].next);
    }
}

/* A stored due value is a date, or a UTC moment read as England's day. */
static void
test_deadline_parse_day (void)
{
  GDate day;
  g_autofree char *summer = NULL;
  g_autofree char *winter = NULL;

  g_assert_true (ca_deadline_parse_day ("2026-06-30T23:30:00Z", &day));
  summer = ca_date_format (&day);
  g_assert_cmpstr (summer, ==, "2026-07-01");   /* 00:30 BST */
  g_assert_true (ca_deadline_parse_day ("2026-12-01T23:30:00Z", &day));
  winter = ca_date_format (&day);
  g_assert_cmpstr (winter, ==, "2026-12-01");   /* 23:30 GMT */
  g_assert_false (ca_deadline_parse_day (NULL, &day));
  g_assert_false (g_date_valid (&day));
  g_assert_false (ca_deadline_parse_day ("next Tuesday", &day));
  g_assert_false (g_date_valid (&day));
}

/* Overdue is up to yesterday; this week is Monday to Sunday, even across a year's end. */
static void
test_due_window (void)
{
  const struct { const char *today; CaDueWindow window; const char *first; const char *last; } cases[] = {
    { "2026-12-02", CA_DUE_WINDOW_OVERDUE, NULL, "2026-12-01" },
    { "2026-12-02", CA_DUE_WINDOW_THIS_WEEK, "2026-11-30", "2026-12-06" },
    { "2026-12-31", CA_DUE_WINDOW_THIS_WEEK, "2026-12-28", "2027-01-03" },
    { "2026-11-30", CA_DUE_WINDOW_THIS_WEEK, "2026-11-30", "2026-12-06" },
    { "2026-12-06", CA_DUE_WINDOW_THIS_WEEK, "2026-11-30", "2026-12-06" },
    { "2027-01-01", CA_DUE_WINDOW_OVERDUE, NULL, "2026-12-31" },
    { "2026-12-02", CA_DUE_WINDOW_ANY, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate today, first, last;
      g_autofree char *first_text = NULL;
      g_autofree char *last_text = NULL;

      g_assert_true (ca_date_parse (cases[i].today, &today));
      ca_due_window_get_days (cases[i].window, &today, &first, &last);
      first_text = g_date_valid (&first) ? ca_date_format (&first) : NULL;
      last_text = g_date_valid (&last) ? ca_date_format (&last) : NULL;
      g_assert_cmpstr (first_text, ==, cases[i].first);
      g_assert_cmpstr (last_text, ==, cases[i].last);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/working-days/easter", test_easter);
  g_test_add_func ("/working-days/rules/years", test_rule_years);
  g_test_add_func ("/working-days/rules/invariants", test_rule_invariants);
  g_test_add_func ("/working-days/substitutions", test_substitutions);
  g_test_add_func ("/working-days/table-against-rules", test_table_against_rules);
  g_test_add_func ("/working-days/counts", test_counts);
  g_test_add_func ("/working-days/one-off-days", test_one_off_days);
  g_test_add_func ("/working-days/weekends", test_weekends);
  g_test_add_func ("/working-days/add", test_add);
  g_test_add_func ("/working-days/between", test_between);
  g_test_add_func ("/working-days/round-trip", test_round_trip);
  g_test_add_func ("/working-days/table-edits", test_table_edits);
  g_test_add_func ("/deadlines/time-zone", test_deadline_time_zone);
  g_test_add_func ("/deadlines/category", test_deadlines_by_category);
  g_test_add_func ("/deadlines/manager-response", test_deadline_manager_response);
  g_test_add_func ("/deadlines/actions", test_deadline_actions);
  g_test_add_func ("/deadlines/audit-next-due", test_audit_next_due);
  g_test_add_func ("/deadlines/parse-day", test_deadline_parse_day);
  g_test_add_func ("/deadlines/due-window", test_due_window);

  return g_test_run ();
}
