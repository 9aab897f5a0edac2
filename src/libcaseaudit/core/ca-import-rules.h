// SPDX-License-Identifier: GPL-3.0-or-later
// Rules for reading imported values: text encodings, dates, months, codes and the words
// councils use for them (job titles), value mappings, and line-management cycles.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CA_IMPORT_RULES_ERROR (ca_import_rules_error_quark ())

typedef enum
{
  CA_IMPORT_RULES_ERROR_NOT_TEXT,      /* neither UTF-8 nor Windows-1252, or not text */
  CA_IMPORT_RULES_ERROR_BAD_MAPPING,   /* a FIELD:VALUE=CODE that is not one */
} CaImportRulesError;

typedef enum
{
  CA_IMPORT_ENCODING_UTF8,
  CA_IMPORT_ENCODING_WINDOWS_1252,
} CaImportEncoding;

typedef enum
{
  CA_IMPORT_DATE_OK,
  CA_IMPORT_DATE_UNKNOWN_FORM,     /* not written in any form a date is read in */
  CA_IMPORT_DATE_IMPOSSIBLE,       /* 31/02/2021, 2021-13-01 */
  CA_IMPORT_DATE_TWO_DIGIT_YEAR,   /* 04/01/21: which century? */
} CaImportDateResult;

/* A code a field may hold, with the words a person knows it by (untranslated: use
 * ca_import_code_get_label). */
typedef struct
{
  const char *code;
  const char *label;
} CaImportCode;

/* The most characters a value of a file may have: references, names, e-mail addresses and
 * every other cell. Far more than any real one, far less than a mistake can hold. */
#define CA_IMPORT_MAX_VALUE_CHARS 255

GQuark               ca_import_rules_error_quark      (void);

char                *ca_import_decode_text            (const guint8        *data,
                                                       gsize                length,
                                                       gsize               *text_length,
                                                       CaImportEncoding    *encoding,
                                                       GError             **error);

CaImportDateResult   ca_import_read_date              (const char          *text,
                                                       char               **date);
char                *ca_import_parse_date             (const char          *text);
char                *ca_import_parse_month            (const char          *text);
gboolean             ca_import_parse_flag             (const char          *text,
                                                       gboolean            *value);
const char          *ca_import_strip_prefix           (const char          *text);
const char          *ca_import_normalise_ethnicity    (const char          *text);
const char          *ca_import_normalise_legal_status (const char          *text);
const char          *ca_import_normalise_gender       (const char          *text);
gboolean             ca_import_normalise_grade        (const char          *text,
                                                       const char         **code);

char                *ca_import_fold_value             (const char          *text);
char                *ca_import_fold_name              (const char          *text);
const char * const  *ca_import_get_coded_fields       (void);
gboolean             ca_import_field_is_coded         (const char          *field);
char                *ca_import_normalise_field        (const char          *text);
const CaImportCode  *ca_import_get_codes              (const char          *field,
                                                       guint               *n_codes);
const char          *ca_import_code_get_label         (const CaImportCode  *code);
const char          *ca_import_match_code             (const char          *field,
                                                       const char          *text);
const char          *ca_import_match_role_alias       (const char          *text);
gboolean             ca_import_parse_value_mapping    (const char          *text,
                                                       char               **field,
                                                       char               **value,
                                                       char               **code,
                                                       GError             **error);

char               **ca_import_find_cycle             (GHashTable          *parents,
                                                       const char          *start);

G_END_DECLS
