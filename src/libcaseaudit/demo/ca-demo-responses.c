// SPDX-License-Identifier: GPL-3.0-or-later
// What follows a demo audit: actions, the manager's response and moderation.

#define G_LOG_DOMAIN "ca-demo"

#include "config.h"

#include "ca-demo-private.h"

static const struct
{
  const char *description;
  const char *impact;
} action_phrases[] = {
  { "Update the chronology to include all significant events.",
    "The child's history is clear to anyone who reads the file." },
  { "Complete direct work to capture the child's wishes and feelings.",
    "The child's voice shapes the plan." },
  { "Make the plan SMART, with named people and timescales.",
    "Everyone knows what must change for the child and by when." },
  { "Record management oversight and the reasons for decisions.",
    "Decisions are transparent and the child's journey is purposeful." },
  { "Update the assessment to reflect current circumstances.",
    "Support matches the child's current needs." },
  { "Hold a reflective supervision session about this child.",
    "The analysis improves and drift is avoided." },
  { "Invite health and education partners to the next review.",
    "Support is coordinated around the child." },
  { "Complete the life story work started in the period.",
    "The child understands their history." },
  { "Write to the child explaining the plan in words they understand.",
    "The child knows what is happening and why." },
  { "Review the contact arrangements with the family.",
    "Contact is safe and meets the child's needs." },
};

static const struct
{
  const char *description;
  const char *impact;
} safeguarding_actions[] = {
  { "Hold a strategy discussion about the current risks.",
    "Immediate risks are assessed and the child is protected." },
  { "Visit the child within five working days and see them alone.",
    "The child's safety and views are known now." },
  { "Review the safety plan with the family and partners.",
    "Risks to the child are understood and reduced." },
  { "Escalate to the Service Manager for a decision on next steps.",
    "A senior decision prevents further drift for the child." },
};

static const char * const responses[] = {
  "Discussed with the worker in supervision; the actions are on the team tracker.",
  "The worker will complete the direct work this month; progress checked in supervision.",
  "Actions agreed with the worker and recorded on the case; reviewed at the next core group.",
  "Additional time allocated to the worker to bring the record up to date.",
};

static const char * const stretch_targets[] = {
  "Every visit records the child's own words.",
  "The chronology is kept current after every significant event.",
  "Reflective supervision for this child every month.",
  "The plan is rewritten with the family in plain language.",
};

static const char * const decisions[] = {
  "Case to remain open under the current plan; progress reviewed in four weeks.",
  "Step down to Early Help to be considered at the next review.",
  "Plan strengthened after a strategy discussion.",
  "Case to be presented to the legal gateway meeting.",
};

static const char * const moderation_learning[] = {
  "Auditors should test the impact of the plan on the child, not only its completion.",
  "Good evidence of the child's voice; share the direct work as an example.",
  "Grades must follow the limiting judgements.",
  "Management oversight needs to show the reasons for decisions.",
  "The audit's actions were SMART and focused on the child.",
};


static const char * const moderation_further[] = {
  "Share the learning at the next team meeting.",
  "Follow-up audit of this case in three months.",
  "Auditor to attend the next manager audit workshop.",
};

/* Most actions are done around their due date; those not yet due, now and then early. */
static guint32
draw_completion (Generator   *g,
                 const Audit *audit,
                 guint32      due)
{
  gboolean closed = audit->status == CA_AUDIT_STATUS_CLOSED;
  guint32 earliest = audit->submit_day + 1;
  gint64 day;

  if (!closed && !ca_demo_chance (g, ca_demo_has_happened (g, due) ? 0.88 : 0.35))
    return 0;

  if (!closed && !ca_demo_has_happened (g, due))
    return earliest < g->as_of_day
             ? (guint32) ca_demo_between (g, (int) earliest, (int) g->as_of_day - 1)
             : 0;

  day = (gint64) due - ca_demo_between (g, -10, 15);
  day = MAX (day, (gint64) earliest);
  if (ca_demo_has_happened (g, (guint32) day))
    return (guint32) day;
  return closed ? MAX (earliest, g->as_of_day - 1) : 0;
}

