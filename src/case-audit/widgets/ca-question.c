// SPDX-License-Identifier: GPL-3.0-or-later
// The question asked before something that cannot be undone (submitting an audit, committing
// an allocation): what will happen, Cancel, and the action itself; and the notice that only
// informs, with Close.

#include "config.h"

#include <glib/gi18n.h>

#include "ca-list-access.h"
#include "ca-question.h"

/**
 * ca_question_new:
 * @parent: the window it is asked over
 * @heading: the question, such as "Submit the Audit?"
 * @body: what will happen
 * @response: the id of the action's response
 * @label: the action's label, with its mnemonic, such as "_Submit"
 *
 * Returns: (transfer floating): an #AdwMessageDialog with Cancel (what Escape answers) and the
 *   action, suggested and the default; connect to #AdwMessageDialog::response and present it
 */
GtkWidget *
ca_question_new (GtkWindow  *parent,
                 const char *heading,
                 const char *body,
                 const char *response,
                 const char *label)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    response, label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  ca_list_name_buttons_by_label (dialog);
  return dialog;
}

/**
 * ca_notice_new:
 * @parent: (nullable): the window it belongs to
 * @heading: what happened, as a title
 * @body: what it means and what to do
 *
 * Returns: (transfer floating): a message with one answer, Close; present it
 */
GtkWidget *
ca_notice_new (GtkWindow  *parent,
               const char *heading,
               const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  ca_list_name_buttons_by_label (dialog);
  return dialog;
}
