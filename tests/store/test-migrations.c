// SPDX-License-Identifier: GPL-3.0-or-later
// Migrations from every earlier schema version: files made by hand, then opened by CaDatabase.

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "ca-bank-holidays.h"
#include "ca-database-private.h"
#include "ca-holiday-store.h"
#include "ca-stores.h"
#include "ca-test-fixture.h"

#define SCHEMA_PATH RESOURCE_BASE "/schema/"
#define CA_APPLICATION_ID 0x43614175

/* A little of everything version 1 holds, to find unchanged after the migrations. */
static const char version_1_rows[] =
  "INSERT INTO service_area (id, name) VALUES (1, 'Assessment & Intervention');"
  "INSERT INTO locality (id, name) VALUES (1, 'Dudley');"
  "INSERT INTO team (id, name, service_area_id, locality_id) VALUES (1, 'A&I Team 1', 1, 1);"
  "INSERT INTO staff (id, staff_ref, name, role_code, team_id) VALUES"
  "  (1, 'S001', 'Imran Shah', 'team-manager', 1), (2, 'S002', 'Zoe Walker', 'practitioner', 1);"
  "INSERT INTO case_file (id, case_ref, team_id, allocated_worker_id, open_date, legal_status)"
  "  VALUES (1, 'CA-000101', 1, 2, '2020-05-01', 'child-protection');"
  "INSERT INTO audit_tool (id, code, name) VALUES (100, 'old-tool', 'An old tool');"
  "INSERT INTO audit_tool_version (id, tool_id, version, definition, created_at)"
  "  VALUES (100, 100, 1, '{}', '2021-01-01T00:00:00Z');"
  "INSERT INTO audit (id, case_id, tool_version_id, auditor_id, status, allocated_on, due_date,"
  "                   overall_grade, category, review_due_at) VALUES"
  "  (1, 1, 100, 1, 'submitted', '2021-06-01', '2021-06-22', 'inadequate', 1,"
  "   '2021-06-12T09:00:00Z');"
  "INSERT INTO action (id, audit_id, description, owner_id, due_date) VALUES"
  "  (1, 1, 'See the child alone', 2, '2021-06-17');"
  "INSERT INTO change_history (changed_at, changed_by, entity, entity_id, field, old_value,"
  "                            new_value) VALUES"
  "  ('2021-06-01T10:00:00Z', 'tester', 'audit', 1, 'status', 'in-progress', 'submitted'),"
  "  ('2021-06-02T11:30:00Z', 'tester', 'action', 1, 'completed_on', NULL, '2021-06-02');";

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The migrations shipped, in order, as CaDatabase applies them. */
static GPtrArray *
list_migrations (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children (SCHEMA_PATH, 0, NULL);
  GPtrArray *migrations = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (names);
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".sql"))
      g_ptr_array_add (migrations, g_strdup (names[i]));
  g_ptr_array_sort (migrations, compare_names);
  return migrations;
}

static void
raw_exec (sqlite3    *handle,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
}

/* A file exactly as Case Audit at schema VERSION left it (with the same rows in it), made
 * without CaDatabase, which would bring it up to date. EXTRA_SQL runs last. */
static void
make_old_file (const char *path,
               guint       version,
               const char *extra_sql)
{
  g_autoptr(GPtrArray) migrations = list_migrations ();
  g_autofree char *pragma = NULL;
  sqlite3 *handle = NULL;

  g_assert_cmpuint (version, >=, 1);
  g_assert_cmpuint (version, <, migrations->len);
  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  raw_exec (handle, "PRAGMA foreign_keys = ON");
  for (guint i = 0; i < version; i++)
    {
      g_autofree char *resource = g_strconcat (SCHEMA_PATH, migrations->pdata[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, 0, NULL);
      g_autofree char *sql = NULL;

      g_assert_nonnull (bytes);
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      raw_exec (handle, sql);
      /* What a migration does beyond its SQL, as CaDatabase does it. */
      g_assert_cmpint (ca_database_run_migration_code (handle, migrations->pdata[i]), ==,
                       SQLITE_OK);
      /* The rows came with version 1, and every later version took them on as it came:
       * the history's seals (0007) among them. */
      if (i == 0)
        raw_exec (handle, version_1_rows);
    }
  if (extra_sql != NULL)
    raw_exec (handle, extra_sql);
  pragma = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u;",
                            CA_APPLICATION_ID, version);
  raw_exec (handle, pragma);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
}

