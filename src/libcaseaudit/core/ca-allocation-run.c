// SPDX-License-Identifier: GPL-3.0-or-later
// One monthly allocation run (R-D2–R-D5): eligibility, the seeded stratified sample and its
// assignment to auditors, with a reason for every case left out or unplaced.

#define G_LOG_DOMAIN "ca-allocation"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ca-allocation.h"
#include "ca-allocation-private.h"
#include "ca-date.h"

/* ------------------------------------------------------------------------------------------
 * The run
 * ---------------------------------------------------------------------------------------- */


/* A sampled case on its way through the assignment. */
typedef struct
{
  const CaAllocationCase *file;
  const CaSampleStratum          *stratum;
  char                   *why_eligible;
  gint                    auditor;   /* index into the auditors, −1 while unplaced */
} Draw;

static int
compare_cases_by_ref (gconstpointer a,
                      gconstpointer b)
{
  const CaAllocationCase *x = *(CaAllocationCase * const *) a;
  const CaAllocationCase *y = *(CaAllocationCase * const *) b;
  int order = g_strcmp0 (x->ref, y->ref);

  if (order != 0)
    return order;
  return x->id < y->id ? -1 : x->id > y->id;
}

static int
compare_auditors (gconstpointer a,
                  gconstpointer b)
{
  const CaAllocationAuditor *x = *(CaAllocationAuditor * const *) a;
  const CaAllocationAuditor *y = *(CaAllocationAuditor * const *) b;
  int order = g_strcmp0 (x->ref, y->ref);

  if (order != 0)
    return order;
  return x->id < y->id ? -1 : x->id > y->id;
}

static gboolean
service_area_in_run (const CaAllocationSettings *settings,
                     const char                 *service_area)
{
  if (settings->service_areas == NULL || settings->service_areas[0] == NULL)
    return TRUE;
  for (guint i = 0; settings->service_areas[i] != NULL; i++)
    if (service_area != NULL && g_utf8_collate (settings->service_areas[i], service_area) == 0)
      return TRUE;
  return FALSE;
}

/* Whether a case is open on the allocation date. */
static gboolean
is_open (const CaAllocationSettings *settings,
         const CaAllocationCase     *file)
{
  return !g_date_valid (&file->close_date) ||
         g_date_compare (&file->close_date, &settings->allocation_date) > 0;
}

/* R-D2: the first reason that leaves FILE out, or −1 when it is eligible; WHY says why it is
 * in, for the preview. */
static int
check_eligible (const CaAllocationSettings  *settings,
                const CaAllocationCase      *file,
                char                       **why)
{
  g_autofree char *open_text = NULL;
  g_autofree char *last_text = NULL;
  GDate closed_since, audited_since;
  const GDate *last = NULL;

  if (!service_area_in_run (settings, file->service_area))
    return CA_EXCLUSION_SERVICE_AREA;
  if (g_date_valid (&file->open_date) &&
      g_date_compare (&file->open_date, &settings->allocation_date) > 0)
    return CA_EXCLUSION_NOT_OPEN_YET;

  closed_since = settings->allocation_date;
  g_date_subtract_days (&closed_since, (guint) settings->closed_within_days);
  if (!is_open (settings, file) && g_date_compare (&file->close_date, &closed_since) < 0)
    return CA_EXCLUSION_CLOSED;

  ca_allocation_date_minus_months (&settings->allocation_date, settings->recent_audit_months,
                                   &audited_since);
  for (guint i = 0; i < file->past_audits->len; i++)
    {
      const GDate *date = &g_array_index (file->past_audits, CaAllocationPastAudit, i).date;

      if (g_date_compare (date, &audited_since) > 0)
        return CA_EXCLUSION_RECENTLY_AUDITED;
      if (last == NULL || g_date_compare (date, last) > 0)
        last = date;
    }

  if (file->restricted && settings->restricted == CA_RESTRICTED_EXCLUDE)
    return CA_EXCLUSION_RESTRICTED;

  if (why != NULL)
    {
      if (is_open (settings, file))
        open_text = g_strdup (_("open"));
      else
        {
          g_autofree char *closed = ca_date_format (&file->close_date);

          open_text = g_strdup_printf (_("closed on %s, within %d days"), closed,
                                       settings->closed_within_days);
        }
      if (last == NULL)
        last_text = g_strdup (_("never audited"));
      else
        {
          g_autofree char *date = ca_date_format (last);

          last_text = g_strdup_printf (_("last audited %s, more than %d months before"), date,
                                       settings->recent_audit_months);
        }
      *why = g_strdup_printf ("%s; %s%s", open_text, last_text,
                              file->restricted ? _("; restricted: access request needed") : "");
    }
  return -1;
}

