// SPDX-License-Identifier: GPL-3.0-or-later
// R-A3: a quota per month, cycle or year as a year's number, and the share due by a day.

#include "config.h"

#include "core/ca-quota.h"

static void
test_period_parse (void)
{
  CaQuotaPeriod period = CA_QUOTA_PERIOD_YEAR;

  g_assert_true (ca_quota_period_parse ("month", &period));
  g_assert_cmpint (period, ==, CA_QUOTA_PERIOD_MONTH);
  g_assert_true (ca_quota_period_parse ("cycle", &period));
  g_assert_cmpint (period, ==, CA_QUOTA_PERIOD_CYCLE);
  g_assert_true (ca_quota_period_parse ("year", &period));
  g_assert_cmpint (period, ==, CA_QUOTA_PERIOD_YEAR);
  g_assert_false (ca_quota_period_parse ("week", &period));
  g_assert_false (ca_quota_period_parse (NULL, &period));
  g_assert_false (ca_quota_period_parse ("Month", &period));
}

/* Seed 01 and 04's numbers as the role table holds them. */
static void
test_per_year (void)
{
  g_assert_cmpuint (ca_quota_per_year (2, CA_QUOTA_PERIOD_YEAR), ==, 2);    /* Strategic Director */
  g_assert_cmpuint (ca_quota_per_year (8, CA_QUOTA_PERIOD_YEAR), ==, 8);    /* Service Manager */
  g_assert_cmpuint (ca_quota_per_year (1, CA_QUOTA_PERIOD_MONTH), ==, 12);  /* Team Manager */
  g_assert_cmpuint (ca_quota_per_year (25, CA_QUOTA_PERIOD_MONTH), ==, 300); /* CPP dip samples */
  g_assert_cmpuint (ca_quota_per_year (7, CA_QUOTA_PERIOD_CYCLE), ==, 28);  /* Advanced Practitioner */
  g_assert_cmpuint (ca_quota_per_year (0, CA_QUOTA_PERIOD_MONTH), ==, 0);
}

static void
test_target_to_date (void)
{
  static const struct { guint per_year; int year; int y, m, d; guint expected; } cases[] = {
    { 12, 2021, 2020, 12, 31, 0 },   /* the year has not begun */
    { 12, 2021, 2021, 1, 1, 0 },     /* January's audits are not due yet */
    { 12, 2021, 2021, 1, 31, 0 },
    { 12, 2021, 2021, 2, 1, 1 },     /* January is over */
    { 12, 2021, 2021, 7, 15, 6 },
    { 12, 2021, 2021, 12, 31, 11 },  /* December still under way */
    { 12, 2021, 2022, 1, 1, 12 },    /* the whole year */
    { 6, 2021, 2021, 7, 1, 3 },
    { 6, 2021, 2021, 3, 1, 1 },      /* 6 × 2 / 12 */
    { 2, 2021, 2021, 6, 30, 0 },     /* 2 × 5 / 12 rounds down */
    { 2, 2021, 2021, 7, 1, 1 },
    { 28, 2024, 2024, 2, 29, 2 },    /* a leap day: 28 × 1 / 12 */
    { 300, 2021, 2030, 5, 5, 300 },
    { 0, 2021, 2021, 9, 1, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDate) today = g_date_new_dmy (cases[i].d, cases[i].m, cases[i].y);

      g_assert_cmpuint (ca_quota_target_to_date (cases[i].per_year, cases[i].year, today), ==,
                        cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quota/period-parse", test_period_parse);
  g_test_add_func ("/quota/per-year", test_per_year);
  g_test_add_func ("/quota/target-to-date", test_target_to_date);

  return g_test_run ();
}
