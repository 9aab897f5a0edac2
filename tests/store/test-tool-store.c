// SPDX-License-Identifier: GPL-3.0-or-later
// Audit tools in a real database: built-ins installed once, imports as versions (R-E2).

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "ca-import-store.h"
#include "ca-stores.h"
#include "ca-test-fixture.h"
#include "ca-tool-file.h"
#include "ca-tool-store.h"

/* Eight audit tools and the Stage 2 moderation. */
#define N_BUILTIN_TOOLS 9

static gint64
count (CaDatabase *database,
       const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return ca_test_query_int (database, sql);
}

/* Every row of the tool tables and the history, as one text to compare before and after. */
static char *
snapshot (CaDatabase *database)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaStatement) stmt = NULL;
  GString *text = g_string_new (NULL);
  gboolean has_row = FALSE;

  stmt = ca_database_prepare (database,
                              "SELECT 't', id, code, name, NULL FROM audit_tool "
                              "UNION ALL SELECT 'v', id, tool_id, version, definition "
                              "FROM audit_tool_version "
                              "UNION ALL SELECT 'h', id, entity, field, new_value "
                              "FROM change_history ORDER BY 1, 2", &error);
  g_assert_no_error (error);
  while (ca_statement_step (stmt, &has_row, &error) && has_row)
    for (int column = 0; column < 5; column++)
      g_string_append_printf (text, "%s%c", ca_statement_get_text (stmt, column) ?: "∅",
                              column == 4 ? '\n' : '|');
  g_assert_no_error (error);
  return g_string_free (text, FALSE);
}

static CaToolDefinition *
load_latest (CaDatabase *database,
             const char *code)
{
  g_autoptr(GError) error = NULL;
  CaToolDefinition *def = ca_tool_store_load_latest (database, code, &error);

  g_assert_no_error (error);
  g_assert_nonnull (def);
  return def;
}

static gint64
import (CaDatabase             *database,
        const CaToolDefinition *def,
        int                     want_version)
{
  g_autoptr(GError) error = NULL;
  int version = 0;
  gint64 id = ca_tool_store_import (database, def, &version, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (version, ==, want_version);
  return id;
}

/* A change a council might make: one more question in the Review section. */
static void
add_question (CaToolDefinition *def)
{
  CaToolSection *review = (CaToolSection *) ca_tool_definition_find_section (def, "review");
  CaToolQuestion *question = ca_tool_question_new ();

  question->id = g_strdup ("review.independent-reviewer");
  question->text = g_strdup ("Did an Independent Reviewing Officer chair the review?");
  question->type = CA_ANSWER_YES_NO_NA;
  question->na_allowed = TRUE;
  g_ptr_array_add (review->questions, question);
}

static void
test_builtin_installed (CaTestFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shipped = ca_tool_file_load_builtin (&error);
  g_autoptr(CaDatabase) again = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *reopened = NULL;

  /* A new database has every shipped tool as version 1, exactly as shipped, and no
   * history: nobody changed anything. */
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture->database, "audit_tool"), ==, N_BUILTIN_TOOLS);
  g_assert_cmpint (count (fixture->database, "audit_tool_version"), ==, N_BUILTIN_TOOLS);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM audit_tool_version "
                                      "WHERE version <> 1"), ==, 0);
  g_assert_cmpint (count (fixture->database, "change_history"), ==, 0);
  for (guint i = 0; i < shipped->len; i++)
    {
      const CaToolDefinition *def = g_ptr_array_index (shipped, i);
      g_autoptr(CaToolDefinition) stored = load_latest (fixture->database, def->code);

      g_assert_true (ca_tool_definition_equal (def, stored));
    }

  /* Again, and by reopening: nothing changes. */
  before = snapshot (fixture->database);
  g_assert_true (ca_tool_store_install_builtin (fixture->database, &error));
  g_assert_no_error (error);
  after = snapshot (fixture->database);
  g_assert_cmpstr (before, ==, after);
  again = ca_stores_open (fixture->path, CA_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  reopened = snapshot (again);
  g_assert_cmpstr (before, ==, reopened);
}

