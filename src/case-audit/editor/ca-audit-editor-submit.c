// SPDX-License-Identifier: GPL-3.0-or-later
// Submitting the audit in the editor (R-F7): what stops it, listed and kept current as it is
// put right; a question naming what will happen; then the draft saved and submitted on the
// database's worker, and the audit shown as submitted.

#define G_LOG_DOMAIN "ca-audit-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-audit-editor-private.h"
#include "ca-manager-response-group.h"
#include "ca-question.h"
#include "ca-toast.h"
#include "ca-widget.h"
#include "core/ca-deadlines.h"

/* Lists what stops the submission; SCROLL brings the list into view, at the top. */
static void
show_problems (CaAuditEditor *self,
               GPtrArray     *problems,
               gboolean       scroll)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      CaRuleProblem *problem = g_ptr_array_index (problems, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem->message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (icon, "error");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      if (ca_audit_editor_find_target (self, problem->where) != NULL)
        {
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
        }
      g_object_set_data_full (G_OBJECT (row), "where", g_strdup (problem->where), g_free);
      gtk_list_box_append (self->problems_list, row);
    }
  gtk_widget_set_visible (self->problems_group, problems != NULL && problems->len > 0);
  if (scroll)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

/* What stops @self's draft being submitted now, by the rules the submit checks with. */
static GPtrArray *
check (CaAuditEditor *self)
{
  GDate today;

  ca_context_get_today (self->context, &today);
  return ca_audit_rules_check_all (self->form->definition, self->form->draft,
                                   ca_context_get_holiday_calendar (self->context),
                                   ca_context_get_deadline_rules (self->context), &today);
}

/**
 * ca_audit_editor_recheck:
 *
 * After an edit: the list of what stops the submission, once shown, follows the form, so
 * that each problem put right leaves it (issue 12 item 9).
 */
void
ca_audit_editor_recheck (CaAuditEditor *self)
{
  g_autoptr(GPtrArray) problems = NULL;

  if (self->form == NULL || self->read_only || !gtk_widget_get_visible (self->problems_group))
    return;
  problems = check (self);
  show_problems (self, problems, FALSE);
}

/* The manager's response (R-F9) comes after the whole form: the form's last part. */
static void
add_response_group (gpointer owner,
                    gpointer data)
{
  CaAuditEditor *self = owner;
  g_autoptr(GError) error = NULL;

  if (self->response_group != NULL)
    return;
  self->response_group = ca_manager_response_group_new ();
  gtk_box_append (self->form_box, self->response_group);
  if (!ca_manager_response_group_load (CA_MANAGER_RESPONSE_GROUP (self->response_group),
                                       self->database, self->audit_id, &error))
    ca_toast_show_text (GTK_WIDGET (self->toast_overlay), error->message, CA_TOAST_LONG);
}

void
ca_audit_editor_show_submitted (CaAuditEditor *self,
                                gboolean       just_now)
{
  const CaAuditHeader *header = self->form->header;
  int category = self->form->draft->category;

  ca_audit_editor_set_read_only (self, TRUE);
  ca_audit_editor_set_status (self, _("Submitted"), FALSE);
  /* Queued after the parts still to build, not built with them all at once: a submitted
   * audit is painted as soon as one being typed into. */
  if (self->response_group == NULL)
    {
      ca_form_parts_add (self->parts, add_response_group, NULL);
      ca_form_parts_start (self->parts);
    }
  /* R-F7: asks for the Category 1–2 e-mail until it is marked sent. */
  ca_notification_banner_show_audit (self->notification_banner, self->database, self->audit_id);
  if (just_now)
    {
      g_autofree char *text = NULL;

      if (header->review_due_at != NULL)
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (header->review_due_at, NULL);
          /* The zone belongs to the deadline module: borrowed, not unreffed. */
          g_autoptr(GDateTime) local = utc ? g_date_time_to_timezone (utc, ca_deadline_get_time_zone ())
                                           : NULL;
          /* To the minute for Category 1's 48 hours; the others end with a working day. */
          g_autofree char *when = local ? g_date_time_format (local, category == 1
                                                                     ? "%-d %B %Y, %H:%M"
                                                                     : "%-d %B %Y")
                                        : g_strdup (header->review_due_at);

          /* Translators: "Submitted. Category 2: recommendations to be checked by DATE." */
          text = g_strdup_printf (_("Submitted. %s: recommendations to be checked by %s."),
                                  ca_category_get_label (category), when);
        }
      else
        /* Translators: "Submitted. Category 4: no review deadline." */
        text = g_strdup_printf (_("Submitted. %s: no review deadline."),
                                ca_category_get_label (category));
      ca_toast_show_text (GTK_WIDGET (self->toast_overlay), text, CA_TOAST_LONG);
    }
}

static void
submit_ended (CaAuditEditor *self)
{
  self->submitting = 0;
  gtk_widget_set_sensitive (self->submit_button, TRUE);
}

