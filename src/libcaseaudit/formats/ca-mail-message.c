// SPDX-License-Identifier: GPL-3.0-or-later
// An e-mail prepared for the user's own mail program. Case Audit sends nothing over the
// network: councils' mail goes through their own (often secure) mail systems, so the app
// writes a draft the user opens, checks and sends.

#define G_LOG_DOMAIN "ca-mail-message"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ca-mail-message.h"

/* RFC 5322 asks for lines of at most 78 characters; MIME's encodings use 76. */
#define LINE_LIMIT        76
/* An encoded-word may be at most 75 characters: "=?UTF-8?B?" + 60 base64 characters + "?="
 * carries 45 bytes of text. */
#define WORD_MAX_BYTES    45

typedef struct
{
  char *name;
  char *address;
} Recipient;

typedef struct
{
  char   *file_name;
  char   *mime_type;
  GBytes *data;
} Attachment;

struct _CaMailMessage
{
  GPtrArray *to;           /* of Recipient */
  GPtrArray *attachments;  /* of Attachment */
  char      *subject;
  char      *body;
  GDateTime *date;
};

static void
recipient_free (Recipient *recipient)
{
  g_free (recipient->name);
  g_free (recipient->address);
  g_free (recipient);
}

static void
attachment_free (Attachment *attachment)
{
  g_free (attachment->file_name);
  g_free (attachment->mime_type);
  g_bytes_unref (attachment->data);
  g_free (attachment);
}

/* Header text must stay on its line: a line break in a name or subject from the database
 * would otherwise start a header of its own. */
static char *
one_line (const char *text)
{
  char *line = g_strdup (text != NULL ? text : "");

  for (char *p = line; *p != '\0'; p++)
    if (*p == '\r' || *p == '\n' || *p == '\t')
      *p = ' ';
  return g_strstrip (line);
}

static gboolean
is_plain_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || (guchar) *p > 0x7e)
      return FALSE;
  /* Text that looks like an encoded-word would be decoded by the reader. */
  return strstr (text, "=?") == NULL;
}

static gsize
current_column (GString *out)
{
  const char *line = g_strrstr (out->str, "\r\n");

  return line != NULL ? out->len - (line + 2 - out->str) : out->len;
}

/* Appends TEXT as encoded-words, each at most 75 characters and fitting the line, split
 * between characters (never inside one) and folded onto continuation lines. */
static void
append_encoded_words (GString    *out,
                      const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *end = p;
      g_autofree char *encoded = NULL;
      gsize column = current_column (out);
      gsize room = column + 12 + 16 <= 78 ? (78 - column - 12) / 4 * 3 : 0;

      /* Too little room left on this line: continue on the next. */
      if (room < 12)
        {
          g_string_append (out, "\r\n ");
          continue;
        }
      room = MIN (room, WORD_MAX_BYTES);
      while (*end != '\0')
        {
          const char *next = g_utf8_next_char (end);

          if ((gsize) (next - p) > room)
            break;
          end = next;
        }
      if (end == p)  /* not UTF-8: never loop forever */
        end = p + 1;
      encoded = g_base64_encode ((const guchar *) p, end - p);
      g_string_append_printf (out, "=?UTF-8?B?%s?=", encoded);
      p = end;
      if (*p != '\0')
        g_string_append (out, "\r\n ");
    }
}

/* An unstructured header (Subject): ASCII folded at spaces, anything else encoded. */
static void
append_unstructured (GString    *out,
                     const char *name,
                     const char *value)
{
  g_autofree char *text = one_line (value);

  g_string_append_printf (out, "%s: ", name);
  if (is_plain_ascii (text))
    {
      g_auto(GStrv) words = g_strsplit (text, " ", -1);
      gsize column = strlen (name) + 2;

      for (guint i = 0; words[i] != NULL; i++)
        {
          gsize length = strlen (words[i]);

          if (i > 0)
            {
              if (column + 1 + length > 78)
                {
                  g_string_append (out, "\r\n");
                  column = 0;
                }
              g_string_append_c (out, ' ');
              column++;
            }
          g_string_append (out, words[i]);
          column += length;
        }
    }
  else
    append_encoded_words (out, text);
  g_string_append (out, "\r\n");
}

