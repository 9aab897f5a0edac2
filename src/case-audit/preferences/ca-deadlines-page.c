// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences, Deadlines: the person's staff ID and the deadline numbers (R-F8), saved a moment after each change.
//
// The numbers are saved as the changes this page made since it last saw them stored, merged
// number by number (R-N2); a number another copy changed differently is handed to the window,
// which puts the two versions to the person.

#define G_LOG_DOMAIN "ca-deadlines-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-deadlines-page.h"
#include "ca-preferences-window-private.h"
#include "ca-settings-store.h"
#include "ca-toast.h"
#include "ca-view-write.h"

/* How long a number may rest before it is stored: one row of history per change, not one per
 * click of the arrows. Closing the window stores at once. */
#define SAVE_DELAY_MS 700

#define N_DEADLINES 6

struct _CaDeadlinesPage
{
  AdwPreferencesPage  parent_instance;

  CaDatabase         *database;
  guint               save_id;
  gboolean            loading;

  GtkSpinButton      *category1_hours;
  GtkSpinButton      *category2_working_days;
  GtkSpinButton      *category3_working_days;
  GtkSpinButton      *manager_response_working_days;
  GtkSpinButton      *urgent_action_working_days;
  GtkSpinButton      *action_days;

  CaDeadlineRules     deadlines_base;  /* the numbers as last seen stored: what this page's
                                        * changes are measured from */

  GSettings          *settings;
  AdwEntryRow        *staff_ref_row;
};

G_DEFINE_FINAL_TYPE (CaDeadlinesPage, ca_deadlines_page, ADW_TYPE_PREFERENCES_PAGE)

static GtkSpinButton **
deadline_spin (CaDeadlinesPage  *self,
               CaDeadlineRules  *rules,
               guint           **field,
               guint             i)
{
  switch (i)
    {
    case 0: *field = &rules->category1_hours; return &self->category1_hours;
    case 1: *field = &rules->category2_working_days; return &self->category2_working_days;
    case 2: *field = &rules->category3_working_days; return &self->category3_working_days;
    case 3:
      *field = &rules->manager_response_working_days;
      return &self->manager_response_working_days;
    case 4:
      *field = &rules->urgent_action_working_days;
      return &self->urgent_action_working_days;
    case 5: *field = &rules->action_days; return &self->action_days;
    default: return NULL;
    }
}

/* The deadline numbers by name, in the order of ca_settings_store_deadline_names(). */
static GtkSpinButton *
deadline_spin_named (CaDeadlinesPage *self,
                     const char      *name)
{
  const char * const *names = ca_settings_store_deadline_names ();
  CaDeadlineRules rules;

  for (guint i = 0; i < N_DEADLINES && names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      {
        guint *field;

        return *deadline_spin (self, &rules, &field, i);
      }
  return NULL;
}

/* Shows STORED (what is stored now) and measures the next changes from it, except for a
 * number waiting for a choice: it keeps this page's number, and its old base so that
 * the next save still finds the conflict. */
static void
show_stored_rules (CaDeadlinesPage       *self,
                   const CaDeadlineRules *stored)
{
  const char * const *names = ca_settings_store_deadline_names ();
  CaDeadlineRules base = *stored;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (ca_preferences_window_choice_pending (GTK_WIDGET (self),
                                                CA_PREFERENCES_NUMBER_DEADLINE, names[i]))
        ca_settings_store_set_deadline (&base, names[i],
                                        ca_settings_store_get_deadline (&self->deadlines_base,
                                                                        names[i]));
      else
        ca_preferences_show_number (deadline_spin_named (self, names[i]),
                                    ca_settings_store_get_deadline (stored, names[i]),
                                    &self->loading);
    }
  self->deadlines_base = base;
}

static void
show_rules (CaDeadlinesPage       *self,
            const CaDeadlineRules *rules)
{
  CaDeadlineRules copy = *rules;

  self->loading = TRUE;
  for (guint i = 0; i < N_DEADLINES; i++)
    {
      guint *field;
      GtkSpinButton **spin = deadline_spin (self, &copy, &field, i);

      gtk_spin_button_set_value (*spin, *field);
    }
  self->loading = FALSE;
}

static void
load_deadlines (CaDeadlinesPage *self)
{
  g_autoptr(GError) error = NULL;
  CaDeadlineRules rules;

  if (!ca_settings_store_load_deadline_rules (self->database, &rules, &error))
    {
      ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_SHORT);
      ca_deadline_rules_init_defaults (&rules);
    }
  show_stored_rules (self, &rules);
}

static gboolean save_deadlines_cb (gpointer data);

