// SPDX-License-Identifier: GPL-3.0-or-later
// The manager's response to a submitted audit (R-F9) as plain data, and its rules.
#pragma once

#include <glib.h>

#include "ca-audit-rules.h"

G_BEGIN_DECLS

/* One of the audit's actions, with the manager's answer to it. The action itself (what, who,
 * when) was fixed at submission and is only shown; PLAN and BY_WHEN are the response. */
typedef struct
{
  gint64  action_id;
  char   *description;
  gint64  owner_id;     /* 0: nobody named */
  char   *owner;        /* the owner's name; nullable */
  char   *due_date;     /* ISO date; nullable */
  char   *plan;         /* how it will be met; nullable */
  char   *by_when;      /* ISO date; nullable */
} CaResponseAction;

/* The response to one audit. Strings are nullable; the rules treat blank text as missing. */
typedef struct
{
  gint64      audit_id;
  gint64      manager_id;      /* 0: not chosen yet */
  char       *response;        /* anything else the manager wants to say; nullable */
  char       *stretch_target;
  char       *decision;        /* the record of the decision made */
  char       *responded_on;    /* ISO date: set once the response is recorded */
  char       *due_date;        /* ISO date, set at submission; read-only for the form */
  gboolean    overdue;         /* worked out when loaded: see ca_manager_response_is_overdue */
  GPtrArray  *actions;         /* of CaResponseAction, in the order of the audit's table */
} CaManagerResponse;

CaResponseAction  *ca_response_action_new         (gint64                   action_id,
                                                   const char              *description,
                                                   const char              *due_date);
CaResponseAction  *ca_response_action_copy        (const CaResponseAction  *action);
void               ca_response_action_free        (CaResponseAction        *action);

CaManagerResponse *ca_manager_response_new        (gint64                   audit_id);
CaManagerResponse *ca_manager_response_copy       (const CaManagerResponse *response);
void               ca_manager_response_free       (CaManagerResponse       *response);

gboolean           ca_manager_response_is_overdue (const CaManagerResponse *response,
                                                   const GDate             *today);

/* The problems (CaRuleProblem) that stop RESPONSE being recorded on TODAY; empty when none.
 * The paths: "manager", "actions[N].plan", "actions[N].by_when" (N counts from 0, the
 * message from 1), "decision", "responded_on". */
GPtrArray         *ca_manager_response_check      (const CaManagerResponse *response,
                                                   const GDate             *today);

/* A response is compared and merged field by field, so that two copies of Case Audit
 * recording one response never silently overwrite each other (R-N2). A field is named by
 * the paths the problems use, so the form can point at it:
 *   "manager", "actions[N].plan", "actions[N].by_when", "stretch_target", "decision",
 *   "response", "responded_on".
 * Its value is text that ca_manager_response_set_field() reads back exactly (the manager as
 * the staff id in decimal); NULL is no value, and blank text counts as none. */
char              *ca_manager_response_dup_field  (const CaManagerResponse *response,
                                                   const char              *where);
gboolean           ca_manager_response_set_field  (CaManagerResponse       *response,
                                                   const char              *where,
                                                   const char              *value);
/* Every field of RESPONSE, in the form's order; NULL-terminated. */
GStrv              ca_manager_response_list_fields (const CaManagerResponse *response);
/* Whether A and B answer the same actions, in the same order: only then can they merge. */
gboolean           ca_manager_response_same_actions (const CaManagerResponse *a,
                                                     const CaManagerResponse *b);

/* The three-way merge (see core/ca-merge.h): BASE is the response as one copy loaded it,
 * MINE as it holds it now, THEIRS as stored now; all three answer the same actions. The
 * result starts as THEIRS; CONFLICTS gets the fields changed differently in MINE and THEIRS
 * (NULL-terminated, never NULL itself), for which the result keeps THEIRS. */
CaManagerResponse *ca_manager_response_merge      (const CaManagerResponse *base,
                                                   const CaManagerResponse *mine,
                                                   const CaManagerResponse *theirs,
                                                   GStrv                   *conflicts);

/* In words, for a person choosing between two versions of a field: the field's name as the
 * form shows it ("How action 2 will be met"), and VALUE in words (a date in full, the
 * manager's name from STAFF_NAMES, gint64 * → name, nullable). */
char              *ca_manager_response_describe_field (const char *where);
char              *ca_manager_response_describe_value (const char *where,
                                                       const char *value,
                                                       GHashTable *staff_names);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaResponseAction, ca_response_action_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaManagerResponse, ca_manager_response_free)

G_END_DECLS
