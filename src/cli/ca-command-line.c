// SPDX-License-Identifier: GPL-3.0-or-later
// The subcommands of case-audit that run without a window: demo, import, deadlines and more.

#define G_LOG_DOMAIN "ca-command-line"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ca-allocate-command.h"
#include "ca-audit-notification.h"
#include "ca-audit-report.h"
#include "ca-bank-holidays.h"
#include "ca-command-line.h"
#include "ca-command-line-private.h"
#include "ca-database.h"
#include "ca-date.h"
#include "ca-deadline-store.h"
#include "ca-deadlines.h"
#include "ca-demo.h"
#include "ca-event-command.h"
#include "ca-holiday-store.h"
#include "ca-input-file.h"
#include "ca-import.h"
#include "ca-stores.h"
#include "ca-tool-file.h"
#include "ca-tool-store.h"
#include "ca-verify-command.h"

/* Exit statuses: 0 done, 1 the work failed, 2 the command was used wrongly. */
#define EXIT_FAILED 1
#define EXIT_USAGE  2

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct
{
  const char  *name;
  const char  *summary;
  CommandFunc  run;
} Command;

static int run_deadlines (int argc, char **argv);
static int run_demo (int argc, char **argv);
static int run_export (int argc, char **argv);
static int run_import (int argc, char **argv);
static int run_version (int argc, char **argv);
static int run_working_days (int argc, char **argv);
static CaDatabase *open_database (const char *path, gboolean create, GError **error);

static const Command commands[] = {
  { "allocate", N_("Preview, commit or cancel a month’s allocation of cases to auditors"),
    ca_allocate_command_run },
  { "deadlines", N_("List what is due and overdue on a day: deadlines, responses, actions"),
    run_deadlines },
  { "demo", N_("Fill an empty database with a generated demonstration authority"), run_demo },
  { "event", N_("Add, list or remove programme events: moderation panels, workshops, meetings"),
    ca_event_command_run },
  { "export", N_("Write an audit tool or an audit’s PDF from the database to a file"),
    run_export },
  { "import", N_("Read an audit tool, bank holidays, or a CSV list of teams, staff, cases or audits into the database"),
    run_import },
  { "verify", N_("Check a database: its integrity, its links, its change history and who may read it"),
    ca_verify_command_run },
  { "version", N_("Show the version of Case Audit and of its data"), run_version },
  { "working-days", N_("Count working days in England and Wales from a date or between two"),
    run_working_days },
};

/* The most working days "working-days add" takes: about four centuries. */
#define MAX_WORKING_DAYS 100000

/* Parses a command's options; on a mistake prints it with a hint and returns FALSE. */
static gboolean
parse_options (const char    *command,
               const char    *summary,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameter = g_strdup_printf ("%s", command);

  context = g_option_context_new (parameter);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("case-audit %s: %s\n", command, error->message);
      g_printerr (_("Run “case-audit %s --help” to see its options.\n"), command);
      return FALSE;
    }
  if (*argc > 1)
    {
      g_printerr (_("case-audit %s: unexpected “%s”.\n"), command, (*argv)[1]);
      g_printerr (_("Run “case-audit %s --help” to see its options.\n"), command);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_month (const char *text,
             int        *year,
             int        *month)
{
  unsigned y, m;
  char tail;

  if (text == NULL || strlen (text) != 7 || text[4] != '-' ||
      sscanf (text, "%4u-%2u%c", &y, &m, &tail) != 2 || y < 1900 || m < 1 || m > 12)
    return FALSE;
  *year = (int) y;
  *month = (int) m;
  return TRUE;
}

static void
print_progress (double   fraction,
                gpointer user_data)
{
  if (isatty (fileno (stderr)))
    g_printerr ("\r%3.0f%%", fraction * 100);
}

static int
run_demo (int    argc,
          char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autofree char *path = NULL;
  g_autofree char *until = NULL;
  CaDemoOptions options;
  int seed = 1, years = 3;
  gint64 start;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Seed of the random choices (default 1)"), N_("N") },
    { "years", 0, 0, G_OPTION_ARG_INT, &years, N_("Years of history (default 3; 10 for the full scale)"), N_("N") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until, N_("Last month of the data (default: this month)"), N_("YYYY-MM") },
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &path, N_("The database to fill (default: the usual one)"), N_("FILE") },
    { NULL }
  };

  if (!parse_options ("demo", _("Fills an empty database with a realistic, made-up authority: "
                                "teams, staff, case files, audits, actions and moderations. "
                                "The same seed always gives the same data."),
                      entries, &argc, &argv))
    return EXIT_USAGE;

  ca_demo_options_init (&options);
  if (seed < 0 || years < 1 || years > CA_DEMO_MAX_YEARS)
    {
      g_printerr (_("case-audit demo: the seed must be 0 or more and the years from 1 to %d.\n"),
                  CA_DEMO_MAX_YEARS);
      return EXIT_USAGE;
    }
  if (until != NULL && !parse_month (until, &options.until_year, &options.until_month))
    {
      g_printerr (_("case-audit demo: “%s” is not a month; write it as YYYY-MM, e.g. 2021-03.\n"),
                  until);
      return EXIT_USAGE;
    }
  options.seed = (guint32) seed;
  options.years = (guint) years;

  if (path == NULL)
    path = ca_database_prepare_default_path ();

  start = g_get_monotonic_time ();
  database = open_database (path, TRUE, &error);
  if (database == NULL ||
      !ca_demo_generate (database, &options, print_progress, NULL, NULL, &error))
    {
      /* A database this command made goes again, with its log: a full disk leaves the
       * disk as it was. */
      ca_database_discard_if_new (&database);
      if (isatty (fileno (stderr)))
        g_printerr ("\r");
      g_printerr ("case-audit demo: %s\n", error->message);
      return EXIT_FAILED;
    }

  if (isatty (fileno (stderr)))
    g_printerr ("\r");
  g_print (g_dngettext (NULL, "Generated %u year of demonstration data (seed %u) in %s in %.1f s.\n",
                        "Generated %u years of demonstration data (seed %u) in %s in %.1f s.\n",
                        options.years),
           options.years, options.seed, path, (g_get_monotonic_time () - start) / 1e6);
  return 0;
}

