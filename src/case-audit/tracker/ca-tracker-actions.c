// SPDX-License-Identifier: GPL-3.0-or-later
// The actions of an audit opened on the Tracker (R-I2, seed 02): each one's owner, due date
// and where it stands in words and colour (overdue, done, signed off), with Mark Done… (the
// day and the evidence; by the staff ID in Preferences) and, once done, Sign Off… (by the
// staff ID in Preferences, refused in words unless that is the allocated worker's line
// manager). The dialogs ask core's rules as they are filled in, so a day out of bounds is
// said under its row; the store asks them again as it writes, on the database's worker.

#define G_LOG_DOMAIN "ca-tracker-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-action-store.h"
#include "ca-form-rows.h"
#include "ca-list-access.h"
#include "ca-question.h"
#include "ca-toast.h"
#include "ca-tracker-actions.h"
#include "ca-tracker-view.h"
#include "ca-view-write.h"
#include "ca-widget.h"
#include "core/ca-date.h"

/* A write, as the worker's job sees it. */
typedef struct
{
  gboolean  sign_off;
  gint64    action_id;
  gint64    audit_id;
  guint     number;
  char     *case_ref;
  char     *by_ref;
  char     *evidence;
  GDate     on;
  GDate     today;
} Record;

static void
record_free (Record *record)
{
  g_free (record->case_ref);
  g_free (record->by_ref);
  g_free (record->evidence);
  g_free (record);
}

static gboolean
record_job (CaDatabase  *connection,
            gpointer     data,
            GError     **error)
{
  Record *record = data;

  if (record->sign_off)
    return ca_action_store_sign_off (connection, record->action_id, record->by_ref,
                                     &record->on, &record->today, error);
  return ca_action_store_mark_done (connection, record->action_id, record->by_ref, &record->on,
                                    record->evidence, &record->today, error);
}

/* The change heard from the database reads the tracker again; this says so, and keeps the
 * keyboard's place on the audit. */
static void
record_done (GtkWidget    *owner,
             gpointer      data,
             const GError *error)
{
  Record *record = data;
  g_autofree char *text = NULL;

  if (error != NULL)
    {
      ca_toast_show_text (owner, error->message, CA_TOAST_LONG);
      return;
    }
  text = g_strdup_printf (record->sign_off
                            /* Translators: "CA-000101: action 2 signed off" */
                            ? _("%s: action %u signed off")
                            /* Translators: "CA-000101: action 2 marked done" */
                            : _("%s: action %u marked done"),
                          record->case_ref, record->number);
  ca_toast_show_text (owner, text, CA_TOAST_SHORT);
  ca_tracker_view_focus_audit (CA_TRACKER_VIEW (owner), record->audit_id);
}

/* What a dialog needs once it is open, whatever happens to the rows meanwhile. */
typedef struct
{
  GtkWidget        *owner;     /* (owned) */
  CaContext        *context;   /* (owned) */
  GPtrArray        *actions;   /* (owned) the rows' array, holding PROGRESS */
  CaActionProgress *progress;
  gboolean          sign_off;
  char             *by_ref;
  GtkWidget        *dialog;
  GtkWidget        *date_row;
  GtkWidget        *evidence_row;  /* NULL for a sign-off */
} Ask;

static void
ask_free (Ask *ask)
{
  g_object_unref (ask->owner);
  g_object_unref (ask->context);
  g_ptr_array_unref (ask->actions);
  g_free (ask->by_ref);
  g_free (ask);
}

/* The staff ID in Preferences (blanks around it taken off), or NULL with the toast that asks
 * for one. */
char *
ca_tracker_actions_staff_ref_or_ask (GtkWidget *owner,
                                     CaContext *context)
{
  char *staff_ref = ca_context_dup_staff_ref (context);

  if (*staff_ref != '\0')
    return staff_ref;
  g_free (staff_ref);
  ca_toast_show_text (owner, _("Set your staff ID in Preferences first: it says who recorded "
                               "this."), CA_TOAST_LONG);
  return NULL;
}

/* The dialog's answer allowed only when core's rules would take it; a day they refuse says
 * why under its row. */
