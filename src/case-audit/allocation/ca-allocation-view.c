// SPDX-License-Identifier: GPL-3.0-or-later
// The Allocation view: a month's run previewed and committed, the auditors' e-mails, quotas.
// It gathers settings and shows what the allocation store and engine answer; the rules and
// the SQL live in the library.

#define G_LOG_DOMAIN "ca-allocation-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ca-allocation-item.h"
#include "ca-allocation-mail-drafts.h"
#include "ca-allocation-mail-store.h"
#include "ca-allocation-quota-page.h"
#include "ca-allocation-runs-page.h"
#include "ca-allocation-store.h"
#include "ca-allocation-view.h"
#include "ca-list-access.h"
#include "ca-question.h"
#include "ca-audit-store.h"
#include "ca-file-chooser.h"
#include "ca-mail-draft.h"
#include "ca-toast.h"
#include "ca-view-write.h"
#include "ca-widget.h"
#include "core/ca-date.h"

struct _CaAllocationView
{
  GtkWidget            parent_instance;

  CaContext           *context;
  CaDatabase          *database;
  guint                reload_idle;    /* changes heard, read again once the main loop is idle */
  GStrv                months;
  GStrv                areas;
  GPtrArray           *area_checks;    /* of GtkCheckButton, in the order of areas */
  GPtrArray           *area_rows;      /* of GtkWidget, to remove on refresh */
  GCancellable        *cancellable;
  GCancellable        *areas_cancellable;  /* the service areas' read under way */
  CaAllocationPreview *preview;
  gboolean             busy;
  gboolean             stale;          /* the store changed while the view was hidden */

  GListStore          *picks;
  GListStore          *unplaced;

  GtkWidget           *content;
  GtkStack            *pages;
  AdwComboRow         *month_row;
  GtkStringList       *month_list;
  GtkSpinButton       *seed_spin;
  AdwComboRow         *rule_row;
  GtkWidget           *percent_row;
  GtkSpinButton       *percent_spin;
  GtkWidget           *fixed_row;
  GtkSpinButton       *fixed_spin;
  GtkSpinButton       *closed_spin;
  AdwComboRow         *restricted_row;
  AdwComboRow         *strata_row;
  AdwExpanderRow      *areas_row;
  GtkSpinner          *spinner;
  GtkWidget           *preview_button;
  GtkWidget           *stop_button;
  GtkLabel            *problem_label;
  GtkWidget           *preview_box;
  GtkLabel            *summary_label;
  GtkLabel            *excluded_label;
  GtkWidget           *unplaced_box;
  GtkLabel            *unplaced_title;
  GtkColumnView       *unplaced_view;
  GtkColumnView       *picks_view;
  CaAllocationRunsPage *runs_page;
  CaAllocationQuotaPage *quota_page;
};

G_DEFINE_FINAL_TYPE (CaAllocationView, ca_allocation_view, GTK_TYPE_WIDGET)

static void
show_problem (CaAllocationView *self,
              const char       *text)
{
  gtk_label_set_text (self->problem_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), text != NULL);
}

static char *
format_month (const char *month)
{
  return ca_allocation_mail_format_month (month);
}

static const char *
selected_month (CaAllocationView *self)
{
  guint index = adw_combo_row_get_selected (self->month_row);

  if (self->months == NULL || index == GTK_INVALID_LIST_POSITION ||
      index >= g_strv_length (self->months))
    return NULL;
  return self->months[index];
}

static void
update_actions (CaAllocationView *self)
{
  gboolean ready = self->database != NULL && !self->busy;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "allocation.preview",
                                 ready && selected_month (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "allocation.stop", self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "allocation.commit",
                                 ready && self->preview != NULL &&
                                 self->preview->result->picks->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
  gtk_widget_set_visible (self->stop_button, self->busy);
}

static void
set_busy (CaAllocationView *self,
          gboolean          busy)
{
  self->busy = busy;
  update_actions (self);
}

static void
clear_preview (CaAllocationView *self)
{
  g_clear_pointer (&self->preview, ca_allocation_preview_free);
  g_list_store_remove_all (self->picks);
  g_list_store_remove_all (self->unplaced);
  gtk_widget_set_visible (self->preview_box, FALSE);
  update_actions (self);
}

/* The next programme month from today, or the last one there is. */
static guint
default_month_index (GStrv months)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *this_month = g_date_time_format (now, "%Y-%m");
  guint n = g_strv_length (months);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (months[i], this_month) >= 0)
      return i;
  return n > 0 ? n - 1 : GTK_INVALID_LIST_POSITION;
}

