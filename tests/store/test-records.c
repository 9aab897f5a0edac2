// SPDX-License-Identifier: GPL-3.0-or-later
// The records' read-only properties, as views bind to them: each reads back what the store
// put into the record.

#include "config.h"

#include "ca-action-private.h"
#include "ca-audit-private.h"
#include "ca-calendar-item-private.h"
#include "ca-case-private.h"
#include "ca-enums.h"
#include "ca-moderation-private.h"
#include "ca-role-capacity-private.h"

static void
assert_text (gpointer    record,
             const char *name,
             const char *expected)
{
  g_autofree char *text = NULL;

  g_object_get (record, name, &text, NULL);
  g_assert_cmpstr (text, ==, expected);
}

static void
assert_int64 (gpointer    record,
              const char *name,
              gint64      expected)
{
  gint64 number = -1;

  g_object_get (record, name, &number, NULL);
  g_assert_cmpint (number, ==, expected);
}

/* Booleans, ints, uints and enums alike: each is read into an int. */
static void
assert_int (gpointer    record,
            const char *name,
            int         expected)
{
  int number = -1;

  g_object_get (record, name, &number, NULL);
  g_assert_cmpint (number, ==, expected);
}

static void
test_action (void)
{
  g_autoptr(CaAction) action = ca_action_new ();

  action->id = 7;
  action->audit_id = 3;
  action->description = g_strdup ("Update the plan");
  action->owner = g_strdup ("Sam Worker");
  action->due_date = g_strdup ("2024-05-01");
  action->completed_on = NULL;
  action->safeguarding = TRUE;
  assert_int64 (action, "id", 7);
  assert_int64 (action, "audit-id", 3);
  assert_text (action, "description", "Update the plan");
  assert_text (action, "owner", "Sam Worker");
  assert_text (action, "due-date", "2024-05-01");
  assert_text (action, "completed-on", NULL);
  assert_int (action, "safeguarding", TRUE);
}

static void
test_audit (void)
{
  CaAuditRow row = {
    .id = 12,
    .service_area = ca_audit_name_intern ("Children in Need"),
    .team = ca_audit_name_intern ("North"),
    .auditor = ca_audit_name_intern ("Ann Auditor"),
    .tool = ca_audit_name_intern ("Practice audit"),
    .audit_date = g_intern_string ("2024-04-02"),
    .due_date = g_intern_string ("2024-04-30"),
    .status = CA_AUDIT_STATUS_SUBMITTED,
    .overall_grade = CA_GRADE_GOOD,
    .category = 2,
  };
  g_autoptr(CaAudit) audit = NULL;

  ca_audit_row_set_case_ref (&row, "C-100");
  audit = ca_audit_new_for_row (&row);
  assert_int64 (audit, "id", 12);
  assert_text (audit, "case-ref", "C-100");
  assert_text (audit, "service-area", "Children in Need");
  assert_text (audit, "team", "North");
  assert_text (audit, "auditor", "Ann Auditor");
  assert_text (audit, "tool", "Practice audit");
  assert_text (audit, "audit-date", "2024-04-02");
  assert_text (audit, "due-date", "2024-04-30");
  assert_int (audit, "status", CA_AUDIT_STATUS_SUBMITTED);
  assert_int (audit, "overall-grade", CA_GRADE_GOOD);
  assert_int (audit, "category", 2);
}

static void
test_calendar_item (void)
{
  g_autoptr(GDate) date = g_date_new_dmy (3, G_DATE_JUNE, 2024);
  g_autoptr(CaCalendarItem) item = ca_calendar_item_new (CA_CALENDAR_ITEM_ACTION, date);

  item->title = g_strdup ("Action due");
  item->description = g_strdup ("Action, waiting on Sam");
  item->source_id = 5;
  item->audit_id = 9;
  item->case_ref = g_strdup ("C-200");
  item->category = 3;
  item->staff_id = 4;
  item->person = g_strdup ("Sam");
  item->team_id = 2;
  item->done = TRUE;
  assert_int (item, "kind", CA_CALENDAR_ITEM_ACTION);
  assert_text (item, "title", "Action due");
  assert_text (item, "description", "Action, waiting on Sam");
  assert_int64 (item, "source-id", 5);
  assert_int64 (item, "audit-id", 9);
  assert_text (item, "case-ref", "C-200");
  assert_int (item, "category", 3);
  assert_int64 (item, "staff-id", 4);
  assert_text (item, "person", "Sam");
  assert_int64 (item, "team-id", 2);
  assert_int (item, "done", TRUE);
}

static void
test_case (void)
{
  g_autoptr(CaCase) file = ca_case_new ();

  file->case_ref = g_strdup ("C-300");
  file->service_area = g_strdup ("Looked After");
  file->team = g_strdup ("South");
  file->locality = g_strdup ("East");
  file->allocated_worker = g_strdup ("Pat");
  file->open_date = g_strdup ("2023-01-05");
  file->close_date = NULL;
  file->legal_status = g_strdup ("CLA");
  file->last_audited = g_strdup ("2024-02-01");
  file->restricted = TRUE;
  assert_text (file, "case-ref", "C-300");
  assert_text (file, "service-area", "Looked After");
  assert_text (file, "team", "South");
  assert_text (file, "locality", "East");
  assert_text (file, "allocated-worker", "Pat");
  assert_text (file, "open-date", "2023-01-05");
  assert_text (file, "close-date", NULL);
  assert_text (file, "legal-status", "CLA");
  assert_text (file, "last-audited", "2024-02-01");
  assert_int (file, "restricted", TRUE);
}

static void
test_moderation (void)
{
  g_autoptr(CaModeration) moderation = ca_moderation_new ();

  moderation->id = 21;
  moderation->audit_id = 12;
  moderation->moderator = g_strdup ("Mo");
  moderation->moderated_on = g_strdup ("2024-04-10");
  moderation->auditor_grade = CA_GRADE_GOOD;
  moderation->overall_grade = CA_GRADE_REQUIRES_IMPROVEMENT;
  assert_int64 (moderation, "id", 21);
  assert_int64 (moderation, "audit-id", 12);
  assert_text (moderation, "moderator", "Mo");
  assert_text (moderation, "moderated-on", "2024-04-10");
  assert_int (moderation, "auditor-grade", CA_GRADE_GOOD);
  assert_int (moderation, "overall-grade", CA_GRADE_REQUIRES_IMPROVEMENT);
}

static void
test_role_capacity (void)
{
  g_autoptr(CaRoleCapacity) role = ca_role_capacity_new ("tm", "Team manager", 4);

  assert_text (role, "code", "tm");
  assert_text (role, "name", "Team manager");
  assert_int (role, "capacity", 4);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/records/action", test_action);
  g_test_add_func ("/records/audit", test_audit);
  g_test_add_func ("/records/calendar-item", test_calendar_item);
  g_test_add_func ("/records/case", test_case);
  g_test_add_func ("/records/moderation", test_moderation);
  g_test_add_func ("/records/role-capacity", test_role_capacity);
  return g_test_run ();
}
