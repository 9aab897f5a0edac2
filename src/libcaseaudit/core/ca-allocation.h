// SPDX-License-Identifier: GPL-3.0-or-later
// The monthly allocation (R-D1–R-D5): which cases are eligible, a seeded stratified sample,
// and an assignment of the sample to auditors that keeps every hard rule. Plain data in,
// plain data out: no database here.
#pragma once

#include <glib.h>

#include "ca-random.h"

G_BEGIN_DECLS

/* What happens to a restricted record (R-D2). */
typedef enum
{
  CA_RESTRICTED_EXCLUDE,   /* left out of the sample */
  CA_RESTRICTED_FLAG,      /* sampled like any other, marked "access request needed" */
} CaRestrictedPolicy;

/* How many cases to draw (R-D4). */
typedef enum
{
  CA_SAMPLE_PERCENT,   /* at least percent % of each team's eligible open cases, rounded up */
  CA_SAMPLE_FIXED,     /* a number for the whole run, shared out over the strata */
} CaSampleRule;

/* Strata beyond service area / team, which always apply (R-D4). */
typedef enum
{
  CA_STRATA_TEAM      = 0,
  CA_STRATA_ETHNICITY = 1 << 0,
  CA_STRATA_LOCALITY  = 1 << 1,
} CaStrataFlags;

/* Why an eligible-looking case is left out (R-D2), counted per reason. */
typedef enum
{
  CA_EXCLUSION_SERVICE_AREA,      /* its service area is not in the run */
  CA_EXCLUSION_NOT_OPEN_YET,      /* opened after the allocation date */
  CA_EXCLUSION_CLOSED,            /* closed more than closed_within_days before */
  CA_EXCLUSION_RECENTLY_AUDITED,  /* audited or allocated in the last 3 months */
  CA_EXCLUSION_RESTRICTED,        /* restricted, and the run leaves those out */
  CA_EXCLUSION_N
} CaExclusionReason;

/* Why a sampled case has no auditor (R-D5). */
typedef enum
{
  CA_BLOCK_NONE,
  CA_BLOCK_NO_AUDITORS,       /* nobody in the run can audit this month */
  CA_BLOCK_HARD_RULES,        /* no auditor passes the hard rules for this case */
  CA_BLOCK_CAPACITY,          /* some may, but the maximum assignment uses them all */
} CaAllocationBlock;

/* The run's settings. Dates count back from allocation_date. */
typedef struct
{
  char               *month;               /* "YYYY-MM" */
  GDate               allocation_date;
  char              **service_areas;       /* (nullable): names; NULL or empty = all */
  int                 closed_within_days;  /* default 90 */
  int                 recent_audit_months; /* default 3 */
  int                 repeat_months;       /* default 12 */
  CaRestrictedPolicy  restricted;
  CaSampleRule        sample_rule;
  int                 sample_percent;      /* default 10 */
  int                 fixed_count;         /* for CA_SAMPLE_FIXED */
  CaStrataFlags       strata;
  guint64             seed;
} CaAllocationSettings;

/* A case's earlier audit: who, and when (allocation date, or audit date if later). */
typedef struct
{
  gint64 auditor_id;
  GDate  date;
} CaAllocationPastAudit;

typedef struct
{
  gint64   id;
  char    *ref;
  gint64   team_id;
  char    *team;
  gint64   service_area_id;
  char    *service_area;
  gint64   locality_id;        /* 0 = none */
  char    *locality;          /* (nullable) */
  gint64   worker_id;          /* 0 = no allocated worker */
  GDate    open_date;
  GDate    close_date;         /* invalid (cleared) when open */
  gboolean restricted;
  char    *ethnicity;         /* (nullable) */
  GArray  *past_audits;       /* (element-type CaAllocationPastAudit) */
} CaAllocationCase;

typedef struct
{
  gint64  id;
  char   *ref;               /* the staff_ref scripts see */
  char   *name;
  char   *email;             /* (nullable) */
  gint64  team_id;           /* 0 = no team (e.g. the CPP) */
  char   *team;              /* (nullable) */
  gint64  locality_id;       /* 0 = none */
  char   *locality;          /* (nullable) */
  int     capacity;          /* still free this month */
} CaAllocationAuditor;

typedef struct
{
  CaAllocationSettings *settings;
  GPtrArray            *cases;      /* (element-type CaAllocationCase) */
  GPtrArray            *auditors;   /* (element-type CaAllocationAuditor) */
  GHashTable           *managers;   /* staff id → line manager id, both gint64 */
} CaAllocationInput;

