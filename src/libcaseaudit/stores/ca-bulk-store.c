// SPDX-License-Identifier: GPL-3.0-or-later
// Whole records written many at a time inside the caller's transaction: the demonstration data.

#define G_LOG_DOMAIN "ca-bulk-store"

#include "config.h"

#include "ca-bulk-store.h"

enum
{
  SQL_IS_EMPTY,
  SQL_INSERT_SERVICE_AREA,
  SQL_FIND_SERVICE_AREA,
  SQL_INSERT_LOCALITY,
  SQL_FIND_LOCALITY,
  SQL_INSERT_AUDITOR_GROUP,
  SQL_FIND_AUDITOR_GROUP,
  SQL_INSERT_TEAM,
  SQL_INSERT_STAFF,
  SQL_SET_LINE_MANAGER,
  SQL_INSERT_CASE,
  SQL_INSERT_PROGRAMME_ENTRY,
  SQL_FIND_PROGRAMME_ENTRY,
  SQL_INSERT_AUDIT,
  SQL_INSERT_AUDIT_SECTION,
  SQL_INSERT_AUDIT_ANSWER,
  SQL_INSERT_ACTION,
  SQL_INSERT_MANAGER_RESPONSE,
  SQL_INSERT_MODERATION,
  SQL_INSERT_MODERATION_SECTION,
  SQL_INSERT_ESCALATION,
  SQL_INSERT_TRACKER_SIGNOFF,
  SQL_MARK_NOTIFIED,
  N_SQL
};

/* Plain SQL that SQLite and PostgreSQL both accept. */
static const char * const sql[N_SQL] = {
  [SQL_IS_EMPTY] =
    "SELECT EXISTS (SELECT 1 FROM case_file) "
    "    OR EXISTS (SELECT 1 FROM staff) "
    "    OR EXISTS (SELECT 1 FROM team)",
  [SQL_INSERT_SERVICE_AREA] =
    "INSERT INTO service_area (name) VALUES (?) ON CONFLICT (name) DO NOTHING",
  [SQL_FIND_SERVICE_AREA] = "SELECT id FROM service_area WHERE name = ?",
  [SQL_INSERT_LOCALITY] = "INSERT INTO locality (name) VALUES (?) ON CONFLICT (name) DO NOTHING",
  [SQL_FIND_LOCALITY] = "SELECT id FROM locality WHERE name = ?",
  [SQL_INSERT_AUDITOR_GROUP] =
    "INSERT INTO auditor_group (name) VALUES (?) ON CONFLICT (name) DO NOTHING",
  [SQL_FIND_AUDITOR_GROUP] = "SELECT id FROM auditor_group WHERE name = ?",
  [SQL_INSERT_TEAM] =
    "INSERT INTO team (name, service_area_id, locality_id, auditor_group_id) VALUES (?, ?, ?, ?)",
  [SQL_INSERT_STAFF] =
    "INSERT INTO staff (staff_ref, name, email, role_code, team_id, active) "
    "VALUES (?, ?, ?, ?, ?, ?)",
  [SQL_SET_LINE_MANAGER] = "UPDATE staff SET line_manager_id = ? WHERE id = ?",
  [SQL_INSERT_CASE] =
    "INSERT INTO case_file (case_ref, team_id, locality_id, allocated_worker_id, open_date, "
    "close_date, legal_status, ethnicity, birth_month, gender, disability, restricted) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [SQL_INSERT_PROGRAMME_ENTRY] =
    "INSERT INTO programme_entry (month, strand, focus, questions, allocation_date, "
    "return_date, briefing_date, training) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (month, strand) DO NOTHING",
  [SQL_FIND_PROGRAMME_ENTRY] = "SELECT id FROM programme_entry WHERE month = ? AND strand = ?",
  [SQL_INSERT_AUDIT] =
    "INSERT INTO audit (case_id, tool_version_id, auditor_id, joint_practitioner_id, "
    "programme_entry_id, status, allocated_on, due_date, audit_date, period_start, "
    "period_end, pen_picture, overall_grade, category, done_well, comments, submitted_at, "
    "review_due_at, recommendations_checked_at, feedback_method, feedback_date, "
    "feedback_summary, recommendations_checked_by, recommendations_checked_note) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [SQL_INSERT_AUDIT_SECTION] =
    "INSERT INTO audit_section (audit_id, section_id, grade) VALUES (?, ?, ?)",
  [SQL_INSERT_AUDIT_ANSWER] =
    "INSERT INTO audit_answer (audit_id, question_id, answer, reason) VALUES (?, ?, ?, ?)",
  [SQL_INSERT_ACTION] =
    "INSERT INTO action (audit_id, description, owner_id, due_date, impact, safeguarding, "
    "completed_on, completed_by, evidence, signed_off_by, signed_off_on) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [SQL_INSERT_MANAGER_RESPONSE] =
    "INSERT INTO manager_response (audit_id, manager_id, response, stretch_target, "
    "decision, due_date, responded_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
  [SQL_INSERT_MODERATION] =
    "INSERT INTO moderation (audit_id, moderator_id, due_date, moderated_on, overall_grade, "
    "differences, discussion_date, participants, further_actions, learning, "
    "made_difference, difference) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [SQL_INSERT_MODERATION_SECTION] =
    "INSERT INTO moderation_section (moderation_id, section_id, grade, why) VALUES (?, ?, ?, ?)",
  [SQL_INSERT_ESCALATION] =
    "INSERT INTO escalation (audit_id, head_of_service_id, escalated_at, deadline, reason) "
    "VALUES (?, ?, ?, ?, ?)",
  [SQL_INSERT_TRACKER_SIGNOFF] =
    "INSERT INTO tracker_signoff (audit_id, signed_by, signed_on, note) VALUES (?, ?, ?, ?)",
  [SQL_MARK_NOTIFIED] =
    "UPDATE audit SET notification_sent_at = submitted_at "
    "WHERE category IN (1, 2) AND submitted_at < ?",
};

