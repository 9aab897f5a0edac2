// SPDX-License-Identifier: GPL-3.0-or-later
// Brings a record's child rows into line with the rows wanted: insert, update, delete the difference.

#define G_LOG_DOMAIN "ca-store-rows"

#include "config.h"

#include "ca-store-rows.h"

/* A form's child rows (answers, sections, actions) are saved every second while someone
 * types. Writing only the difference keeps an autosave of an unchanged form from writing
 * anything, and keeps the history to the rows that did change. The helpers hold no SQL: the
 * callbacks write, inside the caller's transaction. */

/**
 * ca_store_rows_sync:
 * @stored: the rows in the database, by key
 * @wanted: the rows wanted, by the same key and with the same hash and equality functions
 * @funcs: what to call for each difference
 * @user_data: passed to each of @funcs
 * @error: return location for the failure that stopped the sync
 *
 * Walks @wanted: a row not in @stored is inserted, a row in both is updated unless
 * @funcs->equal says it has not changed. Then walks @stored: a row not in @wanted is
 * removed. Calls are made in the tables' own order, inserts and updates before removals.
 * Run it inside a transaction, so that a failure part-way changes nothing.
 *
 * Returns: %TRUE when every difference was written; %FALSE with @error set otherwise
 */
gboolean
ca_store_rows_sync (GHashTable              *stored,
                    GHashTable              *wanted,
                    const CaStoreRowsFuncs  *funcs,
                    gpointer                 user_data,
                    GError                 **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (stored != NULL, FALSE);
  g_return_val_if_fail (wanted != NULL, FALSE);
  g_return_val_if_fail (funcs != NULL && funcs->insert != NULL && funcs->update != NULL &&
                        funcs->remove != NULL, FALSE);

  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gpointer before;

      if (!g_hash_table_lookup_extended (stored, key, NULL, &before))
        {
          if (!funcs->insert (key, value, user_data, error))
            return FALSE;
          continue;
        }
      if (funcs->equal != NULL && funcs->equal (key, before, value, user_data))
        continue;
      if (!funcs->update (key, before, value, user_data, error))
        return FALSE;
    }

  g_hash_table_iter_init (&iter, stored);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_hash_table_contains (wanted, key))
        continue;
      if (!funcs->remove (key, value, user_data, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * ca_store_rows_sync_in_order:
 * @stored: the rows in the database, in their stored order
 * @wanted: the rows wanted, in order
 * @funcs: what to call for each difference
 * @user_data: passed to each of @funcs
 * @error: return location for the failure that stopped the sync
 *
 * For rows without a key of their own, such as a table of actions: the rows are matched by
 * position. The first rows of @wanted update the stored rows in place (unless
 * @funcs->equal says they have not changed), so stored rows keep their ids; extra wanted
 * rows are inserted, in order; extra stored rows are removed, in order. The key given to
 * @funcs is the position, as GUINT_TO_POINTER().
 *
 * Returns: %TRUE when every difference was written; %FALSE with @error set otherwise
 */
gboolean
ca_store_rows_sync_in_order (GPtrArray               *stored,
                             GPtrArray               *wanted,
                             const CaStoreRowsFuncs  *funcs,
                             gpointer                 user_data,
                             GError                 **error)
{
  guint i;

  g_return_val_if_fail (stored != NULL, FALSE);
  g_return_val_if_fail (wanted != NULL, FALSE);
  g_return_val_if_fail (funcs != NULL && funcs->insert != NULL && funcs->update != NULL &&
                        funcs->remove != NULL, FALSE);

  for (i = 0; i < wanted->len && i < stored->len; i++)
    {
      gpointer before = g_ptr_array_index (stored, i);
      gpointer value = g_ptr_array_index (wanted, i);

      if (funcs->equal != NULL && funcs->equal (GUINT_TO_POINTER (i), before, value, user_data))
        continue;
      if (!funcs->update (GUINT_TO_POINTER (i), before, value, user_data, error))
        return FALSE;
    }

  for (; i < wanted->len; i++)
    if (!funcs->insert (GUINT_TO_POINTER (i), g_ptr_array_index (wanted, i), user_data, error))
      return FALSE;

  for (; i < stored->len; i++)
    if (!funcs->remove (GUINT_TO_POINTER (i), g_ptr_array_index (stored, i), user_data, error))
      return FALSE;

  return TRUE;
}
