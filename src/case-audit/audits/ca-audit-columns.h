// SPDX-License-Identifier: GPL-3.0-or-later
// The Audits list's columns: what each shows, its title and width, and where it lies in a row.
#pragma once

#include <gtk/gtk.h>

#include "ca-audit.h"

G_BEGIN_DECLS

#define CA_TYPE_AUDIT_COLUMNS (ca_audit_columns_get_type ())

G_DECLARE_FINAL_TYPE (CaAuditColumns, ca_audit_columns, CA, AUDIT_COLUMNS, GObject)

/* Room between a column's edge and its text, as GTK's data tables leave. */
#define CA_AUDIT_COLUMN_PADDING 6

CaAuditColumns *ca_audit_columns_new           (void);
guint           ca_audit_columns_get_n_columns (CaAuditColumns *self);
CaAuditField    ca_audit_columns_get_field     (CaAuditColumns *self,
                                                guint           column);
const char     *ca_audit_columns_get_title     (CaAuditColumns *self,
                                                guint           column);
const char     *ca_audit_columns_get_explanation (CaAuditColumns *self,
                                                  guint           column);
int             ca_audit_columns_get_min_width (CaAuditColumns *self);
void            ca_audit_columns_place         (CaAuditColumns *self,
                                                int             row_width,
                                                guint           column,
                                                int            *x,
                                                int            *width);
void            ca_audit_columns_resize        (CaAuditColumns *self,
                                                guint           column,
                                                int             width);
int             ca_audit_columns_get_width     (CaAuditColumns *self,
                                                guint           column);
double          ca_audit_columns_get_text_scale (CaAuditColumns *self);
void            ca_audit_columns_set_text_scale (CaAuditColumns *self,
                                                 double          scale);

G_END_DECLS
