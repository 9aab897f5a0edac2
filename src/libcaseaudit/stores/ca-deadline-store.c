// SPDX-License-Identifier: GPL-3.0-or-later
// What is due and overdue on a day: category deadlines, manager responses, actions, returns.

#define G_LOG_DOMAIN "ca-deadline-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-action-rows.h"
#include "ca-deadline-store-private.h"
#include "core/ca-date.h"
#include "core/ca-deadlines.h"

/* Where each kind of deadline comes from. Every source gives: id, audit id, due (a date, or a
 * UTC timestamp for the category deadline), case reference, category, the name and id of who
 * it waits on, the case's team, and whether it is done. The deadline list and the calendar
 * (ca-calendar-store.c) both read these, so the two never disagree on what is due. */
static const struct
{
  CaDeadlineKind kind;
  const char    *select_from;
  const char    *due;
  const char    *done;
  const char    *person_id;
} sources[] = {
  { CA_DEADLINE_KIND_REVIEW,
    "SELECT a.id, a.id, a.review_due_at, c.case_ref, a.category, s.name, a.auditor_id, "
    "c.team_id, a.recommendations_checked_at IS NOT NULL "
    "FROM audit a JOIN case_file c ON c.id = a.case_id "
    "LEFT JOIN staff s ON s.id = a.auditor_id ",
    "a.review_due_at", "a.recommendations_checked_at IS NOT NULL", "a.auditor_id" },
  { CA_DEADLINE_KIND_MANAGER_RESPONSE,
    "SELECT m.id, a.id, m.due_date, c.case_ref, a.category, s.name, m.manager_id, "
    "c.team_id, m.responded_on IS NOT NULL "
    "FROM manager_response m JOIN audit a ON a.id = m.audit_id "
    "JOIN case_file c ON c.id = a.case_id "
    "LEFT JOIN staff s ON s.id = m.manager_id ",
    "m.due_date", "m.responded_on IS NOT NULL", "m.manager_id" },
  { CA_DEADLINE_KIND_ACTION,
    "SELECT x.id, a.id, x.due_date, c.case_ref, a.category, s.name, x.owner_id, "
    "c.team_id, x.completed_on IS NOT NULL "
    "FROM action x JOIN audit a ON a.id = x.audit_id AND " CA_ACTION_ROWS_LIVE ("x") " "
    "JOIN case_file c ON c.id = a.case_id "
    "LEFT JOIN staff s ON s.id = x.owner_id ",
    "x.due_date", "x.completed_on IS NOT NULL", "x.owner_id" },
  { CA_DEADLINE_KIND_AUDIT_RETURN,
    "SELECT a.id, a.id, a.due_date, c.case_ref, a.category, s.name, a.auditor_id, "
    "c.team_id, NOT (a.submitted_at IS NULL AND a.status IN ('allocated', 'in-progress')) "
    "FROM audit a JOIN case_file c ON c.id = a.case_id "
    "LEFT JOIN staff s ON s.id = a.auditor_id ",
    "a.due_date", "NOT (a.submitted_at IS NULL AND a.status IN ('allocated', 'in-progress'))",
    "a.auditor_id" },
  { CA_DEADLINE_KIND_MODERATION,
    "SELECT d.id, a.id, d.due_date, c.case_ref, a.category, s.name, d.moderator_id, "
    "c.team_id, d.moderated_on IS NOT NULL "
    "FROM moderation d JOIN audit a ON a.id = d.audit_id "
    "JOIN case_file c ON c.id = a.case_id "
    "LEFT JOIN staff s ON s.id = d.moderator_id ",
    "d.due_date", "d.moderated_on IS NOT NULL", "d.moderator_id" },
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
    case CA_DEADLINE_KIND_MODERATION:
      return "moderation";
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
    case CA_DEADLINE_KIND_MODERATION:
      return _("Moderation");
    default:
      g_return_val_if_reached (NULL);
    }
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
 * ca_deadline_store_foreach_due:
 * @kind: where to look
 * @from: (nullable): the first local day, or %NULL for no limit
 * @to: the last local day
 * @open_only: leave out what is done
 * @staff_id: only what waits on this member of staff (staff.id), or 0 for anybody
 * @team_id: only what concerns this team (its case, or one of its staff), or 0 for any
 * @func: called for each row whose local due day is from @from to @to
 *
 * The one query behind the deadline list and the calendar. Only action.due_date has an index
 * so far; a month of the ten-year demonstration reads in about 30 ms without the others.
 *
 * Returns: %FALSE with @error set when the query, or @func, fails
 */
