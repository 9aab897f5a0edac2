// SPDX-License-Identifier: GPL-3.0-or-later
// A programme file (data/programme-2021.json and the like): read and checked, not yet stored.
//
// The format, version 1 (the same for any year):
//
//   { "format": "case-audit-programme", "version": 1,
//     "year": 2021,                         optional: then every month is in that year
//     "title": "…", "source": "…",          optional, for people
//     "entries": [                          one per month and strand
//       { "month": "2021-01",
//         "strand": "social-care" | "early-help" | "send" | "dip-sample",
//         "focus": "Plans",                 the audit focus (theme)
//         "questions": ["…"],               optional: the dip sample's focus questions
//         "allocation_date": "2021-01-04",  optional (or null), like the two below
//         "return_date": "2021-01-26",
//         "briefing_date": "2021-01-29",    the 7 Minute Briefing
//         "training": ["…"] } ],            optional: the training offered
//     "events": [                           optional: only events that have a date
//       { "date": "2021-03-10",
//         "kind": "moderation-panel" | "workshop" | "triangulation" | "other",
//         "title": "…", "notes": "…" } ] }
//
// Anything else is refused with the path of the bad element, so a typo is not silently
// ignored.

#define G_LOG_DOMAIN "ca-programme-file"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "ca-programme-entry-private.h"
#include "ca-programme-event-private.h"
#include "ca-input-file.h"
#include "ca-json-path.h"
#include "ca-json-scan.h"
#include "ca-output-file.h"
#include "ca-programme-file.h"
#include "core/ca-date.h"
#include "core/ca-programme-rules.h"
#include "core/ca-text.h"

#define FORMAT_NAME    "case-audit-programme"
#define FORMAT_VERSION 1

/* The largest programme file read. A year's programme is about 30 KB (the 2021 example is
 * 28 KB), and ten years with training lists and questions for every month are well under
 * 1 MB; a larger file is not a programme, and reading it would only fill the memory. */
#define MAX_FILE_SIZE (10 * 1000 * 1000)

static const char * const file_members[] = {
  "format", "version", "year", "title", "source", "entries", "events", NULL
};
static const char * const entry_members[] = {
  "month", "strand", "focus", "questions", "allocation_date", "return_date", "briefing_date",
  "training", NULL
};
static const char * const event_members[] = { "date", "kind", "title", "notes", NULL };

G_DEFINE_QUARK (ca-programme-file-error-quark, ca_programme_file_error)

/* Errors name the element, e.g. entries[4].return_date: “2021-02-30” is not a date. */
#define set_error_at(error, code, ...) \
  ca_json_set_error_at ((error), CA_PROGRAMME_FILE_ERROR, (code), __VA_ARGS__)

static gboolean
check_members (JsonObject          *object,
               const char          *path,
               const char * const  *allowed,
               GError             **error)
{
  return ca_json_check_members (object, path, allowed, CA_PROGRAMME_FILE_ERROR,
                                CA_PROGRAMME_FILE_ERROR_INVALID,
                                _("not part of a programme file (a misspelt name?)"), error);
}

/* A string member, trimmed, valid UTF-8 and at most MAX_CHARS characters long. Absent or
 * null gives NULL unless REQUIRED. */
static gboolean
read_text (JsonObject  *object,
           const char  *path,
           const char  *name,
           gboolean     required,
           gsize        max_chars,
           char       **out,
           GError     **error)
{
  g_autofree char *where = ca_json_member_path (path, name);
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *text = NULL;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
      set_error_at (error, CA_PROGRAMME_FILE_ERROR_INVALID, where, _("missing"));
      return FALSE;
    }
  if (!ca_json_holds_type (node, G_TYPE_STRING))
    {
      set_error_at (error, CA_PROGRAMME_FILE_ERROR_INVALID, where, _("should be text"));
      return FALSE;
    }
  text = g_strstrip (g_strdup (json_node_get_string (node)));
  if (!ca_text_check_full (text, max_chars, where, CA_PROGRAMME_FILE_ERROR,
                           CA_PROGRAMME_FILE_ERROR_INVALID, error))
    return FALSE;
  if (text[0] == '\0')
    {
      if (!required)
        return TRUE;
      set_error_at (error, CA_PROGRAMME_FILE_ERROR_INVALID, where, _("empty"));
      return FALSE;
    }
  *out = g_steal_pointer (&text);
  return TRUE;
}

