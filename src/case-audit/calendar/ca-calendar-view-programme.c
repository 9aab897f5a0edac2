// SPDX-License-Identifier: GPL-3.0-or-later
// The Calendar's programme: the offer to load the example programme while the database has
// none, and the loading of it on the database's worker; the programme editor; the calendar
// exported as iCalendar.

#define G_LOG_DOMAIN "ca-calendar-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-calendar-store.h"
#include "ca-calendar-view-private.h"
#include "ca-file-chooser.h"
#include "ca-ical-export.h"
#include "ca-programme-editor.h"
#include "ca-programme-store.h"
#include "ca-toast.h"
#include "ca-view-write.h"
#include "ca-widget.h"

/* The example programme to load, and what the store answered. */
typedef struct
{
  CaProgrammeFile         *file;
  CaProgrammeImportResult  result;
} ExampleLoad;

static void
example_load_free (ExampleLoad *load)
{
  g_clear_pointer (&load->file, ca_programme_file_free);
  g_free (load);
}

static void
programme_listed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CaCalendarView) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = ca_programme_store_list_entries_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_warning ("The programme could not be read: %s", error->message);
  gtk_revealer_set_reveal_child (self->programme_revealer,
                                 self->database != NULL && entries != NULL && entries->len == 0);
}

/* The offer to load the example stays until the database has a programme of its own. The
 * programme is read on the worker. */
void
ca_calendar_view_update_programme_offer (CaCalendarView *self)
{
  g_cancellable_cancel (self->offer_cancellable);
  g_clear_object (&self->offer_cancellable);
  if (self->database == NULL)
    {
      gtk_revealer_set_reveal_child (self->programme_revealer, FALSE);
      return;
    }
  self->offer_cancellable = g_cancellable_new ();
  ca_programme_store_list_entries_async (self->database, self->offer_cancellable,
                                         programme_listed_cb, g_object_ref (self));
}

/* Says what loading the example programme did, and shows its first month. */
static void
show_example_loaded (CaCalendarView                *self,
                     const CaProgrammeImportResult *result,
                     const GError                  *error)
{
  g_autofree char *message = NULL;
  GDate first;

  if (self->database == NULL)
    return;
  if (error != NULL)
    {
      message = g_strdup_printf (_("The example programme could not be loaded: %s"),
                                 error->message);
      ca_toast_show_text (GTK_WIDGET (self), message, CA_TOAST_SHORT);
      return;
    }

  if (result->entries_added + result->events_added == 0)
    message = g_strdup (_("The 2021 example programme was already loaded; nothing changed."));
  else
    message = g_strdup_printf (g_dngettext (NULL,
                                            "The 2021 example programme was loaded: %u programme entry added.",
                                            "The 2021 example programme was loaded: %u programme entries added.",
                                            result->entries_added),
                               result->entries_added);
  ca_toast_show_text (GTK_WIDGET (self), message, CA_TOAST_SHORT);
  ca_calendar_view_update_programme_offer (self);

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, G_DATE_JANUARY, 2021);
  ca_calendar_view_select (self, &first, FALSE);
  ca_calendar_view_load_month (self);
}

static gboolean
load_example_job (CaDatabase  *connection,
                  gpointer     data,
                  GError     **error)
{
  ExampleLoad *load = data;

  return ca_programme_store_import (connection, load->file, &load->result, error);
}

static void
example_loaded (GtkWidget    *owner,
                gpointer      data,
                const GError *error)
{
  CaCalendarView *self = CA_CALENDAR_VIEW (owner);
  ExampleLoad *load = data;

  gtk_widget_action_set_enabled (owner, "calendar.load-example", TRUE);
  show_example_loaded (self, &load->result, error);
}

void
ca_calendar_view_load_example_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  CaCalendarView *self = CA_CALENDAR_VIEW (widget);
  g_autoptr(CaProgrammeFile) file = NULL;
  g_autoptr(GError) error = NULL;
  ExampleLoad *load;

  if (self->database == NULL)
    return;

  file = ca_programme_file_load_example (&error);
  if (file == NULL)
    {
      show_example_loaded (self, NULL, error);
      return;
    }
  /* Off while it loads, so that it is not loaded twice. */
  gtk_widget_action_set_enabled (widget, "calendar.load-example", FALSE);
  load = g_new0 (ExampleLoad, 1);
  load->file = g_steal_pointer (&file);
  ca_view_write (widget, NULL, self->database, load_example_job, load,
                 (GDestroyNotify) example_load_free, example_loaded);
}