static int
run_version (int    argc,
             char **argv)
{
  GOptionEntry entries[] = { { NULL } };

  if (!parse_options ("version", _("Shows the version of Case Audit and of its data."),
                      entries, &argc, &argv))
    return EXIT_USAGE;

  g_print (_("Case Audit %s (data version %d)\n"), PACKAGE_VERSION,
           ca_database_get_latest_version ());
  return 0;
}

/* Like parse_options, for a command that takes words after its options: they are left in
 * (*argv)[1…] for the command to check. A word that looks like an option but is none (such
 * as "-3") is left there too, so the command can say what is wrong with it. */
static gboolean
parse_options_and_words (const char    *command,
                         const char    *parameter,
                         const char    *summary,
                         GOptionEntry  *entries,
                         int           *argc,
                         char        ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  context = g_option_context_new (parameter);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_ignore_unknown_options (context, TRUE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("case-audit %s: %s\n", command, error->message);
      g_printerr (_("Run “case-audit %s --help” to see its options.\n"), command);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_date_argument (const char *command,
                     const char *text,
                     GDate      *date)
{
  if (text != NULL && ca_date_parse (text, date))
    return TRUE;
  g_printerr (_("case-audit %s: “%s” is not a real date; write dates as YYYY-MM-DD.\n"),
              command, text != NULL ? text : "");
  return FALSE;
}

/* The bank holidays of the database at PATH (the shipped list over the rules, with the years
 * it has stored on top), or the shipped ones when PATH is NULL. */
static CaHolidayCalendar *
load_calendar (const char  *path,
               GError     **error)
{
  g_autoptr(CaDatabase) database = NULL;

  if (path == NULL)
    return ca_bank_holidays_load_default (error);

  database = open_database (path, FALSE, error);
  if (database == NULL)
    return NULL;
  return ca_holiday_store_load_calendar (database, error);
}

static int
run_working_days (int    argc,
                  char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaHolidayCalendar) calendar = NULL;
  g_autofree char *path = NULL;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &path, N_("Count with the bank holidays stored in this database (default: the list Case Audit ships)"), N_("FILE") },
    { NULL }
  };
  const char *action;
  GDate from, to;
  guint64 n = 0;

  if (!parse_options_and_words ("working-days",
                                _("working-days add DATE N | between DATE1 DATE2"),
                                _("Counts working days in England and Wales: Monday to Friday\n"
                                  "except bank holidays (the official list for 2017–2027, the\n"
                                  "usual rules for other years; with --database, the bank\n"
                                  "holidays imported into it as well). Dates are written\n"
                                  "YYYY-MM-DD.\n\n"
                                  "  add DATE N           prints the date N working days after DATE\n"
                                  "  between DATE1 DATE2  prints the number of working days after\n"
                                  "                       DATE1 up to and including DATE2\n"
                                  "                       (negative when DATE2 is earlier)"),
                                entries, &argc, &argv))
    return EXIT_USAGE;

  action = argc > 1 ? argv[1] : NULL;
  if (g_strcmp0 (action, "add") == 0)
    {
      if (argc != 4)
        {
          g_printerr (_("case-audit working-days add: give a date and a number of working days, "
                        "e.g. “add 2021-12-23 3”.\n"));
          return EXIT_USAGE;
        }
      if (!parse_date_argument ("working-days", argv[2], &from))
        return EXIT_USAGE;
      if (!g_ascii_string_to_unsigned (argv[3], 10, 0, MAX_WORKING_DAYS, &n, NULL))
        {
          g_printerr (_("case-audit working-days: “%s” is not a number of working days; give a "
                        "whole number from 0 to %d.\n"), argv[3], MAX_WORKING_DAYS);
          return EXIT_USAGE;
        }
    }
  else if (g_strcmp0 (action, "between") == 0)
    {
      if (argc != 4)
        {
          g_printerr (_("case-audit working-days between: give two dates, "
                        "e.g. “between 2021-12-23 2022-01-04”.\n"));
          return EXIT_USAGE;
        }
      if (!parse_date_argument ("working-days", argv[2], &from) ||
          !parse_date_argument ("working-days", argv[3], &to))
        return EXIT_USAGE;
    }
  else
    {
      if (action == NULL)
        g_printerr (_("case-audit working-days: say what to count: “add DATE N” or "
                      "“between DATE1 DATE2”.\n"));
      else
        g_printerr (_("case-audit working-days: “%s” is not something it can do; say “add DATE N” "
                      "or “between DATE1 DATE2”.\n"), action);
      g_printerr (_("Run “case-audit %s --help” to see its options.\n"), "working-days");
      return EXIT_USAGE;
    }

  calendar = load_calendar (path, &error);
  if (calendar == NULL)
    {
      g_printerr ("case-audit working-days: %s\n", error->message);
      return EXIT_FAILED;
    }

  if (g_strcmp0 (action, "add") == 0)
    {
      g_autofree char *text = NULL;
      GDate result;

      ca_working_days_add (calendar, &from, (guint) n, &result);
      text = ca_date_format (&result);
      g_print ("%s\n", text);
    }
  else
    {
      g_print ("%d\n", ca_working_days_between (calendar, &from, &to));
    }
  return 0;
}

