// SPDX-License-Identifier: GPL-3.0-or-later
// The Tracker view (R-I1, R-I2): every Inadequate (or Category 1–3) audit of a Head of
// Service's service areas, newest first, each row saying where it stands in words: the
// deadline for checking its recommendations, escalated, checked, signed off. Opened, a row
// lists its response, moderation and escalation, and offers the next step: record that the
// recommendations were checked, then the Head of Service's sign-off that closes it; then its
// actions, each marked done and signed off by the worker's line manager (ca-tracker-actions.c).
// A row opened stays open when the tracker is read again.
// The filters (whose, which audits, service area, months of submission, open or signed off)
// make the store's query; the view only offers the choices the store answers with. Its menu
// prints the rows shown, or exports them as a PDF, through the tracker's document
// (reports/ca-tracker-report.c). The person is the staff ID in Preferences; reads, writes
// and documents run on the database's worker.

#define G_LOG_DOMAIN "ca-tracker-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ca-database-changes.h"
#include "ca-document-export.h"
#include "ca-form-rows.h"
#include "ca-list-access.h"
#include "ca-question.h"
#include "ca-style.h"
#include "ca-toast.h"
#include "ca-tracker-actions.h"
#include "ca-tracker-mail.h"
#include "ca-tracker-report.h"
#include "ca-tracker-store.h"
#include "ca-tracker-view.h"
#include "ca-view-write.h"
#include "ca-view-reload.h"
#include "ca-widget.h"
#include "core/ca-date.h"
#include "core/ca-deadlines.h"
#include "core/ca-escalation.h"

enum { WHOSE_ALL, WHOSE_MINE };
enum { STATUS_OPEN, STATUS_SIGNED_OFF, STATUS_ALL };
enum { GRADES_INADEQUATE, GRADES_CATEGORIES };

/* The months offered by default: the last twelve, this one included. */
#define DEFAULT_MONTHS 12

struct _CaTrackerView
{
  AdwBin         parent_instance;

  CaContext     *context;
  GSettings     *settings;
  CaTrackerList *list;          /* as read: the rows, and the filters' choices */
  CaTrackerQuery *query;        /* what LIST was read with */
  GCancellable  *cancellable;
  GPtrArray     *row_widgets;   /* to remove on refresh */
  GHashTable    *expanded;      /* the audits whose rows are open (gint64 ids) */
  gint64         focus_audit;   /* 0, or the audit whose row takes the focus after a read */
  CaViewReload   reload;

  /* The filters' choices (NULL: any), kept apart from the drop-downs, whose lists are made
   * again from what the store answers. */
  char          *area;
  char          *from_month;
  char          *to_month;
  GPtrArray     *months;        /* "YYYY-MM" of the month drop-downs' rows after the first */
  gboolean       updating;      /* the drop-downs' lists are being made again */

  GtkFlowBox    *filters;
  GtkDropDown   *whose_dropdown;
  GtkDropDown   *area_dropdown;
  GtkStringList *area_list;
  GtkDropDown   *from_dropdown;
  GtkStringList *from_list;
  GtkDropDown   *to_dropdown;
  GtkStringList *to_list;
  GtkDropDown   *status_dropdown;
  GtkDropDown   *grades_dropdown;
  GtkRevealer   *hint_revealer;
  GtkLabel      *hint_label;
  GtkStack      *stack;
  AdwStatusPage *empty_page;
  GtkLabel      *count_label;
  GtkListBox    *list_box;
};

G_DEFINE_FINAL_TYPE (CaTrackerView, ca_tracker_view, ADW_TYPE_BIN)

/* What the tracker shows comes from audits, their cases and staff, responses and
 * moderations. */
#define WATCHED_CHANGES (CA_VIEW_RELOAD_KIND (CA_CHANGE_AUDIT) |                        \
                         CA_VIEW_RELOAD_KIND (CA_CHANGE_CASE) |                         \
                         CA_VIEW_RELOAD_KIND (CA_CHANGE_STAFF) |                        \
                         CA_VIEW_RELOAD_KIND (CA_CHANGE_MANAGER_RESPONSE) |             \
                         CA_VIEW_RELOAD_KIND (CA_CHANGE_MODERATION))

