// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences: the window that holds the pages, and asks which of two versions of a number to keep (R-N2).
#pragma once

#include <adwaita.h>

#include "ca-context.h"

G_BEGIN_DECLS

#define CA_TYPE_PREFERENCES_WINDOW (ca_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CaPreferencesWindow, ca_preferences_window, CA, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

CaPreferencesWindow *ca_preferences_window_new (GtkWindow  *parent,
                                                CaContext  *context);

G_END_DECLS
