// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences, Moderation: the month's random share and due working day (R-H1), and each
// moderator's moderations a month (R-H2), saved a moment after each change.
//
// Read and written on the database's worker. Each number is saved against the one last seen
// stored (R-N2): a number another copy changed meanwhile is not overwritten, and the page
// shows it with a toast that says so, as the Allocation view's Quotas page does for a
// person's audits a month.

#define G_LOG_DOMAIN "ca-moderation-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-capacity-store.h"
#include "ca-list-access.h"
#include "ca-moderation-page.h"
#include "ca-moderation-settings-store.h"
#include "ca-preferences-window-private.h"
#include "ca-toast.h"
#include "ca-view-reload.h"
#include "ca-view-write.h"
#include "core/ca-date.h"

/* How long a number may rest before it is stored: one row of history per change, not one per
 * click of the arrows. Closing the window stores at once. */
#define SAVE_DELAY_MS 700

/* One moderator's row, and their number as this page last saw it stored. */
typedef struct
{
  CaModerationPage *page;       /* unowned: the row lives in it */
  gint64            staff_id;
  char             *name;
  char             *role_name;
  gint              role_capacity;
  gint              shown_own;  /* their own number, CA_CAPACITY_NONE for none */
  guint             in_month;
  gboolean          dirty;      /* waits to be stored */
  gboolean          use_role;   /* ... as the role's number again */
  AdwActionRow     *row;
  GtkSpinButton    *spin;
  GtkWidget        *use_role_button;
} ModeratorRow;

struct _CaModerationPage
{
  AdwPreferencesPage    parent_instance;

  CaDatabase           *database;
  CaContext            *context;
  GCancellable         *cancellable;
  CaViewReload          reload;
  gboolean              loading;
  guint                 save_id;
  char                 *month;       /* "YYYY-MM": last month, whose sample is drawn now */

  AdwPreferencesGroup  *sample_group;
  AdwPreferencesGroup  *moderators_group;
  GtkSpinButton        *percent_spin;
  GtkSpinButton        *due_spin;

  CaModerationSettings  shown;       /* the settings as last seen stored */
  gboolean              percent_dirty;
  gboolean              due_dirty;
  GPtrArray            *moderators;  /* (element-type ModeratorRow) */
};

G_DEFINE_FINAL_TYPE (CaModerationPage, ca_moderation_page, ADW_TYPE_PREFERENCES_PAGE)

static void
moderator_row_free (ModeratorRow *moderator)
{
  g_free (moderator->name);
  g_free (moderator->role_name);
  g_free (moderator);
}

static guint
moderator_capacity (const ModeratorRow *moderator)
{
  if (moderator->shown_own != CA_CAPACITY_NONE)
    return (guint) moderator->shown_own;
  return moderator->role_capacity != CA_CAPACITY_NONE ? (guint) moderator->role_capacity : 0;
}

/* The row's subtitle and its button, from the number last seen stored. */
static void
describe_moderator (ModeratorRow *moderator)
{
  g_autofree char *month = ca_date_format_month (moderator->page->month);
  g_autofree char *subtitle = NULL;

  if (moderator->shown_own == CA_CAPACITY_NONE)
    /* Translators: a moderator's role, the moderations they have, and the month of the
     * sample: "Head of Service: the role’s number. 2 in the sample for September 2026" */
    subtitle = g_strdup_printf (_("%s: the role’s number. %u in the sample for %s"),
                                moderator->role_name, moderator->in_month, month);
  else if (moderator->role_capacity == CA_CAPACITY_NONE)
    subtitle = g_strdup_printf (_("%s: their own number; the role does not moderate. %u in "
                                  "the sample for %s"),
                                moderator->role_name, moderator->in_month, month);
  else
    /* Translators: "Head of Service: their own number; the role’s is 3. 2 in the sample
     * for September 2026" */
    subtitle = g_strdup_printf (_("%s: their own number; the role’s is %d. %u in the sample "
                                  "for %s"),
                                moderator->role_name, moderator->role_capacity,
                                moderator->in_month, month);
  adw_action_row_set_subtitle (moderator->row, subtitle);
  gtk_widget_set_sensitive (moderator->use_role_button,
                            moderator->shown_own != CA_CAPACITY_NONE &&
                            moderator->role_capacity != CA_CAPACITY_NONE);
}

