// SPDX-License-Identifier: GPL-3.0-or-later
// For the stores alone: writing one row of the action table, as both forms that own actions do.
//
// The audit's form (ca-audit-draft-store-save.c) and the moderation form
// (ca-moderation-form-store.c) each read their stored actions and bring them into line here,
// through ca-store-rows.h, the first by position, the second by key. Each row inserted,
// updated or removed is written by the same functions, so that an action reads the same and
// leaves the same history whichever form wrote it: a new row and a removed row write their
// description; a changed owner or due date (and, for the audit's own rows, the safeguarding
// flag) writes the change. Who owns an action and by when are decisions; its wording is
// typing, saved as it is typed, and not kept per save.

#define G_LOG_DOMAIN "ca-action-rows"

#include "config.h"

#include "ca-action-rows.h"
#include "ca-store-rows.h"

/* The description column is NOT NULL: a row not yet described is stored as "". */
static const char *
text_or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/* The description of an action row as read back, for either form: the column's "" (a row not
 * yet described, see text_or_empty()) is NULL again. */
const char *
ca_action_rows_description (const char *stored)
{
  return stored != NULL && *stored != '\0' ? stored : NULL;
}

/* An owner as the history writes it: NULL for none, as ca_statement_bind_id() stores 0. */
static char *
dup_owner (gint64 owner_id)
{
  return owner_id != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, owner_id) : NULL;
}

static gboolean
is_own (const CaActionRows *rows)
{
  return rows->moderation_id == 0;
}

/**
 * ca_action_rows_equal:
 * @rows: whose rows they are
 * @stored: the row as read back
 * @wanted: the row the form holds
 *
 * Says whether @wanted would write nothing over @stored, so that an autosave of an unchanged
 * form writes nothing at all. No description and an empty one are the same, as the column
 * stores both as "".
 */
gboolean
ca_action_rows_equal (const CaActionRows  *rows,
                      const CaDraftAction *stored,
                      const CaDraftAction *wanted)
{
  return g_strcmp0 (text_or_empty (stored->description),
                    text_or_empty (wanted->description)) == 0 &&
         stored->owner_id == wanted->owner_id &&
         g_strcmp0 (stored->due_date, wanted->due_date) == 0 &&
         g_strcmp0 (stored->impact, wanted->impact) == 0 &&
         (!is_own (rows) || stored->safeguarding == wanted->safeguarding);
}

/**
 * ca_action_rows_insert:
 * @rows: whose rows they are
 * @action: the new row; for a moderation's rows, its key
 * @error: return location for a failure
 *
 * Adds @action as a new action of @rows's audit, inside the caller's transaction, and
 * writes its description to the history.
 */
