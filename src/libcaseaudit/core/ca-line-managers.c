// SPDX-License-Identifier: GPL-3.0-or-later
// The line-management chains: who manages whom, and the walk up from a person.

#define G_LOG_DOMAIN "ca-line-managers"

#include "config.h"

#include "ca-line-managers.h"

/* A chain longer than this is a loop in the data (A manages B manages A). */
#define MAX_STEPS 64

GHashTable *
ca_line_managers_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

void
ca_line_managers_add (GHashTable *line_managers,
                      gint64      staff_id,
                      gint64      manager_id)
{
  g_hash_table_insert (line_managers, g_memdup2 (&staff_id, sizeof staff_id),
                       g_memdup2 (&manager_id, sizeof manager_id));
}

/**
 * ca_line_managers_find:
 * @start: where the walk begins (0: no one)
 * @with_start: whether @start itself may be the one, or only those above
 *
 * Returns: the first person up the chain from @start for whom @test says yes, or 0; a
 *   chain that loops is walked a bounded number of steps
 */
gint64
ca_line_managers_find (GHashTable        *line_managers,
                       gint64             start,
                       gboolean           with_start,
                       CaLineManagerTest  test,
                       gpointer           data)
{
  gint64 person = start;

  g_return_val_if_fail (test != NULL, 0);

  for (guint steps = 0; person != 0 && steps < MAX_STEPS; steps++)
    {
      const gint64 *manager;

      if ((with_start || steps > 0) && test (person, data))
        return person;
      manager = line_managers != NULL ? g_hash_table_lookup (line_managers, &person) : NULL;
      person = manager != NULL ? *manager : 0;
    }
  return 0;
}
