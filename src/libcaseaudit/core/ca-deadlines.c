// SPDX-License-Identifier: GPL-3.0-or-later
// The deadlines a submitted audit sets (R-F8), in England's local time.

#define G_LOG_DOMAIN "ca-deadlines"

#include "config.h"

#include <string.h>

#include "ca-date.h"
#include "ca-deadlines.h"

/* England's rule since 1996, for a system without time zone data: GMT, and BST from 01:00 UTC
 * on the last Sunday of March to 01:00 UTC on the last Sunday of October. */
#define ENGLAND_POSIX_RULE "GMT0BST,M3.5.0/1,M10.5.0"

void
ca_deadline_rules_init_defaults (CaDeadlineRules *rules)
{
  g_return_if_fail (rules != NULL);

  rules->category1_hours = 48;
  rules->category2_working_days = 10;
  rules->category3_working_days = 20;
  rules->manager_response_working_days = 5;
  rules->urgent_action_working_days = 5;
  rules->action_days = 28;
}

/* The time zone the deadlines are kept in: Europe/London, whatever the machine's own zone.
 * Owned by this module; do not unref it. */
GTimeZone *
ca_deadline_get_time_zone (void)
{
  static GTimeZone *zone;

  if (g_once_init_enter (&zone))
    {
      GTimeZone *england = g_time_zone_new_identifier ("Europe/London");

      if (england == NULL)
        england = g_time_zone_new_identifier (ENGLAND_POSIX_RULE);
      if (england == NULL)
        england = g_time_zone_new_utc ();
      g_once_init_leave (&zone, england);
    }
  return zone;
}

/**
 * ca_deadline_local_month:
 * @utc_timestamp: (nullable): a moment as the store keeps it ("2026-10-31T23:30:00Z")
 * @fallback_date: (nullable): a day ("YYYY-MM-DD") for when there is no moment
 *
 * The month, "YYYY-MM", @utc_timestamp falls in in England: England is never behind UTC and
 * at most an hour ahead, so only a moment from 23:00 UTC may fall on the next day there and
 * is converted; the rest (nearly all) are read as they are, which keeps lists of thousands
 * quick. %NULL when there is neither.
 */
char *
ca_deadline_local_month (const char *utc_timestamp,
                         const char *fallback_date)
{
  g_autoptr(GDateTime) moment = NULL;
  GDate day;

  if (utc_timestamp != NULL && strlen (utc_timestamp) >= 13 && utc_timestamp[10] == 'T' &&
      !(utc_timestamp[11] == '2' && utc_timestamp[12] == '3'))
    return g_strndup (utc_timestamp, 7);
  if (utc_timestamp != NULL)
    moment = g_date_time_new_from_iso8601 (utc_timestamp, NULL);
  if (moment == NULL)
    return fallback_date != NULL && strlen (fallback_date) >= 7 ? g_strndup (fallback_date, 7)
                                                                : NULL;
  ca_deadline_get_local_date (moment, &day);
  return g_strdup_printf ("%04d-%02d", g_date_get_year (&day), g_date_get_month (&day));
}

/* Sets DATE to the calendar day MOMENT falls on in England. */
void
ca_deadline_get_local_date (GDateTime *moment,
                            GDate     *date)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_if_fail (moment != NULL);
  g_return_if_fail (date != NULL);

  local = g_date_time_to_timezone (moment, ca_deadline_get_time_zone ());
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
}

/**
 * ca_deadline_parse_day:
 * @text: (nullable): a stored due value: an ISO date, or a UTC timestamp (ISO 8601)
 * @day: (out): the day it falls on in England; cleared when there is none
 *
 * Returns: %FALSE when @text is %NULL or neither
 */
gboolean
ca_deadline_parse_day (const char *text,
                       GDate      *day)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) moment = NULL;

  g_return_val_if_fail (day != NULL, FALSE);

  g_date_clear (day, 1);
  if (text == NULL)
    return FALSE;
  if (ca_date_parse (text, day))
    return TRUE;

  utc = g_time_zone_new_utc ();
  moment = g_date_time_new_from_iso8601 (text, utc);
  if (moment == NULL)
    return FALSE;
  ca_deadline_get_local_date (moment, day);
  return TRUE;
}

