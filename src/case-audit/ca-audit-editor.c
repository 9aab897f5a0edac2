// SPDX-License-Identifier: GPL-3.0-or-later
// The audit editor: one audit's form, built from its tool, autosaved as it is filled in (R-F1–R-F11).
// The rows are made in C because the form is data: each tool version has its own sections.

#define G_LOG_DOMAIN "ca-audit-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ca-audit-actions-group.h"
#include "ca-audit-autosave.h"
#include "ca-audit-draft-store.h"
#include "ca-audit-editor.h"
#include "ca-audit-report.h"
#include "ca-choice.h"
#include "ca-form-rows.h"
#include "ca-holiday-store.h"
#include "ca-manager-response-group.h"
#include "ca-notification-banner.h"
#include "ca-report-print-operation.h"
#include "ca-settings-store.h"

typedef struct _CaAuditEditor CaAuditEditor;

typedef struct
{
  CaAuditEditor        *editor;
  const CaToolQuestion *question;
  GtkWidget            *row;
  GtkWidget            *toggles[3];   /* Yes, No, NA */
  GtkWidget            *reason_row;
  GtkWidget            *entry_row;    /* text and date answers */
  GtkWidget            *combo_row;    /* grade answers */
  gboolean              syncing;      /* releasing the other toggles: not a change */
} QuestionWidgets;

typedef struct
{
  CaAuditEditor       *editor;
  const CaToolSection *section;
  GtkWidget           *grade_row;
  GtkWidget           *explanation;
} SectionWidgets;

struct _CaAuditEditor
{
  GtkWidget        parent_instance;

  AdwWindowTitle  *window_title;
  GtkWidget       *submit_button;
  AdwToastOverlay *toast_overlay;
  GtkScrolledWindow *scroller;
  CaNotificationBanner *notification_banner;
  GtkWidget       *problems_group;
  GtkListBox      *problems_list;
  GtkBox          *form_box;

  CaDatabase      *database;
  CaAuditForm     *form;
  gint64           audit_id;
  gboolean         read_only;
  gboolean         loading;       /* filling the controls: not a change */

  GPtrArray       *questions;     /* of QuestionWidgets */
  GPtrArray       *sections;      /* of SectionWidgets */
  GHashTable      *targets;       /* problem path → widget to focus */
  GPtrArray       *inputs;        /* every control made insensitive once submitted */
  GtkWidget       *overall_row;
  GtkWidget       *overall_explanation;
  GtkWidget       *category_row;
  GtkWidget       *category_explanation;
  GtkWidget       *actions_group;  /* CaAuditActionsGroup, if the tool has actions */
  GPtrArray       *owners;         /* of CaActionOwner: who may own an action or join the audit */
  GtkWidget       *response_group; /* the manager's response, once submitted (R-F9) */

  CaAuditAutosave *autosave;      /* R-F6 */
};

G_DEFINE_FINAL_TYPE (CaAuditEditor, ca_audit_editor, GTK_TYPE_WIDGET)

static void update_explanations (CaAuditEditor *self);

/* The save status is the title's subtitle: always in view, and it shortens gracefully in a
 * narrow window. A failure is in the error colour and its whole text is in the tooltip. */
static void
set_status (CaAuditEditor *self,
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
  ca_audit_autosave_changed (self->autosave);
}

/* Autosave ---------------------------------------------------------------------------- */

static void
autosave_status_changed_cb (CaAuditAutosave *autosave,
                            const char      *text,
                            gboolean         failed,
                            CaAuditEditor   *self)
{
  set_status (self, text, failed);
}

/**
 * ca_audit_editor_save_now:
 *
 * Saves what is unsaved at once, on the calling thread: for leaving the page or closing
 * the window.
 */
void
ca_audit_editor_save_now (CaAuditEditor *self)
{
  g_return_if_fail (CA_IS_AUDIT_EDITOR (self));

  ca_audit_autosave_save_now (self->autosave);
}

/* Explanations ------------------------------------------------------------------------ */

static void
set_explanation (GtkWidget  *label,
                 GtkWidget  *row,
                 const char *text,
                 gboolean    refused)
{
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_visible (label, text != NULL && *text);
  if (refused)
    {
      gtk_widget_add_css_class (label, "error");
      gtk_widget_remove_css_class (label, "dim-label");
      gtk_widget_add_css_class (row, "error");
    }
  else
    {
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_remove_css_class (row, "error");
    }
}

static char *
explain_grade (CaGrade     chosen,
               gboolean    allowed,
               const char *why_not,
               CaGrade     best,
               const char *best_reason)
{
  if (chosen != CA_GRADE_NONE && !allowed)
    /* Translators: "Good is not available. <why>" comes from the rules already */
    return g_strdup (why_not);
  if (best_reason != NULL)
    /* Translators: "Best grade available: Requires Improvement. <why>" */
    return g_strdup_printf (_("Best grade available: %s. %s"), ca_grade_get_label (best),
                            best_reason);
  return g_strdup (_("Every grade is available."));
}

