// SPDX-License-Identifier: GPL-3.0-or-later
// The manager's response to a submitted audit (R-F9): a part of the audit editor that stays
// open once the rest of the form is read-only.
//
// Two copies of Case Audit can have one response open (R-N2). Record writes only what this
// form changed since it loaded the response, merged field by field with what is stored; a
// field changed only elsewhere comes into the form, and a field both changed differently is
// put to the person, one at a time, before anything is recorded. The save, and the load of
// the other version when there is one, run on the database's worker.

#define G_LOG_DOMAIN "ca-manager-response-group"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-audit-draft-store.h"
#include "ca-conflict-dialog.h"
#include "ca-database-worker.h"
#include "ca-form-rows.h"
#include "ca-list-access.h"
#include "ca-manager-response-group.h"
#include "ca-manager-response-store.h"
#include "ca-toast.h"
#include "core/ca-date.h"
#include "core/ca-merge.h"


struct _CaManagerResponseGroup
{
  GtkWidget          parent_instance;

  AdwPreferencesGroup *main_group;
  GtkWidget           *due_row;
  GtkLabel            *due_label;
  AdwComboRow         *manager_row;
  AdwPreferencesGroup *actions_group;
  AdwPreferencesGroup *decision_group;
  AdwEntryRow         *stretch_row;
  GtkButton           *record_button;

  CaDatabase          *database;
  CaManagerResponse   *response;    /* as stored when loaded or last recorded: the base of
                                     * the next merge (a field still to be chosen keeps the
                                     * earlier one, so that it is asked about again) */
  GQueue               choices;     /* of Choice: fields with two versions, to ask about */
  GtkWidget           *choice_dialog;
  gboolean             choice_later; /* "Later" was chosen in this round of questions */
  gboolean             recording;   /* a save is under way on the worker */
  guint                generation;  /* changes with each load, so a late save is ignored */
  GPtrArray           *managers;    /* of CaActionOwner; the combo's items after "Not chosen" */
  GPtrArray           *made;        /* widgets added for this audit, removed on the next load */
  GHashTable          *controls;    /* problem path → the control, with its message (form rows) */
  GPtrArray           *plan_rows;   /* per action: AdwEntryRow */
  GPtrArray           *by_rows;     /* per action: AdwEntryRow */
  GtkTextView         *decision_view;
  GtkTextView         *comments_view;
  AdwEntryRow         *date_row;
};

enum
{
  SIGNAL_RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CaManagerResponseGroup, ca_manager_response_group, GTK_TYPE_WIDGET)

/* A field changed here and, differently, in another copy: OTHER is the stored version. */
typedef struct
{
  char *where;
  char *other;
} Choice;

static void
choice_free (Choice *choice)
{
  g_free (choice->where);
  g_free (choice->other);
  g_free (choice);
}

static void record (CaManagerResponseGroup *self);

/* Building --------------------------------------------------------------------------- */

/* The message for WHERE sits in the list right under its control, hidden until needed. */
static void
add_message (CaManagerResponseGroup *self,
             AdwPreferencesGroup    *group,
             GtkWidget              *control,
             const char             *where)
{
  ca_form_rows_add (GTK_WIDGET (group), ca_form_rows_new_message (control));
  g_hash_table_replace (self->controls, g_strdup (where), control);
}

static void
add_heading (AdwPreferencesGroup *group,
             const char          *text)
{
  GtkWidget *heading = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 12);
  ca_form_rows_add (GTK_WIDGET (group), heading);
}

/* A text box under its heading; the response's boxes are a little lower than the audit's. */
static GtkTextView *
add_text_view (AdwPreferencesGroup *group,
               const char          *heading,
               const char          *accessible_label,
               const char          *text)
{
  GtkWidget *view;

  add_heading (group, heading);
  view = ca_form_rows_add_text_view (GTK_WIDGET (group), accessible_label, text);
  gtk_widget_set_size_request (view, -1, 80);
  return GTK_TEXT_VIEW (view);
}

static char *
display_date (const char *iso)
{
  GDate date;

  if (iso == NULL || !ca_date_parse (iso, &date))
    return g_strdup (iso ? iso : "—");
  return ca_date_format_display (iso);
}

/* The due date with where the response stands: overdue in the error colour (and in words,
 * never colour alone), or when it was given. */
