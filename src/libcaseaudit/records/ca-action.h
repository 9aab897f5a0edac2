// SPDX-License-Identifier: GPL-3.0-or-later
// An action an audit asked for: what, who, by when, and whether it is done (R-F5).
#pragma once

#include <glib-object.h>

#include "core/ca-grade.h"

G_BEGIN_DECLS

#define CA_TYPE_ACTION (ca_action_get_type ())

G_DECLARE_FINAL_TYPE (CaAction, ca_action, CA, ACTION, GObject)

gint64       ca_action_get_id (CaAction *self);
gint64       ca_action_get_audit_id (CaAction *self);
const char * ca_action_get_description (CaAction *self);
const char * ca_action_get_owner (CaAction *self);
const char * ca_action_get_due_date (CaAction *self);
const char * ca_action_get_completed_on (CaAction *self);
gboolean     ca_action_get_safeguarding (CaAction *self);

G_END_DECLS
