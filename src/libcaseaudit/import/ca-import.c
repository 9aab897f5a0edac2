// SPDX-License-Identifier: GPL-3.0-or-later
// Importing CSV lists: kinds and formats, the column and value mapping, the file read once,
// and the all-or-nothing run inside one write transaction.

#define G_LOG_DOMAIN "ca-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-csv-reader.h"
#include "ca-import.h"
#include "ca-import-mapping-store.h"
#include "ca-import-store.h"
#include "ca-input-file.h"
#include "core/ca-grade.h"
#include "core/ca-import-rules.h"

/* How often, in rows, a run looks at its cancellable. */
#define CANCEL_CHECK_ROWS 256

/* How long a run waits for another import (or anything else writing) to finish before it
 * says so: each try waits CaDatabase's busy timeout. */
#define WRITE_WAIT_SECONDS 30

typedef struct
{
  const CaImportField *fields;
  const char * const  *columns;
  guint                n_fields;
} Layout;

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

static const CaImportField case_fields[] = {
  { "case_ref", N_("Case reference"), TRUE },
  { "service_area", N_("Service area"), FALSE },
  { "team", N_("Team"), TRUE },
  { "locality", N_("Locality"), FALSE },
  { "allocated_worker_id", N_("Allocated worker"), FALSE },
  { "open_date", N_("Open date"), TRUE },
  { "close_date", N_("Close date"), FALSE },
  { "legal_status", N_("Legal status"), TRUE },
  { "ethnicity", N_("Ethnicity"), FALSE },
  { "birth_month", N_("Month of birth"), FALSE },
  { "gender", N_("Gender"), FALSE },
  { "disability", N_("Disability"), FALSE },
  { "restricted", N_("Restricted record"), FALSE },
};
static const char * const case_columns[] = {
  "case_ref", "service_area", "team", "locality", "allocated_worker_id", "open_date",
  "close_date", "legal_status", "ethnicity", "birth_month", "gender", "disability", "restricted",
};

/* Annex A lists: List 6 has the case status; Lists 7 and 8 fix the legal status. */
static const CaImportField annex_a_6_fields[] = {
  { "case_ref", N_("Case reference"), TRUE },
  { "team", N_("Team"), TRUE },
  { "allocated_worker_id", N_("Allocated worker"), FALSE },
  { "open_date", N_("Open date"), TRUE },
  { "close_date", N_("Close date"), FALSE },
  { "legal_status", N_("Legal status"), TRUE },
  { "ethnicity", N_("Ethnicity"), FALSE },
  { "birth_month", N_("Month of birth"), FALSE },
  { "gender", N_("Gender"), FALSE },
  { "disability", N_("Disability"), FALSE },
};
static const char * const annex_a_6_columns[] = {
  "Child Unique ID", "Allocated Team", "Allocated Worker", "CIN Start Date", "CIN Closure Date",
  "Case Status", "Ethnicity", "Date of Birth", "Gender", "Does the Child have a Disability",
};

static const CaImportField annex_a_78_fields[] = {
  { "case_ref", N_("Case reference"), TRUE },
  { "team", N_("Team"), TRUE },
  { "allocated_worker_id", N_("Allocated worker"), FALSE },
  { "open_date", N_("Open date"), TRUE },
  { "close_date", N_("Close date"), FALSE },
  { "ethnicity", N_("Ethnicity"), FALSE },
  { "birth_month", N_("Month of birth"), FALSE },
  { "gender", N_("Gender"), FALSE },
  { "disability", N_("Disability"), FALSE },
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
  { "case_ref", N_("Case reference"), TRUE },
  { "birth_month", N_("Month of birth"), FALSE },
  { "ethnicity", N_("Ethnicity"), FALSE },
  { "gender", N_("Gender"), FALSE },
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

#define LAYOUT(f, c) { f, c, G_N_ELEMENTS (f) }
G_STATIC_ASSERT (G_N_ELEMENTS (team_fields) == G_N_ELEMENTS (team_columns));
G_STATIC_ASSERT (G_N_ELEMENTS (staff_fields) == G_N_ELEMENTS (staff_columns));
G_STATIC_ASSERT (G_N_ELEMENTS (case_fields) == G_N_ELEMENTS (case_columns));
G_STATIC_ASSERT (G_N_ELEMENTS (annex_a_6_fields) == G_N_ELEMENTS (annex_a_6_columns));
G_STATIC_ASSERT (G_N_ELEMENTS (annex_a_78_fields) == G_N_ELEMENTS (annex_a_7_columns));
G_STATIC_ASSERT (G_N_ELEMENTS (annex_a_78_fields) == G_N_ELEMENTS (annex_a_8_columns));
G_STATIC_ASSERT (G_N_ELEMENTS (ssda903_fields) == G_N_ELEMENTS (ssda903_columns));
G_STATIC_ASSERT (G_N_ELEMENTS (audit_fields) == G_N_ELEMENTS (audit_columns));

static const char * const kind_names[] = { "teams", "staff", "cases", "audits" };
static const char * const format_names[] = {
  "canonical", "annex-a-6", "annex-a-7", "annex-a-8", "ssda903-header",
};
G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == CA_IMPORT_N_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (format_names) == CA_IMPORT_N_FORMATS);

G_DEFINE_QUARK (ca-import-error-quark, ca_import_error)

void
ca_import_choice_free (CaImportChoice *choice)
{
  if (choice == NULL)
    return;
  g_free (choice->code);
  g_free (choice->label);
  g_free (choice);
}

static gboolean
get_layout (CaImportKind    kind,
            CaImportFormat  format,
            Layout         *layout)
{
  static const Layout canonical[] = {
    LAYOUT (team_fields, team_columns),
    LAYOUT (staff_fields, staff_columns),
    LAYOUT (case_fields, case_columns),
    LAYOUT (audit_fields, audit_columns),
  };
  static const Layout presets[] = {
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

/* The position of TEXT among N NAMES, or -1: kinds and formats are their names' indexes. */
static int
name_index (const char * const *names,
            guint               n_names,
            const char         *text)
{
  for (guint i = 0; i < n_names; i++)
    if (g_str_equal (names[i], text))
      return (int) i;
  return -1;
}

gboolean
ca_import_kind_from_string (const char   *text,
                            CaImportKind *kind)
{
  int i;

  g_return_val_if_fail (text != NULL, FALSE);
  if ((i = name_index (kind_names, CA_IMPORT_N_KINDS, text)) < 0)
    return FALSE;
  *kind = (CaImportKind) i;
  return TRUE;
}

const char *
ca_import_kind_get_label (CaImportKind kind)
{
  static const char * const labels[] = { N_("Teams"), N_("Staff"), N_("Cases"),
                                         N_("Audit history") };

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
  if ((i = name_index (format_names, CA_IMPORT_N_FORMATS, text)) < 0)
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
  Layout layout;

  return get_layout (kind, format, &layout);
}

static char *
fold_header (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *folded = g_utf8_casefold (trimmed, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_DEFAULT);
}

static int
find_column (const char * const *header,
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
      Layout layout;
      gboolean all = TRUE;

      if (!get_layout (kind, (CaImportFormat) f, &layout))
        continue;
      for (guint i = 0; i < layout.n_fields && all; i++)
        if (layout.fields[i].required && find_column (header, layout.columns[i]) < 0)
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
  Layout layout = { NULL, NULL, 0 };

  g_return_val_if_fail (n_fields != NULL, NULL);
  get_layout (kind, format, &layout);
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
  Layout layout;

  g_return_val_if_fail (field != NULL, NULL);
  if (!get_layout (kind, format, &layout))
    return NULL;
  for (guint i = 0; i < layout.n_fields; i++)
    if (g_str_equal (layout.fields[i].name, field))
      return layout.columns[i];
  return NULL;
}

/* The mapping */

/* What one value of a coded field stands for, as the user said. */
typedef struct
{
  char *field;
  char *value;
  char *key;    /* "field\x1f" and the value folded */
  char *code;
} ValueEntry;

struct _CaImportMapping
{
  GObject         parent_instance;
  CaImportKind    kind;
  CaImportFormat  format;
  guint           n_columns;
  Layout          layout;
  int            *columns;
  GPtrArray      *values;  /* of ValueEntry */
  gboolean        remember_values;
};

G_DEFINE_FINAL_TYPE (CaImportMapping, ca_import_mapping, G_TYPE_OBJECT)

static void
value_entry_free (gpointer data)
{
  ValueEntry *entry = data;

  g_free (entry->field);
  g_free (entry->value);
  g_free (entry->key);
  g_free (entry->code);
  g_free (entry);
}

/* The key a value of FIELD is matched by: a value written any way that folds the same. */
static char *
value_key (const char *field,
           const char *value)
{
  g_autofree char *folded = ca_import_fold_value (value);

  return g_strconcat (field, "\x1f", folded, NULL);
}

static void
ca_import_mapping_finalize (GObject *object)
{
  CaImportMapping *self = CA_IMPORT_MAPPING (object);

  g_free (self->columns);
  g_ptr_array_unref (self->values);
  G_OBJECT_CLASS (ca_import_mapping_parent_class)->finalize (object);
}

static void
ca_import_mapping_class_init (CaImportMappingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ca_import_mapping_finalize;
}

static void
ca_import_mapping_init (CaImportMapping *self)
{
  self->values = g_ptr_array_new_with_free_func (value_entry_free);
}

/**
 * ca_import_mapping_new:
 * @n_columns: how many columns the file has
 *
 * Returns: (transfer full): a mapping with no field in any column yet.
 */
CaImportMapping *
ca_import_mapping_new (CaImportKind   kind,
                       CaImportFormat format,
                       guint          n_columns)
{
  CaImportMapping *self;
  Layout layout;

  g_return_val_if_fail (get_layout (kind, format, &layout), NULL);

  self = g_object_new (CA_TYPE_IMPORT_MAPPING, NULL);
  self->kind = kind;
  self->format = format;
  self->n_columns = n_columns;
  self->layout = layout;
  self->columns = g_new (int, layout.n_fields);
  for (guint i = 0; i < layout.n_fields; i++)
    self->columns[i] = -1;
  return self;
}

/**
 * ca_import_mapping_new_from_header:
 * @header: the file's first record
 *
 * Returns: (transfer full): each field in the column whose name is the format's name for it
 * (case and surrounding spaces ignored), or in none.
 */
CaImportMapping *
ca_import_mapping_new_from_header (CaImportKind        kind,
                                   CaImportFormat      format,
                                   const char * const *header)
{
  CaImportMapping *self;

  g_return_val_if_fail (header != NULL, NULL);

  self = ca_import_mapping_new (kind, format, g_strv_length ((char **) header));
  if (self == NULL)
    return NULL;
  for (guint i = 0; i < self->layout.n_fields; i++)
    {
      self->columns[i] = find_column (header, self->layout.columns[i]);
      /* A staff list may call its key staff_ref, as the database does. */
      if (self->columns[i] < 0 && kind == CA_IMPORT_KIND_STAFF &&
          format == CA_IMPORT_FORMAT_CANONICAL)
        {
          if (g_str_equal (self->layout.fields[i].name, "staff_id"))
            self->columns[i] = find_column (header, "staff_ref");
          else if (g_str_equal (self->layout.fields[i].name, "line_manager_id"))
            self->columns[i] = find_column (header, "line_manager_ref");
        }
    }
  return self;
}

CaImportKind
ca_import_mapping_get_kind (CaImportMapping *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_MAPPING (self), 0);
  return self->kind;
}

CaImportFormat
ca_import_mapping_get_format (CaImportMapping *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_MAPPING (self), 0);
  return self->format;
}

