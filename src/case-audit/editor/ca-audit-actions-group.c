// SPDX-License-Identifier: GPL-3.0-or-later
// The audit form's actions (R-F5): what must be done for the child, by whom and by when.
// The rows are remade whenever an action is added or removed, so each knows its index.
// A moderator's further actions (R-H3) are the same rows over the moderation form's table,
// without the safeguarding switch (the urgency of R-F8 is the audit's) and with a key for
// each row added, by which two copies' rows are merged.

#define G_LOG_DOMAIN "ca-audit-actions-group"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-audit-actions-group.h"
#include "ca-form-rows.h"
#include "ca-list-access.h"
#include "core/ca-date.h"
#include "core/ca-moderation-form.h"

struct _CaAuditActionsGroup
{
  AdwPreferencesGroup parent_instance;

  GtkBox       *actions_box;
  GtkWidget    *add_action_button;

  CaAuditDraft *draft;          /* borrowed from the editor's form; NULL for another table */
  GPtrArray    *actions;        /* of CaDraftAction: the draft's, or a moderation form's */
  GPtrArray    *owners;         /* of CaActionOwner; the combo's items after "Nobody yet" */
  GPtrArray    *action_inputs;  /* the actions' controls, remade with the list */
  GHashTable   *targets;        /* problem path ("actions[N].field") → widget to focus */
  gboolean      read_only;
  gboolean      loading;        /* filling the controls: not a change */

  /* R-F8, for default due dates and the limit on urgent actions; NULL calendar: unknown. */
  CaHolidayCalendar *calendar;
  CaDeadlineRules    rules;
};

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CaAuditActionsGroup, ca_audit_actions_group, ADW_TYPE_PREFERENCES_GROUP)

static void rebuild_actions (CaAuditActionsGroup *self);

static void
changed (CaAuditActionsGroup *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static CaDraftAction *
action_of (CaAuditActionsGroup *self,
           GObject             *widget)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (widget, "action-index"));

  if (self->actions == NULL || index >= self->actions->len)
    return NULL;
  return g_ptr_array_index (self->actions, index);
}

static void
replace_text (char       **field,
              const char  *text)
{
  g_free (*field);
  *field = text && *text ? g_strdup (text) : NULL;
}

static void
action_text_changed_cb (GtkEditable         *editable,
                        CaAuditActionsGroup *self)
{
  CaDraftAction *action = action_of (self, G_OBJECT (editable));
  const char *field = g_object_get_data (G_OBJECT (editable), "action-field");
  const char *text = gtk_editable_get_text (editable);

  if (self->loading || action == NULL)
    return;
  /* A problem Submit marked on the row (the moderation form marks its rows; the audit's
   * form lists its problems apart) goes once it is edited; the due date keeps its own. */
  if (!g_str_equal (field, "due_date"))
    ca_form_rows_show_row_message (GTK_WIDGET (editable), NULL);
  if (g_str_equal (field, "description"))
    replace_text (&action->description, text);
  else if (g_str_equal (field, "impact"))
    replace_text (&action->impact, text);
  else
    {
      g_autofree char *iso = NULL;

      if (!ca_form_rows_read_date (GTK_WIDGET (editable), &iso))
        return;
      replace_text (&action->due_date, iso);
    }
  changed (self);
}

static void
action_owner_changed_cb (AdwComboRow         *row,
                         GParamSpec          *pspec,
                         CaAuditActionsGroup *self)
{
  CaDraftAction *action = action_of (self, G_OBJECT (row));

  if (self->loading || action == NULL)
    return;
  ca_form_rows_show_row_message (GTK_WIDGET (row), NULL);
  action->owner_id = ca_form_rows_staff_combo_get_id (row, self->owners);
  changed (self);
}

static void
remove_action_cb (GtkButton           *button,
                  CaAuditActionsGroup *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "action-index"));

  if (self->actions == NULL || self->read_only || index >= self->actions->len)
    return;
  g_ptr_array_remove_index (self->actions, index);
  rebuild_actions (self);
  changed (self);
}

static void
safeguarding_changed_cb (GtkSwitch           *toggle,
                         GParamSpec          *pspec,
                         CaAuditActionsGroup *self)
{
  CaDraftAction *action = action_of (self, G_OBJECT (toggle));

  if (self->loading || action == NULL)
    return;
  action->safeguarding = gtk_switch_get_active (toggle);
  changed (self);
}

