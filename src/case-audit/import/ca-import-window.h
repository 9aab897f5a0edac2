// SPDX-License-Identifier: GPL-3.0-or-later
// The import assistant: teams, staff, the case list or audit history from a CSV file (R-B2).
#pragma once

#include <adwaita.h>

#include "ca-context.h"

G_BEGIN_DECLS

#define CA_TYPE_IMPORT_WINDOW (ca_import_window_get_type ())

G_DECLARE_FINAL_TYPE (CaImportWindow, ca_import_window, CA, IMPORT_WINDOW, AdwWindow)

CaImportWindow *ca_import_window_new (GtkWindow  *parent,
                                      CaContext  *context);

G_END_DECLS
