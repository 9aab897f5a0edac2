// SPDX-License-Identifier: GPL-3.0-or-later
// What the autosave needs of a form: its values field by field, and their save since a base on the worker's connection.
#pragma once

#include <glib.h>

#include "ca-database.h"
#include "core/ca-merge.h"

G_BEGIN_DECLS

/* A form that two copies of Case Audit may edit at once (R-N2) and that is autosaved (R-F6)
 * is described to the autosave by one CaFormModel: a table of functions over its VALUES (the
 * form's own struct, such as a CaAuditDraft). Fields are named by paths, as CaRuleProblem
 * names them, and each field's value is text (core/ca-merge.h). The audit's draft is the
 * first model (ca_audit_draft_store_get_form_model()); a second form writes a second table,
 * and reuses the autosave, its merge and its conflict reports unchanged. */

typedef struct _CaFormModel CaFormModel;

/* A field this copy and another changed differently at once: this copy's version was set
 * aside (id ID) and the other's stored, until the person chooses. */
typedef struct
{
  gint64  id;
  char   *where;
} CaFormConflict;

/* What a save left stored. */
typedef struct
{
  const CaFormModel *model;
  gpointer           stored;     /* the values exactly as now stored */
  GPtrArray         *conflicts;  /* of CaFormConflict: this copy's versions just set aside */
} CaFormSaved;

struct _CaFormModel
{
  gpointer       (*copy)       (gconstpointer   values);
  void           (*free)       (gpointer        values);
  CaMergeGetFunc   dup_field;
  CaMergeSetFunc   set_field;
  /* The fields in which A and B differ, NULL-terminated. */
  GStrv          (*diff)       (gconstpointer   a,
                                gconstpointer   b);
  /* On the worker's CONNECTION: writes what VALUES changed since BASE into record ID,
   * merged with what another copy stored meanwhile, setting aside (for SESSION) this copy's
   * version of a field both changed, and removing the RESOLVED set-aside versions. */
  CaFormSaved   *(*save_since) (CaDatabase     *connection,
                                gint64          id,
                                gconstpointer   base,
                                gconstpointer   values,
                                const char     *session,
                                const gint64   *resolved,
                                guint           n_resolved,
                                GError        **error);
};

CaFormSaved *ca_form_saved_new             (const CaFormModel *model,
                                            gpointer           stored);
void         ca_form_saved_add_conflict    (CaFormSaved       *saved,
                                            gint64             id,
                                            const char        *where);
void         ca_form_saved_add_set_aside   (CaFormSaved       *saved,
                                            GPtrArray         *set_aside);
void         ca_form_saved_free            (CaFormSaved       *saved);

gboolean     ca_form_model_field_equal     (const CaFormModel *model,
                                            gconstpointer      a,
                                            gconstpointer      b,
                                            const char        *where);
void         ca_form_model_copy_field      (const CaFormModel *model,
                                            gpointer           dest,
                                            gconstpointer      source,
                                            const char        *where);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaFormSaved, ca_form_saved_free)

G_END_DECLS
