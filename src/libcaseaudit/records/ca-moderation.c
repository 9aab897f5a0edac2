// SPDX-License-Identifier: GPL-3.0-or-later
// A moderator's second look at an audit and the grade they gave (R-H3).

#define G_LOG_DOMAIN "ca-moderation"

#include "config.h"

#include "ca-moderation-private.h"
#include "ca-record.h"
#include "ca-enums.h"

G_DEFINE_FINAL_TYPE (CaModeration, ca_moderation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_AUDIT_ID,
  PROP_MODERATOR,
  PROP_MODERATED_ON,
  PROP_AUDITOR_GRADE,
  PROP_OVERALL_GRADE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ca_moderation_finalize (GObject *object)
{
  CaModeration *self = (CaModeration *) object;

  g_free (self->moderator);
  g_free (self->moderated_on);

  G_OBJECT_CLASS (ca_moderation_parent_class)->finalize (object);
}

/* Where each property's value is kept. */
static const gsize members[N_PROPS] = {
  [PROP_ID] = G_STRUCT_OFFSET (CaModeration, id),
  [PROP_AUDIT_ID] = G_STRUCT_OFFSET (CaModeration, audit_id),
  [PROP_MODERATOR] = G_STRUCT_OFFSET (CaModeration, moderator),
  [PROP_MODERATED_ON] = G_STRUCT_OFFSET (CaModeration, moderated_on),
  [PROP_AUDITOR_GRADE] = G_STRUCT_OFFSET (CaModeration, auditor_grade),
  [PROP_OVERALL_GRADE] = G_STRUCT_OFFSET (CaModeration, overall_grade),
};

static void
ca_moderation_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ca_record_get_property (object, members, N_PROPS, prop_id, value, pspec);
}

static void
ca_moderation_class_init (CaModerationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ca_moderation_finalize;
  object_class->get_property = ca_moderation_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_AUDIT_ID] =
    g_param_spec_int64 ("audit-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_MODERATOR] =
    g_param_spec_string ("moderator", NULL, NULL, NULL, flags);
  properties[PROP_MODERATED_ON] =
    g_param_spec_string ("moderated-on", NULL, NULL, NULL, flags);
  properties[PROP_AUDITOR_GRADE] =
    g_param_spec_enum ("auditor-grade", NULL, NULL, CA_TYPE_GRADE, CA_GRADE_NONE, flags);
  properties[PROP_OVERALL_GRADE] =
    g_param_spec_enum ("overall-grade", NULL, NULL, CA_TYPE_GRADE, CA_GRADE_NONE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_moderation_init (CaModeration *self)
{
}

CaModeration *
ca_moderation_new (void)
{
  return g_object_new (CA_TYPE_MODERATION, NULL);
}

gint64
ca_moderation_get_id (CaModeration *self)
{
  g_return_val_if_fail (CA_IS_MODERATION (self), 0);
  return self->id;
}

gint64
ca_moderation_get_audit_id (CaModeration *self)
{
  g_return_val_if_fail (CA_IS_MODERATION (self), 0);
  return self->audit_id;
}

const char *
ca_moderation_get_moderator (CaModeration *self)
{
  g_return_val_if_fail (CA_IS_MODERATION (self), NULL);
  return self->moderator;
}

const char *
ca_moderation_get_moderated_on (CaModeration *self)
{
  g_return_val_if_fail (CA_IS_MODERATION (self), NULL);
  return self->moderated_on;
}

CaGrade
ca_moderation_get_auditor_grade (CaModeration *self)
{
  g_return_val_if_fail (CA_IS_MODERATION (self), CA_GRADE_NONE);
  return self->auditor_grade;
}

CaGrade
ca_moderation_get_overall_grade (CaModeration *self)
{
  g_return_val_if_fail (CA_IS_MODERATION (self), CA_GRADE_NONE);
  return self->overall_grade;
}
