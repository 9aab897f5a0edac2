// SPDX-License-Identifier: GPL-3.0-or-later
// The main window: the views of one database, a welcome for an empty one, or why it could not open.

#define G_LOG_DOMAIN "ca-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-allocation-view.h"
#include "ca-application.h"
#include "ca-audit-editor.h"
#include "ca-moderation-editor.h"
#include "ca-audit-store.h"
#include "ca-audits-view.h"
#include "ca-calendar-view.h"
#include "ca-case-page.h"
#include "ca-case-store.h"
#include "ca-context.h"
#include "ca-database.h"
#include "ca-database-worker.h"
#include "ca-demo.h"
#include "ca-file-chooser.h"
#include "ca-import-window.h"
#include "ca-list-access.h"
#include "ca-moderation-view.h"
#include "ca-preferences-window.h"
#include "ca-question.h"
#include "ca-reminder.h"
#include "ca-stores.h"
#include "ca-toast.h"
#include "ca-tracker-view.h"
#include "ca-window.h"

struct _CaWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  CaDatabase           *database;
  CaContext            *context;
  CaReminder           *reminder;         /* the day's desktop notification (R-I3), made
                                           * when the database's list first comes in */
  CaAuditStore         *store;
  char                 *path;
  GCancellable         *cancellable;
  GCancellable         *editor_cancellable; /* the audit being opened */
  gboolean              benchmark;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *problem_page;
  GtkWidget            *create_button;
  GtkWidget            *demo_button;
  GtkProgressBar       *demo_progress;
  AdwLeaflet           *leaflet;
  CaAuditsView         *audits_view;
  AdwViewStack         *view_stack;
  AdwBin               *calendar_bin;
  AdwBin               *allocation_bin;
  CaCalendarView       *calendar_view;    /* made when first shown (see view_changed_cb) */
  CaAllocationView     *allocation_view;  /* likewise */
  AdwBin               *moderation_bin;
  CaModerationView     *moderation_view;  /* likewise */
  AdwBin               *tracker_bin;
  CaTrackerView        *tracker_view;     /* likewise */
  AdwBin               *case_bin;
  AdwBin               *editor_bin;
  AdwBin               *moderation_editor_bin;
  CaModerationEditor   *moderation_editor;  /* made the first time a moderation is opened */
  gboolean              moderation_editor_shown;
  CaCasePage           *case_page;        /* made when first shown (see get_case_page) */
  CaAuditEditor        *audit_editor;     /* likewise */
  gboolean              audit_editor_shown;
};

G_DEFINE_FINAL_TYPE (CaWindow, ca_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_problem (CaWindow     *self,
              const GError *error)
{
  adw_status_page_set_description (self->problem_page, error->message);
  /* A file that is simply not there can be made where it was looked for. */
  gtk_widget_set_visible (self->create_button,
                          g_error_matches (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_NOT_FOUND));
  gtk_stack_set_visible_child_name (self->stack, "problem");
}

static gboolean
present_dialog_cb (gpointer dialog)
{
  gtk_window_present (GTK_WINDOW (dialog));
  return G_SOURCE_REMOVE;
}

/* Presented once the window itself is on screen, when it opens with a database. */
static void
show_notice_dialog (CaWindow   *self,
                    const char *heading,
                    const char *message)
{
  GtkWidget *dialog = ca_notice_new (GTK_WINDOW (self), heading, message);

  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, present_dialog_cb, g_object_ref (dialog),
                   g_object_unref);
}

static void
notice_details_cb (AdwToast *toast,
                   CaWindow *self)
{
  show_notice_dialog (self, g_object_get_data (G_OBJECT (toast), "heading"),
                      g_object_get_data (G_OBJECT (toast), "message"));
}

/* What opening the file found and did. A history altered outside the app is told in a
 * dialog the user has to close; the data is open behind it, to work with and export. The
 * file made private, and the reminder on each later open that the history was altered
 * once, are toasts that stay until dismissed (they may come while the window is starting,
 * or behind the dialog), short enough to read whole, with the full text a click away. */
