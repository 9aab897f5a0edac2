// SPDX-License-Identifier: GPL-3.0-or-later
// Loads one record by its id, or a whole list, on the database's worker, for a store's
// _async and _finish.

#define G_LOG_DOMAIN "ca-store-load"

#include "config.h"

#include "ca-database-worker.h"
#include "ca-store-load.h"

/* What the worker is given: which load, and the id. */
typedef struct
{
  CaStoreLoadFunc load;
  gint64          id;
} LoadJob;

static gboolean
load_job (CaDatabase    *connection,
          gpointer       data,
          gpointer      *result,
          GCancellable  *cancellable,
          GError       **error)
{
  LoadJob *job = data;

  *result = job->load (connection, job->id, error);
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
  LoadJob *job;

  g_return_if_fail (CA_IS_DATABASE (database));
  g_return_if_fail (load != NULL);

  job = g_new0 (LoadJob, 1);
  job->load = load;
  job->id = id;
  ca_database_run_async (database, load_job, job, g_free, result_free, cancellable, callback,
                         user_data);
}

/**
 * ca_store_load_finish:
 *
 * Returns: (transfer full): the record, or %NULL with @error set
 */
gpointer
ca_store_load_finish (GAsyncResult  *result,
                      GError       **error)
{
  gpointer loaded = NULL;

  return ca_database_run_finish (result, &loaded, error) ? loaded : NULL;
}

/* What the worker is given for a list: the store's function. */
typedef struct
{
  CaStoreListFunc list;
} ListJob;

static gboolean
list_job (CaDatabase    *connection,
          gpointer       data,
          gpointer      *result,
          GCancellable  *cancellable,
          GError       **error)
{
  ListJob *job = data;

  *result = job->list (connection, error);
  return *result != NULL;
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
  ListJob *job;

  g_return_if_fail (CA_IS_DATABASE (database));
  g_return_if_fail (list != NULL);

  job = g_new0 (ListJob, 1);
  job->list = list;
  ca_database_run_async (database, list_job, job, g_free, result_free, cancellable, callback,
                         user_data);
}
