// SPDX-License-Identifier: GPL-3.0-or-later
// Checks JSON text before json-glib parses it: UTF-8, nesting depth, and character escapes.
//
// json-glib parses by recursion, so a file of 80,000 opening brackets ran it off the end of
// the stack; and it turns a lone surrogate escape such as \ud800 into bytes that are not
// UTF-8, or refuses it with a vague message. One pass over the bytes here, which knows
// where it is in the file (line, column and the path to the element, as in
// events[3].title), refuses all of these first, naming the place. Nothing here builds a
// tree, so it needs no more memory than the levels it allows.

#define G_LOG_DOMAIN "ca-json-scan"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-json-scan.h"

/* Member names longer than this are cut short in the path a message gives. */
#define MAX_NAME_CHARS 40

G_DEFINE_QUARK (ca-json-error-quark, ca_json_error)

typedef struct
{
  gboolean    is_object;
  gboolean    expect_name;  /* an object after "{" or ",": the next string is a name */
  guint       index;        /* an array: the element's index */
  const char *name;         /* an object: the member's name as written, or NULL */
  gsize       name_length;
} Level;

typedef struct
{
  const char *data;
  gsize       length;
  guint       line;         /* from 1 */
  gsize       line_start;   /* the offset of the line's first byte */
  Level      *levels;
  guint       depth;
} Scanner;

/* The column of OFFSET on its line, in characters from 1, as an editor counts. */
static guint
column_of (const Scanner *scanner,
           gsize          offset)
{
  return (guint) g_utf8_strlen (scanner->data + scanner->line_start,
                                (gssize) (offset - scanner->line_start)) + 1;
}

/* The path to where the scanner is, e.g. england-and-wales.events[3].title; "" at the top. */
static char *
current_path (const Scanner *scanner)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < scanner->depth; i++)
    {
      const Level *level = &scanner->levels[i];

      if (!level->is_object)
        {
          g_string_append_printf (path, "[%u]", level->index);
          continue;
        }
      /* Inside a member's name, or before the first: the object is the place. */
      if (level->name == NULL || level->expect_name)
        break;
      if (path->len > 0)
        g_string_append_c (path, '.');
      if (g_utf8_strlen (level->name, (gssize) level->name_length) > MAX_NAME_CHARS)
        {
          const char *cut = g_utf8_offset_to_pointer (level->name, MAX_NAME_CHARS);

          g_string_append_len (path, level->name, cut - level->name);
          g_string_append (path, "…");
        }
      else
        g_string_append_len (path, level->name, (gssize) level->name_length);
    }
  return g_string_free (path, FALSE);
}

static gboolean
is_hex4 (const Scanner *scanner,
         gsize          offset,
         guint         *value)
{
  guint result = 0;

  if (offset + 4 > scanner->length)
    return FALSE;
  for (gsize i = offset; i < offset + 4; i++)
    {
      int digit = g_ascii_xdigit_value (scanner->data[i]);

      if (digit < 0)
        return FALSE;
      result = result * 16 + (guint) digit;
    }
  *value = result;
  return TRUE;
}

/* A refusal of the escape of LENGTH bytes at OFFSET, naming the element it is in. */
static void
set_escape_error (const Scanner  *scanner,
                  gsize           offset,
                  gsize           length,
                  gboolean        is_zero,
                  GError        **error)
{
  g_autofree char *path = current_path (scanner);
  g_autofree char *escape = NULL;
  g_autofree char *problem = NULL;
  guint column = column_of (scanner, offset);

  /* The escape as written, up to the end of the file and whole characters only. */
  length = MIN (length, scanner->length - offset);
  escape = g_utf8_make_valid (scanner->data + offset, (gssize) length);
  if (is_zero)
    /* TRANSLATORS: a JSON escape such as \u0000 as it is written in the file. */
    problem = g_strdup_printf (_("“%s” is the zero character, which text in Case Audit "
                                 "cannot hold"), escape);
  else
    /* TRANSLATORS: a JSON escape such as \ud800 as it is written in the file. */
    problem = g_strdup_printf (_("“%s” is not a valid character escape"), escape);

  if (path[0] != '\0')
    /* TRANSLATORS: the path to an element of a file, e.g. events[3].title, what is wrong
     * with it, then the line and column where it is. */
    g_set_error (error, CA_JSON_ERROR, CA_JSON_ERROR_BAD_ESCAPE, _("%s: %s (line %u, column %u)"),
                 path, problem, scanner->line, column);
  else
    g_set_error (error, CA_JSON_ERROR, CA_JSON_ERROR_BAD_ESCAPE, _("line %u, column %u: %s"),
                 scanner->line, column, problem);
}