gboolean
ca_action_rows_insert (const CaActionRows   *rows,
                       const CaDraftAction  *action,
                       GError              **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  const char *description = text_or_empty (action->description);

  stmt = ca_database_prepare (rows->database,
                              "INSERT INTO action (audit_id, moderation_id, moderation_key, "
                              "  description, owner_id, due_date, impact, safeguarding) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, rows->audit_id);
  ca_statement_bind_id (stmt, 2, rows->moderation_id);
  ca_statement_bind_text (stmt, 3, is_own (rows) ? NULL : action->key);
  ca_statement_bind_text (stmt, 4, description);
  ca_statement_bind_id (stmt, 5, action->owner_id);
  ca_statement_bind_text (stmt, 6, action->due_date);
  ca_statement_bind_text (stmt, 7, action->impact);
  ca_statement_bind_int64 (stmt, 8, is_own (rows) && action->safeguarding ? 1 : 0);
  return ca_statement_run (stmt, error) &&
         ca_database_record_change (rows->database, NULL, "action",
                                    ca_database_last_insert_id (rows->database), "description",
                                    NULL, description, error);
}

/**
 * ca_action_rows_update:
 * @rows: whose rows they are
 * @id: the stored row's id, which it keeps, and with it whether it was done and signed off
 * @before: the row as stored
 * @action: the row wanted
 * @error: return location for a failure
 *
 * Writes @action over row @id, inside the caller's transaction, with a history row for a
 * changed owner, due date and (the audit's own rows) safeguarding flag. A moderation's row
 * keeps the safeguarding flag it has.
 */
gboolean
ca_action_rows_update (const CaActionRows   *rows,
                       gint64                id,
                       const CaDraftAction  *before,
                       const CaDraftAction  *action,
                       GError              **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autofree char *owner_before = dup_owner (before->owner_id);
  g_autofree char *owner = dup_owner (action->owner_id);
  int index = 5;

  stmt = ca_database_prepare (rows->database,
                              is_own (rows)
                              ? "UPDATE action SET description = ?, owner_id = ?, due_date = ?, "
                                "  impact = ?, safeguarding = ? WHERE id = ?"
                              : "UPDATE action SET description = ?, owner_id = ?, due_date = ?, "
                                "  impact = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, text_or_empty (action->description));
  ca_statement_bind_id (stmt, 2, action->owner_id);
  ca_statement_bind_text (stmt, 3, action->due_date);
  ca_statement_bind_text (stmt, 4, action->impact);
  if (is_own (rows))
    ca_statement_bind_int64 (stmt, index++, action->safeguarding ? 1 : 0);
  ca_statement_bind_int64 (stmt, index, id);
  if (!ca_statement_run (stmt, error))
    return FALSE;

  if (g_strcmp0 (owner_before, owner) != 0 &&
      !ca_database_record_change (rows->database, NULL, "action", id, "owner_id", owner_before,
                                  owner, error))
    return FALSE;
  if (g_strcmp0 (before->due_date, action->due_date) != 0 &&
      !ca_database_record_change (rows->database, NULL, "action", id, "due_date",
                                  before->due_date, action->due_date, error))
    return FALSE;
  return !is_own (rows) || before->safeguarding == action->safeguarding ||
         ca_database_record_change (rows->database, NULL, "action", id, "safeguarding",
                                    before->safeguarding ? "1" : "0",
                                    action->safeguarding ? "1" : "0", error);
}

/**
 * ca_action_rows_remove:
 * @rows: whose rows they are
 * @id: the stored row's id
 * @before: the row as stored
 * @error: return location for a failure
 *
 * Deletes row @id, inside the caller's transaction, and writes its description to the
 * history.
 */
gboolean
ca_action_rows_remove (const CaActionRows   *rows,
                       gint64                id,
                       const CaDraftAction  *before,
                       GError              **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (rows->database, "DELETE FROM action WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, id);
  return ca_statement_run (stmt, error) &&
         ca_database_record_change (rows->database, NULL, "action", id, "description",
                                    text_or_empty (before->description), NULL, error);
}

/* The sync's callbacks: the user data is the CaActionRows, a stored row a CaActionRowsStored
 * and a wanted row a CaDraftAction, whichever way the rows are matched. */

static gboolean
sync_insert (gconstpointer   key,
             gpointer        wanted,
             gpointer        user_data,
             GError        **error)
{
  return ca_action_rows_insert (user_data, wanted, error);
}

static gboolean
sync_equal (gconstpointer key,
            gpointer      stored,
            gpointer      wanted,
            gpointer      user_data)
{
  return ca_action_rows_equal (user_data, ((CaActionRowsStored *) stored)->action, wanted);
}

static gboolean
sync_update (gconstpointer   key,
             gpointer        stored,
             gpointer        wanted,
             gpointer        user_data,
             GError        **error)
{
  const CaActionRowsStored *before = stored;

  return ca_action_rows_update (user_data, before->id, before->action, wanted, error);
}

static gboolean
sync_remove (gconstpointer   key,
             gpointer        stored,
             gpointer        user_data,
             GError        **error)
{
  const CaActionRowsStored *before = stored;

  return ca_action_rows_remove (user_data, before->id, before->action, error);
}

static const CaStoreRowsFuncs sync_funcs = {
  sync_equal, sync_insert, sync_update, sync_remove,
};

/**
 * ca_action_rows_sync_in_order:
 * @rows: whose rows they are
 * @stored: (element-type CaActionRowsStored): the rows as read back, by id
 * @wanted: (element-type CaDraftAction): the rows the form holds, in order
 * @error: return location for a failure
 *
 * Matches the rows by position, as the audit's own table of actions is: a row is updated in
 * place, extra rows are added and missing ones removed.
 */
gboolean
ca_action_rows_sync_in_order (const CaActionRows  *rows,
                              GPtrArray           *stored,
                              GPtrArray           *wanted,
                              GError             **error)
{
  return ca_store_rows_sync_in_order (stored, wanted, &sync_funcs, (gpointer) rows, error);
}

/**
 * ca_action_rows_sync_by_key:
 * @rows: whose rows they are
 * @stored: (element-type utf8 CaActionRowsStored): the rows as read back, by key
 * @wanted: (element-type utf8 CaDraftAction): the rows the form holds, by key
 * @error: return location for a failure
 *
 * Matches the rows by key, as a moderation's further actions are.
 */
gboolean
ca_action_rows_sync_by_key (const CaActionRows  *rows,
                            GHashTable          *stored,
                            GHashTable          *wanted,
                            GError             **error)
{
  return ca_store_rows_sync (stored, wanted, &sync_funcs, (gpointer) rows, error);
}