static void reload (CaTrackerView *self);

/* A stored day or UTC moment as England's day, "3 Nov 2026"; NULL for none. */
static char *
format_day (const char *stored)
{
  GDate day;

  if (!ca_deadline_parse_day (stored, &day))
    return NULL;
  return ca_date_strftime (&day, "%-d %b %Y");
}

/* Where the audit stands, in words, and whether it needs attention. */
static char *
describe_state (const CaTrackerRow *row,
                gboolean           *alarm)
{
  g_autofree char *deadline = format_day (row->deadline);
  g_autofree char *signed_on = format_day (row->signed_off_on);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) due = row->deadline != NULL
                               ? g_date_time_new_from_iso8601 (row->deadline, NULL) : NULL;

  *alarm = FALSE;
  if (row->signed_off_on != NULL)
    /* Translators: "Signed off 20 Jun 2021" */
    return g_strdup_printf (_("Signed off %s"), signed_on);
  if (row->checked_at != NULL)
    return g_strdup (_("Checked, waiting for sign-off"));
  if (row->escalated_to != NULL)
    {
      *alarm = TRUE;
      /* Translators: "Not checked, escalated to Hannah Price" */
      return g_strdup_printf (_("Not checked, escalated to %s"),
                              row->escalated_name != NULL ? row->escalated_name
                                                          : row->escalated_to);
    }
  if (ca_escalation_is_due (due, FALSE, now))
    {
      *alarm = TRUE;
      /* Translators: "Not checked by 3 Nov 2026" */
      return g_strdup_printf (_("Not checked by %s"), deadline);
    }
  if (deadline != NULL)
    /* Translators: "Check by 3 Nov 2026" */
    return g_strdup_printf (_("Check by %s"), deadline);
  return g_strdup (_("No deadline"));
}

static void
mail_clicked_cb (GtkButton     *button,
                 CaTrackerView *self)
{
  if (self->context != NULL)
    ca_tracker_mail_escalation (GTK_WIDGET (self), self->context,
                                (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button),
                                                                              "audit-id")),
                                g_object_get_data (G_OBJECT (button), "case-ref"));
}

static GtkWidget *
detail_row_new (const char *title,
                const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  return row;
}

/* A check or a sign-off, as the worker's job sees it. */
typedef struct
{
  gboolean   sign_off;
  gint64     audit_id;
  char      *case_ref;
  char      *staff_ref;
  char      *note;
  GDateTime *now;
  GDate      today;
} Record;

static void
record_free (Record *record)
{
  g_free (record->case_ref);
  g_free (record->staff_ref);
  g_free (record->note);
  g_date_time_unref (record->now);
  g_free (record);
}

static gboolean
record_job (CaDatabase  *connection,
            gpointer     data,
            GError     **error)
{
  Record *record = data;

  if (record->sign_off)
    return ca_tracker_store_sign_off (connection, record->audit_id, record->staff_ref,
                                      &record->today, record->note, error);
  return ca_tracker_store_check (connection, record->audit_id, record->staff_ref, record->note,
                                 record->now, error);
}

/* The change heard from the database reads the tracker again; this only says so. */
static void
record_done (GtkWidget    *owner,
             gpointer      data,
             const GError *error)
{
  Record *record = data;
  g_autofree char *text = NULL;

  if (error != NULL)
    {
      ca_toast_show_text (owner, error->message, CA_TOAST_LONG);
      return;
    }
  /* Translators: "CA-000101 signed off" */
  text = g_strdup_printf (record->sign_off ? _("%s signed off")
                                           : _("%s: recommendations checked"), record->case_ref);
  ca_toast_show_text (owner, text, CA_TOAST_SHORT);
  ca_tracker_view_focus_audit (CA_TRACKER_VIEW (owner), record->audit_id);
}

