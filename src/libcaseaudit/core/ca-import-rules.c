// SPDX-License-Identifier: GPL-3.0-or-later
// Rules for reading imported values: encodings, dates, codes and job titles, value mappings.

#define G_LOG_DOMAIN "ca-import-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ca-import-rules.h"

G_DEFINE_QUARK (ca-import-rules-error-quark, ca_import_rules_error)

/* Text encodings ----------------------------------------------------------------------- */

/* Windows-1252 bytes 0x80–0x9F; the rest of the upper half is Latin-1. Zero marks the five
 * bytes the code page leaves undefined: a file holding one is not Windows-1252 text. */
static const gunichar windows_1252_high[32] = {
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
  0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static guint
line_at (const guint8 *data,
         gsize         offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

/* Whether a well-formed UTF-8 character of two or more bytes appears anywhere: then a file
 * that is not valid UTF-8 is UTF-8 with a fault, not Windows-1252, and guessing would turn
 * its good characters into nonsense ("Ã©"). */
static gboolean
has_utf8_sequence (const guint8 *data,
                   gsize         length)
{
  for (gsize i = 0; i < length; i++)
    if (data[i] >= 0xC2 && data[i] <= 0xF4)
      {
        gunichar c = g_utf8_get_char_validated ((const char *) data + i,
                                                (gssize) MIN (length - i, 4));

        if (c != (gunichar) -1 && c != (gunichar) -2 && c >= 0x80)
          return TRUE;
      }
  return FALSE;
}

/**
 * ca_import_decode_text:
 * @data: a file's bytes, as read
 * @text_length: (out): the length of the text returned, in bytes
 * @encoding: (out): what the file was read as
 *
 * The rule: a file that is valid UTF-8 is UTF-8 (a byte order mark is dropped); one that is
 * not, yet holds only Windows-1252 characters, is Windows-1252 (Excel's plain "CSV" on a UK
 * PC), so £, é and ’ arrive as they were typed. A UTF-16 file, a file with a zero byte, a
 * file with one of the five bytes Windows-1252 leaves undefined, and UTF-8 damaged in places
 * are refused with the line at fault.
 *
 * Returns: (transfer full): the text in UTF-8, nul-terminated, or %NULL with @error
 */
char *
ca_import_decode_text (const guint8      *data,
                       gsize              length,
                       gsize             *text_length,
                       CaImportEncoding  *encoding,
                       GError           **error)
{
  const guint8 *nul;
  const char *end = NULL;
  GString *text;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (text_length != NULL && encoding != NULL, NULL);

  if (length == 0)
    {
      *encoding = CA_IMPORT_ENCODING_UTF8;
      *text_length = 0;
      return g_strdup ("");
    }

  if (length >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
    {
      g_set_error_literal (error, CA_IMPORT_RULES_ERROR, CA_IMPORT_RULES_ERROR_NOT_TEXT,
                           _("The file is saved as “Unicode text” (UTF-16). Save it as "
                             "“CSV UTF-8” and import it again."));
      return NULL;
    }
  if (length > 0 && (nul = memchr (data, '\0', length)) != NULL)
    {
      g_set_error (error, CA_IMPORT_RULES_ERROR, CA_IMPORT_RULES_ERROR_NOT_TEXT,
                   _("Line %u holds a zero byte, so this is not a text file (perhaps a "
                     "spreadsheet in its own format). Save it as “CSV UTF-8” and import it "
                     "again."), line_at (data, (gsize) (nul - data)));
      return NULL;
    }

  if (g_utf8_validate_len ((const char *) data, length, &end))
    {
      gsize skip = (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0) ? 3 : 0;

      *encoding = CA_IMPORT_ENCODING_UTF8;
      *text_length = length - skip;
      return g_strndup ((const char *) data + skip, length - skip);
    }

  if (has_utf8_sequence (data, length))
    {
      g_set_error (error, CA_IMPORT_RULES_ERROR, CA_IMPORT_RULES_ERROR_NOT_TEXT,
                   _("Line %u is not valid UTF-8 text, although the rest of the file is. "
                     "Save the file as “CSV UTF-8” and import it again."),
                   line_at (data, (gsize) ((const guint8 *) end - data)));
      return NULL;
    }

  text = g_string_sized_new (length + length / 8 + 1);
  for (gsize i = 0; i < length; i++)
    {
      guint8 byte = data[i];

      if (byte < 0x80)
        g_string_append_c (text, (char) byte);
      else if (byte >= 0xA0)
        g_string_append_unichar (text, byte);
      else if (windows_1252_high[byte - 0x80] != 0)
        g_string_append_unichar (text, windows_1252_high[byte - 0x80]);
      else
        {
          g_set_error (error, CA_IMPORT_RULES_ERROR, CA_IMPORT_RULES_ERROR_NOT_TEXT,
                       _("Line %u is neither UTF-8 nor Windows-1252 text (it has the byte "
                         "0x%02X). Save the file as “CSV UTF-8” and import it again."),
                       line_at (data, i), byte);
          g_string_free (text, TRUE);
          return NULL;
        }
    }
  *encoding = CA_IMPORT_ENCODING_WINDOWS_1252;
  *text_length = text->len;
  return g_string_free (text, FALSE);
}

/* Dates -------------------------------------------------------------------------------- */

static const char * const month_names[] = {
  "january", "february", "march", "april", "may", "june", "july", "august", "september",
  "october", "november", "december",
};

static gboolean
parse_number (const char *text,
              gsize       length,
              guint      *value)
{
  guint n = 0;

  if (length == 0 || length > 9)
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

/* "Jan", "jan", "Sept", "September" → 1…12; 0 when the word is no month. */
static guint
parse_month_name (const char *word)
{
  g_autofree char *lower = g_ascii_strdown (word, -1);
  gsize length = strlen (lower);

  if (length < 3)
    return 0;
  for (guint m = 0; m < G_N_ELEMENTS (month_names); m++)
    if (strncmp (month_names[m], lower, length) == 0 &&
        (length == 3 || length == strlen (month_names[m]) || g_str_equal (lower, "sept")))
      return m + 1;
  return 0;
}

static gboolean
is_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

/* Drops a time of day after the date ("04/01/2021 00:00", "2021-01-04T09:30:00"), as Excel
 * writes for a cell that holds a date and time: only the day is imported. */
static void
drop_time (char *text)
{
  char *space = strrchr (text, ' ');
  char *t = strchr (text, 'T');
  char *start = space != NULL ? space : (t != NULL && t - text == 10 ? t : NULL);
  gboolean colon = FALSE;

  if (start == NULL)
    return;
  for (const char *p = start + 1; *p != '\0'; p++)
    {
      if (*p == ':')
        colon = TRUE;
      else if (!g_ascii_isdigit (*p) && *p != '.')
        return;
    }
  if (colon)
    *start = '\0';
}

/**
 * ca_import_read_date:
 * @text: a date as a spreadsheet writes it; surrounding spaces ignored
 * @date: (out) (optional): the date as YYYY-MM-DD when it is one
 *
 * Reads YYYY-MM-DD (or YYYY/M/D); day first, as in England: DD/MM/YYYY, D/M/YYYY,
 * DD-MM-YYYY, DD.MM.YYYY; with the month as a word: 4 Jan 2021, 04-Jan-2021,
 * 4 January 2021, January 4, 2021; any of them with a time of day after it, which is
 * dropped. A two-digit year is refused as ambiguous, as is anything else (such as
 * 01/04/2021 read month first, which would be 4 January in one council and 1 April in
 * another) by being read day first only. Years from 1900 to 2200.
 *
 * Returns: %CA_IMPORT_DATE_OK, or why @text is no date.
 */
CaImportDateResult
ca_import_read_date (const char  *text,
                     char       **date)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) separators = g_string_new (NULL);
  guint year = 0, month = 0, day = 0, named = 0;
  guint year_digits = 0;
  const char *p;

  g_return_val_if_fail (text != NULL, CA_IMPORT_DATE_UNKNOWN_FORM);

  if (date != NULL)
    *date = NULL;
  trimmed = g_strstrip (g_strdup (text));
  drop_time (trimmed);

  /* Words of letters or digits, and what separates them. */
  for (p = trimmed; *p != '\0';)
    {
      const char *start = p;

      if (g_ascii_isdigit (*p))
        while (g_ascii_isdigit (*p))
          p++;
      else if (g_ascii_isalpha (*p))
        while (g_ascii_isalpha (*p))
          p++;
      else
        return CA_IMPORT_DATE_UNKNOWN_FORM;
      g_ptr_array_add (parts, g_strndup (start, (gsize) (p - start)));
      start = p;
      while (*p == '/' || *p == '-' || *p == '.' || *p == ' ' || *p == ',')
        p++;
      if (*p != '\0')
        {
          g_autofree char *separator = g_strndup (start, (gsize) (p - start));

          g_strstrip (separator);
          g_string_append_c (separators, separator[0] != '\0' ? separator[0] : ' ');
        }
      else if (p != start)
        return CA_IMPORT_DATE_UNKNOWN_FORM;
    }

  if (parts->len != 3)
    return CA_IMPORT_DATE_UNKNOWN_FORM;

  {
    const char *a = parts->pdata[0], *b = parts->pdata[1], *c = parts->pdata[2];
    gboolean same_separator = separators->len == 2 && separators->str[0] == separators->str[1] &&
                              separators->str[0] != ' ' && separators->str[0] != ',';

    if (is_digits (a) && strlen (a) == 4)
      {
        /* Year first: nobody writes the day before the month after a year. */
        if (!same_separator || !is_digits (b) || !is_digits (c) || strlen (b) > 2 ||
            strlen (c) > 2)
          return CA_IMPORT_DATE_UNKNOWN_FORM;
        parse_number (a, 4, &year);
        parse_number (b, strlen (b), &month);
        parse_number (c, strlen (c), &day);
        year_digits = 4;
      }
    else if (is_digits (a) && strlen (a) <= 2 && is_digits (c))
      {
        parse_number (a, strlen (a), &day);
        if (is_digits (b) && strlen (b) <= 2 && same_separator)
          parse_number (b, strlen (b), &month);
        else if ((named = parse_month_name (b)) != 0)
          month = named;
        else
          return CA_IMPORT_DATE_UNKNOWN_FORM;
        year_digits = (guint) strlen (c);
        parse_number (c, year_digits, &year);
      }
    else if ((named = parse_month_name (a)) != 0 && is_digits (b) && strlen (b) <= 2 &&
             is_digits (c))
      {
        month = named;
        parse_number (b, strlen (b), &day);
        year_digits = (guint) strlen (c);
        parse_number (c, year_digits, &year);
      }
    else
      return CA_IMPORT_DATE_UNKNOWN_FORM;
  }

  if (year_digits == 2)
    return CA_IMPORT_DATE_TWO_DIGIT_YEAR;
  if (year_digits != 4)
    return CA_IMPORT_DATE_UNKNOWN_FORM;
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return CA_IMPORT_DATE_IMPOSSIBLE;

  if (date != NULL)
    *date = g_strdup_printf ("%04u-%02u-%02u", year, month, day);
  return CA_IMPORT_DATE_OK;
}

/**
 * ca_import_parse_date:
 * @text: a date in any form ca_import_read_date() reads
 *
 * Returns: (transfer full) (nullable): the date as YYYY-MM-DD, or %NULL when @text is not a
 * date that exists (2021-02-30 is refused, 2020-02-29 accepted).
 */
char *
ca_import_parse_date (const char *text)
{
  char *date = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  ca_import_read_date (text, &date);
  return date;
}

/**
 * ca_import_parse_month:
 * @text: YYYY-MM, MM/YYYY, a month and year in words (March 2015), or a whole date of which
 *   only the month is kept (data minimisation)
 *
 * Returns: (transfer full) (nullable): YYYY-MM, or %NULL when @text is no month.
 */
char *
ca_import_parse_month (const char *text)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *date = NULL;
  g_auto(GStrv) words = NULL;
  guint year = 0, month = 0;

  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  words = g_strsplit_set (trimmed, "-/ ", -1);
  if (g_strv_length (words) == 2)
    {
      const char *y = NULL, *m = NULL;

      if (strlen (words[0]) == 4 && trimmed[4] == '-')
        y = words[0], m = words[1];
      else if (strlen (words[1]) == 4)
        y = words[1], m = words[0];
      if (y != NULL && parse_number (y, 4, &year) &&
          ((is_digits (m) && strlen (m) <= 2 && parse_number (m, strlen (m), &month)) ||
           (!is_digits (m) && (month = parse_month_name (m)) != 0)))
        {
          if (year < 1900 || year > 2200 || month < 1 || month > 12)
            return NULL;
          return g_strdup_printf ("%04u-%02u", year, month);
        }
      return NULL;
    }

  date = ca_import_parse_date (trimmed);
  if (date == NULL)
    return NULL;
  date[7] = '\0';
  return g_steal_pointer (&date);
}

/* Matching words ----------------------------------------------------------------------- */

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

/**
 * ca_import_fold_name:
 * @text: a name: a column's, a team's, a locality's, a member of staff's
 *
 * The key a name is matched by, in any case: the import and the lookups it reads from the
 * database must fold names alike, so both use this.
 *
 * Returns: (transfer full): the name case-folded and normalised
 */
char *
ca_import_fold_name (const char *text)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  folded = g_utf8_casefold (text, -1);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_DEFAULT);
}

