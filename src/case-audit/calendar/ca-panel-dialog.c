// SPDX-License-Identifier: GPL-3.0-or-later
// A moderation panel (R-H5, seed 04), opened from its event in the Calendar: the audits it
// reviewed (case reference, auditor, the auditor's and the moderated grade, a Remove button
// each), an entry that adds a case's latest submitted audit, and the panel's conclusions.
// The store decides what may be added and says why not; the dialog shows its words.

#define G_LOG_DOMAIN "ca-panel-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-date.h"
#include "ca-list-access.h"
#include "ca-panel-dialog.h"
#include "ca-panel-store.h"
#include "ca-style.h"
#include "ca-toast.h"
#include "ca-view-write.h"

struct _CaPanelDialog
{
  AdwWindow        parent_instance;

  CaDatabase      *database;
  gint64           event_id;
  GCancellable    *cancellable;

  AdwWindowTitle  *window_title;
  GtkListBox      *audit_list;
  AdwEntryRow     *case_row;
  GtkButton       *add_button;
  GtkTextView     *conclusions_view;
  GtkButton       *save_button;
  GtkLabel        *error_label;
};

G_DEFINE_FINAL_TYPE (CaPanelDialog, ca_panel_dialog, ADW_TYPE_WINDOW)

static void load (CaPanelDialog *self);

static void
show_error (CaPanelDialog *self,
            const char    *message)
{
  ca_style_show_message (self->error_label, message);
}

/* A write's arguments, copied for the worker: the job reads only these. */
typedef struct
{
  gint64  event_id;
  gint64  audit_id;
  char   *text;      /* a case reference, or the conclusions */
} PanelWrite;

static void
panel_write_free (PanelWrite *write)
{
  g_free (write->text);
  g_free (write);
}

static PanelWrite *
panel_write_new (CaPanelDialog *self,
                 gint64         audit_id,
                 const char    *text)
{
  PanelWrite *write = g_new0 (PanelWrite, 1);

  write->event_id = self->event_id;
  write->audit_id = audit_id;
  write->text = g_strdup (text);
  return write;
}

static gboolean
add_job (CaDatabase  *connection,
         gpointer     data,
         GError     **error)
{
  PanelWrite *write = data;

  return ca_panel_store_add_case (connection, write->event_id, write->text, &write->audit_id,
                                  error);
}

static gboolean
remove_job (CaDatabase  *connection,
            gpointer     data,
            GError     **error)
{
  PanelWrite *write = data;

  return ca_panel_store_remove_audit (connection, write->event_id, write->audit_id, error);
}

static gboolean
save_job (CaDatabase  *connection,
          gpointer     data,
          GError     **error)
{
  PanelWrite *write = data;

  return ca_panel_store_set_conclusions (connection, write->event_id, write->text, error);
}

/* After any write: its refusal in words under the form, or the panel read again. */
static void
written (GtkWidget    *owner,
         gpointer      data,
         const GError *error)
{
  CaPanelDialog *self = CA_PANEL_DIALOG (owner);

  if (self->database == NULL)  /* closed meanwhile */
    return;
  if (error != NULL)
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
  load (self);
}

static void
added (GtkWidget    *owner,
       gpointer      data,
       const GError *error)
{
  CaPanelDialog *self = CA_PANEL_DIALOG (owner);

  written (owner, data, error);
  if (self->database != NULL)
    {
      if (error == NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->case_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->case_row));
    }
}

static void
saved (GtkWidget    *owner,
       gpointer      data,
       const GError *error)
{
  written (owner, data, error);
  if (error == NULL && CA_PANEL_DIALOG (owner)->database != NULL)
    ca_toast_show_text (owner, _("Saved the panel’s conclusions."), CA_TOAST_SHORT);
}

static void
add_clicked_cb (CaPanelDialog *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->case_row));

  if (self->database == NULL || ca_view_write_is_busy (GTK_WIDGET (self)))
    return;
  ca_view_write (GTK_WIDGET (self), GTK_WIDGET (self->add_button), self->database, add_job,
                 panel_write_new (self, 0, typed), (GDestroyNotify) panel_write_free, added);
}

static void
remove_clicked_cb (GtkButton     *button,
                   CaPanelDialog *self)
{
  gint64 audit_id = *(gint64 *) g_object_get_data (G_OBJECT (button), "audit-id");

  if (self->database == NULL || ca_view_write_is_busy (GTK_WIDGET (self)))
    return;
  ca_view_write (GTK_WIDGET (self), GTK_WIDGET (button), self->database, remove_job,
                 panel_write_new (self, audit_id, NULL), (GDestroyNotify) panel_write_free,
                 written);
}

static void
save_clicked_cb (CaPanelDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->conclusions_view);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->database == NULL || ca_view_write_is_busy (GTK_WIDGET (self)))
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  ca_view_write (GTK_WIDGET (self), GTK_WIDGET (self->save_button), self->database, save_job,
                 panel_write_new (self, 0, text), (GDestroyNotify) panel_write_free, saved);
}

