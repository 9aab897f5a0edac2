// SPDX-License-Identifier: GPL-3.0-or-later
// The allocation engine: every hard rule, largest-remainder shares, the seeded sample, reports
// of what cannot be placed, and a property test against an independent maximum matching.

#include "config.h"

#include <string.h>

#include "core/ca-allocation.h"
#include "core/ca-date.h"

static void
date_from (const char *text,
           GDate      *date)
{
  if (!ca_date_parse (text, date))
    g_error ("bad date in the test itself: %s", text);
}

static CaAllocationInput *
new_input (CaSampleRule rule,
           int          amount,
           guint64      seed)
{
  g_autoptr(CaAllocationSettings) settings = ca_allocation_settings_new ("2021-03");
  CaAllocationInput *input;

  date_from ("2021-03-01", &settings->allocation_date);
  settings->sample_rule = rule;
  if (rule == CA_SAMPLE_FIXED)
    settings->fixed_count = amount;
  else
    settings->sample_percent = amount;
  settings->seed = seed;
  input = ca_allocation_input_new (settings);
  return input;
}

static CaAllocationCase *
add_case (CaAllocationInput *input,
          gint64             id,
          gint64             team,
          gint64             locality,
          gint64             worker)
{
  CaAllocationCase *file = ca_allocation_case_new ();

  file->id = id;
  file->ref = g_strdup_printf ("CASE-%04" G_GINT64_FORMAT, id);
  file->team_id = team;
  file->team = g_strdup_printf ("Team %" G_GINT64_FORMAT, team);
  file->service_area_id = 1;
  file->service_area = g_strdup ("Assessment");
  file->locality_id = locality;
  file->locality = locality ? g_strdup_printf ("Locality %" G_GINT64_FORMAT, locality) : NULL;
  file->worker_id = worker;
  date_from ("2019-01-01", &file->open_date);
  ca_allocation_input_take_case (input, file);
  return file;
}

static CaAllocationAuditor *
add_auditor (CaAllocationInput *input,
             gint64             id,
             gint64             team,
             gint64             locality,
             int                capacity)
{
  CaAllocationAuditor *auditor = ca_allocation_auditor_new ();

  auditor->id = id;
  auditor->ref = g_strdup_printf ("S%05" G_GINT64_FORMAT, id);
  auditor->name = g_strdup_printf ("Auditor %" G_GINT64_FORMAT, id);
  auditor->team_id = team;
  auditor->locality_id = locality;
  auditor->locality = locality ? g_strdup_printf ("Locality %" G_GINT64_FORMAT, locality) : NULL;
  auditor->capacity = capacity;
  ca_allocation_input_take_auditor (input, auditor);
  return auditor;
}

static CaAllocationResult *
run (CaAllocationInput *input)
{
  g_autoptr(GError) error = NULL;
  CaAllocationResult *result = ca_allocation_run (input, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* ------------------------------------------------------------------------------------------
 * The generator
 * ---------------------------------------------------------------------------------------- */

static void
test_random (void)
{
  CaRandom a, b, c;
  guint counts[6] = { 0 };

  ca_random_init (&a, 42);
  ca_random_init (&b, 42);
  ca_random_init (&c, 43);
  for (int i = 0; i < 100; i++)
    g_assert_cmpuint (ca_random_next (&a), ==, ca_random_next (&b));
  g_assert_cmpuint (ca_random_next (&a), !=, ca_random_next (&c));

  /* splitmix64's first output for seed 0 is the published 0xe220a8397b1dcdaf. */
  {
    CaRandom zero;

    ca_random_init (&zero, 0);
    g_assert_cmpuint (zero.s[0], ==, G_GUINT64_CONSTANT (0xe220a8397b1dcdaf));
  }

  for (int i = 0; i < 6000; i++)
    {
      guint64 x = ca_random_below (&a, 6);

      g_assert_cmpuint (x, <, 6);
      counts[x]++;
    }
  for (int i = 0; i < 6; i++)
    g_assert_cmpuint (counts[i], >, 850);
  g_assert_cmpuint (ca_random_below (&a, 1), ==, 0);
}

/* ------------------------------------------------------------------------------------------
 * Largest-remainder shares
 * ---------------------------------------------------------------------------------------- */

static void
check_shares (const guint *sizes,
              guint        n,
              guint        total,
              const guint *expected)
{
  guint shares[16];

  memset (shares, 0xff, sizeof shares);
  ca_allocation_apportion (sizes, n, total, shares);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (shares[i], ==, expected[i]);
      g_assert_cmpuint (shares[i], <=, sizes[i]);
    }
}

static void
test_apportion (void)
{
  /* 2.5, 1.5, 1: the tie of remainders goes to the larger stratum. */
  check_shares ((guint[]) { 5, 3, 2 }, 3, 5, (guint[]) { 3, 1, 1 });
  /* A tie between equal strata goes to the earlier one, never by chance. */
  check_shares ((guint[]) { 1, 1, 1 }, 3, 2, (guint[]) { 1, 1, 0 });
  /* Largest remainder wins over size: 6×7/10 = 4.2, 4×7/10 = 2.8. */
  check_shares ((guint[]) { 6, 4 }, 2, 7, (guint[]) { 4, 3 });
  /* Empty strata get nothing, even with seats left to give. */
  check_shares ((guint[]) { 0, 4, 0 }, 3, 2, (guint[]) { 0, 2, 0 });
  check_shares ((guint[]) { 0, 1, 0, 1 }, 4, 2, (guint[]) { 0, 1, 0, 1 });
  /* Zero to share, or nothing to share it over. */
  check_shares ((guint[]) { 3, 4 }, 2, 0, (guint[]) { 0, 0 });
  check_shares ((guint[]) { 0, 0 }, 2, 5, (guint[]) { 0, 0 });
  /* More seats than cases: every case, no more. */
  check_shares ((guint[]) { 2, 3 }, 2, 10, (guint[]) { 2, 3 });
  /* Exact proportions stay exact. */
  check_shares ((guint[]) { 10, 20, 30 }, 3, 6, (guint[]) { 1, 2, 3 });
  ca_allocation_apportion (NULL, 0, 3, NULL);

  /* The shares always add up to the total (or to all the cases). */
  for (guint seed = 1; seed < 200; seed++)
    {
      CaRandom random;
      guint sizes[8], shares[8], n, total, sum = 0, given = 0;

      ca_random_init (&random, seed);
      n = 1 + (guint) ca_random_below (&random, 8);
      for (guint i = 0; i < n; i++)
        sum += sizes[i] = (guint) ca_random_below (&random, 12);
      total = (guint) ca_random_below (&random, 40);
      ca_allocation_apportion (sizes, n, total, shares);
      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpuint (shares[i], <=, sizes[i]);
          given += shares[i];
        }
      g_assert_cmpuint (given, ==, MIN (total, sum));
    }
}

