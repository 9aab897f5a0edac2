// SPDX-License-Identifier: GPL-3.0-or-later
// R-A3 / R-D3: auditors' audits a month, by role and by person (leave, part-time, vacancies); R-H2: moderators' own moderations a month.
#pragma once

#include <gio/gio.h>

#include "ca-database.h"
#include "ca-role-capacity.h"

G_BEGIN_DECLS

#define CA_CAPACITY_STORE_ERROR (ca_capacity_store_error_quark ())

typedef enum
{
  CA_CAPACITY_STORE_ERROR_INVALID,    /* a number no capacity can be */
  CA_CAPACITY_STORE_ERROR_NOT_FOUND,  /* no such role or person */
  CA_CAPACITY_STORE_ERROR_NOT_AUDITOR, /* the role has no quota, so its people do not audit */
  CA_CAPACITY_STORE_ERROR_CHANGED,     /* changed elsewhere since it was shown: see STORED */
} CaCapacityStoreError;

/* The most audits a month anyone can take: the table's own limit. */
#define CA_CAPACITY_MAX 1000
/* A person's own number when they have none, so that their role's applies. */
#define CA_CAPACITY_NONE (-1)

GQuark      ca_capacity_store_error_quark      (void);

/* A GListModel of CaRoleCapacity: every role with a quota, most senior first. */
GListModel *ca_capacity_store_list_roles       (CaDatabase  *db,
                                                GError     **error);

/* Each set call takes SHOWN, the number the caller showed (what it last saw stored), so that
 * two copies of Case Audit never silently overwrite each other's number (R-N2): when another
 * copy has stored a number other than SHOWN meanwhile, and other than the one asked for,
 * nothing is written: CA_CAPACITY_STORE_ERROR_CHANGED, with the number stored now in STORED
 * (nullable), for the person to choose. A person's own number is CA_CAPACITY_NONE when they
 * have none. */
gboolean    ca_capacity_store_set_role         (CaDatabase  *db,
                                                const char  *role_code,
                                                gint         shown,
                                                guint        capacity,
                                                gint        *stored,
                                                GError     **error);
/* A person's own number wins over their role's; clearing it puts the role's back. */
gboolean    ca_capacity_store_set_staff        (CaDatabase  *db,
                                                gint64       staff_id,
                                                gint         shown,
                                                guint        capacity,
                                                gint        *stored,
                                                GError     **error);
gboolean    ca_capacity_store_clear_staff      (CaDatabase  *db,
                                                gint64       staff_id,
                                                gint         shown,
                                                gint        *stored,
                                                GError     **error);

/* A moderator's own moderations a month (R-H2), over their role's; clearing it puts the
 * role's back. SHOWN and STORED as above. */
gboolean    ca_capacity_store_set_moderation   (CaDatabase  *db,
                                                gint64       staff_id,
                                                gint         shown,
                                                guint        capacity,
                                                gint        *stored,
                                                GError     **error);
gboolean    ca_capacity_store_clear_moderation (CaDatabase  *db,
                                                gint64       staff_id,
                                                gint         shown,
                                                gint        *stored,
                                                GError     **error);

G_END_DECLS
