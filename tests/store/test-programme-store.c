// SPDX-License-Identifier: GPL-3.0-or-later
// The programme file and store: the shipped 2021 programme, all-or-nothing import, updates by
// month and strand, events by day, kind and title, where a bad file is wrong, and two copies of
// Case Audit adding and removing one event (R-N2).

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "ca-date.h"
#include "ca-input-file.h"
#include "ca-programme-store.h"
#include "ca-test-fixture.h"
#include "ca-text.h"

static char *
example_text (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *data;

  bytes = g_resources_lookup_data (CA_PROGRAMME_EXAMPLE_RESOURCE, 0, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &length);
  return g_strndup (data, length);
}

/* The example with one change made by a JavaScript-like path: "entries[3].return_date". */
static char *
example_with (const char *member_path,
              JsonNode   *value)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = example_text ();
  g_auto(GStrv) parts = g_strsplit (member_path, ".", -1);
  JsonNode *node;
  JsonObject *object;

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  node = json_parser_get_root (parser);
  for (guint i = 0; parts[i + 1] != NULL; i++)
    {
      char *bracket = strchr (parts[i], '[');

      if (bracket != NULL)
        {
          guint index = (guint) atoi (bracket + 1);

          *bracket = '\0';
          node = json_object_get_member (json_node_get_object (node), parts[i]);
          node = json_array_get_element (json_node_get_array (node), index);
        }
      else
        node = json_object_get_member (json_node_get_object (node), parts[i]);
    }
  object = json_node_get_object (node);
  if (value == NULL)
    json_object_remove_member (object, parts[g_strv_length (parts) - 1]);
  else
    json_object_set_member (object, parts[g_strv_length (parts) - 1], value);

  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

static JsonNode *
text_node (const char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  return node;
}

static JsonNode *
parse_node (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

static CaProgrammeFile *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  CaProgrammeFile *file = ca_programme_file_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (file);
  return file;
}

static gint64
count_rows (CaDatabase *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return ca_test_query_int (db, sql);
}

static void
test_example (CaTestFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaProgrammeFile) file = ca_programme_file_load_example (&error);
  g_autoptr(GPtrArray) entries = NULL;
  CaProgrammeImportResult result;
  CaProgrammeEntry *january_dip = NULL, *december = NULL;
  guint send = 0;

  g_assert_no_error (error);
  g_assert_cmpint (file->year, ==, 2021);
  /* Seed 04: social care, early help and the dip sample every month, SEND four times. */
  g_assert_cmpuint (file->entries->len, ==, 40);
  g_assert_cmpuint (file->events->len, ==, 0);

  g_assert_true (ca_programme_store_import (fixture->database, file, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.entries_added, ==, 40);
  g_assert_cmpuint (result.entries_updated + result.entries_unchanged, ==, 0);
  g_assert_cmpint (count_rows (fixture->database, "programme_entry"), ==, 40);

  entries = ca_programme_store_list_entries (fixture->database, "2021-01", "2021-12", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 40);
  for (guint i = 0; i < entries->len; i++)
    {
      CaProgrammeEntry *entry = entries->pdata[i];
      const char *strand = ca_programme_entry_get_strand (entry);

      send += g_str_equal (strand, "send");
      if (g_str_equal (ca_programme_entry_get_month (entry), "2021-01") &&
          g_str_equal (strand, "dip-sample"))
        january_dip = entry;
      if (g_str_equal (ca_programme_entry_get_month (entry), "2021-12") &&
          g_str_equal (strand, "social-care"))
        december = entry;
    }
  g_assert_cmpuint (send, ==, 4);

  g_assert_nonnull (january_dip);
  g_assert_cmpstr (ca_programme_entry_get_allocation_date (january_dip), ==, "2021-01-25");
  g_assert_null (ca_programme_entry_get_return_date (january_dip));
  g_assert_cmpstr (ca_programme_entry_get_briefing_date (january_dip), ==, "2021-01-29");
  g_assert_cmpuint (g_strv_length ((GStrv) ca_programme_entry_get_questions (january_dip)), ==, 5);
  g_assert_cmpstr (ca_programme_entry_get_questions (january_dip)[0], ==,
                   "Was the response to the contact timely?");

  g_assert_nonnull (december);
  g_assert_cmpstr (ca_programme_entry_get_focus (december), ==,
                   "Decision-Making and Management Oversight");
  g_assert_cmpstr (ca_programme_entry_get_allocation_date (december), ==, "2021-12-01");
  g_assert_cmpstr (ca_programme_entry_get_return_date (december), ==, "2021-12-17");
  g_assert_cmpstr (ca_programme_entry_get_briefing_date (december), ==, "2021-12-22");
  g_assert_cmpuint (g_strv_length ((GStrv) ca_programme_entry_get_training (december)), ==, 8);
  g_assert_cmpuint (g_strv_length ((GStrv) ca_programme_entry_get_questions (december)), ==, 0);

  /* A range of months. */
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = ca_programme_store_list_entries (fixture->database, "2021-04", "2021-04", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 4);
  g_assert_cmpstr (ca_programme_entry_get_strand (entries->pdata[0]), ==, "social-care");
  g_assert_cmpstr (ca_programme_entry_get_strand (entries->pdata[2]), ==, "send");
  g_assert_cmpstr (ca_programme_entry_get_strand (entries->pdata[3]), ==, "dip-sample");
}

