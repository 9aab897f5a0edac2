// SPDX-License-Identifier: GPL-3.0-or-later
// The Stage 2 tool a moderation keeps (R-H3, R-E2) in a real database file: a moderation drawn
// or added by hand records the latest version, its form reads with that version however the
// tool changes later, and one made before moderations kept theirs reads with version 1.

#include "config.h"

#include "ca-holiday-store.h"
#include "ca-moderation-form-store.h"
#include "ca-moderation-store.h"
#include "ca-test-fixture.h"
#include "ca-tool-store.h"

/* The fixture's audits on the built-in Stage 1 tool, submitted in January and June 2021, and
 * Tom Hill (S006), a lead auditor clear of both, to moderate them. Moderation 1 of audit 2,
 * done in June 2021, was recorded before moderations kept their tool. */
static void
add_rows (CaTestFixture *fixture)
{
  ca_test_fixture_add_rows (fixture);
  ca_test_exec (fixture->database,
    "UPDATE audit SET tool_version_id = (SELECT v.id FROM audit_tool_version v "
    "  JOIN audit_tool t ON t.id = v.tool_id WHERE t.code = 'stage-1') WHERE id IN (1, 2);"
    "UPDATE audit SET submitted_at = '2021-01-20T10:00:00Z' WHERE id = 1;"
    "UPDATE audit SET submitted_at = '2021-06-10T10:00:00Z' WHERE id = 2;"
    "INSERT INTO staff (id, staff_ref, name, role_code, team_id, line_manager_id, active) VALUES"
    "  (6, 'S006', 'Tom Hill', 'lead-auditor', NULL, NULL, 1);");
}

static gint64
stage_2_version (CaTestFixture *fixture,
                 int            version)
{
  g_autoptr(GError) error = NULL;
  gint64 id = ca_tool_store_find_version_of_kind (fixture->database, CA_TOOL_STAGE_2,
                                                  CA_TOOL_KIND_MODERATION, version, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
recorded_version (CaTestFixture *fixture,
                  gint64         moderation_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT ifnull (tool_version_id, 0) FROM moderation "
                                          "WHERE id = %" G_GINT64_FORMAT, moderation_id);

  return ca_test_query_int (fixture->database, sql);
}

/* The title of PART in the form of MODERATION_ID, and the version it reads with. */
static char *
part_title (CaTestFixture *fixture,
            gint64         moderation_id,
            const char    *part,
            int           *version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaModerationSheet) sheet = ca_moderation_form_store_load (fixture->database,
                                                                     moderation_id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sheet->moderation_tool->kind, ==, CA_TOOL_KIND_MODERATION);
  g_assert_cmpstr (sheet->moderation_tool->code, ==, "stage-2");
  *version = sheet->moderation_tool->version;
  return g_strdup (ca_tool_definition_find_part (sheet->moderation_tool, part)->title);
}

/* January 2021's sample, every audit in it, recorded. */
static void
draw_january (CaTestFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaModerationMonth) month = ca_moderation_store_load_month (fixture->database,
                                                                      "2021-01", &error);
  g_autoptr(CaHolidayCalendar) calendar = ca_holiday_store_load_calendar (fixture->database,
                                                                          &error);
  g_autoptr(CaModerationSample) sample = NULL;
  CaModerationInput input = { 0, };

  g_assert_no_error (error);
  input.month = month->month;
  input.seed = 1;
  input.percent = 100;
  input.due_working_day = 15;
  input.calendar = calendar;
  input.candidates = month->candidates;
  input.moderators = month->moderators;
  input.line_managers = month->line_managers;
  input.last_moderated = month->last_moderated;
  sample = ca_moderation_sample_draw (&input, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sample->picks->len, ==, 1);
  g_assert_true (ca_moderation_store_save_sample (fixture->database, "2021-01", sample, &error));
  g_assert_no_error (error);
}

