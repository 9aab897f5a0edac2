// SPDX-License-Identifier: GPL-3.0-or-later
// The Stage 2 moderation form (R-H3, seed 02 "Have we made a difference for the child?").
//
// Each section the auditor graded shows the auditor's grade and comments above the
// moderator's own grade; where the two differ a "why" row appears, and Submit asks for it.
// Then the reflective discussion (its date and who took part, chosen from the people around
// the case), further actions, learning, and whether the work has made a difference. What is
// typed is saved by the same autosave as the audit's draft, through the moderation's form
// model, so that two moderators typing at once lose nothing (R-N2).

#define G_LOG_DOMAIN "ca-moderation-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-audit-actions-group.h"
#include "ca-audit-autosave.h"
#include "ca-choice.h"
#include "ca-conflict-dialog.h"
#include "ca-form-parts.h"
#include "ca-form-rows.h"
#include "ca-list-access.h"
#include "ca-mail-draft.h"
#include "ca-moderation-answers.h"
#include "ca-moderation-editor.h"
#include "ca-moderation-alert.h"
#include "ca-moderation-form-store.h"
#include "ca-moderation-report.h"
#include "ca-toast.h"
#include "ca-widget.h"
#include "core/ca-date.h"

/* What a control holds, so that one handler reads it into the form and one writes it back. */
typedef enum
{
  CONTROL_GRADE,        /* combo row: item I is grade I */
  CONTROL_DIFFERENCE,   /* combo row: item I is CaDifference I */
  CONTROL_ENTRY,        /* entry row */
  CONTROL_DATE,         /* entry row for a date */
  CONTROL_TEXT,         /* text view */
  CONTROL_PEOPLE,       /* list of check rows: staff ids */
} ControlKind;

/* A choice between two versions of a field, waiting for the person. */
typedef struct
{
  char   *where;
  char   *other;
  gint64  set_aside_id;
} Choice;

struct _CaModerationEditor
{
  GtkWidget           parent_instance;

  AdwWindowTitle     *window_title;
  GtkWidget          *submit_button;
  GtkRevealer        *choices_revealer;
  GtkLabel           *choices_label;
  AdwToastOverlay    *toast_overlay;
  GtkScrolledWindow  *scroller;
  GtkBox             *content;
  GtkWidget          *problems_group;
  GtkLabel           *problems_label;

  CaContext          *context;
  CaModerationSheet  *sheet;
  CaAuditAutosave    *autosave;
  GPtrArray          *groups;     /* the groups built for the sheet shown */
  GPtrArray          *made;       /* the rows within them */
  GPtrArray          *inputs;     /* what becomes read-only once submitted */
  GHashTable         *targets;    /* path → control */
  GPtrArray          *people;     /* the participants' check buttons */
  GtkWidget          *actions_group; /* the further actions' rows (R-H3) */
  CaFormParts        *parts;      /* the form below the first screenful, built after it */
  GPtrArray          *fresh;      /* the controls made since the form was last written in */
  GQueue              choices;    /* of Choice */
  gboolean            updating;   /* the form is being written into the controls */
  gboolean            submitting;
};

G_DEFINE_FINAL_TYPE (CaModerationEditor, ca_moderation_editor, GTK_TYPE_WIDGET)

static void
choice_free (Choice *choice)
{
  g_free (choice->where);
  g_free (choice->other);
  g_free (choice);
}

/* Reading and writing the controls ------------------------------------------------------ */

static ControlKind
get_kind (GtkWidget *control)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (control), "kind"));
}

static const char *
get_path (GtkWidget *control)
{
  return g_object_get_data (G_OBJECT (control), "path");
}

/* The participants as the form keeps them: the staff ids ticked, comma separated. */
static char *
read_people (CaModerationEditor *self)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < self->people->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->people, i);

      if (gtk_check_button_get_active (check))
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 0 ? "," : "",
                                *(gint64 *) g_object_get_data (G_OBJECT (check), "staff-id"));
    }
  return ids->len > 0 ? g_strdup (ids->str) : NULL;
}

static void
write_people (CaModerationEditor *self,
              const char         *value)
{
  g_auto(GStrv) ids = g_strsplit (value != NULL ? value : "", ",", -1);

  for (guint i = 0; i < self->people->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->people, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             *(gint64 *) g_object_get_data (G_OBJECT (check),
                                                                            "staff-id"));

      gtk_check_button_set_active (check, g_strv_contains ((const char * const *) ids, id));
    }
}