static gboolean
same_locality (const CaAllocationCase    *file,
               const CaAllocationAuditor *auditor)
{
  return file->locality_id != 0 && file->locality_id == auditor->locality_id;
}

static char *
explain_unplaced (const CaAllocationInput *input,
                  const CaAllocationCase  *file,
                  guint                    n_candidates,
                  CaAllocationBlock       *block)
{
  guint broken[CA_ALLOCATION_N_RULES] = { 0 };
  guint with_capacity = 0, allowed_but_full = 0;

  if (n_candidates > 0)
    {
      *block = CA_BLOCK_CAPACITY;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The one auditor who may take this case is needed "
                                           "for another case that has no other auditor: more "
                                           "cases than capacity this month",
                                           "All %u auditors who may take this case are needed "
                                           "for other cases: more cases than capacity this month",
                                           n_candidates),
                              n_candidates);
    }

  for (guint a = 0; a < input->auditors->len; a++)
    {
      const CaAllocationAuditor *auditor = input->auditors->pdata[a];
      int rule = ca_allocation_check_rules (input, file, auditor, FALSE);

      if (auditor->capacity > 0)
        {
          with_capacity++;
          if (rule >= 0)
            broken[rule]++;
        }
      else if (rule < 0)
        allowed_but_full++;
    }

  if (with_capacity == 0)
    {
      *block = CA_BLOCK_NO_AUDITORS;
      return g_strdup (_("No auditor has capacity left this month"));
    }
  if (allowed_but_full > 0)
    {
      *block = CA_BLOCK_CAPACITY;
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The only auditor outside the worker’s team and "
                                           "line-management chain has no capacity left this "
                                           "month",
                                           "The %u auditors outside the worker’s team and "
                                           "line-management chain have no capacity left this "
                                           "month",
                                           allowed_but_full),
                              allowed_but_full);
    }

  *block = CA_BLOCK_HARD_RULES;
  return g_strdup_printf (_("No auditor outside the worker’s team and line-management chain, "
                            "who has not audited this case in the last %d months, has capacity "
                            "(of %u with capacity: %u allocated worker, %u in the "
                            "line-management chain, %u in the same team, %u audited it "
                            "recently)"),
                          input->settings->repeat_months, with_capacity,
                          broken[CA_ALLOCATION_RULE_WORKER], broken[CA_ALLOCATION_RULE_CHAIN],
                          broken[CA_ALLOCATION_RULE_TEAM], broken[CA_ALLOCATION_RULE_REPEAT]);
}

static char *
explain_pick (const CaAllocationInput   *input,
              const Draw                *draw,
              const CaAllocationAuditor *auditor,
              guint                      n_candidates,
              guint                      n_same_locality_candidates,
              guint                      n_with_capacity)
{
  const CaAllocationCase *file = draw->file;
  g_autofree char *place = NULL;

  if (same_locality (file, auditor))
    place = g_strdup_printf (_("same locality (%s)"), auditor->locality);
  else if (file->locality_id == 0)
    place = g_strdup (_("the case has no locality recorded"));
  else if (n_same_locality_candidates == 0)
    place = g_strdup_printf (_("no auditor in %s may take this case"), file->locality);
  else
    place = g_strdup_printf (_("the auditors in %s who may take this case are needed for "
                               "other cases"), file->locality);

  return g_strdup_printf (_("Drawn at random from %s (%u of %u eligible): %s. "
                            "Auditor %s: not the worker, outside the worker’s team and "
                            "line-management chain, no audit of this case in the last "
                            "%d months, has capacity; %s (%u of %u auditors with capacity "
                            "could take it)."),
                          draw->stratum->label, draw->stratum->share,
                          draw->stratum->cases->len, draw->why_eligible, auditor->ref,
                          input->settings->repeat_months, place, n_candidates,
                          n_with_capacity);
}

static int
compare_picks (gconstpointer a,
               gconstpointer b)
{
  const CaAllocationPick *x = *(CaAllocationPick * const *) a;
  const CaAllocationPick *y = *(CaAllocationPick * const *) b;
  int order = strcmp (x->stratum, y->stratum);

  return order != 0 ? order : g_strcmp0 (x->case_ref, y->case_ref);
}

