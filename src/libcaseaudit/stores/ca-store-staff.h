// SPDX-License-Identifier: GPL-3.0-or-later
// For the stores alone: finding a member of staff by the staff ID a person types or a file
// names, as the stores that record who did something do.
#pragma once

#include "ca-database.h"

G_BEGIN_DECLS

gint64 ca_store_find_staff (CaDatabase   *database,
                            const char   *staff_ref,
                            char        **name,
                            GQuark        domain,
                            gint          not_found,
                            GError      **error);

G_END_DECLS
