// SPDX-License-Identifier: GPL-3.0-or-later
// What a view asks of any widget that GTK 4.8 does not answer in one call.
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The window WIDGET is in, which a dialog or a chooser it opens is put in front of; NULL
 * before it is in one. */
static inline GtkWindow *
ca_widget_get_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

G_END_DECLS
