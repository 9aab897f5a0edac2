// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit event: add, list and remove the programme's dated events (R-C2).
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int ca_event_command_run (int    argc,
                          char **argv);

G_END_DECLS