static gboolean
is_set (const GDate *day)
{
  return day != NULL && g_date_valid (day);
}

/**
 * ca_due_window_get_days:
 * @today: the day the window is counted from
 * @first: (out caller-allocates): the window's first day, or cleared for no first day
 * @last: (out caller-allocates): its last day, or cleared for no last day
 *
 * The days of @window, both inclusive: overdue is anything due up to yesterday (a date due
 * today is not yet late); this week is Monday to Sunday of @today's week (ca_date_get_week()).
 */
void
ca_due_window_get_days (CaDueWindow  window,
                        const GDate *today,
                        GDate       *first,
                        GDate       *last)
{
  g_return_if_fail (window == CA_DUE_WINDOW_ANY || (today != NULL && g_date_valid (today)));

  g_date_clear (first, 1);
  g_date_clear (last, 1);
  switch (window)
    {
    case CA_DUE_WINDOW_OVERDUE:
      *last = *today;
      g_date_subtract_days (last, 1);
      break;
    case CA_DUE_WINDOW_THIS_WEEK:
      ca_date_get_week (today, first, last);
      break;
    case CA_DUE_WINDOW_ANY:
    default:
      break;
    }
}

/**
 * ca_audit_next_due:
 * @status: the audit's status
 * @return_due: (nullable): the date the audit is to be returned by
 * @review_due: (nullable): the category deadline, unless the recommendations were checked
 * @response_due: (nullable): the manager's response's due date, unless it was given
 * @next: (out): the date that matters next, cleared when none does
 *
 * An audit waits first on its return, until it is submitted; then on the checking of its
 * recommendations by the category deadline; then on the manager's response. A closed audit
 * waits on nothing. What is done is passed as %NULL (or an invalid date).
 *
 * Returns: what @next is
 */
CaAuditDueKind
ca_audit_next_due (CaAuditStatus  status,
                   const GDate   *return_due,
                   const GDate   *review_due,
                   const GDate   *response_due,
                   GDate         *next)
{
  CaAuditDueKind kind = CA_AUDIT_DUE_NONE;
  const GDate *due = NULL;

  g_return_val_if_fail (next != NULL, CA_AUDIT_DUE_NONE);

  if (status == CA_AUDIT_STATUS_ALLOCATED || status == CA_AUDIT_STATUS_IN_PROGRESS)
    kind = is_set (return_due) ? CA_AUDIT_DUE_RETURN : CA_AUDIT_DUE_NONE;
  else if (status == CA_AUDIT_STATUS_SUBMITTED && is_set (review_due))
    kind = CA_AUDIT_DUE_REVIEW;
  else if (status == CA_AUDIT_STATUS_SUBMITTED && is_set (response_due))
    kind = CA_AUDIT_DUE_MANAGER_RESPONSE;

  switch (kind)
    {
    case CA_AUDIT_DUE_RETURN:
      due = return_due;
      break;
    case CA_AUDIT_DUE_REVIEW:
      due = review_due;
      break;
    case CA_AUDIT_DUE_MANAGER_RESPONSE:
      due = response_due;
      break;
    case CA_AUDIT_DUE_NONE:
    default:
      break;
    }

  g_date_clear (next, 1);
  if (due != NULL)
    *next = *due;
  return kind;
}

/* The end of DAY in England: 23:59:59 local time. A deadline "within N working days of D"
 * ends there on the Nth working day after D (R-G2): it is missed when the time is later. */
GDateTime *
ca_deadline_end_of_day (const GDate *day)
{
  g_return_val_if_fail (day != NULL && g_date_valid (day), NULL);

  return g_date_time_new (ca_deadline_get_time_zone (),
                          g_date_get_year (day), g_date_get_month (day), g_date_get_day (day),
                          23, 59, 59);
}

static GDateTime *
end_of_working_day_after (const CaHolidayCalendar *calendar,
                          GDateTime               *submitted_at,
                          guint                    working_days)
{
  GDate submitted, due;

  ca_deadline_get_local_date (submitted_at, &submitted);
  ca_working_days_add (calendar, &submitted, working_days, &due);
  return ca_deadline_end_of_day (&due);
}