/* Marks the items of ROW's CaChoice model that the rules do not allow: item I is grade or
 * category I, item 0 ("not graded") is always available. */
typedef gboolean (*ChoiceAllowed) (CaAuditEditor *self, gconstpointer subject, guint item,
                                   char **why_not);

static void
mark_choices (CaAuditEditor *self,
              GtkWidget     *row,
              ChoiceAllowed  allowed,
              gconstpointer  subject)
{
  GListModel *choices = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  for (guint i = 1; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(CaChoice) choice = g_list_model_get_item (choices, i);
      g_autofree char *why_not = NULL;

      if (allowed (self, subject, i, &why_not))
        ca_choice_set_available (choice);
      else
        ca_choice_set_unavailable (choice, why_not ? why_not : "");
    }
}

static gboolean
section_grade_allowed (CaAuditEditor *self,
                       gconstpointer  section,
                       guint          item,
                       char         **why_not)
{
  return ca_audit_rules_section_grade_allowed (section, self->form->draft, (CaGrade) item,
                                               why_not);
}

static gboolean
overall_grade_allowed (CaAuditEditor *self,
                       gconstpointer  definition,
                       guint          item,
                       char         **why_not)
{
  return ca_audit_rules_overall_grade_allowed (definition, self->form->draft, (CaGrade) item,
                                               why_not);
}

static gboolean
category_allowed (CaAuditEditor *self,
                  gconstpointer  unused,
                  guint          item,
                  char         **why_not)
{
  const CaAuditDraft *draft = self->form->draft;

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

  for (guint i = 0; i < self->sections->len; i++)
    {
      SectionWidgets *sw = g_ptr_array_index (self->sections, i);
      g_autofree char *best_reason = NULL;
      g_autofree char *why_not = NULL;
      g_autofree char *text = NULL;
      CaGrade chosen = ca_audit_draft_get_section_grade (draft, sw->section->id);
      CaGrade best = ca_audit_rules_best_allowed_section_grade (sw->section, draft, &best_reason);
      gboolean allowed = chosen == CA_GRADE_NONE ||
                         ca_audit_rules_section_grade_allowed (sw->section, draft, chosen, &why_not);

      if (sw->grade_row == NULL)
        continue;
      text = explain_grade (chosen, allowed, why_not, best, best_reason);
      set_explanation (sw->explanation, sw->grade_row, text, !allowed);
      mark_choices (self, sw->grade_row, section_grade_allowed, sw->section);
    }

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

      text = explain_grade (chosen, allowed, why_not, best, best_reason);
      set_explanation (self->overall_explanation, self->overall_row, text, !allowed);
      mark_choices (self, self->overall_row, overall_grade_allowed, self->form->definition);
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
        set_explanation (self->category_explanation, self->category_row,
                         _("Choose a category once the overall grade is set."), FALSE);
      else if (!allowed)
        set_explanation (self->category_explanation, self->category_row, why_not, TRUE);
      else
        set_explanation (self->category_explanation, self->category_row,
                         ca_category_get_description (category), FALSE);
      mark_choices (self, self->category_row, category_allowed, NULL);
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
  GtkWidget *group = adw_preferences_group_new ();

  {
    g_autofree char *escaped = g_markup_escape_text (title, -1);

    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), escaped);
  }
  if (description != NULL && *description)
    {
      /* The description is markup; guidance is plain text with the odd "&". */
      g_autofree char *escaped = g_markup_escape_text (description, -1);

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), escaped);
    }
  gtk_box_append (self->form_box, group);
  return group;
}

static void
add_read_only_row (GtkWidget  *group,
                   const char *title,
                   const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value && *value ? value : "—");
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
joint_practitioner_changed_cb (AdwComboRow   *row,
                               GParamSpec    *pspec,
                               CaAuditEditor *self)
{
  if (self->loading || self->form == NULL)
    return;
  ca_audit_draft_set_joint_practitioner (self->form->draft,
                                         ca_form_rows_staff_combo_get_id (row, self->owners));
  changed (self);
}

static GtkWidget *
add_explanation (GtkWidget *group)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "audit-explanation");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
  return label;
}

/* Text views: pen picture, done well, comments, section comments. */

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

/* Far beyond any real pen picture or comment (about 15,000 words), and small enough that a
 * slip of the clipboard cannot make typing, autosave and the PDF crawl. */
#define MAX_TEXT_CHARS 100000

/* A paste that would take the box past MAX_TEXT_CHARS is refused whole, with a message under
 * the box, rather than cut somewhere the person cannot see. What was typed stays. */