static gint64
raw_query_int (const char *path,
               const char *sql)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return value;
}

static void
check_rows_intact (CaDatabase *database)
{
  g_autofree char *name = NULL;
  g_autofree char *review = NULL;
  g_autofree char *history = NULL;

  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM staff"), ==, 2);
  name = ca_test_query_text (database, "SELECT name FROM staff WHERE staff_ref = 'S002'");
  g_assert_cmpstr (name, ==, "Zoe Walker");
  review = ca_test_query_text (database, "SELECT review_due_at FROM audit WHERE id = 1");
  g_assert_cmpstr (review, ==, "2021-06-12T09:00:00Z");
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM action WHERE audit_id = 1"),
                   ==, 1);
  history = ca_test_query_text (database, "SELECT new_value FROM change_history "
                                          "WHERE entity = 'audit' AND entity_id = 1");
  g_assert_cmpstr (history, ==, "submitted");
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM change_history"), ==, 2);
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM audit_tool_version "
                                                "WHERE tool_id = 100"), ==, 1);
  /* Version 0006: every audit knows its tool, and an audit not yet done is no copy. */
  g_assert_cmpint (ca_test_query_int (database, "SELECT tool_id FROM audit WHERE id = 1"), ==,
                   100);
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM audit "
                                                "WHERE duplicate_of IS NOT NULL"), ==, 0);
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM import_value_mapping"),
                   ==, 0);
  /* Version 0014: a tool made before is an audit tool, and the Stage 2 moderation tool is
   * installed beside it, once, for moderations to record. */
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM audit_tool "
                                                "WHERE id = 100 AND kind = 'audit'"), ==, 1);
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM audit_tool t "
                                                "JOIN audit_tool_version v ON v.tool_id = t.id "
                                                "WHERE t.code = 'stage-2' AND "
                                                "t.kind = 'moderation'"), ==, 1);
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM moderation "
                                                "WHERE tool_version_id IS NOT NULL"), ==, 0);
}

/* The rows a file had before the history was chained are sealed as if written today,
 * the head records them, the protection is whole, and opening found nothing to say. */
static void
check_history_sealed (CaDatabase *database)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *head = NULL;

  first = ca_database_hash_history_row ("", 1, "2021-06-01T10:00:00Z", "tester", "audit", 1,
                                        "status", "in-progress", "submitted");
  second = ca_database_hash_history_row (first, 2, "2021-06-02T11:30:00Z", "tester", "action",
                                         1, "completed_on", NULL, "2021-06-02");
  stored = ca_test_query_text (database, "SELECT group_concat (hash, ' ') FROM "
                                         "(SELECT hash FROM change_history ORDER BY id)");
  head = g_strconcat (first, " ", second, NULL);
  g_assert_cmpstr (stored, ==, head);
  g_assert_cmpint (ca_test_query_int (database, "SELECT row_count FROM change_history_seal"),
                   ==, 2);
  g_clear_pointer (&stored, g_free);
  stored = ca_test_query_text (database, "SELECT last_hash FROM change_history_seal");
  g_assert_cmpstr (stored, ==, second);

  /* Made by hand with the usual umask, the file was made private; nothing else to say. */
  for (guint i = 0; i < ca_database_get_notices (database)->len; i++)
    g_assert_cmpint (((CaDatabaseNotice *) ca_database_get_notices (database)->pdata[i])->kind,
                     ==, CA_DATABASE_NOTICE_MADE_PRIVATE);
  problems = ca_database_verify (database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  /* Protected again after sealing. */
  g_assert_false (ca_database_exec (database, "UPDATE change_history SET hash = NULL", NULL));
  g_assert_false (ca_database_exec (database, "DELETE FROM change_history", NULL));
}

