// SPDX-License-Identifier: GPL-3.0-or-later
// The demo council's tracker (R-I1, R-I2): who checked an audit's recommendations, the
// escalation of those not checked in time, and the Head of Service's sign-off.

#define G_LOG_DOMAIN "ca-demo"

#include "config.h"

#include "ca-demo-private.h"
#include "core/ca-escalation.h"
#include "core/ca-line-managers.h"

/* The draws here come from a generator of their own, seeded from the options' seed mixed
 * with this, so that the rest of the data is what it was before the tracker was generated. */
#define TRACKING_SEED_MIX 0x7ac4e5edu

/* And the actions' evidence and sign-off from a third, so that adding them changed neither. */
#define ACTIONS_SEED_MIX 0x5e1d0ff5u

/* Of the actions done, those the worker's line manager has signed off (seed 02: "signed off
 * by the line manager of the social worker"), so many working days after. */
#define ACTION_SIGNED_OFF     0.85
#define ACTION_SIGN_OFF_MIN   1
#define ACTION_SIGN_OFF_MAX   10

/* Of the Inadequate audits checked with every action done, those the Head of Service signs
 * off (when the day has come); the others wait for their meeting. */
#define SIGNED_OFF 0.8

/* Recommendations are mostly checked by the team manager; after an escalation the Head of
 * Service often checks them in person. */
#define CHECKED_BY_HEAD           0.1
#define CHECKED_BY_HEAD_ESCALATED 0.6

/* A sign-off comes this many working days after the check or the last action done. */
#define SIGN_OFF_AFTER_MIN 2
#define SIGN_OFF_AFTER_MAX 15

static const char * const check_notes[] = {
  "Recommendations discussed with the worker in supervision; the actions are on the team "
  "tracker.",
  "The plan has been updated to reflect the audit's recommendations.",
  "Checked against the child's record: the actions are under way.",
  "Agreed with the worker and the practice manager; progress reviewed at the next supervision.",
};

static const char * const late_check_notes[] = {
  "Checked after escalation: the team manager will report progress weekly.",
  "Reviewed with the team manager after escalation; the plan is now up to date.",
  "Checked after escalation; capacity in the team has been discussed with the service manager.",
};

static const char * const evidence_notes[] = {
  "Recorded on the child's file: case note of the visit and the updated plan.",
  "Minutes of the review meeting uploaded to the record.",
  "Discussed in supervision; the supervision record shows the agreed next steps.",
  "The assessment has been updated and shared with the family.",
  "Chronology brought up to date and checked by the practice manager.",
  "Child seen alone; their views are recorded in the plan.",
};

static const char * const signoff_notes[] = {
  "Every action done and evidenced on the record; the improvement is sustained.",
  "Reviewed at the tracker meeting: the plan is now working for the child.",
  "Actions complete; learning shared with the team.",
  "Signed off after a dip into the record with the team manager.",
};

/* Draws from the tracker's own generator */

static GRand *
tracking_rand (Generator *g)
{
  if (g->tracking_rand == NULL)
    g->tracking_rand = g_rand_new_with_seed (g->options->seed ^ TRACKING_SEED_MIX);
  return g->tracking_rand;
}

static gboolean
chance (Generator *g,
        double     p)
{
  return g_rand_double (tracking_rand (g)) < p;
}

/* Inclusive at both ends. */
static int
between (Generator *g,
         int        low,
         int        high)
{
  return g_rand_int_range (tracking_rand (g), low, high + 1);
}

#define PICK_NOTE(g, array) ((array)[between ((g), 0, (int) G_N_ELEMENTS (array) - 1)])

static GRand *
actions_rand (Generator *g)
{
  if (g->actions_rand == NULL)
    g->actions_rand = g_rand_new_with_seed (g->options->seed ^ ACTIONS_SEED_MIX);
  return g->actions_rand;
}

/* Who was where, month by month */

static int
month_of_day (Generator *g,
              guint32    day)
{
  return CLAMP (ca_demo_month_index_of_day (g, day), 0, g->n_months - 1);
}

