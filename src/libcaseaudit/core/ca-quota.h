// SPDX-License-Identifier: GPL-3.0-or-later
// R-A3: an auditor's quota for a year, and how much of it should be done by a given day.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CA_QUOTA_PERIOD_MONTH,
  CA_QUOTA_PERIOD_CYCLE,
  CA_QUOTA_PERIOD_YEAR,
} CaQuotaPeriod;

/* Seed 01 sets Team Managers and Advanced Practitioners a number "per audit cycle" without
 * saying how long a cycle is; the CPP's programme (seed 04) reviews each service quarterly,
 * so a cycle is taken to be a quarter: four cycles a year, as the demonstration data has it. */
#define CA_QUOTA_CYCLES_PER_YEAR 4

/* "month", "cycle" or "year", as the role table stores them; FALSE for anything else. */
gboolean ca_quota_period_parse        (const char    *text,
                                       CaQuotaPeriod *period);

/* The audits a quota of QUOTA per PERIOD asks for in a whole year: a month's ×12, a cycle's
 * ×CA_QUOTA_CYCLES_PER_YEAR, a year's as it is. */
guint    ca_quota_per_year            (guint          quota,
                                       CaQuotaPeriod  period);

/* How many of a year's PER_YEAR audits should be done by TODAY: none before the year starts,
 * all of them once it has ended, and in between the share of the months already over
 * (rounded down), since the audits of the month under way are not due yet. */
guint    ca_quota_target_to_date      (guint          per_year,
                                       int            year,
                                       const GDate   *today);

G_END_DECLS
