// SPDX-License-Identifier: GPL-3.0-or-later
// Loads one record by its id on the database's worker, for a store's _async and _finish.

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