static void
append_mailbox (GString         *out,
                const Recipient *recipient)
{
  g_autofree char *name = one_line (recipient->name);

  if (name[0] == '\0')
    {
      g_string_append (out, recipient->address);
      return;
    }
  if (is_plain_ascii (name))
    {
      g_string_append_c (out, '"');
      for (const char *p = name; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    append_encoded_words (out, name);
  if (current_column (out) + strlen (recipient->address) + 3 > 78)
    g_string_append (out, "\r\n");
  g_string_append_printf (out, " <%s>", recipient->address);
}

/* RFC 5322 wants English day and month names whatever the user's language. */
static void
append_date (GString   *out,
             GDateTime *date)
{
  static const char * const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  gint64 offset = g_date_time_get_utc_offset (date) / G_TIME_SPAN_MINUTE;

  g_string_append_printf (out, "Date: %s, %d %s %d %02d:%02d:%02d %c%02d%02d\r\n",
                          days[g_date_time_get_day_of_week (date) - 1],
                          g_date_time_get_day_of_month (date),
                          months[g_date_time_get_month (date) - 1],
                          g_date_time_get_year (date),
                          g_date_time_get_hour (date),
                          g_date_time_get_minute (date),
                          g_date_time_get_second (date),
                          offset < 0 ? '-' : '+',
                          (int) (ABS (offset) / 60), (int) (ABS (offset) % 60));
}

/* Quoted-printable (RFC 2045 6.7): readable for ASCII text, safe for any line length. */
static void
append_quoted_printable (GString    *out,
                         const char *text)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *unix_text = NULL;
  GString *normal = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != '\r')
      g_string_append_c (normal, *p);
    else if (p[1] != '\n')
      g_string_append_c (normal, '\n');
  unix_text = g_string_free (normal, FALSE);
  lines = g_strsplit (unix_text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize column = 0;
      gsize length = strlen (lines[i]);

      /* Text that ends with a line break has no further line after it. */
      if (i > 0 && length == 0 && lines[i + 1] == NULL)
        break;

      for (gsize j = 0; j < length; j++)
        {
          guchar c = (guchar) lines[i][j];
          gboolean last = j + 1 == length;
          char token[4];

          /* Spaces at a line's end would be lost in transit, so they are encoded too. */
          if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last))
            {
              token[0] = (char) c;
              token[1] = '\0';
            }
          else
            g_snprintf (token, sizeof token, "=%02X", c);

          /* A soft line break ("=" at the end) keeps each line within 76 characters. */
          if (column + strlen (token) > (last ? LINE_LIMIT : LINE_LIMIT - 1))
            {
              g_string_append (out, "=\r\n");
              column = 0;
            }
          g_string_append (out, token);
          column += strlen (token);
        }
      g_string_append (out, "\r\n");
    }
}

static void
append_base64_lines (GString *out,
                     GBytes  *data)
{
  gsize size = 0;
  const guchar *bytes = g_bytes_get_data (data, &size);
  g_autofree char *encoded = g_base64_encode (bytes, size);
  gsize length = strlen (encoded);

  for (gsize i = 0; i < length; i += LINE_LIMIT)
    {
      g_string_append_len (out, encoded + i, MIN (LINE_LIMIT, length - i));
      g_string_append (out, "\r\n");
    }
}

static gboolean
is_attr_char (char c)
{
  return g_ascii_isalnum (c) || strchr ("!#$&+-.^_`|~", c) != NULL;
}

/* A file name parameter: quoted when it is plain ASCII, otherwise in RFC 2231 form (with
 * an encoded-word "name" beside it for mail programs that predate RFC 2231). */
