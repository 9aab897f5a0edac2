// SPDX-License-Identifier: GPL-3.0-or-later
// The Stage 2 moderation form (R-H3) as the database holds it: the only place with its SQL.
//
// A moderation row is made when the month's sample is drawn (ca-moderation-store.c); the
// moderator then fills it in. What they type is saved as it is typed, merged field by field
// with another copy's saves (R-N2), and submitting it dates it (moderated_on), after which
// it is read-only and counts in the agreement figures.

#define G_LOG_DOMAIN "ca-moderation-form-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-action-rows.h"
#include "ca-audit-draft-store.h"
#include "ca-database-worker.h"
#include "ca-moderation-form-store.h"
#include "ca-set-aside-store.h"
#include "ca-store-load.h"
#include "ca-tool-store.h"
#include "core/ca-date.h"

G_DEFINE_QUARK (ca-moderation-form-store-error-quark, ca_moderation_form_store_error)

static void
person_free (CaModerationPerson *person)
{
  g_free (person->part);
  g_free (person->name);
  g_free (person->email);
  g_free (person);
}

void
ca_moderation_sheet_free (CaModerationSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_free (sheet->case_ref);
  g_free (sheet->tool_name);
  g_free (sheet->auditor_name);
  g_free (sheet->worker_name);
  g_free (sheet->moderator_name);
  g_free (sheet->audit_date);
  g_free (sheet->due_date);
  g_free (sheet->moderated_on);
  g_free (sheet->pen_picture);
  g_clear_pointer (&sheet->sections, g_ptr_array_unref);
  g_clear_pointer (&sheet->people, g_ptr_array_unref);
  g_clear_pointer (&sheet->moderation_tool, ca_tool_definition_free);
  g_clear_pointer (&sheet->form, ca_moderation_form_free);
  g_clear_pointer (&sheet->stored, ca_moderation_form_free);
  g_clear_pointer (&sheet->set_aside, g_ptr_array_unref);
  g_clear_pointer (&sheet->owners, g_ptr_array_unref);
  g_free (sheet);
}

/**
 * ca_moderation_sheet_part_title:
 * @part_id: one of CA_TOOL_PART_…
 *
 * Returns: the title the moderation's Stage 2 tool version gives the part, as the form shows
 *   it, or %NULL where the sheet has no tool
 */
const char *
ca_moderation_sheet_part_title (const CaModerationSheet *sheet,
                                const char              *part_id)
{
  const CaToolPart *part;

  g_return_val_if_fail (sheet != NULL, NULL);

  part = sheet->moderation_tool != NULL
           ? ca_tool_definition_find_part (sheet->moderation_tool, part_id) : NULL;
  return part != NULL ? part->title : NULL;
}

/**
 * ca_moderation_sheet_difference_label:
 *
 * Returns: the words for the form's answer to "has the work made a difference?" in the
 *   moderation's Stage 2 tool version, or Case Audit's own where it has none
 */
const char *
ca_moderation_sheet_difference_label (const CaModerationSheet *sheet)
{
  const CaToolPart *part;
  const char *label = NULL;

  g_return_val_if_fail (sheet != NULL && sheet->form != NULL, NULL);

  part = sheet->moderation_tool != NULL
           ? ca_tool_definition_find_part (sheet->moderation_tool, CA_TOOL_PART_DIFFERENCE)
           : NULL;
  if (part != NULL && sheet->form->difference != CA_DIFFERENCE_NONE)
    label = ca_tool_part_get_answer_label (part, ca_difference_to_string (sheet->form->difference));
  return label != NULL ? label : ca_difference_get_label (sheet->form->difference);
}

/* Steps STMT, which reads moderation MODERATION_ID, once: a missing moderation is NOT_FOUND. */
static gboolean
step_moderation (CaStatement  *stmt,
                 gint64        moderation_id,
                 GError      **error)
{
  return ca_statement_step_one (stmt, error, CA_MODERATION_FORM_STORE_ERROR,
                                CA_MODERATION_FORM_STORE_ERROR_NOT_FOUND,
                                _("This moderation no longer exists (number %" G_GINT64_FORMAT
                                  ")."), moderation_id);
}

