// SPDX-License-Identifier: GPL-3.0-or-later
// The Audits list's column titles: a click sorts by the column, a drag of an edge resizes it.
#pragma once

#include <gtk/gtk.h>

#include "ca-audit-columns.h"

G_BEGIN_DECLS

#define CA_TYPE_AUDIT_LIST_HEADER (ca_audit_list_header_get_type ())

G_DECLARE_FINAL_TYPE (CaAuditListHeader, ca_audit_list_header, CA, AUDIT_LIST_HEADER, GtkWidget)

/* The column given to ca_audit_list_header_sort_by() for the store's own order. */
#define CA_AUDIT_LIST_UNSORTED G_MAXUINT

GtkWidget *ca_audit_list_header_new             (CaAuditColumns    *columns);
void       ca_audit_list_header_set_hadjustment (CaAuditListHeader *self,
                                                 GtkAdjustment     *adjustment);
void       ca_audit_list_header_sort_by         (CaAuditListHeader *self,
                                                 guint              column,
                                                 gboolean           descending);
gboolean   ca_audit_list_header_get_sort        (CaAuditListHeader *self,
                                                 CaAuditField      *field,
                                                 gboolean          *descending);

G_END_DECLS
