// SPDX-License-Identifier: GPL-3.0-or-later
// R-D6: what the auditors' e-mails of a committed allocation run say, read from the database.
// The only place with the drafts' SQL.

#define G_LOG_DOMAIN "ca-allocation-mail-store"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-allocation-mail-store.h"

static char *
dup_nonblank (CaStatement *stmt,
              int          column)
{
  char *text = ca_statement_dup_text (stmt, column);

  if (text != NULL && *g_strstrip (text) == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

CaAllocationMailRun *
ca_allocation_mail_store_load (CaDatabase  *database,
                               gint64       run_id,
                               GError     **error)
{
  g_autoptr(CaAllocationMailRun) run = NULL;
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(CaStatement) audits = NULL;
  CaAllocationMailAuditor *auditor = NULL;
  gboolean has_row = FALSE;
  gboolean ok;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = ca_database_prepare (database,
                              "SELECT r.month, r.cancelled_at, p.focus FROM allocation_run r "
                              "LEFT JOIN programme_entry p ON p.id = r.programme_entry_id "
                              "WHERE r.id = ?", error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_int64 (stmt, 1, run_id);
  if (!ca_statement_step_one (stmt, error, CA_ALLOCATION_MAIL_ERROR,
                              CA_ALLOCATION_MAIL_ERROR_NOT_FOUND,
                              _("There is no allocation run number %" G_GINT64_FORMAT "."), run_id))
    return NULL;
  if (!ca_statement_is_null (stmt, 1))
    {
      g_set_error (error, CA_ALLOCATION_MAIL_ERROR, CA_ALLOCATION_MAIL_ERROR_CANCELLED,
                   _("The allocation for %s was cancelled, so there is nothing to tell the "
                     "auditors."), ca_statement_get_text (stmt, 0));
      return NULL;
    }

  run = g_new0 (CaAllocationMailRun, 1);
  run->run_id = run_id;
  run->month = ca_statement_dup_text (stmt, 0);
  run->focus = dup_nonblank (stmt, 2);
  run->auditors = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_allocation_mail_auditor_free);

  audits = ca_database_prepare (database,
                                "SELECT a.id, a.auditor_id, s.staff_ref, s.name, s.email, "
                                "  c.case_ref, t.name, w.name, a.due_date, a.access_request "
                                "FROM audit a "
                                "JOIN staff s ON s.id = a.auditor_id "
                                "JOIN case_file c ON c.id = a.case_id "
                                "LEFT JOIN team t ON t.id = c.team_id "
                                "LEFT JOIN staff w ON w.id = c.allocated_worker_id "
                                "WHERE a.allocation_run_id = ? "
                                "ORDER BY s.name, s.staff_ref, a.auditor_id, c.case_ref", error);
  if (audits == NULL)
    return NULL;
  ca_statement_bind_int64 (audits, 1, run_id);
  while ((ok = ca_statement_step (audits, &has_row, error)) && has_row)
    {
      CaAllocationMailCase *mail_case;
      gint64 staff_id = ca_statement_get_int64 (audits, 1);

      if (auditor == NULL || auditor->staff_id != staff_id)
        {
          auditor = g_new0 (CaAllocationMailAuditor, 1);
          auditor->staff_id = staff_id;
          auditor->staff_ref = ca_statement_dup_text (audits, 2);
          auditor->name = ca_statement_dup_text (audits, 3);
          auditor->email = dup_nonblank (audits, 4);
          auditor->cases =
            g_ptr_array_new_with_free_func ((GDestroyNotify) ca_allocation_mail_case_free);
          g_ptr_array_add (run->auditors, auditor);
        }
      mail_case = g_new0 (CaAllocationMailCase, 1);
      mail_case->audit_id = ca_statement_get_int64 (audits, 0);
      mail_case->case_ref = ca_statement_dup_text (audits, 5);
      mail_case->team = ca_statement_dup_text (audits, 6);
      mail_case->worker = dup_nonblank (audits, 7);
      mail_case->due_date = dup_nonblank (audits, 8);
      mail_case->access_request = ca_statement_get_int64 (audits, 9) != 0;
      g_ptr_array_add (auditor->cases, mail_case);
    }
  if (!ok)
    return NULL;
  if (run->auditors->len == 0)
    {
      g_set_error (error, CA_ALLOCATION_MAIL_ERROR, CA_ALLOCATION_MAIL_ERROR_EMPTY,
                   _("The allocation for %s has no audits, so there is nothing to tell the "
                     "auditors."), run->month);
      return NULL;
    }
  return g_steal_pointer (&run);
}
