// SPDX-License-Identifier: GPL-3.0-or-later
// The SQL of importing: what the database already holds that rows may name, and the writes.

#define G_LOG_DOMAIN "ca-import-store"

#include "config.h"

#include <string.h>

#include "ca-import-store.h"
#include "ca-import-store-private.h"
#include "ca-tool-file.h"
#include "core/ca-import-rules.h"

enum
{
  STMT_TEAM_INSERT,
  STMT_TEAM_UPDATE,
  STMT_STAFF_INSERT,
  STMT_STAFF_UPDATE,
  STMT_STAFF_MANAGER,
  STMT_CASE_INSERT,
  STMT_CASE_UPDATE,
  STMT_AUDIT_INSERT,
};

static const char * const statement_sql[] = {
  [STMT_TEAM_INSERT] =
    "INSERT INTO team (name, service_area_id, locality_id, auditor_group_id) VALUES (?, ?, ?, ?)",
  [STMT_TEAM_UPDATE] =
    "UPDATE team SET name = ?1, service_area_id = ?2, locality_id = ?3, "
    "auditor_group_id = CASE WHEN ?6 THEN auditor_group_id ELSE ?4 END WHERE id = ?5",
  [STMT_STAFF_INSERT] =
    "INSERT INTO staff (staff_ref, name, email, role_code, team_id, active) "
    "VALUES (?, ?, ?, ?, ?, ?)",
  [STMT_STAFF_UPDATE] =
    "UPDATE staff SET name = ?2, email = CASE WHEN ?8 THEN email ELSE ?3 END, role_code = ?4, "
    "team_id = CASE WHEN ?9 THEN team_id ELSE ?5 END, "
    "active = CASE WHEN ?10 THEN active ELSE ?6 END WHERE id = ?7",
  [STMT_STAFF_MANAGER] =
    "UPDATE staff SET line_manager_id = ? WHERE id = ?",
  [STMT_CASE_INSERT] =
    "INSERT INTO case_file (team_id, locality_id, allocated_worker_id, open_date, close_date, "
    "legal_status, ethnicity, birth_month, gender, disability, restricted, case_ref) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  [STMT_CASE_UPDATE] =
    "UPDATE case_file SET team_id = ?1, locality_id = ?2, "
    "allocated_worker_id = CASE WHEN ?13 THEN allocated_worker_id ELSE ?3 END, "
    "open_date = ?4, close_date = CASE WHEN ?14 THEN close_date ELSE ?5 END, "
    "legal_status = ?6, ethnicity = CASE WHEN ?15 THEN ethnicity ELSE ?7 END, "
    "birth_month = CASE WHEN ?16 THEN birth_month ELSE ?8 END, "
    "gender = CASE WHEN ?17 THEN gender ELSE ?9 END, "
    "disability = CASE WHEN ?18 THEN disability ELSE ?10 END, "
    "restricted = CASE WHEN ?19 THEN restricted ELSE ?11 END WHERE case_ref = ?12",
  [STMT_AUDIT_INSERT] =
    "INSERT INTO audit (case_id, tool_version_id, auditor_id, status, allocated_on, audit_date, "
    "overall_grade, category, submitted_at, tool_id) "
    "VALUES (?, ?, ?, 'closed', ?, ?, ?, ?, ?, ?)",
};

G_STATIC_ASSERT (G_N_ELEMENTS (statement_sql) == G_SIZEOF_MEMBER (CaImportLookup, statements) /
                                                 sizeof (CaStatement *));

static void
team_free (gpointer data)
{
  CaImportTeam *team = data;

  g_free (team->name);
  g_free (team->service_area);
  g_free (team);
}

static void
staff_free (gpointer data)
{
  CaImportStaff *staff = data;

  g_free (staff->ref);
  g_free (staff->manager_ref);
  g_free (staff);
}

static GHashTable *
new_id_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
put_id (GHashTable *table,
        const char *key,
        gint64      id)
{
  g_hash_table_replace (table, g_strdup (key), g_memdup2 (&id, sizeof id));
}

