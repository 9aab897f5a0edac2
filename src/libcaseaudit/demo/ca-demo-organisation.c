// SPDX-License-Identifier: GPL-3.0-or-later
// The demo council's organisation: service areas, teams, posts and the staff who hold them.

#define G_LOG_DOMAIN "ca-demo"

#include "config.h"

#include "ca-demo-private.h"

#define N_HEADS_OF_SERVICE 6

/* Team counts follow where the open cases are (about 35 per team). Each head of service
 * covers two or three areas; the first three report to one assistant director. */
static const struct
{
  const char *name;
  guint       n_teams;
  guint       n_service_managers;
  guint       head_of_service;
} areas[N_AREAS] = {
  [AREA_ASSESSMENT]      = { "Assessment & Intervention",  7,  2, 0 },
  [AREA_DISABILITIES]    = { "Children with Disabilities", 4,  1, 4 },
  [AREA_SUPPORT_NORTH]   = { "Family Support North",       5,  1, 1 },
  [AREA_SUPPORT_SOUTH]   = { "Family Support South",       5,  1, 1 },
  [AREA_EARLY_HELP]      = { "Early Help",                 8,  2, 2 },
  [AREA_LOOKED_AFTER]    = { "Looked After Children",      11, 2, 3 },
  [AREA_LEAVING_CARE]    = { "Leaving Care",               6,  1, 3 },
  [AREA_SEND]            = { "SEND",                       6,  1, 4 },
  [AREA_YOUTH_OFFENDING] = { "Youth Offending",            2,  1, 2 },
  [AREA_FOSTERING]       = { "Fostering",                  2,  1, 5 },
  [AREA_ADOPTION]        = { "Adoption",                   2,  1, 5 },
  [AREA_MASH]            = { "MASH",                       2,  1, 0 },
  /* Holds the reviewing officers and the Centre for Professional Practice: no cases. */
  [AREA_QUALITY]         = { "Quality Assurance & Review", 0,  1, 5 },
};

static const char * const localities[] = {
  "Dudley", "Brierley Hill", "Halesowen", "Stourbridge", "Sedgley",
};

static const char * const auditor_groups[] = { "Group A", "Group B", "Group C" };

G_STATIC_ASSERT (G_N_ELEMENTS (localities) == N_LOCALITIES);
G_STATIC_ASSERT (G_N_ELEMENTS (auditor_groups) == N_AUDITOR_GROUPS);

static const char * const first_names[] = {
  "Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophie", "Grace", "Lily", "Freya", "Ella",
  "Charlotte", "Jessica", "Hannah", "Rachel", "Sarah", "Laura", "Emma", "Claire", "Rebecca",
  "Katie", "Nicola", "Joanne", "Helen", "Karen", "Zoe", "Priya", "Aisha", "Fatima", "Nadia",
  "Sana", "Jasmine", "Chloe", "Megan", "Lucy", "Gemma", "Amy", "Leanne", "Donna", "Kirsty",
  "Natalie", "Oliver", "George", "Harry", "Jack", "Thomas", "James", "William", "Daniel",
  "Matthew", "Mark", "Paul", "Richard", "Andrew", "David", "Michael", "Stephen", "Gareth",
  "Ryan", "Imran", "Ravinder", "Mohammed", "Tariq", "Kwame", "Marcus", "Adam", "Ben", "Sam",
  "Liam", "Craig", "Simon",
};

static const char * const last_names[] = {
  "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
  "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards",
  "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood",
  "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King",
  "Baker", "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis",
  "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter",
  "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Khan", "Hussain", "Ali",
  "Begum", "Kaur", "Singh", "Ahmed", "Sharma", "Mensah", "Nowak",
};

/* Organisation: service areas, localities, groups and teams (R-A1) */

/* The lists are editable and may already hold some names: the store reuses those. */
gboolean
ca_demo_write_lists (Generator  *g,
                     GError    **error)
{
  for (guint i = 0; i < N_AREAS; i++)
    if (!ca_bulk_store_ensure_service_area (g->store, areas[i].name, &g->area_ids[i], error))
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (localities); i++)
    if (!ca_bulk_store_ensure_locality (g->store, localities[i], &g->locality_ids[i], error))
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (auditor_groups); i++)
    if (!ca_bulk_store_ensure_auditor_group (g->store, auditor_groups[i], &g->group_ids[i],
                                             error))
      return FALSE;

  return TRUE;
}

static guint
add_team (Generator  *g,
          const char *name,
          int         area,
          int         locality,
          int         group)
{
  Team team = { 0 };

  team.name = g_strdup (name);
  team.area = area;
  team.locality = locality;
  team.group = group;
  team.manager_post = -1;
  team.practice_manager_posts = g_array_new (FALSE, FALSE, sizeof (guint));
  team.worker_posts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (g->teams, team);
  return g->teams->len - 1;
}

