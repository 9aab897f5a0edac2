// SPDX-License-Identifier: GPL-3.0-or-later
// The audit programme of one year (R-C1), month by month: for each month its strands with
// their focus and dates; a row opens the strand to edit, a month's Add button adds a strand.
// An empty year offers to start from the last year that has a programme (the same focus,
// questions and training, the dates on the same weekdays: ca_programme_move_date()). The
// menu imports a programme file and exports the year's.
//
// Every read and write runs on the database's worker; the database's change notification
// shows what was saved, here or anywhere else.

#define G_LOG_DOMAIN "ca-programme-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-date.h"
#include "ca-file-chooser.h"
#include "ca-list-access.h"
#include "ca-programme-editor.h"
#include "ca-programme-entry-dialog.h"
#include "ca-programme-rules.h"
#include "ca-programme-store.h"
#include "ca-toast.h"
#include "ca-view-write.h"

#define N_MONTHS 12

struct _CaProgrammeEditor
{
  AdwWindow             parent_instance;

  CaContext            *context;
  CaDatabase           *database;
  GCancellable         *cancellable;
  GPtrArray            *entries;            /* every CaProgrammeEntry, by month */
  int                   year;
  int                   source_year;        /* the year to start from, or 0 */

  AdwPreferencesGroup  *month_groups[N_MONTHS];
  GPtrArray            *month_rows[N_MONTHS];

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwPreferencesPage   *page;
  GtkWidget            *start_group;
  AdwActionRow         *start_row;
  GtkButton            *start_button;
};

G_DEFINE_FINAL_TYPE (CaProgrammeEditor, ca_programme_editor, ADW_TYPE_WINDOW)

/* The window's own toasts: it is not inside the main window's overlay. */
static void
show_toast (CaProgrammeEditor *self,
            const char        *text,
            guint              timeout)
{
  ca_toast_show_text (GTK_WIDGET (self->toast_overlay), text, timeout);
}

/* The entry's year and month, by core's reading of 'YYYY-MM'. */
static int
entry_year (CaProgrammeEntry *entry,
            int              *month)
{
  int year = 0, entry_month = 0;

  ca_programme_parse_month (ca_programme_entry_get_month (entry), &year, &entry_month);
  if (month != NULL)
    *month = entry_month;
  return year;
}

static char *
month_name (int year,
            int month)
{
  GDate first;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  return ca_date_strftime (&first, "%B %Y");
}

/* A stored date as the row shows it, "4 Jan 2027", or NULL. */
static char *
shown_date (const char *iso)
{
  return iso != NULL ? ca_date_format_display (iso) : NULL;
}

/* "Allocated 4 Jan 2027 · returned by 26 Jan 2027 · briefing 29 Jan 2027": the row's dates. */
static char *
describe_dates (CaProgrammeEntry *entry)
{
  g_autofree char *allocation = shown_date (ca_programme_entry_get_allocation_date (entry));
  g_autofree char *returned = shown_date (ca_programme_entry_get_return_date (entry));
  g_autofree char *briefing = shown_date (ca_programme_entry_get_briefing_date (entry));
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (allocation != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("Allocated %s"), allocation));
  if (returned != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("returned by %s"), returned));
  if (briefing != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("briefing %s"), briefing));
  if (parts->len == 0)
    return g_strdup (_("No dates yet"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (GStrv) parts->pdata);
}

