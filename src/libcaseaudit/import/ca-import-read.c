// SPDX-License-Identifier: GPL-3.0-or-later
// Reading one row for a run: each value checked, every problem reported with its line.

#define G_LOG_DOMAIN "ca-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-import-private.h"
#include "core/ca-grade.h"

void
ca_import_row_free (gpointer data)
{
  CaImportRow *row = data;

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
  g_clear_pointer (&row->grades, g_ptr_array_unref);
  g_free (row);
}

/* Reports a problem with the row being read. */
G_GNUC_PRINTF (2, 3)
static void
add_row_error (CaImportReading *reading,
               const char      *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  ca_import_report_add_row_error (reading->report, reading->line, "%s", message);
}

/* The trimmed value of @field in the record, or NULL when it is empty or not mapped. */
static char *
cell (CaImportReading *reading,
      const char      *field)
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

static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *x = ca_import_fold_name (a);
  g_autofree char *y = ca_import_fold_name (b);

  return g_str_equal (x, y);
}

/* The field's label for the middle of a sentence: "the case reference", "the staff ID". */
static char *
field_label (CaImportReading *reading,
             const char      *field)
{
  return ca_import_field_in_sentence (reading->mapping->kind, reading->mapping->format, field);
}

/* Returns: FALSE (and reports the row) when a required value is empty. */
static gboolean
require (CaImportReading *reading,
         const char      *field,
         char           **value)
{
  g_autofree char *label = NULL;

  *value = cell (reading, field);
  if (*value != NULL)
    return TRUE;
  label = field_label (reading, field);
  add_row_error (reading, _("the %s is missing"), label);
  return FALSE;
}

/* Every value no longer than a value may be: a 50 MB "case reference" is a mistake, and
 * would reach every list and report. Returns: FALSE (and reports each) when one is. */
static gboolean
check_lengths (CaImportReading *reading)
{
  const CaImportLayout *layout = &reading->mapping->layout;
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

        add_row_error (reading, _("the %s is %ld characters long; it may have at most %d"), label,
                       length, CA_IMPORT_MAX_VALUE_CHARS);
      }
      ok = FALSE;
    }
  return ok;
}


/* Returns: FALSE when the key was already on an earlier line of the file (and says which). */
static gboolean
check_duplicate (CaImportReading *reading,
                 const char      *key,
                 const char      *shown)
{
  gpointer first = g_hash_table_lookup (reading->seen, key);

  if (first != NULL)
    {
      add_row_error (reading, _("“%s” is in the file twice (first on line %u)"), shown,
                     GPOINTER_TO_UINT (first));
      return FALSE;
    }
  g_hash_table_insert (reading->seen, g_strdup (key), GUINT_TO_POINTER (reading->line));
  return TRUE;
}

static gboolean
parse_date_cell (CaImportReading *reading,
                 const char      *field,
                 char           **date)
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
      add_row_error (reading,
                     _("“%s” is not a real date (dates are read day first, as DD/MM/YYYY, or "
                       "as YYYY-MM-DD)"), text);
      break;
    case CA_IMPORT_DATE_TWO_DIGIT_YEAR:
      add_row_error (reading,
                     _("“%s” has a two-digit year, which could be in either century: write "
                       "the year in full, as DD/MM/YYYY or YYYY-MM-DD"), text);
      break;
    case CA_IMPORT_DATE_UNKNOWN_FORM:
    default:
      add_row_error (reading,
                     _("“%s” is not a date in a form Case Audit reads: write it as DD/MM/YYYY "
                       "(day first), YYYY-MM-DD or 4 Jan 2021"), text);
      break;
    }
  return FALSE;
}

/* Returns: FALSE (and reports the row) when a required date is empty or no date. */
static gboolean
require_date (CaImportReading *reading,
              const char      *field,
              char           **date)
{
  g_autofree char *label = NULL;

  if (!parse_date_cell (reading, field, date))
    return FALSE;
  if (*date != NULL)
    return TRUE;
  label = field_label (reading, field);
  add_row_error (reading, _("the %s is missing"), label);
  return FALSE;
}

static const CaImportTeam *
find_team (CaImportReading *reading,
           const char      *name)
{
  g_autofree char *key = ca_import_fold_name (name);
  const CaImportTeam *team = g_hash_table_lookup (reading->lookup->teams, key);

  if (team == NULL)
    add_row_error (reading, _("unknown team “%s”"), name);
  return team;
}