/* A list of text, each item trimmed and not empty. Absent or null gives an empty list. */
static gboolean
read_text_list (JsonObject   *object,
                const char   *path,
                const char   *name,
                char       ***out,
                GError      **error)
{
  g_autofree char *where = ca_json_member_path (path, name);
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          set_error_at (error, CA_PROGRAMME_FILE_ERROR_INVALID, where,
                        _("should be a list of text, [\"…\", \"…\"]"));
          return FALSE;
        }
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autofree char *element_path = g_strdup_printf ("%s[%u]", where, i);
          g_autofree char *text = NULL;

          if (!ca_json_holds_type (element, G_TYPE_STRING))
            {
              set_error_at (error, CA_PROGRAMME_FILE_ERROR_INVALID, element_path,
                            _("should be text"));
              return FALSE;
            }
          text = g_strstrip (g_strdup (json_node_get_string (element)));
          if (!ca_text_check_full (text, CA_TEXT_MAX_LINE, element_path,
                                   CA_PROGRAMME_FILE_ERROR, CA_PROGRAMME_FILE_ERROR_INVALID,
                                   error))
            return FALSE;
          if (text[0] == '\0' || strchr (text, '\n'))
            {
              set_error_at (error, CA_PROGRAMME_FILE_ERROR_INVALID, element_path,
                            _("should be one line of text"));
              return FALSE;
            }
          g_strv_builder_add (builder, text);
        }
    }
  g_strfreev (*out);
  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* An optional ISO date that must exist: 2021-02-30 does not. */
static gboolean
read_date (JsonObject  *object,
           const char  *path,
           const char  *name,
           gboolean     required,
           char       **out,
           GDate       *date,
           GError     **error)
{
  g_autofree char *where = ca_json_member_path (path, name);
  g_autofree char *text = NULL;

  g_date_clear (date, 1);
  if (!read_text (object, path, name, required, CA_TEXT_MAX_NAME, &text, error))
    return FALSE;
  if (text == NULL)
    {
      *out = NULL;
      return TRUE;
    }
  if (!ca_date_parse (text, date))
    {
      set_error_at (error, CA_PROGRAMME_FILE_ERROR_INVALID, where,
                    _("“%s” is not a date; write it as YYYY-MM-DD, e.g. 2021-01-04"), text);
      return FALSE;
    }
  *out = g_steal_pointer (&text);
  return TRUE;
}

