// SPDX-License-Identifier: GPL-3.0-or-later
// R-F7: who the Category 1–2 e-mail goes to, when it is needed, marking it sent (with its
// history, in one transaction), and the message built from a real audit.

#include "config.h"

#include <string.h>

#include "ca-audit-notification.h"
#include "ca-notification-store.h"
#include "ca-test-fixture.h"

/* The fixture's authority, plus a Service Manager between the head of service and the
 * Team Manager of A&I Team 1, and e-mail addresses for some. */
static void
set_up (CaTestFixture *fixture,
        gconstpointer  data)
{
  ca_test_fixture_set_up (fixture, data);
  ca_test_fixture_add_rows (fixture);
  ca_test_exec (fixture->database,
    "INSERT INTO staff (id, staff_ref, name, email, role_code, team_id, line_manager_id) VALUES"
    "  (5, 'S005', 'Gareth Lloyd', 'gareth.lloyd@example.gov.uk', 'service-manager', NULL, 1);"
    "UPDATE staff SET line_manager_id = 5 WHERE id = 2;"
    "UPDATE staff SET email = 'imran.shah@example.gov.uk' WHERE id = 2;"
    "UPDATE audit SET submitted_at = '2021-06-14T08:30:00Z',"
    "                 review_due_at = '2021-06-16T08:30:00Z' WHERE id = 2;");
}

static CaNotificationRecipient *
recipient (CaNotificationStatus *status,
           guint                 index)
{
  g_assert_cmpuint (index, <, status->recipients->len);
  return g_ptr_array_index (status->recipients, index);
}

static void
test_recipients (CaTestFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaNotificationStatus) status = NULL;
  g_autofree char *gaps = NULL;

  status = ca_notification_store_load (fixture->database, 2, &error);
  g_assert_no_error (error);
  g_assert_true (status->needed);
  g_assert_cmpint (status->category, ==, 1);
  g_assert_null (status->sent_at);
  g_assert_cmpstr (status->team, ==, "A&I Team 1");
  g_assert_cmpuint (status->recipients->len, ==, 2);
  g_assert_cmpint (recipient (status, 0)->role, ==, CA_NOTIFICATION_ROLE_TEAM_MANAGER);
  g_assert_cmpint (recipient (status, 0)->staff_id, ==, 2);
  g_assert_cmpstr (recipient (status, 0)->name, ==, "Imran Shah");
  g_assert_cmpstr (recipient (status, 0)->email, ==, "imran.shah@example.gov.uk");
  g_assert_cmpint (recipient (status, 1)->role, ==, CA_NOTIFICATION_ROLE_SERVICE_MANAGER);
  g_assert_cmpint (recipient (status, 1)->staff_id, ==, 5);
  g_assert_cmpstr (recipient (status, 1)->email, ==, "gareth.lloyd@example.gov.uk");
  gaps = ca_audit_notification_describe_gaps (status);
  g_assert_null (gaps);
}

static void
test_recipients_missing (CaTestFixture *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaNotificationStatus) status = NULL;
  g_autofree char *gaps = NULL;

  /* A blank address counts as none; a departed Team Manager is not asked. */
  ca_test_exec (fixture->database,
    "UPDATE staff SET email = '  ' WHERE id = 5;"
    "INSERT INTO staff (id, staff_ref, name, email, role_code, team_id, line_manager_id, active)"
    "  VALUES (6, 'S006', 'Former Manager', 'former@example.gov.uk', 'team-manager', 1, 5, 0);");
  status = ca_notification_store_load (fixture->database, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->recipients->len, ==, 2);
  g_assert_cmpint (recipient (status, 0)->staff_id, ==, 2);
  g_assert_cmpint (recipient (status, 1)->staff_id, ==, 5);
  g_assert_null (recipient (status, 1)->email);
  gaps = ca_audit_notification_describe_gaps (status);
  g_assert_cmpstr (gaps, ==, "Gareth Lloyd (Service Manager) has no e-mail address in Case "
                             "Audit. Tell them another way.");
  g_clear_pointer (&status, ca_notification_status_free);
  g_clear_pointer (&gaps, g_free);

  /* No Team Manager in the team: the Service Manager is found above the allocated worker. */
  ca_test_exec (fixture->database,
    "UPDATE staff SET active = 0 WHERE id = 2;"
    "INSERT INTO staff (id, staff_ref, name, role_code, team_id, line_manager_id) VALUES"
    "  (7, 'S007', 'Practice Lead', 'practice-manager', 1, 5);"
    "UPDATE staff SET line_manager_id = 7 WHERE id = 3;");
  status = ca_notification_store_load (fixture->database, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->recipients->len, ==, 1);
  g_assert_cmpint (recipient (status, 0)->role, ==, CA_NOTIFICATION_ROLE_SERVICE_MANAGER);
  g_assert_cmpint (recipient (status, 0)->staff_id, ==, 5);
  gaps = ca_audit_notification_describe_gaps (status);
  g_assert_true (g_str_has_prefix (gaps, "No Team Manager is recorded for A&I Team 1. "));
  g_clear_pointer (&status, ca_notification_status_free);
  g_clear_pointer (&gaps, g_free);

  /* A loop in the line-management links ends; nobody above is a Service Manager. */
  ca_test_exec (fixture->database,
    "UPDATE staff SET line_manager_id = 3 WHERE id = 7;");
  status = ca_notification_store_load (fixture->database, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->recipients->len, ==, 0);
  gaps = ca_audit_notification_describe_gaps (status);
  g_assert_nonnull (strstr (gaps, "No Service Manager is recorded above A&I Team 1."));
}

