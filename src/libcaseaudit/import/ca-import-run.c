// SPDX-License-Identifier: GPL-3.0-or-later
// The import run: one pass, one write transaction taken first, waits for another import, on the worker.

#define G_LOG_DOMAIN "ca-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-csv-reader.h"
#include "ca-database-worker.h"
#include "ca-import-private.h"

/* How often, in rows, a run looks at its cancellable. */
#define CANCEL_CHECK_ROWS 256

/* How long a run waits for another import (or anything else writing) to finish before it
 * says so: each try waits CaDatabase's busy timeout. */
#define WRITE_WAIT_SECONDS 30

typedef struct
{
  gatomicrefcount       ref_count;
  GMainContext         *context;
  CaImportProgressFunc  func;
  gpointer              data;
  GDestroyNotify        notify;
  double                last;
} Progress;

typedef struct
{
  Progress *progress;
  double    fraction;
} ProgressCall;

static Progress *
progress_ref (Progress *progress)
{
  g_atomic_ref_count_inc (&progress->ref_count);
  return progress;
}

static void
progress_unref (Progress *progress)
{
  if (progress == NULL || !g_atomic_ref_count_dec (&progress->ref_count))
    return;
  if (progress->notify != NULL)
    progress->notify (progress->data);
  g_main_context_unref (progress->context);
  g_free (progress);
}

static gboolean
progress_call_cb (gpointer data)
{
  ProgressCall *call = data;

  call->progress->func (call->fraction, call->progress->data);
  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer data)
{
  ProgressCall *call = data;

  progress_unref (call->progress);
  g_free (call);
}

static void call_on_context (GMainContext   *context,
                             GSourceFunc     func,
                             gpointer        data,
                             GDestroyNotify  notify);

/* Sends a fraction to the caller's main context, no more than once a percent. */
static void
report_progress (Progress *progress,
                 double    fraction)
{
  ProgressCall *call;

  if (progress == NULL || progress->func == NULL)
    return;
  if (fraction < 1.0 && fraction - progress->last < 0.01)
    return;
  progress->last = fraction;

  call = g_new0 (ProgressCall, 1);
  call->progress = progress_ref (progress);
  call->fraction = fraction;
  call_on_context (progress->context, progress_call_cb, call, progress_call_free);
}

static void
set_cancelled (GError **error)
{
  g_set_error_literal (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_CANCELLED,
                       _("The import was cancelled; nothing was imported."));
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  if (cancellable == NULL || !g_cancellable_is_cancelled (cancellable))
    return FALSE;
  set_cancelled (error);
  return TRUE;
}