static void
test_reimport_updates (CaTestFixture *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaProgrammeFile) first = ca_programme_file_load_example (&error);
  g_autoptr(CaProgrammeFile) again = ca_programme_file_load_example (&error);
  g_autoptr(CaProgrammeFile) changed = NULL;
  g_autofree char *text = NULL;
  g_autofree char *focus = NULL;
  CaProgrammeImportResult result;
  gint64 id_before;

  g_assert_true (ca_programme_store_import (fixture->database, first, NULL, &error));
  id_before = ca_test_query_int (fixture->database,
                                 "SELECT id FROM programme_entry WHERE month = '2021-01' "
                                 "AND strand = 'social-care'");

  g_assert_true (ca_programme_store_import (fixture->database, again, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.entries_added, ==, 0);
  g_assert_cmpuint (result.entries_updated, ==, 0);
  g_assert_cmpuint (result.entries_unchanged, ==, 40);

  /* entries[0] is January's social care: a new focus updates it in place. */
  text = example_with ("entries[0].focus", text_node ("Plans and planning"));
  changed = parse_ok (text);
  g_assert_true (ca_programme_store_import (fixture->database, changed, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.entries_added, ==, 0);
  g_assert_cmpuint (result.entries_updated, ==, 1);
  g_assert_cmpuint (result.entries_unchanged, ==, 39);
  g_assert_cmpint (count_rows (fixture->database, "programme_entry"), ==, 40);
  focus = ca_test_query_text (fixture->database,
                              "SELECT focus FROM programme_entry WHERE month = '2021-01' "
                              "AND strand = 'social-care'");
  g_assert_cmpstr (focus, ==, "Plans and planning");
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT id FROM programme_entry WHERE month = '2021-01' "
                                      "AND strand = 'social-care'"), ==, id_before);
}