/* import and export: "import KIND …", where KIND says what the file holds: audit tools, bank
 * holidays, and the CSV lists of teams, staff, cases and audit history. */

/* The options of import and export; each kind uses those that apply to it. */
typedef struct
{
  const char *database_path;  /* NULL: the usual database */
  int         version;        /* export tool --version; 0: the latest */
  const char *pdf_path;       /* export audit --pdf; NULL when not given */
  const char *eml_path;       /* export audit --eml; NULL when not given */
  const char *format;         /* import cases --format; NULL: the app's own columns */
  char      **maps;           /* import --map FIELD:VALUE=CODE, each; NULL: none */
  gboolean    example;        /* import programme --example */
  const char *staff_ref;      /* export ical --staff; NULL when not given */
  gboolean    force;          /* export --force: an existing file may be replaced */
} KindOptions;

typedef int (*KindFunc) (const KindOptions  *options,
                         int                 n_words,
                         char              **words);

typedef struct
{
  const char *name;
  KindFunc    run;
} Kind;

static int import_tool (const KindOptions *options, int n_words, char **words);
static int import_bank_holidays (const KindOptions *options, int n_words, char **words);
static int import_teams (const KindOptions *options, int n_words, char **words);
static int import_staff (const KindOptions *options, int n_words, char **words);
static int import_cases (const KindOptions *options, int n_words, char **words);
static int import_audits (const KindOptions *options, int n_words, char **words);
static int export_tool (const KindOptions *options, int n_words, char **words);
static int export_audit (const KindOptions *options, int n_words, char **words);
static int import_programme (const KindOptions *options, int n_words, char **words);
static int export_ical (const KindOptions *options, int n_words, char **words);

static const Kind import_kinds[] = {
  { "tool", import_tool },
  { "bank-holidays", import_bank_holidays },
  { "teams", import_teams },
  { "staff", import_staff },
  { "cases", import_cases },
  { "audits", import_audits },
  { "programme", import_programme },
};

static const Kind export_kinds[] = {
  { "tool", export_tool },
  { "audit", export_audit },
  { "ical", export_ical },
};

/* What opening found and did (the file made private, the history found altered), on
 * stderr: once per process, however often a command opens the file. */
void
ca_command_line_print_notices (CaDatabase *database)
{
  static GHashTable *printed;
  GPtrArray *notices = ca_database_get_notices (database);

  if (printed == NULL)
    printed = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < notices->len; i++)
    {
      const CaDatabaseNotice *notice = notices->pdata[i];

      if (g_hash_table_contains (printed, notice->message))
        continue;
      g_hash_table_add (printed, g_strdup (notice->message));
      g_printerr ("case-audit: %s\n", notice->message);
    }
}

/* The usual database unless PATH names one; its folder is made when CREATE allows a new
 * database there. Every command opens its database here, so none misses the notices. */
static CaDatabase *
open_database (const char  *path,
               gboolean     create,
               GError     **error)
{
  g_autofree char *default_path = NULL;
  CaDatabase *database;

  if (path == NULL)
    path = default_path = create ? ca_database_prepare_default_path ()
                                 : ca_database_get_default_path ();
  database = ca_stores_open (path,
                             create ? CA_DATABASE_OPEN_CREATE : CA_DATABASE_OPEN_DEFAULT,
                             error);
  if (database != NULL)
    ca_command_line_print_notices (database);
  return database;
}

/* Finds the KIND in (*argv)[1] and runs it with the words after it. */
static int
run_kind (const char         *command,
          const Kind         *kinds,
          guint               n_kinds,
          const KindOptions  *options,
          int                 argc,
          char              **argv)
{
  g_autoptr(GString) names = g_string_new (NULL);
  const char *kind = argc > 1 ? argv[1] : NULL;

  /* The words were parsed with unknown options left in, so a misspelt one is still here. */
  for (int i = 1; i < argc; i++)
    if (argv[i][0] == '-' && argv[i][1] != '\0')
      {
        g_printerr (_("case-audit %s: unknown option “%s”.\n"), command, argv[i]);
        g_printerr (_("Run “case-audit %s --help” to see its options.\n"), command);
        return EXIT_USAGE;
      }

  for (guint i = 0; i < n_kinds; i++)
    {
      if (g_strcmp0 (kinds[i].name, kind) == 0)
        return kinds[i].run (options, argc - 2, argv + 2);
      g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "", kinds[i].name);
    }

  if (kind == NULL)
    g_printerr (_("case-audit %s: say what kind of thing to %s: %s.\n"), command, command,
                names->str);
  else
    g_printerr (_("case-audit %s: “%s” is not something it can %s; it can %s %s.\n"),
                command, kind, command, command, names->str);
  g_printerr (_("Run “case-audit %s --help” to see its options.\n"), command);
  return EXIT_USAGE;
}

