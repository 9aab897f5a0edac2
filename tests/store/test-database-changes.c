// SPDX-License-Identifier: GPL-3.0-or-later
// Change notification: CaDatabase::changed after a commit, on the main thread, once per
// kind with the ids de-duplicated; nothing for a rollback; another process's commit told with
// its own notes (read from change_note), or as CA_CHANGE_ANY when it left none, by the poll,
// and this process's own not told again.

#include "config.h"

#include "ca-database-worker.h"
#include "ca-programme-store.h"
#include "ca-test-fixture.h"

typedef struct
{
  GArray  *kinds;    /* int, as emitted */
  GPtrArray *ids;    /* GArray of gint64, a copy of each emission's */
  GThread *main_thread;
  gboolean result_arrived;
  gboolean changed_before_result;
} Heard;

static void
changed_cb (CaDatabase *database,
            int         kind,
            GArray     *ids,
            Heard      *heard)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);

  /* Emitted in the main context the database was opened in, never on the worker. */
  g_assert_true (g_thread_self () == heard->main_thread);
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_array_append_vals (copy, ids->data, ids->len);
  g_array_append_val (heard->kinds, kind);
  g_ptr_array_add (heard->ids, copy);
  if (!heard->result_arrived)
    heard->changed_before_result = TRUE;
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
listen (CaTestFixture *fixture,
        Heard         *heard)
{
  /* What opening the file wrote (the built-in tools) is not this test's. */
  drain ();
  heard->kinds = g_array_new (FALSE, FALSE, sizeof (int));
  heard->ids = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  heard->main_thread = g_thread_self ();
  g_signal_connect (fixture->database, "changed", G_CALLBACK (changed_cb), heard);
}

static void
heard_clear (CaTestFixture *fixture,
             Heard         *heard)
{
  g_signal_handlers_disconnect_by_data (fixture->database, heard);
  g_array_unref (heard->kinds);
  g_ptr_array_unref (heard->ids);
}