/* Who a member of staff is on the row, for the message when nobody is found. */
typedef enum
{
  STAFF_WORKER,
  STAFF_AUDITOR,
  STAFF_MODERATOR,
} StaffRole;

/* A member of staff by reference, or by a name only one person has. */
static const CaImportStaff *
find_staff (CaImportReading *reading,
            const char      *text,
            StaffRole        role)
{
  const CaImportStaff *staff = g_hash_table_lookup (reading->lookup->staff, text);
  g_autofree char *key = NULL;
  const char *ref;

  if (staff != NULL)
    return staff;
  key = ca_import_fold_name (text);
  ref = g_hash_table_lookup (reading->lookup->staff_names, key);
  if (ref != NULL && *ref == '\0')
    {
      add_row_error (reading,
                     _("more than one member of staff is called “%s”; give their staff ID "
                       "instead"), text);
      return NULL;
    }
  if (ref != NULL)
    return g_hash_table_lookup (reading->lookup->staff, ref);
  switch (role)
    {
    case STAFF_AUDITOR:
      add_row_error (reading, _("unknown auditor “%s”"), text);
      break;
    case STAFF_MODERATOR:
      add_row_error (reading, _("unknown moderator “%s”: no member of staff has that staff ID "
                                "or name"), text);
      break;
    case STAFF_WORKER:
    default:
      add_row_error (reading, _("unknown worker “%s”"), text);
      break;
    }
  return NULL;
}

/* The id of the case CASE_REF, or NULL with the row's error added. */
static gint64 *
find_case (CaImportReading *reading,
           const char      *case_ref)
{
  gint64 *case_id = g_hash_table_lookup (reading->lookup->cases, case_ref);

  if (case_id == NULL)
    add_row_error (reading, _("unknown case “%s”"), case_ref);
  return case_id;
}

/* The audit tool TEXT names (through the file's mapping), or NULL with the row's error
 * added. */
static const CaImportTool *
find_tool (CaImportReading *reading,
           const char      *text)
{
  const char *code = ca_import_resolve_code (reading, "tool", text);
  const CaImportTool *tool = NULL;

  if (code == NULL || (tool = ca_import_lookup_find_tool (reading->lookup, code)) == NULL)
    add_row_error (reading, _("unknown audit tool “%s”"), text);
  return tool;
}

/* The overall grade TEXT names (through the file's mapping) as its code, into text[1] of an
 * audit's or a moderation's ROW; none when TEXT is NULL. FALSE with the row's error added
 * when TEXT names no grade. */
static gboolean
read_overall_grade (CaImportReading *reading,
                    const char      *text,
                    CaImportRow     *row)
{
  const char *code;

  if (text == NULL)
    return TRUE;
  code = ca_import_resolve_code (reading, "overall_grade", text);
  if (code == NULL)
    {
      add_row_error (reading,
                     _("unknown grade “%s” (use outstanding, good, requires improvement "
                       "or inadequate)"), text);
      return FALSE;
    }
  row->text[1] = g_strdup (code);
  return TRUE;
}

static gboolean
read_team (CaImportReading *reading,
           CaImportRow     *row)
{
  gboolean ok;

  ok = require (reading, "team", &row->name);
  ok = require (reading, "service_area", &row->text[0]) && ok;
  ok = require (reading, "locality", &row->text[1]) && ok;
  row->text[2] = cell (reading, "auditor_group");
  if (row->name != NULL)
    {
      row->key = ca_import_fold_name (row->name);
      ok = check_duplicate (reading, row->key, row->name) && ok;
    }
  return ok;
}

/* A yes or no; TEXT NULL (an empty cell) leaves VALUE as it is. */
static gboolean
read_flag (CaImportReading *reading,
           const char      *field,
           const char      *text,
           gboolean        *value)
{
  g_autofree char *label = NULL;
  const char *code;

  if (text == NULL)
    return TRUE;
  if ((code = ca_import_resolve_code (reading, field, text)) != NULL)
    {
      *value = g_str_equal (code, "yes");
      return TRUE;
    }
  label = field_label (reading, field);
  add_row_error (reading,
                 _("“%s” is not a yes or no for %s (use yes, no, y, n, true, false, 1 or 0)"),
                 text, label);
  return FALSE;
}

static gboolean
read_flag_cell (CaImportReading *reading,
                const char      *field,
                gboolean        *value)
{
  g_autofree char *text = cell (reading, field);

  *value = FALSE;
  return read_flag (reading, field, text, value);
}

