// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences: the deadline numbers (R-F8), auditors' audits a month (R-A3), the bank holidays (R-G1) and the audit tools (R-E3).
//
// Another copy of Case Audit may have Preferences open on the same file (R-N2). The numbers
// are saved as the changes this window made since it last saw them stored, merged number by
// number, and the window then shows what is stored; a number both changed differently is put
// to the person with the conflict dialog. A bank holiday another copy already added or
// removed is said to be so, and the list shows it.

#define G_LOG_DOMAIN "ca-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ca-bank-holidays.h"
#include "ca-capacity-store.h"
#include "ca-conflict-dialog.h"
#include "ca-holiday-store.h"
#include "ca-import-mappings-page.h"
#include "ca-input-file.h"
#include "ca-preferences-window.h"
#include "ca-settings-store.h"
#include "ca-settings.h"
#include "ca-toast.h"
#include "ca-tool-file.h"
#include "ca-tool-store.h"
#include "core/ca-date.h"

/* How long a number may rest before it is stored: one row of history per change, not one per
 * click of the arrows. Closing the window stores at once. */
#define SAVE_DELAY_MS 700

struct _CaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  CaDatabase           *database;
  guint                 save_id;
  gboolean              loading;

  GtkSpinButton        *category1_hours;
  GtkSpinButton        *category2_working_days;
  GtkSpinButton        *category3_working_days;
  GtkSpinButton        *manager_response_working_days;
  GtkSpinButton        *urgent_action_working_days;
  GtkSpinButton        *action_days;

  GtkSpinButton        *year_spin;
  AdwPreferencesGroup  *holidays_group;
  GtkListBox           *holidays_list;
  AdwEntryRow          *new_date_row;
  AdwEntryRow          *new_title_row;
  GtkLabel             *new_holiday_error;

  GtkListBox           *tools_list;

  AdwPreferencesGroup  *auditors_group;
  GPtrArray            *capacity_spins;  /* (element-type GtkSpinButton) one per role */
  guint                 capacity_save_id;

  CaDeadlineRules       deadlines_base;  /* the numbers as last seen stored: what this
                                          * window's changes are measured from */
  GHashTable           *shown_holidays;  /* Julian days of the holidays listed */
  GQueue                choices;         /* of Choice: numbers with two versions to ask about */
  GtkWidget            *choice_dialog;
  GHashTable           *deferred;        /* Choice key → the other number, for "Later" */
  gboolean              closing;         /* the last questions are asked before closing */
  gboolean              disposed;        /* too late to ask anything */

  GSettings            *settings;
  AdwEntryRow          *staff_ref_row;

  CaImportMappingsPage *import_mappings_page;
};

G_DEFINE_FINAL_TYPE (CaPreferencesWindow, ca_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A number changed here and, differently, in another copy: OTHER is the stored one. */
typedef enum
{
  CHOICE_DEADLINE,  /* KEY: a name of ca_settings_store_deadline_names() */
  CHOICE_CAPACITY,  /* KEY: a role's code */
} ChoiceKind;

typedef struct
{
  ChoiceKind  kind;
  char       *key;
  int         other;
} Choice;

static void
choice_free (Choice *choice)
{
  g_free (choice->key);
  g_free (choice);
}

static void offer_choice (CaPreferencesWindow *self, ChoiceKind kind, const char *key, int other);
static gboolean choice_pending (CaPreferencesWindow *self, ChoiceKind kind, const char *key);
static void ask_next_choice (CaPreferencesWindow *self);

static void
show_refusal (CaPreferencesWindow *self,
              const char          *heading,
              const char          *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkFileChooserNative *
new_chooser (CaPreferencesWindow  *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept_label,
             const char           *filter_name)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept_label,
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (json, filter_name);
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), json);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  return dialog;
}

/* The chosen file's path, or NULL when the dialog was cancelled. */
static char *
chosen_path (GtkNativeDialog *dialog,
             int              response)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  return file != NULL ? g_file_get_path (file) : NULL;
}

