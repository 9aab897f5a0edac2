// SPDX-License-Identifier: GPL-3.0-or-later
// Calendar: one item in the day's or the month's list, with its icon, when and who, a Category 1 badge, and Remove for an event.
//
// The row does not remove anything itself: it emits "remove" with its item, and the view
// does the write, so that the row holds no database.

#define G_LOG_DOMAIN "ca-calendar-item-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-calendar-item-row.h"
#include "ca-list-access.h"
#include "ca-date.h"
#include "ca-style.h"

struct _CaCalendarItemRow
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkWidget      *icon;
  GtkWidget      *title;
  GtkWidget      *detail;
  GtkWidget      *badge;
  GtkWidget      *remove;
  CaCalendarItem *item;   /* while bound */
};

G_DEFINE_FINAL_TYPE (CaCalendarItemRow, ca_calendar_item_row, GTK_TYPE_WIDGET)

enum { REMOVE, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
kind_icon (CaCalendarItemKind kind)
{
  switch (kind)
    {
    case CA_CALENDAR_ITEM_ALLOCATION: return "mail-send-symbolic";
    case CA_CALENDAR_ITEM_RETURN: return "mail-unread-symbolic";
    case CA_CALENDAR_ITEM_BRIEFING: return "user-info-symbolic";
    case CA_CALENDAR_ITEM_EVENT: return "system-users-symbolic";
    case CA_CALENDAR_ITEM_AUDIT_RETURN: return "document-send-symbolic";
    case CA_CALENDAR_ITEM_MANAGER_RESPONSE: return "mail-replied-symbolic";
    case CA_CALENDAR_ITEM_ACTION: return "task-due-symbolic";
    case CA_CALENDAR_ITEM_CATEGORY_DEADLINE: return "alarm-symbolic";
    case CA_CALENDAR_ITEM_MODERATION: return "emblem-important-symbolic";
    default: return "x-office-calendar-symbolic";
    }
}

static void
remove_clicked_cb (CaCalendarItemRow *self)
{
  if (self->item != NULL && ca_calendar_item_get_kind (self->item) == CA_CALENDAR_ITEM_EVENT)
    g_signal_emit (self, signals[REMOVE], 0, self->item);
}

static void
ca_calendar_item_row_dispose (GObject *object)
{
  CaCalendarItemRow *self = CA_CALENDAR_ITEM_ROW (object);

  g_clear_object (&self->item);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (ca_calendar_item_row_parent_class)->dispose (object);
}

static void
ca_calendar_item_row_class_init (CaCalendarItemRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_calendar_item_row_dispose;

  /**
   * CaCalendarItemRow::remove:
   * @item: the event whose Remove button was clicked
   */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CA_TYPE_CALENDAR_ITEM);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ca_calendar_item_row_init (CaCalendarItemRow *self)
{
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->icon = gtk_image_new ();
  self->title = gtk_label_new (NULL);
  self->detail = gtk_label_new (NULL);
  self->badge = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  self->remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (self->icon, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_wrap (GTK_LABEL (self->title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->detail), 0);
  gtk_label_set_wrap (GTK_LABEL (self->detail), TRUE);
  gtk_widget_add_css_class (self->detail, "dim-label");
  gtk_widget_add_css_class (self->detail, "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), self->title);
  gtk_box_append (GTK_BOX (texts), self->detail);

  gtk_widget_set_valign (self->badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->badge, "badge");
  gtk_widget_add_css_class (self->badge, "category-1");
  gtk_box_append (GTK_BOX (self->badge),
                  gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_box_append (GTK_BOX (self->badge), gtk_label_new (_("Category 1")));

  gtk_widget_set_valign (self->remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->remove, "flat");
  gtk_widget_set_visible (self->remove, FALSE);
  g_signal_connect_swapped (self->remove, "clicked", G_CALLBACK (remove_clicked_cb), self);

  gtk_box_append (GTK_BOX (self->box), self->icon);
  gtk_box_append (GTK_BOX (self->box), texts);
  gtk_box_append (GTK_BOX (self->box), self->badge);
  gtk_box_append (GTK_BOX (self->box), self->remove);
  gtk_widget_set_margin_top (self->box, 4);
  gtk_widget_set_margin_bottom (self->box, 4);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
ca_calendar_item_row_new (void)
{
  return g_object_new (CA_TYPE_CALENDAR_ITEM_ROW, NULL);
}

/**
 * ca_calendar_item_row_set_item:
 * @item: (nullable): the item to show, or %NULL when the row is unbound
 * @with_date: whether the line under the title says the day (in the month's list)
 */
void
ca_calendar_item_row_set_item (CaCalendarItemRow *self,
                               CaCalendarItem    *item,
                               gboolean           with_date)
{
  CaCalendarItemKind kind;
  g_autoptr(GString) text = NULL;
  const char *person;

  g_return_if_fail (CA_IS_CALENDAR_ITEM_ROW (self));

  /* The row keeps the item it shows while it is bound, for its Remove button. */
  g_set_object (&self->item, item);
  if (item == NULL)
    return;

  kind = ca_calendar_item_get_kind (item);
  person = ca_calendar_item_get_person (item);
  text = g_string_new (NULL);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), kind_icon (kind));
  gtk_label_set_label (GTK_LABEL (self->title), ca_calendar_item_get_title (item));
  /* The title already says what it is; the line under it says when, who, and if it is done. */
  if (with_date)
    {
      g_autofree char *day = ca_date_strftime (ca_calendar_item_get_date (item), _("%a %-d %b"));

      g_string_append (text, day);
    }
  if (person != NULL && *person != '\0')
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", person);
  if (ca_calendar_item_get_done (item))
    g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", _("done"));
  if (text->len == 0)
    g_string_append (text, ca_calendar_item_kind_to_label (kind));
  gtk_label_set_label (GTK_LABEL (self->detail), text->str);
  gtk_widget_set_visible (self->badge, ca_calendar_item_is_category1 (item));
  {
    /* Translators: a calendar item as a screen reader says it: its title, then when, who
     * and whether it is done */
    g_autofree char *name = g_strdup_printf (_("%s, %s"), ca_calendar_item_get_title (item),
                                             text->str);

    if (ca_calendar_item_is_category1 (item))
      {
        g_autofree char *at_risk = g_strdup_printf ("%s, %s", name, _("Child may be at risk"));

        ca_list_name_row (GTK_WIDGET (self), at_risk);
      }
    else
      ca_list_name_row (GTK_WIDGET (self), name);
  }
  ca_style_set_class (self->box, "calendar-item-done", ca_calendar_item_get_done (item));

  /* Only an event is the calendar's own to remove; the rest belong to audits. */
  gtk_widget_set_visible (self->remove, kind == CA_CALENDAR_ITEM_EVENT);
  if (kind == CA_CALENDAR_ITEM_EVENT)
    {
      /* Translators: the button that removes an event; %s is its title */
      g_autofree char *name = g_strdup_printf (_("Remove %s"), ca_calendar_item_get_title (item));

      gtk_widget_set_tooltip_text (self->remove, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
}
