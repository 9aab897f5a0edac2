// SPDX-License-Identifier: GPL-3.0-or-later
// Reads and records the manager's response to a submitted audit (R-F9).

#define G_LOG_DOMAIN "ca-manager-response-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/ca-grade.h"
#include "ca-manager-response-store.h"
#include "core/ca-date.h"
#include "core/ca-deadlines.h"

/* The response is written when the manager presses a button, not autosaved, so every change
 * goes to the history, the text included: it is the record of a decision about a child. */

G_DEFINE_QUARK (ca-manager-response-store-error-quark, ca_manager_response_store_error)

/* Steps STMT, which reads the audit AUDIT_ID, to its one row; no row is "not found". */
static gboolean
step_audit (CaStatement  *stmt,
            gint64        audit_id,
            GError      **error)
{
  return ca_statement_step_one (stmt, error, CA_MANAGER_RESPONSE_STORE_ERROR,
                                CA_MANAGER_RESPONSE_STORE_ERROR_NOT_FOUND,
                                _("There is no audit number %" G_GINT64_FORMAT " in this "
                                  "database: it may have been removed."), audit_id);
}

static void
england_today (const GDate *today,
               GDate       *result)
{
  if (today != NULL)
    {
      *result = *today;
      return;
    }

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    ca_deadline_get_local_date (now, result);
  }
}

/* A blank string is stored as NULL, so that "nothing written" has one form in the file. */
static const char *
or_null (const char *text)
{
  if (text == NULL)
    return NULL;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return text;
  return NULL;
}

static gboolean
load_actions (CaDatabase         *database,
              CaManagerResponse  *response,
              GError            **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (database,
                              "SELECT x.id, x.description, x.owner_id, s.name, x.due_date, "
                              "       x.response_plan, x.response_by "
                              "FROM action x LEFT JOIN staff s ON s.id = x.owner_id "
                              "WHERE x.audit_id = ? AND x.moderation_id IS NULL "
                              "ORDER BY x.id", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, response->audit_id);
  while (ca_statement_next (stmt))
    {
      CaResponseAction *action;

      action = ca_response_action_new (ca_statement_get_int64 (stmt, 0),
                                       ca_statement_get_text (stmt, 1),
                                       ca_statement_get_text (stmt, 4));
      action->owner_id = ca_statement_get_int64 (stmt, 2);
      action->owner = ca_statement_dup_text (stmt, 3);
      action->plan = ca_statement_dup_text (stmt, 5);
      action->by_when = ca_statement_dup_text (stmt, 6);
      g_ptr_array_add (response->actions, action);
    }
  return ca_statement_check (stmt, error);
}

/**
 * ca_manager_response_store_load:
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
CaManagerResponse *
ca_manager_response_store_load (CaDatabase   *database,
                                gint64        audit_id,
                                const GDate  *today,
                                GError      **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(CaManagerResponse) response = NULL;
  GDate day;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = ca_database_prepare (database,
                              "SELECT m.manager_id, m.response, m.stretch_target, m.decision, "
                              "       m.due_date, m.responded_on "
                              "FROM audit a LEFT JOIN manager_response m ON m.audit_id = a.id "
                              "WHERE a.id = ?", error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_int64 (stmt, 1, audit_id);
  if (!step_audit (stmt, audit_id, error))
    return NULL;

  response = ca_manager_response_new (audit_id);
  response->manager_id = ca_statement_get_int64 (stmt, 0);
  response->response = ca_statement_dup_text (stmt, 1);
  response->stretch_target = ca_statement_dup_text (stmt, 2);
  response->decision = ca_statement_dup_text (stmt, 3);
  response->due_date = ca_statement_dup_text (stmt, 4);
  response->responded_on = ca_statement_dup_text (stmt, 5);
  g_clear_pointer (&stmt, ca_statement_free);

  if (!load_actions (database, response, error))
    return NULL;

  england_today (today, &day);
  response->overdue = ca_manager_response_is_overdue (response, &day);
  return g_steal_pointer (&response);
}

static gboolean
check_submitted (CaDatabase  *database,
                 gint64       audit_id,
                 GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  CaAuditStatus status;

  stmt = ca_database_prepare (database, "SELECT status FROM audit WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, audit_id);
  if (!step_audit (stmt, audit_id, error))
    return FALSE;
  if (!ca_audit_status_from_string (ca_statement_get_text (stmt, 0), &status) ||
      status == CA_AUDIT_STATUS_ALLOCATED || status == CA_AUDIT_STATUS_IN_PROGRESS)
    {
      g_set_error_literal (error, CA_MANAGER_RESPONSE_STORE_ERROR,
                           CA_MANAGER_RESPONSE_STORE_ERROR_NOT_SUBMITTED,
                           _("This audit has not been submitted yet: a manager responds once "
                             "the auditor has submitted it."));
      return FALSE;
    }
  return TRUE;
}

/* The id of audit AUDIT_ID's response row in *ROW_ID, 0 when it has none yet. */
static gboolean
find_row (CaDatabase  *database,
          gint64       audit_id,
          gint64      *row_id,
          GError     **error)
{
  g_autoptr(CaStatement) select = NULL;
  gboolean has_row = FALSE;

  *row_id = 0;
  select = ca_database_prepare (database, "SELECT id FROM manager_response WHERE audit_id = ?",
                                error);
  if (select == NULL)
    return FALSE;
  ca_statement_bind_int64 (select, 1, audit_id);
  if (!ca_statement_step (select, &has_row, error))
    return FALSE;
  if (has_row)
    *row_id = ca_statement_get_int64 (select, 0);
  return TRUE;
}

