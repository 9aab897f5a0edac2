// SPDX-License-Identifier: GPL-3.0-or-later
// The change history's hash chain against real files: sealed as written, and every kind of
// change made outside Case Audit found — on opening (the newest rows) or by verify (all).

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ca-database-private.h"
#include "ca-stores.h"
#include "ca-test-fixture.h"

/* What another program does to the file: the sqlite3 program, with Case Audit closed. */
static void
tamper (CaTestFixture *fixture,
        const char    *sql)
{
  sqlite3 *handle = NULL;
  char *message = NULL;

  g_clear_object (&fixture->database);
  g_assert_cmpint (sqlite3_open (fixture->path, &handle), ==, SQLITE_OK);
  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
}

static void
reopen (CaTestFixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->database);
  fixture->database = ca_stores_open (fixture->path, CA_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

/* N rows of history, as a store writes them, each outside any transaction of its own. */
static void
record (CaDatabase *database,
        guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = g_strdup_printf ("value %u", i);

      g_assert_true (ca_database_record_change (database, "2021-06-01T10:00:00Z", "audit",
                                                i % 7, "comments", i % 3 ? value : NULL,
                                                "new", &error));
      g_assert_no_error (error);
    }
}

/* The notices of opening of one kind, one to a line. */
static char *
notices_of (CaDatabase           *database,
            CaDatabaseNoticeKind  kind)
{
  GPtrArray *notices = ca_database_get_notices (database);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < notices->len; i++)
    {
      const CaDatabaseNotice *notice = notices->pdata[i];

      if (notice->kind == kind)
        g_string_append_printf (text, "%s\n", notice->message);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_no_notices (CaDatabase *database)
{
  g_assert_cmpuint (ca_database_get_notices (database)->len, ==, 0);
}

/* The one notice of a history found altered, which must mention each of WORDS. */
static void
assert_altered (CaDatabase         *database,
                const char * const *words)
{
  g_autofree char *altered = notices_of (database, CA_DATABASE_NOTICE_HISTORY_ALTERED);

  g_assert_cmpuint (ca_database_get_notices (database)->len, ==, 1);
  g_assert_nonnull (strstr (altered, "altered outside Case Audit"));
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (altered, words[i]) == NULL)
      g_error ("“%s” is not in the notice: %s", words[i], altered);
}

