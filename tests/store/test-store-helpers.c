// SPDX-License-Identifier: GPL-3.0-or-later
// The helpers every store shares, on a real file: the row loop, one row by id, the
// transaction wrapper, the "sync child rows" diff, one record loaded by id on the worker, and
// an optional id bound.

#include "config.h"

#include "ca-database.h"
#include "ca-store-load.h"
#include "ca-store-rows.h"
#include "ca-test-fixture.h"

#define TEST_ERROR (g_quark_from_static_string ("test-store-helpers-error"))

static void
set_up (CaTestFixture *fixture,
        gconstpointer  data)
{
  ca_test_fixture_set_up (fixture, data);
  ca_test_exec (fixture->database,
                "CREATE TABLE helper_row (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                "INSERT INTO helper_row (key, value) VALUES ('a', '1'), ('b', '2'), ('c', '3');");
}

/* The table as "key=value;…", in key order. */
static char *
dump_rows (CaDatabase *database)
{
  return ca_test_query_text (database,
                             "SELECT group_concat(key || '=' || value, ';') "
                             "FROM (SELECT key, value FROM helper_row ORDER BY key)");
}

/* The row loop ------------------------------------------------------------------------ */

static void
test_next_reads_every_row (CaTestFixture *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);

  stmt = ca_database_prepare (fixture->database,
                              "SELECT key FROM helper_row ORDER BY key", &error);
  g_assert_no_error (error);
  while (ca_statement_next (stmt))
    g_string_append (seen, ca_statement_get_text (stmt, 0));
  g_assert_true (ca_statement_check (stmt, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seen->str, ==, "abc");
}

static void
test_next_without_rows (CaTestFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaStatement) stmt = NULL;
  guint n = 0;

  stmt = ca_database_prepare (fixture->database,
                              "SELECT key FROM helper_row WHERE key = 'none'", &error);
  g_assert_no_error (error);
  while (ca_statement_next (stmt))
    n++;
  g_assert_true (ca_statement_check (stmt, &error));
  g_assert_cmpuint (n, ==, 0);
}

/* A step that fails part-way (an integer overflow on the second row) ends the loop, and the
 * check hands on the engine's error; a reset forgets it. */
static void
test_next_failure_reaches_check (CaTestFixture *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaStatement) stmt = NULL;
  guint n = 0;

  stmt = ca_database_prepare (fixture->database,
                              "SELECT 1 UNION ALL SELECT abs(-9223372036854775807 - 1)", &error);
  g_assert_no_error (error);
  while (ca_statement_next (stmt))
    n++;
  g_assert_cmpuint (n, ==, 1);
  g_assert_false (ca_statement_next (stmt));
  g_assert_false (ca_statement_check (stmt, &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_FAILED);
  g_clear_error (&error);

  /* Handed on once. */
  g_assert_true (ca_statement_check (stmt, &error));
  g_assert_no_error (error);

  /* NULL for the error is allowed, as everywhere. */
  ca_statement_reset (stmt);
  while (ca_statement_next (stmt))
    ;
  g_assert_false (ca_statement_check (stmt, NULL));
}

/* One row by id ----------------------------------------------------------------------- */

static void
test_step_one (CaTestFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (fixture->database,
                              "SELECT value FROM helper_row WHERE key = ?", &error);
  g_assert_no_error (error);

  ca_statement_bind_text (stmt, 1, "b");
  g_assert_true (ca_statement_step_one (stmt, &error, TEST_ERROR, 7, "There is no row %s.", "b"));
  g_assert_no_error (error);
  g_assert_cmpstr (ca_statement_get_text (stmt, 0), ==, "2");

  ca_statement_reset (stmt);
  ca_statement_bind_text (stmt, 1, "z");
  g_assert_false (ca_statement_step_one (stmt, &error, TEST_ERROR, 7, "There is no row %s.", "z"));
  g_assert_error (error, TEST_ERROR, 7);
  g_assert_cmpstr (error->message, ==, "There is no row z.");
  g_clear_error (&error);

  ca_statement_reset (stmt);
  ca_statement_bind_text (stmt, 1, "z");
  g_assert_false (ca_statement_step_one (stmt, NULL, TEST_ERROR, 7, "There is no row."));
}