static int
run_import (int    argc,
            char **argv)
{
  g_autofree char *path = NULL;
  g_autofree char *format = NULL;
  g_auto(GStrv) maps = NULL;
  KindOptions options = { 0 };
  CaImportKind csv_kind;
  gboolean example = FALSE;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &path, N_("The database to import into (default: the usual one)"), N_("FILE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("The columns of a case list: annex-a-6, annex-a-7, annex-a-8 or ssda903-header (default: Case Audit’s own)"), N_("FORMAT") },
    { "map", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &maps, N_("A CSV list: what a value stands for, e.g. 'role:Chief Wizard=service-manager' (for this run; may be given more than once)"), N_("FIELD:VALUE=CODE") },
    { "example", 0, 0, G_OPTION_ARG_NONE, &example, N_("import programme: the 2021 programme that comes with Case Audit"), NULL },
    { NULL }
  };

  if (!parse_options_and_words ("import", _("import KIND FILE"),
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
                                  "  programme FILE | programme --example\n"
                                  "              an audit programme (JSON, such as programme-2021.json):\n"
                                  "              entries update those of the same month and strand,\n"
                                  "              events those of the same day, kind and title; a file\n"
                                  "              with any mistake imports nothing.\n\n"
                                  "A CSV file is imported whole or not at all: if any row has a\n"
                                  "problem, each is listed with its line and nothing changes.\n"
                                  "Importing again updates what is already there, by team name,\n"
                                  "staff id, case reference, or case, auditor, tool and date.\n"
                                  "It may be UTF-8 or Windows-1252 text; dates may be written\n"
                                  "YYYY-MM-DD, DD/MM/YYYY (day first) or 4 Jan 2021. Roles,\n"
                                  "legal statuses, genders, yes/no flags and tools are matched by\n"
                                  "code or name whatever their case and spacing, and common job\n"
                                  "titles (Social Worker, IRO, Assistant Team Manager…) by role.\n"
                                  "A value that still matches nothing is listed with what it could\n"
                                  "be; say what it stands for with --map FIELD:VALUE=CODE, e.g.\n"
                                  "--map 'role:Chief Wizard=service-manager'. Mappings remembered\n"
                                  "in the window are used too; --map wins over them."),
                                entries, &argc, &argv))
    return EXIT_USAGE;

  if (example && (argc < 2 || g_strcmp0 (argv[1], "programme") != 0))
    {
      g_printerr (_("case-audit import: --example is for “import programme --example”.\n"));
      return EXIT_USAGE;
    }

  if (maps != NULL && (argc < 2 || !ca_import_kind_from_string (argv[1], &csv_kind)))
    {
      g_printerr (_("case-audit import: --map is for the CSV lists: teams, staff, cases and "
                    "audits.\n"));
      return EXIT_USAGE;
    }

  options.database_path = path;
  options.format = format;
  options.maps = maps;
  options.example = example;
  return run_kind ("import", import_kinds, G_N_ELEMENTS (import_kinds), &options, argc, argv);
}

/* After the rows that have one: each value that matched no code, what it could be, and the
 * --map that would say what it stands for. */
static void
print_unmatched (CaImportReport *report)
{
  for (guint i = 0; i < ca_import_report_get_n_unmatched (report); i++)
    {
      const CaImportUnmatched *unmatched = ca_import_report_get_unmatched (report, i);
      g_autofree char *description = ca_import_report_describe_unmatched (report, i);
      g_autofree char *mapping = g_strdup_printf ("%s:%s=CODE", unmatched->field,
                                                  unmatched->value);
      g_autofree char *quoted = g_shell_quote (mapping);

      g_printerr ("%s\n", description);
      /* Translators: %s is a shell-quoted FIELD:VALUE=CODE for the --map option. */
      g_printerr (_("  To import it as one of them, add --map %s to the command.\n"), quoted);
    }
}

static void
print_notes (CaImportReport *report,
             gboolean        to_stderr)
{
  for (const char * const *note = ca_import_report_get_notes (report); *note != NULL; note++)
    if (to_stderr)
      g_printerr ("%s\n", *note);
    else
      g_print ("%s\n", *note);
}

/* A CSV list: read once (a pipe or a FIFO too), checked whole, then written whole or not
 * at all. */
