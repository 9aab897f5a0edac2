// SPDX-License-Identifier: GPL-3.0-or-later
// Importing CSV lists into a real database: all-or-nothing, re-import updates by key, each
// reason a row is refused, presets, cancelling, and the threaded run with its progress.

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ca-import.h"
#include "ca-import-mapping-store.h"
#include "ca-stores.h"
#include "ca-test-fixture.h"
#include "ca-tool-store.h"

static GFile *
write_csv (CaTestFixture *fixture,
           const char    *name,
           const char    *text)
{
  g_autofree char *path = g_build_filename (fixture->folder, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return g_file_new_for_path (path);
}

/* Everything an import can touch, as text, to compare before and after. */
static char *
stored_state (CaDatabase *database)
{
  return ca_test_query_text (database,
    "SELECT (SELECT group_concat (x, ';') FROM (SELECT id || name AS x FROM service_area ORDER BY id))"
    " || '|' || (SELECT group_concat (x, ';') FROM (SELECT id || name AS x FROM locality ORDER BY id))"
    " || '|' || coalesce ((SELECT group_concat (x, ';') FROM (SELECT id || name AS x FROM auditor_group ORDER BY id)), '')"
    " || '|' || (SELECT group_concat (x, ';') FROM (SELECT id || name || service_area_id || locality_id || coalesce (auditor_group_id, '-') AS x FROM team ORDER BY id))"
    " || '|' || (SELECT group_concat (x, ';') FROM (SELECT id || staff_ref || name || coalesce (email, '-') || role_code || coalesce (team_id, '-') || coalesce (line_manager_id, '-') || active AS x FROM staff ORDER BY id))"
    " || '|' || (SELECT group_concat (x, ';') FROM (SELECT id || case_ref || team_id || coalesce (locality_id, '-') || coalesce (allocated_worker_id, '-') || open_date || coalesce (close_date, '-') || legal_status || coalesce (ethnicity, '-') || coalesce (birth_month, '-') || coalesce (gender, '-') || disability || restricted AS x FROM case_file ORDER BY id))"
    " || '|' || (SELECT group_concat (x, ';') FROM (SELECT id || status || coalesce (overall_grade, '-') || coalesce (category, '-') AS x FROM audit ORDER BY id))"
    " || '|' || (SELECT count (*) FROM change_history)");
}

/* The database file's own bytes (and its write-ahead log's). */
static GBytes *
file_bytes (CaTestFixture *fixture)
{
  g_autoptr(GByteArray) all = g_byte_array_new ();
  const char *suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (fixture->path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (path, &contents, &length, NULL))
        g_byte_array_append (all, (const guint8 *) contents, (guint) length);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&all));
}

static CaImportPreview *
read_file (GFile *file)
{
  g_autoptr(GError) error = NULL;
  CaImportPreview *preview = ca_import_preview_read (file, 0, NULL, &error);

  g_assert_no_error (error);
  return preview;
}

static CaImportReport *
run (CaTestFixture  *fixture,
     CaImportKind    kind,
     CaImportFormat  format,
     GFile          *file,
     GError        **error)
{
  g_autoptr(CaImportPreview) preview = ca_import_preview_read (file, 0, NULL, error);
  g_autoptr(CaImportMapping) mapping = NULL;

  if (preview == NULL)
    return NULL;
  mapping = ca_import_mapping_new_from_header (kind, format,
                                               ca_import_preview_get_header (preview));
  return ca_import_run (fixture->database, mapping, preview, NULL, error);
}

static CaImportReport *
run_good (CaTestFixture  *fixture,
          CaImportKind    kind,
          CaImportFormat  format,
          const char     *text,
          guint           want_inserted,
          guint           want_updated)
{
  g_autoptr(GFile) file = write_csv (fixture, "good.csv", text);
  g_autoptr(GError) error = NULL;
  CaImportReport *report = run (fixture, kind, format, file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  if (!ca_import_report_get_succeeded (report))
    g_error ("line %u: %s", ca_import_report_get_error_line (report, 0),
             ca_import_report_get_error_message (report, 0));
  g_assert_cmpuint (ca_import_report_get_n_inserted (report), ==, want_inserted);
  g_assert_cmpuint (ca_import_report_get_n_updated (report), ==, want_updated);
  return report;
}

/* A file with bad rows: each expected (line, words in the reason) reported, nothing written,
 * the database file byte for byte as it was. */
static void
check_refused (CaTestFixture       *fixture,
               CaImportKind         kind,
               CaImportFormat       format,
               const char          *text,
               const char * const  *want)
{
  g_autoptr(GFile) file = write_csv (fixture, "bad.csv", text);
  g_autoptr(GError) error = NULL;
  g_autoptr(CaImportReport) report = NULL;
  g_autofree char *before = stored_state (fixture->database);
  g_autofree char *after = NULL;
  g_autoptr(GBytes) bytes_before = file_bytes (fixture);
  g_autoptr(GBytes) bytes_after = NULL;
  guint n_want = g_strv_length ((char **) want) / 2;

  report = run (fixture, kind, format, file, &error);
  g_assert_no_error (error);
  g_assert_false (ca_import_report_get_succeeded (report));
  g_assert_cmpuint (ca_import_report_get_n_inserted (report), ==, 0);
  g_assert_cmpuint (ca_import_report_get_n_updated (report), ==, 0);

  for (guint i = 0; i < ca_import_report_get_n_errors (report); i++)
    g_test_message ("line %u: %s", ca_import_report_get_error_line (report, i),
                    ca_import_report_get_error_message (report, i));
  g_assert_cmpuint (ca_import_report_get_n_errors (report), ==, n_want);
  for (guint i = 0; i < n_want; i++)
    {
      guint line = (guint) g_ascii_strtoull (want[2 * i], NULL, 10);
      const char *message = ca_import_report_get_error_message (report, i);

      g_assert_cmpuint (ca_import_report_get_error_line (report, i), ==, line);
      if (strstr (message, want[2 * i + 1]) == NULL)
        g_error ("line %u: “%s” does not say “%s”", line, message, want[2 * i + 1]);
    }

  after = stored_state (fixture->database);
  g_assert_cmpstr (after, ==, before);
  bytes_after = file_bytes (fixture);
  g_assert_true (g_bytes_equal (bytes_before, bytes_after));
}

static void
test_teams (CaTestFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(CaImportReport) first = NULL;
  g_autoptr(CaImportReport) again = NULL;
  g_autofree char *description = NULL;

  first = run_good (fixture, CA_IMPORT_KIND_TEAMS, CA_IMPORT_FORMAT_CANONICAL,
                    "\xef\xbb\xbfTeam , Service_Area,LOCALITY,auditor_group\r\n"
                    "A&I Team 1,Assessment & Intervention,Stourbridge,A\r\n"
                    "\"Leaving Care, West\",Leaving Care,Halesowen,B\r\n", 1, 1);
  description = ca_import_report_describe (first);
  g_assert_cmpstr (description, ==, "Imported 2 teams (1 new, 1 updated).");
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count (*) FROM team t JOIN locality l ON "
                                      "l.id = t.locality_id WHERE t.name = 'A&I Team 1' AND "
                                      "l.name = 'Stourbridge'"), ==, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count (*) FROM team t JOIN service_area s ON "
                                      "s.id = t.service_area_id JOIN auditor_group g ON "
                                      "g.id = t.auditor_group_id WHERE t.name = 'Leaving Care, West' "
                                      "AND s.name = 'Leaving Care' AND g.name = 'B'"), ==, 1);

  /* Names are matched whatever their case: no second "halesowen". */
  again = run_good (fixture, CA_IMPORT_KIND_TEAMS, CA_IMPORT_FORMAT_CANONICAL,
                    "team,service_area,locality\n"
                    "\"leaving care, west\",leaving care,halesowen\n", 0, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count (*) FROM locality"), ==, 3);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count (*) FROM service_area"),
                   ==, 3);
}

