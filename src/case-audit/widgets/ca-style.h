// SPDX-License-Identifier: GPL-3.0-or-later
// Small helpers for a widget's style and state that GTK 4.8 does not offer: a style class set
// by a flag, a message under a form's rows, a filter's choices made again keeping the one chosen.
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void ca_style_set_class    (GtkWidget  *widget,
                            const char *name,
                            gboolean    on);
void ca_style_show_message (GtkLabel   *label,
                            const char *message);
void ca_style_refill_drop_down (GtkDropDown        *dropdown,
                                GtkStringList      *list,
                                const char * const *names,
                                const char         *chosen);

G_END_DECLS
