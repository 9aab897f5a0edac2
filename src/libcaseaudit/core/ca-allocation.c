// SPDX-License-Identifier: GPL-3.0-or-later
// The monthly allocation (R-D1–R-D5): eligibility, a seeded stratified sample with
// largest-remainder shares, and a minimum-cost maximum assignment of the sample to auditors.

#define G_LOG_DOMAIN "ca-allocation"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ca-allocation.h"
#include "ca-date.h"

G_DEFINE_QUARK (ca-allocation-error-quark, ca_allocation_error)

/* ------------------------------------------------------------------------------------------
 * The generator: xoshiro256** seeded through splitmix64 (Blackman and Vigna), so a stored seed
 * gives the same sample on every machine and C library.
 * ---------------------------------------------------------------------------------------- */

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

void
ca_random_init (CaRandom *random,
                guint64   seed)
{
  guint64 state = seed;

  g_return_if_fail (random != NULL);

  for (int i = 0; i < 4; i++)
    random->s[i] = splitmix64 (&state);
}

guint64
ca_random_next (CaRandom *random)
{
  guint64 *s = random->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, bound): values from the short top of the range are drawn again, so no
 * number is more likely than another. */
guint64
ca_random_below (CaRandom *random,
                 guint64   bound)
{
  guint64 limit, x;

  g_return_val_if_fail (bound > 0, 0);

  limit = G_MAXUINT64 - G_MAXUINT64 % bound;
  do
    x = ca_random_next (random);
  while (x >= limit);
  return x % bound;
}

/* ------------------------------------------------------------------------------------------
 * Settings and names
 * ---------------------------------------------------------------------------------------- */

