// SPDX-License-Identifier: GPL-3.0-or-later
// R-I1: escalation to the Head of Service of a Category 1–3 audit not checked in time.

#define G_LOG_DOMAIN "ca-escalation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-deadlines.h"
#include "ca-escalation.h"
#include "ca-line-managers.h"

static gboolean
is_head (gint64   person,
         gpointer heads)
{
  return g_hash_table_contains (heads, &person);
}

gint64
ca_escalation_head_of_service (GHashTable *line_managers,
                               GHashTable *heads,
                               gint64      start)
{
  g_return_val_if_fail (line_managers != NULL && heads != NULL, 0);

  return ca_line_managers_find (line_managers, start, TRUE, is_head, heads);
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
