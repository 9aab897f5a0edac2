// SPDX-License-Identifier: GPL-3.0-or-later
// A draft field by field and the three-way merge of two copies' changes (R-N2).

#include "config.h"

#include "core/ca-audit-draft-merge.h"
#include "core/ca-merge.h"

/* A draft with something in every kind of field. */
static CaAuditDraft *
make_draft (void)
{
  CaAuditDraft *draft = ca_audit_draft_new ();
  guint index;

  ca_audit_draft_set_audit_date (draft, "2026-11-30");
  ca_audit_draft_set_period (draft, "2026-05-30", "2026-11-30");
  ca_audit_draft_set_joint_practitioner (draft, 42);
  ca_audit_draft_set_pen_picture (draft, "A girl of 9.");
  ca_audit_draft_set_answer (draft, "assessment.child-seen", "yes", NULL);
  ca_audit_draft_set_answer (draft, "assessment.seen-alone", "na", "She is 2 years old.");
  ca_audit_draft_set_section_grade (draft, "assessment", CA_GRADE_GOOD);
  ca_audit_draft_set_section_comments (draft, "assessment", "Thorough.");
  ca_audit_draft_set_overall_grade (draft, CA_GRADE_REQUIRES_IMPROVEMENT);
  ca_audit_draft_set_category (draft, 3);
  ca_audit_draft_set_done_well (draft, "Her views are in her own words.");
  index = ca_audit_draft_add_action (draft, "Visit", 7, "2026-12-14", "She is safe");
  ca_audit_draft_set_action_safeguarding (draft, index, TRUE);
  ca_audit_draft_set_feedback (draft, "telephone", "2026-11-29", "Happy");
  return draft;
}

/* Every field reads back exactly what was written, whatever the text holds. */
static void
test_round_trip (void)
{
  g_autoptr(CaAuditDraft) draft = make_draft ();
  g_autoptr(CaAuditDraft) empty = ca_audit_draft_new ();
  g_auto(GStrv) fields = NULL;
  const char *odd = "Quotes \" ' and\nnew lines, \x1f separators, £ é ’ and (parens) [1]";

  ca_audit_draft_set_comments (draft, odd);
  ca_audit_draft_set_answer (draft, "review.odd", odd, odd);
  ca_audit_draft_add_action (draft, odd, 0, NULL, odd);

  fields = ca_audit_draft_diff (draft, empty);
  g_assert_cmpuint (g_strv_length (fields), ==, 18);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *value = ca_audit_draft_dup_field (draft, fields[i]);
      g_autofree char *again = NULL;

      g_assert_nonnull (value);
      g_assert_true (ca_audit_draft_set_field (empty, fields[i], value));
      again = ca_audit_draft_dup_field (empty, fields[i]);
      g_assert_cmpstr (again, ==, value);
    }
  g_clear_pointer (&fields, g_strfreev);
  fields = ca_audit_draft_diff (draft, empty);
  g_assert_cmpuint (g_strv_length (fields), ==, 0);
  g_assert_cmpstr (ca_audit_draft_get_answer (empty, "review.odd")->reason, ==, odd);
  g_assert_cmpuint (ca_audit_draft_get_n_actions (empty), ==, 2);
  g_assert_true (ca_audit_draft_get_action (empty, 0)->safeguarding);
  g_assert_cmpint (ca_audit_draft_get_action (empty, 0)->owner_id, ==, 7);

  /* Unknown paths and impossible values change nothing. */
  g_assert_false (ca_audit_draft_set_field (empty, "nonsense", "x"));
  g_assert_false (ca_audit_draft_set_field (empty, "overall_grade", "brilliant"));
  g_assert_false (ca_audit_draft_set_field (empty, "category", "7"));
  g_assert_false (ca_audit_draft_set_field (empty, "actions", "not a table"));
  g_assert_false (ca_audit_draft_set_field (empty, "sections.x.colour", "red"));
  g_assert_cmpint (empty->overall_grade, ==, CA_GRADE_REQUIRES_IMPROVEMENT);
  g_assert_cmpuint (ca_audit_draft_get_n_actions (empty), ==, 2);

  /* Clearing. */
  g_assert_true (ca_audit_draft_set_field (empty, "actions", NULL));
  g_assert_cmpuint (ca_audit_draft_get_n_actions (empty), ==, 0);
  g_assert_true (ca_audit_draft_set_field (empty, "questions.review.odd", NULL));
  g_assert_null (ca_audit_draft_get_answer (empty, "review.odd"));
}

/* A box typed into and cleared is no change. */
static void
test_empty_is_none (void)
{
  g_autoptr(CaAuditDraft) a = ca_audit_draft_new ();
  g_autoptr(CaAuditDraft) b = ca_audit_draft_new ();
  g_auto(GStrv) differ = NULL;

  ca_audit_draft_set_pen_picture (b, "");
  ca_audit_draft_set_section_comments (b, "planning", "");
  ca_audit_draft_set_answer (b, "planning.plan", "", "");
  differ = ca_audit_draft_diff (a, b);
  g_assert_cmpuint (g_strv_length (differ), ==, 0);
}

