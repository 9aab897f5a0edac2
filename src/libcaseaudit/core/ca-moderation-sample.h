// SPDX-License-Identifier: GPL-3.0-or-later
// R-H1 and R-H2: a month's moderation sample and who moderates each audit in it. Every audit
// submitted that month with an overall Inadequate, and a seeded random share of the others
// spread across auditors; each given to a moderator independent of the audit's auditor, its
// case's worker and that worker's line managers, with the allocation's matching engine.
#pragma once

#include <glib.h>

#include "ca-grade.h"
#include "ca-line-managers.h"
#include "ca-working-days.h"

G_BEGIN_DECLS

#define CA_MODERATION_SAMPLE_ERROR (ca_moderation_sample_error_quark ())

typedef enum
{
  CA_MODERATION_SAMPLE_ERROR_INVALID,   /* a month, share or due day that cannot be */
} CaModerationSampleError;

/* Seed 01: "moderation 20%"; seed 03: moderated "by the third week of each calendar month". */
#define CA_MODERATION_DEFAULT_PERCENT          20
#define CA_MODERATION_DEFAULT_DUE_WORKING_DAY  15
/* A month has at least 19 working days even with every bank holiday in it. */
#define CA_MODERATION_MAX_DUE_WORKING_DAY      19

typedef enum
{
  CA_MODERATION_REASON_INADEQUATE,  /* every audit graded Inadequate overall */
  CA_MODERATION_REASON_RANDOM,      /* the random share of the others */
  CA_MODERATION_REASON_ADDED,       /* added by a moderator by hand */
} CaModerationReason;

/* One audit submitted in the month, not yet moderated. */
typedef struct
{
  gint64   audit_id;
  char    *case_ref;
  gint64   auditor_id;
  char    *auditor_ref;
  gint64   worker_id;       /* the case's allocated worker; 0 when it has none */
  CaGrade  overall_grade;
} CaModerationCandidate;

/* Someone who moderates, and how many more moderations they can take this month. */
typedef struct
{
  gint64  id;
  char   *ref;
  char   *name;
  guint   capacity;
} CaModerator;

typedef struct
{
  const char  *month;            /* "YYYY-MM": the month of submission */
  guint64      seed;
  guint        percent;          /* of the audits not graded Inadequate, 0–100, rounded up */
  guint        due_working_day;  /* of the month after, 1–19 */
  const CaHolidayCalendar *calendar;
  GPtrArray   *candidates;       /* (element-type CaModerationCandidate) */
  GPtrArray   *moderators;       /* (element-type CaModerator) */
  /* staff id → line manager's staff id, from ca_line_managers_new(): the chains
   * a moderator must stand outside */
  GHashTable  *line_managers;
  /* auditor id (a gint64 key, g_int64_hash) → GUINT_TO_POINTER (the Julian day of their
   * last moderation); absent: never moderated */
  GHashTable  *last_moderated;
} CaModerationInput;

typedef struct
{
  const CaModerationCandidate *candidate;  /* borrowed from the input */
  CaModerationReason           reason;
  const CaModerator           *moderator;  /* borrowed; NULL when it could not be placed */
} CaModerationPick;

typedef struct
{
  GDate      due;        /* the due day of every moderation in the sample */
  GPtrArray *picks;      /* (element-type CaModerationPick): Inadequate first, then the
                          * random share, each by case reference */
  GPtrArray *unplaced;   /* (element-type CaModerationUnplaced) */
} CaModerationSample;

typedef struct
{
  const CaModerationCandidate *candidate;
  char                        *reason;
} CaModerationUnplaced;

GQuark              ca_moderation_sample_error_quark (void);

const char         *ca_moderation_reason_to_string   (CaModerationReason reason);
gboolean            ca_moderation_reason_from_string (const char         *text,
                                                      CaModerationReason *reason);

void                ca_moderation_candidate_free     (CaModerationCandidate *candidate);
void                ca_moderator_free                (CaModerator           *moderator);

/* Whether MODERATOR may moderate CANDIDATE: never its auditor, its case's worker, or anyone
 * above that worker in the line-management chain. */
gboolean            ca_moderation_is_independent     (const CaModerationInput     *input,
                                                      const CaModerationCandidate *candidate,
                                                      const CaModerator           *moderator);

/* The team's settings (R-H1): a share from 0 to 100, a due day from 1 to 19. */
gboolean            ca_moderation_check_percent      (guint                    percent,
                                                      GError                 **error);
gboolean            ca_moderation_check_due_working_day (guint                 due_working_day,
                                                         GError              **error);

/* The due day of a month's moderations: its DUE_WORKING_DAY-th working day of the next. */
gboolean            ca_moderation_due_date           (const CaHolidayCalendar *calendar,
                                                      const char              *month,
                                                      guint                    due_working_day,
                                                      GDate                   *due,
                                                      GError                 **error);

/* The seed a month's sample is drawn with unless another is asked for: the month as YYYYMM,
 * so that the window and the command line draw the same sample. 0 for what is no month. */
guint64             ca_moderation_default_seed       (const char               *month);

CaModerationSample *ca_moderation_sample_draw        (const CaModerationInput  *input,
                                                      GError                  **error);
void                ca_moderation_sample_free        (CaModerationSample       *sample);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaModerationSample, ca_moderation_sample_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaModerator, ca_moderator_free)

G_END_DECLS
