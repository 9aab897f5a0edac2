// SPDX-License-Identifier: GPL-3.0-or-later
// The grading and submission rules of a Stage 1 audit (R-F3, R-F4, R-F5, R-F7), each with an
// explanation the form can show.

#define G_LOG_DOMAIN "ca-audit-rules"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ca-audit-rules.h"
#include "ca-date.h"

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
 * Helpers
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

static void
set_reason (char **reason,
            char  *text)
{
  if (reason != NULL)
    *reason = text;
  else
    g_free (text);
}

static const char *
question_label (const CaToolQuestion *question)
{
  return question->text != NULL ? question->text : question->id;
}

static const char *
section_label (const CaToolSection *section)
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

/* Joins the fragments of an explanation into one list. */
static char *
join_fragments (GPtrArray *fragments)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < fragments->len; i++)
    {
      if (i > 0)
        {
          /* Translators: separates the items of a list of unmet conditions. */
          g_string_append (text, _("; "));
        }
      g_string_append (text, g_ptr_array_index (fragments, i));
    }
  return g_string_free (text, FALSE);
}

typedef enum
{
  DATE_MISSING,
  DATE_NOT_REAL,
  DATE_OK,
} DateKind;

static DateKind
classify_date (const char *text,
               GDate      *date)
{
  g_date_clear (date, 1);
  if (ca_rule_text_is_blank (text))
    return DATE_MISSING;
  return ca_date_parse (text, date) ? DATE_OK : DATE_NOT_REAL;
}

static char *
format_date (const GDate *date)
{
  g_autofree char *iso = ca_date_format (date);

  return ca_date_format_display (iso);
}

/* ------------------------------------------------------------------------------------------
 * Answers (NA validity) and limiting judgements (R-F3)
 * ---------------------------------------------------------------------------------------- */

typedef enum
{
  ANSWER_NONE,           /* not answered */
  ANSWER_YES,
  ANSWER_NO,
  ANSWER_NA,             /* NA, allowed, with a reason where one is needed */
  ANSWER_NA_NOT_ALLOWED,
  ANSWER_NA_NO_REASON,
  ANSWER_OTHER,          /* a real grade, date or text */
  ANSWER_BAD,            /* not a value the question's type takes */
} AnswerKind;

static AnswerKind
classify_answer (const CaToolQuestion *question,
                 const CaAnswer       *answer)
{
  const char *value = answer != NULL ? answer->value : NULL;
  GDate date;

  if (ca_rule_text_is_blank (value))
    return ANSWER_NONE;
  /* Free text is free: "na" typed into a comment is just text. */
  if (question->type == CA_ANSWER_TEXT)
    return ANSWER_OTHER;

  if (strcmp (value, CA_ANSWER_VALUE_NA) == 0)
    {
      if (!question->na_allowed)
        return ANSWER_NA_NOT_ALLOWED;
      if (question->na_needs_reason && ca_rule_text_is_blank (answer->reason))
        return ANSWER_NA_NO_REASON;
      return ANSWER_NA;
    }

  switch (question->type)
    {
    case CA_ANSWER_YES_NO_NA:
      if (strcmp (value, CA_ANSWER_VALUE_YES) == 0)
        return ANSWER_YES;
      if (strcmp (value, CA_ANSWER_VALUE_NO) == 0)
        return ANSWER_NO;
      return ANSWER_BAD;
    case CA_ANSWER_GRADE:
      return ca_grade_from_string (value) != CA_GRADE_NONE ? ANSWER_OTHER : ANSWER_BAD;
    case CA_ANSWER_DATE:
      return ca_date_parse (value, &date) ? ANSWER_OTHER : ANSWER_BAD;
    case CA_ANSWER_TEXT:
      return ANSWER_OTHER;
    default:
      return ANSWER_BAD;
    }
}

/* Whether ANSWER (nullable: not answered) is one QUESTION can take: an answer of its type,
 * NA only where allowed and then with a reason where one is needed, and an answer at all
 * where the question is required (for text, something other than white space). An
 * unanswered optional question is valid. */
