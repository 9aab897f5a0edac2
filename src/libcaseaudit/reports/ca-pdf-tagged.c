// SPDX-License-Identifier: GPL-3.0-or-later
// Marks a PDF that carries cairo's structure tags as a tagged PDF.
//
// cairo 1.16 (Debian 12) writes the structure tree of the tags a document draws with
// (StructTreeRoot: headings, paragraphs, tables) but not the catalog's
// "/MarkInfo << /Marked true >>" that tells a reader the file is tagged, so screen readers
// and `pdfinfo` take the file as untagged. This appends an incremental update (PDF 1.7,
// §7.5.6) that gives the catalog that entry: the bytes cairo wrote stay as they were.

#define G_LOG_DOMAIN "ca-pdf-tagged"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ca-pdf-tagged.h"

/* The last occurrence of NEEDLE in the LENGTH bytes at HAYSTACK, or NULL. */
static const char *
find_last (const char *haystack,
           gsize       length,
           const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = length >= n ? length - n + 1 : 0; i-- > 0;)
    if (memcmp (haystack + i, needle, n) == 0)
      return haystack + i;
  return NULL;
}

/* The number after KEY ("/Root", "/Size") in the trailer dictionary TRAILER, and for an
 * indirect reference its generation. */
static gboolean
read_key (const char *trailer,
          const char *key,
          guint64    *number,
          guint64    *generation)
{
  const char *at = strstr (trailer, key);
  char *end;

  if (at == NULL)
    return FALSE;
  *number = g_ascii_strtoull (at + strlen (key), &end, 10);
  if (end == at + strlen (key))
    return FALSE;
  if (generation != NULL)
    *generation = g_ascii_strtoull (end, NULL, 10);
  return TRUE;
}

/**
 * ca_pdf_mark_tagged:
 * @pdf: a whole PDF file as cairo writes it
 *
 * Returns: (transfer full): @pdf with an update that marks it tagged, or @pdf itself when it
 *   has no structure tree, is marked already, or is not laid out as cairo lays a file out
 */
GBytes *
ca_pdf_mark_tagged (GBytes *pdf)
{
  gsize length;
  const char *data = g_bytes_get_data (pdf, &length);
  const char *trailer_at, *startxref_at, *object_at, *dict_end;
  g_autofree char *trailer = NULL;
  g_autofree char *object_head = NULL;
  g_autofree char *catalog = NULL;
  guint64 root, root_generation, size, info = 0, info_generation = 0, previous;
  GString *update;
  gsize object_offset, xref_offset;

  g_return_val_if_fail (pdf != NULL, NULL);

  trailer_at = find_last (data, length, "trailer");
  startxref_at = find_last (data, length, "startxref");
  if (trailer_at == NULL || startxref_at == NULL || startxref_at < trailer_at ||
      find_last (data, length, "/StructTreeRoot") == NULL ||
      find_last (data, length, "/MarkInfo") != NULL)
    return g_bytes_ref (pdf);

  trailer = g_strndup (trailer_at, startxref_at - trailer_at);
  previous = g_ascii_strtoull (startxref_at + strlen ("startxref"), NULL, 10);
  if (!read_key (trailer, "/Root", &root, &root_generation) ||
      !read_key (trailer, "/Size", &size, NULL) || previous == 0)
    return g_bytes_ref (pdf);
  read_key (trailer, "/Info", &info, &info_generation);

  /* The catalog's dictionary, as cairo wrote it: "N G obj\n<< … >>\nendobj". */
  object_head = g_strdup_printf ("\n%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " obj",
                                 root, root_generation);
  object_at = find_last (data, trailer_at - data, object_head);
  if (object_at == NULL)
    return g_bytes_ref (pdf);
  object_at += strlen (object_head);
  dict_end = find_last (object_at, trailer_at - object_at, "endobj");
  if (dict_end == NULL)
    return g_bytes_ref (pdf);
  catalog = g_strstrip (g_strndup (object_at, dict_end - object_at));
  if (!g_str_has_prefix (catalog, "<<") || !g_str_has_suffix (catalog, ">>"))
    return g_bytes_ref (pdf);
  catalog[strlen (catalog) - 2] = '\0';

  update = g_string_new_len (data, length);
  if (update->str[update->len - 1] != '\n')
    g_string_append_c (update, '\n');
  object_offset = update->len;
  g_string_append_printf (update, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " obj\n"
                          "%s   /MarkInfo << /Marked true >>\n>>\nendobj\n",
                          root, root_generation, catalog);
  xref_offset = update->len;
  g_string_append_printf (update, "xref\n%" G_GUINT64_FORMAT " 1\n%010" G_GSIZE_FORMAT
                          " %05" G_GUINT64_FORMAT " n \n",
                          root, object_offset, root_generation);
  g_string_append_printf (update, "trailer\n<< /Size %" G_GUINT64_FORMAT "\n   /Root %"
                          G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " R\n",
                          size, root, root_generation);
  if (info != 0)
    g_string_append_printf (update, "   /Info %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " R\n",
                            info, info_generation);
  g_string_append_printf (update, "   /Prev %" G_GUINT64_FORMAT "\n>>\nstartxref\n%"
                          G_GSIZE_FORMAT "\n%%%%EOF\n", previous, xref_offset);
  return g_string_free_to_bytes (update);
}