guint
ca_import_mapping_get_n_columns (CaImportMapping *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_MAPPING (self), 0);
  return self->n_columns;
}

static int
field_index (CaImportMapping *self,
             const char      *field)
{
  for (guint i = 0; i < self->layout.n_fields; i++)
    if (g_str_equal (self->layout.fields[i].name, field))
      return (int) i;
  return -1;
}

/* Returns: the column holding @field, or -1 (also for a field the kind does not have). */
int
ca_import_mapping_get_column (CaImportMapping *self,
                              const char      *field)
{
  int index;

  g_return_val_if_fail (CA_IS_IMPORT_MAPPING (self), -1);
  g_return_val_if_fail (field != NULL, -1);

  index = field_index (self, field);
  return index >= 0 ? self->columns[index] : -1;
}

void
ca_import_mapping_set_column (CaImportMapping *self,
                              const char      *field,
                              int              column)
{
  int index;

  g_return_if_fail (CA_IS_IMPORT_MAPPING (self));
  g_return_if_fail (field != NULL);
  g_return_if_fail (column >= -1 && (column < 0 || (guint) column < self->n_columns));

  index = field_index (self, field);
  g_return_if_fail (index >= 0);
  self->columns[index] = column;
}

gboolean
ca_import_mapping_check (CaImportMapping  *self,
                         GError          **error)
{
  g_return_val_if_fail (CA_IS_IMPORT_MAPPING (self), FALSE);

  for (guint i = 0; i < self->layout.n_fields; i++)
    if (self->layout.fields[i].required && self->columns[i] < 0)
      {
        g_set_error (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_MISSING_COLUMN,
                     _("No column holds the %s (the “%s” column). Add it to the file or "
                       "choose the column that holds it."),
                     ca_import_field_get_label (&self->layout.fields[i]),
                     self->layout.columns[i]);
        return FALSE;
      }
  return TRUE;
}

/* "a staff list": what the kind of file is called in a sentence. */
static const char *
kind_in_sentence (CaImportKind kind)
{
  switch (kind)
    {
    case CA_IMPORT_KIND_TEAMS:
      return _("a list of teams");
    case CA_IMPORT_KIND_STAFF:
      return _("a staff list");
    case CA_IMPORT_KIND_CASES:
      return _("a case list");
    case CA_IMPORT_KIND_AUDITS:
    default:
      return _("an audit history");
    }
}

/* The coded fields this mapping's layout has, joined for a sentence. */
static char *
join_coded_fields (CaImportMapping *self)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < self->layout.n_fields; i++)
    if (ca_import_field_is_coded (self->layout.fields[i].name))
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "",
                              self->layout.fields[i].name);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/**
 * ca_import_mapping_add_value_text:
 * @text: FIELD:VALUE=CODE, as --map takes it
 *
 * Refuses a text that is no mapping, and a field this kind and layout do not have (with
 * the fields it has); the code is checked against the database when the import runs.
 */
gboolean
ca_import_mapping_add_value_text (CaImportMapping  *self,
                                  const char       *text,
                                  GError          **error)
{
  g_autofree char *field = NULL;
  g_autofree char *value = NULL;
  g_autofree char *code = NULL;

  g_return_val_if_fail (CA_IS_IMPORT_MAPPING (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!ca_import_parse_value_mapping (text, &field, &value, &code, error))
    return FALSE;
  if (field_index (self, field) < 0)
    {
      g_autofree char *fields = join_coded_fields (self);

      if (*fields == '\0')
        g_set_error (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_BAD_MAPPING,
                     _("%s is not a field of %s, which has no values to map."), field,
                     kind_in_sentence (self->kind));
      else
        g_set_error (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_BAD_MAPPING,
                     _("%s is not a field of %s; the fields whose values can be mapped are "
                       "%s."), field, kind_in_sentence (self->kind), fields);
      return FALSE;
    }
  ca_import_mapping_set_value (self, field, value, code);
  return TRUE;
}

/**
 * ca_import_mapping_set_value:
 * @code: (nullable): what @value stands for; %NULL forgets it
 *
 * Says what @value of @field stands for in this run (replacing what was said for any value
 * that folds the same).
 */
void
ca_import_mapping_set_value (CaImportMapping *self,
                             const char      *field,
                             const char      *value,
                             const char      *code)
{
  g_autofree char *key = NULL;
  ValueEntry *entry;

  g_return_if_fail (CA_IS_IMPORT_MAPPING (self));
  g_return_if_fail (field != NULL && ca_import_field_is_coded (field) && value != NULL);

  key = value_key (field, value);
  for (guint i = 0; i < self->values->len; i++)
    if (g_str_equal (((ValueEntry *) self->values->pdata[i])->key, key))
      {
        g_ptr_array_remove_index (self->values, i);
        break;
      }
  if (code == NULL)
    return;

  entry = g_new0 (ValueEntry, 1);
  entry->field = g_strdup (field);
  entry->value = g_strdup (value);
  entry->key = g_steal_pointer (&key);
  entry->code = g_strdup (code);
  g_ptr_array_add (self->values, entry);
}

/* Returns: (nullable): what @value of @field was said to stand for, as given */
const char *
ca_import_mapping_get_value (CaImportMapping *self,
                             const char      *field,
                             const char      *value)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (CA_IS_IMPORT_MAPPING (self), NULL);
  g_return_val_if_fail (field != NULL && value != NULL, NULL);

  key = value_key (field, value);
  for (guint i = 0; i < self->values->len; i++)
    {
      ValueEntry *entry = self->values->pdata[i];

      if (g_str_equal (entry->key, key))
        return entry->code;
    }
  return NULL;
}

guint
ca_import_mapping_get_n_values (CaImportMapping *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_MAPPING (self), 0);
  return self->values->len;
}

void
ca_import_mapping_set_remember_values (CaImportMapping *self,
                                       gboolean         remember)
{
  g_return_if_fail (CA_IS_IMPORT_MAPPING (self));
  self->remember_values = remember;
}

/* The preview */

struct _CaImportPreview
{
  GObject           parent_instance;
  GBytes           *text;      /* the whole file, in UTF-8 */
  CaImportEncoding  encoding;
  char            **header;
  GPtrArray        *rows;
  GArray           *lines;
};

G_DEFINE_FINAL_TYPE (CaImportPreview, ca_import_preview, G_TYPE_OBJECT)

static void
ca_import_preview_finalize (GObject *object)
{
  CaImportPreview *self = CA_IMPORT_PREVIEW (object);

  g_clear_pointer (&self->text, g_bytes_unref);
  g_strfreev (self->header);
  g_ptr_array_unref (self->rows);
  g_array_unref (self->lines);
  G_OBJECT_CLASS (ca_import_preview_parent_class)->finalize (object);
}

static void
ca_import_preview_class_init (CaImportPreviewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ca_import_preview_finalize;
}

static void
ca_import_preview_init (CaImportPreview *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->lines = g_array_new (FALSE, FALSE, sizeof (guint));
}

/**
 * ca_import_preview_new:
 * @contents: a whole file's bytes
 * @max_rows: how many rows after the header to keep for showing
 *
 * Decodes @contents (UTF-8, or Windows-1252 when it is not: see ca_import_decode_text())
 * and reads its header and first rows.
 *
 * Returns: (transfer full): the file, or %NULL with the decoder's or reader's error (not
 * text, empty, malformed in the rows read).
 */
