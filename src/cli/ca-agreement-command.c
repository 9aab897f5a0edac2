// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit agreement: how far moderators agree with auditors' grades (R-H4), over all the
// moderated audits or by month, quarter, auditor or service area.

#define G_LOG_DOMAIN "ca-command-line"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "ca-command-line-private.h"
#include "ca-json-path.h"
#include "ca-moderation-store.h"
#include "core/ca-agreement.h"

/* Four decimals: more would be noise for figures from a few hundred audits, and the text
 * stays the same from one machine to the next. */
static double
round4 (double value)
{
  return round (value * 10000.0) / 10000.0;
}

static void
add_number_or_null (JsonBuilder *builder,
                    const char  *name,
                    double       value)
{
  json_builder_set_member_name (builder, name);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, round4 (value));
}

static void
add_group_json (JsonBuilder            *builder,
                const CaAgreementGroup *group)
{
  CaAgreement agreement;

  ca_agreement_measure (&group->table, &agreement);
  json_builder_begin_object (builder);
  ca_json_add_string_member (builder, "key", group->key);
  ca_json_add_string_member (builder, "label", group->label);
  ca_json_add_int_member (builder, "pairs", agreement.pairs);
  add_number_or_null (builder, "exact",
                      agreement.pairs > 0 ? (double) agreement.exact / agreement.pairs : NAN);
  add_number_or_null (builder, "within_one",
                      agreement.pairs > 0 ? (double) agreement.within_one / agreement.pairs : NAN);
  add_number_or_null (builder, "kappa", agreement.kappa.value);
  add_number_or_null (builder, "kappa_linear", agreement.kappa_linear.value);
  add_number_or_null (builder, "kappa_quadratic", agreement.kappa_quadratic.value);
  json_builder_set_member_name (builder, "ci_quadratic");
  if (isnan (agreement.kappa_quadratic.value))
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, round4 (agreement.kappa_quadratic.low));
      json_builder_add_double_value (builder, round4 (agreement.kappa_quadratic.high));
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "table");
  json_builder_begin_array (builder);
  for (guint i = 0; i < CA_AGREEMENT_N_GRADES; i++)
    {
      json_builder_begin_array (builder);
      for (guint j = 0; j < CA_AGREEMENT_N_GRADES; j++)
        json_builder_add_int_value (builder, group->table.cells[i][j]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
print_json (GPtrArray *groups)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);
  for (guint i = 0; i < groups->len; i++)
    add_group_json (builder, groups->pdata[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  ca_command_line_print_json (builder);
}

static char *
format_kappa (const CaKappa *kappa)
{
  if (isnan (kappa->value))
    return g_strdup ("—");
  return g_strdup_printf ("%.2f", kappa->value);
}

/* A group as a person reads it: its figures, the table, and what they mean. */
static void
print_group (const CaAgreementGroup *group)
{
  static const char * const short_grades[] = { "O", "G", "RI", "I" };
  CaAgreement agreement;
  g_autofree char *kappa = NULL;
  g_autofree char *linear = NULL;
  g_autofree char *quadratic = NULL;
  g_autofree char *sentence = NULL;

  ca_agreement_measure (&group->table, &agreement);
  kappa = format_kappa (&agreement.kappa);
  linear = format_kappa (&agreement.kappa_linear);
  quadratic = format_kappa (&agreement.kappa_quadratic);
  sentence = ca_agreement_describe (&agreement);

  g_print ("%s\n", group->label);
  /* Translators: the kappas of a group; each is a number or a dash where it cannot be
   * measured. */
  g_print (_("  Kappa %s, linear-weighted %s, quadratic-weighted %s\n"), kappa, linear,
           quadratic);
  if (agreement.pairs > 0)
    {
      /* Translators: the heading of the table of grades, auditor down, moderator across. */
      g_print (_("  Auditor ↓ / moderator →\n"));
      g_print ("        %4s %4s %4s %4s\n", short_grades[0], short_grades[1], short_grades[2],
               short_grades[3]);
      for (guint i = 0; i < CA_AGREEMENT_N_GRADES; i++)
        g_print ("    %-3s %4u %4u %4u %4u\n", short_grades[i], group->table.cells[i][0],
                 group->table.cells[i][1], group->table.cells[i][2], group->table.cells[i][3]);
    }
  g_print ("  %s\n\n", sentence);
}

int
ca_agreement_command_run (int    argc,
                          char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree char *path = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *by_text = NULL;
  gboolean json = FALSE;
  CaAgreementBy by = CA_AGREEMENT_BY_NONE;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The first month of submission to count, YYYY-MM"), N_("MONTH") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The last month of submission to count, YYYY-MM"), N_("MONTH") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by_text, N_("Group by month, quarter, auditor, service-area or section"), N_("GROUP") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write JSON for scripts"), NULL },
    CA_COMMAND_LINE_DATABASE_OPTION (&path, N_("The database to read (default: the usual one)")),
    { NULL }
  };

  if (!ca_command_line_parse ("agreement", "agreement",
                              _("Shows how far moderators agreed with auditors on the overall\n"
                                "grade of the audits they moderated: how many they graded the\n"
                                "same, how many within one grade, and Cohen’s kappa (unweighted,\n"
                                "linear- and quadratic-weighted, with a 95% confidence interval),\n"
                                "which allows for agreement by chance. Audits count in the month\n"
                                "they were submitted. --by section compares the grades of each\n"
                                "section that both graded instead."),
                              entries, CA_COMMAND_LINE_NO_WORDS, &argc, &argv))
    return CA_COMMAND_LINE_EXIT_USAGE;

  if ((from != NULL && !ca_command_line_parse_month ("agreement", from, NULL)) ||
      (to != NULL && !ca_command_line_parse_month ("agreement", to, NULL)))
    {
      ca_command_line_usage_hint ("agreement");
      return CA_COMMAND_LINE_EXIT_USAGE;
    }
  if (from != NULL && to != NULL && strcmp (from, to) > 0)
    {
      ca_command_line_fail ("agreement", CA_COMMAND_LINE_EXIT_USAGE,
                            _("--from %s is after --to %s."), from, to);
      return CA_COMMAND_LINE_EXIT_USAGE;
    }
  if (by_text != NULL && !ca_agreement_by_parse (by_text, &by))
    {
      ca_command_line_fail ("agreement", CA_COMMAND_LINE_EXIT_USAGE,
                            _("--by takes month, quarter, auditor, service-area or section, not "
                              "“%s”."),
                            by_text);
      return CA_COMMAND_LINE_EXIT_USAGE;
    }

  database = ca_command_line_open_database (path, FALSE, &error);
  if (database != NULL)
    pairs = by == CA_AGREEMENT_BY_SECTION
            ? ca_moderation_store_list_section_pairs (database, from, to, &error)
            : ca_moderation_store_list_agreement_pairs (database, from, to, &error);
  if (pairs == NULL)
    return ca_command_line_fail ("agreement", CA_COMMAND_LINE_EXIT_FAILED, "%s", error->message);

  groups = ca_agreement_group_pairs (pairs, by);
  if (json)
    print_json (groups);
  else
    for (guint i = 0; i < groups->len; i++)
      print_group (groups->pdata[i]);
  return 0;
}
