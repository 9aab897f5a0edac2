// SPDX-License-Identifier: GPL-3.0-or-later
// One connection to a Case Audit database file: opening, migrations, transactions, history.

#define G_LOG_DOMAIN "ca-database"
/* For F_OFD_SETLK: see ca_database_hold_files(). */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ca-database-private.h"
#include "core/ca-date.h"

/* "CaAu": marks a file as ours, so another program's database is not migrated by mistake. */
#define CA_APPLICATION_ID 0x43614175
#define SCHEMA_RESOURCE_PATH RESOURCE_BASE "/schema/"
#define BUSY_TIMEOUT_MS 5000

struct _CaDatabase
{
  GObject  parent_instance;

  sqlite3 *handle;
  char    *path;
  char    *user;
  /* Prepared once: bulk writers append hundreds of thousands of history rows. */
  CaStatement *history_statement;
  CaStatement *history_head_statement;
  /* The head of the history's chain as this connection last wrote it. Good only while its
   * transaction holds the write lock and nothing of it was rolled back: a bulk writer then
   * need not read the head back for every row. */
  gboolean     head_known;
  gint64       head_id;
  char         head_hash[65];
  int      schema_version;
  guint    transaction_depth;
  /* This connection made the file: see ca_database_discard_if_new(). */
  gboolean created;
  /* See ca_database_hold_files(). */
  gboolean holds_files;
  /* See ca_database_open_full(); a worker's connection runs it too. */
  CaDatabaseReadyFunc ready;
  /* CaDatabaseNotice: what opening found and did, for the user to hear of. */
  GPtrArray *notices;
  /* What the open transaction changed: see ca-database-changes.c. */
  CaDatabaseChanges *changes;
};

