// SPDX-License-Identifier: GPL-3.0-or-later
// R-I1, R-I2: the Head of Service tracker and escalation as the database holds them: the
// only place with their SQL. A Head of Service's service areas are those of the teams of
// everyone below them in the line management.

#define G_LOG_DOMAIN "ca-tracker-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-database-changes.h"
#include "ca-database-worker.h"
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
  g_free (escalation->reason);
  g_free (escalation);
}

/* The staff row of STAFF_REF, or 0 with ERROR set. */
static gint64
find_staff (CaDatabase  *database,
            const char  *staff_ref,
            GError     **error)
{
  g_autoptr(CaStatement) stmt = ca_database_prepare (database,
                                                     "SELECT id FROM staff WHERE staff_ref = ?",
                                                     error);
  gboolean has_row = FALSE;

  if (stmt == NULL)
    return 0;
  ca_statement_bind_text (stmt, 1, staff_ref);
  if (!ca_statement_step (stmt, &has_row, error))
    return 0;
  if (!has_row)
    {
      g_set_error (error, CA_TRACKER_STORE_ERROR, CA_TRACKER_STORE_ERROR_NOT_FOUND,
                   _("No one in this database has the staff ID “%s”."), staff_ref);
      return 0;
    }
  return ca_statement_get_int64 (stmt, 0);
}

/**
 * ca_tracker_store_list:
 * @head_ref: (nullable): a Head of Service's staff ID: only their service areas; %NULL: all
 * @on: the day actions are counted overdue against
 * @all_categories: every Category 1–3 audit, not only those graded Inadequate
 *
 * The tracker's rows (R-I2), the most recently submitted first.
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
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (on != NULL && g_date_valid (on), NULL);

  if (head_ref != NULL && find_staff (database, head_ref, error) == 0)
    return NULL;
  day = ca_date_format (on);
  stmt = ca_database_prepare (database,
    "WITH RECURSIVE below (id) AS ("
    "  SELECT id FROM staff WHERE staff_ref = ?1"
    "  UNION SELECT s.id FROM staff s JOIN below b ON s.line_manager_id = b.id), "
    "areas (id) AS (SELECT DISTINCT t.service_area_id FROM below b "
    "  JOIN staff s ON s.id = b.id JOIN team t ON t.id = s.team_id) "
    "SELECT a.id, c.case_ref, a.submitted_at, a.audit_date, sa.name, t.name, w.name, "
    "  a.overall_grade, a.category, a.review_due_at, a.recommendations_checked_at, "
    "  CASE WHEN mr.responded_on IS NOT NULL THEN 'given' "
    "       WHEN mr.id IS NOT NULL THEN 'waiting' ELSE 'none' END, "
    "  (SELECT count(*) FROM action x WHERE x.audit_id = a.id), "
    "  (SELECT count(*) FROM action x WHERE x.audit_id = a.id AND x.completed_on IS NOT NULL), "
    "  (SELECT count(*) FROM action x WHERE x.audit_id = a.id AND x.completed_on IS NULL "
    "   AND x.due_date < ?2), "
    "  (SELECT m.overall_grade FROM moderation m WHERE m.audit_id = a.id "
    "   AND m.overall_grade IS NOT NULL ORDER BY m.id DESC LIMIT 1), "
    "  hs.staff_ref, e.escalated_at, so.signed_on, so.note, hs.name "
    "FROM audit a "
    "JOIN case_file c ON c.id = a.case_id "
    "JOIN team t ON t.id = c.team_id "
    "JOIN service_area sa ON sa.id = t.service_area_id "
    "LEFT JOIN staff w ON w.id = c.allocated_worker_id "
    "LEFT JOIN manager_response mr ON mr.audit_id = a.id "
    "LEFT JOIN escalation e ON e.audit_id = a.id "
    "LEFT JOIN staff hs ON hs.id = e.head_of_service_id "
    "LEFT JOIN tracker_signoff so ON so.audit_id = a.id "
    "WHERE a.status IN ('submitted', 'closed') "
    "  AND CASE WHEN ?3 THEN a.category BETWEEN 1 AND 3 "
    "           ELSE a.overall_grade = 'inadequate' END "
    "  AND (?1 IS NULL OR t.service_area_id IN (SELECT id FROM areas)) "
    "ORDER BY coalesce (a.submitted_at, a.audit_date) DESC, c.case_ref", error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_text (stmt, 1, head_ref);
  ca_statement_bind_text (stmt, 2, day);
  ca_statement_bind_int64 (stmt, 3, all_categories);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_tracker_row_free);
  while (ca_statement_next (stmt))
    {
      CaTrackerRow *row = g_new0 (CaTrackerRow, 1);

      row->audit_id = ca_statement_get_int64 (stmt, 0);
      row->case_ref = ca_statement_dup_text (stmt, 1);
      row->month = ca_deadline_local_month (ca_statement_get_text (stmt, 2), ca_statement_get_text (stmt, 3));
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
      g_ptr_array_add (rows, row);
    }
  if (!ca_statement_check (stmt, error))
    return NULL;
  return g_steal_pointer (&rows);
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
  gboolean has_row = FALSE;

  stmt = ca_database_prepare (database,
                              "SELECT a.category, a.recommendations_checked_at IS NOT NULL, "
                              "  EXISTS (SELECT 1 FROM tracker_signoff s WHERE s.audit_id = a.id) "
                              "FROM audit a WHERE a.id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, audit_id);
  if (!ca_statement_step (stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      g_set_error (error, CA_TRACKER_STORE_ERROR, CA_TRACKER_STORE_ERROR_NOT_FOUND,
                   _("There is no audit number %" G_GINT64_FORMAT "."), audit_id);
      return FALSE;
    }
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
  staff_id = find_staff (database, record->staff_ref, error);
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
  staff_id = find_staff (database, record->staff_ref, error);
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

typedef struct
{
  char     *head_ref;
  GDate     on;
  gboolean  all_categories;
} Job;

static void
job_free (Job *job)
{
  g_free (job->head_ref);
  g_free (job);
}

static gboolean
list_job (CaDatabase    *connection,
          gpointer       data,
          gpointer      *result,
          GCancellable  *cancellable,
          GError       **error)
{
  Job *job = data;

  *result = ca_tracker_store_list (connection, job->head_ref, &job->on, job->all_categories,
                                   error);
  return *result != NULL;
}

void
ca_tracker_store_list_async (CaDatabase          *database,
                             const char          *head_ref,
                             const GDate         *on,
                             gboolean             all_categories,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Job *job = g_new0 (Job, 1);

  job->head_ref = g_strdup (head_ref);
  job->on = *on;
  job->all_categories = all_categories;
  ca_database_run_async (database, list_job, job, (GDestroyNotify) job_free,
                         (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/* Returns: (transfer full) (element-type CaTrackerRow): the rows, or %NULL with @error set */
GPtrArray *
ca_tracker_store_list_finish (GAsyncResult  *result,
                              GError       **error)
{
  gpointer rows = NULL;

  if (!ca_database_run_finish (result, &rows, error))
    return NULL;
  return rows;
}
