// SPDX-License-Identifier: GPL-3.0-or-later
// The audit rules: limiting judgements (R-F3), NA validity, the overall grade, categories
// (R-F4) and what stops a submission (R-F5, R-F7), with their explanations.

#include "config.h"

#include <string.h>

#include "core/ca-audit-rules.h"
#include "core/ca-date.h"

/* ------------------------------------------------------------------------------------------
 * A small tool to judge against
 * ---------------------------------------------------------------------------------------- */

#define SEEN_ID        "assessment.child-seen"
#define SEEN_TEXT      "Has the child been seen?"
#define ALONE_ID       "assessment.seen-alone"
#define ALONE_TEXT     "Has the child been seen alone?"
#define VOICE_ID       "assessment.voice"
#define VOICE_TEXT     "Are the child’s voice and lived experience captured?"
#define FATHERS_ID     "assessment.fathers"
#define FATHERS_TEXT   "Have fathers and the wider network been considered?"
#define ANALYSIS_ID    "assessment.analysis"
#define ANALYSIS_TEXT  "How good is the analysis?"
#define EVIDENCE_ID    "assessment.evidence"
#define EVIDENCE_TEXT  "What evidence does the assessment rest on?"
#define COMPLETED_ID   "assessment.completed"
#define COMPLETED_TEXT "When was the assessment completed?"
#define SMART_ID       "planning.smart"
#define SMART_TEXT     "Is the plan SMART?"
#define I_SEEN_ID      "intervention.child-seen"
#define I_SEEN_TEXT    "Has the child been seen during the intervention?"
#define HYPOTHESIS_ID  "reflection.hypothesis"

typedef struct
{
  const char   *id;
  const char   *text;
  CaAnswerType  type;
  gboolean      na_allowed;
  gboolean      na_needs_reason;
  gboolean      limiting;
  gboolean      required;
} QuestionSpec;

static const QuestionSpec assessment_questions[] = {
  { SEEN_ID, SEEN_TEXT, CA_ANSWER_YES_NO_NA, FALSE, FALSE, TRUE, TRUE },
  { ALONE_ID, ALONE_TEXT, CA_ANSWER_YES_NO_NA, TRUE, TRUE, TRUE, TRUE },
  { VOICE_ID, VOICE_TEXT, CA_ANSWER_YES_NO_NA, TRUE, FALSE, TRUE, TRUE },
  { FATHERS_ID, FATHERS_TEXT, CA_ANSWER_YES_NO_NA, TRUE, FALSE, FALSE, TRUE },
  { ANALYSIS_ID, ANALYSIS_TEXT, CA_ANSWER_GRADE, FALSE, FALSE, FALSE, TRUE },
  { EVIDENCE_ID, EVIDENCE_TEXT, CA_ANSWER_TEXT, FALSE, FALSE, FALSE, TRUE },
  { COMPLETED_ID, COMPLETED_TEXT, CA_ANSWER_DATE, TRUE, FALSE, FALSE, TRUE },
};

static const QuestionSpec planning_questions[] = {
  { SMART_ID, SMART_TEXT, CA_ANSWER_YES_NO_NA, TRUE, FALSE, FALSE, TRUE },
};

static const QuestionSpec intervention_questions[] = {
  { I_SEEN_ID, I_SEEN_TEXT, CA_ANSWER_YES_NO_NA, FALSE, FALSE, TRUE, TRUE },
};

static const QuestionSpec reflection_questions[] = {
  { HYPOTHESIS_ID, "What is the hypothesis?", CA_ANSWER_TEXT, FALSE, FALSE, FALSE, FALSE },
};

static CaToolQuestion *
make_question (const QuestionSpec *spec)
{
  CaToolQuestion *question = ca_tool_question_new ();

  question->id = g_strdup (spec->id);
  question->text = g_strdup (spec->text);
  question->type = spec->type;
  question->na_allowed = spec->na_allowed;
  question->na_needs_reason = spec->na_needs_reason;
  question->limiting = spec->limiting;
  question->required = spec->required;
  return question;
}

static CaToolSection *
make_section (const char         *id,
              const char         *title,
              gboolean            graded,
              const QuestionSpec *specs,
              guint               n_specs)
{
  CaToolSection *section = ca_tool_section_new ();

  section->id = g_strdup (id);
  section->title = g_strdup (title);
  section->graded = graded;
  section->has_comments = TRUE;
  for (guint i = 0; i < n_specs; i++)
    g_ptr_array_add (section->questions, make_question (&specs[i]));
  return section;
}

/* Assessment (three limiting judgements, one NA-with-reason; a non-limiting yes-no-na; a
 * grade, a text and a date question), Planning, Intervention (one limiting judgement), and
 * an ungraded Reflection. */
static CaToolDefinition *
make_tool (void)
{
  CaToolDefinition *tool = ca_tool_definition_new ();

  tool->code = g_strdup ("test");
  tool->name = g_strdup ("Test audit");
  tool->pen_picture = TRUE;
  tool->overall_grade = TRUE;
  tool->actions = TRUE;
  g_ptr_array_add (tool->sections,
                   make_section ("assessment", "Assessment", TRUE, assessment_questions,
                                 G_N_ELEMENTS (assessment_questions)));
  g_ptr_array_add (tool->sections,
                   make_section ("planning", "Planning", TRUE, planning_questions,
                                 G_N_ELEMENTS (planning_questions)));
  g_ptr_array_add (tool->sections,
                   make_section ("intervention", "Intervention", TRUE, intervention_questions,
                                 G_N_ELEMENTS (intervention_questions)));
  g_ptr_array_add (tool->sections,
                   make_section ("reflection", "Reflection and Supervision", FALSE,
                                 reflection_questions, G_N_ELEMENTS (reflection_questions)));
  return tool;
}

static const CaToolSection *
find_section (const CaToolDefinition *tool,
              const char             *id)
{
  const CaToolSection *section = ca_tool_definition_find_section (tool, id);

  g_assert_nonnull (section);
  return section;
}

static const CaToolQuestion *
find_question (const CaToolDefinition *tool,
               const char             *id)
{
  const CaToolQuestion *question = ca_tool_definition_find_question (tool, id);

  g_assert_nonnull (question);
  return question;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  g_assert_nonnull (haystack);
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” does not contain “%s”", haystack, needle);
}

static void
assert_lacks (const char *haystack,
              const char *needle)
{
  g_assert_nonnull (haystack);
  if (strstr (haystack, needle) != NULL)
    g_error ("“%s” should not contain “%s”", haystack, needle);
}

static char *
quoted (const char *text)
{
  return g_strdup_printf ("“%s”", text);
}

static const CaGrade all_grades[] = {
  CA_GRADE_NONE, CA_GRADE_OUTSTANDING, CA_GRADE_GOOD, CA_GRADE_REQUIRES_IMPROVEMENT,
  CA_GRADE_INADEQUATE,
};

/* ------------------------------------------------------------------------------------------
 * The draft
 * ---------------------------------------------------------------------------------------- */

