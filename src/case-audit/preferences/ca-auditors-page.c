// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences, Auditors: each role's audits a month (R-A3), saved a moment after each change.
//
// Each number is saved against the one last seen stored (R-N2); a number another copy changed
// differently is handed to the window, which puts the two versions to the person.

#define G_LOG_DOMAIN "ca-auditors-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-auditors-page.h"
#include "ca-capacity-store.h"
#include "ca-preferences-window-private.h"
#include "ca-toast.h"
#include "ca-view-write.h"

/* How long a number may rest before it is stored: one row of history per change, not one per
 * click of the arrows. Closing the window stores at once. */
#define SAVE_DELAY_MS 700

/* The role code a spin button stands for, the role's name, the number last seen stored for
 * it, and whether it waits to be stored. */
#define ROLE_CODE_KEY "ca-role-code"
#define ROLE_NAME_KEY "ca-role-name"
#define SHOWN_KEY "ca-shown"
#define DIRTY_KEY "ca-dirty"

struct _CaAuditorsPage
{
  AdwPreferencesPage   parent_instance;

  CaDatabase          *database;
  gboolean             loading;

  AdwPreferencesGroup *auditors_group;
  GPtrArray           *capacity_spins;  /* (element-type GtkSpinButton) one per role */
  guint                capacity_save_id;
};

G_DEFINE_FINAL_TYPE (CaAuditorsPage, ca_auditors_page, ADW_TYPE_PREFERENCES_PAGE)

static GtkSpinButton *
capacity_spin (CaAuditorsPage *self,
               const char     *code)
{
  for (guint i = 0; i < self->capacity_spins->len; i++)
    {
      GtkSpinButton *spin = g_ptr_array_index (self->capacity_spins, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (spin), ROLE_CODE_KEY), code) == 0)
        return spin;
    }
  return NULL;
}

static void
set_shown (GtkSpinButton *spin,
           int            value)
{
  g_object_set_data (G_OBJECT (spin), SHOWN_KEY, GINT_TO_POINTER (value));
}

/* Every role's number as stored now, except one waiting to be stored or chosen. */
static void
refresh_capacities (CaAuditorsPage *self)
{
  g_autoptr(GListModel) roles = NULL;
  g_autoptr(GError) error = NULL;

  roles = ca_capacity_store_list_roles (self->database, &error);
  if (roles == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (roles); i++)
    {
      g_autoptr(CaRoleCapacity) role = g_list_model_get_item (roles, i);
      const char *code = ca_role_capacity_get_code (role);
      GtkSpinButton *spin = capacity_spin (self, code);

      if (spin == NULL || g_object_get_data (G_OBJECT (spin), DIRTY_KEY) ||
          ca_preferences_window_choice_pending (GTK_WIDGET (self),
                                                CA_PREFERENCES_NUMBER_CAPACITY, code))
        continue;
      ca_preferences_show_number (spin, ca_role_capacity_get_capacity (role),
                                  &self->loading);
      set_shown (spin, (int) ca_role_capacity_get_capacity (role));
    }
}

static gboolean save_capacities_cb (gpointer data);

/* One role's number to save, with the number this page last saw stored, and the outcome. */
typedef struct
{
  GtkSpinButton *spin;
  char          *code;
  int            shown;
  guint          capacity;
  int            stored;
  GError        *error;
} RoleWrite;

static void
role_write_free (RoleWrite *write)
{
  g_object_unref (write->spin);
  g_free (write->code);
  g_clear_error (&write->error);
  g_free (write);
}

/* Each role on its own, as before: one refused number does not stop the others. */
static gboolean
save_capacities_job (CaDatabase  *connection,
                     gpointer     data,
                     GError     **error)
{
  GPtrArray *writes = data;

  for (guint i = 0; i < writes->len; i++)
    {
      RoleWrite *write = g_ptr_array_index (writes, i);

      ca_capacity_store_set_role (connection, write->code, write->shown, write->capacity,
                                  &write->stored, &write->error);
    }
  return TRUE;
}

