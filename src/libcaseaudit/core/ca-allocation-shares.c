// SPDX-License-Identifier: GPL-3.0-or-later
// How many cases each stratum of the monthly allocation's sample gives: the strata and
// their largest-remainder shares (R-D4).

#define G_LOG_DOMAIN "ca-allocation"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ca-allocation.h"
#include "ca-allocation-private.h"
#include "ca-date.h"

/* ------------------------------------------------------------------------------------------
 * Largest-remainder shares (R-D4)
 * ---------------------------------------------------------------------------------------- */

typedef struct
{
  guint   index;
  guint64 remainder;
  guint   size;
} Remainder;

static int
compare_remainders (gconstpointer a,
                    gconstpointer b)
{
  const Remainder *x = a, *y = b;

  if (x->remainder != y->remainder)
    return x->remainder > y->remainder ? -1 : 1;
  if (x->size != y->size)
    return x->size > y->size ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/**
 * ca_allocation_apportion:
 * @sizes: (array length=n): each stratum's size
 * @total: the seats to share out; more than the sizes add up to is cut to their sum
 * @shares: (out) (array length=n): each stratum's share
 *
 * Hare's largest-remainder method in exact integer arithmetic: each stratum gets the whole
 * part of its proportional quota, and the seats left go to the largest remainders; a tie goes
 * to the larger stratum, then to the earlier one, so the result never depends on luck.
 * No stratum gets more than its size, and an empty one gets nothing.
 */
void
ca_allocation_apportion (const guint *sizes,
                         guint        n,
                         guint        total,
                         guint       *shares)
{
  g_autofree Remainder *remainders = NULL;
  guint64 sum = 0, given = 0;

  g_return_if_fail (n == 0 || (sizes != NULL && shares != NULL));

  for (guint i = 0; i < n; i++)
    sum += sizes[i];
  if (total > sum)
    total = (guint) sum;
  if (n == 0)
    return;
  if (total == 0 || sum == 0)
    {
      memset (shares, 0, n * sizeof *shares);
      return;
    }

  remainders = g_new (Remainder, n);
  for (guint i = 0; i < n; i++)
    {
      guint64 quota = (guint64) total * sizes[i];

      shares[i] = (guint) (quota / sum);
      given += shares[i];
      remainders[i] = (Remainder) { i, quota % sum, sizes[i] };
    }
  qsort (remainders, n, sizeof *remainders, compare_remainders);
  for (guint i = 0; given < total && i < n; i++, given++)
    shares[remainders[i].index]++;
}

void
ca_sample_stratum_free (CaSampleStratum *stratum)
{
  g_free (stratum->label);
  g_ptr_array_unref (stratum->cases);
  g_free (stratum);
}

int
ca_sample_stratum_compare (gconstpointer a,
                           gconstpointer b)
{
  const CaSampleStratum *x = *(CaSampleStratum * const *) a;
  const CaSampleStratum *y = *(CaSampleStratum * const *) b;

  return strcmp (x->label, y->label);
}

char *
ca_sample_stratum_label (const CaAllocationSettings *settings,
                         const CaAllocationCase     *file)
{
  GString *label = g_string_new (NULL);

  g_string_append_printf (label, "%s / %s", file->service_area ? file->service_area : "",
                          file->team ? file->team : "");
  if (settings->strata & CA_STRATA_ETHNICITY)
    g_string_append_printf (label, " / %s",
                            file->ethnicity && *file->ethnicity ? file->ethnicity
                                                                : _("ethnicity not recorded"));
  if (settings->strata & CA_STRATA_LOCALITY)
    g_string_append_printf (label, " / %s",
                            file->locality && *file->locality ? file->locality
                                                              : _("no locality"));
  return g_string_free (label, FALSE);
}

/* R-D4: how many cases each stratum gives. With the percentage rule each team gives its
 * percentage of its open cases, rounded up, shared out over the team's strata; with a fixed
 * number the whole run's number is shared out over all strata. */
void
ca_allocation_share_out (const CaAllocationSettings *settings,
                         GPtrArray                  *strata)
{
  g_autofree guint *sizes = g_new0 (guint, MAX (strata->len, 1));
  g_autofree guint *shares = g_new0 (guint, MAX (strata->len, 1));

  for (guint i = 0; i < strata->len; i++)
    sizes[i] = ((CaSampleStratum *) strata->pdata[i])->cases->len;

  if (settings->sample_rule == CA_SAMPLE_FIXED)
    {
      ca_allocation_apportion (sizes, strata->len, (guint) settings->fixed_count, shares);
      for (guint i = 0; i < strata->len; i++)
        ((CaSampleStratum *) strata->pdata[i])->share = shares[i];
      return;
    }

  /* Teams in the order their first stratum sorts, strata of a team in label order. */
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < strata->len; i++)
    {
      CaSampleStratum *first = strata->pdata[i];
      g_autoptr(GArray) members = NULL;
      g_autofree guint *member_sizes = NULL;
      g_autofree guint *member_shares = NULL;
      guint open = 0, target;

      if (g_hash_table_contains (done, &first->team_id))
        continue;
      g_hash_table_add (done, g_memdup2 (&first->team_id, sizeof first->team_id));

      members = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint j = i; j < strata->len; j++)
        if (((CaSampleStratum *) strata->pdata[j])->team_id == first->team_id)
          {
            g_array_append_val (members, j);
            open += ((CaSampleStratum *) strata->pdata[j])->open;
          }

      target = (guint) (((guint64) open * (guint) settings->sample_percent + 99) / 100);
      member_sizes = g_new (guint, members->len);
      member_shares = g_new (guint, members->len);
      for (guint m = 0; m < members->len; m++)
        member_sizes[m] = sizes[g_array_index (members, guint, m)];
      ca_allocation_apportion (member_sizes, members->len, target, member_shares);
      for (guint m = 0; m < members->len; m++)
        {
          CaSampleStratum *member = strata->pdata[g_array_index (members, guint, m)];

          member->share = member_shares[m];
        }
    }
}
