// SPDX-License-Identifier: GPL-3.0-or-later
// Calendar dates and timestamps as the store keeps them: ISO-8601 text.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  ca_date_parse           (const char  *text,
                                   GDate       *date);
gboolean  ca_date_parse_typed     (const char  *text,
                                   GDate       *date);
gboolean  ca_date_parse_month     (const char  *text,
                                   GDate       *first_day);
char     *ca_date_format          (const GDate *date);
char     *ca_date_format_display  (const char  *iso_date);
char     *ca_date_format_month    (const char  *month);
char     *ca_date_strftime        (const GDate *date,
                                   const char  *format);
void      ca_date_set_today       (GDate       *date);
void      ca_date_get_week        (const GDate *day,
                                   GDate       *monday,
                                   GDate       *sunday);
guint     ca_date_seconds_until_hour (GDateTime *now,
                                      int        hour);
char     *ca_timestamp_now        (void);
char     *ca_timestamp_from_date_time (GDateTime *moment);
char     *ca_timestamp_from_date  (const GDate *date,
                                   int          hour,
                                   int          minute);

G_END_DECLS