/* Named after area and locality, numbered when an area has two teams in one place. */
static void
plan_teams (Generator *g)
{
  guint n_case_teams = 0;

  for (int area = 0; area < N_AREAS; area++)
    {
      guint per_locality[G_N_ELEMENTS (localities)] = { 0 };

      for (guint t = 0; t < areas[area].n_teams; t++)
        {
          int locality = (area + (int) t) % (int) G_N_ELEMENTS (localities);
          g_autofree char *name = NULL;

          if (++per_locality[locality] == 1)
            name = g_strdup_printf ("%s %s", areas[area].name, localities[locality]);
          else
            name = g_strdup_printf ("%s %s %u", areas[area].name, localities[locality],
                                    per_locality[locality]);
          add_team (g, name, area, locality,
                    (int) (n_case_teams++ % G_N_ELEMENTS (auditor_groups)));
        }
    }

  /* Audit across the whole service, so in no group. */
  add_team (g, "Independent Reviewing Service", AREA_QUALITY, 0, -1);
  add_team (g, "Centre for Professional Practice", AREA_QUALITY, 0, -1);
}

gboolean
ca_demo_write_teams (Generator  *g,
                     GError    **error)
{
  for (guint i = 0; i < g->teams->len; i++)
    {
      Team *team = &g_array_index (g->teams, Team, i);

      if (!ca_bulk_store_add_team (g->store, team->name, g->area_ids[team->area],
                                   g->locality_ids[team->locality],
                                   team->group >= 0 ? g->group_ids[team->group] : 0,
                                   &team->id, error))
        return FALSE;
    }
  return TRUE;
}

/* Staff: posts in a line-management tree, and the people who hold them over time (R-A2) */

static guint
add_post (Generator  *g,
          const char *role,
          int         team,
          int         manager,
          double      leave_rate)
{
  Post post = { role, team, manager, leave_rate, NULL };

  post.tenures = g_array_new (FALSE, FALSE, sizeof (Tenure));
  g_array_append_val (g->posts, post);
  return g->posts->len - 1;
}

static void
add_team_posts (Generator *g,
                guint      team_index,
                guint      manager)
{
  Team *team = &g_array_index (g->teams, Team, team_index);
  guint n_workers = (guint) ca_demo_between (g, 5, 9);
  guint n_practice_managers = n_workers >= 8 ? 2 : 1;
  guint team_manager = add_post (g, "team-manager", (int) team_index, (int) manager, 0.009);

  team->manager_post = (int) team_manager;
  for (guint i = 0; i < n_practice_managers; i++)
    {
      guint post = add_post (g, "practice-manager", (int) team_index, (int) team_manager, 0.009);

      g_array_append_val (team->practice_manager_posts, post);
    }
  for (guint i = 0; i < n_workers; i++)
    {
      guint supervisor = g_array_index (team->practice_manager_posts, guint,
                                        i % n_practice_managers);
      guint post = add_post (g, "practitioner", (int) team_index, (int) supervisor, 0.013);

      g_array_append_val (team->worker_posts, post);
    }
}

static void
add_quality_posts (Generator *g,
                   guint      service_manager,
                   guint      head_of_service)
{
  guint reviewing = g->teams->len - 2, cpp = g->teams->len - 1;
  guint iro_manager = add_post (g, "team-manager", (int) reviewing, (int) service_manager, 0.009);
  guint lead, lead_auditor;

  g_array_index (g->teams, Team, reviewing).manager_post = (int) iro_manager;
  for (guint i = 0; i < 14; i++)
    add_post (g, "iro", (int) reviewing, (int) iro_manager, 0.008);

  /* Seed 01: a Lead for Professional Practice, a Lead Auditor and five Advanced Practitioners. */
  lead = add_post (g, "lead-professional", (int) cpp, (int) head_of_service, 0.008);
  g_array_index (g->teams, Team, cpp).manager_post = (int) lead;
  g_array_append_val (g->cpp_posts, lead);
  lead_auditor = add_post (g, "lead-auditor", (int) cpp, (int) lead, 0.008);
  g_array_append_val (g->cpp_posts, lead_auditor);
  for (guint i = 0; i < 5; i++)
    {
      guint post = add_post (g, "advanced-practitioner", (int) cpp, (int) lead_auditor, 0.008);

      g_array_append_val (g->cpp_posts, post);
    }
}

static void
plan_posts (Generator *g)
{
  guint director = add_post (g, "strategic-director", -1, -1, 0.005);
  guint assistants[2], heads[N_HEADS_OF_SERVICE];
  guint team_index = 0;

  for (guint i = 0; i < G_N_ELEMENTS (assistants); i++)
    assistants[i] = add_post (g, "assistant-director", -1, (int) director, 0.006);
  for (guint i = 0; i < N_HEADS_OF_SERVICE; i++)
    heads[i] = add_post (g, "head-of-service", -1, (int) assistants[i / 3], 0.007);

  /* Teams were planned area by area, so each area's teams are consecutive. */
  for (int area = 0; area < N_AREAS; area++)
    {
      guint head = heads[areas[area].head_of_service];
      guint managers[2] = { 0, 0 };

      for (guint i = 0; i < areas[area].n_service_managers; i++)
        managers[i] = add_post (g, "service-manager", -1, (int) head, 0.008);
      for (guint t = 0; t < areas[area].n_teams; t++, team_index++)
        add_team_posts (g, team_index, managers[t % areas[area].n_service_managers]);
      if (area == AREA_QUALITY)
        add_quality_posts (g, managers[0], head);
    }
}