/* A tool missing from an older file is added; one the council already has is left alone. */
static void
test_builtin_fills_gaps (CaTestFixture *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaToolDefinition) closure = load_latest (fixture->database, "closure");
  g_autoptr(CaToolDefinition) closure_after = NULL;
  g_autoptr(CaToolDefinition) mash = NULL;

  closure->period_months = 3;
  import (fixture->database, closure, 2);
  ca_test_exec (fixture->database,
                "DELETE FROM audit_tool_version WHERE tool_id = "
                "  (SELECT id FROM audit_tool WHERE code = 'dip-sample-mash');"
                "DELETE FROM audit_tool WHERE code = 'dip-sample-mash';");
  g_assert_cmpint (count (fixture->database, "audit_tool"), ==, N_BUILTIN_TOOLS - 1);

  g_assert_true (ca_tool_store_install_builtin (fixture->database, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count (fixture->database, "audit_tool"), ==, N_BUILTIN_TOOLS);
  mash = load_latest (fixture->database, "dip-sample-mash");
  g_assert_cmpint (mash->version, ==, 1);
  closure_after = load_latest (fixture->database, "closure");
  g_assert_cmpint (closure_after->version, ==, 2);
  g_assert_cmpuint (closure_after->period_months, ==, 3);
  g_assert_cmpint (count (fixture->database, "audit_tool_version"), ==, N_BUILTIN_TOOLS + 1);
}

static void
test_import_versions (CaTestFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(CaToolDefinition) original = load_latest (fixture->database, "stage-1");
  g_autoptr(CaToolDefinition) changed = ca_tool_definition_copy (original);
  g_autoptr(CaToolDefinition) latest = NULL;
  g_autoptr(CaToolDefinition) fresh = NULL;
  g_autofree char *history = NULL;
  gint64 v1, v2, v3, id;

  v1 = ca_tool_store_find_version (fixture->database, "stage-1", 0, NULL, NULL);
  g_assert_cmpint (v1, >, 0);

  /* Identical: no new version, whatever the file's own version number says. */
  original->version = 5;
  g_assert_cmpint (import (fixture->database, original, 1), ==, v1);
  g_assert_cmpint (count (fixture->database, "audit_tool_version"), ==, N_BUILTIN_TOOLS);
  g_assert_cmpint (count (fixture->database, "change_history"), ==, 0);

  /* Changed: version 2, numbered by the store, recorded in the history. */
  add_question (changed);
  changed->version = 1;
  v2 = import (fixture->database, changed, 2);
  g_assert_cmpint (v2, !=, v1);
  g_assert_cmpint (import (fixture->database, changed, 2), ==, v2);
  latest = load_latest (fixture->database, "stage-1");
  g_assert_cmpint (latest->version, ==, 2);
  g_assert_nonnull (ca_tool_definition_find_question (latest, "review.independent-reviewer"));
  history = ca_test_query_text (fixture->database,
                                "SELECT entity || ' ' || field || ' ' || ifnull(old_value, '-') "
                                "|| ' ' || new_value FROM change_history");
  g_assert_cmpstr (history, ==, "audit_tool version 1 2");

  /* Going back to the first text is a change too: version 3, not version 1 again. */
  v3 = import (fixture->database, original, 3);
  g_assert_cmpint (v3, !=, v1);

  /* A new code is a new tool at version 1; a new name renames the tool, on the record. */
  fresh = ca_tool_definition_copy (original);
  g_free (fresh->code);
  fresh->code = g_strdup ("stage-1-early-help");
  id = import (fixture->database, fresh, 1);
  g_assert_cmpint (id, ==, ca_tool_store_find_version (fixture->database, "stage-1-early-help", 1,
                                                       NULL, NULL));
  g_free (fresh->name);
  fresh->name = g_strdup ("Early Help Good Practice audit");
  import (fixture->database, fresh, 2);
  g_free (history);
  history = ca_test_query_text (fixture->database,
                                "SELECT group_concat(field || ' ' || ifnull(old_value, '-') || ' ' "
                                "|| new_value, '; ') FROM change_history h "
                                "JOIN audit_tool t ON t.id = h.entity_id AND h.entity = 'audit_tool' "
                                "WHERE t.code = 'stage-1-early-help'");
  g_assert_cmpstr (history, ==,
                   "version - 1; name Stage 1 Good Practice audit Early Help Good Practice audit; "
                   "version 1 2");
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM audit_tool WHERE name = "
                                      "'Early Help Good Practice audit'"), ==, 1);
}

