// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit allocate: preview, commit and cancel a month's allocation run (R-D1–R-D5).
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int ca_allocate_command_run (int    argc,
                             char **argv);

G_END_DECLS
