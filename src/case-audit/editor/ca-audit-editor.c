// SPDX-License-Identifier: GPL-3.0-or-later
// The audit editor: one audit's form, built from its tool, autosaved as it is filled in (R-F1–R-F11).
// The rows are made in C because the form is data: each tool version has its own sections.

#define G_LOG_DOMAIN "ca-audit-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ca-audit-actions-group.h"
#include "ca-audit-autosave.h"
#include "ca-audit-choices-bar.h"
#include "ca-audit-draft-store.h"
#include "ca-audit-export.h"
#include "ca-audit-section-group.h"
#include "ca-choice.h"
#include "ca-audit-editor-private.h"
#include "ca-form-parts.h"
#include "ca-form-rows.h"
#include "ca-list-access.h"
#include "ca-manager-response-group.h"
#include "ca-notification-banner.h"
#include "ca-toast.h"


G_DEFINE_FINAL_TYPE (CaAuditEditor, ca_audit_editor, GTK_TYPE_WIDGET)

static void update_explanations (CaAuditEditor *self);
static void build_part          (gpointer owner, gpointer data);

/* The save status is the title's subtitle: always in view, and it shortens gracefully in a
 * narrow window. A failure is in the error colour and its whole text is in the tooltip. */
void
ca_audit_editor_set_status (CaAuditEditor *self,
                            const char    *text,
                            gboolean       failed)
{
  adw_window_title_set_subtitle (self->window_title, text ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), text);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->window_title), "save-failed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->window_title), "save-failed");
}

/* Every edit comes through here. */
static void
changed (CaAuditEditor *self)
{
  if (self->loading || self->read_only)
    return;
  update_explanations (self);
  ca_audit_editor_recheck (self);
  ca_audit_autosave_changed (self->autosave);
}

/* Autosave ---------------------------------------------------------------------------- */

static void
autosave_status_changed_cb (CaAuditAutosave *autosave,
                            const char      *text,
                            gboolean         failed,
                            CaAuditEditor   *self)
{
  ca_audit_editor_set_status (self, text, failed);
}

static void refresh_form (CaAuditEditor *self);

static void
autosave_refreshed_cb (CaAuditAutosave *autosave,
                       GStrv            fields,
                       CaAuditEditor   *self)
{
  refresh_form (self);
}

static void
autosave_conflict_cb (CaAuditAutosave *autosave,
                      const char      *where,
                      const char      *other,
                      gint64           set_aside_id,
                      CaAuditEditor   *self)
{
  /* Told in the bar, not asked in a dialog: the person may be typing, and a dialog would take
   * the next keystrokes. */
  ca_audit_choices_bar_add (self->choices_bar, where, other, NULL, set_aside_id);
}

/* Explanations ------------------------------------------------------------------------ */

/* Item I of the overall grade's combo is grade I; item 0 ("not graded") is always available. */
static gboolean
overall_grade_allowed (gconstpointer   definition,
                       gconstpointer   draft,
                       guint           item,
                       char          **why_not)
{
  return ca_audit_rules_overall_grade_allowed (definition, draft, (CaGrade) item, why_not);
}

/* Likewise item I of the category's combo is category I. */
static gboolean
category_allowed (gconstpointer   unused,
                  gconstpointer   values,
                  guint           item,
                  char          **why_not)
{
  const CaAuditDraft *draft = values;

  return ca_audit_rules_category_allowed (draft->overall_grade, (int) item,
                                          ca_audit_draft_get_n_actions (draft), why_not);
}

