// SPDX-License-Identifier: GPL-3.0-or-later
// The actions of an audit opened on the Tracker (R-I2, seed 02): each one's owner, due date
// and where it stands in words and colour, with Mark Done… and Sign Off… for the staff ID in
// Preferences.
#pragma once

#include <adwaita.h>

#include "ca-context.h"

G_BEGIN_DECLS

/* Reads the actions of AUDIT_ID on CONTEXT's database's worker and adds a row for each to
 * EXPANDER, after its other rows. OWNER, the Tracker view, writes (ca_view_write()); the
 * database's change that follows a write reads the tracker again. */
void ca_tracker_actions_add (GtkWidget      *owner,
                             CaContext      *context,
                             AdwExpanderRow *expander,
                             gint64          audit_id);
/* The staff ID in Preferences, which says who recorded a check, a sign-off or an action
 * done; or NULL, with a toast near OWNER asking for one. Free it with g_free(). */
char *ca_tracker_actions_staff_ref_or_ask (GtkWidget *owner,
                                           CaContext *context);

G_END_DECLS
