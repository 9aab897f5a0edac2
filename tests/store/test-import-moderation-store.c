// SPDX-License-Identifier: GPL-3.0-or-later
// Importing past moderations into a real database: the store's look-up and write (new,
// updated, unchanged, with history), and the run: all-or-nothing, counted in R-H4's pairs.

#include "config.h"

#include <string.h>

#include "ca-import.h"
#include "ca-import-store.h"
#include "ca-moderation-store.h"
#include "ca-test-fixture.h"

/* The fixture's authority, and audits of its cases done with the built-in Stage 1 tool
 * (whose sections the moderations grade): 10 submitted and graded, 11 closed without an
 * overall grade, 12 still in progress. */
static void
add_audits (CaTestFixture *fixture)
{
  ca_test_fixture_add_rows (fixture);
  ca_test_exec (fixture->database,
    "INSERT INTO audit (id, case_id, tool_version_id, auditor_id, status, allocated_on,"
    "                   audit_date, overall_grade, submitted_at) VALUES"
    "  (10, 1, (SELECT max (v.id) FROM audit_tool_version v JOIN audit_tool t"
    "           ON t.id = v.tool_id WHERE t.code = 'stage-1'), 4, 'submitted', '2021-03-01',"
    "   '2021-03-05', 'good', '2021-03-05T12:00:00Z'),"
    "  (11, 2, (SELECT max (v.id) FROM audit_tool_version v JOIN audit_tool t"
    "           ON t.id = v.tool_id WHERE t.code = 'stage-1'), 4, 'closed', '2021-03-01',"
    "   '2021-03-08', NULL, '2021-03-08T12:00:00Z'),"
    "  (12, 2, (SELECT max (v.id) FROM audit_tool_version v JOIN audit_tool t"
    "           ON t.id = v.tool_id WHERE t.code = 'stage-1'), 2, 'in-progress', '2021-03-01',"
    "   '2021-03-09', NULL, NULL);");
}

static gint64
tool_id (CaTestFixture *fixture)
{
  return ca_test_query_int (fixture->database, "SELECT id FROM audit_tool WHERE code = 'stage-1'");
}

/* The moderations, their sections and the length of the change history, as text. */
static char *
stored_state (CaDatabase *database)
{
  return ca_test_query_text (database,
    "SELECT coalesce ((SELECT group_concat (x, ';') FROM (SELECT id || '/' || audit_id || '/' ||"
    "  moderator_id || '/' || coalesce (moderated_on, '-') || '/' || coalesce (overall_grade, '-')"
    "  AS x FROM moderation ORDER BY id)), '')"
    " || '|' || coalesce ((SELECT group_concat (x, ';') FROM (SELECT moderation_id || section_id"
    "  || coalesce (grade, '-') AS x FROM moderation_section ORDER BY moderation_id, section_id)), '')"
    " || '|' || (SELECT count (*) FROM change_history)");
}

static CaImportReport *
run_text (CaTestFixture *fixture,
          const char    *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(CaImportPreview) preview = ca_import_preview_new (bytes, 0, &error);
  g_autoptr(CaImportMapping) mapping = NULL;
  CaImportReport *report;

  g_assert_no_error (error);
  mapping = ca_import_mapping_new_from_header (CA_IMPORT_KIND_MODERATIONS,
                                               CA_IMPORT_FORMAT_CANONICAL,
                                               ca_import_preview_get_header (preview));
  report = ca_import_run (fixture->database, mapping, preview, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  for (guint i = 0; i < ca_import_report_get_n_errors (report); i++)
    g_test_message ("line %u: %s", ca_import_report_get_error_line (report, i),
                    ca_import_report_get_error_message (report, i));
  return report;
}

static guint
n_pairs (CaTestFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairs = ca_moderation_store_list_agreement_pairs (fixture->database,
                                                                         NULL, NULL, &error);

  g_assert_no_error (error);
  return pairs->len;
}

static GPtrArray *
grades (const char *first,
        ...)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (ca_import_section_grade_free);
  va_list args;

  va_start (args, first);
  for (const char *id = first; id != NULL; id = va_arg (args, const char *))
    {
      CaImportSectionGrade *grade = g_new0 (CaImportSectionGrade, 1);

      grade->section_id = g_strdup (id);
      grade->grade = g_strdup (va_arg (args, const char *));
      g_ptr_array_add (array, grade);
    }
  va_end (args);
  return array;
}

/* The store alone: an audit found by its identity with its version's sections; a
 * moderation written new, then found as it is, then changed with its history. */
