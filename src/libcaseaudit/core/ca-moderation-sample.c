// SPDX-License-Identifier: GPL-3.0-or-later
// R-H1 and R-H2: a month's moderation sample and who moderates each audit in it.

#define G_LOG_DOMAIN "ca-moderation-sample"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-date.h"
#include "ca-flow-network.h"
#include "ca-line-managers.h"
#include "ca-moderation-sample.h"
#include "ca-random.h"
#include "ca-text.h"

G_DEFINE_QUARK (ca-moderation-sample-error-quark, ca_moderation_sample_error)

static const char * const reason_codes[] = { "inadequate", "random", "added" };

const char *
ca_moderation_reason_to_string (CaModerationReason reason)
{
  g_return_val_if_fail (reason <= CA_MODERATION_REASON_ADDED, NULL);

  return reason_codes[reason];
}

gboolean
ca_moderation_reason_from_string (const char         *text,
                                  CaModerationReason *reason)
{
  int i = ca_text_find_code (reason_codes, G_N_ELEMENTS (reason_codes), text);

  if (i < 0)
    return FALSE;
  *reason = (CaModerationReason) i;
  return TRUE;
}

void
ca_moderation_candidate_free (CaModerationCandidate *candidate)
{
  if (candidate == NULL)
    return;
  g_free (candidate->case_ref);
  g_free (candidate->auditor_ref);
  g_free (candidate);
}

void
ca_moderator_free (CaModerator *moderator)
{
  if (moderator == NULL)
    return;
  g_free (moderator->ref);
  g_free (moderator->name);
  g_free (moderator);
}

static gboolean
is_person (gint64   person,
           gpointer data)
{
  return person == *(const gint64 *) data;
}

gboolean
ca_moderation_is_independent (const CaModerationInput     *input,
                              const CaModerationCandidate *candidate,
                              const CaModerator           *moderator)
{
  gint64 moderator_id = moderator->id;

  if (moderator_id == candidate->auditor_id || moderator_id == candidate->worker_id)
    return FALSE;
  return ca_line_managers_find (input->line_managers, candidate->worker_id, FALSE, is_person,
                                &moderator_id) == 0;
}

/**
 * ca_moderation_check_percent:
 *
 * Whether @percent can be the share of a month's other audits drawn at random (R-H1).
 */
gboolean
ca_moderation_check_percent (guint    percent,
                             GError **error)
{
  if (percent <= 100)
    return TRUE;
  g_set_error (error, CA_MODERATION_SAMPLE_ERROR, CA_MODERATION_SAMPLE_ERROR_INVALID,
               _("The random share is a percentage from 0 to 100, not %u."), percent);
  return FALSE;
}

/**
 * ca_moderation_check_due_working_day:
 *
 * Whether moderations can be due on the @due_working_day-th working day of the month after
 * the audits' submission: every month has that many, whatever its bank holidays.
 */
gboolean
ca_moderation_check_due_working_day (guint    due_working_day,
                                     GError **error)
{
  if (due_working_day >= 1 && due_working_day <= CA_MODERATION_MAX_DUE_WORKING_DAY)
    return TRUE;
  g_set_error (error, CA_MODERATION_SAMPLE_ERROR, CA_MODERATION_SAMPLE_ERROR_INVALID,
               _("Moderations are due on a working day of the next month from the 1st "
                 "to the 19th, not the %u."), due_working_day);
  return FALSE;
}

gboolean
ca_moderation_due_date (const CaHolidayCalendar *calendar,
                        const char              *month,
                        guint                    due_working_day,
                        GDate                   *due,
                        GError                 **error)
{
  GDate last;

  if (!ca_date_parse_month (month, &last))
    {
      g_set_error (error, CA_MODERATION_SAMPLE_ERROR, CA_MODERATION_SAMPLE_ERROR_INVALID,
                   _("“%s” is not a month; write it as YYYY-MM, for example 2026-10."),
                   month != NULL ? month : "");
      return FALSE;
    }
  if (!ca_moderation_check_due_working_day (due_working_day, error))
    return FALSE;
  g_date_set_day (&last, g_date_get_days_in_month (g_date_get_month (&last),
                                                   g_date_get_year (&last)));
  ca_working_days_add (calendar, &last, due_working_day, due);
  return TRUE;
}

