// SPDX-License-Identifier: GPL-3.0-or-later
// ca_json_scan() and ca_json_load(): what json-glib is never given, and the place each names.

#include "config.h"

#include <string.h>

#include "ca-json-scan.h"

/* Accepted: whatever json-glib may see, right or wrong; the scan only refuses its own. */
static void
test_accepted (void)
{
  static const char * const texts[] = {
    "",
    "{}",
    "{\"title\": \"New Year’s Day\", \"date\": \"2021-01-01\"}",
    /* Escapes that stand for characters, a pair of surrogates among them (U+1F600). */
    "[\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\u2019 \\uD83D\\uDE00 \\ud83d\\ude00\"]",
    /* Brackets and quotes inside strings are text, not nesting. */
    "[\"[[[[{{{{\", \"\\\"]]]]\"]",
    /* Broken JSON is json-glib's to refuse, with its own message. */
    "{\"a\": [1, 2",
    "]]]]}}}}",
    "{\"a\": \"not ended",
    "{\"a\": \"ends in a backslash \\",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u: %s", i, texts[i]);
      g_assert_true (ca_json_scan (texts[i], strlen (texts[i]), CA_JSON_MAX_DEPTH, &error));
      g_assert_no_error (error);
    }
}

static const struct
{
  const char *json;
  int         code;
  const char *message;
} refusals[] = {
  /* A lone surrogate, high or low, is no character: the element, line and column named. */
  { "{\"england-and-wales\": {\"events\": [{}, {}, {},\n"
    "  {\"title\": \"Bad \\ud800 day\", \"date\": \"2030-01-01\"}]}}",
    CA_JSON_ERROR_BAD_ESCAPE,
    "england-and-wales.events[3].title: “\\ud800” is not a valid character escape (line 2, "
    "column 18)" },
  { "{\"events\": [{\"title\": \"\\uDC00\"}]}", CA_JSON_ERROR_BAD_ESCAPE,
    "events[0].title: “\\uDC00” is not a valid character escape (line 1, column 24)" },
  /* A high surrogate followed by anything but a low one. */
  { "{\"name\": \"\\ud800\\u0041\"}", CA_JSON_ERROR_BAD_ESCAPE,
    "name: “\\ud800” is not a valid character escape (line 1, column 11)" },
  { "{\"name\": \"\\ud800\\ud800\"}", CA_JSON_ERROR_BAD_ESCAPE,
    "name: “\\ud800” is not a valid character escape (line 1, column 11)" },
  { "{\"name\": \"\\ud800\"}", CA_JSON_ERROR_BAD_ESCAPE,
    "name: “\\ud800” is not a valid character escape (line 1, column 11)" },
  /* Cut short at the end of the file. */
  { "[\"\\ud800", CA_JSON_ERROR_BAD_ESCAPE,
    "[0]: “\\ud800” is not a valid character escape (line 1, column 3)" },
  { "[\"\\u12", CA_JSON_ERROR_BAD_ESCAPE,
    "[0]: “\\u12” is not a valid character escape (line 1, column 3)" },
  /* Not escapes at all; the character after the backslash is shown whole. */
  { "{\"a\": {\"b\": [1, \"x\", \"\\uZZZZ\"]}}", CA_JSON_ERROR_BAD_ESCAPE,
    "a.b[2]: “\\uZZZZ” is not a valid character escape (line 1, column 23)" },
  { "{\"a\": \"\\q\"}", CA_JSON_ERROR_BAD_ESCAPE,
    "a: “\\q” is not a valid character escape (line 1, column 8)" },
  { "{\"a\": \"\\é\"}", CA_JSON_ERROR_BAD_ESCAPE,
    "a: “\\é” is not a valid character escape (line 1, column 8)" },
  /* A zero character would end the text early in C: refused, not cut short. */
  { "{\"title\": \"Bad\\u0000 day\"}", CA_JSON_ERROR_BAD_ESCAPE,
    "title: “\\u0000” is the zero character, which text in Case Audit cannot hold (line 1, "
    "column 15)" },
  /* At the top, or in a member's name: the place is the object, or the line alone. */
  { "\"\\ud800\"", CA_JSON_ERROR_BAD_ESCAPE,
    "line 1, column 2: “\\ud800” is not a valid character escape" },
  { "{\"a\": 1, \"\\ud800\": 2}", CA_JSON_ERROR_BAD_ESCAPE,
    "line 1, column 11: “\\ud800” is not a valid character escape" },
  { "{\"sections\": [{\"id\": \"a\", \"\\ud800\": 2}]}", CA_JSON_ERROR_BAD_ESCAPE,
    "sections[0]: “\\ud800” is not a valid character escape (line 1, column 28)" },
  /* A very long member name is cut short in the path. */
  { "{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": \"\\ud800\"}",
    CA_JSON_ERROR_BAD_ESCAPE,
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…: “\\ud800” is not a valid character escape "
    "(line 1, column 57)" },
  /* Not UTF-8 text: the place of the first byte that cannot be read. */
  { "\xff\xfe{}", CA_JSON_ERROR_NOT_UTF8,
    "line 1, column 1: not UTF-8 text; save the file as UTF-8" },
  { "{\n \"title\": \"Caf\xe9\"}", CA_JSON_ERROR_NOT_UTF8,
    "line 2, column 15: not UTF-8 text; save the file as UTF-8" },
};

