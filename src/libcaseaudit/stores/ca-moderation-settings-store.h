// SPDX-License-Identifier: GPL-3.0-or-later
// The team's moderation settings (R-H1: the random share, the due working day) and who
// moderates with their monthly capacity (R-H2), as Preferences and the command line change them.
#pragma once

#include <gio/gio.h>

#include "ca-database.h"

G_BEGIN_DECLS

#define CA_MODERATION_SETTINGS_STORE_ERROR (ca_moderation_settings_store_error_quark ())

typedef enum
{
  CA_MODERATION_SETTINGS_STORE_ERROR_UNKNOWN,  /* no setting of that name */
  CA_MODERATION_SETTINGS_STORE_ERROR_CHANGED,  /* changed elsewhere since it was shown: see
                                                * STORED */
  CA_MODERATION_SETTINGS_STORE_ERROR_NOT_FOUND,  /* no one with that staff ID */
} CaModerationSettingsStoreError;

/* The names of moderation_setting's rows, and of the command line's options. */
#define CA_MODERATION_SETTING_PERCENT          "percent"
#define CA_MODERATION_SETTING_DUE_WORKING_DAY  "due-working-day"

typedef struct
{
  guint percent;          /* of a month's other audits drawn at random, 0–100, rounded up */
  guint due_working_day;  /* of the month after submission, 1–19 */
} CaModerationSettings;

/* Someone who moderates (R-H2), with their monthly capacity. */
typedef struct
{
  gint64  staff_id;
  char   *staff_ref;
  char   *name;
  char   *role_name;
  gint    role_capacity;  /* their role's number; CA_CAPACITY_NONE when the role does not
                           * moderate (a person's own number was set before a change of role) */
  gint    own_capacity;   /* their own number over the role's; CA_CAPACITY_NONE for none */
  guint   in_month;       /* moderations given them in the month's sample */
} CaModeratorCapacity;

/* What Preferences shows: the settings, and every moderator for the month's sample. */
typedef struct
{
  CaModerationSettings  settings;
  char                 *month;       /* "YYYY-MM" */
  GPtrArray            *moderators;  /* (element-type CaModeratorCapacity) */
} CaModerationSetup;

GQuark      ca_moderation_settings_store_error_quark (void);

void        ca_moderation_settings_init_defaults     (CaModerationSettings        *settings);
/* The setting NAME of SETTINGS; FALSE for a name that is none of them. */
gboolean    ca_moderation_settings_get               (const CaModerationSettings  *settings,
                                                      const char                  *name,
                                                      guint                       *value);
gboolean    ca_moderation_settings_store_load        (CaDatabase                  *db,
                                                      CaModerationSettings        *settings,
                                                      GError                     **error);

/* Stores VALUE as the setting NAME, in one transaction with its line in the change history,
 * if what is stored is still SHOWN (the number the caller showed) or already VALUE; otherwise
 * another copy of Case Audit changed it meanwhile (R-N2): nothing is written,
 * CA_MODERATION_SETTINGS_STORE_ERROR_CHANGED, with the number stored now in STORED
 * (nullable), for the person to choose. A value the rules refuse writes nothing and says why.
 * Case Audit's default is stored as no row, so that a later release's default reaches a
 * team that never changed it. */
gboolean    ca_moderation_settings_store_set         (CaDatabase                  *db,
                                                      const char                  *name,
                                                      guint                        shown,
                                                      guint                        value,
                                                      guint                       *stored,
                                                      GError                     **error);

/* Every active person who moderates, most senior role first, then by name; IN_MONTH counts
 * the moderations of MONTH's sample ("YYYY-MM"). */
GPtrArray  *ca_moderation_settings_store_list_moderators (CaDatabase              *db,
                                                          const char              *month,
                                                          GError                 **error);
/* The person with STAFF_REF, for the command line: their staff row's id, and their own
 * moderations a month in OWN_CAPACITY (CA_CAPACITY_NONE for none); 0 with ERROR set when
 * there is no one with that staff ID. */
gint64      ca_moderation_settings_store_find_staff  (CaDatabase                  *db,
                                                      const char                  *staff_ref,
                                                      gint                        *own_capacity,
                                                      GError                     **error);
void        ca_moderator_capacity_free               (CaModeratorCapacity         *moderator);
/* The number a draw uses: their own, or else their role's (0 when neither). */
guint       ca_moderator_capacity_get_capacity       (const CaModeratorCapacity   *moderator);

/* The settings and the moderators for MONTH, read on the database's worker. */
void               ca_moderation_settings_store_read_async  (CaDatabase           *db,
                                                             const char           *month,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CaModerationSetup *ca_moderation_settings_store_read_finish (CaDatabase           *db,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void               ca_moderation_setup_free                 (CaModerationSetup    *setup);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaModeratorCapacity, ca_moderator_capacity_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaModerationSetup, ca_moderation_setup_free)

G_END_DECLS
