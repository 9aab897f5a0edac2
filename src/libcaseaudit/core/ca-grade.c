// SPDX-License-Identifier: GPL-3.0-or-later
// The four-point grade scale, the four categories and the audit statuses, with their names.

#define G_LOG_DOMAIN "ca-grade"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-grade.h"
#include "ca-text.h"

/* The codes stored in the database, indexed by CaGrade. */
static const char * const grade_codes[] = {
  NULL, "outstanding", "good", "requires-improvement", "inadequate",
};

static const char * const status_codes[] = {
  "allocated", "in-progress", "submitted", "closed",
};

CaGrade
ca_grade_from_string (const char *code)
{
  int i = ca_text_find_code (grade_codes, G_N_ELEMENTS (grade_codes), code);

  return i < 0 ? CA_GRADE_NONE : (CaGrade) i;
}

const char *
ca_grade_to_string (CaGrade grade)
{
  g_return_val_if_fail (grade <= CA_GRADE_INADEQUATE, NULL);

  return grade_codes[grade];
}

char *
ca_grade_dup_value (CaGrade grade)
{
  return grade != CA_GRADE_NONE ? g_strdup (ca_grade_to_string (grade)) : NULL;
}

gboolean
ca_grade_parse_value (const char *value,
                      CaGrade    *grade)
{
  CaGrade parsed = ca_grade_from_string (value);

  if (parsed == CA_GRADE_NONE && value != NULL && *value != '\0')
    return FALSE;
  *grade = parsed;
  return TRUE;
}

const char *
ca_grade_get_label (CaGrade grade)
{
  switch (grade)
    {
    case CA_GRADE_OUTSTANDING:
      return _("Outstanding");
    case CA_GRADE_GOOD:
      return _("Good");
    case CA_GRADE_REQUIRES_IMPROVEMENT:
      return _("Requires Improvement");
    case CA_GRADE_INADEQUATE:
      return _("Inadequate");
    case CA_GRADE_NONE:
    default:
      return _("Not graded");
    }
}

/* The CSS class that colours a grade; the text is always shown beside the colour. */
const char *
ca_grade_get_style_class (CaGrade grade)
{
  switch (grade)
    {
    case CA_GRADE_OUTSTANDING:
      return "grade-outstanding";
    case CA_GRADE_GOOD:
      return "grade-good";
    case CA_GRADE_REQUIRES_IMPROVEMENT:
      return "grade-requires-improvement";
    case CA_GRADE_INADEQUATE:
      return "grade-inadequate";
    case CA_GRADE_NONE:
    default:
      return "grade-none";
    }
}

gboolean
ca_audit_status_from_string (const char    *code,
                             CaAuditStatus *status)
{
  int i = ca_text_find_code (status_codes, G_N_ELEMENTS (status_codes), code);

  if (i < 0)
    return FALSE;
  *status = (CaAuditStatus) i;
  return TRUE;
}

const char *
ca_audit_status_to_string (CaAuditStatus status)
{
  g_return_val_if_fail (status <= CA_AUDIT_STATUS_CLOSED, NULL);

  return status_codes[status];
}

const char *
ca_audit_status_get_label (CaAuditStatus status)
{
  switch (status)
    {
    case CA_AUDIT_STATUS_ALLOCATED:
      return _("Allocated");
    case CA_AUDIT_STATUS_IN_PROGRESS:
      return _("In progress");
    case CA_AUDIT_STATUS_SUBMITTED:
      return _("Submitted");
    case CA_AUDIT_STATUS_CLOSED:
      return _("Closed");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Short names as the seeds use them (seed 01, "Raising a Concern"). */
const char *
ca_category_get_label (int category)
{
  switch (category)
    {
    case 1:
      return _("Category 1");
    case 2:
      return _("Category 2");
    case 3:
      return _("Category 3");
    case 4:
      return _("Category 4");
    default:
      return _("No category");
    }
}

const char *
ca_category_get_description (int category)
{
  switch (category)
    {
    case 1:
      return _("Inadequate – critical: a child may be at risk; act within 24 hours");
    case 2:
      return _("Inadequate – action required");
    case 3:
      return _("Actions needed for the case to be in good order");
    case 4:
      return _("Case in good order");
    default:
      return _("Not yet categorised");
    }
}
