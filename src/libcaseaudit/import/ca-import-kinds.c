// SPDX-License-Identifier: GPL-3.0-or-later
// The import kinds and formats (Annex A, SSDA903): their fields, column names and detection.

#define G_LOG_DOMAIN "ca-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-import-private.h"
#include "ca-text.h"

static const CaImportField team_fields[] = {
  { "team", N_("Team"), TRUE },
  { "service_area", N_("Service area"), TRUE },
  { "locality", N_("Locality"), TRUE },
  { "auditor_group", N_("Auditor group"), FALSE },
};
static const char * const team_columns[] = {
  "team", "service_area", "locality", "auditor_group",
};

static const CaImportField staff_fields[] = {
  { "staff_id", N_("Staff ID"), TRUE },
  { "name", N_("Name"), TRUE },
  { "email", N_("E-mail"), FALSE },
  { "role", N_("Role"), TRUE },
  { "team", N_("Team"), FALSE },
  { "line_manager_id", N_("Line manager's staff ID"), FALSE },
  { "active", N_("Active"), FALSE },
};
static const char * const staff_columns[] = {
  "staff_id", "name", "email", "role", "team", "line_manager_id", "active",
};

/* A case's fields, each said once: the canonical layout and the published extracts (which
 * describe cases alone) list the ones they carry, in their own order. */
#define CASE_REF { "case_ref", N_("Case reference"), TRUE }
#define CASE_SERVICE_AREA { "service_area", N_("Service area"), FALSE }
#define CASE_TEAM { "team", N_("Team"), TRUE }
#define CASE_LOCALITY { "locality", N_("Locality"), FALSE }
#define CASE_WORKER { "allocated_worker_id", N_("Allocated worker"), FALSE }
#define CASE_OPEN_DATE { "open_date", N_("Open date"), TRUE }
#define CASE_CLOSE_DATE { "close_date", N_("Close date"), FALSE }
#define CASE_LEGAL_STATUS { "legal_status", N_("Legal status"), TRUE }
#define CASE_ETHNICITY { "ethnicity", N_("Ethnicity"), FALSE }
#define CASE_BIRTH_MONTH { "birth_month", N_("Month of birth"), FALSE }
#define CASE_GENDER { "gender", N_("Gender"), FALSE }
#define CASE_DISABILITY { "disability", N_("Disability"), FALSE }

static const CaImportField case_fields[] = {
  CASE_REF, CASE_SERVICE_AREA, CASE_TEAM, CASE_LOCALITY, CASE_WORKER, CASE_OPEN_DATE,
  CASE_CLOSE_DATE, CASE_LEGAL_STATUS, CASE_ETHNICITY, CASE_BIRTH_MONTH, CASE_GENDER,
  CASE_DISABILITY,
  { "restricted", N_("Restricted record"), FALSE },
};
static const char * const case_columns[] = {
  "case_ref", "service_area", "team", "locality", "allocated_worker_id", "open_date",
  "close_date", "legal_status", "ethnicity", "birth_month", "gender", "disability", "restricted",
};

/* Annex A lists: List 6 has the case status; Lists 7 and 8 fix the legal status. */
static const CaImportField annex_a_6_fields[] = {
  CASE_REF, CASE_TEAM, CASE_WORKER, CASE_OPEN_DATE, CASE_CLOSE_DATE, CASE_LEGAL_STATUS,
  CASE_ETHNICITY, CASE_BIRTH_MONTH, CASE_GENDER, CASE_DISABILITY,
};
static const char * const annex_a_6_columns[] = {
  "Child Unique ID", "Allocated Team", "Allocated Worker", "CIN Start Date", "CIN Closure Date",
  "Case Status", "Ethnicity", "Date of Birth", "Gender", "Does the Child have a Disability",
};

static const CaImportField annex_a_78_fields[] = {
  CASE_REF, CASE_TEAM, CASE_WORKER, CASE_OPEN_DATE, CASE_CLOSE_DATE, CASE_ETHNICITY,
  CASE_BIRTH_MONTH, CASE_GENDER, CASE_DISABILITY,
};
static const char * const annex_a_7_columns[] = {
  "Child Unique ID", "Allocated Team", "Allocated Worker", "Child Protection Plan Start Date",
  "Child Protection Plan End Date", "Ethnicity", "Date of Birth", "Gender",
  "Does the Child have a Disability",
};
static const char * const annex_a_8_columns[] = {
  "Child Unique ID", "Allocated Team", "Allocated Worker", "Date Started to be Looked After",
  "Date Ceased to be Looked After", "Ethnicity", "Date of Birth", "Gender",
  "Does the Child have a Disability",
};

