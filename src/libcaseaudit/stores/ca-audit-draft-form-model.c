// SPDX-License-Identifier: GPL-3.0-or-later
// The audit's draft as a form model (stores/ca-form-model.h): the first form the autosave saves.

#include "config.h"

#include "ca-audit-draft-store.h"

static const CaFormModel draft_model;

static CaFormSaved *
draft_save_since (CaDatabase    *connection,
                  gint64         audit_id,
                  gconstpointer  base,
                  gconstpointer  values,
                  const char    *session,
                  const gint64  *resolved,
                  guint          n_resolved,
                  GError       **error)
{
  g_autoptr(CaAuditDraftSaved) saved = NULL;
  CaFormSaved *form_saved;

  saved = ca_audit_draft_store_save_since (connection, audit_id, base, values, session,
                                           resolved, n_resolved, error);
  if (saved == NULL)
    return NULL;
  form_saved = ca_form_saved_new (&draft_model, g_steal_pointer (&saved->stored));
  ca_form_saved_add_set_aside (form_saved, saved->conflicts);
  return form_saved;
}

/* The draft's own functions, which take a CaAuditDraft where the model says a pointer. */
static const CaFormModel draft_model = {
  .copy = (gpointer (*) (gconstpointer)) ca_audit_draft_copy,
  .free = (GDestroyNotify) ca_audit_draft_free,
  .dup_field = (CaMergeGetFunc) ca_audit_draft_dup_field,
  .set_field = (CaMergeSetFunc) ca_audit_draft_set_field,
  .diff = (GStrv (*) (gconstpointer, gconstpointer)) ca_audit_draft_diff,
  .save_since = draft_save_since,
};

/**
 * ca_audit_draft_store_get_form_model:
 *
 * Returns: (transfer none): the model of a #CaAuditDraft, saved with
 *   ca_audit_draft_store_save_since()
 */
const CaFormModel *
ca_audit_draft_store_get_form_model (void)
{
  return &draft_model;
}