static void
show_due (CaManagerResponseGroup *self)
{
  const CaManagerResponse *response = self->response;
  g_autofree char *due = response->due_date ? display_date (response->due_date) : NULL;
  g_autofree char *text = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "error");
  if (response->responded_on != NULL)
    {
      g_autofree char *day = display_date (response->responded_on);

      if (due != NULL)
        /* Translators: "19 Nov 2026 — responded on 22 Nov 2026" */
        text = g_strdup_printf (_("%s — responded on %s"), due, day);
      else
        /* Translators: "Responded on 22 Nov 2026" */
        text = g_strdup_printf (_("Responded on %s"), day);
    }
  else if (due != NULL && response->overdue)
    {
      /* Translators: "19 Nov 2026 — overdue" */
      text = g_strdup_printf (_("%s — overdue"), due);
      gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "error");
    }
  else
    text = g_steal_pointer (&due);

  gtk_label_set_text (self->due_label, text ? text : "");
  gtk_widget_set_visible (self->due_row, text != NULL);
}

static void
clear_made (CaManagerResponseGroup *self)
{
  ca_form_rows_remove_made (self->made);
  g_hash_table_remove_all (self->controls);
  g_ptr_array_set_size (self->plan_rows, 0);
  g_ptr_array_set_size (self->by_rows, 0);
  self->decision_view = self->comments_view = NULL;
  self->date_row = NULL;
}

static void
build (CaManagerResponseGroup *self)
{
  const CaManagerResponse *response = self->response;
  g_autofree char *today = NULL;

  clear_made (self);

  ca_form_rows_fill_staff_combo (self->manager_row, _("Not chosen"), self->managers,
                                 response->manager_id);
  add_message (self, self->main_group, GTK_WIDGET (self->manager_row), "manager");

  if (response->actions->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("This audit has no actions."));

      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_widget_add_css_class (none, "dim-label");
      ca_form_rows_add (GTK_WIDGET (self->actions_group), none);
    }
  for (guint i = 0; i < response->actions->len; i++)
    {
      const CaResponseAction *action = g_ptr_array_index (response->actions, i);
      GtkWidget *expander = adw_expander_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *due = display_date (action->due_date);
      g_autofree char *subtitle = NULL;
      g_autofree char *plan_where = g_strdup_printf ("actions[%u].plan", i);
      g_autofree char *by_where = g_strdup_printf ("actions[%u].by_when", i);
      g_autofree char *plan_title = NULL;
      g_autofree char *by_title = NULL;
      GtkWidget *plan, *by_when;

      /* Translators: "Action 2: Update the child's plan" */
      title = g_strdup_printf (_("Action %u: %s"), i + 1,
                               action->description && *action->description ? action->description
                                                                           : _("Not described"));
      /* Translators: "Owner: Sam Patel — due 15 March 2024" */
      subtitle = g_strdup_printf (_("Owner: %s — due %s"),
                                  action->owner ? action->owner : _("Not named"), due);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
      ca_form_rows_add (GTK_WIDGET (self->actions_group), expander);

      /* Numbered, so that each row's name says which action it is about. */
      /* Translators: "How action 2 will be met" */
      plan_title = g_strdup_printf (_("How action %u will be met"), i + 1);
      plan = ca_form_rows_new_entry_row (plan_title, action->plan);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), plan);

      /* Translators: "Action 2 to be met by" (a date) */
      by_title = g_strdup_printf (_("Action %u to be met by"), i + 1);
      by_when = ca_form_rows_new_entry_row (by_title, NULL);
      ca_form_rows_set_up_date_row (by_when, action->by_when);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), by_when);

      g_ptr_array_add (self->plan_rows, plan);
      g_ptr_array_add (self->by_rows, by_when);
      /* Both messages under the action, so that neither row is split from its pair. */
      add_message (self, self->actions_group, plan, plan_where);
      add_message (self, self->actions_group, by_when, by_where);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->stretch_row),
                         response->stretch_target ? response->stretch_target : "");

  self->decision_view = add_text_view (self->decision_group, _("Record of the decision made"),
                                       _("Record of the decision made"), response->decision);
  add_message (self, self->decision_group, GTK_WIDGET (self->decision_view), "decision");

  self->comments_view = add_text_view (self->decision_group, _("Further comments (optional)"),
                                       _("Further comments"), response->response);

  /* A new response is most often recorded on the day it is made. */
  if (response->responded_on == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      GDate day;

      ca_deadline_get_local_date (now, &day);
      today = ca_date_format (&day);
    }
  self->date_row = ADW_ENTRY_ROW (ca_form_rows_new_entry_row (_("Date of response"), NULL));
  ca_form_rows_set_up_date_row (GTK_WIDGET (self->date_row),
                                response->responded_on ? response->responded_on : today);
  ca_form_rows_add_row_in_list (GTK_WIDGET (self->decision_group), GTK_WIDGET (self->date_row));
  add_message (self, self->decision_group, GTK_WIDGET (self->date_row), "responded_on");

  show_due (self);
}