static const CaImportField ssda903_fields[] = {
  CASE_REF, CASE_BIRTH_MONTH, CASE_ETHNICITY, CASE_GENDER,
};
static const char * const ssda903_columns[] = {
  "CHILD", "DOB", "ETHNIC", "SEX",
};

static const CaImportField audit_fields[] = {
  { "case_ref", N_("Case reference"), TRUE },
  { "auditor_id", N_("Auditor's staff ID"), TRUE },
  { "tool", N_("Audit tool"), TRUE },
  { "audit_date", N_("Audit date"), TRUE },
  { "overall_grade", N_("Overall grade"), FALSE },
  { "category", N_("Category"), FALSE },
};
static const char * const audit_columns[] = {
  "case_ref", "auditor_id", "tool", "audit_date", "overall_grade", "category",
};

/* A past moderation names its audit as the audit history does (case, auditor, tool, date:
 * the audit's identity), then who moderated it, when, and their grade. Sections' grades come
 * in columns named after the audit's tool's sections ("assessment_grade"), which differ
 * from tool to tool, so they are not fields: see ca_import_find_grade_columns(). */
static const CaImportField moderation_fields[] = {
  { "case_ref", N_("Case reference"), TRUE },
  { "auditor_id", N_("Auditor's staff ID"), TRUE },
  { "tool", N_("Audit tool"), TRUE },
  { "audit_date", N_("Audit date"), TRUE },
  { "moderator_id", N_("Moderator's staff ID"), TRUE },
  { "moderation_date", N_("Moderation date"), TRUE },
  { "overall_grade", N_("Moderator's overall grade"), TRUE },
};
static const char * const moderation_columns[] = {
  "case_ref", "auditor_id", "tool", "audit_date", "moderator_id", "moderation_date",
  "overall_grade",
};

#define LAYOUT(f, c) { f, c, G_N_ELEMENTS (f) }
G_STATIC_ASSERT (G_N_ELEMENTS (team_fields) == G_N_ELEMENTS (team_columns));
G_STATIC_ASSERT (G_N_ELEMENTS (staff_fields) == G_N_ELEMENTS (staff_columns));
G_STATIC_ASSERT (G_N_ELEMENTS (case_fields) == G_N_ELEMENTS (case_columns));
G_STATIC_ASSERT (G_N_ELEMENTS (annex_a_6_fields) == G_N_ELEMENTS (annex_a_6_columns));
G_STATIC_ASSERT (G_N_ELEMENTS (annex_a_78_fields) == G_N_ELEMENTS (annex_a_7_columns));
G_STATIC_ASSERT (G_N_ELEMENTS (annex_a_78_fields) == G_N_ELEMENTS (annex_a_8_columns));
G_STATIC_ASSERT (G_N_ELEMENTS (ssda903_fields) == G_N_ELEMENTS (ssda903_columns));
G_STATIC_ASSERT (G_N_ELEMENTS (audit_fields) == G_N_ELEMENTS (audit_columns));
G_STATIC_ASSERT (G_N_ELEMENTS (moderation_fields) == G_N_ELEMENTS (moderation_columns));

static const char * const kind_names[] = { "teams", "staff", "cases", "audits", "moderations" };
static const char * const format_names[] = {
  "canonical", "annex-a-6", "annex-a-7", "annex-a-8", "ssda903-header",
};
G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == CA_IMPORT_N_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (format_names) == CA_IMPORT_N_FORMATS);

G_DEFINE_QUARK (ca-import-error-quark, ca_import_error)

/* FALSE when FORMAT does not describe KIND (a published extract describes only cases). */
gboolean
ca_import_get_layout (CaImportKind    kind,
                      CaImportFormat  format,
                      CaImportLayout *layout)
{
  static const CaImportLayout canonical[] = {
    LAYOUT (team_fields, team_columns),
    LAYOUT (staff_fields, staff_columns),
    LAYOUT (case_fields, case_columns),
    LAYOUT (audit_fields, audit_columns),
    LAYOUT (moderation_fields, moderation_columns),
  };
  static const CaImportLayout presets[] = {
    LAYOUT (annex_a_6_fields, annex_a_6_columns),
    LAYOUT (annex_a_78_fields, annex_a_7_columns),
    LAYOUT (annex_a_78_fields, annex_a_8_columns),
    LAYOUT (ssda903_fields, ssda903_columns),
  };

  if ((guint) kind >= CA_IMPORT_N_KINDS || (guint) format >= CA_IMPORT_N_FORMATS)
    return FALSE;
  if (format == CA_IMPORT_FORMAT_CANONICAL)
    *layout = canonical[kind];
  else if (kind == CA_IMPORT_KIND_CASES)
    *layout = presets[format - 1];
  else
    return FALSE;
  return TRUE;
}

