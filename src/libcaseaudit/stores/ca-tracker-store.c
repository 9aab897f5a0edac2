// SPDX-License-Identifier: GPL-3.0-or-later
// R-I1, R-I2: the Head of Service tracker and escalation as the database holds them: the
// only place with their SQL. A Head of Service's service areas are those of the teams of
// everyone below them in the line management. The tracker's filters (service area, months
// of submission, open or signed off) are part of its query.

#define G_LOG_DOMAIN "ca-tracker-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-action-rows.h"
#include "ca-database-changes.h"
#include "ca-database-worker.h"
#include "ca-store-staff.h"
#include "ca-tracker-store.h"
#include "core/ca-date.h"
#include "core/ca-deadlines.h"
#include "core/ca-escalation.h"
#include "core/ca-line-managers.h"

G_DEFINE_QUARK (ca-tracker-store-error-quark, ca_tracker_store_error)

void
ca_tracker_row_free (CaTrackerRow *row)
{
  if (row == NULL)
    return;
  g_free (row->case_ref);
  g_free (row->month);
  g_free (row->service_area);
  g_free (row->team);
  g_free (row->worker);
  g_free (row->deadline);
  g_free (row->checked_at);
  g_free (row->response);
  g_free (row->escalated_to);
  g_free (row->escalated_name);
  g_free (row->escalated_at);
  g_free (row->signed_off_on);
  g_free (row->signoff_note);
  g_free (row);
}

void
ca_escalation_free (CaEscalation *escalation)
{
  if (escalation == NULL)
    return;
  g_free (escalation->case_ref);
  g_free (escalation->deadline);
  g_free (escalation->head_ref);
  g_free (escalation->head_name);
  g_free (escalation->head_email);
  g_free (escalation->escalated_at);
  g_free (escalation->reason);
  g_free (escalation);
}

CaTrackerQuery *
ca_tracker_query_new (const char  *head_ref,
                      const GDate *on,
                      gboolean     all_categories)
{
  CaTrackerQuery *query = g_new0 (CaTrackerQuery, 1);

  g_return_val_if_fail (on != NULL && g_date_valid (on), query);

  query->head_ref = g_strdup (head_ref);
  query->on = *on;
  query->all_categories = all_categories;
  query->status = CA_TRACKER_STATUS_ALL;
  return query;
}

CaTrackerQuery *
ca_tracker_query_copy (const CaTrackerQuery *query)
{
  CaTrackerQuery *copy = g_memdup2 (query, sizeof *query);

  copy->head_ref = g_strdup (query->head_ref);
  copy->service_area = g_strdup (query->service_area);
  copy->from_month = g_strdup (query->from_month);
  copy->to_month = g_strdup (query->to_month);
  return copy;
}

void
ca_tracker_query_free (CaTrackerQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->head_ref);
  g_free (query->service_area);
  g_free (query->from_month);
  g_free (query->to_month);
  g_free (query);
}

void
ca_tracker_list_free (CaTrackerList *list)
{
  if (list == NULL)
    return;
  g_clear_pointer (&list->rows, g_ptr_array_unref);
  g_free (list->head_name);
  g_strfreev (list->service_areas);
  g_free (list->first_month);
  g_free (list->last_month);
  g_free (list);
}

/* The audits the tracker follows: those submitted (or closed) of ?1's service areas (a Head
 * of Service's staff ID; NULL: every service area), Category 1–3 when ?3 is true, else those
 * graded Inadequate. A Head of Service's areas are those of the teams of everyone below
 * them. */
#define TRACKED_AREAS                                                                        \
  "WITH RECURSIVE below (id) AS ("                                                           \
  "  SELECT id FROM staff WHERE staff_ref = ?1"                                              \
  "  UNION SELECT s.id FROM staff s JOIN below b ON s.line_manager_id = b.id), "             \
  "areas (id) AS (SELECT DISTINCT t.service_area_id FROM below b "                           \
  "  JOIN staff s ON s.id = b.id JOIN team t ON t.id = s.team_id) "