static gint64
add_event (CaDatabase *database,
           const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaProgrammeEvent) event =
    ca_programme_event_new (ca_programme_event_kind_nth (0), "2026-05-05", title, NULL);
  gint64 id = ca_programme_store_add_event (database, event, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_after_commit (CaTestFixture *fixture,
                   gconstpointer  data)
{
  Heard heard = { 0, };
  gint64 id;

  listen (fixture, &heard);
  id = add_event (fixture->database, "Briefing");
  /* Told from the main context, after the commit, not inside it. */
  g_assert_cmpuint (heard.kinds->len, ==, 0);
  drain ();
  g_assert_cmpuint (heard.kinds->len, ==, 1);
  g_assert_cmpint (g_array_index (heard.kinds, int, 0), ==, CA_CHANGE_PROGRAMME);
  g_assert_cmpuint (((GArray *) heard.ids->pdata[0])->len, ==, 1);
  g_assert_cmpint (g_array_index ((GArray *) heard.ids->pdata[0], gint64, 0), ==, id);
  g_assert_true (ca_change_ids_contain (heard.ids->pdata[0], id));
  g_assert_false (ca_change_ids_contain (heard.ids->pdata[0], id + 1));
  heard_clear (fixture, &heard);
}

static void
test_rolled_back (CaTestFixture *fixture,
                  gconstpointer  data)
{
  Heard heard = { 0, };
  g_autoptr(GError) error = NULL;

  listen (fixture, &heard);
  g_assert_true (ca_database_begin (fixture->database, &error));
  ca_database_note_change (fixture->database, CA_CHANGE_AUDIT, 7);
  ca_database_rollback (fixture->database);
  /* A store's write that fails (no such event) rolls back and says nothing either. */
  g_assert_false (ca_programme_store_remove_event (fixture->database, 999999, NULL, NULL, NULL,
                                                   &error));
  g_assert_nonnull (error);
  drain ();
  g_assert_cmpuint (heard.kinds->len, ==, 0);
  heard_clear (fixture, &heard);
}

/* A savepoint rolled back drops its own notes; the outer commit tells the rest, once per
 * kind, each id once, in order. */
static void
test_once_per_kind (CaTestFixture *fixture,
                    gconstpointer  data)
{
  Heard heard = { 0, };
  g_autoptr(GError) error = NULL;
  GArray *audits;

  listen (fixture, &heard);
  g_assert_true (ca_database_begin (fixture->database, &error));
  ca_database_note_change (fixture->database, CA_CHANGE_AUDIT, 9);
  ca_database_note_change (fixture->database, CA_CHANGE_AUDIT, 3);
  ca_database_note_change (fixture->database, CA_CHANGE_AUDIT, 9);
  g_assert_true (ca_database_begin (fixture->database, &error));
  ca_database_note_change (fixture->database, CA_CHANGE_CASE, 1);
  ca_database_rollback (fixture->database);
  g_assert_true (ca_database_begin (fixture->database, &error));
  ca_database_note_change (fixture->database, CA_CHANGE_HOLIDAY, CA_CHANGE_ALL_IDS);
  ca_database_note_change (fixture->database, CA_CHANGE_HOLIDAY, 2026);
  g_assert_true (ca_database_commit (fixture->database, &error));
  g_assert_true (ca_database_commit (fixture->database, &error));
  g_assert_no_error (error);
  drain ();

  g_assert_cmpuint (heard.kinds->len, ==, 2);
  g_assert_cmpint (g_array_index (heard.kinds, int, 0), ==, CA_CHANGE_AUDIT);
  audits = heard.ids->pdata[0];
  g_assert_cmpuint (audits->len, ==, 2);
  g_assert_cmpint (g_array_index (audits, gint64, 0), ==, 3);
  g_assert_cmpint (g_array_index (audits, gint64, 1), ==, 9);
  /* Every holiday: an empty list. */
  g_assert_cmpint (g_array_index (heard.kinds, int, 1), ==, CA_CHANGE_HOLIDAY);
  g_assert_cmpuint (((GArray *) heard.ids->pdata[1])->len, ==, 0);
  heard_clear (fixture, &heard);

  /* CA_CHANGE_ANY stands for everything: told alone. */
  listen (fixture, &heard);
  g_assert_true (ca_database_begin (fixture->database, &error));
  ca_database_note_change (fixture->database, CA_CHANGE_AUDIT, 9);
  ca_database_note_change (fixture->database, CA_CHANGE_ANY, CA_CHANGE_ALL_IDS);
  g_assert_true (ca_database_commit (fixture->database, &error));
  drain ();
  g_assert_cmpuint (heard.kinds->len, ==, 1);
  g_assert_cmpint (g_array_index (heard.kinds, int, 0), ==, CA_CHANGE_ANY);
  heard_clear (fixture, &heard);
}

static gboolean
add_event_job (CaDatabase    *connection,
               gpointer       data,
               gpointer      *result,
               GCancellable  *cancellable,
               GError       **error)
{
  gint64 *id = g_new (gint64, 1);

  *id = add_event (connection, data);
  *result = id;
  return TRUE;
}

static void
added_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Heard *heard = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (ca_database_run_finish (result, NULL, &error));
  g_assert_no_error (error);
  heard->result_arrived = TRUE;
}

/* A job's commit on the worker's connection is told as the main database's, on the main
 * thread, and before the job's own answer: the commit happens inside the job, so the
 * change is queued before the answer, at the same priority. A caller's callback thus
 * finds the views already told. */
static void
test_from_worker (CaTestFixture *fixture,
                  gconstpointer  data)
{
  Heard heard = { 0, };

  listen (fixture, &heard);
  ca_database_run_async (fixture->database, add_event_job, (gpointer) "Training", NULL, g_free,
                         NULL, added_cb, &heard);
  while (!heard.result_arrived)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (heard.changed_before_result);
  g_assert_cmpuint (heard.kinds->len, ==, 1);
  g_assert_cmpint (g_array_index (heard.kinds, int, 0), ==, CA_CHANGE_PROGRAMME);
  g_assert_cmpuint (((GArray *) heard.ids->pdata[0])->len, ==, 1);
  heard_clear (fixture, &heard);
}

/* The poll's interval here: short, so that a few intervals pass quickly. */
#define POLL_MS 20

static gboolean
heard_kind (Heard *heard,
            int    kind)
{
  for (guint i = 0; i < heard->kinds->len; i++)
    if (g_array_index (heard->kinds, int, i) == kind)
      return TRUE;
  return FALSE;
}

static gboolean
time_up_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main context for @ms, or until @kind is heard, unless it is -1. */
static void
spin (Heard    *heard,
      guint     ms,
      int       kind)
{
  gboolean up = FALSE;
  guint id = g_timeout_add (ms, time_up_cb, &up);

  while (!up && !(kind >= 0 && heard_kind (heard, kind)))
    g_main_context_iteration (NULL, TRUE);
  if (!up)
    g_source_remove (id);
}

/* Starts the poll and waits for its first read, the baseline. */
static void
watch (CaDatabase *database)
{
  ca_database_watch_other_writers (database, POLL_MS);
  ca_database_wait_idle (database);
  drain ();
}

