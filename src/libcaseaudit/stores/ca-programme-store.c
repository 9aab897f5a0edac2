// SPDX-License-Identifier: GPL-3.0-or-later
// The audit programme in the database: import of a programme file, entries and events.

#define G_LOG_DOMAIN "ca-programme-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-programme-entry-private.h"
#include "ca-programme-event-private.h"
#include "ca-database-worker.h"
#include "ca-programme-store.h"
#include "ca-programme-store-private.h"
#include "ca-holiday-store.h"
#include "ca-store-load.h"
#include "ca-store-refuse.h"
#include "core/ca-date.h"
#include "core/ca-programme-rules.h"
#include "core/ca-text.h"

/* The programme's refusals are the database's own, as its constraints would give. */
#define refuse(error, ...) \
  ca_store_refuse ((error), CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT, __VA_ARGS__)

/* Questions and training are kept one to a line, as the demo keeps them. */
static char *
join_lines (char **lines)
{
  if (lines == NULL || lines[0] == NULL)
    return NULL;
  return g_strjoinv ("\n", lines);
}

static char **
split_lines (const char *text)
{
  if (text == NULL || text[0] == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (text, "\n", -1);
}

typedef enum
{
  STORED_ADDED,
  STORED_UPDATED,
  STORED_UNCHANGED,
} Stored;

/* The entry of a month and strand as store_entry() compares it: bind the month and strand. */
static CaStatement *
prepare_find_entry (CaDatabase  *database,
                    GError     **error)
{
  return ca_database_prepare (database,
                              "SELECT id, focus, questions, allocation_date, return_date, "
                              "briefing_date, training FROM programme_entry "
                              "WHERE month = ? AND strand = ?",
                              error);
}

static gboolean
store_entry (CaDatabase        *database,
             CaStatement       *find,
             CaProgrammeEntry  *entry,
             Stored            *stored,
             GError           **error)
{
  g_autoptr(CaStatement) write = NULL;
  g_autofree char *questions = join_lines (entry->questions);
  g_autofree char *training = join_lines (entry->training);
  gboolean has_row = FALSE;
  gint64 id = 0;

  ca_statement_reset (find);
  ca_statement_bind_text (find, 1, entry->month);
  ca_statement_bind_text (find, 2, entry->strand);
  if (!ca_statement_step (find, &has_row, error))
    return FALSE;

  if (has_row)
    {
      id = ca_statement_get_int64 (find, 0);
      if (g_strcmp0 (ca_statement_get_text (find, 1), entry->focus) == 0 &&
          g_strcmp0 (ca_statement_get_text (find, 2), questions) == 0 &&
          g_strcmp0 (ca_statement_get_text (find, 3), entry->allocation_date) == 0 &&
          g_strcmp0 (ca_statement_get_text (find, 4), entry->return_date) == 0 &&
          g_strcmp0 (ca_statement_get_text (find, 5), entry->briefing_date) == 0 &&
          g_strcmp0 (ca_statement_get_text (find, 6), training) == 0)
        {
          *stored = STORED_UNCHANGED;
          return TRUE;
        }
      write = ca_database_prepare (database,
                                   "UPDATE programme_entry SET focus = ?3, questions = ?4, "
                                   "allocation_date = ?5, return_date = ?6, briefing_date = ?7, "
                                   "training = ?8 WHERE month = ?1 AND strand = ?2",
                                   error);
      *stored = STORED_UPDATED;
    }
  else
    {
      write = ca_database_prepare (database,
                                   "INSERT INTO programme_entry (month, strand, focus, "
                                   "questions, allocation_date, return_date, briefing_date, "
                                   "training) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                   error);
      *stored = STORED_ADDED;
    }
  if (write == NULL)
    return FALSE;

  ca_statement_bind_text (write, 1, entry->month);
  ca_statement_bind_text (write, 2, entry->strand);
  ca_statement_bind_text (write, 3, entry->focus);
  ca_statement_bind_text (write, 4, questions);
  ca_statement_bind_text (write, 5, entry->allocation_date);
  ca_statement_bind_text (write, 6, entry->return_date);
  ca_statement_bind_text (write, 7, entry->briefing_date);
  ca_statement_bind_text (write, 8, training);
  if (!ca_statement_run (write, error))
    return FALSE;
  entry->id = has_row ? id : ca_database_last_insert_id (database);
  return TRUE;
}

/* Adds EVENT as a new row and sets its id: the one insert of an event, for a file's import
 * and for the editor's Add alike. A constraint error means the day, kind and title are
 * there already. */
static gboolean
insert_event (CaDatabase        *database,
              CaProgrammeEvent  *event,
              GError           **error)
{
  g_autoptr(CaStatement) insert = NULL;

  insert = ca_database_prepare (database,
                                "INSERT INTO programme_event (kind, title, event_date, notes) "
                                "VALUES (?, ?, ?, ?)",
                                error);
  if (insert == NULL)
    return FALSE;
  ca_statement_bind_text (insert, 1, event->kind);
  ca_statement_bind_text (insert, 2, event->title);
  ca_statement_bind_text (insert, 3, event->date);
  ca_statement_bind_text (insert, 4, event->notes);
  if (!ca_statement_run (insert, error))
    return FALSE;
  event->id = ca_database_last_insert_id (database);
  return TRUE;
}

static gboolean
store_event (CaDatabase        *database,
             CaStatement       *find,
             CaProgrammeEvent  *event,
             Stored            *stored,
             GError           **error)
{
  g_autoptr(CaStatement) write = NULL;
  gboolean has_row = FALSE;

  ca_statement_reset (find);
  ca_statement_bind_text (find, 1, event->date);
  ca_statement_bind_text (find, 2, event->kind);
  ca_statement_bind_text (find, 3, event->title);
  if (!ca_statement_step (find, &has_row, error))
    return FALSE;

  if (has_row)
    {
      event->id = ca_statement_get_int64 (find, 0);
      if (g_strcmp0 (ca_statement_get_text (find, 1), event->notes) == 0)
        {
          *stored = STORED_UNCHANGED;
          return TRUE;
        }
      write = ca_database_prepare (database, "UPDATE programme_event SET notes = ? WHERE id = ?",
                                   error);
      if (write == NULL)
        return FALSE;
      ca_statement_bind_text (write, 1, event->notes);
      ca_statement_bind_int64 (write, 2, event->id);
      *stored = STORED_UPDATED;
      return ca_statement_run (write, error);
    }

  if (!insert_event (database, event, error))
    return FALSE;
  *stored = STORED_ADDED;
  return TRUE;
}

static void
count (Stored  stored,
       guint  *added,
       guint  *updated,
       guint  *unchanged)
{
  switch (stored)
    {
    case STORED_ADDED:
      (*added)++;
      break;
    case STORED_UPDATED:
      (*updated)++;
      break;
    case STORED_UNCHANGED:
    default:
      (*unchanged)++;
      break;
    }
}

/**
 * ca_programme_store_import:
 * @file: a programme read with ca_programme_file_parse() and the like
 * @result: (out) (optional): what the import did
 *
 * Stores the whole programme in one transaction: an entry updates the one of the same month
 * and strand (audits already linked to it keep the link), an event updates the one of the
 * same day, kind and title; everything else is added. Nothing is removed. On any failure
 * nothing is stored.
 *
 * Returns: %FALSE with @error set when nothing was stored
 */
gboolean
ca_programme_store_import (CaDatabase               *database,
                           CaProgrammeFile          *file,
                           CaProgrammeImportResult  *result,
                           GError                  **error)
{
  g_autoptr(CaStatement) find_entry = NULL;
  g_autoptr(CaStatement) find_event = NULL;
  CaProgrammeImportResult done = { 0 };

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (file != NULL, FALSE);

  if (!ca_database_begin (database, error))
    return FALSE;

  find_entry = prepare_find_entry (database, error);
  find_event = ca_database_prepare (database,
                                    "SELECT id, notes FROM programme_event "
                                    "WHERE event_date = ? AND kind = ? AND title = ?",
                                    error);
  if (find_entry == NULL || find_event == NULL)
    goto failed;

  for (guint i = 0; i < file->entries->len; i++)
    {
      Stored stored;

      if (!store_entry (database, find_entry, file->entries->pdata[i], &stored, error))
        goto failed;
      count (stored, &done.entries_added, &done.entries_updated, &done.entries_unchanged);
    }
  for (guint i = 0; i < file->events->len; i++)
    {
      Stored stored;

      if (!store_event (database, find_event, file->events->pdata[i], &stored, error))
        goto failed;
      count (stored, &done.events_added, &done.events_updated, &done.events_unchanged);
    }

  ca_database_note_change (database, CA_CHANGE_PROGRAMME, CA_CHANGE_ALL_IDS);
  /* Statements go before the commit so that nothing holds the transaction open. */
  g_clear_pointer (&find_entry, ca_statement_free);
  g_clear_pointer (&find_event, ca_statement_free);
  if (!ca_database_commit (database, error))
    goto failed;

  if (result != NULL)
    *result = done;
  return TRUE;

failed:
  g_clear_pointer (&find_entry, ca_statement_free);
  g_clear_pointer (&find_event, ca_statement_free);
  ca_database_rollback (database);
  return FALSE;
}

static gboolean
import_job (CaDatabase    *connection,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  const char *path = data;
  g_autoptr(CaProgrammeFile) file = NULL;
  g_autofree CaProgrammeImportResult *imported = g_new0 (CaProgrammeImportResult, 1);

  /* The file is read and checked in full before the database is touched. */
  file = path != NULL ? ca_programme_file_read (path, error)
                      : ca_programme_file_load_example (error);
  if (file == NULL || !ca_programme_store_import (connection, file, imported, error))
    return FALSE;
  *result = g_steal_pointer (&imported);
  return TRUE;
}

/**
 * ca_programme_store_import_path_async:
 * @path: (nullable): a programme file, or %NULL for the 2021 example that ships with Case Audit
 *
 * Reads, checks and imports a programme on the database's worker (the window's one-click
 * example, or a file it chose). Finish with
 * ca_programme_store_import_path_finish().
 */
void
ca_programme_store_import_path_async (CaDatabase          *database,
                                      const char          *path,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CA_IS_DATABASE (database));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_programme_store_import_path_async);
  ca_database_run_in_task (database, task, import_job, g_strdup (path), g_free, g_free);
}

