// SPDX-License-Identifier: GPL-3.0-or-later
// The Calendar view (R-C3): a month of programme dates and what falls due, or an agenda.

#define G_LOG_DOMAIN "ca-calendar-view"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "ca-calendar-item.h"
#include "ca-calendar-day.h"
#include "ca-calendar-item-row.h"
#include "ca-calendar-store.h"
#include "ca-calendar-view-private.h"
#include "ca-list-access.h"
#include "ca-context.h"
#include "ca-date.h"
#include "ca-event-dialog.h"
#include "ca-panel-dialog.h"
#include "ca-programme-store.h"
#include "ca-toast.h"
#include "ca-view-write.h"
#include "ca-widget.h"


G_DEFINE_FINAL_TYPE (CaCalendarView, ca_calendar_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HIDE_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


/* Helpers ------------------------------------------------------------------------------ */

static guint
cell_index (CaCalendarView *self,
            const GDate    *date)
{
  int days = g_date_days_between (&self->grid_start, date);

  return days >= 0 && days < N_CELLS ? (guint) days : G_MAXUINT;
}

static void
cell_date (CaCalendarView *self,
           guint           index,
           GDate          *date)
{
  *date = self->grid_start;
  g_date_add_days (date, index);
}

/* Whether ITEM is shown: with Hide What Is Done, only what still waits on someone. */
static gboolean
is_shown (CaCalendarView *self,
          CaCalendarItem *item)
{
  return !self->hide_done || !ca_calendar_item_get_done (item);
}

/* The items of one day, in the order the store gave them (programme first, then Category 1). */
static GPtrArray *
items_on (CaCalendarView *self,
          const GDate    *date)
{
  GPtrArray *day_items = g_ptr_array_new ();

  if (self->items == NULL)
    return day_items;
  for (guint i = 0; i < self->items->len; i++)
    {
      CaCalendarItem *item = g_ptr_array_index (self->items, i);

      if (g_date_compare (ca_calendar_item_get_date (item), date) == 0 && is_shown (self, item))
        g_ptr_array_add (day_items, item);
    }
  return day_items;
}

/* Filling the grid ---------------------------------------------------------------------- */

static void
update_day_list (CaCalendarView *self)
{
  g_autoptr(GPtrArray) day_items = items_on (self, &self->selected);
  g_autofree char *title = ca_date_strftime (&self->selected, _("%A %-d %B %Y"));

  gtk_label_set_label (self->day_title, title);
  g_list_store_splice (self->day_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->day_store)),
                       day_items->pdata, day_items->len);
  gtk_stack_set_visible_child_name (self->day_stack,
                                    day_items->len > 0 || !self->loaded ? "list" : "empty");
}

static void
update_selection_marks (CaCalendarView *self)
{
  for (guint i = 0; i < N_CELLS; i++)
    {
      GDate date;

      cell_date (self, i, &date);
      ca_calendar_day_set_selected (self->cells[i], g_date_compare (&date, &self->selected) == 0);
    }
}

static gboolean
showing_agenda (CaCalendarView *self)
{
  return adw_squeezer_get_visible_child (self->squeezer) !=
         adw_squeezer_page_get_child (self->month_page);
}

/* The month's items as a list, or this week's. Only while the list is shown: a busy month has
 * thousands of items, and a hidden list need not hold them. */
static void
update_agenda (CaCalendarView *self)
{
  g_autoptr(GPtrArray) agenda = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->agenda_store));
  GDate today, monday, sunday;

  ca_date_set_today (&today);
  ca_due_window_get_days (CA_DUE_WINDOW_THIS_WEEK, &today, &monday, &sunday);
  if (self->loaded && self->items != NULL && showing_agenda (self))
    for (guint i = 0; i < self->items->len; i++)
      {
        CaCalendarItem *item = g_ptr_array_index (self->items, i);
        const GDate *date = ca_calendar_item_get_date (item);
        gboolean in_range = self->this_week
                            ? g_date_compare (date, &monday) >= 0 &&
                              g_date_compare (date, &sunday) <= 0
                            : g_date_get_month (date) == g_date_get_month (&self->month) &&
                              g_date_get_year (date) == g_date_get_year (&self->month);

        if (in_range && is_shown (self, item))
          g_ptr_array_add (agenda, item);
      }
  if (n > 0 || agenda->len > 0)
    g_list_store_splice (self->agenda_store, 0, n, agenda->pdata, agenda->len);
  gtk_stack_set_visible_child_name (self->agenda_stack,
                                    agenda->len > 0 || !self->loaded ? "list" : "empty");
}

