// SPDX-License-Identifier: GPL-3.0-or-later
// Bank holidays in the database: imported years that override the shipped list (R-G1).
#pragma once

#include <glib.h>

#include "ca-database.h"
#include "ca-working-days.h"

G_BEGIN_DECLS

CaHolidayCalendar *ca_holiday_store_load_calendar (CaDatabase  *db,
                                                   GError     **error);
gboolean           ca_holiday_store_import_json   (CaDatabase  *db,
                                                   const char  *json,
                                                   gsize        length,
                                                   guint       *n_years,
                                                   GError     **error);

G_END_DECLS
