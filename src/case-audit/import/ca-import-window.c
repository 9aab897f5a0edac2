// SPDX-License-Identifier: GPL-3.0-or-later
// The import assistant: teams, staff, the case list or audit history from a CSV file (R-B2).
// Pages: what and which file, the columns with the first rows, the values that match nothing
// (when some do), progress, and the outcome. The import itself is all-or-nothing in the
// library; this window only asks and reports.

#define G_LOG_DOMAIN "ca-import-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-file-chooser.h"
#include "ca-form-rows.h"
#include "ca-import-column-choices.h"
#include "ca-import-preview-table.h"
#include "ca-import-window.h"
#include "ca-list-access.h"
#include "ca-import.h"
#include "ca-style.h"

/* Enough rows to recognise the file by, few enough to read at once on the main thread. */
#define N_PREVIEW_ROWS 5

struct _CaImportWindow
{
  AdwWindow            parent_instance;

  CaContext           *context;
  CaDatabase          *database;
  GCancellable        *cancellable;
  GFile               *file;
  CaImportKind         kind;
  CaImportPreview     *preview;
  CaImportMapping     *mapping;
  gboolean             file_refused;    /* the file chosen could not be read: choose again */
  CaImportColumnChoices *column_choices;  /* chosen by hand: kept over Start Again */
  GCancellable        *preview_cancellable;
  GtkStringList       *formats;
  GArray              *format_ids;
  GPtrArray           *field_rows;
  gboolean             running;
  gboolean             close_when_stopped;
  gboolean             applying_format;
  GString             *errors_text;
  GPtrArray           *value_groups;   /* the groups of the values page, made per report */
  GPtrArray           *value_rows;     /* AdwComboRow per unmatched value */
  GPtrArray           *value_choices;  /* ValueChoice: what the user chose, this window */

  AdwWindowTitle      *window_title;
  GtkWidget           *back_button;
  GtkWidget           *next_button;
  GtkWidget           *import_button;
  GtkWidget           *done_button;
  GtkStack            *stack;
  GtkCheckButton      *teams_check;
  GtkCheckButton      *staff_check;
  GtkCheckButton      *cases_check;
  GtkCheckButton      *audits_check;
  AdwActionRow        *file_row;
  GtkLabel            *file_error;
  GtkLabel            *header_label;
  AdwPreferencesGroup *columns_group;
  AdwPreferencesPage  *values_page;
  AdwComboRow         *format_row;
  GtkColumnView       *preview_view;
  GtkProgressBar      *progress_bar;
  AdwStatusPage       *result_page;
  GtkWidget           *errors_box;
  GtkLabel            *errors_heading;
  GtkTextView         *errors_view;
  GtkButton           *restart_button;
};

/* A value the user said what it stands for, kept while the window is open so that a file
 * corrected and chosen again need not be matched again. */
typedef struct
{
  CaImportKind  kind;
  char         *field;
  char         *value;
  char         *code;
} ValueChoice;

G_DEFINE_FINAL_TYPE (CaImportWindow, ca_import_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_buttons (CaImportWindow *self);

static void
value_choice_free (gpointer data)
{
  ValueChoice *choice = data;

  g_free (choice->field);
  g_free (choice->value);
  g_free (choice->code);
  g_free (choice);
}

/* The values chosen in this window for this kind of file, given to a new mapping. */
static void
apply_value_choices (CaImportWindow *self)
{
  for (guint i = 0; i < self->value_choices->len; i++)
    {
      ValueChoice *choice = self->value_choices->pdata[i];

      if (choice->kind == self->kind)
        ca_import_mapping_set_value (self->mapping, choice->field, choice->value, choice->code);
    }
  ca_import_mapping_set_remember_values (self->mapping, TRUE);
}

/* Page 1: what and which file ---------------------------------------------------------- */

static CaImportKind
chosen_kind (CaImportWindow *self)
{
  if (gtk_check_button_get_active (self->staff_check))
    return CA_IMPORT_KIND_STAFF;
  if (gtk_check_button_get_active (self->cases_check))
    return CA_IMPORT_KIND_CASES;
  if (gtk_check_button_get_active (self->audits_check))
    return CA_IMPORT_KIND_AUDITS;
  return CA_IMPORT_KIND_TEAMS;
}

static void
show_file_error (CaImportWindow *self,
                 const char     *message)
{
  ca_style_show_message (self->file_error, message);
}

static void
kind_toggled_cb (CaImportWindow *self)
{
  update_buttons (self);
}

/* Page 2: the columns ------------------------------------------------------------------ */


static void
update_field_subtitle (AdwComboRow *row)
{
  gboolean required = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "required"));
  gboolean missing = adw_combo_row_get_selected (row) == 0;
  const char *subtitle = NULL;

  if (required && missing)
    subtitle = _("Required: choose the column that holds it");
  else if (required)
    subtitle = _("Required");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* libadwaita 1.2 does not pass a row's subtitle on to screen readers. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  subtitle != NULL ? subtitle : "", -1);

  if (required && missing)
    gtk_widget_add_css_class (GTK_WIDGET (row), "missing-field");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "missing-field");
}

