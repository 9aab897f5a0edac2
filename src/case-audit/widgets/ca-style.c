// SPDX-License-Identifier: GPL-3.0-or-later
// Small helpers for a widget's style and state that GTK 4.8 does not offer: a style class set
// by a flag, a message under a form's rows, a filter's choices made again keeping the one chosen.

#include "config.h"

#include "ca-style.h"

/**
 * ca_style_set_class:
 * @on: whether @widget has the style class @name
 *
 * Adds or removes one style class, for a state shown by style ("today", "done", "error").
 */
void
ca_style_set_class (GtkWidget  *widget,
                    const char *name,
                    gboolean    on)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (name != NULL);

  if (on)
    gtk_widget_add_css_class (widget, name);
  else
    gtk_widget_remove_css_class (widget, name);
}

/**
 * ca_style_show_message:
 * @label: a label kept for a message under a form's rows
 * @message: (nullable): what to say, or %NULL to hide the label
 *
 * Shows @message in @label, or hides @label (so a screen reader does not find old text).
 */
void
ca_style_show_message (GtkLabel   *label,
                       const char *message)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

/**
 * ca_style_refill_drop_down:
 * @dropdown: a filter's drop-down over @list, whose first item stands for all of them ("All
 *   service areas")
 * @list: the drop-down's items
 * @names: (array zero-terminated=1): the items to follow the first one now, in order
 * @chosen: (nullable): the item to keep chosen
 *
 * Puts @names after @list's first item, and chooses @chosen among them again, or the first
 * item when @chosen is no longer there.
 */
void
ca_style_refill_drop_down (GtkDropDown         *dropdown,
                           GtkStringList       *list,
                           const char * const  *names,
                           const char          *chosen)
{
  guint position = 0;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  g_return_if_fail (GTK_IS_STRING_LIST (list));
  g_return_if_fail (names != NULL);

  gtk_string_list_splice (list, 1, g_list_model_get_n_items (G_LIST_MODEL (list)) - 1, names);
  for (guint i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (names[i], chosen) == 0)
      position = i + 1;
  gtk_drop_down_set_selected (dropdown, position);
}
