// SPDX-License-Identifier: GPL-3.0-or-later
// R-D6: the auditors' e-mail drafts of an allocation run, saved as one set that appears whole
// or not at all, checked before the run is committed (see the design at the top of the .c).
#pragma once

#include <gio/gio.h>

#include "ca-database.h"

G_BEGIN_DECLS

typedef struct _CaAllocationMailDrafts CaAllocationMailDrafts;

/* Step 1, before anything is committed: makes FOLDER if it is missing, deals with sets an
 * earlier command left unfinished there, and makes the private folder the drafts are
 * written into. Fails, changing nothing else, when FOLDER cannot be used. */
CaAllocationMailDrafts *ca_allocation_mail_drafts_new           (CaDatabase              *database,
                                                                 const char              *folder,
                                                                 GError                 **error);
void                    ca_allocation_mail_drafts_save_async    (CaDatabase              *database,
                                                                 gint64                   run_id,
                                                                 const char              *folder,
                                                                 GCancellable            *cancellable,
                                                                 GAsyncReadyCallback      callback,
                                                                 gpointer                 user_data);
CaAllocationMailDrafts *ca_allocation_mail_drafts_save_finish   (CaDatabase              *database,
                                                                 GAsyncResult            *result,
                                                                 GError                 **error);
/* The sets an earlier command committed but was stopped before it could put in place, which
 * step 1 has now put in place: their folders' paths. */
GPtrArray              *ca_allocation_mail_drafts_get_recovered (CaAllocationMailDrafts  *self);
/* How many unfinished sets of an earlier command step 1 removed. */
guint                   ca_allocation_mail_drafts_get_n_removed (CaAllocationMailDrafts  *self);

/* Step 2: writes the drafts of run RUN_ID, as the database says it (inside the commit's
 * transaction, it reads what is being committed). Nothing is visible in FOLDER yet. */
gboolean                ca_allocation_mail_drafts_stage         (CaAllocationMailDrafts  *self,
                                                                 gint64                   run_id,
                                                                 GError                 **error);
/* ca_allocation_mail_drafts_stage() as a CaAllocationBeforeCommitFunc, DRAFTS the drafts. */
gboolean                ca_allocation_mail_drafts_stage_before_commit (CaDatabase        *db,
                                                                       gint64             run_id,
                                                                       gpointer           drafts,
                                                                       GError           **error);
/* Step 3, once the run is committed: puts the whole set in place in one step. When this
 * fails the set is kept aside, and the next save into FOLDER puts it in place. */
gboolean                ca_allocation_mail_drafts_publish       (CaAllocationMailDrafts  *self,
                                                                 GError                 **error);
/* Once published: the set's folder ("…/Audit allocation 2021-07 (run 5)") and its drafts'
 * paths, in the run's order of auditors. */
const char             *ca_allocation_mail_drafts_get_path      (CaAllocationMailDrafts  *self);
GPtrArray              *ca_allocation_mail_drafts_get_paths     (CaAllocationMailDrafts  *self);

/* Removes whatever was staged and not published (unless publishing failed, see above). */
void                    ca_allocation_mail_drafts_free          (CaAllocationMailDrafts  *self);

/* The three steps for a run already committed: the Allocation view's Save E-mails…. */
CaAllocationMailDrafts *ca_allocation_mail_drafts_save          (CaDatabase              *database,
                                                                 gint64                   run_id,
                                                                 const char              *folder,
                                                                 GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaAllocationMailDrafts, ca_allocation_mail_drafts_free)

G_END_DECLS