/* The moderation's header and its audit's, with the ids the rest is read by. */
typedef struct
{
  gint64  moderation_tool_version_id;  /* 0: made before moderations recorded theirs */
  gint64  worker_id;
  gint64  practice_manager_id;
  gint64  group_manager_id;
  gint64  moderator_id;
} SheetIds;

static gboolean
read_header (CaDatabase         *database,
             gint64              moderation_id,
             CaModerationSheet  *sheet,
             SheetIds           *ids,
             GError            **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  const char *status;

  stmt = ca_database_prepare (database,
                              "SELECT m.audit_id, m.moderator_id, ms.name, m.due_date, "
                              "  m.moderated_on, a.status, a.overall_grade, a.category, "
                              "  a.audit_date, a.pen_picture, c.case_ref, au.name, w.id, w.name, "
                              "  pm.id, pm.line_manager_id, m.tool_version_id "
                              "FROM moderation m "
                              "JOIN audit a ON a.id = m.audit_id "
                              "JOIN case_file c ON c.id = a.case_id "
                              "JOIN staff au ON au.id = a.auditor_id "
                              "JOIN staff ms ON ms.id = m.moderator_id "
                              "LEFT JOIN staff w ON w.id = c.allocated_worker_id "
                              "LEFT JOIN staff pm ON pm.id = w.line_manager_id "
                              "WHERE m.id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, moderation_id);
  if (!ca_statement_step_one (stmt, error, CA_MODERATION_FORM_STORE_ERROR,
                              CA_MODERATION_FORM_STORE_ERROR_NOT_FOUND,
                              _("This moderation no longer exists (number %" G_GINT64_FORMAT
                                "). It may have been removed from the sample."),
                              moderation_id))
    return FALSE;

  status = ca_statement_get_text (stmt, 5);
  if (g_strcmp0 (status, "submitted") != 0 && g_strcmp0 (status, "closed") != 0)
    {
      g_set_error (error, CA_MODERATION_FORM_STORE_ERROR,
                   CA_MODERATION_FORM_STORE_ERROR_NOT_SUBMITTED,
                   _("The audit of case %s is still being written. It can be moderated once "
                     "its auditor has submitted it."), ca_statement_get_text (stmt, 10));
      return FALSE;
    }

  sheet->moderation_id = moderation_id;
  sheet->audit_id = ca_statement_get_int64 (stmt, 0);
  ids->moderator_id = ca_statement_get_int64 (stmt, 1);
  sheet->moderator_name = ca_statement_dup_text (stmt, 2);
  sheet->due_date = ca_statement_dup_text (stmt, 3);
  sheet->moderated_on = ca_statement_dup_text (stmt, 4);
  sheet->auditor_overall = ca_grade_from_string (ca_statement_get_text (stmt, 6));
  sheet->category = (int) ca_statement_get_int64 (stmt, 7);
  sheet->audit_date = ca_statement_dup_text (stmt, 8);
  sheet->pen_picture = ca_statement_dup_text (stmt, 9);
  sheet->case_ref = ca_statement_dup_text (stmt, 10);
  sheet->auditor_name = ca_statement_dup_text (stmt, 11);
  ids->worker_id = ca_statement_get_int64 (stmt, 12);
  sheet->worker_name = ca_statement_dup_text (stmt, 13);
  ids->practice_manager_id = ca_statement_get_int64 (stmt, 14);
  ids->group_manager_id = ca_statement_get_int64 (stmt, 15);
  ids->moderation_tool_version_id = ca_statement_get_int64 (stmt, 16);
  return TRUE;
}

/* The Stage 2 tool version the moderation was made with; one made before moderations kept
 * theirs (schema 0014) reads with version 1, which holds the words the form had then. */
static gboolean
read_moderation_tool (CaDatabase         *database,
                      CaModerationSheet  *sheet,
                      gint64              version_id,
                      GError            **error)
{
  if (version_id == 0)
    version_id = ca_tool_store_find_version_of_kind (database, CA_TOOL_STAGE_2,
                                                     CA_TOOL_KIND_MODERATION, 1, NULL, error);
  if (version_id == 0)
    return FALSE;
  sheet->moderation_tool = ca_tool_store_load_version (database, version_id, error);
  if (sheet->moderation_tool == NULL)
    return FALSE;
  if (sheet->moderation_tool->kind != CA_TOOL_KIND_MODERATION)
    {
      g_set_error (error, CA_TOOL_STORE_ERROR, CA_TOOL_STORE_ERROR_WRONG_KIND,
                   _("“%s” is an audit tool, not the moderation form’s tool."),
                   sheet->moderation_tool->name);
      return FALSE;
    }
  return TRUE;
}

/* The sections the audit's tool grades, in the tool's order, with the auditor's grades,
 * comments and answers. The audit is read as its own form reads it (its tool version and
 * the draft as submitted), so that the moderator reads the questions in the tool's words
 * and the answers as the auditor's form and PDF give them (ca_answer_describe()). */
static gboolean
read_sections (CaDatabase         *database,
               CaModerationSheet  *sheet,
               GError            **error)
{
  g_autoptr(CaAuditForm) audit = ca_audit_draft_store_load (database, sheet->audit_id, error);

  if (audit == NULL)
    return FALSE;
  sheet->tool_name = g_strdup (audit->definition->name);
  sheet->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_moderated_section_free);
  for (guint i = 0; i < audit->definition->sections->len; i++)
    {
      const CaToolSection *section = g_ptr_array_index (audit->definition->sections, i);
      CaModeratedSection *moderated;

      if (!section->graded)
        continue;
      moderated = ca_moderated_section_new (section->id, section->title,
                                            ca_audit_draft_get_section_grade (audit->draft,
                                                                              section->id),
                                            ca_audit_draft_get_section_comments (audit->draft,
                                                                                 section->id));
      for (guint j = 0; j < section->questions->len; j++)
        {
          const CaToolQuestion *question = g_ptr_array_index (section->questions, j);
          g_autofree char *answer =
            ca_answer_describe (question, ca_audit_draft_get_answer (audit->draft, question->id));

          ca_moderated_section_add_answer (moderated, question->id, question->text, answer);
        }
      g_ptr_array_add (sheet->sections, moderated);
    }
  return TRUE;
}

