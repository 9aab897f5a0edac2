// SPDX-License-Identifier: GPL-3.0-or-later
// Allocation runs in the database: gather a month's cases and auditors, preview a run,
// commit it as audits in one transaction, list and cancel runs (R-D1–R-D5).

#define G_LOG_DOMAIN "ca-allocation-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ca-allocation-store.h"
#include "ca-database-worker.h"
#include "ca-json-scan.h"
#include "ca-tool-store.h"
#include "core/ca-date.h"

/* The tool a monthly social-care allocation uses (data/tools/stage-1.json). */
#define STAGE_1_TOOL "stage-1"

G_DEFINE_QUARK (ca-allocation-store-error-quark, ca_allocation_store_error)

/* ------------------------------------------------------------------------------------------
 * Records
 * ---------------------------------------------------------------------------------------- */

void
ca_allocation_preview_free (CaAllocationPreview *preview)
{
  if (preview == NULL)
    return;

  ca_allocation_settings_free (preview->settings);
  ca_allocation_input_free (preview->input);
  ca_allocation_result_free (preview->result);
  g_free (preview);
}

const CaAllocationAuditor *
ca_allocation_preview_find_auditor (const CaAllocationPreview *preview,
                                    gint64                     auditor_id)
{
  g_return_val_if_fail (preview != NULL, NULL);

  for (guint i = 0; i < preview->input->auditors->len; i++)
    {
      const CaAllocationAuditor *auditor = preview->input->auditors->pdata[i];

      if (auditor->id == auditor_id)
        return auditor;
    }
  return NULL;
}

void
ca_allocation_run_free (CaAllocationRun *run)
{
  if (run == NULL)
    return;

  g_free (run->month);
  g_free (run->settings_json);
  g_free (run->created_at);
  g_free (run->created_by);
  g_free (run->cancelled_at);
  g_free (run);
}

void
ca_allocation_run_audit_free (CaAllocationRunAudit *audit)
{
  if (audit == NULL)
    return;

  g_free (audit->case_ref);
  g_free (audit->auditor_ref);
  g_free (audit->auditor_name);
  g_free (audit->auditor_email);
  g_free (audit->stratum);
  g_free (audit->reason);
  g_free (audit->status);
  g_free (audit->allocated_on);
  g_free (audit->due_date);
  g_free (audit);
}

/* ------------------------------------------------------------------------------------------
 * Gathering a month's inputs
 * ---------------------------------------------------------------------------------------- */

static gboolean
parse_optional_date (const char *text,
                     GDate      *date)
{
  if (text == NULL)
    {
      g_date_clear (date, 1);
      return TRUE;
    }
  return ca_date_parse (text, date);
}

/* The social-care entry of the month: its id and dates. */
static gboolean
find_programme_entry (CaDatabase  *db,
                      const char  *month,
                      gint64      *entry_id,
                      GDate       *allocation_date,
                      GDate       *return_date,
                      GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (db,
                              "SELECT id, allocation_date, return_date FROM programme_entry "
                              "WHERE month = ? AND strand = 'social-care'", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, month);
  if (!ca_statement_step_one (stmt, error, CA_ALLOCATION_STORE_ERROR,
                              CA_ALLOCATION_STORE_ERROR_NO_PROGRAMME,
                              _("The audit programme has no social-care entry for %s: add the "
                                "month to the programme first."), month))
    return FALSE;

  *entry_id = ca_statement_get_int64 (stmt, 0);
  if (!parse_optional_date (ca_statement_get_text (stmt, 1), allocation_date) ||
      !g_date_valid (allocation_date))
    {
      g_set_error (error, CA_ALLOCATION_STORE_ERROR, CA_ALLOCATION_STORE_ERROR_NO_PROGRAMME,
                   _("The programme entry for %s has no allocation date: set one first."),
                   month);
      return FALSE;
    }
  if (!parse_optional_date (ca_statement_get_text (stmt, 2), return_date))
    g_date_clear (return_date, 1);
  return TRUE;
}