/* The control's value as the form's field takes it (see core/ca-moderation-form.h). */
static char *
read_control (CaModerationEditor *self,
              GtkWidget          *control)
{
  guint selected;
  char *iso = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  switch (get_kind (control))
    {
    case CONTROL_GRADE:
      selected = adw_combo_row_get_selected (ADW_COMBO_ROW (control));
      return selected > 0 && selected <= CA_GRADE_INADEQUATE
             ? g_strdup (ca_grade_to_string ((CaGrade) selected)) : NULL;
    case CONTROL_DIFFERENCE:
      selected = adw_combo_row_get_selected (ADW_COMBO_ROW (control));
      return selected > 0 && selected <= CA_DIFFERENCE_NOT_YET
             ? g_strdup (ca_difference_to_string ((CaDifference) selected)) : NULL;
    case CONTROL_ENTRY:
      return g_strdup (gtk_editable_get_text (GTK_EDITABLE (control)));
    case CONTROL_DATE:
      /* A date half typed keeps what was stored until it is a date. */
      if (!ca_form_rows_read_date (control, &iso))
        return ca_moderation_form_dup_field (self->sheet->form, get_path (control));
      return iso;
    case CONTROL_TEXT:
      buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (control));
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    case CONTROL_PEOPLE:
      return read_people (self);
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
write_control (CaModerationEditor *self,
               GtkWidget          *control)
{
  g_autofree char *value = ca_moderation_form_dup_field (self->sheet->form, get_path (control));
  g_autofree char *shown = NULL;

  switch (get_kind (control))
    {
    case CONTROL_GRADE:
      adw_combo_row_set_selected (ADW_COMBO_ROW (control), ca_grade_from_string (value));
      break;
    case CONTROL_DIFFERENCE:
      adw_combo_row_set_selected (ADW_COMBO_ROW (control), ca_difference_from_string (value));
      break;
    case CONTROL_ENTRY:
      gtk_editable_set_text (GTK_EDITABLE (control), value != NULL ? value : "");
      break;
    case CONTROL_DATE:
      shown = value != NULL ? ca_date_format_display (value) : NULL;
      gtk_editable_set_text (GTK_EDITABLE (control), shown != NULL ? shown : "");
      break;
    case CONTROL_TEXT:
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (control)),
                                value != NULL ? value : "", -1);
      break;
    case CONTROL_PEOPLE:
      write_people (self, value);
      break;
    default:
      g_return_if_reached ();
    }
}

/* A section's "why" row shows while the moderator's grade differs from the auditor's, or
 * while it holds something written. */
static void
update_why_rows (CaModerationEditor *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->targets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GtkWidget *control = value;
      CaGrade *auditor = g_object_get_data (G_OBJECT (control), "auditor-grade");
      const char *grade_path = g_object_get_data (G_OBJECT (control), "grade-path");
      g_autofree char *grade = NULL;
      g_autofree char *why = NULL;
      gboolean differs;

      if (auditor == NULL)
        continue;
      grade = ca_moderation_form_dup_field (self->sheet->form, grade_path);
      why = ca_moderation_form_dup_field (self->sheet->form, key);
      differs = grade != NULL && *auditor != CA_GRADE_NONE &&
                ca_grade_from_string (grade) != *auditor;
      gtk_widget_set_visible (control, differs || why != NULL);
    }
}

static void
control_changed (CaModerationEditor *self,
                 GtkWidget          *control)
{
  g_autofree char *value = NULL;

  if (self->updating || self->sheet == NULL)
    return;
  value = read_control (self, control);
  ca_moderation_form_set_field (self->sheet->form, get_path (control), value);
  ca_form_rows_show_row_message (control, NULL);
  update_why_rows (self);
  ca_audit_autosave_changed (self->autosave);
}

static void
combo_selected_cb (GtkWidget  *row,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  control_changed (user_data, row);
}

static void
editable_changed_cb (GtkEditable *editable,
                     gpointer     user_data)
{
  control_changed (user_data, GTK_WIDGET (editable));
}

static void
buffer_changed_cb (GtkTextBuffer *buffer,
                   GtkWidget     *view)
{
  control_changed (CA_MODERATION_EDITOR (gtk_widget_get_ancestor (view,
                                                                  CA_TYPE_MODERATION_EDITOR)),
                   view);
}

