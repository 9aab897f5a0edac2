// SPDX-License-Identifier: GPL-3.0-or-later
// The CSV reader: RFC 4180 quoting, line endings, BOM, line numbers, and each fault named.

#include "config.h"

#include <string.h>

#include "ca-csv-reader.h"

static CaCsvReader *
reader_for (const char *text,
            gssize      length)
{
  g_autoptr(GInputStream) stream = NULL;

  if (length < 0)
    length = (gssize) strlen (text);
  stream = g_memory_input_stream_new_from_data (g_memdup2 (text, (gsize) length), length,
                                                g_free);
  return ca_csv_reader_new (stream);
}

/* Every record joined with | between fields and / between records, with its line. */
static char *
read_all (const char  *text,
          gssize       length,
          GError     **error)
{
  g_autoptr(CaCsvReader) reader = reader_for (text, length);
  g_autoptr(GString) out = g_string_new (NULL);

  for (;;)
    {
      GError *local_error = NULL;
      g_auto(GStrv) record = ca_csv_reader_read_record (reader, NULL, &local_error);
      g_autofree char *joined = NULL;

      if (record == NULL)
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return NULL;
            }
          break;
        }
      joined = g_strjoinv ("|", record);
      g_string_append_printf (out, "%s%u:%s", out->len > 0 ? "/" : "",
                              ca_csv_reader_get_line (reader), joined);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
check_reads (const char *text,
             const char *want)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = read_all (text, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, want);
}

static void
check_fails (const char *text,
             gssize      length,
             CaCsvError  code,
             const char *in_message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = read_all (text, length, &error);

  g_assert_null (got);
  g_assert_error (error, CA_CSV_ERROR, (int) code);
  if (strstr (error->message, in_message) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, in_message);
}

static void
test_plain (void)
{
  check_reads ("a,b,c\n1,2,3\n", "1:a|b|c/2:1|2|3");
  check_reads ("a,b,c\r\n1,2,3\r\n", "1:a|b|c/2:1|2|3");
  check_reads ("a,b,c\r\n1,2,3", "1:a|b|c/2:1|2|3");       /* no final line end */
  check_reads ("a,,c\n,,\n", "1:a||c/2:||");              /* empty fields */
  check_reads ("a\n\n\nb\n", "1:a/4:b");                  /* blank lines skipped, counted */
  check_reads ("x,y\rz,w\r", "1:x|y/2:z|w");              /* old Mac line ends */
}

static void
test_quoted (void)
{
  check_reads ("\"a,b\",c\n", "1:a,b|c");
  check_reads ("\"say \"\"hello\"\"\",x\n", "1:say \"hello\"|x");
  check_reads ("\"\",x\n", "1:|x");
  /* An embedded line end is part of the value, and the next record's line counts it. */
  check_reads ("id,note\n1,\"two\nlines\"\n2,end\n", "1:id|note/2:1|two\nlines/4:2|end");
  check_reads ("1,\"crlf\r\ninside\"\r\n2,x\r\n", "1:1|crlf\r\ninside/3:2|x");
  check_reads ("\"Café, Ōsaka\",ü\n", "1:Café, Ōsaka|ü");
}

static void
test_bom (void)
{
  check_reads ("\xef\xbb\xbfteam,locality\nA,B\n", "1:team|locality/2:A|B");
  check_fails ("\xef\xbb\xbf", -1, CA_CSV_ERROR_EMPTY, "empty");
}

static void
test_empty (void)
{
  check_fails ("", 0, CA_CSV_ERROR_EMPTY, "empty");
  check_fails ("\n\r\n\n", -1, CA_CSV_ERROR_EMPTY, "empty");
}

static void
test_unbalanced (void)
{
  check_fails ("a,b\n1,\"open\n2,3\n4,5\n", -1, CA_CSV_ERROR_UNBALANCED_QUOTE, "Line 2");
  check_fails ("a,b\n1,x\"y\n", -1, CA_CSV_ERROR_STRAY_QUOTE, "Line 2");
  check_fails ("a,b\n\n1,\"x\"y\n", -1, CA_CSV_ERROR_STRAY_QUOTE, "Line 3");
}

static void
test_invalid_utf8 (void)
{
  check_fails ("a,b\n1,2\n3,caf\xe9\n", -1, CA_CSV_ERROR_INVALID_UTF8, "Line 3");
  /* Inside a value that spans lines: the line of the bad byte itself. */
  check_fails ("a,b\n1,\"x\ny\n\xff\"\n", -1, CA_CSV_ERROR_INVALID_UTF8, "Line 4");
  check_fails ("a,b\n1,x\0y\n", 11, CA_CSV_ERROR_INVALID_UTF8, "Line 2");
}

static void
test_size_limit (void)
{
  g_autoptr(CaCsvReader) reader = reader_for ("a,b\n1,2\n3,4\n", -1);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) first = NULL;
  g_auto(GStrv) second = NULL;

  ca_csv_reader_set_max_size (reader, 6);
  first = ca_csv_reader_read_record (reader, NULL, &error);
  g_assert_no_error (error);
  second = ca_csv_reader_read_record (reader, NULL, &error);
  g_assert_null (second);
  g_assert_error (error, CA_CSV_ERROR, CA_CSV_ERROR_TOO_LARGE);
}

/* Over text in memory: the same records, and the size known for progress. */
static void
test_bytes (void)
{
  static const char text[] = "a,b\n\"1\n1\",2\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(CaCsvReader) reader = ca_csv_reader_new_for_bytes (bytes);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) header = NULL;
  g_auto(GStrv) row = NULL;
  g_auto(GStrv) end = NULL;

  g_assert_cmpint (ca_csv_reader_get_size (reader), ==, sizeof text - 1);
  header = ca_csv_reader_read_record (reader, NULL, &error);
  row = ca_csv_reader_read_record (reader, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (row[0], ==, "1\n1");
  g_assert_cmpuint (ca_csv_reader_get_line (reader), ==, 2);
  end = ca_csv_reader_read_record (reader, NULL, &error);
  g_assert_null (end);
  g_assert_no_error (error);
  g_assert_cmpint (ca_csv_reader_get_position (reader), ==, sizeof text - 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv-reader/plain", test_plain);
  g_test_add_func ("/csv-reader/quoted", test_quoted);
  g_test_add_func ("/csv-reader/bom", test_bom);
  g_test_add_func ("/csv-reader/empty", test_empty);
  g_test_add_func ("/csv-reader/unbalanced", test_unbalanced);
  g_test_add_func ("/csv-reader/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/csv-reader/size-limit", test_size_limit);
  g_test_add_func ("/csv-reader/bytes", test_bytes);
  return g_test_run ();
}
