// SPDX-License-Identifier: GPL-3.0-or-later
// A member of staff a form can name (an action's owner, the manager, a joint auditor), apart from the stores that list them.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Someone who may own one of an audit's actions. */
typedef struct
{
  gint64  id;
  char   *name;
} CaActionOwner;

void ca_action_owner_free (CaActionOwner *owner);

G_END_DECLS