/* Recording -------------------------------------------------------------------------- */

static char *
text_of (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
entry_text (gpointer editable)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (editable));
  g_autofree char *copy = g_strstrip (g_strdup (text));

  return *copy ? g_steal_pointer (&copy) : NULL;
}

/* A date as typed (1/12/2026, 2026-12-01, 1 Dec 2026) as the response keeps it, ISO; text
 * that is no date is kept as it is, for the rules to refuse in words. */
static char *
date_text (gpointer editable)
{
  g_autofree char *iso = NULL;

  if (ca_form_rows_read_date (GTK_WIDGET (editable), &iso) && iso != NULL)
    return g_steal_pointer (&iso);
  return entry_text (editable);
}

/* The response as the controls show it now. */
static CaManagerResponse *
read_controls (CaManagerResponseGroup *self)
{
  CaManagerResponse *response = ca_manager_response_copy (self->response);

  response->manager_id = ca_form_rows_staff_combo_get_id (self->manager_row, self->managers);
  for (guint i = 0; i < response->actions->len; i++)
    {
      CaResponseAction *action = g_ptr_array_index (response->actions, i);

      g_free (action->plan);
      action->plan = entry_text (g_ptr_array_index (self->plan_rows, i));
      g_free (action->by_when);
      action->by_when = date_text (g_ptr_array_index (self->by_rows, i));
    }
  g_free (response->stretch_target);
  response->stretch_target = entry_text (self->stretch_row);
  g_free (response->decision);
  response->decision = text_of (self->decision_view);
  g_free (response->response);
  response->response = text_of (self->comments_view);
  g_free (response->responded_on);
  response->responded_on = date_text (self->date_row);
  return response;
}

static void
show_problems (CaManagerResponseGroup *self,
               GPtrArray              *problems)
{
  GHashTableIter iter;
  gpointer shown;
  GtkWidget *first = NULL;

  g_hash_table_iter_init (&iter, self->controls);
  while (g_hash_table_iter_next (&iter, NULL, &shown))
    ca_form_rows_show_row_message (shown, NULL);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      CaRuleProblem *problem = g_ptr_array_index (problems, i);
      GtkWidget *control = g_hash_table_lookup (self->controls, problem->where);

      if (control == NULL)
        continue;
      ca_form_rows_show_row_message (control, problem->message);
      if (first == NULL)
        first = control;
    }
  if (first != NULL)
    gtk_widget_grab_focus (first);
}

/* Puts VALUE (as ca_manager_response_dup_field() gives it) into the control of field WHERE. */
static void
show_field (CaManagerResponseGroup *self,
            const char             *where,
            const char             *value)
{
  GtkWidget *control = g_hash_table_lookup (self->controls, where);

  if (g_str_equal (where, "manager"))
    {
      ca_form_rows_staff_combo_set_id (self->manager_row, self->managers,
                                       value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0);
      return;
    }
  if (g_str_equal (where, "stretch_target"))
    control = GTK_WIDGET (self->stretch_row);
  else if (g_str_equal (where, "response"))
    control = GTK_WIDGET (self->comments_view);
  if (GTK_IS_TEXT_VIEW (control))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (control)),
                              value != NULL ? value : "", -1);
  else if (GTK_IS_EDITABLE (control) &&
           (g_str_equal (where, "responded_on") || g_str_has_suffix (where, ".by_when")))
    {
      /* Dates are shown as the lists show them. */
      g_autofree char *shown = ca_date_format_display (value);

      gtk_editable_set_text (GTK_EDITABLE (control), shown);
    }
  else if (GTK_IS_EDITABLE (control))
    gtk_editable_set_text (GTK_EDITABLE (control), value != NULL ? value : "");
}

static gboolean
field_differs (const CaManagerResponse *a,
               const CaManagerResponse *b,
               const char              *where)
{
  g_autofree char *value_a = ca_manager_response_dup_field (a, where);
  g_autofree char *value_b = ca_manager_response_dup_field (b, where);

  return !ca_merge_values_equal (value_a, value_b);
}

/* After a save: STORED is the new base, and the form shows every field another copy changed
 * (MINE is what the form held when it saved). */
