// SPDX-License-Identifier: GPL-3.0-or-later
// Widget level: the audit editor over a real demonstration database. What the accessibility
// tree cannot reach well: grades listed as unavailable with the reason, clearing an answer,
// the joint practitioner, the size limit of a text box, a database that turns read-only while
// someone types, the deadlines of actions, leaving the editor or exporting a PDF while another
// program holds the database, printing the same pages as the PDF, and the form built in parts
// ending the same as the form built whole.

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ca-audit-editor.h"
#include "ca-audit-editor-private.h"
#include "ca-audit-export.h"
#include "ca-audit-report.h"
#include "ca-choice.h"
#include "ca-database-worker.h"
#include "ca-demo.h"
#include "ca-form-rows.h"
#include "ca-report-print-operation.h"
#include "ca-settings.h"
#include "ca-settings-store.h"
#include "ca-stores.h"

static CaDatabase *database;
static CaContext *context;
static char *folder;
static char *database_path;
static gint64 audit_id;

static char *
query_text (const char *sql,
            gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaStatement) stmt = ca_database_prepare (database, sql, &error);
  gboolean has_row = FALSE;

  g_assert_no_error (error);
  ca_statement_bind_int64 (stmt, 1, id);
  g_assert_true (ca_statement_step (stmt, &has_row, &error));
  g_assert_no_error (error);
  return has_row ? ca_statement_dup_text (stmt, 0) : NULL;
}

