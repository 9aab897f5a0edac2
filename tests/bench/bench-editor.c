// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark of the audit editor on a large database (reports figures, asserts no timing):
// from asking for a six-section Stage 1 audit to its form painted and ready for the first
// keystroke (split into the worker's read, the main thread's building, and the first frame's
// phases, each in wall time and in the main thread's CPU time, which a loaded machine
// inflates less), to every part of the form built, the main thread's cost of one keystroke
// in the pen picture (the draft, the live explanations), and the cost of the save that
// follows. With "submitted", the same for a submitted audit, read-only with the manager's
// response below it, up to every part built (it takes no keystrokes); with "moderation", the
// newest moderation still to do opened in the Stage 2 form, up to painted.
//
// Keystrokes are inserted into the text buffer, which runs every handler of the form; the
// key event's own trip through GTK is not measured.

#include "config.h"

#include <time.h>

#include <adwaita.h>

#include "ca-audit-editor.h"
#include "ca-database.h"
#include "ca-database-worker.h"
#include "ca-moderation-editor.h"
#include "ca-settings.h"
#include "ca-stores.h"

#define KEYSTROKES 300

static gboolean painted;
static gboolean loaded;

/* A moment, in wall time and in the main thread's CPU time (µs). */
typedef struct
{
  gint64 wall;
  gint64 cpu;
} Stamp;

/* The first frame after the form is built: the end of GTK's update phase (the new widgets'
 * styles are computed by then, in that phase or in the before-paint handlers), of its layout
 * phase (measure, allocate) and of its paint phase (snapshot, render). */
enum { UPDATE_END, LAYOUT_END, PAINT_END, N_FRAME_STAMPS };
static Stamp frame[N_FRAME_STAMPS];

static void
stamp (Stamp *at)
{
  struct timespec cpu;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &cpu);
  at->wall = g_get_monotonic_time ();
  at->cpu = cpu.tv_sec * G_USEC_PER_SEC + cpu.tv_nsec / 1000;
}

static void
frame_phase_cb (GdkFrameClock *clock,
                Stamp         *at)
{
  if (loaded && at->wall == 0)
    stamp (at);
}

static char *
span (const Stamp *from,
      const Stamp *to)
{
  return g_strdup_printf ("%.1f ms (CPU %.1f ms)", (to->wall - from->wall) / 1000.0,
                          (to->cpu - from->cpu) / 1000.0);
}

/* The window's way in: the form read on the database's worker. */
static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!ca_audit_editor_load_finish (CA_AUDIT_EDITOR (source), result, &error))
    g_error ("%s", error->message);
  loaded = TRUE;
}

static void
moderation_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!ca_moderation_editor_load_finish (CA_MODERATION_EDITOR (source), result, &error))
    g_error ("%s", error->message);
  loaded = TRUE;
}

static gboolean
frame_cb (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       user_data)
{
  if (!gtk_widget_get_mapped (widget))
    return G_SOURCE_CONTINUE;
  painted = TRUE;
  return G_SOURCE_REMOVE;
}

