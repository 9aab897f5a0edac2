// SPDX-License-Identifier: GPL-3.0-or-later
// What the parts of the demo generator share: the council being generated and their helpers.
#pragma once

#include "ca-bank-holidays.h"
#include "ca-bulk-store.h"
#include "ca-demo.h"
#include "ca-tool-store.h"
#include "core/ca-audit-rules.h"
#include "core/ca-grade.h"

G_BEGIN_DECLS

/* The data describes the programme as it stands on this day of the last month (or today, if
 * that is sooner): audits allocated on the 1st are then partly done, so the current month
 * shows every status. */
#define AS_OF_DAY_OF_MONTH 15

#define OPEN_CASES        2000   /* open at any one time (seed 01: "2000 children open") */
#define NEW_CASES         150    /* a month: with those open at the start, ≈ 2,000 a year */
#define MONTHLY_AUDITS    300
#define OTHERS_MODERATED  0.06   /* of the other audits, besides every Inadequate one: ≈ 20% */
#define TREND_POINTS      10.0   /* how far the grade profile improves over ten years */
#define EMAIL_DOMAIN      "dudley.example.gov.uk"
#define DEMO_USER         "demo"
#define RECENT_AUDITORS   4
#define PICK_TRIES        40

/* A holder who started before the first month of data. */
#define BEFORE_RANGE      (-100000)
#define STILL_IN_POST     G_MAXINT

#define PICK(g, array) ((array)[g_rand_int_range ((g)->rand, 0, (gint32) G_N_ELEMENTS (array))])

typedef char DayText[11];
typedef char StampText[21];

enum
{
  AREA_ASSESSMENT,
  AREA_DISABILITIES,
  AREA_SUPPORT_NORTH,
  AREA_SUPPORT_SOUTH,
  AREA_EARLY_HELP,
  AREA_LOOKED_AFTER,
  AREA_LEAVING_CARE,
  AREA_SEND,
  AREA_YOUTH_OFFENDING,
  AREA_FOSTERING,
  AREA_ADOPTION,
  AREA_MASH,
  AREA_QUALITY,
  N_AREAS
};

enum
{
  STATUS_EARLY_HELP,
  STATUS_CHILD_IN_NEED,
  STATUS_CHILD_PROTECTION,
  STATUS_LOOKED_AFTER,
  STATUS_CARE_LEAVER,
  STATUS_SEND,
  STATUS_OTHER,
  N_STATUSES
};

enum
{
  TOOL_STAGE_1,
  TOOL_DIP_SAMPLE,
  TOOL_CLOSURE,
  N_TOOLS
};

/* Section grades are kept for this many sections of a tool; any further ones (a council's
 * own version could have more) take the overall grade. */
#define MAX_SECTIONS 32

/* The sizes of the tables each part keeps to itself, which the generator holds ids for. */
#define N_LOCALITIES      5
#define N_AUDITOR_GROUPS  3
#define N_ETHNICITIES     20
#define N_DIP_SAMPLES     6

typedef struct
{
  guint staff;        /* index into Generator.staff */
  int   first_month;  /* BEFORE_RANGE for the holder when the data starts */
} Tenure;

typedef struct
{
  const char *role;
  int         team;        /* index into teams, or -1 */
  int         manager;     /* index into posts, or -1 */
  double      leave_rate;  /* chance each month that the holder leaves */
  GArray     *tenures;
} Post;

typedef struct
{
  char   *name;
  char   *email;
  guint   post;
  int     first_month;
  int     last_month;      /* STILL_IN_POST while active */
  gint64  id;
} Staff;

typedef struct
{
  char   *name;
  int     area;
  int     locality;
  int     group;           /* -1: not in an auditor group */
  int     manager_post;
  GArray *practice_manager_posts;
  GArray *worker_posts;
  gint64  id;
} Team;

typedef struct
{
  guint32 open_day;
  guint32 close_day;       /* 0 while open */
  int     team;
  int     locality;
  int     status;
  int     ethnicity;
  int     birth_months;    /* year × 12 + month − 1 */
  const char *gender;
  gboolean disability;
  gboolean restricted;
  guint   worker_post;
  guint   sequence;        /* creation order, to sort without ties */
  gint64  id;
  int     last_audit_month;
  guint   recent_auditors[RECENT_AUDITORS];
  int     recent_months[RECENT_AUDITORS];
  guint   n_recent;
} Case;