static void
show_notices (CaWindow   *self,
              CaDatabase *database)
{
  GPtrArray *notices = ca_database_get_notices (database);

  for (guint i = 0; i < notices->len; i++)
    {
      const CaDatabaseNotice *notice = notices->pdata[i];
      gboolean made_private = notice->kind == CA_DATABASE_NOTICE_MADE_PRIVATE;
      AdwToast *toast;

      if (notice->kind == CA_DATABASE_NOTICE_HISTORY_ALTERED)
        {
          show_notice_dialog (self, _("The Change History Has Been Altered"), notice->message);
          continue;
        }

      toast = adw_toast_new (made_private
                               ? _("Others could read this database: it is now private to you")
                               : _("This database’s change history was once altered outside "
                                   "Case Audit"));
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_button_label (toast, _("_Details"));
      g_object_set_data (G_OBJECT (toast), "heading",
                         made_private ? _("Database Made Private")
                                      : _("The Change History Was Altered"));
      g_object_set_data_full (G_OBJECT (toast), "message", g_strdup (notice->message), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (notice_details_cb), self, 0);
      ca_toast_add (GTK_WIDGET (self->toast_overlay), toast);
    }
}

/* Process memory after load, for the benchmark. */
static void
report_memory (void)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;
  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "VmRSS:") || g_str_has_prefix (lines[i], "VmHWM:"))
      g_print ("memory\t%s\n", lines[i]);
}

static void
sorting_measured_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ca_audits_view_measure_sorting_finish (CA_AUDITS_VIEW (source), result, NULL);
  report_memory ();
  g_application_quit (g_application_get_default ());
}

static void
update_content_page (CaWindow *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0;
  gboolean has_cases = FALSE;
  g_autoptr(GError) error = NULL;

  /* Imported teams, staff and cases with no audits yet wait for their first allocation: the
   * Allocation view must be reachable, so only a database without a case list welcomes. */
  if (empty && !ca_case_store_has_cases (self->database, &has_cases, &error))
    g_warning ("The case list could not be read: %s", error->message);
  empty = empty && !has_cases;

  gtk_stack_set_visible_child_name (self->stack, empty ? "welcome" : "content");
}

/* The views update themselves; the window only leaves the welcome once there is something
 * to show (after the demonstration, an import or a first allocation). */
static void
context_changed_cb (CaWindow *self,
                    int       kind)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "welcome") == 0 &&
      (kind == CA_CHANGE_ANY || kind == CA_CHANGE_CASE || kind == CA_CHANGE_AUDIT))
    update_content_page (self);
}

/* For the benchmark: the list fades in once loaded (the stack's crossfade), and that first
 * paint of the whole window is start-up, reported as list-shown. The sorts are timed from
 * the frame after it, when a user could first click a column's header; started at once,
 * they ran during the fade, and whichever sort met its last frame was charged with it. */
static gboolean
list_shown_cb (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  CaWindow *self = CA_WINDOW (widget);

  g_print ("list-shown\t%.1f ms since start\n",
           ca_application_get_elapsed_ms (CA_APPLICATION (g_application_get_default ())));
  ca_audits_view_measure_sorting_async (self->audits_view, sorting_measured_cb, NULL);
  return G_SOURCE_REMOVE;
}

static void
list_transition_cb (GtkStack   *stack,
                    GParamSpec *pspec,
                    CaWindow   *self)
{
  if (gtk_stack_get_transition_running (stack))
    return;
  g_signal_handlers_disconnect_by_func (stack, list_transition_cb, self);
  /* A tick comes before its frame is painted: the next frame's shows the last one painted. */
  gtk_widget_add_tick_callback (GTK_WIDGET (self), list_shown_cb, NULL, NULL);
}

static void
store_reloaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ca_audit_store_reload_finish (CA_AUDIT_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_problem (self, error);
      return;
    }

  update_content_page (self);

  /* The day's reminder, once the list is in: not a read beside the first one. */
  if (self->reminder == NULL)
    {
      GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

      self->reminder = ca_reminder_new (G_APPLICATION (application), self->context);
    }

  if (self->benchmark)
    {
      g_print ("loaded\t%u audits\t%.1f ms since start\n",
               g_list_model_get_n_items (G_LIST_MODEL (self->store)),
               ca_application_get_elapsed_ms (CA_APPLICATION (g_application_get_default ())));
      report_memory ();
      g_signal_connect (self->stack, "notify::transition-running",
                        G_CALLBACK (list_transition_cb), self);
      list_transition_cb (self->stack, NULL, self);
    }
}

