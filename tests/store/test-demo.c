// SPDX-License-Identifier: GPL-3.0-or-later
// The demo-data generator: plausible, rule-abiding, deterministic, all-or-nothing.

#include "config.h"

#include <gio/gio.h>

#include "ca-audit-draft-store.h"
#include "ca-demo.h"
#include "ca-stores.h"
#include "ca-test-fixture.h"
#include "ca-tracker-store.h"
#include "core/ca-date.h"
#include "core/ca-deadlines.h"

/* stage-1, six dip samples (one per focus of seed 04) and closure. */
/* The tools every database starts with: eight audit tools and the Stage 2 moderation's. */
#define N_BUILTIN_TOOLS 9
#define N_AUDIT_TOOLS 8

/* The questions of every tool version, by SQL over the stored definitions: its section, id,
 * whether it is a limiting judgement (R-F3) and whether it allows NA. */
#define TOOL_QUESTIONS \
  "WITH q AS MATERIALIZED (SELECT v.id AS version_id, json_extract (s.value, '$.id') AS section_id, " \
  "  json_extract (q.value, '$.id') AS question_id, " \
  "  json_extract (q.value, '$.limiting') AS limiting, " \
  "  json_extract (q.value, '$.na_allowed') AS na_allowed " \
  "  FROM audit_tool_version v, json_each (v.definition, '$.sections') s, " \
  "       json_each (s.value, '$.questions') q) "

static void
set_test_options (CaDemoOptions *options,
                  guint32        seed)
{
  ca_demo_options_init (options);
  options->seed = seed;
  options->years = 1;
  options->until_year = 2021;
  options->until_month = 12;
}

static void
generate (CaDatabase *database,
          guint32     seed)
{
  g_autoptr(GError) error = NULL;
  CaDemoOptions options;

  set_test_options (&options, seed);
  g_assert_true (ca_demo_generate (database, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static CaDatabase *
open_sibling (CaTestFixture *fixture,
              const char    *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->folder, name, NULL);
  CaDatabase *database = ca_stores_open (path, CA_DATABASE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return database;
}

static void
assert_none (CaDatabase *database,
             const char *sql)
{
  gint64 n = ca_test_query_int (database, sql);

  if (n != 0)
    g_error ("%" G_GINT64_FORMAT " rows break the rule: %s", n, sql);
}

static void
assert_between (CaDatabase *database,
                const char *sql,
                double      low,
                double      high)
{
  g_autofree char *text = ca_test_query_text (database, sql);
  double value = g_ascii_strtod (text, NULL);

  if (value < low || value > high)
    g_error ("%s gave %g, expected %g to %g", sql, value, low, high);
}

static GPtrArray *
list_tables (CaDatabase *database)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaStatement) stmt = NULL;
  GPtrArray *tables = g_ptr_array_new_with_free_func (g_free);
  gboolean has_row = FALSE;

  stmt = ca_database_prepare (database,
                              "SELECT name FROM sqlite_schema WHERE type = 'table' "
                              "AND name NOT LIKE 'sqlite_%' AND name != 'change_note' "
                              "ORDER BY name", &error);
  g_assert_no_error (error);
  while (ca_statement_step (stmt, &has_row, &error) && has_row)
    g_ptr_array_add (tables, ca_statement_dup_text (stmt, 0));
  g_assert_no_error (error);
  return tables;
}

/* Every row of every table, in order, as one SHA-256: equal content, equal digest. The
 * notes for other programs (change_note) are left out: they go by the name each opening
 * of a file takes at random. */
static char *
digest_content (CaDatabase *database)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = list_tables (database);

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = tables->pdata[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(CaStatement) columns = NULL;
      g_autoptr(CaStatement) rows = NULL;
      g_autofree char *sql = NULL;
      gboolean has_row = FALSE;

      columns = ca_database_prepare (database,
                                     "SELECT group_concat('quote(' || name || ')', "
                                     "' || ''|'' || ') FROM pragma_table_info(?)", &error);
      g_assert_no_error (error);
      ca_statement_bind_text (columns, 1, table);
      g_assert_true (ca_statement_step (columns, &has_row, &error) && has_row);
      sql = g_strdup_printf ("SELECT %s FROM %s ORDER BY rowid",
                             ca_statement_get_text (columns, 0), table);

      rows = ca_database_prepare (database, sql, &error);
      g_assert_no_error (error);
      g_checksum_update (checksum, (const guchar *) table, -1);
      while (ca_statement_step (rows, &has_row, &error) && has_row)
        {
          g_checksum_update (checksum, (const guchar *) ca_statement_get_text (rows, 0), -1);
          g_checksum_update (checksum, (const guchar *) "\n", 1);
        }
      g_assert_no_error (error);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/* Empty as a new database is: nothing but the built-in tools (version 1 of each). */
static void
assert_empty (CaDatabase *database)
{
  static const char * const tables[] = {
    "service_area", "locality", "auditor_group", "team", "staff", "case_file",
    "programme_entry", "audit", "audit_section", "audit_answer", "action", "manager_response",
    "moderation", "moderation_section", "change_history",
  };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);

      g_assert_cmpint (ca_test_query_int (database, sql), ==, 0);
    }
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM audit_tool"), ==,
                   N_BUILTIN_TOOLS);
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM audit_tool_version "
                                                "WHERE version = 1"), ==, N_BUILTIN_TOOLS);
}

