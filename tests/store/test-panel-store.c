// SPDX-License-Identifier: GPL-3.0-or-later
// Moderation panels (R-H5): the audits a panel reviewed, by id or case reference, its
// conclusions, the refusals (not a panel, not submitted, unknown, twice) that change nothing,
// the history and change notes of each write, and the links going with the event or audit.

#include "config.h"

#include <string.h>

#include "ca-database-changes.h"
#include "ca-panel-store.h"
#include "ca-test-fixture.h"

#define PANEL 10
#define WORKSHOP 11

static void
set_up (CaTestFixture *fixture,
        gconstpointer  data)
{
  ca_test_fixture_set_up (fixture, data);
  ca_test_fixture_add_rows (fixture);
  /* Audits 1 and 2 (case CA-000101) are submitted, 2 moderated Inadequate; audit 3 (case
   * CA-000102) is only allocated. */
  ca_test_exec (fixture->database,
    "INSERT INTO programme_event (id, kind, title, event_date) VALUES"
    "  (10, 'moderation-panel', 'July panel', '2021-07-15'),"
    "  (11, 'workshop', 'Manager workshop', '2021-07-20');");
}

static gint64
count (CaTestFixture *fixture,
       const char    *sql)
{
  return ca_test_query_int (fixture->database, sql);
}

/* What a refusal must leave as it was. */
static char *
snapshot (CaTestFixture *fixture)
{
  return ca_test_query_text (fixture->database,
                             "SELECT (SELECT count(*) FROM change_history) || '/' || "
                             "(SELECT group_concat (event_id || ':' || audit_id) FROM panel_audit) "
                             "|| '/' || coalesce ((SELECT group_concat (coalesce (conclusions, "
                             "'-')) FROM programme_event), '')");
}

static void
test_add_and_remove (CaTestFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaPanel) panel = NULL;
  g_autofree char *history = NULL;
  gint64 audit_id = 0;
  const CaPanelAudit *audit;

  g_assert_true (ca_panel_store_add_case (fixture->database, PANEL, "  CA-000101 ", &audit_id,
                                          &error));
  g_assert_no_error (error);
  /* The case's latest submitted audit. */
  g_assert_cmpint (audit_id, ==, 2);
  g_assert_true (ca_panel_store_add_audit (fixture->database, PANEL, 1, &error));
  g_assert_no_error (error);

  panel = ca_panel_store_load (fixture->database, PANEL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (panel->title, ==, "July panel");
  g_assert_cmpstr (panel->date, ==, "2021-07-15");
  g_assert_null (panel->conclusions);
  g_assert_cmpuint (panel->audits->len, ==, 2);
  audit = panel->audits->pdata[0];
  g_assert_cmpint (audit->audit_id, ==, 1);
  g_assert_cmpstr (audit->case_ref, ==, "CA-000101");
  g_assert_cmpstr (audit->auditor, ==, "Amrit Kaur");
  g_assert_cmpint (audit->overall_grade, ==, CA_GRADE_GOOD);
  g_assert_cmpint (audit->moderated_grade, ==, CA_GRADE_NONE);
  audit = panel->audits->pdata[1];
  g_assert_cmpint (audit->audit_id, ==, 2);
  g_assert_cmpint (audit->overall_grade, ==, CA_GRADE_INADEQUATE);
  g_assert_cmpint (audit->moderated_grade, ==, CA_GRADE_INADEQUATE);

  history = ca_test_query_text (fixture->database,
                                "SELECT group_concat (new_value, ', ') FROM change_history "
                                "WHERE entity = 'programme_event' AND entity_id = 10 "
                                "AND field = 'panel_audit'");
  g_assert_cmpstr (history, ==, "audit 2 (CA-000101), audit 1 (CA-000101)");

  /* Taken off the list, the audit stays. */
  g_assert_true (ca_panel_store_remove_audit (fixture->database, PANEL, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM panel_audit"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit WHERE id = 1"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM change_history WHERE field = "
                                   "'panel_audit' AND old_value = 'audit 1 (CA-000101)' "
                                   "AND new_value IS NULL"), ==, 1);
}

