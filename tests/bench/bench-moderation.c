// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (reports figures, asserts nothing about time): what the Moderation and Tracker
// views read on a database: the moderation queue, the agreement figures by quarter over all
// the years, and a Head of Service's tracker, each cold and warm.
// Usage: bench-moderation DATABASE

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "ca-moderation-form-store.h"
#include "ca-moderation-store.h"
#include "ca-stores.h"
#include "ca-tracker-store.h"
#include "core/ca-agreement.h"

typedef guint (*Read) (CaDatabase *database, gpointer data);

static void
fail (GError *error)
{
  g_printerr ("bench-moderation: %s\n", error->message);
  exit (1);
}

static guint
read_queue (CaDatabase *database,
            gpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = ca_moderation_store_list_queue (database, NULL, &error);

  if (items == NULL)
    fail (error);
  return items->len;
}

/* The Agreement page's work: every pair read, grouped by quarter, each group measured. */
static guint
read_agreement (CaDatabase *database,
                gpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairs = ca_moderation_store_list_agreement_pairs (database, NULL, NULL,
                                                                         &error);
  g_autoptr(GPtrArray) groups = NULL;

  if (pairs == NULL)
    fail (error);
  groups = ca_agreement_group_pairs (pairs, CA_AGREEMENT_BY_QUARTER);
  for (guint i = 0; i < groups->len; i++)
    {
      CaAgreement agreement;

      ca_agreement_measure (&((CaAgreementGroup *) groups->pdata[i])->table, &agreement);
    }
  return pairs->len;
}

/* The Agreement page's By section: every section's pair read, grouped, each measured. */
static guint
read_section_agreement (CaDatabase *database,
                        gpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairs = ca_moderation_store_list_section_pairs (database, NULL, NULL,
                                                                       &error);
  g_autoptr(GPtrArray) groups = NULL;

  if (pairs == NULL)
    fail (error);
  groups = ca_agreement_group_pairs (pairs, CA_AGREEMENT_BY_SECTION);
  for (guint i = 0; i < groups->len; i++)
    {
      CaAgreement agreement;

      ca_agreement_measure (&((CaAgreementGroup *) groups->pdata[i])->table, &agreement);
    }
  return pairs->len;
}

/* A moderation opened in the Stage 2 form: the audit's grades, the people, the form. */
static guint
read_moderation_form (CaDatabase *database,
                      gpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaModerationSheet) sheet = ca_moderation_form_store_load (database,
                                                                      *(gint64 *) data,
                                                                      &error);

  if (sheet == NULL)
    fail (error);
  return sheet->sections->len;
}

static guint
read_tracker (CaDatabase *database,
              gpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (1, 12, 2026);
  g_autoptr(GPtrArray) rows = ca_tracker_store_list (database, data, today, FALSE, &error);

  if (rows == NULL)
    fail (error);
  return rows->len;
}

static void
report (const char *name,
        CaDatabase *database,
        Read        read,
        gpointer    data,
        const char *what)
{
  double first, best = G_MAXDOUBLE;
  gint64 start = g_get_monotonic_time ();
  guint n = read (database, data);

  first = (double) (g_get_monotonic_time () - start) / 1000.0;
  for (int i = 0; i < 10; i++)
    {
      start = g_get_monotonic_time ();
      read (database, data);
      best = MIN (best, (double) (g_get_monotonic_time () - start) / 1000.0);
    }
  g_print ("%s\t%.2f ms first, %.2f ms best of 10\t%u %s\n", name, first, best, n, what);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CaDatabase) database = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (1, 12, 2026);
  g_autofree char *head = NULL;

  if (argc != 2)
    {
      g_printerr ("Usage: bench-moderation DATABASE\n");
      return 2;
    }
  database = ca_stores_open (argv[1], CA_DATABASE_OPEN_DEFAULT, &error);
  if (database == NULL)
    fail (error);

  report ("moderation-queue", database, read_queue, NULL, "waiting");
  report ("agreement-by-quarter", database, read_agreement, NULL, "moderated audits");
  report ("agreement-by-section", database, read_section_agreement, NULL, "section pairs");
  /* The last moderation of a Stage 1 audit: a form of five sections. */
  {
    g_autoptr(GPtrArray) queue = ca_moderation_store_list_queue (database, NULL, &error);
    gint64 moderation_id = 0;

    for (guint i = 0; queue != NULL && i < queue->len && moderation_id == 0; i++)
      moderation_id = ((CaModerationQueueItem *) queue->pdata[i])->id;
    if (moderation_id != 0)
      report ("moderation-form", database, read_moderation_form, &moderation_id, "sections");
  }
  report ("tracker-all", database, read_tracker, NULL, "rows");
  /* A Head of Service with an escalation, or else the first one. */
  rows = ca_tracker_store_list (database, NULL, today, TRUE, &error);
  for (guint i = 0; rows != NULL && i < rows->len && head == NULL; i++)
    head = g_strdup (((CaTrackerRow *) rows->pdata[i])->escalated_to);
  if (head != NULL)
    report ("tracker-head-of-service", database, read_tracker, head, "rows");
  return 0;
}
