// SPDX-License-Identifier: GPL-3.0-or-later
// One section of the audit form: its questions, comments, and grade with the rules' explanation.
// The rows are made in C because the form is data: each tool version has its own sections.
// The group reads and writes the form only through its CaSectionModel; the draft's is below.

#define G_LOG_DOMAIN "ca-audit-section-group"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-audit-section-group.h"
#include "ca-form-rows.h"

typedef struct
{
  CaAuditSectionGroup  *group;
  const CaToolQuestion *question;
  GtkWidget            *row;
  GtkWidget            *toggles[3];   /* Yes, No, NA */
  GtkWidget            *reason_row;
  GtkWidget            *entry_row;    /* text and date answers */
  GtkWidget            *combo_row;    /* grade answers */
  gboolean              syncing;      /* releasing the other toggles: not a change */
} QuestionWidgets;

struct _CaAuditSectionGroup
{
  AdwPreferencesGroup  parent_instance;

  const CaToolSection *section;      /* borrowed from the editor's form, like the values */
  const CaSectionModel *model;
  gpointer             values;       /* the form's, such as the draft */
  gboolean             loading;      /* filling the controls: not a change */

  GPtrArray           *questions;    /* of QuestionWidgets */
  GPtrArray           *inputs;       /* every control made insensitive once submitted */
  GHashTable          *targets;      /* problem path → widget to focus */
  GtkWidget           *grade_row;
  GtkWidget           *explanation;
};

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CaAuditSectionGroup, ca_audit_section_group, ADW_TYPE_PREFERENCES_GROUP)