static void
person_toggled_cb (GtkCheckButton *check,
                   gpointer        user_data)
{
  CaModerationEditor *self = user_data;

  /* The row takes the focus, not the check: it says whether the person took part. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (gtk_widget_get_ancestor (GTK_WIDGET (check),
                                                                        ADW_TYPE_ACTION_ROW)),
                               GTK_ACCESSIBLE_STATE_CHECKED,
                               gtk_check_button_get_active (check), -1);
  control_changed (self, g_hash_table_lookup (self->targets, "participants"));
}

/* Makes CONTROL the one for PATH, of KIND: kept, watched and made read-only once submitted. */
static void
add_control (CaModerationEditor *self,
             GtkWidget          *control,
             const char         *path,
             ControlKind         kind)
{
  char *key = g_strdup (path);

  g_object_set_data (G_OBJECT (control), "kind", GINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (control), "path", key);
  g_hash_table_insert (self->targets, key, control);
  g_ptr_array_add (self->fresh, control);
  if (kind != CONTROL_PEOPLE)
    g_ptr_array_add (self->inputs, control);

  switch (kind)
    {
    case CONTROL_GRADE:
    case CONTROL_DIFFERENCE:
      g_signal_connect (control, "notify::selected", G_CALLBACK (combo_selected_cb), self);
      break;
    case CONTROL_ENTRY:
    case CONTROL_DATE:
      g_signal_connect (control, "changed", G_CALLBACK (editable_changed_cb), self);
      break;
    case CONTROL_TEXT:
      g_signal_connect (gtk_text_view_get_buffer (GTK_TEXT_VIEW (control)), "changed",
                        G_CALLBACK (buffer_changed_cb), control);
      break;
    case CONTROL_PEOPLE:
    default:
      break;
    }
}

/* Building the form --------------------------------------------------------------------- */

static GtkWidget *
add_group (CaModerationEditor *self,
           const char         *title,
           const char         *description)
{
  GtkWidget *group = ca_form_rows_new_group (title, description);

  ca_form_rows_track (group, self->made);
  gtk_box_append (self->content, group);
  g_ptr_array_add (self->groups, group);
  return group;
}

/* The moderator's grade for a part of the audit (a section, or the audit overall) against
 * the auditor's AUDITOR, and the row saying why they differ. */
static void
add_grade_rows (CaModerationEditor *self,
                GtkWidget          *group,
                const char         *grade_path,
                const char         *why_path,
                const char         *part,
                CaGrade            *auditor)
{
  g_autoptr(GListStore) choices = ca_form_rows_new_grade_choices (_("Not graded"));
  /* Translators: %s is a part of the audit, e.g. "Assessment" or "the audit overall" */
  g_autofree char *grade_title = g_strdup_printf (_("Your grade for %s"), part);
  /* Translators: %s is a part of the audit, e.g. "Assessment" or "the audit overall" */
  g_autofree char *why_title = g_strdup_printf (_("Why your grade for %s differs"), part);
  GtkWidget *grade_row = ca_form_rows_new_choice_row (grade_title, choices, CA_GRADE_NONE);
  GtkWidget *why_row = ca_form_rows_new_entry_row (why_title, NULL);

  ca_form_rows_add (group, grade_row);
  ca_form_rows_add (group, ca_form_rows_new_message (grade_row));
  add_control (self, grade_row, grade_path, CONTROL_GRADE);

  ca_form_rows_add (group, why_row);
  ca_form_rows_add (group, ca_form_rows_new_message (why_row));
  add_control (self, why_row, why_path, CONTROL_ENTRY);
  g_object_set_data (G_OBJECT (why_row), "auditor-grade", auditor);
  g_object_set_data_full (G_OBJECT (why_row), "grade-path", g_strdup (grade_path), g_free);
}

/* Once submitted: the case audit alert to the practice and group managers (seed 02). */
static void
build_alert (CaModerationEditor *self)
{
  GtkWidget *group = add_group (self, _("Case Audit Alert"),
                                _("Tell the practice manager and the group manager that the "
                                  "moderation is done, with the audit and its moderation "
                                  "attached."));
  g_autoptr(GString) names = g_string_new (NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Save E-mail…"));

  for (guint i = 0; i < self->sheet->people->len; i++)
    {
      const CaModerationPerson *person = g_ptr_array_index (self->sheet->people, i);

      if (person->role != CA_MODERATION_PART_PRACTICE_MANAGER &&
          person->role != CA_MODERATION_PART_GROUP_MANAGER)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      if (person->email != NULL)
        g_string_append (names, person->name);
      else
        /* Translators: someone the e-mail cannot reach: "Ava Harris (no e-mail address)" */
        g_string_append_printf (names, _("%s (no e-mail address)"), person->name);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("To"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               names->len > 0 ? names->str : _("No one recorded"));
  /* Its button is the one stop: the row only says who the e-mail is to. */
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "moderation.save-alert");
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Save Alert E-mail"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  ca_form_rows_add (group, row);
}

/* The audit being moderated, in a sentence and two rows: the form starts within the first
 * screenful. */
static void
build_header (CaModerationEditor *self)
{
  CaModerationSheet *sheet = self->sheet;
  g_autofree char *audited = sheet->audit_date ? ca_date_format_display (sheet->audit_date)
                                               : g_strdup (_("an unknown date"));
  g_autofree char *due = sheet->due_date ? ca_date_format_display (sheet->due_date) : NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *today_text = NULL;
  GDate today;
  g_autofree char *description =
    /* Translators: "Audited by Ryan Murphy on 30 Sep 2026 with the Stage 1 Good Practice
     * audit; the social worker is Jack Williams." */
    g_strdup_printf (_("Audited by %s on %s with the %s; the social worker is %s."),
                     sheet->auditor_name, audited, sheet->tool_name,
                     sheet->worker_name != NULL ? sheet->worker_name : _("not recorded"));
  GtkWidget *group = add_group (self, _("The Audit"), description);
  g_autofree char *grade = NULL;

  if (sheet->category > 0)
    /* Translators: an overall grade and its category of concern: "Inadequate, Category 2" */
    grade = g_strdup_printf (_("%s, Category %d"), ca_grade_get_label (sheet->auditor_overall),
                             sheet->category);
  else
    grade = g_strdup (ca_grade_get_label (sheet->auditor_overall));
  ca_form_rows_add_property_row (group, _("Auditor’s overall grade"), grade);
  /* Said in words while it waits past its day, as the queue says it. */
  ca_context_get_today (self->context, &today);
  today_text = ca_date_format (&today);
  if (due != NULL && sheet->moderated_on == NULL && g_strcmp0 (sheet->due_date, today_text) < 0)
    /* Translators: "Overdue since 15 Oct 2026" */
    due_text = g_strdup_printf (_("Overdue since %s"), due);
  ca_form_rows_add_property_row (group, _("Moderation due"), due_text != NULL ? due_text : due);
}

static void
build_section (CaModerationEditor *self,
               guint               index)
{
  CaModeratedSection *section = g_ptr_array_index (self->sheet->sections, index);
  g_autofree char *description =
    /* Translators: %s is a grade, e.g. "Good" */
    g_strdup_printf (_("The auditor graded this section %s."),
                     ca_grade_get_label (section->auditor_grade));
  GtkWidget *group = add_group (self, section->title, description);
  GtkWidget *answers = ca_moderation_answers_new_row (section);
  g_autofree char *grade_path = g_strdup_printf ("sections.%s.grade", section->id);
  g_autofree char *why_path = g_strdup_printf ("sections.%s.why", section->id);

  /* The audit as the auditor submitted it, above the moderator's grade (R-H3). */
  if (answers != NULL)
    ca_form_rows_add (group, answers);
  if (section->auditor_comments != NULL)
    ca_form_rows_add_property_row (group, _("Auditor’s comments"), section->auditor_comments);
  add_grade_rows (self, group, grade_path, why_path, section->title, &section->auditor_grade);
}

/* A group for the part PART_ID of the moderation's Stage 2 tool: its title and guidance are
 * the tool's (data/tools/stage-2.json), as the version the moderation keeps words them. */
static GtkWidget *
add_part_group (CaModerationEditor *self,
                const char         *part_id,
                const char         *before)
{
  const CaToolPart *part = ca_tool_definition_find_part (self->sheet->moderation_tool, part_id);
  g_autofree char *description = NULL;

  if (before != NULL && part->guidance != NULL)
    description = g_strdup_printf ("%s %s", before, part->guidance);
  else
    description = g_strdup (before != NULL ? before : part->guidance);
  return add_group (self, part->title, description);
}

static void
build_overall (CaModerationEditor *self)
{
  g_autofree char *graded =
    g_strdup_printf (_("The auditor graded the audit %s overall."),
                     ca_grade_get_label (self->sheet->auditor_overall));
  GtkWidget *group = add_part_group (self, CA_TOOL_PART_REGRADING, graded);

  add_grade_rows (self, group, "overall_grade", "overall_why", _("the audit overall"),
                  &self->sheet->auditor_overall);
}

static void
build_discussion (CaModerationEditor *self)
{
  GtkWidget *group = add_part_group (self, CA_TOOL_PART_DISCUSSION, NULL);
  GtkWidget *date_row, *list;

  date_row = ca_form_rows_add_date_row (group, _("Date of the discussion"), NULL);
  ca_form_rows_date_button_takes_tab (date_row);
  add_control (self, date_row, "discussion_date", CONTROL_DATE);
  if (self->sheet->people->len == 0)
    return;

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Who took part"), -1);
  for (guint i = 0; i < self->sheet->people->len; i++)
    {
      CaModerationPerson *person = g_ptr_array_index (self->sheet->people, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      /* Translators: what a screen reader says for a check box: "Zoe Walker, Social
       * worker, took part" */
      g_autofree char *name = g_strdup_printf (_("%s, %s, took part"), person->name,
                                               person->part);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), person->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), person->part);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      /* One Tab stop a person: the row, whose Space or Return ticks the check (GNOME's
       * way), not the row and then its check. Can-focus, not focusable: GTK 4.8's check
       * claims a Tab it cannot take when merely not focusable, and the focus stuck on the
       * row. */
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_widget_set_can_focus (check, FALSE);
      /* Each named once, by all it says: the row's title would be read again after it. The
       * row, which has the focus, says whether the person is ticked. */
      ca_list_name_button (check, name);
      ca_list_name_button (row, name);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_CHECKED, FALSE, -1);
      g_object_set_data (G_OBJECT (check), "staff-id", &person->id);
      g_signal_connect (check, "toggled", G_CALLBACK (person_toggled_cb), self);
      g_ptr_array_add (self->people, check);
      /* Once submitted the row, and so its check, is insensitive: no Tab stop. */
      g_ptr_array_add (self->inputs, row);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  ca_form_rows_add_heading (group, _("Who took part"));
  ca_form_rows_add (group, list);
  add_control (self, list, "participants", CONTROL_PEOPLE);
}