/* Exactly "YYYY-MM" with a real month. */
gboolean
ca_allocation_parse_month (const char *text,
                           GDate      *first_day)
{
  guint year, month;

  if (text == NULL || strlen (text) != 7 || text[4] != '-')
    return FALSE;
  for (int i = 0; i < 7; i++)
    if (i != 4 && !g_ascii_isdigit (text[i]))
      return FALSE;

  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  if (year < 1900 || month < 1 || month > 12)
    return FALSE;
  if (first_day != NULL)
    g_date_set_dmy (first_day, 1, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

CaAllocationSettings *
ca_allocation_settings_new (const char *month)
{
  CaAllocationSettings *settings = g_new0 (CaAllocationSettings, 1);

  settings->month = g_strdup (month);
  g_date_clear (&settings->allocation_date, 1);
  ca_allocation_parse_month (month, &settings->allocation_date);
  settings->closed_within_days = 90;
  settings->recent_audit_months = 3;
  settings->repeat_months = 12;
  settings->restricted = CA_RESTRICTED_EXCLUDE;
  settings->sample_rule = CA_SAMPLE_PERCENT;
  settings->sample_percent = 10;
  settings->fixed_count = 0;
  settings->strata = CA_STRATA_TEAM;
  settings->seed = 1;
  return settings;
}

CaAllocationSettings *
ca_allocation_settings_copy (const CaAllocationSettings *settings)
{
  CaAllocationSettings *copy;

  g_return_val_if_fail (settings != NULL, NULL);

  copy = g_memdup2 (settings, sizeof *settings);
  copy->month = g_strdup (settings->month);
  copy->service_areas = g_strdupv (settings->service_areas);
  return copy;
}

void
ca_allocation_settings_free (CaAllocationSettings *settings)
{
  if (settings == NULL)
    return;

  g_free (settings->month);
  g_strfreev (settings->service_areas);
  g_free (settings);
}

gboolean
ca_allocation_settings_validate (const CaAllocationSettings  *settings,
                                 GError                     **error)
{
  g_return_val_if_fail (settings != NULL, FALSE);

  if (!ca_allocation_parse_month (settings->month, NULL))
    {
      g_set_error (error, CA_ALLOCATION_ERROR, CA_ALLOCATION_ERROR_INVALID,
                   _("“%s” is not a month: write it as year and month, for example 2021-03."),
                   settings->month ? settings->month : "");
      return FALSE;
    }
  if (!g_date_valid (&settings->allocation_date))
    {
      g_set_error (error, CA_ALLOCATION_ERROR, CA_ALLOCATION_ERROR_INVALID,
                   _("The allocation run for %s has no allocation date."), settings->month);
      return FALSE;
    }
  if (settings->closed_within_days < 0 || settings->closed_within_days > 3660)
    {
      g_set_error (error, CA_ALLOCATION_ERROR, CA_ALLOCATION_ERROR_INVALID,
                   _("The number of days since a case closed must be between 0 and 3660."));
      return FALSE;
    }
  if (settings->recent_audit_months < 0 || settings->repeat_months < 0 ||
      settings->recent_audit_months > 120 || settings->repeat_months > 120)
    {
      g_set_error (error, CA_ALLOCATION_ERROR, CA_ALLOCATION_ERROR_INVALID,
                   _("The months counted back for earlier audits must be between 0 and 120."));
      return FALSE;
    }
  if (settings->sample_rule == CA_SAMPLE_PERCENT &&
      (settings->sample_percent < 1 || settings->sample_percent > 100))
    {
      g_set_error (error, CA_ALLOCATION_ERROR, CA_ALLOCATION_ERROR_INVALID,
                   _("The sample must be between 1 and 100 per cent of each team’s open cases."));
      return FALSE;
    }
  if (settings->sample_rule == CA_SAMPLE_FIXED &&
      (settings->fixed_count < 1 || settings->fixed_count > 100000))
    {
      g_set_error (error, CA_ALLOCATION_ERROR, CA_ALLOCATION_ERROR_INVALID,
                   _("The number of cases to sample must be between 1 and 100000."));
      return FALSE;
    }
  return TRUE;
}

/* The stable name scripts see (JSON keys). */
const char *
ca_exclusion_reason_to_string (CaExclusionReason reason)
{
  switch (reason)
    {
    case CA_EXCLUSION_SERVICE_AREA:
      return "service-area-not-in-run";
    case CA_EXCLUSION_NOT_OPEN_YET:
      return "opened-after-allocation-date";
    case CA_EXCLUSION_CLOSED:
      return "closed-too-long-ago";
    case CA_EXCLUSION_RECENTLY_AUDITED:
      return "audited-recently";
    case CA_EXCLUSION_RESTRICTED:
      return "restricted";
    case CA_EXCLUSION_N:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The name people see. */
const char *
ca_exclusion_reason_to_label (CaExclusionReason reason)
{
  switch (reason)
    {
    case CA_EXCLUSION_SERVICE_AREA:
      return _("Service area not in this run");
    case CA_EXCLUSION_NOT_OPEN_YET:
      return _("Opened after the allocation date");
    case CA_EXCLUSION_CLOSED:
      return _("Closed too long ago");
    case CA_EXCLUSION_RECENTLY_AUDITED:
      return _("Audited in the last three months");
    case CA_EXCLUSION_RESTRICTED:
      return _("Restricted record");
    case CA_EXCLUSION_N:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
ca_restricted_policy_to_string (CaRestrictedPolicy policy)
{
  return policy == CA_RESTRICTED_FLAG ? "flag" : "exclude";
}

gboolean
ca_restricted_policy_from_string (const char         *text,
                                  CaRestrictedPolicy *policy)
{
  if (g_strcmp0 (text, "exclude") == 0)
    *policy = CA_RESTRICTED_EXCLUDE;
  else if (g_strcmp0 (text, "flag") == 0)
    *policy = CA_RESTRICTED_FLAG;
  else
    return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------------------------------
 * Inputs
 * ---------------------------------------------------------------------------------------- */

CaAllocationCase *
ca_allocation_case_new (void)
{
  CaAllocationCase *file = g_new0 (CaAllocationCase, 1);

  g_date_clear (&file->open_date, 1);
  g_date_clear (&file->close_date, 1);
  file->past_audits = g_array_new (FALSE, FALSE, sizeof (CaAllocationPastAudit));
  return file;
}

void
ca_allocation_case_add_audit (CaAllocationCase *file,
                              gint64            auditor_id,
                              const GDate      *date)
{
  CaAllocationPastAudit past = { auditor_id, *date };

  g_return_if_fail (file != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));

  g_array_append_val (file->past_audits, past);
}

void
ca_allocation_case_free (CaAllocationCase *file)
{
  if (file == NULL)
    return;

  g_free (file->ref);
  g_free (file->team);
  g_free (file->service_area);
  g_free (file->locality);
  g_free (file->ethnicity);
  g_array_unref (file->past_audits);
  g_free (file);
}

CaAllocationAuditor *
ca_allocation_auditor_new (void)
{
  return g_new0 (CaAllocationAuditor, 1);
}

void
ca_allocation_auditor_free (CaAllocationAuditor *auditor)
{
  if (auditor == NULL)
    return;

  g_free (auditor->ref);
  g_free (auditor->name);
  g_free (auditor->email);
  g_free (auditor->team);
  g_free (auditor->locality);
  g_free (auditor);
}

CaAllocationInput *
ca_allocation_input_new (const CaAllocationSettings *settings)
{
  CaAllocationInput *input;

  g_return_val_if_fail (settings != NULL, NULL);

  input = g_new0 (CaAllocationInput, 1);
  input->settings = ca_allocation_settings_copy (settings);
  input->cases = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_allocation_case_free);
  input->auditors = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_allocation_auditor_free);
  input->managers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  return input;
}

void
ca_allocation_input_free (CaAllocationInput *input)
{
  if (input == NULL)
    return;

  ca_allocation_settings_free (input->settings);
  g_ptr_array_unref (input->cases);
  g_ptr_array_unref (input->auditors);
  g_hash_table_unref (input->managers);
  g_free (input);
}

void
ca_allocation_input_take_case (CaAllocationInput *input,
                               CaAllocationCase  *file)
{
  g_return_if_fail (input != NULL && file != NULL);
  g_ptr_array_add (input->cases, file);
}

void
ca_allocation_input_take_auditor (CaAllocationInput   *input,
                                  CaAllocationAuditor *auditor)
{
  g_return_if_fail (input != NULL && auditor != NULL);
  g_ptr_array_add (input->auditors, auditor);
}

void
ca_allocation_input_set_manager (CaAllocationInput *input,
                                 gint64             staff_id,
                                 gint64             manager_id)
{
  g_return_if_fail (input != NULL);

  if (manager_id == 0)
    g_hash_table_remove (input->managers, &staff_id);
  else
    g_hash_table_insert (input->managers, g_memdup2 (&staff_id, sizeof staff_id),
                         g_memdup2 (&manager_id, sizeof manager_id));
}

/* ------------------------------------------------------------------------------------------
 * The hard rules (R-D3)
 * ---------------------------------------------------------------------------------------- */

static gint64
manager_of (const CaAllocationInput *input,
            gint64                   staff_id)
{
  gint64 *manager = g_hash_table_lookup (input->managers, &staff_id);

  return manager != NULL ? *manager : 0;
}

/* Whether AUDITOR manages WORKER at any depth: the manager, the manager's manager, …
 * A cycle in the data (the import refuses them, but a database can be edited) ends the walk
 * after as many steps as there are links, instead of going round for ever. */
gboolean
ca_allocation_in_management_chain (const CaAllocationInput *input,
                                   gint64                   worker_id,
                                   gint64                   auditor_id)
{
  guint steps;
  gint64 current;

  g_return_val_if_fail (input != NULL, FALSE);

  if (worker_id == 0 || auditor_id == 0)
    return FALSE;

  steps = g_hash_table_size (input->managers);
  current = manager_of (input, worker_id);
  while (current != 0 && steps-- > 0)
    {
      if (current == auditor_id)
        return TRUE;
      current = manager_of (input, current);
    }
  return FALSE;
}

static void
date_minus_months (const GDate *date,
                   int          months,
                   GDate       *out)
{
  *out = *date;
  g_date_subtract_months (out, (guint) months);
}

static gboolean
audited_by_within (const CaAllocationInput *input,
                   const CaAllocationCase  *file,
                   gint64                   auditor_id)
{
  GDate since;

  date_minus_months (&input->settings->allocation_date, input->settings->repeat_months, &since);
  for (guint i = 0; i < file->past_audits->len; i++)
    {
      const CaAllocationPastAudit *past = &g_array_index (file->past_audits,
                                                           CaAllocationPastAudit, i);

      if (past->auditor_id == auditor_id && g_date_compare (&past->date, &since) > 0)
        return TRUE;
    }
  return FALSE;
}

/* Rule numbers as the explanations count them. */
enum
{
  RULE_WORKER,
  RULE_CHAIN,
  RULE_TEAM,
  RULE_REPEAT,
  RULE_CAPACITY,
  N_RULES
};

static int
check_rules (const CaAllocationInput   *input,
             const CaAllocationCase    *file,
             const CaAllocationAuditor *auditor,
             gboolean                   with_capacity)
{
  if (file->worker_id != 0 && file->worker_id == auditor->id)
    return RULE_WORKER;
  if (ca_allocation_in_management_chain (input, file->worker_id, auditor->id))
    return RULE_CHAIN;
  if (auditor->team_id != 0 && auditor->team_id == file->team_id)
    return RULE_TEAM;
  if (audited_by_within (input, file, auditor->id))
    return RULE_REPEAT;
  if (with_capacity && auditor->capacity <= 0)
    return RULE_CAPACITY;
  return -1;
}

static const char *
rule_text (int rule)
{
  switch (rule)
    {
    case RULE_WORKER:
      return _("is the case’s allocated worker");
    case RULE_CHAIN:
      return _("is in the worker’s line-management chain");
    case RULE_TEAM:
      return _("works in the case’s team");
    case RULE_REPEAT:
      return _("audited this case in the last 12 months");
    case RULE_CAPACITY:
      return _("has no capacity left this month");
    default:
      return NULL;
    }
}

/**
 * ca_allocation_may_audit:
 * @rule_out: (out) (optional): the first rule broken, for people, or %NULL when none is
 *
 * Whether @auditor may take @file under every hard rule of R-D3, capacity included.
 */
gboolean
ca_allocation_may_audit (const CaAllocationInput    *input,
                         const CaAllocationCase     *file,
                         const CaAllocationAuditor  *auditor,
                         const char                **rule_out)
{
  int rule;

  g_return_val_if_fail (input != NULL && file != NULL && auditor != NULL, FALSE);

  rule = check_rules (input, file, auditor, TRUE);
  if (rule_out != NULL)
    *rule_out = rule_text (rule);
  return rule < 0;
}

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

/* ------------------------------------------------------------------------------------------
 * Minimum-cost maximum flow: successive shortest paths with Dijkstra on reduced costs
 * (Johnson's potentials). Every unit of flow is one case given to one auditor.
 * ---------------------------------------------------------------------------------------- */

typedef struct
{
  guint to;
  int   capacity;
  int   cost;
  guint reverse;   /* index of the opposite edge in to's list */
} Edge;

typedef struct
{
  guint   n;
  GArray **edges;   /* per node, (element-type Edge) */
} Network;

typedef struct
{
  gint64 distance;
  guint  node;
} HeapItem;

static Network *
network_new (guint n)
{
  Network *net = g_new0 (Network, 1);

  net->n = n;
  net->edges = g_new0 (GArray *, n);
  for (guint i = 0; i < n; i++)
    net->edges[i] = g_array_new (FALSE, FALSE, sizeof (Edge));
  return net;
}

static void
network_free (Network *net)
{
  for (guint i = 0; i < net->n; i++)
    g_array_unref (net->edges[i]);
  g_free (net->edges);
  g_free (net);
}

static void
network_add (Network *net,
             guint    from,
             guint    to,
             int      capacity,
             int      cost)
{
  Edge forward = { to, capacity, cost, net->edges[to]->len };
  Edge backward = { from, 0, -cost, net->edges[from]->len };

  g_array_append_val (net->edges[from], forward);
  g_array_append_val (net->edges[to], backward);
}

static gboolean
heap_less (const HeapItem *a,
           const HeapItem *b)
{
  return a->distance < b->distance || (a->distance == b->distance && a->node < b->node);
}

static void
heap_push (GArray   *heap,
           HeapItem  item)
{
  guint i;

  g_array_append_val (heap, item);
  i = heap->len - 1;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      HeapItem *items = (HeapItem *) heap->data;

      if (!heap_less (&items[i], &items[parent]))
        break;
      HeapItem swap = items[i];
      items[i] = items[parent];
      items[parent] = swap;
      i = parent;
    }
}

static HeapItem
heap_pop (GArray *heap)
{
  HeapItem *items = (HeapItem *) heap->data;
  HeapItem top = items[0];
  guint i = 0, n;

  items[0] = items[heap->len - 1];
  g_array_set_size (heap, heap->len - 1);
  n = heap->len;
  items = (HeapItem *) heap->data;
  for (;;)
    {
      guint left = 2 * i + 1, right = left + 1, best = i;

      if (left < n && heap_less (&items[left], &items[best]))
        best = left;
      if (right < n && heap_less (&items[right], &items[best]))
        best = right;
      if (best == i)
        break;
      HeapItem swap = items[i];
      items[i] = items[best];
      items[best] = swap;
      i = best;
    }
  return top;
}

/* Pushes as much flow as the network carries from SOURCE to SINK at the least total cost.
 * All costs start non-negative, so zero potentials are feasible and Dijkstra applies. */
static guint
network_min_cost_max_flow (Network *net,
                           guint    source,
                           guint    sink)
{
  g_autofree gint64 *potential = g_new0 (gint64, net->n);
  g_autofree gint64 *distance = g_new (gint64, net->n);
  g_autofree guint *via_node = g_new (guint, net->n);
  g_autofree guint *via_edge = g_new (guint, net->n);
  g_autoptr(GArray) heap = g_array_new (FALSE, FALSE, sizeof (HeapItem));
  guint flow = 0;

  for (;;)
    {
      for (guint i = 0; i < net->n; i++)
        distance[i] = G_MAXINT64;
      distance[source] = 0;
      g_array_set_size (heap, 0);
      heap_push (heap, (HeapItem) { 0, source });

      while (heap->len > 0)
        {
          HeapItem top = heap_pop (heap);
          GArray *edges;

          if (top.distance != distance[top.node])
            continue;
          edges = net->edges[top.node];
          for (guint e = 0; e < edges->len; e++)
            {
              const Edge *edge = &g_array_index (edges, Edge, e);
              gint64 next;

              if (edge->capacity <= 0)
                continue;
              next = top.distance + edge->cost + potential[top.node] - potential[edge->to];
              if (next < distance[edge->to])
                {
                  distance[edge->to] = next;
                  via_node[edge->to] = top.node;
                  via_edge[edge->to] = e;
                  heap_push (heap, (HeapItem) { next, edge->to });
                }
            }
        }

      if (distance[sink] == G_MAXINT64)
        break;
      for (guint i = 0; i < net->n; i++)
        if (distance[i] != G_MAXINT64)
          potential[i] += distance[i];

      /* Every edge from the source and to a case carries one unit, so each path adds one. */
      for (guint v = sink; v != source; v = via_node[v])
        {
          Edge *edge = &g_array_index (net->edges[via_node[v]], Edge, via_edge[v]);

          edge->capacity -= 1;
          g_array_index (net->edges[v], Edge, edge->reverse).capacity += 1;
        }
      flow++;
    }
  return flow;
}

/* ------------------------------------------------------------------------------------------
 * The run
 * ---------------------------------------------------------------------------------------- */

typedef struct
{
  char      *label;
  gint64     team_id;
  GPtrArray *cases;    /* CaAllocationCase, borrowed */
  guint      open;
  guint      share;
} Stratum;

/* A sampled case on its way through the assignment. */
typedef struct
{
  const CaAllocationCase *file;
  const Stratum          *stratum;
  char                   *why_eligible;
  gint                    auditor;   /* index into the auditors, −1 while unplaced */
} Draw;

static void
stratum_free (Stratum *stratum)
{
  g_free (stratum->label);
  g_ptr_array_unref (stratum->cases);
  g_free (stratum);
}

static int
compare_strata (gconstpointer a,
                gconstpointer b)
{
  const Stratum *x = *(Stratum * const *) a;
  const Stratum *y = *(Stratum * const *) b;

  return strcmp (x->label, y->label);
}

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

  date_minus_months (&settings->allocation_date, settings->recent_audit_months, &audited_since);
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

static char *
stratum_label (const CaAllocationSettings *settings,
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
static void
share_out (const CaAllocationSettings *settings,
           GPtrArray                  *strata)
{
  g_autofree guint *sizes = g_new0 (guint, MAX (strata->len, 1));
  g_autofree guint *shares = g_new0 (guint, MAX (strata->len, 1));

  for (guint i = 0; i < strata->len; i++)
    sizes[i] = ((Stratum *) strata->pdata[i])->cases->len;

  if (settings->sample_rule == CA_SAMPLE_FIXED)
    {
      ca_allocation_apportion (sizes, strata->len, (guint) settings->fixed_count, shares);
      for (guint i = 0; i < strata->len; i++)
        ((Stratum *) strata->pdata[i])->share = shares[i];
      return;
    }

  /* Teams in the order their first stratum sorts, strata of a team in label order. */
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < strata->len; i++)
    {
      Stratum *first = strata->pdata[i];
      g_autoptr(GArray) members = NULL;
      g_autofree guint *member_sizes = NULL;
      g_autofree guint *member_shares = NULL;
      guint open = 0, target;

      if (g_hash_table_contains (done, &first->team_id))
        continue;
      g_hash_table_add (done, g_memdup2 (&first->team_id, sizeof first->team_id));

      members = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint j = i; j < strata->len; j++)
        if (((Stratum *) strata->pdata[j])->team_id == first->team_id)
          {
            g_array_append_val (members, j);
            open += ((Stratum *) strata->pdata[j])->open;
          }

      target = (guint) (((guint64) open * (guint) settings->sample_percent + 99) / 100);
      member_sizes = g_new (guint, members->len);
      member_shares = g_new (guint, members->len);
      for (guint m = 0; m < members->len; m++)
        member_sizes[m] = sizes[g_array_index (members, guint, m)];
      ca_allocation_apportion (member_sizes, members->len, target, member_shares);
      for (guint m = 0; m < members->len; m++)
        ((Stratum *) strata->pdata[g_array_index (members, guint, m)])->share = member_shares[m];
    }
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
  guint broken[N_RULES] = { 0 };
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
      int rule = check_rules (input, file, auditor, FALSE);

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
                          input->settings->repeat_months, with_capacity, broken[RULE_WORKER],
                          broken[RULE_CHAIN], broken[RULE_TEAM], broken[RULE_REPEAT]);
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

void
ca_allocation_pick_free (CaAllocationPick *pick)
{
  if (pick == NULL)
    return;
  g_free (pick->case_ref);
  g_free (pick->auditor_ref);
  g_free (pick->stratum);
  g_free (pick->reason);
  g_free (pick);
}

void
ca_allocation_unplaced_free (CaAllocationUnplaced *unplaced)
{
  if (unplaced == NULL)
    return;
  g_free (unplaced->case_ref);
  g_free (unplaced->stratum);
  g_free (unplaced->reason);
  g_free (unplaced);
}

void
ca_allocation_stratum_free (CaAllocationStratum *stratum)
{
  if (stratum == NULL)
    return;
  g_free (stratum->label);
  g_free (stratum);
}

void
ca_allocation_result_free (CaAllocationResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->picks);
  g_ptr_array_unref (result->unplaced);
  g_ptr_array_unref (result->strata);
  g_free (result);
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
  Network *net;
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
  strata = g_ptr_array_new_with_free_func ((GDestroyNotify) stratum_free);
  by_label = g_hash_table_new (g_str_hash, g_str_equal);
  why = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  for (guint i = 0; i < input->cases->len; i++)
    {
      const CaAllocationCase *file = input->cases->pdata[i];
      g_autofree char *label = NULL;
      char *because = NULL;
      Stratum *stratum;
      int excluded = check_eligible (settings, file, &because);

      if (excluded >= 0)
        {
          result->excluded[excluded]++;
          continue;
        }
      result->n_eligible++;
      g_hash_table_insert (why, (gpointer) file, because);

      label = stratum_label (settings, file);
      stratum = g_hash_table_lookup (by_label, label);
      if (stratum == NULL)
        {
          stratum = g_new0 (Stratum, 1);
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
  g_ptr_array_sort (strata, compare_strata);
  share_out (settings, strata);

  /* The sample: a partial Fisher–Yates shuffle of each stratum in case reference order, strata
   * in label order, so the draw depends only on the data and the seed. */
  ca_random_init (&random, settings->seed);
  draws = g_array_new (FALSE, FALSE, sizeof (Draw));
  g_array_set_clear_func (draws, (GDestroyNotify) draw_clear);
  for (guint s = 0; s < strata->len; s++)
    {
      Stratum *stratum = strata->pdata[s];
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
  net = network_new (sink + 1);
  candidates = g_new0 (guint, MAX (draws->len, 1));
  same_place = g_new0 (guint, MAX (draws->len, 1));
  for (guint d = 0; d < draws->len; d++)
    {
      const CaAllocationCase *file = g_array_index (draws, Draw, d).file;

      network_add (net, source, d, 1, 0);
      for (guint a = 0; a < n_auditors; a++)
        {
          const CaAllocationAuditor *auditor = auditors->pdata[a];

          if (check_rules (input, file, auditor, TRUE) >= 0)
            continue;
          candidates[d]++;
          if (same_locality (file, auditor))
            same_place[d]++;
          network_add (net, d, draws->len + a, 1, same_locality (file, auditor) ? 0 : 1);
        }
    }
  for (guint a = 0; a < n_auditors; a++)
    {
      const CaAllocationAuditor *auditor = auditors->pdata[a];

      if (auditor->capacity > 0)
        network_add (net, draws->len + a, sink, auditor->capacity, 0);
    }

  network_min_cost_max_flow (net, source, sink);

  for (guint d = 0; d < draws->len; d++)
    {
      GArray *edges = net->edges[d];

      for (guint e = 0; e < edges->len; e++)
        {
          const Edge *edge = &g_array_index (edges, Edge, e);

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
  network_free (net);

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
