// SPDX-License-Identifier: GPL-3.0-or-later
// Reads one audit's form: the header, the draft as last saved, the versions set aside.
// Saving is in ca-audit-draft-store-save.c, submitting in ca-audit-draft-store-submit.c.

#define G_LOG_DOMAIN "ca-audit-draft-store"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-action-rows.h"
#include "ca-audit-draft-store-private.h"
#include "ca-store-load.h"
#include "ca-tool-store.h"
#include "core/ca-date.h"

G_DEFINE_QUARK (ca-audit-draft-store-error-quark, ca_audit_draft_store_error)

void
ca_audit_header_free (CaAuditHeader *header)
{
  if (header == NULL)
    return;

  g_free (header->case_ref);
  g_free (header->service_area);
  g_free (header->team);
  g_free (header->allocated_worker);
  g_free (header->auditor);
  g_free (header->joint_practitioner);
  g_free (header->tool_name);
  g_free (header->allocated_on);
  g_free (header->due_date);
  g_free (header->submitted_at);
  g_free (header->review_due_at);
  g_free (header->response_due_date);
  g_free (header);
}

void
ca_audit_form_free (CaAuditForm *form)
{
  if (form == NULL)
    return;

  g_clear_pointer (&form->header, ca_audit_header_free);
  g_clear_pointer (&form->definition, ca_tool_definition_free);
  g_clear_pointer (&form->draft, ca_audit_draft_free);
  g_clear_pointer (&form->stored, ca_audit_draft_free);
  g_clear_pointer (&form->set_aside, g_ptr_array_unref);
  g_clear_pointer (&form->owners, g_ptr_array_unref);
  g_free (form);
}

void
ca_draft_set_aside_free (CaDraftSetAside *set_aside)
{
  if (set_aside == NULL)
    return;

  g_free (set_aside->where);
  g_free (set_aside->value);
  g_free (set_aside->set_aside_at);
  g_free (set_aside->set_aside_by);
  g_free (set_aside);
}

void
ca_audit_draft_saved_free (CaAuditDraftSaved *saved)
{
  if (saved == NULL)
    return;

  g_clear_pointer (&saved->stored, ca_audit_draft_free);
  g_clear_pointer (&saved->conflicts, g_ptr_array_unref);
  g_free (saved);
}

/* Steps STMT, which reads audit AUDIT_ID, once: a missing audit is NOT_FOUND. */
gboolean
ca_audit_draft_store_step_audit (CaStatement  *stmt,
                                 gint64        audit_id,
                                 GError      **error)
{
  return ca_statement_step_one (stmt, error, CA_AUDIT_DRAFT_STORE_ERROR,
                                CA_AUDIT_DRAFT_STORE_ERROR_NOT_FOUND,
                                _("There is no audit number %" G_GINT64_FORMAT " in this "
                                  "database: it may have been removed."), audit_id);
}

/* ---------------------------------------------------------------------------------------- *
 * Loading
 * ---------------------------------------------------------------------------------------- */

#define HEADER_SELECT \
  "SELECT a.id, a.case_id, c.case_ref, sa.name, t.name, w.name, c.allocated_worker_id, " \
  "       au.name, jp.name, a.tool_version_id, tool.name, v.version, a.status, " \
  "       a.allocated_on, a.due_date, a.submitted_at, a.review_due_at, mr.due_date, " \
  "       a.audit_date, a.period_start, a.period_end, a.joint_practitioner_id, " \
  "       a.overall_grade, a.category, a.pen_picture, a.done_well, a.comments, " \
  "       a.feedback_method, a.feedback_date, a.feedback_summary " \
  "FROM audit a " \
  "JOIN case_file c ON c.id = a.case_id " \
  "JOIN team t ON t.id = c.team_id " \
  "JOIN service_area sa ON sa.id = t.service_area_id " \
  "LEFT JOIN staff w ON w.id = c.allocated_worker_id " \
  "JOIN staff au ON au.id = a.auditor_id " \
  "LEFT JOIN staff jp ON jp.id = a.joint_practitioner_id " \
  "JOIN audit_tool_version v ON v.id = a.tool_version_id " \
  "JOIN audit_tool tool ON tool.id = v.tool_id " \
  "LEFT JOIN manager_response mr ON mr.audit_id = a.id " \
  "WHERE a.id = ?"