/* R-F8: safeguarding actions within 5 working days, others four weeks by default. */
gboolean
ca_demo_write_action (Generator  *g,
                      Audit      *audit,
                      guint       index,
                      GError    **error)
{
  CaBulkAction row = { 0 };
  DayText due_date, done_date, signed_off_date;
  guint32 signed_off;
  gboolean safeguarding = index < audit->n_safeguarding;
  const char *description, *impact;
  guint owner = ca_demo_chance (g, 0.4) ? audit->worker : audit->team_manager;
  guint32 due, done;
  gint64 id;

  if (safeguarding)
    {
      guint phrase = (guint) g_rand_int_range (g->rand, 0, G_N_ELEMENTS (safeguarding_actions));

      description = safeguarding_actions[phrase].description;
      impact = safeguarding_actions[phrase].impact;
      due = ca_demo_add_working_days (g, audit->submit_day, 5);
    }
  else
    {
      guint phrase = (guint) g_rand_int_range (g->rand, 0, G_N_ELEMENTS (action_phrases));

      description = action_phrases[phrase].description;
      impact = action_phrases[phrase].impact;
      due = audit->submit_day +
            7 * (guint32) (ca_demo_chance (g, 0.7) ? 4 : ca_demo_between (g, 2, 8));
    }
  done = draw_completion (g, audit, due);
  audit->last_done_day = MAX (audit->last_done_day, done);
  audit->n_done += done != 0;

  row.audit_id = audit->id;
  row.description = description;
  row.owner_id = g_array_index (g->staff, Staff, owner).id;
  row.due_date = ca_demo_day_text (due, due_date);
  row.impact = impact;
  row.safeguarding = safeguarding;
  row.completed_on = ca_demo_day_text (done, done_date);
  ca_demo_follow_up_action (g, audit, owner, done, &row, &signed_off);
  row.signed_off_on = ca_demo_day_text (signed_off, signed_off_date);
  if (!ca_bulk_store_add_action (g->store, &row, &id, error))
    return FALSE;

  if (!ca_demo_record_change (g, audit->submit_day, audit->submit_secs, "action", id, "created",
                              NULL, description, error))
    return FALSE;
  if (done != 0)
    {
      int secs = ca_demo_office_time (g);
      g_autofree char *by = g_strdup_printf ("%" G_GINT64_FORMAT, row.completed_by);

      /* In the order `action done` writes them. */
      if (!ca_demo_record_change (g, done, secs, "action", id, "completed_on", NULL, done_date,
                                  error) ||
          !ca_demo_record_change (g, done, secs, "action", id, "completed_by", NULL, by,
                                  error) ||
          !ca_demo_record_change (g, done, secs, "action", id, "evidence", NULL, row.evidence,
                                  error))
        return FALSE;
    }
  if (signed_off != 0)
    {
      g_autofree char *by = g_strdup_printf ("%" G_GINT64_FORMAT, row.signed_off_by);
      /* A time of its own, but not from the main generator, whose draws are spoken for. */
      int secs = 9 * 3600 + (int) (id % (8 * 60)) * 60;

      return ca_demo_record_change (g, signed_off, secs, "action", id, "signed_off_on", NULL,
                                    signed_off_date, error) &&
             ca_demo_record_change (g, signed_off, secs, "action", id, "signed_off_by", NULL,
                                    by, error);
    }
  return TRUE;
}

/* R-F9: the team manager's response, due 5 working days after submission. */
gboolean
ca_demo_write_manager_response (Generator  *g,
                                Audit      *audit,
                                GError    **error)
{
  CaBulkManagerResponse row = { 0 };
  DayText due_date, responded_on;
  guint32 due = ca_demo_add_working_days (g, audit->submit_day, 5);
  guint32 responded = audit->submit_day +
                      (guint32) ca_demo_between (g, 0, (int) (due - audit->submit_day));

  if (ca_demo_chance (g, 0.12))
    responded = due + (guint32) ca_demo_between (g, 1, 10);
  if (ca_demo_chance (g, 0.03) || !ca_demo_has_happened (g, responded))
    responded = 0;

  row.audit_id = audit->id;
  row.manager_id = g_array_index (g->staff, Staff, audit->team_manager).id;
  /* One draw after the other, in this order, so the same seed gives the same texts. */
  row.response = responded ? PICK (g, responses) : NULL;
  row.stretch_target = responded ? PICK (g, stretch_targets) : NULL;
  row.decision = responded ? PICK (g, decisions) : NULL;
  row.due_date = ca_demo_day_text (due, due_date);
  row.responded_on = ca_demo_day_text (responded, responded_on);
  return ca_bulk_store_add_manager_response (g->store, &row, error);
}

static gboolean
write_moderation_sections (Generator  *g,
                           Audit      *audit,
                           gint64      moderation_id,
                           GError    **error)
{
  const CaToolDefinition *def = ca_demo_definition_of (g, audit);

  for (guint i = 0; i < def->sections->len; i++)
    {
      const CaToolSection *section = g_ptr_array_index (def->sections, i);
      CaGrade grade = ca_demo_section_grade_of (audit, section, i);
      CaGrade moderated;
      const char *why;

      if (grade == CA_GRADE_NONE)
        continue;
      moderated = ca_demo_vary_grade (g, grade, 0.1, 0.05);
      /* Where the moderator differs, the form asks why (R-H3). */
      why = moderated == grade ? NULL
            : moderated > grade ? "Less evidence in the record than the audit found."
                                : "More evidence in the record than the audit found.";
      if (!ca_bulk_store_add_moderation_section (g->store, moderation_id, section->id,
                                                 ca_grade_to_string (moderated), why, error))
        return FALSE;
    }
  return TRUE;
}