static gboolean
write_rows (CaDatabase      *database,
            CaImportLookup  *lookup,
            CaImportMapping *mapping,
            GPtrArray       *rows,
            CaImportReport  *report,
            GCancellable    *cancellable,
            Progress        *progress,
            GError         **error)
{
  for (guint i = 0; i < rows->len; i++)
    {
      CaImportRow *row = g_ptr_array_index (rows, i);
      CaImportWritten written = CA_IMPORT_WRITTEN_UPDATED;
      gboolean inserted = FALSE;
      gboolean ok = TRUE;

      if (i % CANCEL_CHECK_ROWS == 0)
        {
          if (check_cancelled (cancellable, error))
            return FALSE;
          report_progress (progress, 0.5 + 0.5 * i / rows->len);
        }

      switch (mapping->kind)
        {
        case CA_IMPORT_KIND_TEAMS:
          ok = ca_import_store_write_team (database, lookup, row->name, row->text[0],
                                           row->text[1], row->text[2], &inserted, error);
          break;
        case CA_IMPORT_KIND_STAFF:
          ok = ca_import_store_write_staff (database, lookup, row->key, row->name, row->text[0],
                                            row->text[1], row->id[0], row->flag[0], &inserted,
                                            error);
          break;
        case CA_IMPORT_KIND_CASES:
          if (mapping->format == CA_IMPORT_FORMAT_SSDA903_HEADER)
            ok = ca_import_store_enrich_case (database, lookup, &row->case_row, error);
          else
            ok = ca_import_store_write_case (database, lookup, &row->case_row, &inserted,
                                             error);
          break;
        case CA_IMPORT_KIND_AUDITS:
          ok = ca_import_store_write_audit (database, lookup, row->id[0], row->id[1], row->tool,
                                            row->text[0], row->text[1], row->number, &inserted,
                                            error);
          break;
        case CA_IMPORT_KIND_MODERATIONS:
          ok = ca_import_store_write_moderation (database, lookup, row->id[0], row->id[1],
                                                 row->text[0], row->text[1], row->grades,
                                                 &written, error);
          inserted = (written == CA_IMPORT_WRITTEN_NEW);
          break;
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        {
          /* Only a constraint is about the row; a busy or full database is not the file's
           * fault, and its message says so without a line. */
          if (error != NULL && g_error_matches (*error, CA_DATABASE_ERROR,
                                                CA_DATABASE_ERROR_CONSTRAINT))
            g_prefix_error (error, _("Line %u: "), row->line);
          return FALSE;
        }
      if (inserted)
        report->n_inserted++;
      else if (written == CA_IMPORT_WRITTEN_UNCHANGED)
        report->n_unchanged++;
      else
        report->n_updated++;
    }

  if (mapping->kind == CA_IMPORT_KIND_STAFF && (lookup->keep & CA_IMPORT_KEEP_MANAGER) == 0)
    for (guint i = 0; i < rows->len; i++)
      {
        CaImportRow *row = g_ptr_array_index (rows, i);

        if (!ca_import_store_set_manager (database, lookup, row->key, row->text[2], error))
          return FALSE;
      }

  return TRUE;
}

/* A moderation of an audit with no overall grade has nothing to agree or disagree with:
 * it is imported, and the report says why the agreement figures leave it out. */
static void
note_ungraded_audits (CaImportReport *report,
                      GPtrArray      *rows)
{
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    if (!((CaImportRow *) g_ptr_array_index (rows, i))->flag[0])
      n++;
  if (n > 0)
    ca_import_report_add_note (report,
                               ngettext ("%u moderation is of an audit with no overall grade, "
                                         "so it does not count in the agreement figures.",
                                         "%u moderations are of audits with no overall grade, "
                                         "so they do not count in the agreement figures.", n),
                               n);
}

static void
set_busy (GError **error)
{
  g_set_error_literal (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_BUSY,
                       _("Another import is writing to this database (or another copy of "
                         "Case Audit is saving to it). Nothing was imported: try again when "
                         "it has finished."));
}

/* Takes the database's write lock for the whole run (BEGIN IMMEDIATE): from then on nobody
 * else can add what this run is about to decide is new. Another import holding it is waited
 * for, a busy timeout at a time, up to WRITE_WAIT_SECONDS. */
static gboolean
begin_write (CaDatabase    *database,
             GCancellable  *cancellable,
             GError       **error)
{
  gint64 give_up = g_get_monotonic_time () + WRITE_WAIT_SECONDS * G_USEC_PER_SEC;

  for (;;)
    {
      GError *local_error = NULL;

      if (ca_database_begin (database, &local_error))
        return TRUE;
      if (!g_error_matches (local_error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_LOCKED))
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      g_clear_error (&local_error);
      if (check_cancelled (cancellable, error))
        return FALSE;
      if (g_get_monotonic_time () >= give_up)
        {
          set_busy (error);
          return FALSE;
        }
    }
}

/* The optional fields no column holds: a re-import leaves them as they are. */
static CaImportKeep
columns_to_keep (CaImportMapping *mapping)
{
  static const struct { CaImportKind kind; const char *field; CaImportKeep flag; } optional[] = {
    { CA_IMPORT_KIND_TEAMS, "auditor_group", CA_IMPORT_KEEP_GROUP },
    { CA_IMPORT_KIND_STAFF, "email", CA_IMPORT_KEEP_EMAIL },
    { CA_IMPORT_KIND_STAFF, "team", CA_IMPORT_KEEP_TEAM },
    { CA_IMPORT_KIND_STAFF, "active", CA_IMPORT_KEEP_ACTIVE },
    { CA_IMPORT_KIND_STAFF, "line_manager_id", CA_IMPORT_KEEP_MANAGER },
    { CA_IMPORT_KIND_CASES, "allocated_worker_id", CA_IMPORT_KEEP_WORKER },
    { CA_IMPORT_KIND_CASES, "close_date", CA_IMPORT_KEEP_CLOSE_DATE },
    { CA_IMPORT_KIND_CASES, "ethnicity", CA_IMPORT_KEEP_ETHNICITY },
    { CA_IMPORT_KIND_CASES, "birth_month", CA_IMPORT_KEEP_BIRTH_MONTH },
    { CA_IMPORT_KIND_CASES, "gender", CA_IMPORT_KEEP_GENDER },
    { CA_IMPORT_KIND_CASES, "disability", CA_IMPORT_KEEP_DISABILITY },
    { CA_IMPORT_KIND_CASES, "restricted", CA_IMPORT_KEEP_RESTRICTED },
  };
  CaImportKeep keep = 0;

  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    if (optional[i].kind == mapping->kind &&
        ca_import_mapping_get_column (mapping, optional[i].field) < 0)
      keep |= optional[i].flag;
  return keep;
}

static CaImportReport *
read_and_write (CaDatabase       *database,
                CaImportMapping  *mapping,
                CaImportPreview  *preview,
                GCancellable     *cancellable,
                Progress         *progress,
                GError          **error)
{
  g_autoptr(CaCsvReader) reader = NULL;
  g_autoptr(CaImportReport) report = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GHashTable) given = NULL;
  g_autoptr(GHashTable) remembered = NULL;
  g_autoptr(GHashTable) used = NULL;
  g_autoptr(GHashTable) unmatched = NULL;
  g_autoptr(GPtrArray) grade_columns = NULL;
  g_auto(GStrv) header = NULL;
  CaImportLookup *lookup = NULL;
  CaImportReading reading = { 0 };
  goffset size;
  guint n_columns;
  gboolean ok;

  if (!ca_import_mapping_check (mapping, error))
    return NULL;
  reader = ca_csv_reader_new_for_bytes (preview->text);
  if ((header = ca_csv_reader_read_record (reader, cancellable, error)) == NULL)
    return NULL;

  n_columns = g_strv_length (header);
  for (guint i = 0; i < mapping->layout.n_fields; i++)
    if (mapping->columns[i] >= (int) n_columns)
      {
        g_set_error (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_MISSING_COLUMN,
                     _("The file has %u columns, fewer than the column chosen for the %s."),
                     n_columns, ca_import_field_get_label (&mapping->layout.fields[i]));
        return NULL;
      }

  report = g_object_new (CA_TYPE_IMPORT_REPORT, NULL);
  report->kind = mapping->kind;
  report->format = mapping->format;
  report->encoding = preview->encoding;
  if (preview->encoding == CA_IMPORT_ENCODING_WINDOWS_1252)
    ca_import_report_add_note (report, _("The file was read as Windows-1252, as it is not "
                                         "UTF-8 text."));

  /* Everything from here on sees the database as no one else can change it until the end:
   * whether a row is new or an update is decided here, not before. */
  if (!begin_write (database, cancellable, error))
    return NULL;

  given = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  remembered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) ca_import_remembered_value_free);
  if ((lookup = ca_import_store_load_lookup (database, mapping->kind, mapping->format,
                                             error)) == NULL ||
      !ca_import_check_given (database, mapping, lookup, given, error) ||
      !ca_import_load_remembered (database, mapping, lookup, remembered, error))
    goto failed;

  lookup->keep = columns_to_keep (mapping);

  rows = g_ptr_array_new_with_free_func (ca_import_row_free);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  used = g_hash_table_new (NULL, NULL);
  unmatched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reading.mapping = mapping;
  reading.lookup = lookup;
  reading.report = report;
  reading.seen = seen;
  reading.given = given;
  reading.remembered = remembered;
  reading.used = used;
  reading.unmatched = unmatched;
  if (mapping->kind == CA_IMPORT_KIND_MODERATIONS)
    reading.grade_columns = grade_columns =
      ca_import_find_grade_columns (mapping, (const char * const *) header);
  size = ca_csv_reader_get_size (reader);

  for (guint n = 0;; n++)
    {
      GError *local_error = NULL;
      g_auto(GStrv) record = ca_csv_reader_read_record (reader, cancellable, &local_error);
      guint length;
      CaImportRow *row;

      if (record == NULL)
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              goto failed;
            }
          break;
        }

      if (n % CANCEL_CHECK_ROWS == 0)
        {
          if (check_cancelled (cancellable, error))
            goto failed;
          if (size > 0)
            report_progress (progress, 0.5 * ca_csv_reader_get_position (reader) / size);
        }

      report->n_rows++;
      reading.record = record;
      reading.line = ca_csv_reader_get_line (reader);
      length = g_strv_length (record);
      if (length != n_columns)
        {
          ca_import_report_add_row_error (report, reading.line,
                                          ngettext ("the row has %u value but the header has "
                                                    "%u columns",
                                                    "the row has %u values but the header has "
                                                    "%u columns", length), length, n_columns);
          continue;
        }
      if ((row = ca_import_read_row (&reading)) != NULL)
        g_ptr_array_add (rows, row);
    }

  if (mapping->kind == CA_IMPORT_KIND_STAFF)
    ca_import_check_managers (lookup, rows, seen, report);

  if (report->errors->len > 0)
    {
      ca_import_report_sort_errors (report);
      if (!ca_import_report_add_choices (report, database, error) ||
          !ca_import_report_note_remembered (report, database, used, error))
        goto failed;
      ca_database_rollback (database);
      ca_import_lookup_free (lookup);
      return g_steal_pointer (&report);
    }

  /* Values are remembered for the four lists alone: schema 0006 holds no others. */
  ok = write_rows (database, lookup, mapping, rows, report, cancellable, progress, error) &&
       (mapping->kind == CA_IMPORT_KIND_MODERATIONS ||
        ca_import_remember_given (database, mapping, given, error)) &&
       ca_import_report_note_remembered (report, database, used, error) &&
       (mapping->kind != CA_IMPORT_KIND_AUDITS ||
        ca_import_report_note_audit_copies (report, database, error)) &&
       !check_cancelled (cancellable, error);
  if (ok && mapping->kind == CA_IMPORT_KIND_MODERATIONS)
    note_ungraded_audits (report, rows);
  if (ok)
    {
      GError *local_error = NULL;

      /* An import may touch any kind of record: the views reload everything. */
      ca_database_note_change (database, CA_CHANGE_ANY, CA_CHANGE_ALL_IDS);
      if (!ca_database_commit (database, &local_error))
        {
          if (g_error_matches (local_error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_LOCKED))
            {
              g_clear_error (&local_error);
              set_busy (&local_error);
            }
          g_propagate_error (error, local_error);
          ok = FALSE;
        }
    }
  if (!ok)
    goto failed;
  ca_import_lookup_free (lookup);

  report_progress (progress, 1.0);
  return g_steal_pointer (&report);