static char *
make_email (Generator  *g,
            const char *first,
            const char *last)
{
  g_autofree char *base = g_ascii_strdown (first, -1);
  g_autofree char *surname = g_ascii_strdown (last, -1);
  char *local = g_strdup_printf ("%s.%s", base, surname);

  /* Two people with one name get first.last2, first.last3, … as councils do. */
  for (guint n = 2; g_hash_table_contains (g->emails, local); n++)
    {
      g_free (local);
      local = g_strdup_printf ("%s.%s%u", base, surname, n);
    }
  g_hash_table_add (g->emails, local);
  return g_strconcat (local, "@" EMAIL_DOMAIN, NULL);
}

static void
start_tenure (Generator *g,
              guint      post_index,
              int        month)
{
  Post *post = &g_array_index (g->posts, Post, post_index);
  const char *first = PICK (g, first_names);
  const char *last = PICK (g, last_names);
  Staff staff = { 0 };
  Tenure tenure = { g->staff->len, month };

  if (post->tenures->len > 0)
    {
      Tenure *previous = &g_array_index (post->tenures, Tenure, post->tenures->len - 1);

      g_array_index (g->staff, Staff, previous->staff).last_month = month - 1;
    }

  staff.name = g_strdup_printf ("%s %s", first, last);
  staff.email = make_email (g, first, last);
  staff.post = post_index;
  staff.first_month = month;
  staff.last_month = STILL_IN_POST;
  g_array_append_val (g->staff, staff);
  g_array_append_val (post->tenures, tenure);
}

/* Staff turnover: people leave and are replaced, about 15% a year among practitioners.
 * The staff array ends up in joining order, which gives the staff references. */
static void
simulate_turnover (Generator *g)
{
  for (guint p = 0; p < g->posts->len; p++)
    start_tenure (g, p, BEFORE_RANGE);

  for (int month = 1; month < g->n_months; month++)
    for (guint p = 0; p < g->posts->len; p++)
      if (ca_demo_chance (g, g_array_index (g->posts, Post, p).leave_rate))
        start_tenure (g, p, month);
}

guint
ca_demo_holder_at (Generator *g,
                   guint      post_index,
                   int        month)
{
  GArray *tenures = g_array_index (g->posts, Post, post_index).tenures;

  for (guint i = tenures->len; i > 0; i--)
    {
      Tenure *tenure = &g_array_index (tenures, Tenure, i - 1);

      if (tenure->first_month <= month)
        return tenure->staff;
    }
  return g_array_index (tenures, Tenure, 0).staff;
}

/* The staff ID of STAFF (an index into Generator.staff): S00001 for the first to join. */
void
ca_demo_format_staff_ref (guint  staff,
                          char  *text,
                          gsize  size)
{
  g_snprintf (text, size, "S%05u", staff + 1);
}

gboolean
ca_demo_write_staff (Generator  *g,
                     GError    **error)
{
  for (guint i = 0; i < g->staff->len; i++)
    {
      Staff *staff = &g_array_index (g->staff, Staff, i);
      Post *post = &g_array_index (g->posts, Post, staff->post);
      char ref[16];

      ca_demo_format_staff_ref (i, ref, sizeof ref);
      if (!ca_bulk_store_add_staff (g->store, ref, staff->name, staff->email, post->role,
                                    post->team >= 0
                                      ? g_array_index (g->teams, Team, post->team).id : 0,
                                    staff->last_month == STILL_IN_POST, &staff->id, error))
        return FALSE;
    }
  return TRUE;
}

/* A second pass, because a manager may have joined after the people they now manage.
 * Leavers keep the manager they had when they left. */
gboolean
ca_demo_write_line_managers (Generator  *g,
                             GError    **error)
{
  for (guint i = 0; i < g->staff->len; i++)
    {
      Staff *staff = &g_array_index (g->staff, Staff, i);
      Post *post = &g_array_index (g->posts, Post, staff->post);
      int month = MIN (staff->last_month, g->n_months - 1);
      guint manager;

      if (post->manager < 0)
        continue;
      manager = ca_demo_holder_at (g, (guint) post->manager, month);
      if (!ca_bulk_store_set_line_manager (g->store, staff->id,
                                           g_array_index (g->staff, Staff, manager).id, error))
        return FALSE;
    }
  return TRUE;
}

int
ca_demo_pick_team_in_area (Generator *g,
                           int        area)
{
  guint first = 0;

  for (int a = 0; a < area; a++)
    first += areas[a].n_teams;
  return (int) first + ca_demo_between (g, 0, (int) areas[area].n_teams - 1);
}

void
ca_demo_plan_organisation (Generator *g)
{
  plan_teams (g);
  plan_posts (g);
  for (int area = 0; area < N_AREAS; area++)
    g->area_quality[area] = g_rand_double_range (g->rand, -4, 4);
  simulate_turnover (g);
  ca_demo_simulate_cases (g);
}
