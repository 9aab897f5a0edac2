// SPDX-License-Identifier: GPL-3.0-or-later
// What a commit changed, told to the main thread: the kinds of record and their ids.
//
// A store says what it changed with ca_database_note_change(), inside its write
// transaction. The notes gather on the connection while the transaction is open: a
// rollback (of the whole transaction or of a savepoint) drops its own, a commit of the
// outermost transaction hands them to a hub. Each main CaDatabase has one hub, and its
// worker's connection hands its notes to the same hub, so that a job's commit reaches the
// database the views hold. The hub emits CaDatabase::changed in the main context the
// database was opened in, from an idle source attached at the commit, never from the
// worker's thread: once per kind, with the ids de-duplicated. Commits that land before the
// main context runs are told together.
//
// Another process's commits come the same way. Each commit also writes its notes into the
// file's change_note table, under the name its hub took (schema 0008), and
// ca_database_watch_other_writers() (ca-database-watch.c), which the window starts, reads
// the rows other names added, as a job on the worker every two seconds, and notes them
// again on the worker's connection; a commit that left no rows (another program than Case
// Audit) shows only in SQLite's "PRAGMA data_version", and is told as CA_CHANGE_ANY. The
// worker's own commits do not change data_version; the main connection's commits are
// counted here (ca_database_changes_count_commit()) so that the poll does not take them for
// another's. A PostgreSQL backend would instead LISTEN on a channel its writers NOTIFY,
// with the same notes as payload, and add them to the same hub.

#define G_LOG_DOMAIN "ca-database"

#include "config.h"

#include "ca-database-changes.h"
#include "ca-database-private.h"
#include "ca-text.h"

/* More notes than this waiting for the main context become one CA_CHANGE_ANY: a program
 * without a main loop (the command line) must not gather them for ever. */
#define MAX_PENDING 4096

/* More notes than this in one commit are written to change_note as one CA_CHANGE_ANY. */
#define MAX_LOGGED 64

/* How many rows change_note keeps: a watcher that falls further behind hears
 * CA_CHANGE_ANY. */
#define LOG_KEPT 1000

/* The kinds by name in change_note, so that a new kind never makes an old row mean
 * another: in CaChangeKind's order. */
static const char * const kind_names[] = {
  "any", "audit", "draft", "case", "staff", "programme", "holiday", "settings", "capacity",
  "notification", "manager-response", "import-mapping", "tool", "allocation-run",
  "moderation",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == CA_CHANGE_N_KINDS);

typedef struct
{
  CaChangeKind kind;
  gint64       id;
} Note;

typedef struct
{
  gatomicrefcount  ref_count;
  GMutex           lock;
  GMainContext    *context;
  CaDatabase      *database;   /* the main connection, NULL once it is gone; under lock */
  GArray          *pending;    /* Note, under lock */
  gboolean         scheduled;  /* an idle source is attached; under lock */
  gint             main_commits; /* the main connection's commits while watched; atomic */
  char            *writer;     /* the name its rows in change_note go by */
} Hub;

struct _CaDatabaseChanges
{
  CaDatabase *owner;
  GArray     *notes;  /* Note: this connection's, in its open transaction */
  GArray     *marks;  /* guint: the length of notes as each level began */
  Hub        *hub;
  gboolean    forwarded;  /* a worker's connection, telling the main database's hub */
};

static guint changed_signal;

static Hub *
hub_ref (Hub *hub)
{
  g_atomic_ref_count_inc (&hub->ref_count);
  return hub;
}

static void
hub_unref (Hub *hub)
{
  if (!g_atomic_ref_count_dec (&hub->ref_count))
    return;
  g_main_context_unref (hub->context);
  g_array_unref (hub->pending);
  g_mutex_clear (&hub->lock);
  g_free (hub->writer);
  g_free (hub);
}