static gint64
get_id (GHashTable *table,
        const char *key)
{
  gint64 *id = g_hash_table_lookup (table, key);

  return id != NULL ? *id : 0;
}

static gboolean
load_names (CaDatabase  *database,
            const char  *table,
            GHashTable  *into,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id, name FROM %s", table);
  g_autoptr(CaStatement) stmt = ca_database_prepare (database, sql, error);

  if (stmt == NULL)
    return FALSE;
  while (ca_statement_next (stmt))
    {
      g_autofree char *key = ca_import_fold_name (ca_statement_get_text (stmt, 1));
      put_id (into, key, ca_statement_get_int64 (stmt, 0));
    }
  return ca_statement_check (stmt, error);
}

static gboolean
load_teams (CaDatabase      *database,
            CaImportLookup  *lookup,
            GError         **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (database,
                              "SELECT t.id, t.name, s.name, t.locality_id FROM team t "
                              "JOIN service_area s ON s.id = t.service_area_id", error);
  if (stmt == NULL)
    return FALSE;
  while (ca_statement_next (stmt))
    {
      CaImportTeam *team = g_new0 (CaImportTeam, 1);

      team->id = ca_statement_get_int64 (stmt, 0);
      team->name = ca_statement_dup_text (stmt, 1);
      team->service_area = ca_statement_dup_text (stmt, 2);
      team->locality_id = ca_statement_get_int64 (stmt, 3);
      g_hash_table_replace (lookup->teams, ca_import_fold_name (team->name), team);
    }
  if (!ca_statement_check (stmt, error))
    return FALSE;
  return TRUE;
}

static gboolean
load_staff (CaDatabase      *database,
            CaImportLookup  *lookup,
            GError         **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (database,
                              "SELECT s.id, s.staff_ref, s.name, m.staff_ref FROM staff s "
                              "LEFT JOIN staff m ON m.id = s.line_manager_id", error);
  if (stmt == NULL)
    return FALSE;
  while (ca_statement_next (stmt))
    {
      CaImportStaff *staff = g_new0 (CaImportStaff, 1);
      g_autofree char *name = ca_import_fold_name (ca_statement_get_text (stmt, 2));

      staff->id = ca_statement_get_int64 (stmt, 0);
      staff->ref = ca_statement_dup_text (stmt, 1);
      staff->manager_ref = ca_statement_dup_text (stmt, 3);
      g_hash_table_replace (lookup->staff, g_strdup (staff->ref), staff);

      /* Two people with one name cannot be told apart by name: only by reference. */
      if (g_hash_table_contains (lookup->staff_names, name))
        g_hash_table_replace (lookup->staff_names, g_steal_pointer (&name), g_strdup (""));
      else
        g_hash_table_replace (lookup->staff_names, g_steal_pointer (&name),
                              g_strdup (staff->ref));
    }
  if (!ca_statement_check (stmt, error))
    return FALSE;
  return TRUE;
}

static gboolean
load_simple (CaDatabase  *database,
             const char  *sql,
             gboolean     lower_key,
             GHashTable  *into,
             GError     **error)
{
  g_autoptr(CaStatement) stmt = ca_database_prepare (database, sql, error);

  if (stmt == NULL)
    return FALSE;
  while (ca_statement_next (stmt))
    {
      const char *key = ca_statement_get_text (stmt, 1);
      g_autofree char *folded = lower_key ? ca_import_fold_name (key) : g_strdup (key);

      put_id (into, folded, ca_statement_get_int64 (stmt, 0));
    }
  if (!ca_statement_check (stmt, error))
    return FALSE;
  return TRUE;
}