CaImportPreview *
ca_import_preview_new (GBytes  *contents,
                       guint    max_rows,
                       GError **error)
{
  g_autoptr(CaImportPreview) self = NULL;
  g_autoptr(CaCsvReader) reader = NULL;
  gsize length = 0, text_length = 0;
  const guint8 *data;
  char *text;

  g_return_val_if_fail (contents != NULL, NULL);

  self = g_object_new (CA_TYPE_IMPORT_PREVIEW, NULL);
  data = g_bytes_get_data (contents, &length);
  if ((text = ca_import_decode_text (data, length, &text_length, &self->encoding,
                                     error)) == NULL)
    return NULL;
  self->text = g_bytes_new_take (text, text_length);

  reader = ca_csv_reader_new_for_bytes (self->text);
  if ((self->header = ca_csv_reader_read_record (reader, NULL, error)) == NULL)
    return NULL;

  while (self->rows->len < max_rows)
    {
      GError *local_error = NULL;
      char **row = ca_csv_reader_read_record (reader, NULL, &local_error);
      guint line;

      if (row == NULL)
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return NULL;
            }
          break;
        }
      line = ca_csv_reader_get_line (reader);
      g_ptr_array_add (self->rows, row);
      g_array_append_val (self->lines, line);
    }

  return g_steal_pointer (&self);
}

/**
 * ca_import_preview_read:
 * @file: a file, a pipe or a FIFO (/dev/stdin is either)
 * @max_rows: how many rows after the header to keep for showing
 *
 * Reads all of @file once, up to %CA_CSV_MAX_SIZE (counted while reading), giving up on a
 * pipe nobody writes to (ca_input_file_read()); the run imports what was read here.
 *
 * Returns: (transfer full): the file, or %NULL with the error (unreadable, not a file, too
 * large, not text, empty, malformed in the rows read).
 */
CaImportPreview *
ca_import_preview_read (GFile         *file,
                        guint          max_rows,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GBytes) contents = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  contents = ca_input_file_read (file, CA_CSV_MAX_SIZE, CA_INPUT_FILE_WAIT_SECONDS,
                                 cancellable, error);
  if (contents == NULL)
    return NULL;
  return ca_import_preview_new (contents, max_rows, error);
}

typedef struct
{
  GFile *file;
  guint  max_rows;
} PreviewData;

static void
preview_data_free (PreviewData *data)
{
  g_object_unref (data->file);
  g_free (data);
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PreviewData *data = task_data;
  GError *error = NULL;
  CaImportPreview *preview = ca_import_preview_read (data->file, data->max_rows, cancellable,
                                                     &error);

  if (preview == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, preview, g_object_unref);
}

void
ca_import_preview_read_async (GFile               *file,
                              guint                max_rows,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PreviewData *data;

  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (PreviewData, 1);
  data->file = g_object_ref (file);
  data->max_rows = max_rows;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_import_preview_read_async);
  g_task_set_task_data (task, data, (GDestroyNotify) preview_data_free);
  g_task_run_in_thread (task, preview_thread);
}

CaImportPreview *
ca_import_preview_read_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char * const *
ca_import_preview_get_header (CaImportPreview *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_PREVIEW (self), NULL);
  return (const char * const *) self->header;
}

guint
ca_import_preview_get_n_rows (CaImportPreview *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_PREVIEW (self), 0);
  return self->rows->len;
}

const char * const *
ca_import_preview_get_row (CaImportPreview *self,
                           guint            index)
{
  g_return_val_if_fail (CA_IS_IMPORT_PREVIEW (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);
  return g_ptr_array_index (self->rows, index);
}

/* The line of the file on which the row starts (a quoted value may span lines). */
guint
ca_import_preview_get_row_line (CaImportPreview *self,
                                guint            index)
{
  g_return_val_if_fail (CA_IS_IMPORT_PREVIEW (self), 0);
  g_return_val_if_fail (index < self->lines->len, 0);
  return g_array_index (self->lines, guint, index);
}

/* Windows-1252 when the file was not UTF-8 text; the user is told (see the report's notes). */
CaImportEncoding
ca_import_preview_get_encoding (CaImportPreview *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_PREVIEW (self), CA_IMPORT_ENCODING_UTF8);
  return self->encoding;
}

/* The report */

typedef struct
{
  guint  line;
  char  *message;
} RowError;

typedef struct
{
  CaImportUnmatched  unmatched;
  char              *field;
  char              *value;
} UnmatchedEntry;

struct _CaImportReport
{
  GObject           parent_instance;
  CaImportKind      kind;
  CaImportFormat    format;
  guint             n_rows;
  guint             n_inserted;
  guint             n_updated;
  GArray           *errors;
  CaImportEncoding  encoding;
  GPtrArray        *unmatched;  /* of UnmatchedEntry, in the order first met */
  GHashTable       *choices;    /* field → GPtrArray of CaImportChoice */
  GPtrArray        *notes;      /* NULL-terminated */
};

G_DEFINE_FINAL_TYPE (CaImportReport, ca_import_report, G_TYPE_OBJECT)

static void
row_error_clear (gpointer data)
{
  RowError *error = data;

  g_free (error->message);
}

static void
unmatched_entry_free (gpointer data)
{
  UnmatchedEntry *entry = data;

  g_free (entry->field);
  g_free (entry->value);
  g_free (entry);
}

static void
ca_import_report_finalize (GObject *object)
{
  CaImportReport *self = CA_IMPORT_REPORT (object);

  g_array_unref (self->errors);
  g_ptr_array_unref (self->unmatched);
  g_hash_table_unref (self->choices);
  g_ptr_array_unref (self->notes);
  G_OBJECT_CLASS (ca_import_report_parent_class)->finalize (object);
}

static void
ca_import_report_class_init (CaImportReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ca_import_report_finalize;
}

static void
ca_import_report_init (CaImportReport *self)
{
  self->errors = g_array_new (FALSE, FALSE, sizeof (RowError));
  g_array_set_clear_func (self->errors, row_error_clear);
  self->unmatched = g_ptr_array_new_with_free_func (unmatched_entry_free);
  self->choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  self->notes = g_ptr_array_new_null_terminated (0, g_free, TRUE);
}

G_GNUC_PRINTF (2, 3)
static void
add_note (CaImportReport *self,
          const char     *format,
          ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (self->notes, g_strdup_vprintf (format, args));
  va_end (args);
}

G_GNUC_PRINTF (3, 4)
static void
add_row_error (CaImportReport *self,
               guint           line,
               const char     *format,
               ...)
{
  RowError error = { line, NULL };
  va_list args;

  va_start (args, format);
  error.message = g_strdup_vprintf (format, args);
  va_end (args);
  g_array_append_val (self->errors, error);
}

CaImportKind
ca_import_report_get_kind (CaImportReport *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), 0);
  return self->kind;
}

guint
ca_import_report_get_n_rows (CaImportReport *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), 0);
  return self->n_rows;
}

guint
ca_import_report_get_n_inserted (CaImportReport *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), 0);
  return self->n_inserted;
}

guint
ca_import_report_get_n_updated (CaImportReport *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), 0);
  return self->n_updated;
}

/* TRUE when every row was good and all were written; FALSE when nothing was. */
gboolean
ca_import_report_get_succeeded (CaImportReport *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), FALSE);
  return self->errors->len == 0;
}

guint
ca_import_report_get_n_errors (CaImportReport *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), 0);
  return self->errors->len;
}

/* Rows with at least one problem (a row may have several). */
guint
ca_import_report_get_n_bad_rows (CaImportReport *self)
{
  guint n = 0;

  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), 0);

  for (guint i = 0; i < self->errors->len; i++)
    if (i == 0 || g_array_index (self->errors, RowError, i).line !=
                  g_array_index (self->errors, RowError, i - 1).line)
      n++;
  return n;
}

guint
ca_import_report_get_error_line (CaImportReport *self,
                                 guint           index)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), 0);
  g_return_val_if_fail (index < self->errors->len, 0);
  return g_array_index (self->errors, RowError, index).line;
}

/* The reason alone, e.g. "unknown team “North 3”"; the line is separate. */
const char *
ca_import_report_get_error_message (CaImportReport *self,
                                    guint           index)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), NULL);
  g_return_val_if_fail (index < self->errors->len, NULL);
  return g_array_index (self->errors, RowError, index).message;
}

char *
ca_import_report_describe (CaImportReport *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), NULL);

  if (self->errors->len > 0)
    {
      guint n_bad = ca_import_report_get_n_bad_rows (self);

      return g_strdup_printf (ngettext ("%u row has a problem, so nothing was imported.",
                                        "%u rows have problems, so nothing was imported.",
                                        n_bad), n_bad);
    }

  switch (self->kind)
    {
    case CA_IMPORT_KIND_TEAMS:
      return g_strdup_printf (ngettext ("Imported %u team (%u new, %u updated).",
                                        "Imported %u teams (%u new, %u updated).", self->n_rows),
                              self->n_rows, self->n_inserted, self->n_updated);
    case CA_IMPORT_KIND_STAFF:
      return g_strdup_printf (ngettext ("Imported %u member of staff (%u new, %u updated).",
                                        "Imported %u staff (%u new, %u updated).", self->n_rows),
                              self->n_rows, self->n_inserted, self->n_updated);
    case CA_IMPORT_KIND_CASES:
      return g_strdup_printf (ngettext ("Imported %u case (%u new, %u updated).",
                                        "Imported %u cases (%u new, %u updated).", self->n_rows),
                              self->n_rows, self->n_inserted, self->n_updated);
    case CA_IMPORT_KIND_AUDITS:
    default:
      return g_strdup_printf (ngettext ("Imported %u audit (%u new, %u updated).",
                                        "Imported %u audits (%u new, %u updated).",
                                        self->n_rows),
                              self->n_rows, self->n_inserted, self->n_updated);
    }
}

/**
 * ca_import_report_get_notes:
 *
 * Returns: (transfer none) (array zero-terminated=1): sentences to show with the outcome,
 * whether it succeeded or not; often none
 */
const char * const *
ca_import_report_get_notes (CaImportReport *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), NULL);
  /* A null-terminated array with nothing in it may have no storage yet. */
  if (self->notes->pdata == NULL)
    return none;
  return (const char * const *) self->notes->pdata;
}

