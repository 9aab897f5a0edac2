// SPDX-License-Identifier: GPL-3.0-or-later
// One thing on one day of the calendar: a programme date, an event or something falling due.
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The programme's own dates first, then what falls due on an audit. Stable: the order is the
 * order items of one day are shown in, and the names of ca_calendar_item_kind_to_string() are
 * what scripts and iCalendar UIDs see. */
typedef enum
{
  CA_CALENDAR_ITEM_ALLOCATION,         /* a programme entry's audit allocation date */
  CA_CALENDAR_ITEM_RETURN,             /* a programme entry's audit return date */
  CA_CALENDAR_ITEM_BRIEFING,           /* a programme entry's 7 Minute Briefing date */
  CA_CALENDAR_ITEM_EVENT,              /* a moderation panel, workshop, triangulation meeting */
  CA_CALENDAR_ITEM_AUDIT_RETURN,       /* an allocated audit due back from its auditor */
  CA_CALENDAR_ITEM_MANAGER_RESPONSE,   /* the manager's response to an audit (R-F9) */
  CA_CALENDAR_ITEM_ACTION,             /* an action from an audit (R-F5) */
  CA_CALENDAR_ITEM_CATEGORY_DEADLINE,  /* the category deadline: recommendations checked (R-F8) */
  CA_CALENDAR_ITEM_MODERATION,         /* a moderation of an audit (R-H1) */
} CaCalendarItemKind;

#define CA_CALENDAR_N_ITEM_KINDS (CA_CALENDAR_ITEM_MODERATION + 1)

/* For CaCalendarFilter.kinds. */
#define CA_CALENDAR_KIND_BIT(kind) (1u << (kind))

#define CA_TYPE_CALENDAR_ITEM (ca_calendar_item_get_type ())

G_DECLARE_FINAL_TYPE (CaCalendarItem, ca_calendar_item, CA, CALENDAR_ITEM, GObject)

const char        *ca_calendar_item_kind_to_string  (CaCalendarItemKind  kind);
const char        *ca_calendar_item_kind_to_label   (CaCalendarItemKind  kind);
gboolean           ca_calendar_item_kind_is_programme (CaCalendarItemKind kind);

CaCalendarItemKind ca_calendar_item_get_kind        (CaCalendarItem     *self);
const GDate       *ca_calendar_item_get_date        (CaCalendarItem     *self);
char              *ca_calendar_item_dup_iso_date    (CaCalendarItem     *self);
const char        *ca_calendar_item_get_title       (CaCalendarItem     *self);
const char        *ca_calendar_item_get_description (CaCalendarItem     *self);
gint64             ca_calendar_item_get_source_id   (CaCalendarItem     *self);
gint64             ca_calendar_item_get_audit_id    (CaCalendarItem     *self);
const char        *ca_calendar_item_get_case_ref    (CaCalendarItem     *self);
int                ca_calendar_item_get_category    (CaCalendarItem     *self);
gboolean           ca_calendar_item_is_category1    (CaCalendarItem     *self);
gint64             ca_calendar_item_get_staff_id    (CaCalendarItem     *self);
const char        *ca_calendar_item_get_person      (CaCalendarItem     *self);
gint64             ca_calendar_item_get_team_id     (CaCalendarItem     *self);
gboolean           ca_calendar_item_get_done        (CaCalendarItem     *self);
char              *ca_calendar_item_dup_uid         (CaCalendarItem     *self);

G_END_DECLS
