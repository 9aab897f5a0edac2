// SPDX-License-Identifier: GPL-3.0-or-later
// Moderation panels (R-H5): the audits a panel reviewed and what it concluded.
#pragma once

#include <gio/gio.h>

#include "ca-database.h"
#include "core/ca-grade.h"

G_BEGIN_DECLS

#define CA_PANEL_STORE_ERROR (ca_panel_store_error_quark ())

typedef enum
{
  CA_PANEL_STORE_ERROR_NOT_PANEL,  /* the event is not a moderation panel */
  CA_PANEL_STORE_ERROR_REFUSED,    /* an audit that cannot be added or removed: the message
                                    * says why */
} CaPanelStoreError;

/* One audit a panel reviewed. */
typedef struct
{
  gint64   audit_id;
  char    *case_ref;
  char    *auditor;
  CaGrade  overall_grade;    /* the auditor's */
  CaGrade  moderated_grade;  /* the submitted moderation's, or CA_GRADE_NONE */
} CaPanelAudit;

/* A moderation panel: its event, the audits it reviewed (by case reference) and its
 * conclusions. */
typedef struct
{
  gint64     event_id;
  char      *title;
  char      *date;         /* YYYY-MM-DD */
  char      *conclusions;  /* nullable */
  GPtrArray *audits;       /* CaPanelAudit */
} CaPanel;

GQuark   ca_panel_store_error_quark (void);

void     ca_panel_free               (CaPanel             *panel);

CaPanel *ca_panel_store_load         (CaDatabase          *database,
                                      gint64               event_id,
                                      GError             **error);
void     ca_panel_store_load_async   (CaDatabase          *database,
                                      gint64               event_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
CaPanel *ca_panel_store_load_finish  (GAsyncResult        *result,
                                      GError             **error);

gboolean ca_panel_store_add_audit    (CaDatabase          *database,
                                      gint64               event_id,
                                      gint64               audit_id,
                                      GError             **error);
gboolean ca_panel_store_add_case     (CaDatabase          *database,
                                      gint64               event_id,
                                      const char          *case_ref,
                                      gint64              *audit_id,
                                      GError             **error);
gboolean ca_panel_store_remove_audit (CaDatabase          *database,
                                      gint64               event_id,
                                      gint64               audit_id,
                                      GError             **error);
gboolean ca_panel_store_set_conclusions (CaDatabase       *database,
                                         gint64            event_id,
                                         const char       *conclusions,
                                         GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaPanel, ca_panel_free)

G_END_DECLS
