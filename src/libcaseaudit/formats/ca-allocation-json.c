// SPDX-License-Identifier: GPL-3.0-or-later
// The allocation's JSON: a run's settings as allocation_run.settings keeps them and
// "allocate --settings" reads them, and a preview as "allocate --json" prints it.

#define G_LOG_DOMAIN "ca-allocation-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ca-allocation-store.h"
#include "ca-json-path.h"
#include "ca-json-scan.h"
#include "core/ca-date.h"

static void
add_settings (JsonBuilder                *builder,
              const CaAllocationSettings *settings)
{
  g_autofree char *date = g_date_valid (&settings->allocation_date)
                            ? ca_date_format (&settings->allocation_date) : NULL;

  json_builder_begin_object (builder);
  ca_json_add_string_member (builder, "month", settings->month);
  ca_json_add_string_member (builder, "allocation_date", date);
  json_builder_set_member_name (builder, "service_areas");
  json_builder_begin_array (builder);
  for (guint i = 0; settings->service_areas != NULL && settings->service_areas[i]; i++)
    json_builder_add_string_value (builder, settings->service_areas[i]);
  json_builder_end_array (builder);
  ca_json_add_int_member (builder, "closed_within_days", settings->closed_within_days);
  ca_json_add_int_member (builder, "recent_audit_months", settings->recent_audit_months);
  ca_json_add_int_member (builder, "repeat_months", settings->repeat_months);
  ca_json_add_string_member (builder, "restricted", ca_restricted_policy_to_string (settings->restricted));
  json_builder_set_member_name (builder, "sample");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rule");
  if (settings->sample_rule == CA_SAMPLE_FIXED)
    {
      json_builder_add_string_value (builder, "fixed");
      ca_json_add_int_member (builder, "count", settings->fixed_count);
    }
  else
    {
      json_builder_add_string_value (builder, "percent");
      ca_json_add_int_member (builder, "percent", settings->sample_percent);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "strata");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "service-area");
  json_builder_add_string_value (builder, "team");
  if (settings->strata & CA_STRATA_ETHNICITY)
    json_builder_add_string_value (builder, "ethnicity");
  if (settings->strata & CA_STRATA_LOCALITY)
    json_builder_add_string_value (builder, "locality");
  json_builder_end_array (builder);
  ca_json_add_int_member (builder, "seed", (gint64) settings->seed);
  json_builder_end_object (builder);
}

/* The run's inputs as allocation_run.settings keeps them. */
char *
ca_allocation_settings_to_json (const CaAllocationSettings *settings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (settings != NULL, NULL);

  add_settings (builder, settings);
  return ca_json_to_text (builder, FALSE);
}

static gpointer
damaged (GError **error)
{
  g_set_error (error, CA_ALLOCATION_STORE_ERROR, CA_ALLOCATION_STORE_ERROR_DAMAGED,
               _("The stored settings of this allocation run cannot be read."));
  return NULL;
}

static gboolean
read_int (JsonObject *object,
          const char *name,
          int         low,
          int         high,
          int        *value)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 number;

  if (node == NULL)
    return TRUE;   /* the default */
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  number = json_node_get_int (node);
  if (number < low || number > high)
    return FALSE;
  *value = (int) number;
  return TRUE;
}

/* A text member: FALLBACK when it is left out, NULL when it is null, and FALSE when it is
 * something else (json_object_get_string_member_with_default() gives a critical warning for
 * a list or an object, found by tests/fuzz/fuzz-allocation-settings.c). */
static gboolean
read_string (JsonObject  *object,
             const char  *name,
             const char  *fallback,
             const char **value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    *value = fallback;
  else if (JSON_NODE_HOLDS_NULL (node))
    *value = NULL;
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    *value = json_node_get_string (node);
  else
    return FALSE;
  return TRUE;
}

/**
 * ca_allocation_settings_from_json:
 *
 * Reads back what ca_allocation_settings_to_json() wrote (allocation_run.settings), so a
 * committed run can be shown and repeated with its seed. Members left out take the defaults.
 *
 * Returns: (transfer full): the settings, or %NULL with CA_ALLOCATION_STORE_ERROR_DAMAGED
 */
