// SPDX-License-Identifier: GPL-3.0-or-later
// An e-mail draft handed to the person's mail program, with a toast that says what to do if none opens.
//
// Nothing is sent from Case Audit: a mailto: link opens a draft in the mail program the
// desktop chooses, and the person reads and sends it there. A computer without one is told
// so, with the way round it (saving the draft as a file).

#define G_LOG_DOMAIN "ca-mail-draft"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-mail-draft.h"
#include "ca-toast.h"

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
