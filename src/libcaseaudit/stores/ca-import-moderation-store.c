// SPDX-License-Identifier: GPL-3.0-or-later
// The SQL of importing past moderations (R-H4): the audits rows may name, and the writes.

#define G_LOG_DOMAIN "ca-import-store"

#include "config.h"

#include <string.h>

#include "ca-import-store.h"
#include "ca-import-store-private.h"
#include "ca-tool-file.h"
#include "core/ca-import-rules.h"

enum
{
  STMT_INSERT,
  STMT_READ_GRADE,
  STMT_READ_SECTIONS,
  STMT_WRITE_SECTION,
  STMT_N
};

G_STATIC_ASSERT (STMT_N == G_SIZEOF_MEMBER (CaImportLookup, moderation_statements) /
                           sizeof (CaStatement *));

/* A moderation brought in from a spreadsheet has been done (moderated_on) and was never
 * drawn in a sample, so it has no reason, sample month or due date. */
static const char * const statement_sql[] = {
  [STMT_INSERT] =
    "INSERT INTO moderation (audit_id, moderator_id, moderated_on, overall_grade) "
    "VALUES (?, ?, ?, ?)",
  [STMT_READ_GRADE] = "SELECT overall_grade FROM moderation WHERE id = ?",
  [STMT_READ_SECTIONS] = "SELECT section_id, grade FROM moderation_section WHERE moderation_id = ?",
  [STMT_WRITE_SECTION] =
    "INSERT INTO moderation_section (moderation_id, section_id, grade) VALUES (?, ?, ?) "
    "ON CONFLICT (moderation_id, section_id) DO UPDATE SET grade = excluded.grade",
};

G_STATIC_ASSERT (G_N_ELEMENTS (statement_sql) == STMT_N);

static void
section_free (gpointer data)
{
  CaImportSection *section = data;

  g_free (section->id);
  g_free (section->key);
  g_free (section->title_key);
  g_free (section);
}

static void
tool_sections_free (gpointer data)
{
  CaImportToolSections *sections = data;

  g_free (sections->tool_name);
  g_ptr_array_unref (sections->sections);
  g_free (sections);
}

static void
audit_free (gpointer data)
{
  CaImportAudit *audit = data;

  g_free (audit->audit_date);
  g_free (audit);
}

void
ca_import_section_grade_free (gpointer data)
{
  CaImportSectionGrade *grade = data;

  g_free (grade->section_id);
  g_free (grade->grade);
  g_free (grade);
}

static char *
moderation_key (gint64      audit_id,
                gint64      moderator_id,
                const char *moderated_on)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%s", audit_id,
                          moderator_id, moderated_on);
}

/* Each version's sections, from its stored definition: an audit is moderated against the
 * version it was done with, whose sections may differ from the latest's. */
static gboolean
load_tool_sections (CaDatabase      *database,
                    CaImportLookup  *lookup,
                    GError         **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (database, "SELECT id, definition FROM audit_tool_version", error);
  if (stmt == NULL)
    return FALSE;
  while (ca_statement_next (stmt))
    {
      const char *json = ca_statement_get_text (stmt, 1);
      gint64 id = ca_statement_get_int64 (stmt, 0);
      g_autoptr(CaToolDefinition) definition = NULL;
      CaImportToolSections *sections;

      /* A stored definition that no longer reads has no sections to grade: its audits'
       * rows can still give an overall grade. */
      if (json == NULL || (definition = ca_tool_file_parse (json, strlen (json), NULL)) == NULL)
        continue;
      sections = g_new0 (CaImportToolSections, 1);
      sections->tool_name = g_strdup (definition->name != NULL ? definition->name
                                                               : definition->code);
      sections->sections = g_ptr_array_new_with_free_func (section_free);
      for (guint i = 0; i < definition->sections->len; i++)
        {
          const CaToolSection *from = definition->sections->pdata[i];
          CaImportSection *section = g_new0 (CaImportSection, 1);

          section->id = g_strdup (from->id);
          section->key = ca_import_fold_value (from->id);
          section->title_key = ca_import_fold_value (from->title != NULL ? from->title : "");
          section->graded = from->graded;
          g_ptr_array_add (sections->sections, section);
        }
      g_hash_table_replace (lookup->tool_sections, g_memdup2 (&id, sizeof id), sections);
    }
  return ca_statement_check (stmt, error);
}