static void
text_view_insert_cb (GtkTextBuffer *buffer,
                     GtkTextIter   *location,
                     const char    *text,
                     int            length,
                     CaAuditEditor *self)
{
  GtkWidget *message = g_object_get_data (G_OBJECT (buffer), "message");
  glong adding = g_utf8_strlen (text, length);
  g_autofree char *why = NULL;

  if (self->loading || gtk_text_buffer_get_char_count (buffer) + adding <= MAX_TEXT_CHARS)
    {
      gtk_widget_set_visible (message, FALSE);
      return;
    }
  g_signal_stop_emission_by_name (buffer, "insert-text");
  why = g_strdup_printf (_("This box holds up to %d characters, so the %ld characters just "
                           "added were left out. Everything typed before is kept."),
                         MAX_TEXT_CHARS, adding);
  gtk_label_set_text (GTK_LABEL (message), why);
  gtk_widget_set_visible (message, TRUE);
  gtk_widget_error_bell (message);
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
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *message;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_widget_set_size_request (view, -1, 100);
  gtk_widget_add_css_class (view, "audit-text");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  gtk_widget_set_tooltip_text (view, accessible_label);
  gtk_text_buffer_set_text (buffer, text ? text : "", -1);
  g_object_set_data (G_OBJECT (buffer), "setter", setter);
  g_object_set_data_full (G_OBJECT (buffer), "key", g_strdup (key), g_free);
  g_signal_connect (buffer, "changed", G_CALLBACK (text_view_changed_cb), self);
  g_signal_connect (buffer, "insert-text", G_CALLBACK (text_view_insert_cb), self);

  gtk_widget_add_css_class (frame, "view");
  gtk_widget_add_css_class (frame, "card");
  gtk_frame_set_child (GTK_FRAME (frame), view);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);
  message = add_explanation (group);
  gtk_widget_remove_css_class (message, "dim-label");
  gtk_widget_add_css_class (message, "error");
  gtk_widget_set_visible (message, FALSE);
  g_object_set_data (G_OBJECT (buffer), "message", message);
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

static void
set_section_comments (CaAuditEditor *self, const char *key, const char *text)
{
  ca_audit_draft_set_section_comments (self->form->draft, key, text);
}

/* Date rows: kept as typed; stored only once real. */

typedef enum { DATE_AUDIT, DATE_PERIOD_START, DATE_PERIOD_END, DATE_ANSWER, DATE_FEEDBACK } DateField;

static void
date_row_changed_cb (GtkEditable   *editable,
                     CaAuditEditor *self)
{
  DateField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (editable), "field"));
  const char *text = gtk_editable_get_text (editable);
  CaAuditDraft *draft;

  if (self->loading || self->form == NULL)
    return;
  draft = self->form->draft;
  ca_form_rows_show_date_validity (GTK_WIDGET (editable), text);
  if (*text && !ca_form_rows_date_is_real (text))
    return;   /* the text stays in the row; the draft keeps the last real date */

  switch (field)
    {
    case DATE_AUDIT:
      ca_audit_draft_set_audit_date (draft, *text ? text : NULL);
      break;
    case DATE_PERIOD_START:
      ca_audit_draft_set_period (draft, *text ? text : NULL, draft->period_end);
      break;
    case DATE_PERIOD_END:
      ca_audit_draft_set_period (draft, draft->period_start, *text ? text : NULL);
      break;
    case DATE_FEEDBACK:
      ca_audit_draft_set_feedback (draft, draft->feedback_method, *text ? text : NULL,
                                   draft->feedback_summary);
      break;
    case DATE_ANSWER:
    default:
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
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
  gtk_widget_set_tooltip_text (row, _("YYYY-MM-DD"));
  g_object_set_data (G_OBJECT (row), "field", GINT_TO_POINTER (field));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  /* The message sits in the list right under its row. */
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), ca_form_rows_new_date_message (row));
  if (field != DATE_ANSWER)
    g_signal_connect (row, "changed", G_CALLBACK (date_row_changed_cb), self);
  track (self, row, where);
  return row;
}

/* Questions. */

static const char *answer_values[3] = { CA_ANSWER_VALUE_YES, CA_ANSWER_VALUE_NO, CA_ANSWER_VALUE_NA };

static void
update_reason_visibility (QuestionWidgets *qw)
{
  const CaAnswer *answer = ca_audit_draft_get_answer (qw->editor->form->draft, qw->question->id);

  if (qw->reason_row != NULL)
    gtk_widget_set_visible (qw->reason_row, answer != NULL &&
                            g_strcmp0 (answer->value, CA_ANSWER_VALUE_NA) == 0);
}

static void
answer_toggled_cb (GtkToggleButton *button,
                   QuestionWidgets *qw)
{
  CaAuditEditor *self = qw->editor;
  const CaAnswer *old;
  g_autofree char *reason = NULL;
  const char *value = NULL;

  if (self->loading || self->form == NULL || qw->syncing)
    return;
  /* The toggles are not a GtkToggleButton group, because a group cannot be emptied: here
   * choosing one releases the others, and pressing the chosen one again clears the answer. */
  qw->syncing = TRUE;
  for (guint i = 0; i < 3; i++)
    if (qw->toggles[i] != NULL && qw->toggles[i] != GTK_WIDGET (button) &&
        gtk_toggle_button_get_active (button))
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (qw->toggles[i]), FALSE);
  qw->syncing = FALSE;
  for (guint i = 0; i < 3; i++)
    if (qw->toggles[i] && gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (qw->toggles[i])))
      value = answer_values[i];
  old = ca_audit_draft_get_answer (self->form->draft, qw->question->id);
  if (old != NULL && old->reason != NULL)
    reason = g_strdup (old->reason);
  ca_audit_draft_set_answer (self->form->draft, qw->question->id, value, reason);
  update_reason_visibility (qw);
  changed (self);
}

