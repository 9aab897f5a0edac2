// SPDX-License-Identifier: GPL-3.0-or-later
// Small helpers for a widget's style classes that GTK 4.8 does not offer.
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void ca_style_set_class (GtkWidget  *widget,
                         const char *name,
                         gboolean    on);

G_END_DECLS
