// SPDX-License-Identifier: GPL-3.0-or-later
// Submits one audit's form: the rules' check, the last save, and the deadlines it starts.

#define G_LOG_DOMAIN "ca-audit-draft-store"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-audit-draft-store-private.h"
#include "ca-database-worker.h"
#include "ca-holiday-store.h"
#include "ca-manager-response-store.h"
#include "ca-settings-store.h"
#include "ca-tool-store.h"
#include "core/ca-date.h"

static gboolean
read_tool_version (CaDatabase  *database,
                   gint64       audit_id,
                   gint64      *tool_version_id,
                   GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (database, "SELECT tool_version_id FROM audit WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, audit_id);
  if (!ca_audit_draft_store_step_audit (stmt, audit_id, error))
    return FALSE;
  *tool_version_id = ca_statement_get_int64 (stmt, 0);
  return TRUE;
}

/* Refuses to submit DRAFT when the stored draft is no longer BASE in a field DRAFT did not
 * change, or a version set aside waits for a choice: the person would be submitting
 * something other than what they see. */
static gboolean
check_unchanged_since (CaDatabase          *database,
                       gint64               audit_id,
                       const CaAuditDraft  *base,
                       const CaAuditDraft  *draft,
                       GError             **error)
{
  g_auto(CaStoredAudit) stored = { 0, };
  g_autoptr(CaAuditDraft) theirs = NULL;
  g_autoptr(CaAuditDraft) merged = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_auto(GStrv) conflicts = NULL;
  g_auto(GStrv) differ = NULL;

  waiting = ca_set_aside_store_list (database, CA_SET_ASIDE_AUDIT_DRAFT, audit_id, error);
  if (waiting == NULL)
    return FALSE;
  if (waiting->len > 0)
    {
      g_set_error_literal (error, CA_AUDIT_DRAFT_STORE_ERROR, CA_AUDIT_DRAFT_STORE_ERROR_CHANGED,
                           _("Part of this form was typed in two places at once, and both "
                             "versions are kept until you choose one. Choose, then submit "
                             "again."));
      return FALSE;
    }

  /* A submitted audit is refused by the save that follows, with its own message. */
  if (!ca_audit_draft_store_read_stored_audit (database, audit_id, &stored, error))
    return FALSE;
  theirs = ca_audit_draft_store_read_stored_draft (database, audit_id, &stored, error);
  if (theirs == NULL)
    return FALSE;
  merged = ca_audit_draft_merge (base, draft, theirs, &conflicts);
  differ = ca_audit_draft_diff (merged, draft);
  if (conflicts[0] != NULL || differ[0] != NULL)
    {
      g_set_error_literal (error, CA_AUDIT_DRAFT_STORE_ERROR, CA_AUDIT_DRAFT_STORE_ERROR_CHANGED,
                           _("This audit was changed in another window while you were working "
                             "on it. Check the form, then submit again."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
submit_in_transaction (CaDatabase              *database,
                       gint64                   audit_id,
                       const CaAuditDraft      *base,
                       const CaAuditDraft      *draft,
                       GDateTime               *submitted_at,
                       const CaHolidayCalendar *calendar,
                       const CaDeadlineRules   *rules,
                       GError                 **error)
{
  g_autoptr(GDateTime) review_due = NULL;
  g_autoptr(GDateTime) response_due = NULL;
  g_autofree char *submitted_text = ca_timestamp_from_date_time (submitted_at);
  g_autofree char *review_text = NULL;

  if (base != NULL && !check_unchanged_since (database, audit_id, base, draft, error))
    return FALSE;
  if (!ca_audit_draft_store_save_in_transaction (database, audit_id, draft, error))
    return FALSE;

  review_due = ca_deadline_for_category (calendar, draft->category, submitted_at, rules);
  review_text = ca_timestamp_from_date_time (review_due);

  if (!ca_database_update_tracked (database, "audit", audit_id, "submitted_at", submitted_text,
                                   error) ||
      !ca_database_update_tracked (database, "audit", audit_id, "status",
                                   ca_audit_status_to_string (CA_AUDIT_STATUS_SUBMITTED), error) ||
      !ca_database_update_tracked (database, "audit", audit_id, "review_due_at", review_text,
                                   error))
    return FALSE;

  /* A manager response is noted by its audit's id. */
  ca_database_note_change (database, CA_CHANGE_MANAGER_RESPONSE, audit_id);
  response_due = ca_deadline_manager_response (calendar, submitted_at, draft->actions->len > 0,
                                               rules);
  if (response_due != NULL)
    {
      GDate day;
      g_autofree char *day_text = NULL;

      ca_deadline_get_local_date (response_due, &day);
      day_text = ca_date_format (&day);
      if (!ca_manager_response_store_set_due (database, audit_id, day_text, error))
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  gint64                   audit_id;
  const CaAuditDraft      *base;
  const CaAuditDraft      *draft;
  GDateTime               *submitted_at;
  const CaHolidayCalendar *calendar;
  const CaDeadlineRules   *rules;
} Submit;

static gboolean
submit_work (CaDatabase  *database,
             gpointer     user_data,
             GError     **error)
{
  Submit *submit = user_data;

  return submit_in_transaction (database, submit->audit_id, submit->base, submit->draft,
                                submit->submitted_at, submit->calendar, submit->rules, error);
}

/**
 * ca_audit_draft_store_submit:
 * @submitted_at: the moment of submission (any time zone; stored in UTC)
 * @problems: (out) (optional): the problems, when there are any; %NULL otherwise
 *
 * The rules judge the draft on the day SUBMITTED_AT falls on in England. Nothing is written
 * when there are problems or when any part of the submission fails.
 */
gboolean
ca_audit_draft_store_submit (CaDatabase              *database,
                             gint64                   audit_id,
                             const CaAuditDraft      *base,
                             const CaAuditDraft      *draft,
                             GDateTime               *submitted_at,
                             const CaHolidayCalendar *calendar,
                             const CaDeadlineRules   *rules,
                             GPtrArray              **problems,
                             GError                 **error)
{
  g_autoptr(CaToolDefinition) definition = NULL;
  g_autoptr(GPtrArray) found = NULL;
  gint64 tool_version_id = 0;
  GDate today;
  Submit submit = { audit_id, base, draft, submitted_at, calendar, rules };

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);
  g_return_val_if_fail (submitted_at != NULL, FALSE);
  g_return_val_if_fail (calendar != NULL, FALSE);
  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (problems != NULL)
    *problems = NULL;

  if (!read_tool_version (database, audit_id, &tool_version_id, error))
    return FALSE;
  definition = ca_tool_store_load_version (database, tool_version_id, error);
  if (definition == NULL)
    return FALSE;

  ca_deadline_get_local_date (submitted_at, &today);
  found = ca_audit_rules_check_all (definition, draft, calendar, rules, &today);
  if (found->len > 0)
    {
      g_set_error (error, CA_AUDIT_DRAFT_STORE_ERROR, CA_AUDIT_DRAFT_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The audit cannot be submitted yet: %u thing needs attention.",
                                "The audit cannot be submitted yet: %u things need attention.",
                                found->len),
                   found->len);
      if (problems != NULL)
        *problems = g_steal_pointer (&found);
      return FALSE;
    }

  return ca_database_transaction (database, submit_work, &submit, error);
}

/* What the window submits, and what the submit left, for ca_audit_draft_store_submit_finish():
 * the task's data, read by the worker and then by the finish. */
typedef struct
{
  gint64        audit_id;
  CaAuditDraft *base;
  CaAuditDraft *draft;
  GDateTime    *submitted_at;
  GPtrArray    *problems;
  CaAuditForm  *stored;
} SubmitJob;

static void
submit_job_free (SubmitJob *job)
{
  ca_audit_draft_free (job->base);
  ca_audit_draft_free (job->draft);
  g_date_time_unref (job->submitted_at);
  g_clear_pointer (&job->problems, g_ptr_array_unref);
  g_clear_pointer (&job->stored, ca_audit_form_free);
  g_free (job);
}

/* On the worker: the team's bank holidays and deadline numbers (R-F8), then the submit. */
static gboolean
submit_job (CaDatabase    *connection,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  SubmitJob *job = data;
  g_autoptr(CaHolidayCalendar) calendar = NULL;
  g_autoptr(GError) failure = NULL;
  CaDeadlineRules rules;
  gboolean ok;

  calendar = ca_holiday_store_load_calendar (connection, error);
  if (calendar == NULL || !ca_settings_store_load_deadline_rules (connection, &rules, error))
    return FALSE;
  ok = ca_audit_draft_store_submit (connection, job->audit_id, job->base, job->draft,
                                    job->submitted_at, calendar, &rules, &job->problems,
                                    &failure);
  /* Submitted, or changed by another copy meanwhile: what is stored now, for the window. */
  if (ok || g_error_matches (failure, CA_AUDIT_DRAFT_STORE_ERROR,
                             CA_AUDIT_DRAFT_STORE_ERROR_CHANGED))
    job->stored = ca_audit_draft_store_load (connection, job->audit_id, NULL);
  if (failure != NULL)
    g_propagate_error (error, g_steal_pointer (&failure));
  return ok;
}

/**
 * ca_audit_draft_store_submit_async:
 * @base: (nullable): as for ca_audit_draft_store_submit(); copied
 * @draft: copied
 *
 * ca_audit_draft_store_submit() on the database's worker, with the bank holidays and the
 * deadline numbers stored in @database. A save asked for earlier lands first.
 */
void
ca_audit_draft_store_submit_async (CaDatabase          *database,
                                   gint64               audit_id,
                                   const CaAuditDraft  *base,
                                   const CaAuditDraft  *draft,
                                   GDateTime           *submitted_at,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SubmitJob *job;

  g_return_if_fail (CA_IS_DATABASE (database));
  g_return_if_fail (draft != NULL && submitted_at != NULL);

  job = g_new0 (SubmitJob, 1);
  job->audit_id = audit_id;
  job->base = base != NULL ? ca_audit_draft_copy (base) : NULL;
  job->draft = ca_audit_draft_copy (draft);
  job->submitted_at = g_date_time_ref (submitted_at);
  task = g_task_new (database, NULL, callback, user_data);
  g_task_set_source_tag (task, ca_audit_draft_store_submit_async);
  g_task_set_task_data (task, job, (GDestroyNotify) submit_job_free);
  ca_database_run_in_task (database, task, submit_job, job, NULL, NULL);
}

/**
 * ca_audit_draft_store_submit_finish:
 * @problems: (out) (optional) (transfer full): as for ca_audit_draft_store_submit()
 * @stored: (out) (optional) (transfer full): the audit as stored afterwards, once submitted
 *   or when another copy changed it meanwhile (%CA_AUDIT_DRAFT_STORE_ERROR_CHANGED); else %NULL
 *
 * Returns: %TRUE if the audit was submitted
 */
gboolean
ca_audit_draft_store_submit_finish (GAsyncResult  *result,
                                    GPtrArray    **problems,
                                    CaAuditForm  **stored,
                                    GError       **error)
{
  SubmitJob *job;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ca_audit_draft_store_submit_async, FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (problems != NULL)
    *problems = g_steal_pointer (&job->problems);
  if (stored != NULL)
    *stored = g_steal_pointer (&job->stored);
  g_task_propagate_pointer (G_TASK (result), error);
  return !g_task_had_error (G_TASK (result));
}