static void
test_options (CaTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  CaDemoOptions options;

  ca_demo_options_init (&options);
  g_assert_cmpuint (options.seed, ==, 1);
  g_assert_cmpuint (options.years, ==, 3);
  g_assert_cmpint (options.until_year, ==, g_date_time_get_year (now));
  g_assert_cmpint (options.until_month, ==, g_date_time_get_month (now));

  for (guint years = 0; years <= 31; years += 31)
    {
      g_autoptr(GError) error = NULL;

      set_test_options (&options, 1);
      options.years = years;
      g_assert_false (ca_demo_generate (fixture->database, &options, NULL, NULL, NULL, &error));
      g_assert_error (error, CA_DEMO_ERROR, CA_DEMO_ERROR_INVALID_OPTIONS);
    }

  {
    g_autoptr(GError) error = NULL;

    set_test_options (&options, 1);
    options.until_month = 13;
    g_assert_false (ca_demo_generate (fixture->database, &options, NULL, NULL, NULL, &error));
    g_assert_error (error, CA_DEMO_ERROR, CA_DEMO_ERROR_INVALID_OPTIONS);
  }

  assert_empty (fixture->database);
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

static void
test_plausible (CaTestFixture *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  CaDatabase *db = fixture->database;
  CaDemoOptions options;

  set_test_options (&options, 7);
  g_assert_true (ca_demo_generate (db, &options, record_progress, fractions, NULL, &error));
  g_assert_no_error (error);

  /* Progress rises to exactly 1, and is reported now and then, not per row. */
  g_assert_cmpuint (fractions->len, >=, 12);
  g_assert_cmpuint (fractions->len, <=, 100);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i - 1), <=,
                       g_array_index (fractions, double, i));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);

  /* The organisation of a council of Dudley's size. */
  assert_between (db, "SELECT count(*) FROM service_area", 11, 14);
  assert_between (db, "SELECT count(*) FROM locality", 4, 5);
  assert_between (db, "SELECT count(*) FROM auditor_group", 3, 3);
  assert_between (db, "SELECT count(*) FROM team", 50, 70);
  assert_between (db, "SELECT count(*) FROM staff WHERE active = 1", 500, 700);
  assert_between (db, "SELECT count(*) FROM staff WHERE active = 0", 20, 300);
  assert_between (db, "SELECT count(*) FROM staff WHERE role_code = 'strategic-director' "
                      "AND active = 1", 1, 1);
  assert_between (db, "SELECT count(*) FROM staff WHERE role_code = 'advanced-practitioner' "
                      "AND active = 1", 5, 5);
  assert_none (db, "SELECT count(*) FROM staff "
                   "WHERE staff_ref NOT GLOB 'S[0-9][0-9][0-9][0-9][0-9]'");
  assert_none (db, "SELECT count(*) FROM staff WHERE email NOT LIKE '%.%@%.example.gov.uk'");
  /* One line-management tree under the director. */
  assert_between (db, "SELECT count(*) FROM staff WHERE line_manager_id IS NULL", 1, 1);
  assert_none (db, "SELECT count(*) FROM staff s JOIN staff m ON m.id = s.line_manager_id "
                   "JOIN role rs ON rs.code = s.role_code JOIN role rm ON rm.code = m.role_code "
                   "WHERE rm.rank >= rs.rank");
  assert_none (db, "SELECT count(*) FROM team t WHERE NOT EXISTS (SELECT 1 FROM staff s "
                   "WHERE s.team_id = t.id AND s.active = 1 AND s.role_code IN "
                   "('team-manager', 'lead-professional'))");

  /* Cases: about 2,000 open, consistent dates, workers from the case's own team. */
  assert_between (db, "SELECT count(*) FROM case_file WHERE close_date IS NULL", 1600, 2400);
  assert_between (db, "SELECT count(*) FROM case_file", 3000, 4800);
  assert_none (db, "SELECT count(*) FROM case_file "
                   "WHERE case_ref NOT GLOB 'CA-[0-9][0-9][0-9][0-9][0-9][0-9]'");
  assert_none (db, "SELECT count(*) FROM case_file WHERE close_date < open_date "
                   "OR close_date >= '2021-12-15' OR open_date >= '2021-12-15'");
  assert_none (db, "SELECT count(*) FROM case_file c JOIN staff s ON s.id = c.allocated_worker_id "
                   "WHERE s.role_code <> 'practitioner' OR s.team_id <> c.team_id "
                   "OR (c.close_date IS NULL AND s.active = 0)");
  assert_none (db, "SELECT count(*) FROM case_file WHERE birth_month > substr(open_date, 1, 7) "
                   "OR substr(open_date, 1, 4) - substr(birth_month, 1, 4) > 18");
  /* Children's cases close by the 18th birthday, care leavers' by the 21st. */
  assert_none (db, "SELECT count(*) FROM case_file WHERE close_date IS NULL AND "
                   "birth_month <= CASE legal_status WHEN 'care-leaver' THEN '2000-12' "
                   "ELSE '2003-12' END");
  assert_between (db, "SELECT avg(ethnicity = 'WBRI') FROM case_file", 0.6, 0.85);
  assert_between (db, "SELECT avg(disability) FROM case_file", 0.04, 0.13);
  assert_between (db, "SELECT avg(restricted) FROM case_file", 0.002, 0.03);

  /* The programme: both strands every month, allocated on a weekday. */
  assert_between (db, "SELECT count(*) FROM programme_entry", 24, 24);
  assert_none (db, "SELECT count(*) FROM programme_entry WHERE "
                   "strftime('%w', allocation_date) IN ('0', '6') "
                   "OR return_date <= allocation_date "
                   "OR substr(briefing_date, 1, 7) <> month");
  assert_between (db, "SELECT count(*) FROM audit_tool_version", N_BUILTIN_TOOLS,
                  N_BUILTIN_TOOLS);
  /* Seed 04: a dip sample uses its month's focus, January the MASH, June the IRO. */
  assert_none (db, "SELECT count(*) FROM audit a JOIN audit_tool_version v "
                   "ON v.id = a.tool_version_id JOIN audit_tool t ON t.id = v.tool_id "
                   "WHERE t.code LIKE 'dip-sample-%' AND t.code <> CASE "
                   "(CAST(substr(a.allocated_on, 6, 2) AS INTEGER) - 1) % 6 "
                   "WHEN 0 THEN 'dip-sample-mash' WHEN 1 THEN 'dip-sample-assessment' "
                   "WHEN 2 THEN 'dip-sample-plans' WHEN 3 THEN 'dip-sample-permanency' "
                   "WHEN 4 THEN 'dip-sample-exploitation' ELSE 'dip-sample-iro' END");
  assert_between (db, "SELECT count(DISTINCT v.tool_id) FROM audit a JOIN audit_tool_version v "
                      "ON v.id = a.tool_version_id", N_AUDIT_TOOLS, N_AUDIT_TOOLS);
  /* The moderation's tool is no audit's. */
  assert_none (db, "SELECT count(*) FROM audit a JOIN audit_tool_version v "
                   "ON v.id = a.tool_version_id JOIN audit_tool t ON t.id = v.tool_id "
                   "WHERE t.kind <> 'audit'");
  /* Its programme entry lists the tool's questions, the first line being the first one. */
  assert_none (db, "SELECT count(*) FROM programme_entry p WHERE strand = 'dip-sample' "
                   "AND (questions IS NULL OR NOT EXISTS (SELECT 1 FROM audit_tool_version v, "
                   "     json_each (v.definition, '$.sections') s, "
                   "     json_each (s.value, '$.questions') q "
                   "     WHERE json_extract (q.value, '$.text') = substr(p.questions, 1, "
                   "           instr(p.questions || char(10), char(10)) - 1)))");

  /* About 300 audits a month, by auditors with a quota, never in their own team. */
  assert_between (db, "SELECT count(*) FROM audit", 300 * 12 * 0.8, 300 * 12 * 1.2);
  assert_none (db, "SELECT count(*) FROM audit a JOIN case_file c ON c.id = a.case_id "
                   "WHERE a.auditor_id = c.allocated_worker_id");
  assert_none (db, "SELECT count(*) FROM audit a JOIN case_file c ON c.id = a.case_id "
                   "JOIN staff s ON s.id = a.auditor_id WHERE s.team_id = c.team_id");
  assert_none (db, "SELECT count(*) FROM audit a JOIN staff s ON s.id = a.auditor_id "
                   "JOIN role r ON r.code = s.role_code WHERE r.quota IS NULL");
  assert_none (db, "WITH RECURSIVE chain (audit_id, auditor_id, manager_id) AS ("
                   "  SELECT a.id, a.auditor_id, w.line_manager_id FROM audit a "
                   "  JOIN case_file c ON c.id = a.case_id "
                   "  JOIN staff w ON w.id = c.allocated_worker_id "
                   "  UNION SELECT chain.audit_id, chain.auditor_id, m.line_manager_id FROM chain "
                   "  JOIN staff m ON m.id = chain.manager_id) "
                   "SELECT count(*) FROM chain JOIN staff s ON s.id = chain.auditor_id "
                   "WHERE chain.manager_id = chain.auditor_id "
                   "AND s.role_code <> 'strategic-director'");
  assert_none (db, "SELECT count(*) FROM audit a JOIN case_file c ON c.id = a.case_id "
                   "JOIN audit_tool_version v ON v.id = a.tool_version_id "
                   "JOIN audit_tool t ON t.id = v.tool_id WHERE t.code <> 'closure' AND "
                   "(c.open_date > a.allocated_on OR c.close_date < a.allocated_on)");

  /* Earlier months are finished; the current one shows every stage. */
  assert_none (db, "SELECT count(*) FROM audit WHERE allocated_on < '2021-12-01' "
                   "AND status NOT IN ('submitted', 'closed')");
  assert_between (db, "SELECT count(DISTINCT status) FROM audit WHERE allocated_on >= '2021-12-01'",
                  3, 3);
  assert_none (db, "SELECT count(*) FROM audit WHERE submitted_at >= '2021-12-15' "
                   "OR (status IN ('submitted', 'closed')) <> (submitted_at IS NOT NULL) "
                   "OR (status IN ('submitted', 'closed')) <> (overall_grade IS NOT NULL) "
                   "OR (status IN ('submitted', 'closed')) <> (done_well IS NOT NULL)");

  /* R-F4: grades and categories agree, and actions follow the category. */
  assert_none (db, "SELECT count(*) FROM audit WHERE category IN (1, 2) "
                   "AND overall_grade <> 'inadequate'");
  assert_none (db, "SELECT count(*) FROM audit WHERE overall_grade = 'inadequate' "
                   "AND category NOT IN (1, 2)");
  assert_none (db, "SELECT count(*) FROM audit a WHERE category = 4 "
                   "AND EXISTS (SELECT 1 FROM action WHERE audit_id = a.id)");
  assert_none (db, "SELECT count(*) FROM audit a WHERE category IN (1, 2, 3) "
                   "AND NOT EXISTS (SELECT 1 FROM action WHERE audit_id = a.id)");
  assert_none (db, "SELECT count(*) FROM audit WHERE (category IN (1, 2, 3)) "
                   "<> (review_due_at IS NOT NULL)");
  assert_none (db, "SELECT count(*) FROM audit WHERE review_due_at <= submitted_at "
                   "OR recommendations_checked_at <= submitted_at");
  assert_between (db, "SELECT avg(overall_grade = 'inadequate') FROM audit "
                      "WHERE overall_grade IS NOT NULL", 0.08, 0.25);
  assert_between (db, "SELECT avg(overall_grade IN ('good', 'outstanding')) FROM audit "
                      "WHERE overall_grade IS NOT NULL", 0.35, 0.65);
  assert_between (db, "SELECT 1.0 * (SELECT count(*) FROM action) / count(*) FROM audit "
                      "WHERE overall_grade IS NOT NULL", 2.2, 3.4);
  assert_none (db, "SELECT count(*) FROM action x JOIN audit a ON a.id = x.audit_id "
                   "WHERE x.completed_on <= substr(a.submitted_at, 1, 10) "
                   "OR x.completed_on >= '2021-12-15' "
                   "OR x.due_date <= substr(a.submitted_at, 1, 10)");

  /* Stage 1 sections follow the overall grade; a missed limiting judgement caps the grade. */
  assert_none (db, "SELECT count(*) FROM audit a "
                   "JOIN audit_tool_version v ON v.id = a.tool_version_id "
                   "JOIN audit_tool t ON t.id = v.tool_id WHERE t.code = 'stage-1' "
                   "AND a.overall_grade IS NOT NULL AND (SELECT count(*) FROM audit_section s "
                   "WHERE s.audit_id = a.id AND s.grade = a.overall_grade) = 0");
  assert_none (db, TOOL_QUESTIONS
                   "SELECT count(*) FROM audit_answer x JOIN audit a ON a.id = x.audit_id "
                   "JOIN q ON q.version_id = a.tool_version_id AND q.question_id = x.question_id "
                   "JOIN audit_section s ON s.audit_id = x.audit_id "
                   "AND s.section_id = q.section_id "
                   "WHERE q.limiting AND x.answer = 'no' AND s.grade IN ('good', 'outstanding')");
  assert_none (db, "SELECT count(*) FROM audit_answer "
                   "WHERE (answer = 'na') <> (reason IS NOT NULL)");
  /* Answers and section grades use the ids of the tool version the audit keeps. */
  assert_none (db, TOOL_QUESTIONS
                   "SELECT count(*) FROM audit_answer x JOIN audit a ON a.id = x.audit_id "
                   "WHERE NOT EXISTS (SELECT 1 FROM q WHERE q.version_id = a.tool_version_id "
                   "AND q.question_id = x.question_id)");
  assert_none (db, "WITH graded AS MATERIALIZED (SELECT v.id AS version_id, "
                   "  json_extract (s.value, '$.id') AS section_id "
                   "  FROM audit_tool_version v, json_each (v.definition, '$.sections') s "
                   "  WHERE json_extract (s.value, '$.graded')) "
                   "SELECT count(*) FROM audit_section x JOIN audit a ON a.id = x.audit_id "
                   "WHERE NOT EXISTS (SELECT 1 FROM graded g WHERE g.version_id = a.tool_version_id "
                   "AND g.section_id = x.section_id)");

  /* R-H1: every Inadequate audit is moderated, about a fifth of all, by the CPP. */
  assert_none (db, "SELECT count(*) FROM audit a WHERE overall_grade = 'inadequate' "
                   "AND NOT EXISTS (SELECT 1 FROM moderation WHERE audit_id = a.id)");
  assert_between (db, "SELECT 1.0 * (SELECT count(*) FROM moderation) / count(*) FROM audit "
                      "WHERE overall_grade IS NOT NULL", 0.12, 0.3);
  assert_none (db, "SELECT count(*) FROM moderation m JOIN staff s ON s.id = m.moderator_id "
                   "JOIN audit a ON a.id = m.audit_id WHERE s.role_code NOT IN "
                   "('lead-professional', 'lead-auditor', 'advanced-practitioner') "
                   "OR m.moderator_id = a.auditor_id "
                   "OR m.moderated_on < substr(a.submitted_at, 1, 10)");
  assert_between (db, "SELECT avg(m.overall_grade = a.overall_grade) FROM moderation m "
                      "JOIN audit a ON a.id = m.audit_id WHERE m.overall_grade IS NOT NULL",
                  0.7, 0.9);

  /* R-M3: history for every audit, action and moderation, written as the demo user. */
  assert_none (db, "SELECT count(*) FROM audit a WHERE NOT EXISTS (SELECT 1 "
                   "FROM change_history h WHERE h.entity = 'audit' AND h.entity_id = a.id "
                   "AND h.field = 'created')");
  assert_none (db, "SELECT count(*) FROM action a WHERE NOT EXISTS (SELECT 1 "
                   "FROM change_history h WHERE h.entity = 'action' AND h.entity_id = a.id "
                   "AND h.field = 'created')");
  assert_none (db, "SELECT count(*) FROM moderation m WHERE NOT EXISTS (SELECT 1 "
                   "FROM change_history h WHERE h.entity = 'moderation' AND h.entity_id = m.id "
                   "AND h.field = 'created')");
  assert_none (db, "SELECT count(*) FROM change_history WHERE changed_by <> 'demo' "
                   "OR changed_at >= '2021-12-15' OR changed_at NOT GLOB "
                   "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T"
                   "[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'");

  /* R-F7: only the Category 1–2 audits of the last two days still wait for their e-mail;
   * no other audit is marked as notified. */
  assert_none (db, "SELECT count(*) FROM audit WHERE category IN (1, 2) AND "
                   "notification_sent_at IS NULL AND submitted_at < '2021-12-13'");
  assert_none (db, "SELECT count(*) FROM audit WHERE notification_sent_at IS NOT NULL AND "
                   "(category NOT IN (1, 2) OR notification_sent_at <> submitted_at)");
  g_assert_cmpint (ca_test_query_int (db, "SELECT count(*) FROM audit WHERE category IN (1, 2) "
                                          "AND notification_sent_at IS NOT NULL"), >, 0);

  /* No child is ever named: pen pictures come from phrases without names. */
  assert_none (db, "SELECT count(*) FROM audit a JOIN staff s ON instr(a.pen_picture, s.name) > 0");
}


