// SPDX-License-Identifier: GPL-3.0-or-later
// Draw Sample…: the CPP lead draws a month's moderation sample from the window (R-H1).
//
// The same draw as `case-audit moderation sample MONTH --commit`, with the same default seed
// (the month), so that the window and a preview at the command line agree; read, drawn and
// recorded on the database's worker, once: a month drawn already is refused in words.

#define G_LOG_DOMAIN "ca-moderation-draw"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-holiday-store.h"
#include "ca-list-access.h"
#include "ca-moderation-draw.h"
#include "ca-moderation-store.h"
#include "ca-question.h"
#include "ca-toast.h"
#include "ca-view-write.h"
#include "ca-widget.h"
#include "core/ca-date.h"

/* The months offered: the last twelve before this one, newest first. */
#define N_MONTHS 12

typedef struct
{
  char  *month;
  guint  drawn;
  guint  unplaced;
} Draw;

static void
draw_free (Draw *draw)
{
  g_free (draw->month);
  g_free (draw);
}

static gboolean
draw_job (CaDatabase  *connection,
          gpointer     data,
          GError     **error)
{
  Draw *draw = data;
  g_autoptr(CaHolidayCalendar) calendar = NULL;
  g_autoptr(CaModerationMonth) month = NULL;
  g_autoptr(CaModerationSample) sample = NULL;
  CaModerationInput input;

  calendar = ca_holiday_store_load_calendar (connection, error);
  if (calendar == NULL)
    return FALSE;
  month = ca_moderation_store_load_month (connection, draw->month, error);
  if (month == NULL || !ca_moderation_month_check_undrawn (month, error))
    return FALSE;
  ca_moderation_month_fill_input (month, calendar, ca_moderation_default_seed (draw->month),
                                  month->percent, &input);
  sample = ca_moderation_sample_draw (&input, error);
  if (sample == NULL || !ca_moderation_store_save_sample (connection, draw->month, sample, error))
    return FALSE;
  draw->unplaced = sample->unplaced->len;
  draw->drawn = sample->picks->len - sample->unplaced->len;
  return TRUE;
}

static void
draw_done (GtkWidget    *owner,
           gpointer      data,
           const GError *error)
{
  Draw *draw = data;
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;

  if (error != NULL)
    {
      ca_toast_show_text (owner, error->message, CA_TOAST_LONG);
      return;
    }
  label = ca_date_format_month (draw->month);
  if (draw->drawn == 0 && draw->unplaced == 0)
    text = g_strdup_printf (_("No audits submitted in %s are waiting to be moderated."), label);
  else if (draw->unplaced == 0)
    text = g_strdup_printf (g_dngettext (NULL, "Drew %u moderation for %s.",
                                         "Drew %u moderations for %s.", draw->drawn),
                            draw->drawn, label);
  else
    text = g_strdup_printf (g_dngettext (NULL,
                                         "Drew %u moderations for %s; %u audit could not be "
                                         "given a moderator (see “case-audit moderation "
                                         "sample”).",
                                         "Drew %u moderations for %s; %u audits could not be "
                                         "given a moderator (see “case-audit moderation "
                                         "sample”).", draw->unplaced),
                            draw->drawn, label, draw->unplaced);
  ca_toast_show_text (owner, text, CA_TOAST_LONG);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GtkWidget        *owner)
{
  GtkDropDown *months = g_object_get_data (G_OBJECT (dialog), "months");
  GStrv codes = g_object_get_data (G_OBJECT (dialog), "codes");
  CaContext *context = g_object_get_data (G_OBJECT (dialog), "context");
  guint chosen = gtk_drop_down_get_selected (months);
  Draw *draw;

  if (!g_str_equal (response, "draw") || chosen >= g_strv_length (codes))
    return;
  draw = g_new0 (Draw, 1);
  draw->month = g_strdup (codes[chosen]);
  ca_view_write (owner, NULL, ca_context_get_database (context), draw_job, draw,
                 (GDestroyNotify) draw_free, draw_done);
}

/**
 * ca_moderation_draw_ask:
 * @owner: the widget the write belongs to, and where its toast shows
 *
 * Asks which month to draw (last month first), then draws and records its sample.
 */
void
ca_moderation_draw_ask (GtkWidget *owner,
                        CaContext *context)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  GtkWidget *dialog, *months;
  GDate month;

  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (CA_IS_CONTEXT (context));

  ca_context_get_today (context, &month);
  g_date_set_day (&month, 1);
  for (guint i = 0; i < N_MONTHS; i++)
    {
      g_autofree char *code = NULL;
      g_autofree char *label = NULL;

      g_date_subtract_months (&month, 1);
      code = g_strdup_printf ("%04d-%02d", g_date_get_year (&month), g_date_get_month (&month));
      label = ca_date_format_month (code);
      gtk_string_list_append (labels, label);
      g_strv_builder_add (codes, code);
    }

  dialog = ca_question_new (ca_widget_get_window (owner),
                            _("Draw a Moderation Sample?"),
                            _("Every audit submitted in the month and graded Inadequate, and "
                              "the team’s share of the others at random, spread across "
                              "auditors, each given a moderator who is independent of it. A "
                              "month is drawn once; audits can then be added by hand."),
                            "draw", _("_Draw"));
  months = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
  ca_list_name_drop_down (GTK_DROP_DOWN (months), _("Month of submission"));
  ca_list_name_popup_rows (G_OBJECT (months));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), months);
  g_object_set_data (G_OBJECT (dialog), "months", months);
  g_object_set_data_full (G_OBJECT (dialog), "codes", g_strv_builder_end (codes),
                          (GDestroyNotify) g_strfreev);
  g_object_set_data_full (G_OBJECT (dialog), "context", g_object_ref (context), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (response_cb), owner, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