static CaProgrammeEntry *
read_entry (JsonNode     *node,
            const char   *path,
            int           file_year,
            GError      **error)
{
  g_autoptr(CaProgrammeEntry) entry = ca_programme_entry_new ();
  static const char * const date_names[] = { "allocation_date", "return_date",
                                             "briefing_date" };
  char **date_texts[CA_PROGRAMME_N_DATES];
  GDate dates[CA_PROGRAMME_N_DATES];
  CaProgrammeDatesProblem problem;
  CaProgrammeDate which = CA_PROGRAMME_DATE_ALLOCATION;
  JsonObject *object;
  int year = 0, month = 0;

  object = ca_json_get_object (node, path, CA_PROGRAMME_FILE_ERROR,
                               CA_PROGRAMME_FILE_ERROR_INVALID,
                               _("should be an entry, {\"month\": …, \"strand\": …}"),
                               error);
  if (object == NULL)
    return NULL;
  if (!check_members (object, path, entry_members, error) ||
      !read_text (object, path, "month", TRUE, CA_TEXT_MAX_NAME, &entry->month, error))
    return NULL;

  if (!ca_programme_parse_month (entry->month, &year, &month))
    {
      g_autofree char *where = ca_json_member_path (path, "month");

      set_error_at (error, CA_PROGRAMME_FILE_ERROR_INVALID, where,
                    _("“%s” is not a month; write it as YYYY-MM, e.g. 2021-01"), entry->month);
      return NULL;
    }
  if (file_year != 0 && year != file_year)
    {
      g_autofree char *where = ca_json_member_path (path, "month");

      set_error_at (error, CA_PROGRAMME_FILE_ERROR_INVALID, where,
                    _("%s is not in the file’s year, %d"), entry->month, file_year);
      return NULL;
    }

  if (!read_text (object, path, "strand", TRUE, CA_TEXT_MAX_NAME, &entry->strand, error))
    return NULL;
  if (!ca_programme_strand_is_valid (entry->strand))
    {
      g_autofree char *where = ca_json_member_path (path, "strand");

      set_error_at (error, CA_PROGRAMME_FILE_ERROR_INVALID, where,
                    _("“%s” is not a strand; use social-care, early-help, send or dip-sample"),
                    entry->strand);
      return NULL;
    }

  date_texts[0] = &entry->allocation_date;
  date_texts[1] = &entry->return_date;
  date_texts[2] = &entry->briefing_date;
  if (!read_text (object, path, "focus", TRUE, CA_TEXT_MAX_LINE, &entry->focus, error) ||
      !read_text_list (object, path, "questions", &entry->questions, error) ||
      !read_text_list (object, path, "training", &entry->training, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (date_names); i++)
    if (!read_date (object, path, date_names[i], FALSE, date_texts[i], &dates[i], error))
      return NULL;

  problem = ca_programme_check_dates (year, month, dates, &which);
  if (problem != CA_PROGRAMME_DATES_OK)
    {
      g_autofree char *where = ca_json_member_path (path, date_names[which]);

      if (problem == CA_PROGRAMME_DATES_NOT_NEAR_MONTH)
        set_error_at (error, CA_PROGRAMME_FILE_ERROR_INVALID, where,
                      _("%s is not in or next to the entry’s month, %s"), *date_texts[which],
                      entry->month);
      else
        set_error_at (error, CA_PROGRAMME_FILE_ERROR_INVALID, where,
                      _("%s is before the allocation date, %s"), *date_texts[which],
                      entry->allocation_date);
      return NULL;
    }

  return g_steal_pointer (&entry);
}

static CaProgrammeEvent *
read_event (JsonNode    *node,
            const char  *path,
            GError     **error)
{
  g_autoptr(CaProgrammeEvent) event = ca_programme_event_new (NULL, NULL, NULL, NULL);
  JsonObject *object;
  GDate date;

  object = ca_json_get_object (node, path, CA_PROGRAMME_FILE_ERROR,
                               CA_PROGRAMME_FILE_ERROR_INVALID,
                               _("should be an event, {\"date\": …, \"kind\": …, \"title\": …}"),
                               error);
  if (object == NULL)
    return NULL;
  if (!check_members (object, path, event_members, error) ||
      !read_date (object, path, "date", TRUE, &event->date, &date, error) ||
      !read_text (object, path, "kind", TRUE, CA_TEXT_MAX_NAME, &event->kind, error))
    return NULL;
  if (!ca_programme_event_kind_is_valid (event->kind))
    {
      g_autofree char *where = ca_json_member_path (path, "kind");

      set_error_at (error, CA_PROGRAMME_FILE_ERROR_INVALID, where,
                    _("“%s” is not a kind of event; use moderation-panel, workshop, "
                      "triangulation or other"), event->kind);
      return NULL;
    }
  if (!read_text (object, path, "title", TRUE, CA_TEXT_MAX_NAME, &event->title, error) ||
      !read_text (object, path, "notes", FALSE, CA_TEXT_MAX_NOTES, &event->notes, error))
    return NULL;
  return g_steal_pointer (&event);
}

static gboolean
read_header (JsonObject  *root,
             int         *year,
             GError     **error)
{
  JsonNode *node;

  node = json_object_get_member (root, "format");
  if (node == NULL || !ca_json_holds_type (node, G_TYPE_STRING) ||
      g_strcmp0 (json_node_get_string (node), FORMAT_NAME) != 0)
    {
      set_error_at (error, CA_PROGRAMME_FILE_ERROR_INVALID, "format",
                    _("not a programme file: it should say \"format\": \"%s\""), FORMAT_NAME);
      return FALSE;
    }

  node = json_object_get_member (root, "version");
  if (node == NULL || !ca_json_holds_type (node, G_TYPE_INT64) || json_node_get_int (node) < 1)
    {
      set_error_at (error, CA_PROGRAMME_FILE_ERROR_INVALID, "version",
                    _("should be the format’s version, a whole number such as %d"),
                    FORMAT_VERSION);
      return FALSE;
    }
  if (json_node_get_int (node) > FORMAT_VERSION)
    {
      set_error_at (error, CA_PROGRAMME_FILE_ERROR_TOO_NEW, "version",
                    _("the file is in version %" G_GINT64_FORMAT " of the format, made by a "
                      "newer Case Audit; this one reads version %d"),
                    json_node_get_int (node), FORMAT_VERSION);
      return FALSE;
    }

  *year = 0;
  node = json_object_get_member (root, "year");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!ca_json_holds_type (node, G_TYPE_INT64) || json_node_get_int (node) < 1900 ||
          json_node_get_int (node) > 9999)
        {
          set_error_at (error, CA_PROGRAMME_FILE_ERROR_INVALID, "year",
                        _("should be a year such as 2021"));
          return FALSE;
        }
      *year = (int) json_node_get_int (node);
    }
  return TRUE;
}

