// SPDX-License-Identifier: GPL-3.0-or-later
// The demo council's monthly allocations: who audits which case, month by month.

#define G_LOG_DOMAIN "ca-demo"

#include "config.h"

#include "ca-demo-private.h"

/* Choosing auditors and cases for a month (R-D2, R-D3) */

static gboolean
role_is (const Post *post,
         const char *role)
{
  return g_str_equal (post->role, role);
}

static void
add_slots (GArray *slots,
           guint   post,
           guint   staff,
           int     tool,
           guint   n)
{
  Slot slot = { post, staff, tool };

  for (guint i = 0; i < n; i++)
    g_array_append_val (slots, slot);
}

/* Seed 04: every manager and reviewing officer audits once a month. */
static gboolean
is_monthly_auditor (const Post *post)
{
  return role_is (post, "team-manager") || role_is (post, "practice-manager") ||
         role_is (post, "iro") || role_is (post, "group-manager");
}

/* How many audits a post does in a month, from its role's quota (R-A3, seed 04). */
static void
add_post_slots (Generator *g,
                GArray    *slots,
                guint      p,
                guint      staff)
{
  Post *post = &g_array_index (g->posts, Post, p);

  if (is_monthly_auditor (post))
    add_slots (slots, p, staff, TOOL_STAGE_1, 1);
  else if (role_is (post, "service-manager"))
    add_slots (slots, p, staff, TOOL_STAGE_1, ca_demo_chance (g, 8.0 / 12) ? 1 : 0);
  else if (role_is (post, "head-of-service") || role_is (post, "assistant-director"))
    add_slots (slots, p, staff, TOOL_STAGE_1, ca_demo_chance (g, 6.0 / 12) ? 1 : 0);
  else if (role_is (post, "strategic-director"))
    add_slots (slots, p, staff, TOOL_STAGE_1, ca_demo_chance (g, 2.0 / 12) ? 1 : 0);
  /* The CPP's 25 dip samples a month, and the advanced practitioners' own audits. */
  else if (role_is (post, "lead-professional"))
    add_slots (slots, p, staff, TOOL_DIP_SAMPLE, 5);
  else if (role_is (post, "lead-auditor"))
    {
      add_slots (slots, p, staff, TOOL_DIP_SAMPLE, 10);
      add_slots (slots, p, staff, TOOL_STAGE_1, 1);
    }
  /* Seed 01: seven audits a cycle, a cycle being a quarter. */
  else if (role_is (post, "advanced-practitioner"))
    {
      add_slots (slots, p, staff, TOOL_DIP_SAMPLE, 2);
      add_slots (slots, p, staff, TOOL_STAGE_1, ca_demo_chance (g, 7.0 / 3 - 2) ? 3 : 2);
    }
}

/* Quotas give about 220 audits; managers take a second one to reach the month's total. */
static GArray *
plan_slots (Generator *g,
            int        month)
{
  GArray *slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  g_autoptr(GArray) monthly = g_array_new (FALSE, FALSE, sizeof (guint));
  guint target = (guint) ca_demo_between (g, MONTHLY_AUDITS * 95 / 100, MONTHLY_AUDITS * 105 / 100);

  for (guint p = 0; p < g->posts->len; p++)
    add_post_slots (g, slots, p, ca_demo_holder_at (g, p, month));

  for (guint i = 0; i < slots->len; i++)
    if (is_monthly_auditor (&g_array_index (g->posts, Post, g_array_index (slots, Slot, i).post)))
      g_array_append_val (monthly, i);

  while (slots->len < target && monthly->len > 0)
    {
      Slot slot = g_array_index (slots, Slot, ca_demo_pick_index (g, monthly));

      g_array_append_val (slots, slot);
    }
  while (slots->len > target)
    g_array_remove_index_fast (slots, g_rand_int_range (g->rand, 0, (gint32) slots->len));

  /* A few audits look back at a case just closed. */
  for (guint i = 0; i < slots->len; i++)
    if (g_array_index (slots, Slot, i).tool == TOOL_STAGE_1 && ca_demo_chance (g, 0.03))
      g_array_index (slots, Slot, i).tool = TOOL_CLOSURE;

  return slots;
}

static void
shuffle_slots (Generator *g,
               GArray    *slots)
{
  for (guint i = slots->len; i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (g->rand, 0, (gint32) i);
      Slot swap = g_array_index (slots, Slot, i - 1);

      g_array_index (slots, Slot, i - 1) = g_array_index (slots, Slot, j);
      g_array_index (slots, Slot, j) = swap;
    }
}

