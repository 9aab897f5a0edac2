// SPDX-License-Identifier: GPL-3.0-or-later
// The demo council's audits: grades, answers, section grades, drafts and their history.

#define G_LOG_DOMAIN "ca-demo"

#include "config.h"

#include "ca-demo-private.h"

/* How likely a Yes is in a section of each grade (CaGrade order, the first for none): an
 * Outstanding section meets nearly everything, an Inadequate one well under half. */
static const double yes_by_grade[] = { 0.9, 0.98, 0.9, 0.7, 0.45 };

/* NA where a tool allows it, said as an auditor would, about no child in particular. */
static const char * const na_reasons[] = {
  "Did not arise in the period reviewed.",
  "Not relevant to the child's circumstances in the period reviewed.",
  "Nothing of this kind happened in the period reviewed.",
};

/* Seed 02: a child need not be seen alone when under five or profoundly disabled; the
 * questions whose NA needs a reason are those. */
#define NA_UNDER_FIVE  "The child is under five."
#define NA_DISABILITY  "The child has a profound disability."

/* For free-text questions, which a council's own version of a tool may have: generic, so
 * that nobody is named. */
static const char * const text_answers[] = {
  "Evidenced on the child's record in the period reviewed.",
  "Partly evidenced; the case notes do not always show the reasons.",
  "Discussed with the allocated worker during the audit.",
  "Recorded in the latest assessment and plan.",
  "Some evidence in supervision records; the plan does not yet reflect it.",
};

static const char * const done_well_phrases[] = {
  "The child's wishes and feelings are recorded in their own words.",
  "Visits are regular and within timescales.",
  "The assessment is thorough and analytical.",
  "Direct work with the child is creative and well recorded.",
  "The plan is SMART and reviewed regularly.",
  "Management oversight is clear, with the reasons for decisions.",
  "Partners attend meetings and share information well.",
  "Supervision records reflect on the child's lived experience.",
  "The chronology is up to date.",
  "The worker knows the child well and advocates for them.",
};

static const char * const audit_comments[] = {
  "The audit was completed jointly with the allocated worker, who agreed the actions.",
  "The worker reflected well on the child's journey during the audit.",
  "Records were easy to follow; case notes are timely.",
  "Some documents were saved in the wrong place on the record.",
};

/* The stored codes the form offers (R-F11): a telephone call, a home visit, a questionnaire. */
static const char * const feedback_methods[] = {
  CA_FEEDBACK_METHOD_TELEPHONE, CA_FEEDBACK_METHOD_FACE_TO_FACE, CA_FEEDBACK_METHOD_WRITTEN,
};

static const char * const feedback_summaries[] = {
  "The parent said the worker listens and explains decisions.",
  "The young person would like to see their worker more often.",
  "The family felt the plan was clear and the support helpful.",
  "The child said they feel safe at home now.",
};

/* Grades, categories and texts (R-F2–R-F4) */

/* About 5/45/35/15 overall, better in some areas than others and improving with time. */
static CaGrade
draw_grade (Generator *g,
            int        month,
            int        area)
{
  double t = g->n_months > 1 ? (double) month / (g->n_months - 1) : 1.0;
  double span = TREND_POINTS * MIN (g->options->years, 10) / 10.0;
  double shift = (t - 0.5) * span + g->area_quality[area];
  double weights[] = {
    MAX (0.5, 5 + 0.2 * shift),
    MAX (0.5, 45 + 0.8 * shift),
    MAX (0.5, 35 - 0.6 * shift),
    MAX (0.5, 15 - 0.4 * shift),
  };

  return (CaGrade) (CA_GRADE_OUTSTANDING +
                    ca_demo_pick_weighted (g, weights, G_N_ELEMENTS (weights)));
}

CaGrade
ca_demo_vary_grade (Generator *g,
                    CaGrade    grade,
                    double     p_worse,
                    double     p_better)
{
  double x = g_rand_double (g->rand);

  if (x < p_worse && grade < CA_GRADE_INADEQUATE)
    return grade + 1;
  if (x >= p_worse && x < p_worse + p_better && grade > CA_GRADE_OUTSTANDING)
    return grade - 1;
  return grade;
}