static void
reason_changed_cb (GtkEditable     *editable,
                   QuestionWidgets *qw)
{
  CaAuditEditor *self = qw->editor;
  const CaAnswer *old;
  g_autofree char *value = NULL;

  if (self->loading || self->form == NULL)
    return;
  old = ca_audit_draft_get_answer (self->form->draft, qw->question->id);
  value = g_strdup (old ? old->value : CA_ANSWER_VALUE_NA);
  ca_audit_draft_set_answer (self->form->draft, qw->question->id, value,
                             gtk_editable_get_text (editable));
  changed (self);
}

static void
text_answer_changed_cb (GtkEditable     *editable,
                        QuestionWidgets *qw)
{
  CaAuditEditor *self = qw->editor;
  const char *text = gtk_editable_get_text (editable);

  if (self->loading || self->form == NULL)
    return;
  if (qw->question->type == CA_ANSWER_DATE)
    {
      ca_form_rows_show_date_validity (GTK_WIDGET (editable), text);
      if (*text && !ca_form_rows_date_is_real (text))
        return;
    }
  ca_audit_draft_set_answer (self->form->draft, qw->question->id, *text ? text : NULL, NULL);
  changed (self);
}

static void
grade_answer_changed_cb (AdwComboRow     *row,
                         GParamSpec      *pspec,
                         QuestionWidgets *qw)
{
  CaAuditEditor *self = qw->editor;
  guint selected = adw_combo_row_get_selected (row);

  if (self->loading || self->form == NULL)
    return;
  ca_audit_draft_set_answer (self->form->draft, qw->question->id,
                             selected == 0 ? NULL : ca_grade_to_string ((CaGrade) selected), NULL);
  changed (self);
}

/* A combo row over CaChoice items; the rules mark the items they do not allow. */
static GtkWidget *
new_choice_row (const char *title,
                GListStore *choices,
                guint       selected)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkListItemFactory) factory = ca_choice_list_factory_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_expression (ADW_COMBO_ROW (row), ca_choice_label_expression ());
  adw_combo_row_set_list_factory (ADW_COMBO_ROW (row), factory);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  return row;
}

static void
append_choice (GListStore *choices,
               const char *label)
{
  g_autoptr(CaChoice) choice = ca_choice_new (label);

  g_list_store_append (choices, choice);
}

/* "NONE_LABEL", then the grades best first, so an item's position is its CaGrade. */
static GListStore *
new_grade_choices (const char *none_label)
{
  GListStore *choices = g_list_store_new (CA_TYPE_CHOICE);

  append_choice (choices, none_label);
  for (CaGrade grade = CA_GRADE_OUTSTANDING; grade <= CA_GRADE_INADEQUATE; grade++)
    append_choice (choices, ca_grade_get_label (grade));
  return choices;
}