/**
 * ca_import_fold_value:
 * @text: a value as a file writes it
 *
 * The key two ways of writing one value share: without an Annex A "a) " prefix, in one
 * case, with only its letters and digits. "Social Worker", "social  worker", "SOCIAL-WORKER"
 * and "Social/Worker" are one value; "Children's" is "Children’s".
 *
 * Returns: (transfer full): the key, "" for a value with no letter or digit
 */
char *
ca_import_fold_value (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *normal = NULL;
  GString *key;

  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (ca_import_strip_prefix (text), -1);
  folded = g_utf8_casefold (valid, -1);
  normal = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL_COMPOSE);
  key = g_string_sized_new (strlen (normal));
  for (const char *p = normal; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

/* The DfE ethnicity categories used by Annex A, the CIN census and SSDA903. */
static const CaImportCode ethnicities[] = {
  { "WBRI", N_("White British") },
  { "WIRI", N_("White Irish") },
  { "WIRT", N_("Traveller of Irish heritage") },
  { "WOTH", N_("Any other White background") },
  { "WROM", N_("Gypsy/Roma") },
  { "MWBC", N_("White and Black Caribbean") },
  { "MWBA", N_("White and Black African") },
  { "MWAS", N_("White and Asian") },
  { "MOTH", N_("Any other Mixed background") },
  { "AIND", N_("Indian") },
  { "APKN", N_("Pakistani") },
  { "ABAN", N_("Bangladeshi") },
  { "AOTH", N_("Any other Asian background") },
  { "BCRB", N_("Caribbean") },
  { "BAFR", N_("African") },
  { "BOTH", N_("Any other Black background") },
  { "CHNE", N_("Chinese") },
  { "OOTH", N_("Any other ethnic group") },
  { "REFU", N_("Refused") },
  { "NOBT", N_("Information not yet obtained") },
};

static const CaImportCode legal_statuses[] = {
  { "early-help", N_("Early Help") },
  { "child-in-need", N_("Child in Need") },
  { "child-protection", N_("Child Protection") },
  { "looked-after", N_("Looked After") },
  { "care-leaver", N_("Care Leaver") },
  { "send", N_("SEND") },
  { "other", N_("Other") },
};

static const CaImportCode genders[] = {
  { "male", N_("Male") },
  { "female", N_("Female") },
  { "other", N_("Other") },
  { "unknown", N_("Not known") },
};

static const CaImportCode flags[] = {
  { "yes", N_("Yes") },
  { "no", N_("No") },
};

static const CaImportCode grades[] = {
  { "outstanding", N_("Outstanding") },
  { "good", N_("Good") },
  { "requires-improvement", N_("Requires Improvement") },
  { "inadequate", N_("Inadequate") },
};

static const CaImportCode categories[] = {
  { "1", N_("Category 1") },
  { "2", N_("Category 2") },
  { "3", N_("Category 3") },
  { "4", N_("Category 4") },
};

/* Other words for the codes above: Annex A's List 6 case statuses, common abbreviations,
 * SSDA903's 1 and 2 for sex. */
static const CaImportCode legal_status_words[] = {
  { "looked-after", "Looked after child" },
  { "looked-after", "Child looked after" },
  { "looked-after", "Children looked after" },
  { "looked-after", "In care" },
  { "looked-after", "CLA" },
  { "looked-after", "LAC" },
  { "child-protection", "Child Protection plan" },
  { "child-protection", "CP plan" },
  { "child-protection", "CP" },
  { "child-protection", "CPP" },
  { "child-in-need", "Child in need plan" },
  { "child-in-need", "CIN plan" },
  { "child-in-need", "CIN" },
  { "child-in-need", "Open assessment" },
  { "child-in-need", "Closed episode" },
  { "early-help", "EH" },
  { "care-leaver", "Leaving care" },
  { "care-leaver", "Care leavers" },
};

static const CaImportCode gender_words[] = {
  { "male", "m" },
  { "male", "1" },
  { "male", "boy" },
  { "female", "f" },
  { "female", "2" },
  { "female", "girl" },
  { "unknown", "u" },
  { "unknown", "0" },
  { "unknown", "9" },
  { "unknown", "unknown" },
  { "unknown", "not stated" },
  { "unknown", "indeterminate" },
  { "unknown", "unknown/indeterminate" },
};

static const CaImportCode flag_words[] = {
  { "yes", "y" },
  { "yes", "true" },
  { "yes", "1" },
  { "no", "n" },
  { "no", "false" },
  { "no", "0" },
};

static const CaImportCode grade_words[] = {
  { "requires-improvement", "Requires improvement to be good" },
  { "requires-improvement", "RI" },
};

/* Job titles as HR systems and staff lists write them, for the roles of R-A2 (the codes of
 * the role table). Councils use these titles for the same work; an unusual title is mapped
 * by the user once and remembered. */
static const CaImportCode role_aliases[] = {
  { "strategic-director", "Strategic Director" },
  { "strategic-director", "Director of Children's Services" },
  { "strategic-director", "DCS" },
  { "strategic-director", "Executive Director" },
  { "assistant-director", "Chief Officer" },
  { "assistant-director", "Assistant Director" },
  { "assistant-director", "Deputy Director" },
  { "head-of-service", "Head of Service" },
  { "head-of-service", "Head of Services" },
  { "head-of-service", "HoS" },
  { "service-manager", "Service Manager" },
  { "service-manager", "Operations Manager" },
  { "group-manager", "Group Manager" },
  { "team-manager", "Team Manager" },
  { "team-manager", "Team Leader" },
  { "practice-manager", "Practice Manager" },
  { "practice-manager", "Practice Supervisor" },
  { "practice-manager", "Assistant Team Manager" },
  { "practice-manager", "Deputy Team Manager" },
  { "practice-manager", "Assistant / Deputy Team Manager" },
  { "practice-manager", "ATM" },
  { "practice-manager", "DTM" },
  { "advanced-practitioner", "Advanced Practitioner" },
  { "advanced-practitioner", "Advanced Social Work Practitioner" },
  { "advanced-practitioner", "Advanced Social Worker" },
  { "lead-professional", "Principal Social Worker" },
  { "lead-professional", "PSW" },
  { "lead-professional", "Lead for Professional Practice" },
  { "lead-auditor", "Lead Auditor" },
  { "lead-auditor", "Quality Assurance Lead" },
  { "lead-auditor", "QA Lead" },
  { "lead-auditor", "Quality Assurance Officer" },
  { "iro", "Independent Reviewing Officer" },
  { "iro", "IRO" },
  { "iro", "Child Protection Chair" },
  { "iro", "Child Protection Conference Chair" },
  { "iro", "CP Chair" },
  { "practitioner", "Social Worker" },
  { "practitioner", "Senior Social Worker" },
  { "practitioner", "Senior Practitioner" },
  { "practitioner", "Practitioner" },
  { "practitioner", "Social Work Practitioner" },
  { "practitioner", "Qualified Social Worker" },
  { "practitioner", "Newly Qualified Social Worker" },
  { "practitioner", "Newly Qualified / ASYE Social Worker" },
  { "practitioner", "Newly Qualified Social Worker (ASYE)" },
  { "practitioner", "NQSW" },
  { "practitioner", "ASYE Social Worker" },
  { "practitioner", "Social Worker (ASYE)" },
  { "practitioner", "ASYE" },
  { "practitioner", "Family Support Worker" },
  { "practitioner", "Family Support Practitioner" },
  { "practitioner", "Family Practitioner" },
  { "practitioner", "Personal Adviser" },
  { "practitioner", "Personal Advisor" },
  { "practitioner", "Early Help Practitioner" },
  { "practitioner", "Early Help Worker" },
  { "practitioner", "Social Work Assistant" },
  { "practitioner", "Children's Practitioner" },
  { "partner-auditor", "Partner Agency Auditor" },
  { "partner-auditor", "Partner Auditor" },
};

static const char * const coded_fields[] = {
  "role", "active", "legal_status", "ethnicity", "gender", "disability", "restricted", "tool",
  "overall_grade", "category", NULL,
};

typedef struct
{
  const char         *field;
  const CaImportCode *codes;
  guint               n_codes;
  const CaImportCode *words;
  guint               n_words;
} CodeTable;

#define TABLE(field, codes, words) \
  { field, codes, G_N_ELEMENTS (codes), words, G_N_ELEMENTS (words) }

static const CodeTable code_tables[] = {
  TABLE ("legal_status", legal_statuses, legal_status_words),
  TABLE ("gender", genders, gender_words),
  { "ethnicity", ethnicities, G_N_ELEMENTS (ethnicities), NULL, 0 },
  TABLE ("active", flags, flag_words),
  TABLE ("disability", flags, flag_words),
  TABLE ("restricted", flags, flag_words),
  TABLE ("overall_grade", grades, grade_words),
  { "category", categories, G_N_ELEMENTS (categories), NULL, 0 },
};

static const CodeTable *
find_table (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (code_tables); i++)
    if (g_str_equal (code_tables[i].field, field))
      return &code_tables[i];
  return NULL;
}

