// SPDX-License-Identifier: GPL-3.0-or-later
// Shared between CaDatabase and CaStatement only: the engine's handles and error mapping.
#pragma once

#include <sqlite3.h>

#include "ca-database.h"

G_BEGIN_DECLS

CaStatement *ca_statement_new                (CaDatabase   *database,
                                              sqlite3_stmt *stmt);
CaStatement *ca_statement_new_cached         (CaDatabase   *database,
                                              sqlite3_stmt *stmt);
void         ca_database_set_sqlite_error    (CaDatabase   *self,
                                              int           rc,
                                              GError      **error);

G_END_DECLS