CaImportEncoding
ca_import_report_get_encoding (CaImportReport *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), CA_IMPORT_ENCODING_UTF8);
  return self->encoding;
}

guint
ca_import_report_get_n_unmatched (CaImportReport *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), 0);
  return self->unmatched->len;
}

const CaImportUnmatched *
ca_import_report_get_unmatched (CaImportReport *self,
                                guint           index)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), NULL);
  g_return_val_if_fail (index < self->unmatched->len, NULL);
  return &((UnmatchedEntry *) self->unmatched->pdata[index])->unmatched;
}

/**
 * ca_import_report_get_choices:
 * @field: a field with an unmatched value
 *
 * Returns: (transfer none) (element-type CaImportChoice) (nullable): the codes a value of
 * @field can be mapped to, as the database held them during the run
 */
GPtrArray *
ca_import_report_get_choices (CaImportReport *self,
                              const char     *field)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);
  return g_hash_table_lookup (self->choices, field);
}

/* "Role", "Audit tool": the label of a field of the layout. */
static const char *
field_title (CaImportKind    kind,
             CaImportFormat  format,
             const char     *field)
{
  guint n = 0;
  const CaImportField *fields = ca_import_get_fields (kind, format, &n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (fields[i].name, field))
      return ca_import_field_get_label (&fields[i]);
  return field;
}

/* "role", "staff ID": the label of a field of the layout, its first letter lowered, for the
 * middle of a sentence. */
static char *
field_in_sentence (CaImportKind    kind,
                   CaImportFormat  format,
                   const char     *field)
{
  const char *label = field_title (kind, format, field);
  g_autofree char *first = NULL;

  first = g_utf8_strdown (label, (gssize) (g_utf8_next_char (label) - label));
  return g_strconcat (first, g_utf8_next_char (label), NULL);
}

static char *
join_choices (GPtrArray *choices)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      CaImportChoice *choice = choices->pdata[i];

      /* Translators: one code a value can be mapped to, and its name. */
      g_string_append_printf (text, _("%s%s (%s)"), i > 0 ? ", " : "", choice->code,
                              choice->label);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * ca_import_report_describe_unmatched:
 *
 * Returns: (transfer full): "“Chief Wizard” (line 2 and 1 more row) is not a value Case Audit
 * knows for the role. It could be: strategic-director (Strategic Director), …"
 */
char *
ca_import_report_describe_unmatched (CaImportReport *self,
                                     guint           index)
{
  const CaImportUnmatched *unmatched;
  g_autofree char *where = NULL;
  g_autofree char *choices = NULL;
  const char *field;

  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), NULL);
  g_return_val_if_fail (index < self->unmatched->len, NULL);

  unmatched = ca_import_report_get_unmatched (self, index);
  if (unmatched->n_rows == 1)
    where = g_strdup_printf (_("line %u"), unmatched->line);
  else
    where = g_strdup_printf (ngettext ("line %u and %u more row", "line %u and %u more rows",
                                       unmatched->n_rows - 1),
                             unmatched->line, unmatched->n_rows - 1);
  field = field_title (self->kind, self->format, unmatched->field);
  choices = join_choices (ca_import_report_get_choices (self, unmatched->field));
  return g_strdup_printf (_("“%s” (%s) is not a value Case Audit knows for “%s”. It could "
                            "be: %s."), unmatched->value, where, field, choices);
}

/* The run */

typedef struct
{
  gatomicrefcount       ref_count;
  GMainContext         *context;
  CaImportProgressFunc  func;
  gpointer              data;
  GDestroyNotify        notify;
  double                last;
} Progress;

typedef struct
{
  Progress *progress;
  double    fraction;
} ProgressCall;

static Progress *
progress_ref (Progress *progress)
{
  g_atomic_ref_count_inc (&progress->ref_count);
  return progress;
}

static void
progress_unref (Progress *progress)
{
  if (progress == NULL || !g_atomic_ref_count_dec (&progress->ref_count))
    return;
  if (progress->notify != NULL)
    progress->notify (progress->data);
  g_main_context_unref (progress->context);
  g_free (progress);
}

static gboolean
progress_call_cb (gpointer data)
{
  ProgressCall *call = data;

  call->progress->func (call->fraction, call->progress->data);
  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer data)
{
  ProgressCall *call = data;

  progress_unref (call->progress);
  g_free (call);
}

static void call_on_context (GMainContext   *context,
                             GSourceFunc     func,
                             gpointer        data,
                             GDestroyNotify  notify);

/* Sends a fraction to the caller's main context, no more than once a percent. */
static void
report_progress (Progress *progress,
                 double    fraction)
{
  ProgressCall *call;

  if (progress == NULL || progress->func == NULL)
    return;
  if (fraction < 1.0 && fraction - progress->last < 0.01)
    return;
  progress->last = fraction;

  call = g_new0 (ProgressCall, 1);
  call->progress = progress_ref (progress);
  call->fraction = fraction;
  call_on_context (progress->context, progress_call_cb, call, progress_call_free);
}

/* One row, read and checked: what will be written. */
typedef struct
{
  guint  line;
  char  *key;
  char  *name;
  char  *text[4];
  gint64 id[3];
  int    number;
  gboolean flag[2];
  CaImportCaseRow case_row;
  const CaImportTool *tool;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->key);
  g_free (row->name);
  for (guint i = 0; i < G_N_ELEMENTS (row->text); i++)
    g_free (row->text[i]);
  g_free (row->case_row.case_ref);
  g_free (row->case_row.open_date);
  g_free (row->case_row.close_date);
  g_free (row->case_row.legal_status);
  g_free (row->case_row.ethnicity);
  g_free (row->case_row.birth_month);
  g_free (row->case_row.gender);
  g_free (row);
}

typedef struct
{
  CaImportMapping  *mapping;
  CaImportLookup   *lookup;
  CaImportReport   *report;
  char            **record;
  guint             line;
  GHashTable       *seen;        /* key → first line */
  GHashTable       *given;       /* value key → code, from the mapping, checked */
  GHashTable       *remembered;  /* value key → CaImportRememberedValue, checked */
  GHashTable       *used;        /* the value keys of remembered mappings used */
  GHashTable       *unmatched;   /* value key → UnmatchedEntry, also in the report */
} Reading;

/* The trimmed value of @field in the record, or NULL when it is empty or not mapped. */
static char *
cell (Reading    *reading,
      const char *field)
{
  int column = ca_import_mapping_get_column (reading->mapping, field);
  g_autofree char *value = NULL;

  if (column < 0 || column >= (int) g_strv_length (reading->record))
    return NULL;
  value = g_strstrip (g_strdup (reading->record[column]));
  if (*value == '\0')
    return NULL;
  return g_steal_pointer (&value);
}

static char *
fold (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  return g_utf8_normalize (folded, -1, G_NORMALIZE_DEFAULT);
}

static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *x = fold (a);
  g_autofree char *y = fold (b);

  return g_str_equal (x, y);
}

/* The field's label for the middle of a sentence: "the case reference", "the staff ID". */
static char *
field_label (Reading    *reading,
             const char *field)
{
  return field_in_sentence (reading->mapping->kind, reading->mapping->format, field);
}

/* Returns: FALSE (and reports the row) when a required value is empty. */
static gboolean
require (Reading    *reading,
         const char *field,
         char      **value)
{
  g_autofree char *label = NULL;

  *value = cell (reading, field);
  if (*value != NULL)
    return TRUE;
  label = field_label (reading, field);
  add_row_error (reading->report, reading->line, _("the %s is missing"), label);
  return FALSE;
}

/* Every value no longer than a value may be: a 50 MB "case reference" is a mistake, and
 * would reach every list and report. Returns: FALSE (and reports each) when one is. */
static gboolean
check_lengths (Reading *reading)
{
  const Layout *layout = &reading->mapping->layout;
  guint n_values = g_strv_length (reading->record);
  gboolean ok = TRUE;

  for (guint i = 0; i < layout->n_fields; i++)
    {
      int column = reading->mapping->columns[i];
      const char *value;
      glong length;

      if (column < 0 || (guint) column >= n_values)
        continue;
      value = reading->record[column];
      /* Bytes first: most values are short, and a count of characters costs a pass. */
      if (strlen (value) <= CA_IMPORT_MAX_VALUE_CHARS ||
          (length = g_utf8_strlen (value, -1)) <= CA_IMPORT_MAX_VALUE_CHARS)
        continue;
      {
        g_autofree char *label = field_label (reading, layout->fields[i].name);

        add_row_error (reading->report, reading->line,
                       _("the %s is %ld characters long; it may have at most %d"), label,
                       length, CA_IMPORT_MAX_VALUE_CHARS);
      }
      ok = FALSE;
    }
  return ok;
}

/* The code a value stands for by Case Audit's own words: a code, a name, another word for
 * it (a job title for a role, any version's name for a tool). */
static const char *
builtin_code (CaImportLookup *lookup,
              const char     *field,
              const char     *text)
{
  if (g_str_equal (field, "role"))
    {
      g_autofree char *key = ca_import_fold_value (text);
      const char *code = g_hash_table_lookup (lookup->roles, key);
      const char *alias;

      /* A job title stands for a role only while the database has that role. */
      if (code == NULL && (alias = ca_import_match_role_alias (text)) != NULL)
        {
          g_autofree char *alias_key = ca_import_fold_value (alias);

          code = g_hash_table_lookup (lookup->roles, alias_key);
        }
      return code;
    }
  if (g_str_equal (field, "tool"))
    {
      const CaImportTool *tool = ca_import_lookup_find_tool (lookup, text);

      return tool != NULL ? tool->code : NULL;
    }
  return ca_import_match_code (field, text);
}

/* What a value of a coded field stands for: what the user said for this run, then what
 * they said before (remembered), then Case Audit's own words. A value none of these match
 * is kept for the report, with the rows that have it. */