static void
add_keys (GHashTable         *keys,
          const CaImportCode *codes,
          guint               n,
          gboolean            with_codes)
{
  for (guint i = 0; i < n; i++)
    {
      if (with_codes)
        g_hash_table_insert (keys, ca_import_fold_value (codes[i].code), (gpointer) codes[i].code);
      g_hash_table_insert (keys, ca_import_fold_value (codes[i].label), (gpointer) codes[i].code);
    }
}

/* Each table's folded codes, names and other words → code, and the role aliases, made
 * once: an import looks a value up for every row. */
static GHashTable *
get_keys (const char *field)
{
  static GHashTable *tables;

  if (g_once_init_enter (&tables))
    {
      GHashTable *all = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                               (GDestroyNotify) g_hash_table_unref);
      GHashTable *roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (code_tables); i++)
        {
          GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

          add_keys (keys, code_tables[i].words, code_tables[i].n_words, FALSE);
          add_keys (keys, code_tables[i].codes, code_tables[i].n_codes, TRUE);
          g_hash_table_insert (all, (gpointer) code_tables[i].field, keys);
        }
      add_keys (roles, role_aliases, G_N_ELEMENTS (role_aliases), FALSE);
      g_hash_table_insert (all, (gpointer) "role", roles);
      g_once_init_leave (&tables, all);
    }
  return g_hash_table_lookup (tables, field);
}