static JsonArray *
get_array (JsonObject  *root,
           const char  *name,
           GError     **error)
{
  JsonNode *node = json_object_get_member (root, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_error_at (error, CA_PROGRAMME_FILE_ERROR_INVALID, name, _("should be a list, [ … ]"));
      return NULL;
    }
  return json_node_get_array (node);
}

void
ca_programme_file_free (CaProgrammeFile *file)
{
  if (file == NULL)
    return;

  g_free (file->title);
  g_clear_pointer (&file->entries, g_ptr_array_unref);
  g_clear_pointer (&file->events, g_ptr_array_unref);
  g_free (file);
}

/**
 * ca_programme_file_parse:
 *
 * Reads and checks a whole programme file: every entry and event, every date a real day,
 * no month and strand twice, no event twice. Nothing is stored.
 *
 * Returns: (transfer full): the programme, or %NULL with @error saying where it is wrong
 */
CaProgrammeFile *
ca_programme_file_parse (const char  *contents,
                         gssize       length,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(CaProgrammeFile) file = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GError) parse_error = NULL;
  GError *array_error = NULL;
  JsonObject *root;
  JsonArray *entries, *events;
  JsonNode *node;

  g_return_val_if_fail (contents != NULL, NULL);

  /* Not UTF-8, nested too deep or with an escape that is no character: refused, with the
   * place, before json-glib sees it. */
  if (!ca_json_load (parser, contents, length, &parse_error))
    {
      ca_json_set_parse_error (error, CA_PROGRAMME_FILE_ERROR, CA_PROGRAMME_FILE_ERROR_INVALID,
                               parse_error);
      return NULL;
    }
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CA_PROGRAMME_FILE_ERROR, CA_PROGRAMME_FILE_ERROR_INVALID,
                   _("not a programme file: it should be a JSON object, { … }"));
      return NULL;
    }
  root = json_node_get_object (node);

  file = g_new0 (CaProgrammeFile, 1);
  file->entries = g_ptr_array_new_with_free_func (g_object_unref);
  file->events = g_ptr_array_new_with_free_func (g_object_unref);

  if (!read_header (root, &file->year, error) ||
      !check_members (root, "", file_members, error) ||
      !read_text (root, "", "title", FALSE, CA_TEXT_MAX_NAME, &file->title, error))
    return NULL;
  {
    g_autofree char *source = NULL;

    if (!read_text (root, "", "source", FALSE, CA_TEXT_MAX_NOTES, &source, error))
      return NULL;
  }

  entries = get_array (root, "entries", &array_error);
  if (array_error == NULL)
    events = get_array (root, "events", &array_error);
  if (array_error != NULL)
    {
      g_propagate_error (error, array_error);
      return NULL;
    }

  /* The first place each key was seen, to name both when one comes twice. */
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; entries != NULL && i < json_array_get_length (entries); i++)
    {
      g_autofree char *path = g_strdup_printf ("entries[%u]", i);
      g_autofree char *key = NULL;
      CaProgrammeEntry *entry = read_entry (json_array_get_element (entries, i), path,
                                            file->year, error);
      const char *first;

      if (entry == NULL)
        return NULL;
      g_ptr_array_add (file->entries, entry);
      key = g_strdup_printf ("entry\n%s\n%s", entry->month, entry->strand);
      if ((first = g_hash_table_lookup (seen, key)) != NULL)
        {
          set_error_at (error, CA_PROGRAMME_FILE_ERROR_INVALID, path,
                        _("a second entry for %s %s (the first is %s)"), entry->month,
                        entry->strand, first);
          return NULL;
        }
      g_hash_table_insert (seen, g_steal_pointer (&key), g_steal_pointer (&path));
    }

  for (guint i = 0; events != NULL && i < json_array_get_length (events); i++)
    {
      g_autofree char *path = g_strdup_printf ("events[%u]", i);
      g_autofree char *key = NULL;
      CaProgrammeEvent *event = read_event (json_array_get_element (events, i), path, error);
      const char *first;

      if (event == NULL)
        return NULL;
      g_ptr_array_add (file->events, event);
      key = g_strdup_printf ("event\n%s\n%s\n%s", event->date, event->kind, event->title);
      if ((first = g_hash_table_lookup (seen, key)) != NULL)
        {
          set_error_at (error, CA_PROGRAMME_FILE_ERROR_INVALID, path,
                        _("the same event twice (the first is %s)"), first);
          return NULL;
        }
      g_hash_table_insert (seen, g_steal_pointer (&key), g_steal_pointer (&path));
    }

  if (file->entries->len == 0 && file->events->len == 0)
    {
      g_set_error (error, CA_PROGRAMME_FILE_ERROR, CA_PROGRAMME_FILE_ERROR_INVALID,
                   _("the file has no programme entries and no events, so there is nothing "
                     "to import"));
      return NULL;
    }

  return g_steal_pointer (&file);
}

