// SPDX-License-Identifier: GPL-3.0-or-later
// The file chooser every view asks with (a database to open or make, a CSV file to import, a
// programme, tool or bank-holiday file, a PDF, an e-mail or a calendar to save, a folder for
// e-mails): modal over the view's window, with Cancel; and its answer, the file chosen or
// nothing, handed on once the chooser has closed, so that no view writes out the response's
// ACCEPT, the file, the dialog's destruction and the references it held again.

#define G_LOG_DOMAIN "ca-file-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-file-chooser.h"
#include "ca-widget.h"

/**
 * ca_file_chooser_new:
 * @owner: the widget that asks (a view, a page, a window): the chooser is put in front of its
 *   window
 * @title: the chooser's title
 * @action: open, save or choose a folder
 * @accept_label: the accepting button's label, with its mnemonic ("_Open", "_Export")
 *
 * Returns: (transfer full): a modal chooser with "Cancel" beside @accept_label; add filters or
 *   a suggested name, then hand it to ca_file_chooser_ask()
 */
GtkFileChooserNative *
ca_file_chooser_new (GtkWidget            *owner,
                     const char           *title,
                     GtkFileChooserAction  action,
                     const char           *accept_label)
{
  GtkFileChooserNative *dialog;

  g_return_val_if_fail (GTK_IS_WIDGET (owner), NULL);

  dialog = gtk_file_chooser_native_new (title, ca_widget_get_window (owner), action,
                                        accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  return dialog;
}

/* Offers the files named NAME: those ending in .SUFFIX, and those of MIME_TYPE if given. */
void
ca_file_chooser_add_filter (GtkFileChooserNative *dialog,
                            const char           *name,
                            const char           *suffix,
                            const char           *mime_type)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_suffix (filter, suffix);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
}

/* Offers every file too, for a file whose name does not say what it holds. */
void
ca_file_chooser_add_all_files (GtkFileChooserNative *dialog)
{
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
}

/* The chooser's question, and what is done with its answer. */
typedef struct
{
  GtkWidget        *owner;  /* (owned) while the chooser is open */
  CaFileChosenFunc  chosen;
  gpointer          data;
  GDestroyNotify    data_free;
} Asking;

static void
answered_cb (GtkNativeDialog *dialog,
             int              response,
             Asking          *asking)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  /* Closed first, so that what the answer opens (a notice, a dialog) is not put behind it. */
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  if (file != NULL)
    asking->chosen (asking->owner, file, asking->data);
  else if (asking->data_free != NULL)
    asking->data_free (asking->data);
  g_object_unref (asking->owner);
  g_free (asking);
}

/**
 * ca_file_chooser_ask:
 * @dialog: (transfer full): a chooser from ca_file_chooser_new()
 * @owner: the widget that asked, held until the chooser has answered
 * @chosen: called with @owner, the file chosen and @data, once the chooser has closed; not
 *   when the person cancelled
 * @data: (transfer full): handed to @chosen, which then owns it
 * @data_free: (nullable): frees @data when no file is chosen
 *
 * Shows @dialog. Returns at once.
 */
void
ca_file_chooser_ask (GtkFileChooserNative *dialog,
                     GtkWidget            *owner,
                     CaFileChosenFunc      chosen,
                     gpointer              data,
                     GDestroyNotify        data_free)
{
  Asking *asking;

  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (dialog));
  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (chosen != NULL);

  asking = g_new0 (Asking, 1);
  asking->owner = g_object_ref (owner);
  asking->chosen = chosen;
  asking->data = data;
  asking->data_free = data_free;
  g_signal_connect (dialog, "response", G_CALLBACK (answered_cb), asking);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