static void
fill_grid (CaCalendarView *self)
{
  GPtrArray *buckets[N_CELLS] = { NULL };
  guint i;

  if (self->loaded && self->items != NULL)
    {
      for (i = 0; i < N_CELLS; i++)
        buckets[i] = g_ptr_array_new ();
      for (i = 0; i < self->items->len; i++)
        {
          CaCalendarItem *item = g_ptr_array_index (self->items, i);
          guint index = cell_index (self, ca_calendar_item_get_date (item));

          if (index != G_MAXUINT && is_shown (self, item))
            g_ptr_array_add (buckets[index], item);
        }
    }

  for (i = 0; i < N_CELLS; i++)
    {
      GDate date;

      cell_date (self, i, &date);
      ca_calendar_day_show (self->cells[i], &date, &self->month, &self->selected, buckets[i]);
      g_clear_pointer (&buckets[i], g_ptr_array_unref);
    }

  update_agenda (self);
  update_day_list (self);
}

/* The month's heading and the grid's dates, at once; the items follow from the worker. */
/* The month's name, or the week's dates while the list shows this week. */
static void
show_heading (CaCalendarView *self)
{
  g_autofree char *heading = NULL;

  if (self->this_week)
    {
      GDate today, monday, sunday;
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      ca_date_set_today (&today);
      ca_due_window_get_days (CA_DUE_WINDOW_THIS_WEEK, &today, &monday, &sunday);
      from = ca_date_strftime (&monday, _("%-d %b"));
      to = ca_date_strftime (&sunday, _("%-d %b %Y"));
      /* Translators: the Calendar's heading for this week's list: "This Week, 30 Nov – 6 Dec 2026" */
      heading = g_strdup_printf (_("This Week, %s – %s"), from, to);
    }
  else
    heading = ca_date_strftime (&self->month, _("%B %Y"));
  gtk_label_set_label (self->month_label, heading);
}

static void
show_month (CaCalendarView *self)
{
  int back;

  show_heading (self);
  self->grid_start = self->month;
  back = g_date_get_weekday (&self->grid_start) - G_DATE_MONDAY;
  g_date_subtract_days (&self->grid_start, back);
  ca_calendar_view_load_month (self);
}

/* Moves the selection, turning the month when the day is in another one. */
void
ca_calendar_view_select (CaCalendarView *self,
                         const GDate    *date,
                         gboolean        focus)
{
  gboolean other_month = g_date_get_month (date) != g_date_get_month (&self->month) ||
                         g_date_get_year (date) != g_date_get_year (&self->month);

  self->selected = *date;
  if (other_month)
    {
      self->month = *date;
      g_date_set_day (&self->month, 1);
      show_month (self);
    }
  else
    {
      update_selection_marks (self);
      update_day_list (self);
    }

  if (focus)
    {
      guint index = cell_index (self, &self->selected);

      if (index != G_MAXUINT)
        gtk_widget_grab_focus (GTK_WIDGET (self->cells[index]));
    }
}

/* Whose items ------------------------------------------------------------------------- */

static CaCalendarScope
chosen_scope (CaCalendarView *self)
{
  if (gtk_toggle_button_get_active (self->mine_button))
    return CA_CALENDAR_SCOPE_MINE;
  if (gtk_toggle_button_get_active (self->team_button))
    return CA_CALENDAR_SCOPE_TEAM;
  return CA_CALENDAR_SCOPE_ALL;
}

static void
show_hint (CaCalendarView *self,
           const char     *text)
{
  if (text != NULL)
    gtk_label_set_label (self->hint_label, text);
  gtk_revealer_set_reveal_child (self->hint_revealer, text != NULL);
}

