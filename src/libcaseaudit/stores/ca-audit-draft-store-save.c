// SPDX-License-Identifier: GPL-3.0-or-later
// Saves one audit's form: the draft, autosaved as it is typed, merged with the stored copy.

#define G_LOG_DOMAIN "ca-audit-draft-store"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-action-rows.h"
#include "ca-audit-draft-store-private.h"
#include "ca-store-rows.h"
#include "core/ca-date.h"

/* What the history keeps, and why:
 *  - audit status, dates, period, joint practitioner, overall grade, category, submission
 *    time and review deadline: through ca_database_update_tracked(), only when they change;
 *  - section grades: one row per change, entity "audit", field "sections.SECTION-ID.grade";
 *  - actions: entity "action"; a new row and a removed row each write their description,
 *    a changed owner, due date or safeguarding flag writes the change (ca-action-rows.c,
 *    which writes the moderator's further actions the same way);
 *  - feedback from the child or family (R-F11): its method and date like the other fields;
 *    its summary is long text;
 *  - long text (pen picture, what was done well, comments, section comments, action
 *    descriptions and impacts, feedback summary) and answers: not per autosave. The form saves every second
 *    while someone types, and a history row per keystroke would bury the changes that
 *    matter. Once submitted the text can no longer change through the form, so the audit
 *    row itself is the record of what was submitted.
 * Every save compares the draft with what is stored and writes only the differences, so an
 * autosave of an unchanged form writes nothing at all. */

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
                   const CaStoredAudit *stored,
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

/* What the child-row syncs below share: the audit, its draft, and their statements, each
 * prepared the first time it is needed, so that an unchanged form prepares nothing. */
typedef struct
{
  CaDatabase         *database;
  gint64              audit_id;
  const CaAuditDraft *draft;
  CaStatement        *upsert;
  CaStatement        *delete;
} RowSync;

static void
row_sync_clear (RowSync *sync)
{
  g_clear_pointer (&sync->upsert, ca_statement_free);
  g_clear_pointer (&sync->delete, ca_statement_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RowSync, row_sync_clear)

/* SYNC->delete, prepared once, from SQL that deletes one row. */
static CaStatement *
row_sync_delete (RowSync     *sync,
                 const char  *sql,
                 GError     **error)
{
  if (sync->delete == NULL)
    sync->delete = ca_database_prepare (sync->database, sql, error);
  return sync->delete;
}

/* Deletes the audit's child row KEY, with SQL "DELETE … WHERE audit_id = ? AND … = ?". */
static gboolean
row_sync_delete_key (RowSync     *sync,
                     const char  *sql,
                     const char  *key,
                     GError     **error)
{
  CaStatement *delete = row_sync_delete (sync, sql, error);

  if (delete == NULL)
    return FALSE;
  ca_statement_bind_int64 (delete, 1, sync->audit_id);
  ca_statement_bind_text (delete, 2, key);
  return ca_statement_run (delete, error);
}

/* Writes the audit's child row KEY with the texts FIRST and SECOND, with SQL "INSERT … VALUES
 * (audit, key, first, second) ON CONFLICT … DO UPDATE", prepared once into SYNC->upsert. */
static gboolean
row_sync_upsert_key (RowSync     *sync,
                     const char  *sql,
                     const char  *key,
                     const char  *first,
                     const char  *second,
                     GError     **error)
{
  if (sync->upsert == NULL)
    {
      sync->upsert = ca_database_prepare (sync->database, sql, error);
      if (sync->upsert == NULL)
        return FALSE;
    }
  ca_statement_bind_int64 (sync->upsert, 1, sync->audit_id);
  ca_statement_bind_text (sync->upsert, 2, key);
  ca_statement_bind_text (sync->upsert, 3, first);
  ca_statement_bind_text (sync->upsert, 4, second);
  return ca_statement_run (sync->upsert, error);
}

/* SQL that reads the audit's stored child rows, with the audit's id bound to its one
 * parameter. */
static CaStatement *
row_sync_select (RowSync     *sync,
                 const char  *sql,
                 GError     **error)
{
  CaStatement *select = ca_database_prepare (sync->database, sql, error);

  if (select != NULL)
    ca_statement_bind_int64 (select, 1, sync->audit_id);
  return select;
}

/* Answers, by question id. */

static gboolean
answer_equal (gconstpointer key,
              gpointer      stored,
              gpointer      wanted,
              gpointer      user_data)
{
  const CaAnswer *before = stored;
  const CaAnswer *answer = wanted;

  return g_strcmp0 (before->value, answer->value) == 0 &&
         g_strcmp0 (before->reason, answer->reason) == 0;
}

static gboolean
answer_upsert (gconstpointer   key,
               gpointer        wanted,
               gpointer        user_data,
               GError        **error)
{
  const CaAnswer *answer = wanted;

  return row_sync_upsert_key (user_data,
                              "INSERT INTO audit_answer (audit_id, question_id, answer, reason) "
                              "VALUES (?, ?, ?, ?) "
                              "ON CONFLICT (audit_id, question_id) DO UPDATE SET "
                              "  answer = excluded.answer, reason = excluded.reason",
                              key, answer->value, answer->reason, error);
}

static gboolean
answer_update (gconstpointer   key,
               gpointer        stored,
               gpointer        wanted,
               gpointer        user_data,
               GError        **error)
{
  return answer_upsert (key, wanted, user_data, error);
}

static gboolean
answer_remove (gconstpointer   key,
               gpointer        stored,
               gpointer        user_data,
               GError        **error)
{
  return row_sync_delete_key (user_data, "DELETE FROM audit_answer "
                                          "WHERE audit_id = ? AND question_id = ?", key, error);
}

static const CaStoreRowsFuncs answer_rows = {
  answer_equal, answer_upsert, answer_update, answer_remove,
};

static gboolean
save_answers (CaDatabase          *database,
              gint64               audit_id,
              const CaAuditDraft  *draft,
              GError             **error)
{
  g_autoptr(CaStatement) select = NULL;
  g_autoptr(GHashTable) stored = NULL;
  g_auto(RowSync) sync = { database, audit_id, draft, NULL, NULL };

  select = row_sync_select (&sync, "SELECT question_id, answer, reason FROM audit_answer "
                                  "WHERE audit_id = ?", error);
  if (select == NULL)
    return FALSE;

  stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) ca_answer_free);
  while (ca_statement_next (select))
    g_hash_table_insert (stored, ca_statement_dup_text (select, 0),
                         ca_answer_new (ca_statement_get_text (select, 1),
                                        ca_statement_get_text (select, 2)));
  if (!ca_statement_check (select, error))
    return FALSE;

  return ca_store_rows_sync (stored, draft->answers, &answer_rows, &sync, error);
}

