// SPDX-License-Identifier: GPL-3.0-or-later
// One audit as the audits list keeps it: a plain row of interned strings, ordered and matched
// without an object, so tens of thousands of rows cost a few megabytes.
#pragma once

#include "ca-audit.h"

G_BEGIN_DECLS

/* A name many audits share (a service area, team, auditor or tool), with its collation key
 * and its case-folded form. Made once per distinct name and kept, like an interned string. */
typedef struct
{
  const char *name;
  const char *key;     /* of the case-folded name: sorting is a strcmp */
  const char *folded;  /* what the search looks in */
} CaAuditName;

typedef struct
{
  gint64             id;
  gint64             case_id;
  const char        *case_ref;         /* interned, as are the other strings */
  const char        *case_ref_folded;
  const CaAuditName *service_area;
  const CaAuditName *team;
  const CaAuditName *auditor;
  const CaAuditName *tool;
  const char        *audit_date;       /* ISO date; NULL until the audit is done */
  const char        *due_date;         /* ISO date the audit waits on next; nullable */
  guint8             status;           /* CaAuditStatus */
  guint8             overall_grade;    /* CaGrade */
  guint8             category;         /* 0: none yet */
  guint8             due_kind;         /* CaAuditDueKind: what due_date is */
} CaAuditRow;

const CaAuditName *ca_audit_name_intern  (const char       *name);
void               ca_audit_row_set_case_ref (CaAuditRow   *row,
                                              const char   *case_ref);
int                ca_audit_row_compare  (const CaAuditRow *a,
                                          const CaAuditRow *b,
                                          CaAuditField      field);
gboolean           ca_audit_row_matches  (const CaAuditRow *row,
                                          const char       *folded_text);
gboolean           ca_audit_row_is_urgent (const CaAuditRow *row);

CaAudit           *ca_audit_new_for_row  (const CaAuditRow *row);
const CaAuditRow  *ca_audit_get_row      (CaAudit          *self);

G_END_DECLS
