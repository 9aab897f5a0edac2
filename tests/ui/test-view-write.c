// SPDX-License-Identifier: GPL-3.0-or-later
// Widget level: a view's write on the database's worker (ca_view_write) over a real
// temporary database: its control is insensitive while it runs and given back as it was,
// the view says it is busy meanwhile, the job's work is in the database when its done
// function runs on the main thread, and a failure reaches that function.

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ca-database-worker.h"
#include "ca-stores.h"
#include "ca-view-write.h"

static CaDatabase *database;

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

static gint64
count_written (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaStatement) stmt = ca_database_prepare (database, "SELECT count(*) FROM written",
                                                     &error);
  gboolean has_row = FALSE;

  g_assert_no_error (error);
  g_assert_true (ca_statement_step (stmt, &has_row, &error) && has_row);
  return ca_statement_get_int64 (stmt, 0);
}

/* Runs one write with CONTROL and waits for its done function. */
static void
run_write (GtkWidget *owner,
           GtkWidget *control,
           Write     *write)
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
test_control_given_back (void)
{
  GtkWidget *owner = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  GtkWidget *button = gtk_button_new_with_label ("Add");
  Write written = { .ok = TRUE }, refused = { .ok = FALSE }, again = { .ok = TRUE };
  gint64 before = count_written ();

  gtk_box_append (GTK_BOX (owner), button);

  /* Sensitive before, sensitive after; the row is there when the view hears back. */
  run_write (owner, button, &written);
  g_assert_no_error (written.error);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_cmpint (count_written (), ==, before + 1);

  /* A failure reaches the done function, and nothing is written. */
  run_write (owner, button, &refused);
  g_assert_error (refused.error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_cmpint (count_written (), ==, before + 1);

  /* A control the view had made insensitive stays so. */
  gtk_widget_set_sensitive (button, FALSE);
  run_write (owner, button, &again);
  g_assert_false (gtk_widget_get_sensitive (button));

  g_clear_error (&refused.error);
  g_assert_finalize_object (owner);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  folder = g_dir_make_tmp ("case-audit-view-write-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (folder, "test.db", NULL);
  database = ca_stores_open (path, CA_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (ca_database_exec (database, "CREATE TABLE written (id INTEGER PRIMARY KEY)",
                                   &error));
  g_assert_no_error (error);

  g_test_add_func ("/view-write/control-given-back", test_control_given_back);
  status = g_test_run ();

  ca_database_wait_idle (database);
  g_clear_object (&database);
  g_unlink (path);
  g_rmdir (folder);
  return status;
}