/* Checks the escapes of the string whose opening quote is at *OFFSET, and leaves *OFFSET at
 * its closing quote (or the end of the text, which json-glib then refuses). */
static gboolean
scan_string (Scanner  *scanner,
             gsize    *offset,
             GError  **error)
{
  gsize p = *offset + 1;

  while (p < scanner->length && scanner->data[p] != '"')
    {
      guint value, low;
      char next;

      if (scanner->data[p] == '\n')
        {
          /* Not valid JSON, but counted so that a later message names the right line. */
          scanner->line++;
          scanner->line_start = p + 1;
        }
      if (scanner->data[p] != '\\')
        {
          p++;
          continue;
        }
      if (p + 1 >= scanner->length)
        break;

      next = scanner->data[p + 1];
      if (strchr ("\"\\/bfnrt", next) != NULL && next != '\0')
        {
          p += 2;
          continue;
        }
      if (next != 'u' || !is_hex4 (scanner, p + 2, &value))
        {
          /* The backslash and the character after it, or a \u and what follows. */
          gsize shown = next == 'u' ? 6 : 1 + (gsize) g_utf8_skip[(guchar) next];

          set_escape_error (scanner, p, shown, FALSE, error);
          return FALSE;
        }
      if (value == 0)
        {
          set_escape_error (scanner, p, 6, TRUE, error);
          return FALSE;
        }
      /* UTF-16 in escapes: a high surrogate must have its low one straight after it, and
       * a low one cannot stand alone. */
      if (value >= 0xD800 && value <= 0xDBFF)
        {
          if (p + 7 < scanner->length && scanner->data[p + 6] == '\\' &&
              scanner->data[p + 7] == 'u' && is_hex4 (scanner, p + 8, &low) &&
              low >= 0xDC00 && low <= 0xDFFF)
            {
              p += 12;
              continue;
            }
          set_escape_error (scanner, p, 6, FALSE, error);
          return FALSE;
        }
      if (value >= 0xDC00 && value <= 0xDFFF)
        {
          set_escape_error (scanner, p, 6, FALSE, error);
          return FALSE;
        }
      p += 6;
    }

  *offset = p;
  return TRUE;
}

static void
set_utf8_error (const char  *data,
                gsize        length,
                const char  *end,
                GError     **error)
{
  Scanner scanner = { data, length, 1, 0, NULL, 0 };
  guint column;

  for (const char *p = data; p < end; p++)
    if (*p == '\n')
      {
        scanner.line++;
        scanner.line_start = (gsize) (p - data) + 1;
      }
  column = column_of (&scanner, (gsize) (end - data));

  if (*end == '\0')
    g_set_error (error, CA_JSON_ERROR, CA_JSON_ERROR_NOT_UTF8,
                 _("line %u, column %u: a zero byte, so this is not a text file"),
                 scanner.line, column);
  else
    g_set_error (error, CA_JSON_ERROR, CA_JSON_ERROR_NOT_UTF8,
                 _("line %u, column %u: not UTF-8 text; save the file as UTF-8"),
                 scanner.line, column);
}