/* The numbers to save, the base they were changed from, and what the save found stored. */
typedef struct
{
  CaDeadlineRules base;
  CaDeadlineRules rules;
  CaDeadlineRules stored;
  GStrv           conflicts;
} DeadlinesWrite;

static void
deadlines_write_free (DeadlinesWrite *write)
{
  g_strfreev (write->conflicts);
  g_free (write);
}

static gboolean
save_deadlines_job (CaDatabase  *connection,
                    gpointer     data,
                    GError     **error)
{
  DeadlinesWrite *write = data;

  return ca_settings_store_save_deadline_rules_since (connection, &write->base, &write->rules,
                                                      &write->stored, &write->conflicts, error);
}

static void
deadlines_saved (GtkWidget    *owner,
                 gpointer      data,
                 const GError *error)
{
  CaDeadlinesPage *self = CA_DEADLINES_PAGE (owner);
  DeadlinesWrite *write = data;

  if (self->database == NULL)
    return;  /* Preferences closed meanwhile: saved, with nobody left to ask */
  if (error != NULL)
    {
      /* Show what is stored, not what could not be. */
      ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_SHORT);
      load_deadlines (self);
      ca_preferences_window_ask_next_choice (GTK_WIDGET (self));
      return;
    }
  for (guint i = 0; write->conflicts[i] != NULL; i++)
    ca_preferences_window_offer_choice (GTK_WIDGET (self), CA_PREFERENCES_NUMBER_DEADLINE,
                                        write->conflicts[i],
                                        (int) ca_settings_store_get_deadline (&write->stored,
                                                                              write->conflicts[i]));
  show_stored_rules (self, &write->stored);
  ca_preferences_window_ask_next_choice (GTK_WIDGET (self));
}

static void
save_deadlines (CaDeadlinesPage *self)
{
  DeadlinesWrite *write;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->database == NULL)
    return;
  /* One save at a time: the next is measured from what this one finds stored. */
  if (ca_view_write_is_busy (GTK_WIDGET (self)))
    {
      self->save_id = g_timeout_add (SAVE_DELAY_MS, save_deadlines_cb, self);
      return;
    }

  write = g_new0 (DeadlinesWrite, 1);
  for (guint i = 0; i < N_DEADLINES; i++)
    {
      guint *field;
      GtkSpinButton **spin = deadline_spin (self, &write->rules, &field, i);

      /* A number typed but not yet confirmed counts too. */
      gtk_spin_button_update (*spin);
      *field = (guint) gtk_spin_button_get_value_as_int (*spin);
    }
  write->base = self->deadlines_base;
  ca_view_write (GTK_WIDGET (self), NULL, self->database, save_deadlines_job, write,
                 (GDestroyNotify) deadlines_write_free, deadlines_saved);
}

static gboolean
save_deadlines_cb (gpointer data)
{
  CaDeadlinesPage *self = data;

  self->save_id = 0;
  save_deadlines (self);
  return G_SOURCE_REMOVE;
}

static void
deadline_changed_cb (CaDeadlinesPage *self)
{
  if (self->loading)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_deadlines_cb, self);
}

static void
reset_deadlines_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CaDeadlinesPage *self = CA_DEADLINES_PAGE (widget);
  CaDeadlineRules rules;

  ca_deadline_rules_init_defaults (&rules);
  show_rules (self, &rules);
  save_deadlines (self);
}

/* A deadline number's name and value, for a person choosing between two versions. */
static char *
describe_deadline (const char *name)
{
  if (g_str_equal (name, "category1_hours"))
    return g_strdup (_("Checking a Category 1 audit’s recommendations"));
  if (g_str_equal (name, "category2_working_days"))
    return g_strdup (_("Checking a Category 2 audit’s recommendations"));
  if (g_str_equal (name, "category3_working_days"))
    return g_strdup (_("Checking a Category 3 audit’s recommendations"));
  if (g_str_equal (name, "manager_response_working_days"))
    return g_strdup (_("Manager’s response"));
  if (g_str_equal (name, "urgent_action_working_days"))
    return g_strdup (_("Urgent actions"));
  if (g_str_equal (name, "action_days"))
    return g_strdup (_("Other actions"));
  return g_strdup (name);
}

static char *
describe_deadline_value (const char *name,
                         int         value)
{
  if (g_str_equal (name, "category1_hours"))
    return g_strdup_printf (g_dngettext (NULL, "%d hour after submission",
                                         "%d hours after submission", value), value);
  if (g_str_equal (name, "action_days"))
    return g_strdup_printf (g_dngettext (NULL, "%d day", "%d days", value), value);
  return g_strdup_printf (g_dngettext (NULL, "%d working day", "%d working days", value), value);
}