static void
finish_chooser (GtkNativeDialog     *dialog,
                CaPreferencesWindow *self)
{
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

/* Deadlines ---------------------------------------------------------------------------- */

static GtkSpinButton **
deadline_spin (CaPreferencesWindow *self,
               CaDeadlineRules     *rules,
               guint              **field,
               guint                i)
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

#define N_DEADLINES 6

/* The deadline numbers by name, in the order of ca_settings_store_deadline_names(). */
static GtkSpinButton *
deadline_spin_named (CaPreferencesWindow *self,
                     const char          *name)
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

static void
show_number (CaPreferencesWindow *self,
             GtkSpinButton       *spin,
             guint                value)
{
  self->loading = TRUE;
  gtk_spin_button_set_value (spin, value);
  self->loading = FALSE;
}

/* Shows STORED (what is stored now) and measures the next changes from it, except for a
 * number waiting for a choice: it keeps this window's number, and its old base so that
 * the next save still finds the conflict. */
static void
show_stored_rules (CaPreferencesWindow   *self,
                   const CaDeadlineRules *stored)
{
  const char * const *names = ca_settings_store_deadline_names ();
  CaDeadlineRules base = *stored;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (choice_pending (self, CHOICE_DEADLINE, names[i]))
        ca_settings_store_set_deadline (&base, names[i],
                                        ca_settings_store_get_deadline (&self->deadlines_base,
                                                                        names[i]));
      else
        show_number (self, deadline_spin_named (self, names[i]),
                     ca_settings_store_get_deadline (stored, names[i]));
    }
  self->deadlines_base = base;
}

static void
show_rules (CaPreferencesWindow   *self,
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
load_deadlines (CaPreferencesWindow *self)
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

static void
save_deadlines (CaPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) conflicts = NULL;
  CaDeadlineRules rules, stored;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->database == NULL)
    return;

  for (guint i = 0; i < N_DEADLINES; i++)
    {
      guint *field;
      GtkSpinButton **spin = deadline_spin (self, &rules, &field, i);

      /* A number typed but not yet confirmed counts too. */
      gtk_spin_button_update (*spin);
      *field = (guint) gtk_spin_button_get_value_as_int (*spin);
    }

  if (!ca_settings_store_save_deadline_rules_since (self->database, &self->deadlines_base,
                                                    &rules, &stored, &conflicts, &error))
    {
      /* Show what is stored, not what could not be. */
      ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_SHORT);
      load_deadlines (self);
      return;
    }
  for (guint i = 0; conflicts[i] != NULL; i++)
    offer_choice (self, CHOICE_DEADLINE, conflicts[i],
                  (int) ca_settings_store_get_deadline (&stored, conflicts[i]));
  show_stored_rules (self, &stored);
  ask_next_choice (self);
}

static gboolean
save_deadlines_cb (gpointer data)
{
  CaPreferencesWindow *self = data;

  self->save_id = 0;
  save_deadlines (self);
  return G_SOURCE_REMOVE;
}

static void
deadline_changed_cb (CaPreferencesWindow *self)
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
  CaPreferencesWindow *self = CA_PREFERENCES_WINDOW (widget);
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

/* Bank holidays ------------------------------------------------------------------------ */

static const char *
describe_source (CaHolidaySource source)
{
  switch (source)
    {
    case CA_HOLIDAY_SOURCE_RULES:
      return _("Worked out by the usual rules: no list covers this year.");
    case CA_HOLIDAY_SOURCE_SHIPPED:
      return _("From the official list that comes with Case Audit.");
    case CA_HOLIDAY_SOURCE_IMPORTED:
      return _("Imported from the official bank holidays file.");
    case CA_HOLIDAY_SOURCE_EDITED:
      return _("Changed by hand in this database.");
    default:
      return "";
    }
}

static char *
format_day (const GDate *date)
{
  char buffer[128];

  if (g_date_strftime (buffer, sizeof buffer, "%A %-d %B %Y", date) == 0)
    return ca_date_format (date);
  return g_strdup (buffer);
}

static gboolean
is_weekend (const GDate *date)
{
  return g_date_get_weekday (date) >= G_DATE_SATURDAY;
}

static void remove_holiday_cb (GtkButton *button, CaPreferencesWindow *self);

