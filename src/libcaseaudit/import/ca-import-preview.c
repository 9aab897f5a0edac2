// SPDX-License-Identifier: GPL-3.0-or-later
// CaImportPreview: a file read once and decoded, its header and first rows for the window.

#define G_LOG_DOMAIN "ca-import"

#include "config.h"

#include "ca-csv-reader.h"
#include "ca-database-worker.h"
#include "ca-import-private.h"
#include "ca-input-file.h"

G_DEFINE_FINAL_TYPE (CaImportPreview, ca_import_preview, G_TYPE_OBJECT)

static void
ca_import_preview_finalize (GObject *object)
{
  CaImportPreview *self = CA_IMPORT_PREVIEW (object);

  g_clear_pointer (&self->text, g_bytes_unref);
  g_strfreev (self->header);
  g_ptr_array_unref (self->rows);
  g_array_unref (self->lines);
  G_OBJECT_CLASS (ca_import_preview_parent_class)->finalize (object);
}

static void
ca_import_preview_class_init (CaImportPreviewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ca_import_preview_finalize;
}

static void
ca_import_preview_init (CaImportPreview *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->lines = g_array_new (FALSE, FALSE, sizeof (guint));
}

/**
 * ca_import_preview_new:
 * @contents: a whole file's bytes
 * @max_rows: how many rows after the header to keep for showing
 *
 * Decodes @contents (UTF-8, or Windows-1252 when it is not: see ca_import_decode_text())
 * and reads its header and first rows.
 *
 * Returns: (transfer full): the file, or %NULL with the decoder's or reader's error (not
 * text, empty, malformed in the rows read).
 */
CaImportPreview *
ca_import_preview_new (GBytes  *contents,
                       guint    max_rows,
                       GError **error)
{
  g_autoptr(CaImportPreview) self = NULL;
  g_autoptr(CaCsvReader) reader = NULL;
  gsize length = 0, text_length = 0;
  const guint8 *data;
  char *text;

  g_return_val_if_fail (contents != NULL, NULL);

  self = g_object_new (CA_TYPE_IMPORT_PREVIEW, NULL);
  data = g_bytes_get_data (contents, &length);
  if ((text = ca_import_decode_text (data, length, &text_length, &self->encoding,
                                     error)) == NULL)
    return NULL;
  self->text = g_bytes_new_take (text, text_length);

  reader = ca_csv_reader_new_for_bytes (self->text);
  if ((self->header = ca_csv_reader_read_record (reader, NULL, error)) == NULL)
    return NULL;

  while (self->rows->len < max_rows)
    {
      GError *local_error = NULL;
      char **row = ca_csv_reader_read_record (reader, NULL, &local_error);
      guint line;

      if (row == NULL)
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return NULL;
            }
          break;
        }
      line = ca_csv_reader_get_line (reader);
      g_ptr_array_add (self->rows, row);
      g_array_append_val (self->lines, line);
    }

  return g_steal_pointer (&self);
}

/**
 * ca_import_preview_read:
 * @file: a file, a pipe or a FIFO (/dev/stdin is either)
 * @max_rows: how many rows after the header to keep for showing
 *
 * Reads all of @file once, up to %CA_CSV_MAX_SIZE (counted while reading), giving up on a
 * pipe nobody writes to (ca_input_file_read()); the run imports what was read here.
 *
 * Returns: (transfer full): the file, or %NULL with the error (unreadable, not a file, too
 * large, not text, empty, malformed in the rows read).
 */
CaImportPreview *
ca_import_preview_read (GFile         *file,
                        guint          max_rows,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GBytes) contents = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  contents = ca_input_file_read (file, CA_CSV_MAX_SIZE, CA_INPUT_FILE_WAIT_SECONDS,
                                 cancellable, error);
  if (contents == NULL)
    return NULL;
  return ca_import_preview_new (contents, max_rows, error);
}

typedef struct
{
  CaDatabase *database;
  guint       max_rows;
  GBytes     *contents;
} PreviewRead;

static void
preview_read_free (PreviewRead *read)
{
  g_clear_object (&read->database);
  g_clear_pointer (&read->contents, g_bytes_unref);
  g_free (read);
}

/* On the worker: the file's bytes decoded and parsed. */
static gboolean
decode_job (CaDatabase    *connection,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  PreviewRead *read = data;

  *result = ca_import_preview_new (read->contents, read->max_rows, error);
  return *result != NULL;
}

static void
decoded_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  gpointer preview = NULL;
  GError *error = NULL;

  if (!ca_database_run_finish (result, &preview, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, preview, g_object_unref);
}

static void
preview_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PreviewRead *read = g_task_get_task_data (task);
  GError *error = NULL;

  read->contents = ca_input_file_read_finish (result, &error);
  if (read->contents == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Decoding a file of up to 100 MB (its encoding, every row checked) is work for the
   * worker, not for the window's thread. */
  ca_database_run_async (read->database, decode_job, read, NULL, g_object_unref,
                         g_task_get_cancellable (task), decoded_cb, g_object_ref (task));
}

/**
 * ca_import_preview_read_async:
 * @database: whose worker decodes the file
 *
 * ca_import_preview_read() for the window: the file is read with
 * ca_input_file_read_async(), without a thread, then decoded on @database's worker.
 * Finish with ca_import_preview_read_finish().
 */
void
ca_import_preview_read_async (CaDatabase          *database,
                              GFile               *file,
                              guint                max_rows,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PreviewRead *read = g_new0 (PreviewRead, 1);

  g_return_if_fail (CA_IS_DATABASE (database));
  g_return_if_fail (G_IS_FILE (file));

  read->database = g_object_ref (database);
  read->max_rows = max_rows;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_import_preview_read_async);
  g_task_set_task_data (task, read, (GDestroyNotify) preview_read_free);
  ca_input_file_read_async (file, CA_CSV_MAX_SIZE, CA_INPUT_FILE_WAIT_SECONDS, cancellable,
                            preview_read_cb, g_steal_pointer (&task));
}

CaImportPreview *
ca_import_preview_read_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char * const *
ca_import_preview_get_header (CaImportPreview *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_PREVIEW (self), NULL);
  return (const char * const *) self->header;
}

guint
ca_import_preview_get_n_rows (CaImportPreview *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_PREVIEW (self), 0);
  return self->rows->len;
}

const char * const *
ca_import_preview_get_row (CaImportPreview *self,
                           guint            index)
{
  g_return_val_if_fail (CA_IS_IMPORT_PREVIEW (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);
  return g_ptr_array_index (self->rows, index);
}

/* The line of the file on which the row starts (a quoted value may span lines). */
guint
ca_import_preview_get_row_line (CaImportPreview *self,
                                guint            index)
{
  g_return_val_if_fail (CA_IS_IMPORT_PREVIEW (self), 0);
  g_return_val_if_fail (index < self->lines->len, 0);
  return g_array_index (self->lines, guint, index);
}

/* Windows-1252 when the file was not UTF-8 text; the user is told (see the report's notes). */
CaImportEncoding
ca_import_preview_get_encoding (CaImportPreview *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_PREVIEW (self), CA_IMPORT_ENCODING_UTF8);
  return self->encoding;
}