static void
entry_activated_cb (AdwActionRow      *row,
                    CaProgrammeEditor *self)
{
  CaProgrammeEntry *entry = g_object_get_data (G_OBJECT (row), "entry");
  CaProgrammeEntryDialog *dialog;

  if (self->database == NULL)
    return;
  dialog = ca_programme_entry_dialog_new (GTK_WINDOW (self), self->database,
                                          ca_programme_entry_get_month (entry), entry, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
new_entry_row (CaProgrammeEditor *self,
               CaProgrammeEntry  *entry,
               const char        *month_title)
{
  const char *strand = ca_programme_strand_to_label (ca_programme_entry_get_strand (entry));
  g_autofree char *dates = describe_dates (entry);
  g_autofree char *subtitle = g_strdup_printf ("%s\n%s", ca_programme_entry_get_focus (entry),
                                               dates);
  g_autofree char *name = NULL;
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), strand);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* A screen reader hears the whole row: "Early Help, January 2027: Plans. Allocated …". */
  /* TRANSLATORS: the strand, the month, the focus, then the dates. */
  name = g_strdup_printf (_("%s, %s: %s. %s"), strand, month_title,
                          ca_programme_entry_get_focus (entry), dates);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (row), "entry", g_object_ref (entry), g_object_unref);
  g_signal_connect_object (row, "activated", G_CALLBACK (entry_activated_cb), self, 0);
  return row;
}

static void
clear_month (CaProgrammeEditor *self,
             guint              month)
{
  for (guint i = 0; i < self->month_rows[month]->len; i++)
    adw_preferences_group_remove (self->month_groups[month], self->month_rows[month]->pdata[i]);
  g_ptr_array_set_size (self->month_rows[month], 0);
}

static void
add_month_row (CaProgrammeEditor *self,
               guint              month,
               GtkWidget         *row)
{
  adw_preferences_group_add (self->month_groups[month], row);
  g_ptr_array_add (self->month_rows[month], row);
}

/* The last year before this one that has a programme, or else the latest after it. */
static int
find_source_year (CaProgrammeEditor *self)
{
  int before = 0, after = 0;

  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    {
      int year = entry_year (self->entries->pdata[i], NULL);

      if (year < self->year)
        before = MAX (before, year);
      else if (year > self->year)
        after = MAX (after, year);
    }
  return before != 0 ? before : after;
}

static void
show_year (CaProgrammeEditor *self)
{
  g_autofree char *subtitle = g_strdup_printf ("%d", self->year);
  guint shown = 0;

  adw_window_title_set_subtitle (self->window_title, subtitle);
  for (guint month = 0; month < N_MONTHS; month++)
    {
      g_autofree char *title = month_name (self->year, (int) month + 1);
      guint in_month = 0;

      clear_month (self, month);
      adw_preferences_group_set_title (self->month_groups[month], title);
      for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
        {
          CaProgrammeEntry *entry = self->entries->pdata[i];
          int entry_month = 0;

          if (entry_year (entry, &entry_month) != self->year || entry_month != (int) month + 1)
            continue;
          add_month_row (self, month, new_entry_row (self, entry, title));
          in_month++;
        }
      if (in_month == 0)
        {
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing planned yet"));
          gtk_widget_add_css_class (row, "dim-label");
          add_month_row (self, month, row);
        }
      shown += in_month;
    }

  self->source_year = shown == 0 ? find_source_year (self) : 0;
  gtk_widget_set_visible (self->start_group, shown == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "programme.copy-year", self->source_year != 0);
  if (shown == 0)
    {
      g_autofree char *title = g_strdup_printf (_("%d has no programme yet"), self->year);
      g_autofree char *subtitle_text = NULL;
      g_autofree char *label = NULL;

      if (self->source_year != 0)
        subtitle_text = g_strdup_printf (_("Start from %d’s: the same focus, questions and "
                                           "training each month, and its dates on the same "
                                           "weekdays (the first Monday stays the first "
                                           "Monday). Then change what differs."),
                                         self->source_year);
      else
        subtitle_text = g_strdup (_("Add each month’s strands below, or import a programme "
                                    "file from the menu."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->start_row), title);
      adw_action_row_set_subtitle (self->start_row, subtitle_text);
      /* TRANSLATORS: a button; the year to start from. */
      label = g_strdup_printf (_("Start From %d"), self->source_year);
      gtk_button_set_label (self->start_button, label);
      gtk_widget_set_visible (GTK_WIDGET (self->start_button), self->source_year != 0);
    }
}