static void
load_months (CaAllocationView *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) months = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint n;

  months = ca_allocation_store_list_months (self->database, &error);
  if (months == NULL)
    {
      show_problem (self, error->message);
      months = g_new0 (char *, 1);
    }
  /* Unchanged months keep the chosen one, and with it the preview. */
  if (self->months != NULL && g_strv_equal ((const char * const *) self->months,
                                            (const char * const *) months))
    return;
  n = g_strv_length (months);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (labels, format_month (months[i]));
  g_ptr_array_add (labels, NULL);

  g_strfreev (self->months);
  self->months = g_steal_pointer (&months);
  gtk_string_list_splice (self->month_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->month_list)),
                          (const char * const *) labels->pdata);
  if (n == 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->month_row),
                                 _("No month has a programme entry yet: load or import the "
                                   "audit programme first"));
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->month_row), "");
      adw_combo_row_set_selected (self->month_row, default_month_index (self->months));
    }
}

static void
update_areas_subtitle (CaAllocationView *self)
{
  guint chosen = 0;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < self->area_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->area_checks, i)))
      chosen++;
  if (chosen == self->area_checks->len)
    subtitle = g_strdup (_("All service areas"));
  else
    /* Translators: "2 of 5 service areas" */
    subtitle = g_strdup_printf (_("%u of %u service areas"), chosen, self->area_checks->len);
  adw_expander_row_set_subtitle (self->areas_row, subtitle);
}

/* The service areas as read: one row with a tick each, ticked unless it was unticked. */
static void
show_areas (CaAllocationView *self,
            GStrv             areas)
{
  g_autoptr(GHashTable) unticked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Keep what was unticked across a reload of the store. */
  for (guint i = 0; i < self->area_checks->len && self->areas != NULL; i++)
    if (!gtk_check_button_get_active (g_ptr_array_index (self->area_checks, i)))
      g_hash_table_add (unticked, g_strdup (self->areas[i]));

  for (guint i = 0; i < self->area_rows->len; i++)
    adw_expander_row_remove (self->areas_row, g_ptr_array_index (self->area_rows, i));
  g_ptr_array_set_size (self->area_rows, 0);
  g_ptr_array_set_size (self->area_checks, 0);
  g_strfreev (self->areas);
  self->areas = areas;

  for (guint i = 0; self->areas != NULL && self->areas[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      /* Names such as “Assessment & Intervention” are text, not Pango markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), self->areas[i]);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   !g_hash_table_contains (unticked, self->areas[i]));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      /* The row names its activatable check for screen readers; a label of its own as well
       * made them say every area twice. */
      g_signal_connect_object (check, "toggled", G_CALLBACK (update_areas_subtitle), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (self->areas_row, row);
      g_ptr_array_add (self->area_rows, row);
      g_ptr_array_add (self->area_checks, check);
    }
  update_areas_subtitle (self);
}

static void
areas_listed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CaAllocationView) self = user_data;
  g_autoptr(GError) error = NULL;
  GStrv areas = ca_audit_store_list_service_areas_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_warning ("The service areas could not be read: %s", error->message);
  show_areas (self, areas);
}

/* Reads the service areas on the worker, then shows them. */
static void
load_areas (CaAllocationView *self)
{
  g_cancellable_cancel (self->areas_cancellable);
  g_clear_object (&self->areas_cancellable);
  if (self->database == NULL)
    {
      show_areas (self, NULL);
      return;
    }
  self->areas_cancellable = g_cancellable_new ();
  ca_audit_store_list_service_areas_async (self->database, self->areas_cancellable,
                                           areas_listed_cb, g_object_ref (self));
}

/* Preview */