/* ------------------------------------------------------------------------------------------
 * The hard rules, one at a time
 * ---------------------------------------------------------------------------------------- */

static void
test_rule_worker_and_team (void)
{
  g_autoptr(CaAllocationInput) input = new_input (CA_SAMPLE_PERCENT, 10, 1);
  CaAllocationCase *file = add_case (input, 1, 10, 1, 100);
  CaAllocationAuditor *worker = add_auditor (input, 100, 20, 1, 1);
  CaAllocationAuditor *same_team = add_auditor (input, 101, 10, 1, 1);
  CaAllocationAuditor *other = add_auditor (input, 102, 20, 1, 1);
  CaAllocationAuditor *no_team = add_auditor (input, 103, 0, 0, 1);
  const char *rule = NULL;

  g_assert_false (ca_allocation_may_audit (input, file, worker, &rule));
  g_assert_nonnull (strstr (rule, "allocated worker"));
  g_assert_false (ca_allocation_may_audit (input, file, same_team, &rule));
  g_assert_nonnull (strstr (rule, "team"));
  g_assert_true (ca_allocation_may_audit (input, file, other, &rule));
  g_assert_null (rule);
  /* The CPP has no team of its own: never the case's team. */
  g_assert_true (ca_allocation_may_audit (input, file, no_team, NULL));
}

static void
test_rule_chain_of_five (void)
{
  g_autoptr(CaAllocationInput) input = new_input (CA_SAMPLE_FIXED, 1, 1);
  CaAllocationCase *file = add_case (input, 1, 10, 1, 100);
  g_autoptr(CaAllocationResult) result = NULL;

  /* Worker 100 → 101 → 102 → 103 → 104 → 105, each manager in another team. */
  for (gint64 id = 100; id < 105; id++)
    ca_allocation_input_set_manager (input, id, id + 1);
  for (gint64 id = 101; id <= 105; id++)
    {
      CaAllocationAuditor *manager = add_auditor (input, id, 20 + id, 1, 1);
      const char *rule = NULL;

      g_assert_true (ca_allocation_in_management_chain (input, 100, id));
      g_assert_false (ca_allocation_may_audit (input, file, manager, &rule));
      g_assert_nonnull (strstr (rule, "line-management"));
    }
  /* Managed by the worker is not managing the worker. */
  ca_allocation_input_set_manager (input, 99, 100);
  g_assert_false (ca_allocation_in_management_chain (input, 100, 99));
  g_assert_true (ca_allocation_may_audit (input, file, add_auditor (input, 99, 30, 1, 1), NULL));

  /* With only the chain and the worker's subordinate, the subordinate gets it. */
  result = run (input);
  g_assert_cmpuint (result->picks->len, ==, 1);
  g_assert_cmpint (((CaAllocationPick *) result->picks->pdata[0])->auditor_id, ==, 99);
}

