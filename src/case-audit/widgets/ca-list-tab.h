// SPDX-License-Identifier: GPL-3.0-or-later
// Tab and Shift+Tab leave a list, as they leave any other control: GTK 4.8 moves them from row to row.
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void ca_list_tab_leaves (GtkWidget *list);

G_END_DECLS