static gboolean
load_cases (CaDatabase         *db,
            CaAllocationInput  *input,
            GError            **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(CaStatement) audits = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *since = NULL;
  GDate earliest;

  stmt = ca_database_prepare (db,
                              "SELECT c.id, c.case_ref, c.team_id, t.name, t.service_area_id, "
                              "sa.name, l.id, l.name, c.allocated_worker_id, c.open_date, "
                              "c.close_date, c.restricted, c.ethnicity "
                              "FROM case_file c JOIN team t ON t.id = c.team_id "
                              "JOIN service_area sa ON sa.id = t.service_area_id "
                              "LEFT JOIN locality l ON l.id = COALESCE (c.locality_id, "
                              "t.locality_id) ORDER BY c.case_ref", error);
  if (stmt == NULL)
    return FALSE;
  while (ca_statement_next (stmt))
    {
      CaAllocationCase *file;

      file = ca_allocation_case_new ();
      file->id = ca_statement_get_int64 (stmt, 0);
      file->ref = ca_statement_dup_text (stmt, 1);
      file->team_id = ca_statement_get_int64 (stmt, 2);
      file->team = ca_statement_dup_text (stmt, 3);
      file->service_area_id = ca_statement_get_int64 (stmt, 4);
      file->service_area = ca_statement_dup_text (stmt, 5);
      file->locality_id = ca_statement_is_null (stmt, 6) ? 0 : ca_statement_get_int64 (stmt, 6);
      file->locality = ca_statement_dup_text (stmt, 7);
      file->worker_id = ca_statement_is_null (stmt, 8) ? 0 : ca_statement_get_int64 (stmt, 8);
      parse_optional_date (ca_statement_get_text (stmt, 9), &file->open_date);
      parse_optional_date (ca_statement_get_text (stmt, 10), &file->close_date);
      file->restricted = ca_statement_get_int64 (stmt, 11) != 0;
      file->ethnicity = ca_statement_dup_text (stmt, 12);
      ca_allocation_input_take_case (input, file);
      g_hash_table_insert (by_id, &file->id, file);
    }
  if (!ca_statement_check (stmt, error))
    return FALSE;

  /* Only audits recent enough to matter for "audited in the last 3 months" and "the same
   * auditor within 12 months" are read. */
  earliest = input->settings->allocation_date;
  g_date_subtract_months (&earliest, (guint) MAX (input->settings->recent_audit_months,
                                                  input->settings->repeat_months));
  since = ca_date_format (&earliest);
  audits = ca_database_prepare (db,
                                "SELECT case_id, auditor_id, allocated_on, audit_date FROM audit "
                                "WHERE allocated_on > ?1 OR audit_date > ?1", error);
  if (audits == NULL)
    return FALSE;
  ca_statement_bind_text (audits, 1, since);
  while (ca_statement_next (audits))
    {
      gint64 case_id;
      CaAllocationCase *file;
      GDate allocated, audited;

      case_id = ca_statement_get_int64 (audits, 0);
      if ((file = g_hash_table_lookup (by_id, &case_id)) == NULL)
        continue;
      parse_optional_date (ca_statement_get_text (audits, 2), &allocated);
      parse_optional_date (ca_statement_get_text (audits, 3), &audited);
      /* The later of the two dates is when the case was last looked at. */
      if (g_date_valid (&audited) &&
          (!g_date_valid (&allocated) || g_date_compare (&audited, &allocated) > 0))
        allocated = audited;
      if (g_date_valid (&allocated))
        ca_allocation_case_add_audit (file, ca_statement_get_int64 (audits, 1), &allocated);
    }
  if (!ca_statement_check (audits, error))
    return FALSE;
  return TRUE;
}

