// SPDX-License-Identifier: GPL-3.0-or-later
// Free text that is stored or written to a file: valid UTF-8, of a length that fits its field.
//
// Every reader of outside text (the command line's words, tool, programme and bank-holiday
// files) checks it here before it is kept, so that the database only ever holds text every
// later step can show, print and export, and so that one value cannot be megabytes long.

#define G_LOG_DOMAIN "ca-text"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-text.h"

/* How much of the readable text before a bad byte the message quotes, at most, in
 * characters. */
#define QUOTED_CHARS 20

G_DEFINE_QUARK (ca-text-error-quark, ca_text_error)

/**
 * ca_text_check:
 * @text: (nullable): the text; %NULL (no text) is accepted
 * @max_chars: the most characters the field takes, e.g. %CA_TEXT_MAX_NAME
 * @what: what the text is, as the subject of a sentence: “The title”, or a file's path to the
 *   element such as “events[3].title”
 *
 * Checks that @text is valid UTF-8 and at most @max_chars characters long. A refusal says
 * what is wrong in a sentence about @what, and where text cannot be read, quotes the
 * readable text just before it so that the place can be found.
 *
 * Returns: %FALSE with @error set in %CA_TEXT_ERROR when @text may not be kept
 */
gboolean
ca_text_check (const char  *text,
               gsize        max_chars,
               const char  *what,
               GError     **error)
{
  const char *end = NULL;
  glong n_chars;

  g_return_val_if_fail (what != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    return TRUE;

  if (!g_utf8_validate (text, -1, &end))
    {
      glong n_before = g_utf8_strlen (text, end - text);
      const char *start = g_utf8_offset_to_pointer (text, MAX (n_before - QUOTED_CHARS, 0));
      g_autofree char *before = NULL;

      /* From the start of a word, where the quote does not begin the text. */
      if (start > text && start[-1] != ' ')
        {
          const char *space = memchr (start, ' ', end - start);

          if (space != NULL && space + 1 < end)
            start = space + 1;
        }
      before = g_strndup (start, end - start);

      if (n_before == 0)
        g_set_error (error, CA_TEXT_ERROR, CA_TEXT_ERROR_INVALID_UTF8,
                     _("%s is not valid UTF-8 text: it cannot be read from its first "
                       "character. Type it again, or save the file as UTF-8."), what);
      else
        g_set_error (error, CA_TEXT_ERROR, CA_TEXT_ERROR_INVALID_UTF8,
                     _("%s is not valid UTF-8 text: it cannot be read after “%s”. Type it "
                       "again, or save the file as UTF-8."), what, before);
      return FALSE;
    }

  n_chars = g_utf8_strlen (text, -1);
  if ((gsize) n_chars > max_chars)
    {
      g_set_error (error, CA_TEXT_ERROR, CA_TEXT_ERROR_TOO_LONG,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s is too long: it has %ld character, and at most %lu are "
                                "allowed.",
                                "%s is too long: it has %ld characters, and at most %lu are "
                                "allowed.", (gulong) n_chars),
                   what, n_chars, (gulong) max_chars);
      return FALSE;
    }
  return TRUE;
}

/**
 * ca_text_check_full:
 * @domain: the error domain of the caller (a file reader's, a store's)
 * @code: the error code in @domain
 *
 * ca_text_check(), with a refusal in the caller's own error domain, so that its callers
 * keep the errors they document.
 */
gboolean
ca_text_check_full (const char  *text,
                    gsize        max_chars,
                    const char  *what,
                    GQuark       domain,
                    int          code,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (ca_text_check (text, max_chars, what, &local_error))
    return TRUE;
  g_set_error_literal (error, domain, code, local_error->message);
  return FALSE;
}

/**
 * ca_text_find_code:
 * @codes: (array length=n_codes): the codes an enumeration is stored by, in its order
 * @n_codes: how many
 * @text: (nullable): a code read from the database or a file
 *
 * Enumerations are stored by code and each value is its code's position, so one lookup reads
 * any of them back. A %NULL item stands for a value with no code (“not graded”) and matches a
 * %NULL @text.
 *
 * Returns: the position of @text among @codes, or -1 where it is none of them
 */
int
ca_text_find_code (const char * const *codes,
                   gsize               n_codes,
                   const char         *text)
{
  for (gsize i = 0; i < n_codes; i++)
    if (g_strcmp0 (codes[i], text) == 0)
      return (int) i;
  return -1;
}