/* When the recommendations of an audit of CATEGORY submitted at SUBMITTED_AT must be checked
 * (R-F8), in England's time zone: Category 1 a number of clock hours after the submission,
 * Categories 2 and 3 the end of a number of working days after the day of submission, and
 * NULL for Category 4 or no category, which have no deadline. */
GDateTime *
ca_deadline_for_category (const CaHolidayCalendar *calendar,
                          int                      category,
                          GDateTime               *submitted_at,
                          const CaDeadlineRules   *rules)
{
  g_autoptr(GDateTime) later = NULL;

  g_return_val_if_fail (calendar != NULL, NULL);
  g_return_val_if_fail (category >= CA_CATEGORY_NONE && category <= CA_CATEGORY_MAX, NULL);
  g_return_val_if_fail (submitted_at != NULL, NULL);
  g_return_val_if_fail (rules != NULL, NULL);

  switch (category)
    {
    case 1:
      later = g_date_time_add_hours (submitted_at, (int) rules->category1_hours);
      return g_date_time_to_timezone (later, ca_deadline_get_time_zone ());
    case 2:
      return end_of_working_day_after (calendar, submitted_at, rules->category2_working_days);
    case 3:
      return end_of_working_day_after (calendar, submitted_at, rules->category3_working_days);
    default:
      return NULL;
    }
}

/* When the manager's response is due (R-F8, R-F9): the end of the working days after the day
 * of submission, or NULL when the audit has no actions and so needs no response. */
GDateTime *
ca_deadline_manager_response (const CaHolidayCalendar *calendar,
                              GDateTime               *submitted_at,
                              gboolean                 has_actions,
                              const CaDeadlineRules   *rules)
{
  g_return_val_if_fail (calendar != NULL, NULL);
  g_return_val_if_fail (submitted_at != NULL, NULL);
  g_return_val_if_fail (rules != NULL, NULL);

  if (!has_actions)
    return NULL;
  return end_of_working_day_after (calendar, submitted_at, rules->manager_response_working_days);
}

/* Actions on an Inadequate audit with safeguarding concerns are urgent (R-F8). */
gboolean
ca_deadline_action_is_urgent (CaGrade  overall_grade,
                              gboolean safeguarding_concerns)
{
  return overall_grade == CA_GRADE_INADEQUATE && safeguarding_concerns;
}

/* The due date an action gets unless its owner agrees another: for an urgent one the last day
 * allowed (working days after FROM), for others a number of calendar days after FROM. FROM is
 * the day the actions are set: the audit's date, or the day it is submitted. */
void
ca_deadline_action_default_due (const CaHolidayCalendar *calendar,
                                const GDate             *from,
                                gboolean                 urgent,
                                const CaDeadlineRules   *rules,
                                GDate                   *result)
{
  g_return_if_fail (calendar != NULL);
  g_return_if_fail (from != NULL && g_date_valid (from));
  g_return_if_fail (rules != NULL);
  g_return_if_fail (result != NULL);

  if (urgent)
    {
      ca_working_days_add (calendar, from, rules->urgent_action_working_days, result);
    }
  else
    {
      *result = *from;
      g_date_add_days (result, rules->action_days);
    }
}

/* Whether an action set on FROM may be due on DUE: never before FROM, and for an urgent
 * action no later than its last allowed day. Other actions may take longer than the default
 * when the owner agrees it. */
gboolean
ca_deadline_action_due_allowed (const CaHolidayCalendar *calendar,
                                const GDate             *from,
                                gboolean                 urgent,
                                const CaDeadlineRules   *rules,
                                const GDate             *due)
{
  GDate latest;

  g_return_val_if_fail (calendar != NULL, FALSE);
  g_return_val_if_fail (from != NULL && g_date_valid (from), FALSE);
  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (due != NULL && g_date_valid (due), FALSE);

  if (g_date_compare (due, from) < 0)
    return FALSE;
  if (!urgent)
    return TRUE;
  ca_working_days_add (calendar, from, rules->urgent_action_working_days, &latest);
  return g_date_compare (due, &latest) <= 0;
}