static int
compare_notes (gconstpointer a,
               gconstpointer b)
{
  const Note *x = a, *y = b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* One emission per kind, ids in order and once each; an empty array stands for every
 * record of the kind, and CA_CHANGE_ANY alone stands for everything. */
static void
emit_notes (CaDatabase *database,
            GArray     *notes)
{
  guint i = 0;

  g_array_sort (notes, compare_notes);
  while (i < notes->len)
    {
      CaChangeKind kind = g_array_index (notes, Note, i).kind;
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      gboolean all = FALSE;

      for (; i < notes->len && g_array_index (notes, Note, i).kind == kind; i++)
        {
          gint64 id = g_array_index (notes, Note, i).id;

          if (id == CA_CHANGE_ALL_IDS)
            all = TRUE;
          else if (ids->len == 0 || g_array_index (ids, gint64, ids->len - 1) != id)
            g_array_append_val (ids, id);
        }
      if (all)
        g_array_set_size (ids, 0);
      g_signal_emit (database, changed_signal, 0, (int) kind, ids);
      if (kind == CA_CHANGE_ANY)
        return;
    }
}

static gboolean
flush_hub (gpointer data)
{
  Hub *hub = data;
  g_autoptr(GArray) notes = NULL;
  g_autoptr(CaDatabase) database = NULL;

  g_mutex_lock (&hub->lock);
  notes = g_steal_pointer (&hub->pending);
  hub->pending = g_array_new (FALSE, FALSE, sizeof (Note));
  hub->scheduled = FALSE;
  if (hub->database != NULL)
    database = g_object_ref (hub->database);
  g_mutex_unlock (&hub->lock);

  if (database != NULL && notes->len > 0)
    emit_notes (database, notes);
  return G_SOURCE_REMOVE;
}

/* Any thread: the notes of one commit, for the main context. */
static void
hub_push (Hub    *hub,
          GArray *notes)
{
  g_autoptr(GSource) source = NULL;

  g_mutex_lock (&hub->lock);
  g_array_append_vals (hub->pending, notes->data, notes->len);
  if (hub->pending->len > MAX_PENDING)
    {
      Note any = { CA_CHANGE_ANY, CA_CHANGE_ALL_IDS };

      g_array_set_size (hub->pending, 0);
      g_array_append_val (hub->pending, any);
    }
  if (!hub->scheduled)
    {
      hub->scheduled = TRUE;
      /* The default priority, attached before a worker's job returns its GTask (which
       * comes at the same priority): the views hear of a change before the caller hears
       * the job is done. */
      source = g_idle_source_new ();
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, flush_hub, hub_ref (hub), (GDestroyNotify) hub_unref);
      g_source_set_static_name (source, "[case-audit] database changes");
      g_source_attach (source, hub->context);
    }
  g_mutex_unlock (&hub->lock);
}

CaDatabaseChanges *
ca_database_changes_new (CaDatabase *owner)
{
  CaDatabaseChanges *changes = g_new0 (CaDatabaseChanges, 1);
  Hub *hub = g_new0 (Hub, 1);

  g_atomic_ref_count_init (&hub->ref_count);
  g_mutex_init (&hub->lock);
  hub->context = g_main_context_ref_thread_default ();
  hub->database = owner;
  hub->pending = g_array_new (FALSE, FALSE, sizeof (Note));
  hub->writer = g_uuid_string_random ();

  changes->owner = owner;
  changes->notes = g_array_new (FALSE, FALSE, sizeof (Note));
  changes->marks = g_array_new (FALSE, FALSE, sizeof (guint));
  changes->hub = hub;
  return changes;
}

void
ca_database_changes_free (CaDatabaseChanges *changes)
{
  g_mutex_lock (&changes->hub->lock);
  if (changes->hub->database == changes->owner)
    changes->hub->database = NULL;
  g_mutex_unlock (&changes->hub->lock);
  hub_unref (changes->hub);
  g_array_unref (changes->notes);
  g_array_unref (changes->marks);
  g_free (changes);
}

/* A worker's connection: its commits are told as the main database's. */
void
ca_database_changes_forward (CaDatabaseChanges *changes,
                             CaDatabaseChanges *main)
{
  Hub *old = changes->hub;

  g_return_if_fail (changes->marks->len == 0);

  changes->hub = hub_ref (main->hub);
  changes->forwarded = TRUE;
  g_mutex_lock (&old->lock);
  if (old->database == changes->owner)
    old->database = NULL;
  g_mutex_unlock (&old->lock);
  hub_unref (old);
}

void
ca_database_changes_begin (CaDatabaseChanges *changes)
{
  guint mark = changes->notes->len;

  g_array_append_val (changes->marks, mark);
}

/* Writes @notes into change_note under this hub's name, and drops the rows too old to
 * keep: inside the transaction that made them, so that they come and go with it. */
static gboolean
log_notes (CaDatabaseChanges  *changes,
           GArray             *notes,
           GError            **error)
{
  Note any = { CA_CHANGE_ANY, CA_CHANGE_ALL_IDS };
  g_autoptr(CaStatement) insert = NULL;
  g_autoptr(CaStatement) trim = NULL;

  if (notes->len == 0)
    return TRUE;
  if (notes->len > MAX_LOGGED)
    notes = g_array_append_val (g_array_sized_new (FALSE, FALSE, sizeof (Note), 1), any);
  else
    g_array_ref (notes);

  insert = ca_database_prepare (changes->owner, "INSERT INTO change_note (writer, kind, id) "
                                                "VALUES (?1, ?2, ?3)", error);
  for (guint i = 0; insert != NULL && i < notes->len; i++)
    {
      const Note *note = &g_array_index (notes, Note, i);

      ca_statement_bind_text (insert, 1, changes->hub->writer);
      ca_statement_bind_text (insert, 2, kind_names[note->kind]);
      ca_statement_bind_int64 (insert, 3, note->id);
      if (!ca_statement_run (insert, error))
        g_clear_pointer (&insert, ca_statement_free);
    }
  g_array_unref (notes);
  if (insert == NULL)
    return FALSE;
  trim = ca_database_prepare (changes->owner,
                              "DELETE FROM change_note WHERE seq <= last_insert_rowid () - ?1",
                              error);
  if (trim == NULL)
    return FALSE;
  ca_statement_bind_int64 (trim, 1, LOG_KEPT);
  return ca_statement_run (trim, error);
}