static void
capacities_saved (GtkWidget    *owner,
                  gpointer      data,
                  const GError *error)
{
  CaAuditorsPage *self = CA_AUDITORS_PAGE (owner);
  GPtrArray *writes = data;

  if (self->database == NULL)
    return;  /* Preferences closed meanwhile: saved, with nobody left to ask */
  for (guint i = 0; i < writes->len; i++)
    {
      RoleWrite *write = g_ptr_array_index (writes, i);

      if (write->error == NULL)
        set_shown (write->spin, write->stored);
      else if (g_error_matches (write->error, CA_CAPACITY_STORE_ERROR,
                                CA_CAPACITY_STORE_ERROR_CHANGED))
        ca_preferences_window_offer_choice (GTK_WIDGET (self), CA_PREFERENCES_NUMBER_CAPACITY,
                                            write->code, write->stored);
      else
        {
          g_autofree char *message = g_strdup_printf (_("The audits a month were not saved: %s"),
                                                      write->error->message);

          ca_toast_show_text (GTK_WIDGET (self), message, CA_TOAST_SHORT);
        }
    }
  refresh_capacities (self);
  ca_preferences_window_ask_next_choice (GTK_WIDGET (self));
}

static void
save_capacities (CaAuditorsPage *self)
{
  g_autoptr(GPtrArray) writes = g_ptr_array_new_with_free_func ((GDestroyNotify) role_write_free);

  g_clear_handle_id (&self->capacity_save_id, g_source_remove);
  /* One save at a time: the next is measured from what this one finds stored. */
  if (ca_view_write_is_busy (GTK_WIDGET (self)))
    {
      self->capacity_save_id = g_timeout_add (SAVE_DELAY_MS, save_capacities_cb, self);
      return;
    }
  for (guint i = 0; i < self->capacity_spins->len; i++)
    {
      GtkSpinButton *spin = g_ptr_array_index (self->capacity_spins, i);
      RoleWrite *write;

      if (!g_object_get_data (G_OBJECT (spin), DIRTY_KEY))
        continue;
      g_object_set_data (G_OBJECT (spin), DIRTY_KEY, NULL);
      /* A number typed but not yet confirmed counts too; taking it is no new change. */
      self->loading = TRUE;
      gtk_spin_button_update (spin);
      self->loading = FALSE;
      write = g_new0 (RoleWrite, 1);
      write->spin = g_object_ref (spin);
      write->code = g_strdup (g_object_get_data (G_OBJECT (spin), ROLE_CODE_KEY));
      write->shown = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spin), SHOWN_KEY));
      write->capacity = (guint) gtk_spin_button_get_value_as_int (spin);
      g_ptr_array_add (writes, write);
    }
  ca_view_write (GTK_WIDGET (self), NULL, self->database, save_capacities_job,
                 g_steal_pointer (&writes), (GDestroyNotify) g_ptr_array_unref,
                 capacities_saved);
}

static gboolean
save_capacities_cb (gpointer data)
{
  CaAuditorsPage *self = data;

  self->capacity_save_id = 0;
  save_capacities (self);
  return G_SOURCE_REMOVE;
}

static void
capacity_changed_cb (GtkSpinButton  *spin,
                     CaAuditorsPage *self)
{
  if (self->loading)
    return;
  g_object_set_data (G_OBJECT (spin), DIRTY_KEY, GINT_TO_POINTER (TRUE));
  g_clear_handle_id (&self->capacity_save_id, g_source_remove);
  self->capacity_save_id = g_timeout_add (SAVE_DELAY_MS, save_capacities_cb, self);
}

static void
load_capacities (CaAuditorsPage *self)
{
  g_autoptr(GListModel) roles = NULL;
  g_autoptr(GError) error = NULL;

  roles = ca_capacity_store_list_roles (self->database, &error);
  if (roles == NULL)
    {
      ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_SHORT);
      return;
    }
  self->loading = TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (roles); i++)
    {
      g_autoptr(CaRoleCapacity) role = g_list_model_get_item (roles, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = gtk_spin_button_new_with_range (0, CA_CAPACITY_MAX, 1);
      /* Translators: the accessible name of a role's number, "Team Manager: audits a month" */
      g_autofree char *label = g_strdup_printf (_("%s: audits a month"),
                                                ca_role_capacity_get_name (role));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ca_role_capacity_get_name (role));
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), ca_role_capacity_get_capacity (role));
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      g_object_set_data_full (G_OBJECT (spin), ROLE_CODE_KEY,
                              g_strdup (ca_role_capacity_get_code (role)), g_free);
      g_object_set_data_full (G_OBJECT (spin), ROLE_NAME_KEY,
                              g_strdup (ca_role_capacity_get_name (role)), g_free);
      set_shown (GTK_SPIN_BUTTON (spin), (int) ca_role_capacity_get_capacity (role));
      g_signal_connect (spin, "value-changed", G_CALLBACK (capacity_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      adw_preferences_group_add (self->auditors_group, row);
      g_ptr_array_add (self->capacity_spins, spin);
    }
  self->loading = FALSE;
}

