// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences: what the pages share: the file choosers, the import of a chosen file and the
// refusals (Bank Holidays, Audit Tools).

#define G_LOG_DOMAIN "ca-preferences-files"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ca-file-chooser.h"
#include "ca-input-file.h"
#include "ca-preferences-files.h"
#include "ca-question.h"
#include "ca-widget.h"

void
ca_preferences_show_refusal (GtkWidget  *page,
                             const char *heading,
                             const char *body)
{
  GtkWidget *dialog = ca_notice_new (ca_widget_get_window (page), heading, body);

  gtk_window_present (GTK_WINDOW (dialog));
}

GtkFileChooserNative *
ca_preferences_new_chooser (GtkWidget            *page,
                            const char           *title,
                            GtkFileChooserAction  action,
                            const char           *accept_label,
                            const char           *filter_name)
{
  GtkFileChooserNative *dialog = ca_file_chooser_new (page, title, action, accept_label);

  ca_file_chooser_add_filter (dialog, filter_name, "json", "application/json");
  ca_file_chooser_add_all_files (dialog);
  return dialog;
}

/* What reads the file an import's chooser gave. */
typedef struct
{
  gsize                max_size;
  GAsyncReadyCallback  loaded;
} Import;

static void
import_chosen (GtkWidget *page,
               GFile     *file,
               gpointer   data)
{
  g_autofree Import *import = data;
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    {
      g_autoptr(GFile) local = g_file_new_for_path (path);

      /* Bounded, and read asynchronously: a pipe that stays silent never freezes the window. */
      ca_input_file_read_async (local, import->max_size, CA_INPUT_FILE_WAIT_SECONDS, NULL,
                                import->loaded, g_object_ref (page));
    }
}

void
ca_preferences_import_file (GtkWidget           *page,
                            const char          *title,
                            const char          *filter_name,
                            gsize                max_size,
                            GAsyncReadyCallback  loaded)
{
  GtkFileChooserNative *dialog;
  Import *import = g_new0 (Import, 1);

  import->max_size = max_size;
  import->loaded = loaded;
  dialog = ca_preferences_new_chooser (page, title, GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                       filter_name);
  ca_file_chooser_ask (dialog, page, import_chosen, import, g_free);
}
