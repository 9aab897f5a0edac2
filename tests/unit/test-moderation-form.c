// SPDX-License-Identifier: GPL-3.0-or-later
// The moderation form's further actions (R-H3): rows merged one by one and checked as an
// audit's actions are.

#include "config.h"

#include <string.h>

#include "core/ca-audit-draft-merge.h"
#include "core/ca-moderation-form.h"

static CaModerationForm *
make_form (void)
{
  CaModerationForm *form = ca_moderation_form_new ();

  ca_moderation_form_set_grade (form, "assessment", CA_GRADE_GOOD);
  form->overall_grade = CA_GRADE_GOOD;
  form->difference = CA_DIFFERENCE_YES;
  ca_moderation_form_add_action (form, "k1", "Review the plan", 7, "2026-12-14",
                                 "Her plan says what will change");
  return form;
}

static GPtrArray *
make_sections (void)
{
  GPtrArray *sections = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_moderated_section_free);

  g_ptr_array_add (sections, ca_moderated_section_new ("assessment", "Assessment", CA_GRADE_GOOD,
                                                       NULL));
  return sections;
}

/* One row reads back exactly, whatever it holds, and its key goes with the path. */
static void
test_action_round_trip (void)
{
  g_autoptr(CaModerationForm) form = make_form ();
  g_autoptr(CaModerationForm) other = ca_moderation_form_new ();
  g_autoptr(CaDraftAction) odd = ca_draft_action_new ("Quotes \" ' and\nnew lines (1) [2]", 0,
                                                      NULL, "£ é ’");
  g_autoptr(CaDraftAction) back = NULL;
  g_autofree char *text = ca_draft_action_print (odd);
  g_autofree char *value = NULL;
  const CaDraftAction *row;

  back = ca_draft_action_parse (text);
  g_assert_nonnull (back);
  g_assert_cmpstr (back->description, ==, odd->description);
  g_assert_cmpint (back->owner_id, ==, 0);
  g_assert_null (back->due_date);
  g_assert_cmpstr (back->impact, ==, odd->impact);
  g_assert_null (ca_draft_action_parse ("not an action"));

  value = ca_moderation_form_dup_field (form, "actions.k1");
  g_assert_nonnull (value);
  g_assert_true (ca_moderation_form_set_field (other, "actions.k1", value));
  g_assert_cmpuint (other->actions->len, ==, 1);
  row = g_ptr_array_index (other->actions, 0);
  g_assert_cmpstr (row->key, ==, "k1");
  g_assert_cmpstr (row->description, ==, "Review the plan");
  g_assert_cmpint (row->owner_id, ==, 7);
  g_assert_cmpstr (row->due_date, ==, "2026-12-14");
  g_assert_cmpstr (row->impact, ==, "Her plan says what will change");

  g_assert_false (ca_moderation_form_set_field (other, "actions.k1", "(nonsense"));
  g_assert_cmpuint (other->actions->len, ==, 1);
  g_assert_null (ca_moderation_form_dup_field (other, "actions.k2"));
  g_assert_true (ca_moderation_form_set_field (other, "actions.k1", NULL));
  g_assert_cmpuint (other->actions->len, ==, 0);
}

/* The diff names each row that differs, by its key; a copy is the same. */
static void
test_action_diff (void)
{
  g_autoptr(CaModerationForm) form = make_form ();
  g_autoptr(CaModerationForm) copy = ca_moderation_form_copy (form);
  g_auto(GStrv) none = ca_moderation_form_diff (form, copy);
  g_auto(GStrv) some = NULL;
  CaDraftAction *row;

  g_assert_cmpuint (g_strv_length (none), ==, 0);
  row = g_ptr_array_index (copy->actions, 0);
  g_free (row->impact);
  row->impact = g_strdup ("Something else");
  ca_moderation_form_add_action (copy, "k2", "Another", 0, NULL, NULL);
  some = ca_moderation_form_diff (form, copy);
  g_assert_cmpuint (g_strv_length (some), ==, 2);
  g_assert_cmpstr (some[0], ==, "actions.k1");
  g_assert_cmpstr (some[1], ==, "actions.k2");
}

/* Two copies each adding an action keep both, the stored rows first; one copy's removal and
 * the other's change of another row both land; a row both changed differently is one
 * conflict, with the stored version kept. */
