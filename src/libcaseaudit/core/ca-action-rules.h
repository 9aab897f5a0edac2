// SPDX-License-Identifier: GPL-3.0-or-later
// An audit's action marked done and signed off (R-I2, seed 02): done on a real day between
// the audit's submission and today, by a named person, with evidence; then signed off by the
// allocated social worker's line manager, not before it was done.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CA_ACTION_RULES_ERROR (ca_action_rules_error_quark ())

typedef enum
{
  CA_ACTION_RULES_ERROR_NOT_SUBMITTED,     /* the audit is still a draft */
  CA_ACTION_RULES_ERROR_DONE_ALREADY,      /* marked done before */
  CA_ACTION_RULES_ERROR_NO_PERSON,         /* nobody said who */
  CA_ACTION_RULES_ERROR_NO_EVIDENCE,       /* no evidence note */
  CA_ACTION_RULES_ERROR_DATE,              /* in the future, or before what must come first */
  CA_ACTION_RULES_ERROR_NOT_DONE,          /* a sign-off before it is done */
  CA_ACTION_RULES_ERROR_SIGNED_OFF_ALREADY,
  CA_ACTION_RULES_ERROR_NO_LINE_MANAGER,   /* no worker, no line manager, or one who left */
  CA_ACTION_RULES_ERROR_NOT_LINE_MANAGER,  /* someone else tried to sign it off */
} CaActionRulesError;

/* What the rules know of one action and who may sign it off. The strings are borrowed and
 * nullable; dates are ISO days ("2026-10-03"). */
typedef struct
{
  const char *submitted_on;      /* the audit's submission, England's day; NULL: a draft */
  const char *due_date;
  const char *completed_on;      /* NULL: not done */
  const char *signed_off_on;     /* NULL: not signed off */
  const char *worker;            /* the case's allocated social worker's name; NULL: none */
  const char *line_manager_ref;  /* the worker's line manager's staff ID; NULL: none */
  const char *line_manager;      /* and name */
  gboolean    line_manager_left; /* that line manager is no longer active */
} CaActionFacts;

GQuark   ca_action_rules_error_quark     (void);

/* Whether the action is overdue on TODAY: not done, and due before it. */
gboolean ca_action_rules_is_overdue      (const CaActionFacts *facts,
                                          const GDate         *today);

/* Whether the action may be marked done ON (by BY_REF, a staff ID, with EVIDENCE) when today
 * is TODAY: not done yet, its audit submitted, ON neither after TODAY nor before the
 * submission, a person named and the evidence note given (blank text is none), valid UTF-8
 * of at most CA_TEXT_MAX_NOTES characters (a CA_TEXT_ERROR otherwise). */
gboolean ca_action_rules_check_done      (const CaActionFacts *facts,
                                          const char          *by_ref,
                                          const GDate         *on,
                                          const char          *evidence,
                                          const GDate         *today,
                                          GError             **error);

/* Whether BY_REF (a staff ID; BY_NAME, nullable, their name) may sign the action off: it is
 * done and not signed off yet, and they are the allocated worker's line manager, who has not
 * left. */
gboolean ca_action_rules_check_signer    (const CaActionFacts *facts,
                                          const char          *by_ref,
                                          const char          *by_name,
                                          GError             **error);

/* ca_action_rules_check_signer(), and ON neither after TODAY nor before the day it was
 * done. */
gboolean ca_action_rules_check_sign_off  (const CaActionFacts *facts,
                                          const char          *by_ref,
                                          const char          *by_name,
                                          const GDate         *on,
                                          const GDate         *today,
                                          GError             **error);

G_END_DECLS
