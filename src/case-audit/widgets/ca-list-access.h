// SPDX-License-Identifier: GPL-3.0-or-later
// What GTK 4.8 tells a keyboard and a screen reader wrongly, mended (lists, drop-downs,
// buttons, entry rows), and a list's columns at large text.
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void    ca_list_tab_leaves            (GtkWidget     *list);
void    ca_list_flow_box_passes_focus (GtkFlowBox    *box);
void    ca_list_name_row              (GtkWidget     *row_child,
                                       const char    *name);
void    ca_list_name_table_row        (GtkWidget     *cell_child,
                                       const char    *name);
void    ca_list_name_drop_down        (GtkDropDown   *dropdown,
                                       const char    *name);
void    ca_list_name_popup_rows       (GObject       *owner);
void    ca_list_name_menu_button      (GtkWidget     *menu_button,
                                       const char    *name,
                                       const char    *description);
void    ca_list_name_button           (GtkWidget     *button,
                                       const char    *name);
void    ca_list_name_buttons_by_label (GtkWidget     *root);
void    ca_list_name_entry_row        (GtkWidget     *row);
void    ca_list_name_controls_once    (GtkWidget     *root);

double  ca_list_text_scale            (GtkWidget     *widget);
void    ca_list_scale_columns         (GtkColumnView *view,
                                       double         scale);

G_END_DECLS