static gboolean
load_roles (CaDatabase      *database,
            CaImportLookup  *lookup,
            GError         **error)
{
  g_autoptr(CaStatement) stmt = ca_database_prepare (database, "SELECT code, name FROM role",
                                                     error);

  if (stmt == NULL)
    return FALSE;
  while (ca_statement_next (stmt))
    {
      const char *code = ca_statement_get_text (stmt, 0);

      g_hash_table_replace (lookup->roles, ca_import_fold_value (code), g_strdup (code));
      g_hash_table_replace (lookup->roles, ca_import_fold_value (ca_statement_get_text (stmt, 1)),
                            g_strdup (code));
    }
  if (!ca_statement_check (stmt, error))
    return FALSE;
  return TRUE;
}

static void
tool_free (gpointer data)
{
  CaImportTool *tool = data;

  g_free (tool->code);
  g_free (tool);
}

/* A tool is known by its code and by its name, and by the name of any of its versions: an
 * audit history written before a tool was renamed still names it. Codes win over names. The
 * moderation tool is no audit's tool, so it is not known here. */
static gboolean
load_tools (CaDatabase      *database,
            CaImportLookup  *lookup,
            GError         **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(CaStatement) versions = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  stmt = ca_database_prepare (database,
                              "SELECT t.code, t.id, v.id, t.name FROM audit_tool t "
                              "JOIN audit_tool_version v ON v.tool_id = t.id "
                              "WHERE t.kind = 'audit' AND "
                              "v.version = (SELECT max(version) FROM audit_tool_version "
                              "WHERE tool_id = t.id)", error);
  if (stmt == NULL)
    return FALSE;
  while (ca_statement_next (stmt))
    {
      CaImportTool *tool = g_new0 (CaImportTool, 1);

      tool->code = ca_statement_dup_text (stmt, 0);
      tool->tool_id = ca_statement_get_int64 (stmt, 1);
      tool->version_id = ca_statement_get_int64 (stmt, 2);
      g_ptr_array_add (lookup->tool_list, tool);
      g_hash_table_insert (by_id, &tool->tool_id, tool);
      g_hash_table_replace (lookup->tools, ca_import_fold_value (tool->code), tool);
    }
  if (!ca_statement_check (stmt, error))
    return FALSE;

  /* The names after the codes, so a name never hides another tool's code. */
  ca_statement_reset (stmt);
  while (ca_statement_next (stmt))
    {
      g_autofree char *key = ca_import_fold_value (ca_statement_get_text (stmt, 3));
      gint64 id = ca_statement_get_int64 (stmt, 1);

      if (!g_hash_table_contains (lookup->tools, key))
        g_hash_table_insert (lookup->tools, g_steal_pointer (&key),
                             g_hash_table_lookup (by_id, &id));
    }
  if (!ca_statement_check (stmt, error))
    return FALSE;

  versions = ca_database_prepare (database, "SELECT tool_id, definition FROM audit_tool_version",
                                  error);
  if (versions == NULL)
    return FALSE;
  while (ca_statement_next (versions))
    {
      const char *json = ca_statement_get_text (versions, 1);
      gint64 id = ca_statement_get_int64 (versions, 0);
      CaImportTool *tool = g_hash_table_lookup (by_id, &id);
      g_autoptr(CaToolDefinition) definition = NULL;
      g_autofree char *key = NULL;

      /* A stored definition that no longer reads only costs its old name. */
      if (tool == NULL || json == NULL ||
          (definition = ca_tool_file_parse (json, strlen (json), NULL)) == NULL ||
          definition->name == NULL)
        continue;
      key = ca_import_fold_value (definition->name);
      if (!g_hash_table_contains (lookup->tools, key))
        g_hash_table_insert (lookup->tools, g_steal_pointer (&key), tool);
    }
  if (!ca_statement_check (versions, error))
    return FALSE;
  return TRUE;
}

/* "case_id|auditor_id|tool_id|date": an audit of the database as CaImportLookup's audits
 * and audit_details find it. */
char *
ca_import_store_audit_key (gint64       case_id,
                           gint64       auditor_id,
                           gint64       tool_id,
                           const char  *audit_date)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%s",
                          case_id, auditor_id, tool_id, audit_date);
}

