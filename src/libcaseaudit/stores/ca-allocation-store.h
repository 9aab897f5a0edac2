// SPDX-License-Identifier: GPL-3.0-or-later
// Allocation runs in the database: gather a month's cases and auditors, preview a run,
// commit it as audits in one transaction, list and cancel runs (R-D1–R-D5).
#pragma once

#include <gio/gio.h>

#include "ca-database.h"
#include "core/ca-allocation.h"

G_BEGIN_DECLS

#define CA_ALLOCATION_STORE_ERROR (ca_allocation_store_error_quark ())

typedef enum
{
  CA_ALLOCATION_STORE_ERROR_NO_PROGRAMME,  /* no social-care programme entry for the month */
  CA_ALLOCATION_STORE_ERROR_NO_ELIGIBLE,   /* nothing to sample */
  CA_ALLOCATION_STORE_ERROR_UNPLACED,      /* commit refused: some sampled cases have no auditor */
  CA_ALLOCATION_STORE_ERROR_CHANGED,       /* the data changed since the preview */
  CA_ALLOCATION_STORE_ERROR_NOT_FOUND,     /* no such run */
  CA_ALLOCATION_STORE_ERROR_STARTED,       /* cancel refused: an audit of the run has started */
  CA_ALLOCATION_STORE_ERROR_CANCELLED,     /* the run is cancelled already */
  CA_ALLOCATION_STORE_ERROR_NO_TOOL,       /* the Stage 1 tool is missing */
  CA_ALLOCATION_STORE_ERROR_DAMAGED,       /* stored settings that no longer read */
} CaAllocationStoreError;

/* A previewed run: the settings with the programme's dates filled in, what the engine was
 * given and what it decided. Nothing is written until it is committed. */
typedef struct
{
  CaAllocationSettings *settings;
  gint64                programme_entry_id;
  GDate                 return_date;   /* invalid when the programme has none */
  CaAllocationInput    *input;
  CaAllocationResult   *result;
} CaAllocationPreview;

/* A committed run as lists show it. */
typedef struct
{
  gint64  id;
  char   *month;
  gint64  programme_entry_id;
  guint64 seed;
  char   *settings_json;
  char   *created_at;
  char   *created_by;
  char   *cancelled_at;   /* (nullable) */
  guint   n_audits;
  guint   n_started;      /* audits past 'allocated' or with answers */
} CaAllocationRun;

/* One audit of a committed run. */
typedef struct
{
  gint64    audit_id;
  gint64    case_id;
  char     *case_ref;
  gint64    auditor_id;
  char     *auditor_ref;
  char     *auditor_name;
  char     *auditor_email;   /* (nullable) */
  char     *stratum;
  char     *reason;
  gboolean  access_request;
  char     *status;
  char     *allocated_on;
  char     *due_date;        /* (nullable) */
} CaAllocationRunAudit;

GQuark                 ca_allocation_store_error_quark   (void);

void                   ca_allocation_preview_free        (CaAllocationPreview        *preview);
const CaAllocationAuditor *
                       ca_allocation_preview_find_auditor (const CaAllocationPreview *preview,
                                                          gint64                     auditor_id);
char                  *ca_allocation_settings_to_json    (const CaAllocationSettings *settings);
char                  *ca_allocation_preview_to_json     (const CaAllocationPreview  *preview);
CaAllocationSettings  *ca_allocation_settings_from_json  (const char                 *json,
                                                          GError                    **error);
void                   ca_allocation_run_free            (CaAllocationRun            *run);
void                   ca_allocation_run_audit_free      (CaAllocationRunAudit       *audit);

/* The months that have a social-care programme entry, "YYYY-MM", oldest first. */
GStrv                  ca_allocation_store_list_months   (CaDatabase                 *db,
                                                          GError                    **error);

CaAllocationPreview   *ca_allocation_store_preview       (CaDatabase                 *db,
                                                          const CaAllocationSettings *settings,
                                                          GCancellable               *cancellable,
                                                          GError                    **error);
void                   ca_allocation_store_preview_async (CaDatabase                 *db,
                                                          const CaAllocationSettings *settings,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
CaAllocationPreview   *ca_allocation_store_preview_finish (CaDatabase                *db,
                                                          GAsyncResult              *result,
                                                          GError                   **error);

gint64                 ca_allocation_store_commit        (CaDatabase                 *db,
                                                          const CaAllocationPreview  *preview,
                                                          gboolean                    accept_unplaced,
                                                          GError                    **error);
void                   ca_allocation_store_commit_async  (CaDatabase                 *db,
                                                          const CaAllocationPreview  *preview,
                                                          gboolean                    accept_unplaced,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
gint64                 ca_allocation_store_commit_finish (CaDatabase                 *db,
                                                          GAsyncResult               *result,
                                                          GError                    **error);
/* Work done inside the commit's transaction, after the run RUN_ID is written; FALSE rolls
 * the run back. */
typedef gboolean     (*CaAllocationBeforeCommitFunc)    (CaDatabase                 *db,
                                                          gint64                      run_id,
                                                          gpointer                    user_data,
                                                          GError                    **error);
gint64                 ca_allocation_store_commit_full   (CaDatabase                 *db,
                                                          const CaAllocationPreview  *preview,
                                                          gboolean                    accept_unplaced,
                                                          CaAllocationBeforeCommitFunc before_commit,
                                                          gpointer                    user_data,
                                                          GError                    **error);
gboolean               ca_allocation_store_cancel        (CaDatabase                 *db,
                                                          gint64                      run_id,
                                                          GError                    **error);

GPtrArray             *ca_allocation_store_list_runs     (CaDatabase                 *db,
                                                          const char                 *month,
                                                          GError                    **error);
GPtrArray             *ca_allocation_store_list_run_audits (CaDatabase               *db,
                                                           gint64                    run_id,
                                                           GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaAllocationPreview, ca_allocation_preview_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaAllocationRun, ca_allocation_run_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaAllocationRunAudit, ca_allocation_run_audit_free)

G_END_DECLS