static void
take_stored (CaManagerResponseGroup *self,
             const CaManagerResponse *mine,
             CaManagerResponse       *stored)
{
  g_auto(GStrv) fields = ca_manager_response_list_fields (stored);

  for (guint i = 0; fields[i] != NULL; i++)
    if (field_differs (mine, stored, fields[i]))
      {
        g_autofree char *value = ca_manager_response_dup_field (stored, fields[i]);

        show_field (self, fields[i], value);
      }
  ca_manager_response_free (self->response);
  self->response = stored;
  show_due (self);
}

static GHashTable *
staff_names (CaManagerResponseGroup *self)
{
  GHashTable *names = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; self->managers != NULL && i < self->managers->len; i++)
    {
      CaActionOwner *owner = g_ptr_array_index (self->managers, i);

      g_hash_table_insert (names, &owner->id, owner->name);
    }
  return names;
}

static void ask_next_choice (CaManagerResponseGroup *self);

static void
choice_response_cb (AdwMessageDialog       *dialog,
                    const char             *response,
                    CaManagerResponseGroup *self)
{
  Choice *choice = g_queue_pop_head (&self->choices);

  self->choice_dialog = NULL;
  if (choice == NULL || self->response == NULL)
    return;

  /* The base takes the other version, so that this form's field, whatever it now holds,
   * is what the next save writes; "Later" leaves the base, so the next save asks again. */
  if (g_str_equal (response, CA_CONFLICT_KEEP_THIS))
    ca_manager_response_set_field (self->response, choice->where, choice->other);
  else if (g_str_equal (response, CA_CONFLICT_USE_OTHER))
    {
      ca_manager_response_set_field (self->response, choice->where, choice->other);
      show_field (self, choice->where, choice->other);
    }
  else
    self->choice_later = TRUE;
  choice_free (choice);

  if (!g_queue_is_empty (&self->choices))
    {
      ask_next_choice (self);
      return;
    }
  if (self->choice_later)
    {
      self->choice_later = FALSE;
      ca_toast_show_text (GTK_WIDGET (self), _("Nothing was recorded: the other version stays recorded until you "
                          "choose. Press Record Response to choose."), CA_TOAST_LONG);
      return;
    }
  /* Every choice made: what the person asked for is recorded, on the worker, before the
   * dialog goes, as when the save ran here: its toast comes while the dialog is still up. */
  record (self);
  while (self->recording)
    g_main_context_iteration (NULL, TRUE);
}

