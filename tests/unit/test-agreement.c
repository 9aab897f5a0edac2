// SPDX-License-Identifier: GPL-3.0-or-later
// R-H4: agreement between auditors and moderators, checked against published worked
// examples and against edge cases worked by hand.

#include "config.h"

#include <math.h>
#include <string.h>

#include "core/ca-agreement.h"

#define O CA_GRADE_OUTSTANDING
#define G CA_GRADE_GOOD
#define RI CA_GRADE_REQUIRES_IMPROVEMENT
#define I CA_GRADE_INADEQUATE

static void
fill (CaAgreementTable *table,
      const guint       cells[4][4])
{
  memset (table, 0, sizeof *table);
  for (guint i = 0; i < 4; i++)
    for (guint j = 0; j < 4; j++)
      for (guint k = 0; k < cells[i][j]; k++)
        ca_agreement_table_add (table, O + i, O + j);
}

/* SAS/STAT's PROC FREQ "Agreement Study": two dermatologists rate 88 patients on a
 * four-point scale (terrible, poor, marginal, clear). SAS reports the simple kappa as
 * 0.3449 with ASE 0.0724 and 95% limits 0.2030 and 0.4868, and the weighted kappa with
 * Cicchetti–Allison (our linear) weights as 0.5082. The quadratic figures were worked by
 * hand from the same formulas. */
static void
test_published_example (void)
{
  static const guint skin[4][4] = {
    { 10, 4, 1, 0 },
    { 5, 10, 12, 2 },
    { 2, 4, 12, 5 },
    { 0, 2, 6, 13 },
  };
  CaAgreementTable table;
  CaAgreement agreement;

  fill (&table, skin);
  ca_agreement_measure (&table, &agreement);

  g_assert_cmpuint (agreement.pairs, ==, 88);
  g_assert_cmpuint (agreement.exact, ==, 45);
  g_assert_cmpuint (agreement.within_one, ==, 45 + 4 + 12 + 5 + 5 + 4 + 6);
  g_assert_cmpfloat_with_epsilon (agreement.kappa.value, 0.3449, 0.00005);
  g_assert_cmpfloat_with_epsilon (agreement.kappa.low, 0.2030, 0.00005);
  g_assert_cmpfloat_with_epsilon (agreement.kappa.high, 0.4868, 0.00005);
  g_assert_cmpfloat_with_epsilon (agreement.kappa_linear.value, 0.5082, 0.00005);
  g_assert_cmpfloat_with_epsilon (agreement.kappa_linear.low, 0.3798, 0.00005);
  g_assert_cmpfloat_with_epsilon (agreement.kappa_linear.high, 0.6366, 0.00005);
  g_assert_cmpfloat_with_epsilon (agreement.kappa_quadratic.value, 0.6607, 0.00005);
  g_assert_cmpfloat_with_epsilon (agreement.kappa_quadratic.low, 0.5399, 0.00005);
  g_assert_cmpfloat_with_epsilon (agreement.kappa_quadratic.high, 0.7815, 0.00005);
}

/* Cohen's kappa's textbook example (as Wikipedia gives it): 50 pairs, 20 and 15 agree, 5
 * and 10 do not. po = 0.7, pe = 0.5 × 0.6 + 0.5 × 0.4 = 0.5, so kappa = 0.4. Here on two
 * neighbouring grades (Outstanding and Good), where a weight only scales the one kind of
 * disagreement, so the weighted kappas are 0.4 too: worked below. */
static void
test_two_grades (void)
{
  static const guint cells[4][4] = {
    { 20, 5, 0, 0 },
    { 10, 15, 0, 0 },
    { 0, },
    { 0, },
  };
  CaAgreementTable table;
  CaKappa kappa;

  fill (&table, cells);
  kappa = ca_agreement_kappa (&table, CA_AGREEMENT_WEIGHTS_NONE);
  g_assert_cmpfloat_with_epsilon (kappa.value, 0.4, 1e-12);
  /* Linear: a step counts 2/3. po = 0.7 + 0.3 × 2/3 = 0.9; pe = 0.5 + 0.5 × 2/3 = 5/6;
   * kappa = (0.9 − 5/6) / (1/6) = 0.4. */
  kappa = ca_agreement_kappa (&table, CA_AGREEMENT_WEIGHTS_LINEAR);
  g_assert_cmpfloat_with_epsilon (kappa.value, 0.4, 1e-12);
  /* Quadratic: a step counts 8/9, and kappa is again 0.4 (one kind of disagreement). */
  kappa = ca_agreement_kappa (&table, CA_AGREEMENT_WEIGHTS_QUADRATIC);
  g_assert_cmpfloat_with_epsilon (kappa.value, 0.4, 1e-12);
}

