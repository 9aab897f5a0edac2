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
#include <unistd.h>

#include "ca-database-private.h"
#include "ca-tool-store.h"
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
  int      schema_version;
  guint    transaction_depth;
  /* This connection made the file: see ca_database_discard_if_new(). */
  gboolean created;
  /* See ca_database_hold_files(). */
  gboolean holds_files;
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
                "completed_on", NULL } },
  { "moderation", { "moderator_id", "due_date", "moderated_on", "overall_grade",
                    "differences", "discussion_date", "participants", "further_actions",
                    "learning", "made_difference", NULL } },
  { "manager_response", { "manager_id", "response", "stretch_target", "decision",
                          "due_date", "responded_on", NULL } },
};

G_DEFINE_QUARK (ca-database-error-quark, ca_database_error)

static int
error_code_for_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return CA_DATABASE_ERROR_LOCKED;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return CA_DATABASE_ERROR_READ_ONLY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return CA_DATABASE_ERROR_CORRUPT;
    case SQLITE_CONSTRAINT:
      return CA_DATABASE_ERROR_CONSTRAINT;
    case SQLITE_CANTOPEN:
      return CA_DATABASE_ERROR_NOT_FOUND;
    default:
      return CA_DATABASE_ERROR_FAILED;
    }
}

/* Words a CPP lead can act on, with the engine's own message kept for support. */
void
ca_database_set_sqlite_error (CaDatabase *self,
                              int         rc,
                              GError    **error)
{
  const char *detail = self->handle ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc);
  int code = error_code_for_sqlite (rc);
  const char *display = self->path ? self->path : "";

  switch (code)
    {
    case CA_DATABASE_ERROR_LOCKED:
      g_set_error (error, CA_DATABASE_ERROR, code,
                   _("The database “%s” is busy: another program or another copy of Case Audit "
                     "is writing to it. Wait a moment and try again."), display);
      break;
    case CA_DATABASE_ERROR_READ_ONLY:
      g_set_error (error, CA_DATABASE_ERROR, code,
                   _("The database “%s” cannot be changed: it is read-only. Nothing was saved. "
                     "Ask for permission to change it, or open a copy you can write to."),
                   display);
      break;
    case CA_DATABASE_ERROR_CORRUPT:
      g_set_error (error, CA_DATABASE_ERROR, code,
                   _("“%s” is damaged or is not a database. Restore it from a backup."),
                   display);
      break;
    case CA_DATABASE_ERROR_NOT_FOUND:
      g_set_error (error, CA_DATABASE_ERROR, code,
                   _("The database “%s” could not be opened (%s)."), display, detail);
      break;
    default:
      g_set_error (error, CA_DATABASE_ERROR, code,
                   _("The database “%s” reported a problem: %s."), display, detail);
      break;
    }
}

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
      if (!exec_sql (self, sql, error))
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

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_FOUND,
                   _("“%s” is a folder, not a database file."), path);
      return FALSE;
    }

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

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
}

static void
ca_database_init (CaDatabase *self)
{
  self->user = g_strdup (g_get_user_name ());
}

/**
 * ca_database_open:
 * @path: the database file
 * @flags: %CA_DATABASE_OPEN_CREATE to create a missing file (mode 0600)
 *
 * Opens the file, refuses one that is damaged, read-only, another program's or from a
 * newer Case Audit, brings an older one up to date in a single transaction, and installs
 * any built-in audit tool it does not have yet (ca_tool_store_install_builtin()).
 * Each thread that touches the database opens its own connection.
 */
CaDatabase *
ca_database_open (const char           *path,
                  CaDatabaseOpenFlags   flags,
                  GError              **error)
{
  g_autoptr(CaDatabase) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CA_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  if (!check_path (path, flags, &self->created, error))
    return NULL;

  /* A file made by this call and left unusable is not left behind. */
  if (!open_handle (self, error) || !migrate (self, error))
    {
      ca_database_discard_if_new (&self);
      return NULL;
    }

  /* The built-in audit tools are part of a usable database, as the roles are (R-E1). This
   * is done on every open rather than only in migrate(): it also reaches files made before
   * a tool was added to Case Audit, in releases that change no schema. It reads a few rows
   * and writes only when a tool is missing, so opening stays cheap and takes no write lock.
   * The tool store is a client of CaDatabase's public calls; this one call back, made once
   * the connection is complete, is the only way CaDatabase depends on it. */
  if (!ca_tool_store_install_builtin (self, error))
    {
      ca_database_discard_if_new (&self);
      return NULL;
    }

  return g_steal_pointer (&self);
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

/* A second connection to the same file, for a worker thread. */
CaDatabase *
ca_database_open_another (CaDatabase  *self,
                          GError     **error)
{
  CaDatabase *other;

  g_return_val_if_fail (CA_IS_DATABASE (self), NULL);

  other = ca_database_open (self->path, CA_DATABASE_OPEN_DEFAULT, error);
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
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT ca_%u", self->transaction_depth);

  if (!exec_sql (self, sql, error))
    return FALSE;

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
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE ca_%u", self->transaction_depth - 1);

  if (!exec_sql (self, sql, error))
    return FALSE;

  self->transaction_depth--;
  return TRUE;
}

void
ca_database_rollback (CaDatabase *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (CA_IS_DATABASE (self));

  if (self->transaction_depth == 0)
    return;

  self->transaction_depth--;
  if (self->transaction_depth == 0)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO ca_%u; RELEASE ca_%u",
                           self->transaction_depth, self->transaction_depth);

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
  g_autofree char *now = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (entity != NULL && field != NULL, FALSE);

  if (self->history_statement == NULL)
    {
      sqlite3_stmt *handle = prepare_handle (self,
                                             "INSERT INTO change_history (changed_at, changed_by, "
                                             "entity, entity_id, field, old_value, new_value) "
                                             "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
      if (handle == NULL)
        return FALSE;
      self->history_statement = ca_statement_new_cached (self, handle);
    }
  stmt = self->history_statement;

  if (changed_at == NULL)
    changed_at = now = ca_timestamp_now ();

  ca_statement_bind_text (stmt, 1, changed_at);
  ca_statement_bind_text (stmt, 2, self->user);
  ca_statement_bind_text (stmt, 3, entity);
  ca_statement_bind_int64 (stmt, 4, entity_id);
  ca_statement_bind_text (stmt, 5, field);
  ca_statement_bind_text (stmt, 6, old_value);
  ca_statement_bind_text (stmt, 7, new_value);

  return ca_statement_run (stmt, error);
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

  if (g_strcmp0 (old_value, value) == 0)
    return ca_database_commit (self, error);

  if ((update = ca_database_prepare (self, update_sql, error)) == NULL)
    goto failed;
  ca_statement_bind_text (update, 1, value);
  ca_statement_bind_int64 (update, 2, entity_id);
  if (!ca_statement_run (update, error) ||
      !ca_database_record_change (self, NULL, entity, entity_id, field, old_value, value, error) ||
      !ca_database_commit (self, error))
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