static void
record_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    CaTrackerView    *self)
{
  GtkWidget *note_row = g_object_get_data (G_OBJECT (dialog), "note-row");
  Record *record;

  if (g_strcmp0 (response, "record") != 0 || self->context == NULL)
    return;
  record = g_new0 (Record, 1);
  record->sign_off = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "sign-off"));
  record->audit_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "audit-id"));
  record->case_ref = g_strdup (g_object_get_data (G_OBJECT (dialog), "case-ref"));
  record->staff_ref = ca_context_dup_staff_ref (self->context);
  record->note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (note_row))));
  if (*record->note == '\0')
    g_clear_pointer (&record->note, g_free);
  record->now = g_date_time_new_now_utc ();
  ca_context_get_today (self->context, &record->today);
  ca_view_write (GTK_WIDGET (self), NULL, ca_context_get_database (self->context), record_job,
                 record, (GDestroyNotify) record_free, record_done);
}

static void
ask_to_record (CaTrackerView      *self,
               const CaTrackerRow *row,
               gboolean            sign_off)
{
  g_autofree char *staff_ref = ca_tracker_actions_staff_ref_or_ask (GTK_WIDGET (self),
                                                                    self->context);
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *note_row;

  if (staff_ref == NULL)
    return;
  if (sign_off)
    /* Translators: %s is a case reference */
    body = g_strdup_printf (_("Sign off %s as put right? It leaves the open list, and your "
                              "sign-off is kept in its history."), row->case_ref);
  else
    body = g_strdup_printf (_("Record that the recommendations of %s have been checked, by "
                              "you, today?"), row->case_ref);
  dialog = ca_question_new (ca_widget_get_window (GTK_WIDGET (self)),
                            sign_off ? _("Sign Off the Case?")
                                     : _("Recommendations Checked?"),
                            body, "record", sign_off ? _("_Sign Off") : _("_Record"));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  note_row = ca_form_rows_new_entry_row (_("Note (optional)"), NULL);
  gtk_list_box_append (GTK_LIST_BOX (list), note_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_object_set_data (G_OBJECT (dialog), "note-row", note_row);
  g_object_set_data (G_OBJECT (dialog), "audit-id", GSIZE_TO_POINTER ((gsize) row->audit_id));
  g_object_set_data (G_OBJECT (dialog), "sign-off", GINT_TO_POINTER (sign_off));
  g_object_set_data_full (G_OBJECT (dialog), "case-ref", g_strdup (row->case_ref), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (record_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
check_clicked_cb (GtkButton     *button,
                  CaTrackerView *self)
{
  ask_to_record (self, g_object_get_data (G_OBJECT (button), "row"), FALSE);
}

static void
sign_off_clicked_cb (GtkButton     *button,
                     CaTrackerView *self)
{
  ask_to_record (self, g_object_get_data (G_OBJECT (button), "row"), TRUE);
}

static GtkWidget *
step_button_new (CaTrackerView      *self,
                 const CaTrackerRow *row,
                 gboolean            sign_off)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (sign_off ? _("_Sign Off…")
                                                             : _("Recommendations _Checked…"));
  g_autofree char *name = NULL;

  /* Translators: the buttons' names for a screen reader: "Sign Off CA-000101" */
  name = g_strdup_printf (sign_off ? _("Sign Off %s") : _("Recommendations Checked for %s"),
                          row->case_ref);
  ca_list_name_button (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "suggested-action");
  g_object_set_data (G_OBJECT (button), "row", (gpointer) row);
  g_signal_connect_object (button, "clicked",
                           G_CALLBACK (sign_off ? sign_off_clicked_cb : check_clicked_cb), self, 0);
  return button;
}

static void
fill_details_cb (AdwExpanderRow *expander,
                 GParamSpec     *pspec,
                 CaTrackerView  *self)
{
  const CaTrackerRow *row = g_object_get_data (G_OBJECT (expander), "row");
  g_autofree char *actions = NULL;
  g_autofree char *escalation = NULL;
  GtkWidget *escalation_row;
  g_autofree char *checked_on = NULL;
  g_autofree char *escalated_on = NULL;
  g_autofree char *state = NULL;
  GtkWidget *step;
  GtkWidget *button;
  gboolean alarm;

  if (!adw_expander_row_get_expanded (expander))
    {
      g_hash_table_remove (self->expanded, &row->audit_id);
      return;
    }
  g_hash_table_add (self->expanded, g_memdup2 (&row->audit_id, sizeof row->audit_id));
  if (g_object_get_data (G_OBJECT (expander), "filled") != NULL)
    return;
  g_object_set_data (G_OBJECT (expander), "filled", GINT_TO_POINTER (TRUE));
  if (row->checked_at != NULL)
    {
      g_autofree char *day = format_day (row->checked_at);

      /* Translators: "Checked 9 Oct 2026" */
      checked_on = g_strdup_printf (_("Checked %s"), day);
    }
  escalated_on = format_day (row->escalated_at);
  state = describe_state (row, &alarm);

  adw_expander_row_add_row (expander,
                            detail_row_new (_("Recommendations"),
                                            row->checked_at != NULL
                                              ? checked_on : state));
  adw_expander_row_add_row (expander,
                            detail_row_new (_("Manager’s response"),
                                            g_strcmp0 (row->response, "given") == 0 ? _("Given")
                                            : g_strcmp0 (row->response, "waiting") == 0
                                              ? _("Waiting") : _("None asked for")));
  adw_expander_row_add_row (expander,
                            detail_row_new (_("Moderation"),
                                            row->moderation_grade != CA_GRADE_NONE
                                              ? ca_grade_get_label (row->moderation_grade)
                                              : _("Not moderated")));
  if (row->escalated_to != NULL)
    /* Translators: "To Hannah Price on 1 Nov 2026" */
    escalation = g_strdup_printf (_("To %s on %s"), row->escalated_name, escalated_on);
  escalation_row = detail_row_new (_("Escalation"), escalation != NULL ? escalation : _("None"));
  if (row->escalated_to != NULL)
    {
      /* The e-mail to the Head of Service it went to (R-I1); Enter on the row too, as Tab
       * leaves the list from a row. */
      GtkWidget *mail = gtk_button_new_with_mnemonic (_("_E-mail…"));
      /* Translators: a button's name for a screen reader: "E-mail Hannah Price about
       * CA-000101" */
      g_autofree char *mail_name = g_strdup_printf (_("E-mail %s about %s"),
                                                    row->escalated_name, row->case_ref);

      gtk_widget_set_valign (mail, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (mail, _("Save an e-mail to the Head of Service"));
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (mail), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (mail), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      mail_name, -1);
      g_object_set_data (G_OBJECT (mail), "audit-id", GSIZE_TO_POINTER ((gsize) row->audit_id));
      g_object_set_data_full (G_OBJECT (mail), "case-ref", g_strdup (row->case_ref), g_free);
      g_signal_connect (mail, "clicked", G_CALLBACK (mail_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (escalation_row), mail);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (escalation_row), mail);
    }
  adw_expander_row_add_row (expander, escalation_row);

  if (row->signed_off_on == NULL)
    {
      step = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (step),
                                     row->checked_at == NULL ? _("Next: check the recommendations")
                                                             : _("Next: the Head of Service’s sign-off"));
      button = step_button_new (self, row, row->checked_at != NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (step), button);
      /* Enter on the row presses it: Tab leaves the Tracker's list. */
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (step), button);
      adw_expander_row_add_row (expander, step);
    }
  else if (row->signoff_note != NULL)
    adw_expander_row_add_row (expander,
                              detail_row_new (_("Sign-off note"), row->signoff_note));

  /* The actions last: a row for each, read on the worker. */
  if (row->actions_total == 0)
    actions = g_strdup (_("None"));
  else
    /* Translators: "3 of 6 done, 2 signed off, 2 overdue" */
    actions = g_strdup_printf (_("%u of %u done, %u signed off, %u overdue"), row->actions_done,
                               row->actions_total, row->actions_signed_off,
                               row->actions_overdue);
  adw_expander_row_add_row (expander, detail_row_new (_("Actions"), actions));
  if (row->actions_total > 0)
    ca_tracker_actions_add (GTK_WIDGET (self), self->context, expander, row->audit_id);
}

static GtkWidget *
tracker_row_new (CaTrackerView      *self,
                 const CaTrackerRow *row)
{
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *state_label;
  g_autofree char *category = row->category > 0 ? g_strdup_printf (_("Category %d"), row->category)
                                                 : g_strdup (_("No category"));
  g_autofree char *month = ca_date_format_month (row->month);
  g_autofree char *subtitle = NULL;
  g_autofree char *state = NULL;
  g_autofree char *name = NULL;
  gboolean alarm;

  /* Translators: "Category 2 · October 2026 · A&I Team 1 · Zoe Walker" */
  subtitle = g_strdup_printf (_("%s · %s · %s · %s"), category, month, row->team,
                              row->worker != NULL ? row->worker : _("no worker"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), row->case_ref);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  /* Category 1 stands out wherever it is listed: the warning sign and its words. */
  if (row->category == 1)
    {
      GtkWidget *sign = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (sign, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (sign), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Category 1"), -1);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (expander), sign);
    }

  state = describe_state (row, &alarm);
  state_label = gtk_label_new (state);
  gtk_label_set_wrap (GTK_LABEL (state_label), TRUE);
  /* At least "Not checked by" on a line: in a narrow window the row would otherwise give it
   * the width of its longest word, and the date would break over three lines. */
  gtk_label_set_width_chars (GTK_LABEL (state_label), 14);
  gtk_label_set_max_width_chars (GTK_LABEL (state_label), 18);
  gtk_label_set_justify (GTK_LABEL (state_label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_xalign (GTK_LABEL (state_label), 1.0);
  gtk_widget_add_css_class (state_label, alarm ? "error" : "dim-label");
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), state_label);

  /* Translators: what a screen reader says for a row: "CA-000101, Category 1, June 2021,
   * A&I Team 1, Zoe Walker: Not checked, escalated to Hannah Price" */
  name = g_strdup_printf (_("%s, %s: %s"), row->case_ref, subtitle, state);
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);

  /* The details are made when the row is first opened: a Head of Service's list holds
   * hundreds of rows, and each closed one costs a screen reader and the window less. */
  g_object_set_data (G_OBJECT (expander), "row", (gpointer) row);
  g_signal_connect_object (expander, "notify::expanded", G_CALLBACK (fill_details_cb), self, 0);
  if (g_hash_table_contains (self->expanded, &row->audit_id))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  return expander;
}

/* The rows' widgets go before the rows they show. */
static void
clear_rows (CaTrackerView *self)
{
  for (guint i = 0; i < self->row_widgets->len; i++)
    gtk_list_box_remove (self->list_box, self->row_widgets->pdata[i]);
  g_ptr_array_set_size (self->row_widgets, 0);
}

static void
show_rows (CaTrackerView *self)
{
  GPtrArray *rows = self->list != NULL ? self->list->rows : NULL;
  guint open = 0;
  g_autofree char *count = NULL;

  clear_rows (self);
  if (rows == NULL)
    return;

  for (guint i = 0; i < rows->len; i++)
    {
      const CaTrackerRow *row = rows->pdata[i];
      GtkWidget *widget = tracker_row_new (self, row);

      open += row->signed_off_on == NULL;
      gtk_list_box_append (self->list_box, widget);
      g_ptr_array_add (self->row_widgets, widget);
      if (row->audit_id == self->focus_audit)
        gtk_widget_grab_focus (widget);
    }
  self->focus_audit = 0;
  if (rows->len == 0)
    {
      adw_status_page_set_description (self->empty_page,
                                       self->list->service_areas[0] == NULL
                                         ? _("No audit here needs following.")
                                         : _("No audit matches the filters."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  /* Translators: "12 shown, 9 still open" */
  count = g_strdup_printf (g_dngettext (NULL, "%u shown, %u still open",
                                        "%u shown, %u still open", rows->len), rows->len, open);
  gtk_label_set_label (self->count_label, count);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

/* Month text "YYYY-MM" MONTHS after (or, negative, before) MONTH. */
static char *
add_months (const char *month,
            int         months)
{
  GDate day;

  if (!ca_date_parse_month (month, &day))
    return NULL;
  if (months >= 0)
    g_date_add_months (&day, (guint) months);
  else
    g_date_subtract_months (&day, (guint) -months);
  return g_strdup_printf ("%04d-%02d", g_date_get_year (&day), g_date_get_month (&day));
}

static char *
this_month (CaTrackerView *self)
{
  GDate today;

  ca_context_get_today (self->context, &today);
  return g_strdup_printf ("%04d-%02d", g_date_get_year (&today), g_date_get_month (&today));
}

/* The earlier or later of two months, either nullable. */
static const char *
month_min (const char *a,
           const char *b)
{
  return a == NULL ? b : b == NULL ? a : strcmp (a, b) <= 0 ? a : b;
}

static const char *
month_max (const char *a,
           const char *b)
{
  return a == NULL ? b : b == NULL ? a : strcmp (a, b) >= 0 ? a : b;
}

/* The drop-downs' lists made again from what the store answered, keeping what is chosen: the
 * service areas of the audits followed, and every month from the first of them (or the one
 * chosen) to this one, newest first. */
static void
update_choices (CaTrackerView *self)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) labels = NULL;
  g_autofree char *now = this_month (self);
  g_autofree char *month = NULL;
  const char *first, *last;
  guint from_at = 0, to_at = 0;

  self->updating = TRUE;
  ca_style_refill_drop_down (self->area_dropdown, self->area_list,
                             (const char * const *) self->list->service_areas, self->area);

  first = month_min (month_min (self->list->first_month, self->from_month), self->to_month);
  last = month_max (month_max (self->list->last_month, now), self->from_month);
  last = month_max (last, self->to_month);
  g_ptr_array_set_size (self->months, 0);
  for (month = g_strdup (last); month != NULL && first != NULL && strcmp (month, first) >= 0;)
    {
      g_autofree char *label = ca_date_format_month (month);
      char *before = add_months (month, -1);

      g_strv_builder_add (names, label);
      if (g_strcmp0 (month, self->from_month) == 0)
        from_at = self->months->len + 1;
      if (g_strcmp0 (month, self->to_month) == 0)
        to_at = self->months->len + 1;
      g_ptr_array_add (self->months, g_steal_pointer (&month));
      month = before;
    }
  labels = g_strv_builder_end (names);
  gtk_string_list_splice (self->from_list, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->from_list)) - 1,
                          (const char * const *) labels);
  gtk_string_list_splice (self->to_list, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->to_list)) - 1,
                          (const char * const *) labels);
  gtk_drop_down_set_selected (self->from_dropdown, from_at);
  gtk_drop_down_set_selected (self->to_dropdown, to_at);
  self->updating = FALSE;
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CaTrackerView) self = user_data;
  g_autoptr(GError) error = NULL;
  CaTrackerList *list = ca_tracker_store_read_finish (result, &error);

  if (list == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_status_page_set_description (self->empty_page, error->message);
          gtk_stack_set_visible_child_name (self->stack, "empty");
        }
      return;
    }
  clear_rows (self);
  g_clear_pointer (&self->list, ca_tracker_list_free);
  self->list = list;
  /* A service area chosen that the audits followed no longer have (another person's): all. */
  if (self->area != NULL && !g_strv_contains ((const char * const *) list->service_areas,
                                              self->area))
    {
      g_clear_pointer (&self->area, g_free);
      update_choices (self);
      reload (self);
      return;
    }
  update_choices (self);
  show_rows (self);
}