/**
 * ca_programme_store_import_path_finish:
 * @import_result: (out) (optional): what the import did
 *
 * Returns: %FALSE with @error set when nothing was imported (the message names the place in
 *   the file that is wrong)
 */
gboolean
ca_programme_store_import_path_finish (GAsyncResult             *result,
                                       CaProgrammeImportResult  *import_result,
                                       GError                  **error)
{
  g_autofree CaProgrammeImportResult *done = NULL;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  done = g_task_propagate_pointer (G_TASK (result), error);
  if (done == NULL)
    return FALSE;
  if (import_result != NULL)
    *import_result = *done;
  return TRUE;
}

/**
 * ca_programme_store_list_entries:
 * @from_month: (nullable): the first month, 'YYYY-MM', or %NULL for no limit
 * @to_month: (nullable): the last month, or %NULL for no limit
 *
 * Returns: (transfer full) (element-type CaProgrammeEntry): the entries from @from_month to
 *   @to_month by month and in the strands' order, or %NULL on error
 */
GPtrArray *
ca_programme_store_list_entries (CaDatabase  *database,
                                 const char  *from_month,
                                 const char  *to_month,
                                 GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);

  stmt = ca_database_prepare (database,
                              "SELECT id, month, strand, focus, questions, allocation_date, "
                              "return_date, briefing_date, training FROM programme_entry "
                              "WHERE month >= ?1 AND month <= ?2 "
                              CA_PROGRAMME_ENTRY_ORDER,
                              error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_text (stmt, 1, from_month != NULL ? from_month : "");
  ca_statement_bind_text (stmt, 2, to_month != NULL ? to_month : "9999-99");

  entries = g_ptr_array_new_with_free_func (g_object_unref);
  while (ca_statement_next (stmt))
    {
      CaProgrammeEntry *entry;

      entry = ca_programme_entry_new ();
      entry->id = ca_statement_get_int64 (stmt, 0);
      entry->month = ca_statement_dup_text (stmt, 1);
      entry->strand = ca_statement_dup_text (stmt, 2);
      entry->focus = ca_statement_dup_text (stmt, 3);
      g_strfreev (entry->questions);
      entry->questions = split_lines (ca_statement_get_text (stmt, 4));
      entry->allocation_date = ca_statement_dup_text (stmt, 5);
      entry->return_date = ca_statement_dup_text (stmt, 6);
      entry->briefing_date = ca_statement_dup_text (stmt, 7);
      g_strfreev (entry->training);
      entry->training = split_lines (ca_statement_get_text (stmt, 8));
      g_ptr_array_add (entries, entry);
    }
  if (!ca_statement_check (stmt, error))
    return NULL;
  return g_steal_pointer (&entries);
}