/* What verify says, one problem to a line. */
static char *
verify (CaDatabase *database)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = ca_database_verify (database, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (problems);
  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (text, "%s\n", (char *) problems->pdata[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gint64
count_findings (CaDatabase *database)
{
  return ca_test_query_int (database, "SELECT count(*) FROM change_history WHERE "
                                      "entity = 'change_history' AND field = 'integrity'");
}

static gboolean
has_trigger (CaDatabase *database,
             const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_schema WHERE "
                                          "type = 'trigger' AND name = '%s'", name);

  return ca_test_query_int (database, sql) == 1;
}

/* The format of the seal is part of every file ever written: pinned (the value was
 * worked out apart from this code, in Python), and unambiguous. */
static void
test_hash_format (void)
{
  g_autofree char *first = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *null_value = NULL;
  g_autofree char *empty_value = NULL;
  g_autofree char *next = NULL;
  g_autofree char *other_id = NULL;
  g_autofree char *first_again = NULL;

  first = ca_database_hash_history_row (NULL, 1, "2021-06-01T10:00:00Z", "tester", "audit", 1,
                                        "status", "in-progress", "submitted");
  g_assert_cmpstr (first, ==, "3a6d2a09609a23e40a751fe6a34c081b61ef8b3f1be98d9d9b0e84775e7fa77e");
  first_again = ca_database_hash_history_row ("", 1, "2021-06-01T10:00:00Z", "tester", "audit",
                                              1, "status", "in-progress", "submitted");
  g_assert_cmpstr (first_again, ==, first);

  /* The same bytes split differently between fields, a NULL against an empty text, another
   * row before, another number: each a different seal. */
  moved = ca_database_hash_history_row (NULL, 1, "2021-06-01T10:00:00Z", "tester", "audit", 1,
                                        "status", "in-progres", "ssubmitted");
  null_value = ca_database_hash_history_row (NULL, 1, "2021-06-01T10:00:00Z", "tester", "audit",
                                             1, "status", NULL, "submitted");
  empty_value = ca_database_hash_history_row (NULL, 1, "2021-06-01T10:00:00Z", "tester",
                                              "audit", 1, "status", "", "submitted");
  next = ca_database_hash_history_row (first, 1, "2021-06-01T10:00:00Z", "tester", "audit", 1,
                                       "status", "in-progress", "submitted");
  other_id = ca_database_hash_history_row (NULL, 2, "2021-06-01T10:00:00Z", "tester", "audit",
                                           1, "status", "in-progress", "submitted");
  g_assert_cmpstr (moved, !=, first);
  g_assert_cmpstr (null_value, !=, empty_value);
  g_assert_cmpstr (next, !=, first);
  g_assert_cmpstr (other_id, !=, first);
}

/* Every row written is sealed to the one before, the head follows, and all is well. */
static void
test_chain (CaTestFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaStatement) stmt = NULL;
  g_autofree char *previous = g_strdup ("");
  g_autofree char *problems = NULL;
  g_autofree char *last_hash = NULL;
  gboolean has_row = FALSE;
  guint n = 0;

  ca_test_fixture_add_rows (fixture);
  record (fixture->database, 10);
  /* And as the stores write it, inside their own transactions. */
  g_assert_true (ca_database_update_tracked (fixture->database, "audit", 1, "comments",
                                             "Seen alone", &error));
  g_assert_true (ca_database_begin (fixture->database, &error));
  record (fixture->database, 3);
  g_assert_true (ca_database_commit (fixture->database, &error));
  g_assert_no_error (error);

  stmt = ca_database_prepare (fixture->database,
                              "SELECT id, changed_at, changed_by, entity, entity_id, field, "
                              "old_value, new_value, hash FROM change_history ORDER BY id",
                              &error);
  g_assert_no_error (error);
  while (ca_statement_step (stmt, &has_row, &error) && has_row)
    {
      g_autofree char *expected = NULL;

      expected = ca_database_hash_history_row (previous, ca_statement_get_int64 (stmt, 0),
                                               ca_statement_get_text (stmt, 1),
                                               ca_statement_get_text (stmt, 2),
                                               ca_statement_get_text (stmt, 3),
                                               ca_statement_get_int64 (stmt, 4),
                                               ca_statement_get_text (stmt, 5),
                                               ca_statement_get_text (stmt, 6),
                                               ca_statement_get_text (stmt, 7));
      g_assert_cmpint (ca_statement_get_int64 (stmt, 0), ==, n + 1);
      g_assert_cmpstr (ca_statement_get_text (stmt, 8), ==, expected);
      g_assert_cmpuint (strlen (expected), ==, 64);
      g_free (previous);
      previous = g_steal_pointer (&expected);
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 14);

  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT row_count FROM change_history_seal"), ==, 14);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT last_id FROM change_history_seal"), ==, 14);
  last_hash = ca_test_query_text (fixture->database,
                                  "SELECT last_hash FROM change_history_seal");
  g_assert_cmpstr (last_hash, ==, previous);

  /* A change that fails leaves the chain and its head as they were. */
  g_assert_false (ca_database_update_tracked (fixture->database, "audit", 1, "category", "1",
                                              &error));
  g_clear_error (&error);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT row_count FROM change_history_seal"), ==, 14);

  problems = verify (fixture->database);
  g_assert_cmpstr (problems, ==, "");
  reopen (fixture);
  assert_no_notices (fixture->database);
}

/* A row changed with the sqlite3 program, its trigger dropped first. */
static void
test_changed_row (CaTestFixture *fixture,
                  gconstpointer  data)
{
  static const char * const words[] = { "Row 8 ", "changed", "change_history_no_update",
                                        "removed", NULL };
  g_autofree char *problems = NULL;
  g_autofree char *reminder = NULL;

  record (fixture->database, 10);
  tamper (fixture, "DROP TRIGGER change_history_no_update;"
                   "UPDATE change_history SET new_value = 'old' WHERE id = 8;");
  reopen (fixture);
  assert_altered (fixture->database, words);

  /* Protected again, and the finding is in the history itself, chained like any row. */
  g_assert_true (has_trigger (fixture->database, "change_history_no_update"));
  g_assert_false (ca_database_exec (fixture->database,
                                    "UPDATE change_history SET new_value = 'x'", NULL));
  g_assert_cmpint (count_findings (fixture->database), ==, 2);

  problems = verify (fixture->database);
  g_assert_nonnull (strstr (problems, "Row 8 of the change history has been changed"));
  g_assert_nonnull (strstr (problems, "first noticed this on"));
  g_assert_nonnull (strstr (problems, "change_history_no_update"));

  /* Every later open says so too, in fewer words, and notes nothing more. */
  reopen (fixture);
  reminder = notices_of (fixture->database, CA_DATABASE_NOTICE_HISTORY_WAS_ALTERED);
  g_assert_cmpuint (ca_database_get_notices (fixture->database)->len, ==, 1);
  g_assert_nonnull (strstr (reminder, "was altered outside Case Audit (first noticed on "));
  g_assert_cmpint (count_findings (fixture->database), ==, 2);
}