/* The line management in MONTH as ca_line_managers_new() keeps it, by staff number (the
 * index into Generator.staff plus one, as in the staff ID; 0 is no one): the holder of each
 * post then, and the holder then of the post above it. */
static GHashTable *
line_managers_in (Generator *g,
                  int        month)
{
  if (g->line_managers == NULL)
    g->line_managers = g_new0 (GHashTable *, g->n_months);
  if (g->line_managers[month] == NULL)
    {
      GHashTable *line_managers = ca_line_managers_new ();

      for (guint p = 0; p < g->posts->len; p++)
        {
          const Post *post = &g_array_index (g->posts, Post, p);

          if (post->manager >= 0)
            ca_line_managers_add (line_managers, ca_demo_holder_at (g, p, month) + 1,
                                  ca_demo_holder_at (g, (guint) post->manager, month) + 1);
        }
      g->line_managers[month] = line_managers;
    }
  return g->line_managers[month];
}

/* Everyone who holds or held a Head of Service's post, by staff number. */
static GHashTable *
heads_of_service (Generator *g)
{
  if (g->heads == NULL)
    {
      g->heads = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < g->staff->len; i++)
        {
          const Staff *staff = &g_array_index (g->staff, Staff, i);
          gint64 number = (gint64) i + 1;

          if (g_str_equal (g_array_index (g->posts, Post, staff->post).role, "head-of-service"))
            g_hash_table_add (g->heads, g_memdup2 (&number, sizeof number));
        }
    }
  return g->heads;
}

/* The Head of Service above the case on DAY, as the escalate command finds them: up from
 * its worker, or from its team's manager when that reaches none. An index into
 * Generator.staff, or -1 for none. */
static int
head_above (Generator  *g,
            const Case *file,
            guint32     day)
{
  int month = month_of_day (g, day);
  GHashTable *line_managers = line_managers_in (g, month);
  GHashTable *heads = heads_of_service (g);
  const Team *team = &g_array_index (g->teams, Team, file->team);
  gint64 head = ca_escalation_head_of_service (line_managers, heads,
                                               ca_demo_holder_at (g, file->worker_post, month)
                                               + 1);

  if (head == 0 && team->manager_post >= 0)
    head = ca_escalation_head_of_service (line_managers, heads,
                                          ca_demo_holder_at (g, (guint) team->manager_post,
                                                             month) + 1);
  return (int) head - 1;
}

/* Moments, as the stores keep them (UTC) */

static GDateTime *
moment_of (guint32 day,
           int     secs)
{
  StampText text;

  ca_demo_format_stamp (day, secs, text);
  return g_date_time_new_from_iso8601 (text, NULL);
}

static void
split_moment (GDateTime *moment,
              guint32   *day,
              int       *secs)
{
  int year, month, day_of_month;

  g_date_time_get_ymd (moment, &year, &month, &day_of_month);
  *day = ca_demo_make_day (year, month, day_of_month);
  *secs = g_date_time_get_hour (moment) * 3600 + g_date_time_get_minute (moment) * 60 +
          g_date_time_get_second (moment);
}

/* R-I1: whether the audit went to the Head of Service, judged by the escalate command's
 * rule as if it had run a minute after the deadline: not checked by then. The deadline is
 * the one the audit keeps; only what has happened by the data's "today" counts. DEADLINE and
 * WHEN (both nullable) get the deadline and the moment of the escalation. */
static gboolean
find_escalation (Generator    *g,
                 const Audit  *audit,
                 GDateTime   **deadline,
                 GDateTime   **when)
{
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GDateTime) moment = NULL;
  g_autoptr(GDateTime) checked_at = NULL;
  gboolean checked;
  guint32 day;
  int secs;

  if (audit->status < CA_AUDIT_STATUS_SUBMITTED || audit->category < 1 ||
      audit->category > 3 || audit->review_day == 0)
    return FALSE;

  due = moment_of (audit->review_day, audit->review_secs);
  moment = g_date_time_add_minutes (due, 1);
  split_moment (moment, &day, &secs);
  if (!ca_demo_has_happened (g, day))
    return FALSE;

  if (audit->checked_day != 0)
    checked_at = moment_of (audit->checked_day, audit->checked_secs);
  checked = checked_at != NULL && g_date_time_compare (checked_at, moment) <= 0;
  if (!ca_escalation_is_due (due, checked, moment))
    return FALSE;

  if (deadline != NULL)
    *deadline = g_steal_pointer (&due);
  if (when != NULL)
    *when = g_steal_pointer (&moment);
  return TRUE;
}

