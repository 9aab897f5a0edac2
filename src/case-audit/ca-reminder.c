// SPDX-License-Identifier: GPL-3.0-or-later
// R-I3: once when a database opens, and each morning at eight while the window stays open, a
// desktop notification of what is due today or overdue for the person whose staff ID is in
// Preferences: how many, the first few, Category 1 first and the notification then urgent.
// Nothing is sent when nothing waits or no staff ID is set. It is read on the worker.

#define G_LOG_DOMAIN "ca-reminder"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-calendar-store.h"
#include "ca-database-worker.h"
#include "ca-deadline-store.h"
#include "ca-reminder.h"
#include "core/ca-date.h"

#define NOTIFICATION_ID "due-today"
#define SHOWN_ITEMS     3

struct _CaReminder
{
  GObject       parent_instance;

  GApplication *application;   /* unowned: it outlives its windows */
  CaContext    *context;
  GCancellable *cancellable;
  guint         daily;
};

G_DEFINE_FINAL_TYPE (CaReminder, ca_reminder, G_TYPE_OBJECT)

typedef struct
{
  char              *staff_ref;
  GDate              today;
  CaHolidayCalendar *calendar;
} Ask;

static void
ask_free (Ask *ask)
{
  g_free (ask->staff_ref);
  ca_holiday_calendar_unref (ask->calendar);
  g_free (ask);
}

static gboolean
list_job (CaDatabase    *connection,
          gpointer       data,
          gpointer      *result,
          GCancellable  *cancellable,
          GError       **error)
{
  Ask *ask = data;
  gint64 staff_id = ca_calendar_store_find_staff (connection, ask->staff_ref, NULL, error);

  if (staff_id <= 0)
    return FALSE;
  *result = ca_deadline_store_list_for (connection, ask->calendar, &ask->today, staff_id, error);
  return *result != NULL;
}

static char *
describe_item (const CaDeadlineItem *item)
{
  g_autofree char *when = NULL;

  if (item->overdue)
    when = g_strdup_printf (g_dngettext (NULL, "%d working day overdue",
                                         "%d working days overdue", item->overdue_days),
                            item->overdue_days);
  else
    when = g_strdup (_("due today"));
  if (item->category == 1)
    /* Translators: a line of the reminder: "Category 1 · CA-000101: recommendations to be
     * checked, due today" */
    return g_strdup_printf (_("Category 1 · %s: %s, %s"), item->case_ref,
                            ca_deadline_kind_to_label (item->kind), when);
  /* Translators: a line of the reminder: "CA-000101: action, 2 working days overdue" */
  return g_strdup_printf (_("%s: %s, %s"), item->case_ref, ca_deadline_kind_to_label (item->kind),
                          when);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CaReminder) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *title = NULL;
  guint overdue = 0;
  gboolean urgent = FALSE;

  if (!ca_database_run_finish (result, (gpointer *) &items, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No reminder: %s", error->message);
      return;
    }
  if (items->len == 0)
    {
      g_application_withdraw_notification (self->application, NOTIFICATION_ID);
      return;
    }
  for (guint i = 0; i < items->len; i++)
    {
      const CaDeadlineItem *item = items->pdata[i];

      overdue += item->overdue;
      urgent |= item->category == 1;
      if (i < SHOWN_ITEMS)
        {
          g_autofree char *line = describe_item (item);

          if (body->len > 0)
            g_string_append_c (body, '\n');
          g_string_append (body, line);
        }
    }
  if (items->len > SHOWN_ITEMS)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body, g_dngettext (NULL, "and %u more", "and %u more",
                                                 items->len - SHOWN_ITEMS),
                              items->len - SHOWN_ITEMS);
    }
  if (overdue > 0)
    /* Translators: the reminder's title: "5 things wait on you, 3 overdue" */
    title = g_strdup_printf (g_dngettext (NULL, "%u thing waits on you, %u overdue",
                                          "%u things wait on you, %u overdue", items->len),
                             items->len, overdue);
  else
    title = g_strdup_printf (g_dngettext (NULL, "%u thing is due today",
                                          "%u things are due today", items->len), items->len);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body->str);
  g_notification_set_priority (notification, urgent ? G_NOTIFICATION_PRIORITY_URGENT
                                                    : G_NOTIFICATION_PRIORITY_NORMAL);
  g_notification_set_default_action (notification, "app.activate");
  g_application_send_notification (self->application, NOTIFICATION_ID, notification);
}

static void
remind (CaReminder *self)
{
  g_autofree char *staff_ref = NULL;
  Ask *ask;

  staff_ref = ca_context_dup_staff_ref (self->context);
  if (*staff_ref == '\0')
    return;
  ask = g_new0 (Ask, 1);
  ask->staff_ref = g_steal_pointer (&staff_ref);
  ask->calendar = ca_holiday_calendar_ref (ca_context_get_holiday_calendar (self->context));
  ca_context_get_today (self->context, &ask->today);
  ca_database_run_async (ca_context_get_database (self->context), list_job, ask,
                         (GDestroyNotify) ask_free, (GDestroyNotify) g_ptr_array_unref,
                         self->cancellable, listed_cb, g_object_ref (self));
}

/* The working day's reminder comes at the start of the morning, whenever the window was
 * opened: the next is set for the next REMINDER_HOUR o'clock on the person's clock. */
#define REMINDER_HOUR 8

static gboolean daily_cb (gpointer user_data);

static void
schedule_next (CaReminder *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->daily = g_timeout_add_seconds (MAX (ca_date_seconds_until_hour (now, REMINDER_HOUR), 1),
                                       daily_cb, self);
}

static gboolean
daily_cb (gpointer user_data)
{
  CaReminder *self = CA_REMINDER (user_data);

  self->daily = 0;
  remind (self);
  schedule_next (self);
  return G_SOURCE_REMOVE;
}

static void
ca_reminder_dispose (GObject *object)
{
  CaReminder *self = CA_REMINDER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->daily, g_source_remove);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ca_reminder_parent_class)->dispose (object);
}

static void
ca_reminder_class_init (CaReminderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ca_reminder_dispose;
}

static void
ca_reminder_init (CaReminder *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * ca_reminder_new:
 *
 * Sends the reminder for @context's database now, and again each morning while it lives.
 *
 * Returns: (transfer full): the reminder; drop it when the database closes
 */
CaReminder *
ca_reminder_new (GApplication *application,
                 CaContext    *context)
{
  CaReminder *self = g_object_new (CA_TYPE_REMINDER, NULL);

  self->application = application;
  self->context = g_object_ref (context);
  remind (self);
  schedule_next (self);
  return self;
}
