// SPDX-License-Identifier: GPL-3.0-or-later
// The one worker of a database: store calls run in order on a connection of its own, off the main thread.
#pragma once

#include "ca-database.h"

G_BEGIN_DECLS

/**
 * CaDatabaseJob:
 * @connection: the worker's own connection to the database's file
 * @data: the data given to ca_database_run_async()
 * @result: (out) (transfer full): what the job found, for ca_database_run_finish()
 * @cancellable: (nullable): the cancellable given to ca_database_run_async()
 * @error: where a failure is said
 *
 * A store call run on the worker. It may write: the worker runs one job at a time, in the
 * order they were asked for, so a save asked for before a submit is done before it.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
typedef gboolean (*CaDatabaseJob) (CaDatabase    *connection,
                                   gpointer       data,
                                   gpointer      *result,
                                   GCancellable  *cancellable,
                                   GError       **error);

void     ca_database_run_in_task (CaDatabase          *self,
                                  GTask               *task,
                                  CaDatabaseJob        job,
                                  gpointer             data,
                                  GDestroyNotify       data_free,
                                  GDestroyNotify       result_free);
void     ca_database_run_async  (CaDatabase           *self,
                                 CaDatabaseJob         job,
                                 gpointer              data,
                                 GDestroyNotify        data_free,
                                 GDestroyNotify        result_free,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
gboolean ca_database_run_finish (GAsyncResult         *result,
                                 gpointer             *value,
                                 GError              **error);
void     ca_database_wait_idle  (CaDatabase           *self);

G_END_DECLS