static void
show_preview (CaAllocationView *self)
{
  const CaAllocationResult *result = self->preview->result;
  g_autoptr(GPtrArray) excluded = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *month = format_month (self->preview->settings->month);
  g_autofree char *due = NULL;
  GString *summary = g_string_new (NULL);

  for (guint i = 0; i < result->picks->len; i++)
    {
      const CaAllocationPick *pick = g_ptr_array_index (result->picks, i);
      const CaAllocationAuditor *auditor =
        ca_allocation_preview_find_auditor (self->preview, pick->auditor_id);

      g_ptr_array_add (items, ca_allocation_item_new (pick->case_ref, pick->stratum,
                                                      auditor != NULL ? auditor->name
                                                                      : pick->auditor_ref,
                                                      pick->reason, pick->access_request));
    }
  g_list_store_splice (self->picks, 0, g_list_model_get_n_items (G_LIST_MODEL (self->picks)),
                       items->pdata, items->len);
  g_ptr_array_set_size (items, 0);
  for (guint i = 0; i < result->unplaced->len; i++)
    {
      const CaAllocationUnplaced *unplaced = g_ptr_array_index (result->unplaced, i);

      g_ptr_array_add (items, ca_allocation_item_new (unplaced->case_ref, unplaced->stratum,
                                                      NULL, unplaced->reason, FALSE));
    }
  g_list_store_splice (self->unplaced, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->unplaced)),
                       items->pdata, items->len);

  /* Translators: "November 2026: 42 cases sampled from 380 eligible (of 1,200 looked at)." */
  g_string_append_printf (summary, g_dngettext (NULL,
                                                "%s: %u case sampled from %u eligible (of %u "
                                                "looked at).",
                                                "%s: %u cases sampled from %u eligible (of %u "
                                                "looked at).", result->n_sampled),
                          month, result->n_sampled, result->n_eligible, result->n_cases);
  g_string_append_c (summary, ' ');
  g_string_append_printf (summary, g_dngettext (NULL, "%u placed with an auditor",
                                                "%u placed with auditors", result->picks->len),
                          result->picks->len);
  g_string_append_printf (summary, g_dngettext (NULL, ", %u not placed.", ", %u not placed.",
                                                result->unplaced->len),
                          result->unplaced->len);
  g_string_append_c (summary, ' ');
  g_string_append_printf (summary, g_dngettext (NULL,
                                                "%u auditor with capacity for %u audits; ",
                                                "%u auditors with capacity for %u audits; ",
                                                result->n_auditors),
                          result->n_auditors, result->total_capacity);
  g_string_append_printf (summary, _("%u in the same locality."), result->n_same_locality);
  if (g_date_valid (&self->preview->return_date))
    {
      due = ca_date_format (&self->preview->return_date);
      g_autofree char *display = ca_date_format_display (due);

      g_string_append_c (summary, ' ');
      g_string_append_printf (summary, _("Audits are due back on %s."), display);
    }
  gtk_label_set_text (self->summary_label, summary->str);
  g_string_free (summary, TRUE);

  for (guint r = 0; r < CA_EXCLUSION_N; r++)
    if (result->excluded[r] > 0)
      /* Translators: "Closed too long ago: 12" */
      g_ptr_array_add (excluded, g_strdup_printf (_("%s: %u"),
                                                  ca_exclusion_reason_to_label (r),
                                                  result->excluded[r]));
  if (excluded->len == 0)
    gtk_label_set_text (self->excluded_label, _("Excluded: none."));
  else
    {
      g_autofree char *joined = NULL;
      g_autofree char *text = NULL;

      g_ptr_array_add (excluded, NULL);
      joined = g_strjoinv ("; ", (char **) excluded->pdata);
      /* Translators: the cases left out, counted by reason */
      text = g_strdup_printf (_("Excluded — %s."), joined);
      gtk_label_set_text (self->excluded_label, text);
    }

  gtk_widget_set_visible (self->unplaced_box, result->unplaced->len > 0);
  if (result->unplaced->len > 0)
    {
      g_autofree char *title =
        g_strdup_printf (g_dngettext (NULL,
                                      "%u sampled case could not be placed with an auditor",
                                      "%u sampled cases could not be placed with an auditor",
                                      result->unplaced->len),
                         result->unplaced->len);

      gtk_label_set_text (self->unplaced_title, title);
    }
  gtk_widget_set_visible (self->preview_box, TRUE);
  update_actions (self);
}

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CaAllocationView) self = user_data;
  g_autoptr(GError) error = NULL;
  CaAllocationPreview *preview;

  preview = ca_allocation_store_preview_finish (CA_DATABASE (source), result, &error);
  set_busy (self, FALSE);
  if (preview == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_problem (self, _("The preview was stopped."));
      else
        show_problem (self, error->message);
      return;
    }
  if (self->database != CA_DATABASE (source))
    {
      ca_allocation_preview_free (preview);
      return;
    }
  g_clear_pointer (&self->preview, ca_allocation_preview_free);
  self->preview = preview;
  show_preview (self);
}

