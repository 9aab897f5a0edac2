// SPDX-License-Identifier: GPL-3.0-or-later
// An audit being filled in, as plain data for the rules: answers, actions, problems.

#define G_LOG_DOMAIN "ca-audit-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-audit-rules.h"

/* The longest piece of what was typed that a message quotes back. */
#define QUOTE_MAX_CHARS 40

/* ------------------------------------------------------------------------------------------
 * Answers, actions and drafts
 * ---------------------------------------------------------------------------------------- */

CaAnswer *
ca_answer_new (const char *value,
               const char *reason)
{
  CaAnswer *answer = g_new0 (CaAnswer, 1);

  answer->value = g_strdup (value);
  answer->reason = g_strdup (reason);
  return answer;
}

CaAnswer *
ca_answer_copy (const CaAnswer *answer)
{
  g_return_val_if_fail (answer != NULL, NULL);

  return ca_answer_new (answer->value, answer->reason);
}

void
ca_answer_free (CaAnswer *answer)
{
  if (answer == NULL)
    return;

  g_free (answer->value);
  g_free (answer->reason);
  g_free (answer);
}

CaDraftAction *
ca_draft_action_new (const char *description,
                     gint64      owner_id,
                     const char *due_date,
                     const char *impact)
{
  CaDraftAction *action = g_new0 (CaDraftAction, 1);

  action->description = g_strdup (description);
  action->owner_id = owner_id;
  action->due_date = g_strdup (due_date);
  action->impact = g_strdup (impact);
  return action;
}

CaDraftAction *
ca_draft_action_copy (const CaDraftAction *action)
{
  g_return_val_if_fail (action != NULL, NULL);

  CaDraftAction *copy = ca_draft_action_new (action->description, action->owner_id,
                                             action->due_date, action->impact);

  copy->safeguarding = action->safeguarding;
  copy->key = g_strdup (action->key);
  return copy;
}

void
ca_draft_action_free (CaDraftAction *action)
{
  if (action == NULL)
    return;

  g_free (action->description);
  g_free (action->due_date);
  g_free (action->impact);
  g_free (action->key);
  g_free (action);
}

CaAuditDraft *
ca_audit_draft_new (void)
{
  CaAuditDraft *draft = g_new0 (CaAuditDraft, 1);

  draft->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) ca_answer_free);
  draft->section_grades = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  draft->section_comments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  draft->overall_grade = CA_GRADE_NONE;
  draft->category = CA_CATEGORY_NONE;
  draft->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_draft_action_free);
  return draft;
}

/* A deep copy, for instance to hand a snapshot to a thread. */
CaAuditDraft *
ca_audit_draft_copy (const CaAuditDraft *draft)
{
  CaAuditDraft *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (draft != NULL, NULL);

  copy = ca_audit_draft_new ();

  g_hash_table_iter_init (&iter, draft->answers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->answers, g_strdup (key), ca_answer_copy (value));
  g_hash_table_iter_init (&iter, draft->section_grades);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->section_grades, g_strdup (key), value);
  g_hash_table_iter_init (&iter, draft->section_comments);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->section_comments, g_strdup (key), g_strdup (value));

  copy->pen_picture = g_strdup (draft->pen_picture);
  copy->audit_date = g_strdup (draft->audit_date);
  copy->period_start = g_strdup (draft->period_start);
  copy->period_end = g_strdup (draft->period_end);
  copy->joint_practitioner_id = draft->joint_practitioner_id;
  copy->overall_grade = draft->overall_grade;
  copy->category = draft->category;
  copy->done_well = g_strdup (draft->done_well);
  copy->comments = g_strdup (draft->comments);
  for (guint i = 0; i < draft->actions->len; i++)
    g_ptr_array_add (copy->actions, ca_draft_action_copy (g_ptr_array_index (draft->actions, i)));
  copy->feedback_method = g_strdup (draft->feedback_method);
  copy->feedback_date = g_strdup (draft->feedback_date);
  copy->feedback_summary = g_strdup (draft->feedback_summary);
  return copy;
}

void
ca_audit_draft_free (CaAuditDraft *draft)
{
  if (draft == NULL)
    return;

  g_hash_table_unref (draft->answers);
  g_hash_table_unref (draft->section_grades);
  g_hash_table_unref (draft->section_comments);
  g_free (draft->pen_picture);
  g_free (draft->audit_date);
  g_free (draft->period_start);
  g_free (draft->period_end);
  g_free (draft->done_well);
  g_free (draft->comments);
  g_ptr_array_unref (draft->actions);
  g_free (draft->feedback_method);
  g_free (draft->feedback_date);
  g_free (draft->feedback_summary);
  g_free (draft);
}