static void
test_deleted_row (CaTestFixture *fixture,
                  gconstpointer  data)
{
  static const char * const words[] = { "Row 5 of the change history has been deleted",
                                        "change_history_no_delete", NULL };

  record (fixture->database, 10);
  tamper (fixture, "DROP TRIGGER change_history_no_delete;"
                   "DELETE FROM change_history WHERE id = 5;");
  reopen (fixture);
  assert_altered (fixture->database, words);
  g_assert_true (has_trigger (fixture->database, "change_history_no_delete"));
}

/* Two rows swapped whole, seals and all: each is sealed to its own place. */
static void
test_reordered_rows (CaTestFixture *fixture,
                     gconstpointer  data)
{
  static const char * const words[] = { "Row 3 ", "Row 4 ", "put in another place", NULL };

  record (fixture->database, 10);
  tamper (fixture, "DROP TRIGGER change_history_no_update;"
                   "UPDATE change_history SET id = -4 WHERE id = 4;"
                   "UPDATE change_history SET id = 4 WHERE id = 3;"
                   "UPDATE change_history SET id = 3 WHERE id = -4;"
                   "CREATE TRIGGER change_history_no_update BEFORE UPDATE ON change_history "
                   "BEGIN SELECT RAISE (ABORT, 'the change history cannot be altered'); END;");
  reopen (fixture);
  assert_altered (fixture->database, words);
}

/* Deleting from the end leaves a chain that still links up: the head shows it. Case Audit
 * carries on from the rows there are, and the note stays. */
static void
test_newest_rows_deleted (CaTestFixture *fixture,
                          gconstpointer  data)
{
  static const char * const words[] = { "newest rows", "ended at row 10 and now ends at row 7",
                                        NULL };
  g_autofree char *problems = NULL;

  record (fixture->database, 10);
  tamper (fixture, "DROP TRIGGER change_history_no_delete;"
                   "DELETE FROM change_history WHERE id > 7;"
                   "CREATE TRIGGER change_history_no_delete BEFORE DELETE ON change_history "
                   "BEGIN SELECT RAISE (ABORT, 'the change history cannot be altered'); END;");
  reopen (fixture);
  assert_altered (fixture->database, words);

  /* The chain goes on from row 7; only the note says what was lost. */
  record (fixture->database, 2);
  problems = verify (fixture->database);
  g_assert_true (g_str_has_prefix (problems, "On "));
  g_assert_nonnull (strstr (problems, "ended at row 10 and now ends at row 7"));
  g_assert_true (g_str_has_suffix (problems, ".\n"));
  g_assert_true (strchr (problems, '\n') == problems + strlen (problems) - 1);
  reopen (fixture);
  g_assert_cmpuint (ca_database_get_notices (fixture->database)->len, ==, 1);
  g_assert_cmpint (((CaDatabaseNotice *) ca_database_get_notices (fixture->database)->pdata[0])->kind,
                   ==, CA_DATABASE_NOTICE_HISTORY_WAS_ALTERED);
}

/* Opening looks at the newest rows only, to stay quick on ten years of history: a row
 * deleted far back, its trigger put back as it was, is found by verify, which notes it so
 * that from then on every open says so. */
static void
test_old_row_found_by_verify (CaTestFixture *fixture,
                              gconstpointer  data)
{
  g_autofree char *problems = NULL;

  record (fixture->database, 200);
  tamper (fixture, "DROP TRIGGER change_history_no_delete;"
                   "DELETE FROM change_history WHERE id = 20;"
                   "CREATE TRIGGER change_history_no_delete BEFORE DELETE ON change_history\n"
                   "BEGIN\n"
                   "  SELECT RAISE (ABORT, 'the change history cannot be altered');\n"
                   "END;");
  reopen (fixture);
  assert_no_notices (fixture->database);

  problems = verify (fixture->database);
  g_assert_cmpstr (problems, ==,
                   "The change history should hold 200 rows but holds 199.\n"
                   "Row 20 of the change history has been deleted.\n");
  g_assert_cmpint (count_findings (fixture->database), ==, 2);

  reopen (fixture);
  g_assert_cmpuint (ca_database_get_notices (fixture->database)->len, ==, 1);
  g_clear_pointer (&problems, g_free);
  problems = verify (fixture->database);
  g_assert_nonnull (strstr (problems, "Row 20 of the change history has been deleted. Case "
                                      "Audit first noticed this on "));
  g_assert_nonnull (strstr (problems, "should hold 200 rows but holds 199."));
  g_assert_cmpint (count_findings (fixture->database), ==, 2);
}

