// SPDX-License-Identifier: GPL-3.0-or-later
// The demo council's audit tools and monthly programme (seed 04's rhythm and focuses).

#define G_LOG_DOMAIN "ca-demo"

#include "config.h"

#include "ca-demo-private.h"

/* The built-in tools the audits use (data/tools), found by code. A dip sample uses the
 * tool of its month's focus. */
static const char * const tool_codes[N_TOOLS] = {
  [TOOL_STAGE_1] = "stage-1",
  [TOOL_DIP_SAMPLE] = NULL,
  [TOOL_CLOSURE] = "closure",
};

/* The six focuses of seed 04's CPP dip sample programme, in its order: January and July
 * look at the MASH, February and August at assessment, and so on. */
static const char * const dip_sample_codes[] = {
  "dip-sample-mash", "dip-sample-assessment", "dip-sample-plans", "dip-sample-permanency",
  "dip-sample-exploitation", "dip-sample-iro",
};

G_STATIC_ASSERT (G_N_ELEMENTS (dip_sample_codes) == N_DIP_SAMPLES);

/* The six themes of seed 04's social care programme, in its order: January is Plans, July
 * is Plans again. */
static const struct
{
  const char *focus;
  const char *training;
} themes[] = {
  { "Plans",
    "SMART Planning Training\nE-Person Education Plan Training\nPermanency Planning Training\n"
    "Independent Reviewing Officer Training\nResearch in Practice Drop in Clinics\n"
    "CPP Drop in Clinics\nRestorative Practice Training" },
  { "Supervision",
    "Core Skills Managers Training\nPractice Development Supervisor Programme\n"
    "Research in Practice Drop in Clinics\nCPP Drop in Clinics\nRestorative Practice Training" },
  { "9 Month Child Protection Plans / Pre Proceedings",
    "Assessment and Analysis Training\nDisguised Compliance Training\nNeglect Training\n"
    "Graded Care Profile 2 Training\nSMART Planning Training\nCPP Drop in Clinics" },
  { "Permanency Planning",
    "Permanency Planning Training\nAchieving Permanence Training\n"
    "Independent Reviewing Officer Training\nCPP Drop in Clinics" },
  { "Multi Agency / Direct Work in Assessments",
    "Assessment and Analysis Training\nLife Story Work Training\nTotal Respect Training\n"
    "Neglect Training\nCPP Drop in Clinics" },
  { "Decision-Making and Management Oversight",
    "Core Skills Managers Training\nPractice Development Supervisor Programme\n"
    "Independent Reviewing Officer Training\nSupervision Training – Strengthening Practice\n"
    "CPP Drop in Clinics" },
};

/* Audit tools and the programme (R-E1, R-C1) */

/* Which of the six dip-sample focuses a calendar month (1–12) looks at. */
static guint
dip_sample_focus_of (int calendar_month)
{
  return (guint) (calendar_month - 1) % G_N_ELEMENTS (dip_sample_codes);
}

/* What a dip-sample month's programme entry lists: its tool's headings and questions. */
static gboolean
describe_dip_sample (Generator  *g,
                     guint       focus,
                     GError    **error)
{
  const CaToolDefinition *def;
  GString *headings, *questions;

  g->dip_sample_definitions[focus] = ca_tool_store_load_version (g->database,
                                                                 g->dip_sample_version_ids[focus],
                                                                 error);
  def = g->dip_sample_definitions[focus];
  if (def == NULL)
    return FALSE;

  headings = g_string_new (NULL);
  questions = g_string_new (NULL);
  for (guint i = 0; i < def->sections->len; i++)
    {
      const CaToolSection *section = g_ptr_array_index (def->sections, i);

      g_string_append_printf (headings, "%s%s", i > 0 ? "; " : "", section->title);
      for (guint j = 0; j < section->questions->len; j++)
        {
          const CaToolQuestion *question = g_ptr_array_index (section->questions, j);

          g_string_append_printf (questions, "%s%s", questions->len > 0 ? "\n" : "",
                                  question->text);
        }
    }
  g->dip_sample_focus[focus] = g_string_free (headings, FALSE);
  g->dip_sample_questions[focus] = g_string_free (questions, FALSE);
  return TRUE;
}