static gboolean
load_audits (CaDatabase      *database,
             CaImportLookup  *lookup,
             GError         **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (database,
                              "SELECT id, case_id, auditor_id, tool_id, audit_date FROM audit "
                              "WHERE audit_date IS NOT NULL AND duplicate_of IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  while (ca_statement_next (stmt))
    {
      g_autofree char *key = ca_import_store_audit_key (ca_statement_get_int64 (stmt, 1),
                                                        ca_statement_get_int64 (stmt, 2),
                                                        ca_statement_get_int64 (stmt, 3),
                                                        ca_statement_get_text (stmt, 4));
      put_id (lookup->audits, key, ca_statement_get_int64 (stmt, 0));
    }
  if (!ca_statement_check (stmt, error))
    return FALSE;
  return TRUE;
}

/**
 * ca_import_store_load_lookup:
 *
 * Reads what rows of @kind may refer to, so that every row is checked before anything is
 * written.
 */
CaImportLookup *
ca_import_store_load_lookup (CaDatabase      *database,
                             CaImportKind     kind,
                             CaImportFormat   format,
                             GError         **error)
{
  CaImportLookup *lookup;
  gboolean ok = TRUE;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);

  lookup = g_new0 (CaImportLookup, 1);
  lookup->kind = kind;
  lookup->service_areas = new_id_table ();
  lookup->localities = new_id_table ();
  lookup->auditor_groups = new_id_table ();
  lookup->teams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, team_free);
  lookup->roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lookup->staff = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, staff_free);
  lookup->staff_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lookup->cases = new_id_table ();
  lookup->tools = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lookup->tool_list = g_ptr_array_new_with_free_func (tool_free);
  lookup->audits = new_id_table ();

  switch (kind)
    {
    case CA_IMPORT_KIND_TEAMS:
      ok = load_names (database, "service_area", lookup->service_areas, error) &&
           load_names (database, "locality", lookup->localities, error) &&
           load_names (database, "auditor_group", lookup->auditor_groups, error) &&
           load_teams (database, lookup, error);
      break;
    case CA_IMPORT_KIND_STAFF:
      ok = load_teams (database, lookup, error) &&
           load_roles (database, lookup, error) &&
           load_staff (database, lookup, error);
      break;
    case CA_IMPORT_KIND_CASES:
      ok = load_simple (database, "SELECT id, case_ref FROM case_file", FALSE, lookup->cases,
                        error);
      if (ok && format != CA_IMPORT_FORMAT_SSDA903_HEADER)
        ok = load_names (database, "service_area", lookup->service_areas, error) &&
             load_names (database, "locality", lookup->localities, error) &&
             load_teams (database, lookup, error) &&
             load_staff (database, lookup, error);
      break;
    case CA_IMPORT_KIND_AUDITS:
      ok = load_simple (database, "SELECT id, case_ref FROM case_file", FALSE, lookup->cases,
                        error) &&
           load_staff (database, lookup, error) &&
           load_tools (database, lookup, error) &&
           load_audits (database, lookup, error);
      break;
    case CA_IMPORT_KIND_MODERATIONS:
      /* The audit is named as the audit history names it; then who moderated it. */
      ok = load_simple (database, "SELECT id, case_ref FROM case_file", FALSE, lookup->cases,
                        error) &&
           load_staff (database, lookup, error) &&
           load_tools (database, lookup, error) &&
           ca_import_store_load_moderation_lookup (database, lookup, error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      ca_import_lookup_free (lookup);
      return NULL;
    }
  return lookup;
}

void
ca_import_lookup_free (CaImportLookup *lookup)
{
  if (lookup == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (lookup->statements); i++)
    g_clear_pointer (&lookup->statements[i], ca_statement_free);
  g_hash_table_unref (lookup->service_areas);
  g_hash_table_unref (lookup->localities);
  g_hash_table_unref (lookup->auditor_groups);
  g_hash_table_unref (lookup->teams);
  g_hash_table_unref (lookup->roles);
  g_hash_table_unref (lookup->staff);
  g_hash_table_unref (lookup->staff_names);
  g_hash_table_unref (lookup->cases);
  g_hash_table_unref (lookup->tools);
  g_ptr_array_unref (lookup->tool_list);
  g_hash_table_unref (lookup->audits);
  ca_import_lookup_clear_moderations (lookup);
  g_free (lookup);
}