static void
test_teams_duplicate (CaTestFixture *fixture,
                      gconstpointer  data)
{
  static const char * const want[] = {
    "3", "twice (first on line 2)",
    "4", "service area is missing",
    NULL,
  };

  check_refused (fixture, CA_IMPORT_KIND_TEAMS, CA_IMPORT_FORMAT_CANONICAL,
                 "team,service_area,locality\nNew,Early Help,Dudley\nnew,Early Help,Dudley\n"
                 "Other,,Dudley\n", want);
}

static void
test_staff (CaTestFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(CaImportReport) first = NULL;
  g_autoptr(CaImportReport) again = NULL;

  /* S011's manager comes later in the file; S002 already exists and moves team. */
  first = run_good (fixture, CA_IMPORT_KIND_STAFF, CA_IMPORT_FORMAT_CANONICAL,
                    "staff_id,name,email,role,team,line_manager_id,active\n"
                    "S011,Ravi Patel,ravi@example.org,practitioner,A&I Team 2,S010,yes\n"
                    "S010,Jo Mills,,Team Manager,A&I Team 2,S001,1\n"
                    "S002,Imran Shah,imran@example.org,team-manager,A&I Team 2,S001,false\n",
                    2, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count (*) FROM staff s JOIN staff m ON "
                                      "m.id = s.line_manager_id WHERE s.staff_ref = 'S011' AND "
                                      "m.staff_ref = 'S010'"), ==, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT active FROM staff WHERE staff_ref = 'S002'"), ==, 0);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT team_id FROM staff WHERE staff_ref = 'S002'"), ==, 2);

  /* Again: everyone is updated, no one added; an empty manager clears it. */
  again = run_good (fixture, CA_IMPORT_KIND_STAFF, CA_IMPORT_FORMAT_CANONICAL,
                    "staff_id,name,role,team,line_manager_id\n"
                    "S011,Ravi Patel,practitioner,A&I Team 2,\n", 0, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT line_manager_id IS NULL FROM staff "
                                      "WHERE staff_ref = 'S011'"), ==, 1);
}

static void
test_staff_errors (CaTestFixture *fixture,
                   gconstpointer  data)
{
  static const char * const want[] = {
    "2", "unknown team “Nowhere”",
    "3", "unknown line manager “S999”",
    "4", "unknown role “Wizard”",
    "5", "twice (first on line 2)",
    "6", "the row has 3 values but the header has 7 columns",
    "7", "their own line manager",
    NULL,
  };

  check_refused (fixture, CA_IMPORT_KIND_STAFF, CA_IMPORT_FORMAT_CANONICAL,
                 "staff_id,name,email,role,team,line_manager_id,active\n"
                 "S020,A,,practitioner,Nowhere,S001,1\n"
                 "S021,B,,practitioner,A&I Team 1,S999,1\n"
                 "S022,C,,Wizard,A&I Team 1,S001,1\n"
                 "S020,D,,practitioner,A&I Team 1,S001,1\n"
                 "S023,E,x\n"
                 "S024,F,,practitioner,,S024,1\n", want);
}

/* S001 is at the top; making S003 (who is under S002, under S001) S001's manager would send
 * the chain round: the cycle is found across the file and the staff already stored. */
static void
test_staff_cycle (CaTestFixture *fixture,
                  gconstpointer  data)
{
  static const char * const with_stored[] = {
    "2", "goes round in a circle: S001 → S003 → S002 → S001",
    NULL,
  };
  static const char * const in_file[] = {
    "2", "circle",
    "3", "circle",
    "4", "circle",
    NULL,
  };

  check_refused (fixture, CA_IMPORT_KIND_STAFF, CA_IMPORT_FORMAT_CANONICAL,
                 "staff_id,name,role,line_manager_id\nS001,Hannah Price,head-of-service,S003\n",
                 with_stored);
  check_refused (fixture, CA_IMPORT_KIND_STAFF, CA_IMPORT_FORMAT_CANONICAL,
                 "staff_id,name,role,line_manager_id\n"
                 "X1,A,team-manager,X2\nX2,B,team-manager,X3\nX3,C,team-manager,X1\n"
                 "X4,D,practitioner,X1\n", in_file);
}

/* A chain of five managers above a practitioner, entered bottom first. */
static void
test_staff_chain_of_five (CaTestFixture *fixture,
                          gconstpointer  data)
{
  g_autoptr(CaImportReport) report = NULL;

  report = run_good (fixture, CA_IMPORT_KIND_STAFF, CA_IMPORT_FORMAT_CANONICAL,
                     "staff_id,name,role,line_manager_id\n"
                     "C6,Six,practitioner,C5\nC5,Five,team-manager,C4\n"
                     "C4,Four,service-manager,C3\nC3,Three,head-of-service,C2\n"
                     "C2,Two,assistant-director,C1\nC1,One,strategic-director,\n", 6, 0);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "WITH RECURSIVE up (id, depth) AS ("
                                      " SELECT line_manager_id, 1 FROM staff WHERE staff_ref = 'C6'"
                                      " UNION ALL SELECT s.line_manager_id, depth + 1 FROM staff s"
                                      " JOIN up ON s.id = up.id WHERE s.line_manager_id IS NOT NULL)"
                                      " SELECT max (depth) FROM up"), ==, 5);
}

#define CASE_HEADER "case_ref,service_area,team,locality,allocated_worker_id,open_date," \
                    "close_date,legal_status,ethnicity,birth_month,gender,disability,restricted\n"

static void
test_cases (CaTestFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(CaImportReport) first = NULL;
  g_autoptr(CaImportReport) again = NULL;

  first = run_good (fixture, CA_IMPORT_KIND_CASES, CA_IMPORT_FORMAT_CANONICAL,
                    CASE_HEADER
                    "CA-000200,Assessment & Intervention,A&I Team 2,,S003,2021-03-01,,"
                    "Child in Need,WBRI,2014-05,female,yes,no\n"
                    "CA-000101,,a&i team 1,Halesowen,Zoe Walker,01/05/2020,2021-06-30,"
                    "child-protection,a) MWBC,2012-07-19,M,0,1\n", 1, 1);
  g_assert_cmpstr (ca_test_query_text (fixture->database,
                                       "SELECT legal_status || ethnicity || birth_month || gender "
                                       "|| disability || restricted || locality_id FROM case_file "
                                       "WHERE case_ref = 'CA-000200'"), ==,
                   "child-in-needWBRI2014-05female102");
  g_assert_cmpstr (ca_test_query_text (fixture->database,
                                       "SELECT close_date || ethnicity || birth_month || "
                                       "restricted || locality_id FROM case_file "
                                       "WHERE case_ref = 'CA-000101'"), ==,
                   "2021-06-30MWBC2012-0712");

  again = run_good (fixture, CA_IMPORT_KIND_CASES, CA_IMPORT_FORMAT_CANONICAL,
                    CASE_HEADER
                    "CA-000200,,A&I Team 2,,,2021-03-01,,looked-after,,,,,\n", 0, 1);
  g_assert_cmpstr (ca_test_query_text (fixture->database,
                                       "SELECT legal_status FROM case_file "
                                       "WHERE case_ref = 'CA-000200'"), ==, "looked-after");
}