/* Every database has the built-in tools from the start (ca_stores_open() installs them);
 * the audits use the latest version of each, as a council may have changed them, and answer
 * that version's questions. */
gboolean
ca_demo_write_tools (Generator  *g,
                     GError    **error)
{
  for (guint i = 0; i < N_TOOLS; i++)
    if (tool_codes[i] != NULL &&
        ((g->tool_version_ids[i] = ca_tool_store_find_version (g->database, tool_codes[i], 0,
                                                               NULL, error)) == 0 ||
         (g->definitions[i] = ca_tool_store_load_version (g->database, g->tool_version_ids[i],
                                                          error)) == NULL))
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (dip_sample_codes); i++)
    {
      g->dip_sample_version_ids[i] = ca_tool_store_find_version (g->database,
                                                                 dip_sample_codes[i], 0, NULL,
                                                                 error);
      if (g->dip_sample_version_ids[i] == 0 || !describe_dip_sample (g, i, error))
        return FALSE;
    }
  return TRUE;
}

/* Seed 04's rhythm: allocate on the first working day, return three weeks later,
 * publish the 7 Minute Briefing on the last working day of the month. */
static void
plan_programme_month (Generator *g,
                      int        m)
{
  ProgrammeMonth *month = &g->programme[m];
  guint32 last = ca_demo_month_start (g, m + 1) - 1;

  month->allocation_day = ca_demo_next_working_day (g, ca_demo_month_start (g, m));
  month->return_day = ca_demo_next_working_day (g, month->allocation_day + 21);
  while (!ca_demo_is_working_day (g, last))
    last--;
  month->briefing_day = last;
}

static gboolean
write_programme_entry (Generator  *g,
                       int         m,
                       int         strand,
                       GError    **error)
{
  static const char * const strands[] = { "social-care", "dip-sample" };
  ProgrammeMonth *month = &g->programme[m];
  CaBulkProgrammeEntry entry = { 0 };
  DayText allocation, due, briefing;
  int year, calendar_month;
  char month_text[8];
  guint theme, focus;

  ca_demo_month_of_index (g, m, &year, &calendar_month);
  g_snprintf (month_text, sizeof month_text, "%04d-%02d", year, calendar_month);
  theme = (guint) (calendar_month - 1) % G_N_ELEMENTS (themes);
  focus = dip_sample_focus_of (calendar_month);

  entry.month = month_text;
  entry.strand = strands[strand];
  entry.focus = strand == 1 ? g->dip_sample_focus[focus] : themes[theme].focus;
  entry.questions = strand == 1 ? g->dip_sample_questions[focus] : NULL;
  entry.allocation_date = ca_demo_day_text (month->allocation_day, allocation);
  entry.return_date = ca_demo_day_text (month->return_day, due);
  entry.briefing_date = ca_demo_day_text (month->briefing_day, briefing);
  entry.training = strand == 0 ? themes[theme].training : NULL;

  /* An example programme may already be loaded for some months: the store keeps it. */
  return ca_bulk_store_ensure_programme_entry (g->store, &entry, &month->entry_ids[strand],
                                               error);
}

gboolean
ca_demo_write_programme (Generator  *g,
                         GError    **error)
{
  for (int m = 0; m < g->n_months; m++)
    {
      plan_programme_month (g, m);
      if (!write_programme_entry (g, m, 0, error) ||
          !write_programme_entry (g, m, 1, error))
        return FALSE;
    }
  return TRUE;
}

/* The tool an audit uses: a dip sample's is its month's focus (seed 04). */
gint64
ca_demo_tool_version_of (Generator   *g,
                         const Audit *audit)
{
  int year, calendar_month;

  if (audit->tool != TOOL_DIP_SAMPLE)
    return g->tool_version_ids[audit->tool];

  ca_demo_month_of_index (g, audit->month, &year, &calendar_month);
  return g->dip_sample_version_ids[dip_sample_focus_of (calendar_month)];
}

const CaToolDefinition *
ca_demo_definition_of (Generator   *g,
                       const Audit *audit)
{
  int year, calendar_month;

  if (audit->tool != TOOL_DIP_SAMPLE)
    return g->definitions[audit->tool];

  ca_demo_month_of_index (g, audit->month, &year, &calendar_month);
  return g->dip_sample_definitions[dip_sample_focus_of (calendar_month)];
}