/* A tool by its code or any of its names, written in any case and spacing. */
const CaImportTool *
ca_import_lookup_find_tool (CaImportLookup *lookup,
                            const char     *text)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (lookup != NULL && text != NULL, NULL);

  key = ca_import_fold_value (text);
  return g_hash_table_lookup (lookup->tools, key);
}

static GPtrArray *
list_code_names (CaDatabase  *database,
                 const char  *sql,
                 GError     **error)
{
  g_autoptr(CaStatement) stmt = ca_database_prepare (database, sql, error);
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                 ca_import_choice_free);

  if (stmt == NULL)
    return NULL;
  while (ca_statement_next (stmt))
    {
      CaImportChoice *choice = g_new0 (CaImportChoice, 1);

      choice->code = ca_statement_dup_text (stmt, 0);
      choice->label = ca_statement_dup_text (stmt, 1);
      g_ptr_array_add (choices, choice);
    }
  if (!ca_statement_check (stmt, error))
    return NULL;
  return g_steal_pointer (&choices);
}

/**
 * ca_import_store_list_choices:
 * @field: a coded field (ca_import_get_coded_fields())
 *
 * Returns: (transfer container) (element-type CaImportChoice): the codes a value of @field
 * may be mapped to, with their names, in the order to offer them: the roles by seniority,
 * the tools by name, the fixed codes as the rules list them.
 */
GPtrArray *
ca_import_store_list_choices (CaDatabase  *database,
                              const char  *field,
                              GError     **error)
{
  GPtrArray *choices;
  const CaImportCode *codes;
  guint n = 0;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (field != NULL && ca_import_field_is_coded (field), NULL);

  if (g_str_equal (field, "role"))
    return list_code_names (database, "SELECT code, name FROM role ORDER BY rank, name", error);
  if (g_str_equal (field, "tool"))
    return list_code_names (database, "SELECT code, name FROM audit_tool WHERE kind = 'audit' "
                            "ORDER BY name, code", error);

  choices = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_import_choice_free);
  codes = ca_import_get_codes (field, &n);
  for (guint i = 0; i < n; i++)
    {
      CaImportChoice *choice = g_new0 (CaImportChoice, 1);

      choice->code = g_strdup (codes[i].code);
      choice->label = g_strdup (ca_import_code_get_label (&codes[i]));
      g_ptr_array_add (choices, choice);
    }
  return choices;
}

/**
 * ca_import_store_list_audit_copies:
 *
 * Audits that versions before schema 0006 stored twice: each copy with the audit it copies.
 *
 * Returns: (transfer full) (element-type gint64): pairs of ids, copy then first, in order
 */
GArray *
ca_import_store_list_audit_copies (CaDatabase  *database,
                                   GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);

  stmt = ca_database_prepare (database,
                              "SELECT id, duplicate_of FROM audit WHERE duplicate_of IS NOT NULL "
                              "ORDER BY duplicate_of, id", error);
  if (stmt == NULL)
    return NULL;
  while (ca_statement_next (stmt))
    {
      gint64 ids[2] = { ca_statement_get_int64 (stmt, 0), ca_statement_get_int64 (stmt, 1) };

      g_array_append_vals (pairs, ids, 2);
    }
  if (!ca_statement_check (stmt, error))
    return NULL;
  return g_steal_pointer (&pairs);
}

static CaStatement *
get_statement (CaDatabase      *database,
               CaImportLookup  *lookup,
               guint            index,
               GError         **error)
{
  if (lookup->statements[index] == NULL)
    lookup->statements[index] = ca_database_prepare (database, statement_sql[index], error);
  else
    ca_statement_reset (lookup->statements[index]);
  return lookup->statements[index];
}

