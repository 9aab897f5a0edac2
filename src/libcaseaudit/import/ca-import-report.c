// SPDX-License-Identifier: GPL-3.0-or-later
// CaImportReport: what a run did, for the user: counts, bad rows, unmatched values, notes.

#define G_LOG_DOMAIN "ca-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-import-private.h"

G_DEFINE_FINAL_TYPE (CaImportReport, ca_import_report, G_TYPE_OBJECT)

void
ca_import_choice_free (CaImportChoice *choice)
{
  if (choice == NULL)
    return;
  g_free (choice->code);
  g_free (choice->label);
  g_free (choice);
}

static void
row_error_clear (gpointer data)
{
  CaImportRowError *error = data;

  g_free (error->message);
}

static void
unmatched_entry_free (gpointer data)
{
  CaImportUnmatchedEntry *entry = data;

  g_free (entry->field);
  g_free (entry->value);
  g_free (entry);
}

static void
ca_import_report_finalize (GObject *object)
{
  CaImportReport *self = CA_IMPORT_REPORT (object);

  g_array_unref (self->errors);
  g_ptr_array_unref (self->unmatched);
  g_hash_table_unref (self->choices);
  g_ptr_array_unref (self->notes);
  G_OBJECT_CLASS (ca_import_report_parent_class)->finalize (object);
}

static void
ca_import_report_class_init (CaImportReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ca_import_report_finalize;
}

static void
ca_import_report_init (CaImportReport *self)
{
  self->errors = g_array_new (FALSE, FALSE, sizeof (CaImportRowError));
  g_array_set_clear_func (self->errors, row_error_clear);
  self->unmatched = g_ptr_array_new_with_free_func (unmatched_entry_free);
  self->choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  self->notes = g_ptr_array_new_null_terminated (0, g_free, TRUE);
}

void
ca_import_report_add_note (CaImportReport *self,
                           const char     *format,
                           ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (self->notes, g_strdup_vprintf (format, args));
  va_end (args);
}

void
ca_import_report_add_row_error (CaImportReport *self,
                                guint           line,
                                const char     *format,
                                ...)
{
  CaImportRowError error = { line, NULL };
  va_list args;

  va_start (args, format);
  error.message = g_strdup_vprintf (format, args);
  va_end (args);
  g_array_append_val (self->errors, error);
}

CaImportKind
ca_import_report_get_kind (CaImportReport *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), 0);
  return self->kind;
}

guint
ca_import_report_get_n_rows (CaImportReport *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), 0);
  return self->n_rows;
}

guint
ca_import_report_get_n_inserted (CaImportReport *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), 0);
  return self->n_inserted;
}

guint
ca_import_report_get_n_updated (CaImportReport *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), 0);
  return self->n_updated;
}

/* Moderations found already recorded exactly as the file has them: neither new nor changed
 * (0 for the other kinds, whose updates count every row found). */
guint
ca_import_report_get_n_unchanged (CaImportReport *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), 0);
  return self->n_unchanged;
}

/* TRUE when every row was good and all were written; FALSE when nothing was. */
gboolean
ca_import_report_get_succeeded (CaImportReport *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), FALSE);
  return self->errors->len == 0;
}

guint
ca_import_report_get_n_errors (CaImportReport *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), 0);
  return self->errors->len;
}

/* Rows with at least one problem (a row may have several). */
guint
ca_import_report_get_n_bad_rows (CaImportReport *self)
{
  guint n = 0;

  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), 0);

  for (guint i = 0; i < self->errors->len; i++)
    if (i == 0 || g_array_index (self->errors, CaImportRowError, i).line !=
                  g_array_index (self->errors, CaImportRowError, i - 1).line)
      n++;
  return n;
}

guint
ca_import_report_get_error_line (CaImportReport *self,
                                 guint           index)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), 0);
  g_return_val_if_fail (index < self->errors->len, 0);
  return g_array_index (self->errors, CaImportRowError, index).line;
}

/* The reason alone, e.g. "unknown team “North 3”"; the line is separate. */
const char *
ca_import_report_get_error_message (CaImportReport *self,
                                    guint           index)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), NULL);
  g_return_val_if_fail (index < self->errors->len, NULL);
  return g_array_index (self->errors, CaImportRowError, index).message;
}