/* A database failure half-way (here a trigger refusing December) stores nothing at all. */
static void
test_all_or_nothing (CaTestFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaProgrammeFile) file = NULL;
  g_autofree char *text = NULL;

  text = example_with ("events", parse_node ("[{\"date\": \"2021-03-10\", \"kind\": "
                                             "\"moderation-panel\", \"title\": \"Panel 1\"}]"));
  file = parse_ok (text);
  ca_test_exec (fixture->database,
                "CREATE TRIGGER no_december BEFORE INSERT ON programme_entry "
                "WHEN NEW.month = '2021-12' BEGIN SELECT RAISE (ABORT, 'refused'); END;");

  g_assert_false (ca_programme_store_import (fixture->database, file, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (count_rows (fixture->database, "programme_entry"), ==, 0);
  g_assert_cmpint (count_rows (fixture->database, "programme_event"), ==, 0);

  /* And the connection is usable afterwards: no transaction left open. */
  g_clear_error (&error);
  ca_test_exec (fixture->database, "DROP TRIGGER no_december");
  g_assert_true (ca_programme_store_import (fixture->database, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture->database, "programme_entry"), ==, 40);
  g_assert_cmpint (count_rows (fixture->database, "programme_event"), ==, 1);
}

typedef struct
{
  const char *path;    /* what to change in the example */
  const char *json;    /* the new value, or NULL to remove it */
  const char *message; /* how the error starts */
  int         code;
} BadCase;

static void
test_bad_files (void)
{
  static const BadCase cases[] = {
    { "entries[3].return_date", "\"2021-02-30\"",
      "entries[3].return_date: “2021-02-30” is not a date", CA_PROGRAMME_FILE_ERROR_INVALID },
    { "entries[5].allocation_date", "\"2021-13-01\"",
      "entries[5].allocation_date: “2021-13-01” is not a date", CA_PROGRAMME_FILE_ERROR_INVALID },
    { "entries[0].foccus", "\"Plans\"", "entries[0].foccus: not part of a programme file",
      CA_PROGRAMME_FILE_ERROR_INVALID },
    { "entries[2].focus", NULL, "entries[2].focus: missing", CA_PROGRAMME_FILE_ERROR_INVALID },
    { "entries[2].focus", "\"  \"", "entries[2].focus: empty", CA_PROGRAMME_FILE_ERROR_INVALID },
    { "entries[4].strand", "\"social\"", "entries[4].strand: “social” is not a strand",
      CA_PROGRAMME_FILE_ERROR_INVALID },
    { "entries[1].strand", "\"social-care\"",
      "entries[1]: a second entry for 2021-01 social-care (the first is entries[0])",
      CA_PROGRAMME_FILE_ERROR_INVALID },
    { "entries[6].month", "\"2022-02\"", "entries[6].month: 2022-02 is not in the file’s year",
      CA_PROGRAMME_FILE_ERROR_INVALID },
    { "entries[6].month", "\"2021-2\"", "entries[6].month: “2021-2” is not a month",
      CA_PROGRAMME_FILE_ERROR_INVALID },
    { "entries[0].return_date", "\"2021-01-02\"",
      "entries[0].return_date: 2021-01-02 is before the allocation date",
      CA_PROGRAMME_FILE_ERROR_INVALID },
    { "entries[0].briefing_date", "\"2012-01-29\"",
      "entries[0].briefing_date: 2012-01-29 is not in or next to the entry’s month",
      CA_PROGRAMME_FILE_ERROR_INVALID },
    { "entries[0].training", "[\"SMART Planning Training\", 3]",
      "entries[0].training[1]: should be text", CA_PROGRAMME_FILE_ERROR_INVALID },
    { "entries[2].questions", "\"Was it timely?\"",
      "entries[2].questions: should be a list of text", CA_PROGRAMME_FILE_ERROR_INVALID },
    { "entries[7]", "42", "entries[7]: should be an entry", CA_PROGRAMME_FILE_ERROR_INVALID },
    { "events", "[{\"date\": \"2021-02-29\", \"kind\": \"workshop\", \"title\": \"W\"}]",
      "events[0].date: “2021-02-29” is not a date", CA_PROGRAMME_FILE_ERROR_INVALID },
    { "events", "[{\"date\": \"2021-03-10\", \"kind\": \"panel\", \"title\": \"P\"}]",
      "events[0].kind: “panel” is not a kind of event", CA_PROGRAMME_FILE_ERROR_INVALID },
    { "events", "[{\"date\": \"2021-03-10\", \"kind\": \"workshop\"}]",
      "events[0].title: missing", CA_PROGRAMME_FILE_ERROR_INVALID },
    { "events", "[{\"date\": \"2021-03-10\", \"kind\": \"workshop\", \"title\": \"W\"},"
                " {\"date\": \"2021-03-10\", \"kind\": \"workshop\", \"title\": \"W\"}]",
      "events[1]: the same event twice (the first is events[0])",
      CA_PROGRAMME_FILE_ERROR_INVALID },
    { "format", "\"case-audit-tool\"", "format: not a programme file",
      CA_PROGRAMME_FILE_ERROR_INVALID },
    { "version", "2", "version: the file is in version 2", CA_PROGRAMME_FILE_ERROR_TOO_NEW },
    { "year", "\"2021\"", "year: should be a year", CA_PROGRAMME_FILE_ERROR_INVALID },
    { "entries", "{}", "entries: should be a list", CA_PROGRAMME_FILE_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CaProgrammeFile) file = NULL;
      g_autofree char *text = NULL;
      g_autofree char *path = g_strdup (cases[i].path);
      char *bracket_end;

      /* "entries[7]" replaces an element: change it through its parent array instead. */
      if ((bracket_end = strrchr (path, ']')) != NULL && bracket_end[1] == '\0')
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(JsonGenerator) generator = json_generator_new ();
          g_autofree char *example = example_text ();
          JsonArray *array;

          g_assert_true (json_parser_load_from_data (parser, example, -1, NULL));
          array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                "entries");
          json_array_remove_element (array, 7);
          json_array_add_element (array, parse_node (cases[i].json));
          json_generator_set_root (generator, json_parser_get_root (parser));
          text = json_generator_to_data (generator, NULL);
          /* Now the last element: its index is the length less one. */
          g_free (path);
          path = g_strdup_printf ("entries[%u]", json_array_get_length (array) - 1);
          file = ca_programme_file_parse (text, -1, &error);
          g_assert_null (file);
          g_assert_nonnull (error);
          g_assert_true (g_str_has_prefix (error->message, path));
          g_assert_nonnull (strstr (error->message, "should be an entry"));
          continue;
        }

      text = example_with (cases[i].path, cases[i].json != NULL ? parse_node (cases[i].json) : NULL);
      file = ca_programme_file_parse (text, -1, &error);
      if (file != NULL || error == NULL || !g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %u (%s): wanted “%s…”, got “%s”", i, cases[i].path, cases[i].message,
                 error != NULL ? error->message : "no error");
      g_assert_error (error, CA_PROGRAMME_FILE_ERROR, cases[i].code);
    }
}

static void
test_not_json (void)
{
  static const char * const texts[] = { "", "{\"format\": ", "[1, 2]", "{\"entries\": []}",
    "{\"format\": \"case-audit-programme\", \"version\": 1}" };
  static const char * const messages[] = { "", "line 1", "not a programme file",
    "format: not a programme file", "the file has no programme entries" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CaProgrammeFile) file = ca_programme_file_parse (texts[i], -1, &error);

      g_assert_null (file);
      g_assert_error (error, CA_PROGRAMME_FILE_ERROR, CA_PROGRAMME_FILE_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, messages[i]))
        g_error ("text %u: wanted “%s…”, got “%s”", i, messages[i], error->message);
    }
}

/* Files that crashed or aborted the reader, or reached the database as bytes that are not
 * UTF-8: each refused now, and the place named. */