static GPtrArray *
list_every_entry (CaDatabase  *database,
                  GError     **error)
{
  return ca_programme_store_list_entries (database, NULL, NULL, error);
}

/* Every entry of the programme, read on the database's worker: for the window. */
void
ca_programme_store_list_entries_async (CaDatabase          *database,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  ca_store_list_async (database, (CaStoreListFunc) list_every_entry,
                       (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/* Returns: (transfer full) (element-type CaProgrammeEntry): the entries, or %NULL with
 *   @error set */
GPtrArray *
ca_programme_store_list_entries_finish (GAsyncResult  *result,
                                        GError       **error)
{
  return ca_store_load_finish (result, error);
}

/**
 * ca_programme_store_list_events:
 * @from: (nullable): the first day, or %NULL for no limit
 * @to: (nullable): the last day, or %NULL for no limit
 *
 * Returns: (transfer full) (element-type CaProgrammeEvent): the events by date, or %NULL on
 *   error
 */
GPtrArray *
ca_programme_store_list_events (CaDatabase   *database,
                                const GDate  *from,
                                const GDate  *to,
                                GError      **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *low = from != NULL ? ca_date_format (from) : g_strdup ("");
  g_autofree char *high = to != NULL ? ca_date_format (to) : g_strdup ("9999-99-99");

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);

  stmt = ca_database_prepare (database,
                              "SELECT id, kind, event_date, title, notes FROM programme_event "
                              "WHERE event_date BETWEEN ? AND ? ORDER BY event_date, kind, title",
                              error);
  if (stmt == NULL)
    return NULL;
  ca_statement_bind_text (stmt, 1, low);
  ca_statement_bind_text (stmt, 2, high);

  events = g_ptr_array_new_with_free_func (g_object_unref);
  while (ca_statement_next (stmt))
    {
      CaProgrammeEvent *event;

      event = ca_programme_event_new (ca_statement_get_text (stmt, 1),
                                      ca_statement_get_text (stmt, 2),
                                      ca_statement_get_text (stmt, 3),
                                      ca_statement_get_text (stmt, 4));
      event->id = ca_statement_get_int64 (stmt, 0);
      g_ptr_array_add (events, event);
    }
  if (!ca_statement_check (stmt, error))
    return NULL;
  return g_steal_pointer (&events);
}

/* An event as one line of the change history: "2021-03-15 moderation-panel: March panel". */
static char *
describe_event (const char *date,
                const char *kind,
                const char *title)
{
  return g_strdup_printf ("%s %s: %s", date, kind, title);
}

/* The work of ca_programme_store_add_event(), in its transaction: stores EVENT. */
static gboolean
add_event_in_transaction (CaDatabase  *database,
                          gpointer     user_data,
                          GError     **error)
{
  CaProgrammeEvent *event = user_data;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *described = NULL;

  if (!insert_event (database, event, &local_error))
    {
      /* Most often another copy of Case Audit added the same event a moment ago. */
      if (g_error_matches (local_error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT))
        g_set_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT,
                     _("There is already a “%s” of this kind on %s: it may have been added in "
                       "another window, or by another copy of Case Audit."), event->title,
                     event->date);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  ca_database_note_change (database, CA_CHANGE_PROGRAMME, event->id);
  described = describe_event (event->date, event->kind, event->title);
  return ca_database_record_change (database, NULL, "programme_event", event->id, "event",
                                    NULL, described, error);
}

/**
 * ca_programme_store_add_event:
 * @event: an event with a kind, a real date and a title
 *
 * Stores @event and sets its id. An event of the same day, kind and title is refused.
 *
 * Returns: the new event's id, or 0 with @error set
 */
gint64
ca_programme_store_add_event (CaDatabase        *database,
                              CaProgrammeEvent  *event,
                              GError           **error)
{
  GDate date;

  g_return_val_if_fail (CA_IS_DATABASE (database), 0);
  g_return_val_if_fail (CA_IS_PROGRAMME_EVENT (event), 0);

  if (!ca_programme_event_kind_is_valid (event->kind))
    {
      g_set_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT,
                   _("“%s” is not a kind of event."), event->kind ? event->kind : "");
      return 0;
    }
  if (!ca_date_parse (event->date, &date))
    {
      g_set_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT,
                   _("“%s” is not a date."), event->date ? event->date : "");
      return 0;
    }
  if (event->title == NULL || g_strstrip (event->title)[0] == '\0')
    {
      g_set_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT,
                   _("An event needs a title."));
      return 0;
    }
  /* The command line's words come as they were typed, in any encoding and of any length;
   * what is stored must show, print and export. */
  if (!ca_text_check_full (event->title, CA_TEXT_MAX_NAME, _("The title"), CA_DATABASE_ERROR,
                           CA_DATABASE_ERROR_CONSTRAINT, error) ||
      !ca_text_check_full (event->notes, CA_TEXT_MAX_NOTES, _("The note"), CA_DATABASE_ERROR,
                           CA_DATABASE_ERROR_CONSTRAINT, error))
    return 0;

  if (!ca_database_transaction (database, add_event_in_transaction, event, error))
    {
      event->id = 0;
      return 0;
    }
  return event->id;
}

