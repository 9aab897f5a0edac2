// SPDX-License-Identifier: GPL-3.0-or-later
// The Allocation view's Runs page: the committed runs, newest first, each with the buttons to
// save its auditors' e-mails or cancel it, and its auditors, read when the row is opened.
// The buttons' actions are the view's ("allocation.save-emails", "allocation.cancel-run",
// "allocation.open-mail"): a run committed or cancelled changes the whole view.

#define G_LOG_DOMAIN "ca-allocation-runs-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ca-allocation-mail-drafts.h"
#include "ca-allocation-mail-store.h"
#include "ca-allocation-runs-page.h"
#include "ca-allocation-store.h"
#include "ca-list-access.h"
#include "ca-toast.h"

struct _CaAllocationRunsPage
{
  GtkBox               parent_instance;

  CaDatabase          *database;
  GPtrArray           *run_rows;       /* of GtkWidget, to remove on refresh */

  AdwPreferencesGroup *runs_group;
  GtkWidget           *no_runs_page;
};

G_DEFINE_FINAL_TYPE (CaAllocationRunsPage, ca_allocation_runs_page, GTK_TYPE_BOX)

static void
auditor_rows_cb (AdwExpanderRow       *row,
                 GParamSpec           *pspec,
                 CaAllocationRunsPage *self)
{
  gint64 run_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "run-id"));
  g_autoptr(CaAllocationMailRun) run = NULL;
  g_autoptr(GError) error = NULL;

  if (!adw_expander_row_get_expanded (row) || g_object_get_data (G_OBJECT (row), "filled"))
    return;
  g_object_set_data (G_OBJECT (row), "filled", GINT_TO_POINTER (TRUE));

  run = ca_allocation_mail_store_load (self->database, run_id, &error);
  if (run == NULL)
    {
      GtkWidget *note = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (note), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note), error->message);
      adw_expander_row_add_row (row, note);
      return;
    }
  for (guint i = 0; i < run->auditors->len; i++)
    {
      CaAllocationMailAuditor *auditor = g_ptr_array_index (run->auditors, i);
      GtkWidget *auditor_row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Open in _Mail"));
      g_autoptr(GPtrArray) refs = g_ptr_array_new ();
      g_autofree char *joined = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *accessible = NULL;

      for (guint j = 0; j < auditor->cases->len; j++)
        g_ptr_array_add (refs, ((CaAllocationMailCase *) g_ptr_array_index (auditor->cases, j))->case_ref);
      g_ptr_array_add (refs, NULL);
      joined = g_strjoinv (", ", (char **) refs->pdata);
      if (auditor->email != NULL)
        /* Translators: "CA-000101, CA-000102 · imran.shah@example.gov.uk" */
        subtitle = g_strdup_printf (_("%s · %s"), joined, auditor->email);
      else
        subtitle = g_strdup_printf (_("%s · no e-mail address recorded"), joined);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (auditor_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (auditor_row), auditor->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (auditor_row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "allocation.open-mail");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xx)", run_id,
                                        auditor->staff_id);
      /* Translators: the accessible name of the button: "Open in Mail for Imran Shah" */
      accessible = g_strdup_printf (_("Open in Mail for %s"), auditor->name);
      ca_list_name_button (button, accessible);
      adw_action_row_add_suffix (ADW_ACTION_ROW (auditor_row), button);
      adw_expander_row_add_row (row, auditor_row);
    }
}

