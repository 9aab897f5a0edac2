// SPDX-License-Identifier: GPL-3.0-or-later
// The SQL of importing: what the database already holds that rows may name, and the writes
// (past moderations' in ca-import-moderation-store.c).
#pragma once

#include <gio/gio.h>

#include "ca-database.h"
#include "ca-import.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *name;
  char   *service_area;
  gint64  locality_id;
} CaImportTeam;

typedef struct
{
  gint64  id;
  char   *ref;
  char   *manager_ref;
} CaImportStaff;

/* Optional columns a file does not have: an update keeps what the database holds, so a
 * list without (say) the restricted flag does not clear it. */
typedef enum
{
  CA_IMPORT_KEEP_EMAIL       = 1 << 0,
  CA_IMPORT_KEEP_TEAM        = 1 << 1,
  CA_IMPORT_KEEP_ACTIVE      = 1 << 2,
  CA_IMPORT_KEEP_MANAGER     = 1 << 3,
  CA_IMPORT_KEEP_WORKER      = 1 << 4,
  CA_IMPORT_KEEP_CLOSE_DATE  = 1 << 5,
  CA_IMPORT_KEEP_ETHNICITY   = 1 << 6,
  CA_IMPORT_KEEP_BIRTH_MONTH = 1 << 7,
  CA_IMPORT_KEEP_GENDER      = 1 << 8,
  CA_IMPORT_KEEP_DISABILITY  = 1 << 9,
  CA_IMPORT_KEEP_RESTRICTED  = 1 << 10,
  CA_IMPORT_KEEP_GROUP       = 1 << 11,
} CaImportKeep;

/* A section of a version of a tool, as a moderation history's columns name it. */
typedef struct
{
  char     *id;
  char     *key;        /* the id folded (ca_import_fold_value) */
  char     *title_key;  /* the title folded */
  gboolean  graded;
} CaImportSection;

/* What a version of a tool has a moderator grade: its sections. */
typedef struct
{
  char      *tool_name;
  GPtrArray *sections;  /* of CaImportSection, in the tool's order */
} CaImportToolSections;

/* An audit a past moderation may name, found by its identity. */
typedef struct
{
  gint64                       id;
  const CaImportToolSections  *sections;   /* its version's; NULL when that no longer reads */
  char                        *audit_date;
  gboolean                     submitted;
  gboolean                     graded;     /* has an overall grade, so counts in R-H4 */
} CaImportAudit;

/* One section's grade on a moderation row. */
typedef struct
{
  char *section_id;
  char *grade;
} CaImportSectionGrade;

/* What writing a past moderation did. */
typedef enum
{
  CA_IMPORT_WRITTEN_NEW,
  CA_IMPORT_WRITTEN_UPDATED,
  CA_IMPORT_WRITTEN_UNCHANGED,
} CaImportWritten;

/* Names are keyed in lower case, codes and role and tool names by ca_import_fold_value();
 * references exactly as written. */
typedef struct
{
  CaImportKind  kind;
  CaImportKeep  keep;
  GHashTable   *service_areas;   /* lower name → id */
  GHashTable   *localities;      /* lower name → id */
  GHashTable   *auditor_groups;  /* lower name → id */
  GHashTable   *teams;           /* lower name → CaImportTeam */
  GHashTable   *roles;           /* folded code and folded name → code */
  GHashTable   *staff;           /* ref → CaImportStaff */
  GHashTable   *staff_names;     /* lower name → ref, or "" when several share the name */
  GHashTable   *cases;           /* ref → id */
  GHashTable   *tools;           /* folded code, and every version's folded name → CaImportTool */
  GHashTable   *audits;          /* "case_id|auditor_id|tool_id|date" → id, copies left out */
  GPtrArray    *tool_list;       /* owns the CaImportTools */
  CaStatement  *statements[8];
  /* Moderations alone (NULL otherwise): */
  GHashTable   *audit_details;   /* "case_id|auditor_id|tool_id|date" → CaImportAudit */
  GHashTable   *tool_sections;   /* version id → CaImportToolSections */
  GHashTable   *moderations;     /* "audit_id|moderator_id|moderated_on" → id, done ones */
  CaStatement  *moderation_statements[4];
} CaImportLookup;

