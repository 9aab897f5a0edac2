// SPDX-License-Identifier: GPL-3.0-or-later
// R-H4: how far auditors and moderators agree on the four-point grade scale.
//
// Kappa (Cohen 1960; weighted, Cohen 1968) is the agreement beyond what chance would give:
// (po − pe) / (1 − pe), where po is the weighted share of pairs that agree and pe the share
// expected if the two graded independently with the same overall mix of grades. Its
// confidence interval uses the large-sample variance of Fleiss, Cohen and Everitt (1969),
// the one SAS's PROC FREQ reports as ASE, so that a council's statistician can check our
// figures with the tools they already have.

#define G_LOG_DOMAIN "ca-agreement"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ca-agreement.h"
#include "ca-date.h"
#include "ca-text.h"

#define N CA_AGREEMENT_N_GRADES

/* The normal distribution's 97.5th percentile: a two-sided 95% interval. */
#define Z_95 1.959963984540054

void
ca_agreement_table_add (CaAgreementTable *table,
                        CaGrade           auditor,
                        CaGrade           moderator)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (auditor <= CA_GRADE_INADEQUATE && moderator <= CA_GRADE_INADEQUATE);

  if (auditor == CA_GRADE_NONE || moderator == CA_GRADE_NONE)
    return;
  table->cells[auditor - CA_GRADE_OUTSTANDING][moderator - CA_GRADE_OUTSTANDING]++;
}

void
ca_agreement_table_merge (CaAgreementTable       *table,
                          const CaAgreementTable *other)
{
  g_return_if_fail (table != NULL && other != NULL);

  for (guint i = 0; i < N; i++)
    for (guint j = 0; j < N; j++)
      table->cells[i][j] += other->cells[i][j];
}

guint
ca_agreement_table_get_pairs (const CaAgreementTable *table)
{
  guint pairs = 0;

  g_return_val_if_fail (table != NULL, 0);

  for (guint i = 0; i < N; i++)
    for (guint j = 0; j < N; j++)
      pairs += table->cells[i][j];
  return pairs;
}

/* How much a pair of grades I and J apart counts as agreement: 1 for the same grade, 0 for
 * the scale's two ends. */
static double
weight (CaAgreementWeights weights,
        guint              i,
        guint              j)
{
  double apart = fabs ((double) i - (double) j) / (N - 1);

  switch (weights)
    {
    case CA_AGREEMENT_WEIGHTS_LINEAR:
      return 1.0 - apart;
    case CA_AGREEMENT_WEIGHTS_QUADRATIC:
      return 1.0 - apart * apart;
    case CA_AGREEMENT_WEIGHTS_NONE:
    default:
      return i == j ? 1.0 : 0.0;
    }
}

CaKappa
ca_agreement_kappa (const CaAgreementTable *table,
                    CaAgreementWeights      weights)
{
  CaKappa kappa = { NAN, NAN, NAN };
  double p[N][N], rows[N] = { 0, }, columns[N] = { 0, };
  double row_weight[N] = { 0, }, column_weight[N] = { 0, };
  double observed = 0, expected = 0, sum = 0, variance, spread;
  guint n;

  g_return_val_if_fail (table != NULL, kappa);

  n = ca_agreement_table_get_pairs (table);
  if (n == 0)
    return kappa;

  for (guint i = 0; i < N; i++)
    for (guint j = 0; j < N; j++)
      {
        p[i][j] = (double) table->cells[i][j] / n;
        rows[i] += p[i][j];
        columns[j] += p[i][j];
      }
  for (guint i = 0; i < N; i++)
    for (guint j = 0; j < N; j++)
      {
        observed += weight (weights, i, j) * p[i][j];
        expected += weight (weights, i, j) * rows[i] * columns[j];
      }
  /* Both gave every audit the one same grade: chance alone explains it, kappa is 0/0. */
  if (1.0 - expected < 1e-12)
    return kappa;
  kappa.value = (observed - expected) / (1.0 - expected);

  /* Fleiss, Cohen and Everitt (1969): the mean weight of each row against the columns'
   * mix, and of each column against the rows'. */
  for (guint i = 0; i < N; i++)
    for (guint j = 0; j < N; j++)
      {
        row_weight[i] += columns[j] * weight (weights, i, j);
        column_weight[j] += rows[i] * weight (weights, i, j);
      }
  for (guint i = 0; i < N; i++)
    for (guint j = 0; j < N; j++)
      {
        double term = weight (weights, i, j) -
                      (row_weight[i] + column_weight[j]) * (1.0 - kappa.value);

        sum += p[i][j] * term * term;
      }
  spread = kappa.value - expected * (1.0 - kappa.value);
  variance = (sum - spread * spread) / (n * (1.0 - expected) * (1.0 - expected));
  /* Rounding can leave a perfect table's variance a hair below nought. */
  variance = MAX (variance, 0.0);
  kappa.low = MAX (kappa.value - Z_95 * sqrt (variance), -1.0);
  kappa.high = MIN (kappa.value + Z_95 * sqrt (variance), 1.0);
  return kappa;
}