static void
changed (CaAuditSectionGroup *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
track (CaAuditSectionGroup *self,
       GtkWidget           *input,
       const char          *where)
{
  g_ptr_array_add (self->inputs, input);
  if (where != NULL)
    g_hash_table_replace (self->targets, g_strdup (where), input);
}

/* Questions. */

static const char *answer_values[3] = { CA_ANSWER_VALUE_YES, CA_ANSWER_VALUE_NO, CA_ANSWER_VALUE_NA };

static void
update_reason_visibility (QuestionWidgets *qw)
{
  const CaAnswer *answer = qw->group->model->get_answer (qw->group->values, qw->question->id);

  if (qw->reason_row != NULL)
    gtk_widget_set_visible (qw->reason_row, answer != NULL &&
                            g_strcmp0 (answer->value, CA_ANSWER_VALUE_NA) == 0);
}

static void
answer_toggled_cb (GtkToggleButton *button,
                   QuestionWidgets *qw)
{
  CaAuditSectionGroup *self = qw->group;
  const CaAnswer *old;
  g_autofree char *reason = NULL;
  const char *value = NULL;

  if (self->loading || qw->syncing)
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
  old = self->model->get_answer (self->values, qw->question->id);
  if (old != NULL && old->reason != NULL)
    reason = g_strdup (old->reason);
  self->model->set_answer (self->values, qw->question->id, value, reason);
  update_reason_visibility (qw);
  changed (self);
}

static void
reason_changed_cb (GtkEditable     *editable,
                   QuestionWidgets *qw)
{
  CaAuditSectionGroup *self = qw->group;
  const CaAnswer *old;
  g_autofree char *value = NULL;

  if (self->loading)
    return;
  old = self->model->get_answer (self->values, qw->question->id);
  value = g_strdup (old ? old->value : CA_ANSWER_VALUE_NA);
  self->model->set_answer (self->values, qw->question->id, value,
                             gtk_editable_get_text (editable));
  changed (self);
}

static void
text_answer_changed_cb (GtkEditable     *editable,
                        QuestionWidgets *qw)
{
  CaAuditSectionGroup *self = qw->group;
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *iso = NULL;

  if (self->loading)
    return;
  if (qw->question->type == CA_ANSWER_DATE)
    {
      if (!ca_form_rows_read_date (GTK_WIDGET (editable), &iso))
        return;
      text = iso ? iso : "";
    }
  self->model->set_answer (self->values, qw->question->id, *text ? text : NULL, NULL);
  changed (self);
}

static void
grade_answer_changed_cb (AdwComboRow     *row,
                         GParamSpec      *pspec,
                         QuestionWidgets *qw)
{
  CaAuditSectionGroup *self = qw->group;
  guint selected = adw_combo_row_get_selected (row);

  if (self->loading)
    return;
  self->model->set_answer (self->values, qw->question->id,
                             selected == 0 ? NULL : ca_grade_to_string ((CaGrade) selected), NULL);
  changed (self);
}

static void
add_question (CaAuditSectionGroup  *self,
              const CaToolQuestion *question)
{
  GtkWidget *group = GTK_WIDGET (self);
  QuestionWidgets *qw = g_new0 (QuestionWidgets, 1);
  g_autofree char *where = g_strconcat ("questions.", question->id, NULL);
  const CaAnswer *answer = self->model->get_answer (self->values, question->id);

  qw->group = self;
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
        gtk_widget_add_css_class (box, "answer-toggles");
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
        ca_form_rows_make_one_stop (box);
        /* The row itself is no stop: Tab goes straight to its answers, where the focus shows. */
        gtk_widget_set_focusable (qw->row, FALSE);
        adw_action_row_add_suffix (ADW_ACTION_ROW (qw->row), box);
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), qw->row);

        if (question->na_allowed && question->na_needs_reason)
          {
            qw->reason_row = ca_form_rows_new_entry_row (_("Reason for NA"),
                                                         answer ? answer->reason : NULL);
            g_signal_connect (qw->reason_row, "changed", G_CALLBACK (reason_changed_cb), qw);
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), qw->reason_row);
            track (self, qw->reason_row, NULL);
            update_reason_visibility (qw);
          }
      }
      break;

    case CA_ANSWER_GRADE:
      {
        g_autoptr(GListStore) grades = ca_form_rows_new_grade_choices (_("Not answered"));

        qw->combo_row = qw->row =
          ca_form_rows_new_choice_row (question->text, grades,
                                       answer ? (guint) ca_grade_from_string (answer->value) : 0);
        g_signal_connect (qw->row, "notify::selected", G_CALLBACK (grade_answer_changed_cb), qw);
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), qw->row);
        track (self, qw->row, where);
      }
      break;

    case CA_ANSWER_DATE:
      qw->entry_row = qw->row = ca_form_rows_add_date_row (group, question->text,
                                                           answer ? answer->value : NULL);
      track (self, qw->row, where);
      g_signal_connect (qw->row, "changed", G_CALLBACK (text_answer_changed_cb), qw);
      break;

    case CA_ANSWER_TEXT:
    default:
      qw->entry_row = qw->row = ca_form_rows_new_entry_row (question->text,
                                                            answer ? answer->value : NULL);
      g_signal_connect (qw->row, "changed", G_CALLBACK (text_answer_changed_cb), qw);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), qw->row);
      track (self, qw->row, where);
      break;
    }
}

/* Comments and grade. */

static void
comments_changed_cb (GtkTextBuffer       *buffer,
                     CaAuditSectionGroup *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->loading)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  self->model->set_comments (self->values, self->section->id, text);
  changed (self);
}

static void
section_grade_changed_cb (AdwComboRow         *row,
                          GParamSpec          *pspec,
                          CaAuditSectionGroup *self)
{
  if (self->loading)
    return;
  self->model->set_grade (self->values, self->section->id,
                                    (CaGrade) adw_combo_row_get_selected (row));
  changed (self);
}