static void
update_explanations (CaAuditEditor *self)
{
  const CaAuditDraft *draft;

  if (self->form == NULL)
    return;
  draft = self->form->draft;

  for (guint i = 0; i < self->section_groups->len; i++)
    ca_audit_section_group_update_explanation (g_ptr_array_index (self->section_groups, i));
  if (self->actions_group != NULL)
    ca_audit_actions_group_explain_deadlines (CA_AUDIT_ACTIONS_GROUP (self->actions_group));

  if (self->overall_row != NULL)
    {
      g_autofree char *best_reason = NULL;
      g_autofree char *why_not = NULL;
      g_autofree char *text = NULL;
      CaGrade chosen = draft->overall_grade;
      CaGrade best = ca_audit_rules_best_allowed_overall_grade (self->form->definition, draft,
                                                                &best_reason);
      gboolean allowed = chosen == CA_GRADE_NONE ||
                         ca_audit_rules_overall_grade_allowed (self->form->definition, draft,
                                                               chosen, &why_not);

      text = ca_form_rows_explain_grade (chosen, allowed, why_not, best, best_reason);
      ca_form_rows_set_explanation (self->overall_explanation, self->overall_row, text, !allowed);
      ca_form_rows_mark_choices (self->overall_row, overall_grade_allowed, self->form->definition,
                                 draft);
    }

  if (self->category_row != NULL)
    {
      g_autofree char *why_not = NULL;
      int category = draft->category;
      gboolean allowed = category == CA_CATEGORY_NONE ||
                         ca_audit_rules_category_allowed (draft->overall_grade, category,
                                                          ca_audit_draft_get_n_actions (draft),
                                                          &why_not);

      if (category == CA_CATEGORY_NONE)
        {
          g_autofree char *hint = ca_audit_rules_category_hint (draft->overall_grade,
                                                                ca_audit_draft_get_n_actions (draft));

          ca_form_rows_set_explanation (self->category_explanation, self->category_row, hint,
                                        FALSE);
        }
      else if (!allowed)
        ca_form_rows_set_explanation (self->category_explanation, self->category_row, why_not,
                                      TRUE);
      else
        ca_form_rows_set_explanation (self->category_explanation, self->category_row,
                                      ca_category_get_description (category), FALSE);
      ca_form_rows_mark_choices (self->category_row, category_allowed, NULL, draft);
    }
}

/* Building the form ------------------------------------------------------------------- */

static void
track (CaAuditEditor *self,
       GtkWidget     *input,
       const char    *where)
{
  g_ptr_array_add (self->inputs, input);
  if (where != NULL)
    g_hash_table_replace (self->targets, g_strdup (where), input);
}

static GtkWidget *
new_group (CaAuditEditor *self,
           const char    *title,
           const char    *description)
{
  GtkWidget *group = ca_form_rows_new_group (title, description);

  gtk_box_append (self->form_box, group);
  return group;
}

static void
joint_practitioner_changed_cb (AdwComboRow   *row,
                               GParamSpec    *pspec,
                               CaAuditEditor *self)
{
  if (self->loading || self->form == NULL)
    return;
  ca_audit_draft_set_joint_practitioner (self->form->draft,
                                         ca_form_rows_staff_combo_get_id (row, self->form->owners));
  changed (self);
}

/* Text views: pen picture, done well, comments, feedback. */

typedef void (*TextSetter) (CaAuditEditor *self, const char *key, const char *text);

static void
text_view_changed_cb (GtkTextBuffer *buffer,
                      CaAuditEditor *self)
{
  TextSetter setter = g_object_get_data (G_OBJECT (buffer), "setter");
  const char *key = g_object_get_data (G_OBJECT (buffer), "key");
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->loading || self->form == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  setter (self, key, text);
  changed (self);
}

static GtkWidget *
add_text_view (CaAuditEditor *self,
               GtkWidget     *group,
               const char    *accessible_label,
               const char    *text,
               TextSetter     setter,
               const char    *key,
               const char    *where)
{
  GtkWidget *view = ca_form_rows_add_text_view (group, accessible_label, text);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  g_object_set_data (G_OBJECT (buffer), "setter", setter);
  g_object_set_data_full (G_OBJECT (buffer), "key", g_strdup (key), g_free);
  g_signal_connect (buffer, "changed", G_CALLBACK (text_view_changed_cb), self);
  track (self, view, where);
  return view;
}

static void
set_pen_picture (CaAuditEditor *self, const char *key, const char *text)
{
  ca_audit_draft_set_pen_picture (self->form->draft, text);
}

static void
set_done_well (CaAuditEditor *self, const char *key, const char *text)
{
  ca_audit_draft_set_done_well (self->form->draft, text);
}

static void
set_comments (CaAuditEditor *self, const char *key, const char *text)
{
  ca_audit_draft_set_comments (self->form->draft, text);
}

