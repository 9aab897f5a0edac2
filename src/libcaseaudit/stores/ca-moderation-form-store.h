// SPDX-License-Identifier: GPL-3.0-or-later
// The Stage 2 moderation form (R-H3) as the database holds it: read, saved as typed, submitted.
#pragma once

#include <gio/gio.h>

#include "ca-database.h"
#include "ca-form-model.h"
#include "core/ca-moderation-form.h"
#include "core/ca-tool-definition.h"

G_BEGIN_DECLS

#define CA_MODERATION_FORM_STORE_ERROR (ca_moderation_form_store_error_quark ())

typedef enum
{
  CA_MODERATION_FORM_STORE_ERROR_NOT_FOUND,     /* no such moderation */
  CA_MODERATION_FORM_STORE_ERROR_NOT_SUBMITTED, /* its audit is still a draft */
  CA_MODERATION_FORM_STORE_ERROR_SUBMITTED,     /* the moderation was submitted already */
  CA_MODERATION_FORM_STORE_ERROR_INVALID,       /* refused by the rules: see the message */
  CA_MODERATION_FORM_STORE_ERROR_UNDECIDED,     /* versions set aside still wait for a choice */
  CA_MODERATION_FORM_STORE_ERROR_NOT_DONE,      /* the moderation is not submitted yet */
} CaModerationFormStoreError;

/* The parts people play in the reflective discussion (seed 02). */
typedef enum
{
  CA_MODERATION_PART_MODERATOR,
  CA_MODERATION_PART_GROUP_MANAGER,     /* the practice manager's line manager */
  CA_MODERATION_PART_PRACTICE_MANAGER,  /* the social worker's line manager */
  CA_MODERATION_PART_SOCIAL_WORKER,     /* the case's allocated worker */
  CA_MODERATION_PART_OTHER,             /* anyone else recorded as taking part */
} CaModerationPart;

/* Someone who may take part in the reflective discussion (seed 02: the moderator, the group
 * manager, the practice manager and the social worker). */
typedef struct
{
  gint64            id;
  CaModerationPart  role;
  char   *part;   /* translated: "Moderator", "Social worker", … */
  char   *name;
  char   *email;  /* nullable */
} CaModerationPerson;

/* Everything the Stage 2 form needs: the audit as the auditor submitted it, the people of the
 * discussion, the form as last saved and exactly what is stored. */
typedef struct
{
  gint64            moderation_id;
  gint64            audit_id;
  char             *case_ref;
  char             *tool_name;
  char             *auditor_name;
  char             *worker_name;      /* nullable */
  char             *moderator_name;
  char             *audit_date;       /* ISO date; nullable */
  char             *due_date;         /* ISO date the moderation is due; nullable */
  char             *moderated_on;     /* ISO date once submitted, else NULL */
  CaGrade           auditor_overall;
  int               category;         /* 0: none */
  char             *pen_picture;      /* nullable */
  GPtrArray        *sections;         /* of CaModeratedSection: those the tool grades */
  GPtrArray        *people;           /* of CaModerationPerson */
  /* The Stage 2 tool version the moderation was made with (R-E2): the form's titles and
   * guidance, and the words of its answers. */
  CaToolDefinition *moderation_tool;
  CaModerationForm *form;
  CaModerationForm *stored;
  GPtrArray        *set_aside;        /* of CaDraftSetAside: choices still to be made */
  GPtrArray        *owners;           /* of CaActionOwner: who may own a further action */
} CaModerationSheet;

GQuark             ca_moderation_form_store_error_quark (void);

CaModerationSheet *ca_moderation_form_store_load        (CaDatabase          *database,
                                                         gint64               moderation_id,
                                                         GError             **error);
void               ca_moderation_form_store_load_async  (CaDatabase          *database,
                                                         gint64               moderation_id,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
CaModerationSheet *ca_moderation_form_store_load_finish (GAsyncResult        *result,
                                                         GError             **error);
void               ca_moderation_sheet_free             (CaModerationSheet   *sheet);
const char        *ca_moderation_sheet_part_title       (const CaModerationSheet *sheet,
                                                         const char              *part_id);
const char        *ca_moderation_sheet_difference_label (const CaModerationSheet *sheet);

const CaFormModel *ca_moderation_form_store_get_form_model (void);

gint64             ca_moderation_form_store_find_done   (CaDatabase          *database,
                                                         gint64               audit_id,
                                                         GError             **error);

gboolean           ca_moderation_form_store_submit      (CaDatabase          *database,
                                                         gint64               moderation_id,
                                                         const CaModerationForm *form,
                                                         GError             **error);
void               ca_moderation_form_store_submit_async  (CaDatabase          *database,
                                                           gint64               moderation_id,
                                                           const CaModerationForm *form,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean           ca_moderation_form_store_submit_finish (GAsyncResult        *result,
                                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaModerationSheet, ca_moderation_sheet_free)

G_END_DECLS