static int
import_csv (const KindOptions  *options,
            int                 n_words,
            char              **words,
            CaImportKind        kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(CaImportPreview) preview = NULL;
  g_autoptr(CaImportMapping) mapping = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(CaImportReport) report = NULL;
  g_autofree char *summary = NULL;
  const char *name = ca_import_kind_to_string (kind);
  CaImportFormat format = CA_IMPORT_FORMAT_CANONICAL;

  if (options->format != NULL && !ca_import_format_from_string (options->format, &format))
    {
      g_printerr (_("case-audit import %s: “%s” is not a format it knows; use annex-a-6, "
                    "annex-a-7, annex-a-8 or ssda903-header.\n"), name, options->format);
      return EXIT_USAGE;
    }
  if (!ca_import_format_supports_kind (format, kind))
    {
      g_printerr (_("case-audit import %s: --format %s describes cases; use it with "
                    "“import cases”.\n"), name, options->format);
      return EXIT_USAGE;
    }
  if (n_words != 1)
    {
      g_printerr (_("case-audit import %s: give one CSV file, e.g. “import %s %s.csv”.\n"),
                  name, name, name);
      return EXIT_USAGE;
    }

  /* Read whole before the database is opened: an unreadable, empty or huge file is turned
   * away without touching it, and a pipe is read once, here, for good. */
  file = g_file_new_for_commandline_arg (words[0]);
  preview = ca_import_preview_read (file, 0, NULL, &error);
  if (preview == NULL)
    {
      g_printerr ("case-audit import %s: %s: %s\n", name, words[0], error->message);
      return EXIT_FAILED;
    }
  mapping = ca_import_mapping_new_from_header (kind, format,
                                               ca_import_preview_get_header (preview));
  if (!ca_import_mapping_check (mapping, &error))
    {
      g_printerr ("case-audit import %s: %s: %s\n", name, words[0], error->message);
      return EXIT_FAILED;
    }
  for (guint i = 0; options->maps != NULL && options->maps[i] != NULL; i++)
    if (!ca_import_mapping_add_value_text (mapping, options->maps[i], &error))
      {
        g_printerr ("case-audit import %s: --map %s: %s\n", name, options->maps[i],
                    error->message);
        return EXIT_USAGE;
      }

  database = open_database (options->database_path, TRUE, &error);
  if (database == NULL)
    {
      g_printerr ("case-audit import %s: %s\n", name, error->message);
      return EXIT_FAILED;
    }

  /* The rows are checked against the database, so a refused file may only be known once
   * it is open: a database this command made is then removed again. */
  report = ca_import_run (database, mapping, preview, NULL, &error);
  if (report == NULL)
    {
      ca_database_discard_if_new (&database);
      if (g_error_matches (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_BAD_MAPPING))
        {
          g_printerr ("case-audit import %s: --map: %s\n", name, error->message);
          return EXIT_USAGE;
        }
      g_printerr ("case-audit import %s: %s: %s\n", name, words[0], error->message);
      return EXIT_FAILED;
    }

  summary = ca_import_report_describe (report);
  if (!ca_import_report_get_succeeded (report))
    {
      ca_database_discard_if_new (&database);
      for (guint i = 0; i < ca_import_report_get_n_errors (report); i++)
        g_printerr (_("line %u: %s\n"), ca_import_report_get_error_line (report, i),
                    ca_import_report_get_error_message (report, i));
      print_unmatched (report);
      print_notes (report, TRUE);
      g_printerr ("case-audit import %s: %s: %s\n", name, words[0], summary);
      return EXIT_FAILED;
    }

  g_print ("%s\n", summary);
  print_notes (report, FALSE);
  return 0;
}

static int
import_teams (const KindOptions  *options,
              int                 n_words,
              char              **words)
{
  return import_csv (options, n_words, words, CA_IMPORT_KIND_TEAMS);
}

static int
import_staff (const KindOptions  *options,
              int                 n_words,
              char              **words)
{
  return import_csv (options, n_words, words, CA_IMPORT_KIND_STAFF);
}

static int
import_cases (const KindOptions  *options,
              int                 n_words,
              char              **words)
{
  return import_csv (options, n_words, words, CA_IMPORT_KIND_CASES);
}

static int
import_audits (const KindOptions  *options,
               int                 n_words,
               char              **words)
{
  return import_csv (options, n_words, words, CA_IMPORT_KIND_AUDITS);
}

static int
run_export (int    argc,
            char **argv)
{
  g_autofree char *path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *eml_path = NULL;
  g_autofree char *staff_ref = NULL;
  KindOptions options = { 0 };
  gboolean force = FALSE;
  int version = -1;
  GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_INT, &version, N_("The version to write (default: the latest)"), N_("N") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf_path, N_("The PDF file to write an audit to"), N_("FILE") },
    { "eml", 0, 0, G_OPTION_ARG_FILENAME, &eml_path, N_("The e-mail draft (.eml) to the managers of a Category 1 or 2 audit"), N_("FILE") },
    { "staff", 0, 0, G_OPTION_ARG_STRING, &staff_ref, N_("export ical: add what waits on this member of staff"), N_("STAFF_ID") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace a file that is already there (never a folder, device or pipe)"), NULL },
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &path, N_("The database to export from (default: the usual one)"), N_("FILE") },
    { NULL }
  };

  if (!parse_options_and_words ("export", _("export KIND …"),
                                _("Writes something from the database to a file. KIND says what:\n\n"
                                  "  tool CODE FILE   an audit tool (JSON), such as “stage-1”: its\n"
                                  "                   latest version, or the one --version names\n"
                                  "  audit ID --pdf FILE\n"
                                  "                   audit number ID as the PDF to upload to the\n"
                                  "                   child’s file, readable by its owner only\n"
                                  "  audit ID --eml FILE\n"
                                  "                   for a submitted Category 1 or 2 audit, the\n"
                                  "                   e-mail to the case’s Team Manager and Service\n"
                                  "                   Manager with the PDF attached, as a draft to\n"
                                  "                   open in a mail program and send\n"
                                  "  ical FILE [--staff STAFF_ID]\n"
                                  "                   the programme’s dates and events as an\n"
                                  "                   iCalendar file for Outlook or GNOME Calendar,\n"
                                  "                   with what still waits on STAFF_ID\n\n"
                                  "A file that is already there is left as it is unless --force\n"
                                  "is given. The new file is written whole or not at all."),
                                entries, &argc, &argv))
    return EXIT_USAGE;

  if (version == 0 || version < -1)
    {
      g_printerr (_("case-audit export: the version must be 1 or more.\n"));
      return EXIT_USAGE;
    }

  options.database_path = path;
  options.version = MAX (version, 0);
  options.pdf_path = pdf_path;
  options.eml_path = eml_path;
  options.staff_ref = staff_ref;
  options.force = force;
  return run_kind ("export", export_kinds, G_N_ELEMENTS (export_kinds), &options, argc, argv);
}