static void
test_perfect (void)
{
  static const guint cells[4][4] = {
    { 3, 0, 0, 0 },
    { 0, 5, 0, 0 },
    { 0, 0, 4, 0 },
    { 0, 0, 0, 8 },
  };
  CaAgreementTable table;
  CaAgreement agreement;
  g_autofree char *text = NULL;

  fill (&table, cells);
  ca_agreement_measure (&table, &agreement);
  g_assert_cmpuint (agreement.pairs, ==, 20);
  g_assert_cmpuint (agreement.exact, ==, 20);
  g_assert_cmpuint (agreement.within_one, ==, 20);
  g_assert_cmpfloat_with_epsilon (agreement.kappa.value, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (agreement.kappa_linear.value, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (agreement.kappa_quadratic.value, 1.0, 1e-12);
  /* No spread at all: the interval is the point itself, never past 1. */
  g_assert_cmpfloat_with_epsilon (agreement.kappa_quadratic.low, 1.0, 1e-6);
  g_assert_cmpfloat (agreement.kappa_quadratic.high, <=, 1.0);

  text = ca_agreement_describe (&agreement);
  g_assert_nonnull (strstr (text, "20 of 20 audits (100%)"));
  g_assert_nonnull (strstr (text, "almost perfect"));
}

/* Every audit graded Inadequate by both: they agree, but chance would too, so kappa is not
 * defined and is not a division by nought. */
static void
test_single_grade (void)
{
  CaAgreementTable table = { { { 0, } } };
  CaAgreement agreement;
  g_autofree char *text = NULL;

  for (guint k = 0; k < 6; k++)
    ca_agreement_table_add (&table, I, I);
  ca_agreement_measure (&table, &agreement);
  g_assert_cmpuint (agreement.pairs, ==, 6);
  g_assert_cmpuint (agreement.exact, ==, 6);
  g_assert_true (isnan (agreement.kappa.value));
  g_assert_true (isnan (agreement.kappa_linear.value));
  g_assert_true (isnan (agreement.kappa_quadratic.value));
  g_assert_true (isnan (agreement.kappa_quadratic.low));

  text = ca_agreement_describe (&agreement);
  g_assert_nonnull (strstr (text, "6 of 6 audits"));
  g_assert_nonnull (strstr (text, "cannot be measured yet"));
}

static void
test_empty (void)
{
  CaAgreementTable table = { { { 0, } } };
  CaAgreement agreement;
  g_autofree char *text = NULL;

  /* An audit either left ungraded does not count. */
  ca_agreement_table_add (&table, CA_GRADE_NONE, G);
  ca_agreement_table_add (&table, G, CA_GRADE_NONE);
  ca_agreement_measure (&table, &agreement);
  g_assert_cmpuint (agreement.pairs, ==, 0);
  g_assert_cmpuint (agreement.exact, ==, 0);
  g_assert_true (isnan (agreement.kappa.value));
  text = ca_agreement_describe (&agreement);
  g_assert_cmpstr (text, ==, "Not enough moderated audits: agreement needs at least one audit "
                             "graded by both its auditor and a moderator.");
}

/* Worse than chance: the moderator reverses every grade. */
static void
test_reversed (void)
{
  static const guint cells[4][4] = {
    { 0, 0, 0, 5 },
    { 0, 0, 5, 0 },
    { 0, 5, 0, 0 },
    { 5, 0, 0, 0 },
  };
  CaAgreementTable table;
  CaAgreement agreement;

  fill (&table, cells);
  ca_agreement_measure (&table, &agreement);
  g_assert_cmpuint (agreement.exact, ==, 0);
  g_assert_cmpuint (agreement.within_one, ==, 10);
  g_assert_cmpfloat (agreement.kappa.value, <, 0.0);
  /* Unweighted: po = 0, pe = 4 × 1/16, kappa = −0.25 / 0.75 = −1/3. Quadratic: po = half
   * the pairs at 8/9 = 4/9; pe = the mean weight over a uniform table = (4 + 6 × 8/9 +
   * 4 × 5/9 + 2 × 0) / 16 = 13/18; kappa = (4/9 − 13/18) / (5/18) = −1, the least it can
   * be, and its interval does not go below it. */
  g_assert_cmpfloat_with_epsilon (agreement.kappa.value, -1.0 / 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (agreement.kappa_quadratic.value, -1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (agreement.kappa_quadratic.low, -1.0, 1e-6);
  g_assert_cmpstr (ca_agreement_kappa_strength (agreement.kappa.value), ==, "poor");
}

static void
test_grouping (void)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_agreement_pair_free);
  g_autoptr(GPtrArray) groups = NULL;
  static const struct { const char *month, *ref, *name, *area; CaGrade a, m; } rows[] = {
    { "2026-11", "S2", "Zoe Able", "Early Help", G, G },
    { "2026-10", "S1", "Amir Baker", "Early Help", I, RI },
    { "2026-02", "S1", "Amir Baker", "Looked After Children", G, G },
    { "2025-12", "S2", "Zoe Able", "Looked After Children", O, G },
  };
  CaAgreementBy by = CA_AGREEMENT_BY_NONE;
  CaAgreementGroup *group;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      CaAgreementPair *pair = g_new0 (CaAgreementPair, 1);

      pair->month = g_strdup (rows[i].month);
      pair->auditor_ref = g_strdup (rows[i].ref);
      pair->auditor_name = g_strdup (rows[i].name);
      pair->service_area = g_strdup (rows[i].area);
      pair->auditor_grade = rows[i].a;
      pair->moderator_grade = rows[i].m;
      g_ptr_array_add (pairs, pair);
    }

  g_assert_true (ca_agreement_by_parse ("quarter", &by));
  g_assert_cmpint (by, ==, CA_AGREEMENT_BY_QUARTER);
  g_assert_true (ca_agreement_by_parse ("service-area", &by));
  g_assert_false (ca_agreement_by_parse ("week", &by));

  groups = ca_agreement_group_pairs (pairs, CA_AGREEMENT_BY_QUARTER);
  g_assert_cmpuint (groups->len, ==, 3);
  group = groups->pdata[0];
  g_assert_cmpstr (group->key, ==, "2025-Q4");
  g_assert_cmpstr (group->label, ==, "Oct–Dec 2025");
  g_assert_cmpuint (group->table.cells[0][1], ==, 1);
  group = groups->pdata[2];
  g_assert_cmpstr (group->key, ==, "2026-Q4");
  g_assert_cmpuint (ca_agreement_table_get_pairs (&group->table), ==, 2);
  g_clear_pointer (&groups, g_ptr_array_unref);

  /* Auditors by name, keyed by their staff ID. */
  groups = ca_agreement_group_pairs (pairs, CA_AGREEMENT_BY_AUDITOR);
  g_assert_cmpuint (groups->len, ==, 2);
  g_assert_cmpstr (((CaAgreementGroup *) groups->pdata[0])->key, ==, "S1");
  g_assert_cmpstr (((CaAgreementGroup *) groups->pdata[0])->label, ==, "Amir Baker");
  g_clear_pointer (&groups, g_ptr_array_unref);

  groups = ca_agreement_group_pairs (pairs, CA_AGREEMENT_BY_MONTH);
  g_assert_cmpuint (groups->len, ==, 4);
  g_assert_cmpstr (((CaAgreementGroup *) groups->pdata[0])->key, ==, "2025-12");
  g_assert_cmpstr (((CaAgreementGroup *) groups->pdata[0])->label, ==, "December 2025");
  g_clear_pointer (&groups, g_ptr_array_unref);

  /* Sections in their tool's order, not by name: Review (5th) after Planning (2nd). */
  g_assert_true (ca_agreement_by_parse ("section", &by));
  g_assert_cmpint (by, ==, CA_AGREEMENT_BY_SECTION);
  for (guint i = 0; i < pairs->len; i++)
    {
      CaAgreementPair *pair = pairs->pdata[i];

      pair->section = g_strdup (i % 2 == 0 ? "review" : "planning");
      pair->section_title = g_strdup (i % 2 == 0 ? "Review" : "Planning");
      pair->section_order = i % 2 == 0 ? 5 : 2;
    }
  groups = ca_agreement_group_pairs (pairs, CA_AGREEMENT_BY_SECTION);
  g_assert_cmpuint (groups->len, ==, 2);
  g_assert_cmpstr (((CaAgreementGroup *) groups->pdata[0])->key, ==, "planning");
  g_assert_cmpstr (((CaAgreementGroup *) groups->pdata[0])->label, ==, "Planning");
  g_assert_cmpstr (((CaAgreementGroup *) groups->pdata[1])->label, ==, "Review");
  g_assert_cmpuint (ca_agreement_table_get_pairs (&((CaAgreementGroup *) groups->pdata[1])->table),
                    ==, 2);
  g_clear_pointer (&groups, g_ptr_array_unref);

  /* All together is one group, even with nothing in it. */
  g_ptr_array_set_size (pairs, 0);
  groups = ca_agreement_group_pairs (pairs, CA_AGREEMENT_BY_NONE);
  g_assert_cmpuint (groups->len, ==, 1);
  g_assert_cmpstr (((CaAgreementGroup *) groups->pdata[0])->key, ==, "all");
  g_assert_cmpuint (ca_agreement_table_get_pairs (&((CaAgreementGroup *) groups->pdata[0])->table),
                    ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agreement/published-example", test_published_example);
  g_test_add_func ("/agreement/two-grades", test_two_grades);
  g_test_add_func ("/agreement/perfect", test_perfect);
  g_test_add_func ("/agreement/single-grade", test_single_grade);
  g_test_add_func ("/agreement/empty", test_empty);
  g_test_add_func ("/agreement/reversed", test_reversed);
  g_test_add_func ("/agreement/grouping", test_grouping);

  return g_test_run ();
}
