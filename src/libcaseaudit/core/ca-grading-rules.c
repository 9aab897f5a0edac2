// SPDX-License-Identifier: GPL-3.0-or-later
// The grading rules of a Stage 1 audit: answers, limiting judgements, grades, categories (R-F3/4).

#define G_LOG_DOMAIN "ca-audit-rules"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ca-audit-rules.h"
#include "ca-date.h"

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
          char *item = g_strdup_printf (_("in %s, %s"), ca_rule_section_label (section), unmet);

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
                                           ca_rule_section_label (section)));
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
                                                      ca_rule_section_label (section)));
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
  /* An Inadequate audit is told above to be Category 1 or 2; "choose Category 3" would be
   * wrong for it. */
  if (category == 4 && n_actions > 0 && !inadequate)
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

/**
 * ca_audit_rules_category_hint:
 *
 * What to say beside the category before one is chosen: which categories fit the overall
 * grade and the actions, or what to do first.
 *
 * Returns: (transfer full): one sentence
 */
char *
ca_audit_rules_category_hint (CaGrade overall_grade,
                              guint   n_actions)
{
  guint mask;
  int first = 0, second = 0;

  g_return_val_if_fail (overall_grade <= CA_GRADE_INADEQUATE, NULL);

  if (overall_grade == CA_GRADE_NONE)
    return g_strdup (_("Choose a category once the overall grade is set."));

  mask = ca_audit_rules_allowed_categories (overall_grade, n_actions);
  for (int category = 1; category <= CA_CATEGORY_MAX; category++)
    if (mask & CA_AUDIT_RULES_CATEGORY_BIT (category))
      {
        if (first == 0)
          first = category;
        else
          second = category;
      }
  if (first == 0)
    return g_strdup (_("An audit graded Inadequate overall is Category 1 or 2, and both need "
                       "at least one action: add the actions first."));
  if (second == 0)
    /* Translators: the category that fits the audit's overall grade and actions */
    return g_strdup_printf (_("Choose Category %d."), first);
  /* Translators: the two categories that fit the audit's overall grade and actions */
  return g_strdup_printf (_("Choose Category %d or %d."), first, second);
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