gboolean
ca_audit_rules_answer_valid (const CaToolQuestion *question,
                             const CaAnswer       *answer,
                             char                **reason)
{
  const char *label;
  g_autofree char *quoted = NULL;
  char *text = NULL;

  g_return_val_if_fail (question != NULL, FALSE);

  label = question_label (question);
  switch (classify_answer (question, answer))
    {
    case ANSWER_NONE:
      if (question->required)
        text = g_strdup_printf (_("“%s” needs an answer."), label);
      break;
    case ANSWER_YES:
    case ANSWER_NO:
    case ANSWER_NA:
    case ANSWER_OTHER:
      break;
    case ANSWER_NA_NOT_ALLOWED:
      if (question->type == CA_ANSWER_YES_NO_NA)
        text = g_strdup_printf (_("“%s” cannot be answered NA: answer Yes or No."), label);
      else
        text = g_strdup_printf (_("“%s” cannot be answered NA."), label);
      break;
    case ANSWER_NA_NO_REASON:
      /* Seed 02: the child need not be seen alone when under 5 or profoundly disabled. */
      text = g_strdup_printf (_("“%s” is answered NA without a reason. NA needs a reason here: "
                                "for example the child is under 5 or has a profound disability."),
                              label);
      break;
    case ANSWER_BAD:
    default:
      switch (question->type)
        {
        case CA_ANSWER_YES_NO_NA:
          if (question->na_allowed)
            text = g_strdup_printf (_("“%s” must be answered Yes, No or NA."), label);
          else
            text = g_strdup_printf (_("“%s” must be answered Yes or No."), label);
          break;
        case CA_ANSWER_GRADE:
          text = g_strdup_printf (_("“%s” must be answered with a grade: Outstanding, Good, "
                                    "Requires Improvement or Inadequate."), label);
          break;
        case CA_ANSWER_DATE:
          quoted = ca_rule_quote (answer->value);
          text = g_strdup_printf (_("The answer to “%s”, “%s”, is not a real date."),
                                  label, quoted);
          break;
        case CA_ANSWER_TEXT:
        default:
          text = g_strdup_printf (_("“%s” does not have a valid answer."), label);
          break;
        }
      break;
    }

  set_reason (reason, text);
  return text == NULL;
}

/* Why a limiting judgement is not met, as an item for a list ("“…” is answered No"), or NULL
 * when it is met. */
static char *
unmet_judgement (const CaToolQuestion *question,
                 const CaAnswer       *answer)
{
  const char *label = question_label (question);

  switch (classify_answer (question, answer))
    {
    case ANSWER_YES:
    case ANSWER_NA:
    case ANSWER_OTHER:
      return NULL;
    case ANSWER_NONE:
      return g_strdup_printf (_("“%s” is not answered yet"), label);
    case ANSWER_NO:
      return g_strdup_printf (_("“%s” is answered No"), label);
    case ANSWER_NA_NOT_ALLOWED:
      return g_strdup_printf (_("“%s” is answered NA, which it does not allow"), label);
    case ANSWER_NA_NO_REASON:
      return g_strdup_printf (_("“%s” is answered NA without a reason"), label);
    case ANSWER_BAD:
    default:
      return g_strdup_printf (_("“%s” does not have a valid answer"), label);
    }
}

/* Whether QUESTION, when it is a limiting judgement, is met by ANSWER (nullable): answered
 * Yes, or NA where NA is allowed and, where the question asks for one, a reason is given
 * (R-F3). A limiting question of another type is met by any valid answer. A question that is
 * not a limiting judgement is always met. */
gboolean
ca_audit_rules_judgement_met (const CaToolQuestion *question,
                              const CaAnswer       *answer,
                              char                **reason)
{
  g_autofree char *unmet = NULL;

  g_return_val_if_fail (question != NULL, FALSE);

  if (question->limiting)
    unmet = unmet_judgement (question, answer);
  if (unmet == NULL)
    {
      set_reason (reason, NULL);
      return TRUE;
    }

  set_reason (reason, g_strdup_printf (_("Good and Outstanding need the limiting judgements "
                                         "met: %s."), unmet));
  return FALSE;
}

/* The unmet limiting judgements of SECTION, as list items, each prefixed with the section's
 * title when WITH_SECTION. */