static const char *
resolve_code (Reading    *reading,
              const char *field,
              const char *text)
{
  g_autofree char *key = value_key (field, text);
  CaImportRememberedValue *remembered;
  UnmatchedEntry *entry;
  const char *code;

  if ((code = g_hash_table_lookup (reading->given, key)) != NULL)
    return code;
  if ((remembered = g_hash_table_lookup (reading->remembered, key)) != NULL)
    {
      g_hash_table_add (reading->used, remembered);
      return remembered->code;
    }
  if ((code = builtin_code (reading->lookup, field, text)) != NULL)
    return code;

  if ((entry = g_hash_table_lookup (reading->unmatched, key)) != NULL)
    entry->unmatched.n_rows++;
  else
    {
      entry = g_new0 (UnmatchedEntry, 1);
      entry->field = g_strdup (field);
      entry->value = g_strdup (text);
      entry->unmatched.field = entry->field;
      entry->unmatched.value = entry->value;
      entry->unmatched.line = reading->line;
      entry->unmatched.n_rows = 1;
      g_ptr_array_add (reading->report->unmatched, entry);
      g_hash_table_insert (reading->unmatched, g_steal_pointer (&key), entry);
    }
  return NULL;
}

/* Returns: FALSE when the key was already on an earlier line of the file (and says which). */
static gboolean
check_duplicate (Reading    *reading,
                 const char *key,
                 const char *shown)
{
  gpointer first = g_hash_table_lookup (reading->seen, key);

  if (first != NULL)
    {
      add_row_error (reading->report, reading->line,
                     _("“%s” is in the file twice (first on line %u)"), shown,
                     GPOINTER_TO_UINT (first));
      return FALSE;
    }
  g_hash_table_insert (reading->seen, g_strdup (key), GUINT_TO_POINTER (reading->line));
  return TRUE;
}

static gboolean
parse_date_cell (Reading     *reading,
                 const char  *field,
                 char       **date)
{
  g_autofree char *text = cell (reading, field);

  *date = NULL;
  if (text == NULL)
    return TRUE;
  switch (ca_import_read_date (text, date))
    {
    case CA_IMPORT_DATE_OK:
      return TRUE;
    case CA_IMPORT_DATE_IMPOSSIBLE:
      add_row_error (reading->report, reading->line,
                     _("“%s” is not a real date (dates are read day first, as DD/MM/YYYY, or "
                       "as YYYY-MM-DD)"), text);
      break;
    case CA_IMPORT_DATE_TWO_DIGIT_YEAR:
      add_row_error (reading->report, reading->line,
                     _("“%s” has a two-digit year, which could be in either century: write "
                       "the year in full, as DD/MM/YYYY or YYYY-MM-DD"), text);
      break;
    case CA_IMPORT_DATE_UNKNOWN_FORM:
    default:
      add_row_error (reading->report, reading->line,
                     _("“%s” is not a date in a form Case Audit reads: write it as DD/MM/YYYY "
                       "(day first), YYYY-MM-DD or 4 Jan 2021"), text);
      break;
    }
  return FALSE;
}

static const CaImportTeam *
find_team (Reading    *reading,
           const char *name)
{
  g_autofree char *key = fold (name);
  const CaImportTeam *team = g_hash_table_lookup (reading->lookup->teams, key);

  if (team == NULL)
    add_row_error (reading->report, reading->line, _("unknown team “%s”"), name);
  return team;
}

/* A member of staff by reference, or by a name only one person has. */
static const CaImportStaff *
find_staff (Reading    *reading,
            const char *text,
            gboolean    auditor)
{
  const CaImportStaff *staff = g_hash_table_lookup (reading->lookup->staff, text);
  g_autofree char *key = NULL;
  const char *ref;

  if (staff != NULL)
    return staff;
  key = fold (text);
  ref = g_hash_table_lookup (reading->lookup->staff_names, key);
  if (ref != NULL && *ref == '\0')
    {
      add_row_error (reading->report, reading->line,
                     _("more than one member of staff is called “%s”; give their staff ID "
                       "instead"), text);
      return NULL;
    }
  if (ref != NULL)
    return g_hash_table_lookup (reading->lookup->staff, ref);
  if (auditor)
    add_row_error (reading->report, reading->line, _("unknown auditor “%s”"), text);
  else
    add_row_error (reading->report, reading->line, _("unknown worker “%s”"), text);
  return NULL;
}

static Row *
read_team (Reading *reading)
{
  Row *row = g_new0 (Row, 1);
  gboolean ok;

  ok = require (reading, "team", &row->name);
  ok = require (reading, "service_area", &row->text[0]) && ok;
  ok = require (reading, "locality", &row->text[1]) && ok;
  row->text[2] = cell (reading, "auditor_group");
  if (row->name != NULL)
    {
      row->key = fold (row->name);
      ok = check_duplicate (reading, row->key, row->name) && ok;
    }
  if (!ok)
    g_clear_pointer (&row, row_free);
  return row;
}

/* A yes or no; TEXT NULL (an empty cell) leaves VALUE as it is. */
static gboolean
read_flag (Reading    *reading,
           const char *field,
           const char *text,
           gboolean   *value)
{
  g_autofree char *label = NULL;
  const char *code;

  if (text == NULL)
    return TRUE;
  if ((code = resolve_code (reading, field, text)) != NULL)
    {
      *value = g_str_equal (code, "yes");
      return TRUE;
    }
  label = field_label (reading, field);
  add_row_error (reading->report, reading->line,
                 _("“%s” is not a yes or no for %s (use yes, no, y, n, true, false, 1 or 0)"),
                 text, label);
  return FALSE;
}

static gboolean
read_flag_cell (Reading    *reading,
                const char *field,
                gboolean   *value)
{
  g_autofree char *text = cell (reading, field);

  *value = FALSE;
  return read_flag (reading, field, text, value);
}

static Row *
read_staff (Reading *reading)
{
  Row *row = g_new0 (Row, 1);
  g_autofree char *role = NULL;
  g_autofree char *team = NULL;
  g_autofree char *active = NULL;
  gboolean ok;

  ok = require (reading, "staff_id", &row->key);
  ok = require (reading, "name", &row->name) && ok;
  ok = require (reading, "role", &role) && ok;
  row->text[0] = cell (reading, "email");
  row->text[2] = cell (reading, "line_manager_id");
  team = cell (reading, "team");
  active = cell (reading, "active");

  if (row->key != NULL)
    ok = check_duplicate (reading, row->key, row->key) && ok;
  if (role != NULL)
    {
      const char *code = resolve_code (reading, "role", role);

      if (code == NULL)
        {
          add_row_error (reading->report, reading->line, _("unknown role “%s”"), role);
          ok = FALSE;
        }
      row->text[1] = g_strdup (code);
    }
  if (team != NULL)
    {
      const CaImportTeam *found = find_team (reading, team);

      ok = (found != NULL) && ok;
      row->id[0] = found != NULL ? found->id : 0;
    }
  row->flag[0] = TRUE;
  ok = read_flag (reading, "active", active, &row->flag[0]) && ok;
  if (row->key != NULL && row->text[2] != NULL && g_str_equal (row->key, row->text[2]))
    {
      add_row_error (reading->report, reading->line,
                     _("“%s” is given as their own line manager"), row->key);
      ok = FALSE;
    }

  if (!ok)
    g_clear_pointer (&row, row_free);
  return row;
}

