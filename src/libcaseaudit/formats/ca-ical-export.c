// SPDX-License-Identifier: GPL-3.0-or-later
// The programme and a person's deadlines as an iCalendar file (RFC 5545) for Outlook (R-C4).

#define G_LOG_DOMAIN "ca-ical-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libical/ical.h>
#include <stdlib.h>

#include "ca-calendar-store.h"
#include "ca-ical-export.h"

/* Wide enough for any programme; the upper end stays four digits so dates compare as text. */
#define FIRST_YEAR 1900
#define LAST_YEAR  2999

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

static struct icaltimetype
day_of (const GDate *date)
{
  struct icaltimetype day = icaltime_null_date ();

  day.year = g_date_get_year (date);
  day.month = g_date_get_month (date);
  day.day = g_date_get_day (date);
  return day;
}

/* RFC 5545 text is UTF-8, and a calendar program that meets a byte that is not may refuse
 * the whole file. Everything Case Audit stores now is checked on the way in, but a database
 * written by an earlier version may hold such bytes in an event's title or notes: they are
 * written as U+FFFD (the replacement character, shown as a question mark in a diamond),
 * which keeps the rest of the text and the rest of the calendar, rather than refusing the
 * export for a typing slip the user may have no way to mend from the command line. */
static char *
valid_text (const char *text)
{
  return text != NULL ? g_utf8_make_valid (text, -1) : NULL;
}

/* An all-day event: DTSTART and the exclusive DTEND as dates, free time (it marks a day, it
 * does not fill it), and a UID that stays the same on the next export so a calendar program
 * updates the event rather than adding it again. */
static icalcomponent *
new_event (CaCalendarItem            *item,
           const struct icaltimetype *stamp)
{
  icalcomponent *event = icalcomponent_new_vevent ();
  g_autofree char *stored_uid = ca_calendar_item_dup_uid (item);
  g_autofree char *uid = valid_text (stored_uid);
  g_autofree char *title = valid_text (ca_calendar_item_get_title (item));
  g_autofree char *description = valid_text (ca_calendar_item_get_description (item));
  GDate end = *ca_calendar_item_get_date (item);

  g_date_add_days (&end, 1);
  icalcomponent_add_property (event, icalproperty_new_uid (uid));
  icalcomponent_add_property (event, icalproperty_new_dtstamp (*stamp));
  icalcomponent_add_property (event,
                              icalproperty_new_dtstart (day_of (ca_calendar_item_get_date (item))));
  icalcomponent_add_property (event, icalproperty_new_dtend (day_of (&end)));
  icalcomponent_add_property (event, icalproperty_new_summary (title != NULL ? title : ""));
  if (description != NULL && description[0] != '\0')
    icalcomponent_add_property (event, icalproperty_new_description (description));
  icalcomponent_add_property (event,
                              icalproperty_new_categories (
                                ca_calendar_item_kind_to_label (ca_calendar_item_get_kind (item))));
  icalcomponent_add_property (event, icalproperty_new_transp (ICAL_TRANSP_TRANSPARENT));
  return event;
}

static gboolean
add_items (icalcomponent              *calendar,
           CaDatabase                 *database,
           const CaCalendarFilter     *filter,
           const struct icaltimetype  *stamp,
           guint                      *n_events,
           GError                    **error)
{
  g_autoptr(GPtrArray) items = NULL;
  GDate from, to;

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, FIRST_YEAR);
  g_date_set_dmy (&to, 31, G_DATE_DECEMBER, LAST_YEAR);

  items = ca_calendar_store_list (database, &from, &to, filter, error);
  if (items == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    icalcomponent_add_component (calendar, new_event (items->pdata[i], stamp));
  *n_events += items->len;
  return TRUE;
}

/**
 * ca_ical_export_to_string:
 * @staff_id: a member of staff (staff.id) whose open deadlines to add, or 0 for none
 * @n_events: (out) (optional): how many events it holds
 *
 * The programme's allocation, return and 7 Minute Briefing dates and its events as all-day
 * events, and, for @staff_id, what still waits on them: audits to return, responses to give,
 * actions, category deadlines and moderations. Titles name cases by reference only.
 *
 * Returns: (transfer full): the calendar as RFC 5545 text, or %NULL with @error set
 */
char *
ca_ical_export_to_string (CaDatabase  *database,
                          gint64       staff_id,
                          guint       *n_events,
                          GError     **error)
{
  g_autoptr(icalcomponent) calendar = NULL;
  CaCalendarFilter programme = CA_CALENDAR_FILTER_INIT;
  struct icaltimetype stamp;
  icalproperty *name;
  guint count = 0;
  char *text, *copy;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);

  calendar = icalcomponent_new_vcalendar ();
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar,
                              icalproperty_new_prodid ("-//Case Audit//Case Audit " PACKAGE_VERSION
                                                       "//EN"));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));
  /* No METHOD: this is a calendar to import, not an iTIP message (PUBLISH would want an
   * ORGANIZER on every event, and Outlook then subscribes rather than imports). */
  /* The name Outlook and GNOME Calendar give the imported calendar. */
  name = icalproperty_new_x (staff_id > 0 ? _("Audit programme and my deadlines")
                                          : _("Audit programme"));
  icalproperty_set_x_name (name, "X-WR-CALNAME");
  icalcomponent_add_property (calendar, name);
  stamp = icaltime_current_time_with_zone (icaltimezone_get_utc_timezone ());

  programme.kinds = CA_CALENDAR_KIND_BIT (CA_CALENDAR_ITEM_ALLOCATION) |
                    CA_CALENDAR_KIND_BIT (CA_CALENDAR_ITEM_RETURN) |
                    CA_CALENDAR_KIND_BIT (CA_CALENDAR_ITEM_BRIEFING) |
                    CA_CALENDAR_KIND_BIT (CA_CALENDAR_ITEM_EVENT);
  if (!add_items (calendar, database, &programme, &stamp, &count, error))
    return NULL;

  if (staff_id > 0)
    {
      CaCalendarFilter mine = CA_CALENDAR_FILTER_INIT;

      mine.scope = CA_CALENDAR_SCOPE_MINE;
      mine.staff_id = staff_id;
      mine.kinds = ~programme.kinds & ((1u << CA_CALENDAR_N_ITEM_KINDS) - 1);
      mine.open_only = TRUE;
      if (!add_items (calendar, database, &mine, &stamp, &count, error))
        return NULL;
    }

  text = icalcomponent_as_ical_string_r (calendar);
  copy = g_strdup (text);
  free (text);
  if (n_events != NULL)
    *n_events = count;
  return copy;
}

/**
 * ca_ical_export_save:
 * @path: the .ics file to write
 *
 * ca_ical_export_to_string() written to @path readable by its owner only, in full or not at
 * all; an existing file is replaced only with %CA_OUTPUT_FILE_REPLACE in @flags, and a
 * folder, device or FIFO never (see ca-output-file.h). Checked before the calendar is made.
 *
 * Returns: %FALSE with @error set when nothing was written
 */
gboolean
ca_ical_export_save (CaDatabase         *database,
                     gint64              staff_id,
                     const char         *path,
                     CaOutputFileFlags   flags,
                     guint              *n_events,
                     GError            **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!ca_output_file_check (path, flags, error))
    return FALSE;
  text = ca_ical_export_to_string (database, staff_id, n_events, error);
  if (text == NULL)
    return FALSE;
  return ca_output_file_set_contents (path, text, -1, flags, CA_OUTPUT_FILE_PRIVATE, error);
}
