// SPDX-License-Identifier: GPL-3.0-or-later
// R-I1, R-I2 in a real database file: escalation once and to the right Head of Service,
// recommendations checked, the sign-off refused before that, the tracker's rows, its filters
// (service area, months in England, open or signed off) and the choices they offer, and its
// document read from the database.

#include "config.h"

#include <string.h>

#include "ca-escalation-mail.h"
#include "ca-test-fixture.h"
#include "ca-tracker-report.h"
#include "ca-tracker-store.h"

/* The fixture's audit 2 (Inadequate, Category 1, case CA-000101 of Zoe Walker, whose line
 * goes up through Imran Shah to Hannah Price, Head of Service) with its 48-hour deadline,
 * and a Category 3 audit of Early Help's case, whose team has Amrit Kaur as manager. */
static void
add_rows (CaTestFixture *fixture)
{
  ca_test_fixture_add_rows (fixture);
  ca_test_exec (fixture->database,
    "UPDATE audit SET submitted_at = '2021-06-10T11:00:00Z', review_due_at = '2021-06-12T11:00:00Z' "
    "WHERE id = 2;"
    "INSERT INTO audit (id, case_id, tool_version_id, auditor_id, status, allocated_on,"
    "                   audit_date, overall_grade, category, submitted_at, review_due_at) VALUES"
    "  (5, 2, 100, 2, 'submitted', '2021-06-01', '2021-06-15', 'requires-improvement', 3,"
    "   '2021-06-15T10:00:00Z', '2021-07-13T16:00:00Z');"
    "UPDATE case_file SET allocated_worker_id = NULL WHERE id = 2;"
    "INSERT INTO action (audit_id, description, owner_id, due_date, completed_on) VALUES"
    "  (2, 'Update the chronology', 2, '2021-06-30', '2021-06-25'),"
    "  (2, 'Review the plan with the family', 2, '2021-07-30', NULL);");
}

static GDateTime *
moment (const char *text)
{
  return g_date_time_new_from_iso8601 (text, NULL);
}