typedef struct
{
  guint post;
  guint staff;
  int   tool;
} Slot;

typedef struct
{
  guint32 allocation_day;
  guint32 return_day;
  guint32 briefing_day;
  gint64  entry_ids[2];    /* social-care, dip-sample */
} ProgrammeMonth;

/* One audit as it is being composed, before and while it is written. */
typedef struct
{
  Case          *file;
  guint          auditor;
  int            tool;
  int            month;
  gint64         id;
  CaAuditStatus  status;
  CaGrade        grade;
  int            category;
  guint32        allocation_day;
  guint32        due_day;
  guint32        audit_day;
  guint32        submit_day;
  int            submit_secs;
  guint32        review_day;
  int            review_secs;
  guint32        checked_day;
  int            checked_secs;
  guint          n_actions;
  guint          n_safeguarding;
  guint32        last_done_day;
  guint          n_done;         /* actions completed */
  guint          checker;        /* who checked the recommendations, when checked_day is set */
  const char    *checked_note;
  guint          worker;
  gboolean       joint;
  guint          team_manager;
  guint32        period_start_day;
  CaGrade        section_grades[MAX_SECTIONS];  /* by section index; NONE: not graded */
} Audit;

typedef struct
{
  CaDatabase          *database;
  CaBulkStore         *store;
  const CaDemoOptions *options;
  CaDemoProgressFunc   progress;
  gpointer             user_data;
  GCancellable        *cancellable;
  GRand               *rand;

  int                  first_year;
  int                  first_month;
  int                  n_months;
  guint32              first_day;
  guint32              as_of_day;

  CaHolidayCalendar   *calendar;

  gint64               area_ids[N_AREAS];
  gint64               locality_ids[N_LOCALITIES];
  gint64               group_ids[N_AUDITOR_GROUPS];
  double               area_quality[N_AREAS];
  double               ethnicity_weights[N_ETHNICITIES];
  gint64               tool_version_ids[N_TOOLS];
  gint64               dip_sample_version_ids[N_DIP_SAMPLES];
  CaToolDefinition    *definitions[N_TOOLS];
  CaToolDefinition    *dip_sample_definitions[N_DIP_SAMPLES];
  char                *dip_sample_focus[N_DIP_SAMPLES];
  char                *dip_sample_questions[N_DIP_SAMPLES];

  GArray              *teams;
  GArray              *posts;
  GArray              *staff;
  GArray              *cases;
  GArray              *cpp_posts;
  GHashTable          *emails;
  ProgrammeMonth      *programme;

  /* Escalations, checks and sign-offs (ca-demo-escalations.c), made when first needed. Their
   * draws come from a generator of their own, so that they change none of the others. */
  GRand               *tracking_rand;
  GRand               *actions_rand;   /* the actions' evidence and sign-offs */
  GHashTable         **line_managers;  /* by month: staff number → their line manager's */
  GHashTable          *heads;          /* the staff numbers of every Head of Service */
} Generator;

/* About nine tenths of the work is the audits, month by month. */
#define SETUP_SHARE 0.1


/* Random draws, calendar days, history rows and progress (ca-demo-draws.c) */
gboolean ca_demo_chance (Generator *g,
                         double     p);
int ca_demo_between (Generator *g,
                     int        low,
                     int        high);
guint ca_demo_pick_weighted (Generator    *g,
                             const double *weights,
                             guint         n);
double ca_demo_exponential (Generator *g,
                            double     mean);
guint ca_demo_pick_index (Generator *g,
                          GArray    *array);
guint32 ca_demo_make_day (int year,
                          int month,
                          int day_of_month);
void ca_demo_split_day (guint32  day,
                        int     *year,
                        int     *month,
                        int     *day_of_month);
void ca_demo_format_day (guint32  day,
                         DayText  text);
void ca_demo_format_stamp (guint32    day,
                           int        secs,
                           StampText  text);
void ca_demo_month_of_index (Generator *g,
                             int        index,
                             int       *year,
                             int       *month);
guint32 ca_demo_month_start (Generator *g,
                             int        index);
