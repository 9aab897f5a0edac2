// SPDX-License-Identifier: GPL-3.0-or-later
// One way for any widget to show a toast: in the nearest toast overlay, or its preferences window.

#include "config.h"

#include <glib/gi18n.h>

#include "ca-list-access.h"
#include "ca-toast.h"

/* Names the icon that dismisses a toast, the one button below WIDGET without a label, which
 * libadwaita 1.2 leaves unnamed ("GtkImage"). */
static void
name_dismiss_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL)
        ca_list_name_button (child, _("Dismiss"));
      else
        name_dismiss_button (child);
    }
}

/* A toast's widget is made when the toast is shown, which may be after the toasts queued
 * before it: its buttons are named as it comes into the overlay. */
static void
overlay_children_changed_cb (GListModel *children,
                             guint       position,
                             guint       removed,
                             guint       added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) child = g_list_model_get_item (children, i);

      /* Its action ("Undo") by its label, and its dismiss icon. */
      ca_list_name_buttons_by_label (child);
      name_dismiss_button (child);
    }
}

static void
name_toast_buttons (GtkWidget *overlay)
{
  GListModel *children;

  if (g_object_get_data (G_OBJECT (overlay), "ca-toast-children") != NULL)
    return;
  children = gtk_widget_observe_children (overlay);
  g_signal_connect (children, "items-changed", G_CALLBACK (overlay_children_changed_cb), NULL);
  g_object_set_data_full (G_OBJECT (overlay), "ca-toast-children", children, g_object_unref);
}

/**
 * ca_toast_add:
 * @widget: the widget the toast is about: an #AdwToastOverlay, or any widget inside one
 *   or inside an #AdwPreferencesWindow
 * @toast: (transfer full): the toast
 *
 * Shows @toast where the person is looking: in the overlay that holds @widget (the view's
 * or the window's), or else in @widget's preferences window. A widget in neither (not yet
 * in a window) has its toast's title logged instead, so the message is not lost in tests.
 */
void
ca_toast_add (GtkWidget *widget,
              AdwToast  *toast)
{
  g_autoptr(AdwToast) owned = toast;
  GtkWidget *overlay;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      name_toast_buttons (overlay);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_steal_pointer (&owned));
      return;
    }
  root = gtk_widget_get_root (widget);
  if (ADW_IS_PREFERENCES_WINDOW (root))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), g_steal_pointer (&owned));
      return;
    }
  g_message ("%s", adw_toast_get_title (toast));
}

/**
 * ca_toast_show_text:
 * @widget: as for ca_toast_add()
 * @text: what to say, already translated
 * @timeout: seconds, %CA_TOAST_SHORT or %CA_TOAST_LONG
 *
 * Shows @text in a toast.
 */
void
ca_toast_show_text (GtkWidget  *widget,
                    const char *text,
                    guint       timeout)
{
  AdwToast *toast;

  g_return_if_fail (text != NULL);

  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, timeout);
  ca_toast_add (widget, toast);
}