static void
submitted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CaAuditEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(CaAuditForm) stored = NULL;
  gint64 audit_id = self->submitting;
  gboolean ok = ca_audit_draft_store_submit_finish (result, &problems, &stored, &error);

  submit_ended (self);
  if (self->form == NULL || self->audit_id != audit_id)
    return;  /* another audit opened meanwhile */
  if (!ok)
    {
      if (g_error_matches (error, CA_AUDIT_DRAFT_STORE_ERROR, CA_AUDIT_DRAFT_STORE_ERROR_INVALID))
        show_problems (self, problems, TRUE);
      else
        ca_toast_show_text (GTK_WIDGET (self->toast_overlay), error->message, CA_TOAST_LONG);
      if (g_error_matches (error, CA_AUDIT_DRAFT_STORE_ERROR, CA_AUDIT_DRAFT_STORE_ERROR_CHANGED))
        {
          /* Take in the other copy's changes, and ask about any version set aside. */
          if (stored != NULL)
            ca_audit_choices_bar_add_set_aside (self->choices_bar, stored->set_aside);
          ca_audit_autosave_changed (self->autosave);
          ca_audit_choices_bar_ask (self->choices_bar);
        }
      return;
    }

  /* Submitted: nothing is left to autosave. */
  ca_audit_autosave_stop (self->autosave);
  show_problems (self, NULL, FALSE);
  if (stored != NULL)
    {
      ca_audit_header_free (self->form->header);
      self->form->header = g_steal_pointer (&stored->header);
    }
  ca_audit_editor_show_submitted (self, TRUE);
}

/* The draft is saved: submitted next, on the worker, after that save. */
static void
saved_for_submit_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CaAuditEditor) self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (!ca_audit_autosave_save_finish (CA_AUDIT_AUTOSAVE (source), result, NULL) ||
      self->form == NULL || self->read_only || self->audit_id != self->submitting)
    {
      submit_ended (self);
      return;
    }
  if (!ca_audit_choices_bar_is_empty (self->choices_bar))
    {
      submit_ended (self);
      ca_toast_show_text (GTK_WIDGET (self->toast_overlay), _("Choose between the two versions first, then submit."), CA_TOAST_LONG);
      ca_audit_choices_bar_ask (self->choices_bar);
      return;
    }

  ca_audit_draft_store_submit_async (self->database, self->audit_id,
                                     ca_audit_autosave_get_base (self->autosave),
                                     self->form->draft, now, submitted_cb, g_object_ref (self));
}

/* What submitting will do, named before it is done: it cannot be undone. */
static char *
describe_submission (CaAuditEditor *self)
{
  const CaAuditDraft *draft = self->form->draft;
  const CaDeadlineRules *rules = ca_context_get_deadline_rules (self->context);
  CaHolidayCalendar *calendar = ca_context_get_holiday_calendar (self->context);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) review = ca_deadline_for_category (calendar, draft->category, now, rules);
  g_autoptr(GDateTime) response = NULL;
  GString *text = g_string_new (_("Once submitted, the audit can no longer be changed."));

  g_string_append (text, "\n\n");
  if (review != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_timezone (review, ca_deadline_get_time_zone ());
      /* Category 1 counts hours; the others end with a working day. */
      g_autofree char *when = g_date_time_format (local, draft->category == 1 ? "%-d %B %Y, %H:%M"
                                                                               : "%-d %B %Y");

      /* Translators: "Category 2: the recommendations are to be checked by 15 December 2026." */
      g_string_append_printf (text, _("%s: the recommendations are to be checked by %s."),
                              ca_category_get_label (draft->category), when);
    }
  else
    /* Translators: "Category 4: no deadline for checking recommendations." */
    g_string_append_printf (text, _("%s: no deadline for checking recommendations."),
                            ca_category_get_label (draft->category));

  response = ca_deadline_manager_response (calendar, now,
                                           ca_audit_draft_get_n_actions (draft) > 0, rules);
  if (response != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_timezone (response, ca_deadline_get_time_zone ());
      g_autofree char *when = g_date_time_format (local, "%-d %B %Y");

      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("The manager’s response to the actions is due by %s."),
                              when);
    }
  /* R-F7: Category 1–2 go at once to the managers, with the audit as a PDF. */
  if (draft->category == 1 || draft->category == 2)
    {
      g_string_append (text, "\n\n");
      g_string_append (text, _("An e-mail to the Service Manager and the Team Manager is "
                               "prepared, with the audit as a PDF, for you to send at once."));
    }
  return g_string_free (text, FALSE);
}

/* Saved first, so that what another copy changed meanwhile is taken in or asked about:
 * what is submitted is what the person sees. Submit is off from here until the answer, so
 * that it is not sent twice. */
static void
confirmed_cb (AdwMessageDialog *dialog,
              const char       *response,
              CaAuditEditor    *self)
{
  if (g_strcmp0 (response, "submit") != 0 || self->form == NULL || self->read_only ||
      self->submitting != 0)
    return;

  self->submitting = self->audit_id;
  gtk_widget_set_sensitive (self->submit_button, FALSE);
  ca_audit_autosave_save_async (self->autosave, saved_for_submit_cb, g_object_ref (self));
}

/* Submit: what stops it is listed at once; otherwise the person is asked, told what will
 * happen. */
void
ca_audit_editor_submit_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  CaAuditEditor *self = CA_AUDIT_EDITOR (widget);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->form == NULL || self->read_only || self->submitting != 0)
    return;

  problems = check (self);
  if (problems->len > 0)
    {
      show_problems (self, problems, TRUE);
      return;
    }

  body = describe_submission (self);
  dialog = ca_question_new (ca_widget_get_window (widget), _("Submit the Audit?"),
                            body, "submit", _("_Submit"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirmed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
