// SPDX-License-Identifier: GPL-3.0-or-later
// A list by keyboard and screen reader on GTK 4.8: Tab leaves it, its rows have names, and a
// drop-down list's button says what it is and what is chosen.
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void ca_list_tab_leaves     (GtkWidget  *list);
void ca_list_name_row       (GtkWidget  *row_child,
                             const char *name);
void ca_list_name_table_row (GtkWidget  *cell_child,
                             const char *name);
void ca_list_name_drop_down (GtkDropDown *dropdown,
                             const char  *name);
void ca_list_name_button    (GtkWidget   *button,
                             const char  *name);
void ca_list_name_buttons_once (GtkWidget *root);
void ca_list_name_buttons_by_label (GtkWidget *root);
void ca_list_name_entry_row (GtkWidget *row);
void ca_list_name_popup_rows (GObject *owner);
double ca_list_text_scale     (GtkWidget     *widget);
void   ca_list_scale_columns  (GtkColumnView *view,
                               double         scale);
void ca_list_name_menu_button (GtkWidget  *menu_button,
                               const char *name,
                               const char *description);

G_END_DECLS
