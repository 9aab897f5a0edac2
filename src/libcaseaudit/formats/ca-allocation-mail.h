// SPDX-License-Identifier: GPL-3.0-or-later
// R-D6: after an allocation run is committed, one e-mail draft to each auditor listing their
// cases and the first steps. Cases are named by reference only; no child's details.
#pragma once

#include <gio/gio.h>

#include "ca-mail-message.h"

G_BEGIN_DECLS

#define CA_ALLOCATION_MAIL_ERROR (ca_allocation_mail_error_quark ())

typedef enum
{
  CA_ALLOCATION_MAIL_ERROR_NOT_FOUND,   /* no such run */
  CA_ALLOCATION_MAIL_ERROR_CANCELLED,   /* the run was cancelled: nothing to tell */
  CA_ALLOCATION_MAIL_ERROR_EMPTY,       /* the run has no audits */
  CA_ALLOCATION_MAIL_ERROR_NO_FOLDER,
} CaAllocationMailError;

typedef struct
{
  gint64    audit_id;
  char     *case_ref;
  char     *team;               /* the case's team */
  char     *worker;             /* the case's allocated worker; NULL when none is recorded */
  char     *due_date;           /* the return date, YYYY-MM-DD; NULL when none */
  gboolean  access_request;     /* a restricted record: access must be requested first */
} CaAllocationMailCase;

typedef struct
{
  gint64     staff_id;
  char      *staff_ref;
  char      *name;
  char      *email;             /* NULL when none is recorded: the draft has no recipient */
  GPtrArray *cases;             /* of CaAllocationMailCase, by case reference */
} CaAllocationMailAuditor;

typedef struct
{
  gint64     run_id;
  char      *month;             /* YYYY-MM */
  char      *focus;             /* the programme's audit focus for the month; nullable */
  GPtrArray *auditors;          /* of CaAllocationMailAuditor, by name */
} CaAllocationMailRun;

GQuark               ca_allocation_mail_error_quark   (void);
void                 ca_allocation_mail_case_free     (CaAllocationMailCase    *mail_case);
void                 ca_allocation_mail_auditor_free  (CaAllocationMailAuditor *auditor);
void                 ca_allocation_mail_run_free      (CaAllocationMailRun     *run);

/* "November 2026" for "2026-11". */
char                *ca_allocation_mail_format_month  (const char              *month);

char                *ca_allocation_mail_get_subject   (const CaAllocationMailRun     *run,
                                                       const CaAllocationMailAuditor *auditor);
/* The plain-text body: each case with its team, allocated worker and return date, "access
 * request needed" where the record is restricted, then the first steps. */
char                *ca_allocation_mail_get_body      (const CaAllocationMailRun     *run,
                                                       const CaAllocationMailAuditor *auditor);
CaMailMessage       *ca_allocation_mail_build         (const CaAllocationMailRun     *run,
                                                       const CaAllocationMailAuditor *auditor);
/* "Audit allocation 2026-11 – Imran Shah (S0042).eml": safe as a file name anywhere, though
 * not shortened to any file system's limit (ca-allocation-mail-drafts.c does that). */
char                *ca_allocation_mail_get_file_name (const CaAllocationMailRun     *run,
                                                       const CaAllocationMailAuditor *auditor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaAllocationMailCase, ca_allocation_mail_case_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaAllocationMailAuditor, ca_allocation_mail_auditor_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaAllocationMailRun, ca_allocation_mail_run_free)

G_END_DECLS
