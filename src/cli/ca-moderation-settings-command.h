// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit moderation settings and moderation capacity (R-H1, R-H2), called by
// ca-moderation-command.c once its options are parsed.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Shows the team's random share and due working day, after setting those given (NULL: left
 * as they are). */
int ca_moderation_settings_command_run (const char *database_path,
                                        const char *percent,
                                        const char *due_working_day,
                                        gboolean    json);

/* Lists the moderators with their moderations a month when STAFF_REF is NULL; otherwise
 * gives STAFF_REF their own NUMBER a month, or their role's with "default". */
int ca_moderation_capacity_command_run (const char *database_path,
                                        const char *staff_ref,
                                        const char *number,
                                        gboolean    json);

G_END_DECLS
