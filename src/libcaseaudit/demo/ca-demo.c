// SPDX-License-Identifier: GPL-3.0-or-later
// Fills an empty database with a deterministic, realistic council: staff, cases, programme, audits.

#define G_LOG_DOMAIN "ca-demo"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ca-bank-holidays.h"
#include "ca-demo.h"
#include "ca-tool-store.h"
#include "core/ca-audit-rules.h"
#include "core/ca-grade.h"

/* The data describes the programme as it stands on this day of the last month: audits
 * allocated on the 1st are then partly done, so the current month shows every status. */
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

#define N_HEADS_OF_SERVICE 6

/* Team counts follow where the open cases are (about 35 per team). Each head of service
 * covers two or three areas; the first three report to one assistant director. */
static const struct
{
  const char *name;
  guint       n_teams;
  guint       n_service_managers;
  guint       head_of_service;
} areas[N_AREAS] = {
  [AREA_ASSESSMENT]      = { "Assessment & Intervention",  7,  2, 0 },
  [AREA_DISABILITIES]    = { "Children with Disabilities", 4,  1, 4 },
  [AREA_SUPPORT_NORTH]   = { "Family Support North",       5,  1, 1 },
  [AREA_SUPPORT_SOUTH]   = { "Family Support South",       5,  1, 1 },
  [AREA_EARLY_HELP]      = { "Early Help",                 8,  2, 2 },
  [AREA_LOOKED_AFTER]    = { "Looked After Children",      11, 2, 3 },
  [AREA_LEAVING_CARE]    = { "Leaving Care",               6,  1, 3 },
  [AREA_SEND]            = { "SEND",                       6,  1, 4 },
  [AREA_YOUTH_OFFENDING] = { "Youth Offending",            2,  1, 2 },
  [AREA_FOSTERING]       = { "Fostering",                  2,  1, 5 },
  [AREA_ADOPTION]        = { "Adoption",                   2,  1, 5 },
  [AREA_MASH]            = { "MASH",                       2,  1, 0 },
  /* Holds the reviewing officers and the Centre for Professional Practice: no cases. */
  [AREA_QUALITY]         = { "Quality Assurance & Review", 0,  1, 5 },
};

static const char * const localities[] = {
  "Dudley", "Brierley Hill", "Halesowen", "Stourbridge", "Sedgley",
};

static const char * const auditor_groups[] = { "Group A", "Group B", "Group C" };

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

/* Durations are exponential (ending at the leaving age), chosen so that NEW_CASES open
 * a month keep about OPEN_CASES open: the stock stays level over the years. */
static const struct
{
  const char *code;
  const char *plan;
  double      inflow;
  double      mean_months;
  int         min_age;
  int         max_age;
  double      area_weights[N_AREAS];
} legal_statuses[N_STATUSES] = {
  [STATUS_EARLY_HELP] = { "early-help", "an Early Help plan", 0.30, 7, 0, 15,
                          { [AREA_EARLY_HELP] = 1 } },
  [STATUS_CHILD_IN_NEED] = { "child-in-need", "a Child in Need plan", 0.30, 10, 0, 16,
                             { [AREA_ASSESSMENT] = 40, [AREA_SUPPORT_NORTH] = 20,
                               [AREA_SUPPORT_SOUTH] = 20, [AREA_DISABILITIES] = 15,
                               [AREA_MASH] = 5 } },
  [STATUS_CHILD_PROTECTION] = { "child-protection", "a Child Protection plan", 0.15, 13, 0, 15,
                                { [AREA_ASSESSMENT] = 30, [AREA_SUPPORT_NORTH] = 30,
                                  [AREA_SUPPORT_SOUTH] = 30, [AREA_DISABILITIES] = 10 } },
  [STATUS_LOOKED_AFTER] = { "looked-after", "a care plan as a looked after child", 0.10, 42, 0, 16,
                            { [AREA_LOOKED_AFTER] = 70, [AREA_DISABILITIES] = 10,
                              [AREA_ADOPTION] = 10, [AREA_FOSTERING] = 10 } },
  [STATUS_CARE_LEAVER] = { "care-leaver", "a pathway plan", 0.04, 36, 16, 17,
                           { [AREA_LEAVING_CARE] = 1 } },
  [STATUS_SEND] = { "send", "an Education, Health and Care plan", 0.07, 24, 2, 16,
                    { [AREA_SEND] = 1 } },
  [STATUS_OTHER] = { "other", "a support plan", 0.04, 8, 10, 17,
                     { [AREA_YOUTH_OFFENDING] = 60, [AREA_MASH] = 20, [AREA_FOSTERING] = 20 } },
};

/* DfE codes in roughly the mix of a Black Country borough's children's services. */
static const struct
{
  const char *code;
  double      weight;
} ethnicities[] = {
  { "WBRI", 72.0 }, { "WIRI", 0.5 }, { "WIRT", 0.3 }, { "WOTH", 3.5 }, { "WROM", 0.7 },
  { "MWBC", 4.5 }, { "MWBA", 1.0 }, { "MWAS", 2.0 }, { "MOTH", 2.5 }, { "AIND", 1.5 },
  { "APKN", 4.5 }, { "ABAN", 0.8 }, { "AOTH", 1.0 }, { "BCRB", 1.2 }, { "BAFR", 1.5 },
  { "BOTH", 0.5 }, { "CHNE", 0.2 }, { "OOTH", 1.0 }, { "REFU", 0.3 }, { "NOBT", 0.5 },
};

static const char * const first_names[] = {
  "Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophie", "Grace", "Lily", "Freya", "Ella",
  "Charlotte", "Jessica", "Hannah", "Rachel", "Sarah", "Laura", "Emma", "Claire", "Rebecca",
  "Katie", "Nicola", "Joanne", "Helen", "Karen", "Zoe", "Priya", "Aisha", "Fatima", "Nadia",
  "Sana", "Jasmine", "Chloe", "Megan", "Lucy", "Gemma", "Amy", "Leanne", "Donna", "Kirsty",
  "Natalie", "Oliver", "George", "Harry", "Jack", "Thomas", "James", "William", "Daniel",
  "Matthew", "Mark", "Paul", "Richard", "Andrew", "David", "Michael", "Stephen", "Gareth",
  "Ryan", "Imran", "Ravinder", "Mohammed", "Tariq", "Kwame", "Marcus", "Adam", "Ben", "Sam",
  "Liam", "Craig", "Simon",
};

static const char * const last_names[] = {
  "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
  "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards",
  "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood",
  "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King",
  "Baker", "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis",
  "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter",
  "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Khan", "Hussain", "Ali",
  "Begum", "Kaur", "Singh", "Ahmed", "Sharma", "Mensah", "Nowak",
};

enum
{
  TOOL_STAGE_1,
  TOOL_DIP_SAMPLE,
  TOOL_CLOSURE,
  N_TOOLS
};

/* The built-in tools the audits use (data/tools), found by code. A dip sample uses the
 * tool of its month's focus. */
static const char * const tool_codes[N_TOOLS] = {
  [TOOL_STAGE_1] = "stage-1",
  [TOOL_DIP_SAMPLE] = NULL,
  [TOOL_CLOSURE] = "closure",
};

/* The six focuses of seed 04's CPP dip sample programme, in its order: January and July
 * look at the MASH, February and August at assessment, and so on. */
static const char * const dip_sample_codes[] = {
  "dip-sample-mash", "dip-sample-assessment", "dip-sample-plans", "dip-sample-permanency",
  "dip-sample-exploitation", "dip-sample-iro",
};

/* Section grades are kept for this many sections of a tool; any further ones (a council's
 * own version could have more) take the overall grade. */
#define MAX_SECTIONS 32

/* How likely a Yes is in a section of each grade (CaGrade order, the first for none): an
 * Outstanding section meets nearly everything, an Inadequate one well under half. */
static const double yes_by_grade[] = { 0.9, 0.98, 0.9, 0.7, 0.45 };

/* NA where a tool allows it, said as an auditor would, about no child in particular. */
static const char * const na_reasons[] = {
  "Did not arise in the period reviewed.",
  "Not relevant to the child's circumstances in the period reviewed.",
  "Nothing of this kind happened in the period reviewed.",
};

/* Seed 02: a child need not be seen alone when under five or profoundly disabled; the
 * questions whose NA needs a reason are those. */
#define NA_UNDER_FIVE  "The child is under five."
#define NA_DISABILITY  "The child has a profound disability."

/* For free-text questions, which a council's own version of a tool may have: generic, so
 * that nobody is named. */
static const char * const text_answers[] = {
  "Evidenced on the child's record in the period reviewed.",
  "Partly evidenced; the case notes do not always show the reasons.",
  "Discussed with the allocated worker during the audit.",
  "Recorded in the latest assessment and plan.",
  "Some evidence in supervision records; the plan does not yet reflect it.",
};

/* The six themes of seed 04's social care programme, in its order: January is Plans, July
 * is Plans again. */
static const struct
{
  const char *focus;
  const char *training;
} themes[] = {
  { "Plans",
    "SMART Planning Training\nE-Person Education Plan Training\nPermanency Planning Training\n"
    "Independent Reviewing Officer Training\nResearch in Practice Drop in Clinics\n"
    "CPP Drop in Clinics\nRestorative Practice Training" },
  { "Supervision",
    "Core Skills Managers Training\nPractice Development Supervisor Programme\n"
    "Research in Practice Drop in Clinics\nCPP Drop in Clinics\nRestorative Practice Training" },
  { "9 Month Child Protection Plans / Pre Proceedings",
    "Assessment and Analysis Training\nDisguised Compliance Training\nNeglect Training\n"
    "Graded Care Profile 2 Training\nSMART Planning Training\nCPP Drop in Clinics" },
  { "Permanency Planning",
    "Permanency Planning Training\nAchieving Permanence Training\n"
    "Independent Reviewing Officer Training\nCPP Drop in Clinics" },
  { "Multi Agency / Direct Work in Assessments",
    "Assessment and Analysis Training\nLife Story Work Training\nTotal Respect Training\n"
    "Neglect Training\nCPP Drop in Clinics" },
  { "Decision-Making and Management Oversight",
    "Core Skills Managers Training\nPractice Development Supervisor Programme\n"
    "Independent Reviewing Officer Training\nSupervision Training – Strengthening Practice\n"
    "CPP Drop in Clinics" },
};

/* Pen pictures never name a child: age, status, household and what matters, no more. */
static const char * const status_situations[N_STATUSES][3] = {
  [STATUS_EARLY_HELP] = {
    "Support followed a Team Around the Family meeting.",
    "Lives with mother and two younger siblings; the family asked for help with routines.",
    "Referred by school after concerns about attendance and presentation." },
  [STATUS_CHILD_IN_NEED] = {
    "Supported after a single assessment identified unmet needs.",
    "Lives with father and his partner; parental mental health affects the care given.",
    "Referred by a health professional after concerns about home conditions." },
  [STATUS_CHILD_PROTECTION] = {
    "The plan is under the category of neglect.",
    "The plan is under the category of emotional abuse, with domestic abuse at home.",
    "The plan is under the category of physical abuse." },
  [STATUS_LOOKED_AFTER] = {
    "Living with foster carers in the borough.",
    "Placed with extended family under a care order.",
    "Living in a children's home outside the borough." },
  [STATUS_CARE_LEAVER] = {
    "Preparing for independence in supported accommodation.",
    "Living with former foster carers in a staying put arrangement.",
    "In education and planning a move to a first tenancy." },
  [STATUS_SEND] = {
    "Support is coordinated with school and health partners.",
    "Moving to a specialist school placement this year.",
    "The family has asked for a review of the short-break support." },
  [STATUS_OTHER] = {
    "Working with the youth offending service after an out-of-court disposal.",
    "Open for a short period of assessment following a referral.",
    "Support focuses on education, training and positive activities." },
};

/* English whatever the locale, so the same options give the same text everywhere. */
static const char * const month_names[] = {
  "January", "February", "March", "April", "May", "June", "July", "August", "September",
  "October", "November", "December",
};

static const char * const case_context[] = {
  "Has had three social workers in the last year.",
  "Friendships and hobbies matter a great deal to the child.",
  "School attendance has improved this term.",
  "Parental substance misuse is a long-standing concern.",
  "The family has moved home twice in the period.",
  "Health appointments are up to date.",
  "Contact with the wider family is important to the child.",
};