static void
test_bounded (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaProgrammeFile) file = NULL;
  g_autofree char *text = NULL;
  g_autofree char *long_focus = NULL;
  GString *deep = g_string_new ("{\"format\": \"case-audit-programme\", \"version\": 1, "
                                "\"entries\": ");

  for (guint i = 0; i < 80000; i++)
    g_string_append_c (deep, '[');
  file = ca_programme_file_parse (deep->str, (gssize) deep->len, &error);
  g_string_free (deep, TRUE);
  g_assert_null (file);
  g_assert_error (error, CA_PROGRAMME_FILE_ERROR, CA_PROGRAMME_FILE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "line 1, column 316: lists and objects are nested more "
                   "than 256 deep, which no file Case Audit reads needs");
  g_clear_error (&error);

  /* /dev/zero aborted the command once the memory ran out. */
  file = ca_programme_file_read ("/dev/zero", &error);
  g_assert_null (file);
  g_assert_error (error, CA_INPUT_FILE_ERROR, CA_INPUT_FILE_ERROR_NOT_A_FILE);
  g_clear_error (&error);

  /* json-glib cannot read the escape, so it goes in as text: a lone surrogate. */
  {
    g_autofree char *placeholder = example_with ("events", parse_node (
      "[{\"date\": \"2021-03-10\", \"kind\": \"other\", \"title\": \"Bad SURROGATE\"}]"));
    g_auto(GStrv) parts = g_strsplit (placeholder, "SURROGATE", 2);

    text = g_strjoinv ("\\ud800", parts);
  }
  file = ca_programme_file_parse (text, -1, &error);
  g_assert_null (file);
  g_assert_error (error, CA_PROGRAMME_FILE_ERROR, CA_PROGRAMME_FILE_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, "events[0].title: “\\ud800” is not a valid character "
                         "escape (line "))
    g_error ("got “%s”", error->message);
  g_clear_error (&error);
  g_free (text);

  long_focus = g_strnfill (CA_TEXT_MAX_LINE + 1, 'x');
  text = example_with ("entries[3].focus", json_node_init_string (json_node_alloc (),
                                                                   long_focus));
  file = ca_programme_file_parse (text, -1, &error);
  g_assert_null (file);
  g_assert_error (error, CA_PROGRAMME_FILE_ERROR, CA_PROGRAMME_FILE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "entries[3].focus is too long: it has 1001 characters, "
                   "and at most 1000 are allowed.");
}

/* The command line's words and the window's fields reach the store as typed: what is not
 * UTF-8, or is far too long for its field, is refused and nothing is stored. */