guint64
ca_moderation_default_seed (const char *month)
{
  GDate first;

  if (!ca_date_parse_month (month, &first))
    return 0;
  return (guint64) g_date_get_year (&first) * 100 + g_date_get_month (&first);
}

void
ca_moderation_sample_free (CaModerationSample *sample)
{
  if (sample == NULL)
    return;
  g_ptr_array_unref (sample->picks);
  g_ptr_array_unref (sample->unplaced);
  g_free (sample);
}

static void
unplaced_free (CaModerationUnplaced *unplaced)
{
  g_free (unplaced->reason);
  g_free (unplaced);
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const CaModerationCandidate *left = *(CaModerationCandidate * const *) a;
  const CaModerationCandidate *right = *(CaModerationCandidate * const *) b;
  int order = g_strcmp0 (left->case_ref, right->case_ref);

  if (order != 0)
    return order;
  return left->audit_id < right->audit_id ? -1 : left->audit_id > right->audit_id;
}

static int
compare_moderators (gconstpointer a,
                    gconstpointer b)
{
  const CaModerator *left = *(CaModerator * const *) a;
  const CaModerator *right = *(CaModerator * const *) b;

  return g_strcmp0 (left->ref, right->ref);
}

/* One auditor's audits among the others, for the random share. */
typedef struct
{
  gint64     auditor_id;
  const char *auditor_ref;
  guint32    last;        /* Julian day last moderated; 0: never */
  guint      draw;        /* the seeded tie-break among equals */
  GPtrArray *audits;      /* shuffled */
} AuditorAudits;

static void
auditor_audits_free (AuditorAudits *auditor)
{
  g_ptr_array_unref (auditor->audits);
  g_free (auditor);
}

static int
compare_auditors_by_ref (gconstpointer a,
                         gconstpointer b)
{
  const AuditorAudits *left = *(AuditorAudits * const *) a;
  const AuditorAudits *right = *(AuditorAudits * const *) b;

  return g_strcmp0 (left->auditor_ref, right->auditor_ref);
}

/* The least recently moderated first; among equals, the seed's order. */
static int
compare_auditors_by_turn (gconstpointer a,
                          gconstpointer b)
{
  const AuditorAudits *left = *(AuditorAudits * const *) a;
  const AuditorAudits *right = *(AuditorAudits * const *) b;

  if (left->last != right->last)
    return left->last < right->last ? -1 : 1;
  return left->draw < right->draw ? -1 : left->draw > right->draw;
}

static void
shuffle (GPtrArray *items,
         CaRandom  *random)
{
  for (guint k = 0; k + 1 < items->len; k++)
    {
      guint j = k + (guint) ca_random_below (random, items->len - k);
      gpointer swap = items->pdata[k];

      items->pdata[k] = items->pdata[j];
      items->pdata[j] = swap;
    }
}

/* R-H1's random share: PERCENT of OTHERS, rounded up, taken one audit per auditor in turn,
 * the auditors moderated least recently first, so the second look reaches everyone. An
 * auditor whose Inadequate audit is already in the sample counts as moderated this month. */