static const char * const done_well_phrases[] = {
  "The child's wishes and feelings are recorded in their own words.",
  "Visits are regular and within timescales.",
  "The assessment is thorough and analytical.",
  "Direct work with the child is creative and well recorded.",
  "The plan is SMART and reviewed regularly.",
  "Management oversight is clear, with the reasons for decisions.",
  "Partners attend meetings and share information well.",
  "Supervision records reflect on the child's lived experience.",
  "The chronology is up to date.",
  "The worker knows the child well and advocates for them.",
};

static const char * const audit_comments[] = {
  "The audit was completed jointly with the allocated worker, who agreed the actions.",
  "The worker reflected well on the child's journey during the audit.",
  "Records were easy to follow; case notes are timely.",
  "Some documents were saved in the wrong place on the record.",
};

static const struct
{
  const char *description;
  const char *impact;
} action_phrases[] = {
  { "Update the chronology to include all significant events.",
    "The child's history is clear to anyone who reads the file." },
  { "Complete direct work to capture the child's wishes and feelings.",
    "The child's voice shapes the plan." },
  { "Make the plan SMART, with named people and timescales.",
    "Everyone knows what must change for the child and by when." },
  { "Record management oversight and the reasons for decisions.",
    "Decisions are transparent and the child's journey is purposeful." },
  { "Update the assessment to reflect current circumstances.",
    "Support matches the child's current needs." },
  { "Hold a reflective supervision session about this child.",
    "The analysis improves and drift is avoided." },
  { "Invite health and education partners to the next review.",
    "Support is coordinated around the child." },
  { "Complete the life story work started in the period.",
    "The child understands their history." },
  { "Write to the child explaining the plan in words they understand.",
    "The child knows what is happening and why." },
  { "Review the contact arrangements with the family.",
    "Contact is safe and meets the child's needs." },
};

static const struct
{
  const char *description;
  const char *impact;
} safeguarding_actions[] = {
  { "Hold a strategy discussion about the current risks.",
    "Immediate risks are assessed and the child is protected." },
  { "Visit the child within five working days and see them alone.",
    "The child's safety and views are known now." },
  { "Review the safety plan with the family and partners.",
    "Risks to the child are understood and reduced." },
  { "Escalate to the Service Manager for a decision on next steps.",
    "A senior decision prevents further drift for the child." },
};

static const char * const responses[] = {
  "Discussed with the worker in supervision; the actions are on the team tracker.",
  "The worker will complete the direct work this month; progress checked in supervision.",
  "Actions agreed with the worker and recorded on the case; reviewed at the next core group.",
  "Additional time allocated to the worker to bring the record up to date.",
};

static const char * const stretch_targets[] = {
  "Every visit records the child's own words.",
  "The chronology is kept current after every significant event.",
  "Reflective supervision for this child every month.",
  "The plan is rewritten with the family in plain language.",
};

static const char * const decisions[] = {
  "Case to remain open under the current plan; progress reviewed in four weeks.",
  "Step down to Early Help to be considered at the next review.",
  "Plan strengthened after a strategy discussion.",
  "Case to be presented to the legal gateway meeting.",
};

static const char * const moderation_learning[] = {
  "Auditors should test the impact of the plan on the child, not only its completion.",
  "Good evidence of the child's voice; share the direct work as an example.",
  "Grades must follow the limiting judgements.",
  "Management oversight needs to show the reasons for decisions.",
  "The audit's actions were SMART and focused on the child.",
};

static const char * const moderation_participants[] = {
  "Auditor, moderator and allocated worker",
  "Auditor and moderator",
  "Auditor, moderator, allocated worker and team manager",
};

static const char * const moderation_further[] = {
  "Share the learning at the next team meeting.",
  "Follow-up audit of this case in three months.",
  "Auditor to attend the next manager audit workshop.",
};

/* The stored codes the form offers (R-F11): a telephone call, a home visit, a questionnaire. */
static const char * const feedback_methods[] = {
  CA_FEEDBACK_METHOD_TELEPHONE, CA_FEEDBACK_METHOD_FACE_TO_FACE, CA_FEEDBACK_METHOD_WRITTEN,
};

static const char * const feedback_summaries[] = {
  "The parent said the worker listens and explains decisions.",
  "The young person would like to see their worker more often.",
  "The family felt the plan was clear and the support helpful.",
  "The child said they feel safe at home now.",
};

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

typedef struct
{
  CaStatement *audit;
  CaStatement *section;
  CaStatement *answer;
  CaStatement *action;
  CaStatement *response;
  CaStatement *moderation;
  CaStatement *moderation_section;
} Statements;

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
  guint          worker;
  gboolean       joint;
  guint          team_manager;
  guint32        period_start_day;
  CaGrade        section_grades[MAX_SECTIONS];  /* by section index; NONE: not graded */
} Audit;

typedef struct
{
  CaDatabase          *database;
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
  gint64               locality_ids[G_N_ELEMENTS (localities)];
  gint64               group_ids[G_N_ELEMENTS (auditor_groups)];
  double               area_quality[N_AREAS];
  double               ethnicity_weights[G_N_ELEMENTS (ethnicities)];
  gint64               tool_version_ids[N_TOOLS];
  gint64               dip_sample_version_ids[G_N_ELEMENTS (dip_sample_codes)];
  CaToolDefinition    *definitions[N_TOOLS];
  CaToolDefinition    *dip_sample_definitions[G_N_ELEMENTS (dip_sample_codes)];
  char                *dip_sample_focus[G_N_ELEMENTS (dip_sample_codes)];
  char                *dip_sample_questions[G_N_ELEMENTS (dip_sample_codes)];

  GArray              *teams;
  GArray              *posts;
  GArray              *staff;
  GArray              *cases;
  GArray              *cpp_posts;
  GHashTable          *emails;
  ProgrammeMonth      *programme;
  Statements           statements;
} Generator;

G_DEFINE_QUARK (ca-demo-error-quark, ca_demo_error)

/* Random draws, all from the one seeded generator */

static gboolean
chance (Generator *g,
        double     p)
{
  return g_rand_double (g->rand) < p;
}

/* Inclusive at both ends. */
static int
between (Generator *g,
         int        low,
         int        high)
{
  return g_rand_int_range (g->rand, low, high + 1);
}

static guint
pick_weighted (Generator    *g,
               const double *weights,
               guint         n)
{
  double total = 0, x;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  x = g_rand_double (g->rand) * total;
  for (guint i = 0; i < n; i++)
    {
      if (x < weights[i])
        return i;
      x -= weights[i];
    }
  return n - 1;
}

static double
exponential (Generator *g,
             double     mean)
{
  return -mean * log (1.0 - g_rand_double (g->rand));
}

static guint
pick_index (Generator *g,
            GArray    *array)
{
  return g_array_index (array, guint, g_rand_int_range (g->rand, 0, (gint32) array->len));
}

/* Calendar days as GDate Julian day numbers: plain integers to add and compare */

static guint32
make_day (int year,
          int month,
          int day_of_month)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day_of_month, month, year);
  return g_date_get_julian (&date);
}

static void
split_day (guint32  day,
           int     *year,
           int     *month,
           int     *day_of_month)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  *year = g_date_get_year (&date);
  *month = g_date_get_month (&date);
  if (day_of_month != NULL)
    *day_of_month = g_date_get_day (&date);
}

static void
format_day (guint32  day,
            DayText  text)
{
  int year, month, day_of_month;

  split_day (day, &year, &month, &day_of_month);
  g_snprintf (text, sizeof (DayText), "%04d-%02d-%02d", year, month, day_of_month);
}

static void
format_stamp (guint32    day,
              int        secs,
              StampText  text)
{
  int year, month, day_of_month;

  split_day (day, &year, &month, &day_of_month);
  g_snprintf (text, sizeof (StampText), "%04d-%02d-%02dT%02d:%02d:%02dZ",
              year, month, day_of_month, secs / 3600, secs / 60 % 60, secs % 60);
}

static void
month_of_index (Generator *g,
                int        index,
                int       *year,
                int       *month)
{
  int months = g->first_month - 1 + index;

  *year = g->first_year + months / 12;
  *month = months % 12 + 1;
}

static guint32
month_start (Generator *g,
             int        index)
{
  int year, month;

  month_of_index (g, index, &year, &month);
  return make_day (year, month, 1);
}

/* Negative before the data starts; beyond the last month after it. */
static int
month_index_of_day (Generator *g,
                    guint32    day)
{
  int year, month;

  split_day (day, &year, &month, NULL);
  return (year - g->first_year) * 12 + (month - g->first_month);
}

/* Working days come from the same England and Wales calendar as every deadline: the
 * rules, and the official table where it covers the year. Days here are GDate Julian
 * day numbers. */

static gboolean
is_working_day (Generator *g,
                guint32    day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  return ca_holiday_calendar_is_working_day (g->calendar, &date);
}

static guint32
next_working_day (Generator *g,
                  guint32    day)
{
  while (!is_working_day (g, day))
    day++;
  return day;
}

static guint32
add_working_days (Generator *g,
                  guint32    day,
                  int        n)
{
  GDate from, result;

  g_date_clear (&from, 1);
  g_date_clear (&result, 1);
  g_date_set_julian (&from, day);
  ca_working_days_add (g->calendar, &from, (guint) n, &result);
  return g_date_get_julian (&result);
}

/* Office hours, as seconds into the day (UTC, close enough to UK time for demo data). */
static int
office_time (Generator *g)
{
  return between (g, 8 * 3600 + 30 * 60, 17 * 3600 + 30 * 60);
}

/* Only what happened before the data's "today" is recorded as done. */
static gboolean
has_happened (Generator *g,
              guint32    day)
{
  return day != 0 && day < g->as_of_day;
}

/* Binding helpers */

static void
bind_day (CaStatement *stmt,
          int          index,
          guint32      day)
{
  DayText text;

  if (day == 0)
    {
      ca_statement_bind_null (stmt, index);
      return;
    }
  format_day (day, text);
  ca_statement_bind_text (stmt, index, text);
}

static void
bind_stamp (CaStatement *stmt,
            int          index,
            guint32      day,
            int          secs)
{
  StampText text;

  if (day == 0)
    {
      ca_statement_bind_null (stmt, index);
      return;
    }
  format_stamp (day, secs, text);
  ca_statement_bind_text (stmt, index, text);
}

static void
bind_id (CaStatement *stmt,
         int          index,
         gint64       id)
{
  if (id == 0)
    ca_statement_bind_null (stmt, index);
  else
    ca_statement_bind_int64 (stmt, index, id);
}

/* Runs a statement that returns one id, then resets it for reuse; 0 when no row. */
static gboolean
query_id (CaStatement  *stmt,
          gint64       *id,
          GError      **error)
{
  gboolean has_row = FALSE;

  if (!ca_statement_step (stmt, &has_row, error))
    return FALSE;
  *id = has_row ? ca_statement_get_int64 (stmt, 0) : 0;
  ca_statement_reset (stmt);
  return TRUE;
}

/* History rows are dated by the generated calendar, never by the clock, so the same
 * options give the same database. */
static gboolean
record_change (Generator   *g,
               guint32      day,
               int          secs,
               const char  *entity,
               gint64       entity_id,
               const char  *field,
               const char  *old_value,
               const char  *new_value,
               GError     **error)
{
  StampText stamp;

  format_stamp (day, secs, stamp);
  return ca_database_record_change (g->database, stamp, entity, entity_id, field,
                                    old_value, new_value, error);
}

/* Progress and cancellation, checked between months: never in the middle of one */

static gboolean
report_progress (Generator  *g,
                 double      fraction,
                 GError    **error)
{
  if (g->progress != NULL)
    g->progress (fraction, g->user_data);
  return !g_cancellable_set_error_if_cancelled (g->cancellable, error);
}

/* Setup and teardown */

static void
clear_statements (Statements *statements)
{
  g_clear_pointer (&statements->audit, ca_statement_free);
  g_clear_pointer (&statements->section, ca_statement_free);
  g_clear_pointer (&statements->answer, ca_statement_free);
  g_clear_pointer (&statements->action, ca_statement_free);
  g_clear_pointer (&statements->response, ca_statement_free);
  g_clear_pointer (&statements->moderation, ca_statement_free);
  g_clear_pointer (&statements->moderation_section, ca_statement_free);
}

static void
clear_post (gpointer data)
{
  Post *post = data;

  g_clear_pointer (&post->tenures, g_array_unref);
}

