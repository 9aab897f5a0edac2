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
/* TEXT as a field's value: NULL for an empty text, as ca_merge_values_equal() counts it. */
char    *ca_merge_dup_value    (const char          *text);
/* The part of the path WHERE between PREFIX and SUFFIX ("sections." ID ".grade"), or NULL
 * when WHERE is not PREFIX, a part of at least one character, SUFFIX. */
char    *ca_merge_path_part    (const char          *where,
                                const char          *prefix,
                                const char          *suffix);

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

/* The fields of FIELDS (NULL-terminated) in which A and B differ, read with GET:
 * NULL-terminated (never NULL itself). */
GStrv    ca_merge_diff_fields  (const char * const  *fields,
                                gconstpointer        a,
                                gconstpointer        b,
                                CaMergeGetFunc       get);

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

/* What the merge of a whole record asks of its kind: each field as text (GET and SET, as
 * above), a copy of a record, and every field that any of RECORDS (NULL-terminated) has or
 * could have, in a stable order (a new array of strings, not NULL-terminated). */
typedef struct
{
  CaMergeGetFunc   get;
  CaMergeSetFunc   set;
  gpointer       (*copy)        (gconstpointer         record);
  GPtrArray     *(*list_fields) (const gconstpointer  *records);
} CaMergeKind;

/* The fields in which A and B differ, as ca_merge_diff_fields() finds them, over every field
 * either has. */
GStrv    ca_merge_diff_records (const CaMergeKind   *kind,
                                gconstpointer        a,
                                gconstpointer        b);
/* A new record: THEIRS with MINE's changes since BASE merged in by ca_merge_fields() over
 * every field any of the three has; CONFLICTS (optional) the fields in conflict. */
gpointer ca_merge_records      (const CaMergeKind   *kind,
                                gconstpointer        base,
                                gconstpointer        mine,
                                gconstpointer        theirs,
                                GStrv               *conflicts);

/* After a save, what a copy does with a field the stored record now holds differently from
 * what the save sent (see the autosave): */
typedef enum
{
  CA_MERGE_AFTER_SAVE_OWN,        /* this copy's own change, stored as the record keeps it:
                                   * the stored value is the new base */
  CA_MERGE_AFTER_SAVE_TAKE_IN,    /* another copy's change: shown in the form, and the base */
  CA_MERGE_AFTER_SAVE_KEEP_BASE,  /* in conflict, or typed in since the save set off: the
                                   * base keeps what it was, so the next save judges the
                                   * field afresh instead of writing over the other copy */
} CaMergeAfterSave;

/* CONFLICTING: the save set this copy's version aside; CHANGED_HERE: the save sent a change
 * of the field (it differed from the base); TYPED_SINCE: the form now holds other than what
 * the save sent. */
CaMergeAfterSave ca_merge_after_save (gboolean conflicting,
                                      gboolean changed_here,
                                      gboolean typed_since);

G_END_DECLS