/* The query the filters make. */
static CaTrackerQuery *
make_query (CaTrackerView *self)
{
  g_autofree char *staff_ref = ca_context_dup_staff_ref (self->context);
  gboolean mine = gtk_drop_down_get_selected (self->whose_dropdown) == WHOSE_MINE;
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  CaTrackerQuery *query;
  GDate today;

  ca_context_get_today (self->context, &today);
  query = ca_tracker_query_new (mine && *staff_ref != '\0' ? staff_ref : NULL, &today,
                                gtk_drop_down_get_selected (self->grades_dropdown)
                                  == GRADES_CATEGORIES);
  query->status = status == STATUS_OPEN ? CA_TRACKER_STATUS_OPEN
                  : status == STATUS_SIGNED_OFF ? CA_TRACKER_STATUS_SIGNED_OFF
                  : CA_TRACKER_STATUS_ALL;
  query->service_area = g_strdup (self->area);
  query->from_month = g_strdup (self->from_month);
  query->to_month = g_strdup (self->to_month);
  return query;
}

static void
reload (CaTrackerView *self)
{
  g_autofree char *staff_ref = NULL;
  gboolean mine = gtk_drop_down_get_selected (self->whose_dropdown) == WHOSE_MINE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->context == NULL)
    return;
  staff_ref = ca_context_dup_staff_ref (self->context);
  if (mine && *staff_ref == '\0')
    gtk_label_set_label (self->hint_label,
                         _("To see your own service areas, set your staff ID in Preferences. "
                           "Until then all are shown."));
  gtk_revealer_set_reveal_child (self->hint_revealer, mine && *staff_ref == '\0');

  self->cancellable = g_cancellable_new ();
  if (self->list == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  g_clear_pointer (&self->query, ca_tracker_query_free);
  self->query = make_query (self);
  ca_tracker_store_read_async (ca_context_get_database (self->context), self->query,
                               self->cancellable, listed_cb, g_object_ref (self));
}