static void
add_person (CaDatabase       *database,
            GPtrArray        *people,
            gint64            staff_id,
            CaModerationPart  role,
            const char       *part)
{
  g_autoptr(CaStatement) stmt = NULL;

  if (staff_id <= 0)
    return;
  for (guint i = 0; i < people->len; i++)
    if (((CaModerationPerson *) g_ptr_array_index (people, i))->id == staff_id)
      return;
  stmt = ca_database_prepare (database, "SELECT name, email FROM staff WHERE id = ?", NULL);
  if (stmt == NULL)
    return;
  ca_statement_bind_int64 (stmt, 1, staff_id);
  if (ca_statement_next (stmt))
    {
      CaModerationPerson *person = g_new0 (CaModerationPerson, 1);

      person->id = staff_id;
      person->role = role;
      person->part = g_strdup (part);
      person->name = ca_statement_dup_text (stmt, 0);
      person->email = ca_statement_dup_text (stmt, 1);
      g_ptr_array_add (people, person);
    }
}

/* Who takes part in the reflective discussion (seed 02): the moderator, the group manager,
 * the practice manager and the social worker, found from the worker's line management. */
static void
read_people (CaDatabase         *database,
             CaModerationSheet  *sheet,
             const SheetIds     *ids)
{
  sheet->people = g_ptr_array_new_with_free_func ((GDestroyNotify) person_free);
  add_person (database, sheet->people, ids->moderator_id, CA_MODERATION_PART_MODERATOR,
              _("Moderator"));
  add_person (database, sheet->people, ids->group_manager_id, CA_MODERATION_PART_GROUP_MANAGER,
              _("Group manager"));
  add_person (database, sheet->people, ids->practice_manager_id,
              CA_MODERATION_PART_PRACTICE_MANAGER, _("Practice manager"));
  add_person (database, sheet->people, ids->worker_id, CA_MODERATION_PART_SOCIAL_WORKER,
              _("Social worker"));
}

/* Anyone else recorded as taking part (a moderation recorded before, or by another copy
 * with other people around the case), so that the form and the report name them too. */