static const char *
grade_words (CaGrade grade)
{
  return grade == CA_GRADE_NONE ? _("not graded") : ca_grade_get_label (grade);
}

static GtkWidget *
new_audit_row (CaPanelDialog      *self,
               const CaPanelAudit *audit)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *subtitle = NULL;
  g_autofree char *name = NULL;

  if (audit->moderated_grade == CA_GRADE_NONE)
    /* Translators: an audit on a panel's list: its auditor, then the auditor's grade */
    subtitle = g_strdup_printf (_("%s · %s · not moderated"), audit->auditor,
                                grade_words (audit->overall_grade));
  else
    /* Translators: an audit on a panel's list: its auditor, the auditor's grade, then the
     * moderated grade */
    subtitle = g_strdup_printf (_("%s · %s · moderated %s"), audit->auditor,
                                grade_words (audit->overall_grade),
                                ca_grade_get_label (audit->moderated_grade));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), audit->case_ref);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* Translators: the button that takes an audit off a panel's list; %s is its case */
  name = g_strdup_printf (_("Remove %s"), audit->case_ref);
  gtk_widget_set_tooltip_text (remove, name);
  ca_list_name_button (remove, name);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  g_object_set_data_full (G_OBJECT (remove), "audit-id",
                          g_memdup2 (&audit->audit_id, sizeof audit->audit_id), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
show_panel (CaPanelDialog *self,
            const CaPanel *panel)
{
  GtkWidget *child;
  g_autofree char *date = ca_date_format_display (panel->date);

  adw_window_title_set_title (self->window_title, panel->title);
  adw_window_title_set_subtitle (self->window_title, date != NULL ? date : panel->date);
  gtk_window_set_title (GTK_WINDOW (self), panel->title);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->audit_list))) != NULL)
    gtk_list_box_remove (self->audit_list, child);
  if (panel->audits->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No audits reviewed yet"));
      gtk_list_box_append (self->audit_list, row);
    }
  for (guint i = 0; i < panel->audits->len; i++)
    gtk_list_box_append (self->audit_list, new_audit_row (self, panel->audits->pdata[i]));
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CaPanelDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaPanel) panel = ca_panel_store_load_finish (result, &error);
  gboolean first = !gtk_widget_get_visible (GTK_WIDGET (self));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->database == NULL)
    return;
  if (panel == NULL)
    {
      /* Another kind of event has nothing to show here: activating it does nothing, as
       * before. Any other failure is said where the person is looking. */
      if (!first)
        show_error (self, error->message);
      else
        {
          GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

          if (parent != NULL &&
              !g_error_matches (error, CA_PANEL_STORE_ERROR, CA_PANEL_STORE_ERROR_NOT_PANEL))
            ca_toast_show_text (GTK_WIDGET (parent), error->message, CA_TOAST_SHORT);
          gtk_window_destroy (GTK_WINDOW (self));
        }
      return;
    }

  show_panel (self, panel);
  if (first)
    {
      /* The conclusions are written into the box once; later loads (after an audit is added
       * or removed) keep what is being typed. */
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->conclusions_view),
                                panel->conclusions != NULL ? panel->conclusions : "", -1);
      gtk_window_present (GTK_WINDOW (self));
      gtk_widget_grab_focus (GTK_WIDGET (self->case_row));
    }
}

static void
load (CaPanelDialog *self)
{
  ca_panel_store_load_async (self->database, self->event_id, self->cancellable, loaded_cb,
                             g_object_ref (self));
}

static void
ca_panel_dialog_dispose (GObject *object)
{
  CaPanelDialog *self = (CaPanelDialog *) object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_PANEL_DIALOG);
  g_clear_object (&self->database);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ca_panel_dialog_parent_class)->dispose (object);
}

static void
ca_panel_dialog_class_init (CaPanelDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_panel_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-panel-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CaPanelDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CaPanelDialog, audit_list);
  gtk_widget_class_bind_template_child (widget_class, CaPanelDialog, case_row);
  gtk_widget_class_bind_template_child (widget_class, CaPanelDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, CaPanelDialog, conclusions_view);
  gtk_widget_class_bind_template_child (widget_class, CaPanelDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, CaPanelDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ca_panel_dialog_init (CaPanelDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ca_list_name_controls_once (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * ca_panel_dialog_open:
 * @event_id: a programme event's number
 *
 * Reads the event on the worker and, when it is a moderation panel, shows it in a dialog
 * over @parent. Another kind of event shows nothing.
 */
void
ca_panel_dialog_open (GtkWindow  *parent,
                      CaDatabase *database,
                      gint64      event_id)
{
  CaPanelDialog *self;

  g_return_if_fail (CA_IS_DATABASE (database));

  self = g_object_new (CA_TYPE_PANEL_DIALOG, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  self->event_id = event_id;
  load (self);
}