/* Whether event EVENT_ID was removed: the history keeps each removal (an event has no other
 * trace once gone). */
static gboolean
was_removed (CaDatabase  *database,
             gint64       event_id,
             gboolean    *removed,
             GError     **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  gboolean has_row = FALSE;

  stmt = ca_database_prepare (database,
                              "SELECT 1 FROM change_history WHERE entity = 'programme_event' "
                              "AND entity_id = ? AND field = 'event' AND new_value IS NULL",
                              error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_int64 (stmt, 1, event_id);
  if (!ca_statement_step (stmt, &has_row, error))
    return FALSE;
  *removed = has_row;
  return TRUE;
}

static gboolean
remove_event_in_transaction (CaDatabase         *database,
                             gint64              event_id,
                             const char         *shown_date,
                             const char         *shown_title,
                             CaProgrammeEvent  **removed,
                             GError            **error)
{
  g_autoptr(CaStatement) select = NULL;
  g_autoptr(CaStatement) delete = NULL;
  g_autoptr(CaProgrammeEvent) event = NULL;
  g_autofree char *described = NULL;
  gboolean has_row = FALSE;
  gboolean gone = FALSE;

  select = ca_database_prepare (database,
                                "SELECT kind, event_date, title, notes FROM programme_event "
                                "WHERE id = ?", error);
  if (select == NULL)
    return FALSE;
  ca_statement_bind_int64 (select, 1, event_id);
  if (!ca_statement_step (select, &has_row, error))
    return FALSE;

  /* A number another event has taken since is not the event the person meant. */
  if (has_row && ((shown_date != NULL &&
                   g_strcmp0 (ca_statement_get_text (select, 1), shown_date) != 0) ||
                  (shown_title != NULL &&
                   g_strcmp0 (ca_statement_get_text (select, 2), shown_title) != 0)))
    {
      has_row = FALSE;
      gone = TRUE;
    }
  if (!has_row)
    {
      if (!gone && shown_date == NULL && shown_title == NULL &&
          !was_removed (database, event_id, &gone, error))
        return FALSE;
      if (gone || shown_date != NULL || shown_title != NULL)
        g_set_error_literal (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_FOUND,
                             _("This event had already been removed, perhaps in another "
                               "window."));
      else
        g_set_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_FOUND,
                     _("There is no event number %" G_GINT64_FORMAT "."), event_id);
      return FALSE;
    }

  event = ca_programme_event_new (ca_statement_get_text (select, 0),
                                  ca_statement_get_text (select, 1),
                                  ca_statement_get_text (select, 2),
                                  ca_statement_get_text (select, 3));
  delete = ca_database_prepare (database, "DELETE FROM programme_event WHERE id = ?", error);
  if (delete == NULL)
    return FALSE;
  ca_statement_bind_int64 (delete, 1, event_id);
  if (!ca_statement_run (delete, error))
    return FALSE;
  ca_database_note_change (database, CA_CHANGE_PROGRAMME, event_id);
  described = describe_event (event->date, event->kind, event->title);
  if (!ca_database_record_change (database, NULL, "programme_event", event_id, "event",
                                  described, NULL, error))
    return FALSE;
  if (removed != NULL)
    *removed = g_steal_pointer (&event);
  return TRUE;
}