/* R-E2: an audit keeps the version it started with, and renders with it. */
static void
test_audit_keeps_version (CaTestFixture *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaToolDefinition) original = load_latest (fixture->database, "stage-1");
  g_autoptr(CaToolDefinition) changed = ca_tool_definition_copy (original);
  g_autoptr(CaToolDefinition) kept = NULL;
  g_autoptr(CaToolDefinition) latest = NULL;
  g_autoptr(CaStatement) stmt = NULL;
  gint64 v1 = ca_tool_store_find_version (fixture->database, "stage-1", 0, NULL, NULL);
  gint64 v2;

  ca_test_fixture_add_rows (fixture);
  stmt = ca_database_prepare (fixture->database,
                              "UPDATE audit SET tool_version_id = ? WHERE id = 1", &error);
  g_assert_no_error (error);
  ca_statement_bind_int64 (stmt, 1, v1);
  g_assert_true (ca_statement_run (stmt, &error));

  add_question (changed);
  v2 = import (fixture->database, changed, 2);

  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT tool_version_id FROM audit WHERE id = 1"), ==, v1);
  kept = ca_tool_store_load_version (fixture->database, v1, &error);
  g_assert_no_error (error);
  g_assert_true (ca_tool_definition_equal (kept, original));
  g_assert_null (ca_tool_definition_find_question (kept, "review.independent-reviewer"));

  latest = ca_tool_store_load_version (fixture->database, v2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (latest->version, ==, 2);
  g_assert_nonnull (ca_tool_definition_find_question (latest, "review.independent-reviewer"));
}

/* An invalid tool is refused with the file's message, and changes nothing. */
static void
test_import_invalid (CaTestFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaToolDefinition) def = load_latest (fixture->database, "stage-1");
  g_autofree char *before = snapshot (fixture->database);
  g_autofree char *after = NULL;
  CaToolSection *section = g_ptr_array_index (def->sections, 1);
  CaToolQuestion *question = g_ptr_array_index (section->questions, 0);
  int version = -1;

  question->type = CA_ANSWER_TEXT;
  question->limiting = TRUE;
  g_assert_cmpint (ca_tool_store_import (fixture->database, def, &version, &error), ==, 0);
  g_assert_error (error, CA_TOOL_FILE_ERROR, CA_TOOL_FILE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "sections[1].questions[0].limiting: only a yes-no-na question can be a "
                   "limiting judgement, and this one is \"text\"");
  g_assert_cmpint (version, ==, -1);
  g_clear_error (&error);

  g_free (def->code);
  def->code = g_strdup ("Stage 1");
  g_assert_cmpint (ca_tool_store_import (fixture->database, def, NULL, &error), ==, 0);
  g_assert_error (error, CA_TOOL_FILE_ERROR, CA_TOOL_FILE_ERROR_INVALID);

  after = snapshot (fixture->database);
  g_assert_cmpstr (before, ==, after);
}