static void
test_draft_copies (void)
{
  g_autoptr(CaAuditDraft) draft = ca_audit_draft_new ();
  g_autoptr(CaAuditDraft) copy = NULL;
  char value[] = "yes";
  char reason[] = "a reason";
  char text[] = "Pen picture";

  g_assert_cmpint (draft->overall_grade, ==, CA_GRADE_NONE);
  g_assert_cmpint (draft->category, ==, CA_CATEGORY_NONE);
  g_assert_cmpuint (ca_audit_draft_get_n_actions (draft), ==, 0);
  g_assert_null (ca_audit_draft_get_answer (draft, SEEN_ID));
  g_assert_cmpint (ca_audit_draft_get_section_grade (draft, "assessment"), ==, CA_GRADE_NONE);

  /* Setters copy: changing what was passed changes nothing. */
  ca_audit_draft_set_answer (draft, SEEN_ID, value, reason);
  ca_audit_draft_set_pen_picture (draft, text);
  value[0] = 'n';
  reason[0] = 'X';
  text[0] = 'X';
  g_assert_cmpstr (ca_audit_draft_get_answer (draft, SEEN_ID)->value, ==, "yes");
  g_assert_cmpstr (ca_audit_draft_get_answer (draft, SEEN_ID)->reason, ==, "a reason");
  g_assert_cmpstr (draft->pen_picture, ==, "Pen picture");

  /* A reason alone is kept (typed before NA is chosen); nothing at all forgets the answer. */
  ca_audit_draft_set_answer (draft, ALONE_ID, NULL, "under 5");
  g_assert_null (ca_audit_draft_get_answer (draft, ALONE_ID)->value);
  ca_audit_draft_set_answer (draft, ALONE_ID, NULL, NULL);
  g_assert_null (ca_audit_draft_get_answer (draft, ALONE_ID));

  ca_audit_draft_set_section_grade (draft, "assessment", CA_GRADE_GOOD);
  g_assert_cmpint (ca_audit_draft_get_section_grade (draft, "assessment"), ==, CA_GRADE_GOOD);
  ca_audit_draft_set_section_grade (draft, "planning", CA_GRADE_INADEQUATE);
  ca_audit_draft_set_section_grade (draft, "planning", CA_GRADE_NONE);
  g_assert_false (g_hash_table_contains (draft->section_grades, "planning"));

  ca_audit_draft_set_section_comments (draft, "assessment", "Comments");
  g_assert_cmpstr (ca_audit_draft_get_section_comments (draft, "assessment"), ==, "Comments");
  ca_audit_draft_set_section_comments (draft, "assessment", NULL);
  g_assert_null (ca_audit_draft_get_section_comments (draft, "assessment"));
  ca_audit_draft_set_section_comments (draft, "planning", "Plan comments");

  ca_audit_draft_set_audit_date (draft, "2024-03-15");
  ca_audit_draft_set_period (draft, "2023-09-15", "2024-03-15");
  ca_audit_draft_set_joint_practitioner (draft, 7);
  ca_audit_draft_set_overall_grade (draft, CA_GRADE_GOOD);
  ca_audit_draft_set_category (draft, 3);
  ca_audit_draft_set_done_well (draft, "Done well");
  ca_audit_draft_set_comments (draft, "Comments");
  ca_audit_draft_set_feedback (draft, CA_FEEDBACK_METHOD_WRITTEN, "2024-03-01", "Thanks");
  g_assert_cmpuint (ca_audit_draft_add_action (draft, "First", 1, "2024-04-01", "Impact 1"), ==, 0);
  g_assert_cmpuint (ca_audit_draft_add_action (draft, "Second", 2, NULL, NULL), ==, 1);
  g_assert_cmpuint (ca_audit_draft_add_action (draft, "Third", 0, "2024-04-03", "Impact 3"), ==, 2);
  ca_audit_draft_remove_action (draft, 1);
  g_assert_cmpuint (ca_audit_draft_get_n_actions (draft), ==, 2);
  g_assert_cmpstr (ca_audit_draft_get_action (draft, 1)->description, ==, "Third");

  /* A copy is deep and equal. */
  copy = ca_audit_draft_copy (draft);
  ca_audit_draft_set_answer (draft, SEEN_ID, "no", NULL);
  ca_audit_draft_set_section_grade (draft, "assessment", CA_GRADE_INADEQUATE);
  ca_audit_draft_set_section_comments (draft, "planning", "Changed");
  ca_audit_draft_set_pen_picture (draft, NULL);
  ca_audit_draft_set_feedback (draft, NULL, NULL, NULL);
  ca_audit_draft_remove_action (draft, 0);
  g_assert_cmpstr (ca_audit_draft_get_answer (copy, SEEN_ID)->value, ==, "yes");
  g_assert_cmpstr (ca_audit_draft_get_answer (copy, SEEN_ID)->reason, ==, "a reason");
  g_assert_cmpint (ca_audit_draft_get_section_grade (copy, "assessment"), ==, CA_GRADE_GOOD);
  g_assert_cmpstr (ca_audit_draft_get_section_comments (copy, "planning"), ==, "Plan comments");
  g_assert_cmpstr (copy->pen_picture, ==, "Pen picture");
  g_assert_cmpstr (copy->audit_date, ==, "2024-03-15");
  g_assert_cmpstr (copy->period_start, ==, "2023-09-15");
  g_assert_cmpstr (copy->period_end, ==, "2024-03-15");
  g_assert_cmpint (copy->joint_practitioner_id, ==, 7);
  g_assert_cmpint (copy->overall_grade, ==, CA_GRADE_GOOD);
  g_assert_cmpint (copy->category, ==, 3);
  g_assert_cmpstr (copy->done_well, ==, "Done well");
  g_assert_cmpstr (copy->comments, ==, "Comments");
  g_assert_cmpuint (ca_audit_draft_get_n_actions (copy), ==, 2);
  g_assert_cmpstr (ca_audit_draft_get_action (copy, 0)->description, ==, "First");
  g_assert_cmpint (ca_audit_draft_get_action (copy, 0)->owner_id, ==, 1);
  g_assert_cmpstr (ca_audit_draft_get_action (copy, 0)->due_date, ==, "2024-04-01");
  g_assert_cmpstr (ca_audit_draft_get_action (copy, 0)->impact, ==, "Impact 1");
  g_assert_cmpstr (copy->feedback_method, ==, CA_FEEDBACK_METHOD_WRITTEN);
  g_assert_cmpstr (copy->feedback_date, ==, "2024-03-01");
  g_assert_cmpstr (copy->feedback_summary, ==, "Thanks");
  g_assert_null (draft->feedback_method);
}

/* The methods are stable codes with a name each; an unknown code has none. */
static void
test_feedback_methods (void)
{
  const char * const *codes = ca_feedback_method_list ();

  g_assert_cmpuint (g_strv_length ((char **) codes), ==, 5);
  g_assert_cmpstr (codes[0], ==, "face-to-face");
  g_assert_cmpstr (codes[4], ==, "other");
  for (guint i = 0; codes[i] != NULL; i++)
    g_assert_nonnull (ca_feedback_method_get_label (codes[i]));
  g_assert_cmpstr (ca_feedback_method_get_label ("written"), ==, "Written or questionnaire");
  g_assert_null (ca_feedback_method_get_label ("Telephone"));
  g_assert_null (ca_feedback_method_get_label (NULL));
}

/* ------------------------------------------------------------------------------------------
 * NA validity and answers of each type
 * ---------------------------------------------------------------------------------------- */

typedef struct
{
  CaAnswerType  type;
  gboolean      na_allowed;
  gboolean      na_needs_reason;
  gboolean      required;
  gboolean      answered;   /* FALSE: no CaAnswer at all */
  const char   *value;
  const char   *reason;
  gboolean      valid;
  const char   *explains;   /* a part of the explanation when not valid */
} AnswerCase;

#define YNNA CA_ANSWER_YES_NO_NA
#define GRADE CA_ANSWER_GRADE
#define TEXT CA_ANSWER_TEXT
#define DATE CA_ANSWER_DATE
#define T TRUE
#define F FALSE