/**
 * ca_programme_store_remove_event:
 * @shown_date: (nullable): the event's date as the caller showed it
 * @shown_title: (nullable): the event's title as the caller showed it
 * @removed: (out) (optional) (transfer full): the event as it was, to add back on Undo
 *
 * Returns: %FALSE with @error set when there is no such event or it could not be removed
 */
gboolean
ca_programme_store_remove_event (CaDatabase        *database,
                                 gint64             event_id,
                                 const char        *shown_date,
                                 const char        *shown_title,
                                 CaProgrammeEvent **removed,
                                 GError           **error)
{
  g_autoptr(CaProgrammeEvent) event = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ca_database_begin (database, error))
    return FALSE;
  if (!remove_event_in_transaction (database, event_id, shown_date, shown_title, &event, error) ||
      !ca_database_commit (database, error))
    {
      ca_database_rollback (database);
      return FALSE;
    }
  if (removed != NULL)
    *removed = g_steal_pointer (&event);
  return TRUE;
}


/* Editing in the window ----------------------------------------------------------------------- */

/* An entry as one line of the change history. */
static char *
describe_entry_fields (const char *month,
                       const char *strand,
                       const char *focus,
                       const char *allocation_date,
                       const char *return_date,
                       const char *briefing_date)
{
  return g_strdup_printf ("%s %s: %s (allocation %s, return %s, briefing %s)", month, strand,
                          focus, allocation_date ? allocation_date : "-",
                          return_date ? return_date : "-", briefing_date ? briefing_date : "-");
}

