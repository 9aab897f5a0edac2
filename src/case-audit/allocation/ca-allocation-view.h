// SPDX-License-Identifier: GPL-3.0-or-later
// The Allocation view: a month's run previewed and committed, the auditors' e-mails, quotas.
#pragma once

#include <gtk/gtk.h>

#include "ca-context.h"

G_BEGIN_DECLS

#define CA_TYPE_ALLOCATION_VIEW (ca_allocation_view_get_type ())

G_DECLARE_FINAL_TYPE (CaAllocationView, ca_allocation_view, CA, ALLOCATION_VIEW, GtkWidget)

/* Auditors' audits a month changed elsewhere (Preferences): the preview and quotas are old. */
void  ca_allocation_view_capacity_changed (CaAllocationView *self);
/* The view works on CONTEXT's database; the changes heard from it keep the service areas,
 * the preview, the runs and the quotas current. */
void  ca_allocation_view_set_context      (CaAllocationView *self,
                                           CaContext        *context);

G_END_DECLS