static void
collect_unmet_judgements (const CaToolSection *section,
                          const CaAuditDraft  *draft,
                          gboolean             with_section,
                          GPtrArray           *fragments)
{
  for (guint i = 0; i < section->questions->len; i++)
    {
      const CaToolQuestion *question = g_ptr_array_index (section->questions, i);
      char *unmet;

      if (!question->limiting || question->id == NULL)
        continue;
      unmet = unmet_judgement (question, ca_audit_draft_get_answer (draft, question->id));
      if (unmet == NULL)
        continue;
      if (with_section)
        {
          /* Translators: the first %s is a section's title, the second a reason such as
           * “Has the child been seen?” is answered No. */
          char *item = g_strdup_printf (_("in %s, %s"), section_label (section), unmet);

          g_free (unmet);
          unmet = item;
        }
      g_ptr_array_add (fragments, unmet);
    }
}

/* The best grade SECTION may be given (R-F3): Outstanding when every limiting judgement of the
 * section is met, otherwise Requires Improvement, with REASON naming each unmet judgement.
 * Only the limiting judgements count here; whether the section is graded at all is for
 * ca_audit_rules_section_grade_allowed(). */
CaGrade
ca_audit_rules_best_allowed_section_grade (const CaToolSection *section,
                                           const CaAuditDraft  *draft,
                                           char               **reason)
{
  g_autoptr(GPtrArray) unmet = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;

  g_return_val_if_fail (section != NULL, CA_GRADE_NONE);
  g_return_val_if_fail (draft != NULL, CA_GRADE_NONE);

  collect_unmet_judgements (section, draft, FALSE, unmet);
  if (unmet->len == 0)
    {
      set_reason (reason, NULL);
      return CA_GRADE_OUTSTANDING;
    }

  list = join_fragments (unmet);
  set_reason (reason, g_strdup_printf (_("Good and Outstanding need the limiting judgements "
                                         "met: %s."), list));
  return CA_GRADE_REQUIRES_IMPROVEMENT;
}

/* Grades sort best first: GRADE is allowed when it is no better than BEST; otherwise
 * REASON says so, followed by CAP, the reason for the cap. */
static gboolean
grade_within (CaGrade      grade,
              CaGrade      best,
              const char  *cap,
              char       **reason)
{
  if (grade >= best)
    {
      set_reason (reason, NULL);
      return TRUE;
    }

  /* Translators: the first %s is a grade (“Good”), the second why it is not available. */
  set_reason (reason, g_strdup_printf (_("%s is not available. %s"),
                                       ca_grade_get_label (grade), cap));
  return FALSE;
}

/* Whether SECTION may be given GRADE now. CA_GRADE_NONE (not graded yet) is always allowed
 * in a draft; submission asks for the grade. A section the tool does not grade takes no
 * grade. */
gboolean
ca_audit_rules_section_grade_allowed (const CaToolSection *section,
                                      const CaAuditDraft  *draft,
                                      CaGrade              grade,
                                      char               **reason)
{
  g_autofree char *cap = NULL;
  CaGrade best;

  g_return_val_if_fail (section != NULL, FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);
  g_return_val_if_fail (grade <= CA_GRADE_INADEQUATE, FALSE);

  if (grade == CA_GRADE_NONE)
    {
      set_reason (reason, NULL);
      return TRUE;
    }
  if (!section->graded)
    {
      set_reason (reason, g_strdup_printf (_("The “%s” section is not graded."),
                                           section_label (section)));
      return FALSE;
    }

  best = ca_audit_rules_best_allowed_section_grade (section, draft, &cap);
  return grade_within (grade, best, cap, reason);
}

/* ------------------------------------------------------------------------------------------
 * The overall grade
 *
 * Seed 02: "Cases should only be graded as Good if Limiting Judgements are met." That is said
 * of the case, so it caps the overall grade as well as the section's: when any limiting
 * judgement of any section (graded or not) is unmet, the overall grade can be no better than
 * Requires Improvement. So does a section graded Inadequate: an audit that finds part of the
 * work with a child Inadequate (seed 02: safety not evidenced, the child's experience not
 * understood) cannot call the whole Good. It may still call it Requires Improvement or
 * Inadequate: that is the auditor's judgement, moderated at Stage 2, and the rules do not
 * force the overall grade down to the worst section's. Nothing else limits it.
 * ---------------------------------------------------------------------------------------- */

/* The best overall grade DEFINITION's audit may be given with DRAFT's answers and section
 * grades, with REASON naming each limiting judgement unmet and each section graded
 * Inadequate when that is Requires Improvement. */
