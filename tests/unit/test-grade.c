// SPDX-License-Identifier: GPL-3.0-or-later
// Grades, categories and statuses: codes round-trip, order sorts best first, labels exist.

#include "config.h"

#include <string.h>

#include "core/ca-grade.h"

static void
test_grade_codes (void)
{
  for (CaGrade grade = CA_GRADE_OUTSTANDING; grade <= CA_GRADE_INADEQUATE; grade++)
    {
      const char *code = ca_grade_to_string (grade);

      g_assert_nonnull (code);
      g_assert_cmpint (ca_grade_from_string (code), ==, grade);
      g_assert_nonnull (ca_grade_get_label (grade));
      g_assert_true (g_str_has_prefix (ca_grade_get_style_class (grade), "grade-"));
    }

  g_assert_null (ca_grade_to_string (CA_GRADE_NONE));
  g_assert_cmpint (ca_grade_from_string (NULL), ==, CA_GRADE_NONE);
  g_assert_cmpint (ca_grade_from_string ("excellent"), ==, CA_GRADE_NONE);
  g_assert_cmpint (ca_grade_from_string ("Good"), ==, CA_GRADE_NONE);
  g_assert_cmpstr (ca_grade_get_label (CA_GRADE_REQUIRES_IMPROVEMENT), ==,
                   "Requires Improvement");
}

/* A grade as a form's field: no grade is no value, an empty text is no grade, and a text
 * that is no grade's code is refused with the grade left as it was. */
static void
test_grade_field_value (void)
{
  g_autofree char *good = ca_grade_dup_value (CA_GRADE_GOOD);
  CaGrade grade = CA_GRADE_GOOD;

  g_assert_cmpstr (good, ==, "good");
  g_assert_null (ca_grade_dup_value (CA_GRADE_NONE));

  g_assert_true (ca_grade_parse_value ("inadequate", &grade));
  g_assert_cmpint (grade, ==, CA_GRADE_INADEQUATE);
  g_assert_false (ca_grade_parse_value ("Good", &grade));
  g_assert_cmpint (grade, ==, CA_GRADE_INADEQUATE);
  g_assert_true (ca_grade_parse_value ("", &grade));
  g_assert_cmpint (grade, ==, CA_GRADE_NONE);
  grade = CA_GRADE_GOOD;
  g_assert_true (ca_grade_parse_value (NULL, &grade));
  g_assert_cmpint (grade, ==, CA_GRADE_NONE);
}

static void
test_grade_order (void)
{
  /* Sorting by value puts the best grades first and Inadequate last. */
  g_assert_cmpint (CA_GRADE_OUTSTANDING, <, CA_GRADE_GOOD);
  g_assert_cmpint (CA_GRADE_GOOD, <, CA_GRADE_REQUIRES_IMPROVEMENT);
  g_assert_cmpint (CA_GRADE_REQUIRES_IMPROVEMENT, <, CA_GRADE_INADEQUATE);
}

static void
test_status_codes (void)
{
  for (CaAuditStatus status = CA_AUDIT_STATUS_ALLOCATED; status <= CA_AUDIT_STATUS_CLOSED; status++)
    {
      CaAuditStatus parsed = -1;

      g_assert_true (ca_audit_status_from_string (ca_audit_status_to_string (status), &parsed));
      g_assert_cmpint (parsed, ==, status);
      g_assert_nonnull (ca_audit_status_get_label (status));
    }

  {
    CaAuditStatus parsed = CA_AUDIT_STATUS_SUBMITTED;

    g_assert_false (ca_audit_status_from_string ("done", &parsed));
    g_assert_false (ca_audit_status_from_string (NULL, &parsed));
    g_assert_cmpint (parsed, ==, CA_AUDIT_STATUS_SUBMITTED);
  }
}

static void
test_categories (void)
{
  g_assert_cmpstr (ca_category_get_label (1), ==, "Category 1");
  g_assert_cmpstr (ca_category_get_label (4), ==, "Category 4");
  g_assert_cmpstr (ca_category_get_label (0), ==, "No category");
  g_assert_cmpstr (ca_category_get_label (9), ==, "No category");
  g_assert_nonnull (strstr (ca_category_get_description (1), "24 hours"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grade/codes", test_grade_codes);
  g_test_add_func ("/grade/field-value", test_grade_field_value);
  g_test_add_func ("/grade/order", test_grade_order);
  g_test_add_func ("/grade/status", test_status_codes);
  g_test_add_func ("/grade/categories", test_categories);

  return g_test_run ();
}
