// SPDX-License-Identifier: GPL-3.0-or-later
// ca_text_check(): text that may be kept is UTF-8 and fits its field; a refusal says where.

#include "config.h"

#include <gio/gio.h>

#include "ca-text.h"

static void
test_accepted (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *at_limit = NULL;
  GString *text = g_string_new (NULL);

  g_assert_true (ca_text_check (NULL, 10, "The note", &error));
  g_assert_true (ca_text_check ("", 0, "The note", &error));
  g_assert_true (ca_text_check ("Café £5 ’quoted’ 😀", 18, "The title", &error));
  /* Characters are counted, not bytes: 200 two-byte characters fit a 200-character field. */
  for (guint i = 0; i < CA_TEXT_MAX_NAME; i++)
    g_string_append (text, "é");
  at_limit = g_string_free (text, FALSE);
  g_assert_true (ca_text_check (at_limit, CA_TEXT_MAX_NAME, "The title", &error));
  g_assert_no_error (error);
}

static void
test_refusals (void)
{
  static const struct { const char *text; gsize max; int code; const char *message; } cases[] = {
    { "Bad \xff title", 200, CA_TEXT_ERROR_INVALID_UTF8,
      "The title is not valid UTF-8 text: it cannot be read after “Bad ”. Type it again, or "
      "save the file as UTF-8." },
    { "\xff", 200, CA_TEXT_ERROR_INVALID_UTF8,
      "The title is not valid UTF-8 text: it cannot be read from its first character. Type it "
      "again, or save the file as UTF-8." },
    /* A lone surrogate encoded as bytes (CESU-8): not UTF-8. */
    { "Day \xed\xa0\x80", 200, CA_TEXT_ERROR_INVALID_UTF8,
      "The title is not valid UTF-8 text: it cannot be read after “Day ”. Type it again, or "
      "save the file as UTF-8." },
    /* Only the last words before the bad byte, twenty characters at most, are quoted. */
    { "The Local Authority Designated Officer\xc3", 200, CA_TEXT_ERROR_INVALID_UTF8,
      "The title is not valid UTF-8 text: it cannot be read after “Designated Officer”. Type "
      "it again, or save the file as UTF-8." },
    { "abcdef", 5, CA_TEXT_ERROR_TOO_LONG,
      "The title is too long: it has 6 characters, and at most 5 are allowed." },
    { "ééé", 2, CA_TEXT_ERROR_TOO_LONG,
      "The title is too long: it has 3 characters, and at most 2 are allowed." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      g_assert_false (ca_text_check (cases[i].text, cases[i].max, "The title", &error));
      g_assert_error (error, CA_TEXT_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* The same check, refused in the caller's own error domain. */
static void
test_full (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ca_text_check_full ("Panel", 200, "The title", G_IO_ERROR,
                                     G_IO_ERROR_INVALID_DATA, &error));
  g_assert_false (ca_text_check_full ("Panel", 2, "The title", G_IO_ERROR,
                                      G_IO_ERROR_INVALID_DATA, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==,
                   "The title is too long: it has 5 characters, and at most 2 are allowed.");
}

/* An enumeration read back from its code: a NULL code is the value with none (“not graded”),
 * and anything else unknown is -1, however near it looks. */
static void
test_find_code (void)
{
  static const char * const codes[] = { NULL, "good", "inadequate" };

  g_assert_cmpint (ca_text_find_code (codes, G_N_ELEMENTS (codes), "good"), ==, 1);
  g_assert_cmpint (ca_text_find_code (codes, G_N_ELEMENTS (codes), "inadequate"), ==, 2);
  g_assert_cmpint (ca_text_find_code (codes, G_N_ELEMENTS (codes), NULL), ==, 0);
  g_assert_cmpint (ca_text_find_code (codes, G_N_ELEMENTS (codes), "Good"), ==, -1);
  g_assert_cmpint (ca_text_find_code (codes, G_N_ELEMENTS (codes), ""), ==, -1);
  g_assert_cmpint (ca_text_find_code (codes + 1, 2, NULL), ==, -1);
  g_assert_cmpint (ca_text_find_code (codes, 2, "inadequate"), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/accepted", test_accepted);
  g_test_add_func ("/text/refusals", test_refusals);
  g_test_add_func ("/text/full", test_full);
  g_test_add_func ("/text/find-code", test_find_code);

  return g_test_run ();
}
