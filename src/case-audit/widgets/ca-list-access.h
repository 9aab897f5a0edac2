// SPDX-License-Identifier: GPL-3.0-or-later
// A list by keyboard and screen reader on GTK 4.8: Tab leaves it, and its rows have names.
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void ca_list_tab_leaves     (GtkWidget  *list);
void ca_list_name_row       (GtkWidget  *row_child,
                             const char *name);
void ca_list_name_table_row (GtkWidget  *cell_child,
                             const char *name);

G_END_DECLS
