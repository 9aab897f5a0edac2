// SPDX-License-Identifier: GPL-3.0-or-later
// A real database file in a fresh temporary folder, with a small authority in it.

#include "config.h"

#include <glib/gstdio.h>

#include "ca-stores.h"
#include "ca-test-fixture.h"

void
ca_test_fixture_set_up (CaTestFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("case-audit-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->folder, "test.db", NULL);
  fixture->database = ca_stores_open (fixture->path, CA_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->database);
}

static void
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_chmod (path, 0600);
      g_remove (path);
    }
  g_rmdir (folder);
}

void
ca_test_fixture_tear_down (CaTestFixture *fixture,
                           gconstpointer  data)
{
  g_clear_object (&fixture->database);
  remove_folder (fixture->folder);
  g_clear_pointer (&fixture->folder, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

void
ca_test_exec (CaDatabase *database,
              const char *sql)
{
  g_autoptr(GError) error = NULL;

  ca_database_exec (database, sql, &error);
  g_assert_no_error (error);
}

gint64
ca_test_query_int (CaDatabase *database,
                   const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaStatement) stmt = ca_database_prepare (database, sql, &error);
  gboolean has_row = FALSE;

  g_assert_no_error (error);
  ca_statement_step (stmt, &has_row, &error);
  g_assert_no_error (error);
  g_assert_true (has_row);
  return ca_statement_get_int64 (stmt, 0);
}

char *
ca_test_query_text (CaDatabase *database,
                    const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaStatement) stmt = ca_database_prepare (database, sql, &error);
  gboolean has_row = FALSE;

  g_assert_no_error (error);
  ca_statement_step (stmt, &has_row, &error);
  g_assert_no_error (error);
  g_assert_true (has_row);
  return ca_statement_dup_text (stmt, 0);
}

CaDatabase *
ca_test_open_second (const char *path)
{
  g_autoptr(GError) error = NULL;
  CaDatabase *database = ca_stores_open (path, CA_DATABASE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (database);
  return database;
}

/* Two service areas, three teams, a small hierarchy, two cases and three audits. */
void
ca_test_fixture_add_rows (CaTestFixture *fixture)
{
  ca_test_exec (fixture->database,
    "INSERT INTO service_area (id, name) VALUES (1, 'Assessment & Intervention'), (2, 'Early Help');"
    "INSERT INTO locality (id, name) VALUES (1, 'Dudley'), (2, 'Halesowen');"
    "INSERT INTO team (id, name, service_area_id, locality_id) VALUES"
    "  (1, 'A&I Team 1', 1, 1), (2, 'A&I Team 2', 1, 2), (3, 'Early Help North', 2, 1);"
    "INSERT INTO staff (id, staff_ref, name, role_code, team_id, line_manager_id) VALUES"
    "  (1, 'S001', 'Hannah Price', 'head-of-service', NULL, NULL),"
    "  (2, 'S002', 'Imran Shah', 'team-manager', 1, 1),"
    "  (3, 'S003', 'Zoe Walker', 'practitioner', 1, 2),"
    "  (4, 'S004', 'Amrit Kaur', 'team-manager', 3, 1);"
    "INSERT INTO case_file (id, case_ref, team_id, allocated_worker_id, open_date, legal_status)"
    "  VALUES (1, 'CA-000101', 1, 3, '2020-05-01', 'child-protection'),"
    "         (2, 'CA-000102', 3, 3, '2021-01-11', 'early-help');"
    /* A tool of its own, clear of the built-in tools every database starts with. */
    "INSERT INTO audit_tool (id, code, name) VALUES (100, 'fixture', 'Stage 1 Good Practice');"
    "INSERT INTO audit_tool_version (id, tool_id, version, definition, created_at)"
    "  VALUES (100, 100, 1, '{}', '2021-01-01T00:00:00Z');"
    "INSERT INTO audit (id, case_id, tool_version_id, auditor_id, status, allocated_on,"
    "                   due_date, audit_date, overall_grade, category) VALUES"
    "  (1, 1, 100, 4, 'submitted', '2021-01-04', '2021-01-26', '2021-01-20', 'good', 4),"
    "  (2, 1, 100, 4, 'submitted', '2021-06-01', '2021-06-22', '2021-06-10', 'inadequate', 1),"
    "  (3, 2, 100, 2, 'allocated', '2021-07-01', '2021-07-22', NULL, NULL, NULL);"
    "INSERT INTO action (id, audit_id, description, owner_id, due_date) VALUES"
    "  (1, 2, 'Visit the child and see them alone', 2, '2021-06-17');"
    "INSERT INTO moderation (id, audit_id, moderator_id, moderated_on, overall_grade) VALUES"
    "  (1, 2, 1, '2021-06-20', 'inadequate');");
}