/* Stores at once a number still resting before it is saved: the window is closing. */
void
ca_auditors_page_flush (CaAuditorsPage *self)
{
  g_return_if_fail (CA_IS_AUDITORS_PAGE (self));

  if (self->capacity_save_id != 0)
    save_capacities (self);
}

/* The name of the role CODE, or NULL when the page has no such role. */
char *
ca_auditors_page_number_title (CaAuditorsPage *self,
                               const char     *code)
{
  GtkSpinButton *spin;

  g_return_val_if_fail (CA_IS_AUDITORS_PAGE (self), NULL);

  if ((spin = capacity_spin (self, code)) == NULL)
    return NULL;
  return g_strdup (g_object_get_data (G_OBJECT (spin), ROLE_NAME_KEY));
}

/* What the conflict dialog says of CODE: the number, this page's version and OTHER. */
gboolean
ca_auditors_page_describe_choice (CaAuditorsPage  *self,
                                  const char      *code,
                                  int              other,
                                  char           **field,
                                  char           **this_text,
                                  char           **other_text)
{
  GtkSpinButton *spin;
  int mine;

  g_return_val_if_fail (CA_IS_AUDITORS_PAGE (self), FALSE);

  if ((spin = capacity_spin (self, code)) == NULL)
    return FALSE;
  mine = gtk_spin_button_get_value_as_int (spin);
  /* Translators: a role's audits a month, "Team Manager: audits a month" */
  *field = g_strdup_printf (_("%s: audits a month"),
                            (const char *) g_object_get_data (G_OBJECT (spin), ROLE_NAME_KEY));
  *this_text = g_strdup_printf (g_dngettext (NULL, "%d a month", "%d a month", mine), mine);
  *other_text = g_strdup_printf (g_dngettext (NULL, "%d a month", "%d a month", other), other);
  return TRUE;
}

/* The person chose between this page's number for CODE and OTHER, the stored one. OTHER
 * becomes the number last seen stored: keeping this page's number then writes it, using the
 * other shows it and writes nothing. */
void
ca_auditors_page_resolve (CaAuditorsPage *self,
                          const char     *code,
                          int             other,
                          gboolean        keep_this)
{
  GtkSpinButton *spin;

  g_return_if_fail (CA_IS_AUDITORS_PAGE (self));

  if ((spin = capacity_spin (self, code)) == NULL)
    return;
  set_shown (spin, other);
  if (keep_this)
    {
      g_object_set_data (G_OBJECT (spin), DIRTY_KEY, GINT_TO_POINTER (TRUE));
      save_capacities (self);
    }
  else
    ca_preferences_show_number (spin, (guint) other, &self->loading);
}

static void
ca_auditors_page_dispose (GObject *object)
{
  CaAuditorsPage *self = CA_AUDITORS_PAGE (object);

  g_clear_handle_id (&self->capacity_save_id, g_source_remove);
  g_clear_pointer (&self->capacity_spins, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_AUDITORS_PAGE);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (ca_auditors_page_parent_class)->dispose (object);
}

static void
ca_auditors_page_class_init (CaAuditorsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_auditors_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-auditors-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaAuditorsPage, auditors_group);
}

static void
ca_auditors_page_init (CaAuditorsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->capacity_spins = g_ptr_array_new ();
}

void
ca_auditors_page_set_context (CaAuditorsPage *self,
                              CaContext       *context)
{
  CaDatabase *database = context != NULL ? ca_context_get_database (context) : NULL;

  g_return_if_fail (CA_IS_AUDITORS_PAGE (self));
  g_return_if_fail (context == NULL || CA_IS_CONTEXT (context));

  /* The roles are listed once: the window is made for one database. */
  if (g_set_object (&self->database, database) && database != NULL &&
      self->capacity_spins->len == 0)
    load_capacities (self);
}