static const AnswerCase answer_cases[] = {
  /* Yes / No, NA not allowed. */
  { YNNA, F, F, T, T, "yes", NULL, T, NULL },
  { YNNA, F, F, T, T, "no", NULL, T, NULL },
  { YNNA, F, F, T, T, "na", NULL, F, "cannot be answered NA: answer Yes or No." },
  { YNNA, F, F, T, T, "na", "under 5", F, "cannot be answered NA" },
  { YNNA, F, F, T, T, "Yes", NULL, F, "must be answered Yes or No." },
  { YNNA, F, F, T, T, "maybe", NULL, F, "must be answered Yes or No." },
  { YNNA, F, F, T, F, NULL, NULL, F, "needs an answer." },
  { YNNA, F, F, T, T, NULL, "a reason", F, "needs an answer." },
  { YNNA, F, F, T, T, "", NULL, F, "needs an answer." },
  { YNNA, F, F, T, T, "  ", NULL, F, "needs an answer." },
  { YNNA, F, F, F, F, NULL, NULL, T, NULL },
  { YNNA, F, F, F, T, "na", NULL, F, "cannot be answered NA" },
  /* Yes / No / NA. */
  { YNNA, T, F, T, T, "na", NULL, T, NULL },
  { YNNA, T, F, T, T, "na", "", T, NULL },
  { YNNA, T, F, T, T, "NA", NULL, F, "must be answered Yes, No or NA." },
  { YNNA, T, F, F, F, NULL, NULL, T, NULL },
  /* NA only with a reason (the child seen alone). */
  { YNNA, T, T, T, T, "na", NULL, F, "NA needs a reason here: for example the child is under 5 "
                                     "or has a profound disability." },
  { YNNA, T, T, T, T, "na", "", F, "is answered NA without a reason" },
  { YNNA, T, T, T, T, "na", " \n\t", F, "is answered NA without a reason" },
  { YNNA, T, T, T, T, "na", "Aged 3", T, NULL },
  { YNNA, T, T, T, T, "yes", NULL, T, NULL },
  { YNNA, T, T, T, T, "no", NULL, T, NULL },
  { YNNA, T, T, F, T, "na", NULL, F, "NA needs a reason here" },
  { YNNA, T, T, F, F, NULL, NULL, T, NULL },
  /* Grades. */
  { GRADE, F, F, T, T, "outstanding", NULL, T, NULL },
  { GRADE, F, F, T, T, "good", NULL, T, NULL },
  { GRADE, F, F, T, T, "requires-improvement", NULL, T, NULL },
  { GRADE, F, F, T, T, "inadequate", NULL, T, NULL },
  { GRADE, F, F, T, T, "Good", NULL, F, "must be answered with a grade" },
  { GRADE, F, F, T, T, "excellent", NULL, F, "must be answered with a grade" },
  { GRADE, F, F, T, T, "na", NULL, F, "cannot be answered NA." },
  { GRADE, F, F, T, F, NULL, NULL, F, "needs an answer." },
  { GRADE, T, F, T, T, "na", NULL, T, NULL },
  { GRADE, T, T, T, T, "na", NULL, F, "NA needs a reason here" },
  { GRADE, F, F, F, F, NULL, NULL, T, NULL },
  /* Text: NA does not apply; white space is nothing. */
  { TEXT, F, F, T, T, "Seen at school with the class teacher", NULL, T, NULL },
  { TEXT, F, F, T, T, "na", NULL, T, NULL },
  { TEXT, F, F, T, T, "", NULL, F, "needs an answer." },
  { TEXT, F, F, T, T, " \n\t ", NULL, F, "needs an answer." },
  { TEXT, F, F, T, T, "\u00a0\u2003", NULL, F, "needs an answer." },
  { TEXT, F, F, T, F, NULL, NULL, F, "needs an answer." },
  { TEXT, F, F, F, T, "  ", NULL, T, NULL },
  { TEXT, F, F, F, F, NULL, NULL, T, NULL },
  /* Dates: real days only. */
  { DATE, F, F, T, T, "2024-02-29", NULL, T, NULL },
  { DATE, F, F, T, T, "2023-02-29", NULL, F, "“2023-02-29”, is not a real date." },
  { DATE, F, F, T, T, "2023-02-30", NULL, F, "is not a real date." },
  { DATE, F, F, T, T, "15/03/2024", NULL, F, "is not a real date." },
  { DATE, F, F, T, T, "2024-3-15", NULL, F, "is not a real date." },
  { DATE, F, F, T, T, "na", NULL, F, "cannot be answered NA." },
  { DATE, F, F, T, F, NULL, NULL, F, "needs an answer." },
  { DATE, T, F, T, T, "na", NULL, T, NULL },
  { DATE, F, F, F, T, "", NULL, T, NULL },
  { DATE, F, F, F, T, "tomorrow", NULL, F, "is not a real date." },
};

static void
test_answer_valid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (answer_cases); i++)
    {
      const AnswerCase *c = &answer_cases[i];
      g_autoptr(CaToolQuestion) question = ca_tool_question_new ();
      g_autoptr(CaAnswer) answer = c->answered ? ca_answer_new (c->value, c->reason) : NULL;
      g_autofree char *reason = g_strdup ("not touched");
      gboolean valid;

      question->id = g_strdup ("section.question");
      question->text = g_strdup ("Is this the question?");
      question->type = c->type;
      question->na_allowed = c->na_allowed;
      question->na_needs_reason = c->na_needs_reason;
      question->required = c->required;

      g_clear_pointer (&reason, g_free);
      valid = ca_audit_rules_answer_valid (question, answer, &reason);
      if (valid != c->valid)
        g_error ("answer case %u (“%s”, “%s”): expected %s, got %s (%s)", i,
                 c->value ? c->value : "(null)", c->reason ? c->reason : "(null)",
                 c->valid ? "valid" : "invalid", valid ? "valid" : "invalid",
                 reason ? reason : "no reason");
      /* Without a reason asked for, the verdict is the same. */
      g_assert_cmpint (ca_audit_rules_answer_valid (question, answer, NULL), ==, valid);
      if (valid)
        {
          g_assert_null (reason);
          continue;
        }
      assert_contains (reason, "“Is this the question?”");
      assert_contains (reason, c->explains);
    }
}

static void
test_answer_quotes_briefly (void)
{
  g_autoptr(CaToolQuestion) question = ca_tool_question_new ();
  g_autoptr(CaAnswer) answer = NULL;
  g_autofree char *reason = NULL;
  GString *paste = g_string_new (NULL);

  question->id = g_strdup ("section.date");
  question->text = g_strdup ("When?");
  question->type = CA_ANSWER_DATE;
  for (guint i = 0; i < 100000; i++)
    g_string_append (paste, "ab");
  answer = ca_answer_new (paste->str, NULL);
  g_string_free (paste, TRUE);

  g_assert_false (ca_audit_rules_answer_valid (question, answer, &reason));
  assert_contains (reason, "“When?”");
  assert_contains (reason, "…");
  g_assert_cmpuint (strlen (reason), <, 200);
}

/* ------------------------------------------------------------------------------------------
 * Limiting judgements (R-F3): every combination of answers against every grade
 * ---------------------------------------------------------------------------------------- */

typedef enum
{
  STATE_UNANSWERED,
  STATE_REASON_ONLY,       /* a reason but no value: still unanswered */
  STATE_YES,
  STATE_NO,
  STATE_NA,
  STATE_NA_WITH_REASON,
  STATE_NA_BLANK_REASON,
  STATE_NONSENSE,
  N_STATES
} AnswerState;

static void
set_state (CaAuditDraft *draft,
           const char   *question_id,
           AnswerState   state)
{
  switch (state)
    {
    case STATE_UNANSWERED:
      ca_audit_draft_set_answer (draft, question_id, NULL, NULL);
      break;
    case STATE_REASON_ONLY:
      ca_audit_draft_set_answer (draft, question_id, NULL, "Aged 2");
      break;
    case STATE_YES:
      ca_audit_draft_set_answer (draft, question_id, "yes", NULL);
      break;
    case STATE_NO:
      ca_audit_draft_set_answer (draft, question_id, "no", NULL);
      break;
    case STATE_NA:
      ca_audit_draft_set_answer (draft, question_id, "na", NULL);
      break;
    case STATE_NA_WITH_REASON:
      ca_audit_draft_set_answer (draft, question_id, "na", "Aged 2, seen with mother present");
      break;
    case STATE_NA_BLANK_REASON:
      ca_audit_draft_set_answer (draft, question_id, "na", "   ");
      break;
    case STATE_NONSENSE:
      ca_audit_draft_set_answer (draft, question_id, "perhaps", NULL);
      break;
    case N_STATES:
    default:
      g_assert_not_reached ();
    }
}

/* The rule, reckoned here independently of the code under test. */
static gboolean
expect_met (const QuestionSpec *spec,
            AnswerState         state)
{
  switch (state)
    {
    case STATE_YES:
      return TRUE;
    case STATE_NA:
    case STATE_NA_BLANK_REASON:
      return spec->na_allowed && !spec->na_needs_reason;
    case STATE_NA_WITH_REASON:
      return spec->na_allowed;
    case STATE_UNANSWERED:
    case STATE_REASON_ONLY:
    case STATE_NO:
    case STATE_NONSENSE:
    case N_STATES:
    default:
      return FALSE;
    }
}

/* How the explanation describes an unmet judgement. */
static const char *
expect_description (const QuestionSpec *spec,
                    AnswerState         state)
{
  switch (state)
    {
    case STATE_UNANSWERED:
    case STATE_REASON_ONLY:
      return "is not answered yet";
    case STATE_NO:
      return "is answered No";
    case STATE_NA:
    case STATE_NA_BLANK_REASON:
    case STATE_NA_WITH_REASON:
      return spec->na_allowed ? "is answered NA without a reason"
                              : "is answered NA, which it does not allow";
    case STATE_NONSENSE:
      return "does not have a valid answer";
    case STATE_YES:
    case N_STATES:
    default:
      return NULL;
    }
}

