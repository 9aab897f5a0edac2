// SPDX-License-Identifier: GPL-3.0-or-later
// The benchmark's floor: the least a libadwaita application can show (an application
// window with a header bar), timed the way Case Audit's window times its first frame.

#include "config.h"

#include <adwaita.h>

static gint64 start_time;

static gboolean
first_frame_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  g_print ("first-frame\t%.1f ms since start\n", (g_get_monotonic_time () - start_time) / 1000.0);
  /* Leave time for the benchmark to see the window mapped from outside, then go. */
  g_timeout_add_once (1000, (GSourceOnceFunc) g_application_quit, user_data);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *application)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_widget_add_tick_callback (window, first_frame_cb, application, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) application = NULL;

  /* The same starting point as Case Audit's: when the application object is made. */
  start_time = g_get_monotonic_time ();
  application = adw_application_new ("io.github.caseaudit.BenchFloor", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (application, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