static void
reload (CaWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  ca_audit_store_reload_async (self->store, self->cancellable, store_reloaded_cb,
                               g_object_ref (self));
  if (self->calendar_view != NULL)
    ca_calendar_view_reload (self->calendar_view);
}

static gboolean
first_reload_cb (GtkWidget     *widget,
                 GdkFrameClock *frame_clock,
                 gpointer       user_data)
{
  reload (CA_WINDOW (widget));
  return G_SOURCE_REMOVE;
}

typedef void (*SetContextFunc) (gpointer   view,
                                CaContext *context);

/* Makes a view of @type into @bin, and gives it the window's context as the views made at
 * once were given it when the database opened. Its controls are named for a screen reader as
 * the window's own were (the editor's entry rows, its banner's buttons). */
static gpointer
make_view (CaWindow       *self,
           AdwBin         *bin,
           GType           type,
           SetContextFunc  set_context)
{
  GtkWidget *view = g_object_new (type, NULL);

  ca_list_name_controls_once (view);
  if (self->context != NULL)
    set_context (view, self->context);
  adw_bin_set_child (bin, view);
  return view;
}

/* The Calendar and the Allocation view are made the first time they are shown: most
 * mornings begin in the audits list, and the window paints its first frame without building,
 * styling and measuring two views out of sight. */
static void
view_changed_cb (CaWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (name, "calendar") == 0 && self->calendar_view == NULL)
    self->calendar_view = make_view (self, self->calendar_bin, CA_TYPE_CALENDAR_VIEW,
                                     (SetContextFunc) ca_calendar_view_set_context);
  else if (g_strcmp0 (name, "allocation") == 0 && self->allocation_view == NULL)
    self->allocation_view = make_view (self, self->allocation_bin, CA_TYPE_ALLOCATION_VIEW,
                                       (SetContextFunc) ca_allocation_view_set_context);
  else if (g_strcmp0 (name, "moderation") == 0 && self->moderation_view == NULL)
    self->moderation_view = make_view (self, self->moderation_bin, CA_TYPE_MODERATION_VIEW,
                                       (SetContextFunc) ca_moderation_view_set_context);
  else if (g_strcmp0 (name, "tracker") == 0 && self->tracker_view == NULL)
    self->tracker_view = make_view (self, self->tracker_bin, CA_TYPE_TRACKER_VIEW,
                                    (SetContextFunc) ca_tracker_view_set_context);
}

typedef struct
{
  CaWindow *window;
  double    fraction;
} DemoProgress;

static void
demo_progress_free (DemoProgress *progress)
{
  g_object_unref (progress->window);
  g_free (progress);
}

static gboolean
show_demo_progress (gpointer data)
{
  DemoProgress *progress = data;

  gtk_progress_bar_set_fraction (progress->window->demo_progress, progress->fraction);
  return G_SOURCE_REMOVE;
}

/* Runs on the worker thread: hand the fraction to the main thread to draw. */
static void
demo_progress_cb (double   fraction,
                  gpointer user_data)
{
  DemoProgress *progress = g_new0 (DemoProgress, 1);

  progress->window = g_object_ref (user_data);
  progress->fraction = fraction;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, show_demo_progress, progress,
                              (GDestroyNotify) demo_progress_free);
}

/* On the database's worker; WINDOW (kept alive by the task) only receives the progress. */
static gboolean
demo_job (CaDatabase    *connection,
          gpointer       window,
          gpointer      *result,
          GCancellable  *cancellable,
          GError       **error)
{
  CaDemoOptions options;

  ca_demo_options_init (&options);
  return ca_demo_generate (connection, &options, demo_progress_cb, window, cancellable, error);
}

static void
demo_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CaWindow *self = CA_WINDOW (source);
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->demo_progress), FALSE);
  gtk_widget_set_sensitive (self->demo_button, TRUE);

  g_task_propagate_pointer (G_TASK (result), &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ca_toast_show_text (GTK_WIDGET (self->toast_overlay), error->message, CA_TOAST_LONG);
      return;
    }
  /* The views heard of the new records already (CA_CHANGE_ANY). */
}