/* Date rows: typed as 1/12/2026, 2026-12-01 or 1 Dec 2026; stored only once real, as ISO. */

typedef enum { DATE_AUDIT, DATE_PERIOD_START, DATE_PERIOD_END, DATE_FEEDBACK } DateField;

static void
date_row_changed_cb (GtkEditable   *editable,
                     CaAuditEditor *self)
{
  DateField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (editable), "field"));
  g_autofree char *text = NULL;
  CaAuditDraft *draft;

  if (self->loading || self->form == NULL)
    return;
  draft = self->form->draft;
  /* Not a date: the text stays in the row, and the draft keeps the last real date. */
  if (!ca_form_rows_read_date (GTK_WIDGET (editable), &text))
    return;

  switch (field)
    {
    case DATE_AUDIT:
      ca_audit_draft_set_audit_date (draft, text);
      break;
    case DATE_PERIOD_START:
      ca_audit_draft_set_period (draft, text, draft->period_end);
      break;
    case DATE_PERIOD_END:
      ca_audit_draft_set_period (draft, draft->period_start, text);
      break;
    case DATE_FEEDBACK:
    default:
      ca_audit_draft_set_feedback (draft, draft->feedback_method, text,
                                   draft->feedback_summary);
      break;
    }
  changed (self);
}

static GtkWidget *
add_date_row (CaAuditEditor *self,
              GtkWidget     *group,
              const char    *title,
              const char    *value,
              DateField      field,
              const char    *where)
{
  GtkWidget *row = ca_form_rows_add_date_row (group, title, value);

  g_object_set_data (G_OBJECT (row), "field", GINT_TO_POINTER (field));
  g_signal_connect (row, "changed", G_CALLBACK (date_row_changed_cb), self);
  track (self, row, where);
  return row;
}

/* Sections. */

static void
section_changed_cb (CaAuditSectionGroup *group,
                    CaAuditEditor       *self)
{
  changed (self);
}

static void
add_section (CaAuditEditor       *self,
             const CaToolSection *section)
{
  GtkWidget *group = ca_audit_section_group_new (section, self->form->draft);

  g_signal_connect (group, "changed", G_CALLBACK (section_changed_cb), self);
  g_ptr_array_add (self->section_groups, group);
  gtk_box_append (self->form_box, group);
}

static void
overall_changed_cb (AdwComboRow   *row,
                    GParamSpec    *pspec,
                    CaAuditEditor *self)
{
  if (self->loading || self->form == NULL)
    return;
  ca_audit_draft_set_overall_grade (self->form->draft, (CaGrade) adw_combo_row_get_selected (row));
  changed (self);
}

static void
category_changed_cb (AdwComboRow   *row,
                     GParamSpec    *pspec,
                     CaAuditEditor *self)
{
  if (self->loading || self->form == NULL)
    return;
  ca_audit_draft_set_category (self->form->draft, (int) adw_combo_row_get_selected (row));
  changed (self);
}

static void
add_overall (CaAuditEditor *self)
{
  const CaAuditDraft *draft = self->form->draft;
  GtkWidget *group = new_group (self, _("Overall"), NULL);
  g_autoptr(GListStore) grades = ca_form_rows_new_grade_choices (_("Not graded"));
  g_autoptr(GListStore) categories = g_list_store_new (CA_TYPE_CHOICE);
  GtkWidget *heading;

  self->overall_row = ca_form_rows_new_choice_row (_("Overall grade"), grades,
                                                   (guint) draft->overall_grade);
  g_signal_connect (self->overall_row, "notify::selected", G_CALLBACK (overall_changed_cb), self);
  ca_form_rows_add_row_in_list (group, self->overall_row);
  self->overall_explanation = ca_form_rows_add_explanation (group);
  track (self, self->overall_row, "overall_grade");

  for (int category = CA_CATEGORY_NONE; category <= CA_CATEGORY_MAX; category++)
    {
      g_autofree char *label = category == CA_CATEGORY_NONE
                               ? g_strdup (ca_category_get_label (category))
                               /* Translators: "Category 1 — Inadequate – critical: …" */
                               : g_strdup_printf (_("%s — %s"), ca_category_get_label (category),
                                                  ca_category_get_description (category));

      ca_form_rows_append_choice (categories, label);
    }
  self->category_row = ca_form_rows_new_choice_row (_("Category"), categories,
                                                    (guint) draft->category);
  g_signal_connect (self->category_row, "notify::selected", G_CALLBACK (category_changed_cb), self);
  ca_form_rows_add_row_in_list (group, self->category_row);
  self->category_explanation = ca_form_rows_add_explanation (group);
  track (self, self->category_row, "category");

  heading = ca_form_rows_add_heading (group, _("What has been done well (required)"));
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  add_text_view (self, group, _("What has been done well"), draft->done_well, set_done_well,
                 NULL, "done_well");

  ca_form_rows_add_heading (group, _("Comments"));
  add_text_view (self, group, _("Overall comments"), draft->comments, set_comments, NULL,
                 "comments");
}

