// SPDX-License-Identifier: GPL-3.0-or-later
// Reading imported values: dates, months, flags, codes; line-management cycles.

#include "config.h"

#include "core/ca-import-rules.h"

static void
test_dates (void)
{
  static const struct { const char *text; const char *want; } cases[] = {
    { "2021-03-04", "2021-03-04" },
    { " 2020-02-29 ", "2020-02-29" },
    { "04/03/2021", "2021-03-04" },      /* day first */
    { "4/3/2021", "2021-03-04" },
    { "29/02/2020", "2020-02-29" },
    { "2021-02-30", NULL },
    { "30/02/2021", NULL },
    { "2021-02-29", NULL },
    { "2021-13-01", NULL },
    { "31/04/2021", NULL },
    { "2021-4-01", NULL },
    { "03/04/21", NULL },
    { "2021/03/04", NULL },
    { "", NULL },
    { "yesterday", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = ca_import_parse_date (cases[i].text);
      g_assert_cmpstr (got, ==, cases[i].want);
    }
}

static void
test_months (void)
{
  static const struct { const char *text; const char *want; } cases[] = {
    { "2015-03", "2015-03" },
    { "2015-03-17", "2015-03" },         /* only the month is kept */
    { "17/03/2015", "2015-03" },
    { "2015-13", NULL },
    { "2015-02-30", NULL },
    { "March 2015", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = ca_import_parse_month (cases[i].text);
      g_assert_cmpstr (got, ==, cases[i].want);
    }
}

static void
test_flags (void)
{
  static const char * const yes[] = { "1", "yes", "Yes", "Y", "true", "TRUE", "a) Yes" };
  static const char * const no[] = { "0", "no", "N", "false", "", "b) No" };
  gboolean value;

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      value = FALSE;
      g_assert_true (ca_import_parse_flag (yes[i], &value));
      g_assert_true (value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    {
      value = TRUE;
      g_assert_true (ca_import_parse_flag (no[i], &value));
      g_assert_false (value);
    }
  g_assert_false (ca_import_parse_flag ("maybe", &value));
  g_assert_false (ca_import_parse_flag ("2", &value));
}

static void
test_codes (void)
{
  const char *grade = NULL;

  g_assert_cmpstr (ca_import_normalise_ethnicity ("WBRI"), ==, "WBRI");
  g_assert_cmpstr (ca_import_normalise_ethnicity ("a) WBRI"), ==, "WBRI");
  g_assert_cmpstr (ca_import_normalise_ethnicity ("wbri"), ==, "WBRI");
  g_assert_cmpstr (ca_import_normalise_ethnicity ("White British"), ==, "WBRI");
  g_assert_cmpstr (ca_import_normalise_ethnicity ("c) Gypsy/Roma"), ==, "WROM");
  g_assert_null (ca_import_normalise_ethnicity ("XXXX"));
  g_assert_null (ca_import_normalise_ethnicity (""));

  g_assert_cmpstr (ca_import_normalise_legal_status ("child-in-need"), ==, "child-in-need");
  g_assert_cmpstr (ca_import_normalise_legal_status ("Child in Need"), ==, "child-in-need");
  g_assert_cmpstr (ca_import_normalise_legal_status ("looked after"), ==, "looked-after");
  g_assert_cmpstr (ca_import_normalise_legal_status ("a) Looked after child"), ==, "looked-after");
  g_assert_cmpstr (ca_import_normalise_legal_status ("b) Child Protection plan"), ==,
                   "child-protection");
  g_assert_cmpstr (ca_import_normalise_legal_status ("c) Child in need plan"), ==,
                   "child-in-need");
  g_assert_cmpstr (ca_import_normalise_legal_status ("SEND"), ==, "send");
  g_assert_null (ca_import_normalise_legal_status ("adopted"));

  g_assert_cmpstr (ca_import_normalise_gender ("1"), ==, "male");
  g_assert_cmpstr (ca_import_normalise_gender ("2"), ==, "female");
  g_assert_cmpstr (ca_import_normalise_gender ("F"), ==, "female");
  g_assert_cmpstr (ca_import_normalise_gender ("a) Male"), ==, "male");
  g_assert_cmpstr (ca_import_normalise_gender ("Unknown"), ==, "unknown");
  g_assert_null (ca_import_normalise_gender ("3"));

  g_assert_true (ca_import_normalise_grade ("Requires Improvement", &grade));
  g_assert_cmpstr (grade, ==, "requires-improvement");
  g_assert_true (ca_import_normalise_grade ("requires-improvement", &grade));
  g_assert_cmpstr (grade, ==, "requires-improvement");
  g_assert_true (ca_import_normalise_grade ("GOOD", &grade));
  g_assert_cmpstr (grade, ==, "good");
  g_assert_true (ca_import_normalise_grade ("", &grade));
  g_assert_null (grade);
  g_assert_false (ca_import_normalise_grade ("great", &grade));

  g_assert_cmpstr (ca_import_strip_prefix ("a) WBRI"), ==, "WBRI");
  g_assert_cmpstr (ca_import_strip_prefix ("WBRI"), ==, "WBRI");
  g_assert_cmpstr (ca_import_strip_prefix ("ab) x"), ==, "ab) x");
}

static GHashTable *
parents_of (const char * const *pairs)
{
  GHashTable *parents = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; pairs[i] != NULL; i += 2)
    g_hash_table_insert (parents, (gpointer) pairs[i], (gpointer) pairs[i + 1]);
  return parents;
}

/* A chain of five managers is fine however it is entered. */
static void
test_chain_of_five (void)
{
  static const char * const pairs[] = {
    "SW", "TM", "TM", "SM", "SM", "HOS", "HOS", "AD", "AD", "SD", NULL,
  };
  g_autoptr(GHashTable) parents = parents_of (pairs);
  static const char * const everyone[] = { "SW", "TM", "SM", "HOS", "AD", "SD", "nobody" };

  for (guint i = 0; i < G_N_ELEMENTS (everyone); i++)
    {
      g_auto(GStrv) cycle = ca_import_find_cycle (parents, everyone[i]);
      g_assert_null (cycle);
    }
}

static void
test_cycle (void)
{
  /* SD's manager is SW: the chain of five goes round. */
  static const char * const pairs[] = {
    "SW", "TM", "TM", "SM", "SM", "HOS", "HOS", "AD", "AD", "SD", "SD", "SW",
    "X", "SW", NULL,
  };
  g_autoptr(GHashTable) parents = parents_of (pairs);
  g_auto(GStrv) from_sw = ca_import_find_cycle (parents, "SW");
  g_auto(GStrv) from_x = ca_import_find_cycle (parents, "X");
  g_autofree char *joined = NULL;

  g_assert_nonnull (from_sw);
  joined = g_strjoinv (" ", from_sw);
  g_assert_cmpstr (joined, ==, "SW TM SM HOS AD SD SW");

  /* X leads into the circle without being in it. */
  g_assert_nonnull (from_x);
  g_assert_cmpstr (from_x[0], ==, "SW");
}

static void
test_self_cycle (void)
{
  static const char * const pairs[] = { "A", "A", NULL };
  g_autoptr(GHashTable) parents = parents_of (pairs);
  g_auto(GStrv) cycle = ca_import_find_cycle (parents, "A");

  g_assert_nonnull (cycle);
  g_assert_cmpuint (g_strv_length (cycle), ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import-rules/dates", test_dates);
  g_test_add_func ("/import-rules/months", test_months);
  g_test_add_func ("/import-rules/flags", test_flags);
  g_test_add_func ("/import-rules/codes", test_codes);
  g_test_add_func ("/import-rules/chain-of-five", test_chain_of_five);
  g_test_add_func ("/import-rules/cycle", test_cycle);
  g_test_add_func ("/import-rules/self-cycle", test_self_cycle);
  return g_test_run ();
}