static void
actions_changed_cb (CaModerationEditor *self)
{
  if (!self->updating && self->sheet != NULL)
    ca_audit_autosave_changed (self->autosave);
}

/* The further actions as rows (R-H3): the audit form's actions group over the moderation
 * form's rows, its own title left to GROUP's. What older moderations recorded as one text
 * is shown under them as it was; new ones record rows. */
static void
build_further_actions (CaModerationEditor *self,
                       GtkWidget          *group)
{
  CaAuditActionsGroup *actions = CA_AUDIT_ACTIONS_GROUP (ca_audit_actions_group_new ());

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (actions), "");
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (actions), NULL);
  if (ca_context_get_deadline_rules (self->context) != NULL)
    ca_audit_actions_group_set_deadlines (actions,
                                          ca_context_get_holiday_calendar (self->context),
                                          ca_context_get_deadline_rules (self->context));
  ca_audit_actions_group_set_actions (actions, self->sheet->form->actions, self->sheet->owners);
  g_signal_connect_swapped (actions, "changed", G_CALLBACK (actions_changed_cb), self);
  ca_form_rows_add (group, GTK_WIDGET (actions));
  self->actions_group = GTK_WIDGET (actions);
  if (self->sheet->form->further_actions != NULL)
    ca_form_rows_add_property_row (group, _("Further actions recorded as text"),
                                   self->sheet->form->further_actions);
}