void
ca_agreement_measure (const CaAgreementTable *table,
                      CaAgreement            *agreement)
{
  g_return_if_fail (table != NULL && agreement != NULL);

  agreement->pairs = ca_agreement_table_get_pairs (table);
  agreement->exact = 0;
  agreement->within_one = 0;
  for (guint i = 0; i < N; i++)
    for (guint j = 0; j < N; j++)
      {
        if (i == j)
          agreement->exact += table->cells[i][j];
        if (i == j || i + 1 == j || j + 1 == i)
          agreement->within_one += table->cells[i][j];
      }
  agreement->kappa = ca_agreement_kappa (table, CA_AGREEMENT_WEIGHTS_NONE);
  agreement->kappa_linear = ca_agreement_kappa (table, CA_AGREEMENT_WEIGHTS_LINEAR);
  agreement->kappa_quadratic = ca_agreement_kappa (table, CA_AGREEMENT_WEIGHTS_QUADRATIC);
}

gboolean
ca_agreement_by_parse (const char    *text,
                       CaAgreementBy *by)
{
  static const char * const names[] = { "month", "quarter", "auditor", "service-area",
                                        "section" };

  int i = ca_text_find_code (names, G_N_ELEMENTS (names), text);

  if (i < 0)
    return FALSE;
  *by = CA_AGREEMENT_BY_MONTH + i;
  return TRUE;
}

void
ca_agreement_pair_free (CaAgreementPair *pair)
{
  if (pair == NULL)
    return;
  g_free (pair->month);
  g_free (pair->auditor_ref);
  g_free (pair->auditor_name);
  g_free (pair->service_area);
  g_free (pair->section);
  g_free (pair->section_title);
  g_free (pair);
}

void
ca_agreement_group_free (CaAgreementGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->key);
  g_free (group->label);
  g_free (group);
}

/* "2026-Q4" for "2026-10". */
static char *
quarter_of (const char *month)
{
  int year = 0, number = 0;

  if (sscanf (month, "%d-%d", &year, &number) != 2 || number < 1 || number > 12)
    return g_strdup (month);
  return g_strdup_printf ("%04d-Q%d", year, (number - 1) / 3 + 1);
}

/* "Oct–Dec 2026" for "2026-Q4": a council's own quarters often follow the financial year,
 * so the months are named rather than a number that could be read two ways. */
static char *
quarter_label (const char *quarter)
{
  int year = 0, number = 0;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (sscanf (quarter, "%d-Q%d", &year, &number) != 2 || number < 1 || number > 4)
    return g_strdup (quarter);
  first = g_date_time_new_utc (year, 3 * number - 2, 1, 0, 0, 0);
  last = g_date_time_new_utc (year, 3 * number, 1, 0, 0, 0);
  from = g_date_time_format (first, "%b");
  to = g_date_time_format (last, "%b");
  /* Translators: a quarter of a year: its first and last months, abbreviated, and the
   * year, “Oct–Dec 2026”. */
  return g_strdup_printf (_("%s–%s %d"), from, to, year);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const CaAgreementGroup *left = *(CaAgreementGroup * const *) a;
  const CaAgreementGroup *right = *(CaAgreementGroup * const *) b;
  CaAgreementBy by = GPOINTER_TO_INT (user_data);
  int order = 0;

  if (by == CA_AGREEMENT_BY_AUDITOR || by == CA_AGREEMENT_BY_SERVICE_AREA)
    order = g_utf8_collate (left->label, right->label);
  else if (by == CA_AGREEMENT_BY_SECTION && left->order != right->order)
    order = left->order < right->order ? -1 : 1;
  return order != 0 ? order : strcmp (left->key, right->key);
}

