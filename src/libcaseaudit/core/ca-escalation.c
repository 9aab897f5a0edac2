// SPDX-License-Identifier: GPL-3.0-or-later
// R-I1: escalation to the Head of Service of a Category 1–3 audit not checked in time.

#define G_LOG_DOMAIN "ca-escalation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-deadlines.h"
#include "ca-escalation.h"

gint64
ca_escalation_head_of_service (GHashTable *line_managers,
                               GHashTable *heads,
                               gint64      start)
{
  gint64 person = start;

  g_return_val_if_fail (line_managers != NULL && heads != NULL, 0);

  /* A chain that loops (bad data) is walked a bounded number of steps. */
  for (guint steps = 0; person != 0 && steps < 64; steps++)
    {
      const gint64 *manager;

      if (g_hash_table_contains (heads, &person))
        return person;
      manager = g_hash_table_lookup (line_managers, &person);
      person = manager != NULL ? *manager : 0;
    }
  return 0;
}

gboolean
ca_escalation_is_due (GDateTime *deadline,
                      gboolean   checked,
                      GDateTime *now)
{
  g_return_val_if_fail (now != NULL, FALSE);

  return deadline != NULL && !checked && g_date_time_compare (deadline, now) < 0;
}

char *
ca_escalation_reason (int        category,
                      GDateTime *deadline)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (deadline != NULL, NULL);

  local = g_date_time_to_timezone (deadline, ca_deadline_get_time_zone ());
  /* Translators: a moment as strftime() writes it: "14:00 on 3 November 2026" */
  when = g_date_time_format (local, _("%H:%M on %-d %B %Y"));
  /* Translators: why an audit went to the Head of Service; %d is its category 1–3. */
  return g_strdup_printf (_("The recommendations of this Category %d audit were not checked "
                            "by %s."), category, when);
}
