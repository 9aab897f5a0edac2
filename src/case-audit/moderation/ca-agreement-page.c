// SPDX-License-Identifier: GPL-3.0-or-later
// The Moderation view's Agreement page (R-H4): the 4×4 table of auditors' grades against
// moderators', each figure with a line on what it means, the whole in a sentence, and the
// same by quarter, month, auditor or service area with a bar for each weighted kappa, so
// that a trend shows at a glance. The figures come from core (ca-agreement.c).

#define G_LOG_DOMAIN "ca-agreement-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ca-agreement-page.h"
#include "ca-list-access.h"
#include "ca-moderation-store.h"
#include "ca-toast.h"
#include "core/ca-agreement.h"

/* In the order of the drop-down's items. */
static const CaAgreementBy by_choices[] = {
  CA_AGREEMENT_BY_QUARTER, CA_AGREEMENT_BY_MONTH, CA_AGREEMENT_BY_AUDITOR,
  CA_AGREEMENT_BY_SERVICE_AREA, CA_AGREEMENT_BY_SECTION,
};

struct _CaAgreementPage
{
  AdwBin               parent_instance;

  CaContext           *context;
  GPtrArray           *pairs;        /* (element-type CaAgreementPair) */
  GPtrArray           *section_pairs; /* the same for sections, read once asked for */
  gboolean             reading_sections;
  GCancellable        *cancellable;
  GPtrArray           *group_rows;   /* of GtkWidget, to remove on refresh */

  GtkStack            *stack;
  GtkLabel            *summary_label;
  AdwBin              *table_bin;
  GtkLabel            *exact_label;
  GtkLabel            *within_label;
  GtkLabel            *kappa_label;
  GtkLabel            *linear_label;
  GtkLabel            *quadratic_label;
  AdwPreferencesGroup *groups_group;
  GtkDropDown         *by_dropdown;
};

G_DEFINE_FINAL_TYPE (CaAgreementPage, ca_agreement_page, ADW_TYPE_BIN)

static char *
format_share (guint part,
              guint whole)
{
  /* Translators: a share and, below it, what it is of: "80%\n513 of 641" */
  return g_strdup_printf (_("%.0f%%\n%u of %u"), whole > 0 ? 100.0 * part / whole : 0.0, part,
                          whole);
}

static char *
format_kappa (const CaKappa *kappa)
{
  if (isnan (kappa->value))
    return g_strdup (_("Not measurable"));
  /* Translators: a kappa, how strong it is, and below them its 95% interval: "0.84, almost
   * perfect\n0.81 to 0.87" */
  return g_strdup_printf (_("%.2f, %s\n%.2f to %.2f"), kappa->value,
                          ca_agreement_kappa_strength (kappa->value), kappa->low, kappa->high);
}

/* The table of grades: the auditor's down, the moderator's across, the agreed ones on the
 * diagonal marked. Each count is named for a screen reader by its two grades. */
