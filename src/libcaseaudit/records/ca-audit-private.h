// SPDX-License-Identifier: GPL-3.0-or-later
// CaAudit's fields: one row of the list, as the store keeps it.
#pragma once

#include "ca-audit-row.h"

G_BEGIN_DECLS

struct _CaAudit
{
  GObject    parent_instance;

  CaAuditRow row;
};

G_END_DECLS
