// SPDX-License-Identifier: GPL-3.0-or-later
// The programme and a person's deadlines as an iCalendar file (RFC 5545) for Outlook (R-C4).
#pragma once

#include <gio/gio.h>

#include "ca-database.h"
#include "ca-output-file.h"

G_BEGIN_DECLS

char     *ca_ical_export_to_string (CaDatabase  *database,
                                    gint64       staff_id,
                                    guint       *n_events,
                                    GError     **error);
gboolean  ca_ical_export_save      (CaDatabase         *database,
                                    gint64              staff_id,
                                    const char         *path,
                                    CaOutputFileFlags   flags,
                                    guint              *n_events,
                                    GError            **error);

G_END_DECLS
