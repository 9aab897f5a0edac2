// SPDX-License-Identifier: GPL-3.0-or-later
// Small helpers for a widget's style and state that GTK 4.8 does not offer.

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