static Row *
read_case (Reading *reading)
{
  CaImportFormat format = reading->mapping->format;
  Row *row = g_new0 (Row, 1);
  CaImportCaseRow *c = &row->case_row;
  g_autofree char *team = NULL;
  g_autofree char *service_area = NULL;
  g_autofree char *locality = NULL;
  g_autofree char *worker = NULL;
  g_autofree char *status = NULL;
  g_autofree char *ethnicity = NULL;
  g_autofree char *birth = NULL;
  g_autofree char *gender = NULL;
  gboolean ok;

  ok = require (reading, "case_ref", &c->case_ref);
  if (c->case_ref != NULL)
    ok = check_duplicate (reading, c->case_ref, c->case_ref) && ok;

  if (format == CA_IMPORT_FORMAT_SSDA903_HEADER)
    {
      if (c->case_ref != NULL && !g_hash_table_contains (reading->lookup->cases, c->case_ref))
        {
          add_row_error (reading->report, reading->line,
                         _("no case “%s”: an SSDA903 file only adds details to cases already "
                           "imported"), c->case_ref);
          ok = FALSE;
        }
    }
  else
    {
      ok = require (reading, "team", &team) && ok;
      if (team != NULL)
        {
          const CaImportTeam *found = find_team (reading, team);

          if (found != NULL)
            {
              c->team_id = found->id;
              c->locality_id = found->locality_id;
            }
          else
            ok = FALSE;

          service_area = cell (reading, "service_area");
          if (found != NULL && service_area != NULL &&
              !same_name (service_area, found->service_area))
            {
              add_row_error (reading->report, reading->line,
                             _("team “%s” is in the service area “%s”, not “%s”"), team,
                             found->service_area, service_area);
              ok = FALSE;
            }
        }

      locality = cell (reading, "locality");
      if (locality != NULL)
        {
          g_autofree char *key = fold (locality);
          gint64 *id = g_hash_table_lookup (reading->lookup->localities, key);

          if (id == NULL)
            {
              add_row_error (reading->report, reading->line, _("unknown locality “%s”"),
                             locality);
              ok = FALSE;
            }
          else
            c->locality_id = *id;
        }

      worker = cell (reading, "allocated_worker_id");
      if (worker != NULL)
        {
          const CaImportStaff *staff = find_staff (reading, worker, FALSE);

          ok = (staff != NULL) && ok;
          c->worker_id = staff != NULL ? staff->id : 0;
        }

      if (parse_date_cell (reading, "open_date", &c->open_date) && c->open_date == NULL)
        {
          add_row_error (reading->report, reading->line, _("the open date is missing"));
          ok = FALSE;
        }
      else if (c->open_date == NULL)
        ok = FALSE;
      ok = parse_date_cell (reading, "close_date", &c->close_date) && ok;
      if (c->open_date != NULL && c->close_date != NULL &&
          strcmp (c->close_date, c->open_date) < 0)
        {
          add_row_error (reading->report, reading->line,
                         _("the close date %s is before the open date %s"), c->close_date,
                         c->open_date);
          ok = FALSE;
        }

      if (format == CA_IMPORT_FORMAT_ANNEX_A_7)
        c->legal_status = g_strdup ("child-protection");
      else if (format == CA_IMPORT_FORMAT_ANNEX_A_8)
        c->legal_status = g_strdup ("looked-after");
      else if (require (reading, "legal_status", &status))
        {
          c->legal_status = g_strdup (resolve_code (reading, "legal_status", status));
          if (c->legal_status == NULL)
            {
              add_row_error (reading->report, reading->line, _("unknown legal status “%s”"),
                             status);
              ok = FALSE;
            }
        }
      else
        ok = FALSE;

      ok = read_flag_cell (reading, "disability", &c->disability) && ok;
      ok = read_flag_cell (reading, "restricted", &c->restricted) && ok;
    }

  ethnicity = cell (reading, "ethnicity");
  if (ethnicity != NULL)
    {
      c->ethnicity = g_strdup (resolve_code (reading, "ethnicity", ethnicity));
      if (c->ethnicity == NULL)
        {
          add_row_error (reading->report, reading->line,
                         _("unknown ethnicity “%s” (use a DfE code such as WBRI)"), ethnicity);
          ok = FALSE;
        }
    }
  birth = cell (reading, "birth_month");
  if (birth != NULL)
    {
      c->birth_month = ca_import_parse_month (birth);
      if (c->birth_month == NULL)
        {
          add_row_error (reading->report, reading->line,
                         _("“%s” is not a real month or date of birth"), birth);
          ok = FALSE;
        }
    }
  gender = cell (reading, "gender");
  if (gender != NULL)
    {
      c->gender = g_strdup (resolve_code (reading, "gender", gender));
      if (c->gender == NULL)
        {
          add_row_error (reading->report, reading->line, _("unknown gender “%s”"), gender);
          ok = FALSE;
        }
    }

  if (!ok)
    g_clear_pointer (&row, row_free);
  return row;
}

static Row *
read_audit (Reading *reading)
{
  Row *row = g_new0 (Row, 1);
  g_autofree char *case_ref = NULL;
  g_autofree char *auditor = NULL;
  g_autofree char *tool = NULL;
  g_autofree char *grade = NULL;
  g_autofree char *category = NULL;
  const CaImportStaff *staff = NULL;
  gint64 *case_id = NULL;
  gboolean ok;

  ok = require (reading, "case_ref", &case_ref);
  ok = require (reading, "auditor_id", &auditor) && ok;
  ok = require (reading, "tool", &tool) && ok;
  if (parse_date_cell (reading, "audit_date", &row->text[0]) && row->text[0] == NULL)
    {
      add_row_error (reading->report, reading->line, _("the audit date is missing"));
      ok = FALSE;
    }
  else if (row->text[0] == NULL)
    ok = FALSE;

  if (case_ref != NULL && (case_id = g_hash_table_lookup (reading->lookup->cases,
                                                          case_ref)) == NULL)
    {
      add_row_error (reading->report, reading->line, _("unknown case “%s”"), case_ref);
      ok = FALSE;
    }
  if (auditor != NULL && (staff = find_staff (reading, auditor, TRUE)) == NULL)
    ok = FALSE;
  if (tool != NULL)
    {
      const char *code = resolve_code (reading, "tool", tool);

      if (code == NULL ||
          (row->tool = ca_import_lookup_find_tool (reading->lookup, code)) == NULL)
        {
          add_row_error (reading->report, reading->line, _("unknown audit tool “%s”"), tool);
          ok = FALSE;
        }
    }

  grade = cell (reading, "overall_grade");
  if (grade != NULL)
    {
      const char *code = resolve_code (reading, "overall_grade", grade);

      if (code == NULL)
        {
          add_row_error (reading->report, reading->line,
                         _("unknown grade “%s” (use outstanding, good, requires improvement "
                           "or inadequate)"), grade);
          ok = FALSE;
        }
      row->text[1] = g_strdup (code);
    }

  category = cell (reading, "category");
  if (category != NULL)
    {
      const char *code = resolve_code (reading, "category", category);
      guint64 number = 0;

      if (code == NULL ||
          !g_ascii_string_to_unsigned (code, 10, 1, CA_CATEGORY_MAX, &number, NULL))
        {
          add_row_error (reading->report, reading->line,
                         _("unknown category “%s” (use 1, 2, 3 or 4)"), category);
          ok = FALSE;
        }
      row->number = (int) number;
    }
  if (row->number > 0 && row->number <= 2 &&
      g_strcmp0 (row->text[1], "inadequate") != 0)
    {
      add_row_error (reading->report, reading->line,
                     _("category %d is only for an audit graded inadequate"), row->number);
      ok = FALSE;
    }

  if (ok)
    {
      row->id[0] = *case_id;
      row->id[1] = staff->id;
      /* The same audit however its tool is written: by code, by name, in any case. */
      row->key = g_strdup_printf ("%s|%s|%" G_GINT64_FORMAT "|%s", case_ref, staff->ref,
                                  row->tool->tool_id, row->text[0]);
      ok = check_duplicate (reading, row->key, case_ref);
    }

  if (!ok)
    g_clear_pointer (&row, row_free);
  return row;
}

/* Every row's manager must be someone in the file or the database, and following managers
 * up from anyone must end: a circle would make the "line-management chain" rule endless. */
static void
check_managers (CaImportLookup *lookup,
                GPtrArray      *rows,
                GHashTable     *seen,
                CaImportReport *report)
{
  g_autoptr(GHashTable) parents = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, lookup->staff);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CaImportStaff *staff = value;

      if (staff->manager_ref != NULL)
        g_hash_table_insert (parents, staff->ref, staff->manager_ref);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);

      if (row->text[2] != NULL)
        g_hash_table_insert (parents, row->key, row->text[2]);
      else if ((lookup->keep & CA_IMPORT_KEEP_MANAGER) == 0)
        g_hash_table_remove (parents, row->key);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      g_auto(GStrv) cycle = NULL;

      if (row->text[2] == NULL)
        continue;
      /* A manager on a row with problems of its own is known, just not imported. */
      if (!g_hash_table_contains (seen, row->text[2]) &&
          !g_hash_table_contains (lookup->staff, row->text[2]))
        {
          add_row_error (report, row->line, _("unknown line manager “%s”"), row->text[2]);
          continue;
        }
      cycle = ca_import_find_cycle (parents, row->key);
      if (cycle != NULL && g_str_equal (cycle[0], row->key))
        {
          g_autofree char *chain = g_strjoinv (" → ", cycle);

          add_row_error (report, row->line,
                         _("line management goes round in a circle: %s"), chain);
        }
    }
}