static void
test_limiting_judgements (void)
{
  g_autoptr(CaToolDefinition) tool = make_tool ();
  const CaToolSection *section = find_section (tool, "assessment");
  const QuestionSpec *limiting[] = {
    &assessment_questions[0], &assessment_questions[1], &assessment_questions[2],
  };
  guint n_capped = 0, n_checked = 0;

  for (guint combination = 0; combination < N_STATES * N_STATES * N_STATES; combination++)
    {
      g_autoptr(CaAuditDraft) draft = ca_audit_draft_new ();
      g_autofree char *reason = g_strdup ("not touched");
      AnswerState states[3];
      gboolean all_met = TRUE;
      CaGrade best, expected_best;

      states[0] = combination % N_STATES;
      states[1] = combination / N_STATES % N_STATES;
      states[2] = combination / (N_STATES * N_STATES);
      /* A non-limiting question answered No never limits the grade. */
      ca_audit_draft_set_answer (draft, FATHERS_ID, "no", NULL);
      for (guint q = 0; q < 3; q++)
        {
          set_state (draft, limiting[q]->id, states[q]);
          all_met = all_met && expect_met (limiting[q], states[q]);
        }
      expected_best = all_met ? CA_GRADE_OUTSTANDING : CA_GRADE_REQUIRES_IMPROVEMENT;

      g_clear_pointer (&reason, g_free);
      best = ca_audit_rules_best_allowed_section_grade (section, draft, &reason);
      g_assert_cmpint (best, ==, expected_best);
      g_assert_cmpint (ca_audit_rules_best_allowed_section_grade (section, draft, NULL), ==, best);
      if (all_met)
        g_assert_null (reason);
      else
        {
          n_capped++;
          g_assert_true (g_str_has_prefix (reason, "Good and Outstanding need the limiting "
                                                   "judgements met: "));
          g_assert_true (g_str_has_suffix (reason, "."));
        }

      /* The explanation names exactly the unmet judgements, and says why each is unmet. */
      for (guint q = 0; q < 3; q++)
        {
          const CaToolQuestion *question = find_question (tool, limiting[q]->id);
          g_autofree char *name = quoted (limiting[q]->text);
          g_autofree char *why = NULL;
          gboolean met = expect_met (limiting[q], states[q]);

          g_assert_cmpint (ca_audit_rules_judgement_met (question,
                                                         ca_audit_draft_get_answer (draft,
                                                                                    question->id),
                                                         &why), ==, met);
          if (met)
            {
              g_assert_null (why);
              if (reason != NULL)
                assert_lacks (reason, name);
            }
          else
            {
              g_autofree char *item = g_strdup_printf ("%s %s", name,
                                                       expect_description (limiting[q],
                                                                           states[q]));

              assert_contains (reason, item);
              assert_contains (why, item);
            }
        }

      /* Every grade against the cap. */
      for (guint g = 0; g < G_N_ELEMENTS (all_grades); g++)
        {
          CaGrade grade = all_grades[g];
          gboolean expected = grade == CA_GRADE_NONE
                              || grade == CA_GRADE_REQUIRES_IMPROVEMENT
                              || grade == CA_GRADE_INADEQUATE
                              || all_met;
          g_autofree char *why = g_strdup ("not touched");

          g_clear_pointer (&why, g_free);
          g_assert_cmpint (ca_audit_rules_section_grade_allowed (section, draft, grade, &why),
                           ==, expected);
          g_assert_cmpint (ca_audit_rules_section_grade_allowed (section, draft, grade, NULL),
                           ==, expected);
          if (expected)
            g_assert_null (why);
          else
            {
              g_autofree char *prefix = g_strdup_printf ("%s is not available. ",
                                                         ca_grade_get_label (grade));

              g_assert_true (g_str_has_prefix (why, prefix));
              assert_contains (why, reason);
            }
          n_checked++;
        }
    }

  /* 8 × 8 × 8 combinations; met only with Yes or an allowed NA on each of the three:
   * child seen: Yes (1 of 8); seen alone: Yes or NA with a reason (2); voice: Yes, NA, NA
   * with a reason or with a blank one (4). */
  g_assert_cmpuint (n_checked, ==, 8 * 8 * 8 * 5);
  g_assert_cmpuint (n_capped, ==, 8 * 8 * 8 - 1 * 2 * 4);
}

static void
test_section_without_limiting (void)
{
  g_autoptr(CaToolDefinition) tool = make_tool ();
  g_autoptr(CaAuditDraft) draft = ca_audit_draft_new ();
  g_autofree char *reason = NULL;
  const CaToolSection *planning = find_section (tool, "planning");
  const CaToolSection *reflection = find_section (tool, "reflection");

  /* No limiting judgement: even unanswered, the section may be Outstanding. */
  g_assert_cmpint (ca_audit_rules_best_allowed_section_grade (planning, draft, &reason), ==,
                   CA_GRADE_OUTSTANDING);
  g_assert_null (reason);
  ca_audit_draft_set_answer (draft, SMART_ID, "no", NULL);
  g_assert_true (ca_audit_rules_section_grade_allowed (planning, draft, CA_GRADE_OUTSTANDING,
                                                       &reason));
  g_assert_null (reason);

  /* A section the tool does not grade takes no grade, and says so. */
  g_assert_true (ca_audit_rules_section_grade_allowed (reflection, draft, CA_GRADE_NONE, &reason));
  g_assert_null (reason);
  for (CaGrade grade = CA_GRADE_OUTSTANDING; grade <= CA_GRADE_INADEQUATE; grade++)
    {
      g_assert_false (ca_audit_rules_section_grade_allowed (reflection, draft, grade, &reason));
      assert_contains (reason, "“Reflection and Supervision” section is not graded");
      g_clear_pointer (&reason, g_free);
    }

  /* A judgement that is not limiting is always met. */
  g_assert_true (ca_audit_rules_judgement_met (find_question (tool, SMART_ID),
                                               ca_audit_draft_get_answer (draft, SMART_ID),
                                               &reason));
  g_assert_null (reason);
}

/* The example of the brief, word for word. */
static void
test_limiting_explanation (void)
{
  g_autoptr(CaToolDefinition) tool = make_tool ();
  g_autoptr(CaAuditDraft) draft = ca_audit_draft_new ();
  g_autofree char *reason = NULL;
  const CaToolSection *section = find_section (tool, "assessment");

  ca_audit_draft_set_answer (draft, SEEN_ID, "no", NULL);
  ca_audit_draft_set_answer (draft, ALONE_ID, "na", "Aged 3");
  ca_audit_draft_set_answer (draft, VOICE_ID, "yes", NULL);
  g_assert_cmpint (ca_audit_rules_best_allowed_section_grade (section, draft, &reason), ==,
                   CA_GRADE_REQUIRES_IMPROVEMENT);
  g_assert_cmpstr (reason, ==, "Good and Outstanding need the limiting judgements met: "
                               "“Has the child been seen?” is answered No.");
  g_clear_pointer (&reason, g_free);

  ca_audit_draft_set_answer (draft, ALONE_ID, "na", NULL);
  g_assert_false (ca_audit_rules_section_grade_allowed (section, draft, CA_GRADE_GOOD, &reason));
  g_assert_cmpstr (reason, ==, "Good is not available. Good and Outstanding need the limiting "
                               "judgements met: “Has the child been seen?” is answered No; "
                               "“Has the child been seen alone?” is answered NA without a "
                               "reason.");
}

/* ------------------------------------------------------------------------------------------
 * The overall grade
 * ---------------------------------------------------------------------------------------- */