static CaAllocationSettings *
gather_settings (CaAllocationView  *self,
                 GError           **error)
{
  g_autoptr(CaAllocationSettings) settings = NULL;
  g_autoptr(GStrvBuilder) chosen = g_strv_builder_new ();
  guint n_chosen = 0;
  const char *month = selected_month (self);

  if (month == NULL)
    {
      g_set_error_literal (error, CA_ALLOCATION_ERROR, CA_ALLOCATION_ERROR_INVALID,
                           _("Choose a programme month first."));
      return NULL;
    }
  settings = ca_allocation_settings_new (month);
  settings->seed = (guint64) gtk_spin_button_get_value (self->seed_spin);
  settings->sample_rule = adw_combo_row_get_selected (self->rule_row) == 1 ? CA_SAMPLE_FIXED
                                                                           : CA_SAMPLE_PERCENT;
  settings->sample_percent = gtk_spin_button_get_value_as_int (self->percent_spin);
  settings->fixed_count = gtk_spin_button_get_value_as_int (self->fixed_spin);
  settings->closed_within_days = gtk_spin_button_get_value_as_int (self->closed_spin);
  settings->restricted = adw_combo_row_get_selected (self->restricted_row) == 1
                         ? CA_RESTRICTED_FLAG : CA_RESTRICTED_EXCLUDE;
  /* The choices are listed in the order of their flags: none, ethnicity, locality, both. */
  settings->strata = (CaStrataFlags) (adw_combo_row_get_selected (self->strata_row) &
                                      (CA_STRATA_ETHNICITY | CA_STRATA_LOCALITY));
  for (guint i = 0; i < self->area_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->area_checks, i)))
      {
        g_strv_builder_add (chosen, self->areas[i]);
        n_chosen++;
      }
  if (self->area_checks->len > 0 && n_chosen == 0)
    {
      g_set_error_literal (error, CA_ALLOCATION_ERROR, CA_ALLOCATION_ERROR_INVALID,
                           _("Tick at least one service area to sample from."));
      return NULL;
    }
  /* Every area ticked means "all", so an area added later is not left out of a repeat. */
  if (n_chosen < self->area_checks->len)
    settings->service_areas = g_strv_builder_end (chosen);
  if (!ca_allocation_settings_validate (settings, error))
    return NULL;
  return g_steal_pointer (&settings);
}

static void
preview_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CaAllocationView *self = CA_ALLOCATION_VIEW (widget);
  g_autoptr(CaAllocationSettings) settings = NULL;
  g_autoptr(GError) error = NULL;

  if (self->database == NULL || self->busy)
    return;
  show_problem (self, NULL);
  settings = gather_settings (self, &error);
  if (settings == NULL)
    {
      show_problem (self, error->message);
      return;
    }
  clear_preview (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  ca_allocation_store_preview_async (self->database, settings, self->cancellable,
                                     preview_done_cb, g_object_ref (self));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CaAllocationView *self = CA_ALLOCATION_VIEW (widget);

  g_cancellable_cancel (self->cancellable);
}

static void
new_seed_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CaAllocationView *self = CA_ALLOCATION_VIEW (widget);

  gtk_spin_button_set_value (self->seed_spin, g_random_int_range (1, 999999999));
}

/* Commit */

static void
save_emails_clicked_cb (AdwToast         *toast,
                        CaAllocationView *self)
{
  const gint64 *run_id = g_object_get_data (G_OBJECT (toast), "run-id");

  if (run_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "allocation.save-emails", "x", *run_id);
}

static void
commit_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CaAllocationView) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 run_id;
  AdwToast *toast;
  g_autofree char *text = NULL;
  guint n;

  set_busy (self, FALSE);
  run_id = ca_allocation_store_commit_finish (CA_DATABASE (source), result, &error);
  if (run_id <= 0)
    {
      show_problem (self, error != NULL ? error->message : _("The run was not committed."));
      return;
    }
  n = self->preview->result->picks->len;
  clear_preview (self);
  show_problem (self, NULL);
  /* The runs and the quotas are read again when the database says the run is in. */

  text = g_strdup_printf (g_dngettext (NULL, "Allocation committed: %u audit created",
                                       "Allocation committed: %u audits created", n), n);
  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, CA_TOAST_LONG);
  adw_toast_set_button_label (toast, _("Save _E-mails…"));
  /* Not an action name: the toast's button sits under the window's overlay, outside this
   * view, where the view's own actions cannot be found, so it was always greyed. */
  g_object_set_data_full (G_OBJECT (toast), "run-id", g_memdup2 (&run_id, sizeof run_id),
                          g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (save_emails_clicked_cb),
                           self, 0);
  ca_toast_add (GTK_WIDGET (self), toast);
  gtk_stack_set_visible_child_name (self->pages, "runs");
}

static void
commit_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    CaAllocationView *self)
{
  if (g_strcmp0 (response, "commit") != 0 || self->preview == NULL || self->busy)
    return;

  set_busy (self, TRUE);
  /* The preview stays as it is until commit_done_cb(): the view is busy meanwhile. The
   * dialog said what is left unplaced before the user chose Commit. */
  ca_allocation_store_commit_async (self->database, self->preview, TRUE, NULL, commit_done_cb,
                                    g_object_ref (self));
}