static void
unwatch (CaDatabase *database)
{
  ca_database_watch_other_writers (database, 0);
  ca_database_wait_idle (database);
  drain ();
}

/* A second connection to the fixture's file, opened before the poll's first read (opening
 * writes the built-in tools); then the fixture's database is listened to and watched. */
static CaDatabase *
watch_with_other (CaTestFixture *fixture,
                  Heard         *heard)
{
  CaDatabase *other = ca_test_open_second (fixture->path);

  listen (fixture, heard);
  watch (fixture->database);
  return other;
}

/* The other connection commits an event: heard within a few polls as what it noted, the
 * programme and the event's id, and nothing else. */
static void
other_writes (CaDatabase *other,
              Heard      *heard)
{
  guint before = heard->kinds->len;
  gint64 id = add_event (other, "Elsewhere");
  GArray *ids;

  for (guint i = 0; i < 200 && heard->kinds->len == before; i++)
    spin (heard, POLL_MS, -1);
  g_assert_cmpuint (heard->kinds->len, ==, before + 1);
  g_assert_cmpint (g_array_index (heard->kinds, int, before), ==, CA_CHANGE_PROGRAMME);
  ids = heard->ids->pdata[before];
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, id);
}

/* A commit through another connection to the file (as a second copy of Case Audit makes
 * it) is told with its own notes within a few polls, in the main context. */
static void
test_other_process (CaTestFixture *fixture,
                    gconstpointer  data)
{
  Heard heard = { 0, };
  g_autoptr(CaDatabase) other = watch_with_other (fixture, &heard);

  /* The first read only records the value: nothing is told for it. */
  spin (&heard, 5 * POLL_MS, -1);
  g_assert_cmpuint (heard.kinds->len, ==, 0);

  other_writes (other, &heard);

  /* Told once: later polls find the value as it was. */
  spin (&heard, 10 * POLL_MS, -1);
  g_assert_cmpuint (heard.kinds->len, ==, 1);
  unwatch (fixture->database);
  heard_clear (fixture, &heard);
}

/* The other connection runs @sql: heard within a few polls as CA_CHANGE_ANY, and that
 * alone. */
static void
other_writes_any (CaDatabase *other,
                  Heard      *heard,
                  const char *sql)
{
  ca_test_exec (other, sql);
  spin (heard, 200 * POLL_MS, CA_CHANGE_ANY);
  g_assert_cmpuint (heard->kinds->len, ==, 1);
  g_assert_cmpint (g_array_index (heard->kinds, int, 0), ==, CA_CHANGE_ANY);
}

/* A program that notes nothing (the sqlite3 shell): its commit shows only in data_version,
 * and is told as CA_CHANGE_ANY. */
static void
test_other_program (CaTestFixture *fixture,
                    gconstpointer  data)
{
  Heard heard = { 0, };
  g_autoptr(CaDatabase) other = watch_with_other (fixture, &heard);

  other_writes_any (other, &heard, "CREATE TABLE scratch (x); INSERT INTO scratch VALUES (1)");
  unwatch (fixture->database);
  heard_clear (fixture, &heard);
}

/* Notes dropped before they were read (the table keeps the last thousand) leave a gap in
 * their numbers: told as CA_CHANGE_ANY (which stands for the notes still there too). A
 * kind this version does not know (a newer one's) is CA_CHANGE_ANY too. */
static void
test_notes_missed (CaTestFixture *fixture,
                   gconstpointer  data)
{
  Heard heard = { 0, };
  g_autoptr(CaDatabase) other = watch_with_other (fixture, &heard);

  ca_test_exec (other, "INSERT INTO change_note (seq, writer, kind, id) "
                       "SELECT coalesce (max (seq), 0) + 5, 'elsewhere', 'audit', 7 "
                       "FROM change_note");
  spin (&heard, 200 * POLL_MS, CA_CHANGE_ANY);
  g_assert_true (heard_kind (&heard, CA_CHANGE_ANY));
  /* The note after the gap may come in a flush of its own: let it. */
  spin (&heard, 5 * POLL_MS, -1);
  heard_clear (fixture, &heard);

  listen (fixture, &heard);
  other_writes_any (other, &heard, "INSERT INTO change_note (writer, kind, id) "
                                   "VALUES ('elsewhere', 'moderation-of-the-future', 1)");
  unwatch (fixture->database);
  heard_clear (fixture, &heard);
}

