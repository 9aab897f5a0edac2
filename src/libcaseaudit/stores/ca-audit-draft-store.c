// SPDX-License-Identifier: GPL-3.0-or-later
// Reads and writes one audit's form: the draft, autosaved as it is typed, and its submission.

#define G_LOG_DOMAIN "ca-audit-draft-store"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-audit-draft-store.h"
#include "ca-tool-store.h"
#include "core/ca-date.h"

/* What the history keeps, and why:
 *  - audit status, dates, period, joint practitioner, overall grade, category, submission
 *    time and review deadline: through ca_database_update_tracked(), only when they change;
 *  - section grades: one row per change, entity "audit", field "sections.SECTION-ID.grade";
 *  - actions: entity "action"; a new row and a removed row each write their description,
 *    a changed owner or due date writes the change;
 *  - feedback from the child or family (R-F11): its method and date like the other fields;
 *    its summary is long text;
 *  - long text (pen picture, what was done well, comments, section comments, action
 *    descriptions and impacts, feedback summary) and answers: not per autosave. The form saves every second
 *    while someone types, and a history row per keystroke would bury the changes that
 *    matter. Once submitted the text can no longer change through the form, so the audit
 *    row itself is the record of what was submitted.
 * Every save compares the draft with what is stored and writes only the differences, so an
 * autosave of an unchanged form writes nothing at all. */

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

static void
set_not_found (gint64   audit_id,
               GError **error)
{
  g_set_error (error, CA_AUDIT_DRAFT_STORE_ERROR, CA_AUDIT_DRAFT_STORE_ERROR_NOT_FOUND,
               _("There is no audit number %" G_GINT64_FORMAT " in this database: it may have "
                 "been removed."), audit_id);
}

static void
set_submitted (const char  *submitted_at,
               GError     **error)
{
  g_autoptr(GDateTime) moment = NULL;
  g_autofree char *day = NULL;

  if (submitted_at != NULL)
    moment = g_date_time_new_from_iso8601 (submitted_at, NULL);
  if (moment != NULL)
    {
      GDate local;
      g_autofree char *iso = NULL;

      ca_deadline_get_local_date (moment, &local);
      iso = ca_date_format (&local);
      day = ca_date_format_display (iso);
    }

  if (day != NULL)
    g_set_error (error, CA_AUDIT_DRAFT_STORE_ERROR, CA_AUDIT_DRAFT_STORE_ERROR_SUBMITTED,
                 _("This audit was submitted on %s; its form can no longer change."), day);
  else
    g_set_error_literal (error, CA_AUDIT_DRAFT_STORE_ERROR, CA_AUDIT_DRAFT_STORE_ERROR_SUBMITTED,
                         _("This audit has been submitted; its form can no longer change."));
}