static void
bind_keep (CaStatement    *stmt,
           int             index,
           CaImportLookup *lookup,
           CaImportKeep    flag)
{
  ca_statement_bind_int64 (stmt, index, (lookup->keep & flag) != 0 ? 1 : 0);
}

/* The id of the row called @name in @table (service_area, locality, auditor_group), added
 * when there is none: a team list names its service areas and localities. */
static gint64
ensure_named (CaDatabase  *database,
              const char  *table,
              GHashTable  *known,
              const char  *name,
              GError     **error)
{
  g_autofree char *key = ca_import_fold_name (name);
  g_autofree char *sql = NULL;
  g_autoptr(CaStatement) stmt = NULL;
  gint64 id = get_id (known, key);

  if (id > 0)
    return id;

  sql = g_strdup_printf ("INSERT INTO %s (name) VALUES (?)", table);
  if ((stmt = ca_database_prepare (database, sql, error)) == NULL)
    return 0;
  ca_statement_bind_text (stmt, 1, name);
  if (!ca_statement_run (stmt, error))
    return 0;
  id = ca_database_last_insert_id (database);
  put_id (known, key, id);
  return id;
}

gboolean
ca_import_store_write_team (CaDatabase      *database,
                            CaImportLookup  *lookup,
                            const char      *name,
                            const char      *service_area,
                            const char      *locality,
                            const char      *auditor_group,
                            gboolean        *inserted,
                            GError         **error)
{
  g_autofree char *key = ca_import_fold_name (name);
  CaImportTeam *team = g_hash_table_lookup (lookup->teams, key);
  gint64 service_area_id, locality_id, group_id = 0;
  CaStatement *stmt;

  if ((service_area_id = ensure_named (database, "service_area", lookup->service_areas,
                                       service_area, error)) == 0 ||
      (locality_id = ensure_named (database, "locality", lookup->localities, locality,
                                   error)) == 0)
    return FALSE;
  if (auditor_group != NULL &&
      (group_id = ensure_named (database, "auditor_group", lookup->auditor_groups,
                                auditor_group, error)) == 0)
    return FALSE;

  stmt = get_statement (database, lookup, team != NULL ? STMT_TEAM_UPDATE : STMT_TEAM_INSERT,
                        error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, name);
  ca_statement_bind_int64 (stmt, 2, service_area_id);
  ca_statement_bind_int64 (stmt, 3, locality_id);
  ca_statement_bind_id (stmt, 4, group_id);
  if (team != NULL)
    {
      ca_statement_bind_int64 (stmt, 5, team->id);
      bind_keep (stmt, 6, lookup, CA_IMPORT_KEEP_GROUP);
    }
  if (!ca_statement_run (stmt, error))
    return FALSE;

  *inserted = (team == NULL);
  if (team == NULL)
    {
      team = g_new0 (CaImportTeam, 1);
      team->id = ca_database_last_insert_id (database);
      g_hash_table_replace (lookup->teams, g_steal_pointer (&key), team);
    }
  g_free (team->name);
  team->name = g_strdup (name);
  g_free (team->service_area);
  team->service_area = g_strdup (service_area);
  team->locality_id = locality_id;
  return TRUE;
}