static void
load_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CaWindow *self = CA_WINDOW (widget);
  g_autoptr(GTask) task = NULL;

  if (self->database == NULL)
    return;

  gtk_widget_set_sensitive (self->demo_button, FALSE);
  gtk_progress_bar_set_fraction (self->demo_progress, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_progress), TRUE);

  task = g_task_new (self, self->cancellable, demo_done_cb, NULL);
  ca_database_run_in_task (self->database, task, demo_job, self, NULL, NULL);
}

static void
database_chosen (GtkWidget *owner,
                 GFile     *file,
                 gpointer   data)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    ca_window_open_database (CA_WINDOW (owner), path, FALSE);
}

static void
open_database_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = ca_file_chooser_new (widget, _("Open Database"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                _("_Open"));
  gtk_file_filter_set_name (filter, _("Case Audit databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_filter_add_pattern (filter, "*.sqlite");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  ca_file_chooser_ask (dialog, widget, database_chosen, NULL, NULL);
}

/* A new database never takes the place of a file already there: the chooser asks before
 * "replacing" one, and a database must not be lost that way. */
static void
new_database_chosen (GtkWidget *owner,
                     GFile     *file,
                     gpointer   data)
{
  CaWindow *self = CA_WINDOW (owner);
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    return;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *heading = g_strdup_printf (_("“%s” Already Exists"), name);

      show_notice_dialog (self, heading, _("Case Audit never writes a new database over a "
                                           "file. Choose another name, or open this file with "
                                           "Open Database…"));
      return;
    }
  ca_window_open_database (self, path, TRUE);
}

static void
new_database_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GtkFileChooserNative *dialog;

  dialog = ca_file_chooser_new (widget, _("New Database"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                _("_Create"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("Case Audit.db"));
  ca_file_chooser_ask (dialog, widget, new_database_chosen, NULL, NULL);
}

/* The database the window was asked for and did not find, made there. */
static void
create_database_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CaWindow *self = CA_WINDOW (widget);
  g_autofree char *path = g_strdup (self->path);

  if (path != NULL)
    ca_window_open_database (self, path, TRUE);
}

/* The case page and the audit editor, made the first time they are needed, like the
 * Calendar and the Allocation view (see view_changed_cb). */
static CaCasePage *
get_case_page (CaWindow *self)
{
  if (self->case_page == NULL)
    self->case_page = make_view (self, self->case_bin, CA_TYPE_CASE_PAGE,
                                 (SetContextFunc) ca_case_page_set_context);
  return self->case_page;
}

static CaAuditEditor *
get_audit_editor (CaWindow *self)
{
  if (self->audit_editor == NULL)
    self->audit_editor = make_view (self, self->editor_bin, CA_TYPE_AUDIT_EDITOR,
                                    (SetContextFunc) ca_audit_editor_set_context);
  return self->audit_editor;
}

static CaModerationEditor *
get_moderation_editor (CaWindow *self)
{
  if (self->moderation_editor == NULL)
    self->moderation_editor = make_view (self, self->moderation_editor_bin,
                                         CA_TYPE_MODERATION_EDITOR,
                                         (SetContextFunc) ca_moderation_editor_set_context);
  return self->moderation_editor;
}

/* The leaflet goes back through its pages in order. An audit opened straight from the list
 * goes back to the list, so the case page is only in the path when it was shown. */
static void
set_page_in_path (CaWindow *self,
                  AdwBin   *bin,
                  gboolean  in_path)
{
  adw_leaflet_page_set_navigatable (adw_leaflet_get_page (self->leaflet, GTK_WIDGET (bin)),
                                    in_path);
}

static void
set_case_page_in_path (CaWindow *self,
                       gboolean  in_path)
{
  set_page_in_path (self, self->case_bin, in_path);
}

static void
show_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CaWindow *self = CA_WINDOW (widget);

  if (self->database == NULL)
    return;

  ca_case_page_load (get_case_page (self), g_variant_get_int64 (parameter));
  set_case_page_in_path (self, TRUE);
  adw_leaflet_set_visible_child_name (self->leaflet, "case");
}