static void
ask_next_choice (CaManagerResponseGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const Choice *choice = g_queue_peek_head (&self->choices);
  g_autoptr(CaManagerResponse) mine = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autofree char *field = NULL;
  g_autofree char *this_value = NULL;
  g_autofree char *this_text = NULL;
  g_autofree char *other_text = NULL;

  if (choice == NULL || self->choice_dialog != NULL || !GTK_IS_WINDOW (root))
    return;

  mine = read_controls (self);
  names = staff_names (self);
  field = ca_manager_response_describe_field (choice->where);
  this_value = ca_manager_response_dup_field (mine, choice->where);
  this_text = ca_manager_response_describe_value (choice->where, this_value, names);
  other_text = ca_manager_response_describe_value (choice->where, choice->other, names);
  self->choice_dialog = ca_conflict_dialog_new (GTK_WINDOW (root), field, this_text, other_text,
                                                NULL);
  g_signal_connect_object (self->choice_dialog, "response", G_CALLBACK (choice_response_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (self->choice_dialog));
}

/* What the worker needs and finds: the save, and when another copy changed the response
 * meanwhile, the response as that copy left it. */
typedef struct
{
  CaManagerResponseGroup *self;
  guint                   generation;
  CaManagerResponse      *base;
  CaManagerResponse      *mine;
  GPtrArray              *problems;
  GStrv                   conflicts;
  CaManagerResponse      *theirs;
  GError                 *load_error;  /* why THEIRS could not be read */
} RecordJob;

static void
record_job_free (RecordJob *job)
{
  g_object_unref (job->self);
  ca_manager_response_free (job->base);
  ca_manager_response_free (job->mine);
  g_clear_pointer (&job->problems, g_ptr_array_unref);
  g_strfreev (job->conflicts);
  g_clear_pointer (&job->theirs, ca_manager_response_free);
  g_clear_error (&job->load_error);
  g_free (job);
}

/* On the database's worker. */
static gboolean
record_job (CaDatabase    *connection,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  RecordJob *job = data;

  *result = ca_manager_response_store_save_since (connection, job->base, job->mine, NULL,
                                                  &job->problems, &job->conflicts, error);
  if (*result == NULL && g_error_matches (*error, CA_MANAGER_RESPONSE_STORE_ERROR,
                                          CA_MANAGER_RESPONSE_STORE_ERROR_CHANGED))
    job->theirs = ca_manager_response_store_load (connection, job->base->audit_id, NULL,
                                                  &job->load_error);
  return *result != NULL;
}

/* The save was refused because another copy changed the job's conflicts too: the form takes
 * in what only the other copy changed, and asks about each of the conflicts. */
static void
take_other (CaManagerResponseGroup *self,
            RecordJob              *job)
{
  const CaManagerResponse *theirs = job->theirs;
  g_auto(GStrv) fields = NULL;
  CaManagerResponse *base;

  if (theirs == NULL)
    {
      ca_toast_show_text (GTK_WIDGET (self), job->load_error->message, CA_TOAST_LONG);
      return;
    }
  if (!ca_manager_response_same_actions (theirs, self->response))
    {
      ca_toast_show_text (GTK_WIDGET (self), _("The audit's actions have changed since the response was opened: "
                          "open the audit again."), CA_TOAST_LONG);
      return;
    }

  base = ca_manager_response_copy (theirs);
  fields = ca_manager_response_list_fields (theirs);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *value = ca_manager_response_dup_field (theirs, fields[i]);

      if (job->conflicts != NULL &&
          g_strv_contains ((const char * const *) job->conflicts, fields[i]))
        {
          g_autofree char *was = ca_manager_response_dup_field (self->response, fields[i]);
          Choice *choice = g_new0 (Choice, 1);

          ca_manager_response_set_field (base, fields[i], was);
          choice->where = g_strdup (fields[i]);
          choice->other = g_steal_pointer (&value);
          g_queue_push_tail (&self->choices, choice);
        }
      else if (!field_differs (job->mine, self->response, fields[i]) &&
               field_differs (job->mine, theirs, fields[i]))
        show_field (self, fields[i], value);
    }
  ca_manager_response_free (self->response);
  self->response = base;
  show_due (self);
  ask_next_choice (self);
}

static void
record_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RecordJob *job = user_data;
  CaManagerResponseGroup *self = job->self;
  gpointer stored = NULL;
  g_autoptr(GError) error = NULL;

  self->recording = FALSE;
  if (!ca_database_run_finish (result, &stored, &error))
    {
      if (job->generation != self->generation || self->response == NULL)
        ;  /* another response was loaded meanwhile */
      else if (g_error_matches (error, CA_MANAGER_RESPONSE_STORE_ERROR,
                                CA_MANAGER_RESPONSE_STORE_ERROR_CHANGED))
        {
          show_problems (self, NULL);
          take_other (self, job);
        }
      else
        {
          if (g_error_matches (error, CA_MANAGER_RESPONSE_STORE_ERROR,
                               CA_MANAGER_RESPONSE_STORE_ERROR_INVALID))
            show_problems (self, job->problems);
          ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_LONG);
        }
      record_job_free (job);
      return;
    }

  if (job->generation != self->generation || self->response == NULL)
    ca_manager_response_free (stored);
  else
    {
      show_problems (self, NULL);
      take_stored (self, job->mine, stored);
      ca_toast_show_text (GTK_WIDGET (self), _("Manager response recorded"), CA_TOAST_LONG);
      g_signal_emit (self, signals[SIGNAL_RECORDED], 0);
    }
  record_job_free (job);
}

static void
record (CaManagerResponseGroup *self)
{
  RecordJob *job;

  if (self->response == NULL || self->database == NULL || self->choice_dialog != NULL ||
      self->recording)
    return;

  job = g_new0 (RecordJob, 1);
  job->self = g_object_ref (self);
  job->generation = self->generation;
  job->base = ca_manager_response_copy (self->response);
  job->mine = read_controls (self);
  self->recording = TRUE;
  ca_database_run_async (self->database, record_job, job, NULL,
                         (GDestroyNotify) ca_manager_response_free, NULL, record_done_cb, job);
}

static void
record_clicked_cb (GtkButton              *button,
                   CaManagerResponseGroup *self)
{
  record (self);
}

static void
forget_choices (CaManagerResponseGroup *self)
{
  if (self->choice_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->choice_dialog, self);
      gtk_window_destroy (GTK_WINDOW (self->choice_dialog));
      self->choice_dialog = NULL;
    }
  g_queue_clear_full (&self->choices, (GDestroyNotify) choice_free);
  self->choice_later = FALSE;
}