static void
test_rule_chain_cycle (void)
{
  g_autoptr(CaAllocationInput) input = new_input (CA_SAMPLE_FIXED, 1, 1);
  CaAllocationCase *file = add_case (input, 1, 10, 1, 1);
  g_autoptr(CaAllocationResult) result = NULL;

  /* 1 → 2 → 3 → 1: a cycle a hand-edited database could hold. The walk must end. */
  ca_allocation_input_set_manager (input, 1, 2);
  ca_allocation_input_set_manager (input, 2, 3);
  ca_allocation_input_set_manager (input, 3, 1);
  g_assert_true (ca_allocation_in_management_chain (input, 1, 2));
  g_assert_true (ca_allocation_in_management_chain (input, 1, 3));
  g_assert_false (ca_allocation_in_management_chain (input, 1, 4));
  /* A self-loop too. */
  ca_allocation_input_set_manager (input, 5, 5);
  g_assert_false (ca_allocation_in_management_chain (input, 5, 6));

  add_auditor (input, 2, 20, 1, 1);
  add_auditor (input, 3, 30, 1, 1);
  add_auditor (input, 4, 40, 1, 1);
  result = run (input);
  g_assert_cmpuint (result->picks->len, ==, 1);
  g_assert_cmpint (((CaAllocationPick *) result->picks->pdata[0])->auditor_id, ==, 4);
  (void) file;
}

static void
test_rule_repeat_and_capacity (void)
{
  g_autoptr(CaAllocationInput) input = new_input (CA_SAMPLE_PERCENT, 10, 1);
  CaAllocationCase *file = add_case (input, 1, 10, 1, 100);
  CaAllocationAuditor *recent = add_auditor (input, 201, 20, 1, 1);
  CaAllocationAuditor *long_ago = add_auditor (input, 202, 20, 1, 1);
  CaAllocationAuditor *full = add_auditor (input, 203, 20, 1, 0);
  const char *rule = NULL;
  GDate date;

  date_from ("2020-04-15", &date);   /* within 12 months of 2021-03-01 */
  ca_allocation_case_add_audit (file, 201, &date);
  date_from ("2020-02-15", &date);   /* more than 12 months before */
  ca_allocation_case_add_audit (file, 202, &date);

  g_assert_false (ca_allocation_may_audit (input, file, recent, &rule));
  g_assert_nonnull (strstr (rule, "12 months"));
  g_assert_true (ca_allocation_may_audit (input, file, long_ago, NULL));
  g_assert_false (ca_allocation_may_audit (input, file, full, &rule));
  g_assert_nonnull (strstr (rule, "capacity"));
}

/* ------------------------------------------------------------------------------------------
 * Eligibility and the sample
 * ---------------------------------------------------------------------------------------- */

static void
test_eligibility (void)
{
  g_autoptr(CaAllocationInput) input = new_input (CA_SAMPLE_PERCENT, 100, 7);
  g_autoptr(CaAllocationResult) result = NULL;
  CaAllocationCase *file;
  GDate date;

  add_case (input, 1, 10, 1, 0);                                 /* open: eligible */
  file = add_case (input, 2, 10, 1, 0);                          /* closed 30 days ago */
  date_from ("2021-01-30", &file->close_date);
  file = add_case (input, 3, 10, 1, 0);                          /* closed 120 days ago */
  date_from ("2020-11-01", &file->close_date);
  file = add_case (input, 4, 10, 1, 0);                          /* opens later */
  date_from ("2021-03-10", &file->open_date);
  file = add_case (input, 5, 10, 1, 0);                          /* audited 2 months ago */
  date_from ("2021-01-05", &date);
  ca_allocation_case_add_audit (file, 999, &date);
  file = add_case (input, 6, 10, 1, 0);                          /* audited 4 months ago */
  date_from ("2020-11-01", &date);
  ca_allocation_case_add_audit (file, 999, &date);
  file = add_case (input, 7, 10, 1, 0);                          /* restricted */
  file->restricted = TRUE;
  file = add_case (input, 8, 10, 1, 0);                          /* another service area */
  g_free (file->service_area);
  file->service_area = g_strdup ("Early Help");
  add_auditor (input, 500, 20, 1, 10);

  input->settings->service_areas = g_strdupv ((char *[]) { "Assessment", NULL });
  result = run (input);
  g_assert_cmpuint (result->n_cases, ==, 8);
  g_assert_cmpuint (result->n_eligible, ==, 3);
  g_assert_cmpuint (result->excluded[CA_EXCLUSION_CLOSED], ==, 1);
  g_assert_cmpuint (result->excluded[CA_EXCLUSION_NOT_OPEN_YET], ==, 1);
  g_assert_cmpuint (result->excluded[CA_EXCLUSION_RECENTLY_AUDITED], ==, 1);
  g_assert_cmpuint (result->excluded[CA_EXCLUSION_RESTRICTED], ==, 1);
  g_assert_cmpuint (result->excluded[CA_EXCLUSION_SERVICE_AREA], ==, 1);
  /* 100% of the 2 open eligible cases: two of the three eligible ones. */
  g_assert_cmpuint (result->n_sampled, ==, 2);
  g_clear_pointer (&result, ca_allocation_result_free);

  /* Flagged instead of left out: sampled with an access request. */
  input->settings->restricted = CA_RESTRICTED_FLAG;
  input->settings->sample_rule = CA_SAMPLE_FIXED;
  input->settings->fixed_count = 10;
  result = run (input);
  g_assert_cmpuint (result->n_eligible, ==, 4);
  g_assert_cmpuint (result->excluded[CA_EXCLUSION_RESTRICTED], ==, 0);
  for (guint i = 0; i < result->picks->len; i++)
    {
      const CaAllocationPick *pick = result->picks->pdata[i];

      g_assert_cmpint (pick->access_request, ==, g_str_equal (pick->case_ref, "CASE-0007"));
      if (pick->access_request)
        g_assert_nonnull (strstr (pick->reason, "access request"));
    }
}