/* An audit or a moderation is read off the main thread, and the one asked for last is the
 * one shown: what was being opened before is dropped. */
static GCancellable *
start_opening (CaWindow *self)
{
  g_cancellable_cancel (self->editor_cancellable);
  g_clear_object (&self->editor_cancellable);
  self->editor_cancellable = g_cancellable_new ();
  return self->editor_cancellable;
}

/* Whether a page opened; if not, says why, unless it was only dropped for another. */
static gboolean
page_loaded (CaWindow     *self,
             gboolean      loaded,
             const GError *error)
{
  if (!loaded && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ca_toast_show_text (GTK_WIDGET (self->toast_overlay), error->message, CA_TOAST_LONG);
  return loaded;
}

static void
audit_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!page_loaded (self, ca_audit_editor_load_finish (CA_AUDIT_EDITOR (source), result,
                                                       &error), error))
    return;
  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "views") == 0)
    set_case_page_in_path (self, FALSE);
  set_page_in_path (self, self->editor_bin, TRUE);
  adw_leaflet_set_visible_child_name (self->leaflet, "audit");
}

static void
edit_audit_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CaWindow *self = CA_WINDOW (widget);

  if (self->database == NULL)
    return;

  ca_audit_editor_load_async (get_audit_editor (self), g_variant_get_int64 (parameter),
                              start_opening (self), audit_loaded_cb, g_object_ref (self));
}

static void
moderation_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!page_loaded (self, ca_moderation_editor_load_finish (CA_MODERATION_EDITOR (source),
                                                            result, &error), error))
    return;
  /* A moderation goes back to the Moderation view, past the case page and the editor. */
  set_case_page_in_path (self, FALSE);
  set_page_in_path (self, self->editor_bin, FALSE);
  adw_leaflet_set_visible_child_name (self->leaflet, "moderation");
}

/* Opens a moderation's Stage 2 form (R-H3), read off the main thread. */
static void
moderate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CaWindow *self = CA_WINDOW (widget);

  if (self->database == NULL)
    return;

  ca_moderation_editor_load_async (get_moderation_editor (self), g_variant_get_int64 (parameter),
                                   start_opening (self), moderation_loaded_cb,
                                   g_object_ref (self));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CaWindow *self = CA_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CaWindow *self = CA_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "content") != 0)
    return;
  adw_leaflet_set_visible_child_name (self->leaflet, "views");
  ca_audits_view_focus_search (self->audits_view);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CaWindow *self = CA_WINDOW (widget);

  if (self->store != NULL)
    reload (self);
}

static void
leaflet_child_changed_cb (CaWindow *self)
{
  const char *name = adw_leaflet_get_visible_child_name (self->leaflet);
  gboolean on_views = g_strcmp0 (name, "views") == 0;
  gboolean on_audit = g_strcmp0 (name, "audit") == 0;
  gboolean on_moderation = g_strcmp0 (name, "moderation") == 0;
  GtkWidget *focus, *page;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", !on_views);
  /* Leaving the editor queues its save on the worker at once; the list and the case page
   * hear of the change from the database. */
  if (!on_audit && self->audit_editor_shown && self->audit_editor != NULL)
    {
      self->audit_editor_shown = FALSE;
      ca_audit_editor_save_now (self->audit_editor);
    }
  if (on_audit)
    self->audit_editor_shown = TRUE;
  if (!on_moderation && self->moderation_editor_shown && self->moderation_editor != NULL)
    {
      self->moderation_editor_shown = FALSE;
      ca_moderation_editor_save_now (self->moderation_editor);
    }
  if (on_moderation)
    self->moderation_editor_shown = TRUE;

  /* Keyboard focus follows the page, so it never stays behind on a page that slid away or
   * in a menu that closed, where it would swallow keys, Alt+Left included. */
  focus = gtk_root_get_focus (GTK_ROOT (self));
  page = adw_leaflet_get_visible_child (self->leaflet);
  if (focus == NULL || !gtk_widget_is_ancestor (focus, page) ||
      gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL)
    gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

static gboolean
first_frame_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  g_print ("first-frame\t%.1f ms since start\n",
           ca_application_get_elapsed_ms (CA_APPLICATION (g_application_get_default ())));
  return G_SOURCE_REMOVE;
}

