// SPDX-License-Identifier: GPL-3.0-or-later
// Reads one case with its audits, actions and moderations (R-B3).

#define G_LOG_DOMAIN "ca-case-store"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-action-private.h"
#include "ca-action-rows.h"
#include "ca-audit-store.h"
#include "ca-case-private.h"
#include "ca-case-store.h"
#include "ca-moderation-private.h"
#include "ca-store-load.h"

static gboolean
read_case (CaDatabase  *database,
           CaCase      *self,
           GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (database,
                              "SELECT c.case_ref, sa.name, t.name, l.name, w.name, c.open_date, "
                              "       c.close_date, c.legal_status, c.restricted, "
                              "       (SELECT max(a.audit_date) FROM audit a "
                              "        WHERE a.case_id = c.id) "
                              "FROM case_file c "
                              "JOIN team t ON t.id = c.team_id "
                              "JOIN service_area sa ON sa.id = t.service_area_id "
                              "LEFT JOIN locality l ON l.id = coalesce (c.locality_id, t.locality_id) "
                              "LEFT JOIN staff w ON w.id = c.allocated_worker_id "
                              "WHERE c.id = ?", error);
  if (stmt == NULL)
    return FALSE;

  ca_statement_bind_int64 (stmt, 1, self->id);
  if (!ca_statement_step_one (stmt, error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_FOUND,
                              _("This case is no longer in the database.")))
    return FALSE;

  self->case_ref = ca_statement_dup_text (stmt, 0);
  self->service_area = ca_statement_dup_text (stmt, 1);
  self->team = ca_statement_dup_text (stmt, 2);
  self->locality = ca_statement_dup_text (stmt, 3);
  self->allocated_worker = ca_statement_dup_text (stmt, 4);
  self->open_date = ca_statement_dup_text (stmt, 5);
  self->close_date = ca_statement_dup_text (stmt, 6);
  self->legal_status = ca_statement_dup_text (stmt, 7);
  self->restricted = ca_statement_get_int64 (stmt, 8) != 0;
  self->last_audited = ca_statement_dup_text (stmt, 9);

  return TRUE;
}

typedef gpointer (*ReadRowFunc) (CaStatement *stmt);

/* The records of type ITEM_TYPE that SQL finds for the case CASE_ID (its one parameter),
 * each made from its row by READ_ROW. */
static GListModel *
read_list (CaDatabase   *database,
           gint64        case_id,
           const char   *sql,
           GType         item_type,
           ReadRowFunc   read_row,
           GError      **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GListStore) list = g_list_store_new (item_type);

  stmt = ca_database_prepare (database, sql, error);
  if (stmt == NULL)
    return NULL;

  ca_statement_bind_int64 (stmt, 1, case_id);
  while (ca_statement_next (stmt))
    {
      g_autoptr(GObject) item = read_row (stmt);

      g_list_store_append (list, item);
    }
  if (!ca_statement_check (stmt, error))
    return NULL;

  return G_LIST_MODEL (g_steal_pointer (&list));
}

static gpointer
read_action (CaStatement *stmt)
{
  CaAction *action = ca_action_new ();

  action->id = ca_statement_get_int64 (stmt, 0);
  action->audit_id = ca_statement_get_int64 (stmt, 1);
  action->description = ca_statement_dup_text (stmt, 2);
  action->owner = ca_statement_dup_text (stmt, 3);
  action->due_date = ca_statement_dup_text (stmt, 4);
  action->completed_on = ca_statement_dup_text (stmt, 5);
  action->safeguarding = ca_statement_get_int64 (stmt, 6) != 0;
  return action;
}

static GListModel *
read_actions (CaDatabase  *database,
              gint64       case_id,
              GError     **error)
{
  return read_list (database, case_id,
                    "SELECT x.id, x.audit_id, x.description, o.name, x.due_date, "
                    "       x.completed_on, x.safeguarding "
                    "FROM action x "
                    "JOIN audit a ON a.id = x.audit_id "
                    "LEFT JOIN staff o ON o.id = x.owner_id "
                    "WHERE a.case_id = ? AND " CA_ACTION_ROWS_LIVE ("x") " "
                    "ORDER BY x.due_date DESC, x.id DESC",
                    CA_TYPE_ACTION, read_action, error);
}

static gpointer
read_moderation (CaStatement *stmt)
{
  CaModeration *moderation = ca_moderation_new ();

  moderation->id = ca_statement_get_int64 (stmt, 0);
  moderation->audit_id = ca_statement_get_int64 (stmt, 1);
  moderation->moderator = ca_statement_dup_text (stmt, 2);
  moderation->moderated_on = ca_statement_dup_text (stmt, 3);
  moderation->auditor_grade = ca_grade_from_string (ca_statement_get_text (stmt, 4));
  moderation->overall_grade = ca_grade_from_string (ca_statement_get_text (stmt, 5));
  return moderation;
}

static GListModel *
read_moderations (CaDatabase  *database,
                  gint64       case_id,
                  GError     **error)
{
  return read_list (database, case_id,
                    "SELECT m.id, m.audit_id, s.name, m.moderated_on, "
                    "       a.overall_grade, m.overall_grade "
                    "FROM moderation m "
                    "JOIN audit a ON a.id = m.audit_id "
                    "JOIN staff s ON s.id = m.moderator_id "
                    "WHERE a.case_id = ? "
                    "ORDER BY m.moderated_on DESC, m.id DESC",
                    CA_TYPE_MODERATION, read_moderation, error);
}

/* Everything recorded on one case. */
CaCase *
ca_case_store_load (CaDatabase  *database,
                    gint64       case_id,
                    GError     **error)
{
  g_autoptr(CaCase) self = ca_case_new ();
  gboolean ok;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);

  self->id = case_id;

  ok = read_case (database, self, error) &&
       (self->audits = ca_audit_store_list_for_case (database, case_id, error)) != NULL &&
       (self->actions = read_actions (database, case_id, error)) != NULL &&
       (self->moderations = read_moderations (database, case_id, error)) != NULL;

  return ok ? g_steal_pointer (&self) : NULL;
}

/* ca_case_store_load() on the database's worker. */
void
ca_case_store_load_async (CaDatabase          *database,
                          gint64               case_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  ca_store_load_async (database, (CaStoreLoadFunc) ca_case_store_load, case_id, g_object_unref,
                       cancellable, callback, user_data);
}

CaCase *
ca_case_store_load_finish (GAsyncResult  *result,
                           GError       **error)
{
  return ca_store_load_finish (result, error);
}

/* Whether any case file is stored: a database with a case list but no audits yet is ready
 * for its first allocation, not empty. */
gboolean
ca_case_store_has_cases (CaDatabase  *database,
                         gboolean    *has_cases,
                         GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (has_cases != NULL, FALSE);

  stmt = ca_database_prepare (database, "SELECT 1 FROM case_file LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  return ca_statement_step (stmt, has_cases, error);
}