/* Mine and My Team need to know who "me" is; without it only the programme is shown. */
static void
build_filter (CaCalendarView   *self,
              CaCalendarFilter *filter)
{
  CaCalendarScope scope = chosen_scope (self);
  g_autofree char *staff_ref = NULL;
  g_autoptr(GError) error = NULL;
  gint64 staff_id, team_id = 0;

  memset (filter, 0, sizeof *filter);
  if (scope == CA_CALENDAR_SCOPE_ALL)
    {
      show_hint (self, NULL);
      return;
    }

  filter->kinds = CA_CALENDAR_KIND_BIT (CA_CALENDAR_ITEM_ALLOCATION) |
                  CA_CALENDAR_KIND_BIT (CA_CALENDAR_ITEM_RETURN) |
                  CA_CALENDAR_KIND_BIT (CA_CALENDAR_ITEM_BRIEFING) |
                  CA_CALENDAR_KIND_BIT (CA_CALENDAR_ITEM_EVENT);

  staff_ref = ca_context_dup_staff_ref (self->context);
  if (*staff_ref == '\0')
    {
      show_hint (self, scope == CA_CALENDAR_SCOPE_MINE
                       ? _("To see what waits on you, set your staff ID in Preferences. Until then only the programme is shown.")
                       : _("To see your team’s deadlines, set your staff ID in Preferences. Until then only the programme is shown."));
      return;
    }

  staff_id = ca_calendar_store_find_staff (self->database, staff_ref, &team_id, &error);
  if (staff_id <= 0)
    {
      g_autofree char *text = NULL;

      if (error != NULL)
        g_warning ("Looking up staff ID %s: %s", staff_ref, error->message);
      text = g_strdup_printf (_("No one in this database has the staff ID “%s”. Check your staff ID in Preferences. Until then only the programme is shown."),
                              staff_ref);
      show_hint (self, text);
      return;
    }
  if (scope == CA_CALENDAR_SCOPE_TEAM && team_id <= 0)
    {
      show_hint (self, _("Your staff record has no team, so only your own items and the programme are shown."));
      scope = CA_CALENDAR_SCOPE_MINE;
    }
  else
    show_hint (self, NULL);

  filter->kinds = 0;
  filter->scope = scope;
  filter->staff_id = staff_id;
  filter->team_id = team_id;
}

/* Loading --------------------------------------------------------------------------- */

static void
month_listed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CaCalendarView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = ca_calendar_store_list_finish (result, &error);
  g_autofree char *month = NULL;
  double elapsed_ms, fill_ms;
  gint64 filled;

  if (items == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  g_clear_object (&self->cancellable);

  if (items == NULL)
    {
      g_warning ("The calendar could not be read: %s", error->message);
      show_hint (self, error->message);
      items = g_ptr_array_new ();
    }

  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = g_steal_pointer (&items);
  self->listed_start = self->grid_start;
  self->loaded = TRUE;
  filled = g_get_monotonic_time ();
  fill_grid (self);

  /* From the request to the grid filled, and the part of it on the main thread:
   * G_MESSAGES_DEBUG=ca-calendar-view shows them (the month-switch benchmark). */
  elapsed_ms = (g_get_monotonic_time () - self->load_started) / 1000.0;
  fill_ms = (g_get_monotonic_time () - filled) / 1000.0;
  month = ca_date_strftime (&self->month, "%Y-%m");
  g_debug ("month %s: %u items in %.1f ms, %.1f ms of it on the main thread", month,
           self->items->len, elapsed_ms, fill_ms);
}

void
ca_calendar_view_load_month (CaCalendarView *self)
{
  CaCalendarFilter filter;
  GDate to;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  /* Another six weeks start empty. The same ones listed again, after a change, keep what
   * they show until the new list comes: emptied meanwhile, the day's rows would flicker
   * and a button being pressed would vanish under the pointer. */
  if (!self->loaded || g_date_compare (&self->listed_start, &self->grid_start) != 0)
    {
      self->loaded = FALSE;
      g_clear_pointer (&self->items, g_ptr_array_unref);
      fill_grid (self);
    }

  /* A hidden view lists nothing: mapping it lists the month. */
  if (self->database == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  build_filter (self, &filter);
  to = self->grid_start;
  g_date_add_days (&to, N_CELLS - 1);

  self->cancellable = g_cancellable_new ();
  self->load_started = g_get_monotonic_time ();
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  ca_calendar_store_list_async (self->database, &self->grid_start, &to, &filter,
                                self->cancellable, month_listed_cb, g_object_ref (self));
}

/* Item rows --------------------------------------------------------------------------- */

/* An event to remove (its number, date and title as shown) or add back. */
typedef struct
{
  CaCalendarItem          *item;
  CaProgrammeEvent        *event;
} CalendarWrite;

static void
calendar_write_free (CalendarWrite *write)
{
  g_clear_object (&write->item);
  g_clear_object (&write->event);
  g_free (write);
}

static gboolean
add_back_job (CaDatabase  *connection,
              gpointer     data,
              GError     **error)
{
  return ca_programme_store_add_event (connection, ((CalendarWrite *) data)->event, error) != 0;
}

static void
added_back (GtkWidget    *owner,
            gpointer      data,
            const GError *error)
{
  CaCalendarView *self = CA_CALENDAR_VIEW (owner);

  /* Added back: the database's change signal lists the month again. */
  if (error != NULL && self->database != NULL)
    {
      ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_SHORT);
      ca_calendar_view_load_month (self);
    }
}

