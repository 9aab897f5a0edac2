// SPDX-License-Identifier: GPL-3.0-or-later
// Remembered import value mappings: what a value of a file stands for, per kind of import.

#define G_LOG_DOMAIN "ca-import-mapping-store"

#include "config.h"

#include "ca-import-mapping-store.h"
#include "core/ca-date.h"
#include "core/ca-import-rules.h"

void
ca_import_remembered_value_free (CaImportRememberedValue *value)
{
  if (value == NULL)
    return;
  g_free (value->field);
  g_free (value->value);
  g_free (value->value_key);
  g_free (value->code);
  g_free (value->updated_at);
  g_free (value);
}

/**
 * ca_import_mapping_store_list:
 * @kind: a #CaImportKind, or -1 for every kind
 *
 * Returns: (transfer container) (element-type CaImportRememberedValue): the remembered
 * mappings, by kind, field and value
 */
GPtrArray *
ca_import_mapping_store_list (CaDatabase  *database,
                              int          kind,
                              GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GPtrArray) values = NULL;
  gboolean has_row = FALSE;
  GError *local_error = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (kind >= -1 && kind < CA_IMPORT_N_KINDS, NULL);

  stmt = ca_database_prepare (database,
                              "SELECT kind, field, value, value_key, code, updated_at "
                              "FROM import_value_mapping WHERE ?1 IS NULL OR kind = ?1 "
                              "ORDER BY kind, field, value_key", error);
  if (stmt == NULL)
    return NULL;
  if (kind >= 0)
    ca_statement_bind_text (stmt, 1, ca_import_kind_to_string ((CaImportKind) kind));
  else
    ca_statement_bind_null (stmt, 1);

  values = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_import_remembered_value_free);
  while (ca_statement_step (stmt, &has_row, &local_error) && has_row)
    {
      CaImportRememberedValue *value = g_new0 (CaImportRememberedValue, 1);
      CaImportKind stored_kind = CA_IMPORT_KIND_TEAMS;

      /* The table's check allows only kinds this version knows. */
      ca_import_kind_from_string (ca_statement_get_text (stmt, 0), &stored_kind);
      value->kind = stored_kind;
      value->field = ca_statement_dup_text (stmt, 1);
      value->value = ca_statement_dup_text (stmt, 2);
      value->value_key = ca_statement_dup_text (stmt, 3);
      value->code = ca_statement_dup_text (stmt, 4);
      value->updated_at = ca_statement_dup_text (stmt, 5);
      g_ptr_array_add (values, value);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&values);
}

/**
 * ca_import_mapping_store_save:
 * @value: the value as a file writes it; it is matched as ca_import_fold_value() folds it
 * @code: the code it stands for, already checked by the caller
 *
 * Remembers (or changes) what @value of @field stands for in files of @kind.
 */
gboolean
ca_import_mapping_store_save (CaDatabase    *database,
                              CaImportKind   kind,
                              const char    *field,
                              const char    *value,
                              const char    *code,
                              GError       **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autofree char *key = NULL;
  g_autofree char *now = ca_timestamp_now ();

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (field != NULL && value != NULL && code != NULL, FALSE);

  key = ca_import_fold_value (value);
  g_return_val_if_fail (*key != '\0', FALSE);

  stmt = ca_database_prepare (database,
                              "INSERT INTO import_value_mapping (kind, field, value_key, value, "
                              "code, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
                              "ON CONFLICT (kind, field, value_key) DO UPDATE SET "
                              "value = excluded.value, code = excluded.code, "
                              "updated_at = excluded.updated_at", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, ca_import_kind_to_string (kind));
  ca_statement_bind_text (stmt, 2, field);
  ca_statement_bind_text (stmt, 3, key);
  ca_statement_bind_text (stmt, 4, value);
  ca_statement_bind_text (stmt, 5, code);
  ca_statement_bind_text (stmt, 6, now);
  if (!ca_statement_run (stmt, error))
    return FALSE;
  ca_database_note_change (database, CA_CHANGE_IMPORT_MAPPING, CA_CHANGE_ALL_IDS);
  return TRUE;
}

/* Forgets one mapping; the next file with the value asks again. */
gboolean
ca_import_mapping_store_remove (CaDatabase    *database,
                                CaImportKind   kind,
                                const char    *field,
                                const char    *value_key,
                                GError       **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (field != NULL && value_key != NULL, FALSE);

  stmt = ca_database_prepare (database,
                              "DELETE FROM import_value_mapping "
                              "WHERE kind = ? AND field = ? AND value_key = ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, ca_import_kind_to_string (kind));
  ca_statement_bind_text (stmt, 2, field);
  ca_statement_bind_text (stmt, 3, value_key);
  if (!ca_statement_run (stmt, error))
    return FALSE;
  ca_database_note_change (database, CA_CHANGE_IMPORT_MAPPING, CA_CHANGE_ALL_IDS);
  return TRUE;
}
