// SPDX-License-Identifier: GPL-3.0-or-later
// What the command line's parts share: exit statuses, opening the database, the kinds kept
// in their own files.
#pragma once

#include "ca-database.h"
#include "ca-output-file.h"

G_BEGIN_DECLS

/* Exit statuses: 0 done, 1 the work failed, 2 the command was used wrongly. */
#define CA_COMMAND_LINE_EXIT_FAILED 1
#define CA_COMMAND_LINE_EXIT_USAGE  2

CaDatabase *ca_command_line_open_database    (const char  *path,
                                              gboolean     create,
                                              GError     **error);
CaOutputFileFlags ca_command_line_output_flags (gboolean   force);
void        ca_command_line_print_write_error (const char   *command,
                                               const GError *error);
void        ca_command_line_print_notices    (CaDatabase  *database);

/* ca-command-line-programme.c */
int         ca_command_line_import_programme (const char  *database_path,
                                              gboolean     example,
                                              int          n_words,
                                              char       **words);
int         ca_command_line_export_ical      (const char  *database_path,
                                              const char  *staff_ref,
                                              gboolean     force,
                                              int          n_words,
                                              char       **words);

G_END_DECLS
