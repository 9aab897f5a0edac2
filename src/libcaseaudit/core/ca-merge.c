// SPDX-License-Identifier: GPL-3.0-or-later
// The three-way merge of a record that two copies of Case Audit edited at once (R-N2).
//
// A copy remembers each field as it last saw it stored. When it writes, a field it did not
// change keeps whatever is stored now (so another copy's change stays), a field it changed is
// written, and a field both changed differently is a conflict for a person to settle. Merging
// by field, rather than refusing a whole record on a version number, means two people who
// change different parts of one record never trouble each other.

#define G_LOG_DOMAIN "ca-merge"

#include "config.h"

#include <string.h>

#include "ca-merge.h"

/* An empty text is no value: a box typed into and cleared again is the same as one never
 * touched, and must not count as a change. */
gboolean
ca_merge_values_equal (const char *a,
                       const char *b)
{
  return g_strcmp0 (a && *a ? a : NULL, b && *b ? b : NULL) == 0;
}

char *
ca_merge_dup_value (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

char *
ca_merge_path_part (const char *where,
                    const char *prefix,
                    const char *suffix)
{
  const char *start;
  gsize length;

  if (!g_str_has_prefix (where, prefix))
    return NULL;
  start = where + strlen (prefix);
  length = strlen (start);
  if (!g_str_has_suffix (start, suffix) || length <= strlen (suffix))
    return NULL;
  return g_strndup (start, length - strlen (suffix));
}

/* Where RECORD keeps the text field named WHERE among FIELDS, or NULL when none has that
 * name: one table says which names a record's plain text fields go by. */
char **
ca_merge_text_slot (gpointer                 record,
                    const CaMergeTextField  *fields,
                    gsize                    n_fields,
                    const char              *where)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (where, fields[i].name))
      return G_STRUCT_MEMBER_P (record, fields[i].offset);
  return NULL;
}

GStrv
ca_merge_diff_fields (const char * const *fields,
                      gconstpointer       a,
                      gconstpointer       b,
                      CaMergeGetFunc      get)
{
  g_autoptr(GStrvBuilder) differ = g_strv_builder_new ();

  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *in_a = get (a, fields[i]);
      g_autofree char *in_b = get (b, fields[i]);

      if (!ca_merge_values_equal (in_a, in_b))
        g_strv_builder_add (differ, fields[i]);
    }
  return g_strv_builder_end (differ);
}

GStrv
ca_merge_fields (const char * const *fields,
                 gconstpointer       base,
                 gconstpointer       mine,
                 gconstpointer       theirs,
                 gpointer            result,
                 CaMergeGetFunc      get,
                 CaMergeSetFunc      set)
{
  g_autoptr(GStrvBuilder) conflicts = g_strv_builder_new ();

  g_return_val_if_fail (fields != NULL && get != NULL && set != NULL, NULL);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *b = get (base, fields[i]);
      g_autofree char *m = get (mine, fields[i]);
      g_autofree char *t = get (theirs, fields[i]);

      if (ca_merge_values_equal (m, b) || ca_merge_values_equal (m, t))
        continue;
      if (ca_merge_values_equal (t, b))
        set (result, fields[i], m);
      else
        g_strv_builder_add (conflicts, fields[i]);
    }
  return g_strv_builder_end (conflicts);
}

GStrv
ca_merge_diff_records (const CaMergeKind *kind,
                       gconstpointer      a,
                       gconstpointer      b)
{
  const gconstpointer records[] = { a, b, NULL };
  g_autoptr(GPtrArray) fields = kind->list_fields (records);

  g_ptr_array_add (fields, NULL);
  return ca_merge_diff_fields ((const char * const *) fields->pdata, a, b, kind->get);
}

gpointer
ca_merge_records (const CaMergeKind *kind,
                  gconstpointer      base,
                  gconstpointer      mine,
                  gconstpointer      theirs,
                  GStrv             *conflicts)
{
  const gconstpointer records[] = { base, mine, theirs, NULL };
  g_autoptr(GPtrArray) fields = kind->list_fields (records);
  g_auto(GStrv) conflicting = NULL;
  gpointer merged = kind->copy (theirs);

  g_ptr_array_add (fields, NULL);
  conflicting = ca_merge_fields ((const char * const *) fields->pdata, base, mine, theirs,
                                 merged, kind->get, kind->set);
  if (conflicts != NULL)
    *conflicts = g_steal_pointer (&conflicting);
  return merged;
}

CaMergeAfterSave
ca_merge_after_save (gboolean conflicting,
                     gboolean changed_here,
                     gboolean typed_since)
{
  if (conflicting)
    return CA_MERGE_AFTER_SAVE_KEEP_BASE;
  if (changed_here)
    return CA_MERGE_AFTER_SAVE_OWN;
  return typed_since ? CA_MERGE_AFTER_SAVE_KEEP_BASE : CA_MERGE_AFTER_SAVE_TAKE_IN;
}
