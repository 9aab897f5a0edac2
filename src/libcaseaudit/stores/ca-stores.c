// SPDX-License-Identifier: GPL-3.0-or-later
// Opening a database for the stores: the connection with what every database must hold.

#define G_LOG_DOMAIN "ca-stores"

#include "config.h"

#include "ca-stores.h"
#include "ca-tool-store.h"

/* The built-in audit tools are part of a usable database, as the roles are (R-E1). They are
 * put in on every open rather than only by a migration: that also reaches files made before
 * a tool was added to Case Audit, in releases that change no schema. Installing reads a few
 * rows and writes only when a tool is missing, so opening stays cheap and takes no write
 * lock. CaDatabase runs this on each connection, the workers' too, and knows nothing of the
 * stores. */
static gboolean
make_ready (CaDatabase  *database,
            GError     **error)
{
  return ca_tool_store_install_builtin (database, error);
}

/**
 * ca_stores_open:
 * @path: the database file
 * @flags: %CA_DATABASE_OPEN_CREATE to create a missing file (mode 0600)
 *
 * Opens the database as ca_database_open() does, then installs any built-in audit tool it
 * does not have yet (ca_tool_store_install_builtin()); so does every connection
 * ca_database_open_another() makes from it. How the app, the command line, the demo and
 * the tests open a database.
 */
CaDatabase *
ca_stores_open (const char           *path,
                CaDatabaseOpenFlags   flags,
                GError              **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return ca_database_open_full (path, flags, make_ready, error);
}
