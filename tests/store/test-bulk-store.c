// SPDX-License-Identifier: GPL-3.0-or-later
// The bulk store: whole records written many at a time, as the demonstration data writes them.

#include "config.h"

#include <gio/gio.h>

#include "ca-bulk-store.h"
#include "ca-test-fixture.h"

static void
test_empty (CaTestFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(CaBulkStore) store = ca_bulk_store_new (fixture->database);
  g_autoptr(GError) error = NULL;
  gboolean empty = FALSE;

  g_assert_true (ca_bulk_store_is_empty (store, &empty, &error));
  g_assert_no_error (error);
  g_assert_true (empty);

  ca_test_fixture_add_rows (fixture);
  g_assert_true (ca_bulk_store_is_empty (store, &empty, &error));
  g_assert_no_error (error);
  g_assert_false (empty);
}

/* Names already in the editable lists are kept, and their ids given back. */
static void
test_lists_kept (CaTestFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(CaBulkStore) store = ca_bulk_store_new (fixture->database);
  g_autoptr(GError) error = NULL;
  gint64 first = 0, again = 0, locality = 0, group = 0;

  ca_test_fixture_add_rows (fixture);
  g_assert_true (ca_bulk_store_ensure_service_area (store, "Early Help", &first, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first, ==, 2);
  g_assert_true (ca_bulk_store_ensure_service_area (store, "Fostering", &first, &error));
  g_assert_true (ca_bulk_store_ensure_service_area (store, "Fostering", &again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first, ==, again);
  g_assert_true (ca_bulk_store_ensure_locality (store, "Halesowen", &locality, &error));
  g_assert_true (ca_bulk_store_ensure_auditor_group (store, "Group A", &group, &error));
  g_assert_no_error (error);
  g_assert_cmpint (locality, ==, 2);
  g_assert_cmpint (group, >, 0);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM service_area"), ==, 3);
}

/* Every kind of row the demonstration writes, in one transaction, read back as stored. */
static void
test_records (CaTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(CaBulkStore) store = ca_bulk_store_new (fixture->database);
  g_autoptr(GError) error = NULL;
  CaBulkCase file = { 0 };
  CaBulkProgrammeEntry entry = { 0 };
  CaBulkAudit audit = { 0 };
  CaBulkAction action = { 0 };
  CaBulkManagerResponse response = { 0 };
  CaBulkModeration moderation = { 0 };
  gint64 area = 0, locality = 0, team = 0, manager = 0, worker = 0, case_id = 0;
  gint64 entry_id = 0, entry_again = 0, audit_id = 0, action_id = 0, moderation_id = 0;
  g_autofree char *focus = NULL;
  gint64 tool_version;

  tool_version = ca_test_query_int (fixture->database,
                                    "SELECT min(id) FROM audit_tool_version");
  g_assert_true (ca_database_begin (fixture->database, &error));
  g_assert_true (ca_bulk_store_ensure_service_area (store, "SEND", &area, &error) &&
                 ca_bulk_store_ensure_locality (store, "Sedgley", &locality, &error) &&
                 ca_bulk_store_add_team (store, "SEND Sedgley", area, locality, 0, &team,
                                         &error) &&
                 ca_bulk_store_add_staff (store, "S00001", "Grace Hall", "grace.hall@example.org",
                                          "team-manager", team, TRUE, &manager, &error) &&
                 ca_bulk_store_add_staff (store, "S00002", "Mark Lee", NULL, "practitioner",
                                          team, FALSE, &worker, &error) &&
                 ca_bulk_store_set_line_manager (store, worker, manager, &error));
  g_assert_no_error (error);

  file.case_ref = "CA-100001";
  file.team_id = team;
  file.locality_id = locality;
  file.worker_id = worker;
  file.open_date = "2021-03-04";
  file.legal_status = "send";
  file.ethnicity = "WBRI";
  file.birth_month = "2012-07";
  file.gender = "female";
  file.disability = TRUE;
  g_assert_true (ca_bulk_store_add_case (store, &file, &case_id, &error));
  g_assert_no_error (error);

  entry.month = "2021-06";
  entry.strand = "social-care";
  entry.focus = "Plans";
  entry.allocation_date = "2021-06-01";
  entry.return_date = "2021-06-22";
  entry.briefing_date = "2021-06-30";
  g_assert_true (ca_bulk_store_ensure_programme_entry (store, &entry, &entry_id, &error));
  entry.focus = "Supervision";
  g_assert_true (ca_bulk_store_ensure_programme_entry (store, &entry, &entry_again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (entry_id, ==, entry_again);

  audit.case_id = case_id;
  audit.tool_version_id = tool_version;
  audit.auditor_id = manager;
  audit.programme_entry_id = entry_id;
  audit.status = "submitted";
  audit.allocated_on = "2021-06-01";
  audit.due_date = "2021-06-22";
  audit.audit_date = "2021-06-10";
  audit.overall_grade = "inadequate";
  audit.category = 2;
  audit.submitted_at = "2021-06-10T10:00:00Z";
  g_assert_true (ca_bulk_store_add_audit (store, &audit, &audit_id, &error) &&
                 ca_bulk_store_add_audit_section (store, audit_id, "planning", "inadequate",
                                                  &error) &&
                 ca_bulk_store_add_audit_answer (store, audit_id, "planning.smart", "no", NULL,
                                                 &error));
  g_assert_no_error (error);

  action.audit_id = audit_id;
  action.description = "Make the plan SMART.";
  action.owner_id = worker;
  action.due_date = "2021-07-08";
  action.safeguarding = TRUE;
  response.audit_id = audit_id;
  response.manager_id = manager;
  response.due_date = "2021-06-17";
  moderation.audit_id = audit_id;
  moderation.moderator_id = manager;
  moderation.due_date = "2021-06-24";
  moderation.made_difference = -1;
  g_assert_true (ca_bulk_store_add_action (store, &action, &action_id, &error) &&
                 ca_bulk_store_add_manager_response (store, &response, &error) &&
                 ca_bulk_store_add_moderation (store, &moderation, &moderation_id, &error) &&
                 ca_bulk_store_add_moderation_section (store, moderation_id, "planning",
                                                       "requires-improvement", NULL, &error) &&
                 ca_bulk_store_mark_notified_before (store, "2021-06-11T00:00:00Z", &error));
  g_assert_no_error (error);
  g_clear_pointer (&store, ca_bulk_store_free);
  g_assert_true (ca_database_commit (fixture->database, &error));
  g_assert_no_error (error);

  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM staff WHERE staff_ref = 'S00002' "
                                      "AND line_manager_id IS NOT NULL AND active = 0 "
                                      "AND email IS NULL"), ==, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM team WHERE auditor_group_id IS NULL"),
                   ==, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM case_file WHERE close_date IS NULL "
                                      "AND disability = 1 AND restricted = 0"), ==, 1);
  focus = ca_test_query_text (fixture->database, "SELECT focus FROM programme_entry");
  g_assert_cmpstr (focus, ==, "Plans");
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM audit WHERE category = 2 "
                                      "AND joint_practitioner_id IS NULL "
                                      "AND notification_sent_at = submitted_at"), ==, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM moderation "
                                      "WHERE made_difference IS NULL"), ==, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM audit_section"), ==, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM audit_answer"), ==, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM action WHERE safeguarding = 1"), ==, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM manager_response "
                                      "WHERE responded_on IS NULL"), ==, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM moderation_section"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/bulk-store/empty", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_empty, ca_test_fixture_tear_down);
  g_test_add ("/bulk-store/lists-kept", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_lists_kept, ca_test_fixture_tear_down);
  g_test_add ("/bulk-store/records", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_records, ca_test_fixture_tear_down);

  return g_test_run ();
}