/* Shows the rows again when FIELDS (or WHERE) holds a further action another copy changed. */
static void
refresh_actions (CaModerationEditor *self,
                 const char * const *fields,
                 const char         *where)
{
  gboolean changed = where != NULL && g_str_has_prefix (where, "actions.");

  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    changed |= g_str_has_prefix (fields[i], "actions.");
  if (changed && self->actions_group != NULL)
    ca_audit_actions_group_set_actions (CA_AUDIT_ACTIONS_GROUP (self->actions_group),
                                        self->sheet->form->actions, self->sheet->owners);
}

static void
build_outcome (CaModerationEditor *self)
{
  GtkWidget *group = add_part_group (self, CA_TOOL_PART_FURTHER_ACTIONS, NULL);
  const CaToolPart *difference = ca_tool_definition_find_part (self->sheet->moderation_tool,
                                                               CA_TOOL_PART_DIFFERENCE);
  g_autoptr(GListStore) choices = g_list_store_new (CA_TYPE_CHOICE);
  GtkWidget *view, *row, *comment;

  build_further_actions (self, group);
  group = add_part_group (self, CA_TOOL_PART_LEARNING, NULL);
  view = ca_form_rows_add_text_view (group, _("Learning"), NULL);
  add_control (self, view, "learning", CONTROL_TEXT);

  group = add_part_group (self, CA_TOOL_PART_DIFFERENCE, NULL);
  /* Item I is CaDifference I: "not answered", then the tool's answers, which its reader
   * keeps in the order yes, partly, not yet. */
  ca_form_rows_append_choice (choices, ca_difference_get_label (CA_DIFFERENCE_NONE));
  for (guint i = 0; i < difference->answers->len; i++)
    {
      const CaToolAnswer *answer = g_ptr_array_index (difference->answers, i);

      ca_form_rows_append_choice (choices, answer->label);
    }
  row = ca_form_rows_new_choice_row (_("Made a difference"), choices, CA_DIFFERENCE_NONE);
  ca_form_rows_add (group, row);
  ca_form_rows_add (group, ca_form_rows_new_message (row));
  add_control (self, row, "difference", CONTROL_DIFFERENCE);
  comment = ca_form_rows_new_entry_row (difference->comment, NULL);
  ca_form_rows_add (group, comment);
  add_control (self, comment, "difference_comment", CONTROL_ENTRY);
}

/* Writes the form into the controls made since it was last written, without counting it as
 * typing, and makes them read-only once the moderation is submitted. */
static void
settle (CaModerationEditor *self)
{
  gboolean submitted = self->sheet->moderated_on != NULL;

  self->updating = TRUE;
  for (guint i = 0; i < self->fresh->len; i++)
    write_control (self, g_ptr_array_index (self->fresh, i));
  self->updating = FALSE;
  g_ptr_array_set_size (self->fresh, 0);
  update_why_rows (self);
  ca_form_rows_set_read_only (self->inputs, submitted);
  if (self->actions_group != NULL)
    ca_audit_actions_group_set_read_only (CA_AUDIT_ACTIONS_GROUP (self->actions_group), submitted);
}

/* Writes the form into every control made so far, as another copy's changes came in. */
static void
refresh_form (CaModerationEditor *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->targets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (self->fresh, value);
  settle (self);
}

/* The parts of the form below its first screenful (see ca-form-parts.c): a section each,
 * then the moderator's conclusions. */
static void
section_part (gpointer owner,
              gpointer data)
{
  build_section (owner, GPOINTER_TO_UINT (data));
  settle (owner);
}

static void
conclusions_part (gpointer owner,
                  gpointer data)
{
  build_overall (owner);
  build_discussion (owner);
  build_outcome (owner);
  settle (owner);
}

