// SPDX-License-Identifier: GPL-3.0-or-later
// Add Event: a small dialog that adds one programme event (R-C2) to the database.
#pragma once

#include <adwaita.h>

#include "ca-database.h"

G_BEGIN_DECLS

#define CA_TYPE_EVENT_DIALOG (ca_event_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CaEventDialog, ca_event_dialog, CA, EVENT_DIALOG, AdwWindow)

CaEventDialog *ca_event_dialog_new (GtkWindow   *parent,
                                    CaDatabase  *database,
                                    const GDate *date);

G_END_DECLS