/* Undo adds the removed event back as it was (with a new number). */
static void
undo_remove_cb (AdwToast       *toast,
                CaCalendarView *self)
{
  CaProgrammeEvent *removed = g_object_get_data (G_OBJECT (toast), "event");
  CalendarWrite *write;

  if (removed == NULL || self->database == NULL)
    return;
  write = g_new0 (CalendarWrite, 1);
  write->event = g_object_ref (removed);
  ca_view_write (GTK_WIDGET (self), NULL, self->database, add_back_job, write,
                 (GDestroyNotify) calendar_write_free, added_back);
}

static gboolean
remove_event_job (CaDatabase  *connection,
                  gpointer     data,
                  GError     **error)
{
  CalendarWrite *write = data;
  g_autofree char *date = ca_date_format (ca_calendar_item_get_date (write->item));

  return ca_programme_store_remove_event (connection,
                                          ca_calendar_item_get_source_id (write->item), date,
                                          ca_calendar_item_get_title (write->item),
                                          &write->event, error);
}

static void
event_removed (GtkWidget    *owner,
               gpointer      data,
               const GError *error)
{
  CaCalendarView *self = CA_CALENDAR_VIEW (owner);
  CalendarWrite *write = data;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (self->database == NULL)
    return;
  if (error != NULL)
    {
      /* Gone already, removed in another window or another copy: said plainly, and the
       * calendar shows what is there now. */
      if (g_error_matches (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_FOUND))
        {
          ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_SHORT);
          ca_calendar_view_load_month (self);
          return;
        }
      message = g_strdup_printf (_("The event could not be removed: %s"), error->message);
      ca_toast_show_text (GTK_WIDGET (self), message, CA_TOAST_SHORT);
      return;
    }
  /* The database's change signal lists the month again. */
  message = g_strdup_printf (_("Removed the event “%s”."),
                             ca_programme_event_get_title (write->event));
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, CA_TOAST_LONG);
  adw_toast_set_button_label (toast, _("_Undo"));
  /* Shown at once, not after an earlier toast: Undo is for what was just done. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "event", g_steal_pointer (&write->event),
                          g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_remove_cb), self, 0);
  ca_toast_add (GTK_WIDGET (self), toast);
}

/* An event's own Remove button: one row, removed at once like the view's other writes, with
 * Undo rather than a question first. */
static void
remove_requested_cb (CaCalendarItemRow *row,
                     CaCalendarItem    *item,
                     CaCalendarView    *self)
{
  CalendarWrite *write;

  if (self->database == NULL)
    return;

  write = g_new0 (CalendarWrite, 1);
  write->item = g_object_ref (item);
  ca_view_write (GTK_WIDGET (self), GTK_WIDGET (row), self->database, remove_event_job,
                 write, (GDestroyNotify) calendar_write_free, event_removed);
}

static void
item_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *row = ca_calendar_item_row_new ();

  g_signal_connect (row, "remove", G_CALLBACK (remove_requested_cb), user_data);
  gtk_list_item_set_child (list_item, row);
}

static void
item_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  ca_calendar_item_row_set_item (CA_CALENDAR_ITEM_ROW (gtk_list_item_get_child (list_item)),
                                 gtk_list_item_get_item (list_item),
                                 GPOINTER_TO_INT (user_data));
}

static void
item_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  ca_calendar_item_row_set_item (CA_CALENDAR_ITEM_ROW (gtk_list_item_get_child (list_item)),
                                 NULL, FALSE);
}

