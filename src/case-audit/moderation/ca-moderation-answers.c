// SPDX-License-Identifier: GPL-3.0-or-later
// The auditor's answers to a section's questions, read-only in the Stage 2 form (R-H3).
//
// The issue asks for the Stage 1 audit beside the moderator's form, section by section: each
// section shows the auditor's grade and comments, and these rows the answers behind them. They
// are folded away until asked for, so that the form stays short, and only the row that opens
// them is a Tab stop: nothing can be done in the answers themselves.

#define G_LOG_DOMAIN "ca-moderation-answers"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-form-rows.h"
#include "ca-moderation-answers.h"

/* Makes EXPANDER's rows the first time it is opened, from the questions and answers kept on
 * it in turn: the form's sections hold some fifty of them, and making and styling them all
 * before anyone asked kept the Stage 2 form from showing for about 70 ms. */
static void
expanded_cb (AdwExpanderRow *expander,
             GParamSpec     *pspec,
             gpointer        user_data)
{
  GPtrArray *texts = g_object_get_data (G_OBJECT (expander), "answers");

  if (texts == NULL || !adw_expander_row_get_expanded (expander))
    return;
  for (guint i = 0; i + 1 < texts->len; i += 2)
    /* The question wraps above its answer, as a narrow window needs. */
    adw_expander_row_add_row (expander, ca_form_rows_new_property_row (texts->pdata[i],
                                                                       texts->pdata[i + 1]));
  g_object_set_data (G_OBJECT (expander), "answers", NULL);
}

/**
 * ca_moderation_answers_new_row:
 * @section: a section of the audit being moderated, with the auditor's answers
 *
 * Returns: (transfer floating): an expander row "The auditor’s answers" that holds, once
 *   opened, a row for each of @section's questions, in the tool's order, with its answer in
 *   words under it; or %NULL when the section asks no questions
 */
GtkWidget *
ca_moderation_answers_new_row (const CaModeratedSection *section)
{
  GtkWidget *expander;
  GPtrArray *texts;
  g_autofree char *count = NULL;

  g_return_val_if_fail (section != NULL, NULL);

  if (section->answers->len == 0)
    return NULL;
  expander = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("The auditor’s answers"));
  count = g_strdup_printf (g_dngettext (NULL, "%u question", "%u questions",
                                        section->answers->len), section->answers->len);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), count);
  /* Copied: the row may outlive the section it shows. */
  texts = g_ptr_array_new_full (2 * section->answers->len, g_free);
  for (guint i = 0; i < section->answers->len; i++)
    {
      const CaModeratedAnswer *answer = g_ptr_array_index (section->answers, i);

      g_ptr_array_add (texts, g_strdup (answer->question));
      g_ptr_array_add (texts, g_strdup (answer->answer));
    }
  g_object_set_data_full (G_OBJECT (expander), "answers", texts,
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect (expander, "notify::expanded", G_CALLBACK (expanded_cb), NULL);
  return expander;
}
