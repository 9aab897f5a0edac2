// SPDX-License-Identifier: GPL-3.0-or-later
// CaDatabase against real files: migrations, refusals, transactions, history, concurrency.

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ca-demo.h"
#include "ca-stores.h"
#include "ca-test-fixture.h"

static char *
checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, length);
}

static void
test_migrate_from_empty (CaTestFixture *fixture,
                         gconstpointer  data)
{
  g_autofree char *mode = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) again = NULL;
  struct stat st;

  g_assert_cmpint (ca_database_get_latest_version (), >=, 1);
  g_assert_cmpint (ca_database_get_schema_version (fixture->database), ==,
                   ca_database_get_latest_version ());

  /* Private to its owner from the start (R-M5). */
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  mode = ca_test_query_text (fixture->database, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (ca_test_query_int (fixture->database, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM role WHERE quota IS NOT NULL"), >, 5);

  /* Reopening runs nothing again. */
  again = ca_stores_open (fixture->path, CA_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ca_database_get_schema_version (again), ==,
                   ca_database_get_latest_version ());
}

static void
test_constraints (CaTestFixture *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ca_test_fixture_add_rows (fixture);

  /* A team in a service area that does not exist: foreign keys are enforced. */
  g_assert_false (ca_database_exec (fixture->database,
                                    "INSERT INTO team (name, service_area_id, locality_id) "
                                    "VALUES ('Nowhere', 99, 1)", &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* Category 1 needs an overall Inadequate. */
  g_assert_false (ca_database_exec (fixture->database,
                                    "UPDATE audit SET category = 1 WHERE id = 1", &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* A case cannot close before it opened. */
  g_assert_false (ca_database_exec (fixture->database,
                                    "UPDATE case_file SET close_date = '2019-01-01' WHERE id = 1",
                                    &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
}

static void
test_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("case-audit-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "absent.db", NULL);
  g_autofree char *deep = g_build_filename (folder, "no", "such", "folder", "x.db", NULL);
  g_autoptr(CaDatabase) database = NULL;

  database = ca_stores_open (path, CA_DATABASE_OPEN_DEFAULT, &error);
  g_assert_null (database);
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  database = ca_stores_open (deep, CA_DATABASE_OPEN_CREATE, &error);
  g_assert_null (database);
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NO_FOLDER);
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_clear_error (&error);

  database = ca_stores_open (folder, CA_DATABASE_OPEN_CREATE, &error);
  g_assert_null (database);
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_FOUND);

  g_rmdir (folder);
}

static void
test_corrupt (CaTestFixture *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->folder, "garbage.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  GString *garbage = g_string_new (NULL);

  for (guint i = 0; i < 8192; i++)
    g_string_append_c (garbage, (char) (i * 7919 % 251));
  g_assert_true (g_file_set_contents (path, garbage->str, garbage->len, NULL));
  g_string_free (garbage, TRUE);
  before = checksum_file (path);

  database = ca_stores_open (path, CA_DATABASE_OPEN_DEFAULT, &error);
  g_assert_null (database);
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "backup"));

  after = checksum_file (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_newer (CaTestFixture *fixture,
            gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;

  ca_test_exec (fixture->database, "PRAGMA user_version = 999; PRAGMA wal_checkpoint(TRUNCATE)");
  g_clear_object (&fixture->database);
  before = checksum_file (fixture->path);

  database = ca_stores_open (fixture->path, CA_DATABASE_OPEN_DEFAULT, &error);
  g_assert_null (database);
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));

  after = checksum_file (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_foreign (CaTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;

  /* Another program's database: has tables, but not our application id. */
  ca_test_exec (fixture->database, "PRAGMA application_id = 0; PRAGMA user_version = 0");
  g_clear_object (&fixture->database);

  database = ca_stores_open (fixture->path, CA_DATABASE_OPEN_DEFAULT, &error);
  g_assert_null (database);
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_CASE_AUDIT);
}

static gboolean
open_is_refused_read_only (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = ca_stores_open (path, CA_DATABASE_OPEN_DEFAULT, &error);

  return database == NULL &&
         g_error_matches (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_READ_ONLY) &&
         strstr (error->message, "read-only") != NULL;
}

static void
test_read_only (CaTestFixture *fixture,
                gconstpointer  data)
{
  int status = 0;
  pid_t child;

  ca_test_exec (fixture->database, "PRAGMA wal_checkpoint(TRUNCATE)");
  g_clear_object (&fixture->database);
  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);

  if (geteuid () != 0)
    {
      g_assert_true (open_is_refused_read_only (fixture->path));
      return;
    }

  /* root writes through file modes (as CI runs), so try as an ordinary user. */
  g_assert_cmpint (g_chmod (fixture->folder, 0755), ==, 0);
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      if (setgid (65534) != 0 || setuid (65534) != 0)
        _exit (2);
      _exit (open_is_refused_read_only (fixture->path) ? 0 : 1);
    }
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
test_locked (CaTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) other = NULL;
  g_autofree char *status = NULL;

  ca_test_fixture_add_rows (fixture);
  other = ca_database_open_another (fixture->database, &error);
  g_assert_no_error (error);

  /* The other connection holds the write lock past our busy timeout. */
  g_assert_true (ca_database_begin (other, &error));
  g_assert_false (ca_database_update_tracked (fixture->database, "audit", 3, "status",
                                              "in-progress", &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "busy"));
  ca_database_rollback (other);

  status = ca_test_query_text (fixture->database, "SELECT status FROM audit WHERE id = 3");
  g_assert_cmpstr (status, ==, "allocated");
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM change_history"), ==, 0);
}

static void
test_transactions_nest (CaTestFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ca_test_fixture_add_rows (fixture);

  g_assert_true (ca_database_begin (fixture->database, &error));
  ca_test_exec (fixture->database, "DELETE FROM moderation");
  g_assert_true (ca_database_begin (fixture->database, &error));
  ca_test_exec (fixture->database, "DELETE FROM action");
  ca_database_rollback (fixture->database);
  g_assert_true (ca_database_commit (fixture->database, &error));
  g_assert_no_error (error);

  /* The inner rollback undid only its own part. */
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count(*) FROM action"), ==, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count(*) FROM moderation"), ==, 0);
}

static void
test_history (CaTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaStatement) stmt = NULL;
  gboolean has_row = FALSE;

  ca_test_fixture_add_rows (fixture);
  ca_database_set_user (fixture->database, "lead.auditor");

  g_assert_true (ca_database_update_tracked (fixture->database, "audit", 1, "overall_grade",
                                             "requires-improvement", &error));
  g_assert_true (ca_database_update_tracked (fixture->database, "audit", 1, "category",
                                             "3", &error));
  g_assert_true (ca_database_update_tracked (fixture->database, "action", 1, "completed_on",
                                             "2021-06-15", &error));
  /* The same value again changes nothing, so records nothing. */
  g_assert_true (ca_database_update_tracked (fixture->database, "audit", 1, "category",
                                             "3", &error));
  g_assert_no_error (error);

  stmt = ca_database_prepare (fixture->database,
                              "SELECT changed_by, entity, entity_id, field, old_value, new_value, "
                              "changed_at FROM change_history ORDER BY id", &error);
  g_assert_no_error (error);

  g_assert_true (ca_statement_step (stmt, &has_row, &error) && has_row);
  g_assert_cmpstr (ca_statement_get_text (stmt, 0), ==, "lead.auditor");
  g_assert_cmpstr (ca_statement_get_text (stmt, 1), ==, "audit");
  g_assert_cmpint (ca_statement_get_int64 (stmt, 2), ==, 1);
  g_assert_cmpstr (ca_statement_get_text (stmt, 3), ==, "overall_grade");
  g_assert_cmpstr (ca_statement_get_text (stmt, 4), ==, "good");
  g_assert_cmpstr (ca_statement_get_text (stmt, 5), ==, "requires-improvement");
  g_assert_true (g_str_has_suffix (ca_statement_get_text (stmt, 6), "Z"));

  g_assert_true (ca_statement_step (stmt, &has_row, &error) && has_row);
  g_assert_cmpstr (ca_statement_get_text (stmt, 3), ==, "category");
  g_assert_cmpstr (ca_statement_get_text (stmt, 4), ==, "4");
  g_assert_cmpstr (ca_statement_get_text (stmt, 5), ==, "3");

  g_assert_true (ca_statement_step (stmt, &has_row, &error) && has_row);
  g_assert_cmpstr (ca_statement_get_text (stmt, 1), ==, "action");
  g_assert_null (ca_statement_get_text (stmt, 4));
  g_assert_cmpstr (ca_statement_get_text (stmt, 5), ==, "2021-06-15");

  g_assert_true (ca_statement_step (stmt, &has_row, &error));
  g_assert_false (has_row);

  /* Append-only: the history cannot be edited or deleted, even with raw SQL. */
  g_assert_false (ca_database_exec (fixture->database,
                                    "UPDATE change_history SET new_value = 'good'", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (ca_database_exec (fixture->database, "DELETE FROM change_history", &error));
  g_assert_nonnull (error);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM change_history"), ==, 3);
}

static void
test_history_failed_change (CaTestFixture *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ca_test_fixture_add_rows (fixture);

  /* Refused by a constraint: neither the value nor a history row is written. */
  g_assert_false (ca_database_update_tracked (fixture->database, "audit", 1, "category", "1",
                                              &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT category FROM audit WHERE id = 1"), ==, 4);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM change_history"), ==, 0);

  g_assert_false (ca_database_update_tracked (fixture->database, "audit", 999, "status",
                                              "submitted", &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_FOUND);
}

#define N_WRITES 150

static gpointer
write_thread (gpointer data)
{
  CaDatabase *database = data;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_WRITES; i++)
    {
      g_autofree char *value = g_strdup_printf ("%s %u", ca_database_get_user (database), i);

      if (!ca_database_update_tracked (database, "audit", 1, "comments", value, &error))
        g_error ("write %u failed: %s", i, error->message);
    }
  return NULL;
}

static void
test_two_writers (CaTestFixture *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) first = NULL;
  g_autoptr(CaDatabase) second = NULL;
  g_autoptr(CaStatement) stmt = NULL;
  g_autofree char *previous = NULL;
  GThread *threads[2];
  gboolean has_row = FALSE;
  guint n_rows = 0;

  ca_test_fixture_add_rows (fixture);
  first = ca_database_open_another (fixture->database, &error);
  g_assert_no_error (error);
  second = ca_database_open_another (fixture->database, &error);
  g_assert_no_error (error);
  ca_database_set_user (first, "first");
  ca_database_set_user (second, "second");

  threads[0] = g_thread_new ("first", write_thread, first);
  threads[1] = g_thread_new ("second", write_thread, second);
  g_thread_join (threads[0]);
  g_thread_join (threads[1]);

  /* Every write is in the history, and each one's old value is the value the one before
   * it wrote: no write was based on a stale read, so none was lost. */
  stmt = ca_database_prepare (fixture->database,
                              "SELECT old_value, new_value FROM change_history "
                              "WHERE entity = 'audit' AND field = 'comments' ORDER BY id", &error);
  g_assert_no_error (error);
  while (ca_statement_step (stmt, &has_row, &error) && has_row)
    {
      g_assert_cmpstr (ca_statement_get_text (stmt, 0), ==, previous);
      g_free (previous);
      previous = ca_statement_dup_text (stmt, 1);
      n_rows++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 2 * N_WRITES);

  /* Two writers at once still make one unbroken chain. */
  {
    g_autoptr(GPtrArray) problems = ca_database_verify (fixture->database, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

/* What another program does between the window's writes: opens the file, reads, closes.
 * A real program, not a fork: a forked child shares SQLite's memory of the parent's locks. */
static gint64
count_in_another_process (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  const char *argv[] = { "sqlite3", path, "SELECT count(*) FROM kept", NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &output, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_ascii_strtoll (output, NULL, 10);
}

/* GTK's file chooser, in the app's own process, opens and closes each file it lists to
 * sniff its type, and a close drops every POSIX lock the process holds on the file. Then
 * another program that closed its connection took itself for the last one, checkpointed
 * and deleted the write-ahead log, and the window's next commit went into a deleted file. */
static void
test_files_held (CaTestFixture *fixture,
                 gconstpointer  data)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autoptr(GError) error = NULL;

  g_assert_true (ca_database_hold_files (fixture->database, &error));
  g_assert_no_error (error);
  ca_test_exec (fixture->database, "CREATE TABLE kept (x); INSERT INTO kept VALUES (1)");

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (fixture->path, suffixes[i], NULL);
      char buffer[64];
      int fd = g_open (name, O_RDONLY | O_CLOEXEC, 0);

      g_assert_cmpint (fd, >=, 0);
      g_assert_cmpint (read (fd, buffer, sizeof buffer), >, 0);
      close (fd);
    }
  g_assert_cmpint (count_in_another_process (fixture->path), ==, 1);

  ca_test_exec (fixture->database, "INSERT INTO kept VALUES (2)");
  g_assert_cmpint (count_in_another_process (fixture->path), ==, 2);

  /* Holding twice is harmless, and the file is still whole once the window lets go. */
  g_assert_true (ca_database_hold_files (fixture->database, &error));
  g_clear_object (&fixture->database);
  g_assert_cmpint (count_in_another_process (fixture->path), ==, 2);
  {
    g_autofree char *log = g_strconcat (fixture->path, "-wal", NULL);
    struct stat st;

    /* Checkpointed as the window let go: the file alone holds every commit. */
    g_assert_cmpint (g_stat (log, &st), ==, 0);
    g_assert_cmpint (st.st_size, ==, 0);
  }
}

static void
test_discard_if_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("case-audit-discard-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "new.db", NULL);
  CaDatabase *database = ca_stores_open (path, CA_DATABASE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  ca_database_discard_if_new (&database);
  g_assert_null (database);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* A file that was there before is only closed. */
  database = ca_stores_open (path, CA_DATABASE_OPEN_CREATE, &error);
  g_clear_object (&database);
  database = ca_stores_open (path, CA_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  ca_database_discard_if_new (&database);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  g_unlink (path);
  g_rmdir (folder);
}

static guint
file_mode (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* Made by another program with the usual umask: the file, and the log and index another
 * program left beside it, readable by everyone. */
static void
test_made_private (CaTestFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  GPtrArray *notices;
  sqlite3 *handle = NULL;
  int persist = 1;
  mode_t mask;

  g_clear_object (&fixture->database);
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);
  mask = umask (022);
  g_assert_cmpint (sqlite3_open (fixture->path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_file_control (handle, "main", SQLITE_FCNTL_PERSIST_WAL, &persist), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "CREATE TABLE other (x); INSERT INTO other VALUES (1)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
  umask (mask);
  g_assert_cmpuint (file_mode (wal), ==, 0644);
  g_assert_cmpuint (file_mode (shm), ==, 0644);

  fixture->database = ca_stores_open (fixture->path, CA_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (fixture->path), ==, 0600);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);
  notices = ca_database_get_notices (fixture->database);
  g_assert_cmpuint (notices->len, ==, 1);
  g_assert_cmpint (((CaDatabaseNotice *) notices->pdata[0])->kind, ==,
                   CA_DATABASE_NOTICE_MADE_PRIVATE);
  g_assert_nonnull (strstr (((CaDatabaseNotice *) notices->pdata[0])->message,
                            "readable by you only"));

  /* Said once: the next open finds nothing to do. */
  g_clear_object (&fixture->database);
  fixture->database = ca_stores_open (fixture->path, CA_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ca_database_get_notices (fixture->database)->len, ==, 0);
}

static gboolean
open_is_refused_not_private (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = ca_stores_open (path, CA_DATABASE_OPEN_DEFAULT, &error);

  return database == NULL &&
         g_error_matches (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_PRIVATE) &&
         strstr (error->message, "chmod 600") != NULL;
}

/* Another account's file that anyone may read and write: it cannot be made private by
 * whoever opens it, so it is refused with what to do. Needs a second account: run as root,
 * as CI runs, the test opens it as "nobody". */
static void
test_not_private_refused (CaTestFixture *fixture,
                          gconstpointer  data)
{
  int status = 0;
  pid_t child;

  if (geteuid () != 0)
    {
      g_test_skip ("needs root, to open a file as another account");
      return;
    }

  ca_test_exec (fixture->database, "PRAGMA wal_checkpoint(TRUNCATE)");
  g_clear_object (&fixture->database);
  g_assert_cmpint (g_chmod (fixture->path, 0666), ==, 0);
  g_assert_cmpint (g_chmod (fixture->folder, 0777), ==, 0);

  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      if (setgid (65534) != 0 || setuid (65534) != 0)
        _exit (2);
      _exit (open_is_refused_not_private (fixture->path) ? 0 : 1);
    }
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpuint (file_mode (fixture->path), ==, 0666);
}

/* A device or a pipe is no place for a database: said so, and no hang on a FIFO. */
static void
test_not_a_file (CaTestFixture *fixture,
                 gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (fixture->folder, "fifo", NULL);
  const char *paths[] = { "/dev/null", fifo };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CaDatabase) database = ca_stores_open (paths[i], CA_DATABASE_OPEN_CREATE,
                                                       &error);

      g_assert_null (database);
      g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_A_FILE);
      g_assert_nonnull (strstr (error->message, "not a file"));
    }
}

/* Fills a new database past a file-size limit, as a full disk would stop it; in a child,
 * so the limit is its own. 0 when the error was the plain one, no warning was logged (the
 * test runs with fatal warnings) and nothing was left behind. */
static int
fill_past_limit (const char *folder)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (folder, "full.db", NULL);
  CaDatabase *database;
  CaDemoOptions options;
  struct rlimit limit = { 4 << 20, 4 << 20 };
  g_autoptr(GDir) dir = NULL;

  /* A write past the limit then fails with EFBIG instead of killing the process. */
  signal (SIGXFSZ, SIG_IGN);
  if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
    return 2;

  database = ca_stores_open (path, CA_DATABASE_OPEN_CREATE, &error);
  if (database == NULL)
    return 3;
  ca_demo_options_init (&options);
  options.until_year = 2021;
  options.until_month = 6;
  if (ca_demo_generate (database, &options, NULL, NULL, NULL, &error))
    return 4;
  ca_database_discard_if_new (&database);
  if (!g_error_matches (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_FULL) ||
      strstr (error->message, "free some space and try again; nothing was changed") == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 5;
    }
  if (!ca_database_error_is_about_storage (error))
    return 6;

  dir = g_dir_open (folder, 0, NULL);
  if (dir == NULL || g_dir_read_name (dir) != NULL)
    return 7;
  return 0;
}

static void
test_full_disk (void)
{
  g_autofree char *folder = g_dir_make_tmp ("case-audit-full-XXXXXX", NULL);
  int status = 0;
  pid_t child;

  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    _exit (fill_past_limit (folder));
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

static void
test_default_path (void)
{
  g_autofree char *path = ca_database_prepare_default_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "case-audit",
                                                "case-audit.db", NULL);
  struct stat st;

  /* The folder is made before the file, and private to its owner (R-M5). */
  g_assert_cmpstr (path, ==, expected);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_true (S_ISDIR (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("case-audit-data-XXXXXX", NULL);
  int status;

  /* Before anything asks GLib for it: the default database's folder goes here. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/database/default-path", test_default_path);

#define ADD(path, func) \
  g_test_add (path, CaTestFixture, NULL, ca_test_fixture_set_up, func, ca_test_fixture_tear_down)

  ADD ("/database/migrate-from-empty", test_migrate_from_empty);
  ADD ("/database/constraints", test_constraints);
  g_test_add_func ("/database/missing", test_missing);
  ADD ("/database/corrupt", test_corrupt);
  ADD ("/database/newer", test_newer);
  ADD ("/database/foreign", test_foreign);
  ADD ("/database/read-only", test_read_only);
  ADD ("/database/locked", test_locked);
  ADD ("/database/transactions-nest", test_transactions_nest);
  ADD ("/database/history", test_history);
  ADD ("/database/history-failed-change", test_history_failed_change);
  ADD ("/database/two-writers", test_two_writers);
  ADD ("/database/files-held", test_files_held);
  g_test_add_func ("/database/discard-if-new", test_discard_if_new);
  ADD ("/database/made-private", test_made_private);
  ADD ("/database/not-private-refused", test_not_private_refused);
  ADD ("/database/not-a-file", test_not_a_file);
  g_test_add_func ("/database/full-disk", test_full_disk);

  status = g_test_run ();
  g_rmdir (data_home);
  return status;
}