static void
test_overall_grade (void)
{
  g_autoptr(CaToolDefinition) tool = make_tool ();
  static const AnswerState seen_states[] = { STATE_YES, STATE_NO };
  static const AnswerState intervention_states[] = { STATE_YES, STATE_NO, STATE_UNANSWERED };
  static const CaGrade stray_grades[] = { CA_GRADE_NONE, CA_GRADE_INADEQUATE };
  guint n_cases = 0;

  for (guint s = 0; s < G_N_ELEMENTS (seen_states); s++)
    for (guint v = 0; v < G_N_ELEMENTS (intervention_states); v++)
      for (guint a = 0; a < G_N_ELEMENTS (all_grades); a++)
        for (guint p = 0; p < G_N_ELEMENTS (all_grades); p++)
          for (guint i = 0; i < G_N_ELEMENTS (all_grades); i++)
            for (guint r = 0; r < G_N_ELEMENTS (stray_grades); r++)
              {
                g_autoptr(CaAuditDraft) draft = ca_audit_draft_new ();
                g_autofree char *reason = NULL;
                gboolean seen_met = seen_states[s] == STATE_YES;
                gboolean intervention_met = intervention_states[v] == STATE_YES;
                gboolean any_inadequate = all_grades[a] == CA_GRADE_INADEQUATE
                                          || all_grades[p] == CA_GRADE_INADEQUATE
                                          || all_grades[i] == CA_GRADE_INADEQUATE;
                gboolean capped = !seen_met || !intervention_met || any_inadequate;
                CaGrade best;

                set_state (draft, SEEN_ID, seen_states[s]);
                set_state (draft, ALONE_ID, STATE_NA_WITH_REASON);
                set_state (draft, VOICE_ID, STATE_YES);
                set_state (draft, I_SEEN_ID, intervention_states[v]);
                ca_audit_draft_set_section_grade (draft, "assessment", all_grades[a]);
                ca_audit_draft_set_section_grade (draft, "planning", all_grades[p]);
                ca_audit_draft_set_section_grade (draft, "intervention", all_grades[i]);
                /* A grade on the ungraded section is ignored here. */
                ca_audit_draft_set_section_grade (draft, "reflection", stray_grades[r]);

                best = ca_audit_rules_best_allowed_overall_grade (tool, draft, &reason);
                g_assert_cmpint (best, ==, capped ? CA_GRADE_REQUIRES_IMPROVEMENT
                                                  : CA_GRADE_OUTSTANDING);
                if (!capped)
                  g_assert_null (reason);
                else
                  {
                    g_assert_true (g_str_has_prefix (reason, "An overall grade of Good or "
                                                             "Outstanding needs "));
                    if (!seen_met)
                      assert_contains (reason, "in Assessment, “" SEEN_TEXT "” is answered No");
                    else
                      assert_lacks (reason, "“" SEEN_TEXT "”");
                    if (!intervention_met)
                      assert_contains (reason, "in Intervention, “" I_SEEN_TEXT "”");
                    else
                      assert_lacks (reason, I_SEEN_TEXT);
                    if (all_grades[a] == CA_GRADE_INADEQUATE)
                      assert_contains (reason, "Assessment is graded Inadequate");
                    else
                      assert_lacks (reason, "Assessment is graded Inadequate");
                    if (all_grades[p] == CA_GRADE_INADEQUATE)
                      assert_contains (reason, "Planning is graded Inadequate");
                    else
                      assert_lacks (reason, "Planning is graded Inadequate");
                    if (all_grades[i] == CA_GRADE_INADEQUATE)
                      assert_contains (reason, "Intervention is graded Inadequate");
                    else
                      assert_lacks (reason, "Intervention is graded Inadequate");
                    assert_lacks (reason, "Reflection");
                    if (any_inadequate)
                      assert_contains (reason, "no section graded Inadequate");
                    else
                      assert_lacks (reason, "no section graded Inadequate");
                  }

                for (guint g = 0; g < G_N_ELEMENTS (all_grades); g++)
                  {
                    CaGrade grade = all_grades[g];
                    gboolean expected = grade == CA_GRADE_NONE
                                        || grade >= CA_GRADE_REQUIRES_IMPROVEMENT
                                        || !capped;
                    g_autofree char *why = NULL;

                    g_assert_cmpint (ca_audit_rules_overall_grade_allowed (tool, draft, grade,
                                                                           &why), ==, expected);
                    if (expected)
                      g_assert_null (why);
                    else
                      {
                        assert_contains (why, ca_grade_get_label (grade));
                        assert_contains (why, reason);
                      }
                  }
                n_cases++;
              }
  g_assert_cmpuint (n_cases, ==, 2 * 3 * 5 * 5 * 5 * 2);
}

static void
test_overall_grade_without_one (void)
{
  g_autoptr(CaToolDefinition) tool = make_tool ();
  g_autoptr(CaAuditDraft) draft = ca_audit_draft_new ();
  g_autofree char *reason = NULL;

  tool->overall_grade = FALSE;
  g_assert_true (ca_audit_rules_overall_grade_allowed (tool, draft, CA_GRADE_NONE, &reason));
  g_assert_null (reason);
  g_assert_false (ca_audit_rules_overall_grade_allowed (tool, draft, CA_GRADE_INADEQUATE,
                                                        &reason));
  assert_contains (reason, "no overall grade");
}

/* ------------------------------------------------------------------------------------------
 * Categories (R-F4): every overall grade × category × number of actions
 * ---------------------------------------------------------------------------------------- */

typedef struct
{
  CaGrade  overall;
  guint    n_actions;
  gboolean allowed[CA_CATEGORY_MAX + 1];  /* by category: none, 1, 2, 3, 4 */
} CategoryCase;

/* Categories 1–2 only and always for Inadequate, with an action; 3 with an action and not
 * Inadequate; 4 with no action and not Inadequate. No category is always allowed in a
 * draft. */
static const CategoryCase category_cases[] = {
  /*  overall                        n      none 1  2  3  4 */
  { CA_GRADE_NONE,                  0, { T, F, F, F, T } },
  { CA_GRADE_NONE,                  1, { T, F, F, T, F } },
  { CA_GRADE_NONE,                  3, { T, F, F, T, F } },
  { CA_GRADE_OUTSTANDING,           0, { T, F, F, F, T } },
  { CA_GRADE_OUTSTANDING,           1, { T, F, F, T, F } },
  { CA_GRADE_OUTSTANDING,           3, { T, F, F, T, F } },
  { CA_GRADE_GOOD,                  0, { T, F, F, F, T } },
  { CA_GRADE_GOOD,                  1, { T, F, F, T, F } },
  { CA_GRADE_GOOD,                  3, { T, F, F, T, F } },
  { CA_GRADE_REQUIRES_IMPROVEMENT,  0, { T, F, F, F, T } },
  { CA_GRADE_REQUIRES_IMPROVEMENT,  1, { T, F, F, T, F } },
  { CA_GRADE_REQUIRES_IMPROVEMENT,  3, { T, F, F, T, F } },
  { CA_GRADE_INADEQUATE,            0, { T, F, F, F, F } },
  { CA_GRADE_INADEQUATE,            1, { T, T, T, F, F } },
  { CA_GRADE_INADEQUATE,            3, { T, T, T, F, F } },
};

static void
test_categories (void)
{
  static const guint action_counts[] = { 0, 1, 3 };
  guint seen[G_N_ELEMENTS (all_grades)][G_N_ELEMENTS (action_counts)] = { { 0, } };

  for (guint c = 0; c < G_N_ELEMENTS (category_cases); c++)
    {
      const CategoryCase *row = &category_cases[c];
      guint mask = 0;

      for (guint g = 0; g < G_N_ELEMENTS (all_grades); g++)
        for (guint n = 0; n < G_N_ELEMENTS (action_counts); n++)
          if (all_grades[g] == row->overall && action_counts[n] == row->n_actions)
            seen[g][n]++;

      for (int category = CA_CATEGORY_NONE; category <= CA_CATEGORY_MAX; category++)
        {
          g_autofree char *reason = g_strdup ("not touched");
          gboolean allowed;

          g_clear_pointer (&reason, g_free);
          allowed = ca_audit_rules_category_allowed (row->overall, category, row->n_actions,
                                                     &reason);
          if (allowed != row->allowed[category])
            g_error ("%s, %u actions, Category %d: expected %s, got %s (%s)",
                     ca_grade_get_label (row->overall), row->n_actions, category,
                     row->allowed[category] ? "allowed" : "refused",
                     allowed ? "allowed" : "refused", reason ? reason : "no reason");
          g_assert_cmpint (ca_audit_rules_category_allowed (row->overall, category,
                                                            row->n_actions, NULL), ==, allowed);
          if (allowed)
            {
              g_assert_null (reason);
              if (category != CA_CATEGORY_NONE)
                mask |= CA_AUDIT_RULES_CATEGORY_BIT (category);
              continue;
            }

          /* Each rule broken is explained. */
          if ((category == 1 || category == 2) && row->overall != CA_GRADE_INADEQUATE)
            assert_contains (reason, "is for an audit graded Inadequate overall");
          if ((category == 3 || category == 4) && row->overall == CA_GRADE_INADEQUATE)
            assert_contains (reason, "An audit graded Inadequate overall is Category 1 or 2");
          if (category <= 3 && row->n_actions == 0)
            assert_contains (reason, "needs at least one action");
          else
            assert_lacks (reason, "needs at least one action");
          if (category == 4 && row->n_actions == 1 && row->overall != CA_GRADE_INADEQUATE)
            assert_contains (reason, "this audit has 1 action: remove it");
          if (row->overall == CA_GRADE_INADEQUATE)
            assert_lacks (reason, "choose Category 3");
          if (category == 4 && row->n_actions == 3 && row->overall != CA_GRADE_INADEQUATE)
            assert_contains (reason, "this audit has 3 actions: remove them");
        }

      g_assert_cmphex (ca_audit_rules_allowed_categories (row->overall, row->n_actions), ==,
                       mask);
    }

  /* The table covers every pair exactly once. */
  for (guint g = 0; g < G_N_ELEMENTS (all_grades); g++)
    for (guint n = 0; n < G_N_ELEMENTS (action_counts); n++)
      g_assert_cmpuint (seen[g][n], ==, 1);
}

