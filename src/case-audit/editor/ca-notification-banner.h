// SPDX-License-Identifier: GPL-3.0-or-later
// The banner that asks, until someone marks it done, for the Category 1–2 e-mail to the
// case's managers (R-F7): save it as a draft, open it in the mail program, mark it sent.
#pragma once

#include <adwaita.h>

#include "ca-database.h"

G_BEGIN_DECLS

#define CA_TYPE_NOTIFICATION_BANNER (ca_notification_banner_get_type ())

G_DECLARE_FINAL_TYPE (CaNotificationBanner, ca_notification_banner, CA, NOTIFICATION_BANNER,
                      GtkWidget)

/* Shows the banner when audit AUDIT_ID waits for its e-mail, hides it otherwise. */
void             ca_notification_banner_show_audit        (CaNotificationBanner *self,
                                                           CaDatabase           *database,
                                                           gint64                audit_id);
void             ca_notification_banner_clear             (CaNotificationBanner *self);
gboolean         ca_notification_banner_get_revealed      (CaNotificationBanner *self);
const char      *ca_notification_banner_get_title         (CaNotificationBanner *self);
const char      *ca_notification_banner_get_detail        (CaNotificationBanner *self);

/* Where the banner's messages appear; set in the parent's template. */
AdwToastOverlay *ca_notification_banner_get_toast_overlay (CaNotificationBanner *self);
void             ca_notification_banner_set_toast_overlay (CaNotificationBanner *self,
                                                           AdwToastOverlay      *overlay);

G_END_DECLS
