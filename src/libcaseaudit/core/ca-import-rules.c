// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "ca-import-rules"

#include "config.h"

#include <string.h>

#include "ca-import-rules.h"

typedef struct
{
  const char *code;
  const char *name;
} CodeName;

/* The DfE ethnicity categories used by Annex A, the CIN census and SSDA903. */
static const CodeName ethnicities[] = {
  { "WBRI", "White British" },
  { "WIRI", "White Irish" },
  { "WIRT", "Traveller of Irish heritage" },
  { "WOTH", "Any other White background" },
  { "WROM", "Gypsy/Roma" },
  { "MWBC", "White and Black Caribbean" },
  { "MWBA", "White and Black African" },
  { "MWAS", "White and Asian" },
  { "MOTH", "Any other Mixed background" },
  { "AIND", "Indian" },
  { "APKN", "Pakistani" },
  { "ABAN", "Bangladeshi" },
  { "AOTH", "Any other Asian background" },
  { "BCRB", "Caribbean" },
  { "BAFR", "African" },
  { "BOTH", "Any other Black background" },
  { "CHNE", "Chinese" },
  { "OOTH", "Any other ethnic group" },
  { "REFU", "Refused" },
  { "NOBT", "Information not yet obtained" },
};

/* Our codes, their names, and the Annex A List 6 "Case Status" values. */
static const CodeName legal_statuses[] = {
  { "early-help", "Early Help" },
  { "child-in-need", "Child in Need" },
  { "child-protection", "Child Protection" },
  { "looked-after", "Looked After" },
  { "care-leaver", "Care Leaver" },
  { "send", "SEND" },
  { "other", "Other" },
  { "looked-after", "Looked after child" },
  { "looked-after", "CLA" },
  { "looked-after", "LAC" },
  { "child-protection", "Child Protection plan" },
  { "child-protection", "CP" },
  { "child-protection", "CPP" },
  { "child-in-need", "Child in need plan" },
  { "child-in-need", "CIN" },
  { "child-in-need", "Open assessment" },
  { "child-in-need", "Closed episode" },
};

static const CodeName genders[] = {
  { "male", "m" },
  { "male", "1" },
  { "male", "boy" },
  { "female", "f" },
  { "female", "2" },
  { "female", "girl" },
  { "other", "other" },
  { "unknown", "u" },
  { "unknown", "0" },
  { "unknown", "9" },
  { "unknown", "not known" },
  { "unknown", "not stated" },
  { "unknown", "indeterminate" },
  { "unknown", "unknown/indeterminate" },
  { "unknown", "" },
};

static const CodeName grades[] = {
  { "outstanding", "Outstanding" },
  { "good", "Good" },
  { "requires-improvement", "Requires Improvement" },
  { "requires-improvement", "Requires improvement to be good" },
  { "requires-improvement", "RI" },
  { "inadequate", "Inadequate" },
};

static gboolean
parse_number (const char *text,
              gsize       length,
              guint      *value)
{
  guint n = 0;

  if (length == 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      n = n * 10 + (guint) (text[i] - '0');
    }
  *value = n;
  return TRUE;
}

static gboolean
split_date (const char *text,
            guint      *year,
            guint      *month,
            guint      *day)
{
  g_auto(GStrv) parts = NULL;

  if (strchr (text, '-') != NULL)
    {
      parts = g_strsplit (text, "-", -1);
      return g_strv_length (parts) == 3 &&
             strlen (parts[0]) == 4 && strlen (parts[1]) == 2 && strlen (parts[2]) == 2 &&
             parse_number (parts[0], 4, year) &&
             parse_number (parts[1], 2, month) &&
             parse_number (parts[2], 2, day);
    }

  /* DD/MM/YYYY, as in Annex A and SSDA903 (day first, as in England). */
  parts = g_strsplit (text, "/", -1);
  return g_strv_length (parts) == 3 &&
         strlen (parts[0]) >= 1 && strlen (parts[0]) <= 2 &&
         strlen (parts[1]) >= 1 && strlen (parts[1]) <= 2 &&
         strlen (parts[2]) == 4 &&
         parse_number (parts[0], strlen (parts[0]), day) &&
         parse_number (parts[1], strlen (parts[1]), month) &&
         parse_number (parts[2], 4, year);
}

/**
 * ca_import_parse_date:
 * @text: YYYY-MM-DD or DD/MM/YYYY, surrounding spaces ignored
 *
 * Returns: (transfer full) (nullable): the date as YYYY-MM-DD, or %NULL when @text is not a
 * date that exists (2021-02-30 is refused, 2020-02-29 accepted).
 */
char *
ca_import_parse_date (const char *text)
{
  g_autofree char *trimmed = NULL;
  guint year = 0, month = 0, day = 0;

  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  if (!split_date (trimmed, &year, &month, &day))
    return NULL;
  if (year < 1900 || year > 2200 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month,
                                                       (GDateYear) year))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
}

/**
 * ca_import_parse_month:
 * @text: YYYY-MM, or a whole date of which only the month is kept (data minimisation)
 *
 * Returns: (transfer full) (nullable): YYYY-MM, or %NULL when @text is no month.
 */
char *
ca_import_parse_month (const char *text)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *date = NULL;
  guint year = 0, month = 0;

  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  if (strlen (trimmed) == 7 && trimmed[4] == '-' &&
      parse_number (trimmed, 4, &year) && parse_number (trimmed + 5, 2, &month))
    {
      if (year < 1900 || year > 2200 || month < 1 || month > 12)
        return NULL;
      return g_strdup_printf ("%04u-%02u", year, month);
    }

  date = ca_import_parse_date (trimmed);
  if (date == NULL)
    return NULL;
  date[7] = '\0';
  return g_steal_pointer (&date);
}