static void
test_category_explanations (void)
{
  g_autofree char *reason = NULL;
  static const int bad_categories[] = { -1, 5, 99 };

  g_assert_false (ca_audit_rules_category_allowed (CA_GRADE_GOOD, 1, 2, &reason));
  g_assert_cmpstr (reason, ==, "Category 1 is for an audit graded Inadequate overall, and this "
                               "audit is graded Good.");
  g_clear_pointer (&reason, g_free);

  g_assert_false (ca_audit_rules_category_allowed (CA_GRADE_NONE, 2, 0, &reason));
  g_assert_cmpstr (reason, ==, "Category 2 is for an audit graded Inadequate overall, and this "
                               "audit has no overall grade yet. Category 2 needs at least one "
                               "action: say what must be done, by whom and by when.");
  g_clear_pointer (&reason, g_free);

  g_assert_false (ca_audit_rules_category_allowed (CA_GRADE_INADEQUATE, 4, 1, &reason));
  /* Not "choose Category 3", which an Inadequate audit cannot be (issue 12 item 9). */
  g_assert_cmpstr (reason, ==, "An audit graded Inadequate overall is Category 1 or 2, so that "
                               "it goes at once to the Service Manager and the Team Manager.");
  g_clear_pointer (&reason, g_free);

  g_assert_false (ca_audit_rules_category_allowed (CA_GRADE_GOOD, 4, 2, &reason));
  g_assert_cmpstr (reason, ==, "Category 4 means the case is in good order with nothing left "
                               "to do, but this audit has 2 actions: remove them or choose "
                               "Category 3.");
  g_clear_pointer (&reason, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (bad_categories); i++)
    {
      g_assert_false (ca_audit_rules_category_allowed (CA_GRADE_INADEQUATE, bad_categories[i], 1,
                                                       &reason));
      assert_contains (reason, "There is no Category");
      g_clear_pointer (&reason, g_free);
    }

  g_assert_cmphex (ca_audit_rules_allowed_categories (CA_GRADE_INADEQUATE, 1), ==,
                   CA_AUDIT_RULES_CATEGORY_BIT (1) | CA_AUDIT_RULES_CATEGORY_BIT (2));
  g_assert_cmphex (ca_audit_rules_allowed_categories (CA_GRADE_INADEQUATE, 0), ==, 0);
  g_assert_cmphex (ca_audit_rules_allowed_categories (CA_GRADE_GOOD, 0), ==,
                   CA_AUDIT_RULES_CATEGORY_BIT (4));
}