/* Audits by their identity, as the audit history import knows them (copies left out). */
static gboolean
load_audit_details (CaDatabase      *database,
                    CaImportLookup  *lookup,
                    GError         **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (database,
                              "SELECT id, case_id, auditor_id, tool_id, audit_date, "
                              "  tool_version_id, "
                              "  submitted_at IS NOT NULL OR status IN ('submitted', 'closed'), "
                              "  overall_grade IS NOT NULL "
                              "FROM audit WHERE audit_date IS NOT NULL AND duplicate_of IS NULL",
                              error);
  if (stmt == NULL)
    return FALSE;
  while (ca_statement_next (stmt))
    {
      CaImportAudit *audit = g_new0 (CaImportAudit, 1);
      gint64 version_id = ca_statement_get_int64 (stmt, 5);

      audit->id = ca_statement_get_int64 (stmt, 0);
      audit->audit_date = ca_statement_dup_text (stmt, 4);
      audit->sections = g_hash_table_lookup (lookup->tool_sections, &version_id);
      audit->submitted = ca_statement_get_int64 (stmt, 6) != 0;
      audit->graded = ca_statement_get_int64 (stmt, 7) != 0;
      g_hash_table_replace (lookup->audit_details,
                            ca_import_store_audit_key (ca_statement_get_int64 (stmt, 1),
                                                       ca_statement_get_int64 (stmt, 2),
                                                       ca_statement_get_int64 (stmt, 3),
                                                       audit->audit_date),
                            audit);
    }
  return ca_statement_check (stmt, error);
}

/* Moderations done, by audit, moderator and day: what a file imported again finds. Only the
 * first is kept when there are several (an earlier version or the demo may have made them). */
static gboolean
load_moderations (CaDatabase      *database,
                  CaImportLookup  *lookup,
                  GError         **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (database,
                              "SELECT id, audit_id, moderator_id, moderated_on FROM moderation "
                              "WHERE moderated_on IS NOT NULL ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while (ca_statement_next (stmt))
    {
      g_autofree char *key = moderation_key (ca_statement_get_int64 (stmt, 1),
                                             ca_statement_get_int64 (stmt, 2),
                                             ca_statement_get_text (stmt, 3));
      gint64 id = ca_statement_get_int64 (stmt, 0);

      if (!g_hash_table_contains (lookup->moderations, key))
        g_hash_table_insert (lookup->moderations, g_steal_pointer (&key),
                             g_memdup2 (&id, sizeof id));
    }
  return ca_statement_check (stmt, error);
}

/**
 * ca_import_store_load_moderation_lookup:
 *
 * Adds to @lookup (which has the cases, staff and tools) what a moderation history's rows
 * are checked against: every audit by its identity with its tool version's sections, and
 * the moderations already done.
 */
gboolean
ca_import_store_load_moderation_lookup (CaDatabase      *database,
                                        CaImportLookup  *lookup,
                                        GError         **error)
{
  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (lookup != NULL && lookup->audit_details == NULL, FALSE);

  lookup->tool_sections = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                 tool_sections_free);
  lookup->audit_details = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, audit_free);
  lookup->moderations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return load_tool_sections (database, lookup, error) &&
         load_audit_details (database, lookup, error) &&
         load_moderations (database, lookup, error);
}

