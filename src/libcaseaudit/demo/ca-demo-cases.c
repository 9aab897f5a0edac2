// SPDX-License-Identifier: GPL-3.0-or-later
// The demo council's children's cases: who they are, when they open and close, their pen pictures.

#define G_LOG_DOMAIN "ca-demo"

#include "config.h"

#include <math.h>

#include "ca-demo-private.h"

/* Durations are ca_demo_exponential (ending at the leaving age), chosen so that NEW_CASES open
 * a month keep about OPEN_CASES open: the stock stays level over the years. */
static const struct
{
  const char *code;
  const char *plan;
  double      inflow;
  double      mean_months;
  int         min_age;
  int         max_age;
  double      area_weights[N_AREAS];
} legal_statuses[N_STATUSES] = {
  [STATUS_EARLY_HELP] = { "early-help", "an Early Help plan", 0.30, 7, 0, 15,
                          { [AREA_EARLY_HELP] = 1 } },
  [STATUS_CHILD_IN_NEED] = { "child-in-need", "a Child in Need plan", 0.30, 10, 0, 16,
                             { [AREA_ASSESSMENT] = 40, [AREA_SUPPORT_NORTH] = 20,
                               [AREA_SUPPORT_SOUTH] = 20, [AREA_DISABILITIES] = 15,
                               [AREA_MASH] = 5 } },
  [STATUS_CHILD_PROTECTION] = { "child-protection", "a Child Protection plan", 0.15, 13, 0, 15,
                                { [AREA_ASSESSMENT] = 30, [AREA_SUPPORT_NORTH] = 30,
                                  [AREA_SUPPORT_SOUTH] = 30, [AREA_DISABILITIES] = 10 } },
  [STATUS_LOOKED_AFTER] = { "looked-after", "a care plan as a looked after child", 0.10, 42, 0, 16,
                            { [AREA_LOOKED_AFTER] = 70, [AREA_DISABILITIES] = 10,
                              [AREA_ADOPTION] = 10, [AREA_FOSTERING] = 10 } },
  [STATUS_CARE_LEAVER] = { "care-leaver", "a pathway plan", 0.04, 36, 16, 17,
                           { [AREA_LEAVING_CARE] = 1 } },
  [STATUS_SEND] = { "send", "an Education, Health and Care plan", 0.07, 24, 2, 16,
                    { [AREA_SEND] = 1 } },
  [STATUS_OTHER] = { "other", "a support plan", 0.04, 8, 10, 17,
                     { [AREA_YOUTH_OFFENDING] = 60, [AREA_MASH] = 20, [AREA_FOSTERING] = 20 } },
};