static char *
describe_entry (CaProgrammeEntry *entry)
{
  return describe_entry_fields (entry->month, entry->strand, entry->focus,
                                entry->allocation_date, entry->return_date,
                                entry->briefing_date);
}

/* The name a date has in the programme editor. */
static const char *
date_label (CaProgrammeDate which)
{
  switch (which)
    {
    case CA_PROGRAMME_DATE_ALLOCATION:
      return _("The allocation date");
    case CA_PROGRAMME_DATE_RETURN:
      return _("The return date");
    case CA_PROGRAMME_DATE_BRIEFING:
    case CA_PROGRAMME_N_DATES:
    default:
      return _("The 7 Minute Briefing date");
    }
}

/* What the file reader checks, said as the programme editor's words. */
static gboolean
check_entry (CaProgrammeEntry  *entry,
             GError           **error)
{
  const char *texts[CA_PROGRAMME_N_DATES] = { entry->allocation_date, entry->return_date,
                                              entry->briefing_date };
  char ** const lists[] = { entry->questions, entry->training };
  GDate dates[CA_PROGRAMME_N_DATES];
  CaProgrammeDate which = CA_PROGRAMME_DATE_ALLOCATION;
  CaProgrammeDatesProblem problem;
  int year = 0, month = 0;

  if (!ca_programme_parse_month (entry->month, &year, &month))
    return refuse (error, _("“%s” is not a month."), entry->month ? entry->month : "");
  if (!ca_programme_strand_is_valid (entry->strand))
    return refuse (error, _("“%s” is not a strand of the programme."),
                   entry->strand ? entry->strand : "");
  if (entry->focus == NULL || g_strstrip (entry->focus)[0] == '\0')
    return refuse (error, _("Give the month’s audit focus."));
  if (!ca_text_check_full (entry->focus, CA_TEXT_MAX_LINE, _("The focus"), CA_DATABASE_ERROR,
                           CA_DATABASE_ERROR_CONSTRAINT, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    for (guint j = 0; lists[i][j] != NULL; j++)
      if (!ca_text_check_full (lists[i][j], CA_TEXT_MAX_LINE,
                               i == 0 ? _("A question") : _("A training course"),
                               CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT, error))
        return FALSE;

  for (guint i = 0; i < CA_PROGRAMME_N_DATES; i++)
    {
      g_date_clear (&dates[i], 1);
      if (texts[i] != NULL && !ca_date_parse (texts[i], &dates[i]))
        return refuse (error, _("%s, “%s”, is not a date."), date_label (i), texts[i]);
    }
  problem = ca_programme_check_dates (year, month, dates, &which);
  if (problem != CA_PROGRAMME_DATES_OK)
    {
      g_autofree char *shown = ca_date_format_display (texts[which]);
      g_autofree char *allocation = ca_date_format_display (texts[CA_PROGRAMME_DATE_ALLOCATION]);
      GDate first;
      char month_name[64] = "";

      g_date_clear (&first, 1);
      g_date_set_dmy (&first, 1, month, year);
      g_date_strftime (month_name, sizeof month_name, "%B %Y", &first);
      if (problem == CA_PROGRAMME_DATES_NOT_NEAR_MONTH)
        return refuse (error, _("%s, %s, is not in %s or a month next to it."),
                       date_label (which), shown, month_name);
      return refuse (error, _("%s, %s, is before the allocation date, %s."),
                     date_label (which), shown, allocation);
    }
  return TRUE;
}

static gboolean
save_entry_in_transaction (CaDatabase        *database,
                           CaProgrammeEntry  *entry,
                           GError           **error)
{
  g_autoptr(CaStatement) find = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  Stored stored;

  find = prepare_find_entry (database, error);
  if (find == NULL)
    return FALSE;
  if (!store_entry (database, find, entry, &stored, error))
    return FALSE;
  if (stored == STORED_UNCHANGED)
    return TRUE;

  if (stored == STORED_UPDATED)
    old_value = describe_entry_fields (entry->month, entry->strand,
                                       ca_statement_get_text (find, 1),
                                       ca_statement_get_text (find, 3),
                                       ca_statement_get_text (find, 4),
                                       ca_statement_get_text (find, 5));
  new_value = describe_entry (entry);
  ca_database_note_change (database, CA_CHANGE_PROGRAMME, entry->id);
  return ca_database_record_change (database, NULL, "programme_entry", entry->id, "entry",
                                    old_value, new_value, error);
}

/**
 * ca_programme_store_save_entry:
 * @entry: an entry made with ca_programme_entry_new_edited()
 *
 * Checks @entry as a programme file's entry is checked, then stores it: it replaces the
 * entry of the same month and strand (audits linked to that keep the link), or is added.
 * The change history keeps what it was.
 *
 * Returns: %FALSE with @error set, in words for the person editing, when nothing was stored
 */
gboolean
ca_programme_store_save_entry (CaDatabase        *database,
                               CaProgrammeEntry  *entry,
                               GError           **error)
{
  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (CA_IS_PROGRAMME_ENTRY (entry), FALSE);

  if (!check_entry (entry, error) || !ca_database_begin (database, error))
    return FALSE;
  if (!save_entry_in_transaction (database, entry, error) ||
      !ca_database_commit (database, error))
    {
      ca_database_rollback (database);
      return FALSE;
    }
  return TRUE;
}

/* The 1st and the 12th month of YEAR, as 'YYYY-MM'. */
static void
year_months (int    year,
             char   first[8],
             char   last[8])
{
  g_snprintf (first, 8, "%04d-01", year);
  g_snprintf (last, 8, "%04d-12", year);
}

/* DATE (nullable), YEARS later by the programme's rule. */
static char *
move_date (const char              *date,
           int                      years,
           const CaHolidayCalendar *calendar)
{
  GDate parsed, moved;

  if (date == NULL || !ca_date_parse (date, &parsed))
    return NULL;
  ca_programme_move_date (&parsed, years, calendar, &moved);
  return ca_date_format (&moved);
}

/**
 * ca_programme_store_copy_year:
 * @from_year: the programme to start from, usually last year's
 * @to_year: the year to make; it must have no programme yet
 * @n_copied: (out) (optional): how many entries were made
 *
 * Makes @to_year's programme from @from_year's: every month and strand with the same focus,
 * questions and training, and its dates moved to the same weekday of the same week of the
 * month (ca_programme_move_date(), with this database's bank holidays). Dated events
 * (moderation panels, workshops) are not copied: their days are set each year. One
 * transaction: all of it or nothing.
 *
 * Returns: %FALSE with @error set when nothing was made
 */
gboolean
ca_programme_store_copy_year (CaDatabase  *database,
                              int          from_year,
                              int          to_year,
                              guint       *n_copied,
                              GError     **error)
{
  g_autoptr(GPtrArray) from = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(CaHolidayCalendar) calendar = NULL;
  g_autoptr(CaStatement) find = NULL;
  char first[8], last[8];

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);

  if (from_year == to_year)
    return refuse (error, _("Choose another year to start from."));
  calendar = ca_holiday_store_load_calendar (database, error);
  if (calendar == NULL || !ca_database_begin (database, error))
    return FALSE;

  year_months (to_year, first, last);
  existing = ca_programme_store_list_entries (database, first, last, error);
  if (existing == NULL)
    goto failed;
  if (existing->len > 0)
    {
      refuse (error, _("%d already has a programme: edit its months instead."), to_year);
      goto failed;
    }
  year_months (from_year, first, last);
  from = ca_programme_store_list_entries (database, first, last, error);
  if (from == NULL)
    goto failed;
  if (from->len == 0)
    {
      refuse (error, _("%d has no programme to start from."), from_year);
      goto failed;
    }

  find = prepare_find_entry (database, error);
  if (find == NULL)
    goto failed;
  for (guint i = 0; i < from->len; i++)
    {
      CaProgrammeEntry *old = from->pdata[i];
      g_autoptr(CaProgrammeEntry) entry = ca_programme_entry_new ();
      g_autofree char *described = NULL;
      Stored stored;

      entry->month = g_strdup_printf ("%04d%s", to_year, old->month + 4);
      entry->strand = g_strdup (old->strand);
      entry->focus = g_strdup (old->focus);
      g_strfreev (entry->questions);
      entry->questions = g_strdupv (old->questions);
      g_strfreev (entry->training);
      entry->training = g_strdupv (old->training);
      entry->allocation_date = move_date (old->allocation_date, to_year - from_year, calendar);
      entry->return_date = move_date (old->return_date, to_year - from_year, calendar);
      entry->briefing_date = move_date (old->briefing_date, to_year - from_year, calendar);
      if (!store_entry (database, find, entry, &stored, error))
        goto failed;
      described = describe_entry (entry);
      if (!ca_database_record_change (database, NULL, "programme_entry", entry->id, "entry",
                                      NULL, described, error))
        goto failed;
    }

  ca_database_note_change (database, CA_CHANGE_PROGRAMME, CA_CHANGE_ALL_IDS);
  g_clear_pointer (&find, ca_statement_free);
  if (!ca_database_commit (database, error))
    goto failed;
  if (n_copied != NULL)
    *n_copied = from->len;
  return TRUE;

failed:
  g_clear_pointer (&find, ca_statement_free);
  ca_database_rollback (database);
  return FALSE;
}

/**
 * ca_programme_store_read_year:
 *
 * Returns: (transfer full): @year's programme, its entries and its dated events, as a file
 *   to write with ca_programme_file_write(); %NULL with @error set on failure
 */
CaProgrammeFile *
ca_programme_store_read_year (CaDatabase  *database,
                              int          year,
                              GError     **error)
{
  g_autoptr(CaProgrammeFile) file = g_new0 (CaProgrammeFile, 1);
  char first[8], last[8];
  GDate from, to;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);

  year_months (year, first, last);
  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_set_dmy (&from, 1, G_DATE_JANUARY, year);
  g_date_set_dmy (&to, 31, G_DATE_DECEMBER, year);
  file->year = year;
  file->title = g_strdup_printf (_("Audit Programme %d"), year);
  file->entries = ca_programme_store_list_entries (database, first, last, error);
  if (file->entries == NULL)
    return NULL;
  file->events = ca_programme_store_list_events (database, &from, &to, error);
  if (file->events == NULL)
    return NULL;
  return g_steal_pointer (&file);
}