/**
 * ca_import_get_coded_fields:
 *
 * Returns: (transfer none): the fields whose values are codes, by their column names: the
 * fields a value mapping may name.
 */
const char * const *
ca_import_get_coded_fields (void)
{
  return coded_fields;
}

gboolean
ca_import_field_is_coded (const char *field)
{
  g_return_val_if_fail (field != NULL, FALSE);
  return g_strv_contains (coded_fields, field);
}

/* "Legal status", "legal-status" → "legal_status": a field as a person may type it. */
char *
ca_import_normalise_field (const char *text)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_ascii_strdown (text, -1));
  return g_strdelimit (g_steal_pointer (&trimmed), " -", '_');
}

/**
 * ca_import_get_codes:
 * @field: a coded field
 * @n_codes: (out): how many
 *
 * Returns: (array length=n_codes) (nullable): the codes @field may hold, in the order to
 * offer them; %NULL for role and tool, whose codes the database holds.
 */
const CaImportCode *
ca_import_get_codes (const char *field,
                     guint      *n_codes)
{
  const CodeTable *table;

  g_return_val_if_fail (field != NULL && n_codes != NULL, NULL);

  table = find_table (field);
  *n_codes = table != NULL ? table->n_codes : 0;
  return table != NULL ? table->codes : NULL;
}