static void
clear_form (CaModerationEditor *self)
{
  ca_form_parts_clear (self->parts);
  ca_audit_autosave_stop (self->autosave);
  ca_form_rows_remove_made (self->made);
  for (guint i = 0; i < self->groups->len; i++)
    gtk_box_remove (self->content, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  g_ptr_array_set_size (self->inputs, 0);
  g_ptr_array_set_size (self->people, 0);
  self->actions_group = NULL;
  g_hash_table_remove_all (self->targets);
  g_queue_clear_full (&self->choices, (GDestroyNotify) choice_free);
  gtk_revealer_set_reveal_child (self->choices_revealer, FALSE);
  gtk_widget_set_visible (self->problems_group, FALSE);
  g_clear_pointer (&self->sheet, ca_moderation_sheet_free);
}

static void update_choices (CaModerationEditor *self);

static void
show_sheet (CaModerationEditor *self,
            CaModerationSheet  *sheet)
{
  gboolean submitted = sheet->moderated_on != NULL;
  g_autofree char *subtitle = NULL;

  clear_form (self);
  self->sheet = sheet;
  /* The first screenful now, the rest once it is painted: the form shows and takes
   * keystrokes before the controls nobody can see yet are made and styled. */
  if (submitted)
    build_alert (self);
  build_header (self);
  if (sheet->sections->len > 0)
    build_section (self, 0);
  for (guint i = 1; i < sheet->sections->len; i++)
    ca_form_parts_add (self->parts, section_part, GUINT_TO_POINTER (i));
  ca_form_parts_add (self->parts, conclusions_part, NULL);
  settle (self);
  ca_form_parts_start (self->parts);

  if (submitted)
    {
      g_autofree char *on = ca_date_format_display (sheet->moderated_on);

      /* Translators: the subtitle of a moderation: "CA-000101, submitted 3 Dec 2026" */
      subtitle = g_strdup_printf (_("%s, submitted %s"), sheet->case_ref, on);
    }
  else
    subtitle = g_strdup (sheet->case_ref);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_set_visible (self->submit_button, !submitted);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  if (!submitted)
    {
      /* Work starts at the first section's grade, not on Submit, as in the audit form. */
      if (self->inputs->len > 0)
        gtk_widget_grab_focus (g_ptr_array_index (self->inputs, 0));
      ca_audit_autosave_start_form (self->autosave, ca_moderation_form_store_get_form_model (),
                                    ca_context_get_database (self->context),
                                    sheet->moderation_id, sheet->form, sheet->stored);
      for (guint i = 0; i < sheet->set_aside->len; i++)
        {
          const CaDraftSetAside *row = g_ptr_array_index (sheet->set_aside, i);
          Choice *choice = g_new0 (Choice, 1);

          /* What this copy set aside is the version "other" to the one stored. */
          choice->where = g_strdup (row->where);
          choice->other = g_strdup (row->value);
          choice->set_aside_id = row->id;
          g_queue_push_tail (&self->choices, choice);
        }
      update_choices (self);
    }
}

/* Choices between two versions (R-N2) --------------------------------------------------- */

/* A field's name for the person, as the form titles it. */
static char *
describe_field (CaModerationEditor *self,
                const char         *where)
{
  GtkWidget *control = g_hash_table_lookup (self->targets, where);
  const char *title = NULL;

  if (g_str_has_prefix (where, "actions."))
    /* Translators: a further action in a choice between two versions: "Further action 2" */
    return g_strdup_printf (_("Further action %d"),
                            ca_moderation_form_find_action (self->sheet->form,
                                                            where + strlen ("actions.")) + 1);
  if (control != NULL && ADW_IS_PREFERENCES_ROW (control))
    title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (control));
  else if (control != NULL)
    title = gtk_widget_get_tooltip_text (control);
  return g_strdup (title != NULL ? title : where);
}

/* VALUE of WHERE for the person: a further action in words, not as the form keeps it. */
static char *
describe_value (CaModerationEditor *self,
                const char         *where,
                char               *value)
{
  g_autoptr(CaDraftAction) action = NULL;

  if (!g_str_has_prefix (where, "actions.") || (action = ca_draft_action_parse (value)) == NULL)
    return value;
  g_free (value);
  return ca_moderation_report_describe_action (self->sheet, action);
}

static void
update_choices (CaModerationEditor *self)
{
  guint n = g_queue_get_length (&self->choices);
  g_autofree char *text = NULL;

  if (n > 0)
    {
      text = g_strdup_printf (g_dngettext (NULL,
                                           "Someone else changed %u answer at the same time.",
                                           "Someone else changed %u answers at the same time.",
                                           n), n);
      gtk_label_set_text (self->choices_label, text);
    }
  gtk_revealer_set_reveal_child (self->choices_revealer, n > 0);
}

static void
autosave_conflict_cb (CaAuditAutosave    *autosave,
                      const char         *where,
                      const char         *other,
                      gint64              set_aside_id,
                      CaModerationEditor *self)
{
  Choice *choice = g_new0 (Choice, 1);

  /* Told in the bar, not asked in a dialog: the person may be typing. */
  choice->where = g_strdup (where);
  choice->other = g_strdup (other);
  choice->set_aside_id = set_aside_id;
  g_queue_push_tail (&self->choices, choice);
  update_choices (self);
}