static gboolean
load_auditors (CaDatabase         *db,
               CaAllocationInput  *input,
               gint64              entry_id,
               GError            **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(CaStatement) managers = NULL;
  g_autofree char *first = NULL;
  g_autofree char *next = NULL;
  GDate day;

  ca_allocation_parse_month (input->settings->month, &day);
  first = ca_date_format (&day);
  g_date_add_months (&day, 1);
  next = ca_date_format (&day);

  /* Capacity: the person's own number, else the role's; less what the month already has. */
  stmt = ca_database_prepare (db,
                              "SELECT s.id, s.staff_ref, s.name, s.email, s.team_id, t.name, "
                              "l.id, l.name, "
                              "COALESCE (s.monthly_capacity, r.monthly_capacity) - "
                              "(SELECT COUNT(*) FROM audit a WHERE a.auditor_id = s.id AND "
                              "(a.programme_entry_id = ?1 OR "
                              "(a.allocated_on >= ?2 AND a.allocated_on < ?3))) "
                              "FROM staff s JOIN role r ON r.code = s.role_code "
                              "LEFT JOIN team t ON t.id = s.team_id "
                              "LEFT JOIN locality l ON l.id = t.locality_id "
                              "WHERE s.active = 1 "
                              "AND COALESCE (s.monthly_capacity, r.monthly_capacity) > 0 "
                              "ORDER BY s.staff_ref", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, entry_id);
  ca_statement_bind_text (stmt, 2, first);
  ca_statement_bind_text (stmt, 3, next);
  while (ca_statement_next (stmt))
    {
      CaAllocationAuditor *auditor;

      auditor = ca_allocation_auditor_new ();
      auditor->id = ca_statement_get_int64 (stmt, 0);
      auditor->ref = ca_statement_dup_text (stmt, 1);
      auditor->name = ca_statement_dup_text (stmt, 2);
      auditor->email = ca_statement_dup_text (stmt, 3);
      auditor->team_id = ca_statement_is_null (stmt, 4) ? 0 : ca_statement_get_int64 (stmt, 4);
      auditor->team = ca_statement_dup_text (stmt, 5);
      auditor->locality_id = ca_statement_is_null (stmt, 6) ? 0 : ca_statement_get_int64 (stmt, 6);
      auditor->locality = ca_statement_dup_text (stmt, 7);
      auditor->capacity = (int) MAX (0, ca_statement_get_int64 (stmt, 8));
      ca_allocation_input_take_auditor (input, auditor);
    }
  if (!ca_statement_check (stmt, error))
    return FALSE;

  /* Everyone's line manager, leavers too: a chain runs through whoever is recorded. */
  managers = ca_database_prepare (db,
                                  "SELECT id, line_manager_id FROM staff "
                                  "WHERE line_manager_id IS NOT NULL", error);
  if (managers == NULL)
    return FALSE;
  while (ca_statement_next (managers))
    {
      ca_allocation_input_set_manager (input, ca_statement_get_int64 (managers, 0),
                                       ca_statement_get_int64 (managers, 1));
    }
  if (!ca_statement_check (managers, error))
    return FALSE;
  return TRUE;
}

/* Reads the month and runs the engine; reads only, so callers choose the transaction. */
static CaAllocationPreview *
build_preview (CaDatabase                 *db,
               const CaAllocationSettings *settings,
               GCancellable               *cancellable,
               GError                    **error)
{
  g_autoptr(CaAllocationPreview) preview = g_new0 (CaAllocationPreview, 1);
  CaAllocationInput *input;

  if (!ca_allocation_parse_month (settings->month, NULL))
    {
      g_set_error (error, CA_ALLOCATION_ERROR, CA_ALLOCATION_ERROR_INVALID,
                   _("“%s” is not a month: write it as year and month, for example 2021-03."),
                   settings->month ? settings->month : "");
      return NULL;
    }

  preview->settings = ca_allocation_settings_copy (settings);
  if (!find_programme_entry (db, settings->month, &preview->programme_entry_id,
                             &preview->settings->allocation_date, &preview->return_date, error))
    return NULL;
  if (!ca_allocation_settings_validate (preview->settings, error))
    return NULL;

  input = preview->input = ca_allocation_input_new (preview->settings);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !load_cases (db, input, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !load_auditors (db, input, preview->programme_entry_id, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  preview->result = ca_allocation_run (input, error);
  if (preview->result == NULL)
    return NULL;
  return g_steal_pointer (&preview);
}

/* ------------------------------------------------------------------------------------------
 * Public API
 * ---------------------------------------------------------------------------------------- */

GStrv
ca_allocation_store_list_months (CaDatabase  *db,
                                 GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GStrvBuilder) months = g_strv_builder_new ();

  g_return_val_if_fail (CA_IS_DATABASE (db), NULL);

  stmt = ca_database_prepare (db,
                              "SELECT DISTINCT month FROM programme_entry "
                              "WHERE strand = 'social-care' ORDER BY month", error);
  if (stmt == NULL)
    return NULL;
  while (ca_statement_next (stmt))
    {
      g_strv_builder_add (months, ca_statement_get_text (stmt, 0));
    }
  if (!ca_statement_check (stmt, error))
    return NULL;
  return g_strv_builder_end (months);
}

/**
 * ca_allocation_store_preview:
 * @settings: the run's settings; its allocation date is replaced by the programme's
 *
 * Gathers the month's cases, their recent audits, the auditors with their capacity left and
 * everyone's line manager, and runs the engine. Writes nothing. A month with no social-care
 * programme entry is an error; no eligible case is not (the result says so).
 *
 * Returns: (transfer full): the preview, or %NULL on error
 */
CaAllocationPreview *
ca_allocation_store_preview (CaDatabase                 *db,
                             const CaAllocationSettings *settings,
                             GCancellable               *cancellable,
                             GError                    **error)
{
  CaAllocationPreview *preview;

  g_return_val_if_fail (CA_IS_DATABASE (db), NULL);
  g_return_val_if_fail (settings != NULL, NULL);

  /* One read transaction, so the cases, audits and staff are from the same moment. */
  if (!ca_database_exec (db, "SAVEPOINT ca_allocation_preview", error))
    return NULL;
  preview = build_preview (db, settings, cancellable, error);
  ca_database_exec (db, "RELEASE ca_allocation_preview", NULL);
  return preview;
}

static gboolean
preview_job (CaDatabase    *connection,
             gpointer       settings,
             gpointer      *result,
             GCancellable  *cancellable,
             GError       **error)
{
  *result = ca_allocation_store_preview (connection, settings, cancellable, error);
  return *result != NULL;
}

/* The same as ca_allocation_store_preview(), on the database's worker. */
void
ca_allocation_store_preview_async (CaDatabase                 *db,
                                   const CaAllocationSettings *settings,
                                   GCancellable               *cancellable,
                                   GAsyncReadyCallback         callback,
                                   gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CA_IS_DATABASE (db));
  g_return_if_fail (settings != NULL);

  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_allocation_store_preview_async);
  ca_database_run_in_task (db, task, preview_job, ca_allocation_settings_copy (settings),
                           (GDestroyNotify) ca_allocation_settings_free,
                           (GDestroyNotify) ca_allocation_preview_free);
}

