// SPDX-License-Identifier: GPL-3.0-or-later
// One thing on one day of the calendar: a programme date, an event or something falling due.

#define G_LOG_DOMAIN "ca-calendar-item"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-calendar-item-private.h"
#include "ca-record.h"
#include "ca-enums.h"
#include "core/ca-date.h"

G_DEFINE_FINAL_TYPE (CaCalendarItem, ca_calendar_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_SOURCE_ID,
  PROP_AUDIT_ID,
  PROP_CASE_REF,
  PROP_CATEGORY,
  PROP_STAFF_ID,
  PROP_PERSON,
  PROP_TEAM_ID,
  PROP_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ca_calendar_item_finalize (GObject *object)
{
  CaCalendarItem *self = (CaCalendarItem *) object;

  g_free (self->title);
  g_free (self->description);
  g_free (self->uid_key);
  g_free (self->case_ref);
  g_free (self->person);

  G_OBJECT_CLASS (ca_calendar_item_parent_class)->finalize (object);
}

/* Where each property's value is kept. */
static const gsize members[N_PROPS] = {
  [PROP_KIND] = G_STRUCT_OFFSET (CaCalendarItem, kind),
  [PROP_TITLE] = G_STRUCT_OFFSET (CaCalendarItem, title),
  [PROP_DESCRIPTION] = G_STRUCT_OFFSET (CaCalendarItem, description),
  [PROP_SOURCE_ID] = G_STRUCT_OFFSET (CaCalendarItem, source_id),
  [PROP_AUDIT_ID] = G_STRUCT_OFFSET (CaCalendarItem, audit_id),
  [PROP_CASE_REF] = G_STRUCT_OFFSET (CaCalendarItem, case_ref),
  [PROP_CATEGORY] = G_STRUCT_OFFSET (CaCalendarItem, category),
  [PROP_STAFF_ID] = G_STRUCT_OFFSET (CaCalendarItem, staff_id),
  [PROP_PERSON] = G_STRUCT_OFFSET (CaCalendarItem, person),
  [PROP_TEAM_ID] = G_STRUCT_OFFSET (CaCalendarItem, team_id),
  [PROP_DONE] = G_STRUCT_OFFSET (CaCalendarItem, done),
};

static void
ca_calendar_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ca_record_get_property (object, members, N_PROPS, prop_id, value, pspec);
}