CaGrade
ca_audit_rules_best_allowed_overall_grade (const CaToolDefinition *definition,
                                           const CaAuditDraft     *draft,
                                           char                  **reason)
{
  g_autoptr(GPtrArray) unmet = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) inadequate = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autofree char *list = NULL;
  char *text;

  g_return_val_if_fail (definition != NULL, CA_GRADE_NONE);
  g_return_val_if_fail (draft != NULL, CA_GRADE_NONE);

  for (guint i = 0; i < definition->sections->len; i++)
    {
      const CaToolSection *section = g_ptr_array_index (definition->sections, i);

      collect_unmet_judgements (section, draft, TRUE, unmet);
      if (section->graded && section->id != NULL
          && ca_audit_draft_get_section_grade (draft, section->id) == CA_GRADE_INADEQUATE)
        g_ptr_array_add (inadequate, g_strdup_printf (_("%s is graded Inadequate"),
                                                      section_label (section)));
    }

  if (unmet->len == 0 && inadequate->len == 0)
    {
      set_reason (reason, NULL);
      return CA_GRADE_OUTSTANDING;
    }

  for (guint i = 0; i < unmet->len; i++)
    g_ptr_array_add (all, g_ptr_array_index (unmet, i));
  for (guint i = 0; i < inadequate->len; i++)
    g_ptr_array_add (all, g_ptr_array_index (inadequate, i));
  list = join_fragments (all);

  if (inadequate->len == 0)
    text = g_strdup_printf (_("An overall grade of Good or Outstanding needs every limiting "
                              "judgement met: %s."), list);
  else if (unmet->len == 0)
    text = g_strdup_printf (_("An overall grade of Good or Outstanding needs no section "
                              "graded Inadequate: %s."), list);
  else
    text = g_strdup_printf (_("An overall grade of Good or Outstanding needs every limiting "
                              "judgement met and no section graded Inadequate: %s."), list);
  set_reason (reason, text);
  return CA_GRADE_REQUIRES_IMPROVEMENT;
}

/* Whether the audit may be given GRADE overall now; CA_GRADE_NONE is always allowed in a
 * draft. */
gboolean
ca_audit_rules_overall_grade_allowed (const CaToolDefinition *definition,
                                      const CaAuditDraft     *draft,
                                      CaGrade                 grade,
                                      char                  **reason)
{
  g_autofree char *cap = NULL;
  CaGrade best;

  g_return_val_if_fail (definition != NULL, FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);
  g_return_val_if_fail (grade <= CA_GRADE_INADEQUATE, FALSE);

  if (grade == CA_GRADE_NONE)
    {
      set_reason (reason, NULL);
      return TRUE;
    }
  if (!definition->overall_grade)
    {
      set_reason (reason, g_strdup (_("This audit tool has no overall grade.")));
      return FALSE;
    }

  best = ca_audit_rules_best_allowed_overall_grade (definition, draft, &cap);
  return grade_within (grade, best, cap, reason);
}

/* ------------------------------------------------------------------------------------------
 * Categories (R-F4)
 *
 * Seed 01 defines Category 1 as "Inadequate Critical" and Category 2 as "Inadequate with action
 * required", and says escalation "applies only to those cases falling into categories one and
 * two"; seed 02 says "An inadequate audit will trigger the escalation process". Together:
 * an audit is graded Inadequate overall exactly when it is Category 1 or 2. So
 *
 *   Category 1, 2 — only with an overall Inadequate, and with at least one action: both are
 *                   tracked until their recommendations are checked (48 hours, 10 working
 *                   days) and Category 2 is by name "with action required", so there must be
 *                   something recorded to check.
 *   Category 3    — at least one action (R-F4), and not Inadequate: an Inadequate audit must
 *                   escalate, and Category 3 does not.
 *   Category 4    — no actions (R-F4), and not Inadequate: an Inadequate case is not "in good
 *                   order". Requires Improvement is allowed: that grade judges the quality of
 *                   the work done over the period, while Category 4 says the case needs
 *                   nothing more now; the auditor may find both.
 *
 * Good and Outstanding go with Category 3 too: a good case can still have actions that would
 * make a difference for the child (seed 02). With no overall grade yet, Categories 1 and 2 are
 * refused (there is no Inadequate) and 3 and 4 follow the actions alone. CA_CATEGORY_NONE is
 * always allowed in a draft; submission asks for a category.
 * ---------------------------------------------------------------------------------------- */