/* The transaction wrapper ------------------------------------------------------------- */

typedef struct
{
  const char *key;
  gboolean    fail;
  guint       n_calls;
} InsertWork;

static gboolean
insert_work (CaDatabase  *database,
             gpointer     user_data,
             GError     **error)
{
  InsertWork *work = user_data;
  g_autoptr(CaStatement) stmt = NULL;

  work->n_calls++;
  stmt = ca_database_prepare (database,
                              "INSERT INTO helper_row (key, value) VALUES (?, 'new')", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, work->key);
  if (!ca_statement_run (stmt, error))
    return FALSE;
  if (work->fail)
    {
      g_set_error_literal (error, TEST_ERROR, 1, "The work failed after writing.");
      return FALSE;
    }
  return TRUE;
}

static void
test_transaction_commits (CaTestFixture *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) second = ca_test_open_second (fixture->path);
  g_autofree char *rows = NULL;
  InsertWork work = { "d", FALSE, 0 };

  g_assert_true (ca_database_transaction (fixture->database, insert_work, &work, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (work.n_calls, ==, 1);

  /* Committed: another connection sees it. */
  rows = dump_rows (second);
  g_assert_cmpstr (rows, ==, "a=1;b=2;c=3;d=new");
}

static void
test_transaction_rolls_back (CaTestFixture *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  InsertWork work = { "d", TRUE, 0 };

  g_assert_false (ca_database_transaction (fixture->database, insert_work, &work, &error));
  g_assert_error (error, TEST_ERROR, 1);
  g_clear_error (&error);
  rows = dump_rows (fixture->database);
  g_assert_cmpstr (rows, ==, "a=1;b=2;c=3");

  /* Not left inside a transaction: the next one works. */
  work.fail = FALSE;
  g_assert_true (ca_database_transaction (fixture->database, insert_work, &work, &error));
  g_assert_no_error (error);
  g_clear_pointer (&rows, g_free);
  rows = dump_rows (fixture->database);
  g_assert_cmpstr (rows, ==, "a=1;b=2;c=3;d=new");
}

/* A failing statement inside the work (a duplicate key) rolls back what the work wrote
 * before it, and its error is the engine's. */
static gboolean
insert_two_work (CaDatabase  *database,
                 gpointer     user_data,
                 GError     **error)
{
  InsertWork first = { "e", FALSE, 0 };
  InsertWork again = { "a", FALSE, 0 };

  return insert_work (database, &first, error) && insert_work (database, &again, error);
}

static void
test_transaction_rolls_back_engine_error (CaTestFixture *fixture,
                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;

  g_assert_false (ca_database_transaction (fixture->database, insert_two_work, NULL, &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
  rows = dump_rows (fixture->database);
  g_assert_cmpstr (rows, ==, "a=1;b=2;c=3");
}

/* Inside an outer transaction it nests: its work is undone with the outer one. */
static void
test_transaction_nests (CaTestFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  InsertWork work = { "d", FALSE, 0 };

  g_assert_true (ca_database_begin (fixture->database, &error));
  g_assert_true (ca_database_transaction (fixture->database, insert_work, &work, &error));
  g_assert_no_error (error);
  ca_database_rollback (fixture->database);
  rows = dump_rows (fixture->database);
  g_assert_cmpstr (rows, ==, "a=1;b=2;c=3");
}

/* Syncing child rows ------------------------------------------------------------------ */

/* What the callbacks did, in order, and the failure to simulate. */
typedef struct
{
  CaDatabase *database;
  GString    *calls;
  const char *fail_on;   /* a key whose write fails */
} Sync;

static gboolean
write_row (Sync        *sync,
           const char  *what,
           const char  *key,
           const char  *value,
           const char  *sql,
           GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  g_string_append_printf (sync->calls, "%s %s;", what, key);
  stmt = ca_database_prepare (sync->database, sql, error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, key);
  if (value != NULL)
    ca_statement_bind_text (stmt, 2, value);
  if (!ca_statement_run (stmt, error))
    return FALSE;
  if (g_strcmp0 (sync->fail_on, key) == 0)
    {
      g_set_error (error, TEST_ERROR, 2, "Writing %s failed.", key);
      return FALSE;
    }
  return TRUE;
}

static gboolean
row_equal (gconstpointer key,
           gpointer      stored,
           gpointer      wanted,
           gpointer      user_data)
{
  return g_strcmp0 (stored, wanted) == 0;
}

static gboolean
row_insert (gconstpointer   key,
            gpointer        wanted,
            gpointer        user_data,
            GError        **error)
{
  return write_row (user_data, "insert", key, wanted,
                    "INSERT INTO helper_row (key, value) VALUES (?, ?)", error);
}

static gboolean
row_update (gconstpointer   key,
            gpointer        stored,
            gpointer        wanted,
            gpointer        user_data,
            GError        **error)
{
  return write_row (user_data, "update", key, wanted,
                    "UPDATE helper_row SET value = ?2 WHERE key = ?1", error);
}

static gboolean
row_remove (gconstpointer   key,
            gpointer        stored,
            gpointer        user_data,
            GError        **error)
{
  return write_row (user_data, "remove", key, NULL,
                    "DELETE FROM helper_row WHERE key = ?", error);
}

static const CaStoreRowsFuncs row_funcs = { row_equal, row_insert, row_update, row_remove };

static GHashTable *
read_stored (CaDatabase *database)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaStatement) stmt = NULL;
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  stmt = ca_database_prepare (database, "SELECT key, value FROM helper_row", &error);
  g_assert_no_error (error);
  while (ca_statement_next (stmt))
    g_hash_table_insert (rows, ca_statement_dup_text (stmt, 0), ca_statement_dup_text (stmt, 1));
  g_assert_true (ca_statement_check (stmt, &error));
  return rows;
}

typedef struct
{
  Sync       *sync;
  GHashTable *wanted;
} SyncWork;

static gboolean
sync_work (CaDatabase  *database,
           gpointer     user_data,
           GError     **error)
{
  SyncWork *work = user_data;
  g_autoptr(GHashTable) stored = read_stored (database);

  return ca_store_rows_sync (stored, work->wanted, &row_funcs, work->sync, error);
}

static GHashTable *
wanted_rows (void)
{
  GHashTable *wanted = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (wanted, "b", "2");    /* unchanged */
  g_hash_table_insert (wanted, "c", "30");   /* changed */
  g_hash_table_insert (wanted, "d", "4");    /* new; and "a" goes */
  return wanted;
}

static void
test_sync_writes_the_difference (CaTestFixture *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) wanted = wanted_rows ();
  g_autoptr(GString) calls = g_string_new (NULL);
  g_autofree char *rows = NULL;
  g_auto(GStrv) each = NULL;
  Sync sync = { fixture->database, calls, NULL };
  SyncWork work = { &sync, wanted };

  g_assert_true (ca_database_transaction (fixture->database, sync_work, &work, &error));
  g_assert_no_error (error);
  rows = dump_rows (fixture->database);
  g_assert_cmpstr (rows, ==, "b=2;c=30;d=4");

  /* Exactly the difference: one insert, one update, one removal, removals last. */
  each = g_strsplit (calls->str, ";", -1);
  g_assert_cmpuint (g_strv_length (each), ==, 4);
  g_assert_true (g_strv_contains ((const char * const *) each, "insert d"));
  g_assert_true (g_strv_contains ((const char * const *) each, "update c"));
  g_assert_cmpstr (each[2], ==, "remove a");

  /* Run again: nothing left to write. */
  g_string_truncate (calls, 0);
  g_assert_true (ca_database_transaction (fixture->database, sync_work, &work, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (calls->str, ==, "");
}

/* Without an equal function every row found in both is updated. */
static void
test_sync_without_equal (CaTestFixture *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) stored = read_stored (fixture->database);
  g_autoptr(GHashTable) wanted = wanted_rows ();
  g_autoptr(GString) calls = g_string_new (NULL);
  CaStoreRowsFuncs funcs = row_funcs;
  Sync sync = { fixture->database, calls, NULL };

  funcs.equal = NULL;
  g_assert_true (ca_store_rows_sync (stored, wanted, &funcs, &sync, &error));
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (calls->str, -1, "update b;"));
  g_assert_nonnull (g_strstr_len (calls->str, -1, "update c;"));
}

