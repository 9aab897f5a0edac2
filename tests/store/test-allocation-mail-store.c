// SPDX-License-Identifier: GPL-3.0-or-later
// R-D6: the auditors' e-mails of a committed allocation run: one per auditor, each case with
// its worker and return date, "access request needed" on a restricted record, the first
// steps; saved as private .eml drafts that a mail reader parses back, as one set that is
// there whole or not at all, in a folder checked first, even when a save is stopped midway.

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "ca-allocation-mail-drafts.h"
#include "ca-allocation-mail-store.h"
#include "ca-stores.h"
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

/* Removes FOLDER and everything under it (the fixture's tear-down goes one level deep). */
static void
remove_tree (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (folder);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* FOLDER's names, hidden ones too, sorted and joined with "|". */
static char *
list_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("|", (char **) names->pdata);
}

#define SET_NAME "Audit allocation 2021-07 (run 1)"
#define AMRIT    "Audit allocation 2021-07 – Amrit Kaur (S004).eml"
#define IMRAN    "Audit allocation 2021-07 – Imran Shah (S002).eml"

static void
test_save (CaTestFixture *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaAllocationMailDrafts) drafts = NULL;
  g_autoptr(CaAllocationMailDrafts) again = NULL;
  g_autofree char *folder = g_build_filename (fixture->folder, "mail", "drafts", NULL);
  g_autofree char *set = g_build_filename (folder, SET_NAME, NULL);
  g_autofree char *parsed = NULL;
  g_autofree char *eml = NULL;
  g_autofree char *names = NULL;
  GPtrArray *paths;
  GStatBuf info;

  /* A folder that is not there yet is made, private to its owner. */
  drafts = ca_allocation_mail_drafts_save (fixture->database, 1, folder, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ca_allocation_mail_drafts_get_path (drafts), ==, set);
  g_assert_cmpint (g_stat (folder, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0700);
  paths = ca_allocation_mail_drafts_get_paths (drafts);
  g_assert_cmpuint (paths->len, ==, 2);
  for (guint i = 0; i < paths->len; i++)
    {
      g_assert_cmpint (g_stat (g_ptr_array_index (paths, i), &info), ==, 0);
      g_assert_cmpint (info.st_mode & 0777, ==, 0600);
    }
  g_assert_true (g_str_has_suffix (g_ptr_array_index (paths, 1), "/" IMRAN));
  /* The set and nothing else: no staging folder, no manifest. */
  names = list_folder (folder);
  g_assert_cmpstr (names, ==, SET_NAME);
  g_clear_pointer (&names, g_free);
  names = list_folder (set);
  g_assert_cmpstr (names, ==, AMRIT "|" IMRAN);
  g_clear_pointer (&names, g_free);

  /* Saved again: a second set beside the first, which is left as it was. */
  again = ca_allocation_mail_drafts_save (fixture->database, 1, folder, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (ca_allocation_mail_drafts_get_path (again),
                                   "/" SET_NAME " (2)"));
  names = list_folder (folder);
  g_assert_cmpstr (names, ==, SET_NAME "|" SET_NAME " (2)");

  g_assert_true (g_file_get_contents (g_ptr_array_index (paths, 1), &eml, NULL, NULL));
  g_assert_nonnull (strstr (eml, "\r\nX-Unsent: 1\r\n"));
  parsed = parse_with_python (g_ptr_array_index (paths, 1));
  remove_tree (g_path_get_dirname (folder));
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

/* A folder that cannot be made or written is refused at the first step, whoever runs the
 * test (a path under a file fails for root too), and nothing is left anywhere. */
static void
test_folder_refused (CaTestFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaAllocationMailDrafts) drafts = NULL;
  g_autofree char *file = g_build_filename (fixture->folder, "a-file", NULL);
  g_autofree char *under_file = g_build_filename (file, "drafts", NULL);
  g_autofree char *long_name = g_strnfill (300, 'x');
  g_autofree char *too_long = g_build_filename (fixture->folder, long_name, NULL);
  g_autofree char *names = NULL;

  g_assert_true (g_file_set_contents (file, "not a folder", -1, NULL));
  drafts = ca_allocation_mail_drafts_new (fixture->database, under_file, &error);
  g_assert_null (drafts);
  g_assert_error (error, CA_ALLOCATION_MAIL_ERROR, CA_ALLOCATION_MAIL_ERROR_NO_FOLDER);
  g_clear_error (&error);
  drafts = ca_allocation_mail_drafts_new (fixture->database, file, &error);
  g_assert_null (drafts);
  g_assert_error (error, CA_ALLOCATION_MAIL_ERROR, CA_ALLOCATION_MAIL_ERROR_NO_FOLDER);
  g_clear_error (&error);
  drafts = ca_allocation_mail_drafts_new (fixture->database, too_long, &error);
  g_assert_null (drafts);
  g_assert_error (error, CA_ALLOCATION_MAIL_ERROR, CA_ALLOCATION_MAIL_ERROR_NO_FOLDER);
  g_assert_nonnull (strstr (error->message, g_strerror (ENAMETOOLONG)));

  names = list_folder (fixture->folder);
  g_assert_cmpstr (names, ==, "a-file|test.db|test.db-shm|test.db-wal");
}

