// SPDX-License-Identifier: GPL-3.0-or-later
// Stage 2 moderation (R-H1–R-H4) as the database holds it: the only place with its SQL.
#pragma once

#include <gio/gio.h>

#include "ca-database.h"
#include "core/ca-agreement.h"
#include "core/ca-moderation-sample.h"

G_BEGIN_DECLS

#define CA_MODERATION_STORE_ERROR (ca_moderation_store_error_quark ())

typedef enum
{
  CA_MODERATION_STORE_ERROR_DRAWN,    /* the month's sample was drawn already */
  CA_MODERATION_STORE_ERROR_REFUSED,  /* an audit, moderator or moderation that cannot be
                                       * added or removed by hand: the message says why */
} CaModerationStoreError;

/* What a month's draw needs, as the database has it now. */
typedef struct
{
  char       *month;            /* "YYYY-MM" */
  guint       percent;          /* the team's share, or the default */
  guint       due_working_day;  /* likewise */
  guint       drawn;            /* moderations already recorded for the month, by hand or not */
  guint       drawn_by_sample;  /* of those, drawn as a sample or recorded before */
  GPtrArray  *candidates;       /* (element-type CaModerationCandidate) */
  GPtrArray  *moderators;       /* (element-type CaModerator), capacity left this month */
  GHashTable *line_managers;
  GHashTable *last_moderated;
} CaModerationMonth;

/* One moderation waiting in the queue (R-H2). */
typedef struct
{
  gint64             id;
  gint64             audit_id;
  char              *case_ref;
  char              *auditor_ref;
  char              *auditor_name;
  char              *moderator_ref;
  char              *moderator_name;
  char              *service_area;
  char              *team;
  CaGrade            overall_grade;
  CaModerationReason reason;       /* CA_MODERATION_REASON_RANDOM for older rows */
  gboolean           has_reason;
  GDate              due;          /* invalid when none was set */
} CaModerationQueueItem;

GQuark             ca_moderation_store_error_quark          (void);

CaModerationMonth *ca_moderation_store_load_month           (CaDatabase               *database,
                                                             const char               *month,
                                                             GError                  **error);
void               ca_moderation_month_free                 (CaModerationMonth        *month);
gboolean           ca_moderation_month_check_undrawn        (const CaModerationMonth  *month,
                                                             GError                  **error);
void               ca_moderation_month_fill_input           (const CaModerationMonth  *month,
                                                             const CaHolidayCalendar  *calendar,
                                                             guint64                   seed,
                                                             guint                     percent,
                                                             CaModerationInput        *input);

gboolean           ca_moderation_store_save_sample          (CaDatabase               *database,
                                                             const char               *month,
                                                             const CaModerationSample *sample,
                                                             GError                  **error);

gint64             ca_moderation_store_add_by_hand          (CaDatabase               *database,
                                                             gint64                    audit_id,
                                                             const char               *moderator_ref,
                                                             GError                  **error);
gboolean           ca_moderation_store_remove_by_hand       (CaDatabase               *database,
                                                             gint64                    moderation_id,
                                                             GError                  **error);

GPtrArray         *ca_moderation_store_list_queue           (CaDatabase               *database,
                                                             const char               *moderator_ref,
                                                             GError                  **error);
void               ca_moderation_store_list_queue_async     (CaDatabase               *database,
                                                             GCancellable             *cancellable,
                                                             GAsyncReadyCallback       callback,
                                                             gpointer                  user_data);
GPtrArray         *ca_moderation_store_list_queue_finish    (GAsyncResult             *result,
                                                             GError                  **error);
void               ca_moderation_queue_item_free            (CaModerationQueueItem    *item);

GPtrArray         *ca_moderation_store_list_agreement_pairs (CaDatabase               *database,
                                                             const char               *from_month,
                                                             const char               *to_month,
                                                             GError                  **error);

GPtrArray         *ca_moderation_store_list_section_pairs   (CaDatabase               *database,
                                                             const char               *from_month,
                                                             const char               *to_month,
                                                             GError                  **error);
void               ca_moderation_store_list_section_pairs_async (CaDatabase          *database,
                                                                 GCancellable        *cancellable,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);

void               ca_moderation_store_list_agreement_pairs_async  (CaDatabase          *database,
                                                                    GCancellable        *cancellable,
                                                                    GAsyncReadyCallback  callback,
                                                                    gpointer             user_data);
GPtrArray         *ca_moderation_store_list_agreement_pairs_finish (GAsyncResult        *result,
                                                                    GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaModerationMonth, ca_moderation_month_free)

G_END_DECLS