static int
compare_unplaced (gconstpointer a,
                  gconstpointer b)
{
  const CaAllocationUnplaced *x = *(CaAllocationUnplaced * const *) a;
  const CaAllocationUnplaced *y = *(CaAllocationUnplaced * const *) b;
  int order = strcmp (x->stratum, y->stratum);

  return order != 0 ? order : g_strcmp0 (x->case_ref, y->case_ref);
}


static void
draw_clear (Draw *draw)
{
  g_free (draw->why_eligible);
}

/**
 * ca_allocation_run:
 *
 * One allocation: R-D2 eligibility with every left-out case counted by its reason, R-D4's
 * stratified sample drawn with the settings' seed, and R-D3's assignment as a minimum-cost
 * maximum flow: as many sampled cases as the hard rules and capacities allow get an auditor
 * (never fewer, unlike first-fit), and among those assignments the fewest go outside the
 * case's locality. Every sampled case without an auditor is reported with the rule that
 * blocked it. The same input and seed give the same result, in the same order.
 *
 * Returns: (transfer full): the result, or %NULL when the settings make no sense
 */
CaAllocationResult *
ca_allocation_run (const CaAllocationInput  *input,
                   GError                  **error)
{
  const CaAllocationSettings *settings;
  g_autoptr(GPtrArray) strata = NULL;
  g_autoptr(GHashTable) by_label = NULL;
  g_autoptr(GHashTable) why = NULL;
  g_autoptr(GArray) draws = NULL;
  g_autofree guint *candidates = NULL;
  g_autofree guint *same_place = NULL;
  g_autoptr(GPtrArray) auditors = NULL;
  CaAllocationResult *result;
  CaRandom random;
  CaFlowNetwork *net;
  guint n_auditors, source, sink;

  g_return_val_if_fail (input != NULL, NULL);

  settings = input->settings;
  if (!ca_allocation_settings_validate (settings, error))
    return NULL;

  result = g_new0 (CaAllocationResult, 1);
  result->picks = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_allocation_pick_free);
  result->unplaced = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_allocation_unplaced_free);
  result->strata = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_allocation_stratum_free);
  result->n_cases = input->cases->len;

  /* Eligibility, and the strata of the eligible cases. */
  strata = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_sample_stratum_free);
  by_label = g_hash_table_new (g_str_hash, g_str_equal);
  why = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  for (guint i = 0; i < input->cases->len; i++)
    {
      const CaAllocationCase *file = input->cases->pdata[i];
      g_autofree char *label = NULL;
      char *because = NULL;
      CaSampleStratum *stratum;
      int excluded = check_eligible (settings, file, &because);

      if (excluded >= 0)
        {
          result->excluded[excluded]++;
          continue;
        }
      result->n_eligible++;
      g_hash_table_insert (why, (gpointer) file, because);

      label = ca_sample_stratum_label (settings, file);
      stratum = g_hash_table_lookup (by_label, label);
      if (stratum == NULL)
        {
          stratum = g_new0 (CaSampleStratum, 1);
          stratum->label = g_steal_pointer (&label);
          stratum->team_id = file->team_id;
          stratum->cases = g_ptr_array_new ();
          g_ptr_array_add (strata, stratum);
          g_hash_table_insert (by_label, stratum->label, stratum);
        }
      g_ptr_array_add (stratum->cases, (gpointer) file);
      if (is_open (settings, file))
        stratum->open++;
    }
  g_ptr_array_sort (strata, ca_sample_stratum_compare);
  ca_allocation_share_out (settings, strata);

  /* The sample: a partial Fisher–Yates shuffle of each stratum in case reference order, strata
   * in label order, so the draw depends only on the data and the seed. */
  ca_random_init (&random, settings->seed);
  draws = g_array_new (FALSE, FALSE, sizeof (Draw));
  g_array_set_clear_func (draws, (GDestroyNotify) draw_clear);
  for (guint s = 0; s < strata->len; s++)
    {
      CaSampleStratum *stratum = strata->pdata[s];
      CaAllocationStratum *summary = g_new0 (CaAllocationStratum, 1);
      guint n = stratum->cases->len;

      g_ptr_array_sort (stratum->cases, compare_cases_by_ref);
      for (guint k = 0; k < stratum->share; k++)
        {
          guint j = k + (guint) ca_random_below (&random, n - k);
          gpointer swap = stratum->cases->pdata[k];
          Draw draw;

          stratum->cases->pdata[k] = stratum->cases->pdata[j];
          stratum->cases->pdata[j] = swap;
          draw.file = stratum->cases->pdata[k];
          draw.stratum = stratum;
          draw.why_eligible = g_strdup (g_hash_table_lookup (why, draw.file));
          draw.auditor = -1;
          g_array_append_val (draws, draw);
        }

      summary->label = g_strdup (stratum->label);
      summary->eligible = n;
      summary->eligible_open = stratum->open;
      summary->sampled = stratum->share;
      g_ptr_array_add (result->strata, summary);
    }
  result->n_sampled = draws->len;

  /* The assignment network: source → case (1) → auditor (1 per allowed pair, cost 1 outside
   * the case's locality) → sink (the auditor's capacity). */
  /* Auditors in reference order, so the choice among equally good assignments does not
   * depend on the order they were given in. */
  auditors = g_ptr_array_copy (input->auditors, NULL, NULL);
  g_ptr_array_set_free_func (auditors, NULL);   /* borrowed: the copy keeps the free func */
  g_ptr_array_sort (auditors, compare_auditors);
  n_auditors = auditors->len;
  for (guint a = 0; a < n_auditors; a++)
    {
      const CaAllocationAuditor *auditor = auditors->pdata[a];

      if (auditor->capacity > 0)
        {
          result->n_auditors++;
          result->total_capacity += (guint) auditor->capacity;
        }
    }

  source = draws->len + n_auditors;
  sink = source + 1;
  net = ca_flow_network_new (sink + 1);
  candidates = g_new0 (guint, MAX (draws->len, 1));
  same_place = g_new0 (guint, MAX (draws->len, 1));
  for (guint d = 0; d < draws->len; d++)
    {
      const CaAllocationCase *file = g_array_index (draws, Draw, d).file;

      ca_flow_network_add (net, source, d, 1, 0);
      for (guint a = 0; a < n_auditors; a++)
        {
          const CaAllocationAuditor *auditor = auditors->pdata[a];

          if (ca_allocation_check_rules (input, file, auditor, TRUE) >= 0)
            continue;
          candidates[d]++;
          if (same_locality (file, auditor))
            same_place[d]++;
          ca_flow_network_add (net, d, draws->len + a, 1, same_locality (file, auditor) ? 0 : 1);
        }
    }
  for (guint a = 0; a < n_auditors; a++)
    {
      const CaAllocationAuditor *auditor = auditors->pdata[a];

      if (auditor->capacity > 0)
        ca_flow_network_add (net, draws->len + a, sink, auditor->capacity, 0);
    }

  ca_flow_network_min_cost_max_flow (net, source, sink);

  for (guint d = 0; d < draws->len; d++)
    {
      GArray *edges = net->edges[d];

      for (guint e = 0; e < edges->len; e++)
        {
          const CaFlowEdge *edge = &g_array_index (edges, CaFlowEdge, e);

          /* A used case → auditor edge has no capacity left; the edge back to the source
           * has cost 0 and leads to the source, not an auditor. */
          if (edge->to >= draws->len && edge->to < source && edge->cost >= 0 &&
              edge->capacity == 0)
            {
              g_array_index (draws, Draw, d).auditor = (gint) (edge->to - draws->len);
              break;
            }
        }
    }
  ca_flow_network_free (net);

  for (guint d = 0; d < draws->len; d++)
    {
      const Draw *draw = &g_array_index (draws, Draw, d);

      if (draw->auditor >= 0)
        {
          const CaAllocationAuditor *auditor = auditors->pdata[draw->auditor];
          CaAllocationPick *pick = g_new0 (CaAllocationPick, 1);

          pick->case_id = draw->file->id;
          pick->case_ref = g_strdup (draw->file->ref);
          pick->auditor_id = auditor->id;
          pick->auditor_ref = g_strdup (auditor->ref);
          pick->stratum = g_strdup (draw->stratum->label);
          pick->access_request = draw->file->restricted;
          pick->same_locality = same_locality (draw->file, auditor);
          pick->reason = explain_pick (input, draw, auditor, candidates[d], same_place[d],
                                       result->n_auditors);
          if (pick->same_locality)
            result->n_same_locality++;
          g_ptr_array_add (result->picks, pick);
        }
      else
        {
          CaAllocationUnplaced *unplaced = g_new0 (CaAllocationUnplaced, 1);

          unplaced->case_id = draw->file->id;
          unplaced->case_ref = g_strdup (draw->file->ref);
          unplaced->stratum = g_strdup (draw->stratum->label);
          unplaced->reason = explain_unplaced (input, draw->file, candidates[d],
                                               &unplaced->block);
          g_ptr_array_add (result->unplaced, unplaced);
        }
    }

  g_ptr_array_sort (result->picks, compare_picks);
  g_ptr_array_sort (result->unplaced, compare_unplaced);
  return result;
}
