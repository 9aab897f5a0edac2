// SPDX-License-Identifier: GPL-3.0-or-later
// E-mail drafts: the .eml is valid RFC 5322 + MIME (CRLF, short lines, encoded non-ASCII,
// an unsent draft), the text and attachment decode back to what went in, and the mailto:
// link carries recipients, subject and body.

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ca-mail-message.h"

static char *
eml_text (CaMailMessage *message)
{
  g_autoptr(GBytes) eml = ca_mail_message_to_eml (message);
  gsize size = 0;
  const char *data = g_bytes_get_data (eml, &size);

  return g_strndup (data, size);
}

/* The header block, unfolded: one string per header. */
static GPtrArray *
headers_of (const char *eml)
{
  GPtrArray *headers = g_ptr_array_new_with_free_func (g_free);
  const char *end = strstr (eml, "\r\n\r\n");
  g_autofree char *block = g_strndup (eml, end - eml);
  g_auto(GStrv) lines = g_strsplit (block, "\r\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if ((lines[i][0] == ' ' || lines[i][0] == '\t') && headers->len > 0)
        {
          char *last = g_ptr_array_index (headers, headers->len - 1);

          headers->pdata[headers->len - 1] = g_strconcat (last, "\r\n", lines[i], NULL);
          g_free (last);
        }
      else
        g_ptr_array_add (headers, g_strdup (lines[i]));
    }
  return headers;
}

static const char *
header (GPtrArray  *headers,
        const char *name)
{
  for (guint i = 0; i < headers->len; i++)
    {
      const char *line = g_ptr_array_index (headers, i);

      if (g_ascii_strncasecmp (line, name, strlen (name)) == 0 && line[strlen (name)] == ':')
        return line + strlen (name) + 2;
    }
  return NULL;
}

/* Decodes the encoded-words of a header value (RFC 2047, B encoding only, as written). */
static char *
decode_words (const char *value)
{
  GString *out = g_string_new (NULL);
  const char *p = value;
  gboolean after_word = FALSE;

  while (*p != '\0')
    {
      if (g_str_has_prefix (p, "=?UTF-8?B?"))
        {
          const char *start = p + strlen ("=?UTF-8?B?");
          const char *end = strstr (start, "?=");
          g_autofree char *encoded = g_strndup (start, end - start);
          gsize length = 0;
          g_autofree guchar *decoded = g_base64_decode (encoded, &length);

          g_string_append_len (out, (const char *) decoded, length);
          p = end + 2;
          after_word = TRUE;
        }
      else if (after_word && (*p == '\r' || *p == '\n' || *p == ' '))
        {
          const char *q = p;

          while (*q == '\r' || *q == '\n' || *q == ' ')
            q++;
          /* White space between encoded-words is not text; after the last one it is. */
          if (!g_str_has_prefix (q, "=?UTF-8?B?"))
            g_string_append_len (out, p, q - p);
          p = q;
          after_word = FALSE;
        }
      else
        {
          g_string_append_c (out, *p++);
          after_word = FALSE;
        }
    }
  return g_string_free (out, FALSE);
}

static char *
decode_quoted_printable (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '=' && p[1] == '\r' && p[2] == '\n')
        p += 2;
      else if (*p == '=' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        {
          g_string_append_c (out, (char) (g_ascii_xdigit_value (p[1]) * 16 +
                                          g_ascii_xdigit_value (p[2])));
          p += 2;
        }
      else if (*p == '\r' && p[1] == '\n')
        {
          g_string_append_c (out, '\n');
          p++;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The parts of a multipart body, between the boundaries. */
static GPtrArray *
parts_of (const char *eml,
          const char *boundary)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *delimiter = g_strdup_printf ("\r\n--%s", boundary);
  const char *p = strstr (eml, delimiter);

  while (p != NULL)
    {
      const char *start = p + strlen (delimiter);
      const char *next;

      if (g_str_has_prefix (start, "--"))
        break;
      start += 2;  /* CRLF */
      next = strstr (start, delimiter);
      g_assert_nonnull (next);
      g_ptr_array_add (parts, g_strndup (start, next - start));
      p = next;
    }
  return parts;
}

static CaMailMessage *
sample_message (void)
{
  CaMailMessage *message = ca_mail_message_new ();
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 22, 9, 5, 7);
  g_autoptr(GString) body = g_string_new ("Dear colleagues,\n\nCategory 1 Inadequate – "
                                          "critical: the child may be at risk.\n"
                                          "A line with = signs = and a trailing space \n");

  for (int i = 0; i < 30; i++)
    g_string_append (body, "A very long line that goes on and on without a break ");
  g_string_append (body, "\nÉmilie Brontë’s café.\n");

  ca_mail_message_add_to (message, "Imran Shah", "imran.shah@example.gov.uk");
  ca_mail_message_add_to (message, "Siân O’Neill", "sian.oneill@example.gov.uk");
  ca_mail_message_add_to (message, "Quote \"Q\" Person", "q@example.gov.uk");
  ca_mail_message_set_subject (message, "Category 1 case audit: CA-000101 – for your "
                                        "immediate attention, which is a long subject line "
                                        "to fold");
  ca_mail_message_set_body (message, body->str);
  ca_mail_message_set_date (message, date);
  return message;
}