const char *
ca_import_code_get_label (const CaImportCode *code)
{
  g_return_val_if_fail (code != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, code->label);
}

/**
 * ca_import_match_code:
 * @field: a coded field other than role and tool
 * @text: a value of a file
 *
 * Matches a code, its name or another word for it, whatever the case, spacing and
 * punctuation, and with or without an Annex A "a) " prefix: "looked after child", "CP",
 * "a) WBRI", "Y", "Requires improvement", "Category 2".
 *
 * Returns: (nullable): the code, or %NULL when @text is none of them
 */
const char *
ca_import_match_code (const char *field,
                      const char *text)
{
  GHashTable *keys;
  g_autofree char *key = NULL;

  g_return_val_if_fail (field != NULL && text != NULL, NULL);

  if ((keys = get_keys (field)) == NULL || g_str_equal (field, "role"))
    return NULL;
  key = ca_import_fold_value (text);
  /* "Category 2", "Cat. 2": the number is the code. */
  if (g_str_equal (field, "category"))
    {
      if (g_str_has_prefix (key, "category"))
        memmove (key, key + 8, strlen (key + 8) + 1);
      else if (g_str_has_prefix (key, "cat"))
        memmove (key, key + 3, strlen (key + 3) + 1);
    }
  return g_hash_table_lookup (keys, key);
}