/* A callback that fails stops the sync, and the caller's transaction undoes it all. */
static void
test_sync_failure_changes_nothing (CaTestFixture *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) wanted = wanted_rows ();
  g_autoptr(GString) calls = g_string_new (NULL);
  g_autofree char *rows = NULL;
  Sync sync = { fixture->database, calls, "a" };
  SyncWork work = { &sync, wanted };

  g_assert_false (ca_database_transaction (fixture->database, sync_work, &work, &error));
  g_assert_error (error, TEST_ERROR, 2);
  rows = dump_rows (fixture->database);
  g_assert_cmpstr (rows, ==, "a=1;b=2;c=3");
}

/* Rows in order: matched by position. */
typedef struct
{
  GString *calls;
} OrderSync;

static gboolean
order_equal (gconstpointer key,
             gpointer      stored,
             gpointer      wanted,
             gpointer      user_data)
{
  return g_strcmp0 (stored, wanted) == 0;
}

static gboolean
order_insert (gconstpointer   key,
              gpointer        wanted,
              gpointer        user_data,
              GError        **error)
{
  g_string_append_printf (((OrderSync *) user_data)->calls, "insert %u %s;",
                          GPOINTER_TO_UINT (key), (char *) wanted);
  return TRUE;
}

static gboolean
order_update (gconstpointer   key,
              gpointer        stored,
              gpointer        wanted,
              gpointer        user_data,
              GError        **error)
{
  g_string_append_printf (((OrderSync *) user_data)->calls, "update %u %s>%s;",
                          GPOINTER_TO_UINT (key), (char *) stored, (char *) wanted);
  return TRUE;
}