static GtkWidget *
holiday_row_new (CaPreferencesWindow *self,
                 const CaHoliday     *holiday)
{
  g_autofree char *day = format_day (&holiday->date);
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), day);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), day);
  if (is_weekend (&holiday->date))
    {
      g_autofree char *subtitle = g_strdup_printf (_("%s (at a weekend: no working day "
                                                     "changes)"), holiday->title);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), holiday->title);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  g_object_set_data (G_OBJECT (remove), "julian",
                     GUINT_TO_POINTER (g_date_get_julian (&holiday->date)));
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_holiday_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
load_holidays (CaPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) holidays = NULL;
  g_autofree char *title = NULL;
  GDateYear year = (GDateYear) gtk_spin_button_get_value_as_int (self->year_spin);
  CaHolidaySource source = CA_HOLIDAY_SOURCE_RULES;

  clear_list (self->holidays_list);
  g_hash_table_remove_all (self->shown_holidays);
  /* Translators: the heading of the list of one year's bank holidays */
  title = g_strdup_printf (_("Bank Holidays in %u"), (guint) year);
  adw_preferences_group_set_title (self->holidays_group, title);

  holidays = ca_holiday_store_list_year (self->database, year, &source, &error);
  if (holidays == NULL)
    {
      adw_preferences_group_set_description (self->holidays_group, error->message);
      return;
    }
  adw_preferences_group_set_description (self->holidays_group, describe_source (source));
  for (guint i = 0; i < holidays->len; i++)
    {
      const CaHoliday *holiday = &g_array_index (holidays, CaHoliday, i);

      gtk_list_box_append (self->holidays_list, holiday_row_new (self, holiday));
      g_hash_table_add (self->shown_holidays,
                        GUINT_TO_POINTER (g_date_get_julian (&holiday->date)));
    }
  if (holidays->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No bank holidays"));
      gtk_list_box_append (self->holidays_list, row);
    }
}

static void
year_changed_cb (CaPreferencesWindow *self)
{
  if (self->database != NULL)
    load_holidays (self);
}

static void
show_holiday_problem (CaPreferencesWindow *self,
                      const char          *message)
{
  gtk_label_set_text (self->new_holiday_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->new_holiday_error), message != NULL);
}

static void
new_holiday_changed_cb (CaPreferencesWindow *self)
{
  show_holiday_problem (self, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->new_date_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->new_title_row), "error");
}

static void
add_holiday_cb (CaPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *day = NULL;
  g_autofree char *message = NULL;
  const char *date_text = gtk_editable_get_text (GTK_EDITABLE (self->new_date_row));
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->new_title_row));
  GDate date;

  if (!ca_holiday_store_parse_day (date_text, &date, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->new_date_row), "error");
      show_holiday_problem (self, error->message);
      return;
    }
  day = format_day (&date);
  if (!ca_holiday_store_add_day (self->database, date_text, title, &error))
    {
      gboolean listed = g_hash_table_contains (self->shown_holidays,
                                               GUINT_TO_POINTER (g_date_get_julian (&date))) &&
                        gtk_spin_button_get_value_as_int (self->year_spin) ==
                        (int) g_date_get_year (&date);

      /* Not in the list this window showed: another copy has just added it. What was asked
       * for is done, so it is said plainly and the list shows it. */
      if (g_error_matches (error, CA_HOLIDAY_STORE_ERROR, CA_HOLIDAY_STORE_ERROR_EXISTS) &&
          !listed)
        message = g_strdup_printf (_("%s had already been made a bank holiday, perhaps in "
                                     "another window."), day);
      else
        {
          if (g_error_matches (error, CA_HOLIDAY_STORE_ERROR, CA_HOLIDAY_STORE_ERROR_INVALID))
            gtk_widget_add_css_class (GTK_WIDGET (self->new_title_row), "error");
          show_holiday_problem (self, error->message);
          return;
        }
    }
  else if (is_weekend (&date))
    message = g_strdup_printf (_("%s added. It is at a weekend, so no working day changes."),
                               day);
  else
    message = g_strdup_printf (_("%s added as a bank holiday."), day);
  ca_toast_show_text (GTK_WIDGET (self), message, CA_TOAST_SHORT);

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->new_date_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_title_row), "");
  self->loading = FALSE;
  show_holiday_problem (self, NULL);
  if (gtk_spin_button_get_value_as_int (self->year_spin) != (int) g_date_get_year (&date))
    gtk_spin_button_set_value (self->year_spin, g_date_get_year (&date));
  else
    load_holidays (self);
}

static void
remove_holiday_cb (GtkButton           *button,
                   CaPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *day = NULL;
  g_autofree char *message = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "julian")));
  day = format_day (&date);
  if (!ca_holiday_store_remove_day (self->database, &date, &error))
    {
      /* The list showed it, so another copy has removed it since. */
      if (g_error_matches (error, CA_HOLIDAY_STORE_ERROR, CA_HOLIDAY_STORE_ERROR_NOT_FOUND))
        {
          message = g_strdup_printf (_("%s had already been removed, perhaps in another "
                                       "window."), day);
          ca_toast_show_text (GTK_WIDGET (self), message, CA_TOAST_SHORT);
          load_holidays (self);
        }
      else
        ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_SHORT);
      return;
    }
  message = g_strdup_printf (_("%s is no longer a bank holiday."), day);
  ca_toast_show_text (GTK_WIDGET (self), message, CA_TOAST_SHORT);
  load_holidays (self);
}

