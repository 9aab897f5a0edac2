// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences: what the pages share: the file choosers, the import of a chosen file and the
// refusals (Bank Holidays, Audit Tools).
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
/* Asks for a file to import (the chooser titled TITLE, showing FILTER_NAME's JSON files), then
 * reads it, at most MAX_SIZE bytes, without blocking: LOADED gets the GFile as its source, the
 * result for ca_input_file_read_finish(), and a reference on PAGE to drop. */
void                  ca_preferences_import_file    (GtkWidget            *page,
                                                     const char           *title,
                                                     const char           *filter_name,
                                                     gsize                 max_size,
                                                     GAsyncReadyCallback   loaded);

G_END_DECLS