static void
commit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CaAllocationView *self = CA_ALLOCATION_VIEW (widget);
  const CaAllocationResult *result;
  g_autoptr(GHashTable) auditors = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *month = NULL;
  GString *body;
  GtkWidget *dialog;

  if (self->preview == NULL || self->busy)
    return;
  result = self->preview->result;
  for (guint i = 0; i < result->picks->len; i++)
    {
      CaAllocationPick *pick = g_ptr_array_index (result->picks, i);

      g_hash_table_add (auditors, &pick->auditor_id);
    }
  month = format_month (self->preview->settings->month);
  body = g_string_new (NULL);
  /* Translators: "This creates 42 audits for 30 auditors in November 2026." */
  g_string_append_printf (body, g_dngettext (NULL, "This creates %u audit",
                                             "This creates %u audits", result->picks->len),
                          result->picks->len);
  g_string_append_printf (body, g_dngettext (NULL, " for %u auditor in %s.",
                                             " for %u auditors in %s.",
                                             g_hash_table_size (auditors)),
                          g_hash_table_size (auditors), month);
  if (result->unplaced->len > 0)
    {
      g_string_append_c (body, ' ');
      g_string_append_printf (body, g_dngettext (NULL,
                                                 "%u sampled case could not be placed and "
                                                 "will not be audited in this run.",
                                                 "%u sampled cases could not be placed and "
                                                 "will not be audited in this run.",
                                                 result->unplaced->len),
                              result->unplaced->len);
    }
  g_string_append_c (body, ' ');
  g_string_append (body, _("The run can be cancelled later only while none of its audits "
                           "has started."));

  dialog = ca_question_new (ca_widget_get_window (GTK_WIDGET (self)), _("Commit the Allocation?"), body->str, "commit",
                            _("_Commit"));
  g_string_free (body, TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (commit_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Cancel a run */

static gboolean
cancel_run_job (CaDatabase  *connection,
                gpointer     data,
                GError     **error)
{
  return ca_allocation_store_cancel (connection, *(gint64 *) data, error);
}

static void
run_cancelled (GtkWidget    *owner,
               gpointer      data,
               const GError *error)
{
  CaAllocationView *self = CA_ALLOCATION_VIEW (owner);

  if (error != NULL)
    {
      ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_LONG);
      return;
    }
  if (self->database == NULL)
    return;
  /* The runs and the quotas are read again when the database says the run is gone. */
  ca_toast_show_text (GTK_WIDGET (self), _("Run cancelled: its audits were removed"), CA_TOAST_LONG);
}

static void
cancel_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    CaAllocationView *self)
{
  gint64 run_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "run-id"));

  if (g_strcmp0 (response, "cancel-run") != 0 || self->database == NULL ||
      ca_view_write_is_busy (GTK_WIDGET (self)))
    return;
  ca_view_write (GTK_WIDGET (self), NULL, self->database, cancel_run_job,
                 g_memdup2 (&run_id, sizeof run_id), g_free, run_cancelled);
}