static void
test_event_text (CaTestFixture *fixture,
                 gconstpointer  data)
{
  g_autofree char *long_title = g_strnfill (CA_TEXT_MAX_NAME + 1, 'x');
  g_autofree char *long_notes = g_strnfill (CA_TEXT_MAX_NOTES + 1, 'x');
  g_autofree char *full_title = g_strnfill (CA_TEXT_MAX_NAME, 'x');
  static const char * const messages[] = {
    "The title is not valid UTF-8 text: it cannot be read after “Bad”. Type it again, or save "
    "the file as UTF-8.",
    "The note is not valid UTF-8 text: it cannot be read after “Room”. Type it again, or save "
    "the file as UTF-8.",
    "The title is too long: it has 201 characters, and at most 200 are allowed.",
    "The note is too long: it has 20001 characters, and at most 20000 are allowed.",
  };
  const char *titles[] = { "Bad\xff title", "Panel", long_title, "Panel" };
  const char *notes[] = { NULL, "Room\xfe 4", NULL, long_notes };
  gint64 before = count_rows (fixture->database, "programme_event");

  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CaProgrammeEvent) event = ca_programme_event_new ("workshop", "2021-04-20",
                                                                  titles[i], notes[i]);

      g_assert_cmpint (ca_programme_store_add_event (fixture->database, event, &error), ==, 0);
      g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
      g_assert_cmpstr (error->message, ==, messages[i]);
    }
  g_assert_cmpint (count_rows (fixture->database, "programme_event"), ==, before);

  /* At the limit is fine. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CaProgrammeEvent) event = ca_programme_event_new ("workshop", "2021-04-20",
                                                                full_title, NULL);

    g_assert_cmpint (ca_programme_store_add_event (fixture->database, event, &error), >, 0);
    g_assert_no_error (error);
  }
}

static void
test_events (CaTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaProgrammeFile) file = NULL;
  g_autoptr(CaProgrammeFile) again = NULL;
  g_autoptr(CaProgrammeEvent) workshop = NULL;
  g_autoptr(CaProgrammeEvent) same = NULL;
  g_autoptr(CaProgrammeEvent) bad = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(CaProgrammeEvent) removed = NULL;
  g_autofree char *text = NULL;
  g_autofree char *notes = NULL;
  CaProgrammeImportResult result;
  GDate from, to;
  gint64 id;

  text = example_with ("events",
                       parse_node ("[{\"date\": \"2021-03-10\", \"kind\": \"moderation-panel\","
                                   "  \"title\": \"Moderation panel\", \"notes\": \"Room 1\"},"
                                   " {\"date\": \"2021-06-15\", \"kind\": \"triangulation\","
                                   "  \"title\": \"Quarterly triangulation\"}]"));
  file = parse_ok (text);
  g_assert_true (ca_programme_store_import (fixture->database, file, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.events_added, ==, 2);

  /* The same day, kind and title with other notes is the same event, updated. */
  g_free (text);
  text = example_with ("events",
                       parse_node ("[{\"date\": \"2021-03-10\", \"kind\": \"moderation-panel\","
                                   "  \"title\": \"Moderation panel\", \"notes\": \"Room 2\"}]"));
  again = parse_ok (text);
  g_assert_true (ca_programme_store_import (fixture->database, again, &result, &error));
  g_assert_cmpuint (result.events_added, ==, 0);
  g_assert_cmpuint (result.events_updated, ==, 1);
  g_assert_cmpint (count_rows (fixture->database, "programme_event"), ==, 2);
  notes = ca_test_query_text (fixture->database,
                              "SELECT notes FROM programme_event WHERE kind = 'moderation-panel'");
  g_assert_cmpstr (notes, ==, "Room 2");

  /* Added and removed one at a time. */
  workshop = ca_programme_event_new ("workshop", "2021-04-20", "Manager audit workshop", NULL);
  id = ca_programme_store_add_event (fixture->database, workshop, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (ca_programme_event_get_id (workshop), ==, id);

  same = ca_programme_event_new ("workshop", "2021-04-20", "Manager audit workshop", "again");
  g_assert_cmpint (ca_programme_store_add_event (fixture->database, same, &error), ==, 0);
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  bad = ca_programme_event_new ("workshop", "2021-04-31", "Workshop", NULL);
  g_assert_cmpint (ca_programme_store_add_event (fixture->database, bad, &error), ==, 0);
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_true (ca_date_parse ("2021-03-01", &from));
  g_assert_true (ca_date_parse ("2021-04-30", &to));
  events = ca_programme_store_list_events (fixture->database, &from, &to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpstr (ca_programme_event_get_date (events->pdata[0]), ==, "2021-03-10");
  g_assert_cmpstr (ca_programme_event_get_notes (events->pdata[0]), ==, "Room 2");
  g_assert_cmpstr (ca_programme_event_get_kind (events->pdata[1]), ==, "workshop");

  g_assert_true (ca_programme_store_remove_event (fixture->database, id, NULL, NULL, &removed, &error));
  g_assert_no_error (error);
  /* What Undo adds back is the event as it was. */
  g_assert_cmpstr (ca_programme_event_get_kind (removed), ==, "workshop");
  g_assert_cmpstr (ca_programme_event_get_date (removed), ==, "2021-04-20");
  g_assert_cmpstr (ca_programme_event_get_title (removed), ==, "Manager audit workshop");
  g_assert_null (ca_programme_event_get_notes (removed));
  g_assert_false (ca_programme_store_remove_event (fixture->database, id, NULL, NULL, NULL, &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_FOUND);
  g_assert_cmpint (count_rows (fixture->database, "programme_event"), ==, 2);
  g_clear_error (&error);

  /* Every kind offered for a choice is one the database takes, and each has a label. */
  for (guint i = 0; ca_programme_event_kind_nth (i) != NULL; i++)
    {
      const char *kind = ca_programme_event_kind_nth (i);
      g_autoptr(CaProgrammeEvent) offered = ca_programme_event_new (kind, "2021-05-05", "Offered",
                                                                    NULL);

      g_assert_true (ca_programme_event_kind_is_valid (kind));
      g_assert_cmpstr (ca_programme_event_kind_to_label (kind), !=, kind);
      g_assert_cmpint (ca_programme_store_add_event (fixture->database, offered, &error), >, 0);
      g_assert_no_error (error);
    }
  g_assert_cmpstr (ca_programme_event_kind_nth (0), ==, "moderation-panel");
  g_assert_null (ca_programme_event_kind_nth (4));
  g_assert_cmpint (count_rows (fixture->database, "programme_event"), ==, 6);
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **out = user_data;
  CaProgrammeImportResult done = { 0 };

  if (ca_programme_store_import_path_finish (result, &done, out))
    {
      g_assert_cmpuint (done.entries_added, ==, 40);
      *out = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "imported");
    }
}

static void
test_import_async (CaTestFixture *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) outcome = NULL;
  g_autofree char *bad = g_build_filename (fixture->folder, "bad.json", NULL);

  /* A bad file: nothing imported, the place named. */
  g_assert_true (g_file_set_contents (bad, "{\"format\": \"case-audit-programme\", "
                                      "\"version\": 1, \"entries\": [{\"month\": \"2021-02\", "
                                      "\"strand\": \"send\", \"focus\": \"x\", "
                                      "\"return_date\": \"2021-02-29\"}]}", -1, NULL));
  ca_programme_store_import_path_async (fixture->database, bad, NULL, imported_cb, &outcome);
  while (outcome == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (outcome, CA_PROGRAMME_FILE_ERROR, CA_PROGRAMME_FILE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (outcome->message, "entries[0].return_date:"));
  g_assert_cmpint (count_rows (fixture->database, "programme_entry"), ==, 0);
  g_clear_error (&outcome);

  /* The example, as the window's one click loads it. */
  ca_programme_store_import_path_async (fixture->database, NULL, NULL, imported_cb, &outcome);
  while (outcome == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (outcome, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_cmpint (count_rows (fixture->database, "programme_entry"), ==, 40);
}

static void
entries_listed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(GPtrArray **) user_data = ca_programme_store_list_entries_finish (result, &error);
  g_assert_no_error (error);
}

/* Every entry, read on the worker as the Calendar asks whether there is a programme yet. */
static GPtrArray *
list_entries_on_worker (CaDatabase *database)
{
  GPtrArray *entries = NULL;

  ca_programme_store_list_entries_async (database, NULL, entries_listed_cb, &entries);
  while (entries == NULL)
    g_main_context_iteration (NULL, TRUE);
  return entries;
}

static void
test_list_entries_async (CaTestFixture *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaProgrammeFile) file = ca_programme_file_load_example (&error);
  g_autoptr(GPtrArray) none = list_entries_on_worker (fixture->database);
  g_autoptr(GPtrArray) all = NULL;

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_true (ca_programme_store_import (fixture->database, file, NULL, &error));
  all = list_entries_on_worker (fixture->database);
  g_assert_cmpuint (all->len, ==, 40);
}

static gint64
add (CaDatabase *database,
     const char *kind,
     const char *date,
     const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaProgrammeEvent) event = ca_programme_event_new (kind, date, title, NULL);
  gint64 id = ca_programme_store_add_event (database, event, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A's Calendar shows two events; B removes both and adds another, which takes the first one's
 * number (SQLite numbers a new row after the highest left, here none). Today's main: A's
 * Remove on the first silently removed B's new event, and on the second said "There is no
 * event number N". Now both say the event had already been removed, and B's event stays. The command line, which knows
 * only a number, says the same when the history shows the removal. */
static void
test_two_copies_remove (CaTestFixture *fixture,
                        gconstpointer  data)
{
  g_autoptr(CaDatabase) second = ca_test_open_second (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CaProgrammeEvent) removed = NULL;
  gint64 panel, workshop, meeting;

  panel = add (fixture->database, "moderation-panel", "2021-03-15", "March panel");
  workshop = add (fixture->database, "workshop", "2021-04-20", "April workshop");

  g_assert_true (ca_programme_store_remove_event (second, panel, NULL, NULL, NULL, &error));
  g_assert_true (ca_programme_store_remove_event (second, workshop, NULL, NULL, NULL, &error));
  meeting = add (second, "triangulation", "2021-05-04", "Quarterly meeting");
  g_assert_cmpint (meeting, ==, panel);

  g_assert_false (ca_programme_store_remove_event (fixture->database, panel, "2021-03-15",
                                                   "March panel", &removed, &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "This event had already been removed, perhaps in another window.");
  g_assert_null (removed);
  g_clear_error (&error);

  g_assert_false (ca_programme_store_remove_event (fixture->database, workshop, "2021-04-20",
                                                   "April workshop", &removed, &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "This event had already been removed, perhaps in another window.");
  g_clear_error (&error);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM programme_event "
                                      "WHERE title = 'Quarterly meeting'"), ==, 1);

  /* By number alone: the history shows the workshop was removed; 99999 never was an event. */
  g_assert_false (ca_programme_store_remove_event (fixture->database, workshop, NULL, NULL, NULL,
                                                   &error));
  g_assert_cmpstr (error->message, ==,
                   "This event had already been removed, perhaps in another window.");
  g_clear_error (&error);
  g_assert_false (ca_programme_store_remove_event (fixture->database, 99999, NULL, NULL, NULL,
                                                   &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "There is no event number 99999.");
  g_clear_error (&error);

  /* Each addition and removal is in the history. */
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM change_history "
                                      "WHERE entity = 'programme_event'"), ==, 5);
}

/* A and B add the same event: the second is refused with a message that says it may have
 * been added elsewhere, and one event is stored. */
static void
test_two_copies_add (CaTestFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr(CaDatabase) second = ca_test_open_second (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CaProgrammeEvent) same = ca_programme_event_new ("moderation-panel", "2021-03-15",
                                                             "March panel", NULL);

  add (second, "moderation-panel", "2021-03-15", "March panel");
  g_assert_cmpint (ca_programme_store_add_event (fixture->database, same, &error), ==, 0);
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==,
                   "There is already a “March panel” of this kind on 2021-03-15: it may have "
                   "been added in another window, or by another copy of Case Audit.");
  g_assert_cmpint (ca_programme_event_get_id (same), ==, 0);
  g_assert_cmpint (ca_test_query_int (fixture->database,
                                      "SELECT count(*) FROM programme_event"), ==, 1);
}