static gboolean
order_remove (gconstpointer   key,
              gpointer        stored,
              gpointer        user_data,
              GError        **error)
{
  g_string_append_printf (((OrderSync *) user_data)->calls, "remove %u %s;",
                          GPOINTER_TO_UINT (key), (char *) stored);
  if (g_strcmp0 (stored, "fail") == 0)
    {
      g_set_error_literal (error, TEST_ERROR, 3, "Removing failed.");
      return FALSE;
    }
  return TRUE;
}

static const CaStoreRowsFuncs order_funcs = { order_equal, order_insert, order_update, order_remove };

static char *
sync_in_order (const char * const *stored_rows,
               const char * const *wanted_rows,
               gboolean           *ok)
{
  g_autoptr(GPtrArray) stored = g_ptr_array_new ();
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  OrderSync sync = { g_string_new (NULL) };

  for (guint i = 0; stored_rows[i] != NULL; i++)
    g_ptr_array_add (stored, (gpointer) stored_rows[i]);
  for (guint i = 0; wanted_rows[i] != NULL; i++)
    g_ptr_array_add (wanted, (gpointer) wanted_rows[i]);
  *ok = ca_store_rows_sync_in_order (stored, wanted, &order_funcs, &sync, &error);
  g_assert_true (*ok == (error == NULL));
  return g_string_free (sync.calls, FALSE);
}

static void
test_sync_in_order (CaTestFixture *fixture,
                    gconstpointer  data)
{
  const char *three[] = { "x", "y", "z", NULL };
  const char *fewer[] = { "x", "Y", NULL };
  const char *more[] = { "x", "y", "z", "w", "v", NULL };
  const char *none[] = { NULL };
  const char *failing[] = { "x", "fail", "z", NULL };
  gboolean ok;
  g_autofree char *a = sync_in_order (three, fewer, &ok);
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;
  g_autofree char *e = NULL;

  g_assert_true (ok);
  g_assert_cmpstr (a, ==, "update 1 y>Y;remove 2 z;");
  b = sync_in_order (three, more, &ok);
  g_assert_true (ok);
  g_assert_cmpstr (b, ==, "insert 3 w;insert 4 v;");
  c = sync_in_order (none, fewer, &ok);
  g_assert_cmpstr (c, ==, "insert 0 x;insert 1 Y;");
  d = sync_in_order (three, none, &ok);
  g_assert_cmpstr (d, ==, "remove 0 x;remove 1 y;remove 2 z;");

  /* A failure stops at once. */
  e = sync_in_order (failing, none, &ok);
  g_assert_false (ok);
  g_assert_cmpstr (e, ==, "remove 0 x;remove 1 fail;");
}

