// SPDX-License-Identifier: GPL-3.0-or-later
// The items of the Calendar view between two days: programme dates, events, what falls due.
#pragma once

#include <gio/gio.h>

#include "ca-calendar-item.h"
#include "ca-database.h"

G_BEGIN_DECLS

/* Whose items: everybody's, one person's own, or one team's. Programme dates and events
 * concern everybody and are in every scope (leave them out with CaCalendarFilter.kinds). */
typedef enum
{
  CA_CALENDAR_SCOPE_ALL,
  CA_CALENDAR_SCOPE_MINE,  /* what waits on staff_id: as auditor, action owner, responding
                            * manager or moderator */
  CA_CALENDAR_SCOPE_TEAM,  /* what concerns team_id: a case of the team, or waits on one of
                            * its staff */
} CaCalendarScope;

/* All zeros (CA_CALENDAR_FILTER_INIT) lists everything, done or not. */
typedef struct
{
  CaCalendarScope scope;
  gint64          staff_id;   /* staff.id, for CA_CALENDAR_SCOPE_MINE */
  gint64          team_id;    /* team.id, for CA_CALENDAR_SCOPE_TEAM */
  guint           kinds;      /* CA_CALENDAR_KIND_BIT()s of the kinds wanted; 0: every kind */
  gboolean        open_only;  /* leave out what is done (submitted, responded, completed…) */
} CaCalendarFilter;

#define CA_CALENDAR_FILTER_INIT { CA_CALENDAR_SCOPE_ALL, 0, 0, 0, FALSE }

GPtrArray *ca_calendar_store_list         (CaDatabase              *database,
                                           const GDate             *from,
                                           const GDate             *to,
                                           const CaCalendarFilter  *filter,
                                           GError                 **error);
void       ca_calendar_store_list_async   (CaDatabase              *database,
                                           const GDate             *from,
                                           const GDate             *to,
                                           const CaCalendarFilter  *filter,
                                           GCancellable            *cancellable,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data);
GPtrArray *ca_calendar_store_list_finish  (GAsyncResult            *result,
                                           GError                 **error);

gint64     ca_calendar_store_find_staff   (CaDatabase              *database,
                                           const char              *staff_ref,
                                           gint64                  *team_id,
                                           GError                 **error);

G_END_DECLS