failed:
  ca_database_rollback (database);
  ca_import_lookup_free (lookup);
  return NULL;
}

/* Cancelling while the file is read comes back from GIO as its own error; the caller sees
 * one kind of "cancelled" whenever it happened. */
static CaImportReport *
run_import (CaDatabase       *database,
            CaImportMapping  *mapping,
            CaImportPreview  *preview,
            GCancellable     *cancellable,
            Progress         *progress,
            GError          **error)
{
  GError *local_error = NULL;
  CaImportReport *report = read_and_write (database, mapping, preview, cancellable, progress,
                                           &local_error);

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (&local_error);
      set_cancelled (&local_error);
    }
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return report;
}

/**
 * ca_import_run:
 *
 * Reads every row of @preview (the file as read once) as @mapping says, checks each against
 * the database and the rest of the file, and writes them all, in the one write transaction
 * the checks were made in, only when every row is good.
 *
 * Returns: (transfer full): the report (see ca_import_report_get_succeeded), or %NULL with
 * @error when the run could not finish.
 */
CaImportReport *
ca_import_run (CaDatabase       *database,
               CaImportMapping  *mapping,
               CaImportPreview  *preview,
               GCancellable     *cancellable,
               GError          **error)
{
  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (CA_IS_IMPORT_MAPPING (mapping), NULL);
  g_return_val_if_fail (CA_IS_IMPORT_PREVIEW (preview), NULL);

  return run_import (database, mapping, preview, cancellable, NULL, error);
}