static gboolean
check_answer (Ask   *ask,
              GDate *on)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;
  CaActionFacts facts;
  GDate today;
  gboolean ok;

  /* A date that is none says so under its row; an empty row, the rules say what to give. */
  g_date_clear (on, 1);
  if (!ca_form_rows_read_date (ask->date_row, &iso) || (iso != NULL && !ca_date_parse (iso, on)))
    return FALSE;
  ca_context_get_today (ask->context, &today);
  ca_action_progress_get_facts (ask->progress, &facts);
  if (ask->sign_off)
    ok = ca_action_rules_check_sign_off (&facts, ask->by_ref, NULL, on, &today, &error);
  else
    ok = ca_action_rules_check_done (&facts, ask->by_ref, on,
                                     gtk_editable_get_text (GTK_EDITABLE (ask->evidence_row)),
                                     &today, &error);
  ca_form_rows_show_row_message (ask->date_row,
                                 g_error_matches (error, CA_ACTION_RULES_ERROR,
                                                  CA_ACTION_RULES_ERROR_DATE)
                                   ? error->message : NULL);
  return ok;
}

static void
answer_changed_cb (Ask *ask)
{
  GDate on;

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (ask->dialog), "record",
                                           check_answer (ask, &on));
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Ask              *ask)
{
  CaDatabase *database = ca_context_get_database (ask->context);
  Record *record;
  GDate on;

  if (g_strcmp0 (response, "record") != 0 || database == NULL || !check_answer (ask, &on))
    return;
  record = g_new0 (Record, 1);
  record->sign_off = ask->sign_off;
  record->action_id = ask->progress->id;
  record->audit_id = ask->progress->audit_id;
  record->number = ask->progress->number;
  record->case_ref = g_strdup (ask->progress->case_ref);
  record->by_ref = g_strdup (ask->by_ref);
  if (ask->evidence_row != NULL)
    record->evidence = g_strdup (gtk_editable_get_text (GTK_EDITABLE (ask->evidence_row)));
  record->on = on;
  ca_context_get_today (ask->context, &record->today);
  ca_view_write (ask->owner, NULL, database, record_job, record, (GDestroyNotify) record_free,
                 record_done);
}

static void
ask (GtkWidget        *button,
     gboolean          sign_off)
{
  GtkWidget *owner = g_object_get_data (G_OBJECT (button), "owner");
  CaContext *context = g_object_get_data (G_OBJECT (button), "context");
  GPtrArray *actions = g_object_get_data (G_OBJECT (button), "actions");
  CaActionProgress *progress = g_object_get_data (G_OBJECT (button), "progress");
  g_autofree char *staff_ref = ca_tracker_actions_staff_ref_or_ask (owner, context);
  g_autofree char *body = NULL;
  g_autofree char *today_iso = NULL;
  g_autoptr(GError) error = NULL;
  CaActionFacts facts;
  GtkWidget *list;
  Ask *state;
  GDate today;

  if (staff_ref == NULL)
    return;
  /* Who may sign off is known before anything is asked. */
  ca_action_progress_get_facts (progress, &facts);
  /* Translators: who is refused, as in "…, not you (S00012)." */
  if (sign_off && !ca_action_rules_check_signer (&facts, staff_ref, _("you"), &error))
    {
      /* Said whole in a message rather than a toast, whose one line would cut it short. */
      GtkWidget *notice = ca_notice_new (ca_widget_get_window (owner),
                                         g_error_matches (error, CA_ACTION_RULES_ERROR,
                                                          CA_ACTION_RULES_ERROR_NOT_LINE_MANAGER)
                                           ? _("Only the Line Manager Signs Off")
                                           : _("The Action Cannot Be Signed Off"),
                                         error->message);

      gtk_window_present (GTK_WINDOW (notice));
      return;
    }

  state = g_new0 (Ask, 1);
  state->owner = g_object_ref (owner);
  state->context = g_object_ref (context);
  state->actions = g_ptr_array_ref (actions);
  state->progress = progress;
  state->sign_off = sign_off;
  state->by_ref = g_steal_pointer (&staff_ref);
  if (sign_off)
    {
      g_autofree char *done_on = ca_date_format_display (progress->completed_on);

      /* Translators: "Action 2 of CA-000101:\n“Update the chronology.”\nDone on 15 Jun 2021
       * by Zoe Walker. You sign it off as Zoe Walker’s line manager, Imran Shah." */
      body = g_strdup_printf (_("Action %u of %s:\n“%s”\nDone on %s by %s. You sign it off as "
                                "%s’s line manager, %s."),
                              progress->number, progress->case_ref, progress->description,
                              done_on,
                              progress->completed_by != NULL ? progress->completed_by
                                                             : _("someone not recorded"),
                              progress->worker, progress->line_manager);
    }
  else
    /* Translators: "Action 2 of CA-000101:\n“Update the chronology.”\nIt is recorded as done
     * by you: staff ID S00012, from Preferences." */
    body = g_strdup_printf (_("Action %u of %s:\n“%s”\nIt is recorded as done by you: staff ID "
                              "%s, from Preferences."),
                            progress->number, progress->case_ref, progress->description,
                            state->by_ref);
  state->dialog = ca_question_new (ca_widget_get_window (owner),
                                   sign_off ? _("Sign Off the Action?")
                                            : _("Mark the Action Done?"),
                                   body, "record", sign_off ? _("_Sign Off") : _("_Mark Done"));

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  ca_context_get_today (context, &today);
  today_iso = ca_date_format (&today);
  state->date_row = ca_form_rows_new_entry_row (sign_off ? _("Signed off on") : _("Done on"),
                                                NULL);
  ca_form_rows_set_up_date_row (state->date_row, today_iso);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (state->date_row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), state->date_row);
  gtk_list_box_append (GTK_LIST_BOX (list), ca_form_rows_new_date_message (state->date_row));
  g_signal_connect_swapped (state->date_row, "changed", G_CALLBACK (answer_changed_cb), state);
  if (!sign_off)
    {
      state->evidence_row = ca_form_rows_new_entry_row (_("Evidence (required)"), NULL);
      adw_entry_row_set_activates_default (ADW_ENTRY_ROW (state->evidence_row), TRUE);
      gtk_list_box_append (GTK_LIST_BOX (list), state->evidence_row);
      g_signal_connect_swapped (state->evidence_row, "changed", G_CALLBACK (answer_changed_cb),
                                state);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (state->dialog), list);
  answer_changed_cb (state);
  g_signal_connect (state->dialog, "response", G_CALLBACK (response_cb), state);
  g_object_set_data_full (G_OBJECT (state->dialog), "ask", state, (GDestroyNotify) ask_free);
  gtk_window_present (GTK_WINDOW (state->dialog));
  gtk_widget_grab_focus (sign_off ? state->date_row : state->evidence_row);
}

