// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences, Bank Holidays: one year's bank holidays (R-G1), to add, remove or import.
//
// Another copy of Case Audit may have Preferences open on the same file (R-N2): a bank
// holiday it already added or removed is said to be so, and the list shows it.

#define G_LOG_DOMAIN "ca-bank-holidays-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-bank-holidays-page.h"
#include "ca-bank-holidays.h"
#include "ca-deadlines.h"
#include "ca-holiday-store.h"
#include "ca-input-file.h"
#include "ca-preferences-files.h"
#include "ca-style.h"
#include "ca-toast.h"
#include "ca-view-write.h"
#include "core/ca-date.h"

struct _CaBankHolidaysPage
{
  AdwPreferencesPage   parent_instance;

  CaContext           *context;
  CaDatabase          *database;
  guint                reload_idle;     /* a change heard, listed once the main loop is idle */
  gboolean             loading;

  GtkSpinButton       *year_spin;
  AdwPreferencesGroup *holidays_group;
  GtkListBox          *holidays_list;
  AdwEntryRow         *new_date_row;
  AdwEntryRow         *new_title_row;
  GtkLabel            *new_holiday_error;
  GtkButton           *add_holiday_button;
  GtkButton           *import_holidays_button;

  GHashTable          *shown_holidays;  /* Julian days of the holidays listed */
};

G_DEFINE_FINAL_TYPE (CaBankHolidaysPage, ca_bank_holidays_page, ADW_TYPE_PREFERENCES_PAGE)


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

static void remove_holiday_cb (GtkButton *button, CaBankHolidaysPage *self);

static GtkWidget *
holiday_row_new (CaBankHolidaysPage  *self,
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
load_holidays (CaBankHolidaysPage  *self)
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
year_changed_cb (CaBankHolidaysPage  *self)
{
  if (self->database != NULL)
    load_holidays (self);
}

static void
show_holiday_problem (CaBankHolidaysPage  *self,
                      const char          *message)
{
  ca_style_show_message (self->new_holiday_error, message);
}

static void
new_holiday_changed_cb (CaBankHolidaysPage  *self)
{
  show_holiday_problem (self, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->new_date_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->new_title_row), "error");
}

/* A bank holiday to add or remove, or a file's to import, and what the view says after. */
typedef struct
{
  char     *date_text;
  char     *title;
  GDate     date;
  GBytes   *contents;
  GArray   *years;
} HolidayWrite;

static void
holiday_write_free (HolidayWrite *write)
{
  g_free (write->date_text);
  g_free (write->title);
  g_clear_pointer (&write->contents, g_bytes_unref);
  g_clear_pointer (&write->years, g_array_unref);
  g_free (write);
}

static gboolean
add_holiday_job (CaDatabase  *connection,
                 gpointer     data,
                 GError     **error)
{
  HolidayWrite *write = data;

  return ca_holiday_store_add_day (connection, write->date_text, write->title, error);
}

static void
holiday_added (GtkWidget    *owner,
               gpointer      data,
               const GError *error)
{
  CaBankHolidaysPage *self = CA_BANK_HOLIDAYS_PAGE (owner);
  HolidayWrite *write = data;
  const GDate *date = &write->date;
  g_autofree char *day = format_day (date);
  g_autofree char *message = NULL;

  if (self->database == NULL)
    return;  /* Preferences closed meanwhile */
  if (error != NULL)
    {
      gboolean listed = g_hash_table_contains (self->shown_holidays,
                                               GUINT_TO_POINTER (g_date_get_julian (date))) &&
                        gtk_spin_button_get_value_as_int (self->year_spin) ==
                        (int) g_date_get_year (date);

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
  else if (is_weekend (date))
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
  /* Added here, the database's change signal lists it; added by another copy, this lists
   * it now. Another year is shown by turning to it. */
  if (gtk_spin_button_get_value_as_int (self->year_spin) != (int) g_date_get_year (date))
    gtk_spin_button_set_value (self->year_spin, g_date_get_year (date));
  else if (error != NULL)
    load_holidays (self);
}

static void
add_holiday_cb (CaBankHolidaysPage  *self)
{
  g_autoptr(GError) error = NULL;
  HolidayWrite *write;
  GDate date;

  if (ca_view_write_is_busy (GTK_WIDGET (self)))
    return;
  if (!ca_holiday_store_parse_day (gtk_editable_get_text (GTK_EDITABLE (self->new_date_row)),
                                   &date, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->new_date_row), "error");
      show_holiday_problem (self, error->message);
      return;
    }
  write = g_new0 (HolidayWrite, 1);
  write->date_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_date_row)));
  write->title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_title_row)));
  write->date = date;
  ca_view_write (GTK_WIDGET (self), GTK_WIDGET (self->add_holiday_button), self->database,
                 add_holiday_job, write, (GDestroyNotify) holiday_write_free, holiday_added);
}