CaAllocationPreview *
ca_allocation_store_preview_finish (CaDatabase    *db,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (CA_IS_DATABASE (db), NULL);
  g_return_val_if_fail (g_task_is_valid (result, db), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
same_picks (const CaAllocationResult *a,
            const CaAllocationResult *b)
{
  if (a->picks->len != b->picks->len || a->unplaced->len != b->unplaced->len)
    return FALSE;
  for (guint i = 0; i < a->picks->len; i++)
    {
      const CaAllocationPick *x = a->picks->pdata[i], *y = b->picks->pdata[i];

      if (x->case_id != y->case_id || x->auditor_id != y->auditor_id)
        return FALSE;
    }
  for (guint i = 0; i < a->unplaced->len; i++)
    if (((CaAllocationUnplaced *) a->unplaced->pdata[i])->case_id !=
        ((CaAllocationUnplaced *) b->unplaced->pdata[i])->case_id)
      return FALSE;
  return TRUE;
}

static gboolean
write_run (CaDatabase                 *db,
           const CaAllocationPreview  *preview,
           gint64                     *run_id,
           GError                    **error)
{
  g_autoptr(CaStatement) run = NULL;
  g_autoptr(CaStatement) audit = NULL;
  g_autofree char *settings = ca_allocation_settings_to_json (preview->settings);
  g_autofree char *now = ca_timestamp_now ();
  g_autofree char *allocated_on = ca_date_format (&preview->settings->allocation_date);
  g_autofree char *due = NULL;
  g_autoptr(GError) tool_error = NULL;
  gint64 tool_version_id;

  tool_version_id = ca_tool_store_find_version_of_kind (db, STAGE_1_TOOL, CA_TOOL_KIND_AUDIT, 0,
                                                        NULL, &tool_error);
  if (tool_version_id <= 0)
    {
      g_set_error (error, CA_ALLOCATION_STORE_ERROR, CA_ALLOCATION_STORE_ERROR_NO_TOOL,
                   _("The Stage 1 audit tool is missing from the database: %s"),
                   tool_error ? tool_error->message : "");
      return FALSE;
    }
  if (g_date_valid (&preview->return_date))
    due = ca_date_format (&preview->return_date);

  run = ca_database_prepare (db,
                             "INSERT INTO allocation_run (month, programme_entry_id, seed, "
                             "settings, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)",
                             error);
  if (run == NULL)
    return FALSE;
  ca_statement_bind_text (run, 1, preview->settings->month);
  ca_statement_bind_int64 (run, 2, preview->programme_entry_id);
  ca_statement_bind_int64 (run, 3, (gint64) preview->settings->seed);
  ca_statement_bind_text (run, 4, settings);
  ca_statement_bind_text (run, 5, now);
  ca_statement_bind_text (run, 6, ca_database_get_user (db));
  if (!ca_statement_run (run, error))
    return FALSE;
  *run_id = ca_database_last_insert_id (db);
  if (!ca_database_record_change (db, now, "allocation_run", *run_id, "created", NULL,
                                  preview->settings->month, error))
    return FALSE;

  audit = ca_database_prepare (db,
                               "INSERT INTO audit (case_id, tool_version_id, auditor_id, "
                               "programme_entry_id, status, allocated_on, due_date, "
                               "allocation_run_id, stratum, allocation_reason, access_request) "
                               "VALUES (?, ?, ?, ?, 'allocated', ?, ?, ?, ?, ?, ?)", error);
  if (audit == NULL)
    return FALSE;
  for (guint i = 0; i < preview->result->picks->len; i++)
    {
      const CaAllocationPick *pick = preview->result->picks->pdata[i];

      ca_statement_reset (audit);
      ca_statement_bind_int64 (audit, 1, pick->case_id);
      ca_statement_bind_int64 (audit, 2, tool_version_id);
      ca_statement_bind_int64 (audit, 3, pick->auditor_id);
      ca_statement_bind_int64 (audit, 4, preview->programme_entry_id);
      ca_statement_bind_text (audit, 5, allocated_on);
      ca_statement_bind_text (audit, 6, due);
      ca_statement_bind_int64 (audit, 7, *run_id);
      ca_statement_bind_text (audit, 8, pick->stratum);
      ca_statement_bind_text (audit, 9, pick->reason);
      ca_statement_bind_int64 (audit, 10, pick->access_request ? 1 : 0);
      if (!ca_statement_run (audit, error) ||
          !ca_database_record_change (db, now, "audit", ca_database_last_insert_id (db),
                                      "created", NULL, "allocated", error))
        return FALSE;
    }
  return TRUE;
}

/**
 * ca_allocation_store_commit:
 * @accept_unplaced: commit the placed cases even though some sampled cases have no auditor
 *
 * Writes the run and one allocated audit per pick (the Stage 1 tool, due on the programme's
 * return date) in one transaction, with the history. The month is read again inside the
 * transaction: if the data changed since @preview was made, nothing is written and the
 * caller should preview again. A preview with unplaced cases is refused unless
 * @accept_unplaced, so a partial run is never written without being asked for.
 *
 * Returns: the new run's id, or 0 on error
 */
gint64
ca_allocation_store_commit (CaDatabase                 *db,
                            const CaAllocationPreview  *preview,
                            gboolean                    accept_unplaced,
                            GError                    **error)
{
  return ca_allocation_store_commit_full (db, preview, accept_unplaced, NULL, NULL, error);
}

/**
 * ca_allocation_store_commit_full:
 * @before_commit: (nullable): called inside the transaction once the run is written, with
 *   its number; when it returns %FALSE the run is rolled back and its error returned
 *
 * ca_allocation_store_commit(), with work that must succeed for the run to be committed
 * (the auditors' e-mail drafts, written before the run exists for anyone else).
 */
gint64
ca_allocation_store_commit_full (CaDatabase                  *db,
                                 const CaAllocationPreview   *preview,
                                 gboolean                     accept_unplaced,
                                 CaAllocationBeforeCommitFunc before_commit,
                                 gpointer                     user_data,
                                 GError                     **error)
{
  g_autoptr(CaAllocationPreview) again = NULL;
  gint64 run_id = 0;

  g_return_val_if_fail (CA_IS_DATABASE (db), 0);
  g_return_val_if_fail (preview != NULL && preview->result != NULL, 0);

  if (preview->result->picks->len == 0)
    {
      g_set_error (error, CA_ALLOCATION_STORE_ERROR, CA_ALLOCATION_STORE_ERROR_NO_ELIGIBLE,
                   _("The run for %s allocates no case, so there is nothing to commit."),
                   preview->settings->month);
      return 0;
    }
  if (preview->result->unplaced->len > 0 && !accept_unplaced)
    {
      g_set_error (error, CA_ALLOCATION_STORE_ERROR, CA_ALLOCATION_STORE_ERROR_UNPLACED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u sampled case could not be given an auditor, so nothing was "
                                "committed.",
                                "%u sampled cases could not be given an auditor, so nothing was "
                                "committed.",
                                preview->result->unplaced->len),
                   preview->result->unplaced->len);
      return 0;
    }

  if (!ca_database_begin (db, error))
    return 0;

  again = build_preview (db, preview->settings, NULL, error);
  if (again == NULL)
    goto failed;
  if (!same_picks (again->result, preview->result))
    {
      g_set_error (error, CA_ALLOCATION_STORE_ERROR, CA_ALLOCATION_STORE_ERROR_CHANGED,
                   _("Cases, staff or audits changed since this preview was made: nothing was "
                     "committed. Preview the run again."));
      goto failed;
    }
  if (!write_run (db, preview, &run_id, error) ||
      (before_commit != NULL && !before_commit (db, run_id, user_data, error)))
    goto failed;
  ca_database_note_change (db, CA_CHANGE_ALLOCATION_RUN, run_id);
  ca_database_note_change (db, CA_CHANGE_AUDIT, CA_CHANGE_ALL_IDS);
  if (!ca_database_commit (db, error))
    goto failed;
  return run_id;

failed:
  ca_database_rollback (db);
  return 0;
}

/* An audit has started once it has moved on from 'allocated' or anything was written in it. */
#define STARTED_CONDITION \
  "(a.status <> 'allocated' OR a.audit_date IS NOT NULL " \
  "OR EXISTS (SELECT 1 FROM audit_answer x WHERE x.audit_id = a.id) " \
  "OR EXISTS (SELECT 1 FROM audit_section x WHERE x.audit_id = a.id) " \
  "OR EXISTS (SELECT 1 FROM action x WHERE x.audit_id = a.id) " \
  "OR EXISTS (SELECT 1 FROM manager_response x WHERE x.audit_id = a.id) " \
  "OR EXISTS (SELECT 1 FROM moderation x WHERE x.audit_id = a.id))"

/**
 * ca_allocation_store_cancel:
 *
 * Cancels a run whose audits have not started: deletes them, marks the run cancelled and
 * records both in the history, in one transaction. Refused, changing nothing, once any of
 * its audits has moved past 'allocated' or has anything written in it.
 */
gboolean
ca_allocation_store_cancel (CaDatabase  *db,
                            gint64       run_id,
                            GError     **error)
{
  g_autoptr(CaStatement) find = NULL;
  g_autoptr(CaStatement) started = NULL;
  g_autoptr(CaStatement) audits = NULL;
  g_autoptr(CaStatement) remove = NULL;
  g_autoptr(CaStatement) mark = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *now = ca_timestamp_now ();
  gboolean has_row = FALSE;
  gint64 n_started;

  g_return_val_if_fail (CA_IS_DATABASE (db), FALSE);

  if (!ca_database_begin (db, error))
    return FALSE;

  find = ca_database_prepare (db, "SELECT cancelled_at FROM allocation_run WHERE id = ?", error);
  if (find == NULL)
    goto failed;
  ca_statement_bind_int64 (find, 1, run_id);
  if (!ca_statement_step_one (find, error, CA_ALLOCATION_STORE_ERROR,
                              CA_ALLOCATION_STORE_ERROR_NOT_FOUND,
                              _("There is no allocation run number %" G_GINT64_FORMAT "."), run_id))
    goto failed;
  if (!ca_statement_is_null (find, 0))
    {
      g_set_error (error, CA_ALLOCATION_STORE_ERROR, CA_ALLOCATION_STORE_ERROR_CANCELLED,
                   _("Allocation run %" G_GINT64_FORMAT " was already cancelled on %s."),
                   run_id, ca_statement_get_text (find, 0));
      goto failed;
    }

  started = ca_database_prepare (db,
                                 "SELECT COUNT(*) FROM audit a WHERE a.allocation_run_id = ? "
                                 "AND " STARTED_CONDITION, error);
  if (started == NULL)
    goto failed;
  ca_statement_bind_int64 (started, 1, run_id);
  if (!ca_statement_step (started, &has_row, error))
    goto failed;
  n_started = ca_statement_get_int64 (started, 0);
  if (n_started > 0)
    {
      g_set_error (error, CA_ALLOCATION_STORE_ERROR, CA_ALLOCATION_STORE_ERROR_STARTED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Allocation run %" G_GINT64_FORMAT " cannot be cancelled: %"
                                G_GINT64_FORMAT " of its audits has already started.",
                                "Allocation run %" G_GINT64_FORMAT " cannot be cancelled: %"
                                G_GINT64_FORMAT " of its audits have already started.",
                                (gulong) n_started),
                   run_id, n_started);
      goto failed;
    }

  audits = ca_database_prepare (db, "SELECT id FROM audit WHERE allocation_run_id = ? "
                                "ORDER BY id", error);
  if (audits == NULL)
    goto failed;
  ca_statement_bind_int64 (audits, 1, run_id);
  while (ca_statement_next (audits))
    {
      gint64 id;

      id = ca_statement_get_int64 (audits, 0);
      g_array_append_val (ids, id);
    }
  if (!ca_statement_check (audits, error))
    goto failed;
  for (guint i = 0; i < ids->len; i++)
    {
      if (!ca_database_record_change (db, now, "audit", g_array_index (ids, gint64, i),
                                      "deleted", "allocated", NULL, error))
        goto failed;
      ca_database_note_change (db, CA_CHANGE_AUDIT, g_array_index (ids, gint64, i));
    }
  ca_database_note_change (db, CA_CHANGE_ALLOCATION_RUN, run_id);

  remove = ca_database_prepare (db, "DELETE FROM audit WHERE allocation_run_id = ?", error);
  mark = ca_database_prepare (db, "UPDATE allocation_run SET cancelled_at = ? WHERE id = ?",
                              error);
  if (remove == NULL || mark == NULL)
    goto failed;
  ca_statement_bind_int64 (remove, 1, run_id);
  ca_statement_bind_text (mark, 1, now);
  ca_statement_bind_int64 (mark, 2, run_id);
  if (!ca_statement_run (remove, error) || !ca_statement_run (mark, error) ||
      !ca_database_record_change (db, now, "allocation_run", run_id, "cancelled_at", NULL, now,
                                  error) ||
      !ca_database_commit (db, error))
    goto failed;
  return TRUE;

failed:
  ca_database_rollback (db);
  return FALSE;
}

