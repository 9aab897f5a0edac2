// SPDX-License-Identifier: GPL-3.0-or-later
// What the autosave needs of a form: a save's result, and a field compared or copied through the form's model.

#include "config.h"

#include "ca-audit-draft-store.h"
#include "ca-form-model.h"

static void
form_conflict_free (CaFormConflict *conflict)
{
  g_free (conflict->where);
  g_free (conflict);
}

/* Takes STORED (values of MODEL). */
CaFormSaved *
ca_form_saved_new (const CaFormModel *model,
                   gpointer           stored)
{
  CaFormSaved *saved = g_new0 (CaFormSaved, 1);

  saved->model = model;
  saved->stored = stored;
  saved->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) form_conflict_free);
  return saved;
}

void
ca_form_saved_add_conflict (CaFormSaved *saved,
                            gint64       id,
                            const char  *where)
{
  CaFormConflict *conflict = g_new0 (CaFormConflict, 1);

  conflict->id = id;
  conflict->where = g_strdup (where);
  g_ptr_array_add (saved->conflicts, conflict);
}

/* Adds a conflict for each version of SET_ASIDE (of CaDraftSetAside), as a save that set
 * them aside reports them. */
void
ca_form_saved_add_set_aside (CaFormSaved *saved,
                             GPtrArray   *set_aside)
{
  for (guint i = 0; i < set_aside->len; i++)
    {
      const CaDraftSetAside *row = g_ptr_array_index (set_aside, i);

      ca_form_saved_add_conflict (saved, row->id, row->where);
    }
}

void
ca_form_saved_free (CaFormSaved *saved)
{
  if (saved == NULL)
    return;
  if (saved->stored != NULL)
    saved->model->free (saved->stored);
  g_ptr_array_unref (saved->conflicts);
  g_free (saved);
}

gboolean
ca_form_model_field_equal (const CaFormModel *model,
                           gconstpointer      a,
                           gconstpointer      b,
                           const char        *where)
{
  g_autofree char *value_a = model->dup_field (a, where);
  g_autofree char *value_b = model->dup_field (b, where);

  return ca_merge_values_equal (value_a, value_b);
}

void
ca_form_model_copy_field (const CaFormModel *model,
                          gpointer           dest,
                          gconstpointer      source,
                          const char        *where)
{
  g_autofree char *value = model->dup_field (source, where);

  model->set_field (dest, where, value);
}