/* What the person chose for a field is remembered by the column's name, so that the same
 * file read again (after Start Again, or corrected meanwhile) keeps it. */
static void
field_selected_cb (AdwComboRow    *row,
                   GParamSpec     *pspec,
                   CaImportWindow *self)
{
  const char *field = g_object_get_data (G_OBJECT (row), "field");
  const char * const *header = ca_import_preview_get_header (self->preview);
  guint selected = adw_combo_row_get_selected (row);

  if (selected != GTK_INVALID_LIST_POSITION && selected <= g_strv_length ((char **) header))
    ca_import_column_choices_set (self->column_choices, self->kind, field,
                                  selected == 0 ? "" : header[selected - 1]);
  update_field_subtitle (row);
  update_buttons (self);
}

static CaImportFormat
chosen_format (CaImportWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->format_ids->len)
    return CA_IMPORT_FORMAT_CANONICAL;
  return g_array_index (self->format_ids, CaImportFormat, selected);
}

/* The field rows follow the layout: each layout has its own fields and column names. */
static void
show_fields (CaImportWindow *self)
{
  CaImportFormat format = chosen_format (self);
  const char * const *header = ca_import_preview_get_header (self->preview);
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  const CaImportField *fields;
  guint n_fields = 0;

  for (guint i = 0; i < self->field_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, self->field_rows->pdata[i]);
  g_ptr_array_set_size (self->field_rows, 0);

  gtk_string_list_append (choices, _("Not in this file"));
  for (guint i = 0; header[i] != NULL; i++)
    {
      g_autofree char *title = ca_import_preview_table_column_title (self->preview, i);

      gtk_string_list_append (choices, title);
    }

  g_clear_object (&self->mapping);
  self->mapping = ca_import_mapping_new_from_header (self->kind, format, header);
  ca_import_mapping_prefer_columns (self->mapping, header,
                                    ca_import_column_choices_get (self->column_choices,
                                                                  self->kind));
  apply_value_choices (self);
  fields = ca_import_get_fields (self->kind, format, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (ca_form_rows_new_combo_row (
          ca_import_field_get_label (&fields[i])));
      int column = ca_import_mapping_get_column (self->mapping, fields[i].name);

      adw_combo_row_set_model (row, G_LIST_MODEL (choices));
      adw_combo_row_set_selected (row, column >= 0 ? (guint) column + 1 : 0);
      g_object_set_data (G_OBJECT (row), "required", GINT_TO_POINTER (fields[i].required));
      g_object_set_data (G_OBJECT (row), "field", (gpointer) fields[i].name);
      update_field_subtitle (row);
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (field_selected_cb), self, 0);
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (row));
      g_ptr_array_add (self->field_rows, row);
    }
  update_buttons (self);
}

static void
format_selected_cb (CaImportWindow *self)
{
  if (self->preview != NULL && !self->applying_format)
    show_fields (self);
}