/**
 * ca_allocation_store_list_runs:
 * @month: (nullable): "YYYY-MM", or %NULL for every month
 *
 * Returns: (transfer full) (element-type CaAllocationRun): the runs, oldest first
 */
GPtrArray *
ca_allocation_store_list_runs (CaDatabase  *db,
                               const char  *month,
                               GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GPtrArray) runs = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (db), NULL);

  stmt = ca_database_prepare (db,
                              "SELECT r.id, r.month, r.programme_entry_id, r.seed, r.settings, "
                              "r.created_at, r.created_by, r.cancelled_at, "
                              "(SELECT COUNT(*) FROM audit a WHERE a.allocation_run_id = r.id), "
                              "(SELECT COUNT(*) FROM audit a WHERE a.allocation_run_id = r.id "
                              "AND " STARTED_CONDITION ") "
                              "FROM allocation_run r WHERE ?1 IS NULL OR r.month = ?1 "
                              "ORDER BY r.id", error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_text (stmt, 1, month);

  runs = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_allocation_run_free);
  while (ca_statement_next (stmt))
    {
      CaAllocationRun *run;

      run = g_new0 (CaAllocationRun, 1);
      run->id = ca_statement_get_int64 (stmt, 0);
      run->month = ca_statement_dup_text (stmt, 1);
      run->programme_entry_id = ca_statement_get_int64 (stmt, 2);
      run->seed = (guint64) ca_statement_get_int64 (stmt, 3);
      run->settings_json = ca_statement_dup_text (stmt, 4);
      run->created_at = ca_statement_dup_text (stmt, 5);
      run->created_by = ca_statement_dup_text (stmt, 6);
      run->cancelled_at = ca_statement_dup_text (stmt, 7);
      run->n_audits = (guint) ca_statement_get_int64 (stmt, 8);
      run->n_started = (guint) ca_statement_get_int64 (stmt, 9);
      g_ptr_array_add (runs, run);
    }
  if (!ca_statement_check (stmt, error))
    return NULL;
  return g_steal_pointer (&runs);
}

