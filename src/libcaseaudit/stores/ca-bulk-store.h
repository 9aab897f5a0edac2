// SPDX-License-Identifier: GPL-3.0-or-later
// Whole records written many at a time inside the caller's transaction: the demonstration data.
#pragma once

#include <gio/gio.h>

#include "ca-database.h"

G_BEGIN_DECLS

/* Holds each statement once it has been prepared, so that writing a hundred thousand rows
 * prepares a dozen statements, not a hundred thousand. Used on one connection, inside one
 * transaction the caller begins and ends; freeing it finalises the statements. */
typedef struct _CaBulkStore CaBulkStore;

/* Texts are ISO dates (YYYY-MM-DD) or UTC timestamps (YYYY-MM-DDTHH:MM:SSZ) where a date is
 * meant; NULL text and 0 ids are stored as NULL. */
typedef struct
{
  const char *case_ref;
  gint64      team_id;
  gint64      locality_id;
  gint64      worker_id;
  const char *open_date;
  const char *close_date;
  const char *legal_status;
  const char *ethnicity;
  const char *birth_month;      /* YYYY-MM */
  const char *gender;
  gboolean    disability;
  gboolean    restricted;
} CaBulkCase;

typedef struct
{
  const char *month;            /* YYYY-MM */
  const char *strand;
  const char *focus;
  const char *questions;
  const char *allocation_date;
  const char *return_date;
  const char *briefing_date;
  const char *training;
} CaBulkProgrammeEntry;

typedef struct
{
  gint64      case_id;
  gint64      tool_version_id;
  gint64      auditor_id;
  gint64      joint_practitioner_id;
  gint64      programme_entry_id;
  const char *status;
  const char *allocated_on;
  const char *due_date;
  const char *audit_date;
  const char *period_start;
  const char *period_end;
  const char *pen_picture;
  const char *overall_grade;
  int         category;         /* 0: none yet */
  const char *done_well;
  const char *comments;
  const char *submitted_at;
  const char *review_due_at;
  const char *recommendations_checked_at;
  gint64      recommendations_checked_by;
  const char *recommendations_checked_note;
  const char *feedback_method;
  const char *feedback_date;
  const char *feedback_summary;
} CaBulkAudit;

typedef struct
{
  gint64      audit_id;
  const char *description;
  gint64      owner_id;
  const char *due_date;
  const char *impact;
  gboolean    safeguarding;
  const char *completed_on;
  gint64      completed_by;      /* 0: no one recorded */
  const char *evidence;
  gint64      signed_off_by;     /* 0: not signed off */
  const char *signed_off_on;
} CaBulkAction;

typedef struct
{
  gint64      audit_id;
  gint64      manager_id;
  const char *response;
  const char *stretch_target;
  const char *decision;
  const char *due_date;
  const char *responded_on;
} CaBulkManagerResponse;

typedef struct
{
  gint64      audit_id;
  gint64      moderator_id;
  const char *due_date;
  const char *moderated_on;
  const char *overall_grade;
  const char *differences;
  const char *discussion_date;
  const char *participants;
  const char *further_actions;
  const char *learning;
  int         made_difference;  /* -1: not known yet, else 0 or 1 */
  const char *difference;       /* "yes", "partly", "not-yet"; NULL: not known yet */
} CaBulkModeration;

/* R-I1: an audit escalated to a Head of Service when its deadline passed. */
typedef struct
{
  gint64      audit_id;
  gint64      head_of_service_id;  /* 0: no Head of Service above the case's team */
  const char *escalated_at;
  const char *deadline;
  const char *reason;
} CaBulkEscalation;

CaBulkStore *ca_bulk_store_new                   (CaDatabase                   *database);
void         ca_bulk_store_free                  (CaBulkStore                  *self);

/* Whether the database holds no case, no staff and no team. */
gboolean     ca_bulk_store_is_empty              (CaBulkStore                  *self,
                                                  gboolean                     *empty,
                                                  GError                      **error);

/* The editable lists: a name already there is kept and its id given back. */
gboolean     ca_bulk_store_ensure_service_area   (CaBulkStore                  *self,
                                                  const char                   *name,
                                                  gint64                       *id,
                                                  GError                      **error);