/* A list without some optional columns leaves those values as they are. */
static void
test_cases_fewer_columns (CaTestFixture *fixture,
                          gconstpointer  data)
{
  g_autoptr(CaImportReport) first = NULL;
  g_autoptr(CaImportReport) again = NULL;
  g_autoptr(CaImportReport) staff = NULL;

  first = run_good (fixture, CA_IMPORT_KIND_CASES, CA_IMPORT_FORMAT_CANONICAL,
                    CASE_HEADER
                    "CA-000101,,A&I Team 1,,S003,2020-05-01,,child-protection,MWBC,2012-07,M,1,1\n",
                    0, 1);
  again = run_good (fixture, CA_IMPORT_KIND_CASES, CA_IMPORT_FORMAT_CANONICAL,
                    "case_ref,team,open_date,legal_status\n"
                    "CA-000101,A&I Team 2,2020-05-02,looked-after\n", 0, 1);
  g_assert_cmpstr (ca_test_query_text (fixture->database,
                                       "SELECT team_id || open_date || legal_status || "
                                       "allocated_worker_id || ethnicity || birth_month || gender "
                                       "|| disability || restricted FROM case_file "
                                       "WHERE case_ref = 'CA-000101'"), ==,
                   "22020-05-02looked-after3MWBC2012-07male11");

  /* Staff without the manager, team or active columns keep theirs. */
  staff = run_good (fixture, CA_IMPORT_KIND_STAFF, CA_IMPORT_FORMAT_CANONICAL,
                    "staff_id,name,role\nS003,Zoe Walker-Smith,practitioner\n", 0, 1);
  g_assert_cmpstr (ca_test_query_text (fixture->database,
                                       "SELECT name || team_id || line_manager_id || active "
                                       "FROM staff WHERE staff_ref = 'S003'"), ==,
                   "Zoe Walker-Smith121");
}

static void
test_cases_errors (CaTestFixture *fixture,
                   gconstpointer  data)
{
  static const char * const want[] = {
    "2", "“2021-02-30” is not a real date",
    "3", "the close date 2021-01-01 is before the open date 2021-03-01",
    "4", "unknown legal status “adopted”",
    "5", "unknown ethnicity “ZZZZ”",
    "6", "unknown team “Nowhere”",
    "7", "unknown worker “Nobody Known”",
    "8", "“CA-000300” is in the file twice (first on line 2)",
    "9", "the row has 2 values but the header has 13 columns",
    "10", "team “A&I Team 1” is in the service area “Assessment & Intervention”, not “Early Help”",
    "12", "the open date is missing",
    NULL,
  };

  check_refused (fixture, CA_IMPORT_KIND_CASES, CA_IMPORT_FORMAT_CANONICAL,
                 CASE_HEADER
                 "CA-000300,,A&I Team 1,,,2021-02-30,,child-in-need,,,,,\n"
                 "CA-000301,,A&I Team 1,,,2021-03-01,2021-01-01,child-in-need,,,,,\n"
                 "CA-000302,,A&I Team 1,,,2021-03-01,,adopted,,,,,\n"
                 "CA-000303,,A&I Team 1,,,2021-03-01,,child-in-need,ZZZZ,,,,\n"
                 "CA-000304,,Nowhere,,,2021-03-01,,child-in-need,,,,,\n"
                 "CA-000305,,A&I Team 1,,Nobody Known,2021-03-01,,child-in-need,,,,,\n"
                 "CA-000300,,A&I Team 1,,,2021-03-01,,child-in-need,,,,,\n"
                 "CA-000306,x\n"
                 "CA-000307,Early Help,A&I Team 1,,,2021-03-01,,child-in-need,,,,,\n"
                 "CA-000308,,A&I Team 1,,,2021-03-01,,child-in-need,,,,,\n"
                 "CA-000309,,A&I Team 1,,,,,child-in-need,,,,,\n", want);
}

static void
test_annex_a (CaTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(CaImportPreview) preview = NULL;
  g_autoptr(CaImportReport) six = NULL;
  g_autoptr(CaImportReport) eight = NULL;
  static const char list_8[] =
    "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),"
    "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N),"
    "Does the Child have a Disability,Date Started to be Looked After,Child's Category of Need,"
    "Child's Legal Status,Date Ceased to be Looked After,Reason Ceased to be Looked After,"
    "Allocated Team,Allocated Worker\r\n"
    "LA-1,a) Male,a) WBRI,12/03/2010,11,N,b) No,04/01/2021,N1,C2,,,A&I Team 1,S003\r\n"
    "LA-2,b) Female,Pakistani,30/06/2012,9,N,a) Yes,04/01/2021,N1,C2,31/03/2021,E11,"
    "A&I Team 2,Zoe Walker\r\n";

  file = write_csv (fixture, "list-8.csv", list_8);
  preview = ca_import_preview_read (file, 5, NULL, NULL);
  g_assert_cmpint (ca_import_format_detect (CA_IMPORT_KIND_CASES,
                                            ca_import_preview_get_header (preview)), ==,
                   CA_IMPORT_FORMAT_ANNEX_A_8);
  g_assert_cmpuint (ca_import_preview_get_n_rows (preview), ==, 2);
  g_assert_cmpuint (ca_import_preview_get_row_line (preview, 1), ==, 3);

  eight = run_good (fixture, CA_IMPORT_KIND_CASES, CA_IMPORT_FORMAT_ANNEX_A_8, list_8, 2, 0);
  g_assert_cmpstr (ca_test_query_text (fixture->database,
                                       "SELECT group_concat (x, ';') FROM (SELECT case_ref || ' ' "
                                       "|| legal_status || ' ' || open_date || ' ' || "
                                       "coalesce (close_date, '-') || ' ' || ethnicity || ' ' || "
                                       "birth_month || ' ' || gender || ' ' || disability AS x "
                                       "FROM case_file WHERE case_ref LIKE 'LA-%' ORDER BY case_ref)"),
                   ==,
                   "LA-1 looked-after 2021-01-04 - WBRI 2010-03 male 0;"
                   "LA-2 looked-after 2021-01-04 2021-03-31 APKN 2012-06 female 1");

  /* List 6 takes the legal status from the case status. */
  six = run_good (fixture, CA_IMPORT_KIND_CASES, CA_IMPORT_FORMAT_ANNEX_A_6,
                  "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),"
                  "Does the Child have a Disability,CIN Start Date,Primary Need Code,"
                  "Date Child Was Last Seen,CIN Closure Date,Reason for Closure,Case Status,"
                  "Allocated Team,Allocated Worker\n"
                  "CIN-1,a) Male,WBRI,01/01/2015,6,b) No,02/02/2021,N1,,,,"
                  "b) Child Protection plan,A&I Team 1,\n"
                  "CIN-2,a) Male,WBRI,01/01/2015,6,b) No,02/02/2021,N1,,,,"
                  "c) Child in need plan,A&I Team 1,\n", 2, 0);
  g_assert_cmpstr (ca_test_query_text (fixture->database,
                                       "SELECT group_concat (legal_status, ';') FROM (SELECT "
                                       "legal_status FROM case_file WHERE case_ref LIKE 'CIN-%' "
                                       "ORDER BY case_ref)"), ==,
                   "child-protection;child-in-need");
}