/* Sections, by section id: a row for every section with a grade or comments. */

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

static const char *
draft_section_grade (const CaAuditDraft *draft,
                     const char         *section_id)
{
  CaGrade grade = ca_audit_draft_get_section_grade (draft, section_id);

  return grade != CA_GRADE_NONE ? ca_grade_to_string (grade) : NULL;
}

static gboolean
section_equal (gconstpointer key,
               gpointer      stored,
               gpointer      wanted,
               gpointer      user_data)
{
  RowSync *sync = user_data;
  const StoredSection *before = stored;

  return g_strcmp0 (before->grade, draft_section_grade (sync->draft, key)) == 0 &&
         g_strcmp0 (before->comments,
                    ca_audit_draft_get_section_comments (sync->draft, key)) == 0;
}

/* Writes the section KEY over BEFORE (NULL for a new row); a changed grade goes into the
 * history. */
static gboolean
section_write (RowSync              *sync,
               const char           *key,
               const StoredSection  *before,
               GError              **error)
{
  const char *grade_text = draft_section_grade (sync->draft, key);
  const char *comments = ca_audit_draft_get_section_comments (sync->draft, key);
  const char *old_grade = before != NULL ? before->grade : NULL;

  if (!row_sync_upsert_key (sync,
                            "INSERT INTO audit_section (audit_id, section_id, grade, comments) "
                            "VALUES (?, ?, ?, ?) "
                            "ON CONFLICT (audit_id, section_id) DO UPDATE SET "
                            "  grade = excluded.grade, comments = excluded.comments",
                            key, grade_text, comments, error))
    return FALSE;

  if (g_strcmp0 (old_grade, grade_text) != 0)
    {
      g_autofree char *field = g_strdup_printf ("sections.%s.grade", key);

      if (!ca_database_record_change (sync->database, NULL, "audit", sync->audit_id, field,
                                      old_grade, grade_text, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
section_insert (gconstpointer   key,
                gpointer        wanted,
                gpointer        user_data,
                GError        **error)
{
  return section_write (user_data, key, NULL, error);
}

static gboolean
section_update (gconstpointer   key,
                gpointer        stored,
                gpointer        wanted,
                gpointer        user_data,
                GError        **error)
{
  return section_write (user_data, key, stored, error);
}

static gboolean
section_remove (gconstpointer   key,
                gpointer        stored,
                gpointer        user_data,
                GError        **error)
{
  RowSync *sync = user_data;
  const StoredSection *before = stored;

  if (!row_sync_delete_key (sync, "DELETE FROM audit_section "
                                  "WHERE audit_id = ? AND section_id = ?", key, error))
    return FALSE;

  if (before->grade != NULL)
    {
      g_autofree char *field = g_strdup_printf ("sections.%s.grade", (const char *) key);

      if (!ca_database_record_change (sync->database, NULL, "audit", sync->audit_id, field,
                                      before->grade, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static const CaStoreRowsFuncs section_rows = {
  section_equal, section_insert, section_update, section_remove,
};

static gboolean
save_sections (CaDatabase          *database,
               gint64               audit_id,
               const CaAuditDraft  *draft,
               GError             **error)
{
  g_autoptr(CaStatement) select = NULL;
  g_autoptr(GHashTable) stored = NULL;
  g_autoptr(GHashTable) wanted = NULL;
  g_auto(RowSync) sync = { database, audit_id, draft, NULL, NULL };
  GHashTableIter iter;
  gpointer key;

  select = row_sync_select (&sync, "SELECT section_id, grade, comments FROM audit_section "
                                  "WHERE audit_id = ?", error);
  if (select == NULL)
    return FALSE;

  stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) stored_section_free);
  while (ca_statement_next (select))
    {
      StoredSection *section = g_new0 (StoredSection, 1);

      section->grade = ca_statement_dup_text (select, 1);
      section->comments = ca_statement_dup_text (select, 2);
      g_hash_table_insert (stored, ca_statement_dup_text (select, 0), section);
    }
  if (!ca_statement_check (select, error))
    return FALSE;

  /* Every section with a grade or comments; the keys belong to the draft. */
  wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_iter_init (&iter, draft->section_grades);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (wanted, key);
  g_hash_table_iter_init (&iter, draft->section_comments);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (wanted, key);

  return ca_store_rows_sync (stored, wanted, &section_rows, &sync, error);
}

/* Actions, in order. The rows are matched and written by ca-action-rows.c, as the
 * moderation's further actions are, so that both leave the same history. */

/* A row read here owns its action. */
static void
stored_action_free (CaActionRowsStored *stored)
{
  ca_draft_action_free (stored->action);
  g_free (stored);
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
  g_auto(RowSync) sync = { database, audit_id, draft, NULL, NULL };
  CaActionRows rows = { database, audit_id, 0 };

  /* A moderator's further actions (schema 0013) are the moderation form's, never this
   * table's: editing the audit's draft leaves them alone. */
  select = row_sync_select (&sync, "SELECT id, description, owner_id, due_date, impact, "
                                  "       safeguarding FROM action WHERE audit_id = ? "
                                  "AND moderation_id IS NULL ORDER BY id",
                            error);
  if (select == NULL)
    return FALSE;

  stored = g_ptr_array_new_with_free_func ((GDestroyNotify) stored_action_free);
  while (ca_statement_next (select))
    {
      CaActionRowsStored *row = g_new0 (CaActionRowsStored, 1);

      row->id = ca_statement_get_int64 (select, 0);
      row->action = ca_draft_action_new (ca_statement_get_text (select, 1),
                                         ca_statement_get_int64 (select, 2),
                                         ca_statement_get_text (select, 3),
                                         ca_statement_get_text (select, 4));
      row->action->safeguarding = ca_statement_get_int64 (select, 5) != 0;
      g_ptr_array_add (stored, row);
    }
  if (!ca_statement_check (select, error))
    return FALSE;
  g_clear_pointer (&select, ca_statement_free);

  return ca_action_rows_sync_in_order (&rows, stored, draft->actions, error);
}

/* Writes DRAFT over the form STORED, field by field and row by row; an audit still
 * allocated is in progress from its first save. */
static gboolean
save_form (CaDatabase           *database,
           gint64                audit_id,
           const CaStoredAudit  *stored,
           const CaAuditDraft   *draft,
           GError              **error)
{
  if (stored->status == CA_AUDIT_STATUS_ALLOCATED &&
      !ca_database_update_tracked (database, "audit", audit_id, "status",
                                   ca_audit_status_to_string (CA_AUDIT_STATUS_IN_PROGRESS),
                                   error))
    return FALSE;

  ca_database_note_change (database, CA_CHANGE_DRAFT, audit_id);
  ca_database_note_change (database, CA_CHANGE_AUDIT, audit_id);
  return save_audit_fields (database, audit_id, stored, draft, error) &&
         save_answers (database, audit_id, draft, error) &&
         save_sections (database, audit_id, draft, error) &&
         save_actions (database, audit_id, draft, error);
}

/* The stored audit AUDIT_ID in STORED, refused once it has been submitted. */
static gboolean
read_editable (CaDatabase     *database,
               gint64          audit_id,
               CaStoredAudit  *stored,
               GError        **error)
{
  if (!ca_audit_draft_store_read_stored_audit (database, audit_id, stored, error))
    return FALSE;
  if (stored->status == CA_AUDIT_STATUS_SUBMITTED || stored->status == CA_AUDIT_STATUS_CLOSED)
    {
      set_submitted (stored->submitted_at, error);
      return FALSE;
    }
  return TRUE;
}

/* The body of a save, inside the caller's transaction. */
gboolean
ca_audit_draft_store_save_in_transaction (CaDatabase          *database,
                                          gint64               audit_id,
                                          const CaAuditDraft  *draft,
                                          GError             **error)
{
  g_auto(CaStoredAudit) stored = { 0, };

  return read_editable (database, audit_id, &stored, error) &&
         save_form (database, audit_id, &stored, draft, error);
}

typedef struct
{
  gint64              audit_id;
  const CaAuditDraft *draft;
} Save;

static gboolean
save_work (CaDatabase  *database,
           gpointer     user_data,
           GError     **error)
{
  Save *save = user_data;

  return ca_audit_draft_store_save_in_transaction (database, save->audit_id, save->draft,
                                                   error);
}

gboolean
ca_audit_draft_store_save (CaDatabase          *database,
                           gint64               audit_id,
                           const CaAuditDraft  *draft,
                           GError             **error)
{
  Save save = { audit_id, draft };

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return ca_database_transaction (database, save_work, &save, error);
}

typedef struct
{
  gint64              audit_id;
  const CaAuditDraft *base;
  const CaAuditDraft *draft;
  const char         *session;
  const gint64       *resolved;
  guint               n_resolved;
  CaAuditDraftSaved  *saved;
} SaveSince;

/* What the schema keeps of DRAFT: as save_audit_fields() stores it, Categories 1 and 2 only
 * on an audit graded Inadequate. */
static void
keep_storable (CaAuditDraft *draft)
{
  if (draft->category >= 1 && draft->category <= 2 && draft->overall_grade != CA_GRADE_INADEQUATE)
    draft->category = CA_CATEGORY_NONE;
}

/* The body of ca_audit_draft_store_save_since(), in its transaction: SAVE->saved is set
 * when it succeeds. */
static gboolean
save_since_in_transaction (CaDatabase  *database,
                           gpointer     user_data,
                           GError     **error)
{
  SaveSince *save = user_data;
  g_auto(CaStoredAudit) stored = { 0, };
  g_autoptr(CaAuditDraft) theirs = NULL;
  g_autoptr(CaAuditDraftSaved) saved = g_new0 (CaAuditDraftSaved, 1);
  g_auto(GStrv) conflicts = NULL;

  if (!read_editable (database, save->audit_id, &stored, error))
    return FALSE;
  theirs = ca_audit_draft_store_read_stored_draft (database, save->audit_id, &stored, error);
  if (theirs == NULL)
    return FALSE;

  saved->stored = ca_audit_draft_merge (save->base, save->draft, theirs, &conflicts);
  keep_storable (saved->stored);
  saved->conflicts = ca_set_aside_store_put_conflicts (database, CA_SET_ASIDE_AUDIT_DRAFT,
                                                       save->audit_id,
                                                       (const char *const *) conflicts,
                                                       (CaMergeGetFunc) ca_audit_draft_dup_field,
                                                       save->draft, save->session, error);
  if (saved->conflicts == NULL)
    return FALSE;

  if (!save_form (database, save->audit_id, &stored, saved->stored, error) ||
      !ca_set_aside_store_remove (database, CA_SET_ASIDE_AUDIT_DRAFT, save->audit_id,
                                  save->resolved, save->n_resolved, error))
    return FALSE;
  save->saved = g_steal_pointer (&saved);
  return TRUE;
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
  SaveSince save = { audit_id, base, draft, session, resolved, n_resolved, NULL };

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (base != NULL, NULL);
  g_return_val_if_fail (draft != NULL, NULL);
  g_return_val_if_fail (session != NULL, NULL);
  g_return_val_if_fail (resolved != NULL || n_resolved == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ca_database_transaction (database, save_since_in_transaction, &save, error))
    {
      /* The work may have been done before the commit failed. */
      g_clear_pointer (&save.saved, ca_audit_draft_saved_free);
      return NULL;
    }
  return save.saved;
}
