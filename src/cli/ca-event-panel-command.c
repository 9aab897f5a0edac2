// SPDX-License-Identifier: GPL-3.0-or-later
// case-audit event panel: what a moderation panel reviewed and concluded (R-H5): shows it, or
// adds an audit to its list, takes one off, or sets its conclusions.

#define G_LOG_DOMAIN "ca-event-panel-command"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ca-command-line-private.h"
#include "ca-json-path.h"
#include "ca-panel-store.h"

#define COMMAND "event panel"

static void
print_json (const CaPanel *panel)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  ca_json_add_int_member (builder, "event", panel->event_id);
  ca_json_add_string_member (builder, "date", panel->date);
  ca_json_add_string_member (builder, "title", panel->title);
  ca_json_add_string_member (builder, "conclusions", panel->conclusions);
  json_builder_set_member_name (builder, "audits");
  json_builder_begin_array (builder);
  for (guint i = 0; i < panel->audits->len; i++)
    {
      const CaPanelAudit *audit = panel->audits->pdata[i];

      json_builder_begin_object (builder);
      ca_json_add_int_member (builder, "audit", audit->audit_id);
      ca_json_add_string_member (builder, "case_ref", audit->case_ref);
      ca_json_add_string_member (builder, "auditor", audit->auditor);
      /* CA_GRADE_NONE has no code, so an audit without a grade is written as null. */
      ca_json_add_string_member (builder, "overall_grade",
                                 ca_grade_to_string (audit->overall_grade));
      ca_json_add_string_member (builder, "moderated_grade",
                                 ca_grade_to_string (audit->moderated_grade));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  ca_command_line_print_json (builder);
}

static const char *
grade_label (CaGrade grade)
{
  /* TRANSLATORS: an audit not moderated, or without a grade, in the panel's list */
  return grade == CA_GRADE_NONE ? _("—") : ca_grade_get_label (grade);
}

static void
print_text (const CaPanel *panel)
{
  /* TRANSLATORS: a moderation panel's title and date (YYYY-MM-DD) */
  g_print (_("%s, %s\n"), panel->title, panel->date);
  if (panel->audits->len == 0)
    g_print (_("No audits reviewed yet.\n"));
  else
    {
      g_print (_("Audits reviewed (audit, case, auditor, auditor’s grade, moderated grade):\n"));
      for (guint i = 0; i < panel->audits->len; i++)
        {
          const CaPanelAudit *audit = panel->audits->pdata[i];

          g_print ("%6" G_GINT64_FORMAT "  %-12s %-24s %-22s %s\n", audit->audit_id,
                   audit->case_ref, audit->auditor, grade_label (audit->overall_grade),
                   grade_label (audit->moderated_grade));
        }
    }
  if (panel->conclusions == NULL)
    g_print (_("No conclusions recorded yet.\n"));
  else
    g_print (_("Conclusions:\n%s\n"), panel->conclusions);
}

static gboolean
parse_number (const char *text,
              const char *what,
              gint64     *number)
{
  if (ca_command_line_parse_id (text, number))
    return TRUE;
  /* TRANSLATORS: the number typed, then "an event" or "an audit" */
  g_printerr (_("case-audit %s: “%s” is not the number of %s.\n"), COMMAND, text, what);
  return FALSE;
}

/**
 * ca_event_panel_command_run:
 * @event_text: the panel's event number, as typed
 * @add: (nullable): an audit's number to add to the panel's list
 * @remove: (nullable): an audit's number to take off it
 * @conclusions: (nullable): the panel's conclusions; empty clears them
 *
 * `case-audit event panel EVENT [--add AUDIT | --remove AUDIT | --conclusions TEXT] [--json]`.
 * With none of the three it shows the panel, as text or as JSON.
 */
int
ca_event_panel_command_run (const char *database_path,
                            const char *event_text,
                            const char *add,
                            const char *remove,
                            const char *conclusions,
                            gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(CaPanel) panel = NULL;
  gint64 event_id = 0;
  gint64 audit_id = 0;
  gboolean ok = TRUE;

  if ((add != NULL) + (remove != NULL) + (conclusions != NULL) > 1 ||
      (json && (add != NULL || remove != NULL || conclusions != NULL)))
    {
      g_printerr (_("case-audit %s: do one thing at a time: --add, --remove or "
                    "--conclusions, or show the panel (with --json if wanted).\n"), COMMAND);
      ca_command_line_usage_hint ("event");
      return CA_COMMAND_LINE_EXIT_USAGE;
    }
  if (!parse_number (event_text, _("an event (“case-audit event list” shows them)"),
                     &event_id) ||
      (add != NULL && !parse_number (add, _("an audit"), &audit_id)) ||
      (remove != NULL && !parse_number (remove, _("an audit"), &audit_id)))
    return CA_COMMAND_LINE_EXIT_FAILED;

  /* Panels belong to a database that is already there: a mistyped path makes none. */
  database = ca_command_line_open_database (database_path, FALSE, &error);
  if (database == NULL)
    ok = FALSE;
  else if (add != NULL)
    ok = ca_panel_store_add_audit (database, event_id, audit_id, &error);
  else if (remove != NULL)
    ok = ca_panel_store_remove_audit (database, event_id, audit_id, &error);
  else if (conclusions != NULL)
    ok = ca_panel_store_set_conclusions (database, event_id, conclusions, &error);
  if (ok)
    {
      panel = ca_panel_store_load (database, event_id, &error);
      ok = panel != NULL;
    }
  if (!ok)
    {
      g_printerr ("case-audit %s: %s\n", COMMAND, error->message);
      return CA_COMMAND_LINE_EXIT_FAILED;
    }

  if (add != NULL)
    g_print (_("Added audit %" G_GINT64_FORMAT " to the panel.\n"), audit_id);
  else if (remove != NULL)
    g_print (_("Took audit %" G_GINT64_FORMAT " off the panel’s list.\n"), audit_id);
  else if (conclusions != NULL)
    g_print (_("Recorded the panel’s conclusions.\n"));
  if (json)
    print_json (panel);
  else
    print_text (panel);
  return 0;
}