/* Stores at once a number still resting before it is saved: the window is closing. */
void
ca_deadlines_page_flush (CaDeadlinesPage *self)
{
  g_return_if_fail (CA_IS_DEADLINES_PAGE (self));

  if (self->save_id != 0)
    save_deadlines (self);
}

/* The name of the number NAME, or NULL when there is no such number. */
char *
ca_deadlines_page_number_title (CaDeadlinesPage *self,
                                const char      *name)
{
  g_return_val_if_fail (CA_IS_DEADLINES_PAGE (self), NULL);

  if (deadline_spin_named (self, name) == NULL)
    return NULL;
  return describe_deadline (name);
}

/* What the conflict dialog says of NAME: the number, this page's version and OTHER. */
gboolean
ca_deadlines_page_describe_choice (CaDeadlinesPage  *self,
                                   const char       *name,
                                   int               other,
                                   char            **field,
                                   char            **this_text,
                                   char            **other_text)
{
  GtkSpinButton *spin;

  g_return_val_if_fail (CA_IS_DEADLINES_PAGE (self), FALSE);

  if ((spin = deadline_spin_named (self, name)) == NULL)
    return FALSE;
  *field = describe_deadline (name);
  *this_text = describe_deadline_value (name, gtk_spin_button_get_value_as_int (spin));
  *other_text = describe_deadline_value (name, other);
  return TRUE;
}

/* The person chose between this page's number NAME and OTHER, the stored one. OTHER becomes
 * the number last seen stored: keeping this page's number then writes it, using the other
 * shows it and writes nothing. */
void
ca_deadlines_page_resolve (CaDeadlinesPage *self,
                           const char      *name,
                           int              other,
                           gboolean         keep_this)
{
  GtkSpinButton *spin;

  g_return_if_fail (CA_IS_DEADLINES_PAGE (self));

  if ((spin = deadline_spin_named (self, name)) == NULL)
    return;
  ca_settings_store_set_deadline (&self->deadlines_base, name, (guint) other);
  if (keep_this)
    save_deadlines (self);
  else
    ca_preferences_show_number (spin, (guint) other, &self->loading);
}

/* You --------------------------------------------------------------------------------- */

static void
staff_ref_applied_cb (CaDeadlinesPage *self)
{
  g_autofree char *staff_ref = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->staff_ref_row)));

  g_settings_set_string (self->settings, "staff-ref", g_strstrip (staff_ref));
}

/* The page ---------------------------------------------------------------------------- */

static void
ca_deadlines_page_dispose (GObject *object)
{
  CaDeadlinesPage *self = CA_DEADLINES_PAGE (object);

  g_clear_handle_id (&self->save_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_DEADLINES_PAGE);
  g_clear_object (&self->database);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ca_deadlines_page_parent_class)->dispose (object);
}

static void
ca_deadlines_page_class_init (CaDeadlinesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_deadlines_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-deadlines-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaDeadlinesPage, category1_hours);
  gtk_widget_class_bind_template_child (widget_class, CaDeadlinesPage, category2_working_days);
  gtk_widget_class_bind_template_child (widget_class, CaDeadlinesPage, category3_working_days);
  gtk_widget_class_bind_template_child (widget_class, CaDeadlinesPage,
                                        manager_response_working_days);
  gtk_widget_class_bind_template_child (widget_class, CaDeadlinesPage,
                                        urgent_action_working_days);
  gtk_widget_class_bind_template_child (widget_class, CaDeadlinesPage, action_days);
  gtk_widget_class_bind_template_child (widget_class, CaDeadlinesPage, staff_ref_row);
  gtk_widget_class_bind_template_callback (widget_class, staff_ref_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, deadline_changed_cb);

  gtk_widget_class_install_action (widget_class, "prefs.reset-deadlines", NULL,
                                   reset_deadlines_action);
}

static void
ca_deadlines_page_init (CaDeadlinesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ca_deadline_rules_init_defaults (&self->deadlines_base);
}

void
ca_deadlines_page_set_context (CaDeadlinesPage *self,
                               CaContext        *context)
{
  CaDatabase *database = context != NULL ? ca_context_get_database (context) : NULL;

  g_return_if_fail (CA_IS_DEADLINES_PAGE (self));
  g_return_if_fail (context == NULL || CA_IS_CONTEXT (context));

  if (context != NULL &&
      g_set_object (&self->settings, ca_context_get_settings (context)))
    {
      g_autofree char *staff_ref = g_settings_get_string (self->settings, "staff-ref");

      gtk_editable_set_text (GTK_EDITABLE (self->staff_ref_row), staff_ref);
    }

  if (g_set_object (&self->database, database) && database != NULL)
    load_deadlines (self);
}