static void
test_escalate_once (CaTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GDateTime) early = moment ("2021-06-12T10:59:00Z");
  g_autoptr(GDateTime) later = moment ("2021-06-20T09:00:00Z");
  g_autoptr(GDateTime) much_later = moment ("2021-08-01T09:00:00Z");
  CaEscalation *escalation;

  add_rows (fixture);
  /* Before its deadline, nothing. */
  made = ca_tracker_store_escalate (fixture->database, early, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (made->len, ==, 0);
  g_clear_pointer (&made, g_ptr_array_unref);

  /* A dry run says, and records nothing. */
  made = ca_tracker_store_escalate (fixture->database, later, TRUE, &error);
  g_assert_cmpuint (made->len, ==, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count(*) FROM escalation"), ==, 0);
  g_clear_pointer (&made, g_ptr_array_unref);

  made = ca_tracker_store_escalate (fixture->database, later, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (made->len, ==, 1);
  escalation = made->pdata[0];
  g_assert_cmpint (escalation->audit_id, ==, 2);
  g_assert_cmpstr (escalation->head_ref, ==, "S001");
  g_assert_cmpstr (escalation->head_name, ==, "Hannah Price");
  g_assert_cmpstr (escalation->reason, ==, "The recommendations of this Category 1 audit were "
                                           "not checked by 12:00 on 12 June 2021.");
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM change_history WHERE entity = 'audit' "
                                      "AND entity_id = 2 AND field = 'escalated_to' "
                                      "AND new_value = 'S001'"), ==, 1);
  g_clear_pointer (&made, g_ptr_array_unref);

  /* What the e-mail to the Head of Service says (R-I1): to them, once they have an address,
   * with the deadline in England's time and the reason. */
  ca_test_exec (fixture->database,
                "UPDATE staff SET email = 'hannah.price@example.gov.uk' WHERE id = 1");
  {
    g_autoptr(CaMailMessage) mail = NULL;
    g_autofree char *body = NULL;
    CaEscalation *loaded = ca_tracker_store_load_escalation (fixture->database, 2, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (loaded->head_email, ==, "hannah.price@example.gov.uk");
    mail = ca_escalation_mail_build (loaded);
    body = ca_escalation_mail_get_body (loaded);
    g_assert_cmpstr (ca_mail_message_get_subject (mail), ==,
                     "Escalated: Category 1 audit CA-000101, recommendations not checked in time");
    g_assert_cmpuint (ca_mail_message_get_n_to (mail), ==, 1);
    g_assert_nonnull (strstr (body, "checked by their deadline, 12 Jun 2021, 12:00, and the audit "
                                    "was escalated to you on 20 Jun 2021, 10:00."));
    g_assert_nonnull (strstr (body, "not checked by 12:00 on 12 June 2021."));
    ca_escalation_free (loaded);
    g_assert_null (ca_tracker_store_load_escalation (fixture->database, 1, &error));
    g_assert_error (error, CA_TRACKER_STORE_ERROR, CA_TRACKER_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* Again: nothing new. */
  made = ca_tracker_store_escalate (fixture->database, later, FALSE, &error);
  g_assert_cmpuint (made->len, ==, 0);
  g_clear_pointer (&made, g_ptr_array_unref);

  /* The Category 3 audit's case has no worker: up from its team's manager. */
  made = ca_tracker_store_escalate (fixture->database, much_later, FALSE, &error);
  g_assert_cmpuint (made->len, ==, 1);
  g_assert_cmpint (((CaEscalation *) made->pdata[0])->audit_id, ==, 5);
  g_assert_cmpstr (((CaEscalation *) made->pdata[0])->head_ref, ==, "S001");
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count(*) FROM escalation"), ==, 2);
}

static void
test_check_and_sign_off (CaTestFixture *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = moment ("2021-06-14T09:00:00Z");
  g_autoptr(GDate) on = g_date_new_dmy (20, 6, 2021);

  add_rows (fixture);
  /* Before the recommendations are checked: refused, nothing written. */
  g_assert_false (ca_tracker_store_sign_off (fixture->database, 2, "S001", on, "Seen", &error));
  g_assert_error (error, CA_TRACKER_STORE_ERROR, CA_TRACKER_STORE_ERROR_NOT_CHECKED);
  g_assert_cmpstr (error->message, ==, "A case is signed off once its recommendations are "
                                       "checked, and those of audit 2 are not yet.");
  g_clear_error (&error);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count(*) FROM tracker_signoff"),
                   ==, 0);

  /* Not a tracked audit; not a person. */
  g_assert_false (ca_tracker_store_check (fixture->database, 1, "S002", NULL, now, &error));
  g_assert_error (error, CA_TRACKER_STORE_ERROR, CA_TRACKER_STORE_ERROR_NOT_TRACKED);
  g_clear_error (&error);
  g_assert_false (ca_tracker_store_check (fixture->database, 2, "S999", NULL, now, &error));
  g_assert_error (error, CA_TRACKER_STORE_ERROR, CA_TRACKER_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count(*) FROM audit WHERE id = 2 "
                                                         "AND recommendations_checked_at IS NULL"),
                   ==, 1);

  g_assert_true (ca_tracker_store_check (fixture->database, 2, "S002", "Plan updated", now,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM audit WHERE id = 2 "
                                      "AND recommendations_checked_at = '2021-06-14T09:00:00Z' "
                                      "AND recommendations_checked_by = 2 "
                                      "AND recommendations_checked_note = 'Plan updated'"), ==, 1);
  g_assert_false (ca_tracker_store_check (fixture->database, 2, "S002", NULL, now, &error));
  g_assert_error (error, CA_TRACKER_STORE_ERROR, CA_TRACKER_STORE_ERROR_DONE);
  g_clear_error (&error);

  g_assert_true (ca_tracker_store_sign_off (fixture->database, 2, "S001", on, "Seen", &error));
  g_assert_no_error (error);
  g_assert_false (ca_tracker_store_sign_off (fixture->database, 2, "S001", on, NULL, &error));
  g_assert_error (error, CA_TRACKER_STORE_ERROR, CA_TRACKER_STORE_ERROR_DONE);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM change_history WHERE entity = 'audit' "
                                      "AND entity_id = 2 AND field IN ('recommendations_checked_at', "
                                      "'recommendations_checked_by', 'signed_off')"), ==, 3);
}

