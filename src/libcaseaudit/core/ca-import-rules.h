// SPDX-License-Identifier: GPL-3.0-or-later
// Rules for reading imported values: dates, months, codes, flags, and line-management cycles.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char        *ca_import_parse_date          (const char  *text);
char        *ca_import_parse_month         (const char  *text);
gboolean     ca_import_parse_flag          (const char  *text,
                                            gboolean    *value);
const char  *ca_import_strip_prefix        (const char  *text);
const char  *ca_import_normalise_ethnicity (const char  *text);
const char  *ca_import_normalise_legal_status (const char *text);
const char  *ca_import_normalise_gender    (const char  *text);
gboolean     ca_import_normalise_grade     (const char  *text,
                                            const char **code);
char       **ca_import_find_cycle          (GHashTable  *parents,
                                            const char  *start);

G_END_DECLS