/* Before the outermost transaction's COMMIT: its notes, for the other programs. */
gboolean
ca_database_changes_log (CaDatabaseChanges  *changes,
                         GError            **error)
{
  g_return_val_if_fail (changes->marks->len == 1, FALSE);

  return log_notes (changes, changes->notes, error);
}

/* Any thread: tells what another program changed, as read from change_note or guessed
 * from data_version: like a note outside a transaction, but not written to change_note
 * again, where the other programs would take it for this one's. */
void
ca_database_changes_tell (CaDatabaseChanges *changes,
                          CaChangeKind       kind,
                          gint64             id)
{
  g_autoptr(GArray) notes = g_array_sized_new (FALSE, FALSE, sizeof (Note), 1);
  Note note = { kind, id };

  g_array_append_val (notes, note);
  hub_push (changes->hub, notes);
}

/* The name this connection's rows in change_note go by: its main database's. */
const char *
ca_database_changes_get_writer (CaDatabaseChanges *changes)
{
  return changes->hub->writer;
}

/* A kind by its name in change_note; a name this version does not know (a newer one's)
 * could be anything. */
CaChangeKind
ca_database_changes_kind_from_name (const char *name)
{
  int i = ca_text_find_code (kind_names, G_N_ELEMENTS (kind_names), name);

  return i < 0 ? CA_CHANGE_ANY : (CaChangeKind) i;
}

void
ca_database_changes_commit (CaDatabaseChanges *changes)
{
  g_return_if_fail (changes->marks->len > 0);

  g_array_set_size (changes->marks, changes->marks->len - 1);
  if (changes->marks->len > 0 || changes->notes->len == 0)
    return;
  hub_push (changes->hub, changes->notes);
  g_array_set_size (changes->notes, 0);
}

void
ca_database_changes_rollback (CaDatabaseChanges *changes)
{
  if (changes->marks->len == 0)
    return;
  g_array_set_size (changes->notes, g_array_index (changes->marks, guint,
                                                   changes->marks->len - 1));
  g_array_set_size (changes->marks, changes->marks->len - 1);
}

/* From SQLite's commit hook on a watched main connection (ca-database-watch.c): a
 * commit of the main connection, which the worker's data_version counts as another's. */
void
ca_database_changes_count_commit (CaDatabaseChanges *changes)
{
  if (!changes->forwarded)
    g_atomic_int_inc (&changes->hub->main_commits);
}

/* Any thread: how many commits the main connection of @changes' hub has counted. */
guint
ca_database_changes_get_main_commits (CaDatabaseChanges *changes)
{
  return (guint) g_atomic_int_get (&changes->hub->main_commits);
}

void
ca_database_changes_install_signal (GObjectClass *object_class)
{
  /**
   * CaDatabase::changed:
   * @database: the main connection
   * @kind: a #CaChangeKind
   * @ids: (element-type gint64): the ids changed, each once; empty for every record of
   *   @kind (and always for %CA_CHANGE_ANY)
   *
   * Emitted in the main context the database was opened in, after a commit on it or on
   * its worker's connection, once for each kind the commit changed.
   */
  changed_signal = g_signal_new ("changed", G_TYPE_FROM_CLASS (object_class),
                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 2, G_TYPE_INT,
                                 G_TYPE_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);
}

/**
 * ca_database_note_change:
 * @self: the connection that writes
 * @kind: what kind of record changed
 * @id: its id, or %CA_CHANGE_ALL_IDS when the records are not known one by one
 *
 * Says, inside a write transaction, what it changes. The note is told with
 * CaDatabase::changed once the transaction commits, and dropped if it rolls back.
 * Outside a transaction the note is told at once, as a write there commits at once.
 */
void
ca_database_note_change (CaDatabase   *self,
                         CaChangeKind  kind,
                         gint64        id)
{
  CaDatabaseChanges *changes;
  Note note = { kind, id };

  g_return_if_fail (CA_IS_DATABASE (self));
  g_return_if_fail (kind < CA_CHANGE_N_KINDS);

  changes = ca_database_get_changes (self);
  g_array_append_val (changes->notes, note);
  if (changes->marks->len == 0)
    {
      g_autoptr(GError) error = NULL;

      /* The write it tells of is committed already; a note not logged costs the other
       * programs precision, not correctness: they hear CA_CHANGE_ANY. */
      if (!log_notes (changes, changes->notes, &error))
        g_debug ("Could not note a change for other programs: %s", error->message);
      hub_push (changes->hub, changes->notes);
      g_array_set_size (changes->notes, 0);
    }
}

/**
 * ca_change_ids_contain:
 * @ids: (element-type gint64): the ids of CaDatabase::changed
 * @id: a record's id
 *
 * Returns: %TRUE if @id is among @ids, or @ids stands for every record
 */
gboolean
ca_change_ids_contain (GArray *ids,
                       gint64  id)
{
  if (ids == NULL || ids->len == 0)
    return TRUE;
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}