static void
show_formats (CaImportWindow *self)
{
  CaImportFormat guessed;
  guint n_formats = 0;

  guessed = ca_import_format_detect (self->kind, ca_import_preview_get_header (self->preview));

  self->applying_format = TRUE;
  gtk_string_list_splice (self->formats, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->formats)), NULL);
  g_array_set_size (self->format_ids, 0);
  for (CaImportFormat format = 0; format < CA_IMPORT_N_FORMATS; format++)
    if (ca_import_format_supports_kind (format, self->kind))
      {
        gtk_string_list_append (self->formats, ca_import_format_get_label (format));
        g_array_append_val (self->format_ids, format);
      }
  n_formats = self->format_ids->len;
  adw_combo_row_set_selected (self->format_row, 0);
  for (guint i = 0; i < n_formats; i++)
    if (g_array_index (self->format_ids, CaImportFormat, i) == guessed)
      adw_combo_row_set_selected (self->format_row, i);
  /* One layout is no choice. */
  gtk_widget_set_visible (GTK_WIDGET (self->format_row), n_formats > 1);
  self->applying_format = FALSE;
}

static void
preview_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CaImportWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaImportPreview) preview = NULL;
  g_autofree char *header_text = NULL;

  preview = ca_import_preview_read_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->stack == NULL)
    return;
  g_clear_object (&self->preview_cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->file_row), TRUE);
  self->file_refused = preview == NULL;
  if (preview == NULL)
    {
      show_file_error (self, error->message);
      update_buttons (self);
      return;
    }
  show_file_error (self, NULL);

  g_set_object (&self->preview, preview);
  self->kind = chosen_kind (self);

  header_text = g_strjoinv (", ", (char **) ca_import_preview_get_header (self->preview));
  gtk_label_set_text (self->header_label, header_text);
  ca_import_preview_table_show (self->preview_view, self->preview);
  show_formats (self);
  show_fields (self);
  gtk_stack_set_visible_child_name (self->stack, "mapping");
}

/* Reads the header and first rows again each time, so a file corrected in a spreadsheet
 * meanwhile is seen as it is now. */
static void
show_mapping (CaImportWindow *self)
{
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();
  gtk_widget_set_sensitive (GTK_WIDGET (self->file_row), FALSE);
  ca_import_preview_read_async (self->database, self->file, N_PREVIEW_ROWS,
                                self->preview_cancellable,
                                preview_read_cb, g_object_ref (self));
}

static void
file_chosen (GtkWidget *owner,
             GFile     *file,
             gpointer   data)
{
  CaImportWindow *self = CA_IMPORT_WINDOW (owner);
  g_autofree char *name = g_file_get_basename (file);

  g_set_object (&self->file, file);
  self->file_refused = FALSE;
  adw_action_row_set_subtitle (self->file_row, name);
  show_mapping (self);
  update_buttons (self);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CaImportWindow *self = CA_IMPORT_WINDOW (widget);
  GtkFileChooserNative *dialog;

  dialog = ca_file_chooser_new (widget, _("Choose a CSV File"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                _("_Open"));
  ca_file_chooser_add_filter (dialog, _("CSV files"), "csv", "text/csv");
  ca_file_chooser_add_all_files (dialog);
  if (self->file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (self->file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
    }
  ca_file_chooser_ask (dialog, widget, file_chosen, NULL, NULL);
}

/* Pages 3 and 4: the import and its outcome -------------------------------------------- */

/* The window says "case files", the word the rest of the window uses, where the command
 * line says "cases". */
static char *
describe_counts (CaImportKind kind,
                 guint        added,
                 guint        updated)
{
  guint n = added + updated;

  switch (kind)
    {
    case CA_IMPORT_KIND_TEAMS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Imported %u team (%u new, %u updated).",
                                           "Imported %u teams (%u new, %u updated).", n),
                              n, added, updated);
    case CA_IMPORT_KIND_STAFF:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Imported %u member of staff (%u new, %u updated).",
                                           "Imported %u members of staff (%u new, %u updated).",
                                           n),
                              n, added, updated);
    case CA_IMPORT_KIND_AUDITS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Imported %u audit (%u new, %u updated).",
                                           "Imported %u audits (%u new, %u updated).", n),
                              n, added, updated);
    case CA_IMPORT_KIND_MODERATIONS:
      /* Only the command line offers this kind so far; "updated" counts those already
       * recorded as the file has them too. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Imported %u moderation (%u new, %u updated or "
                                           "already recorded).",
                                           "Imported %u moderations (%u new, %u updated or "
                                           "already recorded).", n),
                              n, added, updated);
    case CA_IMPORT_KIND_CASES:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Imported %u case file (%u new, %u updated).",
                                           "Imported %u case files (%u new, %u updated).", n),
                              n, added, updated);
    }
}

/* The outcome's description with the report's notes after it (read as Windows-1252, a
 * remembered mapping used…). */
