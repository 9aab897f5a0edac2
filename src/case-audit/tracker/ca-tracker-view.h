// SPDX-License-Identifier: GPL-3.0-or-later
// The Tracker view (R-I1, R-I2): every Inadequate audit of a Head of Service's service areas
// followed until it is put right and signed off.
#pragma once

#include <adwaita.h>

#include "ca-context.h"

G_BEGIN_DECLS

#define CA_TYPE_TRACKER_VIEW (ca_tracker_view_get_type ())

G_DECLARE_FINAL_TYPE (CaTrackerView, ca_tracker_view, CA, TRACKER_VIEW, AdwBin)

/* The view works on CONTEXT's database; the changes heard from it keep it current, and the
 * staff ID in its settings says whose service areas are "Mine". */
void ca_tracker_view_set_context (CaTrackerView *self,
                                  CaContext     *context);
/* After the next read, the keyboard's focus goes to AUDIT_ID's row (still open): a write
 * from inside a row reads the tracker again, and its widgets with it. */
void ca_tracker_view_focus_audit (CaTrackerView *self,
                                  gint64         audit_id);

G_END_DECLS
