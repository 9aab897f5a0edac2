// SPDX-License-Identifier: GPL-3.0-or-later
// The Tracker view (R-I1, R-I2): every Inadequate (or Category 1–3) audit of a Head of
// Service's service areas, newest first, each row saying where it stands in words: the
// deadline for checking its recommendations, escalated, checked, signed off. Opened, a row
// lists its response, actions, moderation and escalation, and offers the next step: record
// that the recommendations were checked, then the Head of Service's sign-off that closes it.
// The person is the staff ID in Preferences; reads and writes run on the database's worker.

#define G_LOG_DOMAIN "ca-tracker-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-database-changes.h"
#include "ca-form-rows.h"
#include "ca-list-access.h"
#include "ca-question.h"
#include "ca-toast.h"
#include "ca-tracker-store.h"
#include "ca-tracker-view.h"
#include "ca-view-write.h"
#include "ca-view-reload.h"
#include "core/ca-date.h"
#include "core/ca-deadlines.h"
#include "core/ca-escalation.h"

enum { WHOSE_ALL, WHOSE_MINE };
enum { STATUS_OPEN, STATUS_SIGNED_OFF, STATUS_ALL };
enum { GRADES_INADEQUATE, GRADES_CATEGORIES };

struct _CaTrackerView
{
  AdwBin         parent_instance;

  CaContext     *context;
  GSettings     *settings;
  GPtrArray     *rows;          /* (element-type CaTrackerRow) as read */
  GCancellable  *cancellable;
  GPtrArray     *row_widgets;   /* to remove on refresh */
  CaViewReload   reload;

  GtkFlowBox    *filters;
  GtkDropDown   *whose_dropdown;
  GtkDropDown   *status_dropdown;
  GtkDropDown   *grades_dropdown;
  GtkRevealer   *hint_revealer;
  GtkLabel      *hint_label;
  GtkStack      *stack;
  AdwStatusPage *empty_page;
  GtkLabel      *count_label;
  GtkListBox    *list;
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
  record->staff_ref = g_strstrip (g_settings_get_string (self->settings, "staff-ref"));
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
  g_autofree char *staff_ref = g_strstrip (g_settings_get_string (self->settings, "staff-ref"));
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *note_row;

  if (*staff_ref == '\0')
    {
      ca_toast_show_text (GTK_WIDGET (self),
                          _("Set your staff ID in Preferences first: it says who recorded this."),
                          CA_TOAST_LONG);
      return;
    }
  if (sign_off)
    /* Translators: %s is a case reference */
    body = g_strdup_printf (_("Sign off %s as put right? It leaves the open list, and your "
                              "sign-off is kept in its history."), row->case_ref);
  else
    body = g_strdup_printf (_("Record that the recommendations of %s have been checked, by "
                              "you, today?"), row->case_ref);
  dialog = ca_question_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
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
  g_autofree char *checked_on = NULL;
  g_autofree char *escalated_on = NULL;
  g_autofree char *state = NULL;
  GtkWidget *step;
  gboolean alarm;

  if (!adw_expander_row_get_expanded (expander) ||
      g_object_get_data (G_OBJECT (expander), "filled") != NULL)
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
  /* Translators: "3 of 6 done, 2 overdue" */
  actions = g_strdup_printf (_("%u of %u done, %u overdue"), row->actions_done,
                             row->actions_total, row->actions_overdue);
  adw_expander_row_add_row (expander, detail_row_new (_("Actions"), actions));
  adw_expander_row_add_row (expander,
                            detail_row_new (_("Moderation"),
                                            row->moderation_grade != CA_GRADE_NONE
                                              ? ca_grade_get_label (row->moderation_grade)
                                              : _("Not moderated")));
  if (row->escalated_to != NULL)
    /* Translators: "To Hannah Price on 1 Nov 2026" */
    escalation = g_strdup_printf (_("To %s on %s"), row->escalated_name, escalated_on);
  adw_expander_row_add_row (expander,
                            detail_row_new (_("Escalation"),
                                            escalation != NULL ? escalation : _("None")));

  if (row->signed_off_on == NULL)
    {
      step = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (step),
                                     row->checked_at == NULL ? _("Next: check the recommendations")
                                                             : _("Next: the Head of Service’s sign-off"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (step),
                                 step_button_new (self, row, row->checked_at != NULL));
      adw_expander_row_add_row (expander, step);
    }
  else if (row->signoff_note != NULL)
    adw_expander_row_add_row (expander,
                              detail_row_new (_("Sign-off note"), row->signoff_note));
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
  return expander;
}