static void
cancel_run_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CaAllocationView *self = CA_ALLOCATION_VIEW (widget);
  gint64 run_id = g_variant_get_int64 (parameter);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (ca_widget_get_window (GTK_WIDGET (self)), _("Cancel the Run?"),
                                   _("Its audits are removed, and the cases can be sampled "
                                     "again. Tell the auditors if the e-mails were sent."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep the Run"),
                                    "cancel-run", _("Cancel _Run"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-run",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  ca_list_name_buttons_by_label (dialog);
  g_object_set_data (G_OBJECT (dialog), "run-id", GSIZE_TO_POINTER ((gsize) run_id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (cancel_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* E-mails */

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CaAllocationView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaAllocationMailDrafts) drafts = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  guint n;

  /* The same three steps as "allocate --commit --emails" (ca-allocation-mail-drafts.c),
   * for a run committed already: the set appeared in the folder whole, or not at all. */
  drafts = ca_allocation_mail_drafts_save_finish (CA_DATABASE (source), result, &error);
  if (drafts == NULL)
    {
      ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_LONG);
      return;
    }
  n = ca_allocation_mail_drafts_get_paths (drafts)->len;
  name = g_path_get_basename (ca_allocation_mail_drafts_get_path (drafts));
  text = g_strdup_printf (g_dngettext (NULL,
                                       "%u e-mail saved in “%s”: open it in your mail program "
                                       "and send it",
                                       "%u e-mails saved in “%s”: open each in your mail "
                                       "program and send it", n), n, name);
  ca_toast_show_text (GTK_WIDGET (self), text, CA_TOAST_LONG);
}

static void
folder_chosen (GtkWidget *owner,
               GFile     *file,
               gpointer   data)
{
  CaAllocationView *self = CA_ALLOCATION_VIEW (owner);
  g_autofree char *folder = NULL;

  if (self->database == NULL || (folder = g_file_get_path (file)) == NULL)
    return;
  ca_allocation_mail_drafts_save_async (self->database, GPOINTER_TO_SIZE (data), folder, NULL,
                                        saved_cb, g_object_ref (self));
}

static void
save_emails_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CaAllocationView *self = CA_ALLOCATION_VIEW (widget);
  GtkFileChooserNative *dialog;

  if (self->database == NULL)
    return;
  dialog = ca_file_chooser_new (widget, _("Save E-mails in a Folder"),
                                GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Save"));
  ca_file_chooser_ask (dialog, widget, folder_chosen,
                       GSIZE_TO_POINTER ((gsize) g_variant_get_int64 (parameter)), NULL);
}

static void
open_mail_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CaAllocationView *self = CA_ALLOCATION_VIEW (widget);
  g_autoptr(CaAllocationMailRun) run = NULL;
  g_autoptr(GError) error = NULL;
  gint64 run_id, staff_id;

  if (self->database == NULL || ca_widget_get_window (GTK_WIDGET (self)) == NULL)
    return;
  g_variant_get (parameter, "(xx)", &run_id, &staff_id);
  run = ca_allocation_mail_store_load (self->database, run_id, &error);
  if (run == NULL)
    {
      ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_LONG);
      return;
    }
  for (guint i = 0; i < run->auditors->len; i++)
    {
      CaAllocationMailAuditor *auditor = g_ptr_array_index (run->auditors, i);

      if (auditor->staff_id == staff_id)
        {
          g_autoptr(CaMailMessage) message = ca_allocation_mail_build (run, auditor);
          g_autofree char *uri = ca_mail_message_to_mailto_uri (message);

          ca_mail_draft_open (ca_widget_get_window (GTK_WIDGET (self)), GTK_WIDGET (self), uri,
                              _("Use Save E-mails… instead."));
          return;
        }
    }
}

/* Callbacks */

static void
rule_changed_cb (CaAllocationView *self)
{
  gboolean fixed = adw_combo_row_get_selected (self->rule_row) == 1;

  gtk_widget_set_visible (self->percent_row, !fixed);
  gtk_widget_set_visible (self->fixed_row, fixed);
}

/* A person's audits a month changed on the Quotas page. */
static void
capacity_changed_cb (CaAllocationView *self)
{
  /* A preview was worked out with the old number. */
  if (!self->busy)
    clear_preview (self);
}

static void
month_changed_cb (CaAllocationView *self)
{
  /* A preview belongs to its month. */
  clear_preview (self);
  show_problem (self, NULL);
}

/* Each edited audit changes the store; the lists are read again only when they are seen. */
/* The service areas, the runs and the quotas, read again now or, out of sight, when next
 * shown. */
static void
reload (CaAllocationView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  load_areas (self);
  ca_allocation_runs_page_reload (self->runs_page);
  ca_allocation_quota_page_reload (self->quota_page);
}

/* The content is shown only while the view is: GTK 4.8 gives assistive technologies every
 * visible widget, shown or not, and this view has many; screen readers (and the UI tests)
 * walking the window would otherwise go through all of them. */
static void
ca_allocation_view_map (GtkWidget *widget)
{
  CaAllocationView *self = CA_ALLOCATION_VIEW (widget);

  gtk_widget_set_visible (self->content, TRUE);
  GTK_WIDGET_CLASS (ca_allocation_view_parent_class)->map (widget);
  /* The programme may have been loaded or imported elsewhere (the Calendar's example). */
  if (self->database != NULL)
    load_months (self);
  if (self->stale && self->database != NULL)
    reload (self);
}

static void
ca_allocation_view_unmap (GtkWidget *widget)
{
  CaAllocationView *self = CA_ALLOCATION_VIEW (widget);

  GTK_WIDGET_CLASS (ca_allocation_view_parent_class)->unmap (widget);
  gtk_widget_set_visible (self->content, FALSE);
}

/* The Case column of the preview and of the cases not placed, made here rather than in the
 * template so that each row can be named for a screen reader by all it shows: GTK 4.8 names
 * a table row by nothing, and Orca said only "row". */
static void
case_cell_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    gpointer                  with_flag)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *case_ref = gtk_label_new (NULL);

  gtk_widget_set_valign (box, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (case_ref), 0);
  gtk_box_append (GTK_BOX (box), case_ref);
  if (with_flag)
    {
      GtkWidget *flag = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (flag), 0);
      gtk_label_set_wrap (GTK_LABEL (flag), TRUE);
      gtk_widget_add_css_class (flag, "caption");
      gtk_widget_add_css_class (flag, "allocation-flag");
      gtk_box_append (GTK_BOX (box), flag);
    }
  gtk_list_item_set_child (list_item, box);
}