static void
test_percent_rule (void)
{
  g_autoptr(CaAllocationInput) input = new_input (CA_SAMPLE_PERCENT, 10, 3);
  g_autoptr(CaAllocationResult) result = NULL;
  gint64 id = 1;

  for (int i = 0; i < 25; i++)
    add_case (input, id++, 10, 1, 0);     /* 10% of 25 = 2.5 → 3 */
  for (int i = 0; i < 10; i++)
    add_case (input, id++, 11, 1, 0);     /* 10% of 10 → 1 */
  for (int i = 0; i < 2; i++)
    {
      CaAllocationCase *closed = add_case (input, id++, 12, 1, 0);

      date_from ("2021-02-01", &closed->close_date);   /* eligible, but no open case */
    }
  add_case (input, id++, 13, 1, 0);       /* 10% of 1 → 1 */
  add_auditor (input, 900, 99, 1, 100);

  result = run (input);
  g_assert_cmpuint (result->strata->len, ==, 4);
  g_assert_cmpuint (((CaAllocationStratum *) result->strata->pdata[0])->sampled, ==, 3);
  g_assert_cmpuint (((CaAllocationStratum *) result->strata->pdata[1])->sampled, ==, 1);
  g_assert_cmpuint (((CaAllocationStratum *) result->strata->pdata[2])->sampled, ==, 0);
  g_assert_cmpuint (((CaAllocationStratum *) result->strata->pdata[3])->sampled, ==, 1);
  g_assert_cmpuint (result->picks->len, ==, 5);
  g_assert_cmpuint (result->unplaced->len, ==, 0);
}

static void
test_strata_ethnicity (void)
{
  g_autoptr(CaAllocationInput) input = new_input (CA_SAMPLE_FIXED, 4, 3);
  g_autoptr(CaAllocationResult) result = NULL;

  input->settings->strata = CA_STRATA_ETHNICITY;
  for (gint64 id = 1; id <= 8; id++)
    {
      CaAllocationCase *file = add_case (input, id, 10, 1, 0);

      file->ethnicity = id <= 6 ? g_strdup ("WBRI") : NULL;
    }
  add_auditor (input, 900, 99, 1, 100);
  result = run (input);
  /* 6 and 2 of 8 → 3 and 1 of 4. */
  g_assert_cmpuint (result->strata->len, ==, 2);
  g_assert_cmpstr (((CaAllocationStratum *) result->strata->pdata[0])->label, ==,
                   "Assessment / Team 10 / WBRI");
  g_assert_cmpuint (((CaAllocationStratum *) result->strata->pdata[0])->sampled, ==, 3);
  g_assert_cmpuint (((CaAllocationStratum *) result->strata->pdata[1])->sampled, ==, 1);
}

/* ------------------------------------------------------------------------------------------
 * Random authorities
 * ---------------------------------------------------------------------------------------- */

typedef struct
{
  guint n_teams, n_localities, n_staff, n_cases;
  gboolean cycles;
} Shape;

static CaAllocationInput *
random_authority (guint64      seed,
                  const Shape *shape,
                  CaSampleRule rule,
                  int          amount)
{
  CaAllocationInput *input = new_input (rule, amount, seed);
  CaRandom random;
  g_autofree gint64 *team_of = NULL;

  ca_random_init (&random, seed * 7919 + 1);
  team_of = g_new0 (gint64, shape->n_staff + 1);
  for (guint s = 1; s <= shape->n_staff; s++)
    {
      team_of[s] = 1 + (gint64) ca_random_below (&random, shape->n_teams);
      /* Mostly a tree (managers have smaller numbers); now and then any link at all. */
      if (s > 1 && ca_random_below (&random, 5) != 0)
        ca_allocation_input_set_manager (input, (gint64) s,
                                         1 + (gint64) ca_random_below (&random, s - 1));
      else if (shape->cycles && ca_random_below (&random, 3) == 0)
        ca_allocation_input_set_manager (input, (gint64) s,
                                         1 + (gint64) ca_random_below (&random, shape->n_staff));
      if (ca_random_below (&random, 3) != 0)
        add_auditor (input, (gint64) s, ca_random_below (&random, 6) == 0 ? 0 : team_of[s],
                     1 + (gint64) ca_random_below (&random, shape->n_localities),
                     (int) ca_random_below (&random, 3));
    }
  for (guint c = 1; c <= shape->n_cases; c++)
    {
      gint64 worker = 1 + (gint64) ca_random_below (&random, shape->n_staff);
      CaAllocationCase *file = add_case (input, (gint64) c, team_of[worker],
                                         (gint64) ca_random_below (&random,
                                                                   shape->n_localities + 1),
                                         worker);

      for (guint k = ca_random_below (&random, 3); k > 0; k--)
        {
          GDate date;

          date_from ("2019-09-01", &date);
          g_date_add_days (&date, (guint) ca_random_below (&random, 540));
          ca_allocation_case_add_audit (file,
                                        1 + (gint64) ca_random_below (&random, shape->n_staff),
                                        &date);
        }
    }
  return input;
}