/**
 * ca_demo_choose_checker:
 *
 * Who checked the recommendations of a submitted audit that has them checked, and their
 * note: the case's team manager then, or the Head of Service above the case, most often
 * when the audit had gone to them.
 */
void
ca_demo_choose_checker (Generator *g,
                        Audit     *audit)
{
  const Team *team;
  gboolean escalated;
  int head;

  if (audit->status < CA_AUDIT_STATUS_SUBMITTED || audit->checked_day == 0)
    return;

  team = &g_array_index (g->teams, Team, audit->file->team);
  escalated = find_escalation (g, audit, NULL, NULL);
  head = head_above (g, audit->file, audit->checked_day);
  if (head >= 0 && (team->manager_post < 0 ||
                    chance (g, escalated ? CHECKED_BY_HEAD_ESCALATED : CHECKED_BY_HEAD)))
    audit->checker = (guint) head;
  else
    audit->checker = ca_demo_holder_at (g, (guint) team->manager_post,
                                        month_of_day (g, audit->checked_day));
  audit->checked_note = escalated ? PICK_NOTE (g, late_check_notes) : PICK_NOTE (g, check_notes);
}

/* The history ca_tracker_store_check() writes: when, then who. */
static gboolean
write_check (Generator  *g,
             Audit      *audit,
             GError    **error)
{
  StampText checked_at;
  char ref[16];

  if (audit->checked_day == 0)
    return TRUE;

  ca_demo_format_stamp (audit->checked_day, audit->checked_secs, checked_at);
  ca_demo_format_staff_ref (audit->checker, ref, sizeof ref);
  return ca_demo_record_change (g, audit->checked_day, audit->checked_secs, "audit", audit->id,
                                "recommendations_checked_at", NULL, checked_at, error) &&
         ca_demo_record_change (g, audit->checked_day, audit->checked_secs, "audit", audit->id,
                                "recommendations_checked_by", NULL, ref, error);
}

/* R-I1: the escalation as the escalate command records it, with the reason it gives and
 * its line in the audit's history, dated when the deadline passed. */
static gboolean
write_escalation (Generator  *g,
                  Audit      *audit,
                  GError    **error)
{
  g_autoptr(GDateTime) deadline = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *reason = NULL;
  CaBulkEscalation row = { 0 };
  StampText escalated_at, due;
  char ref[16];
  guint32 day;
  int secs, head;

  if (!find_escalation (g, audit, &deadline, &when))
    return TRUE;

  split_moment (when, &day, &secs);
  head = head_above (g, audit->file, day);
  reason = ca_escalation_reason (audit->category, deadline);
  if (head >= 0)
    ca_demo_format_staff_ref ((guint) head, ref, sizeof ref);

  row.audit_id = audit->id;
  row.head_of_service_id = head >= 0 ? g_array_index (g->staff, Staff, head).id : 0;
  row.escalated_at = ca_demo_stamp_text (day, secs, escalated_at);
  row.deadline = ca_demo_stamp_text (audit->review_day, audit->review_secs, due);
  row.reason = reason;
  return ca_bulk_store_add_escalation (g->store, &row, error) &&
         ca_demo_record_change (g, day, secs, "audit", audit->id, "escalated_to", NULL,
                                head >= 0 ? ref : NULL, error);
}

/* R-I2: the Head of Service signs off most Inadequate audits whose recommendations are
 * checked and whose actions are all done, some working days later, with a note. */