static void
add_question (CaAuditEditor        *self,
              GtkWidget            *group,
              const CaToolQuestion *question)
{
  QuestionWidgets *qw = g_new0 (QuestionWidgets, 1);
  g_autofree char *where = g_strconcat ("questions.", question->id, NULL);
  const CaAnswer *answer = ca_audit_draft_get_answer (self->form->draft, question->id);

  qw->editor = self;
  qw->question = question;
  g_ptr_array_add (self->questions, qw);

  switch (question->type)
    {
    case CA_ANSWER_YES_NO_NA:
      {
        static const char *labels[3] = { N_("Yes"), N_("No"), N_("NA") };
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

        qw->row = adw_action_row_new ();
        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (qw->row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (qw->row), question->text);
        adw_action_row_set_title_lines (ADW_ACTION_ROW (qw->row), 0);
        if (question->guidance != NULL)
          adw_action_row_set_subtitle (ADW_ACTION_ROW (qw->row), question->guidance);
        gtk_widget_add_css_class (box, "linked");
        gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
        for (guint i = 0; i < 3; i++)
          {
            GtkWidget *toggle = gtk_toggle_button_new_with_label (_(labels[i]));
            /* Translators: the accessible name of an answer button: "Yes: QUESTION" */
            g_autofree char *name = g_strdup_printf (_("%s: %s"), _(labels[i]), question->text);

            gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                            GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
            gtk_widget_set_tooltip_text (toggle, _("Press the chosen answer again to clear it"));
            if (answer != NULL && g_strcmp0 (answer->value, answer_values[i]) == 0)
              gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
            if (i == 2 && !question->na_allowed)
              {
                gtk_widget_set_sensitive (toggle, FALSE);
                gtk_widget_set_tooltip_text (toggle, _("This question cannot be answered NA"));
              }
            g_signal_connect (toggle, "toggled", G_CALLBACK (answer_toggled_cb), qw);
            gtk_box_append (GTK_BOX (box), toggle);
            qw->toggles[i] = toggle;
            if (i < 2 || question->na_allowed)
              track (self, toggle, i == 0 ? where : NULL);
          }
        adw_action_row_add_suffix (ADW_ACTION_ROW (qw->row), box);
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), qw->row);

        if (question->na_allowed && question->na_needs_reason)
          {
            qw->reason_row = adw_entry_row_new ();
            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (qw->reason_row),
                                           _("Reason for NA"));
            gtk_editable_set_text (GTK_EDITABLE (qw->reason_row),
                                   answer && answer->reason ? answer->reason : "");
            g_signal_connect (qw->reason_row, "changed", G_CALLBACK (reason_changed_cb), qw);
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), qw->reason_row);
            track (self, qw->reason_row, NULL);
            update_reason_visibility (qw);
          }
      }
      break;

    case CA_ANSWER_GRADE:
      {
        g_autoptr(GListStore) grades = new_grade_choices (_("Not answered"));

        qw->combo_row = qw->row =
          new_choice_row (question->text, grades,
                          answer ? (guint) ca_grade_from_string (answer->value) : 0);
        g_signal_connect (qw->row, "notify::selected", G_CALLBACK (grade_answer_changed_cb), qw);
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), qw->row);
        track (self, qw->row, where);
      }
      break;

    case CA_ANSWER_DATE:
      qw->entry_row = qw->row = add_date_row (self, group, question->text,
                                              answer ? answer->value : NULL, DATE_ANSWER, where);
      g_signal_connect (qw->row, "changed", G_CALLBACK (text_answer_changed_cb), qw);
      break;

    case CA_ANSWER_TEXT:
    default:
      qw->entry_row = qw->row = adw_entry_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (qw->row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (qw->row), question->text);
      gtk_editable_set_text (GTK_EDITABLE (qw->row), answer && answer->value ? answer->value : "");
      g_signal_connect (qw->row, "changed", G_CALLBACK (text_answer_changed_cb), qw);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), qw->row);
      track (self, qw->row, where);
      break;
    }
}

static void
section_grade_changed_cb (AdwComboRow    *row,
                          GParamSpec     *pspec,
                          SectionWidgets *sw)
{
  CaAuditEditor *self = sw->editor;

  if (self->loading || self->form == NULL)
    return;
  ca_audit_draft_set_section_grade (self->form->draft, sw->section->id,
                                    (CaGrade) adw_combo_row_get_selected (row));
  changed (self);
}

static void
add_section (CaAuditEditor       *self,
             const CaToolSection *section)
{
  GtkWidget *group = new_group (self, section->title, NULL);
  SectionWidgets *sw = g_new0 (SectionWidgets, 1);

  sw->editor = self;
  sw->section = section;
  g_ptr_array_add (self->sections, sw);

  /* The grading guide is long: folded away until asked for. */
  if (section->guidance != NULL && *section->guidance)
    {
      GtkWidget *expander = adw_expander_row_new ();
      GtkWidget *guide = gtk_label_new (section->guidance);
      GtkWidget *holder = gtk_list_box_row_new ();
      g_autofree char *title = g_strdup_printf (_("Grading guide for %s"), section->title);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
      gtk_label_set_wrap (GTK_LABEL (guide), TRUE);
      gtk_label_set_xalign (GTK_LABEL (guide), 0);
      gtk_label_set_selectable (GTK_LABEL (guide), TRUE);
      gtk_widget_add_css_class (guide, "audit-guide");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (holder), FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (holder), guide);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), holder);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
    }

  for (guint i = 0; i < section->questions->len; i++)
    add_question (self, group, g_ptr_array_index (section->questions, i));

  if (section->has_comments)
    {
      g_autofree char *label = g_strdup_printf (_("Comments on %s"), section->title);
      GtkWidget *heading = gtk_label_new (_("Comments"));

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "heading");
      gtk_widget_set_margin_top (heading, 12);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), heading);
      add_text_view (self, group, label,
                     ca_audit_draft_get_section_comments (self->form->draft, section->id),
                     set_section_comments, section->id, NULL);
    }

  if (section->graded)
    {
      g_autoptr(GListStore) grades = new_grade_choices (_("Not graded"));
      g_autofree char *title = g_strdup_printf (_("%s grade"), section->title);
      g_autofree char *where = g_strdup_printf ("sections.%s.grade", section->id);
      GtkWidget *list = gtk_list_box_new ();

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_widget_set_margin_top (list, 12);
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title, -1);
      sw->grade_row = new_choice_row (title, grades,
                                      ca_audit_draft_get_section_grade (self->form->draft,
                                                                        section->id));
      g_signal_connect (sw->grade_row, "notify::selected",
                        G_CALLBACK (section_grade_changed_cb), sw);
      gtk_list_box_append (GTK_LIST_BOX (list), sw->grade_row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
      sw->explanation = add_explanation (group);
      track (self, sw->grade_row, where);
    }
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

