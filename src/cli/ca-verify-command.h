// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit verify: checks a database whole and reports each problem in words.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int ca_verify_command_run (int    argc,
                           char **argv);

G_END_DECLS
