// SPDX-License-Identifier: GPL-3.0-or-later
// One row of the Audits list: an audit's ten fields, drawn in the list's columns.
#pragma once

#include <gtk/gtk.h>

#include "ca-audit.h"
#include "ca-audit-columns.h"

G_BEGIN_DECLS

#define CA_TYPE_AUDIT_LIST_ROW (ca_audit_list_row_get_type ())

G_DECLARE_FINAL_TYPE (CaAuditListRow, ca_audit_list_row, CA, AUDIT_LIST_ROW, GtkWidget)

GtkWidget *ca_audit_list_row_new       (CaAuditColumns *columns);
void       ca_audit_list_row_set_audit (CaAuditListRow *self,
                                        CaAudit        *audit);

G_END_DECLS
