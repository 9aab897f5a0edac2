// SPDX-License-Identifier: GPL-3.0-or-later
// One piece of work in one transaction: begun, run, then committed or rolled back.

#define G_LOG_DOMAIN "ca-database"

#include "config.h"

#include "ca-database.h"

/**
 * CaDatabaseWorkFunc:
 * @database: the database, inside the transaction
 * @user_data: what was given to ca_database_transaction()
 * @error: return location for the reason the work failed
 *
 * The work of one transaction.
 *
 * Returns: %TRUE when the work is done; %FALSE with @error set to undo it all
 */

/**
 * ca_database_transaction:
 * @self: a #CaDatabase
 * @work: (scope call): the work to run inside the transaction
 * @user_data: passed to @work
 * @error: return location for a failure
 *
 * Begins a transaction, runs @work and commits. When @work or the commit fails, the
 * transaction is rolled back, so a failure changes nothing. Inside another transaction this
 * nests as ca_database_begin() does.
 *
 * Returns: %TRUE when the work was done and committed; %FALSE with @error set otherwise
 */
gboolean
ca_database_transaction (CaDatabase          *self,
                         CaDatabaseWorkFunc   work,
                         gpointer             user_data,
                         GError             **error)
{
  g_return_val_if_fail (CA_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (work != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ca_database_begin (self, error))
    return FALSE;
  if (!work (self, user_data, error) || !ca_database_commit (self, error))
    {
      ca_database_rollback (self);
      return FALSE;
    }
  return TRUE;
}
