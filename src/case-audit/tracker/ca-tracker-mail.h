// SPDX-License-Identifier: GPL-3.0-or-later
// The Tracker's e-mail to the Head of Service an audit was escalated to (R-I1).
#pragma once

#include <gtk/gtk.h>

#include "ca-context.h"

G_BEGIN_DECLS

void ca_tracker_mail_escalation (GtkWidget  *owner,
                                 CaContext  *context,
                                 gint64      audit_id,
                                 const char *case_ref);

G_END_DECLS