static GtkListItemFactory *
new_item_factory (CaCalendarView *self,
                  gboolean        with_date)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  /* The rows live no longer than the view's lists, so they hold no reference to it. */
  g_signal_connect (factory, "setup", G_CALLBACK (item_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (item_bind_cb), GINT_TO_POINTER (with_date));
  g_signal_connect (factory, "unbind", G_CALLBACK (item_unbind_cb), NULL);
  return factory;
}

static void
open_item (CaCalendarView *self,
           GListModel     *model,
           guint           position)
{
  g_autoptr(CaCalendarItem) item = g_list_model_get_item (model, position);

  if (item != NULL && ca_calendar_item_get_audit_id (item) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-audit", "x",
                                ca_calendar_item_get_audit_id (item));
  /* A moderation panel opens with what it reviewed and concluded (R-H5); the dialog shows
   * nothing for another kind of event. */
  else if (item != NULL && self->database != NULL &&
           ca_calendar_item_get_kind (item) == CA_CALENDAR_ITEM_EVENT)
    ca_panel_dialog_open (ca_widget_get_window (GTK_WIDGET (self)), self->database,
                          ca_calendar_item_get_source_id (item));
}

/* Signal callbacks -------------------------------------------------------------------- */

static void
day_item_activated_cb (CaCalendarView *self,
                       guint           position)
{
  open_item (self, G_LIST_MODEL (self->day_store), position);
}

static void
agenda_item_activated_cb (CaCalendarView *self,
                          guint           position)
{
  open_item (self, G_LIST_MODEL (self->agenda_store), position);
}

static void
cell_clicked_cb (GtkButton      *button,
                 CaCalendarView *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  GDate date;

  cell_date (self, index, &date);
  ca_calendar_view_select (self, &date, TRUE);
}

static void
filter_toggled_cb (CaCalendarView  *self,
                   GtkToggleButton *button)
{
  /* Each toggle of the group reports; the one turned on reloads. */
  if (gtk_toggle_button_get_active (button))
    ca_calendar_view_load_month (self);
}

static void
agenda_toggled_cb (CaCalendarView *self)
{
  gboolean active = gtk_toggle_button_get_active (self->agenda_button);

  /* Back to the grid, the list is the month's again when it next shows. */
  if (!active && self->this_week)
    {
      self->this_week = FALSE;
      show_heading (self);
    }
  adw_squeezer_page_set_enabled (self->month_page, !active);
}

static void
squeezer_child_cb (CaCalendarView *self)
{
  gboolean agenda = showing_agenda (self);

  update_agenda (self);
  /* Too narrow for the grid, the list button could do nothing; hiding it and the add
   * button, with a smaller title, leaves the month's name room to be read whole on a phone. */
  gtk_widget_set_visible (GTK_WIDGET (self->agenda_button),
                          gtk_toggle_button_get_active (self->agenda_button) || !agenda);
  /* The Calendar menu offers Add Event… too. */
  gtk_widget_set_visible (self->add_event_button,
                          gtk_toggle_button_get_active (self->agenda_button) || !agenda);
  if (agenda && !gtk_toggle_button_get_active (self->agenda_button))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->month_label), "title-3");
      gtk_widget_add_css_class (GTK_WIDGET (self->month_label), "heading");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->month_label), "heading");
      gtk_widget_add_css_class (GTK_WIDGET (self->month_label), "title-3");
    }
}

static void
settings_changed_cb (CaCalendarView *self)
{
  if (chosen_scope (self) != CA_CALENDAR_SCOPE_ALL)
    ca_calendar_view_load_month (self);
}

static gboolean
grid_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     CaCalendarView        *self)
{
  GDate date = self->selected;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      g_date_subtract_days (&date, 1);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      g_date_add_days (&date, 1);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      g_date_subtract_days (&date, 7);
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      g_date_add_days (&date, 7);
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      g_date_subtract_months (&date, 1);
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      g_date_add_months (&date, 1);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
    case GDK_KEY_t:
    case GDK_KEY_T:
      ca_date_set_today (&date);
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (g_list_model_get_n_items (G_LIST_MODEL (self->day_store)) > 0)
        gtk_widget_child_focus (GTK_WIDGET (self->day_list), GTK_DIR_TAB_FORWARD);
      return TRUE;
    default:
      return FALSE;
    }

  ca_calendar_view_select (self, &date, TRUE);
  return TRUE;
}

