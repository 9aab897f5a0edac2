// SPDX-License-Identifier: GPL-3.0-or-later
// The manager response's rules (R-F9): what a recorded response needs, when it is overdue, and
// the field-by-field merge of two copies' changes (R-N2).

#include "config.h"

#include <string.h>

#include "core/ca-date.h"
#include "core/ca-manager-response.h"

#define TODAY "2024-03-20"

static CaManagerResponse *
complete_response (void)
{
  CaManagerResponse *response = ca_manager_response_new (5);
  CaResponseAction *action;

  response->manager_id = 9;
  response->decision = g_strdup ("Agreed; the plan goes to the next supervision.");
  response->responded_on = g_strdup ("2024-03-19");
  response->due_date = g_strdup ("2024-03-22");
  for (guint i = 0; i < 2; i++)
    {
      action = ca_response_action_new (100 + i, "Update the chronology", "2024-04-12");
      action->plan = g_strdup ("Supervision on Tuesday.");
      action->by_when = g_strdup ("2024-04-05");
      g_ptr_array_add (response->actions, action);
    }
  return response;
}

static CaResponseAction *
action_at (CaManagerResponse *response,
           guint              index)
{
  return g_ptr_array_index (response->actions, index);
}

static void
set (char       **field,
     const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

typedef void (*Mutation) (CaManagerResponse *r);

static void no_change (CaManagerResponse *r) { (void) r; }
static void no_manager (CaManagerResponse *r) { r->manager_id = 0; }
static void no_plan (CaManagerResponse *r) { set (&action_at (r, 1)->plan, " "); }
static void no_by_when (CaManagerResponse *r) { set (&action_at (r, 0)->by_when, NULL); }
static void bad_by_when (CaManagerResponse *r) { set (&action_at (r, 0)->by_when, "2024-04-31"); }
static void no_decision (CaManagerResponse *r) { set (&r->decision, "\n"); }
static void no_date (CaManagerResponse *r) { set (&r->responded_on, NULL); }
static void bad_date (CaManagerResponse *r) { set (&r->responded_on, "19/03/2024"); }
static void future_date (CaManagerResponse *r) { set (&r->responded_on, "2024-03-21"); }
static void date_today (CaManagerResponse *r) { set (&r->responded_on, TODAY); }
static void no_stretch_no_comment (CaManagerResponse *r) { set (&r->stretch_target, NULL); set (&r->response, NULL); }
static void no_actions (CaManagerResponse *r) { g_ptr_array_set_size (r->actions, 0); }

static void
empty (CaManagerResponse *r)
{
  r->manager_id = 0;
  set (&r->decision, NULL);
  set (&r->responded_on, NULL);
  for (guint i = 0; i < r->actions->len; i++)
    {
      set (&action_at (r, i)->plan, NULL);
      set (&action_at (r, i)->by_when, NULL);
    }
}

static const struct
{
  const char *name;
  Mutation    mutate;
  const char *where[8];
  const char *mentions;
} cases[] = {
  { "complete", no_change, { NULL }, NULL },
  { "optional parts left out", no_stretch_no_comment, { NULL }, NULL },
  { "no actions", no_actions, { NULL }, NULL },
  { "dated today", date_today, { NULL }, NULL },
  { "no manager", no_manager, { "manager" }, "manager" },
  { "no plan for action 2", no_plan, { "actions[1].plan" }, "action 2 will be met" },
  { "no by-when for action 1", no_by_when, { "actions[0].by_when" }, "by when action 1" },
  { "by-when not real", bad_by_when, { "actions[0].by_when" }, "“2024-04-31”, is not a real date" },
  { "no decision", no_decision, { "decision" }, "decision" },
  { "no date", no_date, { "responded_on" }, "date of the response" },
  { "date not real", bad_date, { "responded_on" }, "“19/03/2024”" },
  { "date tomorrow", future_date, { "responded_on" }, "after today" },
  { "nothing at all", empty,
    { "manager", "actions[0].plan", "actions[0].by_when", "actions[1].plan",
      "actions[1].by_when", "decision", "responded_on" }, NULL },
};

static void
test_check (void)
{
  GDate today;

  g_assert_true (ca_date_parse (TODAY, &today));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CaManagerResponse) response = complete_response ();
      g_autoptr(GPtrArray) problems = NULL;
      guint n_expected = 0;

      cases[i].mutate (response);
      problems = ca_manager_response_check (response, &today);
      while (n_expected < G_N_ELEMENTS (cases[i].where) && cases[i].where[n_expected] != NULL)
        n_expected++;
      if (problems->len != n_expected)
        g_error ("%s: %u problems, expected %u", cases[i].name, problems->len, n_expected);
      for (guint p = 0; p < n_expected; p++)
        {
          const CaRuleProblem *problem = g_ptr_array_index (problems, p);

          g_assert_cmpstr (problem->where, ==, cases[i].where[p]);
          g_assert_cmpuint (strlen (problem->message), >, 10);
        }
      if (cases[i].mentions != NULL &&
          strstr (((CaRuleProblem *) g_ptr_array_index (problems, 0))->message,
                  cases[i].mentions) == NULL)
        g_error ("%s: “%s” does not mention “%s”", cases[i].name,
                 ((CaRuleProblem *) g_ptr_array_index (problems, 0))->message, cases[i].mentions);
    }
}

