// SPDX-License-Identifier: GPL-3.0-or-later
// R-A3 / R-D3: how many audits a month a role's people take by default.
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CA_TYPE_ROLE_CAPACITY (ca_role_capacity_get_type ())

G_DECLARE_FINAL_TYPE (CaRoleCapacity, ca_role_capacity, CA, ROLE_CAPACITY, GObject)

const char *ca_role_capacity_get_code     (CaRoleCapacity *self);
const char *ca_role_capacity_get_name     (CaRoleCapacity *self);
guint       ca_role_capacity_get_capacity (CaRoleCapacity *self);

G_END_DECLS
