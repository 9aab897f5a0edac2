// SPDX-License-Identifier: GPL-3.0-or-later
// A list cell that shows one field of an audit: its text, a date, its status, or a grade or category badge.
#pragma once

#include <gtk/gtk.h>

#include "ca-audit.h"

G_BEGIN_DECLS

#define CA_TYPE_AUDIT_CELL (ca_audit_cell_get_type ())

G_DECLARE_FINAL_TYPE (CaAuditCell, ca_audit_cell, CA, AUDIT_CELL, GtkWidget)

GtkWidget *ca_audit_cell_new  (CaAuditField  field);
void       ca_audit_cell_show (GtkWidget    *cell,
                               CaAuditField  field,
                               CaAudit      *audit);
char      *ca_audit_cell_get_text (CaAuditField   field,
                                   CaAudit       *audit,
                                   const char   **badge_class);

char      *ca_audit_cell_describe_due (CaAudit *audit);

G_END_DECLS