/**
 * ca_programme_file_read:
 *
 * Returns: (transfer full): the programme in the file at @path, or %NULL with @error set
 */
CaProgrammeFile *
ca_programme_file_read (const char  *path,
                        GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) contents = NULL;
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (path != NULL, NULL);

  /* Read once and bounded while reading: /dev/zero or a huge file is refused before it
   * fills the memory, and a pipe works. */
  file = g_file_new_for_path (path);
  contents = ca_input_file_read (file, MAX_FILE_SIZE, CA_INPUT_FILE_WAIT_SECONDS, NULL, error);
  if (contents == NULL)
    return NULL;
  data = g_bytes_get_data (contents, &length);
  return ca_programme_file_parse (length > 0 ? data : "", (gssize) length, error);
}

/**
 * ca_programme_file_load_example:
 *
 * The 2021 programme of Dudley’s Audit Programme (seed 04) that ships with Case Audit (R-C5).
 *
 * Returns: (transfer full): the programme, or %NULL with @error set
 */
CaProgrammeFile *
ca_programme_file_load_example (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;
  const char *data;

  bytes = g_resources_lookup_data (CA_PROGRAMME_EXAMPLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                   error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  return ca_programme_file_parse (data, (gssize) length, error);
}


/* Writing ----------------------------------------------------------------------------------- */

static void
add_text (JsonBuilder *builder,
          const char  *name,
          const char  *text)
{
  if (text == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, text);
}

static void
add_text_list (JsonBuilder        *builder,
               const char         *name,
               const char * const *lines)
{
  if (lines == NULL || lines[0] == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; lines[i] != NULL; i++)
    json_builder_add_string_value (builder, lines[i]);
  json_builder_end_array (builder);
}

static void
add_entry (JsonBuilder      *builder,
           CaProgrammeEntry *entry)
{
  json_builder_begin_object (builder);
  add_text (builder, "month", ca_programme_entry_get_month (entry));
  add_text (builder, "strand", ca_programme_entry_get_strand (entry));
  add_text (builder, "focus", ca_programme_entry_get_focus (entry));
  add_text_list (builder, "questions", ca_programme_entry_get_questions (entry));
  add_text (builder, "allocation_date", ca_programme_entry_get_allocation_date (entry));
  add_text (builder, "return_date", ca_programme_entry_get_return_date (entry));
  add_text (builder, "briefing_date", ca_programme_entry_get_briefing_date (entry));
  add_text_list (builder, "training", ca_programme_entry_get_training (entry));
  json_builder_end_object (builder);
}

static void
add_event (JsonBuilder      *builder,
           CaProgrammeEvent *event)
{
  json_builder_begin_object (builder);
  add_text (builder, "date", ca_programme_event_get_date (event));
  add_text (builder, "kind", ca_programme_event_get_kind (event));
  add_text (builder, "title", ca_programme_event_get_title (event));
  add_text (builder, "notes", ca_programme_event_get_notes (event));
  json_builder_end_object (builder);
}

/**
 * ca_programme_file_to_json:
 *
 * Returns: (transfer full): @file in the format ca_programme_file_parse() reads (version 1),
 *   members in the order the example programme has them, so that a file exported, edited by
 *   hand and imported again reads as the team wrote it
 */
char *
ca_programme_file_to_json (const CaProgrammeFile *file)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (file != NULL, NULL);

  json_builder_begin_object (builder);
  add_text (builder, "format", FORMAT_NAME);
  ca_json_add_int_member (builder, "version", FORMAT_VERSION);
  if (file->year != 0)
    ca_json_add_int_member (builder, "year", file->year);
  add_text (builder, "title", file->title);
  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  for (guint i = 0; i < file->entries->len; i++)
    add_entry (builder, file->entries->pdata[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint i = 0; i < file->events->len; i++)
    add_event (builder, file->events->pdata[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return ca_json_to_text (builder, TRUE);
}

/**
 * ca_programme_file_write:
 * @flags: whether a file already at @path may be replaced
 *
 * Writes @file to @path, readable by its owner alone, whole or not at all.
 *
 * Returns: %FALSE with @error set when nothing was written
 */
gboolean
ca_programme_file_write (const CaProgrammeFile  *file,
                         const char             *path,
                         CaOutputFileFlags       flags,
                         GError                **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = ca_programme_file_to_json (file);
  return ca_output_file_set_contents (path, text, -1, flags, CA_OUTPUT_FILE_PRIVATE, error);
}