static void
holidays_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CaPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaHolidayCalendar) file = NULL;
  g_autoptr(GArray) years = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (source));
  g_autofree char *body = NULL;
  g_autofree char *message = NULL;
  const char *data = NULL;
  gsize length = 0;
  guint first, last;

  /* Read first, as “case-audit import bank-holidays” does, to say which years it holds. */
  contents = ca_input_file_read_finish (result, &error);
  if (self->database == NULL)
    return;
  if (contents != NULL)
    {
      data = g_bytes_get_data (contents, &length);
      if (data == NULL)
        data = "";
      file = ca_bank_holidays_parse (data, (gssize) length, &error);
    }
  if (file == NULL)
    {
      body = g_strdup_printf ("%s: %s", name, error->message);
      show_refusal (self, _("These Bank Holidays Cannot Be Imported"), body);
      return;
    }
  years = ca_holiday_calendar_get_table_years (file);
  if (years->len == 0)
    {
      body = g_strdup_printf (_("%s lists no bank holidays, so there is nothing to import."),
                              name);
      show_refusal (self, _("These Bank Holidays Cannot Be Imported"), body);
      return;
    }
  if (!ca_holiday_store_import_json (self->database, data, length, NULL, &error))
    {
      ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_SHORT);
      return;
    }

  first = g_array_index (years, GDateYear, 0);
  last = g_array_index (years, GDateYear, years->len - 1);
  if (first == last)
    message = g_strdup_printf (_("Imported bank holidays for %u."), first);
  else
    /* Translators: a range of years, "Imported bank holidays for 2025–2027." */
    message = g_strdup_printf (_("Imported bank holidays for %u–%u."), first, last);
  ca_toast_show_text (GTK_WIDGET (self), message, CA_TOAST_SHORT);
  load_holidays (self);
}

static void
holidays_file_chosen_cb (GtkNativeDialog     *dialog,
                         int                  response,
                         CaPreferencesWindow *self)
{
  g_autofree char *path = chosen_path (dialog, response);

  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      /* Bounded, and read asynchronously: a pipe that stays silent never freezes the window. */
      ca_input_file_read_async (file, CA_BANK_HOLIDAYS_MAX_FILE_SIZE, CA_INPUT_FILE_WAIT_SECONDS,
                                NULL, holidays_loaded_cb, g_object_ref (self));
    }
  finish_chooser (dialog, self);
}