G_DEFINE_FINAL_TYPE (CaDatabase, ca_database, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_USER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The fields whose changes the history keeps (R-M3): audits, grades, moderations, actions.
 * Only these names ever reach SQL text, so no caller's string is spliced into a statement. */
static const struct
{
  const char *entity;
  const char *fields[24];
} tracked_fields[] = {
  { "audit", { "status", "auditor_id", "joint_practitioner_id", "due_date", "audit_date",
               "period_start", "period_end", "pen_picture", "overall_grade", "category",
               "done_well", "comments", "submitted_at", "review_due_at",
               "recommendations_checked_at", "feedback_method", "feedback_date",
               "feedback_summary", "notification_sent_at", NULL } },
  { "action", { "description", "owner_id", "due_date", "impact", "safeguarding",
                "completed_on", "completed_by", "evidence", "signed_off_by", "signed_off_on",
                NULL } },
  { "moderation", { "moderator_id", "due_date", "moderated_on", "overall_grade",
                    "differences", "discussion_date", "participants", "further_actions",
                    "learning", "made_difference", "difference", "difference_comment",
                    NULL } },
  { "manager_response", { "manager_id", "response", "stretch_target", "decision",
                          "due_date", "responded_on", NULL } },
};

static gboolean
exec_sql (CaDatabase  *self,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (self->handle, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      ca_database_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
query_int (CaDatabase  *self,
           const char  *sql,
           int         *value,
           GError     **error)
{
  g_autoptr(CaStatement) stmt = ca_database_prepare (self, sql, error);
  gboolean has_row = FALSE;

  if (stmt == NULL || !ca_statement_step (stmt, &has_row, error))
    return FALSE;
  *value = has_row ? (int) ca_statement_get_int64 (stmt, 0) : 0;
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The numbered migrations shipped as resources, in order: "0001-initial.sql", … */
static GPtrArray *
list_migrations (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children (SCHEMA_RESOURCE_PATH, 0, NULL);
  GPtrArray *migrations = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".sql"))
      g_ptr_array_add (migrations, g_strdup (names[i]));
  g_ptr_array_sort (migrations, compare_names);

  return migrations;
}

int
ca_database_get_latest_version (void)
{
  g_autoptr(GPtrArray) migrations = list_migrations ();

  return (int) migrations->len;
}

/* What a migration needs that SQL cannot do (such as SHA-256), done right after its SQL. */
static gboolean
run_migration_code (CaDatabase  *self,
                    const char  *migration,
                    GError     **error)
{
  int rc = ca_database_run_migration_code (self->handle, migration);

  if (rc != SQLITE_OK)
    {
      ca_database_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Runs every migration newer than the file in one transaction: a failure leaves the
 * file exactly as it was, never half-migrated. */
static gboolean
migrate (CaDatabase  *self,
         GError     **error)
{
  g_autoptr(GPtrArray) migrations = list_migrations ();
  g_autofree char *pragma = NULL;

  if ((guint) self->schema_version >= migrations->len)
    return TRUE;

  if (!ca_database_begin (self, error))
    return FALSE;

  for (guint i = self->schema_version; i < migrations->len; i++)
    {
      g_autofree char *resource = g_strconcat (SCHEMA_RESOURCE_PATH,
                                               (char *) migrations->pdata[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, 0, NULL);
      g_autofree char *sql = NULL;

      g_assert (bytes != NULL);
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      if (!exec_sql (self, sql, error) ||
          !run_migration_code (self, migrations->pdata[i], error))
        {
          g_prefix_error (error, _("Could not update the database to version %u: "), i + 1);
          ca_database_rollback (self);
          return FALSE;
        }
    }

  pragma = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u;",
                            CA_APPLICATION_ID, migrations->len);
  if (!exec_sql (self, pragma, error) || !ca_database_commit (self, error))
    {
      ca_database_rollback (self);
      return FALSE;
    }

  self->schema_version = migrations->len;
  return TRUE;
}

/* Reads what the file says it is, and refuses what we must not touch. */
static gboolean
check_identity (CaDatabase  *self,
                GError     **error)
{
  int application_id = 0, version = 0, n_objects = 0;
  int latest = ca_database_get_latest_version ();

  if (!query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "PRAGMA user_version", &version, error) ||
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return FALSE;

  if ((application_id != 0 && application_id != CA_APPLICATION_ID) ||
      (application_id == 0 && n_objects > 0))
    {
      g_set_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_CASE_AUDIT,
                   _("“%s” belongs to another program: it is not a Case Audit database. "
                     "It was left unchanged."), self->path);
      return FALSE;
    }

  if (version > latest)
    {
      g_set_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Case Audit (data version %d; this "
                     "version understands up to %d). Update Case Audit to open it. The file "
                     "was left unchanged."), self->path, version, latest);
      return FALSE;
    }

  self->schema_version = version;
  return TRUE;
}

/* Creates the file ourselves so that it is private to its owner from the first byte
 * (R-M5); SQLite gives its -wal and -shm files the same mode. */
static gboolean
create_private_file (const char  *path,
                     gboolean    *created,
                     GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0 && errno == EEXIST)
    return TRUE;
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, CA_DATABASE_ERROR,
                   saved_errno == EACCES || saved_errno == EROFS
                     ? CA_DATABASE_ERROR_READ_ONLY : CA_DATABASE_ERROR_FAILED,
                   _("Could not create the database “%s”: %s."),
                   path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  *created = TRUE;
  return TRUE;
}

/* The database file with its write-ahead log and index, which SQLite names after it. */
static void
remove_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

static gboolean
check_path (const char           *path,
            CaDatabaseOpenFlags   flags,
            gboolean             *created,
            GError              **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  GStatBuf st;

  if (g_stat (path, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_FOUND,
                       _("“%s” is a folder, not a database file."), path);
          return FALSE;
        }
      /* SQLite would try to lock and write a device or a pipe as if it were a file, and
       * fail with a bare "disk I/O error", or worse. */
      if (!S_ISREG (st.st_mode))
        {
          g_set_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_A_FILE,
                       _("“%s” is not a file but a device, a pipe or a socket, so it cannot "
                         "hold a database. Give the path of a database file, or of a new "
                         "file to create."), path);
          return FALSE;
        }
      return TRUE;
    }

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NO_FOLDER,
                   _("The folder “%s” does not exist, so there is no database “%s”. "
                     "Check the path, or create the folder first."), folder, path);
      return FALSE;
    }

  if (!(flags & CA_DATABASE_OPEN_CREATE))
    {
      g_set_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_FOUND,
                   _("There is no database “%s”. Check the name, or create a new one."), path);
      return FALSE;
    }

  return create_private_file (path, created, error);
}