#define TRACKED_AUDITS                                                                       \
  "FROM audit a "                                                                            \
  "JOIN case_file c ON c.id = a.case_id "                                                    \
  "JOIN team t ON t.id = c.team_id "                                                         \
  "JOIN service_area sa ON sa.id = t.service_area_id "
#define TRACKED_WHERE                                                                        \
  "WHERE a.status IN ('submitted', 'closed') "                                               \
  "  AND CASE WHEN ?3 THEN a.category BETWEEN 1 AND 3 "                                      \
  "           ELSE a.overall_grade = 'inadequate' END "                                      \
  "  AND (?1 IS NULL OR t.service_area_id IN (SELECT id FROM areas)) "

/* The UTC text bounds of the moments submitted in FROM_MONTH to TO_MONTH in England (either
 * nullable: no bound), for a comparison with the stored text: England is never behind UTC
 * and at most an hour ahead, so a month's moments start on the UTC day before its first and
 * end before the next month's first day. Rows are then kept by their month in England. */
static void
month_bounds (const char  *from_month,
              const char  *to_month,
              char       **after,
              char       **before)
{
  GDate day;

  *after = NULL;
  *before = NULL;
  if (from_month != NULL && ca_date_parse_month (from_month, &day))
    {
      g_date_subtract_days (&day, 1);
      *after = ca_date_format (&day);
    }
  if (to_month != NULL && ca_date_parse_month (to_month, &day))
    {
      g_date_add_months (&day, 1);
      *before = ca_date_format (&day);
    }
}

/**
 * ca_tracker_store_query:
 * @query: whose audits, which, and the filters
 *
 * The tracker's rows (R-I2) for @query, the most recently submitted first.
 *
 * Returns: (transfer full) (element-type CaTrackerRow): the rows, or %NULL with @error set
 */