/* R-F4: Inadequate is category 1 or 2, Requires Improvement 3, better grades 3 with actions. */
static void
draw_category (Generator *g,
               Audit     *audit)
{
  switch (audit->grade)
    {
    case CA_GRADE_INADEQUATE:
      audit->category = ca_demo_chance (g, 0.1) ? 1 : 2;
      audit->n_actions = (guint) ca_demo_between (g, 3, 9);
      audit->n_safeguarding = audit->category == 1 ? 2 : ca_demo_chance (g, 0.5) ? 1 : 0;
      break;
    case CA_GRADE_REQUIRES_IMPROVEMENT:
      audit->category = 3;
      audit->n_actions = (guint) ca_demo_between (g, 1, 7);
      break;
    case CA_GRADE_GOOD:
      audit->n_actions = ca_demo_chance (g, 0.5) ? (guint) ca_demo_between (g, 1, 3) : 0;
      audit->category = audit->n_actions > 0 ? 3 : 4;
      break;
    case CA_GRADE_OUTSTANDING:
      audit->n_actions = ca_demo_chance (g, 0.2) ? (guint) ca_demo_between (g, 1, 2) : 0;
      audit->category = audit->n_actions > 0 ? 3 : 4;
      break;
    case CA_GRADE_NONE:
    default:
      g_assert_not_reached ();
    }
}

static char *
compose_done_well (Generator *g)
{
  guint first = (guint) g_rand_int_range (g->rand, 0, G_N_ELEMENTS (done_well_phrases));
  guint second = (first + (guint) ca_demo_between (g, 1, G_N_ELEMENTS (done_well_phrases) - 1))
                 % G_N_ELEMENTS (done_well_phrases);

  return g_strjoin (" ", done_well_phrases[first], done_well_phrases[second], NULL);
}

/* Writing one audit and everything that hangs off it */

void
ca_demo_schedule_audit (Generator *g,
                        Audit     *audit,
                        gboolean   current_month)
{
  audit->audit_day = ca_demo_add_working_days (g, audit->allocation_day,
                                               ca_demo_between (g, 2, 14));
  if (ca_demo_chance (g, 0.12))
    audit->audit_day = ca_demo_add_working_days (g, audit->audit_day, ca_demo_between (g, 5, 12));
  audit->submit_day = ca_demo_add_working_days (g, audit->audit_day, ca_demo_between (g, 0, 2));
  audit->submit_secs = ca_demo_office_time (g);

  /* Returns from earlier months are all in by now, however late. */
  if (!current_month && !ca_demo_has_happened (g, audit->submit_day))
    {
      audit->submit_day = g->as_of_day - 1;
      audit->audit_day = MIN (audit->audit_day, audit->submit_day);
    }

  if (ca_demo_has_happened (g, audit->submit_day))
    audit->status = CA_AUDIT_STATUS_SUBMITTED;
  else if (ca_demo_has_happened (g, audit->audit_day))
    audit->status = CA_AUDIT_STATUS_IN_PROGRESS;
  else
    audit->status = CA_AUDIT_STATUS_ALLOCATED;
}

/* R-F8: category 1 in 48 hours, 2 in 10 working days, 3 in 20; checked mostly on time. */
static void
schedule_review (Generator *g,
                 Audit     *audit)
{
  if (audit->category == 4)
    return;

  audit->review_secs = audit->submit_secs;
  if (audit->category == 1)
    audit->review_day = audit->submit_day + 2;
  else
    audit->review_day = ca_demo_add_working_days (g, audit->submit_day,
                                                  audit->category == 2 ? 10 : 20);

  audit->checked_day = audit->submit_day +
                       (guint32) ca_demo_between (g, 1, (int) (audit->review_day -
                                                               audit->submit_day));
  audit->checked_secs = ca_demo_office_time (g);
  if (audit->checked_day == audit->review_day)
    audit->checked_secs = MIN (audit->checked_secs, audit->review_secs);
  if (ca_demo_chance (g, 0.12))
    audit->checked_day = audit->review_day + (guint32) ca_demo_between (g, 1, 10);
  if (!ca_demo_has_happened (g, audit->checked_day))
    audit->checked_day = 0;
}

