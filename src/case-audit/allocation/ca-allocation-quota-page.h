// SPDX-License-Identifier: GPL-3.0-or-later
// The Allocation view's Quotas page: each auditor's progress against their quota for a year,
// and their own audits a month.
#pragma once

#include <adwaita.h>

#include "ca-database.h"

G_BEGIN_DECLS

#define CA_TYPE_ALLOCATION_QUOTA_PAGE (ca_allocation_quota_page_get_type ())

G_DECLARE_FINAL_TYPE (CaAllocationQuotaPage, ca_allocation_quota_page, CA, ALLOCATION_QUOTA_PAGE,
                      GtkBox)

void ca_allocation_quota_page_set_database (CaAllocationQuotaPage *self,
                                           CaDatabase            *database);
void ca_allocation_quota_page_reload       (CaAllocationQuotaPage *self);

G_END_DECLS