static GtkWidget *
first_text_view (GtkWidget *root)
{
  if (GTK_IS_TEXT_VIEW (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_text_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The newest Stage 1 audit in STATUS ("allocated", or "submitted": read-only, with the
 * manager's response below the form). */
static gint64
stage_1_audit (CaDatabase *database,
               const char *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaStatement) stmt = NULL;
  gboolean has_row = FALSE;

  stmt = ca_database_prepare (database,
                              "SELECT a.id FROM audit a "
                              "JOIN audit_tool_version v ON v.id = a.tool_version_id "
                              "JOIN audit_tool t ON t.id = v.tool_id "
                              "WHERE t.code = 'stage-1' AND a.status = ? "
                              "ORDER BY a.id DESC LIMIT 1", &error);
  if (stmt != NULL)
    ca_statement_bind_text (stmt, 1, status);
  if (stmt == NULL || !ca_statement_step (stmt, &has_row, &error) || !has_row)
    g_error ("No %s Stage 1 audit: %s", status, error ? error->message : "none");
  return ca_statement_get_int64 (stmt, 0);
}

/* The newest moderation still to do, opened in WINDOW (painted already) as the window opens
 * one: from asking to its form painted, split as the audit's is. */
static void
open_moderation (CaDatabase *database,
                 CaContext  *context,
                 GtkWidget  *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaStatement) stmt = NULL;
  g_autofree char *read_and_build = NULL;
  g_autofree char *styles = NULL;
  CaModerationEditor *editor = g_object_new (CA_TYPE_MODERATION_EDITOR, NULL);
  gboolean has_row = FALSE;
  gint64 moderation_id;
  Stamp asked, built, ready;

  stmt = ca_database_prepare (database, "SELECT id FROM moderation WHERE moderated_on IS NULL "
                                        "ORDER BY id DESC LIMIT 1", &error);
  if (stmt == NULL || !ca_statement_step (stmt, &has_row, &error) || !has_row)
    g_error ("No moderation to do: %s", error ? error->message : "none");
  moderation_id = ca_statement_get_int64 (stmt, 0);
  ca_moderation_editor_set_context (editor, context);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));

  stamp (&asked);
  ca_moderation_editor_load_async (editor, moderation_id, NULL, moderation_loaded_cb, NULL);
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);
  stamp (&built);
  painted = FALSE;
  gtk_widget_add_tick_callback (GTK_WIDGET (editor), frame_cb, NULL, NULL);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  stamp (&ready);
  read_and_build = span (&asked, &built);
  styles = span (&built, &frame[UPDATE_END]);
  g_print ("moderation-ready\tmoderation %" G_GINT64_FORMAT "\t%.1f ms from asking to painted; "
           "read on the worker and built: %s; then up to the frame's layout (styles): %s\n",
           moderation_id, (ready.wall - asked.wall) / 1000.0, read_and_build, styles);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(CaContext) context = NULL;
  GtkWidget *window;
  CaAuditEditor *editor;
  GtkTextBuffer *buffer;
  gint64 audit_id, start, typing_us = 0, save_us = 0;
  const char *status;
  Stamp asked, built, ready, complete;

  if (argc < 2 || argc > 3 ||
      (argc == 3 && g_strcmp0 (argv[2], "allocated") != 0 &&
       g_strcmp0 (argv[2], "submitted") != 0 && g_strcmp0 (argv[2], "moderation") != 0))
    {
      g_printerr ("Usage: %s DATABASE [allocated|submitted|moderation]\n", argv[0]);
      return 2;
    }
  status = argc == 3 ? argv[2] : "allocated";
  gtk_init ();
  adw_init ();

  database = ca_stores_open (argv[1], CA_DATABASE_OPEN_DEFAULT, &error);
  if (database == NULL)
    g_error ("%s", error->message);
  audit_id = g_strcmp0 (status, "moderation") != 0 ? stage_1_audit (database, status) : 0;
  settings = ca_settings_new ();
  context = ca_context_new (database, settings);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  editor = g_object_new (CA_TYPE_AUDIT_EDITOR, NULL);
  ca_audit_editor_set_context (editor, context);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (editor));
  gtk_window_present (GTK_WINDOW (window));
  /* Asked for from a window already painted, as in the app: the window's own first frame
   * (about 50 ms, its glyphs drawn for the first time) is not the editor's. */
  gtk_widget_add_tick_callback (window, frame_cb, NULL, NULL);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  painted = FALSE;

  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

    g_signal_connect_after (clock, "update", G_CALLBACK (frame_phase_cb), &frame[UPDATE_END]);
    g_signal_connect_after (clock, "layout", G_CALLBACK (frame_phase_cb), &frame[LAYOUT_END]);
    g_signal_connect_after (clock, "paint", G_CALLBACK (frame_phase_cb), &frame[PAINT_END]);
  }
  if (g_strcmp0 (status, "moderation") == 0)
    {
      open_moderation (database, context, window);
      gtk_window_destroy (GTK_WINDOW (window));
      return 0;
    }

  stamp (&asked);
  ca_audit_editor_load_async (editor, audit_id, NULL, loaded_cb, NULL);
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);
  stamp (&built);
  g_print ("editor-loaded\taudit %" G_GINT64_FORMAT " (%s)\t%.1f ms from asking to the form "
           "built\n", audit_id, status, (built.wall - asked.wall) / 1000.0);
  gtk_widget_add_tick_callback (GTK_WIDGET (editor), frame_cb, NULL, NULL);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_grab_focus (first_text_view (GTK_WIDGET (editor)));
  stamp (&ready);
  g_print ("editor-ready\taudit %" G_GINT64_FORMAT " (%s)\t%.1f ms from asking to painted and "
           "focused\n", audit_id, status, (ready.wall - asked.wall) / 1000.0);
  if (frame[PAINT_END].wall != 0)
    {
      g_autofree char *read_and_build = span (&asked, &built);
      g_autofree char *styles = span (&built, &frame[UPDATE_END]);
      g_autofree char *layout = span (&frame[UPDATE_END], &frame[LAYOUT_END]);
      g_autofree char *paint = span (&frame[LAYOUT_END], &frame[PAINT_END]);
      g_autofree char *whole = span (&asked, &ready);

      g_print ("editor-ready-split\tread on the worker and built: %s; then up to the frame's "
               "layout (styles): %s; layout: %s; paint: %s; in all: %s\n",
               read_and_build, styles, layout, paint, whole);
    }

  /* The rest of the form, built after the first screenful is painted, and its frame. */
  while (!ca_audit_editor_is_complete (editor))
    g_main_context_iteration (NULL, TRUE);
  painted = FALSE;
  gtk_widget_add_tick_callback (GTK_WIDGET (editor), frame_cb, NULL, NULL);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  stamp (&complete);
  {
    g_autofree char *whole = span (&asked, &complete);

    g_print ("editor-complete\taudit %" G_GINT64_FORMAT " (%s)\t%s from asking to every part "
             "of the form built and laid out\n", audit_id, status, whole);
  }

  /* A submitted audit takes no typing. */
  if (g_strcmp0 (status, "submitted") == 0)
    {
      gtk_window_destroy (GTK_WINDOW (window));
      return 0;
    }
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (first_text_view (GTK_WIDGET (editor))));
  for (guint i = 0; i < KEYSTROKES; i++)
    {
      start = g_get_monotonic_time ();
      gtk_text_buffer_insert_at_cursor (buffer, i % 7 == 6 ? " " : "a", 1);
      typing_us += g_get_monotonic_time () - start;

      /* What the autosave does, timed alone: the save queued on the worker, written there,
       * and its answer taken in on the main thread. */
      start = g_get_monotonic_time ();
      ca_audit_editor_save_now (editor);
      ca_database_wait_idle (database);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      save_us += g_get_monotonic_time () - start;
    }
  g_print ("keystroke\t%.3f ms on the main thread, mean of %d\n",
           typing_us / 1000.0 / KEYSTROKES, KEYSTROKES);
  g_print ("autosave\t%.3f ms per save after one keystroke, mean of %d "
           "(runs on a worker thread in the app)\n", save_us / 1000.0 / KEYSTROKES, KEYSTROKES);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