/* The hint beside the category names what fits, once the overall grade is set. */
static void
test_category_hint (void)
{
  static const struct { CaGrade grade; guint n_actions; const char *hint; } cases[] = {
    { CA_GRADE_NONE, 0, "Choose a category once the overall grade is set." },
    { CA_GRADE_INADEQUATE, 1, "Choose Category 1 or 2." },
    { CA_GRADE_INADEQUATE, 0, "An audit graded Inadequate overall is Category 1 or 2, and both "
                              "need at least one action: add the actions first." },
    { CA_GRADE_REQUIRES_IMPROVEMENT, 2, "Choose Category 3." },
    { CA_GRADE_GOOD, 0, "Choose Category 4." },
    { CA_GRADE_OUTSTANDING, 0, "Choose Category 4." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *hint = ca_audit_rules_category_hint (cases[i].grade, cases[i].n_actions);

      g_assert_cmpstr (hint, ==, cases[i].hint);
    }
}

/* ------------------------------------------------------------------------------------------
 * Submission
 * ---------------------------------------------------------------------------------------- */

#define TODAY "2024-03-20"

/* Everything filled in, and rightly: Good, Category 3 with one action. */
static CaAuditDraft *
complete_draft (void)
{
  CaAuditDraft *draft = ca_audit_draft_new ();

  ca_audit_draft_set_audit_date (draft, "2024-03-15");
  ca_audit_draft_set_period (draft, "2023-09-15", "2024-03-15");
  ca_audit_draft_set_joint_practitioner (draft, 12);
  ca_audit_draft_set_pen_picture (draft, "A is 7 and lives with her mother and brother.");
  ca_audit_draft_set_answer (draft, SEEN_ID, "yes", NULL);
  ca_audit_draft_set_answer (draft, ALONE_ID, "yes", NULL);
  ca_audit_draft_set_answer (draft, VOICE_ID, "yes", NULL);
  ca_audit_draft_set_answer (draft, FATHERS_ID, "na", NULL);
  ca_audit_draft_set_answer (draft, ANALYSIS_ID, "good", NULL);
  ca_audit_draft_set_answer (draft, EVIDENCE_ID, "Chronology, school report, direct work.", NULL);
  ca_audit_draft_set_answer (draft, COMPLETED_ID, "2024-01-10", NULL);
  ca_audit_draft_set_section_grade (draft, "assessment", CA_GRADE_GOOD);
  ca_audit_draft_set_answer (draft, SMART_ID, "yes", NULL);
  ca_audit_draft_set_section_grade (draft, "planning", CA_GRADE_GOOD);
  ca_audit_draft_set_answer (draft, I_SEEN_ID, "yes", NULL);
  ca_audit_draft_set_section_grade (draft, "intervention", CA_GRADE_OUTSTANDING);
  ca_audit_draft_set_overall_grade (draft, CA_GRADE_GOOD);
  ca_audit_draft_set_category (draft, 3);
  ca_audit_draft_set_done_well (draft, "Warm, persistent direct work with A.");
  ca_audit_draft_add_action (draft, "Update the chronology with the school's concerns.", 31,
                             "2024-04-12", "A's teachers and social worker share one picture.");
  return draft;
}

static GPtrArray *
check (const CaToolDefinition *tool,
       const CaAuditDraft     *draft)
{
  GDate today;

  g_assert_true (ca_date_parse (TODAY, &today));
  return ca_audit_rules_check_submission (tool, draft, &today);
}

typedef void (*Mutation) (CaAuditDraft *draft);

static void no_change (CaAuditDraft *d) { (void) d; }
static void no_pen_picture (CaAuditDraft *d) { ca_audit_draft_set_pen_picture (d, NULL); }
static void blank_pen_picture (CaAuditDraft *d) { ca_audit_draft_set_pen_picture (d, " \n "); }
static void no_audit_date (CaAuditDraft *d) { ca_audit_draft_set_audit_date (d, NULL); }
static void bad_audit_date (CaAuditDraft *d) { ca_audit_draft_set_audit_date (d, "2024-02-30"); }
static void future_audit_date (CaAuditDraft *d) { ca_audit_draft_set_audit_date (d, "2024-03-21"); }
static void audit_today (CaAuditDraft *d) { ca_audit_draft_set_audit_date (d, TODAY); }
static void no_period_start (CaAuditDraft *d) { ca_audit_draft_set_period (d, NULL, "2024-03-15"); }
static void no_period_end (CaAuditDraft *d) { ca_audit_draft_set_period (d, "2023-09-15", ""); }
static void bad_period_start (CaAuditDraft *d) { ca_audit_draft_set_period (d, "2023-09-31", "2024-03-15"); }
static void bad_period_end (CaAuditDraft *d) { ca_audit_draft_set_period (d, "2023-09-15", "15/03/2024"); }
static void period_backwards (CaAuditDraft *d) { ca_audit_draft_set_period (d, "2024-03-15", "2023-09-15"); }
static void period_one_day (CaAuditDraft *d) { ca_audit_draft_set_period (d, "2024-03-15", "2024-03-15"); }
static void period_after_audit (CaAuditDraft *d) { ca_audit_draft_set_period (d, "2023-09-15", "2024-03-16"); }
static void no_fathers (CaAuditDraft *d) { ca_audit_draft_set_answer (d, FATHERS_ID, NULL, NULL); }
static void bad_fathers (CaAuditDraft *d) { ca_audit_draft_set_answer (d, FATHERS_ID, "maybe", NULL); }
static void bad_analysis (CaAuditDraft *d) { ca_audit_draft_set_answer (d, ANALYSIS_ID, "excellent", NULL); }
static void blank_evidence (CaAuditDraft *d) { ca_audit_draft_set_answer (d, EVIDENCE_ID, "   ", NULL); }
static void bad_completed (CaAuditDraft *d) { ca_audit_draft_set_answer (d, COMPLETED_ID, "2023-02-29", NULL); }
static void na_completed (CaAuditDraft *d) { ca_audit_draft_set_answer (d, COMPLETED_ID, "na", NULL); }
static void hypothesis (CaAuditDraft *d) { ca_audit_draft_set_answer (d, HYPOTHESIS_ID, "Neglect", NULL); }
static void no_planning_grade (CaAuditDraft *d) { ca_audit_draft_set_section_grade (d, "planning", CA_GRADE_NONE); }
static void reflection_graded (CaAuditDraft *d) { ca_audit_draft_set_section_grade (d, "reflection", CA_GRADE_GOOD); }
static void no_overall (CaAuditDraft *d) { ca_audit_draft_set_overall_grade (d, CA_GRADE_NONE); }
static void no_category (CaAuditDraft *d) { ca_audit_draft_set_category (d, CA_CATEGORY_NONE); }
static void category_4_with_action (CaAuditDraft *d) { ca_audit_draft_set_category (d, 4); }
static void category_1_good (CaAuditDraft *d) { ca_audit_draft_set_category (d, 1); }
static void inadequate_category_3 (CaAuditDraft *d) { ca_audit_draft_set_overall_grade (d, CA_GRADE_INADEQUATE); }
static void no_done_well (CaAuditDraft *d) { ca_audit_draft_set_done_well (d, "\t"); }

static void
inadequate_category_2 (CaAuditDraft *d)
{
  ca_audit_draft_set_overall_grade (d, CA_GRADE_INADEQUATE);
  ca_audit_draft_set_category (d, 2);
}

static void
good_category_4 (CaAuditDraft *d)
{
  ca_audit_draft_remove_action (d, 0);
  ca_audit_draft_set_category (d, 4);
}

static void
no_actions_category_3 (CaAuditDraft *d)
{
  ca_audit_draft_remove_action (d, 0);
}

static void
replace_action (CaAuditDraft *d,
                const char   *description,
                gint64        owner_id,
                const char   *due_date,
                const char   *impact)
{
  ca_audit_draft_remove_action (d, 0);
  ca_audit_draft_add_action (d, description, owner_id, due_date, impact);
}

static void action_no_description (CaAuditDraft *d) { replace_action (d, " ", 31, "2024-04-12", "Impact"); }
static void action_no_owner (CaAuditDraft *d) { replace_action (d, "Do it", 0, "2024-04-12", "Impact"); }
static void action_no_due (CaAuditDraft *d) { replace_action (d, "Do it", 31, NULL, "Impact"); }
static void action_bad_due (CaAuditDraft *d) { replace_action (d, "Do it", 31, "2024-04-31", "Impact"); }
static void action_due_early (CaAuditDraft *d) { replace_action (d, "Do it", 31, "2024-03-14", "Impact"); }
static void action_due_same_day (CaAuditDraft *d) { replace_action (d, "Do it", 31, "2024-03-15", "Impact"); }
static void action_no_impact (CaAuditDraft *d) { replace_action (d, "Do it", 31, "2024-04-12", NULL); }

static void
second_action_empty (CaAuditDraft *d)
{
  ca_audit_draft_add_action (d, NULL, 0, NULL, NULL);
}

static void child_not_seen (CaAuditDraft *d) { ca_audit_draft_set_answer (d, SEEN_ID, "no", NULL); }
static void seen_na (CaAuditDraft *d) { ca_audit_draft_set_answer (d, SEEN_ID, "na", "Aged 2"); }
static void alone_na (CaAuditDraft *d) { ca_audit_draft_set_answer (d, ALONE_ID, "na", NULL); }
static void alone_na_reason (CaAuditDraft *d) { ca_audit_draft_set_answer (d, ALONE_ID, "na", "Aged 2"); }
static void no_seen (CaAuditDraft *d) { ca_audit_draft_set_answer (d, SEEN_ID, NULL, NULL); }

static void
child_not_seen_graded_down (CaAuditDraft *d)
{
  ca_audit_draft_set_answer (d, SEEN_ID, "no", NULL);
  ca_audit_draft_set_section_grade (d, "assessment", CA_GRADE_REQUIRES_IMPROVEMENT);
  ca_audit_draft_set_overall_grade (d, CA_GRADE_REQUIRES_IMPROVEMENT);
}

static void
child_not_seen_section_only (CaAuditDraft *d)
{
  ca_audit_draft_set_answer (d, SEEN_ID, "no", NULL);
  ca_audit_draft_set_section_grade (d, "assessment", CA_GRADE_REQUIRES_IMPROVEMENT);
}

/* R-F11: feedback from the child or family. */
static void feedback_full (CaAuditDraft *d) { ca_audit_draft_set_feedback (d, CA_FEEDBACK_METHOD_TELEPHONE, "2024-03-18", "Mum says the visits help."); }
static void feedback_today (CaAuditDraft *d) { ca_audit_draft_set_feedback (d, CA_FEEDBACK_METHOD_OTHER, TODAY, "Liked the new worker."); }
static void feedback_summary_only (CaAuditDraft *d) { ca_audit_draft_set_feedback (d, NULL, NULL, "Liked the new worker."); }
static void feedback_method_only (CaAuditDraft *d) { ca_audit_draft_set_feedback (d, CA_FEEDBACK_METHOD_VIDEO_CALL, NULL, " "); }
static void feedback_unknown_method (CaAuditDraft *d) { ca_audit_draft_set_feedback (d, "carrier-pigeon", NULL, "Coo."); }
static void feedback_bad_date (CaAuditDraft *d) { ca_audit_draft_set_feedback (d, CA_FEEDBACK_METHOD_WRITTEN, "2024-02-30", "Form returned."); }
static void feedback_future (CaAuditDraft *d) { ca_audit_draft_set_feedback (d, CA_FEEDBACK_METHOD_FACE_TO_FACE, "2024-03-21", "Said hello."); }
static void feedback_date_only (CaAuditDraft *d) { ca_audit_draft_set_feedback (d, NULL, "2024-03-01", NULL); }

static void planning_inadequate (CaAuditDraft *d) { ca_audit_draft_set_section_grade (d, "planning", CA_GRADE_INADEQUATE); }

typedef struct
{
  const char *name;
  Mutation    mutate;
  const char *where[6];   /* exactly these problems, in this order */
  const char *mentions;   /* nullable: a part of the first problem's message */
} SubmissionCase;

static const SubmissionCase submission_cases[] = {
  { "complete", no_change, { NULL }, NULL },
  { "no pen picture", no_pen_picture, { "pen_picture" }, "pen picture" },
  { "blank pen picture", blank_pen_picture, { "pen_picture" }, NULL },
  { "no audit date", no_audit_date, { "audit_date" }, "date of the audit" },
  { "not a real audit date", bad_audit_date, { "audit_date" }, "“2024-02-30”, is not a real date" },
  { "audit date tomorrow", future_audit_date, { "audit_date" }, "21 Mar 2024, is after today" },
  { "audit date today", audit_today, { NULL }, NULL },
  { "no period start", no_period_start, { "period_start" }, "start of the period" },
  { "no period end", no_period_end, { "period_end" }, "end of the period" },
  { "period start not real", bad_period_start, { "period_start" }, "“2023-09-31”" },
  { "period end not real", bad_period_end, { "period_end" }, "“15/03/2024”" },
  { "period backwards", period_backwards, { "period_end" }, "before it starts" },
  { "period of one day", period_one_day, { NULL }, NULL },
  { "period after the audit", period_after_audit, { "period_end" }, "after the audit date" },
  { "required question unanswered", no_fathers, { "questions." FATHERS_ID }, "“" FATHERS_TEXT "” needs an answer." },
  { "yes-no-na nonsense", bad_fathers, { "questions." FATHERS_ID }, "“" FATHERS_TEXT "”" },
  { "grade not a grade", bad_analysis, { "questions." ANALYSIS_ID }, "“" ANALYSIS_TEXT "”" },
  { "text only white space", blank_evidence, { "questions." EVIDENCE_ID }, "“" EVIDENCE_TEXT "”" },
  { "date not real", bad_completed, { "questions." COMPLETED_ID }, "“" COMPLETED_TEXT "”" },
  { "date NA where allowed", na_completed, { NULL }, NULL },
  { "optional question answered", hypothesis, { NULL }, NULL },
  { "graded section ungraded", no_planning_grade, { "sections.planning.grade" }, "Grade the “Planning” section." },
  { "ungraded section graded", reflection_graded, { "sections.reflection.grade" }, "not graded" },
  { "no overall grade", no_overall, { "overall_grade" }, "overall grade" },
  { "no category", no_category, { "category" }, "category" },
  { "Category 4 with an action", category_4_with_action, { "category" }, "remove it or choose Category 3" },
  { "Category 1 when Good", category_1_good, { "category" }, "graded Good" },
  { "Inadequate in Category 3", inadequate_category_3, { "category" }, "Category 1 or 2" },
  { "Inadequate in Category 2", inadequate_category_2, { NULL }, NULL },
  { "Good in Category 4, no actions", good_category_4, { NULL }, NULL },
  { "Category 3 without actions", no_actions_category_3, { "category" }, "at least one action" },
  { "nothing done well", no_done_well, { "done_well" }, "done well" },
  { "action without a description", action_no_description, { "actions[0].description" }, "Action 1 needs a description" },
  { "action without an owner", action_no_owner, { "actions[0].owner" }, "Action 1 needs an owner" },
  { "action without a due date", action_no_due, { "actions[0].due_date" }, "Action 1 needs a due date" },
  { "action due on no real day", action_bad_due, { "actions[0].due_date" }, "“2024-04-31”" },
  { "action due before the audit", action_due_early, { "actions[0].due_date" }, "before the audit date" },
  { "action due on the audit day", action_due_same_day, { NULL }, NULL },
  { "action without an impact", action_no_impact, { "actions[0].impact" }, "for the child" },
  { "second action empty", second_action_empty,
    { "actions[1].description", "actions[1].owner", "actions[1].due_date", "actions[1].impact" },
    "Action 2" },
  { "child not seen, still Good", child_not_seen,
    { "sections.assessment.grade", "overall_grade" }, "“" SEEN_TEXT "” is answered No" },
  { "child not seen, graded down", child_not_seen_graded_down, { NULL }, NULL },
  { "child not seen, overall still Good", child_not_seen_section_only, { "overall_grade" },
    "in Assessment, “" SEEN_TEXT "” is answered No" },
  { "child seen NA where not allowed", seen_na,
    { "questions." SEEN_ID, "sections.assessment.grade", "overall_grade" }, "cannot be answered NA" },
  { "child seen unanswered", no_seen,
    { "questions." SEEN_ID, "sections.assessment.grade", "overall_grade" }, "needs an answer" },
  { "seen alone NA without a reason", alone_na,
    { "questions." ALONE_ID, "sections.assessment.grade", "overall_grade" }, "NA needs a reason here" },
  { "seen alone NA with a reason", alone_na_reason, { NULL }, NULL },
  { "a section Inadequate, overall Good", planning_inadequate, { "overall_grade" },
    "Planning is graded Inadequate" },
  { "feedback in full", feedback_full, { NULL }, NULL },
  { "feedback dated today", feedback_today, { NULL }, NULL },
  { "feedback date alone", feedback_date_only, { NULL }, NULL },
  { "feedback summary without a method", feedback_summary_only, { "feedback_method" },
    "how the child or family gave" },
  { "feedback method without a summary", feedback_method_only, { "feedback_summary" },
    "Summarise what the child or family said" },
  { "feedback method not on the list", feedback_unknown_method, { "feedback_method" },
    "from the list" },
  { "feedback date not real", feedback_bad_date, { "feedback_date" },
    "“2024-02-30”, is not a real date" },
  { "feedback date tomorrow", feedback_future, { "feedback_date" }, "21 Mar 2024, is after today" },
};

static const char *
question_text_for (const CaToolDefinition *tool,
                   const char             *where)
{
  const CaToolQuestion *question;

  if (!g_str_has_prefix (where, "questions."))
    return NULL;
  question = find_question (tool, where + strlen ("questions."));
  return question->text;
}

static void
test_submission (void)
{
  g_autoptr(CaToolDefinition) tool = make_tool ();

  for (guint i = 0; i < G_N_ELEMENTS (submission_cases); i++)
    {
      const SubmissionCase *c = &submission_cases[i];
      g_autoptr(CaAuditDraft) draft = complete_draft ();
      g_autoptr(GPtrArray) problems = NULL;
      guint n_expected = 0;

      c->mutate (draft);
      problems = check (tool, draft);
      while (n_expected < G_N_ELEMENTS (c->where) && c->where[n_expected] != NULL)
        n_expected++;

      for (guint p = 0; p < MAX (problems->len, n_expected); p++)
        {
          const CaRuleProblem *problem = p < problems->len ? g_ptr_array_index (problems, p)
                                                           : NULL;
          const char *expected = p < n_expected ? c->where[p] : NULL;

          if (problem == NULL || g_strcmp0 (problem->where, expected) != 0)
            g_error ("%s: problem %u is at %s (%s), expected %s", c->name, p,
                     problem ? problem->where : "nothing", problem ? problem->message : "",
                     expected ? expected : "nothing");
          g_assert_nonnull (problem->message);
          g_assert_cmpuint (strlen (problem->message), >, 10);
          if (question_text_for (tool, problem->where) != NULL)
            {
              g_autofree char *name = quoted (question_text_for (tool, problem->where));

              assert_contains (problem->message, name);
            }
        }
      if (c->mentions != NULL)
        assert_contains (((CaRuleProblem *) g_ptr_array_index (problems, 0))->message,
                         c->mentions);
    }
}

/* An empty draft: every required part, in the order of the form. */
static void
test_submission_empty (void)
{
  g_autoptr(CaToolDefinition) tool = make_tool ();
  g_autoptr(CaAuditDraft) draft = ca_audit_draft_new ();
  g_autoptr(GPtrArray) problems = check (tool, draft);
  static const char * const expected[] = {
    "audit_date", "period_start", "period_end", "pen_picture",
    "questions." SEEN_ID, "questions." ALONE_ID, "questions." VOICE_ID,
    "questions." FATHERS_ID, "questions." ANALYSIS_ID, "questions." EVIDENCE_ID,
    "questions." COMPLETED_ID, "sections.assessment.grade",
    "questions." SMART_ID, "sections.planning.grade",
    "questions." I_SEEN_ID, "sections.intervention.grade",
    "overall_grade", "category", "done_well",
  };

  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < problems->len; i++)
    {
      const CaRuleProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpstr (problem->where, ==, expected[i]);
      g_assert_cmpuint (strlen (problem->message), >, 10);
    }
}