struct _CaBulkStore
{
  CaDatabase  *database;
  CaStatement *statements[N_SQL];
};

/* Prepared on first use: a caller that writes only some kinds of rows pays for those. */
static CaStatement *
statement (CaBulkStore  *self,
           guint         which,
           GError      **error)
{
  if (self->statements[which] == NULL)
    self->statements[which] = ca_database_prepare (self->database, sql[which], error);
  return self->statements[which];
}

/* Runs a statement that returns one id, then resets it for reuse; 0 when no row. */
static gboolean
query_id (CaStatement  *stmt,
          gint64       *id,
          GError      **error)
{
  gboolean has_row = FALSE;

  if (!ca_statement_step (stmt, &has_row, error))
    return FALSE;
  *id = has_row ? ca_statement_get_int64 (stmt, 0) : 0;
  ca_statement_reset (stmt);
  return TRUE;
}

/* Runs an INSERT and gives back the new row's id. */
static gboolean
run_insert (CaBulkStore  *self,
            CaStatement  *stmt,
            gint64       *id,
            GError      **error)
{
  if (!ca_statement_run (stmt, error))
    return FALSE;
  if (id != NULL)
    *id = ca_database_last_insert_id (self->database);
  return TRUE;
}

static gboolean
ensure_named (CaBulkStore  *self,
              guint         insert_sql,
              guint         find_sql,
              const char   *name,
              gint64       *id,
              GError      **error)
{
  CaStatement *insert = statement (self, insert_sql, error);
  CaStatement *find;

  if (insert == NULL)
    return FALSE;
  ca_statement_bind_text (insert, 1, name);
  if (!ca_statement_run (insert, error))
    return FALSE;

  find = statement (self, find_sql, error);
  if (find == NULL)
    return FALSE;
  ca_statement_bind_text (find, 1, name);
  return query_id (find, id, error);
}

/**
 * ca_bulk_store_new:
 * @database: the connection to write on, inside a transaction the caller begins
 */