static void
test_kept_version (CaTestFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaToolDefinition) stage_2 = NULL;
  g_autofree char *title = NULL;
  CaToolPart *learning;
  gint64 v1, v2, drawn, added;
  int version = 0;

  add_rows (fixture);
  v1 = stage_2_version (fixture, 1);

  /* Drawn in a sample: the Stage 2 tool as it is now, version 1. */
  draw_january (fixture);
  drawn = ca_test_query_int (fixture->database, "SELECT id FROM moderation WHERE audit_id = 1");
  g_assert_cmpint (recorded_version (fixture, drawn), ==, v1);
  title = part_title (fixture, drawn, CA_TOOL_PART_LEARNING, &version);
  g_assert_cmpstr (title, ==, "Learning");
  g_assert_cmpint (version, ==, 1);
  g_clear_pointer (&title, g_free);

  /* The council words the Learning part anew: version 2. */
  stage_2 = ca_tool_store_load_latest (fixture->database, CA_TOOL_STAGE_2, &error);
  g_assert_no_error (error);
  learning = (CaToolPart *) ca_tool_definition_find_part (stage_2, CA_TOOL_PART_LEARNING);
  g_free (learning->title);
  learning->title = g_strdup ("Learning for the Team");
  {
    CaToolPart *difference = (CaToolPart *) ca_tool_definition_find_part (stage_2,
                                                                          CA_TOOL_PART_DIFFERENCE);
    CaToolAnswer *partly = g_ptr_array_index (difference->answers, 1);

    g_assert_cmpstr (partly->code, ==, "partly");
    g_free (partly->label);
    partly->label = g_strdup ("In part");
  }
  g_assert_cmpint (ca_tool_store_import (fixture->database, stage_2, &version, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 2);
  v2 = stage_2_version (fixture, 2);

  /* The moderation drawn before keeps version 1's words. */
  g_assert_cmpint (recorded_version (fixture, drawn), ==, v1);
  title = part_title (fixture, drawn, CA_TOOL_PART_LEARNING, &version);
  g_assert_cmpstr (title, ==, "Learning");
  g_assert_cmpint (version, ==, 1);
  g_clear_pointer (&title, g_free);

  /* One added by hand now is made with version 2. */
  added = ca_moderation_store_add_by_hand (fixture->database, 2, "S006", &error);
  g_assert_no_error (error);
  g_assert_cmpint (recorded_version (fixture, added), ==, v2);
  title = part_title (fixture, added, CA_TOOL_PART_LEARNING, &version);
  g_assert_cmpstr (title, ==, "Learning for the Team");
  g_assert_cmpint (version, ==, 2);
  g_clear_pointer (&title, g_free);

  /* What the alert and the PDF say of it use the same words as its form. */
  {
    g_autoptr(CaModerationSheet) old_sheet = ca_moderation_form_store_load (fixture->database,
                                                                            drawn, &error);
    g_autoptr(CaModerationSheet) new_sheet = NULL;

    g_assert_no_error (error);
    new_sheet = ca_moderation_form_store_load (fixture->database, added, &error);
    g_assert_no_error (error);
    old_sheet->form->difference = CA_DIFFERENCE_PARTLY;
    new_sheet->form->difference = CA_DIFFERENCE_PARTLY;
    g_assert_cmpstr (ca_moderation_sheet_difference_label (old_sheet), ==, "Partly");
    g_assert_cmpstr (ca_moderation_sheet_difference_label (new_sheet), ==, "In part");
    g_assert_cmpstr (ca_moderation_sheet_part_title (new_sheet, CA_TOOL_PART_LEARNING), ==,
                     "Learning for the Team");
    new_sheet->form->difference = CA_DIFFERENCE_NONE;
    g_assert_cmpstr (ca_moderation_sheet_difference_label (new_sheet), ==,
                     ca_difference_get_label (CA_DIFFERENCE_NONE));
  }

  /* Moderation 1, recorded before moderations kept their tool, reads with version 1: the
   * words the form had then. */
  g_assert_cmpint (recorded_version (fixture, 1), ==, 0);
  title = part_title (fixture, 1, CA_TOOL_PART_LEARNING, &version);
  g_assert_cmpstr (title, ==, "Learning");
  g_assert_cmpint (version, ==, 1);
}

/* A database whose "stage-2" is an audit tool (a council's own, imported before the Stage 2
 * tool shipped) has no moderation tool: the form and a moderation added by hand say so, and
 * nothing is written. */
static void
test_no_moderation_tool (CaTestFixture *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaModerationSheet) sheet = NULL;
  gint64 before;

  add_rows (fixture);
  ca_test_exec (fixture->database, "UPDATE audit_tool SET kind = 'audit' WHERE code = 'stage-2'");
  sheet = ca_moderation_form_store_load (fixture->database, 1, &error);
  g_assert_null (sheet);
  g_assert_error (error, CA_TOOL_STORE_ERROR, CA_TOOL_STORE_ERROR_WRONG_KIND);
  g_assert_cmpstr (error->message, ==, "“Stage 2 moderation” is an audit tool, not the "
                                       "moderation form’s tool.");
  g_clear_error (&error);

  before = ca_test_query_int (fixture->database, "SELECT count(*) FROM moderation");
  g_assert_cmpint (ca_moderation_store_add_by_hand (fixture->database, 1, "S006", &error), ==, 0);
  g_assert_error (error, CA_TOOL_STORE_ERROR, CA_TOOL_STORE_ERROR_WRONG_KIND);
  g_assert_cmpint (ca_test_query_int (fixture->database, "SELECT count(*) FROM moderation"), ==,
                   before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, CaTestFixture, NULL, ca_test_fixture_set_up, func, ca_test_fixture_tear_down)

  ADD ("/moderation-tool/kept-version", test_kept_version);
  ADD ("/moderation-tool/no-moderation-tool", test_no_moderation_tool);

  return g_test_run ();
}