static gboolean
json_like_equal (const CaAllocationResult *a,
                 const CaAllocationResult *b)
{
  if (a->picks->len != b->picks->len || a->unplaced->len != b->unplaced->len)
    return FALSE;
  for (guint i = 0; i < a->picks->len; i++)
    {
      const CaAllocationPick *x = a->picks->pdata[i], *y = b->picks->pdata[i];

      if (g_strcmp0 (x->case_ref, y->case_ref) != 0 ||
          g_strcmp0 (x->auditor_ref, y->auditor_ref) != 0 ||
          g_strcmp0 (x->stratum, y->stratum) != 0 || g_strcmp0 (x->reason, y->reason) != 0)
        return FALSE;
    }
  for (guint i = 0; i < a->unplaced->len; i++)
    {
      const CaAllocationUnplaced *x = a->unplaced->pdata[i], *y = b->unplaced->pdata[i];

      if (g_strcmp0 (x->case_ref, y->case_ref) != 0 || g_strcmp0 (x->reason, y->reason) != 0)
        return FALSE;
    }
  return memcmp (a->excluded, b->excluded, sizeof a->excluded) == 0;
}

static void
test_reproducible (void)
{
  Shape shape = { 6, 3, 60, 200, FALSE };
  g_autoptr(CaAllocationInput) input = random_authority (11, &shape, CA_SAMPLE_PERCENT, 20);
  g_autoptr(CaAllocationInput) shuffled = random_authority (11, &shape, CA_SAMPLE_PERCENT, 20);
  g_autoptr(CaAllocationResult) first = NULL;
  g_autoptr(CaAllocationResult) second = NULL;
  g_autoptr(CaAllocationResult) reordered = NULL;
  g_autoptr(CaAllocationResult) other = NULL;

  first = run (input);
  second = run (input);
  g_assert_cmpuint (first->n_sampled, >, 10);
  g_assert_true (json_like_equal (first, second));

  /* The order the cases and auditors arrive in does not matter: reverse them. */
  for (guint i = 0, j = shuffled->cases->len - 1; i < j; i++, j--)
    {
      gpointer swap = shuffled->cases->pdata[i];

      shuffled->cases->pdata[i] = shuffled->cases->pdata[j];
      shuffled->cases->pdata[j] = swap;
    }
  for (guint i = 0, j = shuffled->auditors->len - 1; i < j; i++, j--)
    {
      gpointer swap = shuffled->auditors->pdata[i];

      shuffled->auditors->pdata[i] = shuffled->auditors->pdata[j];
      shuffled->auditors->pdata[j] = swap;
    }
  reordered = run (shuffled);
  g_assert_true (json_like_equal (first, reordered));

  /* Another seed draws another sample. */
  input->settings->seed = 12;
  other = run (input);
  g_assert_false (json_like_equal (first, other));
}

/* ------------------------------------------------------------------------------------------
 * Maximum, not first-fit; the soft rule; infeasible inputs
 * ---------------------------------------------------------------------------------------- */

static void
test_maximum_not_first_fit (void)
{
  g_autoptr(CaAllocationInput) input = new_input (CA_SAMPLE_FIXED, 2, 1);
  g_autoptr(CaAllocationResult) result = NULL;

  /* Case 1 may go to A (200) or B (201); case 2 only to A (B is in its team). First-fit in
   * case order would give case 1 to A and strand case 2. */
  add_case (input, 1, 10, 1, 0);
  add_case (input, 2, 21, 1, 0);
  add_auditor (input, 200, 30, 1, 1);
  add_auditor (input, 201, 21, 1, 1);

  result = run (input);
  g_assert_cmpuint (result->picks->len, ==, 2);
  g_assert_cmpuint (result->unplaced->len, ==, 0);
  g_assert_cmpint (((CaAllocationPick *) result->picks->pdata[0])->auditor_id, ==, 201);
  g_assert_cmpint (((CaAllocationPick *) result->picks->pdata[1])->auditor_id, ==, 200);
}