/* A filter of the drop-downs made from the store's answer: its choice, then the rows. */
static void
choice_changed_cb (CaTrackerView *self)
{
  guint area = gtk_drop_down_get_selected (self->area_dropdown);
  guint from = gtk_drop_down_get_selected (self->from_dropdown);
  guint to = gtk_drop_down_get_selected (self->to_dropdown);

  if (self->updating)
    return;
  g_free (self->area);
  self->area = area > 0 && area != GTK_INVALID_LIST_POSITION
                 ? g_strdup (gtk_string_list_get_string (self->area_list, area)) : NULL;
  g_free (self->from_month);
  self->from_month = from > 0 && from <= self->months->len
                       ? g_strdup (self->months->pdata[from - 1]) : NULL;
  g_free (self->to_month);
  self->to_month = to > 0 && to <= self->months->len
                     ? g_strdup (self->months->pdata[to - 1]) : NULL;
  reload (self);
}

/* Printing and the PDF: the document of the rows shown, built on the worker. */

typedef struct
{
  CaTrackerQuery *query;
  GDateTime      *now;
} Document;

static void
document_free (Document *document)
{
  ca_tracker_query_free (document->query);
  g_date_time_unref (document->now);
  g_free (document);
}

static CaDocument *
build_document (CaDatabase  *connection,
                gpointer     data,
                GError     **error)
{
  Document *document = data;

  return ca_tracker_report_new_for_query (connection, document->query, document->now, error);
}

