// SPDX-License-Identifier: GPL-3.0-or-later
// An action marked done and signed off (R-I2, seed 02): the day, the person, the evidence,
// the line manager, and what each refusal says.

#include "config.h"

#include "core/ca-action-rules.h"

/* Zoe Walker's action on an audit submitted on 10 June 2021; Imran Shah manages her. */
static CaActionFacts
facts_of_action (void)
{
  CaActionFacts facts = {
    .submitted_on = "2021-06-10",
    .due_date = "2021-07-08",
    .worker = "Zoe Walker",
    .line_manager_ref = "S002",
    .line_manager = "Imran Shah",
  };

  return facts;
}

static GDate
day (int year, int month, int day_of_month)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day_of_month, (GDateMonth) month, (GDateYear) year);
  return date;
}

static void
test_overdue (void)
{
  CaActionFacts facts = facts_of_action ();
  GDate due = day (2021, 7, 8), after = day (2021, 7, 9);

  g_assert_false (ca_action_rules_is_overdue (&facts, &due));
  g_assert_true (ca_action_rules_is_overdue (&facts, &after));
  facts.completed_on = "2021-07-20";
  g_assert_false (ca_action_rules_is_overdue (&facts, &after));
  facts.completed_on = NULL;
  facts.due_date = NULL;
  g_assert_false (ca_action_rules_is_overdue (&facts, &after));
}