static int
compare_errors (gconstpointer a,
                gconstpointer b)
{
  const RowError *x = a, *y = b;

  return (x->line > y->line) - (x->line < y->line);
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  if (cancellable == NULL || !g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error_literal (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_CANCELLED,
                       _("The import was cancelled; nothing was imported."));
  return TRUE;
}

static gboolean
write_rows (CaDatabase      *database,
            CaImportLookup  *lookup,
            CaImportMapping *mapping,
            GPtrArray       *rows,
            CaImportReport  *report,
            GCancellable    *cancellable,
            Progress        *progress,
            GError         **error)
{
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      gboolean inserted = FALSE;
      gboolean ok = TRUE;

      if (i % CANCEL_CHECK_ROWS == 0)
        {
          if (check_cancelled (cancellable, error))
            return FALSE;
          report_progress (progress, 0.5 + 0.5 * i / rows->len);
        }

      switch (mapping->kind)
        {
        case CA_IMPORT_KIND_TEAMS:
          ok = ca_import_store_write_team (database, lookup, row->name, row->text[0],
                                           row->text[1], row->text[2], &inserted, error);
          break;
        case CA_IMPORT_KIND_STAFF:
          ok = ca_import_store_write_staff (database, lookup, row->key, row->name, row->text[0],
                                            row->text[1], row->id[0], row->flag[0], &inserted,
                                            error);
          break;
        case CA_IMPORT_KIND_CASES:
          if (mapping->format == CA_IMPORT_FORMAT_SSDA903_HEADER)
            ok = ca_import_store_enrich_case (database, lookup, &row->case_row, error);
          else
            ok = ca_import_store_write_case (database, lookup, &row->case_row, &inserted,
                                             error);
          break;
        case CA_IMPORT_KIND_AUDITS:
          ok = ca_import_store_write_audit (database, lookup, row->id[0], row->id[1], row->tool,
                                            row->text[0], row->text[1], row->number, &inserted,
                                            error);
          break;
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        {
          /* Only a constraint is about the row; a busy or full database is not the file's
           * fault, and its message says so without a line. */
          if (error != NULL && g_error_matches (*error, CA_DATABASE_ERROR,
                                                CA_DATABASE_ERROR_CONSTRAINT))
            g_prefix_error (error, _("Line %u: "), row->line);
          return FALSE;
        }
      if (inserted)
        report->n_inserted++;
      else
        report->n_updated++;
    }

  if (mapping->kind == CA_IMPORT_KIND_STAFF && (lookup->keep & CA_IMPORT_KEEP_MANAGER) == 0)
    for (guint i = 0; i < rows->len; i++)
      {
        Row *row = g_ptr_array_index (rows, i);

        if (!ca_import_store_set_manager (database, lookup, row->key, row->text[2], error))
          return FALSE;
      }

  return TRUE;
}

static CaImportKeep columns_to_keep (CaImportMapping *mapping);

static void
set_busy (GError **error)
{
  g_set_error_literal (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_BUSY,
                       _("Another import is writing to this database (or another copy of "
                         "Case Audit is saving to it). Nothing was imported: try again when "
                         "it has finished."));
}

/* Takes the database's write lock for the whole run (BEGIN IMMEDIATE): from then on nobody
 * else can add what this run is about to decide is new. Another import holding it is waited
 * for, a busy timeout at a time, up to WRITE_WAIT_SECONDS. */
static gboolean
begin_write (CaDatabase    *database,
             GCancellable  *cancellable,
             GError       **error)
{
  gint64 give_up = g_get_monotonic_time () + WRITE_WAIT_SECONDS * G_USEC_PER_SEC;

  for (;;)
    {
      GError *local_error = NULL;

      if (ca_database_begin (database, &local_error))
        return TRUE;
      if (!g_error_matches (local_error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_LOCKED))
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      g_clear_error (&local_error);
      if (check_cancelled (cancellable, error))
        return FALSE;
      if (g_get_monotonic_time () >= give_up)
        {
          set_busy (error);
          return FALSE;
        }
    }
}

/* Article and noun for "“wizard” is not a role". */
static const char *
code_noun (const char *field)
{
  if (g_str_equal (field, "role"))
    return _("a role");
  if (g_str_equal (field, "tool"))
    return _("an audit tool");
  if (g_str_equal (field, "legal_status"))
    return _("a legal status");
  if (g_str_equal (field, "gender"))
    return _("a gender");
  if (g_str_equal (field, "ethnicity"))
    return _("an ethnicity");
  if (g_str_equal (field, "overall_grade"))
    return _("a grade");
  if (g_str_equal (field, "category"))
    return _("a category");
  return _("yes or no");
}

/* The values the user mapped, each to a code the database has (a role's name will do for
 * its code); a mapping to no code stops the run before anything is read. */
static gboolean
check_given (CaDatabase       *database,
             CaImportMapping  *mapping,
             CaImportLookup   *lookup,
             GHashTable       *given,
             GError          **error)
{
  for (guint i = 0; i < mapping->values->len; i++)
    {
      ValueEntry *entry = mapping->values->pdata[i];
      const char *code;

      /* A value of a field this layout has not (chosen for another layout of the same
       * kind) has nothing to match here, and is neither checked nor remembered. */
      if (field_index (mapping, entry->field) < 0)
        continue;
      if ((code = builtin_code (lookup, entry->field, entry->code)) == NULL)
        {
          g_autoptr(GPtrArray) choices = ca_import_store_list_choices (database, entry->field,
                                                                        NULL);
          g_autofree char *list = join_choices (choices);

          g_set_error (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_BAD_MAPPING,
                       _("“%s” (%s) cannot be mapped to “%s”: “%s” is not %s. It could be: "
                         "%s."), entry->value, entry->field, entry->code, entry->code,
                       code_noun (entry->field), list);
          return FALSE;
        }
      g_hash_table_replace (given, g_strdup (entry->key), (gpointer) code);
    }
  return TRUE;
}

/* The mappings remembered for this kind of file whose codes the database still has; one
 * whose code has gone (a role taken away) is as if never made, so the user is asked again. */
static gboolean
load_remembered (CaDatabase       *database,
                 CaImportMapping  *mapping,
                 CaImportLookup   *lookup,
                 GHashTable       *remembered,
                 GError          **error)
{
  g_autoptr(GPtrArray) values = ca_import_mapping_store_list (database, (int) mapping->kind,
                                                              error);

  if (values == NULL)
    return FALSE;
  for (guint i = 0; i < values->len; i++)
    {
      CaImportRememberedValue *value = values->pdata[i];
      const char *code;

      if (field_index (mapping, value->field) < 0 ||
          (code = builtin_code (lookup, value->field, value->code)) == NULL)
        continue;
      g_free (value->code);
      value->code = g_strdup (code);
      g_hash_table_replace (remembered, value_key (value->field, value->value),
                            g_steal_pointer (&values->pdata[i]));
    }
  return TRUE;
}

/* For a run that did not succeed: what each value that matched nothing could be. */
static gboolean
add_choices (CaDatabase      *database,
             CaImportReport  *report,
             GError         **error)
{
  for (guint i = 0; i < report->unmatched->len; i++)
    {
      UnmatchedEntry *entry = report->unmatched->pdata[i];
      GPtrArray *choices;

      if (g_hash_table_contains (report->choices, entry->field))
        continue;
      if ((choices = ca_import_store_list_choices (database, entry->field, error)) == NULL)
        return FALSE;
      g_hash_table_insert (report->choices, g_strdup (entry->field), choices);
    }
  return TRUE;
}

static gboolean
note_remembered (CaDatabase      *database,
                 Reading         *reading,
                 CaImportReport  *report,
                 GError         **error)
{
  GHashTableIter iter;
  gpointer key;
  g_autoptr(GPtrArray) used = g_ptr_array_new ();

  g_hash_table_iter_init (&iter, reading->used);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (used, key);
  for (guint i = 0; i < used->len; i++)
    {
      CaImportRememberedValue *value = used->pdata[i];
      g_autoptr(GPtrArray) choices = ca_import_store_list_choices (database, value->field,
                                                                    error);
      g_autofree char *field = field_in_sentence (report->kind, report->format, value->field);
      const char *label = value->code;

      if (choices == NULL)
        return FALSE;
      for (guint c = 0; c < choices->len; c++)
        if (g_str_equal (((CaImportChoice *) choices->pdata[c])->code, value->code))
          label = ((CaImportChoice *) choices->pdata[c])->label;
      add_note (report, _("Used the remembered mapping of %s “%s” to %s (%s): change or remove "
                          "it in Preferences, under Import Mappings."), field, value->value,
                label, value->code);
    }
  return TRUE;
}

/* Audits an earlier version stored twice stay until someone decides; every audit history
 * imported says so. */
static gboolean
note_audit_copies (CaDatabase      *database,
                   CaImportReport  *report,
                   GError         **error)
{
  g_autoptr(GArray) pairs = ca_import_store_list_audit_copies (database, error);
  g_autoptr(GString) list = NULL;
  guint n;

  if (pairs == NULL)
    return FALSE;
  if ((n = pairs->len / 2) == 0)
    return TRUE;
  list = g_string_new (NULL);
  for (guint i = 0; i < pairs->len; i += 2)
    /* Translators: audit numbers: the copy, then the audit it copies. */
    g_string_append_printf (list, _("%s%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT),
                            i > 0 ? ", " : "", g_array_index (pairs, gint64, i),
                            g_array_index (pairs, gint64, i + 1));
  add_note (report, ngettext ("%u audit was stored twice by an earlier version of Case Audit. "
                              "It is kept, marked as a copy (audit %s); no audit can be stored "
                              "twice now.",
                              "%u audits were stored twice by an earlier version of Case Audit. "
                              "They are kept, each marked as a copy of the first (audits %s); "
                              "no audit can be stored twice now.", n), n, list->str);
  return TRUE;
}

static CaImportReport *
read_and_write (CaDatabase       *database,
                CaImportMapping  *mapping,
                CaImportPreview  *preview,
                GCancellable     *cancellable,
                Progress         *progress,
                GError          **error)
{
  g_autoptr(CaCsvReader) reader = NULL;
  g_autoptr(CaImportReport) report = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GHashTable) given = NULL;
  g_autoptr(GHashTable) remembered = NULL;
  g_autoptr(GHashTable) used = NULL;
  g_autoptr(GHashTable) unmatched = NULL;
  g_auto(GStrv) header = NULL;
  CaImportLookup *lookup = NULL;
  Reading reading = { 0 };
  goffset size;
  guint n_columns;
  gboolean ok;

  if (!ca_import_mapping_check (mapping, error))
    return NULL;
  reader = ca_csv_reader_new_for_bytes (preview->text);
  if ((header = ca_csv_reader_read_record (reader, cancellable, error)) == NULL)
    return NULL;

  n_columns = g_strv_length (header);
  for (guint i = 0; i < mapping->layout.n_fields; i++)
    if (mapping->columns[i] >= (int) n_columns)
      {
        g_set_error (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_MISSING_COLUMN,
                     _("The file has %u columns, fewer than the column chosen for the %s."),
                     n_columns, ca_import_field_get_label (&mapping->layout.fields[i]));
        return NULL;
      }

  report = g_object_new (CA_TYPE_IMPORT_REPORT, NULL);
  report->kind = mapping->kind;
  report->format = mapping->format;
  report->encoding = preview->encoding;
  if (preview->encoding == CA_IMPORT_ENCODING_WINDOWS_1252)
    add_note (report, _("The file was read as Windows-1252, as it is not UTF-8 text."));

  /* Everything from here on sees the database as no one else can change it until the end:
   * whether a row is new or an update is decided here, not before. */
  if (!begin_write (database, cancellable, error))
    return NULL;

  given = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  remembered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) ca_import_remembered_value_free);
  if ((lookup = ca_import_store_load_lookup (database, mapping->kind, mapping->format,
                                             error)) == NULL ||
      !check_given (database, mapping, lookup, given, error) ||
      !load_remembered (database, mapping, lookup, remembered, error))
    goto failed;

  lookup->keep = columns_to_keep (mapping);

  rows = g_ptr_array_new_with_free_func (row_free);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  used = g_hash_table_new (NULL, NULL);
  unmatched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reading.mapping = mapping;
  reading.lookup = lookup;
  reading.report = report;
  reading.seen = seen;
  reading.given = given;
  reading.remembered = remembered;
  reading.used = used;
  reading.unmatched = unmatched;
  size = ca_csv_reader_get_size (reader);

  for (guint n = 0;; n++)
    {
      GError *local_error = NULL;
      g_auto(GStrv) record = ca_csv_reader_read_record (reader, cancellable, &local_error);
      guint length;
      Row *row = NULL;

      if (record == NULL)
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              goto failed;
            }
          break;
        }

      if (n % CANCEL_CHECK_ROWS == 0)
        {
          if (check_cancelled (cancellable, error))
            goto failed;
          if (size > 0)
            report_progress (progress, 0.5 * ca_csv_reader_get_position (reader) / size);
        }

      report->n_rows++;
      reading.record = record;
      reading.line = ca_csv_reader_get_line (reader);
      length = g_strv_length (record);
      if (length != n_columns)
        {
          add_row_error (report, reading.line,
                         ngettext ("the row has %u value but the header has %u columns",
                                   "the row has %u values but the header has %u columns",
                                   length), length, n_columns);
          continue;
        }
      if (!check_lengths (&reading))
        continue;

      switch (mapping->kind)
        {
        case CA_IMPORT_KIND_TEAMS:
          row = read_team (&reading);
          break;
        case CA_IMPORT_KIND_STAFF:
          row = read_staff (&reading);
          break;
        case CA_IMPORT_KIND_CASES:
          row = read_case (&reading);
          break;
        case CA_IMPORT_KIND_AUDITS:
          row = read_audit (&reading);
          break;
        default:
          g_assert_not_reached ();
        }
      if (row != NULL)
        {
          row->line = reading.line;
          g_ptr_array_add (rows, row);
        }
    }

  if (mapping->kind == CA_IMPORT_KIND_STAFF)
    check_managers (lookup, rows, seen, report);

  if (report->errors->len > 0)
    {
      g_array_sort (report->errors, compare_errors);
      if (!add_choices (database, report, error) ||
          !note_remembered (database, &reading, report, error))
        goto failed;
      ca_database_rollback (database);
      ca_import_lookup_free (lookup);
      return g_steal_pointer (&report);
    }

  ok = write_rows (database, lookup, mapping, rows, report, cancellable, progress, error);
  /* What the user chose in the window is remembered with the import that used it. */
  for (guint i = 0; ok && mapping->remember_values && i < mapping->values->len; i++)
    {
      ValueEntry *entry = mapping->values->pdata[i];
      const char *code = g_hash_table_lookup (given, entry->key);

      if (code != NULL)
        ok = ca_import_mapping_store_save (database, mapping->kind, entry->field, entry->value,
                                           code, error);
    }
  ok = ok && note_remembered (database, &reading, report, error) &&
       (mapping->kind != CA_IMPORT_KIND_AUDITS || note_audit_copies (database, report, error)) &&
       !check_cancelled (cancellable, error);
  if (ok)
    {
      GError *local_error = NULL;

      if (!ca_database_commit (database, &local_error))
        {
          if (g_error_matches (local_error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_LOCKED))
            {
              g_clear_error (&local_error);
              set_busy (&local_error);
            }
          g_propagate_error (error, local_error);
          ok = FALSE;
        }
    }
  if (!ok)
    goto failed;
  ca_import_lookup_free (lookup);

  report_progress (progress, 1.0);
  return g_steal_pointer (&report);

