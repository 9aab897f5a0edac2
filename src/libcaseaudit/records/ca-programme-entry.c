// SPDX-License-Identifier: GPL-3.0-or-later
// One month's audit programme for one strand (R-C1): focus, questions, dates and training.

#define G_LOG_DOMAIN "ca-programme-entry"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-programme-entry-private.h"

G_DEFINE_FINAL_TYPE (CaProgrammeEntry, ca_programme_entry, G_TYPE_OBJECT)

/* The strands of seed 04, in its order. */
static const struct
{
  const char *code;
  const char *label;
} strands[] = {
  { "social-care", N_("Children’s Social Care") },
  { "early-help", N_("Early Help") },
  { "send", N_("SEND") },
  { "dip-sample", N_("CPP dip sample") },
};

static void
ca_programme_entry_finalize (GObject *object)
{
  CaProgrammeEntry *self = (CaProgrammeEntry *) object;

  g_free (self->month);
  g_free (self->strand);
  g_free (self->focus);
  g_strfreev (self->questions);
  g_free (self->allocation_date);
  g_free (self->return_date);
  g_free (self->briefing_date);
  g_strfreev (self->training);

  G_OBJECT_CLASS (ca_programme_entry_parent_class)->finalize (object);
}

static void
ca_programme_entry_class_init (CaProgrammeEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ca_programme_entry_finalize;
}

static void
ca_programme_entry_init (CaProgrammeEntry *self)
{
  self->questions = g_new0 (char *, 1);
  self->training = g_new0 (char *, 1);
}

CaProgrammeEntry *
ca_programme_entry_new (void)
{
  return g_object_new (CA_TYPE_PROGRAMME_ENTRY, NULL);
}

/**
 * ca_programme_entry_new_edited:
 * @month: 'YYYY-MM'
 * @questions: (nullable) (array zero-terminated=1): the dip sample's questions
 * @allocation_date: (nullable): 'YYYY-MM-DD', like the two dates after it
 * @training: (nullable) (array zero-terminated=1): the training offered
 *
 * An entry as the programme editor has it, for ca_programme_store_save_entry() to check and
 * store. Blank lines of @questions and @training are left out.
 *
 * Returns: (transfer full): the entry, not yet stored (its id is 0)
 */
CaProgrammeEntry *
ca_programme_entry_new_edited (const char         *month,
                               const char         *strand,
                               const char         *focus,
                               const char * const *questions,
                               const char         *allocation_date,
                               const char         *return_date,
                               const char         *briefing_date,
                               const char * const *training)
{
  CaProgrammeEntry *self = ca_programme_entry_new ();
  const char * const *lists[] = { questions, training };
  char ***fields[] = { &self->questions, &self->training };

  self->month = g_strdup (month);
  self->strand = g_strdup (strand);
  self->focus = g_strdup (focus);
  self->allocation_date = g_strdup (allocation_date);
  self->return_date = g_strdup (return_date);
  self->briefing_date = g_strdup (briefing_date);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint j = 0; lists[i] != NULL && lists[i][j] != NULL; j++)
        {
          g_autofree char *line = g_strstrip (g_strdup (lists[i][j]));

          if (*line != '\0')
            g_strv_builder_add (builder, line);
        }
      g_strfreev (*fields[i]);
      *fields[i] = g_strv_builder_end (builder);
    }
  return self;
}

/* The strand codes in seed 04's order, for a list to choose from: NULL past the last. */
const char *
ca_programme_strand_nth (guint index)
{
  return index < G_N_ELEMENTS (strands) ? strands[index].code : NULL;
}

/* Whether STRAND is one the programme knows (the database's CHECK agrees). */
gboolean
ca_programme_strand_is_valid (const char *strand)
{
  for (guint i = 0; i < G_N_ELEMENTS (strands); i++)
    if (g_strcmp0 (strands[i].code, strand) == 0)
      return TRUE;
  return FALSE;
}

/* The strand as people see it, translated; an unknown code as it is. */
const char *
ca_programme_strand_to_label (const char *strand)
{
  for (guint i = 0; i < G_N_ELEMENTS (strands); i++)
    if (g_strcmp0 (strands[i].code, strand) == 0)
      return _(strands[i].label);
  return strand;
}

gint64
ca_programme_entry_get_id (CaProgrammeEntry *self)
{
  g_return_val_if_fail (CA_IS_PROGRAMME_ENTRY (self), 0);
  return self->id;
}

/* 'YYYY-MM'. */
const char *
ca_programme_entry_get_month (CaProgrammeEntry *self)
{
  g_return_val_if_fail (CA_IS_PROGRAMME_ENTRY (self), NULL);
  return self->month;
}

const char *
ca_programme_entry_get_strand (CaProgrammeEntry *self)
{
  g_return_val_if_fail (CA_IS_PROGRAMME_ENTRY (self), NULL);
  return self->strand;
}

const char *
ca_programme_entry_get_focus (CaProgrammeEntry *self)
{
  g_return_val_if_fail (CA_IS_PROGRAMME_ENTRY (self), NULL);
  return self->focus;
}

/* The dip sample's focus questions, in order; empty for other strands. */
const char * const *
ca_programme_entry_get_questions (CaProgrammeEntry *self)
{
  g_return_val_if_fail (CA_IS_PROGRAMME_ENTRY (self), NULL);
  return (const char * const *) self->questions;
}

/* 'YYYY-MM-DD', or %NULL when the programme gives none. */
const char *
ca_programme_entry_get_allocation_date (CaProgrammeEntry *self)
{
  g_return_val_if_fail (CA_IS_PROGRAMME_ENTRY (self), NULL);
  return self->allocation_date;
}

const char *
ca_programme_entry_get_return_date (CaProgrammeEntry *self)
{
  g_return_val_if_fail (CA_IS_PROGRAMME_ENTRY (self), NULL);
  return self->return_date;
}

const char *
ca_programme_entry_get_briefing_date (CaProgrammeEntry *self)
{
  g_return_val_if_fail (CA_IS_PROGRAMME_ENTRY (self), NULL);
  return self->briefing_date;
}

/* The training offered that month, in the programme's order. */
const char * const *
ca_programme_entry_get_training (CaProgrammeEntry *self)
{
  g_return_val_if_fail (CA_IS_PROGRAMME_ENTRY (self), NULL);
  return (const char * const *) self->training;
}