static void
test_eml_headers (void)
{
  g_autoptr(CaMailMessage) message = sample_message ();
  g_autofree char *eml = eml_text (message);
  g_autoptr(GPtrArray) headers = headers_of (eml);
  g_autofree char *subject = NULL;
  g_autofree char *to = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpstr (header (headers, "Date"), ==, "Sun, 22 Nov 2026 09:05:07 +0000");
  g_assert_cmpstr (header (headers, "MIME-Version"), ==, "1.0");
  g_assert_cmpstr (header (headers, "X-Unsent"), ==, "1");
  g_assert_cmpstr (header (headers, "Content-Type"), ==, "text/plain; charset=UTF-8");
  g_assert_cmpstr (header (headers, "Content-Transfer-Encoding"), ==, "quoted-printable");

  subject = decode_words (header (headers, "Subject"));
  g_assert_cmpstr (subject, ==, "Category 1 case audit: CA-000101 – for your immediate "
                                "attention, which is a long subject line to fold");
  to = decode_words (header (headers, "To"));
  g_assert_cmpstr (to, ==, "\"Imran Shah\" <imran.shah@example.gov.uk>,\r\n "
                           "Siân O’Neill <sian.oneill@example.gov.uk>,\r\n "
                           "\"Quote \\\"Q\\\" Person\" <q@example.gov.uk>");

  /* Every line ends in CRLF, is at most 78 characters and is 7-bit. */
  g_assert_true (g_str_has_suffix (eml, "\r\n"));
  lines = g_strsplit (eml, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_null (strchr (lines[i], '\r'));
      g_assert_cmpuint (strlen (lines[i]), <=, 78);
      for (const char *p = lines[i]; *p != '\0'; p++)
        g_assert_cmpuint ((guchar) *p, <, 0x80);
    }
}

static void
test_eml_body (void)
{
  g_autoptr(CaMailMessage) message = sample_message ();
  g_autofree char *eml = eml_text (message);
  const char *body = strstr (eml, "\r\n\r\n") + 4;
  g_autofree char *decoded = decode_quoted_printable (body);
  const char *expected = ca_mail_message_get_body (message);
  g_auto(GStrv) lines = g_strsplit (body, "\r\n", -1);

  g_assert_cmpstr (decoded, ==, expected);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize length = strlen (lines[i]);

      g_assert_cmpuint (length, <=, 76);
      /* White space at a line's end would be lost on the way. */
      if (length > 0)
        g_assert_false (lines[i][length - 1] == ' ' || lines[i][length - 1] == '\t');
    }
  g_assert_nonnull (strstr (body, "Category 1 Inadequate =E2=80=93 critical"));
}

static void
test_eml_attachment (void)
{
  g_autoptr(CaMailMessage) message = sample_message ();
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *eml = NULL;
  g_autoptr(GPtrArray) headers = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  const char *content_type;
  g_autofree char *boundary = NULL;
  g_autofree char *closing = NULL;
  const char *attachment;
  g_autoptr(GString) base64 = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  g_autofree guchar *decoded = NULL;
  gsize length = 0;

  g_byte_array_append (data, (const guint8 *) "%PDF-1.5\n", 9);
  for (guint i = 0; i < 5000; i++)
    {
      guint8 byte = (guint8) (i * 7 + 3);

      g_byte_array_append (data, &byte, 1);
    }
  pdf = g_bytes_new (data->data, data->len);
  ca_mail_message_add_attachment (message, "Audit CA-000101.pdf", "application/pdf", pdf);
  ca_mail_message_add_attachment (message, "Café notes.txt", "text/plain", pdf);
  g_assert_cmpuint (ca_mail_message_get_n_attachments (message), ==, 2);

  eml = eml_text (message);
  headers = headers_of (eml);
  content_type = header (headers, "Content-Type");
  g_assert_true (g_str_has_prefix (content_type, "multipart/mixed;\r\n boundary=\""));
  boundary = g_strndup (content_type + strlen ("multipart/mixed;\r\n boundary=\""),
                        strlen (content_type) - strlen ("multipart/mixed;\r\n boundary=\"") - 1);
  g_assert_null (strstr (boundary, "\""));
  closing = g_strdup_printf ("\r\n--%s--\r\n", boundary);
  g_assert_true (g_str_has_suffix (eml, closing));

  parts = parts_of (eml, boundary);
  g_assert_cmpuint (parts->len, ==, 3);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (parts, 0),
                                   "Content-Type: text/plain; charset=UTF-8\r\n"));
  attachment = g_ptr_array_index (parts, 1);
  g_assert_true (g_str_has_prefix (attachment, "Content-Type: application/pdf;\r\n "
                                               "name=\"Audit CA-000101.pdf\"\r\n"
                                               "Content-Transfer-Encoding: base64\r\n"
                                               "Content-Disposition: attachment;\r\n "
                                               "filename=\"Audit CA-000101.pdf\"\r\n\r\n"));
  lines = g_strsplit (strstr (attachment, "\r\n\r\n") + 4, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 76);
      if (lines[i + 1] != NULL && lines[i + 1][0] != '\0')
        g_assert_cmpuint (strlen (lines[i]), ==, 76);
      g_string_append (base64, lines[i]);
    }
  decoded = g_base64_decode (base64->str, &length);
  g_assert_cmpmem (decoded, length, data->data, data->len);

  /* A non-ASCII file name in RFC 2231 form. */
  g_assert_nonnull (strstr (g_ptr_array_index (parts, 2), "filename*=UTF-8''Caf%C3%A9%20notes.txt"));
}

