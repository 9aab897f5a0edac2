// SPDX-License-Identifier: GPL-3.0-or-later
// R-D6: the auditors' e-mails of a committed allocation run: one per auditor, each case with
// its worker and return date, "access request needed" on a restricted record, the first
// steps; saved as private .eml drafts that a mail reader parses back.

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ca-allocation-mail-store.h"
#include "ca-test-fixture.h"

/* The fixture's authority, plus a run for July 2021 of three audits for two auditors, one of
 * them on a restricted record, and a cancelled run. */
static void
set_up (CaTestFixture *fixture,
        gconstpointer  data)
{
  ca_test_fixture_set_up (fixture, data);
  ca_test_fixture_add_rows (fixture);
  ca_test_exec (fixture->database,
    "UPDATE staff SET email = 'imran.shah@example.gov.uk' WHERE id = 2;"
    "INSERT INTO case_file (id, case_ref, team_id, allocated_worker_id, open_date, legal_status,"
    "                       restricted)"
    "  VALUES (3, 'CA-000103', 3, NULL, '2021-02-01', 'child-in-need', 1);"
    "INSERT INTO programme_entry (id, month, strand, focus, allocation_date, return_date)"
    "  VALUES (1, '2021-07', 'social-care', 'Planning', '2021-07-01', '2021-07-22');"
    "INSERT INTO allocation_run (id, month, programme_entry_id, seed, settings, created_at,"
    "                            created_by, cancelled_at) VALUES"
    "  (1, '2021-07', 1, 42, '{}', '2021-07-01T09:00:00Z', 'cpp', NULL),"
    "  (2, '2021-06', NULL, 43, '{}', '2021-06-01T09:00:00Z', 'cpp', '2021-06-02T09:00:00Z'),"
    "  (3, '2021-08', NULL, 44, '{}', '2021-08-01T09:00:00Z', 'cpp', NULL);"
    "INSERT INTO audit (id, case_id, tool_version_id, auditor_id, status, allocated_on,"
    "                   due_date, allocation_run_id, access_request) VALUES"
    "  (20, 2, 100, 2, 'allocated', '2021-07-01', '2021-07-22', 1, 0),"
    "  (21, 3, 100, 2, 'allocated', '2021-07-01', '2021-07-22', 1, 1),"
    "  (22, 1, 100, 4, 'allocated', '2021-07-01', '2021-07-22', 1, 0);");
}

static void
test_load (CaTestFixture *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaAllocationMailRun) run = NULL;
  CaAllocationMailAuditor *auditor;
  CaAllocationMailCase *mail_case;

  run = ca_allocation_mail_store_load (fixture->database, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (run->month, ==, "2021-07");
  g_assert_cmpstr (run->focus, ==, "Planning");
  g_assert_cmpuint (run->auditors->len, ==, 2);

  /* By name: Amrit Kaur, then Imran Shah. */
  auditor = g_ptr_array_index (run->auditors, 0);
  g_assert_cmpstr (auditor->name, ==, "Amrit Kaur");
  g_assert_null (auditor->email);
  g_assert_cmpuint (auditor->cases->len, ==, 1);
  mail_case = g_ptr_array_index (auditor->cases, 0);
  g_assert_cmpstr (mail_case->case_ref, ==, "CA-000101");
  g_assert_cmpstr (mail_case->worker, ==, "Zoe Walker");
  g_assert_cmpstr (mail_case->team, ==, "A&I Team 1");

  auditor = g_ptr_array_index (run->auditors, 1);
  g_assert_cmpstr (auditor->name, ==, "Imran Shah");
  g_assert_cmpstr (auditor->staff_ref, ==, "S002");
  g_assert_cmpstr (auditor->email, ==, "imran.shah@example.gov.uk");
  g_assert_cmpuint (auditor->cases->len, ==, 2);
  mail_case = g_ptr_array_index (auditor->cases, 0);
  g_assert_cmpstr (mail_case->case_ref, ==, "CA-000102");
  g_assert_false (mail_case->access_request);
  g_assert_cmpstr (mail_case->due_date, ==, "2021-07-22");
  mail_case = g_ptr_array_index (auditor->cases, 1);
  g_assert_cmpstr (mail_case->case_ref, ==, "CA-000103");
  g_assert_true (mail_case->access_request);
  g_assert_null (mail_case->worker);
}

static void
test_refused (CaTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CaAllocationMailRun *run;

  run = ca_allocation_mail_store_load (fixture->database, 2, &error);
  g_assert_null (run);
  g_assert_error (error, CA_ALLOCATION_MAIL_ERROR, CA_ALLOCATION_MAIL_ERROR_CANCELLED);
  g_clear_error (&error);

  run = ca_allocation_mail_store_load (fixture->database, 3, &error);
  g_assert_null (run);
  g_assert_error (error, CA_ALLOCATION_MAIL_ERROR, CA_ALLOCATION_MAIL_ERROR_EMPTY);
  g_clear_error (&error);

  run = ca_allocation_mail_store_load (fixture->database, 99, &error);
  g_assert_null (run);
  g_assert_error (error, CA_ALLOCATION_MAIL_ERROR, CA_ALLOCATION_MAIL_ERROR_NOT_FOUND);
}

