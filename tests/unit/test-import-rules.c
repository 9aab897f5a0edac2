// SPDX-License-Identifier: GPL-3.0-or-later
// Reading imported values: encodings, dates, months, flags, codes, job titles, value
// mappings; line-management cycles.

#include "config.h"

#include <string.h>

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
    { "2021-4-1", "2021-04-01" },         /* year first cannot be misread */
    { "2021/03/04", "2021-03-04" },
    { "04-03-2021", "2021-03-04" },
    { "04.03.2021", "2021-03-04" },
    { "4 Mar 2021", "2021-03-04" },
    { "04-Mar-2021", "2021-03-04" },
    { "4 March 2021", "2021-03-04" },
    { "4 Sept 2021", "2021-09-04" },
    { "March 4, 2021", "2021-03-04" },
    { "04/03/2021 00:00", "2021-03-04" }, /* Excel's date and time: the day is kept */
    { "04/03/2021 13:45:10", "2021-03-04" },
    { "2021-03-04T09:30:00", "2021-03-04" },
    { "03/04/21", NULL },
    { "04/03-2021", NULL },
    { "2021-03-04 and more", NULL },
    { "4 Marc 2021", NULL },
    { "1899-12-31", NULL },
    { "", NULL },
    { "yesterday", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = ca_import_parse_date (cases[i].text);
      g_assert_cmpstr (got, ==, cases[i].want);
    }
}

/* Why a date is refused: the message says which it is. */
static void
test_date_reasons (void)
{
  static const struct { const char *text; CaImportDateResult want; } cases[] = {
    { "31/02/2021", CA_IMPORT_DATE_IMPOSSIBLE },
    { "2021-13-01", CA_IMPORT_DATE_IMPOSSIBLE },
    { "00/01/2021", CA_IMPORT_DATE_IMPOSSIBLE },
    { "13/13/2021", CA_IMPORT_DATE_IMPOSSIBLE },
    { "04/01/21", CA_IMPORT_DATE_TWO_DIGIT_YEAR },
    { "4 Jan 21", CA_IMPORT_DATE_TWO_DIGIT_YEAR },
    { "04/01/202", CA_IMPORT_DATE_UNKNOWN_FORM },
    { "2021-01", CA_IMPORT_DATE_UNKNOWN_FORM },
    { "January the fourth", CA_IMPORT_DATE_UNKNOWN_FORM },
    { "04/01/2021", CA_IMPORT_DATE_OK },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = NULL;

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (ca_import_read_date (cases[i].text, &date), ==, cases[i].want);
      g_assert_true ((date != NULL) == (cases[i].want == CA_IMPORT_DATE_OK));
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
    { "03/2015", "2015-03" },
    { "3/2015", "2015-03" },
    { "March 2015", "2015-03" },
    { "Mar 2015", "2015-03" },
    { "13/2015", NULL },
    { "Marsh 2015", NULL },
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
  g_assert_true (ca_import_parse_flag ("TrUe", &value));
  g_assert_true (value);
  g_assert_true (ca_import_parse_flag (" n ", &value));
  g_assert_false (value);
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

  /* Case, spacing and punctuation do not matter. */
  g_assert_cmpstr (ca_import_normalise_legal_status ("LOOKED-AFTER  CHILD"), ==, "looked-after");
  g_assert_cmpstr (ca_import_normalise_legal_status ("child_protection"), ==, "child-protection");
  g_assert_cmpstr (ca_import_normalise_legal_status ("C.P."), ==, "child-protection");
  g_assert_cmpstr (ca_import_normalise_ethnicity ("gypsy / roma"), ==, "WROM");
  g_assert_cmpstr (ca_import_match_code ("category", "Category 2"), ==, "2");
  g_assert_cmpstr (ca_import_match_code ("category", "3"), ==, "3");
  g_assert_null (ca_import_match_code ("category", "5"));
  g_assert_cmpstr (ca_import_match_code ("disability", "Y"), ==, "yes");
  g_assert_cmpstr (ca_import_match_code ("restricted", "FALSE"), ==, "no");
  g_assert_null (ca_import_match_code ("role", "team-manager"));
  g_assert_null (ca_import_match_code ("tool", "stage-1"));

  g_assert_cmpstr (ca_import_strip_prefix ("a) WBRI"), ==, "WBRI");
  g_assert_cmpstr (ca_import_strip_prefix ("WBRI"), ==, "WBRI");
  g_assert_cmpstr (ca_import_strip_prefix ("ab) x"), ==, "ab) x");
}

/* Every job title the issue names, and more, to the role of the 0001 schema's role table. */
static void
test_role_aliases (void)
{
  static const struct { const char *title; const char *role; } cases[] = {
    { "Social Worker", "practitioner" },
    { "social worker", "practitioner" },
    { "  SOCIAL   WORKER ", "practitioner" },
    { "Social-Worker", "practitioner" },
    { "Senior Social Worker", "practitioner" },
    { "Newly Qualified / ASYE Social Worker", "practitioner" },
    { "Newly Qualified Social Worker", "practitioner" },
    { "ASYE Social Worker", "practitioner" },
    { "Social Worker (ASYE)", "practitioner" },
    { "NQSW", "practitioner" },
    { "Family Support Worker", "practitioner" },
    { "Personal Adviser", "practitioner" },
    { "Personal Advisor", "practitioner" },
    { "Children’s Practitioner", "practitioner" },
    { "Children's Practitioner", "practitioner" },
    { "Assistant Team Manager", "practice-manager" },
    { "Deputy Team Manager", "practice-manager" },
    { "Assistant / Deputy Team Manager", "practice-manager" },
    { "Practice Supervisor", "practice-manager" },
    { "Principal Social Worker", "lead-professional" },
    { "Group Manager", "group-manager" },
    { "IRO", "iro" },
    { "i.r.o.", "iro" },
    { "Independent Reviewing Officer", "iro" },
    { "Head of Service", "head-of-service" },
    { "Service Manager", "service-manager" },
    { "Team Manager", "team-manager" },
    { "Advanced Practitioner", "advanced-practitioner" },
    { "Director of Children's Services", "strategic-director" },
    { "Assistant Director", "assistant-director" },
    { "Lead Auditor", "lead-auditor" },
    { "Chief Wizard", NULL },
    { "Social", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].title);
      g_assert_cmpstr (ca_import_match_role_alias (cases[i].title), ==, cases[i].role);
    }
}

