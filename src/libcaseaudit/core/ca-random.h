// SPDX-License-Identifier: GPL-3.0-or-later
// A small seeded generator (xoshiro256**, seeded through splitmix64): the same numbers on
// every machine, so a stored seed repeats an allocation or a moderation sample exactly.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 s[4];
} CaRandom;

void     ca_random_init  (CaRandom *random,
                          guint64   seed);
guint64  ca_random_next  (CaRandom *random);
guint64  ca_random_below (CaRandom *random,
                          guint64   bound);

G_END_DECLS