static void
test_header_injection (void)
{
  g_autoptr(CaMailMessage) message = ca_mail_message_new ();
  g_autofree char *eml = NULL;
  g_autoptr(GPtrArray) headers = NULL;

  ca_mail_message_add_to (message, "Eve\r\nBcc: eve@example.com", "a@example.com>, b@example.com");
  ca_mail_message_set_subject (message, "Hello\nBcc: eve@example.com");
  eml = eml_text (message);
  headers = headers_of (eml);
  g_assert_null (header (headers, "Bcc"));
  g_assert_cmpstr (header (headers, "Subject"), ==, "Hello Bcc: eve@example.com");
  g_assert_cmpstr (header (headers, "To"), ==, "\"Eve  Bcc: eve@example.com\" "
                                               "<a@example.comb@example.com>");
  g_assert_nonnull (header (headers, "Date"));
  g_assert_cmpuint (ca_mail_message_get_n_to (message), ==, 1);
}

static void
test_save (void)
{
  g_autoptr(CaMailMessage) message = sample_message ();
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("ca-mail-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "draft.eml", NULL);
  g_autofree char *missing = g_build_filename (folder, "no", "such.eml", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  GStatBuf buf;

  g_assert_no_error (error);
  g_assert_true (ca_mail_message_save_eml (message, path, CA_OUTPUT_FILE_NEW_ONLY, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  expected = eml_text (message);
  /* Only the boundary (absent here) would differ between two writes. */
  g_assert_cmpstr (contents, ==, expected);

  g_assert_false (ca_mail_message_save_eml (message, missing, CA_OUTPUT_FILE_NEW_ONLY, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_remove (path);
  g_rmdir (folder);
}

static void
test_mailto (void)
{
  g_autoptr(CaMailMessage) message = ca_mail_message_new ();
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF", 4);
  g_autofree char *uri = NULL;
  g_autofree char *body = NULL;
  g_autofree char *subject = NULL;
  const char *query;
  g_auto(GStrv) fields = NULL;

  ca_mail_message_add_to (message, "Imran Shah", "imran.shah@example.gov.uk");
  ca_mail_message_add_to (message, "Siân", "sian+cpp@example.gov.uk");
  ca_mail_message_set_subject (message, "Category 1 – case CA-000101 & more?");
  ca_mail_message_set_body (message, "Line one\nLine two: 50% done");
  ca_mail_message_add_attachment (message, "Audit CA-000101.pdf", "application/pdf", pdf);

  uri = ca_mail_message_to_mailto_uri (message);
  g_assert_true (g_str_has_prefix (uri, "mailto:imran.shah@example.gov.uk,"
                                        "sian%2Bcpp@example.gov.uk?subject="));
  g_assert_null (strchr (uri, ' '));
  g_assert_null (strchr (uri, '\n'));
  query = strchr (uri, '?') + 1;
  fields = g_strsplit (query, "&", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 2);
  g_assert_true (g_str_has_prefix (fields[0], "subject="));
  g_assert_true (g_str_has_prefix (fields[1], "body="));
  subject = g_uri_unescape_string (fields[0] + strlen ("subject="), NULL);
  body = g_uri_unescape_string (fields[1] + strlen ("body="), NULL);
  g_assert_cmpstr (subject, ==, "Category 1 – case CA-000101 & more?");
  g_assert_cmpstr (body, ==, "Line one\r\nLine two: 50% done\r\n\r\n"
                             "Attach before sending: Audit CA-000101.pdf\r\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mail-message/eml/headers", test_eml_headers);
  g_test_add_func ("/mail-message/eml/body", test_eml_body);
  g_test_add_func ("/mail-message/eml/attachment", test_eml_attachment);
  g_test_add_func ("/mail-message/eml/header-injection", test_header_injection);
  g_test_add_func ("/mail-message/eml/save", test_save);
  g_test_add_func ("/mail-message/mailto", test_mailto);

  return g_test_run ();
}