static void
test_list (CaTestFixture *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GDate) on = g_date_new_dmy (31, 7, 2021);
  CaTrackerRow *row;

  add_rows (fixture);
  rows = ca_tracker_store_list (fixture->database, NULL, on, FALSE, &error);
  g_assert_no_error (error);
  /* Inadequate only: audit 2. */
  g_assert_cmpuint (rows->len, ==, 1);
  row = rows->pdata[0];
  g_assert_cmpstr (row->case_ref, ==, "CA-000101");
  g_assert_cmpstr (row->month, ==, "2021-06");
  g_assert_cmpstr (row->team, ==, "A&I Team 1");
  g_assert_cmpstr (row->worker, ==, "Zoe Walker");
  g_assert_cmpint (row->category, ==, 1);
  g_assert_null (row->checked_at);
  g_assert_cmpuint (row->actions_total, ==, 3);
  g_assert_cmpuint (row->actions_done, ==, 1);
  /* The fixture's own action (due 17 June) and the plan review (due 30 July). */
  g_assert_cmpuint (row->actions_overdue, ==, 2);
  g_assert_cmpint (row->moderation_grade, ==, CA_GRADE_INADEQUATE);
  g_assert_cmpstr (row->response, ==, "none");
  g_assert_null (row->signed_off_on);
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = ca_tracker_store_list (fixture->database, NULL, on, TRUE, &error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Hannah Price heads both service areas' teams; Amrit Kaur (a team manager of Early Help)
   * sees Early Help's only; an unknown ID is refused. */
  rows = ca_tracker_store_list (fixture->database, "S001", on, TRUE, &error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = ca_tracker_store_list (fixture->database, "S004", on, TRUE, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((CaTrackerRow *) rows->pdata[0])->audit_id, ==, 5);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = ca_tracker_store_list (fixture->database, "S999", on, TRUE, &error);
  g_assert_null (rows);
  g_assert_error (error, CA_TRACKER_STORE_ERROR, CA_TRACKER_STORE_ERROR_NOT_FOUND);
}

/* The case numbers of ROWS, in order: "CA-000101 CA-000102". */
static char *
case_refs (GPtrArray *rows)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? " " : "",
                            ((CaTrackerRow *) rows->pdata[i])->case_ref);
  return g_string_free (text, FALSE);
}

static char *
query_refs (CaDatabase           *database,
            const CaTrackerQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = ca_tracker_store_query (database, query, &error);

  g_assert_no_error (error);
  return case_refs (rows);
}