/**
 * ca_import_match_role_alias:
 * @text: a job title as a staff list writes it
 *
 * Returns: (nullable): the role code a common job title stands for ("Social Worker",
 * "Assistant Team Manager", "IRO"…), whatever its case, spacing and punctuation, or %NULL
 */
const char *
ca_import_match_role_alias (const char *text)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  key = ca_import_fold_value (text);
  return g_hash_table_lookup (get_keys ("role"), key);
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
  const char *code;

  g_return_val_if_fail (text != NULL, FALSE);

  if (*ca_import_strip_prefix (text) == '\0')
    code = "no";
  else if ((code = ca_import_match_code ("active", text)) == NULL)
    return FALSE;
  *value = g_str_equal (code, "yes");
  return TRUE;
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
  return ca_import_match_code ("ethnicity", text);
}

/**
 * ca_import_normalise_legal_status:
 *
 * Returns: our legal status code for a code, a name or an Annex A case status, or %NULL.
 */
const char *
ca_import_normalise_legal_status (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  return ca_import_match_code ("legal_status", text);
}

/**
 * ca_import_normalise_gender:
 *
 * Returns: male, female, other or unknown for those words, M/F, SSDA903's 1/2, or %NULL.
 */
const char *
ca_import_normalise_gender (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  return ca_import_match_code ("gender", text);
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
  g_autofree char *key = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  key = ca_import_fold_value (text);
  if (*key == '\0')
    {
      *code = NULL;
      return TRUE;
    }
  *code = ca_import_match_code ("overall_grade", text);
  return *code != NULL;
}