static void
entries_listed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CaProgrammeEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;

  entries = ca_programme_store_list_entries_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->database == NULL)
    return;
  if (entries == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The programme could not be read: %s"),
                                                  error->message);

      show_toast (self, message, CA_TOAST_LONG);
      return;
    }
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = entries;
  show_year (self);
}

static void
load (CaProgrammeEditor *self)
{
  if (self->database == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  ca_programme_store_list_entries_async (self->database, self->cancellable,
                                         entries_listed_cb, g_object_ref (self));
}

static void
context_changed_cb (CaProgrammeEditor *self,
                    int                kind)
{
  if (kind == CA_CHANGE_ANY || kind == CA_CHANGE_PROGRAMME)
    load (self);
}

static void
add_clicked_cb (GtkButton         *button,
                CaProgrammeEditor *self)
{
  guint month = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "month"));
  g_autofree char *month_text = g_strdup_printf ("%04d-%02u", self->year, month + 1);
  g_autoptr(GStrvBuilder) taken = g_strv_builder_new ();
  g_auto(GStrv) strands = NULL;
  CaProgrammeEntryDialog *dialog;

  if (self->database == NULL)
    return;
  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    if (g_str_equal (ca_programme_entry_get_month (self->entries->pdata[i]), month_text))
      g_strv_builder_add (taken, ca_programme_entry_get_strand (self->entries->pdata[i]));
  strands = g_strv_builder_end (taken);
  if (g_strv_length (strands) >= 4)
    {
      show_toast (self, _("This month already has all four strands: "
                                                "choose one to change it."), CA_TOAST_SHORT);
      return;
    }
  dialog = ca_programme_entry_dialog_new (GTK_WINDOW (self), self->database, month_text, NULL,
                                          (const char * const *) strands);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
build_months (CaProgrammeEditor *self)
{
  for (guint month = 0; month < N_MONTHS; month++)
    {
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
      g_autofree char *name = NULL;

      gtk_widget_add_css_class (add, "flat");
      gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (add, _("Add a Strand"));
      g_object_set_data (G_OBJECT (add), "month", GUINT_TO_POINTER (month));
      g_signal_connect_object (add, "clicked", G_CALLBACK (add_clicked_cb), self, 0);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
      adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
      self->month_groups[month] = ADW_PREFERENCES_GROUP (group);
      self->month_rows[month] = g_ptr_array_new ();
    }
}

/* The add buttons say which month they add to, for a screen reader. */
static void
name_add_buttons (CaProgrammeEditor *self)
{
  for (guint month = 0; month < N_MONTHS; month++)
    {
      GtkWidget *add = adw_preferences_group_get_header_suffix (self->month_groups[month]);
      g_autofree char *title = month_name (self->year, (int) month + 1);
      /* TRANSLATORS: a button's name for a screen reader; the month. */
      g_autofree char *name = g_strdup_printf (_("Add a Strand to %s"), title);

      gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
    }
}

static void
set_year (CaProgrammeEditor *self,
          int                year)
{
  self->year = CLAMP (year, 1900, 9999);
  name_add_buttons (self);
  show_year (self);
  /* Another year starts at its January (libadwaita 1.2 has no scroll_to_top yet). */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->page)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_SCROLLED_WINDOW (child))
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (child)),
                                0);
}

static void
previous_year_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CaProgrammeEditor *self = CA_PROGRAMME_EDITOR (widget);

  set_year (self, self->year - 1);
}

static void
next_year_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CaProgrammeEditor *self = CA_PROGRAMME_EDITOR (widget);

  set_year (self, self->year + 1);
}


/* Start from another year ---------------------------------------------------------------- */

typedef struct
{
  int   from_year;
  int   to_year;
  guint n_copied;
} YearCopy;

static gboolean
copy_year_job (CaDatabase  *connection,
               gpointer     data,
               GError     **error)
{
  YearCopy *copy = data;

  return ca_programme_store_copy_year (connection, copy->from_year, copy->to_year,
                                       &copy->n_copied, error);
}