static GtkWidget *
add_combo_in_list (GtkWidget  *group,
                   GtkWidget  *row)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_top (list, 12);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  return row;
}

static void
add_overall (CaAuditEditor *self)
{
  const CaAuditDraft *draft = self->form->draft;
  GtkWidget *group = new_group (self, _("Overall"), NULL);
  g_autoptr(GListStore) grades = new_grade_choices (_("Not graded"));
  g_autoptr(GListStore) categories = g_list_store_new (CA_TYPE_CHOICE);
  GtkWidget *heading;

  self->overall_row = new_choice_row (_("Overall grade"), grades, (guint) draft->overall_grade);
  g_signal_connect (self->overall_row, "notify::selected", G_CALLBACK (overall_changed_cb), self);
  add_combo_in_list (group, self->overall_row);
  self->overall_explanation = add_explanation (group);
  track (self, self->overall_row, "overall_grade");

  for (int category = CA_CATEGORY_NONE; category <= CA_CATEGORY_MAX; category++)
    {
      g_autofree char *label = category == CA_CATEGORY_NONE
                               ? g_strdup (ca_category_get_label (category))
                               /* Translators: "Category 1 — Inadequate – critical: …" */
                               : g_strdup_printf (_("%s — %s"), ca_category_get_label (category),
                                                  ca_category_get_description (category));

      append_choice (categories, label);
    }
  self->category_row = new_choice_row (_("Category"), categories, (guint) draft->category);
  g_signal_connect (self->category_row, "notify::selected", G_CALLBACK (category_changed_cb), self);
  add_combo_in_list (group, self->category_row);
  self->category_explanation = add_explanation (group);
  track (self, self->category_row, "category");

  heading = gtk_label_new (_("What has been done well (required)"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), heading);
  add_text_view (self, group, _("What has been done well"), draft->done_well, set_done_well,
                 NULL, "done_well");

  heading = gtk_label_new (_("Comments"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), heading);
  add_text_view (self, group, _("Overall comments"), draft->comments, set_comments, NULL, NULL);
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
                                    self->owners);
  g_signal_connect (self->actions_group, "changed", G_CALLBACK (actions_changed_cb), self);
  gtk_box_append (self->form_box, self->actions_group);
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
  GtkWidget *row = adw_combo_row_new ();
  GtkWidget *heading;
  guint selected = 0;

  gtk_string_list_append (methods, _("Not given"));
  for (guint i = 0; codes[i] != NULL; i++)
    {
      gtk_string_list_append (methods, ca_feedback_method_get_label (codes[i]));
      if (g_strcmp0 (draft->feedback_method, codes[i]) == 0)
        selected = i + 1;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("How it was given"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (methods));
  g_object_unref (methods);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_signal_connect (row, "notify::selected", G_CALLBACK (feedback_method_changed_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  track (self, row, "feedback_method");

  add_date_row (self, group, _("Date of the feedback"), draft->feedback_date, DATE_FEEDBACK,
                "feedback_date");

  heading = gtk_label_new (_("Summary of the feedback"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), heading);
  add_text_view (self, group, _("Summary of the feedback"), draft->feedback_summary,
                 set_feedback_summary, NULL, "feedback_summary");
}

static void
clear_form (CaAuditEditor *self)
{
  GtkWidget *child;

  ca_audit_autosave_stop (self->autosave);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->form_box))) != NULL)
    gtk_box_remove (self->form_box, child);
  g_ptr_array_set_size (self->questions, 0);
  g_ptr_array_set_size (self->sections, 0);
  g_ptr_array_set_size (self->inputs, 0);
  g_hash_table_remove_all (self->targets);
  self->overall_row = self->overall_explanation = NULL;
  self->category_row = self->category_explanation = NULL;
  self->actions_group = NULL;
  self->response_group = NULL;  /* went with the form's other children */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);
  gtk_widget_set_visible (self->problems_group, FALSE);
  ca_notification_banner_clear (self->notification_banner);
  g_clear_pointer (&self->form, ca_audit_form_free);
}

static void
set_read_only (CaAuditEditor *self,
               gboolean       read_only)
{
  self->read_only = read_only;
  for (guint i = 0; i < self->inputs->len; i++)
    {
      GtkWidget *input = g_ptr_array_index (self->inputs, i);

      if (GTK_IS_TEXT_VIEW (input))
        {
          gtk_text_view_set_editable (GTK_TEXT_VIEW (input), !read_only);
          gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (input), !read_only);
        }
      else
        gtk_widget_set_sensitive (input, !read_only);
    }
  for (guint i = 0; i < self->questions->len; i++)
    {
      QuestionWidgets *qw = g_ptr_array_index (self->questions, i);

      for (guint j = 0; j < 3; j++)
        if (qw->toggles[j] != NULL)
          gtk_widget_set_sensitive (qw->toggles[j], !read_only &&
                                    (j < 2 || qw->question->na_allowed));
    }
  if (self->actions_group != NULL)
    ca_audit_actions_group_set_read_only (CA_AUDIT_ACTIONS_GROUP (self->actions_group), read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.submit", !read_only);
}