static void
test_annex_a_unknown_worker (CaTestFixture *fixture,
                             gconstpointer  data)
{
  static const char * const want[] = {
    "2", "unknown worker “Pat Unknown”",
    "3", "unknown team “Team X”",
    NULL,
  };

  check_refused (fixture, CA_IMPORT_KIND_CASES, CA_IMPORT_FORMAT_ANNEX_A_7,
                 "Child Unique ID,Gender,Ethnicity,Date of Birth,Child Protection Plan Start Date,"
                 "Child Protection Plan End Date,Allocated Team,Allocated Worker\n"
                 "CP-1,a) Male,WBRI,01/01/2015,02/02/2021,,A&I Team 1,Pat Unknown\n"
                 "CP-2,a) Male,WBRI,01/01/2015,02/02/2021,,Team X,S003\n", want);
}

static void
test_ssda903 (CaTestFixture *fixture,
              gconstpointer  data)
{
  static const char * const want[] = {
    "3", "no case “NEW-1”",
    NULL,
  };
  g_autoptr(CaImportReport) report = NULL;

  report = run_good (fixture, CA_IMPORT_KIND_CASES, CA_IMPORT_FORMAT_SSDA903_HEADER,
                     "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
                     "CA-000101,2,14/02/2013,BAFR,A123,,\n", 0, 1);
  g_assert_cmpstr (ca_test_query_text (fixture->database,
                                       "SELECT gender || birth_month || ethnicity || team_id || "
                                       "legal_status FROM case_file WHERE case_ref = 'CA-000101'"),
                   ==, "female2013-02BAFR1child-protection");
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count (*) FROM case_file"),
                   ==, 2);

  check_refused (fixture, CA_IMPORT_KIND_CASES, CA_IMPORT_FORMAT_SSDA903_HEADER,
                 "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
                 "CA-000102,1,14/02/2013,BAFR,A123,,\n"
                 "NEW-1,1,14/02/2013,BAFR,A124,,\n", want);
}

static void
test_audits (CaTestFixture *fixture,
             gconstpointer  data)
{
  static const char * const want[] = {
    "2", "unknown grade “great”",
    "3", "unknown audit tool “nope”",
    "4", "unknown case “CA-999999”",
    "5", "category 1 is only for an audit graded inadequate",
    "6", "unknown auditor “S999”",
    /* The Stage 2 moderation's tool is no audit's tool, by code or by name. */
    "7", "unknown audit tool “stage-2”",
    "8", "unknown audit tool “Stage 2 moderation”",
    NULL,
  };
  g_autoptr(CaImportReport) first = NULL;
  g_autoptr(CaImportReport) again = NULL;
  gint64 history_before;

  first = run_good (fixture, CA_IMPORT_KIND_AUDITS, CA_IMPORT_FORMAT_CANONICAL,
                    "case_ref,auditor_id,tool,audit_date,overall_grade,category\n"
                    "CA-000101,S004,fixture,2020-11-10,Requires Improvement,3\n"
                    "CA-000102,Imran Shah,FIXTURE,12/12/2020,,\n", 2, 0);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count (*) FROM audit WHERE status = 'closed' AND "
                                      "tool_version_id = 100 AND allocated_on = audit_date AND "
                                      "submitted_at IS NOT NULL"), ==, 2);

  /* Again with the grade made worse: the same audit changes, through the history. */
  history_before = ca_test_query_int (fixture->database, "SELECT count (*) FROM change_history");
  again = run_good (fixture, CA_IMPORT_KIND_AUDITS, CA_IMPORT_FORMAT_CANONICAL,
                    "case_ref,auditor_id,tool,audit_date,overall_grade,category\n"
                    "CA-000101,S004,fixture,2020-11-10,inadequate,2\n", 0, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count (*) FROM audit WHERE audit_date = '2020-11-10' "
                                      "AND overall_grade = 'inadequate' AND category = 2"), ==, 1);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count (*) FROM change_history"),
                   ==, history_before + 2);

  check_refused (fixture, CA_IMPORT_KIND_AUDITS, CA_IMPORT_FORMAT_CANONICAL,
                 "case_ref,auditor_id,tool,audit_date,overall_grade,category\n"
                 "CA-000101,S004,fixture,2021-01-10,great,\n"
                 "CA-000101,S004,nope,2021-01-10,good,\n"
                 "CA-999999,S004,fixture,2021-01-10,good,\n"
                 "CA-000101,S004,fixture,2021-01-11,good,1\n"
                 "CA-000101,S999,fixture,2021-01-12,good,\n"
                 "CA-000101,S004,stage-2,2021-01-13,good,\n"
                 "CA-000101,S004,Stage 2 moderation,2021-01-14,good,\n", want);
}

static void
test_missing_column (CaTestFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = write_csv (fixture, "short.csv", "team,locality\nX,Y\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(CaImportReport) report = run (fixture, CA_IMPORT_KIND_TEAMS,
                                          CA_IMPORT_FORMAT_CANONICAL, file, &error);

  g_assert_null (report);
  g_assert_error (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_MISSING_COLUMN);
  g_assert_nonnull (strstr (error->message, "service_area"));
}

/* A malformed file stops the run with the reader's message; nothing is written. */
static void
test_malformed (CaTestFixture *fixture,
                gconstpointer  data)
{
  g_autofree char *before = stored_state (fixture->database);
  g_autofree char *after = NULL;
  g_autoptr(GFile) file = write_csv (fixture, "bad.csv",
                                     "team,service_area,locality\nA,B,C\nD,\"E,F\nG,H,I\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(CaImportMapping) mapping = NULL;
  const char * const header[] = { "team", "service_area", "locality", NULL };
  g_autoptr(CaImportReport) report = NULL;
  g_autoptr(CaImportPreview) preview = NULL;

  mapping = ca_import_mapping_new_from_header (CA_IMPORT_KIND_TEAMS, CA_IMPORT_FORMAT_CANONICAL,
                                               header);
  preview = read_file (file);
  report = ca_import_run (fixture->database, mapping, preview, NULL, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Line 3"));
  after = stored_state (fixture->database);
  g_assert_cmpstr (after, ==, before);
}

static void
test_mapping (CaTestFixture *fixture,
              gconstpointer  data)
{
  const char * const header[] = { "Ref", "Unit", "Opened", "Status", "Extra", NULL };
  g_autoptr(CaImportMapping) mapping = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(CaImportReport) report = NULL;
  g_autoptr(CaImportPreview) preview = NULL;
  guint n_fields = 0;
  const CaImportField *fields = ca_import_get_fields (CA_IMPORT_KIND_CASES,
                                                      CA_IMPORT_FORMAT_CANONICAL, &n_fields);

  g_assert_cmpuint (n_fields, ==, 13);
  g_assert_cmpstr (fields[0].name, ==, "case_ref");
  g_assert_true (fields[0].required);

  mapping = ca_import_mapping_new_from_header (CA_IMPORT_KIND_CASES, CA_IMPORT_FORMAT_CANONICAL,
                                               header);
  g_assert_cmpint (ca_import_mapping_get_column (mapping, "case_ref"), ==, -1);
  g_assert_false (ca_import_mapping_check (mapping, &error));
  g_assert_error (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_MISSING_COLUMN);
  g_clear_error (&error);

  /* The window's mapping: the user says which column is which. */
  ca_import_mapping_set_column (mapping, "case_ref", 0);
  ca_import_mapping_set_column (mapping, "team", 1);
  ca_import_mapping_set_column (mapping, "open_date", 2);
  ca_import_mapping_set_column (mapping, "legal_status", 3);
  g_assert_true (ca_import_mapping_check (mapping, &error));

  file = write_csv (fixture, "mapped.csv",
                    "Ref,Unit,Opened,Status,Extra\nM-1,Early Help North,2021-05-05,early-help,z\n");
  preview = read_file (file);
  report = ca_import_run (fixture->database, mapping, preview, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ca_import_report_get_succeeded (report));
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count (*) FROM case_file WHERE case_ref = 'M-1' "
                                      "AND team_id = 3 AND legal_status = 'early-help'"), ==, 1);
}