static void
add_other_participants (CaDatabase        *database,
                        CaModerationSheet *sheet)
{
  g_auto(GStrv) ids = g_strsplit (sheet->stored->participants != NULL
                                  ? sheet->stored->participants : "", ",", -1);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      guint64 id = 0;

      if (g_ascii_string_to_unsigned (ids[i], 10, 1, G_MAXINT64, &id, NULL))
        add_person (database, sheet->people, (gint64) id, CA_MODERATION_PART_OTHER,
                    _("Also took part"));
    }
}

/* Further actions (R-H3) ------------------------------------------------------------------ */

/* A row stored without a key (none is yet: the column came with them) is known by its id. */
static char *
stored_key (CaStatement *stmt,
            int          key_column,
            int          id_column)
{
  if (!ca_statement_is_null (stmt, key_column))
    return ca_statement_dup_text (stmt, key_column);
  return g_strdup_printf ("row-%" G_GINT64_FORMAT, ca_statement_get_int64 (stmt, id_column));
}

/* The moderation's further actions in the order they were added, into ACTIONS (of
 * CaDraftAction, with their keys); with IDS, each one's row id (gint64) in the same order. */
static gboolean
read_actions (CaDatabase  *database,
              gint64       moderation_id,
              GPtrArray   *actions,
              GArray      *ids,
              GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (database,
                              "SELECT id, moderation_key, description, owner_id, due_date, impact "
                              "FROM action WHERE moderation_id = ? ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, moderation_id);
  while (ca_statement_next (stmt))
    {
      CaDraftAction *action;

      action = ca_draft_action_new (ca_action_rows_description (ca_statement_get_text (stmt, 2)),
                                    ca_statement_get_int64 (stmt, 3),
                                    ca_statement_get_text (stmt, 4),
                                    ca_statement_get_text (stmt, 5));
      action->key = stored_key (stmt, 1, 0);
      if (ids != NULL)
        {
          gint64 id = ca_statement_get_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
      g_ptr_array_add (actions, action);
    }
  return ca_statement_check (stmt, error);
}

/* Brings the stored further actions of MODERATION_ID into line with ACTIONS, row by row by
 * key, inside the caller's transaction: a row kept keeps its id, and with it whether it was
 * done and signed off. They are actions of the audit, which the tracker and the deadlines
 * read, so the audit is noted as changed. */
static gboolean
write_actions (CaDatabase  *database,
               gint64       moderation_id,
               GPtrArray   *actions,
               GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_draft_action_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree CaActionRowsStored *stored_rows = NULL;
  g_autoptr(GHashTable) stored = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CaStatement) stmt = NULL;
  CaActionRows action_rows = { database, 0, moderation_id };

  stmt = ca_database_prepare (database, "SELECT audit_id FROM moderation WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, moderation_id);
  if (!step_moderation (stmt, moderation_id, error))
    return FALSE;
  action_rows.audit_id = ca_statement_get_int64 (stmt, 0);

  if (!read_actions (database, moderation_id, rows, ids, error))
    return FALSE;
  stored_rows = g_new (CaActionRowsStored, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      stored_rows[i].id = g_array_index (ids, gint64, i);
      stored_rows[i].action = rows->pdata[i];
      g_hash_table_insert (stored, stored_rows[i].action->key, &stored_rows[i]);
    }
  /* The rows stored already are brought into line by key; new ones are added after, in the
   * form's order, since the rows are read back in the order they were added (by id) and a
   * hash table has none. */
  for (guint i = 0; i < actions->len; i++)
    {
      CaDraftAction *action = g_ptr_array_index (actions, i);

      if (action->key != NULL && g_hash_table_contains (stored, action->key))
        g_hash_table_insert (wanted, action->key, action);
    }
  if (!ca_action_rows_sync_by_key (&action_rows, stored, wanted, error))
    return FALSE;
  for (guint i = 0; i < actions->len; i++)
    {
      CaDraftAction *action = g_ptr_array_index (actions, i);

      if (action->key != NULL && !g_hash_table_contains (stored, action->key) &&
          !ca_action_rows_insert (&action_rows, action, error))
        return FALSE;
    }
  ca_database_note_change (database, CA_CHANGE_AUDIT, action_rows.audit_id);
  return TRUE;
}

/* An action's owner who is no longer among those who may own one (who has left, or moved
 * team) stays named, so that the form and the report say who owns it. */
static gboolean
add_action_owners (CaDatabase         *database,
                   CaModerationSheet  *sheet,
                   GError            **error)
{
  for (guint i = 0; i < sheet->stored->actions->len; i++)
    {
      const CaDraftAction *action = g_ptr_array_index (sheet->stored->actions, i);
      g_autoptr(CaStatement) stmt = NULL;
      gboolean listed = action->owner_id <= 0;
      CaActionOwner *owner;

      for (guint j = 0; !listed && j < sheet->owners->len; j++)
        listed = ((CaActionOwner *) g_ptr_array_index (sheet->owners, j))->id == action->owner_id;
      if (listed)
        continue;
      stmt = ca_database_prepare (database, "SELECT name FROM staff WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      ca_statement_bind_int64 (stmt, 1, action->owner_id);
      if (!ca_statement_next (stmt))
        {
          if (!ca_statement_check (stmt, error))
            return FALSE;
          continue;
        }
      owner = g_new0 (CaActionOwner, 1);
      owner->id = action->owner_id;
      owner->name = ca_statement_dup_text (stmt, 0);
      g_ptr_array_add (sheet->owners, owner);
    }
  return TRUE;
}

/* The form exactly as stored for MODERATION_ID. */
static CaModerationForm *
read_stored (CaDatabase  *database,
             gint64       moderation_id,
             GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(CaModerationForm) form = ca_moderation_form_new ();

  stmt = ca_database_prepare (database,
                              "SELECT overall_grade, differences, discussion_date, participants, "
                              "  further_actions, learning, difference, difference_comment "
                              "FROM moderation WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_int64 (stmt, 1, moderation_id);
  if (!step_moderation (stmt, moderation_id, error))
    return NULL;
  form->overall_grade = ca_grade_from_string (ca_statement_get_text (stmt, 0));
  form->overall_why = ca_statement_dup_text (stmt, 1);
  form->discussion_date = ca_statement_dup_text (stmt, 2);
  form->participants = ca_statement_dup_text (stmt, 3);
  form->further_actions = ca_statement_dup_text (stmt, 4);
  form->learning = ca_statement_dup_text (stmt, 5);
  form->difference = ca_difference_from_string (ca_statement_get_text (stmt, 6));
  form->difference_comment = ca_statement_dup_text (stmt, 7);
  g_clear_pointer (&stmt, ca_statement_free);

  stmt = ca_database_prepare (database,
                              "SELECT section_id, grade, why FROM moderation_section "
                              "WHERE moderation_id = ?", error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_int64 (stmt, 1, moderation_id);
  while (ca_statement_next (stmt))
    {
      const char *id = ca_statement_get_text (stmt, 0);

      ca_moderation_form_set_grade (form, id, ca_grade_from_string (ca_statement_get_text (stmt, 1)));
      ca_moderation_form_set_why (form, id, ca_statement_get_text (stmt, 2));
    }
  if (!ca_statement_check (stmt, error))
    return NULL;
  if (!read_actions (database, moderation_id, form->actions, NULL, error))
    return NULL;
  return g_steal_pointer (&form);
}

/**
 * ca_moderation_form_store_load:
 *
 * Reads moderation @moderation_id with everything its form shows. A moderation of an audit
 * that is still a draft is refused (%CA_MODERATION_FORM_STORE_ERROR_NOT_SUBMITTED).
 *
 * Returns: (transfer full): the sheet, or %NULL with @error set
 */
CaModerationSheet *
ca_moderation_form_store_load (CaDatabase  *database,
                               gint64       moderation_id,
                               GError     **error)
{
  g_autoptr(CaModerationSheet) sheet = g_new0 (CaModerationSheet, 1);
  SheetIds ids = { 0, };

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);

  if (!read_header (database, moderation_id, sheet, &ids, error) ||
      !read_sections (database, sheet, error) ||
      !read_moderation_tool (database, sheet, ids.moderation_tool_version_id, error))
    return NULL;
  read_people (database, sheet, &ids);
  sheet->stored = read_stored (database, moderation_id, error);
  if (sheet->stored == NULL)
    return NULL;
  sheet->form = ca_moderation_form_copy (sheet->stored);
  add_other_participants (database, sheet);
  sheet->set_aside = ca_set_aside_store_list (database, CA_SET_ASIDE_MODERATION, moderation_id,
                                              error);
  if (sheet->set_aside == NULL)
    return NULL;
  /* Further actions are owned as the audit's own are (R-F5). */
  sheet->owners = ca_audit_draft_store_list_owners (database, sheet->audit_id, error);
  if (sheet->owners == NULL || !add_action_owners (database, sheet, error))
    return NULL;
  return g_steal_pointer (&sheet);
}

void
ca_moderation_form_store_load_async (CaDatabase          *database,
                                     gint64               moderation_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  ca_store_load_async (database, (CaStoreLoadFunc) ca_moderation_form_store_load, moderation_id,
                       (GDestroyNotify) ca_moderation_sheet_free, cancellable, callback,
                       user_data);
}

CaModerationSheet *
ca_moderation_form_store_load_finish (GAsyncResult  *result,
                                      GError       **error)
{
  return ca_store_load_finish (result, error);
}

/**
 * ca_moderation_form_store_find_done:
 *
 * Returns: the id of the last moderation of audit @audit_id submitted, or 0 when it has none
 *   (or on error, with @error set)
 */
gint64
ca_moderation_form_store_find_done (CaDatabase  *database,
                                    gint64       audit_id,
                                    GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), 0);

  stmt = ca_database_prepare (database,
                              "SELECT id FROM moderation WHERE audit_id = ? "
                              "AND moderated_on IS NOT NULL "
                              "ORDER BY moderated_on DESC, id DESC LIMIT 1", error);
  if (stmt == NULL)
    return 0;
  ca_statement_bind_int64 (stmt, 1, audit_id);
  if (ca_statement_next (stmt))
    return ca_statement_get_int64 (stmt, 0);
  ca_statement_check (stmt, error);
  return 0;
}

/* The moderation MODERATION_ID, refused once it has been submitted. */
static gboolean
check_open (CaDatabase  *database,
            gint64       moderation_id,
            GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autofree char *shown = NULL;

  stmt = ca_database_prepare (database, "SELECT moderated_on FROM moderation WHERE id = ?",
                              error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, moderation_id);
  if (!step_moderation (stmt, moderation_id, error))
    return FALSE;
  if (ca_statement_is_null (stmt, 0))
    return TRUE;
  shown = ca_date_format_display (ca_statement_get_text (stmt, 0));
  g_set_error (error, CA_MODERATION_FORM_STORE_ERROR, CA_MODERATION_FORM_STORE_ERROR_SUBMITTED,
               _("This moderation was submitted on %s and can no longer be changed."), shown);
  return FALSE;
}

/* Writes FORM over what is stored for MODERATION_ID, in the caller's transaction. */
static gboolean
write_form (CaDatabase              *database,
            gint64                   moderation_id,
            const CaModerationForm  *form,
            GError                 **error)
{
  g_autoptr(CaStatement) update = NULL;
  g_autoptr(CaStatement) remove = NULL;
  g_autoptr(CaStatement) insert = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;

  update = ca_database_prepare (database,
                                "UPDATE moderation SET overall_grade = ?, differences = ?, "
                                "  discussion_date = ?, participants = ?, further_actions = ?, "
                                "  learning = ?, difference = ?, difference_comment = ? "
                                "WHERE id = ?", error);
  if (update == NULL)
    return FALSE;
  ca_statement_bind_text (update, 1, form->overall_grade != CA_GRADE_NONE
                                     ? ca_grade_to_string (form->overall_grade) : NULL);
  ca_statement_bind_text (update, 2, form->overall_why);
  ca_statement_bind_text (update, 3, form->discussion_date);
  ca_statement_bind_text (update, 4, form->participants);
  ca_statement_bind_text (update, 5, form->further_actions);
  ca_statement_bind_text (update, 6, form->learning);
  ca_statement_bind_text (update, 7, ca_difference_to_string (form->difference));
  ca_statement_bind_text (update, 8, form->difference_comment);
  ca_statement_bind_int64 (update, 9, moderation_id);
  if (!ca_statement_run (update, error))
    return FALSE;

  /* The section rows are few (six at most in the shipped tools): written afresh. */
  remove = ca_database_prepare (database,
                                "DELETE FROM moderation_section WHERE moderation_id = ?", error);
  if (remove == NULL)
    return FALSE;
  ca_statement_bind_int64 (remove, 1, moderation_id);
  if (!ca_statement_run (remove, error))
    return FALSE;

  insert = ca_database_prepare (database,
                                "INSERT INTO moderation_section (moderation_id, section_id, "
                                "  grade, why) VALUES (?, ?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, form->grades);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (ids, key);
  g_hash_table_iter_init (&iter, form->why);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (ids, key);
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      CaGrade grade = ca_moderation_form_get_grade (form, key);

      ca_statement_bind_int64 (insert, 1, moderation_id);
      ca_statement_bind_text (insert, 2, key);
      ca_statement_bind_text (insert, 3, grade != CA_GRADE_NONE ? ca_grade_to_string (grade) : NULL);
      ca_statement_bind_text (insert, 4, ca_moderation_form_get_why (form, key));
      if (!ca_statement_run (insert, error))
        return FALSE;
    }
  if (!write_actions (database, moderation_id, form->actions, error))
    return FALSE;
  ca_database_note_change (database, CA_CHANGE_MODERATION, moderation_id);
  return TRUE;
}

typedef struct
{
  gint64                  moderation_id;
  const CaModerationForm *base;
  const CaModerationForm *form;
  const char             *session;
  const gint64           *resolved;
  guint                   n_resolved;
  CaFormSaved            *saved;
} SaveSince;

static const CaFormModel form_model;

static gboolean
save_since_in_transaction (CaDatabase  *database,
                           gpointer     user_data,
                           GError     **error)
{
  SaveSince *save = user_data;
  g_autoptr(CaModerationForm) theirs = NULL;
  g_autoptr(CaFormSaved) saved = NULL;
  g_autoptr(GPtrArray) set_aside = NULL;
  g_auto(GStrv) conflicts = NULL;

  if (!check_open (database, save->moderation_id, error))
    return FALSE;
  theirs = read_stored (database, save->moderation_id, error);
  if (theirs == NULL)
    return FALSE;

  saved = ca_form_saved_new (&form_model,
                             ca_moderation_form_merge (save->base, save->form, theirs,
                                                       &conflicts));
  set_aside = ca_set_aside_store_put_conflicts (database, CA_SET_ASIDE_MODERATION,
                                                save->moderation_id,
                                                (const char *const *) conflicts,
                                                (CaMergeGetFunc) ca_moderation_form_dup_field,
                                                save->form, save->session, error);
  if (set_aside == NULL)
    return FALSE;
  ca_form_saved_add_set_aside (saved, set_aside);
  if (!write_form (database, save->moderation_id, saved->stored, error) ||
      !ca_set_aside_store_remove (database, CA_SET_ASIDE_MODERATION, save->moderation_id,
                                  save->resolved, save->n_resolved, error))
    return FALSE;
  save->saved = g_steal_pointer (&saved);
  return TRUE;
}

/* The form model's save (stores/ca-form-model.h): what FORM changed since BASE, merged with
 * what another copy stored meanwhile. */
static CaFormSaved *
save_since (CaDatabase    *connection,
            gint64         moderation_id,
            gconstpointer  base,
            gconstpointer  form,
            const char    *session,
            const gint64  *resolved,
            guint          n_resolved,
            GError       **error)
{
  SaveSince save = { moderation_id, base, form, session, resolved, n_resolved, NULL };

  if (!ca_database_transaction (connection, save_since_in_transaction, &save, error))
    {
      g_clear_pointer (&save.saved, ca_form_saved_free);
      return NULL;
    }
  return save.saved;
}

static const CaFormModel form_model = {
  .copy = (gpointer (*) (gconstpointer)) ca_moderation_form_copy,
  .free = (GDestroyNotify) ca_moderation_form_free,
  .dup_field = (CaMergeGetFunc) ca_moderation_form_dup_field,
  .set_field = (CaMergeSetFunc) ca_moderation_form_set_field,
  .diff = (GStrv (*) (gconstpointer, gconstpointer)) ca_moderation_form_diff,
  .save_since = save_since,
};

/**
 * ca_moderation_form_store_get_form_model:
 *
 * Returns: (transfer none): the model of a #CaModerationForm, for the autosave
 */
const CaFormModel *
ca_moderation_form_store_get_form_model (void)
{
  return &form_model;
}

typedef struct
{
  gint64                  moderation_id;
  const CaModerationForm *form;
} Submit;

static gboolean
submit_in_transaction (CaDatabase  *database,
                       gpointer     user_data,
                       GError     **error)
{
  Submit *submit = user_data;
  g_autoptr(CaModerationSheet) sheet = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *now = ca_timestamp_now ();
  GDate today;

  if (!check_open (database, submit->moderation_id, error))
    return FALSE;
  sheet = ca_moderation_form_store_load (database, submit->moderation_id, error);
  if (sheet == NULL)
    return FALSE;
  if (sheet->set_aside->len > 0)
    {
      g_set_error_literal (error, CA_MODERATION_FORM_STORE_ERROR,
                           CA_MODERATION_FORM_STORE_ERROR_UNDECIDED,
                           _("Someone else changed this moderation at the same time. Choose "
                             "which version to keep of each answer marked, then submit."));
      return FALSE;
    }

  problems = ca_moderation_form_check (submit->form, sheet->sections, sheet->auditor_overall);
  if (problems->len > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      for (guint i = 0; i < problems->len; i++)
        {
          const CaRuleProblem *problem = g_ptr_array_index (problems, i);

          g_string_append_printf (message, "%s%s", i > 0 ? "\n" : "", problem->message);
        }
      g_set_error_literal (error, CA_MODERATION_FORM_STORE_ERROR,
                           CA_MODERATION_FORM_STORE_ERROR_INVALID, message->str);
      return FALSE;
    }

  ca_date_set_today (&today);
  today_text = ca_date_format (&today);
  return write_form (database, submit->moderation_id, submit->form, error) &&
         ca_database_record_change (database, now, "moderation", submit->moderation_id,
                                    "overall_grade", ca_grade_to_string (sheet->auditor_overall),
                                    ca_grade_to_string (submit->form->overall_grade), error) &&
         ca_database_update_tracked (database, "moderation", submit->moderation_id,
                                     "moderated_on", today_text, error);
}

/**
 * ca_moderation_form_store_submit:
 * @form: the form as the moderator leaves it
 *
 * Stores @form and dates the moderation today, after which it is read-only and counts in
 * the agreement figures; the history records the auditor's overall grade against the
 * moderator's. Refused, with nothing written, when the rules find a problem
 * (%CA_MODERATION_FORM_STORE_ERROR_INVALID: the message lists them), when versions set aside
 * wait for a choice, or when it was submitted already.
 */
gboolean
ca_moderation_form_store_submit (CaDatabase              *database,
                                 gint64                   moderation_id,
                                 const CaModerationForm  *form,
                                 GError                 **error)
{
  Submit submit = { moderation_id, form };

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (form != NULL, FALSE);

  return ca_database_transaction (database, submit_in_transaction, &submit, error);
}

typedef struct
{
  gint64            moderation_id;
  CaModerationForm *form;
} SubmitJob;

static void
submit_job_free (SubmitJob *job)
{
  ca_moderation_form_free (job->form);
  g_free (job);
}

static gboolean
submit_job (CaDatabase    *connection,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  SubmitJob *job = data;

  return ca_moderation_form_store_submit (connection, job->moderation_id, job->form, error);
}

/**
 * ca_moderation_form_store_submit_async:
 * @form: copied
 *
 * ca_moderation_form_store_submit() on the database's worker: a save asked for earlier
 * lands first.
 */
void
ca_moderation_form_store_submit_async (CaDatabase              *database,
                                       gint64                   moderation_id,
                                       const CaModerationForm  *form,
                                       GCancellable            *cancellable,
                                       GAsyncReadyCallback      callback,
                                       gpointer                 user_data)
{
  SubmitJob *job = g_new0 (SubmitJob, 1);

  job->moderation_id = moderation_id;
  job->form = ca_moderation_form_copy (form);
  ca_database_run_async (database, submit_job, job, (GDestroyNotify) submit_job_free, NULL,
                         cancellable, callback, user_data);
}

gboolean
ca_moderation_form_store_submit_finish (GAsyncResult  *result,
                                        GError       **error)
{
  return ca_database_run_finish (result, NULL, error);
}