static gboolean
manages_post (Generator *g,
              guint      auditor_post,
              guint      worker_post)
{
  int p = g_array_index (g->posts, Post, worker_post).manager;

  for (; p >= 0; p = g_array_index (g->posts, Post, p).manager)
    if ((guint) p == auditor_post)
      return TRUE;
  return FALSE;
}

static gboolean
audited_by_recently (const Case *file,
                     guint       auditor,
                     int         month)
{
  for (guint i = 0; i < MIN (file->n_recent, RECENT_AUDITORS); i++)
    if (file->recent_auditors[i] == auditor && month - file->recent_months[i] < 12)
      return TRUE;
  return FALSE;
}

/* R-D3: never the worker's own team or line-management chain; the director, who heads
 * every chain, does assisted audits and is the one exception. That exception is why this is
 * not core/ca-allocation's ca_allocation_may_audit (), which has none: with it the director's
 * audits would go, and every random draw after the first of them would change the data. */
static gboolean
case_suits (Generator  *g,
            const Case *file,
            const Slot *slot,
            int         month,
            gboolean    strict)
{
  Post *post = &g_array_index (g->posts, Post, slot->post);

  if (file->restricted || file->last_audit_month == month)
    return FALSE;
  if (strict && month - file->last_audit_month <= 3)
    return FALSE;
  if (post->team == file->team)
    return FALSE;
  if (!role_is (post, "strategic-director") && manages_post (g, slot->post, file->worker_post))
    return FALSE;
  return !audited_by_recently (file, slot->staff, month);
}

/* Random tries, first keeping cases audited in the last three months out, then not. */
static Case *
pick_case (Generator  *g,
           GArray     *candidates,
           const Slot *slot,
           int         month)
{
  if (candidates->len == 0)
    return NULL;

  for (guint tries = 0; tries < 2 * PICK_TRIES; tries++)
    {
      Case *file = &g_array_index (g->cases, Case, ca_demo_pick_index (g, candidates));

      if (case_suits (g, file, slot, month, tries < PICK_TRIES))
        return file;
    }
  return NULL;
}

static void
note_audit (Case  *file,
            guint  auditor,
            int    month)
{
  file->last_audit_month = month;
  file->recent_auditors[file->n_recent % RECENT_AUDITORS] = auditor;
  file->recent_months[file->n_recent % RECENT_AUDITORS] = month;
  file->n_recent++;
}

/* R-D2: open at allocation; closure audits look at cases closed in the last 90 days. */
static void
list_candidates (Generator *g,
                 guint32    day,
                 GArray    *open,
                 GArray    *closed)
{
  g_array_set_size (open, 0);
  g_array_set_size (closed, 0);

  for (guint i = 0; i < g->cases->len; i++)
    {
      Case *file = &g_array_index (g->cases, Case, i);

      if (file->open_day > day)
        break;
      if (file->close_day == 0 || file->close_day >= day)
        g_array_append_val (open, i);
      else if (day - file->close_day <= 90)
        g_array_append_val (closed, i);
    }
}

static gboolean
generate_month (Generator  *g,
                int         month,
                GArray     *open,
                GArray     *closed,
                GError    **error)
{
  g_autoptr(GArray) slots = plan_slots (g, month);
  ProgrammeMonth *programme = &g->programme[month];
  gboolean current_month = month == g->n_months - 1;

  list_candidates (g, programme->allocation_day, open, closed);
  shuffle_slots (g, slots);

  for (guint i = 0; i < slots->len; i++)
    {
      Slot *slot = &g_array_index (slots, Slot, i);
      Audit audit = { 0 };

      audit.file = pick_case (g, slot->tool == TOOL_CLOSURE ? closed : open, slot, month);
      if (audit.file == NULL)
        continue;
      note_audit (audit.file, slot->staff, month);

      audit.auditor = slot->staff;
      audit.tool = slot->tool;
      audit.month = month;
      audit.allocation_day = programme->allocation_day;
      audit.due_day = programme->return_day;
      ca_demo_schedule_audit (g, &audit, current_month);
      if (!ca_demo_write_audit (g, &audit, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
ca_demo_generate_audits (Generator  *g,
                         GError    **error)
{
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) closed = g_array_new (FALSE, FALSE, sizeof (guint));

  for (int month = 0; month < g->n_months; month++)
    {
      double done = (double) (month + 1) / g->n_months;

      if (!generate_month (g, month, open, closed, error) ||
          !ca_demo_report_progress (g, SETUP_SHARE + (1 - SETUP_SHARE) * done * 0.99, error))
        return FALSE;
    }

  return TRUE;
}