static char *
with_notes (const char     *description,
            CaImportReport *report)
{
  GString *text = g_string_new (description);

  for (const char * const *note = ca_import_report_get_notes (report); *note != NULL; note++)
    g_string_append_printf (text, "\n\n%s", *note);
  return g_string_free (text, FALSE);
}

static void
show_result (CaImportWindow *self,
             gboolean        succeeded,
             const char     *icon,
             const char     *title,
             const char     *description)
{
  /* After a success the next file is likely another kind (teams, then staff, then cases);
   * after a refusal, the same file corrected. */
  const char *restart = succeeded ? _("Import _Another File") : _("_Start Again");

  gtk_button_set_label (self->restart_button, restart);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->restart_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  succeeded ? _("Import Another File") : _("Start Again"), -1);

  /* The list of rows to correct needs the room more than the icon does. */
  if (gtk_widget_get_visible (self->errors_box))
    gtk_widget_add_css_class (GTK_WIDGET (self->result_page), "compact");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->result_page), "compact");
  adw_status_page_set_icon_name (self->result_page, icon);
  adw_status_page_set_title (self->result_page, title);
  {
    /* The description is markup: a team called "A&I" must not be taken for it. */
    g_autofree char *escaped = g_markup_escape_text (description, -1);

    adw_status_page_set_description (self->result_page, escaped);
  }
  gtk_stack_set_visible_child_name (self->stack, "result");
}

static void
show_row_errors (CaImportWindow *self,
                 CaImportReport *report)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->errors_view);
  guint n = ca_import_report_get_n_errors (report);
  guint n_rows = ca_import_report_get_n_bad_rows (report);
  g_autofree char *description = NULL;
  g_autofree char *heading = NULL;

  g_string_truncate (self->errors_text, 0);
  for (guint i = 0; i < n; i++)
    {
      /* Translators: one bad row of the file: its line number and what is wrong with it. */
      g_string_append_printf (self->errors_text, _("Line %u: %s"),
                              ca_import_report_get_error_line (report, i),
                              ca_import_report_get_error_message (report, i));
      g_string_append_c (self->errors_text, '\n');
    }
  gtk_text_buffer_set_text (buffer, self->errors_text->str, -1);

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u row of the file cannot be imported, so nothing "
                                              "was imported and the database is as it was. Correct "
                                              "the row in the file and import it again.",
                                              "%u rows of the file cannot be imported, so nothing "
                                              "was imported and the database is as it was. Correct "
                                              "the rows in the file and import it again.", n_rows),
                                 n_rows);
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *full = with_notes (description, report);

  heading = g_strdup_printf (_("Rows to correct in %s"), name);
  gtk_label_set_text (self->errors_heading, heading);
  gtk_widget_set_visible (self->errors_box, TRUE);
  show_result (self, FALSE, "dialog-warning-symbolic", _("Nothing Was Imported"), full);
}

/* The values page: a drop-down for each value that matched nothing ------------------------ */

static const char *
field_title (CaImportWindow *self,
             const char     *field)
{
  guint n = 0;
  const CaImportField *fields = ca_import_get_fields (self->kind,
                                                      ca_import_mapping_get_format (self->mapping),
                                                      &n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (fields[i].name, field))
      return ca_import_field_get_label (&fields[i]);
  return field;
}

static void
clear_values (CaImportWindow *self)
{
  for (guint i = 0; i < self->value_groups->len; i++)
    adw_preferences_page_remove (self->values_page, self->value_groups->pdata[i]);
  g_ptr_array_set_size (self->value_groups, 0);
  g_ptr_array_set_size (self->value_rows, 0);
}