/* What the document is made of: the query the rows shown were read with. */
static Document *
document_new (CaTrackerView *self)
{
  Document *document = g_new0 (Document, 1);

  document->query = self->query != NULL ? ca_tracker_query_copy (self->query)
                                         : make_query (self);
  document->now = g_date_time_new_now_utc ();
  return document;
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CaTrackerView *self = CA_TRACKER_VIEW (widget);

  if (self->context == NULL)
    return;
  ca_document_export_print (widget, widget, ca_context_get_database (self->context),
                            _("Head of Service tracker"), build_document, document_new (self),
                            (GDestroyNotify) document_free);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CaTrackerView *self = CA_TRACKER_VIEW (widget);
  g_autofree char *name = NULL;
  g_autofree char *day = NULL;
  GDate today;

  if (self->context == NULL)
    return;
  ca_context_get_today (self->context, &today);
  day = ca_date_format (&today);
  if (self->list != NULL && self->list->head_name != NULL)
    /* Translators: the suggested file name: "Tracker Hannah Price 2026-12-03.pdf" */
    name = g_strdup_printf (_("Tracker %s %s.pdf"), self->list->head_name, day);
  else
    /* Translators: the suggested file name: "Tracker 2026-12-03.pdf" */
    name = g_strdup_printf (_("Tracker %s.pdf"), day);
  ca_document_export_pdf (widget, widget, ca_context_get_database (self->context),
                          _("Export the Tracker as PDF"), name, build_document,
                          document_new (self), (GDestroyNotify) document_free);
}