/* From each earlier version to the latest: the data survives and the new tables work. */
static void
test_from_every_version (void)
{
  g_autoptr(GPtrArray) migrations = list_migrations ();
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("case-audit-migrate-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_cmpint (ca_database_get_latest_version (), ==, (int) migrations->len);
  g_assert_cmpuint (migrations->len, >=, 2);

  for (guint version = 1; version < migrations->len; version++)
    {
      g_autofree char *name = g_strdup_printf ("v%u.db", version);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(CaDatabase) database = NULL;
      g_autoptr(CaDatabase) again = NULL;
      g_autoptr(CaHolidayCalendar) calendar = NULL;
      g_autoptr(CaHolidayCalendar) shipped = NULL;
      g_autoptr(GArray) stored_years = NULL;
      g_autoptr(GArray) shipped_years = NULL;
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_test_message ("from version %u", version);
      make_old_file (path, version, NULL);
      g_assert_cmpint (raw_query_int (path, "PRAGMA user_version"), ==, version);

      database = ca_stores_open (path, CA_DATABASE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ca_database_get_schema_version (database), ==, migrations->len);
      g_assert_cmpint (ca_test_query_int (database, "PRAGMA user_version"), ==,
                       migrations->len);
      check_rows_intact (database);
      check_history_sealed (database);

      /* Version 2: bank holidays; none stored, so the shipped list as it was. */
      g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM bank_holiday"), ==, 0);
      g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM bank_holiday_year"),
                       ==, 0);
      calendar = ca_holiday_store_load_calendar (database, &error);
      g_assert_no_error (error);
      shipped = ca_bank_holidays_load_default (&error);
      g_assert_no_error (error);
      stored_years = ca_holiday_calendar_get_table_years (calendar);
      shipped_years = ca_holiday_calendar_get_table_years (shipped);
      g_assert_cmpmem (stored_years->data, stored_years->len * sizeof (GDateYear),
                       shipped_years->data, shipped_years->len * sizeof (GDateYear));

      /* And reopening changes nothing more. */
      g_clear_object (&database);
      again = ca_stores_open (path, CA_DATABASE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      check_rows_intact (again);
      g_clear_object (&again);

      g_remove (path);
      g_remove (wal);
      g_remove (shm);
    }
  g_rmdir (folder);
}

/* All the migrations are one transaction: when one fails, the file is left at its old
 * version with none of the newer tables, never half-migrated. */
static void
test_failure_changes_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("case-audit-migrate-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "v1.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(CaDatabase) database = NULL;

  g_assert_no_error (error);
  /* A table in the way of 0002's second table, so 0002 fails after creating its first. */
  make_old_file (path, 1, "CREATE TABLE bank_holiday (something_else TEXT);");

  database = ca_stores_open (path, CA_DATABASE_OPEN_DEFAULT, &error);
  g_assert_null (database);
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "Could not update the database to version 2"));

  g_assert_cmpint (raw_query_int (path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM sqlite_schema "
                                        "WHERE name = 'bank_holiday_year'"), ==, 0);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM staff"), ==, 2);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM change_history"), ==, 2);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (folder);
}

/* The history is sealed in C inside the migrations' transaction: when that fails, the
 * file keeps its old version, with no seal column and its triggers as they were. */
static void
test_sealing_failure_changes_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) migrations = list_migrations ();
  g_autofree char *folder = g_dir_make_tmp ("case-audit-migrate-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "old.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(CaDatabase) database = NULL;
  guint version = 0;

  g_assert_no_error (error);
  while (version < migrations->len &&
         strcmp (migrations->pdata[version], "0007-history-chain.sql") < 0)
    version++;
  g_assert_cmpuint (version, <, migrations->len);

  /* Someone else's trigger refuses the UPDATE that writes the seals. */
  make_old_file (path, version,
                 "CREATE TRIGGER in_the_way BEFORE UPDATE ON change_history "
                 "BEGIN SELECT RAISE (ABORT, 'no'); END;");
  database = ca_stores_open (path, CA_DATABASE_OPEN_DEFAULT, &error);
  g_assert_null (database);
  g_assert_nonnull (error);

  g_assert_cmpint (raw_query_int (path, "PRAGMA user_version"), ==, version);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM pragma_table_info "
                                        "('change_history') WHERE name = 'hash'"), ==, 0);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = "
                                        "'change_history_no_update'"), ==, 1);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM change_history"), ==, 2);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (folder);
}

/* The number of migrations before NAME: a file at that version is one NAME has not seen. */
static guint
version_before (const char *name)
{
  g_autoptr(GPtrArray) migrations = list_migrations ();

  for (guint i = 0; i < migrations->len; i++)
    if (g_str_equal (migrations->pdata[i], name))
      return i;
  g_assert_not_reached ();
}

