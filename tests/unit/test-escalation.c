// SPDX-License-Identifier: GPL-3.0-or-later
// R-I1: who an audit not checked in time goes up to, when, and why in words.

#include "config.h"

#include "core/ca-escalation.h"
#include "core/ca-line-managers.h"

static void
add_head (GHashTable *heads,
          gint64      id)
{
  g_hash_table_add (heads, g_memdup2 (&id, sizeof id));
}

static void
test_head_of_service (void)
{
  g_autoptr(GHashTable) managers = ca_line_managers_new ();
  g_autoptr(GHashTable) heads = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  /* Worker 10 → team manager 20 → service manager 30 → head of service 40 → director 50. */
  ca_line_managers_add (managers, 10, 20);
  ca_line_managers_add (managers, 20, 30);
  ca_line_managers_add (managers, 30, 40);
  ca_line_managers_add (managers, 40, 50);
  add_head (heads, 40);
  g_assert_cmpint (ca_escalation_head_of_service (managers, heads, 10), ==, 40);
  g_assert_cmpint (ca_escalation_head_of_service (managers, heads, 30), ==, 40);
  /* A Head of Service's own case goes to them. */
  g_assert_cmpint (ca_escalation_head_of_service (managers, heads, 40), ==, 40);
  /* Above the Head of Service there is none to go to. */
  g_assert_cmpint (ca_escalation_head_of_service (managers, heads, 50), ==, 0);
  /* Nobody: no chain at all. */
  g_assert_cmpint (ca_escalation_head_of_service (managers, heads, 0), ==, 0);
  g_assert_cmpint (ca_escalation_head_of_service (managers, heads, 99), ==, 0);

  /* A loop in the data ends the walk rather than hanging it. */
  ca_line_managers_add (managers, 60, 61);
  ca_line_managers_add (managers, 61, 60);
  g_assert_cmpint (ca_escalation_head_of_service (managers, heads, 60), ==, 0);
}

static void
test_due (void)
{
  g_autoptr(GDateTime) deadline = g_date_time_new_from_iso8601 ("2026-11-03T14:00:00Z", NULL);
  g_autoptr(GDateTime) before = g_date_time_new_from_iso8601 ("2026-11-03T13:59:59Z", NULL);
  g_autoptr(GDateTime) after = g_date_time_new_from_iso8601 ("2026-11-03T14:00:01Z", NULL);

  g_assert_false (ca_escalation_is_due (deadline, FALSE, before));
  g_assert_false (ca_escalation_is_due (deadline, FALSE, deadline));
  g_assert_true (ca_escalation_is_due (deadline, FALSE, after));
  /* Checked in time or late, it is not escalated. */
  g_assert_false (ca_escalation_is_due (deadline, TRUE, after));
  g_assert_false (ca_escalation_is_due (NULL, FALSE, after));
}

/* The deadline said in England's time, on either side of the clocks going back (25 October
 * 2026, 02:00 BST → 01:00 GMT). */
static void
test_reason_across_clock_change (void)
{
  g_autoptr(GDateTime) summer = g_date_time_new_from_iso8601 ("2026-10-23T13:00:00Z", NULL);
  g_autoptr(GDateTime) winter = g_date_time_new_from_iso8601 ("2026-10-26T13:00:00Z", NULL);
  g_autofree char *in_summer = ca_escalation_reason (1, summer);
  g_autofree char *in_winter = ca_escalation_reason (2, winter);

  g_assert_cmpstr (in_summer, ==, "The recommendations of this Category 1 audit were not "
                                  "checked by 14:00 on 23 October 2026.");
  g_assert_cmpstr (in_winter, ==, "The recommendations of this Category 2 audit were not "
                                  "checked by 13:00 on 26 October 2026.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/escalation/head-of-service", test_head_of_service);
  g_test_add_func ("/escalation/due", test_due);
  g_test_add_func ("/escalation/reason", test_reason_across_clock_change);

  return g_test_run ();
}