CaBulkStore *
ca_bulk_store_new (CaDatabase *database)
{
  CaBulkStore *self;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);

  self = g_new0 (CaBulkStore, 1);
  self->database = g_object_ref (database);
  return self;
}

void
ca_bulk_store_free (CaBulkStore *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < N_SQL; i++)
    g_clear_pointer (&self->statements[i], ca_statement_free);
  g_clear_object (&self->database);
  g_free (self);
}

gboolean
ca_bulk_store_is_empty (CaBulkStore  *self,
                        gboolean     *empty,
                        GError      **error)
{
  CaStatement *stmt;
  gint64 found = 0;

  g_return_val_if_fail (self != NULL && empty != NULL, FALSE);

  stmt = statement (self, SQL_IS_EMPTY, error);
  if (stmt == NULL || !query_id (stmt, &found, error))
    return FALSE;
  *empty = !found;
  return TRUE;
}

gboolean
ca_bulk_store_ensure_service_area (CaBulkStore  *self,
                                   const char   *name,
                                   gint64       *id,
                                   GError      **error)
{
  g_return_val_if_fail (self != NULL && name != NULL && id != NULL, FALSE);

  return ensure_named (self, SQL_INSERT_SERVICE_AREA, SQL_FIND_SERVICE_AREA, name, id, error);
}

gboolean
ca_bulk_store_ensure_locality (CaBulkStore  *self,
                               const char   *name,
                               gint64       *id,
                               GError      **error)
{
  g_return_val_if_fail (self != NULL && name != NULL && id != NULL, FALSE);

  return ensure_named (self, SQL_INSERT_LOCALITY, SQL_FIND_LOCALITY, name, id, error);
}

gboolean
ca_bulk_store_ensure_auditor_group (CaBulkStore  *self,
                                    const char   *name,
                                    gint64       *id,
                                    GError      **error)
{
  g_return_val_if_fail (self != NULL && name != NULL && id != NULL, FALSE);

  return ensure_named (self, SQL_INSERT_AUDITOR_GROUP, SQL_FIND_AUDITOR_GROUP, name, id, error);
}

gboolean
ca_bulk_store_add_team (CaBulkStore  *self,
                        const char   *name,
                        gint64        service_area_id,
                        gint64        locality_id,
                        gint64        auditor_group_id,
                        gint64       *id,
                        GError      **error)
{
  CaStatement *stmt;

  g_return_val_if_fail (self != NULL && name != NULL, FALSE);

  if ((stmt = statement (self, SQL_INSERT_TEAM, error)) == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, name);
  ca_statement_bind_int64 (stmt, 2, service_area_id);
  ca_statement_bind_int64 (stmt, 3, locality_id);
  ca_statement_bind_id (stmt, 4, auditor_group_id);
  return run_insert (self, stmt, id, error);
}

gboolean
ca_bulk_store_add_staff (CaBulkStore  *self,
                         const char   *staff_ref,
                         const char   *name,
                         const char   *email,
                         const char   *role_code,
                         gint64        team_id,
                         gboolean      active,
                         gint64       *id,
                         GError      **error)
{
  CaStatement *stmt;

  g_return_val_if_fail (self != NULL && staff_ref != NULL && name != NULL, FALSE);

  if ((stmt = statement (self, SQL_INSERT_STAFF, error)) == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, staff_ref);
  ca_statement_bind_text (stmt, 2, name);
  ca_statement_bind_text (stmt, 3, email);
  ca_statement_bind_text (stmt, 4, role_code);
  ca_statement_bind_id (stmt, 5, team_id);
  ca_statement_bind_int64 (stmt, 6, active);
  return run_insert (self, stmt, id, error);
}

gboolean
ca_bulk_store_set_line_manager (CaBulkStore  *self,
                                gint64        staff_id,
                                gint64        manager_id,
                                GError      **error)
{
  CaStatement *stmt;

  g_return_val_if_fail (self != NULL, FALSE);

  if ((stmt = statement (self, SQL_SET_LINE_MANAGER, error)) == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, manager_id);
  ca_statement_bind_int64 (stmt, 2, staff_id);
  return ca_statement_run (stmt, error);
}