static void
build_form (CaAuditEditor *self)
{
  const CaAuditHeader *header = self->form->header;
  const CaToolDefinition *definition = self->form->definition;
  CaAuditDraft *draft = self->form->draft;
  g_autofree char *tool = g_strdup_printf (_("%s, version %d"), header->tool_name,
                                           header->tool_version);
  g_autoptr(GError) error = NULL;
  GtkWidget *group, *joint_row;

  self->loading = TRUE;
  g_clear_pointer (&self->owners, g_ptr_array_unref);
  self->owners = ca_audit_draft_store_list_owners (self->database, self->audit_id, &error);
  if (self->owners == NULL)
    g_warning ("The staff of the case's team could not be read: %s", error->message);

  adw_window_title_set_title (self->window_title, header->case_ref);

  group = new_group (self, _("Audit"), NULL);
  add_read_only_row (group, _("Case"), header->case_ref);
  add_read_only_row (group, _("Allocated worker"), header->allocated_worker);
  add_read_only_row (group, _("Auditor"), header->auditor);
  add_read_only_row (group, _("Tool"), tool);
  joint_row = ca_form_rows_new_staff_combo (_("Done jointly with"), _("Not done jointly"),
                                            self->owners, draft->joint_practitioner_id);
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

  for (guint i = 0; i < definition->sections->len; i++)
    add_section (self, g_ptr_array_index (definition->sections, i));

  if (definition->overall_grade)
    add_overall (self);
  if (definition->actions)
    add_actions (self);
  add_feedback (self);

  self->loading = FALSE;
  update_explanations (self);
}

/* Submitting --------------------------------------------------------------------------- */

/* The control to focus for a submission problem at WHERE, if there is one. */
static GtkWidget *
find_target (CaAuditEditor *self,
             const char    *where)
{
  GtkWidget *target;

  if (where == NULL)
    return NULL;
  target = g_hash_table_lookup (self->targets, where);
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
  GtkWidget *target = find_target (self, where);

  if (target != NULL)
    gtk_widget_grab_focus (target);
}

static void
show_problems (CaAuditEditor *self,
               GPtrArray     *problems)
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
      if (find_target (self, problem->where) != NULL)
        {
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
        }
      g_object_set_data_full (G_OBJECT (row), "where", g_strdup (problem->where), g_free);
      gtk_list_box_append (self->problems_list, row);
    }
  gtk_widget_set_visible (self->problems_group, problems != NULL && problems->len > 0);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