/* What the command line and the preferences window share: a file out, a file back in. */
static void
test_file_round_trip (CaTestFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaToolDefinition) written = NULL;
  g_autoptr(CaToolDefinition) read = NULL;
  g_autoptr(CaToolDefinition) bad = NULL;
  g_autofree char *path = g_build_filename (fixture->folder, "stage-1.json", NULL);
  g_autofree char *bad_path = g_build_filename (fixture->folder, "bad.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean changed = TRUE;
  int version = 0;

  written = ca_tool_store_export (fixture->database, "stage-1", 0, path, CA_OUTPUT_FILE_NEW_ONLY,
                                  &error);
  g_assert_no_error (error);
  g_assert_nonnull (written);
  read = ca_tool_file_read (path, &error);
  g_assert_no_error (error);
  g_assert_true (ca_tool_definition_equal (read, written));

  /* The same tool back: unchanged. Changed: a new version. */
  g_assert_cmpint (ca_tool_store_import_read (fixture->database, read, path, &version, &changed,
                                              &error), >, 0);
  g_assert_no_error (error);
  g_assert_false (changed);
  g_assert_cmpint (version, ==, 1);
  add_question (read);
  g_assert_cmpint (ca_tool_store_import_read (fixture->database, read, path, &version, &changed,
                                              &error), >, 0);
  g_assert_true (changed);
  g_assert_cmpint (version, ==, 2);

  /* A file with a mistake: the message names the file and the place in it. */
  g_assert_true (g_file_set_contents (bad_path, "{\"format\": \"case-audit-tool\"}", -1, NULL));
  bad = ca_tool_file_read (bad_path, &error);
  g_assert_null (bad);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, bad_path));
  g_clear_error (&error);

  /* A tool that reads but is not valid: refused with the path, nothing written. */
  before = snapshot (fixture->database);
  g_free (read->code);
  read->code = g_strdup ("Stage 1");
  g_assert_cmpint (ca_tool_store_import_read (fixture->database, read, path, NULL, NULL, &error),
                   ==, 0);
  g_assert_error (error, CA_TOOL_FILE_ERROR, CA_TOOL_FILE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, path));
  after = snapshot (fixture->database);
  g_assert_cmpstr (before, ==, after);
}

/* Another connection holds the write lock: the import fails whole, and can be retried. */
static void
test_import_locked (CaTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) other = ca_database_open_another (fixture->database, &error);
  g_autoptr(CaToolDefinition) def = load_latest (fixture->database, "closure");
  g_autofree char *before = snapshot (fixture->database);
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  def->feedback = !def->feedback;
  g_assert_true (ca_database_begin (other, &error));
  g_assert_cmpint (ca_tool_store_import (fixture->database, def, NULL, &error), ==, 0);
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_LOCKED);
  ca_database_rollback (other);

  after = snapshot (fixture->database);
  g_assert_cmpstr (before, ==, after);
  import (fixture->database, def, 2);
}