static void
choice_response_cb (AdwMessageDialog   *dialog,
                    const char         *response,
                    CaModerationEditor *self)
{
  Choice *choice = g_queue_peek_head (&self->choices);
  g_autofree char *mine = NULL;

  if (choice == NULL || self->sheet == NULL || g_str_equal (response, CA_CONFLICT_LATER))
    return;
  g_queue_pop_head (&self->choices);
  mine = ca_moderation_form_dup_field (self->sheet->form, choice->where);
  ca_audit_autosave_choose (self->autosave, choice->where, choice->set_aside_id,
                            g_str_equal (response, CA_CONFLICT_KEEP_THIS) ? mine : choice->other);
  refresh_actions (self, NULL, choice->where);
  choice_free (choice);
  refresh_form (self);
  update_choices (self);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CaModerationEditor *self = CA_MODERATION_EDITOR (widget);
  Choice *choice = g_queue_peek_head (&self->choices);
  g_autofree char *field = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *other = NULL;
  GtkWidget *dialog;

  if (choice == NULL || self->sheet == NULL)
    return;
  ca_form_parts_finish (self->parts);  /* the field is named by its control */
  field = describe_field (self, choice->where);
  mine = describe_value (self, choice->where,
                         ca_moderation_form_dup_field (self->sheet->form, choice->where));
  other = describe_value (self, choice->where, g_strdup (choice->other));
  dialog = ca_conflict_dialog_new (ca_widget_get_window (widget), field, mine,
                                   other, NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (choice_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The case audit alert ---------------------------------------------------------------- */

static void
save_alert_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CaModerationEditor *self = CA_MODERATION_EDITOR (widget);
  g_autofree char *name = NULL;

  if (self->sheet == NULL || self->sheet->moderated_on == NULL || self->context == NULL)
    return;
  /* Translators: the suggested file name of the alert, with the case reference */
  name = g_strdup_printf (_("Case audit alert %s.eml"), self->sheet->case_ref);
  /* The audit's PDF is drawn, and the file written, on the worker. */
  ca_mail_draft_save (widget, GTK_WIDGET (self->toast_overlay),
                      ca_context_get_database (self->context), name, ca_moderation_alert_new,
                      self->sheet->moderation_id, NULL);
}

/* Submit -------------------------------------------------------------------------------- */

static void
show_problems (CaModerationEditor *self,
               GPtrArray          *problems)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *first = NULL;

  if (problems->len > 0)
    ca_form_parts_finish (self->parts);  /* each problem is shown at its control */
  for (guint i = 0; i < problems->len; i++)
    {
      const CaRuleProblem *problem = g_ptr_array_index (problems, i);
      GtkWidget *control = g_hash_table_lookup (self->targets, problem->where);

      if (control == NULL && self->actions_group != NULL)
        control = ca_audit_actions_group_get_target (CA_AUDIT_ACTIONS_GROUP (self->actions_group),
                                                     problem->where);
      g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", problem->message);
      if (control == NULL)
        continue;
      gtk_widget_set_visible (control, TRUE);
      ca_form_rows_show_row_message (control, problem->message);
      if (first == NULL)
        first = control;
    }
  gtk_label_set_text (self->problems_label, text->str);
  gtk_widget_set_visible (self->problems_group, problems->len > 0);
  if (first != NULL)
    gtk_widget_grab_focus (first);
}

static void
reloaded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CaModerationEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ca_moderation_editor_load_finish (self, result, &error))
    ca_toast_show_text (GTK_WIDGET (self->toast_overlay), error->message, CA_TOAST_LONG);
}

static void
submitted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CaModerationEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id;

  self->submitting = FALSE;
  gtk_widget_set_sensitive (self->submit_button, TRUE);
  if (!ca_moderation_form_store_submit_finish (result, &error))
    {
      ca_toast_show_text (GTK_WIDGET (self->toast_overlay), error->message, CA_TOAST_LONG);
      return;
    }
  if (self->sheet == NULL)
    return;
  ca_toast_show_text (GTK_WIDGET (self->toast_overlay), _("Moderation submitted"),
                      CA_TOAST_SHORT);
  id = self->sheet->moderation_id;
  ca_moderation_editor_load_async (self, id, NULL, reloaded_cb, g_object_ref (self));
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CaModerationEditor *self = CA_MODERATION_EDITOR (widget);
  g_autoptr(GPtrArray) problems = NULL;

  if (self->sheet == NULL || self->submitting || self->sheet->moderated_on != NULL)
    return;
  if (!g_queue_is_empty (&self->choices))
    {
      ca_toast_show_text (GTK_WIDGET (self->toast_overlay),
                          _("Choose which version to keep of each answer someone else changed, "
                            "then submit."), CA_TOAST_LONG);
      return;
    }
  problems = ca_moderation_form_check (self->sheet->form, self->sheet->sections,
                                       self->sheet->auditor_overall);
  show_problems (self, problems);
  if (problems->len > 0)
    return;

  /* The worker runs the save before the submit: what was typed last is what is submitted. */
  self->submitting = TRUE;
  gtk_widget_set_sensitive (self->submit_button, FALSE);
  ca_audit_autosave_save_now (self->autosave);
  ca_moderation_form_store_submit_async (ca_context_get_database (self->context),
                                         self->sheet->moderation_id, self->sheet->form, NULL,
                                         submitted_cb, g_object_ref (self));
}

/* Loading ------------------------------------------------------------------------------- */

static void
sheet_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CaModerationEditor *self = g_task_get_source_object (task);
  GError *error = NULL;
  CaModerationSheet *sheet = ca_moderation_form_store_load_finish (result, &error);

  if (sheet == NULL)
    g_task_return_error (task, error);
  else if (!ca_context_load_still_wanted (task, self->context,
                                          _("The moderation was closed.")))
    ca_moderation_sheet_free (sheet);
  else
    {
      show_sheet (self, sheet);
      g_task_return_boolean (task, TRUE);
    }
}

