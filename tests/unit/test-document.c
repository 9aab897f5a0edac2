// SPDX-License-Identifier: GPL-3.0-or-later
// The A4 document renderer: a table that breaks across pages repeats its header, every page
// is numbered, a chart is drawn whole into its own rectangle, the same pages come out of a
// PDF surface and a recording surface, a landscape document has turned pages, and a row
// that must stand out is tinted.

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "ca-document.h"

static const char *
pdftotext (void)
{
  const char *path = g_getenv ("CA_PDFTOTEXT");

  return path != NULL && *path != '\0' ? path : NULL;
}

/* The PDF's text, one string a page. */
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

  /* pdftotext ends every page with a form feed: the piece after the last is empty. */
  pages = g_strsplit (out, "\f", -1);
  n = g_strv_length (pages);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpstr (pages[n - 1], ==, "");
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

/* A recording surface as big as a page: stands in for a printer's context. */
static cairo_t *
create_recording_context (void)
{
  cairo_rectangle_t page = { 0, 0, CA_DOCUMENT_PAGE_WIDTH, CA_DOCUMENT_PAGE_HEIGHT };
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &page);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  return cr;
}

static void
save_pdf (CaDocument  *document,
          char       **dir,
          char       **path)
{
  g_autoptr(GError) error = NULL;
  struct stat info;

  *dir = g_dir_make_tmp ("test-document-XXXXXX", &error);
  g_assert_no_error (error);
  *path = g_build_filename (*dir, "document.pdf", NULL);
  g_assert_true (ca_document_save_pdf (document, *path, CA_OUTPUT_FILE_NEW_ONLY, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (*path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
}

static void
remove_pdf (char *dir,
            char *path)
{
  g_unlink (path);
  g_rmdir (dir);
  g_free (path);
  g_free (dir);
}

#define N_ROWS 150

static CaDocument *
make_long_table (void)
{
  static const double widths[] = { 0.2, 0.5, 0.3 };
  const char *titles[] = { "Number", "Description", "Owner" };
  CaDocument *document = ca_document_new ("A long table", NULL);

  ca_document_add_paragraph (document, CA_DOCUMENT_STYLE_TITLE, "A long table", 0.0);
  ca_document_add_heading (document, "Actions");
  ca_document_begin_table (document, 3, widths, titles, 6.0);
  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autofree char *number = g_strdup_printf ("row-%03u", i);
      g_autofree char *description = NULL;
      const char *cells[] = { number, NULL, i % 2 == 0 ? "Sam Okafor" : NULL };

      /* Some rows wrap over several lines, so rows differ in height. */
      description = i % 7 == 0
                    ? g_strdup_printf ("Action %u: a longer description that wraps over more "
                                       "than one line of its cell, to make this row taller "
                                       "than the others around it", i)
                    : g_strdup_printf ("Action %u", i);
      cells[1] = description;
      ca_document_add_row (document, cells);
    }
  ca_document_add_paragraph (document, CA_DOCUMENT_STYLE_BODY, "After the table.", 8.0);
  return document;
}

static void
test_table_header (void)
{
  g_autoptr(CaDocument) document = make_long_table ();
  g_auto(GStrv) pages = NULL;
  char *dir, *path;
  guint n_pages;

  save_pdf (document, &dir, &path);
  n_pages = ca_document_get_n_pages (document, NULL);
  g_assert_cmpuint (n_pages, >=, 3);

  if (pdftotext () == NULL)
    {
      remove_pdf (dir, path);
      g_test_skip ("pdftotext is not installed: the pages were not read back");
      return;
    }

  pages = pdf_pages (path);
  g_assert_cmpuint (g_strv_length (pages), ==, n_pages);
  for (guint p = 0; p < n_pages; p++)
    {
      const char *header = strstr (pages[p], "Number");
      const char *first_row = strstr (pages[p], "row-");

      /* The header once on each page, above the first row there. */
      g_assert_cmpuint (count (pages[p], "Number"), ==, 1);
      g_assert_nonnull (header);
      g_assert_nonnull (strstr (header, "Description"));
      g_assert_nonnull (strstr (header, "Owner"));
      g_assert_nonnull (first_row);
      g_assert_true (header < first_row);
    }

  /* Every row once, in order, none lost at a break. */
  for (guint i = 0, p = 0; i < N_ROWS; i++)
    {
      g_autofree char *number = g_strdup_printf ("row-%03u", i);
      guint seen = 0;

      for (guint q = 0; q < n_pages; q++)
        seen += count (pages[q], number);
      g_assert_cmpuint (seen, ==, 1);
      while (strstr (pages[p], number) == NULL)
        p++;
      g_assert_cmpuint (p, <, n_pages);
    }
  g_assert_nonnull (strstr (pages[n_pages - 1], "After the table."));

  remove_pdf (dir, path);
}

typedef struct
{
  guint calls;
  guint last_page;
  guint n_pages;
} FooterLog;

static char *
log_footer (guint    page,
            guint    n_pages,
            gpointer user_data)
{
  FooterLog *log = user_data;

  log->calls++;
  log->last_page = page;
  log->n_pages = n_pages;
  return g_strdup_printf ("Footer %u/%u", page + 1, n_pages);
}

static void
test_page_numbers (void)
{
  g_autoptr(CaDocument) numbered = make_long_table ();
  g_autoptr(CaDocument) custom = make_long_table ();
  FooterLog log = { 0 };
  cairo_t *cr;
  char *dir, *path;
  guint n_pages;

  /* Without a footer of its own a document says which page of how many. */
  save_pdf (numbered, &dir, &path);
  n_pages = ca_document_get_n_pages (numbered, NULL);
  if (pdftotext () != NULL)
    {
      g_auto(GStrv) pages = pdf_pages (path);

      g_assert_cmpuint (g_strv_length (pages), ==, n_pages);
      for (guint p = 0; p < n_pages; p++)
        {
          g_autofree char *footer = g_strdup_printf ("Page %u of %u", p + 1, n_pages);

          g_assert_nonnull (strstr (pages[p], footer));
        }
    }
  remove_pdf (dir, path);

  /* A footer function is asked for each page drawn, with the page and the count; pages
   * laid out against a recording surface are the PDF's pages. */
  ca_document_set_footer_func (custom, log_footer, &log, NULL);
  ca_document_set_page_header (custom, "Left", "Right");
  cr = create_recording_context ();
  g_assert_cmpuint (ca_document_get_n_pages (custom, cr), ==, n_pages);
  for (guint p = 0; p < n_pages; p++)
    {
      ca_document_draw_page (custom, cr, p);
      g_assert_cmpuint (log.calls, ==, p + 1);
      g_assert_cmpuint (log.last_page, ==, p);
      g_assert_cmpuint (log.n_pages, ==, n_pages);
    }
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
}

typedef struct
{
  guint  calls;
  double x, y, width, height;
  double clip_x1, clip_y1, clip_x2, clip_y2;
  guint  destroyed;
} ChartLog;

static void
draw_chart (cairo_t  *cr,
            double    x,
            double    y,
            double    width,
            double    height,
            gpointer  user_data)
{
  ChartLog *log = user_data;

  log->calls++;
  log->x = x;
  log->y = y;
  log->width = width;
  log->height = height;
  cairo_clip_extents (cr, &log->clip_x1, &log->clip_y1, &log->clip_x2, &log->clip_y2);
  /* Changes the source: the document must not see it afterwards. */
  cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
  cairo_rectangle (cr, x, y, width / 2, height);
  cairo_fill (cr);
}

static void
forget_chart (gpointer user_data)
{
  ChartLog *log = user_data;

  log->destroyed++;
}

static void
test_chart (void)
{
  CaDocument *document = ca_document_new ("A chart", NULL);
  ChartLog log = { 0 };
  cairo_t *cr;
  guint n_pages;

  /* Enough text to fill most of the first page, so the chart does not fit under it. */
  for (guint i = 0; i < 40; i++)
    ca_document_add_paragraph (document, CA_DOCUMENT_STYLE_BODY, "A line of text.", 5.0);
  ca_document_add_chart (document, 300.0, draw_chart, &log, forget_chart, 8.0);
  ca_document_add_paragraph (document, CA_DOCUMENT_STYLE_BODY, "Under the chart.", 8.0);

  cr = create_recording_context ();
  n_pages = ca_document_get_n_pages (document, cr);
  g_assert_cmpuint (n_pages, ==, 2);

  ca_document_draw_page (document, cr, 0);
  g_assert_cmpuint (log.calls, ==, 0);

  /* Whole, at the top of the next page, across the text width. */
  ca_document_draw_page (document, cr, 1);
  g_assert_cmpuint (log.calls, ==, 1);
  g_assert_cmpfloat_with_epsilon (log.x, 48.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (log.y, 60.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (log.width, CA_DOCUMENT_PAGE_WIDTH - 2 * 48.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (log.height, 300.0, 1e-9);
  /* Clipped to its rectangle. */
  g_assert_cmpfloat_with_epsilon (log.clip_x1, log.x, 1e-6);
  g_assert_cmpfloat_with_epsilon (log.clip_y1, log.y, 1e-6);
  g_assert_cmpfloat_with_epsilon (log.clip_x2, log.x + log.width, 1e-6);
  g_assert_cmpfloat_with_epsilon (log.clip_y2, log.y + log.height, 1e-6);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);

  g_assert_cmpuint (log.destroyed, ==, 0);
  g_assert_finalize_object (document);
  g_assert_cmpuint (log.destroyed, ==, 1);
}

/* A heading at the foot of a page goes over with what follows it. */
static void
test_keep_with_next (void)
{
  g_autoptr(CaDocument) document = ca_document_new (NULL, NULL);
  ChartLog log = { 0 };
  cairo_t *cr;

  /* A chart fills the page but for a heading's height; the text after the heading does not
   * fit, so both go over. */
  ca_document_add_chart (document, 676.0, draw_chart, &log, NULL, 0.0);
  ca_document_add_heading (document, "A heading");
  ca_document_add_paragraph (document, CA_DOCUMENT_STYLE_BODY,
                             "Its first paragraph, which must start on the heading's page.",
                             6.0);
  cr = create_recording_context ();
  g_assert_cmpuint (ca_document_get_n_pages (document, cr), ==, 2);
  cairo_destroy (cr);

  if (pdftotext () != NULL)
    {
      g_auto(GStrv) pages = NULL;
      char *dir, *path;

      save_pdf (document, &dir, &path);
      pages = pdf_pages (path);
      g_assert_null (strstr (pages[0], "A heading"));
      g_assert_nonnull (strstr (pages[1], "A heading"));
      g_assert_nonnull (strstr (pages[1], "Its first paragraph"));
      remove_pdf (dir, path);
    }
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A4 on its side: its pages are 842 by 595 points in the PDF and to the footer function,
 * its text is as wide as the turned page allows (so a long table takes fewer pages), and a
 * chart taller than the page is cut to it. */
static void
test_landscape (void)
{
  g_autoptr(CaDocument) portrait = make_long_table ();
  g_autoptr(CaDocument) landscape = make_long_table ();
  g_autoptr(CaDocument) small = make_long_table ();
  g_autoptr(CaDocument) chart = ca_document_new ("A tall chart", NULL);
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  ChartLog log = { 0 };
  double width, height;
  guint n_portrait, n_landscape;
  cairo_t *cr;
  char *dir, *path;

  g_assert_cmpint (ca_document_get_orientation (portrait), ==, CA_DOCUMENT_PORTRAIT);
  ca_document_get_page_size (portrait, &width, &height);
  g_assert_cmpfloat (width, ==, CA_DOCUMENT_PAGE_WIDTH);
  g_assert_cmpfloat (height, ==, CA_DOCUMENT_PAGE_HEIGHT);

  ca_document_set_orientation (landscape, CA_DOCUMENT_LANDSCAPE);
  g_assert_cmpint (ca_document_get_orientation (landscape), ==, CA_DOCUMENT_LANDSCAPE);
  ca_document_get_page_size (landscape, &width, &height);
  g_assert_cmpfloat (width, ==, CA_DOCUMENT_PAGE_HEIGHT);
  g_assert_cmpfloat (height, ==, CA_DOCUMENT_PAGE_WIDTH);

  g_assert_cmpint (ca_document_render_pdf (landscape, append_bytes, pdf), ==,
                   CAIRO_STATUS_SUCCESS);
  g_assert_nonnull (g_strstr_len ((const char *) pdf->data, pdf->len, "/MediaBox [ 0 0 842 595 ]"));
  cr = create_recording_context ();
  n_portrait = ca_document_get_n_pages (portrait, cr);
  cairo_destroy (cr);
  n_landscape = ca_document_get_n_pages (landscape, NULL);
  /* Shorter pages but wider rows: the rows that wrap take fewer lines, yet more pages. */
  g_assert_cmpuint (n_landscape, >, n_portrait);

  /* A smaller type fits more on a page. */
  ca_document_set_orientation (small, CA_DOCUMENT_LANDSCAPE);
  ca_document_set_font_size (small, 7.0);
  cr = create_recording_context ();
  g_assert_cmpuint (ca_document_get_n_pages (small, cr), <, n_landscape);
  cairo_destroy (cr);

  if (pdftotext () != NULL)
    {
      g_auto(GStrv) pages = NULL;

      save_pdf (landscape, &dir, &path);
      pages = pdf_pages (path);
      g_assert_cmpuint (g_strv_length (pages), ==, n_landscape);
      for (guint p = 0; p < n_landscape; p++)
        {
          g_autofree char *footer = g_strdup_printf ("Page %u of %u", p + 1, n_landscape);

          g_assert_cmpuint (count (pages[p], "Number"), ==, 1);
          g_assert_nonnull (strstr (pages[p], footer));
        }
      remove_pdf (dir, path);
    }

  ca_document_set_orientation (chart, CA_DOCUMENT_LANDSCAPE);
  ca_document_add_chart (chart, 700.0, draw_chart, &log, NULL, 0.0);
  cr = create_recording_context ();
  g_assert_cmpuint (ca_document_get_n_pages (chart, cr), ==, 1);
  ca_document_draw_page (chart, cr, 0);
  g_assert_cmpfloat_with_epsilon (log.width, CA_DOCUMENT_PAGE_HEIGHT - 2 * 48.0, 1e-9);
  g_assert_cmpfloat (log.y + log.height, <=, CA_DOCUMENT_PAGE_WIDTH - 60.0);
  cairo_destroy (cr);
}

/* How many pixels of page 0 of DOCUMENT, drawn at 72 dpi, have the tint of a row that
 * stands out (a pale red, unlike the grey of the header and the black of text). */
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

static CaDocument *
make_two_rows (gboolean shaded)
{
  static const double widths[] = { 0.5, 0.5 };
  const char *titles[] = { "Case", "Category" };
  const char *plain[] = { "CA-1", "Category 2" };
  const char *urgent[] = { "CA-2", "Category 1" };
  const CaDocumentStyle styles[] = { CA_DOCUMENT_STYLE_STRONG, CA_DOCUMENT_STYLE_STRONG };
  CaDocument *document = ca_document_new (NULL, NULL);

  ca_document_begin_table (document, 2, widths, titles, 0.0);
  ca_document_add_row_full (document, plain, NULL, FALSE);
  ca_document_add_row_full (document, urgent, styles, shaded);
  return document;
}

/* A row that must stand out is tinted across the table's width (499 points), a row's
 * height (some 20 points); no other is. */
static void
test_shaded_row (void)
{
  g_autoptr(CaDocument) shaded = make_two_rows (TRUE);
  g_autoptr(CaDocument) plain = make_two_rows (FALSE);
  guint tinted = count_tinted (shaded);

  g_assert_cmpuint (tinted, >, 499 * 14);
  g_assert_cmpuint (tinted, <, 499 * 30);
  g_assert_cmpuint (count_tinted (plain), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/table-header", test_table_header);
  g_test_add_func ("/document/page-numbers", test_page_numbers);
  g_test_add_func ("/document/chart", test_chart);
  g_test_add_func ("/document/keep-with-next", test_keep_with_next);
  g_test_add_func ("/document/landscape", test_landscape);
  g_test_add_func ("/document/shaded-row", test_shaded_row);

  return g_test_run ();
}