static void
import_example (CaDatabase *database)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaProgrammeFile) file = ca_programme_file_load_example (&error);

  g_assert_no_error (error);
  g_assert_true (ca_programme_store_import (database, file, NULL, &error));
  g_assert_no_error (error);
}

static CaProgrammeEntry *
find_entry (GPtrArray  *entries,
            const char *month,
            const char *strand)
{
  for (guint i = 0; i < entries->len; i++)
    if (g_str_equal (ca_programme_entry_get_month (entries->pdata[i]), month) &&
        g_str_equal (ca_programme_entry_get_strand (entries->pdata[i]), strand))
      return entries->pdata[i];
  return NULL;
}

/* 2022 made from 2021: every entry, its dates on the same weekday of the same week. */
static void
test_copy_year (CaTestFixture *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  CaProgrammeEntry *january, *january_dip;
  gint64 history = 0;
  guint n = 0;

  import_example (fixture->database);
  g_assert_true (ca_programme_store_copy_year (fixture->database, 2021, 2022, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 40);
  entries = ca_programme_store_list_entries (fixture->database, "2022-01", "2022-12", &error);
  g_assert_cmpuint (entries->len, ==, 40);

  january = find_entry (entries, "2022-01", "social-care");
  g_assert_nonnull (january);
  g_assert_cmpstr (ca_programme_entry_get_focus (january), ==, "Plans");
  /* The first Monday, 3 January 2022, is the New Year bank holiday. */
  g_assert_cmpstr (ca_programme_entry_get_allocation_date (january), ==, "2022-01-04");
  g_assert_cmpstr (ca_programme_entry_get_return_date (january), ==, "2022-01-25");
  g_assert_cmpstr (ca_programme_entry_get_briefing_date (january), ==, "2022-01-28");
  g_assert_cmpuint (g_strv_length ((GStrv) ca_programme_entry_get_training (january)), ==, 7);
  january_dip = find_entry (entries, "2022-01", "dip-sample");
  g_assert_null (ca_programme_entry_get_return_date (january_dip));
  g_assert_cmpuint (g_strv_length ((GStrv) ca_programme_entry_get_questions (january_dip)), ==, 5);
  history = ca_test_query_int (fixture->database,
                               "SELECT count(*) FROM change_history "
                               "WHERE entity = 'programme_entry'");
  g_assert_cmpint (history, ==, 40);

  /* A year that has a programme is not made again, and nothing changes. */
  g_assert_false (ca_programme_store_copy_year (fixture->database, 2021, 2022, &n, &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "2022 already has a programme: edit its months instead.");
  g_clear_error (&error);
  g_assert_false (ca_programme_store_copy_year (fixture->database, 2019, 2023, &n, &error));
  g_assert_cmpstr (error->message, ==, "2019 has no programme to start from.");
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture->database, "programme_entry"), ==, 80);
}

