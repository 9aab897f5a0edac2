// SPDX-License-Identifier: GPL-3.0-or-later
// Reads the official bank-holidays JSON into a holiday calendar; the list Case Audit ships.

#define G_LOG_DOMAIN "ca-bank-holidays"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ca-bank-holidays.h"
#include "ca-date.h"
#include "ca-json-scan.h"
#include "core/ca-text.h"

#define DIVISION "england-and-wales"

G_DEFINE_QUARK (ca-bank-holidays-error-quark, ca_bank_holidays_error)

/* Whether TEXT has the shape YYYY-MM-DD, whether or not it names a real day. */
static gboolean
looks_like_date (const char *text)
{
  for (int i = 0; i < 10; i++)
    {
      if (text[i] == '\0')
        return FALSE;
      if ((i == 4 || i == 7) ? text[i] != '-' : !g_ascii_isdigit (text[i]))
        return FALSE;
    }
  return text[10] == '\0';
}

static gboolean
read_event (JsonNode   *node,
            guint       index,
            CaHoliday  *holiday,
            GError    **error)
{
  JsonObject *event;
  JsonNode *date_node, *title_node;
  g_autofree char *where = NULL;
  const char *text;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CA_BANK_HOLIDAYS_ERROR, CA_BANK_HOLIDAYS_ERROR_INVALID,
                   _("%s.events[%u]: expected an event with a title and a date"),
                   DIVISION, index);
      return FALSE;
    }
  event = json_node_get_object (node);

  date_node = json_object_get_member (event, "date");
  if (date_node == NULL)
    {
      g_set_error (error, CA_BANK_HOLIDAYS_ERROR, CA_BANK_HOLIDAYS_ERROR_INVALID,
                   _("%s.events[%u].date: missing; every event needs a date"), DIVISION, index);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (date_node) || json_node_get_value_type (date_node) != G_TYPE_STRING)
    {
      g_set_error (error, CA_BANK_HOLIDAYS_ERROR, CA_BANK_HOLIDAYS_ERROR_INVALID,
                   _("%s.events[%u].date: expected a date as text, written YYYY-MM-DD"),
                   DIVISION, index);
      return FALSE;
    }
  text = json_node_get_string (date_node);
  if (!looks_like_date (text))
    {
      g_set_error (error, CA_BANK_HOLIDAYS_ERROR, CA_BANK_HOLIDAYS_ERROR_INVALID,
                   _("%s.events[%u].date: \"%s\" is not a date; write it as YYYY-MM-DD"),
                   DIVISION, index, text);
      return FALSE;
    }
  if (!ca_date_parse (text, &holiday->date))
    {
      g_set_error (error, CA_BANK_HOLIDAYS_ERROR, CA_BANK_HOLIDAYS_ERROR_INVALID,
                   _("%s.events[%u].date: \"%s\" is not a real date"), DIVISION, index, text);
      return FALSE;
    }

  holiday->title = NULL;
  title_node = json_object_get_member (event, "title");
  if (title_node != NULL && !JSON_NODE_HOLDS_NULL (title_node))
    {
      if (!JSON_NODE_HOLDS_VALUE (title_node) ||
          json_node_get_value_type (title_node) != G_TYPE_STRING)
        {
          g_set_error (error, CA_BANK_HOLIDAYS_ERROR, CA_BANK_HOLIDAYS_ERROR_INVALID,
                       _("%s.events[%u].title: expected the holiday's name as text"),
                       DIVISION, index);
          return FALSE;
        }
      /* A holiday's name is stored and shown in the calendar: one line's worth of text. */
      text = json_node_get_string (title_node);
      where = g_strdup_printf ("%s.events[%u].title", DIVISION, index);
      if (!ca_text_check_full (text, CA_TEXT_MAX_NAME, where, CA_BANK_HOLIDAYS_ERROR,
                               CA_BANK_HOLIDAYS_ERROR_INVALID, error))
        return FALSE;
      /* Not interned here: a file refused further on must leave nothing behind in the
       * process's table of interned strings, which is never freed. The calendar interns the
       * titles of a file it takes (ca_holiday_calendar_add_table_entry()); until then this
       * points into the parser's tree. */
      holiday->title = text;
    }
  return TRUE;
}

/* The events of the England and Wales division, checked, in file order. Their titles point
 * into PARSER's tree. */
