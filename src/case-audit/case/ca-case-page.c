// SPDX-License-Identifier: GPL-3.0-or-later
// The case page: everything recorded about one case file (R-B3).

#define G_LOG_DOMAIN "ca-case-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ca-action.h"
#include "ca-audit.h"
#include "ca-audit-cell.h"
#include "ca-case-page.h"
#include "ca-case-store.h"
#include "ca-context.h"
#include "ca-moderation.h"
#include "core/ca-date.h"

struct _CaCasePage
{
  GtkWidget       parent_instance;

  CaContext      *context;
  GCancellable   *cancellable;
  gint64          case_id;
  GListModel     *audits;     /* of the case shown, to know which changes are its own */
  guint           reload_idle;
  gboolean        changed_unseen;  /* its case changed while it was out of sight */

  AdwWindowTitle *window_title;
  GtkStack       *stack;
  AdwStatusPage  *error_page;
  GtkScrolledWindow *scroller;
  GtkLabel       *restricted_label;
  GtkListBox     *facts_list;
  GtkListBox     *audits_list;
  GtkListBox     *actions_list;
  GtkListBox     *moderations_list;
};

G_DEFINE_FINAL_TYPE (CaCasePage, ca_case_page, GTK_TYPE_WIDGET)

static GtkWidget *
new_value_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text && *text ? text : "—");

  /* Values are short; on a narrow window they shorten with an ellipsis rather than
   * break into a column of single words. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_set_tooltip_text (label, text);
  return label;
}

static void
add_fact (CaCasePage *self,
          const char *title,
          const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_value_label (value));
  gtk_list_box_append (self->facts_list, row);
}

static void
add_date_fact (CaCasePage *self,
               const char *title,
               const char *iso_date)
{
  g_autofree char *display = ca_date_format_display (iso_date);

  add_fact (self, title, display);
}

static GtkWidget *
new_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  return label;
}

static GtkWidget *
create_audit_row (gpointer item,
                  gpointer user_data)
{
  CaAudit *audit = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *grade = ca_audit_cell_new (CA_AUDIT_FIELD_GRADE);
  GtkWidget *category = ca_audit_cell_new (CA_AUDIT_FIELD_CATEGORY);
  g_autofree char *date = ca_date_format_display (ca_audit_get_audit_date (audit)
                                                  ? ca_audit_get_audit_date (audit)
                                                  : ca_audit_get_due_date (audit));
  g_autofree char *title = g_strdup_printf ("%s — %s", date, ca_audit_get_tool (audit));
  /* Translators: the subtitle of an audit on the case page: "Audited by NAME · STATUS" */
  g_autofree char *subtitle = g_strdup_printf (_("Audited by %s · %s"),
                                               ca_audit_get_auditor (audit),
                                               ca_audit_status_get_label (ca_audit_get_status (audit)));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  ca_audit_cell_show (grade, CA_AUDIT_FIELD_GRADE, audit);
  ca_audit_cell_show (category, CA_AUDIT_FIELD_CATEGORY, audit);
  gtk_widget_set_valign (grade, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (category, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), grade);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), category);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.edit-audit");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                          g_variant_new_int64 (ca_audit_get_id (audit)));
  return row;
}