/**
 * ca_moderation_editor_load_async:
 *
 * Queues the save of the moderation shown, if it has unsaved changes, then reads moderation
 * @moderation_id on the database's worker and shows it. A moderation of an audit still in
 * draft is refused with a message for the person.
 */
void
ca_moderation_editor_load_async (CaModerationEditor  *self,
                                 gint64               moderation_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CA_IS_MODERATION_EDITOR (self));
  g_return_if_fail (self->context != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_moderation_editor_load_async);
  ca_context_hold_in_task (self->context, task);
  if (self->sheet != NULL)
    ca_audit_autosave_save_now (self->autosave);
  ca_moderation_form_store_load_async (ca_context_get_database (self->context), moderation_id,
                                       cancellable, sheet_loaded_cb, task);
}

gboolean
ca_moderation_editor_load_finish (CaModerationEditor  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Queues what is unsaved on the worker: for leaving the page. */
void
ca_moderation_editor_save_now (CaModerationEditor *self)
{
  g_return_if_fail (CA_IS_MODERATION_EDITOR (self));

  if (self->sheet != NULL)
    ca_audit_autosave_save_now (self->autosave);
}

/* Queues what is unsaved once the save under way is back: for closing the window. */
void
ca_moderation_editor_flush (CaModerationEditor *self)
{
  g_return_if_fail (CA_IS_MODERATION_EDITOR (self));

  if (self->sheet != NULL)
    ca_audit_autosave_flush (self->autosave);
}

void
ca_moderation_editor_set_context (CaModerationEditor *self,
                                  CaContext          *context)
{
  g_return_if_fail (CA_IS_MODERATION_EDITOR (self));
  g_return_if_fail (context == NULL || CA_IS_CONTEXT (context));

  if (self->context == context)
    return;
  ca_moderation_editor_save_now (self);
  clear_form (self);
  g_set_object (&self->context, context);
}

static void
autosave_status_changed_cb (CaAuditAutosave    *autosave,
                            const char         *text,
                            gboolean            failed,
                            CaModerationEditor *self)
{
  if (failed)
    ca_toast_show_text (GTK_WIDGET (self->toast_overlay), text, CA_TOAST_LONG);
}

static void
autosave_refreshed_cb (CaAuditAutosave    *autosave,
                       GStrv               fields,
                       CaModerationEditor *self)
{
  refresh_actions (self, (const char * const *) fields, NULL);
  refresh_form (self);
}

static void
ca_moderation_editor_dispose (GObject *object)
{
  CaModerationEditor *self = CA_MODERATION_EDITOR (object);
  GtkWidget *child;

  if (self->autosave != NULL)
    clear_form (self);  /* the parts not built yet too */
  g_clear_object (&self->autosave);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_MODERATION_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ca_moderation_editor_parent_class)->dispose (object);
}

static void
ca_moderation_editor_finalize (GObject *object)
{
  CaModerationEditor *self = CA_MODERATION_EDITOR (object);

  g_ptr_array_unref (self->groups);
  g_ptr_array_unref (self->made);
  g_ptr_array_unref (self->inputs);
  g_ptr_array_unref (self->people);
  g_hash_table_unref (self->targets);
  ca_form_parts_free (self->parts);
  g_ptr_array_unref (self->fresh);

  G_OBJECT_CLASS (ca_moderation_editor_parent_class)->finalize (object);
}

static void
ca_moderation_editor_class_init (CaModerationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_moderation_editor_dispose;
  object_class->finalize = ca_moderation_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/caseaudit/CaseAudit/ui/ca-moderation-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CaModerationEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CaModerationEditor, submit_button);
  gtk_widget_class_bind_template_child (widget_class, CaModerationEditor, choices_revealer);
  gtk_widget_class_bind_template_child (widget_class, CaModerationEditor, choices_label);
  gtk_widget_class_bind_template_child (widget_class, CaModerationEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CaModerationEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, CaModerationEditor, content);
  gtk_widget_class_bind_template_child (widget_class, CaModerationEditor, problems_group);
  gtk_widget_class_bind_template_child (widget_class, CaModerationEditor, problems_label);

  gtk_widget_class_install_action (widget_class, "moderation.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "moderation.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "moderation.save-alert", NULL,
                                   save_alert_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "moderation.submit", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ca_moderation_editor_init (CaModerationEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->groups = g_ptr_array_new ();
  self->made = g_ptr_array_new_with_free_func (g_object_unref);
  self->inputs = g_ptr_array_new ();
  self->people = g_ptr_array_new ();
  self->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->parts = ca_form_parts_new (GTK_WIDGET (self));
  self->fresh = g_ptr_array_new ();
  g_queue_init (&self->choices);
  self->autosave = ca_audit_autosave_new ();
  g_signal_connect (self->autosave, "status-changed", G_CALLBACK (autosave_status_changed_cb),
                    self);
  g_signal_connect (self->autosave, "refreshed", G_CALLBACK (autosave_refreshed_cb), self);
  g_signal_connect (self->autosave, "conflict", G_CALLBACK (autosave_conflict_cb), self);
}
