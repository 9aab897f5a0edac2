// SPDX-License-Identifier: GPL-3.0-or-later
// CaCalendarItem's fields, for the store that fills them.
#pragma once

#include "ca-calendar-item.h"

G_BEGIN_DECLS

struct _CaCalendarItem
{
  GObject parent_instance;

  CaCalendarItemKind kind;
  GDate date;
  char *title;
  char *description;
  char *uid_key;     /* what makes the item itself, for its iCalendar UID */
  gint64 source_id;  /* the programme entry, event, audit, response, action or moderation */
  gint64 audit_id;
  char *case_ref;
  int category;
  gint64 staff_id;
  char *person;
  gint64 team_id;
  gboolean done;
};

CaCalendarItem *ca_calendar_item_new (CaCalendarItemKind  kind,
                                      const GDate        *date);

G_END_DECLS