static GtkWidget *
run_row_new (CaAllocationRunsPage  *self,
             const CaAllocationRun *run)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *month = ca_allocation_mail_format_month (run->month);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  /* Translators: "November 2026 — run 3" */
  title = g_strdup_printf (_("%s — run %" G_GINT64_FORMAT), month, run->id);
  if (run->cancelled_at != NULL)
    subtitle = g_strdup_printf (_("Cancelled · seed %" G_GUINT64_FORMAT), run->seed);
  else
    subtitle = g_strdup_printf (g_dngettext (NULL, "%u audit, %u started · seed %" G_GUINT64_FORMAT,
                                             "%u audits, %u started · seed %" G_GUINT64_FORMAT,
                                             run->n_audits),
                                run->n_audits, run->n_started, run->seed);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  g_object_set_data (G_OBJECT (row), "run-id", GSIZE_TO_POINTER ((gsize) run->id));

  if (run->cancelled_at == NULL)
    {
      GtkWidget *save = gtk_button_new_with_mnemonic (_("Save _E-mails…"));
      GtkWidget *cancel = gtk_button_new_with_mnemonic (_("Cancel _Run…"));
      g_autofree char *save_name = g_strdup_printf (_("Save E-mails for %s"), title);
      g_autofree char *cancel_name = g_strdup_printf (_("Cancel Run %s"), title);

      gtk_widget_set_valign (save, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "allocation.save-emails");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (save), "x", run->id);
      ca_list_name_button (save, save_name);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), save);

      gtk_widget_set_valign (cancel, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "allocation.cancel-run");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (cancel), "x", run->id);
      ca_list_name_button (cancel, cancel_name);
      gtk_widget_add_css_class (cancel, "destructive-action");
      /* Once an auditor has begun, the run stays (R-D5). */
      gtk_widget_set_sensitive (cancel, run->n_started == 0);
      if (run->n_started > 0)
        gtk_widget_set_tooltip_text (cancel, _("Some of its audits have started"));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), cancel);

      g_signal_connect_object (row, "notify::expanded", G_CALLBACK (auditor_rows_cb), self, 0);
    }
  else
    adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), FALSE);
  return row;
}

static void
load_runs (CaAllocationRunsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;

  for (guint i = 0; i < self->run_rows->len; i++)
    adw_preferences_group_remove (self->runs_group, g_ptr_array_index (self->run_rows, i));
  g_ptr_array_set_size (self->run_rows, 0);
  if (self->database == NULL)
    return;

  runs = ca_allocation_store_list_runs (self->database, NULL, &error);
  if (runs == NULL)
    {
      ca_toast_show_text (GTK_WIDGET (self), error->message, CA_TOAST_LONG);
      return;
    }
  /* Newest first: the run just committed is the one wanted. */
  for (guint i = runs->len; i > 0; i--)
    {
      GtkWidget *row = run_row_new (self, g_ptr_array_index (runs, i - 1));

      adw_preferences_group_add (self->runs_group, row);
      g_ptr_array_add (self->run_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->runs_group), runs->len > 0);
  gtk_widget_set_visible (self->no_runs_page, runs->len == 0);
}

static void
ca_allocation_runs_page_dispose (GObject *object)
{
  CaAllocationRunsPage *self = (CaAllocationRunsPage *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_ALLOCATION_RUNS_PAGE);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (ca_allocation_runs_page_parent_class)->dispose (object);
}

static void
ca_allocation_runs_page_finalize (GObject *object)
{
  CaAllocationRunsPage *self = (CaAllocationRunsPage *) object;

  g_clear_pointer (&self->run_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ca_allocation_runs_page_parent_class)->finalize (object);
}

static void
ca_allocation_runs_page_class_init (CaAllocationRunsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ca_allocation_runs_page_dispose;
  object_class->finalize = ca_allocation_runs_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/ca-allocation-runs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CaAllocationRunsPage, runs_group);
  gtk_widget_class_bind_template_child (widget_class, CaAllocationRunsPage, no_runs_page);
}

static void
ca_allocation_runs_page_init (CaAllocationRunsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->run_rows = g_ptr_array_new ();
}

/* The database whose runs are shown; read with _reload(). */
void
ca_allocation_runs_page_set_database (CaAllocationRunsPage *self,
                                      CaDatabase           *database)
{
  g_return_if_fail (CA_IS_ALLOCATION_RUNS_PAGE (self));
  g_return_if_fail (database == NULL || CA_IS_DATABASE (database));

  g_set_object (&self->database, database);
}

/* Reads the runs again. */
void
ca_allocation_runs_page_reload (CaAllocationRunsPage *self)
{
  g_return_if_fail (CA_IS_ALLOCATION_RUNS_PAGE (self));

  load_runs (self);
}