static void
test_refusals (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      g_assert_false (ca_json_scan (refusals[i].json, strlen (refusals[i].json),
                                    CA_JSON_MAX_DEPTH, &error));
      g_assert_error (error, CA_JSON_ERROR, refusals[i].code);
      g_assert_cmpstr (error->message, ==, refusals[i].message);
    }
}

/* The length given is the end: a zero byte inside is refused, and nothing past the end is
 * read (the fuzzers check the second with AddressSanitizer). */
static void
test_zero_byte (void)
{
  static const char text[] = "{\"a\":\n \"b\0\"}";
  g_autoptr(GError) error = NULL;

  g_assert_false (ca_json_scan (text, sizeof text - 1, CA_JSON_MAX_DEPTH, &error));
  g_assert_error (error, CA_JSON_ERROR, CA_JSON_ERROR_NOT_UTF8);
  g_assert_cmpstr (error->message, ==, "line 2, column 4: a zero byte, so this is not a text file");
  g_clear_error (&error);

  /* Only the first four bytes, "{\"a\"", are the text. */
  g_assert_true (ca_json_scan ("{\"a\"\xff", 4, CA_JSON_MAX_DEPTH, &error));
  g_assert_no_error (error);
}

static char *
nested (guint       depth,
        const char *open,
        const char *close)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, open);
  for (guint i = 0; i < depth; i++)
    g_string_append (text, close);
  return g_string_free (text, FALSE);
}

/* At the limit is accepted; one more level is refused at the bracket that goes too deep. */
static void
test_depth (void)
{
  g_autofree char *at_limit = nested (CA_JSON_MAX_DEPTH, "[", "]");
  g_autofree char *over = nested (CA_JSON_MAX_DEPTH + 1, "[", "]");
  g_autofree char *objects = nested (80000, "{\"a\":", "}");
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (ca_json_scan (at_limit, strlen (at_limit), CA_JSON_MAX_DEPTH, &error));
  g_assert_no_error (error);

  g_assert_false (ca_json_scan (over, strlen (over), CA_JSON_MAX_DEPTH, &error));
  g_assert_error (error, CA_JSON_ERROR, CA_JSON_ERROR_TOO_DEEP);
  expected = g_strdup_printf ("line 1, column %u: lists and objects are nested more than %u "
                              "deep, which no file Case Audit reads needs",
                              CA_JSON_MAX_DEPTH + 1, CA_JSON_MAX_DEPTH);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  /* Closing brackets free their level: many lists side by side are not deep. */
  {
    g_autoptr(GString) wide = g_string_new ("[");

    for (guint i = 0; i < 10000; i++)
      g_string_append (wide, i == 0 ? "[[1]]" : ", [[1]]");
    g_string_append (wide, "]");
    g_assert_true (ca_json_scan (wide->str, wide->len, 3, &error));
    g_assert_no_error (error);
    g_assert_false (ca_json_scan (wide->str, wide->len, 2, &error));
    g_assert_error (error, CA_JSON_ERROR, CA_JSON_ERROR_TOO_DEEP);
    g_clear_error (&error);
  }

  g_assert_false (ca_json_scan (objects, strlen (objects), CA_JSON_MAX_DEPTH, &error));
  g_assert_error (error, CA_JSON_ERROR, CA_JSON_ERROR_TOO_DEEP);
}

/* ca_json_load(): a byte-order mark is skipped, the scan's refusals come first, and
 * json-glib's own errors come through as they were for ca_json_set_parse_error(). */
static void
test_load (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *deep = nested (80000, "[", "]");

  g_assert_true (ca_json_load (parser, "\xEF\xBB\xBF{\"a\": \"\\u00e9\"}", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (
                     json_parser_get_root (parser)), "a"), ==, "é");

  g_assert_false (ca_json_load (parser, deep, (gssize) strlen (deep), &error));
  g_assert_error (error, CA_JSON_ERROR, CA_JSON_ERROR_TOO_DEEP);
  g_clear_error (&error);

  g_assert_false (ca_json_load (parser, "{\"a\": \"\\ud800\"}", -1, &error));
  g_assert_error (error, CA_JSON_ERROR, CA_JSON_ERROR_BAD_ESCAPE);
  g_clear_error (&error);

  g_assert_false (ca_json_load (parser, "{\"a\" 1}", -1, &error));
  g_assert_true (error != NULL && error->domain == JSON_PARSER_ERROR);
  g_clear_error (&error);

  /* json-glib's message quotes the string it stopped at cut short, here in the middle of the
   * byte-order mark's three bytes; the message is text all the same (the fuzzer found it). */
  g_assert_false (ca_json_load (parser, "{\"\":\"case-audit-tobbbbbb: thie\n \xEF\xBB\xBF\"", -1,
                                &error));
  g_assert_true (error != NULL && error->domain == JSON_PARSER_ERROR);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-scan/accepted", test_accepted);
  g_test_add_func ("/json-scan/refusals", test_refusals);
  g_test_add_func ("/json-scan/zero-byte", test_zero_byte);
  g_test_add_func ("/json-scan/depth", test_depth);
  g_test_add_func ("/json-scan/load", test_load);

  return g_test_run ();
}
