// SPDX-License-Identifier: GPL-3.0-or-later
// The database's one worker: jobs off the main thread, one at a time in the order asked,
// writes seen by the main connection, failures and cancellation returned, the thread gone
// with the database.

#include "config.h"

#include <glib/gstdio.h>

#include "ca-database-worker.h"
#include "ca-stores.h"
#include "ca-test-fixture.h"

typedef struct
{
  GArray  *order;        /* indexes, as the jobs ran */
  GThread *main_thread;
  guint    running;      /* jobs running at once, at most: must stay 1 */
  guint    now_running;
  guint    answered;
} Seen;

typedef struct
{
  Seen  *seen;
  guint  index;
} Ask;

static gboolean
note_job (CaDatabase    *connection,
          gpointer       data,
          gpointer      *result,
          GCancellable  *cancellable,
          GError       **error)
{
  Ask *ask = data;

  g_assert_true (g_thread_self () != ask->seen->main_thread);
  /* Only the worker thread touches these while jobs run. */
  ask->seen->now_running++;
  ask->seen->running = MAX (ask->seen->running, ask->seen->now_running);
  g_usleep (200);
  g_array_append_val (ask->seen->order, ask->index);
  ask->seen->now_running--;
  *result = g_memdup2 (&ask->index, sizeof ask->index);
  return TRUE;
}

static void
noted_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Seen *seen = user_data;
  g_autoptr(GError) error = NULL;
  gpointer value = NULL;

  g_assert_true (g_thread_self () == seen->main_thread);
  g_assert_true (ca_database_run_finish (result, &value, &error));
  g_assert_no_error (error);
  /* Answers come back in the order asked, too. */
  g_assert_cmpuint (*(guint *) value, ==, seen->answered);
  seen->answered++;
  g_free (value);
}

static void
test_order (CaTestFixture *fixture,
            gconstpointer  data)
{
  Seen seen = { g_array_new (FALSE, FALSE, sizeof (guint)), g_thread_self (), 0, 0, 0 };

  for (guint i = 0; i < 100; i++)
    {
      Ask *ask = g_new0 (Ask, 1);

      ask->seen = &seen;
      ask->index = i;
      ca_database_run_async (fixture->database, note_job, ask, g_free, g_free, NULL,
                             noted_cb, &seen);
    }
  ca_database_wait_idle (fixture->database);
  g_assert_cmpuint (seen.order->len, ==, 100);
  for (guint i = 0; i < 100; i++)
    g_assert_cmpuint (g_array_index (seen.order, guint, i), ==, i);
  g_assert_cmpuint (seen.running, ==, 1);

  while (seen.answered < 100)
    g_main_context_iteration (NULL, TRUE);
  g_array_unref (seen.order);
}

static gboolean
write_job (CaDatabase    *connection,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(CaStatement) insert = NULL;

  if (!ca_database_begin (connection, error))
    return FALSE;
  insert = ca_database_prepare (connection,
                                "INSERT INTO service_area (name) VALUES (?)",
                                error);
  if (insert == NULL)
    {
      ca_database_rollback (connection);
      return FALSE;
    }
  ca_statement_bind_text (insert, 1, data);
  if (!ca_statement_run (insert, error))
    {
      ca_database_rollback (connection);
      return FALSE;
    }
  return ca_database_commit (connection, error);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GError **error = user_data;

  ca_database_run_finish (result, NULL, error);
  if (*error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "done");  /* marks "answered" */
}

static GError *
run_and_wait (CaDatabase    *database,
              CaDatabaseJob  job,
              gpointer       data,
              GCancellable  *cancellable)
{
  GError *error = NULL;

  ca_database_run_async (database, job, data, NULL, NULL, cancellable, done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  return error;
}

static void
test_write_seen (CaTestFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = run_and_wait (fixture->database, write_job, (gpointer) "Night team",
                                          NULL);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM service_area WHERE name = 'Night team'"),
                   ==, 1);
}

static void
test_failure (CaTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ca_test_exec (fixture->database, "INSERT INTO service_area (name) VALUES ('Twice')");
  /* The same name again: a constraint, rolled back, said as the store said it. */
  error = run_and_wait (fixture->database, write_job, (gpointer) "Twice", NULL);
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM service_area WHERE name = 'Twice'"),
                   ==, 1);
}

static gboolean
never_job (CaDatabase    *connection,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  g_assert_not_reached ();
}

static void
test_cancelled (CaTestFixture *fixture,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  error = run_and_wait (fixture->database, never_job, NULL, cancellable);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static guint
count_threads (void)
{
  g_autoptr(GDir) tasks = g_dir_open ("/proc/self/task", 0, NULL);
  guint n = 0;

  while (tasks != NULL && g_dir_read_name (tasks) != NULL)
    n++;
  return n;
}

static void
test_goes_with_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("case-audit-worker-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "test.db", NULL);
  CaDatabase *database = ca_stores_open (path, CA_DATABASE_OPEN_CREATE, &error);
  guint before = count_threads ();
  GError *answered;

  g_assert_no_error (error);
  answered = run_and_wait (database, write_job, (gpointer) "Last team", NULL);
  g_clear_error (&answered);
  g_assert_cmpuint (count_threads (), ==, before + 1);
  /* The last reference: the worker's thread ends, and its connection closes with it. */
  g_object_unref (database);
  g_assert_cmpuint (count_threads (), ==, before);
  g_assert_cmpint (g_remove (path), ==, 0);
  for (const char *const *end = (const char *const[]) { "-wal", "-shm", NULL }; *end; end++)
    {
      g_autofree char *other = g_strconcat (path, *end, NULL);
      g_remove (other);
    }
  g_rmdir (folder);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/database-worker/order", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_order, ca_test_fixture_tear_down);
  g_test_add ("/database-worker/write-seen", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_write_seen, ca_test_fixture_tear_down);
  g_test_add ("/database-worker/failure", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_failure, ca_test_fixture_tear_down);
  g_test_add ("/database-worker/cancelled", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_cancelled, ca_test_fixture_tear_down);
  g_test_add_func ("/database-worker/goes-with-database", test_goes_with_database);

  return g_test_run ();
}