/* The run, on the database's worker ------------------------------------------------------ */

typedef struct
{
  CaImportMapping *mapping;
  CaImportPreview *preview;
  GCancellable    *cancellable;
  Progress        *progress;  /* borrowed: the caller's side holds it until run_done_cb */
} RunData;

static void
run_data_free (RunData *data)
{
  g_object_unref (data->mapping);
  g_object_unref (data->preview);
  g_clear_object (&data->cancellable);
  g_free (data);
}

static gboolean
run_job (CaDatabase    *connection,
         gpointer       job_data,
         gpointer      *result,
         GCancellable  *unused,
         GError       **error)
{
  RunData *data = job_data;

  *result = run_import (connection, data->mapping, data->preview, data->cancellable,
                        data->progress, error);
  return *result != NULL;
}

/* Always through the context, even when no one is running it yet: the caller's functions
 * must not be called on the worker thread. */
static void
call_on_context (GMainContext   *context,
                 GSourceFunc     func,
                 gpointer        data,
                 GDestroyNotify  notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[ca-import] progress");
  g_source_attach (source, context);
}

/* On the caller's context, after every progress call the job queued (they were queued
 * before the job's answer, at the same priority): the progress is let go here, so that
 * progress_notify runs before the caller's callback and never on the worker. */
static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  CaImportReport *report = g_task_propagate_pointer (G_TASK (result), &error);

  progress_unref (g_task_get_task_data (task));
  g_task_set_task_data (task, NULL, NULL);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, g_object_unref);
}

