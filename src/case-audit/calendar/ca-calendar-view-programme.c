// SPDX-License-Identifier: GPL-3.0-or-later
// The Calendar's programme: the offer to load the example programme while the database has
// none, and the loading of it on the database's worker.

#define G_LOG_DOMAIN "ca-calendar-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-calendar-view-private.h"
#include "ca-programme-store.h"
#include "ca-toast.h"
#include "ca-view-write.h"

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

