// SPDX-License-Identifier: GPL-3.0-or-later
// Calendar: one day of the month grid, a button that shows the day's programme dates and counts, and says them in full to screen readers.
#pragma once

#include <gtk/gtk.h>

#include "ca-calendar-item.h"

G_BEGIN_DECLS

#define CA_TYPE_CALENDAR_DAY (ca_calendar_day_get_type ())

G_DECLARE_FINAL_TYPE (CaCalendarDay, ca_calendar_day, CA, CALENDAR_DAY, GtkButton)

GtkWidget *ca_calendar_day_new          (void);
void       ca_calendar_day_show         (CaCalendarDay *self,
                                         const GDate   *date,
                                         const GDate   *month,
                                         const GDate   *selected,
                                         GPtrArray     *day_items);
void       ca_calendar_day_set_selected (CaCalendarDay *self,
                                         gboolean       selected);

G_END_DECLS
