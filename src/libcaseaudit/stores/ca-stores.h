// SPDX-License-Identifier: GPL-3.0-or-later
// Opening a database for the stores: the connection with what every database must hold.
#pragma once

#include "ca-database.h"

G_BEGIN_DECLS

CaDatabase *ca_stores_open (const char           *path,
                            CaDatabaseOpenFlags   flags,
                            GError              **error);

G_END_DECLS