static void
build (CaAuditSectionGroup *self)
{
  const CaToolSection *section = self->section;
  GtkWidget *group = GTK_WIDGET (self);
  g_autofree char *escaped = g_markup_escape_text (section->title, -1);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), escaped);

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
    add_question (self, g_ptr_array_index (section->questions, i));

  if (section->has_comments)
    {
      g_autofree char *label = g_strdup_printf (_("Comments on %s"), section->title);
      GtkWidget *view;

      ca_form_rows_add_heading (group, _("Comments"));
      view = ca_form_rows_add_text_view (group, label,
                                         self->model->get_comments (self->values, section->id));
      g_autofree char *where = g_strdup_printf ("sections.%s.comments", section->id);

      g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                        G_CALLBACK (comments_changed_cb), self);
      track (self, view, where);
    }

  if (section->graded)
    {
      g_autoptr(GListStore) grades = ca_form_rows_new_grade_choices (_("Not graded"));
      g_autofree char *title = g_strdup_printf (_("%s grade"), section->title);
      g_autofree char *where = g_strdup_printf ("sections.%s.grade", section->id);
      CaGrade grade = self->model->get_grade (self->values, section->id);
      GtkWidget *list;

      self->grade_row = ca_form_rows_new_choice_row (title, grades, (guint) grade);
      g_signal_connect (self->grade_row, "notify::selected",
                        G_CALLBACK (section_grade_changed_cb), self);
      list = ca_form_rows_add_row_in_list (group, self->grade_row);
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title, -1);
      self->explanation = ca_form_rows_add_explanation (group);
      track (self, self->grade_row, where);
    }
}

/**
 * ca_audit_section_group_new_for_model:
 * @section: (transfer none): the tool's section; it must outlive the group
 * @model: (transfer none): how to read and change @values
 * @values: (transfer none): the form's values to show and change; they must outlive the group
 *
 * ::changed is emitted after each change the group makes to @values.
 */
GtkWidget *
ca_audit_section_group_new_for_model (const CaToolSection  *section,
                                      const CaSectionModel *model,
                                      gpointer              values)
{
  CaAuditSectionGroup *self = g_object_new (CA_TYPE_AUDIT_SECTION_GROUP, NULL);

  self->section = section;
  self->model = model;
  self->values = values;
  self->loading = TRUE;
  build (self);
  self->loading = FALSE;
  return GTK_WIDGET (self);
}

/* The draft's section model: the draft's own functions, which take a CaAuditDraft where the
 * model says a pointer. */
static const CaSectionModel draft_model = {
  .get_answer = (const CaAnswer *(*) (gconstpointer, const char *)) ca_audit_draft_get_answer,
  .set_answer = (void (*) (gpointer, const char *, const char *, const char *))
                ca_audit_draft_set_answer,
  .get_comments = (const char *(*) (gconstpointer, const char *))
                  ca_audit_draft_get_section_comments,
  .set_comments = (void (*) (gpointer, const char *, const char *))
                  ca_audit_draft_set_section_comments,
  .get_grade = (CaGrade (*) (gconstpointer, const char *)) ca_audit_draft_get_section_grade,
  .set_grade = (void (*) (gpointer, const char *, CaGrade)) ca_audit_draft_set_section_grade,
  .best_grade = (CaGrade (*) (const CaToolSection *, gconstpointer, char **))
                ca_audit_rules_best_allowed_section_grade,
  .grade_allowed = (gboolean (*) (const CaToolSection *, gconstpointer, CaGrade, char **))
                   ca_audit_rules_section_grade_allowed,
};

/**
 * ca_audit_section_group_new:
 * @section: (transfer none): the tool's section; it must outlive the group
 * @draft: (transfer none): the draft to show and change; it must outlive the group
 *
 * ca_audit_section_group_new_for_model() over the draft.
 */
GtkWidget *
ca_audit_section_group_new (const CaToolSection *section,
                            CaAuditDraft        *draft)
{
  return ca_audit_section_group_new_for_model (section, &draft_model, draft);
}