/* Names as long as an import allows are shortened to the file system's limit, stay apart,
 * and keep the staff id and the .eml ending. */
static void
test_long_names (CaTestFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaAllocationMailDrafts) drafts = NULL;
  g_autofree char *folder = g_build_filename (fixture->folder, "drafts", NULL);
  g_autofree char *name = g_strnfill (300, 'e');
  g_autofree char *sql = NULL;
  GPtrArray *paths;

  /* The same 300-letter name (with an accent, to cut between characters) for both. */
  name[0] = '\xc3';
  name[1] = '\xa9';
  sql = g_strdup_printf ("UPDATE staff SET name = '%s' WHERE id IN (2, 4)", name);
  ca_test_exec (fixture->database, sql);

  drafts = ca_allocation_mail_drafts_save (fixture->database, 1, folder, &error);
  g_assert_no_error (error);
  paths = ca_allocation_mail_drafts_get_paths (drafts);
  g_assert_cmpuint (paths->len, ==, 2);
  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *base = g_path_get_basename (paths->pdata[i]);

      g_assert_cmpuint (strlen (base), <=, 255);
      g_assert_true (g_utf8_validate (base, -1, NULL));
      g_assert_true (g_str_has_suffix (base, ").eml"));
      g_assert_nonnull (strstr (base, "…"));
      g_assert_true (g_file_test (paths->pdata[i], G_FILE_TEST_IS_REGULAR));
    }
  g_assert_cmpstr (paths->pdata[0], !=, paths->pdata[1]);
  remove_tree (folder);
}

/* Run in a subprocess: stages run 1's drafts in the folder the parent names, and stops
 * there as a kill would, between writing the drafts and putting them in place. */
