// SPDX-License-Identifier: GPL-3.0-or-later
// For the stores alone: writing one row of the action table, as both forms that own actions do.
#pragma once

#include "ca-database.h"
#include "core/ca-audit-rules.h"

G_BEGIN_DECLS

/* SQL: whether the action row X (its table's alias) counts yet. An audit's own actions do
 * from the start; a moderator's further actions are a draft of the moderation's until it is
 * submitted (moderated_on), and only then reach the tracker, the deadlines and the case. */
#define CA_ACTION_ROWS_LIVE(x)                                                                 \
  "(" x ".moderation_id IS NULL OR EXISTS (SELECT 1 FROM moderation live_m "                  \
  "  WHERE live_m.id = " x ".moderation_id AND live_m.moderated_on IS NOT NULL))"

const char *ca_action_rows_description (const char *stored);

/* Whose action rows are written: an audit's own (the Stage 1 form's table, matched by
 * position) or one moderation's further actions (the Stage 2 form's, R-H3, schema 0013,
 * matched by key). The two forms differ in how they match rows; what a row is, and what the
 * history keeps of its changes, is the same for both, and lives here. */
typedef struct
{
  CaDatabase *database;
  gint64      audit_id;
  gint64      moderation_id;  /* 0: the audit's own actions, which alone carry the
                               * safeguarding flag; otherwise the moderation's, which carry
                               * their key and leave the flag as stored */
} CaActionRows;

gboolean ca_action_rows_equal  (const CaActionRows   *rows,
                                const CaDraftAction  *stored,
                                const CaDraftAction  *wanted);
gboolean ca_action_rows_insert (const CaActionRows   *rows,
                                const CaDraftAction  *action,
                                GError              **error);
gboolean ca_action_rows_update (const CaActionRows   *rows,
                                gint64                id,
                                const CaDraftAction  *before,
                                const CaDraftAction  *action,
                                GError              **error);
gboolean ca_action_rows_remove (const CaActionRows   *rows,
                                gint64                id,
                                const CaDraftAction  *before,
                                GError              **error);

/* One stored row as a sync compares it: its id, which an update keeps, and the action as read
 * back (not owned). */
typedef struct
{
  gint64         id;
  CaDraftAction *action;
} CaActionRowsStored;

/* Brings the stored rows (CaActionRowsStored) into line with the wanted ones (CaDraftAction)
 * through ca-store-rows.h, inside the caller's transaction, each row written by the functions
 * above: the audit's own actions matched by position, a moderation's by key. */
gboolean ca_action_rows_sync_in_order (const CaActionRows  *rows,
                                       GPtrArray           *stored,
                                       GPtrArray           *wanted,
                                       GError             **error);
gboolean ca_action_rows_sync_by_key   (const CaActionRows  *rows,
                                       GHashTable          *stored,
                                       GHashTable          *wanted,
                                       GError             **error);

G_END_DECLS
