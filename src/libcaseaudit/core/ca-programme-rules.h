// SPDX-License-Identifier: GPL-3.0-or-later
// The programme's rules (R-C1): which dates an entry may have, and how a year's dates become
// the next year's when a programme is made from last year's.
#pragma once

#include <glib.h>

#include "ca-working-days.h"

G_BEGIN_DECLS

/* An entry's three dates, in the order the month runs. */
typedef enum
{
  CA_PROGRAMME_DATE_ALLOCATION,
  CA_PROGRAMME_DATE_RETURN,
  CA_PROGRAMME_DATE_BRIEFING,
  CA_PROGRAMME_N_DATES
} CaProgrammeDate;

typedef enum
{
  CA_PROGRAMME_DATES_OK,
  CA_PROGRAMME_DATES_NOT_NEAR_MONTH,     /* not in the entry's month or next to it */
  CA_PROGRAMME_DATES_BEFORE_ALLOCATION,  /* a return or briefing before the allocation */
} CaProgrammeDatesProblem;

gboolean                ca_programme_parse_month (const char               *text,
                                                  int                      *year,
                                                  int                      *month);
CaProgrammeDatesProblem ca_programme_check_dates (int                       year,
                                                  int                       month,
                                                  const GDate               dates[CA_PROGRAMME_N_DATES],
                                                  CaProgrammeDate          *which);
void                    ca_programme_move_date   (const GDate              *date,
                                                  int                       years,
                                                  const CaHolidayCalendar  *calendar,
                                                  GDate                    *moved);

G_END_DECLS