/* The day the actions are set: the audit's date, or today in England while it has none. */
static void
actions_set_on (CaAuditActionsGroup *self,
                GDate               *from)
{
  if (self->draft == NULL || self->draft->audit_date == NULL ||
      !ca_date_parse (self->draft->audit_date, from))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      ca_deadline_get_local_date (now, from);
    }
}

static void
add_action_cb (GtkButton           *button,
               CaAuditActionsGroup *self)
{
  g_autofree char *due = NULL;
  CaDraftAction *action;

  if (self->actions == NULL || self->read_only)
    return;
  /* A new action starts with the default due date (R-F8), which its owner may move. */
  if (self->calendar != NULL)
    {
      GDate from, default_due;

      actions_set_on (self, &from);
      ca_deadline_action_default_due (self->calendar, &from, FALSE, &self->rules, &default_due);
      due = ca_date_format (&default_due);
    }
  action = ca_draft_action_new (NULL, 0, due, NULL);
  /* The audit's table is merged whole, by position; another table row by row, by key. */
  if (self->draft == NULL)
    action->key = ca_moderation_form_new_action_key ();
  g_ptr_array_add (self->actions, action);
  rebuild_actions (self);
  changed (self);
}

static GtkWidget *
new_action_entry (CaAuditActionsGroup *self,
                  GtkWidget           *list,
                  guint                index,
                  const char          *title,
                  const char          *field,
                  const char          *value)
{
  GtkWidget *row = ca_form_rows_new_entry_row (title, value);
  g_autofree char *where = g_strdup_printf ("actions[%u].%s", index, field);

  g_object_set_data (G_OBJECT (row), "action-index", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (row), "action-field", (gpointer) field);
  g_signal_connect (row, "changed", G_CALLBACK (action_text_changed_cb), self);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  g_ptr_array_add (self->action_inputs, row);
  g_hash_table_replace (self->targets, g_steal_pointer (&where), row);
  return row;
}

static void
rebuild_actions (CaAuditActionsGroup *self)
{
  g_autofree char *safeguarding_subtitle = NULL;
  GtkWidget *child;
  gboolean was_loading = self->loading;

  self->loading = TRUE;
  g_hash_table_remove_all (self->targets);
  g_ptr_array_set_size (self->action_inputs, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box))) != NULL)
    gtk_box_remove (self->actions_box, child);

  safeguarding_subtitle =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                  "On an Inadequate audit, to be done within %u working day.",
                                  "On an Inadequate audit, to be done within %u working days.",
                                  self->rules.urgent_action_working_days),
                     self->rules.urgent_action_working_days);
  for (guint i = 0; self->actions != NULL && i < self->actions->len; i++)
    {
      const CaDraftAction *action = g_ptr_array_index (self->actions, i);
      GtkWidget *list = gtk_list_box_new ();
      GtkWidget *description, *owner_row, *remove, *due, *safeguarding, *safeguarding_row;
      g_autofree char *safeguarding_title =
        g_strdup_printf (_("Action %u meets a safeguarding concern"), i + 1);
      g_autofree char *title = g_strdup_printf (_("Action %u"), i + 1);
      g_autofree char *remove_label = g_strdup_printf (_("Remove action %u"), i + 1);
      g_autofree char *owner_title = g_strdup_printf (_("Owner of action %u"), i + 1);
      g_autofree char *due_title = g_strdup_printf (_("Due date of action %u"), i + 1);
      g_autofree char *impact_title = g_strdup_printf (_("Expected impact for the child of action %u"),
                                                       i + 1);
      g_autofree char *owner_where = g_strdup_printf ("actions[%u].owner", i);

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title, -1);

      description = new_action_entry (self, list, i, title, "description", action->description);
      remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, remove_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      remove_label, -1);
      g_object_set_data (G_OBJECT (remove), "action-index", GUINT_TO_POINTER (i));
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_action_cb), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (description), remove);
      g_ptr_array_add (self->action_inputs, remove);

      owner_row = ca_form_rows_new_staff_combo (owner_title, _("Nobody yet"), self->owners,
                                                action->owner_id);
      g_object_set_data (G_OBJECT (owner_row), "action-index", GUINT_TO_POINTER (i));
      g_signal_connect (owner_row, "notify::selected", G_CALLBACK (action_owner_changed_cb), self);
      gtk_list_box_append (GTK_LIST_BOX (list), owner_row);
      g_ptr_array_add (self->action_inputs, owner_row);
      g_hash_table_replace (self->targets, g_steal_pointer (&owner_where), owner_row);

      due = new_action_entry (self, list, i, due_title, "due_date", NULL);
      ca_form_rows_set_up_date_row (due, action->due_date);
      gtk_list_box_append (GTK_LIST_BOX (list), ca_form_rows_new_date_message (due));

      if (self->draft == NULL)
        {
          new_action_entry (self, list, i, impact_title, "impact", action->impact);
          gtk_box_append (self->actions_box, list);
          continue;
        }
      safeguarding = gtk_switch_new ();
      gtk_switch_set_active (GTK_SWITCH (safeguarding), action->safeguarding);
      gtk_widget_set_valign (safeguarding, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (safeguarding),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, safeguarding_title, -1);
      g_object_set_data (G_OBJECT (safeguarding), "action-index", GUINT_TO_POINTER (i));
      g_signal_connect (safeguarding, "notify::active", G_CALLBACK (safeguarding_changed_cb), self);
      safeguarding_row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (safeguarding_row),
                                     _("Meets a safeguarding concern"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (safeguarding_row), safeguarding_subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (safeguarding_row), safeguarding);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (safeguarding_row), safeguarding);
      gtk_list_box_append (GTK_LIST_BOX (list), safeguarding_row);
      g_ptr_array_add (self->action_inputs, safeguarding);

      new_action_entry (self, list, i, impact_title, "impact", action->impact);
      gtk_box_append (self->actions_box, list);
    }
  for (guint i = 0; i < self->action_inputs->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->action_inputs, i), !self->read_only);
  self->loading = was_loading;
  ca_audit_actions_group_explain_deadlines (self);
}