/* DfE codes in roughly the mix of a Black Country borough's children's services. */
static const struct
{
  const char *code;
  double      weight;
} ethnicities[] = {
  { "WBRI", 72.0 }, { "WIRI", 0.5 }, { "WIRT", 0.3 }, { "WOTH", 3.5 }, { "WROM", 0.7 },
  { "MWBC", 4.5 }, { "MWBA", 1.0 }, { "MWAS", 2.0 }, { "MOTH", 2.5 }, { "AIND", 1.5 },
  { "APKN", 4.5 }, { "ABAN", 0.8 }, { "AOTH", 1.0 }, { "BCRB", 1.2 }, { "BAFR", 1.5 },
  { "BOTH", 0.5 }, { "CHNE", 0.2 }, { "OOTH", 1.0 }, { "REFU", 0.3 }, { "NOBT", 0.5 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (ethnicities) == N_ETHNICITIES);

/* Pen pictures never name a child: age, status, household and what matters, no more. */
static const char * const status_situations[N_STATUSES][3] = {
  [STATUS_EARLY_HELP] = {
    "Support followed a Team Around the Family meeting.",
    "Lives with mother and two younger siblings; the family asked for help with routines.",
    "Referred by school after concerns about attendance and presentation." },
  [STATUS_CHILD_IN_NEED] = {
    "Supported after a single assessment identified unmet needs.",
    "Lives with father and his partner; parental mental health affects the care given.",
    "Referred by a health professional after concerns about home conditions." },
  [STATUS_CHILD_PROTECTION] = {
    "The plan is under the category of neglect.",
    "The plan is under the category of emotional abuse, with domestic abuse at home.",
    "The plan is under the category of physical abuse." },
  [STATUS_LOOKED_AFTER] = {
    "Living with foster carers in the borough.",
    "Placed with extended family under a care order.",
    "Living in a children's home outside the borough." },
  [STATUS_CARE_LEAVER] = {
    "Preparing for independence in supported accommodation.",
    "Living with former foster carers in a staying put arrangement.",
    "In education and planning a move to a first tenancy." },
  [STATUS_SEND] = {
    "Support is coordinated with school and health partners.",
    "Moving to a specialist school placement this year.",
    "The family has asked for a review of the short-break support." },
  [STATUS_OTHER] = {
    "Working with the youth offending service after an out-of-court disposal.",
    "Open for a short period of assessment following a referral.",
    "Support focuses on education, training and positive activities." },
};

/* English whatever the locale, so the same options give the same text everywhere. */
static const char * const month_names[] = {
  "January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December",
};

static const char * const case_context[] = {
  "Has had three social workers in the last year.",
  "Friendships and hobbies matter a great deal to the child.",
  "School attendance has improved this term.",
  "Parental substance misuse is a long-standing concern.",
  "The family has moved home twice in the period.",
  "Health appointments are up to date.",
  "Contact with the wider family is important to the child.",
};

/* Cases (R-B1) */

/* Children's services end at 18; support for care leavers goes on to 21. */
static int
leaving_age (int status)
{
  return status == STATUS_CARE_LEAVER ? 21 : 18;
}

/* The child's age when the case opened, within the status's range and young enough to
 * still be open @months_before the data starts; never born after the case opened. */
static int
draw_birth_months (Generator *g,
                   int        status,
                   guint32    open_day,
                   double     months_before)
{
  int min_age = legal_statuses[status].min_age;
  int max_age = MIN (legal_statuses[status].max_age,
                     leaving_age (status) - 1 - (int) ceil (months_before / 12));
  int year, month, age;

  ca_demo_split_day (open_day, &year, &month, NULL);
  age = ca_demo_between (g, min_age, MAX (min_age, max_age));
  return year * 12 + month - 1 - age * 12 - ca_demo_between (g, 0, 11);
}

static void
add_case (Generator *g,
          int        status,
          guint32    open_day,
          double     months_open,
          double     months_before)
{
  Case file = { 0 };
  Team *team;
  guint32 close_day = open_day + MAX (7u, (guint32) (months_open * 30.44));
  guint32 leave_day;
  int area;

  file.status = status;
  file.open_day = open_day;
  file.birth_months = draw_birth_months (g, status, open_day, months_before);
  leave_day = ca_demo_make_day (file.birth_months / 12 + leaving_age (status),
                                file.birth_months % 12 + 1, 1);
  close_day = MIN (close_day, leave_day);
  /* Rounding must not close a case that was open when the data starts before then. */
  if (open_day < g->first_day)
    close_day = MAX (close_day, g->first_day);
  file.close_day = close_day < g->as_of_day ? close_day : 0;

  area = (int) ca_demo_pick_weighted (g, legal_statuses[status].area_weights, N_AREAS);
  file.team = ca_demo_pick_team_in_area (g, area);
  team = &g_array_index (g->teams, Team, file.team);
  file.locality = ca_demo_chance (g, 0.85) ? team->locality
                                   : ca_demo_between (g, 0, N_LOCALITIES - 1);
  file.worker_post = ca_demo_pick_index (g, team->worker_posts);
  file.ethnicity = (int) ca_demo_pick_weighted (g, g->ethnicity_weights, N_ETHNICITIES);
  file.gender = ca_demo_chance (g, 0.52) ? "male" : ca_demo_chance (g, 0.98) ? "female"
                                 : ca_demo_chance (g, 0.3) ? "other" : "unknown";
  file.disability = ca_demo_chance (g, team->area == AREA_DISABILITIES ? 0.9 : 0.025);
  file.restricted = ca_demo_chance (g, 0.01);
  file.sequence = g->cases->len;
  file.last_audit_month = G_MININT / 2;
  g_array_append_val (g->cases, file);
}

static double
stock_weight (int status)
{
  return legal_statuses[status].inflow * legal_statuses[status].mean_months;
}

/* Start in the steady state: the cases already open when the data begins, then new
 * ones each month. Exponential durations keep the open stock near OPEN_CASES. */
void
ca_demo_simulate_cases (Generator *g)
{
  double stock[N_STATUSES], inflow[N_STATUSES];
  double monthly = NEW_CASES;

  for (guint i = 0; i < N_ETHNICITIES; i++)
    g->ethnicity_weights[i] = ethnicities[i].weight;
  for (int s = 0; s < N_STATUSES; s++)
    {
      stock[s] = stock_weight (s);
      inflow[s] = legal_statuses[s].inflow;
    }

  for (guint i = 0; i < OPEN_CASES; i++)
    {
      int status = (int) ca_demo_pick_weighted (g, stock, N_STATUSES);
      double mean = legal_statuses[status].mean_months;
      /* Drawn before MIN (), which evaluates its arguments twice. */
      double drawn = ca_demo_exponential (g, mean);
      double limit = 12.0 * MIN (10, leaving_age (status) - 1 - legal_statuses[status].min_age);
      double age = MIN (drawn, limit);
      guint32 open_day = g->first_day - 1 - (guint32) (age * 30.44);

      add_case (g, status, open_day, age + ca_demo_exponential (g, mean), age);
    }

  for (int m = 0; m < g->n_months; m++)
    {
      guint32 start = ca_demo_month_start (g, m), days = ca_demo_month_start (g, m + 1) - start;
      int n = (int) lround (monthly + (g_rand_double (g->rand) * 2 - 1) * sqrt (monthly));

      for (int i = 0; i < n; i++)
        {
          int status = (int) ca_demo_pick_weighted (g, inflow, N_STATUSES);
          guint32 day = start + (guint32) ca_demo_between (g, 0, (int) days - 1);

          if (day >= g->as_of_day)
            continue;
          add_case (g, status, day, ca_demo_exponential (g, legal_statuses[status].mean_months), 0);
        }
    }
}

static int
compare_cases (gconstpointer a,
               gconstpointer b)
{
  const Case *x = a, *y = b;

  if (x->open_day != y->open_day)
    return x->open_day < y->open_day ? -1 : 1;
  return x->sequence < y->sequence ? -1 : x->sequence > y->sequence;
}

static guint
case_worker (Generator  *g,
             const Case *file)
{
  guint32 day = file->close_day != 0 ? file->close_day : g->as_of_day;

  return ca_demo_holder_at (g, file->worker_post, ca_demo_month_index_of_day (g, day));
}

gboolean
ca_demo_write_cases (Generator  *g,
                     GError    **error)
{
  guint ref = (guint) ca_demo_between (g, 100000, 150000);

  /* References grow with the open date, as a case management system issues them. */
  g_array_sort (g->cases, compare_cases);

  for (guint i = 0; i < g->cases->len; i++)
    {
      Case *file = &g_array_index (g->cases, Case, i);
      char case_ref[16], birth[8];
      DayText open_date, close_date;
      guint worker = case_worker (g, file);
      CaBulkCase row = { 0 };

      ref += (guint) ca_demo_between (g, 1, 4);
      g_snprintf (case_ref, sizeof case_ref, "CA-%06u", ref);
      g_snprintf (birth, sizeof birth, "%04d-%02d", file->birth_months / 12,
                  file->birth_months % 12 + 1);

      row.case_ref = case_ref;
      row.team_id = g_array_index (g->teams, Team, file->team).id;
      row.locality_id = g->locality_ids[file->locality];
      row.worker_id = g_array_index (g->staff, Staff, worker).id;
      row.open_date = ca_demo_day_text (file->open_day, open_date);
      row.close_date = ca_demo_day_text (file->close_day, close_date);
      row.legal_status = legal_statuses[file->status].code;
      row.ethnicity = ethnicities[file->ethnicity].code;
      row.birth_month = birth;
      row.gender = file->gender;
      row.disability = file->disability;
      row.restricted = file->restricted;
      if (!ca_bulk_store_add_case (g->store, &row, &file->id, error))
        return FALSE;
    }
  return TRUE;
}

int
ca_demo_age_at (const Case *file,
                guint32     day)
{
  int year, month;

  ca_demo_split_day (day, &year, &month, NULL);
  return MAX (0, (year * 12 + month - 1 - file->birth_months) / 12);
}

char *
ca_demo_compose_pen_picture (Generator   *g,
                             const Audit *audit)
{
  const Case *file = audit->file;
  int age = ca_demo_age_at (file, audit->audit_day);
  gboolean young_adult = age >= 16;
  const char *who = g_str_equal (file->gender, "male") ? (young_adult ? "young man" : "boy")
                    : g_str_equal (file->gender, "female") ? (young_adult ? "young woman" : "girl")
                    : (young_adult ? "young person" : "child");
  g_autofree char *opening = NULL;
  g_autofree char *since = NULL;
  int year, month;

  ca_demo_split_day (file->open_day, &year, &month, NULL);
  since = g_strdup_printf ("%s %d", month_names[month - 1], year);

  if (age == 0)
    opening = g_strdup_printf ("A baby %s on %s since %s.", who,
                               legal_statuses[file->status].plan, since);
  else
    opening = g_strdup_printf ("%s %d-year-old %s on %s since %s.",
                               age == 8 || age == 11 || age == 18 ? "An" : "A", age, who,
                               legal_statuses[file->status].plan, since);

  return g_strjoin (" ", opening, status_situations[file->status][ca_demo_between (g, 0, 2)],
                    PICK (g, case_context), NULL);
}
