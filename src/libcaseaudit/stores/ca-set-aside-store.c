// SPDX-License-Identifier: GPL-3.0-or-later
// Versions of a form's field set aside when two copies changed it at once (R-N2).
//
// When two copies of Case Audit change one field of a form differently, the store keeps the
// other copy's text and sets this copy's aside, in the same transaction, until someone
// chooses. The audit's draft and the moderation keep them alike, each in its own table so
// that a form's versions go with it when it is deleted.

#define G_LOG_DOMAIN "ca-set-aside-store"

#include "config.h"

#include "ca-set-aside-store.h"
#include "core/ca-date.h"

/* The statements of each form's table. Only these texts reach SQL: no caller's string is
 * spliced into a statement. */
static const struct
{
  const char *list;
  const char *put;
  const char *remove;
} statements[] = {
  [CA_SET_ASIDE_AUDIT_DRAFT] = {
    "SELECT id, field, value, set_aside_at, set_aside_by "
    "FROM audit_draft_set_aside WHERE audit_id = ? ORDER BY id",
    "INSERT INTO audit_draft_set_aside (audit_id, field, value, "
    "  set_aside_at, set_aside_by, session) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (audit_id, field, session) DO UPDATE SET "
    "  value = excluded.value, set_aside_at = excluded.set_aside_at, "
    "  set_aside_by = excluded.set_aside_by "
    "RETURNING id",
    "DELETE FROM audit_draft_set_aside WHERE id = ? AND audit_id = ?",
  },
  [CA_SET_ASIDE_MODERATION] = {
    "SELECT id, field, value, set_aside_at, set_aside_by "
    "FROM moderation_set_aside WHERE moderation_id = ? ORDER BY id",
    "INSERT INTO moderation_set_aside (moderation_id, field, value, "
    "  set_aside_at, set_aside_by, session) VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (moderation_id, field, session) DO UPDATE SET "
    "  value = excluded.value, set_aside_at = excluded.set_aside_at, "
    "  set_aside_by = excluded.set_aside_by "
    "RETURNING id",
    "DELETE FROM moderation_set_aside WHERE id = ? AND moderation_id = ?",
  },
};

/**
 * ca_set_aside_store_list:
 *
 * Returns: (transfer full) (element-type CaDraftSetAside): the versions set aside for
 *   record @record_id of @form and still waiting for a choice, oldest first; %NULL on error
 */
GPtrArray *
ca_set_aside_store_list (CaDatabase      *database,
                         CaSetAsideForm   form,
                         gint64           record_id,
                         GError         **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_draft_set_aside_free);

  g_return_val_if_fail (form < G_N_ELEMENTS (statements), NULL);

  stmt = ca_database_prepare (database, statements[form].list, error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_int64 (stmt, 1, record_id);
  while (ca_statement_next (stmt))
    {
      CaDraftSetAside *row = g_new0 (CaDraftSetAside, 1);

      row->id = ca_statement_get_int64 (stmt, 0);
      row->where = ca_statement_dup_text (stmt, 1);
      row->value = ca_statement_dup_text (stmt, 2);
      row->set_aside_at = ca_statement_dup_text (stmt, 3);
      row->set_aside_by = ca_statement_dup_text (stmt, 4);
      g_ptr_array_add (rows, row);
    }
  if (!ca_statement_check (stmt, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/**
 * ca_set_aside_store_put:
 * @value: (nullable): this copy's version of the field, as text
 * @session: the copy setting it aside: a copy meeting the same conflict again replaces its
 *   own version rather than adding one
 *
 * Returns: (transfer full): the version set aside, or %NULL on error
 */
CaDraftSetAside *
ca_set_aside_store_put (CaDatabase      *database,
                        CaSetAsideForm   form,
                        gint64           record_id,
                        const char      *where,
                        const char      *value,
                        const char      *session,
                        GError         **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(CaDraftSetAside) row = g_new0 (CaDraftSetAside, 1);
  gboolean has_row = FALSE;

  g_return_val_if_fail (form < G_N_ELEMENTS (statements), NULL);

  row->where = g_strdup (where);
  row->value = g_strdup (value);
  row->set_aside_at = ca_timestamp_now ();
  row->set_aside_by = g_strdup (ca_database_get_user (database));

  stmt = ca_database_prepare (database, statements[form].put, error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_int64 (stmt, 1, record_id);
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

/**
 * ca_set_aside_store_put_conflicts:
 * @conflicts: the fields this copy and another changed differently, %NULL-terminated
 * @dup_field: reads one field of @values as text
 * @values: this copy's form
 *
 * Sets aside this copy's version of each field in @conflicts, as ca_set_aside_store_put()
 * does one: what a form's save does inside its transaction when the merge finds a field both
 * copies changed.
 *
 * Returns: (transfer full) (element-type CaDraftSetAside): the versions set aside, in the
 *   order of @conflicts, or %NULL on error
 */
GPtrArray *
ca_set_aside_store_put_conflicts (CaDatabase          *database,
                                  CaSetAsideForm       form,
                                  gint64               record_id,
                                  const char *const   *conflicts,
                                  CaMergeGetFunc       dup_field,
                                  gconstpointer        values,
                                  const char          *session,
                                  GError             **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_draft_set_aside_free);
  for (guint i = 0; conflicts[i] != NULL; i++)
    {
      g_autofree char *value = dup_field (values, conflicts[i]);
      CaDraftSetAside *row = ca_set_aside_store_put (database, form, record_id, conflicts[i],
                                                     value, session, error);

      if (row == NULL)
        return NULL;
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}

/* Removes the versions @ids of record @record_id: the person has chosen between them. */
gboolean
ca_set_aside_store_remove (CaDatabase      *database,
                           CaSetAsideForm   form,
                           gint64           record_id,
                           const gint64    *ids,
                           guint            n_ids,
                           GError         **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  g_return_val_if_fail (form < G_N_ELEMENTS (statements), FALSE);

  if (n_ids == 0)
    return TRUE;
  stmt = ca_database_prepare (database, statements[form].remove, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_ids; i++)
    {
      ca_statement_bind_int64 (stmt, 1, ids[i]);
      ca_statement_bind_int64 (stmt, 2, record_id);
      if (!ca_statement_run (stmt, error))
        return FALSE;
    }
  return TRUE;
}
