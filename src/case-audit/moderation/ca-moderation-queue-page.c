// SPDX-License-Identifier: GPL-3.0-or-later
// The Moderation view's Queue page (R-H2): the moderations waiting, for whom, by due date,
// overdue ones said in words and marked in colour. "Mine" is the staff ID in Preferences.
// A row opens its moderation's Stage 2 form.

#define G_LOG_DOMAIN "ca-moderation-queue-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-list-access.h"
#include "ca-moderation-draw.h"
#include "ca-moderation-queue-page.h"
#include "ca-moderation-store.h"
#include "ca-style.h"
#include "ca-toast.h"
#include "ca-view-write.h"
#include "core/ca-date.h"

enum { WHOSE_EVERYONE, WHOSE_MINE };
enum { STATUS_WAITING, STATUS_OVERDUE };

struct _CaModerationQueuePage
{
  AdwBin         parent_instance;

  CaContext     *context;
  GSettings     *settings;
  GPtrArray     *items;        /* (element-type CaModerationQueueItem), by due date */
  GCancellable  *cancellable;
  GPtrArray     *rows;         /* of GtkWidget, to remove on refresh */
  gboolean       updating_areas;

  GtkFlowBox    *filters;
  GtkDropDown   *whose_dropdown;
  GtkDropDown   *status_dropdown;
  GtkDropDown   *area_dropdown;
  GtkStringList *area_list;
  GtkRevealer   *hint_revealer;
  GtkLabel      *hint_label;
  GtkStack      *stack;
  AdwStatusPage *empty_page;
  GtkLabel      *count_label;
  GtkListBox    *list;
};

G_DEFINE_FINAL_TYPE (CaModerationQueuePage, ca_moderation_queue_page, ADW_TYPE_BIN)

static void
show_hint (CaModerationQueuePage *self,
           const char            *text)
{
  if (text != NULL)
    gtk_label_set_label (self->hint_label, text);
  gtk_revealer_set_reveal_child (self->hint_revealer, text != NULL);
}

static GtkWidget *
row_new (const CaModerationQueueItem *item,
         const GDate                 *today)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *due_label;
  g_autofree char *due = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *name = NULL;
  const char *grade = item->overall_grade != CA_GRADE_NONE
                        ? ca_grade_get_label (item->overall_grade) : _("Not graded");
  gboolean overdue = g_date_valid (&item->due) && g_date_compare (&item->due, today) < 0;

  due = g_date_valid (&item->due) ? ca_date_strftime (&item->due, "%-d %b %Y") : NULL;
  if (due == NULL)
    due_text = g_strdup (_("No due date"));
  else if (overdue)
    /* Translators: a moderation's due date has passed: "Overdue since 21 Oct 2026" */
    due_text = g_strdup_printf (_("Overdue since %s"), due);
  else
    /* Translators: "Due 21 Oct 2026" */
    due_text = g_strdup_printf (_("Due %s"), due);

  /* Translators: a waiting moderation: the audit's grade, its auditor, its service area and
   * its moderator: "Inadequate · audited by Jane Smith · Early Help · for Tom Brown" */
  subtitle = g_strdup_printf (_("%s · audited by %s · %s · for %s"), grade, item->auditor_name,
                              item->service_area, item->moderator_name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->case_ref);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  due_label = gtk_label_new (due_text);
  /* Two lines on a narrow window rather than squeeze the case out of the row. */
  gtk_label_set_wrap (GTK_LABEL (due_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (due_label), 24);
  gtk_label_set_justify (GTK_LABEL (due_label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_xalign (GTK_LABEL (due_label), 1.0);
  gtk_widget_add_css_class (due_label, overdue ? "error" : "dim-label");
  if (overdue)
    gtk_widget_add_css_class (due_label, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), due_label);
  /* One added by hand may be taken out again (R-H1); one drawn for the sample stays. */
  if (item->has_reason && item->reason == CA_MODERATION_REASON_ADDED)
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      /* Translators: a button's name for a screen reader: "Remove CA-155068 from the sample" */
      g_autofree char *remove_name = g_strdup_printf (_("Remove %s from the sample"),
                                                      item->case_ref);

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove From Sample (Delete)"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      remove_name, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "queue.remove");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", item->id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      /* Tab leaves the list from a row, so the keyboard's way to the button is Delete on the
       * row (see key_pressed_cb). */
      g_object_set_data_full (G_OBJECT (row), "removable-id",
                              g_memdup2 (&item->id, sizeof item->id), g_free);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.moderate");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", item->id);

  /* Translators: what a screen reader says for a row: "CA-155068, Inadequate, audited by
   * Jane Smith, Early Help, for Tom Brown, Overdue since 21 Oct 2026" */
  name = g_strdup_printf (_("%s, %s, audited by %s, %s, for %s, %s"), item->case_ref, grade,
                          item->auditor_name, item->service_area, item->moderator_name,
                          due_text);
  /* Named once, by all it says: the row's own title and subtitle would be read again. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return row;
}

static gboolean
remove_job (CaDatabase  *connection,
            gpointer     data,
            GError     **error)
{
  return ca_moderation_store_remove_by_hand (connection, *(gint64 *) data, error);
}

static void
remove_done (GtkWidget    *owner,
             gpointer      data,
             const GError *error)
{
  ca_toast_show_text (owner, error != NULL ? error->message : _("Removed from the sample"),
                      error != NULL ? CA_TOAST_LONG : CA_TOAST_SHORT);
}

/* Takes a moderation added by hand out of the sample; the queue hears of it and reads again. */
static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CaModerationQueuePage *self = CA_MODERATION_QUEUE_PAGE (widget);

  if (self->context == NULL)
    return;
  ca_view_write (widget, NULL, ca_context_get_database (self->context), remove_job,
                 g_memdup2 (&(gint64) { g_variant_get_int64 (parameter) }, sizeof (gint64)),
                 g_free, remove_done);
}