static void
notice_free (CaDatabaseNotice *notice)
{
  g_free (notice->message);
  g_free (notice);
}

void
ca_database_add_notice (CaDatabase           *self,
                        CaDatabaseNoticeKind  kind,
                        char                 *message)
{
  CaDatabaseNotice *notice = g_new0 (CaDatabaseNotice, 1);

  notice->kind = kind;
  notice->message = message;
  g_ptr_array_add (self->notices, notice);
}

/* Readable by its owner only (R-M5), whoever made the file: another program, a copy or an
 * unzip gives the usual 0644, and SQLite gives the log and index it makes beside a file
 * that file's mode, so they would be readable by everyone too. Only the group and other
 * bits go, so a write-protected file stays write-protected. */
static gboolean
make_private (CaDatabase  *self,
              GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  gboolean changed = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (self->path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (name, &st) != 0 || !S_ISREG (st.st_mode) || (st.st_mode & 077) == 0)
        continue;

      if (g_chmod (name, st.st_mode & 07700) != 0)
        {
          int saved_errno = errno;

          /* Another account's file that we may not write either: open_handle() refuses
           * it as read-only, which is the more useful thing to hear. */
          if (i == 0 && access (name, W_OK) != 0)
            return TRUE;

          g_set_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_PRIVATE,
                       _("“%s” can be read by other people using this computer, and Case "
                         "Audit cannot make it private (%s): it belongs to another account. "
                         "Ask its owner or an administrator to make it readable by its owner "
                         "only (chmod 600), or copy it into a folder of your own and open the "
                         "copy."), name, g_strerror (saved_errno));
          return FALSE;
        }
      changed = TRUE;
    }

  if (changed)
    ca_database_add_notice (self, CA_DATABASE_NOTICE_MADE_PRIVATE,
                            g_strdup_printf (_("“%s” could be read by other people using this "
                                               "computer. Case Audit has made it, and the "
                                               "working files beside it, readable by you "
                                               "only."), self->path));
  return TRUE;
}

static gboolean
open_handle (CaDatabase  *self,
             GError     **error)
{
  int rc = sqlite3_open_v2 (self->path, &self->handle,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      ca_database_set_sqlite_error (self, rc, error);
      return FALSE;
    }

  sqlite3_extended_result_codes (self->handle, TRUE);
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);

  /* SQLite quietly opens a write-protected file read-only; say so now rather than
   * at the first save. */
  if (sqlite3_db_readonly (self->handle, "main") == 1)
    {
      ca_database_set_sqlite_error (self, SQLITE_READONLY, error);
      return FALSE;
    }

  return exec_sql (self, "PRAGMA foreign_keys = ON", error) &&
         check_identity (self, error) &&
         exec_sql (self, "PRAGMA journal_mode = WAL", error);
}