static void
test_store_write (CaTestFixture *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = grades ("assessment", "good", "planning", "inadequate", NULL);
  g_autoptr(GPtrArray) same = grades ("planning", "inadequate", NULL);
  g_autoptr(GPtrArray) changed = grades ("planning", "requires-improvement", NULL);
  CaImportLookup *lookup;
  const CaImportAudit *audit;
  const CaImportSection *section;
  CaImportWritten written;
  gint64 history, id;

  add_audits (fixture);
  g_assert_true (ca_database_begin (fixture->database, &error));
  lookup = ca_import_store_load_lookup (fixture->database, CA_IMPORT_KIND_MODERATIONS,
                                        CA_IMPORT_FORMAT_CANONICAL, &error);
  g_assert_no_error (error);

  audit = ca_import_lookup_find_audit (lookup, 1, 4, tool_id (fixture), "2021-03-05");
  g_assert_nonnull (audit);
  g_assert_cmpint (audit->id, ==, 10);
  g_assert_true (audit->submitted);
  g_assert_true (audit->graded);
  g_assert_nonnull (audit->sections);
  section = audit->sections->sections->pdata[0];
  g_assert_cmpstr (section->id, ==, "assessment");
  g_assert_true (section->graded);
  section = g_ptr_array_index (audit->sections->sections, audit->sections->sections->len - 1);
  g_assert_cmpstr (section->id, ==, "comments-actions");
  g_assert_false (section->graded);
  g_assert_null (ca_import_lookup_find_audit (lookup, 1, 4, tool_id (fixture), "2021-03-06"));
  g_assert_null (ca_import_lookup_find_audit (lookup, 1, 2, tool_id (fixture), "2021-03-05"));
  audit = ca_import_lookup_find_audit (lookup, 2, 4, tool_id (fixture), "2021-03-08");
  g_assert_true (audit->submitted);
  g_assert_false (audit->graded);
  audit = ca_import_lookup_find_audit (lookup, 2, 2, tool_id (fixture), "2021-03-09");
  g_assert_false (audit->submitted);

  g_assert_true (ca_import_store_write_moderation (fixture->database, lookup, 10, 2,
                                                   "2021-03-20", "requires-improvement", first,
                                                   &written, &error));
  g_assert_no_error (error);
  g_assert_cmpint (written, ==, CA_IMPORT_WRITTEN_NEW);
  id = ca_test_query_int (fixture->database, "SELECT max (id) FROM moderation");
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count (*) FROM moderation WHERE audit_id = 10 "
                                      "AND moderator_id = 2 AND moderated_on = '2021-03-20' "
                                      "AND overall_grade = 'requires-improvement' "
                                      "AND reason IS NULL AND due_date IS NULL"), ==, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count (*) FROM moderation_section WHERE "
                                      "moderation_id = (SELECT max (id) FROM moderation)"), ==, 2);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count (*) FROM change_history WHERE "
                                      "entity = 'moderation' AND entity_id = "
                                      "(SELECT max (id) FROM moderation)"), ==, 5);

  /* The same moderation (audit, moderator, day) again: nothing written. */
  history = ca_test_query_int (fixture->database, "SELECT count (*) FROM change_history");
  g_assert_true (ca_import_store_write_moderation (fixture->database, lookup, 10, 2,
                                                   "2021-03-20", "requires-improvement", same,
                                                   &written, &error));
  g_assert_cmpint (written, ==, CA_IMPORT_WRITTEN_UNCHANGED);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count (*) FROM change_history"),
                   ==, history);

  /* A section changed: updated in place, with its history; the others kept. */
  g_assert_true (ca_import_store_write_moderation (fixture->database, lookup, 10, 2,
                                                   "2021-03-20", "requires-improvement", changed,
                                                   &written, &error));
  g_assert_cmpint (written, ==, CA_IMPORT_WRITTEN_UPDATED);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT max (id) FROM moderation"), ==, id);
  {
    g_autofree char *sections =
      ca_test_query_text (fixture->database,
                          "SELECT group_concat (section_id || '=' || grade, ' ') FROM (SELECT * "
                          "FROM moderation_section WHERE moderation_id = (SELECT max (id) FROM "
                          "moderation) ORDER BY section_id)");
    g_autofree char *last =
      ca_test_query_text (fixture->database,
                          "SELECT field || ':' || old_value || '>' || new_value "
                          "FROM change_history ORDER BY id DESC LIMIT 1");

    g_assert_cmpstr (sections, ==, "assessment=good planning=requires-improvement");
    g_assert_cmpstr (last, ==, "sections.planning.grade:inadequate>requires-improvement");
  }

  /* Another day is another moderation. */
  g_assert_true (ca_import_store_write_moderation (fixture->database, lookup, 10, 2,
                                                   "2021-03-21", "good", NULL, &written, &error));
  g_assert_cmpint (written, ==, CA_IMPORT_WRITTEN_NEW);

  ca_import_lookup_free (lookup);
  g_assert_true (ca_database_commit (fixture->database, &error));
  g_assert_no_error (error);
}

#define HEADER "case_ref,auditor_id,tool,audit_date,moderator_id,moderation_date,overall_grade," \
               "assessment_grade,Review Grade\n"

/* The run: written whole, counted in the agreement pairs when the audit has a grade, said
 * when not; the same file again adds nothing; a changed one updates. */