static gboolean
read_staff (CaImportReading *reading,
            CaImportRow     *row)
{
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
      const char *code = ca_import_resolve_code (reading, "role", role);

      if (code == NULL)
        {
          add_row_error (reading, _("unknown role “%s”"), role);
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
      add_row_error (reading, _("“%s” is given as their own line manager"), row->key);
      ok = FALSE;
    }

  return ok;
}

static gboolean
read_case (CaImportReading *reading,
           CaImportRow     *row)
{
  CaImportFormat format = reading->mapping->format;
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
          add_row_error (reading,
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
              add_row_error (reading, _("team “%s” is in the service area “%s”, not “%s”"), team,
                             found->service_area, service_area);
              ok = FALSE;
            }
        }

      locality = cell (reading, "locality");
      if (locality != NULL)
        {
          g_autofree char *key = ca_import_fold_name (locality);
          gint64 *id = g_hash_table_lookup (reading->lookup->localities, key);

          if (id == NULL)
            {
              add_row_error (reading, _("unknown locality “%s”"), locality);
              ok = FALSE;
            }
          else
            c->locality_id = *id;
        }

      worker = cell (reading, "allocated_worker_id");
      if (worker != NULL)
        {
          const CaImportStaff *staff = find_staff (reading, worker, STAFF_WORKER);

          ok = (staff != NULL) && ok;
          c->worker_id = staff != NULL ? staff->id : 0;
        }

      ok = require_date (reading, "open_date", &c->open_date) && ok;
      ok = parse_date_cell (reading, "close_date", &c->close_date) && ok;
      if (c->open_date != NULL && c->close_date != NULL &&
          strcmp (c->close_date, c->open_date) < 0)
        {
          add_row_error (reading, _("the close date %s is before the open date %s"), c->close_date,
                         c->open_date);
          ok = FALSE;
        }

      if (format == CA_IMPORT_FORMAT_ANNEX_A_7)
        c->legal_status = g_strdup ("child-protection");
      else if (format == CA_IMPORT_FORMAT_ANNEX_A_8)
        c->legal_status = g_strdup ("looked-after");
      else if (require (reading, "legal_status", &status))
        {
          c->legal_status = g_strdup (ca_import_resolve_code (reading, "legal_status", status));
          if (c->legal_status == NULL)
            {
              add_row_error (reading, _("unknown legal status “%s”"), status);
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
      c->ethnicity = g_strdup (ca_import_resolve_code (reading, "ethnicity", ethnicity));
      if (c->ethnicity == NULL)
        {
          add_row_error (reading,
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
          add_row_error (reading, _("“%s” is not a real month or date of birth: write it as "
                                     "07/2015, 2015-07, July 2015 or a whole date such as "
                                     "14/07/2015"), birth);
          ok = FALSE;
        }
    }
  gender = cell (reading, "gender");
  if (gender != NULL)
    {
      c->gender = g_strdup (ca_import_resolve_code (reading, "gender", gender));
      if (c->gender == NULL)
        {
          add_row_error (reading, _("unknown gender “%s”"), gender);
          ok = FALSE;
        }
    }

  return ok;
}

static gboolean
read_audit (CaImportReading *reading,
            CaImportRow     *row)
{
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
  ok = require_date (reading, "audit_date", &row->text[0]) && ok;

  if (case_ref != NULL && (case_id = find_case (reading, case_ref)) == NULL)
    ok = FALSE;
  if (auditor != NULL && (staff = find_staff (reading, auditor, STAFF_AUDITOR)) == NULL)
    ok = FALSE;
  if (tool != NULL && (row->tool = find_tool (reading, tool)) == NULL)
    ok = FALSE;

  grade = cell (reading, "overall_grade");
  ok = read_overall_grade (reading, grade, row) && ok;

  category = cell (reading, "category");
  if (category != NULL)
    {
      const char *code = ca_import_resolve_code (reading, "category", category);
      guint64 number = 0;

      if (code == NULL ||
          !g_ascii_string_to_unsigned (code, 10, 1, CA_CATEGORY_MAX, &number, NULL))
        {
          add_row_error (reading, _("unknown category “%s” (use 1, 2, 3 or 4)"), category);
          ok = FALSE;
        }
      row->number = (int) number;
    }
  if (row->number > 0 && row->number <= 2 &&
      g_strcmp0 (row->text[1], "inadequate") != 0)
    {
      add_row_error (reading,
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

  return ok;
}

/* Moderation history ----------------------------------------------------------------- */

static void
grade_column_free (gpointer data)
{
  CaImportGradeColumn *column = data;

  g_free (column->name);
  g_free (column->key);
  g_free (column);
}

/**
 * ca_import_find_grade_columns:
 * @header: the file's first record
 *
 * The columns of a moderation history that hold sections' grades: each column no field is
 * read from whose name ends in "grade" ("assessment_grade", "Planning Grade"). Which section
 * each names depends on the audit tool of each row, so they are matched row by row.
 *
 * Returns: (transfer full) (element-type CaImportGradeColumn): the columns, perhaps none
 */
GPtrArray *
ca_import_find_grade_columns (CaImportMapping    *mapping,
                              const char * const *header)
{
  GPtrArray *columns = g_ptr_array_new_with_free_func (grade_column_free);

  for (int i = 0; header[i] != NULL; i++)
    {
      g_autofree char *folded = ca_import_fold_value (header[i]);
      gsize length = strlen (folded);
      gboolean mapped = FALSE;
      CaImportGradeColumn *column;

      for (guint f = 0; f < mapping->layout.n_fields && !mapped; f++)
        mapped = (mapping->columns[f] == i);
      /* A column called just "grade" names no section. */
      if (mapped || length <= strlen ("grade") || !g_str_has_suffix (folded, "grade"))
        continue;
      column = g_new0 (CaImportGradeColumn, 1);
      column->column = i;
      column->name = g_strdup (header[i]);
      column->key = g_strndup (folded, length - strlen ("grade"));
      g_ptr_array_add (columns, column);
    }
  return columns;
}

/* "assessment_grade, planning_grade, …": the columns a tool's graded sections are read
 * from, for a message about a column that names none of them. */
static char *
list_section_columns (const CaImportToolSections *sections)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < sections->sections->len; i++)
    {
      const CaImportSection *section = sections->sections->pdata[i];

      if (!section->graded)
        continue;
      if (list->len > 0)
        g_string_append (list, ", ");
      g_string_append_printf (list, "%s_grade", section->id);
    }
  return g_string_free (list, FALSE);
}

static const CaImportSection *
find_section (const CaImportToolSections *sections,
              const char                 *key)
{
  for (guint i = 0; i < sections->sections->len; i++)
    {
      const CaImportSection *section = sections->sections->pdata[i];

      if (g_str_equal (section->key, key) || g_str_equal (section->title_key, key))
        return section;
    }
  return NULL;
}

/* A section's grade, in Case Audit's words or as --map says the overall grade's values
 * stand for; a value that is neither is the row's problem alone (the overall grade's
 * unmatched values are the ones listed with what they could be). */
static const char *
section_grade_code (CaImportReading *reading,
                    const char      *text)
{
  g_autofree char *key = ca_import_value_key ("overall_grade", text);
  const char *code = g_hash_table_lookup (reading->given, key);

  return code != NULL ? code : ca_import_match_code ("overall_grade", text);
}

/* The sections' grades on the row, each checked against the sections of @audit's tool
 * (NULL when the audit was not found: then only the values themselves are checked). */
static gboolean
read_section_grades (CaImportReading     *reading,
                     CaImportRow         *row,
                     const CaImportAudit *audit)
{
  g_autoptr(GHashTable) graded = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean ok = TRUE;

  row->grades = g_ptr_array_new_with_free_func (ca_import_section_grade_free);
  for (guint i = 0; i < reading->grade_columns->len; i++)
    {
      const CaImportGradeColumn *column = reading->grade_columns->pdata[i];
      g_autofree char *value = g_strstrip (g_strdup (reading->record[column->column]));
      const CaImportSection *section;
      CaImportSectionGrade *grade;
      const char *code;
      const char *other;
      glong length;

      if (*value == '\0')
        continue;
      if (strlen (value) > CA_IMPORT_MAX_VALUE_CHARS &&
          (length = g_utf8_strlen (value, -1)) > CA_IMPORT_MAX_VALUE_CHARS)
        {
          add_row_error (reading, _("the value in the column “%s” is %ld characters long; it "
                                    "may have at most %d"), column->name, length,
                         CA_IMPORT_MAX_VALUE_CHARS);
          ok = FALSE;
          continue;
        }
      if ((code = section_grade_code (reading, value)) == NULL)
        {
          add_row_error (reading, _("unknown grade “%s” in the column “%s” (use outstanding, "
                                    "good, requires improvement or inadequate)"), value,
                         column->name);
          ok = FALSE;
        }
      if (audit == NULL)
        continue;
      if (audit->sections == NULL)
        {
          add_row_error (reading, _("the audit tool this audit was done with can no longer be "
                                    "read, so the column “%s” cannot be matched to one of its "
                                    "sections: leave it empty"), column->name);
          ok = FALSE;
          continue;
        }
      if ((section = find_section (audit->sections, column->key)) == NULL)
        {
          g_autofree char *list = list_section_columns (audit->sections);

          add_row_error (reading, _("the column “%s” does not name a section of the audit tool "
                                    "“%s”; its sections' grades go in the columns %s"),
                         column->name, audit->sections->tool_name, list);
          ok = FALSE;
          continue;
        }
      if (!section->graded)
        {
          add_row_error (reading, _("the section “%s” of the audit tool “%s” has no grade: "
                                    "leave the column “%s” empty"), section->id,
                         audit->sections->tool_name, column->name);
          ok = FALSE;
          continue;
        }
      if ((other = g_hash_table_lookup (graded, section->id)) != NULL)
        {
          add_row_error (reading, _("the columns “%s” and “%s” both give the grade of the "
                                    "section “%s”: keep one"), other, column->name,
                         section->id);
          ok = FALSE;
          continue;
        }
      g_hash_table_insert (graded, section->id, column->name);
      if (code == NULL)
        continue;
      grade = g_new0 (CaImportSectionGrade, 1);
      grade->section_id = g_strdup (section->id);
      grade->grade = g_strdup (code);
      g_ptr_array_add (row->grades, grade);
    }
  return ok;
}

/* A moderation done before Case Audit: the audit named by its identity as the audit history
 * names it (it must be in the database already, and submitted), then who moderated it
 * (never its auditor), when (not before the audit), and the grades. Writes text[0] the
 * moderation date, text[1] the overall grade, id[0] the audit, id[1] the moderator,
 * flag[0] whether the audit has a grade of its own to compare with. */
static gboolean
read_moderation (CaImportReading *reading,
                 CaImportRow     *row)
{
  g_autofree char *case_ref = NULL;
  g_autofree char *auditor = NULL;
  g_autofree char *tool = NULL;
  g_autofree char *audit_date = NULL;
  g_autofree char *moderator = NULL;
  g_autofree char *grade = NULL;
  const CaImportStaff *auditor_staff = NULL;
  const CaImportStaff *moderator_staff = NULL;
  const CaImportAudit *audit = NULL;
  gint64 *case_id = NULL;
  gboolean ok;

  ok = require (reading, "case_ref", &case_ref);
  ok = require (reading, "auditor_id", &auditor) && ok;
  ok = require (reading, "tool", &tool) && ok;
  ok = require_date (reading, "audit_date", &audit_date) && ok;
  ok = require (reading, "moderator_id", &moderator) && ok;
  ok = require_date (reading, "moderation_date", &row->text[0]) && ok;
  ok = require (reading, "overall_grade", &grade) && ok;

  if (case_ref != NULL && (case_id = find_case (reading, case_ref)) == NULL)
    ok = FALSE;
  if (auditor != NULL && (auditor_staff = find_staff (reading, auditor, STAFF_AUDITOR)) == NULL)
    ok = FALSE;
  if (moderator != NULL &&
      (moderator_staff = find_staff (reading, moderator, STAFF_MODERATOR)) == NULL)
    ok = FALSE;
  if (tool != NULL && (row->tool = find_tool (reading, tool)) == NULL)
    ok = FALSE;
  ok = read_overall_grade (reading, grade, row) && ok;

  /* A second look is someone else's: the auditor cannot moderate their own audit. */
  if (auditor_staff != NULL && moderator_staff != NULL && auditor_staff->id == moderator_staff->id)
    {
      add_row_error (reading, _("the moderator “%s” is the auditor who did this audit: a "
                                "moderation is a second look by someone else"), moderator);
      ok = FALSE;
    }

  if (case_id != NULL && auditor_staff != NULL && row->tool != NULL && audit_date != NULL)
    {
      audit = ca_import_lookup_find_audit (reading->lookup, *case_id, auditor_staff->id,
                                           row->tool->tool_id, audit_date);
      if (audit == NULL)
        {
          add_row_error (reading, _("there is no audit of case “%s” by “%s” with the audit tool "
                                    "“%s” on %s to be moderated: check the case, auditor, tool "
                                    "and audit date, or import the audit history first"),
                         case_ref, auditor, tool, audit_date);
          ok = FALSE;
        }
      else if (!audit->submitted)
        {
          add_row_error (reading, _("the audit of case “%s” on %s has not been submitted yet, "
                                    "so it cannot have been moderated"), case_ref, audit_date);
          ok = FALSE;
        }
    }
  if (audit_date != NULL && row->text[0] != NULL && strcmp (row->text[0], audit_date) < 0)
    {
      add_row_error (reading, _("the moderation date %s is before the audit date %s"),
                     row->text[0], audit_date);
      ok = FALSE;
    }

  ok = read_section_grades (reading, row, audit) && ok;

  if (ok)
    {
      gpointer first;

      row->id[0] = audit->id;
      row->id[1] = moderator_staff->id;
      row->flag[0] = audit->graded;
      /* One moderator moderates one audit once a day: the same row twice is a mistake. */
      row->key = g_strdup_printf ("%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%s", audit->id,
                                  moderator_staff->id, row->text[0]);
      if ((first = g_hash_table_lookup (reading->seen, row->key)) != NULL)
        {
          add_row_error (reading, _("the moderation of case “%s” by “%s” on %s is in the file "
                                    "twice (first on line %u)"), case_ref, moderator,
                         row->text[0], GPOINTER_TO_UINT (first));
          ok = FALSE;
        }
      else
        g_hash_table_insert (reading->seen, g_strdup (row->key),
                             GUINT_TO_POINTER (reading->line));
    }

  return ok;
}

/**
 * ca_import_read_row:
 *
 * Reads @reading's record, which has as many values as the header has columns.
 *
 * Returns: (transfer full) (nullable): the row to write, or %NULL when it has problems (each
 * added to the report)
 */
CaImportRow *
ca_import_read_row (CaImportReading *reading)
{
  CaImportRow *row;
  gboolean ok = FALSE;

  if (!check_lengths (reading))
    return NULL;

  /* Each kind's reader fills ROW in and says whether it is fit to write. */
  row = g_new0 (CaImportRow, 1);
  switch (reading->mapping->kind)
    {
    case CA_IMPORT_KIND_TEAMS:
      ok = read_team (reading, row);
      break;
    case CA_IMPORT_KIND_STAFF:
      ok = read_staff (reading, row);
      break;
    case CA_IMPORT_KIND_CASES:
      ok = read_case (reading, row);
      break;
    case CA_IMPORT_KIND_AUDITS:
      ok = read_audit (reading, row);
      break;
    case CA_IMPORT_KIND_MODERATIONS:
      ok = read_moderation (reading, row);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    {
      ca_import_row_free (row);
      return NULL;
    }
  row->line = reading->line;
  return row;
}

/* Every row's manager must be someone in the file or the database, and following managers
 * up from anyone must end: a circle would make the "line-management chain" rule endless. */
void
ca_import_check_managers (CaImportLookup *lookup,
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
      CaImportRow *row = g_ptr_array_index (rows, i);

      if (row->text[2] != NULL)
        g_hash_table_insert (parents, row->key, row->text[2]);
      else if ((lookup->keep & CA_IMPORT_KEEP_MANAGER) == 0)
        g_hash_table_remove (parents, row->key);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      CaImportRow *row = g_ptr_array_index (rows, i);
      g_auto(GStrv) cycle = NULL;

      if (row->text[2] == NULL)
        continue;
      /* A manager on a row with problems of its own is known, just not imported. */
      if (!g_hash_table_contains (seen, row->text[2]) &&
          !g_hash_table_contains (lookup->staff, row->text[2]))
        {
          ca_import_report_add_row_error (report, row->line, _("unknown line manager “%s”"),
                                          row->text[2]);
          continue;
        }
      cycle = ca_import_find_cycle (parents, row->key);
      if (cycle != NULL && g_str_equal (cycle[0], row->key))
        {
          g_autofree char *chain = g_strjoinv (" → ", cycle);

          ca_import_report_add_row_error (report, row->line,
                                          _("line management goes round in a circle: %s"),
                                          chain);
        }
    }
}
