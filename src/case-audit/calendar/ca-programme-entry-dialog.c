// SPDX-License-Identifier: GPL-3.0-or-later
// One month and strand of the programme (R-C1), edited or added: its focus, its allocation,
// return and 7 Minute Briefing dates, the dip sample's questions and the training offered.
// The store checks the entry as it checks a programme file; its message stays in the dialog
// until the entry is right.

#define G_LOG_DOMAIN "ca-programme-entry-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-date.h"
#include "ca-form-rows.h"
#include "ca-list-access.h"
#include "ca-programme-entry-dialog.h"
#include "ca-programme-rules.h"
#include "ca-programme-store.h"
#include "ca-style.h"
#include "ca-view-write.h"

struct _CaProgrammeEntryDialog
{
  AdwWindow     parent_instance;

  CaDatabase   *database;
  char         *month;          /* 'YYYY-MM' */
  GPtrArray    *strands;        /* the codes the strand row offers, in its order */

  GtkLabel     *error_label;
  AdwComboRow  *strand_row;
  AdwEntryRow  *focus_row;
  GtkWidget    *dates_group;
  GtkWidget    *questions_group;
  GtkWidget    *training_group;
  GtkWidget    *date_rows[3];   /* allocation, return, briefing */
  GtkTextView  *questions_view;
  GtkTextView  *training_view;
  GtkButton    *save_button;
};

G_DEFINE_FINAL_TYPE (CaProgrammeEntryDialog, ca_programme_entry_dialog, ADW_TYPE_WINDOW)

static void
show_error (CaProgrammeEntryDialog *self,
            const char             *message)
{
  ca_style_show_message (self->error_label, message);
}

/* The text view's lines, blank ones left out by the record. */
static GStrv
read_lines (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strsplit (text, "\n", -1);
}

/* Questions are the dip sample's: another strand shows them only when it has some. */
static void
strand_changed_cb (CaProgrammeEntryDialog *self)
{
  guint strand = adw_combo_row_get_selected (self->strand_row);
  GtkTextBuffer *questions;

  if (self->questions_view == NULL)
    return;
  questions = gtk_text_view_get_buffer (self->questions_view);
  gtk_widget_set_visible (self->questions_group,
                          gtk_text_buffer_get_char_count (questions) > 0 ||
                          (strand < self->strands->len &&
                           g_str_equal (self->strands->pdata[strand], "dip-sample")));
}

static gboolean
save_entry_job (CaDatabase  *connection,
                gpointer     data,
                GError     **error)
{
  return ca_programme_store_save_entry (connection, data, error);
}

static void
entry_saved (GtkWidget    *owner,
             gpointer      data,
             const GError *error)
{
  CaProgrammeEntryDialog *self = CA_PROGRAMME_ENTRY_DIALOG (owner);

  if (self->database == NULL)  /* closed meanwhile */
    return;
  if (error != NULL)
    {
      show_error (self, error->message);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_clicked_cb (CaProgrammeEntryDialog *self)
{
  g_autofree char *dates[G_N_ELEMENTS (self->date_rows)] = { NULL };
  g_autofree char *focus = NULL;
  g_auto(GStrv) questions = NULL;
  g_auto(GStrv) training = NULL;
  CaProgrammeEntry *entry;
  guint strand;

  if (ca_view_write_is_busy (GTK_WIDGET (self)))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->date_rows); i++)
    if (!ca_form_rows_read_date (self->date_rows[i], &dates[i]))
      {
        gtk_widget_grab_focus (self->date_rows[i]);
        show_error (self, NULL);
        return;
      }
  strand = adw_combo_row_get_selected (self->strand_row);
  if (strand >= self->strands->len)
    return;
  focus = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->focus_row))));
  questions = read_lines (self->questions_view);
  training = read_lines (self->training_view);

  entry = ca_programme_entry_new_edited (self->month, self->strands->pdata[strand], focus,
                                         (const char * const *) questions, dates[0], dates[1],
                                         dates[2], (const char * const *) training);
  ca_view_write (GTK_WIDGET (self), GTK_WIDGET (self->save_button), self->database,
                 save_entry_job, entry, g_object_unref, entry_saved);
}

static void
ca_programme_entry_dialog_dispose (GObject *object)
{
  CaProgrammeEntryDialog *self = (CaProgrammeEntryDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_PROGRAMME_ENTRY_DIALOG);
  g_clear_object (&self->database);
  g_clear_pointer (&self->month, g_free);
  g_clear_pointer (&self->strands, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_programme_entry_dialog_parent_class)->dispose (object);
}