static void
test_find_and_list (CaTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tools = NULL;
  g_autoptr(CaToolDefinition) plans = load_latest (fixture->database, "dip-sample-plans");
  int version = 0;

  g_assert_cmpint (ca_tool_store_find_version (fixture->database, "stage-9", 0, NULL, &error),
                   ==, 0);
  g_assert_error (error, CA_TOOL_STORE_ERROR, CA_TOOL_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no audit tool “stage-9” in this database.");
  g_clear_error (&error);
  g_assert_cmpint (ca_tool_store_find_version (fixture->database, "stage-1", 4, NULL, &error),
                   ==, 0);
  g_assert_error (error, CA_TOOL_STORE_ERROR, CA_TOOL_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "The audit tool “stage-1” has no version 4; its latest is version 1.");
  g_clear_error (&error);
  g_assert_null (ca_tool_store_load_version (fixture->database, 9999, &error));
  g_assert_error (error, CA_TOOL_STORE_ERROR, CA_TOOL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  plans->period_months = 9;
  import (fixture->database, plans, 2);
  g_assert_cmpint (ca_tool_store_find_version (fixture->database, "dip-sample-plans", 1, &version,
                                               &error), >, 0);
  g_assert_cmpint (version, ==, 1);

  tools = ca_tool_store_list (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tools->len, ==, N_BUILTIN_TOOLS);
  for (guint i = 0; i < tools->len; i++)
    {
      const CaToolSummary *summary = g_ptr_array_index (tools, i);

      if (i > 0)
        g_assert_cmpstr (((CaToolSummary *) g_ptr_array_index (tools, i - 1))->name, <=,
                         summary->name);
      g_assert_cmpint (summary->latest_version, ==,
                       g_str_equal (summary->code, "dip-sample-plans") ? 2 : 1);
      g_assert_cmpint (summary->latest_version_id, ==,
                       ca_tool_store_find_version (fixture->database, summary->code, 0, NULL,
                                                   NULL));
      /* Preferences lists the moderation tool too, to export and import. */
      g_assert_cmpint (summary->kind, ==, g_str_equal (summary->code, "stage-2")
                                          ? CA_TOOL_KIND_MODERATION : CA_TOOL_KIND_AUDIT);
    }
}

/* The Stage 2 moderation is a built-in tool of its own kind (R-H3): versioned like the
 * others, never offered where an audit's tool is chosen, and keeping its kind. */
static void
test_moderation_tool (CaTestFixture *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaToolDefinition) stage_2 = load_latest (fixture->database, "stage-2");
  g_autoptr(CaToolDefinition) as_audit = NULL;
  g_autoptr(CaToolDefinition) stage_1 = load_latest (fixture->database, "stage-1");
  g_autoptr(CaToolDefinition) latest = NULL;
  g_autoptr(GPtrArray) choices = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  CaToolPart *learning;
  gint64 v1, v2;
  int version = 0;

  /* Installed in a new database, as a moderation tool. */
  g_assert_cmpint (stage_2->kind, ==, CA_TOOL_KIND_MODERATION);
  g_assert_cmpuint (stage_2->parts->len, ==, 5);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count(*) FROM audit_tool "
                                                         "WHERE kind = 'moderation'"), ==, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count(*) FROM audit_tool "
                                                         "WHERE code = 'stage-2' AND "
                                                         "kind = 'moderation'"), ==, 1);

  /* Found as the moderation's tool; refused where an audit's tool is wanted, and back. */
  v1 = ca_tool_store_find_version_of_kind (fixture->database, CA_TOOL_STAGE_2,
                                           CA_TOOL_KIND_MODERATION, 0, &version, &error);
  g_assert_no_error (error);
  g_assert_cmpint (v1, >, 0);
  g_assert_cmpint (version, ==, 1);
  g_assert_cmpint (ca_tool_store_find_version_of_kind (fixture->database, "stage-2",
                                                       CA_TOOL_KIND_AUDIT, 0, NULL, &error),
                   ==, 0);
  g_assert_error (error, CA_TOOL_STORE_ERROR, CA_TOOL_STORE_ERROR_WRONG_KIND);
  g_assert_cmpstr (error->message, ==, "“Stage 2 moderation” is the moderation form’s tool, "
                                       "not an audit tool: an audit cannot be done with it.");
  g_clear_error (&error);
  g_assert_cmpint (ca_tool_store_find_version_of_kind (fixture->database, "stage-1",
                                                       CA_TOOL_KIND_MODERATION, 0, NULL,
                                                       &error), ==, 0);
  g_assert_error (error, CA_TOOL_STORE_ERROR, CA_TOOL_STORE_ERROR_WRONG_KIND);
  g_clear_error (&error);
  g_assert_cmpint (ca_tool_store_find_version_of_kind (fixture->database, "stage-1",
                                                       CA_TOOL_KIND_AUDIT, 0, NULL, &error),
                   >, 0);
  g_assert_no_error (error);

  /* An import's audit tools (the "tool" column's values) leave it out. */
  choices = ca_import_store_list_choices (fixture->database, "tool", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (choices->len, ==, N_BUILTIN_TOOLS - 1);
  for (guint i = 0; i < choices->len; i++)
    g_assert_cmpstr (((CaImportChoice *) g_ptr_array_index (choices, i))->code, !=, "stage-2");

  /* A council's new wording is version 2; the first stays as it was. */
  learning = (CaToolPart *) ca_tool_definition_find_part (stage_2, CA_TOOL_PART_LEARNING);
  g_free (learning->title);
  learning->title = g_strdup ("Learning for the Team");
  v2 = import (fixture->database, stage_2, 2);
  g_assert_cmpint (v2, !=, v1);
  latest = load_latest (fixture->database, "stage-2");
  g_assert_cmpstr (ca_tool_definition_find_part (latest, "learning")->title, ==,
                   "Learning for the Team");
  g_clear_pointer (&latest, ca_tool_definition_free);
  latest = ca_tool_store_load_version (fixture->database, v1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ca_tool_definition_find_part (latest, "learning")->title, ==, "Learning");

  /* A tool keeps its kind: an audit tool under the moderation's code, or the moderation
   * under an audit tool's, is refused and changes nothing. */
  before = snapshot (fixture->database);
  as_audit = ca_tool_definition_copy (stage_1);
  g_free (as_audit->code);
  as_audit->code = g_strdup ("stage-2");
  g_assert_cmpint (ca_tool_store_import (fixture->database, as_audit, NULL, &error), ==, 0);
  g_assert_error (error, CA_TOOL_STORE_ERROR, CA_TOOL_STORE_ERROR_WRONG_KIND);
  g_assert_cmpstr (error->message, ==, "“stage-2” is a moderation tool in this database, and "
                                       "this file is an audit tool with the same code. Give the "
                                       "file a code of its own.");
  g_clear_error (&error);
  g_free (stage_2->code);
  stage_2->code = g_strdup ("stage-1");
  g_assert_cmpint (ca_tool_store_import (fixture->database, stage_2, NULL, &error), ==, 0);
  g_assert_error (error, CA_TOOL_STORE_ERROR, CA_TOOL_STORE_ERROR_WRONG_KIND);
  g_clear_error (&error);
  after = snapshot (fixture->database);
  g_assert_cmpstr (before, ==, after);

  /* A moderation tool of a code of its own is a new moderation tool. */
  g_free (stage_2->code);
  stage_2->code = g_strdup ("stage-2-panel");
  import (fixture->database, stage_2, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count(*) FROM audit_tool "
                                                         "WHERE code = 'stage-2-panel' AND "
                                                         "kind = 'moderation'"), ==, 1);
}