static void
test_action_merge (void)
{
  g_autoptr(CaModerationForm) base = make_form ();
  g_autoptr(CaModerationForm) mine = NULL;
  g_autoptr(CaModerationForm) theirs = NULL;
  g_autoptr(CaModerationForm) merged = NULL;
  g_auto(GStrv) conflicts = NULL;
  CaDraftAction *row;

  ca_moderation_form_add_action (base, "k0", "Gone soon", 0, NULL, NULL);
  mine = ca_moderation_form_copy (base);
  theirs = ca_moderation_form_copy (base);

  ca_moderation_form_add_action (mine, "mine", "Mine", 1, "2026-12-01", "A");
  ca_moderation_form_add_action (theirs, "theirs", "Theirs", 2, "2026-12-02", "B");
  g_ptr_array_remove_index (mine->actions, ca_moderation_form_find_action (mine, "k0"));
  row = g_ptr_array_index (theirs->actions, ca_moderation_form_find_action (theirs, "k1"));
  g_free (row->description);
  row->description = g_strdup ("Review the plan with her mother");

  merged = ca_moderation_form_merge (base, mine, theirs, &conflicts);
  g_assert_cmpuint (g_strv_length (conflicts), ==, 0);
  g_assert_cmpuint (merged->actions->len, ==, 3);
  g_assert_cmpstr (((CaDraftAction *) merged->actions->pdata[0])->key, ==, "k1");
  g_assert_cmpstr (((CaDraftAction *) merged->actions->pdata[0])->description, ==,
                   "Review the plan with her mother");
  g_assert_cmpstr (((CaDraftAction *) merged->actions->pdata[1])->key, ==, "theirs");
  g_assert_cmpstr (((CaDraftAction *) merged->actions->pdata[2])->key, ==, "mine");
  g_assert_cmpint (ca_moderation_form_find_action (merged, "k0"), ==, -1);
  g_clear_pointer (&merged, ca_moderation_form_free);
  g_clear_pointer (&conflicts, g_strfreev);

  /* Both change the same row, differently. */
  row = g_ptr_array_index (mine->actions, ca_moderation_form_find_action (mine, "k1"));
  g_free (row->description);
  row->description = g_strdup ("Review the plan with her father");
  merged = ca_moderation_form_merge (base, mine, theirs, &conflicts);
  g_assert_cmpuint (g_strv_length (conflicts), ==, 1);
  g_assert_cmpstr (conflicts[0], ==, "actions.k1");
  g_assert_cmpstr (((CaDraftAction *) merged->actions->pdata[0])->description, ==,
                   "Review the plan with her mother");
}

static gboolean
has_problem (GPtrArray  *problems,
             const char *where,
             const char *words)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const CaRuleProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (problem->where, where) && strstr (problem->message, words) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Each further action is held to an audit action's rules, the message naming its row. */
static void
test_action_check (void)
{
  g_autoptr(CaModerationForm) form = make_form ();
  g_autoptr(GPtrArray) sections = make_sections ();
  g_autoptr(GPtrArray) problems = ca_moderation_form_check (form, sections, CA_GRADE_GOOD);

  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  ca_moderation_form_add_action (form, "k2", NULL, 0, "2026-02-30", NULL);
  problems = ca_moderation_form_check (form, sections, CA_GRADE_GOOD);
  g_assert_cmpuint (problems->len, ==, 4);
  g_assert_true (has_problem (problems, "actions[1].description", "Action 2"));
  g_assert_true (has_problem (problems, "actions[1].owner", "Action 2"));
  g_assert_true (has_problem (problems, "actions[1].due_date", "not a real date"));
  g_assert_true (has_problem (problems, "actions[1].impact", "Action 2"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Due before the audit is no matter here: it is set at the discussion. */
  g_ptr_array_remove_index (form->actions, 1);
  ca_moderation_form_add_action (form, "k3", "Visit", 7, "2001-01-01", "Seen");
  problems = ca_moderation_form_check (form, sections, CA_GRADE_GOOD);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* Keys made for new rows differ. */
static void
test_action_keys (void)
{
  g_autofree char *a = ca_moderation_form_new_action_key ();
  g_autofree char *b = ca_moderation_form_new_action_key ();

  g_assert_cmpstr (a, !=, b);
  g_assert_null (strchr (a, '.'));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/moderation-form/action-round-trip", test_action_round_trip);
  g_test_add_func ("/moderation-form/action-diff", test_action_diff);
  g_test_add_func ("/moderation-form/action-merge", test_action_merge);
  g_test_add_func ("/moderation-form/action-check", test_action_check);
  g_test_add_func ("/moderation-form/action-keys", test_action_keys);
  return g_test_run ();
}
