// SPDX-License-Identifier: GPL-3.0-or-later
// Audit tools in the database: the built-in ones, imports as new versions, loading (R-E1–R-E3).
// The Stage 2 moderation tool is kept the same way; its kind keeps it out of what an audit
// may be given.

#define G_LOG_DOMAIN "ca-tool-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-tool-file.h"
#include "ca-tool-store.h"
#include "core/ca-date.h"

G_DEFINE_QUARK (ca-tool-store-error-quark, ca_tool_store_error)

void
ca_tool_summary_free (CaToolSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->code);
  g_free (summary->name);
  g_free (summary);
}

/* The newest version of CODE: its id, number and definition; *VERSION_ID is 0 when the
 * tool has no version (or does not exist). */
static gboolean
find_latest (CaDatabase  *db,
             const char  *code,
             gint64      *version_id,
             int         *version,
             char       **definition,
             GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  gboolean has_row = FALSE;

  stmt = ca_database_prepare (db,
                              "SELECT v.id, v.version, v.definition FROM audit_tool_version v "
                              "JOIN audit_tool t ON t.id = v.tool_id WHERE t.code = ? "
                              "ORDER BY v.version DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, code);
  if (!ca_statement_step (stmt, &has_row, error))
    return FALSE;

  *version_id = has_row ? ca_statement_get_int64 (stmt, 0) : 0;
  *version = has_row ? (int) ca_statement_get_int64 (stmt, 1) : 0;
  if (definition != NULL)
    *definition = has_row ? ca_statement_dup_text (stmt, 2) : NULL;
  return TRUE;
}

static gboolean
insert_version (CaDatabase              *db,
                gint64                   tool_id,
                const CaToolDefinition  *def,
                int                      version,
                gint64                  *version_id,
                GError                 **error)
{
  g_autoptr(CaToolDefinition) numbered = ca_tool_definition_copy (def);
  g_autoptr(CaStatement) stmt = NULL;
  g_autofree char *json = NULL;
  g_autofree char *now = ca_timestamp_now ();

  /* The stored text says the version the store gave it, so that an export of version N
   * reads "version": N. */
  numbered->version = version;
  json = ca_tool_file_to_json (numbered);

  stmt = ca_database_prepare (db,
                              "INSERT INTO audit_tool_version (tool_id, version, definition, "
                              "created_at) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, tool_id);
  ca_statement_bind_int64 (stmt, 2, version);
  ca_statement_bind_text (stmt, 3, json);
  ca_statement_bind_text (stmt, 4, now);
  if (!ca_statement_run (stmt, error))
    return FALSE;

  *version_id = ca_database_last_insert_id (db);
  ca_database_note_change (db, CA_CHANGE_TOOL, tool_id);
  return TRUE;
}

/**
 * ca_tool_store_install_builtin:
 * @db: an open database
 *
 * Makes each tool Case Audit ships version 1 of its code, unless that code already has a
 * version (installed before, or imported by the council): running it again changes
 * nothing, and when every tool is there it only reads. All in one transaction. It writes
 * no change history: the built-in tools come with the database, as its roles do, rather
 * than being anyone's change.
 */
gboolean
ca_tool_store_install_builtin (CaDatabase  *db,
                               GError     **error)
{
  g_autoptr(GPtrArray) tools = NULL;
  g_autoptr(CaStatement) insert_tool = NULL;
  g_autoptr(CaStatement) find_tool = NULL;
  guint i;

  g_return_val_if_fail (CA_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tools = ca_tool_file_load_builtin (error);
  if (tools == NULL)
    return FALSE;

  /* Nearly always every tool is there already (this runs at each open): read first, and
   * take the write lock only when there is something to add. */
  for (i = 0; i < tools->len; i++)
    {
      const CaToolDefinition *def = g_ptr_array_index (tools, i);
      gint64 latest_id = 0;
      int latest = 0;

      if (!find_latest (db, def->code, &latest_id, &latest, NULL, error))
        return FALSE;
      if (latest_id == 0)
        break;
    }
  if (i == tools->len)
    return TRUE;

  if (!ca_database_begin (db, error))
    return FALSE;

  insert_tool = ca_database_prepare (db,
                                     "INSERT INTO audit_tool (code, name, kind) VALUES (?, ?, ?) "
                                     "ON CONFLICT (code) DO NOTHING", error);
  if (insert_tool == NULL)
    goto failed;
  find_tool = ca_database_prepare (db, "SELECT id FROM audit_tool WHERE code = ?", error);
  if (find_tool == NULL)
    goto failed;

  /* Checked again inside the transaction: another connection may have added them. */
  for (i = 0; i < tools->len; i++)
    {
      const CaToolDefinition *def = g_ptr_array_index (tools, i);
      gint64 latest_id = 0, tool_id = 0, version_id = 0;
      gboolean has_row = FALSE;
      int latest = 0;

      if (!find_latest (db, def->code, &latest_id, &latest, NULL, error))
        goto failed;
      if (latest_id != 0)
        continue;

      ca_statement_bind_text (insert_tool, 1, def->code);
      ca_statement_bind_text (insert_tool, 2, def->name);
      ca_statement_bind_text (insert_tool, 3, ca_tool_kind_to_string (def->kind));
      if (!ca_statement_run (insert_tool, error))
        goto failed;

      ca_statement_bind_text (find_tool, 1, def->code);
      if (!ca_statement_step (find_tool, &has_row, error))
        goto failed;
      g_assert (has_row);
      tool_id = ca_statement_get_int64 (find_tool, 0);
      ca_statement_reset (find_tool);

      if (!insert_version (db, tool_id, def, 1, &version_id, error))
        goto failed;
    }

  if (!ca_database_commit (db, error))
    goto failed;
  return TRUE;

failed:
  ca_database_rollback (db);
  return FALSE;
}

/**
 * ca_tool_store_import:
 * @db: an open database
 * @def: the tool, as read from a file or built in code
 * @version_out: (out) (optional): the version that now holds @def
 *
 * Keeps @def as a new version of its code when it differs from the latest version, or as
 * version 1 of a new tool (R-E2): audits started with an earlier version keep it. The store
 * numbers versions itself, latest + 1, whatever @def's own version says. When nothing but
 * that number differs, nothing is written and the latest version is returned. An invalid
 * @def is refused with the tool file's message and changes nothing.
 *
 * Returns: the id of the version that holds @def, or 0 with @error set
 */
gint64
ca_tool_store_import (CaDatabase              *db,
                      const CaToolDefinition  *def,
                      int                     *version_out,
                      GError                 **error)
{
  g_autoptr(CaStatement) find_tool = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *old_name = NULL;
  g_autofree char *old_kind = NULL;
  g_autofree char *old_version = NULL;
  g_autofree char *new_version = NULL;
  gint64 tool_id = 0, latest_id = 0, version_id = 0;
  gboolean has_row = FALSE;
  int latest = 0;

  g_return_val_if_fail (CA_IS_DATABASE (db), 0);
  g_return_val_if_fail (def != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!ca_tool_file_validate (def, error) || !ca_database_begin (db, error))
    return 0;

  find_tool = ca_database_prepare (db, "SELECT id, name, kind FROM audit_tool WHERE code = ?",
                                   error);
  if (find_tool == NULL)
    goto failed;
  ca_statement_bind_text (find_tool, 1, def->code);
  if (!ca_statement_step (find_tool, &has_row, error))
    goto failed;
  if (has_row)
    {
      tool_id = ca_statement_get_int64 (find_tool, 0);
      old_name = ca_statement_dup_text (find_tool, 1);
      old_kind = ca_statement_dup_text (find_tool, 2);
    }
  /* A tool keeps its kind: audits were given the code as an audit tool, or moderations read
   * with it as the Stage 2 form. */
  if (old_kind != NULL && g_strcmp0 (old_kind, ca_tool_kind_to_string (def->kind)) != 0)
    {
      g_set_error (error, CA_TOOL_STORE_ERROR, CA_TOOL_STORE_ERROR_WRONG_KIND,
                   def->kind == CA_TOOL_KIND_MODERATION
                   ? _("“%s” is an audit tool in this database, and this file is a moderation "
                       "tool with the same code. Give the file a code of its own.")
                   : _("“%s” is a moderation tool in this database, and this file is an audit "
                       "tool with the same code. Give the file a code of its own."),
                   def->code);
      goto failed;
    }

  if (tool_id != 0 && !find_latest (db, def->code, &latest_id, &latest, &stored, error))
    goto failed;

  if (latest_id != 0)
    {
      /* A stored text that no longer reads is certainly not the same tool. */
      g_autoptr(CaToolDefinition) previous = ca_tool_file_parse (stored, strlen (stored), NULL);
      g_autoptr(CaToolDefinition) renumbered = ca_tool_definition_copy (def);

      renumbered->version = latest;
      if (previous != NULL)
        previous->version = latest;
      if (previous != NULL && ca_tool_definition_equal (previous, renumbered))
        {
          if (!ca_database_commit (db, error))
            goto failed;
          if (version_out != NULL)
            *version_out = latest;
          return latest_id;
        }
    }

  if (tool_id == 0)
    {
      g_autoptr(CaStatement) insert = NULL;

      insert = ca_database_prepare (db, "INSERT INTO audit_tool (code, name, kind) "
                                    "VALUES (?, ?, ?)", error);
      if (insert == NULL)
        goto failed;
      ca_statement_bind_text (insert, 1, def->code);
      ca_statement_bind_text (insert, 2, def->name);
      ca_statement_bind_text (insert, 3, ca_tool_kind_to_string (def->kind));
      if (!ca_statement_run (insert, error))
        goto failed;
      tool_id = ca_database_last_insert_id (db);
    }
  else if (g_strcmp0 (old_name, def->name) != 0)
    {
      /* Lists show a tool by the name of its latest version. */
      g_autoptr(CaStatement) rename = NULL;

      rename = ca_database_prepare (db, "UPDATE audit_tool SET name = ? WHERE id = ?", error);
      if (rename == NULL)
        goto failed;
      ca_statement_bind_text (rename, 1, def->name);
      ca_statement_bind_int64 (rename, 2, tool_id);
      if (!ca_statement_run (rename, error) ||
          !ca_database_record_change (db, NULL, "audit_tool", tool_id, "name", old_name,
                                      def->name, error))
        goto failed;
    }

  if (!insert_version (db, tool_id, def, latest + 1, &version_id, error))
    goto failed;

  old_version = latest != 0 ? g_strdup_printf ("%d", latest) : NULL;
  new_version = g_strdup_printf ("%d", latest + 1);
  if (!ca_database_record_change (db, NULL, "audit_tool", tool_id, "version", old_version,
                                  new_version, error) ||
      !ca_database_commit (db, error))
    goto failed;

  if (version_out != NULL)
    *version_out = latest + 1;
  return version_id;

failed:
  ca_database_rollback (db);
  return 0;
}

/**
 * ca_tool_store_find_version:
 * @db: an open database
 * @code: a tool's code, such as "stage-1"
 * @version: the version wanted, or 0 for the latest
 * @version_out: (out) (optional): the version found
 *
 * Returns: the id of that version of the tool, or 0 with @error set
 */
gint64
ca_tool_store_find_version (CaDatabase  *db,
                            const char  *code,
                            int          version,
                            int         *version_out,
                            GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  gint64 latest_id = 0, version_id = 0;
  int latest = 0;

  g_return_val_if_fail (CA_IS_DATABASE (db), 0);
  g_return_val_if_fail (code != NULL, 0);
  g_return_val_if_fail (version >= 0, 0);

  if (!find_latest (db, code, &latest_id, &latest, NULL, error))
    return 0;
  if (latest_id == 0)
    {
      g_set_error (error, CA_TOOL_STORE_ERROR, CA_TOOL_STORE_ERROR_NOT_FOUND,
                   _("There is no audit tool “%s” in this database."), code);
      return 0;
    }
  if (version == 0 || version == latest)
    {
      if (version_out != NULL)
        *version_out = latest;
      return latest_id;
    }

  stmt = ca_database_prepare (db,
                              "SELECT v.id FROM audit_tool_version v "
                              "JOIN audit_tool t ON t.id = v.tool_id "
                              "WHERE t.code = ? AND v.version = ?", error);
  if (stmt == NULL)
    return 0;
  ca_statement_bind_text (stmt, 1, code);
  ca_statement_bind_int64 (stmt, 2, version);
  if (!ca_statement_step_one (stmt, error, CA_TOOL_STORE_ERROR, CA_TOOL_STORE_ERROR_NOT_FOUND,
                              _("The audit tool “%s” has no version %d; its latest is "
                                "version %d."), code, version, latest))
    return 0;

  version_id = ca_statement_get_int64 (stmt, 0);
  if (version_out != NULL)
    *version_out = version;
  return version_id;
}

/**
 * ca_tool_store_find_version_of_kind:
 * @kind: what the tool must be: an audit tool for an audit, the moderation tool for a
 *   moderation
 *
 * ca_tool_store_find_version(), refused with %CA_TOOL_STORE_ERROR_WRONG_KIND when @code is a
 * tool of another kind.
 *
 * Returns: the id of that version of the tool, or 0 with @error set
 */
gint64
ca_tool_store_find_version_of_kind (CaDatabase  *db,
                                    const char  *code,
                                    CaToolKind   kind,
                                    int          version,
                                    int         *version_out,
                                    GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  gint64 version_id;

  g_return_val_if_fail (CA_IS_DATABASE (db), 0);
  g_return_val_if_fail (code != NULL, 0);

  version_id = ca_tool_store_find_version (db, code, version, version_out, error);
  if (version_id == 0)
    return 0;
  stmt = ca_database_prepare (db, "SELECT t.kind, t.name FROM audit_tool t "
                                  "JOIN audit_tool_version v ON v.tool_id = t.id "
                                  "WHERE v.id = ?", error);
  if (stmt == NULL)
    return 0;
  ca_statement_bind_int64 (stmt, 1, version_id);
  if (!ca_statement_step_one (stmt, error, CA_TOOL_STORE_ERROR, CA_TOOL_STORE_ERROR_NOT_FOUND,
                              _("There is no audit tool “%s” in this database."), code))
    return 0;
  if (g_strcmp0 (ca_statement_get_text (stmt, 0), ca_tool_kind_to_string (kind)) == 0)
    return version_id;

  g_set_error (error, CA_TOOL_STORE_ERROR, CA_TOOL_STORE_ERROR_WRONG_KIND,
               kind == CA_TOOL_KIND_AUDIT
               ? _("“%s” is the moderation form’s tool, not an audit tool: an audit "
                   "cannot be done with it.")
               : _("“%s” is an audit tool, not the moderation form’s tool."),
               ca_statement_get_text (stmt, 1));
  return 0;
}

/**
 * ca_tool_store_load_version:
 * @db: an open database
 * @tool_version_id: the id an audit keeps (audit.tool_version_id)
 *
 * The exact definition an audit was started with, however many versions came after.
 *
 * Returns: (transfer full): the definition, or %NULL with @error set
 */
CaToolDefinition *
ca_tool_store_load_version (CaDatabase  *db,
                            gint64       tool_version_id,
                            GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GError) parse_error = NULL;
  CaToolDefinition *def;
  const char *definition;

  g_return_val_if_fail (CA_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = ca_database_prepare (db,
                              "SELECT v.version, v.definition, t.name FROM audit_tool_version v "
                              "JOIN audit_tool t ON t.id = v.tool_id WHERE v.id = ?", error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_int64 (stmt, 1, tool_version_id);
  if (!ca_statement_step_one (stmt, error, CA_TOOL_STORE_ERROR, CA_TOOL_STORE_ERROR_NOT_FOUND,
                              _("There is no audit tool version %" G_GINT64_FORMAT " in this "
                                "database."), tool_version_id))
    return NULL;

  definition = ca_statement_get_text (stmt, 1);
  def = ca_tool_file_parse (definition, definition ? strlen (definition) : 0, &parse_error);
  if (def == NULL)
    {
      g_set_error (error, CA_TOOL_STORE_ERROR, CA_TOOL_STORE_ERROR_DAMAGED,
                   _("Version %d of the audit tool “%s” is damaged in the database and "
                     "cannot be shown (%s)."),
                   (int) ca_statement_get_int64 (stmt, 0), ca_statement_get_text (stmt, 2),
                   parse_error->message);
      return NULL;
    }

  /* The row's number is the version (R-E2), whatever the text says. */
  def->version = (int) ca_statement_get_int64 (stmt, 0);
  return def;
}

/**
 * ca_tool_store_load_latest:
 * @db: an open database
 * @code: a tool's code, such as "stage-1"
 *
 * The version a new audit with this tool starts with.
 *
 * Returns: (transfer full): the definition, or %NULL with @error set
 */
CaToolDefinition *
ca_tool_store_load_latest (CaDatabase  *db,
                           const char  *code,
                           GError     **error)
{
  gint64 version_id;

  g_return_val_if_fail (CA_IS_DATABASE (db), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  version_id = ca_tool_store_find_version (db, code, 0, NULL, error);
  if (version_id == 0)
    return NULL;
  return ca_tool_store_load_version (db, version_id, error);
}

/**
 * ca_tool_store_list:
 * @db: an open database
 *
 * Every tool that has a version, by name, each with its latest version and its kind: the
 * moderation tool too, since it is exported and imported as the audit tools are. A list to
 * choose an audit's tool from keeps the audit tools alone.
 *
 * Returns: (transfer full) (element-type CaToolSummary): the tools, or %NULL with @error set
 */
GPtrArray *
ca_tool_store_list (CaDatabase  *db,
                    GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GPtrArray) tools = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = ca_database_prepare (db,
                              "SELECT t.code, t.name, v.version, v.id, t.kind FROM audit_tool t "
                              "JOIN audit_tool_version v ON v.tool_id = t.id "
                              "WHERE v.version = (SELECT max(version) FROM audit_tool_version "
                              "                   WHERE tool_id = t.id) "
                              "ORDER BY t.name, t.code", error);
  if (stmt == NULL)
    return NULL;

  tools = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_tool_summary_free);
  while (ca_statement_next (stmt))
    {
      CaToolSummary *summary;

      summary = g_new0 (CaToolSummary, 1);
      summary->code = ca_statement_dup_text (stmt, 0);
      summary->name = ca_statement_dup_text (stmt, 1);
      summary->latest_version = (int) ca_statement_get_int64 (stmt, 2);
      summary->latest_version_id = ca_statement_get_int64 (stmt, 3);
      if (!ca_tool_kind_from_string (ca_statement_get_text (stmt, 4), &summary->kind))
        summary->kind = CA_TOOL_KIND_AUDIT;
      g_ptr_array_add (tools, summary);
    }
  if (!ca_statement_check (stmt, error))
    return NULL;
  return g_steal_pointer (&tools);
}

/**
 * ca_tool_store_import_read:
 * @def: a tool read from the file at @path with ca_tool_file_read()
 * @path: (nullable): the file, to name in the message when the tool is refused
 * @version_out: (out) (optional): the version that now holds @def
 * @changed_out: (out) (optional): %FALSE when the latest version already was @def
 *
 * What “case-audit import tool FILE” and the Import Tool button both do once the file is
 * read: ca_tool_store_import(), and whether that made a new version.
 *
 * Returns: the id of the version that holds @def, or 0 with @error set
 */
gint64
ca_tool_store_import_read (CaDatabase              *db,
                           const CaToolDefinition  *def,
                           const char              *path,
                           int                     *version_out,
                           gboolean                *changed_out,
                           GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 before, after;

  g_return_val_if_fail (CA_IS_DATABASE (db), 0);
  g_return_val_if_fail (def != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  before = ca_tool_store_find_version (db, def->code, 0, NULL, NULL);
  after = ca_tool_store_import (db, def, version_out, &local_error);
  if (after == 0)
    {
      if (path != NULL)
        g_set_error (error, local_error->domain, local_error->code, "%s: %s", path,
                     local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }
  if (changed_out != NULL)
    *changed_out = after != before;
  return after;
}

/**
 * ca_tool_store_export:
 * @version: the version to write; 0 for the latest
 *
 * Writes a version of the tool CODE to a tool file at PATH, as “case-audit export tool”;
 * FLAGS say whether an existing file may be replaced (see ca-output-file.h).
 *
 * Returns: (transfer full): the tool written, or %NULL with @error set
 */
CaToolDefinition *
ca_tool_store_export (CaDatabase         *db,
                      const char         *code,
                      int                 version,
                      const char         *path,
                      CaOutputFileFlags   flags,
                      GError            **error)
{
  g_autoptr(CaToolDefinition) def = NULL;
  gint64 version_id;

  g_return_val_if_fail (CA_IS_DATABASE (db), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (version >= 0, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ca_output_file_check (path, flags, error))
    return NULL;
  version_id = ca_tool_store_find_version (db, code, version, NULL, error);
  if (version_id == 0)
    return NULL;
  def = ca_tool_store_load_version (db, version_id, error);
  if (def == NULL || !ca_tool_file_write (def, path, flags, error))
    return NULL;
  return g_steal_pointer (&def);
}