static void
stage_and_stop (void)
{
  g_autoptr(GError) error = NULL;
  CaDatabase *database;
  CaAllocationMailDrafts *drafts;

  if (!g_test_subprocess ())
    {
      g_test_skip ("run by the stopped-… tests in a process of its own");
      return;
    }
  database = ca_stores_open (g_getenv ("CA_TEST_DATABASE"), CA_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  drafts = ca_allocation_mail_drafts_new (database, g_getenv ("CA_TEST_FOLDER"), &error);
  g_assert_no_error (error);
  g_assert_true (ca_allocation_mail_drafts_stage (drafts, 1, &error));
  g_assert_no_error (error);
  _exit (0);
}

static void
stop_after_staging (CaTestFixture *fixture,
                    const char    *folder)
{
  g_setenv ("CA_TEST_DATABASE", fixture->path, TRUE);
  g_setenv ("CA_TEST_FOLDER", folder, TRUE);
  g_test_trap_subprocess ("/allocation-mail-store/drafts/stage-and-stop", 0,
                          G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* A command stopped after its run was committed, before the drafts were in place: the next
 * save into the folder puts that set in place (rolled forward) and leaves nothing else. */
static void
test_stopped_after_commit (CaTestFixture *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaAllocationMailDrafts) drafts = NULL;
  g_autofree char *folder = g_build_filename (fixture->folder, "drafts", NULL);
  g_autofree char *names = NULL;
  g_autofree char *set = g_build_filename (folder, SET_NAME, NULL);
  GPtrArray *recovered;

  stop_after_staging (fixture, folder);
  names = list_folder (folder);
  g_assert_true (g_str_has_prefix (names, ".case-audit-drafts-"));
  g_assert_nonnull (strstr (names, ".manifest"));
  g_clear_pointer (&names, g_free);

  drafts = ca_allocation_mail_drafts_new (fixture->database, folder, &error);
  g_assert_no_error (error);
  recovered = ca_allocation_mail_drafts_get_recovered (drafts);
  g_assert_cmpuint (recovered->len, ==, 1);
  g_assert_cmpstr (recovered->pdata[0], ==, set);
  g_assert_cmpuint (ca_allocation_mail_drafts_get_n_removed (drafts), ==, 0);
  g_clear_pointer (&drafts, ca_allocation_mail_drafts_free);

  names = list_folder (folder);
  g_assert_cmpstr (names, ==, SET_NAME);
  g_clear_pointer (&names, g_free);
  names = list_folder (set);
  g_assert_cmpstr (names, ==, AMRIT "|" IMRAN);
  remove_tree (folder);
}

/* A staged set whose run is not what the database holds (it was rolled back, or changed,
 * or cancelled since) is removed, as are a set stopped before its manifest and a manifest
 * left alone; a set another process is writing is left to it. */
static void
test_stopped_before_commit (CaTestFixture *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaAllocationMailDrafts) drafts = NULL;
  g_autoptr(CaAllocationMailDrafts) busy = NULL;
  g_autofree char *folder = g_build_filename (fixture->folder, "drafts", NULL);
  g_autofree char *unfinished = g_build_filename (folder, ".case-audit-drafts-abcdef", NULL);
  g_autofree char *half = g_build_filename (unfinished, "half.eml", NULL);
  g_autofree char *lone = g_build_filename (folder, ".case-audit-drafts-ghijkl.manifest", NULL);
  g_autofree char *names = NULL;
  g_autofree char *busy_names = NULL;

  stop_after_staging (fixture, folder);
  /* The drafts no longer say what the database does: this run was not theirs. */
  ca_test_exec (fixture->database, "UPDATE staff SET name = 'Imran Shah-Khan' WHERE id = 2");
  g_assert_cmpint (g_mkdir (unfinished, 0700), ==, 0);
  g_assert_true (g_file_set_contents (half, "Date: …", -1, NULL));
  g_assert_true (g_file_set_contents (lone, "[drafts]\n", -1, NULL));

  /* Another process's set, still being written: locked, so left alone. */
  busy = ca_allocation_mail_drafts_new (fixture->database, folder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ca_allocation_mail_drafts_get_n_removed (busy), ==, 2);
  busy_names = list_folder (folder);

  drafts = ca_allocation_mail_drafts_new (fixture->database, folder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ca_allocation_mail_drafts_get_recovered (drafts)->len, ==, 0);
  g_assert_cmpuint (ca_allocation_mail_drafts_get_n_removed (drafts), ==, 0);
  g_clear_pointer (&drafts, ca_allocation_mail_drafts_free);
  g_clear_pointer (&busy, ca_allocation_mail_drafts_free);

  /* Only the busy one's staging folder was there; it went with it. */
  g_assert_true (g_str_has_prefix (busy_names, ".case-audit-drafts-"));
  g_assert_null (strchr (busy_names, '|'));
  names = list_folder (folder);
  g_assert_cmpstr (names, ==, "");
  remove_tree (folder);
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
  ADD ("/allocation-mail-store/drafts/save", test_save);
  ADD ("/allocation-mail-store/drafts/folder-refused", test_folder_refused);
  ADD ("/allocation-mail-store/drafts/long-names", test_long_names);
  ADD ("/allocation-mail-store/drafts/stopped-after-commit", test_stopped_after_commit);
  ADD ("/allocation-mail-store/drafts/stopped-before-commit", test_stopped_before_commit);
  g_test_add_func ("/allocation-mail-store/drafts/stage-and-stop", stage_and_stop);
#undef ADD

  return g_test_run ();
}