static void
mark_done_clicked_cb (GtkWidget *button)
{
  ask (button, FALSE);
}

static void
sign_off_clicked_cb (GtkWidget *button)
{
  ask (button, TRUE);
}

static GtkWidget *
action_button_new (GtkWidget        *owner,
                   CaContext        *context,
                   GPtrArray        *actions,
                   CaActionProgress *progress,
                   gboolean          sign_off)
{
  GtkWidget *button = gtk_button_new_with_label (sign_off ? _("Sign Off…") : _("Mark Done…"));
  g_autofree char *name = NULL;

  /* Translators: the buttons' names for a screen reader: "Mark Done: CA-000101 action 2" */
  name = g_strdup_printf (sign_off ? _("Sign Off: %s action %u") : _("Mark Done: %s action %u"),
                          progress->case_ref, progress->number);
  ca_list_name_button (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "owner", owner);
  g_object_set_data (G_OBJECT (button), "context", context);
  g_object_set_data (G_OBJECT (button), "actions", actions);
  g_object_set_data (G_OBJECT (button), "progress", progress);
  g_signal_connect (button, "clicked",
                    G_CALLBACK (sign_off ? sign_off_clicked_cb : mark_done_clicked_cb), NULL);
  return button;
}

/* Where the action stands in a word or two, and the style class that colours it. */
static const char *
describe_state (const CaActionProgress  *progress,
                const char             **style)
{
  if (progress->signed_off_on != NULL)
    {
      *style = "success";
      return _("Signed off");
    }
  if (progress->completed_on != NULL)
    {
      *style = "accent";
      return _("Done, to sign off");
    }
  if (progress->overdue)
    {
      *style = "error";
      return _("Overdue");
    }
  *style = "dim-label";
  return _("Not done yet");
}

