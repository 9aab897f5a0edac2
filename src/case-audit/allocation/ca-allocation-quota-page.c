// SPDX-License-Identifier: GPL-3.0-or-later
// The Allocation view's Quotas page: each auditor's progress against their quota for a year,
// and their own audits a month, set from a button in their row.

#define G_LOG_DOMAIN "ca-allocation-quota-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ca-allocation-quota-page.h"
#include "ca-list-access.h"
#include "ca-capacity-store.h"
#include "ca-quota-store.h"
#include "ca-toast.h"
#include "ca-view-write.h"

struct _CaAllocationQuotaPage
{
  GtkBox          parent_instance;

  CaDatabase     *database;

  GtkSpinButton  *year_spin;
  GtkLabel       *quota_summary;
  GtkNoSelection *quota_selection;
  GtkColumnView  *quota_view;
};

G_DEFINE_FINAL_TYPE (CaAllocationQuotaPage, ca_allocation_quota_page, GTK_TYPE_BOX)

enum {
  CAPACITY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
load_quota (CaAllocationQuotaPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  int year = gtk_spin_button_get_value_as_int (self->year_spin);
  guint n_short = 0, n;
  g_autofree char *summary = NULL;

  if (self->database == NULL)
    return;
  list = ca_quota_store_list (self->database, year, NULL, &error);
  if (list == NULL)
    {
      gtk_label_set_text (self->quota_summary, error->message);
      gtk_no_selection_set_model (self->quota_selection, NULL);
      return;
    }
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CaQuotaProgress) progress = g_list_model_get_item (list, i);

      if (ca_quota_progress_is_short (progress))
        n_short++;
    }
  /* Translators: "12 of 150 auditors are behind their quota to date" */
  summary = g_strdup_printf (g_dngettext (NULL, "%u of %u auditor is behind their quota to date",
                                          "%u of %u auditors are behind their quota to date", n),
                             n_short, n);
  gtk_label_set_text (self->quota_summary, summary);
  gtk_no_selection_set_model (self->quota_selection, list);
}

/* A person's own audits a month, from a button in their row of the Quotas page. */

#define ITEM_KEY "ca-quota-progress"
#define SPIN_KEY "ca-capacity-spin"
#define ROLE_LABEL_KEY "ca-capacity-role-label"
#define BUTTON_KEY "ca-capacity-button"

/* Puts the fresh numbers of STAFF_ID in their row, so the list keeps its place. */
static void
refresh_quota_row (CaAllocationQuotaPage *self,
                   gint64                 staff_id)
{
  GListModel *shown = gtk_no_selection_get_model (self->quota_selection);
  g_autoptr(GListModel) fresh = NULL;
  g_autoptr(GError) error = NULL;
  int year = gtk_spin_button_get_value_as_int (self->year_spin);

  fresh = ca_quota_store_list (self->database, year, NULL, &error);
  if (fresh == NULL || !G_IS_LIST_STORE (shown))
    {
      load_quota (self);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(CaQuotaProgress) old = g_list_model_get_item (shown, i);

      if (ca_quota_progress_get_staff_id (old) != staff_id)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (fresh); j++)
        {
          g_autoptr(CaQuotaProgress) progress = g_list_model_get_item (fresh, j);

          if (ca_quota_progress_get_staff_id (progress) == staff_id)
            {
              g_list_store_splice (G_LIST_STORE (shown), i, 1, (gpointer *) &progress, 1);
              return;
            }
        }
    }
  load_quota (self);
}

/* One auditor's audits a month: the number this page showed, and the one wanted. */
typedef struct
{
  gint64   staff_id;
  gint     shown;
  guint    capacity;
  gboolean use_role;
} CapacityWrite;

static gboolean
capacity_job (CaDatabase  *connection,
              gpointer     data,
              GError     **error)
{
  CapacityWrite *write = data;

  if (write->use_role)
    return ca_capacity_store_clear_staff (connection, write->staff_id, write->shown, NULL,
                                          error);
  return ca_capacity_store_set_staff (connection, write->staff_id, write->shown,
                                      write->capacity, NULL, error);
}