/* Actions ----------------------------------------------------------------------------- */

static void
move_month (CaCalendarView *self,
            int             months)
{
  GDate date = self->selected;

  self->this_week = FALSE;

  if (months < 0)
    g_date_subtract_months (&date, -months);
  else
    g_date_add_months (&date, months);
  ca_calendar_view_select (self, &date, FALSE);
}

static void
previous_month_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  move_month (CA_CALENDAR_VIEW (widget), -1);
}

static void
next_month_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  move_month (CA_CALENDAR_VIEW (widget), 1);
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GDate today;

  ca_date_set_today (&today);
  ca_calendar_view_select (CA_CALENDAR_VIEW (widget), &today, FALSE);
}

/* What falls due this week, in one list: one click from anywhere in the Calendar. */
static void
this_week_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CaCalendarView *self = CA_CALENDAR_VIEW (widget);
  GDate today;

  ca_date_set_today (&today);
  ca_calendar_view_select (self, &today, FALSE);
  self->this_week = TRUE;
  show_heading (self);
  gtk_toggle_button_set_active (self->agenda_button, TRUE);
  update_agenda (self);
}

static void
set_hide_done (CaCalendarView *self,
               gboolean        hide_done)
{
  if (self->hide_done == hide_done)
    return;
  self->hide_done = hide_done;
  fill_grid (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDE_DONE]);
}

static void
ca_calendar_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_HIDE_DONE:
      g_value_set_boolean (value, CA_CALENDAR_VIEW (object)->hide_done);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_calendar_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_HIDE_DONE:
      set_hide_done (CA_CALENDAR_VIEW (object), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
event_added_cb (CaEventDialog  *dialog,
                gint64          id,
                const char     *date_text,
                const char     *title,
                CaCalendarView *self)
{
  g_autofree char *message = NULL;
  g_autofree char *day = NULL;
  GDate date;

  g_object_set_data (G_OBJECT (dialog), "added", GINT_TO_POINTER (TRUE));
  if (!ca_date_parse (date_text, &date))
    return;
  /* Translators: a day in full in a message: "Monday 15 March 2021" */
  day = ca_date_strftime (&date, _("%A %-d %B %Y"));
  /* Translators: an event's title, then its day */
  message = g_strdup_printf (_("Added “%s” on %s."), title, day);
  ca_toast_show_text (GTK_WIDGET (self), message, CA_TOAST_SHORT);
  /* The database's change signal lists the month again, once. */
  ca_calendar_view_select (self, &date, FALSE);
}

/* Closed without adding: cancelled, or refused because another window or another copy
 * added the same event meanwhile. The calendar shows what is stored now. (An event added
 * here is listed by the database's change signal, once.) */
static void
event_dialog_closed_cb (CaEventDialog  *dialog,
                        CaCalendarView *self)
{
  if (g_object_get_data (G_OBJECT (dialog), "added") == NULL)
    ca_calendar_view_load_month (self);
}

static void
add_event_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CaCalendarView *self = CA_CALENDAR_VIEW (widget);
  CaEventDialog *dialog;

  if (self->database == NULL)
    return;
  dialog = ca_event_dialog_new (ca_widget_get_window (widget), self->database, &self->selected);
  g_signal_connect_object (dialog, "event-added", G_CALLBACK (event_added_cb), self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (event_dialog_closed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Overrides ---------------------------------------------------------------------------- */

static void
build_grid (CaCalendarView *self)
{
  GDate monday;

  /* The weekday names follow the UK week, Monday first. */
  g_date_clear (&monday, 1);
  g_date_set_dmy (&monday, 4, G_DATE_JANUARY, 2021);
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *name = ca_date_strftime (&monday, "%a");
      GtkWidget *label = gtk_label_new (name);

      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_grid_attach (self->weekday_grid, label, i, 0, 1, 1);
      g_date_add_days (&monday, 1);
    }

  for (guint i = 0; i < N_CELLS; i++)
    {
      GtkWidget *day = ca_calendar_day_new ();

      self->cells[i] = CA_CALENDAR_DAY (day);
      g_object_set_data (G_OBJECT (day), "index", GUINT_TO_POINTER (i));
      g_signal_connect (day, "clicked", G_CALLBACK (cell_clicked_cb), self);
      gtk_grid_attach (self->month_grid, day, i % 7, i / 7, 1, 1);
    }
}

static void
ca_calendar_view_map (GtkWidget *widget)
{
  CaCalendarView *self = CA_CALENDAR_VIEW (widget);

  GTK_WIDGET_CLASS (ca_calendar_view_parent_class)->map (widget);
  /* Coming back to the view shows what changed in the editor meanwhile. */
  if (self->changed_unseen && self->database != NULL)
    ca_calendar_view_update_programme_offer (self);
  self->changed_unseen = FALSE;
  ca_calendar_view_load_month (self);
}

static void
ca_calendar_view_dispose (GObject *object)
{
  CaCalendarView *self = (CaCalendarView *) object;
  GtkWidget *child;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->offer_cancellable);
  g_clear_object (&self->offer_cancellable);
  g_clear_handle_id (&self->reload_idle, g_source_remove);
  ca_calendar_view_close_programme_editor (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_CALENDAR_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->day_store);
  g_clear_object (&self->agenda_store);
  g_clear_object (&self->settings);
  g_clear_object (&self->database);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ca_calendar_view_parent_class)->dispose (object);
}

