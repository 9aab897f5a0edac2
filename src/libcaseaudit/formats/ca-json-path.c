// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the readers and writers of Case Audit's JSON files: paths to an element and errors
// that name them, and the pieces every writer needs.

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-json-path.h"
#include "ca-json-scan.h"

char *
ca_json_member_path (const char *path,
                     const char *name)
{
  if (path == NULL || *path == '\0')
    return g_strdup (name);
  return g_strconcat (path, ".", name, NULL);
}

/* Every complaint about a file's content has the same shape: the path of the bad element,
 * then what is wrong with it, e.g. sections[2].questions[4].type: unknown answer type "maybe". */
void
ca_json_set_error_at (GError     **error,
                      GQuark       domain,
                      int          code,
                      const char  *path,
                      const char  *format,
                      ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  /* TRANSLATORS: the path of a part of a file (an audit tool, a programme), then what is
   * wrong with it. */
  g_set_error (error, domain, code, _("%s: %s"), path, problem);
}

/* json-glib says "<data>:LINE:COLUMN: Parse error: DETAIL"; say where in words one can
 * follow in an editor, and keep json-glib's detail. ca_json_load()'s own refusals already
 * say where. */
void
ca_json_set_parse_error (GError       **error,
                         GQuark         domain,
                         int            code,
                         const GError  *parse_error)
{
  const char *message = parse_error->message;
  const char *prefix = "<data>:";

  if (parse_error->domain == CA_JSON_ERROR)
    {
      g_set_error_literal (error, domain, code, message);
      return;
    }

  if (g_str_has_prefix (message, prefix))
    {
      const char *p = message + strlen (prefix);
      char *end = NULL;
      guint64 line, column;

      line = g_ascii_strtoull (p, &end, 10);
      if (end != p && *end == ':')
        {
          p = end + 1;
          column = g_ascii_strtoull (p, &end, 10);
          if (end != p && g_str_has_prefix (end, ": "))
            {
              const char *detail = end + 2;

              if (g_str_has_prefix (detail, "Parse error: "))
                detail += strlen ("Parse error: ");
              g_set_error (error, domain, code,
                           _("line %" G_GUINT64_FORMAT ", column %" G_GUINT64_FORMAT
                             ": not valid JSON (%s)"), line, column, detail);
              return;
            }
        }
    }

  g_set_error (error, domain, code, _("not valid JSON (%s)"), message);
}

/* NODE's object, or NULL with ERROR saying at PATH what it should be (COMPLAINT): the one
 * check every reader makes before it reads an element's members. */
JsonObject *
ca_json_get_object (JsonNode     *node,
                    const char   *path,
                    GQuark        domain,
                    int           code,
                    const char   *complaint,
                    GError      **error)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);
  ca_json_set_error_at (error, domain, code, path, "%s", complaint);
  return NULL;
}

gboolean
ca_json_holds_type (JsonNode *node,
                    GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* A misspelt member would otherwise be silently ignored: refuse anything not KNOWN, naming
 * it and saying COMPLAINT. */
gboolean
ca_json_check_members (JsonObject          *object,
                       const char          *path,
                       const char * const  *known,
                       GQuark               domain,
                       int                  code,
                       const char          *complaint,
                       GError             **error)
{
  g_autoptr(GList) names = json_object_get_members (object);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_autofree char *where = ca_json_member_path (path, l->data);

        ca_json_set_error_at (error, domain, code, where, "%s", complaint);
        return FALSE;
      }
  return TRUE;
}

/* A member of the object being built: its name, then a whole number. */
void
ca_json_add_int_member (JsonBuilder *builder,
                        const char  *name,
                        gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* NAME: VALUE, or null when VALUE is NULL. */
void
ca_json_add_string_member (JsonBuilder *builder,
                           const char  *name,
                           const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* What BUILDER built, as text: PRETTY with two spaces an indent, or all on one line. */
char *
ca_json_to_text (JsonBuilder *builder,
                 gboolean     pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;
  GString *shorter;
  gboolean in_string = FALSE;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);

  /* json-glib writes a fraction with 17 digits, 0.8045 as 0.80449999999999999; written
   * with 15 it reads back as the same double for every value with 15 digits or fewer,
   * which is all Case Audit writes. Whole numbers and text pass through unchanged. */
  shorter = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    {
      if (in_string)
        {
          g_string_append_c (shorter, *p);
          if (*p == '\\' && p[1] != '\0')
            g_string_append_c (shorter, *++p);
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        {
          in_string = TRUE;
          g_string_append_c (shorter, *p);
        }
      else if (*p == '-' || g_ascii_isdigit (*p))
        {
          const char *end = p;
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          while (*end == '-' || *end == '+' || *end == '.' || *end == 'e' || *end == 'E' ||
                 g_ascii_isdigit (*end))
            end++;
          if (memchr (p, '.', end - p) != NULL || memchr (p, 'e', end - p) != NULL)
            {
              g_ascii_formatd (number, sizeof number, "%.15g", g_ascii_strtod (p, NULL));
              g_string_append (shorter, number);
              /* Still a fraction to a reader: 1.0, not 1. */
              if (strpbrk (number, ".en") == NULL)
                g_string_append (shorter, ".0");
            }
          else
            g_string_append_len (shorter, p, end - p);
          p = end - 1;
        }
      else
        g_string_append_c (shorter, *p);
    }
  return g_string_free (shorter, FALSE);
}
