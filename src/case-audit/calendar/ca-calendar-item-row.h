// SPDX-License-Identifier: GPL-3.0-or-later
// Calendar: one item in the day's or the month's list, with its icon, when and who, a Category 1 badge, and Remove for an event.
#pragma once

#include <gtk/gtk.h>

#include "ca-calendar-item.h"

G_BEGIN_DECLS

#define CA_TYPE_CALENDAR_ITEM_ROW (ca_calendar_item_row_get_type ())

G_DECLARE_FINAL_TYPE (CaCalendarItemRow, ca_calendar_item_row, CA, CALENDAR_ITEM_ROW, GtkWidget)

GtkWidget *ca_calendar_item_row_new      (void);
void       ca_calendar_item_row_set_item (CaCalendarItemRow *self,
                                          CaCalendarItem    *item,
                                          gboolean           with_date);

G_END_DECLS