/* One sampled case with its auditor. */
typedef struct
{
  gint64    case_id;
  char     *case_ref;
  gint64    auditor_id;
  char     *auditor_ref;
  char     *stratum;
  char     *reason;           /* why this case and why this auditor, for people */
  gboolean  access_request;   /* restricted: ask for access first */
  gboolean  same_locality;
} CaAllocationPick;

/* One sampled case that could not be placed. */
typedef struct
{
  gint64             case_id;
  char              *case_ref;
  char              *stratum;
  CaAllocationBlock  block;
  char              *reason;
} CaAllocationUnplaced;

/* A stratum's share of the sample. */
typedef struct
{
  char *label;
  guint eligible;
  guint eligible_open;
  guint sampled;
} CaAllocationStratum;

typedef struct
{
  GPtrArray *picks;      /* (element-type CaAllocationPick): by stratum, then case ref */
  GPtrArray *unplaced;   /* (element-type CaAllocationUnplaced): same order */
  GPtrArray *strata;     /* (element-type CaAllocationStratum): by label */
  guint      excluded[CA_EXCLUSION_N];
  guint      n_cases;         /* cases looked at */
  guint      n_eligible;
  guint      n_sampled;
  guint      n_auditors;      /* auditors with capacity left */
  guint      total_capacity;
  guint      n_same_locality;
} CaAllocationResult;

#define CA_ALLOCATION_ERROR (ca_allocation_error_quark ())

typedef enum
{
  CA_ALLOCATION_ERROR_INVALID,     /* settings that make no sense (bad month, negative days) */
} CaAllocationError;

GQuark                ca_allocation_error_quark        (void);

/* Settings */
CaAllocationSettings *ca_allocation_settings_new       (const char                  *month);
CaAllocationSettings *ca_allocation_settings_copy      (const CaAllocationSettings  *settings);
void                  ca_allocation_settings_free      (CaAllocationSettings        *settings);
gboolean              ca_allocation_parse_month        (const char                  *text,
                                                        GDate                       *first_day);
gboolean              ca_allocation_settings_validate  (const CaAllocationSettings  *settings,
                                                        GError                     **error);

const char           *ca_exclusion_reason_to_string    (CaExclusionReason            reason);
const char           *ca_exclusion_reason_to_label     (CaExclusionReason            reason);
const char           *ca_restricted_policy_to_string   (CaRestrictedPolicy           policy);
gboolean              ca_restricted_policy_from_string (const char                  *text,
                                                        CaRestrictedPolicy          *policy);

/* Inputs */
CaAllocationCase     *ca_allocation_case_new           (void);
void                  ca_allocation_case_add_audit     (CaAllocationCase            *file,
                                                        gint64                       auditor_id,
                                                        const GDate                 *date);
void                  ca_allocation_case_free          (CaAllocationCase            *file);
CaAllocationAuditor  *ca_allocation_auditor_new        (void);
void                  ca_allocation_auditor_free       (CaAllocationAuditor         *auditor);

CaAllocationInput    *ca_allocation_input_new          (const CaAllocationSettings  *settings);
void                  ca_allocation_input_free         (CaAllocationInput           *input);
void                  ca_allocation_input_take_case    (CaAllocationInput           *input,
                                                        CaAllocationCase            *file);
void                  ca_allocation_input_take_auditor (CaAllocationInput           *input,
                                                        CaAllocationAuditor         *auditor);
void                  ca_allocation_input_set_manager  (CaAllocationInput           *input,
                                                        gint64                       staff_id,
                                                        gint64                       manager_id);

/* Rules, one at a time (tests and explanations) */
gboolean              ca_allocation_in_management_chain (const CaAllocationInput    *input,
                                                         gint64                      worker_id,
                                                         gint64                      auditor_id);
gboolean              ca_allocation_may_audit          (const CaAllocationInput     *input,
                                                        const CaAllocationCase      *file,
                                                        const CaAllocationAuditor   *auditor,
                                                        const char                 **rule_out);
void                  ca_allocation_apportion          (const guint                 *sizes,
                                                        guint                        n,
                                                        guint                        total,
                                                        guint                       *shares);

/* The run */
CaAllocationResult   *ca_allocation_run                (const CaAllocationInput     *input,
                                                        GError                     **error);
void                  ca_allocation_result_free        (CaAllocationResult          *result);
void                  ca_allocation_pick_free          (CaAllocationPick            *pick);
void                  ca_allocation_unplaced_free      (CaAllocationUnplaced        *unplaced);
void                  ca_allocation_stratum_free       (CaAllocationStratum         *stratum);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaAllocationSettings, ca_allocation_settings_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaAllocationCase, ca_allocation_case_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaAllocationAuditor, ca_allocation_auditor_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaAllocationInput, ca_allocation_input_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaAllocationResult, ca_allocation_result_free)

G_END_DECLS