/* Only the protection gone, no row touched: still said, and put back. */
static void
test_missing_trigger (CaTestFixture *fixture,
                      gconstpointer  data)
{
  static const char * const words[] = { "change_history_no_delete", "stops rows of the change "
                                        "history being deleted, has been removed", NULL };

  record (fixture->database, 3);
  tamper (fixture, "DROP TRIGGER change_history_no_delete");
  reopen (fixture);
  assert_altered (fixture->database, words);
  g_assert_true (has_trigger (fixture->database, "change_history_no_delete"));
  g_assert_false (ca_database_exec (fixture->database, "DELETE FROM change_history", NULL));
}

/* A trigger of someone else's on the history could rewrite each row as it is added. */
static void
test_foreign_trigger (CaTestFixture *fixture,
                      gconstpointer  data)
{
  static const char * const words[] = { "“sneaky”", "did not make", NULL };
  g_autofree char *problems = NULL;

  tamper (fixture, "CREATE TRIGGER sneaky AFTER INSERT ON change_history BEGIN SELECT 1; END");
  reopen (fixture);
  assert_altered (fixture->database, words);
  g_assert_false (has_trigger (fixture->database, "sneaky"));
  record (fixture->database, 2);
  problems = verify (fixture->database);
  g_assert_true (g_str_has_prefix (problems, "On "));
  g_assert_nonnull (strstr (problems, "“sneaky”"));
}

static void
assert_seal_follows (CaDatabase *database)
{
  g_assert_cmpint (ca_test_query_int (database, "SELECT row_count FROM change_history_seal"),
                   ==, ca_test_query_int (database, "SELECT count(*) FROM change_history"));
  g_assert_cmpint (ca_test_query_int (database, "SELECT last_id FROM change_history_seal"),
                   ==, ca_test_query_int (database, "SELECT max (id) FROM change_history"));
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM change_history_seal s "
                                                "JOIN change_history h ON h.id = s.last_id "
                                                "AND h.hash = s.last_hash"), ==, 1);
}

/* The head removed: put back from the rows there are, and the app goes on writing. */
static void
test_seal_removed (CaTestFixture *fixture,
                   gconstpointer  data)
{
  static const char * const words[] = { "record of where the change history ends", NULL };

  record (fixture->database, 5);
  tamper (fixture, "DROP TRIGGER change_history_seal_no_delete;"
                   "DELETE FROM change_history_seal;");
  reopen (fixture);
  assert_altered (fixture->database, words);
  g_assert_true (has_trigger (fixture->database, "change_history_seal_no_delete"));
  record (fixture->database, 2);
  assert_seal_follows (fixture->database);

  /* Even the table gone. */
  tamper (fixture, "DROP TABLE change_history_seal");
  reopen (fixture);
  assert_altered (fixture->database, words);
  record (fixture->database, 1);
  assert_seal_follows (fixture->database);
}

/* Rows added with the sqlite3 program, with no seal or a wrong one. */
static void
test_row_added (CaTestFixture *fixture,
                gconstpointer  data)
{
  static const char * const words[] = { "Row 4 ", "no seal", NULL };

  record (fixture->database, 3);
  tamper (fixture, "DROP TRIGGER change_history_seal_insert;"
                   "INSERT INTO change_history (changed_at, changed_by, entity, entity_id, "
                   "field, old_value, new_value) VALUES ('2021-01-01T00:00:00Z', 'someone', "
                   "'audit', 1, 'overall_grade', 'inadequate', 'good');");
  reopen (fixture);
  assert_altered (fixture->database, words);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, CaTestFixture, NULL, ca_test_fixture_set_up, func, ca_test_fixture_tear_down)

  g_test_add_func ("/history/hash-format", test_hash_format);
  ADD ("/history/chain", test_chain);
  ADD ("/history/changed-row", test_changed_row);
  ADD ("/history/deleted-row", test_deleted_row);
  ADD ("/history/reordered-rows", test_reordered_rows);
  ADD ("/history/newest-rows-deleted", test_newest_rows_deleted);
  ADD ("/history/old-row-found-by-verify", test_old_row_found_by_verify);
  ADD ("/history/missing-trigger", test_missing_trigger);
  ADD ("/history/foreign-trigger", test_foreign_trigger);
  ADD ("/history/seal-removed", test_seal_removed);
  ADD ("/history/row-added", test_row_added);

  return g_test_run ();
}