/* Actions (R-F5) ------------------------------------------------------------------------ */

static void
actions_changed_cb (CaAuditActionsGroup *group,
                    CaAuditEditor       *self)
{
  changed (self);
}

static void
add_actions (CaAuditEditor *self)
{
  self->actions_group = ca_audit_actions_group_new ();
  ca_audit_actions_group_set_draft (CA_AUDIT_ACTIONS_GROUP (self->actions_group), self->form->draft,
                                    self->form->owners);
  g_signal_connect (self->actions_group, "changed", G_CALLBACK (actions_changed_cb), self);
  gtk_box_append (self->form_box, self->actions_group);

  /* The deadline rules and the bank holidays are the context's, read once for all views.
   * Without rules the actions still work; only the default dates and urgency checks wait
   * for submission, which reports the same problem. */
  if (ca_context_get_deadline_rules (self->context) != NULL)
    ca_audit_actions_group_set_deadlines (CA_AUDIT_ACTIONS_GROUP (self->actions_group),
                                          ca_context_get_holiday_calendar (self->context),
                                          ca_context_get_deadline_rules (self->context));
}

/* Feedback from the child or family (R-F11) ------------------------------------------- */

static void
set_feedback_summary (CaAuditEditor *self, const char *key, const char *text)
{
  CaAuditDraft *draft = self->form->draft;

  ca_audit_draft_set_feedback (draft, draft->feedback_method, draft->feedback_date,
                               text && *text ? text : NULL);
}

static void
feedback_method_changed_cb (AdwComboRow   *row,
                            GParamSpec    *pspec,
                            CaAuditEditor *self)
{
  const char * const *codes = ca_feedback_method_list ();
  guint selected = adw_combo_row_get_selected (row);
  CaAuditDraft *draft;

  if (self->loading || self->form == NULL)
    return;
  draft = self->form->draft;
  ca_audit_draft_set_feedback (draft,
                               selected > 0 && selected <= g_strv_length ((char **) codes)
                               ? codes[selected - 1] : NULL,
                               draft->feedback_date, draft->feedback_summary);
  changed (self);
}

static void
add_feedback (CaAuditEditor *self)
{
  const CaAuditDraft *draft = self->form->draft;
  const char * const *codes = ca_feedback_method_list ();
  GtkWidget *group = new_group (self, _("Feedback from the child or family (optional)"),
                                _("If the child or their family gave feedback about the "
                                  "service, how and when they gave it, and what they said."));
  GtkStringList *methods = gtk_string_list_new (NULL);
  GtkWidget *row = ca_form_rows_new_combo_row (_("How it was given"));
  guint selected = 0;

  gtk_string_list_append (methods, _("Not given"));
  for (guint i = 0; codes[i] != NULL; i++)
    {
      gtk_string_list_append (methods, ca_feedback_method_get_label (codes[i]));
      if (g_strcmp0 (draft->feedback_method, codes[i]) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (methods));
  g_object_unref (methods);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_signal_connect (row, "notify::selected", G_CALLBACK (feedback_method_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  track (self, row, "feedback_method");

  add_date_row (self, group, _("Date of the feedback"), draft->feedback_date, DATE_FEEDBACK,
                "feedback_date");

  ca_form_rows_add_heading (group, _("Summary of the feedback"));
  add_text_view (self, group, _("Summary of the feedback"), draft->feedback_summary,
                 set_feedback_summary, NULL, "feedback_summary");
}

/* Takes away the form's controls, leaving the form's data. */
static void
clear_controls (CaAuditEditor *self)
{
  GtkWidget *child;

  ca_form_parts_clear (self->parts);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->form_box))) != NULL)
    gtk_box_remove (self->form_box, child);
  g_ptr_array_set_size (self->section_groups, 0);  /* went with the form's other children */
  g_ptr_array_set_size (self->inputs, 0);
  g_hash_table_remove_all (self->targets);
  self->overall_row = self->overall_explanation = NULL;
  self->category_row = self->category_explanation = NULL;
  self->actions_group = NULL;
  self->response_group = NULL;  /* went with the form's other children */
}

