// SPDX-License-Identifier: GPL-3.0-or-later
// CaDatabase's checks: the change history's hash chain and protection, on open and in verify.

/*
 * The change history (R-M3) is append-only: triggers refuse UPDATE and DELETE. Anyone with
 * the sqlite3 program can drop them first, so each row also carries a seal,
 *
 *   hash = hex (SHA-256 (previous row's hash ‖ id ‖ changed_at ‖ changed_by ‖ entity ‖
 *                        entity_id ‖ field ‖ old_value ‖ new_value))
 *
 * where the first row's previous hash is the empty text, each text is written as
 * "t<length in bytes>:<bytes>", NULL as "n" and each number as "i<decimal>;", so that no two
 * different rows give the same input. A separate one-row table, change_history_seal, holds
 * the head of the chain (how many rows, the last one's number and hash), kept by a trigger
 * as rows are added: rows deleted from the end leave a shorter chain that still links up,
 * and only the head shows they are gone.
 *
 * Every open checks, cheaply, that the triggers are there as Case Audit made them, that
 * the head matches the last row, and that the newest HISTORY_TAIL rows link up. What it
 * finds is told to the user (ca_database_get_notices()), put right where it can be (the
 * triggers and the head come back, so the history is protected again from now on), and
 * noted in the history itself as a "change_history"/"integrity" row, which is chained like
 * any other. Every later open reminds the user of that note; "case-audit verify" walks the
 * whole chain and reports each break.
 *
 * This makes changes made with ordinary tools visible. It is not proof against someone
 * who reads this file and recomputes every hash after their change: the file holds no
 * secret that could stop them. Backups kept elsewhere are the answer to that.
 */

#define G_LOG_DOMAIN "ca-database"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ca-database-private.h"

/* Rows checked on every open: a few milliseconds on any history. */
#define HISTORY_TAIL 64
/* Breaks "verify" describes one by one before it only counts them. */
#define MAX_BREAKS_DESCRIBED 50

/* The rows Case Audit adds when it finds the history altered. */
#define FINDING_ENTITY "change_history"
#define FINDING_FIELD "integrity"

#define ROW_COLUMNS "id, changed_at, changed_by, entity, entity_id, field, old_value, " \
                    "new_value, hash"

/* The history's triggers exactly as the schema makes them (0001 and 0007; SQLite keeps the
 * text it was given). Put back from here when they are missing or changed. */
static const struct
{
  const char *name;
  const char *does;  /* what it is for, to finish "The trigger X, which …" */
  const char *sql;
} history_triggers[] = {
  { "change_history_no_update", N_("stops rows of the change history being changed"),
    "CREATE TRIGGER change_history_no_update BEFORE UPDATE ON change_history\n"
    "BEGIN\n"
    "  SELECT RAISE (ABORT, 'the change history cannot be altered');\n"
    "END" },
  { "change_history_no_delete", N_("stops rows of the change history being deleted"),
    "CREATE TRIGGER change_history_no_delete BEFORE DELETE ON change_history\n"
    "BEGIN\n"
    "  SELECT RAISE (ABORT, 'the change history cannot be altered');\n"
    "END" },
  { "change_history_seal_insert", N_("keeps the record of where the change history ends"),
    "CREATE TRIGGER change_history_seal_insert AFTER INSERT ON change_history\n"
    "BEGIN\n"
    "  UPDATE change_history_seal SET row_count = row_count + 1, last_id = NEW.id,\n"
    "    last_hash = NEW.hash;\n"
    "END" },
  { "change_history_seal_no_delete",
    N_("stops the record of where the change history ends being deleted"),
    "CREATE TRIGGER change_history_seal_no_delete BEFORE DELETE ON change_history_seal\n"
    "BEGIN\n"
    "  SELECT RAISE (ABORT, 'the change history cannot be altered');\n"
    "END" },
};

static const char seal_table_sql[] =
  "CREATE TABLE IF NOT EXISTS change_history_seal (\n"
  "  id        INTEGER PRIMARY KEY CHECK (id = 1),\n"
  "  row_count INTEGER NOT NULL,\n"
  "  last_id   INTEGER NOT NULL,\n"
  "  last_hash TEXT NOT NULL\n"
  ")";

typedef enum
{
  PROBLEM_TRIGGER,
  PROBLEM_SEAL,
  PROBLEM_CHAIN,
  PROBLEM_UNCHECKED,
} ProblemKind;

/* One thing found wrong with the history. ROW_ID is the row the note about it names: the
 * row where the chain breaks, the last row the head names, or 0. */