static void
append_file_name_parameter (GString    *out,
                            const char *parameter,
                            const char *file_name)
{
  g_autofree char *name = one_line (file_name);

  if (is_plain_ascii (name) && strchr (name, '"') == NULL && strchr (name, '\\') == NULL)
    {
      g_string_append_printf (out, ";\r\n %s=\"%s\"", parameter, name);
      return;
    }
  if (g_str_equal (parameter, "name"))
    {
      g_string_append (out, ";\r\n name=\"");
      append_encoded_words (out, name);
      g_string_append_c (out, '"');
      return;
    }
  g_string_append_printf (out, ";\r\n %s*=UTF-8''", parameter);
  for (const char *p = name; *p != '\0'; p++)
    if (is_attr_char (*p))
      g_string_append_c (out, *p);
    else
      g_string_append_printf (out, "%%%02X", (guchar) *p);
}

static char *
make_boundary (void)
{
  /* "=_" cannot occur in base64 or in quoted-printable output, so the boundary can never
   * appear inside a part. */
  return g_strdup_printf ("=_CaseAudit_%08x%08x", g_random_int (), g_random_int ());
}

CaMailMessage *
ca_mail_message_new (void)
{
  CaMailMessage *self = g_new0 (CaMailMessage, 1);

  self->to = g_ptr_array_new_with_free_func ((GDestroyNotify) recipient_free);
  self->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) attachment_free);
  self->subject = g_strdup ("");
  self->body = g_strdup ("");
  return self;
}

void
ca_mail_message_free (CaMailMessage *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->to);
  g_ptr_array_unref (self->attachments);
  g_free (self->subject);
  g_free (self->body);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_free (self);
}

void
ca_mail_message_add_to (CaMailMessage *self,
                        const char    *name,
                        const char    *address)
{
  Recipient *recipient;
  GString *clean;

  g_return_if_fail (self != NULL);
  g_return_if_fail (address != NULL);

  /* Only an addr-spec: nothing that would end the address or start another one. */
  clean = g_string_new (NULL);
  for (const char *p = address; *p != '\0'; p++)
    if ((guchar) *p > 0x20 && (guchar) *p != 0x7f && strchr ("<>,;\"()", *p) == NULL)
      g_string_append_c (clean, *p);

  recipient = g_new0 (Recipient, 1);
  recipient->name = g_strdup (name);
  recipient->address = g_string_free (clean, FALSE);
  g_ptr_array_add (self->to, recipient);
}

guint
ca_mail_message_get_n_to (CaMailMessage *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->to->len;
}

const char *
ca_mail_message_get_to_address (CaMailMessage *self,
                                guint          index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->to->len, NULL);

  return ((Recipient *) g_ptr_array_index (self->to, index))->address;
}

void
ca_mail_message_set_subject (CaMailMessage *self,
                             const char    *subject)
{
  g_return_if_fail (self != NULL);

  g_free (self->subject);
  self->subject = g_strdup (subject != NULL ? subject : "");
}

const char *
ca_mail_message_get_subject (CaMailMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->subject;
}

void
ca_mail_message_set_body (CaMailMessage *self,
                          const char    *body)
{
  g_return_if_fail (self != NULL);

  g_free (self->body);
  self->body = g_strdup (body != NULL ? body : "");
}

const char *
ca_mail_message_get_body (CaMailMessage *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->body;
}

void
ca_mail_message_set_date (CaMailMessage *self,
                          GDateTime     *date)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->date, g_date_time_unref);
  if (date != NULL)
    self->date = g_date_time_ref (date);
}

void
ca_mail_message_add_attachment (CaMailMessage *self,
                                const char    *file_name,
                                const char    *mime_type,
                                GBytes        *data)
{
  Attachment *attachment;

  g_return_if_fail (self != NULL);
  g_return_if_fail (file_name != NULL);
  g_return_if_fail (data != NULL);

  attachment = g_new0 (Attachment, 1);
  attachment->file_name = g_strdup (file_name);
  attachment->mime_type = g_strdup (mime_type != NULL ? mime_type : "application/octet-stream");
  attachment->data = g_bytes_ref (data);
  g_ptr_array_add (self->attachments, attachment);
}

guint
ca_mail_message_get_n_attachments (CaMailMessage *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->attachments->len;
}