static void
case_cell_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  with_flag)
{
  CaAllocationItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *case_ref = gtk_widget_get_first_child (box);
  GtkWidget *flag = gtk_widget_get_next_sibling (case_ref);
  g_autofree char *stratum = NULL;
  g_autofree char *flag_text = NULL;
  g_autofree char *name = NULL;
  gboolean access_request = FALSE;

  g_object_get (item, "stratum", &stratum, "flag", &flag_text, "access-request",
                &access_request, NULL);
  gtk_label_set_text (GTK_LABEL (case_ref), ca_allocation_item_get_case_ref (item));
  if (flag != NULL)
    {
      gtk_label_set_text (GTK_LABEL (flag), flag_text != NULL ? flag_text : "");
      gtk_widget_set_visible (flag, access_request);
    }

  if (ca_allocation_item_get_auditor (item) != NULL)
    /* TRANSLATORS: a preview row for a screen reader: case, stratum, auditor, why. */
    name = g_strdup_printf (_("%s, %s, to %s: %s"), ca_allocation_item_get_case_ref (item),
                            stratum, ca_allocation_item_get_auditor (item),
                            ca_allocation_item_get_reason (item));
  else
    /* TRANSLATORS: a row of cases not placed, for a screen reader: case, stratum, why. */
    name = g_strdup_printf (_("%s, %s, not placed: %s"), ca_allocation_item_get_case_ref (item),
                            stratum, ca_allocation_item_get_reason (item));
  if (with_flag && access_request && flag_text != NULL)
    {
      g_autofree char *flagged = g_strdup_printf ("%s. %s", name, flag_text);

      g_free (name);
      name = g_steal_pointer (&flagged);
    }
  ca_list_name_table_row (box, name);
}

static void
set_up_case_column (GtkColumnView *view,
                    gboolean       with_flag)
{
  g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (gtk_column_view_get_columns (view), 0);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (case_cell_setup_cb), GINT_TO_POINTER (with_flag));
  g_signal_connect (factory, "bind", G_CALLBACK (case_cell_bind_cb), GINT_TO_POINTER (with_flag));
  gtk_column_view_column_set_factory (column, factory);
}

static void
ca_allocation_view_dispose (GObject *object)
{
  CaAllocationView *self = (CaAllocationView *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->areas_cancellable);
  g_clear_object (&self->areas_cancellable);
  g_clear_handle_id (&self->reload_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_ALLOCATION_VIEW);
  g_clear_object (&self->context);
  g_clear_object (&self->database);
  g_clear_object (&self->picks);
  g_clear_object (&self->unplaced);
  g_clear_pointer (&self->preview, ca_allocation_preview_free);

  G_OBJECT_CLASS (ca_allocation_view_parent_class)->dispose (object);
}

static void
ca_allocation_view_finalize (GObject *object)
{
  CaAllocationView *self = (CaAllocationView *) object;

  g_strfreev (self->months);
  g_strfreev (self->areas);
  g_clear_pointer (&self->area_checks, g_ptr_array_unref);
  g_clear_pointer (&self->area_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_allocation_view_parent_class)->finalize (object);
}

/* The preview's columns widen with large text. */
static void
ca_allocation_view_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  CaAllocationView *self = CA_ALLOCATION_VIEW (widget);
  double scale = ca_list_text_scale (widget);

  GTK_WIDGET_CLASS (ca_allocation_view_parent_class)->css_changed (widget, change);
  ca_list_scale_columns (self->picks_view, scale);
  ca_list_scale_columns (self->unplaced_view, scale);
}

static void
ca_allocation_view_class_init (CaAllocationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_allocation_view_dispose;
  object_class->finalize = ca_allocation_view_finalize;
  widget_class->map = ca_allocation_view_map;
  widget_class->unmap = ca_allocation_view_unmap;
  widget_class->css_changed = ca_allocation_view_css_changed;

  g_type_ensure (CA_TYPE_ALLOCATION_ITEM);
  g_type_ensure (CA_TYPE_ALLOCATION_QUOTA_PAGE);
  g_type_ensure (CA_TYPE_ALLOCATION_RUNS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-allocation-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, content);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, pages);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, month_row);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, month_list);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, rule_row);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, percent_row);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, percent_spin);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, fixed_row);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, fixed_spin);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, closed_spin);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, restricted_row);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, strata_row);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, areas_row);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, spinner);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, preview_button);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, stop_button);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, problem_label);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, preview_box);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, excluded_label);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, unplaced_box);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, unplaced_title);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, unplaced_view);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, picks_view);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, runs_page);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationView, quota_page);
  gtk_widget_class_bind_template_callback (widget_class, rule_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, capacity_changed_cb);

  gtk_widget_class_install_action (widget_class, "allocation.preview", NULL, preview_action);
  gtk_widget_class_install_action (widget_class, "allocation.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "allocation.new-seed", NULL, new_seed_action);
  gtk_widget_class_install_action (widget_class, "allocation.commit", NULL, commit_action);
  gtk_widget_class_install_action (widget_class, "allocation.cancel-run", "x",
                                   cancel_run_action);
  gtk_widget_class_install_action (widget_class, "allocation.save-emails", "x",
                                   save_emails_action);
  gtk_widget_class_install_action (widget_class, "allocation.open-mail", "(xx)",
                                   open_mail_action);
}