/* The response row's id, made (with its creation in the history) when there is none: an
 * audit submitted without actions has no due date and so no row yet. */
static gboolean
find_or_add_row (CaDatabase  *database,
                 gint64       audit_id,
                 gint64      *row_id,
                 GError     **error)
{
  g_autoptr(CaStatement) insert = NULL;
  g_autofree char *audit_text = NULL;

  if (!find_row (database, audit_id, row_id, error))
    return FALSE;
  if (*row_id != 0)
    return TRUE;

  insert = ca_database_prepare (database, "INSERT INTO manager_response (audit_id) VALUES (?)",
                                error);
  if (insert == NULL)
    return FALSE;
  ca_statement_bind_int64 (insert, 1, audit_id);
  if (!ca_statement_run (insert, error))
    return FALSE;
  *row_id = ca_database_last_insert_id (database);
  audit_text = g_strdup_printf ("%" G_GINT64_FORMAT, audit_id);
  return ca_database_record_change (database, NULL, "manager_response", *row_id, "audit_id",
                                    NULL, audit_text, error);
}

/**
 * ca_manager_response_store_set_due:
 *
 * Gives audit @audit_id's response row the due date @due_date (R-F9), creating the row when
 * there is none, the change in the history. Called inside the caller's transaction (the
 * audit's submission).
 *
 * Returns: %FALSE with @error set on failure
 */
gboolean
ca_manager_response_store_set_due (CaDatabase  *database,
                                   gint64       audit_id,
                                   const char  *due_date,
                                   GError     **error)
{
  g_autoptr(CaStatement) insert = NULL;
  gint64 row_id = 0;

  if (!find_row (database, audit_id, &row_id, error))
    return FALSE;
  if (row_id != 0)
    return ca_database_update_tracked (database, "manager_response", row_id, "due_date",
                                       due_date, error);

  insert = ca_database_prepare (database,
                                "INSERT INTO manager_response (audit_id, due_date) VALUES (?, ?)",
                                error);
  if (insert == NULL)
    return FALSE;
  ca_statement_bind_int64 (insert, 1, audit_id);
  ca_statement_bind_text (insert, 2, due_date);
  if (!ca_statement_run (insert, error))
    return FALSE;
  return ca_database_record_change (database, NULL, "manager_response",
                                    ca_database_last_insert_id (database), "due_date",
                                    NULL, due_date, error);
}

/* The plan and by-when of one action; the columns came after the tracked list was written,
 * so the history row is written here, beside the change. */
