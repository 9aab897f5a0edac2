// SPDX-License-Identifier: GPL-3.0-or-later
// R-A3: each active auditor's audits in a year against their role's quota.
#pragma once

#include <gio/gio.h>

#include "ca-database.h"
#include "ca-quota-progress.h"

G_BEGIN_DECLS

/* A GListModel of CaQuotaProgress for YEAR: every active member of staff whose role has a
 * quota, those furthest behind first, then by name. An audit counts in the year it was
 * allocated (a December audit finished in January counts for December's year); "done" means
 * submitted or closed; audits of a cancelled allocation run do not count. The target to date
 * is worked out for TODAY (NULL: today in England). */
GListModel *ca_quota_store_list (CaDatabase   *database,
                                 int           year,
                                 const GDate  *today,
                                 GError      **error);

G_END_DECLS