GPtrArray *
ca_agreement_group_pairs (GPtrArray     *pairs,
                          CaAgreementBy  by)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_agreement_group_free);
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (pairs != NULL, groups);

  if (by == CA_AGREEMENT_BY_NONE)
    {
      CaAgreementGroup *all = g_new0 (CaAgreementGroup, 1);

      all->key = g_strdup ("all");
      all->label = g_strdup (_("All moderated audits"));
      g_hash_table_insert (by_key, all->key, all);
    }
  for (guint i = 0; i < pairs->len; i++)
    {
      const CaAgreementPair *pair = pairs->pdata[i];
      g_autofree char *key = NULL;
      CaAgreementGroup *group;

      switch (by)
        {
        case CA_AGREEMENT_BY_MONTH:
          key = g_strdup (pair->month);
          break;
        case CA_AGREEMENT_BY_QUARTER:
          key = quarter_of (pair->month);
          break;
        case CA_AGREEMENT_BY_AUDITOR:
          key = g_strdup (pair->auditor_ref);
          break;
        case CA_AGREEMENT_BY_SERVICE_AREA:
          key = g_strdup (pair->service_area);
          break;
        case CA_AGREEMENT_BY_SECTION:
          key = g_strdup (pair->section != NULL ? pair->section : "overall");
          break;
        case CA_AGREEMENT_BY_NONE:
        default:
          key = g_strdup ("all");
          break;
        }
      group = g_hash_table_lookup (by_key, key);
      if (group == NULL)
        {
          group = g_new0 (CaAgreementGroup, 1);
          group->key = g_steal_pointer (&key);
          if (by == CA_AGREEMENT_BY_MONTH)
            group->label = ca_date_format_month (group->key);
          else if (by == CA_AGREEMENT_BY_QUARTER)
            group->label = quarter_label (group->key);
          else if (by == CA_AGREEMENT_BY_AUDITOR)
            group->label = g_strdup (pair->auditor_name);
          else if (by == CA_AGREEMENT_BY_SECTION)
            {
              group->label = g_strdup (pair->section_title != NULL ? pair->section_title
                                                                   : _("Overall grade"));
              group->order = pair->section_order;
            }
          else
            group->label = g_strdup (group->key);
          g_hash_table_insert (by_key, group->key, group);
        }
      ca_agreement_table_add (&group->table, pair->auditor_grade, pair->moderator_grade);
    }

  g_hash_table_iter_init (&iter, by_key);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (groups, value);
  g_ptr_array_sort_with_data (groups, compare_groups, GINT_TO_POINTER (by));
  return groups;
}

const char *
ca_agreement_kappa_strength (double kappa)
{
  if (isnan (kappa))
    return NULL;
  if (kappa < 0.0)
    return _("poor");
  if (kappa <= 0.20)
    return _("slight");
  if (kappa <= 0.40)
    return _("fair");
  if (kappa <= 0.60)
    return _("moderate");
  if (kappa <= 0.80)
    return _("substantial");
  return _("almost perfect");
}

static guint
percent (guint part,
         guint whole)
{
  return (guint) floor (100.0 * part / whole + 0.5);
}

char *
ca_agreement_describe (const CaAgreement *agreement)
{
  GString *text;
  const CaKappa *kappa;

  g_return_val_if_fail (agreement != NULL, NULL);

  if (agreement->pairs == 0)
    return g_strdup (_("Not enough moderated audits: agreement needs at least one audit graded "
                       "by both its auditor and a moderator."));

  text = g_string_new (NULL);
  /* Translators: the first %u is how many audits both graded alike, the second how many
   * were moderated, the third the share in per cent. */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "Moderators agreed exactly with the auditor on "
                                             "%u of %u audit (%u%%)",
                                             "Moderators agreed exactly with the auditor on "
                                             "%u of %u audits (%u%%)", agreement->pairs),
                          agreement->exact, agreement->pairs,
                          percent (agreement->exact, agreement->pairs));
  /* Translators: how many audits the moderator graded at most one grade away, and their
   * share in per cent. */
  g_string_append_printf (text, _(", and within one grade on %u (%u%%)."),
                          agreement->within_one,
                          percent (agreement->within_one, agreement->pairs));

  kappa = &agreement->kappa_quadratic;
  if (isnan (kappa->value))
    {
      g_string_append (text, " ");
      g_string_append (text, _("Both gave every audit the same grade, so how much of that "
                               "agreement is more than chance cannot be measured yet."));
    }
  else
    {
      g_string_append (text, " ");
      /* Translators: the first %s is a strength of agreement (“substantial”); the numbers
       * are the weighted kappa and the range it lies in with 95% confidence. */
      g_string_append_printf (text, _("Allowing for agreement by chance, agreement was %s "
                                      "(weighted kappa %.2f; with 95%% confidence between "
                                      "%.2f and %.2f)."),
                              ca_agreement_kappa_strength (kappa->value), kappa->value,
                              kappa->low, kappa->high);
      if (agreement->pairs < 10)
        {
          g_string_append (text, " ");
          g_string_append (text, _("With so few moderated audits this is only a first "
                                   "indication."));
        }
    }
  return g_string_free (text, FALSE);
}