/* Whether CATEGORY fits an audit graded OVERALL_GRADE with N_ACTIONS actions; REASON gives
 * every rule it breaks, one sentence each. */
gboolean
ca_audit_rules_category_allowed (CaGrade   overall_grade,
                                 int       category,
                                 guint     n_actions,
                                 char    **reason)
{
  g_autoptr(GString) text = NULL;
  gboolean inadequate = overall_grade == CA_GRADE_INADEQUATE;

  g_return_val_if_fail (overall_grade <= CA_GRADE_INADEQUATE, FALSE);

  if (category == CA_CATEGORY_NONE)
    {
      set_reason (reason, NULL);
      return TRUE;
    }
  if (category < 1 || category > CA_CATEGORY_MAX)
    {
      set_reason (reason, g_strdup_printf (_("There is no Category %d: choose Category 1, 2, "
                                             "3 or 4."), category));
      return FALSE;
    }

  text = g_string_new (NULL);
  if ((category == 1 || category == 2) && !inadequate)
    {
      if (overall_grade == CA_GRADE_NONE)
        g_string_append_printf (text, _("Category %d is for an audit graded Inadequate overall, "
                                        "and this audit has no overall grade yet."), category);
      else
        g_string_append_printf (text, _("Category %d is for an audit graded Inadequate overall, "
                                        "and this audit is graded %s."),
                                category, ca_grade_get_label (overall_grade));
    }
  if ((category == 3 || category == 4) && inadequate)
    g_string_append_printf (text, _("An audit graded Inadequate overall is Category 1 or 2, so "
                                    "that it goes at once to the Service Manager and the Team "
                                    "Manager."));
  if (category <= 3 && n_actions == 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Category %d needs at least one action: say what must be "
                                      "done, by whom and by when."), category);
    }
  if (category == 4 && n_actions > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "Category 4 means the case is in good order "
                                                 "with nothing left to do, but this audit has "
                                                 "%u action: remove it or choose Category 3.",
                                                 "Category 4 means the case is in good order "
                                                 "with nothing left to do, but this audit has "
                                                 "%u actions: remove them or choose Category 3.",
                                                 n_actions),
                              n_actions);
    }

  if (text->len == 0)
    {
      set_reason (reason, NULL);
      return TRUE;
    }
  set_reason (reason, g_string_free (g_steal_pointer (&text), FALSE));
  return FALSE;
}

/* The categories allowed, as a mask of CA_AUDIT_RULES_CATEGORY_BIT (1) to (4), so the form
 * can show the others as unavailable (and ask ca_audit_rules_category_allowed() why). */
guint
ca_audit_rules_allowed_categories (CaGrade overall_grade,
                                   guint   n_actions)
{
  guint mask = 0;

  g_return_val_if_fail (overall_grade <= CA_GRADE_INADEQUATE, 0);

  for (int category = 1; category <= CA_CATEGORY_MAX; category++)
    if (ca_audit_rules_category_allowed (overall_grade, category, n_actions, NULL))
      mask |= CA_AUDIT_RULES_CATEGORY_BIT (category);
  return mask;
}

/* ------------------------------------------------------------------------------------------
 * Submission (R-F7)
 * ---------------------------------------------------------------------------------------- */

