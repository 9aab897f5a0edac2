// SPDX-License-Identifier: GPL-3.0-or-later
// Audit tools in the database: the built-in ones, imports as new versions, loading (R-E1–R-E3).
#pragma once

#include <glib.h>

#include "ca-database.h"
#include "ca-output-file.h"
#include "ca-tool-definition.h"

G_BEGIN_DECLS

#define CA_TOOL_STORE_ERROR (ca_tool_store_error_quark ())

typedef enum
{
  CA_TOOL_STORE_ERROR_NOT_FOUND,
  CA_TOOL_STORE_ERROR_DAMAGED,   /* a stored definition that no longer reads */
  CA_TOOL_STORE_ERROR_WRONG_KIND, /* an audit tool where a moderation tool is wanted, or back */
} CaToolStoreError;

/* The moderation tool every moderation is made with (data/tools/stage-2.json). */
#define CA_TOOL_STAGE_2 "stage-2"

/* One tool as a list shows it: its latest version. */
typedef struct
{
  CaToolKind  kind;
  char       *code;
  char       *name;
  int         latest_version;
  gint64      latest_version_id;
} CaToolSummary;

GQuark            ca_tool_store_error_quark     (void);
void              ca_tool_summary_free          (CaToolSummary           *summary);

gboolean          ca_tool_store_install_builtin (CaDatabase              *db,
                                                 GError                 **error);
gint64            ca_tool_store_import          (CaDatabase              *db,
                                                 const CaToolDefinition  *def,
                                                 int                     *version_out,
                                                 GError                 **error);
gint64            ca_tool_store_find_version    (CaDatabase              *db,
                                                 const char              *code,
                                                 int                      version,
                                                 int                     *version_out,
                                                 GError                 **error);
gint64            ca_tool_store_find_version_of_kind (CaDatabase         *db,
                                                 const char              *code,
                                                 CaToolKind               kind,
                                                 int                      version,
                                                 int                     *version_out,
                                                 GError                 **error);
CaToolDefinition *ca_tool_store_load_version    (CaDatabase              *db,
                                                 gint64                   tool_version_id,
                                                 GError                 **error);
CaToolDefinition *ca_tool_store_load_latest     (CaDatabase              *db,
                                                 const char              *code,
                                                 GError                 **error);
GPtrArray        *ca_tool_store_list            (CaDatabase              *db,
                                                 GError                 **error);
gint64            ca_tool_store_import_read     (CaDatabase              *db,
                                                 const CaToolDefinition  *def,
                                                 const char              *path,
                                                 int                     *version_out,
                                                 gboolean                *changed_out,
                                                 GError                 **error);
CaToolDefinition *ca_tool_store_export          (CaDatabase              *db,
                                                 const char              *code,
                                                 int                      version,
                                                 const char              *path,
                                                 CaOutputFileFlags        flags,
                                                 GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaToolSummary, ca_tool_summary_free)

G_END_DECLS