gboolean
ca_bulk_store_add_case (CaBulkStore       *self,
                        const CaBulkCase  *file,
                        gint64            *id,
                        GError           **error)
{
  CaStatement *stmt;

  g_return_val_if_fail (self != NULL && file != NULL, FALSE);

  if ((stmt = statement (self, SQL_INSERT_CASE, error)) == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, file->case_ref);
  ca_statement_bind_int64 (stmt, 2, file->team_id);
  ca_statement_bind_int64 (stmt, 3, file->locality_id);
  ca_statement_bind_int64 (stmt, 4, file->worker_id);
  ca_statement_bind_text (stmt, 5, file->open_date);
  ca_statement_bind_text (stmt, 6, file->close_date);
  ca_statement_bind_text (stmt, 7, file->legal_status);
  ca_statement_bind_text (stmt, 8, file->ethnicity);
  ca_statement_bind_text (stmt, 9, file->birth_month);
  ca_statement_bind_text (stmt, 10, file->gender);
  ca_statement_bind_int64 (stmt, 11, file->disability);
  ca_statement_bind_int64 (stmt, 12, file->restricted);
  return run_insert (self, stmt, id, error);
}

gboolean
ca_bulk_store_ensure_programme_entry (CaBulkStore                 *self,
                                      const CaBulkProgrammeEntry  *entry,
                                      gint64                      *id,
                                      GError                     **error)
{
  CaStatement *insert, *find;

  g_return_val_if_fail (self != NULL && entry != NULL && id != NULL, FALSE);

  if ((insert = statement (self, SQL_INSERT_PROGRAMME_ENTRY, error)) == NULL ||
      (find = statement (self, SQL_FIND_PROGRAMME_ENTRY, error)) == NULL)
    return FALSE;
  ca_statement_bind_text (insert, 1, entry->month);
  ca_statement_bind_text (insert, 2, entry->strand);
  ca_statement_bind_text (insert, 3, entry->focus);
  ca_statement_bind_text (insert, 4, entry->questions);
  ca_statement_bind_text (insert, 5, entry->allocation_date);
  ca_statement_bind_text (insert, 6, entry->return_date);
  ca_statement_bind_text (insert, 7, entry->briefing_date);
  ca_statement_bind_text (insert, 8, entry->training);
  ca_statement_bind_text (find, 1, entry->month);
  ca_statement_bind_text (find, 2, entry->strand);
  return ca_statement_run (insert, error) && query_id (find, id, error);
}

gboolean
ca_bulk_store_add_audit (CaBulkStore        *self,
                         const CaBulkAudit  *audit,
                         gint64             *id,
                         GError            **error)
{
  CaStatement *stmt;

  g_return_val_if_fail (self != NULL && audit != NULL, FALSE);

  if ((stmt = statement (self, SQL_INSERT_AUDIT, error)) == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, audit->case_id);
  ca_statement_bind_int64 (stmt, 2, audit->tool_version_id);
  ca_statement_bind_int64 (stmt, 3, audit->auditor_id);
  ca_statement_bind_id (stmt, 4, audit->joint_practitioner_id);
  ca_statement_bind_int64 (stmt, 5, audit->programme_entry_id);
  ca_statement_bind_text (stmt, 6, audit->status);
  ca_statement_bind_text (stmt, 7, audit->allocated_on);
  ca_statement_bind_text (stmt, 8, audit->due_date);
  ca_statement_bind_text (stmt, 9, audit->audit_date);
  ca_statement_bind_text (stmt, 10, audit->period_start);
  ca_statement_bind_text (stmt, 11, audit->period_end);
  ca_statement_bind_text (stmt, 12, audit->pen_picture);
  ca_statement_bind_text (stmt, 13, audit->overall_grade);
  ca_statement_bind_id (stmt, 14, audit->category);
  ca_statement_bind_text (stmt, 15, audit->done_well);
  ca_statement_bind_text (stmt, 16, audit->comments);
  ca_statement_bind_text (stmt, 17, audit->submitted_at);
  ca_statement_bind_text (stmt, 18, audit->review_due_at);
  ca_statement_bind_text (stmt, 19, audit->recommendations_checked_at);
  ca_statement_bind_text (stmt, 20, audit->feedback_method);
  ca_statement_bind_text (stmt, 21, audit->feedback_date);
  ca_statement_bind_text (stmt, 22, audit->feedback_summary);
  ca_statement_bind_id (stmt, 23, audit->recommendations_checked_by);
  ca_statement_bind_text (stmt, 24, audit->recommendations_checked_note);
  return run_insert (self, stmt, id, error);
}