static void
test_done (void)
{
  g_autoptr(GError) error = NULL;
  CaActionFacts facts = facts_of_action ();
  GDate today = day (2021, 6, 20);
  GDate submitted = day (2021, 6, 10), before = day (2021, 6, 9), tomorrow = day (2021, 6, 21);
  GDate invalid;

  /* The day of submission and today are both allowed. */
  g_assert_true (ca_action_rules_check_done (&facts, "S003", &submitted, "Chronology updated",
                                             &today, &error));
  g_assert_no_error (error);
  g_assert_true (ca_action_rules_check_done (&facts, "S003", &today, "Chronology updated",
                                             &today, &error));

  g_assert_false (ca_action_rules_check_done (&facts, "S003", &tomorrow, "x", &today, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_DATE);
  g_assert_cmpstr (error->message, ==, "The action cannot be marked done on 21 Jun 2021: that "
                                       "is after today, 20 Jun 2021.");
  g_clear_error (&error);
  g_assert_false (ca_action_rules_check_done (&facts, "S003", &before, "x", &today, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_DATE);
  g_assert_cmpstr (error->message, ==, "The action cannot be marked done on 9 Jun 2021: the "
                                       "audit was submitted on 10 Jun 2021, and its actions "
                                       "are done on that day or later.");
  g_clear_error (&error);
  g_date_clear (&invalid, 1);
  g_assert_false (ca_action_rules_check_done (&facts, "S003", &invalid, "x", &today, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_DATE);
  g_clear_error (&error);
  g_assert_false (ca_action_rules_check_done (&facts, "S003", NULL, "x", &today, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_DATE);
  g_clear_error (&error);

  /* A named person and the evidence, blank text being none. */
  g_assert_false (ca_action_rules_check_done (&facts, " ", &today, "x", &today, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NO_PERSON);
  g_clear_error (&error);
  g_assert_false (ca_action_rules_check_done (&facts, NULL, &today, "x", &today, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NO_PERSON);
  g_clear_error (&error);
  g_assert_false (ca_action_rules_check_done (&facts, "S003", &today, " \n\t", &today, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NO_EVIDENCE);
  g_assert_cmpstr (error->message, ==, "Say what shows the action is done: the evidence note "
                                       "is required.");
  g_clear_error (&error);
  g_assert_false (ca_action_rules_check_done (&facts, "S003", &today, NULL, &today, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NO_EVIDENCE);
  g_clear_error (&error);

  /* Once only; never on a draft. */
  facts.completed_on = "2021-06-15";
  g_assert_false (ca_action_rules_check_done (&facts, "S003", &today, "x", &today, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_DONE_ALREADY);
  g_assert_cmpstr (error->message, ==, "This action was marked done already, on 15 Jun 2021.");
  g_clear_error (&error);
  facts.completed_on = NULL;
  facts.submitted_on = NULL;
  g_assert_false (ca_action_rules_check_done (&facts, "S003", &today, "x", &today, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NOT_SUBMITTED);
}

static void
test_signer (void)
{
  g_autoptr(GError) error = NULL;
  CaActionFacts facts = facts_of_action ();

  /* Not before it is done. */
  g_assert_false (ca_action_rules_check_signer (&facts, "S002", NULL, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NOT_DONE);
  g_assert_cmpstr (error->message, ==, "This action is not done yet: it is signed off once it "
                                       "has been marked done.");
  g_clear_error (&error);

  facts.completed_on = "2021-06-15";
  g_assert_true (ca_action_rules_check_signer (&facts, "S002", "Imran Shah", &error));
  g_assert_no_error (error);

  /* Only the worker's line manager: not the Head of Service, not the worker. */
  g_assert_false (ca_action_rules_check_signer (&facts, "S001", "Hannah Price", &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NOT_LINE_MANAGER);
  g_assert_cmpstr (error->message, ==, "Only the social worker’s line manager can sign off an "
                                       "action. Zoe Walker’s line manager is Imran Shah (S002), "
                                       "not Hannah Price (S001).");
  g_clear_error (&error);
  g_assert_false (ca_action_rules_check_signer (&facts, "S003", NULL, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NOT_LINE_MANAGER);
  g_assert_cmpstr (error->message, ==, "Only the social worker’s line manager can sign off an "
                                       "action. Zoe Walker’s line manager is Imran Shah (S002), "
                                       "not S003.");
  g_clear_error (&error);
  g_assert_false (ca_action_rules_check_signer (&facts, "", NULL, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NO_PERSON);
  g_clear_error (&error);

  /* A line manager who has left, none recorded, no worker: nobody can. */
  facts.line_manager_left = TRUE;
  g_assert_false (ca_action_rules_check_signer (&facts, "S002", NULL, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NO_LINE_MANAGER);
  g_assert_cmpstr (error->message, ==, "Imran Shah, Zoe Walker’s line manager, has left: record "
                                       "Zoe Walker’s new line manager in the staff list first.");
  g_clear_error (&error);
  facts.line_manager_left = FALSE;
  facts.line_manager_ref = NULL;
  facts.line_manager = NULL;
  g_assert_false (ca_action_rules_check_signer (&facts, "S002", NULL, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NO_LINE_MANAGER);
  g_assert_cmpstr (error->message, ==, "Zoe Walker has no line manager recorded, so no one can "
                                       "sign off this action. Record their line manager in the "
                                       "staff list first.");
  g_clear_error (&error);
  facts.worker = NULL;
  g_assert_false (ca_action_rules_check_signer (&facts, "S002", NULL, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NO_LINE_MANAGER);
  g_clear_error (&error);

  /* Once only. */
  facts = facts_of_action ();
  facts.completed_on = "2021-06-15";
  facts.signed_off_on = "2021-06-16";
  g_assert_false (ca_action_rules_check_signer (&facts, "S002", NULL, &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_SIGNED_OFF_ALREADY);
  g_assert_cmpstr (error->message, ==, "This action was signed off already, on 16 Jun 2021.");
}

static void
test_sign_off_day (void)
{
  g_autoptr(GError) error = NULL;
  CaActionFacts facts = facts_of_action ();
  GDate today = day (2021, 6, 20);
  GDate done = day (2021, 6, 15), before = day (2021, 6, 14), tomorrow = day (2021, 6, 21);

  facts.completed_on = "2021-06-15";
  g_assert_true (ca_action_rules_check_sign_off (&facts, "S002", NULL, &done, &today, &error));
  g_assert_true (ca_action_rules_check_sign_off (&facts, "S002", NULL, &today, &today, &error));
  g_assert_no_error (error);
  g_assert_false (ca_action_rules_check_sign_off (&facts, "S002", NULL, &before, &today,
                                                  &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_DATE);
  g_assert_cmpstr (error->message, ==, "The sign-off cannot be dated 14 Jun 2021: the action was "
                                       "done on 15 Jun 2021, and is signed off on that day or "
                                       "later.");
  g_clear_error (&error);
  g_assert_false (ca_action_rules_check_sign_off (&facts, "S002", NULL, &tomorrow, &today,
                                                  &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_DATE);
  g_assert_cmpstr (error->message, ==, "The sign-off cannot be dated 21 Jun 2021: that is after "
                                       "today, 20 Jun 2021.");
  g_clear_error (&error);
  /* Who comes before when: the wrong person hears that first. */
  g_assert_false (ca_action_rules_check_sign_off (&facts, "S001", NULL, &tomorrow, &today,
                                                  &error));
  g_assert_error (error, CA_ACTION_RULES_ERROR, CA_ACTION_RULES_ERROR_NOT_LINE_MANAGER);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/action-rules/overdue", test_overdue);
  g_test_add_func ("/action-rules/done", test_done);
  g_test_add_func ("/action-rules/signer", test_signer);
  g_test_add_func ("/action-rules/sign-off-day", test_sign_off_day);

  return g_test_run ();
}