/* A council's own spreadsheet (issue 12 item 8): columns matched by name whatever the case,
 * spaces or punctuation, by the field's label, or by a common other name. */
static void
test_header_names (CaTestFixture *fixture,
                   gconstpointer  data)
{
  const char * const cases[] = { "Case Ref", "Service Area", "TEAM", "Open Date",
                                 "Legal-Status", "Date of Birth", "Allocated Worker", NULL };
  const char * const staff[] = { "Staff ID", "Name", "E-mail address", "Job Title",
                                 "Line Manager", NULL };
  g_autoptr(CaImportMapping) case_mapping = NULL;
  g_autoptr(CaImportMapping) staff_mapping = NULL;
  g_autoptr(CaImportMapping) extract = NULL;
  g_autoptr(GError) error = NULL;

  case_mapping = ca_import_mapping_new_from_header (CA_IMPORT_KIND_CASES,
                                                    CA_IMPORT_FORMAT_CANONICAL, cases);
  g_assert_cmpint (ca_import_mapping_get_column (case_mapping, "case_ref"), ==, 0);
  g_assert_cmpint (ca_import_mapping_get_column (case_mapping, "service_area"), ==, 1);
  g_assert_cmpint (ca_import_mapping_get_column (case_mapping, "team"), ==, 2);
  g_assert_cmpint (ca_import_mapping_get_column (case_mapping, "open_date"), ==, 3);
  g_assert_cmpint (ca_import_mapping_get_column (case_mapping, "legal_status"), ==, 4);
  g_assert_cmpint (ca_import_mapping_get_column (case_mapping, "birth_month"), ==, 5);
  g_assert_cmpint (ca_import_mapping_get_column (case_mapping, "allocated_worker_id"), ==, 6);
  g_assert_cmpint (ca_import_mapping_get_column (case_mapping, "close_date"), ==, -1);
  g_assert_true (ca_import_mapping_check (case_mapping, &error));
  g_assert_no_error (error);

  staff_mapping = ca_import_mapping_new_from_header (CA_IMPORT_KIND_STAFF,
                                                     CA_IMPORT_FORMAT_CANONICAL, staff);
  g_assert_cmpint (ca_import_mapping_get_column (staff_mapping, "staff_id"), ==, 0);
  g_assert_cmpint (ca_import_mapping_get_column (staff_mapping, "name"), ==, 1);
  g_assert_cmpint (ca_import_mapping_get_column (staff_mapping, "email"), ==, 2);
  g_assert_cmpint (ca_import_mapping_get_column (staff_mapping, "role"), ==, 3);
  g_assert_cmpint (ca_import_mapping_get_column (staff_mapping, "line_manager_id"), ==, 4);

  /* What a person chose before wins over the header's suggestion: a column left out stays
   * out, and a column chosen by name is taken where the file has it. */
  {
    g_autoptr(GHashTable) chosen = g_hash_table_new (g_str_hash, g_str_equal);

    g_hash_table_insert (chosen, "service_area", "");
    g_hash_table_insert (chosen, "close_date", "Open Date");
    g_hash_table_insert (chosen, "gender", "No Such Column");
    ca_import_mapping_prefer_columns (case_mapping, cases, chosen);
    g_assert_cmpint (ca_import_mapping_get_column (case_mapping, "service_area"), ==, -1);
    g_assert_cmpint (ca_import_mapping_get_column (case_mapping, "close_date"), ==, 3);
    g_assert_cmpint (ca_import_mapping_get_column (case_mapping, "gender"), ==, -1);
    g_assert_cmpint (ca_import_mapping_get_column (case_mapping, "team"), ==, 2);
  }

  /* A published extract keeps its own column names: "Case Ref" is not its "Child Unique ID". */
  extract = ca_import_mapping_new_from_header (CA_IMPORT_KIND_CASES, CA_IMPORT_FORMAT_ANNEX_A_6,
                                               cases);
  g_assert_cmpint (ca_import_mapping_get_column (extract, "case_ref"), ==, -1);
}

static void
test_cancel (CaTestFixture *fixture,
             gconstpointer  data)
{
  g_autofree char *before = stored_state (fixture->database);
  g_autofree char *after = NULL;
  g_autoptr(GFile) file = write_csv (fixture, "teams.csv",
                                     "team,service_area,locality\nNew,Early Help,Dudley\n");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  const char * const header[] = { "team", "service_area", "locality", NULL };
  g_autoptr(CaImportMapping) mapping = NULL;
  g_autoptr(CaImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaImportPreview) preview = read_file (file);

  mapping = ca_import_mapping_new_from_header (CA_IMPORT_KIND_TEAMS, CA_IMPORT_FORMAT_CANONICAL,
                                               header);
  g_cancellable_cancel (cancellable);
  report = ca_import_run (fixture->database, mapping, preview, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_CANCELLED);
  after = stored_state (fixture->database);
  g_assert_cmpstr (after, ==, before);
}

typedef struct
{
  GMainLoop      *loop;
  CaImportReport *report;
  GError         *error;
  double          last_fraction;
  guint           n_progress;
  gboolean        notified;
} AsyncState;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_cmpfloat (fraction, >=, state->last_fraction);
  state->last_fraction = fraction;
  state->n_progress++;
}

