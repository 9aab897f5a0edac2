// SPDX-License-Identifier: GPL-3.0-or-later
// Versions of a form's field set aside when two copies changed it at once (R-N2): one table per form.
#pragma once

#include "ca-audit-draft-store.h"
#include "ca-database.h"

G_BEGIN_DECLS

/* The forms whose saves are merged, each with its own table of versions set aside. */
typedef enum
{
  CA_SET_ASIDE_AUDIT_DRAFT,  /* audit_draft_set_aside, by audit */
  CA_SET_ASIDE_MODERATION,   /* moderation_set_aside, by moderation */
} CaSetAsideForm;

GPtrArray       *ca_set_aside_store_list   (CaDatabase      *database,
                                            CaSetAsideForm   form,
                                            gint64           record_id,
                                            GError         **error);
CaDraftSetAside *ca_set_aside_store_put    (CaDatabase      *database,
                                            CaSetAsideForm   form,
                                            gint64           record_id,
                                            const char      *where,
                                            const char      *value,
                                            const char      *session,
                                            GError         **error);
GPtrArray       *ca_set_aside_store_put_conflicts (CaDatabase          *database,
                                                   CaSetAsideForm       form,
                                                   gint64               record_id,
                                                   const char *const   *conflicts,
                                                   CaMergeGetFunc       dup_field,
                                                   gconstpointer        values,
                                                   const char          *session,
                                                   GError             **error);
gboolean         ca_set_aside_store_remove (CaDatabase      *database,
                                            CaSetAsideForm   form,
                                            gint64           record_id,
                                            const gint64    *ids,
                                            guint            n_ids,
                                            GError         **error);

G_END_DECLS
