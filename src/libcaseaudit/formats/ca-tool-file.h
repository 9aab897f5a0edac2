// SPDX-License-Identifier: GPL-3.0-or-later
// The audit tool file format (JSON): reading with validation, writing, and the built-in tools.
#pragma once

#include <glib.h>

#include "ca-output-file.h"
#include "ca-tool-definition.h"

G_BEGIN_DECLS

#define CA_TOOL_FILE_ERROR (ca_tool_file_error_quark ())

typedef enum
{
  CA_TOOL_FILE_ERROR_NOT_JSON,  /* not JSON, not UTF-8, or empty */
  CA_TOOL_FILE_ERROR_NOT_TOOL,  /* JSON, but not a Case Audit tool file */
  CA_TOOL_FILE_ERROR_TOO_NEW,   /* a tool file from a newer Case Audit */
  CA_TOOL_FILE_ERROR_INVALID,   /* a tool file with a mistake; the message names its path */
} CaToolFileError;

/* What "format" and "format_version" say in the files this version reads and writes. Version 2
 * added moderation tools ("kind": "moderation"); an audit tool is still written as version 1,
 * which every Case Audit reads, and a moderation tool as version 2, so that an older Case Audit
 * asks to be updated rather than naming "kind" as a mistake. */
#define CA_TOOL_FILE_FORMAT "case-audit-tool"
#define CA_TOOL_FILE_FORMAT_VERSION 2
#define CA_TOOL_FILE_FORMAT_VERSION_AUDIT 1

/* The largest tool file read. A tool is a form: the largest shipped (Stage 1) is 23 KB, and
 * one of 500 questions with a page of guidance each is about 2 MB. A file many times that is
 * not a tool, and reading it would only fill the memory. */
#define CA_TOOL_FILE_MAX_SIZE (10 * 1000 * 1000)

/* Where the built-in tools (the JSON files in data/tools) live in the library's resources. */
#define CA_TOOL_FILE_BUILTIN_PATH "/io/github/caseaudit/CaseAudit/tools/"

GQuark            ca_tool_file_error_quark  (void);
CaToolDefinition *ca_tool_file_parse        (const char              *json,
                                             gsize                    length,
                                             GError                 **error);
char             *ca_tool_file_to_json      (const CaToolDefinition  *def);
gboolean          ca_tool_file_validate     (const CaToolDefinition  *def,
                                             GError                 **error);
GPtrArray        *ca_tool_file_load_builtin (GError                 **error);
CaToolDefinition *ca_tool_file_read         (const char              *path,
                                             GError                 **error);
gboolean          ca_tool_file_write        (const CaToolDefinition  *def,
                                             const char              *path,
                                             CaOutputFileFlags        flags,
                                             GError                 **error);

G_END_DECLS