static GtkWidget *
table_new (const CaAgreementTable *table)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *corner = gtk_label_new (_("Auditor ↓\nModerator →"));

  /* On a phone the table scrolls sideways rather than widen the window. (A scroll bar shown
   * always would be clearer, but GTK 4.8 leaves it out of the height it asks for and covers
   * the last row with it.) */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), grid);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_widget_set_halign (grid, GTK_ALIGN_START);
  gtk_widget_add_css_class (corner, "dim-label");
  gtk_widget_add_css_class (corner, "caption");
  gtk_grid_attach (GTK_GRID (grid), corner, 0, 0, 1, 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Grades given by auditors and by moderators"), -1);

  for (guint j = 0; j < CA_AGREEMENT_N_GRADES; j++)
    {
      GtkWidget *heading = gtk_label_new (ca_grade_get_label (CA_GRADE_OUTSTANDING + j));

      gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
      gtk_label_set_justify (GTK_LABEL (heading), GTK_JUSTIFY_CENTER);
      gtk_label_set_max_width_chars (GTK_LABEL (heading), 12);
      gtk_widget_add_css_class (heading, "caption-heading");
      gtk_grid_attach (GTK_GRID (grid), heading, (int) j + 1, 0, 1, 1);
    }
  for (guint i = 0; i < CA_AGREEMENT_N_GRADES; i++)
    {
      GtkWidget *heading = gtk_label_new (ca_grade_get_label (CA_GRADE_OUTSTANDING + i));

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (heading), 12);
      gtk_widget_add_css_class (heading, "caption-heading");
      gtk_grid_attach (GTK_GRID (grid), heading, 0, (int) i + 1, 1, 1);
      for (guint j = 0; j < CA_AGREEMENT_N_GRADES; j++)
        {
          g_autofree char *count = g_strdup_printf ("%u", table->cells[i][j]);
          g_autofree char *name = NULL;
          GtkWidget *cell = gtk_label_new (count);

          gtk_widget_add_css_class (cell, "numeric");
          if (i == j)
            gtk_widget_add_css_class (cell, "agreement-agreed");
          else if (table->cells[i][j] == 0)
            gtk_widget_add_css_class (cell, "dim-label");
          /* Translators: a cell of the table, for a screen reader: "Auditor Good, moderator
           * Requires Improvement: 13" */
          name = g_strdup_printf (_("Auditor %s, moderator %s: %u"),
                                  ca_grade_get_label (CA_GRADE_OUTSTANDING + i),
                                  ca_grade_get_label (CA_GRADE_OUTSTANDING + j),
                                  table->cells[i][j]);
          gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          name, -1);
          gtk_grid_attach (GTK_GRID (grid), cell, (int) j + 1, (int) i + 1, 1, 1);
        }
    }
  return scroller;
}

static GtkWidget *
group_row_new (const CaAgreementGroup *group)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *bar = gtk_level_bar_new_for_interval (0.0, 1.0);
  GtkWidget *detail = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *sentence;
  g_autofree char *described = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *bar_name = NULL;
  CaAgreement agreement;

  ca_agreement_measure (&group->table, &agreement);
  described = ca_agreement_describe (&agreement);
  if (isnan (agreement.kappa_quadratic.value))
    /* Translators: a group's summary where kappa cannot be measured: "3 audits, 100% exact" */
    subtitle = g_strdup_printf (g_dngettext (NULL, "%u audit, %.0f%% exact",
                                             "%u audits, %.0f%% exact", agreement.pairs),
                                agreement.pairs, 100.0 * agreement.exact / agreement.pairs);
  else
    /* Translators: a group's summary: "133 audits, 80% exact, weighted kappa 0.88" */
    subtitle = g_strdup_printf (g_dngettext (NULL, "%u audit, %.0f%% exact, weighted kappa %.2f",
                                             "%u audits, %.0f%% exact, weighted kappa %.2f",
                                             agreement.pairs),
                                agreement.pairs, 100.0 * agreement.exact / agreement.pairs,
                                agreement.kappa_quadratic.value);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), group->label);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  /* Coloured by the strength the figures name (core's ca_agreement_kappa_strength()): up to
   * fair, moderate to substantial, almost perfect; the group's description says so. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW, 0.40);
  gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH, 0.80);
  gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL, 1.00);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar),
                           isnan (agreement.kappa_quadratic.value)
                             ? 0.0 : CLAMP (agreement.kappa_quadratic.value, 0.0, 1.0));
  gtk_widget_set_size_request (bar, 120, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  /* Translators: the bar's name for a screen reader: "Weighted kappa for Q4 2026" */
  bar_name = g_strdup_printf (_("Weighted kappa for %s"), group->label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, bar_name,
                                  -1);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), bar);

  sentence = gtk_label_new (described);
  gtk_label_set_wrap (GTK_LABEL (sentence), TRUE);
  gtk_label_set_xalign (GTK_LABEL (sentence), 0);
  gtk_box_append (GTK_BOX (detail), sentence);
  gtk_box_append (GTK_BOX (detail), table_new (&group->table));
  gtk_widget_set_margin_top (detail, 12);
  gtk_widget_set_margin_bottom (detail, 12);
  gtk_widget_set_margin_start (detail, 12);
  gtk_widget_set_margin_end (detail, 12);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), detail);
  return row;
}