/* Value mappings ----------------------------------------------------------------------- */

static void
set_bad_mapping (const char  *text,
                 GError     **error)
{
  g_set_error (error, CA_IMPORT_RULES_ERROR, CA_IMPORT_RULES_ERROR_BAD_MAPPING,
               _("“%s” is not a mapping: write it as FIELD:VALUE=CODE, for example "
                 "role:Chief Wizard=service-manager."), text);
}

/**
 * ca_import_parse_value_mapping:
 * @text: FIELD:VALUE=CODE, e.g. "role:Chief Wizard=service-manager"
 * @field: (out): the field, as a column name ("legal_status" for "Legal status")
 * @value: (out): the value as a file writes it, trimmed
 * @code: (out): what it stands for, trimmed; checked against the database by the import
 *
 * The value may hold ":" and "=" itself (the field ends at the first ":", the code starts
 * after the last "="); none of the three may be empty, the field must be a coded one, and
 * the value no longer than a cell may be.
 */
gboolean
ca_import_parse_value_mapping (const char  *text,
                               char       **field,
                               char       **value,
                               char       **code,
                               GError     **error)
{
  const char *colon, *equals;
  g_autofree char *f = NULL;
  g_autofree char *v = NULL;
  g_autofree char *c = NULL;

  g_return_val_if_fail (text != NULL && field != NULL && value != NULL && code != NULL,
                        FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, CA_IMPORT_RULES_ERROR, CA_IMPORT_RULES_ERROR_BAD_MAPPING,
                           _("A mapping is not valid UTF-8 text."));
      return FALSE;
    }
  colon = strchr (text, ':');
  equals = strrchr (text, '=');
  if (colon == NULL || equals == NULL || equals < colon)
    {
      set_bad_mapping (text, error);
      return FALSE;
    }
  f = g_strndup (text, (gsize) (colon - text));
  v = g_strstrip (g_strndup (colon + 1, (gsize) (equals - colon - 1)));
  c = g_strstrip (g_strdup (equals + 1));
  g_strstrip (f);
  if (*f == '\0' || *v == '\0' || *c == '\0')
    {
      set_bad_mapping (text, error);
      return FALSE;
    }
  *field = ca_import_normalise_field (f);
  if (!ca_import_field_is_coded (*field))
    {
      g_autofree char *names = g_strjoinv (", ", (char **) coded_fields);

      g_set_error (error, CA_IMPORT_RULES_ERROR, CA_IMPORT_RULES_ERROR_BAD_MAPPING,
                   _("“%s” is not a field whose values can be mapped; these can: %s."),
                   f, names);
      g_clear_pointer (field, g_free);
      return FALSE;
    }
  if (g_utf8_strlen (v, -1) > CA_IMPORT_MAX_VALUE_CHARS)
    {
      g_set_error (error, CA_IMPORT_RULES_ERROR, CA_IMPORT_RULES_ERROR_BAD_MAPPING,
                   _("The value of a mapping may have at most %d characters."),
                   CA_IMPORT_MAX_VALUE_CHARS);
      g_clear_pointer (field, g_free);
      return FALSE;
    }
  *value = g_steal_pointer (&v);
  *code = g_steal_pointer (&c);
  return TRUE;
}

/* Line management ---------------------------------------------------------------------- */

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
