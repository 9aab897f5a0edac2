// SPDX-License-Identifier: GPL-3.0-or-later
// R-I1, R-I2: the Head of Service tracker and escalation as the database holds them: the
// only place with their SQL.
#pragma once

#include <gio/gio.h>

#include "ca-database.h"
#include "core/ca-grade.h"

G_BEGIN_DECLS

#define CA_TRACKER_STORE_ERROR (ca_tracker_store_error_quark ())

typedef enum
{
  CA_TRACKER_STORE_ERROR_NOT_FOUND,    /* no such audit, or no such person */
  CA_TRACKER_STORE_ERROR_NOT_TRACKED,  /* the audit is not Category 1–3 */
  CA_TRACKER_STORE_ERROR_NOT_CHECKED,  /* a sign-off before the recommendations are checked */
  CA_TRACKER_STORE_ERROR_DONE,         /* checked, or signed off, already */
} CaTrackerStoreError;

/* One audit followed on the tracker. */
typedef struct
{
  gint64   audit_id;
  char    *case_ref;
  char    *month;            /* YYYY-MM of submission, England's time */
  char    *service_area;
  char    *team;
  char    *worker;           /* (nullable) the case's allocated worker */
  CaGrade  overall_grade;
  int      category;
  char    *deadline;         /* (nullable) UTC timestamp: recommendations checked by */
  char    *checked_at;       /* (nullable) */
  char    *response;         /* "given", "waiting" or "none": the manager's response */
  guint    actions_total;
  guint    actions_done;
  guint    actions_overdue;  /* not done, due before the day asked about */
  guint    actions_signed_off; /* done and signed off by the worker's line manager */
  CaGrade  moderation_grade; /* CA_GRADE_NONE: not moderated (yet) */
  char    *escalated_to;     /* (nullable) the Head of Service's staff ID */
  char    *escalated_name;   /* (nullable) and name */
  char    *escalated_at;     /* (nullable) */
  char    *signed_off_on;    /* (nullable) YYYY-MM-DD */
  char    *signoff_note;     /* (nullable) */
} CaTrackerRow;

/* Which audits the tracker shows, open, signed off or both. */
typedef enum
{
  CA_TRACKER_STATUS_ALL,
  CA_TRACKER_STATUS_OPEN,        /* not signed off yet */
  CA_TRACKER_STATUS_SIGNED_OFF,
} CaTrackerStatus;

/* What the tracker is asked for: whose, which audits, and the filters. The strings are
 * owned by the query (ca_tracker_query_free()). */
typedef struct
{
  char            *head_ref;        /* (nullable) a Head of Service's staff ID: only their
                                     * service areas; NULL: every service area */
  GDate            on;              /* the day actions are counted overdue against */
  gboolean         all_categories;  /* every Category 1–3 audit, not only Inadequate ones */
  CaTrackerStatus  status;
  char            *service_area;    /* (nullable) this service area alone, by name */
  char            *from_month;      /* (nullable) "YYYY-MM": submitted in this month or later */
  char            *to_month;        /* (nullable) "YYYY-MM": submitted in this month or earlier */
} CaTrackerQuery;

/* What the window reads at once: the rows, and the choices its filters offer. */
typedef struct
{
  GPtrArray *rows;           /* (element-type CaTrackerRow) the query's rows */
  char      *head_name;      /* (nullable) the name of the query's Head of Service */
  GStrv      service_areas;  /* the service areas of every audit followed for the query's
                              * person and categories (whatever the other filters), by name */
  char      *first_month;    /* (nullable) "YYYY-MM": the month of the first of them */
  char      *last_month;     /* (nullable) and of the last */
} CaTrackerList;

/* One escalation made (or, with dry_run, that would be). */
typedef struct
{
  gint64  audit_id;
  char   *case_ref;
  int     category;
  char   *deadline;
  char   *head_ref;    /* (nullable) no Head of Service above the case's team */
  char   *head_name;   /* (nullable) */
  char   *head_email;  /* (nullable); read by ca_tracker_store_load_escalation() only */
  char   *escalated_at; /* UTC timestamp; likewise */
  char   *reason;
} CaEscalation;

GQuark      ca_tracker_store_error_quark     (void);
void        ca_tracker_row_free              (CaTrackerRow   *row);
void        ca_escalation_free               (CaEscalation   *escalation);

CaTrackerQuery *ca_tracker_query_new         (const char     *head_ref,
                                              const GDate    *on,
                                              gboolean        all_categories);
CaTrackerQuery *ca_tracker_query_copy        (const CaTrackerQuery *query);
void        ca_tracker_query_free            (CaTrackerQuery *query);
void        ca_tracker_list_free             (CaTrackerList  *list);

GPtrArray  *ca_tracker_store_list            (CaDatabase     *database,
                                              const char     *head_ref,
                                              const GDate    *on,
                                              gboolean        all_categories,
                                              GError        **error);
GPtrArray  *ca_tracker_store_query           (CaDatabase     *database,
                                              const CaTrackerQuery *query,
                                              GError        **error);
CaTrackerList *ca_tracker_store_read         (CaDatabase     *database,
                                              const CaTrackerQuery *query,
                                              GError        **error);
CaEscalation *ca_tracker_store_load_escalation (CaDatabase   *database,
                                                gint64        audit_id,
                                                GError      **error);
GPtrArray  *ca_tracker_store_escalate        (CaDatabase     *database,
                                              GDateTime      *now,
                                              gboolean        dry_run,
                                              GError        **error);
gboolean    ca_tracker_store_check           (CaDatabase     *database,
                                              gint64          audit_id,
                                              const char     *staff_ref,
                                              const char     *note,
                                              GDateTime      *now,
                                              GError        **error);
gboolean    ca_tracker_store_sign_off        (CaDatabase     *database,
                                              gint64          audit_id,
                                              const char     *staff_ref,
                                              const GDate    *on,
                                              const char     *note,
                                              GError        **error);

void        ca_tracker_store_read_async      (CaDatabase          *database,
                                              const CaTrackerQuery *query,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
CaTrackerList *ca_tracker_store_read_finish  (GAsyncResult        *result,
                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaTrackerQuery, ca_tracker_query_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaTrackerList, ca_tracker_list_free)

G_END_DECLS
