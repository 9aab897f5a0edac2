// SPDX-License-Identifier: GPL-3.0-or-later
// The deadline numbers in the database: defaults without rows, changes as rows, bad ones refused,
// and two copies of Case Audit changing them at once (R-N2).

#include "config.h"

#include <string.h>

#include "ca-settings-store.h"
#include "ca-test-fixture.h"

static CaDeadlineRules
load (CaDatabase *database)
{
  g_autoptr(GError) error = NULL;
  CaDeadlineRules rules;

  memset (&rules, 0xff, sizeof rules);
  g_assert_true (ca_settings_store_load_deadline_rules (database, &rules, &error));
  g_assert_no_error (error);
  return rules;
}

static void
save (CaDatabase            *database,
      const CaDeadlineRules *rules)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ca_settings_store_save_deadline_rules (database, rules, &error));
  g_assert_no_error (error);
}

static void
assert_rules_equal (const CaDeadlineRules *a,
                    const CaDeadlineRules *b)
{
  g_assert_cmpuint (a->category1_hours, ==, b->category1_hours);
  g_assert_cmpuint (a->category2_working_days, ==, b->category2_working_days);
  g_assert_cmpuint (a->category3_working_days, ==, b->category3_working_days);
  g_assert_cmpuint (a->manager_response_working_days, ==, b->manager_response_working_days);
  g_assert_cmpuint (a->urgent_action_working_days, ==, b->urgent_action_working_days);
  g_assert_cmpuint (a->action_days, ==, b->action_days);
}

static char *
stored (CaDatabase *database)
{
  return ca_test_query_text (database,
                             "SELECT coalesce ((SELECT group_concat (name || '=' || value, ';') "
                             "FROM (SELECT * FROM deadline_setting ORDER BY name)), '')");
}

static void
test_defaults (CaTestFixture *fixture,
               gconstpointer  data)
{
  CaDeadlineRules defaults, rules;

  ca_deadline_rules_init_defaults (&defaults);
  rules = load (fixture->database);
  assert_rules_equal (&rules, &defaults);

  /* Saving the defaults writes no row. */
  save (fixture->database, &defaults);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count(*) FROM deadline_setting"),
                   ==, 0);
}

static void
test_round_trip (CaTestFixture *fixture,
                 gconstpointer  data)
{
  g_autofree char *rows = NULL;
  CaDeadlineRules rules, again;

  ca_deadline_rules_init_defaults (&rules);
  rules.category1_hours = 24;
  rules.category2_working_days = 7;
  rules.action_days = 1000;
  save (fixture->database, &rules);

  rows = stored (fixture->database);
  g_assert_cmpstr (rows, ==, "action_days=1000;category1_hours=24;category2_working_days=7");
  again = load (fixture->database);
  assert_rules_equal (&again, &rules);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM change_history "
                                      "WHERE entity = 'deadline_setting' AND "
                                      "field = 'category2_working_days' AND "
                                      "old_value = '10' AND new_value = '7'"), ==, 1);

  /* Back to the default: the row goes, and a later default would reach this team. */
  rules.category2_working_days = 10;
  save (fixture->database, &rules);
  g_clear_pointer (&rows, g_free);
  rows = stored (fixture->database);
  g_assert_cmpstr (rows, ==, "action_days=1000;category1_hours=24");
  again = load (fixture->database);
  g_assert_cmpuint (again.category2_working_days, ==, 10);
}

static void
test_unknown_and_zero_rows (CaTestFixture *fixture,
                            gconstpointer  data)
{
  CaDeadlineRules defaults, rules;

  /* A later release's name, and a 0 no deadline could use: neither changes anything. */
  ca_test_exec (fixture->database,
                "INSERT INTO deadline_setting (name, value) VALUES ('category9_days', 3), "
                "('category3_working_days', 0), ('urgent_action_working_days', 2)");
  ca_deadline_rules_init_defaults (&defaults);
  rules = load (fixture->database);
  g_assert_cmpuint (rules.category3_working_days, ==, defaults.category3_working_days);
  g_assert_cmpuint (rules.urgent_action_working_days, ==, 2);
}

static void
test_refused (CaTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 history;
  CaDeadlineRules rules;

  ca_deadline_rules_init_defaults (&rules);
  rules.category3_working_days = 15;
  save (fixture->database, &rules);
  before = stored (fixture->database);
  history = ca_test_query_int (fixture->database, "SELECT count(*) FROM change_history");

  /* A good change beside a bad one: neither is written. */
  rules.category1_hours = 12;
  rules.category2_working_days = 0;
  g_assert_false (ca_settings_store_save_deadline_rules (fixture->database, &rules, &error));
  g_assert_error (error, CA_SETTINGS_STORE_ERROR, CA_SETTINGS_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "A Category 2 audit needs at least 1 working day to check its "
                   "recommendations.");
  g_clear_error (&error);

  rules.category2_working_days = 10;
  rules.action_days = 1001;
  g_assert_false (ca_settings_store_save_deadline_rules (fixture->database, &rules, &error));
  g_assert_error (error, CA_SETTINGS_STORE_ERROR, CA_SETTINGS_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1001"));

  after = stored (fixture->database);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count(*) FROM change_history"),
                   ==, history);
}