static void
import_holidays_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CaPreferencesWindow *self = CA_PREFERENCES_WINDOW (widget);
  GtkFileChooserNative *dialog;

  dialog = new_chooser (self, _("Import Bank Holidays"), GTK_FILE_CHOOSER_ACTION_OPEN,
                        _("_Import"), _("Bank holidays (JSON)"));
  g_signal_connect (dialog, "response", G_CALLBACK (holidays_file_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Audit tools -------------------------------------------------------------------------- */

static void export_tool_cb (GtkButton *button, CaPreferencesWindow *self);

static GtkWidget *
tool_row_new (CaPreferencesWindow *self,
              const CaToolSummary *tool)
{
  /* Translators: under a tool's name: its code and the version in use, "stage-1 · version 2" */
  g_autofree char *subtitle = g_strdup_printf (_("%s · version %d"), tool->code,
                                               tool->latest_version);
  g_autofree char *export_label = g_strdup_printf (_("Export %s"), tool->name);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *export = gtk_button_new_with_label (_("Export…"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tool->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (export, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (export, export_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (export), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  export_label, -1);
  g_object_set_data_full (G_OBJECT (export), "code", g_strdup (tool->code), g_free);
  g_signal_connect_object (export, "clicked", G_CALLBACK (export_tool_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), export);
  return row;
}

static void
load_tools (CaPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tools = NULL;

  clear_list (self->tools_list);
  tools = ca_tool_store_list (self->database, &error);
  if (tools == NULL)
    {
      ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_SHORT);
      return;
    }
  for (guint i = 0; i < tools->len; i++)
    gtk_list_box_append (self->tools_list, tool_row_new (self, tools->pdata[i]));
}

static void
tool_export_chosen_cb (GtkNativeDialog     *dialog,
                       int                  response,
                       CaPreferencesWindow *self)
{
  g_autofree char *path = chosen_path (dialog, response);

  if (path != NULL && self->database != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CaToolDefinition) def = NULL;
      const char *code = g_object_get_data (G_OBJECT (dialog), "code");

      /* GTK 4.8's chooser has asked before replacing a file; a folder, device or FIFO is
       * still refused, in the toast below. */
      def = ca_tool_store_export (self->database, code, 0, path, CA_OUTPUT_FILE_REPLACE, &error);
      if (def == NULL)
        ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_SHORT);
      else
        {
          g_autofree char *message = g_strdup_printf (_("Exported “%s” version %d."), def->name,
                                                      def->version);

          ca_toast_show_text (GTK_WIDGET (self), message, CA_TOAST_SHORT);
        }
    }
  finish_chooser (dialog, self);
}

static void
export_tool_cb (GtkButton           *button,
                CaPreferencesWindow *self)
{
  const char *code = g_object_get_data (G_OBJECT (button), "code");
  g_autofree char *name = g_strdup_printf ("%s.json", code);
  GtkFileChooserNative *dialog;

  dialog = new_chooser (self, _("Export Audit Tool"), GTK_FILE_CHOOSER_ACTION_SAVE,
                        _("_Export"), _("Audit tools (JSON)"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data_full (G_OBJECT (dialog), "code", g_strdup (code), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (tool_export_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
tool_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CaPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(CaToolDefinition) def = NULL;
  g_autofree char *message = NULL;
  const char *path = g_file_peek_path (G_FILE (source));
  gboolean changed = FALSE;
  int version = 0;

  /* As “case-audit import tool FILE” does (ca_tool_file_read()), with the file read
   * asynchronously. */
  contents = ca_input_file_read_finish (result, &error);
  if (self->database == NULL)
    return;
  if (contents != NULL)
    {
      gsize length = 0;
      const char *data = g_bytes_get_data (contents, &length);

      def = ca_tool_file_parse (data, length, &error);
      if (def == NULL)
        g_prefix_error (&error, "%s: ", path);
    }
  if (def == NULL ||
      ca_tool_store_import_read (self->database, def, path, &version, &changed, &error) == 0)
    {
      show_refusal (self, _("This Audit Tool Cannot Be Imported"), error->message);
      return;
    }

  if (changed)
    message = g_strdup_printf (_("Imported “%s” as version %d."), def->name, version);
  else
    message = g_strdup_printf (_("“%s” is unchanged (version %d)."), def->name, version);
  ca_toast_show_text (GTK_WIDGET (self), message, CA_TOAST_SHORT);
  load_tools (self);
}

static void
tool_import_chosen_cb (GtkNativeDialog     *dialog,
                       int                  response,
                       CaPreferencesWindow *self)
{
  g_autofree char *path = chosen_path (dialog, response);

  if (path != NULL && self->database != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      /* Bounded, and read asynchronously: a pipe that stays silent never freezes the window. */
      ca_input_file_read_async (file, CA_TOOL_FILE_MAX_SIZE, CA_INPUT_FILE_WAIT_SECONDS, NULL,
                                tool_loaded_cb, g_object_ref (self));
    }
  finish_chooser (dialog, self);
}

static void
import_tool_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CaPreferencesWindow *self = CA_PREFERENCES_WINDOW (widget);
  GtkFileChooserNative *dialog;

  dialog = new_chooser (self, _("Import Audit Tool"), GTK_FILE_CHOOSER_ACTION_OPEN,
                        _("_Import"), _("Audit tools (JSON)"));
  g_signal_connect (dialog, "response", G_CALLBACK (tool_import_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}


/* Auditors ------------------------------------------------------------------------------ */

/* The role code a spin button stands for, the role's name, the number last seen stored for
 * it, and whether it waits to be stored. */
#define ROLE_CODE_KEY "ca-role-code"
#define ROLE_NAME_KEY "ca-role-name"
#define SHOWN_KEY "ca-shown"
#define DIRTY_KEY "ca-dirty"

static GtkSpinButton *
capacity_spin (CaPreferencesWindow *self,
               const char          *code)
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
refresh_capacities (CaPreferencesWindow *self)
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
          choice_pending (self, CHOICE_CAPACITY, code))
        continue;
      show_number (self, spin, ca_role_capacity_get_capacity (role));
      set_shown (spin, (int) ca_role_capacity_get_capacity (role));
    }
}

static void
save_capacities (CaPreferencesWindow *self)
{
  g_clear_handle_id (&self->capacity_save_id, g_source_remove);
  for (guint i = 0; i < self->capacity_spins->len; i++)
    {
      GtkSpinButton *spin = g_ptr_array_index (self->capacity_spins, i);
      const char *code = g_object_get_data (G_OBJECT (spin), ROLE_CODE_KEY);
      g_autoptr(GError) error = NULL;
      int stored = 0;

      if (!g_object_get_data (G_OBJECT (spin), DIRTY_KEY))
        continue;
      g_object_set_data (G_OBJECT (spin), DIRTY_KEY, NULL);
      /* A number typed but not yet confirmed counts too; taking it is no new change. */
      self->loading = TRUE;
      gtk_spin_button_update (spin);
      self->loading = FALSE;
      if (ca_capacity_store_set_role (self->database, code,
                                      GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spin),
                                                                          SHOWN_KEY)),
                                      (guint) gtk_spin_button_get_value_as_int (spin), &stored,
                                      &error))
        set_shown (spin, stored);
      else if (g_error_matches (error, CA_CAPACITY_STORE_ERROR, CA_CAPACITY_STORE_ERROR_CHANGED))
        offer_choice (self, CHOICE_CAPACITY, code, stored);
      else
        {
          g_autofree char *message = g_strdup_printf (_("The audits a month were not saved: %s"),
                                                      error->message);

          ca_toast_show_text (GTK_WIDGET (self), message, CA_TOAST_SHORT);
        }
    }
  refresh_capacities (self);
  ask_next_choice (self);
}

static gboolean
save_capacities_cb (gpointer data)
{
  CaPreferencesWindow *self = data;

  self->capacity_save_id = 0;
  save_capacities (self);
  return G_SOURCE_REMOVE;
}

static void
capacity_changed_cb (GtkSpinButton       *spin,
                     CaPreferencesWindow *self)
{
  if (self->loading)
    return;
  g_object_set_data (G_OBJECT (spin), DIRTY_KEY, GINT_TO_POINTER (TRUE));
  g_clear_handle_id (&self->capacity_save_id, g_source_remove);
  self->capacity_save_id = g_timeout_add (SAVE_DELAY_MS, save_capacities_cb, self);
}

static void
load_capacities (CaPreferencesWindow *self)
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

/* Two versions of a number (R-N2) ------------------------------------------------------ */

static char *
choice_key (ChoiceKind  kind,
            const char *key)
{
  return g_strdup_printf ("%d:%s", kind, key);
}

static Choice *
find_choice (CaPreferencesWindow *self,
             ChoiceKind           kind,
             const char          *key)
{
  for (GList *l = self->choices.head; l != NULL; l = l->next)
    {
      Choice *choice = l->data;

      if (choice->kind == kind && g_str_equal (choice->key, key))
        return choice;
    }
  return NULL;
}

/* Whether the number KEY waits for the person to choose between two versions. */
static gboolean
choice_pending (CaPreferencesWindow *self,
                ChoiceKind           kind,
                const char          *key)
{
  g_autofree char *id = choice_key (kind, key);

  return find_choice (self, kind, key) != NULL || g_hash_table_contains (self->deferred, id);
}

/* Queues a question about KEY, unless the same one is asked already or the person said
 * "Later" to this very version. */
static void
offer_choice (CaPreferencesWindow *self,
              ChoiceKind           kind,
              const char          *key,
              int                  other)
{
  g_autofree char *id = choice_key (kind, key);
  gpointer deferred_other;
  Choice *choice = find_choice (self, kind, key);

  if (choice != NULL)
    {
      choice->other = other;
      return;
    }
  if (g_hash_table_lookup_extended (self->deferred, id, NULL, &deferred_other) &&
      GPOINTER_TO_INT (deferred_other) == other)
    return;
  g_hash_table_remove (self->deferred, id);
  choice = g_new0 (Choice, 1);
  choice->kind = kind;
  choice->key = g_strdup (key);
  choice->other = other;
  g_queue_push_tail (&self->choices, choice);
}

static GtkSpinButton *
choice_spin (CaPreferencesWindow *self,
             const Choice        *choice)
{
  if (choice->kind == CHOICE_DEADLINE)
    return deadline_spin_named (self, choice->key);
  return capacity_spin (self, choice->key);
}

static void
choice_response_cb (AdwMessageDialog    *dialog,
                    const char          *response,
                    CaPreferencesWindow *self)
{
  Choice *choice = g_queue_pop_head (&self->choices);
  GtkSpinButton *spin;
  gboolean save = FALSE;

  self->choice_dialog = NULL;
  if (choice == NULL)
    return;
  spin = choice_spin (self, choice);

  /* The number last seen stored becomes the other version: keeping this window's number
   * then writes it, using the other shows it and writes nothing. */
  if (spin != NULL && (g_str_equal (response, CA_CONFLICT_KEEP_THIS) ||
                       g_str_equal (response, CA_CONFLICT_USE_OTHER)))
    {
      if (choice->kind == CHOICE_DEADLINE)
        ca_settings_store_set_deadline (&self->deadlines_base, choice->key,
                                        (guint) choice->other);
      else
        set_shown (spin, choice->other);
      if (g_str_equal (response, CA_CONFLICT_USE_OTHER))
        show_number (self, spin, (guint) choice->other);
      else if (choice->kind == CHOICE_CAPACITY)
        g_object_set_data (G_OBJECT (spin), DIRTY_KEY, GINT_TO_POINTER (TRUE));
      save = g_str_equal (response, CA_CONFLICT_KEEP_THIS);
    }
  else if (spin != NULL && !self->closing)
    {
      g_autofree char *field = choice->kind == CHOICE_DEADLINE
        ? describe_deadline (choice->key)
        : g_strdup (g_object_get_data (G_OBJECT (spin), ROLE_NAME_KEY));
      g_autofree char *message = NULL;

      /* Asked again when the window closes: until then this window's number stays shown. */
      g_hash_table_insert (self->deferred, choice_key (choice->kind, choice->key),
                           GINT_TO_POINTER (choice->other));
      message = g_strdup_printf (_("Your number for “%s” is not saved yet: the other one stays "
                                   "until you choose. You will be asked again when you close "
                                   "Preferences."), field);
      ca_toast_show_text (GTK_WIDGET (self), message, CA_TOAST_SHORT);
    }
  /* "Later" while closing: the stored number stays, as the person has twice chosen. */

  if (save && choice->kind == CHOICE_DEADLINE)
    save_deadlines (self);
  else if (save)
    save_capacities (self);
  choice_free (choice);

  if (!g_queue_is_empty (&self->choices))
    ask_next_choice (self);
  else if (self->closing)
    gtk_window_close (GTK_WINDOW (self));
}

/* Asks about the first number waiting for a choice, unless a question is already open. */
static void
ask_next_choice (CaPreferencesWindow *self)
{
  const Choice *choice = g_queue_peek_head (&self->choices);
  GtkSpinButton *spin;
  g_autofree char *field = NULL;
  g_autofree char *this_text = NULL;
  g_autofree char *other_text = NULL;
  int mine;

  if (choice == NULL || self->choice_dialog != NULL || self->disposed)
    return;
  spin = choice_spin (self, choice);
  if (spin == NULL)
    {
      choice_free (g_queue_pop_head (&self->choices));
      ask_next_choice (self);
      return;
    }

  mine = gtk_spin_button_get_value_as_int (spin);
  if (choice->kind == CHOICE_DEADLINE)
    {
      field = describe_deadline (choice->key);
      this_text = describe_deadline_value (choice->key, mine);
      other_text = describe_deadline_value (choice->key, choice->other);
    }
  else
    {
      /* Translators: a role's audits a month, "Team Manager: audits a month" */
      field = g_strdup_printf (_("%s: audits a month"),
                               (const char *) g_object_get_data (G_OBJECT (spin),
                                                                 ROLE_NAME_KEY));
      this_text = g_strdup_printf (g_dngettext (NULL, "%d a month", "%d a month", mine), mine);
      other_text = g_strdup_printf (g_dngettext (NULL, "%d a month", "%d a month",
                                                 choice->other), choice->other);
    }
  self->choice_dialog = ca_conflict_dialog_new (GTK_WINDOW (self), field, this_text,
                                                other_text, NULL);
  g_signal_connect_object (self->choice_dialog, "response", G_CALLBACK (choice_response_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (self->choice_dialog));
}

/* The window --------------------------------------------------------------------------- */

static gboolean
ca_preferences_window_close_request (GtkWindow *window)
{
  CaPreferencesWindow *self = CA_PREFERENCES_WINDOW (window);

  if (self->save_id != 0)
    save_deadlines (self);
  if (self->capacity_save_id != 0)
    save_capacities (self);

  /* A number that waits for a choice is asked about once more, rather than dropped. */
  if (!self->closing)
    {
      GHashTableIter iter;
      gpointer key, value;

      self->closing = TRUE;
      g_hash_table_iter_init (&iter, self->deferred);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Choice *choice = g_new0 (Choice, 1);
          const char *colon = strchr (key, ':');

          choice->kind = (ChoiceKind) g_ascii_strtoll (key, NULL, 10);
          choice->key = g_strdup (colon != NULL ? colon + 1 : "");
          choice->other = GPOINTER_TO_INT (value);
          g_queue_push_tail (&self->choices, choice);
        }
      g_hash_table_remove_all (self->deferred);
    }
  if (!g_queue_is_empty (&self->choices) || self->choice_dialog != NULL)
    {
      ask_next_choice (self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (ca_preferences_window_parent_class)->close_request (window);
}

static void
ca_preferences_window_constructed (GObject *object)
{
  CaPreferencesWindow *self = CA_PREFERENCES_WINDOW (object);
  g_autoptr(GDateTime) now = g_date_time_new_now (ca_deadline_get_time_zone ());

  G_OBJECT_CLASS (ca_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (CA_IS_DATABASE (self->database));

  load_deadlines (self);
  load_capacities (self);
  self->loading = TRUE;
  gtk_spin_button_set_value (self->year_spin, g_date_time_get_year (now));
  self->loading = FALSE;
  load_holidays (self);
  load_tools (self);
  ca_import_mappings_page_set_database (self->import_mappings_page, self->database);
}

/* You --------------------------------------------------------------------------------- */

static void
staff_ref_applied_cb (CaPreferencesWindow *self)
{
  g_autofree char *staff_ref = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->staff_ref_row)));

  g_settings_set_string (self->settings, "staff-ref", g_strstrip (staff_ref));
}

static void
ca_preferences_window_dispose (GObject *object)
{
  CaPreferencesWindow *self = CA_PREFERENCES_WINDOW (object);

  self->disposed = TRUE;
  if (self->save_id != 0)
    save_deadlines (self);
  if (self->capacity_save_id != 0)
    save_capacities (self);
  if (self->choice_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->choice_dialog, self);
      gtk_window_destroy (GTK_WINDOW (self->choice_dialog));
      self->choice_dialog = NULL;
    }
  g_queue_clear_full (&self->choices, (GDestroyNotify) choice_free);
  g_clear_pointer (&self->deferred, g_hash_table_unref);
  g_clear_pointer (&self->shown_holidays, g_hash_table_unref);
  g_clear_pointer (&self->capacity_spins, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->database);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ca_preferences_window_parent_class)->dispose (object);
}

