// SPDX-License-Identifier: GPL-3.0-or-later
// R-A3: one auditor's audits in a year against their role's quota.
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CA_TYPE_QUOTA_PROGRESS (ca_quota_progress_get_type ())

G_DECLARE_FINAL_TYPE (CaQuotaProgress, ca_quota_progress, CA, QUOTA_PROGRESS, GObject)

gint64       ca_quota_progress_get_staff_id   (CaQuotaProgress *self);
const char  *ca_quota_progress_get_staff_ref  (CaQuotaProgress *self);
const char  *ca_quota_progress_get_name       (CaQuotaProgress *self);
const char  *ca_quota_progress_get_role       (CaQuotaProgress *self);
/* Nullable: senior managers belong to no team. */
const char  *ca_quota_progress_get_team       (CaQuotaProgress *self);
/* The whole year's quota. */
guint        ca_quota_progress_get_quota      (CaQuotaProgress *self);
/* The part of it that should be done by the day the progress was worked out. */
guint        ca_quota_progress_get_target     (CaQuotaProgress *self);
/* Audits given to them in the year, whatever their state, and those of them done. */
guint        ca_quota_progress_get_allocated  (CaQuotaProgress *self);
guint        ca_quota_progress_get_completed  (CaQuotaProgress *self);
/* How many audits short of the target to date they are; 0 when on track. */
guint        ca_quota_progress_get_shortfall  (CaQuotaProgress *self);
gboolean     ca_quota_progress_is_short       (CaQuotaProgress *self);
/* A line for the window: "4 of 12 done, 5 given; 6 due by now — 2 short". */
const char  *ca_quota_progress_get_summary    (CaQuotaProgress *self);
/* In words, so a shortfall is never shown by colour alone: "On track" or "Behind by 2". */
const char  *ca_quota_progress_get_status     (CaQuotaProgress *self);

/* Audits a month in an allocation run: the person's own number when they have one, else their
 * role's. The own number is -1 when they have none. */
guint        ca_quota_progress_get_capacity      (CaQuotaProgress *self);
gint         ca_quota_progress_get_own_capacity  (CaQuotaProgress *self);
guint        ca_quota_progress_get_role_capacity (CaQuotaProgress *self);
/* Whether their own number is set and differs from the role's. */
gboolean     ca_quota_progress_has_own_capacity  (CaQuotaProgress *self);
/* For the window: "1 a month" or "0 a month (role: 1)". */
const char  *ca_quota_progress_get_capacity_text (CaQuotaProgress *self);

G_END_DECLS