static void
show_rows (CaTrackerView *self)
{
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint shown = 0, open = 0;
  g_autofree char *count = NULL;

  for (guint i = 0; i < self->row_widgets->len; i++)
    gtk_list_box_remove (self->list, self->row_widgets->pdata[i]);
  g_ptr_array_set_size (self->row_widgets, 0);
  if (self->rows == NULL)
    return;

  for (guint i = 0; i < self->rows->len; i++)
    {
      const CaTrackerRow *row = self->rows->pdata[i];
      gboolean signed_off = row->signed_off_on != NULL;
      GtkWidget *widget;

      open += !signed_off;
      if ((status == STATUS_OPEN && signed_off) || (status == STATUS_SIGNED_OFF && !signed_off))
        continue;
      widget = tracker_row_new (self, row);
      gtk_list_box_append (self->list, widget);
      g_ptr_array_add (self->row_widgets, widget);
      shown++;
    }
  if (shown == 0)
    {
      adw_status_page_set_description (self->empty_page,
                                       self->rows->len == 0
                                         ? _("No audit here needs following.")
                                         : _("No audit matches the filters."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  /* Translators: "12 shown; 9 of 15 still open" */
  count = g_strdup_printf (_("%u shown; %u of %u still open"), shown, open, self->rows->len);
  gtk_label_set_label (self->count_label, count);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CaTrackerView) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = ca_tracker_store_list_finish (result, &error);

  if (rows == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_status_page_set_description (self->empty_page, error->message);
          gtk_stack_set_visible_child_name (self->stack, "empty");
        }
      return;
    }
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = rows;
  show_rows (self);
}

static void
reload (CaTrackerView *self)
{
  g_autofree char *staff_ref = NULL;
  gboolean mine = gtk_drop_down_get_selected (self->whose_dropdown) == WHOSE_MINE;
  GDate today;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->context == NULL)
    return;
  staff_ref = g_strstrip (g_settings_get_string (self->settings, "staff-ref"));
  if (mine && *staff_ref == '\0')
    gtk_label_set_label (self->hint_label,
                         _("To see your own service areas, set your staff ID in Preferences. "
                           "Until then all are shown."));
  gtk_revealer_set_reveal_child (self->hint_revealer, mine && *staff_ref == '\0');

  self->cancellable = g_cancellable_new ();
  if (self->rows == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  ca_context_get_today (self->context, &today);
  ca_tracker_store_list_async (ca_context_get_database (self->context),
                               mine && *staff_ref != '\0' ? staff_ref : NULL, &today,
                               gtk_drop_down_get_selected (self->grades_dropdown) == GRADES_CATEGORIES,
                               self->cancellable, listed_cb, g_object_ref (self));
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

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->row_widgets, g_ptr_array_unref);

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
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, grades_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, hint_revealer);
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, hint_label);
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, stack);
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, count_label);
  gtk_widget_class_bind_template_child (widget_class, CaTrackerView, list);
}

static void
ca_tracker_view_init (CaTrackerView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->row_widgets = g_ptr_array_new ();
  ca_view_reload_init (&self->reload, GTK_WIDGET (self), (CaViewReloadFunc) reload);

  ca_list_name_drop_down (self->whose_dropdown, _("Whose service areas"));
  ca_list_name_drop_down (self->status_dropdown, _("Filter by sign-off"));
  ca_list_name_drop_down (self->grades_dropdown, _("Which audits"));
  ca_list_name_controls_once (GTK_WIDGET (self));
  ca_list_flow_box_passes_focus (self->filters);
  ca_list_tab_leaves (GTK_WIDGET (self->list));
  g_signal_connect_object (self->whose_dropdown, "notify::selected", G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->grades_dropdown, "notify::selected", G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_dropdown, "notify::selected", G_CALLBACK (show_rows),
                           self, G_CONNECT_SWAPPED);
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
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  ca_view_reload_watch (&self->reload, context, WATCHED_CHANGES);
  if (context == NULL)
    return;
  self->settings = g_object_ref (ca_context_get_settings (context));
  g_signal_connect_object (self->settings, "changed::staff-ref", G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  reload (self);
}