static void
ca_database_finalize (GObject *object)
{
  CaDatabase *self = (CaDatabase *) object;

  if (self->transaction_depth > 0)
    g_warning ("Closing %s with a transaction still open; it is rolled back", self->path);
  g_clear_pointer (&self->history_statement, ca_statement_free);
  g_clear_pointer (&self->history_head_statement, ca_statement_free);
  g_clear_pointer (&self->notices, g_ptr_array_unref);
  g_clear_pointer (&self->changes, ca_database_changes_free);
  /* The held files keep SQLite from deleting the log as the connection closes: copy its
   * pages into the file now, so that a copy of the file alone is complete. */
  if (self->holds_files && self->handle != NULL)
    sqlite3_exec (self->handle, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  g_clear_pointer (&self->handle, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->user, g_free);

  G_OBJECT_CLASS (ca_database_parent_class)->finalize (object);
}

static void
ca_database_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CaDatabase *self = CA_DATABASE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_database_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CaDatabase *self = CA_DATABASE (object);

  switch (prop_id)
    {
    case PROP_USER:
      ca_database_set_user (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_database_class_init (CaDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ca_database_finalize;
  object_class->get_property = ca_database_get_property;
  object_class->set_property = ca_database_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
  ca_database_changes_install_signal (object_class);
}

static void
ca_database_init (CaDatabase *self)
{
  self->user = g_strdup (g_get_user_name ());
  self->notices = g_ptr_array_new_with_free_func ((GDestroyNotify) notice_free);
  self->changes = ca_database_changes_new (self);
}

static CaDatabase *
open_database (const char           *path,
               CaDatabaseOpenFlags   flags,
               CaDatabaseReadyFunc   ready,
               gboolean              first,
               GError              **error)
{
  g_autoptr(CaDatabase) self = NULL;

  self = g_object_new (CA_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->ready = ready;
  if (!check_path (path, flags, &self->created, error))
    return NULL;

  /* Before SQLite opens it, so that a log or index it makes now is private too. A second
   * connection of this process finds it done already. */
  if (first && !self->created && !make_private (self, error))
    return NULL;

  /* A file made by this call and left unusable is not left behind. */
  if (!open_handle (self, error) || !migrate (self, error))
    {
      ca_database_discard_if_new (&self);
      return NULL;
    }

  /* What the layers above need in every database (the stores: the built-in audit tools),
   * on a complete connection and before the history is checked, as when CaDatabase made
   * that call itself; a file this call made is not left behind when it fails. */
  if (self->ready != NULL && !self->ready (self, error))
    {
      ca_database_discard_if_new (&self);
      return NULL;
    }

  /* Never refuses the file: the data stays usable, and exportable, whatever was done to
   * its history. See ca-database-verify.c. */
  if (first)
    ca_database_check_history_on_open (self);

  return g_steal_pointer (&self);
}

/**
 * ca_database_open_full:
 * @path: the database file
 * @flags: %CA_DATABASE_OPEN_CREATE to create a missing file (mode 0600)
 * @ready: (nullable): run on the connection once it is open and up to date, and on each
 *   connection ca_database_open_another() makes from it
 *
 * Opens the file, refuses one that is damaged, read-only, another program's, from a
 * newer Case Audit, or not a file at all (a folder, a device, a pipe), brings an older
 * one up to date in a single transaction, and runs @ready: the stores pass
 * ca_stores_open()'s, which installs any built-in audit tool the file does not have yet.
 * That is how the layers above put in what every database must hold without CaDatabase
 * knowing of them. When @ready fails, the open fails with its error.
 *
 * A file other people may read is made private to its owner, or refused when that cannot
 * be done; the change history's protection and the newest part of its chain are checked.
 * What was found and done is kept for the caller to show: ca_database_get_notices().
 * Each thread that touches the database opens its own connection.
 */
CaDatabase *
ca_database_open_full (const char           *path,
                       CaDatabaseOpenFlags   flags,
                       CaDatabaseReadyFunc   ready,
                       GError              **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_database (path, flags, ready, TRUE, error);
}

/**
 * ca_database_open:
 *
 * ca_database_open_full() with nothing run after opening: the file as the migrations
 * leave it. The app, the command line and the tests open through ca_stores_open().
 */
CaDatabase *
ca_database_open (const char           *path,
                  CaDatabaseOpenFlags   flags,
                  GError              **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_database (path, flags, NULL, TRUE, error);
}

/**
 * ca_database_get_notices:
 *
 * Returns: (transfer none) (element-type CaDatabaseNotice): what opening the file found
 * and did that its user should be told: the file made private, the history found altered
 * outside Case Audit. The command line prints them; the window shows them.
 */
GPtrArray *
ca_database_get_notices (CaDatabase *self)
{
  g_return_val_if_fail (CA_IS_DATABASE (self), NULL);

  return self->notices;
}

/**
 * ca_database_discard_if_new:
 * @database: (inout) (transfer full): a connection, cleared on return
 *
 * Drops the caller's connection and, when that connection made the file and held the last
 * reference, removes the file with its log and index: a command refused on a new path
 * leaves no empty database behind for the user to wonder about. A database that existed
 * before is only closed.
 */
void
ca_database_discard_if_new (CaDatabase **database)
{
  g_autofree char *path = NULL;
  CaDatabase *self;

  g_return_if_fail (database != NULL);

  self = g_steal_pointer (database);
  if (self == NULL)
    return;
  if (self->created && G_OBJECT (self)->ref_count == 1)
    path = g_strdup (self->path);
  g_object_unref (self);
  if (path != NULL)
    remove_files (path);
}

/* A second connection to the same file, for a worker thread, made ready as the first was.
 * The first connection has made the file private and checked its history already, and
 * told the user. */
CaDatabase *
ca_database_open_another (CaDatabase  *self,
                          GError     **error)
{
  CaDatabase *other;

  g_return_val_if_fail (CA_IS_DATABASE (self), NULL);

  other = open_database (self->path, CA_DATABASE_OPEN_DEFAULT, self->ready, FALSE, error);
  if (other != NULL)
    ca_database_set_user (other, self->user);
  return other;
}

char *
ca_database_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "case-audit", "case-audit.db", NULL);
}

/* The default path, with its folder made first and private to its owner (R-M5): the
 * database holds data about children. A folder that cannot be made is left for
 * ca_database_open() to explain. */
char *
ca_database_prepare_default_path (void)
{
  g_autofree char *path = ca_database_get_default_path ();
  g_autofree char *folder = g_path_get_dirname (path);

  g_mkdir_with_parents (folder, 0700);
  return g_steal_pointer (&path);
}

CaDatabaseChanges *
ca_database_get_changes (CaDatabase *self)
{
  return self->changes;
}

sqlite3 *
ca_database_get_handle (CaDatabase *self)
{
  return self->handle;
}

const char *
ca_database_get_path (CaDatabase *self)
{
  g_return_val_if_fail (CA_IS_DATABASE (self), NULL);

  return self->path;
}

int
ca_database_get_schema_version (CaDatabase *self)
{
  g_return_val_if_fail (CA_IS_DATABASE (self), 0);

  return self->schema_version;
}

const char *
ca_database_get_user (CaDatabase *self)
{
  g_return_val_if_fail (CA_IS_DATABASE (self), NULL);

  return self->user;
}

/* The name written into the change history for this connection's changes. */
void
ca_database_set_user (CaDatabase *self,
                      const char *user)
{
  g_return_if_fail (CA_IS_DATABASE (self));
  g_return_if_fail (user != NULL);

  if (g_strcmp0 (self->user, user) == 0)
    return;

  g_free (self->user);
  self->user = g_strdup (user);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

static sqlite3_stmt *
prepare_handle (CaDatabase  *self,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      ca_database_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return stmt;
}

CaStatement *
ca_database_prepare (CaDatabase  *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CA_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if ((stmt = prepare_handle (self, sql, error)) == NULL)
    return NULL;
  return ca_statement_new (self, stmt);
}

/* For fixed SQL only (schema, pragmas); anything carrying values is prepared and bound. */
gboolean
ca_database_exec (CaDatabase  *self,
                  const char  *sql,
                  GError     **error)
{
  g_return_val_if_fail (CA_IS_DATABASE (self), FALSE);

  return exec_sql (self, sql, error);
}

gint64
ca_database_last_insert_id (CaDatabase *self)
{
  g_return_val_if_fail (CA_IS_DATABASE (self), 0);

  return sqlite3_last_insert_rowid (self->handle);
}

/* Transactions nest: the outermost takes the write lock at once (BEGIN IMMEDIATE), so two
 * connections never both read and then both write the same row; inner ones are savepoints. */
gboolean
ca_database_begin (CaDatabase  *self,
                   GError     **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (self), FALSE);

  if (self->transaction_depth == 0)
    {
      sql = g_strdup ("BEGIN IMMEDIATE");
      self->head_known = FALSE;
    }
  else
    sql = g_strdup_printf ("SAVEPOINT ca_%u", self->transaction_depth);

  if (!exec_sql (self, sql, error))
    return FALSE;

  ca_database_changes_begin (self->changes);
  self->transaction_depth++;
  return TRUE;
}

gboolean
ca_database_commit (CaDatabase  *self,
                    GError     **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  if (self->transaction_depth == 1)
    {
      if (!ca_database_changes_log (self->changes, error))
        return FALSE;
      sql = g_strdup ("COMMIT");
      self->head_known = FALSE;
    }
  else
    sql = g_strdup_printf ("RELEASE ca_%u", self->transaction_depth - 1);

  if (!exec_sql (self, sql, error))
    return FALSE;

  self->transaction_depth--;
  ca_database_changes_commit (self->changes);
  return TRUE;
}

void
ca_database_rollback (CaDatabase *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (CA_IS_DATABASE (self));

  if (self->transaction_depth == 0)
    return;

  self->head_known = FALSE;
  self->transaction_depth--;
  ca_database_changes_rollback (self->changes);
  if (self->transaction_depth == 0)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO ca_%u; RELEASE ca_%u",
                           self->transaction_depth, self->transaction_depth);

  /* After a full disk, an I/O error or an interrupt SQLite may already have rolled the
   * whole transaction back itself; there is then nothing left to undo, and asking again
   * would only fail with "no transaction is active". */
  if (sqlite3_get_autocommit (self->handle))
    return;

  if (sqlite3_exec (self->handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Rollback failed on %s: %s", self->path, sqlite3_errmsg (self->handle));
}

/**
 * ca_database_record_change:
 * @changed_at: (nullable): when, as a UTC timestamp; %NULL for now
 *
 * Appends one row to the change history, as the current user. Stores call this inside
 * the transaction that makes the change.
 */
gboolean
ca_database_record_change (CaDatabase  *self,
                           const char  *changed_at,
                           const char  *entity,
                           gint64       entity_id,
                           const char  *field,
                           const char  *old_value,
                           const char  *new_value,
                           GError     **error)
{
  CaStatement *stmt;
  CaStatement *head;
  g_autofree char *now = NULL;
  g_autofree char *previous_hash = NULL;
  g_autofree char *hash = NULL;
  gboolean has_row = FALSE;
  gboolean own_transaction;
  gint64 id;

  g_return_val_if_fail (CA_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (entity != NULL && field != NULL, FALSE);

  if (self->history_statement == NULL)
    {
      sqlite3_stmt *handle = prepare_handle (self,
                                             "INSERT INTO change_history (id, changed_at, "
                                             "changed_by, entity, entity_id, field, old_value, "
                                             "new_value, hash) "
                                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
      if (handle == NULL)
        return FALSE;
      self->history_statement = ca_statement_new_cached (self, handle);
    }
  stmt = self->history_statement;

  /* The head of the chain: the hash the seal says comes last, and the next free number.
   * Taken from the seal rather than from the last row, so that a row deleted from the end
   * behind the app's back still breaks the chain where the app carries on. Without a seal
   * (removed outside the app, until the next open puts it back) the last row serves. */
  if (self->history_head_statement == NULL)
    {
      sqlite3_stmt *handle = prepare_handle (self,
                                             "SELECT coalesce ((SELECT last_hash FROM "
                                             "change_history_seal), (SELECT hash FROM "
                                             "change_history ORDER BY id DESC LIMIT 1), ''), "
                                             "max (coalesce ((SELECT last_id FROM "
                                             "change_history_seal), 0), coalesce ((SELECT "
                                             "max (id) FROM change_history), 0)) + 1", error);
      if (handle == NULL)
        return FALSE;
      self->history_head_statement = ca_statement_new_cached (self, handle);
    }
  head = self->history_head_statement;

  if (changed_at == NULL)
    changed_at = now = ca_timestamp_now ();

  /* Reading the head and writing after it must not be split by another writer. */
  own_transaction = self->transaction_depth == 0;
  if (own_transaction && !ca_database_begin (self, error))
    return FALSE;

  if (self->head_known)
    {
      previous_hash = g_strdup (self->head_hash);
      id = self->head_id + 1;
    }
  else
    {
      if (!ca_statement_step (head, &has_row, error))
        goto failed;
      g_assert (has_row);
      previous_hash = ca_statement_dup_text (head, 0);
      id = ca_statement_get_int64 (head, 1);
      ca_statement_reset (head);
    }

  hash = ca_database_hash_history_row (previous_hash, id, changed_at, self->user, entity,
                                       entity_id, field, old_value, new_value);

  ca_statement_bind_int64 (stmt, 1, id);
  ca_statement_bind_text (stmt, 2, changed_at);
  ca_statement_bind_text (stmt, 3, self->user);
  ca_statement_bind_text (stmt, 4, entity);
  ca_statement_bind_int64 (stmt, 5, entity_id);
  ca_statement_bind_text (stmt, 6, field);
  ca_statement_bind_text (stmt, 7, old_value);
  ca_statement_bind_text (stmt, 8, new_value);
  ca_statement_bind_text (stmt, 9, hash);

  if (!ca_statement_run (stmt, error))
    goto failed;

  if (own_transaction)
    {
      if (!ca_database_commit (self, error))
        goto failed;
      return TRUE;
    }

  self->head_known = strlen (hash) < sizeof self->head_hash;
  self->head_id = id;
  g_strlcpy (self->head_hash, hash, sizeof self->head_hash);
  return TRUE;

failed:
  if (own_transaction)
    ca_database_rollback (self);
  return FALSE;
}

static gboolean
is_tracked_field (const char *entity,
                  const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (tracked_fields); i++)
    if (g_str_equal (tracked_fields[i].entity, entity))
      return g_strv_contains (tracked_fields[i].fields, field);
  return FALSE;
}

/**
 * ca_database_update_tracked:
 * @entity: a tracked table: "audit", "action", "moderation" or "manager_response"
 * @field: one of that table's tracked columns
 * @value: (nullable): the new value, as text
 *
 * Changes one field and appends the old and new values to the change history in the
 * same transaction. Unchanged values write nothing.
 */
gboolean
ca_database_update_tracked (CaDatabase  *self,
                            const char  *entity,
                            gint64       entity_id,
                            const char  *field,
                            const char  *value,
                            GError     **error)
{
  g_autoptr(CaStatement) select = NULL;
  g_autoptr(CaStatement) update = NULL;
  g_autofree char *select_sql = NULL;
  g_autofree char *update_sql = NULL;
  g_autofree char *old_value = NULL;
  gboolean has_row = FALSE;

  g_return_val_if_fail (CA_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (is_tracked_field (entity, field), FALSE);

  select_sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", field, entity);
  update_sql = g_strdup_printf ("UPDATE %s SET %s = ? WHERE id = ?", entity, field);

  if (!ca_database_begin (self, error))
    return FALSE;

  if ((select = ca_database_prepare (self, select_sql, error)) == NULL)
    goto failed;
  ca_statement_bind_int64 (select, 1, entity_id);
  if (!ca_statement_step (select, &has_row, error))
    goto failed;
  if (!has_row)
    {
      g_set_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_FOUND,
                   _("The %s being changed no longer exists (number %" G_GINT64_FORMAT ")."),
                   entity, entity_id);
      goto failed;
    }
  old_value = ca_statement_dup_text (select, 0);

  if (g_strcmp0 (old_value, value) != 0)
    {
      if ((update = ca_database_prepare (self, update_sql, error)) == NULL)
        goto failed;
      ca_statement_bind_text (update, 1, value);
      ca_statement_bind_int64 (update, 2, entity_id);
      if (!ca_statement_run (update, error) ||
          !ca_database_record_change (self, NULL, entity, entity_id, field, old_value, value,
                                      error))
        goto failed;
    }
  /* A commit that fails is rolled back like any other failure, so that no transaction is
   * left open to swallow the next write. */
  if (!ca_database_commit (self, error))
    goto failed;
  return TRUE;

failed:
  ca_database_rollback (self);
  return FALSE;
}

/* SQLite's lock bytes (os_unix.c): a connection closing takes a write lock over the shared
 * range of the database file to learn that it is the last one, and a connection opening
 * takes one on the "dead man switch" byte of the -shm file to learn that it is the first. */
#define SQLITE_SHARED_FIRST (0x40000000 + 2)
#define SQLITE_SHARED_SIZE 510
#define SQLITE_SHM_DMS_BYTE 128

G_LOCK_DEFINE_STATIC (held_files);
static GHashTable *held_files;  /* canonical path → TRUE, for the life of the process */

static gboolean
hold_read_lock (const char  *path,
                off_t        start,
                off_t        length,
                GError     **error)
{
#ifdef F_OFD_SETLK
  struct flock lock = {
    .l_type = F_RDLCK,
    .l_whence = SEEK_SET,
    .l_start = start,
    .l_len = length,
  };
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0 || fcntl (fd, F_OFD_SETLK, &lock) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_FAILED,
                   _("Could not protect the database “%s” while it is open: %s."), path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  /* The descriptor stays open on purpose: closing it would drop the POSIX locks of every
   * connection in this process, the very hazard it guards against. */
#endif
  return TRUE;
}

/**
 * ca_database_hold_files:
 *
 * Keeps the database's write-ahead log safe, for the life of the process, from code in
 * this process that opens and closes the file behind SQLite's back. GTK's file chooser
 * does so whenever it lists the database's folder, to sniff each file's type, and closing
 * any descriptor on a file drops every POSIX lock the process holds on it. Another program
 * that then closed its connection would take itself for the last one, checkpoint and
 * delete the log, and the window's next commit would be lost (SQLite's "How To Corrupt An
 * SQLite Database File", 2.2).
 *
 * Open-file-description locks do not belong to the process, so no close elsewhere drops
 * them: a read lock on the shared range of the file and on the -shm file's first-opener
 * byte tells every other program that this one is still there. The window calls this for
 * the database it shows; the command line, which opens no file chooser, has no need to.
 * The log is then left for the next opener rather than deleted when the process ends;
 * SQLite reads it back, and the last connection's checkpoint keeps the file itself whole.
 */
gboolean
ca_database_hold_files (CaDatabase  *self,
                        GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *shm = NULL;
  gboolean held = TRUE;

  g_return_val_if_fail (CA_IS_DATABASE (self), FALSE);

  path = g_canonicalize_filename (self->path, NULL);
  shm = g_strconcat (path, "-shm", NULL);

  G_LOCK (held_files);
  if (held_files == NULL)
    held_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_hash_table_contains (held_files, path))
    {
      held = hold_read_lock (path, SQLITE_SHARED_FIRST, SQLITE_SHARED_SIZE, error) &&
             hold_read_lock (shm, SQLITE_SHM_DMS_BYTE, 1, error);
      if (held)
        g_hash_table_add (held_files, g_steal_pointer (&path));
    }
  G_UNLOCK (held_files);

  self->holds_files = held;
  return held;
}
