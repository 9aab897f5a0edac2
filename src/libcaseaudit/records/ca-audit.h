// SPDX-License-Identifier: GPL-3.0-or-later
// One audit as the lists show it: the case, who audits it, with which tool, and its outcome.
#pragma once

#include <glib-object.h>

#include "core/ca-deadlines.h"
#include "core/ca-grade.h"

G_BEGIN_DECLS

/* The columns an audit is listed, sorted and shown by. */
typedef enum
{
  CA_AUDIT_FIELD_CASE_REF,
  CA_AUDIT_FIELD_SERVICE_AREA,
  CA_AUDIT_FIELD_TEAM,
  CA_AUDIT_FIELD_AUDITOR,
  CA_AUDIT_FIELD_TOOL,
  CA_AUDIT_FIELD_AUDIT_DATE,
  CA_AUDIT_FIELD_DUE_DATE,
  CA_AUDIT_FIELD_STATUS,
  CA_AUDIT_FIELD_GRADE,
  CA_AUDIT_FIELD_CATEGORY,
} CaAuditField;

#define CA_TYPE_AUDIT (ca_audit_get_type ())

G_DECLARE_FINAL_TYPE (CaAudit, ca_audit, CA, AUDIT, GObject)

gint64         ca_audit_get_id             (CaAudit    *self);
gint64         ca_audit_get_case_id        (CaAudit    *self);
const char    *ca_audit_get_case_ref       (CaAudit    *self);
const char    *ca_audit_get_service_area   (CaAudit    *self);
const char    *ca_audit_get_team           (CaAudit    *self);
const char    *ca_audit_get_auditor        (CaAudit    *self);
const char    *ca_audit_get_tool           (CaAudit    *self);
const char    *ca_audit_get_audit_date     (CaAudit    *self);
const char    *ca_audit_get_due_date       (CaAudit    *self);
CaAuditDueKind ca_audit_get_due_kind       (CaAudit    *self);
CaAuditStatus  ca_audit_get_status         (CaAudit    *self);
CaGrade        ca_audit_get_overall_grade  (CaAudit    *self);
int            ca_audit_get_category       (CaAudit    *self);
gboolean       ca_audit_matches            (CaAudit    *self,
                                            const char *folded_text);
int            ca_audit_compare            (CaAudit      *a,
                                            CaAudit      *b,
                                            CaAuditField  field);

G_END_DECLS