/* Kinds and formats */

const char *
ca_import_kind_to_string (CaImportKind kind)
{
  g_return_val_if_fail ((guint) kind < CA_IMPORT_N_KINDS, NULL);
  return kind_names[kind];
}

gboolean
ca_import_kind_from_string (const char   *text,
                            CaImportKind *kind)
{
  int i;

  g_return_val_if_fail (text != NULL, FALSE);
  if ((i = ca_text_find_code (kind_names, CA_IMPORT_N_KINDS, text)) < 0)
    return FALSE;
  *kind = (CaImportKind) i;
  return TRUE;
}

const char *
ca_import_kind_get_label (CaImportKind kind)
{
  static const char * const labels[] = { N_("Teams"), N_("Staff"), N_("Cases"),
                                         N_("Audit history"), N_("Moderation history") };

  G_STATIC_ASSERT (G_N_ELEMENTS (labels) == CA_IMPORT_N_KINDS);

  g_return_val_if_fail ((guint) kind < CA_IMPORT_N_KINDS, NULL);
  return _(labels[kind]);
}

const char *
ca_import_format_to_string (CaImportFormat format)
{
  g_return_val_if_fail ((guint) format < CA_IMPORT_N_FORMATS, NULL);
  return format_names[format];
}

gboolean
ca_import_format_from_string (const char     *text,
                              CaImportFormat *format)
{
  int i;

  g_return_val_if_fail (text != NULL, FALSE);
  if ((i = ca_text_find_code (format_names, CA_IMPORT_N_FORMATS, text)) < 0)
    return FALSE;
  *format = (CaImportFormat) i;
  return TRUE;
}

const char *
ca_import_format_get_label (CaImportFormat format)
{
  static const char * const labels[] = {
    N_("Case Audit columns"),
    N_("Ofsted Annex A List 6: children in need"),
    N_("Ofsted Annex A List 7: child protection"),
    N_("Ofsted Annex A List 8: looked after"),
    N_("SSDA903 header file"),
  };

  g_return_val_if_fail ((guint) format < CA_IMPORT_N_FORMATS, NULL);
  return _(labels[format]);
}

gboolean
ca_import_format_supports_kind (CaImportFormat format,
                                CaImportKind   kind)
{
  CaImportLayout layout;

  return ca_import_get_layout (kind, format, &layout);
}

/* The position of FIELD among the fields of LAYOUT, or -1. */
int
ca_import_layout_find_field (const CaImportLayout *layout,
                             const char           *field)
{
  for (guint i = 0; i < layout->n_fields; i++)
    if (g_str_equal (layout->fields[i].name, field))
      return (int) i;
  return -1;
}

/* A column name as a key: its letters and digits in one case, so that "Service Area",
 * "service_area" and "SERVICE-AREA" are one name. */
static char *
fold_header (const char *text)
{
  return ca_import_fold_value (text);
}

/* The first column of HEADER called NAME (case, spaces and punctuation ignored), or -1. */
int
ca_import_find_column (const char * const *header,
                       const char         *name)
{
  g_autofree char *wanted = fold_header (name);

  for (int i = 0; header[i] != NULL; i++)
    {
      g_autofree char *have = fold_header (header[i]);

      if (g_str_equal (have, wanted))
        return i;
    }
  return -1;
}

/* Other names spreadsheets give a field's column, besides the field's own name and label. */
static const struct
{
  const char *field;
  const char *names[6];
} other_names[] = {
  { "case_ref", { "case ref", "case number", "case id", "child id", "child unique id" } },
  { "staff_id", { "staff ref", "staff number", "employee number", "employee id" } },
  { "line_manager_id", { "line manager ref", "line manager", "manager id", "manager" } },
  { "auditor_id", { "auditor", "auditor ref", "auditor staff id" } },
  { "moderator_id", { "moderator", "moderator ref", "moderator staff id" } },
  { "moderation_date", { "moderated on", "date moderated", "moderated" } },
  { "allocated_worker_id", { "allocated worker", "worker", "worker id", "social worker" } },
  { "open_date", { "start date", "date opened", "referral date" } },
  { "close_date", { "end date", "date closed", "closure date" } },
  { "birth_month", { "date of birth", "dob", "birth date" } },
  { "service_area", { "service" } },
  { "team", { "team name", "allocated team" } },
  { "email", { "email address", "e mail" } },
  { "role", { "job title", "role code" } },
};