static void
progress_notify (gpointer user_data)
{
  AsyncState *state = user_data;

  state->notified = TRUE;
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncState *state = user_data;

  state->report = ca_import_run_finish (result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async (CaTestFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (CASE_HEADER);
  g_autoptr(GFile) file = NULL;
  g_autoptr(CaImportMapping) mapping = NULL;
  g_autoptr(CaImportPreview) preview = NULL;
  AsyncState state = { 0 };

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (text, "AS-%05u,,A&I Team 1,,S003,2021-03-01,,child-in-need,,,,,\n",
                            i);
  file = write_csv (fixture, "many.csv", text->str);
  preview = ca_import_preview_read (file, 10, NULL, NULL);
  g_assert_cmpuint (ca_import_preview_get_n_rows (preview), ==, 10);
  mapping = ca_import_mapping_new_from_header (CA_IMPORT_KIND_CASES, CA_IMPORT_FORMAT_CANONICAL,
                                               ca_import_preview_get_header (preview));

  state.loop = g_main_loop_new (NULL, FALSE);
  ca_import_run_async (fixture->database, mapping, preview, NULL, progress_cb, &state,
                       progress_notify, run_done_cb, &state);
  g_main_loop_run (state.loop);
  /* Progress calls still queued run before the notify. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_no_error (state.error);
  g_assert_nonnull (state.report);
  g_assert_cmpuint (ca_import_report_get_n_inserted (state.report), ==, 3000);
  g_assert_cmpuint (state.n_progress, >, 2);
  g_assert_cmpfloat (state.last_fraction, ==, 1.0);
  g_assert_true (state.notified);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count (*) FROM case_file WHERE case_ref LIKE 'AS-%'"),
                   ==, 3000);

  g_object_unref (state.report);
  g_main_loop_unref (state.loop);
}

static void
test_async_cancel (CaTestFixture *fixture,
                   gconstpointer  data)
{
  g_autofree char *before = stored_state (fixture->database);
  g_autofree char *after = NULL;
  g_autoptr(GFile) file = write_csv (fixture, "teams.csv",
                                     "team,service_area,locality\nNew,Early Help,Dudley\n");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  const char * const header[] = { "team", "service_area", "locality", NULL };
  g_autoptr(CaImportMapping) mapping = NULL;
  g_autoptr(CaImportPreview) preview = read_file (file);
  AsyncState state = { 0 };

  mapping = ca_import_mapping_new_from_header (CA_IMPORT_KIND_TEAMS, CA_IMPORT_FORMAT_CANONICAL,
                                               header);
  /* Cancelled before the worker can start: cancelling once it runs races with a file this
   * small finishing first, which rightly reports the import as done. */
  g_cancellable_cancel (cancellable);
  state.loop = g_main_loop_new (NULL, FALSE);
  ca_import_run_async (fixture->database, mapping, preview, cancellable, NULL, NULL, NULL,
                       run_done_cb, &state);
  g_main_loop_run (state.loop);

  g_assert_null (state.report);
  g_assert_error (state.error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_CANCELLED);
  g_clear_error (&state.error);
  after = stored_state (fixture->database);
  g_assert_cmpstr (after, ==, before);
  g_main_loop_unref (state.loop);
}

static CaImportReport *
run_mapped (CaTestFixture    *fixture,
            CaImportKind      kind,
            const char       *text,
            CaImportMapping **mapping_out,
            GError          **error)
{
  g_autoptr(GFile) file = write_csv (fixture, "mapped.csv", text);
  g_autoptr(CaImportPreview) preview = read_file (file);
  CaImportMapping *mapping = *mapping_out;

  if (mapping == NULL)
    *mapping_out = mapping =
      ca_import_mapping_new_from_header (kind, CA_IMPORT_FORMAT_CANONICAL,
                                         ca_import_preview_get_header (preview));
  return ca_import_run (fixture->database, mapping, preview, NULL, error);
}

static gboolean
has_note (CaImportReport *report,
          const char     *words)
{
  for (const char * const *note = ca_import_report_get_notes (report); *note != NULL; note++)
    if (strstr (*note, words) != NULL)
      return TRUE;
  return FALSE;
}

/* A value that matches no code: listed once with its first line, its rows and its choices;
 * then mapped for the run (by a role's name), remembered when asked, used next time and
 * said so, and overridden by what is given for a run. */
static void
test_value_mappings (CaTestFixture *fixture,
                     gconstpointer  data)
{
  static const char wizards[] =
    "staff_id,name,role,team,active\n"
    "W1,Wyn Wizard,Chief Wizard,A&I Team 1,Y\n"
    "W2,Xan Wizard,CHIEF  WIZARD,A&I Team 1,maybe\n"
    "W3,Sam Worker,Senior Social Worker,A&I Team 1,n\n";
  g_autoptr(CaImportMapping) mapping = NULL;
  g_autoptr(CaImportMapping) next = NULL;
  g_autoptr(CaImportMapping) given = NULL;
  g_autoptr(CaImportReport) refused = NULL;
  g_autoptr(CaImportReport) mapped = NULL;
  g_autoptr(CaImportReport) remembered = NULL;
  g_autoptr(CaImportReport) overridden = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autofree char *description = NULL;
  const CaImportUnmatched *unmatched;
  GPtrArray *choices;
  gboolean offered = FALSE;

  refused = run_mapped (fixture, CA_IMPORT_KIND_STAFF, wizards, &mapping, &error);
  g_assert_no_error (error);
  g_assert_false (ca_import_report_get_succeeded (refused));
  g_assert_cmpuint (ca_import_report_get_n_unmatched (refused), ==, 2);
  unmatched = ca_import_report_get_unmatched (refused, 0);
  g_assert_cmpstr (unmatched->field, ==, "role");
  g_assert_cmpstr (unmatched->value, ==, "Chief Wizard");
  g_assert_cmpuint (unmatched->line, ==, 2);
  g_assert_cmpuint (unmatched->n_rows, ==, 2);
  unmatched = ca_import_report_get_unmatched (refused, 1);
  g_assert_cmpstr (unmatched->field, ==, "active");
  g_assert_cmpstr (unmatched->value, ==, "maybe");
  choices = ca_import_report_get_choices (refused, "role");
  g_assert_nonnull (choices);
  for (guint i = 0; i < choices->len; i++)
    if (g_str_equal (((CaImportChoice *) choices->pdata[i])->code, "service-manager") &&
        g_str_equal (((CaImportChoice *) choices->pdata[i])->label, "Service Manager"))
      offered = TRUE;
  g_assert_true (offered);
  g_assert_cmpuint (ca_import_report_get_choices (refused, "active")->len, ==, 2);
  description = ca_import_report_describe_unmatched (refused, 0);
  g_assert_cmpstr (strstr (description, "“Chief Wizard” (line 2 and 1 more row)"), ==,
                   description);
  g_assert_nonnull (strstr (description, "service-manager (Service Manager)"));

  /* Mapped by the role's name, for this run and to be remembered. */
  ca_import_mapping_set_value (mapping, "role", "chief wizard", "Service Manager");
  ca_import_mapping_set_value (mapping, "active", "Maybe", "no");
  ca_import_mapping_set_remember_values (mapping, TRUE);
  g_assert_cmpstr (ca_import_mapping_get_value (mapping, "role", "Chief-Wizard"), ==,
                   "Service Manager");
  mapped = run_mapped (fixture, CA_IMPORT_KIND_STAFF, wizards, &mapping, &error);
  g_assert_no_error (error);
  g_assert_true (ca_import_report_get_succeeded (mapped));
  g_assert_cmpstr (ca_test_query_text (fixture->database,
                                       "SELECT group_concat (role_code || active, ' ') FROM "
                                       "(SELECT role_code, active FROM staff WHERE staff_ref IN "
                                       "('W1', 'W2', 'W3') ORDER BY staff_ref)"), ==,
                   "service-manager1 service-manager0 practitioner0");
  stored = ca_import_mapping_store_list (fixture->database, CA_IMPORT_KIND_STAFF, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 2);

  /* Next time, with no mapping given: the remembered ones, said so. */
  remembered = run_mapped (fixture, CA_IMPORT_KIND_STAFF,
                           "staff_id,name,role\nW4,Zed Wizard,Chief Wizard\n", &next, &error);
  g_assert_no_error (error);
  g_assert_true (ca_import_report_get_succeeded (remembered));
  g_assert_true (has_note (remembered, "remembered mapping of role “chief wizard” to Service "
                                       "Manager (service-manager)"));
  g_assert_cmpstr (ca_test_query_text (fixture->database,
                                       "SELECT role_code FROM staff WHERE staff_ref = 'W4'"), ==,
                   "service-manager");

  /* Given for a run wins over remembered, and is not remembered without being asked. */
  given = ca_import_mapping_new_from_header (CA_IMPORT_KIND_STAFF, CA_IMPORT_FORMAT_CANONICAL,
                                             (const char * const []) { "staff_id", "name",
                                                                       "role", NULL });
  g_assert_true (ca_import_mapping_add_value_text (given, "role:Chief Wizard=iro", &error));
  overridden = run_mapped (fixture, CA_IMPORT_KIND_STAFF,
                           "staff_id,name,role\nW4,Zed Wizard,Chief Wizard\n", &given, &error);
  g_assert_no_error (error);
  g_assert_true (ca_import_report_get_succeeded (overridden));
  g_assert_false (has_note (overridden, "remembered"));
  g_assert_cmpstr (ca_test_query_text (fixture->database,
                                       "SELECT role_code FROM staff WHERE staff_ref = 'W4'"), ==,
                   "iro");
  g_assert_cmpstr (ca_test_query_text (fixture->database,
                                       "SELECT code FROM import_value_mapping WHERE field = 'role'"),
                   ==, "service-manager");
}

/* Mappings that cannot be: a field the kind has not, a code that is no code. */
static void
test_bad_value_mappings (CaTestFixture *fixture,
                         gconstpointer  data)
{
  g_autoptr(CaImportMapping) mapping = NULL;
  g_autoptr(CaImportMapping) teams = NULL;
  g_autoptr(CaImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = stored_state (fixture->database);
  g_autofree char *after = NULL;

  mapping = ca_import_mapping_new_from_header (CA_IMPORT_KIND_STAFF, CA_IMPORT_FORMAT_CANONICAL,
                                               (const char * const []) { "staff_id", "name",
                                                                         "role", NULL });
  g_assert_false (ca_import_mapping_add_value_text (mapping, "legal_status:CP=other", &error));
  g_assert_error (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_BAD_MAPPING);
  g_assert_nonnull (strstr (error->message, "legal_status is not a field of a staff list"));
  g_clear_error (&error);
  g_assert_false (ca_import_mapping_add_value_text (mapping, "role Chief Wizard", &error));
  g_assert_error (error, CA_IMPORT_RULES_ERROR, CA_IMPORT_RULES_ERROR_BAD_MAPPING);
  g_clear_error (&error);
  teams = ca_import_mapping_new_from_header (CA_IMPORT_KIND_TEAMS, CA_IMPORT_FORMAT_CANONICAL,
                                             (const char * const []) { "team", "service_area",
                                                                       "locality", NULL });
  g_assert_false (ca_import_mapping_add_value_text (teams, "role:x=iro", &error));
  g_assert_error (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_BAD_MAPPING);
  g_clear_error (&error);

  g_assert_true (ca_import_mapping_add_value_text (mapping, "role:Chief Wizard=wizard", &error));
  report = run_mapped (fixture, CA_IMPORT_KIND_STAFF,
                       "staff_id,name,role\nW1,Wyn,Chief Wizard\n", &mapping, &error);
  g_assert_null (report);
  g_assert_error (error, CA_IMPORT_ERROR, CA_IMPORT_ERROR_BAD_MAPPING);
  g_assert_nonnull (strstr (error->message, "“wizard” is not a role"));
  after = stored_state (fixture->database);
  g_assert_cmpstr (after, ==, before);
}

/* An audit history names a tool by its code, its name, or the name of an older version. */
static void
test_tool_names (CaTestFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaToolDefinition) closure = ca_tool_store_load_latest (fixture->database, "closure",
                                                                   &error);
  g_autoptr(CaToolDefinition) renamed = NULL;
  g_autofree char *old_name = NULL;
  g_autofree char *text = NULL;
  g_autoptr(CaImportReport) report = NULL;
  int version = 0;

  g_assert_no_error (error);
  old_name = g_ascii_strup (closure->name, -1);
  renamed = ca_tool_definition_copy (closure);
  g_free (renamed->name);
  renamed->name = g_strdup ("Case Closure Review");
  g_assert_cmpint (ca_tool_store_import (fixture->database, renamed, &version, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 2);

  text = g_strdup_printf ("case_ref,auditor_id,tool,audit_date\n"
                          "CA-000101,S002,%s,2021-02-01\n"
                          "CA-000101,S002,case closure review,2021-02-02\n"
                          "CA-000101,S002,CLOSURE,2021-02-03\n"
                          "CA-000102,S002,Stage 1  Good-Practice audit,2021-02-03\n"
                          "CA-000102,S002,Stage 1 Good Practice,2021-02-04\n", old_name);
  report = run_good (fixture, CA_IMPORT_KIND_AUDITS, CA_IMPORT_FORMAT_CANONICAL, text, 5, 0);
  /* New audits take the tool's latest version, whatever name the file used. */
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count (*) FROM audit a JOIN audit_tool_version v "
                                      "ON v.id = a.tool_version_id JOIN audit_tool t ON "
                                      "t.id = v.tool_id WHERE t.code = 'closure' AND v.version = 2 "
                                      "AND a.audit_date LIKE '2021-02-0%'"), ==, 3);
  /* "Stage 1 Good Practice" is the fixture tool's name; the built-in Stage 1 is another. */
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT tool_id FROM audit WHERE audit_date = '2021-02-04'"),
                   ==, 100);
}

