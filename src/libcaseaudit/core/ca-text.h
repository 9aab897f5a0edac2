// SPDX-License-Identifier: GPL-3.0-or-later
// Free text that is stored or written to a file: valid UTF-8, of a length that fits its field.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CA_TEXT_ERROR (ca_text_error_quark ())

typedef enum
{
  CA_TEXT_ERROR_INVALID_UTF8,
  CA_TEXT_ERROR_TOO_LONG,
} CaTextError;

/* The most characters a field takes, by what the field is for. Each is far more than the
 * longest seen in the shipped tools, the 2021 programme and the GOV.UK bank holidays, and
 * small enough that one value cannot fill a screen, a calendar or the database. */

/* A name or a title: one line in a list, a calendar or a PDF heading (longest shipped: 96). */
#define CA_TEXT_MAX_NAME 200
/* A sentence or an item in a list: a question, a focus, a training course (longest: 147). */
#define CA_TEXT_MAX_LINE 1000
/* Guidance, a description, notes: a few pages (longest shipped guidance: 1,921). */
#define CA_TEXT_MAX_NOTES 20000

GQuark   ca_text_error_quark (void);
gboolean ca_text_check       (const char  *text,
                              gsize        max_chars,
                              const char  *what,
                              GError     **error);
gboolean ca_text_check_full  (const char  *text,
                              gsize        max_chars,
                              const char  *what,
                              GQuark       domain,
                              int          code,
                              GError     **error);

int      ca_text_find_code   (const char * const *codes,
                              gsize               n_codes,
                              const char         *text);

G_END_DECLS
