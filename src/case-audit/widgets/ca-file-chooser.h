// SPDX-License-Identifier: GPL-3.0-or-later
// The file chooser every view asks with: modal over the view's window, and its answer handed
// on as the file chosen, or nothing when the person cancelled.
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called once the chooser has closed on FILE, with OWNER and DATA, which it then owns. */
typedef void (*CaFileChosenFunc) (GtkWidget *owner,
                                  GFile     *file,
                                  gpointer   data);

GtkFileChooserNative *ca_file_chooser_new           (GtkWidget            *owner,
                                                     const char           *title,
                                                     GtkFileChooserAction  action,
                                                     const char           *accept_label);
void                  ca_file_chooser_add_filter    (GtkFileChooserNative *dialog,
                                                     const char           *name,
                                                     const char           *suffix,
                                                     const char           *mime_type);
void                  ca_file_chooser_add_all_files (GtkFileChooserNative *dialog);
void                  ca_file_chooser_ask           (GtkFileChooserNative *dialog,
                                                     GtkWidget            *owner,
                                                     CaFileChosenFunc      chosen,
                                                     gpointer              data,
                                                     GDestroyNotify        data_free);

G_END_DECLS
