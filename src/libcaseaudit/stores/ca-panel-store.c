// SPDX-License-Identifier: GPL-3.0-or-later
// Moderation panels (R-H5, seed 04): the audits a panel reviewed and its conclusions. A panel
// is a programme event of the kind 'moderation-panel'; schema 0015 adds the rest.

#define G_LOG_DOMAIN "ca-panel-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-panel-store.h"
#include "ca-store-load.h"
#include "core/ca-date.h"
#include "core/ca-text.h"

G_DEFINE_QUARK (ca-panel-store-error-quark, ca_panel_store_error)

/* An audit stays on a panel's list once submitted; "closed" is a submitted audit whose
 * recommendations were checked. */
#define SUBMITTED "('submitted', 'closed')"

static void
panel_audit_free (CaPanelAudit *audit)
{
  g_free (audit->case_ref);
  g_free (audit->auditor);
  g_free (audit);
}

void
ca_panel_free (CaPanel *panel)
{
  if (panel == NULL)
    return;
  g_free (panel->title);
  g_free (panel->date);
  g_free (panel->conclusions);
  g_clear_pointer (&panel->audits, g_ptr_array_unref);
  g_free (panel);
}

/* The event EVENT_ID, refused in words unless it is a moderation panel; its title and date
 * when PANEL is given. */
static gboolean
read_panel_event (CaDatabase  *database,
                  gint64       event_id,
                  CaPanel     *panel,
                  GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (database,
                              "SELECT kind, title, event_date, conclusions "
                              "FROM programme_event WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, event_id);
  if (!ca_statement_step_one (stmt, error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_FOUND,
                              _("There is no event number %" G_GINT64_FORMAT ": it may have "
                                "been removed, perhaps in another window."), event_id))
    return FALSE;
  if (g_strcmp0 (ca_statement_get_text (stmt, 0), "moderation-panel") != 0)
    {
      g_set_error (error, CA_PANEL_STORE_ERROR, CA_PANEL_STORE_ERROR_NOT_PANEL,
                   _("“%s” is not a moderation panel: only a panel reviews audits and "
                     "records conclusions."), ca_statement_get_text (stmt, 1));
      return FALSE;
    }
  if (panel != NULL)
    {
      panel->event_id = event_id;
      panel->title = ca_statement_dup_text (stmt, 1);
      panel->date = ca_statement_dup_text (stmt, 2);
      panel->conclusions = ca_statement_dup_text (stmt, 3);
    }
  return TRUE;
}

/**
 * ca_panel_store_load:
 * @event_id: a moderation panel's event
 *
 * Returns: (transfer full): the panel with the audits it reviewed, by case reference, or
 *   %NULL with @error set (CA_PANEL_STORE_ERROR_NOT_PANEL for another kind of event)
 */
CaPanel *
ca_panel_store_load (CaDatabase  *database,
                     gint64       event_id,
                     GError     **error)
{
  g_autoptr(CaPanel) panel = g_new0 (CaPanel, 1);
  g_autoptr(CaStatement) stmt = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);

  panel->audits = g_ptr_array_new_with_free_func ((GDestroyNotify) panel_audit_free);
  if (!read_panel_event (database, event_id, panel, error))
    return NULL;

  /* The latest submitted moderation of each audit gives the moderated grade; a draft is the
   * moderator's working and not yet a grade. */
  stmt = ca_database_prepare (database,
                              "SELECT a.id, c.case_ref, s.name, a.overall_grade, "
                              "       (SELECT m.overall_grade FROM moderation m "
                              "        WHERE m.audit_id = a.id AND m.moderated_on IS NOT NULL "
                              "        ORDER BY m.moderated_on DESC, m.id DESC LIMIT 1) "
                              "FROM panel_audit p "
                              "JOIN audit a ON a.id = p.audit_id "
                              "JOIN case_file c ON c.id = a.case_id "
                              "JOIN staff s ON s.id = a.auditor_id "
                              "WHERE p.event_id = ? "
                              "ORDER BY c.case_ref, a.id", error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_int64 (stmt, 1, event_id);
  while (ca_statement_next (stmt))
    {
      CaPanelAudit *audit = g_new0 (CaPanelAudit, 1);

      audit->audit_id = ca_statement_get_int64 (stmt, 0);
      audit->case_ref = ca_statement_dup_text (stmt, 1);
      audit->auditor = ca_statement_dup_text (stmt, 2);
      audit->overall_grade = ca_grade_from_string (ca_statement_get_text (stmt, 3));
      audit->moderated_grade = ca_grade_from_string (ca_statement_get_text (stmt, 4));
      g_ptr_array_add (panel->audits, audit);
    }
  if (!ca_statement_check (stmt, error))
    return NULL;
  return g_steal_pointer (&panel);
}

void
ca_panel_store_load_async (CaDatabase          *database,
                           gint64               event_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  ca_store_load_async (database, (CaStoreLoadFunc) ca_panel_store_load, event_id,
                       (GDestroyNotify) ca_panel_free, cancellable, callback, user_data);
}

CaPanel *
ca_panel_store_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  return ca_store_load_finish (result, error);
}

