// SPDX-License-Identifier: GPL-3.0-or-later
// The deadlines a submitted audit sets (R-F8), in England's local time.
#pragma once

#include <glib.h>

#include "ca-grade.h"
#include "ca-working-days.h"

G_BEGIN_DECLS

/* The numbers of R-F8, configurable in preferences. */
typedef struct
{
  guint category1_hours;               /* 48: clock hours, weekends and holidays included */
  guint category2_working_days;        /* 10 */
  guint category3_working_days;        /* 20 */
  guint manager_response_working_days; /* 5, when the audit has actions */
  guint urgent_action_working_days;    /* 5: at most, for an Inadequate audit with
                                        * safeguarding concerns */
  guint action_days;                   /* 28 calendar days: the default for other actions */
} CaDeadlineRules;

/* The date an audit waits on next, by its state (issue 12): what the Audits list's Due column
 * shows and its Overdue filter counts. */
typedef enum
{
  CA_AUDIT_DUE_NONE,              /* nothing waits: closed, or everything done */
  CA_AUDIT_DUE_RETURN,            /* not yet submitted: the return date */
  CA_AUDIT_DUE_REVIEW,            /* submitted: the recommendations checked (R-F8) */
  CA_AUDIT_DUE_MANAGER_RESPONSE,  /* checked: the manager's response (R-F9) */
} CaAuditDueKind;

/* The days a list asks about by what waits next: the Audits view's Overdue and Due This Week,
 * the Calendar's This Week. */
typedef enum
{
  CA_DUE_WINDOW_ANY,        /* no limit */
  CA_DUE_WINDOW_OVERDUE,    /* before today */
  CA_DUE_WINDOW_THIS_WEEK,  /* Monday to Sunday of today's week */
} CaDueWindow;

void       ca_deadline_rules_init_defaults  (CaDeadlineRules         *rules);

void       ca_due_window_get_days           (CaDueWindow              window,
                                             const GDate             *today,
                                             GDate                   *first,
                                             GDate                   *last);

gboolean   ca_deadline_parse_day            (const char              *text,
                                             GDate                   *day);
CaAuditDueKind
           ca_audit_next_due                (CaAuditStatus            status,
                                             const GDate             *return_due,
                                             const GDate             *review_due,
                                             const GDate             *response_due,
                                             GDate                   *next);

GTimeZone *ca_deadline_get_time_zone        (void);
char      *ca_deadline_local_month          (const char              *utc_timestamp,
                                             const char              *fallback_date);
void       ca_deadline_get_local_date       (GDateTime               *moment,
                                             GDate                   *date);
GDateTime *ca_deadline_end_of_day           (const GDate             *day);

GDateTime *ca_deadline_for_category         (const CaHolidayCalendar *calendar,
                                             int                      category,
                                             GDateTime               *submitted_at,
                                             const CaDeadlineRules   *rules);
GDateTime *ca_deadline_manager_response     (const CaHolidayCalendar *calendar,
                                             GDateTime               *submitted_at,
                                             gboolean                 has_actions,
                                             const CaDeadlineRules   *rules);

gboolean   ca_deadline_action_is_urgent     (CaGrade                  overall_grade,
                                             gboolean                 safeguarding_concerns);
void       ca_deadline_action_default_due   (const CaHolidayCalendar *calendar,
                                             const GDate             *from,
                                             gboolean                 urgent,
                                             const CaDeadlineRules   *rules,
                                             GDate                   *result);
gboolean   ca_deadline_action_due_allowed   (const CaHolidayCalendar *calendar,
                                             const GDate             *from,
                                             gboolean                 urgent,
                                             const CaDeadlineRules   *rules,
                                             const GDate             *due);

G_END_DECLS