static void
ca_tracker_view_map (GtkWidget *widget)
{
  CaTrackerView *self = CA_TRACKER_VIEW (widget);

  GTK_WIDGET_CLASS (ca_tracker_view_parent_class)->map (widget);
  ca_view_reload_mapped (&self->reload);
}

static void
ca_tracker_view_dispose (GObject *object)
{
  CaTrackerView *self = CA_TRACKER_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  ca_view_reload_clear (&self->reload);
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_TRACKER_VIEW);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ca_tracker_view_parent_class)->dispose (object);
}

static void
ca_tracker_view_finalize (GObject *object)
{
  CaTrackerView *self = CA_TRACKER_VIEW (object);

  g_clear_pointer (&self->list, ca_tracker_list_free);
  g_clear_pointer (&self->query, ca_tracker_query_free);
  g_clear_pointer (&self->row_widgets, g_ptr_array_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_pointer (&self->months, g_ptr_array_unref);
  g_free (self->area);
  g_free (self->from_month);
  g_free (self->to_month);

  G_OBJECT_CLASS (ca_tracker_view_parent_class)->finalize (object);
}

static void
ca_tracker_view_class_init (CaTrackerViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_tracker_view_dispose;
  object_class->finalize = ca_tracker_view_finalize;
  widget_class->map = ca_tracker_view_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-tracker-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, filters);
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, whose_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, area_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, area_list);
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, from_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, from_list);
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, to_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, to_list);
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, grades_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, hint_revealer);
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, hint_label);
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, stack);
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, count_label);
  gtk_widget_class_bind_template_child_full (widget_class, "list", FALSE,
                                             G_STRUCT_OFFSET (CaTrackerView, list_box));

  gtk_widget_class_install_action (widget_class, "tracker.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "tracker.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "tracker.print", NULL);
}

