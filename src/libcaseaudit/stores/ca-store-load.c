// SPDX-License-Identifier: GPL-3.0-or-later
// Loads one record by its id, or a whole list, on the database's worker, for a store's
// _async and _finish.

#define G_LOG_DOMAIN "ca-store-load"

#include "config.h"

#include "ca-database-worker.h"
#include "ca-store-load.h"

/* What the worker is given: a load and its id, or a list. */
typedef struct
{
  CaStoreLoadFunc load;
  CaStoreListFunc list;
  gint64          id;
} StoreJob;

static gboolean
store_job (CaDatabase    *connection,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  StoreJob *job = data;

  *result = job->list != NULL ? job->list (connection, error)
                              : job->load (connection, job->id, error);
  return *result != NULL;
}

/**
 * ca_store_load_async:
 * @load: the store's load, run on the worker with @id
 * @result_free: frees what @load returns, when nobody takes it
 *
 * Runs @load (@database, @id) on the database's worker, so that the window stays responsive
 * while the record is read. Finish with ca_store_load_finish().
 */
void
ca_store_load_async (CaDatabase           *database,
                     CaStoreLoadFunc       load,
                     gint64                id,
                     GDestroyNotify        result_free,
                     GCancellable         *cancellable,
                     GAsyncReadyCallback   callback,
                     gpointer              user_data)
{
  StoreJob *job = g_new0 (StoreJob, 1);

  job->load = load;
  job->id = id;
  ca_database_run_async (database, store_job, job, g_free, result_free, cancellable, callback,
                         user_data);
}

/**
 * ca_store_list_async:
 * @list: the store's list, run on the worker
 * @result_free: frees what @list returns, when nobody takes it
 *
 * Runs @list (@database) on the database's worker, as ca_store_load_async() runs a load.
 * Finish with ca_store_load_finish().
 */
void
ca_store_list_async (CaDatabase           *database,
                     CaStoreListFunc       list,
                     GDestroyNotify        result_free,
                     GCancellable         *cancellable,
                     GAsyncReadyCallback   callback,
                     gpointer              user_data)
{
  StoreJob *job = g_new0 (StoreJob, 1);

  job->list = list;
  ca_database_run_async (database, store_job, job, g_free, result_free, cancellable, callback,
                         user_data);
}

/**
 * ca_store_load_finish:
 *
 * Returns: (transfer full): the record or the list, or %NULL with @error set
 */
gpointer
ca_store_load_finish (GAsyncResult  *result,
                      GError       **error)
{
  gpointer loaded = NULL;

  return ca_database_run_finish (result, &loaded, error) ? loaded : NULL;
}