static void
test_overdue (void)
{
  g_autoptr(CaManagerResponse) response = complete_response ();
  GDate day;

  set (&response->responded_on, NULL);
  g_assert_true (ca_date_parse ("2024-03-22", &day));
  g_assert_false (ca_manager_response_is_overdue (response, &day));   /* due today: not yet */
  g_assert_true (ca_date_parse ("2024-03-23", &day));
  g_assert_true (ca_manager_response_is_overdue (response, &day));
  set (&response->responded_on, "2024-03-23");
  g_assert_false (ca_manager_response_is_overdue (response, &day));   /* answered, if late */
  set (&response->responded_on, NULL);
  set (&response->due_date, NULL);
  g_assert_false (ca_manager_response_is_overdue (response, &day));   /* nothing was due */
}

static void
test_copy (void)
{
  g_autoptr(CaManagerResponse) response = complete_response ();
  g_autoptr(CaManagerResponse) copy = NULL;

  action_at (response, 0)->owner = g_strdup ("Sam");
  action_at (response, 0)->owner_id = 4;
  response->stretch_target = g_strdup ("Stretch");
  copy = ca_manager_response_copy (response);
  set (&action_at (response, 0)->plan, "Changed");
  set (&response->decision, NULL);
  g_assert_cmpint (copy->audit_id, ==, 5);
  g_assert_cmpint (copy->manager_id, ==, 9);
  g_assert_cmpstr (copy->stretch_target, ==, "Stretch");
  g_assert_cmpstr (copy->decision, ==, "Agreed; the plan goes to the next supervision.");
  g_assert_cmpstr (copy->due_date, ==, "2024-03-22");
  g_assert_cmpuint (copy->actions->len, ==, 2);
  g_assert_cmpint (action_at (copy, 0)->action_id, ==, 100);
  g_assert_cmpstr (action_at (copy, 0)->plan, ==, "Supervision on Tuesday.");
  g_assert_cmpstr (action_at (copy, 0)->owner, ==, "Sam");
  g_assert_cmpint (action_at (copy, 0)->owner_id, ==, 4);
  g_assert_cmpstr (action_at (copy, 0)->due_date, ==, "2024-04-12");
}

/* Every field reads back what was written, and blank text is no value. */
static void
test_fields (void)
{
  g_autoptr(CaManagerResponse) response = complete_response ();
  g_auto(GStrv) fields = ca_manager_response_list_fields (response);
  const char * const expected[] = {
    "manager", "actions[0].plan", "actions[0].by_when", "actions[1].plan", "actions[1].by_when",
    "stretch_target", "decision", "response", "responded_on", NULL
  };

  g_assert_cmpstrv (fields, expected);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autoptr(CaManagerResponse) copy = ca_manager_response_copy (response);
      g_autofree char *before = ca_manager_response_dup_field (response, fields[i]);
      g_autofree char *after = NULL;
      g_autofree char *cleared = NULL;
      const char *value = g_str_equal (fields[i], "manager") ? "12" : "Another value";

      g_assert_true (ca_manager_response_set_field (copy, fields[i], value));
      after = ca_manager_response_dup_field (copy, fields[i]);
      g_assert_cmpstr (after, ==, value);
      g_assert_true (ca_manager_response_set_field (copy, fields[i], "  "));
      cleared = ca_manager_response_dup_field (copy, fields[i]);
      g_assert_null (cleared);
      g_assert_true (ca_manager_response_set_field (copy, fields[i], before));
    }
  g_assert_false (ca_manager_response_set_field (response, "manager", "nine"));
  g_assert_cmpint (response->manager_id, ==, 9);
  g_assert_false (ca_manager_response_set_field (response, "actions[2].plan", "x"));
  g_assert_false (ca_manager_response_set_field (response, "actions[0].owner", "x"));
  g_assert_false (ca_manager_response_set_field (response, "due_date", "2024-01-01"));
}