static void
grade_audit (Generator *g,
             Audit     *audit)
{
  Team *team = &g_array_index (g->teams, Team, audit->file->team);

  audit->grade = draw_grade (g, audit->month, team->area);
  draw_category (g, audit);
  schedule_review (g, audit);

  /* Closed: long finished, its recommendations checked (R-I1). */
  if (audit->checked_day != 0 && audit->submit_day + 90 < g->as_of_day && ca_demo_chance (g, 0.06))
    audit->status = CA_AUDIT_STATUS_CLOSED;
  if (audit->category == 4 && audit->submit_day + 90 < g->as_of_day && ca_demo_chance (g, 0.06))
    audit->status = CA_AUDIT_STATUS_CLOSED;
}

static gboolean
write_audit_row (Generator  *g,
                 Audit      *audit,
                 GError    **error)
{
  CaBulkAudit row = { 0 };
  DayText allocated_on, due_date, audit_date, period_start_date, period_end, feedback_date;
  StampText submitted_at, review_due_at, checked_at;
  gboolean submitted = audit->status >= CA_AUDIT_STATUS_SUBMITTED;
  gboolean started = audit->status >= CA_AUDIT_STATUS_IN_PROGRESS;
  guint32 feedback_day = submitted ? audit->submit_day + (guint32) ca_demo_between (g, 1, 10) : 0;
  gboolean feedback = ca_demo_has_happened (g, feedback_day) && audit->tool == TOOL_STAGE_1 &&
                      ca_demo_chance (g, 0.1);
  g_autofree char *pen_picture = started ? ca_demo_compose_pen_picture (g, audit) : NULL;
  g_autofree char *done_well = submitted ? compose_done_well (g) : NULL;
  const char *comments = submitted && ca_demo_chance (g, 0.3) ? PICK (g, audit_comments) : NULL;
  int period_year, period_month, period_day;
  guint32 period_start = 0;

  if (started)
    {
      ca_demo_split_day (audit->audit_day, &period_year, &period_month, &period_day);
      period_month -= 6;
      if (period_month < 1)
        {
          period_month += 12;
          period_year--;
        }
      period_day = MIN (period_day, g_date_get_days_in_month (period_month, period_year));
      period_start = ca_demo_make_day (period_year, period_month, period_day);
    }
  audit->period_start_day = period_start;

  row.case_id = audit->file->id;
  row.tool_version_id = ca_demo_tool_version_of (g, audit);
  row.auditor_id = g_array_index (g->staff, Staff, audit->auditor).id;
  row.joint_practitioner_id = audit->joint ? g_array_index (g->staff, Staff, audit->worker).id
                                           : 0;
  row.programme_entry_id = g->programme[audit->month].entry_ids[audit->tool == TOOL_DIP_SAMPLE];
  row.status = ca_audit_status_to_string (audit->status);
  row.allocated_on = ca_demo_day_text (audit->allocation_day, allocated_on);
  row.due_date = ca_demo_day_text (audit->due_day, due_date);
  row.audit_date = ca_demo_day_text (started ? audit->audit_day : 0, audit_date);
  row.period_start = ca_demo_day_text (period_start, period_start_date);
  row.period_end = ca_demo_day_text (started ? audit->audit_day : 0, period_end);
  row.pen_picture = pen_picture;
  row.overall_grade = submitted ? ca_grade_to_string (audit->grade) : NULL;
  row.category = submitted ? audit->category : 0;
  row.done_well = done_well;
  row.comments = comments;
  row.submitted_at = ca_demo_stamp_text (submitted ? audit->submit_day : 0, audit->submit_secs,
                                         submitted_at);
  row.review_due_at = ca_demo_stamp_text (submitted ? audit->review_day : 0, audit->review_secs,
                                          review_due_at);
  row.recommendations_checked_at = ca_demo_stamp_text (submitted ? audit->checked_day : 0,
                                                       audit->checked_secs, checked_at);
  /* Who checked them draws from the tracker's own generator, not from the one below. */
  ca_demo_choose_checker (g, audit);
  if (submitted && audit->checked_day != 0)
    {
      row.recommendations_checked_by = g_array_index (g->staff, Staff, audit->checker).id;
      row.recommendations_checked_note = audit->checked_note;
    }
  /* One draw after the other, in this order, so the same seed gives the same texts. */
  row.feedback_method = feedback ? PICK (g, feedback_methods) : NULL;
  row.feedback_date = ca_demo_day_text (feedback ? feedback_day : 0, feedback_date);
  row.feedback_summary = feedback ? PICK (g, feedback_summaries) : NULL;

  return ca_bulk_store_add_audit (g->store, &row, &audit->id, error);
}

