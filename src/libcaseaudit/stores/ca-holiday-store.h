// SPDX-License-Identifier: GPL-3.0-or-later
// Bank holidays in the database: imported years that override the shipped list (R-G1).
#pragma once

#include <glib.h>

#include "ca-database.h"
#include "ca-working-days.h"

G_BEGIN_DECLS

#define CA_HOLIDAY_STORE_ERROR (ca_holiday_store_error_quark ())

typedef enum
{
  CA_HOLIDAY_STORE_ERROR_INVALID,    /* not a date, or no title */
  CA_HOLIDAY_STORE_ERROR_EXISTS,     /* already a bank holiday */
  CA_HOLIDAY_STORE_ERROR_NOT_FOUND,  /* not a bank holiday, so not removable */
} CaHolidayStoreError;

/* Where the list of a year comes from. */
typedef enum
{
  CA_HOLIDAY_SOURCE_RULES,     /* computed by rule: no list covers the year */
  CA_HOLIDAY_SOURCE_SHIPPED,   /* the list Case Audit ships */
  CA_HOLIDAY_SOURCE_IMPORTED,  /* stored from the official bank-holidays JSON */
  CA_HOLIDAY_SOURCE_EDITED,    /* stored, and changed by hand in preferences */
} CaHolidaySource;

GQuark             ca_holiday_store_error_quark   (void);

CaHolidayCalendar *ca_holiday_store_load_calendar (CaDatabase  *db,
                                                   GError     **error);
gboolean           ca_holiday_store_import_json   (CaDatabase  *db,
                                                   const char  *json,
                                                   gsize        length,
                                                   guint       *n_years,
                                                   GError     **error);

GArray            *ca_holiday_store_list_year     (CaDatabase       *db,
                                                   GDateYear         year,
                                                   CaHolidaySource  *source,
                                                   GError          **error);
gboolean           ca_holiday_store_parse_day     (const char       *text,
                                                   GDate            *date,
                                                   GError          **error);
gboolean           ca_holiday_store_add_day       (CaDatabase       *db,
                                                   const char       *date_text,
                                                   const char       *title,
                                                   GError          **error);
gboolean           ca_holiday_store_remove_day    (CaDatabase       *db,
                                                   const GDate      *date,
                                                   GError          **error);

G_END_DECLS