static int
import_tool (const KindOptions  *options,
             int                 n_words,
             char              **words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(CaToolDefinition) def = NULL;
  gboolean changed = FALSE;
  int imported = 0;

  if (n_words != 1)
    {
      g_printerr (_("case-audit import tool: give one tool file, e.g. "
                    "“import tool stage-1.json”.\n"));
      return EXIT_USAGE;
    }

  /* The file is read and checked before the database is opened: a bad file changes
   * nothing, and does not even create a database. */
  def = ca_tool_file_read (words[0], &error);
  if (def == NULL)
    {
      g_printerr ("case-audit import tool: %s\n", error->message);
      return EXIT_FAILED;
    }

  database = open_database (options->database_path, TRUE, &error);
  if (database == NULL)
    {
      g_printerr ("case-audit import tool: %s\n", error->message);
      return EXIT_FAILED;
    }

  if (ca_tool_store_import_read (database, def, words[0], &imported, &changed, &error) == 0)
    {
      ca_database_discard_if_new (&database);
      g_printerr ("case-audit import tool: %s\n", error->message);
      return EXIT_FAILED;
    }

  if (!changed)
    g_print (_("“%s” is unchanged (version %d).\n"), def->name, imported);
  else
    g_print (_("Imported “%s” as version %d.\n"), def->name, imported);
  return 0;
}

static int
import_bank_holidays (const KindOptions  *options,
                      int                 n_words,
                      char              **words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(CaHolidayCalendar) file = NULL;
  g_autoptr(GArray) years = NULL;
  g_autoptr(GFile) input = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *contents = NULL;
  gsize length = 0;
  guint n_years = 0;
  GDateYear first, last;

  if (n_words != 1)
    {
      g_printerr (_("case-audit import bank-holidays: give one bank-holidays file, e.g. "
                    "“import bank-holidays bank-holidays.json”.\n"));
      return EXIT_USAGE;
    }

  /* Read once, bounded, and checked before the database is opened: a bad file changes
   * nothing. */
  input = g_file_new_for_commandline_arg (words[0]);
  bytes = ca_input_file_read (input, CA_BANK_HOLIDAYS_MAX_FILE_SIZE, CA_INPUT_FILE_WAIT_SECONDS,
                              NULL, &error);
  if (bytes == NULL)
    {
      g_printerr ("case-audit import bank-holidays: %s\n", error->message);
      return EXIT_FAILED;
    }
  contents = g_bytes_get_data (bytes, &length);
  if (contents == NULL)
    contents = "";
  file = ca_bank_holidays_parse (contents, (gssize) length, &error);
  if (file == NULL)
    {
      g_printerr ("case-audit import bank-holidays: %s: %s\n", words[0], error->message);
      return EXIT_FAILED;
    }
  years = ca_holiday_calendar_get_table_years (file);
  if (years->len == 0)
    {
      g_printerr (_("case-audit import bank-holidays: %s: the file lists no bank holidays, so "
                    "there is nothing to import.\n"), words[0]);
      return EXIT_FAILED;
    }

  database = open_database (options->database_path, TRUE, &error);
  if (database == NULL ||
      !ca_holiday_store_import_json (database, contents, length, &n_years, &error))
    {
      ca_database_discard_if_new (&database);
      g_printerr ("case-audit import bank-holidays: %s\n", error->message);
      return EXIT_FAILED;
    }

  first = g_array_index (years, GDateYear, 0);
  last = g_array_index (years, GDateYear, years->len - 1);
  if (first == last)
    g_print (_("Imported bank holidays for %u (1 year).\n"), (guint) first);
  else
    g_print (g_dngettext (NULL, "Imported bank holidays for %u–%u (%u year).\n",
                          "Imported bank holidays for %u–%u (%u years).\n", n_years),
             (guint) first, (guint) last, n_years);
  return 0;
}

static int
export_tool (const KindOptions  *options,
             int                 n_words,
             char              **words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(CaToolDefinition) def = NULL;

  if (n_words != 2)
    {
      g_printerr (_("case-audit export tool: give the tool's code and a file to write, e.g. "
                    "“export tool stage-1 stage-1.json”.\n"));
      return EXIT_USAGE;
    }
  if (options->pdf_path != NULL || options->eml_path != NULL)
    {
      g_printerr (_("case-audit export tool: %s is for “export audit”; a tool is written "
                    "as JSON.\n"), options->pdf_path != NULL ? "--pdf" : "--eml");
      return EXIT_USAGE;
    }

  database = open_database (options->database_path, FALSE, &error);
  if (database != NULL)
    def = ca_tool_store_export (database, words[0], options->version, words[1],
                                ca_command_line_output_flags (options->force), &error);
  if (def == NULL)
    {
      ca_command_line_print_write_error ("export tool", error);
      return EXIT_FAILED;
    }

  g_print (_("Exported “%s” version %d to %s.\n"), def->name, def->version, words[1]);
  return 0;
}