/* A stored text that no longer reads is reported, not shown half; an import replaces it. */
static void
test_damaged (CaTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaToolDefinition) def = NULL;

  ca_test_exec (fixture->database,
                "INSERT INTO audit_tool (id, code, name) VALUES (50, 'old', 'Old tool');"
                "INSERT INTO audit_tool_version (id, tool_id, version, definition, created_at) "
                "VALUES (50, 50, 1, '{\"sections\": 3}', '2020-01-01T00:00:00Z');");
  g_assert_null (ca_tool_store_load_version (fixture->database, 50, &error));
  g_assert_error (error, CA_TOOL_STORE_ERROR, CA_TOOL_STORE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "“Old tool”"));
  g_clear_error (&error);

  def = load_latest (fixture->database, "closure");
  g_free (def->code);
  def->code = g_strdup ("old");
  import (fixture->database, def, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, CaTestFixture, NULL, ca_test_fixture_set_up, func, ca_test_fixture_tear_down)

  ADD ("/tool-store/builtin-installed", test_builtin_installed);
  ADD ("/tool-store/builtin-fills-gaps", test_builtin_fills_gaps);
  ADD ("/tool-store/import-versions", test_import_versions);
  ADD ("/tool-store/audit-keeps-version", test_audit_keeps_version);
  ADD ("/tool-store/import-invalid", test_import_invalid);
  ADD ("/tool-store/import-locked", test_import_locked);
  ADD ("/tool-store/find-and-list", test_find_and_list);
  ADD ("/tool-store/damaged", test_damaged);
  ADD ("/tool-store/moderation-tool", test_moderation_tool);
  ADD ("/tool-store/file-round-trip", test_file_round_trip);

  return g_test_run ();
}