/* The widget ------------------------------------------------------------------------- */

static void
ca_manager_response_group_dispose (GObject *object)
{
  CaManagerResponseGroup *self = (CaManagerResponseGroup *) object;
  GtkWidget *child;

  forget_choices (self);
  g_ptr_array_set_size (self->made, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_MANAGER_RESPONSE_GROUP);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->database);
  g_clear_pointer (&self->response, ca_manager_response_free);

  G_OBJECT_CLASS (ca_manager_response_group_parent_class)->dispose (object);
}

static void
ca_manager_response_group_finalize (GObject *object)
{
  CaManagerResponseGroup *self = (CaManagerResponseGroup *) object;

  g_ptr_array_unref (self->made);
  g_ptr_array_unref (self->plan_rows);
  g_ptr_array_unref (self->by_rows);
  g_clear_pointer (&self->managers, g_ptr_array_unref);
  g_hash_table_unref (self->controls);

  G_OBJECT_CLASS (ca_manager_response_group_parent_class)->finalize (object);
}

static void
ca_manager_response_group_class_init (CaManagerResponseGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_manager_response_group_dispose;
  object_class->finalize = ca_manager_response_group_finalize;

  /**
   * CaManagerResponseGroup::recorded:
   *
   * The response has just been written to the database.
   */
  signals[SIGNAL_RECORDED] = g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-manager-response-group.ui");
  gtk_widget_class_bind_template_child (widget_class, CaManagerResponseGroup, main_group);
  gtk_widget_class_bind_template_child (widget_class, CaManagerResponseGroup, due_row);
  gtk_widget_class_bind_template_child (widget_class, CaManagerResponseGroup, due_label);
  gtk_widget_class_bind_template_child (widget_class, CaManagerResponseGroup, manager_row);
  gtk_widget_class_bind_template_child (widget_class, CaManagerResponseGroup, actions_group);
  gtk_widget_class_bind_template_child (widget_class, CaManagerResponseGroup, decision_group);
  gtk_widget_class_bind_template_child (widget_class, CaManagerResponseGroup, stretch_row);
  gtk_widget_class_bind_template_child (widget_class, CaManagerResponseGroup, record_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ca_manager_response_group_init (CaManagerResponseGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ca_list_name_controls_once (GTK_WIDGET (self));

  g_queue_init (&self->choices);
  self->made = g_ptr_array_new_with_free_func (g_object_unref);
  self->plan_rows = g_ptr_array_new ();
  self->by_rows = g_ptr_array_new ();
  self->controls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* The widgets built for each audit are kept, to be taken out before the next. */
  ca_form_rows_track (GTK_WIDGET (self->main_group), self->made);
  ca_form_rows_track (GTK_WIDGET (self->actions_group), self->made);
  ca_form_rows_track (GTK_WIDGET (self->decision_group), self->made);
  g_signal_connect (self->record_button, "clicked", G_CALLBACK (record_clicked_cb), self);
}

GtkWidget *
ca_manager_response_group_new (void)
{
  return g_object_new (CA_TYPE_MANAGER_RESPONSE_GROUP, NULL);
}

/**
 * ca_manager_response_group_load:
 *
 * Shows the response to audit @audit_id, which should be submitted (the store refuses to
 * record a response to any other).
 */
gboolean
ca_manager_response_group_load (CaManagerResponseGroup *self,
                                CaDatabase             *database,
                                gint64                  audit_id,
                                GError                **error)
{
  g_autoptr(CaManagerResponse) response = NULL;
  g_autoptr(GPtrArray) managers = NULL;

  g_return_val_if_fail (CA_IS_MANAGER_RESPONSE_GROUP (self), FALSE);
  g_return_val_if_fail (CA_IS_DATABASE (database), FALSE);

  response = ca_manager_response_store_load (database, audit_id, NULL, error);
  if (response == NULL)
    return FALSE;
  managers = ca_audit_draft_store_list_owners (database, audit_id, error);
  if (managers == NULL)
    return FALSE;

  forget_choices (self);
  self->generation++;
  g_set_object (&self->database, database);
  g_clear_pointer (&self->response, ca_manager_response_free);
  self->response = g_steal_pointer (&response);
  g_clear_pointer (&self->managers, g_ptr_array_unref);
  self->managers = g_steal_pointer (&managers);
  build (self);
  return TRUE;
}