static gboolean
remove_holiday_job (CaDatabase  *connection,
                    gpointer     data,
                    GError     **error)
{
  HolidayWrite *write = data;

  return ca_holiday_store_remove_day (connection, &write->date, error);
}

static void
holiday_removed (GtkWidget    *owner,
                 gpointer      data,
                 const GError *error)
{
  CaBankHolidaysPage *self = CA_BANK_HOLIDAYS_PAGE (owner);
  HolidayWrite *write = data;
  g_autofree char *day = format_day (&write->date);
  g_autofree char *message = NULL;

  if (self->database == NULL)
    return;
  if (error != NULL)
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
  /* The database's change signal lists the year again. */
  message = g_strdup_printf (_("%s is no longer a bank holiday."), day);
  ca_toast_show_text (GTK_WIDGET (self), message, CA_TOAST_SHORT);
}

static void
remove_holiday_cb (GtkButton           *button,
                   CaBankHolidaysPage  *self)
{
  HolidayWrite *write = g_new0 (HolidayWrite, 1);

  g_date_clear (&write->date, 1);
  g_date_set_julian (&write->date,
                     GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "julian")));
  ca_view_write (GTK_WIDGET (self), GTK_WIDGET (button), self->database, remove_holiday_job,
                 write, (GDestroyNotify) holiday_write_free, holiday_removed);
}

static gboolean
import_holidays_job (CaDatabase  *connection,
                     gpointer     data,
                     GError     **error)
{
  HolidayWrite *write = data;
  gsize length = 0;
  const char *text = g_bytes_get_data (write->contents, &length);

  return ca_holiday_store_import_json (connection, text != NULL ? text : "", length, NULL,
                                       error);
}

static void
holidays_imported (GtkWidget    *owner,
                   gpointer      data,
                   const GError *error)
{
  CaBankHolidaysPage *self = CA_BANK_HOLIDAYS_PAGE (owner);
  HolidayWrite *write = data;
  g_autofree char *message = NULL;
  guint first, last;

  if (self->database == NULL)
    return;
  if (error != NULL)
    {
      ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_SHORT);
      return;
    }

  first = g_array_index (write->years, GDateYear, 0);
  last = g_array_index (write->years, GDateYear, write->years->len - 1);
  if (first == last)
    message = g_strdup_printf (_("Imported bank holidays for %u."), first);
  else
    /* Translators: a range of years, "Imported bank holidays for 2025–2027." */
    message = g_strdup_printf (_("Imported bank holidays for %u–%u."), first, last);
  /* The database's change signal lists the year again. */
  ca_toast_show_text (GTK_WIDGET (self), message, CA_TOAST_SHORT);
}

static void
holidays_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CaBankHolidaysPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaHolidayCalendar) file = NULL;
  g_autoptr(GArray) years = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (source));
  g_autofree char *body = NULL;
  const char *data = NULL;
  gsize length = 0;
  HolidayWrite *write;

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
      ca_preferences_show_refusal (GTK_WIDGET (self),
                                   _("These Bank Holidays Cannot Be Imported"), body);
      return;
    }
  years = ca_holiday_calendar_get_table_years (file);
  if (years->len == 0)
    {
      body = g_strdup_printf (_("%s lists no bank holidays, so there is nothing to import."),
                              name);
      ca_preferences_show_refusal (GTK_WIDGET (self),
                                   _("These Bank Holidays Cannot Be Imported"), body);
      return;
    }
  write = g_new0 (HolidayWrite, 1);
  write->contents = g_steal_pointer (&contents);
  write->years = g_steal_pointer (&years);
  ca_view_write (GTK_WIDGET (self), GTK_WIDGET (self->import_holidays_button), self->database,
                 import_holidays_job, write, (GDestroyNotify) holiday_write_free,
                 holidays_imported);
}

