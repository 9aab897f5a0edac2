// SPDX-License-Identifier: GPL-3.0-or-later
// Another process's commits told as the database's own changes: a poll of change_note and PRAGMA data_version on the worker.
//
// SQLite says nothing to one connection when another commits, but "PRAGMA data_version"
// on a connection changes whenever any *other* connection has committed since it was last
// read, and never for the connection's own commits. It is read on the worker's connection,
// as a small job queued on the worker, never on the main thread: the read is cheap, but a
// job ahead of it may wait for a database another program holds locked, and the window
// must not wait with it. The worker's own commits do not change it, and they are told
// already (ca-database-changes.c).
//
// A main-context timeout queues the job every interval, unless the last one has not come
// back yet. The first read only records the value and the last row of change_note. Each
// later read tells the hub (ca_database_changes_tell(): not written to change_note again)
// what the rows other programs have added to change_note since say (the kinds and ids of their
// commits: ca-database-changes.c writes them), so that the hub tells them with
// CaDatabase::changed in the main context like any commit of this process. A value that
// differs with no such row to say why (a program that writes no notes, such as the sqlite3
// shell), or rows gone before they were read (more than a thousand commits since), are
// told as CA_CHANGE_ANY.
//
// The main connection is the one other connection of this process whose commits change
// the value and are told already. The window writes only on the worker, but a commit there
// is still counted (SQLite's commit hook on the main connection, which runs before the
// commit shows). A poll that finds the count moved only reads the value again as the next
// baseline, at the next poll: that one is queued from the main thread, so after the commit
// has returned. Another process's notes in those two intervals are still told from
// change_note; only a commit that left none is missed, until the next.
//
// A PostgreSQL backend would put LISTEN/NOTIFY in the place of the poll: each writer
// sends a NOTIFY with the notes change_note holds here, and a listening connection adds
// them (or CA_CHANGE_ANY) to the same hub.

#define G_LOG_DOMAIN "ca-database"

#include "config.h"

#include "ca-database-private.h"
#include "ca-database-worker.h"

typedef struct
{
  GWeakRef  database;
  GSource  *source;        /* the timeout, in the main context it was started in */
  gboolean  pending;       /* a poll is queued and has not come back; main context only */
  /* The worker thread's alone (its jobs run one at a time): */
  gboolean  known;         /* data_version was read with nothing of the main connection's
                            * in flight: a change of it since is another's */
  gint64    data_version;
  guint     main_commits;  /* the main connection's count as data_version was read */
  gboolean  seq_known;     /* last_seq was read */
  gint64    last_seq;      /* the last row of change_note read */
} Watch;

static GQuark
watch_quark (void)
{
  return g_quark_from_static_string ("ca-database-watch");
}

static void
watch_clear (gpointer data)
{
  Watch *watch = data;

  g_weak_ref_clear (&watch->database);
  g_clear_pointer (&watch->source, g_source_unref);
}

static Watch *
watch_ref (Watch *watch)
{
  return g_atomic_rc_box_acquire (watch);
}

static void
watch_unref (gpointer watch)
{
  g_atomic_rc_box_release_full (watch, watch_clear);
}

/* The database goes, or is watched no more: no poll is queued after this. */
static void
watch_stop (gpointer data)
{
  Watch *watch = data;

  g_source_destroy (watch->source);
  watch_unref (watch);
}

/* SQLite's commit hook of the main connection; a non-zero answer would roll back. */
static int
count_commit (void *data)
{
  ca_database_changes_count_commit (data);
  return 0;
}

/* On the worker: notes again what other programs' rows in change_note since the last read
 * say, and whether there were any. The first read only finds the last row. */
static gboolean
tell_other_writers_notes (CaDatabase  *connection,
                          Watch       *watch,
                          gboolean    *told,
                          GError     **error)
{
  CaDatabaseChanges *changes = ca_database_get_changes (connection);
  const char *mine = ca_database_changes_get_writer (changes);
  g_autoptr(CaStatement) statement = NULL;
  gboolean first = TRUE;

  *told = FALSE;
  if (!watch->seq_known)
    {
      statement = ca_database_prepare (connection, "SELECT coalesce (max (seq), 0) "
                                                   "FROM change_note", error);
      if (statement == NULL || !ca_statement_step (statement, NULL, error))
        return FALSE;
      watch->last_seq = ca_statement_get_int64 (statement, 0);
      watch->seq_known = TRUE;
      return TRUE;
    }

  statement = ca_database_prepare (connection, "SELECT seq, writer, kind, id FROM change_note "
                                               "WHERE seq > ?1 ORDER BY seq", error);
  if (statement == NULL)
    return FALSE;
  ca_statement_bind_int64 (statement, 1, watch->last_seq);
  while (ca_statement_next (statement))
    {
      gint64 seq = ca_statement_get_int64 (statement, 0);

      /* Rows are numbered one after another: a gap is rows dropped before they were read. */
      if (first && seq != watch->last_seq + 1)
        {
          ca_database_changes_tell (changes, CA_CHANGE_ANY, CA_CHANGE_ALL_IDS);
          *told = TRUE;
        }
      first = FALSE;
      watch->last_seq = seq;
      if (g_strcmp0 (ca_statement_get_text (statement, 1), mine) == 0)
        continue;
      ca_database_changes_tell (changes,
                                ca_database_changes_kind_from_name (ca_statement_get_text (statement, 2)),
                                ca_statement_get_int64 (statement, 3));
      *told = TRUE;
    }
  return ca_statement_check (statement, error);
}