gboolean
ca_deadline_store_foreach_due (CaDatabase      *db,
                               CaDeadlineKind   kind,
                               const GDate     *from,
                               const GDate     *to,
                               gboolean         open_only,
                               gint64           staff_id,
                               gint64           team_id,
                               CaDueRowFunc     func,
                               gpointer         user_data,
                               GError         **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GString) sql = NULL;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  GDate bound;
  guint s;

  g_return_val_if_fail (CA_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (to != NULL && g_date_valid (to), FALSE);
  g_return_val_if_fail (from == NULL || g_date_valid (from), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  for (s = 0; s < G_N_ELEMENTS (sources); s++)
    if (sources[s].kind == kind)
      break;
  g_return_val_if_fail (s < G_N_ELEMENTS (sources), FALSE);

  /* Text before the day after TO takes in every date and UTC time on or before it; local
   * time in England is never behind UTC, so no timestamp whose local day is TO or earlier is
   * missed. From the day before FROM for the same reason. The few extra rows are dropped
   * below once their local day is known. */
  bound = *to;
  g_date_add_days (&bound, 1);
  high = ca_date_format (&bound);
  if (from != NULL)
    {
      bound = *from;
      if (g_date_get_julian (&bound) > 1)
        g_date_subtract_days (&bound, 1);
      low = ca_date_format (&bound);
    }

  sql = g_string_new (sources[s].select_from);
  g_string_append_printf (sql, "WHERE %s < ?1", sources[s].due);
  if (low != NULL)
    g_string_append_printf (sql, " AND %s >= ?2", sources[s].due);
  if (open_only)
    g_string_append_printf (sql, " AND NOT (%s)", sources[s].done);
  if (staff_id > 0)
    g_string_append_printf (sql, " AND %s = ?3", sources[s].person_id);
  if (team_id > 0)
    g_string_append (sql, " AND (c.team_id = ?4 OR s.team_id = ?4)");

  stmt = ca_database_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, high);
  if (low != NULL)
    ca_statement_bind_text (stmt, 2, low);
  if (staff_id > 0)
    ca_statement_bind_int64 (stmt, 3, staff_id);
  if (team_id > 0)
    ca_statement_bind_int64 (stmt, 4, team_id);

  while (ca_statement_next (stmt))
    {
      CaDueRow row = { 0 };

      if (!ca_deadline_parse_day (ca_statement_get_text (stmt, 2), &row.due) ||
          g_date_compare (&row.due, to) > 0 ||
          (from != NULL && g_date_compare (&row.due, from) < 0))
        continue;

      row.kind = kind;
      row.id = ca_statement_get_int64 (stmt, 0);
      row.audit_id = ca_statement_get_int64 (stmt, 1);
      row.case_ref = ca_statement_get_text (stmt, 3);
      row.category = ca_statement_is_null (stmt, 4) ? 0 : (int) ca_statement_get_int64 (stmt, 4);
      row.person = ca_statement_get_text (stmt, 5);
      row.person_id = ca_statement_get_int64 (stmt, 6);
      row.team_id = ca_statement_get_int64 (stmt, 7);
      row.done = ca_statement_get_int64 (stmt, 8) != 0;
      if (!func (&row, user_data, error))
        return FALSE;
    }
  return ca_statement_check (stmt, error);
}

typedef struct
{
  GPtrArray               *items;
  const CaHolidayCalendar *calendar;
  const GDate             *on;
} ListData;

static gboolean
add_deadline (const CaDueRow  *row,
              gpointer         user_data,
              GError         **error)
{
  ListData *data = user_data;
  CaDeadlineItem *item = g_new0 (CaDeadlineItem, 1);

  item->kind = row->kind;
  item->id = row->id;
  item->audit_id = row->audit_id;
  item->due = row->due;
  item->overdue = g_date_compare (&row->due, data->on) < 0;
  item->overdue_days = item->overdue ? ca_working_days_between (data->calendar, &row->due,
                                                                 data->on)
                                     : 0;
  item->case_ref = g_strdup (row->case_ref);
  item->category = row->category;
  item->person = g_strdup (row->person);
  g_ptr_array_add (data->items, item);
  return TRUE;
}

static GPtrArray *
list_due (CaDatabase              *db,
          const CaHolidayCalendar *calendar,
          const GDate             *on,
          const CaDeadlineKind    *kinds,
          guint                    n_kinds,
          gint64                   staff_id,
          GError                 **error)
{
  g_autoptr(GPtrArray) items = NULL;
  ListData data;

  g_return_val_if_fail (CA_IS_DATABASE (db), NULL);
  g_return_val_if_fail (calendar != NULL, NULL);
  g_return_val_if_fail (on != NULL && g_date_valid (on), NULL);

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_deadline_item_free);
  data.items = items;
  data.calendar = calendar;
  data.on = on;
  for (guint k = 0; k < n_kinds; k++)
    if (!ca_deadline_store_foreach_due (db, kinds[k], NULL, on, TRUE, staff_id, 0,
                                        add_deadline, &data, error))
      return NULL;

  g_ptr_array_sort (items, compare_items);
  return g_steal_pointer (&items);
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
  /* Moderations are the CPP's own work, kept in the calendar rather than in this list. */
  static const CaDeadlineKind kinds[] = {
    CA_DEADLINE_KIND_REVIEW, CA_DEADLINE_KIND_MANAGER_RESPONSE, CA_DEADLINE_KIND_ACTION,
    CA_DEADLINE_KIND_AUDIT_RETURN,
  };

  return list_due (db, calendar, on, kinds, G_N_ELEMENTS (kinds), 0, error);
}

/**
 * ca_deadline_store_list_for:
 * @staff_id: the person
 *
 * What waits on @staff_id, due on @on or before it, their moderations included: what the
 * desktop reminder tells them (R-I3). Sorted as ca_deadline_store_list().
 *
 * Returns: (transfer full) (element-type CaDeadlineItem): the items, or %NULL on error
 */
GPtrArray *
ca_deadline_store_list_for (CaDatabase               *db,
                            const CaHolidayCalendar  *calendar,
                            const GDate              *on,
                            gint64                    staff_id,
                            GError                  **error)
{
  static const CaDeadlineKind kinds[] = {
    CA_DEADLINE_KIND_REVIEW, CA_DEADLINE_KIND_MANAGER_RESPONSE, CA_DEADLINE_KIND_ACTION,
    CA_DEADLINE_KIND_AUDIT_RETURN, CA_DEADLINE_KIND_MODERATION,
  };

  g_return_val_if_fail (staff_id > 0, NULL);

  return list_due (db, calendar, on, kinds, G_N_ELEMENTS (kinds), staff_id, error);
}