gboolean
ca_bulk_store_add_audit_section (CaBulkStore  *self,
                                 gint64        audit_id,
                                 const char   *section_id,
                                 const char   *grade,
                                 GError      **error)
{
  CaStatement *stmt;

  g_return_val_if_fail (self != NULL && section_id != NULL, FALSE);

  if ((stmt = statement (self, SQL_INSERT_AUDIT_SECTION, error)) == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, audit_id);
  ca_statement_bind_text (stmt, 2, section_id);
  ca_statement_bind_text (stmt, 3, grade);
  return ca_statement_run (stmt, error);
}

gboolean
ca_bulk_store_add_audit_answer (CaBulkStore  *self,
                                gint64        audit_id,
                                const char   *question_id,
                                const char   *answer,
                                const char   *reason,
                                GError      **error)
{
  CaStatement *stmt;

  g_return_val_if_fail (self != NULL && question_id != NULL, FALSE);

  if ((stmt = statement (self, SQL_INSERT_AUDIT_ANSWER, error)) == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, audit_id);
  ca_statement_bind_text (stmt, 2, question_id);
  ca_statement_bind_text (stmt, 3, answer);
  ca_statement_bind_text (stmt, 4, reason);
  return ca_statement_run (stmt, error);
}

gboolean
ca_bulk_store_add_action (CaBulkStore         *self,
                          const CaBulkAction  *action,
                          gint64              *id,
                          GError             **error)
{
  CaStatement *stmt;

  g_return_val_if_fail (self != NULL && action != NULL, FALSE);

  if ((stmt = statement (self, SQL_INSERT_ACTION, error)) == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, action->audit_id);
  ca_statement_bind_text (stmt, 2, action->description);
  ca_statement_bind_int64 (stmt, 3, action->owner_id);
  ca_statement_bind_text (stmt, 4, action->due_date);
  ca_statement_bind_text (stmt, 5, action->impact);
  ca_statement_bind_int64 (stmt, 6, action->safeguarding);
  ca_statement_bind_text (stmt, 7, action->completed_on);
  ca_statement_bind_id (stmt, 8, action->completed_by);
  ca_statement_bind_text (stmt, 9, action->evidence);
  ca_statement_bind_id (stmt, 10, action->signed_off_by);
  ca_statement_bind_text (stmt, 11, action->signed_off_on);
  return run_insert (self, stmt, id, error);
}

gboolean
ca_bulk_store_add_manager_response (CaBulkStore                  *self,
                                    const CaBulkManagerResponse  *response,
                                    GError                      **error)
{
  CaStatement *stmt;

  g_return_val_if_fail (self != NULL && response != NULL, FALSE);

  if ((stmt = statement (self, SQL_INSERT_MANAGER_RESPONSE, error)) == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, response->audit_id);
  ca_statement_bind_int64 (stmt, 2, response->manager_id);
  ca_statement_bind_text (stmt, 3, response->response);
  ca_statement_bind_text (stmt, 4, response->stretch_target);
  ca_statement_bind_text (stmt, 5, response->decision);
  ca_statement_bind_text (stmt, 6, response->due_date);
  ca_statement_bind_text (stmt, 7, response->responded_on);
  return ca_statement_run (stmt, error);
}