static void
year_copied (GtkWidget    *owner,
             gpointer      data,
             const GError *error)
{
  YearCopy *copy = data;
  g_autofree char *text = NULL;

  if (error != NULL)
    text = g_strdup_printf (_("The programme could not be made: %s"), error->message);
  else
    /* TRANSLATORS: the new year, the year it was made from, then a count of entries. */
    text = g_strdup_printf (g_dngettext (NULL, "Made %d’s programme from %d’s: %u entry.",
                                         "Made %d’s programme from %d’s: %u entries.",
                                         copy->n_copied),
                            copy->to_year, copy->from_year, copy->n_copied);
  show_toast (CA_PROGRAMME_EDITOR (owner), text, CA_TOAST_LONG);
}

static void
copy_year_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CaProgrammeEditor *self = CA_PROGRAMME_EDITOR (widget);
  YearCopy *copy;

  if (self->database == NULL || self->source_year == 0 || ca_view_write_is_busy (widget))
    return;
  copy = g_new0 (YearCopy, 1);
  copy->from_year = self->source_year;
  copy->to_year = self->year;
  ca_view_write (widget, GTK_WIDGET (self->start_button), self->database, copy_year_job, copy,
                 g_free, year_copied);
}


/* Import and export ---------------------------------------------------------------------- */

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CaProgrammeEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  CaProgrammeImportResult done = { 0 };

  if (!ca_programme_store_import_path_finish (result, &done, &error))
    text = g_strdup_printf (_("Nothing was imported: %s"), error->message);
  else
    /* TRANSLATORS: counts of the programme's month-and-strand entries. */
    text = g_strdup_printf (_("The programme file was imported: %u added, %u changed, %u as "
                              "they were."), done.entries_added + done.events_added,
                            done.entries_updated + done.events_updated,
                            done.entries_unchanged + done.events_unchanged);
  show_toast (self, text, CA_TOAST_LONG);
}

