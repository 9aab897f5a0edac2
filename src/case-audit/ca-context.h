// SPDX-License-Identifier: GPL-3.0-or-later
// What every view of one database shares: the database, the settings, the bank holidays, the deadline rules, today.
#pragma once

#include <gio/gio.h>

#include "ca-database.h"
#include "core/ca-deadlines.h"
#include "core/ca-working-days.h"

G_BEGIN_DECLS

#define CA_TYPE_CONTEXT (ca_context_get_type ())

G_DECLARE_FINAL_TYPE (CaContext, ca_context, CA, CONTEXT, GObject)

CaContext         *ca_context_new                  (CaDatabase *database,
                                                    GSettings  *settings);
CaDatabase        *ca_context_get_database         (CaContext  *self);
GSettings         *ca_context_get_settings         (CaContext  *self);
CaHolidayCalendar *ca_context_get_holiday_calendar (CaContext  *self);
const CaDeadlineRules *
                   ca_context_get_deadline_rules   (CaContext  *self);
char              *ca_context_dup_staff_ref        (CaContext  *self);
void               ca_context_get_today            (CaContext  *self,
                                                    GDate      *today);
void               ca_context_hold_in_task         (CaContext  *self,
                                                    GTask      *task);
gboolean           ca_context_load_still_wanted    (GTask      *task,
                                                    CaContext  *now,
                                                    const char *closed);

G_END_DECLS