static void
clear_staff (gpointer data)
{
  Staff *staff = data;

  g_clear_pointer (&staff->name, g_free);
  g_clear_pointer (&staff->email, g_free);
}

static void
clear_team (gpointer data)
{
  Team *team = data;

  g_clear_pointer (&team->name, g_free);
  g_clear_pointer (&team->practice_manager_posts, g_array_unref);
  g_clear_pointer (&team->worker_posts, g_array_unref);
}

static void
generator_free (Generator *g)
{
  clear_statements (&g->statements);
  g_clear_pointer (&g->rand, g_rand_free);
  g_clear_pointer (&g->calendar, ca_holiday_calendar_unref);
  g_clear_pointer (&g->programme, g_free);
  g_clear_pointer (&g->teams, g_array_unref);
  g_clear_pointer (&g->posts, g_array_unref);
  g_clear_pointer (&g->staff, g_array_unref);
  g_clear_pointer (&g->cases, g_array_unref);
  g_clear_pointer (&g->cpp_posts, g_array_unref);
  g_clear_pointer (&g->emails, g_hash_table_unref);
  for (guint i = 0; i < G_N_ELEMENTS (dip_sample_codes); i++)
    {
      g_clear_pointer (&g->dip_sample_focus[i], g_free);
      g_clear_pointer (&g->dip_sample_questions[i], g_free);
      g_clear_pointer (&g->dip_sample_definitions[i], ca_tool_definition_free);
    }
  for (guint i = 0; i < N_TOOLS; i++)
    g_clear_pointer (&g->definitions[i], ca_tool_definition_free);
  g_clear_object (&g->database);
  g_clear_object (&g->cancellable);
  g_free (g);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Generator, generator_free)

static Generator *
generator_new (CaDatabase          *database,
               const CaDemoOptions *options,
               CaDemoProgressFunc   progress,
               gpointer             user_data,
               GCancellable        *cancellable)
{
  Generator *g = g_new0 (Generator, 1);
  int first = options->until_year * 12 + options->until_month - 1 - (int) options->years * 12 + 1;

  g->database = g_object_ref (database);
  g->options = options;
  g->progress = progress;
  g->user_data = user_data;
  g->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g->rand = g_rand_new_with_seed (options->seed);

  g->first_year = first / 12;
  g->first_month = first % 12 + 1;
  g->n_months = (int) options->years * 12;
  g->first_day = month_start (g, 0);
  g->as_of_day = make_day (options->until_year, options->until_month, AS_OF_DAY_OF_MONTH);

  g->teams = g_array_new (FALSE, TRUE, sizeof (Team));
  g_array_set_clear_func (g->teams, clear_team);
  g->posts = g_array_new (FALSE, TRUE, sizeof (Post));
  g_array_set_clear_func (g->posts, clear_post);
  g->staff = g_array_new (FALSE, TRUE, sizeof (Staff));
  g_array_set_clear_func (g->staff, clear_staff);
  g->cases = g_array_new (FALSE, TRUE, sizeof (Case));
  g->cpp_posts = g_array_new (FALSE, FALSE, sizeof (guint));
  g->emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g->programme = g_new0 (ProgrammeMonth, g->n_months);
  for (guint i = 0; i < G_N_ELEMENTS (ethnicities); i++)
    g->ethnicity_weights[i] = ethnicities[i].weight;

  return g;
}

static gboolean
check_options (const CaDemoOptions  *options,
               GError              **error)
{
  if (options->years == 0 || options->years > CA_DEMO_MAX_YEARS)
    {
      g_set_error (error, CA_DEMO_ERROR, CA_DEMO_ERROR_INVALID_OPTIONS,
                   _("Demo data can cover from 1 to %d years, not %u."),
                   CA_DEMO_MAX_YEARS, options->years);
      return FALSE;
    }
  if (options->until_month < 1 || options->until_month > 12 ||
      options->until_year < 1970 || options->until_year > 9000)
    {
      g_set_error (error, CA_DEMO_ERROR, CA_DEMO_ERROR_INVALID_OPTIONS,
                   _("The last month of demo data must be a month from 1970 to 9000, such as "
                     "2021-12 (not %d-%02d)."), options->until_year, options->until_month);
      return FALSE;
    }
  return TRUE;
}

/* Demo data mixed with real records would be misleading and could be mistaken for them. */
static gboolean
check_empty (Generator  *g,
             GError    **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  gint64 found = 0;

  stmt = ca_database_prepare (g->database,
                              "SELECT EXISTS (SELECT 1 FROM case_file) "
                              "    OR EXISTS (SELECT 1 FROM staff) "
                              "    OR EXISTS (SELECT 1 FROM team)", error);
  if (stmt == NULL || !query_id (stmt, &found, error))
    return FALSE;

  if (found)
    {
      g_set_error_literal (error, CA_DEMO_ERROR, CA_DEMO_ERROR_NOT_EMPTY,
                           _("The database already holds data: demo data can only be added "
                             "to an empty database."));
      return FALSE;
    }
  return TRUE;
}

/* Organisation: service areas, localities, groups and teams (R-A1) */

/* The lists are editable and may already hold some names: reuse those rather than fail. */
static gboolean
ensure_named (Generator   *g,
              const char  *insert_sql,
              const char  *select_sql,
              const char  *name,
              gint64      *id,
              GError     **error)
{
  g_autoptr(CaStatement) insert = ca_database_prepare (g->database, insert_sql, error);
  g_autoptr(CaStatement) select = NULL;

  if (insert == NULL)
    return FALSE;
  ca_statement_bind_text (insert, 1, name);
  if (!ca_statement_run (insert, error))
    return FALSE;

  select = ca_database_prepare (g->database, select_sql, error);
  if (select == NULL)
    return FALSE;
  ca_statement_bind_text (select, 1, name);
  return query_id (select, id, error);
}

static gboolean
write_lists (Generator  *g,
             GError    **error)
{
  for (guint i = 0; i < N_AREAS; i++)
    if (!ensure_named (g,
                       "INSERT INTO service_area (name) VALUES (?) ON CONFLICT (name) DO NOTHING",
                       "SELECT id FROM service_area WHERE name = ?",
                       areas[i].name, &g->area_ids[i], error))
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (localities); i++)
    if (!ensure_named (g, "INSERT INTO locality (name) VALUES (?) ON CONFLICT (name) DO NOTHING",
                       "SELECT id FROM locality WHERE name = ?",
                       localities[i], &g->locality_ids[i], error))
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (auditor_groups); i++)
    if (!ensure_named (g,
                       "INSERT INTO auditor_group (name) VALUES (?) ON CONFLICT (name) DO NOTHING",
                       "SELECT id FROM auditor_group WHERE name = ?",
                       auditor_groups[i], &g->group_ids[i], error))
      return FALSE;

  return TRUE;
}

static guint
add_team (Generator  *g,
          const char *name,
          int         area,
          int         locality,
          int         group)
{
  Team team = { 0 };

  team.name = g_strdup (name);
  team.area = area;
  team.locality = locality;
  team.group = group;
  team.manager_post = -1;
  team.practice_manager_posts = g_array_new (FALSE, FALSE, sizeof (guint));
  team.worker_posts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (g->teams, team);
  return g->teams->len - 1;
}

/* Named after area and locality, numbered when an area has two teams in one place. */
static void
plan_teams (Generator *g)
{
  guint n_case_teams = 0;

  for (int area = 0; area < N_AREAS; area++)
    {
      guint per_locality[G_N_ELEMENTS (localities)] = { 0 };

      for (guint t = 0; t < areas[area].n_teams; t++)
        {
          int locality = (area + (int) t) % (int) G_N_ELEMENTS (localities);
          g_autofree char *name = NULL;

          if (++per_locality[locality] == 1)
            name = g_strdup_printf ("%s %s", areas[area].name, localities[locality]);
          else
            name = g_strdup_printf ("%s %s %u", areas[area].name, localities[locality],
                                    per_locality[locality]);
          add_team (g, name, area, locality,
                    (int) (n_case_teams++ % G_N_ELEMENTS (auditor_groups)));
        }
    }

  /* Audit across the whole service, so in no group. */
  add_team (g, "Independent Reviewing Service", AREA_QUALITY, 0, -1);
  add_team (g, "Centre for Professional Practice", AREA_QUALITY, 0, -1);
}