/**
 * ca_import_find_field_column:
 * @header: the file's first record
 * @field: the field wanted
 *
 * The column a canonical import takes @field from: the one named as the field is
 * ("service_area"), or by the field's label ("Service area", in English or as translated), or
 * by a name spreadsheets commonly use ("Case Ref", "Staff ID", "Open Date"); case, spaces and
 * punctuation ignored.
 *
 * Returns: the column's index, or -1
 */
int
ca_import_find_field_column (const char * const   *header,
                             const CaImportField  *field)
{
  int column = ca_import_find_column (header, field->name);

  if (column < 0)
    column = ca_import_find_column (header, field->label);
  if (column < 0)
    column = ca_import_find_column (header, g_dgettext (GETTEXT_PACKAGE, field->label));
  for (guint i = 0; column < 0 && i < G_N_ELEMENTS (other_names); i++)
    if (g_str_equal (other_names[i].field, field->name))
      for (guint j = 0; column < 0 && other_names[i].names[j] != NULL; j++)
        column = ca_import_find_column (header, other_names[i].names[j]);
  return column;
}

/**
 * ca_import_format_detect:
 * @header: the file's first record
 *
 * Returns: the format whose required columns the header has all of, trying the presets
 * first (their column names are distinctive); %CA_IMPORT_FORMAT_CANONICAL otherwise.
 */
CaImportFormat
ca_import_format_detect (CaImportKind        kind,
                         const char * const *header)
{
  g_return_val_if_fail (header != NULL, CA_IMPORT_FORMAT_CANONICAL);

  for (guint f = CA_IMPORT_N_FORMATS - 1; f > 0; f--)
    {
      CaImportLayout layout;
      gboolean all = TRUE;

      if (!ca_import_get_layout (kind, (CaImportFormat) f, &layout))
        continue;
      for (guint i = 0; i < layout.n_fields && all; i++)
        if (layout.fields[i].required && ca_import_find_column (header, layout.columns[i]) < 0)
          all = FALSE;
      if (all)
        return (CaImportFormat) f;
    }
  return CA_IMPORT_FORMAT_CANONICAL;
}

/**
 * ca_import_get_fields:
 * @n_fields: (out): how many
 *
 * Returns: (array length=n_fields) (nullable): the fields of @kind in @format, or %NULL when
 * the format does not describe that kind.
 */
const CaImportField *
ca_import_get_fields (CaImportKind    kind,
                      CaImportFormat  format,
                      guint          *n_fields)
{
  CaImportLayout layout = { NULL, NULL, 0 };

  g_return_val_if_fail (n_fields != NULL, NULL);
  ca_import_get_layout (kind, format, &layout);
  *n_fields = layout.n_fields;
  return layout.fields;
}

const char *
ca_import_field_get_label (const CaImportField *field)
{
  g_return_val_if_fail (field != NULL, NULL);
  return _(field->label);
}

const char *
ca_import_get_column_name (CaImportKind    kind,
                           CaImportFormat  format,
                           const char     *field)
{
  CaImportLayout layout;
  int index;

  g_return_val_if_fail (field != NULL, NULL);
  if (!ca_import_get_layout (kind, format, &layout) ||
      (index = ca_import_layout_find_field (&layout, field)) < 0)
    return NULL;
  return layout.columns[index];
}

/* "a staff list": what the kind of file is called in a sentence. */
const char *
ca_import_kind_in_sentence (CaImportKind kind)
{
  switch (kind)
    {
    case CA_IMPORT_KIND_TEAMS:
      return _("a list of teams");
    case CA_IMPORT_KIND_STAFF:
      return _("a staff list");
    case CA_IMPORT_KIND_CASES:
      return _("a case list");
    case CA_IMPORT_KIND_MODERATIONS:
      return _("a moderation history");
    case CA_IMPORT_KIND_AUDITS:
    default:
      return _("an audit history");
    }
}

/* "Role", "Audit tool": the label of a field of the layout. */
const char *
ca_import_field_title (CaImportKind    kind,
                       CaImportFormat  format,
                       const char     *field)
{
  CaImportLayout layout;
  int index;

  if (!ca_import_get_layout (kind, format, &layout) ||
      (index = ca_import_layout_find_field (&layout, field)) < 0)
    return field;
  return ca_import_field_get_label (&layout.fields[index]);
}

/* "role", "staff ID": the label of a field of the layout, its first letter lowered, for the
 * middle of a sentence. */
char *
ca_import_field_in_sentence (CaImportKind    kind,
                             CaImportFormat  format,
                             const char     *field)
{
  const char *label = ca_import_field_title (kind, format, field);
  g_autofree char *first = NULL;

  first = g_utf8_strdown (label, (gssize) (g_utf8_next_char (label) - label));
  return g_strconcat (first, g_utf8_next_char (label), NULL);
}