static void
test_run (CaTestFixture *fixture,
          gconstpointer  data)
{
  g_autoptr(CaImportReport) report = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *after = NULL;
  g_autofree char *again = NULL;
  const char * const *notes;
  guint pairs;

  add_audits (fixture);
  pairs = n_pairs (fixture);

  report = run_text (fixture, HEADER
                     "CA-000101,S004,stage-1,05/03/2021,S002,2021-03-20,Inadequate,good,\n"
                     "CA-000102,Amrit Kaur,Stage 1 Good Practice audit,2021-03-08,S001,"
                     "8 Mar 2021,good,,RI\n");
  g_assert_true (ca_import_report_get_succeeded (report));
  g_assert_cmpuint (ca_import_report_get_n_inserted (report), ==, 2);
  summary = ca_import_report_describe (report);
  g_assert_cmpstr (summary, ==, "Imported 2 moderations (2 new, 0 updated, 0 already "
                                "recorded as in the file).");
  notes = ca_import_report_get_notes (report);
  g_assert_nonnull (notes[0]);
  g_assert_nonnull (strstr (notes[0], "1 moderation is of an audit with no overall grade"));
  g_assert_cmpuint (n_pairs (fixture), ==, pairs + 1);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count (*) FROM moderation_section ms JOIN moderation m "
                                      "ON m.id = ms.moderation_id WHERE m.audit_id = 11 AND "
                                      "ms.section_id = 'review' AND ms.grade = "
                                      "'requires-improvement'"), ==, 1);
  g_clear_object (&report);

  after = stored_state (fixture->database);
  report = run_text (fixture, HEADER
                     "CA-000101,S004,stage-1,05/03/2021,S002,2021-03-20,Inadequate,good,\n"
                     "CA-000102,Amrit Kaur,Stage 1 Good Practice audit,2021-03-08,S001,"
                     "8 Mar 2021,good,,RI\n");
  g_assert_true (ca_import_report_get_succeeded (report));
  g_assert_cmpuint (ca_import_report_get_n_inserted (report), ==, 0);
  g_assert_cmpuint (ca_import_report_get_n_updated (report), ==, 0);
  g_assert_cmpuint (ca_import_report_get_n_unchanged (report), ==, 2);
  again = stored_state (fixture->database);
  g_assert_cmpstr (again, ==, after);
  g_assert_cmpuint (n_pairs (fixture), ==, pairs + 1);
  g_clear_object (&report);

  report = run_text (fixture, HEADER
                     "CA-000101,S004,stage-1,2021-03-05,S002,2021-03-20,good,good,\n"
                     "CA-000102,S004,stage-1,2021-03-08,S001,2021-03-08,good,,RI\n");
  g_assert_cmpuint (ca_import_report_get_n_updated (report), ==, 1);
  g_assert_cmpuint (ca_import_report_get_n_unchanged (report), ==, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count (*) FROM moderation WHERE audit_id = 10"), ==, 1);
}

/* One bad row: every row refused with it, nothing written, each reason with its line. */
static void
test_all_or_nothing (CaTestFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr(CaImportReport) report = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  static const struct { guint line; const char *words; } want[] = {
    { 3, "there is no audit of case “CA-000101” by “S004”" },
    { 4, "the moderator “S004” is the auditor who did this audit" },
    { 5, "has not been submitted yet" },
    { 6, "does not name a section of the audit tool “Stage 1 Good Practice audit”" },
    { 7, "unknown moderator “S999”" },
  };

  add_audits (fixture);
  before = stored_state (fixture->database);
  report = run_text (fixture,
                     "case_ref,auditor_id,tool,audit_date,moderator_id,moderation_date,"
                     "overall_grade,wellbeing_grade\n"
                     "CA-000101,S004,stage-1,2021-03-05,S002,2021-03-20,good,\n"
                     "CA-000101,S004,stage-1,2021-03-04,S002,2021-03-20,good,\n"
                     "CA-000101,S004,stage-1,2021-03-05,S004,2021-03-20,good,\n"
                     "CA-000102,S002,stage-1,2021-03-09,S001,2021-03-20,good,\n"
                     "CA-000101,S004,stage-1,2021-03-05,S001,2021-03-20,good,good\n"
                     "CA-000101,S004,stage-1,2021-03-05,S999,2021-03-20,good,\n");
  g_assert_false (ca_import_report_get_succeeded (report));
  g_assert_cmpuint (ca_import_report_get_n_inserted (report), ==, 0);
  g_assert_cmpuint (ca_import_report_get_n_errors (report), ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      g_assert_cmpuint (ca_import_report_get_error_line (report, i), ==, want[i].line);
      g_assert_nonnull (strstr (ca_import_report_get_error_message (report, i), want[i].words));
    }
  after = stored_state (fixture->database);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/import-moderation-store/store-write", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_store_write, ca_test_fixture_tear_down);
  g_test_add ("/import-moderation-store/run", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_run, ca_test_fixture_tear_down);
  g_test_add ("/import-moderation-store/all-or-nothing", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_all_or_nothing, ca_test_fixture_tear_down);

  return g_test_run ();
}