static void
test_not_needed (CaTestFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaNotificationStatus) status = NULL;
  gint64 history = ca_test_query_int (fixture->database, "SELECT count(*) FROM change_history");

  /* Category 4, and an audit not yet submitted: no e-mail, and nothing to mark. */
  for (gint64 id = 1; id <= 3; id += 2)
    {
      status = ca_notification_store_load (fixture->database, id, &error);
      g_assert_no_error (error);
      g_assert_false (status->needed);
      g_clear_pointer (&status, ca_notification_status_free);

      g_assert_false (ca_notification_store_mark_sent (fixture->database, id, NULL, &error));
      g_assert_error (error, CA_NOTIFICATION_STORE_ERROR, CA_NOTIFICATION_STORE_ERROR_NOT_NEEDED);
      g_clear_error (&error);
      g_assert_null (ca_audit_notification_new_for_audit (fixture->database, id, FALSE, &error));
      g_assert_error (error, CA_NOTIFICATION_STORE_ERROR, CA_NOTIFICATION_STORE_ERROR_NOT_NEEDED);
      g_clear_error (&error);
    }
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM audit "
                                      "WHERE notification_sent_at IS NOT NULL"), ==, 0);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count(*) FROM change_history"),
                   ==, history);

  /* A Category 2 in progress is not yet due either. */
  ca_test_exec (fixture->database, "UPDATE audit SET status = 'in-progress', category = 2 WHERE id = 2");
  status = ca_notification_store_load (fixture->database, 2, &error);
  g_assert_no_error (error);
  g_assert_false (status->needed);
  g_clear_pointer (&status, ca_notification_status_free);

  g_assert_null (ca_notification_store_load (fixture->database, 999, &error));
  g_assert_error (error, CA_NOTIFICATION_STORE_ERROR, CA_NOTIFICATION_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (ca_notification_store_mark_sent (fixture->database, 999, NULL, &error));
  g_assert_error (error, CA_NOTIFICATION_STORE_ERROR, CA_NOTIFICATION_STORE_ERROR_NOT_FOUND);
}

static void
test_mark_sent (CaTestFixture *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2021, 6, 14, 9, 15, 0);
  g_autoptr(GDateTime) later = g_date_time_new_utc (2021, 6, 15, 10, 0, 0);
  g_autoptr(CaNotificationStatus) status = NULL;
  g_autoptr(GArray) unsent = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;

  ca_database_set_user (fixture->database, "tester");
  unsent = ca_notification_store_list_unsent (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unsent->len, ==, 1);
  g_assert_cmpint (g_array_index (unsent, gint64, 0), ==, 2);
  g_clear_pointer (&unsent, g_array_unref);

  g_assert_true (ca_notification_store_mark_sent (fixture->database, 2, when, &error));
  g_assert_no_error (error);
  sent = ca_test_query_text (fixture->database,
                             "SELECT notification_sent_at FROM audit WHERE id = 2");
  g_assert_cmpstr (sent, ==, "2021-06-14T09:15:00Z");
  new_value = ca_test_query_text (fixture->database,
                                  "SELECT new_value FROM change_history WHERE entity = 'audit' "
                                  "AND entity_id = 2 AND field = 'notification_sent_at'");
  g_assert_cmpstr (new_value, ==, "2021-06-14T09:15:00Z");
  g_clear_pointer (&new_value, g_free);

  /* Marking again keeps the first time and writes nothing. */
  g_assert_true (ca_notification_store_mark_sent (fixture->database, 2, later, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM change_history WHERE "
                                      "field = 'notification_sent_at'"), ==, 1);
  status = ca_notification_store_load (fixture->database, 2, &error);
  g_assert_cmpstr (status->sent_at, ==, "2021-06-14T09:15:00Z");
  g_clear_pointer (&status, ca_notification_status_free);
  unsent = ca_notification_store_list_unsent (fixture->database, &error);
  g_assert_cmpuint (unsent->len, ==, 0);
  g_clear_pointer (&unsent, g_array_unref);

  /* Undo: asked again, and the history says so. */
  g_assert_true (ca_notification_store_mark_not_sent (fixture->database, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM audit WHERE id = 2 AND "
                                      "notification_sent_at IS NULL"), ==, 1);
  old_value = ca_test_query_text (fixture->database,
                                  "SELECT old_value FROM change_history WHERE "
                                  "field = 'notification_sent_at' AND new_value IS NULL");
  g_assert_cmpstr (old_value, ==, "2021-06-14T09:15:00Z");
  unsent = ca_notification_store_list_unsent (fixture->database, &error);
  g_assert_cmpuint (unsent->len, ==, 1);

  /* Nothing is left half done when the history cannot be written. */
  ca_test_exec (fixture->database,
                "CREATE TEMP TRIGGER refuse BEFORE INSERT ON change_history "
                "BEGIN SELECT RAISE (ABORT, 'refused'); END;");
  g_assert_false (ca_notification_store_mark_sent (fixture->database, 2, when, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM audit WHERE id = 2 AND "
                                      "notification_sent_at IS NULL"), ==, 1);
}

