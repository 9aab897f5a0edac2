// SPDX-License-Identifier: GPL-3.0-or-later
// A moderation panel opened from the Calendar (R-H5): the audits it reviewed, its conclusions.
#pragma once

#include <adwaita.h>

#include "ca-database.h"

G_BEGIN_DECLS

#define CA_TYPE_PANEL_DIALOG (ca_panel_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CaPanelDialog, ca_panel_dialog, CA, PANEL_DIALOG, AdwWindow)

void ca_panel_dialog_open (GtkWindow  *parent,
                           CaDatabase *database,
                           gint64      event_id);

G_END_DECLS
