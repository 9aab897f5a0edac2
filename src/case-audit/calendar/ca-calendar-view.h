// SPDX-License-Identifier: GPL-3.0-or-later
// The Calendar view (R-C3): a month of programme dates and what falls due, or an agenda.
#pragma once

#include <gtk/gtk.h>

#include "ca-context.h"

G_BEGIN_DECLS

#define CA_TYPE_CALENDAR_VIEW (ca_calendar_view_get_type ())

G_DECLARE_FINAL_TYPE (CaCalendarView, ca_calendar_view, CA, CALENDAR_VIEW, GtkWidget)

void  ca_calendar_view_set_context   (CaCalendarView *self,
                                      CaContext      *context);
void  ca_calendar_view_reload        (CaCalendarView *self);
void  ca_calendar_view_select_date   (CaCalendarView *self,
                                      const GDate    *date);

G_END_DECLS
