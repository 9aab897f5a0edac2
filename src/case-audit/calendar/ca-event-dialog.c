// SPDX-License-Identifier: GPL-3.0-or-later
// Add Event: a small dialog that adds one programme event (R-C2) to the database. The store
// checks the event; its message stays in the dialog until the event is right.

#define G_LOG_DOMAIN "ca-event-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-date.h"
#include "ca-event-dialog.h"
#include "ca-list-access.h"
#include "ca-programme-store.h"
#include "ca-style.h"
#include "ca-view-write.h"

struct _CaEventDialog
{
  AdwWindow     parent_instance;

  CaDatabase   *database;
  char         *offered_title;  /* the kind's label put in the title, while it is untouched */

  AdwComboRow  *kind_row;
  AdwEntryRow  *date_row;
  AdwEntryRow  *title_row;
  AdwEntryRow  *notes_row;
  GtkLabel     *error_label;
  GtkButton    *add_button;
};

G_DEFINE_FINAL_TYPE (CaEventDialog, ca_event_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_EVENT_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
chosen_kind (CaEventDialog *self)
{
  return ca_programme_event_kind_nth (adw_combo_row_get_selected (self->kind_row));
}

static void
show_error (CaEventDialog *self,
            const char    *message)
{
  ca_style_show_message (self->error_label, message);
}

/* The title follows the kind until someone writes a title of their own. */
static void
kind_changed_cb (CaEventDialog *self)
{
  const char *kind = chosen_kind (self);
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  const char *label;

  if (kind == NULL)
    return;
  label = ca_programme_event_kind_to_label (kind);
  if (self->offered_title == NULL || *title == '\0' || g_str_equal (title, self->offered_title))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), label);
      g_free (self->offered_title);
      self->offered_title = g_strdup (label);
    }
}

/* The event to add, and the number the store gave it. */
typedef struct
{
  CaProgrammeEvent *event;
  gint64            id;
} EventWrite;

static void
event_write_free (EventWrite *write)
{
  g_object_unref (write->event);
  g_free (write);
}

static gboolean
add_event_job (CaDatabase  *connection,
               gpointer     data,
               GError     **error)
{
  EventWrite *write = data;

  write->id = ca_programme_store_add_event (connection, write->event, error);
  return write->id != 0;
}

static void
event_added (GtkWidget    *owner,
             gpointer      data,
             const GError *error)
{
  CaEventDialog *self = CA_EVENT_DIALOG (owner);
  EventWrite *write = data;
  gboolean open = self->database != NULL;  /* not closed meanwhile */
  GDate parsed;

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      if (!open)
        return;
      /* The store's "“2021-02-30” is not a date." needs the form a date is written in. */
      if (!ca_date_parse (ca_programme_event_get_date (write->event), &parsed))
        message = g_strdup_printf (_("%s Give it as year-month-day, e.g. 2021-03-15."),
                                   error->message);
      show_error (self, message != NULL ? message : error->message);
      gtk_widget_grab_focus (GTK_WIDGET (message != NULL ? self->date_row : self->title_row));
      return;
    }

  if (open)
    show_error (self, NULL);
  g_signal_emit (self, signals[SIGNAL_EVENT_ADDED], 0, write->id,
                 ca_programme_event_get_date (write->event),
                 ca_programme_event_get_title (write->event));
  if (open)
    gtk_window_close (GTK_WINDOW (self));
}

static void
add_clicked_cb (CaEventDialog *self)
{
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;
  g_autofree char *notes = NULL;
  EventWrite *write;

  if (ca_view_write_is_busy (GTK_WIDGET (self)))
    return;
  date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
  title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  notes = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->notes_row))));

  write = g_new0 (EventWrite, 1);
  write->event = ca_programme_event_new (chosen_kind (self), date, title,
                                         *notes != '\0' ? notes : NULL);
  ca_view_write (GTK_WIDGET (self), GTK_WIDGET (self->add_button), self->database,
                 add_event_job, write, (GDestroyNotify) event_write_free, event_added);
}

static void
ca_event_dialog_dispose (GObject *object)
{
  CaEventDialog *self = (CaEventDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_EVENT_DIALOG);
  g_clear_object (&self->database);
  g_clear_pointer (&self->offered_title, g_free);

  G_OBJECT_CLASS (ca_event_dialog_parent_class)->dispose (object);
}

static void
ca_event_dialog_class_init (CaEventDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_event_dialog_dispose;

  /**
   * CaEventDialog::event-added:
   * @id: the new event's number
   * @date: its day, YYYY-MM-DD
   * @title: its title
   */
  signals[SIGNAL_EVENT_ADDED] =
    g_signal_new ("event-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-event-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CaEventDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CaEventDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, CaEventDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, CaEventDialog, notes_row);
  gtk_widget_class_bind_template_child (widget_class, CaEventDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CaEventDialog, add_button);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ca_event_dialog_init (CaEventDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  const char *kind;

  gtk_widget_init_template (GTK_WIDGET (self));
  ca_list_name_controls_once (GTK_WIDGET (self));

  for (guint i = 0; (kind = ca_programme_event_kind_nth (i)) != NULL; i++)
    gtk_string_list_append (kinds, ca_programme_event_kind_to_label (kind));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  kind_changed_cb (self);
}

/**
 * ca_event_dialog_new:
 * @date: the day to offer, usually the one selected in the calendar
 *
 * A modal dialog over @parent that adds an event to @database; it emits
 * CaEventDialog::event-added and closes when the event is stored.
 */
CaEventDialog *
ca_event_dialog_new (GtkWindow   *parent,
                     CaDatabase  *database,
                     const GDate *date)
{
  CaEventDialog *self;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  self = g_object_new (CA_TYPE_EVENT_DIALOG, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  text = ca_date_format (date);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
  return self;
}
