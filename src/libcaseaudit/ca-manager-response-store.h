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

G_END_DECLS