/**
 * ca_json_scan:
 * @data: JSON text, not necessarily ending with a zero byte
 * @length: its length in bytes
 * @max_depth: the deepest nesting of lists and objects accepted, e.g. %CA_JSON_MAX_DEPTH
 *
 * Checks, without parsing, what json-glib cannot be trusted with: that @data is UTF-8 text
 * with no zero byte, that lists and objects nest at most @max_depth deep, and that each
 * string's escapes stand for characters (a lone surrogate such as \ud800 does not, nor
 * does \u0000 in a C string). Everything else, such as a missing comma, is left to
 * json-glib.
 *
 * Returns: %FALSE with @error set in %CA_JSON_ERROR, naming the line and column and, for an
 *   escape, the path to the element
 */
gboolean
ca_json_scan (const char  *data,
              gsize        length,
              guint        max_depth,
              GError     **error)
{
  g_autofree Level *levels = NULL;
  Scanner scanner = { data, length, 1, 0, NULL, 0 };
  const char *end = NULL;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (length > G_MAXSSIZE || !g_utf8_validate_len (data, length, &end))
    {
      set_utf8_error (data, length, end != NULL ? end : data, error);
      return FALSE;
    }

  scanner.levels = levels = g_new0 (Level, MAX (max_depth, 1));
  for (gsize p = 0; p < length; p++)
    {
      Level *top = scanner.depth > 0 ? &scanner.levels[scanner.depth - 1] : NULL;

      switch (data[p])
        {
        case '\n':
          scanner.line++;
          scanner.line_start = p + 1;
          break;

        case '{':
        case '[':
          if (scanner.depth >= max_depth)
            {
              g_set_error (error, CA_JSON_ERROR, CA_JSON_ERROR_TOO_DEEP,
                           _("line %u, column %u: lists and objects are nested more than %u "
                             "deep, which no file Case Audit reads needs"),
                           scanner.line, column_of (&scanner, p), max_depth);
              return FALSE;
            }
          top = &scanner.levels[scanner.depth++];
          memset (top, 0, sizeof *top);
          top->is_object = data[p] == '{';
          top->expect_name = top->is_object;
          break;

        case '}':
        case ']':
          /* A bracket that does not match is json-glib's to refuse. */
          if (scanner.depth > 0)
            scanner.depth--;
          break;

        case ',':
          if (top != NULL && top->is_object)
            top->expect_name = TRUE;
          else if (top != NULL)
            top->index++;
          break;

        case ':':
          if (top != NULL && top->is_object)
            top->expect_name = FALSE;
          break;

        case '"':
          {
            gsize start = p + 1;

            if (!scan_string (&scanner, &p, error))
              return FALSE;
            if (top != NULL && top->is_object && top->expect_name)
              {
                top->name = data + start;
                top->name_length = p - start;
              }
          }
          break;

        default:
          break;
        }
    }
  return TRUE;
}

/**
 * ca_json_load:
 * @parser: the parser to load
 * @data: the file's contents
 * @length: the length of @data in bytes, or -1 when it ends with a zero byte
 *
 * json_parser_load_from_data() behind ca_json_scan(): a byte-order mark (which Windows
 * editors write) is skipped, and text json-glib cannot be trusted with never reaches it.
 *
 * Returns: %FALSE with @error set: in %CA_JSON_ERROR when ca_json_scan() refused the text,
 *   otherwise as json-glib set it (for ca_json_set_parse_error())
 */
gboolean
ca_json_load (JsonParser  *parser,
              const char  *data,
              gssize       length,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (JSON_IS_PARSER (parser), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (length < 0)
    length = (gssize) strlen (data);
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (!ca_json_scan (data, (gsize) length, CA_JSON_MAX_DEPTH, error))
    return FALSE;
  if (json_parser_load_from_data (parser, length > 0 ? data : "", length, &local_error))
    return TRUE;

  /* json-glib quotes the token it stopped at a byte at a time, and can cut a character in
   * two (found by tests/fuzz/fuzz-tool-file.c): the message must be text to be shown. */
  if (!g_utf8_validate (local_error->message, -1, NULL))
    {
      char *message = g_utf8_make_valid (local_error->message, -1);

      g_free (local_error->message);
      local_error->message = message;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