static gboolean
values_complete (CaImportWindow *self)
{
  for (guint i = 0; i < self->value_rows->len; i++)
    {
      guint selected = adw_combo_row_get_selected (self->value_rows->pdata[i]);

      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
        return FALSE;
    }
  return self->value_rows->len > 0;
}

static void
update_value_subtitle (AdwComboRow *row)
{
  const char *where = g_object_get_data (G_OBJECT (row), "where");
  gboolean chosen = adw_combo_row_get_selected (row) != 0;
  g_autofree char *subtitle = NULL;

  /* Translators: where a value is in the file, then that it still needs a choice. */
  subtitle = chosen ? g_strdup (where) : g_strdup_printf (_("%s · Choose what it stands for"),
                                                          where);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* libadwaita 1.2 does not pass a row's subtitle on to screen readers. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  subtitle, -1);
  if (chosen)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "missing-field");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "missing-field");
}

static void
value_selected_cb (AdwComboRow    *row,
                   GParamSpec     *pspec,
                   CaImportWindow *self)
{
  update_value_subtitle (row);
  update_buttons (self);
}

/* One group per field (Role, Audit tool…), one row per value, in the order the file has
 * them; a value chosen earlier in this window is chosen again. */
static void
show_values (CaImportWindow *self,
             CaImportReport *report)
{
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);

  clear_values (self);
  for (guint i = 0; i < ca_import_report_get_n_unmatched (report); i++)
    {
      const CaImportUnmatched *unmatched = ca_import_report_get_unmatched (report, i);
      GPtrArray *choices = ca_import_report_get_choices (report, unmatched->field);
      AdwPreferencesGroup *group = g_hash_table_lookup (groups, unmatched->field);
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      const char *earlier = ca_import_mapping_get_value (self->mapping, unmatched->field,
                                                         unmatched->value);
      AdwComboRow *row;
      char *where;

      if (choices == NULL)
        continue;
      if (group == NULL)
        {
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, field_title (self, unmatched->field));
          adw_preferences_page_add (self->values_page, group);
          g_ptr_array_add (self->value_groups, group);
          g_hash_table_insert (groups, (gpointer) unmatched->field, group);
        }

      /* Translators: the first item of a drop-down that has no choice made yet. */
      gtk_string_list_append (labels, _("Choose…"));
      for (guint c = 0; c < choices->len; c++)
        gtk_string_list_append (labels, ((CaImportChoice *) choices->pdata[c])->label);

      if (unmatched->n_rows == 1)
        where = g_strdup_printf (_("Line %u"), unmatched->line);
      else
        where = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Line %u and %u more row",
                                              "Line %u and %u more rows", unmatched->n_rows - 1),
                                 unmatched->line, unmatched->n_rows - 1);

      /* The value as the file has it: a plain-text title. */
      row = ADW_COMBO_ROW (ca_form_rows_new_combo_row (unmatched->value));
      adw_combo_row_set_model (row, G_LIST_MODEL (labels));
      adw_combo_row_set_selected (row, 0);
      for (guint c = 0; earlier != NULL && c < choices->len; c++)
        if (g_str_equal (((CaImportChoice *) choices->pdata[c])->code, earlier))
          adw_combo_row_set_selected (row, c + 1);
      g_object_set_data_full (G_OBJECT (row), "field", g_strdup (unmatched->field), g_free);
      g_object_set_data_full (G_OBJECT (row), "value", g_strdup (unmatched->value), g_free);
      g_object_set_data_full (G_OBJECT (row), "where", where, g_free);
      g_object_set_data_full (G_OBJECT (row), "choices", g_ptr_array_ref (choices),
                              (GDestroyNotify) g_ptr_array_unref);
      update_value_subtitle (row);
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (value_selected_cb), self, 0);
      adw_preferences_group_add (group, GTK_WIDGET (row));
      g_ptr_array_add (self->value_rows, row);
    }
  gtk_stack_set_visible_child_name (self->stack, "values");
}

/* What the rows say, into the mapping for this run and into the window's memory; the run
 * remembers them in the database when it succeeds. */