show_toast (CaAuditEditor *self,
            const char    *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_submitted (CaAuditEditor *self,
                gboolean       just_now)
{
  const CaAuditHeader *header = self->form->header;
  int category = self->form->draft->category;

  set_read_only (self, TRUE);
  set_status (self, _("Submitted"), FALSE);
  if (self->response_group == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->response_group = ca_manager_response_group_new ();
      gtk_box_append (self->form_box, self->response_group);
      if (!ca_manager_response_group_load (CA_MANAGER_RESPONSE_GROUP (self->response_group),
                                           self->database, self->audit_id, &error))
        show_toast (self, error->message);
    }
  /* R-F7: asks for the Category 1–2 e-mail until it is marked sent. */
  ca_notification_banner_show_audit (self->notification_banner, self->database, self->audit_id);
  if (just_now)
    {
      g_autofree char *text = NULL;

      if (header->review_due_at != NULL)
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (header->review_due_at, NULL);
          g_autoptr(GTimeZone) zone = ca_deadline_get_time_zone ();
          g_autoptr(GDateTime) local = utc ? g_date_time_to_timezone (utc, zone) : NULL;
          g_autofree char *when = local ? g_date_time_format (local, "%-d %B %Y, %H:%M")
                                        : g_strdup (header->review_due_at);

          /* Translators: "Submitted. Category 2: recommendations to be checked by DATE." */
          text = g_strdup_printf (_("Submitted. %s: recommendations to be checked by %s."),
                                  ca_category_get_label (category), when);
        }
      else
        /* Translators: "Submitted. Category 4: no review deadline." */
        text = g_strdup_printf (_("Submitted. %s: no review deadline."),
                                ca_category_get_label (category));
      show_toast (self, text);
    }
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CaAuditEditor *self = CA_AUDIT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(CaHolidayCalendar) calendar = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(CaAuditForm) reloaded = NULL;
  CaDeadlineRules rules;

  if (self->form == NULL || self->read_only)
    return;

  ca_audit_autosave_wait (self->autosave);

  calendar = ca_holiday_store_load_calendar (self->database, &error);
  if (calendar == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  /* The deadline numbers the team set in preferences (R-F8). */
  if (!ca_settings_store_load_deadline_rules (self->database, &rules, &error))
    {
      show_toast (self, error->message);
      return;
    }
  if (!ca_audit_draft_store_submit (self->database, self->audit_id, self->form->draft, now,
                                    calendar, &rules, &problems, &error))
    {
      if (g_error_matches (error, CA_AUDIT_DRAFT_STORE_ERROR, CA_AUDIT_DRAFT_STORE_ERROR_INVALID))
        show_problems (self, problems);
      else
        show_toast (self, error->message);
      return;
    }

  /* Submitted: nothing is left to autosave. */
  ca_audit_autosave_stop (self->autosave);
  show_problems (self, NULL);
  reloaded = ca_audit_draft_store_load (self->database, self->audit_id, NULL);
  if (reloaded != NULL)
    {
      ca_audit_header_free (self->form->header);
      self->form->header = g_steal_pointer (&reloaded->header);
    }
  show_submitted (self, TRUE);
}

/* Export ------------------------------------------------------------------------------- */

static void
export_chosen_cb (GtkNativeDialog *dialog,
                  int              response,
                  CaAuditEditor   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      g_autoptr(CaAuditReport) report = NULL;

      ca_audit_editor_save_now (self);
      report = ca_audit_report_new_for_audit (self->database, self->audit_id, &error);
      if (report == NULL || path == NULL ||
          !ca_audit_report_save_pdf (report, path, &error))
        show_toast (self, error ? error->message : _("The PDF could not be written."));
      else
        show_toast (self, _("PDF exported"));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CaAuditEditor *self = CA_AUDIT_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (self->form == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Export PDF"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  /* Translators: the suggested file name: "Audit CA-123456 2024-03-15.pdf" */
  name = g_strdup_printf (_("Audit %s %s.pdf"), self->form->header->case_ref,
                          self->form->draft->audit_date ? self->form->draft->audit_date : "");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (export_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CaAuditEditor *self = CA_AUDIT_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autofree char *job_name = NULL;
  CaAuditReport *report;

  if (self->form == NULL)
    return;
  ca_audit_editor_save_now (self);
  report = ca_audit_report_new_for_audit (self->database, self->audit_id, &error);
  if (report == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  /* Translators: the print job's name: "Audit CA-123456" */
  job_name = g_strdup_printf (_("Audit %s"), self->form->header->case_ref);
  operation = ca_report_print_operation_new (report, job_name);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_toast (self, error->message);
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
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_AUDIT_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->form, ca_audit_form_free);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (ca_audit_editor_parent_class)->dispose (object);
}

static void
ca_audit_editor_finalize (GObject *object)
{
  CaAuditEditor *self = (CaAuditEditor *) object;

  g_ptr_array_unref (self->questions);
  g_ptr_array_unref (self->sections);
  g_ptr_array_unref (self->inputs);
  g_clear_pointer (&self->owners, g_ptr_array_unref);
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
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-audit-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CaAuditEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CaAuditEditor, submit_button);
  gtk_widget_class_bind_template_child (widget_class, CaAuditEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CaAuditEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, CaAuditEditor, notification_banner);
  gtk_widget_class_bind_template_child (widget_class, CaAuditEditor, problems_group);
  gtk_widget_class_bind_template_child (widget_class, CaAuditEditor, problems_list);
  gtk_widget_class_bind_template_child (widget_class, CaAuditEditor, form_box);

  gtk_widget_class_install_action (widget_class, "editor.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "editor.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "editor.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "editor.show-case", NULL, show_case_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "editor.print", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ca_audit_editor_init (CaAuditEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->questions = g_ptr_array_new_with_free_func (g_free);
  self->sections = g_ptr_array_new_with_free_func (g_free);
  self->inputs = g_ptr_array_new ();
  self->autosave = ca_audit_autosave_new ();
  g_signal_connect (self->autosave, "status-changed", G_CALLBACK (autosave_status_changed_cb), self);
  self->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect (self->problems_list, "row-activated", G_CALLBACK (problem_activated_cb), self);
}

/**
 * ca_audit_editor_load:
 *
 * Saves the audit shown before, if it has unsaved changes, then shows audit @audit_id.
 */
gboolean
ca_audit_editor_load (CaAuditEditor *self,
                      CaDatabase    *database,
                      gint64         audit_id,
                      GError       **error)
{
  CaAuditForm *form;

  g_return_val_if_fail (CA_IS_AUDIT_EDITOR (self), FALSE);
  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);

  if (self->form != NULL)
    ca_audit_editor_save_now (self);

  form = ca_audit_draft_store_load (database, audit_id, error);
  if (form == NULL)
    return FALSE;

  clear_form (self);
  g_set_object (&self->database, database);
  self->audit_id = audit_id;
  self->form = form;
  build_form (self);
  set_status (self, _("Draft"), FALSE);
  set_read_only (self, form->header->status != CA_AUDIT_STATUS_ALLOCATED &&
                       form->header->status != CA_AUDIT_STATUS_IN_PROGRESS);
  if (self->read_only)
    show_submitted (self, FALSE);
  else
    ca_audit_autosave_start (self->autosave, database, audit_id, form->draft);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  return TRUE;
}

gint64
ca_audit_editor_get_case_id (CaAuditEditor *self)
{
  g_return_val_if_fail (CA_IS_AUDIT_EDITOR (self), 0);

  return self->form ? self->form->header->case_id : 0;
}