static void
clear_form (CaAuditEditor *self)
{
  GtkWidget *child;

  ca_audit_autosave_stop (self->autosave);
  ca_audit_choices_bar_clear (self->choices_bar);
  clear_controls (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);
  gtk_widget_set_visible (self->problems_group, FALSE);
  ca_notification_banner_clear (self->notification_banner);
  g_clear_pointer (&self->form, ca_audit_form_free);
}

void
ca_audit_editor_set_read_only (CaAuditEditor *self,
                               gboolean       read_only)
{
  self->read_only = read_only;
  ca_form_rows_set_read_only (self->inputs, read_only);
  for (guint i = 0; i < self->section_groups->len; i++)
    ca_audit_section_group_set_read_only (g_ptr_array_index (self->section_groups, i), read_only);
  if (self->actions_group != NULL)
    ca_audit_actions_group_set_read_only (CA_AUDIT_ACTIONS_GROUP (self->actions_group), read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.submit", !read_only);
  /* Only a submitted audit is moderated (R-H1). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-to-moderation", read_only);
  /* A submitted audit has nothing to submit; the title gets the room in a narrow window. */
  gtk_widget_set_visible (self->submit_button, !read_only);
}

static void
build_form (CaAuditEditor *self)
{
  const CaAuditHeader *header = self->form->header;
  const CaToolDefinition *definition = self->form->definition;
  CaAuditDraft *draft = self->form->draft;
  g_autofree char *tool = g_strdup_printf (_("%s, version %d"), header->tool_name,
                                           header->tool_version);
  GtkWidget *group, *joint_row;

  self->loading = TRUE;

  adw_window_title_set_title (self->window_title, header->case_ref);

  group = new_group (self, _("Audit"), NULL);
  ca_form_rows_add_property_row (group, _("Case"), header->case_ref);
  ca_form_rows_add_property_row (group, _("Allocated worker"), header->allocated_worker);
  ca_form_rows_add_property_row (group, _("Auditor"), header->auditor);
  ca_form_rows_add_property_row (group, _("Tool"), tool);
  joint_row = ca_form_rows_new_staff_combo (_("Done jointly with"), _("Not done jointly"),
                                            self->form->owners, draft->joint_practitioner_id);
  g_signal_connect (joint_row, "notify::selected", G_CALLBACK (joint_practitioner_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), joint_row);
  track (self, joint_row, "joint_practitioner");
  add_date_row (self, group, _("Audit date"), draft->audit_date, DATE_AUDIT, "audit_date");
  add_date_row (self, group, _("Period reviewed from"), draft->period_start, DATE_PERIOD_START,
                "period_start");
  add_date_row (self, group, _("Period reviewed to"), draft->period_end, DATE_PERIOD_END,
                "period_end");

  if (definition->pen_picture)
    {
      group = new_group (self, _("Pen picture of the child's journey"),
                         _("Who the child is, what has happened and what has changed for them."));
      add_text_view (self, group, _("Pen picture of the child's journey"), draft->pen_picture,
                     set_pen_picture, NULL, "pen_picture");
    }

  /* Below the first screenful: built once it is painted (see ca-form-parts.c). */
  for (guint part = 0; part < definition->sections->len + 3; part++)
    if ((part != definition->sections->len || definition->overall_grade) &&
        (part != definition->sections->len + 1 || definition->actions))
      ca_form_parts_add (self->parts, build_part, GUINT_TO_POINTER (part));
  ca_form_parts_start (self->parts);

  ca_audit_choices_bar_set_form (self->choices_bar, self->autosave, self->form);
  self->loading = FALSE;
  update_explanations (self);
}

/* The form below its first screenful, built by CaFormParts once that is painted: section
 * PART, or past the sections the overall grade, the actions and the feedback. */
static void
build_part (gpointer owner,
            gpointer data)
{
  CaAuditEditor *self = owner;
  const GPtrArray *sections = self->form->definition->sections;
  guint part = GPOINTER_TO_UINT (data);

  self->loading = TRUE;
  if (part < sections->len)
    add_section (self, g_ptr_array_index (sections, part));
  else if (part == sections->len)
    add_overall (self);
  else if (part == sections->len + 1)
    add_actions (self);
  else
    add_feedback (self);
  self->loading = FALSE;
  if (self->read_only)
    ca_audit_editor_set_read_only (self, TRUE);
  update_explanations (self);
}

/* Builds what is left of the form: for what needs every control. */
void
ca_audit_editor_finish_building (CaAuditEditor *self)
{
  ca_form_parts_finish (self->parts);
}

/* Whether every part of the form is built, the first screenful and the rest: for benchmarks. */
gboolean
ca_audit_editor_is_complete (CaAuditEditor *self)
{
  g_return_val_if_fail (CA_IS_AUDIT_EDITOR (self), FALSE);

  return !ca_form_parts_is_pending (self->parts);
}

/* Submitting --------------------------------------------------------------------------- */

/* The control to focus for a submission problem at WHERE, if there is one. */
GtkWidget *
ca_audit_editor_find_target (CaAuditEditor *self,
                             const char    *where)
{
  GtkWidget *target;

  if (where == NULL)
    return NULL;
  ca_form_parts_finish (self->parts);
  target = g_hash_table_lookup (self->targets, where);
  for (guint i = 0; target == NULL && i < self->section_groups->len; i++)
    target = ca_audit_section_group_get_target (g_ptr_array_index (self->section_groups, i),
                                                where);
  if (target == NULL && self->actions_group != NULL)
    target = ca_audit_actions_group_get_target (CA_AUDIT_ACTIONS_GROUP (self->actions_group),
                                                where);
  return target;
}

static void
problem_activated_cb (GtkListBox    *list,
                      GtkListBoxRow *row,
                      CaAuditEditor *self)
{
  const char *where = g_object_get_data (G_OBJECT (row), "where");
  GtkWidget *target = ca_audit_editor_find_target (self, where);

  if (target != NULL)
    gtk_widget_grab_focus (target);
}

/* The path of the field whose control is or holds WIDGET, if any. */
static const char *
find_path (CaAuditEditor *self,
           GtkWidget     *widget)
{
  const char *where = ca_form_rows_find_path (self->targets, widget);

  for (guint i = 0; where == NULL && i < self->section_groups->len; i++)
    where = ca_audit_section_group_find_path (g_ptr_array_index (self->section_groups, i),
                                              widget);
  if (where == NULL && self->actions_group != NULL)
    where = ca_audit_actions_group_find_path (CA_AUDIT_ACTIONS_GROUP (self->actions_group),
                                              widget);
  return where;
}

typedef struct
{
  CaAuditEditor *self;
  double         position;
} ScrollRestore;

static gboolean
restore_scroll_cb (gpointer data)
{
  ScrollRestore *restore = data;

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (restore->self->scroller),
                            restore->position);
  g_object_unref (restore->self);
  g_free (restore);
  return G_SOURCE_REMOVE;
}