static void
test_same_locality_preferred (void)
{
  g_autoptr(CaAllocationInput) input = new_input (CA_SAMPLE_FIXED, 2, 1);
  g_autoptr(CaAllocationResult) result = NULL;

  add_case (input, 1, 10, 1, 0);       /* locality 1 */
  add_case (input, 2, 10, 2, 0);       /* locality 2 */
  add_auditor (input, 300, 20, 2, 1);
  add_auditor (input, 301, 20, 1, 1);
  add_auditor (input, 302, 20, 3, 1);

  result = run (input);
  g_assert_cmpuint (result->picks->len, ==, 2);
  g_assert_cmpuint (result->n_same_locality, ==, 2);
  g_assert_cmpint (((CaAllocationPick *) result->picks->pdata[0])->auditor_id, ==, 301);
  g_assert_cmpint (((CaAllocationPick *) result->picks->pdata[1])->auditor_id, ==, 300);
  g_assert_nonnull (strstr (((CaAllocationPick *) result->picks->pdata[0])->reason,
                            "same locality"));
}

static void
test_infeasible_reported (void)
{
  g_autoptr(CaAllocationInput) input = new_input (CA_SAMPLE_FIXED, 4, 1);
  g_autoptr(CaAllocationInput) nobody = new_input (CA_SAMPLE_FIXED, 1, 1);
  g_autoptr(CaAllocationResult) result = NULL;
  g_autoptr(CaAllocationResult) empty = NULL;
  const CaAllocationUnplaced *blocked = NULL;
  guint n_capacity = 0;

  /* Case 1: only its own team's manager has capacity. Cases 2–4 compete for one place. */
  add_case (input, 1, 10, 1, 50);
  add_case (input, 2, 20, 1, 0);
  add_case (input, 3, 20, 1, 0);
  add_case (input, 4, 20, 1, 0);
  add_auditor (input, 60, 10, 1, 1);
  ca_allocation_input_set_manager (input, 50, 60);
  add_auditor (input, 70, 30, 1, 0);   /* no capacity left */

  result = run (input);
  g_assert_cmpuint (result->n_sampled, ==, 4);
  g_assert_cmpuint (result->picks->len + result->unplaced->len, ==, 4);
  g_assert_cmpuint (result->picks->len, ==, 1);
  for (guint i = 0; i < result->unplaced->len; i++)
    {
      const CaAllocationUnplaced *unplaced = result->unplaced->pdata[i];

      g_assert_nonnull (unplaced->reason);
      if (unplaced->case_id == 1)
        blocked = unplaced;
      else if (unplaced->block == CA_BLOCK_CAPACITY)
        n_capacity++;
    }
  g_assert_nonnull (blocked);
  g_assert_cmpint (blocked->block, ==, CA_BLOCK_CAPACITY);   /* auditor 70 could, if free */
  g_assert_cmpuint (n_capacity, ==, 2);

  /* Without auditor 70 the rules, not capacity, block case 1. */
  g_ptr_array_remove_index (input->auditors, 1);
  g_clear_pointer (&result, ca_allocation_result_free);
  result = run (input);
  for (guint i = 0; i < result->unplaced->len; i++)
    {
      const CaAllocationUnplaced *unplaced = result->unplaced->pdata[i];

      if (unplaced->case_id == 1)
        {
          g_assert_cmpint (unplaced->block, ==, CA_BLOCK_HARD_RULES);
          g_assert_nonnull (strstr (unplaced->reason, "line-management chain"));
        }
    }

  /* Nobody at all. */
  add_case (nobody, 1, 10, 1, 0);
  empty = run (nobody);
  g_assert_cmpuint (empty->unplaced->len, ==, 1);
  g_assert_cmpint (((CaAllocationUnplaced *) empty->unplaced->pdata[0])->block, ==,
                   CA_BLOCK_NO_AUDITORS);
}

static void
test_bad_settings (void)
{
  g_autoptr(CaAllocationSettings) settings = ca_allocation_settings_new ("2021-13");
  g_autoptr(GError) error = NULL;
  GDate day;

  g_assert_false (ca_allocation_settings_validate (settings, &error));
  g_assert_error (error, CA_ALLOCATION_ERROR, CA_ALLOCATION_ERROR_INVALID);
  g_assert_false (ca_allocation_parse_month ("2021-3", &day));
  g_assert_false (ca_allocation_parse_month ("21-03-01", &day));
  g_assert_false (ca_allocation_parse_month ("2021-00", &day));
  g_assert_false (ca_allocation_parse_month ("abcd-ef", &day));
  g_assert_false (ca_allocation_parse_month (NULL, &day));
  g_assert_true (ca_allocation_parse_month ("2021-12", &day));
  g_assert_cmpint (g_date_get_month (&day), ==, 12);
}

/* ------------------------------------------------------------------------------------------
 * The property test: on random authorities no pick breaks a hard rule, no auditor goes over
 * capacity, and the number placed equals an independent maximum bipartite matching (Kuhn's
 * augmenting paths over auditors expanded into one slot per unit of capacity). On the
 * smallest ones, the count outside the locality equals a brute-force minimum too.
 * ---------------------------------------------------------------------------------------- */

