// SPDX-License-Identifier: GPL-3.0-or-later
// Reads and records the manager's response to a submitted audit (R-F9).
#pragma once

#include <gio/gio.h>

#include "ca-database.h"
#include "core/ca-manager-response.h"

G_BEGIN_DECLS

#define CA_MANAGER_RESPONSE_STORE_ERROR (ca_manager_response_store_error_quark ())

typedef enum
{
  CA_MANAGER_RESPONSE_STORE_ERROR_NOT_FOUND,
  CA_MANAGER_RESPONSE_STORE_ERROR_NOT_SUBMITTED, /* only a submitted audit gets a response */
  CA_MANAGER_RESPONSE_STORE_ERROR_INVALID,       /* refused: the problems say why */
  CA_MANAGER_RESPONSE_STORE_ERROR_CHANGED,       /* refused: changed in two places at once;
                                                  * the conflicts say which fields */
} CaManagerResponseStoreError;

GQuark             ca_manager_response_store_error_quark (void);

/* The response to audit AUDIT_ID as stored (empty when there is none yet), with each of the
 * audit's actions and the manager's plan for it. TODAY (NULL: today in England) decides
 * whether it is overdue. */
CaManagerResponse *ca_manager_response_store_load        (CaDatabase              *database,
                                                          gint64                   audit_id,
                                                          const GDate             *today,
                                                          GError                 **error);

/* Validates RESPONSE with ca_manager_response_check() on TODAY (NULL: today in England);
 * with problems, returns FALSE with CA_MANAGER_RESPONSE_STORE_ERROR_INVALID and the list (of
 * CaRuleProblem) in PROBLEMS. Otherwise writes the response and each action's plan and
 * by-when in one transaction, every change in the history. Refused
 * (CA_MANAGER_RESPONSE_STORE_ERROR_NOT_SUBMITTED) for an audit not yet submitted. The due
 * date is not the form's to change and is left as it is. */
gboolean           ca_manager_response_store_save        (CaDatabase              *database,
                                                          const CaManagerResponse *response,
                                                          const GDate             *today,
                                                          GPtrArray              **problems,
                                                          GError                 **error);

/* Records the changes made to RESPONSE since BASE (the response as this copy loaded it, or
 * as its last save returned it), so that two copies of Case Audit recording one response
 * never silently overwrite each other (R-N2). In one transaction that holds the write lock,
 * field by field (see ca_manager_response_merge()): a field RESPONSE left as it was in BASE
 * keeps what is stored, so another copy's change stays; a field RESPONSE changed is written.
 * When another copy has changed a field too, differently, nothing at all is written: FALSE
 * with CA_MANAGER_RESPONSE_STORE_ERROR_CHANGED and, in CONFLICTS, the fields (paths as in
 * core/ca-manager-response.h) for the person to choose between. The merged response is then
 * checked as ca_manager_response_store_save() checks it. Returns the response as stored after
 * the save (with any field changed only elsewhere), or NULL with ERROR. */
CaManagerResponse *ca_manager_response_store_save_since  (CaDatabase              *database,
                                                          const CaManagerResponse *base,
                                                          const CaManagerResponse *response,
                                                          const GDate             *today,
                                                          GPtrArray              **problems,
                                                          GStrv                   *conflicts,
                                                          GError                 **error);

/* Gives audit AUDIT_ID's response row the due date DUE_DATE, making the row when there is
 * none, with the change in the history; inside the caller's transaction (the submission). */
gboolean           ca_manager_response_store_set_due     (CaDatabase              *database,
                                                          gint64                   audit_id,
                                                          const char              *due_date,
                                                          GError                 **error);

G_END_DECLS