/* Shows the draft again after the autosave changed it (another copy's change taken in, or a
 * version chosen). The form is made anew from the draft, which is simplest and always
 * right, and the place where the person was, the scroll and the cursor, is kept. */
static void
refresh_form (CaAuditEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  g_autofree char *where = g_strdup (find_path (self, focus));
  ScrollRestore *restore;
  GtkWidget *target;
  int cursor = -1;

  if (self->form == NULL)
    return;
  if (GTK_IS_TEXT_VIEW (focus))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus));
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
      cursor = gtk_text_iter_get_offset (&iter);
    }
  else if (GTK_IS_EDITABLE (focus))
    cursor = gtk_editable_get_position (GTK_EDITABLE (focus));

  restore = g_new0 (ScrollRestore, 1);
  restore->self = g_object_ref (self);
  restore->position = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller));

  clear_controls (self);
  build_form (self);
  /* Whole at once: the place is found in it, and the scroll restored over it. */
  ca_form_parts_finish (self->parts);
  ca_audit_editor_set_read_only (self, self->read_only);

  target = ca_audit_editor_find_target (self, where);
  if (target != NULL && gtk_widget_grab_focus (target))
    {
      focus = gtk_root_get_focus (root);
      if (GTK_IS_TEXT_VIEW (focus) && cursor >= 0)
        {
          GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus));
          GtkTextIter iter;

          gtk_text_buffer_get_iter_at_offset (buffer, &iter, cursor);
          gtk_text_buffer_place_cursor (buffer, &iter);
        }
      else if (GTK_IS_EDITABLE (focus) && cursor >= 0)
        gtk_editable_set_position (GTK_EDITABLE (focus), cursor);
    }
  /* After the new controls are laid out, or the old position would be cut to nothing. */
  g_idle_add_full (G_PRIORITY_LOW, restore_scroll_cb, restore, NULL);
}