/* Delete on a row added by hand takes it out of the sample, as its Remove button does. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                CaModerationQueuePage *self)
{
  GtkWidget *focus, *row;
  gint64 *id;

  if (keyval != GDK_KEY_Delete && keyval != GDK_KEY_KP_Delete)
    return FALSE;
  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  if (row == NULL || (id = g_object_get_data (G_OBJECT (row), "removable-id")) == NULL)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "queue.remove", "x", *id);
  return TRUE;
}

static void
draw_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CaModerationQueuePage *self = CA_MODERATION_QUEUE_PAGE (widget);

  if (self->context != NULL)
    ca_moderation_draw_ask (widget, self->context);
}

static const char *
chosen_area (CaModerationQueuePage *self)
{
  guint chosen = gtk_drop_down_get_selected (self->area_dropdown);

  if (chosen == 0 || chosen == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->area_list, chosen);
}

/* The filters' choices applied to what was read: whose, overdue or not, service area. */
static void
show_items (CaModerationQueuePage *self)
{
  g_autofree char *staff_ref = NULL;
  const char *area = chosen_area (self);
  gboolean mine = gtk_drop_down_get_selected (self->whose_dropdown) == WHOSE_MINE;
  gboolean overdue_only = gtk_drop_down_get_selected (self->status_dropdown) == STATUS_OVERDUE;
  guint shown = 0, overdue = 0;
  GDate today;

  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  if (self->items == NULL || self->context == NULL)
    return;

  ca_context_get_today (self->context, &today);
  staff_ref = ca_context_dup_staff_ref (self->context);
  if (mine && *staff_ref == '\0')
    show_hint (self, _("To see the moderations waiting for you, set your staff ID in "
                       "Preferences. Until then everyone’s are shown."));
  else
    show_hint (self, NULL);
  mine = mine && *staff_ref != '\0';

  for (guint i = 0; i < self->items->len; i++)
    {
      const CaModerationQueueItem *item = self->items->pdata[i];
      gboolean late = g_date_valid (&item->due) && g_date_compare (&item->due, &today) < 0;
      GtkWidget *row;

      if ((mine && g_strcmp0 (item->moderator_ref, staff_ref) != 0) ||
          (overdue_only && !late) ||
          (area != NULL && g_strcmp0 (item->service_area, area) != 0))
        continue;
      row = row_new (item, &today);
      gtk_list_box_append (self->list, row);
      g_ptr_array_add (self->rows, row);
      shown++;
      overdue += late;
    }

  if (shown == 0)
    {
      adw_status_page_set_description (self->empty_page,
                                       self->items->len == 0
                                         ? _("No moderation is waiting. Draw a month’s sample with Draw Sample….")
                                         : _("No moderation waiting matches the filters."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  {
    g_autofree char *count = NULL;

    if (overdue > 0)
      /* Translators: "12 waiting, 3 overdue" */
      count = g_strdup_printf (g_dngettext (NULL, "%u waiting, %u overdue",
                                            "%u waiting, %u overdue", shown), shown, overdue);
    else
      count = g_strdup_printf (g_dngettext (NULL, "%u waiting", "%u waiting", shown), shown);
    gtk_label_set_label (self->count_label, count);
  }
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* The service areas of what waits, for the filter, keeping the one chosen. */
static void
update_areas (CaModerationQueuePage *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *chosen = g_strdup (chosen_area (self));

  for (guint i = 0; i < self->items->len; i++)
    {
      const char *area = ((CaModerationQueueItem *) self->items->pdata[i])->service_area;
      gboolean seen = FALSE;

      for (guint j = 0; j < names->len && !seen; j++)
        seen = g_strcmp0 (names->pdata[j], area) == 0;
      if (!seen)
        g_ptr_array_add (names, (gpointer) area);
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  self->updating_areas = TRUE;
  ca_style_refill_drop_down (self->area_dropdown, self->area_list,
                             (const char * const *) names->pdata, chosen);
  self->updating_areas = FALSE;
}

static void
queue_listed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CaModerationQueuePage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *items = ca_moderation_store_list_queue_finish (result, &error);

  if (items == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_LONG);
      return;
    }
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = items;
  update_areas (self);
  show_items (self);
}

void
ca_moderation_queue_page_reload (CaModerationQueuePage *self)
{
  g_return_if_fail (CA_IS_MODERATION_QUEUE_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->context == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  if (self->items == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  ca_moderation_store_list_queue_async (ca_context_get_database (self->context), self->cancellable,
                                        queue_listed_cb, g_object_ref (self));
}

static void
filter_changed_cb (CaModerationQueuePage *self)
{
  if (!self->updating_areas)
    show_items (self);
}

static void
ca_moderation_queue_page_dispose (GObject *object)
{
  CaModerationQueuePage *self = CA_MODERATION_QUEUE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_MODERATION_QUEUE_PAGE);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ca_moderation_queue_page_parent_class)->dispose (object);
}

static void
ca_moderation_queue_page_finalize (GObject *object)
{
  CaModerationQueuePage *self = CA_MODERATION_QUEUE_PAGE (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_moderation_queue_page_parent_class)->finalize (object);
}

static void
ca_moderation_queue_page_class_init (CaModerationQueuePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_moderation_queue_page_dispose;
  object_class->finalize = ca_moderation_queue_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-moderation-queue-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaModerationQueuePage, filters);
  gtk_widget_class_bind_template_child (widget_class, CaModerationQueuePage, whose_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CaModerationQueuePage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CaModerationQueuePage, area_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CaModerationQueuePage, area_list);
  gtk_widget_class_bind_template_child (widget_class, CaModerationQueuePage, hint_revealer);
  gtk_widget_class_bind_template_child (widget_class, CaModerationQueuePage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, CaModerationQueuePage, stack);
  gtk_widget_class_bind_template_child (widget_class, CaModerationQueuePage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CaModerationQueuePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CaModerationQueuePage, list);

  gtk_widget_class_install_action (widget_class, "queue.remove", "x", remove_action);
  gtk_widget_class_install_action (widget_class, "queue.draw", NULL, draw_action);
}

static void
ca_moderation_queue_page_init (CaModerationQueuePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();

  ca_list_name_drop_down (self->whose_dropdown, _("Whose moderations"));
  ca_list_name_drop_down (self->status_dropdown, _("Filter by status"));
  ca_list_name_drop_down (self->area_dropdown, _("Filter by service area"));
  ca_list_name_controls_once (GTK_WIDGET (self));
  ca_list_flow_box_passes_focus (self->filters);
  ca_list_tab_leaves (GTK_WIDGET (self->list));
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self->list), keys);
  }
  g_signal_connect_object (self->whose_dropdown, "notify::selected",
                           G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_dropdown, "notify::selected",
                           G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->area_dropdown, "notify::selected",
                           G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
}

/* The page reads @context's database, and "Mine" is the staff ID in its settings. */
void
ca_moderation_queue_page_set_context (CaModerationQueuePage *self,
                                      CaContext             *context)
{
  g_return_if_fail (CA_IS_MODERATION_QUEUE_PAGE (self));
  g_return_if_fail (context == NULL || CA_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  if (context == NULL)
    return;
  self->settings = g_object_ref (ca_context_get_settings (context));
  g_signal_connect_object (self->settings, "changed::staff-ref", G_CALLBACK (filter_changed_cb),
                           self, G_CONNECT_SWAPPED);
  ca_moderation_queue_page_reload (self);
}
