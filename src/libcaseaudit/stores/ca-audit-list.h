// SPDX-License-Identifier: GPL-3.0-or-later
// The audits of a CaAuditStore sorted by one field and filtered, worked out over its rows.
#pragma once

#include "ca-audit-store.h"

G_BEGIN_DECLS

#define CA_TYPE_AUDIT_LIST (ca_audit_list_get_type ())

G_DECLARE_FINAL_TYPE (CaAuditList, ca_audit_list, CA, AUDIT_LIST, GObject)

typedef gboolean (*CaAuditRowFilterFunc) (const CaAuditRow *row,
                                          gpointer          user_data);

CaAuditList *ca_audit_list_new             (CaAuditStore         *store);
void         ca_audit_list_set_sort        (CaAuditList          *self,
                                            gboolean              sorted,
                                            CaAuditField          field,
                                            gboolean              descending);
void         ca_audit_list_set_filter_func (CaAuditList          *self,
                                            CaAuditRowFilterFunc  func,
                                            gpointer              user_data);
void         ca_audit_list_refilter        (CaAuditList          *self,
                                            gboolean              more_strict);

G_END_DECLS