static void
ca_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CaPreferencesWindow *self = CA_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CaPreferencesWindow *self = CA_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_preferences_window_class_init (CaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ca_preferences_window_constructed;
  object_class->dispose = ca_preferences_window_dispose;
  object_class->set_property = ca_preferences_window_set_property;
  object_class->get_property = ca_preferences_window_get_property;
  window_class->close_request = ca_preferences_window_close_request;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, CA_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CA_TYPE_IMPORT_MAPPINGS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow, import_mappings_page);
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow, category1_hours);
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow,
                                        category2_working_days);
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow,
                                        category3_working_days);
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow,
                                        manager_response_working_days);
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow,
                                        urgent_action_working_days);
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow, action_days);
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow, year_spin);
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow, staff_ref_row);
  gtk_widget_class_bind_template_callback (widget_class, staff_ref_applied_cb);
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow, holidays_group);
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow, holidays_list);
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow, new_date_row);
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow, new_title_row);
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow, new_holiday_error);
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow, tools_list);
  gtk_widget_class_bind_template_child (widget_class, CaPreferencesWindow, auditors_group);
  gtk_widget_class_bind_template_callback (widget_class, deadline_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, year_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_holiday_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_holiday_cb);

  gtk_widget_class_install_action (widget_class, "prefs.reset-deadlines", NULL,
                                   reset_deadlines_action);
  gtk_widget_class_install_action (widget_class, "prefs.import-holidays", NULL,
                                   import_holidays_action);
  gtk_widget_class_install_action (widget_class, "prefs.import-tool", NULL, import_tool_action);
}

static void
ca_preferences_window_init (CaPreferencesWindow *self)
{
  g_autofree char *staff_ref = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->capacity_spins = g_ptr_array_new ();
  self->shown_holidays = g_hash_table_new (NULL, NULL);
  self->deferred = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->choices);
  ca_deadline_rules_init_defaults (&self->deadlines_base);

  self->settings = ca_settings_new ();
  staff_ref = g_settings_get_string (self->settings, "staff-ref");
  gtk_editable_set_text (GTK_EDITABLE (self->staff_ref_row), staff_ref);
}

/**
 * ca_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @database: the database whose preferences it shows and changes
 */
CaPreferencesWindow *
ca_preferences_window_new (GtkWindow  *parent,
                           CaDatabase *database)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);

  return g_object_new (CA_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "database", database,
                       NULL);
}