/* On the worker: one read of data_version and of change_note, told as the other programs'
 * notes, or as CA_CHANGE_ANY if the value changed with no note to say why. */
static gboolean
poll_job (CaDatabase    *connection,
          gpointer       data,
          gpointer      *result,
          GCancellable  *cancellable,
          GError       **error)
{
  Watch *watch = data;
  CaDatabaseChanges *changes = ca_database_get_changes (connection);
  g_autoptr(CaStatement) statement = NULL;
  gboolean has_row = FALSE;
  gboolean told = FALSE;
  guint commits;
  gint64 version;

  statement = ca_database_prepare (connection, "PRAGMA data_version", error);
  if (statement == NULL || !ca_statement_step (statement, &has_row, error))
    return FALSE;
  g_return_val_if_fail (has_row, TRUE);
  version = ca_statement_get_int64 (statement, 0);
  /* Read after the value: the commit hook counts a commit before it shows in the value. */
  commits = ca_database_changes_get_main_commits (changes);

  if (!tell_other_writers_notes (connection, watch, &told, error))
    return FALSE;

  /* The main connection committed since the last read, perhaps while this one ran, and its
   * commit may not be in the value yet. The next read is queued from the main thread, so
   * after that commit has returned: it is the new baseline. */
  if (commits != watch->main_commits)
    watch->known = FALSE;
  else if (!watch->known)
    watch->known = TRUE;
  else if (version != watch->data_version && !told)
    ca_database_changes_tell (changes, CA_CHANGE_ANY, CA_CHANGE_ALL_IDS);
  watch->data_version = version;
  watch->main_commits = commits;
  return TRUE;
}

static void
poll_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Watch *watch = user_data;
  g_autoptr(GError) error = NULL;

  /* A worker whose connection could not be opened fails every job, and says so to each
   * caller that writes; the poll has nothing to add. */
  if (!ca_database_run_finish (result, NULL, &error))
    g_debug ("Could not look for other programs' changes: %s", error->message);
  watch->pending = FALSE;
  watch_unref (watch);
}

static void
queue_poll (CaDatabase *database,
            Watch      *watch)
{
  watch->pending = TRUE;
  ca_database_run_async (database, poll_job, watch_ref (watch), watch_unref, NULL, NULL,
                         poll_done_cb, watch_ref (watch));
}

static gboolean
poll_due_cb (gpointer data)
{
  Watch *watch = data;
  g_autoptr(CaDatabase) database = g_weak_ref_get (&watch->database);

  if (database == NULL)
    return G_SOURCE_REMOVE;
  /* A poll still waiting behind a long job (an import) is enough. */
  if (!watch->pending)
    queue_poll (database, watch);
  return G_SOURCE_CONTINUE;
}

/**
 * ca_database_watch_other_writers:
 * @self: the main connection, whose worker polls
 * @interval_ms: how often to look, in milliseconds (%CA_DATABASE_WATCH_INTERVAL_MS in the
 *   window); 0 to stop looking
 *
 * Tells another process's commits to the file with CaDatabase::changed, in the main
 * context this is called in: with the kinds and ids a second copy of Case Audit (or its
 * command line) noted, or %CA_CHANGE_ANY for a program that notes nothing. The
 * worker's connection reads SQLite's data_version at once, then every @interval_ms while
 * @self lives. For the window: the command line need not pay for the poll or the worker.
 * Call it again to change the interval.
 */
void
ca_database_watch_other_writers (CaDatabase *self,
                                 guint       interval_ms)
{
  g_autoptr(GMainContext) context = NULL;
  Watch *watch;

  g_return_if_fail (CA_IS_DATABASE (self));

  g_object_set_qdata (G_OBJECT (self), watch_quark (), NULL);
  if (interval_ms == 0)
    {
      sqlite3_commit_hook (ca_database_get_handle (self), NULL, NULL);
      return;
    }

  /* Counted from before the first read, so that no commit of the main connection after it
   * is taken for another's. */
  sqlite3_commit_hook (ca_database_get_handle (self), count_commit,
                       ca_database_get_changes (self));

  watch = g_atomic_rc_box_new0 (Watch);
  watch->main_commits = ca_database_changes_get_main_commits (ca_database_get_changes (self));
  g_weak_ref_init (&watch->database, self);
  watch->source = g_timeout_source_new (interval_ms);
  g_source_set_callback (watch->source, poll_due_cb, watch_ref (watch), watch_unref);
  g_source_set_static_name (watch->source, "[case-audit] other writers");
  context = g_main_context_ref_thread_default ();
  g_source_attach (watch->source, context);
  g_object_set_qdata_full (G_OBJECT (self), watch_quark (), watch, watch_stop);

  queue_poll (self, watch);
}