int ca_demo_month_index_of_day (Generator *g,
                                guint32    day);
gboolean ca_demo_is_working_day (Generator *g,
                                 guint32    day);
guint32 ca_demo_next_working_day (Generator *g,
                                  guint32    day);
guint32 ca_demo_add_working_days (Generator *g,
                                  guint32    day,
                                  int        n);
const char *ca_demo_day_text (guint32  day,
                              DayText  text);
const char *ca_demo_stamp_text (guint32    day,
                                int        secs,
                                StampText  text);
int ca_demo_office_time (Generator *g);
gboolean ca_demo_has_happened (Generator *g,
                               guint32    day);
gboolean ca_demo_record_change (Generator   *g,
                                guint32      day,
                                int          secs,
                                const char  *entity,
                                gint64       entity_id,
                                const char  *field,
                                const char  *old_value,
                                const char  *new_value,
                                GError     **error);
gboolean ca_demo_report_progress (Generator  *g,
                                  double      fraction,
                                  GError    **error);

/* Areas, teams, posts and staff (ca-demo-organisation.c) */
gboolean ca_demo_write_lists (Generator  *g,
                              GError    **error);
gboolean ca_demo_write_teams (Generator  *g,
                              GError    **error);
guint ca_demo_holder_at (Generator *g,
                         guint      post_index,
                         int        month);
gboolean ca_demo_write_staff (Generator  *g,
                              GError    **error);
gboolean ca_demo_write_line_managers (Generator  *g,
                                      GError    **error);
void ca_demo_format_staff_ref (guint  staff,
                               char  *text,
                               gsize  size);
int ca_demo_pick_team_in_area (Generator *g,
                               int        area);
void ca_demo_plan_organisation (Generator *g);

/* Cases and pen pictures (ca-demo-cases.c) */
void ca_demo_simulate_cases (Generator *g);
gboolean ca_demo_write_cases (Generator  *g,
                              GError    **error);
int ca_demo_age_at (const Case *file,
                    guint32     day);
char * ca_demo_compose_pen_picture (Generator   *g,
                                    const Audit *audit);

/* Tools and the programme (ca-demo-programme.c) */
gboolean ca_demo_write_tools (Generator  *g,
                              GError    **error);
gboolean ca_demo_write_programme (Generator  *g,
                                  GError    **error);
gint64 ca_demo_tool_version_of (Generator   *g,
                                const Audit *audit);
const CaToolDefinition * ca_demo_definition_of (Generator   *g,
                                                const Audit *audit);

/* Who audits which case, month by month (ca-demo-allocation.c) */
gboolean ca_demo_generate_audits (Generator  *g,
                                  GError    **error);

/* One audit, its answers, grades and history (ca-demo-audits.c) */
CaGrade ca_demo_vary_grade (Generator *g,
                            CaGrade    grade,
                            double     p_worse,
                            double     p_better);
void ca_demo_schedule_audit (Generator *g,
                             Audit     *audit,
                             gboolean   current_month);
CaGrade ca_demo_section_grade_of (const Audit         *audit,
                                  const CaToolSection *section,
                                  guint                index);
gboolean ca_demo_write_audit (Generator  *g,
                              Audit      *audit,
                              GError    **error);

/* Actions, manager responses and moderation (ca-demo-responses.c) */
gboolean ca_demo_write_action (Generator  *g,
                               Audit      *audit,
                               guint       index,
                               GError    **error);
gboolean ca_demo_write_manager_response (Generator  *g,
                                         Audit      *audit,
                                         GError    **error);
gboolean ca_demo_write_moderation (Generator  *g,
                                   Audit      *audit,
                                   GError    **error);

/* Who checked the recommendations, escalation and the Head of Service's sign-off
 * (ca-demo-escalations.c) */
void ca_demo_choose_checker (Generator *g,
                             Audit     *audit);
void ca_demo_follow_up_action (Generator     *g,
                               const Audit   *audit,
                               guint          owner,
                               guint32        done,
                               CaBulkAction  *row,
                               guint32       *signed_off_day);
gboolean ca_demo_write_tracking (Generator  *g,
                                 Audit      *audit,
                                 GError    **error);
void ca_demo_tracking_free (Generator *g);

G_END_DECLS