static void
save_window_state (CaWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CaWindow *self = CA_WINDOW (widget);
  CaPreferencesWindow *preferences;

  if (self->database == NULL)
    return;
  preferences = ca_preferences_window_new (GTK_WINDOW (self), self->context);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* Built when asked for, not at start: as the application's gtk/help-overlay.ui it would be
 * built with the window, before its first frame, for a window few people open. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/ca-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CaWindow *self = CA_WINDOW (widget);

  if (self->database == NULL)
    return;
  gtk_window_present (GTK_WINDOW (ca_import_window_new (GTK_WINDOW (self), self->context)));
}

static gboolean
ca_window_close_request (GtkWindow *window)
{
  CaWindow *self = CA_WINDOW (window);

  save_window_state (self);
  /* The draft's last save is queued first, then it and the writes asked for from the views
   * (a bank holiday, Mark as Sent) land before the app quits: the worker runs them off the
   * main thread, and quitting would cut them short. */
  if (self->audit_editor != NULL)
    ca_audit_editor_flush (self->audit_editor);
  if (self->moderation_editor != NULL)
    ca_moderation_editor_flush (self->moderation_editor);
  if (self->database != NULL)
    ca_database_wait_idle (self->database);

  return GTK_WINDOW_CLASS (ca_window_parent_class)->close_request (window);
}

static void
ca_window_dispose (GObject *object)
{
  CaWindow *self = (CaWindow *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->editor_cancellable);
  g_clear_object (&self->editor_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CA_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->reminder);
  g_clear_object (&self->context);
  g_clear_object (&self->database);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ca_window_parent_class)->dispose (object);
}

static void
ca_window_finalize (GObject *object)
{
  CaWindow *self = (CaWindow *) object;

  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (ca_window_parent_class)->finalize (object);
}

static void
ca_window_class_init (CaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ca_window_dispose;
  object_class->finalize = ca_window_finalize;
  window_class->close_request = ca_window_close_request;

  g_type_ensure (CA_TYPE_AUDITS_VIEW);
  g_type_ensure (CA_TYPE_CALENDAR_VIEW);
  g_type_ensure (CA_TYPE_ALLOCATION_VIEW);
  g_type_ensure (CA_TYPE_CASE_PAGE);
  g_type_ensure (CA_TYPE_AUDIT_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ca-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CaWindow, problem_page);
  gtk_widget_class_bind_template_child (widget_class, CaWindow, create_button);
  gtk_widget_class_bind_template_child (widget_class, CaWindow, demo_button);
  gtk_widget_class_bind_template_child (widget_class, CaWindow, demo_progress);
  gtk_widget_class_bind_template_child (widget_class, CaWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CaWindow, audits_view);
  gtk_widget_class_bind_template_child (widget_class, CaWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CaWindow, calendar_bin);
  gtk_widget_class_bind_template_child (widget_class, CaWindow, allocation_bin);
  gtk_widget_class_bind_template_child (widget_class, CaWindow, moderation_bin);
  gtk_widget_class_bind_template_child (widget_class, CaWindow, tracker_bin);
  gtk_widget_class_bind_template_child (widget_class, CaWindow, case_bin);
  gtk_widget_class_bind_template_child (widget_class, CaWindow, editor_bin);
  gtk_widget_class_bind_template_child (widget_class, CaWindow, moderation_editor_bin);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_child_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.open-database", NULL, open_database_action);
  gtk_widget_class_install_action (widget_class, "win.new-database", NULL, new_database_action);
  gtk_widget_class_install_action (widget_class, "win.create-database", NULL,
                                   create_database_action);
  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo_action);
  gtk_widget_class_install_action (widget_class, "win.show-case", "x", show_case_action);
  gtk_widget_class_install_action (widget_class, "win.edit-audit", "x", edit_audit_action);
  gtk_widget_class_install_action (widget_class, "win.moderate", "x", moderate_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open-database", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.back", NULL);
}

