// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the fuzz harnesses: the libFuzzer entry points and the checks every harness makes.
#pragma once

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>

/* Each harness defines LLVMFuzzerTestOneInput; fuzz-common.c defines LLVMFuzzerInitialize. */
int  LLVMFuzzerInitialize   (int            *argc,
                             char         ***argv);
int  LLVMFuzzerTestOneInput (const uint8_t  *data,
                             size_t          size);

/* A failed check of a harness: abort(), which libFuzzer catches and saves the input of
 * (g_error() stops on a breakpoint trap, which it does not). */
#define fuzz_fail(...) \
  G_STMT_START { g_printerr (__VA_ARGS__); g_printerr ("\n"); abort (); } G_STMT_END

void fuzz_check_text (const char *text);
