// SPDX-License-Identifier: GPL-3.0-or-later
// A record's read-only properties read straight from its struct: one table of members.
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

void ca_record_get_property (GObject      *object,
                             const gsize  *members,
                             guint         n_members,
                             guint         prop_id,
                             GValue       *value,
                             GParamSpec   *pspec);

G_END_DECLS
