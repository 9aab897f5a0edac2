// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "ca-csv-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-csv-reader.h"

#define BUFFER_SIZE 65536

typedef enum
{
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE_IN_QUOTED,
} State;

struct _CaCsvReader
{
  GInputStream *stream;
  guint8       *buffer;
  gsize         length;
  gsize         offset;
  gboolean      at_end;
  gboolean      started;
  gboolean      skip_lf;
  gboolean      any_record;
  goffset       position;
  goffset       size;
  goffset       max_size;
  guint         line;
  guint         record_line;
};

G_DEFINE_QUARK (ca-csv-error-quark, ca_csv_error)

static char *
format_size (goffset size)
{
  return g_format_size_full ((guint64) size, G_FORMAT_SIZE_DEFAULT);
}

static void
set_too_large (CaCsvReader  *self,
               goffset       size,
               GError      **error)
{
  g_autofree char *limit = format_size (self->max_size);

  if (size > 0)
    {
      g_autofree char *have = format_size (size);
      g_set_error (error, CA_CSV_ERROR, CA_CSV_ERROR_TOO_LARGE,
                   _("The file is %s; files larger than %s cannot be imported. Split it into "
                     "smaller files and import each."), have, limit);
    }
  else
    g_set_error (error, CA_CSV_ERROR, CA_CSV_ERROR_TOO_LARGE,
                 _("The file is larger than %s, which is as much as can be imported at once. "
                   "Split it into smaller files and import each."), limit);
}

/* Returns -1 at the end of the stream (error unset) or on error (error set). */
static int
next_byte (CaCsvReader   *self,
           GCancellable  *cancellable,
           GError       **error)
{
  if (self->offset >= self->length)
    {
      gssize n;

      if (self->at_end)
        return -1;

      n = g_input_stream_read (self->stream, self->buffer, BUFFER_SIZE, cancellable, error);
      if (n < 0)
        return -1;
      if (n == 0)
        {
          self->at_end = TRUE;
          return -1;
        }
      self->length = (gsize) n;
      self->offset = 0;

      /* A byte order mark only means "UTF-8" and is not part of the first field. */
      if (!self->started)
        {
          self->started = TRUE;
          if (self->length >= 3 && memcmp (self->buffer, "\xef\xbb\xbf", 3) == 0)
            {
              self->offset = 3;
              self->position = 3;
              if (self->length == 3)
                return next_byte (self, cancellable, error);
            }
        }
    }

  self->position++;
  if (self->position > self->max_size)
    {
      set_too_large (self, self->size, error);
      return -1;
    }

  return self->buffer[self->offset++];
}

static gboolean
finish_field (CaCsvReader  *self,
              GPtrArray    *fields,
              GString      *field,
              guint         field_line,
              GError      **error)
{
  const char *end = NULL;

  if (!g_utf8_validate (field->str, (gssize) field->len, &end))
    {
      guint line = field_line;

      for (const char *p = field->str; p < end; p++)
        if (*p == '\n')
          line++;

      g_set_error (error, CA_CSV_ERROR, CA_CSV_ERROR_INVALID_UTF8,
                   _("Line %u is not valid UTF-8 text. Save the file as “CSV UTF-8” and "
                     "import it again."), line);
      return FALSE;
    }

  g_ptr_array_add (fields, g_strndup (field->str, field->len));
  g_string_truncate (field, 0);
  return TRUE;
}