static GtkWidget *
action_row_new (GtkWidget        *owner,
                CaContext        *context,
                GPtrArray        *actions,
                CaActionProgress *progress)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *state_label;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *due = ca_date_format_display (progress->due_date);
  g_autofree char *name = NULL;
  const char *style;
  const char *state = describe_state (progress, &style);

  /* Translators: an action on the Tracker: "2. Update the chronology" */
  title = g_strdup_printf (_("%u. %s"), progress->number, progress->description);
  /* Translators: "Owner Zoe Walker · due 3 Nov 2026" */
  g_string_append_printf (subtitle, _("Owner %s · due %s"),
                          progress->owner != NULL ? progress->owner : _("not named"),
                          progress->due_date != NULL ? due : _("no date"));
  if (progress->completed_on != NULL)
    {
      g_autofree char *done_on = ca_date_format_display (progress->completed_on);

      g_string_append_c (subtitle, '\n');
      if (progress->evidence != NULL)
        /* Translators: "Done 15 Jun 2021 by Zoe Walker: Visited, child seen alone" */
        g_string_append_printf (subtitle, _("Done %s by %s: %s"), done_on,
                                progress->completed_by != NULL ? progress->completed_by
                                                               : _("someone not recorded"),
                                progress->evidence);
      else
        /* Translators: "Done 15 Jun 2021" (recorded before who and why were kept) */
        g_string_append_printf (subtitle, _("Done %s"), done_on);
    }
  if (progress->signed_off_on != NULL)
    {
      g_autofree char *signed_on = ca_date_format_display (progress->signed_off_on);

      g_string_append_c (subtitle, '\n');
      /* Translators: "Signed off 18 Jun 2021 by Imran Shah" */
      g_string_append_printf (subtitle, _("Signed off %s by %s"), signed_on,
                              progress->signed_off_by);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  state_label = gtk_label_new (state);
  gtk_widget_add_css_class (state_label, style);
  gtk_widget_set_valign (state_label, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state_label);
  /* The row's button is its activatable widget: the Tracker's list takes Tab out of the
   * list, so the keyboard reaches it with the arrows and Enter on the row. */
  if (progress->completed_on == NULL || progress->signed_off_on == NULL)
    {
      GtkWidget *button = action_button_new (owner, context, actions, progress,
                                             progress->completed_on != NULL);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
    }

  /* Translators: what a screen reader says for an action: "Action 2, Overdue: Update the
   * chronology." */
  name = g_strdup_printf (_("Action %u, %s: %s"), progress->number, state,
                          progress->description);
  /* The row's title and subtitle labels would name it before its own label. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle->str, -1);
  return row;
}

typedef struct
{
  GtkWidget      *owner;
  CaContext      *context;
  AdwExpanderRow *expander;
  GtkWidget      *placeholder;
} Reading;

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Reading *reading = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) actions = ca_action_store_list_for_audit_finish (result, &error);

  /* The row is gone (the tracker read again) or was never shown: nothing to fill. */
  if (gtk_widget_get_parent (GTK_WIDGET (reading->expander)) == NULL ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    goto out;
  if (actions == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (reading->placeholder), error->message);
      goto out;
    }
  adw_expander_row_remove (reading->expander, reading->placeholder);
  /* The rows' actions live as long as the expander; a dialog keeps its own reference. */
  g_object_set_data_full (G_OBJECT (reading->expander), "actions", g_ptr_array_ref (actions),
                          (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < actions->len; i++)
    adw_expander_row_add_row (reading->expander,
                              action_row_new (reading->owner, reading->context, actions,
                                              actions->pdata[i]));

out:
  g_object_unref (reading->owner);
  g_object_unref (reading->context);
  g_object_unref (reading->expander);
  g_object_unref (reading->placeholder);
  g_free (reading);
}

void
ca_tracker_actions_add (GtkWidget      *owner,
                        CaContext      *context,
                        AdwExpanderRow *expander,
                        gint64          audit_id)
{
  Reading *reading;
  GDate today;

  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (CA_IS_CONTEXT (context));
  g_return_if_fail (ADW_IS_EXPANDER_ROW (expander));

  reading = g_new0 (Reading, 1);
  reading->owner = g_object_ref (owner);
  reading->context = g_object_ref (context);
  reading->expander = g_object_ref (expander);
  reading->placeholder = g_object_ref_sink (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reading->placeholder),
                                 _("Reading the actions…"));
  adw_expander_row_add_row (expander, reading->placeholder);
  ca_context_get_today (context, &today);
  ca_action_store_list_for_audit_async (ca_context_get_database (context), audit_id, &today,
                                        NULL, listed_cb, reading);
}