static void
ca_tracker_view_init (CaTrackerView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->row_widgets = g_ptr_array_new ();
  self->expanded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->months = g_ptr_array_new_with_free_func (g_free);
  ca_view_reload_init (&self->reload, GTK_WIDGET (self), (CaViewReloadFunc) reload);

  ca_list_name_drop_down (self->whose_dropdown, _("Whose service areas"));
  ca_list_name_drop_down (self->area_dropdown, _("Filter by service area"));
  ca_list_name_drop_down (self->status_dropdown, _("Filter by sign-off"));
  ca_list_name_drop_down (self->grades_dropdown, _("Which audits"));
  ca_list_name_drop_down (self->from_dropdown, _("Submitted from"));
  ca_list_name_drop_down (self->to_dropdown, _("Submitted to"));
  ca_list_name_controls_once (GTK_WIDGET (self));
  ca_list_flow_box_passes_focus (self->filters);
  ca_list_tab_leaves (GTK_WIDGET (self->list_box));
  g_signal_connect_object (self->whose_dropdown, "notify::selected", G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->grades_dropdown, "notify::selected", G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_dropdown, "notify::selected", G_CALLBACK (reload),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->area_dropdown, "notify::selected",
                           G_CALLBACK (choice_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->from_dropdown, "notify::selected",
                           G_CALLBACK (choice_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_dropdown, "notify::selected",
                           G_CALLBACK (choice_changed_cb), self, G_CONNECT_SWAPPED);
}

void
ca_tracker_view_set_context (CaTrackerView *self,
                             CaContext     *context)
{
  g_return_if_fail (CA_IS_TRACKER_VIEW (self));
  g_return_if_fail (context == NULL || CA_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  clear_rows (self);
  g_hash_table_remove_all (self->expanded);
  self->focus_audit = 0;
  g_clear_pointer (&self->list, ca_tracker_list_free);
  ca_view_reload_watch (&self->reload, context, WATCHED_CHANGES);
  if (context == NULL)
    return;
  self->settings = g_object_ref (ca_context_get_settings (context));
  g_signal_connect_object (self->settings, "changed::staff-ref", G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  /* The last twelve months to begin with; "Earliest" shows them all. */
  if (self->from_month == NULL && self->to_month == NULL)
    {
      g_autofree char *now = this_month (self);

      self->from_month = add_months (now, -(DEFAULT_MONTHS - 1));
    }
  reload (self);
}

void
ca_tracker_view_focus_audit (CaTrackerView *self,
                             gint64         audit_id)
{
  g_return_if_fail (CA_IS_TRACKER_VIEW (self));

  self->focus_audit = audit_id;
}