/* Each commit writes its notes for the other programs, inside its transaction, and keeps
 * only the last thousand; a rollback leaves none. */
static void
test_notes_written (CaTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  int before = ca_test_query_int (fixture->database, "SELECT count(*) FROM change_note");

  g_assert_true (ca_database_begin (fixture->database, &error));
  ca_database_note_change (fixture->database, CA_CHANGE_AUDIT, 3);
  ca_database_rollback (fixture->database);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count(*) FROM change_note"),
                   ==, before);

  for (int i = 0; i < 1005; i++)
    {
      g_assert_true (ca_database_begin (fixture->database, &error));
      ca_database_note_change (fixture->database, CA_CHANGE_CASE, i + 1);
      g_assert_true (ca_database_commit (fixture->database, &error));
    }
  g_assert_no_error (error);
  drain ();
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count(*) FROM change_note"),
                   ==, 1000);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT id FROM change_note "
                                                         "ORDER BY seq DESC LIMIT 1"), ==, 1005);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count(DISTINCT writer) "
                                                         "FROM change_note WHERE kind = 'case'"),
                   ==, 1);
}

/* This process's own commits, on the worker's connection or on the main one, are told
 * with their own kinds only, however many polls pass; another's still comes after them. */
static void
test_own_commits (CaTestFixture *fixture,
                  gconstpointer  data)
{
  Heard heard = { 0, };
  g_autoptr(CaDatabase) other = watch_with_other (fixture, &heard);

  ca_database_run_async (fixture->database, add_event_job, (gpointer) "Training", NULL, g_free,
                         NULL, added_cb, &heard);
  while (!heard.result_arrived)
    g_main_context_iteration (NULL, TRUE);
  add_event (fixture->database, "Briefing");
  spin (&heard, 15 * POLL_MS, -1);
  g_assert_false (heard_kind (&heard, CA_CHANGE_ANY));
  g_assert_cmpuint (heard.kinds->len, ==, 2);
  g_assert_cmpint (g_array_index (heard.kinds, int, 0), ==, CA_CHANGE_PROGRAMME);
  g_assert_cmpint (g_array_index (heard.kinds, int, 1), ==, CA_CHANGE_PROGRAMME);

  /* The poll is still at work. */
  other_writes (other, &heard);
  unwatch (fixture->database);
  heard_clear (fixture, &heard);
}

static gboolean
dispatches_nothing (void)
{
  /* Long enough for several polls, were any still due. */
  g_usleep (5 * POLL_MS * 1000);
  return !g_main_context_iteration (NULL, FALSE);
}

/* No poll runs once the database is watched no more, or once it is gone. */
static void
test_stopped (CaTestFixture *fixture,
              gconstpointer  data)
{
  Heard heard = { 0, };
  g_autoptr(CaDatabase) other = watch_with_other (fixture, &heard);
  CaDatabase *second;

  unwatch (fixture->database);
  g_assert_true (dispatches_nothing ());
  add_event (other, "Elsewhere");
  spin (&heard, 10 * POLL_MS, -1);
  g_assert_cmpuint (heard.kinds->len, ==, 0);
  heard_clear (fixture, &heard);

  /* Gone with a poll perhaps under way: it comes back, then nothing more. */
  second = ca_test_open_second (fixture->path);
  watch (second);
  g_object_add_weak_pointer (G_OBJECT (second), (gpointer *) &second);
  g_object_unref (second);
  while (second != NULL)
    g_main_context_iteration (NULL, TRUE);
  drain ();
  g_assert_true (dispatches_nothing ());
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/database-changes/after-commit", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_after_commit, ca_test_fixture_tear_down);
  g_test_add ("/database-changes/rolled-back", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_rolled_back, ca_test_fixture_tear_down);
  g_test_add ("/database-changes/once-per-kind", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_once_per_kind, ca_test_fixture_tear_down);
  g_test_add ("/database-changes/from-worker", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_from_worker, ca_test_fixture_tear_down);
  g_test_add ("/database-changes/other-process", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_other_process, ca_test_fixture_tear_down);
  g_test_add ("/database-changes/other-program", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_other_program, ca_test_fixture_tear_down);
  g_test_add ("/database-changes/notes-missed", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_notes_missed, ca_test_fixture_tear_down);
  g_test_add ("/database-changes/notes-written", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_notes_written, ca_test_fixture_tear_down);
  g_test_add ("/database-changes/own-commits", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_own_commits, ca_test_fixture_tear_down);
  g_test_add ("/database-changes/stopped", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_stopped, ca_test_fixture_tear_down);

  return g_test_run ();
}