/* Demo audits are filled in as an auditor would: a submitted audit answers every question of
 * its tool, in line with its grades; one in progress part of them. */
static void
test_answers (CaTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaStatement) stmt = NULL;
  CaDatabase *db = fixture->database;
  gboolean has_row = FALSE;
  guint n_checked = 0;
  GDate today;

  generate (db, 7);

  /* Every question of every submitted audit answered, by every tool. */
  assert_none (db, TOOL_QUESTIONS
                   "SELECT count(*) FROM audit a JOIN q ON q.version_id = a.tool_version_id "
                   "WHERE a.status IN ('submitted', 'closed') AND NOT EXISTS (SELECT 1 "
                   "FROM audit_answer x WHERE x.audit_id = a.id AND x.question_id = q.question_id "
                   "AND x.answer IS NOT NULL AND x.answer <> '')");
  assert_between (db, "SELECT count(DISTINCT t.code) FROM audit_answer x "
                      "JOIN audit a ON a.id = x.audit_id "
                      "JOIN audit_tool_version v ON v.id = a.tool_version_id "
                      "JOIN audit_tool t ON t.id = v.tool_id", N_AUDIT_TOOLS, N_AUDIT_TOOLS);
  /* NA only where the tool allows it. */
  assert_none (db, TOOL_QUESTIONS
                   "SELECT count(*) FROM audit_answer x JOIN audit a ON a.id = x.audit_id "
                   "JOIN q ON q.version_id = a.tool_version_id AND q.question_id = x.question_id "
                   "WHERE x.answer = 'na' AND NOT q.na_allowed");
  /* R-F3: no section graded Good or Outstanding, and no audit graded so overall, with a
   * limiting judgement answered No. */
  assert_none (db, TOOL_QUESTIONS
                   "SELECT count(*) FROM audit_answer x JOIN audit a ON a.id = x.audit_id "
                   "JOIN q ON q.version_id = a.tool_version_id AND q.question_id = x.question_id "
                   "JOIN audit_section s ON s.audit_id = a.id AND s.section_id = q.section_id "
                   "WHERE q.limiting AND x.answer = 'no' AND (s.grade IN ('good', 'outstanding') "
                   "OR a.overall_grade IN ('good', 'outstanding'))");
  /* Every graded section of a submitted audit graded, whatever the tool. */
  assert_none (db, TOOL_QUESTIONS
                   "SELECT count(*) FROM audit a JOIN audit_tool_version v "
                   "ON v.id = a.tool_version_id, json_each (v.definition, '$.sections') s "
                   "WHERE a.status IN ('submitted', 'closed') "
                   "AND json_extract (s.value, '$.graded') AND NOT EXISTS (SELECT 1 "
                   "FROM audit_section x WHERE x.audit_id = a.id "
                   "AND x.section_id = json_extract (s.value, '$.id'))");
  /* Limiting judgements are sometimes missed, and then the grades show it. */
  g_assert_cmpint (ca_test_query_int (db, TOOL_QUESTIONS
                                          "SELECT count(*) FROM audit_answer x "
                                          "JOIN audit a ON a.id = x.audit_id "
                                          "JOIN q ON q.version_id = a.tool_version_id "
                                          "AND q.question_id = x.question_id "
                                          "WHERE q.limiting AND x.answer = 'no'"), >, 100);
  /* Audits in progress are part-way through: some answers, not all. */
  assert_none (db, TOOL_QUESTIONS
               "SELECT count(*) FROM audit a WHERE a.status = 'in-progress' AND ("
               "(SELECT count(*) FROM audit_answer x WHERE x.audit_id = a.id) = 0 OR "
               "(SELECT count(*) FROM audit_answer x WHERE x.audit_id = a.id) >= "
               "(SELECT count(*) FROM q WHERE q.version_id = a.tool_version_id))");
  g_assert_cmpint (ca_test_query_int (db, "SELECT count(*) FROM audit "
                                          "WHERE status = 'in-progress'"), >, 0);
  assert_none (db, "SELECT count(*) FROM audit_answer x JOIN audit a ON a.id = x.audit_id "
                   "WHERE a.status = 'allocated'");

  /* A sample of submitted Stage 1 audits passes the rules the form applies on submission. */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_DECEMBER, 2021);
  stmt = ca_database_prepare (db, "SELECT a.id FROM audit a JOIN audit_tool_version v "
                                  "ON v.id = a.tool_version_id JOIN audit_tool t "
                                  "ON t.id = v.tool_id WHERE t.code = 'stage-1' "
                                  "AND a.status = 'submitted' AND a.id % 40 = 0 ORDER BY a.id",
                              &error);
  g_assert_no_error (error);
  while (ca_statement_step (stmt, &has_row, &error) && has_row)
    {
      g_autoptr(CaAuditForm) form = NULL;
      g_autoptr(GPtrArray) problems = NULL;

      form = ca_audit_draft_store_load (db, ca_statement_get_int64 (stmt, 0), &error);
      g_assert_no_error (error);
      problems = ca_audit_rules_check_submission (form->definition, form->draft, &today);
      for (guint i = 0; i < problems->len; i++)
        {
          const CaRuleProblem *problem = g_ptr_array_index (problems, i);

          g_printerr ("audit %" G_GINT64_FORMAT ": %s: %s\n", form->header->audit_id,
                      problem->where, problem->message);
        }
      g_assert_cmpuint (problems->len, ==, 0);

      for (guint i = 0; i < form->definition->sections->len; i++)
        {
          const CaToolSection *section = g_ptr_array_index (form->definition->sections, i);

          if (section->graded)
            g_assert_cmpint (ca_audit_draft_get_section_grade (form->draft, section->id), !=,
                             CA_GRADE_NONE);
          for (guint j = 0; j < section->questions->len; j++)
            g_assert_nonnull (ca_audit_draft_get_answer (form->draft,
                                                         ((CaToolQuestion *) g_ptr_array_index (
                                                            section->questions, j))->id));
        }
      n_checked++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n_checked, >=, 20);
}