/**
 * ca_import_parse_flag:
 *
 * Reads 1/0, yes/no, y/n, true/false (any case, with an Annex A "a) " prefix or not); an
 * empty cell is no. Returns: %FALSE when @text is none of these.
 */
gboolean
ca_import_parse_flag (const char *text,
                      gboolean   *value)
{
  static const char * const yes[] = { "1", "yes", "y", "true", NULL };
  static const char * const no[] = { "0", "no", "n", "false", "", NULL };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  lower = g_strstrip (g_ascii_strdown (ca_import_strip_prefix (text), -1));
  if (g_strv_contains (yes, lower))
    *value = TRUE;
  else if (g_strv_contains (no, lower))
    *value = FALSE;
  else
    return FALSE;
  return TRUE;
}

/**
 * ca_import_strip_prefix:
 *
 * Returns: @text after leading spaces and an Annex A letter prefix such as "a) ", if any.
 */
const char *
ca_import_strip_prefix (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  while (g_ascii_isspace (*text))
    text++;
  if (g_ascii_isalpha (text[0]) && text[1] == ')')
    {
      text += 2;
      while (g_ascii_isspace (*text))
        text++;
    }
  return text;
}

static const char *
lookup (const CodeName *table,
        gsize           n,
        const char     *text,
        gboolean        match_codes)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (ca_import_strip_prefix (text)));

  for (gsize i = 0; i < n; i++)
    if ((match_codes && g_ascii_strcasecmp (table[i].code, trimmed) == 0) ||
        g_ascii_strcasecmp (table[i].name, trimmed) == 0)
      return table[i].code;
  return NULL;
}

/**
 * ca_import_normalise_ethnicity:
 *
 * Returns: the DfE code for a code ("WBRI", "a) WBRI") or a long name ("White British"),
 * or %NULL when @text is neither.
 */
const char *
ca_import_normalise_ethnicity (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  return lookup (ethnicities, G_N_ELEMENTS (ethnicities), text, TRUE);
}

/**
 * ca_import_normalise_legal_status:
 *
 * Returns: our legal status code for a code, a name or an Annex A case status, or %NULL.
 */
const char *
ca_import_normalise_legal_status (const char *text)
{
  g_autofree char *dashed = NULL;
  const char *code;

  g_return_val_if_fail (text != NULL, NULL);

  dashed = g_strdup (ca_import_strip_prefix (text));
  g_strdelimit (dashed, " _", '-');
  code = lookup (legal_statuses, G_N_ELEMENTS (legal_statuses), dashed, TRUE);
  if (code == NULL)
    code = lookup (legal_statuses, G_N_ELEMENTS (legal_statuses), text, FALSE);
  return code;
}

/**
 * ca_import_normalise_gender:
 *
 * Returns: male, female, other or unknown for those words, M/F, SSDA903's 1/2, or %NULL.
 */
const char *
ca_import_normalise_gender (const char *text)
{
  static const char * const codes[] = { "male", "female", "other", "unknown", NULL };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  lower = g_strstrip (g_ascii_strdown (ca_import_strip_prefix (text), -1));
  for (guint i = 0; codes[i] != NULL; i++)
    if (g_str_equal (codes[i], lower))
      return codes[i];
  return lookup (genders, G_N_ELEMENTS (genders), lower, FALSE);
}

/**
 * ca_import_normalise_grade:
 * @code: (out): the grade code, or %NULL for an empty cell
 *
 * Returns: %FALSE when @text is not a grade.
 */
gboolean
ca_import_normalise_grade (const char  *text,
                           const char **code)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *dashed = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (ca_import_strip_prefix (text)));
  if (*trimmed == '\0')
    {
      *code = NULL;
      return TRUE;
    }
  dashed = g_strdelimit (g_strdup (trimmed), " _", '-');
  *code = lookup (grades, G_N_ELEMENTS (grades), dashed, TRUE);
  if (*code == NULL)
    *code = lookup (grades, G_N_ELEMENTS (grades), trimmed, FALSE);
  return *code != NULL;
}

/**
 * ca_import_find_cycle:
 * @parents: (element-type utf8 utf8): each reference to its line manager's reference
 * @start: the reference to follow up from
 *
 * Follows the line managers up from @start. A chain that ends (at someone with no manager,
 * or a manager not in @parents) is fine however long.
 *
 * Returns: (transfer full) (nullable): the references that go round, starting and ending
 * with the same one, when following up from @start reaches a circle; %NULL otherwise.
 */
char **
ca_import_find_cycle (GHashTable *parents,
                      const char *start)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  const char *current = start;

  g_return_val_if_fail (parents != NULL && start != NULL, NULL);

  while (current != NULL && !g_hash_table_contains (seen, current))
    {
      g_hash_table_insert (seen, (gpointer) current, GUINT_TO_POINTER (path->len));
      g_ptr_array_add (path, (gpointer) current);
      current = g_hash_table_lookup (parents, current);
    }

  if (current == NULL)
    return NULL;

  {
    guint first = GPOINTER_TO_UINT (g_hash_table_lookup (seen, current));
    GStrvBuilder *builder = g_strv_builder_new ();
    char **cycle;

    for (guint i = first; i < path->len; i++)
      g_strv_builder_add (builder, g_ptr_array_index (path, i));
    g_strv_builder_add (builder, current);
    cycle = g_strv_builder_end (builder);
    g_strv_builder_unref (builder);
    return cycle;
  }
}