static void show_groups (CaAgreementPage *self);

/* The audits' or the sections' pairs a read answered, put in *SLOT; FALSE when the read
 * failed (said in a toast) or was cancelled. */
static gboolean
take_pairs (CaAgreementPage  *self,
            GAsyncResult     *result,
            GPtrArray       **slot)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *pairs = ca_moderation_store_list_agreement_pairs_finish (result, &error);

  if (pairs == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_LONG);
      return FALSE;
    }
  g_clear_pointer (slot, g_ptr_array_unref);
  *slot = pairs;
  return TRUE;
}

static void
section_pairs_listed_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(CaAgreementPage) self = user_data;

  self->reading_sections = FALSE;
  if (take_pairs (self, result, &self->section_pairs))
    show_groups (self);
}

/* The sections' pairs are many more than the audits' (five to an audit): read only when
 * the figures are grouped by section. */
static GPtrArray *
pairs_for (CaAgreementPage *self,
           CaAgreementBy    by)
{
  if (by != CA_AGREEMENT_BY_SECTION)
    return self->pairs;
  if (self->section_pairs == NULL && !self->reading_sections && self->context != NULL)
    {
      self->reading_sections = TRUE;
      ca_moderation_store_list_section_pairs_async (ca_context_get_database (self->context),
                                                    self->cancellable,
                                                    section_pairs_listed_cb,
                                                    g_object_ref (self));
    }
  return self->section_pairs;
}

static void
show_groups (CaAgreementPage *self)
{
  guint chosen = gtk_drop_down_get_selected (self->by_dropdown);
  g_autoptr(GPtrArray) groups = NULL;
  GPtrArray *pairs;

  for (guint i = 0; i < self->group_rows->len; i++)
    adw_preferences_group_remove (self->groups_group, self->group_rows->pdata[i]);
  g_ptr_array_set_size (self->group_rows, 0);
  if (self->pairs == NULL || chosen >= G_N_ELEMENTS (by_choices))
    return;
  pairs = pairs_for (self, by_choices[chosen]);
  if (pairs == NULL)
    return;

  groups = ca_agreement_group_pairs (pairs, by_choices[chosen]);
  /* Time runs down the page newest first: the latest quarter is the one asked about. */
  for (guint i = 0; i < groups->len; i++)
    {
      guint index = by_choices[chosen] == CA_AGREEMENT_BY_QUARTER ||
                    by_choices[chosen] == CA_AGREEMENT_BY_MONTH ? groups->len - 1 - i : i;
      GtkWidget *row = group_row_new (groups->pdata[index]);

      adw_preferences_group_add (self->groups_group, row);
      g_ptr_array_add (self->group_rows, row);
    }
}