/* What ca_import_store_load_moderation_lookup() added; nothing when it was not called. */
void
ca_import_lookup_clear_moderations (CaImportLookup *lookup)
{
  for (guint i = 0; i < G_N_ELEMENTS (lookup->moderation_statements); i++)
    g_clear_pointer (&lookup->moderation_statements[i], ca_statement_free);
  /* The audits point into the sections: they go first. */
  g_clear_pointer (&lookup->audit_details, g_hash_table_unref);
  g_clear_pointer (&lookup->tool_sections, g_hash_table_unref);
  g_clear_pointer (&lookup->moderations, g_hash_table_unref);
}

/* Returns: (nullable): the audit of that case by that auditor with that tool on that date */
const CaImportAudit *
ca_import_lookup_find_audit (CaImportLookup *lookup,
                             gint64          case_id,
                             gint64          auditor_id,
                             gint64          tool_id,
                             const char     *audit_date)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (lookup != NULL && lookup->audit_details != NULL, NULL);

  key = ca_import_store_audit_key (case_id, auditor_id, tool_id, audit_date);
  return g_hash_table_lookup (lookup->audit_details, key);
}

static CaStatement *
get_statement (CaDatabase      *database,
               CaImportLookup  *lookup,
               guint            index,
               GError         **error)
{
  if (lookup->moderation_statements[index] == NULL)
    lookup->moderation_statements[index] = ca_database_prepare (database, statement_sql[index],
                                                                error);
  else
    ca_statement_reset (lookup->moderation_statements[index]);
  return lookup->moderation_statements[index];
}

/* One section's grade, written when it differs from what is stored (@old, NULL for none),
 * with its line in the change history as the audit form's section grades have theirs. */
static gboolean
write_section (CaDatabase                 *database,
               CaImportLookup             *lookup,
               gint64                      moderation_id,
               const CaImportSectionGrade *grade,
               const char                 *old,
               gboolean                   *changed,
               GError                    **error)
{
  g_autofree char *field = NULL;
  CaStatement *stmt;

  if (g_strcmp0 (old, grade->grade) == 0)
    return TRUE;
  if ((stmt = get_statement (database, lookup, STMT_WRITE_SECTION, error)) == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, moderation_id);
  ca_statement_bind_text (stmt, 2, grade->section_id);
  ca_statement_bind_text (stmt, 3, grade->grade);
  if (!ca_statement_run (stmt, error))
    return FALSE;
  field = g_strdup_printf ("sections.%s.grade", grade->section_id);
  *changed = TRUE;
  return ca_database_record_change (database, NULL, "moderation", moderation_id, field, old,
                                    grade->grade, error);
}

static gboolean
insert_moderation (CaDatabase       *database,
                   CaImportLookup   *lookup,
                   const char       *key,
                   gint64            audit_id,
                   gint64            moderator_id,
                   const char       *moderated_on,
                   const char       *overall_grade,
                   GPtrArray        *grades,
                   GError          **error)
{
  CaStatement *stmt;
  gboolean changed = FALSE;
  gint64 id;

  if ((stmt = get_statement (database, lookup, STMT_INSERT, error)) == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, audit_id);
  ca_statement_bind_int64 (stmt, 2, moderator_id);
  ca_statement_bind_text (stmt, 3, moderated_on);
  ca_statement_bind_text (stmt, 4, overall_grade);
  if (!ca_statement_run (stmt, error))
    return FALSE;
  id = ca_database_last_insert_id (database);

  /* The history says where it came from, then what it holds, as an edit would. */
  if (!ca_database_record_change (database, NULL, "moderation", id, "created", NULL, "imported",
                                  error) ||
      !ca_database_record_change (database, NULL, "moderation", id, "moderated_on", NULL,
                                  moderated_on, error) ||
      !ca_database_record_change (database, NULL, "moderation", id, "overall_grade", NULL,
                                  overall_grade, error))
    return FALSE;
  for (guint i = 0; grades != NULL && i < grades->len; i++)
    if (!write_section (database, lookup, id, grades->pdata[i], NULL, &changed, error))
      return FALSE;

  g_hash_table_insert (lookup->moderations, g_strdup (key), g_memdup2 (&id, sizeof id));
  ca_database_note_change (database, CA_CHANGE_MODERATION, id);
  return TRUE;
}

