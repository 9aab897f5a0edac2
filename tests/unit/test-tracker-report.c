// SPDX-License-Identifier: GPL-3.0-or-later
// The tracker as a PDF for the Head of Service's meeting (R-I2): A4 landscape, readable by
// its owner alone, a title with their name and the day, what the rows are, every row once
// with the header on every page, each column said in words, the footer with page numbers,
// and a Category 1 row standing out (bold, tinted).

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ca-tracker-report.h"

static const char *
pdftotext (void)
{
  const char *path = g_getenv ("CA_PDFTOTEXT");

  return path != NULL && *path != '\0' ? path : NULL;
}

/* The PDF's text, one string a page, each line's words as they are laid out. */
static GStrv
pdf_pages (const char *pdf)
{
  const char *argv[] = { pdftotext (), "-enc", "UTF-8", "-layout", pdf, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  GStrv pages;
  guint n;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  pages = g_strsplit (out, "\f", -1);
  n = g_strv_length (pages);
  g_assert_cmpuint (n, >, 1);
  g_free (pages[n - 1]);
  pages[n - 1] = NULL;
  return pages;
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (haystack, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

/* The line of PAGE that holds NEEDLE, or NULL. */
static char *
line_with (const char *page,
           const char *needle)
{
  const char *at = strstr (page, needle);
  const char *start, *end;

  if (at == NULL)
    return NULL;
  for (start = at; start > page && start[-1] != '\n'; start--)
    ;
  end = strchr (at, '\n');
  return g_strndup (start, end != NULL ? end - start : (gssize) strlen (start));
}

static CaTrackerRow *
row_new (guint i)
{
  CaTrackerRow *row = g_new0 (CaTrackerRow, 1);

  row->audit_id = i + 1;
  row->case_ref = g_strdup_printf ("CA-%06u", 100 + i);
  row->month = g_strdup ("2026-10");
  row->service_area = g_strdup ("Early Help");
  row->team = g_strdup ("Early Help North");
  row->worker = i % 5 == 4 ? NULL : g_strdup ("Zoe Walker");
  row->overall_grade = CA_GRADE_INADEQUATE;
  row->category = 2;
  row->deadline = g_strdup ("2026-11-20T23:59:59Z");
  row->response = g_strdup (i % 3 == 0 ? "given" : i % 3 == 1 ? "waiting" : "none");
  row->actions_total = 6;
  row->actions_done = 3;
  row->actions_overdue = 2;
  row->moderation_grade = CA_GRADE_NONE;
  return row;
}

/* Forty rows: the first Category 1 (checked, escalated, moderated), the second signed off,
 * the third past its deadline and not checked. */
static GPtrArray *
make_rows (void)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ca_tracker_row_free);
  CaTrackerRow *row;

  for (guint i = 0; i < 40; i++)
    g_ptr_array_add (rows, row_new (i));

  row = rows->pdata[0];
  row->category = 1;
  g_free (row->deadline);
  row->deadline = g_strdup ("2026-10-07T13:00:00Z");
  row->checked_at = g_strdup ("2026-10-09T10:00:00Z");
  row->escalated_to = g_strdup ("S001");
  row->escalated_name = g_strdup ("Hannah Price");
  row->escalated_at = g_strdup ("2026-10-08T08:00:00Z");
  row->moderation_grade = CA_GRADE_REQUIRES_IMPROVEMENT;

  row = rows->pdata[1];
  row->checked_at = g_strdup ("2026-11-02T10:00:00Z");
  row->signed_off_on = g_strdup ("2026-11-20");

  row = rows->pdata[2];
  g_free (row->deadline);
  row->deadline = g_strdup ("2026-11-01T23:59:59Z");
  return rows;
}

static CaTrackerQuery *
make_query (void)
{
  g_autoptr(GDate) on = g_date_new_dmy (3, G_DATE_DECEMBER, 2026);
  CaTrackerQuery *query = ca_tracker_query_new ("S001", on, FALSE);

  query->service_area = g_strdup ("Early Help");
  query->from_month = g_strdup ("2026-01");
  query->to_month = g_strdup ("2026-12");
  return query;
}

static GDateTime *
make_now (void)
{
  return g_date_time_new_from_iso8601 ("2026-12-03T10:00:00Z", NULL);
}

static void
test_pdf (void)
{
  g_autoptr(GPtrArray) rows = make_rows ();
  g_autoptr(CaTrackerQuery) query = make_query ();
  g_autoptr(GDateTime) now = make_now ();
  g_autoptr(CaDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) pages = NULL;
  g_autofree char *line = NULL;
  double width, height;
  struct stat info;
  guint n_pages;

  document = ca_tracker_report_new (rows, query, "Hannah Price", now);
  g_assert_cmpint (ca_document_get_orientation (document), ==, CA_DOCUMENT_LANDSCAPE);
  ca_document_get_page_size (document, &width, &height);
  g_assert_cmpfloat (width, >, height);
  g_assert_cmpstr (ca_document_get_title (document), ==, "Head of Service Tracker: Hannah Price");

  dir = g_dir_make_tmp ("test-tracker-report-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "tracker.pdf", NULL);
  g_assert_true (ca_document_save_pdf (document, path, CA_OUTPUT_FILE_NEW_ONLY, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  n_pages = ca_document_get_n_pages (document, NULL);
  /* Forty rows do not fit on one landscape page. */
  g_assert_cmpuint (n_pages, >=, 2);

  if (pdftotext () == NULL)
    {
      g_unlink (path);
      g_rmdir (dir);
      g_test_skip ("pdftotext is not installed: the pages were not read back");
      return;
    }
  pages = pdf_pages (path);
  g_assert_cmpuint (g_strv_length (pages), ==, n_pages);

  /* The title, the day, what the rows are, and how many. */
  g_assert_nonnull (strstr (pages[0], "Head of Service Tracker: Hannah Price"));
  g_assert_nonnull (strstr (pages[0], "3 December 2026"));
  g_assert_nonnull (strstr (pages[0], "Inadequate audits, open and signed off, of Early Help, "
                                      "submitted from January 2026 to December 2026."));
  g_assert_nonnull (strstr (pages[0], "40 audits: 39 still open, 1 escalated, 1 Category 1."));

  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *footer = g_strdup_printf ("Case Audit — Tracker, Hannah Price, "
                                                 "3 December 2026 — page %u of %u",
                                                 p + 1, n_pages);
      const char *header = strstr (pages[p], "Case ");

      /* The marking, the header above the rows and the footer, on every page. */
      g_assert_nonnull (strstr (pages[p], "OFFICIAL – SENSITIVE"));
      g_assert_nonnull (header);
      g_assert_true (header < strstr (pages[p], "CA-"));
      for (const char * const *title = (const char * const[]) {
             "Team", "Worker", "Category", "Deadline", "Recommendations", "Manager’s",
             "Actions", "Moderation", "Escalated to", "Signed off", NULL };
           *title != NULL; title++)
        g_assert_nonnull (strstr (header, *title));
      g_assert_nonnull (strstr (pages[p], footer));
    }

  /* Every row once. */
  for (guint i = 0; i < rows->len; i++)
    {
      const char *case_ref = ((CaTrackerRow *) rows->pdata[i])->case_ref;
      guint seen = 0;

      for (guint p = 0; p < n_pages; p++)
        seen += count (pages[p], case_ref);
      g_assert_cmpuint (seen, ==, 1);
    }

  /* Each column in words: Category 1's deadline to the minute in England (BST), checked,
   * moderated, escalated; a row signed off; one overdue; one with no worker. */
  line = line_with (pages[0], "CA-000100");
  g_assert_nonnull (strstr (line, "Category 1"));
  g_assert_nonnull (strstr (line, "7 Oct 2026,"));
  g_assert_nonnull (strstr (line, "9 Oct 2026"));
  g_assert_nonnull (strstr (line, "Given"));
  /* Done / overdue / total: pdftotext may close up the spaces of a narrow cell. */
  g_assert_true (strstr (line, "3 / 2 / 6") != NULL || strstr (line, "3/2/6") != NULL);
  g_assert_nonnull (strstr (line, "Requires"));
  g_assert_nonnull (strstr (line, "Hannah Price"));
  g_clear_pointer (&line, g_free);
  g_assert_nonnull (strstr (pages[0], "14:00"));
  line = line_with (pages[0], "CA-000101");
  g_assert_nonnull (strstr (line, "Category 2"));
  g_assert_nonnull (strstr (line, "20 Nov 2026"));
  g_assert_nonnull (strstr (line, "2 Nov 2026"));
  g_assert_nonnull (strstr (line, "Waiting"));
  g_assert_nonnull (strstr (line, "Not moderated"));
  g_clear_pointer (&line, g_free);
  line = line_with (pages[0], "CA-000102");
  g_assert_nonnull (strstr (line, "1 Nov 2026"));
  g_assert_nonnull (strstr (line, "Overdue"));
  g_assert_nonnull (strstr (line, "None"));   /* asked for, on the next line */
  g_assert_nonnull (strstr (line, "Not yet"));
  g_clear_pointer (&line, g_free);
  line = line_with (pages[0], "CA-000104");
  g_assert_nonnull (strstr (line, "None allocated"));

  g_unlink (path);
  g_rmdir (dir);
}

/* How many pixels of page 0 have the tint of a row that stands out. */
static guint
count_tinted (CaDocument *document)
{
  double width, height;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n = 0;

  ca_document_get_page_size (document, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  ca_document_draw_page (document, cr, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  for (int y = 0; y < (int) height; y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface)
                                              + y * cairo_image_surface_get_stride (surface));

      for (int x = 0; x < (int) width; x++)
        {
          guint r = (row[x] >> 16) & 0xff, g = (row[x] >> 8) & 0xff, b = row[x] & 0xff;

          n += r > 240 && g > 200 && g < 240 && b > 195 && b < 235;
        }
    }
  cairo_surface_destroy (surface);
  return n;
}

/* Category 1 stands out on paper too: its row is tinted, the others are not. */
static void
test_category_1_stands_out (void)
{
  g_autoptr(GPtrArray) rows = make_rows ();
  g_autoptr(CaTrackerQuery) query = make_query ();
  g_autoptr(GDateTime) now = make_now ();
  g_autoptr(CaDocument) with = ca_tracker_report_new (rows, query, "Hannah Price", now);
  g_autoptr(CaDocument) without = NULL;

  g_assert_cmpuint (count_tinted (with), >, 700 * 10);
  ((CaTrackerRow *) rows->pdata[0])->category = 2;
  without = ca_tracker_report_new (rows, query, "Hannah Price", now);
  g_assert_cmpuint (count_tinted (without), ==, 0);
}

/* No rows: the title and what was asked for, and a sentence for the empty table; every
 * service area when no Head of Service is named. */
static void
test_empty (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GDate) on = g_date_new_dmy (3, G_DATE_DECEMBER, 2026);
  g_autoptr(CaTrackerQuery) query = ca_tracker_query_new (NULL, on, TRUE);
  g_autoptr(GDateTime) now = make_now ();
  g_autoptr(CaDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) pages = NULL;

  query->status = CA_TRACKER_STATUS_OPEN;
  document = ca_tracker_report_new (rows, query, NULL, now);
  g_assert_cmpstr (ca_document_get_title (document), ==,
                   "Head of Service Tracker: Every Service Area");
  if (pdftotext () == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  dir = g_dir_make_tmp ("test-tracker-report-XXXXXX", &error);
  path = g_build_filename (dir, "empty.pdf", NULL);
  g_assert_true (ca_document_save_pdf (document, path, CA_OUTPUT_FILE_NEW_ONLY, &error));
  pages = pdf_pages (path);
  g_assert_cmpuint (g_strv_length (pages), ==, 1);
  g_assert_nonnull (strstr (pages[0], "Category 1–3 audits, open, of every service area, "
                                      "submitted at any time."));
  g_assert_nonnull (strstr (pages[0], "No audit matches: nothing to follow."));
  g_assert_nonnull (strstr (pages[0], "Case Audit — Tracker, 3 December 2026 — page 1 of 1"));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tracker-report/pdf", test_pdf);
  g_test_add_func ("/tracker-report/category-1-stands-out", test_category_1_stands_out);
  g_test_add_func ("/tracker-report/empty", test_empty);

  return g_test_run ();
}