static void
draw_random_share (const CaModerationInput *input,
                   GPtrArray               *others,
                   GHashTable              *in_sample,
                   GPtrArray               *chosen)
{
  g_autoptr(GPtrArray) auditors = g_ptr_array_new_with_free_func ((GDestroyNotify) auditor_audits_free);
  g_autoptr(GHashTable) by_auditor = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint wanted = (others->len * input->percent + 99) / 100;
  CaRandom random;

  for (guint i = 0; i < others->len; i++)
    {
      CaModerationCandidate *candidate = others->pdata[i];
      AuditorAudits *auditor = g_hash_table_lookup (by_auditor, &candidate->auditor_id);

      if (auditor == NULL)
        {
          const gpointer last = input->last_moderated != NULL
                                  ? g_hash_table_lookup (input->last_moderated,
                                                         &candidate->auditor_id)
                                  : NULL;

          auditor = g_new0 (AuditorAudits, 1);
          auditor->auditor_id = candidate->auditor_id;
          auditor->auditor_ref = candidate->auditor_ref;
          auditor->last = GPOINTER_TO_UINT (last);
          if (g_hash_table_contains (in_sample, &candidate->auditor_id))
            auditor->last = G_MAXUINT32;
          auditor->audits = g_ptr_array_new ();
          g_hash_table_insert (by_auditor, &auditor->auditor_id, auditor);
          g_ptr_array_add (auditors, auditor);
        }
      g_ptr_array_add (auditor->audits, candidate);
    }

  /* Every draw in an order fixed by the data: auditors by staff ID, each one's audits by
   * case reference (OTHERS is in that order). */
  ca_random_init (&random, input->seed);
  g_ptr_array_sort (auditors, compare_auditors_by_ref);
  for (guint a = 0; a < auditors->len; a++)
    {
      AuditorAudits *auditor = auditors->pdata[a];

      auditor->draw = (guint) ca_random_below (&random, G_MAXUINT32);
      shuffle (auditor->audits, &random);
    }
  g_ptr_array_sort (auditors, compare_auditors_by_turn);

  for (guint round = 0; chosen->len < wanted; round++)
    for (guint a = 0; a < auditors->len && chosen->len < wanted; a++)
      {
        AuditorAudits *auditor = auditors->pdata[a];

        if (round < auditor->audits->len)
          g_ptr_array_add (chosen, auditor->audits->pdata[round]);
      }
  g_ptr_array_sort (chosen, compare_candidates);
}

/* R-H2: each audit to a moderator independent of it, as many as capacities allow, the
 * Inadequate ones first, the load spread evenly (a moderator's k-th moderation costs k). */
static void
assign_moderators (const CaModerationInput *input,
                   CaModerationSample      *sample)
{
  g_autoptr(GPtrArray) moderators = g_ptr_array_copy (input->moderators, NULL, NULL);
  guint n_picks = sample->picks->len;
  guint n_moderators, source, sink;
  g_autofree guint *independent = NULL;
  CaFlowNetwork *net;

  g_ptr_array_set_free_func (moderators, NULL);
  g_ptr_array_sort (moderators, compare_moderators);
  n_moderators = moderators->len;
  source = n_picks + n_moderators;
  sink = source + 1;
  net = ca_flow_network_new (sink + 1);
  independent = g_new0 (guint, MAX (n_picks, 1));

  for (guint p = 0; p < n_picks; p++)
    {
      CaModerationPick *pick = sample->picks->pdata[p];

      /* A random pick placed costs more than any spreading can save, so that when
       * capacity runs short the Inadequate audits keep their moderators. */
      ca_flow_network_add (net, source, p, 1,
                           pick->reason == CA_MODERATION_REASON_INADEQUATE ? 0 : (int) n_picks + 1);
      for (guint m = 0; m < n_moderators; m++)
        if (ca_moderation_is_independent (input, pick->candidate, moderators->pdata[m]))
          {
            independent[p]++;
            ca_flow_network_add (net, p, n_picks + m, 1, 0);
          }
    }
  for (guint m = 0; m < n_moderators; m++)
    {
      const CaModerator *moderator = moderators->pdata[m];

      for (guint k = 0; k < MIN (moderator->capacity, n_picks); k++)
        ca_flow_network_add (net, n_picks + m, sink, 1, (int) k);
    }

  ca_flow_network_min_cost_max_flow (net, source, sink);

  for (guint p = 0; p < n_picks; p++)
    {
      CaModerationPick *pick = sample->picks->pdata[p];
      GArray *edges = net->edges[p];

      for (guint e = 0; e < edges->len; e++)
        {
          const CaFlowEdge *edge = &g_array_index (edges, CaFlowEdge, e);

          /* A used pick → moderator edge has no capacity left; the edge back to the source
           * leads to the source, not a moderator. */
          if (edge->to >= n_picks && edge->to < source && edge->cost >= 0 && edge->capacity == 0)
            {
              pick->moderator = moderators->pdata[edge->to - n_picks];
              break;
            }
        }
      if (pick->moderator == NULL)
        {
          CaModerationUnplaced *unplaced = g_new0 (CaModerationUnplaced, 1);

          unplaced->candidate = pick->candidate;
          if (independent[p] == 0)
            unplaced->reason = g_strdup (_("No moderator stands outside this audit: each is its "
                                           "auditor, its case’s worker or in the worker’s line "
                                           "management."));
          else
            unplaced->reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "The %u moderator free to take it "
                                                             "has no capacity left this month.",
                                                             "The %u moderators free to take it "
                                                             "have no capacity left this month.",
                                                             independent[p]),
                                                independent[p]);
          g_ptr_array_add (sample->unplaced, unplaced);
        }
    }
  ca_flow_network_free (net);
}