static void
ca_calendar_view_class_init (CaCalendarViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_calendar_view_dispose;
  object_class->get_property = ca_calendar_view_get_property;
  object_class->set_property = ca_calendar_view_set_property;
  widget_class->map = ca_calendar_view_map;

  /**
   * CaCalendarView:hide-done:
   *
   * Whether what is done (an action completed, a response given) is left out of the month,
   * the day's list and the agenda, so that only what still waits is shown.
   */
  properties[PROP_HIDE_DONE] =
    g_param_spec_boolean ("hide-done", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-calendar-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CaCalendarView, month_label);
  gtk_widget_class_bind_template_child (widget_class, CaCalendarView, add_event_button);
  gtk_widget_class_bind_template_child (widget_class, CaCalendarView, spinner);
  gtk_widget_class_bind_template_child (widget_class, CaCalendarView, everyone_button);
  gtk_widget_class_bind_template_child (widget_class, CaCalendarView, team_button);
  gtk_widget_class_bind_template_child (widget_class, CaCalendarView, mine_button);
  gtk_widget_class_bind_template_child (widget_class, CaCalendarView, agenda_button);
  gtk_widget_class_bind_template_child (widget_class, CaCalendarView, hint_revealer);
  gtk_widget_class_bind_template_child (widget_class, CaCalendarView, hint_label);
  gtk_widget_class_bind_template_child (widget_class, CaCalendarView, programme_revealer);
  gtk_widget_class_bind_template_child (widget_class, CaCalendarView, squeezer);
  gtk_widget_class_bind_template_child (widget_class, CaCalendarView, month_page);
  gtk_widget_class_bind_template_child (widget_class, CaCalendarView, weekday_grid);
  gtk_widget_class_bind_template_child (widget_class, CaCalendarView, month_grid);
  gtk_widget_class_bind_template_child (widget_class, CaCalendarView, day_title);
  gtk_widget_class_bind_template_child (widget_class, CaCalendarView, day_stack);
  gtk_widget_class_bind_template_child (widget_class, CaCalendarView, day_list);
  gtk_widget_class_bind_template_child (widget_class, CaCalendarView, agenda_stack);
  gtk_widget_class_bind_template_child (widget_class, CaCalendarView, agenda_list);
  gtk_widget_class_bind_template_callback (widget_class, day_item_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, agenda_item_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, agenda_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, squeezer_child_cb);

  gtk_widget_class_install_action (widget_class, "calendar.previous-month", NULL,
                                   previous_month_action);
  gtk_widget_class_install_action (widget_class, "calendar.next-month", NULL, next_month_action);
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "calendar.this-week", NULL, this_week_action);
  gtk_widget_class_install_action (widget_class, "calendar.export-ical", "b",
                                   ca_calendar_view_export_ical_action);
  gtk_widget_class_install_property_action (widget_class, "calendar.hide-done", "hide-done");
  gtk_widget_class_install_action (widget_class, "calendar.load-example", NULL,
                                   ca_calendar_view_load_example_action);
  gtk_widget_class_install_action (widget_class, "calendar.add-event", NULL, add_event_action);
  gtk_widget_class_install_action (widget_class, "calendar.edit-programme", NULL,
                                   ca_calendar_view_edit_programme_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ca_calendar_view_init (CaCalendarView *self)
{
  GtkEventController *keys;
  g_autoptr(GtkListItemFactory) day_factory = NULL;
  g_autoptr(GtkListItemFactory) agenda_factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  ca_list_name_controls_once (GTK_WIDGET (self));

  self->day_store = g_list_store_new (CA_TYPE_CALENDAR_ITEM);
  self->agenda_store = g_list_store_new (CA_TYPE_CALENDAR_ITEM);
  day_factory = new_item_factory (self, FALSE);
  agenda_factory = new_item_factory (self, TRUE);
  gtk_list_view_set_factory (self->day_list, day_factory);
  gtk_list_view_set_factory (self->agenda_list, agenda_factory);
  ca_list_tab_leaves (GTK_WIDGET (self->day_list));
  ca_list_tab_leaves (GTK_WIDGET (self->agenda_list));
  gtk_list_view_set_model (self->day_list,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             g_object_ref (G_LIST_MODEL (self->day_store)))));
  gtk_list_view_set_model (self->agenda_list,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             g_object_ref (G_LIST_MODEL (self->agenda_store)))));

  build_grid (self);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (grid_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->month_grid), keys);

  /* Events need a database to go in. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.add-event", FALSE);

  ca_date_set_today (&self->selected);
  self->month = self->selected;
  g_date_set_day (&self->month, 1);
  show_month (self);
}

static gboolean
reload_idle_cb (gpointer data)
{
  CaCalendarView *self = data;

  self->reload_idle = 0;
  ca_calendar_view_update_programme_offer (self);
  ca_calendar_view_load_month (self);
  return G_SOURCE_REMOVE;
}

/* Programme dates, events, bank holidays and audits' dates all show here; several changes
 * in a row are listed once. */