static gboolean
write_signoff (Generator  *g,
               Audit      *audit,
               GError    **error)
{
  DayText signed_on;
  char ref[16];
  guint32 day;
  int head;

  if (audit->grade != CA_GRADE_INADEQUATE || audit->checked_day == 0 ||
      audit->n_done < audit->n_actions || !chance (g, SIGNED_OFF))
    return TRUE;

  day = ca_demo_add_working_days (g, MAX (audit->checked_day, audit->last_done_day),
                                  between (g, SIGN_OFF_AFTER_MIN, SIGN_OFF_AFTER_MAX));
  head = ca_demo_has_happened (g, day) ? head_above (g, audit->file, day) : -1;
  if (head < 0)
    return TRUE;

  ca_demo_format_staff_ref ((guint) head, ref, sizeof ref);
  return ca_bulk_store_add_tracker_signoff (g->store, audit->id,
                                            g_array_index (g->staff, Staff, head).id,
                                            ca_demo_day_text (day, signed_on),
                                            PICK_NOTE (g, signoff_notes), error) &&
         ca_demo_record_change (g, day, between (g, 8 * 3600 + 30 * 60, 17 * 3600 + 30 * 60),
                                "audit", audit->id, "signed_off", NULL, ref, error);
}

/**
 * ca_demo_follow_up_action:
 * @owner: the action's owner, by index into Generator.staff
 * @done: the day it was done, or 0
 * @row: the action's row, whose completed_on is already set
 * @signed_off_day: (out): the day of the sign-off, or 0
 *
 * Who marked a done action done and with what evidence (its owner), and, most often, its
 * sign-off by the allocated worker's line manager at the time, as `action sign-off` would
 * record it. Nothing is signed off before it happened or without a line manager.
 */
void
ca_demo_follow_up_action (Generator     *g,
                          const Audit   *audit,
                          guint          owner,
                          guint32        done,
                          CaBulkAction  *row,
                          guint32       *signed_off_day)
{
  GRand *rand = actions_rand (g);
  const gint64 *manager;
  gint64 worker;
  guint32 day;

  *signed_off_day = 0;
  if (done == 0)
    return;

  row->completed_by = g_array_index (g->staff, Staff, owner).id;
  row->evidence = evidence_notes[g_rand_int_range (rand, 0, G_N_ELEMENTS (evidence_notes))];

  if (g_rand_double (rand) >= ACTION_SIGNED_OFF)
    return;
  day = ca_demo_add_working_days (g, done, g_rand_int_range (rand, ACTION_SIGN_OFF_MIN,
                                                               ACTION_SIGN_OFF_MAX + 1));
  if (!ca_demo_has_happened (g, day))
    return;
  worker = (gint64) ca_demo_holder_at (g, audit->file->worker_post, month_of_day (g, day)) + 1;
  manager = g_hash_table_lookup (line_managers_in (g, month_of_day (g, day)), &worker);
  if (manager == NULL || *manager <= 0)
    return;
  row->signed_off_by = g_array_index (g->staff, Staff, (guint) (*manager - 1)).id;
  *signed_off_day = day;
}

/**
 * ca_demo_write_tracking:
 *
 * What follows a submitted audit on the tracker: the history of its check (who was chosen
 * by ca_demo_choose_checker() before its row was written), its escalation if it was not
 * checked in time, and the Head of Service's sign-off.
 */
gboolean
ca_demo_write_tracking (Generator  *g,
                        Audit      *audit,
                        GError    **error)
{
  if (audit->status < CA_AUDIT_STATUS_SUBMITTED)
    return TRUE;
  return write_check (g, audit, error) &&
         write_escalation (g, audit, error) &&
         write_signoff (g, audit, error);
}

void
ca_demo_tracking_free (Generator *g)
{
  if (g->line_managers != NULL)
    for (int month = 0; month < g->n_months; month++)
      g_clear_pointer (&g->line_managers[month], g_hash_table_unref);
  g_clear_pointer (&g->line_managers, g_free);
  g_clear_pointer (&g->heads, g_hash_table_unref);
  g_clear_pointer (&g->tracking_rand, g_rand_free);
  g_clear_pointer (&g->actions_rand, g_rand_free);
}