/* Audits stored twice by earlier versions (two imports at once) are neither deleted nor
 * merged: each later copy is marked with the first, and from then on no copy can be made. */
static void
test_audit_copies_kept (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("case-audit-migrate-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "copies.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *marks = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(CaStatement) copy = NULL;
  guint version = version_before ("0006-import-identity-and-mappings.sql");

  g_assert_no_error (error);
  g_assert_cmpuint (version, >=, 1);
  make_old_file (path, version,
    "INSERT INTO audit_tool_version (id, tool_id, version, definition, created_at)"
    "  VALUES (101, 100, 2, '{}', '2021-02-01T00:00:00Z');"
    "INSERT INTO audit (id, case_id, tool_version_id, auditor_id, status, allocated_on,"
    "                   audit_date, overall_grade) VALUES"
    "  (10, 1, 100, 1, 'closed', '2021-02-10', '2021-02-10', 'good'),"
    "  (11, 1, 100, 1, 'closed', '2021-02-10', '2021-02-10', 'good'),"
    "  (12, 1, 100, 1, 'closed', '2021-02-10', '2021-02-10', 'requires-improvement'),"
    "  (13, 1, 100, 2, 'closed', '2021-02-10', '2021-02-10', 'good'),"
    "  (14, 1, 101, 1, 'closed', '2021-02-10', '2021-02-10', 'good'),"
    "  (15, 1, 100, 1, 'closed', '2021-02-11', '2021-02-11', 'good'),"
    "  (16, 1, 100, 1, 'allocated', '2021-03-01', NULL, NULL),"
    "  (17, 1, 100, 1, 'allocated', '2021-03-01', NULL, NULL);"
    "INSERT INTO action (id, audit_id, description) VALUES (20, 12, 'Kept with its audit');");

  database = ca_stores_open (path, CA_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  /* Every row is still there, as it was; the copies of audit 10 (11, 12, and 14 with the
   * tool's second version) are marked; another auditor's audit, another day's and the
   * audits not yet done are not copies. */
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM audit"), ==, 9);
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM action WHERE id = 20 "
                                                "AND audit_id = 12"), ==, 1);
  marks = ca_test_query_text (database,
                              "SELECT group_concat (id || '>' || coalesce (duplicate_of, '-'), ' ') "
                              "FROM (SELECT id, duplicate_of FROM audit WHERE id >= 10 ORDER BY id)");
  g_assert_cmpstr (marks, ==, "10>- 11>10 12>10 13>- 14>10 15>- 16>- 17>-");
  g_assert_cmpint (ca_test_query_int (database, "SELECT tool_id FROM audit WHERE id = 14"), ==,
                   100);
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM audit WHERE id = 12 AND "
                                                "overall_grade = 'requires-improvement'"), ==, 1);

  /* No new copy, whichever version of the tool it names; and no row marks itself. */
  copy = ca_database_prepare (database,
                              "INSERT INTO audit (case_id, tool_version_id, auditor_id, status, "
                              "allocated_on, audit_date) VALUES (1, ?, 1, 'closed', "
                              "'2021-02-10', '2021-02-10')", &error);
  g_assert_no_error (error);
  for (gint64 version_id = 100; version_id <= 101; version_id++)
    {
      ca_statement_bind_int64 (copy, 1, version_id);
      g_assert_false (ca_statement_run (copy, &error));
      g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
      g_clear_error (&error);
      ca_statement_reset (copy);
    }
  g_assert_false (ca_database_exec (database, "UPDATE audit SET duplicate_of = 10 WHERE id = 15",
                                    &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  /* Moving an audit onto another's identity is refused too. */
  g_assert_false (ca_database_exec (database, "UPDATE audit SET audit_date = '2021-02-10' "
                                              "WHERE id = 15", &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM audit"), ==, 9);

  g_clear_pointer (&copy, ca_statement_free);
  g_clear_object (&database);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (folder);
}

/* Schema 0013: the audit's actions stay the audit's own (no moderation), a moderator's further
 * action names its moderation, goes with it, and its key is one of a kind in it. */
static void
test_moderation_actions (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("case-audit-migrate-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "moderation.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(CaDatabase) database = NULL;
  guint version = version_before ("0013-moderation-actions.sql");

  g_assert_no_error (error);
  make_old_file (path, version,
    "INSERT INTO moderation (id, audit_id, moderator_id, further_actions) VALUES"
    "  (5, 1, 1, 'Written as text before');");

  database = ca_stores_open (path, CA_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM action WHERE id = 1 "
                                                "AND moderation_id IS NULL "
                                                "AND moderation_key IS NULL"), ==, 1);
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM moderation WHERE id = 5 "
                                                "AND further_actions = 'Written as text before'"),
                   ==, 1);

  g_assert_true (ca_database_exec (database,
                                   "INSERT INTO action (id, audit_id, moderation_id, "
                                   "  moderation_key, description) "
                                   "VALUES (2, 1, 5, 'k1', 'Review the plan')", &error));
  g_assert_no_error (error);
  g_assert_false (ca_database_exec (database,
                                    "INSERT INTO action (audit_id, moderation_id, "
                                    "  moderation_key, description) "
                                    "VALUES (1, 5, 'k1', 'The same key again')", &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (ca_database_exec (database,
                                    "INSERT INTO action (audit_id, moderation_id, description) "
                                    "VALUES (1, 99, 'No such moderation')", &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_true (ca_database_exec (database, "DELETE FROM moderation WHERE id = 5", &error));
  g_assert_no_error (error);
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM action WHERE id = 2"), ==,
                   0);
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM action WHERE id = 1"), ==,
                   1);

  g_clear_object (&database);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (folder);
}

/* Schema 0015: a moderation panel's conclusions (a panel's alone) and the audits it reviewed,
 * one link a pair, going with the event or the audit. */
static void
test_moderation_panels (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("case-audit-migrate-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "panels.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(CaDatabase) database = NULL;
  guint version = version_before ("0015-moderation-panels.sql");

  g_assert_no_error (error);
  make_old_file (path, version,
    "INSERT INTO programme_event (id, kind, title, event_date, notes) VALUES"
    "  (10, 'moderation-panel', 'July panel', '2021-07-15', 'Room 2'),"
    "  (11, 'workshop', 'Workshop', '2021-07-20', NULL);");

  database = ca_stores_open (path, CA_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM programme_event "
                                                "WHERE conclusions IS NULL AND "
                                                "(id = 11 OR notes = 'Room 2')"), ==, 2);
  g_assert_true (ca_database_exec (database,
                                   "UPDATE programme_event SET conclusions = 'Clearer plans' "
                                   "WHERE id = 10", &error));
  g_assert_no_error (error);
  g_assert_false (ca_database_exec (database,
                                    "UPDATE programme_event SET conclusions = 'No' "
                                    "WHERE id = 11", &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_true (ca_database_exec (database,
                                   "INSERT INTO panel_audit (event_id, audit_id, added_at) "
                                   "VALUES (10, 1, '2021-07-15T10:00:00Z')", &error));
  g_assert_no_error (error);
  g_assert_false (ca_database_exec (database,
                                    "INSERT INTO panel_audit (event_id, audit_id, added_at) "
                                    "VALUES (10, 1, '2021-07-15T11:00:00Z')", &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (ca_database_exec (database,
                                    "INSERT INTO panel_audit (event_id, audit_id, added_at) "
                                    "VALUES (10, 99, '2021-07-15T11:00:00Z')", &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_true (ca_database_exec (database, "DELETE FROM programme_event WHERE id = 10",
                                   &error));
  g_assert_no_error (error);
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM panel_audit"), ==, 0);
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM audit WHERE id = 1"), ==,
                   1);

  g_clear_object (&database);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/migrations/from-every-version", test_from_every_version);
  g_test_add_func ("/migrations/failure-changes-nothing", test_failure_changes_nothing);
  g_test_add_func ("/migrations/sealing-failure-changes-nothing",
                   test_sealing_failure_changes_nothing);
  g_test_add_func ("/migrations/audit-copies-kept", test_audit_copies_kept);
  g_test_add_func ("/migrations/moderation-actions", test_moderation_actions);
  g_test_add_func ("/migrations/moderation-panels", test_moderation_panels);

  return g_test_run ();
}