static GArray *
read_events (JsonParser  *parser,
             const char  *json,
             gssize       length,
             GError     **error)
{
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GArray) holidays = NULL;
  g_autoptr(GHashTable) seen = NULL;
  JsonNode *root, *division, *events;
  JsonArray *array;

  /* Not UTF-8, nested too deep or with an escape that is no character (a title with
   * \ud800 in it): refused, with the place, before json-glib sees it. */
  if (!ca_json_load (parser, json, length, &parse_error))
    {
      if (parse_error->domain == CA_JSON_ERROR)
        g_set_error (error, CA_BANK_HOLIDAYS_ERROR, CA_BANK_HOLIDAYS_ERROR_NOT_JSON,
                     _("This bank-holidays file cannot be read: %s."), parse_error->message);
      else
        g_set_error (error, CA_BANK_HOLIDAYS_ERROR, CA_BANK_HOLIDAYS_ERROR_NOT_JSON,
                     _("This is not a bank-holidays file: it is not JSON (%s)."),
                     parse_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, CA_BANK_HOLIDAYS_ERROR, CA_BANK_HOLIDAYS_ERROR_NOT_JSON,
                           _("This is not a bank-holidays file: it is empty."));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, CA_BANK_HOLIDAYS_ERROR, CA_BANK_HOLIDAYS_ERROR_NO_DIVISION,
                           _("This is not a bank-holidays file: it should be a JSON object with "
                             "an \"england-and-wales\" division."));
      return NULL;
    }

  division = json_object_get_member (json_node_get_object (root), DIVISION);
  if (division == NULL)
    {
      g_set_error_literal (error, CA_BANK_HOLIDAYS_ERROR, CA_BANK_HOLIDAYS_ERROR_NO_DIVISION,
                           _("This bank-holidays file has no \"england-and-wales\" division: "
                             "Case Audit counts working days in England and Wales."));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (division))
    {
      g_set_error (error, CA_BANK_HOLIDAYS_ERROR, CA_BANK_HOLIDAYS_ERROR_INVALID,
                   _("%s: expected an object with a list of events"), DIVISION);
      return NULL;
    }

  events = json_object_get_member (json_node_get_object (division), "events");
  if (events == NULL || !JSON_NODE_HOLDS_ARRAY (events))
    {
      g_set_error (error, CA_BANK_HOLIDAYS_ERROR, CA_BANK_HOLIDAYS_ERROR_INVALID,
                   events == NULL ? _("%s.events: missing; the division needs a list of events")
                                  : _("%s.events: expected a list of events"),
                   DIVISION);
      return NULL;
    }

  array = json_node_get_array (events);
  holidays = g_array_sized_new (FALSE, TRUE, sizeof (CaHoliday), json_array_get_length (array));
  seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      CaHoliday holiday;
      guint32 julian;

      if (!read_event (json_array_get_element (array, i), i, &holiday, error))
        return NULL;

      julian = g_date_get_julian (&holiday.date);
      if (g_hash_table_contains (seen, GUINT_TO_POINTER (julian)))
        {
          g_autofree char *text = ca_date_format (&holiday.date);

          g_set_error (error, CA_BANK_HOLIDAYS_ERROR, CA_BANK_HOLIDAYS_ERROR_INVALID,
                       _("%s.events[%u].date: \"%s\" is listed twice"), DIVISION, i, text);
          return NULL;
        }
      g_hash_table_add (seen, GUINT_TO_POINTER (julian));
      g_array_append_val (holidays, holiday);
    }

  return g_steal_pointer (&holidays);
}

/* Reads the official bank-holidays JSON and makes CALENDAR's table cover each year the file
 * has events in, with exactly the file's dates for it; other years are left as they were.
 * A file with any mistake changes nothing and says where the mistake is. */
gboolean
ca_bank_holidays_apply_json (CaHolidayCalendar  *calendar,
                             const char         *json,
                             gssize              length,
                             GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GArray) holidays = NULL;
  g_autoptr(GHashTable) years = NULL;

  g_return_val_if_fail (calendar != NULL, FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  holidays = read_events (parser, json, length, error);
  if (holidays == NULL)
    return FALSE;

  /* Replace whole years, so the rules' dates for a year the file covers never linger. */
  years = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < holidays->len; i++)
    {
      const CaHoliday *holiday = &g_array_index (holidays, CaHoliday, i);
      GDateYear year = g_date_get_year (&holiday->date);

      if (g_hash_table_add (years, GUINT_TO_POINTER ((guint) year)))
        ca_holiday_calendar_set_year (calendar, year, NULL, 0);
      ca_holiday_calendar_add_table_entry (calendar, &holiday->date, holiday->title);
    }
  return TRUE;
}

/* A calendar with the file's table: the file's dates for the years it covers, the rules for
 * every other year. */
CaHolidayCalendar *
ca_bank_holidays_parse (const char  *json,
                        gssize       length,
                        GError     **error)
{
  g_autoptr(CaHolidayCalendar) calendar = ca_holiday_calendar_new ();

  g_return_val_if_fail (json != NULL, NULL);

  if (!ca_bank_holidays_apply_json (calendar, json, length, error))
    return NULL;
  return g_steal_pointer (&calendar);
}

/* The calendar Case Audit uses unless told otherwise: the official list it ships (2017–2027)
 * over the rules. */
CaHolidayCalendar *
ca_bank_holidays_load_default (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_resources_lookup_data (CA_BANK_HOLIDAYS_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  return ca_bank_holidays_parse (data, (gssize) length, error);
}