/* The grade a section's answers follow: its own, or for a section the tool does not grade,
 * the audit's. */
CaGrade
ca_demo_section_grade_of (const Audit         *audit,
                          const CaToolSection *section,
                          guint                index)
{
  if (!section->graded || section->id == NULL)
    return CA_GRADE_NONE;
  return index < MAX_SECTIONS ? audit->section_grades[index] : audit->grade;
}

/* Section grades scatter around the overall grade, and one of them always equals it. One
 * step either way keeps an overall Good or Outstanding free of Inadequate sections, which
 * R-F3 would not allow. */
static void
grade_sections (Generator              *g,
                Audit                  *audit,
                const CaToolDefinition *def)
{
  guint n_graded = 0, anchor, k = 0;

  for (guint i = 0; i < MIN (def->sections->len, MAX_SECTIONS); i++)
    {
      const CaToolSection *section = g_ptr_array_index (def->sections, i);

      n_graded += section->graded && section->id != NULL;
    }
  anchor = n_graded > 0 ? (guint) g_rand_int_range (g->rand, 0, (gint32) n_graded) : 0;

  for (guint i = 0; i < MIN (def->sections->len, MAX_SECTIONS); i++)
    {
      const CaToolSection *section = g_ptr_array_index (def->sections, i);

      if (!section->graded || section->id == NULL)
        audit->section_grades[i] = CA_GRADE_NONE;
      else
        audit->section_grades[i] = k++ == anchor ? audit->grade
                                                 : ca_demo_vary_grade (g, audit->grade, 0.2, 0.2);
    }
}

/* A limiting judgement must be met where the section, or the audit as a whole, is Good or
 * better (R-F3). */
static gboolean
must_be_met (const CaToolQuestion *question,
             CaGrade               judged,
             CaGrade               overall)
{
  return question->limiting && (judged <= CA_GRADE_GOOD || overall <= CA_GRADE_GOOD);
}

/* A section found to Require Improvement or worse has at least one thing answered No: which
 * one, among those a plain No may answer, as an index into its questions (-1: none). */
static int
pick_forced_no (Generator           *g,
                const CaToolSection *section,
                CaGrade              judged,
                CaGrade              overall)
{
  guint n = 0, k;

  if (judged < CA_GRADE_REQUIRES_IMPROVEMENT)
    return -1;
  for (guint j = 0; j < section->questions->len; j++)
    {
      const CaToolQuestion *q = g_ptr_array_index (section->questions, j);

      n += q->id != NULL && q->type == CA_ANSWER_YES_NO_NA && !q->na_needs_reason &&
           !must_be_met (q, judged, overall);
    }
  if (n == 0)
    return -1;

  k = (guint) g_rand_int_range (g->rand, 0, (gint32) n);
  for (guint j = 0; j < section->questions->len; j++)
    {
      const CaToolQuestion *q = g_ptr_array_index (section->questions, j);

      if (q->id != NULL && q->type == CA_ANSWER_YES_NO_NA && !q->na_needs_reason &&
          !must_be_met (q, judged, overall) && k-- == 0)
        return (int) j;
    }
  return -1;
}

/* One answer as an auditor would give it, by the question's type. NA only where the tool
 * allows it, always with the reason; the reason NA needs is the child's age or disability. */