static void
test_text (CaTestFixture *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaAllocationMailRun) run = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *other_body = NULL;
  g_autofree char *file_name = NULL;
  CaAllocationMailAuditor *imran;

  run = ca_allocation_mail_store_load (fixture->database, 1, &error);
  g_assert_no_error (error);
  imran = g_ptr_array_index (run->auditors, 1);

  subject = ca_allocation_mail_get_subject (run, imran);
  g_assert_cmpstr (subject, ==, "Case file audits for July 2021: 2 cases allocated to you");
  body = ca_allocation_mail_get_body (run, imran);
  g_assert_true (g_str_has_prefix (body, "Dear Imran Shah,\n\n"));
  g_assert_nonnull (strstr (body, "You have been allocated these 2 case file audits for "
                                  "July 2021."));
  g_assert_nonnull (strstr (body, "This month’s audit focus is: Planning."));
  g_assert_nonnull (strstr (body, "Case reference: CA-000102\n  Team: Early Help North\n"
                                  "  Allocated worker: Zoe Walker\n  Return by: 22 Jul 2021\n"));
  g_assert_nonnull (strstr (body, "Case reference: CA-000103\n  Team: Early Help North\n"
                                  "  Allocated worker: none recorded"));
  g_assert_nonnull (strstr (body, "access request needed before you open it"));
  g_assert_nonnull (strstr (body, "1. Confirm the allocated worker"));
  g_assert_nonnull (strstr (body, "2. Check the record is not restricted"));
  g_assert_nonnull (strstr (body, "3. Arrange the audit with the allocated worker"));
  /* Only this auditor's cases. */
  g_assert_null (strstr (body, "CA-000101"));

  other_body = ca_allocation_mail_get_body (run, g_ptr_array_index (run->auditors, 0));
  g_assert_nonnull (strstr (other_body, "You have been allocated this case file audit for "
                                        "July 2021."));
  g_assert_null (strstr (other_body, "access request needed"));

  file_name = ca_allocation_mail_get_file_name (run, imran);
  g_assert_cmpstr (file_name, ==, "Audit allocation 2021-07 – Imran Shah (S002).eml");
}

/* Reads an .eml back with Python's own e-mail parser, as a mail program would, and prints
 * "To|Subject|X-Unsent" and the decoded text. */
static char *
parse_with_python (const char *path)
{
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  const char *argv[] = {
    NULL, "-c",
    "import email, email.policy, sys\n"
    "m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)\n"
    "print(m['To'] or '', m['Subject'], m['X-Unsent'], sep='|')\n"
    "print(m.get_body(preferencelist=('plain',)).get_content())\n",
    path, NULL
  };

  if (python == NULL)
    return NULL;
  argv[0] = python;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
test_save_all (CaTestFixture *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaAllocationMailRun) run = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autofree char *folder = g_build_filename (fixture->folder, "drafts", NULL);
  g_autofree char *parsed = NULL;
  g_autofree char *eml = NULL;
  GStatBuf info;

  run = ca_allocation_mail_store_load (fixture->database, 1, &error);
  g_assert_no_error (error);

  /* A folder that is not there: a message, nothing written. */
  paths = ca_allocation_mail_save_all (run, folder, &error);
  g_assert_null (paths);
  g_assert_error (error, CA_ALLOCATION_MAIL_ERROR, CA_ALLOCATION_MAIL_ERROR_NO_FOLDER);
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  paths = ca_allocation_mail_save_all (run, folder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (paths->len, ==, 2);
  for (guint i = 0; i < paths->len; i++)
    {
      g_assert_cmpint (g_stat (g_ptr_array_index (paths, i), &info), ==, 0);
      g_assert_cmpint (info.st_mode & 0777, ==, 0600);
    }
  g_assert_true (g_str_has_suffix (g_ptr_array_index (paths, 1),
                                   "/Audit allocation 2021-07 – Imran Shah (S002).eml"));

  g_assert_true (g_file_get_contents (g_ptr_array_index (paths, 1), &eml, NULL, NULL));
  g_assert_nonnull (strstr (eml, "\r\nX-Unsent: 1\r\n"));

  parsed = parse_with_python (g_ptr_array_index (paths, 1));
  if (parsed == NULL)
    {
      g_test_skip ("python3 is not installed to read the draft back");
      return;
    }
  g_assert_true (g_str_has_prefix (parsed, "Imran Shah <imran.shah@example.gov.uk>|"
                                           "Case file audits for July 2021: 2 cases allocated "
                                           "to you|1\n"));
  g_assert_nonnull (strstr (parsed, "Case reference: CA-000103"));
  g_assert_nonnull (strstr (parsed, "access request needed"));
  g_assert_nonnull (strstr (parsed, "This month’s audit focus is: Planning."));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, CaTestFixture, NULL, set_up, func, ca_test_fixture_tear_down)
  ADD ("/allocation-mail-store/load", test_load);
  ADD ("/allocation-mail-store/refused", test_refused);
  ADD ("/allocation-mail-store/text", test_text);
  ADD ("/allocation-mail-store/save-all", test_save_all);
#undef ADD

  return g_test_run ();
}
