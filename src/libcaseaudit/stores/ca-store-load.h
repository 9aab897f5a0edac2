// SPDX-License-Identifier: GPL-3.0-or-later
// Loads one record by its id, or a whole list, on the database's worker, for a store's
// _async and _finish.
#pragma once

#include <gio/gio.h>

#include "ca-database.h"

G_BEGIN_DECLS

/* A store's "one record by id" (ca_case_store_load() and the like): the record, or NULL with
 * ERROR set. */
typedef gpointer (*CaStoreLoadFunc) (CaDatabase  *database,
                                     gint64       id,
                                     GError     **error);

void     ca_store_load_async  (CaDatabase           *database,
                               CaStoreLoadFunc       load,
                               gint64                id,
                               GDestroyNotify        result_free,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data);
gpointer ca_store_load_finish (GAsyncResult         *result,
                               GError              **error);

/* A store's "the whole list" (ca_audit_store_list_service_areas() and the like): the list,
 * or NULL with ERROR set. */
typedef gpointer (*CaStoreListFunc) (CaDatabase  *database,
                                     GError     **error);

void     ca_store_list_async  (CaDatabase           *database,
                               CaStoreListFunc       list,
                               GDestroyNotify        result_free,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data);

G_END_DECLS
