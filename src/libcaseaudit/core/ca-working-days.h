// SPDX-License-Identifier: GPL-3.0-or-later
// England and Wales bank holidays (by rule, or from an authoritative table) and working-day sums.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One bank holiday. The title is an interned string (g_intern_string): it never needs
 * freeing and stays valid for the life of the process. */
typedef struct
{
  GDate       date;
  const char *title;
} CaHoliday;

/* The bank holidays of England and Wales. Every year is computed by rule (R-G1) unless the
 * table covers it: for a year the table covers, only the table's dates count, so moved and
 * one-off days (8 May 2020, 2–3 June 2022, 19 September 2022, 8 May 2023) come out right.
 *
 * Reference counted. Reading (lookups, sums) is safe from several threads at once; changing
 * the table is not, so give a thread its own copy or change it before sharing it. */
typedef struct _CaHolidayCalendar CaHolidayCalendar;

CaHolidayCalendar *ca_holiday_calendar_new             (void);
CaHolidayCalendar *ca_holiday_calendar_copy            (const CaHolidayCalendar *self);
CaHolidayCalendar *ca_holiday_calendar_ref             (CaHolidayCalendar       *self);
void               ca_holiday_calendar_unref           (CaHolidayCalendar       *self);

void               ca_holiday_calendar_set_year        (CaHolidayCalendar       *self,
                                                        GDateYear                year,
                                                        const CaHoliday         *holidays,
                                                        guint                    n_holidays);
void               ca_holiday_calendar_add_table_entry (CaHolidayCalendar       *self,
                                                        const GDate             *date,
                                                        const char              *title);
void               ca_holiday_calendar_clear_year      (CaHolidayCalendar       *self,
                                                        GDateYear                year);
gboolean           ca_holiday_calendar_has_table_year  (const CaHolidayCalendar *self,
                                                        GDateYear                year);
GArray            *ca_holiday_calendar_get_table_years (const CaHolidayCalendar *self);

GArray            *ca_holiday_calendar_list_year       (const CaHolidayCalendar *self,
                                                        GDateYear                year);
const char        *ca_holiday_calendar_lookup          (const CaHolidayCalendar *self,
                                                        const GDate             *date);
gboolean           ca_holiday_calendar_is_holiday      (const CaHolidayCalendar *self,
                                                        const GDate             *date);
gboolean           ca_holiday_calendar_is_working_day  (const CaHolidayCalendar *self,
                                                        const GDate             *date);

GArray            *ca_holidays_by_rule                 (GDateYear                year);
void               ca_easter_sunday                    (GDateYear                year,
                                                        GDate                   *result);

void               ca_working_days_add                 (const CaHolidayCalendar *calendar,
                                                        const GDate             *from,
                                                        guint                    n,
                                                        GDate                   *result);
int                ca_working_days_between             (const CaHolidayCalendar *calendar,
                                                        const GDate             *from,
                                                        const GDate             *to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaHolidayCalendar, ca_holiday_calendar_unref)

G_END_DECLS