static void
add_problem (GPtrArray  *problems,
             const char *where,
             char       *message)
{
  CaRuleProblem *problem = g_new0 (CaRuleProblem, 1);

  problem->where = g_strdup (where);
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

static void
check_header (const CaAuditDraft *draft,
              const GDate        *today,
              GPtrArray          *problems)
{
  GDate audit_date, start, end;
  DateKind audit_kind, start_kind, end_kind;
  g_autofree char *quoted = NULL;

  audit_kind = classify_date (draft->audit_date, &audit_date);
  switch (audit_kind)
    {
    case DATE_MISSING:
      add_problem (problems, "audit_date", g_strdup (_("Enter the date of the audit.")));
      break;
    case DATE_NOT_REAL:
      quoted = ca_rule_quote (draft->audit_date);
      add_problem (problems, "audit_date",
                   g_strdup_printf (_("The audit date, “%s”, is not a real date."), quoted));
      g_clear_pointer (&quoted, g_free);
      break;
    case DATE_OK:
    default:
      if (g_date_compare (&audit_date, today) > 0)
        {
          g_autofree char *shown = format_date (&audit_date);

          add_problem (problems, "audit_date",
                       g_strdup_printf (_("The audit date, %s, is after today."), shown));
        }
      break;
    }

  start_kind = classify_date (draft->period_start, &start);
  switch (start_kind)
    {
    case DATE_MISSING:
      add_problem (problems, "period_start",
                   g_strdup (_("Enter the start of the period reviewed.")));
      break;
    case DATE_NOT_REAL:
      quoted = ca_rule_quote (draft->period_start);
      add_problem (problems, "period_start",
                   g_strdup_printf (_("The start of the period reviewed, “%s”, is not a real "
                                      "date."), quoted));
      g_clear_pointer (&quoted, g_free);
      break;
    case DATE_OK:
    default:
      break;
    }

  end_kind = classify_date (draft->period_end, &end);
  switch (end_kind)
    {
    case DATE_MISSING:
      add_problem (problems, "period_end",
                   g_strdup (_("Enter the end of the period reviewed.")));
      break;
    case DATE_NOT_REAL:
      quoted = ca_rule_quote (draft->period_end);
      add_problem (problems, "period_end",
                   g_strdup_printf (_("The end of the period reviewed, “%s”, is not a real "
                                      "date."), quoted));
      g_clear_pointer (&quoted, g_free);
      break;
    case DATE_OK:
    default:
      if (start_kind == DATE_OK && g_date_compare (&start, &end) > 0)
        {
          g_autofree char *shown_start = format_date (&start);
          g_autofree char *shown_end = format_date (&end);

          add_problem (problems, "period_end",
                       g_strdup_printf (_("The period reviewed ends on %s, before it starts "
                                          "on %s."), shown_end, shown_start));
        }
      else if (audit_kind == DATE_OK && g_date_compare (&end, &audit_date) > 0)
        {
          g_autofree char *shown_end = format_date (&end);
          g_autofree char *shown_audit = format_date (&audit_date);

          add_problem (problems, "period_end",
                       g_strdup_printf (_("The period reviewed ends on %s, after the audit "
                                          "date, %s: an audit looks back at work already "
                                          "done."), shown_end, shown_audit));
        }
      break;
    }
}

static void
check_sections (const CaToolDefinition *definition,
                const CaAuditDraft     *draft,
                GPtrArray              *problems)
{
  for (guint i = 0; i < definition->sections->len; i++)
    {
      const CaToolSection *section = g_ptr_array_index (definition->sections, i);
      g_autofree char *grade_where = NULL;
      g_autofree char *reason = NULL;
      CaGrade grade;

      if (section->id == NULL)
        continue;

      for (guint j = 0; j < section->questions->len; j++)
        {
          const CaToolQuestion *question = g_ptr_array_index (section->questions, j);
          g_autofree char *where = NULL;
          char *why = NULL;

          if (question->id == NULL)
            continue;
          if (ca_audit_rules_answer_valid (question,
                                           ca_audit_draft_get_answer (draft, question->id),
                                           &why))
            continue;
          where = g_strconcat ("questions.", question->id, NULL);
          add_problem (problems, where, why);
        }

      grade_where = g_strconcat ("sections.", section->id, ".grade", NULL);
      grade = ca_audit_draft_get_section_grade (draft, section->id);
      if (section->graded && grade == CA_GRADE_NONE)
        add_problem (problems, grade_where,
                     g_strdup_printf (_("Grade the “%s” section."), section_label (section)));
      else if (!ca_audit_rules_section_grade_allowed (section, draft, grade, &reason))
        add_problem (problems, grade_where, g_steal_pointer (&reason));
    }
}

static void
check_conclusion (const CaToolDefinition *definition,
                  const CaAuditDraft     *draft,
                  GPtrArray              *problems)
{
  char *reason = NULL;

  if (definition->overall_grade)
    {
      if (draft->overall_grade == CA_GRADE_NONE)
        add_problem (problems, "overall_grade", g_strdup (_("Give the audit an overall grade.")));
      else if (!ca_audit_rules_overall_grade_allowed (definition, draft, draft->overall_grade,
                                                      &reason))
        add_problem (problems, "overall_grade", reason);

      if (draft->category == CA_CATEGORY_NONE)
        add_problem (problems, "category", g_strdup (_("Choose a category for the audit.")));
      else if (!ca_audit_rules_category_allowed (draft->overall_grade, draft->category,
                                                 draft->actions->len, &reason))
        add_problem (problems, "category", reason);
    }

  /* R-F4, and seed 02: "Please always take the time to say what the social worker has done
   * well." Asked of every tool. */
  if (ca_rule_text_is_blank (draft->done_well))
    add_problem (problems, "done_well",
                 g_strdup (_("Say what has been done well: every audit records the "
                             "practitioner’s strengths as well as what needs to change.")));
}

/* R-F5: each action is SMART: what, who, by when, and the difference it makes for the child. */
static void
check_actions (const CaAuditDraft *draft,
               GPtrArray          *problems)
{
  GDate audit_date;
  gboolean have_audit_date = classify_date (draft->audit_date, &audit_date) == DATE_OK;

  for (guint i = 0; i < draft->actions->len; i++)
    {
      const CaDraftAction *action = g_ptr_array_index (draft->actions, i);
      guint number = i + 1;
      g_autofree char *where = NULL;
      g_autofree char *quoted = NULL;
      GDate due;

      if (ca_rule_text_is_blank (action->description))
        {
          where = g_strdup_printf ("actions[%u].description", i);
          add_problem (problems, where,
                       g_strdup_printf (_("Action %u needs a description of what is to be "
                                          "done."), number));
          g_clear_pointer (&where, g_free);
        }

      if (action->owner_id <= 0)
        {
          where = g_strdup_printf ("actions[%u].owner", i);
          add_problem (problems, where,
                       g_strdup_printf (_("Action %u needs an owner: the person who will see "
                                          "that it is done."), number));
          g_clear_pointer (&where, g_free);
        }

      where = g_strdup_printf ("actions[%u].due_date", i);
      switch (classify_date (action->due_date, &due))
        {
        case DATE_MISSING:
          add_problem (problems, where,
                       g_strdup_printf (_("Action %u needs a due date."), number));
          break;
        case DATE_NOT_REAL:
          quoted = ca_rule_quote (action->due_date);
          add_problem (problems, where,
                       g_strdup_printf (_("The due date of action %u, “%s”, is not a real "
                                          "date."), number, quoted));
          break;
        case DATE_OK:
        default:
          if (have_audit_date && g_date_compare (&due, &audit_date) < 0)
            {
              g_autofree char *shown_due = format_date (&due);
              g_autofree char *shown_audit = format_date (&audit_date);

              add_problem (problems, where,
                           g_strdup_printf (_("Action %u is due on %s, before the audit date, "
                                              "%s."), number, shown_due, shown_audit));
            }
          break;
        }
      g_clear_pointer (&where, g_free);

      if (ca_rule_text_is_blank (action->impact))
        {
          where = g_strdup_printf ("actions[%u].impact", i);
          add_problem (problems, where,
                       g_strdup_printf (_("Action %u needs the impact it is expected to have "
                                          "for the child."), number));
        }
    }
}

/* R-F11: feedback is optional, but what is recorded must make sense on its own. */
static void
check_feedback (const CaAuditDraft *draft,
                const GDate        *today,
                GPtrArray          *problems)
{
  gboolean has_method = !ca_rule_text_is_blank (draft->feedback_method);
  gboolean has_summary = !ca_rule_text_is_blank (draft->feedback_summary);
  g_autofree char *quoted = NULL;
  GDate date;

  if (has_method && ca_feedback_method_get_label (draft->feedback_method) == NULL)
    add_problem (problems, "feedback_method",
                 g_strdup (_("Choose how the child or family gave their feedback from the "
                             "list.")));
  else if (has_summary && !has_method)
    add_problem (problems, "feedback_method",
                 g_strdup (_("Say how the child or family gave the feedback that is "
                             "summarised.")));

  switch (classify_date (draft->feedback_date, &date))
    {
    case DATE_NOT_REAL:
      quoted = ca_rule_quote (draft->feedback_date);
      add_problem (problems, "feedback_date",
                   g_strdup_printf (_("The date of the feedback, “%s”, is not a real date."),
                                    quoted));
      break;
    case DATE_OK:
      if (g_date_compare (&date, today) > 0)
        {
          g_autofree char *shown = format_date (&date);

          add_problem (problems, "feedback_date",
                       g_strdup_printf (_("The date of the feedback, %s, is after today."),
                                        shown));
        }
      break;
    case DATE_MISSING:
    default:
      break;
    }

  if (has_method && !has_summary)
    add_problem (problems, "feedback_summary",
                 g_strdup (_("Summarise what the child or family said, or clear how they gave "
                             "feedback.")));
}

/* Everything that stops DRAFT being submitted as an audit with DEFINITION, judged on TODAY,
 * in the order of the form (header, pen picture, each section's questions then its grade,
 * overall grade, category, what has been done well, actions): an array of CaRuleProblem,
 * empty when it may be submitted.
 *
 *  - audit date: given, a real date, not after TODAY;
 *  - period reviewed: both ends given and real, the start not after the end, the end not
 *    after the audit date;
 *  - pen picture, when the tool starts with one;
 *  - every answer valid (ca_audit_rules_answer_valid(): required questions answered, NA only
 *    where allowed and with a reason where needed, grades and dates real);
 *  - every graded section graded, within what its limiting judgements allow; no grade on a
 *    section the tool does not grade;
 *  - when the tool has an overall grade: the overall grade given and allowed, and a category
 *    that fits it and the actions;
 *  - what has been done well;
 *  - each action with a description, an owner, a real due date not before the audit date,
 *    and the impact expected for the child;
 *  - feedback from the child or family, when there is any: a method from the list with a
 *    summary (neither without the other), and a real date not after TODAY. */
GPtrArray *
ca_audit_rules_check_submission (const CaToolDefinition *definition,
                                 const CaAuditDraft     *draft,
                                 const GDate            *today)
{
  GPtrArray *problems;

  g_return_val_if_fail (definition != NULL, NULL);
  g_return_val_if_fail (draft != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_rule_problem_free);

  check_header (draft, today, problems);
  if (definition->pen_picture && ca_rule_text_is_blank (draft->pen_picture))
    add_problem (problems, "pen_picture",
                 g_strdup (_("Write a pen picture of the child’s journey: the audit starts "
                             "with it.")));
  check_sections (definition, draft, problems);
  check_conclusion (definition, draft, problems);
  check_actions (draft, problems);
  check_feedback (draft, today, problems);
  return problems;
}

GPtrArray *
ca_audit_rules_check_action_deadlines (const CaAuditDraft      *draft,
                                       const CaHolidayCalendar *calendar,
                                       const CaDeadlineRules   *rules,
                                       const GDate             *from)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_rule_problem_free);

  g_return_val_if_fail (draft != NULL, problems);
  g_return_val_if_fail (calendar != NULL, problems);
  g_return_val_if_fail (rules != NULL, problems);
  g_return_val_if_fail (from != NULL && g_date_valid (from), problems);

  for (guint i = 0; i < draft->actions->len; i++)
    {
      const CaDraftAction *action = g_ptr_array_index (draft->actions, i);
      gboolean urgent = ca_deadline_action_is_urgent (draft->overall_grade, action->safeguarding);
      g_autofree char *where = NULL;
      g_autofree char *shown_due = NULL;
      g_autofree char *shown_latest = NULL;
      GDate due, latest;

      /* A missing or impossible date, or one before the audit, is check_actions()'s. */
      if (!urgent || classify_date (action->due_date, &due) != DATE_OK ||
          g_date_compare (&due, from) < 0 ||
          ca_deadline_action_due_allowed (calendar, from, TRUE, rules, &due))
        continue;
      ca_deadline_action_default_due (calendar, from, TRUE, rules, &latest);
      where = g_strdup_printf ("actions[%u].due_date", i);
      shown_due = format_date (&due);
      shown_latest = format_date (&latest);
      add_problem (problems, where,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Action %u meets a safeguarding concern on an "
                                                 "Inadequate audit, so it must be done within "
                                                 "%u working day: by %s, not %s.",
                                                 "Action %u meets a safeguarding concern on an "
                                                 "Inadequate audit, so it must be done within "
                                                 "%u working days: by %s, not %s.",
                                                 rules->urgent_action_working_days),
                                    i + 1, rules->urgent_action_working_days, shown_latest,
                                    shown_due));
    }
  return problems;
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