static gboolean
write_teams (Generator  *g,
             GError    **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (g->database,
                              "INSERT INTO team (name, service_area_id, locality_id, "
                              "auditor_group_id) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < g->teams->len; i++)
    {
      Team *team = &g_array_index (g->teams, Team, i);

      ca_statement_bind_text (stmt, 1, team->name);
      ca_statement_bind_int64 (stmt, 2, g->area_ids[team->area]);
      ca_statement_bind_int64 (stmt, 3, g->locality_ids[team->locality]);
      bind_id (stmt, 4, team->group >= 0 ? g->group_ids[team->group] : 0);
      if (!ca_statement_run (stmt, error))
        return FALSE;
      team->id = ca_database_last_insert_id (g->database);
    }
  return TRUE;
}

/* Staff: posts in a line-management tree, and the people who hold them over time (R-A2) */

static guint
add_post (Generator  *g,
          const char *role,
          int         team,
          int         manager,
          double      leave_rate)
{
  Post post = { role, team, manager, leave_rate, NULL };

  post.tenures = g_array_new (FALSE, FALSE, sizeof (Tenure));
  g_array_append_val (g->posts, post);
  return g->posts->len - 1;
}

static void
add_team_posts (Generator *g,
                guint      team_index,
                guint      manager)
{
  Team *team = &g_array_index (g->teams, Team, team_index);
  guint n_workers = (guint) between (g, 5, 9);
  guint n_practice_managers = n_workers >= 8 ? 2 : 1;
  guint team_manager = add_post (g, "team-manager", (int) team_index, (int) manager, 0.009);

  team->manager_post = (int) team_manager;
  for (guint i = 0; i < n_practice_managers; i++)
    {
      guint post = add_post (g, "practice-manager", (int) team_index, (int) team_manager, 0.009);

      g_array_append_val (team->practice_manager_posts, post);
    }
  for (guint i = 0; i < n_workers; i++)
    {
      guint supervisor = g_array_index (team->practice_manager_posts, guint,
                                        i % n_practice_managers);
      guint post = add_post (g, "practitioner", (int) team_index, (int) supervisor, 0.013);

      g_array_append_val (team->worker_posts, post);
    }
}

static void
add_quality_posts (Generator *g,
                   guint      service_manager,
                   guint      head_of_service)
{
  guint reviewing = g->teams->len - 2, cpp = g->teams->len - 1;
  guint iro_manager = add_post (g, "team-manager", (int) reviewing, (int) service_manager, 0.009);
  guint lead, lead_auditor;

  g_array_index (g->teams, Team, reviewing).manager_post = (int) iro_manager;
  for (guint i = 0; i < 14; i++)
    add_post (g, "iro", (int) reviewing, (int) iro_manager, 0.008);

  /* Seed 01: a Lead for Professional Practice, a Lead Auditor and five Advanced Practitioners. */
  lead = add_post (g, "lead-professional", (int) cpp, (int) head_of_service, 0.008);
  g_array_index (g->teams, Team, cpp).manager_post = (int) lead;
  g_array_append_val (g->cpp_posts, lead);
  lead_auditor = add_post (g, "lead-auditor", (int) cpp, (int) lead, 0.008);
  g_array_append_val (g->cpp_posts, lead_auditor);
  for (guint i = 0; i < 5; i++)
    {
      guint post = add_post (g, "advanced-practitioner", (int) cpp, (int) lead_auditor, 0.008);

      g_array_append_val (g->cpp_posts, post);
    }
}

static void
plan_posts (Generator *g)
{
  guint director = add_post (g, "strategic-director", -1, -1, 0.005);
  guint assistants[2], heads[N_HEADS_OF_SERVICE];
  guint team_index = 0;

  for (guint i = 0; i < G_N_ELEMENTS (assistants); i++)
    assistants[i] = add_post (g, "assistant-director", -1, (int) director, 0.006);
  for (guint i = 0; i < N_HEADS_OF_SERVICE; i++)
    heads[i] = add_post (g, "head-of-service", -1, (int) assistants[i / 3], 0.007);

  /* Teams were planned area by area, so each area's teams are consecutive. */
  for (int area = 0; area < N_AREAS; area++)
    {
      guint head = heads[areas[area].head_of_service];
      guint managers[2] = { 0, 0 };

      for (guint i = 0; i < areas[area].n_service_managers; i++)
        managers[i] = add_post (g, "service-manager", -1, (int) head, 0.008);
      for (guint t = 0; t < areas[area].n_teams; t++, team_index++)
        add_team_posts (g, team_index, managers[t % areas[area].n_service_managers]);
      if (area == AREA_QUALITY)
        add_quality_posts (g, managers[0], head);
    }
}

static char *
make_email (Generator  *g,
            const char *first,
            const char *last)
{
  g_autofree char *base = g_ascii_strdown (first, -1);
  g_autofree char *surname = g_ascii_strdown (last, -1);
  char *local = g_strdup_printf ("%s.%s", base, surname);

  /* Two people with one name get first.last2, first.last3, … as councils do. */
  for (guint n = 2; g_hash_table_contains (g->emails, local); n++)
    {
      g_free (local);
      local = g_strdup_printf ("%s.%s%u", base, surname, n);
    }
  g_hash_table_add (g->emails, local);
  return g_strconcat (local, "@" EMAIL_DOMAIN, NULL);
}

static void
start_tenure (Generator *g,
              guint      post_index,
              int        month)
{
  Post *post = &g_array_index (g->posts, Post, post_index);
  const char *first = PICK (g, first_names);
  const char *last = PICK (g, last_names);
  Staff staff = { 0 };
  Tenure tenure = { g->staff->len, month };

  if (post->tenures->len > 0)
    {
      Tenure *previous = &g_array_index (post->tenures, Tenure, post->tenures->len - 1);

      g_array_index (g->staff, Staff, previous->staff).last_month = month - 1;
    }

  staff.name = g_strdup_printf ("%s %s", first, last);
  staff.email = make_email (g, first, last);
  staff.post = post_index;
  staff.first_month = month;
  staff.last_month = STILL_IN_POST;
  g_array_append_val (g->staff, staff);
  g_array_append_val (post->tenures, tenure);
}

/* Staff turnover: people leave and are replaced, about 15% a year among practitioners.
 * The staff array ends up in joining order, which gives the staff references. */
static void
simulate_turnover (Generator *g)
{
  for (guint p = 0; p < g->posts->len; p++)
    start_tenure (g, p, BEFORE_RANGE);

  for (int month = 1; month < g->n_months; month++)
    for (guint p = 0; p < g->posts->len; p++)
      if (chance (g, g_array_index (g->posts, Post, p).leave_rate))
        start_tenure (g, p, month);
}

static guint
holder_at (Generator *g,
           guint      post_index,
           int        month)
{
  GArray *tenures = g_array_index (g->posts, Post, post_index).tenures;

  for (guint i = tenures->len; i > 0; i--)
    {
      Tenure *tenure = &g_array_index (tenures, Tenure, i - 1);

      if (tenure->first_month <= month)
        return tenure->staff;
    }
  return g_array_index (tenures, Tenure, 0).staff;
}

static gboolean
write_staff (Generator  *g,
             GError    **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (g->database,
                              "INSERT INTO staff (staff_ref, name, email, role_code, team_id, "
                              "active) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < g->staff->len; i++)
    {
      Staff *staff = &g_array_index (g->staff, Staff, i);
      Post *post = &g_array_index (g->posts, Post, staff->post);
      g_autofree char *ref = g_strdup_printf ("S%05u", i + 1);

      ca_statement_bind_text (stmt, 1, ref);
      ca_statement_bind_text (stmt, 2, staff->name);
      ca_statement_bind_text (stmt, 3, staff->email);
      ca_statement_bind_text (stmt, 4, post->role);
      bind_id (stmt, 5, post->team >= 0 ? g_array_index (g->teams, Team, post->team).id : 0);
      ca_statement_bind_int64 (stmt, 6, staff->last_month == STILL_IN_POST);
      if (!ca_statement_run (stmt, error))
        return FALSE;
      staff->id = ca_database_last_insert_id (g->database);
    }
  return TRUE;
}

/* A second pass, because a manager may have joined after the people they now manage.
 * Leavers keep the manager they had when they left. */
static gboolean
write_line_managers (Generator  *g,
                     GError    **error)
{
  g_autoptr(CaStatement) stmt = NULL;

  stmt = ca_database_prepare (g->database,
                              "UPDATE staff SET line_manager_id = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < g->staff->len; i++)
    {
      Staff *staff = &g_array_index (g->staff, Staff, i);
      Post *post = &g_array_index (g->posts, Post, staff->post);
      int month = MIN (staff->last_month, g->n_months - 1);
      guint manager;

      if (post->manager < 0)
        continue;
      manager = holder_at (g, (guint) post->manager, month);
      ca_statement_bind_int64 (stmt, 1, g_array_index (g->staff, Staff, manager).id);
      ca_statement_bind_int64 (stmt, 2, staff->id);
      if (!ca_statement_run (stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Cases (R-B1) */

static int
pick_team_in_area (Generator *g,
                   int        area)
{
  guint first = 0;

  for (int a = 0; a < area; a++)
    first += areas[a].n_teams;
  return (int) first + between (g, 0, (int) areas[area].n_teams - 1);
}

/* Children's services end at 18; support for care leavers goes on to 21. */
static int
leaving_age (int status)
{
  return status == STATUS_CARE_LEAVER ? 21 : 18;
}

/* The child's age when the case opened, within the status's range and young enough to
 * still be open @months_before the data starts; never born after the case opened. */
static int
draw_birth_months (Generator *g,
                   int        status,
                   guint32    open_day,
                   double     months_before)
{
  int min_age = legal_statuses[status].min_age;
  int max_age = MIN (legal_statuses[status].max_age,
                     leaving_age (status) - 1 - (int) ceil (months_before / 12));
  int year, month, age;

  split_day (open_day, &year, &month, NULL);
  age = between (g, min_age, MAX (min_age, max_age));
  return year * 12 + month - 1 - age * 12 - between (g, 0, 11);
}

static void
add_case (Generator *g,
          int        status,
          guint32    open_day,
          double     months_open,
          double     months_before)
{
  Case file = { 0 };
  Team *team;
  guint32 close_day = open_day + MAX (7u, (guint32) (months_open * 30.44));
  guint32 leave_day;

  file.status = status;
  file.open_day = open_day;
  file.birth_months = draw_birth_months (g, status, open_day, months_before);
  leave_day = make_day (file.birth_months / 12 + leaving_age (status),
                        file.birth_months % 12 + 1, 1);
  close_day = MIN (close_day, leave_day);
  /* Rounding must not close a case that was open when the data starts before then. */
  if (open_day < g->first_day)
    close_day = MAX (close_day, g->first_day);
  file.close_day = close_day < g->as_of_day ? close_day : 0;

  file.team = pick_team_in_area (g, (int) pick_weighted (g, legal_statuses[status].area_weights,
                                                         N_AREAS));
  team = &g_array_index (g->teams, Team, file.team);
  file.locality = chance (g, 0.85) ? team->locality
                                   : between (g, 0, G_N_ELEMENTS (localities) - 1);
  file.worker_post = pick_index (g, team->worker_posts);
  file.ethnicity = (int) pick_weighted (g, g->ethnicity_weights, G_N_ELEMENTS (ethnicities));
  file.gender = chance (g, 0.52) ? "male" : chance (g, 0.98) ? "female"
                                 : chance (g, 0.3) ? "other" : "unknown";
  file.disability = chance (g, team->area == AREA_DISABILITIES ? 0.9 : 0.025);
  file.restricted = chance (g, 0.01);
  file.sequence = g->cases->len;
  file.last_audit_month = G_MININT / 2;
  g_array_append_val (g->cases, file);
}

static double
stock_weight (int status)
{
  return legal_statuses[status].inflow * legal_statuses[status].mean_months;
}

/* Start in the steady state: the cases already open when the data begins, then new
 * ones each month. Exponential durations keep the open stock near OPEN_CASES. */
static void
simulate_cases (Generator *g)
{
  double stock[N_STATUSES], inflow[N_STATUSES];
  double monthly = NEW_CASES;

  for (int s = 0; s < N_STATUSES; s++)
    {
      stock[s] = stock_weight (s);
      inflow[s] = legal_statuses[s].inflow;
    }

  for (guint i = 0; i < OPEN_CASES; i++)
    {
      int status = (int) pick_weighted (g, stock, N_STATUSES);
      double mean = legal_statuses[status].mean_months;
      /* Drawn before MIN (), which evaluates its arguments twice. */
      double drawn = exponential (g, mean);
      double limit = 12.0 * MIN (10, leaving_age (status) - 1 - legal_statuses[status].min_age);
      double age = MIN (drawn, limit);
      guint32 open_day = g->first_day - 1 - (guint32) (age * 30.44);

      add_case (g, status, open_day, age + exponential (g, mean), age);
    }

  for (int m = 0; m < g->n_months; m++)
    {
      guint32 start = month_start (g, m), days = month_start (g, m + 1) - start;
      int n = (int) lround (monthly + (g_rand_double (g->rand) * 2 - 1) * sqrt (monthly));

      for (int i = 0; i < n; i++)
        {
          int status = (int) pick_weighted (g, inflow, N_STATUSES);
          guint32 day = start + (guint32) between (g, 0, (int) days - 1);

          if (day >= g->as_of_day)
            continue;
          add_case (g, status, day, exponential (g, legal_statuses[status].mean_months), 0);
        }
    }
}

static int
compare_cases (gconstpointer a,
               gconstpointer b)
{
  const Case *x = a, *y = b;

  if (x->open_day != y->open_day)
    return x->open_day < y->open_day ? -1 : 1;
  return x->sequence < y->sequence ? -1 : x->sequence > y->sequence;
}

static guint
case_worker (Generator  *g,
             const Case *file)
{
  guint32 day = file->close_day != 0 ? file->close_day : g->as_of_day;

  return holder_at (g, file->worker_post, month_index_of_day (g, day));
}

static gboolean
write_cases (Generator  *g,
             GError    **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  guint ref = (guint) between (g, 100000, 150000);

  /* References grow with the open date, as a case management system issues them. */
  g_array_sort (g->cases, compare_cases);

  stmt = ca_database_prepare (g->database,
                              "INSERT INTO case_file (case_ref, team_id, locality_id, "
                              "allocated_worker_id, open_date, close_date, legal_status, "
                              "ethnicity, birth_month, gender, disability, restricted) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < g->cases->len; i++)
    {
      Case *file = &g_array_index (g->cases, Case, i);
      char case_ref[16], birth[8];
      guint worker = case_worker (g, file);

      ref += (guint) between (g, 1, 4);
      g_snprintf (case_ref, sizeof case_ref, "CA-%06u", ref);
      g_snprintf (birth, sizeof birth, "%04d-%02d", file->birth_months / 12,
                  file->birth_months % 12 + 1);

      ca_statement_bind_text (stmt, 1, case_ref);
      ca_statement_bind_int64 (stmt, 2, g_array_index (g->teams, Team, file->team).id);
      ca_statement_bind_int64 (stmt, 3, g->locality_ids[file->locality]);
      ca_statement_bind_int64 (stmt, 4, g_array_index (g->staff, Staff, worker).id);
      bind_day (stmt, 5, file->open_day);
      bind_day (stmt, 6, file->close_day);
      ca_statement_bind_text (stmt, 7, legal_statuses[file->status].code);
      ca_statement_bind_text (stmt, 8, ethnicities[file->ethnicity].code);
      ca_statement_bind_text (stmt, 9, birth);
      ca_statement_bind_text (stmt, 10, file->gender);
      ca_statement_bind_int64 (stmt, 11, file->disability);
      ca_statement_bind_int64 (stmt, 12, file->restricted);
      if (!ca_statement_run (stmt, error))
        return FALSE;
      file->id = ca_database_last_insert_id (g->database);
    }
  return TRUE;
}

/* Audit tools and the programme (R-E1, R-C1) */

/* Which of the six dip-sample focuses a calendar month (1–12) looks at. */
static guint
dip_sample_focus_of (int calendar_month)
{
  return (guint) (calendar_month - 1) % G_N_ELEMENTS (dip_sample_codes);
}

/* What a dip-sample month's programme entry lists: its tool's headings and questions. */
static gboolean
describe_dip_sample (Generator  *g,
                     guint       focus,
                     GError    **error)
{
  const CaToolDefinition *def;
  GString *headings, *questions;

  g->dip_sample_definitions[focus] = ca_tool_store_load_version (g->database,
                                                                 g->dip_sample_version_ids[focus],
                                                                 error);
  def = g->dip_sample_definitions[focus];
  if (def == NULL)
    return FALSE;

  headings = g_string_new (NULL);
  questions = g_string_new (NULL);
  for (guint i = 0; i < def->sections->len; i++)
    {
      const CaToolSection *section = g_ptr_array_index (def->sections, i);

      g_string_append_printf (headings, "%s%s", i > 0 ? "; " : "", section->title);
      for (guint j = 0; j < section->questions->len; j++)
        {
          const CaToolQuestion *question = g_ptr_array_index (section->questions, j);

          g_string_append_printf (questions, "%s%s", questions->len > 0 ? "\n" : "",
                                  question->text);
        }
    }
  g->dip_sample_focus[focus] = g_string_free (headings, FALSE);
  g->dip_sample_questions[focus] = g_string_free (questions, FALSE);
  return TRUE;
}

/* Every database has the built-in tools from the start (ca_stores_open() installs them);
 * the audits use the latest version of each, as a council may have changed them, and answer
 * that version's questions. */
static gboolean
write_tools (Generator  *g,
             GError    **error)
{
  for (guint i = 0; i < N_TOOLS; i++)
    if (tool_codes[i] != NULL &&
        ((g->tool_version_ids[i] = ca_tool_store_find_version (g->database, tool_codes[i], 0,
                                                               NULL, error)) == 0 ||
         (g->definitions[i] = ca_tool_store_load_version (g->database, g->tool_version_ids[i],
                                                          error)) == NULL))
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (dip_sample_codes); i++)
    {
      g->dip_sample_version_ids[i] = ca_tool_store_find_version (g->database,
                                                                 dip_sample_codes[i], 0, NULL,
                                                                 error);
      if (g->dip_sample_version_ids[i] == 0 || !describe_dip_sample (g, i, error))
        return FALSE;
    }
  return TRUE;
}

/* Seed 04's rhythm: allocate on the first working day, return three weeks later,
 * publish the 7 Minute Briefing on the last working day of the month. */
static void
plan_programme_month (Generator *g,
                      int        m)
{
  ProgrammeMonth *month = &g->programme[m];
  guint32 last = month_start (g, m + 1) - 1;

  month->allocation_day = next_working_day (g, month_start (g, m));
  month->return_day = next_working_day (g, month->allocation_day + 21);
  while (!is_working_day (g, last))
    last--;
  month->briefing_day = last;
}

static gboolean
write_programme_entry (Generator    *g,
                       CaStatement  *insert,
                       CaStatement  *find,
                       int           m,
                       int           strand,
                       GError      **error)
{
  static const char * const strands[] = { "social-care", "dip-sample" };
  ProgrammeMonth *month = &g->programme[m];
  int year, calendar_month;
  char month_text[8];
  guint theme, focus;

  month_of_index (g, m, &year, &calendar_month);
  g_snprintf (month_text, sizeof month_text, "%04d-%02d", year, calendar_month);
  theme = (guint) (calendar_month - 1) % G_N_ELEMENTS (themes);
  focus = dip_sample_focus_of (calendar_month);

  ca_statement_bind_text (insert, 1, month_text);
  ca_statement_bind_text (insert, 2, strands[strand]);
  ca_statement_bind_text (insert, 3,
                          strand == 1 ? g->dip_sample_focus[focus] : themes[theme].focus);
  ca_statement_bind_text (insert, 4, strand == 1 ? g->dip_sample_questions[focus] : NULL);
  bind_day (insert, 5, month->allocation_day);
  bind_day (insert, 6, month->return_day);
  bind_day (insert, 7, month->briefing_day);
  ca_statement_bind_text (insert, 8, strand == 0 ? themes[theme].training : NULL);
  ca_statement_bind_text (find, 1, month_text);
  ca_statement_bind_text (find, 2, strands[strand]);

  return ca_statement_run (insert, error) &&
         query_id (find, &month->entry_ids[strand], error);
}

static gboolean
write_programme (Generator  *g,
                 GError    **error)
{
  g_autoptr(CaStatement) insert = NULL;
  g_autoptr(CaStatement) find = NULL;

  /* An example programme may already be loaded for some months: keep it. */
  insert = ca_database_prepare (g->database,
                                "INSERT INTO programme_entry (month, strand, focus, questions, "
                                "allocation_date, return_date, briefing_date, training) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                                "ON CONFLICT (month, strand) DO NOTHING", error);
  find = ca_database_prepare (g->database,
                              "SELECT id FROM programme_entry WHERE month = ? AND strand = ?",
                              error);
  if (insert == NULL || find == NULL)
    return FALSE;

  for (int m = 0; m < g->n_months; m++)
    {
      plan_programme_month (g, m);
      if (!write_programme_entry (g, insert, find, m, 0, error) ||
          !write_programme_entry (g, insert, find, m, 1, error))
        return FALSE;
    }
  return TRUE;
}

/* Choosing auditors and cases for a month (R-D2, R-D3) */

static gboolean
role_is (const Post *post,
         const char *role)
{
  return g_str_equal (post->role, role);
}

static void
add_slots (GArray *slots,
           guint   post,
           guint   staff,
           int     tool,
           guint   n)
{
  Slot slot = { post, staff, tool };

  for (guint i = 0; i < n; i++)
    g_array_append_val (slots, slot);
}

/* Seed 04: every manager and reviewing officer audits once a month. */
static gboolean
is_monthly_auditor (const Post *post)
{
  return role_is (post, "team-manager") || role_is (post, "practice-manager") ||
         role_is (post, "iro") || role_is (post, "group-manager");
}

/* How many audits a post does in a month, from its role's quota (R-A3, seed 04). */
static void
add_post_slots (Generator *g,
                GArray    *slots,
                guint      p,
                guint      staff)
{
  Post *post = &g_array_index (g->posts, Post, p);

  if (is_monthly_auditor (post))
    add_slots (slots, p, staff, TOOL_STAGE_1, 1);
  else if (role_is (post, "service-manager"))
    add_slots (slots, p, staff, TOOL_STAGE_1, chance (g, 8.0 / 12) ? 1 : 0);
  else if (role_is (post, "head-of-service") || role_is (post, "assistant-director"))
    add_slots (slots, p, staff, TOOL_STAGE_1, chance (g, 6.0 / 12) ? 1 : 0);
  else if (role_is (post, "strategic-director"))
    add_slots (slots, p, staff, TOOL_STAGE_1, chance (g, 2.0 / 12) ? 1 : 0);
  /* The CPP's 25 dip samples a month, and the advanced practitioners' own audits. */
  else if (role_is (post, "lead-professional"))
    add_slots (slots, p, staff, TOOL_DIP_SAMPLE, 5);
  else if (role_is (post, "lead-auditor"))
    {
      add_slots (slots, p, staff, TOOL_DIP_SAMPLE, 10);
      add_slots (slots, p, staff, TOOL_STAGE_1, 1);
    }
  /* Seed 01: seven audits a cycle, a cycle being a quarter. */
  else if (role_is (post, "advanced-practitioner"))
    {
      add_slots (slots, p, staff, TOOL_DIP_SAMPLE, 2);
      add_slots (slots, p, staff, TOOL_STAGE_1, chance (g, 7.0 / 3 - 2) ? 3 : 2);
    }
}

/* Quotas give about 220 audits; managers take a second one to reach the month's total. */
static GArray *
plan_slots (Generator *g,
            int        month)
{
  GArray *slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  g_autoptr(GArray) monthly = g_array_new (FALSE, FALSE, sizeof (guint));
  guint target = (guint) between (g, MONTHLY_AUDITS * 95 / 100, MONTHLY_AUDITS * 105 / 100);

  for (guint p = 0; p < g->posts->len; p++)
    add_post_slots (g, slots, p, holder_at (g, p, month));

  for (guint i = 0; i < slots->len; i++)
    if (is_monthly_auditor (&g_array_index (g->posts, Post, g_array_index (slots, Slot, i).post)))
      g_array_append_val (monthly, i);

  while (slots->len < target && monthly->len > 0)
    {
      Slot slot = g_array_index (slots, Slot, pick_index (g, monthly));

      g_array_append_val (slots, slot);
    }
  while (slots->len > target)
    g_array_remove_index_fast (slots, g_rand_int_range (g->rand, 0, (gint32) slots->len));

  /* A few audits look back at a case just closed. */
  for (guint i = 0; i < slots->len; i++)
    if (g_array_index (slots, Slot, i).tool == TOOL_STAGE_1 && chance (g, 0.03))
      g_array_index (slots, Slot, i).tool = TOOL_CLOSURE;

  return slots;
}

static void
shuffle_slots (Generator *g,
               GArray    *slots)
{
  for (guint i = slots->len; i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (g->rand, 0, (gint32) i);
      Slot swap = g_array_index (slots, Slot, i - 1);

      g_array_index (slots, Slot, i - 1) = g_array_index (slots, Slot, j);
      g_array_index (slots, Slot, j) = swap;
    }
}

static gboolean
manages_post (Generator *g,
              guint      auditor_post,
              guint      worker_post)
{
  int p = g_array_index (g->posts, Post, worker_post).manager;

  for (; p >= 0; p = g_array_index (g->posts, Post, p).manager)
    if ((guint) p == auditor_post)
      return TRUE;
  return FALSE;
}

static gboolean
audited_by_recently (const Case *file,
                     guint       auditor,
                     int         month)
{
  for (guint i = 0; i < MIN (file->n_recent, RECENT_AUDITORS); i++)
    if (file->recent_auditors[i] == auditor && month - file->recent_months[i] < 12)
      return TRUE;
  return FALSE;
}

/* R-D3: never the worker's own team or line-management chain; the director, who heads
 * every chain, does assisted audits and is the one exception. */
static gboolean
case_suits (Generator  *g,
            const Case *file,
            const Slot *slot,
            int         month,
            gboolean    strict)
{
  Post *post = &g_array_index (g->posts, Post, slot->post);

  if (file->restricted || file->last_audit_month == month)
    return FALSE;
  if (strict && month - file->last_audit_month <= 3)
    return FALSE;
  if (post->team == file->team)
    return FALSE;
  if (!role_is (post, "strategic-director") && manages_post (g, slot->post, file->worker_post))
    return FALSE;
  return !audited_by_recently (file, slot->staff, month);
}

/* Random tries, first keeping cases audited in the last three months out, then not. */
static Case *
pick_case (Generator  *g,
           GArray     *candidates,
           const Slot *slot,
           int         month)
{
  if (candidates->len == 0)
    return NULL;

  for (guint tries = 0; tries < 2 * PICK_TRIES; tries++)
    {
      Case *file = &g_array_index (g->cases, Case, pick_index (g, candidates));

      if (case_suits (g, file, slot, month, tries < PICK_TRIES))
        return file;
    }
  return NULL;
}

static void
note_audit (Case  *file,
            guint  auditor,
            int    month)
{
  file->last_audit_month = month;
  file->recent_auditors[file->n_recent % RECENT_AUDITORS] = auditor;
  file->recent_months[file->n_recent % RECENT_AUDITORS] = month;
  file->n_recent++;
}

/* R-D2: open at allocation; closure audits look at cases closed in the last 90 days. */
static void
list_candidates (Generator *g,
                 guint32    day,
                 GArray    *open,
                 GArray    *closed)
{
  g_array_set_size (open, 0);
  g_array_set_size (closed, 0);

  for (guint i = 0; i < g->cases->len; i++)
    {
      Case *file = &g_array_index (g->cases, Case, i);

      if (file->open_day > day)
        break;
      if (file->close_day == 0 || file->close_day >= day)
        g_array_append_val (open, i);
      else if (day - file->close_day <= 90)
        g_array_append_val (closed, i);
    }
}

/* Grades, categories and texts (R-F2–R-F4) */

/* About 5/45/35/15 overall, better in some areas than others and improving with time. */
static CaGrade
draw_grade (Generator *g,
            int        month,
            int        area)
{
  double t = g->n_months > 1 ? (double) month / (g->n_months - 1) : 1.0;
  double span = TREND_POINTS * MIN (g->options->years, 10) / 10.0;
  double shift = (t - 0.5) * span + g->area_quality[area];
  double weights[] = {
    MAX (0.5, 5 + 0.2 * shift),
    MAX (0.5, 45 + 0.8 * shift),
    MAX (0.5, 35 - 0.6 * shift),
    MAX (0.5, 15 - 0.4 * shift),
  };

  return (CaGrade) (CA_GRADE_OUTSTANDING + pick_weighted (g, weights, G_N_ELEMENTS (weights)));
}

static CaGrade
vary_grade (Generator *g,
            CaGrade    grade,
            double     p_worse,
            double     p_better)
{
  double x = g_rand_double (g->rand);

  if (x < p_worse && grade < CA_GRADE_INADEQUATE)
    return grade + 1;
  if (x >= p_worse && x < p_worse + p_better && grade > CA_GRADE_OUTSTANDING)
    return grade - 1;
  return grade;
}

/* R-F4: Inadequate is category 1 or 2, Requires Improvement 3, better grades 3 with actions. */
static void
draw_category (Generator *g,
               Audit     *audit)
{
  switch (audit->grade)
    {
    case CA_GRADE_INADEQUATE:
      audit->category = chance (g, 0.1) ? 1 : 2;
      audit->n_actions = (guint) between (g, 3, 9);
      audit->n_safeguarding = audit->category == 1 ? 2 : chance (g, 0.5) ? 1 : 0;
      break;
    case CA_GRADE_REQUIRES_IMPROVEMENT:
      audit->category = 3;
      audit->n_actions = (guint) between (g, 1, 7);
      break;
    case CA_GRADE_GOOD:
      audit->n_actions = chance (g, 0.5) ? (guint) between (g, 1, 3) : 0;
      audit->category = audit->n_actions > 0 ? 3 : 4;
      break;
    case CA_GRADE_OUTSTANDING:
      audit->n_actions = chance (g, 0.2) ? (guint) between (g, 1, 2) : 0;
      audit->category = audit->n_actions > 0 ? 3 : 4;
      break;
    case CA_GRADE_NONE:
    default:
      g_assert_not_reached ();
    }
}

static int
age_at (const Case *file,
        guint32     day)
{
  int year, month;

  split_day (day, &year, &month, NULL);
  return MAX (0, (year * 12 + month - 1 - file->birth_months) / 12);
}

static char *
compose_pen_picture (Generator   *g,
                     const Audit *audit)
{
  const Case *file = audit->file;
  int age = age_at (file, audit->audit_day);
  gboolean young_adult = age >= 16;
  const char *who = g_str_equal (file->gender, "male") ? (young_adult ? "young man" : "boy")
                    : g_str_equal (file->gender, "female") ? (young_adult ? "young woman" : "girl")
                    : (young_adult ? "young person" : "child");
  g_autofree char *opening = NULL;
  g_autofree char *since = NULL;
  int year, month;

  split_day (file->open_day, &year, &month, NULL);
  since = g_strdup_printf ("%s %d", month_names[month - 1], year);

  if (age == 0)
    opening = g_strdup_printf ("A baby %s on %s since %s.", who,
                               legal_statuses[file->status].plan, since);
  else
    opening = g_strdup_printf ("%s %d-year-old %s on %s since %s.",
                               age == 8 || age == 11 || age == 18 ? "An" : "A", age, who,
                               legal_statuses[file->status].plan, since);

  return g_strjoin (" ", opening, status_situations[file->status][between (g, 0, 2)],
                    PICK (g, case_context), NULL);
}

static char *
compose_done_well (Generator *g)
{
  guint first = (guint) g_rand_int_range (g->rand, 0, G_N_ELEMENTS (done_well_phrases));
  guint second = (first + (guint) between (g, 1, G_N_ELEMENTS (done_well_phrases) - 1))
                 % G_N_ELEMENTS (done_well_phrases);

  return g_strjoin (" ", done_well_phrases[first], done_well_phrases[second], NULL);
}

/* Writing one audit and everything that hangs off it */

static void
schedule_audit (Generator *g,
                Audit     *audit,
                gboolean   current_month)
{
  audit->audit_day = add_working_days (g, audit->allocation_day, between (g, 2, 14));
  if (chance (g, 0.12))
    audit->audit_day = add_working_days (g, audit->audit_day, between (g, 5, 12));
  audit->submit_day = add_working_days (g, audit->audit_day, between (g, 0, 2));
  audit->submit_secs = office_time (g);

  /* Returns from earlier months are all in by now, however late. */
  if (!current_month && !has_happened (g, audit->submit_day))
    {
      audit->submit_day = g->as_of_day - 1;
      audit->audit_day = MIN (audit->audit_day, audit->submit_day);
    }

  if (has_happened (g, audit->submit_day))
    audit->status = CA_AUDIT_STATUS_SUBMITTED;
  else if (has_happened (g, audit->audit_day))
    audit->status = CA_AUDIT_STATUS_IN_PROGRESS;
  else
    audit->status = CA_AUDIT_STATUS_ALLOCATED;
}

/* R-F8: category 1 in 48 hours, 2 in 10 working days, 3 in 20; checked mostly on time. */
static void
schedule_review (Generator *g,
                 Audit     *audit)
{
  if (audit->category == 4)
    return;

  audit->review_secs = audit->submit_secs;
  if (audit->category == 1)
    audit->review_day = audit->submit_day + 2;
  else
    audit->review_day = add_working_days (g, audit->submit_day, audit->category == 2 ? 10 : 20);

  audit->checked_day = audit->submit_day +
                       (guint32) between (g, 1, (int) (audit->review_day - audit->submit_day));
  audit->checked_secs = office_time (g);
  if (audit->checked_day == audit->review_day)
    audit->checked_secs = MIN (audit->checked_secs, audit->review_secs);
  if (chance (g, 0.12))
    audit->checked_day = audit->review_day + (guint32) between (g, 1, 10);
  if (!has_happened (g, audit->checked_day))
    audit->checked_day = 0;
}

static void
grade_audit (Generator *g,
             Audit     *audit)
{
  Team *team = &g_array_index (g->teams, Team, audit->file->team);

  audit->grade = draw_grade (g, audit->month, team->area);
  draw_category (g, audit);
  schedule_review (g, audit);

  /* Closed: long finished, its recommendations checked (R-I1). */
  if (audit->checked_day != 0 && audit->submit_day + 90 < g->as_of_day && chance (g, 0.06))
    audit->status = CA_AUDIT_STATUS_CLOSED;
  if (audit->category == 4 && audit->submit_day + 90 < g->as_of_day && chance (g, 0.06))
    audit->status = CA_AUDIT_STATUS_CLOSED;
}

/* The tool an audit uses: a dip sample's is its month's focus (seed 04). */
static gint64
tool_version_of (Generator   *g,
                 const Audit *audit)
{
  int year, calendar_month;

  if (audit->tool != TOOL_DIP_SAMPLE)
    return g->tool_version_ids[audit->tool];

  month_of_index (g, audit->month, &year, &calendar_month);
  return g->dip_sample_version_ids[dip_sample_focus_of (calendar_month)];
}

static const CaToolDefinition *
definition_of (Generator   *g,
               const Audit *audit)
{
  int year, calendar_month;

  if (audit->tool != TOOL_DIP_SAMPLE)
    return g->definitions[audit->tool];

  month_of_index (g, audit->month, &year, &calendar_month);
  return g->dip_sample_definitions[dip_sample_focus_of (calendar_month)];
}

static gboolean
write_audit_row (Generator  *g,
                 Audit      *audit,
                 GError    **error)
{
  CaStatement *stmt = g->statements.audit;
  gboolean submitted = audit->status >= CA_AUDIT_STATUS_SUBMITTED;
  gboolean started = audit->status >= CA_AUDIT_STATUS_IN_PROGRESS;
  guint32 feedback_day = submitted ? audit->submit_day + (guint32) between (g, 1, 10) : 0;
  gboolean feedback = has_happened (g, feedback_day) && audit->tool == TOOL_STAGE_1 &&
                      chance (g, 0.1);
  g_autofree char *pen_picture = started ? compose_pen_picture (g, audit) : NULL;
  g_autofree char *done_well = submitted ? compose_done_well (g) : NULL;
  const char *comments = submitted && chance (g, 0.3) ? PICK (g, audit_comments) : NULL;
  int period_year, period_month, period_day;
  guint32 period_start = 0;

  if (started)
    {
      split_day (audit->audit_day, &period_year, &period_month, &period_day);
      period_month -= 6;
      if (period_month < 1)
        {
          period_month += 12;
          period_year--;
        }
      period_day = MIN (period_day, g_date_get_days_in_month (period_month, period_year));
      period_start = make_day (period_year, period_month, period_day);
    }
  audit->period_start_day = period_start;

  ca_statement_bind_int64 (stmt, 1, audit->file->id);
  ca_statement_bind_int64 (stmt, 2, tool_version_of (g, audit));
  ca_statement_bind_int64 (stmt, 3, g_array_index (g->staff, Staff, audit->auditor).id);
  bind_id (stmt, 4, audit->joint ? g_array_index (g->staff, Staff, audit->worker).id : 0);
  ca_statement_bind_int64 (stmt, 5,
                           g->programme[audit->month].entry_ids[audit->tool == TOOL_DIP_SAMPLE]);
  ca_statement_bind_text (stmt, 6, ca_audit_status_to_string (audit->status));
  bind_day (stmt, 7, audit->allocation_day);
  bind_day (stmt, 8, audit->due_day);
  bind_day (stmt, 9, started ? audit->audit_day : 0);
  bind_day (stmt, 10, period_start);
  bind_day (stmt, 11, started ? audit->audit_day : 0);
  ca_statement_bind_text (stmt, 12, pen_picture);
  ca_statement_bind_text (stmt, 13, submitted ? ca_grade_to_string (audit->grade) : NULL);
  bind_id (stmt, 14, submitted ? audit->category : 0);
  ca_statement_bind_text (stmt, 15, done_well);
  ca_statement_bind_text (stmt, 16, comments);
  bind_stamp (stmt, 17, submitted ? audit->submit_day : 0, audit->submit_secs);
  bind_stamp (stmt, 18, submitted ? audit->review_day : 0, audit->review_secs);
  bind_stamp (stmt, 19, submitted ? audit->checked_day : 0, audit->checked_secs);
  ca_statement_bind_text (stmt, 20, feedback ? PICK (g, feedback_methods) : NULL);
  bind_day (stmt, 21, feedback ? feedback_day : 0);
  ca_statement_bind_text (stmt, 22, feedback ? PICK (g, feedback_summaries) : NULL);

  if (!ca_statement_run (stmt, error))
    return FALSE;
  audit->id = ca_database_last_insert_id (g->database);
  return TRUE;
}

/* The grade a section's answers follow: its own, or for a section the tool does not grade,
 * the audit's. */
static CaGrade
section_grade_of (const Audit         *audit,
                  const CaToolSection *section,
                  guint                index)
{
  if (!section->graded || section->id == NULL)
    return CA_GRADE_NONE;
  return index < MAX_SECTIONS ? audit->section_grades[index] : audit->grade;
}

/* Section grades scatter around the overall grade, and one of them always equals it. One
 * step either way keeps an overall Good or Outstanding free of Inadequate sections, which
 * R-F3 would not allow. */
static void
grade_sections (Generator              *g,
                Audit                  *audit,
                const CaToolDefinition *def)
{
  guint n_graded = 0, anchor, k = 0;

  for (guint i = 0; i < MIN (def->sections->len, MAX_SECTIONS); i++)
    {
      const CaToolSection *section = g_ptr_array_index (def->sections, i);

      n_graded += section->graded && section->id != NULL;
    }
  anchor = n_graded > 0 ? (guint) g_rand_int_range (g->rand, 0, (gint32) n_graded) : 0;

  for (guint i = 0; i < MIN (def->sections->len, MAX_SECTIONS); i++)
    {
      const CaToolSection *section = g_ptr_array_index (def->sections, i);

      if (!section->graded || section->id == NULL)
        audit->section_grades[i] = CA_GRADE_NONE;
      else
        audit->section_grades[i] = k++ == anchor ? audit->grade
                                                 : vary_grade (g, audit->grade, 0.2, 0.2);
    }
}

/* A limiting judgement must be met where the section, or the audit as a whole, is Good or
 * better (R-F3). */
static gboolean
must_be_met (const CaToolQuestion *question,
             CaGrade               judged,
             CaGrade               overall)
{
  return question->limiting && (judged <= CA_GRADE_GOOD || overall <= CA_GRADE_GOOD);
}

/* A section found to Require Improvement or worse has at least one thing answered No: which
 * one, among those a plain No may answer, as an index into its questions (-1: none). */
static int
pick_forced_no (Generator           *g,
                const CaToolSection *section,
                CaGrade              judged,
                CaGrade              overall)
{
  guint n = 0, k;

  if (judged < CA_GRADE_REQUIRES_IMPROVEMENT)
    return -1;
  for (guint j = 0; j < section->questions->len; j++)
    {
      const CaToolQuestion *q = g_ptr_array_index (section->questions, j);

      n += q->id != NULL && q->type == CA_ANSWER_YES_NO_NA && !q->na_needs_reason &&
           !must_be_met (q, judged, overall);
    }
  if (n == 0)
    return -1;

  k = (guint) g_rand_int_range (g->rand, 0, (gint32) n);
  for (guint j = 0; j < section->questions->len; j++)
    {
      const CaToolQuestion *q = g_ptr_array_index (section->questions, j);

      if (q->id != NULL && q->type == CA_ANSWER_YES_NO_NA && !q->na_needs_reason &&
          !must_be_met (q, judged, overall) && k-- == 0)
        return (int) j;
    }
  return -1;
}

/* One answer as an auditor would give it, by the question's type. NA only where the tool
 * allows it, always with the reason; the reason NA needs is the child's age or disability. */
static const char *
choose_answer (Generator            *g,
               const Audit          *audit,
               const CaToolQuestion *question,
               CaGrade               judged,
               gboolean              forced_no,
               DayText               day,
               const char          **reason)
{
  *reason = NULL;
  if (question->na_allowed && question->na_needs_reason)
    {
      if (age_at (audit->file, audit->audit_day) < 5)
        *reason = NA_UNDER_FIVE;
      else if (audit->file->disability && chance (g, 0.3))
        *reason = NA_DISABILITY;
    }
  else if (question->na_allowed && question->type != CA_ANSWER_TEXT && !forced_no &&
           chance (g, 0.15))
    *reason = PICK (g, na_reasons);
  if (*reason != NULL)
    return CA_ANSWER_VALUE_NA;

  switch (question->type)
    {
    case CA_ANSWER_GRADE:
      return ca_grade_to_string (vary_grade (g, judged, 0.15, 0.15));
    case CA_ANSWER_DATE:
      format_day (audit->period_start_day != 0 && audit->period_start_day < audit->audit_day
                    ? audit->period_start_day +
                      (guint32) between (g, 0, (int) (audit->audit_day - audit->period_start_day))
                    : audit->audit_day,
                  day);
      return day;
    case CA_ANSWER_TEXT:
      return PICK (g, text_answers);
    case CA_ANSWER_YES_NO_NA:
    default:
      if (forced_no)
        return CA_ANSWER_VALUE_NO;
      if (must_be_met (question, judged, audit->grade))
        return CA_ANSWER_VALUE_YES;
      return chance (g, yes_by_grade[judged]) ? CA_ANSWER_VALUE_YES : CA_ANSWER_VALUE_NO;
    }
}

/* The answers to the questions of the audit's tool version in the order of the form, the
 * first N_ANSWERS of them (an audit in progress stops part-way), agreeing with the section
 * grades (R-F3): limiting judgements met wherever Good or Outstanding needs them, something
 * answered No in a section that Requires Improvement or worse. */
static gboolean
write_answers (Generator               *g,
               Audit                   *audit,
               const CaToolDefinition  *def,
               guint                    n_answers,
               GError                 **error)
{
  CaStatement *stmt = g->statements.answer;
  guint written = 0;

  for (guint i = 0; i < def->sections->len && written < n_answers; i++)
    {
      const CaToolSection *section = g_ptr_array_index (def->sections, i);
      CaGrade grade = section_grade_of (audit, section, i);
      CaGrade judged = grade != CA_GRADE_NONE ? grade : audit->grade;
      int forced_no = pick_forced_no (g, section, judged, audit->grade);

      for (guint j = 0; j < section->questions->len && written < n_answers; j++)
        {
          const CaToolQuestion *question = g_ptr_array_index (section->questions, j);
          const char *reason, *answer;
          DayText day;

          if (question->id == NULL)
            continue;
          answer = choose_answer (g, audit, question, judged, (int) j == forced_no, day,
                                  &reason);

          ca_statement_bind_int64 (stmt, 1, audit->id);
          ca_statement_bind_text (stmt, 2, question->id);
          ca_statement_bind_text (stmt, 3, answer);
          ca_statement_bind_text (stmt, 4, reason);
          if (!ca_statement_run (stmt, error))
            return FALSE;
          written++;
        }
    }
  return TRUE;
}

/* The grades of the graded sections whose questions are all among the first N_ANSWERS. */
static gboolean
write_sections (Generator               *g,
                Audit                   *audit,
                const CaToolDefinition  *def,
                guint                    n_answers,
                GError                 **error)
{
  CaStatement *stmt = g->statements.section;
  guint seen = 0;

  for (guint i = 0; i < def->sections->len; i++)
    {
      const CaToolSection *section = g_ptr_array_index (def->sections, i);
      CaGrade grade = section_grade_of (audit, section, i);

      for (guint j = 0; j < section->questions->len; j++)
        seen += ((const CaToolQuestion *) g_ptr_array_index (section->questions, j))->id != NULL;
      if (seen > n_answers)
        break;
      if (grade == CA_GRADE_NONE)
        continue;

      ca_statement_bind_int64 (stmt, 1, audit->id);
      ca_statement_bind_text (stmt, 2, section->id);
      ca_statement_bind_text (stmt, 3, ca_grade_to_string (grade));
      if (!ca_statement_run (stmt, error))
        return FALSE;
    }
  return TRUE;
}

static guint
count_questions (const CaToolDefinition *def)
{
  guint n = 0;

  for (guint i = 0; i < def->sections->len; i++)
    {
      const CaToolSection *section = g_ptr_array_index (def->sections, i);

      for (guint j = 0; j < section->questions->len; j++)
        n += ((const CaToolQuestion *) g_ptr_array_index (section->questions, j))->id != NULL;
    }
  return n;
}

/* An audit in progress is saved part-way through the form: some questions answered, the
 * sections finished so far graded, following what the auditor is finding. */
static gboolean
write_draft (Generator  *g,
             Audit      *audit,
             GError    **error)
{
  const CaToolDefinition *def = definition_of (g, audit);
  Team *team = &g_array_index (g->teams, Team, audit->file->team);
  guint total = count_questions (def);
  guint n_answers = total > 1 ? (guint) between (g, 1, (int) total - 1) : total;

  audit->grade = draw_grade (g, audit->month, team->area);
  grade_sections (g, audit, def);
  return write_answers (g, audit, def, n_answers, error) &&
         write_sections (g, audit, def, n_answers, error);
}

/* Most actions are done around their due date; those not yet due, now and then early. */
static guint32
draw_completion (Generator   *g,
                 const Audit *audit,
                 guint32      due)
{
  gboolean closed = audit->status == CA_AUDIT_STATUS_CLOSED;
  guint32 earliest = audit->submit_day + 1;
  gint64 day;

  if (!closed && !chance (g, has_happened (g, due) ? 0.88 : 0.35))
    return 0;

  if (!closed && !has_happened (g, due))
    return earliest < g->as_of_day ? (guint32) between (g, (int) earliest, (int) g->as_of_day - 1)
                                   : 0;

  day = (gint64) due - between (g, -10, 15);
  day = MAX (day, (gint64) earliest);
  if (has_happened (g, (guint32) day))
    return (guint32) day;
  return closed ? MAX (earliest, g->as_of_day - 1) : 0;
}

/* R-F8: safeguarding actions within 5 working days, others four weeks by default. */
static gboolean
write_action (Generator  *g,
              Audit      *audit,
              guint       index,
              GError    **error)
{
  CaStatement *stmt = g->statements.action;
  gboolean safeguarding = index < audit->n_safeguarding;
  const char *description, *impact;
  guint owner = chance (g, 0.4) ? audit->worker : audit->team_manager;
  guint32 due, done;
  gint64 id;

  if (safeguarding)
    {
      guint phrase = (guint) g_rand_int_range (g->rand, 0, G_N_ELEMENTS (safeguarding_actions));

      description = safeguarding_actions[phrase].description;
      impact = safeguarding_actions[phrase].impact;
      due = add_working_days (g, audit->submit_day, 5);
    }
  else
    {
      guint phrase = (guint) g_rand_int_range (g->rand, 0, G_N_ELEMENTS (action_phrases));

      description = action_phrases[phrase].description;
      impact = action_phrases[phrase].impact;
      due = audit->submit_day + 7 * (guint32) (chance (g, 0.7) ? 4 : between (g, 2, 8));
    }
  done = draw_completion (g, audit, due);
  audit->last_done_day = MAX (audit->last_done_day, done);

  ca_statement_bind_int64 (stmt, 1, audit->id);
  ca_statement_bind_text (stmt, 2, description);
  ca_statement_bind_int64 (stmt, 3, g_array_index (g->staff, Staff, owner).id);
  bind_day (stmt, 4, due);
  ca_statement_bind_text (stmt, 5, impact);
  ca_statement_bind_int64 (stmt, 6, safeguarding);
  bind_day (stmt, 7, done);
  if (!ca_statement_run (stmt, error))
    return FALSE;

  id = ca_database_last_insert_id (g->database);
  if (!record_change (g, audit->submit_day, audit->submit_secs, "action", id, "created", NULL,
                      description, error))
    return FALSE;
  if (done != 0)
    {
      DayText text;

      format_day (done, text);
      return record_change (g, done, office_time (g), "action", id, "completed_on", NULL, text,
                            error);
    }
  return TRUE;
}

/* R-F9: the team manager's response, due 5 working days after submission. */
static gboolean
write_manager_response (Generator  *g,
                        Audit      *audit,
                        GError    **error)
{
  CaStatement *stmt = g->statements.response;
  guint32 due = add_working_days (g, audit->submit_day, 5);
  guint32 responded = audit->submit_day + (guint32) between (g, 0, (int) (due - audit->submit_day));

  if (chance (g, 0.12))
    responded = due + (guint32) between (g, 1, 10);
  if (chance (g, 0.03) || !has_happened (g, responded))
    responded = 0;

  ca_statement_bind_int64 (stmt, 1, audit->id);
  ca_statement_bind_int64 (stmt, 2, g_array_index (g->staff, Staff, audit->team_manager).id);
  ca_statement_bind_text (stmt, 3, responded ? PICK (g, responses) : NULL);
  ca_statement_bind_text (stmt, 4, responded ? PICK (g, stretch_targets) : NULL);
  ca_statement_bind_text (stmt, 5, responded ? PICK (g, decisions) : NULL);
  bind_day (stmt, 6, due);
  bind_day (stmt, 7, responded);
  return ca_statement_run (stmt, error);
}

static gboolean
write_moderation_sections (Generator  *g,
                           Audit      *audit,
                           gint64      moderation_id,
                           GError    **error)
{
  CaStatement *stmt = g->statements.moderation_section;
  const CaToolDefinition *def = definition_of (g, audit);

  for (guint i = 0; i < def->sections->len; i++)
    {
      const CaToolSection *section = g_ptr_array_index (def->sections, i);
      CaGrade grade = section_grade_of (audit, section, i);

      if (grade == CA_GRADE_NONE)
        continue;
      ca_statement_bind_int64 (stmt, 1, moderation_id);
      ca_statement_bind_text (stmt, 2, section->id);
      ca_statement_bind_text (stmt, 3, ca_grade_to_string (vary_grade (g, grade, 0.1, 0.05)));
      if (!ca_statement_run (stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* R-H3: moderators agree about four times in five, and differ mostly downwards. */
static CaGrade
moderate_grade (Generator *g,
                CaGrade    grade)
{
  if (chance (g, 0.8))
    return grade;
  if (grade == CA_GRADE_INADEQUATE)
    return grade - 1;
  if (grade == CA_GRADE_OUTSTANDING || chance (g, 0.6))
    return grade + 1;
  return grade - 1;
}

static guint
pick_moderator (Generator *g,
                Audit     *audit)
{
  int month = MIN (month_index_of_day (g, audit->submit_day), g->n_months - 1);

  for (;;)
    {
      guint moderator = holder_at (g, pick_index (g, g->cpp_posts), month);

      if (moderator != audit->auditor)
        return moderator;
    }
}

/* R-H1, R-H3: the moderator's view, recorded once the moderation has happened. */
static gboolean
write_moderation (Generator  *g,
                  Audit      *audit,
                  GError    **error)
{
  CaStatement *stmt = g->statements.moderation;
  guint moderator = pick_moderator (g, audit);
  guint32 due = add_working_days (g, audit->submit_day, 10);
  guint32 moderated = add_working_days (g, audit->submit_day, between (g, 2, 14));
  CaGrade grade = moderate_grade (g, audit->grade);
  gboolean done = has_happened (g, moderated);
  gint64 id;

  ca_statement_bind_int64 (stmt, 1, audit->id);
  ca_statement_bind_int64 (stmt, 2, g_array_index (g->staff, Staff, moderator).id);
  bind_day (stmt, 3, due);
  bind_day (stmt, 4, done ? moderated : 0);
  ca_statement_bind_text (stmt, 5, done ? ca_grade_to_string (grade) : NULL);
  ca_statement_bind_text (stmt, 6, done && grade != audit->grade
                                     ? (grade > audit->grade
                                          ? "The moderator found less evidence of impact for "
                                            "the child than the audit recorded."
                                          : "The moderator found more evidence of impact for "
                                            "the child than the audit recorded.")
                                     : NULL);
  bind_day (stmt, 7, done ? moderated : 0);
  ca_statement_bind_text (stmt, 8, done ? PICK (g, moderation_participants) : NULL);
  ca_statement_bind_text (stmt, 9, done && chance (g, 0.3) ? PICK (g, moderation_further) : NULL);
  ca_statement_bind_text (stmt, 10, done ? PICK (g, moderation_learning) : NULL);
  if (!done)
    ca_statement_bind_null (stmt, 11);
  else
    ca_statement_bind_int64 (stmt, 11, chance (g, 0.7));
  if (!ca_statement_run (stmt, error))
    return FALSE;

  id = ca_database_last_insert_id (g->database);
  if (!record_change (g, audit->submit_day, audit->submit_secs, "moderation", id, "created",
                      NULL, NULL, error))
    return FALSE;
  if (!done)
    return TRUE;
  if (audit->tool == TOOL_STAGE_1 && !write_moderation_sections (g, audit, id, error))
    return FALSE;
  return record_change (g, moderated, office_time (g), "moderation", id, "overall_grade",
                        NULL, ca_grade_to_string (grade), error);
}

/* R-M3: the audit's life as the history would have recorded it. */
static gboolean
write_audit_history (Generator  *g,
                     Audit      *audit,
                     guint32     closed_day,
                     GError    **error)
{
  static const char * const steps[] = { "allocated", "in-progress", "submitted", "closed" };
  guint32 days[] = { audit->allocation_day, audit->audit_day, audit->submit_day, closed_day };
  int secs[] = { 8 * 3600 + between (g, 0, 3600), office_time (g), audit->submit_secs,
                 office_time (g) };

  if (!record_change (g, days[0], secs[0], "audit", audit->id, "created", NULL, steps[0], error))
    return FALSE;
  for (guint i = 1; i <= (guint) audit->status; i++)
    if (!record_change (g, days[i], secs[i], "audit", audit->id, "status", steps[i - 1], steps[i],
                        error))
      return FALSE;
  return TRUE;
}

static gboolean
write_submission (Generator  *g,
                  Audit      *audit,
                  guint32    *closed_day,
                  GError    **error)
{
  const CaToolDefinition *def = definition_of (g, audit);

  grade_sections (g, audit, def);
  if (!write_answers (g, audit, def, G_MAXUINT, error) ||
      !write_sections (g, audit, def, G_MAXUINT, error))
    return FALSE;

  for (guint i = 0; i < audit->n_actions; i++)
    if (!write_action (g, audit, i, error))
      return FALSE;

  if (audit->n_actions > 0 && chance (g, 0.92) && !write_manager_response (g, audit, error))
    return FALSE;

  if ((audit->grade == CA_GRADE_INADEQUATE || chance (g, OTHERS_MODERATED)) &&
      !write_moderation (g, audit, error))
    return FALSE;

  *closed_day = MAX (MAX (audit->checked_day, audit->last_done_day), audit->submit_day) +
                (guint32) between (g, 1, 20);
  if (*closed_day >= g->as_of_day)
    *closed_day = g->as_of_day - 1;
  return TRUE;
}

static gboolean
write_audit (Generator  *g,
             Audit      *audit,
             GError    **error)
{
  guint32 closed_day = 0;
  int month = MIN (month_index_of_day (g, audit->submit_day), g->n_months - 1);
  Team *team = &g_array_index (g->teams, Team, audit->file->team);

  audit->worker = holder_at (g, audit->file->worker_post, audit->month);
  audit->team_manager = holder_at (g, (guint) team->manager_post, month);
  /* Seed 04: audits are done jointly with the allocated practitioner; dip samples are not. */
  audit->joint = audit->tool != TOOL_DIP_SAMPLE && chance (g, 0.75);

  if (audit->status >= CA_AUDIT_STATUS_SUBMITTED)
    grade_audit (g, audit);
  if (!write_audit_row (g, audit, error))
    return FALSE;
  if (audit->status >= CA_AUDIT_STATUS_SUBMITTED &&
      !write_submission (g, audit, &closed_day, error))
    return FALSE;
  if (audit->status == CA_AUDIT_STATUS_IN_PROGRESS && !write_draft (g, audit, error))
    return FALSE;
  return write_audit_history (g, audit, closed_day, error);
}

static gboolean
generate_month (Generator  *g,
                int         month,
                GArray     *open,
                GArray     *closed,
                GError    **error)
{
  g_autoptr(GArray) slots = plan_slots (g, month);
  ProgrammeMonth *programme = &g->programme[month];
  gboolean current_month = month == g->n_months - 1;

  list_candidates (g, programme->allocation_day, open, closed);
  shuffle_slots (g, slots);

  for (guint i = 0; i < slots->len; i++)
    {
      Slot *slot = &g_array_index (slots, Slot, i);
      Audit audit = { 0 };

      audit.file = pick_case (g, slot->tool == TOOL_CLOSURE ? closed : open, slot, month);
      if (audit.file == NULL)
        continue;
      note_audit (audit.file, slot->staff, month);

      audit.auditor = slot->staff;
      audit.tool = slot->tool;
      audit.month = month;
      audit.allocation_day = programme->allocation_day;
      audit.due_day = programme->return_day;
      schedule_audit (g, &audit, current_month);
      if (!write_audit (g, &audit, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
prepare_statements (Generator  *g,
                    GError    **error)
{
  Statements *s = &g->statements;

  return
    (s->audit = ca_database_prepare (g->database,
       "INSERT INTO audit (case_id, tool_version_id, auditor_id, joint_practitioner_id, "
       "programme_entry_id, status, allocated_on, due_date, audit_date, period_start, "
       "period_end, pen_picture, overall_grade, category, done_well, comments, submitted_at, "
       "review_due_at, recommendations_checked_at, feedback_method, feedback_date, "
       "feedback_summary) "
       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error)) &&
    (s->section = ca_database_prepare (g->database,
       "INSERT INTO audit_section (audit_id, section_id, grade) VALUES (?, ?, ?)", error)) &&
    (s->answer = ca_database_prepare (g->database,
       "INSERT INTO audit_answer (audit_id, question_id, answer, reason) VALUES (?, ?, ?, ?)",
       error)) &&
    (s->action = ca_database_prepare (g->database,
       "INSERT INTO action (audit_id, description, owner_id, due_date, impact, safeguarding, "
       "completed_on) VALUES (?, ?, ?, ?, ?, ?, ?)", error)) &&
    (s->response = ca_database_prepare (g->database,
       "INSERT INTO manager_response (audit_id, manager_id, response, stretch_target, "
       "decision, due_date, responded_on) VALUES (?, ?, ?, ?, ?, ?, ?)", error)) &&
    (s->moderation = ca_database_prepare (g->database,
       "INSERT INTO moderation (audit_id, moderator_id, due_date, moderated_on, overall_grade, "
       "differences, discussion_date, participants, further_actions, learning, "
       "made_difference) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error)) &&
    (s->moderation_section = ca_database_prepare (g->database,
       "INSERT INTO moderation_section (moderation_id, section_id, grade) VALUES (?, ?, ?)",
       error));
}

/* About nine tenths of the work is the audits, month by month. */
#define SETUP_SHARE 0.1

static gboolean
generate_audits (Generator  *g,
                 GError    **error)
{
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) closed = g_array_new (FALSE, FALSE, sizeof (guint));

  if (!prepare_statements (g, error))
    return FALSE;

  for (int month = 0; month < g->n_months; month++)
    {
      double done = (double) (month + 1) / g->n_months;

      if (!generate_month (g, month, open, closed, error) ||
          !report_progress (g, SETUP_SHARE + (1 - SETUP_SHARE) * done * 0.99, error))
        return FALSE;
    }

  clear_statements (&g->statements);
  return TRUE;
}

static void
plan_organisation (Generator *g)
{
  plan_teams (g);
  plan_posts (g);
  for (int area = 0; area < N_AREAS; area++)
    g->area_quality[area] = g_rand_double_range (g->rand, -4, 4);
  simulate_turnover (g);
  simulate_cases (g);
}

/* R-F7: the managers were told of every Category 1–2 audit but those of the last two days, so
 * the demonstration asks for the e-mails a team would still have to send, not for years of
 * e-mails sent long ago. */
static gboolean
mark_notifications_sent (Generator  *g,
                         GError    **error)
{
  g_autoptr(CaStatement) stmt = NULL;
  StampText recent;

  format_stamp (g->as_of_day - 2, 0, recent);
  stmt = ca_database_prepare (g->database,
                              "UPDATE audit SET notification_sent_at = submitted_at "
                              "WHERE category IN (1, 2) AND submitted_at < ?", error);
  if (stmt == NULL)
    return FALSE;
  ca_statement_bind_text (stmt, 1, recent);
  return ca_statement_run (stmt, error);
}

static gboolean
generate_all (Generator  *g,
              GError    **error)
{
  plan_organisation (g);

  return write_lists (g, error) &&
         write_teams (g, error) &&
         write_staff (g, error) &&
         write_line_managers (g, error) &&
         report_progress (g, SETUP_SHARE / 2, error) &&
         write_cases (g, error) &&
         write_tools (g, error) &&
         write_programme (g, error) &&
         report_progress (g, SETUP_SHARE, error) &&
         generate_audits (g, error) &&
         mark_notifications_sent (g, error);
}

/**
 * ca_demo_options_init:
 * @options: the options to fill
 *
 * Seed 1, three years of data, ending with the current month (local time).
 */
void
ca_demo_options_init (CaDemoOptions *options)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (options != NULL);

  options->seed = 1;
  options->years = 3;
  options->until_year = g_date_time_get_year (now);
  options->until_month = g_date_time_get_month (now);
}

/**
 * ca_demo_generate:
 * @database: an empty database
 * @options: what to generate
 * @progress: (nullable) (scope call): called between months with the share done
 * @cancellable: (nullable): checked after each progress report
 *
 * Fills @database with a council of about 600 staff, 2,000 open cases and 300 audits a
 * month, with their actions, responses, moderations and history, in one transaction.
 * The same options always give the same content; nothing depends on the clock.
 * A database that already holds staff, teams or cases is refused, and on any error or
 * cancellation nothing is written.
 */
gboolean
ca_demo_generate (CaDatabase           *database,
                  const CaDemoOptions  *options,
                  CaDemoProgressFunc    progress,
                  gpointer              user_data,
                  GCancellable         *cancellable,
                  GError              **error)
{
  g_autoptr(Generator) g = NULL;
  g_autofree char *user = NULL;
  gboolean ok;

  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_options (options, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  g = generator_new (database, options, progress, user_data, cancellable);
  g->calendar = ca_bank_holidays_load_default (error);
  if (g->calendar == NULL || !ca_database_begin (database, error))
    return FALSE;

  /* The history says the demonstration made these rows, not whoever ran it. */
  user = g_strdup (ca_database_get_user (database));
  ca_database_set_user (database, DEMO_USER);
  ok = check_empty (g, error) && generate_all (g, error);
  ca_database_set_user (database, user);

  if (!ok)
    {
      clear_statements (&g->statements);
      ca_database_rollback (database);
      return FALSE;
    }

  if (!ca_database_commit (database, error))
    {
      ca_database_rollback (database);
      return FALSE;
    }

  if (progress != NULL)
    progress (1.0, user_data);
  return TRUE;
}