static void
import_holidays_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ca_preferences_import_file (widget, _("Import Bank Holidays"), _("Bank holidays (JSON)"),
                              CA_BANK_HOLIDAYS_MAX_FILE_SIZE, holidays_loaded_cb);
}

/* The page ---------------------------------------------------------------------------- */

static void
ca_bank_holidays_page_dispose (GObject *object)
{
  CaBankHolidaysPage *self = CA_BANK_HOLIDAYS_PAGE (object);

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->context);
  g_clear_pointer (&self->shown_holidays, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_BANK_HOLIDAYS_PAGE);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (ca_bank_holidays_page_parent_class)->dispose (object);
}

static void
ca_bank_holidays_page_class_init (CaBankHolidaysPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_bank_holidays_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-bank-holidays-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaBankHolidaysPage, year_spin);
  gtk_widget_class_bind_template_child (widget_class, CaBankHolidaysPage, holidays_group);
  gtk_widget_class_bind_template_child (widget_class, CaBankHolidaysPage, holidays_list);
  gtk_widget_class_bind_template_child (widget_class, CaBankHolidaysPage, new_date_row);
  gtk_widget_class_bind_template_child (widget_class, CaBankHolidaysPage, new_title_row);
  gtk_widget_class_bind_template_child (widget_class, CaBankHolidaysPage, new_holiday_error);
  gtk_widget_class_bind_template_child (widget_class, CaBankHolidaysPage, add_holiday_button);
  gtk_widget_class_bind_template_child (widget_class, CaBankHolidaysPage, import_holidays_button);
  gtk_widget_class_bind_template_callback (widget_class, year_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_holiday_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_holiday_cb);

  gtk_widget_class_install_action (widget_class, "prefs.import-holidays", NULL,
                                   import_holidays_action);
}

static void
ca_bank_holidays_page_init (CaBankHolidaysPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (ca_deadline_get_time_zone ());

  gtk_widget_init_template (GTK_WIDGET (self));
  self->shown_holidays = g_hash_table_new (NULL, NULL);
  /* This year's, until the person asks for another. */
  self->loading = TRUE;
  gtk_spin_button_set_value (self->year_spin, g_date_time_get_year (now));
  self->loading = FALSE;
}

static gboolean
reload_idle_cb (gpointer data)
{
  CaBankHolidaysPage *self = data;

  self->reload_idle = 0;
  if (self->database != NULL)
    load_holidays (self);
  return G_SOURCE_REMOVE;
}

/* Bank holidays added, removed or imported here, in another window or another copy: the
 * year shown is listed again, once for several changes in a row. */
static void
context_changed_cb (CaBankHolidaysPage *self,
                    int                 kind)
{
  if ((kind == CA_CHANGE_HOLIDAY || kind == CA_CHANGE_ANY) && self->reload_idle == 0)
    self->reload_idle = g_idle_add (reload_idle_cb, self);
}

void
ca_bank_holidays_page_set_context (CaBankHolidaysPage *self,
                                   CaContext           *context)
{
  g_return_if_fail (CA_IS_BANK_HOLIDAYS_PAGE (self));
  g_return_if_fail (context == NULL || CA_IS_CONTEXT (context));

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  if (!g_set_object (&self->context, context))
    return;
  g_clear_object (&self->database);
  if (context == NULL)
    return;
  self->database = g_object_ref (ca_context_get_database (context));
  g_signal_connect_object (context, "changed", G_CALLBACK (context_changed_cb), self,
                           G_CONNECT_SWAPPED);
  load_holidays (self);
}