gboolean
ca_bulk_store_add_moderation (CaBulkStore             *self,
                              const CaBulkModeration  *moderation,
                              gint64                  *id,
                              GError                 **error)
{
  CaStatement *stmt;

  g_return_val_if_fail (self != NULL && moderation != NULL, FALSE);

  if ((stmt = statement (self, SQL_INSERT_MODERATION, error)) == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, moderation->audit_id);
  ca_statement_bind_int64 (stmt, 2, moderation->moderator_id);
  ca_statement_bind_text (stmt, 3, moderation->due_date);
  ca_statement_bind_text (stmt, 4, moderation->moderated_on);
  ca_statement_bind_text (stmt, 5, moderation->overall_grade);
  ca_statement_bind_text (stmt, 6, moderation->differences);
  ca_statement_bind_text (stmt, 7, moderation->discussion_date);
  ca_statement_bind_text (stmt, 8, moderation->participants);
  ca_statement_bind_text (stmt, 9, moderation->further_actions);
  ca_statement_bind_text (stmt, 10, moderation->learning);
  if (moderation->made_difference < 0)
    ca_statement_bind_null (stmt, 11);
  else
    ca_statement_bind_int64 (stmt, 11, moderation->made_difference);
  ca_statement_bind_text (stmt, 12, moderation->difference);
  return run_insert (self, stmt, id, error);
}

gboolean
ca_bulk_store_add_moderation_section (CaBulkStore  *self,
                                      gint64        moderation_id,
                                      const char   *section_id,
                                      const char   *grade,
                                      const char   *why,
                                      GError      **error)
{
  CaStatement *stmt;

  g_return_val_if_fail (self != NULL && section_id != NULL, FALSE);

  if ((stmt = statement (self, SQL_INSERT_MODERATION_SECTION, error)) == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, moderation_id);
  ca_statement_bind_text (stmt, 2, section_id);
  ca_statement_bind_text (stmt, 3, grade);
  ca_statement_bind_text (stmt, 4, why);
  return ca_statement_run (stmt, error);
}

gboolean
ca_bulk_store_add_escalation (CaBulkStore             *self,
                              const CaBulkEscalation  *escalation,
                              GError                 **error)
{
  CaStatement *stmt;

  g_return_val_if_fail (self != NULL && escalation != NULL, FALSE);

  if ((stmt = statement (self, SQL_INSERT_ESCALATION, error)) == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, escalation->audit_id);
  ca_statement_bind_id (stmt, 2, escalation->head_of_service_id);
  ca_statement_bind_text (stmt, 3, escalation->escalated_at);
  ca_statement_bind_text (stmt, 4, escalation->deadline);
  ca_statement_bind_text (stmt, 5, escalation->reason);
  return ca_statement_run (stmt, error);
}

gboolean
ca_bulk_store_add_tracker_signoff (CaBulkStore  *self,
                                   gint64        audit_id,
                                   gint64        signed_by,
                                   const char   *signed_on,
                                   const char   *note,
                                   GError      **error)
{
  CaStatement *stmt;

  g_return_val_if_fail (self != NULL && signed_on != NULL, FALSE);

  if ((stmt = statement (self, SQL_INSERT_TRACKER_SIGNOFF, error)) == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, audit_id);
  ca_statement_bind_id (stmt, 2, signed_by);
  ca_statement_bind_text (stmt, 3, signed_on);
  ca_statement_bind_text (stmt, 4, note);
  return ca_statement_run (stmt, error);
}

gboolean
ca_bulk_store_mark_notified_before (CaBulkStore  *self,
                                    const char   *before,
                                    GError      **error)
{
  CaStatement *stmt;

  g_return_val_if_fail (self != NULL && before != NULL, FALSE);

  if ((stmt = statement (self, SQL_MARK_NOTIFIED, error)) == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, before);
  return ca_statement_run (stmt, error);
}