static void
test_fold (void)
{
  static const struct { const char *text; const char *want; } cases[] = {
    { "Social Worker", "socialworker" },
    { " social  worker ", "socialworker" },
    { "SOCIAL/WORKER", "socialworker" },
    { "a) Looked after", "lookedafter" },
    { "Ren\xc3\xa9" "e", "ren\xc3\xa9" "e" },
    { "\xef\xbc\xa1" "BC", "abc" },       /* a full-width A is an A */
    { "--", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = ca_import_fold_value (cases[i].text);
      g_assert_cmpstr (got, ==, cases[i].want);
    }
}

/* Names (teams, localities, columns) keep their spaces and punctuation; only case and the
 * way an accent is written are set aside. */
static void
test_fold_name (void)
{
  static const struct { const char *a; const char *b; gboolean same; } cases[] = {
    { "North 3", "NORTH 3", TRUE },
    { "Ren\xc3\xa9" "e", "Rene\xcc\x81" "e", TRUE },   /* é composed and decomposed */
    { "Stra\xc3\x9f" "e", "STRASSE", TRUE },
    { "North 3", "North  3", FALSE },
    { "North-3", "North 3", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *a = ca_import_fold_name (cases[i].a);
      g_autofree char *b = ca_import_fold_name (cases[i].b);

      g_assert_cmpint (g_str_equal (a, b), ==, cases[i].same);
    }
  {
    g_autofree char *got = ca_import_fold_name ("Child Unique ID");
    g_assert_cmpstr (got, ==, "child unique id");
  }
}

static void
test_codes_offered (void)
{
  guint n = 0;
  const CaImportCode *codes = ca_import_get_codes ("legal_status", &n);

  g_assert_cmpuint (n, ==, 7);
  g_assert_cmpstr (codes[0].code, ==, "early-help");
  g_assert_cmpstr (ca_import_code_get_label (&codes[1]), ==, "Child in Need");
  codes = ca_import_get_codes ("disability", &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (codes[0].code, ==, "yes");
  codes = ca_import_get_codes ("ethnicity", &n);
  g_assert_cmpuint (n, ==, 20);
  g_assert_null (ca_import_get_codes ("role", &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_null (ca_import_get_codes ("tool", &n));

  for (const char * const *field = ca_import_get_coded_fields (); *field != NULL; field++)
    g_assert_true (ca_import_field_is_coded (*field));
  g_assert_false (ca_import_field_is_coded ("team"));
}

static void
test_value_mappings (void)
{
  static const struct
  {
    const char *text;
    const char *field, *value, *code;
  } good[] = {
    { "role:Chief Wizard=service-manager", "role", "Chief Wizard", "service-manager" },
    { " Role : Chief Wizard = Service Manager ", "role", "Chief Wizard", "Service Manager" },
    { "legal-status:CP plan=child-protection", "legal_status", "CP plan", "child-protection" },
    { "Legal status:x=other", "legal_status", "x", "other" },
    { "tool:Stage 1: the old one=stage-1", "tool", "Stage 1: the old one", "stage-1" },
    { "tool:a=b=stage-1", "tool", "a=b", "stage-1" },
    { "disability:Unknown=no", "disability", "Unknown", "no" },
  };
  static const char * const bad[] = {
    "role=service-manager", "role:Chief Wizard", "role:=service-manager", ":x=y",
    "role:Chief Wizard=", "role:  =x", "Chief Wizard=service-manager:role", "",
  };
  g_autofree char *long_value = NULL;
  g_autofree char *long_mapping = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *field = NULL;
      g_autofree char *value = NULL;
      g_autofree char *code = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", good[i].text);
      g_assert_true (ca_import_parse_value_mapping (good[i].text, &field, &value, &code,
                                                    &error));
      g_assert_no_error (error);
      g_assert_cmpstr (field, ==, good[i].field);
      g_assert_cmpstr (value, ==, good[i].value);
      g_assert_cmpstr (code, ==, good[i].code);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *field = NULL;
      g_autofree char *value = NULL;
      g_autofree char *code = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", bad[i]);
      g_assert_false (ca_import_parse_value_mapping (bad[i], &field, &value, &code, &error));
      g_assert_error (error, CA_IMPORT_RULES_ERROR, CA_IMPORT_RULES_ERROR_BAD_MAPPING);
      g_assert_nonnull (strstr (error->message, "FIELD:VALUE=CODE"));
      g_assert_null (field);
    }

  {
    g_autofree char *field = NULL;
    g_autofree char *value = NULL;
    g_autofree char *code = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_false (ca_import_parse_value_mapping ("colour:Red=blue", &field, &value, &code,
                                                   &error));
    g_assert_error (error, CA_IMPORT_RULES_ERROR, CA_IMPORT_RULES_ERROR_BAD_MAPPING);
    g_assert_nonnull (strstr (error->message, "“colour” is not a field"));
    g_clear_error (&error);

    g_assert_false (ca_import_parse_value_mapping ("role:Bad \xff=team-manager", &field,
                                                   &value, &code, &error));
    g_assert_error (error, CA_IMPORT_RULES_ERROR, CA_IMPORT_RULES_ERROR_BAD_MAPPING);
    g_clear_error (&error);

    long_value = g_strnfill (CA_IMPORT_MAX_VALUE_CHARS + 1, 'x');
    long_mapping = g_strdup_printf ("role:%s=team-manager", long_value);
    g_assert_false (ca_import_parse_value_mapping (long_mapping, &field, &value, &code,
                                                   &error));
    g_assert_error (error, CA_IMPORT_RULES_ERROR, CA_IMPORT_RULES_ERROR_BAD_MAPPING);
  }
}

static char *
decode (const char        *bytes,
        gssize             length,
        CaImportEncoding  *encoding,
        GError           **error)
{
  gsize text_length = 0;
  char *text = ca_import_decode_text ((const guint8 *) bytes,
                                      length < 0 ? strlen (bytes) : (gsize) length,
                                      &text_length, encoding, error);

  if (text != NULL)
    g_assert_cmpuint (text_length, ==, strlen (text));
  return text;
}

static void
test_decode (void)
{
  CaImportEncoding encoding = CA_IMPORT_ENCODING_UTF8;
  g_autoptr(GError) error = NULL;
  g_autofree char *utf8 = NULL;
  g_autofree char *bom = NULL;
  g_autofree char *cp1252 = NULL;
  g_autofree char *high = NULL;
  g_autofree char *empty = NULL;

  /* Valid UTF-8 is UTF-8, with or without a byte order mark. */
  utf8 = decode ("Caf\xc3\xa9,\xc2\xa3", -1, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpint (encoding, ==, CA_IMPORT_ENCODING_UTF8);
  g_assert_cmpstr (utf8, ==, "Café,£");
  bom = decode ("\xef\xbb\xbfteam\n", -1, &encoding, &error);
  g_assert_cmpstr (bom, ==, "team\n");
  g_assert_cmpint (encoding, ==, CA_IMPORT_ENCODING_UTF8);
  empty = decode (NULL, 0, &encoding, &error);
  g_assert_cmpstr (empty, ==, "");

  /* Not UTF-8, but Windows-1252: é, ’, £, € and the rest arrive as typed. */
  cp1252 = decode ("Ren\xe9" "e O\x92" "Brien,\xa3" "5,\x80" "1,\x93" "quoted\x94,\x96", -1, &encoding,
                   &error);
  g_assert_no_error (error);
  g_assert_cmpint (encoding, ==, CA_IMPORT_ENCODING_WINDOWS_1252);
  g_assert_cmpstr (cp1252, ==, "Renée O’Brien,£5,€1,“quoted”,–");
  high = decode ("\x8a\x9f\xff", -1, &encoding, &error);
  g_assert_cmpstr (high, ==, "ŠŸÿ");

  /* The five bytes Windows-1252 leaves undefined: neither, with the line. */
  for (guint i = 0; i < 5; i++)
    {
      static const char undefined[] = { '\x81', '\x8d', '\x8f', '\x90', '\x9d' };
      char text[] = "a,b\nc\xe9,?\n";
      g_autofree char *got = NULL;

      text[7] = undefined[i];
      got = decode (text, -1, &encoding, &error);
      g_assert_null (got);
      g_assert_error (error, CA_IMPORT_RULES_ERROR, CA_IMPORT_RULES_ERROR_NOT_TEXT);
      g_assert_nonnull (strstr (error->message, "Line 2 is neither UTF-8 nor Windows-1252"));
      g_clear_error (&error);
    }

  /* UTF-8 with one bad line is not guessed at. */
  g_assert_null (decode ("a\nCaf\xc3\xa9\nD\xe9\n", -1, &encoding, &error));
  g_assert_error (error, CA_IMPORT_RULES_ERROR, CA_IMPORT_RULES_ERROR_NOT_TEXT);
  g_assert_nonnull (strstr (error->message, "Line 3 is not valid UTF-8"));
  g_clear_error (&error);

  /* Not text at all. */
  g_assert_null (decode ("a,b\nc\0d\n", 8, &encoding, &error));
  g_assert_error (error, CA_IMPORT_RULES_ERROR, CA_IMPORT_RULES_ERROR_NOT_TEXT);
  g_assert_nonnull (strstr (error->message, "Line 2 holds a zero byte"));
  g_clear_error (&error);
  g_assert_null (decode ("\xff\xfet\0e\0a\0m\0", 10, &encoding, &error));
  g_assert_error (error, CA_IMPORT_RULES_ERROR, CA_IMPORT_RULES_ERROR_NOT_TEXT);
  g_assert_nonnull (strstr (error->message, "UTF-16"));
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
  g_test_add_func ("/import-rules/date-reasons", test_date_reasons);
  g_test_add_func ("/import-rules/months", test_months);
  g_test_add_func ("/import-rules/flags", test_flags);
  g_test_add_func ("/import-rules/codes", test_codes);
  g_test_add_func ("/import-rules/role-aliases", test_role_aliases);
  g_test_add_func ("/import-rules/fold", test_fold);
  g_test_add_func ("/import-rules/fold-name", test_fold_name);
  g_test_add_func ("/import-rules/codes-offered", test_codes_offered);
  g_test_add_func ("/import-rules/value-mappings", test_value_mappings);
  g_test_add_func ("/import-rules/decode", test_decode);
  g_test_add_func ("/import-rules/chain-of-five", test_chain_of_five);
  g_test_add_func ("/import-rules/cycle", test_cycle);
  g_test_add_func ("/import-rules/self-cycle", test_self_cycle);
  return g_test_run ();
}
