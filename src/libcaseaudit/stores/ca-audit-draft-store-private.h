// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the draft store's files alone: the stored audit row, and reading it back.
#pragma once

#include "ca-audit-draft-store.h"
#include "ca-set-aside-store.h"

G_BEGIN_DECLS

/* The audit row's fields that a save compares. */
typedef struct
{
  CaAuditStatus  status;
  char          *submitted_at;
  char          *audit_date;
  char          *period_start;
  char          *period_end;
  char          *joint_practitioner_id;
  char          *overall_grade;
  char          *category;
  char          *pen_picture;
  char          *done_well;
  char          *comments;
  char          *feedback_method;
  char          *feedback_date;
  char          *feedback_summary;
} CaStoredAudit;

void          ca_stored_audit_clear               (CaStoredAudit       *stored);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CaStoredAudit, ca_stored_audit_clear)

/* ca-audit-draft-store.c: reading */
gboolean      ca_audit_draft_store_step_audit     (CaStatement         *stmt,
                                                   gint64               audit_id,
                                                   GError             **error);
gboolean      ca_audit_draft_store_read_stored_audit (CaDatabase       *database,
                                                   gint64               audit_id,
                                                   CaStoredAudit       *stored,
                                                   GError             **error);
CaAuditDraft *ca_audit_draft_store_read_stored_draft (CaDatabase       *database,
                                                   gint64               audit_id,
                                                   const CaStoredAudit *stored,
                                                   GError             **error);

/* ca-audit-draft-store-save.c: the body of a save, inside the caller's transaction */
gboolean      ca_audit_draft_store_save_in_transaction (CaDatabase          *database,
                                                        gint64               audit_id,
                                                        const CaAuditDraft  *draft,
                                                        GError             **error);

G_END_DECLS