static int
export_audit (const KindOptions  *options,
              int                 n_words,
              char              **words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(CaAuditReport) report = NULL;
  guint64 audit_id = 0;

  if (n_words != 1)
    {
      g_printerr (_("case-audit export audit: give the audit's number and the file to write, "
                    "e.g. “export audit 12 --pdf audit-12.pdf”.\n"));
      return EXIT_USAGE;
    }
  if (!g_ascii_string_to_unsigned (words[0], 10, 1, G_MAXINT64, &audit_id, NULL))
    {
      g_printerr (_("case-audit export audit: “%s” is not an audit number; give a whole "
                    "number such as 12.\n"), words[0]);
      return EXIT_USAGE;
    }
  if ((options->pdf_path == NULL || options->pdf_path[0] == '\0') &&
      (options->eml_path == NULL || options->eml_path[0] == '\0'))
    {
      g_printerr (_("case-audit export audit: say which file to write with --pdf FILE, "
                    "e.g. “export audit %s --pdf audit-%s.pdf”, or --eml FILE for the "
                    "e-mail to the managers.\n"), words[0], words[0]);
      return EXIT_USAGE;
    }

  /* Both files are looked at before either is written: one refused writes neither. */
  if ((options->eml_path != NULL &&
       !ca_output_file_check (options->eml_path, ca_command_line_output_flags (options->force),
                              &error)) ||
      (options->pdf_path != NULL &&
       !ca_output_file_check (options->pdf_path, ca_command_line_output_flags (options->force),
                              &error)))
    {
      ca_command_line_print_write_error ("export audit", error);
      return EXIT_FAILED;
    }

  database = open_database (options->database_path, FALSE, &error);
  if (database == NULL)
    {
      g_printerr ("case-audit export audit: %s\n", error->message);
      return EXIT_FAILED;
    }

  /* The e-mail first: an audit that needs none writes no PDF either. */
  if (options->eml_path != NULL)
    {
      g_autoptr(CaMailMessage) message = NULL;

      message = ca_audit_notification_new_for_audit (database, (gint64) audit_id, TRUE, &error);
      if (message == NULL ||
          !ca_mail_message_save_eml (message, options->eml_path,
                                     ca_command_line_output_flags (options->force), &error))
        {
          ca_command_line_print_write_error ("export audit", error);
          return EXIT_FAILED;
        }
    }

  if (options->pdf_path != NULL)
    {
      report = ca_audit_report_new_for_audit (database, (gint64) audit_id, &error);
      if (report == NULL ||
          !ca_audit_report_save_pdf_full (report, options->pdf_path,
                                          ca_command_line_output_flags (options->force),
                                          &error))
        {
          ca_command_line_print_write_error ("export audit", error);
          return EXIT_FAILED;
        }
      g_print (_("Exported audit %s to %s.\n"), words[0], options->pdf_path);
    }
  if (options->eml_path != NULL)
    g_print (_("Wrote the e-mail to the managers about audit %s to %s. Open it in your mail "
               "program to send it, then mark it as sent in Case Audit.\n"),
             words[0], options->eml_path);
  return 0;
}

static int
import_programme (const KindOptions  *options,
                  int                 n_words,
                  char              **words)
{
  return ca_command_line_import_programme (options->database_path, options->example, n_words,
                                           words);
}

static int
export_ical (const KindOptions  *options,
             int                 n_words,
             char              **words)
{
  if (options->pdf_path != NULL || options->eml_path != NULL || options->version > 0)
    {
      g_printerr (_("case-audit export ical: %s is for another kind of export; a calendar "
                    "takes only --staff.\n"),
                  options->pdf_path != NULL ? "--pdf" : options->eml_path != NULL ? "--eml"
                                                                                 : "--version");
      return EXIT_USAGE;
    }
  return ca_command_line_export_ical (options->database_path, options->staff_ref,
                                      options->force, n_words, words);
}

/* What --force means to the file writers. */
CaOutputFileFlags
ca_command_line_output_flags (gboolean force)
{
  return force ? CA_OUTPUT_FILE_REPLACE : CA_OUTPUT_FILE_NEW_ONLY;
}

/* A file that could not be written; when it was only because one is there, how to
 * replace it. */
void
ca_command_line_print_write_error (const char   *command,
                                   const GError *error)
{
  g_printerr ("case-audit %s: %s\n", command, error->message);
  if (g_error_matches (error, CA_OUTPUT_FILE_ERROR, CA_OUTPUT_FILE_ERROR_EXISTS))
    g_printerr (_("Give another file name, or add --force to replace it.\n"));
}

CaDatabase *
ca_command_line_open_database (const char  *path,
                               gboolean     create,
                               GError     **error)
{
  return open_database (path, create, error);
}

/* deadlines: what is due and overdue on a day (R-F8, R-F9, R-F5), from the database. */

static JsonNode *
deadline_to_json (const CaDeadlineItem *item)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *due = ca_date_format (&item->due);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, ca_deadline_kind_to_string (item->kind));
  json_builder_set_member_name (builder, "due");
  json_builder_add_string_value (builder, due);
  json_builder_set_member_name (builder, "overdue_working_days");
  json_builder_add_int_value (builder, item->overdue_days);
  json_builder_set_member_name (builder, "case");
  json_builder_add_string_value (builder, item->case_ref);
  json_builder_set_member_name (builder, "category");
  if (item->category > 0)
    json_builder_add_int_value (builder, item->category);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "person");
  if (item->person != NULL)
    json_builder_add_string_value (builder, item->person);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "audit_id");
  json_builder_add_int_value (builder, item->audit_id);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, item->id);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