typedef struct
{
  gint64  tool_id;
  gint64  version_id;   /* the latest, which a new audit uses */
  char   *code;
} CaImportTool;

CaImportLookup *ca_import_store_load_lookup   (CaDatabase      *database,
                                               CaImportKind     kind,
                                               CaImportFormat   format,
                                               GError         **error);
void            ca_import_lookup_free         (CaImportLookup  *lookup);
const CaImportTool *ca_import_lookup_find_tool (CaImportLookup  *lookup,
                                               const char      *text);

GPtrArray      *ca_import_store_list_choices  (CaDatabase      *database,
                                               const char      *field,
                                               GError         **error);
GArray         *ca_import_store_list_audit_copies (CaDatabase  *database,
                                                   GError     **error);

gboolean        ca_import_store_write_team    (CaDatabase      *database,
                                               CaImportLookup  *lookup,
                                               const char      *name,
                                               const char      *service_area,
                                               const char      *locality,
                                               const char      *auditor_group,
                                               gboolean        *inserted,
                                               GError         **error);
gboolean        ca_import_store_write_staff   (CaDatabase      *database,
                                               CaImportLookup  *lookup,
                                               const char      *ref,
                                               const char      *name,
                                               const char      *email,
                                               const char      *role_code,
                                               gint64           team_id,
                                               gboolean         active,
                                               gboolean        *inserted,
                                               GError         **error);
gboolean        ca_import_store_set_manager   (CaDatabase      *database,
                                               CaImportLookup  *lookup,
                                               const char      *ref,
                                               const char      *manager_ref,
                                               GError         **error);

typedef struct
{
  char     *case_ref;
  gint64    team_id;
  gint64    locality_id;
  gint64    worker_id;
  char     *open_date;
  char     *close_date;
  char     *legal_status;
  char     *ethnicity;
  char     *birth_month;
  char     *gender;
  gboolean  disability;
  gboolean  restricted;
} CaImportCaseRow;

gboolean        ca_import_store_write_case    (CaDatabase             *database,
                                               CaImportLookup         *lookup,
                                               const CaImportCaseRow  *row,
                                               gboolean               *inserted,
                                               GError                **error);
gboolean        ca_import_store_enrich_case   (CaDatabase             *database,
                                               CaImportLookup         *lookup,
                                               const CaImportCaseRow  *row,
                                               GError                **error);
gboolean        ca_import_store_write_audit   (CaDatabase             *database,
                                               CaImportLookup         *lookup,
                                               gint64                  case_id,
                                               gint64                  auditor_id,
                                               const CaImportTool     *tool,
                                               const char             *audit_date,
                                               const char             *overall_grade,
                                               int                     category,
                                               gboolean               *inserted,
                                               GError                **error);

/* ca-import-moderation-store.c */
gboolean        ca_import_store_load_moderation_lookup (CaDatabase       *database,
                                                        CaImportLookup   *lookup,
                                                        GError          **error);
void            ca_import_lookup_clear_moderations     (CaImportLookup   *lookup);
const CaImportAudit *ca_import_lookup_find_audit       (CaImportLookup   *lookup,
                                                        gint64            case_id,
                                                        gint64            auditor_id,
                                                        gint64            tool_id,
                                                        const char       *audit_date);
void            ca_import_section_grade_free           (gpointer          data);
gboolean        ca_import_store_write_moderation       (CaDatabase       *database,
                                                        CaImportLookup   *lookup,
                                                        gint64            audit_id,
                                                        gint64            moderator_id,
                                                        const char       *moderated_on,
                                                        const char       *overall_grade,
                                                        GPtrArray        *grades,
                                                        CaImportWritten  *written,
                                                        GError          **error);

G_END_DECLS