gboolean
ca_import_store_write_staff (CaDatabase      *database,
                             CaImportLookup  *lookup,
                             const char      *ref,
                             const char      *name,
                             const char      *email,
                             const char      *role_code,
                             gint64           team_id,
                             gboolean         active,
                             gboolean        *inserted,
                             GError         **error)
{
  CaImportStaff *staff = g_hash_table_lookup (lookup->staff, ref);
  CaStatement *stmt;
  int i = staff == NULL ? 1 : 2;

  stmt = get_statement (database, lookup, staff != NULL ? STMT_STAFF_UPDATE : STMT_STAFF_INSERT,
                        error);
  if (stmt == NULL)
    return FALSE;
  if (staff == NULL)
    ca_statement_bind_text (stmt, i++, ref);
  ca_statement_bind_text (stmt, i++, name);
  ca_statement_bind_text (stmt, i++, email);
  ca_statement_bind_text (stmt, i++, role_code);
  ca_statement_bind_id (stmt, i++, team_id);
  ca_statement_bind_int64 (stmt, i++, active ? 1 : 0);
  if (staff != NULL)
    {
      ca_statement_bind_int64 (stmt, 7, staff->id);
      bind_keep (stmt, 8, lookup, CA_IMPORT_KEEP_EMAIL);
      bind_keep (stmt, 9, lookup, CA_IMPORT_KEEP_TEAM);
      bind_keep (stmt, 10, lookup, CA_IMPORT_KEEP_ACTIVE);
    }
  if (!ca_statement_run (stmt, error))
    return FALSE;

  *inserted = (staff == NULL);
  if (staff == NULL)
    {
      staff = g_new0 (CaImportStaff, 1);
      staff->id = ca_database_last_insert_id (database);
      staff->ref = g_strdup (ref);
      g_hash_table_replace (lookup->staff, g_strdup (ref), staff);
    }
  return TRUE;
}

/* After every row is written, so a manager may come later in the file than their staff. */
gboolean
ca_import_store_set_manager (CaDatabase      *database,
                             CaImportLookup  *lookup,
                             const char      *ref,
                             const char      *manager_ref,
                             GError         **error)
{
  CaImportStaff *staff = g_hash_table_lookup (lookup->staff, ref);
  CaImportStaff *manager = manager_ref != NULL ? g_hash_table_lookup (lookup->staff, manager_ref)
                                               : NULL;
  CaStatement *stmt;

  g_return_val_if_fail (staff != NULL, FALSE);
  g_return_val_if_fail (manager_ref == NULL || manager != NULL, FALSE);

  if ((stmt = get_statement (database, lookup, STMT_STAFF_MANAGER, error)) == NULL)
    return FALSE;
  ca_statement_bind_id (stmt, 1, manager != NULL ? manager->id : 0);
  ca_statement_bind_int64 (stmt, 2, staff->id);
  if (!ca_statement_run (stmt, error))
    return FALSE;

  g_free (staff->manager_ref);
  staff->manager_ref = g_strdup (manager_ref);
  return TRUE;
}

gboolean
ca_import_store_write_case (CaDatabase             *database,
                            CaImportLookup         *lookup,
                            const CaImportCaseRow  *row,
                            gboolean               *inserted,
                            GError                **error)
{
  gboolean exists = g_hash_table_contains (lookup->cases, row->case_ref);
  CaStatement *stmt;

  stmt = get_statement (database, lookup, exists ? STMT_CASE_UPDATE : STMT_CASE_INSERT, error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, row->team_id);
  ca_statement_bind_id (stmt, 2, row->locality_id);
  ca_statement_bind_id (stmt, 3, row->worker_id);
  ca_statement_bind_text (stmt, 4, row->open_date);
  ca_statement_bind_text (stmt, 5, row->close_date);
  ca_statement_bind_text (stmt, 6, row->legal_status);
  ca_statement_bind_text (stmt, 7, row->ethnicity);
  ca_statement_bind_text (stmt, 8, row->birth_month);
  ca_statement_bind_text (stmt, 9, row->gender);
  ca_statement_bind_int64 (stmt, 10, row->disability ? 1 : 0);
  ca_statement_bind_int64 (stmt, 11, row->restricted ? 1 : 0);
  ca_statement_bind_text (stmt, 12, row->case_ref);
  if (exists)
    {
      static const CaImportKeep kept[] = {
        CA_IMPORT_KEEP_WORKER, CA_IMPORT_KEEP_CLOSE_DATE, CA_IMPORT_KEEP_ETHNICITY,
        CA_IMPORT_KEEP_BIRTH_MONTH, CA_IMPORT_KEEP_GENDER, CA_IMPORT_KEEP_DISABILITY,
        CA_IMPORT_KEEP_RESTRICTED,
      };

      for (guint k = 0; k < G_N_ELEMENTS (kept); k++)
        bind_keep (stmt, 13 + (int) k, lookup, kept[k]);
    }
  if (!ca_statement_run (stmt, error))
    return FALSE;

  *inserted = !exists;
  if (!exists)
    put_id (lookup->cases, row->case_ref, ca_database_last_insert_id (database));
  return TRUE;
}