typedef gboolean (*WidgetTest) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_widget (GtkWidget     *root,
             WidgetTest     test,
             gconstpointer  data)
{
  if (test (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, test, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_calendar (GtkWidget     *widget,
             gconstpointer  unused)
{
  return GTK_IS_CALENDAR (widget);
}

static gboolean
is_text_view (GtkWidget     *widget,
              gconstpointer  unused)
{
  return GTK_IS_TEXT_VIEW (widget);
}

static gboolean
is_toggle_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_TOGGLE_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_visible_label_containing (GtkWidget     *widget,
                             gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static CaAuditEditor *
new_editor (GtkWidget **window)
{
  g_autoptr(GError) error = NULL;
  CaAuditEditor *editor = g_object_new (CA_TYPE_AUDIT_EDITOR, NULL);

  *window = gtk_window_new ();
  ca_audit_editor_set_context (editor, context);
  gtk_window_set_child (GTK_WINDOW (*window), GTK_WIDGET (editor));
  g_assert_true (ca_audit_editor_load (editor, audit_id, &error));
  g_assert_no_error (error);
  return editor;
}

/* Leaving the editor queues the save on the worker; this waits for it to be written and for
 * its answer to be taken in, before the test reads the database. */
static void
save_and_wait (CaAuditEditor *editor)
{
  ca_audit_editor_save_now (editor);
  ca_database_wait_idle (database);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_unavailable_grades (void)
{
  GtkWidget *window;
  CaAuditEditor *editor = new_editor (&window);
  GtkWidget *row = find_widget (GTK_WIDGET (editor), is_row_titled, "Assessment grade");
  GListModel *choices;
  g_autoptr(CaChoice) good = NULL;
  g_autoptr(CaChoice) inadequate = NULL;

  g_assert_nonnull (row);
  choices = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 5);
  good = g_list_model_get_item (choices, CA_GRADE_GOOD);
  inadequate = g_list_model_get_item (choices, CA_GRADE_INADEQUATE);
  g_assert_cmpstr (ca_choice_get_label (good), ==, "Good");
  /* Nothing is answered yet, so no limiting judgement is met. */
  g_assert_false (ca_choice_get_available (good));
  g_assert_nonnull (strstr (ca_choice_get_reason (good), "child"));
  g_assert_true (ca_choice_get_available (inadequate));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_clear_answer_and_joint_practitioner (void)
{
  GtkWidget *window;
  CaAuditEditor *editor = new_editor (&window);
  GtkWidget *yes = find_widget (GTK_WIDGET (editor), is_toggle_labelled, "Yes");
  GtkWidget *no = find_widget (GTK_WIDGET (editor), is_toggle_labelled, "No");
  GtkWidget *joint = find_widget (GTK_WIDGET (editor), is_row_titled, "Done jointly with");
  g_autofree char *answer = NULL;
  g_autofree char *joint_id = NULL;
  g_autofree char *cleared = NULL;

  g_assert_nonnull (yes);
  g_assert_nonnull (no);
  g_assert_nonnull (joint);

  /* Choosing No releases Yes; the answer is No. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (yes), TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (no), TRUE);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (yes)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (joint), 1);
  save_and_wait (editor);
  answer = query_text ("SELECT answer FROM audit_answer WHERE audit_id = ?1 "
                       "AND question_id = 'assessment.developmental-needs'", audit_id);
  g_assert_cmpstr (answer, ==, "no");
  joint_id = query_text ("SELECT joint_practitioner_id FROM audit WHERE id = ?1", audit_id);
  g_assert_nonnull (joint_id);

  /* Pressing the chosen answer again clears it. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (no), FALSE);
  save_and_wait (editor);
  cleared = query_text ("SELECT answer FROM audit_answer WHERE audit_id = ?1 "
                        "AND question_id = 'assessment.developmental-needs'", audit_id);
  g_assert_null (cleared);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_huge_paste_refused (void)
{
  GtkWidget *window;
  CaAuditEditor *editor = new_editor (&window);
  GtkWidget *view = find_widget (GTK_WIDGET (editor), is_text_view, NULL);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_autofree char *huge = g_strnfill (1024 * 1024, 'x');
  g_autofree char *saved = NULL;

  gtk_text_buffer_set_text (buffer, "", -1);
  gtk_text_buffer_insert_at_cursor (buffer, "Seen at home with her foster carer. ", -1);
  gtk_text_buffer_insert_at_cursor (buffer, huge, -1);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 36);
  g_assert_nonnull (find_widget (GTK_WIDGET (editor), is_visible_label_containing,
                                 "Everything typed before is kept"));

  /* The next ordinary edit goes in and the message goes away. */
  gtk_text_buffer_insert_at_cursor (buffer, "Calm.", -1);
  g_assert_null (find_widget (GTK_WIDGET (editor), is_visible_label_containing,
                              "Everything typed before is kept"));
  save_and_wait (editor);
  saved = query_text ("SELECT pen_picture FROM audit WHERE id = ?1", audit_id);
  g_assert_cmpstr (saved, ==, "Seen at home with her foster carer. Calm.");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
exec_sql_job (CaDatabase    *connection,
              gpointer       sql,
              gpointer      *result,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(CaStatement) stmt = ca_database_prepare (connection, sql, error);

  return stmt != NULL && ca_statement_step (stmt, NULL, error);
}

/* The saves are written on the worker's own connection, so that is where a pragma for them
 * goes. */
static void
exec_sql_on_worker (const char *sql)
{
  ca_database_run_async (database, exec_sql_job, (gpointer) sql, NULL, NULL, NULL, NULL, NULL);
  ca_database_wait_idle (database);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
is_window_title (GtkWidget     *widget,
                 gconstpointer  unused)
{
  return ADW_IS_WINDOW_TITLE (widget);
}

static GtkTextBuffer *
first_text_buffer (CaAuditEditor *editor)
{
  GtkWidget *view = find_widget (GTK_WIDGET (editor), is_text_view, NULL);

  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

static AdwWindowTitle *
editor_title (CaAuditEditor *editor)
{
  return ADW_WINDOW_TITLE (find_widget (GTK_WIDGET (editor), is_window_title, NULL));
}

/* Another program holding the database: a second connection in a write transaction. */
static CaDatabase *
hold_database (void)
{
  g_autoptr(GError) error = NULL;
  CaDatabase *other = ca_stores_open (database_path, CA_DATABASE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_true (ca_database_begin (other, &error));
  g_assert_no_error (error);
  return other;
}

/* The database turns read-only while someone types: they are told, in the header, and
 * what they typed is kept and saved once the database can be written again. */
static void
test_read_only_mid_edit (void)
{
  GtkWidget *window;
  CaAuditEditor *editor = new_editor (&window);
  GtkTextBuffer *buffer = first_text_buffer (editor);
  AdwWindowTitle *title = editor_title (editor);
  g_autofree char *saved = NULL;

  gtk_text_buffer_set_text (buffer, "Before. ", -1);
  save_and_wait (editor);
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Saved");

  exec_sql_on_worker ("PRAGMA query_only = ON");
  gtk_text_buffer_insert_at_cursor (buffer, "Typed while read-only.", -1);
  g_test_expect_message ("ca-audit-autosave", G_LOG_LEVEL_WARNING, "*read-only*");
  save_and_wait (editor);
  g_test_assert_expected_messages ();
  g_assert_true (g_str_has_prefix (adw_window_title_get_subtitle (title), "Not saved: "));
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (title), "read-only"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (title), "save-failed"));
  {
    GtkTextIter start, end;
    g_autofree char *kept = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    kept = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (kept, ==, "Before. Typed while read-only.");
  }

  exec_sql_on_worker ("PRAGMA query_only = OFF");
  save_and_wait (editor);
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Saved");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (title), "save-failed"));
  saved = query_text ("SELECT pen_picture FROM audit WHERE id = ?1", audit_id);
  g_assert_cmpstr (saved, ==, "Before. Typed while read-only.");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && !GTK_IS_TOGGLE_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* R-F8 in the form: a new action is due in four weeks by default; marked as meeting a
 * safeguarding concern on an Inadequate audit, a later date is explained under the row. */
static void
test_action_deadlines (void)
{
  GtkWidget *window;
  CaAuditEditor *editor = new_editor (&window);
  GtkWidget *add = find_widget (GTK_WIDGET (editor), is_button_labelled, "_Add Action");
  GtkWidget *due, *overall, *safeguarding;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) in_four_weeks = g_date_time_add_days (now, 28);
  g_autofree char *expected = g_date_time_format (in_four_weeks, "%-d %b %Y");  /* as shown */
  const char *late = "Action 1 meets a safeguarding concern on an Inadequate audit";

  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");
  due = find_widget (GTK_WIDGET (editor), is_row_titled, "Due date of action 1");
  g_assert_nonnull (due);
  /* The audit has no date yet, so the actions are set today. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (due)), ==, expected);
  g_assert_null (find_widget (GTK_WIDGET (editor), is_visible_label_containing, late));

  overall = find_widget (GTK_WIDGET (editor), is_row_titled, "Overall grade");
  adw_combo_row_set_selected (ADW_COMBO_ROW (overall), CA_GRADE_INADEQUATE);
  safeguarding = find_widget (GTK_WIDGET (editor), is_row_titled, "Meets a safeguarding concern");
  g_assert_nonnull (safeguarding);
  safeguarding = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (safeguarding));
  g_assert_true (GTK_IS_SWITCH (safeguarding));
  gtk_switch_set_active (GTK_SWITCH (safeguarding), TRUE);
  g_assert_nonnull (find_widget (GTK_WIDGET (editor), is_visible_label_containing, late));

  /* Due today is within any number of working days. */
  {
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

    gtk_editable_set_text (GTK_EDITABLE (due), today);
  }
  g_assert_null (find_widget (GTK_WIDGET (editor), is_visible_label_containing, late));

  save_and_wait (editor);
  {
    g_autofree char *stored = query_text ("SELECT safeguarding FROM action WHERE audit_id = ?1",
                                          audit_id);

    g_assert_cmpstr (stored, ==, "1");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
subtitle_starts_with (AdwWindowTitle *title,
                      const char     *prefix)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!g_str_has_prefix (adw_window_title_get_subtitle (title), prefix) &&
         g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (10000);
    }
  return g_str_has_prefix (adw_window_title_get_subtitle (title), prefix);
}

/* The other program lets go of the database: what was typed is saved without more typing. */
static void
assert_saved_once_released (CaDatabase     *other,
                            AdwWindowTitle *title,
                            const char     *typed)
{
  g_autofree char *saved = NULL;

  ca_database_rollback (other);
  g_assert_true (subtitle_starts_with (title, "Saved"));
  saved = query_text ("SELECT pen_picture FROM audit WHERE id = ?1", audit_id);
  g_assert_cmpstr (saved, ==, typed);
}

static gboolean
save_rules_job (CaDatabase    *connection,
                gpointer       rules,
                gpointer      *result,
                GCancellable  *cancellable,
                GError       **error)
{
  return ca_settings_store_save_deadline_rules (connection, rules, error);
}

/* Preferences change the days allowed for an action: the context reads the rules again when
 * the database says so, and the next audit opened sets its actions' dates by them. */
static void
test_deadline_rules_follow_preferences (void)
{
  CaDeadlineRules rules;
  GtkWidget *window, *add, *due;
  CaAuditEditor *editor;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) in_two_weeks = g_date_time_add_days (now, 14);
  g_autofree char *expected = g_date_time_format (in_two_weeks, "%-d %b %Y");  /* as shown */

  ca_deadline_rules_init_defaults (&rules);
  rules.action_days = 14;
  ca_database_run_async (database, save_rules_job, &rules, NULL, NULL, NULL, NULL, NULL);
  ca_database_wait_idle (database);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (ca_context_get_deadline_rules (context)->action_days, ==, 14);

  editor = new_editor (&window);
  add = find_widget (GTK_WIDGET (editor), is_button_labelled, "_Add Action");
  g_signal_emit_by_name (add, "clicked");
  /* The audit keeps the action an earlier test added: this one is the second. */
  due = find_widget (GTK_WIDGET (editor), is_row_titled, "Due date of action 2");
  g_assert_nonnull (due);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (due)), ==, expected);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Back as they were, for the tests after this one. */
  ca_deadline_rules_init_defaults (&rules);
  ca_database_run_async (database, save_rules_job, &rules, NULL, NULL, NULL, NULL, NULL);
  ca_database_wait_idle (database);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (ca_context_get_deadline_rules (context)->action_days, ==, 28);
}

/* Another program holds the database while someone types: the autosave says so, then tries
 * again by itself, and what was typed lands once the lock is gone. */
static void
test_autosave_retries (void)
{
  GtkWidget *window;
  CaAuditEditor *editor = new_editor (&window);
  GtkTextBuffer *buffer = first_text_buffer (editor);
  AdwWindowTitle *title = editor_title (editor);
  g_autoptr(CaDatabase) other = hold_database ();

  gtk_text_buffer_set_text (buffer, "Typed while another program held the database.", -1);
  g_assert_true (subtitle_starts_with (title, "Not saved: "));
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (title), "busy"));

  /* Nobody types again: the retry alone saves it. */
  assert_saved_once_released (other, title, "Typed while another program held the database.");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Leaving the editor while another program holds the database: the save is queued on the
 * worker and the call returns at once, rather than after the busy timeout (five seconds) as a
 * save on the main thread would; what was typed lands once the lock is gone. */
static void
test_leaving_does_not_wait (void)
{
  GtkWidget *window;
  CaAuditEditor *editor = new_editor (&window);
  GtkTextBuffer *buffer = first_text_buffer (editor);
  AdwWindowTitle *title = editor_title (editor);
  g_autoptr(CaDatabase) other = hold_database ();
  gint64 start;

  gtk_text_buffer_set_text (buffer, "Typed just before leaving.", -1);
  start = g_get_monotonic_time ();
  ca_audit_editor_save_now (editor);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Saving…");

  assert_saved_once_released (other, title, "Typed just before leaving.");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Export PDF while another program holds the database: the window answers at once, what
 * was typed is saved first, and the PDF (readable by its owner only) shows it once the lock
 * is gone: the save, the read and the drawing run on the worker. */
static void
test_export_saves_first_without_waiting (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (folder, "exported.pdf", NULL);
  g_autofree char *text = NULL;
  const char *argv[] = { "pdftotext", path, "-", NULL };
  GtkWidget *window;
  CaAuditEditor *editor = new_editor (&window);
  GtkWidget *text_view = find_widget (GTK_WIDGET (editor), is_text_view, NULL);
  g_autoptr(CaDatabase) other = hold_database ();
  GStatBuf info;
  gint64 start, deadline;
  int status = -1;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)),
                            "Typed just before exporting.", -1);
  start = g_get_monotonic_time ();
  ca_audit_export_pdf_to_file (GTK_WIDGET (editor), text_view,
                               ca_audit_editor_get_autosave (editor), database, audit_id, path);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  ca_database_rollback (other);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!g_file_test (path, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (10000);
    }
  ca_database_wait_idle (database);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Typed just before exporting."));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every control, title and label below WIDGET, in the order of the widget tree (which is
 * the keyboard's order). */
static void
describe (GtkWidget *widget,
          GString   *out)
{
  g_string_append (out, G_OBJECT_TYPE_NAME (widget));
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (out, " %s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  else if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, " %s", gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    g_string_append_printf (out, " %s", gtk_button_get_label (GTK_BUTTON (widget)));
  g_string_append_printf (out, " %s\n", gtk_widget_get_visible (widget) ? "shown" : "hidden");
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    describe (child, out);
}

static gboolean
is_clamp (GtkWidget     *widget,
          gconstpointer  unused)
{
  return ADW_IS_CLAMP (widget);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ca_audit_editor_load_finish (CA_AUDIT_EDITOR (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* The window's load builds the first screenful at once and the rest of the form once that is
 * painted; the form it ends with is the one the whole load builds: the same controls, titles
 * and labels, in the same order. */
static void
test_built_in_parts (void)
{
  GtkWidget *window, *parted_window = gtk_window_new ();
  CaAuditEditor *whole = new_editor (&window);
  CaAuditEditor *parted = g_object_new (CA_TYPE_AUDIT_EDITOR, NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GString) found = g_string_new (NULL);
  gboolean loaded = FALSE;

  g_assert_true (ca_audit_editor_is_complete (whole));
  ca_audit_editor_set_context (parted, context);
  gtk_window_set_child (GTK_WINDOW (parted_window), GTK_WIDGET (parted));
  gtk_window_present (GTK_WINDOW (parted_window));
  ca_audit_editor_load_async (parted, audit_id, NULL, loaded_cb, &loaded);
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (find_widget (GTK_WIDGET (parted), is_row_titled, "Audit date"));
  g_assert_null (find_widget (GTK_WIDGET (parted), is_row_titled, "Assessment grade"));
  g_assert_false (ca_audit_editor_is_complete (parted));

  while (!ca_audit_editor_is_complete (parted))
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (find_widget (GTK_WIDGET (parted), is_row_titled, "Assessment grade"));
  describe (find_widget (GTK_WIDGET (whole), is_clamp, NULL), expected);
  describe (find_widget (GTK_WIDGET (parted), is_clamp, NULL), found);
  g_assert_cmpstr (found->str, ==, expected->str);

  gtk_window_destroy (GTK_WINDOW (parted_window));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A submitted audit is built in parts as well, the manager's response (R-F9) last, below the
 * whole form: it is painted as soon as an audit being typed into, not once every part is
 * built. */
static void
test_submitted_built_in_parts (void)
{
  GtkWidget *window = gtk_window_new ();
  CaAuditEditor *editor = g_object_new (CA_TYPE_AUDIT_EDITOR, NULL);
  g_autofree char *submitted = query_text ("SELECT a.id FROM audit a "
                                           "JOIN audit_tool_version v ON v.id = a.tool_version_id "
                                           "JOIN audit_tool t ON t.id = v.tool_id "
                                           "WHERE t.code = 'stage-1' AND a.status = 'submitted' "
                                           "AND a.id > ?1 ORDER BY a.id LIMIT 1", 0);
  gboolean loaded = FALSE;

  g_assert_nonnull (submitted);
  ca_audit_editor_set_context (editor, context);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
  gtk_window_present (GTK_WINDOW (window));
  ca_audit_editor_load_async (editor, g_ascii_strtoll (submitted, NULL, 10), NULL, loaded_cb,
                              &loaded);
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (editor->read_only);
  g_assert_false (ca_audit_editor_is_complete (editor));
  g_assert_null (find_widget (GTK_WIDGET (editor), is_row_titled, "Assessment grade"));
  g_assert_null (editor->response_group);

  while (!ca_audit_editor_is_complete (editor))
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (find_widget (GTK_WIDGET (editor), is_row_titled, "Assessment grade"));
  g_assert_nonnull (editor->response_group);
  g_assert_true (gtk_widget_get_last_child (GTK_WIDGET (editor->form_box)) ==
                 editor->response_group);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_print_matches_pdf (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *printed = g_build_filename (folder, "printed.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *case_ref = query_text ("SELECT c.case_ref FROM audit a JOIN case_file c "
                                          "ON c.id = a.case_id WHERE a.id = ?1", audit_id);
  g_autoptr(GtkPrintOperation) operation = NULL;
  CaAuditReport *report = ca_audit_report_new_for_audit (database, audit_id, &error);
  const char *argv[] = { "pdftotext", printed, "-", NULL };
  int status = -1;

  g_assert_no_error (error);
  operation = ca_report_print_operation_new (report, "Audit");
  gtk_print_operation_set_export_filename (operation, printed);
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL,
                                            &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, case_ref));
  g_assert_nonnull (strstr (text, "Pen picture"));
  g_assert_nonnull (strstr (text, "Assessment"));
}

/* A date row (issue 12 item 7): shows the stored date as the lists do, reads the ways a
 * person types one, says why not otherwise, and its calendar writes the day chosen. */
static void
test_date_row (void)
{
  GtkWidget *group = g_object_ref_sink (adw_preferences_group_new ());
  GtkWidget *row = ca_form_rows_add_date_row (group, "Audit date", "2026-12-01");
  GtkWidget *calendar = find_widget (row, is_calendar, NULL);
  g_autoptr(GDateTime) day = g_date_time_new_local (2027, 1, 31, 12, 0, 0);
  g_autofree char *iso = NULL;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "1 Dec 2026");
  g_assert_true (ca_form_rows_read_date (row, &iso));
  g_assert_cmpstr (iso, ==, "2026-12-01");
  g_clear_pointer (&iso, g_free);

  gtk_editable_set_text (GTK_EDITABLE (row), "02/12/2026");
  g_assert_true (ca_form_rows_read_date (row, &iso));
  g_assert_cmpstr (iso, ==, "2026-12-02");
  g_clear_pointer (&iso, g_free);
  /* Left, it is shown as the lists show dates. */
  ca_form_rows_tidy_date (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "2 Dec 2026");

  gtk_editable_set_text (GTK_EDITABLE (row), "30/02/2026");
  g_assert_false (ca_form_rows_read_date (row, &iso));
  g_assert_null (iso);
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  ca_form_rows_tidy_date (row);  /* no date: kept as typed, to be put right */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "30/02/2026");

  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_assert_true (ca_form_rows_read_date (row, &iso));
  g_assert_null (iso);
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  g_assert_nonnull (calendar);
  gtk_calendar_select_day (GTK_CALENDAR (calendar), day);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "31 Jan 2027");
  g_object_unref (group);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GSettings) settings = NULL;
  CaDemoOptions options;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  folder = g_dir_make_tmp ("case-audit-editor-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (folder, "demo.db", NULL);
  database_path = path;
  database = ca_stores_open (path, CA_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  ca_demo_options_init (&options);
  options.years = 1;
  options.until_year = 2024;
  options.until_month = 3;
  g_assert_true (ca_demo_generate (database, &options, NULL, NULL, NULL, &error));
  id = query_text ("SELECT a.id FROM audit a JOIN audit_tool_version v ON v.id = a.tool_version_id "
                   "JOIN audit_tool t ON t.id = v.tool_id WHERE t.code = 'stage-1' AND "
                   "a.status = 'allocated' AND a.id > ?1 ORDER BY a.id LIMIT 1", 0);
  g_assert_nonnull (id);
  audit_id = g_ascii_strtoll (id, NULL, 10);
  settings = ca_settings_new ();
  context = ca_context_new (database, settings);

  g_test_add_func ("/audit-editor/unavailable-grades", test_unavailable_grades);
  g_test_add_func ("/audit-editor/clear-answer-and-joint-practitioner",
                   test_clear_answer_and_joint_practitioner);
  g_test_add_func ("/audit-editor/huge-paste-refused", test_huge_paste_refused);
  g_test_add_func ("/audit-editor/read-only-mid-edit", test_read_only_mid_edit);
  g_test_add_func ("/audit-editor/action-deadlines", test_action_deadlines);
  g_test_add_func ("/audit-editor/deadline-rules-follow-preferences",
                   test_deadline_rules_follow_preferences);
  g_test_add_func ("/audit-editor/autosave-retries", test_autosave_retries);
  g_test_add_func ("/audit-editor/leaving-does-not-wait", test_leaving_does_not_wait);
  g_test_add_func ("/audit-editor/export-saves-first-without-waiting",
                   test_export_saves_first_without_waiting);
  g_test_add_func ("/audit-editor/print-matches-pdf", test_print_matches_pdf);
  g_test_add_func ("/audit-editor/built-in-parts", test_built_in_parts);
  g_test_add_func ("/audit-editor/submitted-built-in-parts", test_submitted_built_in_parts);
  g_test_add_func ("/audit-editor/date-row", test_date_row);
  status = g_test_run ();

  g_clear_object (&context);
  g_clear_object (&database);
  {
    const char *files[] = { "demo.db", "demo.db-wal", "demo.db-shm", "printed.pdf" };

    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        g_autofree char *file = g_build_filename (folder, files[i], NULL);

        g_remove (file);
      }
  }
  g_rmdir (folder);
  return status;
}
