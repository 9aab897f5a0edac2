// SPDX-License-Identifier: GPL-3.0-or-later
// Asks which of two versions of one field of a record to keep (R-N2).
//
// Shared by every record two copies of Case Audit can edit: a draft (both versions are already
// safe in the database when this is shown, the other copy's stored and this one's set aside,
// and submission waits for the choice), a manager's response and the preferences (the other
// version is stored and this one is still in the window, not written until the choice).

#define G_LOG_DOMAIN "ca-conflict-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-conflict-dialog.h"
#include "ca-list-access.h"

/* One version: its heading, then its text in a box that scrolls when it is long. The text
 * can be selected and copied, to carry a sentence from one version into the other. */
static void
add_version (GtkBox     *box,
             const char *heading,
             const char *text)
{
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *value = gtk_label_new (text);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (box, title);

  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_label_set_yalign (GTK_LABEL (value), 0);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_widget_set_margin_start (value, 8);
  gtk_widget_set_margin_end (value, 8);
  gtk_widget_set_margin_top (value, 6);
  gtk_widget_set_margin_bottom (value, 6);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 160);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), value);
  gtk_frame_set_child (GTK_FRAME (frame), scroller);
  gtk_box_append (box, frame);
}

/**
 * ca_conflict_dialog_new:
 * @field: the field's name, as the form shows it
 * @this_version: the field's value in this form, in words
 * @other_version: the other version, in words
 * @other_note: (nullable): where the other version came from, when that is known
 *
 * Returns: (transfer floating): an #AdwMessageDialog answering
 *   %CA_CONFLICT_KEEP_THIS, %CA_CONFLICT_USE_OTHER or %CA_CONFLICT_LATER
 */
GtkWidget *
ca_conflict_dialog_new (GtkWindow  *parent,
                        const char *field,
                        const char *this_version,
                        const char *other_version,
                        const char *other_note)
{
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *body = NULL;

  if (other_note != NULL)
    /* Translators: "“Pen picture” was changed in two places at once: here and by jo, 1 Dec
     * 2026, 14:02. Both versions are kept until you choose one." */
    body = g_strdup_printf (_("“%s” was changed in two places at once: here and %s. Both "
                              "versions are kept until you choose one."), field, other_note);
  else
    body = g_strdup_printf (_("“%s” was changed in another window, or another copy of Case "
                              "Audit, while you were changing it here. Both versions are kept "
                              "until you choose one."), field);

  dialog = adw_message_dialog_new (parent, _("Two Versions to Choose From"), body);
  add_version (GTK_BOX (box), _("In this form"), this_version);
  add_version (GTK_BOX (box), _("The other version"), other_version);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    CA_CONFLICT_LATER, _("_Later"),
                                    CA_CONFLICT_USE_OTHER, _("Use the _Other Version"),
                                    CA_CONFLICT_KEEP_THIS, _("_Keep This Version"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              CA_CONFLICT_KEEP_THIS,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           CA_CONFLICT_KEEP_THIS);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), CA_CONFLICT_LATER);
  ca_list_name_buttons_by_label (dialog);
  return dialog;
}
