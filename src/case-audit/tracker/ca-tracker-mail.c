// SPDX-License-Identifier: GPL-3.0-or-later
// The Tracker's e-mail to the Head of Service an audit was escalated to (R-I1): "an e-mail
// draft to that Head of Service is offered". The file chooser asks where; the escalation is
// read and the .eml written (mode 0600) on the database's worker.

#define G_LOG_DOMAIN "ca-tracker-mail"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-escalation-mail.h"
#include "ca-toast.h"
#include "ca-tracker-mail.h"
#include "ca-view-write.h"

typedef struct
{
  gint64  audit_id;
  char   *path;
  char   *head_name;  /* who it went to, for the toast */
} MailWrite;

static void
mail_write_free (MailWrite *write)
{
  g_free (write->path);
  g_free (write->head_name);
  g_free (write);
}

static gboolean
mail_job (CaDatabase  *connection,
          gpointer     data,
          GError     **error)
{
  MailWrite *write = data;
  g_autoptr(CaMailMessage) message = NULL;
  CaEscalation *escalation = ca_tracker_store_load_escalation (connection, write->audit_id,
                                                               error);

  if (escalation == NULL)
    return FALSE;
  write->head_name = g_strdup (escalation->head_name);
  message = ca_escalation_mail_build (escalation);
  ca_escalation_free (escalation);
  /* GTK 4.8's chooser has asked before handing back a file that exists. */
  return ca_mail_message_save_eml (message, write->path, CA_OUTPUT_FILE_REPLACE, error);
}

static void
mail_done (GtkWidget    *owner,
           gpointer      data,
           const GError *error)
{
  ca_toast_show_text (owner, error != NULL ? error->message
                                           : _("E-mail saved. Open it in your mail program and "
                                               "send it."),
                      error != NULL ? CA_TOAST_LONG : CA_TOAST_SHORT);
}

static void
chosen_cb (GtkNativeDialog *dialog,
           int              response,
           GtkWidget       *owner)
{
  g_autoptr(GFile) file = NULL;
  CaContext *context = g_object_get_data (G_OBJECT (dialog), "context");
  MailWrite *write;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL &&
      g_file_peek_path (file) != NULL)
    {
      write = g_new0 (MailWrite, 1);
      write->audit_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "audit-id"));
      write->path = g_file_get_path (file);
      ca_view_write (owner, NULL, ca_context_get_database (context), mail_job, write,
                     (GDestroyNotify) mail_write_free, mail_done);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (owner);
}

/**
 * ca_tracker_mail_escalation:
 * @owner: the view the write belongs to, and where its toast shows
 *
 * Asks where to save the e-mail to the Head of Service audit @audit_id was escalated to,
 * then writes it.
 */
void
ca_tracker_mail_escalation (GtkWidget  *owner,
                            CaContext  *context,
                            gint64      audit_id,
                            const char *case_ref)
{
  GtkRoot *root = gtk_widget_get_root (owner);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (CA_IS_CONTEXT (context));

  dialog = gtk_file_chooser_native_new (_("Save E-mail"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  /* Translators: the suggested file name of the e-mail, with the case reference */
  name = g_strdup_printf (_("Escalation of %s.eml"), case_ref);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "context", g_object_ref (context), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "audit-id", GSIZE_TO_POINTER ((gsize) audit_id));
  g_signal_connect (dialog, "response", G_CALLBACK (chosen_cb), g_object_ref (owner));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
