// SPDX-License-Identifier: GPL-3.0-or-later
// Reads and writes one audit's form: the draft, autosaved as it is typed, and its submission.
#pragma once

#include <gio/gio.h>

#include "ca-action-owner.h"
#include "ca-database.h"
#include "ca-form-model.h"
#include "core/ca-audit-draft-merge.h"
#include "core/ca-audit-rules.h"
#include "core/ca-deadlines.h"
#include "core/ca-grade.h"
#include "core/ca-tool-definition.h"
#include "core/ca-working-days.h"

G_BEGIN_DECLS

#define CA_AUDIT_DRAFT_STORE_ERROR (ca_audit_draft_store_error_quark ())

typedef enum
{
  CA_AUDIT_DRAFT_STORE_ERROR_NOT_FOUND,
  CA_AUDIT_DRAFT_STORE_ERROR_SUBMITTED,  /* a submitted audit's form cannot change */
  CA_AUDIT_DRAFT_STORE_ERROR_INVALID,    /* submission refused: the problems say why */
  CA_AUDIT_DRAFT_STORE_ERROR_CHANGED,    /* submission refused: changed elsewhere meanwhile */
} CaAuditDraftStoreError;

/* What the form and the PDF show above the questions; read-only for the form. */
typedef struct
{
  gint64         audit_id;
  gint64         case_id;
  char          *case_ref;
  char          *service_area;
  char          *team;
  char          *allocated_worker;      /* the practitioner who holds the case; nullable */
  gint64         allocated_worker_id;   /* 0 when none */
  char          *auditor;
  char          *joint_practitioner;    /* nullable: the name for draft->joint_practitioner_id */
  gint64         tool_version_id;
  char          *tool_name;
  int            tool_version;
  CaAuditStatus  status;
  char          *allocated_on;          /* ISO date */
  char          *due_date;              /* ISO date: the audit's return date; nullable */
  char          *submitted_at;          /* UTC timestamp; nullable */
  char          *review_due_at;         /* UTC timestamp of the category deadline; nullable */
  char          *response_due_date;     /* ISO date of the manager response; nullable */
} CaAuditHeader;

/* One version of a draft field set aside because two copies of Case Audit changed the field
 * differently at once (R-N2): kept until someone chooses between it and the stored one. */
typedef struct
{
  gint64  id;
  char   *where;          /* the field's path, as in core/ca-audit-draft-merge.h */
  char   *value;          /* as ca_audit_draft_dup_field() gives it; NULL: empty */
  char   *set_aside_at;   /* UTC timestamp */
  char   *set_aside_by;   /* who was typing it */
} CaDraftSetAside;

/* Everything the form needs: the header, the tool version the audit keeps (R-E2), the draft
 * as last saved with the tool's defaults filled in, and exactly what is stored (what the
 * form's changes are measured from when it saves, see ca_audit_draft_store_save_since()). */
typedef struct
{
  CaAuditHeader    *header;
  CaToolDefinition *definition;
  CaAuditDraft     *draft;
  CaAuditDraft     *stored;
  GPtrArray        *set_aside;  /* of CaDraftSetAside: choices still to be made */
  GPtrArray        *owners;     /* of CaActionOwner: who may join the audit or own an
                                 * action, see ca_audit_draft_store_list_owners() */
} CaAuditForm;

/* What a save left stored. */
typedef struct
{
  CaAuditDraft *stored;     /* the draft exactly as it is now stored */
  GPtrArray    *conflicts;  /* of CaDraftSetAside: this copy's versions just set aside, the
                             * other copy's kept in their place */
} CaAuditDraftSaved;

GQuark        ca_audit_draft_store_error_quark (void);
void          ca_audit_header_free             (CaAuditHeader *header);
void          ca_audit_form_free               (CaAuditForm   *form);
void          ca_draft_set_aside_free          (CaDraftSetAside *set_aside);
void          ca_audit_draft_saved_free        (CaAuditDraftSaved *saved);

/* Loads audit AUDIT_ID with its tool version and the draft as last saved. A draft not yet
 * submitted that has no period reviewed gets the tool's default (its period_months up to the
 * audit date, or up to today in England while there is no audit date), so the form shows
 * what the next save stores; the audit date is never invented. */
CaAuditForm  *ca_audit_draft_store_load        (CaDatabase          *database,
                                                gint64               audit_id,
                                                GError             **error);
