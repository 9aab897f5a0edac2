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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaResponseAction, ca_response_action_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaManagerResponse, ca_manager_response_free)

G_END_DECLS