gboolean     ca_bulk_store_ensure_locality       (CaBulkStore                  *self,
                                                  const char                   *name,
                                                  gint64                       *id,
                                                  GError                      **error);
gboolean     ca_bulk_store_ensure_auditor_group  (CaBulkStore                  *self,
                                                  const char                   *name,
                                                  gint64                       *id,
                                                  GError                      **error);

gboolean     ca_bulk_store_add_team              (CaBulkStore                  *self,
                                                  const char                   *name,
                                                  gint64                        service_area_id,
                                                  gint64                        locality_id,
                                                  gint64                        auditor_group_id,
                                                  gint64                       *id,
                                                  GError                      **error);
gboolean     ca_bulk_store_add_staff             (CaBulkStore                  *self,
                                                  const char                   *staff_ref,
                                                  const char                   *name,
                                                  const char                   *email,
                                                  const char                   *role_code,
                                                  gint64                        team_id,
                                                  gboolean                      active,
                                                  gint64                       *id,
                                                  GError                      **error);
gboolean     ca_bulk_store_set_line_manager      (CaBulkStore                  *self,
                                                  gint64                        staff_id,
                                                  gint64                        manager_id,
                                                  GError                      **error);
gboolean     ca_bulk_store_add_case              (CaBulkStore                  *self,
                                                  const CaBulkCase             *file,
                                                  gint64                       *id,
                                                  GError                      **error);

/* A month and strand already in the programme keep their entry; its id is given back. */
gboolean     ca_bulk_store_ensure_programme_entry (CaBulkStore                 *self,
                                                   const CaBulkProgrammeEntry  *entry,
                                                   gint64                      *id,
                                                   GError                     **error);

gboolean     ca_bulk_store_add_audit             (CaBulkStore                  *self,
                                                  const CaBulkAudit            *audit,
                                                  gint64                       *id,
                                                  GError                      **error);
gboolean     ca_bulk_store_add_audit_section     (CaBulkStore                  *self,
                                                  gint64                        audit_id,
                                                  const char                   *section_id,
                                                  const char                   *grade,
                                                  GError                      **error);
gboolean     ca_bulk_store_add_audit_answer      (CaBulkStore                  *self,
                                                  gint64                        audit_id,
                                                  const char                   *question_id,
                                                  const char                   *answer,
                                                  const char                   *reason,
                                                  GError                      **error);
gboolean     ca_bulk_store_add_action            (CaBulkStore                  *self,
                                                  const CaBulkAction           *action,
                                                  gint64                       *id,
                                                  GError                      **error);
gboolean     ca_bulk_store_add_manager_response  (CaBulkStore                  *self,
                                                  const CaBulkManagerResponse  *response,
                                                  GError                      **error);
gboolean     ca_bulk_store_add_moderation        (CaBulkStore                  *self,
                                                  const CaBulkModeration       *moderation,
                                                  gint64                       *id,
                                                  GError                      **error);
gboolean     ca_bulk_store_add_moderation_section (CaBulkStore                 *self,
                                                   gint64                       moderation_id,
                                                   const char                  *section_id,
                                                   const char                  *grade,
                                                   const char                  *why,
                                                   GError                     **error);

gboolean     ca_bulk_store_add_escalation        (CaBulkStore                  *self,
                                                  const CaBulkEscalation       *escalation,
                                                  GError                      **error);
/* R-I2: a Head of Service's sign-off of an audit on their tracker; SIGNED_ON a date. */
gboolean     ca_bulk_store_add_tracker_signoff   (CaBulkStore                  *self,
                                                  gint64                        audit_id,
                                                  gint64                        signed_by,
                                                  const char                   *signed_on,
                                                  const char                   *note,
                                                  GError                      **error);

/* R-F7: Category 1–2 audits submitted before BEFORE (a UTC timestamp) count as notified when
 * they were submitted. */
gboolean     ca_bulk_store_mark_notified_before  (CaBulkStore                  *self,
                                                  const char                   *before,
                                                  GError                      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaBulkStore, ca_bulk_store_free)

G_END_DECLS
