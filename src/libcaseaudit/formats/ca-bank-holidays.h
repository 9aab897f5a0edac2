// SPDX-License-Identifier: GPL-3.0-or-later
// Reads the official bank-holidays JSON into a holiday calendar; the list Case Audit ships.
#pragma once

#include <glib.h>

#include "ca-working-days.h"

G_BEGIN_DECLS

#define CA_BANK_HOLIDAYS_ERROR (ca_bank_holidays_error_quark ())

typedef enum
{
  CA_BANK_HOLIDAYS_ERROR_NOT_JSON,
  CA_BANK_HOLIDAYS_ERROR_NO_DIVISION,
  CA_BANK_HOLIDAYS_ERROR_INVALID,
} CaBankHolidaysError;

/* The largest bank-holidays file read. GOV.UK's file, with all three divisions for eleven
 * years, is about 20 KB (the shipped England and Wales list is 8 KB); a file fifty times
 * that is not a list of bank holidays, and reading it would only fill the memory. */
#define CA_BANK_HOLIDAYS_MAX_FILE_SIZE (1000 * 1000)

/* Where the shipped list lives in the library's resources. */
#define CA_BANK_HOLIDAYS_RESOURCE \
  "/io/github/caseaudit/CaseAudit/data/bank-holidays-england-and-wales.json"

GQuark             ca_bank_holidays_error_quark (void);
gboolean           ca_bank_holidays_apply_json  (CaHolidayCalendar  *calendar,
                                                 const char         *json,
                                                 gssize              length,
                                                 GError            **error);
CaHolidayCalendar *ca_bank_holidays_parse       (const char         *json,
                                                 gssize              length,
                                                 GError            **error);
CaHolidayCalendar *ca_bank_holidays_load_default (GError           **error);

G_END_DECLS
