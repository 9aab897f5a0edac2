// SPDX-License-Identifier: GPL-3.0-or-later
// The submission rules of a Stage 1 audit: what it must hold to be submitted (R-F5, R-F7, R-F8).

#define G_LOG_DOMAIN "ca-audit-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-audit-rules.h"
#include "ca-date.h"

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
                     g_strdup_printf (_("Grade the “%s” section."),
                                      ca_rule_section_label (section)));
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

/* R-F5: each action is SMART: what, who, by when, and the difference it makes for the child.
 * The audit's table and a moderator's further actions (R-H3) are held to the same rules. */
void
ca_audit_rules_check_actions (GPtrArray  *actions,
                              const char *set_on,
                              GPtrArray  *problems)
{
  GDate audit_date;
  gboolean have_audit_date = classify_date (set_on, &audit_date) == DATE_OK;

  g_return_if_fail (actions != NULL && problems != NULL);

  for (guint i = 0; i < actions->len; i++)
    {
      const CaDraftAction *action = g_ptr_array_index (actions, i);
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
  ca_audit_rules_check_actions (draft->actions, draft->audit_date, problems);
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

/**
 * ca_audit_rules_check_all:
 * @today: the day of submission, in England
 *
 * Everything that stops @draft being submitted: ca_audit_rules_check_submission(), then the
 * actions' due dates counted from the audit's date (or @today without one). The submit checks
 * with it, and the form with it as problems are put right.
 *
 * Returns: (transfer full): a GPtrArray of CaRuleProblem, empty when all is well
 */
GPtrArray *
ca_audit_rules_check_all (const CaToolDefinition  *definition,
                          const CaAuditDraft      *draft,
                          const CaHolidayCalendar *calendar,
                          const CaDeadlineRules   *rules,
                          const GDate             *today)
{
  GPtrArray *found = ca_audit_rules_check_submission (definition, draft, today);
  g_autoptr(GPtrArray) late = NULL;
  GDate from;

  /* The actions are set on the audit's date; without a real one, today. */
  if (draft->audit_date == NULL || !ca_date_parse (draft->audit_date, &from))
    from = *today;
  late = ca_audit_rules_check_action_deadlines (draft, calendar, rules, &from);
  while (late->len > 0)
    g_ptr_array_add (found, g_ptr_array_steal_index (late, 0));
  return found;
}