typedef struct
{
  guint      n_cases;
  guint      n_slots;
  gboolean **allowed;   /* [case][slot] */
  int      **cost;
  int       *slot_of_case;
  int       *case_of_slot;
  gboolean  *seen;
} Bipartite;

static gboolean
kuhn_try (Bipartite *g,
          guint      c)
{
  for (guint s = 0; s < g->n_slots; s++)
    {
      if (!g->allowed[c][s] || g->seen[s])
        continue;
      g->seen[s] = TRUE;
      if (g->case_of_slot[s] < 0 || kuhn_try (g, (guint) g->case_of_slot[s]))
        {
          g->case_of_slot[s] = (int) c;
          g->slot_of_case[c] = (int) s;
          return TRUE;
        }
    }
  return FALSE;
}

static guint
kuhn_maximum (Bipartite *g)
{
  guint size = 0;

  for (guint s = 0; s < g->n_slots; s++)
    g->case_of_slot[s] = -1;
  for (guint c = 0; c < g->n_cases; c++)
    {
      memset (g->seen, 0, g->n_slots * sizeof *g->seen);
      size += kuhn_try (g, c);
    }
  return size;
}

/* Best (size, −cost) over every assignment: each case to a free slot or to nobody. */
static void
brute_force (Bipartite *g,
             guint      c,
             gboolean  *used,
             guint      size,
             int        cost,
             guint     *best_size,
             int       *best_cost)
{
  if (c == g->n_cases)
    {
      if (size > *best_size || (size == *best_size && cost < *best_cost))
        {
          *best_size = size;
          *best_cost = cost;
        }
      return;
    }
  brute_force (g, c + 1, used, size, cost, best_size, best_cost);
  for (guint s = 0; s < g->n_slots; s++)
    if (g->allowed[c][s] && !used[s])
      {
        used[s] = TRUE;
        brute_force (g, c + 1, used, size + 1, cost + g->cost[c][s], best_size, best_cost);
        used[s] = FALSE;
      }
}

/* Written apart from the engine: a walk up the chain with a set of those already seen. */
static gboolean
manages (const CaAllocationInput *input,
         gint64                   worker,
         gint64                   auditor)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 *current = g_hash_table_lookup (input->managers, &worker);

  while (current != NULL && !g_hash_table_contains (seen, current))
    {
      if (*current == auditor)
        return TRUE;
      g_hash_table_add (seen, current);
      current = g_hash_table_lookup (input->managers, current);
    }
  return FALSE;
}

static gboolean
allowed_independently (const CaAllocationInput   *input,
                       const CaAllocationCase    *file,
                       const CaAllocationAuditor *auditor)
{
  GDate since = input->settings->allocation_date;

  g_date_subtract_months (&since, 12);
  if (auditor->id == file->worker_id || auditor->capacity <= 0 ||
      (auditor->team_id != 0 && auditor->team_id == file->team_id) ||
      manages (input, file->worker_id, auditor->id))
    return FALSE;
  for (guint i = 0; i < file->past_audits->len; i++)
    {
      const CaAllocationPastAudit *past = &g_array_index (file->past_audits,
                                                           CaAllocationPastAudit, i);

      if (past->auditor_id == auditor->id && g_date_compare (&past->date, &since) > 0)
        return FALSE;
    }
  return TRUE;
}

static const CaAllocationCase *
find_case (const CaAllocationInput *input,
           gint64                   id)
{
  for (guint i = 0; i < input->cases->len; i++)
    if (((CaAllocationCase *) input->cases->pdata[i])->id == id)
      return input->cases->pdata[i];
  g_assert_not_reached ();
}