void          ca_audit_draft_store_load_async  (CaDatabase          *database,
                                                gint64               audit_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
CaAuditForm  *ca_audit_draft_store_load_finish (GAsyncResult        *result,
                                                GError             **error);

/* The names, by id (gint64 * → char *), of the staff who own FORM's actions and of
 * OTHER_ID too when it is not 0 (the responding manager): for a report. */
GHashTable   *ca_audit_draft_store_load_staff_names (CaDatabase        *database,
                                                     const CaAuditForm *form,
                                                     gint64             other_id,
                                                     GError           **error);

/* Saves the whole draft in one transaction, replacing what was saved before; moves an
 * allocated audit to in progress. Changes to grades, category and actions are written to
 * the history (R-M3); typing in text boxes is not, to keep the history readable. Refuses
 * (CA_AUDIT_DRAFT_STORE_ERROR_SUBMITTED) once the audit is submitted. Cheap enough to run
 * every second while someone types: only what changed is written. Answers and text (pen
 * picture, done well, comments, section comments, action wording) are not in the history;
 * section grades are, as field "sections.SECTION-ID.grade" of the audit. Action rows are
 * matched in order and keep their ids. A category the overall grade does not allow by the
 * schema (1 or 2 without Inadequate) is stored as none rather than failing the autosave. */
gboolean      ca_audit_draft_store_save        (CaDatabase          *database,
                                                gint64               audit_id,
                                                const CaAuditDraft  *draft,
                                                GError             **error);

/* Saves the changes made to DRAFT since BASE (what this copy last saw stored), so that two
 * copies of Case Audit editing one draft at once never overwrite each other (R-N2). In one
 * transaction, field by field (see ca_audit_draft_merge()): a field DRAFT left as it was in
 * BASE keeps what is stored, so another copy's change to it stays; a field DRAFT changed is
 * written, unless the stored one was changed too, differently: then the stored text stays and
 * DRAFT's is set aside (a CaDraftSetAside row for SESSION, the copy's own name) and reported
 * in the result's conflicts. The set-aside rows in RESOLVED (ids; N_RESOLVED of them), which
 * the person has chosen between, are removed in the same transaction. Otherwise as
 * ca_audit_draft_store_save(). Returns what is stored after the save, or NULL with ERROR. */
CaAuditDraftSaved *ca_audit_draft_store_save_since (CaDatabase          *database,
                                                    gint64               audit_id,
                                                    const CaAuditDraft  *base,
                                                    const CaAuditDraft  *draft,
                                                    const char          *session,
                                                    const gint64        *resolved,
                                                    guint                n_resolved,
                                                    GError             **error);

/* Validates with ca_audit_rules_check_submission(); if there are problems returns FALSE
 * with CA_AUDIT_DRAFT_STORE_ERROR_INVALID and, in PROBLEMS, the list (of CaRuleProblem).
 * With BASE (what the submitting copy last saw stored; nullable), refuses with
 * CA_AUDIT_DRAFT_STORE_ERROR_CHANGED when another copy has changed the draft since, or a
 * version set aside still waits for a choice: what is submitted is exactly what the person
 * saw. Otherwise, in one transaction: saves the draft, records SUBMITTED_AT, moves the audit to
 * submitted, sets review_due_at from the category (R-F8), creates the manager response due
 * date when there are actions, writes the history. */
gboolean      ca_audit_draft_store_submit      (CaDatabase             *database,
                                                gint64                  audit_id,
                                                const CaAuditDraft     *base,
                                                const CaAuditDraft     *draft,
                                                GDateTime              *submitted_at,
                                                const CaHolidayCalendar *calendar,
                                                const CaDeadlineRules  *rules,
                                                GPtrArray             **problems,
                                                GError                **error);
void          ca_audit_draft_store_submit_async  (CaDatabase          *database,
                                                  gint64               audit_id,
                                                  const CaAuditDraft  *base,
                                                  const CaAuditDraft  *draft,
                                                  GDateTime           *submitted_at,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean      ca_audit_draft_store_submit_finish (GAsyncResult        *result,
                                                  GPtrArray          **problems,
                                                  CaAuditForm        **stored,
                                                  GError             **error);

/* Who may own the audit's actions (R-F5): the active staff of the case's team, and the
 * auditor, by name; a GPtrArray of CaActionOwner. */
GPtrArray    *ca_audit_draft_store_list_owners (CaDatabase          *database,
                                                gint64               audit_id,
                                                GError             **error);

/* The draft as a form model, for the autosave (stores/ca-form-model.h). */
const CaFormModel  *ca_audit_draft_store_get_form_model (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaAuditHeader, ca_audit_header_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaAuditForm, ca_audit_form_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaDraftSetAside, ca_draft_set_aside_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaAuditDraftSaved, ca_audit_draft_saved_free)

G_END_DECLS
