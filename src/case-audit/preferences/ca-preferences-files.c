// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences: what the pages share: the file choosers, the import of a chosen file and the
// refusals (Bank Holidays, Audit Tools), and a number shown as read rather than typed.

#define G_LOG_DOMAIN "ca-preferences-files"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ca-input-file.h"
#include "ca-preferences-files.h"
#include "ca-question.h"

/* The page's window, which dialogs are put in front of. */
static GtkWindow *
page_window (GtkWidget *page)
{
  GtkRoot *root = gtk_widget_get_root (page);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
ca_preferences_show_refusal (GtkWidget  *page,
                             const char *heading,
                             const char *body)
{
  GtkWidget *dialog = ca_notice_new (page_window (page), heading, body);

  gtk_window_present (GTK_WINDOW (dialog));
}

GtkFileChooserNative *
ca_preferences_new_chooser (GtkWidget            *page,
                            const char           *title,
                            GtkFileChooserAction  action,
                            const char           *accept_label,
                            const char           *filter_name)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (title, page_window (page), action, accept_label,
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (json, filter_name);
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), json);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  return dialog;
}

/* The chosen file's path, or NULL when the dialog was cancelled. */
char *
ca_preferences_chosen_path (GtkNativeDialog *dialog,
                            int              response)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  return file != NULL ? g_file_get_path (file) : NULL;
}

/* Drops the dialog, and the reference on PAGE its response handler held. */
void
ca_preferences_finish_chooser (GtkNativeDialog *dialog,
                               GtkWidget       *page)
{
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (page);
}

void
ca_preferences_show_number (GtkSpinButton *spin,
                            guint          value,
                            gboolean      *loading)
{
  *loading = TRUE;
  gtk_spin_button_set_value (spin, value);
  *loading = FALSE;
}

/* An import's chooser, and what reads the file chosen. */
typedef struct
{
  GtkWidget           *page;  /* (owned) until the chooser answers */
  gsize                max_size;
  GAsyncReadyCallback  loaded;
} Import;

static void
import_chosen_cb (GtkNativeDialog *dialog,
                  int              response,
                  Import          *import)
{
  g_autofree char *path = ca_preferences_chosen_path (dialog, response);

  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      /* Bounded, and read asynchronously: a pipe that stays silent never freezes the window. */
      ca_input_file_read_async (file, import->max_size, CA_INPUT_FILE_WAIT_SECONDS, NULL,
                                import->loaded, g_object_ref (import->page));
    }
  ca_preferences_finish_chooser (dialog, import->page);
  g_free (import);
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

  import->page = g_object_ref (page);
  import->max_size = max_size;
  import->loaded = loaded;
  dialog = ca_preferences_new_chooser (page, title, GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                       filter_name);
  g_signal_connect (dialog, "response", G_CALLBACK (import_chosen_cb), import);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