/* What set_draft() and set_actions() both do: DRAFT is NULL for a table of actions that is
 * not a draft's. */
static void
show_actions (CaAuditActionsGroup *self,
              CaAuditDraft        *draft,
              GPtrArray           *actions,
              GPtrArray           *owners)
{
  self->draft = draft;
  self->actions = actions;
  if (owners != NULL)
    g_ptr_array_ref (owners);
  g_clear_pointer (&self->owners, g_ptr_array_unref);
  self->owners = owners;
  rebuild_actions (self);
}

/**
 * ca_audit_actions_group_set_draft:
 * @draft: (transfer none): the draft whose actions to show and change; it must outlive the group
 * @owners: (nullable): of CaActionOwner, who may own an action
 *
 * Shows @draft's actions. ::changed is emitted after each change made to them.
 */
void
ca_audit_actions_group_set_draft (CaAuditActionsGroup *self,
                                  CaAuditDraft        *draft,
                                  GPtrArray           *owners)
{
  g_return_if_fail (CA_IS_AUDIT_ACTIONS_GROUP (self));

  show_actions (self, draft, draft != NULL ? draft->actions : NULL, owners);
}

/**
 * ca_audit_actions_group_set_actions:
 * @actions: (transfer none) (element-type CaDraftAction): a table of actions that is not an
 *   audit's draft (a moderation form's further actions); it must outlive the group
 * @owners: (nullable): of CaActionOwner, who may own an action
 *
 * Shows @actions as ca_audit_actions_group_set_draft() shows a draft's, without the
 * safeguarding switch; each action added gets a key. Call it again after @actions changed
 * from elsewhere (another copy's rows taken in) to show them.
 */
void
ca_audit_actions_group_set_actions (CaAuditActionsGroup *self,
                                    GPtrArray           *actions,
                                    GPtrArray           *owners)
{
  g_return_if_fail (CA_IS_AUDIT_ACTIONS_GROUP (self));

  show_actions (self, NULL, actions, owners);
}

void
ca_audit_actions_group_set_read_only (CaAuditActionsGroup *self,
                                      gboolean             read_only)
{
  g_return_if_fail (CA_IS_AUDIT_ACTIONS_GROUP (self));

  self->read_only = read_only;
  gtk_widget_set_sensitive (self->add_action_button, !read_only);
  for (guint i = 0; i < self->action_inputs->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->action_inputs, i), !read_only);
}

/**
 * ca_audit_actions_group_get_target:
 * @where: a submission problem's path, such as "actions[0].owner"
 *
 * Returns: (transfer none) (nullable): the control to focus for a problem at @where
 */
GtkWidget *
ca_audit_actions_group_get_target (CaAuditActionsGroup *self,
                                   const char          *where)
{
  g_return_val_if_fail (CA_IS_AUDIT_ACTIONS_GROUP (self), NULL);

  return where != NULL ? g_hash_table_lookup (self->targets, where) : NULL;
}

/**
 * ca_audit_actions_group_find_path:
 * @widget: a widget inside the group, such as the one with the keyboard focus
 *
 * Returns: (nullable): the path of the field whose control is or holds @widget
 */
