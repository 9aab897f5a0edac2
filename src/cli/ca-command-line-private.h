// SPDX-License-Identifier: GPL-3.0-or-later
// What the command line's parts share: the table of commands, the one option parser, the one
// way to open the database and to report a mistake, and the commands' entry points.
#pragma once

#include <json-glib/json-glib.h>

#include "ca-command-line.h"
#include "ca-database.h"
#include "ca-import.h"
#include "ca-output-file.h"

G_BEGIN_DECLS

/* A command: "case-audit NAME …" runs RUN with "case-audit NAME" as argv[0]. OPTIONS lists
 * its options' long names and letters, space-separated, so that one written before the
 * command can be pointed to its place; tests/cli/test-command-line.sh checks the list
 * against the command's --help. */
typedef int (*CaCommandFunc) (int argc, char **argv);

typedef struct
{
  const char    *name;
  const char    *summary;
  CaCommandFunc  run;
  const char    *options;
} CaCommand;

/* ca-command-line.c: the table, in the order "case-audit --help" lists it. */
const CaCommand *ca_command_line_get_commands (guint *n_commands);
const CaCommand *ca_command_line_find_command (const char *name);

/* The options every command that uses a database shares: --database FILE (-d FILE), which
 * may also come before the command, and --force for those that write files. Each command
 * says in its own words what its database or file is for. */
#define CA_COMMAND_LINE_DATABASE_OPTION(path, description) \
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, (path), (description), N_("FILE") }
#define CA_COMMAND_LINE_FORCE_OPTION(force) \
  { "force", 0, 0, G_OPTION_ARG_NONE, (force), \
    N_("Replace a file that is already there (never a folder, device or pipe)"), NULL }

/* What may follow a command's options. */
typedef enum
{
  CA_COMMAND_LINE_NO_WORDS,    /* nothing: a word left over is reported as unexpected */
  CA_COMMAND_LINE_WORDS,       /* words, left in (*argv)[1…] for the command to check */
  CA_COMMAND_LINE_ANY_WORDS,   /* words and anything that looks like an option but is none
                                * (such as "-3"), so the command can say what is wrong */
} CaCommandLineWords;

/* ca-command-line-common.c */
gboolean    ca_command_line_parse             (const char          *command,
                                               const char          *parameter,
                                               const char          *summary,
                                               GOptionEntry        *entries,
                                               CaCommandLineWords   words,
                                               int                 *argc,
                                               char              ***argv);
void        ca_command_line_usage_hint        (const char   *command);
int         ca_command_line_fail              (const char         *command,
                                               CaCommandLineExit   status,
                                               const char         *format,
                                               ...) G_GNUC_PRINTF (3, 4);
CaDatabase *ca_command_line_open_database     (const char  *path,
                                               gboolean     create,
                                               GError     **error);
void        ca_command_line_print_notices     (CaDatabase  *database);
CaOutputFileFlags ca_command_line_output_flags (gboolean   force);
void        ca_command_line_print_write_error (const char   *command,
                                               const GError *error);
void        ca_command_line_print_json        (JsonBuilder  *builder);
gboolean    ca_command_line_parse_date        (const char *command,
                                               const char *text,
                                               GDate      *date);
gboolean    ca_command_line_parse_on          (const char *command,
                                               const char *text,
                                               GDate      *day);
gboolean    ca_command_line_parse_month       (const char *command,
                                               const char *text,
                                               GDate      *first_day);
gboolean    ca_command_line_parse_seed        (const char *command,
                                               const char *text,
                                               guint64    *seed);
gboolean    ca_command_line_parse_id          (const char *text,
                                               gint64     *id);

/* import and export: "import KIND …", where KIND says what the file holds. The options of
 * both commands; each kind uses those that apply to it. */
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
} CaKindOptions;

typedef int (*CaKindFunc) (const CaKindOptions  *options,
                           int                   n_words,
                           char                **words);

typedef struct
{
  const char *name;
  CaKindFunc  run;
} CaKind;

int         ca_command_line_run_kind          (const char           *command,
                                               const CaKind         *kinds,
                                               guint                 n_kinds,
                                               const CaKindOptions  *options,
                                               int                   argc,
                                               char                **argv);

/* action: "action done ACTION_ID" and "action sign-off ACTION_ID", one file each. What both
 * take is parsed and checked once, and the database opened, in ca-action-command.c. */
typedef struct
{
  CaDatabase *database;       /* open */
  gint64      action_id;
  const char *by_ref;         /* --by: a staff ID */
  GDate       on;             /* --on, or today */
  GDate       today;
  const char *evidence;       /* done --evidence */
} CaActionRequest;

int ca_action_done_command_run     (const CaActionRequest *request);
int ca_action_sign_off_command_run (const CaActionRequest *request);

/* The commands, one file each. */
int ca_action_command_run        (int argc, char **argv);
int ca_agreement_command_run     (int argc, char **argv);
int ca_allocate_command_run      (int argc, char **argv);
int ca_deadlines_command_run     (int argc, char **argv);
int ca_demo_command_run          (int argc, char **argv);
int ca_escalate_command_run      (int argc, char **argv);
int ca_event_command_run         (int argc, char **argv);
int ca_event_panel_command_run   (const char *database_path, const char *event_text,
                                  const char *add, const char *remove,
                                  const char *conclusions, gboolean json);
int ca_export_command_run        (int argc, char **argv);
int ca_import_command_run        (int argc, char **argv);
int ca_moderation_command_run    (int argc, char **argv);
int ca_tracker_command_run       (int argc, char **argv);
int ca_verify_command_run        (int argc, char **argv);
int ca_version_command_run       (int argc, char **argv);
int ca_working_days_command_run  (int argc, char **argv);

/* The kinds of import and export, one file for each kind of thing. */
int ca_tool_command_import          (const CaKindOptions *options, int n_words, char **words);
int ca_tool_command_export          (const CaKindOptions *options, int n_words, char **words);
int ca_bank_holidays_command_import (const CaKindOptions *options, int n_words, char **words);
int ca_csv_command_import           (const CaKindOptions *options, int n_words, char **words,
                                     CaImportKind kind);
int ca_programme_command_import     (const CaKindOptions *options, int n_words, char **words);
int ca_programme_command_export      (const CaKindOptions *options, int n_words, char **words);
int ca_programme_command_export_ical (const CaKindOptions *options, int n_words, char **words);
int ca_audit_command_export         (const CaKindOptions *options, int n_words, char **words);

G_END_DECLS