static void
test_filters (CaTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) on = g_date_new_dmy (31, 8, 2021);
  g_autoptr(CaTrackerQuery) query = ca_tracker_query_new (NULL, on, TRUE);
  g_autoptr(CaTrackerList) list = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2021-06-14T09:00:00Z", NULL);
  g_autofree char *refs = NULL;

  add_rows (fixture);
  /* A Category 2 audit of Early Help submitted at 23:30 UTC on 31 July 2021: 00:30 on
   * 1 August in England (BST), so August's. */
  ca_test_exec (fixture->database,
    "INSERT INTO case_file (id, case_ref, team_id, allocated_worker_id, open_date, legal_status)"
    "  VALUES (3, 'CA-000103', 3, NULL, '2021-02-01', 'early-help');"
    "INSERT INTO audit (id, case_id, tool_version_id, auditor_id, status, allocated_on,"
    "                   audit_date, overall_grade, category, submitted_at, review_due_at) VALUES"
    "  (6, 3, 100, 2, 'submitted', '2021-07-01', '2021-07-30', 'inadequate', 2,"
    "   '2021-07-31T23:30:00Z', '2021-08-13T23:59:59Z');");

  /* Every row, newest first; the choices: both service areas, June to August. */
  list = ca_tracker_store_read (fixture->database, query, &error);
  g_assert_no_error (error);
  refs = case_refs (list->rows);
  g_assert_cmpstr (refs, ==, "CA-000103 CA-000102 CA-000101");
  g_clear_pointer (&refs, g_free);
  g_assert_null (list->head_name);
  g_assert_cmpuint (g_strv_length (list->service_areas), ==, 2);
  g_assert_cmpstr (list->service_areas[0], ==, "Assessment & Intervention");
  g_assert_cmpstr (list->service_areas[1], ==, "Early Help");
  g_assert_cmpstr (list->first_month, ==, "2021-06");
  g_assert_cmpstr (list->last_month, ==, "2021-08");
  g_clear_pointer (&list, ca_tracker_list_free);

  /* One service area. */
  query->service_area = g_strdup ("Early Help");
  refs = query_refs (fixture->database, query);
  g_assert_cmpstr (refs, ==, "CA-000103 CA-000102");
  g_clear_pointer (&refs, g_free);
  g_clear_pointer (&query->service_area, g_free);

  /* The months of submission in England: the audit of 31 July's last half hour is
   * August's. */
  query->from_month = g_strdup ("2021-08");
  refs = query_refs (fixture->database, query);
  g_assert_cmpstr (refs, ==, "CA-000103");
  g_clear_pointer (&refs, g_free);
  g_clear_pointer (&query->from_month, g_free);
  query->to_month = g_strdup ("2021-07");
  refs = query_refs (fixture->database, query);
  g_assert_cmpstr (refs, ==, "CA-000102 CA-000101");
  g_clear_pointer (&refs, g_free);
  /* July alone: nothing (the audits of June, and the one of 31 July in UTC, August's). */
  query->from_month = g_strdup ("2021-07");
  refs = query_refs (fixture->database, query);
  g_assert_cmpstr (refs, ==, "");
  g_clear_pointer (&refs, g_free);
  g_clear_pointer (&query->from_month, g_free);
  g_clear_pointer (&query->to_month, g_free);

  /* Open or signed off: audit 2 checked and signed off. */
  g_assert_true (ca_tracker_store_check (fixture->database, 2, "S002", NULL, now, &error));
  g_assert_true (ca_tracker_store_sign_off (fixture->database, 2, "S001", on, NULL, &error));
  g_assert_no_error (error);
  query->status = CA_TRACKER_STATUS_OPEN;
  refs = query_refs (fixture->database, query);
  g_assert_cmpstr (refs, ==, "CA-000103 CA-000102");
  g_clear_pointer (&refs, g_free);
  query->status = CA_TRACKER_STATUS_SIGNED_OFF;
  refs = query_refs (fixture->database, query);
  g_assert_cmpstr (refs, ==, "CA-000101");
  g_clear_pointer (&refs, g_free);

  /* The filters leave the choices as they were; a Head of Service's name is read. */
  g_free (query->head_ref);
  query->head_ref = g_strdup ("S001");
  query->service_area = g_strdup ("Early Help");
  list = ca_tracker_store_read (fixture->database, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->rows->len, ==, 0);
  g_assert_cmpstr (list->head_name, ==, "Hannah Price");
  g_assert_cmpuint (g_strv_length (list->service_areas), ==, 2);
}

/* The document the window prints and the command line writes, read from the database. */
static void
test_report (CaTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) on = g_date_new_dmy (31, 7, 2021);
  g_autoptr(CaTrackerQuery) query = ca_tracker_query_new ("S001", on, TRUE);
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2021-07-31T09:00:00Z", NULL);
  g_autoptr(CaDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  add_rows (fixture);
  document = ca_tracker_report_new_for_query (fixture->database, query, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ca_document_get_title (document), ==, "Head of Service Tracker: Hannah Price");
  g_assert_cmpint (ca_document_get_orientation (document), ==, CA_DOCUMENT_LANDSCAPE);
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  g_assert_cmpuint (ca_document_get_n_pages (document, cr), ==, 1);
  ca_document_draw_page (document, cr, 0);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_clear_object (&document);

  g_free (query->head_ref);
  query->head_ref = g_strdup ("S999");
  document = ca_tracker_report_new_for_query (fixture->database, query, now, &error);
  g_assert_null (document);
  g_assert_error (error, CA_TRACKER_STORE_ERROR, CA_TRACKER_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/tracker-store/escalate-once", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_escalate_once, ca_test_fixture_tear_down);
  g_test_add ("/tracker-store/check-and-sign-off", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_check_and_sign_off, ca_test_fixture_tear_down);
  g_test_add ("/tracker-store/list", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_list, ca_test_fixture_tear_down);
  g_test_add ("/tracker-store/filters", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_filters, ca_test_fixture_tear_down);
  g_test_add ("/tracker-store/report", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_report, ca_test_fixture_tear_down);

  return g_test_run ();
}