const char *
ca_audit_actions_group_find_path (CaAuditActionsGroup *self,
                                  GtkWidget           *widget)
{
  g_return_val_if_fail (CA_IS_AUDIT_ACTIONS_GROUP (self), NULL);

  return ca_form_rows_find_path (self->targets, widget);
}

/**
 * ca_audit_actions_group_set_deadlines:
 * @calendar: (transfer none): the working days, for the deadlines of R-F8
 * @rules: the deadline numbers the team uses
 *
 * Lets the group give new actions their default due date and explain, under its due date,
 * an urgent action due too late.
 */
void
ca_audit_actions_group_set_deadlines (CaAuditActionsGroup   *self,
                                      CaHolidayCalendar     *calendar,
                                      const CaDeadlineRules *rules)
{
  g_return_if_fail (CA_IS_AUDIT_ACTIONS_GROUP (self));
  g_return_if_fail (calendar != NULL && rules != NULL);

  g_clear_pointer (&self->calendar, ca_holiday_calendar_unref);
  self->calendar = ca_holiday_calendar_ref (calendar);
  self->rules = *rules;
  rebuild_actions (self);
}

/**
 * ca_audit_actions_group_explain_deadlines:
 *
 * Says under each due date that breaks a deadline rule why, as the rules say it at
 * submission. Call it after any change to the draft, since the overall grade and the
 * audit's date decide which actions are urgent.
 */
void
ca_audit_actions_group_explain_deadlines (CaAuditActionsGroup *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  GDate from;

  g_return_if_fail (CA_IS_AUDIT_ACTIONS_GROUP (self));

  if (self->draft == NULL || self->calendar == NULL)
    return;
  actions_set_on (self, &from);
  problems = ca_audit_rules_check_action_deadlines (self->draft, self->calendar, &self->rules,
                                                    &from);
  for (guint i = 0; i < ca_audit_draft_get_n_actions (self->draft); i++)
    {
      g_autofree char *where = g_strdup_printf ("actions[%u].due_date", i);
      GtkWidget *due = g_hash_table_lookup (self->targets, where);
      const char *why = NULL;

      /* An impossible date keeps its own message. */
      if (due == NULL || !ca_form_rows_date_is_real (gtk_editable_get_text (GTK_EDITABLE (due))))
        continue;
      for (guint j = 0; j < problems->len; j++)
        if (g_str_equal (((CaRuleProblem *) problems->pdata[j])->where, where))
          why = ((CaRuleProblem *) problems->pdata[j])->message;
      ca_form_rows_show_row_message (due, why);
    }
}

static void
ca_audit_actions_group_finalize (GObject *object)
{
  CaAuditActionsGroup *self = (CaAuditActionsGroup *) object;

  g_clear_pointer (&self->calendar, ca_holiday_calendar_unref);

  g_ptr_array_unref (self->action_inputs);
  g_clear_pointer (&self->owners, g_ptr_array_unref);
  g_hash_table_unref (self->targets);

  G_OBJECT_CLASS (ca_audit_actions_group_parent_class)->finalize (object);
}

static void
ca_audit_actions_group_class_init (CaAuditActionsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ca_audit_actions_group_finalize;

  /**
   * CaAuditActionsGroup::changed:
   *
   * An action has just been added, removed or changed in the draft.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
ca_audit_actions_group_init (CaAuditActionsGroup *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (self);
  g_autofree char *title = g_markup_escape_text (_("Actions"), -1);
  /* The description is markup. */
  g_autofree char *description =
    g_markup_escape_text (_("What must be done for the child, by whom and by when."), -1);

  ca_deadline_rules_init_defaults (&self->rules);
  self->action_inputs = g_ptr_array_new ();
  self->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  adw_preferences_group_set_title (group, title);
  adw_preferences_group_set_description (group, description);
  self->actions_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
  adw_preferences_group_add (group, GTK_WIDGET (self->actions_box));
  self->add_action_button = gtk_button_new_with_mnemonic (_("_Add Action"));
  ca_list_name_button (self->add_action_button, _("Add Action"));
  gtk_widget_set_halign (self->add_action_button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->add_action_button, 12);
  g_signal_connect (self->add_action_button, "clicked", G_CALLBACK (add_action_cb), self);
  adw_preferences_group_add (group, self->add_action_button);
}

GtkWidget *
ca_audit_actions_group_new (void)
{
  return g_object_new (CA_TYPE_AUDIT_ACTIONS_GROUP, NULL);
}