static void
assert_refused (CaDatabase       *database,
                CaProgrammeEntry *entry,
                const char       *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ca_programme_store_save_entry (database, entry, &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, message);
}

/* One month and strand edited in the window: checked as a file's entry is, stored, and kept
 * in the history. */
static void
test_save_entry (CaTestFixture *fixture,
                 gconstpointer  data)
{
  const char * const training[] = { "SMART Planning Training", "  ", NULL };
  const char * const questions[] = { "Was the plan reviewed?", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(CaProgrammeEntry) edited = NULL;
  g_autoptr(CaProgrammeEntry) added = NULL;
  g_autoptr(CaProgrammeEntry) bad = NULL;
  g_autofree char *old_value = NULL;
  CaProgrammeEntry *january;
  gint64 id;

  import_example (fixture->database);
  entries = ca_programme_store_list_entries (fixture->database, "2021-01", "2021-01", &error);
  id = ca_programme_entry_get_id (find_entry (entries, "2021-01", "social-care"));

  edited = ca_programme_entry_new_edited ("2021-01", "social-care", "Plans and reviews", NULL,
                                          "2021-01-04", "2021-01-27", "2021-01-29", training);
  g_assert_true (ca_programme_store_save_entry (fixture->database, edited, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ca_programme_entry_get_id (edited), ==, id);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = ca_programme_store_list_entries (fixture->database, "2021-01", "2021-01", &error);
  january = find_entry (entries, "2021-01", "social-care");
  g_assert_cmpstr (ca_programme_entry_get_focus (january), ==, "Plans and reviews");
  g_assert_cmpstr (ca_programme_entry_get_return_date (january), ==, "2021-01-27");
  /* The blank line is left out. */
  g_assert_cmpuint (g_strv_length ((GStrv) ca_programme_entry_get_training (january)), ==, 1);
  old_value = ca_test_query_text (fixture->database,
                                  "SELECT old_value FROM change_history "
                                  "WHERE entity = 'programme_entry'");
  g_assert_cmpstr (old_value, ==, "2021-01 social-care: Plans (allocation 2021-01-04, "
                                  "return 2021-01-26, briefing 2021-01-29)");

  /* A strand the month did not have. */
  added = ca_programme_entry_new_edited ("2021-01", "send", "EHC plans", questions, NULL, NULL,
                                         NULL, NULL);
  g_assert_true (ca_programme_store_save_entry (fixture->database, added, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture->database, "programme_entry"), ==, 41);

  bad = ca_programme_entry_new_edited ("2021-01", "social-care", "Plans", NULL, "2021-01-11",
                                       "2021-01-08", NULL, NULL);
  assert_refused (fixture->database, bad,
                  "The return date, 8 Jan 2021, is before the allocation date, 11 Jan 2021.");
  g_clear_object (&bad);
  bad = ca_programme_entry_new_edited ("2021-01", "social-care", "Plans", NULL, "2021-01-04",
                                       NULL, "2012-01-29", NULL);
  assert_refused (fixture->database, bad,
                  "The 7 Minute Briefing date, 29 Jan 2012, is not in January 2021 or a month "
                  "next to it.");
  g_clear_object (&bad);
  bad = ca_programme_entry_new_edited ("2021-01", "social-care", " ", NULL, NULL, NULL, NULL,
                                       NULL);
  assert_refused (fixture->database, bad, "Give the month’s audit focus.");
  g_clear_object (&bad);
  bad = ca_programme_entry_new_edited ("2021-01", "social-care", "Plans", NULL, "2021-02-30",
                                       NULL, NULL, NULL);
  assert_refused (fixture->database, bad, "The allocation date, “2021-02-30”, is not a date.");

  /* Nothing refused was stored. */
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = ca_programme_store_list_entries (fixture->database, "2021-01", "2021-01", &error);
  january = find_entry (entries, "2021-01", "social-care");
  g_assert_cmpstr (ca_programme_entry_get_focus (january), ==, "Plans and reviews");
}

/* A year written to a file and read back is the same programme; the file is the owner's. */
static void
test_export_year (CaTestFixture *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaProgrammeFile) year = NULL;
  g_autoptr(CaProgrammeFile) example = ca_programme_file_load_example (&error);
  g_autoptr(CaProgrammeFile) read = NULL;
  g_autoptr(CaProgrammeEvent) event = ca_programme_event_new ("moderation-panel", "2021-03-15",
                                                              "March panel", "Room 2");
  g_autofree char *path = g_build_filename (fixture->folder, "programme-2021.json", NULL);
  g_autofree char *written = NULL;
  g_autofree char *again = NULL;
  GStatBuf info;

  import_example (fixture->database);
  g_assert_cmpint (ca_programme_store_add_event (fixture->database, event, &error), >, 0);
  year = ca_programme_store_read_year (fixture->database, 2021, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (year->entries->len, ==, 40);
  g_assert_cmpuint (year->events->len, ==, 1);

  g_assert_true (ca_programme_file_write (year, path, CA_OUTPUT_FILE_NEW_ONLY, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_assert_false (ca_programme_file_write (year, path, CA_OUTPUT_FILE_NEW_ONLY, &error));
  g_assert_error (error, CA_OUTPUT_FILE_ERROR, CA_OUTPUT_FILE_ERROR_EXISTS);
  g_clear_error (&error);

  read = ca_programme_file_read (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->year, ==, 2021);
  g_assert_cmpuint (read->entries->len, ==, 40);
  g_assert_cmpuint (read->events->len, ==, 1);
  g_assert_cmpstr (ca_programme_event_get_notes (read->events->pdata[0]), ==, "Room 2");
  /* What was read writes out the same again, and holds the example's entries. */
  written = ca_programme_file_to_json (year);
  again = ca_programme_file_to_json (read);
  g_assert_cmpstr (written, ==, again);
  g_ptr_array_set_size (read->events, 0);
  g_ptr_array_set_size (example->events, 0);
  g_clear_pointer (&example->title, g_free);
  g_clear_pointer (&read->title, g_free);
  g_clear_pointer (&written, g_free);
  g_clear_pointer (&again, g_free);
  written = ca_programme_file_to_json (example);
  again = ca_programme_file_to_json (read);
  g_assert_cmpstr (written, ==, again);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/programme-store/list-entries-async", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_list_entries_async, ca_test_fixture_tear_down);
  g_test_add ("/programme-store/example", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_example, ca_test_fixture_tear_down);
  g_test_add ("/programme-store/reimport-updates", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_reimport_updates, ca_test_fixture_tear_down);
  g_test_add ("/programme-store/all-or-nothing", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_all_or_nothing, ca_test_fixture_tear_down);
  g_test_add_func ("/programme-file/bad-files", test_bad_files);
  g_test_add_func ("/programme-file/not-json", test_not_json);
  g_test_add_func ("/programme-file/bounded", test_bounded);
  g_test_add ("/programme-store/event-text", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_event_text, ca_test_fixture_tear_down);
  g_test_add ("/programme-store/import-async", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_import_async, ca_test_fixture_tear_down);
  g_test_add ("/programme-store/events", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_events, ca_test_fixture_tear_down);
  g_test_add ("/programme-store/two-copies-remove", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_two_copies_remove, ca_test_fixture_tear_down);
  g_test_add ("/programme-store/two-copies-add", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_two_copies_add, ca_test_fixture_tear_down);

  g_test_add ("/programme-store/copy-year", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_copy_year, ca_test_fixture_tear_down);
  g_test_add ("/programme-store/save-entry", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_save_entry, ca_test_fixture_tear_down);
  g_test_add ("/programme-store/export-year", CaTestFixture, NULL,
              ca_test_fixture_set_up, test_export_year, ca_test_fixture_tear_down);

  return g_test_run ();
}