/* Sets the answer to QUESTION_ID, copying VALUE and REASON; with both NULL, forgets it. A
 * reason may be kept without a value, for a reason typed before NA is chosen. */
void
ca_audit_draft_set_answer (CaAuditDraft *draft,
                           const char   *question_id,
                           const char   *value,
                           const char   *reason)
{
  g_return_if_fail (draft != NULL);
  g_return_if_fail (question_id != NULL);

  if (value == NULL && reason == NULL)
    g_hash_table_remove (draft->answers, question_id);
  else
    g_hash_table_insert (draft->answers, g_strdup (question_id), ca_answer_new (value, reason));
}

/* The answer to QUESTION_ID, or NULL when there is none. */
const CaAnswer *
ca_audit_draft_get_answer (const CaAuditDraft *draft,
                           const char         *question_id)
{
  g_return_val_if_fail (draft != NULL, NULL);
  g_return_val_if_fail (question_id != NULL, NULL);

  return g_hash_table_lookup (draft->answers, question_id);
}

/* CA_GRADE_NONE takes the grade away. */
void
ca_audit_draft_set_section_grade (CaAuditDraft *draft,
                                  const char   *section_id,
                                  CaGrade       grade)
{
  g_return_if_fail (draft != NULL);
  g_return_if_fail (section_id != NULL);
  g_return_if_fail (grade <= CA_GRADE_INADEQUATE);

  if (grade == CA_GRADE_NONE)
    g_hash_table_remove (draft->section_grades, section_id);
  else
    g_hash_table_insert (draft->section_grades, g_strdup (section_id), GINT_TO_POINTER (grade));
}

CaGrade
ca_audit_draft_get_section_grade (const CaAuditDraft *draft,
                                  const char         *section_id)
{
  g_return_val_if_fail (draft != NULL, CA_GRADE_NONE);
  g_return_val_if_fail (section_id != NULL, CA_GRADE_NONE);

  return (CaGrade) GPOINTER_TO_INT (g_hash_table_lookup (draft->section_grades, section_id));
}

/* NULL takes the comments away. */
void
ca_audit_draft_set_section_comments (CaAuditDraft *draft,
                                     const char   *section_id,
                                     const char   *comments)
{
  g_return_if_fail (draft != NULL);
  g_return_if_fail (section_id != NULL);

  if (comments == NULL)
    g_hash_table_remove (draft->section_comments, section_id);
  else
    g_hash_table_insert (draft->section_comments, g_strdup (section_id), g_strdup (comments));
}

const char *
ca_audit_draft_get_section_comments (const CaAuditDraft *draft,
                                     const char         *section_id)
{
  g_return_val_if_fail (draft != NULL, NULL);
  g_return_val_if_fail (section_id != NULL, NULL);

  return g_hash_table_lookup (draft->section_comments, section_id);
}