/**
 * ca_moderation_sample_draw:
 *
 * A month's sample: every candidate graded Inadequate overall, then @input's percent of the
 * others (rounded up) drawn with its seed and spread across auditors, each given a
 * moderator where the rules and capacities allow. The same input and seed give the same
 * sample, in the same order.
 *
 * Returns: (transfer full): the sample, or %NULL with @error set when the month, share or
 *   due day cannot be
 */
CaModerationSample *
ca_moderation_sample_draw (const CaModerationInput  *input,
                           GError                  **error)
{
  g_autoptr(CaModerationSample) sample = g_new0 (CaModerationSample, 1);
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autoptr(GHashTable) in_sample = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_return_val_if_fail (input != NULL && input->candidates != NULL, NULL);
  g_return_val_if_fail (input->moderators != NULL, NULL);

  sample->picks = g_ptr_array_new_with_free_func (g_free);
  sample->unplaced = g_ptr_array_new_with_free_func ((GDestroyNotify) unplaced_free);
  if (!ca_moderation_due_date (input->calendar, input->month, input->due_working_day,
                               &sample->due, error))
    return NULL;
  if (!ca_moderation_check_percent (input->percent, error))
    return NULL;
  sorted = g_ptr_array_copy (input->candidates, NULL, NULL);
  g_ptr_array_set_free_func (sorted, NULL);
  g_ptr_array_sort (sorted, compare_candidates);
  for (guint i = 0; i < sorted->len; i++)
    {
      CaModerationCandidate *candidate = sorted->pdata[i];

      if (candidate->overall_grade == CA_GRADE_INADEQUATE)
        {
          CaModerationPick *pick = g_new0 (CaModerationPick, 1);

          pick->candidate = candidate;
          pick->reason = CA_MODERATION_REASON_INADEQUATE;
          g_ptr_array_add (sample->picks, pick);
          g_hash_table_add (in_sample, &candidate->auditor_id);
        }
      else if (candidate->overall_grade != CA_GRADE_NONE)
        g_ptr_array_add (others, candidate);
    }

  draw_random_share (input, others, in_sample, chosen);
  for (guint i = 0; i < chosen->len; i++)
    {
      CaModerationPick *pick = g_new0 (CaModerationPick, 1);

      pick->candidate = chosen->pdata[i];
      pick->reason = CA_MODERATION_REASON_RANDOM;
      g_ptr_array_add (sample->picks, pick);
    }

  assign_moderators (input, sample);
  return g_steal_pointer (&sample);
}