/* The moderation as the file has it now: its overall grade, and the sections the file
 * grades. A section the file leaves empty keeps what is stored. */
static gboolean
update_moderation (CaDatabase       *database,
                   CaImportLookup   *lookup,
                   gint64            id,
                   const char       *overall_grade,
                   GPtrArray        *grades,
                   gboolean         *changed,
                   GError          **error)
{
  g_autoptr(GHashTable) stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        g_free);
  g_autofree char *old_grade = NULL;
  CaStatement *stmt;
  gboolean has_row = FALSE;

  if ((stmt = get_statement (database, lookup, STMT_READ_GRADE, error)) == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, id);
  if (!ca_statement_step (stmt, &has_row, error))
    return FALSE;
  old_grade = has_row ? ca_statement_dup_text (stmt, 0) : NULL;
  ca_statement_reset (stmt);

  if ((stmt = get_statement (database, lookup, STMT_READ_SECTIONS, error)) == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, id);
  while (ca_statement_next (stmt))
    g_hash_table_replace (stored, ca_statement_dup_text (stmt, 0),
                          ca_statement_dup_text (stmt, 1));
  if (!ca_statement_check (stmt, error))
    return FALSE;
  ca_statement_reset (stmt);

  if (g_strcmp0 (old_grade, overall_grade) != 0)
    {
      /* The tracked update writes the history line itself. */
      if (!ca_database_update_tracked (database, "moderation", id, "overall_grade",
                                       overall_grade, error))
        return FALSE;
      *changed = TRUE;
    }
  for (guint i = 0; grades != NULL && i < grades->len; i++)
    {
      const CaImportSectionGrade *grade = grades->pdata[i];

      if (!write_section (database, lookup, id, grade,
                          g_hash_table_lookup (stored, grade->section_id), changed, error))
        return FALSE;
    }
  if (*changed)
    ca_database_note_change (database, CA_CHANGE_MODERATION, id);
  return TRUE;
}

/**
 * ca_import_store_write_moderation:
 * @moderated_on: "YYYY-MM-DD"
 * @overall_grade: the moderator's grade code
 * @grades: (element-type CaImportSectionGrade) (nullable): the sections the row grades
 * @written: (out): whether the moderation was new, changed or already as the row has it
 *
 * Records a moderation done before Case Audit, so that it counts in the agreement figures
 * (R-H4). A moderation of the same audit by the same moderator on the same day is the same
 * moderation: a file imported again updates it, and never adds it twice.
 */
gboolean
ca_import_store_write_moderation (CaDatabase       *database,
                                  CaImportLookup   *lookup,
                                  gint64            audit_id,
                                  gint64            moderator_id,
                                  const char       *moderated_on,
                                  const char       *overall_grade,
                                  GPtrArray        *grades,
                                  CaImportWritten  *written,
                                  GError          **error)
{
  g_autofree char *key = NULL;
  gint64 *id;
  gboolean changed = FALSE;

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (lookup != NULL && lookup->moderations != NULL, FALSE);
  g_return_val_if_fail (moderated_on != NULL && overall_grade != NULL, FALSE);

  key = moderation_key (audit_id, moderator_id, moderated_on);
  if ((id = g_hash_table_lookup (lookup->moderations, key)) == NULL)
    {
      *written = CA_IMPORT_WRITTEN_NEW;
      return insert_moderation (database, lookup, key, audit_id, moderator_id, moderated_on,
                                overall_grade, grades, error);
    }
  if (!update_moderation (database, lookup, *id, overall_grade, grades, &changed, error))
    return FALSE;
  *written = changed ? CA_IMPORT_WRITTEN_UPDATED : CA_IMPORT_WRITTEN_UNCHANGED;
  return TRUE;
}
