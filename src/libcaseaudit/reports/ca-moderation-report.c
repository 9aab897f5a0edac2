// SPDX-License-Identifier: GPL-3.0-or-later
// A submitted Stage 2 moderation (R-H3) as a section of a council document.
//
// Seed 02: "Social workers and their line manager receive a copy of the individual case
// audit … which is uploaded to the child's file following stage 1 and stage 2." The section
// sets the moderator's grades beside the auditor's, with why they differ, then the
// reflective discussion and whether the work has made a difference for the child.

#define G_LOG_DOMAIN "ca-moderation-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-action-owner.h"
#include "ca-moderation-report.h"
#include "core/ca-date.h"

static const char *
grade_label (CaGrade grade)
{
  return grade != CA_GRADE_NONE ? ca_grade_get_label (grade) : _("Not graded");
}

static char *
format_date (const char *iso_date,
             const char *if_missing)
{
  return ca_rule_text_is_blank (iso_date) ? g_strdup (if_missing)
                                          : ca_date_format_display (iso_date);
}

/* The names of those who took part, in the order the form lists them. */
static char *
describe_participants (const CaModerationSheet *sheet)
{
  g_auto(GStrv) ids = g_strsplit (sheet->form->participants != NULL
                                  ? sheet->form->participants : "", ",", -1);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < sheet->people->len; i++)
    {
      const CaModerationPerson *person = g_ptr_array_index (sheet->people, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, person->id);

      if (!g_strv_contains ((const char * const *) ids, id))
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      /* Translators: a participant and their part: "Zoe Walker (Social worker)" */
      g_string_append_printf (names, _("%s (%s)"), person->name, person->part);
    }
  return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE)
                        : g_strdup (_("Not recorded"));
}

/**
 * ca_moderation_report_describe_owner:
 *
 * Returns: (transfer full): the name of @owner_id, the owner of one of @sheet's further
 *   actions, or words saying there is none
 */
char *
ca_moderation_report_describe_owner (const CaModerationSheet *sheet,
                                     gint64                   owner_id)
{
  g_return_val_if_fail (sheet != NULL, NULL);

  if (owner_id <= 0)
    return g_strdup (_("No owner"));
  for (guint i = 0; sheet->owners != NULL && i < sheet->owners->len; i++)
    {
      const CaActionOwner *owner = g_ptr_array_index (sheet->owners, i);

      if (owner->id == owner_id)
        return g_strdup (owner->name);
    }
  return g_strdup (_("Someone no longer listed"));
}

/**
 * ca_moderation_report_describe_action:
 *
 * Returns: (transfer full): one of @sheet's further actions in a sentence, as the alert lists
 *   them and a choice between two versions of it shows them
 */
char *
ca_moderation_report_describe_action (const CaModerationSheet *sheet,
                                      const CaDraftAction     *action)
{
  g_autofree char *owner = ca_moderation_report_describe_owner (sheet, action->owner_id);
  g_autofree char *due = format_date (action->due_date, _("no due date"));

  /* Translators: one further action: "Genogram with the father — Zoe Walker, by 30 Jun 2031.
   * Impact for the child: her father is part of her plan" */
  return g_strdup_printf (_("%s — %s, by %s. Impact for the child: %s"),
                          action->description != NULL ? action->description
                                                      : _("(not described)"),
                          owner, due, action->impact != NULL ? action->impact
                                                             : _("not recorded"));
}

static const char *
text_or (const char *text,
         const char *if_blank)
{
  return ca_rule_text_is_blank (text) ? if_blank : text;
}

/* A part's heading: its title in the moderation's Stage 2 tool version (R-E2), as the form
 * showed it, or FALLBACK. */
static void
add_part_heading (CaDocument              *document,
                  const CaModerationSheet *sheet,
                  const char              *part_id,
                  const char              *fallback)
{
  const char *title = ca_moderation_sheet_part_title (sheet, part_id);

  ca_document_add_subheading (document, title != NULL ? title : fallback);
}

/* The further actions (R-H3) as the audit's actions are shown: a table; what an older
 * moderation recorded as one text follows as it was. */
