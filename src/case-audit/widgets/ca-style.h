// SPDX-License-Identifier: GPL-3.0-or-later
// Small helpers for a widget's style and state that GTK 4.8 does not offer.
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void ca_style_set_class    (GtkWidget  *widget,
                            const char *name,
                            gboolean    on);
void ca_style_show_message (GtkLabel   *label,
                            const char *message);

G_END_DECLS