static void
test_message (CaTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaMailMessage) message = NULL;
  g_autoptr(GBytes) eml = NULL;
  g_autofree char *text = NULL;
  const char *body;

  /* The fixture's audit on the built-in Stage 1 tool, so that its form and PDF load. */
  ca_test_exec (fixture->database,
    "UPDATE audit SET tool_version_id = (SELECT v.id FROM audit_tool_version v "
    "  JOIN audit_tool t ON t.id = v.tool_id WHERE t.code = 'stage-1' "
    "  ORDER BY v.version DESC LIMIT 1) WHERE id = 2;");

  message = ca_audit_notification_new_for_audit (fixture->database, 2, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ca_mail_message_get_n_to (message), ==, 2);
  g_assert_cmpstr (ca_mail_message_get_to_address (message, 0), ==, "imran.shah@example.gov.uk");
  g_assert_cmpstr (ca_mail_message_get_to_address (message, 1), ==, "gareth.lloyd@example.gov.uk");
  g_assert_cmpstr (ca_mail_message_get_subject (message), ==,
                   "Category 1 case audit: CA-000101 – for your immediate attention");
  body = ca_mail_message_get_body (message);
  g_assert_nonnull (strstr (body, "Category 1 Inadequate – critical: the child may be at risk; "
                                  "the practitioner must act within 24 hours."));
  g_assert_nonnull (strstr (body, "Case reference: CA-000101\n"));
  g_assert_nonnull (strstr (body, "Team: A&I Team 1\n"));
  g_assert_nonnull (strstr (body, "Allocated worker: Zoe Walker\n"));
  g_assert_nonnull (strstr (body, "Auditor: Amrit Kaur\n"));
  g_assert_nonnull (strstr (body, "Overall grade: Inadequate\n"));
  /* 08:30 UTC in June is 09:30 in London. */
  g_assert_nonnull (strstr (body, "Recommendations to be checked by: 16 June 2021 at 09:30 "
                                  "(UK time)\n"));
  g_assert_nonnull (strstr (body, "Team Manager: Imran Shah\n"));
  g_assert_nonnull (strstr (body, "Service Manager: Gareth Lloyd\n"));
  g_assert_cmpuint (ca_mail_message_get_n_attachments (message), ==, 1);

  eml = ca_mail_message_to_eml (message);
  text = g_strndup (g_bytes_get_data (eml, NULL), g_bytes_get_size (eml));
  g_assert_nonnull (strstr (text, "filename=\"Audit CA-000101.pdf\""));
  /* "%PDF" in base64 */
  g_assert_nonnull (strstr (text, "\r\n\r\nJVBERi"));
}

/* A commit that fails (here its note for the other programs is refused) is rolled back: the
 * next write is committed for every program to see, not kept in a transaction left open. */
static void
test_failed_commit (CaTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2021, 6, 14, 9, 15, 0);
  g_autoptr(CaDatabase) other = NULL;

  ca_test_exec (fixture->database,
                "CREATE TEMP TRIGGER refuse BEFORE INSERT ON change_note "
                "BEGIN SELECT RAISE (ABORT, 'refused'); END;");
  g_assert_false (ca_notification_store_mark_sent (fixture->database, 2, when, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM audit WHERE id = 2 AND "
                                      "notification_sent_at IS NULL"), ==, 1);

  ca_test_exec (fixture->database, "DROP TRIGGER refuse;");
  g_assert_true (ca_notification_store_mark_sent (fixture->database, 2, when, &error));
  g_assert_no_error (error);
  other = ca_database_open (fixture->path, CA_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ca_test_query_int (other,
                                      "SELECT count(*) FROM audit WHERE id = 2 AND "
                                      "notification_sent_at = '2021-06-14T09:15:00Z'"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, CaTestFixture, NULL, set_up, func, ca_test_fixture_tear_down)
  ADD ("/notification-store/recipients", test_recipients);
  ADD ("/notification-store/recipients-missing", test_recipients_missing);
  ADD ("/notification-store/not-needed", test_not_needed);
  ADD ("/notification-store/mark-sent", test_mark_sent);
  ADD ("/notification-store/message", test_message);
  ADD ("/notification-store/failed-commit", test_failed_commit);
#undef ADD

  return g_test_run ();
}