/* Item I of the grade's combo is grade I; SUBJECT is the group. */
static gboolean
section_grade_allowed (gconstpointer   subject,
                       gconstpointer   values,
                       guint           item,
                       char          **why_not)
{
  const CaAuditSectionGroup *self = subject;

  return self->model->grade_allowed (self->section, values, (CaGrade) item, why_not);
}

/**
 * ca_audit_section_group_update_explanation:
 *
 * Says again under the section's grade what the rules allow, after a change to the values.
 */
void
ca_audit_section_group_update_explanation (CaAuditSectionGroup *self)
{
  gconstpointer values = self->values;
  g_autofree char *best_reason = NULL;
  g_autofree char *why_not = NULL;
  g_autofree char *text = NULL;
  CaGrade chosen, best;
  gboolean allowed;

  g_return_if_fail (CA_IS_AUDIT_SECTION_GROUP (self));

  if (self->grade_row == NULL)
    return;
  chosen = self->model->get_grade (values, self->section->id);
  best = self->model->best_grade (self->section, values, &best_reason);
  allowed = chosen == CA_GRADE_NONE ||
            self->model->grade_allowed (self->section, values, chosen, &why_not);
  text = ca_form_rows_explain_grade (chosen, allowed, why_not, best, best_reason);
  ca_form_rows_set_explanation (self->explanation, self->grade_row, text, !allowed);
  ca_form_rows_mark_choices (self->grade_row, section_grade_allowed, self, values);
}

void
ca_audit_section_group_set_read_only (CaAuditSectionGroup *self,
                                      gboolean             read_only)
{
  g_return_if_fail (CA_IS_AUDIT_SECTION_GROUP (self));

  ca_form_rows_set_read_only (self->inputs, read_only);
  for (guint i = 0; i < self->questions->len; i++)
    {
      QuestionWidgets *qw = g_ptr_array_index (self->questions, i);

      for (guint j = 0; j < 3; j++)
        if (qw->toggles[j] != NULL)
          gtk_widget_set_sensitive (qw->toggles[j], !read_only &&
                                    (j < 2 || qw->question->na_allowed));
    }
}

/**
 * ca_audit_section_group_get_target:
 * @where: a submission problem's path, such as "questions.q1" or "sections.s1.grade"
 *
 * Returns: (transfer none) (nullable): the control to focus for a problem at @where
 */
GtkWidget *
ca_audit_section_group_get_target (CaAuditSectionGroup *self,
                                   const char          *where)
{
  g_return_val_if_fail (CA_IS_AUDIT_SECTION_GROUP (self), NULL);

  return where != NULL ? g_hash_table_lookup (self->targets, where) : NULL;
}

/**
 * ca_audit_section_group_find_path:
 * @widget: a widget inside the group, such as the one with the keyboard focus
 *
 * Returns: (nullable): the path of the field whose control is or holds @widget
 */
const char *
ca_audit_section_group_find_path (CaAuditSectionGroup *self,
                                  GtkWidget           *widget)
{
  g_return_val_if_fail (CA_IS_AUDIT_SECTION_GROUP (self), NULL);

  return ca_form_rows_find_path (self->targets, widget);
}

static void
ca_audit_section_group_finalize (GObject *object)
{
  CaAuditSectionGroup *self = (CaAuditSectionGroup *) object;

  g_ptr_array_unref (self->questions);
  g_ptr_array_unref (self->inputs);
  g_hash_table_unref (self->targets);

  G_OBJECT_CLASS (ca_audit_section_group_parent_class)->finalize (object);
}

static void
ca_audit_section_group_class_init (CaAuditSectionGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ca_audit_section_group_finalize;

  /**
   * CaAuditSectionGroup::changed:
   *
   * An answer, the comments or the grade of the section has just been changed in the values.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
ca_audit_section_group_init (CaAuditSectionGroup *self)
{
  self->questions = g_ptr_array_new_with_free_func (g_free);
  self->inputs = g_ptr_array_new ();
  self->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