static void
ca_calendar_item_class_init (CaCalendarItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ca_calendar_item_finalize;
  object_class->get_property = ca_calendar_item_get_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, CA_TYPE_CALENDAR_ITEM_KIND,
                       CA_CALENDAR_ITEM_ALLOCATION, flags);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE_ID] =
    g_param_spec_int64 ("source-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_AUDIT_ID] =
    g_param_spec_int64 ("audit-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CASE_REF] =
    g_param_spec_string ("case-ref", NULL, NULL, NULL, flags);
  properties[PROP_CATEGORY] =
    g_param_spec_int ("category", NULL, NULL, 0, 4, 0, flags);
  properties[PROP_STAFF_ID] =
    g_param_spec_int64 ("staff-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PERSON] =
    g_param_spec_string ("person", NULL, NULL, NULL, flags);
  properties[PROP_TEAM_ID] =
    g_param_spec_int64 ("team-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_DONE] =
    g_param_spec_boolean ("done", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_calendar_item_init (CaCalendarItem *self)
{
  g_date_clear (&self->date, 1);
}

CaCalendarItem *
ca_calendar_item_new (CaCalendarItemKind  kind,
                      const GDate        *date)
{
  CaCalendarItem *self;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  self = g_object_new (CA_TYPE_CALENDAR_ITEM, NULL);
  self->kind = kind;
  self->date = *date;
  return self;
}

/**
 * ca_calendar_item_kind_to_string:
 *
 * Returns: the stable name scripts and iCalendar UIDs see, such as "manager-response"
 */
const char *
ca_calendar_item_kind_to_string (CaCalendarItemKind kind)
{
  switch (kind)
    {
    case CA_CALENDAR_ITEM_ALLOCATION:
      return "allocation";
    case CA_CALENDAR_ITEM_RETURN:
      return "return";
    case CA_CALENDAR_ITEM_BRIEFING:
      return "briefing";
    case CA_CALENDAR_ITEM_EVENT:
      return "event";
    case CA_CALENDAR_ITEM_AUDIT_RETURN:
      return "audit-return";
    case CA_CALENDAR_ITEM_MANAGER_RESPONSE:
      return "manager-response";
    case CA_CALENDAR_ITEM_ACTION:
      return "action";
    case CA_CALENDAR_ITEM_CATEGORY_DEADLINE:
      return "category-deadline";
    case CA_CALENDAR_ITEM_MODERATION:
      return "moderation";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * ca_calendar_item_kind_to_label:
 *
 * Returns: the kind's name as people see it, translated
 */
const char *
ca_calendar_item_kind_to_label (CaCalendarItemKind kind)
{
  switch (kind)
    {
    case CA_CALENDAR_ITEM_ALLOCATION:
      return _("Allocation date");
    case CA_CALENDAR_ITEM_RETURN:
      return _("Return date");
    case CA_CALENDAR_ITEM_BRIEFING:
      return _("7 Minute Briefing");
    case CA_CALENDAR_ITEM_EVENT:
      return _("Programme event");
    case CA_CALENDAR_ITEM_AUDIT_RETURN:
      return _("Audit return due");
    case CA_CALENDAR_ITEM_MANAGER_RESPONSE:
      return _("Manager response due");
    case CA_CALENDAR_ITEM_ACTION:
      return _("Action due");
    case CA_CALENDAR_ITEM_CATEGORY_DEADLINE:
      return _("Category deadline");
    case CA_CALENDAR_ITEM_MODERATION:
      return _("Moderation due");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The programme's dates and events, which concern everybody, as against what waits on one
 * person for one audit. */
gboolean
ca_calendar_item_kind_is_programme (CaCalendarItemKind kind)
{
  return kind <= CA_CALENDAR_ITEM_EVENT;
}

CaCalendarItemKind
ca_calendar_item_get_kind (CaCalendarItem *self)
{
  g_return_val_if_fail (CA_IS_CALENDAR_ITEM (self), 0);
  return self->kind;
}

/* The day, in England's local time. */
const GDate *
ca_calendar_item_get_date (CaCalendarItem *self)
{
  g_return_val_if_fail (CA_IS_CALENDAR_ITEM (self), NULL);
  return &self->date;
}

/* The day as 'YYYY-MM-DD'. */
char *
ca_calendar_item_dup_iso_date (CaCalendarItem *self)
{
  g_return_val_if_fail (CA_IS_CALENDAR_ITEM (self), NULL);
  return ca_date_format (&self->date);
}

/* What to show, translated; never a child's name (a case reference at most). */
const char *
ca_calendar_item_get_title (CaCalendarItem *self)
{
  g_return_val_if_fail (CA_IS_CALENDAR_ITEM (self), NULL);
  return self->title;
}

/* More about it, in a few lines: a programme date's focus per strand, an event's kind and
 * notes, who a deadline waits on. May be %NULL. */
const char *
ca_calendar_item_get_description (CaCalendarItem *self)
{
  g_return_val_if_fail (CA_IS_CALENDAR_ITEM (self), NULL);
  return self->description;
}

/* The row the item comes from: a programme entry, an event, an audit (audit return,
 * category deadline), a manager response, an action or a moderation. */
gint64
ca_calendar_item_get_source_id (CaCalendarItem *self)
{
  g_return_val_if_fail (CA_IS_CALENDAR_ITEM (self), 0);
  return self->source_id;
}

/* The audit to open, or 0 for a programme date or event. */
gint64
ca_calendar_item_get_audit_id (CaCalendarItem *self)
{
  g_return_val_if_fail (CA_IS_CALENDAR_ITEM (self), 0);
  return self->audit_id;
}

const char *
ca_calendar_item_get_case_ref (CaCalendarItem *self)
{
  g_return_val_if_fail (CA_IS_CALENDAR_ITEM (self), NULL);
  return self->case_ref;
}

/* The audit's category, 1–4, or 0 when it has none (or there is no audit). */
int
ca_calendar_item_get_category (CaCalendarItem *self)
{
  g_return_val_if_fail (CA_IS_CALENDAR_ITEM (self), 0);
  return self->category;
}

/* Whether it belongs to a Category 1 audit (R-F7): the day and the list mark those. A
 * programme date has no audit, so no category. */
gboolean
ca_calendar_item_is_category1 (CaCalendarItem *self)
{
  g_return_val_if_fail (CA_IS_CALENDAR_ITEM (self), FALSE);
  return !ca_calendar_item_kind_is_programme (self->kind) && self->category == 1;
}

/* Who it waits on (staff.id), or 0. */
gint64
ca_calendar_item_get_staff_id (CaCalendarItem *self)
{
  g_return_val_if_fail (CA_IS_CALENDAR_ITEM (self), 0);
  return self->staff_id;
}

/* The name of who it waits on (a member of staff), or %NULL. */
const char *
ca_calendar_item_get_person (CaCalendarItem *self)
{
  g_return_val_if_fail (CA_IS_CALENDAR_ITEM (self), NULL);
  return self->person;
}

/* The team of the audited case, or 0. */
gint64
ca_calendar_item_get_team_id (CaCalendarItem *self)
{
  g_return_val_if_fail (CA_IS_CALENDAR_ITEM (self), 0);
  return self->team_id;
}

/* Whether what fell due has been done (submitted, responded to, completed, checked,
 * moderated). Programme dates and events are never "done". */
gboolean
ca_calendar_item_get_done (CaCalendarItem *self)
{
  g_return_val_if_fail (CA_IS_CALENDAR_ITEM (self), FALSE);
  return self->done;
}

/**
 * ca_calendar_item_dup_uid:
 *
 * A UID for iCalendar that stays the same for the same item across exports, so that a
 * calendar program updates it instead of adding it twice.
 *
 * Returns: (transfer full): the UID
 */
char *
ca_calendar_item_dup_uid (CaCalendarItem *self)
{
  g_return_val_if_fail (CA_IS_CALENDAR_ITEM (self), NULL);

  return g_strdup_printf ("%s-%s@caseaudit.github.io",
                          ca_calendar_item_kind_to_string (self->kind),
                          self->uid_key != NULL ? self->uid_key : "0");
}
