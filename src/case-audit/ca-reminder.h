// SPDX-License-Identifier: GPL-3.0-or-later
// R-I3: the desktop notification of what is due today or overdue for the person at the desk.
#pragma once

#include <gio/gio.h>

#include "ca-context.h"

G_BEGIN_DECLS

#define CA_TYPE_REMINDER (ca_reminder_get_type ())

G_DECLARE_FINAL_TYPE (CaReminder, ca_reminder, CA, REMINDER, GObject)

CaReminder *ca_reminder_new (GApplication *application,
                             CaContext    *context);

G_END_DECLS