static void
add_further_actions (CaDocument              *document,
                     const CaModerationSheet *sheet)
{
  static const double widths[] = { 0.36, 0.17, 0.14, 0.33 };
  const char *titles[] = {
    _("Action"), _("Owner"), _("Due"), _("Expected impact for the child"),
  };
  const CaModerationForm *form = sheet->form;

  add_part_heading (document, sheet, CA_TOOL_PART_FURTHER_ACTIONS, _("Further actions"));
  if (form->actions->len == 0)
    {
      ca_document_add_text (document, form->further_actions, _("None."), 2.0);
      return;
    }
  ca_document_begin_table (document, G_N_ELEMENTS (widths), widths, titles, 2.0);
  for (guint i = 0; i < form->actions->len; i++)
    {
      const CaDraftAction *action = g_ptr_array_index (form->actions, i);
      g_autofree char *owner = ca_moderation_report_describe_owner (sheet, action->owner_id);
      g_autofree char *due = format_date (action->due_date, _("Not set"));
      const char *cells[] = {
        text_or (action->description, _("Not described")), owner, due,
        text_or (action->impact, _("Not recorded")),
      };

      ca_document_add_row (document, cells);
    }
  if (!ca_rule_text_is_blank (form->further_actions))
    ca_document_add_text (document, form->further_actions, NULL, 4.0);
}

static void
add_grade_row (CaDocument *document,
               const char *part,
               CaGrade     auditor,
               CaGrade     moderator,
               const char *why)
{
  const char *cells[] = {
    part, grade_label (auditor), grade_label (moderator),
    auditor == moderator ? _("Agreed") : (ca_rule_text_is_blank (why) ? "" : why),
  };
  CaDocumentStyle styles[] = {
    CA_DOCUMENT_STYLE_BODY, CA_DOCUMENT_STYLE_BODY,
    auditor == moderator ? CA_DOCUMENT_STYLE_BODY : CA_DOCUMENT_STYLE_STRONG,
    CA_DOCUMENT_STYLE_BODY,
  };

  ca_document_add_row_full (document, cells, styles, FALSE);
}

/**
 * ca_moderation_report_add:
 * @sheet: a moderation as ca_moderation_form_store_load() reads it; one not yet submitted
 *   adds nothing
 *
 * Adds the moderation to @document as a section of its own.
 */
void
ca_moderation_report_add (CaDocument              *document,
                          const CaModerationSheet *sheet)
{
  static const double widths[] = { 0.27, 0.2, 0.2, 0.33 };
  const char *titles[] = { _("Part of the audit"), _("Auditor"), _("Moderator"),
                           _("Why the moderator differs") };
  const CaModerationForm *form;
  g_autofree char *moderated_on = NULL;
  g_autofree char *discussed_on = NULL;
  g_autofree char *participants = NULL;
  g_autofree char *difference = NULL;

  g_return_if_fail (CA_IS_DOCUMENT (document));
  g_return_if_fail (sheet != NULL);

  if (sheet->moderated_on == NULL)
    return;
  form = sheet->form;

  ca_document_add_heading (document, _("Moderation (Stage 2)"));
  ca_document_add_paragraph (document, CA_DOCUMENT_STYLE_BODY, "", 4.0);
  ca_document_keep_with_next (document);
  moderated_on = format_date (sheet->moderated_on, _("Not recorded"));
  discussed_on = format_date (form->discussion_date, _("Not recorded"));
  participants = describe_participants (sheet);
  ca_document_add_key_value (document, _("Moderator"), sheet->moderator_name);
  ca_document_add_key_value (document, _("Moderated on"), moderated_on);
  ca_document_add_key_value (document, _("Reflective discussion"), discussed_on);
  ca_document_add_key_value (document, _("Took part"), participants);

  ca_document_begin_table (document, G_N_ELEMENTS (widths), widths, titles, 6.0);
  for (guint i = 0; i < sheet->sections->len; i++)
    {
      const CaModeratedSection *section = g_ptr_array_index (sheet->sections, i);

      add_grade_row (document, section->title, section->auditor_grade,
                     ca_moderation_form_get_grade (form, section->id),
                     ca_moderation_form_get_why (form, section->id));
    }
  add_grade_row (document, _("Overall"), sheet->auditor_overall, form->overall_grade,
                 form->overall_why);

  add_further_actions (document, sheet);
  add_part_heading (document, sheet, CA_TOOL_PART_LEARNING, _("Learning"));
  ca_document_add_text (document, form->learning, _("Not recorded."), 2.0);
  add_part_heading (document, sheet, CA_TOOL_PART_DIFFERENCE,
                    _("Has the work made a difference for the child?"));
  if (ca_rule_text_is_blank (form->difference_comment))
    difference = g_strdup (ca_moderation_sheet_difference_label (sheet));
  else
    /* Translators: the answer and its comment: "Partly. The plan has dates now." */
    difference = g_strdup_printf (_("%s. %s"), ca_moderation_sheet_difference_label (sheet),
                                  form->difference_comment);
  ca_document_add_text (document, difference, NULL, 2.0);
}