/* Whether a row is new is decided after the write lock is taken: a case another connection
 * adds while this import waits for the lock is updated, not added a second time (which
 * failed with "Line 2: UNIQUE constraint failed", blaming the file). */
typedef struct
{
  const char *path;
  GMutex      mutex;
  GCond       cond;
  gboolean    locked;
} Holder;

static gpointer
hold_lock_thread (gpointer data)
{
  Holder *holder = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) other = ca_stores_open (holder->path, CA_DATABASE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_true (ca_database_begin (other, &error));
  ca_test_exec (other, "INSERT INTO case_file (case_ref, team_id, open_date, legal_status) "
                       "VALUES ('RACE-1', 1, '2021-01-01', 'early-help')");
  g_mutex_lock (&holder->mutex);
  holder->locked = TRUE;
  g_cond_signal (&holder->cond);
  g_mutex_unlock (&holder->mutex);
  /* Long enough for the import to be waiting on the lock; it waits up to 30 s. */
  g_usleep (G_USEC_PER_SEC / 2);
  g_assert_true (ca_database_commit (other, &error));
  g_assert_no_error (error);
  return NULL;
}

static void
test_decided_inside_transaction (CaTestFixture *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GFile) file = write_csv (fixture, "race.csv",
                                     CASE_HEADER
                                     "RACE-1,,A&I Team 1,,,2021-02-01,,child-in-need,,,,,\n"
                                     "RACE-2,,A&I Team 1,,,2021-02-01,,child-in-need,,,,,\n");
  g_autoptr(CaImportPreview) preview = read_file (file);
  g_autoptr(CaImportMapping) mapping =
    ca_import_mapping_new_from_header (CA_IMPORT_KIND_CASES, CA_IMPORT_FORMAT_CANONICAL,
                                       ca_import_preview_get_header (preview));
  g_autoptr(CaImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Holder holder = { fixture->path };
  GThread *thread;

  g_mutex_init (&holder.mutex);
  g_cond_init (&holder.cond);
  thread = g_thread_new ("holder", hold_lock_thread, &holder);
  g_mutex_lock (&holder.mutex);
  while (!holder.locked)
    g_cond_wait (&holder.cond, &holder.mutex);
  g_mutex_unlock (&holder.mutex);

  report = ca_import_run (fixture->database, mapping, preview, NULL, &error);
  g_thread_join (thread);
  g_assert_no_error (error);
  g_assert_true (ca_import_report_get_succeeded (report));
  g_assert_cmpuint (ca_import_report_get_n_inserted (report), ==, 1);
  g_assert_cmpuint (ca_import_report_get_n_updated (report), ==, 1);
  g_assert_cmpstr (ca_test_query_text (fixture->database,
                                       "SELECT legal_status || open_date FROM case_file "
                                       "WHERE case_ref = 'RACE-1'"), ==,
                   "child-in-need2021-02-01");
  g_mutex_clear (&holder.mutex);
  g_cond_clear (&holder.cond);
}