CaAllocationSettings *
ca_allocation_settings_from_json (const char  *json,
                                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(CaAllocationSettings) settings = NULL;
  JsonObject *object, *sample;
  JsonArray *array;
  JsonNode *node;
  const char *text;

  g_return_val_if_fail (json != NULL, NULL);

  /* Written by Case Audit, but the database file may have come from anywhere: read as
   * warily as any file (ca_json_load() refuses nesting that would crash json-glib). */
  if (!ca_json_load (parser, json, -1, NULL) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return damaged (error);
  object = json_node_get_object (json_parser_get_root (parser));

  if (!read_string (object, "month", NULL, &text) || text == NULL ||
      !ca_allocation_parse_month (text, NULL))
    return damaged (error);
  settings = ca_allocation_settings_new (text);

  if (!read_string (object, "allocation_date", NULL, &text) ||
      (text != NULL && !ca_date_parse (text, &settings->allocation_date)))
    return damaged (error);

  if ((node = json_object_get_member (object, "service_areas")) != NULL &&
      JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING)
            return damaged (error);
          g_strv_builder_add (names, json_node_get_string (element));
        }
      if (json_array_get_length (array) > 0)
        settings->service_areas = g_strv_builder_end (names);
    }

  if (!read_int (object, "closed_within_days", 0, 3660, &settings->closed_within_days) ||
      !read_int (object, "recent_audit_months", 0, 120, &settings->recent_audit_months) ||
      !read_int (object, "repeat_months", 0, 120, &settings->repeat_months))
    return damaged (error);

  if (!read_string (object, "restricted", "exclude", &text) ||
      !ca_restricted_policy_from_string (text, &settings->restricted))
    return damaged (error);

  if ((node = json_object_get_member (object, "sample")) != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return damaged (error);
      sample = json_node_get_object (node);
      if (!read_string (sample, "rule", "percent", &text))
        return damaged (error);
      if (g_strcmp0 (text, "fixed") == 0)
        {
          settings->sample_rule = CA_SAMPLE_FIXED;
          /* A fixed sample has no default size: without "count" it would be 0, which no
           * run can have and ca_allocation_settings_to_json() would write back unreadable
           * (found by tests/fuzz/fuzz-allocation-settings.c). */
          if (!read_int (sample, "count", 1, 100000, &settings->fixed_count) ||
              settings->fixed_count < 1)
            return damaged (error);
        }
      else if (g_strcmp0 (text, "percent") != 0 ||
               !read_int (sample, "percent", 1, 100, &settings->sample_percent))
        return damaged (error);
    }

  if ((node = json_object_get_member (object, "strata")) != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *name = JSON_NODE_HOLDS_VALUE (element) ?
                             json_node_get_string (element) : NULL;

          if (g_strcmp0 (name, "ethnicity") == 0)
            settings->strata |= CA_STRATA_ETHNICITY;
          else if (g_strcmp0 (name, "locality") == 0)
            settings->strata |= CA_STRATA_LOCALITY;
        }
    }

  if ((node = json_object_get_member (object, "seed")) != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          json_node_get_int (node) < 0)
        return damaged (error);
      settings->seed = (guint64) json_node_get_int (node);
    }
  return g_steal_pointer (&settings);
}

/**
 * ca_allocation_preview_to_json:
 *
 * The preview as `case-audit allocate --json` prints it: month, seed, allocations (case_ref,
 * auditor_id as the staff reference, stratum, reason), every exclusion reason with its count
 * and the unplaced cases with why. The same preview always gives the same bytes.
 */
char *
ca_allocation_preview_to_json (const CaAllocationPreview *preview)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const CaAllocationResult *result;

  g_return_val_if_fail (preview != NULL, NULL);

  result = preview->result;
  json_builder_begin_object (builder);
  ca_json_add_string_member (builder, "month", preview->settings->month);
  ca_json_add_int_member (builder, "seed", (gint64) preview->settings->seed);

  json_builder_set_member_name (builder, "allocations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->picks->len; i++)
    {
      const CaAllocationPick *pick = result->picks->pdata[i];

      json_builder_begin_object (builder);
      ca_json_add_string_member (builder, "case_ref", pick->case_ref);
      ca_json_add_string_member (builder, "auditor_id", pick->auditor_ref);
      ca_json_add_string_member (builder, "stratum", pick->stratum);
      ca_json_add_string_member (builder, "reason", pick->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "excluded");
  json_builder_begin_object (builder);
  for (int r = 0; r < CA_EXCLUSION_N; r++)
    {
      ca_json_add_int_member (builder, ca_exclusion_reason_to_string (r), result->excluded[r]);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "unplaced");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->unplaced->len; i++)
    {
      const CaAllocationUnplaced *unplaced = result->unplaced->pdata[i];

      json_builder_begin_object (builder);
      ca_json_add_string_member (builder, "case_ref", unplaced->case_ref);
      ca_json_add_string_member (builder, "reason", unplaced->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return ca_json_to_text (builder, TRUE);
}