/**
 * ca_allocation_store_list_run_audits:
 *
 * The audits a run created that still exist, by auditor then case reference: what one
 * e-mail per auditor lists (R-D6).
 *
 * Returns: (transfer full) (element-type CaAllocationRunAudit): the audits
 */
GPtrArray *
ca_allocation_store_list_run_audits (CaDatabase  *db,
                                     gint64       run_id,
                                     GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GPtrArray) audits = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (db), NULL);

  stmt = ca_database_prepare (db,
                              "SELECT a.id, a.case_id, c.case_ref, a.auditor_id, s.staff_ref, "
                              "s.name, s.email, a.stratum, a.allocation_reason, "
                              "a.access_request, a.status, a.allocated_on, a.due_date "
                              "FROM audit a JOIN case_file c ON c.id = a.case_id "
                              "JOIN staff s ON s.id = a.auditor_id "
                              "WHERE a.allocation_run_id = ? ORDER BY s.staff_ref, c.case_ref",
                              error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_int64 (stmt, 1, run_id);

  audits = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_allocation_run_audit_free);
  while (ca_statement_next (stmt))
    {
      CaAllocationRunAudit *audit;

      audit = g_new0 (CaAllocationRunAudit, 1);
      audit->audit_id = ca_statement_get_int64 (stmt, 0);
      audit->case_id = ca_statement_get_int64 (stmt, 1);
      audit->case_ref = ca_statement_dup_text (stmt, 2);
      audit->auditor_id = ca_statement_get_int64 (stmt, 3);
      audit->auditor_ref = ca_statement_dup_text (stmt, 4);
      audit->auditor_name = ca_statement_dup_text (stmt, 5);
      audit->auditor_email = ca_statement_dup_text (stmt, 6);
      audit->stratum = ca_statement_dup_text (stmt, 7);
      audit->reason = ca_statement_dup_text (stmt, 8);
      audit->access_request = ca_statement_get_int64 (stmt, 9) != 0;
      audit->status = ca_statement_dup_text (stmt, 10);
      audit->allocated_on = ca_statement_dup_text (stmt, 11);
      audit->due_date = ca_statement_dup_text (stmt, 12);
      g_ptr_array_add (audits, audit);
    }
  if (!ca_statement_check (stmt, error))
    return NULL;
  return g_steal_pointer (&audits);
}