print_deadlines_json (const GDate *on,
                      GPtrArray   *items)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *on_text = ca_date_format (on);
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "on");
  json_builder_add_string_value (builder, on_text);
  for (int overdue = 0; overdue <= 1; overdue++)
    {
      json_builder_set_member_name (builder, overdue ? "overdue" : "due");
      json_builder_begin_array (builder);
      for (guint i = 0; i < items->len; i++)
        {
          const CaDeadlineItem *item = items->pdata[i];

          if (item->overdue == overdue)
            json_builder_add_value (builder, deadline_to_json (item));
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_deadline_line (const CaDeadlineItem *item)
{
  g_autofree char *due = ca_date_format (&item->due);
  g_autofree char *category = NULL;
  g_autofree char *late = NULL;

  if (item->category == 1)
    category = g_strdup (_("Category 1 (!)"));
  else if (item->category > 0)
    category = g_strdup_printf (_("Category %d"), item->category);
  else
    category = g_strdup (_("No category"));

  if (item->overdue)
    late = g_strdup_printf (g_dngettext (NULL, "%d working day overdue",
                                         "%d working days overdue", item->overdue_days),
                            item->overdue_days);
  else
    late = g_strdup (_("due today"));

  g_print ("  %-17s %s  %-25s %-14s %-14s %s\n", ca_deadline_kind_to_label (item->kind), due,
           late, item->case_ref, category, item->person != NULL ? item->person : "—");
}

static void
print_deadlines (const GDate *on,
                 GPtrArray   *items)
{
  g_autofree char *on_text = ca_date_format (on);
  guint n_overdue = 0, n_due;

  for (guint i = 0; i < items->len; i++)
    n_overdue += ((CaDeadlineItem *) items->pdata[i])->overdue;
  n_due = items->len - n_overdue;

  if (items->len == 0)
    {
      g_print (_("Nothing is due or overdue on %s.\n"), on_text);
      return;
    }

  g_print (_("Overdue on %s: %u\n"), on_text, n_overdue);
  for (guint i = 0; i < items->len; i++)
    if (((CaDeadlineItem *) items->pdata[i])->overdue)
      print_deadline_line (items->pdata[i]);
  g_print (_("Due on %s: %u\n"), on_text, n_due);
  for (guint i = 0; i < items->len; i++)
    if (!((CaDeadlineItem *) items->pdata[i])->overdue)
      print_deadline_line (items->pdata[i]);
}

static int
run_deadlines (int    argc,
               char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(CaHolidayCalendar) calendar = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *path = NULL;
  g_autofree char *on_text = NULL;
  gboolean json = FALSE;
  GDate on;
  GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on_text, N_("The day to look at, YYYY-MM-DD (default: today)"), N_("DATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write JSON for scripts"), NULL },
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &path, N_("The database to read (default: the usual one)"), N_("FILE") },
    { NULL }
  };

  if (!parse_options ("deadlines",
                      _("Lists what is due on a day and what is overdue by then: category\n"
                        "deadlines whose recommendations are not yet checked, manager\n"
                        "responses not yet given, actions not completed, and audits not yet\n"
                        "returned. Category 1 comes first, then the most overdue; overdue is\n"
                        "counted in working days (England and Wales)."),
                      entries, &argc, &argv))
    return EXIT_USAGE;

  if (on_text != NULL)
    {
      if (!parse_date_argument ("deadlines", on_text, &on))
        return EXIT_USAGE;
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      ca_deadline_get_local_date (now, &on);
    }

  database = open_database (path, FALSE, &error);
  if (database != NULL)
    calendar = ca_holiday_store_load_calendar (database, &error);
  if (calendar != NULL)
    items = ca_deadline_store_list (database, calendar, &on, &error);
  if (items == NULL)
    {
      g_printerr ("case-audit deadlines: %s\n", error->message);
      return EXIT_FAILED;
    }

  if (json)
    print_deadlines_json (&on, items);
  else
    print_deadlines (&on, items);
  return 0;
}

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

gboolean
ca_command_line_is_command (const char *name)
{
  return find_command (name) != NULL;
}

/* Runs argv[1] with the arguments after it. */
int
ca_command_line_run (int    argc,
                     char **argv)
{
  const Command *command;
  g_autofree char *program = NULL;
  g_autofree char **command_argv = NULL;

  g_return_val_if_fail (argc >= 2, EXIT_USAGE);

  command = find_command (argv[1]);
  g_return_val_if_fail (command != NULL, EXIT_USAGE);

  /* The command's own parser sees "case-audit demo" as the program and then its options;
   * it rearranges this array of borrowed strings, never the caller's. */
  program = g_strdup_printf ("%s %s", argv[0], argv[1]);
  command_argv = g_new0 (char *, argc);
  command_argv[0] = program;
  for (int i = 2; i < argc; i++)
    command_argv[i - 1] = argv[i];

  return command->run (argc - 1, command_argv);
}

/* The list of commands for "case-audit --help". */
char *
ca_command_line_describe_commands (void)
{
  GString *text = g_string_new (_("Commands (they run without opening a window):"));
  int width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, (int) strlen (commands[i].name));
  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-*s %s\n", width, commands[i].name, _(commands[i].summary));
  g_string_append (text, _("\nRun “case-audit COMMAND --help” for a command's options."));
  return g_string_free (text, FALSE);
}
