// SPDX-License-Identifier: GPL-3.0-or-later
// What is due and overdue on a day: category deadlines, manager responses, actions, returns.
#pragma once

#include <glib.h>

#include "ca-database.h"
#include "ca-working-days.h"

G_BEGIN_DECLS

typedef enum
{
  CA_DEADLINE_KIND_REVIEW,            /* the category deadline (R-F8): recommendations checked */
  CA_DEADLINE_KIND_MANAGER_RESPONSE,  /* the manager's response to an audit (R-F9) */
  CA_DEADLINE_KIND_ACTION,            /* an action from an audit (R-F5) */
  CA_DEADLINE_KIND_AUDIT_RETURN,      /* an allocated audit not yet submitted */
  CA_DEADLINE_KIND_MODERATION,        /* a moderation of an audit (R-H1); calendar only */
} CaDeadlineKind;

/* One thing due on or before the day asked about. */
typedef struct
{
  CaDeadlineKind kind;
  gint64         id;            /* the audit, manager response or action */
  gint64         audit_id;
  GDate          due;           /* in England's local time */
  gboolean       overdue;       /* due before the day, not on it */
  int            overdue_days;  /* working days after the due date up to the day */
  char          *case_ref;
  int            category;      /* 1–4, or 0 when the audit has none yet */
  char          *person;        /* (nullable) who it waits on: owner, manager or auditor */
} CaDeadlineItem;

void        ca_deadline_item_free          (CaDeadlineItem           *item);
const char *ca_deadline_kind_to_string     (CaDeadlineKind            kind);
const char *ca_deadline_kind_to_label      (CaDeadlineKind            kind);

GPtrArray  *ca_deadline_store_list         (CaDatabase               *db,
                                            const CaHolidayCalendar  *calendar,
                                            const GDate              *on,
                                            GError                  **error);

GPtrArray  *ca_deadline_store_list_for     (CaDatabase               *db,
                                            const CaHolidayCalendar  *calendar,
                                            const GDate              *on,
                                            gint64                    staff_id,
                                            GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaDeadlineItem, ca_deadline_item_free)

G_END_DECLS