static void
capacity_changed (GtkWidget    *owner,
                  gpointer      data,
                  const GError *error)
{
  CaAllocationQuotaPage *self = CA_ALLOCATION_QUOTA_PAGE (owner);
  CapacityWrite *write = data;

  if (self->database == NULL)
    return;
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The audits a month were not saved: %s"),
                                               error->message);

      ca_toast_show_text (GTK_WIDGET (self), text, CA_TOAST_LONG);
      /* Another copy changed the number meanwhile: the row shows it, and the message says
       * what it is now, for the person to set theirs again if they still want it. */
      if (g_error_matches (error, CA_CAPACITY_STORE_ERROR, CA_CAPACITY_STORE_ERROR_CHANGED))
        refresh_quota_row (self, write->staff_id);
      return;
    }
  refresh_quota_row (self, write->staff_id);
  /* A preview was worked out with the old number. */
  g_signal_emit (self, signals[CAPACITY_CHANGED], 0);
}

static void
change_capacity (CaAllocationQuotaPage *self,
                 GtkWidget             *widget,
                 gboolean               use_role)
{
  GtkWidget *button = gtk_widget_get_ancestor (widget, GTK_TYPE_MENU_BUTTON);
  CaQuotaProgress *progress;
  GtkSpinButton *spin;
  CapacityWrite *write;

  if (button == NULL)
    return;
  progress = g_object_get_data (G_OBJECT (button), ITEM_KEY);
  spin = g_object_get_data (G_OBJECT (button), SPIN_KEY);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  if (progress == NULL || self->database == NULL)
    return;
  gtk_spin_button_update (spin);
  write = g_new0 (CapacityWrite, 1);
  write->staff_id = ca_quota_progress_get_staff_id (progress);
  write->shown = ca_quota_progress_get_own_capacity (progress);
  write->capacity = (guint) gtk_spin_button_get_value_as_int (spin);
  write->use_role = use_role;
  ca_view_write (GTK_WIDGET (self), button, self->database, capacity_job, write, g_free,
                 capacity_changed);
}

static void
capacity_set_cb (GtkWidget             *widget,
                 CaAllocationQuotaPage *self)
{
  change_capacity (self, widget, FALSE);
}

static void
capacity_use_role_cb (GtkWidget             *widget,
                      CaAllocationQuotaPage *self)
{
  change_capacity (self, widget, TRUE);
}

static void
capacity_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   CaAllocationQuotaPage    *self)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Audits a month"));
  GtkWidget *spin = gtk_spin_button_new_with_range (0, CA_CAPACITY_MAX, 1);
  GtkWidget *set = gtk_button_new_with_mnemonic (_("_Set"));
  GtkWidget *use_role = gtk_button_new_with_mnemonic (_("_Use the Role’s Number"));
  GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *role_label = gtk_label_new (NULL);

  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (heading, "heading");
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_add_css_class (set, "suggested-action");
  ca_list_name_buttons_by_label (set);
  ca_list_name_buttons_by_label (use_role);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), spin);
  gtk_box_append (GTK_BOX (box), set);
  gtk_box_append (GTK_BOX (box), use_role);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (popover), set);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  g_signal_connect (set, "clicked", G_CALLBACK (capacity_set_cb), self);
  g_signal_connect (use_role, "clicked", G_CALLBACK (capacity_use_role_cb), self);
  g_object_set_data (G_OBJECT (button), SPIN_KEY, spin);
  /* Under the button, so a person's own number never reads as their role's. */
  gtk_label_set_xalign (GTK_LABEL (role_label), 0);
  gtk_label_set_wrap (GTK_LABEL (role_label), TRUE);
  gtk_widget_add_css_class (role_label, "caption");
  gtk_widget_add_css_class (role_label, "dim-label");
  gtk_box_append (GTK_BOX (cell), button);
  gtk_box_append (GTK_BOX (cell), role_label);
  g_object_set_data (G_OBJECT (cell), ROLE_LABEL_KEY, role_label);
  g_object_set_data (G_OBJECT (cell), BUTTON_KEY, button);
  gtk_list_item_set_child (item, cell);
}

