// SPDX-License-Identifier: GPL-3.0-or-later
// R-F7: who must be told at once of a Category 1–2 audit, and whether someone has marked
// that e-mail as sent.
#pragma once

#include <gio/gio.h>

#include "ca-database.h"

G_BEGIN_DECLS

#define CA_NOTIFICATION_STORE_ERROR (ca_notification_store_error_quark ())

typedef enum
{
  CA_NOTIFICATION_STORE_ERROR_NOT_FOUND,
  CA_NOTIFICATION_STORE_ERROR_NOT_NEEDED,  /* not submitted, or not Category 1 or 2 */
} CaNotificationStoreError;

typedef enum
{
  CA_NOTIFICATION_ROLE_TEAM_MANAGER,
  CA_NOTIFICATION_ROLE_SERVICE_MANAGER,
} CaNotificationRole;

typedef struct
{
  CaNotificationRole  role;
  gint64              staff_id;
  char               *name;
  char               *email;      /* nullable: then the e-mail cannot reach them */
} CaNotificationRecipient;

typedef struct
{
  gint64      audit_id;
  int         category;           /* 0 when none */
  gboolean    needed;             /* submitted (or closed) with Category 1 or 2 */
  char       *sent_at;            /* UTC timestamp; NULL while not marked sent */
  char       *case_ref;
  char       *team;               /* the case's team */
  GPtrArray  *recipients;         /* of CaNotificationRecipient: Team Managers first */
} CaNotificationStatus;

GQuark                ca_notification_store_error_quark (void);
void                  ca_notification_recipient_free    (CaNotificationRecipient *recipient);
void                  ca_notification_status_free       (CaNotificationStatus    *status);

/* TRUE when STATUS has a recipient of ROLE (with or without an e-mail address). */
gboolean              ca_notification_status_has_role   (const CaNotificationStatus *status,
                                                         CaNotificationRole          role);

/* Whether audit AUDIT_ID needs the notification, whether it was sent, and to whom it goes.
 * The rule for whom:
 *  - the Team Manager: every active member of the case's team whose role is Team Manager
 *    (normally one);
 *  - the Service Manager: for each of those Team Managers, the nearest active Service
 *    Manager up their line-management chain. When the team has no Team Manager, the chain
 *    of the case's allocated worker is followed instead, so a team between managers still
 *    reaches its Service Manager.
 * Someone found but without an e-mail address stays in the list with a NULL email. */
CaNotificationStatus *ca_notification_store_load        (CaDatabase              *database,
                                                         gint64                   audit_id,
                                                         GError                 **error);

/* Records that the e-mail was sent at SENT_AT (NULL: now), with its history row, in one
 * transaction. Refuses with CA_NOTIFICATION_STORE_ERROR_NOT_NEEDED for an audit that needs
 * no notification. Marking an audit already marked keeps the first time. */
gboolean              ca_notification_store_mark_sent   (CaDatabase              *database,
                                                         gint64                   audit_id,
                                                         GDateTime               *sent_at,
                                                         GError                 **error);

/* Undoes ca_notification_store_mark_sent(): the audit asks again. Also in the history. */
gboolean              ca_notification_store_mark_not_sent (CaDatabase            *database,
                                                           gint64                 audit_id,
                                                           GError               **error);

/* The audits still waiting for the notification, oldest submission first (gint64 ids). */
GArray               *ca_notification_store_list_unsent (CaDatabase              *database,
                                                         GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaNotificationRecipient, ca_notification_recipient_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaNotificationStatus, ca_notification_status_free)

G_END_DECLS
