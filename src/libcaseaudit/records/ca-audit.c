// SPDX-License-Identifier: GPL-3.0-or-later
// One audit as the lists show it: the case, who audits it, with which tool, and its outcome.

#define G_LOG_DOMAIN "ca-audit"

#include "config.h"

#include "ca-audit-private.h"
#include "ca-enums.h"

G_DEFINE_FINAL_TYPE (CaAudit, ca_audit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CASE_REF,
  PROP_SERVICE_AREA,
  PROP_TEAM,
  PROP_AUDITOR,
  PROP_TOOL,
  PROP_AUDIT_DATE,
  PROP_DUE_DATE,
  PROP_STATUS,
  PROP_OVERALL_GRADE,
  PROP_CATEGORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ca_audit_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CaAudit *self = CA_AUDIT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->row.id);
      break;
    case PROP_CASE_REF:
      g_value_set_string (value, self->row.case_ref);
      break;
    case PROP_SERVICE_AREA:
      g_value_set_string (value, self->row.service_area->name);
      break;
    case PROP_TEAM:
      g_value_set_string (value, self->row.team->name);
      break;
    case PROP_AUDITOR:
      g_value_set_string (value, self->row.auditor->name);
      break;
    case PROP_TOOL:
      g_value_set_string (value, self->row.tool->name);
      break;
    case PROP_AUDIT_DATE:
      g_value_set_string (value, self->row.audit_date);
      break;
    case PROP_DUE_DATE:
      g_value_set_string (value, self->row.due_date);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->row.status);
      break;
    case PROP_OVERALL_GRADE:
      g_value_set_enum (value, self->row.overall_grade);
      break;
    case PROP_CATEGORY:
      g_value_set_int (value, self->row.category);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_audit_class_init (CaAuditClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = ca_audit_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CASE_REF] = g_param_spec_string ("case-ref", NULL, NULL, NULL, flags);
  properties[PROP_SERVICE_AREA] = g_param_spec_string ("service-area", NULL, NULL, NULL, flags);
  properties[PROP_TEAM] = g_param_spec_string ("team", NULL, NULL, NULL, flags);
  properties[PROP_AUDITOR] = g_param_spec_string ("auditor", NULL, NULL, NULL, flags);
  properties[PROP_TOOL] = g_param_spec_string ("tool", NULL, NULL, NULL, flags);
  properties[PROP_AUDIT_DATE] = g_param_spec_string ("audit-date", NULL, NULL, NULL, flags);
  properties[PROP_DUE_DATE] = g_param_spec_string ("due-date", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, CA_TYPE_AUDIT_STATUS,
                       CA_AUDIT_STATUS_ALLOCATED, flags);
  properties[PROP_OVERALL_GRADE] =
    g_param_spec_enum ("overall-grade", NULL, NULL, CA_TYPE_GRADE, CA_GRADE_NONE, flags);
  properties[PROP_CATEGORY] = g_param_spec_int ("category", NULL, NULL, 0, 4, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_audit_init (CaAudit *self)
{
  /* Names are never NULL, even in an audit made without a row. */
  self->row.service_area = self->row.team = self->row.auditor = self->row.tool =
    ca_audit_name_intern (NULL);
}

gint64
ca_audit_get_id (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), 0);
  return self->row.id;
}

gint64
ca_audit_get_case_id (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), 0);
  return self->row.case_id;
}

const char *
ca_audit_get_case_ref (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), NULL);
  return self->row.case_ref;
}

const char *
ca_audit_get_service_area (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), NULL);
  return self->row.service_area->name;
}

const char *
ca_audit_get_team (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), NULL);
  return self->row.team->name;
}

const char *
ca_audit_get_auditor (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), NULL);
  return self->row.auditor->name;
}

const char *
ca_audit_get_tool (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), NULL);
  return self->row.tool->name;
}

const char *
ca_audit_get_audit_date (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), NULL);
  return self->row.audit_date;
}

const char *
ca_audit_get_due_date (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), NULL);
  return self->row.due_date;
}

/* What the due date is: a return, a check of the recommendations or a manager's response. */
CaAuditDueKind
ca_audit_get_due_kind (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), CA_AUDIT_DUE_NONE);
  return self->row.due_kind;
}

CaAuditStatus
ca_audit_get_status (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), CA_AUDIT_STATUS_ALLOCATED);
  return self->row.status;
}

CaGrade
ca_audit_get_overall_grade (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), CA_GRADE_NONE);
  return self->row.overall_grade;
}

int
ca_audit_get_category (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), 0);
  return self->row.category;
}

/**
 * ca_audit_compare:
 *
 * Orders two audits by one field, the way the Audits view sorts a column: see
 * ca_audit_row_compare().
 */
int
ca_audit_compare (CaAudit      *a,
                  CaAudit      *b,
                  CaAuditField  field)
{
  g_return_val_if_fail (CA_IS_AUDIT (a) && CA_IS_AUDIT (b), 0);

  return ca_audit_row_compare (&a->row, &b->row, field);
}

/* Whether the case reference, team, service area, auditor or tool contains
 * @folded_text, which the caller has already case-folded. */
gboolean
ca_audit_matches (CaAudit    *self,
                  const char *folded_text)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), FALSE);

  return ca_audit_row_matches (&self->row, folded_text);
}

/* An audit made from a row of the list: the strings are interned, so it shares them. */
CaAudit *
ca_audit_new_for_row (const CaAuditRow *row)
{
  CaAudit *self = g_object_new (CA_TYPE_AUDIT, NULL);

  self->row = *row;
  return self;
}

const CaAuditRow *
ca_audit_get_row (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), NULL);

  return &self->row;
}
