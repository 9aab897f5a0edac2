// SPDX-License-Identifier: GPL-3.0-or-later
// Widget level: a view's write on the database's worker (ca_view_write) over a real
// temporary database: its control is insensitive while it runs and given back as it was,
// the view says it is busy meanwhile, the job's work is in the database when its done
// function runs on the main thread, and a failure reaches that function.

#include "config.h"

#include <adwaita.h>

#include "ca-database-worker.h"
#include "ca-test-fixture.h"
#include "ca-view-write.h"

typedef struct
{
  gboolean  ok;
  gboolean  done;
  gboolean  was_main_thread;
  GError   *error;
} Write;

static gboolean
write_job (CaDatabase  *connection,
           gpointer     data,
           GError     **error)
{
  Write *write = data;

  if (!write->ok)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Refused on purpose.");
      return FALSE;
    }
  return ca_database_exec (connection, "INSERT INTO written DEFAULT VALUES", error);
}

static void
write_done (GtkWidget    *owner,
            gpointer      data,
            const GError *error)
{
  Write *write = data;

  write->done = TRUE;
  write->was_main_thread = g_main_context_is_owner (g_main_context_default ());
  write->error = error != NULL ? g_error_copy (error) : NULL;
}

/* Runs one write with CONTROL and waits for its done function. */
static void
run_write (CaDatabase *database,
           GtkWidget  *owner,
           GtkWidget  *control,
           Write      *write)
{
  ca_view_write (owner, control, database, write_job, write, NULL, write_done);
  g_assert_true (ca_view_write_is_busy (owner));
  g_assert_false (gtk_widget_get_sensitive (control));
  while (!write->done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (ca_view_write_is_busy (owner));
  g_assert_true (write->was_main_thread);
}

static void
test_control_given_back (CaTestFixture *fixture,
                         gconstpointer  data)
{
  CaDatabase *database = fixture->database;
  GtkWidget *owner = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  GtkWidget *button = gtk_button_new_with_label ("Add");
  Write written = { .ok = TRUE }, refused = { .ok = FALSE }, again = { .ok = TRUE };

  gtk_box_append (GTK_BOX (owner), button);
  ca_test_exec (database, "CREATE TABLE written (id INTEGER PRIMARY KEY)");

  /* Sensitive before, sensitive after; the row is there when the view hears back. */
  run_write (database, owner, button, &written);
  g_assert_no_error (written.error);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM written"), ==, 1);

  /* A failure reaches the done function, and nothing is written. */
  run_write (database, owner, button, &refused);
  g_assert_error (refused.error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_cmpint (ca_test_query_int (database, "SELECT count(*) FROM written"), ==, 1);

  /* A control the view had made insensitive stays so. */
  gtk_widget_set_sensitive (button, FALSE);
  run_write (database, owner, button, &again);
  g_assert_false (gtk_widget_get_sensitive (button));

  g_clear_error (&refused.error);
  g_assert_finalize_object (owner);
  ca_database_wait_idle (database);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/view-write/control-given-back", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_control_given_back, ca_test_fixture_tear_down);
  return g_test_run ();
}