/* The tracker (R-I1, R-I2): who checked the recommendations, escalations when a deadline
 * passed unchecked, and the Head of Service's sign-offs, as the stores would have recorded
 * them; the escalate command finds nothing more by the data's own "today". */
static void
test_tracker (CaTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) made = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  CaDatabase *db = fixture->database;

  generate (db, 7);

  /* Checked by the case's team manager mostly, now and then by the Head of Service, each
   * with a note; nobody is named for what is not checked. */
  assert_none (db, "SELECT count(*) FROM audit WHERE (recommendations_checked_at IS NULL) "
                   "<> (recommendations_checked_by IS NULL) "
                   "OR (recommendations_checked_at IS NULL) "
                   "<> (recommendations_checked_note IS NULL)");
  assert_none (db, "SELECT count(*) FROM audit a JOIN staff s "
                   "ON s.id = a.recommendations_checked_by "
                   "WHERE s.role_code NOT IN ('team-manager', 'head-of-service')");
  assert_none (db, "SELECT count(*) FROM audit a JOIN case_file c ON c.id = a.case_id "
                   "JOIN staff s ON s.id = a.recommendations_checked_by "
                   "WHERE s.role_code = 'team-manager' AND s.team_id <> c.team_id");
  assert_between (db, "SELECT avg(s.role_code = 'head-of-service') FROM audit a JOIN staff s "
                      "ON s.id = a.recommendations_checked_by", 0.05, 0.35);
  assert_none (db, "SELECT count(*) FROM audit a WHERE recommendations_checked_by IS NOT NULL "
                   "AND NOT EXISTS (SELECT 1 FROM change_history h WHERE h.entity = 'audit' "
                   "AND h.entity_id = a.id AND h.field = 'recommendations_checked_by' "
                   "AND h.new_value = (SELECT staff_ref FROM staff "
                   "                   WHERE id = a.recommendations_checked_by) "
                   "AND h.changed_at = a.recommendations_checked_at)");

  /* Escalated when the deadline passed, to a Head of Service, with the command's reason and
   * history: every audit checked late, and those still unchecked whose deadline has gone. */
  assert_between (db, "SELECT count(*) FROM escalation", 100, 1000);
  assert_none (db, "SELECT count(*) FROM escalation e JOIN audit a ON a.id = e.audit_id "
                   "LEFT JOIN staff h ON h.id = e.head_of_service_id "
                   "WHERE a.category NOT BETWEEN 1 AND 3 OR e.deadline <> a.review_due_at "
                   "OR e.escalated_at <= e.deadline OR e.escalated_at >= '2021-12-15' "
                   "OR a.recommendations_checked_at <= e.escalated_at "
                   "OR h.role_code IS NOT 'head-of-service' "
                   "OR e.reason NOT LIKE 'The recommendations of this Category ' || a.category "
                   "   || ' audit were not checked by %.'");
  assert_none (db, "SELECT count(*) FROM audit a WHERE a.recommendations_checked_at "
                   "> a.review_due_at AND NOT EXISTS (SELECT 1 FROM escalation e "
                   "WHERE e.audit_id = a.id)");
  assert_none (db, "SELECT count(*) FROM escalation e WHERE NOT EXISTS (SELECT 1 "
                   "FROM change_history h JOIN staff s ON s.staff_ref = h.new_value "
                   "WHERE h.entity = 'audit' AND h.entity_id = e.audit_id "
                   "AND h.field = 'escalated_to' AND s.id = e.head_of_service_id "
                   "AND h.changed_at = e.escalated_at)");
  g_assert_cmpint (ca_test_query_int (db, "SELECT count(*) FROM escalation e JOIN audit a "
                                          "ON a.id = e.audit_id WHERE a.category = 1"), >, 0);
  g_assert_cmpint (ca_test_query_int (db, "SELECT count(*) FROM escalation e JOIN audit a "
                                          "ON a.id = e.audit_id "
                                          "WHERE a.recommendations_checked_at IS NULL"), >, 0);

  /* Nothing more to escalate by the end of the day before the data's "today" (15 December
   * 2021), as 'case-audit escalate --on 2021-12-14' judges it. */
  midnight = g_date_time_new (ca_deadline_get_time_zone (), 2021, 12, 15, 0, 0, 0);
  made = ca_tracker_store_escalate (db, midnight, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < made->len; i++)
    g_printerr ("still to escalate: %s\n", ((CaEscalation *) made->pdata[i])->case_ref);
  g_assert_cmpuint (made->len, ==, 0);

  /* Signed off by the Head of Service some working days after the check and the last
   * action: most of the Inadequate audits that are ready, while recent ones stay open. */
  assert_between (db, "SELECT count(*) FROM tracker_signoff", 50, 1000);
  assert_none (db, "SELECT count(*) FROM tracker_signoff t JOIN audit a ON a.id = t.audit_id "
                   "JOIN staff h ON h.id = t.signed_by "
                   "WHERE a.overall_grade <> 'inadequate' OR a.recommendations_checked_at IS NULL "
                   "OR t.signed_on <= substr(a.recommendations_checked_at, 1, 10) "
                   "OR t.signed_on >= '2021-12-15' OR t.note IS NULL "
                   "OR h.role_code <> 'head-of-service' "
                   "OR EXISTS (SELECT 1 FROM action x WHERE x.audit_id = a.id "
                   "           AND (x.completed_on IS NULL OR x.completed_on >= t.signed_on))");
  assert_between (db, "SELECT avg(EXISTS (SELECT 1 FROM tracker_signoff t "
                      "                   WHERE t.audit_id = a.id)) FROM audit a "
                      "WHERE a.overall_grade = 'inadequate' "
                      "AND a.recommendations_checked_at < '2021-11-01' "
                      "AND NOT EXISTS (SELECT 1 FROM action x WHERE x.audit_id = a.id "
                      "                AND (x.completed_on IS NULL "
                      "                     OR x.completed_on >= '2021-11-01'))", 0.6, 0.95);
  g_assert_cmpint (ca_test_query_int (db, "SELECT count(*) FROM audit a "
                                          "WHERE a.overall_grade = 'inadequate' "
                                          "AND NOT EXISTS (SELECT 1 FROM tracker_signoff t "
                                          "WHERE t.audit_id = a.id)"), >, 20);
  assert_none (db, "SELECT count(*) FROM tracker_signoff t WHERE NOT EXISTS (SELECT 1 "
                   "FROM change_history h JOIN staff s ON s.staff_ref = h.new_value "
                   "WHERE h.entity = 'audit' AND h.entity_id = t.audit_id "
                   "AND h.field = 'signed_off' AND s.id = t.signed_by "
                   "AND substr(h.changed_at, 1, 10) = t.signed_on)");

  /* Seed 02: each action done says by whom and with what evidence, and most are signed off
   * by the worker's line manager a few working days later, never before it was done. */
  assert_none (db, "SELECT count(*) FROM action WHERE (completed_on IS NULL) <> "
                   "(completed_by IS NULL) OR (completed_on IS NULL) <> (evidence IS NULL) "
                   "OR (signed_off_on IS NULL) <> (signed_off_by IS NULL) "
                   "OR (signed_off_on IS NOT NULL AND (completed_on IS NULL "
                   "    OR signed_off_on <= completed_on OR signed_off_on >= '2021-12-15'))");
  assert_between (db, "SELECT avg(signed_off_on IS NOT NULL) FROM action "
                      "WHERE completed_on < '2021-10-01'", 0.7, 0.95);
  /* By whoever was the line manager then: most still manage someone, a few have moved on. */
  assert_between (db, "SELECT avg(EXISTS (SELECT 1 FROM staff w "
                      "                   WHERE w.line_manager_id = x.signed_off_by)) "
                      "FROM action x WHERE x.signed_off_by IS NOT NULL", 0.9, 1.0);
  assert_none (db, "SELECT count(*) FROM action x WHERE x.signed_off_on IS NOT NULL "
                   "AND NOT EXISTS (SELECT 1 FROM change_history h WHERE h.entity = 'action' "
                   "AND h.entity_id = x.id AND h.field = 'signed_off_by' "
                   "AND h.new_value = CAST (x.signed_off_by AS TEXT) "
                   "AND substr(h.changed_at, 1, 10) = x.signed_off_on)");
}