static gboolean save_cb (gpointer data);

static void
schedule_save (CaModerationPage *self)
{
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_cb, self);
}

static void
capacity_changed_cb (GtkSpinButton *spin,
                     ModeratorRow  *moderator)
{
  if (moderator->page->loading)
    return;
  moderator->dirty = TRUE;
  moderator->use_role = FALSE;
  schedule_save (moderator->page);
}

static void save (CaModerationPage *self);

/* A click is meant at once: the role's number is shown and stored without the rest. */
static void
use_role_clicked_cb (GtkButton    *button,
                     ModeratorRow *moderator)
{
  CaModerationPage *self = moderator->page;

  moderator->dirty = TRUE;
  moderator->use_role = TRUE;
  ca_preferences_show_number (moderator->spin,
                              moderator->role_capacity != CA_CAPACITY_NONE
                                ? (guint) moderator->role_capacity : 0,
                              &self->loading);
  save (self);
}

static ModeratorRow *
add_moderator (CaModerationPage          *self,
               const CaModeratorCapacity *capacity)
{
  ModeratorRow *moderator = g_new0 (ModeratorRow, 1);
  GtkWidget *spin = gtk_spin_button_new_with_range (0, CA_CAPACITY_MAX, 1);
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-undo-symbolic");
  /* Translators: the accessible name of a moderator's number, "Amelia Jones: moderations a
   * month" */
  g_autofree char *label = g_strdup_printf (_("%s: moderations a month"), capacity->name);
  /* Translators: the accessible name of the button beside it */
  g_autofree char *use_role = g_strdup_printf (_("%s: use the role’s number"), capacity->name);

  moderator->page = self;
  moderator->staff_id = capacity->staff_id;
  moderator->name = g_strdup (capacity->name);
  moderator->role_name = g_strdup (capacity->role_name);
  moderator->role_capacity = capacity->role_capacity;
  moderator->shown_own = capacity->own_capacity;
  moderator->in_month = capacity->in_month;
  moderator->row = ADW_ACTION_ROW (adw_action_row_new ());
  moderator->spin = GTK_SPIN_BUTTON (spin);
  moderator->use_role_button = button;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (moderator->row), capacity->name);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), moderator_capacity (moderator));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_signal_connect (spin, "value-changed", G_CALLBACK (capacity_changed_cb), moderator);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Use the role’s number"));
  ca_list_name_button (button, use_role);
  g_signal_connect (button, "clicked", G_CALLBACK (use_role_clicked_cb), moderator);

  adw_action_row_add_suffix (moderator->row, spin);
  adw_action_row_add_suffix (moderator->row, button);
  adw_action_row_set_activatable_widget (moderator->row, spin);
  adw_preferences_group_add (self->moderators_group, GTK_WIDGET (moderator->row));
  describe_moderator (moderator);
  g_ptr_array_add (self->moderators, moderator);
  return moderator;
}

/* Whether the rows are for MODERATORS, the same people in the same order. */
static gboolean
same_people (CaModerationPage *self,
             GPtrArray        *moderators)
{
  if (self->moderators->len != moderators->len)
    return FALSE;
  for (guint i = 0; i < moderators->len; i++)
    if (((ModeratorRow *) self->moderators->pdata[i])->staff_id !=
        ((CaModeratorCapacity *) moderators->pdata[i])->staff_id)
      return FALSE;
  return TRUE;
}

