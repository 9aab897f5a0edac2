// SPDX-License-Identifier: GPL-3.0-or-later
// The three-way merge of a record that two copies of Case Audit edited at once (R-N2): each
// field as one copy last saw it, as it holds it now, and as it is stored now.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A record's field WHERE as text (NULL: no value), and back; SET returns FALSE for a field or
 * value the record cannot take. */
typedef char     *(*CaMergeGetFunc) (gconstpointer  record,
                                     const char    *where);
typedef gboolean  (*CaMergeSetFunc) (gpointer       record,
                                     const char    *where,
                                     const char    *value);

gboolean ca_merge_values_equal (const char          *a,
                                const char          *b);

/* A text member of a record's struct, by the name its path gives it. */
typedef struct
{
  const char *name;
  gsize       offset;  /* G_STRUCT_OFFSET() of a char * member */
} CaMergeTextField;

char   **ca_merge_text_slot    (gpointer                 record,
                                const CaMergeTextField  *fields,
                                gsize                    n_fields,
                                const char              *where);

/* For each of FIELDS: unchanged in MINE since BASE → RESULT keeps THEIRS; changed in MINE
 * only, or both the same way → MINE's goes into RESULT; changed differently in both → a
 * conflict, RESULT keeps THEIRS. RESULT starts as a copy of THEIRS made by the caller.
 * Returns the conflicting fields, NULL-terminated (never NULL itself). */
GStrv    ca_merge_fields       (const char * const  *fields,
                                gconstpointer        base,
                                gconstpointer        mine,
                                gconstpointer        theirs,
                                gpointer             result,
                                CaMergeGetFunc       get,
                                CaMergeSetFunc       set);

G_END_DECLS