failed:
  ca_database_rollback (database);
  ca_import_lookup_free (lookup);
  return NULL;
}

/* The optional fields no column holds: a re-import leaves them as they are. */
static CaImportKeep
columns_to_keep (CaImportMapping *mapping)
{
  static const struct { CaImportKind kind; const char *field; CaImportKeep flag; } optional[] = {
    { CA_IMPORT_KIND_TEAMS, "auditor_group", CA_IMPORT_KEEP_GROUP },
    { CA_IMPORT_KIND_STAFF, "email", CA_IMPORT_KEEP_EMAIL },
    { CA_IMPORT_KIND_STAFF, "team", CA_IMPORT_KEEP_TEAM },
    { CA_IMPORT_KIND_STAFF, "active", CA_IMPORT_KEEP_ACTIVE },
    { CA_IMPORT_KIND_STAFF, "line_manager_id", CA_IMPORT_KEEP_MANAGER },
    { CA_IMPORT_KIND_CASES, "allocated_worker_id", CA_IMPORT_KEEP_WORKER },
    { CA_IMPORT_KIND_CASES, "close_date", CA_IMPORT_KEEP_CLOSE_DATE },
    { CA_IMPORT_KIND_CASES, "ethnicity", CA_IMPORT_KEEP_ETHNICITY },
    { CA_IMPORT_KIND_CASES, "birth_month", CA_IMPORT_KEEP_BIRTH_MONTH },
    { CA_IMPORT_KIND_CASES, "gender", CA_IMPORT_KEEP_GENDER },
    { CA_IMPORT_KIND_CASES, "disability", CA_IMPORT_KEEP_DISABILITY },
    { CA_IMPORT_KIND_CASES, "restricted", CA_IMPORT_KEEP_RESTRICTED },
  };
  CaImportKeep keep = 0;

  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    if (optional[i].kind == mapping->kind &&
        ca_import_mapping_get_column (mapping, optional[i].field) < 0)
      keep |= optional[i].flag;
  return keep;
}

/* Cancelling while the file is read comes back from GIO as its own error; the caller sees
 * one kind of "cancelled" whenever it happened. */
static CaImportReport *
run_import (CaDatabase       *database,
            CaImportMapping  *mapping,
            CaImportPreview  *preview,
            GCancellable     *cancellable,
            Progress         *progress,
            GError          **error)
{
  GError *local_error = NULL;
  CaImportReport *report = read_and_write (database, mapping, preview, cancellable, progress,
                                           &local_error);

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&local_error);
      g_set_error_literal (&local_error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_CANCELLED,
                           _("The import was cancelled; nothing was imported."));
    }
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return report;
}

/**
 * ca_import_run:
 *
 * Reads every row of @preview (the file as read once) as @mapping says, checks each against
 * the database and the rest of the file, and writes them all, in the one write transaction
 * the checks were made in, only when every row is good.
 *
 * Returns: (transfer full): the report (see ca_import_report_get_succeeded), or %NULL with
 * @error when the run could not finish.
 */
CaImportReport *
ca_import_run (CaDatabase       *database,
               CaImportMapping  *mapping,
               CaImportPreview  *preview,
               GCancellable     *cancellable,
               GError          **error)
{
  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CA_IS_IMPORT_MAPPING (mapping), NULL);
  g_return_val_if_fail (CA_IS_IMPORT_PREVIEW (preview), NULL);

  return run_import (database, mapping, preview, cancellable, NULL, error);
}


typedef struct
{
  CaDatabase      *database;
  CaImportMapping *mapping;
  CaImportPreview *preview;
  Progress        *progress;
} RunData;

static void
run_data_free (RunData *data)
{
  g_object_unref (data->database);
  g_object_unref (data->mapping);
  g_object_unref (data->preview);
  progress_unref (data->progress);
  g_free (data);
}

static gboolean
release_progress_cb (gpointer data)
{
  progress_unref (data);
  return G_SOURCE_REMOVE;
}

/* Always through the context, even when no one is running it yet: the caller's functions
 * must not be called on the worker thread. */
static void
call_on_context (GMainContext   *context,
                 GSourceFunc     func,
                 gpointer        data,
                 GDestroyNotify  notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[ca-import] progress");
  g_source_attach (source, context);
}

static void
release_progress (Progress *progress)
{
  call_on_context (progress->context, release_progress_cb, progress, NULL);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  GError *error = NULL;
  g_autoptr(CaDatabase) connection = ca_database_open_another (data->database, &error);
  CaImportReport *report;

  if (connection == NULL)
    {
      release_progress (g_steal_pointer (&data->progress));
      g_task_return_error (task, error);
      return;
    }
  report = run_import (connection, data->mapping, data->preview, cancellable, data->progress,
                       &error);

  /* Released on the caller's context, queued after the last progress call and before the
   * result: by the time the callback runs, progress_data is no longer used. */
  release_progress (g_steal_pointer (&data->progress));

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, g_object_unref);
}

/**
 * ca_import_run_async:
 * @progress: (nullable) (scope notified): called on this thread's main context
 * @progress_notify: (nullable): called on that context too, before @callback
 *
 * Runs ca_import_run on a worker thread with its own connection to @database. Cancelling
 * stops it and writes nothing.
 */
void
ca_import_run_async (CaDatabase           *database,
                     CaImportMapping      *mapping,
                     CaImportPreview      *preview,
                     GCancellable         *cancellable,
                     CaImportProgressFunc  progress,
                     gpointer              progress_data,
                     GDestroyNotify        progress_notify,
                     GAsyncReadyCallback   callback,
                     gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (CA_IS_DATABASE (database));
  g_return_if_fail (CA_IS_IMPORT_MAPPING (mapping));
  g_return_if_fail (CA_IS_IMPORT_PREVIEW (preview));

  data = g_new0 (RunData, 1);
  data->database = g_object_ref (database);
  data->mapping = g_object_ref (mapping);
  data->preview = g_object_ref (preview);
  data->progress = g_new0 (Progress, 1);
  g_atomic_ref_count_init (&data->progress->ref_count);
  data->progress->context = g_main_context_ref_thread_default ();
  data->progress->func = progress;
  data->progress->data = progress_data;
  data->progress->notify = progress_notify;
  data->progress->last = -1.0;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_import_run_async);
  /* The run says itself whether it was cancelled before or after it committed. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

CaImportReport *
ca_import_run_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