static gboolean
save_action (CaDatabase              *database,
             gint64                   audit_id,
             const CaResponseAction  *action,
             GError                 **error)
{
  g_autoptr(CaStatement) select = NULL;
  g_autoptr(CaStatement) update = NULL;
  g_autofree char *old_plan = NULL;
  g_autofree char *old_by = NULL;
  const char *plan = or_null (action->plan);
  const char *by_when = or_null (action->by_when);

  select = ca_database_prepare (database,
                                "SELECT response_plan, response_by FROM action "
                                "WHERE id = ? AND audit_id = ?", error);
  if (select == NULL)
    return FALSE;
  ca_statement_bind_int64 (select, 1, action->action_id);
  ca_statement_bind_int64 (select, 2, audit_id);
  if (!ca_statement_step_one (select, error, CA_MANAGER_RESPONSE_STORE_ERROR,
                              CA_MANAGER_RESPONSE_STORE_ERROR_NOT_FOUND,
                              _("An action of this audit has been removed since the response "
                                "was opened: open the audit again.")))
    return FALSE;
  old_plan = ca_statement_dup_text (select, 0);
  old_by = ca_statement_dup_text (select, 1);
  if (g_strcmp0 (old_plan, plan) == 0 && g_strcmp0 (old_by, by_when) == 0)
    return TRUE;

  update = ca_database_prepare (database,
                                "UPDATE action SET response_plan = ?, response_by = ? "
                                "WHERE id = ?", error);
  if (update == NULL)
    return FALSE;
  ca_statement_bind_text (update, 1, plan);
  ca_statement_bind_text (update, 2, by_when);
  ca_statement_bind_int64 (update, 3, action->action_id);
  if (!ca_statement_run (update, error))
    return FALSE;
  if (g_strcmp0 (old_plan, plan) != 0 &&
      !ca_database_record_change (database, NULL, "action", action->action_id, "response_plan",
                                  old_plan, plan, error))
    return FALSE;
  if (g_strcmp0 (old_by, by_when) != 0 &&
      !ca_database_record_change (database, NULL, "action", action->action_id, "response_by",
                                  old_by, by_when, error))
    return FALSE;
  return TRUE;
}

static gboolean
save_in_transaction (CaDatabase               *database,
                     const CaManagerResponse  *response,
                     GError                  **error)
{
  g_autofree char *manager = NULL;
  gint64 row_id = 0;

  if (!check_submitted (database, response->audit_id, error) ||
      !find_or_add_row (database, response->audit_id, &row_id, error))
    return FALSE;
  /* A manager response is noted by its audit's id. */
  ca_database_note_change (database, CA_CHANGE_MANAGER_RESPONSE, response->audit_id);

  if (response->manager_id > 0)
    manager = g_strdup_printf ("%" G_GINT64_FORMAT, response->manager_id);
  if (!ca_database_update_tracked (database, "manager_response", row_id, "manager_id", manager,
                                   error) ||
      !ca_database_update_tracked (database, "manager_response", row_id, "response",
                                   or_null (response->response), error) ||
      !ca_database_update_tracked (database, "manager_response", row_id, "stretch_target",
                                   or_null (response->stretch_target), error) ||
      !ca_database_update_tracked (database, "manager_response", row_id, "decision",
                                   or_null (response->decision), error) ||
      !ca_database_update_tracked (database, "manager_response", row_id, "responded_on",
                                   or_null (response->responded_on), error))
    return FALSE;

  for (guint i = 0; i < response->actions->len; i++)
    if (!save_action (database, response->audit_id, g_ptr_array_index (response->actions, i),
                      error))
      return FALSE;
  return TRUE;
}

static gboolean
check_response (const CaManagerResponse  *response,
                const GDate              *today,
                GPtrArray               **problems,
                GError                  **error)
{
  g_autoptr(GPtrArray) found = NULL;
  GDate day;

  england_today (today, &day);
  found = ca_manager_response_check (response, &day);
  if (found->len == 0)
    return TRUE;
  g_set_error (error, CA_MANAGER_RESPONSE_STORE_ERROR, CA_MANAGER_RESPONSE_STORE_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE,
                            "The response cannot be recorded yet: %u thing needs attention.",
                            "The response cannot be recorded yet: %u things need attention.",
                            found->len),
               found->len);
  if (problems != NULL)
    *problems = g_steal_pointer (&found);
  return FALSE;
}

/**
 * ca_manager_response_store_save:
 * @problems: (out) (optional): the problems, when there are any; %NULL otherwise
 *
 * Nothing is written when there are problems or when any part of the save fails.
 */
