// SPDX-License-Identifier: GPL-3.0-or-later
// Rows the audit form's parts share: staff combos and date rows that say when a date is not real.

#define G_LOG_DOMAIN "ca-form-rows"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-audit-draft-store.h"
#include "ca-form-rows.h"
#include "core/ca-date.h"

GtkWidget *
ca_form_rows_new_staff_combo (const char *title,
                              const char *none_label,
                              GPtrArray  *owners,
                              gint64      selected_id)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();
  guint selected = 0;

  gtk_string_list_append (names, none_label);
  for (guint i = 0; owners != NULL && i < owners->len; i++)
    {
      CaActionOwner *owner = g_ptr_array_index (owners, i);

      gtk_string_list_append (names, owner->name);
      if (owner->id == selected_id)
        selected = i + 1;
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  return row;
}

gint64
ca_form_rows_staff_combo_get_id (AdwComboRow *row,
                                 GPtrArray   *owners)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == 0 || owners == NULL || selected > owners->len)
    return 0;
  return ((CaActionOwner *) g_ptr_array_index (owners, selected - 1))->id;
}

/* Date rows keep what was typed; the draft gets a date only once it is real. */
gboolean
ca_form_rows_date_is_real (const char *text)
{
  GDate date;

  return text != NULL && ca_date_parse (text, &date);
}

GtkWidget *
ca_form_rows_new_date_message (GtkWidget *date_row)
{
  GtkWidget *message = gtk_label_new (NULL);
  GtkWidget *holder = gtk_list_box_row_new ();

  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_widget_add_css_class (message, "error");
  gtk_widget_add_css_class (message, "audit-row-message");
  gtk_widget_set_visible (message, FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (holder), FALSE);
  gtk_widget_set_focusable (holder, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (holder), message);
  g_object_bind_property (message, "visible", holder, "visible", G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (date_row), "message", message);
  return holder;
}

void
ca_form_rows_show_date_validity (GtkWidget  *date_row,
                                 const char *text)
{
  GtkWidget *message = g_object_get_data (G_OBJECT (date_row), "message");
  gboolean bad = text != NULL && *text && !ca_form_rows_date_is_real (text);

  if (bad)
    gtk_widget_add_css_class (date_row, "error");
  else
    gtk_widget_remove_css_class (date_row, "error");
  if (message != NULL)
    {
      g_autofree char *words = bad ? g_strdup_printf (_("“%s” is not a real date: write it as "
                                                        "YYYY-MM-DD, for example 2024-03-15."),
                                                      text)
                                   : NULL;

      gtk_label_set_text (GTK_LABEL (message), words ? words : "");
      gtk_widget_set_visible (message, bad);
    }
}