typedef struct
{
  ProblemKind  kind;
  gint64       row_id;
  char        *message;
} Problem;

static void
problem_free (Problem *problem)
{
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray   *problems,
             ProblemKind  kind,
             gint64       row_id,
             char        *message)
{
  Problem *problem = g_new0 (Problem, 1);

  problem->kind = kind;
  problem->row_id = row_id;
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

static gboolean
has_chain_problem (GPtrArray *problems,
                   gint64     row_id)
{
  for (guint i = 0; i < problems->len; i++)
    {
      Problem *problem = problems->pdata[i];

      if (problem->kind == PROBLEM_CHAIN && problem->row_id == row_id)
        return TRUE;
    }
  return FALSE;
}

/* Steps STMT while it has rows; a failed prepare (*RC not SQLITE_OK) ends it at once. After
 * the loop *RC is SQLITE_DONE when every row was read. */
static gboolean
next_row (sqlite3_stmt *stmt,
          int          *rc)
{
  if (*rc != SQLITE_OK && *rc != SQLITE_ROW)
    return FALSE;
  *rc = sqlite3_step (stmt);
  return *rc == SQLITE_ROW;
}

/* The hash's input: see the top of this file. */

static void
update_text (GChecksum  *checksum,
             const char *text,
             gssize      length)
{
  char head[32];

  if (text == NULL)
    {
      g_checksum_update (checksum, (const guchar *) "n", 1);
      return;
    }
  if (length < 0)
    length = strlen (text);
  g_snprintf (head, sizeof head, "t%" G_GSSIZE_FORMAT ":", length);
  g_checksum_update (checksum, (const guchar *) head, -1);
  g_checksum_update (checksum, (const guchar *) text, length);
}

static void
update_int (GChecksum *checksum,
            gint64     value)
{
  char text[32];

  g_snprintf (text, sizeof text, "i%" G_GINT64_FORMAT ";", value);
  g_checksum_update (checksum, (const guchar *) text, -1);
}

/**
 * ca_database_hash_history_row:
 * @previous_hash: (nullable): the hash of the row before, "" or %NULL for the first row
 *
 * Returns: the seal of a change-history row, 64 hex digits.
 */
char *
ca_database_hash_history_row (const char *previous_hash,
                              gint64      id,
                              const char *changed_at,
                              const char *changed_by,
                              const char *entity,
                              gint64      entity_id,
                              const char *field,
                              const char *old_value,
                              const char *new_value)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  update_text (checksum, previous_hash != NULL ? previous_hash : "", -1);
  update_int (checksum, id);
  update_text (checksum, changed_at, -1);
  update_text (checksum, changed_by, -1);
  update_text (checksum, entity, -1);
  update_int (checksum, entity_id);
  update_text (checksum, field, -1);
  update_text (checksum, old_value, -1);
  update_text (checksum, new_value, -1);
  return g_strdup (g_checksum_get_string (checksum));
}

/* A text column's bytes as stored, NULL for NULL. */
static void
update_column (GChecksum    *checksum,
               sqlite3_stmt *stmt,
               int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  update_text (checksum, text, text != NULL ? sqlite3_column_bytes (stmt, column) : 0);
}

/* The seal a row read with ROW_COLUMNS should have, from its bytes as stored. */
static char *
hash_statement_row (const char   *previous_hash,
                    sqlite3_stmt *stmt)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  update_text (checksum, previous_hash, -1);
  update_int (checksum, sqlite3_column_int64 (stmt, 0));   /* id */
  update_column (checksum, stmt, 1);                       /* changed_at */
  update_column (checksum, stmt, 2);                       /* changed_by */
  update_column (checksum, stmt, 3);                       /* entity */
  update_int (checksum, sqlite3_column_int64 (stmt, 4));   /* entity_id */
  update_column (checksum, stmt, 5);                       /* field */
  update_column (checksum, stmt, 6);                       /* old_value */
  update_column (checksum, stmt, 7);                       /* new_value */
  return g_strdup (g_checksum_get_string (checksum));
}

/* Sealing the rows a file had before version 0007: run right after that migration's SQL,
 * in its transaction, on the bare connection (the migration test calls it on files it
 * makes by hand). Returns an SQLite result code. */