char *
ca_import_report_describe (CaImportReport *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), NULL);

  if (self->errors->len > 0)
    {
      guint n_bad = ca_import_report_get_n_bad_rows (self);

      return g_strdup_printf (ngettext ("%u row has a problem, so nothing was imported.",
                                        "%u rows have problems, so nothing was imported.",
                                        n_bad), n_bad);
    }

  switch (self->kind)
    {
    case CA_IMPORT_KIND_TEAMS:
      return g_strdup_printf (ngettext ("Imported %u team (%u new, %u updated).",
                                        "Imported %u teams (%u new, %u updated).", self->n_rows),
                              self->n_rows, self->n_inserted, self->n_updated);
    case CA_IMPORT_KIND_STAFF:
      return g_strdup_printf (ngettext ("Imported %u member of staff (%u new, %u updated).",
                                        "Imported %u staff (%u new, %u updated).", self->n_rows),
                              self->n_rows, self->n_inserted, self->n_updated);
    case CA_IMPORT_KIND_CASES:
      return g_strdup_printf (ngettext ("Imported %u case (%u new, %u updated).",
                                        "Imported %u cases (%u new, %u updated).", self->n_rows),
                              self->n_rows, self->n_inserted, self->n_updated);
    case CA_IMPORT_KIND_MODERATIONS:
      /* A moderation already recorded is never added twice: the summary says which rows
       * were new, which changed what was recorded and which were there as they are. */
      return g_strdup_printf (ngettext ("Imported %u moderation (%u new, %u updated, %u "
                                        "already recorded as in the file).",
                                        "Imported %u moderations (%u new, %u updated, %u "
                                        "already recorded as in the file).", self->n_rows),
                              self->n_rows, self->n_inserted, self->n_updated,
                              self->n_unchanged);
    case CA_IMPORT_KIND_AUDITS:
    default:
      return g_strdup_printf (ngettext ("Imported %u audit (%u new, %u updated).",
                                        "Imported %u audits (%u new, %u updated).",
                                        self->n_rows),
                              self->n_rows, self->n_inserted, self->n_updated);
    }
}

/**
 * ca_import_report_get_notes:
 *
 * Returns: (transfer none) (array zero-terminated=1): sentences to show with the outcome,
 * whether it succeeded or not; often none
 */
const char * const *
ca_import_report_get_notes (CaImportReport *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), NULL);
  /* A null-terminated array with nothing in it may have no storage yet. */
  if (self->notes->pdata == NULL)
    return none;
  return (const char * const *) self->notes->pdata;
}

CaImportEncoding
ca_import_report_get_encoding (CaImportReport *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), CA_IMPORT_ENCODING_UTF8);
  return self->encoding;
}

guint
ca_import_report_get_n_unmatched (CaImportReport *self)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), 0);
  return self->unmatched->len;
}

const CaImportUnmatched *
ca_import_report_get_unmatched (CaImportReport *self,
                                guint           index)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), NULL);
  g_return_val_if_fail (index < self->unmatched->len, NULL);
  return &((CaImportUnmatchedEntry *) self->unmatched->pdata[index])->unmatched;
}

/**
 * ca_import_report_get_choices:
 * @field: a field with an unmatched value
 *
 * Returns: (transfer none) (element-type CaImportChoice) (nullable): the codes a value of
 * @field can be mapped to, as the database held them during the run
 */
GPtrArray *
ca_import_report_get_choices (CaImportReport *self,
                              const char     *field)
{
  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);
  return g_hash_table_lookup (self->choices, field);
}

/* "code (name), code (name)": what a value could be mapped to, for a sentence. */
char *
ca_import_join_choices (GPtrArray *choices)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      CaImportChoice *choice = choices->pdata[i];

      /* Translators: one code a value can be mapped to, and its name. */
      g_string_append_printf (text, _("%s%s (%s)"), i > 0 ? ", " : "", choice->code,
                              choice->label);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * ca_import_report_describe_unmatched:
 *
 * Returns: (transfer full): "“Chief Wizard” (line 2 and 1 more row) is not a value Case Audit
 * knows for the role. It could be: strategic-director (Strategic Director), …"
 */