/* Two copies change different fields: both changes are kept, nothing conflicts. */
static void
test_merge_different_fields (void)
{
  g_autoptr(CaAuditDraft) base = make_draft ();
  g_autoptr(CaAuditDraft) mine = make_draft ();
  g_autoptr(CaAuditDraft) theirs = make_draft ();
  g_autoptr(CaAuditDraft) merged = NULL;
  g_auto(GStrv) conflicts = NULL;

  ca_audit_draft_set_pen_picture (mine, "A girl of 9, typed in window A.");
  ca_audit_draft_set_answer (mine, "assessment.child-seen", "no", NULL);
  ca_audit_draft_set_done_well (theirs, "Typed in window B.");
  ca_audit_draft_set_section_grade (theirs, "assessment", CA_GRADE_OUTSTANDING);
  ca_audit_draft_add_action (theirs, "Review the plan", 0, NULL, NULL);

  merged = ca_audit_draft_merge (base, mine, theirs, &conflicts);
  g_assert_cmpuint (g_strv_length (conflicts), ==, 0);
  g_assert_cmpstr (merged->pen_picture, ==, "A girl of 9, typed in window A.");
  g_assert_cmpstr (ca_audit_draft_get_answer (merged, "assessment.child-seen")->value, ==, "no");
  g_assert_cmpstr (merged->done_well, ==, "Typed in window B.");
  g_assert_cmpint (ca_audit_draft_get_section_grade (merged, "assessment"), ==,
                   CA_GRADE_OUTSTANDING);
  g_assert_cmpuint (ca_audit_draft_get_n_actions (merged), ==, 2);
}

/* Both change one field the same way: no conflict. Differently: a conflict, and the
 * stored text stays in the result (the caller sets this copy's aside). */
static void
test_merge_conflict (void)
{
  g_autoptr(CaAuditDraft) base = make_draft ();
  g_autoptr(CaAuditDraft) mine = make_draft ();
  g_autoptr(CaAuditDraft) theirs = make_draft ();
  g_autoptr(CaAuditDraft) merged = NULL;
  g_auto(GStrv) conflicts = NULL;

  ca_audit_draft_set_comments (mine, "Same in both.");
  ca_audit_draft_set_comments (theirs, "Same in both.");
  ca_audit_draft_set_pen_picture (mine, "Typed in A.");
  ca_audit_draft_set_pen_picture (theirs, "Typed in B.");
  ca_audit_draft_add_action (mine, "A's action", 0, NULL, NULL);
  ca_audit_draft_remove_action (theirs, 0);
  ca_audit_draft_set_overall_grade (mine, CA_GRADE_INADEQUATE);

  merged = ca_audit_draft_merge (base, mine, theirs, &conflicts);
  g_assert_cmpuint (g_strv_length (conflicts), ==, 2);
  g_assert_cmpstr (conflicts[0], ==, "pen_picture");
  g_assert_cmpstr (conflicts[1], ==, "actions");
  g_assert_cmpstr (merged->pen_picture, ==, "Typed in B.");
  g_assert_cmpuint (ca_audit_draft_get_n_actions (merged), ==, 0);
  g_assert_cmpstr (merged->comments, ==, "Same in both.");
  g_assert_cmpint (merged->overall_grade, ==, CA_GRADE_INADEQUATE);
}

/* After a save: a conflict and a field typed in since keep the base; a change sent is the
 * copy's own; otherwise the change is another copy's, taken in. */
static void
test_after_save (void)
{
  for (int changed = 0; changed <= 1; changed++)
    for (int typed = 0; typed <= 1; typed++)
      g_assert_cmpint (ca_merge_after_save (TRUE, changed, typed), ==,
                       CA_MERGE_AFTER_SAVE_KEEP_BASE);
  g_assert_cmpint (ca_merge_after_save (FALSE, TRUE, FALSE), ==, CA_MERGE_AFTER_SAVE_OWN);
  g_assert_cmpint (ca_merge_after_save (FALSE, TRUE, TRUE), ==, CA_MERGE_AFTER_SAVE_OWN);
  g_assert_cmpint (ca_merge_after_save (FALSE, FALSE, FALSE), ==, CA_MERGE_AFTER_SAVE_TAKE_IN);
  g_assert_cmpint (ca_merge_after_save (FALSE, FALSE, TRUE), ==, CA_MERGE_AFTER_SAVE_KEEP_BASE);
}

/* A section's path names its section only with a non-empty id between the prefix and the
 * suffix; an empty text is no value. Both forms read their section paths this way. */
static void
test_path_part (void)
{
  g_autofree char *id = ca_merge_path_part ("sections.s1.grade", "sections.", ".grade");
  g_autofree char *dotted = ca_merge_path_part ("sections.a.b.why", "sections.", ".why");
  g_autofree char *copy = ca_merge_dup_value ("Typed");

  g_assert_cmpstr (id, ==, "s1");
  g_assert_cmpstr (dotted, ==, "a.b");
  g_assert_null (ca_merge_path_part ("sections..grade", "sections.", ".grade"));
  g_assert_null (ca_merge_path_part ("sections.grade", "sections.", ".grade"));
  g_assert_null (ca_merge_path_part ("sections.s1.why", "sections.", ".grade"));
  g_assert_null (ca_merge_path_part ("questions.s1.grade", "sections.", ".grade"));
  g_assert_cmpstr (copy, ==, "Typed");
  g_assert_null (ca_merge_dup_value (""));
  g_assert_null (ca_merge_dup_value (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/audit-draft-merge/round-trip", test_round_trip);
  g_test_add_func ("/audit-draft-merge/empty-is-none", test_empty_is_none);
  g_test_add_func ("/audit-draft-merge/different-fields", test_merge_different_fields);
  g_test_add_func ("/audit-draft-merge/conflict", test_merge_conflict);
  g_test_add_func ("/audit-draft-merge/after-save", test_after_save);
  g_test_add_func ("/audit-draft-merge/path-part", test_path_part);

  return g_test_run ();
}