/* Two versions of a field (R-N2) --------------------------------------------------------- */

static void
choose_version_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ca_audit_choices_bar_ask (CA_AUDIT_EDITOR (widget)->choices_bar);
}

/* Export and printing (R-F10) --------------------------------------------------------- */

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CaAuditEditor *self = CA_AUDIT_EDITOR (widget);

  if (self->form != NULL)
    ca_audit_export_pdf (widget, GTK_WIDGET (self->toast_overlay), self->autosave,
                         self->database, self->audit_id, self->form->header->case_ref,
                         self->form->draft->audit_date);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CaAuditEditor *self = CA_AUDIT_EDITOR (widget);

  if (self->form != NULL)
    ca_audit_export_print (widget, GTK_WIDGET (self->toast_overlay), self->autosave,
                           self->database, self->audit_id, self->form->header->case_ref);
}

static void
show_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CaAuditEditor *self = CA_AUDIT_EDITOR (widget);

  if (self->form != NULL)
    gtk_widget_activate_action (widget, "win.show-case", "x", self->form->header->case_id);
}

/* The widget --------------------------------------------------------------------------- */

static void
ca_audit_editor_dispose (GObject *object)
{
  CaAuditEditor *self = (CaAuditEditor *) object;
  GtkWidget *child;

  if (self->autosave != NULL)
    {
      /* A save under way keeps the autosave alive; this editor must not hear of it. */
      g_signal_handlers_disconnect_by_data (self->autosave, self);
      ca_audit_autosave_stop (self->autosave);
      g_clear_object (&self->autosave);
    }
  ca_audit_choices_bar_clear (self->choices_bar);
  ca_form_parts_clear (self->parts);
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_AUDIT_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->form, ca_audit_form_free);
  g_clear_object (&self->database);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ca_audit_editor_parent_class)->dispose (object);
}

static void
ca_audit_editor_finalize (GObject *object)
{
  CaAuditEditor *self = (CaAuditEditor *) object;

  ca_form_parts_free (self->parts);
  g_ptr_array_unref (self->section_groups);
  g_ptr_array_unref (self->inputs);
  g_hash_table_unref (self->targets);

  G_OBJECT_CLASS (ca_audit_editor_parent_class)->finalize (object);
}