GPtrArray *
ca_tracker_store_query (CaDatabase            *database,
                        const CaTrackerQuery  *query,
                        GError               **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *day = NULL;
  g_autofree char *after = NULL;
  g_autofree char *before = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (query != NULL && g_date_valid (&query->on), NULL);

  if (query->head_ref != NULL &&
      ca_store_find_staff (database, query->head_ref, NULL, CA_TRACKER_STORE_ERROR,
                           CA_TRACKER_STORE_ERROR_NOT_FOUND, error) == 0)
    return NULL;
  day = ca_date_format (&query->on);
  month_bounds (query->from_month, query->to_month, &after, &before);
  stmt = ca_database_prepare (database,
    TRACKED_AREAS
    "SELECT a.id, c.case_ref, a.submitted_at, a.audit_date, sa.name, t.name, w.name, "
    "  a.overall_grade, a.category, a.review_due_at, a.recommendations_checked_at, "
    "  CASE WHEN mr.responded_on IS NOT NULL THEN 'given' "
    "       WHEN mr.id IS NOT NULL THEN 'waiting' ELSE 'none' END, "
    "  (SELECT count(*) FROM action x WHERE x.audit_id = a.id AND " CA_ACTION_ROWS_LIVE ("x") "), "
    "  (SELECT count(*) FROM action x WHERE x.audit_id = a.id AND x.completed_on IS NOT NULL "
    "   AND " CA_ACTION_ROWS_LIVE ("x") "), "
    "  (SELECT count(*) FROM action x WHERE x.audit_id = a.id AND x.completed_on IS NULL "
    "   AND x.due_date < ?2 AND " CA_ACTION_ROWS_LIVE ("x") "), "
    "  (SELECT m.overall_grade FROM moderation m WHERE m.audit_id = a.id "
    "   AND m.overall_grade IS NOT NULL ORDER BY m.id DESC LIMIT 1), "
    "  hs.staff_ref, e.escalated_at, so.signed_on, so.note, hs.name, "
    "  (SELECT count(*) FROM action x WHERE x.audit_id = a.id "
    "   AND x.signed_off_on IS NOT NULL AND " CA_ACTION_ROWS_LIVE ("x") ") "
    TRACKED_AUDITS
    "LEFT JOIN staff w ON w.id = c.allocated_worker_id "
    "LEFT JOIN manager_response mr ON mr.audit_id = a.id "
    "LEFT JOIN escalation e ON e.audit_id = a.id "
    "LEFT JOIN staff hs ON hs.id = e.head_of_service_id "
    "LEFT JOIN tracker_signoff so ON so.audit_id = a.id "
    TRACKED_WHERE
    "  AND (?4 IS NULL OR sa.name = ?4) "
    "  AND (?5 IS NULL OR coalesce (a.submitted_at, a.audit_date) >= ?5) "
    "  AND (?6 IS NULL OR coalesce (a.submitted_at, a.audit_date) < ?6) "
    "  AND CASE ?7 WHEN 1 THEN so.audit_id IS NULL "
    "              WHEN 2 THEN so.audit_id IS NOT NULL ELSE 1 END "
    "ORDER BY coalesce (a.submitted_at, a.audit_date) DESC, c.case_ref", error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_text (stmt, 1, query->head_ref);
  ca_statement_bind_text (stmt, 2, day);
  ca_statement_bind_int64 (stmt, 3, query->all_categories);
  ca_statement_bind_text (stmt, 4, query->service_area);
  ca_statement_bind_text (stmt, 5, after);
  ca_statement_bind_text (stmt, 6, before);
  ca_statement_bind_int64 (stmt, 7, query->status == CA_TRACKER_STATUS_OPEN ? 1
                                    : query->status == CA_TRACKER_STATUS_SIGNED_OFF ? 2 : 0);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_tracker_row_free);
  while (ca_statement_next (stmt))
    {
      g_autofree char *month = ca_deadline_local_month (ca_statement_get_text (stmt, 2),
                                                        ca_statement_get_text (stmt, 3));
      CaTrackerRow *row;

      /* The SQL's bounds take a day either side: the month in England decides. */
      if ((query->from_month != NULL && g_strcmp0 (month, query->from_month) < 0) ||
          (query->to_month != NULL && g_strcmp0 (month, query->to_month) > 0))
        continue;
      row = g_new0 (CaTrackerRow, 1);
      row->audit_id = ca_statement_get_int64 (stmt, 0);
      row->case_ref = ca_statement_dup_text (stmt, 1);
      row->month = g_steal_pointer (&month);
      row->service_area = ca_statement_dup_text (stmt, 4);
      row->team = ca_statement_dup_text (stmt, 5);
      row->worker = ca_statement_dup_text (stmt, 6);
      row->overall_grade = ca_grade_from_string (ca_statement_get_text (stmt, 7));
      row->category = (int) ca_statement_get_int64 (stmt, 8);
      row->deadline = ca_statement_dup_text (stmt, 9);
      row->checked_at = ca_statement_dup_text (stmt, 10);
      row->response = ca_statement_dup_text (stmt, 11);
      row->actions_total = (guint) ca_statement_get_int64 (stmt, 12);
      row->actions_done = (guint) ca_statement_get_int64 (stmt, 13);
      row->actions_overdue = (guint) ca_statement_get_int64 (stmt, 14);
      row->moderation_grade = ca_grade_from_string (ca_statement_get_text (stmt, 15));
      row->escalated_to = ca_statement_dup_text (stmt, 16);
      row->escalated_at = ca_statement_dup_text (stmt, 17);
      row->signed_off_on = ca_statement_dup_text (stmt, 18);
      row->signoff_note = ca_statement_dup_text (stmt, 19);
      row->escalated_name = ca_statement_dup_text (stmt, 20);
      row->actions_signed_off = (guint) ca_statement_get_int64 (stmt, 21);
      g_ptr_array_add (rows, row);
    }
  if (!ca_statement_check (stmt, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/**
 * ca_tracker_store_list:
 * @head_ref: (nullable): a Head of Service's staff ID: only their service areas; %NULL: all
 * @on: the day actions are counted overdue against
 * @all_categories: every Category 1–3 audit, not only those graded Inadequate
 *
 * The tracker's rows (R-I2), open and signed off, the most recently submitted first.
 *
 * Returns: (transfer full) (element-type CaTrackerRow): the rows, or %NULL with @error set
 */
GPtrArray *
ca_tracker_store_list (CaDatabase   *database,
                       const char   *head_ref,
                       const GDate  *on,
                       gboolean      all_categories,
                       GError      **error)
{
  g_autoptr(CaTrackerQuery) query = NULL;

  g_return_val_if_fail (on != NULL && g_date_valid (on), NULL);

  query = ca_tracker_query_new (head_ref, on, all_categories);
  return ca_tracker_store_query (database, query, error);
}

/* The service areas of the audits followed for QUERY's person and categories, and the
 * months of the first and the last of them. */
static gboolean
read_choices (CaDatabase            *database,
              const CaTrackerQuery  *query,
              CaTrackerList         *list,
              GError               **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GStrvBuilder) areas = g_strv_builder_new ();

  stmt = ca_database_prepare (database,
                              TRACKED_AREAS
                              "SELECT sa.name, min (coalesce (a.submitted_at, a.audit_date)), "
                              "  max (coalesce (a.submitted_at, a.audit_date)) "
                              TRACKED_AUDITS
                              TRACKED_WHERE
                              "GROUP BY sa.name ORDER BY sa.name", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, query->head_ref);
  ca_statement_bind_int64 (stmt, 3, query->all_categories);
  while (ca_statement_next (stmt))
    {
      const char *first = ca_statement_get_text (stmt, 1);
      const char *last = ca_statement_get_text (stmt, 2);
      g_autofree char *first_month = ca_deadline_local_month (first, first);
      g_autofree char *last_month = ca_deadline_local_month (last, last);

      g_strv_builder_add (areas, ca_statement_get_text (stmt, 0));
      if (first_month != NULL &&
          (list->first_month == NULL || strcmp (first_month, list->first_month) < 0))
        {
          g_free (list->first_month);
          list->first_month = g_steal_pointer (&first_month);
        }
      if (last_month != NULL &&
          (list->last_month == NULL || strcmp (last_month, list->last_month) > 0))
        {
          g_free (list->last_month);
          list->last_month = g_steal_pointer (&last_month);
        }
    }
  list->service_areas = g_strv_builder_end (areas);
  return ca_statement_check (stmt, error);
}

/**
 * ca_tracker_store_read:
 * @query: whose audits, which, and the filters
 *
 * What the tracker's window shows at once: the rows of @query (ca_tracker_store_query()),
 * the name of its Head of Service, and the service areas and months its filters offer.
 *
 * Returns: (transfer full): the list, or %NULL with @error set
 */
CaTrackerList *
ca_tracker_store_read (CaDatabase            *database,
                       const CaTrackerQuery  *query,
                       GError               **error)
{
  g_autoptr(CaTrackerList) list = g_new0 (CaTrackerList, 1);

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (query->head_ref != NULL &&
      ca_store_find_staff (database, query->head_ref, &list->head_name, CA_TRACKER_STORE_ERROR,
                           CA_TRACKER_STORE_ERROR_NOT_FOUND, error) == 0)
    return NULL;
  list->rows = ca_tracker_store_query (database, query, error);
  if (list->rows == NULL || !read_choices (database, query, list, error))
    return NULL;
  return g_steal_pointer (&list);
}

/* Whom each audit goes up to: the line management, and who is a Head of Service. */
typedef struct
{
  GHashTable *line_managers;
  GHashTable *heads;
  GHashTable *team_managers;   /* team id → a team manager's staff id (same shape as the
                                * line managers: one id to another) */
} Chains;

static void
chains_clear (Chains *chains)
{
  g_clear_pointer (&chains->line_managers, g_hash_table_unref);
  g_clear_pointer (&chains->heads, g_hash_table_unref);
  g_clear_pointer (&chains->team_managers, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Chains, chains_clear)

static gboolean
load_chains (CaDatabase  *database,
             Chains      *chains,
             GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  chains->line_managers = ca_line_managers_new ();
  chains->heads = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  chains->team_managers = ca_line_managers_new ();
  stmt = ca_database_prepare (database,
                              "SELECT id, line_manager_id, role_code, team_id, active "
                              "FROM staff ORDER BY id DESC", error);
  if (stmt == NULL)
    return FALSE;
  while (ca_statement_next (stmt))
    {
      gint64 id = ca_statement_get_int64 (stmt, 0);
      const char *role = ca_statement_get_text (stmt, 2);
      gboolean active = ca_statement_get_int64 (stmt, 4) != 0;

      if (!ca_statement_is_null (stmt, 1))
        ca_line_managers_add (chains->line_managers, id,
                                         ca_statement_get_int64 (stmt, 1));
      if (active && g_strcmp0 (role, "head-of-service") == 0)
        g_hash_table_add (chains->heads, g_memdup2 (&id, sizeof id));
      /* The lowest-numbered active team manager of each team (rows come highest first). */
      if (active && g_strcmp0 (role, "team-manager") == 0 && !ca_statement_is_null (stmt, 3))
        ca_line_managers_add (chains->team_managers, ca_statement_get_int64 (stmt, 3),
                                         id);
    }
  return ca_statement_check (stmt, error);
}

/* The Head of Service above the case: up from its worker, or from its team's manager when
 * it has no worker (or the worker's chain reaches none). */
static gint64
head_above (const Chains *chains,
            gint64        worker_id,
            gint64        team_id)
{
  gint64 head = worker_id != 0
                  ? ca_escalation_head_of_service (chains->line_managers, chains->heads, worker_id)
                  : 0;
  const gint64 *manager = g_hash_table_lookup (chains->team_managers, &team_id);

  if (head == 0 && manager != NULL)
    head = ca_escalation_head_of_service (chains->line_managers, chains->heads, *manager);
  return head;
}

typedef struct
{
  GDateTime *now;
  gboolean   dry_run;
  GPtrArray *made;
} Escalate;

static gboolean
escalate_in_transaction (CaDatabase  *database,
                         gpointer     user_data,
                         GError     **error)
{
  Escalate *escalate = user_data;
  g_auto(Chains) chains = { NULL, };
  g_autoptr(CaStatement) due = NULL;
  g_autoptr(CaStatement) insert = NULL;
  g_autoptr(CaStatement) head = NULL;
  g_autofree char *now_text = g_date_time_format_iso8601 (escalate->now);

  if (!load_chains (database, &chains, error))
    return FALSE;
  due = ca_database_prepare (database,
                             "SELECT a.id, c.case_ref, a.category, a.review_due_at, "
                             "  c.allocated_worker_id, c.team_id "
                             "FROM audit a JOIN case_file c ON c.id = a.case_id "
                             "WHERE a.category BETWEEN 1 AND 3 AND a.review_due_at IS NOT NULL "
                             "  AND a.recommendations_checked_at IS NULL "
                             "  AND a.status IN ('submitted', 'closed') "
                             "  AND NOT EXISTS (SELECT 1 FROM escalation e "
                             "                  WHERE e.audit_id = a.id) "
                             "ORDER BY a.review_due_at, c.case_ref", error);
  insert = ca_database_prepare (database,
                                "INSERT INTO escalation (audit_id, head_of_service_id, "
                                "  escalated_at, deadline, reason) VALUES (?, ?, ?, ?, ?)", error);
  head = ca_database_prepare (database, "SELECT staff_ref, name FROM staff WHERE id = ?",
                              error);
  if (due == NULL || insert == NULL || head == NULL)
    return FALSE;

  while (ca_statement_next (due))
    {
      g_autoptr(GDateTime) deadline = g_date_time_new_from_iso8601 (ca_statement_get_text (due, 3),
                                                                    NULL);
      CaEscalation *made;
      gint64 head_id;

      if (!ca_escalation_is_due (deadline, FALSE, escalate->now))
        continue;
      made = g_new0 (CaEscalation, 1);
      made->audit_id = ca_statement_get_int64 (due, 0);
      made->case_ref = ca_statement_dup_text (due, 1);
      made->category = (int) ca_statement_get_int64 (due, 2);
      made->deadline = ca_statement_dup_text (due, 3);
      made->reason = ca_escalation_reason (made->category, deadline);
      head_id = head_above (&chains,
                            ca_statement_is_null (due, 4) ? 0 : ca_statement_get_int64 (due, 4),
                            ca_statement_get_int64 (due, 5));
      g_ptr_array_add (escalate->made, made);
      if (head_id != 0)
        {
          gboolean has_row = FALSE;

          ca_statement_reset (head);
          ca_statement_bind_int64 (head, 1, head_id);
          if (!ca_statement_step (head, &has_row, error))
            return FALSE;
          made->head_ref = ca_statement_dup_text (head, 0);
          made->head_name = ca_statement_dup_text (head, 1);
        }
      if (escalate->dry_run)
        continue;

      ca_statement_reset (insert);
      ca_statement_bind_int64 (insert, 1, made->audit_id);
      if (head_id != 0)
        ca_statement_bind_int64 (insert, 2, head_id);
      ca_statement_bind_text (insert, 3, now_text);
      ca_statement_bind_text (insert, 4, made->deadline);
      ca_statement_bind_text (insert, 5, made->reason);
      if (!ca_statement_run (insert, error) ||
          !ca_database_record_change (database, now_text, "audit", made->audit_id, "escalated_to",
                                      NULL, made->head_ref, error))
        return FALSE;
      ca_database_note_change (database, CA_CHANGE_AUDIT, made->audit_id);
    }
  return ca_statement_check (due, error);
}

/**
 * ca_tracker_store_escalate:
 * @now: the moment to judge deadlines at
 * @dry_run: say what would be escalated, and record nothing
 *
 * R-I1: every Category 1–3 audit whose recommendations were not checked by its deadline,
 * and not escalated before, escalated to the Head of Service above its case's team, with
 * the change in the audit's history; all in one transaction. Running it again records
 * nothing new.
 *
 * Returns: (transfer full) (element-type CaEscalation): what was escalated (or would be),
 *   or %NULL with @error set
 */
GPtrArray *
ca_tracker_store_escalate (CaDatabase  *database,
                           GDateTime   *now,
                           gboolean     dry_run,
                           GError     **error)
{
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_escalation_free);
  Escalate escalate = { now, dry_run, made };

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (!ca_database_transaction (database, escalate_in_transaction, &escalate, error))
    return NULL;
  return g_steal_pointer (&made);
}

typedef struct
{
  gint64       audit_id;
  const char  *staff_ref;
  const char  *note;
  GDateTime   *now;
  const GDate *on;
} Record;

/* The audit's category and whether it is checked or signed off; FALSE with ERROR set when
 * there is no such audit or it is not followed on the tracker. */
static gboolean
read_tracked (CaDatabase  *database,
              gint64       audit_id,
              gboolean    *checked,
              gboolean    *signed_off,
              GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (database,
                              "SELECT a.category, a.recommendations_checked_at IS NOT NULL, "
                              "  EXISTS (SELECT 1 FROM tracker_signoff s WHERE s.audit_id = a.id) "
                              "FROM audit a WHERE a.id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, audit_id);
  if (!ca_statement_step_one (stmt, error, CA_TRACKER_STORE_ERROR,
                              CA_TRACKER_STORE_ERROR_NOT_FOUND,
                              _("There is no audit number %" G_GINT64_FORMAT "."), audit_id))
    return FALSE;
  if (ca_statement_is_null (stmt, 0) || ca_statement_get_int64 (stmt, 0) > 3)
    {
      g_set_error (error, CA_TRACKER_STORE_ERROR, CA_TRACKER_STORE_ERROR_NOT_TRACKED,
                   _("Audit %" G_GINT64_FORMAT " is not Category 1, 2 or 3, so it has no "
                     "recommendations to check."), audit_id);
      return FALSE;
    }
  *checked = ca_statement_get_int64 (stmt, 1) != 0;
  *signed_off = ca_statement_get_int64 (stmt, 2) != 0;
  return TRUE;
}

static gboolean
check_in_transaction (CaDatabase  *database,
                      gpointer     user_data,
                      GError     **error)
{
  Record *record = user_data;
  g_autoptr(CaStatement) update = NULL;
  g_autofree char *now_text = g_date_time_format_iso8601 (record->now);
  gboolean checked, signed_off;
  gint64 staff_id;

  if (!read_tracked (database, record->audit_id, &checked, &signed_off, error))
    return FALSE;
  if (checked)
    {
      g_set_error (error, CA_TRACKER_STORE_ERROR, CA_TRACKER_STORE_ERROR_DONE,
                   _("The recommendations of audit %" G_GINT64_FORMAT " were checked already."),
                   record->audit_id);
      return FALSE;
    }
  staff_id = ca_store_find_staff (database, record->staff_ref, NULL, CA_TRACKER_STORE_ERROR,
                                  CA_TRACKER_STORE_ERROR_NOT_FOUND, error);
  if (staff_id == 0)
    return FALSE;
  if (!ca_database_update_tracked (database, "audit", record->audit_id,
                                   "recommendations_checked_at", now_text, error))
    return FALSE;
  update = ca_database_prepare (database,
                                "UPDATE audit SET recommendations_checked_by = ?, "
                                "  recommendations_checked_note = ? WHERE id = ?", error);
  if (update == NULL)
    return FALSE;
  ca_statement_bind_int64 (update, 1, staff_id);
  ca_statement_bind_text (update, 2, record->note);
  ca_statement_bind_int64 (update, 3, record->audit_id);
  if (!ca_statement_run (update, error) ||
      !ca_database_record_change (database, now_text, "audit", record->audit_id,
                                  "recommendations_checked_by", NULL, record->staff_ref, error))
    return FALSE;
  ca_database_note_change (database, CA_CHANGE_AUDIT, record->audit_id);
  return TRUE;
}

/**
 * ca_tracker_store_check:
 * @staff_ref: who checked them
 * @note: (nullable): what they noted
 *
 * Records that @audit_id's recommendations were checked (R-I1): who, when, a note, with
 * the change history. Refused for an audit not Category 1–3 or checked already.
 */
gboolean
ca_tracker_store_check (CaDatabase   *database,
                        gint64        audit_id,
                        const char   *staff_ref,
                        const char   *note,
                        GDateTime    *now,
                        GError      **error)
{
  Record record = { audit_id, staff_ref, note, now, NULL };

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (staff_ref != NULL && now != NULL, FALSE);

  return ca_database_transaction (database, check_in_transaction, &record, error);
}

static gboolean
sign_off_in_transaction (CaDatabase  *database,
                         gpointer     user_data,
                         GError     **error)
{
  Record *record = user_data;
  g_autoptr(CaStatement) insert = NULL;
  g_autofree char *day = ca_date_format (record->on);
  gboolean checked, signed_off;
  gint64 staff_id;

  if (!read_tracked (database, record->audit_id, &checked, &signed_off, error))
    return FALSE;
  if (!checked)
    {
      g_set_error (error, CA_TRACKER_STORE_ERROR, CA_TRACKER_STORE_ERROR_NOT_CHECKED,
                   _("A case is signed off once its recommendations are checked, and those of "
                     "audit %" G_GINT64_FORMAT " are not yet."), record->audit_id);
      return FALSE;
    }
  if (signed_off)
    {
      g_set_error (error, CA_TRACKER_STORE_ERROR, CA_TRACKER_STORE_ERROR_DONE,
                   _("Audit %" G_GINT64_FORMAT " was signed off already."), record->audit_id);
      return FALSE;
    }
  staff_id = ca_store_find_staff (database, record->staff_ref, NULL, CA_TRACKER_STORE_ERROR,
                                  CA_TRACKER_STORE_ERROR_NOT_FOUND, error);
  if (staff_id == 0)
    return FALSE;
  insert = ca_database_prepare (database,
                                "INSERT INTO tracker_signoff (audit_id, signed_by, signed_on, note) "
                                "VALUES (?, ?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  ca_statement_bind_int64 (insert, 1, record->audit_id);
  ca_statement_bind_int64 (insert, 2, staff_id);
  ca_statement_bind_text (insert, 3, day);
  ca_statement_bind_text (insert, 4, record->note);
  if (!ca_statement_run (insert, error) ||
      !ca_database_record_change (database, NULL, "audit", record->audit_id, "signed_off",
                                  NULL, record->staff_ref, error))
    return FALSE;
  ca_database_note_change (database, CA_CHANGE_AUDIT, record->audit_id);
  return TRUE;
}

/**
 * ca_tracker_store_sign_off:
 * @staff_ref: the Head of Service signing off
 * @on: the day of the sign-off
 * @note: (nullable): their note
 *
 * The Head of Service's sign-off that closes @audit_id on the tracker (R-I2), with the
 * change history. Refused before its recommendations are checked, or twice.
 */
gboolean
ca_tracker_store_sign_off (CaDatabase   *database,
                           gint64        audit_id,
                           const char   *staff_ref,
                           const GDate  *on,
                           const char   *note,
                           GError      **error)
{
  Record record = { audit_id, staff_ref, note, NULL, on };

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (staff_ref != NULL && on != NULL, FALSE);

  return ca_database_transaction (database, sign_off_in_transaction, &record, error);
}

/* The window's read, on the database's worker; its writes go through ca_view_write(). */

static gboolean
read_job (CaDatabase    *connection,
          gpointer       data,
          gpointer      *result,
          GCancellable  *cancellable,
          GError       **error)
{
  *result = ca_tracker_store_read (connection, data, error);
  return *result != NULL;
}

/* ca_tracker_store_read() on the database's worker. */
void
ca_tracker_store_read_async (CaDatabase            *database,
                             const CaTrackerQuery  *query,
                             GCancellable          *cancellable,
                             GAsyncReadyCallback    callback,
                             gpointer               user_data)
{
  g_return_if_fail (query != NULL);

  ca_database_run_async (database, read_job, ca_tracker_query_copy (query),
                         (GDestroyNotify) ca_tracker_query_free,
                         (GDestroyNotify) ca_tracker_list_free, cancellable, callback, user_data);
}

/* Returns: (transfer full): the list, or %NULL with @error set */
CaTrackerList *
ca_tracker_store_read_finish (GAsyncResult  *result,
                              GError       **error)
{
  gpointer list = NULL;

  if (!ca_database_run_finish (result, &list, error))
    return NULL;
  return list;
}

/**
 * ca_tracker_store_load_escalation:
 *
 * The escalation recorded for audit @audit_id, with the Head of Service's name and e-mail
 * address: what the e-mail to them says (R-I1).
 *
 * Returns: (transfer full): the escalation, or %NULL with @error set (%CA_TRACKER_STORE_ERROR
 *   when the audit has none)
 */
CaEscalation *
ca_tracker_store_load_escalation (CaDatabase  *database,
                                  gint64       audit_id,
                                  GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  CaEscalation *escalation;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);

  stmt = ca_database_prepare (database,
                              "SELECT c.case_ref, a.category, e.deadline, e.reason, "
                              "  e.escalated_at, s.staff_ref, s.name, s.email "
                              "FROM escalation e JOIN audit a ON a.id = e.audit_id "
                              "JOIN case_file c ON c.id = a.case_id "
                              "LEFT JOIN staff s ON s.id = e.head_of_service_id "
                              "WHERE e.audit_id = ?", error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_int64 (stmt, 1, audit_id);
  if (!ca_statement_step_one (stmt, error, CA_TRACKER_STORE_ERROR, CA_TRACKER_STORE_ERROR_NOT_FOUND,
                              _("This audit has not been escalated.")))
    return NULL;
  escalation = g_new0 (CaEscalation, 1);
  escalation->audit_id = audit_id;
  escalation->case_ref = ca_statement_dup_text (stmt, 0);
  escalation->category = (int) ca_statement_get_int64 (stmt, 1);
  escalation->deadline = ca_statement_dup_text (stmt, 2);
  escalation->reason = ca_statement_dup_text (stmt, 3);
  escalation->escalated_at = ca_statement_dup_text (stmt, 4);
  escalation->head_ref = ca_statement_dup_text (stmt, 5);
  escalation->head_name = ca_statement_dup_text (stmt, 6);
  escalation->head_email = ca_statement_dup_text (stmt, 7);
  return escalation;
}