static const char *
choose_answer (Generator            *g,
               const Audit          *audit,
               const CaToolQuestion *question,
               CaGrade               judged,
               gboolean              forced_no,
               DayText               day,
               const char          **reason)
{
  *reason = NULL;
  if (question->na_allowed && question->na_needs_reason)
    {
      if (ca_demo_age_at (audit->file, audit->audit_day) < 5)
        *reason = NA_UNDER_FIVE;
      else if (audit->file->disability && ca_demo_chance (g, 0.3))
        *reason = NA_DISABILITY;
    }
  else if (question->na_allowed && question->type != CA_ANSWER_TEXT && !forced_no &&
           ca_demo_chance (g, 0.15))
    *reason = PICK (g, na_reasons);
  if (*reason != NULL)
    return CA_ANSWER_VALUE_NA;

  switch (question->type)
    {
    case CA_ANSWER_GRADE:
      return ca_grade_to_string (ca_demo_vary_grade (g, judged, 0.15, 0.15));
    case CA_ANSWER_DATE:
      ca_demo_format_day (audit->period_start_day != 0 &&
                          audit->period_start_day < audit->audit_day
                            ? audit->period_start_day +
                              (guint32) ca_demo_between (g, 0, (int) (audit->audit_day -
                                                                      audit->period_start_day))
                            : audit->audit_day,
                          day);
      return day;
    case CA_ANSWER_TEXT:
      return PICK (g, text_answers);
    case CA_ANSWER_YES_NO_NA:
    default:
      if (forced_no)
        return CA_ANSWER_VALUE_NO;
      if (must_be_met (question, judged, audit->grade))
        return CA_ANSWER_VALUE_YES;
      return ca_demo_chance (g, yes_by_grade[judged]) ? CA_ANSWER_VALUE_YES : CA_ANSWER_VALUE_NO;
    }
}

/* The answers to the questions of the audit's tool version in the order of the form, the
 * first N_ANSWERS of them (an audit in progress stops part-way), agreeing with the section
 * grades (R-F3): limiting judgements met wherever Good or Outstanding needs them, something
 * answered No in a section that Requires Improvement or worse. */
static gboolean
write_answers (Generator               *g,
               Audit                   *audit,
               const CaToolDefinition  *def,
               guint                    n_answers,
               GError                 **error)
{
  guint written = 0;

  for (guint i = 0; i < def->sections->len && written < n_answers; i++)
    {
      const CaToolSection *section = g_ptr_array_index (def->sections, i);
      CaGrade grade = ca_demo_section_grade_of (audit, section, i);
      CaGrade judged = grade != CA_GRADE_NONE ? grade : audit->grade;
      int forced_no = pick_forced_no (g, section, judged, audit->grade);

      for (guint j = 0; j < section->questions->len && written < n_answers; j++)
        {
          const CaToolQuestion *question = g_ptr_array_index (section->questions, j);
          const char *reason, *answer;
          DayText day;

          if (question->id == NULL)
            continue;
          answer = choose_answer (g, audit, question, judged, (int) j == forced_no, day,
                                  &reason);

          if (!ca_bulk_store_add_audit_answer (g->store, audit->id, question->id, answer, reason,
                                               error))
            return FALSE;
          written++;
        }
    }
  return TRUE;
}

/* The grades of the graded sections whose questions are all among the first N_ANSWERS. */
static gboolean
write_sections (Generator               *g,
                Audit                   *audit,
                const CaToolDefinition  *def,
                guint                    n_answers,
                GError                 **error)
{
  guint seen = 0;

  for (guint i = 0; i < def->sections->len; i++)
    {
      const CaToolSection *section = g_ptr_array_index (def->sections, i);
      CaGrade grade = ca_demo_section_grade_of (audit, section, i);

      for (guint j = 0; j < section->questions->len; j++)
        seen += ((const CaToolQuestion *) g_ptr_array_index (section->questions, j))->id != NULL;
      if (seen > n_answers)
        break;
      if (grade == CA_GRADE_NONE)
        continue;

      if (!ca_bulk_store_add_audit_section (g->store, audit->id, section->id,
                                            ca_grade_to_string (grade), error))
        return FALSE;
    }
  return TRUE;
}

static guint
count_questions (const CaToolDefinition *def)
{
  guint n = 0;

  for (guint i = 0; i < def->sections->len; i++)
    {
      const CaToolSection *section = g_ptr_array_index (def->sections, i);

      for (guint j = 0; j < section->questions->len; j++)
        n += ((const CaToolQuestion *) g_ptr_array_index (section->questions, j))->id != NULL;
    }
  return n;
}

