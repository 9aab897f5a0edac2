// SPDX-License-Identifier: GPL-3.0-or-later
// An e-mail draft: handed to the person's mail program, with a toast that says what to do if
// none opens, or saved as an .eml file where the person chooses.
//
// Nothing is sent from Case Audit: a mailto: link opens a draft in the mail program the
// desktop chooses, and the person reads and sends it there. A computer without one is told
// so, with the way round it (saving the draft as a file). A saved draft is built and written
// on the database's worker, since building one may read several tables and draw a PDF to
// attach: a database another program holds locked, or a slow disk, only delays the toast.

#define G_LOG_DOMAIN "ca-mail-draft"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-file-chooser.h"
#include "ca-mail-draft.h"
#include "ca-toast.h"
#include "ca-view-write.h"

typedef struct
{
  GtkWidget *toast_widget;
  char      *instead;
} Opening;

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Opening *opening = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    {
      /* Translators: why no mail program opened, then what to do instead:
       * "No mail program could be opened: …. Use Save E-mail… instead." */
      g_autofree char *text = g_strdup_printf (_("No mail program could be opened: %s. %s"),
                                               error->message, opening->instead);

      ca_toast_show_text (opening->toast_widget, text, CA_TOAST_LONG);
    }
  g_object_unref (opening->toast_widget);
  g_free (opening->instead);
  g_free (opening);
}

/**
 * ca_mail_draft_open:
 * @window: the window the mail program is opened for
 * @toast_widget: where a failure is said (see ca_toast_add())
 * @mailto_uri: the draft, as a mailto: URI
 * @instead: the sentence that says what to do if no mail program opens, translated
 *
 * Opens @mailto_uri in the person's mail program.
 */
void
ca_mail_draft_open (GtkWindow  *window,
                    GtkWidget  *toast_widget,
                    const char *mailto_uri,
                    const char *instead)
{
  Opening *opening;

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (GTK_IS_WIDGET (toast_widget));
  g_return_if_fail (mailto_uri != NULL && instead != NULL);

  opening = g_new0 (Opening, 1);
  opening->toast_widget = g_object_ref (toast_widget);
  opening->instead = g_strdup (instead);
  gtk_show_uri_full (window, mailto_uri, GDK_CURRENT_TIME, NULL, opened_cb, opening);
}

/* One draft to save, from the chooser's answer to its toast. */
typedef struct
{
  GtkWidget            *toast_widget;
  CaDatabase           *database;
  CaMailDraftBuildFunc  build;
  gint64                id;
  char                 *saved;  /* (nullable) the toast's words once saved */
  char                 *path;
} Saving;

static void
saving_free (Saving *saving)
{
  g_clear_object (&saving->toast_widget);
  g_clear_object (&saving->database);
  g_free (saving->saved);
  g_free (saving->path);
  g_free (saving);
}

/* On the worker. */
static gboolean
save_job (CaDatabase  *connection,
          gpointer     data,
          GError     **error)
{
  Saving *saving = data;
  g_autoptr(CaMailMessage) message = saving->build (connection, saving->id, error);

  /* GTK 4.8's chooser always asks before it hands back a file that exists (it has no
   * setting to turn that off), so replacing is what the person agreed to; a folder, device
   * or FIFO is still refused, in the toast. */
  return message != NULL &&
         ca_mail_message_save_eml (message, saving->path, CA_OUTPUT_FILE_REPLACE, error);
}

/* A sentence of the caller's own says a further step, so it stays as long as an error. */
static void
saved_cb (GtkWidget    *owner,
          gpointer      data,
          const GError *error)
{
  Saving *saving = data;

  if (error != NULL)
    ca_toast_show_text (saving->toast_widget, error->message, CA_TOAST_LONG);
  else if (saving->saved != NULL)
    ca_toast_show_text (saving->toast_widget, saving->saved, CA_TOAST_LONG);
  else
    ca_toast_show_text (saving->toast_widget,
                        _("E-mail saved. Open it in your mail program and send it."),
                        CA_TOAST_SHORT);
}

static void
save_chosen (GtkWidget *owner,
             GFile     *file,
             gpointer   data)
{
  Saving *saving = data;

  if (g_file_peek_path (file) == NULL)
    {
      saving_free (saving);
      return;
    }
  saving->path = g_file_get_path (file);
  ca_view_write (owner, NULL, saving->database, save_job, saving,
                 (GDestroyNotify) saving_free, saved_cb);
}

/**
 * ca_mail_draft_save:
 * @owner: the view that asked: the chooser's window is its, and the write is its (see
 *   ca_view_write())
 * @toast_widget: where how it went is said (see ca_toast_add())
 * @database: the view's database
 * @suggested_name: the file name the chooser offers, ending in .eml
 * @build: builds the message on the worker
 * @id: the record @build writes about
 * @saved: (nullable): the toast once saved, translated, when the person has more to do than
 *   open and send it
 *
 * Asks where to save the e-mail, then builds it and writes it there (mode 0600) on the
 * worker. Returns at once.
 */
void
ca_mail_draft_save (GtkWidget            *owner,
                    GtkWidget            *toast_widget,
                    CaDatabase           *database,
                    const char           *suggested_name,
                    CaMailDraftBuildFunc  build,
                    gint64                id,
                    const char           *saved)
{
  GtkFileChooserNative *dialog;
  Saving *saving;

  g_return_if_fail (GTK_IS_WIDGET (owner) && GTK_IS_WIDGET (toast_widget));
  g_return_if_fail (CA_IS_DATABASE (database));
  g_return_if_fail (suggested_name != NULL && build != NULL);

  saving = g_new0 (Saving, 1);
  saving->toast_widget = g_object_ref (toast_widget);
  saving->database = g_object_ref (database);
  saving->build = build;
  saving->id = id;
  saving->saved = g_strdup (saved);

  dialog = ca_file_chooser_new (owner, _("Save E-mail"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                _("_Save"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested_name);
  ca_file_chooser_ask (dialog, owner, save_chosen, saving, (GDestroyNotify) saving_free);
}
