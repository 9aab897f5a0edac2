// SPDX-License-Identifier: GPL-3.0-or-later
// The four-point grade scale, the four categories and the audit statuses, with their names.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Ordered from best to worst so that the value sorts. */
typedef enum
{
  CA_GRADE_NONE,
  CA_GRADE_OUTSTANDING,
  CA_GRADE_GOOD,
  CA_GRADE_REQUIRES_IMPROVEMENT,
  CA_GRADE_INADEQUATE,
} CaGrade;

typedef enum
{
  CA_AUDIT_STATUS_ALLOCATED,
  CA_AUDIT_STATUS_IN_PROGRESS,
  CA_AUDIT_STATUS_SUBMITTED,
  CA_AUDIT_STATUS_CLOSED,
} CaAuditStatus;

#define CA_CATEGORY_NONE 0
#define CA_CATEGORY_MAX  4

CaGrade        ca_grade_from_string          (const char    *code);
const char    *ca_grade_to_string            (CaGrade        grade);
const char    *ca_grade_get_label            (CaGrade        grade);
const char    *ca_grade_get_style_class      (CaGrade        grade);
/* A grade as a form's field holds it (core/ca-merge.h): its code, NULL for no grade. */
char          *ca_grade_dup_value            (CaGrade        grade);
/* VALUE, a form field's text, as a grade: no value or an empty text is no grade; FALSE,
 * changing nothing, for a text that is no grade's code. */
gboolean       ca_grade_parse_value          (const char    *value,
                                              CaGrade       *grade);

gboolean       ca_audit_status_from_string   (const char    *code,
                                              CaAuditStatus *status);
const char    *ca_audit_status_to_string     (CaAuditStatus  status);
const char    *ca_audit_status_get_label     (CaAuditStatus  status);

const char    *ca_category_get_label         (int            category);
const char    *ca_category_get_description   (int            category);

G_END_DECLS