static void
capacity_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  CaAllocationQuotaPage    *self)
{
  CaQuotaProgress *progress = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);
  GtkWidget *button = g_object_get_data (G_OBJECT (cell), BUTTON_KEY);
  GtkLabel *role_label = g_object_get_data (G_OBJECT (cell), ROLE_LABEL_KEY);
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (button), SPIN_KEY);
  g_autofree char *number = g_strdup_printf ("%u", ca_quota_progress_get_capacity (progress));
  /* Translators: the accessible name of a person's number, "Imran Shah: audits a month" */
  g_autofree char *label = g_strdup_printf (_("%s: audits a month"),
                                            ca_quota_progress_get_name (progress));
  g_autofree char *tooltip = NULL;
  g_autofree char *row_name = NULL;

  g_object_set_data (G_OBJECT (button), ITEM_KEY, progress);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), number);
  gtk_spin_button_set_value (spin, ca_quota_progress_get_capacity (progress));
  if (ca_quota_progress_has_own_capacity (progress))
    {
      tooltip = g_strdup_printf (_("Their own number: %u a month; their role’s is %u"),
                                 ca_quota_progress_get_capacity (progress),
                                 ca_quota_progress_get_role_capacity (progress));
      g_autofree char *role_text = NULL;

      /* Translators: under a person's own audits a month, their role's number */
      role_text = g_strdup_printf (_("(role: %u)"),
                                   ca_quota_progress_get_role_capacity (progress));
      gtk_label_set_text (role_label, role_text);
      gtk_widget_set_visible (GTK_WIDGET (role_label), TRUE);
    }
  else
    {
      tooltip = g_strdup_printf (_("Their role’s number: %u a month"),
                                 ca_quota_progress_get_capacity (progress));
      gtk_widget_set_visible (GTK_WIDGET (role_label), FALSE);
    }
  gtk_widget_set_tooltip_text (button, tooltip);
  ca_list_name_menu_button (button, label, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  /* The row, for a screen reader, by all it shows: "Imran Shah, Team Manager: 2 of 3 this
   * year, on track; 1 a month". */
  row_name = g_strdup_printf (_("%s, %s: %s; %u a month"), ca_quota_progress_get_name (progress),
                              ca_quota_progress_get_role (progress),
                              ca_quota_progress_get_summary (progress),
                              ca_quota_progress_get_capacity (progress));
  ca_list_name_table_row (cell, row_name);
}

static void
capacity_unbind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    CaAllocationQuotaPage    *self)
{
  GtkWidget *button = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)),
                                        BUTTON_KEY);

  g_object_set_data (G_OBJECT (button), ITEM_KEY, NULL);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

static void
year_changed_cb (CaAllocationQuotaPage *self)
{
  load_quota (self);
}

static void
ca_allocation_quota_page_dispose (GObject *object)
{
  CaAllocationQuotaPage *self = (CaAllocationQuotaPage *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_ALLOCATION_QUOTA_PAGE);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (ca_allocation_quota_page_parent_class)->dispose (object);
}

static void
ca_allocation_quota_page_css_changed (GtkWidget         *widget,
                                      GtkCssStyleChange *change)
{
  CaAllocationQuotaPage *self = CA_ALLOCATION_QUOTA_PAGE (widget);

  GTK_WIDGET_CLASS (ca_allocation_quota_page_parent_class)->css_changed (widget, change);
  ca_list_scale_columns (self->quota_view, ca_list_text_scale (widget));
}

static void
ca_allocation_quota_page_class_init (CaAllocationQuotaPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_allocation_quota_page_dispose;
  widget_class->css_changed = ca_allocation_quota_page_css_changed;

  /**
   * CaAllocationQuotaPage::capacity-changed:
   *
   * A person's audits a month was saved: a preview worked out with the old number is stale.
   */
  signals[CAPACITY_CHANGED] = g_signal_new ("capacity-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);

  g_type_ensure (CA_TYPE_QUOTA_PROGRESS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-allocation-quota-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaAllocationQuotaPage, year_spin);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationQuotaPage, quota_summary);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationQuotaPage, quota_selection);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationQuotaPage, quota_view);
  gtk_widget_class_bind_template_callback (widget_class, capacity_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, capacity_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, capacity_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, year_changed_cb);
}

static void
ca_allocation_quota_page_init (CaAllocationQuotaPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));
  ca_list_tab_leaves (GTK_WIDGET (self->quota_view));
  gtk_spin_button_set_value (self->year_spin, g_date_time_get_year (now));
}

/* The database whose quotas are shown; read with _reload(). */
void
ca_allocation_quota_page_set_database (CaAllocationQuotaPage *self,
                                       CaDatabase            *database)
{
  g_return_if_fail (CA_IS_ALLOCATION_QUOTA_PAGE (self));
  g_return_if_fail (database == NULL || CA_IS_DATABASE (database));

  g_set_object (&self->database, database);
}

/* Reads the year's quotas again. */
void
ca_allocation_quota_page_reload (CaAllocationQuotaPage *self)
{
  g_return_if_fail (CA_IS_ALLOCATION_QUOTA_PAGE (self));

  load_quota (self);
}