static char **
read_one (CaCsvReader   *self,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  State state = STATE_FIELD_START;
  guint field_line = self->line;
  guint quote_line = self->line;
  gboolean any = FALSE;

  self->record_line = self->line;

  for (;;)
    {
      GError *local_error = NULL;
      int c = next_byte (self, cancellable, &local_error);

      if (c < 0)
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return NULL;
            }
          if (!any)
            return NULL;
          if (state == STATE_QUOTED)
            {
              g_set_error (error, CA_CSV_ERROR, CA_CSV_ERROR_UNBALANCED_QUOTE,
                           _("Line %u: a quoted value starts here but its closing quote is "
                             "missing."), quote_line);
              return NULL;
            }
          if (!finish_field (self, fields, field, field_line, error))
            return NULL;
          break;
        }

      if (self->skip_lf)
        {
          self->skip_lf = FALSE;
          if (c == '\n')
            continue;
        }

      any = TRUE;

      if (state == STATE_QUOTED)
        {
          if (c == '"')
            state = STATE_QUOTE_IN_QUOTED;
          else
            {
              if (c == '\n')
                self->line++;
              g_string_append_c (field, (char) c);
            }
          continue;
        }

      if (c == ',')
        {
          if (!finish_field (self, fields, field, field_line, error))
            return NULL;
          state = STATE_FIELD_START;
          field_line = self->line;
          continue;
        }

      if (c == '\n' || c == '\r')
        {
          self->line++;
          self->skip_lf = (c == '\r');
          if (!finish_field (self, fields, field, field_line, error))
            return NULL;
          break;
        }

      switch (state)
        {
        case STATE_FIELD_START:
          if (c == '"')
            {
              state = STATE_QUOTED;
              quote_line = self->line;
            }
          else
            {
              g_string_append_c (field, (char) c);
              state = STATE_UNQUOTED;
            }
          break;

        case STATE_UNQUOTED:
          if (c == '"')
            {
              g_set_error (error, CA_CSV_ERROR, CA_CSV_ERROR_STRAY_QUOTE,
                           _("Line %u: a value has a quote in the middle; a value with quotes "
                             "must be wholly in quotes, with each quote in it doubled."),
                           self->line);
              return NULL;
            }
          g_string_append_c (field, (char) c);
          break;

        case STATE_QUOTE_IN_QUOTED:
          if (c == '"')
            {
              g_string_append_c (field, '"');
              state = STATE_QUOTED;
            }
          else
            {
              g_set_error (error, CA_CSV_ERROR, CA_CSV_ERROR_STRAY_QUOTE,
                           _("Line %u: there is text after the closing quote of a value; a "
                             "quote inside a quoted value must be doubled."), self->line);
              return NULL;
            }
          break;

        case STATE_QUOTED:
        default:
          g_assert_not_reached ();
        }
    }

  g_ptr_array_add (fields, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
}

CaCsvReader *
ca_csv_reader_new (GInputStream *stream)
{
  CaCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = g_new0 (CaCsvReader, 1);
  self->stream = g_object_ref (stream);
  self->buffer = g_malloc (BUFFER_SIZE);
  self->size = -1;
  self->max_size = CA_CSV_MAX_SIZE;
  self->line = 1;
  self->record_line = 1;
  return self;
}

/* Over text already in memory (a whole file read once, see ca_input_file_read()): its size
 * is known, so progress can be told from the position. */
CaCsvReader *
ca_csv_reader_new_for_bytes (GBytes *bytes)
{
  g_autoptr(GInputStream) stream = NULL;
  CaCsvReader *self;

  g_return_val_if_fail (bytes != NULL, NULL);

  stream = g_memory_input_stream_new_from_bytes (bytes);
  self = ca_csv_reader_new (stream);
  self->size = (goffset) g_bytes_get_size (bytes);
  return self;
}

void
ca_csv_reader_free (CaCsvReader *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->stream);
  g_free (self->buffer);
  g_free (self);
}

void
ca_csv_reader_set_max_size (CaCsvReader *self,
                            goffset      max_size)
{
  g_return_if_fail (self != NULL);
  self->max_size = max_size;
}

/* The next record as a NULL-terminated array of fields, or NULL at the end (error unset)
 * or on a fault (error set). Blank lines are skipped; a stream with no record at all is
 * CA_CSV_ERROR_EMPTY. */
char **
ca_csv_reader_read_record (CaCsvReader   *self,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (;;)
    {
      GError *local_error = NULL;
      char **record = read_one (self, cancellable, &local_error);

      if (record == NULL)
        {
          if (local_error != NULL)
            g_propagate_error (error, local_error);
          else if (!self->any_record)
            g_set_error_literal (error, CA_CSV_ERROR, CA_CSV_ERROR_EMPTY,
                                 _("The file is empty: it has no header and no rows."));
          return NULL;
        }

      if (record[0] != NULL && record[1] == NULL && record[0][0] == '\0')
        {
          g_strfreev (record);
          continue;
        }

      self->any_record = TRUE;
      return record;
    }
}

/* The line on which the record last read starts (1 for the first line of the file). */
guint
ca_csv_reader_get_line (CaCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->record_line;
}

goffset
ca_csv_reader_get_position (CaCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->position;
}

/* The file's size, or -1 when the stream does not say. */
goffset
ca_csv_reader_get_size (CaCsvReader *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->size;
}
