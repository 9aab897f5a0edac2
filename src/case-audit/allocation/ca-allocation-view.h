// SPDX-License-Identifier: GPL-3.0-or-later
// The Allocation view: a month's run previewed and committed, the auditors' e-mails, quotas.
#pragma once

#include <gtk/gtk.h>

#include "ca-audit-store.h"
#include "ca-context.h"

G_BEGIN_DECLS

#define CA_TYPE_ALLOCATION_VIEW (ca_allocation_view_get_type ())

G_DECLARE_FINAL_TYPE (CaAllocationView, ca_allocation_view, CA, ALLOCATION_VIEW, GtkWidget)

/* The view works on STORE's database and offers its service areas. It emits
 * "audits-changed" after a commit or a cancelled run, so the window can reload its lists. */
void  ca_allocation_view_set_store (CaAllocationView *self,
                                    CaAuditStore     *store);

/* Auditors' audits a month changed elsewhere (Preferences): the preview and quotas are old. */
void  ca_allocation_view_capacity_changed (CaAllocationView *self);
/* Changes heard from the context keep the preview and the quotas current. */
void  ca_allocation_view_set_context      (CaAllocationView *self,
                                           CaContext        *context);

G_END_DECLS