static void
ca_window_init (CaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ca_list_name_controls_once (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", FALSE);

  self->benchmark = g_getenv ("CASE_AUDIT_BENCHMARK") != NULL;
  if (self->benchmark)
    gtk_widget_add_tick_callback (GTK_WIDGET (self), first_frame_cb, NULL, NULL);
}

/* The window takes the application's one GSettings, for its size and its context. */
CaWindow *
ca_window_new (GtkApplication *application)
{
  CaWindow *self = g_object_new (CA_TYPE_WINDOW, "application", application, NULL);

  self->settings = g_object_ref (ca_application_get_settings (CA_APPLICATION (application)));
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  return self;
}

/* How often to look for another copy's changes. The UI tests set CASE_AUDIT_WATCH_MS (0:
 * never) so that a step that acts before the window has heard of another copy's write
 * does not race the poll. */
static guint
watch_interval_ms (void)
{
  const char *text = g_getenv ("CASE_AUDIT_WATCH_MS");
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    return CA_DATABASE_WATCH_INTERVAL_MS;
  return (guint) value;
}

/**
 * ca_window_open_database:
 * @create: whether a missing file may be created: the default location, or a database the
 *   person asked to create
 *
 * Shows the database at @path, or a page that says why it cannot be opened.
 */
void
ca_window_open_database (CaWindow   *self,
                         const char *path,
                         gboolean    create)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;

  g_return_if_fail (CA_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  g_free (self->path);
  self->path = g_strdup (path);

  /* Opening reads a few header pages; migration of an older file is one transaction. */
  database = ca_stores_open (path, create ? CA_DATABASE_OPEN_CREATE : CA_DATABASE_OPEN_DEFAULT,
                             &error);
  if (database == NULL)
    {
      show_problem (self, error);
      return;
    }

  /* The file choosers of this process may list the database's folder. Without the hold
   * the window still works, as it did before; only that rare hazard is back. */
  if (!ca_database_hold_files (database, &error))
    {
      g_warning ("%s", error->message);
      g_clear_error (&error);
    }

  g_set_object (&self->database, database);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->reminder);
  g_clear_object (&self->context);
  self->context = ca_context_new (database, self->settings);
  /* A second copy of Case Audit on the same file: its changes reach the views the same
   * way, through the context's "changed". Started before the first load, so nothing
   * committed after that load's read is missed. */
  ca_database_watch_other_writers (database, watch_interval_ms ());
  g_signal_connect_object (self->context, "changed", G_CALLBACK (context_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_clear_object (&self->store);
  self->store = ca_audit_store_new (database);
  ca_audits_view_set_store (self->audits_view, self->store);
  ca_audits_view_set_context (self->audits_view, self->context);
  if (self->calendar_view != NULL)
    ca_calendar_view_set_context (self->calendar_view, self->context);
  if (self->allocation_view != NULL)
    ca_allocation_view_set_context (self->allocation_view, self->context);
  if (self->moderation_view != NULL)
    ca_moderation_view_set_context (self->moderation_view, self->context);
  if (self->tracker_view != NULL)
    ca_tracker_view_set_context (self->tracker_view, self->context);
  if (self->case_page != NULL)
    ca_case_page_set_context (self->case_page, self->context);
  if (self->audit_editor != NULL)
    ca_audit_editor_set_context (self->audit_editor, self->context);
  if (self->moderation_editor != NULL)
    ca_moderation_editor_set_context (self->moderation_editor, self->context);
  adw_leaflet_set_visible_child_name (self->leaflet, "views");
  gtk_window_set_title (GTK_WINDOW (self), _("Case Audit"));
  g_settings_set_string (self->settings, "last-database", path);

  gtk_stack_set_visible_child_name (self->stack, "loading");
  /* At start the list is read once the first frame has begun: on two cores the read and the
   * window's first layout and paint would otherwise share them. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  else
    gtk_widget_add_tick_callback (GTK_WIDGET (self), first_reload_cb, NULL, NULL);
  show_notices (self, database);
}

const char *
ca_window_get_path (CaWindow *self)
{
  g_return_val_if_fail (CA_IS_WINDOW (self), NULL);

  return self->path;
}
