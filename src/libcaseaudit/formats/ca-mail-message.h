// SPDX-License-Identifier: GPL-3.0-or-later
// An e-mail prepared for the user's own mail program: as an .eml draft (RFC 5322 + MIME) or a
// mailto: link. Case Audit never sends mail itself.
#pragma once

#include <gio/gio.h>

#include "ca-output-file.h"

G_BEGIN_DECLS

typedef struct _CaMailMessage CaMailMessage;

CaMailMessage *ca_mail_message_new            (void);
void           ca_mail_message_free           (CaMailMessage *self);

/* NAME may be NULL or empty; ADDRESS is a plain addr-spec such as "jo.bloggs@example.gov.uk". */
void           ca_mail_message_add_to         (CaMailMessage *self,
                                               const char    *name,
                                               const char    *address);
guint          ca_mail_message_get_n_to       (CaMailMessage *self);
const char    *ca_mail_message_get_to_address (CaMailMessage *self,
                                               guint          index);

void           ca_mail_message_set_subject    (CaMailMessage *self,
                                               const char    *subject);
const char    *ca_mail_message_get_subject    (CaMailMessage *self);

/* Plain UTF-8 text; line ends may be "\n" or "\r\n". */
void           ca_mail_message_set_body       (CaMailMessage *self,
                                               const char    *body);
const char    *ca_mail_message_get_body       (CaMailMessage *self);

/* The Date header; without one, the time the draft is written. */
void           ca_mail_message_set_date       (CaMailMessage *self,
                                               GDateTime     *date);

void           ca_mail_message_add_attachment (CaMailMessage *self,
                                               const char    *file_name,
                                               const char    *mime_type,
                                               GBytes        *data);
guint          ca_mail_message_get_n_attachments (CaMailMessage *self);

/* The message as an unsent draft (X-Unsent: 1): Outlook and Thunderbird open such a file
 * ready to send. Lines end in CRLF; everything but the headers' ASCII is encoded. */
GBytes        *ca_mail_message_to_eml         (CaMailMessage *self);

/* Writes ca_mail_message_to_eml() to PATH, readable by its owner only (mode 0600), whole or
 * not at all; an existing ordinary file is replaced only with CA_OUTPUT_FILE_REPLACE, and a
 * folder, device or FIFO never (see ca-output-file.h). */
gboolean       ca_mail_message_save_eml       (CaMailMessage      *self,
                                               const char         *path,
                                               CaOutputFileFlags   flags,
                                               GError            **error);

/* A mailto: URI (RFC 6068) with the recipients, subject and body. A link cannot carry
 * attachments: when the message has any, the body ends by naming the files to attach. */
char          *ca_mail_message_to_mailto_uri  (CaMailMessage *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaMailMessage, ca_mail_message_free)

G_END_DECLS