static void
check_refused (CaTestFixture *fixture,
               const char    *before,
               GError        *error,
               GQuark         domain,
               int            code,
               const char    *words)
{
  g_autofree char *after = snapshot (fixture);

  g_assert_error (error, domain, code);
  g_assert_nonnull (strstr (error->message, words));
  g_assert_cmpstr (after, ==, before);
}

static void
test_refusals (CaTestFixture *fixture,
               gconstpointer  data)
{
  g_autofree char *before = NULL;
  GError *error = NULL;

  g_assert_true (ca_panel_store_add_audit (fixture->database, PANEL, 2, &error));
  g_assert_no_error (error);
  before = snapshot (fixture);

  g_assert_false (ca_panel_store_add_audit (fixture->database, PANEL, 3, &error));
  check_refused (fixture, before, error, CA_PANEL_STORE_ERROR, CA_PANEL_STORE_ERROR_REFUSED,
                 "has not been submitted");
  g_clear_error (&error);
  g_assert_false (ca_panel_store_add_case (fixture->database, PANEL, "CA-000102", NULL,
                                           &error));
  check_refused (fixture, before, error, CA_PANEL_STORE_ERROR, CA_PANEL_STORE_ERROR_REFUSED,
                 "has no submitted audit");
  g_clear_error (&error);
  g_assert_false (ca_panel_store_add_case (fixture->database, PANEL, "CA-999999", NULL,
                                           &error));
  check_refused (fixture, before, error, CA_PANEL_STORE_ERROR, CA_PANEL_STORE_ERROR_REFUSED,
                 "no case with the reference “CA-999999”");
  g_clear_error (&error);
  g_assert_false (ca_panel_store_add_case (fixture->database, PANEL, " ", NULL, &error));
  check_refused (fixture, before, error, CA_PANEL_STORE_ERROR, CA_PANEL_STORE_ERROR_REFUSED,
                 "Give the case reference");
  g_clear_error (&error);
  g_assert_false (ca_panel_store_add_audit (fixture->database, PANEL, 2, &error));
  check_refused (fixture, before, error, CA_PANEL_STORE_ERROR, CA_PANEL_STORE_ERROR_REFUSED,
                 "already on this panel");
  g_clear_error (&error);
  g_assert_false (ca_panel_store_add_audit (fixture->database, PANEL, 99, &error));
  check_refused (fixture, before, error, CA_PANEL_STORE_ERROR, CA_PANEL_STORE_ERROR_REFUSED,
                 "no audit number 99");
  g_clear_error (&error);
  g_assert_false (ca_panel_store_remove_audit (fixture->database, PANEL, 1, &error));
  check_refused (fixture, before, error, CA_PANEL_STORE_ERROR, CA_PANEL_STORE_ERROR_REFUSED,
                 "not on this panel");
  g_clear_error (&error);

  /* Only a moderation panel reviews audits or concludes. */
  g_assert_false (ca_panel_store_add_audit (fixture->database, WORKSHOP, 1, &error));
  check_refused (fixture, before, error, CA_PANEL_STORE_ERROR, CA_PANEL_STORE_ERROR_NOT_PANEL,
                 "“Manager workshop” is not a moderation panel");
  g_clear_error (&error);
  g_assert_false (ca_panel_store_set_conclusions (fixture->database, WORKSHOP, "Fine", &error));
  check_refused (fixture, before, error, CA_PANEL_STORE_ERROR, CA_PANEL_STORE_ERROR_NOT_PANEL,
                 "not a moderation panel");
  g_clear_error (&error);
  g_assert_null (ca_panel_store_load (fixture->database, WORKSHOP, &error));
  g_assert_error (error, CA_PANEL_STORE_ERROR, CA_PANEL_STORE_ERROR_NOT_PANEL);
  g_clear_error (&error);
  g_assert_false (ca_panel_store_add_audit (fixture->database, 99, 1, &error));
  check_refused (fixture, before, error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_FOUND,
                 "no event number 99");
  g_clear_error (&error);

  /* Text that would not show or print. */
  g_assert_false (ca_panel_store_set_conclusions (fixture->database, PANEL, "Bad \xff byte",
                                                  &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
  check_refused (fixture, before, error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT,
                 "The text of the conclusions is not valid UTF-8");
  g_clear_error (&error);

  /* The schema keeps conclusions to panels too. */
  g_assert_false (ca_database_exec (fixture->database,
                                    "UPDATE programme_event SET conclusions = 'x' WHERE id = 11",
                                    &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);
}

static void
test_conclusions (CaTestFixture *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaPanel) panel = NULL;
  gint64 history;

  g_assert_true (ca_panel_store_set_conclusions (fixture->database, PANEL,
                                                 "  Plans were clearer.\nChase chronologies. ",
                                                 &error));
  g_assert_no_error (error);
  panel = ca_panel_store_load (fixture->database, PANEL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (panel->conclusions, ==, "Plans were clearer.\nChase chronologies.");
  history = count (fixture, "SELECT count(*) FROM change_history WHERE field = 'conclusions'");
  g_assert_cmpint (history, ==, 1);

  /* The same again writes nothing; blank clears. */
  g_assert_true (ca_panel_store_set_conclusions (fixture->database, PANEL,
                                                 "Plans were clearer.\nChase chronologies.",
                                                 &error));
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM change_history "
                                   "WHERE field = 'conclusions'"), ==, history);
  g_assert_true (ca_panel_store_set_conclusions (fixture->database, PANEL, "  ", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM programme_event "
                                   "WHERE id = 10 AND conclusions IS NULL"), ==, 1);
}

static void
changed_cb (CaDatabase   *database,
            CaChangeKind  kind,
            GArray       *ids,
            gpointer      user_data)
{
  if (kind == CA_CHANGE_PROGRAMME && ca_change_ids_contain (ids, PANEL))
    (*(guint *) user_data)++;
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CaPanel **panel = user_data;
  g_autoptr(GError) error = NULL;

  *panel = ca_panel_store_load_finish (result, &error);
  g_assert_no_error (error);
}

/* Each write says the panel's event changed, and the window's load on the worker sees it. */
static void
test_changes_and_async (CaTestFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaPanel) panel = NULL;
  guint n_changed = 0;

  g_signal_connect (fixture->database, "changed", G_CALLBACK (changed_cb), &n_changed);
  g_assert_true (ca_panel_store_add_audit (fixture->database, PANEL, 1, &error));
  g_assert_no_error (error);
  while (n_changed < 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (ca_panel_store_set_conclusions (fixture->database, PANEL, "Done", &error));
  while (n_changed < 2)
    g_main_context_iteration (NULL, TRUE);

  ca_panel_store_load_async (fixture->database, PANEL, NULL, loaded_cb, &panel);
  while (panel == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (panel->audits->len, ==, 1);
  g_assert_cmpstr (panel->conclusions, ==, "Done");
}

/* A link goes with its event or its audit, and neither takes the other with it. */
static void
test_cascade (CaTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ca_test_exec (fixture->database,
                "INSERT INTO programme_event (id, kind, title, event_date) VALUES"
                "  (12, 'moderation-panel', 'September panel', '2021-09-15');");
  g_assert_true (ca_panel_store_add_audit (fixture->database, PANEL, 1, &error));
  g_assert_true (ca_panel_store_add_audit (fixture->database, 12, 1, &error));
  g_assert_true (ca_panel_store_add_audit (fixture->database, 12, 2, &error));
  g_assert_no_error (error);

  ca_test_exec (fixture->database, "DELETE FROM programme_event WHERE id = 12");
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM panel_audit"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit WHERE id IN (1, 2)"), ==, 2);
  ca_test_exec (fixture->database, "DELETE FROM action WHERE audit_id = 1; "
                                   "DELETE FROM audit WHERE id = 1");
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM panel_audit"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM programme_event WHERE id = 10"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/panel-store/" path, CaTestFixture, NULL, set_up, func, \
              ca_test_fixture_tear_down)
  ADD ("add-and-remove", test_add_and_remove);
  ADD ("refusals", test_refusals);
  ADD ("conclusions", test_conclusions);
  ADD ("changes-and-async", test_changes_and_async);
  ADD ("cascade", test_cascade);
#undef ADD

  return g_test_run ();
}