/* R-H3: moderators agree about four times in five, and differ mostly downwards. */
static CaGrade
moderate_grade (Generator *g,
                CaGrade    grade)
{
  if (ca_demo_chance (g, 0.8))
    return grade;
  if (grade == CA_GRADE_INADEQUATE)
    return grade - 1;
  if (grade == CA_GRADE_OUTSTANDING || ca_demo_chance (g, 0.6))
    return grade + 1;
  return grade - 1;
}

static guint
pick_moderator (Generator *g,
                Audit     *audit)
{
  int month = MIN (ca_demo_month_index_of_day (g, audit->submit_day), g->n_months - 1);

  for (;;)
    {
      guint moderator = ca_demo_holder_at (g, ca_demo_pick_index (g, g->cpp_posts), month);

      if (moderator != audit->auditor)
        return moderator;
    }
}

/* Who took part in the reflective discussion (seed 02), as the form keeps them: staff ids.
 * The moderator always; with the worker, or the worker and their team manager, or alone. */
static char *
draw_participants (Generator   *g,
                   const Audit *audit,
                   gint64       moderator_id)
{
  gint64 worker = g_array_index (g->staff, Staff, audit->worker).id;
  gint64 manager = g_array_index (g->staff, Staff, audit->team_manager).id;

  switch (g_rand_int_range (g->rand, 0, 3))
    {
    case 0:
      return g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, moderator_id, worker);
    case 1:
      return g_strdup_printf ("%" G_GINT64_FORMAT, moderator_id);
    default:
      return g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                              moderator_id, manager, worker);
    }
}

/* R-H1, R-H3: the moderator's view, recorded once the moderation has happened. */
gboolean
ca_demo_write_moderation (Generator  *g,
                          Audit      *audit,
                          GError    **error)
{
  CaBulkModeration row = { 0 };
  DayText due_date, moderated_on;
  guint moderator = pick_moderator (g, audit);
  guint32 due = ca_demo_add_working_days (g, audit->submit_day, 10);
  guint32 moderated = ca_demo_add_working_days (g, audit->submit_day, ca_demo_between (g, 2, 14));
  CaGrade grade = moderate_grade (g, audit->grade);
  gboolean done = ca_demo_has_happened (g, moderated);
  g_autofree char *participants = NULL;
  gint64 id;

  row.audit_id = audit->id;
  row.moderator_id = g_array_index (g->staff, Staff, moderator).id;
  row.due_date = ca_demo_day_text (due, due_date);
  row.moderated_on = ca_demo_day_text (done ? moderated : 0, moderated_on);
  row.overall_grade = done ? ca_grade_to_string (grade) : NULL;
  row.differences = done && grade != audit->grade
                      ? (grade > audit->grade
                           ? "The moderator found less evidence of impact for "
                             "the child than the audit recorded."
                           : "The moderator found more evidence of impact for "
                             "the child than the audit recorded.")
                      : NULL;
  row.discussion_date = row.moderated_on;
  /* One draw after the other, in this order, so the same seed gives the same texts. */
  if (done)
    participants = draw_participants (g, audit, row.moderator_id);
  row.participants = participants;
  row.further_actions = done && ca_demo_chance (g, 0.3) ? PICK (g, moderation_further) : NULL;
  row.learning = done ? PICK (g, moderation_learning) : NULL;
  row.made_difference = done ? ca_demo_chance (g, 0.7) : -1;
  /* Made a difference, partly where further actions are still asked for; or not yet. */
  row.difference = !done ? NULL
                   : row.made_difference == 0 ? "not-yet"
                   : row.further_actions != NULL ? "partly" : "yes";
  if (!ca_bulk_store_add_moderation (g->store, &row, &id, error))
    return FALSE;
  if (!ca_demo_record_change (g, audit->submit_day, audit->submit_secs, "moderation", id, "created",
                              NULL, NULL, error))
    return FALSE;
  if (!done)
    return TRUE;
  if (audit->tool == TOOL_STAGE_1 && !write_moderation_sections (g, audit, id, error))
    return FALSE;
  return ca_demo_record_change (g, moderated, ca_demo_office_time (g), "moderation", id,
                                "overall_grade", NULL, ca_grade_to_string (grade), error);
}