/* Two copies changed one response: what only one changed comes through, what both changed
 * the same way is no conflict, and what both changed differently is named and keeps the
 * stored version. */
static void
test_merge (void)
{
  g_autoptr(CaManagerResponse) base = complete_response ();
  g_autoptr(CaManagerResponse) mine = ca_manager_response_copy (base);
  g_autoptr(CaManagerResponse) theirs = ca_manager_response_copy (base);
  g_autoptr(CaManagerResponse) merged = NULL;
  g_autoptr(CaManagerResponse) other_actions = ca_manager_response_new (5);
  g_auto(GStrv) conflicts = NULL;
  const char * const expected[] = { "actions[1].by_when", "decision", NULL };

  set (&mine->stretch_target, "Mine only");
  set (&action_at (mine, 0)->plan, "Both, the same");
  set (&action_at (mine, 1)->by_when, "2024-04-01");
  set (&mine->decision, "Mine");
  theirs->manager_id = 10;
  set (&action_at (theirs, 0)->plan, "Both, the same");
  set (&action_at (theirs, 1)->by_when, "2024-04-02");
  set (&theirs->decision, "Theirs");
  set (&theirs->response, "Theirs only");

  merged = ca_manager_response_merge (base, mine, theirs, &conflicts);
  g_assert_cmpstrv (conflicts, expected);
  g_assert_cmpint (merged->manager_id, ==, 10);
  g_assert_cmpstr (merged->stretch_target, ==, "Mine only");
  g_assert_cmpstr (merged->response, ==, "Theirs only");
  g_assert_cmpstr (action_at (merged, 0)->plan, ==, "Both, the same");
  g_assert_cmpstr (action_at (merged, 1)->by_when, ==, "2024-04-02");
  g_assert_cmpstr (merged->decision, ==, "Theirs");
  g_assert_cmpstr (merged->due_date, ==, "2024-03-22");

  g_assert_true (ca_manager_response_same_actions (base, theirs));
  g_assert_false (ca_manager_response_same_actions (base, other_actions));
}

static void
test_describe (void)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 id = 9;
  struct
  {
    const char *where;
    const char *value;
    const char *field;
    const char *words;
  } described[] = {
    { "manager", "9", "Manager", "Sam Patel" },
    { "manager", "10", "Manager", "someone no longer listed" },
    { "manager", NULL, "Manager", "Not chosen" },
    { "actions[1].plan", "In supervision", "How action 2 will be met", "In supervision" },
    { "actions[0].by_when", "2024-04-05", "Action 1 to be met by", "5 April 2024" },
    { "actions[0].by_when", "soon", "Action 1 to be met by", "soon" },
    { "decision", "", "Record of the decision made", "Empty" },
    { "responded_on", "2024-03-19", "Date of response", "19 March 2024" },
  };

  g_hash_table_insert (names, &id, (gpointer) "Sam Patel");
  for (guint i = 0; i < G_N_ELEMENTS (described); i++)
    {
      g_autofree char *field = ca_manager_response_describe_field (described[i].where);
      g_autofree char *words = ca_manager_response_describe_value (described[i].where,
                                                                   described[i].value, names);
      g_autofree char *display = NULL;

      g_assert_cmpstr (field, ==, described[i].field);
      /* Dates in words follow the display format, whatever it is. */
      if (described[i].value != NULL && g_str_has_prefix (described[i].value, "2024-"))
        {
          display = ca_date_format_display (described[i].value);
          g_assert_cmpstr (words, ==, display);
        }
      else
        g_assert_cmpstr (words, ==, described[i].words);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/manager-response/check", test_check);
  g_test_add_func ("/manager-response/overdue", test_overdue);
  g_test_add_func ("/manager-response/copy", test_copy);
  g_test_add_func ("/manager-response/fields", test_fields);
  g_test_add_func ("/manager-response/merge", test_merge);
  g_test_add_func ("/manager-response/describe", test_describe);
  return g_test_run ();
}
