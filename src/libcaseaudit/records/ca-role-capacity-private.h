// SPDX-License-Identifier: GPL-3.0-or-later
// CaRoleCapacity's constructor, for the store that fills it.
#pragma once

#include "ca-role-capacity.h"

G_BEGIN_DECLS

CaRoleCapacity *ca_role_capacity_new (const char *code,
                                      const char *name,
                                      guint       capacity);

G_END_DECLS