static void
ca_programme_entry_dialog_class_init (CaProgrammeEntryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_programme_entry_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-programme-entry-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CaProgrammeEntryDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CaProgrammeEntryDialog, strand_row);
  gtk_widget_class_bind_template_child (widget_class, CaProgrammeEntryDialog, focus_row);
  gtk_widget_class_bind_template_child (widget_class, CaProgrammeEntryDialog, dates_group);
  gtk_widget_class_bind_template_child (widget_class, CaProgrammeEntryDialog, questions_group);
  gtk_widget_class_bind_template_child (widget_class, CaProgrammeEntryDialog, training_group);
  gtk_widget_class_bind_template_child (widget_class, CaProgrammeEntryDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, strand_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ca_programme_entry_dialog_init (CaProgrammeEntryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ca_list_name_controls_once (GTK_WIDGET (self));
  self->strands = g_ptr_array_new ();
}

/* Lines one to a line, for a text view. */
static char *
join_lines (const char * const *lines)
{
  return lines != NULL ? g_strjoinv ("\n", (GStrv) lines) : NULL;
}

/**
 * ca_programme_entry_dialog_new:
 * @month: the month, 'YYYY-MM'
 * @entry: (nullable): the entry to edit, or %NULL to add a strand to @month
 * @taken_strands: (nullable) (array zero-terminated=1): the strands @month already has, which
 *   a new entry cannot take
 *
 * A modal dialog over @parent that saves the entry to @database and closes; the database's
 * change notification tells the views.
 */
CaProgrammeEntryDialog *
ca_programme_entry_dialog_new (GtkWindow          *parent,
                               CaDatabase         *database,
                               const char         *month,
                               CaProgrammeEntry   *entry,
                               const char * const *taken_strands)
{
  static const char *date_titles[] = {
    N_("Allocation date"), N_("Return date"), N_("7 Minute Briefing date"),
  };
  CaProgrammeEntryDialog *self;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) first = NULL;
  g_autofree char *month_name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *questions = NULL;
  g_autofree char *training = NULL;
  g_autofree char *example_iso = NULL;
  g_autofree char *example_typed = NULL;
  g_autofree char *example_shown = NULL;
  g_autofree char *dates_hint = NULL;
  const char *dates[3] = { NULL };
  const char *strand;
  int year = 0, month_number = 0;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (month != NULL, NULL);
  if (!ca_programme_parse_month (month, &year, &month_number))
    g_return_val_if_reached (NULL);

  self = g_object_new (CA_TYPE_PROGRAMME_ENTRY_DIALOG, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  self->month = g_strdup (month);

  /* A new entry offers the strands the month lacks; an edited one keeps its own. */
  for (guint i = 0; (strand = ca_programme_strand_nth (i)) != NULL; i++)
    {
      if (entry != NULL ? !g_str_equal (strand, ca_programme_entry_get_strand (entry))
                        : taken_strands != NULL && g_strv_contains (taken_strands, strand))
        continue;
      g_ptr_array_add (self->strands, (gpointer) strand);
      gtk_string_list_append (labels, ca_programme_strand_to_label (strand));
    }
  adw_combo_row_set_model (self->strand_row, G_LIST_MODEL (labels));
  gtk_widget_set_sensitive (GTK_WIDGET (self->strand_row), entry == NULL);

  first = g_date_time_new_local (year, month_number, 1, 0, 0, 0);
  month_name = g_date_time_format (first, "%B %Y");
  if (entry != NULL)
    {
      /* TRANSLATORS: the strand, then the month: "Early Help, January 2027". */
      title = g_strdup_printf (_("%s, %s"),
                               ca_programme_strand_to_label (ca_programme_entry_get_strand (entry)),
                               month_name);
      gtk_editable_set_text (GTK_EDITABLE (self->focus_row), ca_programme_entry_get_focus (entry));
      dates[0] = ca_programme_entry_get_allocation_date (entry);
      dates[1] = ca_programme_entry_get_return_date (entry);
      dates[2] = ca_programme_entry_get_briefing_date (entry);
      questions = join_lines (ca_programme_entry_get_questions (entry));
      training = join_lines (ca_programme_entry_get_training (entry));
    }
  else
    /* TRANSLATORS: the month: "Add to January 2027". */
    title = g_strdup_printf (_("Add to %s"), month_name);
  gtk_window_set_title (GTK_WINDOW (self), title);

  /* The forms a date takes, shown with a day of this month. */
  example_iso = g_date_time_format (first, "%Y-%m-04");
  example_typed = g_date_time_format (first, "4/%-m/%Y");
  example_shown = ca_date_format_display (example_iso);
  dates_hint = g_strdup_printf (_("Typed as %s, %s or %s. Leave a date empty when the month "
                                  "has none."),
                                example_typed, example_iso,
                                example_shown);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->dates_group), dates_hint);
  for (guint i = 0; i < G_N_ELEMENTS (self->date_rows); i++)
    self->date_rows[i] = ca_form_rows_add_date_row (self->dates_group, _(date_titles[i]),
                                                    dates[i]);
  self->questions_view = GTK_TEXT_VIEW (ca_form_rows_add_text_view (self->questions_group,
                                                                    _("Dip-sample questions, one to a line"),
                                                                    questions));
  self->training_view = GTK_TEXT_VIEW (ca_form_rows_add_text_view (self->training_group,
                                                                   _("Training offered, one course to a line"),
                                                                   training));
  strand_changed_cb (self);
  /* The first field a person would change takes the typing. */
  gtk_widget_grab_focus (entry == NULL ? GTK_WIDGET (self->strand_row)
                                       : GTK_WIDGET (self->focus_row));
  return self;
}