static gboolean
load_answers (CaDatabase    *database,
              gint64         audit_id,
              CaAuditDraft  *draft,
              GError       **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (database,
                              "SELECT question_id, answer, reason FROM audit_answer "
                              "WHERE audit_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, audit_id);

  while (ca_statement_next (stmt))
    {
      /* Inserted directly: the setter drops an answer with neither value nor reason, and
       * the draft must come back as it was saved. */
      g_hash_table_insert (draft->answers, ca_statement_dup_text (stmt, 0),
                           ca_answer_new (ca_statement_get_text (stmt, 1),
                                          ca_statement_get_text (stmt, 2)));
    }
  return ca_statement_check (stmt, error);
}

static gboolean
load_sections (CaDatabase    *database,
               gint64         audit_id,
               CaAuditDraft  *draft,
               GError       **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (database,
                              "SELECT section_id, grade, comments FROM audit_section "
                              "WHERE audit_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, audit_id);

  while (ca_statement_next (stmt))
    {
      const char *section_id;
      CaGrade grade;

      section_id = ca_statement_get_text (stmt, 0);
      grade = ca_grade_from_string (ca_statement_get_text (stmt, 1));
      if (grade != CA_GRADE_NONE)
        ca_audit_draft_set_section_grade (draft, section_id, grade);
      if (!ca_statement_is_null (stmt, 2))
        ca_audit_draft_set_section_comments (draft, section_id, ca_statement_get_text (stmt, 2));
    }
  return ca_statement_check (stmt, error);
}

static gboolean
load_actions (CaDatabase    *database,
              gint64         audit_id,
              CaAuditDraft  *draft,
              GError       **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (database,
                              "SELECT description, owner_id, due_date, impact, safeguarding "
                              "FROM action WHERE audit_id = ? AND moderation_id IS NULL "
                              "ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, audit_id);

  while (ca_statement_next (stmt))
    {
      const char *description = ca_action_rows_description (ca_statement_get_text (stmt, 0));
      guint index;

      index = ca_audit_draft_add_action (draft, description, ca_statement_get_int64 (stmt, 1),
                                         ca_statement_get_text (stmt, 2),
                                         ca_statement_get_text (stmt, 3));
      ca_audit_draft_set_action_safeguarding (draft, index, ca_statement_get_int64 (stmt, 4) != 0);
    }
  return ca_statement_check (stmt, error);
}

/* A draft that has no period yet gets the tool's default: the PERIOD_MONTHS before the audit
 * date, or before today (in England) while there is no audit date. It is filled in when the
 * form is loaded rather than left to the form so that what the form shows is exactly what the
 * next save stores. A period that is half given is left alone: the auditor is typing it. */
static void
default_period (CaAuditDraft           *draft,
                const CaToolDefinition *definition)
{
  GDate end, start;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  if (draft->period_start != NULL || draft->period_end != NULL || definition->period_months == 0)
    return;

  if (!ca_date_parse (draft->audit_date, &end))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      ca_deadline_get_local_date (now, &end);
    }
  start = end;
  g_date_subtract_months (&start, definition->period_months);

  start_text = ca_date_format (&start);
  end_text = ca_date_format (&end);
  ca_audit_draft_set_period (draft, start_text, end_text);
}

/**
 * ca_audit_draft_store_load:
 *
 * Loads the audit's header, the tool version it keeps and its draft as last saved. A draft
 * with no period reviewed yet is given the tool's default period (see default_period()); the
 * audit date is never invented.
 */
CaAuditForm *
ca_audit_draft_store_load (CaDatabase  *database,
                           gint64       audit_id,
                           GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(CaAuditForm) form = NULL;
  CaAuditHeader *header;
  CaAuditDraft *draft;
  gint64 category;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = ca_database_prepare (database, HEADER_SELECT, error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_int64 (stmt, 1, audit_id);
  if (!ca_audit_draft_store_step_audit (stmt, audit_id, error))
    return NULL;

  form = g_new0 (CaAuditForm, 1);
  form->header = header = g_new0 (CaAuditHeader, 1);
  header->audit_id = ca_statement_get_int64 (stmt, 0);
  header->case_id = ca_statement_get_int64 (stmt, 1);
  header->case_ref = ca_statement_dup_text (stmt, 2);
  header->service_area = ca_statement_dup_text (stmt, 3);
  header->team = ca_statement_dup_text (stmt, 4);
  header->allocated_worker = ca_statement_dup_text (stmt, 5);
  header->allocated_worker_id = ca_statement_get_int64 (stmt, 6);
  header->auditor = ca_statement_dup_text (stmt, 7);
  header->joint_practitioner = ca_statement_dup_text (stmt, 8);
  header->tool_version_id = ca_statement_get_int64 (stmt, 9);
  header->tool_name = ca_statement_dup_text (stmt, 10);
  header->tool_version = (int) ca_statement_get_int64 (stmt, 11);
  if (!ca_audit_status_from_string (ca_statement_get_text (stmt, 12), &header->status))
    header->status = CA_AUDIT_STATUS_ALLOCATED;
  header->allocated_on = ca_statement_dup_text (stmt, 13);
  header->due_date = ca_statement_dup_text (stmt, 14);
  header->submitted_at = ca_statement_dup_text (stmt, 15);
  header->review_due_at = ca_statement_dup_text (stmt, 16);
  header->response_due_date = ca_statement_dup_text (stmt, 17);

  form->draft = draft = ca_audit_draft_new ();
  draft->audit_date = ca_statement_dup_text (stmt, 18);
  draft->period_start = ca_statement_dup_text (stmt, 19);
  draft->period_end = ca_statement_dup_text (stmt, 20);
  draft->joint_practitioner_id = ca_statement_get_int64 (stmt, 21);
  draft->overall_grade = ca_grade_from_string (ca_statement_get_text (stmt, 22));
  category = ca_statement_get_int64 (stmt, 23);
  draft->category = category >= 1 && category <= CA_CATEGORY_MAX ? (int) category
                                                                    : CA_CATEGORY_NONE;
  draft->pen_picture = ca_statement_dup_text (stmt, 24);
  draft->done_well = ca_statement_dup_text (stmt, 25);
  draft->comments = ca_statement_dup_text (stmt, 26);
  draft->feedback_method = ca_statement_dup_text (stmt, 27);
  draft->feedback_date = ca_statement_dup_text (stmt, 28);
  draft->feedback_summary = ca_statement_dup_text (stmt, 29);
  g_clear_pointer (&stmt, ca_statement_free);

  form->definition = ca_tool_store_load_version (database, header->tool_version_id, error);
  if (form->definition == NULL)
    return NULL;

  if (!load_answers (database, audit_id, draft, error) ||
      !load_sections (database, audit_id, draft, error) ||
      !load_actions (database, audit_id, draft, error))
    return NULL;

  /* Before the defaults, so that a default is a change the next save writes. */
  form->stored = ca_audit_draft_copy (draft);
  form->set_aside = ca_set_aside_store_list (database, CA_SET_ASIDE_AUDIT_DRAFT, audit_id, error);
  if (form->set_aside == NULL)
    return NULL;
  form->owners = ca_audit_draft_store_list_owners (database, audit_id, error);
  if (form->owners == NULL)
    return NULL;

  if (header->status == CA_AUDIT_STATUS_ALLOCATED || header->status == CA_AUDIT_STATUS_IN_PROGRESS)
    default_period (draft, form->definition);

  return g_steal_pointer (&form);
}

/* The same, on the database's worker, so that the window stays responsive while the form,
 * its answers, actions and tool are read. */
void
ca_audit_draft_store_load_async (CaDatabase          *database,
                                 gint64               audit_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  ca_store_load_async (database, (CaStoreLoadFunc) ca_audit_draft_store_load, audit_id,
                       (GDestroyNotify) ca_audit_form_free, cancellable, callback, user_data);
}

CaAuditForm *
ca_audit_draft_store_load_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return ca_store_load_finish (result, error);
}

/* ---------------------------------------------------------------------------------------- *
 * Reading back what is stored, for a save and a submission
 * ---------------------------------------------------------------------------------------- */

void
ca_stored_audit_clear (CaStoredAudit *stored)
{
  g_free (stored->submitted_at);
  g_free (stored->audit_date);
  g_free (stored->period_start);
  g_free (stored->period_end);
  g_free (stored->joint_practitioner_id);
  g_free (stored->overall_grade);
  g_free (stored->category);
  g_free (stored->pen_picture);
  g_free (stored->done_well);
  g_free (stored->comments);
  g_free (stored->feedback_method);
  g_free (stored->feedback_date);
  g_free (stored->feedback_summary);
}

gboolean
ca_audit_draft_store_read_stored_audit (CaDatabase     *database,
                                        gint64          audit_id,
                                        CaStoredAudit  *stored,
                                        GError        **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (database,
                              "SELECT status, submitted_at, audit_date, period_start, period_end, "
                              "       joint_practitioner_id, overall_grade, category, "
                              "       pen_picture, done_well, comments, feedback_method, "
                              "       feedback_date, feedback_summary "
                              "FROM audit WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, audit_id);
  if (!ca_audit_draft_store_step_audit (stmt, audit_id, error))
    return FALSE;

  if (!ca_audit_status_from_string (ca_statement_get_text (stmt, 0), &stored->status))
    stored->status = CA_AUDIT_STATUS_ALLOCATED;
  stored->submitted_at = ca_statement_dup_text (stmt, 1);
  stored->audit_date = ca_statement_dup_text (stmt, 2);
  stored->period_start = ca_statement_dup_text (stmt, 3);
  stored->period_end = ca_statement_dup_text (stmt, 4);
  stored->joint_practitioner_id = ca_statement_dup_text (stmt, 5);
  stored->overall_grade = ca_statement_dup_text (stmt, 6);
  stored->category = ca_statement_dup_text (stmt, 7);
  stored->pen_picture = ca_statement_dup_text (stmt, 8);
  stored->done_well = ca_statement_dup_text (stmt, 9);
  stored->comments = ca_statement_dup_text (stmt, 10);
  stored->feedback_method = ca_statement_dup_text (stmt, 11);
  stored->feedback_date = ca_statement_dup_text (stmt, 12);
  stored->feedback_summary = ca_statement_dup_text (stmt, 13);
  return TRUE;
}

/* The draft as stored: the audit row already read into STORED, and its other tables. */
CaAuditDraft *
ca_audit_draft_store_read_stored_draft (CaDatabase           *database,
                                        gint64                audit_id,
                                        const CaStoredAudit  *stored,
                                        GError              **error)
{
  g_autoptr(CaAuditDraft) draft = ca_audit_draft_new ();

  if (!ca_audit_draft_set_field (draft, "joint_practitioner", stored->joint_practitioner_id) ||
      !ca_audit_draft_set_field (draft, "overall_grade", stored->overall_grade) ||
      !ca_audit_draft_set_field (draft, "category", stored->category))
    g_warning ("Audit %" G_GINT64_FORMAT " holds a value its form cannot show", audit_id);
  draft->audit_date = g_strdup (stored->audit_date);
  draft->period_start = g_strdup (stored->period_start);
  draft->period_end = g_strdup (stored->period_end);
  draft->pen_picture = g_strdup (stored->pen_picture);
  draft->done_well = g_strdup (stored->done_well);
  draft->comments = g_strdup (stored->comments);
  draft->feedback_method = g_strdup (stored->feedback_method);
  draft->feedback_date = g_strdup (stored->feedback_date);
  draft->feedback_summary = g_strdup (stored->feedback_summary);

  if (!load_answers (database, audit_id, draft, error) ||
      !load_sections (database, audit_id, draft, error) ||
      !load_actions (database, audit_id, draft, error))
    return NULL;
  return g_steal_pointer (&draft);
}



void
ca_action_owner_free (CaActionOwner *owner)
{
  if (owner == NULL)
    return;
  g_free (owner->name);
  g_free (owner);
}

GPtrArray *
ca_audit_draft_store_list_owners (CaDatabase  *database,
                                  gint64       audit_id,
                                  GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GPtrArray) owners = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_action_owner_free);

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);

  stmt = ca_database_prepare (database,
                              "SELECT s.id, s.name FROM staff s "
                              "JOIN audit a ON a.id = ? "
                              "JOIN case_file c ON c.id = a.case_id "
                              "WHERE (s.team_id = c.team_id AND s.active = 1) "
                              "   OR s.id = a.auditor_id "
                              "ORDER BY s.name, s.id", error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_int64 (stmt, 1, audit_id);
  while (ca_statement_next (stmt))
    {
      CaActionOwner *owner;

      owner = g_new0 (CaActionOwner, 1);
      owner->id = ca_statement_get_int64 (stmt, 0);
      owner->name = ca_statement_dup_text (stmt, 1);
      g_ptr_array_add (owners, owner);
    }
  if (!ca_statement_check (stmt, error))
    return NULL;
  return g_steal_pointer (&owners);
}

static gboolean
load_staff_name (CaStatement  *stmt,
                 GHashTable   *names,
                 gint64        staff_id,
                 GError      **error)
{
  gboolean has_row = FALSE;

  if (staff_id == 0 || g_hash_table_contains (names, &staff_id))
    return TRUE;
  ca_statement_reset (stmt);
  ca_statement_bind_int64 (stmt, 1, staff_id);
  if (!ca_statement_step (stmt, &has_row, error))
    return FALSE;
  if (has_row)
    g_hash_table_insert (names, g_memdup2 (&staff_id, sizeof (gint64)),
                         ca_statement_dup_text (stmt, 0));
  return TRUE;
}

GHashTable *
ca_audit_draft_store_load_staff_names (CaDatabase        *database,
                                       const CaAuditForm *form,
                                       gint64             other_id,
                                       GError           **error)
{
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(CaStatement) stmt = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (form != NULL && form->draft != NULL, NULL);

  names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  stmt = ca_database_prepare (database, "SELECT name FROM staff WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < form->draft->actions->len; i++)
    {
      const CaDraftAction *action = g_ptr_array_index (form->draft->actions, i);

      if (!load_staff_name (stmt, names, action->owner_id, error))
        return NULL;
    }
  if (!load_staff_name (stmt, names, other_id, error))
    return NULL;
  return g_steal_pointer (&names);
}