void
ca_calendar_view_close_programme_editor (CaCalendarView *self)
{
  GtkWidget *editor = self->programme_editor;

  if (editor == NULL)
    return;
  g_object_remove_weak_pointer (G_OBJECT (editor), (gpointer *) &self->programme_editor);
  self->programme_editor = NULL;
  gtk_window_destroy (GTK_WINDOW (editor));
}

/**
 * ca_calendar_view_edit_programme_action:
 *
 * Opens the programme editor at the year the Calendar shows, or brings back the one open.
 */
void
ca_calendar_view_edit_programme_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  CaCalendarView *self = CA_CALENDAR_VIEW (widget);

  if (self->context == NULL)
    return;
  if (self->programme_editor == NULL)
    {
      self->programme_editor =
        GTK_WIDGET (ca_programme_editor_new (ca_widget_get_window (widget), self->context,
                                             g_date_get_year (&self->month)));
      g_object_add_weak_pointer (G_OBJECT (self->programme_editor),
                                 (gpointer *) &self->programme_editor);
    }
  gtk_window_present (GTK_WINDOW (self->programme_editor));
}


/* Exporting (R-C4) ------------------------------------------------------------------------ */

/* What to export and where; the worker leaves how many dates went in. */
typedef struct
{
  char  *staff_ref;  /* nullable: the programme alone, for everyone */
  char  *path;
  char  *name;       /* the file's name, as the toast says it */
  guint  n_events;
} IcalExport;

static void
ical_export_free (IcalExport *export)
{
  g_free (export->staff_ref);
  g_free (export->path);
  g_free (export->name);
  g_free (export);
}

/* On the worker: the person's staff record looked up there too, so that nothing is read on
 * the main thread. */
static gboolean
export_ical_job (CaDatabase  *connection,
                 gpointer     data,
                 GError     **error)
{
  IcalExport *export = data;
  gint64 staff_id = 0;

  if (export->staff_ref != NULL)
    {
      staff_id = ca_calendar_store_find_staff (connection, export->staff_ref, NULL, error);
      if (staff_id <= 0)
        return FALSE;
    }
  /* The file chooser has asked before replacing a file. */
  return ca_ical_export_save (connection, staff_id, export->path, CA_OUTPUT_FILE_REPLACE,
                              &export->n_events, error);
}

static void
ical_exported (GtkWidget    *owner,
               gpointer      data,
               const GError *error)
{
  IcalExport *export = data;
  g_autofree char *text = NULL;

  if (error != NULL)
    text = g_strdup_printf (_("The calendar could not be exported: %s"), error->message);
  else
    text = g_strdup_printf (g_dngettext (NULL, "Exported %u date to “%s”.",
                                         "Exported %u dates to “%s”.", export->n_events),
                            export->n_events, export->name);
  ca_toast_show_text (owner, text, error != NULL ? CA_TOAST_LONG : CA_TOAST_SHORT);
}

static void
ical_file_chosen (GtkWidget *owner,
                  GFile     *file,
                  gpointer   data)
{
  CaCalendarView *self = CA_CALENDAR_VIEW (owner);
  IcalExport *export = data;

  export->path = g_file_get_path (file);
  if (export->path == NULL || self->database == NULL)
    {
      ical_export_free (export);
      return;
    }
  export->name = g_file_get_basename (file);
  ca_view_write (owner, NULL, self->database, export_ical_job, export,
                 (GDestroyNotify) ical_export_free, ical_exported);
}

/**
 * ca_calendar_view_export_ical_action:
 * @parameter: %TRUE for the calendar of the person whose staff ID Preferences hold (the
 *   programme and what waits on them), %FALSE for the programme alone, for everyone
 *
 * Writes the calendar as an iCalendar file for Outlook or GNOME Calendar, as `case-audit
 * export ical` does, to a file the person chooses.
 */
void
ca_calendar_view_export_ical_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  CaCalendarView *self = CA_CALENDAR_VIEW (widget);
  gboolean mine = g_variant_get_boolean (parameter);
  g_autofree char *staff_ref = ca_context_dup_staff_ref (self->context);
  GtkFileChooserNative *dialog;
  IcalExport *export;

  if (self->database == NULL)
    return;
  if (mine && *staff_ref == '\0')
    {
      ca_toast_show_text (widget, _("To export what waits on you, set your staff ID in "
                                    "Preferences first."), CA_TOAST_LONG);
      return;
    }

  export = g_new0 (IcalExport, 1);
  export->staff_ref = mine ? g_steal_pointer (&staff_ref) : NULL;
  dialog = ca_file_chooser_new (widget, _("Export Calendar"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                _("_Export"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog),
                                     mine ? _("My audit calendar.ics")
                                          : _("Audit programme.ics"));
  ca_file_chooser_ask (dialog, widget, ical_file_chosen, export,
                       (GDestroyNotify) ical_export_free);
}