static void
take_value_choices (CaImportWindow *self)
{
  for (guint i = 0; i < self->value_rows->len; i++)
    {
      AdwComboRow *row = self->value_rows->pdata[i];
      GPtrArray *choices = g_object_get_data (G_OBJECT (row), "choices");
      const char *field = g_object_get_data (G_OBJECT (row), "field");
      const char *value = g_object_get_data (G_OBJECT (row), "value");
      guint selected = adw_combo_row_get_selected (row);
      ValueChoice *choice;

      if (selected == 0 || selected > choices->len)
        continue;
      choice = g_new0 (ValueChoice, 1);
      choice->kind = self->kind;
      choice->field = g_strdup (field);
      choice->value = g_strdup (value);
      choice->code = g_strdup (((CaImportChoice *) choices->pdata[selected - 1])->code);
      ca_import_mapping_set_value (self->mapping, field, value, choice->code);
      g_ptr_array_add (self->value_choices, choice);
    }
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CaImportWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaImportReport) report = NULL;

  report = ca_import_run_finish (result, &error);
  self->running = FALSE;
  g_clear_object (&self->cancellable);

  /* The window was destroyed meanwhile (the application quit): nothing left to show. */
  if (self->stack == NULL)
    return;
  gtk_widget_set_visible (self->errors_box, FALSE);

  if (self->close_when_stopped)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (report == NULL && (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
                         g_error_matches (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_CANCELLED)))
    show_result (self, FALSE, "process-stop-symbolic", _("Import Cancelled"),
                 _("Nothing was imported: the database is as it was."));
  else if (report == NULL)
    {
      /* Translators: %s is why the file could not be read, a sentence of its own. */
      g_autofree char *description =
        g_strdup_printf (_("%s Nothing was imported: the database is as it was."), error->message);

      show_result (self, FALSE, "dialog-warning-symbolic", _("Nothing Was Imported"), description);
    }
  else if (!ca_import_report_get_succeeded (report) &&
           ca_import_report_get_n_unmatched (report) > 0)
    show_values (self, report);
  else if (!ca_import_report_get_succeeded (report))
    show_row_errors (self, report);
  else
    {
      g_autofree char *counts =
        describe_counts (self->kind, ca_import_report_get_n_inserted (report),
                         ca_import_report_get_n_updated (report) +
                         ca_import_report_get_n_unchanged (report));
      g_autofree char *description = with_notes (counts, report);

      /* The views show what came in: the import noted CA_CHANGE_ANY. */
      show_result (self, TRUE, "emblem-ok-symbolic", _("Import Complete"), description);
    }
  update_buttons (self);
}

static void
import_progress_cb (double   fraction,
                    gpointer user_data)
{
  CaImportWindow *self = user_data;

  if (self->running)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CaImportWindow *self = CA_IMPORT_WINDOW (widget);

  if (self->running || self->mapping == NULL || self->database == NULL)
    return;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "values") == 0)
    {
      if (!values_complete (self))
        return;
      take_value_choices (self);
    }

  for (guint i = 0; i < self->field_rows->len; i++)
    {
      AdwComboRow *row = self->field_rows->pdata[i];
      guint selected = adw_combo_row_get_selected (row);

      ca_import_mapping_set_column (self->mapping, g_object_get_data (G_OBJECT (row), "field"),
                                    selected == 0 || selected == GTK_INVALID_LIST_POSITION
                                    ? -1 : (int) selected - 1);
    }

  self->running = TRUE;
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  update_buttons (self);

  ca_import_run_async (self->database, self->mapping, self->preview, self->cancellable,
                       import_progress_cb, g_object_ref (self), g_object_unref,
                       import_done_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CaImportWindow *self = CA_IMPORT_WINDOW (widget);

  g_cancellable_cancel (self->cancellable);
}

static void
copy_errors_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CaImportWindow *self = CA_IMPORT_WINDOW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->errors_text->str);
  gtk_widget_grab_focus (GTK_WIDGET (self->errors_view));
}

