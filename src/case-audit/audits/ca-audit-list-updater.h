// SPDX-License-Identifier: GPL-3.0-or-later
// Keeps the audit list current as the database says what changed.
#pragma once

#include "ca-audit-store.h"
#include "ca-context.h"

G_BEGIN_DECLS

#define CA_TYPE_AUDIT_LIST_UPDATER (ca_audit_list_updater_get_type ())

G_DECLARE_FINAL_TYPE (CaAuditListUpdater, ca_audit_list_updater, CA, AUDIT_LIST_UPDATER, GObject)

CaAuditListUpdater *ca_audit_list_updater_new (CaAuditStore *store,
                                               CaContext    *context);

G_END_DECLS
