// SPDX-License-Identifier: GPL-3.0-or-later
// Filters the audits list by search text, status, what is due, grade and service area.
#pragma once

#include <gtk/gtk.h>

#include "ca-audit-row.h"
#include "core/ca-deadlines.h"

G_BEGIN_DECLS

/* -1 in status or grade means "any". */
#define CA_AUDIT_FILTER_ANY (-1)

#define CA_TYPE_AUDIT_FILTER (ca_audit_filter_get_type ())

G_DECLARE_FINAL_TYPE (CaAuditFilter, ca_audit_filter, CA, AUDIT_FILTER, GtkFilter)

CaAuditFilter *ca_audit_filter_new              (void);
void           ca_audit_filter_set_search_text  (CaAuditFilter *self,
                                                 const char    *text);
void           ca_audit_filter_set_status       (CaAuditFilter *self,
                                                 int            status);
void           ca_audit_filter_set_grade        (CaAuditFilter *self,
                                                 int            grade);
void           ca_audit_filter_set_due          (CaAuditFilter *self,
                                                 CaDueWindow    window,
                                                 const GDate   *today);
void           ca_audit_filter_set_service_area (CaAuditFilter *self,
                                                 const char    *service_area);
gboolean       ca_audit_filter_match_row        (const CaAuditRow *row,
                                                 gpointer          filter);

G_END_DECLS