/* A tool without a pen picture or an overall grade does not ask for them, nor a category;
 * what has been done well is still asked for. */
static void
test_submission_simpler_tool (void)
{
  g_autoptr(CaToolDefinition) tool = make_tool ();
  g_autoptr(CaAuditDraft) draft = complete_draft ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) more = NULL;

  tool->pen_picture = FALSE;
  tool->overall_grade = FALSE;
  ca_audit_draft_set_pen_picture (draft, NULL);
  ca_audit_draft_set_overall_grade (draft, CA_GRADE_NONE);
  ca_audit_draft_set_category (draft, CA_CATEGORY_NONE);
  problems = check (tool, draft);
  g_assert_cmpuint (problems->len, ==, 0);

  ca_audit_draft_set_done_well (draft, NULL);
  more = check (tool, draft);
  g_assert_cmpuint (more->len, ==, 1);
  g_assert_cmpstr (((CaRuleProblem *) g_ptr_array_index (more, 0))->where, ==, "done_well");
}

/* A 1 MB paste into a text box is fine, and is judged quickly. */
static void
test_submission_huge_paste (void)
{
  g_autoptr(CaToolDefinition) tool = make_tool ();
  g_autoptr(CaAuditDraft) draft = complete_draft ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *paste = g_malloc (1024 * 1024 + 1);
  gint64 start;

  memset (paste, ' ', 1024 * 1024);
  paste[1024 * 1024] = '\0';
  paste[1024 * 1024 - 1] = 'x';
  ca_audit_draft_set_pen_picture (draft, paste);
  ca_audit_draft_set_done_well (draft, paste);
  ca_audit_draft_set_answer (draft, EVIDENCE_ID, paste, NULL);

  start = g_get_monotonic_time ();
  problems = check (tool, draft);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/audit-rules/draft", test_draft_copies);
  g_test_add_func ("/audit-rules/feedback/methods", test_feedback_methods);
  g_test_add_func ("/audit-rules/answer/valid", test_answer_valid);
  g_test_add_func ("/audit-rules/answer/quotes-briefly", test_answer_quotes_briefly);
  g_test_add_func ("/audit-rules/limiting/combinations", test_limiting_judgements);
  g_test_add_func ("/audit-rules/limiting/none", test_section_without_limiting);
  g_test_add_func ("/audit-rules/limiting/explanation", test_limiting_explanation);
  g_test_add_func ("/audit-rules/overall/combinations", test_overall_grade);
  g_test_add_func ("/audit-rules/overall/none", test_overall_grade_without_one);
  g_test_add_func ("/audit-rules/category/table", test_categories);
  g_test_add_func ("/audit-rules/category/explanations", test_category_explanations);
  g_test_add_func ("/audit-rules/category/hint", test_category_hint);
  g_test_add_func ("/audit-rules/submission/cases", test_submission);
  g_test_add_func ("/audit-rules/submission/empty", test_submission_empty);
  g_test_add_func ("/audit-rules/submission/simpler-tool", test_submission_simpler_tool);
  g_test_add_func ("/audit-rules/submission/huge-paste", test_submission_huge_paste);

  return g_test_run ();
}