static void
context_changed_cb (CaCalendarView *self,
                    int             kind)
{
  switch (kind)
    {
    case CA_CHANGE_ANY:
    case CA_CHANGE_AUDIT:
    case CA_CHANGE_CASE:
    case CA_CHANGE_STAFF:
    case CA_CHANGE_PROGRAMME:
    case CA_CHANGE_HOLIDAY:
    case CA_CHANGE_SETTINGS:
    case CA_CHANGE_MANAGER_RESPONSE:
    case CA_CHANGE_ALLOCATION_RUN:
    case CA_CHANGE_MODERATION:
      /* A calendar out of sight lists its month again when it is shown (see map): an
       * audit being typed into changes at every autosave. */
      if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
        self->changed_unseen = TRUE;
      else if (self->reload_idle == 0)
        self->reload_idle = g_idle_add (reload_idle_cb, self);
      break;
    default:
      break;
    }
}

/**
 * ca_calendar_view_set_context:
 *
 * Shows the calendar of @context's database, listed on its worker, and lists it again
 * when the database says a programme date, an event, a holiday or an audit changed.
 */
void
ca_calendar_view_set_context (CaCalendarView *self,
                              CaContext      *context)
{
  g_return_if_fail (CA_IS_CALENDAR_VIEW (self));
  g_return_if_fail (context == NULL || CA_IS_CONTEXT (context));

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (!g_set_object (&self->context, context))
    return;

  /* The editor of another database's programme goes with it. */
  ca_calendar_view_close_programme_editor (self);
  g_clear_object (&self->database);
  g_clear_object (&self->settings);
  if (context != NULL)
    {
      self->database = g_object_ref (ca_context_get_database (context));
      self->settings = g_object_ref (ca_context_get_settings (context));
      g_signal_connect_object (self->settings, "changed::staff-ref",
                               G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "changed", G_CALLBACK (context_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.add-event",
                                 self->database != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.edit-programme",
                                 self->database != NULL);
  ca_calendar_view_update_programme_offer (self);
  ca_calendar_view_load_month (self);
}

void
ca_calendar_view_reload (CaCalendarView *self)
{
  g_return_if_fail (CA_IS_CALENDAR_VIEW (self));

  ca_calendar_view_load_month (self);
}

void
ca_calendar_view_select_date (CaCalendarView *self,
                              const GDate    *date)
{
  g_return_if_fail (CA_IS_CALENDAR_VIEW (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  ca_calendar_view_select (self, date, FALSE);
}