static void
ca_audit_editor_class_init (CaAuditEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_audit_editor_dispose;
  object_class->finalize = ca_audit_editor_finalize;

  g_type_ensure (CA_TYPE_NOTIFICATION_BANNER);
  g_type_ensure (CA_TYPE_AUDIT_CHOICES_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-audit-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CaAuditEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CaAuditEditor, submit_button);
  gtk_widget_class_bind_template_child (widget_class, CaAuditEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CaAuditEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, CaAuditEditor, notification_banner);
  gtk_widget_class_bind_template_child (widget_class, CaAuditEditor, choices_bar);
  gtk_widget_class_bind_template_child (widget_class, CaAuditEditor, problems_group);
  gtk_widget_class_bind_template_child (widget_class, CaAuditEditor, problems_list);
  gtk_widget_class_bind_template_child (widget_class, CaAuditEditor, form_box);

  gtk_widget_class_install_action (widget_class, "editor.submit", NULL,
                                   ca_audit_editor_submit_action);
  gtk_widget_class_install_action (widget_class, "editor.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "editor.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "editor.show-case", NULL, show_case_action);
  gtk_widget_class_install_action (widget_class, "editor.add-to-moderation", NULL,
                                   ca_audit_editor_add_to_moderation_action);
  gtk_widget_class_install_action (widget_class, "editor.choose-version", NULL,
                                   choose_version_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "editor.print", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ca_audit_editor_init (CaAuditEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ca_list_name_button (self->submit_button, _("Submit"));

  self->section_groups = g_ptr_array_new ();
  self->inputs = g_ptr_array_new ();
  self->parts = ca_form_parts_new (GTK_WIDGET (self));
  self->autosave = ca_audit_autosave_new ();
  g_signal_connect (self->autosave, "status-changed", G_CALLBACK (autosave_status_changed_cb),
                    self);
  g_signal_connect (self->autosave, "refreshed", G_CALLBACK (autosave_refreshed_cb), self);
  g_signal_connect (self->autosave, "conflict", G_CALLBACK (autosave_conflict_cb), self);
  self->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect (self->problems_list, "row-activated", G_CALLBACK (problem_activated_cb), self);
}

/* Shows @form, which it takes, in place of the audit shown before (saved already). */
void
ca_audit_editor_show_form (CaAuditEditor *self,
                           CaAuditForm   *form)
{
  CaDatabase *database = ca_context_get_database (self->context);

  clear_form (self);
  g_set_object (&self->database, database);
  self->audit_id = form->header->audit_id;
  self->form = form;
  build_form (self);
  ca_audit_editor_set_status (self, ca_audit_status_get_label (form->header->status), FALSE);
  ca_audit_editor_set_read_only (self, form->header->status != CA_AUDIT_STATUS_ALLOCATED &&
                                       form->header->status != CA_AUDIT_STATUS_IN_PROGRESS);
  if (self->read_only)
    ca_audit_editor_show_submitted (self, FALSE);
  else
    {
      /* Typing starts in the form's first field, not on Submit (issue 12 item 9). */
      if (self->inputs->len > 0)
        gtk_widget_grab_focus (g_ptr_array_index (self->inputs, 0));
      ca_audit_autosave_start (self->autosave, database, self->audit_id, form->draft,
                               form->stored);
      ca_audit_choices_bar_add_set_aside (self->choices_bar, form->set_aside);
      ca_audit_choices_bar_ask_when_idle (self->choices_bar);
    }
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

/**
 * ca_audit_editor_set_context:
 *
 * Gives the editor the window's context: the database its audits are read from and saved
 * to, and the bank holidays its actions' deadlines count. An audit shown from another
 * context is saved and closed.
 */
void
ca_audit_editor_set_context (CaAuditEditor *self,
                             CaContext     *context)
{
  g_return_if_fail (CA_IS_AUDIT_EDITOR (self));
  g_return_if_fail (context == NULL || CA_IS_CONTEXT (context));

  if (self->context == context)
    return;
  if (self->form != NULL)
    ca_audit_editor_save_now (self);
  clear_form (self);
  g_clear_object (&self->database);
  self->audit_id = 0;
  g_set_object (&self->context, context);
}

/* For the load and the saves (ca-audit-editor-load.c). */
CaContext *
ca_audit_editor_get_context (CaAuditEditor *self)
{
  return self->context;
}

CaAuditAutosave *
ca_audit_editor_get_autosave (CaAuditEditor *self)
{
  return self->autosave;
}

gint64
ca_audit_editor_get_case_id (CaAuditEditor *self)
{
  g_return_val_if_fail (CA_IS_AUDIT_EDITOR (self), 0);

  return self->form ? self->form->header->case_id : 0;
}

gint64
ca_audit_editor_get_audit_id (CaAuditEditor *self)
{
  g_return_val_if_fail (CA_IS_AUDIT_EDITOR (self), 0);

  return self->form ? self->audit_id : 0;
}