/**
 * ca_import_run_async:
 * @progress: (nullable) (scope notified): called on this thread's main context
 * @progress_notify: (nullable): called on that context too, before @callback
 *
 * Runs ca_import_run on @database's worker (ca_database_run_in_task()), after the store
 * calls asked for before it. Cancelling stops it and writes nothing.
 */
void
ca_import_run_async (CaDatabase           *database,
                     CaImportMapping      *mapping,
                     CaImportPreview      *preview,
                     GCancellable         *cancellable,
                     CaImportProgressFunc  progress,
                     gpointer              progress_data,
                     GDestroyNotify        progress_notify,
                     GAsyncReadyCallback   callback,
                     gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) job_task = NULL;
  Progress *shared;
  RunData *data;

  g_return_if_fail (CA_IS_DATABASE (database));
  g_return_if_fail (CA_IS_IMPORT_MAPPING (mapping));
  g_return_if_fail (CA_IS_IMPORT_PREVIEW (preview));

  shared = g_new0 (Progress, 1);
  g_atomic_ref_count_init (&shared->ref_count);
  shared->context = g_main_context_ref_thread_default ();
  shared->func = progress;
  shared->data = progress_data;
  shared->notify = progress_notify;
  shared->last = -1.0;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_import_run_async);
  /* The run says itself whether it was cancelled before or after it committed. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, shared, NULL);

  data = g_new0 (RunData, 1);
  data->mapping = g_object_ref (mapping);
  data->preview = g_object_ref (preview);
  data->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  data->progress = shared;

  /* The job's own task has no cancellable: the worker would otherwise skip a run cancelled
   * before it starts with GIO's error, where the run itself says "cancelled" its own way
   * (and lets go of nothing on the wrong thread). */
  job_task = g_task_new (NULL, NULL, run_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (job_task, run_job);
  ca_database_run_in_task (database, job_task, run_job, data, (GDestroyNotify) run_data_free,
                           g_object_unref);
}

CaImportReport *
ca_import_run_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
