// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences: the file choosers and the refusals the Bank Holidays and Audit Tools pages share.
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void                  ca_preferences_show_refusal   (GtkWidget            *page,
                                                     const char           *heading,
                                                     const char           *body);
GtkFileChooserNative *ca_preferences_new_chooser    (GtkWidget            *page,
                                                     const char           *title,
                                                     GtkFileChooserAction  action,
                                                     const char           *accept_label,
                                                     const char           *filter_name);
char                 *ca_preferences_chosen_path    (GtkNativeDialog      *dialog,
                                                     int                   response);
void                  ca_preferences_finish_chooser (GtkNativeDialog      *dialog,
                                                     GtkWidget            *page);

G_END_DECLS