/* An audit as one line of the change history and of a refusal: "audit 12 (CA-000101)". */
static char *
describe_audit (gint64      audit_id,
                const char *case_ref)
{
  return g_strdup_printf ("audit %" G_GINT64_FORMAT " (%s)", audit_id, case_ref);
}

typedef struct
{
  gint64      event_id;
  gint64      audit_id;
  const char *case_ref;     /* for add_case: the case whose audit to add */
  const char *conclusions;
} PanelWrite;

/* The latest submitted audit of the case CASE_REF, refused in words when there is none. */
static gboolean
find_case_audit (CaDatabase  *database,
                 const char  *case_ref,
                 gint64      *audit_id,
                 GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  /* Imported and generated audits may lack a submission time; coalesce keeps them in order
   * the same way in SQLite and PostgreSQL, which put NULLs at opposite ends. */
  stmt = ca_database_prepare (database,
                              "SELECT c.id, (SELECT a.id FROM audit a WHERE a.case_id = c.id "
                              "  AND a.status IN " SUBMITTED " "
                              "  ORDER BY coalesce (a.submitted_at, a.audit_date, '') DESC, "
                              "           a.id DESC "
                              "  LIMIT 1) "
                              "FROM case_file c WHERE c.case_ref = ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, case_ref);
  if (!ca_statement_step_one (stmt, error, CA_PANEL_STORE_ERROR, CA_PANEL_STORE_ERROR_REFUSED,
                              _("There is no case with the reference “%s”. Check the reference "
                                "as the case file has it."), case_ref))
    return FALSE;
  if (ca_statement_get_int64 (stmt, 1) == 0)
    {
      g_set_error (error, CA_PANEL_STORE_ERROR, CA_PANEL_STORE_ERROR_REFUSED,
                   _("Case %s has no submitted audit yet: a panel reviews audits once their "
                     "auditors have submitted them."), case_ref);
      return FALSE;
    }
  *audit_id = ca_statement_get_int64 (stmt, 1);
  return TRUE;
}

static gboolean
add_audit_work (CaDatabase  *database,
                gpointer     user_data,
                GError     **error)
{
  PanelWrite *write = user_data;
  g_autoptr(CaStatement) find = NULL;
  g_autoptr(CaStatement) insert = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *timestamp = NULL;
  g_autofree char *described = NULL;
  g_autofree char *case_ref = NULL;

  if (!read_panel_event (database, write->event_id, NULL, error))
    return FALSE;
  if (write->case_ref != NULL &&
      !find_case_audit (database, write->case_ref, &write->audit_id, error))
    return FALSE;

  find = ca_database_prepare (database,
                              "SELECT c.case_ref, a.status IN " SUBMITTED " "
                              "FROM audit a JOIN case_file c ON c.id = a.case_id "
                              "WHERE a.id = ?", error);
  if (find == NULL)
    return FALSE;
  ca_statement_bind_int64 (find, 1, write->audit_id);
  if (!ca_statement_step_one (find, error, CA_PANEL_STORE_ERROR, CA_PANEL_STORE_ERROR_REFUSED,
                              _("There is no audit number %" G_GINT64_FORMAT "."),
                              write->audit_id))
    return FALSE;
  case_ref = ca_statement_dup_text (find, 0);
  if (ca_statement_get_int64 (find, 1) == 0)
    {
      g_set_error (error, CA_PANEL_STORE_ERROR, CA_PANEL_STORE_ERROR_REFUSED,
                   _("The audit of case %s has not been submitted: a panel reviews audits "
                     "once their auditors have submitted them."), case_ref);
      return FALSE;
    }

  timestamp = ca_timestamp_now ();
  insert = ca_database_prepare (database,
                                "INSERT INTO panel_audit (event_id, audit_id, added_at) "
                                "VALUES (?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  ca_statement_bind_int64 (insert, 1, write->event_id);
  ca_statement_bind_int64 (insert, 2, write->audit_id);
  ca_statement_bind_text (insert, 3, timestamp);
  if (!ca_statement_run (insert, &local_error))
    {
      if (g_error_matches (local_error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT))
        g_set_error (error, CA_PANEL_STORE_ERROR, CA_PANEL_STORE_ERROR_REFUSED,
                     _("The audit of case %s is already on this panel’s list, perhaps added "
                       "in another window."), case_ref);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  ca_database_note_change (database, CA_CHANGE_PROGRAMME, write->event_id);
  described = describe_audit (write->audit_id, case_ref);
  return ca_database_record_change (database, NULL, "programme_event", write->event_id,
                                    "panel_audit", NULL, described, error);
}

/**
 * ca_panel_store_add_audit:
 *
 * Adds the submitted audit @audit_id to the panel @event_id's list of audits reviewed. An
 * audit not submitted, one on the list already, or an event that is not a panel is refused
 * (CA_PANEL_STORE_ERROR) and changes nothing.
 */
gboolean
ca_panel_store_add_audit (CaDatabase  *database,
                          gint64       event_id,
                          gint64       audit_id,
                          GError     **error)
{
  PanelWrite write = { event_id, audit_id, NULL, NULL };

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  return ca_database_transaction (database, add_audit_work, &write, error);
}

/**
 * ca_panel_store_add_case:
 * @case_ref: a case's reference, as a person types it
 * @audit_id: (out) (optional): the audit added
 *
 * Adds the case's latest submitted audit to the panel, as ca_panel_store_add_audit() does.
 */
gboolean
ca_panel_store_add_case (CaDatabase  *database,
                         gint64       event_id,
                         const char  *case_ref,
                         gint64      *audit_id,
                         GError     **error)
{
  g_autofree char *typed = g_strstrip (g_strdup (case_ref != NULL ? case_ref : ""));
  PanelWrite write = { event_id, 0, typed, NULL };

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);

  if (*typed == '\0')
    {
      g_set_error_literal (error, CA_PANEL_STORE_ERROR, CA_PANEL_STORE_ERROR_REFUSED,
                           _("Give the case reference of the audit the panel reviewed."));
      return FALSE;
    }
  if (!ca_text_check_full (typed, CA_TEXT_MAX_NAME, _("The case reference"),
                           CA_PANEL_STORE_ERROR, CA_PANEL_STORE_ERROR_REFUSED, error) ||
      !ca_database_transaction (database, add_audit_work, &write, error))
    return FALSE;
  if (audit_id != NULL)
    *audit_id = write.audit_id;
  return TRUE;
}

static gboolean
remove_audit_work (CaDatabase  *database,
                   gpointer     user_data,
                   GError     **error)
{
  PanelWrite *write = user_data;
  g_autoptr(CaStatement) find = NULL;
  g_autoptr(CaStatement) delete = NULL;
  g_autofree char *described = NULL;

  if (!read_panel_event (database, write->event_id, NULL, error))
    return FALSE;
  find = ca_database_prepare (database,
                              "SELECT c.case_ref FROM panel_audit p "
                              "JOIN audit a ON a.id = p.audit_id "
                              "JOIN case_file c ON c.id = a.case_id "
                              "WHERE p.event_id = ? AND p.audit_id = ?", error);
  if (find == NULL)
    return FALSE;
  ca_statement_bind_int64 (find, 1, write->event_id);
  ca_statement_bind_int64 (find, 2, write->audit_id);
  if (!ca_statement_step_one (find, error, CA_PANEL_STORE_ERROR, CA_PANEL_STORE_ERROR_REFUSED,
                              _("Audit number %" G_GINT64_FORMAT " is not on this panel’s "
                                "list: it may have been taken off in another window."),
                              write->audit_id))
    return FALSE;
  described = describe_audit (write->audit_id, ca_statement_get_text (find, 0));

  delete = ca_database_prepare (database,
                                "DELETE FROM panel_audit WHERE event_id = ? AND audit_id = ?",
                                error);
  if (delete == NULL)
    return FALSE;
  ca_statement_bind_int64 (delete, 1, write->event_id);
  ca_statement_bind_int64 (delete, 2, write->audit_id);
  if (!ca_statement_run (delete, error))
    return FALSE;
  ca_database_note_change (database, CA_CHANGE_PROGRAMME, write->event_id);
  return ca_database_record_change (database, NULL, "programme_event", write->event_id,
                                    "panel_audit", described, NULL, error);
}

/**
 * ca_panel_store_remove_audit:
 *
 * Takes @audit_id off the panel's list; the audit itself stays as it was.
 */
gboolean
ca_panel_store_remove_audit (CaDatabase  *database,
                             gint64       event_id,
                             gint64       audit_id,
                             GError     **error)
{
  PanelWrite write = { event_id, audit_id, NULL, NULL };

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  return ca_database_transaction (database, remove_audit_work, &write, error);
}

static gboolean
set_conclusions_work (CaDatabase  *database,
                      gpointer     user_data,
                      GError     **error)
{
  PanelWrite *write = user_data;
  g_autoptr(CaPanel) panel = g_new0 (CaPanel, 1);
  g_autoptr(CaStatement) update = NULL;

  if (!read_panel_event (database, write->event_id, panel, error))
    return FALSE;
  if (g_strcmp0 (panel->conclusions, write->conclusions) == 0)
    return TRUE;

  update = ca_database_prepare (database,
                                "UPDATE programme_event SET conclusions = ? WHERE id = ?",
                                error);
  if (update == NULL)
    return FALSE;
  ca_statement_bind_text (update, 1, write->conclusions);
  ca_statement_bind_int64 (update, 2, write->event_id);
  if (!ca_statement_run (update, error))
    return FALSE;
  ca_database_note_change (database, CA_CHANGE_PROGRAMME, write->event_id);
  return ca_database_record_change (database, NULL, "programme_event", write->event_id,
                                    "conclusions", panel->conclusions, write->conclusions,
                                    error);
}

/**
 * ca_panel_store_set_conclusions:
 * @conclusions: (nullable): what the panel concluded; empty or blank clears it
 *
 * Stores the panel's conclusions, checked as any note is (valid text, not too long).
 */
gboolean
ca_panel_store_set_conclusions (CaDatabase  *database,
                                gint64       event_id,
                                const char  *conclusions,
                                GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (conclusions != NULL ? conclusions : ""));
  PanelWrite write = { event_id, 0, NULL, *text != '\0' ? text : NULL };

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);

  if (!ca_text_check_full (write.conclusions, CA_TEXT_MAX_NOTES,
                           _("The text of the conclusions"),
                           CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT, error))
    return FALSE;
  return ca_database_transaction (database, set_conclusions_work, &write, error);
}