char *
ca_import_report_describe_unmatched (CaImportReport *self,
                                     guint           index)
{
  const CaImportUnmatched *unmatched;
  g_autofree char *where = NULL;
  g_autofree char *choices = NULL;
  const char *field;

  g_return_val_if_fail (CA_IS_IMPORT_REPORT (self), NULL);
  g_return_val_if_fail (index < self->unmatched->len, NULL);

  unmatched = ca_import_report_get_unmatched (self, index);
  if (unmatched->n_rows == 1)
    where = g_strdup_printf (_("line %u"), unmatched->line);
  else
    where = g_strdup_printf (ngettext ("line %u and %u more row", "line %u and %u more rows",
                                       unmatched->n_rows - 1),
                             unmatched->line, unmatched->n_rows - 1);
  field = ca_import_field_title (self->kind, self->format, unmatched->field);
  choices = ca_import_join_choices (ca_import_report_get_choices (self, unmatched->field));
  return g_strdup_printf (_("“%s” (%s) is not a value Case Audit knows for “%s”. It could "
                            "be: %s."), unmatched->value, where, field, choices);
}

static int
compare_errors (gconstpointer a,
                gconstpointer b)
{
  const CaImportRowError *x = a, *y = b;

  return (x->line > y->line) - (x->line < y->line);
}

/* Errors are found row by row but some only at the end (line managers): shown by line. */
void
ca_import_report_sort_errors (CaImportReport *self)
{
  g_array_sort (self->errors, compare_errors);
}

/* For a run that did not succeed: what each value that matched nothing could be. */
gboolean
ca_import_report_add_choices (CaImportReport  *self,
                              CaDatabase      *database,
                              GError         **error)
{
  for (guint i = 0; i < self->unmatched->len; i++)
    {
      CaImportUnmatchedEntry *entry = self->unmatched->pdata[i];
      GPtrArray *choices;

      if (g_hash_table_contains (self->choices, entry->field))
        continue;
      if ((choices = ca_import_store_list_choices (database, entry->field, error)) == NULL)
        return FALSE;
      g_hash_table_insert (self->choices, g_strdup (entry->field), choices);
    }
  return TRUE;
}

/* Each remembered mapping the run used (@used, a set of CaImportRememberedValue) is named,
 * so that a wrong one can be found and changed. */
gboolean
ca_import_report_note_remembered (CaImportReport  *self,
                                  CaDatabase      *database,
                                  GHashTable      *used,
                                  GError         **error)
{
  GHashTableIter iter;
  gpointer key;
  g_autoptr(GPtrArray) values = g_ptr_array_new ();

  g_hash_table_iter_init (&iter, used);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (values, key);
  for (guint i = 0; i < values->len; i++)
    {
      CaImportRememberedValue *value = values->pdata[i];
      g_autoptr(GPtrArray) choices = ca_import_store_list_choices (database, value->field,
                                                                    error);
      g_autofree char *field = ca_import_field_in_sentence (self->kind, self->format,
                                                            value->field);
      const char *label = value->code;

      if (choices == NULL)
        return FALSE;
      for (guint c = 0; c < choices->len; c++)
        if (g_str_equal (((CaImportChoice *) choices->pdata[c])->code, value->code))
          label = ((CaImportChoice *) choices->pdata[c])->label;
      ca_import_report_add_note (self, _("Used the remembered mapping of %s “%s” to %s (%s): "
                                         "change or remove it in Preferences, under Import "
                                         "Mappings."), field, value->value, label,
                                 value->code);
    }
  return TRUE;
}

/* Audits an earlier version stored twice stay until someone decides; every audit history
 * imported says so. */
gboolean
ca_import_report_note_audit_copies (CaImportReport  *self,
                                    CaDatabase      *database,
                                    GError         **error)
{
  g_autoptr(GArray) pairs = ca_import_store_list_audit_copies (database, error);
  g_autoptr(GString) list = NULL;
  guint n;

  if (pairs == NULL)
    return FALSE;
  if ((n = pairs->len / 2) == 0)
    return TRUE;
  list = g_string_new (NULL);
  for (guint i = 0; i < pairs->len; i += 2)
    /* Translators: audit numbers: the copy, then the audit it copies. */
    g_string_append_printf (list, _("%s%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT),
                            i > 0 ? ", " : "", g_array_index (pairs, gint64, i),
                            g_array_index (pairs, gint64, i + 1));
  ca_import_report_add_note (self,
                             ngettext ("%u audit was stored twice by an earlier version of "
                                       "Case Audit. It is kept, marked as a copy (audit %s); "
                                       "no audit can be stored twice now.",
                                       "%u audits were stored twice by an earlier version of "
                                       "Case Audit. They are kept, each marked as a copy of "
                                       "the first (audits %s); no audit can be stored twice "
                                       "now.", n), n, list->str);
  return TRUE;
}