GBytes *
ca_mail_message_to_eml (CaMailMessage *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *boundary = NULL;
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  now = self->date != NULL ? g_date_time_ref (self->date) : g_date_time_new_now_local ();
  append_date (out, now);
  if (self->to->len > 0)
    {
      g_string_append (out, "To: ");
      for (guint i = 0; i < self->to->len; i++)
        {
          if (i > 0)
            g_string_append (out, ",\r\n ");
          append_mailbox (out, g_ptr_array_index (self->to, i));
        }
      g_string_append (out, "\r\n");
    }
  append_unstructured (out, "Subject", self->subject);
  g_string_append (out, "MIME-Version: 1.0\r\n");
  g_string_append (out, "X-Unsent: 1\r\n");

  if (self->attachments->len > 0)
    {
      boundary = make_boundary ();
      g_string_append_printf (out, "Content-Type: multipart/mixed;\r\n boundary=\"%s\"\r\n\r\n",
                              boundary);
      g_string_append (out, "This is a multi-part message in MIME format.\r\n");
      g_string_append_printf (out, "\r\n--%s\r\n", boundary);
    }
  g_string_append (out, "Content-Type: text/plain; charset=UTF-8\r\n"
                        "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
  append_quoted_printable (out, self->body);

  for (guint i = 0; i < self->attachments->len; i++)
    {
      Attachment *attachment = g_ptr_array_index (self->attachments, i);

      g_string_append_printf (out, "\r\n--%s\r\n", boundary);
      g_string_append_printf (out, "Content-Type: %s", attachment->mime_type);
      append_file_name_parameter (out, "name", attachment->file_name);
      g_string_append (out, "\r\nContent-Transfer-Encoding: base64\r\n"
                            "Content-Disposition: attachment");
      append_file_name_parameter (out, "filename", attachment->file_name);
      g_string_append (out, "\r\n\r\n");
      append_base64_lines (out, attachment->data);
    }
  if (boundary != NULL)
    g_string_append_printf (out, "\r\n--%s--\r\n", boundary);

  return g_string_free_to_bytes (out);
}

gboolean
ca_mail_message_save_eml (CaMailMessage      *self,
                          const char         *path,
                          CaOutputFileFlags   flags,
                          GError            **error)
{
  g_autoptr(GBytes) eml = NULL;
  gsize size = 0;
  const char *data;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  eml = ca_mail_message_to_eml (self);
  data = g_bytes_get_data (eml, &size);
  return ca_output_file_set_contents (path, data, (gssize) size, flags, CA_OUTPUT_FILE_PRIVATE,
                                      error);
}

char *
ca_mail_message_to_mailto_uri (CaMailMessage *self)
{
  g_autoptr(GString) body = NULL;
  GString *uri;

  g_return_val_if_fail (self != NULL, NULL);

  uri = g_string_new ("mailto:");
  for (guint i = 0; i < self->to->len; i++)
    {
      Recipient *recipient = g_ptr_array_index (self->to, i);
      g_autofree char *address = g_uri_escape_string (recipient->address, "@", FALSE);

      if (i > 0)
        g_string_append_c (uri, ',');
      g_string_append (uri, address);
    }

  /* RFC 6068 wants line breaks in the body as CRLF. */
  body = g_string_new (NULL);
  for (const char *p = self->body; *p != '\0'; p++)
    if (*p == '\n')
      g_string_append (body, "\r\n");
    else if (*p != '\r')
      g_string_append_c (body, *p);
  if (self->attachments->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < self->attachments->len; i++)
        {
          Attachment *attachment = g_ptr_array_index (self->attachments, i);

          g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", attachment->file_name);
        }
      g_string_append (body, "\r\n\r\n");
      /* Translators: at the end of an e-mail opened from a link, which cannot carry the
       * files; %s lists the file names */
      g_string_append_printf (body, _("Attach before sending: %s"), names->str);
      g_string_append (body, "\r\n");
    }

  {
    g_autofree char *subject = g_uri_escape_string (self->subject, NULL, FALSE);
    g_autofree char *text = g_uri_escape_string (body->str, NULL, FALSE);

    g_string_append_printf (uri, "?subject=%s&body=%s", subject, text);
  }
  return g_string_free (uri, FALSE);
}
