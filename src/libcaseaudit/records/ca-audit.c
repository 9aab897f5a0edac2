// SPDX-License-Identifier: GPL-3.0-or-later
// One audit as the lists show it: the case, who audits it, with which tool, and its outcome.

#define G_LOG_DOMAIN "ca-audit"

#include "config.h"

#include <string.h>

#include "ca-audit-private.h"
#include "ca-record.h"
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
ca_audit_finalize (GObject *object)
{
  CaAudit *self = (CaAudit *) object;

  g_clear_pointer (&self->case_ref, g_free);
  g_clear_pointer (&self->audit_date, g_free);
  g_clear_pointer (&self->due_date, g_free);
  g_clear_pointer (&self->search_key, g_free);

  G_OBJECT_CLASS (ca_audit_parent_class)->finalize (object);
}

/* Where each property's value is kept. */
static const gsize members[N_PROPS] = {
  [PROP_ID] = G_STRUCT_OFFSET (CaAudit, id),
  [PROP_CASE_REF] = G_STRUCT_OFFSET (CaAudit, case_ref),
  [PROP_SERVICE_AREA] = G_STRUCT_OFFSET (CaAudit, service_area),
  [PROP_TEAM] = G_STRUCT_OFFSET (CaAudit, team),
  [PROP_AUDITOR] = G_STRUCT_OFFSET (CaAudit, auditor),
  [PROP_TOOL] = G_STRUCT_OFFSET (CaAudit, tool),
  [PROP_AUDIT_DATE] = G_STRUCT_OFFSET (CaAudit, audit_date),
  [PROP_DUE_DATE] = G_STRUCT_OFFSET (CaAudit, due_date),
  [PROP_STATUS] = G_STRUCT_OFFSET (CaAudit, status),
  [PROP_OVERALL_GRADE] = G_STRUCT_OFFSET (CaAudit, overall_grade),
  [PROP_CATEGORY] = G_STRUCT_OFFSET (CaAudit, category),
};

static void
ca_audit_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  ca_record_get_property (object, members, N_PROPS, prop_id, value, pspec);
}

static void
ca_audit_class_init (CaAuditClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ca_audit_finalize;
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
}

CaAudit *
ca_audit_new (void)
{
  return g_object_new (CA_TYPE_AUDIT, NULL);
}

gint64
ca_audit_get_id (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), 0);
  return self->id;
}

gint64
ca_audit_get_case_id (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), 0);
  return self->case_id;
}

const char *
ca_audit_get_case_ref (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), NULL);
  return self->case_ref;
}

const char *
ca_audit_get_service_area (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), NULL);
  return self->service_area;
}

const char *
ca_audit_get_team (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), NULL);
  return self->team;
}

const char *
ca_audit_get_auditor (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), NULL);
  return self->auditor;
}

const char *
ca_audit_get_tool (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), NULL);
  return self->tool;
}

const char *
ca_audit_get_audit_date (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), NULL);
  return self->audit_date;
}

const char *
ca_audit_get_due_date (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), NULL);
  return self->due_date;
}

CaAuditStatus
ca_audit_get_status (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), CA_AUDIT_STATUS_ALLOCATED);
  return self->status;
}

CaGrade
ca_audit_get_overall_grade (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), CA_GRADE_NONE);
  return self->overall_grade;
}

int
ca_audit_get_category (CaAudit *self)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), 0);
  return self->category;
}

static int
compare_text (const char *a,
              const char *b)
{
  /* Missing values (an audit not yet done has no date) sort after every value. */
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return strcmp (a, b);
}

static int
compare_int (int a,
             int b)
{
  return (a > b) - (a < b);
}

/* Grades best first, then the ungraded. */
static int
grade_rank (CaGrade grade)
{
  return grade == CA_GRADE_NONE ? CA_GRADE_INADEQUATE + 1 : (int) grade;
}

/**
 * ca_audit_compare:
 *
 * Orders two audits by one field, the way the Audits view sorts a column: names in the
 * user's collation order, dates oldest first, grades best first, missing values last.
 * Ties fall back to the newest audit first, so the order is always the same.
 */
int
ca_audit_compare (CaAudit      *a,
                  CaAudit      *b,
                  CaAuditField  field)
{
  int order = 0;

  g_return_val_if_fail (CA_IS_AUDIT (a) && CA_IS_AUDIT (b), 0);

  switch (field)
    {
    case CA_AUDIT_FIELD_CASE_REF:
      order = compare_text (a->case_ref, b->case_ref);
      break;
    case CA_AUDIT_FIELD_SERVICE_AREA:
      order = compare_text (a->service_area_key, b->service_area_key);
      break;
    case CA_AUDIT_FIELD_TEAM:
      order = compare_text (a->team_key, b->team_key);
      break;
    case CA_AUDIT_FIELD_AUDITOR:
      order = compare_text (a->auditor_key, b->auditor_key);
      break;
    case CA_AUDIT_FIELD_TOOL:
      order = compare_text (a->tool_key, b->tool_key);
      break;
    case CA_AUDIT_FIELD_AUDIT_DATE:
      order = compare_text (a->audit_date, b->audit_date);
      break;
    case CA_AUDIT_FIELD_DUE_DATE:
      order = compare_text (a->due_date, b->due_date);
      break;
    case CA_AUDIT_FIELD_STATUS:
      order = compare_int (a->status, b->status);
      break;
    case CA_AUDIT_FIELD_GRADE:
      order = compare_int (grade_rank (a->overall_grade), grade_rank (b->overall_grade));
      break;
    case CA_AUDIT_FIELD_CATEGORY:
      order = compare_int (a->category ? a->category : CA_CATEGORY_MAX + 1,
                           b->category ? b->category : CA_CATEGORY_MAX + 1);
      break;
    default:
      g_return_val_if_reached (0);
    }

  return order != 0 ? order : compare_int (b->id, a->id);
}

/* Whether the case reference, team, service area, auditor or tool contains
 * @folded_text, which the caller has already case-folded. */
gboolean
ca_audit_matches (CaAudit    *self,
                  const char *folded_text)
{
  g_return_val_if_fail (CA_IS_AUDIT (self), FALSE);

  if (folded_text == NULL || folded_text[0] == '\0')
    return TRUE;

  if (self->search_key == NULL)
    {
      g_autofree char *joined = g_strjoin ("\n", self->case_ref, self->service_area ?: "",
                                           self->team ?: "", self->auditor ?: "",
                                           self->tool ?: "", NULL);
      self->search_key = g_utf8_casefold (joined, -1);
    }

  return strstr (self->search_key, folded_text) != NULL;
}