gboolean
ca_manager_response_store_save (CaDatabase               *database,
                                const CaManagerResponse  *response,
                                const GDate              *today,
                                GPtrArray               **problems,
                                GError                  **error)
{
  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (response != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (problems != NULL)
    *problems = NULL;

  /* An audit still being written is refused before its response is judged: its problems
   * would not be the ones that matter. */
  if (!check_submitted (database, response->audit_id, error) ||
      !check_response (response, today, problems, error))
    return FALSE;

  if (!ca_database_begin (database, error))
    return FALSE;
  if (!save_in_transaction (database, response, error) ||
      !ca_database_commit (database, error))
    {
      ca_database_rollback (database);
      return FALSE;
    }
  return TRUE;
}

static void
set_actions_changed (GError **error)
{
  g_set_error_literal (error, CA_MANAGER_RESPONSE_STORE_ERROR,
                       CA_MANAGER_RESPONSE_STORE_ERROR_NOT_FOUND,
                       _("The audit's actions have changed since the response was opened: "
                         "open the audit again."));
}

/* The merge happens here, inside the write lock: what is stored cannot change between
 * reading it and writing over it, whoever else has the file open. */
static CaManagerResponse *
save_since_in_transaction (CaDatabase               *database,
                           const CaManagerResponse  *base,
                           const CaManagerResponse  *response,
                           const GDate              *today,
                           GPtrArray               **problems,
                           GStrv                    *conflicts,
                           GError                  **error)
{
  g_autoptr(CaManagerResponse) theirs = NULL;
  g_autoptr(CaManagerResponse) merged = NULL;
  g_auto(GStrv) conflicting = NULL;

  if (!check_submitted (database, response->audit_id, error))
    return NULL;
  theirs = ca_manager_response_store_load (database, response->audit_id, today, error);
  if (theirs == NULL)
    return NULL;
  if (!ca_manager_response_same_actions (base, theirs) ||
      !ca_manager_response_same_actions (response, theirs))
    {
      set_actions_changed (error);
      return NULL;
    }

  merged = ca_manager_response_merge (base, response, theirs, &conflicting);
  if (conflicting[0] != NULL)
    {
      g_autofree char *field = ca_manager_response_describe_field (conflicting[0]);
      guint n = g_strv_length (conflicting);

      if (n == 1)
        g_set_error (error, CA_MANAGER_RESPONSE_STORE_ERROR,
                     CA_MANAGER_RESPONSE_STORE_ERROR_CHANGED,
                     _("“%s” was changed in another window, or another copy of Case Audit, "
                       "while you were changing it here. Nothing was recorded: choose which "
                       "version to keep."), field);
      else
        g_set_error (error, CA_MANAGER_RESPONSE_STORE_ERROR,
                     CA_MANAGER_RESPONSE_STORE_ERROR_CHANGED,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "“%s” and %u other part of this response were changed in "
                                  "another window, or another copy of Case Audit, while you "
                                  "were changing them here. Nothing was recorded: choose which "
                                  "versions to keep.",
                                  "“%s” and %u other parts of this response were changed in "
                                  "another window, or another copy of Case Audit, while you "
                                  "were changing them here. Nothing was recorded: choose which "
                                  "versions to keep.", n - 1),
                     field, n - 1);
      if (conflicts != NULL)
        *conflicts = g_steal_pointer (&conflicting);
      return NULL;
    }

  if (!check_response (merged, today, problems, error) ||
      !save_in_transaction (database, merged, error))
    return NULL;
  return ca_manager_response_store_load (database, response->audit_id, today, error);
}

/**
 * ca_manager_response_store_save_since:
 * @problems: (out) (optional): the problems, when there are any; %NULL otherwise
 * @conflicts: (out) (optional): the conflicting fields with
 *   %CA_MANAGER_RESPONSE_STORE_ERROR_CHANGED; %NULL otherwise
 *
 * Returns: (transfer full): the response as stored now, or %NULL with @error set
 */
CaManagerResponse *
ca_manager_response_store_save_since (CaDatabase               *database,
                                      const CaManagerResponse  *base,
                                      const CaManagerResponse  *response,
                                      const GDate              *today,
                                      GPtrArray               **problems,
                                      GStrv                    *conflicts,
                                      GError                  **error)
{
  CaManagerResponse *saved;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (base != NULL, NULL);
  g_return_val_if_fail (response != NULL, NULL);
  g_return_val_if_fail (base->audit_id == response->audit_id, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (problems != NULL)
    *problems = NULL;
  if (conflicts != NULL)
    *conflicts = NULL;

  if (!ca_database_begin (database, error))
    return NULL;
  saved = save_since_in_transaction (database, base, response, today, problems, conflicts,
                                     error);
  if (saved == NULL || !ca_database_commit (database, error))
    {
      g_clear_pointer (&saved, ca_manager_response_free);
      ca_database_rollback (database);
      return NULL;
    }
  return saved;
}
