// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit import: reads a file into the database; KIND says what it holds, and its own
// file (tool, bank holidays, CSV lists, programme) reads it.

#define G_LOG_DOMAIN "ca-command-line"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-command-line-private.h"
#include "ca-import.h"

/* The CSV lists share one reader; each kind says which list it is. */
static int
import_teams (const CaKindOptions  *options,
              int                   n_words,
              char                **words)
{
  return ca_csv_command_import (options, n_words, words, CA_IMPORT_KIND_TEAMS);
}

static int
import_staff (const CaKindOptions  *options,
              int                   n_words,
              char                **words)
{
  return ca_csv_command_import (options, n_words, words, CA_IMPORT_KIND_STAFF);
}

static int
import_cases (const CaKindOptions  *options,
              int                   n_words,
              char                **words)
{
  return ca_csv_command_import (options, n_words, words, CA_IMPORT_KIND_CASES);
}

static int
import_audits (const CaKindOptions  *options,
               int                   n_words,
               char                **words)
{
  return ca_csv_command_import (options, n_words, words, CA_IMPORT_KIND_AUDITS);
}

static int
import_moderations (const CaKindOptions  *options,
                    int                   n_words,
                    char                **words)
{
  return ca_csv_command_import (options, n_words, words, CA_IMPORT_KIND_MODERATIONS);
}

static const CaKind import_kinds[] = {
  { "tool", ca_tool_command_import },
  { "bank-holidays", ca_bank_holidays_command_import },
  { "teams", import_teams },
  { "staff", import_staff },
  { "cases", import_cases },
  { "audits", import_audits },
  { "moderations", import_moderations },
  { "programme", ca_programme_command_import },
};

int
ca_import_command_run (int    argc,
                       char **argv)
{
  g_autofree char *path = NULL;
  g_autofree char *format = NULL;
  g_auto(GStrv) maps = NULL;
  CaKindOptions options = { 0 };
  CaImportKind csv_kind;
  gboolean example = FALSE;
  GOptionEntry entries[] = {
    CA_COMMAND_LINE_DATABASE_OPTION (&path, N_("The database to import into (default: the usual one)")),
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("The columns of a case list: annex-a-6, annex-a-7, annex-a-8 or ssda903-header (default: Case Audit’s own)"), N_("FORMAT") },
    { "map", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &maps, N_("A CSV list: what a value stands for, e.g. 'role:Chief Wizard=service-manager' (for this run; may be given more than once)"), N_("FIELD:VALUE=CODE") },
    { "example", 0, 0, G_OPTION_ARG_NONE, &example, N_("import programme: the 2021 programme that comes with Case Audit"), NULL },
    { NULL }
  };

  if (!ca_command_line_parse ("import", _("import KIND FILE"),
                              _("Reads a file into the database. KIND says what it holds:\n\n"
                                "  tool FILE   an audit tool (JSON). It becomes a new version of\n"
                                "              its tool when it differs from the latest; audits\n"
                                "              already started keep the version they began with.\n"
                                "  bank-holidays FILE\n"
                                "              the official bank-holidays JSON (GOV.UK). Each year it\n"
                                "              covers replaces what the database had for that year.\n"
                                "  teams FILE  a CSV list with the columns team, service_area,\n"
                                "              locality, auditor_group\n"
                                "  staff FILE  a CSV list: staff_id, name, email, role, team,\n"
                                "              line_manager_id, active\n"
                                "  cases FILE  a CSV list: case_ref, service_area, team, locality,\n"
                                "              allocated_worker_id, open_date, close_date,\n"
                                "              legal_status, ethnicity, birth_month, gender,\n"
                                "              disability, restricted; or, with --format, an\n"
                                "              Ofsted Annex A list (annex-a-6 children in need,\n"
                                "              annex-a-7 child protection, annex-a-8 looked\n"
                                "              after) or an SSDA903 header file (ssda903-header,\n"
                                "              which adds details to cases already imported)\n"
                                "  audits FILE audits done before: case_ref, auditor_id, tool,\n"
                                "              audit_date, overall_grade, category\n"
                                "  moderations FILE\n"
                                "              moderations done before, of audits already in the\n"
                                "              database: case_ref, auditor_id, tool, audit_date\n"
                                "              (which audit), moderator_id, moderation_date,\n"
                                "              overall_grade, and optionally a grade for each of\n"
                                "              the tool's sections in a column named after it,\n"
                                "              e.g. assessment_grade. They count in \"agreement\".\n"
                                "  programme FILE | programme --example\n"
                                "              an audit programme (JSON, such as programme-2021.json):\n"
                                "              entries update those of the same month and strand,\n"
                                "              events those of the same day, kind and title; a file\n"
                                "              with any mistake imports nothing.\n\n"
                                "A CSV file is imported whole or not at all: if any row has a\n"
                                "problem, each is listed with its line and nothing changes.\n"
                                "Importing again updates what is already there, by team name,\n"
                                "staff id, case reference, or case, auditor, tool and date;\n"
                                "a moderation of the same audit by the same moderator on the\n"
                                "same day is updated, never added twice.\n"
                                "It may be UTF-8 or Windows-1252 text; dates may be written\n"
                                "YYYY-MM-DD, DD/MM/YYYY (day first) or 4 Jan 2021. Roles,\n"
                                "legal statuses, genders, yes/no flags and tools are matched by\n"
                                "code or name whatever their case and spacing, and common job\n"
                                "titles (Social Worker, IRO, Assistant Team Manager…) by role.\n"
                                "A value that still matches nothing is listed with what it could\n"
                                "be; say what it stands for with --map FIELD:VALUE=CODE, e.g.\n"
                                "--map 'role:Chief Wizard=service-manager'. Mappings remembered\n"
                                "in the window are used too; --map wins over them."),
                              entries, CA_COMMAND_LINE_ANY_WORDS, &argc, &argv))
    return CA_COMMAND_LINE_EXIT_USAGE;

  if (example && (argc < 2 || g_strcmp0 (argv[1], "programme") != 0))
    {
      return ca_command_line_fail ("import", CA_COMMAND_LINE_EXIT_USAGE,
                                   _("--example is for “import programme --example”."));
    }

  if (maps != NULL && (argc < 2 || !ca_import_kind_from_string (argv[1], &csv_kind)))
    {
      return ca_command_line_fail ("import", CA_COMMAND_LINE_EXIT_USAGE,
                                   _("--map is for the CSV lists: teams, staff, cases, "
                                     "audits and moderations."));
    }

  options.database_path = path;
  options.format = format;
  options.maps = maps;
  options.example = example;
  return ca_command_line_run_kind ("import", import_kinds, G_N_ELEMENTS (import_kinds), &options,
                                   argc, argv);
}