static void
replace_string (char       **field,
                const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

void
ca_audit_draft_set_pen_picture (CaAuditDraft *draft,
                                const char   *text)
{
  g_return_if_fail (draft != NULL);

  replace_string (&draft->pen_picture, text);
}

void
ca_audit_draft_set_audit_date (CaAuditDraft *draft,
                               const char   *iso_date)
{
  g_return_if_fail (draft != NULL);

  replace_string (&draft->audit_date, iso_date);
}

void
ca_audit_draft_set_period (CaAuditDraft *draft,
                           const char   *iso_start,
                           const char   *iso_end)
{
  g_return_if_fail (draft != NULL);

  replace_string (&draft->period_start, iso_start);
  replace_string (&draft->period_end, iso_end);
}

void
ca_audit_draft_set_joint_practitioner (CaAuditDraft *draft,
                                       gint64        staff_id)
{
  g_return_if_fail (draft != NULL);

  draft->joint_practitioner_id = staff_id;
}

void
ca_audit_draft_set_overall_grade (CaAuditDraft *draft,
                                  CaGrade       grade)
{
  g_return_if_fail (draft != NULL);
  g_return_if_fail (grade <= CA_GRADE_INADEQUATE);

  draft->overall_grade = grade;
}

void
ca_audit_draft_set_category (CaAuditDraft *draft,
                             int           category)
{
  g_return_if_fail (draft != NULL);
  g_return_if_fail (category >= CA_CATEGORY_NONE && category <= CA_CATEGORY_MAX);

  draft->category = category;
}

void
ca_audit_draft_set_done_well (CaAuditDraft *draft,
                              const char   *text)
{
  g_return_if_fail (draft != NULL);

  replace_string (&draft->done_well, text);
}

void
ca_audit_draft_set_comments (CaAuditDraft *draft,
                             const char   *text)
{
  g_return_if_fail (draft != NULL);

  replace_string (&draft->comments, text);
}

/* R-F11: the feedback from the child or family; any of the three may be NULL. */
void
ca_audit_draft_set_feedback (CaAuditDraft *draft,
                             const char   *method,
                             const char   *iso_date,
                             const char   *summary)
{
  g_return_if_fail (draft != NULL);

  replace_string (&draft->feedback_method, method);
  replace_string (&draft->feedback_date, iso_date);
  replace_string (&draft->feedback_summary, summary);
}

static const struct
{
  const char *code;
  const char *label;
} feedback_methods[] = {
  { CA_FEEDBACK_METHOD_FACE_TO_FACE, N_("Face to face") },
  { CA_FEEDBACK_METHOD_TELEPHONE, N_("Telephone") },
  { CA_FEEDBACK_METHOD_VIDEO_CALL, N_("Video call") },
  { CA_FEEDBACK_METHOD_WRITTEN, N_("Written or questionnaire") },
  { CA_FEEDBACK_METHOD_OTHER, N_("Other") },
};

/* The codes of the feedback methods, in the order a form offers them; NULL-terminated. */
const char * const *
ca_feedback_method_list (void)
{
  static const char *codes[G_N_ELEMENTS (feedback_methods) + 1];

  if (codes[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (feedback_methods); i++)
      codes[i] = feedback_methods[i].code;
  return codes;
}

/* The translated name of a feedback method's code, or NULL for a code Case Audit does not
 * know. */
const char *
ca_feedback_method_get_label (const char *method)
{
  for (guint i = 0; method != NULL && i < G_N_ELEMENTS (feedback_methods); i++)
    if (g_str_equal (method, feedback_methods[i].code))
      return _(feedback_methods[i].label);
  return NULL;
}

/* Appends a row to the actions table, copying the strings; returns its index. */
guint
ca_audit_draft_add_action (CaAuditDraft *draft,
                           const char   *description,
                           gint64        owner_id,
                           const char   *due_date,
                           const char   *impact)
{
  g_return_val_if_fail (draft != NULL, 0);

  g_ptr_array_add (draft->actions, ca_draft_action_new (description, owner_id, due_date, impact));
  return draft->actions->len - 1;
}

void
ca_audit_draft_remove_action (CaAuditDraft *draft,
                              guint         index)
{
  g_return_if_fail (draft != NULL);
  g_return_if_fail (index < draft->actions->len);

  g_ptr_array_remove_index (draft->actions, index);
}

guint
ca_audit_draft_get_n_actions (const CaAuditDraft *draft)
{
  g_return_val_if_fail (draft != NULL, 0);

  return draft->actions->len;
}

const CaDraftAction *
ca_audit_draft_get_action (const CaAuditDraft *draft,
                           guint               index)
{
  g_return_val_if_fail (draft != NULL, NULL);
  g_return_val_if_fail (index < draft->actions->len, NULL);

  return g_ptr_array_index (draft->actions, index);
}

void
ca_audit_draft_set_action_safeguarding (CaAuditDraft *draft,
                                        guint         index,
                                        gboolean      safeguarding)
{
  g_return_if_fail (draft != NULL);
  g_return_if_fail (index < draft->actions->len);

  ((CaDraftAction *) g_ptr_array_index (draft->actions, index))->safeguarding = safeguarding;
}

CaRuleProblem *
ca_rule_problem_new (const char *where,
                     const char *message)
{
  CaRuleProblem *problem = g_new0 (CaRuleProblem, 1);

  problem->where = g_strdup (where);
  problem->message = g_strdup (message);
  return problem;
}

void
ca_rule_problem_free (CaRuleProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->where);
  g_free (problem->message);
  g_free (problem);
}

/* ------------------------------------------------------------------------------------------
 * Helpers the rule modules share
 * ---------------------------------------------------------------------------------------- */

/* NULL, empty and all-white-space text are all "nothing written". Stops at the first
 * character that is not white space, so a long text costs nothing. */
gboolean
ca_rule_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_isspace (c))
        return FALSE;
    }
  return TRUE;
}

/* How a message names a section: its title, or its id in a tool that gives none. */
const char *
ca_rule_section_label (const CaToolSection *section)
{
  return section->title != NULL ? section->title : section->id;
}

/* What was typed, short enough to quote back in a message. */
char *
ca_rule_quote (const char *value)
{
  g_autofree char *start = NULL;

  if (value == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (value, -1, NULL))
    return g_utf8_make_valid (value, QUOTE_MAX_CHARS);
  if (g_utf8_strlen (value, -1) <= QUOTE_MAX_CHARS)
    return g_strdup (value);

  start = g_utf8_substring (value, 0, QUOTE_MAX_CHARS - 1);
  return g_strconcat (start, "…", NULL);
}