/* A Windows-1252 file: read as such, said so, its letters intact. */
static void
test_windows_1252 (CaTestFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) file = write_csv (fixture, "cp1252.csv",
                                     "team,service_area,locality\n"
                                     "Caf\xe9 Team,Children\x92s Services,\xa3 Pilot\n");
  g_autoptr(CaImportPreview) preview = read_file (file);
  g_autoptr(CaImportMapping) mapping =
    ca_import_mapping_new_from_header (CA_IMPORT_KIND_TEAMS, CA_IMPORT_FORMAT_CANONICAL,
                                       ca_import_preview_get_header (preview));
  g_autoptr(CaImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (ca_import_preview_get_encoding (preview), ==, CA_IMPORT_ENCODING_WINDOWS_1252);
  report = ca_import_run (fixture->database, mapping, preview, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ca_import_report_get_succeeded (report));
  g_assert_cmpint (ca_import_report_get_encoding (report), ==, CA_IMPORT_ENCODING_WINDOWS_1252);
  g_assert_true (has_note (report, "read as Windows-1252"));
  g_assert_cmpstr (ca_test_query_text (fixture->database,
                                       "SELECT t.name || '|' || s.name || '|' || l.name FROM team t "
                                       "JOIN service_area s ON s.id = t.service_area_id JOIN "
                                       "locality l ON l.id = t.locality_id WHERE t.name LIKE 'Caf%'"),
                   ==, "Café Team|Children’s Services|£ Pilot");
}

static void
test_lengths (CaTestFixture *fixture,
              gconstpointer  data)
{
  static const char * const want[] = {
    "2", "the case reference is 256 characters long; it may have at most 255",
    "3", "the team is 300 characters long",
    NULL,
  };
  g_autofree char *long_ref = g_strnfill (256, 'R');
  g_autofree char *long_team = g_strnfill (300, 'T');
  g_autofree char *fits = g_strnfill (255, 'F');
  g_autofree char *text = g_strdup_printf (CASE_HEADER
                                           "%s,,A&I Team 1,,,2021-03-01,,child-in-need,,,,,\n"
                                           "L-2,,%s,,,2021-03-01,,child-in-need,,,,,\n",
                                           long_ref, long_team);
  g_autofree char *good = g_strdup_printf (CASE_HEADER
                                           "%s,,A&I Team 1,,,2021-03-01,,child-in-need,,,,,\n",
                                           fits);
  g_autoptr(CaImportReport) report = NULL;

  check_refused (fixture, CA_IMPORT_KIND_CASES, CA_IMPORT_FORMAT_CANONICAL, text, want);
  report = run_good (fixture, CA_IMPORT_KIND_CASES, CA_IMPORT_FORMAT_CANONICAL, good, 1, 0);
}

/* Audits stored twice before schema 0006 are named whenever audit history is imported. */
static void
test_audit_copies_noted (CaTestFixture *fixture,
                         gconstpointer  data)
{
  g_autoptr(CaImportReport) report = NULL;

  /* As the migration leaves a database where two imports ran at once: the test takes the
   * guard away to make one, as nothing in Case Audit can. */
  ca_test_exec (fixture->database,
                "DROP TRIGGER audit_duplicate_of_insert;"
                "INSERT INTO audit (id, case_id, tool_version_id, auditor_id, status, allocated_on,"
                "                   audit_date, duplicate_of)"
                "  SELECT 50, case_id, tool_version_id, auditor_id, status, allocated_on,"
                "         audit_date, id FROM audit WHERE id = 1;");
  report = run_good (fixture, CA_IMPORT_KIND_AUDITS, CA_IMPORT_FORMAT_CANONICAL,
                     "case_ref,auditor_id,tool,audit_date,overall_grade\n"
                     "CA-000101,S004,fixture,2021-01-20,good\n", 0, 1);
  g_assert_true (has_note (report, "1 audit was stored twice by an earlier version"));
  g_assert_true (has_note (report, "audit 50 of 1"));
  /* The update went to the first, not the copy. */
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count (*) FROM audit"), ==, 4);
}

typedef struct
{
  CaImportPreview *preview;
  GError          *error;
  gboolean         done;
} PreviewRead;

static void
preview_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PreviewRead *read = user_data;

  read->preview = ca_import_preview_read_finish (result, &read->error);
  read->done = TRUE;
}

/* The window's read: the file read without a thread, decoded on the worker; the same
 * preview as on the calling thread, and the same refusal. */
static void
test_preview_read_async (CaTestFixture *fixture,
                         gconstpointer  data)
{
  g_autoptr(GFile) good = write_csv (fixture, "teams.csv",
                                     "team_id,team_name,service_area,locality\n"
                                     "T9,Early Help Nine,Early Help,Dudley\n"
                                     "T10,Early Help Ten,Early Help,Dudley\n");
  g_autoptr(GFile) bad = write_csv (fixture, "bad.csv", "a,b\n\"unclosed,1\n");
  PreviewRead read = { 0, };

  ca_import_preview_read_async (fixture->database, good, 5, NULL, preview_read_cb, &read);
  while (!read.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (read.error);
  g_assert_cmpuint (ca_import_preview_get_n_rows (read.preview), ==, 2);
  g_assert_cmpstr (ca_import_preview_get_header (read.preview)[1], ==, "team_name");
  g_clear_object (&read.preview);

  read.done = FALSE;
  ca_import_preview_read_async (fixture->database, bad, 5, NULL, preview_read_cb, &read);
  while (!read.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (read.preview);
  g_assert_nonnull (read.error);
  g_clear_error (&read.error);
}

static void
set_up (CaTestFixture *fixture,
        gconstpointer  data)
{
  ca_test_fixture_set_up (fixture, data);
  ca_test_fixture_add_rows (fixture);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/import-store/" path, CaTestFixture, NULL, set_up, func, \
              ca_test_fixture_tear_down)
  ADD ("teams", test_teams);
  ADD ("teams-duplicate", test_teams_duplicate);
  ADD ("staff", test_staff);
  ADD ("staff-errors", test_staff_errors);
  ADD ("staff-cycle", test_staff_cycle);
  ADD ("staff-chain-of-five", test_staff_chain_of_five);
  ADD ("cases", test_cases);
  ADD ("cases-fewer-columns", test_cases_fewer_columns);
  ADD ("cases-errors", test_cases_errors);
  ADD ("annex-a", test_annex_a);
  ADD ("annex-a-unknown-worker", test_annex_a_unknown_worker);
  ADD ("ssda903", test_ssda903);
  ADD ("audits", test_audits);
  ADD ("missing-column", test_missing_column);
  ADD ("malformed", test_malformed);
  ADD ("mapping", test_mapping);
  ADD ("header-names", test_header_names);
  ADD ("cancel", test_cancel);
  ADD ("async", test_async);
  ADD ("async-cancel", test_async_cancel);
  ADD ("value-mappings", test_value_mappings);
  ADD ("bad-value-mappings", test_bad_value_mappings);
  ADD ("tool-names", test_tool_names);
  ADD ("decided-inside-transaction", test_decided_inside_transaction);
  ADD ("windows-1252", test_windows_1252);
  ADD ("lengths", test_lengths);
  ADD ("audit-copies-noted", test_audit_copies_noted);
  ADD ("preview-read-async", test_preview_read_async);
#undef ADD

  return g_test_run ();
}
