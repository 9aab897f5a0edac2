// SPDX-License-Identifier: GPL-3.0-or-later
// The seeded generator: xoshiro256** seeded through splitmix64 (Blackman and Vigna), so a
// stored seed gives the same draw on every machine and C library.

#define G_LOG_DOMAIN "ca-random"

#include "config.h"

#include "ca-random.h"

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

void
ca_random_init (CaRandom *random,
                guint64   seed)
{
  guint64 state = seed;

  g_return_if_fail (random != NULL);

  for (int i = 0; i < 4; i++)
    random->s[i] = splitmix64 (&state);
}

guint64
ca_random_next (CaRandom *random)
{
  guint64 *s = random->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, bound): values from the short top of the range are drawn again, so no
 * number is more likely than another. */
guint64
ca_random_below (CaRandom *random,
                 guint64   bound)
{
  guint64 limit, x;

  g_return_val_if_fail (bound > 0, 0);

  limit = G_MAXUINT64 - G_MAXUINT64 % bound;
  do
    x = ca_random_next (random);
  while (x >= limit);
  return x % bound;
}