static GtkWidget *
create_action_row (gpointer item,
                   gpointer user_data)
{
  CaAction *action = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *state;
  g_autofree char *due = ca_date_format_display (ca_action_get_due_date (action));
  g_autofree char *done = ca_date_format_display (ca_action_get_completed_on (action));
  g_autofree char *subtitle = NULL;
  g_autofree char *state_text = NULL;

  /* Translators: "Owner: NAME · due DATE" */
  subtitle = g_strdup_printf (_("Owner: %s · due %s"),
                              ca_action_get_owner (action) ? ca_action_get_owner (action) : "—",
                              due[0] ? due : "—");
  state_text = ca_action_get_completed_on (action)
               ? g_strdup_printf (_("Done %s"), done)
               : g_strdup (_("Open"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ca_action_get_description (action));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);

  state = gtk_label_new (state_text);
  gtk_widget_add_css_class (state, ca_action_get_completed_on (action) ? "dim-label" : "badge");
  if (ca_action_get_safeguarding (action))
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_set_tooltip_text (icon, _("Safeguarding action"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Safeguarding action"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  gtk_widget_set_valign (state, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
  return row;
}

static GtkWidget *
create_moderation_row (gpointer item,
                       gpointer user_data)
{
  CaModeration *moderation = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *date = ca_date_format_display (ca_moderation_get_moderated_on (moderation));
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  CaGrade auditor = ca_moderation_get_auditor_grade (moderation);
  CaGrade moderator = ca_moderation_get_overall_grade (moderation);

  /* Translators: "Moderated by NAME on DATE" */
  title = g_strdup_printf (_("Moderated by %s on %s"), ca_moderation_get_moderator (moderation),
                           date[0] ? date : "—");
  if (auditor == moderator)
    subtitle = g_strdup_printf (_("Agreed: %s"), ca_grade_get_label (moderator));
  else
    /* Translators: "Auditor: Good · Moderator: Requires Improvement" */
    subtitle = g_strdup_printf (_("Auditor: %s · Moderator: %s"), ca_grade_get_label (auditor),
                                ca_grade_get_label (moderator));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
remove_all_rows (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
show_case (CaCasePage *self,
           CaCase     *loaded)
{
  adw_window_title_set_title (self->window_title, ca_case_get_case_ref (loaded));
  adw_window_title_set_subtitle (self->window_title, ca_case_get_team (loaded));
  gtk_widget_set_visible (GTK_WIDGET (self->restricted_label), ca_case_get_restricted (loaded));

  remove_all_rows (self->facts_list);
  add_fact (self, _("Case reference"), ca_case_get_case_ref (loaded));
  add_fact (self, _("Service area"), ca_case_get_service_area (loaded));
  add_fact (self, _("Team"), ca_case_get_team (loaded));
  add_fact (self, _("Locality"), ca_case_get_locality (loaded));
  add_fact (self, _("Allocated worker"), ca_case_get_allocated_worker (loaded));
  add_fact (self, _("Legal status"), ca_legal_status_get_label (ca_case_get_legal_status (loaded)));
  add_date_fact (self, _("Opened"), ca_case_get_open_date (loaded));
  if (ca_case_get_close_date (loaded) != NULL)
    add_date_fact (self, _("Closed"), ca_case_get_close_date (loaded));
  else
    add_fact (self, _("Closed"), _("Still open"));
  if (ca_case_get_last_audited (loaded) != NULL)
    add_date_fact (self, _("Last audited"), ca_case_get_last_audited (loaded));
  else
    add_fact (self, _("Last audited"), _("Never"));

  g_set_object (&self->audits, ca_case_get_audits (loaded));
  gtk_list_box_bind_model (self->audits_list, ca_case_get_audits (loaded),
                           create_audit_row, NULL, NULL);
  gtk_list_box_bind_model (self->actions_list, ca_case_get_actions (loaded),
                           create_action_row, NULL, NULL);
  gtk_list_box_bind_model (self->moderations_list, ca_case_get_moderations (loaded),
                           create_moderation_row, NULL, NULL);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  gtk_stack_set_visible_child_name (self->stack, "case");
}

static void
case_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CaCasePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CaCase) loaded = ca_case_store_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (loaded == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  show_case (self, loaded);
}

static void
ca_case_page_dispose (GObject *object)
{
  CaCasePage *self = (CaCasePage *) object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_idle, g_source_remove);
  g_clear_object (&self->audits);
  g_clear_object (&self->context);

  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_CASE_PAGE);
  /* The template's outer box has no name, so dispose_template leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ca_case_page_parent_class)->dispose (object);
}

static void ca_case_page_map (GtkWidget *widget);

static void
ca_case_page_class_init (CaCasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_case_page_dispose;
  widget_class->map = ca_case_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ca-case-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaCasePage, window_title);
  gtk_widget_class_bind_template_child (widget_class, CaCasePage, stack);
  gtk_widget_class_bind_template_child (widget_class, CaCasePage, error_page);
  gtk_widget_class_bind_template_child (widget_class, CaCasePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, CaCasePage, restricted_label);
  gtk_widget_class_bind_template_child (widget_class, CaCasePage, facts_list);
  gtk_widget_class_bind_template_child (widget_class, CaCasePage, audits_list);
  gtk_widget_class_bind_template_child (widget_class, CaCasePage, actions_list);
  gtk_widget_class_bind_template_child (widget_class, CaCasePage, moderations_list);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ca_case_page_init (CaCasePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_placeholder (self->audits_list, new_placeholder (_("No audits yet")));
  gtk_list_box_set_placeholder (self->actions_list, new_placeholder (_("No actions recorded")));
  gtk_list_box_set_placeholder (self->moderations_list,
                                new_placeholder (_("None of these audits has been moderated")));
}

/* Shows a spinner at once, then the case when it has been read off the main thread. */
void
ca_case_page_load (CaCasePage *self,
                   gint64      case_id)
{
  g_return_if_fail (CA_IS_CASE_PAGE (self));
  g_return_if_fail (self->context != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->case_id = case_id;

  adw_window_title_set_title (self->window_title, _("Case"));
  adw_window_title_set_subtitle (self->window_title, NULL);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  ca_case_store_load_async (ca_context_get_database (self->context), case_id, self->cancellable,
                            case_loaded_cb, g_object_ref (self));
}

static gboolean
reload_idle_cb (gpointer data)
{
  CaCasePage *self = data;

  self->reload_idle = 0;
  ca_case_page_load (self, self->case_id);
  return G_SOURCE_REMOVE;
}

static gboolean
shows_an_audit_of (CaCasePage *self,
                   GArray     *ids)
{
  guint n = self->audits != NULL ? g_list_model_get_n_items (self->audits) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CaAudit) audit = g_list_model_get_item (self->audits, i);

      if (ca_change_ids_contain (ids, ca_audit_get_id (audit)))
        return TRUE;
    }
  return ids->len == 0;
}

/* The case's audits, its actions and responses show here: read again once the main loop is
 * idle when they change. */
static void
context_changed_cb (CaCasePage *self,
                    int         kind,
                    GArray     *ids)
{
  gboolean mine;

  if (self->case_id == 0)
    return;
  switch (kind)
    {
    case CA_CHANGE_ANY:
    case CA_CHANGE_STAFF:
      mine = TRUE;
      break;
    case CA_CHANGE_CASE:
      mine = ca_change_ids_contain (ids, self->case_id);
      break;
    case CA_CHANGE_AUDIT:
    case CA_CHANGE_MANAGER_RESPONSE:
      mine = shows_an_audit_of (self, ids);
      break;
    default:
      mine = FALSE;
      break;
    }
  /* A page out of sight (the editor slid over it) reads its case again when it is shown:
   * an audit being typed into changes at every autosave. */
  if (mine && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->changed_unseen = TRUE;
  else if (mine && self->reload_idle == 0)
    self->reload_idle = g_idle_add (reload_idle_cb, self);
}

static void
ca_case_page_map (GtkWidget *widget)
{
  CaCasePage *self = CA_CASE_PAGE (widget);

  GTK_WIDGET_CLASS (ca_case_page_parent_class)->map (widget);
  if (self->changed_unseen && self->case_id != 0 && self->reload_idle == 0)
    self->reload_idle = g_idle_add (reload_idle_cb, self);
  self->changed_unseen = FALSE;
}

/* The database whose cases are shown, and whose changes are heard. */
void
ca_case_page_set_context (CaCasePage *self,
                          CaContext  *context)
{
  g_return_if_fail (CA_IS_CASE_PAGE (self));
  g_return_if_fail (context == NULL || CA_IS_CONTEXT (context));

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  if (!g_set_object (&self->context, context))
    return;
  self->case_id = 0;
  g_clear_object (&self->audits);
  if (context != NULL)
    g_signal_connect_object (context, "changed", G_CALLBACK (context_changed_cb), self,
                             G_CONNECT_SWAPPED);
}
