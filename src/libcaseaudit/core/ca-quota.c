// SPDX-License-Identifier: GPL-3.0-or-later
// R-A3: an auditor's quota for a year, and how much of it should be done by a given day.

#define G_LOG_DOMAIN "ca-quota"

#include "config.h"

#include "ca-quota.h"

gboolean
ca_quota_period_parse (const char    *text,
                       CaQuotaPeriod *period)
{
  g_return_val_if_fail (period != NULL, FALSE);

  if (g_strcmp0 (text, "month") == 0)
    *period = CA_QUOTA_PERIOD_MONTH;
  else if (g_strcmp0 (text, "cycle") == 0)
    *period = CA_QUOTA_PERIOD_CYCLE;
  else if (g_strcmp0 (text, "year") == 0)
    *period = CA_QUOTA_PERIOD_YEAR;
  else
    return FALSE;
  return TRUE;
}

guint
ca_quota_per_year (guint         quota,
                   CaQuotaPeriod period)
{
  switch (period)
    {
    case CA_QUOTA_PERIOD_MONTH:
      return quota * 12;
    case CA_QUOTA_PERIOD_CYCLE:
      return quota * CA_QUOTA_CYCLES_PER_YEAR;
    case CA_QUOTA_PERIOD_YEAR:
    default:
      return quota;
    }
}

guint
ca_quota_target_to_date (guint        per_year,
                         int          year,
                         const GDate *today)
{
  int this_year;
  guint months_over;

  g_return_val_if_fail (today != NULL && g_date_valid (today), 0);

  this_year = g_date_get_year (today);
  if (this_year < year)
    return 0;
  if (this_year > year)
    return per_year;
  months_over = g_date_get_month (today) - 1;
  return (guint) ((guint64) per_year * months_over / 12);
}