/* An optional id: 0 is bound as NULL, any other id as itself. */
static void
test_bind_id (CaTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaStatement) stmt = NULL;
  gboolean has_row = FALSE;

  stmt = ca_database_prepare (fixture->database, "SELECT ?1 IS NULL, ?2", &error);
  g_assert_no_error (error);
  ca_statement_bind_id (stmt, 1, 0);
  ca_statement_bind_id (stmt, 2, 7);
  g_assert_true (ca_statement_step (stmt, &has_row, &error));
  g_assert_no_error (error);
  g_assert_true (has_row);
  g_assert_cmpint (ca_statement_get_int64 (stmt, 0), ==, 1);
  g_assert_cmpint (ca_statement_get_int64 (stmt, 1), ==, 7);
}

/* One record by id on the worker ---------------------------------------------------- */

/* The value of helper_row's row number ID (by rowid), or NULL with an error. */
static gpointer
load_value (CaDatabase  *database,
            gint64       id,
            GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (database, "SELECT value FROM helper_row WHERE rowid = ?", error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_int64 (stmt, 1, id);
  if (!ca_statement_step_one (stmt, error, TEST_ERROR, 1, "no row %" G_GINT64_FORMAT, id))
    return NULL;
  return ca_statement_dup_text (stmt, 0);
}

typedef struct
{
  gboolean  done;
  char     *value;
  GError   *error;
} Loaded;

static void
value_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Loaded *loaded = user_data;

  loaded->value = ca_store_load_finish (result, &loaded->error);
  loaded->done = TRUE;
}

static void
test_load_async (CaTestFixture *fixture,
                 gconstpointer  data)
{
  Loaded found = { FALSE, NULL, NULL };
  Loaded missing = { FALSE, NULL, NULL };

  ca_store_load_async (fixture->database, load_value, 2, g_free, NULL, value_loaded_cb, &found);
  ca_store_load_async (fixture->database, load_value, 42, g_free, NULL, value_loaded_cb,
                       &missing);
  while (!found.done || !missing.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (found.error);
  g_assert_cmpstr (found.value, ==, "2");
  g_assert_error (missing.error, TEST_ERROR, 1);
  g_assert_null (missing.value);
  g_free (found.value);
  g_clear_error (&missing.error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, CaTestFixture, NULL, set_up, func, ca_test_fixture_tear_down)

  ADD ("/store-helpers/next/every-row", test_next_reads_every_row);
  ADD ("/store-helpers/next/no-rows", test_next_without_rows);
  ADD ("/store-helpers/next/failure", test_next_failure_reaches_check);
  ADD ("/store-helpers/step-one", test_step_one);
  ADD ("/store-helpers/bind-id", test_bind_id);
  ADD ("/store-helpers/transaction/commits", test_transaction_commits);
  ADD ("/store-helpers/transaction/rolls-back", test_transaction_rolls_back);
  ADD ("/store-helpers/transaction/engine-error", test_transaction_rolls_back_engine_error);
  ADD ("/store-helpers/transaction/nests", test_transaction_nests);
  ADD ("/store-helpers/sync/difference", test_sync_writes_the_difference);
  ADD ("/store-helpers/sync/without-equal", test_sync_without_equal);
  ADD ("/store-helpers/sync/failure", test_sync_failure_changes_nothing);
  ADD ("/store-helpers/sync/in-order", test_sync_in_order);
  ADD ("/store-helpers/load-async", test_load_async);

  return g_test_run ();
}
