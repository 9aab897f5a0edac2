// SPDX-License-Identifier: GPL-3.0-or-later
// Brings a record's child rows into line with the rows wanted: insert, update, delete the difference.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CaStoreRowsFuncs:
 * @equal: (nullable): says that a stored row and a wanted row are the same, so that nothing
 *   is written for it; without it, @update is called for every row found in both
 * @insert: writes a wanted row that is not stored
 * @update: writes a wanted row over the stored row it matches
 * @remove: deletes a stored row that is no longer wanted
 *
 * What ca_store_rows_sync() and ca_store_rows_sync_in_order() call. @key is the rows' key
 * in the hash tables, or the row's position (GUINT_TO_POINTER()) for rows matched in order.
 * Each returns %FALSE with the error set to stop the sync.
 */
typedef struct
{
  gboolean (*equal)  (gconstpointer   key,
                      gpointer        stored,
                      gpointer        wanted,
                      gpointer        user_data);
  gboolean (*insert) (gconstpointer   key,
                      gpointer        wanted,
                      gpointer        user_data,
                      GError        **error);
  gboolean (*update) (gconstpointer   key,
                      gpointer        stored,
                      gpointer        wanted,
                      gpointer        user_data,
                      GError        **error);
  gboolean (*remove) (gconstpointer   key,
                      gpointer        stored,
                      gpointer        user_data,
                      GError        **error);
} CaStoreRowsFuncs;

gboolean ca_store_rows_sync          (GHashTable              *stored,
                                      GHashTable              *wanted,
                                      const CaStoreRowsFuncs  *funcs,
                                      gpointer                 user_data,
                                      GError                 **error);
gboolean ca_store_rows_sync_in_order (GPtrArray               *stored,
                                      GPtrArray               *wanted,
                                      const CaStoreRowsFuncs  *funcs,
                                      gpointer                 user_data,
                                      GError                 **error);

G_END_DECLS