typedef struct
{
  const CaAllocationPreview *preview;  /* borrowed: see ca_allocation_store_commit_async() */
  gboolean                   accept_unplaced;
} CommitData;

static gboolean
commit_job (CaDatabase    *connection,
            gpointer       task_data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  CommitData *data = task_data;
  gint64 run_id;

  run_id = ca_allocation_store_commit (connection, data->preview, data->accept_unplaced, error);
  if (run_id == 0)
    return FALSE;
  *result = g_memdup2 (&run_id, sizeof run_id);
  return TRUE;
}

/**
 * ca_allocation_store_commit_async:
 * @preview: (transfer none): must stay as it is until the callback is called
 *
 * ca_allocation_store_commit() on the database's worker.
 */
void
ca_allocation_store_commit_async (CaDatabase                *db,
                                  const CaAllocationPreview *preview,
                                  gboolean                   accept_unplaced,
                                  GCancellable              *cancellable,
                                  GAsyncReadyCallback        callback,
                                  gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  CommitData *data;

  g_return_if_fail (CA_IS_DATABASE (db));
  g_return_if_fail (preview != NULL);

  data = g_new0 (CommitData, 1);
  data->preview = preview;
  data->accept_unplaced = accept_unplaced;
  task = g_task_new (db, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_allocation_store_commit_async);
  ca_database_run_in_task (db, task, commit_job, data, g_free, g_free);
}

/* Returns: the run's id, or 0 with @error set */
gint64
ca_allocation_store_commit_finish (CaDatabase    *db,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_autofree gint64 *run_id = NULL;

  g_return_val_if_fail (g_task_is_valid (result, db), 0);

  run_id = g_task_propagate_pointer (G_TASK (result), error);
  return run_id != NULL ? *run_id : 0;
}
