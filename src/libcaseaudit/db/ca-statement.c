// SPDX-License-Identifier: GPL-3.0-or-later
// A prepared statement: bind, step, read columns. The only way stores reach the engine.

#define G_LOG_DOMAIN "ca-statement"

#include "config.h"

#include "ca-database-private.h"

struct _CaStatement
{
  CaDatabase   *database;
  sqlite3_stmt *stmt;
  gboolean      owns_reference;  /* FALSE when the database keeps this statement itself */
  GError       *failure;         /* what stopped ca_statement_next(), until checked or reset */
};

CaStatement *
ca_statement_new (CaDatabase   *database,
                  sqlite3_stmt *stmt)
{
  CaStatement *self = g_new0 (CaStatement, 1);

  self->database = g_object_ref (database);
  self->stmt = stmt;
  self->owns_reference = TRUE;

  return self;
}

/* A statement the database caches for itself: a reference back would keep the database,
 * and its SQLite connection, open for ever. */
CaStatement *
ca_statement_new_cached (CaDatabase   *database,
                         sqlite3_stmt *stmt)
{
  CaStatement *self = g_new0 (CaStatement, 1);

  self->database = database;
  self->stmt = stmt;

  return self;
}

void
ca_statement_free (CaStatement *self)
{
  if (self == NULL)
    return;

  sqlite3_finalize (self->stmt);
  g_clear_error (&self->failure);
  if (self->owns_reference)
    g_clear_object (&self->database);
  g_free (self);
}

/* Ready to run again with new parameters. */
void
ca_statement_reset (CaStatement *self)
{
  g_return_if_fail (self != NULL);

  sqlite3_reset (self->stmt);
  sqlite3_clear_bindings (self->stmt);
  g_clear_error (&self->failure);
}

void
ca_statement_bind_text (CaStatement *self,
                        int          index,
                        const char  *value)
{
  g_return_if_fail (self != NULL);

  if (value == NULL)
    sqlite3_bind_null (self->stmt, index);
  else
    sqlite3_bind_text (self->stmt, index, value, -1, SQLITE_TRANSIENT);
}

void
ca_statement_bind_int64 (CaStatement *self,
                         int          index,
                         gint64       value)
{
  g_return_if_fail (self != NULL);

  sqlite3_bind_int64 (self->stmt, index, value);
}

void
ca_statement_bind_null (CaStatement *self,
                        int          index)
{
  g_return_if_fail (self != NULL);

  sqlite3_bind_null (self->stmt, index);
}

/**
 * ca_statement_bind_id:
 * @id: a row's id, or 0 for none
 *
 * Binds @id to the parameter @index, or NULL when it is 0: an optional reference to another
 * row (a case's worker, an action's owner) is NULL in the database when there is none.
 */
void
ca_statement_bind_id (CaStatement *self,
                      int          index,
                      gint64       id)
{
  if (id == 0)
    ca_statement_bind_null (self, index);
  else
    ca_statement_bind_int64 (self, index, id);
}

/* Advances one row. Returns FALSE with @error set on failure; otherwise
 * @has_row says whether a row is there to read. */
gboolean
ca_statement_step (CaStatement *self,
                   gboolean    *has_row,
                   GError     **error)
{
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);

  rc = sqlite3_step (self->stmt);
  if (has_row != NULL)
    *has_row = (rc == SQLITE_ROW);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;

  ca_database_set_sqlite_error (self->database, rc, error);
  sqlite3_reset (self->stmt);
  return FALSE;
}

/* Runs a statement that returns no rows, then resets it for reuse. */
gboolean
ca_statement_run (CaStatement *self,
                  GError     **error)
{
  gboolean ok = ca_statement_step (self, NULL, error);

  ca_statement_reset (self);
  return ok;
}

/**
 * ca_statement_next:
 * @self: a statement that returns rows
 *
 * Advances to the next row, for a loop that reads every row:
 *
 * |[<!-- language="C" -->
 * while (ca_statement_next (stmt))
 *   g_ptr_array_add (rows, row_from_statement (stmt));
 * if (!ca_statement_check (stmt, error))
 *   return NULL;
 * ]|
 *
 * A failure ends the loop as the last row does; the statement keeps the error until
 * ca_statement_check() hands it on, so every loop must be followed by that check.
 *
 * Returns: %TRUE when a row is there to read; %FALSE after the last row or on failure
 */
gboolean
ca_statement_next (CaStatement *self)
{
  gboolean has_row = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->failure != NULL)
    return FALSE;
  if (!ca_statement_step (self, &has_row, &self->failure))
    return FALSE;
  return has_row;
}

/**
 * ca_statement_check:
 * @self: a statement read with ca_statement_next()
 * @error: return location for the failure that ended the loop
 *
 * Says whether the rows were all read, or hands on the failure that stopped
 * ca_statement_next().
 *
 * Returns: %TRUE when no step failed; %FALSE with @error set otherwise
 */
gboolean
ca_statement_check (CaStatement  *self,
                    GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->failure == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&self->failure));
  return FALSE;
}

/**
 * ca_statement_step_one:
 * @self: a statement that finds one row, usually by id
 * @error: return location for a failure
 * @domain: the error domain to use when there is no row
 * @code: the error code to use when there is no row
 * @format: (not nullable): the message when there is no row, printf-style and translated
 * @...: the message's parameters
 *
 * Steps once, for "one row by id": a missing row is an error in @domain, with @code and
 * the message given, so that each store says in its own words what is gone.
 *
 * Returns: %TRUE with the row ready to read; %FALSE with @error set on failure or when
 *   there is no row
 */
gboolean
ca_statement_step_one (CaStatement  *self,
                       GError      **error,
                       GQuark        domain,
                       gint          code,
                       const char   *format,
                       ...)
{
  gboolean has_row = FALSE;
  va_list args;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  if (!ca_statement_step (self, &has_row, error))
    return FALSE;
  if (has_row)
    return TRUE;

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      va_start (args, format);
      message = g_strdup_vprintf (format, args);
      va_end (args);
      g_set_error_literal (error, domain, code, message);
    }
  return FALSE;
}

const char *
ca_statement_get_text (CaStatement *self,
                       int          column)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char *) sqlite3_column_text (self->stmt, column);
}

char *
ca_statement_dup_text (CaStatement *self,
                       int          column)
{
  return g_strdup (ca_statement_get_text (self, column));
}

gint64
ca_statement_get_int64 (CaStatement *self,
                        int          column)
{
  g_return_val_if_fail (self != NULL, 0);

  return sqlite3_column_int64 (self->stmt, column);
}

gboolean
ca_statement_is_null (CaStatement *self,
                      int          column)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return sqlite3_column_type (self->stmt, column) == SQLITE_NULL;
}