/* Moving between pages ------------------------------------------------------------------ */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CaImportWindow *self = CA_IMPORT_WINDOW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (self->running)
    return;
  /* From the values back to the columns, which made them; from there to the start. */
  gtk_stack_set_visible_child_name (self->stack,
                                    g_strcmp0 (page, "values") == 0 ? "mapping" : "choose");
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CaImportWindow *self = CA_IMPORT_WINDOW (widget);

  if (self->file != NULL)
    show_mapping (self);
}

static void
restart_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CaImportWindow *self = CA_IMPORT_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->stack, "choose");
}

static gboolean
mapping_complete (CaImportWindow *self)
{
  for (guint i = 0; i < self->field_rows->len; i++)
    {
      AdwComboRow *row = self->field_rows->pdata[i];

      if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "required")) &&
          adw_combo_row_get_selected (row) == 0)
        return FALSE;
    }
  return self->mapping != NULL;
}

static void
update_buttons (CaImportWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean on_choose = g_strcmp0 (page, "choose") == 0;
  gboolean on_mapping = g_strcmp0 (page, "mapping") == 0;
  gboolean on_values = g_strcmp0 (page, "values") == 0;
  gboolean on_result = g_strcmp0 (page, "result") == 0;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_set_visible (self->back_button, on_mapping || on_values);
  gtk_widget_set_visible (self->next_button, on_choose);
  gtk_widget_set_visible (self->import_button, on_mapping || on_values);
  gtk_widget_set_visible (self->done_button, on_result);

  gtk_widget_action_set_enabled (widget, "import.back", on_mapping || on_values);
  /* A file refused stays refused until one is chosen again: Next would only refuse it again. */
  gtk_widget_action_set_enabled (widget, "import.next",
                                 on_choose && self->file != NULL && !self->file_refused);
  gtk_widget_action_set_enabled (widget, "import.run",
                                 (on_mapping && mapping_complete (self)) ||
                                 (on_values && values_complete (self)));
  gtk_widget_action_set_enabled (widget, "import.cancel", self->running);
}

static void
page_changed_cb (CaImportWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  GtkWidget *child = gtk_stack_get_visible_child (self->stack);

  if (g_strcmp0 (page, "choose") == 0)
    adw_window_title_set_subtitle (self->window_title, _("Step 1 of 3: What and Which File"));
  else if (g_strcmp0 (page, "mapping") == 0)
    adw_window_title_set_subtitle (self->window_title, _("Step 2 of 3: Columns"));
  else if (g_strcmp0 (page, "values") == 0)
    adw_window_title_set_subtitle (self->window_title, _("Step 2 of 3: Values to Match"));
  else if (g_strcmp0 (page, "progress") == 0)
    adw_window_title_set_subtitle (self->window_title, _("Step 3 of 3: Importing"));
  else
    adw_window_title_set_subtitle (self->window_title, NULL);

  update_buttons (self);
  /* Focus goes with the page, so the keyboard is never left on a page that slid away; on
   * the columns it starts at the first choice rather than in the preview. */
  if (g_strcmp0 (page, "mapping") == 0 && gtk_widget_get_visible (GTK_WIDGET (self->format_row)))
    gtk_widget_grab_focus (GTK_WIDGET (self->format_row));
  else if (g_strcmp0 (page, "mapping") == 0 && self->field_rows->len > 0)
    gtk_widget_grab_focus (self->field_rows->pdata[0]);
  else if (g_strcmp0 (page, "values") == 0 && self->value_rows->len > 0)
    gtk_widget_grab_focus (self->value_rows->pdata[0]);
  else
    gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD);
}

/* Overrides ---------------------------------------------------------------------------- */