static char *
dup_int_or_null (gint64 value)
{
  return value != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, value) : NULL;
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
  gboolean has_row = FALSE;

  stmt = ca_database_prepare (database,
                              "SELECT question_id, answer, reason FROM audit_answer "
                              "WHERE audit_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, audit_id);

  for (;;)
    {
      if (!ca_statement_step (stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        return TRUE;
      /* Inserted directly: the setter drops an answer with neither value nor reason, and
       * the draft must come back as it was saved. */
      g_hash_table_insert (draft->answers, ca_statement_dup_text (stmt, 0),
                           ca_answer_new (ca_statement_get_text (stmt, 1),
                                          ca_statement_get_text (stmt, 2)));
    }
}

static gboolean
load_sections (CaDatabase    *database,
               gint64         audit_id,
               CaAuditDraft  *draft,
               GError       **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  gboolean has_row = FALSE;

  stmt = ca_database_prepare (database,
                              "SELECT section_id, grade, comments FROM audit_section "
                              "WHERE audit_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, audit_id);

  for (;;)
    {
      const char *section_id;
      CaGrade grade;

      if (!ca_statement_step (stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        return TRUE;
      section_id = ca_statement_get_text (stmt, 0);
      grade = ca_grade_from_string (ca_statement_get_text (stmt, 1));
      if (grade != CA_GRADE_NONE)
        ca_audit_draft_set_section_grade (draft, section_id, grade);
      if (!ca_statement_is_null (stmt, 2))
        ca_audit_draft_set_section_comments (draft, section_id, ca_statement_get_text (stmt, 2));
    }
}

static gboolean
load_actions (CaDatabase    *database,
              gint64         audit_id,
              CaAuditDraft  *draft,
              GError       **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  gboolean has_row = FALSE;

  stmt = ca_database_prepare (database,
                              "SELECT description, owner_id, due_date, impact, safeguarding "
                              "FROM action WHERE audit_id = ? ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, audit_id);

  for (;;)
    {
      const char *description;
      guint index;

      if (!ca_statement_step (stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        return TRUE;
      /* The column is NOT NULL: a row not yet described is stored as "". */
      description = ca_statement_get_text (stmt, 0);
      index = ca_audit_draft_add_action (draft,
                                         description != NULL && *description != '\0'
                                           ? description : NULL,
                                         ca_statement_get_int64 (stmt, 1),
                                         ca_statement_get_text (stmt, 2),
                                         ca_statement_get_text (stmt, 3));
      ca_audit_draft_set_action_safeguarding (draft, index, ca_statement_get_int64 (stmt, 4) != 0);
    }
}

/* The versions set aside for AUDIT_ID and still waiting for a choice, oldest first. */
static GPtrArray *
load_set_aside (CaDatabase  *database,
                gint64       audit_id,
                GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_draft_set_aside_free);
  gboolean has_row = FALSE;

  stmt = ca_database_prepare (database,
                              "SELECT id, field, value, set_aside_at, set_aside_by "
                              "FROM audit_draft_set_aside WHERE audit_id = ? ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_int64 (stmt, 1, audit_id);
  for (;;)
    {
      CaDraftSetAside *row;

      if (!ca_statement_step (stmt, &has_row, error))
        return NULL;
      if (!has_row)
        return g_steal_pointer (&rows);
      row = g_new0 (CaDraftSetAside, 1);
      row->id = ca_statement_get_int64 (stmt, 0);
      row->where = ca_statement_dup_text (stmt, 1);
      row->value = ca_statement_dup_text (stmt, 2);
      row->set_aside_at = ca_statement_dup_text (stmt, 3);
      row->set_aside_by = ca_statement_dup_text (stmt, 4);
      g_ptr_array_add (rows, row);
    }
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
  gboolean has_row = FALSE;
  gint64 category;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = ca_database_prepare (database, HEADER_SELECT, error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_int64 (stmt, 1, audit_id);
  if (!ca_statement_step (stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      set_not_found (audit_id, error);
      return NULL;
    }

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
  form->set_aside = load_set_aside (database, audit_id, error);
  if (form->set_aside == NULL)
    return NULL;

  if (header->status == CA_AUDIT_STATUS_ALLOCATED || header->status == CA_AUDIT_STATUS_IN_PROGRESS)
    default_period (draft, form->definition);

  return g_steal_pointer (&form);
}

/* ---------------------------------------------------------------------------------------- *
 * Saving
 * ---------------------------------------------------------------------------------------- */

/* The audit row's fields that a save compares. */
typedef struct
{
  CaAuditStatus  status;
  char          *submitted_at;
  char          *audit_date;
  char          *period_start;
  char          *period_end;
  char          *joint_practitioner_id;
  char          *overall_grade;
  char          *category;
  char          *pen_picture;
  char          *done_well;
  char          *comments;
  char          *feedback_method;
  char          *feedback_date;
  char          *feedback_summary;
} StoredAudit;

static void
stored_audit_clear (StoredAudit *stored)
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

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StoredAudit, stored_audit_clear)

static gboolean
read_stored_audit (CaDatabase   *database,
                   gint64        audit_id,
                   StoredAudit  *stored,
                   GError      **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  gboolean has_row = FALSE;

  stmt = ca_database_prepare (database,
                              "SELECT status, submitted_at, audit_date, period_start, period_end, "
                              "       joint_practitioner_id, overall_grade, category, "
                              "       pen_picture, done_well, comments, feedback_method, "
                              "       feedback_date, feedback_summary "
                              "FROM audit WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, audit_id);
  if (!ca_statement_step (stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      set_not_found (audit_id, error);
      return FALSE;
    }

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

static gboolean
update_if_changed (CaDatabase  *database,
                   gint64       audit_id,
                   const char  *field,
                   const char  *stored,
                   const char  *value,
                   GError     **error)
{
  if (g_strcmp0 (stored, value) == 0)
    return TRUE;
  return ca_database_update_tracked (database, "audit", audit_id, field, value, error);
}

static gboolean
save_audit_fields (CaDatabase          *database,
                   gint64               audit_id,
                   const StoredAudit   *stored,
                   const CaAuditDraft  *draft,
                   GError             **error)
{
  g_autofree char *joint = dup_int_or_null (draft->joint_practitioner_id);
  g_autofree char *category = NULL;
  const char *grade = draft->overall_grade != CA_GRADE_NONE
                      ? ca_grade_to_string (draft->overall_grade) : NULL;

  /* The schema keeps Categories 1 and 2 for Inadequate audits. A draft can hold another mix
   * for a moment (the grade changed after the category was chosen); the category is then not
   * kept rather than the whole autosave failing, and submission asks for one again. */
  if (draft->category >= 1 && draft->category <= CA_CATEGORY_MAX &&
      (draft->category > 2 || draft->overall_grade == CA_GRADE_INADEQUATE))
    category = g_strdup_printf ("%d", draft->category);

  if (!update_if_changed (database, audit_id, "audit_date", stored->audit_date,
                          draft->audit_date, error) ||
      !update_if_changed (database, audit_id, "period_start", stored->period_start,
                          draft->period_start, error) ||
      !update_if_changed (database, audit_id, "period_end", stored->period_end,
                          draft->period_end, error) ||
      !update_if_changed (database, audit_id, "joint_practitioner_id",
                          stored->joint_practitioner_id, joint, error) ||
      !update_if_changed (database, audit_id, "feedback_method", stored->feedback_method,
                          draft->feedback_method, error) ||
      !update_if_changed (database, audit_id, "feedback_date", stored->feedback_date,
                          draft->feedback_date, error))
    return FALSE;

  /* Grade and category in the order that keeps the row valid between the two updates. */
  if (category != NULL && draft->category <= 2)
    {
      if (!update_if_changed (database, audit_id, "overall_grade", stored->overall_grade,
                              grade, error) ||
          !update_if_changed (database, audit_id, "category", stored->category, category, error))
        return FALSE;
    }
  else
    {
      if (!update_if_changed (database, audit_id, "category", stored->category, category, error) ||
          !update_if_changed (database, audit_id, "overall_grade", stored->overall_grade,
                              grade, error))
        return FALSE;
    }

  /* Long text: one plain UPDATE, no history (see the top of the file). */
  if (g_strcmp0 (stored->pen_picture, draft->pen_picture) != 0 ||
      g_strcmp0 (stored->done_well, draft->done_well) != 0 ||
      g_strcmp0 (stored->comments, draft->comments) != 0 ||
      g_strcmp0 (stored->feedback_summary, draft->feedback_summary) != 0)
    {
      g_autoptr(CaStatement) stmt = NULL;

      stmt = ca_database_prepare (database,
                                  "UPDATE audit SET pen_picture = ?, done_well = ?, comments = ?, "
                                  "                 feedback_summary = ? "
                                  "WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      ca_statement_bind_text (stmt, 1, draft->pen_picture);
      ca_statement_bind_text (stmt, 2, draft->done_well);
      ca_statement_bind_text (stmt, 3, draft->comments);
      ca_statement_bind_text (stmt, 4, draft->feedback_summary);
      ca_statement_bind_int64 (stmt, 5, audit_id);
      if (!ca_statement_run (stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
save_answers (CaDatabase          *database,
              gint64               audit_id,
              const CaAuditDraft  *draft,
              GError             **error)
{
  g_autoptr(CaStatement) select = NULL;
  g_autoptr(CaStatement) upsert = NULL;
  g_autoptr(CaStatement) delete = NULL;
  g_autoptr(GHashTable) stored = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gboolean has_row = FALSE;

  select = ca_database_prepare (database,
                                "SELECT question_id, answer, reason FROM audit_answer "
                                "WHERE audit_id = ?", error);
  if (select == NULL)
    return FALSE;
  ca_statement_bind_int64 (select, 1, audit_id);

  stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) ca_answer_free);
  for (;;)
    {
      if (!ca_statement_step (select, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      g_hash_table_insert (stored, ca_statement_dup_text (select, 0),
                           ca_answer_new (ca_statement_get_text (select, 1),
                                          ca_statement_get_text (select, 2)));
    }

  g_hash_table_iter_init (&iter, draft->answers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const CaAnswer *answer = value;
      const CaAnswer *before = g_hash_table_lookup (stored, key);

      if (before != NULL && g_strcmp0 (before->value, answer->value) == 0 &&
          g_strcmp0 (before->reason, answer->reason) == 0)
        continue;

      if (upsert == NULL)
        {
          upsert = ca_database_prepare (database,
                                        "INSERT INTO audit_answer (audit_id, question_id, answer, "
                                        "                          reason) "
                                        "VALUES (?, ?, ?, ?) "
                                        "ON CONFLICT (audit_id, question_id) DO UPDATE SET "
                                        "  answer = excluded.answer, reason = excluded.reason",
                                        error);
          if (upsert == NULL)
            return FALSE;
        }
      ca_statement_bind_int64 (upsert, 1, audit_id);
      ca_statement_bind_text (upsert, 2, key);
      ca_statement_bind_text (upsert, 3, answer->value);
      ca_statement_bind_text (upsert, 4, answer->reason);
      if (!ca_statement_run (upsert, error))
        return FALSE;
    }

  g_hash_table_iter_init (&iter, stored);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (g_hash_table_contains (draft->answers, key))
        continue;

      if (delete == NULL)
        {
          delete = ca_database_prepare (database,
                                        "DELETE FROM audit_answer "
                                        "WHERE audit_id = ? AND question_id = ?", error);
          if (delete == NULL)
            return FALSE;
        }
      ca_statement_bind_int64 (delete, 1, audit_id);
      ca_statement_bind_text (delete, 2, key);
      if (!ca_statement_run (delete, error))
        return FALSE;
    }

  return TRUE;
}

/* One stored section row. */
typedef struct
{
  char *grade;
  char *comments;
} StoredSection;

static void
stored_section_free (StoredSection *section)
{
  g_free (section->grade);
  g_free (section->comments);
  g_free (section);
}

static gboolean
save_sections (CaDatabase          *database,
               gint64               audit_id,
               const CaAuditDraft  *draft,
               GError             **error)
{
  g_autoptr(CaStatement) select = NULL;
  g_autoptr(CaStatement) upsert = NULL;
  g_autoptr(CaStatement) delete = NULL;
  g_autoptr(GHashTable) stored = NULL;
  g_autoptr(GHashTable) wanted = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gboolean has_row = FALSE;

  select = ca_database_prepare (database,
                                "SELECT section_id, grade, comments FROM audit_section "
                                "WHERE audit_id = ?", error);
  if (select == NULL)
    return FALSE;
  ca_statement_bind_int64 (select, 1, audit_id);

  stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) stored_section_free);
  for (;;)
    {
      StoredSection *section;

      if (!ca_statement_step (select, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      section = g_new0 (StoredSection, 1);
      section->grade = ca_statement_dup_text (select, 1);
      section->comments = ca_statement_dup_text (select, 2);
      g_hash_table_insert (stored, ca_statement_dup_text (select, 0), section);
    }

  /* Every section with a grade or comments; the keys belong to the draft. */
  wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_iter_init (&iter, draft->section_grades);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (wanted, key);
  g_hash_table_iter_init (&iter, draft->section_comments);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (wanted, key);

  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const StoredSection *before = g_hash_table_lookup (stored, key);
      CaGrade grade = ca_audit_draft_get_section_grade (draft, key);
      const char *grade_text = grade != CA_GRADE_NONE ? ca_grade_to_string (grade) : NULL;
      const char *comments = ca_audit_draft_get_section_comments (draft, key);
      const char *old_grade = before != NULL ? before->grade : NULL;

      if (before != NULL && g_strcmp0 (old_grade, grade_text) == 0 &&
          g_strcmp0 (before->comments, comments) == 0)
        continue;

      if (upsert == NULL)
        {
          upsert = ca_database_prepare (database,
                                        "INSERT INTO audit_section (audit_id, section_id, grade, "
                                        "                           comments) "
                                        "VALUES (?, ?, ?, ?) "
                                        "ON CONFLICT (audit_id, section_id) DO UPDATE SET "
                                        "  grade = excluded.grade, comments = excluded.comments",
                                        error);
          if (upsert == NULL)
            return FALSE;
        }
      ca_statement_bind_int64 (upsert, 1, audit_id);
      ca_statement_bind_text (upsert, 2, key);
      ca_statement_bind_text (upsert, 3, grade_text);
      ca_statement_bind_text (upsert, 4, comments);
      if (!ca_statement_run (upsert, error))
        return FALSE;

      if (g_strcmp0 (old_grade, grade_text) != 0)
        {
          g_autofree char *field = g_strdup_printf ("sections.%s.grade", (const char *) key);

          if (!ca_database_record_change (database, NULL, "audit", audit_id, field,
                                          old_grade, grade_text, error))
            return FALSE;
        }
    }

  g_hash_table_iter_init (&iter, stored);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const StoredSection *before = value;

      if (g_hash_table_contains (wanted, key))
        continue;

      if (delete == NULL)
        {
          delete = ca_database_prepare (database,
                                        "DELETE FROM audit_section "
                                        "WHERE audit_id = ? AND section_id = ?", error);
          if (delete == NULL)
            return FALSE;
        }
      ca_statement_bind_int64 (delete, 1, audit_id);
      ca_statement_bind_text (delete, 2, key);
      if (!ca_statement_run (delete, error))
        return FALSE;

      if (before->grade != NULL)
        {
          g_autofree char *field = g_strdup_printf ("sections.%s.grade", (const char *) key);

          if (!ca_database_record_change (database, NULL, "audit", audit_id, field,
                                          before->grade, NULL, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* One stored action row. */
typedef struct
{
  gint64  id;
  char   *description;
  char   *owner_id;
  char   *due_date;
  char   *impact;
  gboolean safeguarding;
} StoredAction;

static void
stored_action_free (StoredAction *action)
{
  g_free (action->description);
  g_free (action->owner_id);
  g_free (action->due_date);
  g_free (action->impact);
  g_free (action);
}

static gboolean
insert_action (CaDatabase           *database,
               gint64                audit_id,
               const CaDraftAction  *action,
               GError              **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  const char *description = action->description != NULL ? action->description : "";

  stmt = ca_database_prepare (database,
                              "INSERT INTO action (audit_id, description, owner_id, due_date, "
                              "                    impact, safeguarding) "
                              "VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, audit_id);
  ca_statement_bind_text (stmt, 2, description);
  if (action->owner_id != 0)
    ca_statement_bind_int64 (stmt, 3, action->owner_id);
  else
    ca_statement_bind_null (stmt, 3);
  ca_statement_bind_text (stmt, 4, action->due_date);
  ca_statement_bind_text (stmt, 5, action->impact);
  ca_statement_bind_int64 (stmt, 6, action->safeguarding ? 1 : 0);
  if (!ca_statement_run (stmt, error))
    return FALSE;

  return ca_database_record_change (database, NULL, "action",
                                    ca_database_last_insert_id (database), "description",
                                    NULL, description, error);
}

static gboolean
update_action (CaDatabase           *database,
               const StoredAction   *before,
               const CaDraftAction  *action,
               GError              **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autofree char *owner = dup_int_or_null (action->owner_id);
  const char *description = action->description != NULL ? action->description : "";

  if (g_strcmp0 (before->description, description) == 0 &&
      g_strcmp0 (before->owner_id, owner) == 0 &&
      g_strcmp0 (before->due_date, action->due_date) == 0 &&
      g_strcmp0 (before->impact, action->impact) == 0 &&
      before->safeguarding == action->safeguarding)
    return TRUE;

  stmt = ca_database_prepare (database,
                              "UPDATE action SET description = ?, owner_id = ?, due_date = ?, "
                              "                  impact = ?, safeguarding = ? WHERE id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, description);
  if (action->owner_id != 0)
    ca_statement_bind_int64 (stmt, 2, action->owner_id);
  else
    ca_statement_bind_null (stmt, 2);
  ca_statement_bind_text (stmt, 3, action->due_date);
  ca_statement_bind_text (stmt, 4, action->impact);
  ca_statement_bind_int64 (stmt, 5, action->safeguarding ? 1 : 0);
  ca_statement_bind_int64 (stmt, 6, before->id);
  if (!ca_statement_run (stmt, error))
    return FALSE;

  /* Who owns it and by when are decisions; the wording is typing. */
  if (g_strcmp0 (before->owner_id, owner) != 0 &&
      !ca_database_record_change (database, NULL, "action", before->id, "owner_id",
                                  before->owner_id, owner, error))
    return FALSE;
  if (g_strcmp0 (before->due_date, action->due_date) != 0 &&
      !ca_database_record_change (database, NULL, "action", before->id, "due_date",
                                  before->due_date, action->due_date, error))
    return FALSE;
  if (before->safeguarding != action->safeguarding &&
      !ca_database_record_change (database, NULL, "action", before->id, "safeguarding",
                                  before->safeguarding ? "1" : "0",
                                  action->safeguarding ? "1" : "0", error))
    return FALSE;
  return TRUE;
}

/* The table's rows are matched with the stored rows in order (stored by id): a row is
 * updated in place, extra rows are added and missing ones removed. The stored rows keep their
 * ids, and with them whatever else is recorded against them (safeguarding, completion). */
static gboolean
save_actions (CaDatabase          *database,
              gint64               audit_id,
              const CaAuditDraft  *draft,
              GError             **error)
{
  g_autoptr(CaStatement) select = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  gboolean has_row = FALSE;
  guint n_draft = draft->actions->len;
  guint i;

  select = ca_database_prepare (database,
                                "SELECT id, description, owner_id, due_date, impact, "
                                "       safeguarding FROM action WHERE audit_id = ? ORDER BY id",
                                error);
  if (select == NULL)
    return FALSE;
  ca_statement_bind_int64 (select, 1, audit_id);

  stored = g_ptr_array_new_with_free_func ((GDestroyNotify) stored_action_free);
  for (;;)
    {
      StoredAction *action;

      if (!ca_statement_step (select, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      action = g_new0 (StoredAction, 1);
      action->id = ca_statement_get_int64 (select, 0);
      action->description = ca_statement_dup_text (select, 1);
      action->owner_id = ca_statement_dup_text (select, 2);
      action->due_date = ca_statement_dup_text (select, 3);
      action->impact = ca_statement_dup_text (select, 4);
      action->safeguarding = ca_statement_get_int64 (select, 5) != 0;
      g_ptr_array_add (stored, action);
    }
  g_clear_pointer (&select, ca_statement_free);

  for (i = 0; i < n_draft && i < stored->len; i++)
    if (!update_action (database, stored->pdata[i], draft->actions->pdata[i], error))
      return FALSE;

  for (; i < n_draft; i++)
    if (!insert_action (database, audit_id, draft->actions->pdata[i], error))
      return FALSE;

  if (stored->len > n_draft)
    {
      g_autoptr(CaStatement) delete = NULL;

      delete = ca_database_prepare (database, "DELETE FROM action WHERE id = ?", error);
      if (delete == NULL)
        return FALSE;
      for (; i < stored->len; i++)
        {
          const StoredAction *before = stored->pdata[i];

          ca_statement_bind_int64 (delete, 1, before->id);
          if (!ca_statement_run (delete, error) ||
              !ca_database_record_change (database, NULL, "action", before->id, "description",
                                          before->description, NULL, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* The body of a save, inside the caller's transaction. */
static gboolean
save_in_transaction (CaDatabase          *database,
                     gint64               audit_id,
                     const CaAuditDraft  *draft,
                     GError             **error)
{
  g_auto(StoredAudit) stored = { 0, };

  if (!read_stored_audit (database, audit_id, &stored, error))
    return FALSE;
  if (stored.status == CA_AUDIT_STATUS_SUBMITTED || stored.status == CA_AUDIT_STATUS_CLOSED)
    {
      set_submitted (stored.submitted_at, error);
      return FALSE;
    }

  if (stored.status == CA_AUDIT_STATUS_ALLOCATED &&
      !ca_database_update_tracked (database, "audit", audit_id, "status",
                                   ca_audit_status_to_string (CA_AUDIT_STATUS_IN_PROGRESS),
                                   error))
    return FALSE;

  return save_audit_fields (database, audit_id, &stored, draft, error) &&
         save_answers (database, audit_id, draft, error) &&
         save_sections (database, audit_id, draft, error) &&
         save_actions (database, audit_id, draft, error);
}

gboolean
ca_audit_draft_store_save (CaDatabase          *database,
                           gint64               audit_id,
                           const CaAuditDraft  *draft,
                           GError             **error)
{
  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ca_database_begin (database, error))
    return FALSE;
  if (!save_in_transaction (database, audit_id, draft, error) ||
      !ca_database_commit (database, error))
    {
      ca_database_rollback (database);
      return FALSE;
    }
  return TRUE;
}

/* The draft as stored: the audit row already read into STORED, and its other tables. */
static CaAuditDraft *
read_stored_draft (CaDatabase         *database,
                   gint64              audit_id,
                   const StoredAudit  *stored,
                   GError            **error)
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

/* What the schema keeps of DRAFT: as save_audit_fields() stores it, Categories 1 and 2 only
 * on an audit graded Inadequate. */
static void
keep_storable (CaAuditDraft *draft)
{
  if (draft->category >= 1 && draft->category <= 2 && draft->overall_grade != CA_GRADE_INADEQUATE)
    draft->category = CA_CATEGORY_NONE;
}

static CaDraftSetAside *
set_aside (CaDatabase          *database,
           gint64               audit_id,
           const CaAuditDraft  *draft,
           const char          *where,
           const char          *session,
           GError             **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(CaDraftSetAside) row = g_new0 (CaDraftSetAside, 1);
  gboolean has_row = FALSE;

  row->where = g_strdup (where);
  row->value = ca_audit_draft_dup_field (draft, where);
  row->set_aside_at = ca_timestamp_now ();
  row->set_aside_by = g_strdup (ca_database_get_user (database));

  stmt = ca_database_prepare (database,
                              "INSERT INTO audit_draft_set_aside (audit_id, field, value, "
                              "  set_aside_at, set_aside_by, session) VALUES (?, ?, ?, ?, ?, ?) "
                              "ON CONFLICT (audit_id, field, session) DO UPDATE SET "
                              "  value = excluded.value, set_aside_at = excluded.set_aside_at, "
                              "  set_aside_by = excluded.set_aside_by "
                              "RETURNING id", error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_int64 (stmt, 1, audit_id);
  ca_statement_bind_text (stmt, 2, row->where);
  ca_statement_bind_text (stmt, 3, row->value);
  ca_statement_bind_text (stmt, 4, row->set_aside_at);
  ca_statement_bind_text (stmt, 5, row->set_aside_by);
  ca_statement_bind_text (stmt, 6, session);
  if (!ca_statement_step (stmt, &has_row, error))
    return NULL;
  row->id = ca_statement_get_int64 (stmt, 0);
  return g_steal_pointer (&row);
}

static gboolean
remove_set_aside (CaDatabase    *database,
                  gint64         audit_id,
                  const gint64  *ids,
                  guint          n_ids,
                  GError       **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  if (n_ids == 0)
    return TRUE;
  stmt = ca_database_prepare (database,
                              "DELETE FROM audit_draft_set_aside WHERE id = ? AND audit_id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_ids; i++)
    {
      ca_statement_bind_int64 (stmt, 1, ids[i]);
      ca_statement_bind_int64 (stmt, 2, audit_id);
      if (!ca_statement_run (stmt, error))
        return FALSE;
    }
  return TRUE;
}

static CaAuditDraftSaved *
save_since_in_transaction (CaDatabase          *database,
                           gint64               audit_id,
                           const CaAuditDraft  *base,
                           const CaAuditDraft  *draft,
                           const char          *session,
                           const gint64        *resolved,
                           guint                n_resolved,
                           GError             **error)
{
  g_auto(StoredAudit) stored = { 0, };
  g_autoptr(CaAuditDraft) theirs = NULL;
  g_autoptr(CaAuditDraftSaved) saved = g_new0 (CaAuditDraftSaved, 1);
  g_auto(GStrv) conflicts = NULL;

  if (!read_stored_audit (database, audit_id, &stored, error))
    return NULL;
  if (stored.status == CA_AUDIT_STATUS_SUBMITTED || stored.status == CA_AUDIT_STATUS_CLOSED)
    {
      set_submitted (stored.submitted_at, error);
      return NULL;
    }
  theirs = read_stored_draft (database, audit_id, &stored, error);
  if (theirs == NULL)
    return NULL;

  saved->stored = ca_audit_draft_merge (base, draft, theirs, &conflicts);
  keep_storable (saved->stored);
  saved->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_draft_set_aside_free);
  for (guint i = 0; conflicts[i] != NULL; i++)
    {
      CaDraftSetAside *row = set_aside (database, audit_id, draft, conflicts[i], session, error);

      if (row == NULL)
        return NULL;
      g_ptr_array_add (saved->conflicts, row);
    }

  if (stored.status == CA_AUDIT_STATUS_ALLOCATED &&
      !ca_database_update_tracked (database, "audit", audit_id, "status",
                                   ca_audit_status_to_string (CA_AUDIT_STATUS_IN_PROGRESS),
                                   error))
    return NULL;
  if (!save_audit_fields (database, audit_id, &stored, saved->stored, error) ||
      !save_answers (database, audit_id, saved->stored, error) ||
      !save_sections (database, audit_id, saved->stored, error) ||
      !save_actions (database, audit_id, saved->stored, error) ||
      !remove_set_aside (database, audit_id, resolved, n_resolved, error))
    return NULL;
  return g_steal_pointer (&saved);
}

CaAuditDraftSaved *
ca_audit_draft_store_save_since (CaDatabase          *database,
                                 gint64               audit_id,
                                 const CaAuditDraft  *base,
                                 const CaAuditDraft  *draft,
                                 const char          *session,
                                 const gint64        *resolved,
                                 guint                n_resolved,
                                 GError             **error)
{
  CaAuditDraftSaved *saved;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (base != NULL, NULL);
  g_return_val_if_fail (draft != NULL, NULL);
  g_return_val_if_fail (session != NULL, NULL);
  g_return_val_if_fail (resolved != NULL || n_resolved == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ca_database_begin (database, error))
    return NULL;
  saved = save_since_in_transaction (database, audit_id, base, draft, session, resolved,
                                     n_resolved, error);
  if (saved == NULL || !ca_database_commit (database, error))
    {
      g_clear_pointer (&saved, ca_audit_draft_saved_free);
      ca_database_rollback (database);
      return NULL;
    }
  return saved;
}

/* ---------------------------------------------------------------------------------------- *
 * Submitting
 * ---------------------------------------------------------------------------------------- */

static char *
format_utc (GDateTime *moment)
{
  g_autoptr(GDateTime) utc = NULL;

  if (moment == NULL)
    return NULL;
  utc = g_date_time_to_utc (moment);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
read_tool_version (CaDatabase  *database,
                   gint64       audit_id,
                   gint64      *tool_version_id,
                   GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  gboolean has_row = FALSE;

  stmt = ca_database_prepare (database, "SELECT tool_version_id FROM audit WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, audit_id);
  if (!ca_statement_step (stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      set_not_found (audit_id, error);
      return FALSE;
    }
  *tool_version_id = ca_statement_get_int64 (stmt, 0);
  return TRUE;
}

/* The manager response row (R-F9) with its due date, created or moved, with history. */
static gboolean
set_response_due (CaDatabase  *database,
                  gint64       audit_id,
                  const char  *due_date,
                  GError     **error)
{
  g_autoptr(CaStatement) select = NULL;
  g_autoptr(CaStatement) insert = NULL;
  gboolean has_row = FALSE;

  select = ca_database_prepare (database, "SELECT id FROM manager_response WHERE audit_id = ?",
                                error);
  if (select == NULL)
    return FALSE;
  ca_statement_bind_int64 (select, 1, audit_id);
  if (!ca_statement_step (select, &has_row, error))
    return FALSE;
  if (has_row)
    return ca_database_update_tracked (database, "manager_response",
                                       ca_statement_get_int64 (select, 0), "due_date", due_date,
                                       error);

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
  g_auto(StoredAudit) stored = { 0, };
  g_autoptr(CaAuditDraft) theirs = NULL;
  g_autoptr(CaAuditDraft) merged = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_auto(GStrv) conflicts = NULL;
  g_auto(GStrv) differ = NULL;

  waiting = load_set_aside (database, audit_id, error);
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
  if (!read_stored_audit (database, audit_id, &stored, error))
    return FALSE;
  theirs = read_stored_draft (database, audit_id, &stored, error);
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
  g_autofree char *submitted_text = format_utc (submitted_at);
  g_autofree char *review_text = NULL;

  if (base != NULL && !check_unchanged_since (database, audit_id, base, draft, error))
    return FALSE;
  if (!save_in_transaction (database, audit_id, draft, error))
    return FALSE;

  review_due = ca_deadline_for_category (calendar, draft->category, submitted_at, rules);
  review_text = format_utc (review_due);

  if (!ca_database_update_tracked (database, "audit", audit_id, "submitted_at", submitted_text,
                                   error) ||
      !ca_database_update_tracked (database, "audit", audit_id, "status",
                                   ca_audit_status_to_string (CA_AUDIT_STATUS_SUBMITTED), error) ||
      !ca_database_update_tracked (database, "audit", audit_id, "review_due_at", review_text,
                                   error))
    return FALSE;

  response_due = ca_deadline_manager_response (calendar, submitted_at, draft->actions->len > 0,
                                               rules);
  if (response_due != NULL)
    {
      GDate day;
      g_autofree char *day_text = NULL;

      ca_deadline_get_local_date (response_due, &day);
      day_text = ca_date_format (&day);
      if (!set_response_due (database, audit_id, day_text, error))
        return FALSE;
    }

  return TRUE;
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
  found = ca_audit_rules_check_submission (definition, draft, &today);
  {
    /* The actions are set on the audit's date; without a real one, today. */
    GDate from;
    g_autoptr(GPtrArray) late = NULL;

    if (draft->audit_date == NULL || !ca_date_parse (draft->audit_date, &from))
      from = today;
    late = ca_audit_rules_check_action_deadlines (draft, calendar, rules, &from);
    while (late->len > 0)
      g_ptr_array_add (found, g_ptr_array_steal_index (late, 0));
  }
  if (found != NULL && found->len > 0)
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

  if (!ca_database_begin (database, error))
    return FALSE;
  if (!submit_in_transaction (database, audit_id, base, draft, submitted_at, calendar, rules,
                              error) ||
      !ca_database_commit (database, error))
    {
      ca_database_rollback (database);
      return FALSE;
    }
  return TRUE;
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
  gboolean has_row = FALSE;

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
  for (;;)
    {
      CaActionOwner *owner;

      if (!ca_statement_step (stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      owner = g_new0 (CaActionOwner, 1);
      owner->id = ca_statement_get_int64 (stmt, 0);
      owner->name = ca_statement_dup_text (stmt, 1);
      g_ptr_array_add (owners, owner);
    }
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