/* Shows what is stored now, except a number that waits to be stored. */
static void
show_setup (CaModerationPage        *self,
            const CaModerationSetup *setup)
{
  if (!self->percent_dirty)
    {
      self->shown.percent = setup->settings.percent;
      ca_preferences_show_number (self->percent_spin, setup->settings.percent, &self->loading);
    }
  if (!self->due_dirty)
    {
      self->shown.due_working_day = setup->settings.due_working_day;
      ca_preferences_show_number (self->due_spin, setup->settings.due_working_day, &self->loading);
    }

  /* Someone joined, left or changed role: the rows are made again. */
  if (!same_people (self, setup->moderators))
    {
      for (guint i = 0; i < self->moderators->len; i++)
        adw_preferences_group_remove (self->moderators_group,
                                      GTK_WIDGET (((ModeratorRow *) self->moderators->pdata[i])->row));
      g_ptr_array_set_size (self->moderators, 0);
      self->loading = TRUE;
      for (guint i = 0; i < setup->moderators->len; i++)
        add_moderator (self, setup->moderators->pdata[i]);
      self->loading = FALSE;
    }
  else
    for (guint i = 0; i < setup->moderators->len; i++)
      {
        const CaModeratorCapacity *capacity = setup->moderators->pdata[i];
        ModeratorRow *moderator = self->moderators->pdata[i];

        moderator->role_capacity = capacity->role_capacity;
        moderator->in_month = capacity->in_month;
        if (moderator->dirty)
          continue;
        moderator->shown_own = capacity->own_capacity;
        ca_preferences_show_number (moderator->spin, moderator_capacity (moderator),
                                    &self->loading);
        describe_moderator (moderator);
      }

  gtk_widget_set_sensitive (GTK_WIDGET (self->sample_group), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->moderators_group), TRUE);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaModerationSetup) setup = NULL;
  CaModerationPage *self;

  setup = ca_moderation_settings_store_read_finish (CA_DATABASE (source), result, &error);
  /* Cancelled when the page went: it is not to be touched. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CA_MODERATION_PAGE (user_data);
  if (setup == NULL)
    {
      ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_SHORT);
      return;
    }
  show_setup (self, setup);
}

/* Reads the settings and the moderators on the worker: the window never waits on the file. */
static void
read_stored (CaModerationPage *self)
{
  if (self->database == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  ca_moderation_settings_store_read_async (self->database, self->month, self->cancellable,
                                           read_cb, self);
}

/* Saving ------------------------------------------------------------------------------- */

typedef enum
{
  WRITE_SETTING,
  WRITE_CAPACITY,
  WRITE_ROLE_CAPACITY,
} WriteKind;

/* One number to store, the number this page last saw stored, and the outcome. */
typedef struct
{
  WriteKind   kind;
  const char *name;      /* a setting's: static */
  gint64      staff_id;  /* a moderator's */
  gint        shown;
  guint       value;
  gint        stored;    /* after the write, or the other copy's number */
  GError     *error;
} PageWrite;

static void
page_write_free (PageWrite *write)
{
  g_clear_error (&write->error);
  g_free (write);
}

static PageWrite *
page_write_new (GPtrArray *writes,
                WriteKind  kind,
                gint       shown)
{
  PageWrite *write = g_new0 (PageWrite, 1);

  write->kind = kind;
  write->shown = shown;
  /* A write that fails before it reads (a database another program holds) leaves the
   * number as last seen. */
  write->stored = shown;
  g_ptr_array_add (writes, write);
  return write;
}

/* Each number on its own: one refused number does not stop the others. */
static gboolean
save_job (CaDatabase  *connection,
          gpointer     data,
          GError     **error)
{
  GPtrArray *writes = data;

  for (guint i = 0; i < writes->len; i++)
    {
      PageWrite *write = writes->pdata[i];
      guint stored = (guint) write->stored;

      switch (write->kind)
        {
        case WRITE_SETTING:
          ca_moderation_settings_store_set (connection, write->name, (guint) write->shown,
                                            write->value, &stored, &write->error);
          write->stored = (gint) stored;
          break;
        case WRITE_CAPACITY:
          ca_capacity_store_set_moderation (connection, write->staff_id, write->shown,
                                            write->value, &write->stored, &write->error);
          break;
        case WRITE_ROLE_CAPACITY:
          ca_capacity_store_clear_moderation (connection, write->staff_id, write->shown,
                                              &write->stored, &write->error);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

static ModeratorRow *
find_moderator (CaModerationPage *self,
                gint64            staff_id)
{
  for (guint i = 0; i < self->moderators->len; i++)
    if (((ModeratorRow *) self->moderators->pdata[i])->staff_id == staff_id)
      return self->moderators->pdata[i];
  return NULL;
}

static void
saved (GtkWidget    *owner,
       gpointer      data,
       const GError *error)
{
  CaModerationPage *self = CA_MODERATION_PAGE (owner);
  GPtrArray *writes = data;

  if (self->database == NULL)
    return;  /* Preferences closed meanwhile: saved, with nobody left to tell */
  for (guint i = 0; i < writes->len; i++)
    {
      PageWrite *write = writes->pdata[i];

      if (write->kind == WRITE_SETTING)
        {
          gboolean percent = g_str_equal (write->name, CA_MODERATION_SETTING_PERCENT);

          if (percent)
            self->shown.percent = (guint) write->stored;
          else
            self->shown.due_working_day = (guint) write->stored;
          /* Refused: the stored number is shown, not the one that could not be. */
          if (write->error != NULL && !(percent ? self->percent_dirty : self->due_dirty))
            ca_preferences_show_number (percent ? self->percent_spin : self->due_spin,
                                        (guint) write->stored, &self->loading);
        }
      else
        {
          ModeratorRow *moderator = find_moderator (self, write->staff_id);

          if (moderator == NULL)
            continue;
          moderator->shown_own = write->stored;
          if (write->error != NULL && !moderator->dirty)
            ca_preferences_show_number (moderator->spin, moderator_capacity (moderator),
                                        &self->loading);
          describe_moderator (moderator);
        }

      if (write->error != NULL)
        {
          g_autofree char *message = NULL;

          /* Another copy's number: the message says what it is now, for the person to set
           * theirs again if they still want it. */
          if (g_error_matches (write->error, CA_MODERATION_SETTINGS_STORE_ERROR,
                               CA_MODERATION_SETTINGS_STORE_ERROR_CHANGED) ||
              g_error_matches (write->error, CA_CAPACITY_STORE_ERROR,
                               CA_CAPACITY_STORE_ERROR_CHANGED))
            message = g_strdup (write->error->message);
          else if (write->kind == WRITE_SETTING)
            message = g_strdup_printf (_("The moderation setting was not saved: %s"),
                                       write->error->message);
          else
            message = g_strdup_printf (_("The moderations a month were not saved: %s"),
                                       write->error->message);
          ca_toast_show_text (GTK_WIDGET (self), message, CA_TOAST_LONG);
        }
    }
  /* What the refused numbers are now, and the counts, as stored. */
  read_stored (self);
}

static void
save (CaModerationPage *self)
{
  g_autoptr(GPtrArray) writes = NULL;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->database == NULL)
    return;
  /* One save at a time: the next is measured from what this one finds stored. */
  if (ca_view_write_is_busy (GTK_WIDGET (self)))
    {
      schedule_save (self);
      return;
    }

  writes = g_ptr_array_new_with_free_func ((GDestroyNotify) page_write_free);
  /* A number typed but not yet confirmed counts too; taking it is no new change. */
  self->loading = TRUE;
  if (self->percent_dirty)
    {
      PageWrite *write = page_write_new (writes, WRITE_SETTING, (gint) self->shown.percent);

      gtk_spin_button_update (self->percent_spin);
      write->name = CA_MODERATION_SETTING_PERCENT;
      write->value = (guint) gtk_spin_button_get_value_as_int (self->percent_spin);
      self->percent_dirty = FALSE;
    }
  if (self->due_dirty)
    {
      PageWrite *write = page_write_new (writes, WRITE_SETTING,
                                         (gint) self->shown.due_working_day);

      gtk_spin_button_update (self->due_spin);
      write->name = CA_MODERATION_SETTING_DUE_WORKING_DAY;
      write->value = (guint) gtk_spin_button_get_value_as_int (self->due_spin);
      self->due_dirty = FALSE;
    }
  for (guint i = 0; i < self->moderators->len; i++)
    {
      ModeratorRow *moderator = self->moderators->pdata[i];
      PageWrite *write;

      if (!moderator->dirty)
        continue;
      write = page_write_new (writes, moderator->use_role ? WRITE_ROLE_CAPACITY : WRITE_CAPACITY,
                              moderator->shown_own);
      write->staff_id = moderator->staff_id;
      if (!moderator->use_role)
        {
          gtk_spin_button_update (moderator->spin);
          write->value = (guint) gtk_spin_button_get_value_as_int (moderator->spin);
        }
      moderator->dirty = FALSE;
      moderator->use_role = FALSE;
    }
  self->loading = FALSE;
  if (writes->len == 0)
    return;
  ca_view_write (GTK_WIDGET (self), NULL, self->database, save_job, g_steal_pointer (&writes),
                 (GDestroyNotify) g_ptr_array_unref, saved);
}

static gboolean
save_cb (gpointer data)
{
  CaModerationPage *self = data;

  self->save_id = 0;
  save (self);
  return G_SOURCE_REMOVE;
}

static void
setting_changed_cb (CaModerationPage *self,
                    GtkSpinButton    *spin)
{
  if (self->loading)
    return;
  if (spin == self->percent_spin)
    self->percent_dirty = TRUE;
  else
    self->due_dirty = TRUE;
  schedule_save (self);
}

/* Stores at once a number still resting before it is saved: the window is closing. */
void
ca_moderation_page_flush (CaModerationPage *self)
{
  g_return_if_fail (CA_IS_MODERATION_PAGE (self));

  if (self->save_id != 0)
    save (self);
}

/* The page ---------------------------------------------------------------------------- */

static void
ca_moderation_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ca_moderation_page_parent_class)->map (widget);
  ca_view_reload_mapped (&CA_MODERATION_PAGE (widget)->reload);
}

static void
ca_moderation_page_dispose (GObject *object)
{
  CaModerationPage *self = CA_MODERATION_PAGE (object);

  g_clear_handle_id (&self->save_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  ca_view_reload_clear (&self->reload);
  g_clear_pointer (&self->moderators, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_MODERATION_PAGE);
  g_clear_object (&self->database);
  g_clear_object (&self->context);
  g_clear_pointer (&self->month, g_free);

  G_OBJECT_CLASS (ca_moderation_page_parent_class)->dispose (object);
}

static void
ca_moderation_page_class_init (CaModerationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_moderation_page_dispose;
  widget_class->map = ca_moderation_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-moderation-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaModerationPage, sample_group);
  gtk_widget_class_bind_template_child (widget_class, CaModerationPage, moderators_group);
  gtk_widget_class_bind_template_child (widget_class, CaModerationPage, percent_spin);
  gtk_widget_class_bind_template_child (widget_class, CaModerationPage, due_spin);
  gtk_widget_class_bind_template_callback (widget_class, setting_changed_cb);
}

static void
ca_moderation_page_init (CaModerationPage *self)
{
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loading = FALSE;
  self->moderators = g_ptr_array_new_with_free_func ((GDestroyNotify) moderator_row_free);
  ca_moderation_settings_init_defaults (&self->shown);
  ca_view_reload_init (&self->reload, GTK_WIDGET (self), (CaViewReloadFunc) read_stored);
}

void
ca_moderation_page_set_context (CaModerationPage *self,
                                CaContext        *context)
{
  CaDatabase *database = context != NULL ? ca_context_get_database (context) : NULL;
  GDate month;

  g_return_if_fail (CA_IS_MODERATION_PAGE (self));
  g_return_if_fail (context == NULL || CA_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  ca_view_reload_watch (&self->reload, context,
                        CA_VIEW_RELOAD_KIND (CA_CHANGE_SETTINGS) |
                        CA_VIEW_RELOAD_KIND (CA_CHANGE_CAPACITY) |
                        CA_VIEW_RELOAD_KIND (CA_CHANGE_STAFF) |
                        CA_VIEW_RELOAD_KIND (CA_CHANGE_MODERATION));
  if (!g_set_object (&self->database, database) || database == NULL)
    return;
  /* The sample drawn and moderated now is last month's. */
  ca_context_get_today (context, &month);
  g_date_set_day (&month, 1);
  g_date_subtract_months (&month, 1);
  g_free (self->month);
  self->month = g_strdup_printf ("%04d-%02d", g_date_get_year (&month),
                                 g_date_get_month (&month));
  read_stored (self);
}
