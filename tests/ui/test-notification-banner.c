// SPDX-License-Identifier: GPL-3.0-or-later
// Widget level: the Category 1–2 banner shows for an audit waiting for its e-mail, says who
// is to be told, hides once marked sent (in the database), stays hidden for other audits,
// and leaks nothing.

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ca-demo.h"
#include "ca-notification-banner.h"
#include "ca-notification-store.h"
#include "ca-stores.h"
#include "ca-view-write.h"

static CaDatabase *database;

static gint64
query_int (const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaStatement) stmt = ca_database_prepare (database, sql, &error);
  gboolean has_row = FALSE;

  g_assert_no_error (error);
  g_assert_true (ca_statement_step (stmt, &has_row, &error) && has_row);
  return ca_statement_get_int64 (stmt, 0);
}

static void
test_banner (void)
{
  GtkWidget *banner = g_object_ref_sink (g_object_new (CA_TYPE_NOTIFICATION_BANNER, NULL));
  GtkWidget *overlay = g_object_ref_sink (adw_toast_overlay_new ());
  g_autoptr(GError) error = NULL;
  g_autoptr(CaNotificationStatus) status = NULL;
  g_autofree char *sql = NULL;
  gint64 waiting = query_int ("SELECT id FROM audit WHERE category = 1 AND status = 'submitted' "
                              "AND notification_sent_at IS NULL ORDER BY id LIMIT 1");
  gint64 good = query_int ("SELECT id FROM audit WHERE category = 4 LIMIT 1");
  gint64 sent = query_int ("SELECT id FROM audit WHERE category = 2 "
                           "AND notification_sent_at IS NOT NULL LIMIT 1");

  g_assert_false (gtk_widget_get_visible (banner));
  ca_notification_banner_set_toast_overlay (CA_NOTIFICATION_BANNER (banner),
                                            ADW_TOAST_OVERLAY (overlay));
  g_assert_true (ca_notification_banner_get_toast_overlay (CA_NOTIFICATION_BANNER (banner)) ==
                 ADW_TOAST_OVERLAY (overlay));

  ca_notification_banner_show_audit (CA_NOTIFICATION_BANNER (banner), database, waiting);
  g_assert_true (ca_notification_banner_get_revealed (CA_NOTIFICATION_BANNER (banner)));
  g_assert_true (gtk_widget_get_visible (banner));
  g_assert_cmpstr (ca_notification_banner_get_title (CA_NOTIFICATION_BANNER (banner)), ==,
                   "Category 1: the Service Manager and Team Manager must be told at once");
  status = ca_notification_store_load (database, waiting, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < status->recipients->len; i++)
    {
      CaNotificationRecipient *recipient = g_ptr_array_index (status->recipients, i);

      g_assert_nonnull (strstr (ca_notification_banner_get_detail (CA_NOTIFICATION_BANNER (banner)),
                                recipient->name));
    }

  /* Audits that need no e-mail, or whose e-mail was sent, show nothing. */
  ca_notification_banner_show_audit (CA_NOTIFICATION_BANNER (banner), database, good);
  g_assert_false (ca_notification_banner_get_revealed (CA_NOTIFICATION_BANNER (banner)));
  ca_notification_banner_show_audit (CA_NOTIFICATION_BANNER (banner), database, sent);
  g_assert_false (ca_notification_banner_get_revealed (CA_NOTIFICATION_BANNER (banner)));

  /* Mark as Sent stores the time and hides the banner, for good. */
  ca_notification_banner_show_audit (CA_NOTIFICATION_BANNER (banner), database, waiting);
  g_assert_true (ca_notification_banner_get_revealed (CA_NOTIFICATION_BANNER (banner)));
  gtk_widget_activate_action (banner, "banner.mark-sent", NULL);
  /* The write runs on the database's worker; the banner hears of it in the main loop. */
  while (ca_view_write_is_busy (banner))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (ca_notification_banner_get_revealed (CA_NOTIFICATION_BANNER (banner)));
  sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE notification_sent_at IS NOT NULL "
                         "AND id = %" G_GINT64_FORMAT, waiting);
  g_assert_cmpint (query_int (sql), ==, 1);
  ca_notification_banner_show_audit (CA_NOTIFICATION_BANNER (banner), database, waiting);
  g_assert_false (ca_notification_banner_get_revealed (CA_NOTIFICATION_BANNER (banner)));

  ca_notification_banner_clear (CA_NOTIFICATION_BANNER (banner));
  g_assert_false (gtk_widget_get_visible (banner));
  g_assert_finalize_object (banner);
  g_assert_finalize_object (overlay);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  CaDemoOptions options;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  folder = g_dir_make_tmp ("case-audit-banner-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (folder, "demo.db", NULL);
  database = ca_stores_open (path, CA_DATABASE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  ca_demo_options_init (&options);
  options.years = 1;
  options.until_year = 2024;
  options.until_month = 3;
  g_assert_true (ca_demo_generate (database, &options, NULL, NULL, NULL, &error));
  /* The demo leaves only its last two days' Category 1–2 audits waiting; make sure one of
   * them is Category 1. */
  g_assert_true (ca_database_exec (database,
                                   "UPDATE audit SET notification_sent_at = NULL "
                                   "WHERE category = 1 AND status = 'submitted' AND id = "
                                   "(SELECT min(id) FROM audit WHERE category = 1 AND "
                                   "status = 'submitted')", &error));

  g_test_add_func ("/notification-banner/show-and-mark", test_banner);
  status = g_test_run ();

  g_clear_object (&database);
  for (const char *suffix = ""; suffix != NULL; suffix = *suffix ? NULL : "-wal")
    {
      g_autofree char *file = g_strconcat (path, suffix, NULL);
      g_unlink (file);
    }
  {
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (shm);
  }
  g_rmdir (folder);
  return status;
}