static void
check_property (guint64 seed)
{
  CaRandom random;
  Shape shape;
  g_autoptr(CaAllocationInput) input = NULL;
  g_autoptr(CaAllocationResult) result = NULL;
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);
  g_autoptr(GPtrArray) sampled = g_ptr_array_new ();
  g_autoptr(GArray) slot_auditor = g_array_new (FALSE, FALSE, sizeof (guint));
  Bipartite g = { 0 };
  guint n_outside = 0, maximum;

  ca_random_init (&random, seed);
  shape.n_teams = 1 + (guint) ca_random_below (&random, 5);
  shape.n_localities = 1 + (guint) ca_random_below (&random, 3);
  shape.n_staff = 2 + (guint) ca_random_below (&random, 12);
  shape.n_cases = 1 + (guint) ca_random_below (&random, 14);
  shape.cycles = ca_random_below (&random, 4) == 0;
  input = random_authority (seed, &shape, CA_SAMPLE_PERCENT, 100);
  result = run (input);

  g_assert_cmpuint (result->picks->len + result->unplaced->len, ==, result->n_sampled);

  /* Every pick keeps every hard rule; nobody over capacity; no case twice. */
  for (guint i = 0; i < result->picks->len; i++)
    {
      const CaAllocationPick *pick = result->picks->pdata[i];
      const CaAllocationCase *file = find_case (input, pick->case_id);
      const CaAllocationAuditor *auditor = NULL;
      guint count;

      for (guint a = 0; a < input->auditors->len; a++)
        if (((CaAllocationAuditor *) input->auditors->pdata[a])->id == pick->auditor_id)
          auditor = input->auditors->pdata[a];
      g_assert_nonnull (auditor);
      g_assert_true (allowed_independently (input, file, auditor));
      count = GPOINTER_TO_UINT (g_hash_table_lookup (used, &auditor->id)) + 1;
      g_hash_table_insert (used, (gpointer) &auditor->id, GUINT_TO_POINTER (count));
      g_assert_cmpuint (count, <=, (guint) auditor->capacity);
      for (guint j = 0; j < sampled->len; j++)
        g_assert_true (sampled->pdata[j] != file);
      g_ptr_array_add (sampled, (gpointer) file);
      n_outside += !pick->same_locality;
    }
  for (guint i = 0; i < result->unplaced->len; i++)
    g_ptr_array_add (sampled, (gpointer) find_case (input,
                                                     ((CaAllocationUnplaced *) result->unplaced->pdata[i])->case_id));

  /* The independent maximum over the same sampled cases. */
  for (guint a = 0; a < input->auditors->len; a++)
    for (int k = 0; k < ((CaAllocationAuditor *) input->auditors->pdata[a])->capacity; k++)
      g_array_append_val (slot_auditor, a);
  g.n_cases = sampled->len;
  g.n_slots = slot_auditor->len;
  g.allowed = g_new0 (gboolean *, MAX (g.n_cases, 1));
  g.cost = g_new0 (int *, MAX (g.n_cases, 1));
  g.slot_of_case = g_new0 (int, MAX (g.n_cases, 1));
  g.case_of_slot = g_new0 (int, MAX (g.n_slots, 1));
  g.seen = g_new0 (gboolean, MAX (g.n_slots, 1));
  for (guint c = 0; c < g.n_cases; c++)
    {
      const CaAllocationCase *file = sampled->pdata[c];

      g.allowed[c] = g_new0 (gboolean, MAX (g.n_slots, 1));
      g.cost[c] = g_new0 (int, MAX (g.n_slots, 1));
      for (guint s = 0; s < g.n_slots; s++)
        {
          const CaAllocationAuditor *auditor =
            input->auditors->pdata[g_array_index (slot_auditor, guint, s)];

          g.allowed[c][s] = allowed_independently (input, file, auditor);
          g.cost[c][s] = file->locality_id != 0 && file->locality_id == auditor->locality_id
                         ? 0 : 1;
        }
    }
  maximum = kuhn_maximum (&g);
  g_assert_cmpuint (result->picks->len, ==, maximum);

  if (g.n_cases <= 7 && g.n_slots <= 9)
    {
      g_autofree gboolean *taken = g_new0 (gboolean, MAX (g.n_slots, 1));
      guint best_size = 0;
      int best_cost = G_MAXINT;

      brute_force (&g, 0, taken, 0, 0, &best_size, &best_cost);
      g_assert_cmpuint (best_size, ==, maximum);
      g_assert_cmpint (best_cost, ==, (int) n_outside);
    }

  for (guint c = 0; c < g.n_cases; c++)
    {
      g_free (g.allowed[c]);
      g_free (g.cost[c]);
    }
  g_free (g.allowed);
  g_free (g.cost);
  g_free (g.slot_of_case);
  g_free (g.case_of_slot);
  g_free (g.seen);
}

static void
test_property (void)
{
  for (guint64 seed = 1; seed <= 200; seed++)
    check_property (seed);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/allocation/random", test_random);
  g_test_add_func ("/allocation/apportion", test_apportion);
  g_test_add_func ("/allocation/rules/worker-and-team", test_rule_worker_and_team);
  g_test_add_func ("/allocation/rules/chain-of-five", test_rule_chain_of_five);
  g_test_add_func ("/allocation/rules/chain-cycle", test_rule_chain_cycle);
  g_test_add_func ("/allocation/rules/repeat-and-capacity", test_rule_repeat_and_capacity);
  g_test_add_func ("/allocation/eligibility", test_eligibility);
  g_test_add_func ("/allocation/percent-rule", test_percent_rule);
  g_test_add_func ("/allocation/strata-ethnicity", test_strata_ethnicity);
  g_test_add_func ("/allocation/reproducible", test_reproducible);
  g_test_add_func ("/allocation/maximum-not-first-fit", test_maximum_not_first_fit);
  g_test_add_func ("/allocation/same-locality-preferred", test_same_locality_preferred);
  g_test_add_func ("/allocation/infeasible-reported", test_infeasible_reported);
  g_test_add_func ("/allocation/bad-settings", test_bad_settings);
  g_test_add_func ("/allocation/property", test_property);

  return g_test_run ();
}