/* SSDA903 knows only the child's birth, ethnicity and sex: those, and nothing else, change. */
gboolean
ca_import_store_enrich_case (CaDatabase             *database,
                             CaImportLookup         *lookup,
                             const CaImportCaseRow  *row,
                             GError                **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (database,
                              "UPDATE case_file SET birth_month = coalesce (?, birth_month), "
                              "ethnicity = coalesce (?, ethnicity), "
                              "gender = coalesce (?, gender) WHERE case_ref = ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, row->birth_month);
  ca_statement_bind_text (stmt, 2, row->ethnicity);
  ca_statement_bind_text (stmt, 3, row->gender);
  ca_statement_bind_text (stmt, 4, row->case_ref);
  return ca_statement_run (stmt, error);
}

/* The history of audits done before the app: closed audits, so that "audited in the last
 * three months" and "no repeat within twelve months" see them. A re-import changes the
 * grade and category through the change history like any other edit. */
gboolean
ca_import_store_write_audit (CaDatabase          *database,
                             CaImportLookup      *lookup,
                             gint64               case_id,
                             gint64               auditor_id,
                             const CaImportTool  *tool,
                             const char          *audit_date,
                             const char          *overall_grade,
                             int                  category,
                             gboolean            *inserted,
                             GError             **error)
{
  g_autofree char *key = ca_import_store_audit_key (case_id, auditor_id, tool->tool_id,
                                                    audit_date);
  g_autofree char *category_text = category > 0 ? g_strdup_printf ("%d", category) : NULL;
  gint64 audit_id = get_id (lookup->audits, key);
  CaStatement *stmt;

  if (audit_id > 0)
    {
      /* A category of 1 or 2 needs the grade inadequate at every step, so the order of the
       * two changes depends on which way they go. */
      gboolean category_first = (category == 0 || category > 2);

      *inserted = FALSE;
      if (category_first)
        return ca_database_update_tracked (database, "audit", audit_id, "category",
                                           category_text, error) &&
               ca_database_update_tracked (database, "audit", audit_id, "overall_grade",
                                           overall_grade, error);
      return ca_database_update_tracked (database, "audit", audit_id, "overall_grade",
                                         overall_grade, error) &&
             ca_database_update_tracked (database, "audit", audit_id, "category",
                                         category_text, error);
    }

  if ((stmt = get_statement (database, lookup, STMT_AUDIT_INSERT, error)) == NULL)
    return FALSE;
  {
    g_autofree char *submitted_at = g_strdup_printf ("%sT12:00:00Z", audit_date);

    ca_statement_bind_int64 (stmt, 1, case_id);
    ca_statement_bind_int64 (stmt, 2, tool->version_id);
    ca_statement_bind_int64 (stmt, 3, auditor_id);
    ca_statement_bind_text (stmt, 4, audit_date);
    ca_statement_bind_text (stmt, 5, audit_date);
    ca_statement_bind_text (stmt, 6, overall_grade);
    if (category > 0)
      ca_statement_bind_int64 (stmt, 7, category);
    else
      ca_statement_bind_null (stmt, 7);
    ca_statement_bind_text (stmt, 8, submitted_at);
    ca_statement_bind_int64 (stmt, 9, tool->tool_id);
    if (!ca_statement_run (stmt, error))
      return FALSE;
  }

  audit_id = ca_database_last_insert_id (database);
  put_id (lookup->audits, key, audit_id);
  *inserted = TRUE;
  return ca_database_record_change (database, NULL, "audit", audit_id, "status", NULL,
                                    "closed", error);
}