/* Saves RULES, changed since BASE, through DATABASE; BASE becomes what is stored after. */
static GStrv
save_since (CaDatabase            *database,
            CaDeadlineRules       *base,
            const CaDeadlineRules *rules)
{
  g_autoptr(GError) error = NULL;
  GStrv conflicts = NULL;
  CaDeadlineRules stored;

  g_assert_true (ca_settings_store_save_deadline_rules_since (database, base, rules, &stored,
                                                              &conflicts, &error));
  g_assert_no_error (error);
  g_assert_nonnull (conflicts);
  *base = stored;
  return conflicts;
}

/* Two preferences windows, in two copies of Case Audit, opened on the same numbers. B
 * changes Category 2; A, still showing the old Category 2, changes Category 3. Today's main
 * saved A's whole set, putting Category 2 back; now each number is merged, and A gets the
 * stored numbers to show. */
static void
test_two_copies_different_numbers (CaTestFixture *fixture,
                                   gconstpointer  data)
{
  g_autoptr(CaDatabase) second = ca_test_open_second (fixture->path);
  g_auto(GStrv) conflicts_b = NULL;
  g_auto(GStrv) conflicts_a = NULL;
  CaDeadlineRules a_base = load (fixture->database);
  CaDeadlineRules b_base = load (second);
  CaDeadlineRules a = a_base, b = b_base, after;

  b.category2_working_days = 7;
  conflicts_b = save_since (second, &b_base, &b);
  g_assert_null (conflicts_b[0]);

  a.category3_working_days = 12;
  conflicts_a = save_since (fixture->database, &a_base, &a);
  g_assert_null (conflicts_a[0]);
  g_assert_cmpuint (a_base.category2_working_days, ==, 7);
  g_assert_cmpuint (a_base.category3_working_days, ==, 12);

  after = load (fixture->database);
  g_assert_cmpuint (after.category2_working_days, ==, 7);
  g_assert_cmpuint (after.category3_working_days, ==, 12);
}

/* Both change Category 2, differently: the second save keeps the first's number, names the
 * number, and still writes its other change; once the person keeps their own number (its
 * base now the stored one), it is written. */
static void
test_two_copies_same_number (CaTestFixture *fixture,
                             gconstpointer  data)
{
  g_autoptr(CaDatabase) second = ca_test_open_second (fixture->path);
  g_auto(GStrv) conflicts_a = NULL;
  g_auto(GStrv) conflicts_b = NULL;
  g_auto(GStrv) chosen = NULL;
  CaDeadlineRules a_base = load (fixture->database);
  CaDeadlineRules b_base = load (second);
  CaDeadlineRules a = a_base, b = b_base, after;
  const char * const expected[] = { "category2_working_days", NULL };

  a.category2_working_days = 7;
  conflicts_a = save_since (fixture->database, &a_base, &a);
  g_assert_null (conflicts_a[0]);

  b.category2_working_days = 9;
  b.action_days = 21;
  conflicts_b = save_since (second, &b_base, &b);
  g_assert_cmpstrv (conflicts_b, expected);
  g_assert_cmpuint (b_base.category2_working_days, ==, 7);
  g_assert_cmpuint (b_base.action_days, ==, 21);
  after = load (fixture->database);
  g_assert_cmpuint (after.category2_working_days, ==, 7);
  g_assert_cmpuint (after.action_days, ==, 21);

  /* B's person keeps 9: B's base for it is now the stored 7. */
  chosen = save_since (second, &b_base, &b);
  g_assert_null (chosen[0]);
  after = load (fixture->database);
  g_assert_cmpuint (after.category2_working_days, ==, 9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, CaTestFixture, NULL, ca_test_fixture_set_up, func, ca_test_fixture_tear_down)

  ADD ("/settings-store/defaults", test_defaults);
  ADD ("/settings-store/round-trip", test_round_trip);
  ADD ("/settings-store/unknown-and-zero-rows", test_unknown_and_zero_rows);
  ADD ("/settings-store/refused", test_refused);
  ADD ("/settings-store/two-copies-different-numbers", test_two_copies_different_numbers);
  ADD ("/settings-store/two-copies-same-number", test_two_copies_same_number);

  return g_test_run ();
}