/* An audit in progress is saved part-way through the form: some questions answered, the
 * sections finished so far graded, following what the auditor is finding. */
static gboolean
write_draft (Generator  *g,
             Audit      *audit,
             GError    **error)
{
  const CaToolDefinition *def = ca_demo_definition_of (g, audit);
  Team *team = &g_array_index (g->teams, Team, audit->file->team);
  guint total = count_questions (def);
  guint n_answers = total > 1 ? (guint) ca_demo_between (g, 1, (int) total - 1) : total;

  audit->grade = draw_grade (g, audit->month, team->area);
  grade_sections (g, audit, def);
  return write_answers (g, audit, def, n_answers, error) &&
         write_sections (g, audit, def, n_answers, error);
}

/* R-M3: the audit's life as the history would have recorded it. */
static gboolean
write_audit_history (Generator  *g,
                     Audit      *audit,
                     guint32     closed_day,
                     GError    **error)
{
  static const char * const steps[] = { "allocated", "in-progress", "submitted", "closed" };
  guint32 days[] = { audit->allocation_day, audit->audit_day, audit->submit_day, closed_day };
  int secs[] = { 8 * 3600 + ca_demo_between (g, 0, 3600), ca_demo_office_time (g),
                 audit->submit_secs, ca_demo_office_time (g) };

  if (!ca_demo_record_change (g, days[0], secs[0], "audit", audit->id, "created", NULL,
                              steps[0], error))
    return FALSE;
  for (guint i = 1; i <= (guint) audit->status; i++)
    if (!ca_demo_record_change (g, days[i], secs[i], "audit", audit->id, "status",
                                steps[i - 1], steps[i], error))
      return FALSE;
  return TRUE;
}

static gboolean
write_submission (Generator  *g,
                  Audit      *audit,
                  guint32    *closed_day,
                  GError    **error)
{
  const CaToolDefinition *def = ca_demo_definition_of (g, audit);

  grade_sections (g, audit, def);
  if (!write_answers (g, audit, def, G_MAXUINT, error) ||
      !write_sections (g, audit, def, G_MAXUINT, error))
    return FALSE;

  for (guint i = 0; i < audit->n_actions; i++)
    if (!ca_demo_write_action (g, audit, i, error))
      return FALSE;

  if (audit->n_actions > 0 && ca_demo_chance (g, 0.92) &&
      !ca_demo_write_manager_response (g, audit, error))
    return FALSE;

  if ((audit->grade == CA_GRADE_INADEQUATE || ca_demo_chance (g, OTHERS_MODERATED)) &&
      !ca_demo_write_moderation (g, audit, error))
    return FALSE;

  *closed_day = MAX (MAX (audit->checked_day, audit->last_done_day), audit->submit_day) +
                (guint32) ca_demo_between (g, 1, 20);
  if (*closed_day >= g->as_of_day)
    *closed_day = g->as_of_day - 1;
  return TRUE;
}

gboolean
ca_demo_write_audit (Generator  *g,
                     Audit      *audit,
                     GError    **error)
{
  guint32 closed_day = 0;
  int month = MIN (ca_demo_month_index_of_day (g, audit->submit_day), g->n_months - 1);
  Team *team = &g_array_index (g->teams, Team, audit->file->team);

  audit->worker = ca_demo_holder_at (g, audit->file->worker_post, audit->month);
  audit->team_manager = ca_demo_holder_at (g, (guint) team->manager_post, month);
  /* Seed 04: audits are done jointly with the allocated practitioner; dip samples are not. */
  audit->joint = audit->tool != TOOL_DIP_SAMPLE && ca_demo_chance (g, 0.75);

  if (audit->status >= CA_AUDIT_STATUS_SUBMITTED)
    grade_audit (g, audit);
  if (!write_audit_row (g, audit, error))
    return FALSE;
  if (audit->status >= CA_AUDIT_STATUS_SUBMITTED &&
      !write_submission (g, audit, &closed_day, error))
    return FALSE;
  if (audit->status == CA_AUDIT_STATUS_IN_PROGRESS && !write_draft (g, audit, error))
    return FALSE;
  return write_audit_history (g, audit, closed_day, error) &&
         ca_demo_write_tracking (g, audit, error);
}