static int
seal_existing_history (sqlite3 *handle)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *previous = g_strdup ("");
  g_autofree char *seal_sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 last_id = 0;
  int rc;

  /* Read first and written after: changing rows under a running SELECT is undefined. */
  rc = sqlite3_prepare_v2 (handle, "SELECT " ROW_COLUMNS " FROM change_history ORDER BY id",
                           -1, &stmt, NULL);
  while (next_row (stmt, &rc))
    {
      char *hash = hash_statement_row (previous, stmt);

      last_id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, last_id);
      g_ptr_array_add (hashes, hash);
      g_free (previous);
      previous = g_strdup (hash);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return rc;

  rc = sqlite3_prepare_v2 (handle, "UPDATE change_history SET hash = ? WHERE id = ?", -1,
                           &stmt, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < ids->len; i++)
    {
      sqlite3_bind_text (stmt, 1, hashes->pdata[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      rc = sqlite3_step (stmt);
      rc = rc == SQLITE_DONE ? sqlite3_reset (stmt) : rc;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return rc;

  rc = sqlite3_prepare_v2 (handle, "INSERT INTO change_history_seal (id, row_count, last_id, "
                           "last_hash) VALUES (1, ?, ?, ?)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, ids->len);
      sqlite3_bind_int64 (stmt, 2, last_id);
      sqlite3_bind_text (stmt, 3, previous, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return rc;

  /* Dropped by the migration's SQL so that the seals could be written. */
  return sqlite3_exec (handle, history_triggers[0].sql, NULL, NULL, NULL);
}

/* The work a numbered migration needs done in C, by its file name. */
static const struct
{
  const char *migration;
  int       (*run) (sqlite3 *handle);
} migration_code[] = {
  { "0007-history-chain.sql", seal_existing_history },
};

/**
 * ca_database_run_migration_code:
 * @handle: a connection inside the migration's transaction
 * @migration: the migration's file name, e.g. "0007-history-chain.sql"
 *
 * Does what migration @migration needs beyond its SQL, right after it. Most need nothing.
 *
 * Returns: an SQLite result code
 */
int
ca_database_run_migration_code (sqlite3    *handle,
                                const char *migration)
{
  for (guint i = 0; i < G_N_ELEMENTS (migration_code); i++)
    if (g_strcmp0 (migration_code[i].migration, migration) == 0)
      return migration_code[i].run (handle);
  return SQLITE_OK;
}

/* Checking. Each check appends what it finds to PROBLEMS and returns FALSE only when it
 * could not look at all (then ERROR says why). */

static gboolean
set_error (sqlite3  *handle,
           GError  **error)
{
  g_set_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_FAILED, "%s",
               sqlite3_errmsg (handle));
  return FALSE;
}

/* Ends a row loop of next_row(): finalizes STMT, and says whether the loop, whose last
 * result was RC, read every row. */
static gboolean
end_rows (sqlite3       *handle,
          sqlite3_stmt  *stmt,
          int            rc,
          GError       **error)
{
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_error (handle, error);
  return TRUE;
}

/* Whitespace aside: how the text was laid out is not a change to what it does. */
static char *
normalise_sql (const char *sql)
{
  g_auto(GStrv) words = g_strsplit_set (sql != NULL ? sql : "", " \t\r\n", -1);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", words[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The triggers on the history's tables into FOUND, by name, with their SQL normalised.
 * SQLITE_DONE when every one was read, else SQLite's code: each caller reports it its own
 * way (verify as a plain failure, the repair with the database's codes). */
static int
read_history_triggers (sqlite3    *handle,
                       GHashTable *found)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (handle, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' "
                           "AND tbl_name IN ('change_history', 'change_history_seal')", -1,
                           &stmt, NULL);
  while (next_row (stmt, &rc))
    g_hash_table_insert (found, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         normalise_sql ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  return rc;
}

static gboolean
check_triggers (sqlite3    *handle,
                GPtrArray  *problems,
                GError    **error)
{
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (read_history_triggers (handle, found) != SQLITE_DONE)
    return set_error (handle, error);

  for (guint i = 0; i < G_N_ELEMENTS (history_triggers); i++)
    {
      const char *name = history_triggers[i].name;
      const char *sql = g_hash_table_lookup (found, name);
      g_autofree char *expected = normalise_sql (history_triggers[i].sql);

      if (sql == NULL)
        add_problem (problems, PROBLEM_TRIGGER, 0,
                     /* TRANSLATORS: the trigger's name, then what it is for. */
                     g_strdup_printf (_("The trigger “%s”, which %s, has been removed."),
                                      name, _(history_triggers[i].does)));
      else if (!g_str_equal (sql, expected))
        add_problem (problems, PROBLEM_TRIGGER, 0,
                     g_strdup_printf (_("The trigger “%s”, which %s, has been altered."),
                                      name, _(history_triggers[i].does)));
      g_hash_table_remove (found, name);
    }

  /* Anything else on these tables was not made by Case Audit. */
  {
    GHashTableIter iter;
    gpointer name;

    g_hash_table_iter_init (&iter, found);
    while (g_hash_table_iter_next (&iter, &name, NULL))
      add_problem (problems, PROBLEM_TRIGGER, 0,
                   g_strdup_printf (_("A trigger “%s” that Case Audit did not make has been "
                                      "added to the change history."), (char *) name));
  }
  return TRUE;
}

static gboolean
seal_table_exists (sqlite3 *handle)
{
  sqlite3_stmt *stmt = NULL;
  gboolean exists = FALSE;

  if (sqlite3_prepare_v2 (handle, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND "
                          "name = 'change_history_seal'", -1, &stmt, NULL) == SQLITE_OK)
    exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return exists;
}

/* Compares the head the seal keeps with the rows there are; COUNT_ROWS also counts them
 * all, which takes a scan of the table and is left to "verify". */
static gboolean
check_seal (sqlite3    *handle,
            gboolean    count_rows,
            GPtrArray  *problems,
            GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 row_count = 0, last_id = 0, actual_id = 0, actual_count = 0;
  g_autofree char *last_hash = NULL;
  g_autofree char *actual_hash = NULL;
  gboolean has_seal;
  int rc;

  if (!seal_table_exists (handle))
    {
      add_problem (problems, PROBLEM_SEAL, 0,
                   g_strdup (_("The record of where the change history ends has been "
                               "removed.")));
      return TRUE;
    }

  rc = sqlite3_prepare_v2 (handle, "SELECT row_count, last_id, last_hash FROM "
                           "change_history_seal WHERE id = 1", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      row_count = sqlite3_column_int64 (stmt, 0);
      last_id = sqlite3_column_int64 (stmt, 1);
      last_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_error (handle, error);
  has_seal = rc == SQLITE_ROW;

  rc = sqlite3_prepare_v2 (handle, "SELECT id, hash FROM change_history ORDER BY id DESC "
                           "LIMIT 1", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      actual_id = sqlite3_column_int64 (stmt, 0);
      actual_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_error (handle, error);

  if (!has_seal)
    {
      add_problem (problems, PROBLEM_SEAL, 0,
                   g_strdup (_("The record of where the change history ends has been "
                               "removed.")));
      return TRUE;
    }

  if (last_id > actual_id)
    {
      if (actual_id == 0)
        add_problem (problems, PROBLEM_SEAL, last_id,
                     g_strdup_printf (_("Every row of the change history has been deleted: "
                                        "it ended at row %" G_GINT64_FORMAT " and is now "
                                        "empty."), last_id));
      else
        add_problem (problems, PROBLEM_SEAL, last_id,
                     g_strdup_printf (_("The newest rows of the change history have been "
                                        "deleted: it ended at row %" G_GINT64_FORMAT " and "
                                        "now ends at row %" G_GINT64_FORMAT "."),
                                      last_id, actual_id));
    }
  else if (last_id < actual_id)
    add_problem (problems, PROBLEM_SEAL, actual_id,
                 g_strdup_printf (_("Rows after row %" G_GINT64_FORMAT " were added to the "
                                    "change history outside Case Audit."), last_id));
  else if (g_strcmp0 (last_hash, actual_hash != NULL ? actual_hash : "") != 0)
    add_problem (problems, PROBLEM_SEAL, actual_id,
                 g_strdup_printf (_("Row %" G_GINT64_FORMAT " of the change history, the "
                                    "last, has been changed since it was written."),
                                  actual_id));

  if (!count_rows)
    return TRUE;

  rc = sqlite3_prepare_v2 (handle, "SELECT count(*) FROM change_history", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    actual_count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return set_error (handle, error);

  if (actual_count != row_count)
    add_problem (problems, PROBLEM_SEAL, 0,
                 g_strdup_printf (_("The change history should hold %" G_GINT64_FORMAT
                                    " rows but holds %" G_GINT64_FORMAT "."),
                                  row_count, actual_count));
  return TRUE;
}

/* Describes the break where row ID (with seal STORED) does not follow on from the row
 * before it, PREVIOUS_ID. */
static char *
describe_break (gint64      previous_id,
                gint64      id,
                const char *stored)
{
  if (stored == NULL)
    return g_strdup_printf (_("Row %" G_GINT64_FORMAT " of the change history has no seal: "
                              "it was added outside Case Audit."), id);
  if (id == previous_id + 2)
    return g_strdup_printf (_("Row %" G_GINT64_FORMAT " of the change history has been "
                              "deleted."), previous_id + 1);
  if (id > previous_id + 2)
    return g_strdup_printf (_("Rows %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT " of the "
                              "change history have been deleted."), previous_id + 1, id - 1);
  return g_strdup_printf (_("Row %" G_GINT64_FORMAT " of the change history has been changed "
                            "since it was written, or put in another place."), id);
}

/* Walks rows in order of number, each checked against the one before it. TAIL > 0 checks
 * only the newest TAIL rows, linked to the one before them; 0 checks them all from the
 * first. Only the first MAX_BREAKS_DESCRIBED breaks are described; *N_BREAKS counts all. */
static gboolean
check_chain (sqlite3    *handle,
             guint       tail,
             GPtrArray  *problems,
             guint      *n_breaks,
             GError    **error)
{
  g_autofree char *previous_hash = g_strdup ("");
  sqlite3_stmt *stmt = NULL;
  gint64 previous_id = 0;
  int rc;

  *n_breaks = 0;

  /* The row just before the window, if the history is longer than the window. */
  if (tail > 0)
    {
      rc = sqlite3_prepare_v2 (handle, "SELECT id, hash FROM change_history ORDER BY id DESC "
                               "LIMIT 1 OFFSET ?", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, tail);
          if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              const char *hash = (const char *) sqlite3_column_text (stmt, 1);

              previous_id = sqlite3_column_int64 (stmt, 0);
              g_free (previous_hash);
              previous_hash = g_strdup (hash != NULL ? hash : "");
            }
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return set_error (handle, error);
    }

  rc = sqlite3_prepare_v2 (handle, "SELECT " ROW_COLUMNS " FROM change_history WHERE id > ? "
                           "ORDER BY id", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    sqlite3_bind_int64 (stmt, 1, previous_id);
  while (next_row (stmt, &rc))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *stored = (const char *) sqlite3_column_text (stmt, 8);
      g_autofree char *expected = hash_statement_row (previous_hash, stmt);

      if (stored == NULL || !g_str_equal (stored, expected))
        {
          if (++*n_breaks <= MAX_BREAKS_DESCRIBED)
            add_problem (problems, PROBLEM_CHAIN, id, describe_break (previous_id, id, stored));
        }

      previous_id = id;
      g_free (previous_hash);
      previous_hash = g_strdup (stored != NULL ? stored : "");
    }
  return end_rows (handle, stmt, rc, error);
}

/* The notes Case Audit added when it found the history altered. */
typedef struct
{
  gint64  row_id;
  char   *noticed_on;  /* YYYY-MM-DD */
  char   *message;
} Finding;

static void
finding_free (Finding *finding)
{
  g_free (finding->noticed_on);
  g_free (finding->message);
  g_free (finding);
}

static gboolean
load_findings (sqlite3    *handle,
               GPtrArray  *findings,
               GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (handle, "SELECT entity_id, substr (changed_at, 1, 10), new_value "
                           "FROM change_history WHERE entity = '" FINDING_ENTITY "' AND "
                           "field = '" FINDING_FIELD "' ORDER BY id", -1, &stmt, NULL);
  while (next_row (stmt, &rc))
    {
      Finding *finding = g_new0 (Finding, 1);

      finding->row_id = sqlite3_column_int64 (stmt, 0);
      finding->noticed_on = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      finding->message = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (findings, finding);
    }
  return end_rows (handle, stmt, rc, error);
}

static const Finding *
find_finding (GPtrArray *findings,
              gint64     row_id)
{
  for (guint i = 0; i < findings->len; i++)
    if (((Finding *) findings->pdata[i])->row_id == row_id)
      return findings->pdata[i];
  return NULL;
}

/* The check of every open (FULL false: the triggers, the head, the newest rows) or of
 * verify (FULL: every row, and the head's count of them); breaks already noted (FINDINGS)
 * are not new. */
static gboolean
find_new_problems (sqlite3    *handle,
                   gboolean    full,
                   GPtrArray  *problems,
                   GPtrArray  *findings,
                   guint      *n_breaks,
                   GError    **error)
{
  guint n_unused;

  if (n_breaks == NULL)
    n_breaks = &n_unused;
  if (!load_findings (handle, findings, error) ||
      !check_triggers (handle, problems, error) ||
      !check_seal (handle, full, problems, error) ||
      !check_chain (handle, full ? 0 : HISTORY_TAIL, problems, n_breaks, error))
    return FALSE;

  for (guint i = problems->len; i > 0; i--)
    {
      Problem *problem = problems->pdata[i - 1];

      if (problem->kind == PROBLEM_CHAIN && find_finding (findings, problem->row_id) != NULL)
        g_ptr_array_remove_index (problems, i - 1);
    }
  return TRUE;
}

static gboolean
exec (CaDatabase  *self,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (ca_database_get_handle (self), sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      ca_database_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Puts back the triggers as Case Audit makes them, dropping any others on the history's
 * tables, and with RESEAL the head of the chain as the rows now are. The head is left alone
 * otherwise: its count is the only sign of a row deleted from the middle of a long history
 * until verify walks the whole chain. */
static gboolean
restore_protection (CaDatabase  *self,
                    gboolean     reseal,
                    GError     **error)
{
  sqlite3 *handle = ca_database_get_handle (self);
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer name;
  int rc;

  if (reseal &&
      (!exec (self, seal_table_sql, error) ||
       !exec (self, "INSERT OR IGNORE INTO change_history_seal (id, row_count, last_id, "
                    "last_hash) VALUES (1, 0, 0, '')", error) ||
       !exec (self, "UPDATE change_history_seal SET "
                    "row_count = (SELECT count(*) FROM change_history), "
                    "last_id = coalesce ((SELECT max (id) FROM change_history), 0), "
                    "last_hash = coalesce ((SELECT hash FROM change_history "
                    "ORDER BY id DESC LIMIT 1), '')", error)))
    return FALSE;

  rc = read_history_triggers (handle, found);
  if (rc != SQLITE_DONE)
    {
      ca_database_set_sqlite_error (self, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (history_triggers); i++)
    {
      const char *present = g_hash_table_lookup (found, history_triggers[i].name);
      g_autofree char *expected = normalise_sql (history_triggers[i].sql);
      g_autofree char *drop = g_strdup_printf ("DROP TRIGGER IF EXISTS \"%s\"",
                                               history_triggers[i].name);

      if (g_strcmp0 (present, expected) != 0 &&
          (!exec (self, drop, error) || !exec (self, history_triggers[i].sql, error)))
        return FALSE;
      g_hash_table_remove (found, history_triggers[i].name);
    }

  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      /* A name found in the file, so quoted as an identifier (%w), never spliced raw. */
      char *drop = sqlite3_mprintf ("DROP TRIGGER IF EXISTS \"%w\"", (const char *) name);
      gboolean dropped = exec (self, drop, error);

      sqlite3_free (drop);
      if (!dropped)
        return FALSE;
    }
  return TRUE;
}

/* In one transaction: looks again (another copy of Case Audit may have done this since),
 * puts the protection back and notes each new problem in the history, where every later
 * open finds the note. PROBLEMS is replaced by what was found under the write lock; empty
 * when there was nothing left to do. */
static gboolean
note_and_put_right (CaDatabase  *self,
                    gboolean     full,
                    GPtrArray   *problems,
                    GError     **error)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_free);
  gboolean reseal = FALSE;

  if (!ca_database_begin (self, error))
    return FALSE;

  g_ptr_array_set_size (problems, 0);
  if (!find_new_problems (ca_database_get_handle (self), full, problems, findings, NULL, error))
    goto failed;
  if (problems->len == 0)
    {
      ca_database_rollback (self);
      return TRUE;
    }

  for (guint i = 0; i < problems->len; i++)
    reseal |= ((Problem *) problems->pdata[i])->kind == PROBLEM_SEAL;
  if (!restore_protection (self, reseal, error))
    goto failed;

  for (guint i = 0; i < problems->len; i++)
    {
      Problem *problem = problems->pdata[i];

      if (!ca_database_record_change (self, NULL, FINDING_ENTITY, problem->row_id,
                                      FINDING_FIELD, NULL, problem->message, error))
        goto failed;
    }

  if (!ca_database_commit (self, error))
    goto failed;
  return TRUE;

failed:
  ca_database_rollback (self);
  return FALSE;
}

static char *
list_problems (GPtrArray *problems)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (text, "\n  • %s", ((Problem *) problems->pdata[i])->message);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * ca_database_check_history_on_open:
 *
 * The check of every open (see the top of this file). Never fails: what it finds, and
 * whether it could be noted, becomes a notice.
 */
void
ca_database_check_history_on_open (CaDatabase *self)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) note_error = NULL;
  g_autofree char *list = NULL;
  const char *path = ca_database_get_path (self);

  if (!find_new_problems (ca_database_get_handle (self), FALSE, problems, findings, NULL,
                          &error))
    {
      ca_database_add_notice (self, CA_DATABASE_NOTICE_HISTORY_ALTERED,
                              g_strdup_printf (_("The change history of “%s” could not be "
                                                 "checked (%s). It may have been altered "
                                                 "outside Case Audit: run “case-audit verify” "
                                                 "to find out."), path, error->message));
      return;
    }

  if (problems->len > 0 && !note_and_put_right (self, FALSE, problems, &note_error))
    {
      /* Told anyway; the next open tries again. */
    }

  if (problems->len == 0)
    {
      const Finding *first;

      if (findings->len == 0)
        {
          g_autoptr(GError) reload_error = NULL;

          /* Another copy noted it meanwhile: hear of it as a reminder. */
          if (!load_findings (ca_database_get_handle (self), findings, &reload_error) ||
              findings->len == 0)
            return;
        }
      first = findings->pdata[0];
      ca_database_add_notice (self, CA_DATABASE_NOTICE_HISTORY_WAS_ALTERED,
                              g_strdup_printf (_("The change history of “%s” was altered "
                                                 "outside Case Audit (first noticed on %s). "
                                                 "You can work as usual, but the history "
                                                 "from before then cannot be fully relied "
                                                 "on: run “case-audit verify” for the "
                                                 "details."), path, first->noticed_on));
      return;
    }

  list = list_problems (problems);
  if (note_error != NULL)
    ca_database_add_notice (self, CA_DATABASE_NOTICE_HISTORY_ALTERED,
                            g_strdup_printf (_("The change history of “%s” has been altered "
                                               "outside Case Audit:%s\n"
                                               "Your data is open and you can carry on "
                                               "working and export it, but the history of "
                                               "what happened before now cannot be relied "
                                               "on. Case Audit could not note this in the "
                                               "history (%s) and will try again next time. "
                                               "Run “case-audit verify” for a full check, "
                                               "and keep a copy of the file as it is now for "
                                               "whoever looks into it."),
                                             path, list, note_error->message));
  else
    ca_database_add_notice (self, CA_DATABASE_NOTICE_HISTORY_ALTERED,
                            g_strdup_printf (_("The change history of “%s” has been altered "
                                               "outside Case Audit:%s\n"
                                               "Your data is open and you can carry on "
                                               "working and export it, but the history of "
                                               "what happened before now cannot be relied "
                                               "on. Case Audit has noted this in the history "
                                               "and protected it again from now on. Run "
                                               "“case-audit verify” for a full check, and "
                                               "keep a copy of the file as it is now for "
                                               "whoever looks into it."), path, list));
}

/* verify's other checks. */

static gboolean
check_integrity (sqlite3    *handle,
                 GPtrArray  *results,
                 GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (handle, "PRAGMA integrity_check (20)", -1, &stmt, NULL);
  while (next_row (stmt, &rc))
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (results, g_strdup_printf (_("The file is damaged: %s. Restore it "
                                                     "from a backup."), line));
    }
  return end_rows (handle, stmt, rc, error);
}

/* Rows that point at a row that is not there, counted per table and what they point at. */
typedef struct
{
  char   *table;
  char   *parent;
  guint   n_rows;
  gint64  first_row;
} Dangling;

static void
dangling_free (Dangling *dangling)
{
  g_free (dangling->table);
  g_free (dangling->parent);
  g_free (dangling);
}

static gboolean
check_foreign_keys (sqlite3    *handle,
                    GPtrArray  *results,
                    GError    **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) dangling_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (handle, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  while (next_row (stmt, &rc))
    {
      const char *table = (const char *) sqlite3_column_text (stmt, 0);
      const char *parent = (const char *) sqlite3_column_text (stmt, 2);
      Dangling *dangling = NULL;

      for (guint i = 0; i < found->len && dangling == NULL; i++)
        if (g_strcmp0 (((Dangling *) found->pdata[i])->table, table) == 0 &&
            g_strcmp0 (((Dangling *) found->pdata[i])->parent, parent) == 0)
          dangling = found->pdata[i];
      if (dangling == NULL)
        {
          dangling = g_new0 (Dangling, 1);
          dangling->table = g_strdup (table);
          dangling->parent = g_strdup (parent);
          dangling->first_row = sqlite3_column_int64 (stmt, 1);
          g_ptr_array_add (found, dangling);
        }
      dangling->n_rows++;
    }
  if (!end_rows (handle, stmt, rc, error))
    return FALSE;

  for (guint i = 0; i < found->len; i++)
    {
      Dangling *dangling = found->pdata[i];

      g_ptr_array_add (results,
                       g_strdup_printf (g_dngettext (NULL,
                                                     "%u row of “%s” points at a row of “%s” "
                                                     "that does not exist (row %" G_GINT64_FORMAT
                                                     ").",
                                                     "%u rows of “%s” point at rows of “%s” "
                                                     "that do not exist (the first is row %"
                                                     G_GINT64_FORMAT ").", dangling->n_rows),
                                        dangling->n_rows, dangling->table, dangling->parent,
                                        dangling->first_row));
    }
  return TRUE;
}

static void
check_file_modes (const char *path,
                  GPtrArray  *results)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (name, &st) == 0 && (st.st_mode & 077) != 0)
        g_ptr_array_add (results,
                         g_strdup_printf (_("“%s” can be read by other people using this "
                                            "computer (its permissions are %03o). Make it "
                                            "readable by its owner only: chmod 600 “%s”."),
                                          name, (guint) (st.st_mode & 0777), name));
    }
}

/**
 * ca_database_verify:
 *
 * Checks the whole file: SQLite's integrity check, that no row points at a row that is
 * not there, the change history's protection, its head and every link of its chain, the
 * notes of earlier findings, and that the file and its log and index are private.
 *
 * Returns: (transfer full) (element-type utf8): each problem in words, none when all is
 * well; %NULL when the checks could not be run
 */
GPtrArray *
ca_database_verify (CaDatabase  *self,
                    GError     **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) finding_free);
  g_autoptr(GError) local_error = NULL;
  sqlite3 *handle;
  guint n_breaks = 0;

  g_return_val_if_fail (CA_IS_DATABASE (self), NULL);

  handle = ca_database_get_handle (self);
  if (!check_integrity (handle, results, error) ||
      !check_foreign_keys (handle, results, error))
    return NULL;

  /* The history's checks run on a damaged file too, as far as they can. */
  if (!check_triggers (handle, problems, &local_error) ||
      !check_seal (handle, TRUE, problems, &local_error) ||
      !check_chain (handle, 0, problems, &n_breaks, &local_error) ||
      !load_findings (handle, findings, &local_error))
    {
      add_problem (problems, PROBLEM_UNCHECKED, 0,
                   g_strdup_printf (_("The change history could not be checked in full: %s."),
                                    local_error->message));
      g_clear_error (&local_error);
    }

  for (guint i = 0; i < problems->len; i++)
    {
      Problem *problem = problems->pdata[i];
      const Finding *finding = NULL;

      if (problem->kind == PROBLEM_CHAIN)
        finding = find_finding (findings, problem->row_id);
      if (finding != NULL)
        g_ptr_array_add (results, g_strdup_printf (_("%s Case Audit first noticed this on %s."),
                                                   problem->message, finding->noticed_on));
      else
        g_ptr_array_add (results, g_strdup (problem->message));
    }
  if (n_breaks > MAX_BREAKS_DESCRIBED)
    g_ptr_array_add (results,
                     g_strdup_printf (_("The chain of the change history breaks in %u more "
                                        "places."), n_breaks - MAX_BREAKS_DESCRIBED));

  /* Notes of what was found and put right before, which the rows no longer show. */
  for (guint i = 0; i < findings->len; i++)
    {
      Finding *finding = findings->pdata[i];

      if (finding->row_id == 0 || !has_chain_problem (problems, finding->row_id))
        g_ptr_array_add (results,
                         g_strdup_printf (_("On %s Case Audit found the change history "
                                            "altered outside it: %s"),
                                          finding->noticed_on, finding->message));
    }

  /* What no note records yet is noted now, as the check on opening does for what it
   * finds, so that every later open says the history was altered. */
  for (guint i = 0; i < problems->len; i++)
    {
      Problem *problem = problems->pdata[i];
      g_autoptr(GPtrArray) noted = NULL;

      if (problem->kind == PROBLEM_UNCHECKED ||
          (problem->kind == PROBLEM_CHAIN && find_finding (findings, problem->row_id) != NULL))
        continue;
      noted = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
      if (!note_and_put_right (self, TRUE, noted, &local_error))
        {
          g_ptr_array_add (results,
                           g_strdup_printf (_("Case Audit could not note these problems in the "
                                              "change history: %s"), local_error->message));
          g_clear_error (&local_error);
        }
      break;
    }

  check_file_modes (ca_database_get_path (self), results);
  return g_steal_pointer (&results);
}
