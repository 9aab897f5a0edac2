// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "ca-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-csv-reader.h"
#include "ca-import.h"
#include "ca-import-store.h"
#include "core/ca-grade.h"
#include "core/ca-import-rules.h"

/* How often, in rows, a run looks at its cancellable. */
#define CANCEL_CHECK_ROWS 256

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

struct _CaImportMapping
{
  GObject         parent_instance;
  CaImportKind    kind;
  CaImportFormat  format;
  guint           n_columns;
  Layout          layout;
  int            *columns;
};

G_DEFINE_FINAL_TYPE (CaImportMapping, ca_import_mapping, G_TYPE_OBJECT)

static void
ca_import_mapping_finalize (GObject *object)
{
  CaImportMapping *self = CA_IMPORT_MAPPING (object);

  g_free (self->columns);
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

/* The preview */

struct _CaImportPreview
{
  GObject     parent_instance;
  char      **header;
  GPtrArray  *rows;
  GArray     *lines;
};

G_DEFINE_FINAL_TYPE (CaImportPreview, ca_import_preview, G_TYPE_OBJECT)

static void
ca_import_preview_finalize (GObject *object)
{
  CaImportPreview *self = CA_IMPORT_PREVIEW (object);

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
 * ca_import_preview_read:
 * @max_rows: how many rows after the header to read
 *
 * Returns: (transfer full): the header and up to @max_rows rows, or %NULL with the reader's
 * error (empty, too large, malformed in the rows read).
 */
CaImportPreview *
ca_import_preview_read (GFile         *file,
                        guint          max_rows,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(CaCsvReader) reader = NULL;
  g_autoptr(CaImportPreview) self = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if ((reader = ca_csv_reader_new_for_file (file, cancellable, error)) == NULL)
    return NULL;

  self = g_object_new (CA_TYPE_IMPORT_PREVIEW, NULL);
  if ((self->header = ca_csv_reader_read_record (reader, cancellable, error)) == NULL)
    return NULL;

  while (self->rows->len < max_rows)
    {
      GError *local_error = NULL;
      char **row = ca_csv_reader_read_record (reader, cancellable, &local_error);
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

/* The report */

typedef struct
{
  guint  line;
  char  *message;
} RowError;

struct _CaImportReport
{
  GObject       parent_instance;
  CaImportKind  kind;
  guint         n_rows;
  guint         n_inserted;
  guint         n_updated;
  GArray       *errors;
};

G_DEFINE_FINAL_TYPE (CaImportReport, ca_import_report, G_TYPE_OBJECT)

static void
row_error_clear (gpointer data)
{
  RowError *error = data;

  g_free (error->message);
}

static void
ca_import_report_finalize (GObject *object)
{
  CaImportReport *self = CA_IMPORT_REPORT (object);

  g_array_unref (self->errors);
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
  GHashTable       *seen;  /* key → first line */
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

static const char *
required_label (Reading    *reading,
                const char *field)
{
  guint n;
  const CaImportField *fields = ca_import_get_fields (reading->mapping->kind,
                                                      reading->mapping->format, &n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (fields[i].name, field))
      return ca_import_field_get_label (&fields[i]);
  return field;
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
  label = g_utf8_strdown (required_label (reading, field), -1);
  add_row_error (reading->report, reading->line, _("the %s is missing"), label);
  return FALSE;
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
  if ((*date = ca_import_parse_date (text)) == NULL)
    {
      add_row_error (reading->report, reading->line,
                     _("“%s” is not a real date (write dates as YYYY-MM-DD or DD/MM/YYYY)"),
                     text);
      return FALSE;
    }
  return TRUE;
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
      g_autofree char *key = fold (role);
      const char *code = g_hash_table_lookup (reading->lookup->roles, key);

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
  if (active != NULL && !ca_import_parse_flag (active, &row->flag[0]))
    {
      add_row_error (reading->report, reading->line,
                     _("“%s” is not a yes or no for active (use yes, no, 1 or 0)"), active);
      ok = FALSE;
    }
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

static gboolean
read_flag_cell (Reading    *reading,
                const char *field,
                gboolean   *value)
{
  g_autofree char *text = cell (reading, field);
  g_autofree char *label = NULL;

  *value = FALSE;
  if (text == NULL || ca_import_parse_flag (text, value))
    return TRUE;
  label = g_utf8_strdown (required_label (reading, field), -1);
  add_row_error (reading->report, reading->line,
                 _("“%s” is not a yes or no for %s (use yes, no, 1 or 0)"), text, label);
  return FALSE;
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
          c->legal_status = g_strdup (ca_import_normalise_legal_status (status));
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
      c->ethnicity = g_strdup (ca_import_normalise_ethnicity (ethnicity));
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
      c->gender = g_strdup (ca_import_normalise_gender (gender));
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
      g_autofree char *key = fold (tool);

      if ((row->tool = g_hash_table_lookup (reading->lookup->tools, key)) == NULL)
        {
          add_row_error (reading->report, reading->line, _("unknown audit tool “%s”"), tool);
          ok = FALSE;
        }
    }

  grade = cell (reading, "overall_grade");
  if (grade != NULL)
    {
      const char *code = NULL;

      if (!ca_import_normalise_grade (grade, &code))
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
      const char *digits = category;
      guint64 number = 0;

      if (g_ascii_strncasecmp (digits, "category", 8) == 0)
        digits = g_strchug ((char *) digits + 8);
      if (!g_ascii_string_to_unsigned (digits, 10, 1, CA_CATEGORY_MAX, &number, NULL))
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
      g_autofree char *tool_key = fold (tool);

      row->key = g_strdup_printf ("%s|%s|%s|%s", case_ref, staff->ref, tool_key, row->text[0]);
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

static CaImportReport *
read_and_write (CaDatabase       *database,
                CaImportMapping  *mapping,
                GFile            *file,
                GCancellable     *cancellable,
                Progress         *progress,
                GError          **error)
{
  g_autoptr(CaCsvReader) reader = NULL;
  g_autoptr(CaImportReport) report = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_auto(GStrv) header = NULL;
  CaImportLookup *lookup = NULL;
  Reading reading = { 0 };
  goffset size;
  guint n_columns;
  gboolean ok;

  if (!ca_import_mapping_check (mapping, error))
    return NULL;
  if ((reader = ca_csv_reader_new_for_file (file, cancellable, error)) == NULL)
    return NULL;
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

  if ((lookup = ca_import_store_load_lookup (database, mapping->kind, mapping->format,
                                             error)) == NULL)
    return NULL;

  lookup->keep = columns_to_keep (mapping);

  report = g_object_new (CA_TYPE_IMPORT_REPORT, NULL);
  report->kind = mapping->kind;
  rows = g_ptr_array_new_with_free_func (row_free);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reading.mapping = mapping;
  reading.lookup = lookup;
  reading.report = report;
  reading.seen = seen;
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
              ca_import_lookup_free (lookup);
              return NULL;
            }
          break;
        }

      if (n % CANCEL_CHECK_ROWS == 0)
        {
          if (check_cancelled (cancellable, error))
            {
              ca_import_lookup_free (lookup);
              return NULL;
            }
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
      ca_import_lookup_free (lookup);
      return g_steal_pointer (&report);
    }

  if (!ca_database_begin (database, error))
    {
      ca_import_lookup_free (lookup);
      return NULL;
    }
  ok = write_rows (database, lookup, mapping, rows, report, cancellable, progress, error) &&
       !check_cancelled (cancellable, error) &&
       ca_database_commit (database, error);
  if (!ok)
    ca_database_rollback (database);
  ca_import_lookup_free (lookup);
  if (!ok)
    return NULL;

  report_progress (progress, 1.0);
  return g_steal_pointer (&report);
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
            GFile            *file,
            GCancellable     *cancellable,
            Progress         *progress,
            GError          **error)
{
  GError *local_error = NULL;
  CaImportReport *report = read_and_write (database, mapping, file, cancellable, progress,
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
 * Reads every row of @file as @mapping says, checks each against the database and the rest
 * of the file, and writes them all in one transaction only when every row is good.
 *
 * Returns: (transfer full): the report (see ca_import_report_get_succeeded), or %NULL with
 * @error when the run could not finish.
 */
CaImportReport *
ca_import_run (CaDatabase       *database,
               CaImportMapping  *mapping,
               GFile            *file,
               GCancellable     *cancellable,
               GError          **error)
{
  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CA_IS_IMPORT_MAPPING (mapping), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return run_import (database, mapping, file, cancellable, NULL, error);
}


typedef struct
{
  CaDatabase      *database;
  CaImportMapping *mapping;
  GFile           *file;
  Progress        *progress;
} RunData;

static void
run_data_free (RunData *data)
{
  g_object_unref (data->database);
  g_object_unref (data->mapping);
  g_object_unref (data->file);
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
  report = run_import (connection, data->mapping, data->file, cancellable, data->progress,
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
                     GFile                *file,
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
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (RunData, 1);
  data->database = g_object_ref (database);
  data->mapping = g_object_ref (mapping);
  data->file = g_object_ref (file);
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