static void
test_deterministic (CaTestFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(CaDatabase) twin = open_sibling (fixture, "twin.db");
  g_autoptr(CaDatabase) other = open_sibling (fixture, "other.db");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  generate (fixture->database, 7);
  generate (twin, 7);
  generate (other, 8);

  /* The built-in tools are stamped with when each file was made, which may be a second
   * apart: the files' own doing, not the demo's. */
  ca_test_exec (fixture->database, "UPDATE audit_tool_version SET created_at = ''");
  ca_test_exec (twin, "UPDATE audit_tool_version SET created_at = ''");
  ca_test_exec (other, "UPDATE audit_tool_version SET created_at = ''");

  first = digest_content (fixture->database);
  second = digest_content (twin);
  third = digest_content (other);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpstr (first, !=, third);
}

static void
test_not_empty (CaTestFixture *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) manual = open_sibling (fixture, "manual.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  CaDemoOptions options;

  generate (fixture->database, 7);
  before = digest_content (fixture->database);

  set_test_options (&options, 7);
  g_assert_false (ca_demo_generate (fixture->database, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, CA_DEMO_ERROR, CA_DEMO_ERROR_NOT_EMPTY);
  after = digest_content (fixture->database);
  g_assert_cmpstr (before, ==, after);

  /* Real records, even a few, are never mixed with demo data. */
  g_clear_error (&error);
  ca_test_exec (manual, "INSERT INTO service_area (name) VALUES ('Early Help');"
                        "INSERT INTO locality (name) VALUES ('Dudley');"
                        "INSERT INTO team (name, service_area_id, locality_id) "
                        "VALUES ('EH 1', 1, 1);"
                        "INSERT INTO staff (staff_ref, name, role_code, team_id) "
                        "VALUES ('X1', 'A Person', 'team-manager', 1);");
  g_assert_false (ca_demo_generate (manual, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, CA_DEMO_ERROR, CA_DEMO_ERROR_NOT_EMPTY);
  g_assert_cmpint (ca_test_query_int (manual, "SELECT count(*) FROM staff"), ==, 1);
  g_assert_cmpint (ca_test_query_int (manual, "SELECT count(*) FROM service_area"), ==, 1);
}

/* Editable lists are reused, not duplicated; the built-in tools are used in the latest
 * version the council has. */
static void
test_reuses_lists (CaTestFixture *fixture,
                   gconstpointer  data)
{
  ca_test_exec (fixture->database,
                "INSERT INTO locality (name) VALUES ('Dudley');"
                "INSERT INTO audit_tool_version (tool_id, version, definition, created_at) "
                "SELECT tool_id, 2, definition, '2020-06-01T00:00:00Z' FROM audit_tool_version "
                "WHERE tool_id = (SELECT id FROM audit_tool WHERE code = 'stage-1');");
  generate (fixture->database, 7);

  assert_between (fixture->database, "SELECT count(*) FROM locality WHERE name = 'Dudley'", 1, 1);
  assert_between (fixture->database, "SELECT count(*) FROM audit_tool", N_BUILTIN_TOOLS,
                  N_BUILTIN_TOOLS);
  assert_between (fixture->database, "SELECT count(*) FROM audit_tool_version",
                  N_BUILTIN_TOOLS + 1, N_BUILTIN_TOOLS + 1);
  assert_between (fixture->database,
                  "SELECT count(*) FROM audit a JOIN audit_tool_version v "
                  "ON v.id = a.tool_version_id JOIN audit_tool t ON t.id = v.tool_id "
                  "WHERE t.code = 'stage-1' AND v.version = 2", 1000, 1e9);
  assert_none (fixture->database,
               "SELECT count(*) FROM audit a JOIN audit_tool_version v ON v.id = a.tool_version_id "
               "JOIN audit_tool t ON t.id = v.tool_id WHERE t.code = 'stage-1' AND v.version <> 2");
}

static void
cancel_on_progress (double   fraction,
                    gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
test_cancel (CaTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CaDemoOptions options;

  set_test_options (&options, 7);
  g_assert_false (ca_demo_generate (fixture->database, &options, cancel_on_progress, cancellable,
                                    cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_empty (fixture->database);

  /* The connection is usable again, and nothing half-written stands in the way. */
  generate (fixture->database, 7);
  assert_between (fixture->database, "SELECT count(*) FROM team", 50, 70);
}

/* Data that ends with this month describes it as it stands today: nothing that has happened
 * (an audit done, submitted or checked, a moderation, a response, an action completed) is
 * dated after today, even early in the month (issue 12 item 12). */
static void
test_nothing_after_today (CaTestFixture *fixture,
                          gconstpointer  data)
{
  static const char * const happened[] = {
    "SELECT max(audit_date) FROM audit",
    "SELECT max(substr(submitted_at, 1, 10)) FROM audit",
    "SELECT max(substr(recommendations_checked_at, 1, 10)) FROM audit",
    "SELECT max(feedback_date) FROM audit",
    "SELECT max(allocated_on) FROM audit",
    "SELECT max(moderated_on) FROM moderation",
    "SELECT max(discussion_date) FROM moderation",
    "SELECT max(responded_on) FROM manager_response",
    "SELECT max(completed_on) FROM action",
    "SELECT max(signed_off_on) FROM action",
    "SELECT max(substr(escalated_at, 1, 10)) FROM escalation",
    "SELECT max(signed_on) FROM tracker_signoff",
    "SELECT max(open_date) FROM case_file",
    "SELECT max(close_date) FROM case_file",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *today = NULL;
  CaDemoOptions options;
  GDate date;

  ca_demo_options_init (&options);  /* ending with this month */
  options.years = 1;
  g_assert_true (ca_demo_generate (fixture->database, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  ca_date_set_today (&date);
  today = ca_date_format (&date);
  for (guint i = 0; i < G_N_ELEMENTS (happened); i++)
    {
      g_autofree char *latest = ca_test_query_text (fixture->database, happened[i]);

      if (latest != NULL && g_strcmp0 (latest, today) > 0)
        g_error ("%s gives %s, after today (%s)", happened[i], latest, today);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/demo/options", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_options, ca_test_fixture_tear_down);
  g_test_add ("/demo/plausible", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_plausible, ca_test_fixture_tear_down);
  g_test_add ("/demo/answers", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_answers, ca_test_fixture_tear_down);
  g_test_add ("/demo/tracker", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_tracker, ca_test_fixture_tear_down);
  g_test_add ("/demo/deterministic", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_deterministic, ca_test_fixture_tear_down);
  g_test_add ("/demo/not-empty", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_not_empty, ca_test_fixture_tear_down);
  g_test_add ("/demo/reuses-lists", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_reuses_lists, ca_test_fixture_tear_down);
  g_test_add ("/demo/nothing-after-today", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_nothing_after_today, ca_test_fixture_tear_down);
  g_test_add ("/demo/cancel", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_cancel, ca_test_fixture_tear_down);

  return g_test_run ();
}