static void
show_figures (CaAgreementPage *self)
{
  g_autoptr(GPtrArray) all = NULL;
  const CaAgreementGroup *group;
  CaAgreement agreement;
  g_autofree char *sentence = NULL;
  g_autofree char *exact = NULL;
  g_autofree char *within = NULL;
  g_autofree char *kappa = NULL;
  g_autofree char *linear = NULL;
  g_autofree char *quadratic = NULL;

  all = ca_agreement_group_pairs (self->pairs, CA_AGREEMENT_BY_NONE);
  group = all->pdata[0];
  ca_agreement_measure (&group->table, &agreement);
  if (agreement.pairs == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  sentence = ca_agreement_describe (&agreement);
  gtk_label_set_label (self->summary_label, sentence);
  adw_bin_set_child (self->table_bin, table_new (&group->table));
  exact = format_share (agreement.exact, agreement.pairs);
  within = format_share (agreement.within_one, agreement.pairs);
  kappa = format_kappa (&agreement.kappa);
  linear = format_kappa (&agreement.kappa_linear);
  quadratic = format_kappa (&agreement.kappa_quadratic);
  gtk_label_set_label (self->exact_label, exact);
  gtk_label_set_label (self->within_label, within);
  gtk_label_set_label (self->kappa_label, kappa);
  gtk_label_set_label (self->linear_label, linear);
  gtk_label_set_label (self->quadratic_label, quadratic);
  show_groups (self);
  gtk_stack_set_visible_child_name (self->stack, "figures");
}

static void
pairs_listed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CaAgreementPage) self = user_data;

  if (!take_pairs (self, result, &self->pairs))
    return;
  /* What changed may be a section's grade too: read those again when shown. */
  g_clear_pointer (&self->section_pairs, g_ptr_array_unref);
  show_figures (self);
}

void
ca_agreement_page_reload (CaAgreementPage *self)
{
  g_return_if_fail (CA_IS_AGREEMENT_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->reading_sections = FALSE;
  if (self->context == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  if (self->pairs == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  ca_moderation_store_list_agreement_pairs_async (ca_context_get_database (self->context),
                                                  self->cancellable, pairs_listed_cb,
                                                  g_object_ref (self));
}

static void
ca_agreement_page_dispose (GObject *object)
{
  CaAgreementPage *self = CA_AGREEMENT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_AGREEMENT_PAGE);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (ca_agreement_page_parent_class)->dispose (object);
}

static void
ca_agreement_page_finalize (GObject *object)
{
  CaAgreementPage *self = CA_AGREEMENT_PAGE (object);

  g_clear_pointer (&self->pairs, g_ptr_array_unref);
  g_clear_pointer (&self->section_pairs, g_ptr_array_unref);
  g_clear_pointer (&self->group_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_agreement_page_parent_class)->finalize (object);
}

static void
ca_agreement_page_class_init (CaAgreementPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_agreement_page_dispose;
  object_class->finalize = ca_agreement_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-agreement-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaAgreementPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CaAgreementPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CaAgreementPage, table_bin);
  gtk_widget_class_bind_template_child (widget_class, CaAgreementPage, exact_label);
  gtk_widget_class_bind_template_child (widget_class, CaAgreementPage, within_label);
  gtk_widget_class_bind_template_child (widget_class, CaAgreementPage, kappa_label);
  gtk_widget_class_bind_template_child (widget_class, CaAgreementPage, linear_label);
  gtk_widget_class_bind_template_child (widget_class, CaAgreementPage, quadratic_label);
  gtk_widget_class_bind_template_child (widget_class, CaAgreementPage, groups_group);
  gtk_widget_class_bind_template_child (widget_class, CaAgreementPage, by_dropdown);
}

static void
ca_agreement_page_init (CaAgreementPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->group_rows = g_ptr_array_new ();

  ca_list_name_drop_down (self->by_dropdown, _("Group the figures"));
  ca_list_name_controls_once (GTK_WIDGET (self));
  g_signal_connect_object (self->by_dropdown, "notify::selected", G_CALLBACK (show_groups), self,
                           G_CONNECT_SWAPPED);
}

/* The page reads @context's database. */
void
ca_agreement_page_set_context (CaAgreementPage *self,
                               CaContext       *context)
{
  g_return_if_fail (CA_IS_AGREEMENT_PAGE (self));
  g_return_if_fail (context == NULL || CA_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  g_clear_pointer (&self->pairs, g_ptr_array_unref);
  g_clear_pointer (&self->section_pairs, g_ptr_array_unref);
  ca_agreement_page_reload (self);
}