static gboolean
ca_import_window_close_request (GtkWindow *window)
{
  CaImportWindow *self = CA_IMPORT_WINDOW (window);

  /* Closing while importing cancels: nothing is stored, and the window goes once the
   * import has stopped. */
  if (self->running)
    {
      self->close_when_stopped = TRUE;
      g_cancellable_cancel (self->cancellable);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (ca_import_window_parent_class)->close_request (window);
}

static void
ca_import_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CaImportWindow *self = CA_IMPORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_import_window_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CaImportWindow *self = CA_IMPORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_set_object (&self->context, g_value_get_object (value));
      g_set_object (&self->database, ca_context_get_database (self->context));
      ca_import_column_choices_load (self->column_choices,
                                     ca_context_get_settings (self->context));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_import_window_dispose (GObject *object)
{
  CaImportWindow *self = CA_IMPORT_WINDOW (object);

  self->running = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_IMPORT_WINDOW);
  g_clear_object (&self->database);
  g_clear_object (&self->context);
  g_clear_object (&self->file);
  g_clear_object (&self->formats);
  g_clear_object (&self->preview);
  g_clear_object (&self->mapping);

  G_OBJECT_CLASS (ca_import_window_parent_class)->dispose (object);
}

static void
ca_import_window_finalize (GObject *object)
{
  CaImportWindow *self = CA_IMPORT_WINDOW (object);

  g_clear_pointer (&self->field_rows, g_ptr_array_unref);
  g_clear_object (&self->column_choices);
  g_clear_pointer (&self->value_groups, g_ptr_array_unref);
  g_clear_pointer (&self->value_rows, g_ptr_array_unref);
  g_clear_pointer (&self->value_choices, g_ptr_array_unref);
  g_clear_pointer (&self->format_ids, g_array_unref);
  g_string_free (self->errors_text, TRUE);

  G_OBJECT_CLASS (ca_import_window_parent_class)->finalize (object);
}

static void
ca_import_window_class_init (CaImportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = ca_import_window_get_property;
  object_class->set_property = ca_import_window_set_property;
  object_class->dispose = ca_import_window_dispose;
  object_class->finalize = ca_import_window_finalize;
  window_class->close_request = ca_import_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CA_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-import-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, done_button);
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, teams_check);
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, staff_check);
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, cases_check);
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, audits_check);
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, file_row);
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, file_error);
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, header_label);
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, columns_group);
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, values_page);
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, format_row);
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, preview_view);
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, result_page);
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, errors_box);
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, errors_heading);
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, errors_view);
  gtk_widget_class_bind_template_child (widget_class, CaImportWindow, restart_button);
  gtk_widget_class_bind_template_callback (widget_class, kind_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);

  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "import.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "import.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.copy-errors", NULL, copy_errors_action);
  gtk_widget_class_install_action (widget_class, "import.restart", NULL, restart_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "import.back",
                                       NULL);
}

static void
ca_import_window_init (CaImportWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ca_list_name_controls_once (GTK_WIDGET (self));
  ca_list_tab_leaves (GTK_WIDGET (self->preview_view));

  self->field_rows = g_ptr_array_new ();
  self->column_choices = ca_import_column_choices_new ();
  self->value_groups = g_ptr_array_new ();
  self->value_rows = g_ptr_array_new ();
  self->value_choices = g_ptr_array_new_with_free_func (value_choice_free);
  self->format_ids = g_array_new (FALSE, FALSE, sizeof (CaImportFormat));
  self->errors_text = g_string_new (NULL);
  self->formats = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (self->formats));
  page_changed_cb (self);
}

/**
 * ca_import_window_new:
 * @parent: (nullable): the main window
 * @context: the context of the database to import into; its views hear of what came in
 *
 * Returns: (transfer none): the assistant, not yet shown
 */
CaImportWindow *
ca_import_window_new (GtkWindow  *parent,
                      CaContext  *context)
{
  CaImportWindow *self;
  int width = 640, height = 640;

  g_return_val_if_fail (CA_IS_CONTEXT (context), NULL);

  self = g_object_new (CA_TYPE_IMPORT_WINDOW,
                       "transient-for", parent,
                       "context", context,
                       NULL);
  /* Never larger than the window it belongs to, so a narrow screen gets a narrow assistant. */
  if (parent != NULL)
    {
      int parent_width = gtk_widget_get_width (GTK_WIDGET (parent));
      int parent_height = gtk_widget_get_height (GTK_WIDGET (parent));

      if (parent_width > 0)
        width = MIN (width, parent_width);
      if (parent_height > 0)
        height = MIN (height, parent_height);
    }
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  return self;
}
