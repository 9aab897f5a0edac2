// SPDX-License-Identifier: GPL-3.0-or-later
// Dates as the store keeps them: parsing refuses impossible days, formatting round-trips.

#include "config.h"

#include <string.h>

#include "core/ca-date.h"

static void
test_parse_valid (void)
{
  static const struct { const char *text; int y, m, d; } cases[] = {
    { "2021-01-04", 2021, 1, 4 },
    { "2020-02-29", 2020, 2, 29 },   /* leap year */
    { "2000-02-29", 2000, 2, 29 },   /* divisible by 400 */
    { "2026-12-31", 2026, 12, 31 },
    { "0001-01-01", 1, 1, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date;
      g_autofree char *again = NULL;

      g_assert_true (ca_date_parse (cases[i].text, &date));
      g_assert_cmpint (g_date_get_year (&date), ==, cases[i].y);
      g_assert_cmpint (g_date_get_month (&date), ==, cases[i].m);
      g_assert_cmpint (g_date_get_day (&date), ==, cases[i].d);
      again = ca_date_format (&date);
      g_assert_cmpstr (again, ==, cases[i].text);
    }
}

static void
test_parse_invalid (void)
{
  static const char * const bad[] = {
    "2023-02-30", "2021-02-29", "1900-02-29", "2021-13-01", "2021-00-10", "2021-04-31",
    "2021-4-01", "21-04-01", "2021/04/01", "2021-04-01x", "2021-04-1 ", "", "today",
    "0000-01-01", "+021-04-01", "2021-04--1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      GDate date;

      g_assert_false (ca_date_parse (bad[i], &date));
      g_assert_false (g_date_valid (&date));
    }

  {
    GDate date;
    g_assert_false (ca_date_parse (NULL, &date));
  }
}

static void
test_display (void)
{
  g_autofree char *shown = ca_date_format_display ("2021-03-22");
  g_autofree char *kept = ca_date_format_display ("not a date");
  g_autofree char *empty = ca_date_format_display (NULL);

  g_assert_cmpstr (shown, ==, "22 Mar 2021");
  g_assert_cmpstr (kept, ==, "not a date");
  g_assert_cmpstr (empty, ==, "");
}

static void
test_timestamps (void)
{
  g_autofree char *now = ca_timestamp_now ();
  g_autofree char *at = NULL;
  GDate date;

  g_assert_cmpuint (strlen (now), ==, 20);
  g_assert_true (g_str_has_suffix (now, "Z"));
  g_assert_cmpint (now[10], ==, 'T');

  g_date_set_dmy (&date, 8, G_DATE_MAY, 2023);
  at = ca_timestamp_from_date (&date, 9, 5);
  g_assert_cmpstr (at, ==, "2023-05-08T09:05:00Z");
}

/* A moment in any zone is kept in UTC: 10:15 in British Summer Time is 09:15 UTC. */
static void
test_timestamp_from_date_time (void)
{
  g_autoptr(GTimeZone) bst = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) summer = g_date_time_new (bst, 2021, 6, 14, 10, 15, 30.7);
  g_autofree char *text = ca_timestamp_from_date_time (summer);

  g_assert_cmpstr (text, ==, "2021-06-14T09:15:30Z");
  g_assert_null (ca_timestamp_from_date_time (NULL));
}

/* Dates as people type them (issue 12 item 7): day first, ISO, or as the lists show them. */
static void
test_parse_typed (void)
{
  static const struct { const char *text, *iso; } cases[] = {
    { "2026-12-01", "2026-12-01" },
    { "1/12/2026", "2026-12-01" },
    { "01/12/2026", "2026-12-01" },
    { " 1/12/2026 ", "2026-12-01" },
    { "1.12.2026", "2026-12-01" },
    { "1-12-2026", "2026-12-01" },
    { "1 Dec 2026", "2026-12-01" },
    { "1 December 2026", "2026-12-01" },
    { "29 feb 2024", "2024-02-29" },
    { "31/1/2027", "2027-01-31" },
    /* Not dates, or not real ones. */
    { "12/31/2026", NULL },       /* month first: not a UK date */
    { "30/02/2026", NULL },
    { "29 Feb 2026", NULL },
    { "1/12/26", NULL },          /* a two-digit year is ambiguous */
    { "1 Decembre 2026", NULL },
    { "1/12", NULL },
    { "", NULL },
    { "next Tuesday", NULL },
    { "1//12/2026/", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date;
      gboolean parsed = ca_date_parse_typed (cases[i].text, &date);
      g_autofree char *iso = parsed ? ca_date_format (&date) : NULL;

      g_assert_cmpstr (iso, ==, cases[i].iso);
      if (!parsed)
        g_assert_false (g_date_valid (&date));
    }
}

/* Monday to Sunday, whichever day of the week, across a month and a year's end. */
static void
test_week (void)
{
  static const struct { const char *day, *monday, *sunday; } cases[] = {
    { "2026-12-02", "2026-11-30", "2026-12-06" },  /* a Wednesday */
    { "2026-11-30", "2026-11-30", "2026-12-06" },  /* the Monday itself */
    { "2026-12-06", "2026-11-30", "2026-12-06" },  /* the Sunday itself */
    { "2027-01-01", "2026-12-28", "2027-01-03" },  /* a Friday, the week across the year */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate day, monday, sunday;
      g_autofree char *monday_text = NULL;
      g_autofree char *sunday_text = NULL;

      g_assert_true (ca_date_parse (cases[i].day, &day));
      ca_date_get_week (&day, &monday, &sunday);
      monday_text = ca_date_format (&monday);
      sunday_text = ca_date_format (&sunday);
      g_assert_cmpstr (monday_text, ==, cases[i].monday);
      g_assert_cmpstr (sunday_text, ==, cases[i].sunday);
    }
}

/* The reminder's next morning, across England's clock changes. */
static void
test_seconds_until_hour (void)
{
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  g_autoptr(GDateTime) evening = g_date_time_new (london, 2026, 12, 3, 18, 0, 0);
  g_autoptr(GDateTime) early = g_date_time_new (london, 2026, 12, 3, 6, 30, 0);
  /* The clocks go back on 25 October 2026: Saturday 18:00 to Sunday 08:00 is 15 hours. */
  g_autoptr(GDateTime) before_back = g_date_time_new (london, 2026, 10, 24, 18, 0, 0);
  /* And forward on 29 March 2026: 13 hours. */
  g_autoptr(GDateTime) before_forward = g_date_time_new (london, 2026, 3, 28, 18, 0, 0);

  g_assert_nonnull (london);
  g_assert_cmpuint (ca_date_seconds_until_hour (evening, 8), ==, 14 * 3600);
  g_assert_cmpuint (ca_date_seconds_until_hour (early, 8), ==, 90 * 60);
  g_assert_cmpuint (ca_date_seconds_until_hour (before_back, 8), ==, 15 * 3600);
  g_assert_cmpuint (ca_date_seconds_until_hour (before_forward, 8), ==, 13 * 3600);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse/valid", test_parse_valid);
  g_test_add_func ("/date/parse/invalid", test_parse_invalid);
  g_test_add_func ("/date/display", test_display);
  g_test_add_func ("/date/seconds-until-hour", test_seconds_until_hour);
  g_test_add_func ("/date/timestamps", test_timestamps);
  g_test_add_func ("/date/timestamp-from-date-time", test_timestamp_from_date_time);
  g_test_add_func ("/date/week", test_week);
  g_test_add_func ("/date/parse/typed", test_parse_typed);

  return g_test_run ();
}