static void
import_file_chosen (GtkWidget *owner,
                    GFile     *file,
                    gpointer   data)
{
  CaProgrammeEditor *self = CA_PROGRAMME_EDITOR (owner);
  g_autofree char *path = NULL;

  if (self->database == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  ca_programme_store_import_path_async (self->database, path, NULL, imported_cb,
                                        g_object_ref (self));
}

static GtkFileChooserNative *
new_file_chooser (CaProgrammeEditor    *self,
                  const char           *title,
                  GtkFileChooserAction  action,
                  const char           *accept)
{
  GtkFileChooserNative *dialog = ca_file_chooser_new (GTK_WIDGET (self), title, action, accept);

  ca_file_chooser_add_filter (dialog, _("Programme files (JSON)"), "json", NULL);
  return dialog;
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CaProgrammeEditor *self = CA_PROGRAMME_EDITOR (widget);
  GtkFileChooserNative *dialog;

  dialog = new_file_chooser (self, _("Import a Programme File"), GTK_FILE_CHOOSER_ACTION_OPEN,
                             _("_Import"));
  ca_file_chooser_ask (dialog, widget, import_file_chosen, NULL, NULL);
}

typedef struct
{
  int    year;
  char  *path;
  char  *name;
  guint  n_entries;
} ProgrammeExport;

static void
programme_export_free (ProgrammeExport *export)
{
  g_free (export->path);
  g_free (export->name);
  g_free (export);
}

static gboolean
export_job (CaDatabase  *connection,
            gpointer     data,
            GError     **error)
{
  ProgrammeExport *export = data;
  g_autoptr(CaProgrammeFile) file = ca_programme_store_read_year (connection, export->year,
                                                                 error);

  if (file == NULL)
    return FALSE;
  export->n_entries = file->entries->len;
  /* The file chooser has asked before replacing a file. */
  return ca_programme_file_write (file, export->path, CA_OUTPUT_FILE_REPLACE, error);
}

static void
exported (GtkWidget    *owner,
          gpointer      data,
          const GError *error)
{
  ProgrammeExport *export = data;
  g_autofree char *text = NULL;

  if (error != NULL)
    text = g_strdup_printf (_("The programme could not be exported: %s"), error->message);
  else
    text = g_strdup_printf (g_dngettext (NULL, "Exported %d’s programme (%u entry) to “%s”.",
                                         "Exported %d’s programme (%u entries) to “%s”.",
                                         export->n_entries),
                            export->year, export->n_entries, export->name);
  show_toast (CA_PROGRAMME_EDITOR (owner), text, error != NULL ? CA_TOAST_LONG : CA_TOAST_SHORT);
}

static void
export_file_chosen (GtkWidget *owner,
                    GFile     *file,
                    gpointer   data)
{
  CaProgrammeEditor *self = CA_PROGRAMME_EDITOR (owner);
  ProgrammeExport *export;

  if (self->database == NULL || g_file_peek_path (file) == NULL)
    return;
  export = g_new0 (ProgrammeExport, 1);
  export->year = self->year;
  export->path = g_file_get_path (file);
  export->name = g_file_get_basename (file);
  ca_view_write (owner, NULL, self->database, export_job, export,
                 (GDestroyNotify) programme_export_free, exported);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CaProgrammeEditor *self = CA_PROGRAMME_EDITOR (widget);
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;

  dialog = new_file_chooser (self, _("Export the Programme"), GTK_FILE_CHOOSER_ACTION_SAVE,
                             _("_Export"));
  /* TRANSLATORS: a file name; the year. */
  name = g_strdup_printf (_("Audit programme %d.json"), self->year);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  ca_file_chooser_ask (dialog, widget, export_file_chosen, NULL, NULL);
}


/* Overrides ------------------------------------------------------------------------------- */

static void
ca_programme_editor_dispose (GObject *object)
{
  CaProgrammeEditor *self = (CaProgrammeEditor *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_PROGRAMME_EDITOR);
  for (guint month = 0; month < N_MONTHS; month++)
    g_clear_pointer (&self->month_rows[month], g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->database);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ca_programme_editor_parent_class)->dispose (object);
}

static void
ca_programme_editor_class_init (CaProgrammeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_programme_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-programme-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CaProgrammeEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CaProgrammeEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CaProgrammeEditor, page);
  gtk_widget_class_bind_template_child (widget_class, CaProgrammeEditor, start_group);
  gtk_widget_class_bind_template_child (widget_class, CaProgrammeEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, CaProgrammeEditor, start_button);

  gtk_widget_class_install_action (widget_class, "programme.previous-year", NULL,
                                   previous_year_action);
  gtk_widget_class_install_action (widget_class, "programme.next-year", NULL, next_year_action);
  gtk_widget_class_install_action (widget_class, "programme.copy-year", NULL, copy_year_action);
  gtk_widget_class_install_action (widget_class, "programme.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "programme.export", NULL, export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK,
                                       "programme.previous-year", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK,
                                       "programme.next-year", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
ca_programme_editor_init (CaProgrammeEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ca_list_name_controls_once (GTK_WIDGET (self));
  build_months (self);
}

/**
 * ca_programme_editor_new:
 * @year: the year to show first, usually the one the Calendar shows
 *
 * The programme editor over @parent, on @context's database.
 */
CaProgrammeEditor *
ca_programme_editor_new (GtkWindow *parent,
                         CaContext *context,
                         int        year)
{
  CaProgrammeEditor *self;

  g_return_val_if_fail (CA_IS_CONTEXT (context), NULL);

  self = g_object_new (CA_TYPE_PROGRAMME_EDITOR, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  self->database = g_object_ref (ca_context_get_database (context));
  g_signal_connect_object (context, "changed", G_CALLBACK (context_changed_cb), self,
                           G_CONNECT_SWAPPED);
  set_year (self, year);
  load (self);
  return self;
}
