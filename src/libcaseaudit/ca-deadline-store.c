// SPDX-License-Identifier: GPL-3.0-or-later
// What is due and overdue on a day: category deadlines, manager responses, actions, returns.

#define G_LOG_DOMAIN "ca-deadline-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-deadline-store.h"
#include "core/ca-date.h"
#include "core/ca-deadlines.h"

/* Each query gives: id, audit id, due (a date, or a UTC timestamp for the category deadline),
 * case reference, category, person; for what is still open and due no later than ?1. */
static const struct
{
  CaDeadlineKind kind;
  const char    *sql;
} queries[] = {
  { CA_DEADLINE_KIND_REVIEW,
    "SELECT a.id, a.id, a.review_due_at, c.case_ref, a.category, s.name "
    "FROM audit a JOIN case_file c ON c.id = a.case_id "
    "LEFT JOIN staff s ON s.id = a.auditor_id "
    "WHERE a.review_due_at IS NOT NULL AND a.recommendations_checked_at IS NULL "
    "AND a.review_due_at < ?" },
  { CA_DEADLINE_KIND_MANAGER_RESPONSE,
    "SELECT m.id, a.id, m.due_date, c.case_ref, a.category, s.name "
    "FROM manager_response m JOIN audit a ON a.id = m.audit_id "
    "JOIN case_file c ON c.id = a.case_id "
    "LEFT JOIN staff s ON s.id = m.manager_id "
    "WHERE m.due_date IS NOT NULL AND m.responded_on IS NULL AND m.due_date < ?" },
  { CA_DEADLINE_KIND_ACTION,
    "SELECT x.id, a.id, x.due_date, c.case_ref, a.category, s.name "
    "FROM action x JOIN audit a ON a.id = x.audit_id "
    "JOIN case_file c ON c.id = a.case_id "
    "LEFT JOIN staff s ON s.id = x.owner_id "
    "WHERE x.due_date IS NOT NULL AND x.completed_on IS NULL AND x.due_date < ?" },
  { CA_DEADLINE_KIND_AUDIT_RETURN,
    "SELECT a.id, a.id, a.due_date, c.case_ref, a.category, s.name "
    "FROM audit a JOIN case_file c ON c.id = a.case_id "
    "LEFT JOIN staff s ON s.id = a.auditor_id "
    "WHERE a.due_date IS NOT NULL AND a.submitted_at IS NULL "
    "AND a.status IN ('allocated', 'in-progress') AND a.due_date < ?" },
};

void
ca_deadline_item_free (CaDeadlineItem *item)
{
  if (item == NULL)
    return;

  g_free (item->case_ref);
  g_free (item->person);
  g_free (item);
}

/* The stable name scripts see (JSON). */
const char *
ca_deadline_kind_to_string (CaDeadlineKind kind)
{
  switch (kind)
    {
    case CA_DEADLINE_KIND_REVIEW:
      return "category-deadline";
    case CA_DEADLINE_KIND_MANAGER_RESPONSE:
      return "manager-response";
    case CA_DEADLINE_KIND_ACTION:
      return "action";
    case CA_DEADLINE_KIND_AUDIT_RETURN:
      return "audit-return";
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The name people see. */
const char *
ca_deadline_kind_to_label (CaDeadlineKind kind)
{
  switch (kind)
    {
    case CA_DEADLINE_KIND_REVIEW:
      return _("Category deadline");
    case CA_DEADLINE_KIND_MANAGER_RESPONSE:
      return _("Manager response");
    case CA_DEADLINE_KIND_ACTION:
      return _("Action");
    case CA_DEADLINE_KIND_AUDIT_RETURN:
      return _("Audit return");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The local day of a stored due value: a date as it is, a timestamp in England's time. */
static gboolean
due_day (const char *text,
         GDate      *day)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) moment = NULL;

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

/* Category 1 first, then the most overdue, then the longest waiting. */
static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const CaDeadlineItem *x = *(CaDeadlineItem * const *) a;
  const CaDeadlineItem *y = *(CaDeadlineItem * const *) b;
  gboolean x_first = x->category == 1, y_first = y->category == 1;
  int order;

  if (x_first != y_first)
    return x_first ? -1 : 1;
  if (x->overdue_days != y->overdue_days)
    return x->overdue_days > y->overdue_days ? -1 : 1;
  if ((order = g_date_compare (&x->due, &y->due)) != 0)
    return order;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if ((order = g_strcmp0 (x->case_ref, y->case_ref)) != 0)
    return order;
  return x->id < y->id ? -1 : x->id > y->id;
}

/**
 * ca_deadline_store_list:
 * @calendar: the bank holidays to count working days with
 * @on: the day asked about
 *
 * Everything still open that falls due on @on or fell due before it: category deadlines
 * whose recommendations are not yet checked, manager responses not yet given, actions not
 * completed and audits not yet submitted. Overdue counts working days after the due date up
 * to and including @on. Sorted: Category 1 first, then the most overdue.
 *
 * Returns: (transfer full) (element-type CaDeadlineItem): the items, or %NULL on error
 */
GPtrArray *
ca_deadline_store_list (CaDatabase               *db,
                        const CaHolidayCalendar  *calendar,
                        const GDate              *on,
                        GError                  **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *bound = NULL;
  GDate next;

  g_return_val_if_fail (CA_IS_DATABASE (db), NULL);
  g_return_val_if_fail (calendar != NULL, NULL);
  g_return_val_if_fail (on != NULL && g_date_valid (on), NULL);

  /* Text before the next day takes in every date and UTC time on or before it; local time in
   * England is never behind UTC, so no timestamp whose local day is ON or earlier is missed,
   * and the few later ones are dropped below. */
  next = *on;
  g_date_add_days (&next, 1);
  bound = ca_date_format (&next);

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_deadline_item_free);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(CaStatement) stmt = ca_database_prepare (db, queries[q].sql, error);
      gboolean has_row = FALSE;

      if (stmt == NULL)
        return NULL;
      ca_statement_bind_text (stmt, 1, bound);
      for (;;)
        {
          g_autoptr(CaDeadlineItem) item = NULL;
          GDate due;

          if (!ca_statement_step (stmt, &has_row, error))
            return NULL;
          if (!has_row)
            break;
          if (!due_day (ca_statement_get_text (stmt, 2), &due) || g_date_compare (&due, on) > 0)
            continue;

          item = g_new0 (CaDeadlineItem, 1);
          item->kind = queries[q].kind;
          item->id = ca_statement_get_int64 (stmt, 0);
          item->audit_id = ca_statement_get_int64 (stmt, 1);
          item->due = due;
          item->overdue = g_date_compare (&due, on) < 0;
          item->overdue_days = item->overdue ? ca_working_days_between (calendar, &due, on) : 0;
          item->case_ref = ca_statement_dup_text (stmt, 3);
          item->category = ca_statement_is_null (stmt, 4) ? 0
                                                          : (int) ca_statement_get_int64 (stmt, 4);
          item->person = ca_statement_dup_text (stmt, 5);
          g_ptr_array_add (items, g_steal_pointer (&item));
        }
    }

  g_ptr_array_sort (items, compare_items);
  return g_steal_pointer (&items);
}
