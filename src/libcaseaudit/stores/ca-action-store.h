// SPDX-License-Identifier: GPL-3.0-or-later
// An audit's actions after submission (R-I2, seed 02): each marked done (the day, by whom,
// the evidence) and signed off by the allocated worker's line manager, as the database holds
// them: the only place with their SQL.
#pragma once

#include <gio/gio.h>

#include "ca-database.h"
#include "core/ca-action-rules.h"

G_BEGIN_DECLS

#define CA_ACTION_STORE_ERROR (ca_action_store_error_quark ())

typedef enum
{
  CA_ACTION_STORE_ERROR_NOT_FOUND,  /* no such action, or no such person */
} CaActionStoreError;

/* One action, where it stands, and who may sign it off. The strings are owned. */
typedef struct
{
  gint64    id;
  gint64    audit_id;
  char     *case_ref;
  guint     number;              /* its place among its audit's actions, from 1 */
  char     *description;
  char     *owner;               /* (nullable) the owner's name */
  char     *due_date;            /* (nullable) ISO day */
  gboolean  safeguarding;
  gboolean  overdue;             /* not done and due before the day it was read for */
  char     *completed_on;        /* (nullable) ISO day: not done */
  char     *completed_by_ref;    /* (nullable) staff ID */
  char     *completed_by;        /* (nullable) and name */
  char     *evidence;            /* (nullable) */
  char     *signed_off_on;       /* (nullable) ISO day: not signed off */
  char     *signed_off_by_ref;   /* (nullable) staff ID */
  char     *signed_off_by;       /* (nullable) and name */
  char     *submitted_on;        /* (nullable) the audit's submission, England's day */
  char     *worker;              /* (nullable) the case's allocated worker's name */
  char     *line_manager_ref;    /* (nullable) the worker's line manager's staff ID */
  char     *line_manager;        /* (nullable) and name */
  gboolean  line_manager_left;
} CaActionProgress;

GQuark     ca_action_store_error_quark    (void);
void       ca_action_progress_free        (CaActionProgress       *progress);
/* What the rules (core/ca-action-rules.h) need of PROGRESS, its strings borrowed. */
void       ca_action_progress_get_facts   (const CaActionProgress *progress,
                                           CaActionFacts          *facts);

CaActionProgress *ca_action_store_load    (CaDatabase   *database,
                                           gint64        action_id,
                                           const GDate  *today,
                                           GError      **error);
GPtrArray *ca_action_store_list_for_audit (CaDatabase   *database,
                                           gint64        audit_id,
                                           const GDate  *today,
                                           GError      **error);
gboolean   ca_action_store_mark_done      (CaDatabase   *database,
                                           gint64        action_id,
                                           const char   *by_ref,
                                           const GDate  *on,
                                           const char   *evidence,
                                           const GDate  *today,
                                           GError      **error);
gboolean   ca_action_store_sign_off       (CaDatabase   *database,
                                           gint64        action_id,
                                           const char   *by_ref,
                                           const GDate  *on,
                                           const GDate  *today,
                                           GError      **error);

void       ca_action_store_list_for_audit_async  (CaDatabase          *database,
                                                  gint64               audit_id,
                                                  const GDate         *today,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray *ca_action_store_list_for_audit_finish (GAsyncResult        *result,
                                                  GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaActionProgress, ca_action_progress_free)

G_END_DECLS
