// SPDX-License-Identifier: GPL-3.0-or-later
// One audit as the audits list keeps it: a plain row of interned strings, ordered and matched
// without an object, so tens of thousands of rows cost a few megabytes.

#define G_LOG_DOMAIN "ca-audit-row"

#include "config.h"

#include <string.h>

#include "ca-audit-row.h"

/* Interned names, by their interned string. Rows are read on the database's worker while
 * the window makes objects from rows already read, hence the lock. */
static GMutex names_lock;
static GHashTable *names;

/**
 * ca_audit_name_intern:
 *
 * The one #CaAuditName for @name: a few hundred names are shared by tens of thousands of
 * rows, so each name's collation key and folded form are worked out once, on the loading
 * thread rather than when sorting or searching. Like g_intern_string(), never freed.
 */
const CaAuditName *
ca_audit_name_intern (const char *name)
{
  const char *interned = g_intern_string (name ? name : "");
  CaAuditName *found;

  g_mutex_lock (&names_lock);
  if (names == NULL)
    names = g_hash_table_new (NULL, NULL);
  found = g_hash_table_lookup (names, interned);
  if (found == NULL)
    {
      g_autofree char *folded = g_utf8_casefold (interned, -1);
      g_autofree char *collated = g_utf8_collate_key (folded, -1);

      found = g_new (CaAuditName, 1);
      found->name = interned;
      found->key = g_intern_string (collated);
      found->folded = g_intern_string (folded);
      g_hash_table_insert (names, (gpointer) interned, found);
    }
  g_mutex_unlock (&names_lock);
  return found;
}

/* Case references are interned too: one per case, and a reload finds the same ones. */
void
ca_audit_row_set_case_ref (CaAuditRow *row,
                           const char *case_ref)
{
  g_autofree char *folded = g_utf8_casefold (case_ref ? case_ref : "", -1);

  row->case_ref = g_intern_string (case_ref);
  row->case_ref_folded = g_intern_string (folded);
}

static int
compare_text (const char *a,
              const char *b)
{
  /* Missing values (an audit not yet done has no date) sort after every value. */
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return strcmp (a, b);
}

static int
compare_int (gint64 a,
             gint64 b)
{
  return (a > b) - (a < b);
}

/* Grades best first, then the ungraded. */
static int
grade_rank (CaGrade grade)
{
  return grade == CA_GRADE_NONE ? CA_GRADE_INADEQUATE + 1 : (int) grade;
}

/**
 * ca_audit_row_compare:
 *
 * Orders two audits by one field, the way the Audits view sorts a column: names in the
 * user's collation order, dates oldest first, grades best first, missing values last.
 * Ties fall back to the newest audit first, so the order is always the same.
 */
int
ca_audit_row_compare (const CaAuditRow *a,
                      const CaAuditRow *b,
                      CaAuditField      field)
{
  int order = 0;

  switch (field)
    {
    case CA_AUDIT_FIELD_CASE_REF:
      order = compare_text (a->case_ref, b->case_ref);
      break;
    case CA_AUDIT_FIELD_SERVICE_AREA:
      order = compare_text (a->service_area->key, b->service_area->key);
      break;
    case CA_AUDIT_FIELD_TEAM:
      order = compare_text (a->team->key, b->team->key);
      break;
    case CA_AUDIT_FIELD_AUDITOR:
      order = compare_text (a->auditor->key, b->auditor->key);
      break;
    case CA_AUDIT_FIELD_TOOL:
      order = compare_text (a->tool->key, b->tool->key);
      break;
    case CA_AUDIT_FIELD_AUDIT_DATE:
      order = compare_text (a->audit_date, b->audit_date);
      break;
    case CA_AUDIT_FIELD_DUE_DATE:
      order = compare_text (a->due_date, b->due_date);
      break;
    case CA_AUDIT_FIELD_STATUS:
      order = compare_int (a->status, b->status);
      break;
    case CA_AUDIT_FIELD_GRADE:
      order = compare_int (grade_rank (a->overall_grade), grade_rank (b->overall_grade));
      break;
    case CA_AUDIT_FIELD_CATEGORY:
      order = compare_int (a->category ? a->category : CA_CATEGORY_MAX + 1,
                           b->category ? b->category : CA_CATEGORY_MAX + 1);
      break;
    default:
      g_return_val_if_reached (0);
    }

  return order != 0 ? order : compare_int (b->id, a->id);
}

/* A Category 1 audit that still waits on something: a child may be at risk, so it comes
 * first wherever audits are listed in their own order (R-I3). */
gboolean
ca_audit_row_is_urgent (const CaAuditRow *row)
{
  return row->category == 1 && row->due_kind != CA_AUDIT_DUE_NONE;
}

/* Whether the case reference, service area, team, auditor or tool contains @folded_text,
 * which the caller has already case-folded. */
gboolean
ca_audit_row_matches (const CaAuditRow *row,
                      const char       *folded_text)
{
  g_autofree char *joined = NULL;

  if (folded_text == NULL || folded_text[0] == '\0')
    return TRUE;

  if (strchr (folded_text, '\n') == NULL)
    return strstr (row->case_ref_folded, folded_text) != NULL ||
           strstr (row->service_area->folded, folded_text) != NULL ||
           strstr (row->team->folded, folded_text) != NULL ||
           strstr (row->auditor->folded, folded_text) != NULL ||
           strstr (row->tool->folded, folded_text) != NULL;

  /* Text across lines matches across fields, one field a line, as it always has. */
  joined = g_strjoin ("\n", row->case_ref_folded, row->service_area->folded, row->team->folded,
                      row->auditor->folded, row->tool->folded, NULL);
  return strstr (joined, folded_text) != NULL;
}
