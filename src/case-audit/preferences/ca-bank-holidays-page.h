// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences, Bank Holidays: one year's bank holidays (R-G1), to add, remove or import.
#pragma once

#include <adwaita.h>

#include "ca-context.h"

G_BEGIN_DECLS

#define CA_TYPE_BANK_HOLIDAYS_PAGE (ca_bank_holidays_page_get_type ())

G_DECLARE_FINAL_TYPE (CaBankHolidaysPage, ca_bank_holidays_page, CA, BANK_HOLIDAYS_PAGE, AdwPreferencesPage)

void ca_bank_holidays_page_set_context (CaBankHolidaysPage *self,
                                        CaContext           *context);

G_END_DECLS