static void
ca_allocation_view_init (CaAllocationView *self)
{
  g_autoptr(GtkNoSelection) picks_selection = NULL;
  g_autoptr(GtkNoSelection) unplaced_selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  ca_list_name_controls_once (GTK_WIDGET (self));

  self->area_checks = g_ptr_array_new ();
  self->area_rows = g_ptr_array_new ();
  self->picks = g_list_store_new (CA_TYPE_ALLOCATION_ITEM);
  self->unplaced = g_list_store_new (CA_TYPE_ALLOCATION_ITEM);
  picks_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->picks)));
  unplaced_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->unplaced)));
  gtk_column_view_set_model (self->picks_view, GTK_SELECTION_MODEL (picks_selection));
  gtk_column_view_set_model (self->unplaced_view, GTK_SELECTION_MODEL (unplaced_selection));
  ca_list_tab_leaves (GTK_WIDGET (self->picks_view));
  ca_list_tab_leaves (GTK_WIDGET (self->unplaced_view));
  set_up_case_column (self->picks_view, TRUE);
  set_up_case_column (self->unplaced_view, FALSE);

  gtk_spin_button_set_value (self->seed_spin, g_random_int_range (1, 999999999));
  g_signal_connect_object (self->month_row, "notify::selected", G_CALLBACK (month_changed_cb),
                           self, G_CONNECT_SWAPPED);
  update_actions (self);
}

/**
 * ca_allocation_view_capacity_changed:
 *
 * Drops a preview worked out with the old numbers and reads the quotas again (when next seen).
 */
void
ca_allocation_view_capacity_changed (CaAllocationView *self)
{
  g_return_if_fail (CA_IS_ALLOCATION_VIEW (self));

  if (!self->busy)
    clear_preview (self);
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->stale = TRUE;
  else
    ca_allocation_quota_page_reload (self->quota_page);
}

static gboolean
reload_idle_cb (gpointer data)
{
  CaAllocationView *self = data;

  self->reload_idle = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* Preferences changed a role's audits a month (every record: no ids), or the staff list
 * changed: the preview and the quotas are old. The Quotas page's own changes of one
 * person's number (with the person's id) it has shown already. */
static void
context_changed_cb (CaAllocationView *self,
                    int               kind,
                    GArray           *ids)
{
  if ((kind == CA_CHANGE_CAPACITY && ids->len == 0) || kind == CA_CHANGE_STAFF ||
      kind == CA_CHANGE_ANY)
    ca_allocation_view_capacity_changed (self);
  if ((kind == CA_CHANGE_PROGRAMME || kind == CA_CHANGE_ANY) &&
      gtk_widget_get_mapped (GTK_WIDGET (self)) && self->database != NULL)
    load_months (self);
  /* What the audits list reads again: the service areas come with an import, a run with
   * its audits. A run committed says both, and is read again once. */
  if ((kind == CA_CHANGE_ANY || kind == CA_CHANGE_CASE || kind == CA_CHANGE_AUDIT ||
       kind == CA_CHANGE_STAFF || kind == CA_CHANGE_ALLOCATION_RUN) && self->reload_idle == 0)
    self->reload_idle = g_idle_add (reload_idle_cb, self);
}

/**
 * ca_allocation_view_set_context:
 *
 * Works on @context's database, and listens to it for the changes that make the service
 * areas, the preview, the runs or the quotas old.
 */
void
ca_allocation_view_set_context (CaAllocationView *self,
                                CaContext        *context)
{
  g_return_if_fail (CA_IS_ALLOCATION_VIEW (self));
  g_return_if_fail (context == NULL || CA_IS_CONTEXT (context));

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  if (!g_set_object (&self->context, context))
    return;

  g_cancellable_cancel (self->cancellable);
  clear_preview (self);
  show_problem (self, NULL);
  g_clear_object (&self->database);
  if (context != NULL)
    self->database = g_object_ref (ca_context_get_database (context));
  ca_allocation_runs_page_set_database (self->runs_page, self->database);
  ca_allocation_quota_page_set_database (self->quota_page, self->database);
  if (context == NULL)
    return;
  g_signal_connect_object (context, "changed", G_CALLBACK (context_changed_cb), self,
                           G_CONNECT_SWAPPED);
  load_months (self);
  reload (self);
}
